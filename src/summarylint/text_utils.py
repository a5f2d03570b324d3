"""Small text helpers shared by the content rules (quantification, reflection, plan, style).

Figures, dates and time bounds, placeholders, clauses, items of a section, genre, half-width
punctuation, and `content_words` (the nouns two passages share, from word lists in jieba's format
shipped in rules/ — see the note above `_vocabulary` for why no segmenter is loaded).

Cold-start matters (0.35 s for a whole check): patterns are compiled through fastre (kept between
runs; the rarely needed ones on first use), literal word lists are matched with `str.find`
(WordList), not compiled into big regexes, and CJK context is tested with Python predicates
rather than regex classes over the 21k-wide CJK range, which take milliseconds each to compile.
Functions of a sentence's text alone are cached (lru_cache): several rules ask the same thing of
the same sentence, and an editor re-lints an unchanged sentence on every keystroke.

Pasted text is often NFKC-normalised, so every pattern accepts both widths (`，`/`,`, `（`/`(`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from . import fastre
from .classify import kind_of_heading
from .data import load_data, rules_dir
from .model import Block, Document, Section

# A web address in prose (http(s):// or www.), up to whitespace or Chinese punctuation. Placeholders and
# punctuation are never looked for inside one.
WEB_URL_RE = fastre.compile(r"(?:https?://|www\.)[^\s，。；）)】]+", re.I)

if TYPE_CHECKING:
    from .engine import RuleContext

# A character class over the 21k-wide CJK range costs ~2-4 ms to compile (once per interpreter with
# fastre): classes that need CJK context are written as Python predicates below instead.
CJK_RE = fastre.compile(r"[\u4e00-\u9fff]")
_CN_DIGITS = "零〇一二两三四五六七八九十百千万亿"


@lru_cache(maxsize=16384)
def count_cjk(text: str) -> int:
    return len(CJK_RE.findall(text))


def is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def is_chinese_context(ch: str) -> bool:
    """Han characters, CJK punctuation, full-width forms and curly quotes."""
    return is_cjk(ch) or "\u3000" <= ch <= "\u303f" or "\uff01" <= ch <= "\uff5e" or ch in "“”‘’"


def lexicon(name: str) -> dict[str, Any]:
    """A word list under rules/lexicons/ (cached)."""
    data = load_data(f"lexicons/{name}.yaml")
    return data if isinstance(data, dict) else {}


class WordMatch:
    """A hit of a WordList, with the three methods of re.Match the rules use. (The small record classes
    here are plain classes with __slots__, not dataclasses: each dataclass costs ~0.5 ms at import.)"""

    __slots__ = ("begin", "stop", "word")

    def __init__(self, begin: int, stop: int, word: str) -> None:
        self.begin = begin
        self.stop = stop
        self.word = word

    def __repr__(self) -> str:
        return f"WordMatch({self.begin}, {self.stop}, {self.word!r})"

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.stop

    def group(self) -> str:
        return self.word

    def span(self) -> tuple[int, int]:
        return self.begin, self.stop


class WordList:
    """Literal words matched like a regex alternation, longest first (leftmost, then longest hit).

    Plain substring search instead of one big alternation: compiling such a regex over Chinese
    words costs 1-3 ms each (sre builds a 64K-entry charset map), ~20 ms for the content lexicons,
    while a check rarely needs more than a few hundred `find` calls."""

    def __init__(self, words: tuple[str, ...]) -> None:
        self.words = tuple(sorted(set(words), key=len, reverse=True))
        # Words by first character (longest first within each): only the words whose first character
        # occurs in a text can occur in it, which spares most `find` calls on a sentence.
        by_first: dict[str, list[str]] = {}
        for word in self.words:
            by_first.setdefault(word[:1], []).append(word)
        self._by_first = {first: tuple(words) for first, words in by_first.items()}
        self._firsts = frozenset(by_first) if "" not in by_first else None  # an empty word occurs anywhere

    def _candidates(self, text: str) -> Iterator[str]:
        if self._firsts is None:
            yield from self.words
            return
        # A set of a short text's characters is quick to build; a long text is searched per character.
        present = self._firsts.intersection(text) if len(text) <= 64 else [c for c in self._firsts if c in text]
        for first in present:
            yield from self._by_first[first]

    def finditer(self, text: str) -> Iterator[WordMatch]:
        hits = []
        for word in self._candidates(text):
            i = text.find(word)
            while i >= 0:
                hits.append((i, -len(word), word))
                i = text.find(word, i + 1)
        position = 0
        for i, negative_length, word in sorted(hits):
            if i >= position:
                position = i - negative_length
                yield WordMatch(i, position, word)

    def search(self, text: str) -> WordMatch | None:
        # Leftmost, then longest: two words found at one place start with the same character, so they
        # come from one group of _by_first, longest first, and the first found is kept.
        best: tuple[int, int, str] | None = None
        for word in self._candidates(text):
            i = text.find(word)
            if i >= 0 and (best is None or i < best[0]):
                best = (i, i + len(word), word)
        return WordMatch(*best) if best else None


@cache
def alternation(words: tuple[str, ...]) -> WordList:
    """A matcher for any of the literal words, longest first."""
    return WordList(words)


@cache
def words_re(name: str, key: str) -> WordList:
    """Matcher for the literal words listed under `key` in lexicon `name`."""
    return alternation(tuple(lexicon(name)[key]))


@cache
def patterns_re(name: str, key: str) -> re.Pattern[str]:
    """Regex joining the patterns listed under `key` in lexicon `name`."""
    return _joined(tuple(lexicon(name)[key]))


@cache
def _joined(patterns: tuple[str, ...]) -> re.Pattern[str]:
    return fastre.compile("|".join(f"(?:{p})" for p in patterns))


# ---------------------------------------------------------------------------------------------
# Placeholders. A superset of the placeholder rules' patterns: the content rules stay silent
# wherever a slot is left, because the placeholder rules already report it there.

# A run of X standing for a figure: XX, xx — not 5xx / 4xx, HTTP's status classes (a digit 1–5 right
# before a lower-case xx). The placeholder rules and this module read it alike.
XX_RUN = r"(?:X{2,}|(?<!(?<!\d)[1-5])x{2,})"
PLACEHOLDER_RE = fastre.compile(
    r"(?<![A-Za-z])" + XX_RUN + r"[\d.]*(?![A-Za-z])"
    r"|(?<![A-Za-z0-9])[Xx](?=[%％]|[年月日号万元个人次倍名位天篇家条]|\.\d)"
    r"|×{2,}|＊{2,}|○{2,}|□{2,}|_{2,}|＿{2,}|(?<!\*)\*{2,}(?=[年月日])"
    r"|某某|\[[^\]\n]{0,20}\]|【请?(?:填写|输入|补充|此处)[^】\n]{0,30}】"
    r"|[（(]请[ \t]*(?:填写|输入|补充)[^（()）\n]{0,60}[）)]"
    r"|\{\{[^}\n]{0,30}\}\}"
    r"|(?<![A-Za-z])(?:TODO|TBD|FIXME)(?![A-Za-z])|待(?:补充|填写|完善|补全)"
)
# What follows a slot that holds a number (XX%, XX万元, XX个) rather than a name (XX领域).
_NUMERIC_AFTER = fastre.lazy(r"[\d.]*\s*(?:[%％‰]|个?百分点|万|亿|千|元|块|倍|[个位名人次家条篇场项件单份套台户]|"
                            r"分钟|小时|天|周|个月|秒)")


@lru_cache(maxsize=8192)
def has_placeholder(text: str) -> bool:
    return PLACEHOLDER_RE.search(text) is not None


def has_numeric_placeholder(text: str) -> bool:
    """A slot where a figure belongs: XX%, XX万, XX个 (not XX领域, XX主题)."""
    return any(_NUMERIC_AFTER.match(text, m.end()) or m.group().endswith("%")
               for m in PLACEHOLDER_RE.finditer(text))


# ---------------------------------------------------------------------------------------------
# Dates and time bounds.

_CN_NUM = "[一二两三四五六七八九十]"
DATE_RE = fastre.compile(
    r"(?:19|20)\d\d\s*年(?:\s*\d{1,2}\s*月)?(?:\s*\d{1,2}\s*[日号])?"
    r"|(?:19|20)\d\d[-/.](?:0?[1-9]|1[0-2])(?:[-/.]\d{1,2})?"
    r"|(?<![\d.])(?:0?[1-9]|1[0-2])\s*月(?:份|\s*\d{1,2}\s*[日号])?"
    r"|(?<![\d.])\d{1,2}\s*[日号](?![A-Za-z])"
    r"|(?<![\d:])\d{1,2}[:：]\d{2}(?!\d)"
)
# Numeric dates as deadlines: 2024-12-31, 2024/5/22; 7/12 前, 3/18–3/22, 截止 5/22 (a bare 3/5 may be a
# fraction); week numbers W13. Shared by the plan rules and the score's plan_dated.
NUMERIC_DEADLINE = (
    r"(?:19|20)\d\d[-/.](?:0?[1-9]|1[0-2])[-/.](?:[12]\d|3[01]|0?[1-9])(?!\d)"
    r"|(?<![\d./])(?:0?[1-9]|1[0-2])/(?:[12]\d|3[01]|0?[1-9])(?=[ \t]*(?:前|之前|以前|内|截止|[-–—~～至到][ \t]*\d))"
    r"|(?:截止|截至|于|DDL|deadline)[:：]?[ \t]*(?:0?[1-9]|1[0-2])/(?:[12]\d|3[01]|0?[1-9])(?![\d/])"
    r"|(?<![\dA-Za-z])W(?:[1-9]|[1-4]\d|5[0-3])(?!\d)"
)
# A deadline or time box for a plan item. Weak scopes (本月, 本季度) count only with 内/前/底…,
# because 整理本季度慢查询清单 names what, not when.
TIME_BOUND_RE = fastre.lazy(
    r"(?:19|20)\d\d\s*年|(?<![\d.个])(?:0?[1-9]|1[0-2])\s*月|(?<![\d.])\d{1,2}\s*[日号](?:前|之前|以前)"
    r"|" + _CN_NUM + r"{1,2}月(?:份|底|初|中旬|下旬|上旬|末)|(?<![A-Za-z])Q[1-4](?![0-9])|第?[一二三四1-4]季度"
    r"|[上下]半年|年底|年末|年中|年初|月底|月末|季末|季度末|周末|明年|来年|下周|下个?月|下个?季度|次月|下一?周|下期"
    r"|(?:周|星期|礼拜)[一二三四五六日天](?!次)"
    r"|(?:开工|开业|开学|上线|投产|验收|交付|竣工|发布|大促|考试)(?:之)?前"  # a milestone: 三期开工前
    r"|(?:本|今|这个?)(?:周|月|季度|年)(?:内|底|末|前|之内)"
    r"|(?:\d+|" + _CN_NUM + r"{1,3})\s*个?(?:天|日|周|星期|工作日|月|季度|年)(?:内|之内|以内|前|后)"
    r"|每(?:天|日|周|月|季度|季|年|半年|双周)|(?:截至|截止|之前|以前)(?:\s*\d)|全年"
    r"|" + NUMERIC_DEADLINE
)


def has_time_bound(text: str) -> bool:
    return TIME_BOUND_RE.search(text) is not None


# ---------------------------------------------------------------------------------------------
# Figures: numbers that quantify something, not dates, ordinals, ids, versions or names.

_MEASURES = (
    r"美元|元|块|人次|人|名|位|个|家|次|条|篇|场|项|款|件|单|份|套|台|户|所|门|节|课时|学时|小时|分钟|秒|毫秒|天|周|个月|"
    r"年|公里|千米|米|平方米|㎡|吨|公斤|千克|斤|张|本|期|轮|版|页|字|笔|起|例|批|班|组|行|句|帖|粉|票|座|辆|箱|包"
)
_UNITS = (
    r"[%％‰]|个?百分点|pp|倍|半|成(?!本|果|绩|效|员|功|长|熟|立)"
    r"|(?:万亿|亿|万|千|百)?(?:" + _MEASURES + r")|万亿|亿|万|千|百"
    r"|K|k|w|W|ms|s|h|GB|MB|TB|KB|km|kg|TPS|QPS|PV|UV"
)
UNIT_RE = fastre.compile(r"\s?(?:" + _UNITS + ")")
_ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_NUMBER_RE = fastre.compile(r"(?<![\d.])(?:" + _ARABIC + r")(?:\s*[-~～—–至到]\s*(?:" + _ARABIC + r"))?")
_CN_MEASURES = ("个|名|位|人|家|次|项|条|篇|场|款|件|单|份|套|台|户|所|倍|成|半|万|亿|元|块|节|起"
                "|天|周|个月|小时|分钟|年|轮|期|批|类|大|点|步")
_CN_FIGURE_RE = fastre.compile(r"(?<![第\d.])([" + _CN_DIGITS + r"]+)(?=(?:" + _CN_MEASURES + "))")
# Spans that look numeric but quantify nothing.
_NOT_FIGURE_RE = fastre.compile(
    r"(?<![A-Za-z])[vV]\d+(?:\.\d+)+|#\s?\d+|第\s*(?:\d+(?!\d)(?!\s*(?:个|名|位))|[" + _CN_DIGITS + r"]+)"
    r"|[A-Za-z]+[-_]?\d+[A-Za-z0-9_-]*|\d+[A-Za-z]{2,}[A-Za-z0-9]*|\d+-\d+-\d+"
    r"|(?m:^[ \t>*#-]*[（(]?\d{1,2}[）).、．](?!\d))|[（(]\d{1,2}[）)]|\d{1,2}、"
    r"|“[^”\n]{0,12}\d[^”\n]{0,12}”|《[^》\n]{0,30}》"
)
_UNIT_LETTERS = ("k", "K", "w", "W", "ms", "s", "h", "x", "GB", "MB", "TB", "KB", "km", "kg", "TPS", "QPS", "PV", "UV")


class Figure:
    """A quantity in a text (read-only)."""

    __slots__ = ("end", "start", "text", "unit", "unit_end")

    def __init__(self, start: int, end: int, text: str, unit: str, unit_end: int) -> None:
        self.start = start
        self.end = end  # end of the number (without its unit)
        self.text = text
        self.unit = unit  # the unit right after it ("%", "万元", "个"), "" when there is none
        self.unit_end = unit_end  # end of the unit (== end when there is none)

    def __repr__(self) -> str:
        return f"Figure({self.start}, {self.end}, {self.text!r}, {self.unit!r}, {self.unit_end})"

    @property
    def is_percent(self) -> bool:
        return self.unit in ("%", "％", "‰") or "百分点" in self.unit

    @property
    def is_money(self) -> bool:
        return "元" in self.unit or self.unit in ("块",)


def _blocked_spans(text: str) -> list[tuple[int, int]]:
    spans = [m.span() for m in PLACEHOLDER_RE.finditer(text)]
    spans += [m.span() for m in DATE_RE.finditer(text)]
    spans += [m.span() for m in _NOT_FIGURE_RE.finditer(text) if not _is_unit_glued(m.group())]
    spans += [m.span() for m in alternation(tuple(lexicon("figures")["not_figures"])).finditer(text)]
    return spans


_GLUED_RE = fastre.lazy(r"(\d+(?:\.\d+)?)([A-Za-z]+)")


def _is_unit_glued(token: str) -> bool:
    """10k, 3x, 200ms: a number with a Latin unit, not an id."""
    m = _GLUED_RE.fullmatch(token)
    return bool(m and m.group(2) in _UNIT_LETTERS)


def find_figures(text: str) -> list[Figure]:
    """Arabic and Chinese-numeral quantities in text, with their units."""
    return list(_figures(text))


# Every figure holds a digit or a Chinese numeral: text without one needs no further look.
_ANY_NUMERAL_RE = fastre.compile(r"[\d" + _CN_DIGITS + "]")


@lru_cache(maxsize=8192)
def _figures(text: str) -> tuple[Figure, ...]:
    """Cached: the four quantification rules and the plan rules ask about the same sentences."""
    if _ANY_NUMERAL_RE.search(text) is None:
        return ()
    blocked = _blocked_spans(text)

    def free(start: int, end: int) -> bool:
        return not any(s < end and start < e for s, e in blocked)

    figures = []
    for m in _NUMBER_RE.finditer(text):
        if free(*m.span()):
            figures.append(_figure(text, m.start(), m.end()))
    for m in _CN_FIGURE_RE.finditer(text):
        digits = m.group(1)
        if digits == "一" and not text.startswith(("倍", "成", "半", "万", "亿"), m.end()):
            continue  # 一个, 一套, 一次: an article, not a count
        if free(*m.span()) and not text.startswith("是", m.end()):
            figures.append(_figure(text, m.start(), m.end()))
    return tuple(sorted(figures, key=lambda f: f.start))


def _figure(text: str, start: int, end: int) -> Figure:
    unit = UNIT_RE.match(text, end)
    if unit is None:
        return Figure(start, end, text[start:end], "", end)
    return Figure(start, end, text[start:end], unit.group().strip(), unit.end())


def has_figure(text: str) -> bool:
    return bool(_figures(text))


# ---------------------------------------------------------------------------------------------
# Half-width punctuation used in Chinese prose.

FULL_WIDTH = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？", ".": "。", "(": "（", ")": "）"}
_MARK_RE = fastre.compile(r"[ \t]*([,:;!?.])[ \t]*")


def halfwidth_marks(text: str) -> list[tuple[int, int, str]]:
    """Half-width marks used as Chinese punctuation, as (start, end, full-width replacement).

    A mark counts with Chinese right before it, or (`,` `:` `;`) right after it — XX%,付费 and
    (CAC),提升 too; its span includes the spaces around it, which Chinese punctuation does not take.
    `.` only ends a sentence: right after Chinese, before a line end or more Chinese (not 3.5, not
    报告.docx, not an ellipsis). Times (10:30), thousands (3,000), Markdown images (![…]) and HTML
    entities (&nbsp;) are left alone; callers protect outline numbering, URLs and code."""
    edits = []
    for m in _MARK_RE.finditer(text):
        mark, (start, end) = m.group(1), m.span()
        before = text[start - 1] if start > 0 else ""
        after = text[end] if end < len(text) else ""
        if mark == ".":
            mark_start, mark_end = m.span(1)
            if _sentence_full_stop(text, mark_start, mark_end, after):
                edits.append((mark_start, mark_end, "。"))
            continue
        chinese = is_chinese_context(before) if mark in "!?" else (
            is_chinese_context(before) or is_chinese_context(after))
        if not chinese or _left_alone(text, mark, start, end):
            continue
        edits.append((start, end, FULL_WIDTH[mark]))
    return edits


def _sentence_full_stop(text: str, start: int, end: int, after: str) -> bool:
    previous = text[start - 1] if start > 0 else ""
    following = text[end] if end < len(text) else ""
    return is_cjk(previous) and following != "." and (after in ("", "\n", "“") or is_cjk(after))


_ENTITY_RE = fastre.lazy(r"&#?\w+$")


# The ratio a name ratio stands for: 图文:视频 = 1:3, 男女比例为 3:2.
_RATIO_AFTER_RE = fastre.lazy(r"[^，。；,;\n]{0,12}?(?:[=＝]|为|是)\s*\d+(?:\.\d+)?\s*[:：]\s*\d")


def _left_alone(text: str, mark: str, start: int, end: int) -> bool:
    if mark in ",:" and _digit_on_both_sides(text, start, end):
        return True  # 3,000 and 10:30
    if mark == ":" and _RATIO_AFTER_RE.match(text, end):
        return True  # 图文:视频 = 1:3 names a ratio, it introduces nothing
    if mark == "!" and text.startswith("[", end):
        return True  # Markdown ![image](…)
    return mark == ";" and _ENTITY_RE.search(text[:start]) is not None  # HTML entity &nbsp;


def _digit_on_both_sides(text: str, start: int, end: int) -> bool:
    return start > 0 and text[start - 1].isdigit() and end < len(text) and text[end].isdigit()


# ---------------------------------------------------------------------------------------------
# Clauses and items.

_CLAUSE_RE = fastre.compile(r"[^，,；;。！!？?\n：:]+")
_THOUSANDS_RE = fastre.lazy(r"(?<=\d),(?=\d{3})")


def clauses(text: str, offset: int = 0) -> Iterator[tuple[int, int, str]]:
    """Clauses (between ，；。！？ and line breaks) as (start, end, text); a thousands separator
    (3,000) does not split."""
    protected = _THOUSANDS_RE.sub("\x00", text) if "," in text else text
    for m in _CLAUSE_RE.finditer(protected):
        start, end = m.span()
        while start < end and text[start] in " \t\u3000":
            start += 1
        if end > start:
            yield offset + start, offset + end, text[start:end]


def clause_at(text: str, pos: int) -> tuple[int, int]:
    """Start and end of the clause of text holding position pos."""
    for start, end, _ in clauses(text):
        if start <= pos < end:
            return start, end
    return pos, pos


LEAD_IN_RE = fastre.compile(r"[:：]\s*$")


def is_lead_in(text: str) -> bool:
    """A line that only announces what follows: 规划如下： / 深化数据驱动，赋能精细化运营："""
    return LEAD_IN_RE.search(text) is not None


class Item:
    """One point of a section as a reader sees it: a list item or run-in bullet with its label, or
    a paragraph. `label` is the run-in heading (核心目标一, 数据分析深度不足) when there is one."""

    __slots__ = ("block", "end", "label", "section", "start", "text")

    def __init__(self, start: int, end: int, text: str, label: str, section: Section, block: Block) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.label = label
        self.section = section
        self.block = block

    def __repr__(self) -> str:
        return f"Item({self.start}, {self.end}, {self.text!r}, {self.label!r})"

    @property
    def full_text(self) -> str:
        return f"{self.label}：{self.text}" if self.label else self.text


_RUNIN_STYLES = {"runin", "runin-bullet"}


def items(section: Section) -> Iterator[Item]:
    """The items of a section and its descendants, in document order; not those under a heading that
    names something else (填写说明, 附件, 心得体会 under a plan)."""
    stack = [section]
    while stack:
        sec = stack.pop()
        stack.extend(reversed([c for c in sec.children if not (c.kind == "other" and c.kind_source == "heading")]))
        label = sec.title if sec.style in _RUNIN_STYLES else ""
        for i, block in enumerate(sec.blocks):
            yield Item(block.start, block.end, block.text, label if i == 0 else "", sec, block)


def table_rows(cells: list[Block]) -> Iterator[tuple[list[str], list[Block]]]:
    """The data rows of the table(s) these cells belong to (Markdown or Word), each with the names of its
    cells' columns. The first row of a table of two columns or more is its header, named and not
    yielded; a one-column table (a boxed paragraph in Word) is all data."""
    tables: dict[int, dict[int, list[Block]]] = {}
    for n, cell in enumerate(cells):
        table, row_number, _ = cell.cell or (-1 - n, 0, 0)  # a cell of no known table: a row of its own
        tables.setdefault(table, {}).setdefault(row_number, []).append(cell)
    for rows in tables.values():
        columns = {cell.cell[2] for row in rows.values() for cell in row if cell.cell}
        header: dict[int, str] = {}
        if 0 in rows and len(columns) >= 2:
            for cell in rows.pop(0):
                header[cell.cell[2] if cell.cell else 0] = cell.text.strip()
        for row in rows.values():
            yield [header.get(cell.cell[2], "") if cell.cell else "" for cell in row], row


def row_text(names: list[str], values: list[str]) -> str:
    """A table row as one item: 事项：Redis 扩容；截止：3/20；验收标准：CPU < 60%."""
    return "；".join(f"{name}：{value}" if name else value for name, value in zip(names, values, strict=True))


# 一是…；二是…；三是…: the enumeration of official prose, one point per 是 (not 统一是, 唯一是).
_ENUMERATOR_RE = fastre.compile(r"(?:^|(?<=[；;。，,：:\s]))[一二三四五六七八九十]是")


def enumerated_parts(text: str) -> list[tuple[int, int]]:
    """Spans of the points of an enumerated paragraph (一是…；二是…), or the whole text when it has
    fewer than two such points. Text before 一是 (存在的不足主要有：) is a lead-in, not a point."""
    if "二是" not in text:
        return [(0, len(text))]
    starts = [m.start() for m in _ENUMERATOR_RE.finditer(text)]
    if len(starts) < 2 or "。" in text[:starts[0]] or starts[0] > 40:
        return [(0, len(text))]  # 一是…二是… inside a point (主要原因有两个：一是…) is that point's detail
    stop = text.find("。", starts[-1])  # the last point ends with its sentence: 这些问题，我将…改进 is no point
    ends = [*starts[1:], len(text) if stop < 0 else stop + 1]
    return [(a, len(text[a:b].rstrip(" \t\u3000；;，,。\n")) + a) for a, b in zip(starts, ends, strict=True)]


def enumerated_items(section: Section) -> Iterator[Item]:
    """items(section), with each enumerated paragraph split into its points (一是…；二是…)."""
    for item in items(section):
        parts = enumerated_parts(item.text)
        if len(parts) == 1:
            yield item
            continue
        for i, (a, b) in enumerate(parts):
            yield Item(item.start + a, item.start + b, item.text[a:b], item.label if i == 0 else "",
                       item.section, item.block)


def doc_sections(doc: Document) -> list[Section]:
    """list(doc.sections()), built once per document: the rules walk the section tree ~20 times."""
    store = doc.__dict__.setdefault("_summarylint_text", {})
    found: list[Section] | None = store.get("sections")
    if found is None:
        found = store["sections"] = list(doc.sections())
    return found


def unit_sections(unit: Section, kind: str) -> list[Section]:
    """Top-most sections of a kind inside one summary (children of a match are not repeated)."""
    found: list[Section] = []

    def visit(section: Section) -> None:
        for child in section.children:
            if child.kind == kind:
                found.append(child)
            else:
                visit(child)

    visit(unit)
    return found


def unit_of(doc: Document, section: Section) -> Section:
    units = doc.units()
    node: Section | None = section
    while node is not None:
        if node in units:
            return node
        node = node.parent
    return doc.root


def heading_section(section: Section) -> Section:
    """The nearest section (itself or an ancestor) whose kind came from its own heading."""
    node: Section | None = section
    while node is not None:
        if node.kind_source == "heading" and node.title:
            return node
        node = node.parent
    return section


# ---------------------------------------------------------------------------------------------
# Genre.

def is_weekly(doc: Document, ctx: RuleContext, unit: Section | None = None) -> bool:
    if ctx.profile is not None:
        return ctx.profile == "weekly"
    titles = [doc.title or "", unit.title if unit is not None else ""]
    if not doc.title:
        titles.append(doc.text[:80].split("\n", 1)[0])
    return any("周报" in title for title in titles)


# ---------------------------------------------------------------------------------------------
# Content words: for rules that link two passages (a problem and the plan item that answers it).
#
# The words come from two files in jieba's dictionary format: rules/jieba_dict_small.txt (the ~8k
# most frequent nouns of jieba's own dict.txt, frequency >= 200) and rules/jieba_userdict.txt (domain terms:
# DAU, 获客成本, 留存率…). A passage's content words are the dictionary words it contains.
#
# Why not segment with jieba: linking only asks "does the plan mention what the problem mentions?".
# Segmentation could only remove a link that substring matching finds (a word straddling a word
# boundary), i.e. turn silence into a finding — the costly direction for a precision-first rule —
# while `import jieba` plus building even a small Tokenizer costs 0.05-0.09 s on the seed (full
# jieba.initialize(): 0.7 s, 92 MB), against a 0.35 s budget for the whole cold check. Reading the
# word lists costs about 0.01 s. bench/bench_startup_jieba.py has the measurements.

_CONTENT_TAGS = {"n", "nz", "vn", "an", "j", "eng", "nt"}  # nouns; verbs link everything to everything


@cache
def _vocabulary() -> tuple[frozenset[str], range]:
    """Content words from the two dictionary files (lines: word frequency tag), and their lengths."""
    # The small dictionary holds only content tags and no comments: one split() reads it (~3x
    # faster than line by line). The user dictionary is short and commented.
    tokens = (rules_dir() / "jieba_dict_small.txt").read_text(encoding="utf-8").split()
    words = set(tokens[0::3])
    for line in (rules_dir() / "jieba_userdict.txt").read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 3 and not line.startswith("#") and parts[2] in _CONTENT_TAGS:
            words.add(parts[0])
    return frozenset(words), range(min(map(len, words)), max(map(len, words)) + 1)


_LATIN_TERM_RE = fastre.compile(r"[A-Za-z][A-Za-z0-9]+")


def content_words(text: str) -> set[str]:
    """Content words (nouns, verbal nouns, Latin terms like DAU or SOP) occurring in a passage,
    minus words too generic to link two passages (工作, 用户, 提升, 建立…)."""
    return set(_content_words(text))


# A thing the writer names in brackets or quotes — （可降解包装袋）, “隐私清单”, 《考勤管理办法》: no dictionary
# knows it, yet a plan item that repeats it answers the problem that named it.
_NAMED_TERM_RE = fastre.compile(r"[（(“《]([^）)”》，,。；;\s]{2,12})[）)”》]")


def named_terms(text: str) -> set[str]:
    return {m.group(1) for m in _NAMED_TERM_RE.finditer(text) if count_cjk(m.group(1)) >= 2}


# Characters that make a two-character run grammar, not a name: 较多, 不够, 的人, 偏低…
_FUNCTION_CHARS = frozenset("的了较多少不是在和与及等有无偏高低很太更最未没也都还所被把对为之其")


def name_bigrams(title: str) -> set[str]:
    """Two-character runs of a short heading that names a problem (夜班交接差错较多 → 夜班, 班交, 交接,
    接差, 差错): the words a remedy repeats when the noun list does not know them (夜班, 交接). None
    for a heading that names a part (存在的问题, 下一步计划): F003 and the score read them alike."""
    if not title or kind_of_heading(title) is not None:
        return set()
    generic = set(lexicon("reflection")["generic_nouns"])
    text = "".join(CJK_RE.findall(title))
    pairs = {text[i:i + 2] for i in range(len(text) - 1)}
    return {p for p in pairs if is_cjk(p[0]) and is_cjk(p[1]) and not _FUNCTION_CHARS.intersection(p)
            and p not in generic}


@lru_cache(maxsize=4096)
def _content_words(text: str) -> frozenset[str]:
    vocabulary, lengths = _vocabulary()
    generic = set(lexicon("reflection")["generic_nouns"])
    found = {m.group().upper() for m in _LATIN_TERM_RE.finditer(text)}
    for length in lengths:  # every substring of a word's length: Latin or punctuation never matches
        found.update(text[i:i + length] for i in range(len(text) - length + 1) if text[i:i + length] in vocabulary)
    return frozenset(word for word in found if word not in generic)
