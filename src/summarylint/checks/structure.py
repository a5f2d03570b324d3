"""Structure: missing, empty and thin sections, broken outline numbering, length, reporting period.

Everything is judged per unit (`doc.units()`): a file holding 篇一/篇二/篇三 is three summaries,
and the third one missing its reflection is not excused by the first one having it.

A section is *present* when it holds real content: sentences that are neither template
placeholders nor writing instructions (catalogue §0.1). Inline content counts too: two
sentences that name problems are a reflection even without a 存在的问题 heading.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from functools import cache, lru_cache
from itertools import pairwise
from typing import TypeVar, cast

from .. import fastre
from ..data import load_data
from ..diagnostics import Edit, Finding, Fix
from ..engine import RuleContext
from ..model import Block, Document, Section
from ..numerals import chinese_ordinal
from ..outline import SAMPLE_WORD
from ..registry import check
from ..text_utils import PLACEHOLDER_RE as SLOT_RE  # every slot (residue's PLACEHOLDER_RE: the short ones)
from ..text_utils import doc_sections, has_placeholder, row_text, table_rows
from .residue import INSTRUCTION_BRACKET_RE, INSTRUCTION_RE, PLACEHOLDER_RE, SITE_LINE_RE, residue_lines

T = TypeVar("T")
# Everything but Han characters, as categories: a [\u3400-\u9fff] range costs ~8 ms to compile at every
# start, this ~0.1 ms. (It keeps kana and other non-Latin letters, which Chinese summaries do not hold.)
_NOT_CJK_RE = fastre.compile(r"[\W\d_A-Za-z]+")
MIN_UNIT_CJK = 20  # below this a text is a snippet, not a summary: no section rules
MIN_SENTENCE_CJK = 4
DEFAULT_MIN_CHARS = 6  # CJK chars of real content that make a section present

KIND_NAMES = {
    "intro": {"zh": "开头概述", "en": "introduction"},
    "results": {"zh": "工作成果", "en": "results"},
    "reflection": {"zh": "问题与反思", "en": "problems and reflection"},
    "plan": {"zh": "下一步计划", "en": "plan"},
    "closing": {"zh": "结尾", "en": "closing"},
    "other": {"zh": "其他", "en": "other"},
}

RESULT_RE = fastre.lazy(r"完成|上线|交付|达成|实现|提升|提高|增长|新增|累计|降低|缩短|签约|通过|减少|突破|落地")
# Work done, even when vaguely worded: enough to say a results part exists (its quality is for other rules).
WORK_RE = fastre.lazy(r"\d|负责|主导|参与|协助|跟进|推进|组织|开展|处理|建立|搭建|策划|上新|降到|升到|提升|优化")
# Problem sentences (missing-reflection). 问题/流失/投诉 alone are too broad: "解决问题", "流失用户召回".
PROBLEM_RE = fastre.lazy(
    r"不足|差距|教训|未达|未完成|未能|没能|没有(?:完成|达到|做到)|不达标|滞后|延期|延误|失误|偏差|短板|欠缺|不够|有待"
    r"|遗憾|问题在于|存在.{0,8}问题|出现.{0,8}问题|暴露.{0,8}问题|遇到.{0,8}(?:问题|困难|阻力)|超支|返工|事故"
)
_SETBACKS = r"(?:返工|延期|延误|失误|偏差|事故|超支|投诉)"
NOT_PROBLEM_RE = fastre.lazy(
    r"改进不足|在.{0,6}不足|弥补.{0,6}(?:不足|短板|差距)|补齐.{0,4}短板"
    rf"|(?:减少|降低|避免|消除|杜绝|没有|无|未出现|未发生|没发生|零)[^，。,]{{0,6}}{_SETBACKS}"
    rf"|{_SETBACKS}[^，。,]{{0,6}}(?:减少|少了|降低|下降|消除|为零|清零)"
    # Finding and fixing problems is work done: 查找教与学中存在的问题，提出改进措施.
    r"|(?:查找|排查|查摆|梳理|分析|解决|整改|发现并?解决)[^，。,]{0,8}问题"
)
PLAN_CUE_RE = fastre.lazy(
    r"下一步|下阶段|下一阶段|下周|下月|下季度|下半年|明年|来年|新的一年|计划(?:于|在|将|下)|拟于|将于|力争"
    r"|\d{1,2}\s*月(?:底|中旬|上旬|下旬|\d{1,2}日)?前"
)
TOC_LINE_RE = fastre.compile(r"[ \t\u3000#*]*(?:目\s*录|CONTENTS|Contents)[ \t\u3000*]*[:：]?[ \t\u3000]*$")
WEEKLY_RE = fastre.lazy(r"周报|周总结|周工作|本周|第\s*\d+\s*周|第[一二三四五六七八九十]+周|周汇报")
MONTHLY_RE = fastre.lazy(r"月报|月度|本月|\d{1,2}\s*月份?(?:工作)?(?:总结|汇报|报告)")
ANNUAL_RE = fastre.lazy(r"述职|年终|年度|全年|(?:19|20)\d{2}\s*年(?:个人|部门|工作|度)?(?:工作)?(?:总结|报告)")
REVIEW_RE = fastre.lazy(r"复盘")


# --------------------------------------------------------------------------- shared helpers


@lru_cache(maxsize=16384)
def cjk_count(text: str) -> int:
    return len(_NOT_CJK_RE.sub("", text))  # removing the other runs is ~3x faster than findall


def unit_title(doc: Document, unit: Section) -> tuple[str, int, int] | None:
    """The unit's title and its span: a sample's heading, or the document title."""
    if unit.style == "sample":
        return unit.title, unit.title_start, unit.title_end
    if doc.title and doc.title_span and not SITE_LINE_RE.match(doc.title):  # not a breadcrumb taken for a title
        return doc.title, doc.title_span[0], doc.title_span[1]
    return None


def unit_anchor(doc: Document, unit: Section) -> tuple[int, int]:
    """Where a unit-level finding points: the unit's title, else its first line."""
    title = unit_title(doc, unit)
    if title:
        return title[1], title[2]
    first = next(iter(unit.all_blocks()), None)
    start = first.start if first else unit.start
    line_end = doc.line_span(start)[1]
    return start, max(start + 1, min(line_end, start + 30))


def unit_genre(doc: Document, unit: Section, ctx: RuleContext) -> str | None:
    """weekly | monthly | annual | review | None — from the profile, else the title and headings."""
    if ctx.profile in ("weekly", "annual"):
        return ctx.profile
    title = (unit_title(doc, unit) or ("", 0, 0))[0]
    headings = [s.title for s in unit.walk() if s is not unit]
    if WEEKLY_RE.search(title) or any(h.lstrip("#*- ").startswith(("本周", "下周")) for h in headings):
        return "weekly"
    if REVIEW_RE.search(title):
        return "review"
    if MONTHLY_RE.search(title):
        return "monthly"
    if ANNUAL_RE.search(title):
        return "annual"
    return None


@lru_cache(maxsize=16384)
def is_content(sentence: str) -> bool:
    """A sentence that says something: not a placeholder, not a note to the writer (cached: the
    section rules ask it of the same sentences)."""
    if INSTRUCTION_RE.search(sentence) or INSTRUCTION_BRACKET_RE.search(sentence):
        return False
    if PLACEHOLDER_RE.search(sentence):
        sentence = PLACEHOLDER_RE.sub("", sentence)
    return cjk_count(sentence) >= MIN_SENTENCE_CJK


@cache
def _heading_terms() -> tuple[tuple[str, tuple[str, ...]], ...]:
    kinds = load_data("sections.yaml")["kinds"]
    return tuple((kind, tuple(terms)) for kind, terms in kinds.items() if kind != "other")


_LABEL_PUNCTUATION = frozenset("，。,.；;！!？?：:、")


@lru_cache(maxsize=8192)
def bare_label_kind(text: str) -> str | None:
    """The kind of a short unpunctuated line such as `总结与展望` that works as a heading: one ending in a
    heading term (at its end, or before a final line break, as a regex `$` reads it)."""
    label = text.strip(" \t\u3000*#")
    if not 2 <= len(label) <= 12 or not _LABEL_PUNCTUATION.isdisjoint(label):
        return None
    tail = label[:-1] if label.endswith("\n") else None
    for kind, terms in _heading_terms():
        if label.endswith(terms) or (tail is not None and tail.endswith(terms)):
            return kind
    return None


def block_kinds(unit: Section) -> Iterator[tuple[Block, str]]:
    """Every block of the unit with the kind it belongs to (a bare label line sets the kind below it)."""
    for section in unit.walk():
        kind = section.kind
        for i, block in enumerate(section.blocks):
            label = bare_label_kind(block.text) if i + 1 < len(section.blocks) else None
            if label:
                kind = label
                continue
            yield block, kind


def content_by_kind(doc: Document, unit: Section) -> Counter[str]:
    """CJK characters of real content per section kind (computed once per unit)."""
    return memo(doc, f"content:{id(unit)}", lambda: _content_by_kind(unit))


def _content_by_kind(unit: Section) -> Counter[str]:
    counts: Counter[str] = Counter()
    cells: dict[str, list[Block]] = {}
    for block, kind in block_kinds(unit):
        if block.kind == "table_cell":
            cells.setdefault(kind, []).append(block)
            continue
        counts[kind] += sum(cjk_count(s.text) for s in block.sentences if is_content(s.text))
    for kind, blocks in cells.items():  # a table says something by rows (渠道：抖音；新增粉丝：1.2万), not by cells
        for names, row in table_rows(blocks):
            text = row_text(names, [b.text for b in row])
            counts[kind] += cjk_count(text) if is_content(text) else 0
    return counts


def sentences_of(unit: Section, kinds: Iterable[str] | None = None,
                 exclude: Iterable[str] = ()) -> Iterator[tuple[str, str]]:
    """(sentence text, kind) of content sentences, optionally limited to or excluding kinds."""
    wanted = set(kinds) if kinds is not None else None
    skipped = set(exclude)
    for block, kind in block_kinds(unit):
        if (wanted is not None and kind not in wanted) or kind in skipped:
            continue
        for sentence in block.sentences:
            if is_content(sentence.text):
                yield sentence.text, kind


def is_problem_sentence(sentence: str) -> bool:
    return bool(PROBLEM_RE.search(sentence)) and not NOT_PROBLEM_RE.search(sentence)


def named_section(doc: Document, unit: Section, kind: str) -> Section | None:
    """The first heading that names this kind (存在的问题, 下一步计划…), content or not; not a 目录 entry."""
    toc = toc_entries(doc)
    for section in unit.walk():
        if (section.kind == kind and section.kind_source == "heading" and section.style != "implicit"
                and id(section) not in toc):
            return section
    return None


def _residue(doc: Document) -> set[int]:
    return memo(doc, "residue", lambda: residue_lines(doc))


def unit_cjk(unit: Section) -> int:
    return sum(cjk_count(block.text) for block in unit.all_blocks())


def _units(doc: Document) -> Iterator[Section]:
    """Units long enough to be summaries; headings count, so a bare template skeleton is one."""
    for unit in doc.units():
        span = doc.text if unit.style == "root" else doc.text[unit.start:unit.end]
        if cjk_count(span) >= MIN_UNIT_CJK:
            yield unit


def unit_label(unit: Section) -> str | dict[str, str]:
    """How messages name a unit: "篇三" for a sample of a collection, else "这份总结"."""
    if unit.style == "sample":
        return re.split(r"[:：]", unit.title, maxsplit=1)[0].strip()
    return {"zh": "这份总结", "en": "this summary"}


def _unit_args(doc: Document, unit: Section) -> dict[str, object]:
    return {"unit": unit_label(unit)}


# --------------------------------------------------------------------------- missing sections


def _missing(doc: Document, unit: Section, kind: str, variant: str | None = None,
             severity: str | None = None, **args: object) -> Finding:
    heading = named_section(doc, unit, kind)
    if heading is not None and variant is None:
        start, end, variant = heading.title_start, heading.title_end, "empty"
        args["text"] = heading.title
    else:
        start, end = unit_anchor(doc, unit)
    return Finding(start, end, {"kind": KIND_NAMES[kind], **_unit_args(doc, unit), **args},
                   variant=variant, severity=severity)


@check("missing-results")
def missing_results(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    min_chars = ctx.option("min_chars", DEFAULT_MIN_CHARS)
    for unit in _units(doc):
        if content_by_kind(doc, unit)["results"] >= min_chars:
            continue
        inline = [s for s, _ in sentences_of(unit, exclude=("plan", "reflection", "closing"))
                  if RESULT_RE.search(s) or WORK_RE.search(s)]
        if len(inline) >= 2:
            continue
        yield _missing(doc, unit, "results")


@check("missing-reflection")
def missing_reflection(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    min_chars = ctx.option("min_chars", DEFAULT_MIN_CHARS)
    for unit in _units(doc):
        if content_by_kind(doc, unit)["reflection"] >= min_chars:
            continue
        problems = [s for s, _ in sentences_of(unit, exclude=("plan", "intro", "closing")) if is_problem_sentence(s)]
        if len(problems) >= ctx.option("min_problem_sentences", 2):
            continue
        genre = unit_genre(doc, unit, ctx)
        severity = {"weekly": "info", "annual": "error", "review": "error"}.get(genre or "")
        variant = "one_inline" if problems and named_section(doc, unit, "reflection") is None else None
        yield _missing(doc, unit, "reflection", variant, severity, count=len(problems))


@check("missing-plan")
def missing_plan(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    min_chars = ctx.option("min_chars", DEFAULT_MIN_CHARS)
    for unit in _units(doc):
        if content_by_kind(doc, unit)["plan"] >= min_chars:
            continue
        genre = unit_genre(doc, unit, ctx)
        inline = [s for s, _ in sentences_of(unit, exclude=("intro", "closing")) if PLAN_CUE_RE.search(s)]
        if len(inline) >= (1 if genre == "weekly" else 2):
            continue
        severity = "warning" if genre == "review" and inline else None
        yield _missing(doc, unit, "plan", severity=severity)


# --------------------------------------------------------------------------- empty sections


def memo(doc: Document, key: str, compute: Callable[[], T]) -> T:
    """Compute once per document what several rules (and units) need."""
    store = doc.__dict__.setdefault("_summarylint_structure", {})
    if key not in store:
        store[key] = compute()
    return cast(T, store[key])


def toc_entries(doc: Document) -> set[int]:
    """ids of sections that are entries of a table of contents (目录), not real headings."""
    return memo(doc, "toc", lambda: _toc_entries(doc))


def _toc_entries(doc: Document) -> set[int]:
    entries: set[int] = set()
    sections = [s for s in doc_sections(doc) if s.style != "implicit"]
    for i, section in enumerate(sections):
        if TOC_LINE_RE.match(section.title) or _toc_line_before(doc, section):
            # The 目录 heading's children, or the run of empty headings right after a 目录 line.
            entries.update(id(s) for s in section.walk() if s is not section)
            if not TOC_LINE_RE.match(section.title):
                for entry in sections[i:]:
                    if entry.blocks or entry.children:
                        break
                    entries.add(id(entry))
    return entries


def _toc_line_before(doc: Document, section: Section) -> bool:
    prev_end = doc.text.rfind("\n", 0, max(0, section.start - 1))
    prev_line = doc.text[prev_end + 1:section.start].strip()
    return bool(prev_line) and bool(TOC_LINE_RE.match(prev_line))


def is_empty_section(doc: Document, section: Section, next_start: int) -> bool:
    """A heading with nothing under it: no blocks, no subsections, no text (not even code)."""
    if section.blocks or section.children or section.style in ("implicit", "root"):
        return False
    line_end = doc.line_span(section.title_end)[1]
    between = doc.text[line_end:next_start]
    return not re.search(r"\w", between)


_LEAD_IN_STYLES = {"label", "label-bullet", "bold"}
_FILLED_LABEL_RE = fastre.lazy(r"[:：][ \t\u3000]*\S")
_LIST_STYLES = {"num-dot", "num-paren", "circled", "cn-paren", "runin-bullet", "label-bullet"}


@check("empty-section")
def empty_section(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    sections = list(doc_sections(doc))
    skip = toc_entries(doc) | _reported_as_missing(doc)
    residue = _residue(doc)
    for i, section in enumerate(sections):
        following = sections[i + 1] if i + 1 < len(sections) else None
        next_start = following.start if following else len(doc.text)
        if (id(section) in skip or doc.line_span(section.start)[0] in residue
                or not is_empty_section(doc, section, next_start)):
            continue
        if _FILLED_LABEL_RE.search(section.title):
            continue  # "会员续费率：待补充" is an item with an unfilled value, not an empty heading
        if has_placeholder(section.title) and not is_content(SLOT_RE.sub("", section.title)):
            continue  # "1.______", "2.（请填写主要工作）": a blank of a form (P002, P003 report it), not a heading
        if section.style in _LEAD_IN_STYLES and following is not None and following.style in _LIST_STYLES:
            continue  # "实施过程：" introducing a numbered list the parser set beside it
        yield Finding(section.title_start, section.title_end, {"text": section.title})


def _reported_as_missing(doc: Document) -> set[int]:
    """Empty 存在的问题 / 工作计划 headings: missing-reflection and missing-plan report them already."""
    ids = set()
    for unit in doc.units():
        counts = content_by_kind(doc, unit)
        for kind in ("results", "reflection", "plan"):
            heading = named_section(doc, unit, kind)
            if heading is not None and counts[kind] < DEFAULT_MIN_CHARS:
                ids.add(id(heading))
    return ids


# --------------------------------------------------------------------------- outline numbering

_CN = "〇零一二三四五六七八九十百"
_TOKEN_RE = {
    "cn-dun": fastre.lazy(rf"(?P<n>[{_CN}]+)[ \t\u3000]*(?P<mark>[、.．])"),
    "cn-paren": fastre.lazy(rf"[（(][ \t]*(?P<n>[{_CN}]+)[ \t]*[）)](?P<mark>[、.．]?)"),
    "num-dot": fastre.lazy(r"(?P<n>\d{1,2})[ \t]*(?P<mark>[.．、])"),
    "num-paren": fastre.lazy(r"[（(][ \t]*(?P<n>\d{1,2})[ \t]*[）)](?P<mark>[、.．]?)"),
    "circled": fastre.lazy(r"(?P<n>[①-⑳])(?P<mark>)"),
    "sample": fastre.lazy(rf"{SAMPLE_WORD}(?P<n>[{_CN}]+)(?P<mark>)"),
    "part": fastre.lazy(rf"第(?P<n>[{_CN}\d]+)(?:部分|章)(?P<mark>)"),
}
STANDARD_MARK = {"cn-dun": "、", "cn-paren": "", "num-dot": ".", "num-paren": ""}
_MARK_NAMES = {"、": "顿号“、”", ".": "点号“.”", "": "不加标点"}


class Numbered:
    """A numbered heading: its number token and the mark after it."""

    __slots__ = ("mark", "mark_end", "mark_start", "n_end", "n_start", "ordinal", "section")

    def __init__(self, section: Section, ordinal: int, n_start: int, n_end: int, mark: str, mark_start: int,
                 mark_end: int) -> None:
        self.section = section
        self.ordinal = ordinal
        self.n_start = n_start  # the number token
        self.n_end = n_end
        self.mark = mark  # normalised: "．" counts as "."
        self.mark_start = mark_start
        self.mark_end = mark_end


def _numbered(doc: Document, section: Section) -> Numbered | None:
    regex = _TOKEN_RE.get(section.style)
    if regex is None or section.ordinal is None:
        return None
    m = regex.match(doc.text, section.title_start, section.title_end)
    if not m:
        return None
    mark = m.group("mark").replace("．", ".")
    return Numbered(section, section.ordinal, m.start("n"), m.end("n"), mark, m.start("mark"), m.end("mark"))


def _write_number(token: str, value: int) -> str | None:
    """value written the way token was (一/1/①)."""
    if token.isascii() and token.isdigit():
        return str(value)
    if "①" <= token <= "⑳":
        return chr(ord("①") + value - 1) if 1 <= value <= 20 else None
    if chinese_ordinal(token) is not None:
        return to_chinese(value)
    return None


def to_chinese(n: int) -> str | None:
    digits = "零一二三四五六七八九"
    if not 1 <= n <= 99:
        return None
    tens, units = divmod(n, 10)
    if tens == 0:
        return digits[units]
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[units] if units else "")


def numbering_groups(doc: Document) -> Iterator[list[Numbered]]:
    """Sibling headings of one numbering style, in document order."""
    skip = toc_entries(doc)
    for parent in doc.root.walk():
        by_style: dict[str, list[Numbered]] = {}
        for child in parent.children:
            item = _numbered(doc, child) if id(child) not in skip else None
            if item is not None:
                by_style.setdefault(child.style, []).append(item)
        yield from by_style.values()


def _runs(group: list[Numbered], markdown: bool) -> Iterator[list[Numbered]]:
    """Split a sibling group where the numbering restarts at 1 after a run of two or more."""
    if markdown and all(item.ordinal == 1 for item in group):
        return  # Markdown lazy numbering: 1. 1. 1. renders as 1, 2, 3
    run: list[Numbered] = []
    for item in group:
        if item.ordinal == 1 and len(run) >= 2:
            yield run
            run = []
        run.append(item)
    if run:
        yield run


def _missing_number_in_text(doc: Document, start: int, item: Numbered, value: int) -> bool:
    """The expected number exists as a line the parser read as prose (a long numbered paragraph):
    the sequence is fine, only some of its items are not headings."""
    token = _write_number(doc.text[item.n_start:item.n_end], value)
    if token is None:
        return False
    between = doc.text[start:item.section.start]
    pattern = {"cn-paren": rf"[（(]\s*{token}\s*[）)]", "num-paren": rf"[（(]\s*{token}\s*[）)]",
               "sample": rf"{SAMPLE_WORD}{token}", "part": rf"第{token}"}.get(item.section.style,
                                                                             rf"{re.escape(token)}\s*[、.．]")
    return bool(re.search(rf"(?m)^[ \t\u3000>*#-]*(?:\d+[.．、]\s*)?{pattern}", between))


def _parent_start(section: Section) -> int:
    parent = section.parent
    return parent.title_end if parent is not None and parent.style != "root" else 0


def _renumber(doc: Document, items: list[Numbered], first_value: int) -> Fix | None:
    edits = []
    for offset, item in enumerate(items):
        token = doc.text[item.n_start:item.n_end]
        new = _write_number(token, first_value + offset)
        if new is None:
            return None
        if new != token:
            edits.append(Edit(item.n_start, item.n_end, new))
    return Fix(tuple(edits), safe=True) if edits else None


def _sequence_finding(doc: Document, run: list[Numbered], previous_end: int | None) -> Finding | None:
    expected = 1
    if run[0].ordinal != 1 and previous_end is not None and run[0].ordinal == previous_end + 1:
        expected = run[0].ordinal  # numbering continued from the previous group of this style
    for i, item in enumerate(run):
        if item.ordinal == expected:
            expected += 1
            continue
        gap_start = run[i - 1].section.start if i > 0 else _parent_start(item.section)
        if item.ordinal > expected and _missing_number_in_text(doc, gap_start, item, expected):
            return None
        rest = run[i:]
        steady = all(b.ordinal == a.ordinal + 1 for a, b in pairwise(rest))
        fix = _renumber(doc, rest, expected)
        if fix is not None and not steady:
            fix = Fix(fix.edits, safe=False)
        token = doc.text[item.n_start:item.n_end]
        variant = "start" if i == 0 else ("repeat" if item.ordinal < expected else "skip")
        found = doc.text[item.section.title_start:item.n_end + 1].strip()
        want = _write_number(token, expected) or str(expected)
        return Finding(item.section.title_start, item.section.title_end,
                       {"text": found, "expected": want, "found": token}, fix, variant)
    return None


def _mark_findings(doc: Document, items: list[Numbered]) -> Iterator[Finding]:
    """Marks after the number (1、 vs 1.) that differ from the rest of the unit."""
    counts = Counter(item.mark for item in items)
    if len(counts) < 2:
        return
    style = items[0].section.style
    best = max(counts.values())
    leaders = [mark for mark, n in counts.items() if n == best]
    majority = STANDARD_MARK.get(style, leaders[0]) if STANDARD_MARK.get(style) in leaders else leaders[0]
    for item in items:
        if item.mark == majority:
            continue
        span = (item.mark_start, item.mark_end) if item.mark else (item.n_end, item.n_end)
        if style in ("cn-paren", "num-paren") and not item.mark:
            span = (item.n_end + 1, item.n_end + 1)  # after the closing bracket
        fix = Fix((Edit(span[0], span[1], majority),), safe=True)
        text = doc.text[item.section.title_start:max(span[1], item.n_end + 1)].strip()
        yield Finding(item.section.title_start, item.section.title_end,
                      {"text": text, "mark": _MARK_NAMES.get(item.mark, item.mark),
                       "expected": _MARK_NAMES.get(majority, majority)}, fix, "mark")


@check("heading-numbering")
def heading_numbering(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    markdown = doc.format == "markdown"
    last_by_style: dict[str, int] = {}
    marks: dict[tuple[int, str], list[Numbered]] = {}
    units = {id(s): u for u in doc.units() for s in u.walk()}
    for group in numbering_groups(doc):
        style = group[0].section.style
        for run in _runs(group, markdown):
            finding = _sequence_finding(doc, run, last_by_style.get(style))
            if finding is not None:
                yield finding
            last_by_style[style] = run[-1].ordinal
        for item in group:
            unit = units.get(id(item.section), doc.root)
            marks.setdefault((id(unit), style), []).append(item)
    for items in marks.values():
        yield from _mark_findings(doc, items)


# --------------------------------------------------------------------------- proportions and length


@check("reflection-too-thin")
def reflection_too_thin(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    min_results = ctx.option("min_results_chars", 600)
    ratio = ctx.option("min_ratio", 0.10)
    for unit in _units(doc):
        counts = content_by_kind(doc, unit)
        results, reflection = counts["results"], counts["reflection"]
        if results < min_results or reflection == 0 or reflection >= ratio * results:
            continue
        heading = named_section(doc, unit, "reflection")
        start, end = (heading.title_start, heading.title_end) if heading else unit_anchor(doc, unit)
        yield Finding(start, end, {"reflection": reflection, "results": results,
                                   "percent": round(100 * reflection / results), **_unit_args(doc, unit)})


# Lower bounds of the usual length (CJK chars) per genre; the rule fires below 40 % of them.
USUAL_MIN = {"weekly": 150, "monthly": 300, "annual": 1500, "review": 800, None: 500}
GENRE_NAMES = {"weekly": {"zh": "周报", "en": "weekly report"}, "monthly": {"zh": "月报", "en": "monthly report"},
               "annual": {"zh": "年度总结/述职", "en": "annual report"}, "review": {"zh": "复盘", "en": "review"},
               None: {"zh": "工作总结", "en": "work summary"}}


@check("too-short")
def too_short(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    share = ctx.option("min_share", 0.4)
    residue = _residue(doc)
    for unit in doc.units():
        count = sum(cjk_count(b.text) for b in unit.all_blocks() if doc.line_span(b.start)[0] not in residue)
        genre = unit_genre(doc, unit, ctx)
        usual = ctx.option("usual_min", {}).get(genre or "summary", USUAL_MIN[genre])
        if count == 0 or count >= share * usual:
            continue
        parts = content_by_kind(doc, unit)
        if count >= share / 2 * usual and all(parts[kind] >= DEFAULT_MIN_CHARS
                                              for kind in ("results", "reflection", "plan")):
            continue  # short but complete: dense figures and tables say as much as long prose
        start, end = unit_anchor(doc, unit)
        yield Finding(start, end, {"count": count, "usual": usual, "genre": GENRE_NAMES[genre],
                                   **_unit_args(doc, unit)})


# --------------------------------------------------------------------------- reporting period

YEAR = r"(?:19|20)\d{2}"
ABSOLUTE_PERIOD_RE = fastre.compile(
    rf"{YEAR}\s*(?:学?年|[-/.]\s*\d{{1,2}}|[QＱ][1-4])|FY\s*\d{{2,4}}|[〇零一二][〇零一二三四五六七八九]{{3}}年"
    rf"|(?:年度|周期|期间|时间)\s*[：:]\s*{YEAR}"  # 考核年度：2024
    r"|(?<!\d)\d{1,2}\s*月\s*\d{1,2}\s*[日号]|(?<![\d.])\d{1,2}\s*月份?|[一二三四五六七八九十]{1,2}月份"
    r"|第\s*\d{1,2}\s*周|第[一二三四五六七八九十]{1,3}周"
    r"|(?<![\d.])\d{1,2}[./]\d{1,2}\s*[-—–~～至到]+\s*\d{1,2}[./]\d{1,2}(?![\d.])"  # 12.2—12.6, 12/2-12/6
)
RELATIVE_PERIOD_RE = fastre.lazy(
    r"本阶段|这一阶段|这个阶段|这段时间|这段时光|此期间|在此期间|过去一段时间|过去这段时间|这一段时间|一段时间以来|近期"
    r"|今年|本年度|本年|去年|上半年|下半年|本季度|本月|本周|上周|这周|一年来|过去一年|过去的一年|这一年|年初以来"
)
OPENING_PARAGRAPHS = 2
OPENING_MIN_CJK = 15  # a salutation (尊敬的领导：) or a template note is not the opening paragraph


def _opening(doc: Document, unit: Section, residue: set[int]) -> list[tuple[int, str]]:
    """(offset, text) of the unit's first paragraphs and the headings before them: where the period belongs."""
    parts: list[tuple[int, str]] = []
    blocks: list[Block] = []
    for block in unit.all_blocks():
        if len(blocks) == OPENING_PARAGRAPHS:
            break
        if doc.line_span(block.start)[0] in residue:
            continue  # a template note or a page counter says nothing about the period
        if cjk_count(block.text) < OPENING_MIN_CJK:
            parts.append((block.start, block.text))  # a short line before the opening still counts
            continue
        blocks.append(block)
    limit = blocks[-1].end if blocks else unit.end
    for section in unit.walk():
        if section is not unit and section.title and section.title_start <= limit:
            parts.append((section.title_start, section.title))
    parts.extend((block.start, block.text) for block in blocks)
    return sorted(parts)


@check("period-missing")
def period_missing(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    residue = _residue(doc)
    for unit in _units(doc):
        title = unit_title(doc, unit)
        parts = ([(title[1], title[0])] if title else []) + _opening(doc, unit, residue)
        if any(ABSOLUTE_PERIOD_RE.search(text) for _, text in parts):
            continue
        relative = next(((offset + m.start(), m) for offset, text in parts
                         for m in [RELATIVE_PERIOD_RE.search(text)] if m), None)
        if relative is not None:
            start, m = relative
            yield Finding(start, start + len(m.group()), {"text": m.group(), **_unit_args(doc, unit)},
                          variant="relative")
            continue
        start, end = unit_anchor(doc, unit)
        yield Finding(start, end, {"text": doc.text[start:end], **_unit_args(doc, unit)})


TITLE_YEAR_RE = fastre.lazy(rf"({YEAR})\s*(?:年|—|-)")
# A year used as the reporting period ("2024年，我…", "2024年以来", "2024年1—11月"), not as a baseline.
PERIOD_YEAR_RE = fastre.lazy(
    rf"(?<![较比同于])({YEAR})\s*年(?:度|以来|全年|[，,]|里|中|内|我|我们|是|的工作|[1１一]\s*(?:[—–\-~～至到])\s*\d{{1,2}}\s*月)"
)
FIRST_HALF_RE = fastre.lazy(r"上半年")
WHOLE_YEAR_RE = fastre.lazy(
    r"下半年|全年|一年|年度|年底|年末|三季度|四季度|第三季度|第四季度|(?<!\d)(?:[7-9]|1[0-2])\s*月|[七八九十]月|十[一二]月"
)
DATE_LINE_RE = fastre.lazy(
    rf"[ \t\u3000]*(?:(?:日期|时间|落款)[ \t]*[:：][ \t\u3000]*)?({YEAR})\s*年(?:\s*\d{{1,2}}\s*月)?"
    r"(?:\s*\d{1,2}\s*日)?[ \t\u3000]*$"
)


@check("period-inconsistent")
def period_inconsistent(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    residue = _residue(doc)
    for unit in _units(doc):
        title = unit_title(doc, unit)
        if not title:
            continue
        m = TITLE_YEAR_RE.search(title[0])
        title_year = int(m.group(1)) if m else None
        finding = (_other_year(doc, unit, title_year, residue) or _half_for_whole(doc, unit, title[0])
                   or _dated_before(doc, unit, title_year))
        if finding is not None:
            finding.args.update({"title": title[0], **_unit_args(doc, unit)})
            yield finding


def _other_year(doc: Document, unit: Section, title_year: int | None, residue: set[int]) -> Finding | None:
    if title_year is None:
        return None
    hits = [(offset + m.start(1), int(m.group(1))) for offset, text in _opening(doc, unit, residue)
            for m in PERIOD_YEAR_RE.finditer(text)]
    if not hits or any(year == title_year for _, year in hits):
        return None
    start, year = hits[0]
    return Finding(start, start + 4, {"text": str(year), "title_period": str(title_year)}, variant="year")


_WHOLE_YEAR_TITLE_RE = fastre.lazy(r"年度|年终|全年|述职")
_PART_YEAR_TITLE_RE = fastre.lazy(r"半年|季度|月|周")


def _half_for_whole(doc: Document, unit: Section, title: str) -> Finding | None:
    if not _WHOLE_YEAR_TITLE_RE.search(title) or _PART_YEAR_TITLE_RE.search(title):
        return None
    body = "\n".join(block.text for block in unit.all_blocks())
    first = FIRST_HALF_RE.search(body)
    if first is None or WHOLE_YEAR_RE.search(body):
        return None
    for block in unit.all_blocks():
        m = FIRST_HALF_RE.search(block.text)
        if m:
            return Finding(block.start + m.start(), block.start + m.end(), {"text": m.group()}, variant="half")
    return None


def _dated_before(doc: Document, unit: Section, title_year: int | None) -> Finding | None:
    if title_year is None:
        return None
    blocks = list(unit.all_blocks())[-3:]
    for block in reversed(blocks):
        m = DATE_LINE_RE.match(block.text)
        if m and int(m.group(1)) < title_year:
            return Finding(block.start, block.end, {"text": block.text.strip(), "title_period": str(title_year)},
                           variant="dated")
    return None
