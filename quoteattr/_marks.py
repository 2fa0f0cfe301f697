"""Quote-mark pairing: which marks open and close a quotation, and which are apostrophes.

News mixes conventions freely (" “ ” ‘ ’ ' « » ‹ › „ ‚ 「 」 『 』 `` ''), so a mark's role
is read from its neighbours, as CommonMark does for emphasis: a mark with a space before
and a word after can open; a word before and a space or punctuation after can close.

Rules, each from how English news is set:
- ’ or ' between two letters or digits is an apostrophe (don't, O’Brien, Russia’s), and
  so is one before a digit or a standard elision ('90s, 'em, rock ’n’ roll).
- s’ followed by a lower-case word (farmers’ loans) is a possessive unless no other
  closing mark of that family follows in the paragraph.
- A quote inside a quote stays part of the outer one; inner quotes are recorded as
  ``nested`` for callers that want them.
- A paragraph that leaves a quotation open continues it when the next paragraph opens
  with a mark of the same family (the convention for multi-paragraph quotes); otherwise
  the quotation stops at the paragraph end and is flagged as unclosed, so one stray mark
  never swallows the rest of the article.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from collections.abc import Sequence
from typing import Final

import regex

from ._text import offsets_of

ELISION: Final = regex.compile(r"(?:em|til|tis|twas|cause|bout|n|round)\b|\p{N}", regex.IGNORECASE)
LOWER_WORD: Final = regex.compile(r"[ \t]+\p{Ll}")

OPENING_CONTEXT: Final = frozenset("([{—–-/\u2014\u2013")
CLOSING_CONTEXT: Final = frozenset(".,;:!?)]}—–-…\u2014\u2013")
ALL_MARKS: Final = frozenset("\"'“”‘’«»‹›„‚「」『』`")
MARK_CHARACTERS: Final = "".join(sorted(ALL_MARKS))
"""Every character of a quote mark, found by :func:`~quoteattr._text.offsets_of`;
:func:`_marks` does the rest."""

DOUBLE: Final = 0
SINGLE: Final = 1
GUILLEMET: Final = 2
SINGLE_GUILLEMET: Final = 3
CORNER: Final = 4
WHITE_CORNER: Final = 5
FAMILY_OF: Final = {
    '"': DOUBLE, "“": DOUBLE, "”": DOUBLE, "„": DOUBLE, "``": DOUBLE, "''": DOUBLE,
    "'": SINGLE, "‘": SINGLE, "’": SINGLE, "‚": SINGLE,
    "«": GUILLEMET, "»": GUILLEMET, "‹": SINGLE_GUILLEMET, "›": SINGLE_GUILLEMET,
    "「": CORNER, "」": CORNER, "『": WHITE_CORNER, "』": WHITE_CORNER,
}  # fmt: skip
ONLY_OPENS: Final = frozenset({"„", "``", "‚"})
ONLY_CLOSES: Final = frozenset({"''"})
CORNER_OPEN: Final = frozenset({"「", "『"})  # CJK text has no spaces to read, and needs none
CORNER_CLOSE: Final = frozenset({"」", "』"})
SPACED_OPEN: Final = frozenset({"«", "‹"})  # French sets « spaces » inside guillemets
SPACED_CLOSE: Final = frozenset({"»", "›"})
LEANS_OPEN: Final = frozenset({"“", "‘", "«", "‹"})
LEANS_CLOSE: Final = frozenset({"”", "’", "»", "›"})

MIN_CONTINUED_WORDS: Final = 4
INVISIBLE: Final = frozenset({"Cc", "Cf", "Cs"})
OPEN: Final = 1
CLOSE: Final = 2
WEAK_CLOSE: Final = 6  # has the CLOSE bit, never OPEN


@dataclasses.dataclass(slots=True, init=False)
class QuoteSpan:
    """A paired (or unclosed) quotation in the text.

    ``open``/``close`` delimit the marks themselves; ``start``/``end`` the content inside
    them, trimmed of whitespace. A value, not frozen for speed (see ``_mentions.Mention``).
    """

    open: int
    close: int
    start: int
    end: int
    family: int
    closed: bool = True
    paragraphs: int = 1
    nested: tuple[tuple[int, int], ...] = ()

    def __init__(
        self,
        open: int,
        close: int,
        start: int,
        end: int,
        family: int,
        closed: bool = True,
        paragraphs: int = 1,
        nested: tuple[tuple[int, int], ...] = (),
    ) -> None:
        # written out, not generated: see _mentions.Mention
        self.open = open
        self.close = close
        self.start = start
        self.end = end
        self.family = family
        self.closed = closed
        self.paragraphs = paragraphs
        self.nested = nested


def _is_space(ch: str) -> bool:
    """Whitespace, nothing, or an invisible control/format character (NUL, zero-width
    joiner, RTL mark, BOM): those must not change how a neighbouring mark reads."""
    return ch == "" or ch.isspace() or unicodedata.category(ch) in INVISIBLE


def _marks(text: str) -> list[tuple[int, str]]:
    """Every quote mark with its offset: `` and '' as one mark, a lone ` as none, and no
    ’ or ' between two letters or digits (don't, O’Brien, Russia’s), the commonest case."""
    found = []
    reached = 0
    for pos in offsets_of(text, MARK_CHARACTERS):
        if pos < reached:
            continue  # the second half of `` or ''
        mark = text[pos]
        if mark in "`'" and text.startswith(mark + mark, pos):
            mark += mark
            reached = pos + 2
        elif mark == "`" or (mark in "’'" and 0 < pos < len(text) - 1 and text[pos - 1].isalnum()
                             and text[pos + 1].isalnum()):  # fmt: skip
            continue
        found.append((pos, mark))
    return found


def _role(text: str, pos: int, mark: str, para_start: int, para_end: int) -> int:
    """OPEN, CLOSE, WEAK_CLOSE or 0 (not a quote mark here)."""
    before = text[pos - 1] if pos > para_start else ""
    after_pos = pos + len(mark)
    after = text[after_pos] if after_pos < para_end else ""
    can_open = not _is_space(after) and (_is_space(before) or before in OPENING_CONTEXT or before in ALL_MARKS)
    can_close = not _is_space(before) and (_is_space(after) or after in CLOSING_CONTEXT or after in ALL_MARKS)
    if mark in ("’", "'"):
        if before.isalnum() and after.isalnum():
            return 0  # don't, O’Brien, Russia’s
        if _is_space(before) and ELISION.match(text, after_pos, para_end):
            return 0  # '90s, 'em, ’n’
        if before == "n" and pos >= 2 and text[pos - 2] in "’'":
            return 0  # the closing half of ’n’
        if can_close and before in "sSzZ" and LOWER_WORD.match(text, after_pos, para_end):
            return WEAK_CLOSE  # farmers’ loans
    if mark in CORNER_OPEN:
        return OPEN
    if mark in CORNER_CLOSE:
        return CLOSE
    if mark in SPACED_OPEN:  # « opens, unless it closes a reversed »…« quotation
        return CLOSE if can_close and not can_open and not _is_space(before) else OPEN
    if mark in SPACED_CLOSE:
        return OPEN if can_open and not can_close else CLOSE if not _is_space(before) or _is_space(after) else 0
    if mark in ONLY_OPENS:
        return OPEN if can_open or not can_close else 0
    if mark in ONLY_CLOSES:
        return CLOSE if can_close else 0
    if can_open and can_close:
        return OPEN if mark in LEANS_OPEN else CLOSE if mark in LEANS_CLOSE else OPEN | CLOSE
    return OPEN if can_open else CLOSE if can_close else 0


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


@dataclasses.dataclass(slots=True, init=False)
class _Open:
    family: int
    pos: int
    content: int
    first_paragraph: int
    nested: list[tuple[int, int]]

    def __init__(self, family: int, pos: int, content: int, first_paragraph: int,
                 nested: list[tuple[int, int]]) -> None:  # fmt: skip
        # written out, not generated: see _mentions.Mention
        self.family = family
        self.pos = pos
        self.content = content
        self.first_paragraph = first_paragraph
        self.nested = nested


def find_quotes(text: str, paragraphs: Sequence[tuple[int, int]]) -> list[QuoteSpan]:
    """Every top-level quotation, in text order; runs in time linear in the text."""
    found: list[QuoteSpan] = []
    marks = _marks(text)
    cursor = 0
    carry: _Open | None = None
    carry_end = 0
    for p_index, (p_start, p_end) in enumerate(paragraphs):
        while cursor < len(marks) and marks[cursor][0] < p_start:
            cursor += 1
        first = cursor
        while cursor < len(marks) and marks[cursor][0] < p_end:
            cursor += 1
        here = [(pos, mark, _role(text, pos, mark, p_start, p_end)) for pos, mark in marks[first:cursor]]
        here = [h for h in here if h[2]]
        # The last strong closer of each family: a weak closer before it is a possessive.
        last_close = {FAMILY_OF[m]: i for i, (_, m, r) in enumerate(here) if r & CLOSE and r != WEAK_CLOSE}
        stack: list[_Open] = []
        skip = -1
        if carry is not None:
            if here and here[0][0] == p_start and here[0][2] & OPEN and FAMILY_OF[here[0][1]] == carry.family:
                stack.append(carry)
                skip = 0
            else:
                _emit_unclosed(text, carry, carry_end, p_index - 1 - carry.first_paragraph, found)
            carry = None
        for i, (pos, mark, role) in enumerate(here):
            if i == skip:
                continue
            family = FAMILY_OF[mark]
            depth = next((d for d in range(len(stack) - 1, -1, -1) if stack[d].family == family), -1)
            if role & CLOSE and depth >= 0 and not (role == WEAK_CLOSE and last_close.get(family, -1) > i):
                opened = stack[depth]
                del stack[depth:]
                start, end = _trim(text, opened.content, pos)
                if stack:
                    stack[-1].nested.append((start, end))
                else:
                    found.append(
                        QuoteSpan(
                            open=opened.pos, close=pos + len(mark), start=start, end=end, family=family,
                            paragraphs=p_index - opened.first_paragraph + 1, nested=tuple(opened.nested),
                        )
                    )  # fmt: skip
            elif role & OPEN:
                if stack and stack[-1].family == family:
                    # The same family opening again while open: the earlier mark was stray.
                    if len(stack) == 1:
                        _emit_unclosed(text, stack[0], pos, p_index - stack[0].first_paragraph, found)
                    stack.pop()
                stack.append(_Open(family, pos, pos + len(mark), p_index, []))
        if stack:
            if _may_continue(text, stack[0], p_start, p_end):
                carry, carry_end = stack[0], p_end
            else:
                _emit_unclosed(text, stack[0], p_end, p_index - stack[0].first_paragraph, found)
    if carry is not None:
        _emit_unclosed(text, carry, carry_end, len(paragraphs) - 1 - carry.first_paragraph, found)
    return found


def _may_continue(text: str, opened: _Open, p_start: int, p_end: int) -> bool:
    """Whether an open quotation may go on in the next paragraph: only one that starts a
    sentence (or follows an attribution's colon or comma) and ends its paragraph with a
    finished sentence of a few words. A stray mark mid-sentence is damage, kept local."""
    before = text[p_start : opened.pos].rstrip()
    starts_sentence = not before or before[-1] in ".!?:,;—–\"'”’"
    body = text[opened.content : p_end].rstrip()
    return starts_sentence and body[-1:] in (".", "!", "?", "…") and len(body.split()) >= MIN_CONTINUED_WORDS


def _emit_unclosed(text: str, opened: _Open, end: int, extra_paragraphs: int, found: list[QuoteSpan]) -> None:
    """Keep an unclosed double/guillemet quotation up to ``end``; unclosed single marks are
    far more often apostrophes, so those are dropped."""
    if opened.family == SINGLE:
        return
    start, stop = _trim(text, opened.content, end)
    if stop > start:
        found.append(
            QuoteSpan(
                open=opened.pos, close=end, start=start, end=stop, family=opened.family, closed=False,
                paragraphs=extra_paragraphs + 1, nested=tuple(opened.nested),
            )
        )  # fmt: skip
