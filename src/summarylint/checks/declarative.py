"""Declarative rule kinds: a team writes rules in YAML, no Python (docs/rule-packs.md).

    - id: TEAM001
      name: banned-phrases
      category: style
      severity: warning
      kind: lexicon                  # lexicon | pattern | required-section | occurrence (alias density)
      options:
        terms: [赋能, 抓手, 闭环]
        scope: sentence              # document | line | paragraph | sentence | heading | title
        sections: [results, plan]    # only hits inside these section kinds
        unless: "\\d"                # a hit is silenced when this regex matches in the same scope
        replacement: {抓手: 重点}    # term → replacement: a safe fix
      message: {zh: "“{text}”是空话"}

Options are checked once per rule, on first use: a wrong option is a ConfigError naming the
pack file and the line of that option, like a YAML syntax error.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from ..diagnostics import Edit, Finding, Fix
from ..engine import RuleContext
from ..errors import ConfigError
from ..model import SECTION_KINDS, Document
from ..registry import Rule, check

SCOPES = ("document", "line", "paragraph", "sentence", "heading", "title")
KINDS = ("lexicon", "pattern", "required-section", "occurrence", "density")


# --------------------------------------------------------------------------- option checking


def _is_str_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) and v for v in value)


def _is_regex_list(value: Any) -> bool:
    return _is_str_list(value) and all(_compiles(v) for v in value)


def _compiles(value: Any) -> bool:
    try:
        re.compile(value)
    except (re.error, TypeError):
        return False
    return True


def _is_kinds(value: Any) -> bool:
    return _is_str_list(value) and bool(value) and all(v in SECTION_KINDS for v in value)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0


def _is_count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1


# option name → (check, what it must be); shared by the kinds below
_OPTION_TYPES: dict[str, tuple[Callable[[Any], bool], str]] = {
    "terms": (_is_str_list, "a list of non-empty strings"),
    "patterns": (_is_regex_list, "a list of valid regular expressions"),
    "pattern": (lambda v: isinstance(v, str) and bool(v) and _compiles(v), "a valid regular expression"),
    "scope": (lambda v: v in SCOPES, "one of " + ", ".join(SCOPES)),
    "sections": (_is_kinds, "a list of section kinds (" + ", ".join(SECTION_KINDS) + ")"),
    "kinds": (_is_kinds, "a non-empty list of section kinds (" + ", ".join(SECTION_KINDS) + ")"),
    "unless": (lambda v: isinstance(v, str) and _compiles(v), "a valid regular expression"),
    "ignore_case": (lambda v: isinstance(v, bool), "true or false"),
    "min_chars": (_is_count, "a whole number ≥ 1"),
    "max_per_1000": (_is_number, "a number ≥ 0"),
    "min_count": (_is_count, "a whole number ≥ 1"),
    "top": (_is_count, "a whole number ≥ 1"),
}
_ALLOWED = {
    "lexicon": {"terms", "patterns", "replacement", "scope", "sections", "unless", "ignore_case"},
    "pattern": {"pattern", "replacement", "scope", "sections", "unless", "ignore_case"},
    "required-section": {"kinds", "min_chars"},
    "occurrence": {"terms", "patterns", "max_per_1000", "min_count", "top", "sections", "ignore_case"},
}
_ALLOWED["density"] = _ALLOWED["occurrence"]
_REQUIRED: dict[str, list[set[str]]] = {
    # each set: at least one of these options must be given
    "lexicon": [{"terms", "patterns", "replacement"}],
    "pattern": [{"pattern"}],
    "required-section": [{"kinds"}],
    "occurrence": [{"terms", "patterns"}, {"max_per_1000"}],
    "density": [{"terms", "patterns"}, {"max_per_1000"}],
}


def validate_options(kind: str, options: dict[str, Any]) -> list[tuple[str | None, str]]:
    """Problems with a declarative rule's options: (option name or None, what is wrong)."""
    problems: list[tuple[str | None, str]] = []
    allowed = _ALLOWED[kind]
    for name, value in options.items():
        if name not in allowed:
            problems.append((name, f"unknown option for kind {kind} (allowed: {', '.join(sorted(allowed))})"))
        elif name == "replacement":
            if not _replacement_ok(kind, value):
                what = "a map of term → replacement text" if kind == "lexicon" else "a replacement string"
                problems.append((name, f"must be {what}"))
        elif not _OPTION_TYPES[name][0](value):
            problems.append((name, f"must be {_OPTION_TYPES[name][1]}, got {value!r}"))
    for needed in _REQUIRED[kind]:
        if not needed & options.keys():
            problems.append((None, f"kind {kind} needs option {' or '.join(sorted(needed))}"))
    return problems


def _replacement_ok(kind: str, value: Any) -> bool:
    if kind == "lexicon":
        return isinstance(value, dict) and all(isinstance(k, str) and k and isinstance(v, str)
                                                for k, v in value.items())
    return isinstance(value, str)


def check_rule_options(rule: Rule, options: dict[str, Any]) -> None:
    """Raise a ConfigError naming the pack file and line of the first bad option."""
    problems = validate_options(rule.runner, options)
    if not problems:
        return
    name, problem = problems[0]
    where = option_location(rule, name)
    label = f"`{name}` " if name else ""
    raise ConfigError(f"{where}: rule {rule.id} ({rule.runner}): option {label}{problem}")


def option_location(rule: Rule, option: str | None) -> str:
    """file:line of an option of a rule from a YAML pack (the rule's own line when not found)."""
    path, _, line = rule.source.rpartition(":")
    if not line.isdigit():
        path = rule.source
    try:
        import yaml

        with open(path, encoding="utf-8") as handle:
            root = yaml.compose(handle.read(), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except Exception:
        return rule.source
    entry = _entry_node(root, rule.id)
    if entry is None:
        return rule.source
    options = _child(entry, "options")
    node = entry if options is None else options[0]
    target = _child(options[1], option) if option and options is not None else None
    if target is not None:
        node = target[0]
    return f"{path}:{node.start_mark.line + 1}"


def _entry_node(root: Any, rule_id: str) -> Any:
    import yaml

    if isinstance(root, yaml.MappingNode):
        rules = _child(root, "rules")
        root = rules[1] if rules else None
    if not isinstance(root, yaml.SequenceNode):
        return None
    for item in root.value:
        pair = _child(item, "id")
        if pair is not None and str(pair[1].value) == rule_id:
            return item
    return None


def _child(node: Any, key: str) -> tuple[Any, Any] | None:
    """(key node, value node) of a key in a YAML mapping node."""
    import yaml

    if not isinstance(node, yaml.MappingNode):
        return None
    for key_node, value_node in node.value:
        if key_node.value == key:
            return key_node, value_node
    return None


# --------------------------------------------------------------------------- scopes and section kinds


def scope_spans(doc: Document, scope: str) -> list[tuple[int, int]]:
    """The stretches of text a scope consists of; hits never cross them and `unless` looks inside them."""
    if scope == "document":
        return [(0, len(doc.text))]
    if scope == "line":
        return _line_spans(doc.text)
    if scope == "paragraph":
        return [(b.start, b.end) for b in doc.blocks()]
    if scope == "sentence":
        return [(s.start, s.end) for s in doc.sentences()]
    if scope == "heading":
        return [(s.title_start, s.title_end) for s in doc.sections()
                if s.style not in ("implicit", "sample") and s.title_end > s.title_start]
    spans = [doc.title_span] if doc.title_span else []
    spans += [(s.title_start, s.title_end) for s in doc.sections() if s.style == "sample"]
    return spans


def _line_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in re.finditer(r"\r?\n|$", text):
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
        if m.end() == len(text):
            break
    return spans


class KindMap:
    """The section kind at an offset: of the block or heading holding it (None between them)."""

    def __init__(self, doc: Document):
        from .structure import block_kinds

        spans: list[tuple[int, int, str]] = []
        for unit in doc.units():
            spans.extend((block.start, block.end, kind) for block, kind in block_kinds(unit))
        spans.extend((s.title_start, s.title_end, s.kind) for s in doc.sections() if s.title_end > s.title_start)
        spans.sort()
        self._starts = [s for s, _, _ in spans]
        self._spans = spans

    def kind_at(self, offset: int) -> str | None:
        i = bisect.bisect_right(self._starts, offset) - 1
        while i >= 0:
            start, end, kind = self._spans[i]
            if start <= offset < end:
                return kind
            if self._starts[i] < offset - 2000:  # spans are short; stop looking far back
                break
            i -= 1
        return None


# --------------------------------------------------------------------------- matching


@dataclass(frozen=True)
class Matcher:
    regexes: tuple[re.Pattern[str], ...]
    scope: str
    sections: frozenset[str] | None
    unless: re.Pattern[str] | None
    replacement: dict[str, str] | str | None
    ignore_case: bool


_COMPILED: dict[tuple[str, str, str], Any] = {}


def _options(ctx: RuleContext) -> dict[str, Any]:
    return {**ctx.rule.options, **ctx.options}


def _compiled(ctx: RuleContext, build: Callable[[dict[str, Any]], Any]) -> Any:
    """Validate and compile a rule's options once (a folder of forty files reuses them)."""
    options = _options(ctx)
    key = (ctx.rule.id, ctx.rule.source, repr(sorted(options.items(), key=lambda item: item[0])))
    if key not in _COMPILED:
        check_rule_options(ctx.rule, options)
        _COMPILED[key] = build(options)
    return _COMPILED[key]


def term_regex(term: str, ignore_case: bool) -> re.Pattern[str]:
    """A literal term; Latin words only match whole (PPT is not inside PPTX)."""
    body = re.escape(term)
    if term[0].isascii() and term[0].isalnum():
        body = r"(?<![A-Za-z0-9])" + body
    if term[-1].isascii() and term[-1].isalnum():
        body += r"(?![A-Za-z0-9])"
    return re.compile(body, re.I if ignore_case else 0)


def _matcher(options: dict[str, Any], kind: str) -> Matcher:
    flags = re.I if options.get("ignore_case") else 0
    regexes: list[re.Pattern[str]] = []
    replacement: dict[str, str] | str | None = options.get("replacement")
    if kind == "pattern":
        regexes.append(re.compile(options["pattern"], flags))
    else:
        terms = list(options.get("terms", []))
        if isinstance(replacement, dict):
            terms += [t for t in replacement if t not in terms]
        # Longest first, so 进一步加强 wins over 进一步 at the same place.
        regexes += [term_regex(t, bool(flags)) for t in sorted(terms, key=len, reverse=True)]
        regexes += [re.compile(p, flags) for p in options.get("patterns", [])]
    sections = frozenset(options["sections"]) if options.get("sections") else None
    unless = re.compile(options["unless"], flags) if options.get("unless") else None
    scope = options.get("scope", "sentence" if kind == "lexicon" else "line")
    return Matcher(tuple(regexes), scope, sections, unless, replacement, bool(flags))


def find_hits(doc: Document, matcher: Matcher) -> Iterator[re.Match[str]]:
    """Non-overlapping matches in document order, inside the scope, outside code and comments."""
    kinds = KindMap(doc) if matcher.sections is not None else None
    for start, end in scope_spans(doc, matcher.scope):
        if matcher.unless is not None and matcher.unless.search(doc.text, start, end):
            continue
        found = [m for regex in matcher.regexes for m in regex.finditer(doc.text, start, end) if m.end() > m.start()]
        found.sort(key=lambda m: (m.start(), -(m.end() - m.start())))
        last_end = -1
        for m in found:
            if m.start() < last_end or doc.is_masked(m.start(), m.end()):
                continue
            if kinds is not None and kinds.kind_at(m.start()) not in (matcher.sections or ()):
                continue
            last_end = m.end()
            yield m


def _lookup(replacement: dict[str, str], text: str, ignore_case: bool) -> str | None:
    if text in replacement:
        return replacement[text]
    if ignore_case:
        folded = {k.casefold(): v for k, v in replacement.items()}
        return folded.get(text.casefold())
    return None


# --------------------------------------------------------------------------- the kinds


@check("lexicon")
def lexicon(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    """Terms or regexes that must not appear; with `replacement`, a substitution with a safe fix."""
    matcher: Matcher = _compiled(ctx, lambda options: _matcher(options, "lexicon"))
    for m in find_hits(doc, matcher):
        args: dict[str, Any] = {"text": m.group(), "scope": matcher.scope}
        fix = None
        if isinstance(matcher.replacement, dict):
            new = _lookup(matcher.replacement, m.group(), matcher.ignore_case)
            if new is not None:
                args["replacement"] = new
                fix = Fix((Edit(m.start(), m.end(), new),), safe=True)
        yield Finding(m.start(), m.end(), args, fix, variant="replace" if fix else None)


@check("pattern")
def pattern(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    """One regex; its named groups become message arguments; `replacement` may use \\1 or \\g<name>."""
    matcher: Matcher = _compiled(ctx, lambda options: _matcher(options, "pattern"))
    for m in find_hits(doc, matcher):
        args: dict[str, Any] = {k: v or "" for k, v in m.groupdict().items()}
        args.update({"text": m.group(), "scope": matcher.scope})
        fix = None
        if isinstance(matcher.replacement, str):
            new = m.expand(matcher.replacement)
            args["replacement"] = new
            fix = Fix((Edit(m.start(), m.end(), new),), safe=True)
        yield Finding(m.start(), m.end(), args, fix, variant="replace" if fix else None)


@check("required-section")
def required_section(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    """Section kinds every summary (every 篇 sample of a collection) must have, with content."""
    from .structure import KIND_NAMES, content_by_kind, named_section, unit_anchor, unit_cjk, unit_label

    options = _compiled(ctx, lambda options: options)
    min_chars = options.get("min_chars", 6)
    for unit in doc.units():
        if unit_cjk(unit) == 0:
            continue
        counts = content_by_kind(doc, unit)
        for kind in options["kinds"]:
            if counts[kind] >= min_chars:
                continue
            heading = named_section(doc, unit, kind)
            args = {"kind": KIND_NAMES[kind], "unit": unit_label(unit)}
            if heading is not None:
                yield Finding(heading.title_start, heading.title_end, {**args, "text": heading.title}, variant="empty")
            else:
                start, end = unit_anchor(doc, unit)
                yield Finding(start, end, {**args, "text": doc.text[start:end]})


@check("occurrence")
@check("density")
def occurrence(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    """Terms counted per 1000 CJK characters: one finding for the document when above the threshold."""
    from .structure import cjk_count

    options = _compiled(ctx, lambda options: (options, _matcher({**options, "scope": "document"}, "occurrence")))
    settings, matcher = options
    hits = list(find_hits(doc, matcher))
    counted_text = doc.text if matcher.sections is None else _text_of_kinds(doc, matcher.sections)
    chars = cjk_count(counted_text)
    if not hits or not chars:
        return
    density = 1000 * len(hits) / chars
    if len(hits) < settings.get("min_count", 3) or density <= settings["max_per_1000"]:
        return
    tally = Counter(m.group() for m in hits)
    top = "、".join(f"{term}×{n}" for term, n in tally.most_common(settings.get("top", 3)))
    start, end = hits[0].start(), hits[0].end()
    yield Finding(start, end, {"text": top, "top": top, "count": len(hits), "chars": chars,
                               "density": f"{density:.1f}", "threshold": settings["max_per_1000"]})


def _text_of_kinds(doc: Document, kinds: frozenset[str]) -> str:
    from .structure import block_kinds

    return "\n".join(block.text for unit in doc.units() for block, kind in block_kinds(unit) if kind in kinds)
