"""Annotating on a Dask `distributed` cluster, for corpora too big for one machine.

Batches of articles go to the workers as tasks (`parallel.annotate_batch`:
each worker process loads the model once); the results come back as encoded
records, in input order, and the main process stores them in the same cache a
site build reads. Only `python -m builder annotate --scheduler ADDRESS` imports
this module, so Sourcebook needs Dask only there.
"""
from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterator

import dask.config
from distributed import Client

from .parallel import BatchResult, ParsedStream, WorkerError, annotate_batch, batches, unpack
from .records import Article

log = logging.getLogger(__name__)

AHEAD_PER_THREAD = 2  # batches in flight per worker thread: workers never wait, the scheduler is never flooded


def parse_on_cluster(articles: list[Article], model: str, address: str,
                     env: str | None) -> ParsedStream:
    """Annotate `articles` on the cluster whose scheduler listens at `address`
    (tcp://host:8786), yielding (article or Failed, encoded value) in input order.
    How long to wait for it is Dask's `distributed.comm.timeouts.connect` (30 s)."""
    try:
        client = Client(address)
    except (OSError, TimeoutError) as exc:
        raise WorkerError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
    try:
        try:
            client.wait_for_workers(1, timeout=dask.config.get("distributed.comm.timeouts.connect"))
        except TimeoutError as exc:
            raise WorkerError(f"the Dask scheduler at {address} has no workers") from exc
        threads = sum(client.nthreads().values())
        log.info("annotating %d articles on %s (%d worker threads)", len(articles), address, threads)
        yield from unpack(_in_order(client, batches(articles), model, env, ahead=AHEAD_PER_THREAD * threads))
    finally:
        client.close()


def _in_order(client: Client, groups: list[list[Article]], model: str, env: str | None,
              *, ahead: int) -> Iterator[tuple[list[Article], BatchResult]]:
    """Each batch with its result, in order, keeping at most `ahead` batches on the cluster."""
    todo = iter(groups)
    pending: deque = deque()

    def submit() -> None:
        group = next(todo, None)
        if group is not None:
            pending.append((group, client.submit(annotate_batch, group, model, env, pure=False)))

    for _ in range(ahead):
        submit()
    while pending:
        group, future = pending.popleft()
        submit()
        try:
            result = future.result()
        except Exception as exc:  # raised on a worker: most often Sourcebook is not installed there
            raise WorkerError(f"a Dask task failed ({exc!r}); the workers need the same Sourcebook "
                              "and spaCy model installed as this machine") from exc
        future.release()
        yield group, result
