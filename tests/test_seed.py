"""The user's own sample (../shared/seeds): placeholders and sections it must show."""

from __future__ import annotations

import re

from summarylint import lint_text
from summarylint.parse import parse_document


def test_every_xx_run_is_reported_at_its_exact_position(seed_text: str) -> None:
    report = lint_text(seed_text, path="seed.txt")
    expected = {(m.start(), m.end()) for m in re.finditer(r"X{2,}", seed_text)}
    assert len(expected) == 71
    found = {(d.start, d.end) for d in report.diagnostics if d.rule == "P001"}
    assert found == expected
    for d in report.diagnostics:
        if d.rule == "P001":
            line = seed_text.split("\n")[d.line - 1]
            assert line[d.column - 1:d.end_column - 1] == seed_text[d.start:d.end]


def test_first_sample_sections(seed_text: str) -> None:
    doc = parse_document(seed_text, "seed.txt")
    first = doc.units()[0]
    kinds = {s.title: s.kind for s in first.walk() if s.level == 2}
    assert kinds["一、 核心业绩指标总览"] == "results"
    assert kinds["二、 重点工作模块详述"] == "results"
    assert kinds["三、 不足与反思"] == "reflection"
    assert kinds["四、 未来工作规划"] == "plan"
    retro = [s for s in first.walk() if s.title == "复盘与思考"]
    assert len(retro) == 3 and all(s.kind == "reflection" for s in retro)


def test_three_samples_are_three_units(seed_text: str) -> None:
    doc = parse_document(seed_text, "seed.txt")
    assert [u.title[:2] for u in doc.units()] == ["篇一", "篇二", "篇三"]


def test_suggestions_name_the_kind_of_value(seed_text: str) -> None:
    report = lint_text(seed_text, path="seed.txt")
    by_text = {}
    for d in report.diagnostics:
        if d.rule == "P001":
            by_text.setdefault(seed_text[d.end:d.end + 2], d.suggestion)
    assert "百分比" in by_text["%,"]
    assert "金额" in by_text["万元"]
    assert "时长" in by_text["分钟"]


def test_user_counts_are_named_as_such(seed_text: str) -> None:
    report = lint_text(seed_text, path="seed.txt")
    at = seed_text.index("计划新增用户XX万") + len("计划新增用户")
    diag = next(d for d in report.diagnostics if d.start == at)
    assert "用户数" in diag.suggestion


def test_seed_json_validates_against_the_schema(seed_text: str) -> None:
    from .conftest import SEED
    from .helpers import run_json

    code, data, stderr = run_json(str(SEED))
    assert code == 1 and not stderr
    assert data["files"][0]["score"] < 60
