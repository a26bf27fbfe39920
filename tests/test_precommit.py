"""plancc as a pre-commit hook, run by pre-commit itself in a repository the test creates."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import PLANS, ROOT


def test_pre_commit_hook_passes_good_plans_and_stops_bad_ones(tmp_path: Path) -> None:
    repo = tmp_path / "council-plans"
    (repo / "plans").mkdir(parents=True)
    shutil.copy(PLANS / "staffordshire-ni16-2010.yaml", repo / "plans")
    (repo / "plans" / "new-plan.yaml").write_text("title: New plan\nstatus: final\n", encoding="utf-8")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "NO_COLOR": "1"}
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    pre_commit = str(Path(sys.executable).parent / "pre-commit")

    def hook(*files: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([pre_commit, "try-repo", str(ROOT), "plancc-check", "--files", *files], cwd=repo,
                              env=env, capture_output=True, text=True, timeout=600)

    bad = hook("plans/new-plan.yaml", "plans/staffordshire-ni16-2010.yaml")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "plans/new-plan.yaml:2:9: error [schema-enum]" in bad.stdout
    assert "plancc check" in bad.stdout and "Failed" in bad.stdout
    good = hook("plans/staffordshire-ni16-2010.yaml")
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Passed" in good.stdout
