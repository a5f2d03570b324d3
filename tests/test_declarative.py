"""Declarative rule kinds (lexicon, pattern, required-section, occurrence) and YAML rule packs:
the example team pack loaded through a config file, each kind's options, and broken packs whose
errors name the file and line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from summarylint.api import Linter
from summarylint.checks.declarative import validate_options
from summarylint.config import Config, load_config
from summarylint.diagnostics import Diagnostic
from summarylint.errors import ConfigError
from summarylint.fixes import apply_fixes

from .helpers import run_cli

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE_PACK = ROOT / "rules" / "packs" / "example-team.yaml"
CASES_DIR = ROOT / "fixtures" / "rules"


def _lint(pack: Path, text: str, fmt: str = "text", only: set[str] | None = None) -> list[Diagnostic]:
    linter = Linter(Config(rule_packs=[pack]), plugins=False)
    ids = only or {rule.id for rule in linter.rules if rule.source.startswith(str(pack))}
    linter.rules = [rule for rule in linter.rules if rule.id in ids]
    report = linter.lint_text(text, "t.md" if fmt == "markdown" else "t.txt", fmt)
    assert not report.errors, report.errors
    return report.diagnostics


def _pack(tmp_path: Path, *entries: dict[str, Any]) -> Path:
    path = tmp_path / "pack.yaml"
    path.write_text(yaml.safe_dump(list(entries), allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _rule(kind: str, **options: Any) -> dict[str, Any]:
    return {"id": "X001", "name": "x", "category": "style", "severity": "warning", "kind": kind,
            "options": options, "message": "“{text}”"}


# --------------------------------------------------------------------------- fixture cases of pack rules


def _pack_cases() -> list[Any]:
    params = []
    for path in sorted(CASES_DIR.glob("D*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in data["cases"]:
            params.append(pytest.param(data, case, id=f"{data['rule']}-{case['name']}"))
    return params


@pytest.mark.parametrize(("data", "case"), _pack_cases())
def test_pack_rule_case(data: dict[str, Any], case: dict[str, Any]) -> None:
    """fixtures/rules/D*.yaml, run with the pack they name (the shared runner knows only built-in rules)."""
    text = case.get("fail", case.get("pass"))
    found = _lint(ROOT / data["pack"], text, case.get("format", "text"), {data["rule"]})
    if "pass" in case:
        assert not found, [f"{d.line}:{d.column} {d.message}" for d in found]
        return
    assert found
    if "expect" in case:
        keys = {"offset": "start", "end_offset": "end"}
        assert len(found) == len(case["expect"])
        got = [{k: getattr(d, keys.get(k, k)) for k in want} for d, want in zip(found, case["expect"], strict=True)]
        assert got == case["expect"]
    if "fix" in case:
        assert apply_fixes(text, found)[0] == case["fix"]


def test_every_pack_rule_has_cases() -> None:
    rules = Linter(Config(rule_packs=[EXAMPLE_PACK]), plugins=False).rules
    pack_ids = {rule.id for rule in rules if rule.source.startswith(str(EXAMPLE_PACK))}
    assert pack_ids == {"D001", "D002", "D003", "D004"}
    for rule_id in pack_ids:
        cases = yaml.safe_load((CASES_DIR / f"{rule_id}.yaml").read_text(encoding="utf-8"))["cases"]
        assert sum("pass" in c for c in cases) >= 2 and sum("fail" in c for c in cases) >= 2


# --------------------------------------------------------------------------- the example pack via a config file

SUMMARY = """2024年运营部工作总结
一、工作成果
以数据为抓手，全年新增用户12万，完成计划的110%。
二、下一步计划
尽快完成会员系统上线。
"""


def test_example_pack_loads_through_summarylint_toml(tmp_path: Path) -> None:
    (tmp_path / "summarylint.toml").write_text(f'rule_packs = ["{EXAMPLE_PACK.as_posix()}"]\n', encoding="utf-8")
    config = load_config(tmp_path / "summarylint.toml")
    linter = Linter(config, plugins=False)
    report = linter.lint_text(SUMMARY, "周报.txt")
    rules = {d.rule for d in report.diagnostics}
    assert {"D001", "D002", "D003"} <= rules  # jargon, no reflection part, a plan without a date
    fixed, edits = apply_fixes(SUMMARY, [d for d in report.diagnostics if d.rule == "D001"])
    assert edits == 1 and "以数据为重点" in fixed


def test_example_pack_relative_to_the_config_file(tmp_path: Path) -> None:
    team = tmp_path / "team"
    (team / "packs").mkdir(parents=True)
    (team / "packs" / "ours.yaml").write_text(EXAMPLE_PACK.read_text(encoding="utf-8"), encoding="utf-8")
    (team / "summarylint.toml").write_text('rule_packs = ["packs/ours.yaml"]\nselect = ["D"]\n', encoding="utf-8")
    (team / "a.txt").write_text(SUMMARY, encoding="utf-8")
    proc = run_cli("check", "--format", "json", str(team / "a.txt"))
    assert proc.returncode == 1, proc.stderr
    data = json.loads(proc.stdout)
    assert {d["rule"] for d in data["files"][0]["diagnostics"]} == {"D001", "D002", "D003"}


# --------------------------------------------------------------------------- broken packs name file and line

BROKEN = """\
- id: X001
  name: fine
  category: style
  severity: warning
  kind: lexicon
  options:
    terms: [赋能]
  message: "“{text}”"
- id: X002
  name: broken
  category: style
  severity: warning
  kind: lexicon
  options:
    terms: [抓手]
    scope: chapter
  message: "“{text}”"
"""


def _error(tmp_path: Path, pack_text: str) -> str:
    pack = tmp_path / "broken.yaml"
    pack.write_text(pack_text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        _lint(pack, "以数据为抓手，为团队赋能。")
    return str(info.value)


def test_bad_option_value_names_the_line_of_the_option(tmp_path: Path) -> None:
    message = _error(tmp_path, BROKEN)
    assert message.startswith(f"{tmp_path / 'broken.yaml'}:16: rule X002 (lexicon): option `scope`")
    assert "chapter" in message and "sentence" in message


@pytest.mark.parametrize(("old", "new", "line", "words"), [
    ("    scope: chapter\n", "    scopes: sentence\n", 16, "unknown option"),
    ("    terms: [抓手]\n    scope: chapter\n", "    patterns: ['[抓手']\n", 15, "valid regular expression"),
    ("    terms: [抓手]\n    scope: chapter\n", "    scope: line\n", 14, "needs option"),
    ("    scope: chapter\n", "    sections: [summary]\n", 16, "section kinds"),
    ("    scope: chapter\n", "    unless: '(('\n", 16, "regular expression"),
])
def test_each_kind_of_mistake_names_its_line(tmp_path: Path, old: str, new: str, line: int, words: str) -> None:
    message = _error(tmp_path, BROKEN.replace(old, new))
    assert message.startswith(f"{tmp_path / 'broken.yaml'}:{line}: rule X002"), message
    assert words in message


def test_unknown_kind_names_the_entry(tmp_path: Path) -> None:
    message = _error(tmp_path, BROKEN.replace("kind: lexicon\n  options:\n    terms: [抓手]",
                                              "kind: lexicn\n  options:\n    terms: [抓手]"))
    assert message.startswith(f"{tmp_path / 'broken.yaml'}:9:") and "lexicn" in message


def test_yaml_syntax_error_names_the_line(tmp_path: Path) -> None:
    pack = tmp_path / "broken.yaml"
    pack.write_text(BROKEN.replace("    terms: [抓手]", "    terms: [抓手"), encoding="utf-8")
    with pytest.raises(ConfigError, match=r"broken\.yaml:\d+: invalid YAML"):
        Linter(Config(rule_packs=[pack]), plugins=False, lang="en")


def test_cli_exits_2_with_one_line_naming_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    (tmp_path / "summarylint.toml").write_text('rule_packs = ["broken.yaml"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text(SUMMARY, encoding="utf-8")
    proc = run_cli("check", str(tmp_path / "a.txt"))
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "broken.yaml:16:" in proc.stderr and "Traceback" not in proc.stderr


def test_options_are_validated_per_kind() -> None:
    assert validate_options("lexicon", {"terms": ["赋能"], "scope": "paragraph"}) == []
    assert validate_options("pattern", {"pattern": "a(", "scope": "line"})[0][0] == "pattern"
    assert validate_options("required-section", {"kinds": []})[0][0] == "kinds"
    assert validate_options("occurrence", {"terms": ["全面"]}) == [(None, "kind occurrence needs option max_per_1000")]
    assert validate_options("lexicon", {"replacement": ["a", "b"]})[0][0] == "replacement"
    assert validate_options("pattern", {"pattern": "(a)", "replacement": {"a": "b"}})[0][0] == "replacement"
    assert validate_options("density", {"patterns": ["全面"], "max_per_1000": 5, "top": 0})[0][0] == "top"


# --------------------------------------------------------------------------- what each kind does

def test_lexicon_scopes(tmp_path: Path) -> None:
    text = "# 关于赋能的总结\n\n## 一、赋能行动\n\n团队赋能三次。\n"
    spans = {scope: [(d.line, d.column) for d in _lint(_pack(tmp_path, _rule("lexicon", terms=["赋能"],
                                                                           scope=scope)), text, "markdown")]
             for scope in ("document", "line", "paragraph", "sentence", "heading", "title")}
    assert spans["document"] == spans["line"] == [(1, 5), (3, 6), (5, 3)]
    assert spans["paragraph"] == spans["sentence"] == [(5, 3)]
    assert spans["heading"] == [(3, 6)]
    assert spans["title"] == [(1, 5)]


def test_lexicon_sections_and_unless(tmp_path: Path) -> None:
    text = "一、工作成果\n全面完成了任务。\n二、下一步计划\n全面提升服务。\n全面提升服务，满意度提到95%。\n"
    pack = _pack(tmp_path, _rule("lexicon", terms=["全面"], sections=["plan"], unless=r"\d"))
    assert [d.line for d in _lint(pack, text)] == [4]


def test_lexicon_latin_terms_match_whole_words_and_case(tmp_path: Path) -> None:
    pack = _pack(tmp_path, _rule("lexicon", terms=["PPT"], ignore_case=True))
    assert [d.column for d in _lint(pack, "做了ppt和PPTX，还有PPT。")] == [3, 14]


def test_lexicon_longest_term_wins(tmp_path: Path) -> None:
    pack = _pack(tmp_path, _rule("lexicon", terms=["进一步", "进一步加强"]))
    found = _lint(pack, "进一步加强管理。")
    assert [(d.column, d.end_column) for d in found] == [(1, 6)]


def test_pattern_groups_and_replacement(tmp_path: Path) -> None:
    entry = _rule("pattern", pattern=r"(?P<n>\d+)\s*个百分点", replacement=r"\g<n>个百分点", scope="sentence")
    entry["message"] = "{n}"
    found = _lint(_pack(tmp_path, entry), "留存率提高了 3 个百分点。")
    assert [d.message for d in found] == ["3"]
    assert apply_fixes("留存率提高了 3 个百分点。", found)[0] == "留存率提高了 3个百分点。"


def test_required_section_per_unit(tmp_path: Path) -> None:
    entry = _rule("required-section", kinds=["plan"])
    entry["message"] = "{unit}缺{kind}"
    text = ("篇一：《总结》\n一、工作成果\n全年新增用户12万人。\n二、明年计划\n3月底前上线积分商城。\n"
            "篇二：《总结》\n一、工作成果\n全年新增用户12万人。\n")
    found = _lint(_pack(tmp_path, entry), text)
    assert [(d.line, d.message) for d in found] == [(6, "篇二缺下一步计划")]


def test_occurrence_threshold(tmp_path: Path) -> None:
    entry = _rule("occurrence", terms=["全面", "进一步"], max_per_1000=50, min_count=2)
    entry["message"] = "{count}|{density}|{top}"
    dense = "全面提升，进一步加强，全面推进。"  # 3 hits in 13 CJK chars
    found = _lint(_pack(tmp_path, entry), dense)
    assert [d.message for d in found] == ["3|230.8|全面×2、进一步×1"]
    sparse = "全面提升，进一步加强。" + "全年新签客户五十七家，回款三千二百万元。" * 3  # 2 hits in 66 CJK chars
    assert _lint(_pack(tmp_path, entry), sparse) == []
