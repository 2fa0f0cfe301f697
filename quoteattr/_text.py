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
LINE_BREAKS: Final = "\n\r\u2028\u2029"
"""Line break characters; "\\r\\n" is one break."""

# A sentence end: terminal punctuation, optional closing marks, then the gap (stdlib re,
# fast), matched where a terminal mark stands; whether a capital or digit follows is
# checked in Python, since stdlib classes cannot say "upper case" beyond ASCII.
TERMINALS: Final = ".!?…"
SENTENCE_BREAK: Final = re.compile(
    "[" + re.escape(TERMINALS) + r"""]['"”’»)\]]*(?P<gap>[ \t\u00a0]+)['"“‘«(\[„]?(?P<next>.)"""
)
CLOSERS: Final = "'\"”’»)]"

# Words whose full stop does not end a sentence: titles, months, corporate suffixes and
# common news abbreviations. Initials (one capital letter) are handled by rule.
ABBREVIATIONS: Final = frozenset(
    """mr mrs ms dr prof sr jr st gen lt col capt sgt maj adm cmdr rev sen rep gov pres
    amb hon fr mt ft vs etc inc corp ltd co bros dept univ est approx
    jan feb mar apr jun jul aug sep sept oct nov dec
    u.s u.k u.n u.s.a e.g i.e a.m p.m d.c""".split()
)


def offsets_of(text: str, characters: str, start: int = 0, end: int | None = None) -> list[int]:
    """Every offset in ``text[start:end]`` that holds one of ``characters``, in order.

    One ``str.find`` loop per character rather than a regex character class, which tests
    every character of the text in turn: CPython finds a character with ``memchr``, and
    returns at once for one wider than any in the text (a curly mark in ASCII text).
    """
    if end is None:
        end = len(text)
    found: list[int] = []
    unordered = False
    for character in set(characters):
        i = text.find(character, start, end)
        if i >= 0 and found:
            unordered = True
        while i >= 0:
            found.append(i)
            i = text.find(character, i + 1, end)
    if unordered:
        found.sort()
    return found


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    """``(start, end)`` without surrounding whitespace, or None if only whitespace."""
    while start < end and text[start].isspace():
        start += 1
    if start == end:
        return None
    while text[end - 1].isspace():
        end -= 1
    return start, end


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph spans (whitespace-trimmed, non-empty), in order."""
    spans = []
    start = 0
    consumed = 0  # the end of the last line break: the \n of a \r\n is no break of its own
    for at in offsets_of(text, LINE_BREAKS):
        if at < consumed:
            continue
        consumed = at + 2 if text.startswith("\r\n", at) else at + 1
        if at - start >= 50 and HARD_WRAP.match(text, consumed) and SOFT_END.match(text, at - 1):
            continue
        span = _trimmed(text, start, at)
        if span:
            spans.append(span)
        start = consumed
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
    resume = start
    for at in offsets_of(text, TERMINALS, start, end):
        if at < resume:
            continue
        m = SENTENCE_BREAK.match(text, at, end)  # as finditer would: a match starts at a terminal
        if m is None:
            continue
        resume = m.end()
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
