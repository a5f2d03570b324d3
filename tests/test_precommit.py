"""The pre-commit hooks, run by the real pre-commit (`python -m pre_commit try-repo`) in a throwaway git repo.

try-repo clones the hook repository at HEAD plus its uncommitted changes to tracked files; files not
yet added to git would be missing. So the test first snapshots this checkout's working tree (tracked
and untracked files, minus ignored ones) into a temporary repository and runs try-repo on that: what
is tested is exactly what is on disk. pre-commit then builds a virtualenv and pip-installs the
package into it, with pip's own configuration (the index or wheel directory set in pip.conf).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from .conftest import ROOT, SAMPLES

pytestmark = pytest.mark.slow

DIRTY = "二、工作成果\n本季度新增用户XX万，转化率提升到XX%。\n"


def git_env(home: Path) -> dict[str, str]:
    env = dict(os.environ, GIT_AUTHOR_NAME="test", GIT_AUTHOR_EMAIL="test@example.invalid",
               GIT_COMMITTER_NAME="test", GIT_COMMITTER_EMAIL="test@example.invalid",
               PRE_COMMIT_HOME=str(home / "pre-commit-home"), PRE_COMMIT_COLOR="never", GIT_CONFIG_NOSYSTEM="1")
    env.pop("GIT_DIR", None)
    env.pop("GIT_INDEX_FILE", None)
    return env


def git(*args: str, cwd: Path, env: dict[str, str]) -> str:
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This checkout's working tree, committed into a fresh repository."""
    if shutil.which("git") is None:
        pytest.fail("git is needed to run pre-commit")
    base = tmp_path_factory.mktemp("precommit")
    env = git_env(base)
    snapshot = base / "summarylint"
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            env=env, check=True, capture_output=True).stdout.decode("utf-8").split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            target = snapshot / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    assert (snapshot / ".pre-commit-hooks.yaml").is_file()
    git("init", "-q", cwd=snapshot, env=env)
    git("add", "-A", cwd=snapshot, env=env)
    git("commit", "-q", "-m", "snapshot of the working tree", cwd=snapshot, env=env)
    return snapshot


def try_repo(hook_repo: Path, work: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = git_env(work.parent)
    return subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(hook_repo), *args],
                          cwd=work, env=env, capture_output=True, text=True, timeout=1200)


def work_repo(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    work = tmp_path / "summaries"
    work.mkdir()
    env = git_env(tmp_path)
    git("init", "-q", cwd=work, env=env)
    for name, content in files.items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        (work / name).write_bytes(data)
    git("add", "-A", cwd=work, env=env)
    return work


def word(text: str, path: Path) -> bytes:
    document = docx.Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    document.save(str(path))
    return path.read_bytes()


def test_hooks_fail_on_placeholders(hook_repo: Path, tmp_path: Path) -> None:
    work = work_repo(tmp_path, {"周报.md": DIRTY, "年报.docx": word(DIRTY, tmp_path / "a.docx"),
                                "script.py": "print('XX')\n", "notes.yaml": "a: XX\n"})
    proc = try_repo(hook_repo, work, "--all-files", "--verbose")  # every hook in the manifest
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out
    assert "summarylint.." in out and "summarylint (fix).." in out
    check_section = out.split("- hook id: summarylint\n", 1)[1].split("- hook id: summarylint-fix", 1)[0]
    assert "Failed" in out.split("- hook id: summarylint\n", 1)[0].splitlines()[-1]
    assert "周报.md:2:" in check_section and "P001" in check_section
    assert "年报.docx:2:" in check_section  # Word documents too (python-docx is in the hook's environment)
    assert "script.py" not in out and "notes.yaml" not in out  # not summaries
    fix_section = out.split("- hook id: summarylint-fix\n", 1)[1]
    assert "周报.md:2:" in fix_section and "年报.docx" not in fix_section  # --fix never gets a Word file
    assert "Traceback" not in out and "exit code: 2" not in check_section, out


def test_check_hook_passes_on_a_clean_summary(hook_repo: Path, tmp_path: Path) -> None:
    clean = (SAMPLES / "clean_annual.md").read_text(encoding="utf-8")
    work = work_repo(tmp_path, {"年终总结.md": clean})
    proc = try_repo(hook_repo, work, "summarylint", "--all-files")
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out
    assert "summarylint" in out and "Passed" in out
