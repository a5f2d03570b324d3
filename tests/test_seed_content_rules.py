"""The content rules (Q quantification, F reflection, L plan, T style) on the user's real sample.

The seed holds three summaries (篇一/篇二/篇三). What a careful reader expects of these rules:
篇一's plan items that have neither a number nor a date are reported; the three 复盘与思考 notes
(lessons with their next step) are not treated as bad reflection; sentences whose figures are XX
placeholders are left to the placeholder rules.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from summarylint.api import Linter
from summarylint.diagnostics import Diagnostic

SEED = Path(__file__).parents[1].parent / "shared" / "seeds" / "000_e6ba67014c815739.txt"
FAMILIES = ("Q", "F", "L", "T")


@pytest.fixture(scope="module")
def seed() -> tuple[list[str], list[Diagnostic]]:
    if not SEED.is_file():
        pytest.skip(f"seed not present: {SEED}")
    text = SEED.read_text(encoding="utf-8")
    linter = Linter(plugins=False)
    linter.rules = [r for r in linter.rules if r.id.startswith(FAMILIES)]
    report = linter.lint_text(text, str(SEED))
    assert not report.errors, report.errors
    return text.splitlines(), report.diagnostics


def _line_of(lines: list[str], needle: str) -> int:
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def _on_line(diagnostics: list[Diagnostic], line: int, prefix: str = "") -> list[Diagnostic]:
    return [d for d in diagnostics if d.line == line and d.rule.startswith(prefix)]


def test_plan_items_without_number_or_date_are_reported(seed: tuple[list[str], list[Diagnostic]]) -> None:
    lines, diagnostics = seed
    items = ["学习并引入更高级的数据分析工具", "结合定量数据和定性调研", "推动建立更完善的用户标签体系",
             "与相关部门共同梳理并制定跨部门项目协作的SOP", "使用项目管理工具", "申请资源进行小范围的创新运营实验",
             "计划系统学习XX领域的知识"]
    for needle in items:
        line = _line_of(lines, needle)
        assert _on_line(diagnostics, line, "L"), f"plan item on line {line} not reported: {lines[line - 1]}"


def test_plan_group_headers_are_not_plan_items(seed: tuple[list[str], list[Diagnostic]]) -> None:
    lines, diagnostics = seed
    for needle in ("- 深化数据驱动,赋能精细化运营:", "- 优化协作流程,提升项目执行力:", "- 勇于创新探索,打造运营亮点:"):
        line = _line_of(lines, needle)
        assert not _on_line(diagnostics, line, "L"), lines[line - 1]


def test_retrospective_notes_are_not_bad_reflection(seed: tuple[list[str], list[Diagnostic]]) -> None:
    lines, diagnostics = seed
    notes = [i for i, line in enumerate(lines, 1) if line.startswith("- 复盘与思考")]
    assert len(notes) == 3
    for line in notes:
        assert not _on_line(diagnostics, line), [f"{d.rule} {d.message}" for d in _on_line(diagnostics, line)]


def test_specific_shortcomings_pass_and_the_verdict_is_reported(seed: tuple[list[str], list[Diagnostic]]) -> None:
    lines, diagnostics = seed
    assert not _on_line(diagnostics, _line_of(lines, "- 数据分析深度不足"), "F")  # 例如… 导致…
    assert not _on_line(diagnostics, _line_of(lines, "- 跨部门沟通效率有待提升"), "F")  # 导致项目进度延缓
    verdict = _on_line(diagnostics, _line_of(lines, "- 创新性尝试略显保守"), "F")
    assert [d.rule for d in verdict] == ["F001"]


def test_closing_pledges_are_reported(seed: tuple[list[str], list[Diagnostic]]) -> None:
    lines, diagnostics = seed
    for needle in ("贡献自己全部的力量", "迎接更广阔的星辰大海", "以期为公司创造更大的价值"):
        assert [d.rule for d in _on_line(diagnostics, _line_of(lines, needle), "L")] == ["L003"]


def test_placeholder_sentences_are_left_to_the_placeholder_rules(seed: tuple[list[str], list[Diagnostic]]) -> None:
    lines, diagnostics = seed
    for d in diagnostics:
        if d.rule.startswith("Q"):
            sentence = lines[d.line - 1]
            assert "XX" not in sentence[max(0, d.column - 40):d.end_column + 20], f"{d.rule} {d.line}: {d.message}"


def test_halfwidth_punctuation_is_one_finding_whose_fix_keeps_the_outline(
        seed: tuple[list[str], list[Diagnostic]]) -> None:
    lines, diagnostics = seed
    found = [d for d in diagnostics if d.rule == "T005"]
    assert len(found) == 1 and found[0].fix is not None and found[0].fix.safe
    text = "\n".join(lines)
    touched = [text[e.start:e.end] for e in found[0].fix.edits]
    assert all(old.strip() in ",:;!?.()" for old in touched)
    for edit in found[0].fix.edits:  # (一)(二)(三) open headings: structure, never rewritten
        line_start = text.rfind("\n", 0, edit.start) + 1
        assert not (text.startswith("(", line_start) and edit.start - line_start < 3), text[line_start:edit.end]


def test_no_style_noise_in_the_seed(seed: tuple[list[str], list[Diagnostic]]) -> None:
    """Each style finding on the seed names a real cliché; the whole file is not flooded."""
    _, diagnostics = seed
    style = [d for d in diagnostics if d.rule.startswith("T")]
    assert len(style) <= 10, [f"{d.rule} {d.line} {d.message}" for d in style]
