"""Genre (profile) detection, forcing it, and passing it to the rules as ctx.profile."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from summarylint import lint_text
from summarylint.api import Linter
from summarylint.config import Config
from summarylint.decode import decode_bytes
from summarylint.diagnostics import Finding
from summarylint.errors import ConfigError
from summarylint.genre import MIXED, detect, get_profile, profile_names
from summarylint.parse import parse_document
from summarylint.registry import Rule

from .conftest import FIXTURES, SAMPLES
from .helpers import run_cli, run_json

CALIBRATION = FIXTURES / "calibration"
GENRES = {e["file"]: e["genre"] for e in yaml.safe_load((CALIBRATION / "grades.yaml").read_text(encoding="utf-8"))}
SAMPLE_GENRES = {"weekly.md": "weekly", "methodology.md": "methodology", "project_narrative.txt": "project",
                 "clean_annual.txt": "annual", "clean_annual.md": "annual", "kpi_placeholders.txt": "kpi",
                 "kpi_placeholders.md": "kpi", "seed_sample1_filled.txt": "kpi"}


def _doc(path: Path):  # type: ignore[no-untyped-def]
    return parse_document(decode_bytes(path.read_bytes(), str(path)).text, str(path))


def test_the_five_genres_exist() -> None:
    assert set(profile_names()) == {"kpi", "project", "methodology", "weekly", "annual"}
    for name in profile_names():
        profile = get_profile(name)
        assert set(profile.required) >= {"results", "plan"}
        assert profile.label["zh"] and profile.label["en"]


@pytest.mark.parametrize(("name", "genre"), sorted(GENRES.items()))
def test_calibration_genres_are_detected(name: str, genre: str) -> None:
    choice = detect(_doc(CALIBRATION / name))
    assert choice.name == genre, choice.reason
    assert choice.reason and choice.source == "auto"


@pytest.mark.parametrize(("name", "genre"), sorted(SAMPLE_GENRES.items()))
def test_sample_genres_are_detected(name: str, genre: str) -> None:
    assert detect(_doc(SAMPLES / name)).name == genre


def test_reason_says_what_decided() -> None:
    choice = detect(_doc(CALIBRATION / "cal_02_weekly_frontend.md"))
    assert "周报" in choice.reason and "本周" in choice.reason
    english = detect(_doc(CALIBRATION / "cal_02_weekly_frontend.md"), lang="en")
    assert 'title "' in english.reason


def test_no_cue_falls_back_with_a_reason() -> None:
    choice = detect(parse_document("一、情况\n做了一些事情，效果还可以。\n", "a.txt"))
    assert choice.name == "annual" and "未发现" in choice.reason


def test_several_samples_get_a_genre_each(seed_text: str) -> None:
    choice = detect(parse_document(seed_text, "seed.txt"))
    assert [u.name for u in choice.units] == ["kpi", "project", "methodology"]
    assert choice.name == MIXED and choice.rule_profile is None
    score = lint_text(seed_text, path="seed.txt").score
    assert [u.profile for u in score.units] == ["kpi", "project", "methodology"]


def test_forced_profile_wins_and_says_so() -> None:
    doc = _doc(CALIBRATION / "cal_02_weekly_frontend.md")
    choice = detect(doc, "annual")
    assert choice.name == "annual" and "--profile" in choice.reason
    with pytest.raises(ConfigError):
        detect(doc, "memo")
    with pytest.raises(ConfigError):
        Linter(Config(profile="memo"))


class _Probe:
    """A rule that records the profile it was run with."""

    def __init__(self) -> None:
        self.seen: list[str | None] = []

    def rule(self) -> Rule:
        def run(doc, ctx) -> Iterator[Finding]:  # type: ignore[no-untyped-def]
            self.seen.append(ctx.profile)
            return iter(())

        return Rule("T900", "profile-probe", "style", "info", "profile-probe", {"message": {"zh": "x", "en": "x"}},
                    function=run)


@pytest.mark.parametrize(("requested", "expected"), [(None, "weekly"), ("auto", "weekly"), ("kpi", "kpi")])
def test_rules_see_the_profile(requested: str | None, expected: str) -> None:
    probe = _Probe()
    linter = Linter(profile=requested)
    linter.rules = [probe.rule()]
    text = (CALIBRATION / "cal_05_weekly_data.md").read_text(encoding="utf-8")
    report = linter.lint_text(text, "cal_05.md")
    assert probe.seen == [expected]
    assert report.score.profile is not None and report.score.profile.name == expected


def test_config_profile_is_used_and_named() -> None:
    linter = Linter(Config(profile="project", path=Path("summarylint.toml")))
    report = linter.lint_text("二、工作成果\n本周新增用户3,200人。\n", "a.txt")
    assert report.score.profile is not None
    assert report.score.profile.name == "project" and "summarylint.toml" in report.score.profile.reason


def test_api_lint_text_takes_a_profile() -> None:
    text = (CALIBRATION / "cal_05_weekly_data.md").read_text(encoding="utf-8")
    assert lint_text(text, path="a.md").score.profile.name == "weekly"  # type: ignore[union-attr]
    assert lint_text(text, path="a.md", profile="kpi").score.profile.name == "kpi"  # type: ignore[union-attr]


def test_profile_changes_the_weights() -> None:
    text = (CALIBRATION / "cal_05_weekly_data.md").read_text(encoding="utf-8")
    weekly = lint_text(text, path="a.md").score.units[0]
    kpi = lint_text(text, path="a.md", profile="kpi").score.units[0]
    assert weekly.weights != kpi.weights


def test_cli_profile_option_and_json(tmp_path: Path) -> None:
    f = CALIBRATION / "cal_04_project_crm.md"
    _, data, _ = run_json(str(f))
    assert data["files"][0]["profile"]["name"] == "project"
    assert "项目" in data["files"][0]["profile"]["reason"]
    _, forced, _ = run_json("--profile", "weekly", str(f))
    assert forced["files"][0]["profile"] == {"name": "weekly", "reason": "由 --profile 指定", "source": "--profile"}
    bad = run_cli("check", "--profile", "memo", str(f))
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


def test_cli_seed_file_reports_each_sample(seed_text: str, tmp_path: Path) -> None:
    f = tmp_path / "seed.txt"
    f.write_text(seed_text, encoding="utf-8")
    _, data, _ = run_json(str(f))
    file = data["files"][0]
    assert file["profile"]["name"] == "mixed"
    assert [u["name"] for u in file["profile"]["units"]] == ["kpi", "project", "methodology"]
    assert [u["profile"] for u in file["scoring"]["units"]] == ["kpi", "project", "methodology"]


@pytest.mark.parametrize(("title", "genre"), [
    ("2024年10月财务部工作总结", "kpi"),  # a month's summary, the department named between
    ("客服中心11月月报", "kpi"),
    ("2024年1—11月工作总结", "annual"),  # the year so far, not one month
    ("实习总结", "annual"),  # a personal review, even when the body speaks of 复盘
    ("试用期转正述职报告", "annual"),
])
def test_title_decides_the_genre(title: str, genre: str) -> None:
    body = "一、工作成果\n参与了3次活动复盘，整理数据看板4个。\n"
    assert detect(parse_document(f"{title}\n{body}", "a.txt")).name == genre
