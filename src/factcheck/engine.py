"""Where extraction, grouping and comparing run: in this process (`LocalEngine`) or
on a Dask cluster (`DaskEngine`), behind one small interface that `engine_for` chooses
from (after sqlfluff's sequential and parallel runners, `core/linter/runner.py`).

An engine turns documents into their claims, document by document, in the order given.
The claim cache stays with the caller: an engine is handed only the documents the cache
does not hold, and gives back what the caller then keeps. Claims come back document by
document as they are ready, so the caller frames and drops each document's claims
before holding the next. Framing runs in the calling process (its events are the
corpus's, and a source may cite an event an earlier one cited).

Grouping and comparing then run per part of the framed claims
(`group.partition_claims`: whole blocks, so each part gives the facts it would give
among all claims), each part a `claim_table.ClaimTable` (claims held as Parquet) or a
list; the caller merges the parts' facts and findings in one order. Both engines give
the same claims and the same reports, byte for byte.

On a cluster, documents are read on the client and shipped to the workers in batches
of about `batch_chars` characters, and each part of the claims travels as its Parquet
chunks; the rules go to every worker once, as the result of a task that runs again if
its worker dies (they pickle whole, their lexicon and matchers built). Each batch and
part travels inside its task, so a worker that dies is replaced and its tasks run again
elsewhere (Dask's own retries). A document whose extraction fails ends the run with an
`ExtractionError` that names it.
"""

from __future__ import annotations

import itertools
import logging
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol

from factcheck.compare import compare_facts, find_copies
from factcheck.extract import extract_document_claims
from factcheck.group import group_claims
from factcheck.model import Claim, Document, Fact, Finding, ReviewKey
from factcheck.review.attach import attach_reviews
from factcheck.rules import Rules

ENGINES = ("local", "dask")
ProgressCallback = Callable[[str, int, int], None]
# How one document's claims are obtained in this process (the extractor, or a cache around it).
ClaimSource = Callable[[Document, Rules], list[Claim]]
LOCAL_ANY_PORT = "127.0.0.1:0"
IN_FLIGHT_PER_WORKER = 3  # batches sent ahead per worker: one running, the next ones queued
BATCH_CHARS = 2_000_000  # characters of text per batch sent to a worker: large enough to
# keep the scheduler's overhead (about a millisecond a task) small, small enough to balance


class ExtractionError(RuntimeError):
    """Extracting a document failed; `str()` reads `source: what went wrong`."""

    def __init__(self, source: str, detail: str) -> None:
        self.source = source
        self.detail = detail
        super().__init__(f"{source}: extraction failed: {detail}")


def extract_claims_of(document: Document, rules: Rules) -> list[Claim]:
    """One document's claims, extracted here; a failure is an `ExtractionError` naming it."""
    try:
        return extract_document_claims(document.text, document.source, rules, document.offset, document.lines_before)
    except Exception as error:  # noqa: BLE001  (any failure is reported with the document's name)
        raise ExtractionError(document.source, f"{type(error).__name__}: {error}") from error


@dataclass(frozen=True, slots=True)
class PartFacts:
    """What grouping, comparing and reviewing one part of the claims gives: its facts
    (compared), its findings (with their reviews attached), its wire copies (claim id:
    the claim whose sentence it copies) and the keys of the reviews its findings matched."""

    facts: tuple[Fact, ...]
    findings: tuple[Finding, ...]
    copies: tuple[tuple[str, str], ...]
    reviewed: frozenset[ReviewKey] = frozenset()


def compare_part(claims: list[Claim], rules: Rules) -> PartFacts:
    """Group one part of the claims (`group.partition_claims`) into facts, compare them
    and attach the reviews of `rules.accepted`: the group, compare and review stages,
    for the part alone."""
    by_id = {claim.id: claim for claim in claims}
    facts, findings = compare_facts(group_claims(claims, rules), by_id, rules)
    copies = {copy: original for fact in facts
              for copy, original in find_copies([by_id[i] for i in fact.claim_ids]).items()}
    # the findings are handed over as reviews are attached, so the part's findings are
    # not held twice (a part of a large corpus has hundreds of thousands)
    findings, _ = attach_reviews(_handed_over(findings), by_id, rules.accepted)
    reviewed = frozenset(finding.review.key for finding in findings if finding.review is not None)
    return PartFacts(tuple(facts), tuple(findings), tuple(sorted(copies.items())), reviewed)


def _given(value: object) -> object:
    return value


def _shared(client, rules: Rules):
    """The rules as the result of a task of their own, which every task needing them
    depends on: each worker fetches them once, and where the only worker holding them
    dies, the scheduler runs the task again (data scattered with `Client.scatter` would
    be lost with it, and every task waiting on it cancelled)."""
    return client.submit(_given, rules, pure=False, key=f"rules-{uuid.uuid4().hex}")


def _handed_over(items: list) -> Iterator:
    """The items of a list its owner gives up, each let go as it is taken (the list ends
    empty)."""
    items.reverse()
    while items:
        yield items.pop()


def _compare_encoded(part: Sequence[Claim], rules: Rules) -> PartFacts:
    """On a worker: a part sent as Parquet (a `ClaimTable`), decoded, grouped and compared."""
    return compare_part(list(part), rules)


class Engine(Protocol):
    name: str

    def extract(self, documents: Sequence[Document], rules: Rules,
                progress: ProgressCallback | None = None) -> Iterator[list[Claim]]:
        """The claims of each document, in the order of `documents`, as they come (the
        caller may frame and drop each document's claims before the next arrives)."""

    def compare(self, parts: Sequence[Sequence[Claim]], rules: Rules) -> Iterator[PartFacts]:
        """Each part (a list of claims or a `ClaimTable`) grouped and compared
        (`compare_part`), in any order."""

    def close(self) -> None:
        """Release what the engine started (a local cluster)."""


@dataclass
class LocalEngine:
    """Extraction in this process, one document after another."""

    claims_of: ClaimSource = extract_claims_of
    name: str = "local"

    def extract(self, documents: Sequence[Document], rules: Rules,
                progress: ProgressCallback | None = None) -> Iterator[list[Claim]]:
        for index, document in enumerate(documents):
            if progress:
                progress(document.source, index, len(documents))
            yield self.claims_of(document, rules)

    def compare(self, parts: Sequence[Sequence[Claim]], rules: Rules) -> Iterator[PartFacts]:
        for part in parts:
            yield compare_part(list(part), rules)

    def close(self) -> None:
        pass


def batches(documents: Sequence[Document], batch_chars: int, parts: int = 1) -> list[list[int]]:
    """Indexes of `documents` cut into consecutive batches of about `batch_chars`
    characters each (a document larger than that is a batch alone), and into at least
    `parts` batches where there are as many documents, so every worker gets work.

    >>> batches([Document(str(i), "x" * n, "") for i, n in enumerate([5, 5, 5, 20, 1])], 10)
    [[0, 1], [2], [3], [4]]
    >>> batches([Document(str(i), "x", "") for i in range(4)], 100, parts=2)
    [[0, 1], [2, 3]]
    """
    total = sum(document.chars for document in documents)
    if parts > 1 and total:
        batch_chars = max(1, min(batch_chars, -(-total // parts)))
    cut: list[list[int]] = []
    size = 0
    for index, document in enumerate(documents):
        if cut and size + document.chars <= batch_chars:
            cut[-1].append(index)
            size += document.chars
        else:
            cut.append([index])
            size = document.chars
    return cut


def _extract_batch(documents: list[Document], rules: Rules) -> list[list[Claim]]:
    """On a worker: the claims of each document of a batch."""
    return [extract_claims_of(document, rules) for document in documents]


class DaskEngine:
    """Extraction on a Dask cluster: an existing one (`scheduler`, its address) or a
    `distributed.LocalCluster` of `workers` processes on this machine, started on first
    use and closed by `close`."""

    name = "dask"

    def __init__(self, scheduler: str | None = None, workers: int = 2, batch_chars: int = BATCH_CHARS) -> None:
        if workers < 1:
            raise ValueError(f"--workers must be 1 or more, not {workers}")
        self.scheduler = scheduler
        self.workers = workers
        self.batch_chars = batch_chars
        self._cluster = None
        self._client = None

    @property
    def client(self):
        """The `distributed.Client`, connected on first use."""
        if self._client is None:
            from distributed import Client, LocalCluster

            # Dask logs every connection at INFO; a run shows them only when asked to (-vv)
            logging.getLogger("distributed").setLevel(max(logging.WARNING, logging.getLogger().getEffectiveLevel()))
            if self.scheduler:
                self._client = Client(self.scheduler)
            else:
                # one thread per worker process: extraction is pure Python, held by the GIL;
                # no dashboard, and the scheduler's HTTP endpoint on a free port of this
                # machine only (its default, 8787, may be taken by another cluster). The
                # workers log only what is critical: at shutdown a worker's heartbeat can
                # race the closing scheduler and log a harmless ERROR with a traceback, and a
                # failure that matters comes back through its task (`ExtractionError`).
                self._cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True,
                                             dashboard_address=LOCAL_ANY_PORT, scheduler_kwargs={"dashboard": False},
                                             silence_logs=logging.CRITICAL)
                self._client = Client(self._cluster)
        return self._client

    def extract(self, documents: Sequence[Document], rules: Rules,
                progress: ProgressCallback | None = None) -> Iterator[list[Claim]]:
        if not documents:
            return
        from distributed import as_completed

        client = self.client
        workers = max(1, len(client.scheduler_info().get("workers", {})) or self.workers)
        cut = batches(documents, self.batch_chars, parts=4 * workers)
        shared_rules = _shared(client, rules)
        # A batch travels inside its task, so the scheduler can run it again on another
        # worker if its worker dies (data scattered to a worker dies with it). Batches go
        # out a few per worker at a time, so neither the client nor the scheduler holds
        # the whole corpus in flight; a batch that finishes before the one ahead of it
        # waits on the client, so claims come back in the order of the documents.
        pending = iter(enumerate(cut))
        window = IN_FLIGHT_PER_WORKER * workers

        def submit(number: int, batch: list[int]):
            return client.submit(_extract_batch, [documents[i] for i in batch], shared_rules, pure=False,
                                 key=f"extract-batch-{number}-{uuid.uuid4().hex}")

        position: dict[str, int] = {}
        first = []
        for number, batch in itertools.islice(pending, window):
            future = submit(number, batch)
            position[future.key] = number
            first.append(future)
        running = as_completed(first)
        waiting: dict[int, list[list[Claim]]] = {}  # batches done ahead of the next one due
        due = done = 0
        try:
            for future in running:
                number = position.pop(future.key)
                waiting[number] = future.result()
                future.release()
                done += len(cut[number])
                if progress:
                    progress(documents[cut[number][-1]].source, done, len(documents))
                following = next(pending, None)
                if following is not None:
                    future = submit(*following)
                    position[future.key] = following[0]
                    running.add(future)
                while due in waiting:
                    yield from waiting.pop(due)
                    due += 1
        except BaseException:  # a failure, or the caller stopped reading: nothing keeps running
            client.cancel(list(running.futures))
            raise

    def compare(self, parts: Sequence[Sequence[Claim]], rules: Rules) -> Iterator[PartFacts]:
        """Each part sent to a worker as Parquet (a `ClaimTable`) inside its task, so a
        dead worker's part runs again elsewhere; the largest parts go first."""
        if not parts:
            return
        from distributed import as_completed

        from factcheck.claim_table import ClaimTable

        client = self.client
        shared_rules = _shared(client, rules)
        encoded = (part if isinstance(part, ClaimTable) else ClaimTable.of(part) for part in parts)
        futures = [client.submit(_compare_encoded, part, shared_rules, pure=False,
                                 key=f"compare-part-{number}-{uuid.uuid4().hex}", priority=len(parts) - number)
                   for number, part in enumerate(encoded)]
        running = as_completed(futures)
        try:
            for future in running:
                yield future.result()
                future.release()
        except BaseException:
            client.cancel(futures)
            raise

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None


def engine_for(name: str, *, scheduler: str | None = None, workers: int = 2,
               claims_of: ClaimSource = extract_claims_of) -> Engine:
    """The engine called `name` ("local" or "dask"); `ValueError` for another name."""
    if name == "local":
        return LocalEngine(claims_of)
    if name == "dask":
        return DaskEngine(scheduler, workers)
    raise ValueError(f"unknown engine {name!r} (choose from {', '.join(ENGINES)})")
