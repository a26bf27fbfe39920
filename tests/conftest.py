"""Shared test helpers: where things are, and running the plancc command as a user would."""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PLANS = ROOT / "plans"
DATA = Path(__file__).resolve().parent / "data"
INVALID = Path(__file__).resolve().parent / "invalid"

# The tests keep plancc's caches (checks, pages' accessibility reports) in a folder of their own, new for each
# run (and each worker process), never in a developer's .plancc_cache: what a test checks is checked this run.
os.environ["PLANCC_CACHE_DIR"] = tempfile.mkdtemp(prefix="plancc-test-cache-")
atexit.register(shutil.rmtree, os.environ["PLANCC_CACHE_DIR"], True)


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
