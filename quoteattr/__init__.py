"""quoteattr: find who said what in news text.

>>> import quoteattr
>>> doc = quoteattr.extract('Kenyan Energy Minister Ruth Otieno said the plant would open in May.')
>>> quote = doc.quotes[0]
>>> doc.text_of(quote.content), doc.speaker_of(quote).name, doc.speaker_of(quote).country
('the plant would open in May', 'Ruth Otieno', 'KE')

The core (``extract``, ``Extractor`` and the result types) is imported eagerly; the
corpus-level tools (``extract_many``, ``SpeakerIndex``, ``render_html``)
load on first use, so ``import quoteattr`` stays light.
"""

from __future__ import annotations

import importlib
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

from ._extractor import Extractor, extract
from .errors import (
    BackendUnavailableError,
    ConfigurationError,
    DocumentTooLargeError,
    InputTypeError,
    ModelsNotFoundError,
    QuoteAttrError,
    SchemaError,
)
from .evaluate import Evaluation, evaluate  # eager: the function shares its module's name
from .model import Document, Quote, QuoteKind, Span, Speaker, SpeakerKind

if TYPE_CHECKING:
    from .index import QuoteRef, SpeakerCluster, SpeakerIndex, SpeakerIndexError
    from .parallel import Extracted, Failed, extract_many
    from .render import render_html

try:
    __version__ = version("quoteattr")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"

_LAZY = {
    "Extracted": "parallel",
    "Failed": "parallel",
    "extract_many": "parallel",
    "QuoteRef": "index",
    "SpeakerCluster": "index",
    "SpeakerIndex": "index",
    "SpeakerIndexError": "index",
    "render_html": "render",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module 'quoteattr' has no attribute {name!r}")


__all__ = [
    "BackendUnavailableError",
    "ConfigurationError",
    "Document",
    "DocumentTooLargeError",
    "Evaluation",
    "Extracted",
    "Extractor",
    "Failed",
    "InputTypeError",
    "ModelsNotFoundError",
    "Quote",
    "QuoteAttrError",
    "QuoteKind",
    "QuoteRef",
    "SchemaError",
    "Span",
    "Speaker",
    "SpeakerCluster",
    "SpeakerIndex",
    "SpeakerIndexError",
    "SpeakerKind",
    "__version__",
    "evaluate",
    "extract",
    "extract_many",
    "render_html",
]
