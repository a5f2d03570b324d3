from __future__ import annotations

import json

from ..report import RunReport


def format_json(report: RunReport, **_: object) -> str:
    return json.dumps(report.to_json(), ensure_ascii=False, indent=2)
