from __future__ import annotations

import re
from pathlib import Path

import pytest

from summarylint import data
from summarylint.errors import ConfigError


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("SUMMARYLINT_CACHE_DIR", str(folder))
    monkeypatch.delenv("SUMMARYLINT_NO_CACHE", raising=False)
    return folder


def test_cached_data_equals_parsed_data_and_follows_edits(tmp_path: Path, cache: Path) -> None:
    f = tmp_path / "x.yaml"
    f.write_text("kinds: {plan: [计划, 下周]}\nn: 3\n", encoding="utf-8")
    first = data.load_yaml_file(f, cached=True)
    assert len(list(cache.iterdir())) == 1
    assert data.load_yaml_file(f, cached=True) == first == {"kinds": {"plan": ["计划", "下周"]}, "n": 3}
    f.write_text("kinds: {plan: [规划]}\nn: 40\n", encoding="utf-8")
    assert data.load_yaml_file(f, cached=True) == {"kinds": {"plan": ["规划"]}, "n": 40}


def test_a_damaged_cache_is_ignored(tmp_path: Path, cache: Path) -> None:
    f = tmp_path / "x.yaml"
    f.write_text("a: 1\n", encoding="utf-8")
    data.load_yaml_file(f, cached=True)
    for slot in cache.iterdir():
        slot.write_bytes(b"\x00garbage")
    assert data.load_yaml_file(f, cached=True) == {"a": 1}


def test_an_unwritable_cache_is_no_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("SUMMARYLINT_CACHE_DIR", str(blocker / "sub"))
    f = tmp_path / "x.yaml"
    f.write_text("a: [1, 2]\n", encoding="utf-8")
    assert data.load_yaml_file(f, cached=True) == {"a": [1, 2]}


def test_yaml_errors_name_file_and_line(tmp_path: Path) -> None:
    f = tmp_path / "bad.yaml"
    f.write_text("a: 1\nb: [unclosed\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"bad\.yaml:\d+: YAML 格式有误") as raised:
        data.load_yaml_file(f, cached=True)
    assert re.search(r"bad\.yaml:\d+: invalid YAML", raised.value.message("en"))
