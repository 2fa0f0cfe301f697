"""``quoteattr evaluate``: score predictions (or the library itself) against gold JSONL."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from .._extractor import Extractor
from ..errors import QuoteAttrError
from ..evaluate import evaluate


def register(subparsers: Any) -> None:
    """Add the ``evaluate`` sub-command."""
    p: argparse.ArgumentParser = subparsers.add_parser(
        "evaluate",
        help="score quotations against gold annotations",
        description="Score PRED (flat JSONL from 'quoteattr extract --format jsonl') against GOLD, with "
        "the rules of the project scorer; without PRED, extract from the gold texts and score that.",
    )
    p.add_argument("gold", metavar="GOLD.jsonl", help='gold records {"id", "text", "quotes": [...]}')
    p.add_argument("pred", metavar="PRED.jsonl", nargs="?", default=None,
                   help="predictions (default: run the extractor on the gold texts)")
    p.add_argument("--errors", type=int, default=0, metavar="N",
                   help="also list the first N misses, extras and wrong speakers, roles or countries")
    p.add_argument("--json", action="store_true", help="print one JSON object (figures, counts, errors)")
    p.add_argument("--overlap", type=float, default=0.5,
                   help="least Jaccard overlap of spans for a match (default 0.5)")
    p.add_argument("--backend", choices=("builtin", "stanza"), default="builtin",
                   help="extractor backend when PRED is not given")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the evaluation; exit 2 when a file cannot be read."""
    extractor = Extractor(backend=args.backend) if args.pred is None else None
    try:
        result = evaluate(args.gold, args.pred, overlap=args.overlap, extractor=extractor)
    except OSError as e:
        if isinstance(e, QuoteAttrError) or e.filename is None or e.filename not in (args.gold, args.pred):
            raise  # QuoteAttrError (missing models …): main() reports it; anything else deserves its traceback
        print(f"quoteattr: error: {e.filename}: {e.strerror or e}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(result.to_dict(max_errors=args.errors), ensure_ascii=False))
        return 0
    print(result.summary())
    shown = result.errors[: max(0, args.errors)]
    if shown:
        print(f"\nfirst {len(shown)} of {len(result.errors)} errors:")
        for error in shown:
            print(f"  {error}")
    return 0
