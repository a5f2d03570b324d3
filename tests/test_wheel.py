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


PLUGIN_PYPROJECT = """\
[build-system]
requires = ["hatchling"]
build-backend = "hatchling.build"

[project]
name = "summarylint-demo-plugin"
version = "1.0"

[project.entry-points."summarylint.rules"]
demo = "summarylint_demo_plugin:rules"

[tool.hatch.build.targets.wheel]
packages = ["summarylint_demo_plugin"]
"""

PLUGIN_CODE = '''\
from summarylint.diagnostics import Finding


def _smileys(doc, ctx):
    for offset, char in enumerate(doc.text):
        if char == "🙂":
            yield Finding(offset, offset + 1, {"text": char})


def rules():
    return [{"id": "X100", "name": "no-smiley", "category": "style", "severity": "warning",
             "message": {"zh": "总结里不用表情“{text}”", "en": "No emoji {text} in a summary"},
             "function": _smileys}]
'''


def _install_plugin(bindir: Path, folder: Path, code: str) -> None:
    (folder / "summarylint_demo_plugin").mkdir(parents=True)
    (folder / "pyproject.toml").write_text(PLUGIN_PYPROJECT, encoding="utf-8")
    (folder / "summarylint_demo_plugin" / "__init__.py").write_text(code, encoding="utf-8")
    subprocess.run([str(bindir / "python"), "-m", "pip", "install", "-q", str(folder)], check=True,
                   capture_output=True, timeout=600)


def test_third_party_rules_load_from_the_entry_point_group(installed: Path, tmp_path: Path) -> None:
    _install_plugin(installed, tmp_path / "plugin", PLUGIN_CODE)
    try:
        listing = subprocess.run([str(installed / "summarylint"), "rules"], capture_output=True, text=True, timeout=120)
        assert "X100" in listing.stdout and "no-smiley" in listing.stdout
        summary = tmp_path / "a.txt"
        summary.write_text("一、工作成果\n本季度完成出库186万单🙂。\n", encoding="utf-8")
        proc = subprocess.run([str(installed / "summarylint"), "check", "--select", "X", "--no-color", str(summary)],
                              capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0, proc.stderr  # a warning does not fail the default --fail-level error
        assert f"{summary}:2:13: X100" in proc.stdout and "总结里不用表情“🙂”" in proc.stdout
        broken = tmp_path / "broken"
        subprocess.run([str(installed / "python"), "-m", "pip", "uninstall", "-q", "-y", "summarylint-demo-plugin"],
                       check=True, capture_output=True, timeout=300)
        _install_plugin(installed, broken, "raise ImportError('no such module: rules_v2')\n")
        failed = subprocess.run([str(installed / "summarylint"), "check", str(summary)], capture_output=True,
                                text=True, timeout=120)
        assert failed.returncode == 2
        assert failed.stderr.strip() == ("summarylint: 插件 demo（summarylint_demo_plugin:rules）加载失败："
                                         "no such module: rules_v2")
        failed = subprocess.run([str(installed / "summarylint"), "check", "--lang", "en", str(summary)],
                                capture_output=True, text=True, timeout=120)
        assert failed.returncode == 2
        assert failed.stderr.strip() == ("summarylint: plugin demo (summarylint_demo_plugin:rules) failed to load: "
                                         "no such module: rules_v2")
    finally:
        subprocess.run([str(installed / "python"), "-m", "pip", "uninstall", "-q", "-y", "summarylint-demo-plugin"],
                       capture_output=True, timeout=300)
