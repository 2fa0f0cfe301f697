"""Word tokens with offsets, and the word classes the attribution rules test.

A document is tokenised once into columns (:class:`TokenColumns`): by the C tokeniser
(``_ctokens.c``) when it was built, or else by one regex split and C-level ``map`` calls,
with no Python code run per token either way. Lexicon cues are found by looking the
lower-cased column up in sets rather than by scanning the text again.
"""

from __future__ import annotations

import functools
import itertools
import operator
import re
from collections.abc import Callable
from typing import Final, NamedTuple

from ._lexicon import Lexicon

# stdlib re: several times faster than `regex` here; [^\W_] is a letter, mark or digit.
# Every token starts with one non-space character, matched by a plain class so the
# engine skips whitespace in C; what follows is chosen by looking back at that character.
# The rare branches open with a cheap look-ahead at literal characters, so most words fail
# them without the costlier Unicode-category test.
TOKEN: Final = re.compile(
    r"""[^\s](?:
        (?=\.[^\W\d_]\.)(?<=[^\W\d_])\.(?:[^\W\d_]\.)+(?![^\W_])       # U.S., U.N.
      | (?=[\d.,])(?<=\d)\d*(?:[.,]\d+)+(?![^\W_])                       # 10,000  2.5
      | (?<=[^\W_])[^\W_]*(?:[’'\-‐][^\W_]+)*(?:(?<=[sS])[’'](?![^\W\d_]))?  # O’Brien, Ji-won, don't, farmers’
      | (?<=`)` | (?<=')' | (?<=\.)\.\.                                  # `` '' ...
      | )                                                               # any other character
    """,
    re.VERBOSE,
)
TOKEN_SPLIT: Final = re.compile(f"({TOKEN.pattern})", re.VERBOSE)
"""The same, captured, for ``re.split``: tokens at odd indices, the gaps between them at even."""

POSSESSIVE_SUFFIX: Final = ("’s", "'s", "’S", "'S")
POSSESSIVE_LAST: Final = frozenset("sS’'")
"""The last character of every possessive: a cheap first test."""

DETERMINERS: Final = frozenset("the a an this these those one another some several two three many".split())
POSSESSIVE_PRONOUNS: Final = {"his": "m", "her": "f", "its": "-", "their": "-", "our": "-", "my": "-", "your": "-"}
SUBJECT_PRONOUNS: Final = {"he": "m", "she": "f", "they": "-", "it": "-", "we": "-", "i": "-"}
OBJECT_PRONOUNS: Final = frozenset("him her them us me it you".split())
NAME_PARTICLES: Final = frozenset(
    "van von de da di del della der den du dos das bin ibn bint al el la le ter ten y".split()
)
PREPOSITIONS: Final = frozenset(
    """of on in at during from after before to via through outside inside with by near for over
    under about across among against along around behind beside between beyond into onto
    since until upon within without ahead amid""".split()
)
TIME_WORDS: Final = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday today yesterday tonight
    earlier later recently again also then still once first previously already separately
    repeatedly publicly privately firmly strongly further too now late early last this next
    week month year morning afternoon evening night weekend aloud just even only finally soon
    all both""".split()
)
AUXILIARIES: Final = frozenset("has have had is was were are be been being 's did does do".split())
NEGATIONS: Final = frozenset("not never n't no".split())
MODALS: Final = frozenset("might may could would should must can will shall".split())
SUBORDINATORS: Final = frozenset(
    "that which who whom whose when while because although though as if since whereas".split()
)
WH_WORDS: Final = frozenset("why how what whether when where who whom which if".split())


class Token(NamedTuple):
    """A word or punctuation mark with document offsets.

    A named tuple, so tokens are made with no Python code run per token: by the C
    tokeniser, or by C-level ``map`` calls in :meth:`TokenColumns.tokens`.
    """

    start: int
    end: int
    text: str
    low: str
    """The lower-cased text."""
    is_cap: bool
    """Starts with an upper-case letter."""
    is_word: bool
    """Starts with a letter or digit."""

    def __repr__(self) -> str:
        return f"Token({self.start}, {self.end}, {self.text!r})"

    @property
    def base(self) -> str:
        """The text without a possessive ending (Russia’s → Russia, farmers’ → farmers)."""
        text = self.text
        if text[-1] not in POSSESSIVE_LAST:  # most words: no test below can succeed
            return text
        if text.endswith(POSSESSIVE_SUFFIX):
            return text[:-2]
        if text[-1] in "’'" and len(text) > 1:
            return text[:-1]
        return text

    @property
    def is_possessive(self) -> bool:
        """Ends in ’s or a plural-possessive apostrophe."""
        text = self.text
        return text[-1] in POSSESSIVE_LAST and (
            text.endswith(POSSESSIVE_SUFFIX) or (len(text) > 1 and text[-1] in "’'")
        )


def token(start: int, end: int, text: str) -> Token:
    """One token made by hand (a stand-in word for a rule to test)."""
    return Token(start, end, text, text.lower(), text[:1].isupper(), text[:1].isalnum())


_make_token = functools.partial(tuple.__new__, Token)
_first_char = operator.itemgetter(0)


Columns = tuple[list[int], list[int], list[str], list[str], list[bool], list[bool]]
"""Token starts, ends, texts, lower-cased texts, is-capitalised and is-word flags."""

NativeColumns = tuple[list[int], list[int], list[str], list[str], list[bool], list[bool], list[Token]]
"""The columns and every token as a :class:`Token`, which the C tokeniser makes at a
twentieth of the cost of making a fifth of them lazily in Python."""

_native_columns: Callable[[str, int, int, type[Token]], NativeColumns] | None
try:
    from ._ctokens import columns as _native_columns
except ImportError:  # built without a C compiler: regex_columns does the same
    _native_columns = None


def regex_columns(text: str, start: int, stop: int) -> Columns:
    """The token columns of ``text[start:stop]`` (offsets in ``text``) by the ``TOKEN`` regex.

    One ``re.split`` keeps tokens and the gaps between them, so running lengths give every
    offset, and every column is built by C-level ``map`` calls with no Python code per
    token. The C tokeniser (``_ctokens.c``) gives the same columns faster when it was built.
    """
    pieces = TOKEN_SPLIT.split(text[start:stop])
    bounds = list(itertools.accumulate(map(len, pieces), initial=start))
    words = pieces[1::2]
    firsts = list(map(_first_char, words))
    return (bounds[1:-1:2], bounds[2::2], words, list(map(str.lower, words)), list(map(str.isupper, firsts)),
            list(map(str.isalnum, firsts)))  # fmt: skip


class TokenColumns:
    """A text's tokens as parallel lists, and as :class:`Token` tuples for the stretches a
    rule asks for.

    Built by the C tokeniser when it was compiled at install (a C compiler was there),
    which also makes every token tuple at once; else by :func:`regex_columns`, and token
    tuples only for the stretches asked for (a third of a news article's sentences never
    are). A test checks that both give the same tokens.
    """

    __slots__ = ("_tokens", "ends", "is_cap", "is_word", "lows", "starts", "words")

    def __init__(self, text: str, start: int = 0, end: int | None = None) -> None:
        start, stop, _ = slice(start, end).indices(len(text))  # as text[start:end] reads them
        stop = max(start, stop)
        self._tokens: list[Token] | None = None
        if _native_columns is None:
            self.starts, self.ends, self.words, self.lows, self.is_cap, self.is_word = regex_columns(text, start, stop)
        else:
            self.starts, self.ends, self.words, self.lows, self.is_cap, self.is_word, self._tokens = _native_columns(
                text, start, stop, Token
            )

    def __len__(self) -> int:
        return len(self.words)

    def tokens(self, i: int = 0, j: int | None = None) -> list[Token]:
        """The tokens ``i`` to ``j`` (exclusive)."""
        if self._tokens is not None:
            return self._tokens[i:j]
        columns = zip(self.starts[i:j], self.ends[i:j], self.words[i:j], self.lows[i:j], self.is_cap[i:j],
                      self.is_word[i:j], strict=True)  # fmt: skip
        return list(map(_make_token, columns))


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of ``text[start:end]`` with document offsets."""
    return TokenColumns(text, start, end).tokens()


def is_role(lex: Lexicon, tok: Token) -> bool:
    """A role or title head (minister, spokeswoman, coach …), in any case."""
    if tok.text[-1] in POSSESSIVE_LAST:  # maybe "the minister’s": look the base up
        return tok.base.lower() in lex.roles
    return tok.low in lex.roles

