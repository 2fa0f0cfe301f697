"""Quote-mark pairing on realistic text: conventions, apostrophes, nesting, paragraphs."""

from __future__ import annotations

import pytest

from quoteattr._marks import find_quotes
from quoteattr._text import split_paragraphs


def _contents(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quotes(text, split_paragraphs(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said "we are ready" today.', ["we are ready"]),
        ("He said “we are ready” today.", ["we are ready"]),
        ("He said ‘we are ready’ today.", ["we are ready"]),
        ("Il a dit « nous sommes prêts » hier.", ["nous sommes prêts"]),
        ("Er sagte „wir sind bereit“ gestern.", ["wir sind bereit"]),
        ("Er sagte »wir sind bereit« gestern.", ["wir sind bereit"]),
        ("He said ``we are ready'' today.", ["we are ready"]),
        ("彼は「準備ができている」と言った。", ["準備ができている"]),
        ("They said ‹we are ready› today.", ["we are ready"]),
    ],
)
def test_every_convention_pairs(text: str, expected: list[str]) -> None:
    """Each quote-mark convention yields the words between its marks."""
    assert _contents(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Russia’s envoy and the countries’ leaders met in the ’90s.",
        "It's rock ’n’ roll, O’Brien said, and don't forget 'em.",
        "The farmers' union and the workers’ council disagreed.",
    ],
)
def test_apostrophes_never_open_or_close(text: str) -> None:
    """Possessives, contractions, elisions and names with apostrophes are not quotes."""
    assert _contents(text) == []


def test_apostrophes_inside_single_quotes() -> None:
    """Single-quoted speech survives contractions and plural possessives inside it."""
    text = "‘Young farmers’ loans don’t shrink because milk’s cheap,’ said the chairman."
    assert _contents(text) == ["Young farmers’ loans don’t shrink because milk’s cheap,"]


def test_nested_quote_stays_inside_outer() -> None:
    """A quote inside a quote is part of the outer quotation and recorded as nested."""
    text = "“He told me, ‘We stopped reporting them,’ and left,” the judge said."
    (q,) = find_quotes(text, split_paragraphs(text))
    assert text[q.start : q.end] == "He told me, ‘We stopped reporting them,’ and left,"
    assert [text[a:b] for a, b in q.nested] == ["We stopped reporting them,"]


def test_multi_paragraph_quote_is_one_quotation() -> None:
    """An unclosed paragraph continues into the next paragraph that opens with a mark."""
    text = '"We gave every child a laptop.\n\n"Now we must train the teachers."\n\nThe minister left.'
    (q,) = find_quotes(text, split_paragraphs(text))
    assert text[q.start : q.end] == 'We gave every child a laptop.\n\n"Now we must train the teachers.'
    assert q.closed
    assert q.paragraphs == 2


def test_stray_mark_damage_stays_local() -> None:
    """An unclosed mark ends at its paragraph; quotes in later paragraphs are still found."""
    text = 'The banner read "no more cuts\n\nLater she said "we will be back" and left.'
    quotes = find_quotes(text, split_paragraphs(text))
    assert [text[q.start : q.end] for q in quotes] == ["no more cuts", "we will be back"]
    assert [q.closed for q in quotes] == [False, True]


def test_boilerplate_guillemets_are_ignored() -> None:
    """Navigation crumbs like '• HOME»' are not quotation marks."""
    text = "• HOME»\n  • World»\n  • Markets close higher\n\nShares rose."
    assert _contents(text) == []


def test_many_unmatched_marks_are_linear_and_local() -> None:
    """Thousands of stray marks produce no runaway quotation across paragraphs."""
    text = '\n'.join(['He said " and left.'] * 2000)
    quotes = find_quotes(text, split_paragraphs(text))
    assert all(q.paragraphs == 1 for q in quotes)
