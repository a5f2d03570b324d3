"""Quantification: claims of results that a reader cannot check.

Q001 a claim of achievement (提升了, 超额完成) with no figure; Q002 vague intensity (显著, 大幅,
有所改善) standing in for a number; Q003 a rate or amount given as a result with nothing to compare
it to; Q004 a money or rate figure without its unit.

All four look only at `results` sections, and all stay silent where a placeholder (XX%, XX万) is
left in the sentence: the placeholder rules already report it, and once filled in the figure
may well be there.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .. import fastre
from ..diagnostics import Finding
from ..engine import RuleContext
from ..model import Block, Document, Section, Sentence
from ..registry import check
from ..text_utils import (
    WordList,
    clause_at,
    content_words,
    doc_sections,
    find_figures,
    has_figure,
    has_placeholder,
    lexicon,
    patterns_re,
    words_re,
)

_LEX = "quantification"


def _relaxed(ctx: RuleContext) -> str | None:
    """A methodology piece argues more than it measures: findings drop to info there."""
    return "info" if ctx.profile == "methodology" else None


class _Scope:
    """A results sentence and where it sits."""

    __slots__ = ("block", "index", "overview", "section", "sentence")

    def __init__(self, sentence: Sentence, block: Block, index: int, section: Section, overview: bool = False) -> None:
        self.sentence = sentence
        self.block = block
        self.index = index  # of the sentence in its block
        self.section = section
        self.overview = overview  # in the section's opening paragraph, which the items below back up

    def backing(self, pos: int) -> str:
        """The text that may back a claim made at pos (relative to the sentence): its clause and what
        follows it in the sentence, plus the next sentence (明显提高。全年9篇，上年4篇。), or the rest
        of the item when the claim opens a list item (`- 交付周期明显缩短：由21天降到16天`). A figure
        before the claim, in another clause, backs something else (排查异常2起，数据质量有所改善)."""
        clause_start, _ = clause_at(self.sentence.text, pos)
        text = self.sentence.text[clause_start:]
        if self.index == 0 and self.block.kind == "list_item":
            return text + self.block.text[self.sentence.end - self.block.start:]
        following = self.block.sentences[self.index + 1].text if self.index + 1 < len(self.block.sentences) else ""
        return text + (following if _goes_on_about(text, following) else "")


def _goes_on_about(claim: str, following: str) -> bool:
    """Whether the next sentence speaks of what the claim does (质量明显提高。全年9篇，上年4篇。), not of
    something else (思想觉悟有了很大提高。同时，23名学生递交入党申请书。 / 有12名同学获得奖学金。)."""
    if _NEW_TOPIC_RE.match(following):
        return False
    words = content_words(following)
    return not words or not words.isdisjoint(content_words(claim))


_NEW_TOPIC_RE = fastre.lazy(r"[ \t\u3000]*(?:同时|此外|另外|另一方面|与此同时|其次|再次|还|并且|而且)")


def _result_sentences(doc: Document) -> Iterator[_Scope]:
    return iter(_scopes(doc))


def _scopes(doc: Document) -> list[_Scope]:
    """The results sentences of doc, with whether each opens a section as its overview (found once per
    document: all four rules read them)."""
    store = doc.__dict__.setdefault("_summarylint_quantification", {})
    if "scopes" not in store:
        scopes = []
        for section in doc_sections(doc):
            if section.kind != "results" or _is_goal_section(section):
                continue
            for block in section.blocks:
                overview = _is_overview(section, block)
                for i, sentence in enumerate(block.sentences):
                    scopes.append(_Scope(sentence, block, i, section, overview))
        store["scopes"] = scopes
    found: list[_Scope] = store["scopes"]
    return found


def _is_goal_section(section: Section) -> bool:
    """工作目标, 实施策略: what was aimed at or how, not what came of it."""
    titles = tuple(lexicon(_LEX)["goal_titles"])
    return any(word in section.title for word in titles) and section.style in ("runin", "runin-bullet",
                                                                                  "label", "label-bullet")


def _is_overview(section: Section, block: Block) -> bool:
    """A section's opening paragraph that the items below back up (各项指标均取得了不同程度的增长)."""
    if block.kind != "paragraph" or not section.blocks or block is not section.blocks[0]:
        return False
    rest = [b.text for sec in section.walk() for b in sec.blocks if b is not block]
    return any(has_figure(text) or has_placeholder(text) for text in rest)


def _unbacked(scope: _Scope, pos: int) -> bool:
    """No figure backs what is claimed at pos (0: anywhere in the sentence)."""
    backing = scope.backing(pos)
    return not has_figure(backing) and not has_placeholder(scope.sentence.text + backing)


@check("claim-without-figure")
def claim_without_figure(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    claims = patterns_re(_LEX, "claim_patterns")
    vague = patterns_re(_LEX, "vague_patterns")
    intent = words_re(_LEX, "intent_cues")
    for scope in _result_sentences(doc):
        text = scope.sentence.text
        m = claims.search(text)
        if not m or vague.search(text) or intent.search(text[:m.start()]) or not _unbacked(scope, 0):
            continue  # vague wording is Q002's to report; 为了提升… is a purpose, not a claim
        if scope.overview:
            continue
        start, end = clause_at(text, m.start())
        base = scope.sentence.start
        yield Finding(base + start, base + end, {"claim": text[start:end]}, severity=_relaxed(ctx))


@check("vague-intensity")
def vague_intensity(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    vague = patterns_re(_LEX, "vague_patterns")
    for scope in _result_sentences(doc):
        if scope.overview:
            continue
        seen_clauses: set[int] = set()
        for m in vague.finditer(scope.sentence.text):
            clause_start, _ = clause_at(scope.sentence.text, m.start())
            if clause_start in seen_clauses or not _unbacked(scope, m.start()):
                continue
            seen_clauses.add(clause_start)
            start = scope.sentence.start + m.start()
            yield Finding(start, start + len(m.group()), {"phrase": m.group()}, severity=_relaxed(ctx))
    yield from _vague_runin_titles(doc, ctx, vague)


def _vague_runin_titles(doc: Document, ctx: RuleContext, vague: re.Pattern[str]) -> Iterator[Finding]:
    """Run-in labels are headlines too: `- 用户粘性显著提升：` with nothing under it to back it."""
    for section in doc_sections(doc):
        if section.kind != "results" or section.style not in ("runin", "runin-bullet"):
            continue
        m = vague.search(section.title)
        body = section.body_text()
        if m and not has_figure(body) and not has_placeholder(section.title + body):
            start = section.title_start + m.start()
            yield Finding(start, start + len(m.group()), {"phrase": m.group()}, severity=_relaxed(ctx))


@check("figure-without-baseline")
def figure_without_baseline(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    cues = words_re(_LEX, "comparison_cues")
    baseline_year = fastre.compile(lexicon(_LEX)["baseline_year"])
    attained = fastre.compile(lexicon(_LEX)["attained_before"])
    amounts = words_re(_LEX, "result_amounts")
    for scope in _result_sentences(doc):
        text = scope.sentence.text
        if cues.search(text) or baseline_year.search(text) or has_placeholder(text):
            continue
        if scope.index > 0 and scope.block.kind == "list_item" and cues.search(scope.block.sentences[0].text):
            continue  # the item's headline (KR1：留存率从31%提升到36%) gives the baseline its details refer to
        figures = find_figures(text)
        if len(figures) > 1 and _ACTUAL_RE.search(text):
            continue  # 触达率达到90% —— 实际92%: a target and the actual figure, each the other's baseline
        for figure in figures:
            clause_start, _ = clause_at(text, figure.start)
            lead = text[clause_start:figure.start]
            rate = figure.is_percent and "百分点" not in figure.unit
            money = figure.is_money and amounts.search(lead)
            if (rate or money) and attained.search(lead):
                base = scope.sentence.start
                yield Finding(base + figure.start, base + figure.unit_end,
                              {"figure": text[figure.start:figure.unit_end]})
                break  # one per sentence: the reader's question is the same for each figure in it


_ACTUAL_RE = fastre.lazy(r"实际|实绩|实到")


@check("figure-without-unit")
def figure_without_unit(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    amounts = words_re(_LEX, "amount_metrics")
    rates = words_re(_LEX, "rate_metrics")
    exempt = words_re(_LEX, "unit_exempt")
    for scope in _result_sentences(doc):
        text = scope.sentence.text
        for figure in find_figures(text):
            if figure.unit or not re.match(r"\d", figure.text):
                continue
            clause_start, _ = clause_at(text, figure.start)
            lead = text[clause_start:figure.start]
            if exempt.search(lead[-6:]):
                continue
            metric = _metric_before(lead, amounts, rates)
            if metric is None:
                continue
            start = scope.sentence.start + figure.start
            yield Finding(start, start + len(figure.text), {"figure": figure.text, "metric": metric[0]},
                          variant=metric[1])


_METRIC_TAIL_RE = fastre.lazy(r"([^\d，,。；;]{1,12}?)(?:为|达到?|是|约|共计?|累计|由|从|[:：])?\s*$")


def _metric_before(lead: str, amounts: WordList, rates: WordList) -> tuple[str, str] | None:
    """The metric a bare number belongs to, when it stands right before it (营收1200, 转化率为3.5)."""
    tail = _METRIC_TAIL_RE.search(lead)
    if not tail:
        return None
    words = tail.group(1)
    if m := amounts.search(words):
        return m.group(), "amount"
    if (m := rates.search(words)) and words.endswith(m.group()):
        return m.group(), "rate"
    return None
