"""Dependency rules: reports read off hand-annotated UD parses, with exact spans."""

from __future__ import annotations

import re

import pytest

from quoteattr._dependency import ParseAttribution, dependency_attributions
from quoteattr.backends.base import Analysis, Sentence, Token
from quoteattr.model import Span
from tests.stanza_tiny import FIXTURES, load_fixture

CUES = {
    "say": "say",
    "add": "say",
    "argue": "say",
    "tell": "tell",
    "urge": "urge",
    "call": "label",
    "warning": "say",
}
"""Speech-verb lemmas → frame, plus one attribution noun, as the engine passes them."""

Expected = tuple[str, str | None, str, str]
"""cue, speaker, content (each a unique piece of the text) and rule name."""


def _span(text: str, piece: str) -> Span:
    """The span of ``piece`` in ``text``, which must occur exactly once as whole words."""
    found = [m.span() for m in re.finditer(rf"(?<!\w){re.escape(piece)}(?!\w)", text)]
    assert len(found) == 1, f"{piece!r} occurs {len(found)} times"
    return Span(*found[0])


def _parsed(name: str) -> tuple[str, Analysis]:
    """A fixture's text and its analysis, through the same conversion as a real stanza run."""
    pytest.importorskip("stanza")
    from quoteattr.backends.stanza import analysis_from_stanza

    doc = load_fixture(name)
    return doc.text, analysis_from_stanza(doc)


def _expected(text: str, rows: list[Expected]) -> list[ParseAttribution]:
    return [
        ParseAttribution(
            cue=_span(text, cue),
            speaker=None if speaker is None else _span(text, speaker),
            content=_span(text, content),
            rule=rule,
        )
        for cue, speaker, content, rule in rows
    ]


CASES: dict[str, list[Expected]] = {
    "indirect_long": [
        (
            "said",
            "Health Minister Amara Diallo",
            "the vaccination campaign, which began in March, would reach rural districts before the rainy "
            "season if supplies arrived on time",
            "parse-say-ccomp",
        )
    ],
    "parataxis": [
        ("said", "the finance ministry", "Fuel subsidies will be phased out over three years", "parse-say-parataxis"),
        ("added", "it", "The savings", "parse-say-parataxis"),
        ("added", "it", "would go to schools", "parse-say-parataxis"),
    ],
    "apposition": [
        (
            "told",
            "Tomás Ibarra, Chile's foreign minister",
            "the border crossing would reopen once the floods receded",
            "parse-tell-ccomp",
        )
    ],
    "org_speaker": [
        (
            "said",
            "The central bank",
            "inflation slowed in May to 4.1 percent, its lowest level since 2021",
            "parse-say-ccomp",
        )
    ],
    "according_to": [
        ("According to", "the port authority", "grain exports rose by a quarter in June", "parse-according-to"),
        ("according to", "Ines Varga", "The rise came despite drone attacks on the railway", "parse-according-to"),
    ],
    "participle": [
        (
            "saying",
            "The airline",
            "higher fuel costs and a weaker euro had squeezed margins",
            "parse-say-ccomp-shared-subject",
        )
    ],
    "parse_boundaries": [
        ("warning", "The finance minister", "prices would rise again", "parse-noun-acl"),
        ("said", "The mayor", "the budget was balanced", "parse-say-ccomp"),
    ],
    "urge_label": [
        ("urged", "The union", "to reject the pay offer", "parse-urge-xcomp"),
        ("called", "An opposition leader", '"a gift to polluters"', "parse-label-xcomp"),
    ],
    # didn't say, might argue, never said, were told (passive), declined to say
    "not_reports": [],
}


@pytest.mark.stanza
@pytest.mark.parametrize("name", sorted(CASES))
def test_fixture_reports(name: str) -> None:
    """Each rule finds exactly the expected cue, speaker and content spans on its fixture."""
    text, analysis = _parsed(name)
    assert dependency_attributions(text, analysis, CUES) == _expected(text, CASES[name])


def test_every_fixture_has_a_case() -> None:
    """No fixture is left out of the table above."""
    assert sorted(p.stem for p in FIXTURES.glob("*.conllu")) == sorted(CASES)


@pytest.mark.stanza
@pytest.mark.parametrize("name", sorted(CASES))
def test_content_excludes_cue_and_speaker(name: str) -> None:
    """Content never overlaps its cue or its speaker, and never ends in a full stop or comma."""
    text, analysis = _parsed(name)
    for found in dependency_attributions(text, analysis, CUES):
        assert not found.content.overlaps(found.cue)
        assert found.speaker is None or not found.content.overlaps(found.speaker)
        assert found.content.text_of(text)[-1] not in ".,"


@pytest.mark.stanza
def test_think_frame_is_not_speech() -> None:
    """A verb in the think frame (beliefs) reports nothing."""
    text, analysis = _parsed("indirect_long")
    assert dependency_attributions(text, analysis, {"say": "think"}) == []


@pytest.mark.stanza
def test_according_to_needs_no_cue_lemma() -> None:
    """'according to' is found structurally: with no cue lemmas only it remains."""
    text, analysis = _parsed("according_to")
    found = dependency_attributions(text, analysis, {})
    assert [f.rule for f in found] == ["parse-according-to"] * 2
    other_text, other = _parsed("indirect_long")
    assert dependency_attributions(other_text, other, {}) == []


def _analysis(text: str, rows: list[tuple[str, str, str, int, str]]) -> Analysis:
    """A one-sentence parsed analysis from (form, lemma, upos, 1-based head, deprel) rows."""
    tokens, at = [], 0
    for form, lemma, upos, head, deprel in rows:
        start = text.index(form, at)
        at = start + len(form)
        tokens.append(
            Token(start=start, end=at, lemma=lemma, upos=upos, head=head - 1 if head else None, deprel=deprel)
        )
    return Analysis(sentences=(Sentence(start=0, end=len(text), tokens=tuple(tokens)),), parsed=True)


def test_inverted_parataxis_without_stanza() -> None:
    """'P, said the minister': the speaker after the cue; built from Tokens, no stanza needed."""
    text = "Fares will rise in April, said the transport minister."
    rows = [
        ("Fares", "fare", "NOUN", 3, "nsubj"),
        ("will", "will", "AUX", 3, "aux"),
        ("rise", "rise", "VERB", 0, "root"),
        ("in", "in", "ADP", 5, "case"),
        ("April", "April", "PROPN", 3, "obl"),
        (",", ",", "PUNCT", 7, "punct"),
        ("said", "say", "VERB", 3, "parataxis"),
        ("the", "the", "DET", 10, "det"),
        ("transport", "transport", "NOUN", 10, "compound"),
        ("minister", "minister", "NOUN", 7, "nsubj"),
        (".", ".", "PUNCT", 3, "punct"),
    ]
    assert dependency_attributions(text, _analysis(text, rows), CUES) == _expected(
        text, [("said", "the transport minister", "Fares will rise in April", "parse-say-parataxis")]
    )


def test_coordinated_cue_shares_subject() -> None:
    """'X raised rates and said P': the second verb reports X's words."""
    text = "The bank raised rates and said inflation would ease."
    rows = [
        ("The", "the", "DET", 2, "det"),
        ("bank", "bank", "NOUN", 3, "nsubj"),
        ("raised", "raise", "VERB", 0, "root"),
        ("rates", "rate", "NOUN", 3, "obj"),
        ("and", "and", "CCONJ", 6, "cc"),
        ("said", "say", "VERB", 3, "conj"),
        ("inflation", "inflation", "NOUN", 9, "nsubj"),
        ("would", "would", "AUX", 9, "aux"),
        ("ease", "ease", "VERB", 6, "ccomp"),
        (".", ".", "PUNCT", 3, "punct"),
    ]
    assert dependency_attributions(text, _analysis(text, rows), CUES) == _expected(
        text, [("said", "The bank", "inflation would ease", "parse-say-ccomp-shared-subject")]
    )


def test_phrasal_cue_includes_its_particle() -> None:
    """'pointed out that P': the verb + particle lemma is the cue, and the particle is part of its span."""
    text = "Analysts pointed out that exports had stalled."
    rows = [
        ("Analysts", "analyst", "NOUN", 2, "nsubj"),
        ("pointed", "point", "VERB", 0, "root"),
        ("out", "out", "ADP", 2, "compound:prt"),
        ("that", "that", "SCONJ", 7, "mark"),
        ("exports", "export", "NOUN", 7, "nsubj"),
        ("had", "have", "AUX", 7, "aux"),
        ("stalled", "stall", "VERB", 2, "ccomp"),
        (".", ".", "PUNCT", 2, "punct"),
    ]
    assert dependency_attributions(text, _analysis(text, rows), {"point out": "say"}) == _expected(
        text, [("pointed out", "Analysts", "exports had stalled", "parse-say-ccomp")]
    )
    assert dependency_attributions(text, _analysis(text, rows), {"say": "say"}) == []


def test_cyclic_parse_terminates_and_keeps_cue_out() -> None:
    """A malformed parse where cue and complement govern each other ends, without the cue in the content."""
    text = "Officials said talks stalled."
    rows = [
        ("Officials", "official", "NOUN", 2, "nsubj"),
        ("said", "say", "VERB", 4, "ccomp"),
        ("talks", "talk", "NOUN", 4, "nsubj"),
        ("stalled", "stall", "VERB", 2, "ccomp"),
        (".", ".", "PUNCT", 2, "punct"),
    ]
    found = dependency_attributions(text, _analysis(text, rows), CUES)
    assert [(f.content.text_of(text), f.rule) for f in found] == [("talks stalled", "parse-say-ccomp")]


def test_unparsed_analysis_is_refused() -> None:
    """The rules need heads and relations; an unparsed analysis is a ValueError."""
    with pytest.raises(ValueError, match=r"parsed analysis"):
        dependency_attributions("It rained.", Analysis(sentences=(Sentence(start=0, end=10),)), CUES)
