"""The compiled parts of quoteattr (everything else is in pyproject.toml).

The C tokeniser (``quoteattr/_ctokens.c``) is built by every install that finds a C
compiler, and skipped with a warning otherwise: the regex tokeniser gives the same tokens.

The engine is plain, fully typed Python. With ``QUOTEATTR_COMPILE=1`` its modules are also
compiled to C extensions by mypyc, the compiler mypy and black ship with, which makes
extraction about 1.5× faster with identical results. (The engine's own value classes are
dataclasses rather than attrs classes for this reason: mypyc turns dataclasses into native
classes with direct field access, while attrs classes stay ordinary Python objects.) It
needs mypy, the stubs it checks against and a C compiler at build time only (the
``compile`` extra); the compiled wheel has no extra run-time dependency:

    pip install '.[compile]'
    QUOTEATTR_COMPILE=1 pip install --no-build-isolation --no-deps --force-reinstall .
"""

from __future__ import annotations

import os

from setuptools import Extension, setup

# The hot path, stage by stage (see quoteattr/_engine.py); the public API, CLI, I/O and the
# optional backends stay interpreted.
ENGINE = [
    "_lexicon", "_tokens", "_text", "_marks", "_mentions", "_site", "_direct", "_indirect", "_entities", "_engine",
]  # fmt: skip


# The tokeniser in C, built by every install that finds a C compiler; optional: without one
# the build goes on and the regex tokeniser gives the same tokens, more slowly.
TOKENISER = Extension("quoteattr._ctokens", ["quoteattr/_ctokens.c"], optional=True)


def _extensions() -> list[Extension]:
    if os.environ.get("QUOTEATTR_COMPILE", "") != "1":
        return [TOKENISER]
    from mypyc.build import mypycify

    # group_name: one shared runtime library with a stable name (quoteattr__mypyc), not a hash
    return [TOKENISER, *mypycify([f"quoteattr/{name}.py" for name in ENGINE], opt_level="3", group_name="quoteattr")]


setup(ext_modules=_extensions())
