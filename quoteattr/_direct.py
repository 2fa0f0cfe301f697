"""Direct quotations: who speaks the words between the marks.

The attribution sits next to the quote, so the rules read the few tokens around it:
- after it: ``"…," X said`` / ``"…," said X`` / ``"…" — X, speaking …``;
- before it: ``X said: "…"`` / ``X said, "…"`` / ``…, adding: "…"`` / headline ``X: "…"``;
- neither: a quote that directly follows another quote of the same paragraph continues
  that speaker (``"…," she said. "…"``); a full sentence in marks with no attribution is
  kept with no speaker; a short phrase in marks is a title or scare quote and is dropped.
"""

from __future__ import annotations

from typing import Final

from ._indirect import Attribution, skip_adverbials
from ._lexicon import Lexicon
from ._marks import QuoteSpan
from ._mentions import Mention, parse_chunk
from ._site import (
    SentenceTokens,
    generic_subject,
    is_adverbial,
    reads_as_noun,
    sentence_subject,
    skip_back_adverbs,
    subject_after,
    subject_before,
)
from ._tokens import Token

DASHES: Final = frozenset({"-", "—", "–"})
PARTICIPLE_LEADS: Final = frozenset({",", "and", "but", "while", "before", "after", "by"})
MAX_CUE_DISTANCE: Final = 10
MIN_UNATTRIBUTED_WORDS: Final = 4
LABEL_MAX_TOKENS: Final = 5
MAX_PARTICIPLE_REACH: Final = 40


def _cue_at(lex: Lexicon, toks: list[Token], i: int) -> int:
    """Length in tokens of a speech verb starting at token ``i`` (0 if none)."""
    if i >= len(toks):
        return 0
    if i + 1 < len(toks):
        pair = f"{toks[i].low} {toks[i + 1].low}"
        if pair in lex.verbs:
            return 2
    return 1 if toks[i].low in lex.verbs else 0


def attribute_after(
    lex: Lexicon, text: str, st: SentenceTokens, q: QuoteSpan, *, strict: bool = False
) -> Attribution | None:
    """``"…," X said`` and ``"…," said X`` and ``"…" — X, …``. With ``strict`` (the words
    stand in the next sentence) the attribution must be all that sentence says."""
    toks = st.toks
    i = st.index_at(q.close)
    dash = False
    while i < len(toks) and toks[i].text in ",":
        i += 1
    if i < len(toks) and toks[i].text in DASHES:
        dash = True
        i += 1
    if i >= len(toks):
        return None
    span = (q.start, q.end)
    n = _cue_at(lex, toks, i)
    if n and lex.verbs[" ".join(t.low for t in toks[i : i + n])][1] != "think":
        mention, e = subject_after(lex, text, st, i + n)
        if mention is not None and (not strict or _only_adverbials(toks, e)):
            cue = (toks[i].start, toks[i + n - 1].end)
            return Attribution("direct", span, cue, mention, "direct-cue-speaker", 0.95)
    mention, j = subject_after(lex, text, st, i)
    if mention is None:
        return None
    k = j
    if k < len(toks) and toks[k].text == ",":
        k += 1
    while k < len(toks) and (is_adverbial(toks[k]) or toks[k].low in ("has", "had", "was")):
        k += 1
    n = _cue_at(lex, toks, k)
    if n and (not strict or _only_adverbials(toks, k + n)):
        return Attribution("direct", span, (toks[k].start, toks[k + n - 1].end), mention, "direct-speaker-cue", 0.95)
    if dash and not strict:
        return Attribution("direct", span, None, mention, "direct-dash-speaker", 0.8)
    return None


def _only_adverbials(toks: list[Token], k: int) -> bool:
    """True when nothing but adverbs, short prepositional phrases or a participle clause
    follows token ``k``: the sentence is an attribution and says nothing more."""
    k = skip_adverbials(toks, k)
    return k >= len(toks) or toks[k].text in (",", ".", "!", "?", ";", "—", "–")


def attribute_before(
    lex: Lexicon, text: str, st: SentenceTokens, q: QuoteSpan, floor: int, paragraph_start: int,
    quotes: list[tuple[int, int]],
) -> Attribution | None:
    """``X said: "…"``, ``X said, "…"``, ``…, adding: "…"`` and headline ``X: "…"``.
    ``floor`` is where the before-context starts (a preceding quote's end)."""
    toks = st.toks
    j = st.index_at(q.open)
    lo = st.index_at(floor)
    if j == lo:
        return None
    span = (q.start, q.end)
    end = j
    if toks[end - 1].text in (":", ",", "—", "–"):
        end -= 1
    colon = toks[end].text == ":" if end < j else False
    for c in range(end - 1, max(lo, end - MAX_CUE_DISTANCE) - 1, -1):
        n = _cue_at(lex, toks, c)
        if n == 0 or reads_as_noun(lex, toks, c):
            continue
        key = " ".join(t.low for t in toks[c : c + n])
        frame = lex.verbs[key][1]
        if frame in ("think", "label", "urge") or (frame == "ask" and toks[c + n : end] and toks[c + n].low == "to"):
            return None
        cue = (toks[c].start, toks[c + n - 1].end)
        prev = toks[c - 1] if c else None
        mention: Mention | None
        if key.endswith("ing") and prev is not None and prev.low in PARTICIPLE_LEADS:
            mention = _participle_speaker(lex, text, st, c, quotes)
            rule = "direct-participle-colon" if colon else "direct-participle"
        else:
            mention = subject_before(lex, text, st, c)
            rule = "direct-speaker-cue-colon" if colon else "direct-speaker-cue-comma"
            if mention is None:  # inverted: "…," said X, ROLE, "…"
                mention, _ = subject_after(lex, text, st, c + n)
                rule = "direct-cue-speaker-split"
            if mention is None:
                mention = generic_subject(st, c)
        return Attribution("direct", span, cue, mention, rule, 0.9 if mention is not None else 0.6)
    # Headline or interview label: "Name: "…"" at the start of a paragraph.
    if colon and toks[lo].start == paragraph_start and 0 < end - lo <= LABEL_MAX_TOKENS:
        label = parse_chunk(lex, text, toks[lo:end])
        if label is not None:
            return Attribution("direct", span, None, label, "direct-headline", 0.8)
    return None


def _participle_speaker(
    lex: Lexicon, text: str, st: SentenceTokens, c: int, quotes: list[tuple[int, int]]
) -> Mention | None:
    """The subject of the clause a participle cue hangs on (… , stating, "…")."""
    for k in range(skip_back_adverbs(st.toks, c) - 1, max(0, c - MAX_PARTICIPLE_REACH), -1):
        n = _cue_at(lex, st.toks, k)
        if n and not st.toks[k].low.endswith("ing"):
            m = subject_before(lex, text, st, k)
            if m is not None:
                return m
    return sentence_subject(lex, text, st, quotes)


def is_sentence_like(text: str, q: QuoteSpan, sentence_start: int) -> bool:
    """A quotation that stands as a sentence of its own, not a title or scare quote."""
    words = len(text[q.start : q.end].split())
    if words < MIN_UNATTRIBUTED_WORDS:
        return False
    starts_sentence = not text[sentence_start : q.open].strip()
    return starts_sentence and text[q.end - 1 : q.end] in ".!?…,"
