"""Numbers in work summaries: quantities, the metric claims built from them, and signals for scoring.

- `quantities`: every figure in a text with its value, unit, precision and exact source span;
  dates, times, phone numbers, versions, ids, ordinals, names and placeholders are not figures.
- `claims`: metric claims per sentence — from / to / change / plan / actual / completion rate /
  share — the input of the consistency rules (checks/consistency.py).
- `signals`: counts the scorer uses (how many claims, how many carry a baseline, …).

Only the standard library is imported here; cn2an is imported inside the function that reads a
large Chinese numeral, the first time one is met.
"""

from .quantities import Quantity, extract_quantities, has_placeholder

__all__ = ["Quantity", "extract_quantities", "has_placeholder"]
