"""Where the shipped data lives (rules/, inside the wheel or in a source checkout) and loading it."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

from .errors import ConfigError


@cache
def rules_dir() -> Path:
    packaged = Path(__file__).parent / "rules"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "rules"  # a source checkout: <repo>/src/summarylint


def _loader() -> type:
    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml_file(path: Path) -> Any:
    """Parse a YAML file; a syntax error becomes a ConfigError naming file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read ({exc})") from None
    try:
        return yaml.load(text, Loader=_loader())
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise ConfigError(f"{path}{where}: invalid YAML: {problem}") from None


@cache
def load_data(name: str) -> Any:
    """A shipped data file under rules/, by relative name (cached)."""
    return load_yaml_file(rules_dir() / name)
