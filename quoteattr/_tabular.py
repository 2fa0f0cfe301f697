"""Quotes as flat rows, one per quotation: the shape of CSV, Parquet and data frames.

A spreadsheet, pandas or a SQL engine wants one row per fact, not nested documents, so
each quote becomes a row of :data:`COLUMNS` keyed by its document id. A document without
quotes has no rows; the JSONL formats are the ones that list every document.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from typing import IO, Any

from .errors import SchemaError
from .model import Document

COLUMNS = (
    "doc_id",
    "start",
    "end",
    "kind",
    "content",
    "cue",
    "speaker",
    "speaker_start",
    "speaker_end",
    "role",
    "country",
    "confidence",
    "rule",
)
"""Columns of a quote row, in order: ``start``/``end`` are the content offsets,
``speaker`` the resolved canonical name and ``speaker_start``/``speaker_end`` the
mention at the attribution site."""

INT_COLUMNS = ("start", "end")
NULLABLE_INT_COLUMNS = ("speaker_start", "speaker_end")
FLOAT_COLUMNS = ("confidence",)
STRING_COLUMNS = tuple(c for c in COLUMNS if c not in (*INT_COLUMNS, *NULLABLE_INT_COLUMNS, *FLOAT_COLUMNS))

PARQUET_HINT = "writing Parquet needs pyarrow: pip install 'quoteattr[parquet]'"

PARQUET_ROW_GROUP = 65_536
"""Rows buffered before the Parquet writer flushes a row group (bounded memory)."""


def quote_rows(doc: Document, doc_id: str | None = None) -> list[dict[str, Any]]:
    """The rows of :data:`COLUMNS` for every quote of ``doc`` (``doc_id`` defaults to ``doc.id``)."""
    record = doc.score_record()
    key = doc.id if doc_id is None else doc_id
    return [{"doc_id": key, **{c: q[c] for c in COLUMNS[1:]}} for q in record["quotes"]]


class CsvWriter:
    """Quote rows as CSV (RFC 4180 quoting, ``\\n`` line ends); header only on an empty file."""

    def __init__(self, out: IO[str], *, header: bool = True) -> None:
        self._out = out
        self._writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
        if header:
            self._writer.writeheader()

    def write(self, doc: Document, doc_id: str | None) -> None:
        """Append the rows of one document."""
        self._writer.writerows(quote_rows(doc, doc_id))

    def close(self) -> None:
        """Flush the rows written so far; the caller owns (and closes) the stream."""
        self._out.flush()


def _arrow() -> Any:
    try:
        import pyarrow
        import pyarrow.parquet
    except ModuleNotFoundError as e:
        raise ModuleNotFoundError(PARQUET_HINT, name="pyarrow") from e
    return pyarrow


def arrow_schema() -> Any:
    """The ``pyarrow.Schema`` of quote rows (needs ``quoteattr[parquet]``)."""
    pa = _arrow()
    types = {c: pa.int64() for c in (*INT_COLUMNS, *NULLABLE_INT_COLUMNS)}
    types.update({c: pa.float64() for c in FLOAT_COLUMNS})
    types.update({c: pa.string() for c in STRING_COLUMNS})
    return pa.schema([pa.field(c, types[c], nullable=c not in INT_COLUMNS) for c in COLUMNS])


class ParquetWriter:
    """Quote rows into one Parquet file, a row group every :data:`PARQUET_ROW_GROUP` rows.

    Raises:
        ModuleNotFoundError: pyarrow is not installed (the message names the extra).
    """

    def __init__(self, path: str) -> None:
        pa = _arrow()
        self._pa = pa
        self._schema = arrow_schema()
        self._writer = pa.parquet.ParquetWriter(path, self._schema)
        self._rows: list[dict[str, Any]] = []

    def write(self, doc: Document, doc_id: str | None) -> None:
        """Buffer the rows of one document, flushing a full row group."""
        self._rows.extend(quote_rows(doc, doc_id))
        if len(self._rows) >= PARQUET_ROW_GROUP:
            self._flush()

    def _flush(self) -> None:
        if self._rows:
            self._writer.write_table(self._pa.Table.from_pylist(self._rows, schema=self._schema))
            self._rows = []

    def close(self) -> None:
        """Write the buffered rows and the file footer; the file is unreadable before this."""
        self._flush()
        self._writer.close()


def _records_with_ends(lines: Iterable[bytes], sizes: list[int]) -> Iterator[str]:
    """Decode lines for :mod:`csv`, noting in ``sizes`` how many bytes were handed over."""
    for line in lines:
        sizes[0] += len(line)
        yield line.decode("utf-8", errors="replace")  # a torn last line may end mid-character


def csv_done_ids(out: IO[bytes]) -> tuple[set[str], int]:
    """The document ids already in a quote CSV, and the byte offset to resume writing at.

    An earlier run that stopped may have cut its last document's rows short, so that
    document is dropped (the offset is where its rows start, which also cuts off a torn
    final row) and will be done again. An empty file gives ``(set(), 0)``.

    Raises:
        SchemaError: the file is not a quote CSV (its header is not :data:`COLUMNS`).
    """
    consumed = [0]
    reader = csv.reader(_records_with_ends(out, consumed))
    try:
        header = next(reader, None)
        if header is None:
            return set(), 0
        if tuple(header) != COLUMNS:
            if ",".join(COLUMNS).startswith(",".join(header)) and next(reader, None) is None:
                return set(), 0  # only a header, torn
            raise SchemaError(f"not a quoteattr CSV: header is {','.join(header)[:80]!r}")
    except csv.Error as e:
        raise SchemaError(f"not a quoteattr CSV: {e}") from e
    ids: list[tuple[str, int]] = []  # (doc_id, offset of its first row), in file order
    start = after_header = consumed[0]
    try:
        for row in reader:
            if len(row) == len(COLUMNS) and (not ids or ids[-1][0] != row[0]):
                ids.append((row[0], start))
            start = consumed[0]
    except csv.Error:  # a row torn by an interrupted write; it is cut off below
        pass
    if not ids:
        return set(), after_header
    return {doc_id for doc_id, _ in ids[:-1]}, ids[-1][1]
