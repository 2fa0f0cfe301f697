"""Paragraphs and sentences as offsets into the original text.

Nothing is rewritten: every span indexes the caller's string, so CRLF, odd whitespace,
zero-width characters and control characters pass through untouched.

Paragraphs: every line is a paragraph (one line per paragraph is how most scraped news
arrives), except a hard wrap: a line break after a long line that stops mid-sentence,
before a lower-case word, joins the two lines.

Sentences never cross a paragraph. A full stop ends a sentence when whitespace and an
upper-case letter, digit or opening mark follow, unless the word before it is a known
abbreviation (Mr., Gen., Jan., U.S. …) or a single initial ("Anthony S. Fauci").
"""

from __future__ import annotations

import bisect
import re
from typing import Final

import regex

HARD_WRAP: Final = regex.compile(r"[ \t]*[\p{Ll}\p{N}]")  # the next line goes on in lower case
SOFT_END: Final = regex.compile(r"[\p{L},;\-]")  # ... and the line before stopped mid-sentence
LINE_BREAK: Final = re.compile(r"\r\n|\r|\n|\u2028|\u2029")  # stdlib: no Unicode classes, and much faster
NON_SPACE: Final = re.compile(r"\S")

# A candidate sentence end: terminal punctuation, optional closing marks, then the gap
# (stdlib re, fast); whether a capital or digit follows is checked in Python, since
# stdlib classes cannot say "upper case" beyond ASCII.
SENTENCE_BREAK: Final = re.compile(r"""[.!?…]['"”’»)\]]*(?P<gap>[ \t\u00a0]+)['"“‘«(\[„]?(?P<next>.)""")
CLOSERS: Final = "'\"”’»)]"

# Words whose full stop does not end a sentence: titles, months, corporate suffixes and
# common news abbreviations. Initials (one capital letter) are handled by rule.
ABBREVIATIONS: Final = frozenset(
    """mr mrs ms dr prof sr jr st gen lt col capt sgt maj adm cmdr rev sen rep gov pres
    amb hon fr mt ft vs etc inc corp ltd co bros dept univ est approx
    jan feb mar apr jun jul aug sep sept oct nov dec
    u.s u.k u.n u.s.a e.g i.e a.m p.m d.c""".split()
)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    """``(start, end)`` without surrounding whitespace, or None if only whitespace."""
    m = NON_SPACE.search(text, start, end)
    if m is None:
        return None
    start = m.start()
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph spans (whitespace-trimmed, non-empty), in order."""
    spans = []
    start = 0
    for m in LINE_BREAK.finditer(text):
        if m.start() - start >= 50 and HARD_WRAP.match(text, m.end()) and SOFT_END.match(text, m.start() - 1):
            continue
        span = _trimmed(text, start, m.start())
        if span:
            spans.append(span)
        start = m.end()
    span = _trimmed(text, start, len(text))
    if span:
        spans.append(span)
    return spans


def _is_abbreviation(text: str, stop: int) -> bool:
    """True when the full stop at ``stop`` belongs to an abbreviation or an initial."""
    if text[stop] != ".":
        return False
    before = text[max(0, stop - 24) : stop].rsplit(None, 1)[-1:] or [""]
    word = before[0].lstrip("\"'“‘«(„[")
    if len(word) == 1 and word.isupper():  # an initial: "Anthony S. Fauci"
        return True
    return word.lower().rstrip(".") in ABBREVIATIONS


def split_sentences_in(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans inside ``text[start:end]`` (one paragraph)."""
    spans = []
    begin = start
    for m in SENTENCE_BREAK.finditer(text, start, end):
        following = m.group("next")
        if not (following.isupper() or following.isdigit()):
            continue
        stop = m.start("gap") - 1
        while stop > begin and text[stop] in CLOSERS:
            stop -= 1
        if _is_abbreviation(text, stop):
            continue
        spans.append((begin, m.start("gap")))
        begin = m.end("gap")
    if begin < end:
        spans.append((begin, end))
    return spans


def split_sentences(text: str, paragraphs: list[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """Sentence spans of the whole text, paragraph by paragraph (``paragraphs`` if already split)."""
    spans: list[tuple[int, int]] = []
    for p_start, p_end in split_paragraphs(text) if paragraphs is None else paragraphs:
        spans.extend(split_sentences_in(text, p_start, p_end))
    return spans


class Layout:
    """Paragraph and sentence spans with O(log n) lookup of the one containing an offset."""

    __slots__ = ("_para_starts", "_sent_starts", "paragraphs", "sentences")

    def __init__(self, paragraphs: list[tuple[int, int]], sentences: list[tuple[int, int]]) -> None:
        self.paragraphs = paragraphs
        self.sentences = sentences
        self._para_starts = [s for s, _ in paragraphs]
        self._sent_starts = [s for s, _ in sentences]

    def paragraph_index(self, offset: int) -> int:
        """Index of the paragraph that starts at or before ``offset`` (0 if none)."""
        return max(0, bisect.bisect_right(self._para_starts, offset) - 1)

    def sentence_index(self, offset: int) -> int:
        """Index of the sentence that starts at or before ``offset`` (0 if none)."""
        return max(0, bisect.bisect_right(self._sent_starts, offset) - 1)


    def paragraph_at(self, offset: int) -> tuple[int, int]:
        """The paragraph span containing ``offset`` (or the nearest before it)."""
        return self.paragraphs[self.paragraph_index(offset)] if self.paragraphs else (0, 0)
