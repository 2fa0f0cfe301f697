"""Dask integration: quotations from a bag of records or a data frame of texts, on any cluster.

Needs ``pip install 'quoteattr[dask]'``. Each partition is extracted by one task, in the
worker's own process, with the extractor shipped inside the task graph; a worker process
keeps the extractors it has built, so a backend with models (stanza) loads once per
process, not once per partition::

    import json
    import dask.bag as db
    import quoteattr.dask

    records = db.read_text("news-*.jsonl").map(json.loads)
    quoteattr.dask.extract_bag(records).map(json.dumps).to_textfiles("quotes-*.jsonl")

A document that fails (not a string, too long, an exception in extraction) becomes an
error record in a bag; a data frame, which holds quotes only, gets no rows for it.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Iterable
from typing import Any

from quoteattr._extractor import Extractor
from quoteattr._tabular import COLUMNS, FLOAT_COLUMNS, INT_COLUMNS, NULLABLE_INT_COLUMNS, quote_rows
from quoteattr.parallel import Extracted, Result, extract_many

__all__ = ["extract_bag", "extract_dataframe"]

DASK_HINT = "quoteattr.dask needs dask, distributed and pandas: pip install 'quoteattr[dask]'"

MAX_SHARED_EXTRACTORS = 8
"""Distinct extractor configurations a worker process keeps alive at once."""

_shared: list[Extractor] = []
_shared_lock = threading.Lock()


def _require(*modules: str) -> None:
    try:
        for module in modules:
            importlib.import_module(module)
    except ModuleNotFoundError as e:
        raise ModuleNotFoundError(DASK_HINT, name="dask") from e


def _worker_extractor(extractor: Extractor) -> Extractor:
    """An equal extractor this process already built, else ``extractor`` (kept for later).

    Only named backends are shared: their configuration is all there is to them, whereas a
    backend object may carry state the caller did not mean to share.
    """
    if not isinstance(extractor.backend, str):
        return extractor
    with _shared_lock:
        for known in _shared:
            if known == extractor:
                return known
        _shared.append(extractor)
        del _shared[:-MAX_SHARED_EXTRACTORS]
    return extractor


def _result_record(result: Result) -> dict[str, Any]:
    """The bag record of one result (see :func:`extract_bag`)."""
    if isinstance(result, Extracted):
        return {"id": result.id, "quotes": result.document.score_record()["quotes"], "error": None}
    return {"id": result.id, "quotes": [], "error": {"type": result.error_type, "message": result.message}}


def _bag_partition(items: Iterable[object], extractor: Extractor) -> list[dict[str, Any]]:
    return [_result_record(r) for r in extract_many(items, extractor=_worker_extractor(extractor))]


def extract_bag(bag: Any, *, extractor: Extractor | None = None) -> Any:
    """Extract from every item of a ``dask.bag.Bag``, one task per partition.

    Args:
        bag: items as :func:`quoteattr.extract_many` takes them: texts or
            ``{"id", "text"}`` mappings (e.g. ``db.read_text(...).map(json.loads)``).
        extractor: the configured extractor (default: built-in backend).

    Returns:
        A lazy ``dask.bag.Bag`` with one dict per item, in order: ``{"id", "quotes",
        "error"}``. ``quotes`` holds the flat quotes of the scorer's JSONL (start, end,
        kind, content, cue, speaker, speaker_mention, speaker_start, speaker_end, role,
        country, confidence, rule); ``error`` is None, or ``{"type", "message"}`` with
        ``quotes`` empty.

    Raises:
        ModuleNotFoundError: dask is not installed (the message names the extra).
    """
    _require("dask.bag")
    return bag.map_partitions(_bag_partition, Extractor() if extractor is None else extractor)


def _quote_frame(rows: list[dict[str, Any]]) -> Any:
    """A pandas frame of quote rows with fixed dtypes, so that every partition and the
    ``meta`` agree even when a partition has no quotes at all."""
    import pandas as pd

    dtypes: dict[str, str] = dict.fromkeys(COLUMNS, "string")
    dtypes.update(dict.fromkeys(INT_COLUMNS, "int64"))
    dtypes.update(dict.fromkeys(NULLABLE_INT_COLUMNS, "Int64"))
    dtypes.update(dict.fromkeys(FLOAT_COLUMNS, "float64"))
    return pd.DataFrame.from_records(rows, columns=list(COLUMNS)).astype(dtypes)


def _frame_partition(frame: Any, extractor: Extractor, text_column: str, id_column: str | None) -> Any:
    ids = frame.index if id_column is None else frame[id_column]
    items = ({"id": i, "text": t} for i, t in zip(ids, frame[text_column], strict=True))
    rows = [
        row
        for r in extract_many(items, extractor=_worker_extractor(extractor))
        if isinstance(r, Extracted)
        for row in quote_rows(r.document, r.id)
    ]
    return _quote_frame(rows)


def extract_dataframe(
    ddf: Any,
    text_column: str = "text",
    id_column: str | None = "id",
    *,
    extractor: Extractor | None = None,
) -> Any:
    """Quotes of every row of a ``dask.dataframe.DataFrame``, one row per quote.

    Args:
        ddf: a frame with a text column (and usually an id column).
        text_column: the column holding the documents.
        id_column: the column whose values (as strings) fill ``doc_id``; None takes the
            frame's index instead.
        extractor: the configured extractor (default: built-in backend).

    Returns:
        A lazy ``dask.dataframe.DataFrame`` with the columns of the CSV output
        (``doc_id, start, end, kind, content, cue, speaker, speaker_start, speaker_end,
        role, country, confidence, rule``) with fixed dtypes: ``int64`` offsets, ``Int64``
        (nullable) speaker offsets, ``float64`` confidence, ``string`` text. Rows whose
        text is missing or not a string, or whose extraction fails, add no quotes; use
        :func:`extract_bag` to see why a document failed.

    Raises:
        ModuleNotFoundError: dask is not installed (the message names the extra).
        KeyError: ``text_column`` or ``id_column`` is not a column of ``ddf``.
    """
    _require("dask.dataframe", "pandas")
    missing = [c for c in (text_column, id_column) if c is not None and c not in ddf.columns]
    if missing:
        raise KeyError(f"no column {missing[0]!r} in the frame; its columns are {list(ddf.columns)}")
    return ddf.map_partitions(
        _frame_partition,
        Extractor() if extractor is None else extractor,
        text_column,
        id_column,
        meta=_quote_frame([]),
    )
