"""Claims as Parquet (`factcheck.claim_table`), the payload of a distributed run's
shuffle: every claim comes back equal to the one written, in order, whatever its
fields hold (open intervals, tuples, a page, a copy), and the seeds' framed claims
survive the round trip whole."""

from __future__ import annotations

from dataclasses import fields, replace

import pytest
from conftest import SEEDS

from factcheck.claim_table import claim_schema, claims_from_parquet, claims_to_parquet
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


def test_the_schema_has_a_column_per_claim_field_in_order():
    assert claim_schema().names == [field.name for field in fields(Claim)]


def test_the_seeds_claims_survive_the_round_trip():
    claims = list(check_paths([SEEDS]).claims)
    assert len(claims) > 100
    assert claims_from_parquet(claims_to_parquet(claims)) == claims
