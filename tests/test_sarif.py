"""`--format sarif`: SARIF 2.1.0, validated against the official JSON schema (a copy lives in
tests/schemas so a clean clone has it) and, in a test of its own, by Microsoft's SARIF validator
(`Sarif.Multitool validate`, installed with npm into a cache directory)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from summarylint.api import Linter
from summarylint.diagnostics import Edit, Finding, Fix
from summarylint.formatters import get_formatter
from summarylint.formatters.sarif_format import sarif_log
from summarylint.registry import rule_from_entry

from .conftest import ROOT, SAMPLES
from .helpers import run_cli, run_json

SCHEMA = ROOT / "tests" / "schemas" / "sarif-2.1.0.json"
MULTITOOL_VERSION = "5.7.0"
DIRTY = "二、工作成果\n😀本季度新增用户XX万，转化率{提升}到XX%。\n"


@cache
def _validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def validate(log: dict[str, Any]) -> dict[str, Any]:
    errors = sorted(_validator().iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])
    return log


def sarif_of(*args: str, cwd: Path | None = None) -> tuple[int, dict[str, Any]]:
    proc = run_cli("check", "--format", "sarif", *args, cwd=cwd)
    return proc.returncode, validate(json.loads(proc.stdout))


def write(path: Path, text: str) -> Path:
    path.write_bytes(text.encode("utf-8"))
    return path


def with_fixes() -> Linter:
    """A linter with one extra rule whose fixes we control (a safe and an unsafe one)."""
    def check(doc, ctx):
        for i, ch in enumerate(doc.text):
            if ch == ",":
                yield Finding(i, i + 1, {"text": ch}, Fix((Edit(i, i + 1, "，"),), safe=True))
            elif ch == "!":
                yield Finding(i, i + 1, {"text": ch}, Fix((Edit(i, i + 1, ""),), safe=False))

    rule = rule_from_entry({"id": "X900", "name": "ascii-punct", "category": "style", "severity": "info",
                            "message": {"zh": "半角标点“{text}”", "en": "ASCII punctuation {text}"},
                            "fixable": True, "function": check}, "test")
    linter = Linter()
    linter.rules.append(rule)
    return linter


def test_the_schema_copy_is_the_official_one() -> None:
    shared = ROOT.parent / "shared" / "schemas" / "sarif-2.1.0.json"
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert schema["title"].startswith("Static Analysis Results Format (SARIF) Version 2.1.0")
    if shared.exists():
        assert shared.read_bytes() == SCHEMA.read_bytes()


def test_cli_output_is_valid_and_matches_the_json_output(tmp_path: Path) -> None:
    files = [write(tmp_path / "周报.txt", DIRTY), tmp_path / "kpi.md", tmp_path / "clean.txt"]
    files[1].write_bytes((SAMPLES / "kpi_placeholders.md").read_bytes())
    files[2].write_bytes((SAMPLES / "clean_annual.txt").read_bytes())
    code, log = sarif_of(*map(str, files))
    _, report, _ = run_json(*map(str, files))
    assert code == 1
    assert log["version"] == "2.1.0" and len(log["runs"]) == 1
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    driver = run["tool"]["driver"]
    assert driver["name"] == "summarylint" and driver["version"]
    rules = driver["rules"]
    for rule in rules:
        assert rule["id"] and rule["name"] and rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
    expected = [(f["path"], d["rule"], {"error": "error", "warning": "warning", "info": "note"}[d["severity"]],
                 d["line"], d["column"], d["end_line"], d["end_column"])
                for f in report["files"] for d in f["diagnostics"]]
    got = []
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        [location] = result["locations"]
        physical = location["physicalLocation"]
        artifact = run["artifacts"][physical["artifactLocation"]["index"]]
        assert artifact["location"]["uri"] == physical["artifactLocation"]["uri"]
        region = physical["region"]
        path = str(files[physical["artifactLocation"]["index"]])
        got.append((path, result["ruleId"], result["level"], region["startLine"], region["startColumn"],
                    region["endLine"], region["endColumn"]))
    assert got == expected
    assert [a["properties"]["score"] for a in run["artifacts"]] == [f["score"] for f in report["files"]]
    assert run["invocations"][0]["executionSuccessful"] is True


def test_columns_are_code_points_and_braces_are_escaped(tmp_path: Path) -> None:
    write(tmp_path / "周报.txt", DIRTY)
    _, log = sarif_of("周报.txt", cwd=tmp_path)
    run = log["runs"][0]
    regions = [r["locations"][0]["physicalLocation"]["region"] for r in run["results"] if r["ruleId"] == "P001"]
    line = DIRTY.split("\n")[1]
    assert [(r["startColumn"], r["endColumn"]) for r in regions] == [
        (line.index("XX") + 1, line.index("XX") + 3), (line.rindex("XX") + 1, line.rindex("XX") + 3)]
    location = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location["uri"] == "%E5%91%A8%E6%8A%A5.txt" and location["uriBaseId"] == "%SRCROOT%"
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.resolve().as_uri() + "/"
    for result in run["results"]:  # SARIF §3.11.5: a literal brace is doubled
        text = result["message"]["text"].replace("{{", "").replace("}}", "")
        assert "{" not in text and "}" not in text


def test_fixes_become_sarif_fixes(tmp_path: Path) -> None:
    text = "二、工作成果\n𠀀完成了3个版本,修复缺陷27个!\n"
    path = str(write(tmp_path / "a.txt", text))
    linter = with_fixes()
    report = linter.lint_paths([path])
    log = validate(sarif_log(report, lang="zh", rules=linter.rules))
    run = log["runs"][0]
    ours = [r for r in run["results"] if r["ruleId"] == "X900"]
    assert len(ours) == 2
    comma, bang = ours
    [fix] = comma["fixes"]
    [change] = fix["artifactChanges"]
    [replacement] = change["replacements"]
    column = text.split("\n")[1].index(",") + 1
    assert replacement == {"deletedRegion": {"startLine": 2, "startColumn": column, "endLine": 2,
                                             "endColumn": column + 1},
                           "insertedContent": {"text": "，"}}
    assert fix["properties"] == {"safe": True} and "，" in fix["description"]["text"]
    [unsafe] = bang["fixes"]
    assert unsafe["properties"] == {"safe": False} and "insertedContent" not in unsafe["artifactChanges"][0][
        "replacements"][0]
    assert any(r["id"] == "X900" and r["properties"]["fixable"] for r in run["tool"]["driver"]["rules"])


def test_unreadable_inputs_are_notifications(tmp_path: Path) -> None:
    (tmp_path / "bad.docx").write_bytes(b"not a zip")
    code, log = sarif_of(str(write(tmp_path / "a.txt", DIRTY)), str(tmp_path / "bad.docx"),
                         str(tmp_path / "missing.txt"))
    assert code == 2
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    messages = [n["message"]["text"] for n in invocation["toolExecutionNotifications"]]
    assert len(messages) == 2 and any("bad.docx" in m for m in messages) and any("missing.txt" in m for m in messages)


def test_formatter_is_registered_and_english(tmp_path: Path) -> None:
    report = Linter(lang="en").lint_paths([str(write(tmp_path / "a.txt", DIRTY))])
    log = validate(json.loads(get_formatter("sarif")(report, lang="en", color=False)))
    assert any(r["message"]["text"].startswith("Placeholder") for r in log["runs"][0]["results"])


# -- Microsoft's validator ---------------------------------------------------------------------------------
def _multitool() -> Path:
    """Install @microsoft/sarif-multitool-<platform> with npm into a cache directory (once)."""
    npm = shutil.which("npm")
    if npm is None:
        pytest.skip("npm is not on PATH: cannot install Microsoft's SARIF validator (@microsoft/sarif-multitool)")
    platform = {"linux": "linux", "darwin": "darwin", "win32": "win32"}.get(sys.platform, sys.platform)
    package = f"@microsoft/sarif-multitool-{platform}"
    cache_root = Path(os.environ.get("SUMMARYLINT_TEST_CACHE", Path.home() / ".cache" / "summarylint-tests"))
    prefix = cache_root / f"sarif-multitool-{platform}-{MULTITOOL_VERSION}"
    package_dir = prefix / "node_modules" / "@microsoft" / f"sarif-multitool-{platform}"
    binary = package_dir / ("Sarif.Multitool.exe" if platform == "win32" else "Sarif.Multitool")
    if not binary.exists():
        prefix.mkdir(parents=True, exist_ok=True)
        proc = subprocess.run([npm, "install", "--no-save", "--no-audit", "--no-fund", "--prefix", str(prefix),
                               f"{package}@{MULTITOOL_VERSION}"], capture_output=True, text=True, timeout=600)
        assert proc.returncode == 0 and binary.exists(), f"npm install {package} failed:\n{proc.stderr[-2000:]}"
    if platform != "win32":
        binary.chmod(binary.stat().st_mode | 0o100)  # its postinstall (chmod u+x) may not have run
    return binary


def test_microsoft_sarif_multitool_validates_our_output(tmp_path: Path) -> None:
    binary = _multitool()
    inputs = [write(tmp_path / "周报.txt", DIRTY), tmp_path / "kpi.md", tmp_path / "seedlike.txt"]
    inputs[1].write_bytes((SAMPLES / "kpi_placeholders.md").read_bytes())
    inputs[2].write_bytes((SAMPLES / "project_narrative.txt").read_bytes())
    (tmp_path / "bad.docx").write_bytes(b"not a zip")
    logs = {
        "cli.sarif": run_cli("check", "--format", "sarif", *(p.name for p in inputs), "bad.docx", cwd=tmp_path).stdout,
        "absolute.sarif": run_cli("check", "--format", "sarif", str(inputs[1])).stdout,
        "fixes.sarif": json.dumps(sarif_log(with_fixes().lint_paths([str(p) for p in inputs]),
                                            rules=with_fixes().rules), ensure_ascii=False),
    }
    env = dict(os.environ, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT="1", DOTNET_CLI_TELEMETRY_OPTOUT="1")
    for name, text in logs.items():
        validate(json.loads(text))
        log = tmp_path / name
        log.write_text(text, encoding="utf-8")
        out = tmp_path / f"{name}.validation.sarif"
        proc = subprocess.run([str(binary), "validate", str(log), "--output", str(out)], capture_output=True,
                              text=True, timeout=300, env=env)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        findings = json.loads(out.read_text(encoding="utf-8-sig"))["runs"][0].get("results", [])
        problems = [(r["ruleId"], r.get("level", "warning"), r["message"].get("arguments")) for r in findings]
        assert problems == [], f"{name}: {problems}\n{proc.stdout}"
