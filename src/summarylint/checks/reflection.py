"""Reflection quality: shortcomings a reader can learn nothing from.

F001 a shortcoming stated as a verdict only (创新性尝试略显保守) — no example, cause, consequence
or figure; F002 a stock phrase that fits anyone (工作还不够细致, 能力有待提高) with nothing specific
around it; F003 a shortcoming that no measure answers, neither in its own item nor in the plan.

Only items that confess a shortcoming in so many words (不足, 不够, 有待提升, 略显…) are judged: a
复盘 note such as 信息流渠道的潜力仍可深挖，未来需更精细化地… is a lesson, not a confession.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Finding
from ..engine import RuleContext
from ..model import Document, Section
from ..registry import check
from ..text_utils import (
    Item,
    content_words,
    enumerated_items,
    has_figure,
    has_placeholder,
    is_lead_in,
    items,
    name_bigrams,
    named_terms,
    patterns_re,
    unit_sections,
    words_re,
)

_LEX = "reflection"


def _problems(unit: Section) -> Iterator[Item]:
    """Items under a problems heading (不足, 存在的问题, 教训…) that state a shortcoming."""
    shortcoming = patterns_re(_LEX, "shortcoming_patterns")
    skip = words_re("plan", "not_content")
    for section in unit_sections(unit, "reflection"):
        for item in enumerated_items(section):
            if not _under_problem_heading(item.section) or is_lead_in(item.text) or skip.search(item.full_text):
                continue
            if shortcoming.search(item.full_text):
                yield item


def _under_problem_heading(section: Section) -> bool:
    words = words_re(_LEX, "problem_headings")
    node: Section | None = section
    while node is not None and node.style not in ("root", "sample"):
        if node.kind_source == "heading" and words.search(node.title):
            return True
        node = node.parent
    return False


def _is_specific(item: Item) -> bool:
    """An example, cause, consequence, named case or figure makes a shortcoming concrete."""
    text = item.full_text
    return bool(patterns_re(_LEX, "evidence_patterns").search(text) or has_figure(text) or has_placeholder(text))


def _stock_phrase(item: Item) -> str | None:
    m = words_re(_LEX, "stock_phrases").search(item.full_text)
    return m.group() if m else None


def _span(item: Item) -> tuple[int, int]:
    """The run-in label when there is one (it names the problem), else the item's first sentence."""
    if item.label:
        return item.section.title_start, item.section.title_end
    first = next((s for s in item.block.sentences if item.start <= s.start < item.end), None)
    return (first.start, min(first.end, item.end)) if first else (item.start, item.end)


def _quote(doc: Document, item: Item) -> str:
    start, end = _span(item)
    text = doc.text[start:end].rstrip("。；;，,")
    return text if len(text) <= 24 else text[:23] + "…"


@check("shortcoming-without-evidence")
def shortcoming_without_evidence(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    for unit in doc.units():
        for item in _problems(unit):
            if _stock_phrase(item) is None and not _is_specific(item):
                yield Finding(*_span(item), {"problem": _quote(doc, item)})


@check("generic-reflection")
def generic_reflection(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    for unit in doc.units():
        for item in _problems(unit):
            phrase = _stock_phrase(item)
            if phrase is not None and not _is_specific(item):
                start = _locate(doc, item, phrase)
                yield Finding(start, start + len(phrase), {"phrase": phrase})


def _locate(doc: Document, item: Item, phrase: str) -> int:
    if item.label and phrase in item.label:
        return item.section.title_start + item.label.index(phrase)
    return item.start + item.text.index(phrase) if phrase in item.text else item.start


@check("problem-without-remedy")
def problem_without_remedy(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    remedy = patterns_re(_LEX, "remedy_patterns")
    for unit in doc.units():
        plans = unit_sections(unit, "plan")
        if not plans:
            continue  # the missing plan section is the structure rules' finding
        problems = [p for p in _problems(unit) if not remedy.search(p.full_text) and not _is_generic(p)]
        if not problems:
            continue
        plan_texts = [item.full_text for plan in plans for item in items(plan)]
        answers = _answer_words(unit, plan_texts)
        for item in problems:
            if _linked(content_words(item.full_text), answers):
                continue
            # the problem's own heading, if it has one, and what it names in brackets: （可降解包装袋）
            pairs = name_bigrams(item.label or item.section.title) | named_terms(item.full_text)
            if any(pair in text for pair in pairs for text in plan_texts):
                continue  # the plan repeats the problem's name: 夜班交接差错较多 → 上线电子交接班系统，夜班交接类投诉…
            yield Finding(*_span(item), {"problem": _quote(doc, item)})


def _is_generic(item: Item) -> bool:
    """Generic problems are F002's finding; a remedy cannot be matched to them anyway."""
    return _stock_phrase(item) is not None and not _is_specific(item)


def _answer_words(unit: Section, plan_texts: list[str]) -> list[set[str]]:
    """Nouns of every plan item, and of reflection items that carry a measure (改进措施：…)."""
    remedy = patterns_re(_LEX, "remedy_patterns")
    answers = [content_words(text) for text in plan_texts]
    for section in unit_sections(unit, "reflection"):
        answers += [content_words(item.full_text) for item in items(section) if remedy.search(item.full_text)]
    return answers


def _linked(problem: set[str], answers: list[set[str]]) -> bool:
    """Some answer names what the problem names (数据分析, 定性调研, 玩法…)."""
    return any(problem & answer for answer in answers)
