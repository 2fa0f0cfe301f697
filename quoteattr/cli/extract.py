"""``quoteattr extract``: documents in, quotations out (JSONL for tools, CSV/Parquet for
tables, a readable listing for people), streaming, on as many cores as asked.

Nothing is held back: each result is written as soon as it (and every result before it)
is ready, so an interrupted run keeps its output and ``--resume`` carries on from it.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Iterator
from typing import IO, Any, Protocol

from .._extractor import DEFAULT_MAX_CHARS, Extractor
from .._io import InputProblem, Record, count_documents, read_inputs
from .._progress import Progress
from .._tabular import CsvWriter, ParquetWriter, csv_done_ids, quote_rows
from ..errors import SchemaError
from ..model import Document
from ..parallel import Failed, extract_many

FORMATS = ("jsonl", "json", "table", "csv", "parquet")
RESUMABLE = ("jsonl", "json", "csv")
SUFFIX_FORMATS = {".csv": "csv", ".parquet": "parquet"}
"""Output file name endings that choose the format when ``--format`` is not given."""


def _jobs(value: str) -> int:
    try:
        jobs = int(value)
    except ValueError:
        jobs = 0
    if jobs < 1 and jobs != -1:
        raise argparse.ArgumentTypeError(f"expected a number of processes or -1 (all cores), got {value!r}")
    return jobs


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"expected a positive whole number, got {value!r}")
    return int(value)


def register(subparsers: Any) -> None:
    """Add the ``extract`` sub-command."""
    p: argparse.ArgumentParser = subparsers.add_parser(
        "extract",
        help="find quotations in documents",
        description="Find quotations in .jsonl ({\"id\",\"text\"} per line, optionally .gz), .txt files, "
        "directories of them, or - (stdin). Failed inputs are reported and skipped (exit code 1).",
    )
    p.add_argument("inputs", nargs="+", metavar="IN", help=".jsonl(.gz), .txt, a directory, or - for stdin")
    p.add_argument("-o", "--output", default="-", help="output file (default: stdout)")
    p.add_argument(
        "--format",
        choices=FORMATS,
        default=None,
        help="jsonl: one scorer-compatible line per document; json: full quoteattr/1 documents "
        "one per line; table: readable; csv, parquet: one row per quote (parquet needs -o FILE). "
        "Default: from the -o suffix (.csv, .parquet), else table on a terminal, else jsonl",
    )
    p.add_argument("--backend", choices=("builtin", "stanza"), default="builtin")
    p.add_argument("-j", "--jobs", type=_jobs, default=1, metavar="N",
                   help="worker processes (default 1; -1 = every core)")
    p.add_argument("--resume", action="store_true",
                   help="skip documents whose ids are already in the output file and append the rest")
    p.add_argument("--errors-to", metavar="PATH", default=None,
                   help="JSONL file for failed inputs (id, source, error, reason); default: "
                   "<output>.errors.jsonl when -o is a file, else lines on stderr")
    p.add_argument("--max-chars", type=_positive, default=DEFAULT_MAX_CHARS, metavar="N",
                   help=f"refuse documents longer than N characters (default {DEFAULT_MAX_CHARS:,})")
    p.set_defaults(run=run)


class _Writer(Protocol):
    def write(self, doc: Document, doc_id: str | None) -> None: ...

    def close(self) -> None: ...


class _LineWriter:
    """jsonl, json and table output to a text stream."""

    def __init__(self, out: IO[str], fmt: str) -> None:
        self._out = out
        self._fmt = fmt

    def write(self, doc: Document, doc_id: str | None) -> None:
        if self._fmt == "json":
            self._out.write(doc.to_json() + "\n")
        elif self._fmt == "jsonl":
            self._out.write(json.dumps(doc.score_record(), ensure_ascii=False) + "\n")
        else:
            self._write_table(doc, doc_id)

    def _write_table(self, doc: Document, doc_id: str | None) -> None:
        self._out.write(f"== {doc_id}: {len(doc.quotes)} quotation(s)\n")
        for row in quote_rows(doc, doc_id):
            extra = ", ".join(x for x in (row["role"], row["country"]) if x)
            content = " ".join(row["content"].split())
            if len(content) > 90:
                content = content[:87] + "..."
            who = row["speaker"] or "?"
            self._out.write(f"  {row['kind']:<8} {who}{f' ({extra})' if extra else ''}: {content}\n")

    def close(self) -> None:
        self._out.flush()


class _ErrorLog:
    """Failed inputs: JSONL records in a file (opened at the first failure), or stderr lines."""

    def __init__(self, path: str | None, progress: Progress, *, append: bool) -> None:
        self.path = path
        self.count = 0
        self._progress = progress
        self._file: IO[str] | None = None
        self._mode = "a" if append else "w"
        if path is not None and not append and os.path.exists(path):
            open(path, "w").close()  # no stale failures from an earlier run

    def add(self, doc_id: str | None, source: str | None, error: str, reason: str) -> None:
        self.count += 1
        if self.path is None:
            self._progress.note(f"quoteattr: {source or doc_id}: {reason}; skipped")
            return
        if self._file is None:
            self._file = open(self.path, self._mode, encoding="utf-8")  # noqa: SIM115 - closed in close()
        record = {"id": doc_id, "source": source, "error": error, "reason": reason}
        self._file.write(json.dumps(record, ensure_ascii=False) + "\n")

    def __enter__(self) -> _ErrorLog:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._file is not None:
            self._file.close()


def _done_ids(path: str, fmt: str) -> set[str]:
    """Ids already in ``path``; a torn last line (or CSV document) is cut off for redoing."""
    if not os.path.exists(path):
        return set()
    with open(path, "r+b") as f:
        if fmt == "csv":
            done, keep = csv_done_ids(f)
        else:
            done, keep = set(), 0
            for n, line in enumerate(f, 1):
                try:
                    record = json.loads(line) if line.endswith(b"\n") else None
                except ValueError:
                    record = None
                if not isinstance(record, dict) or "id" not in record:
                    if f.read(1):  # a bad line with more after it: not a torn tail
                        raise SchemaError(f"cannot resume: line {n} of {path} is not a {fmt} record")
                    break
                done.add(str(record["id"]))
                keep += len(line)
        f.truncate(keep)
    return done


def _usage_error(args: argparse.Namespace, fmt: str) -> str | None:
    to_file = args.output != "-"
    if fmt == "parquet" and not to_file:
        return "--format parquet needs an output file: add -o FILE.parquet"
    if args.resume and not to_file:
        return "--resume needs an output file (-o FILE) to read the finished ids from"
    if args.resume and fmt not in RESUMABLE:
        return f"--resume works with --format {', '.join(RESUMABLE)}, not {fmt}"
    return None


def _open_writer(fmt: str, path: str, append: bool) -> tuple[_Writer, IO[str] | None]:
    """The writer, and the text stream it writes to when this command must close it."""
    if fmt == "parquet":
        return ParquetWriter(path), None
    if path == "-":
        out, owned = sys.stdout, None
    else:  # held open for the whole run; run() closes it
        out = owned = open(path, "a" if append else "w", encoding="utf-8", newline="")  # noqa: SIM115
    if fmt == "csv":
        return CsvWriter(out, header=owned is None or out.tell() == 0), owned
    return _LineWriter(out, fmt), owned


def run(args: argparse.Namespace) -> int:
    """Extract from every input; bad inputs are reported and skipped, exit 1 if any."""
    suffix = os.path.splitext(args.output)[1].lower()
    tty_out = args.output == "-" and sys.stdout.isatty()
    fmt = args.format or SUFFIX_FORMATS.get(suffix) or ("table" if tty_out else "jsonl")
    problem = _usage_error(args, fmt)
    if problem is not None:
        print(f"quoteattr: error: {problem}", file=sys.stderr)
        return 2
    try:
        return _extract_all(args, fmt)
    except ModuleNotFoundError as e:  # pyarrow for parquet: the message names the extra
        print(f"quoteattr: error: {e.msg}", file=sys.stderr)
    except BrokenPipeError:  # `| head`: handled by main()
        raise
    except OSError as e:  # output or error file not writable, disk full, …; what was written stays
        print(f"quoteattr: error: {e.strerror or e}: {e.filename or args.output}", file=sys.stderr)
    return 2


def _extract_all(args: argparse.Namespace, fmt: str) -> int:
    extractor = Extractor(backend=args.backend, max_chars=args.max_chars)
    done = _done_ids(args.output, fmt) if args.resume else set()
    with contextlib.ExitStack() as closing:  # closes everything even if one close fails
        writer, owned = _open_writer(fmt, args.output, append=args.resume)
        if owned is not None:
            closing.callback(owned.close)
        closing.callback(writer.close)
        # a status line only on a terminal, and not over results printed to that terminal
        show = sys.stderr.isatty() and not (args.output == "-" and sys.stdout.isatty())
        total = count_documents(args.inputs) if show else None
        progress = Progress(sys.stderr, total=None if total is None else max(total - len(done), 0), enabled=show)
        errors_to = args.errors_to or (f"{args.output}.errors.jsonl" if args.output != "-" else None)
        errors = closing.enter_context(_ErrorLog(errors_to, progress, append=args.resume))
        closing.callback(progress.close)

        def records() -> Iterator[Record]:
            for item in read_inputs(args.inputs):
                if isinstance(item, InputProblem):
                    errors.add(None, item.source, "BadInput", item.message)
                    progress.advance()
                elif item.id not in done:
                    yield item

        for result in extract_many(records(), n_jobs=args.jobs, extractor=extractor):
            if isinstance(result, Failed):
                errors.add(result.id, result.source, result.error_type, result.message)
                progress.advance()
            else:
                writer.write(result.document, result.id)
                progress.advance(result.document.text)
    if errors.count:
        where = f"; see {errors.path}" if errors.path else ""
        print(f"quoteattr: {errors.count} input(s) failed{where}", file=sys.stderr)
    return 1 if errors.count else 0
