"""Analyse documents for the index in a second process while the caller writes the database.

Kiwi and our term building (``prepare``) take about half of a bulk import's time, and term building
is Python: it holds the GIL, so a second thread (or more Kiwi workers) does not use the second core.
A bulk path (``list_import``) therefore hands batches of documents to one worker process, goes on
writing records and publications, and indexes the prepared documents (``index_prepared``) in its own
process, where the Tantivy writer lives, as they come back.

- The worker is started with ``forkserver`` (``spawn`` where there is none): never ``fork`` in a
  process that holds database connections and threads. It imports only ``sotong.search.prepare``
  and ``korean`` (no Django, no settings) and loads Kiwi once.
- Only plain tuples cross the process boundary: (id, title, body, registration number) in, six
  tuples of strings (``prepare.Terms``) out. The caller keeps its ``SearchDocument`` and joins them.
- Order is kept: results are handed back in the order the batches were sent, so an id sent twice
  keeps its last version in the index.
- The caller is never starved: when the worker is ``MAX_BEHIND`` batches behind, the next batch is
  analysed in the caller's process instead of queued, so both cores stay busy whichever side is the
  slower one.
- A small job never starts the worker: the first ``start_after`` documents are analysed in-process.
- If the worker cannot start or dies, its batches are analysed in-process: an import is never lost
  to the pool. ``close`` (or leaving the ``with`` block) shuts it down.

Web processes (the push API indexes one record at a time) do not use this: they analyse in-process.
"""

from __future__ import annotations

import logging
import multiprocessing
from collections import deque
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from types import TracebackType

from sotong.search.documents import SearchDocument
from sotong.search.prepare import PreparedDocument, Terms, prepare_terms, prepared

logger = logging.getLogger(__name__)

# Batches the worker may be behind before the caller analyses the next one itself.
MAX_BEHIND = 2

Payload = tuple[str, str, str, str]


def _worker_start() -> None:
    from sotong.search import korean

    korean.configure(num_workers=1)  # a process that only analyses: no thread hand-offs


def _worker_prepare(payloads: Sequence[Payload]) -> list[Terms]:
    docs = [SearchDocument(id=i, title=t, body=b, registration_number=n) for i, t, b, n in payloads]
    return prepare_terms(docs)


def _context() -> multiprocessing.context.BaseContext:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


class BackgroundPreparer:
    """Prepare documents in one worker process; collect them, in order, with ``ready``/``drain``."""

    def __init__(self, *, max_behind: int = MAX_BEHIND, start_after: int = 0) -> None:
        """``start_after``: documents to analyse in-process before the worker is worth starting
        (~1 s of CPU and ~250 MB for its Kiwi): a small list never starts one."""
        self.max_behind = max_behind
        self.start_after = start_after
        self._submitted = 0
        self._executor: ProcessPoolExecutor | None = None
        self._broken = False
        self._queue: deque[tuple[list[SearchDocument], Future[list[Terms]] | list[Terms]]] = deque()
        self.in_worker = 0  # documents the worker prepared (for tests and benchmarks)

    def __enter__(self) -> BackgroundPreparer:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    def _pool(self) -> ProcessPoolExecutor | None:
        if self._executor is None and not self._broken:
            try:
                self._executor = ProcessPoolExecutor(
                    max_workers=1, mp_context=_context(), initializer=_worker_start
                )
            except (OSError, ValueError) as error:  # no processes here: analyse in-process
                logger.warning("search analysis worker not started: %s", error)
                self._broken = True
        return None if self._broken else self._executor

    def _behind(self) -> int:
        return sum(1 for _, item in self._queue if isinstance(item, Future) and not item.done())

    def submit(self, docs: Sequence[SearchDocument]) -> None:
        """Queue ``docs`` for analysis (in the worker, or here when the worker is behind)."""
        docs = list(docs)
        if not docs:
            return
        self._submitted += len(docs)
        pool = self._pool() if self._submitted > self.start_after else None
        if pool is None or self._behind() >= self.max_behind:
            self._queue.append((docs, prepare_terms(docs)))
            return
        payloads = [(d.id, d.title, d.body, d.registration_number) for d in docs]
        try:
            self._queue.append((docs, pool.submit(_worker_prepare, payloads)))
        except RuntimeError as error:  # BrokenProcessPool, or shut down
            self._give_up(error)
            self._queue.append((docs, prepare_terms(docs)))

    def ready(self) -> list[PreparedDocument]:
        """The prepared documents of the batches done so far, in order; never waits."""
        out: list[PreparedDocument] = []
        while self._queue and not (isinstance(self._queue[0][1], Future) and not self._queue[0][1].done()):
            out += self._take()
        return out

    def drain(self) -> list[PreparedDocument]:
        """Every queued document, prepared, in order (waits for the worker).

        The worker takes batches from the front of the queue; meanwhile this process takes the
        ones it has not started from the back, so that both finish together.
        """
        for index in range(len(self._queue) - 1, 0, -1):
            ahead = [item for _, item in list(self._queue)[:index]]
            if not any(isinstance(item, Future) and not item.done() for item in ahead):
                break
            docs, item = self._queue[index]
            if isinstance(item, Future) and item.cancel():
                self._queue[index] = (docs, prepare_terms(docs))
        out: list[PreparedDocument] = []
        while self._queue:
            out += self._take()
        return out

    def _take(self) -> list[PreparedDocument]:
        docs, item = self._queue.popleft()
        if isinstance(item, Future):
            try:
                terms = item.result()
                self.in_worker += len(docs)
            except Exception as error:  # the worker died (BrokenProcessPool) or failed: redo it here
                self._give_up(error)
                terms = prepare_terms(docs)
        else:
            terms = item
        return [prepared(doc, t) for doc, t in zip(docs, terms, strict=True)]

    def _give_up(self, error: BaseException) -> None:
        if not self._broken:
            logger.warning("search analysis worker failed, analysing in-process: %r", error)
        self._broken = True
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=False)

    def close(self) -> None:
        """Stop the worker; queued batches not yet taken are dropped (call ``drain`` first)."""
        self._queue.clear()
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None
