"""Claims as Parquet (pyarrow): how a run holds its claims, and the payload of a
distributed run's shuffle (a part of the corpus's claims sent to the worker that groups
and compares it).

A `ClaimTable` is an immutable sequence of claims kept as Parquet chunks in memory:
about 35 bytes a claim, where a `Claim` object with its values takes about 760, so a run
over a 100 MB file holds its half a million claims in tens of megabytes and decodes
them a chunk at a time as they are read. A run's findings are held the same way
(`FindingTable`, compressed pickles: never written to a file), one sorted run per part,
read in one order through `MergedFindings`.

The schema follows `Claim` field by field, so a claim comes back equal to the one
written (floats as float64, tuples as lists of strings, enums by value); a field of a
type this module does not know is a `TypeError` when the schema is first built, not a
claim silently changed.
"""

from __future__ import annotations

import bisect
import functools
import heapq
import io
import itertools
import pickle
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import fields, replace
from typing import Any, Generic, TypeVar, overload

from factcheck.model import Claim, ClaimKind, Finding, Qualifier

T = TypeVar("T")

# claims per Parquet chunk: large enough that a chunk's own metadata (a few kilobytes)
# is small beside its claims, small enough that a decoded chunk is a few megabytes
CHUNK_CLAIMS = 4096

_ENUMS = {"kind": ClaimKind, "qualifier": Qualifier}
_TUPLES = ("subjects", "facets")


@functools.cache
def claim_schema():
    """The Arrow schema of a claim table: one column per `Claim` field, in order."""
    import pyarrow as pa

    types = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "tuple[str, ...]": pa.list_(pa.string()),
             "ClaimKind": pa.string(), "Qualifier": pa.string()}
    columns = []
    for field in fields(Claim):
        name = str(field.type).removesuffix(" | None")
        if name not in types:
            raise TypeError(f"Claim.{field.name}: no Parquet column type for {field.type}")
        columns.append(pa.field(field.name, types[name], nullable=str(field.type).endswith("| None")
                                or name in ("str", "tuple[str, ...]")))
    return pa.schema(columns)


def claims_to_parquet(claims: list[Claim]) -> bytes:
    """The claims as one Parquet file in memory (zstd), in order."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = claim_schema()
    columns = {name: [getattr(claim, name) for claim in claims] for name in schema.names}
    for name, enum in _ENUMS.items():
        columns[name] = [member.value for member in columns[name]]
    table = pa.table(columns, schema=schema)
    buffer = io.BytesIO()
    pq.write_table(table, buffer, compression="zstd")
    return buffer.getvalue()


def claims_from_parquet(data: bytes) -> list[Claim]:
    """The claims `claims_to_parquet` wrote, equal to them and in their order."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    # In this thread only: a part is decoded where it is grouped, beside the other
    # workers. And no reader thread at all: `pq.read_table` starts pyarrow's I/O threads
    # even with use_threads=False, and one still running when the interpreter exits
    # aborts it ("terminate called without an active exception", exit 134: apache/arrow
    # issue 34314), which a CI check once in a few dozen runs reads as a crash. A
    # ParquetFile over an in-memory buffer reads without starting any.
    table = pq.ParquetFile(pa.BufferReader(data)).read(use_threads=False)
    columns = table.to_pydict()
    for name, enum in _ENUMS.items():
        columns[name] = [enum(value) for value in columns[name]]
    for name in _TUPLES:
        columns[name] = [tuple(value) for value in columns[name]]
    return [Claim(*row) for row in zip(*(columns[name] for name in table.schema.names), strict=True)]


def release_unused_memory() -> None:
    """Give back to the system what pyarrow's memory pool keeps after a burst of
    encoding or decoding (its allocator holds freed pages for reuse: tens of MB after a
    corpus's claims went through it)."""
    import pyarrow as pa

    pa.default_memory_pool().release_unused()


class _ReadSequence(Sequence[T]):
    """What the encoded sequences share: indexing (negative indexes and slices, which
    decode what they cover) and equality with any sequence of the same items (they are
    never hashed, as lists and tuples are not)."""

    __slots__ = ()

    def _item(self, index: int) -> T:
        """The item at `index`, 0 <= index < len(self)."""
        raise NotImplementedError

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> list[T]: ...

    def __getitem__(self, index):
        if isinstance(index, slice):
            return list(self)[index]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(f"item {index} of a sequence of {len(self)}")
        return self._item(index)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, (str, bytes)):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other))

    __hash__ = None  # type: ignore[assignment]


class _Encoded(_ReadSequence[T]):
    """An immutable sequence held as encoded chunks, decoded one chunk at a time as it
    is read (the last chunk decoded is kept, for indexing). Equal to any sequence of
    the same items."""

    __slots__ = ("_chunks", "_starts", "_length", "_decoded")

    def __init__(self, chunks: Sequence[tuple[bytes, int]] = ()) -> None:
        """`chunks`: each chunk's bytes and how many items it holds, in order."""
        self._chunks = tuple(data for data, _ in chunks)
        starts, total = [], 0
        for _, count in chunks:
            starts.append(total)
            total += count
        self._starts = tuple(starts)
        self._length = total
        self._decoded: tuple[int, list[T]] | None = None

    def _decode(self, data: bytes) -> list[T]:
        raise NotImplementedError

    @property
    def chunk_count(self) -> int:
        return len(self._chunks)

    def _chunk(self, number: int) -> list[T]:
        if self._decoded is not None and self._decoded[0] == number:
            return self._decoded[1]
        items = self._decode(self._chunks[number])
        self._decoded = (number, items)
        return items

    def __len__(self) -> int:
        return self._length

    def __iter__(self) -> Iterator[T]:
        for number in range(len(self._chunks)):
            yield from self._chunk(number)

    def _item(self, index: int) -> T:
        number = bisect.bisect_right(self._starts, index) - 1
        return self._chunk(number)[index - self._starts[number]]

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._length} items in {len(self._chunks)} chunks)"

    def __getstate__(self) -> tuple:
        return self._chunks, self._starts, self._length

    def __setstate__(self, state: tuple) -> None:
        self._chunks, self._starts, self._length = state
        self._decoded = None


class ClaimTable(_Encoded[Claim]):
    """An immutable sequence of claims held as Parquet chunks (`claims_to_parquet`).

    Iterating decodes one chunk at a time; indexing decodes the chunk that holds the
    claim. `copies` maps a claim id to the id of the claim it copies, set as `copy_of`
    as its claim is decoded, so marking wire copies after comparison re-encodes
    nothing. A table equals any sequence of the same claims.

    >>> from factcheck import extract_claims
    >>> claims = extract_claims("Floods in 2019 left 48 people dead and 1,200 homeless.")
    >>> table = ClaimTable.of(claims, chunk_claims=2)
    >>> (len(table), table.chunk_count, table == claims, table[-1] == claims[-1])
    (3, 2, True, True)
    """

    __slots__ = ("_copies",)

    def __init__(self, chunks: Sequence[tuple[bytes, int]] = (), copies: Mapping[str, str] | None = None) -> None:
        super().__init__(chunks)
        self._copies = dict(copies or {})

    @classmethod
    def of(cls, claims: Iterable[Claim], chunk_claims: int = CHUNK_CLAIMS) -> ClaimTable:
        """The claims, in order, encoded `chunk_claims` at a time."""
        builder = ClaimTableBuilder(chunk_claims)
        builder.extend(claims)
        return builder.build()

    def _decode(self, data: bytes) -> list[Claim]:
        claims = claims_from_parquet(data)
        if self._copies:
            claims = [replace(claim, copy_of=self._copies[claim.id]) if claim.id in self._copies else claim
                      for claim in claims]
        return claims

    def with_copies(self, copies: Mapping[str, str]) -> ClaimTable:
        """The same claims, those in `copies` marked as copies (`Claim.copy_of`) of the
        claim it names."""
        table = ClaimTable(copies={**self._copies, **copies})
        table._chunks, table._starts, table._length = self._chunks, self._starts, self._length
        return table

    def __getstate__(self) -> tuple:
        return (*super().__getstate__(), self._copies)

    def __setstate__(self, state: tuple) -> None:
        super().__setstate__(state[:3])
        self._copies = state[3]


class FindingTable(_Encoded[Finding]):
    """An immutable sequence of findings held as compressed pickled chunks (about 35
    bytes a finding, against some 400 as objects): a corpus's findings, in order, for
    the writers to read one chunk at a time. In memory only: never written or read
    from a file."""

    __slots__ = ()

    @classmethod
    def of(cls, findings: Iterable[Finding], chunk_findings: int = CHUNK_CLAIMS) -> FindingTable:
        builder = _Builder(_encode_findings, FindingTable, chunk_findings)
        builder.extend(findings)
        return builder.build()

    def _decode(self, data: bytes) -> list[Finding]:
        return pickle.loads(zlib.decompress(data))


def _encode_findings(findings: list[Finding]) -> bytes:
    # level 1: the chunks are made once per run and held for minutes, not stored
    return zlib.compress(pickle.dumps(findings, protocol=pickle.HIGHEST_PROTOCOL), 1)


class _Builder(Generic[T]):
    """Items gathered into an encoded table, `chunk_items` at a time as they arrive, so
    no more than one chunk's items wait as objects."""

    def __init__(self, encode: Callable[[list[T]], bytes], make: Callable[[list[tuple[bytes, int]]], _Encoded[T]],
                 chunk_items: int) -> None:
        if chunk_items < 1:
            raise ValueError(f"a chunk holds at least 1 item, not {chunk_items}")
        self.chunk_items = chunk_items
        self._encode, self._make = encode, make
        self._chunks: list[tuple[bytes, int]] = []
        self._waiting: list[T] = []

    @property
    def waiting(self) -> int:
        """Items added and not yet encoded."""
        return len(self._waiting)

    def extend(self, items: Iterable[T]) -> None:
        for item in items:
            self._waiting.append(item)
            if len(self._waiting) >= self.chunk_items:
                self.flush()

    def flush(self) -> None:
        """Encode the items waiting into a chunk of their own, however few."""
        if self._waiting:
            self._chunks.append((self._encode(self._waiting), len(self._waiting)))
            self._waiting = []

    def build(self) -> _Encoded[T]:
        self.flush()
        return self._make(self._chunks)


class ClaimTableBuilder(_Builder[Claim]):
    """Claims gathered into a `ClaimTable`, encoded `chunk_claims` at a time as they
    arrive, so no more than one chunk's claims wait as objects."""

    def __init__(self, chunk_claims: int = CHUNK_CLAIMS) -> None:
        super().__init__(claims_to_parquet, ClaimTable, chunk_claims)

    def build(self) -> ClaimTable:
        table = super().build()
        assert isinstance(table, ClaimTable)
        return table


class MergedFindings(_ReadSequence[Finding]):
    """Findings sorted by `key`, from runs each already sorted by it (one `FindingTable`
    per part), merged as they are read (`heapq.merge`): one decoding of every run per
    reading, and no second copy of the corpus's findings. Indexing reads up to the
    finding asked for. Equal to any sequence of the same findings."""

    __slots__ = ("_runs", "_key", "_length")

    def __init__(self, runs: Iterable[FindingTable], key: Callable[[Finding], Any]) -> None:
        self._runs = tuple(runs)
        self._key = key
        self._length = sum(len(run) for run in self._runs)

    def __len__(self) -> int:
        return self._length

    def __iter__(self) -> Iterator[Finding]:
        return heapq.merge(*self._runs, key=self._key)

    def _item(self, index: int) -> Finding:
        return next(itertools.islice(self, index, None))

    def __repr__(self) -> str:
        return f"MergedFindings({self._length} findings from {len(self._runs)} runs)"
