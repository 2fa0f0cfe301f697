"""The compiled parts of quoteattr (everything else is in pyproject.toml).

Both are built by ``pip install .`` wherever a C compiler is found, and both are optional:
the same Python code runs without them, and gives the same results, more slowly.

- The C tokeniser (``quoteattr/_ctokens.c``), built by every install, editable ones too.
- The engine compiled by mypyc, the compiler mypy and black ship with: the ten engine
  modules are plain, fully typed Python, and compiled they run about 1.7× faster. (The
  engine's own value classes are dataclasses rather than attrs classes for this reason:
  mypyc turns dataclasses into native classes with direct field access, while attrs
  classes stay ordinary Python objects.) mypy, its stubs and attrs are build requirements
  (pyproject.toml); the wheel needs none of them at run time.

Editable installs leave the engine interpreted, so that an edit to a module takes effect
without a rebuild. ``QUOTEATTR_COMPILE=1`` compiles it there too (and in
``python setup.py build_ext --inplace``), and makes a failed compile an error;
``QUOTEATTR_COMPILE=0`` never compiles it. Otherwise a failed compile (no compiler, no
mypy) is a warning, and the install goes on with the interpreted engine.
"""

from __future__ import annotations

import os
import sys

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

# The hot path, stage by stage (see quoteattr/_engine.py); the public API, CLI, I/O and the
# optional backends stay interpreted.
ENGINE = [
    "_lexicon", "_tokens", "_text", "_marks", "_mentions", "_site", "_direct", "_indirect", "_entities", "_engine",
]  # fmt: skip

TOKENISER = Extension("quoteattr._ctokens", ["quoteattr/_ctokens.c"], optional=True)

WANTED: str = os.environ.get("QUOTEATTR_COMPILE", "")
if WANTED not in {"", "0", "1"}:
    sys.exit(f"QUOTEATTR_COMPILE is 1 (compile the engine), 0 (don't) or unset (compile wheels), not {WANTED!r}")
COMMANDS: frozenset[str] = frozenset(sys.argv[1:])
REQUIRED: bool = WANTED == "1" and not COMMANDS.isdisjoint({"bdist_wheel", "editable_wheel", "build", "build_ext"})
"""Compile the engine and fail if that fails: asked for, by a command that builds."""
ATTEMPTED: bool = REQUIRED or (WANTED != "0" and "bdist_wheel" in COMMANDS)
"""Compile the engine if that works: every wheel build (``pip install .``) unless told not to."""


def _engine_extensions() -> list[Extension]:
    """mypyc's extensions for the engine: one shared library plus a small shim per module."""
    try:
        from mypyc.build import mypycify

        # group_name: one shared runtime library with a stable name (quoteattr__mypyc), not a hash
        extensions = mypycify([f"quoteattr/{name}.py" for name in ENGINE], opt_level="3", group_name="quoteattr")
    except (ImportError, SystemExit) as error:  # mypy missing, or its type check failed
        if REQUIRED:
            raise
        print(f"warning: quoteattr: the engine stays interpreted (mypyc could not compile it: {error!r})")
        return []
    for extension in extensions:
        extension.optional = not REQUIRED  # a failure is recorded by build_extension, then undone as a whole
    return extensions


ENGINE_EXTENSIONS = _engine_extensions() if ATTEMPTED else []


class BuildExt(build_ext):
    """Builds the compiled engine all or nothing.

    The modules' shims import the shared library, so a build that lost any one part would
    install an engine that cannot be imported: when a part fails, the parts built are
    removed and the interpreted modules stay in charge.
    """

    _failed: frozenset[str] = frozenset()

    def build_extension(self, ext: Extension) -> None:
        try:
            super().build_extension(ext)
        except Exception:
            self._failed |= {ext.name}
            raise  # an optional extension's failure becomes setuptools' warning

    def build_extensions(self) -> None:
        super().build_extensions()
        engine = {ext.name for ext in ENGINE_EXTENSIONS}
        if engine.isdisjoint(self._failed):
            return
        for name in engine:
            path = self.get_ext_fullpath(name)
            if os.path.exists(path):
                os.remove(path)
        self.extensions = [ext for ext in self.extensions if ext.name not in engine]
        self.warn("quoteattr: the engine stays interpreted (a part of its compiled build failed)")


setup(ext_modules=[TOKENISER, *ENGINE_EXTENSIONS], cmdclass={"build_ext": BuildExt})
