"""The consistency rules on whole documents: silent on summaries whose numbers add up, exact on the
calibration file with four arithmetic faults, worded in both languages; and the scoring signals."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarylint.api import Linter
from summarylint.fixes import apply_fixes
from summarylint.numbers.signals import metric_signals
from summarylint.parse import parse_document

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seeds" / "000_e6ba67014c815739.txt"


def consistency_linter(lang: str = "zh") -> Linter:
    linter = Linter(plugins=False, lang=lang)
    linter.rules = [rule for rule in linter.rules if rule.category == "consistency"]
    return linter


def findings(path: Path, lang: str = "zh") -> list[tuple[str, int, str]]:
    report = consistency_linter(lang).lint_text(path.read_text(encoding="utf-8"), path.name)
    assert not report.errors
    return [(d.rule, d.line, d.message) for d in report.diagnostics]


@pytest.mark.parametrize("name", [
    "samples/clean_annual.md", "samples/clean_annual.txt", "samples/project_narrative.txt", "samples/weekly.md",
    "samples/methodology.md", "samples/kpi_placeholders.md", "samples/kpi_placeholders.txt",
    "calibration/cal_01_kpi_channel_sales.md", "calibration/cal_02_weekly_frontend.md",
    "calibration/cal_03_annual_finance.txt", "calibration/cal_04_project_crm.md",
    "calibration/cal_06_kpi_customer_service.txt", "calibration/cal_07_annual_hr.md",
    "calibration/cal_11_project_event.txt", "calibration/cal_12_annual_admin.md",
    "calibration/cal_14_kpi_template.txt", "calibration/cal_17_annual_copied.md",
])
def test_silent_where_the_numbers_add_up(name: str) -> None:
    assert findings(ROOT / "fixtures" / name) == []


def test_the_four_faults_of_cal_09() -> None:
    found = findings(ROOT / "fixtures" / "calibration" / "cal_09_kpi_growth.txt")
    assert [(rule, line) for rule, line, _ in found] == [("C001", 7), ("C006", 7), ("C003", 11), ("C002", 13)]
    messages = [message for _, _, message in found]
    assert "55.2万 ÷ 60万 = 92%，但文中写的是95%" in messages[0]
    assert "21.6万 + 14.8万 + 12.3万 + 8.9万 = 57.6万" in messages[1] and "55.2万" in messages[1]
    assert "0.7个百分点" in messages[2]
    assert "30.3%" in messages[3] and "23.3%" in messages[3]


def test_english_messages_say_what_the_numbers_give() -> None:
    found = findings(ROOT / "fixtures" / "calibration" / "cal_09_kpi_growth.txt", lang="en")
    assert "55.2万 ÷ 60万 = 92%, but the text says 95%" in found[0][2]
    assert "percentage points" in found[2][2]


def test_percent_for_points_fix_is_safe_and_exact() -> None:
    text = (ROOT / "fixtures" / "calibration" / "cal_05_weekly_data.md").read_text(encoding="utf-8")
    report = consistency_linter().lint_text(text, "cal_05.md")
    (diagnostic,) = report.diagnostics
    assert diagnostic.rule == "C003" and diagnostic.fix is not None and diagnostic.fix.safe
    fixed, _ = apply_fixes(text, report.diagnostics)
    assert "提升了2.7个百分点" in fixed and "提升了2.7%" not in fixed


def test_placeholders_are_never_reported() -> None:
    report = consistency_linter().lint_text("计划新增XX万，实际完成11万，完成率105%。留存率由XX%提升至25%，提升5%。", "a.txt")
    assert report.diagnostics == []


@pytest.mark.skipif(not SEED.exists(), reason="the shared seed document is not checked out")
def test_seed_document_full_of_placeholders_is_silent() -> None:
    assert findings(SEED) == []


def test_metric_signals() -> None:
    doc = parse_document("一、工作成果\n新签客户57家，目标50家，完成率114%。\n留存率从20%提升至25%。\n完成了系统迁移。\n"
                         "社群活跃度提升XX%。\n二、下一步计划\n明年新签60家。\n", "a.txt")
    signals = metric_signals(doc)
    assert signals["result_sentences"] == 4
    assert signals["result_sentences_with_figure"] == 2  # the XX% sentence has no figure
    assert signals["result_figure_share"] == 0.5
    assert signals["result_metric_claims"] == 2
    assert signals["result_baseline_claims"] == 2
    assert signals["metric_claims"] == 3 and signals["baseline_claims"] == 2
    assert all(isinstance(value, (int, float)) for value in signals.values())


def test_metric_signals_ignore_narrative_counts_and_dates() -> None:
    doc = parse_document("一、工作成果\n11月18日发布v2.3.1，两次会议确定了方案。\n", "a.txt")
    signals = metric_signals(doc)
    assert signals["result_sentences_with_figure"] == 0
    assert signals["metric_claims"] == 0


_HALF_YEAR = """2024年上半年区域工作总结

一、上半年经营情况
上半年，北区8家门店累计实现营业额2,860万元，完成半年目标3,000万元的95.3%；同比去年上半年的2,610万元增长9.6%。其中堂食收入1,720万元，外卖收入1,140万元，外卖占比39.9%。
毛利率62.5%，较去年同期提升1.2个百分点。
新开门店1家，开业首月营业额68万元，完成目标80万元的89%。
"""


def test_last_years_figure_is_no_total_and_a_target_rate_is_checked() -> None:
    report = consistency_linter().lint_text(_HALF_YEAR, "half_year.txt")
    assert [(d.rule, d.line) for d in report.diagnostics] == [("C001", 6)]  # not C006 against 2,610万元
    assert "68万元 ÷ 80万元 = 85%，但文中写的是89%" in report.diagnostics[0].message


def test_a_complementary_pair_that_falls_short_names_the_pair() -> None:
    text = "一、本月情况\n出库订单共计48,730单，其中B2B订单6,420单、B2C订单41,310单。\n"
    (zh,) = consistency_linter().lint_text(text, "a.txt").diagnostics
    assert zh.rule == "C006" and "（差1,000单）；B2B和B2C两项合起来应是全部" in zh.message
    assert "其他1,000单" in (zh.suggestion or "")
    (en,) = consistency_linter("en").lint_text(text, "a.txt").diagnostics
    assert "B2B and B2C together should make the whole" in en.message


def test_a_recomputed_rate_half_way_between_two_shown_digits_gets_one_more() -> None:
    # 225 ÷ 200 − 1 = 12.5%: at the text's precision, rounding half to even would print 12%.
    text = "一、费用控制\n全年实际支出225万元，预算200万元，超预算15%。\n"
    [(rule, message)] = [(d.rule, d.message) for d in consistency_linter().lint_text(text, "a.txt").diagnostics]
    assert rule == "C001" and "= 12.5%" in message and "15%" in message


def test_a_rate_of_a_part_says_what_the_part_and_the_whole_give() -> None:
    text = "一、慢性病管理\n在管2型糖尿病患者412人，血糖控制满意236人，血糖控制率62.3%。\n"
    [message] = [d.message for d in consistency_linter().lint_text(text, "a.txt").diagnostics]
    assert message == "比例对不上：236人 ÷ 412人 = 57.3%，但文中写的是62.3%"
    [english] = [d.message for d in consistency_linter("en").lint_text(text, "a.txt").diagnostics]
    assert english == "The rate does not add up: 236人 ÷ 412人 = 57.3%, but the text says 62.3%"
