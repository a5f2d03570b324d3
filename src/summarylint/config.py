"""Configuration: `summarylint.toml` / `.summarylint.toml` or `[tool.summarylint]` in pyproject.toml.

```toml
select = ["P", "R001"]        # rule ids or id prefixes to run (default: all)
ignore = ["S003"]             # rule ids or prefixes to skip
rule_packs = ["team-rules.yaml"]   # extra YAML rule packs, relative to the config file
lang = "zh"
fail_level = "error"
min_score = 0
profile = "auto"
[severity]                    # per-rule severity overrides
S003 = "info"
[options.Q003]                # per-rule options
min_chars = 20
```
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .diagnostics import SEVERITIES
from .errors import LANGS, ConfigError

CONFIG_NAMES = ("summarylint.toml", ".summarylint.toml", "pyproject.toml")
_KEYS = {"select", "ignore", "rule_packs", "lang", "fail_level", "min_score", "profile", "severity", "options"}


@dataclass
class Config:
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    rule_packs: list[Path] = field(default_factory=list)
    lang: str | None = None
    fail_level: str | None = None
    min_score: int | None = None
    profile: str | None = None
    severity: dict[str, str] = field(default_factory=dict)
    options: dict[str, dict[str, Any]] = field(default_factory=dict)
    path: Path | None = None

    def selects(self, rule_id: str) -> bool:
        def hit(keys: list[str]) -> bool:
            return any(rule_id.upper().startswith(k.upper()) for k in keys)

        if self.select and not hit(self.select):
            return False
        return not hit(self.ignore)


def _toml(path: Path) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read ({exc})", zh=f"{path}: 无法读取（{exc}）") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}", zh=f"{path}: TOML 格式有误：{exc}") from None


def find_config(start: Path) -> Path | None:
    """The nearest config file in start or its parents (pyproject.toml only with [tool.summarylint])."""
    start = start.resolve()
    for folder in [start, *start.parents] if start.is_dir() else [start.parent, *start.parent.parents]:
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_our_table(candidate)):
                return candidate
    return None


def _has_our_table(pyproject: Path) -> bool:
    return "summarylint" in _toml(pyproject).get("tool", {})


def load_config(path: Path) -> Config:
    """Read and check a config file. A ConfigError about a file that parsed as TOML and sets a valid
    `lang` is in that language (error.lang): the user asked for it, even if something else is wrong."""
    data = _toml(path)
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("summarylint", {})
    try:
        return _config(path, data)
    except ConfigError as exc:
        if exc.lang is None and data.get("lang") in LANGS:
            exc.lang = data["lang"]
        raise


def _config(path: Path, data: dict[str, Any]) -> Config:
    unknown = set(data) - _KEYS
    if unknown:
        names = ", ".join(sorted(unknown))
        raise ConfigError(f"{path}: unknown setting(s): {names}", zh=f"{path}: 未知的设置项：{names}")

    def strings(key: str) -> list[str]:
        value = data.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{path}: `{key}` must be a list of strings", zh=f"{path}: `{key}` 应为字符串列表")
        return value

    levels = ", ".join(SEVERITIES)
    severity = data.get("severity", {})
    if not isinstance(severity, dict) or any(v not in SEVERITIES for v in severity.values()):
        raise ConfigError(f"{path}: [severity] maps rule ids to one of {levels}",
                          zh=f"{path}: [severity] 应把规则编号映射为 {levels} 之一")
    options = data.get("options", {})
    if not isinstance(options, dict) or not all(isinstance(v, dict) for v in options.values()):
        raise ConfigError(f"{path}: [options.RULE] tables hold per-rule options",
                          zh=f"{path}: 规则选项应写成 [options.规则编号] 表")
    min_score = data.get("min_score")
    if min_score is not None and not isinstance(min_score, int):
        raise ConfigError(f"{path}: `min_score` must be a whole number", zh=f"{path}: `min_score` 应为整数")
    fail_level = data.get("fail_level")
    if fail_level is not None and fail_level not in SEVERITIES:
        raise ConfigError(f"{path}: `fail_level` must be one of {levels}",
                          zh=f"{path}: `fail_level` 应为 {levels} 之一")
    lang = data.get("lang")
    if lang is not None and lang not in LANGS:
        raise ConfigError(f"{path}: `lang` must be zh or en", zh=f"{path}: `lang` 应为 zh 或 en")
    packs = [(path.parent / p) for p in strings("rule_packs")]
    for pack in packs:
        if not pack.is_file():
            raise ConfigError(f"{path}: rule pack not found: {pack}", zh=f"{path}: 找不到规则包：{pack}")
    return Config(strings("select"), strings("ignore"), packs, lang, fail_level, min_score,
                  data.get("profile"), dict(severity), options, path)
