"""quoteattr.dask on a real two-process LocalCluster: bag and frame equal one-process results."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from typing import Any

import pytest

from quoteattr import Extractor
from quoteattr._tabular import COLUMNS, quote_rows
from quoteattr.backends.builtin import BuiltinBackend
from quoteattr.dask import _worker_extractor, extract_bag, extract_dataframe

db = pytest.importorskip("dask.bag")
dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")
pd = pytest.importorskip("pandas")

pytestmark = pytest.mark.dask

TEXTS = [
    'Peru\'s transport minister, Lucía Paredes, said the port of Callao would reopen. "The damage is '
    'smaller than we feared," Paredes told reporters.',
    '"We will not go back until the contracts are signed," said Joseph Mwangi, a union leader in Mombasa.',
    "Governor Ida Wolden Bache said inflation was \"still too high\" and that cuts were unlikely.",
    "Farmers expect a record harvest, according to the agriculture department of Punjab.",
    'Asked about the bridge, Mayor Kwame Asante said: "It will be finished before the rains."',
]
RECORDS = [{"id": f"doc-{i}", "text": TEXTS[i % len(TEXTS)] + f" ({i})"} for i in range(23)]


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    """A local cluster of two single-threaded worker processes, shared by this module."""
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    with cluster, distributed.Client(cluster) as c:
        yield c


def single_process_records(records: list[Any]) -> list[dict[str, Any]]:
    extractor = Extractor(max_chars=400)
    out = []
    for r in records:
        text = r["text"] if isinstance(r, dict) else r
        doc_id = r.get("id") if isinstance(r, dict) else None
        if isinstance(text, str) and len(text) <= 400:
            out.append({"id": doc_id, "quotes": extractor.extract(text, id=doc_id).score_record()["quotes"],
                        "error": None})  # fmt: skip
        else:
            out.append({"id": doc_id, "quotes": [], "error": "failed"})
    return out


def test_bag_equals_single_process_results(client: Any) -> None:
    """extract_bag over 4 partitions on 2 processes gives the one-process records, in order."""
    items: list[Any] = [*RECORDS, {"id": "empty", "text": None}, "Ruth Otieno said so. " * 30, TEXTS[1]]
    bag = db.from_sequence(items, npartitions=4)
    got = extract_bag(bag, extractor=Extractor(max_chars=400)).compute()
    expected = single_process_records(items)
    assert [{**g, "error": g["error"] and "failed"} for g in got] == expected
    assert [g["error"]["type"] for g in got if g["error"]] == ["InputTypeError", "DocumentTooLargeError"]


def test_dataframe_equals_single_process_rows(client: Any) -> None:
    """extract_dataframe gives one row per quote, equal to the single-process rows, as declared."""
    frame = pd.DataFrame({"id": [r["id"] for r in RECORDS], "text": [r["text"] for r in RECORDS]})
    lazy = extract_dataframe(dd.from_pandas(frame, npartitions=3))
    result = lazy.compute()
    assert tuple(result.columns) == COLUMNS
    assert dict(result.dtypes) == dict(lazy.dtypes)
    assert str(result.dtypes["start"]) == "int64"
    assert str(result.dtypes["speaker_start"]) == "Int64"
    got = result.astype(object).where(result.notna(), None).to_dict("records")
    expected = [row for r in RECORDS for row in quote_rows(Extractor().extract(r["text"], id=r["id"]))]
    assert got == expected


def test_dataframe_index_as_id_and_missing_text(client: Any) -> None:
    """With id_column=None the index names the documents; rows without text add no quotes."""
    frame = pd.DataFrame({"body": [TEXTS[1], None, TEXTS[4]]}, index=[10, 11, 12])
    result = extract_dataframe(dd.from_pandas(frame, npartitions=2), "body", None).compute()
    docs = {"10": Extractor().extract(TEXTS[1]), "12": Extractor().extract(TEXTS[4])}
    expected = [row for doc_id, doc in docs.items() for row in quote_rows(doc, doc_id)]
    assert result.astype(object).where(result.notna(), None).to_dict("records") == expected


def test_unknown_column_is_named() -> None:
    """Asking for a column the frame lacks fails at once, naming the column and the choices."""
    frame = dd.from_pandas(pd.DataFrame({"id": ["a"], "body": ["x"]}), npartitions=1)
    with pytest.raises(KeyError, match=r"'text'.*'body'"):
        extract_dataframe(frame)


def test_missing_dask_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without dask installed, the integration says which extra to install."""
    monkeypatch.setitem(sys.modules, "dask.bag", None)
    module = importlib.import_module("quoteattr.dask")
    with pytest.raises(ModuleNotFoundError, match=r"pip install 'quoteattr\[dask\]'") as raised:
        module.extract_bag(object())
    assert raised.value.name == "dask"


def test_a_worker_process_reuses_equal_extractors() -> None:
    """Partitions shipping equal named-backend extractors share one; backend objects are not shared."""
    first = _worker_extractor(Extractor(max_chars=12_345))
    assert _worker_extractor(Extractor(max_chars=12_345)) is first
    assert _worker_extractor(Extractor(max_chars=54_321)) is not first
    backend = BuiltinBackend()
    _worker_extractor(Extractor(backend=backend))
    own = Extractor(backend=backend)
    assert _worker_extractor(own) is own
