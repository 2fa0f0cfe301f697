"""Score predicted quotations against gold, with the rules of ``shared/tools/score.py``.

The figures equal the ones the project scorer prints for the same files (a test keeps the
two in agreement), computed by typed code a user can call in-process: spans match by
Jaccard overlap, one-to-one and best first, with the scorer's rules for split and
multi-paragraph quotes and optional gold; speakers by name, last name or mention span;
roles by half of the gold role's words; countries by ISO 3166-1 alpha-2 code. Gold is the
JSONL of ``shared/data/seeds/gold.jsonl``; predictions are the flat records of
:meth:`~quoteattr.model.Document.score_record`, or the documents themselves.
"""

from __future__ import annotations

import enum
import functools
import json
import os
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, NamedTuple, TypeAlias

import attrs

from ._extractor import Extractor
from .errors import QuoteAttrError, SchemaError
from .model import Document

__all__ = ["Accuracy", "EvaluateError", "Evaluation", "Mismatch", "MismatchKind", "Scores", "evaluate"]

TRIM = frozenset(" \t\r\n\"'“”‘’«»„‚.,;:!?—–-…()[]")
"""Stripped from both ends of a span before the exact-span comparison."""
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "lord", "lady", "president",
                        "minister", "ambassador", "senator", "rep", "gen", "general", "sen", "gov", "judge"})
"""Name tokens ignored when comparing speakers: "President Ruto" and "William Ruto" agree."""
ROLE_STOP = frozenset({"the", "of", "to", "for", "and", "a", "an", "in", "on", "at", "s", "its", "his",
                       "her"})
"""Role words that carry no meaning of their own ("head *of the* agency")."""
ARTICLES = frozenset({"a", "an", "the"})
INSIDE = 0.9
"""Share of a span that must lie inside another for the split/multi-paragraph rules."""

Source: TypeAlias = "str | os.PathLike[str]"
"""A JSONL file name."""


class EvaluateError(QuoteAttrError, ValueError):
    """:func:`evaluate` was given something it cannot score (a bad overlap, a document without id)."""


class MismatchKind(str, enum.Enum):
    """What went wrong with one quotation."""

    MISS = "MISS"
    """A required gold quote that no prediction matches."""
    EXTRA = "EXTRA"
    """A prediction that matches no gold quote."""
    WHO = "WHO"
    """Matched, but with the wrong speaker."""
    ROLE = "ROLE"
    """Matched, but the speaker's role misses half of the gold role's words."""
    COUNTRY = "COUNTRY"
    """Matched, but with another country code."""
    UNKNOWN_DOC = "UNKNOWN DOC"
    """Predictions for a document id the gold does not have (usually a mislabelled id)."""


@attrs.frozen(kw_only=True)
class Mismatch:
    """One error, with enough context to find it: the document, the span, what was got and wanted."""

    kind: MismatchKind
    doc_id: str
    text: str = ""
    """The gold span's text (the predicted span's for EXTRA)."""
    start: int | None = None
    end: int | None = None
    quote_kind: str | None = None
    """The gold quote's kind (direct, indirect, mixed) where there is a gold quote."""
    got: str | None = None
    """The predicted speaker (role, country) or None."""
    want: str | None = None
    """The gold speaker (or mention, role, country)."""
    rule: str | None = None
    """The rule that made the prediction, when the predictor records one."""

    def __str__(self) -> str:
        """The line ``score.py --errors`` prints for the same error."""
        kind = self.kind
        if kind is MismatchKind.MISS:
            return f"MISS  {self.doc_id} [{self.quote_kind}] {self.text[:70]!r} ({self.want})"
        if kind is MismatchKind.EXTRA:
            return f"EXTRA {self.doc_id} {self.text[:70]!r} ({self.got})"
        if kind is MismatchKind.UNKNOWN_DOC:
            return f"UNKNOWN DOC {self.doc_id}"
        return f"{kind.value:<5} {self.doc_id} {self.text[:50]!r}: got {self.got!r}, want {self.want!r}"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {f.name: getattr(self, f.name) for f in attrs.fields(Mismatch)} | {"kind": self.kind.value}


@attrs.frozen(kw_only=True)
class Scores:
    """Precision, recall and F1 kept as counts, so figures can be added up and re-derived."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        """Share of predictions that are right (0.0 with no predictions)."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        """Share of gold items found (0.0 with no gold)."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, float | int]:
        """The figures as ``score.py --json`` writes them (rounded to 4 places)."""
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4), "tp": self.tp, "fp": self.fp, "fn": self.fn}


@attrs.frozen
class Accuracy:
    """Hits out of a total; ``value`` is None when there was nothing to judge."""

    hits: int
    total: int

    @property
    def value(self) -> float | None:
        """hits / total, or None for an empty total (so "no data" never reads as 0 %)."""
        return self.hits / self.total if self.total else None

    def rounded(self) -> float | None:
        """``value`` rounded to 4 places, as ``score.py`` reports it."""
        v = self.value
        return None if v is None else round(v, 4)


@attrs.frozen(kw_only=True)
class Evaluation:
    """Every figure of one evaluation run, plus the errors behind them."""

    docs: int
    quotes: Scores
    """Quote detection: overlap match."""
    quotes_exact: Scores
    """Quote detection with identical spans after trimming spaces and punctuation."""
    attribution: Scores
    """End to end: a true positive needs the span and the speaker right."""
    speaker: Accuracy
    """Over matched required quotes."""
    role: Accuracy
    """Over matched required quotes whose gold has a role."""
    country: Accuracy
    """Over matched required quotes whose gold has a country."""
    by_kind: tuple[tuple[str, Accuracy], ...]
    """Recall per gold kind, sorted by kind."""
    gold_quotes: int
    """Required gold quotes."""
    optional_quotes: int
    predicted_quotes: int
    overlap: float
    errors: tuple[Mismatch, ...] = ()

    @property
    def recall_by_kind(self) -> dict[str, float | None]:
        """Recall of required gold quotes for each kind (None where a kind has only optional ones)."""
        return {kind: acc.value for kind, acc in self.by_kind}

    def to_dict(self, *, max_errors: int | None = None) -> dict[str, Any]:
        """The ``score.py --json`` figures, plus ``counts`` and up to ``max_errors`` errors (all: None)."""
        errors = self.errors if max_errors is None else self.errors[: max(0, max_errors)]
        return {
            "docs": self.docs,
            "quotes": self.quotes.to_dict(),
            "quotes_exact": self.quotes_exact.to_dict(),
            "recall_by_kind": {kind: acc.rounded() for kind, acc in self.by_kind},
            "speaker_accuracy": self.speaker.rounded(),
            "attribution": self.attribution.to_dict(),
            "role_accuracy": self.role.rounded(),
            "country_accuracy": self.country.rounded(),
            "counts": {"gold": self.gold_quotes, "optional": self.optional_quotes,
                       "predicted": self.predicted_quotes, "errors": len(self.errors)},
            "overlap": self.overlap,
            "errors": [e.to_dict() for e in errors],
        }

    def summary(self) -> str:
        """A short table for people: detection, exact spans, attribution, accuracies, recall per kind."""
        def acc(a: Accuracy) -> str:
            return "n/a" if a.value is None else f"{a.value:.3f} ({a.hits}/{a.total})"

        lines = [
            f"documents {self.docs}   gold quotes {self.gold_quotes} (+{self.optional_quotes} optional)   "
            f"predicted {self.predicted_quotes}   overlap >= {self.overlap:g}",
            f"{'':<13}{'P':>7}{'R':>7}{'F1':>7}{'tp':>7}{'fp':>6}{'fn':>6}",
        ]
        for name, s in (("quotes", self.quotes), ("exact spans", self.quotes_exact),
                        ("attribution", self.attribution)):
            lines.append(f"{name:<13}{s.precision:>7.3f}{s.recall:>7.3f}{s.f1:>7.3f}{s.tp:>7}{s.fp:>6}{s.fn:>6}")
        lines.append(f"speaker {acc(self.speaker)}   role {acc(self.role)}   country {acc(self.country)}")
        lines.append("recall by kind: " + ", ".join(f"{k} {acc(a)}" for k, a in self.by_kind))
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.summary()


# --- reading ------------------------------------------------------------------------------

class _Quote(NamedTuple):  # a tuple: cheap to build for the 100,000s of quotes of a large corpus
    start: int
    end: int
    kind: str
    speaker: str | None
    mention: str | None
    speaker_start: int | None
    speaker_end: int | None
    role: str | None
    country: str | None
    optional: bool
    rule: str | None

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end


def _text_field(raw: Mapping[str, Any], key: str, where: str) -> str | None:
    value = raw.get(key)
    if value is None or isinstance(value, str):
        return value
    raise SchemaError(f"{where}: {key!r} must be a string or null, got {value!r}")


def _quote(raw: Any, where: str) -> _Quote:
    if not isinstance(raw, Mapping):
        raise SchemaError(f"{where}: expected a quote object, got {raw!r}")
    start, end = raw.get("start"), raw.get("end")
    if type(start) is not int or type(end) is not int:  # bool is no offset
        raise SchemaError(f"{where}: 'start' and 'end' must be integers, got {start!r} and {end!r}")
    s_start, s_end = raw.get("speaker_start"), raw.get("speaker_end")
    return _Quote(
        start=start,
        end=end,
        kind=_text_field(raw, "kind", where) or "?",
        speaker=_text_field(raw, "speaker", where),
        mention=_text_field(raw, "speaker_mention", where),
        # like score.py: an offset counts only when it is an integer
        speaker_start=s_start if isinstance(s_start, int) else None,
        speaker_end=s_end if isinstance(s_end, int) else None,
        role=_text_field(raw, "role", where),
        country=_text_field(raw, "country", where),
        optional=bool(raw.get("optional")),
        rule=_text_field(raw, "rule", where),
    )


def _records(source: Source | Iterable[Any]) -> Iterator[tuple[str, Any]]:
    """(where, record) pairs from a JSONL path or an iterable of records."""
    if isinstance(source, (str, os.PathLike)):
        path = os.fspath(source)
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if line.strip():
                    try:
                        yield f"{path}:{n}", json.loads(line)
                    except json.JSONDecodeError as e:
                        raise SchemaError(f"{path}:{n}: not JSON ({e.msg} at column {e.colno})") from e
    else:
        for n, record in enumerate(source, 1):
            yield f"record {n}", record


def _doc_id(record: Any, where: str) -> str:
    if not isinstance(record, Mapping) or "id" not in record:
        raise SchemaError(f"{where}: expected an object with an 'id', got {str(record)[:80]!r}")
    return str(record["id"])


def _quotes(record: Mapping[str, Any], where: str) -> tuple[_Quote, ...]:
    raw = record.get("quotes") or []
    if not isinstance(raw, list):
        raise SchemaError(f"{where}: 'quotes' must be a list, got {type(raw).__name__}")
    return tuple(_quote(q, f"{where} quote {i}") for i, q in enumerate(raw))


def _load_gold(source: Source | Iterable[Mapping[str, Any]]) -> dict[str, tuple[str, tuple[_Quote, ...]]]:
    docs: dict[str, tuple[str, tuple[_Quote, ...]]] = {}
    for where, record in _records(source):
        doc_id = _doc_id(record, where)
        text = record.get("text")
        if not isinstance(text, str):
            raise SchemaError(f"{where}: gold record {doc_id!r} needs a 'text' string")
        docs[doc_id] = text, _quotes(record, where)  # a repeated id replaces, as in score.py
    return docs


def _load_pred(source: Source | Iterable[Mapping[str, Any] | Document]) -> dict[str, tuple[_Quote, ...]]:
    preds: dict[str, tuple[_Quote, ...]] = {}
    for where, item in _records(source):
        record = item
        if isinstance(item, Document):
            if item.id is None:
                raise EvaluateError(f"{where}: a Document without id cannot be paired with gold; "
                                    "extract with extractor.extract(text, id=gold_record['id'])")
            record = item.score_record()
        preds[_doc_id(record, where)] = _quotes(record, where)
    return preds


# --- matching (the rules of score.py, in the same order, so ties break the same way) -------

def _jaccard(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union else 0.0


def _inside(a: tuple[int, int], b: tuple[int, int]) -> float:
    """Share of span a that lies inside span b."""
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    return inter / (a[1] - a[0]) if a[1] > a[0] else 0.0


def _match(gq: tuple[_Quote, ...], pq: tuple[_Quote, ...], overlap: float
           ) -> tuple[dict[int, int], set[int], set[int]]:
    """Pair gold and predicted quotes: gold index -> prediction, used predictions, loose golds.

    1. one-to-one, best Jaccard first (ties: higher gold, then prediction index first);
    2. a prediction holding several gold segments (>= 90 % inside it) stands for each,
       provided those segments fill at least half of it;
    3. predicted pieces lying >= 90 % inside a gold span stand for it when they cover
       at least half of it.
    Predictions lying inside a matched gold span are then not counted as extras.
    """
    pairs = sorted(((j, i, k) for i, a in enumerate(gq) for k, b in enumerate(pq)
                    if (j := _jaccard(a.span, b.span)) >= overlap), reverse=True)
    g_used: dict[int, int] = {}
    p_used: set[int] = set()
    for _, i, k in pairs:
        if i not in g_used and k not in p_used:
            g_used[i] = k
            p_used.add(k)
    filled: dict[int, bool] = {}

    def mostly_gold(k: int) -> bool:
        if k not in filled:
            b = pq[k].span
            inner = sum(a.end - a.start for a in gq if _inside(a.span, b) >= INSIDE)
            filled[k] = inner * 2 >= b[1] - b[0]
        return filled[k]

    loose: set[int] = set()
    for i, a in enumerate(gq):
        if i in g_used:
            continue
        cover = next((k for k, b in enumerate(pq) if _inside(a.span, b.span) >= INSIDE and mostly_gold(k)),
                     None)
        if cover is not None:
            g_used[i] = cover
            p_used.add(cover)
            loose.add(i)
            continue
        pieces = [k for k, b in enumerate(pq) if k not in p_used and _inside(b.span, a.span) >= INSIDE]
        if pieces and sum(pq[k].end - pq[k].start for k in pieces) * 2 >= a.end - a.start:
            g_used[i] = max(pieces, key=lambda k: pq[k].end - pq[k].start)
            p_used.update(pieces)
            loose.add(i)
    for k, b in enumerate(pq):
        if k not in p_used and any(_inside(b.span, gq[i].span) >= INSIDE for i in g_used):
            p_used.add(k)
    return g_used, p_used, loose


# --- judging one matched pair ----------------------------------------------------------------

def _fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c)).lower()


def _name_tokens(name: str | None) -> list[str]:
    if not name:
        return []
    tokens = (t.strip(".,'’") for t in _fold(name).replace("-", " ").split())
    return [t for t in tokens if t and t not in HONORIFICS]


def _same_speaker(pred: str | None, gold: str | None) -> bool:
    p, g = _name_tokens(pred), _name_tokens(gold)
    return bool(p and g) and (p == g or p[-1] == g[-1])


def _speaker_ok(text: str, a: _Quote, b: _Quote) -> bool:
    if a.speaker:
        return _same_speaker(b.speaker, a.speaker)
    if a.speaker_start is not None and a.speaker_end is not None:
        # gold names only the mention at the attribution site (e.g. a pronoun)
        gs, ge = a.speaker_start, a.speaker_end
        ps, pe = b.speaker_start, b.speaker_end
        if ps is not None and pe is not None and min(pe, ge) > max(ps, gs):
            return True
        p = _name_tokens(b.speaker)
        return bool(p) and p[-1] in _name_tokens(text[gs:ge])
    if not b.speaker:  # nobody named: right when the prediction names nobody too ...
        return True
    # ... or gives the same description ("an official")
    strip = [t for t in _name_tokens(b.speaker) if t not in ARTICLES]
    return bool(a.mention) and strip == [t for t in _name_tokens(a.mention) if t not in ARTICLES]


def _role_words(role: str) -> set[str]:
    return {w for w in _fold(role).replace("’", " ").replace("'", " ").split() if w not in ROLE_STOP}


def _role_ok(pred: str | None, gold: str) -> bool:
    gw = _role_words(gold)
    return bool(gw) and len(gw & _role_words(pred or "")) * 2 >= len(gw)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in TRIM:
        start += 1
    while end > start and text[end - 1] in TRIM:
        end -= 1
    return start, end


# --- the whole run ---------------------------------------------------------------------------

def evaluate(
    gold: Source | Iterable[Mapping[str, Any]],
    pred: Source | Iterable[Mapping[str, Any] | Document] | None = None,
    *,
    overlap: float = 0.5,
    extractor: Extractor | None = None,
) -> Evaluation:
    """Score predictions against gold with the rules of ``shared/tools/score.py``.

    Args:
        gold: a JSONL path or records ``{"id", "text", "quotes": [{"start", "end", "kind",
            "speaker", "speaker_mention", "speaker_start", "speaker_end", "role", "country",
            "optional"}]}``.
        pred: a JSONL path or records in the flat format of
            :meth:`Document.score_record`, or :class:`Document` objects with the gold ids.
            When omitted, ``extractor`` (default: ``Extractor()``) reads the gold texts, so
            ``evaluate("gold.jsonl")`` measures the library itself.
        overlap: least Jaccard overlap of content spans for a match, in (0, 1].
        extractor: the extractor to measure when ``pred`` is omitted.

    Returns:
        An :class:`Evaluation` whose ``to_dict()`` carries the same figures as
        ``score.py GOLD PRED --json``, and whose ``errors`` list every miss, extra and
        wrong speaker, role or country.

    Raises:
        EvaluateError: ``overlap`` outside (0, 1], or a predicted ``Document`` without id.
        SchemaError: a record is not JSON or lacks what scoring needs.
        OSError: a file cannot be read.
    """
    if not 0.0 < overlap <= 1.0:
        raise EvaluateError(f"overlap must be within (0, 1], got {overlap!r}; 0.5 is the project's default")
    gold_docs = _load_gold(gold)
    if pred is None:
        ex = extractor if extractor is not None else Extractor()
        pred_docs = {doc_id: _quotes(ex.extract(text, id=doc_id).score_record(), doc_id)
                     for doc_id, (text, _) in gold_docs.items()}
    else:
        pred_docs = _load_pred(pred)
    tp = fp = fn = ex_tp = spk_ok = att_tp = 0
    n_optional = n_pred = 0
    by_kind: dict[str, list[int]] = {}
    role = [0, 0]
    country = [0, 0]
    errors: list[Mismatch] = []
    for doc_id, (text, gq) in gold_docs.items():
        pq = pred_docs.get(doc_id, ())
        n_pred += len(pq)
        g_used, p_used, loose = _match(gq, pq, overlap)
        for i, a in enumerate(gq):
            kind = by_kind.setdefault(a.kind, [0, 0])
            if a.optional:
                n_optional += 1
                continue
            kind[1] += 1
            span_text = text[a.start : a.end]
            if i not in g_used:
                fn += 1
                errors.append(Mismatch(kind=MismatchKind.MISS, doc_id=doc_id, text=span_text, start=a.start,
                                       end=a.end, quote_kind=a.kind, want=a.speaker))
                continue
            b = pq[g_used[i]]
            tp += 1
            kind[0] += 1
            if i not in loose and _trimmed(text, a.start, a.end) == _trimmed(text, b.start, b.end):
                ex_tp += 1
            at = functools.partial(Mismatch, doc_id=doc_id, text=span_text, start=a.start, end=a.end,
                                   quote_kind=a.kind, rule=b.rule)
            if _speaker_ok(text, a, b):
                spk_ok += 1
                att_tp += 1
            else:
                errors.append(at(kind=MismatchKind.WHO, got=b.speaker, want=a.speaker or a.mention))
            if a.role:
                role[1] += 1
                hit = _role_ok(b.role, a.role)
                role[0] += hit
                if not hit:
                    errors.append(at(kind=MismatchKind.ROLE, got=b.role, want=a.role))
            if a.country:
                country[1] += 1
                hit = (b.country or "").upper() == a.country.upper()
                country[0] += hit
                if not hit:
                    errors.append(at(kind=MismatchKind.COUNTRY, got=b.country, want=a.country))
        for k, b in enumerate(pq):
            if k not in p_used:
                fp += 1
                errors.append(Mismatch(kind=MismatchKind.EXTRA, doc_id=doc_id, text=text[b.start : b.end],
                                       start=b.start, end=b.end, got=b.speaker, rule=b.rule))
    unknown = sorted(pred_docs.keys() - gold_docs.keys())
    errors.extend(Mismatch(kind=MismatchKind.UNKNOWN_DOC, doc_id=d) for d in unknown)
    return Evaluation(
        docs=len(gold_docs),
        quotes=Scores(tp=tp, fp=fp, fn=fn),
        quotes_exact=Scores(tp=ex_tp, fp=fp + (tp - ex_tp), fn=fn + (tp - ex_tp)),
        attribution=Scores(tp=att_tp, fp=fp + (tp - att_tp), fn=fn + (tp - att_tp)),
        speaker=Accuracy(spk_ok, tp),
        role=Accuracy(role[0], role[1]),
        country=Accuracy(country[0], country[1]),
        by_kind=tuple((k, Accuracy(v[0], v[1])) for k, v in sorted(by_kind.items())),
        gold_quotes=tp + fn,
        optional_quotes=n_optional,
        predicted_quotes=n_pred,
        overlap=overlap,
        errors=tuple(errors),
    )
