"""Reading documents from files: JSONL records, plain-text files, standard input.

Bad input never stops a batch: an unreadable file, a line that is not JSON or lacks a
``text`` string becomes an :class:`InputProblem` naming the file and line, and the
reader moves on. The caller decides how to report it.
"""

from __future__ import annotations

import gzip
import json
import os
import sys
from collections.abc import Iterable, Iterator
from typing import IO

import attrs


@attrs.frozen
class Record:
    """One document to analyse; ``source`` says where it came from (``file:line``)."""

    id: str
    text: str
    source: str


@attrs.frozen
class InputProblem:
    """An input that could not be read, and why."""

    source: str
    message: str


def _open_binary(path: str) -> IO[bytes]:
    return gzip.open(path, "rb") if path.endswith(".gz") else open(path, "rb")


def _jsonl_records(lines: Iterable[str | bytes], name: str) -> Iterator[Record | InputProblem]:
    for n, raw in enumerate(lines, 1):
        where = f"{name}:{n}"
        if isinstance(raw, bytes):  # decoded line by line so one bad line costs only itself
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as e:
                yield InputProblem(where, f"not UTF-8 (byte {e.start} of the line: {e.reason})")
                continue
        else:
            line = raw
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as e:
            yield InputProblem(where, f"not JSON ({e.msg} at column {e.colno})")
            continue
        if not isinstance(data, dict) or not isinstance(data.get("text"), str):
            yield InputProblem(where, 'expected an object with a "text" string')
            continue
        doc_id = data.get("id")
        yield Record(str(doc_id) if doc_id is not None else where, data["text"], where)


def _expand(paths: Iterable[str]) -> Iterator[str]:
    """Directories stand for the .txt, .jsonl and .jsonl.gz files inside them (sorted, recursive)."""
    for path in paths:
        if path != "-" and os.path.isdir(path):
            for root, dirs, files in os.walk(path):
                dirs.sort()
                for f in sorted(files):
                    if f.endswith((".txt", ".jsonl", ".jsonl.gz", ".txt.gz")):
                        yield os.path.join(root, f)
        else:
            yield path


def read_inputs(paths: Iterable[str], stdin: IO[str] | None = None) -> Iterator[Record | InputProblem]:
    """Yield the documents of every path in order: ``.jsonl`` (one ``{"id","text"}`` a
    line, optionally ``.gz``), any other file as one text document (id = file name), and
    ``-`` for standard input (JSONL when it starts with ``{``, else one text document)."""
    for path in _expand(paths):
        if path == "-":
            stream = stdin if stdin is not None else sys.stdin
            data = stream.read()
            if data.lstrip().startswith("{"):
                yield from _jsonl_records(data.splitlines(), "<stdin>")
            else:
                yield Record("stdin", data, "<stdin>")
            continue
        try:
            if path.endswith((".jsonl", ".jsonl.gz")):
                with _open_binary(path) as f:
                    yield from _jsonl_records(f, path)
            else:
                with _open_binary(path) as f:
                    text = f.read().decode("utf-8")
                name = os.path.basename(path)
                yield Record(name[:-3] if name.endswith(".gz") else name, text, path)
        except UnicodeDecodeError as e:
            yield InputProblem(path, f"not UTF-8 (byte {e.start}: {e.reason})")
        except (OSError, EOFError) as e:
            yield InputProblem(path, e.strerror or str(e) if isinstance(e, OSError) else str(e))
