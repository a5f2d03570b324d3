"""Split a block of prose into sentences with exact offsets."""

from __future__ import annotations

from . import fastre
from .model import Sentence

# A sentence ends at terminal punctuation (plus any closing quotes/brackets) or a line break.
_SENTENCE_RE = fastre.compile(r"[^。！？!?；;…\n]*(?:[。！？!?；;…]+[”’」』）)\]】]*|\n|$)")
_TRIM = " \t\u3000\r\n"


def split_sentences(text: str, offset: int) -> list[Sentence]:
    sentences = []
    for m in _SENTENCE_RE.finditer(text):
        start, end = m.start(), m.end()
        while start < end and text[start] in _TRIM:
            start += 1
        while end > start and text[end - 1] in _TRIM:
            end -= 1
        if end > start:
            sentences.append(Sentence(offset + start, offset + end, text[start:end]))
    return sentences
