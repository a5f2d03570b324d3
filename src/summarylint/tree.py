"""Build the section tree from a stream of headings and blocks, the same way for every format.

A stack of open sections: a heading closes every open section whose rank is not above
its own, then opens a new one. Ranks come from the outline numbering (outline.py);
list depth pushes bulleted labels deeper.
"""

from __future__ import annotations

import re

from . import fastre
from .classify import kind_of_content, kind_of_heading
from .model import Block, Document, Section
from .outline import SAMPLE_WORD, TABLE_LEAD_IN_RE, HeadingMatch
from .sentences import split_sentences

_BULLET_STYLES = {"label-bullet", "runin-bullet"}
_CLOSING_RE = fastre.compile(r"[ \t\u3000]*(?:总而言之|总之|综上所述|综上|最后[，,]|谢谢|此致|特此报告|以上是|以上为"
                             r"|以上就是|以上便是|以上报告|(?:不足|不妥|不当)之处[^。\n]{0,12}批评指正|回顾过去[，,]|回首过去[，,]"
                             r"|感谢[^。！!\n]{0,30}(?:指导|帮助|支持|关心|培养|信任|包容)[^。！!\n]{0,6}[。！!]?"
                             r"[ \t\u3000]*$)")
# Signature and date lines end a summary: 汇报人：李明 / 2025年1月6日.
_SIGNATURE_RE = fastre.compile(
    r"[ \t\u3000]*(?:(?:汇报人|述职人|报告人|撰写人|填报人)[ \t]*[:：]|(?:20\d\d|19\d\d)[ \t]*年[ \t]*\d{1,2}[ \t]*月"
    r"(?:[ \t]*\d{1,2}[ \t]*日)?[ \t\u3000]*$|(?:20\d\d|19\d\d)[-/.]\d{1,2}[-/.]\d{1,2}[ \t\u3000]*$)"
)
TITLE_RE = fastre.compile(r"总结|报告|述职|周报|月报|复盘|汇报")
_BREADCRUMB_RE = fastre.compile(r"当前位置|您的位置|首页\s*[>»/]|\s[>»]\s")
_PLAIN_HEADING_MAX = 12
_PUNCTUATION_RE = fastre.compile(r"[，。：:；;！!？?、,.（）()“”\"\d]")
_LEAD_IN_RE = fastre.compile(r"如下[:：。]?\s*$|如下[:：]")  # 现将…汇报如下：
_SAMPLE_RE = fastre.compile(rf"[ \t\u3000]*{SAMPLE_WORD}[〇零一二三四五六七八九十百]+[ \t\u3000]*[:：]")


class TreeBuilder:
    def __init__(self, text: str):
        self.text = text
        self.root = Section(title="", level=0, style="root", start=0, end=len(text), kind="other")
        self._stack: list[tuple[Section, float]] = [(self.root, -1.0)]
        self.title: str | None = None
        self.title_span: tuple[int, int] | None = None
        self._seen_heading = False
        self.last_block: Block | None = None

    @property
    def current(self) -> Section:
        return self._stack[-1][0]

    def heading(self, match: HeadingMatch, line_start: int, list_depth: int = 0) -> Section:
        rank = match.rank + (3.0 * list_depth if match.style in _BULLET_STYLES else 0.0)
        self._close_for(rank, match.style)
        parent = self.current
        title_start, title_end = line_start + match.title_start, line_start + match.title_end
        section = Section(
            title=self.text[title_start:title_end].replace("**", "").strip(),
            level=len(self._stack),
            start=line_start,
            end=title_end,
            title_start=title_start,
            title_end=title_end,
            style=match.style,
            ordinal=match.ordinal,
            parent=parent,
        )
        parent.children.append(section)
        self._stack.append((section, rank))
        self._seen_heading = True
        return section

    def _close_for(self, rank: float, style: str) -> None:
        while len(self._stack) > 1:
            top, top_rank = self._stack[-1]
            sibling_label = (
                top.style in ("label", "label-bullet") and top.blocks and style.startswith("runin")
                and top_rank < rank <= top_rank + 2.0
            )
            if top_rank >= rank or sibling_label:
                self._stack.pop()
            else:
                break

    def plain_heading(self, text: str) -> HeadingMatch | None:
        """A short bare line that names a section ("前言", "总结与展望", "存在问题") is a heading."""
        stripped = text.strip(" \t\u3000*")
        if not stripped or len(stripped) > _PLAIN_HEADING_MAX or _PUNCTUATION_RE.search(stripped):
            return None
        if kind_of_heading(stripped) is None or TABLE_LEAD_IN_RE.search(stripped):
            return None
        start = text.index(stripped)
        return HeadingMatch("plain", 2.0, start, start + len(stripped))

    def take_title(self, text: str, start: int, end: int) -> bool:
        """A title line ("2024年度个人工作总结") at the top of a file or of a 篇 sample is no section."""
        unit = self.current
        if unit.style not in ("root", "sample") or unit.children or (unit.blocks and unit.style == "root"):
            return False
        if len(text) > 50 or text.rstrip().endswith(tuple("。！？!?；;：:，,")) or not TITLE_RE.search(text):
            return False
        if _BREADCRUMB_RE.search(text):
            return False  # "当前位置：首页 > 工作总结" is page chrome, not the title
        if _SAMPLE_RE.match(text):
            return False  # "篇一：《运营工作总结》" opens a sample of a collection
        label = re.split(r"[:：]", text, maxsplit=1)
        if len(label) == 2 and kind_of_heading(label[0]):
            return False  # "引言：复盘是为了更好地前行" is a heading, not the title
        if unit.style == "root" and self.title is None:
            self.title, self.title_span = text.strip(), (start, end)
        return True

    def block(self, kind: str, start: int, end: int, list_depth: int = 0,
              cell: tuple[int, int, int] | None = None) -> Block | None:
        while end > start and self.text[end - 1] in " \t\u3000\r\n":
            end -= 1
        if end <= start:
            return None
        if kind != "list_item" and self.current.style in _BULLET_STYLES:
            # A paragraph after bulleted run-in items belongs to the section around the list.
            while len(self._stack) > 1 and self.current.style in _BULLET_STYLES:
                self._stack.pop()
        text = self.text[start:end]
        closing = _CLOSING_RE.match(text) or _SIGNATURE_RE.match(text)
        # "四、总结 / 总之，……": the closing words are the body of the heading right above them.
        under_heading = self.current.style not in ("root", "sample") and not self.current.blocks
        if kind == "paragraph" and self._seen_heading and closing and not self._in_closing() and not under_heading:
            self._open_implicit("closing", start)
        block = Block(kind, start, end, text, split_sentences(text, start), list_depth, cell=cell)
        block.section = self.current
        self.current.blocks.append(block)
        self.last_block = block
        return block

    def extend(self, block: Block, end: int) -> None:
        """Make block run on to end (a continuation line of the same list item)."""
        block.end = end
        block.text = self.text[block.start:end]
        block.sentences = split_sentences(block.text, block.start)

    def _in_closing(self) -> bool:
        return any(section.kind == "closing" for section, _ in self._stack)

    def _open_implicit(self, kind: str, start: int) -> None:
        # Closing words end the unit's last numbered part: the closing sits beside 一、二、…
        while len(self._stack) > 1 and self._stack[-1][1] > 1.0:
            self._stack.pop()
        parent = self.current
        section = Section(title="", level=len(self._stack), kind=kind, start=start, end=start,
                          title_start=start, title_end=start, style="implicit", kind_source="heading",
                          parent=parent)
        parent.children.append(section)
        self._stack.append((section, 2.0))

    def finish(self, fmt: str, path: str, masked: list[tuple[int, int]] | None = None) -> Document:
        for section in list(self.root.walk()):
            _demote_item_lists(section, self.text)
        for unit in [self.root, *(s for s in self.root.children if s.style == "sample")]:
            _sections_from_content(unit)
            _split_intro(unit)
        _set_ends(self.root)
        self.root.end = len(self.text)
        return Document(self.text, self.root, fmt, path, self.title, self.title_span, masked or [])


# Numbering that opens a heading in a GB/T outline, but just as often a numbered list (1. 2. / (1) (2) / ①②).
_ITEM_STYLES = {"num-dot", "num-paren", "circled"}


def _demote_item_lists(parent: Section, text: str) -> None:
    """Numbered lines with nothing under them are the items of a list, not headings of empty sections:
    "三、下周计划 / 1. 完成订单服务迁移（5月22日前） / 2. 上线退款对账功能" is a plan of two items.
    Only when every child of the section is such a line: a numbered part with content keeps its
    title-like siblings as headings (an empty one there is an empty section)."""
    children = parent.children
    if not children or any(c.style not in _ITEM_STYLES or c.blocks or c.children for c in children):
        return
    for child in children:
        start, end = child.title_start, child.title_end
        block = Block("list_item", start, end, text[start:end], split_sentences(text[start:end], start))
        block.section = parent
        parent.blocks.append(block)
    parent.children = []


def _sections_from_content(unit: Section) -> None:
    """Paragraphs before a summary's first heading, grouped by what they talk about, become implicit
    sections: 上半年续约38家，完成目标的115% is a result even above 不足：… . The first paragraph is the
    intro unless its words say otherwise; a later one whose words say nothing continues the part before
    it — or, in a summary with no headings at all, is the work itself once the intro is over."""
    headed = any(child.style != "implicit" for child in unit.children)
    if not unit.blocks or (not headed and len(unit.blocks) < 2):
        return
    groups: list[tuple[str, list[Block]]] = []
    for block in unit.blocks:
        kind = kind_of_content(block.text)
        if (headed and kind != "results") or _LEAD_IN_RE.search(block.text):
            kind = "other"  # above headings only results stand out from the opening (现将…计划报告如下)
        if kind == "other":
            kind = "intro" if not groups else groups[-1][0]
            kind = "results" if kind == "intro" and groups and not headed else kind
        if groups and groups[-1][0] == kind:
            groups[-1][1].append(block)
        else:
            groups.append((kind, [block]))
    if headed and [kind for kind, _ in groups] == ["intro"]:
        return  # the usual opening paragraphs: _split_intro makes them the intro
    sections = []
    for kind, blocks in groups:
        section = Section(title="", level=unit.level + 1, kind=kind, start=blocks[0].start, end=blocks[-1].end,
                          title_start=blocks[0].start, title_end=blocks[0].start, style="implicit",
                          kind_source="heading" if kind == "intro" else "content", blocks=blocks, parent=unit)
        for block in blocks:
            block.section = section
        sections.append(section)
    unit.blocks = []
    unit.children[:0] = sections


def _split_intro(unit: Section) -> None:
    """Paragraphs before the first heading of a unit form its intro section."""
    if not unit.blocks or not unit.children:
        return
    first = unit.blocks[0]
    intro = Section(title="", level=unit.level + 1, kind="intro", start=first.start, end=unit.blocks[-1].end,
                    title_start=first.start, title_end=first.start, style="implicit", kind_source="heading",
                    blocks=unit.blocks, parent=unit)
    for block in intro.blocks:
        block.section = intro
    unit.blocks = []
    unit.children.insert(0, intro)


def _set_ends(section: Section) -> int:
    end = max([section.title_end, *(b.end for b in section.blocks)])
    for child in section.children:
        child.level = section.level + 1
        end = max(end, _set_ends(child))
    section.end = end
    return end
