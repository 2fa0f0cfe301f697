"""Errors raised by quoteattr.

Every error subclasses :class:`QuoteAttrError`, and also the builtin exception a caller
would naturally catch (``TypeError`` for a wrong argument type, ``ValueError`` for a bad
value), so ``except ValueError`` keeps working for code that does not know quoteattr.
"""

from __future__ import annotations

__all__ = [
    "BackendUnavailableError",
    "ConfigurationError",
    "DocumentTooLargeError",
    "InputTypeError",
    "ModelsNotFoundError",
    "QuoteAttrError",
    "SchemaError",
]


class QuoteAttrError(Exception):
    """Base class of every error quoteattr raises on purpose."""


class InputTypeError(QuoteAttrError, TypeError):
    """The text to analyse is not a ``str`` (``None``, ``bytes``, a number …)."""


class DocumentTooLargeError(QuoteAttrError, ValueError):
    """The document is longer than the extractor's ``max_chars``."""


class ConfigurationError(QuoteAttrError, ValueError):
    """A setting is out of range (``max_chars=0``, ``n_jobs=0``, ``chunksize=0``)."""


class SchemaError(QuoteAttrError, ValueError):
    """A JSON document does not follow the quoteattr schema (or a newer, unknown version)."""


class BackendUnavailableError(QuoteAttrError, ValueError):
    """An unknown backend name was requested."""


class ModelsNotFoundError(QuoteAttrError, FileNotFoundError):
    """The stanza models the backend needs are not on this machine."""
