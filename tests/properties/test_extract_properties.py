"""Properties every extraction must have, on arbitrary strings and on news-like text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

import quoteattr
from quoteattr import Document
from tests.strategies import any_text, articles

CURLY = str.maketrans({"“": '"', "”": '"'})


def _check_offsets(doc: Document) -> None:
    n = len(doc.text)
    previous = -1
    for q in doc.quotes:
        assert 0 <= q.content.start < q.content.end <= n
        assert q.content.start >= previous
        previous = q.content.start
        for span in (q.cue, q.speaker_mention):
            assert span is None or 0 <= span.start <= span.end <= n
        assert 0.0 <= q.confidence <= 1.0
        assert q.rule
    for s in doc.speakers:
        assert all(0 <= m.start <= m.end <= n for m in s.mentions)


@given(any_text)
def test_never_raises_and_offsets_stay_inside(text: str) -> None:
    """Any string at all (control characters, lone surrogates) extracts without error."""
    _check_offsets(quoteattr.extract(text))


@given(articles())
def test_news_offsets_are_inside_and_ordered(text: str) -> None:
    """Spans lie inside the text, in order, and text[start:end] is the content."""
    doc = quoteattr.extract(text)
    _check_offsets(doc)
    for q in doc.quotes:
        assert doc.text_of(q.content) == text[q.content.start : q.content.end]


@given(articles())
def test_deterministic(text: str) -> None:
    """The same text always gives the same document."""
    assert quoteattr.extract(text) == quoteattr.extract(text)


@given(articles())
def test_straight_and_curly_marks_agree(text: str) -> None:
    """Swapping curly double marks for straight ones changes nothing but the marks."""
    straight = text.translate(CURLY)
    a, b = quoteattr.extract(text), quoteattr.extract(straight)
    assert [(q.kind, q.content, q.speaker_mention) for q in a.quotes] == [
        (q.kind, q.content, q.speaker_mention) for q in b.quotes
    ]
    assert [a.speaker_of(q) and a.speaker_of(q).name for q in a.quotes] == [  # type: ignore[union-attr]
        b.speaker_of(q) and b.speaker_of(q).name for q in b.quotes  # type: ignore[union-attr]
    ]


@given(articles())
def test_json_round_trip(text: str) -> None:
    """A document survives to_json/from_json unchanged."""
    doc = quoteattr.extract(text, id="doc-1")
    assert Document.from_json(doc.to_json()) == doc


@given(articles(), st.sampled_from(['A "stray mark here.', "Banner: “unclosed", "Just ‘one more."]))
def test_stray_paragraph_does_not_disturb_other_quotes(text: str, stray: str) -> None:
    """A paragraph with an unpaired mark, added before the article, only shifts offsets."""
    shift = len(stray) + 2
    base = quoteattr.extract(text)
    moved = quoteattr.extract(stray + "\n\n" + text)
    expected = [(q.kind, q.content.start + shift, q.content.end + shift) for q in base.quotes]
    got = [(q.kind, q.content.start, q.content.end) for q in moved.quotes if q.content.start >= shift]
    assert got == expected


@given(articles())
def test_direct_content_holds_no_unpaired_delimiter(text: str) -> None:
    """A single-paragraph direct quote never contains a lone closing mark of its own kind."""
    doc = quoteattr.extract(text)
    for q in doc.quotes:
        content = doc.text_of(q.content) or ""
        if q.kind.value == "direct" and "\n" not in content:
            assert content.count("“") == content.count("”")
