"""Shared test helpers: where things are, and running the plancc command as a user would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PLANS = ROOT / "plans"
DATA = Path(__file__).resolve().parent / "data"
INVALID = Path(__file__).resolve().parent / "invalid"


def example_plans() -> list[Path]:
    return sorted(PLANS.glob("*.yaml"))


def run_plancc(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run `plancc ARGS` in a fresh interpreter, as a user's shell would."""
    full_env = {**os.environ, "NO_COLOR": "1", **(env or {})}
    return subprocess.run([sys.executable, "-m", "plancc", *args], cwd=cwd or ROOT, env=full_env,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture
def minimal_text() -> str:
    return (DATA / "minimal.yaml").read_text(encoding="utf-8")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="Rewrite expected-output files (invalid-plan diagnostics, golden pages) from what plancc does now.")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))
