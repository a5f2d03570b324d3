"""The start-up shortcuts must not change what is matched: the compiled-pattern cache (fastre), and the
plain-word matchers that stand in for regex alternations (WordList, the signal cues, the section
vocabulary, the genre cues)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarylint import fastre

PATTERNS = [
    (r"[ \t\u3000]*(?:汇报人|述职人)[ \t\u3000]*[:：]", 0),
    (r"(?P<n>[〇零一二三四五六七八九十百]+)[ \t\u3000]*(?P<mark>[、.．])", 0),
    (r"(?:https?://|www\.)[^\s，。；）)】]+|[\w.+-]+@[\w-]+\.[\w.]+", re.I),
    (r"^\s*(?:[一二三四五六七八九十百]+[、.．]|\d+(?:[.．]\d+)*[.．、]?(?!\d))", re.M),
    (r"(?<![A-Za-z])(?:X{2,}|x{2,})(?![A-Za-z])|某某|待(?:补充|填写)", 0),
]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("SUMMARYLINT_CACHE_DIR", str(folder))
    monkeypatch.delenv("SUMMARYLINT_NO_CACHE", raising=False)
    monkeypatch.setattr(fastre, "_table", None)
    monkeypatch.setattr(fastre, "_added", 0)
    monkeypatch.setattr(fastre, "_compiled", {})
    return folder


def _run(code: str, env_dir: Path) -> str:
    import os

    env = dict(os.environ, SUMMARYLINT_CACHE_DIR=str(env_dir))
    env.pop("SUMMARYLINT_NO_CACHE", None)
    return subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True, env=env).stdout


def test_cached_patterns_equal_re_compile(cache: Path) -> None:
    first = [fastre.compile(p, f) for p, f in PATTERNS]
    fastre.save()
    assert len(list(cache.glob("regex-*.marshal"))) == 1
    fastre._table = None  # as a new process would: read back from the file
    fastre._compiled.clear()
    second = [fastre.compile(p, f) for p, f in PATTERNS]
    for (pattern, flags), a, b in zip(PATTERNS, first, second, strict=True):
        expected = re.compile(pattern, flags)
        assert a == expected and b == expected
        assert (b.groups, b.groupindex, b.flags, b.pattern) == (expected.groups, expected.groupindex,
                                                                 expected.flags, expected.pattern)


def test_a_pattern_is_compiled_once_per_process(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pattern, flags = PATTERNS[0]
    calls = []
    real_compile = fastre._compile
    monkeypatch.setattr(fastre, "_compile", lambda p, f: calls.append((p, f)) or real_compile(p, f))
    first = fastre.compile(pattern, flags)
    assert fastre.compile(pattern, flags) is first
    assert fastre.compile(pattern, re.I) is not first  # flags are part of the key
    assert calls == [(pattern, flags), (pattern, re.I)]


def test_a_new_process_reads_the_cache(tmp_path: Path) -> None:
    code = ("import re; from summarylint import fastre\n"
            "pattern = r'[年月日号]|第(?P<n>\\d+)周'\n"
            "known = (pattern, int(re.I)) in fastre._entries()\n"
            "p = fastre.compile(pattern, re.I)\n"
            "print(known, p == re.compile(pattern, re.I), p.groupindex['n'])\n")
    assert _run(code, tmp_path).split() == ["False", "True", "1"]  # compiled, then recorded at exit
    assert _run(code, tmp_path).split() == ["True", "True", "1"]  # read back from the cache


def test_a_damaged_cache_is_ignored(cache: Path) -> None:
    fastre.compile(*PATTERNS[0])
    fastre.save()
    for slot in cache.glob("regex-*.marshal"):
        slot.write_bytes(b"\x00garbage")
    fastre._table = None
    assert fastre.compile(*PATTERNS[0]) == re.compile(*PATTERNS[0])


def test_no_cache_and_unwritable_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fastre, "_table", None)
    monkeypatch.setenv("SUMMARYLINT_NO_CACHE", "1")
    assert fastre.compile(*PATTERNS[1]) == re.compile(*PATTERNS[1])
    monkeypatch.delenv("SUMMARYLINT_NO_CACHE")
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("SUMMARYLINT_CACHE_DIR", str(blocker / "sub"))
    assert fastre.compile(*PATTERNS[2]) == re.compile(*PATTERNS[2])
    fastre.save()  # no error


def test_lazy_pattern_behaves_like_the_pattern() -> None:
    lazy = fastre.lazy(r"(?P<year>(?:19|20)\d{2})\s*年", re.I)
    m = lazy.search("截至2024年底")
    assert m is not None and m.group("year") == "2024" and lazy.pattern.startswith("(?P<year>")
    assert lazy.sub("", "2023年和2024年") == "和"


_CN = "完成上线实现提升目标计划较比由到至为同比环比年月项目一二核心重点不足问题下周本周CONTENTSontes，。 \n1"


@given(st.text(alphabet=_CN, max_size=40))
@settings(max_examples=400, deadline=None)
def test_plain_word_matchers_match_as_the_regexes_do(text: str) -> None:
    from summarylint.classify import _vocabulary
    from summarylint.data import load_data
    from summarylint.genre import _patterns
    from summarylint.signals import _lexicons
    from summarylint.text_utils import WordList

    sections = load_data("sections.yaml")
    heading, cues = _vocabulary()
    for (kind, terms), (_, matcher) in zip(sections["kinds"].items(), heading, strict=True):
        m = re.compile("|".join(map(re.escape, terms)), re.I).search(text)
        assert matcher.first(text) == (m.start() if m else None), kind
    for kind, terms in sections["content_cues"].items():
        assert cues[kind].count(text) == len(re.compile("|".join(map(re.escape, terms))).findall(text)), kind
    for name, terms in load_data("scoring.yaml")["signals"]["lexicons"].items():
        regex = re.compile("|".join(terms))
        assert _lexicons()[name].search(text) == (regex.search(text) is not None), name
        assert _lexicons()[name].match(text) == (regex.match(text) is not None), name
    profiles = load_data("profiles.yaml")["profiles"]
    for name, cue_lists in _patterns().items():
        for where, cue_list in cue_lists.items():
            for cue, pattern in zip(cue_list, profiles[name]["detect"][where], strict=True):
                m = re.compile(pattern, re.I).search(text)
                assert cue.search(text) == (m.group() if m else None), (name, pattern)
    words = ("目标", "目标完成", "完成", "计划", "较", "比", "同比", "年")
    wordlist = WordList(words)
    hits = sorted((i, -len(w), w) for w in set(words) for i in range(len(text)) if text.startswith(w, i))
    expected, position = [], 0
    for i, negative, word in hits:
        if i >= position:
            position = i - negative
            expected.append((i, position, word))
    assert [(m.start(), m.end(), m.group()) for m in wordlist.finditer(text)] == expected
    first = wordlist.search(text)
    assert (first.span() if first else None) == (expected[0][:2] if expected else None)
