from __future__ import annotations

import codecs

import pytest

from summarylint.decode import decode_bytes
from summarylint.errors import InputError

TEXT = "二、工作成果\n本季度完成出库186万单，同比增长12%。\n"


@pytest.mark.parametrize(("data", "encoding"), [
    (TEXT.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8"),
    (TEXT.encode("utf-16"), "utf-16-le"),
    (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16-be"),
    (TEXT.encode("gbk"), "gb18030"),
    (TEXT.encode("gb18030"), "gb18030"),
])
def test_decodes_common_encodings(data: bytes, encoding: str) -> None:
    decoded = decode_bytes(data, "x.txt")
    assert decoded.text == TEXT
    assert decoded.encoding == encoding


def test_bom_round_trips() -> None:
    data = codecs.BOM_UTF8 + TEXT.encode("utf-8")
    decoded = decode_bytes(data)
    assert decoded.bom == codecs.BOM_UTF8
    assert decoded.encode(decoded.text) == data


def test_short_gbk_line_is_detected() -> None:
    data = "汇报人：李明".encode("gbk")
    assert decode_bytes(data).text == "汇报人：李明"


def test_binary_is_rejected_with_the_file_name() -> None:
    with pytest.raises(InputError, match=r"^pic\.png: 二进制文件（含 NUL 字节），不是文本总结$") as raised:
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "pic.png")
    assert raised.value.message("en") == "pic.png: binary file (contains NUL bytes), not a text summary"


def test_control_characters_mean_binary() -> None:
    with pytest.raises(InputError, match="二进制文件") as raised:
        decode_bytes(bytes([1, 2, 3, 4, 5, 6, 7, 8]) * 50 + b"abc", "blob.txt")
    assert raised.value.message("en") == "blob.txt: binary file (400 control characters), not a text summary"


def test_crlf_is_kept() -> None:
    assert decode_bytes("一、成果\r\n完成。\r\n".encode()).text == "一、成果\r\n完成。\r\n"


def test_huge_file_is_rejected(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("summarylint.decode.MAX_BYTES", 100)
    with pytest.raises(InputError, match="文件过大") as raised:
        decode_bytes(b"a" * 101, "big.txt")
    assert "too large" in raised.value.message("en")


def test_empty_input_decodes_to_empty_text() -> None:
    assert decode_bytes(b"").text == ""
