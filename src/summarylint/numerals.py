"""Small Chinese ordinals (一 … 九十九) for outline numbering.

Outline numbers are read on every run, and importing cn2an costs ~0.25 s of start-up, so
this tiny reader handles the ordinals 1–99 that headings use. Quantities in prose
(三万六千人, 两个百分点) go through cn2an in the numbers module, imported only when needed.
"""

from __future__ import annotations

_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def chinese_ordinal(token: str) -> int | None:
    """一 → 1, 十二 → 12, 二十 → 20, 九十九 → 99; None for anything else."""
    if not token:
        return None
    if "十" not in token:
        return _DIGITS.get(token) if len(token) == 1 else None
    tens, _, units = token.partition("十")
    if len(tens) > 1 or len(units) > 1:
        return None
    tens_value = 1 if not tens else _DIGITS.get(tens)
    units_value = 0 if not units else _DIGITS.get(units)
    if tens_value is None or units_value is None or tens_value == 0:
        return None
    return tens_value * 10 + units_value
