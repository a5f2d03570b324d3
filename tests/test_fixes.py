from __future__ import annotations

from pathlib import Path

from summarylint.decode import decode_bytes
from summarylint.diagnostics import Diagnostic, Edit, Fix
from summarylint.fixes import apply_fixes, refuse_reason, write_atomically


def diag(start: int, end: int, replacement: str, safe: bool = True) -> Diagnostic:
    return Diagnostic("T", "t", "style", "info", "m", "s", start, end, 1, 1, 1, 1,
                      Fix((Edit(start, end, replacement),), safe))


def test_edits_apply_and_nothing_else_changes() -> None:
    text = "完成了3个版本,修复缺陷27个.\r\n第二行"
    fixed, n = apply_fixes(text, [diag(7, 8, "，"), diag(15, 16, "。")])
    assert (fixed, n) == ("完成了3个版本，修复缺陷27个。\r\n第二行", 2)


def test_overlapping_fixes_wait_and_unsafe_needs_opt_in() -> None:
    text = "abcdef"
    fixed, n = apply_fixes(text, [diag(0, 3, "X"), diag(2, 4, "Y"), diag(5, 6, "Z", safe=False)])
    assert (fixed, n) == ("Xdef", 1)
    assert apply_fixes(text, [diag(5, 6, "Z", safe=False)], unsafe=True)[0] == "abcdeZ"


def test_atomic_write_keeps_encoding_and_mode(tmp_path: Path) -> None:
    f = tmp_path / "gbk.txt"
    f.write_bytes("完成了3个版本,修复缺陷27个.".encode("gbk"))
    f.chmod(0o640)
    decoded = decode_bytes(f.read_bytes(), str(f))
    write_atomically(str(f), "完成了3个版本，修复缺陷27个。", decoded)
    assert f.read_bytes().decode("gb18030") == "完成了3个版本，修复缺陷27个。"
    assert f.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["gbk.txt"]


def test_refusals() -> None:
    assert refuse_reason("a.docx") is not None
    assert refuse_reason("-") is not None
    assert refuse_reason("a.md") is None
