"""Findings → a 0–100 score, category sub-scores and a grade; weights are data in rules/scoring.yaml."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from .data import load_data
from .diagnostics import CATEGORIES, Diagnostic
from .model import Document


@dataclass
class Deduction:
    rule: str
    category: str
    count: int
    points: float


@dataclass
class Score:
    score: int
    grade: str
    categories: dict[str, int]
    deductions: list[Deduction] = field(default_factory=list)
    caps: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "deductions": [{"rule": d.rule, "category": d.category, "count": d.count, "points": round(d.points, 1)}
                           for d in self.deductions],
            "caps": self.caps,
        }


def grade_for(score: int) -> str:
    for grade, floor in load_data("scoring.yaml")["grades"].items():
        if score >= floor:
            return str(grade)
    return "E"


def score_document(doc: Document, diagnostics: list[Diagnostic]) -> Score:
    model = load_data("scoring.yaml")
    by_rule: dict[str, list[Diagnostic]] = defaultdict(list)
    for diagnostic in diagnostics:
        by_rule[diagnostic.rule].append(diagnostic)
    deductions = []
    for rule, found in by_rule.items():
        weights = model["severity"][found[0].severity]
        points = sum(weights["per_finding"] * weights["decay"] ** i for i in range(len(found)))
        deductions.append(Deduction(rule, found[0].category, len(found), min(points, weights["cap"])))
    per_category: dict[str, float] = defaultdict(float)
    for d in deductions:
        per_category[d.category] += d.points
    categories = {c: max(0, round(100 - per_category[c] * 2)) for c in CATEGORIES}
    total = 100 - sum(d.points for d in deductions)
    caps = []
    if sum(1 for d in diagnostics if d.category == "placeholder") >= 5:
        total = min(total, model["caps"]["placeholders_5_or_more"])
        caps.append("placeholders_5_or_more")
    if not any(block.sentences for block in doc.blocks()):
        total = min(total, model["caps"]["no_content"])
        caps.append("no_content")
    score = max(0, min(100, round(total)))
    return Score(score, grade_for(score), categories, deductions, caps)
