"""The user's own sample (../shared/seeds): the structure and residue findings a careful reader
expects — and none they would not."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarylint.api import Linter
from summarylint.diagnostics import Diagnostic
from summarylint.fixes import apply_fixes

SEEDS = Path(__file__).parents[1].parent / "shared" / "seeds"
SEED = SEEDS / "000_e6ba67014c815739.txt"


@pytest.fixture(scope="module")
def seed() -> tuple[str, list[Diagnostic]]:
    if not SEED.exists():
        pytest.skip("the seed document (../shared/seeds) is not present")
    text = SEED.read_text(encoding="utf-8")
    linter = Linter(plugins=False)
    linter.rules = [rule for rule in linter.rules if rule.id[0] in "SR"]
    report = linter.lint_text(text, "seed.txt")
    assert not report.errors, report.errors
    return text, report.diagnostics


def _line(text: str, number: int) -> str:
    return text.split("\n")[number - 1]


def _by_rule(diagnostics: list[Diagnostic], rule: str) -> list[Diagnostic]:
    return [d for d in diagnostics if d.rule == rule]


def test_third_sample_has_no_reflection_section(seed: tuple[str, list[Diagnostic]]) -> None:
    text, diagnostics = seed
    found = _by_rule(diagnostics, "S002")
    assert [d.line for d in found] == [121]  # 篇三 only: 篇一 has 三、不足与反思, 篇二 its 复盘 parts
    assert _line(text, 121).startswith("篇三") and "篇三" in found[0].message


def test_footer_is_residue_with_a_delete_line_fix(seed: tuple[str, list[Diagnostic]]) -> None:
    text, diagnostics = seed
    found = _by_rule(diagnostics, "R001")
    assert len(found) == 1
    footer = found[0]
    line = _line(text, footer.line)
    assert line.startswith("本文由用户 alices 上传分享") and "https://www.fanwenvip.com/24689.html" in line
    assert (footer.column, footer.end_column) == (1, len(line) + 1)
    assert footer.fix is not None and footer.fix.safe
    fixed, _ = apply_fixes(text, [footer])
    assert "alices" not in fixed and fixed.rstrip().endswith("以期为公司创造更大的价值。")
    assert not _by_rule(diagnostics, "R003")  # the URL is part of the footer, reported once


def test_three_template_notes_are_residue(seed: tuple[str, list[Diagnostic]]) -> None:
    text, diagnostics = seed
    notes = _by_rule(diagnostics, "R004")
    assert [d.line for d in notes] == [4, 70, 122]
    for note in notes:
        line = _line(text, note.line)
        assert line.startswith("【本篇侧重:") and (note.column, note.end_column) == (1, len(line) + 1)
        assert note.fix is not None and note.fix.safe


def test_collection_preface_and_sample_numbering(seed: tuple[str, list[Diagnostic]]) -> None:
    _, diagnostics = seed
    preface = _by_rule(diagnostics, "R002")
    assert [d.line for d in preface] == [1] and "本文将提供数篇不同侧重的范文" in preface[0].message
    samples = _by_rule(diagnostics, "R005")
    assert [d.line for d in samples] == [2, 69, 121]
    assert all("3篇范文" in d.message for d in samples)


def test_signature_with_placeholder_is_residue_with_its_own_message(seed: tuple[str, list[Diagnostic]]) -> None:
    text, diagnostics = seed
    found = _by_rule(diagnostics, "R006")
    assert [d.line for d in found] == [68] and _line(text, 68) == "汇报人:XXX"
    assert "署名" in found[0].message and "占位符" not in found[0].message


def test_relative_periods_only(seed: tuple[str, list[Diagnostic]]) -> None:
    _, diagnostics = seed
    quoted = [d.message.split("”")[0].lstrip("“") for d in _by_rule(diagnostics, "S008")]
    assert quoted == ["本阶段", "这段时光", "过去一段时间"]


def test_no_false_alarms(seed: tuple[str, list[Diagnostic]]) -> None:
    """What the seed does right must stay silent: sections present, clean numbering, filled fields."""
    _, diagnostics = seed
    quiet = {"S001", "S003", "S004", "S005", "S006", "S007", "S009", "R003", "R007"}
    assert [f"{d.rule} {d.line} {d.message}" for d in diagnostics if d.rule in quiet] == []


def test_safe_fixes_remove_only_residue(seed: tuple[str, list[Diagnostic]]) -> None:
    text, diagnostics = seed
    fixed, edits = apply_fixes(text, diagnostics)
    assert edits == 5  # preface, three notes, footer
    assert "本篇侧重" not in fixed and "上传分享" not in fixed and "范文" not in fixed
    assert fixed.count("\n") == text.count("\n") - 5
    assert "一、 核心业绩指标总览" in fixed and "汇报人:XXX" in fixed
