"""The ``quoteattr`` command line: a thin layer over the public API.

Each sub-command lives in its own module exposing ``register(subparsers)``, which adds
its parser and sets ``run(args) -> int`` as the handler. User errors are one line on
stderr and a non-zero exit code, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from ..errors import QuoteAttrError

COMMANDS = ("extract", "evaluate", "show", "speakers")
"""Sub-command modules, in the order ``--help`` lists them."""


def engine_build() -> str:
    """Which engine this install runs: ``pip install .`` compiles it where it can and falls
    back to the interpreted one, with a warning only pip's build log shows (setup.py)."""
    from .. import _engine, _tokens

    engine = "compiled" if _engine.__file__.endswith((".so", ".pyd")) else "interpreted"
    tokeniser = "C" if _tokens._native_columns is not None else "regex"
    return f"{engine} engine, {tokeniser} tokeniser"


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser (exposed for documentation and tests)."""
    parser = argparse.ArgumentParser(prog="quoteattr", description="Find who said what in news text.")
    from .. import __version__

    parser.add_argument("--version", action="version", version=f"quoteattr {__version__} ({engine_build()})")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMANDS:
        importlib.import_module(f"{__name__}.{name}").register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the process exit code."""
    args = build_parser().parse_args(argv)
    try:
        code: int = args.run(args)
    except QuoteAttrError as e:
        print(f"quoteattr: error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("quoteattr: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # e.g. `quoteattr extract … | head`
        return 0
    return code
