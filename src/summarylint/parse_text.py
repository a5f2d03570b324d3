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


class LineReader:
    """Reads one line of plain text into the tree: a directive, a heading, a title or a block.

    Shared by the plain-text and Word parsers, so a .docx paragraph reads exactly as a .txt line.
    """

    def __init__(self, builder: TreeBuilder):
        self.builder = builder
        self.masked: list[tuple[int, int]] = []
        self._in_comment = False

    def directive(self, start: int, line: str) -> bool:
        """HTML comments (<!-- summarylint-disable … -->) are directives, not prose, in .txt files too."""
        if not (self._in_comment or line.lstrip().startswith("<!--")):
            return False
        self.masked.append((start, start + len(line)))
        self._in_comment = "-->" not in line
        return True

    def read(self, start: int, line: str, list_level: int | None = None) -> None:
        if self.directive(start, line) or not line.strip() or is_lone_dash(line):
            return
        builder = self.builder
        bullet = strip_bullet(line)
        content = line[bullet:]
        in_list = bool(bullet) or list_level is not None
        depth = indent_depth(line) if bullet else (list_level or 0)
        match = match_heading(content, bullet=in_list) or (None if in_list else builder.plain_heading(content))
        kind = "list_item" if in_list else "paragraph"
        if not in_list and builder.take_title(line, start, start + len(line)):
            return
        if match is None:
            builder.block(kind, start + bullet, start + len(line), depth)
            return
        builder.heading(match, start + bullet, depth)
        if match.body_start is not None:
            builder.block(kind, start + bullet + match.body_start, start + len(line), depth)


def parse_text(text: str, path: str = "<text>") -> Document:
    reader = LineReader(TreeBuilder(text))
    for start, line in iter_lines(text):
        reader.read(start, line)
    return reader.builder.finish("text", path, reader.masked)
