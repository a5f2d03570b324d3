"""The Python API: lint text or paths and get the same data as the JSON output.

    >>> import summarylint
    >>> report = summarylint.lint_text("二、工作成果\\n新增用户XX万。", path="周报.txt")
    >>> [d.rule for d in report.diagnostics]
    ['P001', ...]
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from .config import Config
from .engine import LintResult, lint_document
from .errors import InputError, SummarylintError
from .fixes import apply_fixes, refuse_reason, write_atomically
from .genre import AUTO, GenreChoice, detect, get_profile
from .inputs import Source, expand_paths, read_source
from .model import Document
from .parse import parse_document
from .registry import Rule, all_rules
from .report import FileReport, RunReport
from .scoring import score_document
from .workers import run_all, worker_count

_FIX_ROUNDS = 5


class Linter:
    """Rules loaded once, applied to many files (a team lead's folder of forty summaries)."""

    def __init__(self, config: Config | None = None, *, lang: str | None = None, plugins: bool = True,
                 profile: str | None = None):
        self.config = config or Config()
        self.lang = lang or self.config.lang or "zh"
        # The genre (rules/profiles.yaml): "auto" detects it per file; a name forces it.
        self.profile = profile or self.config.profile or AUTO
        self.profile_source = "--profile" if profile else self.config.path.name if self.config.path else "config"
        try:
            if self.profile != AUTO:
                get_profile(self.profile)  # an unknown name is a ConfigError
            rules = [r for r in all_rules(self.config.rule_packs, plugins=plugins) if self.config.selects(r.id)]
        except SummarylintError as exc:  # a broken rule pack or plugin: str(exc) in our language
            exc.lang = exc.lang or self.lang
            raise
        # Built-in rules are shared (cached): an override gets its own copy.
        self.rules: list[Rule] = [replace(r, severity=self.config.severity[r.id]) if r.id in self.config.severity
                                  else r for r in rules]

    def lint_text(self, text: str, path: str = "<text>", fmt: str | None = None,
                  encoding: str = "utf-8") -> FileReport:
        return self.lint_document(parse_document(text, path, fmt), encoding)

    def diagnose(self, doc: Document) -> tuple[LintResult, GenreChoice]:
        """The rules' findings on a parsed Document, without the score (what an editor shows)."""
        genre = detect(doc, self.profile, self.lang, self.profile_source)
        try:
            result = lint_document(doc, self.rules, lang=self.lang, profile=genre.rule_profile,
                                   rule_options=self.config.options)
        except SummarylintError as exc:  # a rule with an unknown check, bad per-rule options
            exc.lang = exc.lang or self.lang
            raise
        return result, genre

    def lint_document(self, doc: Document, encoding: str = "utf-8") -> FileReport:
        """Lint and score a parsed Document (the report's path is doc.path)."""
        result, genre = self.diagnose(doc)
        return FileReport(doc.path, doc, result.diagnostics, score_document(doc, result.diagnostics, genre),
                          result.errors, encoding)

    def lint_source(self, source: Source) -> FileReport:
        """One input read by inputs.read_source: text, or a Word document parsed with its heading styles."""
        if source.docx is not None:
            from .parse_docx import docx_document

            return self.lint_document(docx_document(source.docx, source.path), source.decoded.encoding)
        return self.lint_text(source.decoded.text, source.path, encoding=source.decoded.encoding)

    def lint_paths(self, paths: Iterable[str | Path], stdin_filename: str | None = None, *, fix: bool = False,
                   unsafe_fixes: bool = False, jobs: int | None = None) -> RunReport:
        """Check files and directories. jobs: worker processes (None or 0: one per CPU when there are
        enough files; 1: none); the report is the same either way, in the same order. Files that cannot
        be read are one-line messages in report.input_errors, in the Linter's language."""
        items = list(expand_paths([str(p) for p in paths]))
        files = sum(1 for item in items if not isinstance(item, InputError))
        workers = 1 if "-" in items else worker_count(jobs, files)

        def check(item: str | InputError) -> FileReport | InputError:
            return self._check_one(item, stdin_filename, fix, unsafe_fixes)

        report = RunReport()
        for result in run_all(check, items, workers):
            if isinstance(result, InputError):
                report.input_errors.append(result.message(self.lang))
            else:
                report.files.append(result)
        return report

    def _check_one(self, item: str | InputError, stdin_filename: str | None, fix: bool,
                   unsafe_fixes: bool) -> FileReport | InputError:
        if isinstance(item, InputError):
            return item
        try:
            source = read_source(item, stdin_filename)
            file_report = self.lint_source(source)
            return self._fix(source, file_report, unsafe_fixes) if fix else file_report
        except InputError as exc:
            return exc

    def _fix(self, source: Source, file_report: FileReport, unsafe: bool) -> FileReport:
        """Apply fixes, write the file atomically, and report what is left (fixes may take a few rounds).

        A file --fix must not (a Word document, stdin) or cannot write is still reported as checked,
        as it is, with the refusal among its errors (so the run exits 2)."""
        refusal = refuse_reason(source.path, self.lang)
        if refusal:
            file_report.errors.append(refusal)
            return file_report
        text, total, unfixed = source.decoded.text, 0, file_report
        for _ in range(_FIX_ROUNDS):
            text, applied = apply_fixes(text, file_report.diagnostics, unsafe)
            if not applied:
                break
            total += applied
            file_report = self.lint_text(text, source.path, encoding=source.decoded.encoding)
        if total:
            try:
                write_atomically(source.path, text, source.decoded)
            except InputError as exc:  # the file is as it was: report that, and why it was not fixed
                unfixed.errors.append(exc.message(self.lang))
                return unfixed
        file_report.fixed = total
        return file_report


def lint_text(text: str, *, path: str = "<text>", fmt: str | None = None, lang: str = "zh",
              config: Config | None = None, profile: str | None = None) -> FileReport:
    """Lint one summary given as text; fmt is "markdown" or "text" (default: from the path's suffix);
    profile is the genre (auto, kpi, project, methodology, weekly, annual; default: config, else auto)."""
    return Linter(config, lang=lang, profile=profile).lint_text(text, path, fmt)


def lint_paths(paths: Iterable[str | Path], *, lang: str = "zh", config: Config | None = None,
               jobs: int | None = None) -> RunReport:
    """Lint files and directories (recursing into .md/.markdown/.txt/.docx); jobs as in Linter.lint_paths."""
    return Linter(config, lang=lang).lint_paths(paths, jobs=jobs)
