"""Which kind of summary is this? kpi, project, methodology, weekly or annual (rules/profiles.yaml).

The genre decides which sections a summary needs and how its score is weighted, and rules see it as
`ctx.profile`. `auto` reads the evidence the way a reader does: the title first (周报, 年度, 项目总结,
方法论), then the headings (本周完成, 项目一, 关于…, 指标完成情况), then cue words in the body. A file
that holds several samples (篇一/篇二/篇三) gets a genre per sample; its own genre is theirs when they
agree, else "mixed" (rules then see no profile).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from . import fastre
from .data import load_data
from .errors import ConfigError
from .model import Document, Section

AUTO = "auto"
MIXED = "mixed"
_WORDS = {
    "zh": {"forced": "由 {source} 指定", "title": "标题“{text}”含“{hit}”", "heading": "小标题“{text}”含“{hit}”",
           "content": "正文含“{hits}”", "none": "未发现体裁线索，按{label}处理", "sep": "；",
           "mixed": "各篇体裁不同：{parts}"},
    "en": {"forced": "set by {source}", "title": 'title "{text}" contains "{hit}"',
           "heading": 'heading "{text}" contains "{hit}"', "content": 'body mentions "{hits}"',
           "none": "no genre cue found; treated as {label}", "sep": "; ", "mixed": "the samples differ: {parts}"},
}


@dataclass(frozen=True)
class Profile:
    """One genre from rules/profiles.yaml."""

    name: str
    label: dict[str, str]
    required: dict[str, float]
    results_kinds: tuple[str, ...]
    projects: bool
    scoring: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)


@dataclass
class GenreChoice:
    """The genre chosen for a file (or a unit) and why, in the output language."""

    name: str  # a profile name, or "mixed" for a file whose samples differ
    reason: str
    source: str = AUTO  # auto | --profile | config
    units: list[GenreChoice] = field(default_factory=list)  # one per 篇 sample when a file holds several

    @property
    def rule_profile(self) -> str | None:
        """What rules see as ctx.profile."""
        return None if self.name == MIXED else self.name

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "reason": self.reason, "source": self.source}
        if self.units:
            out["units"] = [{"name": u.name, "reason": u.reason} for u in self.units]
        return out


@cache
def _data() -> dict[str, Any]:
    data = load_data("profiles.yaml")
    if not isinstance(data, dict) or not isinstance(data.get("profiles"), dict):
        raise ConfigError("rules/profiles.yaml: expected a `profiles:` mapping",
                          zh="rules/profiles.yaml: 应有 `profiles:` 映射")
    return data


def profile_names() -> tuple[str, ...]:
    return tuple(_data()["profiles"])


@cache
def get_profile(name: str) -> Profile:
    entry = _data()["profiles"].get(name)
    if entry is None:
        names = ", ".join((AUTO, *profile_names()))
        raise ConfigError(f"unknown profile '{name}' (one of {names})", zh=f"未知的体裁 '{name}'（应为 {names} 之一）")
    required = entry.get("required") or {}
    if isinstance(required, list):
        required = dict.fromkeys(required, 20)
    return Profile(name, dict(entry.get("label") or {"zh": name, "en": name}),
                   {str(k): float(v) for k, v in required.items()},
                   tuple(entry.get("results_kinds") or ("results",)), bool(entry.get("projects", False)),
                   dict(entry.get("scoring") or {}))


_SPECIAL = frozenset(r"\.^$*+?{}[]()|")


class _Cue:
    """One `detect:` pattern (IGNORECASE). Most are plain Chinese words: those are found with str.find;
    the rest are compiled on first use (the ~70 cue patterns cost ~4 ms to compile at every start)."""

    __slots__ = ("_regex", "pattern", "word")

    def __init__(self, pattern: str):
        self.pattern = pattern
        plain = pattern and not _SPECIAL.intersection(pattern) and pattern.lower() == pattern == pattern.upper()
        self.word = pattern if plain else None
        self._regex: re.Pattern[str] | None = None

    def search(self, text: str) -> str | None:
        """The text of the first match (None: no match)."""
        if self.word is not None:
            return self.word if self.word in text else None
        if self._regex is None:
            self._regex = fastre.compile(self.pattern, re.I)
        m = self._regex.search(text)
        return None if m is None else m.group()


@cache
def _patterns() -> dict[str, dict[str, list[_Cue]]]:
    return {name: {where: [_Cue(p) for p in pats] for where, pats in (entry.get("detect") or {}).items()}
            for name, entry in _data()["profiles"].items()}


_SAMPLE_LABEL_RE = fastre.lazy(r"^篇[一二三四五六七八九十]+[:：]?\s*")


def _unit_title(doc: Document, unit: Section) -> str:
    if unit.style == "sample":
        return _SAMPLE_LABEL_RE.sub("", unit.title)
    return doc.title or ""


def _unit_headings(unit: Section) -> list[str]:
    return [s.title for s in unit.walk() if s is not unit and s.title and s.style != "implicit"]


def _unit_text(doc: Document, unit: Section) -> str:
    if unit is doc.root:
        return doc.text
    return doc.text[unit.start:unit.end]


def _short(text: str, limit: int = 24) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[:limit - 1] + "…"


def detect_unit(doc: Document, unit: Section, lang: str = "zh") -> GenreChoice:
    """The genre of one summary, with the evidence that decided it."""
    words = _WORDS.get(lang, _WORDS["zh"])
    data = _data()
    weights = data["evidence"]
    title = _unit_title(doc, unit)
    headings = _unit_headings(unit)
    body = _unit_text(doc, unit)
    best: tuple[float, int, str, list[str]] | None = None
    for rank, name in enumerate(data["order"]):
        pats = _patterns()[name]
        score = 0.0
        reasons: list[str] = []
        hits = [hit for p in pats.get("title", []) if (hit := p.search(title)) is not None]
        if hits:
            score += weights["title"]["weight"] * min(len(hits), weights["title"]["max"])
            reasons.append(words["title"].format(text=_short(title), hit=hits[0]))
        heading_hits = []
        for heading in headings:
            hit = next((hit for p in pats.get("headings", []) if (hit := p.search(heading)) is not None), None)
            if hit is not None:
                heading_hits.append((heading, hit))
        if heading_hits:
            score += weights["headings"]["weight"] * min(len(heading_hits), weights["headings"]["max"])
            reasons.append(words["heading"].format(text=_short(heading_hits[0][0]), hit=heading_hits[0][1].strip()))
        content_hits = [hit for p in pats.get("content", []) if (hit := p.search(body)) is not None]
        if content_hits:
            score += weights["content"]["weight"] * min(len(content_hits), weights["content"]["max"])
            reasons.append(words["content"].format(hits="、".join(content_hits[:3])))
        key = (score, -rank, name, reasons)
        if score > 0 and (best is None or key[:2] > best[:2]):
            best = key
    if best is None:
        fallback = data["fallback"]
        label = get_profile(fallback).label
        return GenreChoice(fallback, words["none"].format(label=label.get(lang) or label["zh"]))
    return GenreChoice(best[2], words["sep"].join(best[3]))


def detect(doc: Document, requested: str | None = None, lang: str = "zh", source: str = "--profile") -> GenreChoice:
    """The genre for a whole file: forced (requested names a profile) or detected per unit."""
    words = _WORDS.get(lang, _WORDS["zh"])
    if requested and requested != AUTO:
        get_profile(requested)  # unknown names are a usage error
        return GenreChoice(requested, words["forced"].format(source=source), source)
    units = doc.units()
    choices = [detect_unit(doc, unit, lang) for unit in units]
    if len(choices) == 1:
        return choices[0]
    names = {c.name for c in choices}
    if len(names) == 1:
        only = choices[0]
        return GenreChoice(only.name, only.reason, AUTO, choices)
    parts = words["sep"].join(f"{_short(u.title, 8)} → {c.name}" for u, c in zip(units, choices, strict=True))
    return GenreChoice(MIXED, words["mixed"].format(parts=parts), AUTO, choices)


def unit_profiles(doc: Document, choice: GenreChoice) -> list[Profile]:
    """The profile each unit of doc is scored with."""
    units = doc.units()
    if choice.units and len(choice.units) == len(units):
        return [get_profile(c.name) for c in choice.units]
    return [get_profile(choice.name)] * len(units)
