"""The built-in backend: no models, nothing to download."""

from __future__ import annotations

from collections.abc import Sequence

from .base import Analysis

EMPTY = Analysis(sentences=())


class BuiltinBackend:
    """No parse, no NER, no sentences of its own.

    An empty analysis tells the engine to segment the text with its regex splitter
    (:func:`quoteattr._text.split_sentences`), which reuses the paragraphs the engine needs
    anyway instead of splitting them a second time here.
    """

    name = "builtin"

    def analyse(self, text: str) -> Analysis:
        """Nothing to add to the engine's own segmentation."""
        return EMPTY

    def analyse_many(self, texts: Sequence[str]) -> list[Analysis]:
        """Analyse each text in turn (nothing to gain from batching regexes)."""
        return [self.analyse(t) for t in texts]
