"""Give every section a kind — intro, results, reflection, plan, closing, other.

From the heading vocabulary in rules/sections.yaml; a heading that says nothing inherits
its parent's kind, and a top-level one is judged by the cue words in its content.
"""

from __future__ import annotations

import re
from functools import cache, cached_property, lru_cache

from . import fastre
from .data import load_data
from .model import Document, Section

_CONTAINER_STYLES = {"root", "sample", "part"}


def _uncased(term: str) -> bool:
    """No letter with case: re.IGNORECASE matches the term exactly as written."""
    return term.lower() == term == term.upper()


class _Terms:
    """The words of one kind, matched as the alternation `w1|w2|…` of their escaped forms would match
    them, without compiling it (an alternation of a few dozen Chinese words costs ~0.5 ms to compile):
    words without case by plain search, the rest (CONTENTS under IGNORECASE) by a small regex."""

    def __init__(self, terms: list[str], flags: int = 0):
        self.terms = tuple(terms)
        self.flags = flags
        self.plain = tuple(t for t in terms if t and (not flags & re.I or _uncased(t)))
        self.other = tuple(t for t in terms if t not in self.plain)

    @cached_property
    def regex(self) -> re.Pattern[str] | None:
        return fastre.compile("|".join(map(re.escape, self.other)), self.flags) if self.other else None

    def first(self, text: str) -> int | None:
        """Where the leftmost match starts (None: no match)."""
        starts = [i for term in self.plain if (i := text.find(term)) >= 0]
        if self.regex is not None and (m := self.regex.search(text)):
            starts.append(m.start())
        return min(starts) if starts else None

    @cached_property
    def whole(self) -> re.Pattern[str]:
        return fastre.compile("|".join(map(re.escape, self.terms)), self.flags)

    def count(self, text: str) -> int:
        """len(regex.findall(text)): non-overlapping matches, leftmost first; at one place the first word
        listed that matches there."""
        if self.other:  # an empty word, or words with case under IGNORECASE: the regex itself
            return len(self.whole.findall(text))
        first_at: dict[int, int] = {}
        for index, term in enumerate(self.terms):
            i = text.find(term)
            while i >= 0:
                if first_at.get(i, index) >= index:
                    first_at[i] = index
                i = text.find(term, i + 1)
        count, cursor = 0, 0
        for i in sorted(first_at):
            if i >= cursor:
                count += 1
                cursor = i + len(self.terms[first_at[i]])
        return count


@cache
def _vocabulary() -> tuple[list[tuple[str, _Terms]], dict[str, _Terms]]:
    data = load_data("sections.yaml")
    heading = [(kind, _Terms(list(terms), re.I)) for kind, terms in data["kinds"].items()]
    cues = {kind: _Terms(list(terms)) for kind, terms in data["content_cues"].items()}
    return heading, cues


@cache
def _not_kind(kind: str) -> re.Pattern[str] | None:
    """Phrases in which the kind's words name nothing (sections.yaml `not_kind`); compiled on first use."""
    phrases = (load_data("sections.yaml").get("not_kind") or {}).get(kind)
    return fastre.compile("|".join(phrases)) if phrases else None


def _blank(title: str, kind: str) -> str:
    """The title with the kind's not_kind phrases blanked out (same length: offsets still compare)."""
    pattern = _not_kind(kind)
    return pattern.sub(lambda m: "\0" * len(m.group()), title) if pattern is not None else title


@lru_cache(maxsize=4096)
def kind_of_heading(title: str) -> str | None:
    """The kind a heading names, or None when it names none (cached: the parser asks it of every
    heading-like line, and an editor re-parses the same lines on every keystroke)."""
    heading, _ = _vocabulary()
    best: tuple[int, str] | None = None
    for kind, terms in heading:
        start = terms.first(title)
        if start is not None and kind != "other":
            start = terms.first(_blank(title, kind))
        if start is not None and kind != "other" and (best is None or start < best[0]):
            best = (start, kind)
    if best:
        return best[1]
    other = dict(heading)["other"]
    return "other" if other.first(title) is not None else None


_WORK_AREA_RE = fastre.lazy(r"工作[ \t\u3000*：:]*$")


def _work_area(title: str) -> str | None:
    """一、工作 / 三、班主任工作 / 党建工作: a heading naming an area of work holds what was done in it."""
    return "results" if _WORK_AREA_RE.search(title) else None


@lru_cache(maxsize=1024)
def kind_of_content(text: str) -> str:
    _, cues = _vocabulary()
    counts = {kind: terms.count(text) for kind, terms in cues.items()}
    kind, hits = max(counts.items(), key=lambda item: item[1])
    if hits < 2:
        return "other"
    return "results" if counts["results"] == hits else kind


def classify(doc: Document) -> None:
    for section in doc.sections():
        _classify(section)


def _classify(section: Section) -> None:
    if section.style == "implicit":
        return
    if section.style in _CONTAINER_STYLES and section.children:
        # "第三部分 下学年工作计划" names the kind of everything under it; a 篇一 sample never does.
        named = kind_of_heading(section.title) if section.style == "part" else None
        section.kind, section.kind_source = named or "other", "heading"
        return
    named = kind_of_heading(section.title) or _work_area(section.title)
    if named:
        section.kind, section.kind_source = named, "heading"
        return
    parent = section.parent
    if parent is not None and (parent.style not in _CONTAINER_STYLES or parent.kind != "other"):
        section.kind, section.kind_source = parent.kind, "parent"
        return
    section.kind, section.kind_source = kind_of_content(section.body_text()), "content"
