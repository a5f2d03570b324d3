"""The language server end to end: pytest-lsp starts `summarylint lsp` as a process and drives it as an
editor would (VS Code's and Neovim's recorded client capabilities), over stdio.

The reference is always the CLI: the same text must give the same diagnostics as
`summarylint check --format json`, at the same places expressed in the client's position encoding
(UTF-16 code units for VS Code, UTF-8 bytes for Neovim, which offers utf-8 first).
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

from summarylint.diagnostics import Diagnostic, Edit, Fix
from summarylint.fixes import apply_fixes

from .conftest import SAMPLES
from .helpers import run_json, validate_report

pytestmark = pytest.mark.asyncio

SERVER = [sys.executable, "-m", "summarylint", "lsp"]
# The same server with one extra check registered, for a rule pack with fixes (quick fixes need one
# whose edits we control). It is still the real `summarylint lsp` command, started as a process.
WITH_FIXES = textwrap.dedent('''
    import re
    import sys
    from summarylint.diagnostics import Edit, Finding, Fix
    from summarylint.registry import check

    @check("test-ascii-comma")
    def ascii_comma(doc, ctx):
        for m in re.finditer(r"(?<=[\\u4e00-\\u9fff]),(?=[\\u4e00-\\u9fff])", doc.text):
            yield Finding(m.start(), m.end(), {"text": ","}, Fix((Edit(m.start(), m.end(), "，"),), safe=True))
        for m in re.finditer(r"abc", doc.text):
            yield Finding(m.start(), m.end(), {"text": "abc"}, Fix((Edit(m.start(), m.end(), "ABC"),), safe=False))

    from summarylint.cli import main
    main(sys.argv[1:])
''')
SERVER_WITH_FIXES = [sys.executable, "-c", WITH_FIXES, "lsp"]
PACK = """\
- id: X901
  name: ascii-comma
  category: style
  severity: warning
  check: test-ascii-comma
  message: {zh: "测试规则：“{text}”", en: "test rule: \\"{text}\\""}
  suggestion: {zh: "按修复改写", en: "Apply the fix"}
  fixable: true
"""
# Emoji and a CJK Extension B character (both outside the BMP: 2 UTF-16 units, 4 UTF-8 bytes) before placeholders.
ASTRAL = "二、工作成果\n😀😀𠀀新增用户XX万，𠀀转化率达到XX%。\n（一）细节\n😀 销售额XXX万元，同比增长xx%。\n"
CLEAN = "二、工作成果\n本季度新增用户3.2万，转化率由2.1%提升到2.6%。\n"


async def _start(lsp_client: LanguageClient, spec: str, options: dict[str, Any] | None = None) -> None:
    capabilities = client_capabilities(spec)
    await lsp_client.initialize_session(types.InitializeParams(capabilities=capabilities,
                                                               initialization_options=options))


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER), params=["visual-studio-code", "neovim"])
async def client(lsp_client: LanguageClient, request: pytest.FixtureRequest):
    await _start(lsp_client, request.param)
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def vscode(lsp_client: LanguageClient):
    await _start(lsp_client, "visual-studio-code")
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def english(lsp_client: LanguageClient):
    await _start(lsp_client, "visual-studio-code", {"lang": "en"})
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER_WITH_FIXES), params=["visual-studio-code", "neovim"])
async def fixer(lsp_client: LanguageClient, request: pytest.FixtureRequest):
    await _start(lsp_client, request.param)
    yield
    await lsp_client.shutdown_session()


# -- helpers: an independent reference for positions ------------------------------------------------------
def encoding_of(client: LanguageClient) -> str:
    caps = client.capabilities
    offered = caps.general.position_encodings if caps and caps.general else None
    return str(offered[0]) if offered else "utf-16"


def units(s: str, encoding: str) -> int:
    if encoding == "utf-8":
        return len(s.encode("utf-8"))
    if encoding == "utf-32":
        return len(s)
    return len(s.encode("utf-16-le")) // 2


def position(text: str, line: int, column: int, encoding: str) -> tuple[int, int]:
    """1-based code-point line/column (as the CLI prints it) → LSP (line, character)."""
    line_text = text.split("\n")[line - 1]
    return line - 1, units(line_text[: column - 1], encoding)


def expected_from_cli(path: Path, text: str, encoding: str, *, with_fixes: bool = False) -> list[tuple[Any, ...]]:
    if with_fixes:  # the CLI with the same extra check registered
        proc = subprocess.run([sys.executable, "-c", WITH_FIXES, "check", "--format", "json", str(path)],
                              capture_output=True, timeout=120)
        code, report = proc.returncode, validate_report(json.loads(proc.stdout.decode("utf-8")))
    else:
        code, report, _ = run_json(str(path))
    assert code in (0, 1)
    out = []
    for d in report["files"][0]["diagnostics"]:
        message = d["message"] + (f"\n→ {d['suggestion']}" if d["suggestion"] else "")
        severity = {"error": 1, "warning": 2, "info": 3}[d["severity"]]
        out.append((d["rule"], position(text, d["line"], d["column"], encoding),
                    position(text, d["end_line"], d["end_column"], encoding), severity, message))
    return sorted(out)


def cli_diagnostics(path: Path) -> list[Diagnostic]:
    """The CLI's diagnostics (with the extra check), back as Diagnostic objects with their fixes."""
    proc = subprocess.run([sys.executable, "-c", WITH_FIXES, "check", "--format", "json", str(path)],
                          capture_output=True, timeout=120)
    out = []
    for d in json.loads(proc.stdout.decode("utf-8"))["files"][0]["diagnostics"]:
        fix = d["fix"] and Fix(tuple(Edit(e["offset"], e["end_offset"], e["replacement"]) for e in d["fix"]["edits"]),
                               d["fix"]["safe"])
        out.append(Diagnostic(d["rule"], d["name"], d["category"], d["severity"], d["message"], d["suggestion"],
                              d["offset"], d["end_offset"], d["line"], d["column"], d["end_line"], d["end_column"],
                              fix or None))
    return out


def got(client: LanguageClient, uri: str) -> list[tuple[Any, ...]]:
    return sorted((d.code, (d.range.start.line, d.range.start.character), (d.range.end.line, d.range.end.character),
                   int(d.severity or 0), d.message) for d in client.diagnostics.get(uri, []))


async def published(client: LanguageClient) -> None:
    await asyncio.wait_for(client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), 30)


async def open_doc(client: LanguageClient, path: Path, text: str, language: str = "plaintext") -> str:
    uri = path.as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id=language, version=1, text=text)))
    await published(client)
    return uri


def write(path: Path, text: str) -> Path:
    path.write_bytes(text.encode("utf-8"))
    return path


def apply_lsp_edits(text: str, edits: list[types.TextEdit], encoding: str) -> str:
    """Apply LSP text edits the way a client does, in its own position units."""
    lines = text.split("\n")

    def offset(pos: types.Position) -> int:
        before = sum(len(line) + 1 for line in lines[: pos.line])
        line, n = lines[pos.line], 0
        for i in range(len(line) + 1):
            if n >= pos.character:
                return before + i
            n += units(line[i], encoding) if i < len(line) else 1
        return before + len(line)

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        start, end = offset(edit.range.start), offset(edit.range.end)
        text = text[:start] + edit.new_text + text[end:]
    return text


def text_edits(action: types.CodeAction, uri: str) -> list[types.TextEdit]:
    assert action.edit is not None
    if action.edit.document_changes:
        out: list[types.TextEdit] = []
        for change in action.edit.document_changes:
            assert isinstance(change, types.TextDocumentEdit) and change.text_document.uri == uri
            out.extend(e for e in change.edits if isinstance(e, types.TextEdit))
        return out
    assert action.edit.changes is not None
    return list(action.edit.changes[uri])


# -- tests ---------------------------------------------------------------------------------------------------
async def test_diagnostics_match_the_cli_at_client_positions(client: LanguageClient, tmp_path: Path) -> None:
    encoding = encoding_of(client)
    path = write(tmp_path / "周报.txt", ASTRAL)
    uri = await open_doc(client, path, ASTRAL)
    expected = expected_from_cli(path, ASTRAL, encoding)
    assert [e[0] for e in expected].count("P001") == 4
    assert got(client, uri) == expected
    # The astral characters really shift the positions: XX on line 2 is after 😀😀𠀀新增用户 (7 code points).
    first = min(d for d in got(client, uri) if d[1][0] == 1)
    assert first[1] == (1, {"utf-16": 10, "utf-8": 24, "utf-32": 7}[encoding])


async def test_markdown_and_crlf_files_match_the_cli(client: LanguageClient, tmp_path: Path) -> None:
    encoding = encoding_of(client)
    for sample, language in (("kpi_placeholders.md", "markdown"), ("kpi_placeholders_crlf.txt", "plaintext")):
        path = tmp_path / sample
        path.write_bytes((SAMPLES / sample).read_bytes())
        text = path.read_bytes().decode("utf-8")
        uri = await open_doc(client, path, text, language)
        expected = expected_from_cli(path, text, encoding)
        assert expected and got(client, uri) == expected, sample


async def test_incremental_change_and_save_relint(vscode: LanguageClient, tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", CLEAN)
    uri = await open_doc(vscode, path, CLEAN)
    assert got(vscode, uri) == expected_from_cli(path, CLEAN, "utf-16")
    assert "P001" not in {d[0] for d in got(vscode, uri)}
    # Type "😀XX" at the start of line 2 (positions in UTF-16, as VS Code sends them).
    vscode.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
        content_changes=[types.TextDocumentContentChangePartial(
            range=types.Range(start=types.Position(line=1, character=0), end=types.Position(line=1, character=0)),
            text="😀XX")]))
    await published(vscode)
    new_text = CLEAN.replace("\n本季度", "\n😀XX本季度")
    assert got(vscode, uri) == expected_from_cli(write(path, new_text), new_text, "utf-16")
    assert [d[1] for d in got(vscode, uri) if d[0] == "P001"] == [(1, 2)]
    vscode.text_document_did_save(types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri)))
    await published(vscode)
    assert [d[0] for d in got(vscode, uri)].count("P001") == 1
    vscode.text_document_did_close(types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri)))
    await published(vscode)
    assert got(vscode, uri) == []


async def test_the_users_config_is_honoured_and_reloaded(vscode: LanguageClient, tmp_path: Path) -> None:
    config = tmp_path / "summarylint.toml"
    config.write_text('ignore = ["P001"]\nlang = "en"\n', encoding="utf-8")
    sub = tmp_path / "team"
    sub.mkdir()
    path = write(sub / "周报.txt", ASTRAL)
    uri = await open_doc(vscode, path, ASTRAL)
    rules = {d[0] for d in got(vscode, uri)}
    assert "P001" not in rules
    # The CLI reads the same config: the same rules, in English.
    assert got(vscode, uri) == expected_from_cli(path, ASTRAL, "utf-16")
    config.write_text('select = ["P001"]\n', encoding="utf-8")
    os.utime(config, (1, 1))  # a different mtime even on a coarse clock
    vscode.text_document_did_save(types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri)))
    await published(vscode)
    assert {d[0] for d in got(vscode, uri)} == {"P001"}
    assert any("占位符" in d.message for d in vscode.diagnostics[uri])


async def test_a_broken_config_is_reported_not_fatal(vscode: LanguageClient, tmp_path: Path) -> None:
    (tmp_path / "summarylint.toml").write_text("select = [\n", encoding="utf-8")
    path = write(tmp_path / "a.txt", ASTRAL)
    uri = await open_doc(vscode, path, ASTRAL)
    [diagnostic] = vscode.diagnostics[uri]
    assert diagnostic.message.startswith("summarylint: ") and "summarylint.toml" in diagnostic.message
    assert "TOML 格式有误" in diagnostic.message  # Chinese, as the findings are by default
    assert any("summarylint.toml" in m.message for m in vscode.messages)
    # The server is still alive and serves other documents.
    other = tmp_path.parent / f"{tmp_path.name}-ok"
    other.mkdir()
    (other / "summarylint.toml").write_text("", encoding="utf-8")
    uri2 = await open_doc(vscode, write(other / "b.txt", ASTRAL), ASTRAL)
    assert any(d[0] == "P001" for d in got(vscode, uri2))


async def test_a_broken_config_is_reported_in_english_when_asked(english: LanguageClient, tmp_path: Path) -> None:
    config = tmp_path / "summarylint.toml"
    config.write_text("select = [\n", encoding="utf-8")
    path = write(tmp_path / "a.txt", ASTRAL)
    uri = await open_doc(english, path, ASTRAL)
    [diagnostic] = english.diagnostics[uri]
    assert diagnostic.message.startswith(f"summarylint: {config}: invalid TOML: ")


async def test_hover_shows_the_rule_documentation(vscode: LanguageClient, tmp_path: Path) -> None:
    uri = await open_doc(vscode, write(tmp_path / "a.txt", ASTRAL), ASTRAL)
    p001 = next(d for d in vscode.diagnostics[uri] if d.code == "P001")
    inside = types.Position(line=p001.range.start.line, character=p001.range.start.character + 1)
    hover = await vscode.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=inside))
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    assert hover.contents.kind == types.MarkupKind.Markdown
    assert "# P001 latin-placeholder" in hover.contents.value and "XX" in hover.contents.value
    assert hover.range == p001.range  # the narrowest finding under the cursor
    # Where no finding is, no hover.
    for line, character in ((0, 0), (0, 3), (2, 1)):
        here = types.Position(line=line, character=character)
        covered = any((d.range.start.line, d.range.start.character) <= (line, character)
                      <= (d.range.end.line, d.range.end.character) for d in vscode.diagnostics[uri])
        hover = await vscode.text_document_hover_async(types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=here))
        assert (hover is not None) == covered


async def test_english_messages_from_initialization_options(english: LanguageClient, tmp_path: Path) -> None:
    (tmp_path / "summarylint.toml").write_text("", encoding="utf-8")
    uri = await open_doc(english, write(tmp_path / "a.txt", ASTRAL), ASTRAL)
    assert any(d.message.startswith("Placeholder") for d in english.diagnostics[uri])


async def test_quick_fixes_and_fix_all(fixer: LanguageClient, tmp_path: Path) -> None:
    encoding = encoding_of(fixer)
    (tmp_path / "team.yaml").write_text(PACK, encoding="utf-8")
    (tmp_path / "summarylint.toml").write_text('rule_packs = ["team.yaml"]\n', encoding="utf-8")
    text = "二、工作成果\n😀𠀀完成了3个版本,修复缺陷27个,上线顺利abc。\n"
    path = write(tmp_path / "周报.txt", text)
    uri = await open_doc(fixer, path, text)
    assert got(fixer, uri) == expected_from_cli(path, text, encoding, with_fixes=True)
    ours = [d for d in fixer.diagnostics[uri] if d.code == "X901"]
    assert len(ours) == 3
    first = min(ours, key=lambda d: d.range.start.character)
    actions = await fixer.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=first.range,
        context=types.CodeActionContext(diagnostics=[first])))
    assert actions is not None
    quick = [a for a in actions if isinstance(a, types.CodeAction) and a.kind == types.CodeActionKind.QuickFix
             and a.title.startswith("X901")]  # (built-in punctuation rules may offer their own fix too)
    assert len(quick) == 1 and quick[0].is_preferred
    assert quick[0].diagnostics and quick[0].diagnostics[0].range == first.range
    assert apply_lsp_edits(text, text_edits(quick[0], uri), encoding) == text.replace("版本,", "版本，")
    # The unsafe fix is offered, but not preferred.
    bang = next(d for d in ours if "abc" in d.message)
    actions = await fixer.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=bang.range,
        context=types.CodeActionContext(diagnostics=[bang], only=[types.CodeActionKind.QuickFix])))
    assert actions is not None
    assert [a.is_preferred for a in actions if isinstance(a, types.CodeAction) and a.title.startswith("X901")] == [False]
    assert all(a.kind == types.CodeActionKind.QuickFix for a in actions if isinstance(a, types.CodeAction))
    # Fix all: every safe fix (not the unsafe one), as `summarylint check --fix` would.
    actions = await fixer.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        range=types.Range(start=types.Position(line=0, character=0), end=types.Position(line=0, character=0)),
        context=types.CodeActionContext(diagnostics=[], only=[types.CodeActionKind.SourceFixAll])))
    assert actions is not None
    [fix_all] = [a for a in actions if isinstance(a, types.CodeAction)]
    assert fix_all.kind == "source.fixAll.summarylint"
    fixed = apply_lsp_edits(text, text_edits(fix_all, uri), encoding)
    assert "," not in fixed and "abc" in fixed and "ABC" not in fixed
    assert fixed == apply_fixes(text, cli_diagnostics(path))[0]


async def test_seed_matches_the_cli(vscode: LanguageClient, tmp_path: Path, seed_text: str) -> None:
    path = write(tmp_path / "seed.txt", seed_text)
    uri = await open_doc(vscode, path, seed_text)
    expected = expected_from_cli(path, seed_text, "utf-16")
    assert [e[0] for e in expected].count("P001") == 71
    assert got(vscode, uri) == expected


async def test_without_pygls_the_lsp_command_says_what_to_install() -> None:
    code = ("import sys; sys.modules['pygls'] = sys.modules['lsprotocol'] = None; "
            "from summarylint.cli import main; main(['lsp'])")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert proc.stderr.strip() == "summarylint: 语言服务器需要 pygls：pip install 'summarylint[lsp]'"
    proc = subprocess.run([sys.executable, "-c", code.replace("['lsp']", "['lsp', '--lang', 'en']")],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert proc.stderr.strip() == "summarylint: the language server needs pygls: pip install 'summarylint[lsp]'"
