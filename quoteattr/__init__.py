"""quoteattr: find who said what in news text.

>>> import quoteattr
>>> doc = quoteattr.extract('Kenyan Energy Minister Ruth Otieno said the plant would open in May.')
>>> quote = doc.quotes[0]
>>> doc.text_of(quote.content), doc.speaker_of(quote).name, doc.speaker_of(quote).country
('the plant would open in May', 'Ruth Otieno', 'KE')
"""

from importlib.metadata import PackageNotFoundError, version

from ._extractor import Extractor, extract
from .errors import (
    BackendUnavailableError,
    DocumentTooLargeError,
    InputTypeError,
    ModelsNotFoundError,
    QuoteAttrError,
    SchemaError,
)
from .model import Document, Quote, QuoteKind, Span, Speaker, SpeakerKind

try:
    __version__ = version("quoteattr")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"

__all__ = [
    "BackendUnavailableError",
    "Document",
    "DocumentTooLargeError",
    "Extractor",
    "InputTypeError",
    "ModelsNotFoundError",
    "Quote",
    "QuoteAttrError",
    "QuoteKind",
    "SchemaError",
    "Span",
    "Speaker",
    "SpeakerKind",
    "__version__",
    "extract",
]
