"""The built-in backend: regex sentence splitting, no models, nothing to download."""

from __future__ import annotations

from collections.abc import Sequence

from .._text import split_sentences
from .base import Analysis, Sentence


class BuiltinBackend:
    """Sentences from :func:`quoteattr._text.split_sentences`; no parse, no NER."""

    name = "builtin"

    def analyse(self, text: str) -> Analysis:
        """Split ``text`` into sentences."""
        return Analysis(sentences=tuple(Sentence(start=s, end=e) for s, e in split_sentences(text)))

    def analyse_many(self, texts: Sequence[str]) -> list[Analysis]:
        """Analyse each text in turn (nothing to gain from batching regexes)."""
        return [self.analyse(t) for t in texts]
