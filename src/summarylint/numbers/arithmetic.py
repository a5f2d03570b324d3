"""Do the numbers add up? Recompute what metric claims state, with honest rounding tolerated.

Each function takes claims (or breakdowns) from `claims` and returns `Issue`s — plain data with
the recomputed figures; checks/consistency.py words them as diagnostics.

Tolerance policy (docs/numbers.md):

* Sums and differences (parts vs total, a change in points or in units): every written figure
  stands for an interval — ``18.2%`` for [18.15, 18.25], ``1,800万元`` for ±0.5万; integer counts
  and amounts written without a magnitude (``1,250条``, ``86元``, ``27件``) are exact. The stated
  figure agrees when it lies in the derived interval widened by its own rounding (half a unit of
  its last digit).
* Ratios in percent (completion rates, relative changes) are computed from the figures as
  written — as the reader does — and agree within the stated figure's rounding plus one
  percentage point ("round to the stated precision, ±1 point"). Input rounding is not added:
  with two-digit inputs (``计划10万，实际11万``) it would excuse almost any rate.
* Figures with a hedge (约, 超过, 左右, 以上) or given as ranges are never checked; neither is a
  sentence holding a placeholder (XX, 某某, 【请填写】).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from .. import fastre
from .claims import Breakdown, Change, MetricClaim, SentenceNumbers, compatible
from .quantities import Quantity

_ROUNDED_UNITS = frozenset({"%", "pp", "倍", "s", "m", "m²", "kg", "B", "分", "个月", "工作日", "学时"})
RATIO_SLACK = 1.0  # percentage points allowed on top of rounding for ratios stated in percent
_NO_DIRECTION_METRICS = ("速度", "效率", "排名", "名次", "排行", "位次", "评级")
# Times that should be short, and times that should be long (在线时长, MTBF) which may share a word.
_SHORTER_IS_BETTER_RE = fastre.lazy(
    r"MTTR|MTTA|MTTD|(?:恢复|修复|响应|处理|等待|排队|审批|构建|编译|部署|加载|交付)(?:时间|时长|耗时|周期)|耗时|延迟|时延")
_LONGER_IS_BETTER_RE = fastre.lazy(r"MTBF|MTTF|在线|使用|观看|停留|陪伴|学习|阅读|无故障")


@dataclass(frozen=True)
class Interval:
    lo: float
    hi: float

    @property
    def mid(self) -> float:
        return (self.lo + self.hi) / 2


@dataclass
class Issue:
    """A figure that disagrees with the others: where, what kind, and the recomputed numbers."""

    kind: str  # completion | excess | change | points | points-non-rate | direction | shares | parts
    start: int
    end: int
    values: dict[str, Any] = field(default_factory=dict)
    fix: tuple[int, int, str] | None = None  # (start, end, replacement) when the right wording is certain


def uncertainty(q: Quantity) -> float:
    """How far the true value may be from the written one (canonical units)."""
    exact_count = q.decimals == 0 and q.scale == 1.0 and q.unit not in _ROUNDED_UNITS
    return 0.0 if exact_count else q.precision


def interval(q: Quantity) -> Interval:
    u = uncertainty(q)
    return Interval(q.value - u, q.value + u)


def ratio_percent(numerator: Quantity, denominator: Quantity) -> Interval | None:
    """numerator ÷ denominator in percent, from the figures as written; None unless both are positive."""
    if denominator.value <= 0 or numerator.value < 0:
        return None
    value = 100 * numerator.value / denominator.value
    return Interval(value, value)


def relative_change(before: Quantity, after: Quantity) -> Interval | None:
    """(after − before) ÷ before in percent."""
    r = ratio_percent(after, before)
    return None if r is None else Interval(r.lo - 100, r.hi - 100)


def difference(before: Quantity, after: Quantity) -> Interval:
    a, b = interval(before), interval(after)
    return Interval(b.lo - a.hi, b.hi - a.lo)


def total(quantities: list[Quantity]) -> Interval:
    parts = [interval(q) for q in quantities]
    return Interval(sum(p.lo for p in parts), sum(p.hi for p in parts))


def agrees(stated: float, stated_q: Quantity, derived: Interval, slack: float = 0.0) -> bool:
    """Whether a stated figure fits the derived interval, allowing its own rounding and slack."""
    room = stated_q.precision + slack + 1e-9 * max(1.0, abs(stated))
    return derived.lo - room <= stated <= derived.hi + room


def _shorter_is_better(claim: MetricClaim, plan: Quantity, actual: Quantity) -> bool:
    """A time that should be short (恢复时间, 响应时长, 耗时, 延迟, MTTR), in time units, that missed its
    target (actual > plan): a rate of actual ÷ plan (140%) reads as if the target were beaten."""
    return (plan.unit == actual.unit == "s" and actual.value > plan.value
            and _SHORTER_IS_BETTER_RE.search(claim.metric) is not None
            and _LONGER_IS_BETTER_RE.search(claim.metric) is None)


def _exact(*quantities: Quantity | None) -> bool:
    return all(q is not None and q.is_exact for q in quantities)


# ---------------------------------------------------------------------------------------------
# Completion: actual ÷ plan


def completion_issues(claim: MetricClaim) -> list[Issue]:
    plan, actual = claim.plan, claim.actual
    stated_q = claim.rate or claim.excess
    if plan is None or actual is None or stated_q is None or not _exact(plan, actual, stated_q):
        return []
    if not compatible(plan, actual) or stated_q.unit != "%":
        return []
    achieved = ratio_percent(actual, plan)
    if achieved is None:
        return []
    inverse = ratio_percent(plan, actual)  # cost-like metrics: plan ÷ actual
    offset = 100.0 if claim.excess is not None else 0.0
    options = [achieved] + ([inverse] if inverse is not None else [])
    fits = [agrees(stated_q.value, stated_q, Interval(o.lo - offset, o.hi - offset), RATIO_SLACK) for o in options]
    if any(fits):
        if inverse is not None and fits[0] and not fits[-1] and claim.rate is not None and _shorter_is_better(
                claim, plan, actual):
            # 恢复时间 目标30分钟、实际42分钟、完成率140%: actual ÷ plan of a time that should be short
            return [Issue("completion-inverted", stated_q.start, stated_q.end, {
                "plan": plan, "actual": actual, "stated": stated_q, "computed": inverse.mid})]
        return []
    computed = achieved.mid - offset
    return [Issue("excess" if claim.excess else "completion", stated_q.start, stated_q.end, {
        "plan": plan, "actual": actual, "stated": stated_q, "computed": computed})]


# ---------------------------------------------------------------------------------------------
# Shares of a whole: 在管患者412人，血糖控制满意236人，血糖控制率62.3% (236 ÷ 412)

# The name of a rate at the end of the text before its figure: 血糖控制率, 规范管理率为.
_RATE_NAME_RE = fastre.lazy(r"([\u4e00-\u9fff]{2,8})率[为是达约]*[ \t]*$")


def share_rate_issues(sentence: SentenceNumbers, skip: set[int]) -> list[Issue]:
    """A rate named after a count of the same sentence, out of a whole counted before it (规范管理903人，
    规范管理率80.2%), or 占…的X%: the rate must be the part ÷ the whole. skip: starts of rates other
    checks read (完成率 with its plan and actual). Clauses are the ones the claims reader cut."""
    issues = []
    text, base, found = sentence.text, sentence.start, sentence.quantities
    for k, rate in enumerate(found):
        if rate.unit != "%" or rate.start in skip or not _exact(rate):
            continue
        lead = text[sentence.clause_starts[k] - base:rate.start - base]
        name = _RATE_NAME_RE.search(lead)
        if name is not None:
            pair = _part_and_whole(sentence, k, name.group(1))
        else:
            pair = _share_of(sentence.clause_starts[k], lead, found[:k])
        if pair is None:
            continue
        part, whole = pair
        share = ratio_percent(part, whole)
        # A point of slack is rounding room for a rate near 100%; for a small share (2.5% of 62.4万) it
        # would hide a fifth of the value.
        if share is not None and not agrees(rate.value, rate, share, min(RATIO_SLACK, max(0.2, 0.05 * share.mid))):
            issues.append(Issue("share-rate", rate.start, rate.end,
                                {"plan": whole, "actual": part, "stated": rate, "computed": share.mid}))
    return issues


_SHARE_OF_RE = fastre.lazy(r"占[^占]*?的?[ \t]*$")


def _share_of(lead_start: int, lead: str, before: tuple[Quantity, ...]) -> tuple[Quantity, Quantity] | None:
    """失败请求18,720次，占同期总请求62.4万次的2.5%: the whole named after 占, the part the count before 占."""
    m = _SHARE_OF_RE.search(lead)
    if m is None:
        return None
    at = lead_start + m.start()  # where 占 stands
    wholes = [q for q in before if q.start > at]
    parts = [q for q in before if q.end <= at]
    if len(wholes) != 1 or not parts:
        return None
    whole, part = wholes[0], parts[-1]
    if not (_exact(whole, part) and part.unit and part.unit == whole.unit and part.value < whole.value):
        return None
    return part, whole


def _part_and_whole(sentence: SentenceNumbers, k: int, name: str) -> tuple[Quantity, Quantity] | None:
    """The count before figure k that the rate is named after (its clause holds the name's last two
    characters: 控制 of 血糖控制率, not 订单 of 订单按期交付率), and the larger count of the same unit in a
    clause before it."""
    found, starts, base = sentence.quantities, sentence.clause_starts, sentence.start
    for j in range(k - 1, -1, -1):
        part = found[j]
        if not part.unit or part.unit == "%" or not _exact(part):
            continue
        if name[-2:] not in sentence.text[starts[j] - base:part.start - base]:
            return None  # the nearest count is of something else
        for whole in reversed(found[:j]):
            if whole.end <= starts[j] and whole.unit == part.unit and _exact(whole):
                return (part, whole) if whole.value > part.value else None
        return None
    return None


# ---------------------------------------------------------------------------------------------
# Changes: from / to and what the text says the change was


def change_issues(claim: MetricClaim) -> list[Issue]:
    issues = _change_issues(claim, claim.after)
    if issues and any(not _change_issues(claim, other) for other in claim.alternatives):
        return []  # 收入5.2亿元，利润0.8亿元，较上年的4.6亿元增长13%: another level fits — no verdict
    return issues


def _change_issues(claim: MetricClaim, after: Quantity | None) -> list[Issue]:
    before = claim.before
    if before is None or after is None or not compatible(before, after):
        return []
    before, after = _with_shared_unit(before, after)
    issues = _direction_issues(claim, before, after)
    contradicted = {id(issue.values.get("change")) for issue in issues}
    for change in claim.changes:
        if id(change) not in contradicted:
            issues.extend(_stated_change_issues(claim, change, before, after))
    return issues


def _with_shared_unit(before: Quantity, after: Quantity) -> tuple[Quantity, Quantity]:
    """从20到25% → 20%: a figure written without a unit takes its partner's unit (and magnitude)."""
    if not before.unit and after.unit:
        return _adopt_unit(before, after), after
    if before.unit and not after.unit:
        return before, _adopt_unit(after, before)
    return before, after


def _adopt_unit(bare: Quantity, model: Quantity) -> Quantity:
    own_magnitude = bool(bare.raw_unit)  # 从1.2万到15,000人: 1.2万 keeps its 万
    scale = bare.scale if own_magnitude else model.scale
    value = bare.value if own_magnitude else bare.value * model.scale
    return Quantity(bare.start, bare.end, bare.text, value, model.unit, bare.raw_unit or model.raw_unit,
                    bare.decimals, scale, bare.high, bare.approx, bare.spelled, bare.unit_start)


def _direction_issues(claim: MetricClaim, before: Quantity, after: Quantity) -> list[Issue]:
    if before.value < 0 or after.value < 0 or before.is_range or after.is_range:
        return []
    if any(word in claim.metric for word in _NO_DIRECTION_METRICS):
        return []
    moved = _movement(before, after)
    if moved is None:
        return []
    issues = []
    if claim.direction and claim.direction != moved and claim.verb_span:
        issues.append(Issue("direction", *claim.verb_span, {
            "before": before, "after": after, "said": claim.direction, "moved": moved}))
    for change in claim.changes:
        if change.direction and change.direction != moved:
            start, end = change.verb_span or (change.quantity.start, change.quantity.end)
            issues.append(Issue("direction", start, end, {
                "before": before, "after": after, "said": change.direction, "moved": moved, "change": change}))
    return issues


def _movement(before: Quantity, after: Quantity) -> str | None:
    """up / down as the figures are written (2.5小时 → 3小时 goes up, whatever the rounding)."""
    if after.value > before.value:
        return "up"
    if after.value < before.value:
        return "down"
    return None


def _stated_change_issues(claim: MetricClaim, change: Change, before: Quantity, after: Quantity) -> list[Issue]:
    stated_q = change.quantity
    if not _exact(before, after, stated_q) or stated_q.value == 0:
        return []
    stated = abs(stated_q.value)
    if stated_q.unit == "pp":
        return _points_change(claim, stated_q, stated, before, after)
    if stated_q.unit == "%":
        return _percent_change(stated_q, stated, before, after)
    if stated_q.unit == "倍":
        return []  # 增长2倍: 2× or 3×? usage is disputed, so no verdict
    if compatible(stated_q, after) and stated_q.scale in (after.scale, before.scale):
        diff = difference(before, after)
        magnitude = Interval(min(abs(diff.lo), abs(diff.hi)) if diff.lo * diff.hi > 0 else 0.0,
                             max(abs(diff.lo), abs(diff.hi)))
        if not agrees(stated, stated_q, magnitude):
            return [Issue("change", stated_q.start, stated_q.end, {
                "before": before, "after": after, "stated": stated_q, "mode": "absolute",
                "computed": abs(after.value - before.value)})]
    return []


def _points_change(claim: MetricClaim, stated_q: Quantity, stated: float, before: Quantity,
                   after: Quantity) -> list[Issue]:
    if before.unit != "%":
        relative = relative_change(before, after)
        if relative is None or not before.unit:
            return []
        fix = None
        if agrees(stated, stated_q, _magnitude(relative)) and stated_q.unit_start >= 0:
            fix = (stated_q.unit_start, stated_q.end, "%")
        return [Issue("points-non-rate", stated_q.start, stated_q.end, {
            "before": before, "after": after, "stated": stated_q, "relative": abs(relative.mid)}, fix)]
    points = _magnitude(difference(before, after))
    if agrees(stated, stated_q, points):
        return []
    return [Issue("change", stated_q.start, stated_q.end, {
        "before": before, "after": after, "stated": stated_q, "mode": "points",
        "computed": abs(after.value - before.value)})]


def _percent_change(stated_q: Quantity, stated: float, before: Quantity, after: Quantity) -> list[Issue]:
    relative = relative_change(before, after)
    if relative is not None and agrees(stated, stated_q, _magnitude(relative), RATIO_SLACK):
        return []
    values: dict[str, Any] = {"before": before, "after": after, "stated": stated_q,
                              "relative": None if relative is None else abs(relative.mid)}
    if before.unit == "%":
        points = _magnitude(difference(before, after))
        values["points"] = abs(after.value - before.value)
        if agrees(stated, stated_q, points):
            # 20%→25% called 提升5%: the figure is the difference in points; only the unit word is wrong.
            fix = (stated_q.end - 1, stated_q.end, "个百分点") if stated_q.text.endswith(("%", "％")) else None
            return [Issue("points", stated_q.start, stated_q.end, values, fix)]
        values["mode"] = "relative-or-points"
    else:
        values["mode"] = "relative"
    if relative is None:
        return []
    values["computed"] = abs(relative.mid)
    return [Issue("change", stated_q.start, stated_q.end, values)]


def _magnitude(i: Interval) -> Interval:
    if i.lo <= 0 <= i.hi:
        return Interval(0.0, max(-i.lo, i.hi))
    return Interval(min(abs(i.lo), abs(i.hi)), max(abs(i.lo), abs(i.hi)))


# ---------------------------------------------------------------------------------------------
# Parts and totals, shares


def breakdown_issues(breakdown: Breakdown) -> list[Issue]:
    """Σ parts > total, or Σ parts ≠ total when the parts claim to be complete."""
    parts, totals = breakdown.parts, breakdown.totals
    if len(parts) < 2 or not totals:
        return []
    parts_sum = total(parts)
    for candidate in totals:
        whole = interval(candidate)
        if _before(parts_sum.lo, whole) and (not breakdown.complete or _before(whole.lo, parts_sum)):
            return []  # fits this candidate (or any one of several) — no verdict
    if len(totals) > 1:
        return []  # several candidate totals and none fits: which one is meant is a guess
    whole_q = totals[0]
    exceeds = parts_sum.lo > interval(whole_q).hi
    start, end = (whole_q.start, whole_q.end) if breakdown.table else (parts[0].start, parts[-1].end)
    return [Issue("parts", start, end, {
        "parts": parts, "total": whole_q, "sum": sum(p.value for p in parts), "exceeds": exceeds,
        "pair": breakdown.pair})]


def _before(low: float, other: Interval) -> bool:
    """Whether a value from ``low`` up can still be within ``other``. A rounding interval is
    half-open, [v − u, v + u): Σ(12万, 8万, 5万) < 26.5万 ≤ 27万 — they only touch, so 27万 is wrong."""
    eps = 1e-9 * max(1.0, abs(other.hi))
    return low < other.hi - eps if other.hi > other.lo else low <= other.hi + eps


def share_issues(shares: list[Quantity]) -> list[Issue]:
    """Shares of one whole (华东占45%、华南占38%、华北占27%) that add up past 100%."""
    if len(shares) < 2 or not all(q.is_exact and q.unit == "%" for q in shares):
        return []
    if total(shares).lo <= 100 + 1e-9:  # the true shares, before rounding, may still fit in 100%
        return []
    return [Issue("shares", shares[0].start, shares[-1].end, {"shares": shares, "sum": sum(q.value for q in shares)})]


def format_number(value: float, decimals: int, thousands: bool = False) -> str:
    """A recomputed figure with the precision the text uses (92.0 → "92", 16.727 → "16.7")."""
    if not math.isfinite(value):
        return str(value)
    text = f"{value:,.{decimals}f}" if thousands else f"{value:.{decimals}f}"
    return text
