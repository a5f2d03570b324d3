"""The Python API returns the same data as `summarylint check --format json`, as the documented dataclasses."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

import summarylint
from summarylint import (
    Config,
    Diagnostic,
    Edit,
    FileReport,
    Fix,
    Linter,
    RunReport,
    lint_paths,
    lint_text,
)
from summarylint.model import Block, Document, Section
from summarylint.scoring import Score

from .conftest import SAMPLES
from .helpers import run_json, validate_report

DIRTY = "二、工作成果\n😀本季度新增用户XX万，转化率提升到XX%。\n"


def copy_samples(tmp_path: Path, *names: str) -> list[str]:
    for name in names:
        (tmp_path / name).write_bytes((SAMPLES / name).read_bytes())
    return list(names)


def test_lint_text_is_the_json_output_for_the_same_text(tmp_path: Path) -> None:
    for name in ("kpi_placeholders.txt", "kpi_placeholders.md", "weekly.md", "clean_annual.txt"):
        copy_samples(tmp_path, name)
        _, cli, _ = run_json(name, cwd=tmp_path)
        text = (tmp_path / name).read_text(encoding="utf-8")
        report = lint_text(text, path=name)
        assert report.to_json() == cli["files"][0], name


def test_lint_paths_is_the_whole_json_output(tmp_path: Path) -> None:
    names = copy_samples(tmp_path, "kpi_placeholders_gbk.txt", "methodology.md", "project_narrative.txt")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "周报.txt").write_text(DIRTY, encoding="utf-8")
    _, cli, _ = run_json(*names, "sub", cwd=tmp_path)
    import os

    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        report = lint_paths([*names, Path("sub")])
    finally:
        os.chdir(cwd)
    assert validate_report(report.to_json()) == cli


def test_input_errors_are_data_not_exceptions(tmp_path: Path) -> None:
    (tmp_path / "bad.docx").write_bytes(b"not a zip")
    (tmp_path / "ok.txt").write_text(DIRTY, encoding="utf-8")
    report = lint_paths([tmp_path / "ok.txt", tmp_path / "bad.docx", tmp_path / "missing.md"])
    assert [Path(f.path).name for f in report.files] == ["ok.txt"]
    assert len(report.input_errors) == 2 and all(isinstance(e, str) for e in report.input_errors)
    assert report.to_json()["errors"] == report.input_errors


def test_result_types_are_the_documented_dataclasses() -> None:
    report = lint_text(DIRTY, path="周报.txt")
    assert type(report) is FileReport and dataclasses.is_dataclass(FileReport)
    assert isinstance(report.document, Document) and isinstance(report.score, Score)
    assert isinstance(report.document.root, Section)
    assert all(isinstance(b, Block) for b in report.document.blocks())
    assert report.diagnostics and all(type(d) is Diagnostic for d in report.diagnostics)
    documented = {"rule", "name", "category", "severity", "message", "suggestion", "start", "end", "line", "column",
                  "end_line", "end_column", "fix"}
    assert documented <= {f.name for f in dataclasses.fields(Diagnostic)}
    assert {f.name for f in dataclasses.fields(Fix)} >= {"edits", "safe"}
    assert {f.name for f in dataclasses.fields(Edit)} == {"start", "end", "replacement"}
    assert {"path", "document", "diagnostics", "score", "errors", "encoding"} <= {
        f.name for f in dataclasses.fields(FileReport)}
    for d in report.diagnostics:
        assert DIRTY[d.start:d.end] if d.rule == "P001" else True
        if d.fix is not None:
            assert type(d.fix) is Fix and all(type(e) is Edit for e in d.fix.edits)
    run = lint_paths([SAMPLES / "weekly.md"])
    assert type(run) is RunReport and all(type(f) is FileReport for f in run.files)
    assert set(summarylint.__all__) >= {"lint_text", "lint_paths", "Linter", "Config", "FileReport", "RunReport",
                                        "Diagnostic", "Fix", "Edit"}


def test_offsets_lines_and_columns_agree() -> None:
    report = lint_text(DIRTY, path="a.txt")
    xx = [d for d in report.diagnostics if d.rule == "P001"]
    assert [DIRTY[d.start:d.end] for d in xx] == ["XX", "XX"]
    line = DIRTY.split("\n")[1]
    assert [(d.line, d.column, d.end_column) for d in xx] == [
        (2, line.index("XX") + 1, line.index("XX") + 3), (2, line.rindex("XX") + 1, line.rindex("XX") + 3)]


def test_keywords_fmt_lang_and_config() -> None:
    text = "## 工作成果\n\n新增用户XX万。\n\n-\n\n下一段\n"
    as_markdown = lint_text(text, fmt="markdown")
    as_text = lint_text(text, fmt="text")
    assert as_markdown.document.format == "markdown" and as_text.document.format == "text"
    assert lint_text(text, path="a.md").document.format == "markdown"
    english = lint_text(DIRTY, lang="en")
    assert any(d.message.startswith("Placeholder") for d in english.diagnostics)
    ignored = lint_text(DIRTY, config=Config(ignore=["P"]))
    assert not any(d.rule.startswith("P") for d in ignored.diagnostics)
    only = lint_text(DIRTY, config=Config(select=["P001"]))
    assert {d.rule for d in only.diagnostics} == {"P001"}


def test_a_linter_is_reusable_and_deterministic() -> None:
    linter = Linter(Config(), lang="zh")
    first = linter.lint_text(DIRTY, "a.txt").to_json()
    for _ in range(3):
        assert linter.lint_text(DIRTY, "a.txt").to_json() == first
    assert lint_text(DIRTY, path="a.txt").to_json() == first


def test_docx_through_the_api(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    for line in DIRTY.split("\n"):
        document.add_paragraph(line)
    document.save(str(tmp_path / "a.docx"))
    (tmp_path / "a.txt").write_text(DIRTY, encoding="utf-8")
    report = lint_paths([tmp_path / "a.docx", tmp_path / "a.txt"])
    word, text = report.files
    assert word.document.format == "docx"
    strip = ("path", "encoding")
    assert {k: v for k, v in word.to_json().items() if k not in strip} == {
        k: v for k, v in text.to_json().items() if k not in strip}
