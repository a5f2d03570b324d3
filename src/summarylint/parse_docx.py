"""Word documents (.docx) → Document, through python-docx (imported only when a .docx is read).

**Positions.** The text we lint is the document's paragraphs joined by "\\n", so line N of a
diagnostic is paragraph N of the document, and columns count code points within that
paragraph's text. Paragraphs are counted in reading order: body paragraphs, the paragraphs of
table cells (row by row, cell by cell) and of content controls; empty paragraphs count too.
Not part of the text: headers, footers, footnotes, comments, text boxes, deleted revisions,
and Word's automatic list numbering (a "1." that Word draws is not in the paragraph's text;
a "1." typed by the author is). A soft line break (Shift+Enter) inside a paragraph becomes a
space, so that a paragraph is always one line.

**Headings** come from Word heading styles (Heading 1…9, 标题 1…9, or any style or paragraph
with an outline level) and, as in plain text, from outline numbering typed in the text
(一、 （一） 1. …). A styled heading that carries outline numbering takes that numbering's rank,
so that it nests exactly as the same line would in a .txt file; an unnumbered styled heading
(style "word-hN") sits just below the nearest styled level above it. The paragraphs are then fed
to the same TreeBuilder as plain text (parse_text.py): a .docx whose paragraphs are the lines of
a .txt file gives the same sections and the same findings.

A Title-style paragraph (标题/Title) is the document title. Table-of-contents paragraphs are
kept as lines (numbering stays paragraph-based) but are not prose: they are masked.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .errors import InputError

if TYPE_CHECKING:
    from .model import Document

MAX_DOCX_BYTES = 100 * 1024 * 1024
MAX_XML_BYTES = 200 * 1024 * 1024  # uncompressed: a guard against zip bombs
MAX_TEXT_CHARS = 20 * 1024 * 1024

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADING_NAME_RE = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.I)
_TITLE_NAMES = {"title", "标题"}
_TOC_NAME_RE = re.compile(r"^(?:toc|目录)\s*\d*$|^toc heading$|^目录标题$", re.I)
_BREAKS = {_W + "br", _W + "cr"}
_SKIP_SUBTREES = {_W + "txbxContent", _W + "del", _W + "moveFrom", _W + "pPr", _W + "rPr",
                  _W + "footnoteReference", _W + "endnoteReference", _W + "commentReference",
                  "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"}


@dataclass
class DocxParagraph:
    text: str
    heading_level: int | None = None  # 1-based, from the style or the outline level
    title: bool = False  # Title style
    toc: bool = False  # a table-of-contents entry
    cell: tuple[int, int, int] | None = None  # in a table: (table, row, column)
    list_level: int | None = None  # Word automatic numbering (numPr): 0-based level


@dataclass
class DocxText:
    """The paragraphs of a Word document; `text` is them joined by "\\n" (line N = paragraph N)."""

    paragraphs: list[DocxParagraph] = field(default_factory=list)
    tables: int = 0

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)


@dataclass
class _Style:
    name: str
    outline_level: int | None
    numbered: bool
    based_on: str | None


def read_docx(data: bytes, name: str = "<input>") -> DocxText:
    """The paragraphs of a .docx; a file python-docx cannot open gives a one-line InputError."""
    if len(data) > MAX_DOCX_BYTES:
        size, limit = len(data) // 1024 // 1024, MAX_DOCX_BYTES // 1024 // 1024
        raise InputError(f"{name}: file too large ({size} MB; limit {limit} MB)",
                         zh=f"{name}: 文件过大（{size} MB，上限 {limit} MB）")
    try:
        import docx
    except ImportError:
        raise InputError(f"{name}: reading .docx needs python-docx: pip install 'summarylint[docx]'",
                         zh=f"{name}: 读取 .docx 需要 python-docx：pip install 'summarylint[docx]'") from None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            xml_bytes = sum(i.file_size for i in archive.infolist() if i.filename.endswith((".xml", ".rels")))
        if xml_bytes > MAX_XML_BYTES:
            size = xml_bytes // 1024 // 1024
            raise InputError(f"{name}: the Word document expands to {size} MB of XML; refusing to read it",
                             zh=f"{name}: 该 Word 文档解压后有 {size} MB 的 XML，拒绝读取")
        document = docx.Document(io.BytesIO(data))
        styles = _styles(document)
        result = DocxText()
        _walk(document.element.body, styles, _default_style(document), result, cell=None)
    except InputError:
        raise
    except Exception as exc:  # zipfile, lxml, python-docx: anything means "not a readable .docx"
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(f"{name}: not a readable Word document (.docx): {reason}",
                         zh=f"{name}: 不是可读取的 Word 文档（.docx）：{reason}") from None
    if sum(len(p.text) + 1 for p in result.paragraphs) > MAX_TEXT_CHARS:
        limit = MAX_TEXT_CHARS // 1024 // 1024
        raise InputError(f"{name}: too much text in the Word document (limit {limit} M)",
                         zh=f"{name}: Word 文档中的文字过多（上限 {limit}M 字符）")
    return result


def _default_style(document: Any) -> str | None:
    for el in document.styles.element.iterchildren(_W + "style"):
        if el.get(_W + "type") == "paragraph" and el.get(_W + "default") in ("1", "true", "on"):
            return str(el.get(_W + "styleId"))
    return None


def _styles(document: Any) -> dict[str, _Style]:
    """Paragraph styles by style id: name, outline level, numbering, parent."""
    from docx.styles import BabelFish

    out: dict[str, _Style] = {}
    for el in document.styles.element.iterchildren(_W + "style"):
        if el.get(_W + "type") != "paragraph":
            continue
        name_el = el.find(_W + "name")
        raw = name_el.get(_W + "val") if name_el is not None else el.get(_W + "styleId")
        name = BabelFish.internal2ui(raw or "")
        based = el.find(_W + "basedOn")
        ppr = el.find(_W + "pPr")
        out[str(el.get(_W + "styleId"))] = _Style(
            name=name, outline_level=_outline_level(ppr),
            numbered=ppr is not None and ppr.find(_W + "numPr") is not None,
            based_on=based.get(_W + "val") if based is not None else None,
        )
    return out


def _outline_level(ppr: Any) -> int | None:
    if ppr is None:
        return None
    lvl = ppr.find(_W + "outlineLvl")
    if lvl is None:
        return None
    try:
        value = int(lvl.get(_W + "val"))
    except (TypeError, ValueError):
        return None
    return value + 1 if 0 <= value < 9 else None  # 9 is "body text"


def _style_chain(style_id: str | None, styles: dict[str, _Style]) -> list[_Style]:
    chain: list[_Style] = []
    seen: set[str] = set()
    while style_id and style_id in styles and style_id not in seen:
        seen.add(style_id)
        chain.append(styles[style_id])
        style_id = styles[style_id].based_on
    return chain


def _walk(container: Any, styles: dict[str, _Style], default: str | None, out: DocxText, *,
          cell: tuple[int, int, int] | None) -> None:
    for child in container.iterchildren():
        tag = child.tag
        if tag == _W + "p":
            out.paragraphs.append(_paragraph(child, styles, default, cell))
        elif tag == _W + "tbl":
            table, out.tables = out.tables, out.tables + 1
            for r, row in enumerate(child.iterchildren(_W + "tr")):
                for c, tc in enumerate(row.iterchildren(_W + "tc")):
                    _walk(tc, styles, default, out, cell=(table, r, c))
        elif tag == _W + "sdt":
            content = child.find(_W + "sdtContent")
            if content is not None:
                _walk(content, styles, default, out, cell=cell)
        elif tag in (_W + "customXml", _W + "ins", _W + "moveTo"):
            _walk(child, styles, default, out, cell=cell)


def _paragraph(p: Any, styles: dict[str, _Style], default: str | None,
               cell: tuple[int, int, int] | None) -> DocxParagraph:
    ppr = p.find(_W + "pPr")
    style_el = ppr.find(_W + "pStyle") if ppr is not None else None
    style_id = style_el.get(_W + "val") if style_el is not None else default
    chain = _style_chain(style_id, styles)
    name = chain[0].name if chain else ""
    level: int | None = None
    m = _HEADING_NAME_RE.match(name.strip())
    if m:
        level = int(m.group(1))
    else:
        level = _outline_level(ppr)
        for style in chain:
            if level is not None:
                break
            level = style.outline_level
    numbered = ppr is not None and ppr.find(_W + "numPr") is not None
    list_level = None
    if numbered and ppr is not None:
        ilvl = ppr.find(f"{_W}numPr/{_W}ilvl")
        list_level = int(ilvl.get(_W + "val", "0")) if ilvl is not None and ilvl.get(_W + "val", "").isdigit() else 0
    elif any(s.numbered for s in chain) and level is None:
        list_level = 0
    lowered = name.strip().lower()
    return DocxParagraph(
        text=_text(p), heading_level=level, title=lowered in _TITLE_NAMES, toc=bool(_TOC_NAME_RE.match(lowered)),
        cell=cell, list_level=list_level,
    )


def _text(p: Any) -> str:
    parts: list[str] = []

    def visit(el: Any) -> None:
        for child in el.iterchildren():
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP_SUBTREES:
                continue
            if tag == _W + "t":
                parts.append(child.text or "")
            elif tag == _W + "tab" or tag == _W + "ptab":
                parts.append("\t")
            elif tag in _BREAKS:
                parts.append(" ")
            elif tag == _W + "noBreakHyphen":
                parts.append("-")
            elif tag == _W + "sym":
                parts.append(_symbol(child))
            elif tag == _W + "p":
                continue  # a paragraph nested in a drawing/text box: not part of this line
            else:
                visit(child)

    visit(p)
    return "".join(parts).replace("\r", " ").replace("\n", " ")


def _symbol(el: Any) -> str:
    code = el.get(_W + "char") or ""
    try:
        value = int(code, 16)
    except ValueError:
        return ""
    if 0xF000 <= value <= 0xF0FF:  # Symbol/Wingdings private-use glyphs: no meaningful text
        return ""
    return chr(value)


def docx_document(source: DocxText, path: str = "<docx>") -> Document:
    """Build the Document: one line per paragraph, headings from styles and outline numbering."""
    from .classify import classify
    from .outline import HeadingMatch, is_lone_dash, match_heading
    from .parse_text import LineReader
    from .tree import TreeBuilder

    paragraphs = source.paragraphs
    text = source.text
    ranks = _level_ranks(paragraphs)
    builder = TreeBuilder(text)
    reader = LineReader(builder)
    start = 0
    for para in paragraphs:
        line = para.text
        line_start, start = start, start + len(line) + 1
        if para.toc:
            if line:
                reader.masked.append((line_start, line_start + len(line)))
            continue
        if reader.directive(line_start, line) or not line.strip() or is_lone_dash(line):
            continue
        lead = len(line) - len(line.lstrip(" \t\u3000"))
        end = len(line.rstrip(" \t\u3000"))
        if para.cell is not None:
            builder.block("table_cell", line_start + lead, line_start + end, cell=para.cell)
            continue
        if para.title and builder.title is None and not builder.root.children and not builder.root.blocks:
            builder.title, builder.title_span = line.strip(), (line_start + lead, line_start + end)
            continue
        if para.heading_level is not None:
            outline = match_heading(line)
            if outline is not None and outline.rank < 7 and outline.body_start is None:
                match = HeadingMatch(outline.style, outline.rank, outline.title_start, outline.title_end,
                                     outline.ordinal, None, outline.mark)
            else:
                match = HeadingMatch(f"word-h{para.heading_level}", ranks[para.heading_level], lead, end,
                                     outline.ordinal if outline else None, None, outline.mark if outline else "")
            builder.heading(match, line_start)
            continue
        reader.read(line_start, line, para.list_level)  # everything else reads as a line of plain text
    doc = builder.finish("docx", path, reader.masked)
    classify(doc)
    return doc


def _level_ranks(paragraphs: list[DocxParagraph]) -> dict[int, float]:
    """A TreeBuilder rank for unnumbered headings of each Word level, below the styled levels above it."""
    from .outline import match_heading

    numbered: dict[int, list[float]] = {}
    for para in paragraphs:
        if para.heading_level is None or para.toc or para.cell is not None:
            continue
        outline = match_heading(para.text)
        bucket = numbered.setdefault(para.heading_level, [])
        if outline is not None and outline.rank < 7 and outline.body_start is None:
            bucket.append(outline.rank)
    ranks: dict[int, float] = {}
    above = 0.0
    for level in range(1, 10):
        rank = min(numbered[level]) if numbered.get(level) else above + 0.5
        ranks[level] = rank
        if level in numbered:
            above = max(above, rank)
    return ranks


def parse_docx(data: bytes, path: str = "<docx>") -> Document:
    """Bytes of a .docx → classified Document (see the module docstring for positions)."""
    return docx_document(read_docx(data, path), path)
