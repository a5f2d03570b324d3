"""Metric claims (summarylint.numbers.claims): from / to / change / plan / actual / rate / share per sentence."""

from __future__ import annotations

import doctest
from types import ModuleType

import pytest

import summarylint.numbers.claims
import summarylint.numbers.quantities
import summarylint.numbers.signals
from summarylint.numbers.claims import MetricClaim, document_numbers, sentence_claims, share_runs, text_numbers
from summarylint.parse import parse_document


def claim_of(text: str, kind: str | None = None) -> MetricClaim:
    claims = [c for c in sentence_claims(text) if kind is None or c.kind == kind]
    assert len(claims) == 1, claims
    return claims[0]


def figures(claim: MetricClaim) -> dict[str, object]:
    out: dict[str, object] = {}
    for name in ("before", "after", "plan", "actual", "rate", "excess", "share", "level"):
        q = getattr(claim, name)
        if q is not None:
            out[name] = q.text
    if claim.changes:
        out["changes"] = [(c.quantity.text, c.direction) for c in claim.changes]
    return out


def test_from_to_and_points() -> None:
    c = claim_of("次日留存率从20%提升至25%,提升5个百分点。")
    assert c.metric == "次日留存率"
    assert c.kind == "from-to" and c.direction == "up"
    assert figures(c) == {"before": "20%", "after": "25%", "changes": [("5个百分点", "up")]}


def test_from_to_and_relative_change_down() -> None:
    c = claim_of("获客成本从30元降低至24元，降幅达20%。")
    assert (c.metric, c.direction) == ("获客成本", "down")
    assert figures(c) == {"before": "30元", "after": "24元", "changes": [("20%", "down")]}


def test_plan_actual_rate() -> None:
    c = claim_of("计划新增10万，实际完成11万，目标完成率110%。", "completion")
    assert figures(c) == {"plan": "10万", "actual": "11万", "rate": "110%"}
    assert c.has_baseline


def test_single_level_is_the_actual_when_a_plan_and_rate_are_given() -> None:
    c = claim_of("上半年新增注册用户55.2万，目标60万，完成率95%。", "completion")
    assert figures(c) == {"plan": "60万", "actual": "55.2万", "rate": "95%"}
    assert c.metric == "新增注册用户"


def test_rate_first_then_plan_and_actual_in_brackets() -> None:
    c = claim_of("完成率97%（目标800万元，实际744万元）", "completion")
    assert figures(c) == {"plan": "800万元", "actual": "744万元", "rate": "97%"}


def test_excess() -> None:
    c = claim_of("计划签约40家，实际签约46家，超额完成15%。", "completion")
    assert figures(c) == {"plan": "40家", "actual": "46家", "excess": "15%"}


@pytest.mark.parametrize(("text", "comparison", "direction"), [
    ("环比增长15%", "环比", "up"),
    ("同比下降3个百分点", "同比", "down"),
])
def test_named_comparison_without_a_baseline_figure(text: str, comparison: str, direction: str) -> None:
    c = claim_of(text)
    assert c.kind == "change" and c.comparison == comparison
    assert c.changes[0].direction == direction
    assert c.has_baseline


def test_share() -> None:
    c = claim_of("华东区占比60%")
    assert c.kind == "share" and c.share is not None and c.share.value == 60


def test_baseline_after_the_level() -> None:
    c = claim_of("销售额1,926万元，比2023年同期的1,650万元增长16.7%。")
    assert c.kind == "comparison"
    assert figures(c) == {"before": "1,650万元", "after": "1,926万元", "changes": [("16.7%", "up")]}


def test_baseline_compares_the_nearest_level_before_it() -> None:
    c = claim_of("全年累计发放贷款21.5亿元，年末贷款余额26.8亿元，较年初23.7亿元增加3.1亿元，增幅13.1%。", "comparison")
    assert figures(c) == {"before": "23.7亿元", "after": "26.8亿元",
                          "changes": [("3.1亿元", "up"), ("13.1%", "up")]}
    assert [q.text for q in c.alternatives] == ["21.5亿元"]


def test_period_baseline_with_plan_in_between() -> None:
    claims = sentence_claims("拣货差错率：全年0.21%，目标0.25%以内，2023年为0.38%，下降0.17个百分点。")
    comparison = next(c for c in claims if c.kind == "comparison")
    assert figures(comparison) == {"before": "0.38%", "after": "0.21%", "changes": [("0.17个百分点", "down")]}
    assert comparison.metric == "拣货差错率"
    assert any(c.plan is not None and c.plan.text == "0.25%以内" for c in claims)


@pytest.mark.parametrize("text", [
    "营业额2,860万元，同比去年上半年的2,610万元增长9.6%。",
    "营业额2,860万元，同比去年2,610万元增长9.6%。",
    "营业额2,860万元，对比去年同期的2,610万元增长9.6%。",
    "营业额2,860万元，与去年同期的2,610万元相比增长9.6%。",
    "营业额2,860万元，去年上半年2,610万元，增长9.6%。",
])
def test_named_comparisons_introduce_a_baseline(text: str) -> None:
    c = claim_of(text, "comparison")
    assert figures(c) == {"before": "2,610万元", "after": "2,860万元", "changes": [("9.6%", "up")]}


@pytest.mark.parametrize("text", ["本次共调研门店30家，参与对比的12家门店中8家实现增长。",
                                  "营业额2,860万元，同比增长的部分1,200万元来自外卖。"])
def test_comparison_words_that_introduce_no_baseline(text: str) -> None:
    assert "baseline" not in text_numbers(text).sentences[0].roles


def test_last_week_figure_is_a_period_baseline() -> None:
    c = claim_of("咨询总量：18,420次，上周16,050次，环比增长12.8%", "comparison")
    assert figures(c) == {"before": "16,050次", "after": "18,420次", "changes": [("12.8%", "up")]}
    assert c.metric == "咨询总量" and c.comparison == "环比"
    c = claim_of("退款纠纷：9单，上周15单，下降40%", "comparison")
    assert figures(c) == {"before": "15单", "after": "9单", "changes": [("40%", "down")]}


@pytest.mark.parametrize("text, plan, actual, rate", [
    ("新开门店1家，开业首月营业额68万元，完成目标80万元的89%。", "80万元", "68万元", "89%"),
    ("实际回款6,840万元，完成年度目标8,000万元的91%。", "8,000万元", "6,840万元", "91%"),
    ("新签客户126家，为目标150家的84%。", "150家", "126家", "84%"),
    ("季度日均存款3.65亿元，完成季度任务3.5亿元的104%。", "3.5亿元", "3.65亿元", "104%"),
])
def test_rate_of_a_stated_target(text: str, plan: str, actual: str, rate: str) -> None:
    c = claim_of(text, "completion")
    assert figures(c) == {"plan": plan, "actual": actual, "rate": rate}


def test_share_of_a_stated_target_is_no_completion_rate() -> None:
    assert not [c for c in sentence_claims("华东区回款300万元，占全年目标1,200万元的30%。") if c.kind == "completion"]


def test_years_in_order() -> None:
    c = claim_of("2023年为152.8万单，2024年为186.4万单，增长22.0%。")
    assert figures(c) == {"before": "152.8万单", "after": "186.4万单", "changes": [("22.0%", "up")]}


def test_arrow_and_a_change_without_verb() -> None:
    c = claim_of("新人券核销率11.4%→16.9%，5.5个百分点。")
    assert figures(c) == {"before": "11.4%", "after": "16.9%", "changes": [("5.5个百分点", None)]}


def test_signed_change_in_brackets() -> None:
    c = claim_of("跨部门需求平均确认时长由4.0天降到2.6天（−35%）")
    assert figures(c) == {"before": "4.0天", "after": "2.6天", "changes": [("−35%", "down")]}


def test_change_with_a_new_metric_starts_a_new_claim() -> None:
    claims = sentence_claims("获客成本由30元降至24元，转化率提升5%。")
    assert [c.kind for c in claims] == ["from-to", "change"]
    assert claims[1].metric == "转化率"
    assert not claims[0].changes


def test_named_comparison_after_a_from_to_is_another_baseline() -> None:
    claims = sentence_claims("库存由6月底的138万元降到9月底的96万元，同比增长5%。")
    assert not claims[0].changes
    assert claims[1].comparison == "同比"


def test_neutral_verb_has_no_direction() -> None:
    c = next(c for c in sentence_claims("新人券门槛由满99元减20元调整为满59元减15元。") if c.kind == "from-to")
    assert figures(c) == {"before": "99元", "after": "59元"}
    assert c.direction is None


@pytest.mark.parametrize("text", [
    "本周五（11月22日）发布 v2.3.1，修复 PR #1234。",
    "值班电话13812345678，工单INV-3318已关闭。",
    "第3季度起执行新流程，一是优化排班，二是统一口径。",
    "“云帆2030”计划于2024年3月启动。",
    "2024-12-20 09:41 更新",
])
def test_dates_phones_versions_and_ordinals_are_not_metric_claims(text: str) -> None:
    assert sentence_claims(text) == []


def test_full_width_and_half_width_punctuation_read_the_same() -> None:
    full = figures(claim_of("留存率从20%提升至25%，提升5个百分点；"))
    half = figures(claim_of("留存率从20%提升至25%,提升5个百分点;"))
    assert full == half


def test_breakdown_with_total_in_an_earlier_sentence() -> None:
    numbers = text_numbers("全年出库订单186.4万单，计划175万单，完成率106.5%；2023年为152.8万单，同比增长22.0%。"
                           "其中电商订单158.9万单、门店补货订单21.3万单、退货再出库订单6.2万单。")
    (breakdown, _), = numbers.breakdowns
    assert [q.text for q in breakdown.parts] == ["158.9万单", "21.3万单", "6.2万单"]
    assert [q.text for q in breakdown.totals] == ["186.4万单"]  # the plan and the 2023 baseline are not totals
    assert not breakdown.complete


def test_a_comparison_baseline_is_never_a_total() -> None:
    numbers = text_numbers("上半年累计实现营业额2,860万元，完成半年目标3,000万元的95.3%；同比去年上半年的2,610万元增长9.6%。"
                           "其中堂食收入1,720万元，外卖收入1,140万元，外卖占比39.9%。")
    (breakdown, _), = numbers.breakdowns
    assert [q.text for q in breakdown.totals] == ["2,860万元"]  # not last year's 2,610万元, nor the target
    numbers = text_numbers("营业额2,860万元，环比上月的2,610万元增长9.6%，其中堂食收入1,720万元，外卖收入1,140万元。")
    assert [q.text for q in numbers.breakdowns[0][0].totals] == ["2,860万元"]


@pytest.mark.parametrize("text, complete", [
    ("出库订单共计48,730单，其中B2B订单6,420单、B2C订单41,310单。", True),
    ("团队现有56人，其中男性员工30人，女性员工25人。", True),
    ("全年销售额2,680万元，其中线上销售1,200万元、线下1,380万元。", True),
    ("服务客户320家，其中老客户210家、新客户98家。", True),
    ("出库订单共计48,730单，其中B2B订单6,420单、加急订单41,310单。", False),  # not a pair
    ("团队现有56人，其中男性30人、女性管理者5人。", False),  # the pair words name different things
    ("服务客户320家，其中新签客户42家、新增续约客户210家。", False),  # 新 without 老
    ("出库订单共计48,730单，其中B2B订单6,420单、B2C订单41,310单、退货800单。", False),  # three parts
])
def test_complementary_pair_after_qizhong_is_complete(text: str, complete: bool) -> None:
    (breakdown, _), = text_numbers(text).breakdowns
    assert breakdown.complete is complete


def test_complete_breakdown_markers() -> None:
    numbers = text_numbers("一至四季度分别出库38.6万单、42.1万单、45.3万单和60.4万单。")
    assert numbers.breakdowns[0][0].complete
    numbers = text_numbers("投诉27件；其中物流类16件、退款类7件、其他4件。")
    assert numbers.breakdowns[0][0].complete


def test_parts_and_total_share_one_measure() -> None:
    assert text_numbers("4 家客户回款超 90 天，合计 138 万元。").breakdowns == []
    assert text_numbers("4家客户账期90天，合计138。").breakdowns == []
    (breakdown, _), = text_numbers("华北 12 万元、华南 8 万元和西部 5 万元，合计 27 万元。").breakdowns
    assert [q.text for q in breakdown.parts] == ["12 万元", "8 万元", "5 万元"]


def test_share_runs() -> None:
    numbers = text_numbers("华东、华南、华北的销售额占比分别为45%、38%和27%。来电量占全天的19%，但排班只占全天的14%。")
    runs = [share_runs(s) for s in numbers.sentences]
    assert [[q.text for q in run] for run in runs[0]] == [["45%", "38%", "27%"]]
    assert runs[1] == []


def test_markdown_table_rows_become_claims() -> None:
    doc = parse_document("| 指标 | 目标 | 实际 | 完成率 |\n| --- | --- | --- | --- |\n| 销售额 | 1,800万元 | 1,926万元 | 107.0% |\n",
                         "t.md")
    table = [c for c in document_numbers(doc).claims if c.kind == "table"]
    assert len(table) == 1
    assert figures(table[0]) == {"plan": "1,800万元", "actual": "1,926万元", "rate": "107.0%"}
    assert table[0].metric == "销售额"


def test_markdown_table_with_two_year_columns() -> None:
    doc = parse_document("| 指标 | 2022 | 2023 | 变化 |\n| --- | --- | --- | --- |\n| 转化率 | 2.1% | 2.6% | +0.5% |\n", "t.md")
    table = [c for c in document_numbers(doc).claims if c.kind == "table"]
    assert figures(table[0]) == {"before": "2.1%", "after": "2.6%", "actual": "2.6%", "changes": [("+0.5%", "up")]}


def test_markdown_table_total_row_is_a_breakdown() -> None:
    doc = parse_document("| 渠道 | 新增 | 占比 |\n| --- | --- | --- |\n| 抖音 | 1.2万 | 48% |\n| 小红书 | 0.8万 | 32% |\n"
                         "| 公众号 | 0.5万 | 20% |\n| **合计** | 2.8万 | 100% |\n", "t.md")
    (breakdown, _), = document_numbers(doc).breakdowns  # the shares column does not add down
    assert [q.text for q in breakdown.parts] == ["1.2万", "0.8万", "0.5万"]
    assert [q.text for q in breakdown.totals] == ["2.8万"]
    assert breakdown.complete and breakdown.table


_LIST = "一、招聘完成情况\n全年计划招聘200人，实际入职186人，分渠道如下：\n{items}"
_ITEMS = "- 校园招聘：92人\n- 社会招聘：41人\n- 内部推荐：38人\n- 猎头：22人\n"


@pytest.mark.parametrize("fmt", ["a.txt", "a.md"])
def test_list_below_a_lead_in_is_a_breakdown_of_its_total(fmt: str) -> None:
    doc = parse_document(_LIST.format(items=_ITEMS), fmt)
    (breakdown, sentence), = document_numbers(doc).breakdowns
    assert [q.text for q in breakdown.parts] == ["92人", "41人", "38人", "22人"]
    assert [q.text for q in breakdown.totals] == ["186人"]  # the plan is no total
    assert breakdown.marker == "分渠道如下" and not breakdown.complete and not breakdown.table
    assert sentence.text.endswith("分渠道如下：")


def test_list_breakdown_total_in_the_sentence_before_and_completeness() -> None:
    doc = parse_document("全年受理投诉86件。各类投诉分别为：\n- 物流类：41件\n- 退款类：18件\n- 服务类：12件\n", "a.txt")
    (breakdown, _), = document_numbers(doc).breakdowns
    assert [q.text for q in breakdown.totals] == ["86件"] and breakdown.complete  # 分别为: the whole
    doc = parse_document("全年受理投诉86件，具体如下：\n- 物流类：41件\n- 退款类：18件\n- 其他：12件\n", "a.txt")
    assert document_numbers(doc).breakdowns[0][0].complete  # a last item 其他
    doc = parse_document("全年受理投诉86件，主要类型包括：\n- 物流类：41件\n- 退款类：18件\n", "a.txt")
    assert not document_numbers(doc).breakdowns[0][0].complete


@pytest.mark.parametrize("text", [
    _LIST.format(items="- 校园招聘：约92人\n- 社会招聘：41人\n"),  # a hedged item
    _LIST.format(items="- 校园招聘：92人以上\n- 社会招聘：41人\n"),
    _LIST.format(items="- 校园招聘：92人，占49%\n- 社会招聘：41人\n"),  # a share
    _LIST.format(items="- 校园招聘：92人（同比+10人）\n- 社会招聘：41人\n"),  # several figures
    _LIST.format(items="- 校园招聘：49%\n- 社会招聘：22%\n"),  # rates
    _LIST.format(items="- 校园招聘：92人\n- 社会招聘：12场\n"),  # two units
    _LIST.format(items="- 校园招聘：92人\n- 其中985院校：41人\n"),  # a subset
    _LIST.format(items="- 校园招聘：92人\n- 社会招聘：41人\n- 合计：133人\n"),  # a sum in the list
    _LIST.format(items="- 校园招聘：92人\n- 校园招聘：41人\n"),  # the same label twice
    _LIST.format(items="- 92人\n- 41人\n"),  # no labels
    _LIST.format(items="- 校园招聘：92人\n- 社会招聘：41人\n  - 猎头：22人\n"),  # nested
    _LIST.format(items="- 校园招聘：92人\n"),  # one item
    _LIST.format(items="- 校园招聘：92人\n- 社会招聘：41人\n- 其他：待统计\n"),  # an item without a figure
    _LIST.format(items="（详见附表）\n- 校园招聘：92人\n- 社会招聘：41人\n"),  # a line in between
    "全年面试520人，入职186人，分渠道如下：\n- 校园招聘：92人\n- 社会招聘：41人\n",  # two candidate totals
    "全年实际入职约186人，分渠道如下：\n- 校园招聘：92人\n- 社会招聘：41人\n",  # a hedged total
    "全年实际入职186人，部分成果如下：\n- 校园招聘：92人\n- 社会招聘：41人\n",  # no breakdown announced
    "全年实际入职186人，具体如下：\n- 面试：520人\n- 录用：201人\n",  # a part past the whole
    "团队现有36人，其中：\n- 研究生：12人\n- 党员：15人\n",  # groups that cut across
])
def test_lists_that_are_no_breakdown(text: str) -> None:
    assert document_numbers(parse_document(text, "a.txt")).breakdowns == []


def test_document_numbers_is_cached_per_document() -> None:
    doc = parse_document("一、成果\n新签客户57家，目标50家，完成率114%。\n", "a.txt")
    assert document_numbers(doc) is document_numbers(doc)
    sentence = document_numbers(doc).sentences[-1]
    assert sentence.section_kind == "results"
    assert [c.kind for c in sentence.claims] == ["completion"]


@pytest.mark.parametrize("module", [summarylint.numbers.quantities, summarylint.numbers.claims,
                                    summarylint.numbers.signals])
def test_examples_in_docstrings(module: ModuleType) -> None:
    assert doctest.testmod(module).failed == 0
