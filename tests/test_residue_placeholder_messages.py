"""Wording of residue and placeholder diagnostics that fixture cases cannot check (they check positions)."""

from __future__ import annotations

from summarylint.api import Linter


def _diagnostics(text: str, rule: str, path: str = "case.txt") -> list[str]:
    linter = Linter(plugins=False)
    linter.rules = [r for r in linter.rules if r.id == rule]
    return [f"{d.message} → {d.suggestion}" for d in linter.lint_text(text, path).diagnostics]


def test_unit_slot_asks_for_a_name_not_a_number() -> None:
    unit, comrade = _diagnostics("协调某某单位完成验收，由某某同志牵头。", "P003")
    assert "名称" in unit and "数量" not in unit
    assert "姓名" in comrade


def test_site_notice_after_a_run_in_label_is_not_called_a_title() -> None:
    text = "全年新签客户57家。\n温馨提示：本站所有范文均来自网友投稿，免费下载仅供学习交流。\n"
    found = _diagnostics(text, "R002")
    assert len(found) == 1 and "标题" not in found[0]


def test_week_slot_asks_for_a_week_number() -> None:
    (week,) = _diagnostics("新媒体运营周报（第XX周）\n", "P001")
    assert "周次" in week and "时长" not in week


def test_date_range_of_slots_is_one_finding_asking_for_both_dates() -> None:
    (found,) = _diagnostics("周期：20XX年X月X日—X月X日\n", "P001")
    assert "XX年X月X日—X月X日" in found and "起止日期" in found


def test_empty_list_item_is_called_an_item() -> None:
    (found,) = _diagnostics("## 存在问题\n\n- 选题不够系统。\n- \n", "R007", "case.md")
    assert "列表项" in found and "删掉这一行" in found
