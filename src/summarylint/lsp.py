"""`summarylint lsp`: a language server (LSP over stdio, pygls 2.x) for editors.

- Diagnostics on open, change and save, the same as `summarylint check` gives for the same text.
- Quick fixes from each diagnostic's fix edits, and a `source.fixAll.summarylint` action that
  applies every safe fix (the edits `summarylint check --fix` would write).
- Hover on a finding: the rule's documentation (what `summarylint rule ID` prints).
- The user's config: the nearest summarylint.toml / .summarylint.toml / pyproject.toml
  [tool.summarylint] above the document, as the CLI finds it; looked up on every lint and
  reloaded when its modification time changes.
- Every keystroke re-lints the document: the rules (loaded once per config, with the Linter) run
  on the new text, but the score is not computed, since an editor shows no score (the gains alone
  re-score the document once per rule). What rules ask of unchanged sentences is cached.
  `initializationOptions: {"lang": "en", "profile": "weekly"}` override the message language and
  the genre, as `--lang` and `--profile` do on the command line (`summarylint lsp --lang en` sets the
  language too). Errors (a broken config, a rule that fails) are in that language, else the config's,
  else Chinese.

Positions: summarylint counts code points; LSP counts UTF-16 code units unless the client
offers another encoding (`general.positionEncodings`), which pygls negotiates. PositionMap
converts both ways using LSP's own line breaks (\\n, \\r\\n, \\r).

This module imports pygls (0.4 s): only the `lsp` command imports it.
"""

from __future__ import annotations

import bisect
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from . import __version__
from .api import Linter
from .config import Config, find_config, load_config
from .diagnostics import Diagnostic
from .errors import SummarylintError
from .formatters.sarif_format import describe_fix
from .parse import parse_document
from .registry import Rule

SOURCE = "summarylint"
FIX_ALL = f"{types.CodeActionKind.SourceFixAll.value}.summarylint"
_SEVERITY = {"error": types.DiagnosticSeverity.Error, "warning": types.DiagnosticSeverity.Warning,
             "info": types.DiagnosticSeverity.Information}
_LINE_BREAK_RE = re.compile(r"\r\n|\r|\n")
_UNSUPPORTED_SUFFIXES = (".docx", ".doc", ".pdf")
_FIX_ALL_TITLE = {"zh": "summarylint：应用全部安全修复", "en": "summarylint: apply all safe fixes"}


class PositionMap:
    """Code-point offsets ⇄ LSP positions in the negotiated encoding (utf-16 by default)."""

    def __init__(self, text: str, encoding: str = "utf-16"):
        self.text = text
        self.encoding = str(encoding)
        self.starts = [0] + [m.end() for m in _LINE_BREAK_RE.finditer(text)]

    def units(self, s: str) -> int:
        if self.encoding == "utf-32" or s.isascii():
            return len(s)
        if self.encoding == "utf-8":
            return len(s.encode("utf-8", "surrogatepass"))
        return len(s.encode("utf-16-le", "surrogatepass")) // 2

    def position(self, offset: int) -> types.Position:
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.starts, offset) - 1
        return types.Position(line=line, character=self.units(self.text[self.starts[line]:offset]))

    def range(self, start: int, end: int) -> types.Range:
        return types.Range(start=self.position(start), end=self.position(end))

    def offset(self, position: types.Position) -> int:
        if position.line >= len(self.starts):
            return len(self.text)
        start = self.starts[position.line]
        end = self.starts[position.line + 1] if position.line + 1 < len(self.starts) else len(self.text)
        line = self.text[start:end].rstrip("\r\n")
        if self.encoding == "utf-32" or line.isascii():
            return start + min(position.character, len(line))
        units = 0
        for i, ch in enumerate(line):
            if units >= position.character:
                return start + i
            units += self.units(ch)
        return start + len(line)


@dataclass
class _Linted:
    version: int | None
    diagnostics: list[Diagnostic] | None  # None: the lint failed (a broken config)
    positions: PositionMap
    linter: Linter | None


def diagnose(linter: Linter, text: str, path: str, fmt: str | None = None) -> tuple[list[Diagnostic], list[str]]:
    """What `linter.lint_text(text, path, fmt)` reports (diagnostics, rule errors), without the score:
    the same genre, rules, language and rule options, the same suppressions."""
    result, _ = linter.diagnose(parse_document(text, path, fmt))
    return result.diagnostics, result.errors


@dataclass
class SummarylintServer:
    """The state behind the pygls server: linters per config file, the last result per document."""

    server: LanguageServer
    lang: str | None = None
    profile: str | None = None
    linters: dict[Path | None, tuple[float, Linter]] = field(default_factory=dict)
    results: dict[str, _Linted] = field(default_factory=dict)
    reported_errors: set[str] = field(default_factory=set)
    last_lint_seconds: float = 0.0

    # -- configuration -------------------------------------------------------------------------------
    def linter_for(self, path: str | None) -> Linter:
        """The Linter for a document's config, looked up on every lint (a few stat calls), so that a
        config file created, edited or deleted outside the editor takes effect on the next keystroke."""
        folder = Path(path).parent if path else Path.cwd()
        config_path = find_config(folder if folder.is_dir() else Path.cwd())
        mtime = _mtime(config_path)
        cached = self.linters.get(config_path)
        if cached is None or cached[0] != mtime:
            config = load_config(config_path) if config_path else Config()
            cached = (mtime, Linter(config, lang=self.lang, profile=self.profile))
            self.linters[config_path] = cached
        return cached[1]

    # -- linting -------------------------------------------------------------------------------------
    def lint(self, uri: str) -> None:
        document = self.server.workspace.get_text_document(uri)
        path = document.path if uri.startswith("file:") else None
        text = document.source
        positions = PositionMap(text, str(self.server.workspace.position_encoding or "utf-16"))
        if (path or uri).lower().endswith(_UNSUPPORTED_SUFFIXES):
            self.results.pop(uri, None)
            return
        diagnostics: list[types.Diagnostic] = []
        found: list[Diagnostic] | None = None
        errors: list[str] = []
        linter: Linter | None = None
        started = time.perf_counter()
        try:
            linter = self.linter_for(path)
            found, errors = diagnose(linter, text, path or document.filename or uri, _fmt(document.language_id, path))
        except SummarylintError as exc:  # a broken config or rule pack: say so where the user looks
            message = exc.message(self.lang)  # else the config's lang when known (set on the error), else zh
            diagnostics.append(types.Diagnostic(range=positions.range(0, 0), message=f"summarylint: {message}",
                                                severity=types.DiagnosticSeverity.Error, source=SOURCE))
            self._tell_once(message, types.MessageType.Error)
        except Exception as exc:  # a bug of ours must not leave stale squiggles or kill the session
            import traceback

            where, detail = path or uri, f"{type(exc).__name__}: {exc}"
            message = SummarylintError(f"internal error on {where}: {detail}",
                                       zh=f"处理 {where} 时发生内部错误：{detail}").message(
                                           self.lang or (linter.lang if linter else None))
            self.server.window_log_message(types.LogMessageParams(
                type=types.MessageType.Error, message=f"summarylint: {message}\n{traceback.format_exc()}"))
            diagnostics.append(types.Diagnostic(range=positions.range(0, 0), message=f"summarylint: {message}",
                                                severity=types.DiagnosticSeverity.Error, source=SOURCE))
            self._tell_once(message, types.MessageType.Error)
        self.last_lint_seconds = time.perf_counter() - started
        if found is not None:
            diagnostics = [to_lsp(d, positions) for d in found]
            for error in errors:
                self._tell_once(error, types.MessageType.Warning)
        self.results[uri] = _Linted(document.version, found, positions, linter)
        self.server.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=document.version))

    def _tell_once(self, message: str, kind: types.MessageType) -> None:
        if message not in self.reported_errors:
            self.reported_errors.add(message)
            self.server.window_show_message(types.ShowMessageParams(type=kind, message=message))

    def close(self, uri: str) -> None:
        self.results.pop(uri, None)
        self.server.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    # -- code actions and hover ------------------------------------------------------------------------
    def _current(self, uri: str) -> _Linted | None:
        linted = self.results.get(uri)
        document = self.server.workspace.get_text_document(uri)
        if linted is None or linted.version != document.version:
            self.lint(uri)
            linted = self.results.get(uri)
        return linted

    def code_actions(self, params: types.CodeActionParams) -> list[types.CodeAction]:
        uri = params.text_document.uri
        linted = self._current(uri)
        if linted is None or linted.diagnostics is None:
            return []
        lang = linted.linter.lang if linted.linter else "zh"
        only = params.context.only
        positions = linted.positions
        start, end = positions.offset(params.range.start), positions.offset(params.range.end)
        actions: list[types.CodeAction] = []
        if not only or any(types.CodeActionKind.QuickFix.value.startswith(k) for k in only):
            for d in linted.diagnostics:
                if d.fix is None or not d.fix.edits or not (d.start <= end and start <= d.end):
                    continue
                title = f"{d.rule} {describe_fix(d, positions.text, lang)}"
                actions.append(types.CodeAction(
                    title=title, kind=types.CodeActionKind.QuickFix, diagnostics=[to_lsp(d, positions)],
                    is_preferred=d.fix.safe,
                    edit=self._workspace_edit(uri, linted, [(e.start, e.end, e.replacement) for e in d.fix.edits]),
                ))
        if not only or any(FIX_ALL.startswith(k) for k in only):
            from .fixes import select_edits

            edits = select_edits(linted.diagnostics)
            if edits:
                actions.append(types.CodeAction(
                    title=_FIX_ALL_TITLE.get(lang, _FIX_ALL_TITLE["zh"]), kind=FIX_ALL,
                    edit=self._workspace_edit(uri, linted, [(e.start, e.end, e.replacement) for e in edits]),
                ))
        return actions

    def _workspace_edit(self, uri: str, linted: _Linted, edits: list[tuple[int, int, str]]) -> types.WorkspaceEdit:
        text_edits = [types.TextEdit(range=linted.positions.range(s, e), new_text=r) for s, e, r in edits]
        capabilities = self.server.client_capabilities
        workspace = capabilities.workspace if capabilities else None
        edit_caps = workspace.workspace_edit if workspace else None
        if edit_caps is not None and edit_caps.document_changes:
            identifier = types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=linted.version)
            return types.WorkspaceEdit(document_changes=[
                types.TextDocumentEdit(text_document=identifier, edits=list(text_edits))])
        return types.WorkspaceEdit(changes={uri: text_edits})

    def hover(self, params: types.HoverParams) -> types.Hover | None:
        from .cli import rule_doc

        linted = self._current(params.text_document.uri)
        if linted is None or linted.diagnostics is None or linted.linter is None:
            return None
        offset = linted.positions.offset(params.position)
        hits = sorted((d for d in linted.diagnostics if d.start <= offset <= d.end),
                      key=lambda d: (d.end - d.start, d.start))
        if not hits:
            return None
        rules: dict[str, Rule] = {r.id: r for r in linted.linter.rules}
        parts: list[str] = []
        for d in hits:
            parts.append(f"**{d.rule}** {d.message}" + (f"\n\n→ {d.suggestion}" if d.suggestion else ""))
        for rule_id in dict.fromkeys(d.rule for d in hits):
            if rule_id in rules:
                parts.append(rule_doc(rules[rule_id], linted.linter.lang))
        value = "\n\n---\n\n".join(parts)  # the narrowest finding first; its range is the hover's
        return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=value),
                           range=linted.positions.range(hits[0].start, hits[0].end))


def _mtime(path: Path | None) -> float:
    if path is None:
        return 0.0
    try:
        return path.stat().st_mtime
    except OSError:
        return -1.0


def _fmt(language_id: str | None, path: str | None) -> str | None:
    if path and Path(path).suffix:
        return None  # the suffix decides, as on the command line
    if language_id == "markdown":
        return "markdown"
    return "text"


def to_lsp(d: Diagnostic, positions: PositionMap) -> types.Diagnostic:
    message = d.message + (f"\n→ {d.suggestion}" if d.suggestion else "")
    return types.Diagnostic(
        range=positions.range(d.start, d.end), message=message, severity=_SEVERITY[d.severity], code=d.rule,
        source=SOURCE, data={"rule": d.rule, "category": d.category, "fixable": d.fix is not None},
    )


def create_server(lang: str | None = None) -> LanguageServer:
    """lang: the message language (`summarylint lsp --lang`); the client's initializationOptions override it."""
    server = LanguageServer(SOURCE, __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
    state = SummarylintServer(server, lang=lang)
    server.summarylint = state  # type: ignore[attr-defined]  # for tests and benchmarks

    @server.feature(types.INITIALIZE)
    def initialize(params: types.InitializeParams) -> None:
        options: Any = params.initialization_options
        if isinstance(options, dict):
            if options.get("lang") in ("zh", "en"):
                state.lang = options["lang"]
            if isinstance(options.get("profile"), str):
                state.profile = options["profile"]

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(params: types.DidOpenTextDocumentParams) -> None:
        state.lint(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(params: types.DidChangeTextDocumentParams) -> None:
        state.lint(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=False))
    def did_save(params: types.DidSaveTextDocumentParams) -> None:
        state.lint(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(params: types.DidCloseTextDocumentParams) -> None:
        state.close(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL], resolve_provider=False))
    def code_action(params: types.CodeActionParams) -> list[types.CodeAction]:
        return state.code_actions(params)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(params: types.HoverParams) -> types.Hover | None:
        return state.hover(params)

    return server


def serve(lang: str | None = None) -> None:
    """Run the server on stdin/stdout until the client says exit."""
    create_server(lang).start_io()
