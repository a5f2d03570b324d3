"""Held-out check: sentences written in another style (fixtures/numbers/heldout.yaml), each with the
figures its claim must hold and exactly the consistency rules that must fire."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from summarylint.api import Linter
from summarylint.numbers.claims import MetricClaim, text_numbers

HELDOUT = Path(__file__).resolve().parents[1] / "fixtures" / "numbers" / "heldout.yaml"
ITEMS: list[dict[str, Any]] = yaml.safe_load(HELDOUT.read_text(encoding="utf-8"))
_FIELDS = ("before", "after", "plan", "actual", "rate", "excess")

_LINTER = Linter(plugins=False)
_LINTER.rules = [rule for rule in _LINTER.rules if rule.category == "consistency"]


def _as_written(claim: MetricClaim) -> dict[str, Any]:
    out: dict[str, Any] = {name: getattr(claim, name).text for name in _FIELDS if getattr(claim, name) is not None}
    if claim.changes:
        out["changes"] = [change.quantity.text for change in claim.changes]
    return out


def test_the_heldout_set_is_large_and_mixed() -> None:
    assert len(ITEMS) >= 40
    assert sum(1 for item in ITEMS if item["flags"]) >= 15
    assert sum(1 for item in ITEMS if not item["flags"]) >= 15


@pytest.mark.parametrize("item", ITEMS, ids=[item["text"][:24] for item in ITEMS])
def test_heldout_sentence(item: dict[str, Any]) -> None:
    text = item["text"]
    numbers = text_numbers(text)
    if "claim" in item:
        want = {key: [str(v) for v in value] if isinstance(value, list) else str(value)
                for key, value in item["claim"].items()}
        found = [_as_written(claim) for claim in numbers.claims]
        assert any(all(got.get(key) == value for key, value in want.items()) for got in found), found
    if "parts" in item:
        breakdowns = [(b.parts, b.totals) for b, _ in numbers.breakdowns]
        assert any([q.text for q in parts] == item["parts"] and item["total"] in [q.text for q in totals]
                   for parts, totals in breakdowns), breakdowns
    report = _LINTER.lint_text(text, "heldout.txt", "text")
    assert not report.errors
    assert sorted({d.rule for d in report.diagnostics}) == sorted(item["flags"]), [d.message for d in report.diagnostics]
