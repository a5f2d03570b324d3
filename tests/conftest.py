from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
SAMPLES = FIXTURES / "samples"
SEED = ROOT.parent / "shared" / "seeds" / "000_e6ba67014c815739.txt"


@pytest.fixture
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip("the seed document (../shared/seeds) is not present")
    return SEED.read_text(encoding="utf-8")
