"""Which build of quoteattr is imported: the benchmark scripts name it in every result."""

from __future__ import annotations


def build_name() -> str:
    """The engine compiled by mypyc or interpreted, with or without the C tokeniser (both
    optional, see setup.py); "pure Python" when neither was built."""
    from quoteattr import _engine, _tokens

    compiled = _engine.__file__.endswith((".so", ".pyd"))
    c_tokeniser = getattr(_tokens, "_native_columns", None) is not None  # absent in older trees
    if not c_tokeniser:
        return "compiled (mypyc)" if compiled else "pure Python"
    return "compiled (mypyc) + C tokeniser" if compiled else "Python + C tokeniser"
