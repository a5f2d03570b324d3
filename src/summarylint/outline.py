"""Recognise heading lines: GB/T 9704 outline numbering, labels and run-in labels.

Shared by the plain-text and Markdown parsers. A line is looked at without its bullet
marker; the result says which numbering style opened it, how deep that style sits
(its rank: smaller is higher), and where the title and any run-in body start.

Ranks follow GB/T 9704-2012 §7.3.3 (一、 > （一） > 1. > （1）) with the styles real
summaries add: 篇一 samples and 第一部分 above, label lines and run-in labels below.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import fastre
from .classify import kind_of_heading
from .numerals import chinese_ordinal

CN_DIGITS = "〇零一二三四五六七八九十百"
TERMINAL = "。！？!?；;…"
MAX_TITLE = 40
MAX_LABEL = 16

BULLET_RE = fastre.compile(r"[ \t\u3000]*(?:[-•*·●▪◆■]|[+](?=\s))[ \t\u3000]*")
LONE_DASH_RE = fastre.compile(r"[ \t\u3000]*[-—–_]{1,3}[ \t\u3000]*$")

# The samples of a template collection: 篇一：《…》, 范文二：…, 例文三：…
SAMPLE_WORD = "(?:篇|范文|例文)"
_NUMBERED = [
    # (style, rank, regex); the regex's "n" group is the ordinal, the match end is where the title starts
    ("sample", 0.0, fastre.compile(rf"[ \t\u3000]*{SAMPLE_WORD}(?P<n>[{CN_DIGITS}]+)[ \t\u3000]*[:：]?[ \t\u3000]*")),
    ("part", 1.0,
     fastre.compile(rf"[ \t\u3000]*第(?P<n>[{CN_DIGITS}\d]+)(?:部分|章)[ \t\u3000]*[:：、.．]?[ \t\u3000]*")),
    ("part", 1.0, fastre.compile(r"[ \t\u3000]*PART[ \t]*(?P<n>\d{1,2})[ \t\u3000]*[:：.．]?[ \t\u3000]*", re.I)),
    ("cn-dun", 2.0,
     fastre.compile(rf"[ \t\u3000]*(?P<n>[{CN_DIGITS}]{{1,3}})[ \t\u3000]*(?P<mark>、|[.．](?!\d))[ \t\u3000]*")),
    ("cn-paren", 3.0,
     fastre.compile(rf"[ \t\u3000]*[（(][ \t]*(?P<n>[{CN_DIGITS}]{{1,3}})[ \t]*[）)](?P<mark>[、.．]?)[ \t\u3000]*")),
    ("num-dot", 4.0, fastre.compile(r"[ \t\u3000]*(?P<n>\d{1,2})[ \t]*(?P<mark>、|[.．](?!\d))[ \t\u3000]*")),
    ("num-paren", 5.0,
     fastre.compile(r"[ \t\u3000]*[（(][ \t]*(?P<n>\d{1,2})[ \t]*[）)](?P<mark>[、.．]?)[ \t\u3000]*")),
    ("circled", 6.0, fastre.compile(r"[ \t\u3000]*(?P<n>[①-⑳])[ \t\u3000]*")),
]
# "核心项目一:" / "模块二：" / "案例3:" — a short name with a number, used like a numbered heading.
_LABEL_NUM_RE = fastre.compile(
    rf"[ \t\u3000]*(?P<name>[\u4e00-\u9fff]{{1,6}}?)(?P<n>[{CN_DIGITS}]{{1,3}}|\d{{1,2}})[ \t]*[:：][ \t\u3000]*"
)
_BRACKET_TITLE_RE = fastre.compile(r"[ \t\u3000]*【(?P<title>[^】\n]{1,20})】[ \t\u3000]*$")
_BRACKET_RUNIN_RE = fastre.compile(r"[ \t\u3000]*【(?P<title>[^】\n]{1,8})】[ \t\u3000:：]*(?=\S)")
# A label: short, no sentence punctuation, optionally followed by a parenthetical like (My Role).
_LABEL_RE = fastre.compile(
    rf"[ \t\u3000]*(?:\*\*)?(?P<label>[^:：。！？!?；;，,、\n*]{{1,{MAX_LABEL}}}?(?:[ \t]*[（(][^）)\n]{{1,30}}[）)])?)"
    r"(?:\*\*)?[ \t]*[:：](?:\*\*)?[ \t\u3000]*"
)
_CJK_RE = fastre.compile(r"[\u4e00-\u9fff]")
_NOT_LABELS = {
    "例如", "比如", "如", "注", "备注", "其中", "包括", "即", "原因", "原因是", "结果", "结果是", "答", "问",
    "尊敬的领导", "尊敬的各位领导", "各位领导", "各位同事", "各位领导、同事", "亲爱的同事们", "大家好", "您好",
    "网址", "链接", "http", "https", "来源", "出处", "当前位置", "您的位置", "位置",
}
FIELD_LABELS = {
    "汇报人", "述职人", "报告人", "姓名", "部门", "岗位", "职务", "日期", "时间", "单位", "填报人", "撰写人",
    "签名", "签字", "本人签名", "本人签字",
}


@dataclass(frozen=True)
class HeadingMatch:
    style: str
    rank: float
    title_start: int  # offsets relative to the line
    title_end: int
    ordinal: int | None = None
    body_start: int | None = None  # run-in labels: where the content on the same line begins
    mark: str = ""  # the punctuation after the number (、 . ．) for numbering checks


def strip_bullet(line: str) -> int:
    """Length of a leading bullet marker (0 when there is none)."""
    m = BULLET_RE.match(line)
    if not m or m.end() == len(line.rstrip()):
        return 0
    return m.end()


def is_lone_dash(line: str) -> bool:
    return bool(line.strip()) and bool(LONE_DASH_RE.match(line))


def _title_end(line: str, start: int) -> int:
    return len(line.rstrip(" \t\u3000\r*"))


def is_field_label(label: str) -> bool:
    """复盘日期 / 活动时间 / 项目负责人 / 复盘人 / 故障等级: a field of a form or a record's header, not a part
    of the summary (复盘人 is no 复盘 part)."""
    core = label.strip(" \t\u3000*：:")
    return core in FIELD_LABELS or (len(core) <= 6 and core.endswith(
        ("日期", "时间", "时长", "负责人", "填报人", "汇报人", "复盘人", "记录人", "主持人", "参会人", "等级", "级别")))


# A line leading into a table (各月主要指标如下表, 完成情况见下表：) is prose, not a heading or a label.
TABLE_LEAD_IN_RE = fastre.compile(r"(?:如下|见下|详见下?|见附)[表图][ \t\u3000]*$")


def _label_ok(label: str) -> bool:
    core = re.sub(r"[（(].*", "", label).strip()
    if "【" in core or "《" in core or TABLE_LEAD_IN_RE.search(core):
        return False
    if "我" in core or "了" in core:
        return False  # 8月份我独立负责了一个小需求： opens a sentence, it names no part
    if is_field_label(core):
        return False
    return bool(core) and bool(_CJK_RE.search(core)) and core not in _NOT_LABELS


def match_heading(line: str, *, bullet: bool = False) -> HeadingMatch | None:
    """Classify one line (bullet marker already removed) as a heading, or None for prose."""
    if not line.strip():
        return None
    if not bullet:
        numbered = _match_numbered(line)
        if numbered:
            return numbered
        m = _BRACKET_TITLE_RE.match(line)
        if m:
            return HeadingMatch("bracket", 2.2, m.start("title"), m.end("title"))
        m = _BRACKET_RUNIN_RE.match(line)
        if m and kind_of_heading(m.group("title")) not in (None, "other"):
            # 【问题】周末晚高峰出餐慢…: a part named in brackets, its text on the same line
            return HeadingMatch("bracket", 2.2, m.start("title"), m.end("title"), None, m.end())
        m = _LABEL_NUM_RE.match(line)
        if m and not m.group("name").startswith("第"):
            return _labelled(line, m.start("name"), m.end(), "label-num", 2.5, _ordinal(m.group("n")))
    return _match_label(line, bullet)


def _ordinal(token: str) -> int | None:
    if token.isdigit():
        return int(token)
    if len(token) == 1 and "①" <= token <= "⑳":
        return ord(token) - ord("①") + 1
    return chinese_ordinal(token)


_GENRE_WORD_RE = fastre.lazy(r"总结|述职|述廉|报告|汇报|周报|月报|年报|计划|心得|体会|复盘")
_SENTENCE_MARK_RE = fastre.lazy(r"[，,。；;！!？?]")


def is_sample_title(title: str) -> bool:
    """The title of one summary of a 范文 collection: short, no sentence, naming a genre
    (2024年个人年终工作总结; not 《背影》，用于八年级阅读课). The parser and R005 judge a sample line by it."""
    return len(title) <= 40 and not _SENTENCE_MARK_RE.search(title) and _GENRE_WORD_RE.search(title) is not None


def _is_sample_line(line: str, title_start: int) -> bool:
    """篇一：… opens a sample; 范文一 / 例文一 only before the title of a summary (范文一：2024年工作总结)."""
    if not re.match(rf"[ \t\u3000]*{SAMPLE_WORD}[^:：]{{1,3}}[:：]", line):
        return False
    return line.lstrip(" \t\u3000").startswith("篇") or is_sample_title(line[title_start:].strip())


def _match_numbered(line: str) -> HeadingMatch | None:
    for style, rank, regex in _NUMBERED:
        m = regex.match(line)
        if not m:
            continue
        if style == "sample" and not _is_sample_line(line, m.end()):
            return None
        # The title keeps its number ("一、核心业绩"), as a reader quotes it.
        title_start = len(line) - len(line.lstrip(" \t\u3000"))
        title_end = _title_end(line, m.end())
        if title_end <= m.end() and style not in ("sample", "part"):
            continue  # a bare "1." is not a heading
        ordinal = _ordinal(m.group("n"))
        mark = m.groupdict().get("mark") or ""
        title = line[m.end():title_end]
        if style in ("sample", "part") or (len(title) <= MAX_TITLE and not title.endswith(tuple(TERMINAL))):
            return HeadingMatch(style, rank, title_start, title_end, ordinal, None, mark)
        # "1. 加强学习：本年度……" — a short title run into its body.
        cut = re.search(r"[:：]|。(?=.)", title)
        if cut and cut.start() <= MAX_TITLE and not re.search(r"[，,；;]", title[: cut.start()]):
            body = m.end() + cut.end()
            while body < len(line) and line[body] in " \t\u3000":
                body += 1
            return HeadingMatch(style, rank, title_start, m.end() + cut.start(), ordinal,
                                body if body < title_end else None, mark)
        return None  # a numbered paragraph: prose, not a heading
    return None


def _labelled(line: str, label_start: int, after: int, style: str, rank: float, ordinal: int | None) -> HeadingMatch:
    rest = line[after:].rstrip(" \t\u3000\r*")
    label_end = line.rfind("：", label_start, after)
    label_end = max(label_end, line.rfind(":", label_start, after))
    if not rest:
        return HeadingMatch(style, rank, label_start, _strip_stars(line, label_start, label_end), ordinal)
    if len(rest) <= MAX_TITLE and not rest.endswith(tuple(TERMINAL + "，,:：")):
        # "引言：复盘是为了更好地前行" — a title with a subtitle, not a run-in paragraph.
        if style == "runin":
            style, rank = "label", 7.0
        return HeadingMatch(style, rank, label_start, _title_end(line, label_start), ordinal)
    return HeadingMatch(style, rank, label_start, _strip_stars(line, label_start, label_end), ordinal, after)


def _strip_stars(line: str, start: int, end: int) -> int:
    while end > start and line[end - 1] in "* \t":
        end -= 1
    return end


# 图文:视频 = 1:3 — a ratio of two names, not a label and its text.
_RATIO_REST_RE = fastre.lazy(r"[^，。；,;\n:：]{0,12}?[=＝]\s*\d+(?:\.\d+)?\s*[:：]\s*\d")


def _match_label(line: str, bullet: bool) -> HeadingMatch | None:
    m = _LABEL_RE.match(line)
    if not m or not _label_ok(m.group("label")) or _RATIO_REST_RE.match(line, m.end()):
        return None
    label_end = _strip_stars(line, m.start("label"), m.end("label"))
    if not line[m.end():].strip():
        style, rank = ("label-bullet", 8.0) if bullet else ("label", 7.0)
        return HeadingMatch(style, rank, m.start("label"), label_end)
    if bullet:
        return HeadingMatch("runin-bullet", 10.0, m.start("label"), label_end, None, m.end())
    return _labelled(line, m.start("label"), m.end(), "runin", 9.0, None)
