"""The attribution site: a sentence's tokens and the speaker mention around a cue.

Three places hold the speaker in English news:
- before the cue, as its subject, possibly with an apposition (X, ROLE, said; ROLE, X, said);
- after an inverted cue (… ," said X, ROLE.);
- for a participle cue (…, saying …) the subject of the clause it hangs on.
"""

from __future__ import annotations

import bisect
import dataclasses
from typing import Final

from ._lexicon import Lexicon
from ._mentions import Mention, apposition, chunk_after, chunk_before, merge, parse_chunk
from ._tokens import (
    AUXILIARIES,
    DETERMINERS,
    MODALS,
    NEGATIONS,
    POSSESSIVE_PRONOUNS,
    PREPOSITIONS,
    TIME_WORDS,
    Token,
    tokenize,
)

MAX_APPOSITION: Final = 16
MAX_GENERIC_WORDS: Final = 6
IRREGULAR_PAST_CUES: Final = frozenset("said told wrote spoke read".split())


@dataclasses.dataclass(slots=True, init=False)
class SentenceTokens:
    """Tokens of one sentence, with offset lookup."""

    start: int
    end: int
    toks: list[Token]
    starts: list[int]

    def __init__(self, start: int, end: int, toks: list[Token], starts: list[int]) -> None:
        # written out, not generated: see _mentions.Mention
        self.start = start
        self.end = end
        self.toks = toks
        self.starts = starts

    @classmethod
    def of(cls, text: str, start: int, end: int) -> SentenceTokens:
        toks = tokenize(text, start, end)
        return cls(start, end, toks, [t.start for t in toks])

    def index_at(self, offset: int) -> int:
        """Index of the first token starting at or after ``offset``."""
        return bisect.bisect_left(self.starts, offset)


def is_adverbial(tok: Token) -> bool:
    """Adverbs and time words that sit between a subject and its verb (firmly, later, on …)."""
    low = tok.low
    return low in TIME_WORDS or (low.endswith("ly") and not tok.is_cap and len(low) > 3)


def reads_as_noun(lex: Lexicon, toks: list[Token], c: int) -> bool:
    """True when the cue word at ``c`` is a noun or name here, not a verb: capitalised
    inside a sentence ("the United States"), after a determiner, preposition or possessive
    ("after reports that", "his comments"), or a present form after "the + modifier"
    ("the Brazilian state", "a running joke", "her final report")."""
    tok = toks[c]
    if tok.is_cap and c > 0 and toks[c - 1].text not in "\"“‘'«„(—–-:":
        return True
    if c == 0:
        return False
    prev = toks[c - 1]
    if prev.low in DETERMINERS or prev.low in PREPOSITIONS or prev.is_possessive or prev.low in POSSESSIVE_PRONOUNS:
        return True
    past = tok.low.endswith("ed") or tok.low in IRREGULAR_PAST_CUES
    return (not past and c >= 2 and prev.is_word and (toks[c - 2].low in DETERMINERS or toks[c - 2].low in
            POSSESSIVE_PRONOUNS) and prev.low not in lex.roles and prev.low not in lex.org_nouns)  # fmt: skip


def skip_back_adverbs(toks: list[Token], j: int) -> int:
    """Move left over adverbs, auxiliaries and time phrases ("on Wednesday") before ``j``."""
    while j > 0:
        tok = toks[j - 1]
        time_phrase = tok.low in ("on", "last", "this", "late", "early") and j < len(toks) and toks[j].low in TIME_WORDS
        if is_adverbial(tok) or tok.low in AUXILIARIES or time_phrase:
            j -= 1
        else:
            break
    return j


def is_negated_or_modal(toks: list[Token], c: int) -> bool:
    """True for "did not say", "never said", "might argue", "to say": not a report."""
    j = c
    for _ in range(3):
        if j == 0:
            return False
        tok = toks[j - 1]
        if tok.low in NEGATIONS or tok.low in MODALS or tok.low == "to":
            return True
        if tok.low in AUXILIARIES or is_adverbial(tok) or tok.low == "n't":
            j -= 1
            continue
        return False
    return False


def _previous_comma(toks: list[Token], j: int) -> int:
    """Index of the comma before ``j`` within an apposition's reach, or -1."""
    for k in range(j - 1, max(-1, j - MAX_APPOSITION), -1):
        if toks[k].text == ",":
            return k
        if toks[k].text in (";", ":", "(", ")") or not (toks[k].is_word or toks[k].text in "-&'’"):
            return -1
    return -1


def subject_before(lex: Lexicon, text: str, st: SentenceTokens, c: int) -> Mention | None:
    """The speaker mention that ends right before the cue at token ``c``."""
    toks = st.toks
    j = skip_back_adverbs(toks, c)
    j = _skip_back_parenthetical(toks, j)
    if j > 0 and toks[j - 1].text == ",":
        k = _previous_comma(toks, j - 1)
        if k >= 0:
            head = parse_chunk(lex, text, chunk_before(lex, toks, k))
            appo = apposition(lex, text, toks[k + 1 : j - 1])
            if head is not None and (head.name is not None or head.kind in ("nominal", "pronoun", "country", "org")):
                if appo is None and head.kind == "nominal":
                    return head
                return merge(head, appo)
            if appo is not None and appo.name is not None:
                return appo
        return None
    return parse_chunk(lex, text, chunk_before(lex, toks, j))


def _skip_back_parenthetical(toks: list[Token], j: int) -> int:
    """Move left over a short parenthetical before ``j``: "Rep. Ann Lee (D-Ohio) said"."""
    if j > 0 and toks[j - 1].text == ")":
        for k in range(j - 2, max(-1, j - 8), -1):
            if toks[k].text == "(":
                return k
    return j


def generic_subject(st: SentenceTokens, c: int) -> Mention | None:
    """The words between a clause boundary and the cue, as an unresolved mention, when no
    rule can read them ("Twelve percent indicated …", "the ad's narrator says")."""
    toks = st.toks
    j = skip_back_adverbs(toks, c)
    i = j
    while i > 0 and j - i < MAX_GENERIC_WORDS and (toks[i - 1].is_word or toks[i - 1].text in "’'-"):
        low = toks[i - 1].low
        if low in ("that", "which", "who", "and", "but", "while", "as", "when", "because"):
            break
        if low in AUXILIARIES or low in MODALS or (low.endswith("ed") and not toks[i - 1].is_cap):
            return None  # a verb: this is a clause, not a noun phrase
        i -= 1
    while i < j and not toks[i].is_word:
        i += 1  # a closing quote mark is not part of the speaker
    if i == j or (i > 0 and toks[i - 1].is_word) or not toks[j - 1].is_word:
        return None
    return Mention(toks[i].start, toks[j - 1].end, "generic")


def subject_after(lex: Lexicon, text: str, st: SentenceTokens, i: int) -> tuple[Mention | None, int]:
    """The mention starting at token ``i`` with any appositions; returns it and the index
    after it (and its appositions)."""
    toks = st.toks
    chunk = chunk_after(lex, toks, i)
    head = parse_chunk(lex, text, chunk)
    j = i + len(chunk)
    if head is None:
        return None, i
    while j < len(toks) and toks[j].text == ",":
        k = j + 1
        while k < len(toks) and k - j < MAX_APPOSITION and toks[k].text not in (",", ".", ";", ":", "!", "?"):
            k += 1
        appo = apposition(lex, text, toks[j + 1 : k])
        if appo is None or (appo.name is not None and head.name is not None):
            break
        head = merge(head, appo)
        j = k
    return head, j


def leading_adverbial_end(toks: list[Token]) -> int:
    """Index after an introductory phrase ("In response,", "HARARE -", "Speaking on Monday,")."""
    i = 0
    # A dateline: upper-case place name(s) then a dash.
    while i < len(toks) and toks[i].is_word and toks[i].text.isupper() and len(toks[i].text) > 1:
        i += 1
    if 0 < i < len(toks) and toks[i].text in ("-", "—", "–"):
        i += 1
    else:
        i = 0
    if i < len(toks) and (toks[i].low in PREPOSITIONS or toks[i].low.endswith(("ing", "ed"))
                          or toks[i].low in ("while", "as", "when", "after", "before", "although")):
        for k in range(i, min(len(toks), i + 14)):
            if toks[k].text == ",":
                return k + 1
    return i


def sentence_subject(lex: Lexicon, text: str, st: SentenceTokens, quotes: list[tuple[int, int]]) -> Mention | None:
    """The subject at the start of a sentence, after any introductory phrase or a leading
    quotation ("“…,” Blige sings, before asking …")."""
    i = leading_adverbial_end(st.toks)
    if i < len(st.toks):
        j = bisect.bisect_left(quotes, (st.toks[i].start, -1))
        lead = quotes[j] if j < len(quotes) and quotes[j][0] == st.toks[i].start else None
        if lead is not None:
            i = st.index_at(lead[1])
            while i < len(st.toks) and st.toks[i].text in ",—–":
                i += 1
    mention, _ = subject_after(lex, text, st, i)
    return mention
