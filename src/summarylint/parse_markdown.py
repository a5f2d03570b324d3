"""Markdown → Document, through markdown-it-py's token stream and its line maps.

Inline content is mapped back to exact source offsets line by line: a content line is
its source line minus the container prefix (list marker, quote marker, indentation).
Each line of a paragraph is then read like a line of plain text, because Chinese
authors rarely hard-wrap and often put "一、…" and its body on adjacent lines.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.token import Token

from . import fastre
from .model import Document
from .outline import HeadingMatch, is_field_label, match_heading
from .parse_text import iter_lines
from .tree import TreeBuilder

_BOLD_LINE_RE = fastre.compile(r"[ \t\u3000]*\*\*(?P<inner>[^*\n]{1,40})\*\*[ \t\u3000]*[:：]?[ \t\u3000]*$")
_INLINE_MASK_RE = fastre.compile(r"`[^`\n]+`|<!--.*?-->|\]\([^)\n]*\)|<https?://[^>\n]+>", re.S)

# Label headings (处理：, 原因：…) as outline.match_heading names them.
_LABEL_STYLES = {"label", "runin", "label-bullet", "runin-bullet"}

_md: MarkdownIt | None = None


def _parser() -> MarkdownIt:
    global _md
    if _md is None:
        # Only block tokens and the raw content of inline ones are read (code and links are masked by
        # _INLINE_MASK_RE on the source), so markdown-it's inline pass — 40 % of its time — is off.
        _md = MarkdownIt("commonmark").enable("table").disable(["inline", "text_join"])
    return _md


class _MarkdownReader:
    def __init__(self, text: str):
        self.text = text
        self.lines = list(iter_lines(text))
        self.builder = TreeBuilder(text)
        self.masked: list[tuple[int, int]] = []
        self.depth = 0
        self.ordered: list[bool] = []
        self.item_first_paragraph = False
        self._cell_cursor = 0
        self._cell = (-1, -1, -1)  # (table, row, column) of the last cell opened

    def line_offsets(self, line_no: int, content: str) -> tuple[int, int]:
        """Source offsets of one content line that sits at the end of source line line_no."""
        start, src = self.lines[line_no]
        src = src.rstrip()
        content = content.strip()
        pos = len(src) - len(content) if src.endswith(content) else src.find(content)
        pos = max(pos, 0)
        return start + pos, start + pos + len(content)

    def read(self, tokens: list[Token]) -> None:
        h1_count = sum(1 for t in tokens if t.type == "heading_open" and t.tag == "h1")
        for i, token in enumerate(tokens):
            kind = token.type
            if kind in ("bullet_list_open", "ordered_list_open"):
                self.depth += 1
                self.ordered.append(kind == "ordered_list_open")
            elif kind in ("bullet_list_close", "ordered_list_close"):
                self.depth -= 1
                self.ordered.pop()
            elif kind == "list_item_open":
                self.item_first_paragraph = True
            elif kind == "heading_open":
                self.heading(token, tokens[i + 1], h1_count)
            elif kind == "paragraph_open":
                self.paragraph(token, tokens[i + 1])
            elif kind == "table_open":
                self._cell = (self._cell[0] + 1, -1, -1)
            elif kind == "tr_open" and token.map:
                # cells are found by their text from the start of their row's line, not anywhere after
                # the previous cell (a header cell "目标" must not be matched in the prose above)
                self._cell_cursor = max(self._cell_cursor, self.lines[token.map[0]][0])
                self._cell = (self._cell[0], self._cell[1] + 1, -1)
            elif kind in ("th_open", "td_open"):
                self._cell = (*self._cell[:2], self._cell[2] + 1)
                self.cell(tokens[i + 1])
            elif kind in ("fence", "code_block", "html_block") and token.map:
                a, b = token.map
                start = self.lines[a][0]
                end = self.lines[b - 1][0] + len(self.lines[b - 1][1]) if b - 1 < len(self.lines) else len(self.text)
                self.masked.append((start, end))

    def heading(self, token: Token, inline: Token, h1_count: int) -> None:
        assert token.map is not None
        line_no = token.map[0]
        if token.markup in ("=", "-"):  # setext: the text is above the underline
            line_no = token.map[1] - 2
        start, end = self.line_offsets(line_no, inline.content)
        level = int(token.tag[1])
        b = self.builder
        if level == 1 and h1_count == 1 and b.title is None and not b.root.children:
            b.title, b.title_span = self.text[start:end], (start, end)
            return
        line_start = self.lines[line_no][0]
        outline = match_heading(self.text[start:end])
        style = outline.style if outline and outline.body_start is None and outline.rank < 7 else f"md-h{level}"

        match = HeadingMatch(style, level - 0.5, start - line_start, end - line_start,
                             outline.ordinal if outline else None, None, outline.mark if outline else "")
        b.heading(match, line_start)

    def paragraph(self, token: Token, inline: Token) -> None:
        assert token.map is not None
        in_item = self.depth > 0
        first_of_item = in_item and self.item_first_paragraph
        self.item_first_paragraph = False
        for n, content in enumerate(inline.content.split("\n")):
            line_no = token.map[0] + n
            if line_no >= len(self.lines) or not content.strip():
                continue
            start, end = self.line_offsets(line_no, content)
            self._mask_inline(start, end)
            if in_item and n > 0 and self._continue_item(start, end):
                continue
            self.line(start, end, bullet=first_of_item and n == 0, in_item=in_item, line_no=line_no)

    def _continue_item(self, start: int, end: int) -> bool:
        """A later line of a list item's paragraph ("- **问题**：……  ⏎  **处理**：已改为……") belongs to the
        item's text: a label there opens no section (a numbered line still may: 二、存在问题 typed right
        under a list). True when the line was added to the item's block."""
        block = self.builder.last_block
        match = match_heading(self.text[start:end])
        if block is None or block.section is not self.builder.current or block.end > start:
            return False
        if match is not None and match.style not in _LABEL_STYLES:
            return False
        self.builder.extend(block, end)
        return True

    def line(self, start: int, end: int, *, bullet: bool, in_item: bool, line_no: int) -> None:
        b = self.builder
        depth = max(self.depth - 1, 0)
        text = self.text[start:end]
        kind = "list_item" if in_item else "paragraph"
        if not in_item and b.take_title(text, start, end):
            return
        if bullet and self.ordered and self.ordered[-1]:
            # "1. 工作目标" in Markdown is an ordered list; read it with its number, like plain text.
            line_start, src = self.lines[line_no]
            marker = len(src) - len(src.lstrip())
            match = match_heading(src[marker:]) if start - line_start <= marker + 4 else None
            if match is not None:
                b.heading(match, line_start + marker, depth)
                if match.body_start is not None:
                    b.block(kind, line_start + marker + match.body_start, end, depth)
                return
        bold = _BOLD_LINE_RE.match(text)
        if bold and not in_item and not is_field_label(bold.group("inner")):
            inner_start = start + bold.start("inner")
            inner = match_heading(bold.group("inner"))

            style = inner.style if inner and inner.body_start is None else "bold"
            rank = inner.rank if inner and inner.body_start is None else 2.0
            ordinal = inner.ordinal if inner else None
            match = HeadingMatch(style, rank, inner_start - start, start + bold.end("inner") - start, ordinal)
            b.heading(match, start)
            return
        match = match_heading(text, bullet=bullet) or (None if in_item else b.plain_heading(text))
        if match is None:
            b.block(kind, start, end, depth)
            return
        b.heading(match, start, depth)
        if match.body_start is not None:
            b.block(kind, start + match.body_start, end, depth)

    def cell(self, inline: Token) -> None:
        # Cells carry no map of their own: find them in order within their row's line.
        content = inline.content.strip()
        if not content:
            return
        pos = self.text.find(content, self._cell_cursor)
        if pos < 0:
            return
        self._cell_cursor = pos + len(content)
        self._mask_inline(pos, pos + len(content))
        self.builder.block("table_cell", pos, pos + len(content), cell=self._cell)

    def _mask_inline(self, start: int, end: int) -> None:
        for m in _INLINE_MASK_RE.finditer(self.text, start, end):
            self.masked.append((m.start(), m.end()))


# CommonMark ends a line's blank run at ASCII space and tab only: a delimiter row `| --- | --- |　` with
# an ideographic space after it is no table row. Such spaces at a line's end become ASCII ones for
# markdown-it (one code point each: offsets and line numbers stay those of the text).
_TRAILING_WIDE_SPACE_RE = fastre.compile(r"[\u3000\u00a0]+(?=\r?\n|$)")


def parse_markdown(text: str, path: str = "<text>") -> Document:
    reader = _MarkdownReader(text)
    source = text
    if "\u3000" in text or "\u00a0" in text:
        source = _TRAILING_WIDE_SPACE_RE.sub(lambda m: " " * len(m.group()), text)
    reader.read(_parser().parse(source))
    return reader.builder.finish("markdown", path, sorted(reader.masked))
