"""JSON form of a :class:`~quoteattr.model.Document`, versioned as ``quoteattr/1``.

The JSON carries each span's text next to its offsets so that a reader without the
library (jq, pandas, a spreadsheet) can use it directly; on the way back in, those
texts are checked against the offsets, so a file edited by hand cannot silently
disagree with itself.

Schema ``quoteattr/1``::

    {"schema": "quoteattr/1", "id": str|null, "text": str,
     "quotes": [{"kind": "direct"|"indirect"|"mixed",
                 "start": int, "end": int, "content": str,
                 "cue": {"start", "end", "text"}|null,
                 "speaker_mention": {"start", "end", "text"}|null,
                 "speaker_id": str|null, "confidence": float, "rule": str}],
     "speakers": [{"id", "name", "kind", "role", "country",
                   "mentions": [{"start", "end", "text"}]}]}
"""

from __future__ import annotations

from typing import Any

from .errors import SchemaError
from .model import Document, Quote, QuoteKind, Span, Speaker, SpeakerKind

SCHEMA = "quoteattr/1"


def _span_out(text: str, span: Span | None) -> dict[str, Any] | None:
    if span is None:
        return None
    return {"start": span.start, "end": span.end, "text": text[span.start : span.end]}


def _span_in(text: str, raw: Any, where: str) -> Span | None:
    if raw is None:
        return None
    try:
        span = Span(int(raw["start"]), int(raw["end"]))
    except (KeyError, TypeError, ValueError) as e:
        raise SchemaError(f"{where}: expected {{'start': int, 'end': int}}, got {raw!r}") from e
    quoted = raw.get("text")
    if quoted is not None and quoted != text[span.start : span.end]:
        raise SchemaError(f"{where}: text {quoted!r} does not match offsets {span.start}-{span.end}")
    return span


def document_to_dict(doc: Document) -> dict[str, Any]:
    """The JSON-ready dict of a document (schema ``quoteattr/1``)."""
    text = doc.text
    return {
        "schema": SCHEMA,
        "id": doc.id,
        "text": text,
        "quotes": [
            {
                "kind": q.kind.value,
                "start": q.content.start,
                "end": q.content.end,
                "content": text[q.content.start : q.content.end],
                "cue": _span_out(text, q.cue),
                "speaker_mention": _span_out(text, q.speaker_mention),
                "speaker_id": q.speaker_id,
                "confidence": q.confidence,
                "rule": q.rule,
            }
            for q in doc.quotes
        ],
        "speakers": [
            {
                "id": s.id,
                "name": s.name,
                "kind": s.kind.value,
                "role": s.role,
                "country": s.country,
                "mentions": [_span_out(text, m) for m in s.mentions],
            }
            for s in doc.speakers
        ],
    }


def document_from_dict(data: Any) -> Document:
    """Rebuild a document from :func:`document_to_dict` output.

    Raises:
        SchemaError: not a ``quoteattr/1`` document, or its offsets and texts disagree.
    """
    if not isinstance(data, dict):
        raise SchemaError(f"expected a JSON object, got {type(data).__name__}")
    if data.get("schema") != SCHEMA:
        raise SchemaError(f"unknown schema {data.get('schema')!r}; this version reads {SCHEMA!r}")
    text = data.get("text")
    if not isinstance(text, str):
        raise SchemaError("'text' must be a string")
    try:
        speakers = tuple(
            Speaker(
                id=str(s["id"]),
                name=str(s["name"]),
                kind=SpeakerKind(s.get("kind", "unknown")),
                role=s.get("role"),
                country=s.get("country"),
                mentions=tuple(
                    span
                    for i, m in enumerate(s.get("mentions", []))
                    if (span := _span_in(text, m, f"speaker {s['id']} mention {i}")) is not None
                ),
            )
            for s in data.get("speakers", [])
        )
        quotes = []
        for i, q in enumerate(data.get("quotes", [])):
            content = _span_in(text, {"start": q["start"], "end": q["end"], "text": q.get("content")},
                               f"quote {i}")
            quotes.append(
                Quote(
                    kind=QuoteKind(q["kind"]),
                    content=Span(0, 0) if content is None else content,
                    cue=_span_in(text, q.get("cue"), f"quote {i} cue"),
                    speaker_mention=_span_in(text, q.get("speaker_mention"), f"quote {i} speaker_mention"),
                    speaker_id=q.get("speaker_id"),
                    confidence=float(q.get("confidence", 1.0)),
                    rule=str(q.get("rule", "")),
                )
            )
        return Document(text=text, quotes=tuple(quotes), speakers=speakers, id=data.get("id"))
    except SchemaError:
        raise
    except (KeyError, TypeError, ValueError) as e:
        raise SchemaError(f"malformed quoteattr document: {e}") from e


def score_record(doc: Document, doc_id: str | None = None) -> dict[str, Any]:
    """One line of the flat prediction format read by ``score.py`` and ``quoteattr evaluate``.

    ``{"id", "quotes": [{"start", "end", "kind", "content", "cue", "speaker",
    "speaker_start", "speaker_end", "role", "country", "confidence", "rule"}]}``, where
    ``speaker`` is the canonical name and ``speaker_start``/``speaker_end`` the mention.
    """
    text = doc.text
    rows = []
    for q in doc.quotes:
        speaker = doc.speaker_of(q)
        mention = q.speaker_mention
        rows.append(
            {
                "start": q.content.start,
                "end": q.content.end,
                "kind": q.kind.value,
                "content": text[q.content.start : q.content.end],
                "cue": None if q.cue is None else text[q.cue.start : q.cue.end],
                "speaker": None if speaker is None else speaker.name,
                "speaker_mention": None if mention is None else text[mention.start : mention.end],
                "speaker_start": None if mention is None else mention.start,
                "speaker_end": None if mention is None else mention.end,
                "role": None if speaker is None else speaker.role,
                "country": None if speaker is None else speaker.country,
                "confidence": q.confidence,
                "rule": q.rule,
            }
        )
    return {"id": doc.id if doc_id is None else doc_id, "quotes": rows}
