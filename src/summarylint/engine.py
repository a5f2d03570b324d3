"""Run rules over a Document and turn their findings into located, worded diagnostics.

A rule that raises is reported as an internal error of that rule (the run goes on with
the others) rather than a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .diagnostics import Diagnostic, Finding
from .errors import ConfigError, RuleError
from .model import Document
from .registry import Rule
from .suppress import filter_suppressed


@dataclass
class RuleContext:
    rule: Rule
    lang: str = "zh"
    options: dict[str, Any] = field(default_factory=dict)
    profile: str | None = None

    def option(self, name: str, default: Any = None) -> Any:
        return self.options.get(name, self.rule.options.get(name, default))


class _Template(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def localize(value: Any, lang: str) -> Any:
    if isinstance(value, dict) and "zh" in value:
        return value.get(lang) or value["zh"]
    return value


def render(rule: Rule, key: str, finding: Finding, lang: str) -> str:
    variant = f"{key}_{finding.variant}" if finding.variant else key
    template = rule.text.get(variant) or rule.text.get(key)
    if not template:
        return ""
    args = _Template({name: localize(value, lang) for name, value in finding.args.items()})
    return localize(template, lang).format_map(args)  # in C; unknown {names} stay as written


@dataclass
class LintResult:
    diagnostics: list[Diagnostic]
    errors: list[str]


def lint_document(doc: Document, rules: list[Rule], *, lang: str = "zh", profile: str | None = None,
                  rule_options: dict[str, dict[str, Any]] | None = None) -> LintResult:
    diagnostics: list[Diagnostic] = []
    errors: list[str] = []
    for rule in rules:
        ctx = RuleContext(rule, lang, (rule_options or {}).get(rule.id, {}), profile)
        try:
            findings = list(rule.run(doc, ctx))
        except ConfigError:
            raise
        except Exception as exc:
            errors.append(rule_failure(doc.path, rule, exc, lang))
            continue
        diagnostics.extend(_diagnostic(doc, rule, f, lang) for f in findings)
    diagnostics = filter_suppressed(doc.text, diagnostics)  # <!-- summarylint-disable … --> comments
    diagnostics.sort(key=lambda d: (d.start, d.end, d.rule))
    return LintResult(diagnostics, errors)


def rule_failure(path: str, rule: Rule, exc: Exception, lang: str = "zh") -> str:
    """The one-line message for a rule that raised (the exception's type and text in both languages)."""
    detail = f"{type(exc).__name__}: {exc}"
    return RuleError(f"{path}: rule {rule.id} ({rule.name}) failed: {detail}",
                     zh=f"{path}: 规则 {rule.id}（{rule.name}）运行出错：{detail}").message(lang)


def _diagnostic(doc: Document, rule: Rule, finding: Finding, lang: str) -> Diagnostic:
    line, column = doc.line_col(finding.start)
    end_line, end_column = doc.line_col(finding.end)
    return Diagnostic(
        rule=rule.id, name=rule.name, category=rule.category, severity=finding.severity or rule.severity,
        message=render(rule, "message", finding, lang), suggestion=render(rule, "suggestion", finding, lang),
        start=finding.start, end=finding.end, line=line, column=column, end_line=end_line,
        end_column=end_column, fix=finding.fix,
    )
