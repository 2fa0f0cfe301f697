"""Who said what across documents: :class:`SpeakerIndex` groups the speakers of many
documents into people and organisations, whatever spelling or title each article used.

>>> from quoteattr import Document, Quote, Span, Speaker
>>> from quoteattr.index import SpeakerIndex
>>> def article(doc_id, name, country):
...     text = f"{name} said the talks would resume."
...     speaker = Speaker(id="s1", name=name, kind="person", country=country)
...     quote = Quote(kind="indirect", content=Span(len(name) + 6, len(text) - 1), speaker_id="s1")
...     return Document(text=text, quotes=(quote,), speakers=(speaker,), id=doc_id)
>>> index = SpeakerIndex()
>>> index.add_many([article("a", "Wladimir Putin", "RU"), article("b", "President Vladimir Putin", "RU")])
>>> [(c.canonical_name, c.n_documents) for c in index.clusters()]
[('Vladimir Putin', 2)]

Matching is conservative: merging two different people does more harm to an analysis
than leaving one person in two clusters, so ambiguous cases (a bare "Park" when two
Parks are indexed; the same name in two countries) stay apart. See
:mod:`quoteattr._clustering` for the procedure and :class:`SpeakerIndex` for the scale
of ``threshold``.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable
from typing import Any

import attrs
import regex

from ._clustering import Node, cluster, forms_compatible, make_node
from ._names import (
    LEADING_THE,
    PersonName,
    consonants,
    display_name,
    fold,
    parse_org,
    parse_person,
    partial_fits,
    person_similarity,
)
from .errors import QuoteAttrError, SchemaError
from .model import Document, QuoteKind, Span, SpeakerKind

__all__ = ["QuoteRef", "SpeakerCluster", "SpeakerIndex", "SpeakerIndexError"]

SCHEMA = "quoteattr-speakers/1"
DEFAULT_THRESHOLD = 0.9
SLUG_GAPS = regex.compile(r"[^\p{L}\p{N}]+")
PARTIAL_QUERY = 0.95
"""Score of a bare family name that fits a cluster, when looking clusters up by name."""


class SpeakerIndexError(QuoteAttrError, ValueError):
    """A document cannot be indexed (no id, or an id already indexed), or a bad setting."""


@attrs.frozen(order=True, kw_only=True)
class QuoteRef:
    """Where one quotation of a speaker is: document id and the content's character span."""

    doc_id: str
    start: int
    end: int
    kind: QuoteKind = attrs.field(converter=QuoteKind)

    @property
    def span(self) -> Span:
        """The content span, for ``document.text_of(ref.span)``."""
        return Span(self.start, self.end)


Counts = tuple[tuple[str, int], ...]
"""(value, count) pairs, most frequent first."""


def _counts(counter: Counter[str]) -> Counts:
    return tuple(sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))


@attrs.frozen(kw_only=True)
class SpeakerCluster:
    """One person or organisation across the indexed documents."""

    id: str
    """A slug of the canonical name ("vladimir-putin", "-2" on a clash); stable while the
    index is unchanged. For lasting references keep the name and use :meth:`SpeakerIndex.find`."""
    canonical_name: str
    """The fullest form, titles removed: full names before bare family names (long forms
    before acronyms), then the most frequent, then the one with most tokens, then the one
    with diacritics ("José Álvarez" over "Jose Alvarez")."""
    kind: SpeakerKind
    variants: Counts
    """Every name form as written, with the number of document speakers using it."""
    roles: Counts = ()
    countries: Counts = ()
    quotes: tuple[QuoteRef, ...] = ()
    documents: tuple[str, ...] = ()
    """Ids of the documents the speaker appears in, sorted."""

    @property
    def n_documents(self) -> int:
        """In how many documents the speaker appears."""
        return len(self.documents)

    @property
    def role(self) -> str | None:
        """The most frequent role, or None."""
        return self.roles[0][0] if self.roles else None

    @property
    def country(self) -> str | None:
        """The most frequent country (ISO 3166-1 alpha-2), or None."""
        return self.countries[0][0] if self.countries else None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (one line of ``quoteattr speakers --format jsonl``)."""
        return {
            "id": self.id,
            "name": self.canonical_name,
            "kind": self.kind.value,
            "variants": dict(self.variants),
            "roles": dict(self.roles),
            "countries": dict(self.countries),
            "n_quotes": len(self.quotes),
            "n_documents": self.n_documents,
            "documents": list(self.documents),
            "quotes": [{"doc_id": q.doc_id, "start": q.start, "end": q.end, "kind": q.kind.value} for q in self.quotes],
        }


@attrs.frozen
class _Entry:
    """One indexed document speaker, as saved."""

    speaker_id: str
    name: str
    kind: SpeakerKind
    role: str | None
    country: str | None
    quotes: tuple[QuoteRef, ...]


@attrs.define
class _NodeData:
    node: Node
    names: Counter[str] = attrs.field(factory=Counter)
    roles: Counter[str] = attrs.field(factory=Counter)
    countries: Counter[str] = attrs.field(factory=Counter)
    kinds: Counter[str] = attrs.field(factory=Counter)
    quotes: list[QuoteRef] = attrs.field(factory=list)
    documents: set[str] = attrs.field(factory=set)


@attrs.frozen
class _View:
    """The clusters of one state of the index, with lookup tables for :meth:`SpeakerIndex.find`."""

    clusters: list[SpeakerCluster]
    by_id: dict[str, SpeakerCluster]
    forms: dict[str, list[PersonName]]
    words: dict[str, set[str]]
    """Consonant key of every word of every name form -> cluster ids."""
    org_keys: dict[str, set[str]]
    variants: dict[str, set[str]]


class SpeakerIndex:
    """Speakers of many documents, grouped into people and organisations.

    Add documents one at a time or in batches, whenever they arrive; :meth:`clusters`
    re-groups the distinct name forms on the next call (cheap: the work grows with the
    variety of names, not with the number of mentions), and the result does not depend
    on the order the documents were added. Not safe for concurrent :meth:`add` calls.

    Args:
        threshold: how alike two speakers must be to merge, on a 0.5-1.0 scale. 1.0 means
            identical normalised names (titles, diacritics and case aside); spellings
            with the same transliteration skeleton (Wladimir/Vladimir) score about 0.97,
            vowel-only variants (Mohammed/Muhammad) 0.92. The same country adds 0.02,
            compatible roles 0.02, incompatible roles subtract 0.15 (so above 0.87 two
            people with one name but different jobs stay apart); a different country
            never merges. Each aligned name token must reach the threshold too. The
            default 0.9 prefers missing a merge to merging two people; lower it to merge
            more loosely.

    Raises:
        SpeakerIndexError: ``threshold`` is outside 0.5-1.0.
    """

    __slots__ = ("_docs", "_nodes", "_threshold", "_view")

    def __init__(self, threshold: float = DEFAULT_THRESHOLD) -> None:
        if not 0.5 <= threshold <= 1.0:
            raise SpeakerIndexError(f"threshold must be between 0.5 and 1.0, got {threshold}")
        self._threshold = float(threshold)
        self._docs: dict[str, tuple[_Entry, ...]] = {}
        self._nodes: dict[tuple[str, str, str, str, str], _NodeData] = {}
        self._view: _View | None = None

    @property
    def threshold(self) -> float:
        """The merge threshold this index was built with."""
        return self._threshold

    def __len__(self) -> int:
        """Number of indexed documents."""
        return len(self._docs)

    def __repr__(self) -> str:
        return f"SpeakerIndex(documents={len(self._docs)}, threshold={self._threshold})"

    # -- adding -------------------------------------------------------------------
    def add(self, document: Document, doc_id: str | None = None) -> None:
        """Index the speakers of one document and their quotes.

        Speakers without a usable name (empty, or a pronoun) are skipped; descriptions
        such as "the Russian envoy" are kept but never merged across documents.

        Args:
            document: an extracted (or hand-built) document.
            doc_id: the id the quotes will refer to; defaults to ``document.id``.

        Raises:
            SpeakerIndexError: there is no id, or the id is already indexed (ids must be
                unique, or the quotes of two documents would be confused).
        """
        doc_id = document.id if doc_id is None else doc_id
        if doc_id is None:
            raise SpeakerIndexError("the document has no id; pass one: index.add(document, doc_id='...')")
        by_speaker: dict[str, list[QuoteRef]] = {}
        for q in document.quotes:
            if q.speaker_id is not None:
                ref = QuoteRef(doc_id=doc_id, start=q.content.start, end=q.content.end, kind=q.kind)
                by_speaker.setdefault(q.speaker_id, []).append(ref)
        entries = tuple(
            _Entry(s.id, s.name, s.kind, s.role, s.country, tuple(by_speaker.get(s.id, ()))) for s in document.speakers
        )
        self._add_entries(doc_id, entries)

    def add_many(self, documents: Iterable[Document]) -> None:
        """:meth:`add` each document under its own ``id``.

        Raises:
            SpeakerIndexError: a document has no id or a repeated one; the documents
                before it stay indexed.
        """
        for document in documents:
            self.add(document)

    def _add_entries(self, doc_id: str, entries: tuple[_Entry, ...]) -> None:
        if doc_id in self._docs:
            raise SpeakerIndexError(f"document {doc_id!r} is already indexed; document ids must be unique")
        kept = []
        for entry in entries:
            role = " ".join(entry.role.split()) if entry.role else ""
            country = entry.country.strip().upper() if entry.country else ""
            node = make_node(entry.name, entry.kind, country, role, owner=f"{doc_id}\x1f{entry.speaker_id}")
            if node is None:
                continue
            kept.append(entry)
            data = self._nodes.get(node.key)
            if data is None:
                data = self._nodes[node.key] = _NodeData(node)
            data.names[" ".join(entry.name.split())] += 1
            if role:
                data.roles[role] += 1
            if country:
                data.countries[country] += 1
            data.kinds[entry.kind.value] += 1
            data.quotes.extend(entry.quotes)
            data.documents.add(doc_id)
        self._docs[doc_id] = tuple(kept)
        self._view = None

    # -- clusters -------------------------------------------------------------------
    def clusters(self) -> list[SpeakerCluster]:
        """Every speaker cluster, most quoted first (then by name)."""
        return list(self._current().clusters)

    def find(self, name: str) -> SpeakerCluster | None:
        """The one cluster a name (or cluster id) refers to, or None.

        Any indexed spelling works, and so does a close variant, a bare family name or
        an acronym of an organisation. When several clusters fit equally well (two
        people called Park) the answer is None: see :meth:`find_all`.
        """
        ranked = self._ranked(name)
        if not ranked or (len(ranked) > 1 and ranked[1][0] == ranked[0][0]):
            return None
        return ranked[0][1]

    def find_all(self, name: str) -> list[SpeakerCluster]:
        """Every cluster a name could refer to, best match first."""
        return [c for _, c in self._ranked(name)]

    def quotes_of(self, cluster: SpeakerCluster | str) -> tuple[QuoteRef, ...]:
        """The quotes of a speaker as the index stands now, sorted by document and offset.

        Args:
            cluster: a cluster (possibly from before more documents were added; it is
                looked up again by id, then by name) or a name, as for :meth:`find`.

        Returns:
            The quote references; empty when nothing matches.
        """
        if isinstance(cluster, SpeakerCluster):
            current = self._current().by_id.get(cluster.id)
            if current is None or not set(cluster.quotes) <= set(current.quotes):
                current = self.find(cluster.canonical_name)
        else:
            current = self.find(cluster)
        return () if current is None else current.quotes

    def _ranked(self, name: str) -> list[tuple[float, SpeakerCluster]]:
        view = self._current()
        text = " ".join(name.split())
        if text in view.by_id:
            return [(2.0, view.by_id[text])]
        scores: dict[str, float] = dict.fromkeys(view.variants.get(fold(text), ()), 1.0)
        person = parse_person(text)
        if person is not None:
            candidates = set().union(*(view.words.get(consonants(w), ()) for w in person.words))
            for cid in candidates:
                score = max(_query_score(person, f, self._threshold) for f in view.forms[cid])
                if score >= self._threshold:
                    scores[cid] = max(scores.get(cid, 0.0), score)
        org = parse_org(text)
        if org is not None:
            for cid in view.org_keys.get(org.key, ()):
                scores[cid] = max(scores.get(cid, 0.0), 1.0 if not org.is_acronym else PARTIAL_QUERY)
        ranked = [(s, view.by_id[cid]) for cid, s in scores.items()]
        ranked.sort(key=lambda sc: (-sc[0], -len(sc[1].quotes), sc[1].id))
        return ranked

    def _current(self) -> _View:
        if self._view is None:
            self._view = self._build()
        return self._view

    def _build(self) -> _View:
        datas = [self._nodes[k] for k in sorted(self._nodes)]
        groups = cluster([d.node for d in datas], self._threshold)
        built = [(_make_cluster([datas[i] for i in g]), [datas[i].node for i in g]) for g in groups]
        # ids: slug of the canonical name; clashes numbered in the order of the groups'
        # smallest node key, which does not depend on insertion order.
        seen: Counter[str] = Counter()
        clusters: list[SpeakerCluster] = []
        forms: dict[str, list[PersonName]] = {}
        words: dict[str, set[str]] = {}
        org_keys: dict[str, set[str]] = {}
        variants: dict[str, set[str]] = {}
        for c, nodes in built:
            slug = SLUG_GAPS.sub("-", fold(c.canonical_name)).strip("-") or "speaker"
            seen[slug] += 1
            c = attrs.evolve(c, id=slug if seen[slug] == 1 else f"{slug}-{seen[slug]}")
            clusters.append(c)
            forms[c.id] = [n.person for n in nodes if n.person is not None]
            for person in forms[c.id]:
                for word in person.words:
                    words.setdefault(consonants(word), set()).add(c.id)
            for n in nodes:
                if n.org is not None:
                    for key in (n.org.key, *n.org.acronyms):
                        org_keys.setdefault(key, set()).add(c.id)
            for form, _ in c.variants:
                for key in {fold(form), fold(display_name(form))}:
                    variants.setdefault(key, set()).add(c.id)
        clusters.sort(key=lambda c: (-len(c.quotes), c.canonical_name, c.id))
        return _View(clusters, {c.id: c for c in clusters}, forms, words, org_keys, variants)

    # -- persistence ------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """The index as a JSON-ready dict (schema ``quoteattr-speakers/1``).

        It holds the indexed speakers, not the clusters: :meth:`from_dict` clusters
        again, which gives the same clusters since clustering is deterministic.
        """
        return {
            "schema": SCHEMA,
            "threshold": self._threshold,
            "documents": [
                {"id": doc_id, "speakers": [_entry_to_dict(e) for e in entries]}
                for doc_id, entries in self._docs.items()
            ],
        }

    @classmethod
    def from_dict(cls, data: Any) -> SpeakerIndex:
        """Inverse of :meth:`to_dict`.

        Raises:
            SchemaError: not a ``quoteattr-speakers/1`` dict, or a malformed entry.
        """
        if not isinstance(data, dict) or data.get("schema") != SCHEMA:
            found = data.get("schema") if isinstance(data, dict) else type(data).__name__
            raise SchemaError(f"expected a {SCHEMA!r} speaker index, got {found!r}")
        where = "header"
        try:
            index = cls(threshold=float(data.get("threshold", DEFAULT_THRESHOLD)))
            for n, doc in enumerate(data["documents"]):
                where = f"document {n}"
                doc_id = str(doc["id"])
                entries = tuple(_entry_from_dict(doc_id, e) for e in doc["speakers"])
                index._add_entries(doc_id, entries)
        except SpeakerIndexError as e:
            raise SchemaError(f"speaker index, {where}: {e}") from e
        except (KeyError, TypeError, ValueError) as e:
            raise SchemaError(f"speaker index, {where}: malformed ({e!r})") from e
        return index

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write :meth:`to_dict` as JSON (UTF-8), replacing the file atomically."""
        tmp = f"{os.fspath(path)}.tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(self.to_dict(), f, ensure_ascii=False)
        os.replace(tmp, path)

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> SpeakerIndex:
        """Read an index written by :meth:`save`.

        Raises:
            SchemaError: the file is not JSON or not a speaker index.
            OSError: the file cannot be read.
        """
        with open(path, encoding="utf-8") as f:
            try:
                data = json.load(f)
            except json.JSONDecodeError as e:
                raise SchemaError(f"{os.fspath(path)}: not JSON ({e})") from e
        return cls.from_dict(data)


def _query_score(query: PersonName, form: PersonName, threshold: float) -> float:
    if query.full and form.full:
        return person_similarity(query, form, threshold)
    if not query.full and forms_compatible(query, form, threshold):
        return PARTIAL_QUERY
    if query.full and not form.full and partial_fits(form, query, threshold):
        return PARTIAL_QUERY
    return 0.0


def _ref_order(ref: QuoteRef) -> tuple[str, int, int, str]:
    return ref.doc_id, ref.start, ref.end, ref.kind.value  # as QuoteRef's own order, without attrs' overhead


def _make_cluster(datas: list[_NodeData]) -> SpeakerCluster:
    names: Counter[str] = Counter()
    roles: Counter[str] = Counter()
    countries: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    quotes: list[QuoteRef] = []
    documents: set[str] = set()
    shown: Counter[str] = Counter()
    fullness: dict[str, tuple[int, int]] = {}
    for d in datas:
        names.update(d.names)
        roles.update(d.roles)
        countries.update(d.countries)
        kinds.update(d.kinds)
        quotes.extend(d.quotes)
        documents |= d.documents
        full = int(
            (d.node.person is not None and d.node.person.full) or (d.node.org is not None and not d.node.org.is_acronym)
        )
        size = len(d.node.person.tokens) if d.node.person is not None else 0
        for name, count in d.names.items():
            shown_as = display_name(name) if d.node.org is None else LEADING_THE.sub("", name)
            shown[shown_as] += count
            fullness[shown_as] = max(fullness.get(shown_as, (0, 0)), (full, size))
    canonical = min(shown, key=lambda s: (-fullness[s][0], -shown[s], -fullness[s][1], s.isascii(), s))
    known = [(n, k) for k, n in kinds.items() if k != SpeakerKind.UNKNOWN.value]
    kind = SpeakerKind(min(known, key=lambda nk: (-nk[0], nk[1]))[1]) if known else SpeakerKind.UNKNOWN
    return SpeakerCluster(
        id="",
        canonical_name=canonical,
        kind=kind,
        variants=_counts(names),
        roles=_counts(roles),
        countries=_counts(countries),
        quotes=tuple(sorted(quotes, key=_ref_order)),
        documents=tuple(sorted(documents)),
    )


def _entry_to_dict(entry: _Entry) -> dict[str, Any]:
    return {
        "id": entry.speaker_id,
        "name": entry.name,
        "kind": entry.kind.value,
        "role": entry.role,
        "country": entry.country,
        "quotes": [{"start": q.start, "end": q.end, "kind": q.kind.value} for q in entry.quotes],
    }


def _entry_from_dict(doc_id: str, raw: dict[str, Any]) -> _Entry:
    quotes = tuple(
        QuoteRef(doc_id=doc_id, start=int(q["start"]), end=int(q["end"]), kind=q["kind"]) for q in raw["quotes"]
    )
    role, country = raw.get("role"), raw.get("country")
    return _Entry(
        str(raw["id"]),
        str(raw["name"]),
        SpeakerKind(raw.get("kind", "unknown")),
        None if role is None else str(role),
        None if country is None else str(country),
        quotes,
    )
