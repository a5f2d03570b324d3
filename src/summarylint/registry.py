"""The rule catalogue: rule entries from YAML (shipped in rules/, or a user's rule pack) and the
Python check functions they name.

A rule entry says what a rule is (id, category, severity, messages, documentation) and how it
runs: `check: NAME` for a Python function registered with @check, or `kind: KIND` for one of
the declarative kinds (lexicon, pattern, …) that need no Python at all.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .data import load_yaml_file, rules_dir
from .diagnostics import CATEGORIES, SEVERITIES, Finding
from .errors import ConfigError

if TYPE_CHECKING:
    from .engine import RuleContext
    from .model import Document

CheckFn = Callable[["Document", "RuleContext"], Iterable[Finding]]
CHECKS: dict[str, CheckFn] = {}
ENTRY_POINT_GROUP = "summarylint.rules"
_TEXT_FIELDS = ("message", "suggestion", "why", "fix")
_REQUIRED = ("id", "name", "category", "severity", "message")


def check(name: str) -> Callable[[CheckFn], CheckFn]:
    """Register a Python check function under the name catalogue entries use."""

    def register(fn: CheckFn) -> CheckFn:
        CHECKS[name] = fn
        return fn

    return register


@dataclass
class Rule:
    id: str
    name: str
    category: str
    severity: str
    runner: str  # the check or declarative kind name
    text: dict[str, Any]  # message, suggestion, why, fix and their variants: {"zh": …, "en": …}
    options: dict[str, Any] = field(default_factory=dict)
    bad: str = ""
    good: str = ""
    fixable: bool = False
    source: str = ""
    function: CheckFn | None = None  # set for plugin rules that bring their own function

    def run(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        fn = self.function or CHECKS.get(self.runner)
        if fn is None:
            raise ConfigError(f"{self.source}: rule {self.id} uses unknown check '{self.runner}'",
                              zh=f"{self.source}: 规则 {self.id} 使用了未知的检查 '{self.runner}'")
        return fn(doc, ctx)


def rule_from_entry(entry: Any, source: str) -> Rule:
    """Validate one catalogue entry; errors name the source (file:line)."""
    if not isinstance(entry, dict):
        kind = type(entry).__name__
        raise ConfigError(f"{source}: a rule must be a mapping, got {kind}",
                          zh=f"{source}: 规则应为映射（mapping），实际是 {kind}")
    missing = ", ".join(key for key in _REQUIRED if key not in entry)
    if missing:
        rule_id = entry.get("id", "?")
        raise ConfigError(f"{source}: rule {rule_id} is missing {missing}",
                          zh=f"{source}: 规则 {rule_id} 缺少 {missing}")
    if entry["category"] not in CATEGORIES:
        category, allowed = entry["category"], ", ".join(CATEGORIES)
        raise ConfigError(f"{source}: rule {entry['id']}: unknown category '{category}' (one of {allowed})",
                          zh=f"{source}: 规则 {entry['id']}：未知的类别 '{category}'（应为 {allowed} 之一）")
    if entry["severity"] not in SEVERITIES:
        severity, allowed = entry["severity"], ", ".join(SEVERITIES)
        raise ConfigError(f"{source}: rule {entry['id']}: unknown severity '{severity}' (one of {allowed})",
                          zh=f"{source}: 规则 {entry['id']}：未知的严重级别 '{severity}'（应为 {allowed} 之一）")
    runner = entry.get("check") or entry.get("kind")
    function = entry.get("function")
    if not runner and function is None:
        raise ConfigError(f"{source}: rule {entry['id']} needs `check:` (a Python check) or `kind:` (declarative)",
                          zh=f"{source}: 规则 {entry['id']} 需要 `check:`（Python 检查）或 `kind:`（声明式规则）")
    text: dict[str, Any] = {}
    for key, value in entry.items():
        if key.startswith(_TEXT_FIELDS):
            text[key] = value if isinstance(value, dict) else {"zh": value, "en": value}
            if "zh" not in text[key]:
                raise ConfigError(f"{source}: rule {entry['id']}: `{key}` needs a Chinese text (zh)",
                                  zh=f"{source}: 规则 {entry['id']}：`{key}` 需要中文文本（zh）")
    return Rule(
        id=str(entry["id"]), name=str(entry["name"]), category=entry["category"], severity=entry["severity"],
        runner=str(runner or entry["id"]), text=text, options=dict(entry.get("options") or {}),
        bad=str(entry.get("bad", "")).rstrip(), good=str(entry.get("good", "")).rstrip(),
        fixable=bool(entry.get("fixable", False)), source=source, function=function,
    )


def _entry_lines(path: Path, text: str) -> list[int]:
    """Line number of each top-level list item, for error messages."""
    import yaml

    try:
        node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return []
    if isinstance(node, yaml.SequenceNode):
        return [item.start_mark.line + 1 for item in node.value]
    return []


def load_pack(path: Path, *, with_lines: bool = True) -> list[Rule]:
    """A YAML rule pack: a list of rule entries (or a mapping with a `rules:` list).

    with_lines=False is for the shipped catalogue: read from the cache, validated by the tests.
    """
    data = load_yaml_file(path, cached=not with_lines)
    if isinstance(data, dict) and "rules" in data:
        data = data["rules"]
    if not isinstance(data, list):
        raise ConfigError(f"{path}: a rule pack is a YAML list of rules (or `rules:` with a list)",
                          zh=f"{path}: 规则包应为规则的 YAML 列表（或 `rules:` 下的列表）")
    lines = _entry_lines(path, path.read_text(encoding="utf-8")) if with_lines else []
    rules = []
    for i, entry in enumerate(data):
        where = f"{path}:{lines[i]}" if i < len(lines) else str(path)
        rules.append(rule_from_entry(entry, where))
    if with_lines:
        _check_declarative_options(rules)
    return rules


def _check_declarative_options(rules: list[Rule]) -> None:
    """A user pack's options are checked when it loads, so `summarylint rules` reports a bad pack too."""
    from .checks.declarative import KINDS, check_rule_options

    for rule in rules:
        if rule.function is None and rule.runner in KINDS:
            check_rule_options(rule, rule.options)


def _load_checks() -> None:
    from . import checks  # noqa: F401  (importing registers the built-in checks)


@cache
def builtin_rules() -> tuple[Rule, ...]:
    _load_checks()
    rules: list[Rule] = []
    for path in sorted((rules_dir() / "catalogue").glob("*.yaml")):
        rules.extend(load_pack(path, with_lines=False))
    return tuple(rules)


def plugin_rules() -> list[Rule]:
    """Rules from installed packages that declare the `summarylint.rules` entry point group.

    The entry point names a list of rule entries, or a function returning one; an entry may carry
    its check as `function`.
    """
    rules: list[Rule] = []
    if not _any_plugin_installed():
        return rules
    from importlib.metadata import entry_points

    for ep in entry_points(group=ENTRY_POINT_GROUP):
        try:
            obj = ep.load()
            entries = obj() if callable(obj) else obj
        except Exception as exc:  # a broken plugin must not take the run down with a traceback
            raise ConfigError(f"plugin {ep.name} ({ep.value}) failed to load: {exc}",
                              zh=f"插件 {ep.name}（{ep.value}）加载失败：{exc}") from None
        if not isinstance(entries, list):
            raise ConfigError(f"plugin {ep.name} ({ep.value}): expected a list of rule entries",
                              zh=f"插件 {ep.name}（{ep.value}）：应提供规则条目的列表")
        rules.extend(rule_from_entry(entry, f"plugin {ep.name}") for entry in entries)
    return rules


def _any_plugin_installed() -> bool:
    """Cheap look for our entry point group in installed distributions' entry_points.txt.

    importlib.metadata costs ~30 ms to import and scan on every run; almost nobody has a plugin.
    """
    header = f"[{ENTRY_POINT_GROUP}]"
    for folder in sys.path:
        try:
            names = os.listdir(folder or ".")
        except OSError:
            continue
        for name in names:
            if not name.endswith((".dist-info", ".egg-info")):
                continue
            try:
                with open(os.path.join(folder or ".", name, "entry_points.txt"), encoding="utf-8") as handle:
                    if header in handle.read():
                        return True
            except OSError:
                continue
    return False


def all_rules(packs: Iterable[Path] = (), *, plugins: bool = True) -> list[Rule]:
    rules = list(builtin_rules())
    for pack in packs:
        rules.extend(load_pack(pack))
    if plugins:
        rules.extend(plugin_rules())
    seen: dict[str, str] = {}
    for rule in rules:
        if rule.id in seen:
            raise ConfigError(f"{rule.source}: rule id {rule.id} is already defined in {seen[rule.id]}",
                              zh=f"{rule.source}: 规则编号 {rule.id} 已在 {seen[rule.id]} 中定义")
        seen[rule.id] = rule.source
    return rules


def find_rule(rules: Iterable[Rule], key: str) -> Rule | None:
    key = key.strip()
    for rule in rules:
        if key.upper() == rule.id.upper() or key == rule.name:
            return rule
    return None


def iter_text(rule: Rule, key: str, lang: str) -> Iterator[str]:
    value = rule.text.get(key)
    if value:
        yield value.get(lang) or value["zh"]
