"""What a rule reports: a finding inside a rule, a diagnostic once located and worded."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SEVERITIES = ("error", "warning", "info")
CATEGORIES = ("placeholder", "residue", "structure", "quantification", "consistency", "reflection", "plan", "style")


@dataclass(frozen=True)
class Edit:
    start: int
    end: int
    replacement: str


@dataclass(frozen=True)
class Fix:
    edits: tuple[Edit, ...]
    safe: bool = True


@dataclass
class Finding:
    """Produced by a check: where, the values for the message templates, and an optional fix.

    args values may be plain values or {"zh": …, "en": …} dicts, resolved for the output language.
    variant picks an alternative message/suggestion from the catalogue entry ("message_<variant>").
    """

    start: int
    end: int
    args: dict[str, Any] = field(default_factory=dict)
    fix: Fix | None = None
    variant: str | None = None
    severity: str | None = None  # overrides the rule's severity for this finding


@dataclass
class Diagnostic:
    rule: str
    name: str
    category: str
    severity: str
    message: str
    suggestion: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    fix: Fix | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "name": self.name,
            "category": self.category,
            "severity": self.severity,
            "message": self.message,
            "suggestion": self.suggestion,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "offset": self.start,
            "end_offset": self.end,
            "fix": None if self.fix is None else {
                "safe": self.fix.safe,
                "edits": [{"offset": e.start, "end_offset": e.end, "replacement": e.replacement}
                          for e in self.fix.edits],
            },
        }
