"""Both backends end to end: same types and JSON, and where a parse fixes a boundary.

The stanza side runs the real conversion (``analysis_from_stanza``) on hand-annotated
CoNLL-U fixtures, through an ``Extractor`` whose backend serves those analyses, so the
whole engine (parse rules, mention reading, resolution) runs as in production.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from quoteattr import Document, Extractor
from quoteattr.backends.base import Analysis, Backend
from tests.stanza_tiny import FIXTURES, load_fixture

pytestmark = pytest.mark.stanza


class FixtureBackend:
    """A backend that answers with the parse of a hand-annotated fixture."""

    name = "fixture"

    def __init__(self, analyses: dict[str, Analysis]) -> None:
        self._analyses = analyses

    def analyse(self, text: str) -> Analysis:
        return self._analyses[text]

    def analyse_many(self, texts: Sequence[str]) -> list[Analysis]:
        return [self.analyse(t) for t in texts]


def _parsed(name: str) -> tuple[str, Analysis]:
    pytest.importorskip("stanza")
    from quoteattr.backends.stanza import analysis_from_stanza

    doc = load_fixture(name)
    return doc.text, analysis_from_stanza(doc)


def _extract_both(name: str) -> tuple[Document, Document]:
    text, analysis = _parsed(name)
    backend = FixtureBackend({text: analysis})
    assert isinstance(backend, Backend)
    return Extractor().extract(text, id=name), Extractor(backend=backend).extract(text, id=name)


def _rows(doc: Document) -> list[tuple[str, str | None, str | None]]:
    return [
        (q.kind.value, doc.text_of(q.content), (s.name if (s := doc.speaker_of(q)) else None)) for q in doc.quotes
    ]


@pytest.mark.parametrize("name", sorted(p.stem for p in FIXTURES.glob("*.conllu")))
def test_same_types_and_json_from_both_backends(name: str) -> None:
    """Built-in and parsed runs give the same result types, both JSON round-trip."""
    builtin, parsed = _extract_both(name)
    for doc in (builtin, parsed):
        assert isinstance(doc, Document)
        assert Document.from_json(doc.to_json()) == doc
        assert set(doc.to_dict()) == {"schema", "id", "text", "quotes", "speakers"}
    assert builtin.text == parsed.text


def test_parse_fixes_a_subject_clause_boundary() -> None:
    """'The minister's warning that prices would rise again worried investors': the parse
    ends the content before the main verb, where words alone cannot always tell."""
    _builtin, parsed = _extract_both("parse_boundaries")
    assert ("indirect", "prices would rise again", None) in _rows(parsed)


def test_parse_stops_a_complement_at_a_coordinated_clause() -> None:
    """'The mayor said the budget was balanced, and the council approved it': only the first
    clause was said; the built-in backend runs to the sentence end, the parse does not."""
    builtin, parsed = _extract_both("parse_boundaries")
    said_builtin = [r[1] for r in _rows(builtin) if r[1] and r[1].startswith("the budget")]
    said_parsed = [r[1] for r in _rows(parsed) if r[1] and r[1].startswith("the budget")]
    assert said_parsed == ["the budget was balanced"]
    assert said_builtin == ["the budget was balanced, and the council approved it on Monday"]


def test_parsed_speaker_keeps_apposition_role_and_country() -> None:
    """A speaker with an apposition reads the same role and country from the parse."""
    builtin, parsed = _extract_both("apposition")
    expected = [("Tomás Ibarra", "foreign minister", "CL")]
    assert [(s.name, s.role, s.country) for s in parsed.speakers] == expected
    assert [(s.name, s.role, s.country) for s in builtin.speakers] == expected


def test_parse_splits_a_report_around_its_attribution() -> None:
    """'The savings, it added, would go to schools': two pieces of one report, spoken by the
    organisation of the sentence before."""
    _builtin, parsed = _extract_both("parataxis")
    pieces = [r for r in _rows(parsed) if r[1] in ("The savings", "would go to schools")]
    assert pieces == [("indirect", "The savings", "finance ministry"), ("indirect", "would go to schools",
                                                                          "finance ministry")]
