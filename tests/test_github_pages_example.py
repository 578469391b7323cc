"""examples/github-pages/: the workflow uses the official Pages actions and exports with pyinterface.

Its export step is run here exactly as written (``pyinterface`` being this checkout's command);
tests/e2e/test_export_pages.py serves the result under a sub-path in Chromium.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "github-pages"
WORKFLOW = EXAMPLE / ".github" / "workflows" / "pages.yml"


def workflow() -> dict[str, Any]:
    return yaml.safe_load(WORKFLOW.read_text())


def steps(job: str) -> list[dict[str, Any]]:
    return workflow()["jobs"][job]["steps"]


def export_command() -> list[str]:
    """The workflow's export step, as argv."""
    (command,) = [step["run"] for step in steps("build") if "pyinterface export" in step.get("run", "")]
    return shlex.split(command)


def run_example_export(work: Path) -> Path:
    """Copy the example to ``work`` and run the workflow's export step there; return the site folder."""
    shutil.copytree(EXAMPLE, work, dirs_exist_ok=True)
    argv = export_command()
    assert argv[0] == "pyinterface"
    command = [sys.executable, "-m", "pyinterface", *argv[1:]]
    subprocess.run(command, cwd=work, check=True, capture_output=True, text=True)
    return work / argv[argv.index("--out") + 1]


def test_the_workflow_publishes_with_the_official_pages_actions() -> None:
    uses = [step.get("uses", "").split("@")[0] for job in ("build", "deploy") for step in steps(job)]
    official = ("actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages")
    assert [uses.index(name) for name in official] == sorted(uses.index(name) for name in official)
    flow = workflow()
    assert flow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    deploy = flow["jobs"]["deploy"]
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    (upload,) = [step for step in steps("build") if step.get("uses", "").startswith("actions/upload-pages-artifact")]
    assert upload["with"]["path"] == export_command()[export_command().index("--out") + 1]


def test_the_workflow_installs_the_published_distribution() -> None:
    import tomllib

    name = tomllib.loads((EXAMPLE.parents[1] / "pyproject.toml").read_text())["project"]["name"]
    assert any(step.get("run", "").split()[-1:] == [name] for step in steps("build")), f"pip install {name}"


def test_its_export_step_writes_a_site_for_github_pages(tmp_path: Path) -> None:
    site = run_example_export(tmp_path / "repo")
    assert (site / ".nojekyll").is_file() and (site / "pyinterface.js").is_file()
    assert (site / "app" / "app.py").read_text() == (EXAMPLE / "app.py").read_text()
    assert not (site / "app" / "README.md").exists(), "only what the app uses is published"
