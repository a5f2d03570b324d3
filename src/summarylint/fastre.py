"""Regular expressions that are cheap to start: compiled once per interpreter, then kept; or compiled
on first use.

Compiling patterns is the largest single cost of a cold `summarylint check`. Python's regex compiler
is written in Python, and every character class that lists Chinese characters (`[年月日]`, `[，。；]`,
even `[ \\t\\u3000]`) makes it build and compress a 64K-entry map (~0.2-0.3 ms each); the package's
few hundred patterns took ~100 ms of a 0.4 s check. Two remedies:

* `compile(pattern, flags)` returns exactly `re.compile(pattern, flags)`, but the compiled program
  (the list of SRE codes the compiler produces) is kept in the user's cache directory (the one
  data.py uses for the shipped YAML) and handed straight to `_sre.compile` on later runs, which
  skips parsing and code generation. A pattern is compiled with re.compile's own steps (parse,
  generate the program, `_sre.compile`); the first VERIFIED patterns a process compiles so are
  checked against re.compile itself (Pattern equality compares flags, program and pattern), and any
  difference switches the cache off. Entries are only ever read back by the same interpreter
  (version, SRE magic and code size are part of the file's key), so a cached pattern is the same
  pattern. Anything unexpected (no cache directory, a damaged or foreign file, an interpreter whose
  internals differ) falls back to plain re.compile.
* `lazy(pattern, flags)` defers even that to the first use, for patterns that only some documents
  need (a title with a year, a summary without a plan, a URL).

Only patterns written in the source, or read from the shipped rule data, go through here (a user's
rule pack does not); past MAX_ENTRIES the cache starts again, so patterns that older versions of
summarylint used do not pile up.
"""

from __future__ import annotations

import marshal
import os
import re
import sys
from array import array
from typing import Any, cast

MAX_ENTRIES = 4000
VERIFIED = 20  # patterns per process checked against re.compile before the compile steps are trusted
_FORMAT = 1


def _internals() -> tuple[Any, Any, Any]:
    """(_sre, the regex compiler, its parser): CPython's, as re.compile uses them."""
    import _sre

    compiler, parser = getattr(re, "_compiler", None), getattr(re, "_parser", None)
    if compiler is None or parser is None:  # Python 3.10
        import sre_compile as compiler
        import sre_parse as parser
    return _sre, compiler, parser


try:  # anything missing (not CPython, a layout we do not know) disables the cache, not the patterns
    _sre, _compiler, _parser = _internals()
    _CODE_TYPE = next(t for t in "IL" if array(t).itemsize == _sre.CODESIZE)
    _INTERPRETER: tuple[Any, ...] | None = (_FORMAT, sys.implementation.name, sys.version, _sre.MAGIC,
                                            _sre.CODESIZE, sys.maxunicode)
except Exception:  # pragma: no cover
    _INTERPRETER = None

_Entry = tuple[int, bytes, int, dict[str, int], tuple[str | None, ...]]
_table: dict[tuple[str, int], _Entry] | None = None
_added = 0
_verified = 0


def _path() -> str | None:
    from .data import cache_dir

    folder = cache_dir()
    if folder is None or _INTERPRETER is None:
        return None
    return os.path.join(folder, f"regex-{sys.implementation.cache_tag}.marshal")


def _entries() -> dict[tuple[str, int], _Entry]:
    global _table
    if _table is None:
        _table = {}
        path = _path()
        if path is not None:
            try:
                with open(path, "rb") as handle:
                    stored = marshal.loads(handle.read())
                if isinstance(stored, tuple) and len(stored) == 2 and stored[0] == _INTERPRETER:
                    _table = stored[1]
            except (OSError, EOFError, ValueError, TypeError):
                pass
    return _table


def _from_entry(pattern: str, entry: _Entry) -> re.Pattern[str]:
    flags, code, groups, groupindex, indexgroup = entry
    return cast("re.Pattern[str]", _sre.compile(pattern, flags, array(_CODE_TYPE, code).tolist(), groups,
                                                 groupindex, indexgroup))


def _record(pattern: str, flags: int) -> re.Pattern[str]:
    """Compile as re.compile does, step by step, keeping the program for the cache.

    The first VERIFIED patterns a process records are also compiled by re.compile and must come out
    equal (Pattern equality compares flags, program and pattern); one that does not switches the
    cache off for the process. After that the steps are trusted: compiling every pattern twice would
    make the first run, when nothing is cached yet (a fresh CI machine), slower than no cache at all."""
    global _verified, _INTERPRETER
    try:
        parsed = _parser.parse(pattern, flags)
        code = array(_CODE_TYPE, _compiler._code(parsed, flags)).tobytes()
        groupindex = {str(k): int(v) for k, v in parsed.state.groupdict.items()}
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        entry: _Entry = (int(flags | parsed.state.flags), code, parsed.state.groups - 1, groupindex,
                         tuple(indexgroup))
        compiled = _from_entry(pattern, entry)
    except Exception:  # pragma: no cover - internals changed: plain re.compile from now on
        _INTERPRETER = None
        return re.compile(pattern, flags)
    if _verified < VERIFIED:
        expected = re.compile(pattern, flags)
        if not (compiled == expected and compiled.groupindex == expected.groupindex
                and compiled.groups == expected.groups):  # pragma: no cover - an interpreter we do not know
            _INTERPRETER = None
            return expected
        _verified += 1
    _remember((pattern, flags), entry)
    return compiled


def _remember(key: tuple[str, int], entry: _Entry) -> None:
    global _added
    table = _entries()
    if len(table) >= MAX_ENTRIES:  # stale patterns of older versions pile up: start again
        table.clear()
    table[key] = entry
    if _added == 0:
        import atexit

        atexit.register(save)
    _added += 1


def save() -> None:
    """Write the patterns compiled by this process (at exit; a cache that cannot be written is no error)."""
    global _added
    path = _path()
    if path is None or not _added or _table is None:
        return
    _added = 0
    import tempfile

    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(marshal.dumps((_INTERPRETER, _table)))
        os.replace(tmp, path)
    except (OSError, ValueError):
        pass


# Patterns this process has compiled: rules that build a pattern from their lexicon on each call get
# it back at once, instead of locating the cache file (Path.home…) and rebuilding the program per call.
_compiled: dict[tuple[str, int], re.Pattern[str]] = {}
_MAX_COMPILED = 4096


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """re.compile(pattern, flags), from the compiled-pattern cache when this interpreter has seen it."""
    key = (pattern, int(flags))
    found = _compiled.get(key)
    if found is None:
        if len(_compiled) >= _MAX_COMPILED:
            _compiled.clear()
        found = _compiled[key] = _compile(*key)
    return found


def _compile(pattern: str, flags: int) -> re.Pattern[str]:
    if _INTERPRETER is None or _path() is None:
        return re.compile(pattern, flags)
    entry = _entries().get((pattern, flags))
    if entry is not None:
        try:
            return _from_entry(pattern, entry)
        except Exception:  # a damaged entry: compile it again
            pass
    return _record(pattern, flags)


class _LazyPattern:
    """Stands in for compile(pattern, flags) until a method or attribute is first asked for."""

    __slots__ = ("_compiled", "_flags", "_pattern")

    def __init__(self, pattern: str, flags: int) -> None:
        self._pattern = pattern
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> Any:
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = compile(self._pattern, self._flags)
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy({self._pattern!r}, {self._flags})"


def lazy(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """compile(pattern, flags), on first use."""
    return cast("re.Pattern[str]", _LazyPattern(pattern, flags))
