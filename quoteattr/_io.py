"""Reading documents from files: JSONL records, plain-text files, standard input.

Bad input never stops a batch: an unreadable file, a line that is not JSON or lacks a
``text`` string becomes an :class:`InputProblem` naming the file and line, and the
reader moves on. The caller decides how to report it.
"""

from __future__ import annotations

import gzip
import io
import itertools
import json
import os
import sys
import zlib
from collections.abc import Iterable, Iterator
from typing import IO, Any

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


def _open_binary(path: str) -> gzip.GzipFile | io.BufferedReader:
    return gzip.open(path, "rb") if path.endswith(".gz") else open(path, "rb")


def json_objects(lines: Iterable[str | bytes], name: str) -> Iterator[tuple[str, Any] | InputProblem]:
    """Each non-blank line parsed as JSON, with its ``file:line``; a line that is not UTF-8
    or not JSON becomes an :class:`InputProblem` (decoded line by line, so one bad line
    costs only itself)."""
    for n, raw in enumerate(lines, 1):
        where = f"{name}:{n}"
        try:
            line = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        except UnicodeDecodeError as e:
            yield InputProblem(where, f"not UTF-8 (byte {e.start} of the line: {e.reason})")
            continue
        if not line.strip():
            continue
        try:
            yield where, json.loads(line)
        except json.JSONDecodeError as e:
            yield InputProblem(where, f"not JSON ({e.msg} at column {e.colno})")


def _jsonl_records(lines: Iterable[str | bytes], name: str) -> Iterator[Record | InputProblem]:
    for item in json_objects(lines, name):
        if isinstance(item, InputProblem):
            yield item
            continue
        where, data = item
        if not isinstance(data, dict) or not isinstance(data.get("text"), str):
            yield InputProblem(where, 'expected an object with a "text" string')
            continue
        doc_id = data.get("id")
        yield Record(str(doc_id) if doc_id is not None else where, data["text"], where)


JSONL_SUFFIXES = (".jsonl", ".jsonl.gz")
TEXT_SUFFIXES = (".txt", ".txt.gz")


def _expand(paths: Iterable[str]) -> Iterator[tuple[str, str]]:
    """``(path, name)`` of every input file; a directory stands for the .txt, .jsonl and
    .jsonl.gz files inside it (sorted, recursive), named by their path relative to it so
    that ``a/1.txt`` and ``b/1.txt`` keep distinct ids."""
    for path in paths:
        if path != "-" and os.path.isdir(path):
            for root, dirs, files in os.walk(path):
                dirs.sort()
                for f in sorted(files):
                    if f.endswith(JSONL_SUFFIXES + TEXT_SUFFIXES):
                        full = os.path.join(root, f)
                        yield full, os.path.relpath(full, path).replace(os.sep, "/")
        else:
            yield path, os.path.basename(path)


def count_documents(paths: Iterable[str]) -> int | None:
    """How many documents :func:`read_inputs` will yield, when that is cheap to know: the
    number of files if none is JSONL or standard input, else None (counting the lines of a
    large JSONL would cost nearly as much as reading it)."""
    count = 0
    for path, _ in _expand(paths):
        if path == "-" or path.endswith(JSONL_SUFFIXES):
            return None
        count += 1
    return count


def _read_stdin(stream: IO[str] | IO[bytes]) -> Iterator[Record | InputProblem]:
    """JSONL when the first non-blank line starts with ``{`` (read lazily, line by line),
    else the whole stream as one text document."""
    lines: Iterator[str | bytes] = iter(stream)
    head: list[str | bytes] = []
    for line in lines:
        head.append(line)
        if line.strip():
            break
    first = head[-1].lstrip() if head else ""
    if first[:1] in ("{", b"{"):
        yield from _jsonl_records(itertools.chain(head, lines), "<stdin>")
        return
    parts = [*head, *lines]
    if parts and isinstance(parts[0], bytes):
        try:
            text = b"".join(p for p in parts if isinstance(p, bytes)).decode("utf-8")
        except UnicodeDecodeError as e:
            yield InputProblem("<stdin>", f"not UTF-8 (byte {e.start}: {e.reason})")
            return
    else:
        text = "".join(p for p in parts if isinstance(p, str))
    yield Record("stdin", text, "<stdin>")


def read_inputs(
    paths: Iterable[str], stdin: IO[str] | IO[bytes] | None = None
) -> Iterator[Record | InputProblem]:
    """Yield the documents of every path in order, lazily: ``.jsonl`` (one ``{"id","text"}``
    a line, optionally ``.gz``), any other file as one text document (id = file name, or
    the path below a directory given as input), and ``-`` for standard input (JSONL when
    it starts with ``{``, else one text document)."""
    for path, name in _expand(paths):
        if path == "-":
            # bytes when possible, so that one line that is not UTF-8 costs only itself
            yield from _read_stdin(stdin if stdin is not None else getattr(sys.stdin, "buffer", sys.stdin))
            continue
        try:
            if path.endswith(JSONL_SUFFIXES):
                with _open_binary(path) as f:
                    yield from _jsonl_records(f, path)
            else:
                with _open_binary(path) as f:
                    text = f.read().decode("utf-8")
                yield Record(name[:-3] if name.endswith(".gz") else name, text, path)
        except UnicodeDecodeError as e:
            yield InputProblem(path, f"not UTF-8 (byte {e.start}: {e.reason})")
        except (OSError, EOFError, zlib.error) as e:  # unreadable, or a truncated/corrupt .gz
            yield InputProblem(path, e.strerror or str(e) if isinstance(e, OSError) else str(e))
