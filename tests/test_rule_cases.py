"""Rule behaviour from YAML fixture cases (fixtures/rules/<RULE>.yaml), sqlfluff-style.

Each case is `pass:` (no diagnostic of the rule) or `fail:` (at least one; with `expect:`,
exactly those positions, in order; with `fix:`, the text after this rule's safe fixes).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from summarylint.api import Linter
from summarylint.config import Config
from summarylint.fixes import apply_fixes
from summarylint.registry import all_rules

ROOT = Path(__file__).resolve().parents[1]
CASES_DIR = ROOT / "fixtures" / "rules"
_POSITION_KEYS = ("line", "column", "end_line", "end_column", "offset", "end_offset")


def _load_cases() -> list[Any]:
    params = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in data["cases"]:
            case = {**case, "_pack": data.get("pack")}
            params.append(pytest.param(data["rule"], case, id=f"{data['rule']}-{case['name']}"))
    return params


_LINTERS: dict[str, Linter] = {}


def _linter(rule_id: str, pack: str | None) -> Linter:
    """A linter running only this rule (from the built-in catalogue, or from the case file's `pack:`)."""
    if rule_id not in _LINTERS:
        config = Config(rule_packs=[ROOT / pack]) if pack else None
        linter = Linter(config, plugins=False)
        linter.rules = [r for r in linter.rules if r.id == rule_id]
        assert linter.rules, f"fixture names unknown rule {rule_id}"
        _LINTERS[rule_id] = linter
    return _LINTERS[rule_id]


@pytest.mark.parametrize(("rule_id", "case"), _load_cases())
def test_rule_case(rule_id: str, case: dict[str, Any]) -> None:
    fmt = case.get("format", "text")
    linter = _linter(rule_id, case["_pack"])
    text = case.get("fail", case.get("pass"))
    assert isinstance(text, str), "a case needs `pass:` or `fail:` text"
    report = linter.lint_text(text, "case.md" if fmt == "markdown" else "case.txt", fmt)
    assert not report.errors, report.errors
    found = [d for d in report.diagnostics if d.rule == rule_id]
    if "pass" in case:
        assert not found, [f"{d.line}:{d.column} {d.message}" for d in found]
        return
    assert found, f"{rule_id} did not fire on: {text!r}"
    if "expect" in case:
        got = [{k: getattr(d, _attr(k)) for k in want} for d, want in zip(found, case["expect"], strict=False)]
        assert len(found) == len(case["expect"]), [f"{d.line}:{d.column}-{d.end_column} {d.message}" for d in found]
        assert got == case["expect"]
    if "fix" in case:
        fixed, _ = apply_fixes(text, found)
        assert fixed == case["fix"]


def _attr(key: str) -> str:
    return {"offset": "start", "end_offset": "end"}.get(key, key)


def test_every_rule_has_cases() -> None:
    """A rule without fixture cases does not exist: at least two failing and two passing cases each."""
    counts: dict[str, dict[str, int]] = {}  # built-in rules only: pack rules are checked with their pack
    for path in CASES_DIR.glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        tally = counts.setdefault(data["rule"], {"pass": 0, "fail": 0})
        for case in data["cases"]:
            tally["pass" if "pass" in case else "fail"] += 1
    missing = [rule.id for rule in all_rules(plugins=False)
               if counts.get(rule.id, {}).get("pass", 0) < 2 or counts.get(rule.id, {}).get("fail", 0) < 2]
    assert not missing, f"rules with fewer than 2 pass + 2 fail cases: {missing}"
