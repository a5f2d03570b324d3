"""Placeholders left from a template: XX, ××, 某某, ___, [填写], 【请填写…】, TODO, 待补充.

Each finding says what kind of value belongs in the slot, read from the words around it
(XX% → a percentage, XX万元 → an amount, 汇报人：XXX → a name), so the writer knows what
to look up rather than only that something is missing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from .. import fastre
from ..diagnostics import Finding
from ..engine import RuleContext
from ..model import Document
from ..registry import check
from ..text_utils import WEB_URL_RE

# XX / xx runs, not inside Latin words (XXL, MAX, Windows XP) — digits may follow (xx7.2%), and so may
# a unit written without a space (XXms, XXMB).
LATIN_RUN_RE = fastre.compile(
    r"(?<![A-Za-z])(?:X{2,}|x{2,})(?:(?![A-Za-z])|(?=(?:ms|min|px|[KMGT]B|qps|QPS|tps|TPS)(?![A-Za-z])))"
)
# A lone X only where a number or name clearly belongs: 增长X%, X月X日, 第X名.
LONE_X_RE = fastre.compile(
    r"(?<![A-Za-z0-9])[Xx](?=[%％]|[年月日号万元个人次倍名位天]|\.\d)(?![A-Za-z])|(?<=第)[Xx](?![A-Za-z])"
)
SYMBOL_RE = fastre.compile(
    # `2024年**月**日`, not the bold of `**日期**` or `**月度目标**` (a word goes on after 日, 月).
    r"×{2,}|＊{2,}|○{2,}|□{2,}|(?<!\*)\*{2,}(?=[年月日](?![\u4e00-\u9fff]))|_{2,}|＿{2,}"
    # A field whose whole value is an ellipsis: `原因：……；解决方案：……` (not `深入，……`, a cut sentence).
    r"|(?:(?<=[\u4e00-\u9fff][:：])|(?<=[\u4e00-\u9fff][:：][ \u3000]))(?:…+|⋯+|\.{3,}|。{3,})"
    r"(?=[ \t\u3000]*(?:[；;，,。）)|\r\n]|$))"
)
_SLOT_NOUN = r"[^\]】\n]{0,8}(?:名称|名字|姓名|日期|时间|数值|数量|金额|数据|内容|部门|公司|人名|职务|单位)"
# 李某某, 王某某: a surname before 某某 is how discipline and HR texts anonymise a person, not a slot.
# Surnames that also end common words before a slot (向某某, 担任某某, 于某某) are left out.
_SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑梁谢宋唐许韩冯邓曹彭曾肖萧董袁潘蒋蔡杜叶苏魏吕丁沈"
             "姚卢姜崔钟谭陆汪廖贾夏韦邹孟熊秦邱尹薛闫雷侯陶黎贺郝龚邵钱覃戴莫孔汤")
SLOT_RE = fastre.compile(
    r"(?<![" + _SURNAMES + r"])某某"
    r"|\[(?:[Xx]+|请?(?:填写|输入|补充|具体|此处)[^\]\n]{0,20}|" + _SLOT_NOUN + r")\](?!\()"
    r"|【(?:请?(?:填写|输入|补充|此处)[^】\n]{0,30}|" + _SLOT_NOUN + r")】"
    r"|\{\{[^}\n]{0,30}\}\}|<(?:姓名|名字|部门|日期|公司|项目名称|单位)>"
    # `{项目名}`, `{下周工作内容1}`: a Chinese label in braces (`{orderId}` and `{a, b}` are code or sets).
    r"|\{[\u4e00-\u9fff][\u4e00-\u9fff0-9]{0,15}\}"
)
# A line that is only a chain of bracketed slots: `【问题描述】→【原因分析】→【解决措施】` (a process in a
# sentence, or steps such as `【开发】→【测试】`, are the writer's).
_CHAIN_SLOT = r"【[^】\n]{0,8}(?:描述|分析|措施|内容|情况|说明|原因|方案|结果|名称|计划|目标|总结|建议)】"
_ARROW = r"[ \t]*(?:→|->|—>|=>|⟶|➔|➜)[ \t]*"
CHAIN_RE = fastre.compile(
    rf"^[ \t]*(?:[-*+][ \t]+|\d+[.、)）][ \t]*)?(?P<chain>{_CHAIN_SLOT}(?:{_ARROW}{_CHAIN_SLOT})+)[ \t]*\r?$",
    re.M,
)
# `- [x] 接口文档更新`: a Markdown task-list checkbox, not an `[X]` slot.
_CHECKBOX_BEFORE_RE = fastre.lazy(r"[ \t]*(?:[-*+]|\d+[.)])[ \t]+")
_STRONG_RE = fastre.lazy(r"__(?=\S)[^_\n]+?(?<=\S)__")
TODO_RE = fastre.compile(r"(?<![A-Za-z])(?:TODO|TBD|FIXME)(?![A-Za-z])|待(?:补充|填写|完善|更新|补全)")

_VALUE_KINDS = [
    # (pattern on the text right after the slot, kind); first match wins
    (fastre.lazy(r"[%％]|个?百分点"), {"zh": "百分比数值（如 12.5%）", "en": "percentage (e.g. 12.5%)"}),
    (fastre.lazy(r"万元|亿元|元|块"),
     {"zh": "金额（写明单位，如 35.6万元）", "en": "amount of money (e.g. 356,000 yuan)"}),
    (fastre.lazy(r"万?(?:人|位|名|用户)"), {"zh": "人数（如 1.2万人）", "en": "number of people"}),
    (fastre.lazy(r"[年月日号]"), {"zh": "具体日期", "en": "date"}),
    (fastre.lazy(r"分钟|小时|秒|天|周|个月|ms|min"), {"zh": "时长（带单位）", "en": "duration with its unit"}),
    (fastre.lazy(r"倍"), {"zh": "倍数", "en": "multiple"}),
    (fastre.lazy(r"万|亿|千"),
     {"zh": "数量（注意量级，如 3.2万）", "en": "quantity (mind the magnitude, e.g. 32,000)"}),
    # Names before counts: 某某单位 is no count of 单, 某某项目 none of 项.
    (fastre.lazy(r"同志|先生|女士|老师|经理|主任|科长|处长|局长"), {"zh": "姓名", "en": "name"}),
    (fastre.lazy(r"类型|主题|领域|平台|公司|项目|活动|购物节|品牌|渠道|系统|产品|部门|单位|课程|工具|知识|作品|等"),
     {"zh": "具体名称", "en": "name"}),
    (fastre.lazy(r"[个次场篇家单条项份件款]"), {"zh": "数量", "en": "count"}),
]
_BEFORE_KINDS = [
    (fastre.lazy(r"(?:汇报人|述职人|报告人|姓名|撰写人|填报人)[:：]?\s*$"), {"zh": "姓名", "en": "name"}),
    (fastre.lazy(r"(?:部门|单位)[:：]?\s*$"), {"zh": "部门名称", "en": "department"}),
    (fastre.lazy(r"(?:日期|时间)[:：]?\s*$"), {"zh": "日期", "en": "date"}),
    (fastre.lazy(r"(?:率|占比|比例|份额|渗透率|转化率)\D{0,4}$"),
     {"zh": "百分比数值（如 12.5%）", "en": "percentage (e.g. 12.5%)"}),
    (fastre.lazy(r"(?:ROI|倍数)\D{0,4}$", re.I), {"zh": "具体数值", "en": "figure"}),
]
_DEFAULT_KIND = {"zh": "具体内容", "en": "actual content"}


_PEOPLE_BEFORE_RE = fastre.lazy(r"用户|粉丝|会员|注册|客户|人数|学员|访客")
_PEOPLE = {"zh": "用户数（如 3.2万）", "en": "number of users (e.g. 32,000)"}


def value_kind(text: str, start: int, end: int) -> dict[str, str]:
    """What belongs in the slot text[start:end], judged from its neighbours."""
    before = text[max(0, start - 12):start].split("\n")[-1]
    after = text[end:end + 6].split("\n")[0]
    return _value_kind(before, after)


@lru_cache(maxsize=4096)
def _value_kind(before: str, after: str) -> dict[str, str]:
    for pattern, kind in _BEFORE_KINDS[:3]:
        if pattern.search(before):
            return kind
    if re.match(r"万(?!元)", after) and _PEOPLE_BEFORE_RE.search(before[-6:]):
        return _PEOPLE  # 新增用户XX万
    for pattern, kind in _VALUE_KINDS:
        if pattern.match(after):
            return kind
    for pattern, kind in _BEFORE_KINDS[3:]:
        if pattern.search(before):
            return kind
    return _DEFAULT_KIND


def _skip_spans(doc: Document) -> list[tuple[int, int]]:
    """Code, comments and URLs: no slot there (found once per document; the four rules need them)."""
    store = doc.__dict__.setdefault("_summarylint_placeholders", {})
    if "skip" not in store:
        store["skip"] = [*doc.masked, *((m.start(), m.end()) for m in WEB_URL_RE.finditer(doc.text))]
    spans: list[tuple[int, int]] = store["skip"]
    return spans


def _findings(doc: Document, regex: re.Pattern[str], keep=None, group: int | str = 0) -> Iterator[Finding]:
    skip = _skip_spans(doc)
    for m in regex.finditer(doc.text):
        start, end = m.span(group)
        if any(s < end and start < e for s, e in skip):
            continue
        if keep is not None and not keep(doc.text, start, end):
            continue
        yield Finding(start, end, {"text": m.group(group), "value": value_kind(doc.text, start, end)})


def _is_symbol_slot(text: str, start: int, end: int) -> bool:
    token = text[start:end]
    if token[0] in "_＿":
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line = text[line_start:len(text) if line_end < 0 else line_end]
        if not line.strip(" \t\r_＿-—="):
            return False  # a rule line of underscores, not a blank to fill
        strong = _STRONG_RE.finditer(text, line_start, line_start + len(line))
        if token == "__" and any(start in (m.start(), m.end() - 2) for m in strong):
            return False  # Markdown __strong__
    return True


@check("latin-placeholder")
def latin_placeholder(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    yield from _findings(doc, LATIN_RUN_RE)
    yield from _findings(doc, LONE_X_RE)


@check("symbol-placeholder")
def symbol_placeholder(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    yield from _findings(doc, SYMBOL_RE, _is_symbol_slot)


def _is_slot(text: str, start: int, end: int) -> bool:
    if text[start:end] in ("[x]", "[X]") and text[end:end + 1] in (" ", "\t"):
        line_start = text.rfind("\n", 0, start) + 1
        return not _CHECKBOX_BEFORE_RE.fullmatch(text, line_start, start)  # `- [x] 已完成的任务`
    return True


@check("bracket-slot")
def bracket_slot(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    chains = list(_findings(doc, CHAIN_RE, group="chain"))  # reported once, not slot by slot
    yield from chains
    for finding in _findings(doc, SLOT_RE, _is_slot):
        if not any(c.start <= finding.start < c.end for c in chains):
            yield finding


@check("todo-marker")
def todo_marker(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    yield from _findings(doc, TODO_RE)
