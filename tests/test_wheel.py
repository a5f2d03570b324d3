"""The wheel carries the rule catalogue: build it, install it (not editable) in a fresh venv, run it."""

from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path

import pytest

from .conftest import ROOT, SAMPLES


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(work / "dist"), str(ROOT)],
                   check=True, capture_output=True, timeout=600)
    wheel = next((work / "dist").glob("summarylint-*.whl"))
    venv.create(work / "venv", with_pip=True)
    bindir = work / "venv" / ("Scripts" if sys.platform == "win32" else "bin")
    subprocess.run([str(bindir / "python"), "-m", "pip", "install", "-q", str(wheel)], check=True,
                   capture_output=True, timeout=600)
    return bindir


def test_installed_wheel_checks_a_sample(installed: Path) -> None:
    proc = subprocess.run([str(installed / "summarylint"), "check", "--format", "json",
                           str(SAMPLES / "kpi_placeholders.txt")], capture_output=True, text=True, timeout=120,
                          cwd=installed)
    assert proc.returncode == 1, proc.stderr
    assert '"rule": "P001"' in proc.stdout


def test_installed_wheel_uses_its_own_rules(installed: Path) -> None:
    code = "import summarylint.data as d; print(d.rules_dir())"
    out = subprocess.run([str(installed / "python"), "-c", code], capture_output=True, text=True, check=True,
                         cwd=installed).stdout.strip()
    assert "site-packages" in out and out.endswith("summarylint/rules")
    assert Path(out, "catalogue", "placeholders.yaml").is_file()
