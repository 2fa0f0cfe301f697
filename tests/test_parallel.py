"""extract_many: order, per-document failures, crashes, laziness, and the n_jobs=1 path."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator, Sequence

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quoteattr import Extractor
from quoteattr._io import Record
from quoteattr.backends.base import Analysis, Backend
from quoteattr.backends.builtin import BuiltinBackend
from quoteattr.errors import ModelsNotFoundError
from quoteattr.parallel import CRASHED, Extracted, Failed, _chunks, _Job, extract_many

PEOPLE = [
    ("Kenyan Energy Minister", "Ruth Otieno"),
    ("Chile's ambassador to the UN,", "Tomás Fuentes"),
    ("the union's general secretary,", "Ingrid Solberg"),
    ("Vietnam's deputy trade minister", "Pham Thi Lan"),
    ("the mayor of Accra,", "Kwame Asante"),
]
CLAIMS = [
    "the new plant would open in May",
    "the talks had stalled over fishing rights",
    "wages had not kept up with rents",
    "exports of coffee rose by a fifth last year",
    "the ferry service would resume after repairs",
]


def news(i: int) -> str:
    """A short, distinct news item with an indirect and a direct quotation."""
    title, name = PEOPLE[i % len(PEOPLE)]
    claim = CLAIMS[(i // len(PEOPLE)) % len(CLAIMS)]
    surname = name.split()[-1]
    return f'{title} {name} said that {claim}.\n\n"We waited {i} years for this," {surname} told reporters.'


CORPUS = [{"id": f"n{i:03d}", "text": news(i)} for i in range(200)]


class ExplodingBackend(BuiltinBackend):
    """The built-in backend, except that it raises on texts containing BOOM."""

    def analyse(self, text: str) -> Analysis:
        if "BOOM" in text:
            raise RuntimeError("backend exploded")
        return super().analyse(text)

    def analyse_many(self, texts: Sequence[str]) -> list[Analysis]:
        return [self.analyse(t) for t in texts]


class CrashingBackend(BuiltinBackend):
    """The built-in backend, except that the whole process dies on texts containing CRASH."""

    def analyse(self, text: str) -> Analysis:
        if "CRASH" in text:
            os._exit(70)
        return super().analyse(text)

    def analyse_many(self, texts: Sequence[str]) -> list[Analysis]:
        return [self.analyse(t) for t in texts]


class ModelessExtractor(Extractor):
    """An extractor whose backend cannot be built, like stanza without its models."""

    def _get_backend(self) -> Backend:
        raise ModelsNotFoundError("no stanza models for 'en' in /nowhere")


def test_two_jobs_keep_input_order_and_match_one_job() -> None:
    """With n_jobs=2 on 200 documents the results come in input order, equal to n_jobs=1."""
    serial = list(extract_many(CORPUS))
    parallel = list(extract_many(CORPUS, n_jobs=2, chunksize=8))
    assert [r.id for r in parallel] == [d["id"] for d in CORPUS]
    assert [r.index for r in parallel] == list(range(len(CORPUS)))
    assert parallel == serial


def test_results_equal_single_document_extraction() -> None:
    """Each Extracted document is exactly what Extractor.extract gives for that text and id."""
    extractor = Extractor()
    for result in extract_many(CORPUS[:20], chunksize=7):
        assert isinstance(result, Extracted)
        assert result.document == extractor.extract(CORPUS[result.index]["text"], id=result.id)


def test_unordered_yields_every_result_once() -> None:
    """ordered=False yields the same results, each once; index restores the input order."""
    unordered = list(extract_many(CORPUS[:60], n_jobs=2, chunksize=4, ordered=False))
    assert sorted(unordered, key=lambda r: r.index) == list(extract_many(CORPUS[:60]))


BAD_ITEMS: list[tuple[object, str]] = [
    (None, "InputTypeError"),
    (b"Minister Ruth Otieno said the plant would open.", "InputTypeError"),
    (42, "InputTypeError"),
    ({"id": "no-text", "body": "Ruth Otieno said so."}, "InputTypeError"),
    ({"id": "none-text", "text": None}, "InputTypeError"),
    ("x" * 500, "DocumentTooLargeError"),
]


@pytest.mark.parametrize("n_jobs", [1, 2])
def test_bad_items_become_failed_records_and_the_stream_goes_on(n_jobs: int) -> None:
    """None, bytes, numbers, records without text and over-long texts fail alone, in place."""
    good = [news(i) for i in range(len(BAD_ITEMS) + 1)]
    items: list[object] = [x for pair in zip(good, [b for b, _ in BAD_ITEMS], strict=False) for x in pair]
    items.append(good[-1])
    results = list(extract_many(items, n_jobs=n_jobs, extractor=Extractor(max_chars=300), chunksize=3))
    assert [r.index for r in results] == list(range(len(items)))
    assert all(isinstance(r, Extracted) for r in results[::2])
    failures = results[1::2]
    assert [f.error_type for f in failures if isinstance(f, Failed)] == [t for _, t in BAD_ITEMS]
    assert [f.id for f in failures] == [None, None, None, "no-text", "none-text", None]


def test_failed_message_says_what_to_do() -> None:
    """A bytes item fails with a message that names the fix (decode it first)."""
    (result,) = extract_many([b"caf\xc3\xa9 owners said prices rose"])
    assert isinstance(result, Failed)
    assert "decode" in result.message


def test_records_keep_their_id_and_source() -> None:
    """Record inputs carry id and source; a failure reports where the document came from."""
    records = [Record("a", news(1), "feed.jsonl:1"), Record("b", "y" * 400, "feed.jsonl:2")]
    ok, too_long = extract_many(records, extractor=Extractor(max_chars=300))
    assert isinstance(ok, Extracted)
    assert (ok.id, ok.document.id) == ("a", "a")
    assert isinstance(too_long, Failed)
    assert (too_long.id, too_long.source) == ("b", "feed.jsonl:2")
    assert too_long.error_type == "DocumentTooLargeError"


def test_exception_in_extraction_fails_only_that_document() -> None:
    """A backend error on one document of a batch fails that one; its neighbours succeed."""
    items = [news(1), "Officials said BOOM went the dam.", news(2)]
    results = list(extract_many(items, extractor=Extractor(backend=ExplodingBackend()), chunksize=8))
    assert [type(r).__name__ for r in results] == ["Extracted", "Failed", "Extracted"]
    failed = results[1]
    assert isinstance(failed, Failed)
    assert (failed.error_type, failed.message) == ("RuntimeError", "backend exploded")


@pytest.mark.parametrize("n_jobs", [1, 2])
def test_a_backend_that_cannot_be_built_stops_the_run(n_jobs: int) -> None:
    """Missing models fail the run once, with the backend's error, not every document alike."""
    with pytest.raises(ModelsNotFoundError, match="/nowhere"):
        list(extract_many(CORPUS[:5], n_jobs=n_jobs, extractor=ModelessExtractor()))


def test_worker_crash_fails_the_culprit_and_the_stream_continues() -> None:
    """When a worker process dies, only the document that killed it is Failed; order holds."""
    items = [news(i) if i != 6 else "Witnesses said a CRASH shook the quay." for i in range(20)]
    extractor = Extractor(backend=CrashingBackend())
    results = list(extract_many(items, n_jobs=2, extractor=extractor, chunksize=4))
    assert [r.index for r in results] == list(range(20))
    assert [(r.index, r.error_type) for r in results if isinstance(r, Failed)] == [(6, CRASHED)]
    good = [r for r in results if isinstance(r, Extracted)]
    assert [r.document for r in good] == [Extractor().extract(items[r.index]) for r in good]


@pytest.mark.parametrize("n_jobs", [1, 2])
def test_input_is_read_lazily_in_a_bounded_window(n_jobs: int) -> None:
    """An endless input works: only a bounded window beyond what was consumed is read."""
    pulled = itertools.count()

    def endless() -> Iterator[str]:
        for i in itertools.count():
            next(pulled)
            yield news(i)

    taken = list(itertools.islice(extract_many(endless(), n_jobs=n_jobs, chunksize=5), 12))
    assert [r.index for r in taken] == list(range(12))
    read = next(pulled)
    assert read <= 12 + (2 * n_jobs + 1) * 5


def test_all_cores_is_accepted() -> None:
    """n_jobs=-1 means every available core and gives the same results."""
    assert list(extract_many(CORPUS[:3], n_jobs=-1)) == list(extract_many(CORPUS[:3]))


@pytest.mark.parametrize(
    ("n_jobs", "chunksize", "word"), [(0, 8, "n_jobs"), (-2, 8, "n_jobs"), (1, 0, "chunksize")]
)
def test_bad_arguments_raise_at_the_call(n_jobs: int, chunksize: int, word: str) -> None:
    """Invalid n_jobs or chunksize raise ValueError at once, not when iteration starts."""
    with pytest.raises(ValueError, match=word):
        extract_many(CORPUS, n_jobs=n_jobs, chunksize=chunksize)


item_strategy = st.one_of(
    st.sampled_from([d["text"] for d in CORPUS[:10]]),
    st.text(max_size=60),
    st.none(),
    st.binary(max_size=10),
    st.integers(),
)


@given(items=st.lists(item_strategy, max_size=25), chunksize=st.integers(1, 6))
def test_one_result_per_item_in_order(items: list[object], chunksize: int) -> None:
    """Whatever the items, there is exactly one result each, in order; str items succeed."""
    results = list(extract_many(items, chunksize=chunksize, extractor=Extractor(max_chars=400)))
    assert [r.index for r in results] == list(range(len(items)))
    assert [isinstance(r, Extracted) for r in results] == [isinstance(x, str) for x in items]


@given(sizes=st.lists(st.integers(0, 900), max_size=40), chunksize=st.integers(1, 8))
def test_chunks_cover_the_input_within_their_limits(sizes: list[int], chunksize: int) -> None:
    """Chunks keep every entry in order, hold at most chunksize entries, and close on size."""
    jobs = [_Job(i, None, "a" * n, None) for i, n in enumerate(sizes)]
    chunks = list(_chunks(iter(jobs), chunksize, max_chars=1000))
    assert [e for c in chunks for e in c] == jobs
    assert all(0 < len(c) <= chunksize for c in chunks)
    assert all(sum(len(e.text) for e in c[:-1] if isinstance(e, _Job)) < 1000 for c in chunks)
