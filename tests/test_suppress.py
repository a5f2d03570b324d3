"""Suppression comments (<!-- summarylint-disable … -->), in Markdown and plain text alike."""

from __future__ import annotations

import pytest

from summarylint import lint_text
from summarylint.diagnostics import Diagnostic
from summarylint.suppress import filter_suppressed, parse_suppressions


def _diag(line: int, rule: str = "P001", name: str = "latin-placeholder") -> Diagnostic:
    return Diagnostic(rule, name, "placeholder", "error", "", "", 0, 1, line, 1, line, 2)


def _kept(text: str, *diagnostics: Diagnostic) -> list[tuple[int, str]]:
    return [(d.line, d.rule) for d in filter_suppressed(text, diagnostics)]


def test_block_disable_and_enable() -> None:
    text = "a\n<!-- summarylint-disable P001 -->\nb\nc\n<!-- summarylint-enable -->\nd\n"
    assert _kept(text, *(_diag(n) for n in range(1, 7)), _diag(3, "R001", "x")) == [
        (1, "P001"), (5, "P001"), (6, "P001"), (3, "R001")]


def test_disable_without_a_list_means_every_rule_until_the_end() -> None:
    text = "a\n<!-- summarylint-disable -->\nb\n"
    assert _kept(text, _diag(1), _diag(3), _diag(3, "S002", "missing-reflection")) == [(1, "P001")]


def test_enable_one_rule_while_all_are_off() -> None:
    text = "<!-- summarylint-disable -->\na\n<!-- summarylint-enable R001 -->\nb\n<!-- summarylint-enable -->\nc\n"
    kept = _kept(text, _diag(2), _diag(2, "R001", "x"), _diag(4), _diag(4, "R001", "x"), _diag(6))
    assert kept == [(4, "R001"), (6, "P001")]


def test_next_line_skips_blank_lines_and_is_one_line_only() -> None:
    text = "<!-- summarylint-disable-next-line P001 -->\n\n汇报人：XXX\n日期：XX\n"
    assert _kept(text, _diag(3), _diag(4)) == [(4, "P001")]


def test_disable_line_at_the_end_of_the_line() -> None:
    text = "新增用户XX万 <!-- summarylint-disable-line P001 -->\n转化率XX%\n"
    assert _kept(text, _diag(1), _diag(2)) == [(2, "P001")]


@pytest.mark.parametrize("key", ["P001", "p001", "latin-placeholder", "P", "P00", "P001,R001", "R001 P001"])
def test_rules_by_id_name_or_prefix(key: str) -> None:
    text = f"<!-- summarylint-disable-next-line {key} -->\nXX\n"
    assert _kept(text, _diag(2)) == []


@pytest.mark.parametrize("key", ["P002", "latin", "R"])
def test_other_rules_stay_on(key: str) -> None:
    text = f"<!-- summarylint-disable-next-line {key} -->\nXX\n"
    assert _kept(text, _diag(2)) == [(2, "P001")]


def test_not_a_directive() -> None:
    text = "<!-- summarylint-disabled P001 -->\n<!-- summarylint-enable-all -->\n<!-- 备注 -->\nXX\n"
    assert _kept(text, _diag(4)) == [(4, "P001")]
    assert parse_suppressions(text).block_lines == []


def test_no_comment_no_change() -> None:
    diagnostics = [_diag(1), _diag(2)]
    assert filter_suppressed("plain text", diagnostics) == diagnostics


TEXT = """2024年运营部工作总结
一、工作成果
新增用户XX万，完成率XX%。
<!-- summarylint-disable-next-line P001 -->
付费转化率XX%。
<!-- summarylint-disable P001 -->
客单价XX元。
<!-- summarylint-enable P001 -->
复购率XX%。<!-- summarylint-disable-line P001 -->
留存率XX%。
"""


@pytest.mark.parametrize(("path", "fmt"), [("a.txt", "text"), ("a.md", "markdown")])
def test_through_the_linter_in_text_and_markdown(path: str, fmt: str) -> None:
    report = lint_text(TEXT, path=path, fmt=fmt)
    lines = sorted({d.line for d in report.diagnostics if d.rule == "P001"})
    assert lines == [3, 10]


def test_suppressed_findings_do_not_count_in_the_score() -> None:
    quiet = "<!-- summarylint-disable P001 -->\n" + TEXT
    quiet_score, loud_score = lint_text(quiet, path="a.txt").score, lint_text(TEXT, path="a.txt").score
    assert quiet_score.categories["placeholder"] > loud_score.categories["placeholder"]
