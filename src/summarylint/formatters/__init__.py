"""Report → output text. Each formatter sees only the RunReport."""

from __future__ import annotations

from collections.abc import Callable

from ..report import RunReport


def get_formatter(name: str) -> Callable[..., str]:
    if name == "json":
        from .json_format import format_json

        return format_json
    if name == "sarif":
        from .sarif_format import format_sarif

        return format_sarif
    if name == "github":
        from .github_format import format_github

        return format_github
    from .text_format import format_text

    return format_text


__all__ = ["RunReport", "get_formatter"]
