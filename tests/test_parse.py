from __future__ import annotations

import pytest

from summarylint.classify import kind_of_heading
from summarylint.parse import parse_document

from .conftest import SAMPLES


def tree(doc):  # type: ignore[no-untyped-def]
    return [(s.level, s.kind, s.title) for s in doc.sections() if s.style != "implicit"]


def test_gbt_levels_nest_in_plain_text() -> None:
    text = "一、工作成果\n(一)业务指标\n1. 出库量\n（1）大促期间\n全年出库186万单。\n（二）重点项目\n二、存在问题\n库容不足。\n"
    doc = parse_document(text, "a.txt")
    assert tree(doc) == [
        (1, "results", "一、工作成果"), (2, "results", "(一)业务指标"), (3, "results", "1. 出库量"),
        (4, "results", "（1）大促期间"), (2, "results", "（二）重点项目"), (1, "reflection", "二、存在问题"),
    ]


def test_section_offsets_are_exact_with_crlf() -> None:
    text = "一、工作成果\r\n全年出库186万单。\r\n二、下一步计划\r\n3月底前上线新系统。\r\n"
    doc = parse_document(text, "a.txt")
    plan = next(s for s in doc.sections() if s.kind == "plan")
    assert text[plan.title_start:plan.title_end] == "二、下一步计划"
    assert doc.line_col(plan.start) == (3, 1)
    block = plan.blocks[0]
    assert text[block.start:block.end] == "3月底前上线新系统。"
    assert block.sentences[0].text == "3月底前上线新系统。"


def test_run_in_labels_open_subsections() -> None:
    text = ("二、重点工作\n(一)拉新\n- 工作目标: 降低获客成本。\n- 实施策略与过程:\n- 渠道优化: 新增两个渠道。\n"
            "- 成果与数据:\n- 新增用户3.2万。\n- 复盘与思考: 信息流渠道定向过粗，下季度改为按人群包投放。\n")
    doc = parse_document(text, "a.txt")
    titles = {s.title: (s.level, s.kind) for s in doc.sections()}
    assert titles["实施策略与过程"] == (3, "results")
    assert titles["渠道优化"] == (4, "results")
    assert titles["成果与数据"] == (3, "results")
    assert titles["复盘与思考"] == (3, "reflection")
    reflection = next(s for s in doc.sections() if s.title == "复盘与思考")
    assert reflection.blocks[0].text == "信息流渠道定向过粗，下季度改为按人群包投放。"


def test_lone_dash_lines_are_not_content() -> None:
    doc = parse_document("一、成果\n-\n项目背景: 公司留存偏低，需要改进新手引导。\n-\n", "a.txt")
    assert [b.text for b in doc.blocks()] == ["公司留存偏低，需要改进新手引导。"]


def test_title_and_intro() -> None:
    doc = parse_document("2024年度个人工作总结\n\n现将一年工作报告如下。\n一、主要工作\n完成。\n", "a.txt")
    assert doc.title == "2024年度个人工作总结"
    assert [s.kind for s in doc.sections()] == ["intro", "results"]


def test_closing_words_open_a_closing_section() -> None:
    doc = parse_document("一、工作成果\n完成出库186万单。\n二、明年计划\n3月前上线。\n总之，明年继续努力。\n", "a.txt")
    assert [s.kind for s in doc.sections()] == ["results", "plan", "closing"]


def test_markdown_headings_lists_and_code() -> None:
    text = ("# 2024年度工作总结\n\n## 一、工作成果\n\n- **复盘与思考**：投放定向过粗。\n\n```\nXX = 1\n```\n\n"
            "## 二、下一步计划\n\n1. 3月底前上线自助报修\n\n| 指标 | 数值 |\n| --- | --- |\n| 出库量 | 186万单 |\n")
    doc = parse_document(text, "a.md")
    assert doc.title == "2024年度工作总结"
    kinds = [(s.kind, s.title) for s in doc.sections()]
    assert ("results", "一、工作成果") in kinds and ("reflection", "复盘与思考") in kinds
    assert ("plan", "二、下一步计划") in kinds
    assert doc.is_masked(text.index("XX"), text.index("XX") + 2)
    cells = [b.text for b in doc.blocks() if b.kind == "table_cell"]
    assert cells == ["指标", "数值", "出库量", "186万单"]
    for block in doc.blocks():
        assert text[block.start:block.end] == block.text


def test_markdown_paragraph_lines_are_read_like_text() -> None:
    doc = parse_document("一、工作成果\n全年出库186万单。\n二、存在问题\n库容不足。\n", "a.md")
    assert [(s.kind, s.title) for s in doc.sections()] == [("results", "一、工作成果"), ("reflection", "二、存在问题")]


@pytest.mark.parametrize(("title", "kind"), [
    ("（一）年度投资计划执行情况", "results"),  # a plan carried out is a result
    ("（三）年度招生计划完成情况", "results"),
    ("巡视反馈问题整改情况", "results"),
    ("（二）防范化解重大风险", None),  # a line of work, not a problem
    ("1、严格执行课程计划", None),
    ("二、存在的问题", "reflection"),
    ("四、问题与风险", "reflection"),
    ("三、2025年工作计划", "plan"),
    ("下一步工作计划", "plan"),
    ("2.2 线上问题处理", None),  # handling tickets is work done
    ("6.4 做得好的地方", "other"),
    ("五、后续改进", "plan"),
    ("Q4 OKR（草案，10月18日前与团队对齐）", "plan"),  # the next period's draft
    ("### 填写说明", "other"),  # instructions to the writer, not a part of the summary
    ("二、认真履行岗位职责，扎实做好科研管理服务工作", "results"),  # duties carried out: the work done
    ("一、岗位职责", "intro"),
    ("3. 根本原因", "reflection"),
    ("5. 做得不好的地方", "reflection"),
    ("4. 做得好的地方", "other"),
])
def test_heading_words_inside_phrases_that_name_another_kind(title: str, kind: str | None) -> None:
    assert kind_of_heading(title) == kind


def test_results_headings_with_plan_words_take_their_parents_kind() -> None:
    text = ("一、主要工作完成情况\n（一）年度投资计划执行情况\n全年完成固定资产投资18.6亿元，为年度计划的109.4%。\n"
            "（二）防范化解重大风险\n全年压降隐性债务12亿元。\n二、存在的问题\n融资成本偏高，平均4.9%。\n")
    doc = parse_document(text, "a.txt")
    assert [s.kind for s in doc.sections()] == ["results", "results", "results", "reflection"]


def test_a_part_heading_names_the_kind_of_its_subsections() -> None:
    text = ("第一部分 教育教学成绩\n一、教学质量\n所教两个班期末均分88.6分。\n二、课题与教研\n主持区级课题1项。\n"
            "第二部分 存在的不足\n作业批改反馈不及时。\n第三部分 下学年工作计划\n一、作业反馈\n10月底前建立错题档案。\n")
    doc = parse_document(text, "a.txt")
    kinds = [(s.kind, s.title) for s in doc.sections()]
    assert kinds == [("results", "第一部分 教育教学成绩"), ("results", "一、教学质量"), ("results", "二、课题与教研"),
                     ("reflection", "第二部分 存在的不足"), ("plan", "第三部分 下学年工作计划"), ("plan", "一、作业反馈")]


def test_heading_without_vocabulary_is_classified_by_content() -> None:
    doc = parse_document("一、关于数据驱动\n我推动搭建了数据看板，上线后决策时间缩短，完成了三次实验。\n", "a.txt")
    assert next(doc.sections()).kind == "results"


@pytest.mark.parametrize("name", ["clean_annual", "kpi_placeholders"])
def test_markdown_and_text_renderings_give_the_same_kinds(name: str) -> None:
    text_doc = parse_document((SAMPLES / f"{name}.txt").read_text(encoding="utf-8"), f"{name}.txt")
    md_doc = parse_document((SAMPLES / f"{name}.md").read_text(encoding="utf-8"), f"{name}.md")

    def top(doc):  # type: ignore[no-untyped-def]
        return [s.kind for s in doc.sections() if s.level == 1]

    assert top(text_doc) == top(md_doc)


def test_bare_section_names_are_headings() -> None:
    doc = parse_document("前言\n今年我负责华东仓的出库。\n一、工作成果\n完成出库186万单。\n总结与展望\n明年3月前上线新系统。\n", "a.txt")
    assert [(s.kind, s.title) for s in doc.sections()] == [
        ("intro", "前言"), ("results", "一、工作成果"), ("plan", "总结与展望")]


def test_short_prose_lines_are_not_headings() -> None:
    doc = parse_document("一、工作成果\n完成了出库。\n谢谢大家\n", "a.txt")
    assert [s.title for s in doc.sections() if s.style == "plain"] == []


def test_breadcrumb_is_not_the_title() -> None:
    doc = parse_document("当前位置：首页 > 工作总结 > 年终总结\n\n# 2024年度述职报告\n\n## 一、工作回顾\n\n完成。\n", "a.md")
    assert doc.title == "2024年度述职报告"
    assert [s.title for s in doc.sections() if s.style != "implicit"] == ["一、工作回顾"]


def test_html_comment_lines_in_text_are_not_prose() -> None:
    text = "<!-- summarylint-disable P001 -->\n2024年度工作总结\n一、工作成果\n完成。\n"
    doc = parse_document(text, "a.txt")
    assert doc.title == "2024年度工作总结"
    assert doc.is_masked(0, 5)
    assert all("summarylint" not in b.text for b in doc.blocks())


def test_signature_and_date_lines_close_the_summary() -> None:
    doc = parse_document("一、工作成果\n完成出库186万单。\n二、明年计划\n3月底前上线新系统。\n汇报人：李明\n2025年1月6日\n", "a.txt")
    closing = [s for s in doc.sections() if s.kind == "closing"]
    assert [b.text for b in closing[0].blocks] == ["汇报人：李明", "2025年1月6日"]
    plan = next(s for s in doc.sections() if s.kind == "plan")
    assert [b.text for b in plan.blocks] == ["3月底前上线新系统。"]


def test_situation_headings_are_results() -> None:
    assert next(parse_document("一、全年招聘情况\n招聘42人。\n", "a.txt").sections()).kind == "results"


def test_continuation_lines_of_a_list_item_stay_in_the_item() -> None:
    text = ("## 三、问题与风险\n\n- **问题 1：测试环境数据不一致**。联调时相差约1.2万条。  \n"
            "  **处理**：已改为 UTC，并加了行数校验。\n- **风险：大促流量**。Redis CPU 预计达到85%。\n"
            "二、下一步计划\n")
    doc = parse_document(text, "a.md")
    problem = next(s for s in doc.sections() if s.title.startswith("问题 1"))
    assert "处理" not in [s.title for s in doc.sections()]
    assert len(problem.blocks) == 1 and problem.blocks[0].text.endswith("已改为 UTC，并加了行数校验。")
    assert [s.text for s in problem.blocks[0].sentences][-1] == "**处理**：已改为 UTC，并加了行数校验。"
    # a numbered heading typed right under a list is still a heading (a lazy continuation in Markdown)
    assert any(s.title == "二、下一步计划" and s.kind == "plan" for s in doc.sections())


def test_a_summary_without_headings_is_divided_by_what_its_paragraphs_say() -> None:
    text = ("2024年1—6月个人工作总结\n\n上半年我负责华南区42家重点客户的续约。截至6月30日，续约38家，新增合同额460万元，完成目标的115%。\n\n"
            "3月起我把季度回访改成按健康分分级回访，提前识别出7家流失风险客户。\n\n"
            "不足是增购集中在少数大客户，中小客户的问题没有跟进，差距明显。\n\n"
            "下半年我计划在9月30日前拜访全部31家中小客户，争取增购合同额300万元。\n")
    doc = parse_document(text, "a.txt")
    assert [s.kind for s in doc.sections()] == ["results", "reflection", "plan"]
    assert len(next(doc.sections()).blocks) == 2  # the paragraph that says nothing new continues the results


def test_opening_paragraphs_above_headings_stay_the_intro() -> None:
    text = ("尊敬的领导：\n\n现将全年工作情况、存在的不足和2025年计划报告如下。\n\n一、工作成果\n全年出库186万单。\n"
            "二、明年计划\n3月底前上线自助报修。\n")
    doc = parse_document(text, "a.txt")
    assert [s.kind for s in doc.sections()] == ["intro", "results", "plan"]


def test_bracket_labels_run_into_their_text() -> None:
    text = ("万象城店5月店长工作小结\n【业绩】本月营业额46.3万元，目标50万元，完成92.6%。\n【问题】周末晚高峰出餐慢。\n"
            "【下月】补招兼职2人。\n【请填写】XX\n")
    doc = parse_document(text, "a.txt")
    titled = [(s.kind, s.title) for s in doc.sections() if s.title]
    assert titled[:3] == [("results", "业绩"), ("reflection", "问题"), ("plan", "下月")]
    assert "请填写" not in [s.title for s in doc.sections()]  # a slot, not a heading


def test_a_sentence_ending_in_a_colon_is_no_label() -> None:
    doc = parse_document("一、工作成果\n8月份我独立负责了一个小需求：给运营做了一个看板，上线后每天都在用。\n", "a.txt")
    assert [s.title for s in doc.sections()] == ["一、工作成果"]


def test_table_cells_are_located_in_their_own_row() -> None:
    text = ("## 复盘\n\n我当时没有及时调整 O3 的目标，也没有同步风险。\n\n## Q4 计划\n\n"
            "| 目标 | 截止时间 |\n| --- | --- |\n| 实验平台支持分层实验 | 10月31日 |\n")
    doc = parse_document(text, "a.md")
    cells = [b for b in doc.blocks() if b.kind == "table_cell"]
    table_start = text.index("| 目标")
    assert [c.text for c in cells] == ["目标", "截止时间", "实验平台支持分层实验", "10月31日"]
    assert all(c.start > table_start and text[c.start:c.end] == c.text for c in cells)


@pytest.mark.parametrize("title", ["一、工作", "三、班主任工作", "（二）党建工作："])
def test_a_heading_naming_an_area_of_work_holds_results(title: str) -> None:
    doc = parse_document(f"{title}\n期末平均分486分，比期中452分提高34分。\n", "a.txt")
    assert next(doc.sections()).kind == "results"


@pytest.mark.parametrize(("text", "path"), [("**复盘日期：**\n\n## 一、活动成果\n\n到场620人。\n", "a.md"),
                                            ("活动时间：\n一、活动成果\n到场620人。\n", "a.txt")])
def test_a_form_field_is_no_heading(text: str, path: str) -> None:
    doc = parse_document(text, path)
    assert [s.title for s in doc.sections() if s.title] == ["一、活动成果"]


def test_a_table_row_ending_in_an_ideographic_space_is_still_a_table() -> None:
    text = "## 一、成果\n\n| 指标 | 实际 |　\n| --- | --- |　\n| 到场人数 | 620 |\u3000\n"
    doc = parse_document(text, "a.md")
    cells = [b for b in doc.blocks() if b.kind == "table_cell"]
    assert [c.text for c in cells] == ["指标", "实际", "到场人数", "620"]
    assert all(text[c.start:c.end] == c.text for c in cells)


@pytest.mark.parametrize("lead_in", ["各月主要护理指标如下表", "主要工作指标完成情况见下表：", "完成情况详见下表"])
def test_a_line_leading_into_a_table_is_no_heading(lead_in: str) -> None:
    doc = parse_document(f"一、护理质量\n全年护理差错2起，同比减少3起。\n{lead_in}\n1月 差错0起\n", "a.txt")
    assert [s.title for s in doc.sections()] == ["一、护理质量"]


@pytest.mark.parametrize("word", ["篇", "范文", "例文"])
def test_each_sample_of_a_collection_is_a_unit(word: str) -> None:
    text = (f"{word}一：2024年销售工作总结\n一、工作成果\n全年销售额1,260万元。\n"
            f"{word}二：2024年行政工作总结\n一、工作成果\n全年组织活动12场。\n")
    doc = parse_document(text, "a.txt")
    assert [unit.title for unit in doc.units()] == [f"{word}一：2024年销售工作总结", f"{word}二：2024年行政工作总结"]


def test_a_model_essay_named_in_prose_is_no_sample() -> None:
    doc = parse_document("一、工作成果\n范文一样的套话要少写，全年销售额1,260万元。\n", "a.txt")
    assert doc.units() == [doc.root]


def test_a_model_essay_in_a_teachers_list_is_no_sample() -> None:
    doc = parse_document("一、教学工作\n范文一：《背影》，用于八年级阅读课。\n范文二：《春》，用于七年级。\n", "a.txt")
    assert doc.units() == [doc.root]


def test_the_header_fields_of_a_postmortem_are_no_parts() -> None:
    text = ("# 故障复盘：订单服务连接池耗尽\n\n- **复盘人**：周浩\n- **故障等级**：P1\n- **影响时长**：47分钟\n\n"
            "## 1. 影响范围\n\n失败请求18,720次。\n")
    doc = parse_document(text, "a.md")
    assert [(s.title, s.kind) for s in doc.sections() if s.style != "implicit"] == [("1. 影响范围", "other")]


def test_plans_written_are_work_done() -> None:
    # 制定了学期计划、月计划和周计划: the word 计划 three times in a part that reports what was done.
    text = ("2024学年第一学期工作总结\n一、教育教学方面\n认真制定了学期计划、月计划和周计划，开展主题活动3个。\n"
            "新投放了建构区材料，孩子们的表达能力明显增强。\n二、下学期打算\n10月底前完成区角材料更新。\n")
    doc = parse_document(text, "a.txt")
    assert next(doc.sections()).kind != "plan"
