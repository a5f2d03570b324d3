from __future__ import annotations

from pathlib import Path

import pytest

from summarylint.api import Linter
from summarylint.config import Config
from summarylint.errors import ConfigError
from summarylint.registry import rule_from_entry

from .helpers import run_cli


def _entry(**extra):  # type: ignore[no-untyped-def]
    entry = {"id": "X900", "name": "boom", "category": "style", "severity": "info", "message": {"zh": "m"}}
    entry.update(extra)
    return entry


def test_a_rule_that_raises_is_reported_and_the_others_still_run() -> None:
    def boom(doc, ctx):  # type: ignore[no-untyped-def]
        raise RuntimeError("kaputt")

    for lang, message in [(None, "a.txt: 规则 X900（boom）运行出错：RuntimeError: kaputt"),
                          ("en", "a.txt: rule X900 (boom) failed: RuntimeError: kaputt")]:
        linter = Linter(plugins=False, lang=lang)
        linter.rules.append(rule_from_entry(_entry(function=boom), "test"))
        report = linter.lint_text("一、工作成果\n新增用户XX万。\n", "a.txt")
        assert report.errors == [message]
        assert any(d.rule == "P001" for d in report.diagnostics)


@pytest.mark.parametrize(("entry", "message", "chinese"), [
    (_entry(category="grammar", check="x"), "unknown category 'grammar'", "未知的类别 'grammar'"),
    (_entry(severity="fatal", check="x"), "unknown severity 'fatal'", "未知的严重级别 'fatal'"),
    (_entry(), "needs `check:`", "需要 `check:`"),
    ({"id": "X1"}, "missing name, category, severity, message", "缺少 name, category, severity, message"),
])
def test_bad_entries_are_named(entry, message, chinese) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ConfigError) as raised:
        rule_from_entry(entry, "pack.yaml:3")
    assert str(raised.value).startswith("pack.yaml:3: ") and chinese in str(raised.value)  # Chinese by default
    assert raised.value.message("en").startswith("pack.yaml:3: ") and message in raised.value.message("en")


def test_broken_rule_pack_names_file_and_line(tmp_path: Path) -> None:
    pack = tmp_path / "team.yaml"
    pack.write_text("- id: X1\n  name: a\n  category: style\n  severity: info\n  message: m\n  kind: lexicon\n"
                    "  options: {terms: [赋能]}\n- id: X2\n  name: b\n  category: nope\n", encoding="utf-8")
    (tmp_path / "summarylint.toml").write_text('rule_packs = ["team.yaml"]\n', encoding="utf-8")
    target = tmp_path / "a.txt"
    target.write_text("一、工作成果\n完成。\n", encoding="utf-8")
    proc = run_cli("check", str(target))
    assert proc.returncode == 2
    assert f"{pack}:8" in proc.stderr and "X2" in proc.stderr


def test_invalid_yaml_pack_names_the_line(tmp_path: Path) -> None:
    pack = tmp_path / "team.yaml"
    pack.write_text("- id: X1\n  name: [unclosed\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"team\.yaml:\d+: YAML 格式有误："):
        Linter(Config(rule_packs=[pack]), plugins=False)
    with pytest.raises(ConfigError, match=r"team\.yaml:\d+: invalid YAML: "):  # str() in the Linter's language
        Linter(Config(rule_packs=[pack]), plugins=False, lang="en")


def test_severity_override_does_not_leak_into_other_linters() -> None:
    overridden = Linter(Config(severity={"P001": "info"}), plugins=False)
    plain = Linter(plugins=False)
    assert next(r for r in overridden.rules if r.id == "P001").severity == "info"
    assert next(r for r in plain.rules if r.id == "P001").severity == "error"
