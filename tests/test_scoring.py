"""The scoring model: traceable points, diminishing returns, caps, n/a categories, gains, --min-score."""

from __future__ import annotations

import json
from itertools import pairwise
from pathlib import Path

import pytest

from summarylint import lint_text
from summarylint.api import Linter
from summarylint.data import load_data
from summarylint.diagnostics import CATEGORIES, Diagnostic
from summarylint.parse import parse_document
from summarylint.scoring import Score, grade_for, rule_points, score_document
from summarylint.signals import figures, own_figures

from .conftest import FIXTURES, SAMPLES
from .helpers import run_cli, run_json

CALIBRATION = FIXTURES / "calibration"
ALL_FIXTURES = sorted(p for folder in (SAMPLES, CALIBRATION) for p in folder.iterdir()
                      if p.suffix in (".md", ".txt") and p.name != "README.md")
GOOD = ("二、工作成果\n"
        "1. 本季度新增注册用户3.2万，目标3万，完成率106.7%。\n"
        "2. 转化率由2.1%提升到2.6%，提高0.5个百分点。\n"
        "三、不足\n1. 七日留存率22%，低于25%的目标，原因是第3到7天没有触达；10月起增加两次推送。\n"
        "四、下季度计划\n1. 12月31日前七日留存率达到25%。\n")


def _read(path: Path) -> str:
    from summarylint.decode import decode_bytes

    return decode_bytes(path.read_bytes(), str(path)).text


def _diag(rule: str, category: str, severity: str, start: int = 0, name: str = "") -> Diagnostic:
    return Diagnostic(rule, name or rule.lower(), category, severity, "m", "s", start, start + 1, 1, 1, 1, 2)


@pytest.mark.parametrize("path", ALL_FIXTURES, ids=lambda p: p.name)
def test_every_point_is_traced(path: Path) -> None:
    """overall = base + Σ credits − Σ deductions (before caps); score = round(min(that, caps))."""
    score = lint_text(_read(path), path=str(path)).score
    for i, unit in enumerate(score.units):
        index = i if len(score.units) > 1 else None
        credits = sum(c.overall for c in score.credits if c.unit == index) * len(score.units)
        deductions = sum(d.overall for d in score.deductions if d.unit == index) * len(score.units)
        assert unit.base + credits - deductions == pytest.approx(unit.uncapped, abs=0.05)
        assert unit.overall == min([unit.uncapped, *(c.max for c in unit.caps)])
        weights = {c: w for c, w in unit.weights.items() if w}
        mean = sum(w * (unit.categories[c] or 0) for c, w in weights.items()) / sum(weights.values())
        idle = sum(d.overall for d in unit.deductions if unit.categories[d.category] is None)
        assert mean - idle == pytest.approx(unit.uncapped)
    assert score.score == round(sum(u.overall for u in score.units) / len(score.units))
    assert score.grade == grade_for(score.score)


def test_json_keeps_the_contract_and_adds_the_trace(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text(GOOD + "新增用户XX万。\n", encoding="utf-8")
    _, data, _ = run_json(str(f))
    file = data["files"][0]
    assert isinstance(file["score"], int) and file["grade"] in "ABCDE"
    assert set(file["categories"]) == set(CATEGORIES)
    assert {"deductions", "credits", "caps", "gains", "weights", "signals"} <= set(file["scoring"])
    p001 = next(d for d in file["scoring"]["deductions"] if d["rule"] == "P001")
    assert p001["category"] == "placeholder" and p001["count"] == 1 and p001["points"] > 0 and p001["overall"] > 0
    assert file["profile"]["name"] in ("kpi", "project", "methodology", "weekly", "annual")
    assert file["profile"]["reason"]
    json.dumps(file)


@pytest.mark.parametrize("reader", [figures, own_figures], ids=["numbers", "own"])
def test_what_counts_as_a_figure(reader) -> None:  # type: ignore[no-untyped-def]
    assert reader("新签客户57家，目标50家，完成率114%。")
    for text in ("12月4日全量发布", "PR #2210 已合并", "升级到v4.6.0", "客户续约率达到XX%", "2024年第三季度"):
        assert not reader(text), text


def test_grades_follow_the_bands() -> None:
    assert [grade_for(s) for s in (100, 90, 89, 80, 79, 70, 69, 60, 59, 0)] == list("AABBCCDDEE")


def test_diminishing_returns_per_rule() -> None:
    model = load_data("scoring.yaml")
    costs = [rule_points([_diag("W1", "style", "warning")] * n, model) for n in range(1, 30)]
    assert all(b >= a for a, b in pairwise(costs))  # more findings never cost less …
    steps = [b - a for a, b in pairwise(costs)]
    assert all(b <= a for a, b in pairwise(steps))  # … but each costs less than the one before
    assert max(costs) <= model["severity"]["warning"]["cap"]


def test_one_noisy_rule_cannot_sink_a_document() -> None:
    doc = parse_document(_read(SAMPLES / "clean_annual.txt"), "clean_annual.txt")
    clean = score_document(doc, [])
    noisy = score_document(doc, [_diag("S999", "style", "warning", i) for i in range(200)])
    assert 0 < clean.score - noisy.score <= 6
    assert noisy.grade in "AB"


@pytest.mark.parametrize("text", ["", "   \n\n", "周报\n", "# 周报\n\n本周主要做了一些工作。\n", "XX XX XX\n"])
def test_empty_or_content_free_files_score_low(text: str) -> None:
    assert lint_text(text, path="a.md").score.score <= 20


def test_length_alone_earns_nothing() -> None:
    """Padding a summary with more of the same kind of sentence does not raise its score."""
    vague = "二、工作成果\n" + "".join(f"认真完成了第{n}项日常工作，得到了领导认可。\n" for n in "一二三四五六七八")
    short = lint_text(vague, path="a.txt").score.score
    longer = lint_text(vague + vague.replace("二、工作成果\n", "").replace("第", "另一批第"), path="a.txt").score.score
    assert longer <= short


def test_a_category_with_nothing_to_check_weighs_nothing() -> None:
    score = lint_text("二、工作成果\n本季度认真完成了各项日常工作，得到了领导和同事的认可。\n", path="a.txt").score
    unit = score.units[0]
    assert unit.signals.figures < 3
    assert score.categories["consistency"] is None and unit.weights["consistency"] == 0
    assert "consistency" not in {c.category for c in score.credits}


def test_a_finding_in_an_idle_category_still_costs_points() -> None:
    """Too few figures to weigh `consistency`, but a consistency finding there still costs, and fixing it helps."""
    doc = parse_document("二、工作成果\n本季度认真完成了各项日常工作，得到了领导和同事的认可。\n", "a.txt")
    clean = score_document(doc, [])
    flagged = score_document(doc, [_diag("C999", "consistency", "warning")])
    assert flagged.categories["consistency"] is None
    assert flagged.units[0].uncapped < clean.units[0].uncapped
    cost = next(d for d in flagged.deductions if d.rule == "C999")
    assert cost.overall == pytest.approx(clean.units[0].uncapped - flagged.units[0].uncapped)


def test_caps_hold_and_are_reported() -> None:
    text = GOOD + "".join(f"第{n}项指标完成率XX%，新增用户XX万。\n" for n in "一二三")
    score = lint_text(text, path="a.txt").score
    ids = {c.id for c in score.caps}
    assert "placeholders_5" in ids
    assert score.score <= 35
    cap = next(c for c in score.caps if c.id == "placeholders_5")
    assert cap.metric == "placeholders" and cap.value >= 5


def test_no_results_caps_at_30() -> None:
    text = ("2024年度述职报告\n一、主要工作\n全年认真做好来料检验工作，严格把关，确保质量符合要求。\n"
            "二、存在的不足\n对新标准的学习还不够深入，导致两次检验记录返工。\n"
            "三、2025年计划\n2025年3月底前完成新标准培训，检验记录返工降到0次。\n")
    score = lint_text(text, path="a.txt").score
    assert "no_results" in {c.id for c in score.caps} and score.score <= 30


def test_missing_sections_cost_points_once() -> None:
    """A required section that a rule already reports missing is not deducted a second time."""
    doc = parse_document("二、工作成果\n本季度新增注册用户3.2万，目标3万，完成率106.7%，较上季度增长12%。\n", "a.txt")
    alone = score_document(doc, [])
    signals = {d.signal for d in alone.deductions if d.signal}
    assert {"missing_reflection", "missing_plan"} <= signals
    reported = score_document(doc, [_diag("S003", "plan", "error", name="missing-plan")])
    assert "missing_plan" not in {d.signal for d in reported.deductions}


def test_gains_are_what_rescoring_without_the_rule_gives() -> None:
    path = SAMPLES / "kpi_placeholders.txt"
    report = Linter().lint_text(_read(path), str(path))
    score: Score = report.score
    assert score.gains, "a summary full of placeholders has something to gain"
    top = next(g for g in score.gains if g.rule)
    without = score_document(report.document, [d for d in report.diagnostics if d.rule != top.rule],
                             score.profile, with_gains=False)
    before = sum(u.overall for u in score.units) / len(score.units)
    after = sum(u.overall for u in without.units) / len(without.units)
    assert top.gain == pytest.approx(after - before)
    assert [g.gain for g in score.gains] == sorted((g.gain for g in score.gains), reverse=True)


def test_text_output_shows_genre_and_gains(tmp_path: Path) -> None:
    f = tmp_path / "周报.md"
    f.write_text("# 数据组周报（第47周）\n\n## 本周完成\n\n- 完成渠道ROI看板，覆盖7个付费渠道，口径与财务对齐。\n"
                 "- 处理业务方取数需求9个，平均交付时长1.5天。\n- 排查埋点异常2起，已定位到SDK版本问题。\n\n"
                 "## 问题与风险\n\n- 有2个渠道的回传数据延迟超过48小时，看板上这两个渠道的ROI偏低。\n\n"
                 "## 下周计划\n\n- 继续做好数据支持工作。\n- 把看板扩展到全部渠道。\n", encoding="utf-8")
    out = run_cli("check", "--no-color", str(f)).stdout
    score_line = next(line for line in out.splitlines() if "/100" in line)
    assert "体裁: weekly" in score_line and "周报" in score_line
    assert "提分: +" in out
    en = run_cli("check", "--no-color", "--lang", "en", str(f)).stdout
    assert "genre: weekly" in en and "to gain: +" in en


def test_min_score_exit_codes(tmp_path: Path) -> None:
    f = tmp_path / "clean.txt"
    f.write_text(_read(SAMPLES / "clean_annual.txt"), encoding="utf-8")
    _, data, _ = run_json("--select", "P", str(f))
    assert not data["files"][0]["diagnostics"]
    score = data["files"][0]["score"]
    assert 80 <= score < 100
    assert run_cli("check", "--select", "P", "--min-score", str(score), str(f)).returncode == 0
    assert run_cli("check", "--select", "P", "--min-score", str(score + 1), str(f)).returncode == 1
    low = tmp_path / "low.txt"
    low.write_text("周报\n本周做了一些工作。\n", encoding="utf-8")
    assert run_cli("check", "--select", "P", "--min-score", "60", str(low)).returncode == 1
    assert run_cli("check", "--select", "P", "--min-score", "0", str(low)).returncode == 0


def test_a_plan_table_counts_one_item_per_row_with_its_deadline_column() -> None:
    text = ("## 一、本周完成\n\n- 完成接口开发3个，平均耗时从500ms降到300ms。\n\n## 三、后续计划\n\n"
            "| 事项 | 负责人 | 截止 | 验收标准 |\n| --- | --- | --- | --- |\n"
            "| Redis 扩容与切换演练 | 李明 | 3/20 | 5 倍流量压测下 CPU < 60% |\n"
            "| 订单服务单测覆盖率 | 李明 | 3/22 | 从 72% 提升到 75% |\n"
            "| 库存服务拆分方案 | 李明 | 待定 | 方案评审 |\n")
    signals = lint_text(text, path="a.md").score.units[0].signals
    assert (signals.plan_items, signals.plan_dated, signals.plan_measurable) == (3, 2, 3)


def test_results_given_as_a_table_are_results_with_figures() -> None:
    text = ("# 秋季新品发布会活动复盘\n\n## 二、目标达成情况\n\n| 指标 | 目标 | 实际 | 完成率 |\n|---|---|---|---|\n"
            "| 到场人数 | 500 | 620 | 124% |\n| 新增会员 | 1,000 | 860 | 86% |\n\n## 三、问题与不足\n\n"
            "- 前期宣传只有5天，新增会员比目标少140人\n\n## 四、下一步计划\n\n- 10月底前定稿宣传排期模板\n")
    report = lint_text(text, path="a.md")
    signals = report.score.units[0].signals
    assert (signals.results_sentences, signals.results_with_figure) == (2, 2)
    assert "no_results" not in [cap.id for cap in report.score.caps]


def test_a_problem_answered_in_the_plan_counts_as_remedied() -> None:
    text = ("一、工作成果\n全年出库186万单，完成目标的103%。\n二、存在的不足\n1. 新员工流失偏高，19人中7人三个月内离职。\n"
            "2. 退货上架偏慢，平均2.8天。\n三、明年计划\n1. 3月底前为每名新员工指定带教师傅，新员工流失率降到20%以下。\n")
    signals = lint_text(text, path="a.txt").score.units[0].signals
    assert (signals.reflection_items, signals.reflection_remedy) == (2, 1)  # 退货上架 has no answer


def test_counts_spelled_in_words_are_figures_but_not_aspects() -> None:
    from summarylint.signals import figures

    assert figures("新增骨干教师三名、市级学科带头人五名") == ("三名", "五名")
    assert figures("全年开展教研活动八次") == ("八次",)
    assert figures("从三个方面开展工作") == () and figures("购置一批设备") == ()
