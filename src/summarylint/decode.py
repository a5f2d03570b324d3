"""Bytes to text: UTF-8 (with or without BOM), UTF-16/32 with BOM, GB18030/GBK and others.

UTF-8 is tried first because it is by far the most common and a strict decode is a
reliable test; everything else goes to charset-normalizer, imported only then so the
common case pays nothing for it.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from . import fastre
from .errors import InputError

MAX_BYTES = 20 * 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CHINESE_FAMILY = {"gb2312", "gbk", "gb18030", "hz", "cp936"}
_HAN_OR_CJK_PUNCTUATION = fastre.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]")
_OTHER_CJK = {"cp949", "euckr", "big5", "big5hkscs", "cp950", "shiftjis", "cp932", "eucjp", "iso2022jp", "johab"}
_ALLOWED_CONTROLS = set("\t\n\r\f\v")


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # a Python codec name
    bom: bytes = b""

    def encode(self, text: str) -> bytes:
        """Encode text back the way the file was stored, BOM included."""
        return self.bom + text.encode(self.encoding)


def decode_bytes(data: bytes, name: str = "<input>") -> Decoded:
    if len(data) > MAX_BYTES:
        size, limit = len(data) // 2**20, MAX_BYTES // 2**20
        raise InputError(f"{name}: file too large ({size} MB; limit {limit} MB)",
                         zh=f"{name}: 文件过大（{size} MB，上限 {limit} MB）")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _checked(name, _strict(data[len(bom):], encoding, name), encoding, bom)
    if b"\x00" in data:
        raise InputError(f"{name}: binary file (contains NUL bytes), not a text summary",
                         zh=f"{name}: 二进制文件（含 NUL 字节），不是文本总结")
    try:
        return _checked(name, data.decode("utf-8"), "utf-8", b"")
    except UnicodeDecodeError:
        pass
    encoding = _detect(data, name)
    return _checked(name, _strict(data, encoding, name), encoding, b"")


def _detect(data: bytes, name: str) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(f"{name}: cannot detect the text encoding (binary or damaged file)",
                         zh=f"{name}: 无法识别文本编码（二进制文件或文件已损坏）")
    encoding = best.encoding.lower().replace("_", "")
    # GB18030 is a strict superset of GB2312 and GBK: decoding with it never loses a character.
    if encoding in _CHINESE_FAMILY or (encoding in _OTHER_CJK and _reads_as_chinese(data)):
        # Short GBK texts are often guessed as Korean or Japanese; our writers write Chinese.
        return "gb18030"
    return best.encoding


def _reads_as_chinese(data: bytes) -> bool:
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        return False
    wide = [ch for ch in text if ord(ch) > 0x7F]
    common = sum(1 for ch in wide if _HAN_OR_CJK_PUNCTUATION.match(ch))
    return bool(wide) and common >= 0.9 * len(wide)


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: not valid {encoding} at byte {exc.start}",
                         zh=f"{name}: 第 {exc.start} 字节处不是有效的 {encoding} 编码") from None


def _checked(name: str, text: str, encoding: str, bom: bytes) -> Decoded:
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in _ALLOWED_CONTROLS)
    if controls and controls > len(text) / 200:
        raise InputError(f"{name}: binary file ({controls} control characters), not a text summary",
                         zh=f"{name}: 二进制文件（含 {controls} 个控制字符），不是文本总结")
    return Decoded(text, encoding, bom)
