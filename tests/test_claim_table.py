"""Claims as Parquet (`factcheck.claim_table`), the payload of a distributed run's
shuffle: every claim comes back equal to the one written, in order, whatever its
fields hold (open intervals, tuples, a page, a copy), and the seeds' framed claims
survive the round trip whole; a `ClaimTable` of them is the sequence of its claims."""

from __future__ import annotations

import pickle
import subprocess
import sys
from dataclasses import fields, replace
from pathlib import Path

import pytest
from conftest import SEEDS

from factcheck.claim_table import (
    ClaimTable,
    ClaimTableBuilder,
    FindingTable,
    MergedFindings,
    claim_schema,
    claims_from_parquet,
    claims_to_parquet,
)
from factcheck.model import Claim
from factcheck.pipeline import check_paths, extract_claims

ROUND_TRIPS = [
    pytest.param("The 2031 Orvald floods killed more than 40 people.", {}, id="open-interval-and-event"),
    pytest.param("Damage reached ¥90 billion (US$13 billion), about 3.5% of output.", {}, id="restatement-and-percent"),
    pytest.param("In Tarvena and Sarvel, some 1,200 children were displaced.", {}, id="subjects-and-facets"),
    pytest.param("The bridge is 1,187 metres long.", {"page": 12, "copy_of": "c0123456789a"}, id="page-and-copy"),
    pytest.param("Between 30 and 45 percent of homes were damaged in 2033.", {"unit_name": "percent"},
                 id="range-and-date"),
]


@pytest.mark.parametrize(("text", "changes"), ROUND_TRIPS)
def test_claims_come_back_equal_and_in_order(text, changes):
    claims = [replace(claim, **changes) for claim in extract_claims(text)]
    assert claims
    assert claims_from_parquet(claims_to_parquet(claims)) == claims


def test_an_empty_part_round_trips():
    assert claims_from_parquet(claims_to_parquet([])) == []


# Run in a fresh interpreter, where pyarrow has started nothing yet: the threads before
# and after one operation, counted from /proc (Linux).
_THREADS_AROUND = """
import os, sys
from factcheck.claim_table import claims_from_parquet, claims_to_parquet
from factcheck.pipeline import extract_claims
claims = extract_claims("The Orvald dam, 120 m tall, cost $400 million in 2019.")
data = claims_to_parquet(claims)
before = len(os.listdir("/proc/self/task"))
{operation}
print(before, len(os.listdir("/proc/self/task")))
"""


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="counts threads through Linux's /proc")
@pytest.mark.parametrize("operation", [
    pytest.param("claims_to_parquet(claims)", id="encode"),
    pytest.param("claims_from_parquet(data)", id="decode"),
])
def test_encoding_and_decoding_start_no_thread(operation):
    """A native thread still running at exit can abort the interpreter (apache/arrow
    issue 34314): `factcheck check` then exits 134 now and then."""
    script = _THREADS_AROUND.format(operation=operation)
    completed = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                               timeout=120)
    before, after = completed.stdout.split()
    assert after == before


def test_the_schema_has_a_column_per_claim_field_in_order():
    assert claim_schema().names == [field.name for field in fields(Claim)]


def test_the_seeds_claims_survive_the_round_trip():
    claims = list(check_paths([SEEDS]).claims)
    assert len(claims) > 100
    assert claims_from_parquet(claims_to_parquet(claims)) == claims


# --- a run's claims, held encoded -----------------------------------------------------
# `ClaimTable` keeps claims as Parquet chunks and decodes them as they are read; it must
# behave as the tuple of the same claims would, whatever the chunk size.

TABLE_TEXT = ("The 2031 Orvald floods killed 40 people and displaced 12,000. Damage reached $3 million, "
              "twice the 2029 figure. The Lenzby bridge is 1,187 metres long.")


@pytest.fixture(scope="module")
def table_claims():
    claims = extract_claims(TABLE_TEXT)
    assert len(claims) >= 6
    return claims


@pytest.mark.parametrize("chunk_claims", [
    pytest.param(1, id="one-claim-a-chunk"),
    pytest.param(4, id="chunks-of-four-last-one-short"),
    pytest.param(4096, id="all-in-one-chunk"),
])
def test_a_table_is_the_sequence_of_its_claims(table_claims, chunk_claims):
    table = ClaimTable.of(table_claims, chunk_claims=chunk_claims)
    assert table.chunk_count == -(-len(table_claims) // chunk_claims)
    assert len(table) == len(table_claims)
    assert list(table) == table_claims
    assert table == table_claims and table == tuple(table_claims) and tuple(table_claims) == table
    assert [table[i] for i in range(-len(table), len(table))] == table_claims + table_claims
    assert table[1:-1] == table_claims[1:-1]
    assert table.index(table_claims[-1]) == len(table_claims) - 1
    assert pickle.loads(pickle.dumps(table)) == table_claims


@pytest.mark.parametrize("index", [pytest.param(6 * 10, id="past-the-end"), pytest.param(-6 * 10, id="before-start")])
def test_an_index_outside_the_table_is_an_index_error(table_claims, index):
    with pytest.raises(IndexError):
        ClaimTable.of(table_claims, chunk_claims=2)[index]


@pytest.mark.parametrize(("changed", "expected"), [
    pytest.param(lambda claims: claims[:-1], False, id="one-claim-fewer"),
    pytest.param(lambda claims: [*claims[:-1], replace(claims[-1], value=claims[-1].value + 1)], False,
                 id="last-value-differs"),
    pytest.param(lambda claims: list(claims), True, id="same-claims-as-a-list"),
])
def test_tables_equal_only_the_same_claims(table_claims, changed, expected):
    assert (ClaimTable.of(table_claims, chunk_claims=3) == changed(table_claims)) is expected
    assert (ClaimTable.of(table_claims, chunk_claims=3) == ClaimTable.of(changed(table_claims))) is expected


def test_copies_are_marked_as_their_claims_are_read(table_claims):
    first, second = table_claims[0].id, table_claims[3].id
    table = ClaimTable.of(table_claims, chunk_claims=2).with_copies({second: first})
    assert [claim.copy_of for claim in table] == [first if claim.id == second else None for claim in table_claims]
    assert table[3].copy_of == first


def test_the_builder_holds_at_most_one_chunk_as_claims(table_claims):
    builder = ClaimTableBuilder(chunk_claims=4)
    waiting = []
    for claim in table_claims:
        builder.extend([claim])
        waiting.append(builder.waiting)
    assert max(waiting) == 3 and waiting[3] == 0
    builder.flush()
    assert builder.waiting == 0
    assert builder.build() == table_claims


@pytest.mark.parametrize("chunk_claims", [pytest.param(0, id="zero"), pytest.param(-4, id="negative")])
def test_a_chunk_of_no_claims_is_refused(chunk_claims):
    with pytest.raises(ValueError, match="a chunk holds at least 1 item, not -?[0-9]"):
        ClaimTableBuilder(chunk_claims)


def test_an_empty_table_is_an_empty_sequence():
    table = ClaimTable.of([])
    assert (len(table), list(table), table == (), table.chunk_count) == (0, [], True, 0)


# --- a run's findings, held encoded ---------------------------------------------------

@pytest.fixture(scope="module")
def seed_findings():
    findings = list(check_paths([SEEDS]).findings)
    assert len(findings) >= 10
    return findings


@pytest.mark.parametrize("chunk_findings", [pytest.param(1, id="one-a-chunk"), pytest.param(7, id="chunks-of-seven"),
                                            pytest.param(4096, id="all-in-one-chunk")])
def test_a_finding_table_is_the_sequence_of_its_findings(seed_findings, chunk_findings):
    table = FindingTable.of(seed_findings, chunk_findings)
    assert table.chunk_count == -(-len(seed_findings) // chunk_findings)
    assert table == seed_findings and list(table) == seed_findings and table[-1] == seed_findings[-1]
    assert pickle.loads(pickle.dumps(table)) == seed_findings


@pytest.mark.parametrize("runs", [pytest.param(1, id="one-run"), pytest.param(3, id="three-runs"),
                                  pytest.param(40, id="more-runs-than-some-have-findings")])
def test_sorted_runs_merge_into_the_order_of_the_whole(seed_findings, runs):
    from factcheck.compare import finding_order

    shuffled = sorted(seed_findings, key=lambda finding: finding.id[::-1])  # any order but the reported one
    cut = [sorted(shuffled[number::runs], key=finding_order) for number in range(runs)]
    merged = MergedFindings([FindingTable.of(run, 5) for run in cut], key=finding_order)
    expected = sorted(seed_findings, key=finding_order)
    assert len(merged) == len(expected) and merged == expected and list(merged) == expected
    assert [merged[i] for i in (0, len(expected) // 2, -1)] == [expected[0], expected[len(expected) // 2], expected[-1]]
    assert merged[1:4] == expected[1:4]
    assert merged != shuffled
