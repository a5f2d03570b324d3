"""Diagnostics and signals → a 0–100 score, category sub-scores, a grade, and the trace of every point.

The model is data (rules/scoring.yaml, with per-genre overrides from rules/profiles.yaml):

    subscore_c = clamp(base_c + credits_c − deduction_scale_c × Σ rule points_c − missing parts_c, 0, 100)
    overall    = Σ weight_c × subscore_c / Σ weight_c     over the categories that apply (weight > 0)
    score      = round(min(overall, every hard cap that holds) × penalty factors)

Rule points have diminishing returns (the n-th finding of a rule costs per_finding × decay^(n-1), capped
per rule). Credits come from signals.py: the share of results sentences with a figure, plan items with
a date and a target, reflection items with a cause and a remedy. Each deduction and credit is reported
with the points it moves in its category and in the overall score, so the trace adds up:

    overall = Σ base share + Σ credits − Σ deductions        (before caps)

A file holding several samples (篇一/篇二/篇三) is scored per sample, and the file's score is their mean.
Gains re-score the file without one rule's findings, or with one signal complete. docs/scoring.md has
the whole model.
"""

from __future__ import annotations

import copy
import dataclasses
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from .data import load_data
from .diagnostics import CATEGORIES, Diagnostic
from .model import Document, Section
from .signals import Signals, compute_signals, external_metrics, repetition

if TYPE_CHECKING:
    from .genre import GenreChoice, Profile


@dataclass
class Deduction:
    """Points a category loses: from one rule's diagnostics, or from a missing part (`signal`)."""

    rule: str
    category: str
    count: int
    points: float  # in the category's 0–100 sub-score
    name: str = ""
    severity: str = ""
    signal: str = ""  # for deductions that come from the document's shape, not from a rule
    overall: float = 0.0  # in the overall score
    unit: int | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"rule": self.rule, "category": self.category, "count": self.count,
                               "points": round(self.points, 1), "overall": round(self.overall, 2)}
        if self.name:
            out["name"] = self.name
        if self.severity:
            out["severity"] = self.severity
        if self.signal:
            out["signal"] = self.signal
        if self.unit is not None:
            out["unit"] = self.unit
        return out


@dataclass
class Credit:
    """Points a category earns from a positive signal (out of `max`)."""

    signal: str
    category: str
    value: str  # what was counted, e.g. "7/9"
    points: float
    max: float
    overall: float = 0.0
    unit: int | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"signal": self.signal, "category": self.category, "value": self.value,
                               "points": round(self.points, 1), "max": self.max, "overall": round(self.overall, 2)}
        if self.unit is not None:
            out["unit"] = self.unit
        return out


@dataclass
class Cap:
    """A hard ceiling that holds for this summary (rules/scoring.yaml `caps`)."""

    id: str
    max: int
    metric: str
    value: float
    unit: int | None = None
    label: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "max": self.max, "metric": self.metric, "value": self.value}
        if self.unit is not None:
            out["unit"] = self.unit
        return out


@dataclass
class Penalty:
    """A factor on the whole file's score (rules/scoring.yaml `penalties`), e.g. for content pasted twice."""

    id: str
    metric: str
    value: float
    factor: float
    points: float  # what the factor took off the score
    label: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "metric": self.metric, "value": round(self.value, 3), "factor": round(self.factor, 3),
                "points": round(self.points, 2)}


@dataclass
class Gain:
    """How much the score would rise if one rule's findings were fixed, or one signal were complete."""

    gain: float
    rule: str = ""
    name: str = ""
    count: int = 0
    signal: str = ""
    category: str = ""
    advice: dict[str, str] = field(default_factory=dict)
    value: str = ""

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"gain": round(self.gain, 1), "category": self.category}
        if self.rule:
            out.update(rule=self.rule, name=self.name, count=self.count)
        else:
            out.update(signal=self.signal, value=self.value, advice=self.advice)
        return out


@dataclass
class UnitScore:
    """The score of one summary (a unit of a file)."""

    overall: float  # after caps, unrounded
    uncapped: float
    categories: dict[str, float | None]
    weights: dict[str, float]
    base: float  # the overall points every summary starts with (Σ weight × base / Σ weight)
    deductions: list[Deduction]
    credits: list[Credit]
    caps: list[Cap]
    signals: Signals
    profile: str
    title: str = ""


@dataclass
class Score:
    score: int
    grade: str
    categories: dict[str, int | None]
    deductions: list[Deduction] = field(default_factory=list)
    caps: list[Cap] = field(default_factory=list)
    credits: list[Credit] = field(default_factory=list)
    gains: list[Gain] = field(default_factory=list)
    units: list[UnitScore] = field(default_factory=list)
    profile: GenreChoice | None = None
    penalties: list[Penalty] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The `scoring` object of a file in the JSON report: how every point was reached."""
        out: dict[str, Any] = {
            "model": "weighted-mean",
            "deductions": [d.to_json() for d in self.deductions],
            "credits": [c.to_json() for c in self.credits],
            "caps": [c.to_json() for c in self.caps],
            "penalties": [p.to_json() for p in self.penalties],
            "gains": [g.to_json() for g in self.gains],
        }
        if len(self.units) == 1:
            unit = self.units[0]
            out.update(weights=unit.weights, base=round(unit.base, 2), uncapped=round(unit.uncapped, 2),
                       signals=unit.signals.to_json())
        else:
            out["units"] = [{"title": u.title, "profile": u.profile, "score": round(u.overall),
                             "grade": grade_for(round(u.overall)),
                             "categories": {c: None if v is None else round(v) for c, v in u.categories.items()},
                             "weights": u.weights, "base": round(u.base, 2), "uncapped": round(u.uncapped, 2),
                             "signals": u.signals.to_json()} for u in self.units]
        return out

    def profile_json(self) -> dict[str, Any] | None:
        return None if self.profile is None else self.profile.to_json()


# ----------------------------------------------------------------------------- the model

def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """base with override merged in, key by key. New dicts along the overridden paths only: the rest is
    shared with base (models are read, never written; deep-copying scoring.yaml cost ~4 ms a genre)."""
    out = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def _model(profile: Profile | None) -> dict[str, Any]:
    return _model_named(profile.name if profile else None)


@cache
def _model_named(name: str | None) -> dict[str, Any]:
    """scoring.yaml with the genre's `scoring:` overrides merged in."""
    from .genre import get_profile

    model: dict[str, Any] = load_data("scoring.yaml")
    if name is not None and get_profile(name).scoring:
        model = _merge(model, get_profile(name).scoring)
    return model


def gains_shown() -> int:
    """How many gains the text output lists per file."""
    return int(load_data("scoring.yaml").get("gains_shown", 3))


def grade_for(score: int) -> str:
    for grade, floor in load_data("scoring.yaml")["grades"].items():
        if score >= floor:
            return str(grade)
    return "E"


def rule_points(diagnostics: list[Diagnostic], model: dict[str, Any]) -> float:
    """Points one rule's findings cost, before the category scale: diminishing returns, capped."""
    return _points(_worst(diagnostics), len(diagnostics), model)


def _points(severity: str, count: int, model: dict[str, Any]) -> float:
    weights = model["severity"][severity]
    return _decayed(weights["per_finding"], weights["decay"], weights["cap"], count)


@lru_cache(maxsize=1024)
def _decayed(per_finding: float, decay: float, cap: float, count: int) -> float:
    points = sum(per_finding * decay ** i for i in range(count))
    return float(min(points, cap))


def _worst(diagnostics: list[Diagnostic]) -> str:
    order = ("error", "warning", "info")
    return min((d.severity for d in diagnostics), key=order.index)


# ----------------------------------------------------------------------------- scoring one unit

class _Hit:
    """One rule's findings in one unit, as the model needs them (read-only)."""

    __slots__ = ("category", "count", "errors", "lines", "name", "rule", "severity")

    def __init__(self, rule: str, name: str, category: str, severity: str, count: int, errors: int,
                 lines: frozenset[int]) -> None:
        self.rule = rule
        self.name = name
        self.category = category
        self.severity = severity  # the worst of its findings
        self.count = count
        self.errors = errors
        self.lines = lines


def _hits(doc: Document, diagnostics: list[Diagnostic]) -> dict[str, _Hit]:
    by_rule: dict[str, list[Diagnostic]] = defaultdict(list)
    for diagnostic in diagnostics:
        by_rule[diagnostic.rule].append(diagnostic)
    return {rule: _Hit(rule, found[0].name, found[0].category, _worst(found), len(found),
                       sum(1 for d in found if d.severity == "error"), frozenset(d.line for d in found))
            for rule, found in sorted(by_rule.items())}


class _Context:
    """What a unit is scored from; kept so that gains can re-score with something changed."""

    __slots__ = ("hits", "line_count", "profile", "signals", "title")

    def __init__(self, signals: Signals, hits: dict[str, _Hit], profile: Profile | None, line_count: int,
                 title: str = "") -> None:
        self.signals = signals
        self.hits = hits
        self.profile = profile
        self.line_count = line_count
        self.title = title

    def replace(self, *, signals: Signals | None = None, hits: dict[str, _Hit] | None = None) -> _Context:
        """This context with its signals or hits changed."""
        return _Context(self.signals if signals is None else signals, self.hits if hits is None else hits,
                        self.profile, self.line_count, self.title)


def _metrics(ctx: _Context, model: dict[str, Any]) -> dict[str, float]:
    values: dict[str, float] = {k: v for k, v in vars(ctx.signals).items() if isinstance(v, int)}
    hits = ctx.hits.values()
    values["placeholders"] = sum(h.count for h in hits if h.category == "placeholder")
    values["residue_errors"] = sum(h.errors for h in hits if h.category == "residue")
    instruction = set(model.get("instruction_rules") or ())
    lines = set().union(*(h.lines for h in hits if h.name in instruction or h.rule in instruction))
    values["instruction_share"] = round(len(lines) / ctx.line_count, 3) if ctx.line_count else 0.0
    return values


def _credit(name: str, spec: dict[str, Any], signals: Signals) -> tuple[float, str]:
    """(fraction of the credit earned, 0–1; what was counted) for one credit."""
    if "of" in spec:
        whole = getattr(signals, spec["of"])
        part = getattr(signals, name)
        return (part / whole if whole else 0.0), f"{part}/{whole}"
    met = [f"{metric}={getattr(signals, metric)}" for metric, least in (spec.get("when") or {}).items()
           if getattr(signals, metric) >= least]
    return (1.0, met[0]) if met else (0.0, "0")


def _score_unit(ctx: _Context) -> UnitScore:
    model = _model(ctx.profile)
    signals = ctx.signals
    weights = {c: float(model["weights"].get(c, 0.0)) for c in CATEGORIES}
    idle: dict[str, float] = {}  # categories with nothing to judge (too few figures to check): weight set aside
    for category, spec in model["categories"].items():
        for metric, least in (spec.get("applies_when") or {}).items():
            if getattr(signals, metric) < least and weights.get(category):
                idle[category] = weights[category]
                weights[category] = 0.0
    total_weight = sum(weights.values()) or 1.0

    raw_deductions: dict[str, list[Deduction]] = defaultdict(list)
    for hit in ctx.hits.values():
        scale = float(model["categories"].get(hit.category, {}).get("deduction_scale", 1.0))
        raw_deductions[hit.category].append(Deduction(hit.rule, hit.category, hit.count,
                                                      _points(hit.severity, hit.count, model) * scale, hit.name,
                                                      hit.severity))
    for deduction in _shape_deductions(signals, ctx.profile, model, {h.name for h in ctx.hits.values()}):
        raw_deductions[deduction.category].append(deduction)

    categories: dict[str, float | None] = {}
    deductions: list[Deduction] = []
    credits: list[Credit] = []
    base_total = 0.0
    for category in CATEGORIES:
        spec = model["categories"].get(category, {})
        base = float(spec.get("base", 100))
        earned = []
        for name, credit_spec in (spec.get("credits") or {}).items():
            fraction, value = _credit(name, credit_spec, signals)
            earned.append(Credit(name, category, value, fraction * float(credit_spec["points"]),
                                 float(credit_spec["points"])))
        gained = sum(c.points for c in earned)
        if base + gained > 100:  # more credit than the category can hold: pro-rate it
            for c in earned:
                c.points *= (100 - base) / gained
            gained = 100 - base
        lost_items = raw_deductions.get(category, [])
        lost = sum(d.points for d in lost_items)
        if lost > base + gained:  # the sub-score floors at 0: pro-rate what was actually taken
            for d in lost_items:
                d.points *= (base + gained) / lost
            lost = base + gained
        weight = weights[category]
        share = weight / total_weight
        categories[category] = base + gained - lost if weight else None
        base_total += base * share
        for c in earned:
            c.overall = c.points * share
        for d in lost_items:
            d.overall = d.points * share
        if weight:
            credits.extend(earned)
            deductions.extend(lost_items)
        elif category in idle:
            # A finding in a category too idle to weigh still costs what it would cost there, so that
            # fixing it always helps; the category itself stays out of the mean (null).
            for d in lost_items:
                d.overall = d.points * idle[category] / (total_weight + idle[category])
                deductions.append(d)
    detached = sum(d.overall for d in deductions if categories[d.category] is None)
    uncapped = max(0.0, sum(weights[c] * (categories[c] or 0.0) for c in CATEGORIES) / total_weight - detached)
    caps = _caps(ctx, model)
    overall = min([uncapped, *(float(c.max) for c in caps)])
    deductions.sort(key=lambda d: -d.overall)
    return UnitScore(overall, uncapped, categories, weights, base_total, deductions, credits, caps, signals,
                     ctx.profile.name if ctx.profile else "", ctx.title)


_PRESENT = {"results": "results_sentences", "reflection": "reflection_items", "plan": "plan_items"}


def _present_kind(signals: Signals, kind: str) -> bool:
    if kind == "reflection" and signals.inline_problems >= 2:  # inline 未达预期…导致… counts (catalogue)
        return True
    count = _PRESENT.get(kind)
    return getattr(signals, count) > 0 if count else kind in signals.kinds


def _shape_deductions(signals: Signals, profile: Profile | None, model: dict[str, Any],
                      reported: set[str]) -> list[Deduction]:
    """Structure points for required sections that are absent and for project blocks left incomplete.
    A section a rule already reports missing (`section_rules`) costs only that rule's points."""
    out: list[Deduction] = []
    if profile is None:
        return out
    section_rules = model["categories"]["structure"].get("section_rules") or {}
    for kind, points in profile.required.items():
        if not _present_kind(signals, kind) and section_rules.get(kind) not in reported:
            out.append(Deduction("", "structure", 1, float(points), signal=f"missing_{kind}"))
    if profile.projects and signals.projects:
        spec = model["categories"]["structure"]
        incomplete = sum(1 for p in signals.projects if not (p.has_result and p.has_reflection))
        if incomplete:
            points = min(incomplete * float(spec["project_block_missing"]), float(spec["project_block_cap"]))
            out.append(Deduction("", "structure", incomplete, points, signal="incomplete_projects"))
    return out


def _caps(ctx: _Context, model: dict[str, Any]) -> list[Cap]:
    metrics = _metrics(ctx, model)
    name = ctx.profile.name if ctx.profile else None
    held = []
    for spec in model["caps"]:
        if name is not None and (name in spec.get("except", []) or ("only" in spec and name not in spec["only"])):
            continue
        value = metrics.get(spec["metric"], 0.0)
        hit = (("below" in spec and value < spec["below"]) or ("at_least" in spec and value >= spec["at_least"])
               or ("above" in spec and value > spec["above"]))
        if hit:
            held.append(Cap(spec["id"], int(spec["max"]), spec["metric"], value, label=dict(spec.get("label") or {})))
    return held


# ----------------------------------------------------------------------------- a whole file

def _in_unit(diagnostic: Diagnostic, units: list[Section]) -> int | None:
    for i, unit in enumerate(units):
        if unit.start <= diagnostic.start < max(unit.end, unit.start + 1):
            return i
    return None


def _contexts(doc: Document, diagnostics: list[Diagnostic], profiles: list[Profile | None]) -> list[_Context]:
    units = doc.units()
    if len(units) == 1:
        per_unit = [list(diagnostics)]
    else:
        per_unit = [[] for _ in units]
        for d in diagnostics:
            where = _in_unit(d, units)
            for i in range(len(units)) if where is None else [where]:  # file-level findings stain every unit
                per_unit[i].append(d)
    exclude = _not_content(diagnostics)
    contexts = []
    for unit, found, profile in zip(units, per_unit, profiles, strict=True):
        kinds = profile.results_kinds if profile else ("results",)
        signals = compute_signals(doc, unit, results_kinds=kinds, exclude=exclude)
        if unit is doc.root:
            signals.metrics = external_metrics(doc)
        text = doc.text if unit is doc.root else doc.text[unit.start:unit.end]
        lines = sum(1 for line in text.splitlines() if line.strip())
        contexts.append(_Context(signals, _hits(doc, found), profile, lines, "" if unit is doc.root else unit.title))
    return contexts


def _not_content(diagnostics: list[Diagnostic]) -> list[tuple[int, int]]:
    """Spans that are not the writer's content (template residue, and what its fixes would delete)."""
    categories = set(load_data("scoring.yaml")["signals"].get("not_content", ()))
    spans = []
    for d in diagnostics:
        if d.category in categories:
            spans.append((d.start, d.end))
            if d.fix is not None:
                spans.extend((e.start, e.end) for e in d.fix.edits if e.end > e.start)
    return spans


def _penalties(doc: Document, exclude: list[tuple[int, int]], mean: float) -> list[Penalty]:
    model = load_data("scoring.yaml")
    out = []
    for pid, spec in (model.get("penalties") or {}).items():
        if spec["metric"] != "repeated_share":
            continue
        total, repeated = repetition(doc, exclude)
        share = repeated / total if total else 0.0
        if share >= spec["from"]:
            factor = max(0.0, 1.0 - spec["factor_per_share"] * share)
            out.append(Penalty(pid, spec["metric"], share, factor, mean * (1 - factor), dict(spec.get("label") or {})))
            mean *= factor
    return out


def _factor(penalties: list[Penalty]) -> float:
    factor = 1.0
    for penalty in penalties:
        factor *= penalty.factor
    return factor


def _combine(units: list[UnitScore], gains: list[Gain], choice: GenreChoice | None,
             penalties: list[Penalty]) -> Score:
    n = len(units)
    overall = sum(u.overall for u in units) / n * _factor(penalties)
    score = max(0, min(100, round(overall)))
    categories: dict[str, int | None] = {}
    for category in CATEGORIES:
        values = [v for u in units if (v := u.categories[category]) is not None]
        categories[category] = round(sum(values) / len(values)) if values else None
    deductions: list[Deduction] = []
    credits: list[Credit] = []
    caps: list[Cap] = []
    for i, u in enumerate(units):
        index = i if n > 1 else None
        deductions.extend(dataclasses.replace(d, overall=d.overall / n, unit=index) for d in u.deductions)
        credits.extend(dataclasses.replace(c, overall=c.overall / n, unit=index) for c in u.credits)
        caps.extend(dataclasses.replace(cap, unit=index) for cap in u.caps)
    deductions.sort(key=lambda d: -d.overall)
    return Score(score, grade_for(score), categories, deductions, caps, credits, gains, units, choice, penalties)


def _gains(contexts: list[_Context], base: list[float], current: float, factor: float,
           counts: dict[str, int]) -> list[Gain]:
    """Re-score without each rule's findings, and with each signal category made complete.
    base: each unit's overall as scored; a unit the change does not touch keeps it (scoring is a pure
    function of the unit's context), so only the units that hold the rule, or whose signal would change,
    are scored again. counts: findings per rule in the whole file (file-level findings count once, not
    once per unit)."""

    def rescored(changed: list[_Context | None]) -> float:
        return sum(base[i] if c is None else _score_unit(c).overall for i, c in enumerate(changed)) / len(contexts)

    gains: list[Gain] = []
    for rule, hit in sorted({r: h for c in contexts for r, h in c.hits.items()}.items()):
        without = [c.replace(hits={r: h for r, h in c.hits.items() if r != rule}) if rule in c.hits
                   else None for c in contexts]
        gain = (rescored(without) - current) * factor
        if gain > 0.05:
            gains.append(Gain(gain, rule, hit.name, counts.get(rule, hit.count), category=hit.category))
    model = _model(contexts[0].profile)
    for category, spec in model["categories"].items():
        credits = spec.get("credits") or {}
        for name, credit in credits.items():
            if "of" in credit and not any(getattr(c.signals, credit["of"]) for c in contexts):
                continue  # nothing to improve yet: writing the part at all is the presence credit's gain
            improved: list[_Context | None] = []
            for c in contexts:
                changes = _completion(c.signals, name, credit, credits)
                improved.append(c.replace(signals=dataclasses.replace(c.signals, **changes))
                                if changes else None)
            gain = (rescored(improved) - current) * factor
            if gain > 0.05:
                value = ", ".join(_credit(name, credit, c.signals)[1] for c in contexts)
                gains.append(Gain(gain, signal=name, category=category, advice=dict(credit.get("advice") or {}),
                                  value=value))
    gains.sort(key=lambda g: (-g.gain, g.rule or g.signal))
    return gains


def _completion(signals: Signals, name: str, spec: dict[str, Any], category: dict[str, Any]) -> dict[str, Any]:
    """What would change in signals with this credit fully earned (nothing: already earned in this unit).
    A share: every item good. A presence credit (`when`) whose part is missing: the part written, with
    one item that earns every share."""
    if "of" in spec:
        whole = getattr(signals, spec["of"])
        return {name: whole} if getattr(signals, name) != whole else {}
    metric, least = next(iter(spec["when"].items()))
    if getattr(signals, metric) >= least:
        return {}
    changes = {metric: least}
    for other, other_spec in category.items():
        if "of" in other_spec and other_spec["of"] == metric:
            changes[other] = least
    return changes


def score_document(doc: Document, diagnostics: list[Diagnostic], choice: GenreChoice | None = None,
                   *, with_gains: bool = True) -> Score:
    """The file's score. choice is the genre (genre.detect); None scores with the auto-detected genre."""
    from .genre import detect, unit_profiles

    if choice is None:
        choice = detect(doc)
    profiles: list[Profile | None] = list(unit_profiles(doc, choice))
    contexts = _contexts(doc, diagnostics, profiles)
    units = [_score_unit(c) for c in contexts]
    current = sum(u.overall for u in units) / len(units)
    penalties = _penalties(doc, _not_content(diagnostics), current)
    counts: dict[str, int] = defaultdict(int)
    for d in diagnostics:
        counts[d.rule] += 1
    gains = _gains(contexts, [u.overall for u in units], current, _factor(penalties), counts) if with_gains else []
    return _combine(units, gains, choice, penalties)
