"""Reported speech found from its cue: "X said (that) …", "…, X said", "according to X",
"X's claim that …", "…, saying …", "X asked whether …", "X called it a “…”".

What follows a cue depends on the verb's frame (from ``speech_verbs.tsv``):
- ``say``: a that-clause or zero-that clause (said on Monday it would …);
- ``tell``: an addressee first (told reporters in Kampala the plan …);
- ``ask``: a wh- or whether-clause (questioned why …);
- ``label``: an object and a quoted complement (called the plan a “fantasy”);
- ``urge``: an object and a to-infinitive (advised Kim to reconsider …).
The content runs to the sentence end, minus the final full stop, unless a second
coordinated cue (…, but cautioning …) or "according to" starts a new report.
"""

from __future__ import annotations

import bisect
import dataclasses
from typing import Final

import regex

from ._lexicon import Lexicon
from ._marks import ALL_MARKS
from ._mentions import Mention, chunk_before, parse_chunk
from ._site import (
    SentenceTokens,
    generic_subject,
    is_adverbial,
    is_negated_or_modal,
    leading_adverbial_end,
    reads_as_noun,
    sentence_subject,
    subject_after,
    subject_before,
)
from ._tokens import (
    AUXILIARIES,
    DETERMINERS,
    MODALS,
    OBJECT_PRONOUNS,
    POSSESSIVE_PRONOUNS,
    PREPOSITIONS,
    SUBJECT_PRONOUNS,
    SUBORDINATORS,
    WH_WORDS,
    Token,
    token,
)

ACCORDING_TO: Final = regex.compile(r"\baccording\s+to\b", regex.IGNORECASE)
TRAILING: Final = " \t\r\n.,;:!?"
CLOSING_MARKS: Final = "\"'”’»›」』"
COORDINATORS: Final = frozenset({",", "and", "but", "while", ";"})
SOURCE_NOUNS: Final = frozenset("figures data estimates statistics documents a report survey study records".split())
IRREGULAR_PAST: Final = frozenset(
    """said made took came went fell rose won lost saw gave got left met ran sent held kept told found
    thought knew grew paid built began became brought bought cut hit put set let led spent stood
    drew wrote spoke broke chose flew froze hid meant sold sought taught understood""".split()
)
FINITE: Final = AUXILIARIES | MODALS | IRREGULAR_PAST | frozenset({"remains", "needs", "plans", "wants", "faces"})
MIN_CONTENT_TOKENS: Final = 3
MAX_CLAUSE_TOKENS: Final = 150
"""A reported clause is read at most this far: news sentences are far shorter, and the
bound keeps a pathological one-sentence megabyte linear (each cue reads a bounded window)."""
MAX_SUBJECT_WORDS: Final = 8
LONG_REPORT_WORDS: Final = 8
"""Words after "said" that make a report even when no verb form is recognised as finite
("said Kazakhstan and Uzbekistan lose a third of their water")."""


@dataclasses.dataclass(slots=True, init=False)
class Attribution:
    """A quotation found by a rule, before speakers are resolved (a value, like
    :class:`Mention`, and not frozen for the same reason)."""

    kind: str
    content: tuple[int, int]
    cue: tuple[int, int] | None
    mention: Mention | None
    rule: str
    confidence: float
    follows: tuple[int, int] | None = None
    """Content span of an earlier attribution whose speaker this one shares."""

    def __init__(
        self,
        kind: str,
        content: tuple[int, int],
        cue: tuple[int, int] | None,
        mention: Mention | None,
        rule: str,
        confidence: float,
        follows: tuple[int, int] | None = None,
    ) -> None:
        # written out, not generated: see _mentions.Mention
        self.kind = kind
        self.content = content
        self.cue = cue
        self.mention = mention
        self.rule = rule
        self.confidence = confidence
        self.follows = follows


def _looks_finite(tok: Token, prev: Token | None) -> bool:
    low = tok.low
    if tok.is_cap or not tok.is_word:
        return False
    if low in FINITE or (low.endswith("ed") and len(low) > 4):
        return True
    # a third-person verb after a noun: "any effort … constitutes"
    return (low.endswith("s") and not low.endswith(("ss", "us", "is")) and prev is not None
            and prev.is_word and prev.low not in DETERMINERS and prev.low not in PREPOSITIONS
            and prev.low not in POSSESSIVE_PRONOUNS)  # fmt: skip


def has_finite_verb(toks: list[Token]) -> bool:
    """A rough test that tokens form a clause, not a bare noun phrase: a finite verb among
    the first words (a subject is rarely longer than that)."""
    words = [t for t in toks if t.is_word][:MAX_SUBJECT_WORDS + 1]
    return any(_looks_finite(t, words[k - 1] if k else None) for k, t in enumerate(words))


def skip_adverbials(toks: list[Token], k: int) -> int:
    """Move right over adverbs and short prepositional phrases (on Tuesday, in a statement)."""
    while k < len(toks):
        tok = toks[k]
        if is_adverbial(tok):
            k += 1
            continue
        if tok.low in PREPOSITIONS and tok.low not in ("that",):
            j = k + 1
            if j < len(toks) and (toks[j].low in DETERMINERS or toks[j].low in POSSESSIVE_PRONOUNS):
                j += 1
            words = 0
            while j < len(toks) and words < 5:
                t = toks[j]
                if not t.is_word or t.low == "that" or t.low in SUBJECT_PRONOUNS or t.low in WH_WORDS:
                    break
                if t.low in SUBORDINATORS or t.low in ("and", "but", "or"):
                    break
                if words and (t.low in DETERMINERS or t.low in POSSESSIVE_PRONOUNS or t.low in PREPOSITIONS):
                    break
                j += 1
                words += 1
            if words == 0:
                return k
            k = j
            continue
        return k
    return k


def _skip_object(toks: list[Token], k: int) -> int:
    """Move right over the addressee of a tell-verb (them, reporters in Kampala, a briefing)."""
    if k < len(toks) and toks[k].low in OBJECT_PRONOUNS:
        return k + 1
    j = k
    while j < len(toks) and j - k < 10:
        t = toks[j]
        if t.low == "that" or not t.is_word:
            return j
        if j > k and toks[j - 1].low not in PREPOSITIONS and toks[j - 1].low not in DETERMINERS and (
            t.low in DETERMINERS or t.low in SUBJECT_PRONOUNS or t.low in POSSESSIVE_PRONOUNS
        ):
            return j
        j += 1
    return k


def content_end(text: str, toks: list[Token], k: int, stop: int, lex: Lexicon) -> int:
    """End offset of a reported clause starting at token ``k``: the sentence end minus its
    final stop, or earlier where a coordinated second cue or "according to" begins."""
    limit = min(len(toks), k + MAX_CLAUSE_TOKENS)
    if limit < len(toks):
        stop = min(stop, toks[limit].start)
    for j in range(k + 1, limit):
        tok = toks[j]
        if tok.low in COORDINATORS and j + 1 < len(toks):
            nxt = toks[j + 1]
            nxt2 = toks[j + 2] if j + 2 < len(toks) else None
            if nxt.low.endswith("ing") and nxt.low in lex.verbs:
                stop = tok.start
                break
            if nxt.low in ("but", "and") and nxt2 is not None and nxt2.low.endswith("ing") and nxt2.low in lex.verbs:
                stop = tok.start
                break
            if nxt.low == "according":
                stop = tok.start
                break
    while stop > toks[k].start and text[stop - 1] in TRAILING:
        stop -= 1
    return stop


def _quote_inside(quotes: list[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
    found = []
    for q in quotes[bisect.bisect_left(quotes, (start, -1)) :]:  # quotes are sorted and disjoint
        if q[0] >= end:
            break
        if q[1] <= end:
            found.append(q)
    return found


def _first_quote_within(quotes: list[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    """The first quotation opening inside ``[start, end)``."""
    i = bisect.bisect_left(quotes, (start, -1))
    return quotes[i] if i < len(quotes) and quotes[i][0] < end else None


def make_report(
    text: str, quotes: list[tuple[int, int]], start: int, end: int, cue: tuple[int, int] | None,
    mention: Mention | None, rule: str, confidence: float, whole_quote_is_mixed: bool = False,
) -> Attribution | None:
    """An indirect or mixed attribution over ``[start, end)``, or None when the span is
    exactly one quotation (that is a direct quote, found by the direct rules)."""
    if end <= start:
        return None
    inner = _quote_inside(quotes, start, end)
    if inner:
        q_open, q_close = inner[0]
        if len(inner) == 1 and q_open <= start + 1 and q_close >= end - 1 and not whole_quote_is_mixed:
            return None
        return Attribution("mixed", (start, end), cue, mention, rule, confidence)
    return Attribution("indirect", (start, end), cue, mention, rule, confidence)


def find_indirect(
    lex: Lexicon, text: str, st: SentenceTokens, cues: list[tuple[int, int]],
    quotes: list[tuple[int, int]],
) -> list[Attribution]:
    """Reported speech in one sentence. ``cues`` are verb-cue offsets in the sentence;
    ``quotes`` are the marks-inclusive spans of quotations (to find mixed quotes)."""
    found: list[Attribution] = []
    toks = st.toks
    speakers: list[Mention] = []
    sentence_end = st.end
    for c_start, c_end_off in cues:
        c = st.index_at(c_start)
        after = st.index_at(c_end_off)
        if c >= len(toks) or is_negated_or_modal(toks, c):
            continue
        form = text[c_start:c_end_off].lower()
        _lemma, frame = lex.verbs[form]
        if frame == "think":
            continue
        prev = toks[c - 1] if c else None
        if prev is not None and prev.low in ("was", "were", "been", "being", "is", "are", "be") and (
            not form.endswith("ing")
        ):
            continue  # passive: "was told", "is called"
        if reads_as_noun(lex, toks, c) or frame == "manner":
            continue  # a noun or name, not a verb; manner-of-speaking verbs attribute quotes only

        if form.endswith("s") and prev is not None and prev.is_word and not prev.is_cap and not (
            prev.low in lex.roles or prev.low in lex.org_nouns or prev.low in SUBJECT_PRONOUNS or is_adverbial(prev)
        ):
            continue  # a plural noun after its modifier: "new safety rules", "press reports"
        participle = (form.endswith("ing") and (prev is None or prev.low not in AUXILIARIES)) \
            or (prev is not None and prev.low in ("and", "but"))  # fmt: skip
        cue = (c_start, c_end_off)
        mention = _speaker_of_participle(lex, text, st, speakers, quotes) if participle \
            else subject_before(lex, text, st, c) or generic_subject(st, c)  # fmt: skip
        if form == _lemma and (mention is None or mention.kind == "generic") and not participle:
            continue  # a bare base form with no subject ("the state officials"): not a report
        if not participle and mention is not None:
            speakers.append(mention)
        if _attributes_direct_quote(st, c, mention):
            continue
        start_tok = _content_start(toks, after, frame)
        if start_tok is None:
            if not participle:
                post = _post_posed(lex, text, st, c, after, mention, frame, cue, quotes)
                if post is not None:
                    found.append(post)
            continue
        k, rule = start_tok
        end = content_end(text, toks, k, sentence_end, lex)
        if frame == "label":
            k = _label_complement(toks, after)
            first_quote = _first_quote_within(quotes, toks[k].start, end) if k < len(toks) else None
            if first_quote is not None and first_quote[0] <= toks[min(k + 1, len(toks) - 1)].start:
                end = first_quote[1]  # called it a “…” on Monday: the complement ends with the quote
        body = [t for t in toks[k : k + MAX_CLAUSE_TOKENS] if t.end <= end]
        if len(body) < MIN_CONTENT_TOKENS:
            continue
        long_report = form in ("said", "says", "told") and sum(t.is_word for t in body) >= LONG_REPORT_WORDS
        if rule == "zero-that" and not has_finite_verb(body) and not long_report:
            continue
        confidence = {"that": 0.9, "zero-that": 0.75, "wh": 0.85, "label": 0.8, "urge": 0.6}[rule]
        if participle:
            confidence -= 0.1
        if mention is None:
            confidence -= 0.2
        report = make_report(text, quotes, toks[k].start, end, cue, mention,
                         f"indirect-{frame}-{rule}{'-participle' if participle else ''}", confidence,
                         whole_quote_is_mixed=frame == "label")  # fmt: skip
        if report is not None and (frame != "label" or report.kind == "mixed"):
            found.append(report)
    return found


def _attributes_direct_quote(st: SentenceTokens, c: int, mention: Mention | None) -> bool:
    """True when the cue (with its subject) directly follows a closing quote mark: it is the
    attribution of that quotation ("…," said X / "…," X said), not a report of its own."""
    toks = st.toks
    first = st.index_at(mention.start) if mention is not None and mention.start < toks[c].start else c
    k = first - 1
    while k >= 0 and toks[k].text in (",", "—", "–", "-"):
        k -= 1
    return k >= 0 and toks[k].text in ALL_MARKS


def _speaker_of_participle(
    lex: Lexicon, text: str, st: SentenceTokens, speakers: list[Mention], quotes: list[tuple[int, int]]
) -> Mention | None:
    """A participle cue (…, saying …) reports the speaker of the clause it hangs on: the
    last finite cue's speaker in the sentence, else the sentence subject."""
    if speakers:
        return speakers[-1]
    return sentence_subject(lex, text, st, quotes)


def _content_start(toks: list[Token], k: int, frame: str) -> tuple[int, str] | None:
    """Token index where the reported content starts, and how it was introduced."""
    if frame == "tell":
        k = _skip_object(toks, k)
    if frame == "urge":
        to = next((j for j in range(k, min(len(toks), k + 8)) if toks[j].low == "to"), None)
        return (k, "urge") if to is not None and to > k else None
    if frame == "label":
        return (k, "label") if k < len(toks) and toks[k].is_word else None
    k = skip_adverbials(toks, k)
    if k >= len(toks):
        return None
    tok = toks[k]
    if frame == "ask":
        for j in range(k, min(len(toks), k + 3)):
            if toks[j].low in WH_WORDS:
                return j, "wh"
        return None
    if tok.low == "that" and k + 1 < len(toks):
        return k + 1, "that"
    if not tok.is_word or tok.text in ALL_MARKS:
        return None  # a colon, comma or quote mark: a direct quotation follows
    if tok.low in PREPOSITIONS or (tok.low in SUBORDINATORS and tok.low != "that") or tok.low in ("and", "but", "or"):
        return None
    return k, "zero-that"


def _label_complement(toks: list[Token], obj: int) -> int:
    """Where the reported content of "called/described X (as) Y" starts: the whole small
    clause when its object is itself a clause (a gerund: labelled receiving aid as …),
    else only the complement after the object."""
    if obj < len(toks) and toks[obj].low.endswith("ing") and not toks[obj].is_cap:
        return obj
    for j in range(obj, min(len(toks), obj + MAX_CLAUSE_TOKENS)):
        if toks[j].low == "as":
            return j + 1
        if toks[j].text in ALL_MARKS:
            return j - 1 if j > obj and toks[j - 1].low in DETERMINERS else j
    return obj


def _post_posed(
    lex: Lexicon, text: str, st: SentenceTokens, c: int, after: int, mention: Mention | None,
    frame: str, cue: tuple[int, int], quotes: list[tuple[int, int]],
) -> Attribution | None:
    """"CONTENT, X said (on Friday)." and "CONTENT, said X.": the report precedes its cue."""
    toks = st.toks
    if frame not in ("say", "tell"):
        return None
    rest = toks[after : after + MAX_CLAUSE_TOKENS]
    if len(rest) > 1 and rest[0].text in (",", ":") and rest[1].text in ALL_MARKS:
        return None  # X said, "…": a direct quotation follows
    if frame == "tell":
        skipped = _skip_object(toks, after)
        rest = toks[skipped : skipped + MAX_CLAUSE_TOKENS]
    clause = rest[: next((k for k, t in enumerate(rest) if t.text == ","), len(rest))]
    if any(t.low == "that" for t in rest[:2]) or any(t.text in ALL_MARKS for t in clause):
        return None
    comma = None
    if mention is not None:
        m = st.index_at(mention.start)
        if m > 0 and toks[m - 1].text == ",":
            comma = m - 1
    elif c > 0 and toks[c - 1].text == ",":  # inverted: "…, said X."
        mention, _ = subject_after(lex, text, st, after)
        comma = c - 1 if mention is not None else None
    else:  # "…, people familiar with the matter said": a speaker the rules cannot name
        for k in range(c - 1, max(0, c - 8), -1):
            if toks[k].text == ",":
                chunk = toks[k + 1 : c]
                if chunk and not any(_looks_finite(t, None) or (i and t.low in POSSESSIVE_PRONOUNS)
                                     for i, t in enumerate(chunk)):  # fmt: skip
                    mention = Mention(toks[k + 1].start, toks[c - 1].end, "generic")
                    comma = k
                break
            if not toks[k].is_word:
                break
    if comma is None:
        return None
    first = leading_adverbial_end(toks) if toks and toks[0].low == "according" else 0
    body = toks[first:comma]
    if sum(1 for t in body if t.is_word) < MIN_CONTENT_TOKENS + 1 or body[0].low in PREPOSITIONS:
        return None
    if body[0].low.endswith(("ing", "ed")):
        return None  # "Speaking to reporters in Lima, X said": an introductory phrase
    start, end = body[0].start, toks[comma].start
    while end > start and text[end - 1] in TRAILING:
        end -= 1
    return make_report(text, quotes, start, end, cue, mention, f"indirect-{frame}-post-posed", 0.8)


def find_according_to(
    lex: Lexicon, text: str, st: SentenceTokens, quotes: list[tuple[int, int]]
) -> list[Attribution]:
    """"CONTENT, according to X." and "According to X, CONTENT."."""
    found = []
    toks = st.toks
    for m in ACCORDING_TO.finditer(text, st.start, st.end):
        a = st.index_at(m.start())
        b = st.index_at(m.end())
        if b < len(toks) and toks[b].low in SOURCE_NOUNS:
            j = next((j for j in range(b, min(len(toks), b + 4)) if toks[j].low in ("from", "by", "of")), None)
            if j is not None:
                b = j + 1
        mention, j = subject_after(lex, text, st, b)
        if mention is None and b < len(toks):
            j = b
            while j < len(toks) and toks[j].text not in (",", ".", ";", ":") and j - b < MAX_SUBJECT_WORDS:
                j += 1
            mention = Mention(toks[b].start, toks[j - 1].end, "generic") if j > b else None
        cue = (m.start(), m.end())
        sentence_initial = a <= leading_adverbial_end([*toks[:a], token(0, 0, ",")])
        if sentence_initial and j < len(toks) and toks[j].text == ",":
            k = j + 1
            if k < len(toks):
                end = content_end(text, toks, k, st.end, lex)
                r = make_report(text, quotes, toks[k].start, end, cue, mention, "according-to-before", 0.85)
                if r is not None:
                    found.append(r)
            continue
        if a >= MIN_CONTENT_TOKENS:
            stop = toks[a - 1].start if toks[a - 1].text == "," else toks[a].start
            end = stop
            while end > toks[0].start and text[end - 1] in TRAILING:
                end -= 1
            r = make_report(text, quotes, toks[0].start, end, cue, mention, "according-to-after", 0.85)
            if r is not None:
                found.append(r)
    return found


def find_noun_cues(
    lex: Lexicon, text: str, st: SentenceTokens, hits: list[tuple[int, int]], quotes: list[tuple[int, int]]
) -> list[Attribution]:
    """"X's claim that …", "its warning that …": the possessor speaks."""
    found = []
    toks = st.toks
    for h_start, h_end in hits:
        n = st.index_at(h_start)
        k = st.index_at(h_end)
        if n == 0 or k + 1 >= len(toks) or toks[k].low != "that":
            continue
        nxt = toks[k + 1]
        if nxt.low in AUXILIARIES or nxt.low in MODALS or _looks_finite(nxt, None):
            continue  # "the statement that was released": a relative clause
        owner = toks[n - 1]
        if n >= 2 and owner.is_word and not owner.is_cap and not owner.is_possessive and (
            toks[n - 2].is_possessive or toks[n - 2].low in POSSESSIVE_PRONOUNS
        ):
            n -= 1  # "the police's earlier claim that …"
            owner = toks[n - 1]
        mention: Mention | None
        if owner.low in POSSESSIVE_PRONOUNS:
            mention = sentence_subject(lex, text, st, quotes) if owner.low in ("its", "their") else parse_chunk(
                lex, text, [token(owner.start, owner.end, "he" if owner.low == "his" else "she")]
            )
            if mention is not None and owner.low in ("his", "her"):
                mention = dataclasses.replace(mention, kind="pronoun", gender="m" if owner.low == "his" else "f")
            owner_start = owner.start
        elif owner.is_possessive:
            chunk = chunk_before(lex, toks, n)
            if not chunk:
                continue
            last = chunk[-1]
            bare = token(last.start, last.start + len(last.base), last.base)
            mention = parse_chunk(lex, text, [*chunk[:-1], bare])
            owner_start = chunk[0].start
        else:
            continue
        end = content_end(text, toks, k + 1, st.end, lex)
        if owner_start <= toks[leading_adverbial_end(toks)].start if toks else False:
            end = _before_main_verb(text, toks, k + 1, end)
        r = make_report(text, quotes, nxt.start, end, (h_start, h_end), mention, "noun-that", 0.75)
        if r is not None:
            found.append(r)
    return found


def _before_main_verb(text: str, toks: list[Token], k: int, end: int) -> int:
    """When "X's claim that …" is the sentence subject, the that-clause stops where the
    main verb begins: after the clause's own verb, the next finite verb that follows a
    noun (… would take a stake in new mines | rattled investors)."""
    seen_verb = False
    for j in range(k, min(len(toks), k + MAX_CLAUSE_TOKENS)):
        tok = toks[j]
        if tok.start >= end:
            break
        prev = toks[j - 1]
        finite = tok.low in MODALS or tok.low in AUXILIARIES or (tok.low.endswith("ed") and not tok.is_cap)
        if seen_verb and tok.is_word and not tok.is_cap and (tok.low.endswith("ed") or tok.low in IRREGULAR_PAST) \
                and prev.low not in AUXILIARIES and prev.low not in MODALS and prev.low not in ("to", "be", "not") \
                and not prev.low.endswith("ly"):
            stop = prev.end
            while stop > toks[k].start and text[stop - 1] in TRAILING:
                stop -= 1
            return stop
        seen_verb = seen_verb or finite
    return end
