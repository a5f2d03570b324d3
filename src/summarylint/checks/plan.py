"""Plan quality (SMART): plan items nobody can check next time.

L001 a plan item with no measurable target (no number, no binary deliverable such as 上线X, 交付X,
制定X的SOP); L002 an item with a target but no time bound; L003 an empty pledge (再接再厉, 以更饱满
的热情, 不断提升) with neither target nor date.

Each plan item gets at most one of the three: L001 says whether the date is missing too, L002 is
for items that only lack the date, L003 for items that are nothing but a pledge.

A time box in the plan heading (2025年工作计划, 下周计划) covers its items. In a weekly report 下周
is the time box, so an undated item there is only info.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .. import fastre
from ..diagnostics import Finding
from ..engine import RuleContext
from ..model import Document, Section
from ..registry import check
from ..text_utils import (
    DATE_RE,
    Item,
    clauses,
    count_cjk,
    doc_sections,
    has_figure,
    has_numeric_placeholder,
    has_placeholder,
    has_time_bound,
    is_lead_in,
    is_weekly,
    items,
    lexicon,
    patterns_re,
    row_text,
    table_rows,
    unit_sections,
    words_re,
)

_LEX = "plan"
_PLEDGE_SHARE = 0.35  # share of an item's CJK characters in pledges that makes it a pledge, not a plan


class PlanPoint:
    """One commitment: a plan item, or a future sentence inside a mixed section (个人成长与未来展望)."""

    __slots__ = ("aspiration", "end", "heading_time", "start", "text", "weekly")

    def __init__(self, start: int, end: int, text: str, heading_time: bool, weekly: bool,
                 aspiration: bool = False) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.heading_time = heading_time  # a heading above it gives a time box (2025年计划, 下周计划)
        self.weekly = weekly
        self.aspiration = aspiration  # a future sentence picked out of a mixed section (总结与展望)

    @property
    def has_target(self) -> bool:
        return has_figure(self.text) or has_numeric_placeholder(self.text) or _has_deliverable(self.text)

    @property
    def has_own_time(self) -> bool:
        return has_time_bound(self.text)

    @property
    def empty_phrases(self) -> list[str]:
        return _empty_phrases(self.text)


def _has_deliverable(text: str) -> bool:
    """A binary deliverable naming a checkable object: 上线新版会员系统, 制定跨部门协作SOP."""
    vague = words_re(_LEX, "vague_objects")
    deliverable = patterns_re(_LEX, "deliverable_patterns")
    return any(deliverable.search(clause) and not vague.search(clause) for _, _, clause in clauses(text))


def _empty_phrases(text: str) -> list[str]:
    return list(dict.fromkeys(m.group() for m in words_re(_LEX, "empty_commitments").finditer(text)))


def _headings(section: Section) -> Iterator[Section]:
    node: Section | None = section
    while node is not None and node.style not in ("root", "sample"):
        yield node
        node = node.parent


def _is_mixed(section: Section) -> bool:
    """个人成长与未来展望: a heading that promises more than a plan."""
    words = lexicon(_LEX)["mixed_heading_words"]
    titled = next((s for s in _headings(section) if s.kind_source == "heading" and s.title), section)
    return any(word in titled.title for word in words)


def plan_points(doc: Document, ctx: RuleContext) -> list[PlanPoint]:
    """Every commitment in the plan sections of every summary in the document (computed once per
    document and genre: L001-L003 all need them)."""
    cached = _last_points.get("doc"), _last_points.get("profile")
    if cached[0] is not doc or cached[1] != ctx.profile:  # holding doc keeps its id from being reused
        _last_points.update(doc=doc, profile=ctx.profile, points=list(_plan_points(doc, ctx)))
    points: list[PlanPoint] = _last_points["points"]
    return points


_last_points: dict[str, Any] = {}


def _plan_points(doc: Document, ctx: RuleContext) -> Iterator[PlanPoint]:
    skip = words_re(_LEX, "not_content")
    for unit in doc.units():
        weekly = is_weekly(doc, ctx, unit)
        for plan in unit_sections(unit, "plan"):
            for point in _section_points(doc.text, plan, weekly):
                if not skip.search(point.text) and count_cjk(point.text) and not _FORM_LINE_RE.fullmatch(point.text):
                    yield point  # (a lone "*" is no commitment, nor a blank form line)


# 负责人：          完成时间：    年  月  日 — fields of a form left blank (the residue rules report them).
_FORM_LINE_RE = fastre.lazy(r"(?:[ \t\u3000*]*[\u4e00-\u9fff]{1,6}[ \t]*[:：][ \t\u3000_]*(?:[年月日][ \t\u3000_]*)*)+")


def _table_points(cells: list[Item], heading_time: bool, weekly: bool) -> Iterator[PlanPoint]:
    """A plan table: one commitment per data row, its cells read with their column names."""
    for names, row in table_rows([cell.block for cell in cells]):
        yield PlanPoint(row[0].start, row[-1].end, row_text(names, [b.text for b in row]), heading_time, weekly)


def _section_points(text: str, plan: Section, weekly: bool) -> Iterator[PlanPoint]:
    future = words_re(_LEX, "future_cues")
    announced = False  # a lead-in such as 展望未来，我将从以下几个方面努力： makes the list below plan items
    cells: list[Item] = []
    for item in items(plan):
        if item.block.kind == "table_cell":
            cells.append(item)
            continue
        if cells:
            yield from _table_points(cells, _heading_time(cells[0]), _weekly(cells[0], weekly))
            cells = []
        if is_lead_in(item.text) or not item.text.strip():
            # 深化数据驱动，赋能精细化运营： heads the items below it
            announced = announced or bool(future.search(item.text))
            continue
        heading_time, item_weekly = _heading_time(item), _weekly(item, weekly)
        if not _is_mixed(item.section) or (announced and item.block.kind == "list_item"):
            yield from _points_of(text, item, heading_time, item_weekly)
            continue
        announced = False
        for sentence in item.block.sentences:  # 个人成长与未来展望: only what speaks of the future
            if future.search(sentence.text) and not is_lead_in(sentence.text):
                yield PlanPoint(sentence.start, sentence.end, sentence.text, heading_time, item_weekly,
                                aspiration=True)
    if cells:
        yield from _table_points(cells, _heading_time(cells[0]), _weekly(cells[0], weekly))


def _heading_time(item: Item) -> bool:
    return any(has_time_bound(s.title) for s in _headings(item.section))


def _weekly(item: Item, weekly: bool) -> bool:
    """A weekly report's items fall due next week — unless a heading gives the dates (下期计划（10月28日—11月10日）)."""
    return weekly and not any(DATE_RE.search(s.title) for s in _headings(item.section))


def _points_of(text: str, item: Item, heading_time: bool, weekly: bool) -> Iterator[PlanPoint]:
    """A list item is one commitment, and so is the body run in after a numbered item's short title
    (（二）学困生。9月15日前…；目标是期末成绩达到65分以上。); a paragraph holds one per sentence."""
    if item.block.kind == "list_item" or item.label:
        start = item.section.title_start if item.label else item.start
        yield PlanPoint(start, item.end, item.full_text, heading_time, weekly)
        return
    if _runs_in(text, item) or _NUMBERED_RE.match(item.text):  # 3. 618大促期间…；高峰日…: one item
        yield PlanPoint(item.start, item.end, item.text, heading_time, weekly)
        return
    if _is_signature(item.text):
        return
    for sentence in item.block.sentences:
        if not is_lead_in(sentence.text):
            yield PlanPoint(sentence.start, sentence.end, sentence.text, heading_time, weekly)


_PUNCTUATION_RE = fastre.lazy(r"[，,。；;！!？?]")
_ITEM_STYLES = frozenset({"cn-paren", "num-dot", "num-paren", "circled"})
_NUMBERED_RE = fastre.lazy(r"[ \t\u3000]*(?:\d{1,2}[.．、)）]|[（(]\d{1,2}[）)]|[（(][一二三四五六七八九十]{1,3}[）)]"
                           r"|[①-⑳])")


def _runs_in(text: str, item: Item) -> bool:
    """The item is the one body of a numbered sub-item, on its title's line: （二）学困生。9月15日前…"""
    section = item.section
    return (section.style in _ITEM_STYLES and len(section.blocks) == 1 and section.title_end <= item.start
            and "\n" not in text[section.title_end:item.start])


def _is_signature(text: str) -> bool:
    """A name, title or date line after the last section (华东二号仓　仓储主管　周敏 / 2025年1月6日)."""
    return len(text.strip()) <= 25 and not _PUNCTUATION_RE.search(text)


def _is_pledge_only(point: PlanPoint) -> bool:
    """Nothing checkable, and pledges make up much of the text (明年将再接再厉，争取更好的成绩).

    An item that plans something real but vaguely (学习XX领域知识，参加课程，不断提升…) is L001's:
    saying what it lacks helps more than calling it a pledge. A hope voiced in a 总结与展望 section
    is judged like a closing sentence: any stock pledge in it makes it one."""
    if not point.empty_phrases or point.has_target:
        return False  # (a date does not make a pledge checkable: 下半年，我们将以更饱满的热情……再上新台阶)
    if point.aspiration:
        return True
    pledged = sum(count_cjk(m.group()) for m in words_re(_LEX, "empty_commitments").finditer(point.text))
    return pledged >= _PLEDGE_SHARE * count_cjk(point.text)


@check("plan-no-target")
def plan_no_target(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    for point in plan_points(doc, ctx):
        if point.has_target or _is_pledge_only(point):
            continue
        undated = not point.has_own_time and not point.heading_time and not point.weekly
        yield Finding(point.start, point.end, {"item": _short(point.text)}, variant="undated" if undated else None)


@check("plan-no-deadline")
def plan_no_deadline(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    for point in plan_points(doc, ctx):
        if not point.has_target or point.has_own_time or has_placeholder(point.text):
            continue
        if point.weekly:
            yield Finding(point.start, point.end, {"item": _short(point.text)}, variant="weekly", severity="info")
        elif not point.heading_time:
            yield Finding(point.start, point.end, {"item": _short(point.text)})


@check("empty-commitment")
def empty_commitment(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    for point in plan_points(doc, ctx):
        if _is_pledge_only(point):
            yield Finding(point.start, point.end, {"phrases": "、".join(point.empty_phrases)})
    yield from _closing_pledges(doc)


def _closing_pledges(doc: Document) -> Iterator[Finding]:
    """Pledges outside the plan: the closing paragraph (我将以更饱满的热情……贡献自己全部的力量)."""
    future = words_re(_LEX, "future_cues")
    for section in doc_sections(doc):
        if section.kind in ("plan", "results", "intro"):
            continue
        for block in section.blocks:
            for sentence in block.sentences:
                phrases = _empty_phrases(sentence.text)
                if phrases and future.search(sentence.text) and not has_figure(sentence.text) \
                        and not _dated(sentence.text):
                    yield Finding(sentence.start, sentence.end, {"phrases": "、".join(phrases)})


def _dated(text: str) -> bool:
    """A date a reader can hold the writer to (3月底前), not a period the pledge floats in (下半年, 明年)."""
    return has_time_bound(text) and any(ch.isdigit() for ch in text)


def _short(text: str) -> str:
    text = text.replace("**", "").strip().rstrip("。；;")
    return text if len(text) <= 30 else text[:29] + "…"
