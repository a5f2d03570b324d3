"""`--format github`: GitHub Actions workflow commands, one annotation per finding."""

from __future__ import annotations

import re
from pathlib import Path

from summarylint.formatters.github_format import escape_data, escape_property

from .helpers import run_cli, run_json

DIRTY = "二、工作成果\n😀本季度新增用户XX万，转化率提升到XX%。\n"
COMMAND_RE = re.compile(r"^::(?P<cmd>error|warning|notice) (?P<props>[^:]*)::(?P<message>.*)$")


def unescape_property(value: str) -> str:
    return (value.replace("%2C", ",").replace("%3A", ":").replace("%0A", "\n").replace("%0D", "\r")
            .replace("%25", "%"))


def unescape_data(value: str) -> str:
    return value.replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%")


def parse(line: str) -> tuple[str, dict[str, str], str]:
    m = COMMAND_RE.match(line)
    assert m, line
    props = dict(item.split("=", 1) for item in m.group("props").split(","))
    return m.group("cmd"), {k: unescape_property(v) for k, v in props.items()}, unescape_data(m.group("message"))


def test_escaping() -> None:
    assert escape_data("100%\r\nok: a,b") == "100%25%0D%0Aok: a,b"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    assert unescape_property(escape_property("周报 v1,2: 100%\n")) == "周报 v1,2: 100%\n"


def test_one_annotation_per_diagnostic_matching_the_json(tmp_path: Path) -> None:
    # A file name that needs every escape: comma, colon, percent.
    path = tmp_path / "Q3,周报:100%.txt"
    path.write_text(DIRTY, encoding="utf-8")
    proc = run_cli("check", "--format", "github", str(path))
    _, report, _ = run_json(str(path))
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    commands = [parse(line) for line in lines if line.startswith("::")]
    diagnostics = report["files"][0]["diagnostics"]
    assert len(commands) == len(diagnostics) > 0
    level = {"error": "error", "warning": "warning", "info": "notice"}
    for (cmd, props, message), d in zip(commands, diagnostics, strict=True):
        assert cmd == level[d["severity"]]
        assert props == {"file": str(path), "line": str(d["line"]), "col": str(d["column"]),
                         "endLine": str(d["end_line"]), "endColumn": str(d["end_column"]), "title": d["rule"]}
        assert message.startswith(f"{d['rule']} {d['message']}")
        if d["suggestion"]:
            assert message.endswith(f"\n→ {d['suggestion']}")
    # Nothing else looks like a command; the summary is a plain log line.
    assert not lines[-1].startswith("::") and "summarylint" in lines[-1]


def test_clean_file_gives_no_annotations(tmp_path: Path) -> None:
    path = tmp_path / "ok.txt"
    path.write_text("二、工作成果\n本季度新增用户3.2万。\n", encoding="utf-8")
    proc = run_cli("check", "--format", "github", "--select", "P", str(path))
    assert proc.returncode == 0
    assert [line for line in proc.stdout.splitlines() if line.startswith("::")] == []


def test_english_summary(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(DIRTY, encoding="utf-8")
    proc = run_cli("check", "--format", "github", "--lang", "en", str(path))
    assert "Placeholder" in proc.stdout and proc.stdout.splitlines()[-1].startswith("summarylint: 1 files")
