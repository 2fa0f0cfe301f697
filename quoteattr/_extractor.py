"""The :class:`Extractor`: configuration plus a backend, reusable across documents."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs

from .backends.base import Analysis, Backend
from .errors import BackendUnavailableError, ConfigurationError, DocumentTooLargeError, InputTypeError
from .model import Document

DEFAULT_MAX_CHARS = 20_000_000
"""Documents longer than this are refused rather than risk a runaway job (20 M chars)."""

BACKENDS = ("builtin", "stanza")


def _check_text(text: object, max_chars: int) -> str:
    if not isinstance(text, str):
        hint = " (decode bytes first, e.g. data.decode('utf-8'))" if isinstance(text, (bytes, bytearray)) else ""
        raise InputTypeError(f"text must be str, got {type(text).__name__}{hint}")
    if len(text) > max_chars:
        raise DocumentTooLargeError(
            f"document has {len(text):,} characters, more than max_chars={max_chars:,}; "
            "split it or raise the limit with Extractor(max_chars=...)"
        )
    return text


def _build_backend(spec: str | Backend, options: dict[str, Any]) -> Backend:
    if not isinstance(spec, str):
        return spec
    if spec == "builtin":
        from .backends.builtin import BuiltinBackend

        return BuiltinBackend()
    if spec == "stanza":
        from .backends.stanza import StanzaBackend

        return StanzaBackend(**options)
    raise BackendUnavailableError(f"unknown backend {spec!r}; choose one of {', '.join(BACKENDS)}")


@attrs.define(slots=True)
class Extractor:
    """Finds quotations, speakers, roles and countries; build once, use for many documents.

    Args:
        backend: ``"builtin"`` (default, no models needed), ``"stanza"`` (dependency parses
            and NER; needs ``quoteattr[stanza]`` and downloaded models) or a ready
            :class:`~quoteattr.backends.base.Backend` object.
        max_chars: longest document accepted; longer ones raise
            :class:`~quoteattr.errors.DocumentTooLargeError`.
        backend_options: keyword arguments for the backend (for stanza: ``lang``,
            ``pipeline``, ``download_method``, ``model_dir``, …).

    An extractor holds no per-document state, so one instance can serve many threads;
    with a string backend it pickles cheaply (the backend is rebuilt on first use).
    """

    backend: str | Backend = "builtin"
    max_chars: int = DEFAULT_MAX_CHARS
    backend_options: dict[str, Any] = attrs.field(factory=dict)
    _backend: Backend | None = attrs.field(default=None, init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        if isinstance(self.backend, str) and self.backend not in BACKENDS:
            raise BackendUnavailableError(
                f"unknown backend {self.backend!r}; choose one of {', '.join(BACKENDS)}"
            )
        if self.max_chars < 1:
            raise ConfigurationError(f"max_chars must be positive, got {self.max_chars}")

    def __getstate__(self) -> dict[str, Any]:
        return {"backend": self.backend, "max_chars": self.max_chars, "backend_options": self.backend_options}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(**state)  # type: ignore[misc]

    def _get_backend(self) -> Backend:
        if self._backend is None:
            self._backend = _build_backend(self.backend, self.backend_options)
        return self._backend

    def extract(self, text: str, *, id: str | None = None) -> Document:
        """Find every quotation in one document.

        Raises:
            InputTypeError: ``text`` is not a ``str``.
            DocumentTooLargeError: ``text`` is longer than ``max_chars``.
        """
        text = _check_text(text, self.max_chars)
        return self._attribute(text, self._get_backend().analyse(text), id)

    def extract_batch(self, texts: Sequence[str], ids: Sequence[str | None] | None = None) -> list[Document]:
        """Extract from several documents at once (stanza analyses them in one batch)."""
        texts = [_check_text(t, self.max_chars) for t in texts]
        if ids is None:
            ids = [None] * len(texts)
        elif len(ids) != len(texts):
            raise ConfigurationError(f"got {len(texts)} texts but {len(ids)} ids; pass one id per text")
        analyses = self._get_backend().analyse_many(texts)
        return [self._attribute(t, a, i) for t, a, i in zip(texts, analyses, ids, strict=True)]

    def _attribute(self, text: str, analysis: Analysis, doc_id: str | None) -> Document:
        from ._engine import attribute

        return attribute(text, analysis, doc_id=doc_id)


_DEFAULT: list[Extractor] = []


def extract(text: str, *, id: str | None = None) -> Document:
    """Find every quotation in ``text`` with the default built-in extractor.

    >>> doc = extract('"We will appeal," said Anna Berg, a lawyer for the union.')
    >>> [(doc.text_of(q.content), doc.speaker_of(q).name) for q in doc.quotes]
    [('We will appeal,', 'Anna Berg')]
    """
    if not _DEFAULT:
        _DEFAULT.append(Extractor())
    return _DEFAULT[0].extract(text, id=id)

