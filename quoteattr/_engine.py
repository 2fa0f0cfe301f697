"""The attribution engine: marks, cues, rules and speakers, stage by stage.

Data flows one way: the text is segmented (paragraphs, sentences), quotation marks are
paired, the text is tokenised once into columns, cues are looked up on those tokens, the
rules propose attributions on the sentences that hold a cue or a quote, overlapping
proposals are settled, and mentions are resolved to entities that become the document's
speakers.
"""

from __future__ import annotations

import bisect
import dataclasses
import gc
import itertools
from collections import Counter
from typing import Final

import regex

from ._direct import attribute_after, attribute_before, is_sentence_like
from ._entities import Entities, Entity
from ._indirect import ACCORDING_TO, Attribution, find_according_to, find_indirect, find_noun_cues, make_report
from ._lexicon import FormIndex, Lexicon, lexicon
from ._marks import QuoteSpan, find_quotes
from ._mentions import Mention, apposition, chunk_before, merge, parse_chunk
from ._site import SentenceTokens, subject_after
from ._text import Layout, split_paragraphs, split_sentences
from ._tokens import TokenColumns
from .backends.base import Analysis
from .model import Document, Quote, QuoteKind, Span, Speaker, SpeakerKind

QA_LINE: Final = regex.compile(r"(?P<label>\p{Lu}[\p{L}\p{M}.’'\- ]{0,40}?):[ \t]+(?P<body>\S)")
QUESTION_LABELS: Final = frozenset({"q", "question", "reporter", "interviewer", "host"})
MIN_QA_TURNS: Final = 2


class _Sentences:
    """The document's tokens, cut into sentences on demand.

    The whole text is tokenised at once into columns (:class:`TokenColumns`), which also
    serve the lexicon look-ups; a sentence's tokens are cut out when a rule visits it.
    """

    def __init__(self, text: str, layout: Layout, form_words: frozenset[str]) -> None:
        self.text = text
        self.layout = layout
        self._columns = TokenColumns(text)
        self._form_words = form_words
        self._form_tokens: list[int] | None = None
        self._cache: dict[int, SentenceTokens] = {}

    def at(self, offset: int) -> SentenceTokens:
        idx = self.layout.sentence_index(offset)
        st = self._cache.get(idx)
        if st is None:
            s, e = self.layout.sentences[idx] if self.layout.sentences else (0, len(self.text))
            starts = self._columns.starts
            i = bisect.bisect_left(starts, s)
            j = bisect.bisect_left(starts, e, i)
            st = self._cache[idx] = SentenceTokens(s, e, self._columns.tokens(i, j), starts[i:j])
        return st

    def find(self, forms: FormIndex) -> list[tuple[int, int]]:
        """Spans of lexicon forms anywhere in the text."""
        lows = self._columns.lows
        if self._form_tokens is None:  # the tokens any lexicon form can start at, found once
            form_words = self._form_words
            self._form_tokens = [i for i, low in enumerate(lows) if low in form_words]
        return forms.find(self.text, self._columns.starts, lows, self._form_tokens)


def _inside(spans: list[tuple[int, int]], starts: list[int], offset: int) -> bool:
    i = bisect.bisect_right(starts, offset) - 1
    return i >= 0 and offset < spans[i][1]


def _group(hits: list[tuple[int, int]], layout: Layout) -> dict[int, list[tuple[int, int]]]:
    groups: dict[int, list[tuple[int, int]]] = {}
    for hit in hits:
        groups.setdefault(layout.sentence_index(hit[0]), []).append(hit)
    return groups


def _direct(lex: Lexicon, text: str, quotes: list[QuoteSpan], marks: list[tuple[int, int]], sents: _Sentences,
            layout: Layout, found: list[Attribution]) -> None:  # fmt: skip
    """Attribute every quotation; continuations share the previous quote's speaker.
    ``marks`` are the quotations' marks-inclusive spans, in the same order."""
    previous: tuple[int, QuoteSpan] | None = None
    for q in quotes:
        p_start, p_end = layout.paragraph_at(q.open)
        st_close, crossed = _sentence_after(text, sents, q, p_end)
        ends_sentence = text[q.end - 1 : q.end] == "." or text[q.close : q.close + 1] == "."
        attribution = None
        if q.closed and not ends_sentence:
            attribution = attribute_after(lex, text, st_close, q, strict=crossed)
        if attribution is None:
            st_open = sents.at(q.open)
            floor = st_open.start
            if previous is not None and previous[1].close > floor:
                floor = previous[1].close
            attribution = attribute_before(lex, text, st_open, q, floor, p_start, marks)
        if attribution is None and q.open == p_start and layout.paragraph_index(q.open) > 0:
            # "X said:" closing the previous paragraph, the quote opening this one
            prev_start, prev_end = layout.paragraphs[layout.paragraph_index(q.open) - 1]
            if text[prev_end - 1] == ":":
                st_prev = sents.at(prev_end - 1)
                attribution = attribute_before(lex, text, st_prev, q, st_prev.start, prev_start, marks)
        if attribution is None and q.closed and ends_sentence:
            attribution = attribute_after(lex, text, st_close, q, strict=True)
        if attribution is None and previous is not None:
            index, prev_q = previous
            same_paragraph = layout.paragraph_index(prev_q.open) == layout.paragraph_index(q.open) or (
                q.open > prev_q.close and prev_q.paragraphs > 1
            )
            if same_paragraph and (found[index].mention is not None or found[index].follows is not None):
                prev = found[index]
                attribution = Attribution("direct", (q.start, q.end), prev.cue, None, "direct-continuation", 0.8,
                                          follows=prev.content)  # fmt: skip
        if attribution is None and is_sentence_like(text, q, sents.at(q.open).start):
            attribution = Attribution("direct", (q.start, q.end), None, None, "direct-unattributed", 0.5)
        if attribution is None:
            previous = None
            continue
        if not q.closed:
            attribution = Attribution(attribution.kind, attribution.content, attribution.cue, attribution.mention,
                                      attribution.rule + "-unclosed", attribution.confidence * 0.5,
                                      attribution.follows)  # fmt: skip
        found.append(attribution)
        previous = (len(found) - 1, q) if attribution.mention is not None or attribution.follows is not None else None


def _sentence_after(text: str, sents: _Sentences, q: QuoteSpan, p_end: int) -> tuple[SentenceTokens, bool]:
    """The sentence holding the words right after a quotation, and whether that crosses a
    sentence break ("…?” Trump said." is split after the question mark)."""
    st = sents.at(max(q.open, q.close - 1) if q.closed else q.close)
    if st.toks and st.toks[-1].end > q.close:
        return st, False
    nxt = q.close
    while nxt < p_end and text[nxt].isspace():
        nxt += 1
    if nxt >= p_end:
        return st, False
    return sents.at(nxt), True


def _questions_and_answers(lex: Lexicon, text: str, layout: Layout, quotes: list[QuoteSpan]) -> list[Attribution]:
    """Interview transcripts: paragraphs "Name: answer" and "Q: question"."""
    turns = []
    opens = [q.open for q in quotes]
    for p_start, p_end in layout.paragraphs:
        m = QA_LINE.match(text, p_start, p_end)
        i = bisect.bisect_right(opens, p_start) - 1
        speaks = m is not None and any(w in lex.verbs for w in m.group("label").lower().split())
        if m is not None and not speaks and not (i >= 0 and p_start < quotes[i].close):
            turns.append((m, p_end))
    labels = [m.group("label").strip() for m, _ in turns]
    if len(turns) < 2 * MIN_QA_TURNS or max(Counter(labels).values()) < MIN_QA_TURNS:
        return []
    found = []
    for (m, p_end), label in zip(turns, labels, strict=True):
        body_start = m.start("body")
        end = p_end
        if text[body_start] in "\"“" and text[end - 1] in "\"”":
            body_start, end = body_start + 1, end - 1
        if label.lower() in QUESTION_LABELS:
            found.append(Attribution("direct", (body_start, end), None, None, "direct-interview-question", 0.6))
            continue
        mention = parse_chunk(lex, text, SentenceTokens.of(text, m.start("label"), m.end("label")).toks)
        found.append(Attribution("direct", (body_start, end), None, mention, "direct-interview-answer", 0.85))
    return found


PARSE_CONFIDENCE: Final = 0.95
"""Above every word-pattern rule: where the parse reads a report, its boundaries win."""


def _parse_reports(lex: Lexicon, text: str, analysis: Analysis, marks: list[tuple[int, int]]) -> list[Attribution]:
    """Reports read off the dependency parse (stanza backend), as attributions."""
    from ._dependency import dependency_attributions

    found = []
    for pa in dependency_attributions(text, analysis, lex.cue_lemmas):
        mention = None
        if pa.speaker is not None:
            st = SentenceTokens.of(text, pa.speaker.start, pa.speaker.end)
            mention, _ = subject_after(lex, text, st, 0)
            if mention is None:
                mention = Mention(pa.speaker.start, pa.speaker.end, "generic")
        report = make_report(text, marks, pa.content.start, pa.content.end, (pa.cue.start, pa.cue.end), mention,
                             pa.rule, PARSE_CONFIDENCE)  # fmt: skip
        if report is not None:
            found.append(report)
    return found


def _settle(found: list[Attribution]) -> list[Attribution]:
    """Keep one attribution per stretch of text: reports first (their quoted fragments make
    them mixed), then direct quotes not inside a kept report."""
    reports = sorted((a for a in found if a.kind != "direct"), key=lambda a: a.content)
    # A report whose cue sits inside another report's content is part of what was reported
    # ("She says it underscores that …"): the outer report stands. (A report never holds
    # its own cue, so a running maximum of content ends answers "is x inside any?".)
    starts = [a.content[0] for a in reports]
    reach = list(itertools.accumulate((a.content[1] for a in reports), max))
    reports = [a for a in reports if a.cue is None or not _covered(starts, reach, a.cue[0])]
    kept = _Intervals()
    for a in sorted(reports, key=lambda a: (-a.confidence, a.content)):
        if not kept.overlaps(*a.content):
            kept.add(a)
    dropped: set[int] = set()
    directs = []
    for a in found:
        if a.kind == "direct" and not kept.contains(*a.content):
            dropped.update(id(k) for k in kept.overlapping(*a.content))
            directs.append(a)
    return sorted([*(k for k in kept.items if id(k) not in dropped), *directs], key=lambda a: a.content)


def _covered(starts: list[int], reach: list[int], x: int) -> bool:
    i = bisect.bisect_right(starts, x)
    return i > 0 and reach[i - 1] > x


class _Intervals:
    """Non-overlapping attributions kept sorted by content start, queried by bisection."""

    def __init__(self) -> None:
        self.items: list[Attribution] = []
        self._starts: list[int] = []

    def add(self, a: Attribution) -> None:
        i = bisect.bisect_left(self._starts, a.content[0])
        self._starts.insert(i, a.content[0])
        self.items.insert(i, a)

    def overlapping(self, start: int, end: int) -> list[Attribution]:
        i = max(0, bisect.bisect_right(self._starts, start) - 1)
        found = []
        while i < len(self.items) and self.items[i].content[0] < end:
            if self.items[i].content[1] > start:
                found.append(self.items[i])
            i += 1
        return found

    def overlaps(self, start: int, end: int) -> bool:
        return bool(self.overlapping(start, end))

    def contains(self, start: int, end: int) -> bool:
        return any(k.content[0] <= start and end <= k.content[1] for k in self.overlapping(start, end))


def attribute(text: str, analysis: Analysis, *, doc_id: str | None = None) -> Document:
    """Find every quotation in ``text`` with its speaker, role and country.

    The cyclic garbage collector is paused meanwhile: the stages allocate hundreds of
    thousands of small acyclic objects (tokens, spans) that reference counting frees, and
    the collector's full passes over them cost a quarter of the time on long documents.
    """
    if not text.strip():
        return Document(text=text, id=doc_id)
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _attribute(text, analysis, doc_id)
    finally:
        if collecting:
            gc.enable()


def _attribute(text: str, analysis: Analysis, doc_id: str | None) -> Document:
    lex = lexicon()
    paragraphs = split_paragraphs(text)
    sentences = [(s.start, s.end) for s in analysis.sentences] or split_sentences(text, paragraphs)
    layout = Layout(paragraphs, sentences)
    sents = _Sentences(text, layout, lex.form_words)
    quotes = find_quotes(text, paragraphs)
    marks = [(q.open, q.close) for q in quotes]
    mark_starts = [s for s, _ in marks]

    def outside(hit: tuple[int, int]) -> bool:
        return not _inside(marks, mark_starts, hit[0])

    verb_hits = [h for h in sents.find(lex.verb_forms) if outside(h)]
    noun_hits = [h for h in sents.find(lex.noun_forms) if outside(h)]
    according = {layout.sentence_index(m.start()) for m in ACCORDING_TO.finditer(text) if outside((m.start(), 0))}
    found: list[Attribution] = []
    verbs_by_sentence = _group(verb_hits, layout)
    nouns_by_sentence = _group(noun_hits, layout)
    for idx in sorted(set(verbs_by_sentence) | set(nouns_by_sentence) | according):
        s_start, _ = layout.sentences[idx]
        st = sents.at(s_start)
        found += find_indirect(lex, text, st, verbs_by_sentence.get(idx, []), marks)
        if idx in according:
            found += find_according_to(lex, text, st, marks)
        if idx in nouns_by_sentence:
            found += find_noun_cues(lex, text, st, nouns_by_sentence[idx], marks)
    if analysis.parsed:
        found += _parse_reports(lex, text, analysis, marks)
    direct: list[Attribution] = []
    _direct(lex, text, quotes, marks, sents, layout, direct)
    direct += _questions_and_answers(lex, text, layout, quotes)
    settled = _settle(found + direct)
    return _build(lex, text, settled, sentences, marks, sents, doc_id)


def _build(
    lex: Lexicon, text: str, found: list[Attribution], sentences: list[tuple[int, int]],
    marks: list[tuple[int, int]], sents: _Sentences, doc_id: str | None,
) -> Document:
    """Resolve mentions to entities and assemble the immutable document."""
    sentence_starts = [s for s, _ in sentences]
    ents = Entities(lex, text, marks, sentence_starts)
    resolved: dict[int, Entity | None] = {}
    order = sorted(range(len(found)), key=lambda i: _mention_start(found[i]))
    # 1. names and countries make entities; 2. descriptions; 3. pronouns, in text order.
    for stage in ("name", "nominal", "pronoun"):
        if stage == "nominal":
            # Every person is described only when a description ("the minister") needs
            # candidates; otherwise only the speakers named so far.
            needs_all = any(a.mention is not None and a.mention.kind in ("nominal", "pronoun") for a in found)
            named = {e.id for e in resolved.values() if e is not None}
            _describe(lex, text, ents, sents, None if needs_all else named)
        for i in order:
            m = found[i].mention
            if m is None or found[i].follows is not None:
                continue
            if stage == "name" and m.kind in ("name", "org", "country") and (m.name or m.kind == "country"):
                resolved[i] = _entity_for_name(lex, text, ents, m)
            elif stage == "nominal" and (m.kind == "nominal" or (m.kind == "org" and m.name is None)):
                entity = ents.resolve_description(_with_possessor_country(lex, text, m), m.start)
                if entity is None and _in_lede(sents.layout, m.start):
                    entity = ents.resolve_lede(m)
                if entity is None and m.organisation and not m.indefinite:
                    entity = ents.for_description(m)
                if entity is not None:
                    ents.add_mention(entity, m.start, m.end)
                    entity.note(m, lex)  # a description adds its role only where none is known
                resolved[i] = entity
            elif stage == "pronoun" and m.kind == "pronoun":
                pron = text[m.start : m.end].lower()
                if pron in ("he", "she", "his", "her"):
                    entity = ents.resolve_pronoun(m.gender, m.start, sentence_starts)
                elif pron == "it":
                    entity = ents.resolve_it(m.start, sentence_starts)
                else:
                    entity = None
                if entity is not None:
                    ents.add_mention(entity, m.start, m.end)
                    if entity.gender is None and m.gender in ("m", "f"):
                        entity.gender = m.gender
                resolved[i] = entity
    by_content = {a.content: i for i, a in enumerate(found)}
    for i, a in enumerate(found):
        if a.follows is not None and a.follows in by_content:
            resolved[i] = resolved.get(by_content[a.follows])
    countryless = any(e is not None and e.country is None and not e.is_country for e in resolved.values())
    default_country = ents.dominant_country(sents.find(lex.country_forms)) if countryless else None
    speakers: dict[int, Speaker] = {}
    quotes = []
    for i, a in enumerate(found):
        entity = resolved.get(i)
        if a.rule.startswith("indirect-label") and _nobody_in_particular(lex, text, a.mention):
            continue  # "critics dubbed it the “…”": a nickname nobody in particular coined
        speaker_id = None
        if entity is not None:
            if entity.id not in speakers:
                speakers[entity.id] = _speaker(entity, f"s{len(speakers) + 1}", default_country)
            speaker_id = speakers[entity.id].id
        m = a.mention if a.follows is None or a.follows not in by_content else found[by_content[a.follows]].mention
        mention_span = None
        if m is not None:
            ms, me = m.name if m.name is not None and m.kind != "country" else (m.start, m.end)
            mention_span = Span(ms, me)
        quotes.append(
            Quote(
                kind=QuoteKind(a.kind),
                content=Span(*a.content),
                cue=None if a.cue is None else Span(*a.cue),
                speaker_mention=mention_span,
                speaker_id=speaker_id,
                confidence=round(a.confidence, 3),
                rule=a.rule,
            )
        )
    return Document(text=text, quotes=tuple(quotes), speakers=tuple(speakers.values()), id=doc_id)


def _nobody_in_particular(lex: Lexicon, text: str, m: Mention | None) -> bool:
    """No mention, or a bare plural such as "critics" or "officials"."""
    if m is None:
        return True
    words = text[m.start : m.end].split()
    return len(words) == 1 and words[0].lower() in lex.role_plurals


def _in_lede(layout: Layout, offset: int) -> bool:
    """True within the lede: the first two paragraphs (a headline may come first)."""
    return bool(layout.paragraphs) and layout.paragraph_index(offset) <= 1


def _mention_start(a: Attribution) -> int:
    return a.mention.start if a.mention is not None else 0



def _with_possessor_country(lex: Lexicon, text: str, m: Mention) -> Mention:
    """"its UN Ambassador": the country is the nearest country named before the mention."""
    if m.possessor != "its" or m.country is not None:
        return m
    last = None
    for hit in lex.country_pattern.finditer(text, max(0, m.start - 300), m.start):
        last = lex.countries[hit.group()].code
    return dataclasses.replace(m, country=last) if last else m


def _entity_for_name(lex: Lexicon, text: str, ents: Entities, m: Mention) -> Entity | None:
    if m.kind == "country" or (m.name is None):
        if m.country is None or m.name is None:
            return None
        surface = text[m.name[0] : m.name[1]]
        surface = surface[4:] if surface.lower().startswith("the ") else surface
        return ents.for_country(m.country, surface, m.name[0], m.name[1])
    entity = ents.for_name(m.name[0], m.name[1], m.organisation)
    m = _with_possessor_country(lex, text, m)
    entity.note(m, lex)
    if m.organisation and entity.role_head is None and m.role_head:
        entity.role_head = m.role_head
    return entity


def _describe(lex: Lexicon, text: str, ents: Entities, sents: _Sentences, only: set[int] | None) -> None:
    """Fill roles and countries from the contexts of an entity's other name mentions
    (a title before the name, an apposition after it, a description before it)."""
    for entity in ents.items:
        if entity.kind != "person" or (entity.role and entity.country) or (only is not None and entity.id not in only):
            continue
        for start, end in list(entity.mentions):
            st = sents.at(start)
            toks = st.toks
            s = st.index_at(start)
            e = st.index_at(end)
            if s >= len(toks) or e > len(toks):
                continue
            mention = parse_chunk(lex, text, chunk_before(lex, toks, e))
            if mention is None:
                continue
            if e < len(toks) and toks[e].text == ",":
                k = e + 1
                while k < len(toks) and toks[k].text not in (",", ".", ";"):
                    k += 1
                mention = merge(mention, apposition(lex, text, toks[e + 1 : k]))
            if s > 0 and toks[s - 1].text == ",":
                before = parse_chunk(lex, text, chunk_before(lex, toks, s - 1))
                if before is not None and before.kind == "nominal":
                    mention = merge(mention, before)
            entity.note(_with_possessor_country(lex, text, mention), lex)
            if entity.role and entity.country:
                break


def _speaker(entity: Entity, speaker_id: str, default_country: str | None) -> Speaker:
    kind = SpeakerKind.PERSON if entity.kind == "person" else SpeakerKind.ORGANISATION
    country = entity.country or (None if entity.is_country else default_country)
    return Speaker(
        id=speaker_id, name=entity.name, kind=kind, role=entity.role, country=country,
        mentions=tuple(Span(s, e) for s, e in sorted(set(entity.mentions))),
    )  # fmt: skip
