"""Paragraphs and sentences with offsets (placeholder splitter, replaced by the real one)."""

from __future__ import annotations

import regex

SENTENCE_END = regex.compile(r"[.!?]+\s+")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans."""
    spans, start = [], 0
    for m in SENTENCE_END.finditer(text):
        spans.append((start, m.end()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans
