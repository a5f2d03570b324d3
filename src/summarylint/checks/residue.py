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
from ..outline import is_sample_title
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
    r"|下载后\s*\d+\s*小时内(?:自行)?删除"
    r"|开通\s*VIP|VIP\s*(?:会员)?(?:专享|可见|下载)|会员专享(?:内容)?|(?:点击|立即)下载(?:本文|全文|完整版|Word)"
)
# A site's copyright footer, only at the start of a line: "修复页脚 Copyright © 年份不更新" is a developer's.
COPYRIGHT_RE = fastre.compile(r"(?:Copyright|版权所有)[ \t]*(?:©|\([cC]\))|©[ \t]*(?:\d{4}|20[Xx]{2})")
# Download and page chrome of document sites, as whole clauses of a line made of nothing else
# (`下载后可编辑`, `精品文档 可编辑`, `第1页 共3页`): inside a sentence these words may be a product's
# ("合同模板下载后可编辑"), so they only count when the line is all notice.
NOTICE_CLAUSE_RE = fastre.compile(
    r"本?(?:文档|资料|文章|文)?为[ \t]*(?:Word|WORD|word|DOCX?|docx?|WPS)[ \t]*(?:格式|文档|版)(?:文档)?"
    r"|下载后(?:可|即可|可以)(?:直接|自由|任意|随意)?(?:编辑|修改|复制)(?:修改|编辑)?(?:使用)?"
    r"|(?:精品|优质)文档[ \t\u3000]*(?:可编辑|可修改|可复制)"
    r"|(?:本|此)?(?:文档|资料|文章|文|内容)均?(?:来源|来自|源自|收集|转载)(?:于|自)?(?:网络|互联网)"
    r"|(?:本文档|本文)?(?:第[ \t]*[\dXx]+[ \t]*页[ \t\u3000/，,]*共[ \t]*[\dXx]+[ \t]*页"
    r"|共[ \t]*\d+[ \t]*页[ \t\u3000，,]*(?:当前(?:为|是)?)?第[ \t]*\d+[ \t]*页)"
)
# Clauses that complete such a line but say too little alone ("仅供参考" under a table is the writer's).
WEAK_NOTICE_CLAUSE_RE = fastre.compile(
    r"(?:本文|本文档|本资料|本范文|以上内容)?仅供(?:参考|学习(?:交流|参考)?|交流(?:学习)?|个人学习)(?:使用)?"
    # `本文由XX范文网（www.xxfanwen.com）整理发布`: the site's name may carry its address.
    r"|本(?:文档|文|资料|模板|范文)由[^，,。（(\n]{1,12}(?:[（(][^）)\n]{1,40}[）)])?(?:整理|发布|编辑|提供)(?:发布|整理)?"
    r"|可(?:编辑|修改|复制)|每日更新"
)
_CLAUSE_SPLIT_RE = fastre.lazy(r"[，,。；;！!、|｜]+")
# 范文-site text (template-site-residue). Each cue is specific enough on its own; looser ones are
# legitimate in a methodology summary shared with a team ("整理成文档供大家参考", "希望对大家有所帮助",
# "本文将分享…"), and a content-ops writer may be a WeChat account's 小编.
SITE_RE = fastre.compile(
    r"小编(?:为大家|给大家|整理|精选|收集)|为大家(?:整理|精选|收集|带来|推荐|分享)了?.{0,16}(?:范文|模板|篇)"
    r"|欢迎阅读|希望(?:能)?对您有所帮助|[（(]精选\s*\d+\s*篇[)）]|(?:以下|下面)是?.{0,20}范文|[数几多]篇.{0,16}范文"
    r"|范文大全|范文.{0,4}(?:以供|仅供|供)参考|关注.{0,8}公众号.{0,12}(?:范文|模板|资料|文档)"
    r"|本(?:模板|范文)(?:来自|来源于|出自|选自|摘自)|本站(?:所有|全部)?范文|仅供参考[，,。][ \t]*如需(?:使用|引用|下载)"
    r"|更多.{0,12}(?:范文|模板)[^。\n]{0,12}(?:请|敬请|欢迎)(?:访问|关注|登录|点击|搜索|下载)"
)
# Page chrome that only counts at the start of a line: "上一篇" is also a content-ops word.
SITE_LINE_RE = fastre.compile(
    r"[ \t\u3000]*(?:当前位置|您的位置|上一篇|下一篇|相关推荐|相关文章|猜你喜欢|热门推荐|推荐阅读|更多相关)[ \t]*[:：]"
)
# The same page chrome as a line of its own, also in Markdown emphasis (`*相关推荐：…*`, `> 更多范文：…`).
# Breadcrumbs and 更多范文 are the site's whatever follows them; a recommendation label only when other
# pages' titles follow, on its line or below it (_site_list_lines): "相关推荐：CTR提升12%" is a recommender
# engineer's.
SITE_LABEL_LINE_RE = fastre.compile(
    r"[ \t\u3000>*_#+-]*(?:当前位置|您的位置|上一篇|下一篇|猜你喜欢|更多范文|更多模板|相关范文|范文推荐|热门范文"
    r"|(?P<list>相关推荐|相关文章|相关阅读|热门推荐|热门文章|推荐阅读|延伸阅读|扩展阅读|拓展阅读|精彩推荐"
    r"|更多相关|更多精彩|本文标签))(?:内容)?(?:请(?:访问|关注|查看)|尽在)?[ \t]*(?:\*\*)?[ \t]*[:：](?P<rest>[^\n]*)"
)
# A breadcrumb anywhere in a line, through a 范文 site's sections: `XX范文网 ｜ 首页 > 工作总结 > 个人年终总结`
# (not a funnel: `首页 > 商品详情 > 下单的转化率提升12%`).
BREADCRUMB_RE = fastre.compile(
    r"首页[ \t]*[>»›/][ \t]*[^>»›/\n]{0,12}(?:总结|范文|报告|计划|心得|述职|文库|公文)[ \t]*[>»›/]")
# The titles other pages on a 范文 site carry: `2024年述职报告范文大全`, `年终总结开头结尾怎么写`.
_PAGE_TITLE_WORD_RE = fastre.compile(
    r"总结|述职|述廉|报告|汇报|周报|月报|计划|范文|模板|心得|体会|方案|大全|怎么写|开头|结尾|精选|[\d一二三四五六七八九十]篇"
)
_SENTENCE_PUNCT_RE = fastre.lazy(r"[，。；！？,;!?]")
_CN_PAREN_RE = fastre.lazy(r"[ \t\u3000]*[（(][一二三四五六七八九十]{1,3}[）)]")
_LIST_MARK_RE = fastre.lazy(r"[ \t\u3000>*_]*(?:[-+•·●▪]|\d{1,2}[.、．)）]|[（(]\d{1,2}[）)])?[ \t\u3000*_\[]*")
# A site's header line: `来源：XX范文网  作者：网友投稿  更新时间：2024-11-28  阅读：12846次`. Fields a blog
# page may carry too (`作者：张伟  时间：2024-01-05`) count only with one of the site's own values.
_META_FIELD_RE = fastre.compile(
    r"(?P<label>文章来源|本文来源|来源|出处|作者|发布者|投稿人|责任编辑|编辑|发布时间|更新时间|发表时间|发布日期|更新日期"
    r"|时间|日期|阅读量|阅读数|阅读|浏览量|浏览次数|浏览|点击量|点击数|点击|人气|热度|栏目|分类|字数|标签)"
    r"[ \t]*[:：][ \t]*"
    r"(?P<value>\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:[ \t]+\d{1,2}:\d{2}(?::\d{2})?)?|[^ \t\u3000|｜:：]*)"
    r"[ \t\u3000|｜/·•]*"
)
# `来源：人民网` or `出处：需求文档` cite a source; a 范文 site names itself, or the web at large.
_SITE_SOURCE_RE = fastre.lazy(r"范文|文库|模板|作文|公文|文秘|网友|本站")
_WEB_SOURCE_RE = fastre.lazy(r"网络|互联网|网上")
_SITE_AUTHOR_RE = fastre.lazy(r"网友(?:投稿|上传|分享)?|佚名|匿名|投稿|admin|本站|未知|网络", re.I)
_SOURCE_LABELS = ("文章来源", "本文来源", "来源", "出处")
_AUTHOR_LABELS = ("作者", "发布者", "投稿人", "编辑", "责任编辑")
# A 范文 site's preface: `【导语】…下面是小编为大家精心整理的…范文，欢迎借鉴参考`. The label alone is a writer's
# too (a methodology summary may open with `【导语】本文复盘了…`): the paragraph must speak as the site.
_INTRO_LINE_RE = fastre.compile(
    r"[ \t\u3000>*_]*(?:【[ \t]*(?:导语|导读|编者按|小编导读|编辑导读|内容导读|内容提要|前言)[ \t]*】"
    r"|(?:导语|导读|编者按)[ \t]*[:：])"
)
_INTRO_CUE_RE = fastre.compile(
    r"范文|本站|(?:为|给)大家(?:精心)?(?:整理|精选|收集|带来|推荐|分享|准备|汇总)|(?:下面|以下)(?:是|为)小编"
    r"|欢迎(?:大家)?(?:阅读|借鉴|参考)|借鉴参考|有所帮助"
)
# Text addressed to the writer (writing-instructions).
# The form's asides to whoever fills it in: `（如无可不填）`, `（如有，请如实说明）`, `（请结合本单位年度目标，
# 填写3—5条具体措施，注明完成时限）`. Not `（如有变动，另行通知）` or `（如有，请附照片）`: they speak to the reader.
_ASIDE = (
    r"[（(][ \t]*(?:(?:如|若)(?:有|无)[，,][ \t]*请(?:如实|据实|详细|具体|简要)?(?:说明|填写|注明|写明|列出|补充)"
    r"[^（()）\n]{0,12}"
    r"|(?:如|若)(?:无|没有)(?:可|则|请)?(?:不填|不写|留空|省略|删除|填(?:写)?[“\"]?无[”\"]?)"
    r"|请(?:结合|根据|参照|按照|对照)[^（()）\n]{2,40}?(?:填写|写明|注明|列出|列举|撰写)[^（()）\n]{0,30})[ \t]*[）)]"
)
INSTRUCTION_BRACKET_RE = fastre.compile(
    r"【(?:本篇侧重|本文侧重|写作提示|写作要点|写作技巧|写作思路|填写说明|填写提示|使用说明|模板说明)"
    r"[ \t]*[:：]?[^】\n]*】"
    r"|[（(](?:写作提示|写作要点|写作技巧|填写说明|填写提示)[ \t]*[:：][^）)\n]*[）)]"
    r"|" + _ASIDE
)
_ASIDE_RE = fastre.compile(_ASIDE)
# A labelled note to the template's user that fills its line: `> 使用说明：请将【】中的内容替换为实际内容…`,
# `（温馨提示：本范文适用于…红色部分为需替换内容）`. The label alone is not enough ("温馨提示：本站所有范文…"
# is the site's, "使用说明：已上线帮助中心" a deliverable): the note must tell the writer what to do.
NOTE_LINE_RE = fastre.compile(
    r"[（(【]?[ \t]*(?P<label>使用说明|填写说明|填写提示|写作提示|写作要点|模板说明|温馨提示|特别提示|友情提示|备?注)"
    r"[ \t]*(?:[:：]|】[ \t]*[:：]?)(?P<body>[^\n]*?)[）)】]?"  # also `【温馨提示】以上内容可…`
)
NOTE_CUE_RE = fastre.compile(
    r"请将|替换为(?:实际|真实|具体|你|您|自己)|需替换|请替换|删除本(?:说明|提示)|使用时请|红色部分|(?:本|该)(?:模板|范文)"
    r"|效果更佳"
    r"|请(?:写明|填写|注明|在此)|此处(?:填写|写)|请(?:根据|结合)(?:自身|个人|实际|自己)"
    # `写作提示：此部分应结合实际…，一般写2-3条即可`: how to write the part, not what was done.
    # Only with 应/需/要: "特别提示：本部分包括未审计数据" tells the reader, not the writer.
    r"|(?:此|本|该|这)(?:部分|段|节|处)(?:(?:应|需|要)(?:写|填|结合|列出|简述|描述|分析|说明|突出|包括)|可(?:写|填))"
    r"|一般写[\d一二两三四五]|写[\d一二两三四五]+(?:[-~～—至到][\d一二三四五]+)?(?:条|点|项)(?:即可|左右)"
)
# `注：` and `备注：` head the writer's own notes ("注：数据截至11月30日", "注：请各门店周五前填写报表"),
# so they count only when the note is about the template's text: `注：以上内容请根据本单位实际情况进行修改`.
WEAK_NOTE_LABELS = ("注", "备注")
TEMPLATE_NOTE_CUE_RE = fastre.compile(
    r"(?:以上|上述|本文|文中)[^。\n]{0,6}请(?:根据|结合|按)[^。\n]{0,12}(?:修改|调整|替换|填写|删改)"
    r"|填写真实|替换为(?:实际|真实)|(?:本|该)(?:模板|范文)"
)
# Instruction sentences: the template's voice telling the writer what to put here. Not "以下是我们的增长
# 框架", "附上明细供您参考", "分享写作技巧" or "各门店可结合自身实际调整": real summaries say those.
INSTRUCTION_RE = fastre.compile(
    r"此处(?:写|填|请|列出|补充|简述|描述|插入|可(?:写|填|列|补充|简述|结合|插入|附上)|应(?:写|填|列)|需(?:写|填|补充)|要写)"
    r"|(?:最好|请|尽量)用数据说话|请(?:根据|结合)(?:自身|个人|实际|自己)[^。\n]{0,10}(?:填写|撰写|补充|修改)"
    r"|本模板|(?:以下|下面)是?.{0,15}写法|(?:请)?在此(?:处)?(?:填写|简要|简述|写|介绍|补充|描述|粘贴)"
    r"|删除本(?:说明|提示)|删除(?:所有|全部)?括号(?:内|里|中)的?(?:提示|说明)"
    # `问题1：请描述本周遇到的问题`: a request that opens a line or a label's value (not one quoted in a
    # sentence: 把话术“请描述您遇到的问题”改为…).
    # A request in brackets is a slot (`（请填写姓名）`, bracket-slot's) or an aside (INSTRUCTION_BRACKET_RE's).
    r"|(?:(?<![^\n])[ \t\u3000>*-]*(?:\d{1,2}[.、．)）][ \t]*)?|(?<=[:：])[ \t\u3000]*)"
    r"请(?:简要|具体|详细|如实|逐条|分条|简单)?(?:描述|简述|概述|说明|列出|列举|写出|写明|填写|介绍|补充|总结|分析)(?![书信])"
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

SIGNATURE_LABELS = (r"汇报人|述职人|报告人|撰写人|填报人|姓名|署名|落款|部门|单位|岗位|职务|日期|时间|填报日期|报告日期"
                    r"|(?:本人)?签(?:名|字)")
# Labels may be bold in Markdown: `**姓名**：张三`, `**日期：**`.
SIGNATURE_RE = fastre.compile(rf"[ \t\u3000]*(?:\*\*)?(?:{SIGNATURE_LABELS})(?:\*\*)?[ \t\u3000]*[:：]")
# A compact placeholder test for signature values (the P rules report each slot on its own).
PLACEHOLDER_RE = fastre.compile(
    r"(?<![A-Za-z])(?:X{2,}|x{2,})(?![A-Za-z])|20[Xx×＊*]{2}|×{2,}|＊{2,}|\*{2,}(?=[年月日])|○{2,}|某某|_{2,}|＿{2,}"
    r"|【[^】\n]*】|\[[^\]\n]*\]|[（(][ \t\u3000]*[）)]|待(?:补充|填写)|(?<![A-Za-z])(?:TODO|TBD)(?![A-Za-z])"
)
FIELD_RE = fastre.lazy(rf"(?:\*\*)?(?P<label>{SIGNATURE_LABELS})(?:\*\*)?[ \t\u3000]*[:：](?:\*\*)?")
# The template's date with its blanks: `20  年  月  日`, `日期：    年  月  日`, and one filled in only
# in part: `2024年12月  日`, `2024年  月  日`.
BLANK_DATE_RE = fastre.lazy(
    r"(?:(?:20|２０|二〇)?[ \t\u3000_]*|\d{4}[ \t]*)年[ \t\u3000_]*"
    r"(?:\d{1,2}[ \t]*月[ \t\u3000_]+|月[ \t\u3000_]*)日"
)
# The stock names of templates (the Chinese "John Doe"), in a name field only.
SAMPLE_NAME_RE = fastre.lazy(r"张三|李四|王五|赵六")
NAME_FIELDS = {"汇报人", "述职人", "报告人", "撰写人", "填报人", "姓名", "署名", "签名", "签字", "本人签名", "本人签字"}
DATE_LIKE_RE = fastre.lazy(r"\d{4}\s*[年./-]|\d{1,2}月|[〇零一二三四五六七八九]{4}年")
SENTENCE_END = "。！？!?；;"
MAX_SIGNATURE_LINE = 40


class Line:
    """A prose line (read-only). A plain class: a dataclass costs ~0.5 ms to create at import.

    `text` has its masked parts (inline code, link targets) blanked to spaces, so offsets still hold;
    `links` are the blanked link targets, `](url)` or `<https://…>`, as (start, end) (for template-site-url).
    """

    __slots__ = ("end", "links", "start", "text")

    def __init__(self, start: int, end: int, text: str, links: tuple[tuple[int, int], ...] = ()) -> None:
        self.start = start
        self.end = end  # before the line break
        self.text = text
        self.links = links

    def __repr__(self) -> str:
        return f"Line({self.start}, {self.end}, {self.text!r})"


def iter_lines(doc: Document) -> Iterator[Line]:
    """Every line that is prose (not inside code or a comment)."""
    return iter(_lines(doc))


def _lines(doc: Document) -> list[Line]:
    """The prose lines of doc, found once per document (every residue rule reads them).

    A line with a link or inline code is still prose: its masked parts are blanked, not the line
    (a site footer often links the site's name: `本模板来自 [周报模板大全](https://…)`).
    """
    store = doc.__dict__.setdefault("_summarylint_residue", {})
    if "lines" not in store:
        text = doc.text
        masks = sorted(doc.masked)
        first = 0  # masks before it end before the current line
        lines = []
        start = 0
        while start <= len(text):
            end = text.find("\n", start)
            end = len(text) if end < 0 else end
            stop = end - 1 if end > start and text[end - 1] == "\r" else end
            while first < len(masks) and masks[first][1] <= start:
                first += 1
            if stop > start:
                line = _unmasked_line(text, start, stop, masks, first)
                if line is not None:
                    lines.append(line)
            start = end + 1
        store["lines"] = lines
    lines_found: list[Line] = store["lines"]
    return lines_found


def _unmasked_line(text: str, start: int, stop: int, masks: list[tuple[int, int]], first: int) -> Line | None:
    """The line text[start:stop] with its masked parts blanked; None when nothing is left (code)."""
    chars: list[str] | None = None
    links = []
    i = first
    while i < len(masks) and masks[i][0] < stop:
        s, e = max(masks[i][0], start), min(masks[i][1], stop)
        i += 1
        if s >= e:
            continue
        if chars is None:
            chars = list(text[start:stop])
        chars[s - start:e - start] = " " * (e - s)
        if text.startswith(("](", "<http"), s):
            links.append((s, e))
    line_text = text[start:stop] if chars is None else "".join(chars)
    if chars is not None and not line_text.strip():
        return None
    return Line(start, stop, line_text, tuple(links))


def delete_line(doc: Document, line: Line) -> Fix:
    """Delete a line and its line break (the one before it when it is the last line). A line standing as
    a paragraph of its own, between blank lines, goes with one of them: no double blank line is left."""
    text = doc.text
    end = text.find("\n", line.end)
    if end >= 0:
        stop = end + 1
        if line.start == 0 or _BLANK_BEFORE_RE.search(text, max(0, line.start - 8), line.start):
            blank = _BLANK_LINE_RE.match(text, stop)
            stop = blank.end() if blank else stop
        return Fix((Edit(line.start, stop, ""),), safe=True)
    start = line.start - 1 if line.start > 0 and text[line.start - 1] == "\n" else line.start
    if start > 0 and text[start - 1] == "\r":
        start -= 1
    return Fix((Edit(start, line.end, ""),), safe=True)


_BLANK_BEFORE_RE = fastre.compile(r"\n[ \t\u3000]*\r?\n$")  # the line above is blank
_BLANK_LINE_RE = fastre.compile(r"[ \t\u3000]*\r?\n")


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
    """doc-site-boilerplate reports the whole line: it starts with document-site chrome (everything
    after the cue is chrome too) or is made of nothing but notices."""
    return _starts_with_boilerplate(line.text) or _is_notice_line(line.text)


@lru_cache(maxsize=8192)
def _starts_with_boilerplate(text: str) -> bool:  # four rules ask it of every line
    m = BOILERPLATE_RE.search(text)
    if m is not None and not text[: m.start()].strip(" \t\u3000-—*>#【[（("):
        return True
    return COPYRIGHT_RE.match(text.lstrip(" \t\u3000-—*>#【[（(")) is not None


@lru_cache(maxsize=8192)
def _is_notice_line(text: str) -> bool:
    """Every clause of the line is a site notice, one of them a telling one: `文档来源网络，仅供参考，
    如有侵权请联系删除`, `下载后可编辑`, `第1页 共3页` (a writer's `数据仅供参考` has a clause of its own)."""
    if NOTICE_CLAUSE_RE.fullmatch(text.strip(" \t\u3000*_>#-—（）()【】[]")):
        return True  # `第1页，共3页`: one notice, commas and all
    telling = False
    for clause in _CLAUSE_SPLIT_RE.split(text):
        clause = clause.strip(" \t\u3000*_>#-—（）()【】[]")
        if not clause:
            continue
        if BOILERPLATE_RE.search(clause) or NOTICE_CLAUSE_RE.fullmatch(clause):
            telling = True
        elif not WEAK_NOTICE_CLAUSE_RE.fullmatch(clause):
            return False
    return telling


def is_whole_line_residue(line: Line) -> bool:
    """doc-site-boilerplate or template-site-residue deletes the whole line (other rules keep quiet)."""
    text = line.text
    return is_boilerplate_line(line) or _is_site_line(text) or bool(_site_spans(text) and _all_site(text))


def _whole_line_residue(doc: Document, line: Line) -> bool:
    """is_whole_line_residue, with the lines only the document shows to be the site's (a 猜你喜欢 list)."""
    return is_whole_line_residue(line) or line.start in _site_list_lines(doc)


def residue_lines(doc: Document) -> set[int]:
    """Start offsets of lines that are wholly residue (for counting a document's real length, and for the
    placeholder rules: `XX范文网` in a site's footer is no slot to fill, the line goes)."""
    store = doc.__dict__.setdefault("_summarylint_residue", {})
    if "residue_lines" not in store:
        found = {line.start for line in iter_lines(doc) if _is_residue_line(line.text)}
        found |= _site_list_lines(doc)
        for lines in _note_sections(doc):
            found.update(line.start for line in lines)
        store["residue_lines"] = found
    lines_found: set[int] = store["residue_lines"]
    return lines_found


def _site_list_lines(doc: Document) -> set[int]:
    """The items of a `猜你喜欢：` / `相关文章：` list below its label: other pages' titles, one a line."""
    store = doc.__dict__.setdefault("_summarylint_residue", {})
    if "site_list" not in store:
        found: set[int] = set()
        lines = _lines(doc)
        i = 0
        while i < len(lines):
            m = SITE_LABEL_LINE_RE.match(lines[i].text)
            i += 1
            if m is None or m.group("rest").strip(" \t\u3000*_"):
                continue  # not a list's label, or the list is on the label's line
            label, items = lines[i - 1], 0
            while i < len(lines) and (not lines[i].text.strip() or _is_page_title(lines[i].text)):
                if lines[i].text.strip():
                    found.add(lines[i].start)
                    items += 1
                i += 1
            if items:
                found.add(label.start)  # `相关文章：` over other pages' titles
        store["site_list"] = found
    site_list: set[int] = store["site_list"]
    return site_list


@lru_cache(maxsize=8192)
def _is_residue_line(text: str) -> bool:
    note = INSTRUCTION_BRACKET_RE.fullmatch(text.strip(" \t\u3000")) or _note_line(text)
    return bool(_starts_with_boilerplate(text) or _is_notice_line(text) or _is_site_line(text) or note
                or (_site_spans(text) and _all_site(text)))


@lru_cache(maxsize=8192)
def _is_site_line(text: str) -> bool:
    """Page chrome of a 范文 site on a line of its own: a breadcrumb, a recommendation or 更多范文 label,
    the page's header (来源/作者/阅读), or its 【导语】."""
    m = SITE_LABEL_LINE_RE.match(text)
    if m is not None and (m.group("list") is None or _is_title_list(m.group("rest"))):
        return True
    return _is_meta_line(text) or _is_site_intro(text) or BREADCRUMB_RE.search(text) is not None


def _is_title_list(rest: str) -> bool:
    """What follows a recommendation label is other pages' titles, or a link. (With nothing after it the
    label heads a list below, which tells: `推荐阅读：` over a team's book list is the writer's.)"""
    if not rest.strip(" \t\u3000*_"):
        return False
    rest = URL_RE.sub("", rest).strip(" \t\u3000*_|｜/、")
    if not rest:
        return True
    return (len(rest) <= 80 and not _SENTENCE_PUNCT_RE.search(rest) and not _METRIC_RE.search(rest)
            and bool(_PAGE_TITLE_WORD_RE.search(rest)))


# `相关文章：《年终总结怎么写》阅读量1.2万`: a content writer's result, not a site's list.
_METRIC_RE = fastre.lazy(r"\d[\d.]*\s*(?:%|％|万|次|人|元|个百分点)|提升|增长|下降|阅读量|点击")


def _is_page_title(text: str) -> bool:
    """One item of a 猜你喜欢 list: another page's title (`2024年述职报告范文大全`), nothing more (not the
    summary's next part: `二、2025年工作计划`)."""
    if _NEW_PART_RE.match(text) or _CN_PAREN_RE.match(text):
        return False
    title = text[_LIST_MARK_RE.match(text).end():].strip(" \t\u3000*_[]()")  # type: ignore[union-attr]
    return (0 < len(title) <= 40 and not _SENTENCE_PUNCT_RE.search(title)
            and _PAGE_TITLE_WORD_RE.search(title) is not None)


@lru_cache(maxsize=8192)
def _is_meta_line(text: str) -> bool:
    """The page header of a 范文 site: fields only, and one of them a value only a site gives."""
    text = text.strip(" \t\u3000*_>")
    pos, fields = 0, []
    while pos < len(text):
        m = _META_FIELD_RE.match(text, pos)
        if m is None or m.end() == pos:
            return False
        fields.append((m.group("label"), m.group("value")))
        pos = m.end()
    sources = [value for label, value in fields if label in _SOURCE_LABELS]
    if any(_SITE_SOURCE_RE.search(v) or SITE_HOST_RE.search(v) for v in sources):
        return True  # `来源：XX范文网`, alone or with other fields
    authors = [value for label, value in fields if label in _AUTHOR_LABELS]
    return len(fields) >= 2 and (any(_WEB_SOURCE_RE.fullmatch(v) for v in sources)
                                 or any(_SITE_AUTHOR_RE.fullmatch(v) for v in authors))


@lru_cache(maxsize=8192)
def _is_site_intro(text: str) -> bool:
    m = _INTRO_LINE_RE.match(text)
    return m is not None and (_INTRO_CUE_RE.search(text, m.end()) is not None or bool(_site_spans(text)))


@lru_cache(maxsize=8192)
def _site_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Where SITE_RE matches in a line (cached per line: three rules look, on every lint)."""
    return tuple(m.span() for m in SITE_RE.finditer(text))


@lru_cache(maxsize=8192)
def _all_site(text: str) -> bool:
    """Every sentence of the line is site talk."""
    pieces = [p for p in _AFTER_STOP_RE.split(text) if p.strip(" \t\u3000*")]  # `*…。*`: emphasis marks
    return bool(pieces) and all(SITE_RE.search(p) for p in pieces)


_AFTER_STOP_RE = fastre.lazy(r"(?<=[。！？!?])")


@check("doc-site-boilerplate")
def doc_site_boilerplate(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    text = doc.text
    for line in iter_lines(doc):
        if is_boilerplate_line(line):
            start, end = trimmed(line)
            # Download or page chrome (`下载后可编辑`, `第1页 共3页`) is no upload or copyright notice.
            notice = _starts_with_boilerplate(line.text) or BOILERPLATE_RE.search(line.text)
            variant = None if notice else "chrome"
            yield Finding(start, end, {"text": _quote(text[start:end])}, delete_line(doc, line), variant=variant)
            continue
        m = BOILERPLATE_RE.search(line.text)
        if not m:
            continue
        # Chrome glued to the end of real text: from its sentence to the end of the line.
        start, _ = sentence_span(text, line.start + m.start(), line.start + m.end(), line)
        end = trimmed(line)[1]
        if not text[line.start:start].strip(" \t\u3000*_>-—#"):
            # The notice opens its line (`本文由…整理，请勿用于商业用途。`): nothing is glued to it. What
            # follows the cue may still be the writer's, so the line goes only with --unsafe-fixes.
            start = trimmed(line)[0]
            yield Finding(start, end, {"text": _quote(text[start:end])}, Fix(delete_line(doc, line).edits, safe=False))
            continue
        fix = Fix((Edit(start, end, ""),), safe=False)
        yield Finding(start, end, {"text": _quote(text[start:end])}, fix, variant="tail")


@check("template-site-residue")
def template_site_residue(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    text = doc.text
    preface_end = _first_sample_start(doc)
    title_line = doc.line_span(doc.title_span[0])[0] if doc.title_span else -1  # `# 标题` starts before its title
    heading_lines = _title_lines(doc)
    site_list = _site_list_lines(doc)
    for line in iter_lines(doc):
        if is_boilerplate_line(line):
            continue  # doc-site-boilerplate reports the line
        if _is_site_intro(line.text):
            # `【导语】…下面是小编为大家整理的…`: the site's preface, every sentence of it.
            start, end = trimmed(line)
            cue = _intro_cue(text, line)
            yield Finding(start, end, {"text": _quote(text[cue[0]:cue[1]])}, delete_line(doc, line), variant="line")
            continue
        if _is_site_line(line.text) or line.start in site_list:
            start, end = trimmed(line)
            end = line.start + len(text[line.start:line.end].rstrip(" \t\u3000"))  # a link target ends it too
            yield Finding(start, end, {"text": _quote(text[start:end])}, delete_line(doc, line))
            continue
        if line.start == title_line or line.start in heading_lines:
            # A title's site words are deleted, never the title.
            yield from _title_cues(doc, line, title=line.start == title_line)
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


def _intro_cue(text: str, line: Line) -> tuple[int, int]:
    """The sentence of a 【导语】 paragraph that shows it is the site's."""
    spans = _site_spans(line.text)
    m = _INTRO_CUE_RE.search(line.text)
    at = spans[0] if spans else (m.span() if m else (0, len(line.text)))
    return sentence_span(text, line.start + at[0], line.start + at[1], line)


def _title_lines(doc: Document) -> set[int]:
    """Start offsets of the lines that are a section's title and nothing more. A run-in label
    (`温馨提示：本站所有范文…`, `【导语】年终总结是…`) heads a line of text, not a title: its line is read as text."""
    store = doc.__dict__.setdefault("_summarylint_residue", {})
    if "title_lines" not in store:
        found = set()
        for s in doc_sections(doc):
            if s.style in ("implicit", "root", "runin", "runin-bullet"):
                continue
            line_start, line_end = doc.line_span(s.title_start)
            if not doc.text[s.title_end:line_end].strip(" \t\u3000\r】]）)*_:："):
                found.add(line_start)
        store["title_lines"] = found
    title_lines: set[int] = store["title_lines"]
    return title_lines


_TITLE_CUE_RE = fastre.compile(r"[（(]精选\s*\d+\s*篇[)）]|[（(]?范文(?:大全|精选)?[)）]?|模板")
# `（通用版）`, `【最新】`, `（精选）`, `（模板）`, `（适用于各部门）`: how 范文 sites label a document's title.
# Only there: a section may well be `制度汇编（最新版）` or `报销流程（适用于各部门）`.
_TITLE_LABEL_RE = fastre.compile(
    r"[（(]精选\s*\d+\s*篇[)）]|[（(]?范文(?:大全|精选)?[)）]?|模板"
    r"|[（(【][ \t]*(?:(?:20[\dXx]{2}年?)?(?:通用|最新|精选|精品|优秀|经典|热门|推荐|优选)(?:版|篇|范文|模板|\d+篇)?"
    r"|(?:范文|模板|范本|样本|例文)(?:大全|精选|\d+篇)?|\d+篇|(?:适用于|适合)[^）)】\n]{1,20}"
    r"|(?:word|Word|WORD)版?(?:可编辑)?|可编辑)[ \t]*[)）】]"
)
# `（完整版）`: a writer may send a full and a short version of a summary, so only beside the site's labels.
_COMPANION_LABEL_RE = fastre.compile(r"[（(【][ \t]*(?:完整版?|全文|完整篇)[ \t]*[)）】]")
# What is left of a title once its site words go: no title at all when only numbering or a label mark is.
_BARE_TITLE_RE = fastre.lazy(
    r"[ \t\u3000#>*_]*(?:篇?[〇零一二三四五六七八九十百]{1,3}[、.．:：]?|[（(][一二三四五六七八九十\d]{1,3}[）)]"
    r"|\d{1,2}[.、．)）]?)?"
    r"[ \t\u3000:：、.．*_《》]*"
)


def _title_cues(doc: Document, line: Line, title: bool) -> Iterator[Finding]:
    """`（精选5篇）` and `范文` in a title or heading, `（通用版）` in the title: delete the cue, keep the title.
    `范文一：` numbers a sample (template-collection reports it), and a cue that is all the title holds
    (`二、范文`) is reported without a fix: deleting it would leave a bare number."""
    found = list((_TITLE_LABEL_RE if title else _TITLE_CUE_RE).finditer(line.text))
    labels = [m for m in found if m.group() != "模板"]  # writing-instructions reports 模板 in a title
    sample = _sample_label(line.text)
    if sample is not None:
        labels = [m for m in labels if not (m.start() < sample.end("label") and sample.start("label") < m.end())]
    if title and found:
        labels = sorted([*labels, *_COMPANION_LABEL_RE.finditer(line.text)], key=lambda m: m.start())
    if not labels:
        return
    rest, cursor = [], 0
    for m in labels:
        rest.append(line.text[cursor:m.start()])
        cursor = m.end()
    rest.append(line.text[cursor:])
    bare = _BARE_TITLE_RE.fullmatch("".join(rest)) is not None
    for m in labels:
        start, end = line.start + m.start(), line.start + m.end()
        fix = None if bare else Fix((Edit(start, end, ""),), safe=True)
        yield Finding(start, end, {"text": m.group()}, fix, variant="title")


# `范文一：2024年个人年终工作总结`, `## 范文二`, `模板一：销售人员年终总结`: a 范文 site numbering its samples,
# as `篇一：《…》` does. 模板 only before a summary's title: "模板一：入职通知模板" is a writer's list.
_SAMPLE_LINE_RE = fastre.compile(
    r"[ \t\u3000]*(?:#{1,6}[ \t]+)?(?:\*\*)?【?(?P<label>(?P<kind>范文|模板|例文|样文)[ \t]*"
    r"(?:[一二三四五六七八九十]{1,3}|\d{1,2}))】?(?:\*\*)?(?:[ \t]*[:：]|[ \t\u3000]+(?=\S)|$)(?:\*\*)?[ \t\u3000]*"
    r"(?P<title>[^\n]*)"
)


@lru_cache(maxsize=8192)
def _sample_label(text: str) -> re.Match[str] | None:
    """The line opens a sample of a 范文 collection: `范文一：2024年个人年终工作总结`."""
    m = _SAMPLE_LINE_RE.fullmatch(text.rstrip(" \t\u3000\r"))
    if m is None:
        return None
    title = m.group("title").strip(" \t\u3000*_#《》")
    if not title:
        return m if m.group("kind") != "模板" else None
    return m if is_sample_title(title) else None


def _sample_lines(doc: Document) -> list[tuple[Line, re.Match[str]]]:
    """The lines that open a sample of a 范文 collection, also in forms the outline parser does not split
    a file at (模板一, 样文, 范文1, `## 范文二`, 【范文二】)."""
    store = doc.__dict__.setdefault("_summarylint_residue", {})
    if "samples" not in store:
        store["samples"] = [(line, m) for line in _lines(doc) if (m := _sample_label(line.text)) is not None]
    samples: list[tuple[Line, re.Match[str]]] = store["samples"]
    return samples


def _first_sample_start(doc: Document) -> int:
    """Where the first 篇一 or 范文一 sample starts, when the file is a collection of samples (else 0)."""
    first = next((s.start for s in doc_sections(doc) if s.style == "sample"), None)
    labelled = _sample_lines(doc)
    starts = [x for x in (first, labelled[0][0].start if labelled else None) if x is not None]
    return min(starts) if starts else 0


@check("template-site-url")
def template_site_url(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    text = doc.text
    for line in iter_lines(doc):
        if is_boilerplate_line(line):
            continue  # already reported, URL and all
        for m in URL_RE.finditer(line.text):
            url = m.group().rstrip(".:：*_")  # `*更多范文：https://…/*`: the emphasis mark is Markdown's
            if EVIDENCE_RE.search(url) or not SITE_HOST_RE.search(_host(url)):
                continue
            start, end = line.start + m.start(), line.start + m.start() + len(url)
            yield Finding(start, end, {"text": url, "host": _host(url)}, _url_fix(doc, line, start, end))
        for target_start, target_end in line.links:  # Markdown links: `[label](url)`, `<https://…>`
            url = text[target_start:target_end].strip("]()<> ").split(" ")[0]  # `](url "title")`
            if not url or EVIDENCE_RE.search(url) or not SITE_HOST_RE.search(_host(url)):
                continue
            start = text.find(url, target_start)
            # A link goes with its label: `[周报模板大全](https://…)` is deleted whole.
            label = text.rfind("[", line.start, target_start) if text[target_start] == "]" else -1
            cut_start = label if label >= 0 else target_start
            yield Finding(start, start + len(url), {"text": url, "host": _host(url)},
                          _url_fix(doc, line, cut_start, target_end))


def _url_fix(doc: Document, line: Line, cut_start: int, cut_end: int) -> Fix:
    """Delete the line when the URL or link text[cut_start:cut_end] is all it holds (with a link label,
    or the line is the site's), else only the URL or link (unsafe: the sentence may need rewording).
    A label is never left dangling: `参考：` alone on the line goes with it, and `（详见：…）` inside a
    sentence goes whole."""
    text = doc.text
    rest = (text[line.start:cut_start] + text[cut_end:line.end]).strip(" \t\u3000*_>")
    if not rest or _LINK_LABEL_RE.fullmatch(rest) or _whole_line_residue(doc, line):
        return delete_line(doc, line)
    if _BARE_LABEL_RE.fullmatch(rest.rstrip("。．.；;，,！!")):
        return Fix(delete_line(doc, line).edits, safe=False)
    label = _LABEL_BEFORE_RE.search(text, line.start, cut_start)
    if label is not None:
        cut_start = label.start()
        while cut_end < line.end and text[cut_end] in " \t":
            cut_end += 1
        if cut_start > line.start and text[cut_start - 1] in "（(" and text[cut_end:cut_end + 1] in ("）", ")"):
            cut_start, cut_end = cut_start - 1, cut_end + 1  # `（详见：…）`: the brackets go too
    return Fix((Edit(cut_start, cut_end, ""),), safe=False)


_LINK_LABEL_RE = fastre.lazy(r"(?:来源|出处|原文|原文链接|本文链接|本文地址|网址|链接)[:：]?")
_BARE_LABEL_RE = fastre.lazy(r"[^，。；,;\n]{1,12}[:：]")
# The label right before a link: `详见：`, `更多范文：`.
_LABEL_BEFORE_RE = fastre.lazy(r"[\u4e00-\u9fff]{1,6}[ \t]*[:：][ \t]*$")


def _host(url: str) -> str:
    return re.sub(r"^(?:https?://)?", "", url, flags=re.I).split("/")[0]


@check("writing-instructions")
def writing_instructions(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    text = doc.text
    m = TEMPLATE_TITLE_RE.search(doc.title or "")
    if m and doc.title_span:
        start = doc.title_span[0] + m.start()
        yield Finding(start, start + 2, {"text": "模板"}, variant="title")
    in_notes: set[int] = set()
    for lines in _note_sections(doc):
        in_notes.update(line.start for line in lines)
        start, end = trimmed(lines[0])[0], trimmed(lines[-1])[1]
        label = _NOTE_HEADING_RE.fullmatch(lines[0].text)
        name = label.group("name") if label else _quote(text[start:end])
        yield Finding(start, end, {"text": name}, _delete_lines(doc, lines[0], lines[-1]), variant="section")
    for line in iter_lines(doc):
        if line.start in in_notes or _whole_line_residue(doc, line):
            continue  # the site's text, reported and deleted whole by doc-site-boilerplate or template-site-residue
        if _note_line(line.text):
            start, end = trimmed(line)
            yield Finding(start, end, {"text": _quote(text[start:end])}, delete_line(doc, line), variant="note")
            continue
        taken: list[tuple[int, int]] = []
        for m in INSTRUCTION_BRACKET_RE.finditer(line.text):
            start, end = line.start + m.start(), line.start + m.end()
            taken.append((start, end))
            whole = _only_markup(line.text[: m.start()]) and not line.text[m.end():].strip(" \t\u3000*_")
            # An aside inside a sentence (`…情况。（如有，请如实说明）`) may, rarely, be the writer's own: unsafe.
            inline = Fix((Edit(start, end, ""),), safe=_ASIDE_RE.fullmatch(m.group()) is None)
            fix = delete_line(doc, line) if whole else inline
            yield Finding(start, end, {"text": _quote(m.group())}, fix, variant="note")
        for m in INSTRUCTION_RE.finditer(line.text):
            bracket = _enclosing_bracket(line.text, m.start(), m.end())
            if bracket is not None:  # `认真做好（此处填写具体工作内容）等工作`: the note is the bracket
                start, end = line.start + bracket[0], line.start + bracket[1]
                cue_start = start
            else:
                start, end = _clause_to_sentence_end(text, line.start + m.start(), line.start + m.end(), line)
                cue_start = line.start + m.start()
            if any(s < end and start < e for s, e in taken):
                continue
            taken.append((start, end))
            sentence_fix = _instruction_fix(doc, line, m.group(), start, cue_start, end)
            yield Finding(start, end, {"text": _quote(text[start:end])}, sentence_fix)


def _instruction_fix(doc: Document, line: Line, cue: str, start: int, cue_start: int, end: int) -> Fix | None:
    """Delete a line that is nothing but the instruction (`> 此处可插入数据截图或表格。`, `3. [请在此处填写您的不足]`,
    `4.正式提交前请删除本说明`: numbering aside). When the line holds other words (`3.认真做好（此处填写具体工作
    内容）等工作，…`) there is no fix: what the instruction asks for is missing, only the writer can write it,
    and deleting the line would delete words around it too. A slot cue (此处…, 在此…) is the instruction only
    from where it stands. `本模板` and `…写法` may be the writer's own subject (a summary about templates or
    copy): never deleted."""
    text = doc.text
    if cue == "本模板" or cue.endswith("写法") or text[end:line.end].strip(" \t\u3000>*_"):
        return None
    slot = _SLOT_CUE_RE.match(cue) is not None
    if not _only_markup(text[line.start:cue_start if slot else start]):
        return None
    return delete_line(doc, line)


_SLOT_CUE_RE = fastre.lazy(r"请?(?:此处|在此)")


# Numbering, bullets, quote and emphasis marks: what a line holds besides its words.
_MARKUP_RE = fastre.lazy(
    r"[ \t\u3000>*_#+•·-]*(?:\d{1,2}[.、．)）]|[（(]\d{1,2}[）)]|[一二三四五六七八九十]{1,3}[、.．]"
    r"|[（(][一二三四五六七八九十]{1,3}[）)])?[ \t\u3000*_]*"
)


def _only_markup(text: str) -> bool:
    return _MARKUP_RE.fullmatch(text) is not None


_OPENING, _CLOSING = "（(【[", "）)】]"


def _enclosing_bracket(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The bracket pair around text[start:end] on its line, when there is one (`（…)` too)."""
    depth, left = 0, -1
    for i in range(start - 1, -1, -1):
        if text[i] in _CLOSING:
            depth += 1
        elif text[i] in _OPENING:
            if depth == 0:
                left = i
                break
            depth -= 1
    if left < 0:
        return None
    kind = _OPENING.index(text[left])
    closing = "）)" if kind < 2 else _CLOSING[kind]
    for i in range(end, len(text)):
        if text[i] in closing:
            return left, i + 1
        if text[i] in _OPENING:
            return None
    return None


def _delete_lines(doc: Document, first: Line, last: Line) -> Fix:
    """Delete the lines from first to last, line breaks included (as delete_line does for one)."""
    head, tail = delete_line(doc, first).edits[0], delete_line(doc, last).edits[0]
    return Fix((Edit(min(head.start, tail.start), max(head.end, tail.end), ""),), safe=True)


# A template's notes on filling it in, as a part of their own: `填写说明` and under it `1.述职报告一般控制在
# 2000—3000字…`, `4.正式提交前请删除本说明…`. A `使用说明` part may be a writer's (how to use a tool they
# built), so it counts only with the template's own words (NOTE_CUE_RE); a `填写说明` with any advice on writing.
_NOTE_HEADING_RE = fastre.compile(
    r"[ \t\u3000#>*_]*(?:[一二三四五六七八九十]{1,3}[、.．]|\d{1,2}[.、．])?[ \t\u3000]*(?:附[:：]?[ \t]*)?"
    r"[【\[]?[ \t]*"
    r"(?P<name>(?P<strong>(?:填写|填表|填报|写作|编写|撰写|模板)(?:说明|须知|提示|要求|指南))|使用说明|使用须知|模板使用说明)"
    r"[ \t]*[】\]]?[ \t]*[:：]?[ \t\u3000*_]*"
)
_NOTE_ADVICE_RE = fastre.lazy(
    r"本说明|提交前|(?:应|要|需)(?:写|突出|结合|实事求是|与|控制|注明|写明)|写明|注明|不要(?:只)?写|避免|控制在"
    r"|\d+字(?:左右|以内|以上)|一般(?:写|控制|不超过|不少于)"
)
_LIST_ITEM_RE = fastre.lazy(r"[ \t\u3000>]*(?:[-*+•·]|\d{1,2}[.、．)）]|[（(]\d{1,2}[）)])")
_NEW_PART_RE = fastre.lazy(r"[ \t\u3000]*(?:#|[一二三四五六七八九十]{1,3}[、.．]|第[一二三四五六七八九十]+(?:部分|章))")


def _note_sections(doc: Document) -> list[list[Line]]:
    """Each 填写说明 part of the template: its heading line, then the lines under it."""
    store = doc.__dict__.setdefault("_summarylint_residue", {})
    if "note_sections" not in store:
        found = []
        lines = _lines(doc)
        i = 0
        while i < len(lines):
            m = _NOTE_HEADING_RE.fullmatch(lines[i].text)
            i += 1
            if m is None:
                continue
            part = [lines[i - 1]]
            while i < len(lines) and lines[i].text.strip() and not _NEW_PART_RE.match(lines[i].text):
                # Under the heading: its first paragraph, the lines right below that, and the items of its list
                # across blank lines.
                if (len(part) > 1 and not _next_line(doc.text, part[-1], lines[i])
                        and not _LIST_ITEM_RE.match(lines[i].text)):
                    break
                part.append(lines[i])
                i += 1
            strong = m.group("strong") is not None
            if len(part) > 1 and any(_note_advice(line.text, strong) for line in part[1:]):
                found.append(part)
        store["note_sections"] = found
    sections: list[list[Line]] = store["note_sections"]
    return sections


def _note_advice(text: str, strong_label: bool) -> bool:
    """A line of a note part that speaks to the template's user."""
    if NOTE_CUE_RE.search(text) or INSTRUCTION_RE.search(text):
        return True
    return strong_label and _NOTE_ADVICE_RE.search(text) is not None


def _next_line(text: str, above: Line, below: Line) -> bool:
    """below is the very next line after above (no blank line between)."""
    return text.count("\n", above.end, below.start) <= 1


@lru_cache(maxsize=8192)
def _note_line(text: str) -> bool:
    """The line is a labelled note telling the writer what to do (`使用说明：请将…替换为实际内容`)."""
    m = NOTE_LINE_RE.fullmatch(text.strip(" \t\u3000>*_"))
    if m is None:
        return False
    cue = TEMPLATE_NOTE_CUE_RE if m.group("label") in WEAK_NOTE_LABELS else NOTE_CUE_RE
    return cue.search(m.group("body")) is not None


# "年终总结模板（精选）" names itself a template; "SOP模板建设工作总结" is about templates.
TEMPLATE_TITLE_RE = fastre.compile(r"模板(?=(?:范文|大全|精选|下载)?[ \t\u3000]*(?:[（(][^）)]*[）)])?[ \t\u3000]*$)")


def _clause_to_sentence_end(text: str, start: int, end: int, line: Line) -> tuple[int, int]:
    """From the clause holding the cue to the end of its sentence: the instruction, not the facts before it
    (nor the label before it: `问题1：请描述本周遇到的问题`)."""
    left = start
    while left > line.start and text[left - 1] not in SENTENCE_END + "，,:：":
        left -= 1
    while left < start and text[left] in " \t\u3000":
        left += 1
    return left, sentence_span(text, start, end, line)[1]


_SAMPLE_LABEL_RE = fastre.lazy(r"篇[〇零一二三四五六七八九十百]+")


@check("template-collection")
def template_collection(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    found = []
    for section in doc_sections(doc):
        if section.style != "sample":
            continue
        start = section.title_start
        end = start + len(doc.text[start:doc.line_span(start)[1]].rstrip())
        label = _SAMPLE_LABEL_RE.match(doc.text[start:end])
        found.append((start, end, label.group() if label else _quote(doc.text[start:end])))
    taken = {doc.line_span(start)[0] for start, _, _ in found}
    for line, m in _sample_lines(doc):  # 范文一：…, as 篇一：《…》
        if line.start not in taken:
            start = line.start + m.start("label")
            found.append((start, trimmed(line)[1], re.sub(r"[ \t]+", "", m.group("label"))))
    found.sort()
    for start, end, text in found:
        yield Finding(start, end, {"text": text, "count": len(found)}, variant="one" if len(found) == 1 else None)


@check("signature-placeholder")
def signature_placeholder(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    for line in iter_lines(doc):
        if len(line.text.strip()) > MAX_SIGNATURE_LINE:
            continue
        if SIGNATURE_RE.match(line.text):
            template = any(_is_template_value(label, value) for label, value in _field_values(line.text))
        else:
            template = BLANK_DATE_RE.fullmatch(line.text.strip(" \t\u3000")) is not None  # a bare `20  年  月  日`
        if template:
            start, end = trimmed(line)
            yield Finding(start, end, {"text": doc.text[start:end]})


def _is_template_value(label: str, value: str) -> bool:
    """A placeholder (`XXX`, `20XX年`), the template's blank date or its stock name (`姓名：张三`)."""
    if PLACEHOLDER_RE.search(value) or BLANK_DATE_RE.fullmatch(value):
        return True
    return label in NAME_FIELDS and SAMPLE_NAME_RE.fullmatch(value) is not None


def _field_value(line: str, field: re.Match[str]) -> str:
    following = FIELD_RE.search(line, field.end())
    return line[field.end():following.start() if following else len(line)].strip(" \t\u3000*")


def _field_values(line: str) -> list[tuple[str, str]]:
    """(label, value) for each `标签：值` field on a signature line."""
    fields = list(FIELD_RE.finditer(line))
    out = []
    for i, m in enumerate(fields):
        stop = fields[i + 1].start() if i + 1 < len(fields) else len(line)
        out.append((m.group("label"), line[m.end():stop].strip(" \t\u3000*")))
    return out


# A list item with nothing after its bullet: `- 选题策划不够系统。` then `- ` (the template's second slot).
EMPTY_BULLET_RE = fastre.lazy(r"[ \t\u3000]*(?P<bullet>[-*+•·●▪])[ \t\u3000]*")
BULLET_RE = fastre.lazy(r"[ \t\u3000]*(?P<bullet>[-*+•·●▪])(?:[ \t\u3000]|$)")
_ITEM_LABEL = {"zh": "这一条的内容", "en": "item"}


@check("empty-field")
def empty_field(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    lines = list(iter_lines(doc))
    yield from _empty_items(doc, lines)
    for i, line in enumerate(lines):
        if len(line.text.strip()) > MAX_SIGNATURE_LINE or not SIGNATURE_RE.match(line.text):
            continue
        for m in FIELD_RE.finditer(line.text):
            if _field_value(line.text, m) or m.group().startswith("**"):
                continue  # filled; or a bold Markdown label, which may head the list under it
            last = m.end() == len(line.text.rstrip(" \t\u3000"))
            if last and _value_on_next_line(m.group("label"), lines[i + 1:i + 2]):
                continue
            start = line.start + m.start()
            yield Finding(start, line.start + m.end(), {"text": m.group(), "label": m.group("label")})


def _empty_items(doc: Document, lines: list[Line]) -> Iterator[Finding]:
    """Bullets with nothing after them, inside a list. A text that also sets a lone `-` between paragraphs
    uses it as a separator (pages copied from the web do), so none of its lone bullets is reported."""
    empties = [(i, m) for i, line in enumerate(lines) if (m := EMPTY_BULLET_RE.fullmatch(line.text))]
    if not all(_in_a_list(doc, lines, i, m.group("bullet")) for i, m in empties):
        return
    for i, m in empties:
        start = lines[i].start + m.start("bullet")
        yield Finding(start, start + 1, {"text": m.group("bullet"), "label": _ITEM_LABEL}, variant="item")


def _in_a_list(doc: Document, lines: list[Line], i: int, bullet: str) -> bool:
    """The empty bullet is an item of a list: the line above or below is an item with the same bullet, or
    (Markdown) it is the only item under a heading. A lone `-` under a label (`风险：` / `-`) may mean "none",
    and a `-` under a Markdown paragraph line underlines a heading."""
    near = [_neighbour(lines, i, -1), _neighbour(lines, i, 1)]
    for line in near:
        m = BULLET_RE.match(line.text) if line else None
        if m and m.group("bullet") == bullet:
            return True
    above = near[0]
    return doc.format == "markdown" and above is not None and above.text.lstrip().startswith("#")


def _neighbour(lines: list[Line], i: int, step: int) -> Line | None:
    """The nearest line above (step -1) or below (step 1) with something on it."""
    i += step
    while 0 <= i < len(lines):
        if lines[i].text.strip(" \t\u3000"):
            return lines[i]
        i += step
    return None


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
