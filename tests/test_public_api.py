"""The public surface: what ``import quoteattr`` offers, pinned so changes are deliberate."""

from __future__ import annotations

import subprocess
import sys

import pytest

import quoteattr

PUBLIC = [
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


def test_all_is_pinned_and_sorted() -> None:
    """__all__ lists exactly the public names, sorted."""
    assert quoteattr.__all__ == PUBLIC
    assert sorted(quoteattr.__all__) == quoteattr.__all__


def test_every_public_name_resolves() -> None:
    """Each name in __all__ is importable from the package (lazy ones included)."""
    for name in quoteattr.__all__:
        assert getattr(quoteattr, name) is not None


def test_unknown_attribute_is_an_attribute_error() -> None:
    """A typo gives the usual AttributeError, not something stranger."""
    with pytest.raises(AttributeError, match="no_such_thing"):
        quoteattr.no_such_thing  # type: ignore[attr-defined]  # noqa: B018


def test_import_is_light() -> None:
    """Importing quoteattr loads no backend, no heavy dependency and no lexicon."""
    code = (
        "import sys, quoteattr; "
        "heavy = [m for m in ('stanza', 'torch', 'dask', 'pandas', 'rapidfuzz') if m in sys.modules]; "
        "from quoteattr import _lexicon; "
        "print(heavy, _lexicon.lexicon.cache_info().currsize)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[] 0"


def test_doctest_in_package_docstring() -> None:
    """The example at the top of quoteattr's docstring runs as written."""
    import doctest

    failures, _ = doctest.testmod(quoteattr, verbose=False)
    assert failures == 0


def test_errors_are_also_builtin_errors() -> None:
    """Each error can be caught as the builtin a caller expects."""
    assert issubclass(quoteattr.InputTypeError, TypeError)
    assert issubclass(quoteattr.DocumentTooLargeError, ValueError)
    assert issubclass(quoteattr.SchemaError, ValueError)
    assert issubclass(quoteattr.ConfigurationError, ValueError)
    assert issubclass(quoteattr.ModelsNotFoundError, FileNotFoundError)
    for error in (quoteattr.InputTypeError, quoteattr.DocumentTooLargeError, quoteattr.SchemaError,
                  quoteattr.ConfigurationError):
        assert issubclass(error, quoteattr.QuoteAttrError)
