"""Properties the score must keep whatever the rules find (hypothesis where it fits):

* applying the suggested safe fixes never lowers the score;
* whitespace, CRLF vs LF and Markdown vs plain text rendering of the same summary do not change it;
* the same summary pasted twice does not score higher;
* scoring is deterministic (also across processes with different hash seeds).
"""

from __future__ import annotations

import os
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarylint.api import Linter
from summarylint.decode import decode_bytes
from summarylint.fixes import apply_fixes
from summarylint.report import FileReport

from .conftest import FIXTURES, SAMPLES, SEED

CALIBRATION = FIXTURES / "calibration"
FILES = sorted(p for folder in (SAMPLES, CALIBRATION) for p in folder.iterdir()
               if p.suffix in (".md", ".txt") and p.name != "README.md") + ([SEED] if SEED.exists() else [])
ROOT = Path(__file__).resolve().parents[1]


@cache
def _linter() -> Linter:
    return Linter(plugins=False)


@cache
def _text(path: Path) -> str:
    return decode_bytes(path.read_bytes(), str(path)).text


def _lint(text: str, path: str) -> FileReport:
    return _linter().lint_text(text, path)


def _score(text: str, path: str) -> int:
    return _lint(text, path).score.score


@cache
def _baseline(path: Path) -> int:
    return _score(_text(path), path.name)


# ----------------------------------------------------------------------------- safe fixes

@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_safe_fixes_never_lower_the_score(path: Path) -> None:
    text = _text(path)
    report = _lint(text, path.name)
    for _ in range(5):  # as --fix does: fixes can take a few rounds
        fixed, applied = apply_fixes(text, report.diagnostics)
        if not applied:
            break
        after = _lint(fixed, path.name)
        assert after.score.score >= report.score.score, (path.name, fixed)
        text, report = fixed, after


_GOOD = ["本季度新增注册用户3.2万，目标3万，完成率106.7%。", "客单价由86元提高到92元，增长7.0%。",
         "一次解决率86.1%，目标85%，9月为84.2%。"]
_RESIDUE = ["以上就是小编为大家整理的工作总结，仅供参考，希望对大家有所帮助。",
            "本文由用户 abc 上传分享，若内容存在侵权，请联系我们删除。https://www.example-fanwen.com/1.html",
            "【本篇侧重：数据型总结，适合考核场景】", "当前位置：首页 > 工作总结", "2024-12-20 09:41　3852次浏览"]
_WEAK = ["新增用户XX万，转化率XX%。", "认真完成了各项工作，得到了领导好评。", "时光荏苒，转眼一年过去了。"]
_PLAN = ["12月31日前七日留存率达到25%。", "继续做好本职工作。", "11月15日前上线会员中心新版。"]
_REFLECTION = ["七日留存22%，低于目标，原因是中间几天没有触达；10月起增加两次推送。", "工作还不够细致，有待改进。"]


@st.composite
def summaries(draw: st.DrawFn) -> str:
    parts = [draw(st.sampled_from(["2024年第三季度运营工作总结", "周报", "2024年度个人工作总结"]))]
    if draw(st.booleans()):
        parts.append(draw(st.sampled_from(_RESIDUE)))
    parts.append("一、工作成果")
    parts += draw(st.lists(st.sampled_from(_GOOD + _WEAK + _RESIDUE), min_size=1, max_size=6))
    if draw(st.booleans()):
        parts.append("二、不足")
        parts += draw(st.lists(st.sampled_from(_REFLECTION + _RESIDUE), min_size=1, max_size=3))
    if draw(st.booleans()):
        parts.append("三、下一步计划")
        parts += draw(st.lists(st.sampled_from(_PLAN + _WEAK), min_size=1, max_size=4))
    if draw(st.booleans()):
        parts.append(draw(st.sampled_from(_RESIDUE)))
    return "\n".join(parts) + "\n"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(summaries(), st.sampled_from(["a.txt", "a.md"]))
def test_safe_fixes_never_lower_the_score_of_generated_summaries(text: str, path: str) -> None:
    report = _lint(text, path)
    fixed, applied = apply_fixes(text, report.diagnostics)
    if applied:
        assert _score(fixed, path) >= report.score.score


# ----------------------------------------------------------------------------- renderings

@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_crlf_and_lf_score_the_same(path: Path) -> None:
    text = _text(path).replace("\r\n", "\n")
    assert _score(text.replace("\n", "\r\n"), path.name) == _score(text, path.name) == _baseline(path)


@pytest.mark.parametrize("stem", ["kpi_placeholders", "clean_annual"])
def test_markdown_and_plain_text_renderings_score_the_same(stem: str) -> None:
    txt = _lint(_text(SAMPLES / f"{stem}.txt"), f"{stem}.txt")
    md = _lint(_text(SAMPLES / f"{stem}.md"), f"{stem}.md")
    assert md.score.score == txt.score.score
    assert md.score.profile is not None and txt.score.profile is not None
    assert md.score.profile.name == txt.score.profile.name
    assert md.score.categories == txt.score.categories


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(FILES), st.data())
def test_trailing_whitespace_does_not_change_the_score(path: Path, data: st.DataObject) -> None:
    lines = _text(path).split("\n")
    pads = data.draw(st.lists(st.sampled_from(["", " ", "\t", "\u3000", "   "]), min_size=len(lines),
                              max_size=len(lines)))
    padded = "\n".join(line + pad if line.strip() else line for line, pad in zip(lines, pads, strict=True))
    assert _score(padded, path.name) == _baseline(path)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from([p for p in FILES if p.suffix == ".txt"]), st.data())
def test_blank_lines_in_plain_text_do_not_change_the_score(path: Path, data: st.DataObject) -> None:
    lines = _text(path).split("\n")
    extra = data.draw(st.lists(st.integers(0, 2), min_size=len(lines), max_size=len(lines)))
    spaced = "\n".join(line + "\n" * n for line, n in zip(lines, extra, strict=True))
    assert _score(spaced, path.name) == _baseline(path)


# ----------------------------------------------------------------------------- pasted twice, determinism

@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_pasting_a_summary_twice_does_not_raise_its_score(path: Path) -> None:
    text = _text(path)
    assert _score(text + "\n\n" + text, path.name) <= _baseline(path)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(summaries(), st.sampled_from(["a.txt", "a.md"]))
def test_generated_summary_pasted_twice_does_not_score_higher(text: str, path: str) -> None:
    assert _score(text + "\n" + text, path) <= _score(text, path)


def test_scores_are_deterministic() -> None:
    for path in FILES:
        first, second = _lint(_text(path), path.name), _lint(_text(path), path.name)
        assert first.to_json() == second.to_json()


def test_scores_do_not_depend_on_hash_seeds() -> None:
    code = ("import json, sys\nfrom summarylint import lint_paths\n"
            "r = lint_paths(sys.argv[1:])\n"
            "print(json.dumps([(f.path, f.score.score, f.score.to_json()) for f in r.files], ensure_ascii=False))")
    files = [p for p in FILES if "gbk" not in p.name and "utf16" not in p.name and "crlf" not in p.name]
    outputs = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        proc = subprocess.run([sys.executable, "-c", code, *map(str, files)], capture_output=True, env=env,
                              timeout=120, cwd=ROOT, check=True)
        outputs.add(proc.stdout)
    assert len(outputs) == 1
