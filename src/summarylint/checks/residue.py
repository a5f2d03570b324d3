"""Template residue: text a download site or a 范文 template left behind.

A reader who meets `本文由用户…上传`, `小编为大家整理`, `【本篇侧重：…】` or `汇报人：XXX` knows at
once the summary was copied and never reread. Every finding here is something to delete (or,
for signature lines, to fill in); where the whole line is residue the fix deletes the line.

Cues are deliberately specific: `仅供参考` or `关注公众号` alone appear in real summaries
("数据为初步统计，仅供参考"; "引导用户关注公众号"), so they only count next to a site cue.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from .. import fastre
from ..diagnostics import Edit, Finding, Fix
from ..engine import RuleContext
from ..model import Document
from ..registry import check
from ..text_utils import doc_sections

# Document-site chrome: upload, copyright and download notices (catalogue E, doc-site-boilerplate).
# Phrased as the sites phrase them: "支持用户上传头像", "文档下载功能", "收益归属" and "若存在侵权风险"
# are ordinary words in developers', finance and compliance summaries.
BOILERPLATE_RE = fastre.compile(
    r"本文由.{0,24}?(?:上传|投稿)|由用户(?:提供并|自行)?上传|用户提供并上传|用户上传分享"
    r"|(?:若|如)(?:内容|本文|文章)(?:存在|有|涉及|涉嫌)侵权|(?:若|如)(?:有|涉及)侵权[，,]?(?:请|敬请)?(?:联系|告知)"
    r"|侵删|如若转载|转载请注明(?:出处|来源)|版权申诉|版权归(?:原)?作者所有|下载本文档|VIP文档"
    r"|收益归属(?:于)?(?:内容提供方|上传者|作者)|举报或认领|还剩\s*\d+\s*页未读"
)
# 范文-site text (template-site-residue). Each cue is specific enough on its own; looser ones are
# legitimate in a methodology summary shared with a team ("整理成文档供大家参考", "希望对大家有所帮助",
# "本文将分享…"), and a content-ops writer may be a WeChat account's 小编.
SITE_RE = fastre.compile(
    r"小编(?:为大家|给大家|整理|精选|收集)|为大家(?:整理|精选|收集|带来|推荐|分享)了?.{0,16}(?:范文|模板|篇)"
    r"|欢迎阅读|希望(?:能)?对您有所帮助|[（(]精选\s*\d+\s*篇[)）]|(?:以下|下面)是?.{0,20}范文|[数几多]篇.{0,16}范文"
    r"|范文大全|范文.{0,4}(?:以供|仅供|供)参考|关注.{0,8}公众号.{0,12}(?:范文|模板|资料|文档)"
)
# Page chrome that only counts at the start of a line: "上一篇" is also a content-ops word.
SITE_LINE_RE = fastre.compile(
    r"[ \t\u3000]*(?:当前位置|您的位置|上一篇|下一篇|相关推荐|相关文章|猜你喜欢|热门推荐|推荐阅读|更多相关)[ \t]*[:：]"
)
# Text addressed to the writer (writing-instructions).
INSTRUCTION_BRACKET_RE = fastre.compile(
    r"【(?:本篇侧重|本文侧重|写作提示|写作要点|写作技巧|写作思路|填写说明|填写提示|使用说明|模板说明)"
    r"[ \t]*[:：]?[^】\n]*】"
    r"|[（(](?:写作提示|写作要点|写作技巧|填写说明|填写提示)[ \t]*[:：][^）)\n]*[）)]"
)
# Instruction sentences: the template's voice telling the writer what to put here. Not "以下是我们的增长
# 框架", "附上明细供您参考", "分享写作技巧" or "各门店可结合自身实际调整": real summaries say those.
INSTRUCTION_RE = fastre.compile(
    r"此处(?:写|填|请|列出|补充|简述|描述|插入|可(?:写|填|列|补充|简述|结合)|应(?:写|填|列)|需(?:写|填|补充)|要写)"
    r"|(?:最好|请|尽量)用数据说话|请(?:根据|结合)(?:自身|个人|实际|自己)[^。\n]{0,10}(?:填写|撰写|补充|修改)"
    r"|本模板|(?:以下|下面)是?.{0,15}写法"
)
# Template-site hosts: the words 范文/文库 sites put in their domain names.
SITE_HOST_RE = fastre.lazy(
    r"fanwen|wenku|wendang|zuowen|moban|doc88|docin|book118|360doc|renrendoc|taodocs|mianfeiwendang|diyifanwen"
    r"|ruiwen|unjs|gunzhua|yuwenmi|xuexila|oh100|cnrencai|haoword|gerenjianli|51test|yjbys|cnfla"
    r"|qunzou|ahsrst|zhazhi|pincai|wenshubang|pinwenba",
    re.I,
)
URL_RE = fastre.compile(
    r"(?:https?://|www\.)[^\s，。；、“”‘’（）()【】<>\"']+|(?<![\w.@/-])[a-z0-9-]+(?:\.[a-z0-9-]+)*\."
    r"(?:com|cn|net|org|cc|top|vip)(?:/[^\s，。；、“”（）()【】<>\"']*)?(?![\w.])",
    re.I,
)
# Evidence links a work summary may cite (pull requests, issues, commits, wikis, Jira).
EVIDENCE_RE = fastre.lazy(r"/(?:pull|pulls|issues?|commit|commits|merge_requests|wiki|browse)/|jira|confluence", re.I)

SIGNATURE_LABELS = r"汇报人|述职人|报告人|撰写人|填报人|姓名|署名|落款|部门|单位|岗位|职务|日期|时间|填报日期|报告日期"
SIGNATURE_RE = fastre.compile(rf"[ \t\u3000]*(?:{SIGNATURE_LABELS})[ \t\u3000]*[:：]")
# A compact placeholder test for signature values (the P rules report each slot on its own).
PLACEHOLDER_RE = fastre.compile(
    r"(?<![A-Za-z])(?:X{2,}|x{2,})(?![A-Za-z])|20[Xx×＊*]{2}|×{2,}|＊{2,}|\*{2,}(?=[年月日])|○{2,}|某某|_{2,}|＿{2,}"
    r"|【[^】\n]*】|\[[^\]\n]*\]|[（(][ \t\u3000]*[）)]|待(?:补充|填写)|(?<![A-Za-z])(?:TODO|TBD)(?![A-Za-z])"
)
FIELD_RE = fastre.lazy(rf"(?P<label>{SIGNATURE_LABELS})[ \t\u3000]*[:：]")
NAME_FIELDS = {"汇报人", "述职人", "报告人", "撰写人", "填报人", "姓名", "署名"}
DATE_LIKE_RE = fastre.lazy(r"\d{4}\s*[年./-]|\d{1,2}月|[〇零一二三四五六七八九]{4}年")
SENTENCE_END = "。！？!?；;"
MAX_SIGNATURE_LINE = 40


class Line:
    """A prose line (read-only). A plain class: a dataclass costs ~0.5 ms to create at import."""

    __slots__ = ("end", "start", "text")

    def __init__(self, start: int, end: int, text: str) -> None:
        self.start = start
        self.end = end  # before the line break
        self.text = text

    def __repr__(self) -> str:
        return f"Line({self.start}, {self.end}, {self.text!r})"


def iter_lines(doc: Document) -> Iterator[Line]:
    """Every line that is prose (not inside code or a comment)."""
    return iter(_lines(doc))


def _lines(doc: Document) -> list[Line]:
    """The prose lines of doc, found once per document (every residue rule reads them)."""
    store = doc.__dict__.setdefault("_summarylint_residue", {})
    if "lines" not in store:
        text = doc.text
        lines = []
        start = 0
        while start <= len(text):
            end = text.find("\n", start)
            end = len(text) if end < 0 else end
            stop = end - 1 if end > start and text[end - 1] == "\r" else end
            if stop > start and not doc.is_masked(start, stop):
                lines.append(Line(start, stop, text[start:stop]))
            start = end + 1
        store["lines"] = lines
    lines_found: list[Line] = store["lines"]
    return lines_found


def delete_line(doc: Document, line: Line) -> Fix:
    """Delete a line and its line break (the one before it when it is the last line)."""
    text = doc.text
    end = text.find("\n", line.end)
    if end >= 0:
        return Fix((Edit(line.start, end + 1, ""),), safe=True)
    start = line.start - 1 if line.start > 0 and text[line.start - 1] == "\n" else line.start
    if start > 0 and text[start - 1] == "\r":
        start -= 1
    return Fix((Edit(start, line.end, ""),), safe=True)


def trimmed(line: Line) -> tuple[int, int]:
    """The line's span without leading and trailing blanks."""
    lead = len(line.text) - len(line.text.lstrip(" \t\u3000"))
    tail = len(line.text.rstrip(" \t\u3000"))
    return line.start + lead, line.start + tail


def sentence_span(text: str, start: int, end: int, line: Line) -> tuple[int, int]:
    """The sentence (within its line) holding text[start:end], trailing punctuation included."""
    left = start
    while left > line.start and text[left - 1] not in SENTENCE_END:
        left -= 1
    right = end
    while right < line.end and text[right] not in SENTENCE_END:
        right += 1
    while right < line.end and text[right] in SENTENCE_END + "”’」）)":
        right += 1
    while left < right and text[left] in " \t\u3000":
        left += 1
    return left, right


def is_boilerplate_line(line: Line) -> bool:
    """The line starts with download-site chrome: everything after the cue is chrome too."""
    return _starts_with_boilerplate(line.text)


@lru_cache(maxsize=8192)
def _starts_with_boilerplate(text: str) -> bool:  # four rules ask it of every line
    m = BOILERPLATE_RE.search(text)
    return m is not None and not text[: m.start()].strip(" \t\u3000-—*>#【[（(")


def residue_lines(doc: Document) -> set[int]:
    """Start offsets of lines that are wholly residue (for counting a document's real length)."""
    return {line.start for line in iter_lines(doc) if _is_residue_line(line.text)}


@lru_cache(maxsize=8192)
def _is_residue_line(text: str) -> bool:
    note = INSTRUCTION_BRACKET_RE.fullmatch(text.strip(" \t\u3000"))
    return bool(_starts_with_boilerplate(text) or _is_site_line(text) or note
                or (_site_spans(text) and _all_site(text)))


@lru_cache(maxsize=8192)
def _is_site_line(text: str) -> bool:
    return SITE_LINE_RE.match(text) is not None


@lru_cache(maxsize=8192)
def _site_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Where SITE_RE matches in a line (cached per line: three rules look, on every lint)."""
    return tuple(m.span() for m in SITE_RE.finditer(text))


@lru_cache(maxsize=8192)
def _all_site(text: str) -> bool:
    """Every sentence of the line is site talk."""
    pieces = [p for p in _AFTER_STOP_RE.split(text) if p.strip()]
    return bool(pieces) and all(SITE_RE.search(p) for p in pieces)


_AFTER_STOP_RE = fastre.lazy(r"(?<=[。！？!?])")


@check("doc-site-boilerplate")
def doc_site_boilerplate(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    text = doc.text
    for line in iter_lines(doc):
        m = BOILERPLATE_RE.search(line.text)
        if not m:
            continue
        if is_boilerplate_line(line):
            start, end = trimmed(line)
            yield Finding(start, end, {"text": _quote(text[start:end])}, delete_line(doc, line))
            continue
        # Chrome glued to the end of real text: from its sentence to the end of the line.
        start, _ = sentence_span(text, line.start + m.start(), line.start + m.end(), line)
        end = trimmed(line)[1]
        fix = Fix((Edit(start, end, ""),), safe=False)
        yield Finding(start, end, {"text": _quote(text[start:end])}, fix, variant="tail")


@check("template-site-residue")
def template_site_residue(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    text = doc.text
    preface_end = _first_sample_start(doc)
    title_span = doc.title_span or (-1, -1)
    heading_lines = {doc.line_span(s.title_start)[0] for s in doc_sections(doc) if s.style != "implicit"}
    for line in iter_lines(doc):
        if is_boilerplate_line(line):
            continue  # doc-site-boilerplate reports the line
        if _is_site_line(line.text):
            start, end = trimmed(line)
            yield Finding(start, end, {"text": _quote(text[start:end])}, delete_line(doc, line))
            continue
        if line.start == title_span[0] or line.start in heading_lines:
            yield from _title_cues(doc, line)  # a title's site words are deleted, never the title
            continue
        matches = _site_spans(line.text)
        if not matches:
            continue
        if line.start < preface_end or _all_site(line.text):
            # The site's preface to a 范文 collection, or a line made only of site talk.
            start, end = trimmed(line)
            cue = sentence_span(text, line.start + matches[0][0], line.start + matches[0][1], line)
            yield Finding(start, end, {"text": _quote(text[cue[0]:cue[1]])}, delete_line(doc, line), variant="line")
            continue
        seen_end = -1
        for m_start, m_end in matches:
            start, end = sentence_span(text, line.start + m_start, line.start + m_end, line)
            if start < seen_end:
                continue
            seen_end = end
            yield Finding(start, end, {"text": _quote(text[start:end])}, Fix((Edit(start, end, ""),), safe=True))


_TITLE_CUE_RE = fastre.compile(r"[（(]精选\s*\d+\s*篇[)）]|[（(]?范文(?:大全|精选)?[)）]?|模板")


def _title_cues(doc: Document, line: Line) -> Iterator[Finding]:
    """`（精选5篇）` and `范文` in a title: delete the cue, keep the title."""
    for m in _TITLE_CUE_RE.finditer(line.text):
        if m.group() == "模板":
            continue  # writing-instructions reports 模板 in a title
        start, end = line.start + m.start(), line.start + m.end()
        yield Finding(start, end, {"text": m.group()}, Fix((Edit(start, end, ""),), safe=True), variant="title")


def _first_sample_start(doc: Document) -> int:
    """Where the first 篇一 sample starts, when the file is a collection of samples (else 0)."""
    first = next((s for s in doc_sections(doc) if s.style == "sample"), None)
    return first.start if first else 0


@check("template-site-url")
def template_site_url(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    for line in iter_lines(doc):
        if is_boilerplate_line(line):
            continue  # already reported, URL and all
        for m in URL_RE.finditer(line.text):
            url = m.group().rstrip(".:：")
            if EVIDENCE_RE.search(url) or not SITE_HOST_RE.search(_host(url)):
                continue
            start, end = line.start + m.start(), line.start + m.start() + len(url)
            rest = (line.text[: m.start()] + line.text[m.start() + len(url):]).strip(" \t\u3000")
            alone = not rest or bool(_LINK_LABEL_RE.fullmatch(rest))
            fix = delete_line(doc, line) if alone else Fix((Edit(start, end, ""),), safe=False)
            yield Finding(start, end, {"text": url, "host": _host(url)}, fix)


_LINK_LABEL_RE = fastre.lazy(r"(?:来源|出处|原文|原文链接|本文链接|本文地址|网址|链接)[:：]?")


def _host(url: str) -> str:
    return re.sub(r"^(?:https?://)?", "", url, flags=re.I).split("/")[0]


@check("writing-instructions")
def writing_instructions(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    text = doc.text
    m = TEMPLATE_TITLE_RE.search(doc.title or "")
    if m and doc.title_span:
        start = doc.title_span[0] + m.start()
        yield Finding(start, start + 2, {"text": "模板"}, variant="title")
    for line in iter_lines(doc):
        taken: list[tuple[int, int]] = []
        for m in INSTRUCTION_BRACKET_RE.finditer(line.text):
            start, end = line.start + m.start(), line.start + m.end()
            taken.append((start, end))
            whole = not (line.text[: m.start()] + line.text[m.end():]).strip(" \t\u3000")
            fix = delete_line(doc, line) if whole else Fix((Edit(start, end, ""),), safe=True)
            yield Finding(start, end, {"text": _quote(m.group())}, fix, variant="note")
        for m in INSTRUCTION_RE.finditer(line.text):
            start, end = _clause_to_sentence_end(text, line.start + m.start(), line.start + m.end(), line)
            if any(s < end and start < e for s, e in taken):
                continue
            taken.append((start, end))
            yield Finding(start, end, {"text": _quote(text[start:end])})


# "年终总结模板（精选）" names itself a template; "SOP模板建设工作总结" is about templates.
TEMPLATE_TITLE_RE = fastre.compile(r"模板(?=(?:范文|大全|精选|下载)?[ \t\u3000]*(?:[（(][^）)]*[）)])?[ \t\u3000]*$)")


def _clause_to_sentence_end(text: str, start: int, end: int, line: Line) -> tuple[int, int]:
    """From the clause holding the cue to the end of its sentence: the instruction, not the facts before it."""
    left = start
    while left > line.start and text[left - 1] not in SENTENCE_END + "，,":
        left -= 1
    return left, sentence_span(text, start, end, line)[1]


_SAMPLE_LABEL_RE = fastre.lazy(r"篇[〇零一二三四五六七八九十百]+")


@check("template-collection")
def template_collection(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    samples = [s for s in doc_sections(doc) if s.style == "sample"]
    for section in samples:
        start = section.title_start
        end = start + len(doc.text[start:doc.line_span(start)[1]].rstrip())
        label = _SAMPLE_LABEL_RE.match(doc.text[start:end])
        text = label.group() if label else _quote(doc.text[start:end])
        yield Finding(start, end, {"text": text, "count": len(samples)}, variant="one" if len(samples) == 1 else None)


@check("signature-placeholder")
def signature_placeholder(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    for line in iter_lines(doc):
        if len(line.text.strip()) > MAX_SIGNATURE_LINE or not SIGNATURE_RE.match(line.text):
            continue
        values = _field_values(line.text)
        if any(PLACEHOLDER_RE.search(value) for _, value in values):
            start, end = trimmed(line)
            yield Finding(start, end, {"text": doc.text[start:end]})


def _field_value(line: str, field: re.Match[str]) -> str:
    following = FIELD_RE.search(line, field.end())
    return line[field.end():following.start() if following else len(line)].strip(" \t\u3000")


def _field_values(line: str) -> list[tuple[str, str]]:
    """(label, value) for each `标签：值` field on a signature line."""
    fields = list(FIELD_RE.finditer(line))
    out = []
    for i, m in enumerate(fields):
        stop = fields[i + 1].start() if i + 1 < len(fields) else len(line)
        out.append((m.group("label"), line[m.end():stop].strip(" \t\u3000")))
    return out


@check("empty-field")
def empty_field(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    lines = list(iter_lines(doc))
    for i, line in enumerate(lines):
        if len(line.text.strip()) > MAX_SIGNATURE_LINE or not SIGNATURE_RE.match(line.text):
            continue
        for m in FIELD_RE.finditer(line.text):
            if _field_value(line.text, m):
                continue
            last = m.end() == len(line.text.rstrip(" \t\u3000"))
            if last and _value_on_next_line(m.group("label"), lines[i + 1:i + 2]):
                continue
            start = line.start + m.start()
            yield Finding(start, line.start + m.end(), {"text": m.group(), "label": m.group("label")})


def _value_on_next_line(label: str, following: list[Line]) -> bool:
    """`汇报人：` with the name on the next line, as Word exports sometimes do."""
    if not following:
        return False
    nxt = following[0].text.strip()
    if not nxt or len(nxt) > 12 or FIELD_RE.match(nxt) or PLACEHOLDER_RE.search(nxt):
        return False
    # A date under 汇报人： is the date line, not the name.
    return not (label in NAME_FIELDS and DATE_LIKE_RE.search(nxt))


def _quote(snippet: str, limit: int = 40) -> str:
    return snippet if len(snippet) <= limit else snippet[: limit - 1] + "…"
