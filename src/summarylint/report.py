"""The result of a run: per-file reports (diagnostics, score, sections) and input errors."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .diagnostics import Diagnostic
from .model import Document
from .scoring import Score


@dataclass
class FileReport:
    path: str
    document: Document
    diagnostics: list[Diagnostic]
    score: Score
    errors: list[str] = field(default_factory=list)  # rules that failed on this file
    encoding: str = "utf-8"
    fixed: int = 0  # edits written by --fix

    def sections_json(self) -> list[dict[str, Any]]:
        doc = self.document
        out = []
        for section in doc.sections():
            out.append({
                "kind": section.kind,
                "title": section.title,
                "level": section.level,
                "line": doc.line_col(section.start)[0],
                "end_line": doc.line_col(max(section.start, section.end - 1))[0] if section.end > section.start
                else doc.line_col(section.start)[0],
            })
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "score": self.score.score,
            "grade": self.score.grade,
            "categories": self.score.categories,
            "profile": self.score.profile_json(),
            "scoring": self.score.to_json(),
            "encoding": self.encoding,
            "sections": self.sections_json(),
            "diagnostics": [d.to_json() for d in self.diagnostics],
        }


@dataclass
class RunReport:
    files: list[FileReport] = field(default_factory=list)
    input_errors: list[str] = field(default_factory=list)

    def count(self, severity: str | None = None) -> int:
        return sum(1 for f in self.files for d in f.diagnostics if severity is None or d.severity == severity)

    def mean_score(self) -> float | None:
        if not self.files:
            return None
        return round(sum(f.score.score for f in self.files) / len(self.files), 1)

    def to_json(self) -> dict[str, Any]:
        return {
            "version": 1,
            "files": [f.to_json() for f in self.files],
            "errors": [*self.input_errors, *(e for f in self.files for e in f.errors)],
            "summary": {
                "files": len(self.files),
                "diagnostics": self.count(),
                "errors": self.count("error"),
                "warnings": self.count("warning"),
                "infos": self.count("info"),
                "mean_score": self.mean_score(),
            },
        }
