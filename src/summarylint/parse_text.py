"""Plain text with Chinese outline numbering → Document.

Never goes through a Markdown parser: pasted text is full of lone "-" lines and
"1." lines that CommonMark would turn into setext headings and ordered lists.
Every line is its own block, as in text copied from a web page or a Word file.
"""

from __future__ import annotations

import re

from .model import Document
from .outline import is_lone_dash, match_heading, strip_bullet
from .tree import TreeBuilder

_LINE_RE = re.compile(r"[^\n]*\n?")


def iter_lines(text: str):
    """(start offset, line without its line break) for every line."""
    for m in _LINE_RE.finditer(text):
        if m.start() == len(text):
            break
        yield m.start(), m.group().rstrip("\r\n")


def indent_depth(line: str) -> int:
    width = 0
    for ch in line:
        if ch == " ":
            width += 1
        elif ch in "\t\u3000":
            width += 2
        else:
            break
    return width // 2


def parse_text(text: str, path: str = "<text>") -> Document:
    builder = TreeBuilder(text)
    masked: list[tuple[int, int]] = []
    in_comment = False
    for start, line in iter_lines(text):
        # HTML comments (<!-- summarylint-disable … -->) are directives, not prose, in .txt files too.
        if in_comment or line.lstrip().startswith("<!--"):
            masked.append((start, start + len(line)))
            in_comment = "-->" not in line
            continue
        if not line.strip() or is_lone_dash(line):
            continue
        bullet = strip_bullet(line)
        content = line[bullet:]
        depth = indent_depth(line) if bullet else 0
        match = match_heading(content, bullet=bool(bullet)) or (None if bullet else builder.plain_heading(content))
        kind = "list_item" if bullet else "paragraph"
        if not bullet and builder.take_title(line, start, start + len(line)):
            continue
        if match is None:
            builder.block(kind, start + bullet, start + len(line), depth)
            continue
        builder.heading(match, start + bullet, depth)
        if match.body_start is not None:
            builder.block(kind, start + bullet + match.body_start, start + len(line), depth)
    return builder.finish("text", path, masked)
