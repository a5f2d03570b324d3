"""The score against careful human readers (fixtures/calibration/grades.yaml) and the seed's samples.

The figure is documented in docs/scoring.md; run `pytest tests/test_calibration.py -s` to print it.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
import yaml

from summarylint import lint_text, signals
from summarylint.api import Linter
from summarylint.decode import decode_bytes

from .conftest import FIXTURES, SAMPLES

CALIBRATION = FIXTURES / "calibration"
GRADES = yaml.safe_load((CALIBRATION / "grades.yaml").read_text(encoding="utf-8"))
MIN_SPEARMAN = 0.85


def ranks(values: list[float]) -> list[float]:
    """1-based ranks, ties sharing the mean of their positions."""
    order = sorted(range(len(values)), key=values.__getitem__)
    out = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            out[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return out


def spearman(a: list[float], b: list[float]) -> float:
    """Spearman's rank correlation: Pearson's r of the ranks (handles ties)."""
    ra, rb = ranks(a), ranks(b)
    n = len(a)
    ma, mb = sum(ra) / n, sum(rb) / n
    cov = sum((x - ma) * (y - mb) for x, y in zip(ra, rb, strict=True))
    var = (sum((x - ma) ** 2 for x in ra) * sum((y - mb) ** 2 for y in rb)) ** 0.5
    return cov / var


def test_spearman_helper() -> None:
    assert spearman([1, 2, 3, 4], [10, 20, 30, 40]) == pytest.approx(1.0)
    assert spearman([1, 2, 3, 4], [4, 3, 2, 1]) == pytest.approx(-1.0)
    assert spearman([1, 2, 2, 3], [1, 2, 3, 4]) == pytest.approx(0.9487, abs=1e-4)


def _score_all() -> dict[str, int]:
    linter = Linter()
    out = {}
    for entry in GRADES:
        path = CALIBRATION / entry["file"]
        text = decode_bytes(path.read_bytes(), str(path)).text
        out[entry["file"]] = linter.lint_text(text, str(path)).score.score
    return out


@cache
def _scores() -> dict[str, int]:
    return _score_all()


def test_scores_agree_with_careful_readers() -> None:
    ours = _scores()
    human = [float(e["score"]) for e in GRADES]
    mine = [float(ours[e["file"]]) for e in GRADES]
    rho = spearman(mine, human)
    mae = sum(abs(a - b) for a, b in zip(mine, human, strict=True)) / len(mine)
    print(f"\ncalibration: Spearman rho = {rho:.3f}, mean absolute difference = {mae:.1f} points, n = {len(mine)}")
    for entry, score in zip(GRADES, mine, strict=True):
        print(f"  {entry['file']:<36} reader {entry['score']:>3} ({entry['grade']})  summarylint {score:>3.0f}")
    assert rho >= MIN_SPEARMAN


def test_calibration_holds_without_the_numbers_package(monkeypatch: pytest.MonkeyPatch) -> None:
    """signals.py reads figures with summarylint.numbers when present; its own reader must do as well."""
    monkeypatch.setattr(signals, "_number_extractor", lambda: None)
    signals.figures.cache_clear()
    try:
        ours = _score_all()
    finally:
        signals.figures.cache_clear()
    assert spearman([float(ours[e["file"]]) for e in GRADES], [float(e["score"]) for e in GRADES]) >= MIN_SPEARMAN


def test_grade_bands_do_not_cross() -> None:
    """Every summary the readers graded A or B scores above every one they graded E."""
    ours = _scores()
    good = [ours[e["file"]] for e in GRADES if e["grade"] in "AB"]
    bad = [ours[e["file"]] for e in GRADES if e["grade"] == "E"]
    assert min(good) > max(bad)
    assert all(s < 60 for s in bad)


def _samples(seed_text: str) -> list[str]:
    """The seed split at its 篇一/篇二/篇三 lines (the preamble before 篇一 is the site's, not a sample's)."""
    starts = [m.start() for m in re.finditer(r"^篇[一二三四五六七八九十]+[:：]", seed_text, re.M)]
    return [seed_text[a:b] for a, b in zip(starts, [*starts[1:], len(seed_text)], strict=True)]


def test_each_seed_sample_scores_below_60(seed_text: str) -> None:
    samples = _samples(seed_text)
    assert len(samples) == 3
    for i, sample in enumerate(samples, 1):
        score = lint_text(sample, path=f"seed_sample{i}.txt").score
        assert score.score < 60, (i, score.score)
    units = lint_text(seed_text, path="seed.txt").score.units
    assert len(units) == 3 and all(round(u.overall) < 60 for u in units)


def test_the_seed_sample_filled_in_scores_at_least_80() -> None:
    path = SAMPLES / "seed_sample1_filled.txt"
    report = lint_text(path.read_text(encoding="utf-8"), path=str(path))
    assert report.score.profile is not None and report.score.profile.name == "kpi"
    assert report.score.score >= 80, [(d.rule, d.message) for d in report.diagnostics]
    assert not [d for d in report.diagnostics if d.severity == "error"]


def test_the_filled_sample_keeps_the_seed_shape(seed_text: str) -> None:
    filled = (SAMPLES / "seed_sample1_filled.txt").read_text(encoding="utf-8")
    for heading in ("核心业绩指标总览", "重点工作模块详述", "不足与反思", "未来工作规划"):
        assert heading in _samples(seed_text)[0] and heading in filled
    assert [m.group() for m in re.finditer(r"^（[一二三]）", filled, re.M)] == ["（一）", "（二）", "（三）"]
    assert "XX" not in filled and "本篇侧重" not in filled and "上传分享" not in filled


@pytest.mark.parametrize("path", sorted(Path(SAMPLES).glob("clean_annual*")), ids=lambda p: p.name)
def test_clean_negative_control_grades_a(path: Path) -> None:
    text = decode_bytes(path.read_bytes(), str(path)).text
    assert lint_text(text, path=str(path)).score.grade == "A"
