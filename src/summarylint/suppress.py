"""Suppression comments, in Markdown and plain text alike:

    <!-- summarylint-disable S002,R005 -->   … rules off from this line on
    <!-- summarylint-enable -->               … back on (all, or only the rules listed)
    <!-- summarylint-disable-next-line P001 --> the next non-blank line
    <!-- summarylint-disable-line P001 -->      this line (put the comment at its end)

A rule is named by its id (P001), its name (latin-placeholder) or an id prefix (P, S00);
no rule list means every rule. A diagnostic is suppressed by the line it starts on.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

from . import fastre
from .diagnostics import Diagnostic

DIRECTIVE_RE = fastre.lazy(
    r"<!--[ \t]*summarylint-(?P<verb>disable-next-line|disable-line|disable|enable)(?![\w-])(?P<rules>.*?)-->"
)
ALL = "*"


class _State:
    """What is switched off from one block directive to the next."""

    __slots__ = ("all_off", "back_on", "off")

    def __init__(self, all_off: bool = False, off: frozenset[str] = frozenset(),
                 back_on: frozenset[str] = frozenset()) -> None:
        self.all_off = all_off
        self.off = off  # rules off while the others run
        self.back_on = back_on  # rules re-enabled while all are off

    def suppresses(self, diagnostic: Diagnostic) -> bool:
        if self.all_off:
            return not any(_matches(key, diagnostic) for key in self.back_on)
        return any(_matches(key, diagnostic) for key in self.off)

    def disable(self, keys: frozenset[str]) -> _State:
        if ALL in keys:
            return _State(True)
        if self.all_off:
            return _State(True, frozenset(), self.back_on - keys)
        return _State(False, self.off | keys)

    def enable(self, keys: frozenset[str]) -> _State:
        if ALL in keys:
            return _State()
        if self.all_off:
            return _State(True, frozenset(), self.back_on | keys)
        return _State(False, frozenset(k for k in self.off if k not in keys))


class Suppressions:
    __slots__ = ("block_lines", "block_states", "line_keys")

    def __init__(self) -> None:
        self.block_lines: list[int] = []  # 1-based lines where the block state changes
        self.block_states: list[_State] = []
        self.line_keys: dict[int, set[str]] = {}  # line → rules off on that line only

    def suppresses(self, diagnostic: Diagnostic) -> bool:
        keys = self.line_keys.get(diagnostic.line, set())
        if ALL in keys or any(_matches(key, diagnostic) for key in keys):
            return True
        i = bisect.bisect_right(self.block_lines, diagnostic.line) - 1
        return i >= 0 and self.block_states[i].suppresses(diagnostic)


def _matches(key: str, diagnostic: Diagnostic) -> bool:
    if key == ALL:
        return True
    return key == diagnostic.name or diagnostic.rule.upper().startswith(key.upper())


def _keys(raw: str) -> frozenset[str]:
    keys = frozenset(k for k in re.split(r"[\s,，、]+", raw.strip()) if k)
    return keys or frozenset({ALL})


def parse_suppressions(text: str) -> Suppressions:
    result = Suppressions()
    lines = text.split("\n")
    state = _State()
    for number, line in enumerate(lines, start=1):
        for m in DIRECTIVE_RE.finditer(line):
            verb, keys = m.group("verb"), _keys(m.group("rules"))
            if verb == "disable-line":
                result.line_keys.setdefault(number, set()).update(keys)
            elif verb == "disable-next-line":
                target = _next_content_line(lines, number)
                result.line_keys.setdefault(target, set()).update(keys)
            else:
                state = state.disable(keys) if verb == "disable" else state.enable(keys)
                result.block_lines.append(number)
                result.block_states.append(state)
    return result


def _next_content_line(lines: list[str], number: int) -> int:
    """The first later line that is neither blank nor only a directive (1-based)."""
    for later in range(number, len(lines)):
        rest = DIRECTIVE_RE.sub("", lines[later]).strip()
        if rest:
            return later + 1
    return number + 1


def filter_suppressed(text: str, diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """The diagnostics no suppression comment switches off."""
    diagnostics = list(diagnostics)
    if "summarylint-" not in text:  # the usual case costs one substring search
        return diagnostics
    suppressions = parse_suppressions(text)
    return [d for d in diagnostics if not suppressions.suppresses(d)]
