"""What a backend gives the attribution logic: sentences, optionally parsed tokens and entities."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

import attrs


@attrs.frozen(kw_only=True)
class Token:
    """A word with what a parser knows of it; offsets index the document text.

    ``head`` is the index of the governing token within the same sentence, ``None`` for
    the root (and for every token when the backend does not parse).
    """

    start: int
    end: int
    lemma: str | None = None
    upos: str | None = None
    head: int | None = None
    deprel: str | None = None


@attrs.frozen(kw_only=True)
class Sentence:
    """A sentence span; ``tokens`` is empty when the backend does not tokenise."""

    start: int
    end: int
    tokens: tuple[Token, ...] = ()


@attrs.frozen(kw_only=True)
class Entity:
    """A named entity from NER: ``label`` is PERSON, ORG, GPE, NORP, …"""

    start: int
    end: int
    label: str


@attrs.frozen(kw_only=True)
class Analysis:
    """A backend's view of one document."""

    sentences: tuple[Sentence, ...]
    entities: tuple[Entity, ...] = ()
    parsed: bool = False
    """True when tokens carry dependency heads and relations."""


@runtime_checkable
class Backend(Protocol):
    """Anything that can analyse documents, one at a time or in bulk."""

    @property
    def name(self) -> str:
        """Short name used in rule names and the CLI (``builtin``, ``stanza``)."""
        ...

    def analyse(self, text: str) -> Analysis:
        """Analyse one document."""
        ...

    def analyse_many(self, texts: Sequence[str]) -> list[Analysis]:
        """Analyse several documents; a backend may batch them (stanza does)."""
        ...
