"""Shared helpers of the content rules: figures, time bounds, placeholders, clauses, content words,
half-width punctuation."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarylint.parse import parse_document
from summarylint.text_utils import (
    FULL_WIDTH,
    clause_at,
    clauses,
    content_words,
    count_cjk,
    enumerated_parts,
    find_figures,
    halfwidth_marks,
    has_figure,
    has_numeric_placeholder,
    has_placeholder,
    has_time_bound,
    is_lead_in,
    items,
    name_bigrams,
    unit_sections,
)


def figures(text: str) -> list[tuple[str, str]]:
    return [(f.text, f.unit) for f in find_figures(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("目标完成率110%。", [("110", "%")]),
    ("全年出库订单186.4万单，计划175万单", [("186.4", "万单"), ("175", "万单")]),
    ("策划1-2场中小型线上活动", [("1-2", "场")]),
    ("共3,000份，预算3.5万元", [("3,000", "份"), ("3.5", "万元")]),
    ("p99由180毫秒升到1.2秒", [("180", "毫秒"), ("1.2", "秒")]),
    ("三万六千人", [("三万六千", "人")]),
    ("提高了两个百分点", [("两", "个百分点")]),
    ("效率提升了一半", [("一", "半")]),
    ("营收1200，同比", [("1200", "")]),
    ("稳定在第3个工作日", [("3", "个")]),
])
def test_figures(text: str, expected: list[tuple[str, str]]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize("text", [
    "2025年2月28日前上线",  # dates
    "订单服务 v2.3.1 发布，PR #1234",  # versions, ids
    "工单 INV-3318，B站，A/B测试，T型，AARRR模型",  # Latin-glued digits
    "第一阶段，一是学习，第3周",  # ordinals
    "“云帆2030”计划与《2024年度报告》",  # names
    "计划新增用户XX万，占比xx%，xx7.2%",  # placeholders
    "千人千面的个性化运营，三管齐下，四两拨千斤",  # idioms
    "花了一周时间，建立一套体系，做一次调研",  # 一 as an article
    "会议定在10:30",
])
def test_not_figures(text: str) -> None:
    assert not has_figure(text), figures(text)


@pytest.mark.parametrize(("text", "bound"), [
    ("11月26日前完成评审", True),
    ("2025年工作计划", True),
    ("Q3完成上线", True),
    ("一季度完成42万单", True),
    ("两周内上线", True),
    ("每月至少复盘一次", True),
    ("下半年启动", True),
    ("整理本季度慢查询清单", False),  # names what, not when
    ("下一阶段继续推进", False),
    ("未来持续优化", False),
])
def test_time_bound(text: str, bound: bool) -> None:
    assert has_time_bound(text) is bound


def test_placeholders() -> None:
    assert has_placeholder("汇报人：XXX") and has_placeholder("【请填写日期】前完成") and has_placeholder("某某部门")
    assert not has_placeholder("用Excel和XXL-Job统计，X探长上线")
    assert has_numeric_placeholder("每月至少投入XX%的时间")
    assert has_numeric_placeholder("新增用户XX万")
    assert not has_numeric_placeholder("系统学习XX领域的知识，参加XX相关的课程")


def test_clauses_keep_thousands_together() -> None:
    parts = [text for _, _, text in clauses("完成3,000单,其中华北1,150万;好")]
    assert parts == ["完成3,000单", "其中华北1,150万", "好"]
    text = "通过优化流程，审批效率提升了。"
    start, end = clause_at(text, text.index("提升"))
    assert text[start:end] == "审批效率提升了"


def test_lead_in_and_cjk_count() -> None:
    assert is_lead_in("深化数据驱动，赋能精细化运营：") and is_lead_in("规划如下:")
    assert not is_lead_in("3月底前上线。")
    assert count_cjk("DAU提升到12万人") == 5


def test_items_carry_run_in_labels() -> None:
    doc = parse_document("三、不足与反思\n- 创新性尝试略显保守：在探索新玩法方面不足。\n", "x.txt")
    reflection = unit_sections(doc.root, "reflection")
    found = [(item.label, item.text) for section in reflection for item in items(section)]
    assert found == [("创新性尝试略显保守", "在探索新玩法方面不足。")]


def test_content_words_link_problem_and_plan() -> None:
    problem = content_words("数据分析深度不足：对流失用户的原因分析还缺少定性调研的辅助")
    plan = content_words("结合定量数据和定性调研（如用户访谈、问卷），学习更高级的数据分析工具")
    assert {"数据分析", "定性调研"} <= problem & plan
    assert "工作" not in content_words("工作还不够细致")  # too generic to link anything
    assert "DAU" in content_words("提升dau")


@pytest.mark.parametrize(("text", "fixed"), [
    ("完成了3个版本,修复缺陷27个.", "完成了3个版本，修复缺陷27个。"),
    ("工作目标: 降低成本", "工作目标：降低成本"),
    ("占比XX%,付费推广", "占比XX%，付费推广"),
    ("“死亡断点”:注册流程", "“死亡断点”：注册流程"),
    ("您好!谢谢?", "您好！谢谢？"),
    ("积累势能;活动中", "积累势能；活动中"),
    ("会议10:30开,预算3.5万,共3,000份", "会议10:30开，预算3.5万，共3,000份"),
    ("见下图![图](a.png)", "见下图![图](a.png)"),
    ("&nbsp;中文", "&nbsp;中文"),
    ("报告.docx已上传", "报告.docx已上传"),
    ("f(x), y and z", "f(x), y and z"),
])
def test_halfwidth_marks(text: str, fixed: str) -> None:
    assert _apply(text, halfwidth_marks(text)) == fixed


def _apply(text: str, edits: list[tuple[int, int, str]]) -> str:
    for start, end, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    return text


_PIECES = st.sampled_from(["中文", "用户", "提升", "A/B", "DAU", "3.5", "10:30", "3,000", "1.", "(一)", " ", ",", ":",
                           ";", "!", "?", ".", "%", "“", "”", "https://a.b/c,d", "\n"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join))
def test_halfwidth_edits_only_widen_punctuation(text: str) -> None:
    """Whatever the input, the edits only turn a half-width mark (with its spaces) into its
    full-width form: no letter, digit or Chinese character is touched, nothing else moves."""
    edits = halfwidth_marks(text)
    for start, end, new in edits:
        old = text[start:end]
        assert old.strip() in FULL_WIDTH and FULL_WIDTH[old.strip()] == new and not old.replace(old.strip(), "").strip()
    fixed = _apply(text, edits)
    keep = str.maketrans("", "", " \t,:;!?.()，：；！？。（）")
    assert fixed.translate(keep) == text.translate(keep)


def test_weekly_from_profile_or_title() -> None:
    from summarylint.engine import RuleContext
    from summarylint.registry import all_rules
    from summarylint.text_utils import is_weekly

    rule = all_rules(plugins=False)[0]
    doc = parse_document("# 前端组周报（11月18日—22日）\n\n## 下周计划\n\n- 完成验收。\n", "w.md")
    assert is_weekly(doc, RuleContext(rule, profile=None))  # 周报 in the title
    assert not is_weekly(doc, RuleContext(rule, profile="annual"))  # the detected genre wins
    annual = parse_document("2024年度工作总结\n一、工作回顾\n全年新签客户57家。\n", "a.txt")
    assert not is_weekly(annual, RuleContext(rule, profile=None))


def test_enumerated_parts() -> None:
    text = "存在的不足主要有：一是业务能力有待提高；二是宣传不够，群众不了解；三是数据共享不畅。"
    parts = [text[a:b] for a, b in enumerated_parts(text)]
    assert parts == ["一是业务能力有待提高", "二是宣传不够，群众不了解", "三是数据共享不畅"]
    closing = "一是学习不够深入；二是管理不够精细。这些问题，我将认真加以改进。"
    assert [closing[a:b] for a, b in enumerated_parts(closing)] == ["一是学习不够深入", "二是管理不够精细"]
    # 统一是 is no point; one point alone is no enumeration
    for whole in ("标准统一是前提，二是指第二项。", "一是业务能力有待提高。", "数据口径不统一。",
                  "（一）准时率未达标。主要原因有两个：一是临时工当天上岗；二是波次靠经验释放。改进措施：上线自动释放。"):
        assert enumerated_parts(whole) == [(0, len(whole))]


def test_name_bigrams_of_a_problem_heading() -> None:
    pairs = name_bigrams("1. 夜班交接差错较多")
    assert {"夜班", "交接", "差错"} <= pairs
    assert "较多" not in pairs and "错较" not in pairs  # grammar, not a name
    assert name_bigrams("问题") == set() and name_bigrams("工作") == set()  # generic nouns link nothing
