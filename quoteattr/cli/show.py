"""``quoteattr show``: documents in, HTML pages out, every quotation highlighted.

Inputs are texts to extract from (``.txt``, ``.jsonl`` with ``{"id", "text"}`` lines) or
saved results (quoteattr/1 documents, as ``quoteattr extract --format json`` writes
them), which are shown as saved, without extracting again. One document gives one page;
several give one page each plus an ``index.html``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import sys
import urllib.parse
import webbrowser
import zlib
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from .._extractor import Extractor
from .._io import InputProblem, Record, read_inputs
from ..errors import QuoteAttrError, SchemaError
from ..model import Document
from ..render import render_html, render_index

_JSON_SUFFIXES = (".json", ".jsonl", ".json.gz", ".jsonl.gz")
_INPUT_SUFFIXES = (*_JSON_SUFFIXES, ".txt", ".txt.gz")
_PAGE_SUFFIXES = (".html", ".htm")
_UNSAFE_IN_NAME = re.compile(r"[^\w.-]+")
"""Runs of characters kept out of page file names (path separators, spaces, colons …)."""

_Item = tuple[str, Document] | Record | InputProblem


def register(subparsers: Any) -> None:
    """Add the ``show`` sub-command."""
    p: argparse.ArgumentParser = subparsers.add_parser(
        "show",
        help="render documents as HTML pages with their quotations highlighted",
        description="Render documents as self-contained HTML pages with quotations highlighted by kind "
        "and labelled by speaker. Saved quoteattr/1 documents (.json/.jsonl) are shown as saved; "
        "other inputs are extracted first.",
    )
    p.add_argument(
        "inputs",
        nargs="+",
        metavar="IN",
        help='.txt, .jsonl ({"id","text"} or quoteattr/1 lines), .json, a directory, or - for stdin',
    )
    p.add_argument(
        "-o",
        "--output",
        default=None,
        help="page file (ending .html) for one document, or a directory for one page per document "
        "plus index.html (default: <id>.html, or the current directory for several documents)",
    )
    p.add_argument("--open", action="store_true", help="open the page (or the index) in a web browser")
    p.add_argument(
        "--backend",
        choices=("builtin", "stanza"),
        default="builtin",
        help="backend for inputs that need extracting (default: builtin)",
    )
    p.set_defaults(run=run)


def _json_item(data: Any, where: str) -> _Item:
    """A saved document, a text to extract, or the reason it is neither."""
    if isinstance(data, dict) and "schema" in data:
        try:
            document = Document.from_dict(data)
        except SchemaError as e:
            return InputProblem(where, str(e))
        return (where if document.id is None else document.id), document
    if isinstance(data, dict) and isinstance(data.get("text"), str):
        doc_id = data.get("id")
        return Record(where if doc_id is None else str(doc_id), data["text"], where)
    return InputProblem(where, 'expected a quoteattr/1 document or an object with a "text" string')


def _json_lines(lines: Iterable[str], name: str) -> Iterator[_Item]:
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as e:
            yield InputProblem(f"{name}:{n}", f"not JSON ({e.msg} at column {e.colno})")
            continue
        yield _json_item(data, f"{name}:{n}")


def _json_file(path: str) -> Iterator[_Item]:
    """A ``.json`` file holding one document or a list of them, or JSON lines."""
    try:
        with gzip.open(path, "rb") if path.endswith(".gz") else open(path, "rb") as f:
            raw = f.read().decode("utf-8")
    except UnicodeDecodeError as e:
        yield InputProblem(path, f"not UTF-8 (byte {e.start}: {e.reason})")
        return
    except (OSError, EOFError, zlib.error) as e:
        yield InputProblem(path, e.strerror or str(e) if isinstance(e, OSError) else str(e))
        return
    if path.endswith((".json", ".json.gz")):
        try:
            data = json.loads(raw)
        except json.JSONDecodeError:
            pass  # not a single JSON value: JSON lines, as `extract --format json` writes
        else:
            items = data if isinstance(data, list) else [data]
            for i, item in enumerate(items):
                yield _json_item(item, f"{path}[{i}]" if isinstance(data, list) else path)
            return
    # split on "\n" only: JSON written with ensure_ascii=False may hold a raw U+2028 in a string
    yield from _json_lines(raw.split("\n"), path)


def _stdin(stream: IO[bytes]) -> Iterator[_Item]:
    try:
        data = stream.read().decode("utf-8")
    except UnicodeDecodeError as e:
        yield InputProblem("<stdin>", f"not UTF-8 (byte {e.start}: {e.reason})")
        return
    if data.lstrip().startswith("{"):
        yield from _json_lines(data.split("\n"), "<stdin>")
    else:
        yield Record("stdin", data, "<stdin>")


def _items(paths: Iterable[str]) -> Iterator[_Item]:
    """Every input in order; a directory stands for the input files inside it (sorted)."""
    for path in paths:
        if path == "-":
            yield from _stdin(sys.stdin.buffer)
        elif os.path.isdir(path):
            for root, dirs, files in os.walk(path):
                dirs.sort()
                for f in sorted(files):
                    if f.endswith(_INPUT_SUFFIXES):
                        yield from _items([os.path.join(root, f)])
        elif path.endswith(_JSON_SUFFIXES):
            yield from _json_file(path)
        else:
            yield from read_inputs([path])


def _documents(paths: Sequence[str], backend: str) -> Iterator[tuple[str, Document] | InputProblem]:
    extractor = Extractor(backend=backend)
    for item in _items(paths):
        if isinstance(item, Record):
            try:
                yield item.id, extractor.extract(item.text, id=item.id)
            except QuoteAttrError as e:
                yield InputProblem(item.source, str(e))
        else:
            yield item


def _page_name(doc_id: str, used: set[str]) -> str:
    """A file stem for the document's page, safe on any file system and not yet used
    (compared case-insensitively, for macOS and Windows)."""
    stem = doc_id.removesuffix(".txt")
    base = _UNSAFE_IN_NAME.sub("_", stem).strip("._")[:100] or "document"
    name, n = base, 1
    while name.casefold() in used:
        n += 1
        name = f"{base}-{n}"
    used.add(name.casefold())
    return name


def _write_site(directory: Path, documents: Sequence[tuple[str, Document]]) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    used = {"index"}
    entries = []
    for doc_id, document in documents:
        page = f"{_page_name(doc_id, used)}.html"
        (directory / page).write_text(render_html(document, title=doc_id), encoding="utf-8")
        entries.append((doc_id, document, urllib.parse.quote(page)))
    index = directory / "index.html"
    index.write_text(render_index(entries), encoding="utf-8")
    return index


def run(args: argparse.Namespace) -> int:
    """Render every input; bad inputs are reported and skipped, exit 1 if any."""
    failures = 0
    documents: list[tuple[str, Document]] = []
    for item in _documents(args.inputs, args.backend):
        if isinstance(item, InputProblem):
            failures += 1
            print(f"quoteattr: {item.source}: {item.message}; skipped", file=sys.stderr)
        else:
            documents.append(item)
    if not documents:
        print("quoteattr: no document to show", file=sys.stderr)
        return 1
    output: str | None = args.output
    one_file = output is not None and output.lower().endswith(_PAGE_SUFFIXES)
    if one_file and len(documents) > 1:
        print(
            f"quoteattr: error: -o {output} names one page, but the inputs hold {len(documents)} "
            "documents; give a directory instead",
            file=sys.stderr,
        )
        return 2
    try:
        if len(documents) == 1 and (one_file or output is None):
            doc_id, document = documents[0]
            target = Path(output or f"{_page_name(doc_id, set())}.html")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(render_html(document, title=doc_id), encoding="utf-8")
        else:
            target = _write_site(Path(output or "."), documents)
    except OSError as e:
        print(f"quoteattr: error: cannot write {e.filename or output}: {e.strerror or e}", file=sys.stderr)
        return 2
    print(target)
    if args.open and not webbrowser.open(target.resolve().as_uri()):
        print(f"quoteattr: no web browser found; open {target} yourself", file=sys.stderr)
    return 1 if failures else 0
