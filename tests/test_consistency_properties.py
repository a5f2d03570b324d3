"""Property-based tests of the consistency rules (C001–C006) with hypothesis.

Generated claims whose figures agree (computed, then rounded the way a writer would) must never be
flagged; the same claims with one figure pushed beyond the tolerance must always be.
"""

from __future__ import annotations

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from summarylint.api import Linter

_LINTER = Linter(plugins=False)
_LINTER.rules = [rule for rule in _LINTER.rules if rule.category == "consistency"]

UP = {"to": ["提升至", "增至", "上升到", "提高到", "增长到"], "change": ["增长", "提升", "上升", "提高", "增幅达"]}
DOWN = {"to": ["降至", "下降到", "减少到", "回落至", "降低至"], "change": ["下降", "减少", "降低", "降幅为", "下滑"]}
METRICS = ["销售额", "客单价", "活跃用户数", "工单量", "获客成本", "平均处理时长", "线索量", "出库量"]
UNITS = ["元", "万元", "人", "件", "单", "万", "分钟", "天"]
RATES = ["次日留存率", "转化率", "回款率", "好评率", "毛利率", "差错率"]
LABELS = ["华北", "华南", "华东", "西部", "华中", "线上", "门店"]

settings.register_profile("consistency", max_examples=150, deadline=None)
settings.load_profile("consistency")


def rules_fired(text: str) -> set[str]:
    report = _LINTER.lint_text(text, "case.txt", "text")
    assert not report.errors, report.errors
    return {d.rule for d in report.diagnostics}


def fmt(value: float, decimals: int, thousands: bool = False) -> str:
    return f"{value:,.{decimals}f}" if thousands else f"{value:.{decimals}f}"


levels = st.integers(min_value=100, max_value=99_999)  # in units of the last digit
decimals = st.integers(min_value=0, max_value=2)


def two_levels(draw: st.DrawFn) -> tuple[int, float, float, str, bool]:
    """(decimals, A, B, unit, thousands separators): two levels at least 5 % apart, written alike."""
    d = draw(decimals)
    a = draw(levels) / 10**d
    b = draw(levels) / 10**d
    assume(abs(b - a) / a >= 0.05)
    return d, a, b, draw(st.sampled_from(UNITS)), draw(st.booleans()) and d == 0


@st.composite
def from_to(draw: st.DrawFn) -> tuple[str, float, float, int, bool]:
    """(sentence prefix 销售额由A元提升至B元, A, B, stated decimals, up)."""
    d, a, b, unit, thousands = two_levels(draw)
    up = b > a
    verbs = UP if up else DOWN
    prefix = (f"{draw(st.sampled_from(METRICS))}由{fmt(a, d, thousands)}{unit}"
              f"{draw(st.sampled_from(verbs['to']))}{fmt(b, d, thousands)}{unit}")
    return prefix, a, b, draw(st.integers(min_value=0, max_value=1)), up


@given(from_to(), st.data())
def test_consistent_relative_change_is_never_flagged(case: tuple[str, float, float, int, bool], data: st.DataObject) -> None:
    prefix, a, b, k, up = case
    stated = round(abs(b - a) / a * 100, k)
    assume(stated > 0)
    verb = data.draw(st.sampled_from((UP if up else DOWN)["change"]))
    assert rules_fired(f"{prefix}，{verb}{fmt(stated, k)}%。") == set()


@given(from_to(), st.data(), st.floats(min_value=2.0, max_value=60.0))
def test_wrong_relative_change_is_always_flagged(case: tuple[str, float, float, int, bool], data: st.DataObject,
                                                 push: float) -> None:
    prefix, a, b, k, up = case
    true = abs(b - a) / a * 100
    stated = round(true + push if data.draw(st.booleans()) or true - push < 1 else true - push, k)
    assume(abs(stated - true) >= 2.0)
    verb = data.draw(st.sampled_from((UP if up else DOWN)["change"]))
    assert "C002" in rules_fired(f"{prefix}，{verb}{fmt(stated, k)}%。")


@given(from_to(), st.data())
def test_change_word_against_the_figures_is_always_flagged(case: tuple[str, float, float, int, bool],
                                                          data: st.DataObject) -> None:
    prefix, a, b, _, up = case
    wrong = data.draw(st.sampled_from((DOWN if up else UP)["change"]))
    assert "C004" in rules_fired(f"{prefix}，{wrong}{fmt(abs(b - a) / a * 100, 1)}%。")


@given(from_to(), st.data())
def test_from_to_verb_against_the_figures_is_always_flagged(case: tuple[str, float, float, int, bool],
                                                           data: st.DataObject) -> None:
    prefix, _, _, _, up = case
    right_verbs, wrong_verbs = (UP, DOWN) if up else (DOWN, UP)
    verb = next(v for v in right_verbs["to"] if v in prefix)
    assert "C004" in rules_fired(prefix.replace(verb, data.draw(st.sampled_from(wrong_verbs["to"])), 1) + "。")


# A level, then the figure it is compared with named as a baseline (上周/上月/去年同期 X, 同比…的X, 与…X相比),
# then the change: the baseline is the *from*, and never a total.
_BASELINE_FORMS = [
    "{m}：{b}，上周{a}，环比{verb}{x}。",
    "{m}{b}，上月{a}，环比{verb}{x}。",
    "{m}{b}，去年同期{a}，同比{verb}{x}。",
    "{m}{b}，同比去年上半年的{a}{verb}{x}。",
    "{m}{b}，环比10月的{a}{verb}{x}。",
    "{m}{b}，与去年同期的{a}相比{verb}{x}。",
]


@st.composite
def level_and_baseline(draw: st.DrawFn) -> tuple[str, float, float, int, bool]:
    """(template with {verb} and {x} left, baseline A, level B, stated decimals, up)."""
    d, a, b, unit, thousands = two_levels(draw)
    template = draw(st.sampled_from(_BASELINE_FORMS)).format(
        m=draw(st.sampled_from(METRICS)), a=fmt(a, d, thousands) + unit, b=fmt(b, d, thousands) + unit,
        verb="{verb}", x="{x}")
    return template, a, b, draw(st.integers(min_value=0, max_value=1)), b > a


@given(level_and_baseline(), st.data())
def test_consistent_change_against_a_named_baseline_is_never_flagged(
        case: tuple[str, float, float, int, bool], data: st.DataObject) -> None:
    template, a, b, k, up = case
    stated = round(abs(b - a) / a * 100, k)
    assume(stated > 0)
    verb = data.draw(st.sampled_from((UP if up else DOWN)["change"]))
    assert rules_fired(template.format(verb=verb, x=fmt(stated, k) + "%")) == set()


@given(level_and_baseline(), st.data(), st.floats(min_value=2.0, max_value=60.0))
def test_wrong_change_against_a_named_baseline_is_always_flagged(
        case: tuple[str, float, float, int, bool], data: st.DataObject, push: float) -> None:
    template, a, b, k, up = case
    true = abs(b - a) / a * 100
    stated = round(true + push if data.draw(st.booleans()) or true - push < 1 else true - push, k)
    assume(abs(stated - true) >= 2.0)
    verb = data.draw(st.sampled_from((UP if up else DOWN)["change"]))
    assert "C002" in rules_fired(template.format(verb=verb, x=fmt(stated, k) + "%"))


@st.composite
def rate_levels(draw: st.DrawFn) -> tuple[str, float, float, bool]:
    a = draw(st.integers(min_value=10, max_value=950)) / 10
    b = draw(st.integers(min_value=10, max_value=950)) / 10
    assume(abs(b - a) >= 0.5)
    up = b > a
    verb = draw(st.sampled_from((UP if up else DOWN)["to"]))
    return f"{draw(st.sampled_from(RATES))}由{a:.1f}%{verb}{b:.1f}%", a, b, up


@given(rate_levels(), st.data())
def test_consistent_points_are_never_flagged(case: tuple[str, float, float, bool], data: st.DataObject) -> None:
    prefix, a, b, up = case
    verb = data.draw(st.sampled_from((UP if up else DOWN)["change"]))
    relative = abs(b - a) / a * 100
    assert rules_fired(f"{prefix}，{verb}{abs(b - a):.1f}个百分点，相对{verb}{relative:.1f}%。") == set()


@given(rate_levels(), st.data(), st.floats(min_value=0.3, max_value=20.0))
def test_wrong_points_are_always_flagged(case: tuple[str, float, float, bool], data: st.DataObject,
                                         push: float) -> None:
    prefix, a, b, up = case
    true = abs(b - a)
    stated = round(true + push, 1)
    verb = data.draw(st.sampled_from((UP if up else DOWN)["change"]))
    assert "C002" in rules_fired(f"{prefix}，{verb}{stated:.1f}个百分点。")


@given(rate_levels(), st.data())
def test_points_written_as_percent_are_always_flagged(case: tuple[str, float, float, bool],
                                                      data: st.DataObject) -> None:
    prefix, a, b, up = case
    points = abs(b - a)
    assume(abs(points / a * 100 - points) > 3)  # the relative change reads differently
    verb = data.draw(st.sampled_from((UP if up else DOWN)["change"]))
    assert "C003" in rules_fired(f"{prefix}，{verb}{points:.1f}%。")


@st.composite
def plan_actual(draw: st.DrawFn) -> tuple[float, float, int, str, str]:
    d = draw(decimals)
    plan = draw(st.integers(min_value=50, max_value=50_000)) / 10**d
    actual = plan * draw(st.floats(min_value=0.5, max_value=1.6))
    actual = round(actual, d)
    assume(actual > 0)
    unit = draw(st.sampled_from(UNITS))
    return plan, actual, d, unit, draw(st.sampled_from(["计划{p}，实际完成{a}，完成率{r}。",
                                                         "{m}{a}，目标{p}，完成率{r}。",
                                                         "{m}完成率{r}（目标{p}，实际{a}）。",
                                                         "{m}实际{a}，完成年度目标的{r}，目标{p}。",
                                                         "{m}{a}，完成目标{p}的{r}。",
                                                         "实际{a}，为年度目标{p}的{r}。"]))


def _plan_sentence(template: str, plan: str, actual: str, rate: str) -> str:
    return template.format(m="新签合同额", p=plan, a=actual, r=rate)


@given(plan_actual(), st.integers(min_value=0, max_value=1))
def test_consistent_completion_rate_is_never_flagged(case: tuple[float, float, int, str, str], k: int) -> None:
    plan, actual, d, unit, template = case
    rate = round(actual / plan * 100, k)
    text = _plan_sentence(template, fmt(plan, d) + unit, fmt(actual, d) + unit, fmt(rate, k) + "%")
    assert rules_fired(text) == set()


@given(plan_actual(), st.floats(min_value=2.0, max_value=40.0), st.booleans())
def test_wrong_completion_rate_is_always_flagged(case: tuple[float, float, int, str, str], push: float,
                                                 higher: bool) -> None:
    plan, actual, d, unit, template = case
    true = actual / plan * 100
    rate = round(true + push if higher or true - push < 1 else true - push, 1)
    assume(abs(rate - true) >= 2.0 and abs(rate - plan / actual * 100) >= 2.0)  # not the cost-style inverse
    text = _plan_sentence(template, fmt(plan, d) + unit, fmt(actual, d) + unit, fmt(rate, 1) + "%")
    assert "C001" in rules_fired(text)


@st.composite
def breakdown(draw: st.DrawFn) -> tuple[list[float], int, str, list[str]]:
    n = draw(st.integers(min_value=2, max_value=5))
    d = draw(st.integers(min_value=0, max_value=1))
    parts = [draw(st.integers(min_value=1, max_value=9_999)) / 10**d for _ in range(n)]
    unit = draw(st.sampled_from(["万元", "件", "单", "人", "万"]))
    labels = draw(st.permutations(LABELS))[:n]
    return parts, d, unit, labels


def _breakdown_sentence(total: str, parts: list[str], labels: list[str], complete: bool) -> str:
    listed = "、".join(f"{label}{part}" for label, part in zip(labels, parts, strict=True))
    marker = "分别为" if complete else "其中"
    return f"全年合计{total}，{marker}{listed}。"


@given(breakdown(), st.booleans())
def test_parts_that_add_up_are_never_flagged(case: tuple[list[float], int, str, list[str]], complete: bool) -> None:
    parts, d, unit, labels = case
    total = fmt(sum(parts), d) + unit
    assert rules_fired(_breakdown_sentence(total, [fmt(p, d) + unit for p in parts], labels, complete)) == set()


@given(breakdown(), st.integers(min_value=2, max_value=500), st.booleans())
def test_parts_past_the_total_are_always_flagged(case: tuple[list[float], int, str, list[str]], push: int,
                                                 complete: bool) -> None:
    parts, d, unit, labels = case
    unit_step = 10**-d
    margin = (len(parts) + 2) * unit_step  # beyond the rounding of every figure
    total = sum(parts) - max(push * unit_step, margin)
    assume(total > 0)
    text = _breakdown_sentence(fmt(total, d) + unit, [fmt(p, d) + unit for p in parts], labels, complete)
    assert "C006" in rules_fired(text)


@given(breakdown(), st.integers(min_value=2, max_value=500))
def test_complete_parts_short_of_the_total_are_always_flagged(case: tuple[list[float], int, str, list[str]],
                                                              push: int) -> None:
    parts, d, unit, labels = case
    unit_step = 10**-d
    total = sum(parts) + max(push * unit_step, (len(parts) + 2) * unit_step)
    text = _breakdown_sentence(fmt(total, d) + unit, [fmt(p, d) + unit for p in parts], labels, True)
    assert "C006" in rules_fired(text)


def _breakdown_list(total: str, parts: list[str], labels: list[str], complete: bool, bullet: str) -> str:
    """The total in a lead-in sentence, its parts as a list below it (- 华北：12万元)."""
    marker = "各区域分别为" if complete else "其中"
    items = "".join(f"{bullet}{label}：{part}\n" for label, part in zip(labels, parts, strict=True))
    return f"一、业绩\n全年合计{total}，{marker}：\n{items}"


def _fired_in(text: str, fmt: str) -> set[str]:
    report = _LINTER.lint_text(text, "case.md" if fmt == "markdown" else "case.txt", fmt)
    assert not report.errors, report.errors
    return {d.rule for d in report.diagnostics}


_LIST_UNITS = st.sampled_from(["万元", "件", "单", "人"])  # a bare 万 names no unit: such lists are left alone
_LIST_FORMS = st.sampled_from([("- ", "text"), ("· ", "text"), ("- ", "markdown"), ("* ", "markdown")])


@given(breakdown(), _LIST_UNITS, _LIST_FORMS, st.booleans())
def test_listed_parts_that_add_up_are_never_flagged(case: tuple[list[float], int, str, list[str]], unit: str,
                                                    form: tuple[str, str], complete: bool) -> None:
    parts, d, _, labels = case
    total = fmt(sum(parts), d) + unit
    text = _breakdown_list(total, [fmt(p, d) + unit for p in parts], labels, complete, form[0])
    assert _fired_in(text, form[1]) == set()


@given(breakdown(), _LIST_UNITS, _LIST_FORMS, st.integers(min_value=2, max_value=500), st.booleans())
def test_listed_parts_past_the_total_are_always_flagged(case: tuple[list[float], int, str, list[str]], unit: str,
                                                        form: tuple[str, str], push: int, complete: bool) -> None:
    parts, d, _, labels = case
    unit_step = 10**-d
    total = sum(parts) - max(push * unit_step, (len(parts) + 2) * unit_step)
    assume(round(total, d) > max(parts))  # a part as large as the whole (as written): no breakdown of it, left alone
    text = _breakdown_list(fmt(total, d) + unit, [fmt(p, d) + unit for p in parts], labels, complete, form[0])
    assert "C006" in _fired_in(text, form[1])


@given(breakdown(), _LIST_UNITS, _LIST_FORMS, st.integers(min_value=2, max_value=500))
def test_complete_listed_parts_short_of_the_total_are_always_flagged(
        case: tuple[list[float], int, str, list[str]], unit: str, form: tuple[str, str], push: int) -> None:
    parts, d, _, labels = case
    unit_step = 10**-d
    total = sum(parts) + max(push * unit_step, (len(parts) + 2) * unit_step)
    text = _breakdown_list(fmt(total, d) + unit, [fmt(p, d) + unit for p in parts], labels, True, form[0])
    assert "C006" in _fired_in(text, form[1])


@given(st.lists(st.integers(min_value=1, max_value=60), min_size=2, max_size=5), st.data())
def test_shares(shares: list[int], data: st.DataObject) -> None:
    labels = data.draw(st.permutations(LABELS))[:len(shares)]
    text = "，".join(f"{label}渠道占比{share}%" for label, share in zip(labels, shares, strict=True)) + "。"
    # integer shares may each hide half a point of rounding: 1% + 40% + 60% can be honest
    assert ("C005" in rules_fired(text)) == (sum(shares) > 100 + 0.5 * len(shares))


_PIECES = ["销售额", "留存率", "由", "从", "提升至", "降到", "，", "。", "；", "增长", "下降", "个百分点", "%", "万元", "人",
           "计划", "实际", "完成率", "目标", "其中", "分别为", "、", "合计", "占比", "比上年的", "2023年为", "超额完成",
           "0", "0.0", "12", "3.5", "1,200", "−5", "XX", "约", "→", "（", "）", "\n", "| 目标 | 实际 |", "- "]


@given(st.lists(st.sampled_from(_PIECES), max_size=40), st.sampled_from(["text", "markdown"]))
@settings(max_examples=200, deadline=None)
def test_the_rules_never_fail_on_any_arrangement(pieces: list[str], fmt: str) -> None:
    report = _LINTER.lint_text("".join(pieces), "x.md" if fmt == "markdown" else "x.txt", fmt)
    assert not report.errors, report.errors
