"""Pick the parser for a file and classify the sections it finds."""

from __future__ import annotations

from .classify import classify
from .model import Document

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")


def parse_document(text: str, path: str = "<text>", fmt: str | None = None) -> Document:
    """fmt: "markdown" or "text"; by default from the file name (.md → Markdown, else text)."""
    if fmt is None:
        fmt = "markdown" if path.lower().endswith(MARKDOWN_SUFFIXES) else "text"
    if fmt == "markdown":
        from .parse_markdown import parse_markdown

        doc = parse_markdown(text, path)
    else:
        from .parse_text import parse_text

        doc = parse_text(text, path)
    classify(doc)
    return doc
