"""The Python API: lint text or paths and get the same data as the JSON output.

    >>> import summarylint
    >>> report = summarylint.lint_text("二、工作成果\\n新增用户XX万。", path="周报.txt")
    >>> [d.rule for d in report.diagnostics]
    ['P001', ...]
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .config import Config
from .engine import lint_document
from .errors import InputError
from .inputs import expand_paths, read_source
from .parse import parse_document
from .registry import Rule, all_rules
from .report import FileReport, RunReport
from .scoring import score_document


class Linter:
    """Rules loaded once, applied to many files (a team lead's folder of forty summaries)."""

    def __init__(self, config: Config | None = None, *, lang: str | None = None, plugins: bool = True):
        self.config = config or Config()
        self.lang = lang or self.config.lang or "zh"
        rules = [r for r in all_rules(self.config.rule_packs, plugins=plugins) if self.config.selects(r.id)]
        for rule in rules:
            if rule.id in self.config.severity:
                rule.severity = self.config.severity[rule.id]
        self.rules: list[Rule] = rules

    def lint_text(self, text: str, path: str = "<text>", fmt: str | None = None,
                  encoding: str = "utf-8") -> FileReport:
        doc = parse_document(text, path, fmt)
        result = lint_document(doc, self.rules, lang=self.lang, profile=self.config.profile,
                               rule_options=self.config.options)
        return FileReport(path, doc, result.diagnostics, score_document(doc, result.diagnostics), result.errors,
                          encoding)

    def lint_paths(self, paths: Iterable[str | Path], stdin_filename: str | None = None) -> RunReport:
        report = RunReport()
        for item in expand_paths([str(p) for p in paths]):
            if isinstance(item, InputError):
                report.input_errors.append(str(item))
                continue
            try:
                source = read_source(item, stdin_filename)
            except InputError as exc:
                report.input_errors.append(str(exc))
                continue
            report.files.append(self.lint_text(source.decoded.text, source.path, encoding=source.decoded.encoding))
        return report


def lint_text(text: str, *, path: str = "<text>", fmt: str | None = None, lang: str = "zh",
              config: Config | None = None) -> FileReport:
    """Lint one summary given as text; fmt is "markdown" or "text" (default: from the path's suffix)."""
    return Linter(config, lang=lang).lint_text(text, path, fmt)


def lint_paths(paths: Iterable[str | Path], *, lang: str = "zh", config: Config | None = None) -> RunReport:
    """Lint files and directories (recursing into .md/.markdown/.txt)."""
    return Linter(config, lang=lang).lint_paths(paths)
