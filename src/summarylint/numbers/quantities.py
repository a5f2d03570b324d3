"""Quantities in Chinese work summaries: every figure with its value, unit, precision and source span.

    >>> [(q.text, q.value, q.unit) for q in extract_quantities("留存率从20%提升至25%，新增1.5万人")]
    [('20%', 20.0, '%'), ('25%', 25.0, '%'), ('1.5万人', 15000.0, '人')]

What counts as a quantity (rule catalogue §0.2):

- Arabic numbers with thousands separators and decimals (``3,905``, ``0.21``), full-width digits
  (``１２％``), a sign when glued to the number (``−35%``);
- Chinese numerals with a measure word (``三个百分点``, ``两倍``, ``一千二百人``), bare large
  ones (``十二万``), ``百分之二十`` and ``六成``;
- magnitudes 千/万/亿 (``1.5万``, ``3千万``) folded into the value, units normalised to a
  canonical unit (``万元`` → ``元``, ``分钟`` → seconds, ``‰`` → ``%``, ``个百分点`` → ``pp``);
- ranges (``10–20%``, ``10%至15%``: ``value`` is the low end, ``high`` the high end) and hedges
  (约, 近, 超过, 逾, 左右, 以上, 300多人: ``approx``).

What does not: dates (``2024年3月``, ``11月18日``), times (``16点``, ``9:30``), phone numbers and
long ids, versions (``v2.3.1``), ids (``PR #1234``, ``INV-3318``, ``p99``, ``Q3``), ordinals
(``第3季度``, ``第一``, ``一是``, outline numbers ``1.`` and ``（2）``), names with digits inside
quotes or titles (``“云帆2030”计划``, ``《…》``), bare years, and anything glued to a placeholder
(``XX%``, ``xx7.2%``, ``20XX年``).

The work is done by one precompiled regex whose first alternatives swallow the non-quantities,
so a single left-to-right scan finds the rest (well over 1 M characters/s). cn2an is imported
only when a Chinese numeral above 99 is met (importing it costs ~0.25 s of start-up).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .. import fastre
from ..numerals import chinese_ordinal

# Raw unit → (canonical unit, factor to the canonical unit). Longest spellings are tried first.
_UNIT_TABLE: dict[str, tuple[str, float]] = {
    # ratios
    "%": ("%", 1.0), "‰": ("%", 0.1), "个百分点": ("pp", 1.0), "百分点": ("pp", 1.0),
    "个基点": ("pp", 0.01), "基点": ("pp", 0.01), "倍": ("倍", 1.0),
    # money
    "元": ("元", 1.0), "块钱": ("元", 1.0), "块": ("元", 1.0), "美元": ("美元", 1.0), "港元": ("港元", 1.0),
    "欧元": ("欧元", 1.0),
    # people
    "人次": ("人次", 1.0), "人": ("人", 1.0), "名": ("人", 1.0), "位": ("人", 1.0), "户": ("户", 1.0),
    # time
    "毫秒": ("s", 0.001), "秒钟": ("s", 1.0), "秒": ("s", 1.0), "分钟": ("s", 60.0), "小时": ("s", 3600.0),
    "个小时": ("s", 3600.0), "天": ("s", 86400.0), "个自然日": ("s", 86400.0), "周": ("s", 604800.0),
    "个星期": ("s", 604800.0), "个月": ("个月", 1.0), "个季度": ("个季度", 1.0),
    "个工作日": ("工作日", 1.0), "工作日": ("工作日", 1.0), "学时": ("学时", 1.0), "课时": ("学时", 1.0),
    # length, area, weight
    "公里": ("m", 1000.0), "米": ("m", 1.0), "厘米": ("m", 0.01), "毫米": ("m", 0.001),
    "平方米": ("m²", 1.0), "平米": ("m²", 1.0), "㎡": ("m²", 1.0), "亩": ("亩", 1.0),
    "吨": ("kg", 1000.0), "公斤": ("kg", 1.0), "克": ("kg", 0.001), "斤": ("kg", 0.5),
    # Latin units (checked separately: they may follow one space and must not run into a word)
    "pp": ("pp", 1.0), "pct": ("pp", 1.0), "bp": ("pp", 0.01), "bps": ("pp", 0.01),
    "ms": ("s", 0.001), "s": ("s", 1.0), "min": ("s", 60.0), "h": ("s", 3600.0),
    "km": ("m", 1000.0), "kg": ("kg", 1.0), "KB": ("B", 1e3), "MB": ("B", 1e6), "GB": ("B", 1e9),
    "TB": ("B", 1e12), "TPS": ("TPS", 1.0), "QPS": ("QPS", 1.0), "PV": ("PV", 1.0), "UV": ("UV", 1.0),
}
# Measure words of countable things: each is its own canonical unit.
_COUNT_WORDS = "个次单家条笔件项篇场台张份套款组期通所座辆箱批行页起例轮处节间层段字支盒瓶包袋岁"
for _word in _COUNT_WORDS:
    _UNIT_TABLE.setdefault(_word, (_word, 1.0))
_UNIT_TABLE["分"] = ("分", 1.0)  # a score (88分); 分钟 is tried first

_LATIN_UNITS = ("bps", "pct", "pp", "bp", "ms", "min", "km", "kg", "KB", "MB", "GB", "TB", "TPS", "QPS", "PV",
                "UV", "s", "h")
_CJK_UNITS = sorted((u for u in _UNIT_TABLE if u not in _LATIN_UNITS), key=len, reverse=True)
# Chinese numerals take a narrower set: 十分 (very), 一成不变, 一点 are words, not quantities.
_CN_UNITS = [u for u in _CJK_UNITS if u not in ("分", "起", "%", "‰", "㎡")]
_PER = r"(?:/(?:人|单|天|月|年|次|件|个|小时|吨|kg|平方米|㎡))?"  # 元/人, 元/单

_MAGNITUDES = {"千": 1e3, "万": 1e4, "十万": 1e5, "百万": 1e6, "千万": 1e7, "亿": 1e8, "十亿": 1e9,
               "百亿": 1e10, "千亿": 1e11, "万亿": 1e12}
_MAG = r"(?:万亿|千亿|百亿|十亿|千万|百万|十万|亿|万|千)"
# 约 and 近 only as words of their own: 签约40家 is a contract, 最近3个月 a period.
_APPROX_PRE = (r"(?:大约|大概|将近|接近|超过|不少于|不低于|不超过|不高于|不足|不到|至少|最多"
               r"|(?<![签合预节制邀违履特公条相解续践爽赴])约|(?<![最附临靠亲])近|超|逾)")
_APPROX_POST = r"(?:左右|上下|以上|以下|以内|之内|开外|出头)"
_AR = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_CN_DIGIT = "零〇一二两三四五六七八九十"
_CN = rf"[{_CN_DIGIT}][{_CN_DIGIT}百千万亿]*(?:点[{_CN_DIGIT}]+)?"


def _alt(words: list[str] | tuple[str, ...]) -> str:
    return "|".join(map(re.escape, words))


def _units_re(units: list[str]) -> str:
    """Multi-character units first (个百分点 before 个, 分钟 before 分), then one character class:
    far cheaper to compile than one alternative per unit (start-up time matters)."""
    multi = [u for u in units if len(u) > 1]
    single = "".join(re.escape(u) for u in units if len(u) == 1)
    # 周 is a week, but not in 周报 / 周刊 / 周会 / 周年 (2024 周报模板 is no duration)
    return rf"(?:{_alt(multi)}|[{single}])(?!(?<=周)(?:报|刊|会|年)){_PER}"


_UNITS_RE = _units_re(_CJK_UNITS)
_CN_UNITS_RE = _units_re(_CN_UNITS)
_LATIN_RE = rf"(?:{_alt(_LATIN_UNITS)})(?![A-Za-z])"
# Things that look like numbers but are not quantities, tried first at a numeral. Non-Latin
# characters are written as alternatives, not classes: a class holding one costs ~0.3 ms to
# compile (re builds a 64K-entry map), and start-up time matters. Names in quotes and titles are
# masked before (_QUOTED_RE); bare years and "Windows 11" are dropped in _arabic.
# No token runs over a line break (\s in the patterns below means _LINE_SPACE): in a Word table each cell
# is a line, and 0.5万 above -5% are two cells, not a range.
_LINE_SPACE = r"[^\S\r\n]"
_SKIP = "|".join([
    r"(?<![A-Za-z])[Xx]{2,}[\d.,]*",  # placeholder glued to digits: xx7.2%
    r"\d+(?:[Xx]+|×+|＊+|\*{2,})",  # 20XX年, 20××年
    r"(?<![\d.,])\d{4}\s*(?:[-/.]|年)\s*\d{1,2}\s*(?:[-/.]|月)\s*\d{1,2}\s*(?:日|号)?",  # full dates
    r"(?<![\d.,])\d{4}\s*年|(?<![\d.,])\d{4}[-/]\d{1,2}(?![\d.])",  # years, year-months
    r"(?<![\d.,])\d{1,2}\s*月(?:份)?(?:\s*\d{1,2}\s*(?:日|号))?",  # months, month-days
    r"(?<![\d.,])\d{1,2}\s*(?:日|号)(?!元)",  # days
    r"(?<![\d.,])\d+(?:\.\d+)?\s*(?::|：)\s*\d+(?:\.\d+)?(?:\s*(?::|：)\s*\d{2})?",  # times 9:30, 1:3
    r"(?<![\d.,])\d{1,2}\s*点(?:\s*\d{1,2}\s*分|半|钟)?(?!击|赞)"
    r"|(?<![\d.,])\d{1,2}时(?!间|长|效|段|代|期)",
    r"(?<![\d.,])\d{7,}(?![\d.])",  # phone numbers, order numbers, long ids
    r"(?<![\d.,])0\d{2,3}-\d{7,8}|(?<![\d.,])400-?\d{3}-?\d{4}",  # landlines, hotlines
    r"(?<![\d.,])\d+(?:\.\d+){2,}",  # versions 2.3.1
    r"\#\s*\d+",  # PR #1234 (escaped: the pattern is compiled VERBOSE)
    rf"[A-Za-z]+[-_#.]?\d+(?:[.\-_]\d+)*(?![\d.,]*(?:[万亿%元]|{_MAG}))",  # ids: p99, INV-3318, v2, Q3
    r"[A-Za-z]\s*(?:[=<>]|≤|≥)\s*\d+(?:\.\d+)?",  # p=0.01
    rf"(?<![\d.,])\d+(?:\.\d+)?(?!\s?{_LATIN_RE})[A-Za-z]+",  # 5G, 3D, 4K
    r"第\s*\d+(?:\.\d+)?",  # ordinals: 第3季度
    r"(?<=双)1[12](?!\d)|(?<![\d.,])618(?=大促|期间|活动|当天|年中|购物节)",  # shopping festivals: 双11, 618期间
    r"(?m:^)(?:[ \t>#*+\-·]|\u3000|•)*\d{1,2}(?:\.\d{1,2})*(?:[.)]|、|）)(?!\d)",  # outline: 1. 2、 3)
    r"(?m:^)(?:[ \t>#*+\-·]|\u3000|•)*\d{1,2}(?:\.\d{1,2})+(?=[ \t]|\u3000)",  # 1.2 小节
    r"(?:（|\()\d{1,2}(?:\)|）)",  # （1）
]).replace(r"\s", _LINE_SPACE)

# One space may stand between a hedge, the number, its magnitude and its unit (超 90 天, 138 万元):
# many writers put a space between digits and Chinese characters.
_ARABIC = rf"""
    (?:(?P<pre>{_APPROX_PRE})[\x20]?)?
    (?P<sign>(?<![\w.])(?:[-+]|−))?
    (?<![\d.,])(?P<n>{_AR})
    (?!\s*(?:年|月|日|号|:|：|点(?!击|赞)|时(?!间|长|效|段|代)))
    (?:[\x20]?(?P<m>{_MAG}))?
    (?:(?P<u1>%|‰|元|人|天|个|次|件|家)?\s*(?P<dash>[-~]|–|—|～|至|到)\s*(?P<n2>{_AR})(?:[\x20]?(?P<m2>{_MAG}))?)?
    (?P<more>多|余)?
    (?:[\x20]?(?P<u>%|‰|{_UNITS_RE})|\s?(?P<lu>{_LATIN_RE}))?
    (?P<post>{_APPROX_POST})?
""".replace(r"\s", _LINE_SPACE)
_CHINESE = rf"""
    (?P<cpre>{_APPROX_PRE})?
    (?<![第周期初双之唯统其逐{_CN_DIGIT}百千万亿])
    (?P<cn>{_CN})
    (?:(?:(?P<cdash>至|到)(?P<cn2>{_CN}))?(?P<cmore>多|余)?(?P<cu>{_CN_UNITS_RE})|(?<=[百千万亿]))
    (?P<cpost>{_APPROX_POST})?
"""
_PERCENT_WORDS = rf"(?P<cpre2>{_APPROX_PRE})?百分之(?P<pct>[{_CN_DIGIT}百点]+)(?P<cpost2>{_APPROX_POST})?"
_TENTHS = (rf"(?P<cpre3>{_APPROX_PRE})?(?<![{_CN_DIGIT}百千万])(?P<tenths>[二两三四五六七八九])成"
           r"(?![为了功果本员绩立长熟交型品效就])(?P<cpost3>多|左右|以上|以下)?")

_TOKEN_RE = fastre.compile(
    rf"(?P<skip>{_SKIP})|(?P<arabic>{_ARABIC})|(?P<chinese>{_CHINESE})|(?P<words>{_PERCENT_WORDS})"
    rf"|(?P<cheng>{_TENTHS})",
    re.VERBOSE,
)

_UNIT_FIRST_CHARS = "".join(sorted({u[0] for u in _CJK_UNITS} | set("万亿千十百")))
# Where a token may be: digit runs, and Chinese numerals only where a unit, magnitude or 成 follows
# (一是, 一些, 统一 are skipped without a look) — or 百分之.
_ANCHOR_RE = fastre.compile(
    rf"[0-9]+|[{_CN_DIGIT}][{_CN_DIGIT}百千万亿点]*(?=[{re.escape(_UNIT_FIRST_CHARS)}成多余至到])"
    rf"|[{_CN_DIGIT}][{_CN_DIGIT}百千万亿]*[百千万亿]|百分之")
_QUOTED_RE = fastre.compile(r"“[^”\n]{0,24}”|「[^」\n]{0,24}」|『[^』\n]{0,24}』|《[^》\n]{0,40}》|【[^】\n]{0,40}】"
                        r'|"[^"\s，。；,;]{1,20}"|https?://[^\s，。；）)】]+|www\.[^\s，。；）)】]+')
# What may stand right before a numeral and belong to its token: a hedge word, a sign, 第, #, a
# Latin id (p99, INV-3318, Windows 11), a comparison (p=0.01), an opening bracket (（1）).
_PREFIX_RE = fastre.compile(rf"(?:{_APPROX_PRE}\x20?|[-+]|−|第\s*|\#\s*|[A-Za-z]+[-_#.]?"
                        r"|[A-Za-z]\s*(?:[=<>]|≤|≥)\s*|（|\()$")
_PREFIX_ENDS = frozenset("约近超过逾于足到少多概接第#-−+（(=<>≤≥ \t_.") | frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_LINE_PREFIX_CHARS = frozenset(" \t\u3000>#*+-•·")
_LINE_PREFIX_RE = fastre.compile(r"[ \t\u3000>#*+\-•·]*")

# Full-width digits and signs, mapped one code point to one so offsets stay put.
_FULLWIDTH = str.maketrans("０１２３４５６７８９．％，＋－", "0123456789.%,+-")
_FULLWIDTH_RE = fastre.compile("[０-９．％＋－]")

PLACEHOLDER_RE = fastre.compile(
    r"(?<![A-Za-z])(?:X{2,}|x{2,})(?![A-Za-z])|(?<![A-Za-z0-9])[Xx](?=[%％万元个人次倍天位家条项篇件]|\.\d)"
    r"|×{2,}|＊{2,}|○{2,}|□{2,}|_{2,}|＿{2,}|某某|待补充|待填写|TODO|TBD|\{\{"
    r"|【[^】\n]*(?:填写|补充|输入|此处)[^】\n]*】|\[[^\]\n]*(?:填写|补充|输入|具体|此处)[^\]\n]*\]"
)


@dataclass(slots=True)
class Quantity:
    """One figure. Offsets are code points into the text given (plus its base offset).

    Treat it as immutable (it is not frozen only because frozen dataclasses are 5x slower to
    build, and a 1 MB text holds some 30,000 figures).

    ``value`` is in the canonical ``unit`` (``1.5万元`` → 15000.0 元); ``raw_unit`` is the unit as
    written with its magnitude (``万元``); ``decimals`` and ``scale`` give the written precision;
    ``unit_start`` is where the written unit begins (for fixes that replace only the unit).
    """

    start: int
    end: int
    text: str
    value: float
    unit: str = ""
    raw_unit: str = ""
    decimals: int = 0
    scale: float = 1.0
    high: float | None = None
    approx: str = ""
    spelled: bool = False
    unit_start: int = -1

    @property
    def is_range(self) -> bool:
        return self.high is not None

    @property
    def is_exact(self) -> bool:
        """A single figure stated without a hedge: fit for arithmetic checks."""
        return self.high is None and not self.approx

    @property
    def precision(self) -> float:
        """Half a unit of the last written digit, in canonical units: the rounding it may hide."""
        return 0.5 * 10.0 ** -self.decimals * self.scale

    @property
    def figure(self) -> str:
        """The written figure without hedge words (``约1.5万人`` → ``1.5万人``), for messages."""
        text = self.text
        for word in _HEDGE_WORDS:
            if text.startswith(word):
                text = text[len(word):].lstrip(" ")
                break
        for word in _POST_WORDS:
            if text.endswith(word):
                return text[: -len(word)]
        return text


_HEDGE_WORDS = ("不少于", "不低于", "不超过", "不高于", "大约", "大概", "将近", "接近", "超过", "不足", "不到", "至少",
                "最多", "约", "近", "超", "逾")
_POST_WORDS = ("左右", "上下", "以上", "以下", "以内", "之内", "开外", "出头")


# Every placeholder contains one of these: a cheap test before the slow pattern above.
_PLACEHOLDER_CHARS_RE = fastre.compile(r"[Xx×＊○□_＿某待TO{【\[]")


def has_placeholder(text: str) -> bool:
    """Whether text holds a template slot (XX, ××, 某某, ___, 【请填写…】, TODO…)."""
    return _PLACEHOLDER_CHARS_RE.search(text) is not None and PLACEHOLDER_RE.search(text) is not None


def extract_quantities(text: str, base: int = 0) -> list[Quantity]:
    """Every quantity in text, in order; offsets are ``base`` + code-point offsets into text."""
    scan = text.translate(_FULLWIDTH) if _FULLWIDTH_RE.search(text) else text
    quoted = [m.span() for m in _QUOTED_RE.finditer(scan)]
    next_quote = 0
    found: list[Quantity] = []
    pos = 0
    # Visit only the digit runs and Chinese numeral runs (a fast C scan), and run the full token
    # pattern just there: trying it at every position of the text is 3x slower.
    for anchor in _ANCHOR_RE.finditer(scan):
        at = anchor.start()
        if at < pos:
            continue
        while next_quote < len(quoted) and quoted[next_quote][1] <= at:
            next_quote += 1
        if next_quote < len(quoted) and quoted[next_quote][0] <= at:
            pos = quoted[next_quote][1]  # a name or title in quotes: “云帆2030”计划
            continue
        m = _match_token(scan, at, pos)
        if m is None:
            continue
        pos = m.end()
        kind = m.lastgroup
        if kind == "skip":
            continue
        if kind == "arabic":
            found.extend(_arabic(m, text, scan, base))
        else:
            quantity = _chinese(m, text, kind, base)
            if quantity is not None:
                found.append(quantity)
    return found


def _match_token(text: str, at: int, floor: int) -> re.Match[str] | None:
    """The token covering the numeral at ``at``, starting where its prefix starts (约, 第, p, #, 1.)."""
    start = at
    if at > floor and text[at - 1] in _PREFIX_ENDS:
        back = _PREFIX_RE.search(text, max(floor, at - 12), at)
        if back is not None:
            start = back.start()
    if start == at and at > floor and text[at - 1] in _LINE_PREFIX_CHARS:
        line_start = text.rfind("\n", 0, at) + 1
        if line_start >= floor and _LINE_PREFIX_RE.fullmatch(text, line_start, at):
            start = line_start  # outline numbering: "  - 1." at the start of a line
    m = _TOKEN_RE.match(text, start)
    if (m is None or m.end() <= at) and start != at:
        m = _TOKEN_RE.match(text, at)
    return m if m is not None and m.end() > at else None


def _number(digits: str) -> tuple[float, int]:
    """Value and decimals of an Arabic number as written (3,905.5 → 3905.5, 1)."""
    point = digits.find(".")
    decimals = len(digits) - point - 1 if point >= 0 else 0
    return float(digits.replace(",", "")), decimals


def _unit(raw: str) -> tuple[str, float]:
    base, _, per = raw.partition("/")
    canonical, factor = _UNIT_TABLE.get(base, (base, 1.0))
    return (f"{canonical}/{per}" if per else canonical), factor


def _arabic(m: re.Match[str], source: str, text: str, base: int) -> list[Quantity]:
    """Build the quantity from a match on ``text`` (``source`` with full-width digits mapped)."""
    pre, sign, n, mag, u1, dash, n2, mag2, more, unit, latin, post = m.group(
        "pre", "sign", "n", "m", "u1", "dash", "n2", "m2", "more", "u", "lu", "post")
    start, end = m.span()
    if dash in ("至", "到") and start > 0 and text[start - 1] in "从由":
        return _split_from_to(m, source, base)  # 从20%到25% is a change, not a range
    value, decimals = _number(n)
    raw_unit = unit or latin or u1 or ""
    if not (raw_unit or mag or n2 or pre or more or post or sign) and _is_name_or_year(source, start, n):
        return []
    canonical, factor = _unit(raw_unit)
    magnitude = _MAGNITUDES[mag] if mag else 1.0
    high = None
    if n2 is not None:
        high_value, high_decimals = _number(n2)
        high_magnitude = _MAGNITUDES[mag2] if mag2 else magnitude
        if not mag and mag2:
            magnitude = high_magnitude  # 1.5-2万 → both in 万
        high = high_value * high_magnitude * factor
        decimals = max(decimals, high_decimals)
    if sign in ("-", "−"):
        value = -value
    unit_group = "u" if unit else "lu" if latin else "u1" if u1 else None
    return [Quantity(
        start=base + start, end=base + end, text=source[start:end], value=value * magnitude * factor,
        unit=canonical, raw_unit=(mag or mag2 or "") + raw_unit, decimals=decimals, scale=magnitude * factor,
        high=high, approx=pre or more or post or "", unit_start=base + m.start(unit_group) if unit_group else -1,
    )]


_LATIN_WORD_BEFORE_RE = fastre.compile(r"[A-Za-z]{2,}[ \t]$")


def _is_name_or_year(source: str, start: int, digits: str) -> bool:
    """A bare number that is a year or part of a name: 云帆2030, 2024 (no 年), Windows 11."""
    if len(digits) == 4 and digits.isdigit() and digits[:2] in ("19", "20"):  # not 19.8
        return True
    return _LATIN_WORD_BEFORE_RE.search(source, max(0, start - 24), start) is not None


def _split_from_to(m: re.Match[str], text: str, base: int) -> list[Quantity]:
    """从20%到25%: two quantities, the first taking the second's unit when it has none."""
    first_end = m.end("u1") if m.group("u1") else m.end("m") if m.group("m") else m.end("n")
    second_start = m.start("n2")
    parts = [q for q in extract_quantities(text[m.start():first_end], base + m.start())]
    parts += [q for q in extract_quantities(text[second_start:m.end()], base + second_start)]
    return parts


def _chinese(m: re.Match[str], source: str, kind: str | None, base: int) -> Quantity | None:
    start, end = m.span()
    if kind == "words":  # 百分之二十
        value = chinese_number(m.group("pct"))
        unit, raw_unit, scale, approx = "%", "%", 1.0, m.group("cpre2") or m.group("cpost2") or ""
        high = None
    elif kind == "cheng":  # 六成 = 60%
        value = chinese_number(m.group("tenths"))
        unit, raw_unit, scale, approx = "%", "成", 10.0, m.group("cpre3") or m.group("cpost3") or ""
        high = None
        value = None if value is None else value * 10
    else:
        token, raw_unit = m.group("cn"), m.group("cu") or ""
        value = chinese_number(token)
        unit, factor = _unit(raw_unit)
        scale = factor * _trailing_magnitude(token)
        value = None if value is None else value * factor
        second = chinese_number(m.group("cn2")) if m.group("cn2") else None
        high = None if second is None else second * factor
        approx = m.group("cpre") or m.group("cmore") or m.group("cpost") or ""
    if value is None:
        return None
    unit_start = -1
    if kind == "chinese" and m.group("cu"):
        unit_start = base + m.start("cu")
    return Quantity(start=base + start, end=base + end, text=source[start:end], value=float(value), unit=unit,
                    raw_unit=raw_unit, decimals=0, scale=scale, high=high, approx=approx, spelled=True,
                    unit_start=unit_start)


def _trailing_magnitude(token: str) -> float:
    for char, magnitude in (("亿", 1e8), ("万", 1e4), ("千", 1e3), ("百", 1e2)):
        if token.endswith(char):
            return magnitude
    return 1.0


@lru_cache(maxsize=4096)
def chinese_number(token: str) -> float | None:
    """三 → 3, 十二 → 12, 三点五 → 3.5, 一千二百 → 1200, 十二万 → 120000; None when not a number.

    Up to 99 the tiny reader in summarylint.numerals does it; larger numbers go through cn2an,
    imported here and only here, the first time one is met.
    """
    whole, _, fraction = token.partition("点")
    if fraction:
        digits = [chinese_ordinal(c) for c in fraction]
        head = chinese_number(whole)
        if head is None or any(d is None or d > 9 for d in digits):
            return None
        return float(f"{int(head)}.{''.join(str(d) for d in digits)}")
    small = chinese_ordinal(whole)
    if small is not None:
        return float(small)
    if not any(c in whole for c in "十百千万亿"):
        return None  # 二〇二四, 一一: digit strings are years or codes, not amounts
    try:
        import cn2an  # deferred: ~0.25 s to import, needed only for numerals above 99
    except ImportError:  # not installed: the figure is left unread rather than failing the rule
        return None
    try:
        return float(cn2an.cn2an(whole, "normal"))
    except (ValueError, KeyError, IndexError, TypeError):
        return None
