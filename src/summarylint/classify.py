"""Give every section a kind — intro, results, reflection, plan, closing, other.

From the heading vocabulary in rules/sections.yaml; a heading that says nothing inherits
its parent's kind, and a top-level one is judged by the cue words in its content.
"""

from __future__ import annotations

import re
from functools import cache

from .data import load_data
from .model import Document, Section

_CONTAINER_STYLES = {"root", "sample", "part"}


@cache
def _vocabulary() -> tuple[list[tuple[str, re.Pattern[str]]], dict[str, re.Pattern[str]]]:
    data = load_data("sections.yaml")
    heading = [(kind, re.compile("|".join(map(re.escape, terms)), re.I)) for kind, terms in data["kinds"].items()]
    cues = {kind: re.compile("|".join(map(re.escape, terms))) for kind, terms in data["content_cues"].items()}
    return heading, cues


def kind_of_heading(title: str) -> str | None:
    """The kind a heading names, or None when it names none."""
    heading, _ = _vocabulary()
    best: tuple[int, str] | None = None
    for kind, pattern in heading:
        m = pattern.search(title)
        if m and kind != "other" and (best is None or m.start() < best[0]):
            best = (m.start(), kind)
    if best:
        return best[1]
    other = dict(heading)["other"]
    return "other" if other.search(title) else None


def kind_of_content(text: str) -> str:
    _, cues = _vocabulary()
    counts = {kind: len(pattern.findall(text)) for kind, pattern in cues.items()}
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
        section.kind, section.kind_source = "other", "heading"
        return
    named = kind_of_heading(section.title)
    if named:
        section.kind, section.kind_source = named, "heading"
        return
    parent = section.parent
    if parent is not None and parent.style not in _CONTAINER_STYLES:
        section.kind, section.kind_source = parent.kind, "parent"
        return
    section.kind, section.kind_source = kind_of_content(section.body_text()), "content"
