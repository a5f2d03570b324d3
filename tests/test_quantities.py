"""Quantity extraction (summarylint.numbers.quantities): what is a figure, what is not, and where it is."""

from __future__ import annotations

import subprocess
import sys
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarylint.numbers.claims import text_numbers
from summarylint.numbers.quantities import chinese_number, extract_quantities, has_placeholder


def one(text: str):
    found = extract_quantities(text)
    assert len(found) == 1, [q.text for q in found]
    return found[0]


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("3,905", 3905.0, ""),
    ("0.21%", 0.21, "%"),
    ("1.5万", 15000.0, ""),
    ("3千万元", 30_000_000.0, "元"),
    ("1,800万元", 18_000_000.0, "元"),
    ("2.5亿元", 250_000_000.0, "元"),
    ("41.6万人", 416_000.0, "人"),
    ("12名", 12.0, "人"),
    ("3个百分点", 3.0, "pp"),
    ("2.7pp", 2.7, "pp"),
    ("5‰", 0.5, "%"),
    ("1.5倍", 1.5, "倍"),
    ("52分钟", 3120.0, "s"),
    ("1.2秒", 1.2, "s"),
    ("180毫秒", 0.18, "s"),
    ("4.0天", 345_600.0, "s"),
    ("19个工作日", 19.0, "工作日"),
    ("96学时", 96.0, "学时"),
    ("2.46元/单", 2.46, "元/单"),
    ("3,000 TPS", 3000.0, "TPS"),
    ("88分", 88.0, "分"),
    ("17.5公里", 17_500.0, "m"),
    # one space between digits and Chinese, as many writers put it
    ("138 万元", 1_380_000.0, "元"),
    ("4 家", 4.0, "家"),
    ("42 分钟", 2520.0, "s"),
    ("+5 个百分点", 5.0, "pp"),
    ("3 千万元", 30_000_000.0, "元"),
])
def test_arabic_numbers_units_and_magnitudes(text: str, value: float, unit: str) -> None:
    q = one(text)
    assert q.value == pytest.approx(value)
    assert q.unit == unit
    assert q.text == text


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("三个百分点", 3.0, "pp"),
    ("两倍", 2.0, "倍"),
    ("十二万", 120_000.0, ""),
    ("一千二百人", 1200.0, "人"),
    ("三万六千人", 36_000.0, "人"),
    ("百分之二十", 20.0, "%"),
    ("六成", 60.0, "%"),
    ("三点五倍", 3.5, "倍"),
    ("两家", 2.0, "家"),
])
def test_chinese_numerals(text: str, value: float, unit: str) -> None:
    q = one(text)
    assert q.value == pytest.approx(value)
    assert q.unit == unit
    assert q.spelled


def test_full_width_digits_keep_their_offsets() -> None:
    text = "销售额３９０５元，占比１２．５％"
    found = extract_quantities(text)
    assert [q.value for q in found] == [3905.0, 12.5]
    assert [text[q.start:q.end] for q in found] == ["３９０５元", "１２．５％"]
    assert found[1].unit == "%"


def test_spans_are_code_points_plus_base() -> None:
    text = "“双11”后，次日留存率从20%提升至25%"
    found = extract_quantities(text, base=100)
    assert [(q.start, q.end) for q in found] == [(113, 116), (119, 122)]
    assert [q.text for q in found] == ["20%", "25%"]


@pytest.mark.parametrize(("text", "low", "high", "unit"), [
    ("10–20%", 10.0, 20.0, "%"),
    ("10%至15%", 10.0, 15.0, "%"),
    ("3-5天", 3 * 86400.0, 5 * 86400.0, "s"),
    ("1.5-2万元", 15_000.0, 20_000.0, "元"),
    ("三到五天", 3 * 86400.0, 5 * 86400.0, "s"),
])
def test_ranges(text: str, low: float, high: float, unit: str) -> None:
    q = one(text)
    assert (q.value, q.high, q.unit) == (pytest.approx(low), pytest.approx(high), unit)
    assert q.is_range and not q.is_exact


def test_from_to_with_adjacent_words_is_two_figures_not_a_range() -> None:
    assert [q.text for q in extract_quantities("留存率从20%到25%")] == ["20%", "25%"]


@pytest.mark.parametrize(("text", "hedge"), [
    ("约3,905单", "约"), ("近6成", "近"), ("超过60%", "超过"), ("逾200家", "逾"), ("300人左右", "左右"),
    ("300多人", "多"), ("20余家", "余"), ("95%以上", "以上"), ("不低于80%", "不低于"),
    ("超 90 天", "超"), ("约 1.2 万条", "约"),
])
def test_hedges_mark_a_figure_approximate(text: str, hedge: str) -> None:
    q = one(text)
    assert q.approx == hedge
    assert not q.is_exact
    assert q.figure in text


@pytest.mark.parametrize("text", ["签约40家", "合约3份", "预约12人"])
def test_words_ending_in_yue_are_not_hedges(text: str) -> None:
    assert one(text).approx == ""


@pytest.mark.parametrize("text", [
    "2024年3月", "2024年度", "11月18日", "3月4日—3月22日", "2024-12-20", "2024/03", "16点前", "9:30", "上午9点30分",
    "13812345678", "021-62345678", "400-820-8820", "订单号2024112200123",
    "v2.3.1", "版本2.3.1", "PR #1234", "INV-3318", "p99", "Q3", "H1", "iPhone15", "Windows 11", "p=0.01",
    "第3季度", "第47周", "第6项", "一是", "第一", "“云帆2030”计划", "《2024年度报告》", "云帆2030计划", "5G网络", "3D打印",
    "XX%", "xx7.2%", "20XX年XX月XX日", "20××年", "【请填写3月数据】", "https://example.com/123.html",
    "十分重要", "一成不变", "万一出错", "统一口径", "逐一拜访", "双十一", "三季度", "一起", "一些", "1:3",
    "2024 年 3 月", "11 月 18 日", "第 3 季度", "© 2024 周报模板网", "2024周报", "做好双11大促", "618期间",
])
def test_not_quantities(text: str) -> None:
    assert extract_quantities(text) == [], [q.text for q in extract_quantities(text)]


@pytest.mark.parametrize(("text", "figures"), [
    ("1. 新客转化率从18.2%提升至23.5%", ["18.2%", "23.5%"]),
    ("  - 2、完成3项", ["3项"]),
    ("（1）完成3项", ["3项"]),
    ("1.5万人参与", ["1.5万人"]),
    ("截至11月18日，v2.3.1发布后告警由日均17次降为0次", ["17次", "0次"]),
    ("DAU30万", ["30万"]),
    ("SLA 99.9%", ["99.9%"]),
])
def test_outline_numbers_and_ids_around_real_figures(text: str, figures: list[str]) -> None:
    assert [q.text for q in extract_quantities(text)] == figures


def test_sign_and_precision() -> None:
    q = one("（−35%）")
    assert q.value == -35.0
    assert one("18.25%").precision == pytest.approx(0.005)
    assert one("1,800万元").precision == pytest.approx(5000.0)


def test_chinese_number_reader() -> None:
    assert chinese_number("三") == 3
    assert chinese_number("十二") == 12
    assert chinese_number("九十九") == 99
    assert chinese_number("一千二百") == 1200
    assert chinese_number("十二万") == 120_000
    assert chinese_number("三点五") == 3.5
    assert chinese_number("二〇二四") is None  # a year written digit by digit


def test_placeholders() -> None:
    assert has_placeholder("留存率达到XX%")
    assert has_placeholder("负责××项目")
    assert has_placeholder("【请填写完成率】")
    assert has_placeholder("待补充")
    assert not has_placeholder("用Excel和XXL-Job统计，提升5%")


def test_import_does_not_load_cn2an() -> None:
    """cn2an costs ~0.25 s of start-up: only a Chinese numeral above 99 may import it."""
    code = ("import sys\nimport summarylint.checks\nfrom summarylint.numbers import extract_quantities\n"
            "extract_quantities('三个百分点，两倍，第3季度，1.5万人')\nassert 'cn2an' not in sys.modules\n"
            "extract_quantities('一千二百人')\nassert 'cn2an' in sys.modules\n")
    subprocess.run([sys.executable, "-c", code], check=True)


_ALPHABET = list("0123456789０１２.,，。；：、%％‰-—~至到从由提升降低增长下降减少为比较占计划目标实际完成率其中分别合计共万亿千元人次个天分钟"
                 "零一二两三四五六七八九十百XxX年月日号第约近多余左右以上“”《》（）() \n#p=vV")


@given(st.text(alphabet=_ALPHABET, max_size=80))
@settings(max_examples=300, deadline=None)
def test_any_text_gives_ordered_exact_spans(text: str) -> None:
    found = extract_quantities(text, base=7)
    for q in found:
        assert text[q.start - 7:q.end - 7] == q.text
        assert q.start < q.end
    assert all(a.end <= b.start for a, b in pairwise(found))
    numbers = text_numbers(text)  # the claim reader must not fail on any of it
    for sentence in numbers.sentences:
        for claim in sentence.claims:
            assert all(sentence.start <= q.start < q.end <= sentence.end for q in claim.quantities)


@pytest.mark.parametrize("text", ["| 19.8 |", "| 20.5 |", "合计 19.8", "均价20.5"])
def test_a_bare_decimal_is_no_year(text: str) -> None:
    # 19.8 and 20.5 have four characters and start as years do; they are figures (a table cell of 万美元).
    assert [q.text for q in extract_quantities(text)] == [text.strip("| 合计均价")]
