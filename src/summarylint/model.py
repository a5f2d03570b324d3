"""The parsed document: sections, blocks and sentences, each with exact source offsets.

Offsets are 0-based code-point offsets into the decoded text, end exclusive. Every
rule reads only this model; every diagnostic and fix is expressed in these offsets.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass, field, fields
from functools import cached_property

SECTION_KINDS = ("intro", "results", "reflection", "plan", "closing", "other")


@dataclass
class Sentence:
    start: int
    end: int
    text: str


@dataclass
class Block:
    """A unit of prose: a paragraph, list item, table cell or a run-in body."""

    kind: str  # paragraph | list_item | table_cell | heading
    start: int
    end: int
    text: str
    sentences: list[Sentence] = field(default_factory=list)
    list_depth: int = 0
    section: Section | None = field(default=None, repr=False, compare=False)
    # A table cell's place: (table, row, column), each counted from 0 in the file; row 0 is the header
    # row of a Markdown table and the first row of a Word table.
    cell: tuple[int, int, int] | None = None


@dataclass
class Section:
    title: str
    level: int
    kind: str = "other"
    start: int = 0  # first character of the heading line
    end: int = 0  # end of the last block of the section, children included
    title_start: int = 0
    title_end: int = 0
    style: str = "root"  # numbering style that opened it, e.g. "cn-dun", "md-h2", "runin"
    ordinal: int | None = None  # the number in 一、/（二）/3. etc., for numbering checks
    kind_source: str = "default"  # heading | content | parent | default
    blocks: list[Block] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)
    parent: Section | None = field(default=None, repr=False, compare=False)

    def walk(self) -> Iterator[Section]:
        """This section and all its descendants, in document order."""
        # A stack, not nested generators: the rules and the scorer walk the tree dozens of times per file.
        stack = [self]
        while stack:
            section = stack.pop()
            yield section
            stack.extend(reversed(section.children))

    def all_blocks(self) -> Iterator[Block]:
        """Blocks of this section and its descendants, in document order."""
        for section in self.walk():
            yield from section.blocks

    def body_text(self) -> str:
        return "\n".join(block.text for block in self.all_blocks())


@dataclass
class Document:
    text: str
    root: Section
    format: str  # markdown | text | docx
    path: str = "<text>"
    title: str | None = None
    title_span: tuple[int, int] | None = None
    masked: list[tuple[int, int]] = field(default_factory=list)  # code, comments: not prose

    def __getstate__(self) -> dict[str, object]:
        # A report sent back from a worker process carries the parse, not the caches and the rules'
        # memos kept on the document (rebuilt on demand): a third of the size, a quarter of the time.
        return {f.name: self.__dict__[f.name] for f in fields(self)}

    @cached_property
    def _line_starts(self) -> list[int]:
        starts = [0]
        at = self.text.find("\n")
        while at >= 0:
            starts.append(at + 1)
            at = self.text.find("\n", at + 1)
        return starts

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column (code points) of an offset."""
        line = bisect.bisect_right(self._line_starts, offset) - 1
        return line + 1, offset - self._line_starts[line] + 1

    def line_span(self, offset: int) -> tuple[int, int]:
        """Start and end (before the line break) of the line holding offset."""
        line = bisect.bisect_right(self._line_starts, offset) - 1
        start = self._line_starts[line]
        end = self.text.find("\n", start)
        end = len(self.text) if end < 0 else end
        if end > start and self.text[end - 1] == "\r":
            end -= 1
        return start, end

    def sections(self) -> Iterator[Section]:
        """Every section except the root, in document order."""
        for section in self.root.walk():
            if section is not self.root:
                yield section

    def blocks(self) -> Iterator[Block]:
        return self.root.all_blocks()

    def sentences(self) -> Iterator[Sentence]:
        for block in self.blocks():
            yield from block.sentences

    def units(self) -> list[Section]:
        """The summaries in this file: one per sample (篇一/篇二…) when a file holds several."""
        samples = [s for s in self.root.children if s.style == "sample"]
        return samples or [self.root]

    def is_masked(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.masked)
