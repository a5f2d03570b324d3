"""Many files in worker processes: the same report, in the same order, as checking them one by one."""

from __future__ import annotations

import dataclasses
import os
import pickle
from pathlib import Path

import pytest

from summarylint import Linter, lint_paths, lint_text, workers
from summarylint.registry import all_rules

from .conftest import SAMPLES
from .helpers import run_cli, run_json

needs_fork = pytest.mark.skipif(not workers.can_fork(), reason="worker processes need fork (Linux)")

DIRTY = "二、工作成果\n本季度新增用户XX万，转化率提升到XX%。\n\n三、下一步计划\n继续努力。\n"


def folder(tmp_path: Path) -> Path:
    """Twelve summaries in two folders, one of them unreadable (binary)."""
    samples = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".txt", ".md") and p.name != "README.md")
    for i, sample in enumerate(samples[:10]):
        target = tmp_path / ("a" if i % 2 else "b") / sample.name
        target.parent.mkdir(exist_ok=True)
        target.write_bytes(sample.read_bytes())
    (tmp_path / "a" / "dirty.txt").write_text(DIRTY, encoding="utf-8")
    (tmp_path / "b" / "broken.txt").write_bytes(b"\x00\x01\x02binary\x00" * 50)
    return tmp_path


@needs_fork
def test_workers_give_the_same_report_in_the_same_order(tmp_path: Path) -> None:
    root = folder(tmp_path)
    paths = [root / "b", root / "a", root / "missing.md"]
    one, two = lint_paths(paths, jobs=1), lint_paths(paths, jobs=2)
    assert [Path(f.path).name for f in one.files] == [Path(f.path).name for f in two.files]
    assert len(one.files) == 11 and len(one.input_errors) == 2  # the binary file and the missing path
    assert two.to_json() == one.to_json()
    assert two.input_errors == one.input_errors


@needs_fork
def test_cli_jobs_output_is_identical(tmp_path: Path) -> None:
    root = folder(tmp_path)
    code1, serial, err1 = run_json("-j", "1", str(root))
    code2, parallel, err2 = run_json("--jobs", "2", str(root))
    assert (code2, parallel, err2) == (code1, serial, err1)
    assert code1 == 2 and "broken.txt" in err1  # the unreadable file is named, the others are checked
    text1, text2 = run_cli("check", "-j", "1", str(root)), run_cli("check", "-j", "2", str(root))
    assert text1.stdout == text2.stdout and "dirty.txt" in text2.stdout


@needs_fork
def test_fix_in_workers_writes_every_file(tmp_path: Path) -> None:
    for i in range(8):
        (tmp_path / f"{i}.txt").write_text("一、工作成果\n本季度完成了项目上线,用户好评。\n", encoding="utf-8")
    report = Linter().lint_paths([tmp_path], fix=True, jobs=2)
    assert len(report.files) == 8 and all(f.fixed == 1 for f in report.files)
    for i in range(8):
        assert (tmp_path / f"{i}.txt").read_text(encoding="utf-8") == "一、工作成果\n本季度完成了项目上线，用户好评。\n"


@needs_fork
def test_a_rule_that_raises_in_a_worker_is_reported_like_in_process(tmp_path: Path) -> None:
    for i in range(4):
        (tmp_path / f"{i}.txt").write_text(DIRTY, encoding="utf-8")
    linter = Linter()

    def explode(doc, ctx):  # type: ignore[no-untyped-def]
        raise RuntimeError("boom")

    linter.rules = [*linter.rules, dataclasses.replace(all_rules()[0], id="X999", function=explode)]
    report = linter.lint_paths([tmp_path], jobs=2)
    assert len(report.files) == 4
    assert all(any("X999" in e and "boom" in e for e in f.errors) for f in report.files)
    assert all(f.diagnostics for f in report.files)


def test_worker_count() -> None:
    assert workers.worker_count(1, 100) == 1
    assert workers.worker_count(8, 1) == 1  # one file: no pool
    if workers.can_fork():
        assert workers.worker_count(3, 2) == 2  # never more workers than files
        assert workers.worker_count(0, 3) == 1  # auto: too few files to pay for a fork
        cpus = workers.available_cpus()
        assert workers.worker_count(0, 1000) == cpus
        assert workers.worker_count(None, 4 * 2) == min(cpus, 2)


def test_without_fork_files_are_checked_in_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import multiprocessing

    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    assert workers.worker_count(4, 100) == 1
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(DIRTY, encoding="utf-8")
    pid = os.getpid()
    seen: list[int] = []
    original = Linter.lint_source

    def spy(self, source):  # type: ignore[no-untyped-def]
        seen.append(os.getpid())
        return original(self, source)

    monkeypatch.setattr(Linter, "lint_source", spy)
    assert len(Linter().lint_paths([tmp_path], jobs=4).files) == 3
    assert seen == [pid] * 3


def test_a_pickled_document_keeps_the_parse_not_the_caches() -> None:
    report = lint_text((SAMPLES / "kpi_placeholders.md").read_text(encoding="utf-8"), path="a.md")
    doc = report.document
    assert any(key.startswith("_summarylint") for key in vars(doc))  # the rules left their memos
    copy = pickle.loads(pickle.dumps(report))
    assert not any(key.startswith("_") for key in vars(copy.document))
    assert copy.document == doc and copy.sections_json() == report.sections_json()
    assert copy.to_json() == report.to_json()
    assert copy.document.line_col(len(doc.text)) == doc.line_col(len(doc.text))
