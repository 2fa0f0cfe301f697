"""``quoteattr extract``: documents in, quotations out (JSONL for tools, a table for people)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import IO, Any

from .._extractor import Extractor
from .._io import InputProblem, read_inputs
from ..errors import QuoteAttrError
from ..model import Document

FORMATS = ("jsonl", "json", "table")


def register(subparsers: Any) -> None:
    """Add the ``extract`` sub-command."""
    p: argparse.ArgumentParser = subparsers.add_parser(
        "extract",
        help="find quotations in documents",
        description="Find quotations in .jsonl ({\"id\",\"text\"} per line), .txt files or - (stdin).",
    )
    p.add_argument("inputs", nargs="+", metavar="IN", help=".jsonl, .txt, a directory, or - for stdin")
    p.add_argument("-o", "--output", default="-", help="output file (default: stdout)")
    p.add_argument(
        "--format",
        choices=FORMATS,
        default=None,
        help="jsonl: one scorer-compatible line per document; json: full quoteattr/1 documents "
        "one per line; table: readable (default on a terminal, else jsonl)",
    )
    p.add_argument("--backend", choices=("builtin", "stanza"), default="builtin")
    p.set_defaults(run=run)


def _write_table(doc: Document, doc_id: str, out: IO[str]) -> None:
    out.write(f"== {doc_id}: {len(doc.quotes)} quotation(s)\n")
    for q in doc.quotes:
        speaker = doc.speaker_of(q)
        who = "?" if speaker is None else speaker.name
        extra = ", ".join(x for x in (speaker.role, speaker.country) if x) if speaker else ""
        content = " ".join((doc.text_of(q.content) or "").split())
        if len(content) > 90:
            content = content[:87] + "..."
        out.write(f"  {q.kind.value:<8} {who}{f' ({extra})' if extra else ''}: {content}\n")


def run(args: argparse.Namespace) -> int:
    """Extract from every input; bad inputs are reported and skipped, exit 1 if any."""
    fmt = args.format or ("table" if args.output == "-" and sys.stdout.isatty() else "jsonl")
    extractor = Extractor(backend=args.backend)
    failures = 0
    out: IO[str] = sys.stdout if args.output == "-" else open(args.output, "w", encoding="utf-8")
    try:
        for item in read_inputs(args.inputs):
            if isinstance(item, InputProblem):
                failures += 1
                print(f"quoteattr: {item.source}: {item.message}; skipped", file=sys.stderr)
                continue
            try:
                doc = extractor.extract(item.text, id=item.id)
            except QuoteAttrError as e:
                failures += 1
                print(f"quoteattr: {item.source}: {e}; skipped", file=sys.stderr)
                continue
            if fmt == "table":
                _write_table(doc, item.id, out)
            elif fmt == "json":
                out.write(doc.to_json() + "\n")
            else:
                out.write(json.dumps(doc.score_record(), ensure_ascii=False) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()
    if failures:
        print(f"quoteattr: {failures} input(s) failed", file=sys.stderr)
    return 1 if failures else 0
