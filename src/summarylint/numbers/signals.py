"""Counts about figures and metric claims, for the scorer (summarylint.scoring via signals.py).

    >>> from summarylint.parse import parse_document
    >>> doc = parse_document("一、工作成果\\n新签客户57家，目标50家，完成率114%。\\n完成了系统迁移。")
    >>> metric_signals(doc)["result_sentences_with_figure"]
    1
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .claims import MetricClaim, SentenceNumbers, document_numbers
from .quantities import Quantity

if TYPE_CHECKING:
    from ..model import Document

_RESULTS = "results"


def metric_signals(doc: Document) -> dict[str, float]:
    """Counts over the whole document; a sentence holding a placeholder (XX%) counts as having no figure.

    Keys (all numbers):

    ``metric_claims``
        concrete metric claims: a metric with a figure (新签客户57家, 留存率从20%提升至25%,
        计划10万/实际11万/完成率110%, 环比增长15%, 占比60%). Narrative counts spelled in words
        (两次, 三个) are not metric claims.
    ``baseline_claims``
        metric claims with a baseline: a from / earlier figure (由…, 比上年的…, 2023年为…), a plan or
        target, a completion rate, or a named comparison (同比, 环比, 较上年).
    ``baseline_share``
        ``baseline_claims / metric_claims`` (0.0 when there are no claims).
    ``result_sentences``
        sentences in sections of kind ``results``.
    ``result_sentences_with_figure``
        those of them that carry at least one concrete figure.
    ``result_figure_share``
        ``result_sentences_with_figure / result_sentences`` (0.0 when there are none).
    ``result_metric_claims`` / ``result_baseline_claims``
        the two claim counts restricted to ``results`` sections.
    """
    numbers = document_numbers(doc)
    claims = result_claims = baseline = result_baseline = 0
    result_sentences = with_figure = 0
    for sentence in numbers.sentences:
        in_results = sentence.section_kind == _RESULTS
        concrete = [] if sentence.placeholder else [c for c in sentence.claims if is_concrete(c)]
        with_baseline = sum(1 for c in concrete if c.has_baseline)
        claims += len(concrete)
        baseline += with_baseline
        if in_results:
            result_sentences += 1
            with_figure += _has_figure(sentence)
            result_claims += len(concrete)
            result_baseline += with_baseline
    return {
        "metric_claims": claims,
        "baseline_claims": baseline,
        "baseline_share": round(baseline / claims, 3) if claims else 0.0,
        "result_sentences": result_sentences,
        "result_sentences_with_figure": with_figure,
        "result_figure_share": round(with_figure / result_sentences, 3) if result_sentences else 0.0,
        "result_metric_claims": result_claims,
        "result_baseline_claims": result_baseline,
    }


def is_concrete_figure(q: Quantity) -> bool:
    """A figure a reader can check: not a small count spelled in words (两次, 三个, 一批)."""
    if not q.spelled:
        return True
    return q.unit in ("%", "pp", "倍") or q.value >= 10


def is_concrete(claim: MetricClaim) -> bool:
    return any(is_concrete_figure(q) for q in claim.quantities)


def _has_figure(sentence: SentenceNumbers) -> int:
    if sentence.placeholder:
        return 0
    return int(any(is_concrete_figure(q) for q in sentence.quantities))
