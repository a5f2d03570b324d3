"""Apply fixes: non-overlapping edits on the original text, written back atomically.

Edits are code-point ranges of the decoded text, so nothing outside them changes: line
endings, BOM and encoding are kept as the file had them.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .decode import Decoded
from .diagnostics import Diagnostic, Edit
from .errors import InputError


def select_edits(diagnostics: Iterable[Diagnostic], unsafe: bool = False) -> list[Edit]:
    """The edits of every applicable fix; a fix overlapping one already taken waits for the next run."""
    taken: list[Edit] = []
    for diagnostic in sorted(diagnostics, key=lambda d: (d.start, d.rule)):
        fix = diagnostic.fix
        if fix is None or (not fix.safe and not unsafe):
            continue
        if any(_overlaps(edit, other) for edit in fix.edits for other in taken):
            continue
        taken.extend(fix.edits)
    return sorted(taken, key=lambda e: (e.start, e.end))


def _overlaps(a: Edit, b: Edit) -> bool:
    if a.start == a.end or b.start == b.end:  # insertions clash only at the same point
        return a.start == b.start or (b.start < a.start < b.end) or (a.start < b.start < a.end)
    return a.start < b.end and b.start < a.end


def apply_edits(text: str, edits: list[Edit]) -> str:
    parts = []
    cursor = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        parts.append(text[cursor:edit.start])
        parts.append(edit.replacement)
        cursor = edit.end
    parts.append(text[cursor:])
    return "".join(parts)


def apply_fixes(text: str, diagnostics: Iterable[Diagnostic], unsafe: bool = False) -> tuple[str, int]:
    """The fixed text and how many edits went in."""
    edits = select_edits(diagnostics, unsafe)
    return apply_edits(text, edits), len(edits)


def refusal(path: str) -> InputError | None:
    """Why --fix must not write this file (an error, in both languages), or None."""
    if path == "-":
        return InputError("--fix needs files; text from stdin is only checked",
                          zh="--fix 只能修改文件；从标准输入（stdin）读入的文本只检查，不修改")
    if path.lower().endswith(".docx"):
        # A .docx is a zip of XML: writing the linted text back would destroy its formatting.
        return InputError(f"{path}: --fix does not edit Word documents (it would lose their formatting); "
                          "apply the suggestions in Word, or check a .txt/.md copy with --fix",
                          zh=f"{path}: --fix 不修改 Word 文档（会丢失其格式）；"
                          "请按建议在 Word 中修改，或用 --fix 检查它的 .txt/.md 副本")
    return None


def refuse_reason(path: str, lang: str | None = None) -> str | None:
    """Why --fix must not write this file, in lang (default Chinese), or None."""
    error = refusal(path)
    return error.message(lang) if error else None


def write_atomically(path: str, text: str, decoded: Decoded) -> None:
    """Write via a temporary file in the same folder and rename over the original."""
    target = Path(path)
    data = decoded.encode(text)
    try:
        mode = target.stat().st_mode & 0o7777
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, mode)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        reason = exc.strerror or exc
        raise InputError(f"{path}: cannot write the fixed file ({reason})",
                         zh=f"{path}: 无法写入修复后的文件（{reason}）") from None
