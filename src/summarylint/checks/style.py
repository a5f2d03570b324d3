"""Style: clichés, overlong and repeated sentences, punctuation width and CJK/Latin spacing.

T001 a boilerplate phrase (时光荏苒, 在领导的正确指导下, 赋能, 闭环); T002 the density of such
phrases per 1000 CJK characters, one finding per summary; T003 an overlong sentence; T004 a
sentence repeated within one summary; T005 ASCII punctuation in Chinese prose (safe fix to the
full-width form); T006 a bracket pair mixing widths （…); T007 a missing space between CJK and
Latin where the writer otherwise spaces (a house style, not a rule every reader shares).

Typography runs on prose spans only (blocks, and headings with their outline numbering protected):
outline numbering (一、 (一) 1. (1)) is structure and is never touched; nor are URLs, times, numbers
or code. T005 uses our own regex (text_utils.halfwidth_marks): autocorrect-py's first call costs
0.05-0.1 s of rule set-up, too much of the 0.35 s cold-start budget for a rule that fires on most
pasted text. T007 builds on autocorrect-py and maps its output back to exact edits by diffing the
strings; it only calls it for documents that mostly space, so most checks never pay for it.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from .. import fastre
from ..diagnostics import Edit, Finding, Fix
from ..engine import RuleContext
from ..model import Document
from ..registry import check
from ..text_utils import (
    CJK_RE,
    PLACEHOLDER_RE,
    WEB_URL_RE,
    WordList,
    alternation,
    count_cjk,
    doc_sections,
    halfwidth_marks,
    is_cjk,
    lexicon,
    patterns_re,
    words_re,
)

_LEX = "style"

# ---------------------------------------------------------------------------------------------
# T001 / T002 clichés


class _Hit:
    __slots__ = ("end", "group", "phrase", "start")

    def __init__(self, start: int, end: int, phrase: str, group: str) -> None:
        self.start = start
        self.end = end
        self.phrase = phrase
        self.group = group


def _prose_spans(doc: Document) -> list[tuple[int, int]]:
    """Blocks and heading titles, sorted: where a reader reads sentences."""
    spans = []
    for section in doc_sections(doc):
        if section.title_end > section.title_start:
            spans.append((section.title_start, section.title_end))
        spans += [(block.start, block.end) for block in section.blocks]
    return sorted(spans)


def _in_spans(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    i = bisect.bisect_right(spans, (start, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= start and end <= spans[i][1]


def _cliche_hits(doc: Document, start: int = 0, end: int | None = None) -> list[_Hit]:
    """Boilerplate phrases in the prose between start and end, longest match first. Each pattern
    scans the whole text once; matches outside prose (code, link targets) are dropped."""
    end = end or len(doc.text)
    return [hit for hit in _all_cliche_hits(doc) if start <= hit.start < end]


def _all_cliche_hits(doc: Document) -> list[_Hit]:
    if _last_hits.get("doc") is not doc:  # T001 and T002 both need them; holding doc pins its id
        groups: dict[str, list[str]] = lexicon(_LEX)["boilerplate"]
        patterns: dict[str, str] = lexicon(_LEX)["boilerplate_patterns"]
        matchers: list[tuple[str, WordList | re.Pattern[str]]] = [
            (group, alternation(tuple(words))) for group, words in groups.items()]
        matchers += [(group, fastre.compile(pattern)) for group, pattern in patterns.items()]
        spans = _prose_spans(doc)
        political = _political_spans(doc)
        found = [_Hit(m.start(), m.end(), m.group(), group) for group, matcher in matchers
                 for m in matcher.finditer(doc.text) if _in_spans(spans, m.start(), m.end())
                 and not (group == "political" and _in_spans(political, m.start(), m.end()))]
        _last_hits.update(doc=doc, hits=_longest(found))
    hits: list[_Hit] = _last_hits["hits"]
    return hits


_last_hits: dict[str, Any] = {}


def _political_spans(doc: Document) -> list[tuple[int, int]]:
    """Where 贯彻落实 / 党的二十大精神 are the subject, not padding: the whole of a party or public-sector
    document (述职述廉报告, 党支部工作总结, one whose opening names 党委 or 机关) and sections on political
    study or party work (思想政治, 党风廉政)."""
    lex = lexicon(_LEX)
    if fastre.compile(lex["political_documents"]).search(doc.text, 0, 300):
        return [(0, len(doc.text))]  # the title and the opening lines: 在学院党委的正确领导下…
    sections = fastre.compile(lex["political_sections"])
    return sorted((s.start, s.end) for s in doc_sections(doc) if sections.search(s.title))


def _longest(hits: list[_Hit]) -> list[_Hit]:
    """Of overlapping hits keep the longest (在领导的正确指导下 over 指导)."""
    kept: list[_Hit] = []
    for hit in sorted(hits, key=lambda h: (h.start, -(h.end - h.start))):
        if not kept or hit.start >= kept[-1].end:
            kept.append(hit)
    return kept


@check("boilerplate-phrase")
def boilerplate_phrase(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    lines_seen: set[tuple[str, int]] = set()
    for hit in _cliche_hits(doc):
        line, _ = doc.line_col(hit.start)
        if (hit.phrase, line) in lines_seen:
            continue
        lines_seen.add((hit.phrase, line))
        yield Finding(hit.start, hit.end, {"phrase": hit.phrase}, variant=hit.group)


@lru_cache(maxsize=256)
def _vague_and_pledges(text: str) -> list[str]:
    """Vague intensity words and empty pledges in a summary's text (kept per text: in an editor, the
    summaries of a file the writer is not typing in stay the same)."""
    vague = patterns_re("quantification", "vague_patterns")
    pledges = words_re("plan", "empty_commitments")
    return [m.group() for m in vague.finditer(text)] + [m.group() for m in pledges.finditer(text)]


@check("cliche-density")
def cliche_density(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    warn_at = float(ctx.option("warning_per_1000", 6))
    error_at = float(ctx.option("error_per_1000", 12))
    min_chars = int(ctx.option("min_cjk", 200))
    min_count = int(ctx.option("min_count", 5))  # 3 hits in a 230-character weekly are not a pattern
    for unit in doc.units():
        end = unit.end or len(doc.text)
        chars = count_cjk(doc.text[unit.start:end])
        if chars < min_chars:
            continue
        text = doc.text[unit.start:end]
        phrases = [h.phrase for h in _cliche_hits(doc, unit.start, end)]
        phrases += _vague_and_pledges(text)
        density = len(phrases) * 1000 / chars
        if density <= warn_at or len(phrases) < min_count:
            continue
        top = "、".join(f"{p}×{n}" if n > 1 else p for p, n in Counter(phrases).most_common(5))
        start, stop = (unit.title_start, unit.title_end) if unit.title_end > unit.title_start \
            else (unit.start, unit.start + 1)  # the summary's title, else its first character
        yield Finding(start, stop, {"count": len(phrases), "density": f"{density:.1f}", "top": top},
                      severity="error" if density > error_at else None)


# ---------------------------------------------------------------------------------------------
# T003 / T004 sentences


@check("long-sentence")
def long_sentence(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    limit = int(ctx.option("max_cjk", 120))
    for sentence in doc.sentences():
        count = count_cjk(sentence.text)
        if count > limit:
            yield Finding(sentence.start, sentence.end, {"count": count, "limit": limit})


_NOISE_RE = fastre.compile(r"[\s\W_]+", re.UNICODE)


@lru_cache(maxsize=8192)
def _fingerprint(text: str) -> str:
    """What two sentences share when one repeats the other: the NFKC text without blanks and punctuation."""
    return _NOISE_RE.sub("", unicodedata.normalize("NFKC", text))


@lru_cache(maxsize=8192)
def _signal_length(text: str) -> int:
    """Characters that are neither blank nor punctuation."""
    return len(_NOISE_RE.sub("", text))


@check("duplicate-sentence")
def duplicate_sentence(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    min_chars = int(ctx.option("min_chars", 20))
    for unit in doc.units():
        first_seen: dict[str, int] = {}
        for block in unit.all_blocks():
            for sentence in block.sentences:
                if _signal_length(sentence.text) < min_chars:
                    continue
                key = _fingerprint(sentence.text)
                if key in first_seen:
                    line, _ = doc.line_col(first_seen[key])
                    yield Finding(sentence.start, sentence.end, {"line": line})
                else:
                    first_seen[key] = sentence.start


# ---------------------------------------------------------------------------------------------
# T005 – T007 typography

# Outline numbering at the start of a heading: structure, not prose punctuation.
_NUMBERING_RE = fastre.compile(
    r"^\s*(?:[一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十百\d]+[）)]|\d+(?:[.．]\d+)*[.．、]?(?!\d)"
    r"|[①-⑳]|第[一二三四五六七八九十百\d]+[部分章节篇条]?|篇[一二三四五六七八九十]|PART\s*\d+)\s*"
)
_URL_RE = fastre.lazy(r"(?:https?://|www\.)[^\s，。；）)】]+|[\w.+-]+@[\w-]+\.[\w.]+", re.I)
# The same without its e-mail branch, for text without an "@" (where that branch cannot match): the
# branch tries a run of word characters at every position, and in Chinese prose every character is one.
_WEB_RE = WEB_URL_RE


def _urls(text: str) -> Iterator[re.Match[str]]:
    """_URL_RE.finditer(text)."""
    return (_URL_RE if "@" in text else _WEB_RE).finditer(text)
_HALF_PAIR_RE = fastre.compile(r"\(([^()（）\n]{0,120})\)")  # converted when the content is Chinese
_MIXED_PAIR_RE = fastre.compile(r"（[^()（）\n]{0,60}\)|\([^()（）\n]{0,60}）")


def _prose_segments(doc: Document) -> Iterator[tuple[int, str, list[tuple[int, int]]]]:
    """(offset, text, protected spans) of each prose span: blocks, and heading titles with their
    outline numbering protected (kept as context: 篇一:《…》 needs the 一 to read the colon as Chinese).
    Found once per document: T005-T007 all read them."""
    store = doc.__dict__.setdefault("_summarylint_style", {})
    if "segments" not in store:
        store["segments"] = list(_find_prose_segments(doc))
    segments: list[tuple[int, str, list[tuple[int, int]]]] = store["segments"]
    return iter(segments)


def _find_prose_segments(doc: Document) -> Iterator[tuple[int, str, list[tuple[int, int]]]]:
    for section in doc_sections(doc):
        if section.title_end > section.title_start:
            title = doc.text[section.title_start:section.title_end]
            numbering = _NUMBERING_RE.match(title)
            keep = [(section.title_start, section.title_start + numbering.end())] if numbering else []
            yield section.title_start, title, keep
        for block in section.blocks:
            numbering = _NUMBERING_RE.match(block.text)  # （一）… inside a paragraph is still outline
            yield block.start, block.text, [(block.start, block.start + numbering.end())] if numbering else []


def _label_colons(doc: Document) -> Iterator[Edit]:
    """The `:` that ends a label or run-in label (核心目标一: …, 实施策略与过程:) is Chinese label
    punctuation whatever follows it."""
    for section in doc_sections(doc):
        title = doc.text[section.title_start:section.title_end]
        if section.title_end <= section.title_start or not CJK_RE.search(title):
            continue
        m = re.match(r"[ \t]*:[ \t]*", doc.text[section.title_end:section.title_end + 8])
        if m and not _between_digits(doc.text, section.title_end, section.title_end + m.end()):
            yield Edit(section.title_end, section.title_end + m.end(), "：")


def _between_digits(text: str, start: int, end: int) -> bool:
    """10:30 is a time even where a parser took 10 for the end of a label."""
    return start > 0 and text[start - 1].isdigit() and end < len(text) and text[end].isdigit()


def _protected(doc: Document, offset: int, text: str) -> list[tuple[int, int]]:
    spans = [(offset + m.start(), offset + m.end()) for m in _urls(text)]
    return spans + [(s, e) for s, e in doc.masked if s < offset + len(text) and offset < e]


# Registration numbers are written without spaces: 京ICP备12345678号, 沪公网安备 31010402000001号.
_REGISTRATION_RE = fastre.lazy(r"[\u4e00-\u9fff]{1,2}(?:ICP|公网安)[备证][^\s，。；]*")


def _spacing_protected(doc: Document, offset: int, text: str) -> list[tuple[int, int]]:
    """What T007 leaves as it is besides URLs and code: template slots (XX万 is no word to space out)
    and registration numbers."""
    spans = [(offset + m.start(), offset + m.end()) for m in PLACEHOLDER_RE.finditer(text)]
    if "备" in text:
        spans += [(offset + m.start(), offset + m.end()) for m in _REGISTRATION_RE.finditer(text)]
    return spans


def _spacing_edits(text: str) -> list[tuple[int, int, str]]:
    """Spaces autocorrect would insert between CJK and Latin or digits (for T007)."""
    import autocorrect_py  # here, not at the top: its first call sets up every rule (0.05-0.1 s)

    formatted = autocorrect_py.format(text)
    if formatted == text:
        return []
    import difflib  # only for documents that mostly space

    matcher = difflib.SequenceMatcher(None, text, formatted, autojunk=False)
    return [(i1, i2, formatted[j1:j2]) for tag, i1, i2, j1, j2 in matcher.get_opcodes()
            if tag == "insert" and formatted[j1:j2].isspace()]


def _free(protected: list[tuple[int, int]], start: int, end: int) -> bool:
    return not any(s < end and start < e for s, e in protected)


def _punctuation_edits(doc: Document) -> list[Edit]:
    """Every half-width mark used as Chinese punctuation in prose, as edits. The patterns scan the
    whole text once; a mark counts when it lies in a prose span and outside what is protected."""
    text = doc.text
    found = halfwidth_marks(text)
    for m in _HALF_PAIR_RE.finditer(text):
        if CJK_RE.search(m.group(1)):  # (DAU), (The “Why”), f(x) stay half-width
            found += [(m.start(), m.start() + 1, "（"), (m.end() - 1, m.end(), "）")]
    spans, protected = [], [(m.start(), m.end()) for m in _urls(text)] + list(doc.masked)
    for offset, segment, keep in _prose_segments(doc):
        spans.append((offset, offset + len(segment)))
        protected += keep
    spans.sort()
    protected = _merged(protected)
    edits = {edit.start: edit for edit in _label_colons(doc)}
    for start, end, new in found:
        core = _core(text, start, end)  # the mark itself must be prose; its spaces may be anywhere
        if _in_spans(spans, *core) and _free_sorted(protected, start, end) and start not in edits:
            edits[start] = Edit(start, end, new)
    return _without_overlaps(sorted(edits.values(), key=lambda e: e.start))


def _core(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t":
        start += 1
    while end > start and text[end - 1] in " \t":
        end -= 1
    return start, end


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, disjoint intervals covering the same positions."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _free_sorted(protected: list[tuple[int, int]], start: int, end: int) -> bool:
    """No interval of the merged list overlaps start..end (only the one before end can)."""
    i = bisect.bisect_left(protected, (end, 0)) - 1
    return i < 0 or protected[i][1] <= start


def _space_edits(doc: Document) -> list[Edit]:
    edits = []
    for offset, text, keep in _prose_segments(doc):
        if not CJK_RE.search(text):
            continue
        protected = keep + _protected(doc, offset, text) + _spacing_protected(doc, offset, text)
        edits += [Edit(offset + s, offset + e, new) for s, e, new in _spacing_edits(text)
                  if _free(protected, offset + s - 1, offset + e + 1)]
    return edits


def _without_overlaps(edits: list[Edit]) -> list[Edit]:
    kept: list[Edit] = []
    for edit in edits:
        if not kept or edit.start >= kept[-1].end:
            kept.append(edit)
    return kept


def _report(doc: Document, edits: list[Edit], ctx: RuleContext) -> Iterator[Finding]:
    """One finding per edit when there are a few; one for the whole document when the writer's
    habit is to type half-width (pasted text often is): hundreds of identical findings help nobody."""
    if not edits:
        return
    most = int(ctx.option("max_individual", 5))
    if len(edits) <= most:
        for edit in edits:
            start, end = edit.start, edit.end
            if start == end:  # an insertion: point at the two characters it separates
                start, end = max(0, start - 1), end + 1
            old = doc.text[start:end].strip()
            yield Finding(start, end, {"old": old, "new": edit.replacement}, fix=Fix((edit,), safe=True))
        return
    kinds = Counter(doc.text[e.start:e.end].strip() for e in edits)
    listed = "、".join(f"“{k}”×{n}" for k, n in kinds.most_common())
    first = edits[0]
    yield Finding(first.start, first.end, {"count": len(edits), "kinds": listed}, fix=Fix(tuple(edits), safe=True),
                  variant="many")


@check("halfwidth-punctuation")
def halfwidth_punctuation(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    yield from _report(doc, _punctuation_edits(doc), ctx)


@check("mixed-brackets")
def mixed_brackets(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    for offset, text, keep in _prose_segments(doc):
        for m in _MIXED_PAIR_RE.finditer(text):
            start, end = offset + m.start(), offset + m.end()
            if doc.is_masked(start, end) or not _free(keep, start, end):
                continue  # (一） opening a heading is outline numbering: the numbering rules' business
            edits = (Edit(start, start + 1, "（"), Edit(end - 1, end, "）"))
            yield Finding(start, end, {"text": m.group()}, fix=Fix(edits, safe=True))


_LATIN_RUN_RE = fastre.compile(r"[A-Za-z]+")


def _latin_boundaries(text: str) -> tuple[int, int]:
    """How often Latin words meet CJK with a space between, and without."""
    spaced = unspaced = 0
    for m in _LATIN_RUN_RE.finditer(text):
        for outer, inner in ((m.start() - 2, m.start() - 1), (m.end() + 1, m.end())):
            if not 0 <= inner < len(text):
                continue
            if is_cjk(text[inner]):
                unspaced += 1
            elif text[inner] in " \u00a0" and 0 <= outer < len(text) and is_cjk(text[outer]):
                spaced += 1
    return spaced, unspaced


@check("cjk-latin-spacing")
def cjk_latin_spacing(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    """Spacing between CJK and Latin is a house style, not a rule every reader shares: report the
    missing spaces only where the writer mostly spaces (`使用 A/B 测试` … `提升DAU`)."""
    prose = "\n".join(text for _, text, _ in _prose_segments(doc))
    spaced, unspaced = _latin_boundaries(prose)
    if spaced < int(ctx.option("min_spaced", 3)) or spaced < float(ctx.option("min_share", 0.6)) * (spaced + unspaced):
        return
    edits = [e for e in _space_edits(doc) if _between_cjk_and_latin(doc.text, e.start)]
    yield from _report(doc, edits, ctx)


def _between_cjk_and_latin(text: str, pos: int) -> bool:
    if not 0 < pos < len(text):
        return False
    left, right = text[pos - 1], text[pos]

    def latin(ch: str) -> bool:
        return ch.isascii() and ch.isalpha()

    return (is_cjk(left) and latin(right)) or (latin(left) and is_cjk(right))
