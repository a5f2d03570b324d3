"""Running the real CLI and validating its JSON against the shipped schema."""

from __future__ import annotations

import json
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

ROOT = Path(__file__).resolve().parents[1]


@cache
def _validator() -> jsonschema.Draft202012Validator:
    schema = json.loads((ROOT / "docs" / "report.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def validate_report(data: dict[str, Any]) -> dict[str, Any]:
    _validator().validate(data)
    return data


def run_cli(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [sys.executable, "-m", "summarylint", *args], input=stdin, capture_output=True, cwd=cwd, timeout=120
    )
    return subprocess.CompletedProcess(proc.args, proc.returncode, proc.stdout.decode("utf-8"),
                                       proc.stderr.decode("utf-8"))


def run_json(*args: str, **kw: Any) -> tuple[int, dict[str, Any], str]:
    """Run `check --format json`, validate the output, return (exit code, report, stderr)."""
    proc = run_cli("check", "--format", "json", *args, **kw)
    data = validate_report(json.loads(proc.stdout))
    return proc.returncode, data, proc.stderr
