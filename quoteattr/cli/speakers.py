"""``quoteattr speakers``: who said what across documents, one row per person or organisation.

Inputs are texts to extract from (as for ``extract``) or documents already extracted
(``quoteattr extract --format json`` lines, schema ``quoteattr/1``), so a corpus can be
indexed again without extracting it again.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import os
import sys
import zlib
from collections.abc import Iterable, Iterator
from typing import IO, Any

import attrs

from .._extractor import Extractor
from .._io import InputProblem, Record, json_objects, read_inputs
from .._schema import SCHEMA
from ..errors import QuoteAttrError
from ..index import DEFAULT_THRESHOLD, SpeakerCluster, SpeakerIndex
from ..model import Document

FORMATS = ("table", "jsonl", "csv")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz")
CSV_COLUMNS = ("id", "name", "kind", "variants", "roles", "countries", "quotes", "documents")
TABLE_NAME_WIDTH = 32
TABLE_VARIANTS_WIDTH = 40
NUMERIC_FROM = 4
"""Table columns from this one on are counts, right-aligned."""


@attrs.frozen
class _Loaded:
    """A document read ready-made from a quoteattr/1 line."""

    source: str
    document: Document


def _non_negative(value: str) -> int:
    number = int(value)
    if number < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, got {number}")
    return number


def _threshold(value: str) -> float:
    number = float(value)
    if not 0.5 <= number <= 1.0:
        raise argparse.ArgumentTypeError(f"must be between 0.5 and 1.0, got {number}")
    return number


def register(subparsers: Any) -> None:
    """Add the ``speakers`` sub-command."""
    p: argparse.ArgumentParser = subparsers.add_parser(
        "speakers",
        help="group the speakers of many documents into people and organisations",
        description="Index who said what across documents: texts are extracted first, quoteattr/1 "
        "documents (from `quoteattr extract --format json`) are read as they are.",
    )
    p.add_argument(
        "inputs",
        nargs="+",
        metavar="IN",
        help=".jsonl (texts or quoteattr/1 documents), .txt, a directory, or - for stdin",
    )
    p.add_argument("-o", "--output", default="-", help="output file (default: stdout)")
    p.add_argument(
        "--format",
        choices=FORMATS,
        default=None,
        help="table (default on stdout), jsonl (default with -o: one speaker per line), csv (default with -o FILE.csv)",
    )
    p.add_argument(
        "--min-quotes",
        type=_non_negative,
        default=1,
        metavar="N",
        help="only speakers with at least N quotes (default 1)",
    )
    p.add_argument(
        "--threshold",
        type=_threshold,
        default=DEFAULT_THRESHOLD,
        help=f"how alike names must be to merge, 0.5-1.0 (default {DEFAULT_THRESHOLD}; lower merges more)",
    )
    p.add_argument("--backend", choices=("builtin", "stanza"), default="builtin")
    p.set_defaults(run=run)


def _json_lines(lines: Iterable[str | bytes], name: str) -> Iterator[Record | _Loaded | InputProblem]:
    """Each line: a quoteattr/1 document, or an ``{"id","text"}`` record to extract."""
    for item in json_objects(lines, name):
        if isinstance(item, InputProblem):
            yield item
            continue
        where, data = item
        if isinstance(data, dict) and "schema" in data:
            try:
                doc = Document.from_dict(data)
            except QuoteAttrError as e:
                yield InputProblem(where, str(e))
                continue
            yield _Loaded(where, doc if doc.id is not None else attrs.evolve(doc, id=where))
        elif isinstance(data, dict) and isinstance(data.get("text"), str):
            doc_id = data.get("id")
            yield Record(where if doc_id is None else str(doc_id), data["text"], where)
        else:
            yield InputProblem(where, f'expected a {SCHEMA} document or an object with a "text" string')


def _read(paths: Iterable[str], stdin: IO[str]) -> Iterator[Record | _Loaded | InputProblem]:
    """Like :func:`~quoteattr._io.read_inputs`, but JSONL lines may also be quoteattr/1
    documents; texts and plain files go through ``read_inputs`` itself."""
    for path in paths:
        if path == "-":
            data = stdin.read()
            if data.lstrip().startswith("{"):
                yield from _json_lines(data.splitlines(), "<stdin>")
            else:
                yield Record("stdin", data, "<stdin>")
        elif os.path.isdir(path):
            for root, dirs, files in os.walk(path):
                dirs.sort()
                for name in sorted(files):
                    full = os.path.join(root, name)
                    if name.endswith(JSONL_SUFFIXES):
                        yield from _jsonl_file(full)
                    elif name.endswith((".txt", ".txt.gz")):
                        relative = os.path.relpath(full, path).replace(os.sep, "/").removesuffix(".gz")
                        for item in read_inputs([full]):
                            yield attrs.evolve(item, id=relative) if isinstance(item, Record) else item
        elif path.endswith(JSONL_SUFFIXES):
            yield from _jsonl_file(path)
        else:
            yield from read_inputs([path])


def _jsonl_file(path: str) -> Iterator[Record | _Loaded | InputProblem]:
    try:
        with gzip.open(path, "rb") if path.endswith(".gz") else open(path, "rb") as f:
            yield from _json_lines(f, path)
    except (OSError, EOFError, zlib.error) as e:  # unreadable, or a truncated/corrupt .gz
        yield InputProblem(path, e.strerror or str(e) if isinstance(e, OSError) else str(e))


def _joined(counts: Iterable[tuple[str, int]]) -> str:
    return "; ".join(f"{value} ({count})" for value, count in counts)


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 3] + "..."


def _write_table(clusters: list[SpeakerCluster], out: IO[str]) -> None:
    header = ("name", "variants", "role", "country", "quotes", "docs")
    rows = []
    for c in clusters:
        others = ", ".join(v for v, _ in c.variants if v != c.canonical_name)
        rows.append(
            (
                _clip(c.canonical_name, TABLE_NAME_WIDTH),
                _clip(others, TABLE_VARIANTS_WIDTH),
                _clip(c.role or "", TABLE_NAME_WIDTH),
                c.country or "",
                str(len(c.quotes)),
                str(c.n_documents),
            )
        )
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        pairs = enumerate(zip(row, widths, strict=True))
        cells = [cell.rjust(w) if i >= NUMERIC_FROM else cell.ljust(w) for i, (cell, w) in pairs]
        out.write("  ".join(cells).rstrip() + "\n")


def _write_csv(clusters: list[SpeakerCluster], out: IO[str]) -> None:
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for c in clusters:
        writer.writerow(
            [
                c.id,
                c.canonical_name,
                c.kind.value,
                _joined(c.variants),
                _joined(c.roles),
                _joined(c.countries),
                len(c.quotes),
                c.n_documents,
            ]
        )


def _write(clusters: list[SpeakerCluster], fmt: str, out: IO[str]) -> None:
    if fmt == "table":
        _write_table(clusters, out)
    elif fmt == "csv":
        _write_csv(clusters, out)
    else:
        for c in clusters:
            out.write(json.dumps(c.to_dict(), ensure_ascii=False) + "\n")


def run(args: argparse.Namespace) -> int:
    """Index every input and write the speakers; bad inputs are reported and skipped, exit 1 if any."""
    fmt = args.format or ("table" if args.output == "-" else "csv" if args.output.endswith(".csv") else "jsonl")
    index = SpeakerIndex(threshold=args.threshold)
    extractor = Extractor(backend=args.backend)
    failures = 0
    for item in _read(args.inputs, sys.stdin):
        if isinstance(item, InputProblem):
            failures += 1
            print(f"quoteattr: {item.source}: {item.message}; skipped", file=sys.stderr)
            continue
        try:
            doc = extractor.extract(item.text, id=item.id) if isinstance(item, Record) else item.document
            index.add(doc)
        except QuoteAttrError as e:
            failures += 1
            print(f"quoteattr: {item.source}: {e}; skipped", file=sys.stderr)
    clusters = [c for c in index.clusters() if len(c.quotes) >= args.min_quotes]
    if args.output == "-":
        _write(clusters, fmt, sys.stdout)
    else:
        with open(args.output, "w", encoding="utf-8", newline="") as out:
            _write(clusters, fmt, out)
    if failures:
        print(f"quoteattr: {failures} input(s) failed", file=sys.stderr)
    return 1 if failures else 0
