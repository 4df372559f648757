"""Copies count once: a wire story that three outlets ran word for word is one voice in
a fact's consensus, and a copy whose figure was changed stays a discrepancy that says so."""

from __future__ import annotations

import pytest

from factcheck.model import ClaimKind
from factcheck.pipeline import check_paths

WIRE = "The floods in Peru killed 40 people and left 2,000 families homeless, officials said on Monday."


def write(folder, files):
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def deaths_fact(result):
    ids = {c.id for c in result.claims if c.kind is ClaimKind.QUANTITY and c.unit in ("people", "death")
           and c.value < 1000}
    return next(f for f in result.facts if set(f.claim_ids) & ids)


@pytest.mark.parametrize(("files", "votes", "value"), [
    pytest.param({"outlet-a.txt": f"title: Peru floods\ndate: 2024-03-04\n\n{WIRE}\n",
                  "outlet-b.txt": f"title: Deadly Peru floods\ndate: 2024-03-04\n\n{WIRE}\n",
                  "outlet-c.txt": f"title: Peru floods kill 40\ndate: 2024-03-04\n\n{WIRE}\n",
                  "reporter.txt": "title: Peru floods\ndate: 2024-03-05\n\nRescuers in Peru said the floods had "
                                  "killed 52 people.\n"},
                 2, 46.0, id="three-copies-and-one-own-report-are-two-votes"),
    pytest.param({"outlet-a.txt": f"title: Peru floods\ndate: 2024-03-04\n\n{WIRE}\n",
                  "reporter.txt": "title: Peru floods\ndate: 2024-03-05\n\nRescuers in Peru said the floods had "
                                  "killed 52 people.\n",
                  "other.txt": "title: Peru floods\ndate: 2024-03-05\n\nThe Peru floods killed 58 people, a charity "
                               "said.\n"},
                 3, 52.0, id="independent-reports-are-a-vote-each"),
])
def test_copies_are_one_vote(tmp_path, files, votes, value):
    result = check_paths(write(tmp_path / "docs", files))
    fact = deaths_fact(result)
    assert fact.consensus.votes == votes and fact.consensus.value == value
    copies = {c.id for c in result.claims if c.source.startswith("outlet")}
    assert not [f for f in result.findings if set(f.claims) <= copies and f.relation.is_discrepancy]
    # each later outlet's figure points to the first outlet's, which copies nothing
    first = {c.value: c.id for c in result.claims if c.source == "outlet-a.txt" and c.sentence == WIRE}
    linked = {(c.source, c.copy_of) for c in result.claims
              if c.source.startswith("outlet") and c.value == 40 and c.sentence == WIRE}
    assert linked == {("outlet-a.txt", None), *((f"outlet-{x}.txt", first[40.0]) for x in "bc" if
                                                  f"outlet-{x}.txt" in files)}


def test_a_copy_with_a_changed_figure_is_a_discrepancy_that_says_so(tmp_path):
    edited = WIRE.replace("40 people", "48 people")
    result = check_paths(write(tmp_path / "docs", {
        "outlet-a.txt": f"title: Peru floods\ndate: 2024-03-04\n\n{WIRE}\n",
        "outlet-b.txt": f"title: Peru floods\ndate: 2024-03-04\n\n{edited}\n"}))
    [finding] = [f for f in result.findings if f.relation.is_discrepancy]
    assert "copied sentence, figure changed" in finding.note
