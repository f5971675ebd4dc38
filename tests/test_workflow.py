"""The Pages workflow: clean under actionlint and zizmor, pinned, and built for GitHub's hosted runner."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from build_scripts.paths import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"
BIN = Path(sys.executable).parent
PINNED = re.compile(r"^[\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$")


def lint(folder: Path) -> list[subprocess.CompletedProcess[str]]:
    """actionlint and zizmor over a repository folder, as `make lint` runs them."""
    return [
        subprocess.run([str(BIN / "actionlint")], cwd=folder, capture_output=True, text=True),
        subprocess.run([str(BIN / "zizmor"), "--offline", "--persona=pedantic", ".github/"], cwd=folder,
                       capture_output=True, text=True),
    ]


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def test_actionlint_and_zizmor_find_nothing() -> None:
    for result in lint(ROOT):
        assert result.returncode == 0, result.stdout + result.stderr


def test_the_linters_catch_a_retired_runtime_and_an_unpinned_action(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)  # actionlint finds workflows in a repository
    (tmp_path / ".github").mkdir()
    shutil.copytree(ROOT / ".github" / "workflows", tmp_path / ".github" / "workflows")
    copy = tmp_path / ".github" / "workflows" / "pages.yml"
    text = copy.read_text()
    copy.write_text(re.sub(r"actions/checkout@[0-9a-f]{40} # v[\d.]+", "actions/checkout@v4", text))
    actionlint, zizmor = lint(tmp_path)
    assert actionlint.returncode != 0 and 'runtime "node20" is deprecated' in actionlint.stdout
    assert zizmor.returncode != 0 and "unpinned-uses" in zizmor.stdout + zizmor.stderr


def test_every_action_is_pinned_to_a_commit_with_its_release_in_a_comment() -> None:
    uses = [line.split("uses:", 1)[1].strip() for line in WORKFLOW.read_text().splitlines() if "uses:" in line]
    assert len(uses) >= 6
    for ref in uses:
        assert PINNED.match(ref), ref


def test_browsers_come_from_the_runner_image_never_from_apt() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text())
    scripts = "\n".join(step.get("run", "") for step in steps(workflow))
    # apt brings epubcheck for the EPUB test, and nothing else: Ubuntu's apt chromium is a snap wrapper
    installs = re.findall(r"apt-get install ([^\n]*)", scripts)
    assert installs == ["-y -qq epubcheck"] and "snap" not in scripts and "chromium" not in " ".join(installs)
    assert 'chrome="$(command -v google-chrome)"' in scripts and 'echo "CHROMIUM=$chrome"' in scripts


def test_pull_requests_are_tested_and_only_main_deploys() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text())
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]
    assert workflow["permissions"] == {}  # each job asks for what it needs
    only_main = "github.event_name != 'pull_request' && github.ref == 'refs/heads/main'"
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert build["permissions"] == {"contents": "read", "pages": "read"}
    assert deploy["if"] == only_main and deploy["permissions"] == {"pages": "write", "id-token": "write"}
    runs = [step.get("run") for step in build["steps"]]
    assert "make test" in runs and "make lint" in runs
    for step in build["steps"]:
        publishing = step.get("run") == "make publish" or "pages" in step.get("uses", "")
        if publishing:
            assert step["if"] == only_main, step
    for step in build["steps"]:
        if "actions/checkout@" in step.get("uses", ""):
            assert step["with"]["persist-credentials"] is False and step["with"]["fetch-depth"] == 0


@pytest.mark.parametrize("runtime", ["python-version", "node-version"])
def test_runtimes_are_pinned(runtime: str) -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text())
    versions = [step["with"][runtime] for step in steps(workflow) if runtime in step.get("with", {})]
    assert versions == [{"python-version": "3.11", "node-version": "22"}[runtime]]
