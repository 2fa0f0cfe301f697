"""Extraction over a whole corpus: streaming, bounded memory, optionally on several cores.

:func:`extract_many` reads its input lazily and yields one result per item, in input
order, while at most a small window of chunks is in flight; a corpus of any size runs in
the same memory. A bad item (``None``, ``bytes``, an over-long text) or an exception
inside extraction becomes a :class:`Failed` result for that item alone, so one broken
document never costs the rest of a million-document job.

Workers are started with the ``spawn`` method on every platform: it is safe in a parent
that runs threads (notebooks, web servers, torch), where ``fork`` can deadlock, and the
workers stay children of the caller so their memory shows in its resource usage. As with
any process pool, a script that calls ``extract_many(..., n_jobs=2)`` at top level needs
an ``if __name__ == "__main__":`` guard. The pool machinery (``multiprocessing``,
``concurrent.futures``) is imported only when a pool is needed, so that ``import
quoteattr`` stays quick.
"""

from __future__ import annotations

import collections
import itertools
import os
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, TypeAlias

import attrs

from ._extractor import Extractor, _check_text
from ._io import Record
from .errors import ConfigurationError, InputTypeError, QuoteAttrError
from .model import Document

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

__all__ = ["Extracted", "Failed", "Result", "extract_many"]

DEFAULT_CHUNKSIZE = 32
"""Documents per task: enough to make the inter-process round trip (~0.1 ms) negligible
next to extraction, few enough that a window of chunks stays small."""

CHUNK_CHARS = 2_000_000
"""A chunk is also closed once it holds this many characters, so that a run of very long
documents does not make one task (and the memory in flight) huge."""

WINDOW_PER_WORKER = 2
"""Chunks in flight per worker: one running, one queued, so a worker never waits for the
parent between tasks while the parent never reads far ahead of the output."""

CRASHED = "BrokenProcessPool"
"""``Failed.error_type`` of a document whose worker process died while extracting it."""
CRASH_MESSAGE = "the worker process died on this document (out of memory, or a crash in native code)"


@attrs.frozen(kw_only=True)
class Extracted:
    """An item that was analysed; ``document`` holds its quotes and speakers."""

    index: int
    """Position of the item in the input (from 0); restores input order if ``ordered=False``."""
    id: str | None
    """The item's id (``Record.id``, a mapping's ``"id"``), None for a bare string."""
    document: Document


@attrs.frozen(kw_only=True)
class Failed:
    """An item that could not be analysed, and why; the rest of the stream goes on."""

    index: int
    """Position of the item in the input (from 0)."""
    id: str | None
    error_type: str
    """Name of the exception (``InputTypeError``, ``DocumentTooLargeError``, …), or
    ``BrokenProcessPool`` when the worker process died on this document."""
    message: str
    source: str | None = None
    """Where the item came from (``Record.source``, e.g. ``news.jsonl:17``), if known."""


Result: TypeAlias = Extracted | Failed
"""What :func:`extract_many` yields for each input item."""


@attrs.frozen
class _Job:
    """One well-formed item on its way to a worker."""

    index: int
    id: str | None
    text: str
    source: str | None


_Entry: TypeAlias = _Job | Failed
_Chunk: TypeAlias = list[_Entry]


def _failed(index: int, doc_id: str | None, source: str | None, error: BaseException) -> Failed:
    return Failed(index=index, id=doc_id, error_type=type(error).__name__, message=str(error), source=source)


def _prepare(index: int, item: object, max_chars: int) -> _Entry:
    """Check an input item in the parent, so only plain strings cross to the workers."""
    doc_id: str | None = None
    source: str | None = None
    text: object = item
    if isinstance(item, Record):
        doc_id, text, source = item.id, item.text, item.source
    elif isinstance(item, Mapping):
        raw_id = item.get("id")
        doc_id = None if raw_id is None else str(raw_id)
        if "text" not in item:
            error = InputTypeError(f'a record needs a "text" field, got keys {sorted(map(str, item))}')
            return _failed(index, doc_id, source, error)
        text = item["text"]
    try:
        return _Job(index, doc_id, _check_text(text, max_chars), source)
    except QuoteAttrError as e:
        return _failed(index, doc_id, source, e)


def _chunks(entries: Iterator[_Entry], size: int, max_chars: int = CHUNK_CHARS) -> Iterator[_Chunk]:
    """Group entries into lists of at most ``size`` items, closing a list early once its
    texts reach ``max_chars`` characters."""
    while True:
        chunk: _Chunk = []
        chars = 0
        for entry in entries:
            chunk.append(entry)
            chars += len(entry.text) if isinstance(entry, _Job) else 0
            if len(chunk) >= size or chars >= max_chars:
                break
        if not chunk:
            return
        yield chunk


def _run_chunk(extractor: Extractor, chunk: _Chunk) -> list[Result]:
    """Extract a chunk; one batch call when all goes well, one call per item otherwise.

    The batch call lets a batching backend (stanza) parse the chunk at once; if it raises,
    each document is redone alone so the error lands on the document that caused it.
    """
    jobs = [e for e in chunk if isinstance(e, _Job)]
    try:
        docs = extractor.extract_batch([j.text for j in jobs], [j.id for j in jobs])
        done: dict[int, Result] = {
            j.index: Extracted(index=j.index, id=j.id, document=d) for j, d in zip(jobs, docs, strict=True)
        }
    except Exception:  # isolate the culprit below
        done = {}
        for j in jobs:
            try:
                done[j.index] = Extracted(index=j.index, id=j.id, document=extractor.extract(j.text, id=j.id))
            except Exception as e:  # any failure belongs to this document only
                done[j.index] = _failed(j.index, j.id, j.source, e)
    return [done[e.index] if isinstance(e, _Job) else e for e in chunk]


_worker_extractor: list[Extractor] = []
"""The extractor of this worker process, set once by :func:`_init_worker`."""

_worker_setup_error: list[BaseException] = []
"""Why this worker could not build the backend (models missing, stanza not installed)."""


class _SetupError(Exception):
    """Carries a worker's backend error to the parent, which raises the original."""


def _init_worker(extractor: Extractor) -> None:
    import signal

    # Ctrl-C reaches the whole process group; the parent alone decides to stop, and shuts
    # the pool down after the running chunks, so no worker dies with a half-sent result.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker_extractor.append(extractor)
    try:
        extractor._get_backend()  # once per worker, before the first chunk
    except Exception as e:  # reported with the first chunk; raising here would kill the pool
        _worker_setup_error.append(e)


def _work(chunk: _Chunk) -> list[Result]:
    if _worker_setup_error:
        raise _SetupError(_worker_setup_error[0])
    return _run_chunk(_worker_extractor[0], chunk)


def _in_process(chunks: Iterator[_Chunk], extractor: Extractor) -> Iterator[Result]:
    extractor._get_backend()  # a backend that cannot be built fails the run, not each document
    for chunk in chunks:
        yield from _run_chunk(extractor, chunk)


def _cpu_count() -> int:
    if hasattr(os, "sched_getaffinity"):  # the cores this process may use, not the machine's
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


class _Pool:
    """A process pool that can be replaced after a worker dies."""

    def __init__(self, extractor: Extractor, jobs: int) -> None:
        import multiprocessing
        from concurrent.futures import CancelledError, ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        self._extractor = extractor
        self._jobs = jobs
        self._context = multiprocessing.get_context("spawn")
        self._executor_type = ProcessPoolExecutor
        self._broken = BrokenProcessPool
        self._lost: tuple[type[BaseException], ...] = (BrokenProcessPool, CancelledError)
        self._executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        return self._executor_type(
            max_workers=self._jobs, mp_context=self._context, initializer=_init_worker, initargs=(self._extractor,)
        )

    def submit(self, chunk: _Chunk) -> Future[list[Result]]:
        """Send a chunk to a worker; a pool found dead gives a future that says so."""
        try:
            return self._executor.submit(_work, chunk)
        except self._broken as e:  # died since the last look: let the caller recover
            from concurrent.futures import Future

            future: Future[list[Result]] = Future()
            future.set_exception(e)
            return future

    def outcome(self, chunk: _Chunk, future: Future[list[Result]]) -> list[Result] | None:
        """The chunk's results, or None when its worker (or the pool) died under it."""
        try:
            return future.result()
        except self._lost:
            return None
        except _SetupError as e:  # no document can succeed: stop, with the backend's own error
            raise e.args[0] from None
        except Exception as e:  # e.g. a result that would not pickle: fail the chunk, keep going
            return [x if isinstance(x, Failed) else _failed(x.index, x.id, x.source, e) for x in chunk]

    def restart(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)
        self._executor = self._start()

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)

    def isolate(self, chunk: _Chunk) -> list[Result]:
        """Redo a chunk whose worker died, one document per task, to find the culprit."""
        results: list[Result] = []
        for entry in chunk:
            if isinstance(entry, Failed):
                results.append(entry)
                continue
            outcome = self.outcome([entry], self.submit([entry]))
            if outcome is None:
                outcome = [Failed(index=entry.index, id=entry.id, error_type=CRASHED, message=CRASH_MESSAGE,
                                  source=entry.source)]  # fmt: skip
                self.restart()
            results.extend(outcome)
        return results


def _parallel(chunks: Iterator[_Chunk], extractor: Extractor, jobs: int, ordered: bool) -> Iterator[Result]:
    from concurrent.futures import FIRST_COMPLETED, wait

    pool = _Pool(extractor, jobs)
    in_flight: collections.deque[tuple[_Chunk, Future[list[Result]]]] = collections.deque()
    try:
        while True:
            for chunk in itertools.islice(chunks, WINDOW_PER_WORKER * jobs - len(in_flight)):
                in_flight.append((chunk, pool.submit(chunk)))
            if not in_flight:
                return
            position = 0
            if not ordered:
                done, _ = wait([f for _, f in in_flight], return_when=FIRST_COMPLETED)
                position = next(i for i, (_, f) in enumerate(in_flight) if f in done)
            chunk, future = in_flight[position]
            del in_flight[position]
            results = pool.outcome(chunk, future)
            if results is not None:
                yield from results
                continue
            # A worker died, and every chunk still in flight with it. Keep the results that
            # had arrived, restart the pool and redo the rest one document at a time.
            outcomes = [(chunk, None), *((c, pool.outcome(c, f)) for c, f in in_flight)]
            in_flight.clear()
            pool.restart()
            for chunk, outcome in outcomes:
                yield from pool.isolate(chunk) if outcome is None else outcome
    finally:
        pool.close()


def extract_many(
    items: Iterable[object],
    *,
    n_jobs: int = 1,
    extractor: Extractor | None = None,
    chunksize: int = DEFAULT_CHUNKSIZE,
    ordered: bool = True,
) -> Iterator[Result]:
    """Extract from every item of a (possibly huge, possibly lazy) iterable, streaming.

    The input is read as the output is consumed, never all at once: at most
    ``2 * n_jobs`` chunks are in flight, so memory does not grow with the corpus.

    Args:
        items: texts (``str``), mappings with a ``"text"`` and optional ``"id"`` (JSONL
            records), or :class:`~quoteattr._io.Record` objects; may be a generator.
        n_jobs: worker processes; ``1`` runs in this process without a pool, ``-1``
            uses every core this process may run on.
        extractor: the configured :class:`~quoteattr.Extractor` (default: built-in
            backend). Each worker unpickles it once and reuses it for all its chunks.
        chunksize: documents sent to a worker per task; larger chunks amortise the
            inter-process round trip, smaller ones keep the memory in flight low.
        ordered: yield results in input order (default). ``False`` yields each chunk as
            soon as it is done, which keeps workers busy when document sizes vary a lot;
            :attr:`Extracted.index` then tells where each result belongs.

    Returns:
        An iterator with one :class:`Extracted` or :class:`Failed` per input item. A
        failure never stops the stream: bad items, exceptions during extraction and
        documents whose worker process died become :class:`Failed` results.

    Raises:
        ValueError: ``n_jobs`` is 0 or below -1, or ``chunksize`` is below 1 (raised at
            the call, before any work starts).
        ModelsNotFoundError: (or ``ModuleNotFoundError``, …) raised by the iterator when
            the extractor's backend cannot be built: then no document could succeed, so
            the run stops instead of failing every document alike.

    >>> [type(r).__name__ for r in extract_many(["Ana Silva said the port will reopen.", None])]
    ['Extracted', 'Failed']
    """
    if n_jobs == -1:
        n_jobs = _cpu_count()
    elif n_jobs < 1:
        raise ConfigurationError(f"n_jobs must be a positive number of processes or -1 for all cores, got {n_jobs}")
    if chunksize < 1:
        raise ConfigurationError(f"chunksize must be at least 1, got {chunksize}")
    extractor = Extractor() if extractor is None else extractor
    entries = (_prepare(i, item, extractor.max_chars) for i, item in enumerate(items))
    chunks = _chunks(entries, chunksize)
    if n_jobs == 1:
        return _in_process(chunks, extractor)
    return _parallel(chunks, extractor, n_jobs, ordered)
