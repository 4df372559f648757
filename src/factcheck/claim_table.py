"""Claims as Parquet (pyarrow): the payload of a distributed run's shuffle, a part of
the corpus's claims sent to the worker that groups and compares it.

The schema follows `Claim` field by field, so a claim comes back equal to the one
written (floats as float64, tuples as lists of strings, enums by value); a field of a
type this module does not know is a `TypeError` when the schema is first built, not a
claim silently changed.
"""

from __future__ import annotations

import functools
import io
from dataclasses import fields

from factcheck.model import Claim, ClaimKind, Qualifier

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
    import pyarrow.parquet as pq

    # one thread: a part is decoded where it is grouped, beside the other workers (and
    # pyarrow's reader threads, left running, abort the interpreter at exit here)
    table = pq.read_table(io.BytesIO(data), use_threads=False)
    columns = table.to_pydict()
    for name, enum in _ENUMS.items():
        columns[name] = [enum(value) for value in columns[name]]
    for name in _TUPLES:
        columns[name] = [tuple(value) for value in columns[name]]
    return [Claim(*row) for row in zip(*(columns[name] for name in table.schema.names), strict=True)]
