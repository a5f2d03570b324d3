"""Positive evidence a careful reader looks for, measured on the Document.

Rules report what is wrong; a score also needs what is right. Per unit (one summary) we count:

* results sentences with a concrete figure, and figures set against a baseline or target;
* reflection items that are specific (a figure, a cause) and ones that name a remedy;
* plan items with a date and with a number or a binary deliverable;
* per-project blocks (project summaries): does each project have a result and a reflection;
* the amount of distinct content, so a content-free file cannot score well.

Everything is counted on *distinct* items (whitespace- and punctuation-insensitive), so
pasting the same summary twice changes nothing, and shares rather than counts are scored,
so length alone earns nothing. The only input besides the Document is a list of spans that are
not the writer's content (what residue rules report), cut out before counting. Cue lexicons are
data (rules/scoring.yaml, `signals:`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from typing import Any

from . import fastre
from .data import load_data
from .model import Block, Document, Section
from .text_utils import (
    NUMERIC_DEADLINE,
    content_words,
    enumerated_parts,
    name_bigrams,
    named_terms,
    row_text,
    table_rows,
)

_CJK_RE = fastre.compile(r"[\u4e00-\u9fff]")
# Outline ordinals at the start of an item: 1.  （一）  一、  (2)  ①  一是
_ORDINAL_RE = fastre.compile(
    r"^[ \t\u3000]*(?:\d{1,2}[.．、](?!\d)|[（(]\d{1,2}[）)]|[（(][一二三四五六七八九十]{1,3}[）)][、.．]?"
    r"|[一二三四五六七八九十]{1,3}[、.．](?!\d)|[①-⑳]|[一二三四五六七八九十]是)[ \t\u3000]*"
)
_PLACEHOLDER_RE = fastre.compile(
    r"(?<![A-Za-z])(?:X{2,}|x{2,})(?![A-Za-z])|×{2,}|_{2,}|某某|【请[^】]*】|\[填写[^\]]*\]"
)
_LEADIN_END = ("：", ":")
_LABEL_STYLES = {"runin", "runin-bullet", "label", "label-bullet", "bold", "cn-paren", "num-dot", "num-paren",
                 "circled", "cn-dun", "md-h3", "md-h4", "md-h5", "md-h6"}

# Compiled on first use (start-up time: each costs 0.3-1 ms to compile). Dates are read by has_date
# (plan items); the other three only by the fallback figure reader, when summarylint.numbers is absent.


@cache
def _not_figure_re() -> re.Pattern[str]:
    """Not quantities: identifiers, versions, dates and clock times (rule catalogue §0.2)."""
    return fastre.compile(
        r"[A-Za-z]+[ \t]?[-_#]?\d+(?:\.\d+)*"  # P1, Q3, INV-3318, iOS 15, v4.6.0, W47
        r"|#\d+"  # PR #2210
        r"|\d+(?:\.\d+){2,}"  # 2.3.1
        r"|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}"  # 2024-12-20
        r"|\d{1,2}[:：]\d{2}"  # 09:41
    )


@cache
def _date_re() -> re.Pattern[str]:
    return fastre.compile(
        r"(?:20|19)\d{2}[ \t]*年(?:度|底|初|末|内)?(?:[ \t]*\d{1,2}[ \t]*月(?:[ \t]*\d{1,2}[ \t]*[日号])?)?"
        r"|\d{1,2}[ \t]*月(?:[ \t]*\d{1,2}[ \t]*[日号])?(?:[上中下]旬|底|初|末|中)?"
        r"|(?<![\d.])\d{1,2}[ \t]*[日号](?=前|起|之前|以前|至|到|—|-|–|~|～|、|，|,|完成|上线|$)"
        r"|第[ \t]*\d{1,2}[ \t]*周"
        r"|(?:上午|下午|晚上|早上|中午|凌晨)?\d{1,2}[ \t]*[点时](?:\d{1,2}分|半)?(?=前|后|至|到|—|-|，|,|发|开|$)"
        r"|[Qq][1-4]"
        r"|" + NUMERIC_DEADLINE  # 2024-12-31, 截止：3/20, 7/12 前, W13
    )


@cache
def _number_re() -> re.Pattern[str]:
    return fastre.compile(r"(?<![\d.])\d+(?:,\d{3})*(?:\.\d+)?(?![\d])")


@cache
def _cn_figure_re() -> re.Pattern[str]:
    return fastre.compile(
        r"[一二两三四五六七八九十百千]+(?:个百分点|倍|成(?=[，。；、]))|[两三四五六七八九十百千]+[万亿]"
    )


_LITERAL_CHARS = frozenset(r"\.^$*+?{}[]()|")


class _Cues:
    """One cue lexicon of rules/scoring.yaml (`signals: lexicons:`): a list of regexes, any of which may
    match. Signals only ask whether one does (search/match → bool), so the plain words among them (most
    of them) are tested with `in` / startswith, and only the others are joined into a regex, compiled
    the first time the plain words do not decide: a dozen alternations of Chinese words cost ~7 ms
    to compile, on every start."""

    def __init__(self, terms: Iterable[str]):
        terms = list(terms)
        self.words = tuple(t for t in terms if t and not _LITERAL_CHARS.intersection(t))
        self.patterns = tuple(t for t in terms if t not in self.words)
        self._by_first: dict[str, tuple[str, ...]] = {}
        for word in self.words:
            self._by_first[word[0]] = (*self._by_first.get(word[0], ()), word)
        self._firsts = frozenset(self._by_first)

    @cached_property
    def regex(self) -> re.Pattern[str] | None:
        return fastre.compile("|".join(self.patterns)) if self.patterns else None

    def search(self, text: str) -> bool:
        present = self._firsts.intersection(text) if len(text) <= 64 else [c for c in self._firsts if c in text]
        for first in present:  # only words whose first character occurs
            if any(word in text for word in self._by_first[first]):
                return True
        return self.regex is not None and self.regex.search(text) is not None

    def match(self, text: str) -> bool:
        if text.startswith(self.words):
            return True
        return self.regex is not None and self.regex.match(text) is not None


@cache
def _lexicons() -> dict[str, _Cues]:
    data = load_data("scoring.yaml")["signals"]["lexicons"]
    return {name: _Cues(terms) for name, terms in data.items()}


def _strip_ordinal(text: str) -> str:
    return _ORDINAL_RE.sub("", text, count=1)


_KEY_NOISE_RE = fastre.compile(r"[\s*_`#>|。，、；：:;,.！!？?“”\"'‘’（）()【】\[\]-]+")


@lru_cache(maxsize=16384)
def normalise(text: str) -> str:
    """The comparison key of an item: ordinals, whitespace, Markdown marks and punctuation removed.
    (Cached: every unit, the repetition count and each re-lint in an editor ask about the same claims.)"""
    return _KEY_NOISE_RE.sub("", _strip_ordinal(text))


@lru_cache(maxsize=16384)
def cjk_count(text: str) -> int:
    return len(_CJK_RE.findall(text))


# Counts of people, events and cases spelled in words, as official prose writes them (骨干教师三名, 教研活动
# 八次, 不少于四节): checkable figures. Not 三个方面 / 两点体会 (个, 点 count aspects) or 一批 (an article).
_COUNTED_UNITS = frozenset("人名位次节起项家场篇件台户所")


def _counted(q: Any) -> bool:
    return bool(q.spelled and q.value >= 2 and q.unit in _COUNTED_UNITS)


@cache
def _number_extractor() -> Callable[[str], tuple[str, ...]] | None:
    """The numbers package's extractor (rules and score then agree on what a figure is), when present."""
    try:
        from .numbers.quantities import extract_quantities
        from .numbers.signals import is_concrete_figure
    except ImportError:
        return None

    def extract(text: str) -> tuple[str, ...]:
        return tuple(q.text for q in extract_quantities(text) if is_concrete_figure(q) or _counted(q))

    return extract


@lru_cache(maxsize=8192)
def figures(text: str) -> tuple[str, ...]:
    """Quantities in a piece of prose: numbers that are not dates, ordinals, ids, versions or slots
    (summarylint.numbers when it is installed, else the small reader below)."""
    extract = _number_extractor()
    if extract is not None:
        return extract(_strip_ordinal(text))
    return own_figures(text)


def own_figures(text: str) -> tuple[str, ...]:
    """The fallback reader: Arabic numbers and a few Chinese forms, minus dates, ids and placeholders."""
    text = _PLACEHOLDER_RE.sub(" ", _strip_ordinal(text))
    text = _not_figure_re().sub(" ", text)
    text = _date_re().sub(" ", text)
    return (*(m.group() for m in _number_re().finditer(text)), *(m.group() for m in _cn_figure_re().finditer(text)))


_CLAUSE_RE = fastre.compile(r"[，,；;。！？!?]")


def has_baseline(text: str) -> bool:
    """A figure set against a target, a baseline or a change in the same clause (新签57家，目标50家 → the
    second clause); a change word with no figure beside it (活跃度进一步提升) is no baseline."""
    cue = _lexicons()["baseline"]
    return any(cue.search(clause) and figures(clause) for clause in _CLAUSE_RE.split(text))


def has_date(text: str) -> bool:
    return bool(_date_re().search(_strip_ordinal(text))) or _lexicons()["time_box"].search(text)


@dataclass
class ProjectBlock:
    title: str
    has_result: bool
    has_reflection: bool


@dataclass
class Signals:
    """Counts for one summary (a unit). Shares are derived, so they stay consistent with the counts."""

    content_chars: int = 0  # CJK characters in distinct content sentences
    figures: int = 0  # quantities anywhere in the unit (consistency checks apply only where there are some)
    kinds: set[str] = field(default_factory=set)  # section kinds present with content
    results_sentences: int = 0
    results_with_figure: int = 0
    results_with_baseline: int = 0  # figure sentences that also carry a target, baseline or change
    results_evidence: int = 0  # results sentences with a figure or a delivered outcome (上线, 交付, 关闭…)
    reflection_items: int = 0
    reflection_specific: int = 0  # with a figure or a cause
    reflection_remedy: int = 0  # naming what was or will be done
    inline_problems: int = 0  # problem sentences outside any reflection section
    plan_items: int = 0
    plan_dated: int = 0
    plan_measurable: int = 0  # a figure or a binary deliverable, not an empty pledge
    projects: list[ProjectBlock] = field(default_factory=list)
    metrics: dict[str, Any] = field(default_factory=dict)  # from summarylint.numbers.signals, when present

    def share(self, part: str, whole: str) -> float | None:
        total = getattr(self, whole)
        return getattr(self, part) / total if total else None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "content_chars": self.content_chars,
            "figures": self.figures,
            "kinds": sorted(self.kinds),
            "results_sentences": self.results_sentences,
            "results_with_figure": self.results_with_figure,
            "results_with_baseline": self.results_with_baseline,
            "results_evidence": self.results_evidence,
            "reflection_items": self.reflection_items,
            "reflection_specific": self.reflection_specific,
            "reflection_remedy": self.reflection_remedy,
            "inline_problems": self.inline_problems,
            "plan_items": self.plan_items,
            "plan_dated": self.plan_dated,
            "plan_measurable": self.plan_measurable,
        }
        if self.projects:
            out["projects"] = [{"title": p.title, "result": p.has_result, "reflection": p.has_reflection}
                               for p in self.projects]
        if self.metrics:
            out["metrics"] = self.metrics
        return out


# ----------------------------------------------------------------------------- items

# Sentence ends for signals: CJK and ASCII terminal punctuation; a half-width "." after CJK ends one
# too, so a fix that only changes the width of punctuation cannot change what is counted. (What may
# stand before that "." is tested in _claims: a [\u4e00-\u9fff] class costs ~1.5 ms to compile.)
_CLAIM_END_RE = fastre.compile(r"[。！？!?；;…]+[”’」』）)\]】]*|\.(?!\d)")
_BEFORE_STOP = "%％）)”"


@lru_cache(maxsize=16384)
def _claims(text: str) -> tuple[str, ...]:
    """The claims (sentences) of a block's text, line by line."""
    out = []
    for line in text.split("\n"):
        cursor = 0
        for m in _CLAIM_END_RE.finditer(line):
            end = m.end()
            if end - m.start() == 1 and line[m.start()] == ".":  # "." ends a claim after CJK, %, ）or ”
                before = line[m.start() - 1] if m.start() else ""
                if not ("\u4e00" <= before <= "\u9fff" or (before and before in _BEFORE_STOP)):
                    continue
            piece = line[cursor:end].strip(" \t\u3000\r")
            cursor = end
            if piece:
                out.append(piece)
        rest = line[cursor:].strip(" \t\u3000\r")
        if rest:
            out.append(rest)
    return tuple(out)


def _distinct(texts: Iterable[str], seen: set[str]) -> Iterator[str]:
    for text in texts:
        key = normalise(text)
        if key and key not in seen:
            seen.add(key)
            yield text


def _is_content(text: str, min_cjk: int) -> bool:
    stripped = text.rstrip(" \t\u3000*")
    return cjk_count(text) >= min_cjk and not stripped.endswith(_LEADIN_END)


def _kind_sections(sections: list[Section], kinds: Iterable[str]) -> list[Section]:
    """Sections of the given kinds among `sections` (a unit's descendants, in document order)."""
    wanted = set(kinds)
    return [s for s in sections if s.kind in wanted]


class _Reader:
    """Block text as signals see it: spans that are not the writer's content (template residue, and the
    text its fixes delete) cut out, so deleting them changes no signal."""

    def __init__(self, doc: Document, exclude: Sequence[tuple[int, int]]):
        self.doc = doc
        self.exclude = sorted(exclude)
        self._cache: dict[int, str] = {}
        self._content: dict[tuple[int, int], bool] = {}

    def text(self, block: Block) -> str:
        cached = self._cache.get(id(block))
        if cached is not None:
            return cached
        spans = [(max(s, block.start), min(e, block.end)) for s, e in self.exclude if s < block.end and block.start < e]
        if not spans:
            text = block.text
        else:
            parts, cursor = [], block.start
            for s, e in spans:
                if s > cursor:
                    parts.append(self.doc.text[cursor:s])
                cursor = max(cursor, e)
            parts.append(self.doc.text[cursor:block.end])
            text = "".join(parts).strip()
        self._cache[id(block)] = text
        return text

    def claims(self, block: Block) -> tuple[str, ...]:
        return _claims(self.text(block))

    def sentences(self, sections: list[Section]) -> Iterator[str]:
        """The claims of the sections' blocks; a table gives one claim per row (到场人数：目标500，实际620),
        as a lone cell ("620") is no sentence."""
        for section in sections:
            cells = [b for b in section.blocks if b.kind == "table_cell"]
            for names, row in table_rows(cells):
                yield row_text(names, [self.text(b) for b in row])
            for block in section.blocks:
                if block.kind != "table_cell":
                    yield from self.claims(block)

    def has_content(self, section: Section, min_cjk: int) -> bool:
        """A block of the section or of its descendants is content (kept per section: asked of every one)."""
        key = (id(section), min_cjk)
        found = self._content.get(key)
        if found is None:
            found = (any(_is_content(self.text(b), min_cjk) for b in section.blocks)
                     or any(self.has_content(child, min_cjk) for child in section.children))
            self._content[key] = found
        return found

    def items(self, sections: list[Section]) -> Iterator[str]:
        """Items of a reflection or plan part: each block, with the run-in title of its section in front of
        a block on the title's own line ("数据分析深度不足：……"); a titled section with no body is an item."""
        return (text for text, _ in self.titled_items(sections))

    def titled_items(self, sections: list[Section]) -> Iterator[tuple[str, str]]:
        """items(sections), each with the title of the labelled part it stands in ("1. 夜班交接差错较多"
        above or before "全年因交接遗漏…"); "" when it stands in the part itself."""
        members = {id(s) for s in sections}
        for section in sections:
            top = section.parent is None or id(section.parent) not in members
            labelled = not top and section.style in _LABEL_STYLES and section.title
            blocks = [b for b in section.blocks if self.text(b)]
            if not blocks:
                if labelled and not section.children:
                    yield section.title, ""
                continue
            cells = [b for b in blocks if b.kind == "table_cell"]
            for names, row in table_rows(cells):  # a table: one item per row
                yield row_text(names, [self.text(b) for b in row]), ""
            for block in blocks:
                if block.kind == "table_cell":
                    continue
                between = self.doc.text[section.title_end:block.start]
                run_in = labelled and section.title_end <= block.start and "\n" not in between
                text = f"{section.title}：{self.text(block)}" if run_in else self.text(block)
                yield text, section.title if labelled else ""


# ----------------------------------------------------------------------------- measuring

def compute_signals(doc: Document, unit: Section | None = None, *, results_kinds: Iterable[str] = ("results",),
                    exclude: Sequence[tuple[int, int]] = ()) -> Signals:
    """Signals for one unit of doc (default: the whole document); `exclude` spans are not content."""
    unit = unit or doc.root
    config = load_data("scoring.yaml")["signals"]
    lex = _lexicons()
    min_cjk = int(config["min_item_cjk"])
    read = _Reader(doc, exclude)
    sig = Signals()

    # A line that repeats the title or a heading (a second copy's title, pasted below) is no new content.
    seen: set[str] = {normalise(t) for t in (doc.title or "", *(s.title for s in doc.sections()))}
    all_blocks: list[Block] = list(unit.all_blocks())
    sections = [s for s in unit.walk() if s is not unit]
    for block in all_blocks:
        for text in _distinct(read.claims(block), seen):
            if _PLACEHOLDER_RE.fullmatch(text.strip()):
                continue
            sig.content_chars += cjk_count(_PLACEHOLDER_RE.sub("", _strip_ordinal(text)))
            sig.figures += len(figures(text))

    for section in sections:
        if read.has_content(section, min_cjk):
            sig.kinds.add(section.kind)

    not_results = lex["results_exclude_titles"]
    # Unnamed body sections ("一、全年招聘情况", classified "other" from their content) hold work too.
    results = [s for s in sections if not not_results.search(s.title)
               and (s.kind in results_kinds or (s.kind == "other" and s.kind_source in ("content", "parent")))]
    for text in _distinct(read.sentences(results), set()):
        if not _is_content(text, min_cjk):
            continue
        sig.results_sentences += 1
        if figures(text):
            sig.results_with_figure += 1
            sig.results_evidence += 1
            if has_baseline(text):
                sig.results_with_baseline += 1
        elif lex["deliverable"].search(text) and not lex["empty_pledge"].search(text):
            sig.results_evidence += 1

    reflection = _kind_sections(sections, ("reflection",))
    plan = _kind_sections(sections, ("plan",))
    plan_texts = list(read.items(plan))
    answers: list[frozenset[str]] | None = None  # the plan items' nouns, read when first needed
    titles: dict[str, str] = {}  # a point's heading names the problem too (F003 reads it the same way)
    points = []
    for text, title in read.titled_items(reflection):
        for a, b in enumerated_parts(text):  # 一是…；二是…
            points.append(text[a:b])
            titles.setdefault(text[a:b], title)
    for text in _distinct(points, set()):
        if not _is_content(text, min_cjk):
            continue
        sig.reflection_items += 1
        if figures(text) or lex["cause"].search(text):
            sig.reflection_specific += 1
        if lex["remedy"].search(text):
            sig.reflection_remedy += 1
            continue
        if answers is None:
            answers = [frozenset(content_words(item)) for item in plan_texts]
        words = content_words(text)
        pairs = name_bigrams(titles.get(text, "")) | named_terms(text)
        if any(words & answer for answer in answers) or any(p in t for p in pairs for t in plan_texts):
            sig.reflection_remedy += 1  # a plan item answers it, as F003 reads it
    in_reflection = {id(b) for s in reflection for b in s.blocks}
    problems: set[str] = set()
    for block in all_blocks:
        if id(block) not in in_reflection:
            sig.inline_problems += sum(1 for s in _distinct(read.claims(block), problems) if lex["problem"].search(s))

    for text in _distinct(plan_texts, set()):
        if not _is_content(text, min_cjk) or lex["signature"].match(text):
            continue
        sig.plan_items += 1
        sig.plan_dated += has_date(text)
        empty = lex["empty_pledge"].search(text)
        if figures(text) or (lex["deliverable"].search(text) and not empty):
            sig.plan_measurable += 1

    sig.projects = _projects(unit, sections, lex, min_cjk, read)
    return sig


def repetition(doc: Document, exclude: Sequence[tuple[int, int]] = ()) -> tuple[int, int]:
    """(content sentences, how many repeat an earlier one) over the whole file: a summary pasted twice
    repeats half of itself."""
    min_cjk = int(load_data("scoring.yaml")["signals"]["min_item_cjk"])
    read = _Reader(doc, exclude)
    seen: set[str] = set()
    total = repeated = 0
    for block in doc.blocks():
        for claim in read.claims(block):
            if cjk_count(claim) < min_cjk:
                continue
            key = normalise(claim)
            total += 1
            repeated += key in seen
            seen.add(key)
    return total, repeated


def _projects(unit: Section, sections: list[Section], lex: dict[str, _Cues], min_cjk: int,
              read: _Reader) -> list[ProjectBlock]:
    """Per-project blocks (项目一：… / 核心项目二：…): each should hold a result and a reflection."""
    blocks = []
    for section in sections:
        if not lex["project_title"].search(section.title):
            continue
        if not section.children or section.kind not in ("results", "other"):
            continue
        if section.parent is not None and section.parent is not unit and section.parent.style not in (
                "root", "sample", "part", "md-h1"):
            continue
        parts = [s for s in section.walk() if s is not section]
        has_result = any(s.kind == "results" and lex["result_title"].search(s.title) and read.has_content(s, min_cjk)
                         for s in parts)
        has_reflection = any(s.kind == "reflection" and read.has_content(s, min_cjk) for s in parts)
        blocks.append(ProjectBlock(section.title, has_result, has_reflection))
    return blocks


def external_metrics(doc: Document) -> dict[str, Any]:
    """metric_signals(doc) from the numbers package, when another engineer's module is installed."""
    try:
        from .numbers.signals import metric_signals  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return {}
    result = metric_signals(doc)
    if isinstance(result, dict):
        return {str(k): v for k, v in result.items() if isinstance(v, (int, float)) and not isinstance(v, bool)}
    if hasattr(result, "__dataclass_fields__"):
        return {k: getattr(result, k) for k in result.__dataclass_fields__
                if isinstance(getattr(result, k), (int, float)) and not isinstance(getattr(result, k), bool)}
    return {}
