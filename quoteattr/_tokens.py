"""Word tokens with offsets, and the word classes the attribution rules test.

Tokenising is done per sentence and only for sentences that hold a cue or a quote mark,
so most of an article never reaches Python-level token work.
"""

from __future__ import annotations

import re

from ._lexicon import Lexicon

# stdlib re: several times faster than `regex` here; [^\W_] is a letter, mark or digit.
# Alternatives are ordered so that each fails on its first character at most positions.
TOKEN = re.compile(
    r"""[^\W\d_]\.(?:[^\W\d_]\.)+(?![^\W_])                     # U.S., U.N.
      | \d+(?:[.,]\d+)+(?![^\W_])                             # 10,000  2.5
      | [^\W_]+(?:[’'\-‐][^\W_]+)*(?:(?<=[sS])[’'](?![^\W\d_]))?  # O’Brien, Ji-won, don't, 13th, farmers’
      | ``|''|\.\.\.|\S""",
    re.VERBOSE,
)

POSSESSIVE_SUFFIX = ("’s", "'s", "’S", "'S")

DETERMINERS = frozenset("the a an this these those one another some several two three many".split())
POSSESSIVE_PRONOUNS = {"his": "m", "her": "f", "its": "-", "their": "-", "our": "-", "my": "-", "your": "-"}
SUBJECT_PRONOUNS = {"he": "m", "she": "f", "they": "-", "it": "-", "we": "-", "i": "-"}
OBJECT_PRONOUNS = frozenset("him her them us me it you".split())
NAME_PARTICLES = frozenset(
    "van von de da di del della der den du dos das bin ibn bint al el la le ter ten y".split()
)
PREPOSITIONS = frozenset(
    """of on in at during from after before to via through outside inside with by near for over
    under about across among against along around behind beside between beyond into onto
    since until upon within without ahead amid""".split()
)
TIME_WORDS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday today yesterday tonight
    earlier later recently again also then still once first previously already separately
    repeatedly publicly privately firmly strongly further too now late early last this next
    week month year morning afternoon evening night weekend aloud just even only finally soon
    all both""".split()
)
AUXILIARIES = frozenset("has have had is was were are be been being 's did does do".split())
NEGATIONS = frozenset("not never n't no".split())
MODALS = frozenset("might may could would should must can will shall".split())
SUBORDINATORS = frozenset(
    "that which who whom whose when while because although though as if since whereas".split()
)
WH_WORDS = frozenset("why how what whether when where who whom which if".split())


class Token:
    """A word or punctuation mark; ``low`` is the lower-cased text.

    A plain slotted class, not attrs: sentences are tokenised on the hot path, and a
    hand-written ``__init__`` costs a third of a frozen attrs one.
    """

    __slots__ = ("end", "is_cap", "is_word", "low", "start", "text")

    def __init__(self, start: int, end: int, text: str, low: str) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.low = low
        first = text[:1]
        self.is_cap = first.isupper()
        """Starts with an upper-case letter."""
        self.is_word = first.isalnum()
        """Starts with a letter or digit."""

    def __repr__(self) -> str:
        return f"Token({self.start}, {self.end}, {self.text!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Token) and (self.start, self.end, self.text) == (other.start, other.end, other.text)

    def __hash__(self) -> int:
        return hash((self.start, self.end, self.text))

    @property
    def base(self) -> str:
        """The text without a possessive ending (Russia’s → Russia, farmers’ → farmers)."""
        if self.text.endswith(POSSESSIVE_SUFFIX):
            return self.text[:-2]
        if self.text[-1:] in "’'" and len(self.text) > 1:
            return self.text[:-1]
        return self.text

    @property
    def is_possessive(self) -> bool:
        """Ends in ’s or a plural-possessive apostrophe."""
        return self.text.endswith(POSSESSIVE_SUFFIX) or (len(self.text) > 1 and self.text[-1] in "’'")


def tokenize(text: str, start: int, end: int) -> list[Token]:
    """Tokens of ``text[start:end]`` with document offsets."""
    tokens: list[Token] = []
    append = tokens.append
    for m in TOKEN.finditer(text, start, end):
        s, e = m.span()
        word = text[s:e]
        append(Token(s, e, word, word.lower()))
    return tokens


def is_role(lex: Lexicon, tok: Token) -> bool:
    """A role or title head (minister, spokeswoman, coach …), in any case."""
    return tok.base.lower() in lex.roles

