"""Which files to check and reading them: paths, directories (recursively), stdin."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .decode import Decoded, decode_bytes
from .errors import InputError

if TYPE_CHECKING:
    from .parse_docx import DocxText

DEFAULT_SUFFIXES = (".md", ".markdown", ".txt", ".docx")
_SKIP_DIRS = {".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__", ".tox", ".mypy_cache"}


@dataclass
class Source:
    path: str
    decoded: Decoded
    docx: DocxText | None = None  # a Word document: its paragraphs and heading styles (parse_docx.py)


def expand_paths(paths: list[str]) -> Iterator[str | InputError]:
    """Files named directly are always checked; directories yield their summaries, sorted."""
    for raw in paths:
        if raw == "-":
            yield raw
            continue
        path = Path(raw)
        if path.is_dir():
            found: list[str] = []
            for folder, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS and not d.startswith("."))
                # "~$name.docx" is the lock file Word keeps next to an open document, not a document.
                found.extend(os.path.join(folder, f) for f in files
                             if f.lower().endswith(DEFAULT_SUFFIXES) and not f.startswith("~$"))
            yield from sorted(found)
        elif path.exists():
            yield raw
        else:
            yield InputError(f"{raw}: no such file or directory", zh=f"{raw}: 找不到文件或目录")


def read_source(path: str, stdin_filename: str | None = None) -> Source:
    if path == "-":
        data = sys.stdin.buffer.read()
        name = stdin_filename or "-"
    else:
        name = path
        try:
            with open(path, "rb") as handle:
                data = handle.read()
        except OSError as exc:
            reason = exc.strerror or exc
            raise InputError(f"{path}: cannot read ({reason})", zh=f"{path}: 无法读取（{reason}）") from None
    if name.lower().endswith(".docx"):
        from .parse_docx import read_docx

        docx = read_docx(data, name)
        return Source(name, Decoded(docx.text, "docx"), docx)
    return Source(name, decode_bytes(data, name))
