"""SARIF 2.1.0 output (`--format sarif`), for GitHub code scanning, Azure DevOps and SARIF viewers.

One run per invocation. `tool.driver.rules` describes every rule summarylint knows (built-in
and plugin rules, plus any rule-pack rule that reported something), so a viewer can explain a
result and code scanning can close alerts whose rule stopped firing.

Regions count columns in Unicode code points, as every summarylint output does; the run says
so with `columnKind: "unicodeCodePoints"`. SARIF's `endColumn` is exclusive, like ours.
Per-file scores go into `run.artifacts[].properties`; input errors (unreadable files) become
tool execution notifications, and `executionSuccessful` is false when there were any.
Curly braces in message strings are doubled, as SARIF §3.11.5 requires (a single brace would
start a placeholder).
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from ..diagnostics import Diagnostic, Edit
from ..report import FileReport, RunReport

if TYPE_CHECKING:
    from ..registry import Rule

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
SRCROOT = "%SRCROOT%"
PYPI_PAGE = "https://pypi.org/project/summarylint/"
_WORDS = {
    "zh": {"suggestion": "建议", "delete": "删除“{old}”", "replace": "将“{old}”改为“{new}”", "insert": "插入“{new}”",
           "edits": "{n} 处修改", "unsafe": "（不安全修复，请复核）"},
    "en": {"suggestion": "Suggestion", "delete": "Delete “{old}”", "replace": "Replace “{old}” with “{new}”",
           "insert": "Insert “{new}”", "edits": "{n} edits", "unsafe": " (unsafe: review it)"},
}
_ARG_RE = re.compile(r"\{[^{}]*\}")


def format_sarif(report: RunReport, *, lang: str = "zh", rules: list[Rule] | None = None, **_: object) -> str:
    return json.dumps(sarif_log(report, lang=lang, rules=rules), ensure_ascii=False, indent=2)


def sarif_log(report: RunReport, *, lang: str = "zh", rules: list[Rule] | None = None) -> dict[str, Any]:
    """The SARIF log as a dict; rules defaults to the built-in and plugin rules."""
    from .. import __version__

    known = _known_rules(rules)
    used = [d for f in report.files for d in f.diagnostics]
    descriptors: dict[str, dict[str, Any]] = {rid: _descriptor(rule, lang) for rid, rule in known.items()}
    for d in used:  # a rule from a rule pack that was not passed in: describe it from its diagnostic
        if d.rule not in descriptors:
            descriptors[d.rule] = {
                "id": d.rule, "name": d.name, "shortDescription": {"text": _escape(d.name)},
                "defaultConfiguration": {"level": LEVELS[d.severity]},
                "properties": {"category": d.category, "tags": [d.category]},
            }
    index = {rid: i for i, rid in enumerate(descriptors)}
    artifacts = [_artifact(f) for f in report.files]
    results = [_result(f, i, d, index, lang) for i, f in enumerate(report.files) for d in f.diagnostics]
    notifications = [{"level": "error", "message": {"text": _escape(message)}}
                     for message in [*report.input_errors, *(e for f in report.files for e in f.errors)]]
    run: dict[str, Any] = {
        "tool": {"driver": {
            "name": "summarylint",
            "version": __version__,
            "semanticVersion": __version__,
            "informationUri": information_uri(),
            "rules": list(descriptors.values()),
        }},
        "invocations": [{
            "executionSuccessful": not notifications,
            "toolExecutionNotifications": notifications,
        }],
        "artifacts": artifacts,
        "results": results,
        "columnKind": "unicodeCodePoints",
        "properties": {"summary": report.to_json()["summary"]},
    }
    if any(not _is_absolute(f.path) for f in report.files):
        run["originalUriBaseIds"] = {SRCROOT: {"uri": Path.cwd().as_uri() + "/"}}
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


def information_uri() -> str:
    """The project's home page from the installed metadata ([project.urls]), else its PyPI page."""
    from importlib.metadata import PackageNotFoundError, metadata

    try:
        meta = metadata("summarylint")
    except PackageNotFoundError:
        return PYPI_PAGE
    urls = {}
    for entry in meta.get_all("Project-URL") or []:
        label, _, url = entry.partition(",")
        urls[label.strip().lower()] = url.strip()
    for label in ("homepage", "documentation", "repository", "source"):
        if urls.get(label, "").startswith(("https://", "http://")):
            return urls[label]
    home = (meta.get_all("Home-page") or [""])[0]
    return home if home.startswith(("https://", "http://")) else PYPI_PAGE


def _known_rules(rules: list[Rule] | None) -> dict[str, Rule]:
    if rules is None:
        from ..errors import SummarylintError
        from ..registry import all_rules

        try:
            rules = all_rules()
        except SummarylintError:  # a broken plugin: the check itself reports it; describe what we can
            from ..registry import builtin_rules

            rules = list(builtin_rules())
    return {rule.id: rule for rule in rules}


def _escape(text: str) -> str:
    return text.replace("{", "{{").replace("}", "}}")


def describe_fix(d: Diagnostic, text: str, lang: str = "zh") -> str:
    """A one-line title for a diagnostic's fix: what the edit does to this text."""
    words = _WORDS.get(lang, _WORDS["zh"])
    assert d.fix is not None
    unsafe = "" if d.fix.safe else words["unsafe"]
    if len(d.fix.edits) != 1:
        return words["edits"].format(n=len(d.fix.edits)) + unsafe
    edit = d.fix.edits[0]
    old, new = _short(text[edit.start:edit.end]), _short(edit.replacement)
    if not edit.replacement:
        return words["delete"].format(old=old) + unsafe
    if edit.start == edit.end:
        return words["insert"].format(new=new) + unsafe
    return words["replace"].format(old=old, new=new) + unsafe


def _short(s: str, limit: int = 24) -> str:
    s = s.replace("\r", "").replace("\n", "⏎")
    return s if len(s) <= limit else s[: limit - 1] + "…"


def _text(rule: Rule, key: str, lang: str) -> str:
    value = rule.text.get(key) or {}
    return str(value.get(lang) or value.get("zh") or "").strip()


def _descriptor(rule: Rule, lang: str) -> dict[str, Any]:
    from ..cli import rule_doc

    short = _ARG_RE.sub("…", _text(rule, "message", lang)) or rule.name
    doc = _escape(_ARG_RE.sub("…", rule_doc(rule, lang)))
    descriptor: dict[str, Any] = {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": _escape(short)},
        "fullDescription": {"text": _escape(_text(rule, "why", lang) or short)},
        "help": {"text": doc, "markdown": doc},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"category": rule.category, "tags": [rule.category], "fixable": rule.fixable},
    }
    return descriptor


def _is_absolute(path: str) -> bool:
    return os.path.isabs(path)


def _location(path: str, artifact_index: int) -> dict[str, Any]:
    if path in ("-", "<text>"):
        return {"uri": "stdin", "index": artifact_index}
    if _is_absolute(path):
        return {"uri": Path(path).as_uri(), "index": artifact_index}
    posix = PurePosixPath(Path(path).as_posix())
    return {"uri": quote(str(posix), safe="/"), "uriBaseId": SRCROOT, "index": artifact_index}


def _artifact(file: FileReport) -> dict[str, Any]:
    location = _location(file.path, 0)
    del location["index"]
    return {
        "location": location,
        "encoding": file.encoding,
        "properties": {"score": file.score.score, "grade": file.score.grade,
                       "categories": dict(file.score.categories)},
    }


def _region(file: FileReport, start: int, end: int) -> dict[str, int]:
    line, column = file.document.line_col(start)
    end_line, end_column = file.document.line_col(end)
    return {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column}


def _result(file: FileReport, artifact_index: int, d: Diagnostic, index: dict[str, int], lang: str) -> dict[str, Any]:
    words = _WORDS.get(lang, _WORDS["zh"])
    text = d.message
    if d.suggestion:
        colon = ": " if lang == "en" else "："
        text += f"\n{words['suggestion']}{colon}{d.suggestion}"
    location = _location(file.path, artifact_index)
    result: dict[str, Any] = {
        "ruleId": d.rule,
        "ruleIndex": index[d.rule],
        "level": LEVELS[d.severity],
        "message": {"text": _escape(text)},
        "locations": [{"physicalLocation": {
            "artifactLocation": location,
            "region": {"startLine": d.line, "startColumn": d.column, "endLine": d.end_line,
                       "endColumn": d.end_column},
        }}],
        "properties": {"category": d.category, "name": d.name},
    }
    if d.fix is not None and d.fix.edits:
        result["fixes"] = [{
            "description": {"text": _escape(describe_fix(d, file.document.text, lang))},
            "artifactChanges": [{
                "artifactLocation": dict(location),
                "replacements": [_replacement(file, e) for e in d.fix.edits],
            }],
            "properties": {"safe": d.fix.safe},
        }]
    return result


def _replacement(file: FileReport, edit: Edit) -> dict[str, Any]:
    replacement: dict[str, Any] = {"deletedRegion": _region(file, edit.start, edit.end)}
    if edit.replacement:
        replacement["insertedContent"] = {"text": edit.replacement}
    return replacement
