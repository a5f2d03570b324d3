"""Where the shipped data lives (rules/, inside the wheel or in a source checkout) and loading it.

Shipped YAML is parsed once and kept in a per-user cache as marshal data, keyed by the file's
path, size and mtime and by the Python version: importing PyYAML and parsing every catalogue
file costs ~60 ms, more than a whole check of a typical summary, and it would be paid on every
commit and every keystroke. A cache that cannot be read or written is simply not used.
"""

from __future__ import annotations

import marshal
import os
import sys
from functools import cache
from pathlib import Path
from typing import Any

from .errors import ConfigError

_CACHE_FORMAT = 1


@cache
def rules_dir() -> Path:
    packaged = Path(__file__).parent / "rules"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "rules"  # a source checkout: <repo>/src/summarylint


def cache_dir() -> Path | None:
    """SUMMARYLINT_CACHE_DIR, else $XDG_CACHE_HOME/summarylint or ~/.cache/summarylint; None to disable."""
    if os.environ.get("SUMMARYLINT_NO_CACHE"):
        return None
    explicit = os.environ.get("SUMMARYLINT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME")
    return (Path(base) if base else Path.home() / ".cache") / "summarylint"


def parse_yaml(text: str, path: Path) -> Any:
    """Parse YAML text; a syntax error becomes a ConfigError naming file and line."""
    import yaml

    try:
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise ConfigError(f"{path}{where}: invalid YAML: {problem}",
                          zh=f"{path}{where}: YAML 格式有误：{problem}") from None


def load_yaml_file(path: Path, *, cached: bool = False) -> Any:
    """A YAML file's data; with cached=True, from the marshal cache when the file has not changed."""
    try:
        stat = path.stat()
        key = (_CACHE_FORMAT, sys.version, str(path.resolve()), stat.st_size, stat.st_mtime_ns)
    except OSError as exc:
        reason = exc.strerror or exc
        raise ConfigError(f"{path}: cannot read ({reason})", zh=f"{path}: 无法读取（{reason}）") from None
    slot = _cache_slot(key) if cached else None
    if slot is not None:
        hit = _read_cache(slot, key)
        if hit is not None:
            return hit[0]
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read ({exc})", zh=f"{path}: 无法读取（{exc}）") from None
    data = parse_yaml(text, path)
    if slot is not None:
        _write_cache(slot, key, data)
    return data


def _cache_slot(key: tuple[Any, ...]) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    import hashlib  # only when a cache is used: hashlib and tempfile cost ~10 ms of import

    return folder / (hashlib.sha1(repr(key[:3]).encode("utf-8")).hexdigest()[:20] + ".marshal")


def _read_cache(slot: Path, key: tuple[Any, ...]) -> tuple[Any] | None:
    try:
        stored_key, data = marshal.loads(slot.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    return (data,) if stored_key == key else None


def _write_cache(slot: Path, key: tuple[Any, ...], data: Any) -> None:
    try:
        payload = marshal.dumps((key, data))
    except ValueError:
        return  # a YAML type marshal cannot hold (e.g. a date): parse every time
    try:
        import tempfile

        slot.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=slot.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        os.replace(tmp, slot)
    except OSError:
        pass  # a read-only home: no cache, same results


@cache
def load_data(name: str) -> Any:
    """A shipped data file under rules/, by relative name (cached in memory and on disk)."""
    return load_yaml_file(rules_dir() / name, cached=True)
