"""The result types: immutable values with half-open character offsets into the text.

Offsets follow stanza's ``start_char``/``end_char`` convention: ``text[span.start:span.end]``
is the covered text. Nothing here copies text around: a :class:`Document` owns the text
and every span is read from it, so a result is small and can never disagree with itself.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Iterator
from typing import Any

import attrs

__all__ = ["Document", "Quote", "QuoteKind", "Span", "Speaker", "SpeakerKind"]


class QuoteKind(str, enum.Enum):
    """How the words are reported."""

    DIRECT = "direct"
    """Verbatim, between quote marks."""
    INDIRECT = "indirect"
    """Paraphrased: X said that …, according to X, …"""
    MIXED = "mixed"
    """Paraphrase carrying a verbatim fragment: called it a “reckless gamble”."""


class SpeakerKind(str, enum.Enum):
    """What sort of entity a speaker is."""

    PERSON = "person"
    ORGANISATION = "organisation"
    """Companies, ministries, parties, and countries speaking as states."""
    UNKNOWN = "unknown"


@attrs.frozen(order=True)
class Span:
    """A half-open character range ``[start, end)`` of the document text."""

    start: int
    end: int

    def __attrs_post_init__(self) -> None:
        # One check here rather than a validator per field: a document makes thousands of spans
        if not 0 <= self.start <= self.end:
            if self.start < 0 or self.end < 0:
                field, value = ("start", self.start) if self.start < 0 else ("end", self.end)
                raise ValueError(f"{field} must be >= 0, got {value}")
            raise ValueError(f"span end {self.end} is before its start {self.start}")

    def __len__(self) -> int:
        return self.end - self.start

    def text_of(self, text: str) -> str:
        """The covered text of ``text``."""
        return text[self.start : self.end]

    def overlaps(self, other: Span) -> bool:
        """True when the two spans share at least one character."""
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        """True when ``other`` lies inside this span."""
        return self.start <= other.start and other.end <= self.end


def _confidence(_instance: object, _attribute: attrs.Attribute[float], value: float) -> None:
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"confidence must be within [0, 1], got {value}")


@attrs.frozen(kw_only=True)
class Quote:
    """One quotation: what was said (``content``), by whom, and which rule found it."""

    kind: QuoteKind = attrs.field(converter=QuoteKind)
    content: Span
    cue: Span | None = None
    """The reporting expression (said, according to, statement); None for headlines, Q&A."""
    speaker_mention: Span | None = None
    """The mention at the attribution site: a name, "He", "North Korea's ambassador"."""
    speaker_id: str | None = None
    """Key into :attr:`Document.speakers`; None when nobody can be named."""
    confidence: float = attrs.field(default=1.0, validator=_confidence)
    rule: str = ""
    """Name of the rule that produced the quote, for error analysis."""


@attrs.frozen(kw_only=True)
class Speaker:
    """An entity that speaks in the document, with every mention clustered to it."""

    id: str
    name: str
    """Canonical name: the fullest proper name the document gives."""
    kind: SpeakerKind = attrs.field(default=SpeakerKind.UNKNOWN, converter=SpeakerKind)
    mentions: tuple[Span, ...] = ()
    role: str | None = None
    country: str | None = None
    """ISO 3166-1 alpha-2 code."""


@attrs.frozen(kw_only=True)
class Document:
    """The text with its quotations and speakers; immutable and JSON round-trippable."""

    text: str
    quotes: tuple[Quote, ...] = ()
    speakers: tuple[Speaker, ...] = ()
    id: str | None = None
    _by_id: dict[str, Speaker] = attrs.field(init=False, repr=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        by_id = {s.id: s for s in self.speakers}
        for quote in self.quotes:
            for span in (quote.content, quote.cue, quote.speaker_mention):
                if span is not None and span.end > len(self.text):
                    raise ValueError(f"span {span} lies outside the text ({len(self.text)} chars)")
            if quote.speaker_id is not None and quote.speaker_id not in by_id:
                raise ValueError(f"quote refers to unknown speaker id {quote.speaker_id!r}")
        object.__setattr__(self, "_by_id", by_id)

    def text_of(self, span: Span | None) -> str | None:
        """The text a span covers (None for None), e.g. ``doc.text_of(quote.content)``."""
        return None if span is None else self.text[span.start : span.end]

    def speaker_of(self, quote: Quote) -> Speaker | None:
        """The resolved speaker of a quote, or None when it is unattributed."""
        return None if quote.speaker_id is None else self._by_id[quote.speaker_id]

    def quotes_by(self, speaker: Speaker | str) -> Iterator[Quote]:
        """Every quote attributed to a speaker (or speaker id)."""
        key = speaker if isinstance(speaker, str) else speaker.id
        return (q for q in self.quotes if q.speaker_id == key)

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready dict (schema ``quoteattr/1``, see :mod:`quoteattr._schema`)."""
        from ._schema import document_to_dict

        return document_to_dict(self)

    @classmethod
    def from_dict(cls, data: Any) -> Document:
        """Inverse of :meth:`to_dict`; raises :class:`~quoteattr.errors.SchemaError` on bad input."""
        from ._schema import document_from_dict

        return document_from_dict(data)

    def to_json(self, **kwargs: Any) -> str:
        """:meth:`to_dict` as a JSON string; keyword arguments go to :func:`json.dumps`."""
        kwargs.setdefault("ensure_ascii", False)
        return json.dumps(self.to_dict(), **kwargs)

    @classmethod
    def from_json(cls, raw: str | bytes) -> Document:
        """Inverse of :meth:`to_json`."""
        from .errors import SchemaError

        try:
            data = json.loads(raw)
        except json.JSONDecodeError as e:
            raise SchemaError(f"not JSON: {e}") from e
        return cls.from_dict(data)

    def _repr_html_(self) -> str:
        """Jupyter display: the text with its quotations highlighted (see quoteattr.render)."""
        from .render import render_html

        return render_html(self, full_page=False)

    def score_record(self) -> dict[str, Any]:
        """The flat one-line-per-document record that ``score.py`` and evaluation read."""
        from ._schema import score_record

        return score_record(self)
