"""Metric claims: what a sentence says about a metric, read from the figures in it.

    >>> claims = sentence_claims("次日留存率从20%提升至25%，提升5个百分点。")
    >>> c = claims[0]
    >>> c.metric, c.before.text, c.after.text, c.direction, [ch.quantity.text for ch in c.changes]
    ('次日留存率', '20%', '25%', 'up', ['5个百分点'])

Each figure of a sentence gets a role from the words right before it (its *cue*, cut at the last
clause mark ，；：（、) and, for targets, right after it:

==========  =====================================================  ==========================
role        cue                                                    example
==========  =====================================================  ==========================
from        从 / 由 (… 的)                                          由6月底的 **138万元**
to          至 / 到 / 为 after a *from* in the same clause; →       降到9月底的 **96万元**
change      a direction verb: 提升 / 增长 / 下降 / 降幅达 …         ，下降了 **30.4%**
baseline    比 / 较 / 同比 / 环比 / 对比 (… 的); 与 … **X** 相比       同比去年上半年的 **2,610万元** 增长…
period      a past period + 为: 2023年为 / 9月为; 上年 / 上周 alone  2023年为 **0.38%**; ，上周 **16,050次**
plan        计划 / 目标 / 预算 (…), or …的目标 after it              计划新增 **10万**
actual      实际 / 完成 / 实现 / 达成                               实际完成 **11万**
rate        完成率 / 达成率 / 完成…目标的 / 完成目标 Y 的 / (完成 **114%**)  目标完成率 **110%**
excess      超额 (完成)                                             超额完成 **10%**
share       占 / 占比 / 比重 (… 的)                                  占当月销售额的 **12.8%**
level       none of these: the figure itself                        销售额 **1,926万元**
==========  =====================================================  ==========================

The roles are then assembled, in sentence order, into `MetricClaim`s: from→to with the changes
that follow (``，提升5个百分点``; a change only attaches when its clause names no other metric);
a period (``2023年为…``) pairs with the sentence's main level, a baseline (比/较) with the nearest
level before it (``年末余额26.8亿元，较年初23.7亿元增加3.1亿元``; the others are kept as
``alternatives``); plan + actual (or the single unmarked level) + completion rate; shares; and bare
levels. `breakdowns` finds totals split into parts (其中…、…; 分别为…; 分渠道看…) of one measure
(4家 and 90天 are not parts of 138万元), the columns of a Markdown table above its 合计 row, and a
list right below a lead-in sentence that ends in a colon (实际入职186人，分渠道如下：/ - 校园招聘：92人 / …).
Baselines are never totals; 其中 + two parts that are a complementary pair (B2B/B2C, 线上/线下, 男/女…)
claim to cover the whole.

Works per sentence, both full- and half-width punctuation. `document_numbers(doc)` runs the
whole document once (cached per Document) for the consistency checks and the scoring signals.
"""

from __future__ import annotations

import bisect
import weakref
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .. import fastre
from .quantities import Quantity, extract_quantities, has_placeholder

if TYPE_CHECKING:
    from ..model import Block, Document, Sentence

FROM, TO, CHANGE, BASELINE, PERIOD = "from", "to", "change", "baseline", "period"
PLAN, ACTUAL, RATE, EXCESS, SHARE, SCALE, LEVEL = "plan", "actual", "rate", "excess", "share", "scale", "level"

_UP = (r"增长|增加|提升|提高|上升|上涨|攀升|扩大|拉长|延长|增多|回升|反弹|跃升|上调|走高|增幅|涨幅|升幅"
       r"|多了|涨了|增了|升了")
# 节省/节约 (saved) are left out: 全年节省52万元 is a total saved, not the difference of two levels.
_DOWN = (r"下降|降低|减少|下滑|回落|下跌|缩短|缩减|缩小|压缩|收窄|减低|降幅|减幅|跌幅|下调|走低"
         r"|萎缩|少了|降了|减了")
_UP_RE = fastre.compile(rf"{_UP}|(?:增|升|涨|提|扩|拉|延)(?=至|到|为|成)")
_DOWN_RE = fastre.compile(rf"{_DOWN}|(?:降|减|跌|缩|压|少)(?=至|到|为|成)")
# Greedy: matches up to and including the last clause mark of a gap between two figures.
_LAST_MARK_RE = fastre.compile(r"(?s:.*)[，,；;：:（）()、。！？!?\n]")

_RATE_RE = fastre.compile(
    r"(?:完成率|达成率|完成度|达成度|完成比例|执行率|达标率)(?:为|达到?|是|约|仅为?)?\s*$"
    r"|(?:完成|达成|实现)了?(?:年度|全年|季度|月度|半年|全年度)?(?:目标|计划|任务|预算)(?:值)?的\s*$"
    r"|^\s*(?:完成|达成)了?\s*$")
# 超额完成12%, and over a budget or a plan: 超预算12.5%, 超出计划8%, 超支12.5% (actual ÷ plan − 1 all).
_EXCESS_RE = fastre.compile(r"(?:超额(?:完成)?了?(?:目标|计划|任务)?|超出?了?(?:预算|计划|目标)|超支了?)\s*$")
_TO_RE = fastre.compile(r"(?:到|至|为|成)了?[^，,；;：:]{0,10}$")
_ARROW_RE = fastre.compile(r"^\s*(?:→|->|=>|⟶|➝|➡|—>|-->|~>)\s*$")
_CHANGE_RE = fastre.compile(rf"(?P<verb>{_UP}|{_DOWN})(?:了)?(?:达到?|为|约|近|超过|了|是)?\s*$")
_FROM_RE = fastre.compile(r"(?<![自理缘因经事服随顺])(?:从|由)(?![于此而事未来不头衷])[^，,；;：:]{0,14}$")
_PAST = (r"(?:去年|上年|上一年|前一年|上季度|上个?月|上周|上一?期|同期|此前|之前|以前"
         r"|(?:改造|优化|调整|上线|实施|改版|改进|整改)前)")
_PERIOD_RE = fastre.compile(
    rf"(?:(?:\d{{4}}年(?:度)?|{_PAST}|[一二三四]季度|\d{{1,2}}月份?|[上下]半年|年初|月初|季初)"
    r"(?:同期|全年|全年度|末|底|初)?(?:平均|均值|日均)?(?:为|是|仅为?|只有|有)\s*$)"
    rf"|^\s*{_PAST}(?:同期|全年|上半年|下半年|同月|同季度?)?的?\s*$")
_BASE_RE = fastre.compile(r"(?<![占同环对无相好])(?:比|较|相比|相较于?)(?![例重率较如为好大多少高低快慢强弱差])"
                      r"[^，,；;：:]{0,14}$")
_BASE_GAP = r"[^，,；;：:增减提降升涨跌扩缩]"  # no clause mark, no direction verb (同比增长的… is no baseline)
# 同比/环比/对比 naming the figure compared with (同比去年上半年的2,610万元, 环比10月的1,480单, 同比去年2,610万元):
# a baseline, as 比/较 are (参与对比的12家 is not: something must stand between 对比 and 的).
_NAMED_BASE_RE = fastre.compile(
    rf"(?:同比|环比|对比)(?:{_BASE_GAP}{{1,14}}?的|{_BASE_GAP}{{0,14}}?(?:{_PAST}|\d{{4}}年)(?:同期)?)\s*$")
# 与去年同期的2,610万元相比: the figure before 相比 is the baseline.
_WITH_BASE_RE = fastre.compile(rf"(?:与|和|同|跟){_BASE_GAP}{{0,14}}$")
_POST_BASE_RE = fastre.compile(r"^\s*(?:相比|相较|比较|对比)")
# 完成目标80万元的89% / 完成年度目标8,000万元的91% / 为目标150家的90%: the rate of the target right before it.
_TARGET_OF_RE = fastre.compile(
    r"(?:完成|达成|实现|达到|为|是)了?(?:年度|全年度?|半年度?|季度|月度|阶段|本年度?|本季度?|本月)?"
    r"(?:目标|计划|任务)(?:值|额|数)?\s*$")
_PLAN_RE = fastre.compile(r"(?:计划|目标|预算|任务|预期|考核线)(?:值|数|量)?(?:为|是|定为|设定为|[:：])?"
                      r"[^，,；;：:\d]{0,8}$")
_POST_PLAN_RE = fastre.compile(r"^\s*的?(?:年度|全年|季度|月度|阶段)?(?:目标|计划|预算|预期)")
_SHARE_RE = fastre.compile(r"(?:占比|占|比重|份额|构成)[^，,；;：:\d]{0,14}$")
_SCALE_RE = fastre.compile(r"满分\s*$")
_ACTUAL_RE = fastre.compile(r"(?:实际|实现|达成|完成|实收|实到)了?[^，,；;：:\d]{0,8}$")
# A change belongs to the claim before it only when its clause names no other metric.
_ATTACH_PREFIX_RE = fastre.compile(
    r"^[\s（(*]*(?:同比|环比|(?:较|比|相比)[^，,；;：:]{0,10}?|共计?|累计|合计|即|整体|总体|相应|分别|均|再|又"
    r"|幅度|相对|绝对值?)?[\s*]*$")
_COMPARISON_RE = fastre.compile(
    r"同比|环比|(?:较|比|相比|相较于?)(?:上年|去年|上一年|上月|上个月|上周|上季度|上期|同期|年初|月初|季初"
    r"|\d{4}年|[一二三四]季度|\d{1,2}月|目标|计划|预期|改造前|优化前|上线前)")
_YEAR_RE = fastre.compile(r"(\d{4})年")
_SAME_PERIOD = [  # (comparison word of a change, the period a from-figure must name for it)
    (fastre.compile(r"环比|[较比]上(?:[月周期]|季度)"), fastre.compile(r"上个?月|上周|上一?期|上季度|前一[月周期]")),
    (fastre.compile(r"同比|[较比](?:上年|去年|同期)"), fastre.compile(r"上年|去年|上一年|同期|\d{4}年")),
]

_METRIC_LEAD_RE = fastre.compile(
    r"^(?:[\s*#>\-•·]|其中|同时|此外|另外|全年|全年度|本年度?|今年|上半年|下半年|本季度?|本月|本周|当月|当期"
    r"|[一二三四]季度|\d{4}年度?|截至[^，,]{0,8}|累计|共计?|合计|整体|总体)+")
_METRIC_TAIL_RE = fastre.compile(
    r"(?:从|由|比|较|同比|环比|为|是|达到?|约|共计?|累计|合计|实现|完成了?|达成|新增|的|\s|\*)+$")
_CUE_WORDS_RE = fastre.compile(r"(?:目标|计划|实际|预算)+$")
_METRIC_LABEL_RE = fastre.compile(r"([^，,；;。：:\n]{1,16})[：:][^：:]*$")

_ADDITIVE_EXCLUDED_UNITS = ("%", "pp", "倍", "分")
_ENUM_RE = fastre.compile(
    r"其中|分别为|分别是|分别|包括|包含|构成为?|"
    r"分(?:渠道|区域|地区|大区|季度|月份?|产品线?|品类|部门|业务线?|客户|类型|类别|项目|门店|城市|省份|来源|团队|班组)看?")
_COMPLETE_MARKER_RE = fastre.compile(r"^(?:分|构成)")
_REST_LABEL_RE = fastre.compile(r"(?:其他|其余|其它|剩余|另有|剩下)[^，,；;。\d]{0,6}$")
_PART_GAP_RE = fastre.compile(r"^[^。；;！？!?\n]{0,14}$")
# A sum stated after the parts; the parts of a list without a marker must be joined by 、 or 和.
_TOTAL_AFTER_RE = fastre.compile(r"(?:合计|共计|总计|总共|一共|累计|共)[^，,；;。\d]{0,6}$")
_LIST_JOIN_RE = fastre.compile(r"^[^，,。；;！？!?\n]{0,10}$")
_AVERAGE_RE = fastre.compile(r"均|平均|人均|单均|每")


@dataclass(slots=True)
class Change:
    """A stated change: ``下降了11.9%`` (direction "down"), ``5.5个百分点`` (no verb: None)."""

    quantity: Quantity
    direction: str | None
    verb: str = ""
    verb_span: tuple[int, int] | None = None


@dataclass(slots=True)
class MetricClaim:
    """What one sentence says about one metric. Quantities are None when not stated."""

    start: int
    end: int
    metric: str = ""
    kind: str = "level"  # from-to | comparison (baseline/period + level) | change | completion | share | plan | level
    direction: str | None = None  # the verb between from and to: "up", "down", or None
    before: Quantity | None = None  # from, or the baseline (比上年的…, 2023年为…)
    after: Quantity | None = None  # to, or the level compared with the baseline
    changes: tuple[Change, ...] = ()
    plan: Quantity | None = None
    actual: Quantity | None = None
    rate: Quantity | None = None  # completion rate (actual ÷ plan)
    excess: Quantity | None = None  # 超额完成 (actual ÷ plan − 1)
    share: Quantity | None = None
    level: Quantity | None = None  # a figure with no comparison: 新签客户57家
    comparison: str = ""  # 同比 / 环比 / 较上年 … when the baseline is named, not given
    verb_span: tuple[int, int] | None = None  # the from→to verb, for direction findings
    alternatives: tuple[Quantity, ...] = ()  # other levels a comparison may be of (after is the likeliest)

    @property
    def has_baseline(self) -> bool:
        """Compared with something: a from/baseline figure, a plan or target, 同比/环比/较上年."""
        return bool(self.before or self.plan or self.rate or self.excess or self.comparison)

    @property
    def quantities(self) -> list[Quantity]:
        found = [self.before, self.after, self.plan, self.actual, self.rate, self.excess, self.share, self.level]
        found += [change.quantity for change in self.changes]
        return sorted((q for q in found if q is not None), key=lambda q: q.start)


@dataclass(slots=True)
class Breakdown:
    """A total split into parts: ``回款3,200万元，其中华北1,150万、华南980万、西部1,270万``.

    ``totals`` are the candidate totals, all from the nearest sentence that has any; ``complete``
    says whether the parts claim to cover the whole (分别, 分渠道看, or a last part 其他/其余; a table's
    合计 row; a list under 分别为 / 构成 or ending in 其他).
    """

    marker: str
    parts: list[Quantity]
    totals: list[Quantity]
    complete: bool
    table: bool = False  # a table column and its 合计 row (reported at the total)
    pair: str = ""  # 其中 + a complementary pair of labels that cover the whole ("B2B/B2C"), which made it complete


@dataclass(slots=True)
class SentenceNumbers:
    start: int
    end: int
    text: str
    quantities: tuple[Quantity, ...]
    roles: tuple[str, ...]
    claims: tuple[MetricClaim, ...]
    placeholder: bool
    section_kind: str = "other"
    clause_starts: tuple[int, ...] = ()  # per quantity: where its clause begins (after the last ，；：（、 mark)


@dataclass(slots=True)
class DocumentNumbers:
    sentences: list[SentenceNumbers]
    breakdowns: list[tuple[Breakdown, SentenceNumbers]]
    starts: list[int] = field(init=False)

    def __post_init__(self) -> None:
        self.starts = [sentence.start for sentence in self.sentences]

    def sentence_at(self, offset: int) -> SentenceNumbers | None:
        """The sentence holding offset (None between sentences)."""
        i = bisect.bisect_right(self.starts, offset) - 1
        if i >= 0 and offset < self.sentences[i].end:
            return self.sentences[i]
        return None

    @property
    def claims(self) -> list[MetricClaim]:
        return [claim for sentence in self.sentences for claim in sentence.claims]


# ---------------------------------------------------------------------------------------------
# Roles


@dataclass(slots=True)
class _Tagged:
    quantity: Quantity
    role: str
    clause: int  # index of the clause in the sentence
    clause_start: int  # offset where the clause begins
    pre: str  # the cue: text since the previous figure or the clause start
    verb: str = ""  # the direction verb of a change (提升, 降幅…)
    verb_span: tuple[int, int] | None = None  # where that verb (or the from→to verb) is


def _tag_all(text: str, base: int, quantities: Sequence[Quantity]) -> list[_Tagged]:
    tagged: list[_Tagged] = []
    clause, clause_start, previous_end = 0, base, base
    for i, q in enumerate(quantities):
        mark = _LAST_MARK_RE.match(text, previous_end - base, q.start - base)
        if mark is not None:
            clause += 1
            clause_start = base + mark.end()
        pre = text[max(clause_start, previous_end) - base:q.start - base]
        next_start = quantities[i + 1].start if i + 1 < len(quantities) else base + len(text)
        post = text[q.end - base:next_start - base]
        from_open = _open_from(tagged, clause)
        item = _Tagged(q, LEVEL, clause, clause_start, pre)
        _assign_role(item, post, from_open, tagged)
        tagged.append(item)
        previous_end = q.end
    return tagged


def _open_from(tagged: list[_Tagged], clause: int) -> bool:
    for item in reversed(tagged):
        if item.clause != clause:
            return False
        if item.role == TO:
            return False
        if item.role == FROM:
            return True
    return False


def _cue(chars: str) -> frozenset[str]:
    """Characters one of which a cue must contain: a cheap test that spares most regex calls."""
    return frozenset(chars)


_RATE_CHARS = _cue("率度例的完达")
_EXCESS_CHARS = _cue("超")
_ARROW_CHARS = _cue("→>⟶➝➡")
_CHANGE_CHARS = _cue("增加提升上攀扩拉延多回反跃走涨幅下降减缩压收跌萎少")
_FROM_CHARS = _cue("从由")
_PERIOD_CHARS = _cue("年月季期前初同周")
_BASE_CHARS = _cue("比较")
_PLAN_CHARS = _cue("计目预任考")
_SHARE_CHARS = _cue("占比重份构")
_ACTUAL_CHARS = _cue("实达完")


def _assign_role(item: _Tagged, post: str, from_open: bool, tagged: list[_Tagged]) -> None:
    """The role of a figure from its cue, in order of precedence (完成率 before 完成, 至 before 提升)."""
    q, pre = item.quantity, item.pre
    percent = q.unit == "%"
    if percent and not _RATE_CHARS.isdisjoint(pre) and _RATE_RE.search(pre):
        item.role = RATE
    elif (percent and pre.strip() == "的" and tagged and tagged[-1].clause == item.clause
          and tagged[-1].role == PLAN and _TARGET_OF_RE.search(tagged[-1].pre)):
        item.role = RATE  # 完成目标80万元的89%
    elif percent and not _EXCESS_CHARS.isdisjoint(pre) and _EXCESS_RE.search(pre):
        item.role = EXCESS
    elif from_open and _TO_RE.search(pre):
        item.role = TO
        item.verb_span = _verb_span(pre, q.start - len(pre))
    elif (not _ARROW_CHARS.isdisjoint(pre) and _ARROW_RE.search(pre) and tagged
          and tagged[-1].clause == item.clause):
        item.role = TO
        if tagged[-1].role == LEVEL:
            tagged[-1].role = FROM
    elif not _CHANGE_CHARS.isdisjoint(pre) and (m := _CHANGE_RE.search(pre)):
        item.role, item.verb = CHANGE, m.group("verb")
        item.verb_span = (q.start - len(pre) + m.start("verb"), q.start - len(pre) + m.end("verb"))
    elif not _FROM_CHARS.isdisjoint(pre) and _FROM_RE.search(pre):
        item.role = FROM
    elif not _PERIOD_CHARS.isdisjoint(pre) and _PERIOD_RE.search(pre):
        item.role = PERIOD
    elif not _BASE_CHARS.isdisjoint(pre) and (_BASE_RE.search(pre) or _NAMED_BASE_RE.search(pre)):
        item.role = BASELINE
    elif _POST_BASE_RE.match(post) and _WITH_BASE_RE.search(pre):
        item.role = BASELINE  # 与去年同期的2,610万元相比
    elif (not _PLAN_CHARS.isdisjoint(pre) and _PLAN_RE.search(pre)) or (
            not _PLAN_CHARS.isdisjoint(post) and _POST_PLAN_RE.match(post)):
        item.role = PLAN
    elif percent and not _SHARE_CHARS.isdisjoint(pre) and _SHARE_RE.search(pre):
        item.role = SHARE
    elif "满分" in pre and _SCALE_RE.search(pre):
        item.role = SCALE
    elif not _ACTUAL_CHARS.isdisjoint(pre) and _ACTUAL_RE.search(pre):
        item.role = ACTUAL


def _verb_span(text: str, offset: int) -> tuple[int, int] | None:
    """Span of the last direction verb in text (text starts at offset)."""
    last = None
    for pattern in (_UP_RE, _DOWN_RE):
        for m in pattern.finditer(text):
            if last is None or m.end() > last[1]:
                last = (offset + m.start(), offset + m.end())
    return last


def _direction(text: str) -> str | None:
    """up / down from the last direction verb in text; None when it names none (调整为, →)."""
    up = [m.end() for m in _UP_RE.finditer(text)]
    down = [m.end() for m in _DOWN_RE.finditer(text)]
    if not up and not down:
        return None
    return "up" if (up[-1] if up else -1) > (down[-1] if down else -1) else "down"


# ---------------------------------------------------------------------------------------------
# Claims


def compatible(a: Quantity, b: Quantity) -> bool:
    """Same canonical unit, or one of them states none (Chinese often writes the unit once)."""
    return a.unit == b.unit or not a.unit or not b.unit


def sentence_claims(text: str, base: int = 0, quantities: Sequence[Quantity] | None = None) -> list[MetricClaim]:
    """The metric claims of one sentence (text starts at offset ``base``)."""
    if quantities is None:
        quantities = extract_quantities(text, base)
    return _claims(text, base, _tag_all(text, base, quantities))


def _claims(text: str, base: int, tagged: list[_Tagged]) -> list[MetricClaim]:
    used: set[int] = set()
    claims = _completion_claims(text, base, tagged, used)
    used_by_changes: set[int] = set()  # a level may be both the actual of a plan and the "to" of a change
    claims += _change_claims(text, base, tagged, used_by_changes)
    used |= used_by_changes
    for i, item in enumerate(tagged):
        if i in used or item.role == SCALE:
            continue
        # Bare levels are most figures: their name is the clause text before them, cheaply trimmed.
        name = _raw_metric(text, base, item) if item.role in (LEVEL, ACTUAL) else _metric(text, base, item)
        claim = MetricClaim(item.quantity.start, item.quantity.end, name)
        if item.role == SHARE:
            claim.share, claim.kind = item.quantity, "share"
        elif item.role == PLAN:
            claim.plan, claim.kind = item.quantity, "plan"
        elif item.role in (PERIOD, BASELINE, FROM):
            claim.before, claim.kind = item.quantity, "comparison"
        elif item.role == RATE:
            claim.rate = item.quantity
        elif item.role == EXCESS:
            claim.excess = item.quantity
        else:
            claim.level = item.quantity
        claim.comparison = _comparison(text, base, item)
        if claim.metric or claim.share or claim.before or claim.plan:
            claims.append(claim)
    claims.sort(key=lambda c: c.start)
    return claims


def _change_claims(text: str, base: int, tagged: list[_Tagged], used: set[int]) -> list[MetricClaim]:
    claims: list[MetricClaim] = []
    current: MetricClaim | None = None
    for i, item in enumerate(tagged):
        q = item.quantity
        if item.role == FROM:
            current = MetricClaim(q.start, q.end, _metric(text, base, item), kind="from-to", before=q)
            claims.append(current)
            used.add(i)
        elif item.role == TO and current is not None and current.before is not None and current.after is None:
            current.after, current.end = q, q.end
            current.direction = _direction(item.pre)
            current.verb_span = item.verb_span
            used.add(i)
        elif item.role in (BASELINE, PERIOD):
            current = _baseline_claim(text, base, tagged, i, current, used)
            if current not in claims:
                claims.append(current)
        elif item.role == CHANGE:
            current = _attach_change(text, base, tagged, i, current, claims)
            used.add(i)
        elif item.role == LEVEL and _implicit_change(item, current):
            assert current is not None
            current.changes += (Change(q, _sign_direction(q), "", None),)
            current.end = q.end
            used.add(i)
    return claims


def _baseline_claim(text: str, base: int, tagged: list[_Tagged], i: int, current: MetricClaim | None,
                    used: set[int]) -> MetricClaim:
    """比上年的46家 / 2023年为0.38%: a baseline for the sentence's main level."""
    item = tagged[i]
    q = item.quantity
    if (item.role == PERIOD and current is not None and current.before is not None and current.after is None
            and compatible(current.before, q) and _later_year(text, base, current.before, item)):
        current.after, current.end = q, q.end  # 2023年为152.8万单，2024年为186.4万单
        used.add(i)
        return current
    levels = [j for j, other in enumerate(tagged[:i])
              if other.role in (LEVEL, ACTUAL) and j not in used and compatible(other.quantity, q)]
    used.add(i)
    if not levels:
        return MetricClaim(q.start, q.end, _metric(text, base, item), kind="comparison", before=q,
                           comparison=_comparison(text, base, item))
    # 比/较 compares the figure right before it (余额26.8亿元，较年初23.7亿元); a period (2023年为…)
    # the sentence's main level, its first. The other levels stay alternatives.
    if item.role == BASELINE:
        levels.reverse()
    level = tagged[levels[0]]
    used.add(levels[0])
    return MetricClaim(level.quantity.start, q.end, _metric(text, base, level), kind="comparison", before=q,
                       after=level.quantity, comparison=_comparison(text, base, item),
                       alternatives=tuple(tagged[j].quantity for j in levels[1:]))


def _later_year(text: str, base: int, earlier: Quantity, item: _Tagged) -> bool:
    before = _YEAR_RE.findall(text[max(0, earlier.start - base - 8):earlier.start - base])
    now = _YEAR_RE.findall(item.pre)
    return bool(before and now and int(now[-1]) > int(before[-1]))


def _attach_change(text: str, base: int, tagged: list[_Tagged], i: int, current: MetricClaim | None,
                   claims: list[MetricClaim]) -> MetricClaim:
    item = tagged[i]
    q = item.quantity
    direction = "up" if _UP_RE.match(item.verb) else "down"
    change = Change(q, direction, item.verb, item.verb_span)
    verb_start = item.verb_span[0] if item.verb_span else q.start
    prefix_start = max(item.clause_start, tagged[i - 1].quantity.end if i > 0 else item.clause_start)
    prefix = text[prefix_start - base:verb_start - base]
    # 由A降到B，同比增长5%: a named comparison (同比, 较上年) after a from→to is another baseline —
    # unless the from names that period itself (由上月的3.2万单增至3.8万单，环比增长18.8%).
    names_other_baseline = (current is not None and current.kind == "from-to" and _COMPARISON_RE.search(prefix)
                            and not _same_period(text, base, current, prefix))
    if (current is not None and (current.before is not None or current.after is not None)
            and _ATTACH_PREFIX_RE.match(prefix) and not names_other_baseline and _change_fits(current, q)):
        current.changes += (change,)
        current.end = q.end
        if not current.comparison:
            current.comparison = _comparison(text, base, item)
        return current
    claim = MetricClaim(q.start, q.end, _metric(text, base, item), kind="change", changes=(change,),
                        comparison=_comparison(text, base, item))
    claims.append(claim)
    return claim


def _same_period(text: str, base: int, claim: MetricClaim, prefix: str) -> bool:
    """Whether a change's comparison word names the period the claim's from-figure is of."""
    assert claim.before is not None
    cue_start = max(0, claim.before.start - base - 12)
    before_cue = text[cue_start:claim.before.start - base]
    return any(comparison.search(prefix) and period.search(before_cue) for comparison, period in _SAME_PERIOD)


def _change_fits(claim: MetricClaim, q: Quantity) -> bool:
    level = claim.after or claim.before
    assert level is not None
    return q.unit in ("%", "pp", "倍") or compatible(level, q)


def _implicit_change(item: _Tagged, current: MetricClaim | None) -> bool:
    """``11.4%→16.9%，5.5个百分点`` or ``由4.0天降到2.6天（−35%）``: a change with no verb."""
    if current is None or current.before is None or current.after is None:
        return False
    q = item.quantity
    signed = q.text.lstrip()[:1] in "-−+" and q.unit == "%"
    bare = not item.pre.strip(" \t（(*") or item.pre.strip(" \t（(*") in ("即", "共", "合计", "幅度")
    return bare and (q.unit == "pp" or signed) and item.clause > 0


def _sign_direction(q: Quantity) -> str | None:
    if q.text.lstrip()[:1] in "-−":
        return "down"
    if q.text.lstrip()[:1] == "+":
        return "up"
    return None


def _completion_claims(text: str, base: int, tagged: list[_Tagged], used: set[int]) -> list[MetricClaim]:
    """Plan + actual + completion rate, in groups that end at each rate."""
    claims = []
    rate_indices = [i for i, item in enumerate(tagged) if item.role in (RATE, EXCESS)]
    previous = 0
    for k, i in enumerate(rate_indices):
        following = rate_indices[k + 1] if k + 1 < len(rate_indices) else len(tagged)
        left, right = list(range(previous, i)), list(range(i + 1, following))
        pair = _plan_and_actual(tagged, left) or _plan_and_actual(tagged, right) or _plan_and_actual(
            tagged, left + right)
        previous = i + 1
        item = tagged[i]
        claim = MetricClaim(item.quantity.start, item.quantity.end, _metric(text, base, item), kind="completion")
        if item.role == RATE:
            claim.rate = item.quantity
        else:
            claim.excess = item.quantity
        used.add(i)
        if pair is not None:
            plan, actual = pair
            used.update((plan, actual))
            claim.plan, claim.actual = tagged[plan].quantity, tagged[actual].quantity
            claim.metric = next((name for name in (_metric(text, base, tagged[j]) for j in sorted((plan, actual)))
                                 if name), claim.metric)
            claim.start = min(claim.start, claim.plan.start, claim.actual.start)
            claim.end = max(claim.end, claim.plan.end, claim.actual.end)
        claims.append(claim)
    return claims


def _plan_and_actual(tagged: list[_Tagged], indices: list[int]) -> tuple[int, int] | None:
    plans = [i for i in indices if tagged[i].role == PLAN]
    if len(plans) != 1:
        return None
    plan = tagged[plans[0]].quantity
    for roles in ((ACTUAL,), (LEVEL,)):
        found = [i for i in indices if tagged[i].role in roles and compatible(tagged[i].quantity, plan)]
        if len(found) == 1:
            return plans[0], found[0]
        if found:
            return None
    return None


def _comparison(text: str, base: int, item: _Tagged) -> str:
    clause = text[item.clause_start - base:item.quantity.start - base]
    m = _COMPARISON_RE.search(clause)
    return m.group() if m else ""


def _metric(text: str, base: int, item: _Tagged) -> str:
    """The metric a figure belongs to: the clause text before its cue (留存率从… → 留存率)."""
    segment = text[item.clause_start - base:item.quantity.start - base]
    segment = _strip_cue(segment)
    name = _METRIC_TAIL_RE.sub("", _METRIC_LEAD_RE.sub("", segment))
    if not name:
        label = _METRIC_LABEL_RE.search(text[:item.clause_start - base])
        if label and text[item.clause_start - base - 1:item.clause_start - base] in "：:":
            name = _METRIC_TAIL_RE.sub("", _METRIC_LEAD_RE.sub("", label.group(1)))
    return name.strip(" \t*")[-16:]


def _raw_metric(text: str, base: int, item: _Tagged) -> str:
    segment = text[item.clause_start - base:item.quantity.start - base].strip(" \t*#>-•·")[-16:]
    return segment if any("\u4e00" <= char <= "\u9fff" for char in segment) else ""


def _strip_cue(segment: str) -> str:
    for pattern in (_FROM_RE, _RATE_RE, _EXCESS_RE, _CHANGE_RE, _PERIOD_RE, _BASE_RE, _NAMED_BASE_RE, _PLAN_RE,
                    _SHARE_RE, _ACTUAL_RE):
        m = pattern.search(segment)
        if m:
            return _CUE_WORDS_RE.sub("", segment[:m.start()])
    return segment


# ---------------------------------------------------------------------------------------------
# Shares


_SHARE_GAP_RE = fastre.compile(r"^[、，,和及与以\s]*[^，,；;。\d]{0,10}$")
_CONTRAST_RE = fastre.compile(r"但|而|却|只|仅|则|(?<!占)比|较|高于|低于|相比|超过|不足|同比|环比|提升|下降|增长")
_SURVEY_RE = fastre.compile(r"多选|可多选|提及|选择|认为|表示|关注|希望|满意|认可|支持率|好评")
_WHOLE_RE = fastre.compile(r"占([^，,；;。\d]{1,12}?)的")


def share_runs(sentence: SentenceNumbers) -> list[list[Quantity]]:
    """Shares of one whole listed together: 华东占45%、华南占38%; 占比分别为45%、38%和27%."""
    if _SURVEY_RE.search(sentence.text):
        return []  # survey answers with several choices legitimately add past 100%
    runs: list[list[Quantity]] = []
    run: list[Quantity] = []
    listed = False  # 分别为 / 依次为: the following bare percentages are shares too
    whole = ""
    previous_end = sentence.start
    for q, role in zip(sentence.quantities, sentence.roles, strict=True):
        cue = sentence.text[previous_end - sentence.start:q.start - sentence.start]
        previous_end = q.end
        this_whole = _whole(cue)
        joins = bool(run) and _SHARE_GAP_RE.match(cue) is not None and not _CONTRAST_RE.search(cue)
        joins = joins and (not whole or not this_whole or whole == this_whole)
        if role == SHARE or (role == LEVEL and q.unit == "%" and listed and joins):
            if not joins:
                runs.append(run)
                run, whole = [], ""
                listed = "分别" in cue or "依次" in cue
            run.append(q)
            whole = whole or this_whole
            continue
        runs.append(run)
        run, whole, listed = [], "", False
    runs.append(run)
    return [r for r in runs if len(r) >= 2]


def _whole(cue: str) -> str:
    """The whole a share is of: 占全国销售额的45% → 全国销售额."""
    m = _WHOLE_RE.search(cue)
    return m.group(1) if m else ""


# ---------------------------------------------------------------------------------------------
# Breakdowns


def _breakdowns(sentences: list[SentenceNumbers], tagged: list[list[_Tagged]]) -> list[
        tuple[Breakdown, SentenceNumbers]]:
    found = []
    part_ids: set[int] = set()
    for index, sentence in enumerate(sentences):
        if len(sentence.quantities) < 2:
            continue
        for marker in _ENUM_RE.finditer(sentence.text):
            parts, total_after = _parts(sentence, tagged[index], sentence.start + marker.end())
            if len(parts) < 2 or any(id(p) in part_ids for p in parts):
                continue
            part_ids.update(id(p) for p in parts)
            totals = _totals(sentences, tagged, index, sentence.start + marker.start(), parts, part_ids)
            label = sentence.text[:parts[-1].start - sentence.start]
            complete = bool(_COMPLETE_MARKER_RE.match(marker.group()) or "分别" in marker.group()
                            or _REST_LABEL_RE.search(label))
            pair = ""
            if total_after is not None:  # 分别为A、B和C，合计N: the sum is stated right after the parts
                totals, complete = [total_after], True
            elif not complete and marker.group() == "其中":
                pair = _complementary_pair(sentence, sentence.start + marker.end(), parts)
            found.append((Breakdown(marker.group(), parts, totals, complete or bool(pair), pair=pair), sentence))
        found.extend(_listed_with_total_after(sentence, tagged[index], part_ids))
    return found


# Two labels that together cover a whole (其中B2B订单6,420单、B2C订单41,310单): a closed list.
_PAIRS = (("B2B", "B2C"), ("线上", "线下"), ("男", "女"), ("新", "老"), ("国内", "国外"), ("国内", "海外"),
          ("境内", "境外"))
_PAIR_LABEL_STRIP = " \t\u3000、，,和及与以；;：:"
_PAIR_TAIL_RE = fastre.compile(r"(?:为|是|有|达到?|共计?|约)+$")


def _complementary_pair(sentence: SentenceNumbers, after: int, parts: list[Quantity]) -> str:
    """其中 + exactly two parts whose labels are a closed complementary pair naming the same thing
    (B2B订单 / B2C订单, 男性员工 / 女性员工, 线上 / 线下): the parts claim to cover the whole.
    Returns the pair as written ("B2B/B2C"), or "" when it is none."""
    if len(parts) != 2:
        return ""
    first = sentence.text[after - sentence.start:parts[0].start - sentence.start]
    second = sentence.text[parts[0].end - sentence.start:parts[1].start - sentence.start]
    labels = [_PAIR_TAIL_RE.sub("", label.strip(_PAIR_LABEL_STRIP)).upper() for label in (first, second)]
    for a, b in _PAIRS:
        for x, y in ((a, b), (b, a)):
            if labels[0].startswith(x) and labels[1].startswith(y):
                rest = labels[0][len(x):], labels[1][len(y):]
                if rest[0] == rest[1] or not rest[1]:  # the same thing named, or named once (线上销售…、线下…)
                    return f"{x}/{y}"
                return ""
    return ""


def _parts(sentence: SentenceNumbers, tagged: list[_Tagged], after: int) -> tuple[list[Quantity], Quantity | None]:
    """The parts listed after a marker, and the total stated right after them (，合计N) if any."""
    parts: list[Quantity] = []
    for item in tagged:
        q = item.quantity
        if q.start < after:
            continue
        if parts and _TOTAL_AFTER_RE.search(item.pre):
            usable = item.role in (LEVEL, ACTUAL) and q.is_exact and _fits_measure(q, _measure(parts))
            return parts, q if usable else None
        if item.role not in (LEVEL, ACTUAL) or not q.is_exact or not _additive(q):
            break
        if parts:
            gap = sentence.text[parts[-1].end - sentence.start:q.start - sentence.start]
            if not _fits_measure(q, _measure(parts)) or not _PART_GAP_RE.match(gap) or _AVERAGE_RE.search(gap):
                break
        elif _AVERAGE_RE.search(sentence.text[after - sentence.start:q.start - sentence.start]):
            break
        parts.append(q)
    return parts, None


def _listed_with_total_after(sentence: SentenceNumbers, tagged: list[_Tagged], part_ids: set[int]) -> list[
        tuple[Breakdown, SentenceNumbers]]:
    """A list with no marker and its sum after it: 华北12万元、华南8万元和西部5万元，合计25万元."""
    found = []
    for i, item in enumerate(tagged):
        if i < 2 or id(item.quantity) in part_ids or not _TOTAL_AFTER_RE.search(item.pre):
            continue
        total = item.quantity
        if item.role not in (LEVEL, ACTUAL) or not total.is_exact or not _additive(total):
            continue
        parts: list[Quantity] = []
        for previous in reversed(tagged[:i]):
            q = previous.quantity
            end = parts[0].start if parts else total.start
            gap = sentence.text[q.end - sentence.start:end - sentence.start]
            joined = _LIST_JOIN_RE.match(gap) if parts else _PART_GAP_RE.match(gap)
            if (previous.role not in (LEVEL, ACTUAL) or not q.is_exact
                    or not _fits_measure(q, _measure([total, *parts]))
                    or id(q) in part_ids or not joined or _AVERAGE_RE.search(gap)):
                break
            parts.insert(0, q)
        if len(parts) >= 2:
            part_ids.update(id(p) for p in parts)
            found.append((Breakdown("", parts, [total], True), sentence))
    return found


def _measure(quantities: Sequence[Quantity]) -> str:
    """The unit a list of figures is in: the first one named (Chinese often writes it once)."""
    return next((q.unit for q in quantities if q.unit), "")


def _fits_measure(q: Quantity, unit: str) -> bool:
    """Whether q can be added to figures in unit: 4家 and 90天 are not parts of 138万元."""
    return not q.unit or not unit or q.unit == unit


def _additive(q: Quantity) -> bool:
    """Figures that add up to a total: counts, money, people, durations; not rates, scores or averages."""
    return q.unit not in _ADDITIVE_EXCLUDED_UNITS and "/" not in q.unit


def _totals(sentences: list[SentenceNumbers], tagged: list[list[_Tagged]], index: int, marker_start: int,
            parts: list[Quantity], part_ids: set[int]) -> list[Quantity]:
    """Candidate totals: figures before the marker in this sentence, else in the two before it."""
    unit = _measure(parts)
    for back in range(3):
        if index - back < 0:
            break
        candidates = [item.quantity for item in tagged[index - back]
                      if item.quantity.start < marker_start and item.role in (LEVEL, ACTUAL)
                      and id(item.quantity) not in part_ids and item.quantity.is_exact
                      and _additive(item.quantity) and _fits_measure(item.quantity, unit)
                      and not _AVERAGE_RE.search(item.pre)]
        if candidates:
            return candidates
    return []


# ---------------------------------------------------------------------------------------------
# Documents


_CACHE: dict[int, tuple[weakref.ReferenceType[Document], DocumentNumbers]] = {}


def document_numbers(doc: Document) -> DocumentNumbers:
    """Quantities, claims and breakdowns of every sentence of doc (computed once per Document)."""
    hit = _CACHE.get(id(doc))
    if hit is not None and hit[0]() is doc:
        return hit[1]
    result = _analyse(doc)
    key = id(doc)
    _CACHE[key] = (weakref.ref(doc, lambda _ref: _CACHE.pop(key, None)), result)
    return result


def _analyse(doc: Document) -> DocumentNumbers:
    quantities = [q for q in extract_quantities(doc.text) if not (doc.masked and doc.is_masked(q.start, q.end))]
    starts = [q.start for q in quantities]
    sentences: list[SentenceNumbers] = []
    breakdowns: list[tuple[Breakdown, SentenceNumbers]] = []
    table: list[_Cell] = []  # the cells of the table being read
    read: list[tuple[Block, list[SentenceNumbers], list[list[_Tagged]]]] = []
    lead_ins = False  # a paragraph ending in a colon: a list below it may break its total down
    for block in doc.blocks():
        block_sentences, block_tags = _block_numbers(doc.text, block, quantities, starts)
        sentences.extend(block_sentences)
        read.append((block, block_sentences, block_tags))
        lead_ins = lead_ins or (block.kind == "paragraph" and block.text.rstrip().endswith(_COLONS))
        if block.kind == "table_cell" and block_sentences:
            if table and table[-1].row[0] != _row_of(block)[0]:
                breakdowns.extend(_table_numbers(table))
                table = []
            table.append(_Cell(_row_of(block), block_sentences))
            continue
        if table:
            breakdowns.extend(_table_numbers(table))
            table = []
        breakdowns.extend(_breakdowns(block_sentences, block_tags))
    if table:
        breakdowns.extend(_table_numbers(table))
    if lead_ins:
        breakdowns.extend(_list_breakdowns(doc.text, quantities, starts, read))
    return DocumentNumbers(sentences, breakdowns)


# ---------------------------------------------------------------------------------------------
# Lists: 实际入职186人，分渠道如下：/ - 校园招聘：92人 / - 社会招聘：41人 …


_COLONS = ("：", ":")
# The lead-in's last clause, up to its colon, announces a breakdown: 分渠道如下, 按来源统计, 构成如下,
# 各渠道…如下, 其中, 具体如下, 分别为. 主要工作如下 / 情况如下 / 部分成果如下 announce no parts of a total.
_LEAD_IN_RE = fastre.lazy(
    r"(?P<marker>其中|分别(?:为|是)|(?:构成|组成|明细|分布|来源)(?:情况)?(?:如下|为|是)?|具体(?:情况)?如下"
    r"|(?<![部充十过划区评得积总满均])分[^，,；;。：:\d\s]{1,6}?(?:看|如下|统计如下|情况如下)"
    r"|各[^，,；;。：:\d\s]{1,8}?如下|按[^，,；;。：:\d\s]{1,6}?(?:分|划分|统计|拆分)(?:如下)?|包括|包含)"
    r"[\s*]*[：:][\s*]*$")
_LEAD_IN_PARTIAL_RE = fastre.lazy(r"主要|部分|重点|典型|代表|例如|比如|包括|包含|等")
# A list item: an optional bullet or number, a label, a colon, the figure, a closing mark (matched with
# pos/endpos, which anchor them: no ^, it would not match at pos).
_ITEM_HEAD_RE = fastre.lazy(
    r"[ \t\u3000>]*(?:[-*+•·▪◦●]|\d{1,2}[.、)）]|[（(]\d{1,2}[)）]|[①②③④⑤⑥⑦⑧⑨⑩])?(?P<label>[^\n]*?)[\s*]*[：:]?[\s*]*$")
_ITEM_TAIL_RE = fastre.lazy(r"[\s*]*[；;。，,.、]?\s*$")
# Labels that make an item no part of a breakdown: a subset (其中, 含), a sum, a change, a rate or an
# average, a plan, a threshold (3年以上), and groups that cut across others (女性, 硕士, 党员, 参与…).
_ITEM_LABEL_SKIP_RE = fastre.lazy(
    r"其中|含|包括|合计|总计|小计|共计|总数|总量|累计|汇总|全年|同比|环比|比|较|增|减|降|提升|提高|上升|下滑"
    r"|均|每|率|占|计划|目标|预算|预计|以上|以下|以内|超过|不足|不到|至少|最多|约|近|逾|左右"
    r"|涉及|参与|参加|覆盖|通过|获得|同时|兼|女|男|党员|硕士|博士|本科|研究生|学历|职称|岁|年龄|工龄|司龄")


def _list_breakdowns(text: str, quantities: list[Quantity], starts: list[int],
                     read: list[tuple[Block, list[SentenceNumbers], list[list[_Tagged]]]]) -> list[
        tuple[Breakdown, SentenceNumbers]]:
    """A total in a lead-in sentence ending in a colon, its parts in the list right below it, one
    figure of the total's unit per item: 全年实际入职186人，分渠道如下：/ - 校园招聘：92人 / …"""
    read = sorted(read, key=lambda entry: entry[0].start)  # doc.blocks() puts child sections' blocks last
    found = []
    for k, (block, block_sentences, block_tags) in enumerate(read):
        if block.kind != "paragraph" or not block_sentences or not block.text.rstrip().endswith(_COLONS):
            continue
        items = []
        previous_end = block.end
        for item, item_sentences, item_tags in read[k + 1:]:
            line_start = text.rfind("\n", 0, item.start) + 1
            if item.kind != "list_item" or line_start <= previous_end or text[previous_end:line_start].strip():
                break  # nothing but line breaks between the lead-in and its items
            items.append((item, line_start, item_sentences, item_tags))
            previous_end = item.end
        breakdown = _list_breakdown(text, quantities, starts, block_sentences, block_tags, items)
        if breakdown is not None:
            found.append(breakdown)
    return found


def _list_breakdown(text: str, quantities: list[Quantity], starts: list[int], lead_sentences: list[SentenceNumbers],
                    lead_tags: list[list[_Tagged]],
                    items: list[tuple[Block, int, list[SentenceNumbers], list[list[_Tagged]]]]) -> tuple[
        Breakdown, SentenceNumbers] | None:
    lead = _LEAD_IN_RE.search(lead_sentences[-1].text)
    if (lead is None or lead_sentences[-1].placeholder or len(items) < 2
            or len({item.list_depth for item, *_ in items}) != 1):
        return None  # no breakdown announced, a single item, or a nested list
    parts: list[Quantity] = []
    labels: list[str] = []
    for item, line_start, item_sentences, item_tags in items:
        inside = quantities[bisect.bisect_left(starts, line_start):bisect.bisect_left(starts, item.end)]
        if len(inside) != 1 or len(item_sentences) != 1 or len(item_tags[0]) != 1:
            return None  # every item holds exactly one figure, in one sentence
        q, tagged = inside[0], item_tags[0][0]
        head = _ITEM_HEAD_RE.match(text, line_start, q.start)
        label = head.group("label").strip(" \t\u3000*_") if head else ""
        if (tagged.quantity is not q or tagged.role not in (LEVEL, ACTUAL) or not label
                or _ITEM_LABEL_SKIP_RE.search(label) or not _ITEM_TAIL_RE.match(text, q.end, item.end)
                or not q.is_exact or not q.unit or not _additive(q) or (parts and q.unit != parts[0].unit)):
            return None
        parts.append(q)
        labels.append(label)
    if len(set(labels)) != len(labels):
        return None
    totals = _lead_in_totals(lead_sentences, lead_tags, parts[0].unit)
    if totals is None:
        return None
    sentence, whole = totals
    if any(part.value >= whole.value for part in parts):
        return None  # a part as large as the whole: the list is not a breakdown of it
    complete = bool(_REST_LABEL_RE.search(labels[-1])) or (
        lead.group("marker").startswith(("分别", "构成", "组成"))
        and not _LEAD_IN_PARTIAL_RE.search(_last_clause(lead_sentences[-1].text)))
    return Breakdown(lead.group("marker"), parts, [whole], complete), sentence


def _last_clause(sentence: str) -> str:
    body = sentence.rstrip(" \t*：:")
    cut = max(body.rfind(mark) for mark in "，,；;。")
    return body[cut + 1:]


def _lead_in_totals(sentences: list[SentenceNumbers], tags: list[list[_Tagged]], unit: str) -> tuple[
        SentenceNumbers, Quantity] | None:
    """The one candidate total in the lead-in sentence (in the sentence before it when the lead-in
    holds no figure: 全年入职186人。各渠道入职人数如下：)."""
    index = len(sentences) - 1
    if not sentences[index].quantities and index > 0:
        index -= 1
    candidates = [item.quantity for item in tags[index]
                  if item.role in (LEVEL, ACTUAL) and item.quantity.unit == unit and not _AVERAGE_RE.search(item.pre)]
    if len(candidates) != 1 or not candidates[0].is_exact:
        return None  # none, or several: which one the list breaks down is a guess
    return sentences[index], candidates[0]


# ---------------------------------------------------------------------------------------------
# Tables: | 指标 | 目标 | 实际 | 完成率 | — the header row gives each column its role


_HEADER_ROLES = [
    (fastre.compile(r"完成率|达成率|完成比例|达成比例|完成度"), RATE),
    (fastre.compile(r"超额"), EXCESS),
    (fastre.compile(r"实际|实绩|完成值|完成数|完成额|达成值|本年|今年|本期|本月|本季度?|当期|当年"), ACTUAL),
    (fastre.compile(r"目标|计划|预算|任务"), PLAN),
    (fastre.compile(r"上年|去年|同期|基期|上月|上季度?|上期|上周|前值|基线|改造前|优化前"), PERIOD),
    (fastre.compile(r"同比|环比|增幅|增长率?|变化|变动|降幅|增减"), CHANGE),
]


class _Cell:
    """One table cell: its row (table, row) and its sentences (a cell holds one or more)."""

    __slots__ = ("row", "sentences")

    def __init__(self, row: tuple[int, int], sentences: list[SentenceNumbers]):
        self.row = row
        self.sentences = sentences

    @property
    def end(self) -> int:
        return self.sentences[-1].end

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)

    @property
    def quantities(self) -> list[Quantity]:
        return [q for s in self.sentences for q in s.quantities]

    @property
    def roles(self) -> list[str]:
        return [r for s in self.sentences for r in s.roles]

    @property
    def placeholder(self) -> bool:
        return any(s.placeholder for s in self.sentences)


def _row_of(block: Block) -> tuple[int, int]:
    """(table, row) of a table cell; a cell of no known table is a table of its own."""
    return block.cell[:2] if block.cell else (-1 - block.start, 0)


def _header_role(title: str) -> str | None:
    for pattern, role in _HEADER_ROLES:
        if pattern.search(title):
            return role
    return None


# A column headed by a period: 2023 / 2024年 / 2024年上半年 / 2024年Q3 / 5月 / Q3 / 第三季度.
_PERIOD_HEADER_RE = fastre.lazy(
    r"^[\s*]*(?:(?P<year>(?:19|20)\d{2})\s*年?度?\s*(?P<sub>[上下]半年|[Qq][1-4]|第?[一二三四1-4]季度|\d{1,2}\s*月份?)?"
    r"|(?P<alone>\d{1,2}\s*月份?|[Qq][1-4]|第?[一二三四1-4]季度))[\s*]*$")
_QUARTER_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4}


def _period_key(title: str) -> tuple[str, int, int] | None:
    """(kind of period, year, index within the year) of a period column header, for ordering two of them."""
    m = _PERIOD_HEADER_RE.match(title)
    if m is None:
        return None
    sub = (m.group("sub") or m.group("alone") or "").replace(" ", "")
    year = int(m.group("year")) if m.group("year") else 0
    if not sub:
        return "year", year, 0
    if sub.endswith("半年"):
        return "half", year, 1 if sub.startswith("上") else 2
    if "月" in sub:
        return "month", year, int(sub.split("月")[0])
    digit = sub[-1] if sub[0] in "Qq" else sub.replace("第", "")[0]
    return "quarter", year, int(_QUARTER_DIGITS.get(digit, digit))


def _header_roles(titles: list[str]) -> list[str | None]:
    """The role of each column; | 指标 | 2022 | 2023 | 变化 | or | 指标 | 5月 | 4月 | 环比 |: the earlier of two
    periods of one kind is the baseline, the later the actual (with three or more, which two a change
    compares is a guess; two months more than six apart may straddle a new year)."""
    roles = [_header_role(title) for title in titles]
    periods = [(key, k) for k, title in enumerate(titles) if (key := _period_key(title)) is not None]
    if len(periods) != 2 or PERIOD in roles or ACTUAL in roles:
        return roles
    (first, _), (second, _) = periods
    same_kind = first[0] == second[0] and (first[1] == 0) == (second[1] == 0)
    wraps = first[0] == "month" and first[1] == 0 and abs(first[2] - second[2]) > 6
    if same_kind and first != second and not wraps:
        (_, earlier), (_, later) = sorted(periods)
        roles[earlier], roles[later] = PERIOD, ACTUAL
    return roles


def _table_numbers(cells: list[_Cell]) -> list[tuple[Breakdown, SentenceNumbers]]:
    """Claims for the data rows of a table, and breakdowns for its 合计 row."""
    rows: dict[tuple[int, int], list[_Cell]] = {}
    for cell in cells:
        rows.setdefault(cell.row, []).append(cell)
    table = [rows[row] for row in sorted(rows)]
    if len(table) < 2:
        return []
    _table_claims(table)
    return _total_row_breakdowns(table)


def _table_claims(rows: list[list[_Cell]]) -> None:
    """Claims for each data row, attached to the first sentence of the row's first cell (its metric)."""
    header = _header_roles([cell.text for cell in rows[0]])
    if not any(header):
        return
    for row in rows[1:]:
        if len(row) != len(header) or any(cell.placeholder for cell in row):
            continue
        claim = _row_claim(row, header)
        if claim is not None:
            first = row[0].sentences[0]
            first.claims = (*first.claims, claim)


def _row_claim(row: list[_Cell], header: list[str | None]) -> MetricClaim | None:
    roles: dict[str, Quantity] = {}
    for cell, column_role in zip(row, header, strict=True):
        found, cell_roles = cell.quantities, cell.roles
        if len(found) != 1:
            continue
        role = cell_roles[0] if cell_roles[0] in (RATE, EXCESS) else column_role or cell_roles[0]
        roles.setdefault(role, found[0])
    quantities = list(roles.values())
    if not quantities:
        return None
    claim = MetricClaim(min(q.start for q in quantities), max(q.end for q in quantities), row[0].text.strip(" *"),
                        kind="table", plan=roles.get(PLAN), actual=roles.get(ACTUAL), rate=roles.get(RATE),
                        excess=roles.get(EXCESS))
    if PERIOD in roles and ACTUAL in roles:
        claim.before, claim.after = roles[PERIOD], roles[ACTUAL]
        if CHANGE in roles:
            change = roles[CHANGE]
            claim.changes += (Change(change, _sign_direction(change)),)
    return claim


_TOTAL_ROW_RE = fastre.lazy(r"^[\s*]*(?:合\s*计|总\s*计|共\s*计|汇\s*总|总\s*和)[\s*]*$")
_SUBTOTAL_ROW_RE = fastre.lazy(r"合计|总计|小计|共计|汇总|总和|其中|含")
# Columns whose figures do not add down a table: rates, shares, averages, prices, ranks, scores, changes,
# peaks, and times that may overlap (周期, 耗时).
_NON_ADDITIVE_COLUMN_RE = fastre.lazy(
    r"率|比|均|价|占|排名|名次|排行|得分|评分|分数|分值|评级|指数|系数|增幅|增速|增长|变化|变动|增减|降幅|涨幅|差"
    r"|周期|耗时|时长|用时|工期|时间|日期|时延|延迟|响应|最高|最低|最大|最小|峰值|年龄|年限|工龄|QPS|TPS|P\d\d|p\d\d")


def _total_row_breakdowns(rows: list[list[_Cell]]) -> list[tuple[Breakdown, SentenceNumbers]]:
    """| 合计 | 2.8万 | as the last row: each additive column of the rows above must add up to it."""
    header, data, last = rows[0], rows[1:-1], rows[-1]
    width = len(header)
    if (len(data) < 2 or len(last) != width or not _TOTAL_ROW_RE.match(last[0].text)
            or any(len(row) != width or _SUBTOTAL_ROW_RE.search(row[0].text) for row in data)):
        return []
    found = []
    for k in range(1, width):
        if _NON_ADDITIVE_COLUMN_RE.search(header[k].text):
            continue
        column = [row[k] for row in data] + [last[k]]
        figures = [cell.quantities for cell in column]
        if any(len(f) != 1 or cell.placeholder for f, cell in zip(figures, column, strict=True)):
            continue
        quantities = [f[0] for f in figures]
        unit = _measure(quantities)
        if all(q.is_exact and _additive(q) and _fits_measure(q, unit) for q in quantities):
            breakdown = Breakdown("合计", quantities[:-1], [quantities[-1]], complete=True, table=True)
            found.append((breakdown, last[k].sentences[0]))
    return found


def _block_numbers(text: str, block: Block, quantities: list[Quantity], starts: list[int]) -> tuple[
        list[SentenceNumbers], list[list[_Tagged]]]:
    kind = block.section.kind if block.section is not None else "other"
    result, tags = [], []
    for sentence in block.sentences:
        numbers, tagged = _sentence_numbers(text, sentence, quantities, starts, kind)
        result.append(numbers)
        tags.append(tagged)
    return result, tags


def _sentence_numbers(text: str, sentence: Sentence, quantities: list[Quantity], starts: list[int],
                      kind: str) -> tuple[SentenceNumbers, list[_Tagged]]:
    lo = bisect.bisect_left(starts, sentence.start)
    hi = bisect.bisect_left(starts, sentence.end)
    if lo == hi:  # most sentences: no figure, nothing to read (a placeholder here hides no figure)
        return SentenceNumbers(sentence.start, sentence.end, sentence.text, (), (), (), False, kind), []
    inside = [q for q in quantities[lo:hi] if q.end <= sentence.end]
    tagged = _tag_all(sentence.text, sentence.start, inside)
    claims = _claims(sentence.text, sentence.start, tagged)
    numbers = SentenceNumbers(sentence.start, sentence.end, sentence.text, tuple(inside),
                              tuple(t.role for t in tagged), tuple(claims), has_placeholder(sentence.text), kind,
                              tuple(t.clause_start for t in tagged))
    return numbers, tagged


def text_numbers(text: str) -> DocumentNumbers:
    """The same analysis on plain text split into sentences (for tests, benchmarks and tools)."""
    from ..sentences import split_sentences

    quantities = extract_quantities(text)
    starts = [q.start for q in quantities]
    sentences: list[SentenceNumbers] = []
    tags: list[list[_Tagged]] = []
    for sentence in split_sentences(text, 0):
        numbers, tagged = _sentence_numbers(text, sentence, quantities, starts, "other")
        sentences.append(numbers)
        tags.append(tagged)
    return DocumentNumbers(sentences, _breakdowns(sentences, tags))
