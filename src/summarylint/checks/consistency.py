"""Consistency: figures that do not add up (rule catalogue §C).

The reading (which figure is the plan, the level before, the change…) is done once per document
by summarylint.numbers.claims; the arithmetic and the tolerance policy live in
summarylint.numbers.arithmetic. This module only turns the issues into worded findings: every
message says what the numbers actually give (``11万 ÷ 10万 = 110%，但文中写的是105%``).

A sentence that holds a placeholder (XX, 某某, 【请填写】) is never reported: the numbers in it
are not final.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..diagnostics import Edit, Finding, Fix
from ..engine import RuleContext
from ..model import Document
from ..numbers.arithmetic import (
    Issue,
    breakdown_issues,
    change_issues,
    completion_issues,
    format_number,
    share_issues,
    share_rate_issues,
)
from ..numbers.claims import DocumentNumbers, MetricClaim, document_numbers, share_runs
from ..numbers.quantities import Quantity
from ..registry import check

_DIRECTION = {"up": {"zh": "上升", "en": "up"}, "down": {"zh": "下降", "en": "down"}}


def _claims(doc: Document) -> Iterator[MetricClaim]:
    for sentence in document_numbers(doc).sentences:
        if not sentence.placeholder:
            yield from sentence.claims


def _decimals_for(computed: float, stated: Quantity) -> int:
    """Show the recomputed figure at the text's precision, one digit more if it would look equal or sits
    half-way (225 ÷ 200 − 1 is 12.5%, not the 12% that rounding half to even prints)."""
    decimals = stated.decimals
    half_way = abs(abs(computed * 10 ** decimals) % 1 - 0.5) < 1e-9
    if half_way or format_number(computed, decimals) == format_number(abs(stated.value), decimals):
        decimals += 1
    return decimals


def _level_decimals(value: float, stated: Quantity, before: Quantity, after: Quantity) -> int:
    """A difference of two levels is shown with the levels' decimals (31.5% → 34.2%: 2.7)."""
    decimals = max(before.decimals, after.decimals)
    if format_number(value, decimals) == format_number(abs(stated.value), decimals):
        decimals += 1
    return decimals


def _pct(value: float, stated: Quantity) -> str:
    return format_number(value, _decimals_for(value, stated)) + "%"


def _finding(issue: Issue, args: dict[str, Any], variant: str | None = None, safe: bool = False) -> Finding:
    fix = None
    if issue.fix is not None:
        start, end, replacement = issue.fix
        fix = Fix((Edit(start, end, replacement),), safe=safe)
    return Finding(issue.start, issue.end, args, fix=fix, variant=variant)


# ---------------------------------------------------------------------------------------------
# C001 completion-rate-mismatch


@check("completion-rate-mismatch")
def completion_rate_mismatch(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    issues: list[Issue] = []
    read: set[int] = set()  # the rates of completion claims: not shares as well
    for claim in _claims(doc):
        issues += completion_issues(claim)
        if claim.kind == "completion" and claim.rate is not None:
            read.add(claim.rate.start)
    for sentence in document_numbers(doc).sentences:
        if not sentence.placeholder:
            issues += share_rate_issues(sentence, read)
    for issue in sorted(issues, key=lambda i: i.start):
        values = issue.values
        stated: Quantity = values["stated"]
        computed = values["computed"]
        args = {"actual": values["actual"].figure, "plan": values["plan"].figure,
                "computed": _pct(computed, stated), "stated": stated.figure}
        variant = {"excess": "excess", "completion-inverted": "shorter_better", "share-rate": "share"}.get(issue.kind)
        yield _finding(issue, args, variant)


# ---------------------------------------------------------------------------------------------
# C002 change-rate-mismatch, C003 percent-vs-points, C004 direction-contradiction


def _change_issues(doc: Document, kinds: tuple[str, ...]) -> Iterator[Issue]:
    for claim in _claims(doc):
        for issue in change_issues(claim):
            if issue.kind in kinds:
                yield issue


def _moved(direction: str, points: bool = False) -> dict[str, str]:
    """增长/下降 (提高/下降 for points) and up/down, for "{span} 是增长28.0%" / "{span} is up 28.0%"."""
    zh = ("提高" if points else "增长") if direction == "up" else "下降"
    return {"zh": zh, "en": "up" if direction == "up" else "down"}


def _points(number: str) -> dict[str, str]:
    return {"zh": f"{number}个百分点", "en": f"{number} percentage points"}


@check("change-rate-mismatch")
def change_rate_mismatch(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    for issue in _change_issues(doc, ("change",)):
        values = issue.values
        before, after, stated = values["before"], values["after"], values["stated"]
        direction = "up" if after.value > before.value else "down"
        word, up = _moved(direction), _moved(direction, points=True)
        span = f"{before.figure} → {after.figure}"
        mode = values["mode"]
        if mode == "absolute":
            amount = format_number(values["computed"] / max(stated.scale, 1e-12), max(stated.decimals, after.decimals))
            amount += stated.raw_unit or after.raw_unit
            computed = {"zh": f"{span} 是{word['zh']}{amount}", "en": f"{span} is {word['en']} {amount}"}
        elif mode == "points":
            points = format_number(values["computed"], _level_decimals(values["computed"], stated, before, after))
            computed = {"zh": f"{span} 是{up['zh']}{points}个百分点",
                        "en": f"{span} is {word['en']} {points} percentage points"}
        elif mode == "relative-or-points":
            relative = _pct(values["relative"], stated)
            points = format_number(values["points"], _level_decimals(values["points"], stated, before, after))
            computed = {"zh": f"{span} 是{up['zh']}{points}个百分点（相对{word['zh']}{relative}）",
                        "en": f"{span} is {word['en']} {points} percentage points ({relative} relative)"}
        else:
            relative = _pct(values["computed"], stated)
            computed = {"zh": f"{span} 是{word['zh']}{relative}", "en": f"{span} is {word['en']} {relative}"}
        yield _finding(issue, {"computed": computed, "stated": stated.figure})


@check("percent-vs-points")
def percent_vs_points(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    for issue in _change_issues(doc, ("points", "points-non-rate")):
        values = issue.values
        before, after, stated = values["before"], values["after"], values["stated"]
        word = _moved("up" if after.value > before.value else "down", points=True)
        number = stated.figure[: len(stated.figure) - len(stated.raw_unit)] if stated.raw_unit else stated.figure
        relative = values.get("relative")
        # the relative change is an alternative wording here, not a mismatch: shown at the text's precision
        relative_text = "" if relative is None else format_number(relative, stated.decimals) + "%"
        # the word says which way (提高), so the amount shown after it is unsigned: not "提高+0.5个百分点"
        args = {"before": before.figure, "after": after.figure, "stated": stated.figure, "word": word,
                "points": _points(number.lstrip("+-−")), "wording": f"{number}个百分点", "relative": relative_text}
        if issue.kind == "points":
            # The figure equals the difference in points, so only the unit word is wrong: a safe fix.
            yield _finding(issue, args, None if relative_text else "from_zero", safe=True)
        else:
            yield _finding(issue, args, "non_rate", safe=False)


@check("direction-contradiction")
def direction_contradiction(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    for issue in _change_issues(doc, ("direction",)):
        values = issue.values
        verb = doc.text[issue.start:issue.end]
        yield _finding(issue, {"verb": verb, "before": values["before"].figure, "after": values["after"].figure,
                               "moved": _DIRECTION[values["moved"]]})


# ---------------------------------------------------------------------------------------------
# C005 shares-over-100, C006 parts-vs-total


def _terms(quantities: list[Quantity]) -> str:
    return " + ".join(q.figure for q in quantities)


@check("shares-over-100")
def shares_over_100(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    for sentence in document_numbers(doc).sentences:
        if sentence.placeholder:
            continue
        for run in share_runs(sentence):
            for issue in share_issues(run):
                decimals = max(q.decimals for q in run)
                yield _finding(issue, {"terms": _terms(run),
                                       "sum": format_number(issue.values["sum"], decimals) + "%"})


@check("parts-vs-total")
def parts_vs_total(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    numbers = document_numbers(doc)
    for breakdown, sentence in numbers.breakdowns:
        if sentence.placeholder or _totals_hold_placeholder(numbers, breakdown.totals):
            continue
        for issue in breakdown_issues(breakdown):
            whole: Quantity = issue.values["total"]
            parts: list[Quantity] = issue.values["parts"]
            shown = _in_units_of(issue.values["sum"], whole, parts)
            difference = _in_units_of(abs(issue.values["sum"] - whole.value), whole, parts)
            pair = issue.values.get("pair", "")
            args = {"terms": _terms(parts), "sum": shown, "total": whole.figure, "difference": difference,
                    "pair": {"zh": pair.replace("/", "和"), "en": pair.replace("/", " and ")}}
            variant = None if issue.values["exceeds"] else "pair" if pair else "short"
            yield _finding(issue, args, variant)


def _in_units_of(value: float, whole: Quantity, parts: list[Quantity]) -> str:
    """A sum written like the total (57.6万, 3,400万元)."""
    decimals = max([whole.decimals] + [p.decimals for p in parts if p.scale == whole.scale])
    thousands = "," in whole.text
    return format_number(value / whole.scale, decimals, thousands) + whole.raw_unit


def _totals_hold_placeholder(numbers: DocumentNumbers, totals: list[Quantity]) -> bool:
    for total in totals:
        sentence = numbers.sentence_at(total.start)
        if sentence is not None and sentence.placeholder:
            return True
    return False
