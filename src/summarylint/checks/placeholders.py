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
from ..text_utils import WEB_URL_RE, XX_RUN, doc_sections
from .residue import residue_lines

# XX / xx runs (text_utils.XX_RUN: not 5xx), not inside Latin words (XXL, MAX, Windows XP) — digits may
# follow (xx7.2%), and so may a unit written without a space (XXms, XXMB).
LATIN_RUN_RE = fastre.compile(
    r"(?<![A-Za-z])" + XX_RUN + r"(?:(?![A-Za-z])|(?=(?:ms|min|px|[KMGT]B|qps|QPS|tps|TPS)(?![A-Za-z])))"
)
# A lone X only where a number or name clearly belongs: 增长X%, X月X日, 第X名.
LONE_X_RE = fastre.compile(
    r"(?<![A-Za-z0-9])[Xx](?=[%％]|[年月日号万元个人次倍名位天]|\.\d)(?![A-Za-z])|(?<=第)[Xx](?![A-Za-z])"
)
SYMBOL_RE = fastre.compile(
    # `2024年**月**日`, not the bold of `**日期**` or `**月度目标**` (a word goes on after 日, 月).
    r"×{2,}|＊{2,}|○{2,}|□{2,}|(?<!\*)\*{2,}(?=[年月日](?![\u4e00-\u9fff]))|_{2,}|＿{2,}"
    r"|(?<=[年月])×(?=[月日号])"  # a one-sign month or day of a date: `××年×月`
    # A field whose whole value is an ellipsis: `原因：……；解决方案：……` (not `深入，……`, a cut sentence).
    r"|(?:(?<=[\u4e00-\u9fff][:：])|(?<=[\u4e00-\u9fff][:：][ \u3000]))(?:…+|⋯+|\.{3,}|。{3,})"
    r"(?=[ \t\u3000]*(?:[；;，,。）)|\r\n]|$))"
)
_NOUNS = r"(?:名称|名字|姓名|日期|时间|数值|数量|金额|数据|内容|部门|公司|人名|职务|单位)"
_SLOT_NOUN = r"[^\]】\n]{0,8}" + _NOUNS
_CHOICE = r"[（(][ \t]*(?:有|无|是|否|已|未)[ \t]*[/／|｜][ \t]*(?:有|无|是|否|已|未)[ \t]*[）)]"
# 李某某, 王某某: a surname before 某某 is how discipline and HR texts anonymise a person, not a slot.
# Surnames that also end common words before a slot (向某某, 担任某某, 于某某) are left out.
_SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑梁谢宋唐许韩冯邓曹彭曾肖萧董袁潘蒋蔡杜叶苏魏吕丁沈"
             "姚卢姜崔钟谭陆汪廖贾夏韦邹孟熊秦邱尹薛闫雷侯陶黎贺郝龚邵钱覃戴莫孔汤")
SLOT_RE = fastre.compile(
    r"(?<![" + _SURNAMES + r"])某某+"  # `某某某` is one slot
    r"|\[(?:[Xx]+|请?(?:填写|输入|补充|具体|此处)[^\]\n]{0,20}|" + _SLOT_NOUN + r")\](?!\()"
    r"|【(?:请?(?:填写|输入|补充|此处)[^】\n]{0,30}|" + _SLOT_NOUN + r")】"
    r"|\{\{[^}\n]{0,30}\}\}|<(?:姓名|名字|部门|日期|公司|项目名称|单位)>"
    # `{项目名}`, `{下周工作内容1}`: a Chinese label in braces (`{orderId}` and `{a, b}` are code or sets).
    r"|\{[\u4e00-\u9fff][\u4e00-\u9fff0-9]{0,15}\}"
    # `（请填写…）` of any length (a long one explains the slot: `（请填写主要工作一，建议用数据说明…）`),
    # `（填写院校数量）`: a request in round brackets. Unprefixed 填写 only before a slot noun:
    # `（填写问卷的客户）` and `（填写率92%）` are the writer's; 填写说明/提示 are R004's notes.
    r"|[（(](?:请[ \t]*(?:填写|输入|补充)[^（()）\n]{0,60}|填写(?:[^（()）\n\d]{0,8}" + _NOUNS + r")?)[）)]"
    # `“[年度战略主题]”`: a bracketed Chinese label quoted as a name. Five characters at least: a quoted
    # `“[捂脸]”` or `“[破涕为笑]”` is a WeChat or Weibo emoji code, which a content-ops summary may cite.
    r"|(?<=[“\"「『])\[[\u4e00-\u9fff]{5,12}\](?=[”\"」』])"
    # Empty boxes: `共计[ ]个`, `【 】`. `[]` without a blank is code (`int[]`), and `【】中的内容` talks
    # about the brackets (a usage note, R004's).
    r"|\[[ \t\u3000]+\](?!\()|【[ \t\u3000]*】(?![中里内])"
    # A choice left to make: `全年（无/有）违规违纪情况`, `是否达标（是/否）`.
    r"|" + _CHOICE
)
# A line that is only a chain of bracketed slots: `【问题描述】→【原因分析】→【解决措施】` (a process in a
# sentence, or steps such as `【开发】→【测试】`, are the writer's).
_CHAIN_SLOT = r"【[^】\n]{0,8}(?:描述|分析|措施|内容|情况|说明|原因|方案|结果|名称|计划|目标|总结|建议)】"
_ARROW = r"[ \t]*(?:→|->|—>|=>|⟶|➔|➜)[ \t]*"
CHAIN_RE = fastre.compile(
    rf"^[ \t]*(?:[-*+][ \t]+|\d+[.、)）][ \t]*)?(?P<chain>{_CHAIN_SLOT}(?:{_ARROW}{_CHAIN_SLOT})+)[ \t]*\r?$",
    re.M,
)
# `- [x] 接口文档更新`, `- [ ] 压测报告` (or `[ ] 压测报告` in plain text): a task-list checkbox, not a slot.
_CHECKBOX_BEFORE_RE = fastre.lazy(r"[ \t]*(?:(?:[-*+]|\d+[.)])[ \t]+)?")
# `| 压测报告 | [ ] |`: a checkbox as a table's status cell.
_CELL_BEFORE_RE = fastre.lazy(r"\|[ \t]*$")
_CELL_AFTER_RE = fastre.lazy(r"[ \t]*\|")
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


# `第XX周` is a week number, not a duration; `第X名` a rank, not a head count.
_ORDINAL_KINDS = [
    (fastre.lazy(r"周"), {"zh": "周次（如 第23周）", "en": "week number (e.g. week 23)"}),
    (fastre.lazy(r"季度"), {"zh": "季度（如 第三季度）", "en": "quarter (e.g. Q3)"}),
    (fastre.lazy(r"名"), {"zh": "名次", "en": "rank"}),
]
_ORDINAL = {"zh": "序号（如 第3期）", "en": "ordinal number"}


@lru_cache(maxsize=4096)
def _value_kind(before: str, after: str) -> dict[str, str]:
    for pattern, kind in _BEFORE_KINDS[:3]:
        if pattern.search(before):
            return kind
    if before.endswith("第"):
        return next((kind for pattern, kind in _ORDINAL_KINDS if pattern.match(after)), _ORDINAL)
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
    """Code, comments and URLs: no slot there; nor in a line that is all template residue (`本文由XX范文网整理发布`:
    the residue rules delete the line, there is nothing to fill in). Found once per document (the four
    rules need them)."""
    store = doc.__dict__.setdefault("_summarylint_placeholders", {})
    if "skip" not in store:
        residue = [doc.line_span(start) for start in sorted(residue_lines(doc))]
        store["skip"] = [*doc.masked, *((m.start(), m.end()) for m in WEB_URL_RE.finditer(doc.text)), *residue]
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
    if token[0] in "_＿" and (text[start - 1:start] in ("年", "月") or text[end:end + 1] in ("月", "日", "号")):
        return True  # a blank of a date, `____年__月__日`: not the __strong__ of Markdown
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


# Between two slots of one date: `XX年X月`, `X月X日`, `X日—X月`, `X日至X日`.
_DATE_GLUE_RE = fastre.lazy(r"[年月]|[日号][ \t]*[—–~～至到-][ \t]*")
_DATE = {"zh": "具体日期", "en": "date"}
_DATE_RANGE = {"zh": "起止日期（如 2024年6月3日—6月9日）", "en": "date range (e.g. 3–9 June 2024)"}


@check("latin-placeholder")
def latin_placeholder(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    found = sorted([*_findings(doc, LATIN_RUN_RE), *_findings(doc, LONE_X_RE)], key=lambda f: f.start)
    yield from _merge_dates(doc.text, [_with_century(doc.text, f) for f in found])


_CENTURY = ("20", "２０")


def _with_century(text: str, found: Finding) -> Finding:
    """`20XX年` is one slot, the year: the finding starts at its 20 (not `XX年`)."""
    start = found.start
    if (found.end - start == 2 and text[start - 2:start] in _CENTURY
            and (start == 2 or not text[start - 3].isdigit())):
        return Finding(start - 2, found.end, {**found.args, "text": text[start - 2:found.end]})
    return found


def _merge_dates(text: str, found: list[Finding]) -> Iterator[Finding]:
    """One date is one slot to fill: `20XX年X月X日—X月X日` is one finding, not five."""
    i = 0
    while i < len(found):
        j = i
        # The next slot must itself be a month or day (`工作XX年X个月` is a duration, two slots).
        while (j + 1 < len(found) and _DATE_GLUE_RE.fullmatch(text, found[j].end, found[j + 1].start)
               and text.startswith(("月", "日", "号"), found[j + 1].end)):
            j += 1
        if j == i:
            yield found[i]
        else:
            start, end = found[i].start, found[j].end
            if text.startswith(("月", "日", "号"), end):
                end += 1  # the run ends with its unit: `X月X日`, not `X月X`
            value = _DATE_RANGE if re.search(r"[—–~～至到-]", text[start:end]) else _DATE
            yield Finding(start, end, {"text": text[start:end], "value": value})
        i = j + 1


@check("symbol-placeholder")
def symbol_placeholder(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    found = [_with_century(doc.text, f) if doc.text[f.start] in "×＊*" else f  # `20××年`
             for f in _findings(doc, SYMBOL_RE, _is_symbol_slot)]
    yield from _merge_dates(doc.text, found)  # `____年__月__日`: one date to fill in


def _is_slot(text: str, start: int, end: int) -> bool:
    token = text[start:end]
    checkbox = token in ("[x]", "[X]") and text[end:end + 1] in (" ", "\t")
    if checkbox or (token[0] == "[" and not token.strip("[] \t\u3000")):
        line_start = text.rfind("\n", 0, start) + 1
        if _CELL_BEFORE_RE.search(text, line_start, start) and _CELL_AFTER_RE.match(text, end):
            return False
        return not _CHECKBOX_BEFORE_RE.fullmatch(text, line_start, start)  # `- [x] 已完成的任务`, `- [ ] 压测`
    return True


_CHOICE_RE = fastre.lazy(_CHOICE)
_PICK = {"zh": "选项（只留符合实际的一个）", "en": "option (keep the one that is true)"}
# A bracketed heading names its section (`## 【本周工作内容】`, `【存在问题】`) unless it asks for something.
_HEADING_SLOT_CUE_RE = fastre.lazy(r"请|填写|输入|补充|此处|具体|[Xx]{2}|某某|名称|名字|姓名|人名|日期|数值|数量|金额")


def _heading_lines(doc: Document) -> set[int]:
    """Start offsets of the lines that hold a section title (not a run-in label: `【内容】：…` is text)."""
    return {doc.line_span(s.title_start)[0] for s in doc_sections(doc)
            if s.style not in ("implicit", "root", "runin", "runin-bullet")}


@check("bracket-slot")
def bracket_slot(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    chains = list(_findings(doc, CHAIN_RE, group="chain"))  # reported once, not slot by slot
    yield from chains
    headings: set[int] | None = None
    for finding in _findings(doc, SLOT_RE, _is_slot):
        if any(c.start <= finding.start < c.end for c in chains):
            continue
        token = doc.text[finding.start:finding.end]
        if _CHOICE_RE.fullmatch(token):
            finding = Finding(finding.start, finding.end, {**finding.args, "value": _PICK})
        if token[0] in "[【" and token.strip("[]【】 \t\u3000") and not _HEADING_SLOT_CUE_RE.search(token):
            if headings is None:
                headings = _heading_lines(doc)
            if doc.line_span(finding.start)[0] in headings:
                continue
        yield finding


@check("todo-marker")
def todo_marker(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    yield from _findings(doc, TODO_RE)
