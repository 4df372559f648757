"""The pipeline's seams: the order of its stages, the public `extract_claims`, and the
validation of rules/events.yaml (the frame and group stages' rules).

1. `check_stage_order` raises, naming the stage and the field, when a stage needs a
   `Claim` field that no earlier stage fills; the real `STAGES` pass, and every field
   they name is a field of `Claim`.
2. `factcheck.extract_claims(text)` frames what it extracts: event, label, facets and
   the fallback as_of, as one article.
3. A malformed events.yaml in a rules folder is a `RulesError` that names the file and
   the line of the offending entry. Each case copies the project's rules folder and
   adds one invented entry, so the cases do not depend on the file's current lines.
"""

from __future__ import annotations

import dataclasses
import re
import shutil

import pytest
from conftest import RULES_DIR

from factcheck import extract_claims
from factcheck.model import Claim, ClaimKind
from factcheck.pipeline import STAGES, Stage, check_stage_order
from factcheck.project import load_rules
from factcheck.rules import RulesError

# --- 1. stage order -----------------------------------------------------------------

BAD_ORDERS = [
    pytest.param((Stage("frame", ("topic",), ("event",)),), "frame", ("topic",), id="first-stage-needs-a-field"),
    pytest.param((Stage("extract", (), ("value", "unit")), Stage("group", ("value", "event"), ())),
                 "group", ("event",), id="field-no-stage-fills"),
    pytest.param((Stage("extract", (), ("value",)), Stage("group", ("event",), ()), Stage("frame", (), ("event",))),
                 "group", ("event",), id="field-filled-only-by-a-later-stage"),
    pytest.param((Stage("frame", ("event",), ("event",)),), "frame", ("event",),
                 id="stage-needs-the-field-it-fills-itself"),
    pytest.param((Stage("extract", (), ("value",)), Stage("compare", ("low", "value", "high"), ())),
                 "compare", ("low", "high"), id="several-missing-fields-all-named"),
    pytest.param(tuple(stage for stage in STAGES if stage.name != "frame"), "group", ("event",),
                 id="real-stages-without-frame"),
    pytest.param(tuple(stage for stage in STAGES if stage.name != "extract"), "frame", ("value",),
                 id="real-stages-without-extract"),
    pytest.param((STAGES[0], STAGES[2], STAGES[1], *STAGES[3:]), "group", ("event",),
                 id="real-stages-group-before-frame"),
]


@pytest.mark.parametrize(("stages", "stage", "fields"), BAD_ORDERS)
def test_check_stage_order_names_stage_and_missing_fields(stages, stage, fields):
    with pytest.raises(ValueError) as raised:
        check_stage_order(stages)
    message = str(raised.value)
    assert message.startswith(f"stage {stage} needs "), message
    for field in fields:
        assert field in message, message


GOOD_ORDERS = [
    pytest.param(STAGES, id="real-stages"),
    pytest.param((), id="no-stages"),
    pytest.param((Stage("a", (), ("x",)), Stage("b", ("x",), ("y",)), Stage("c", ("x", "y"), ())),
                 id="chain-each-needing-what-came-before"),
]


@pytest.mark.parametrize("stages", GOOD_ORDERS)
def test_check_stage_order_passes(stages):
    check_stage_order(stages)


def test_stages_name_only_claim_fields():
    claim_fields = {field.name for field in dataclasses.fields(Claim)}
    for stage in STAGES:
        unknown = [name for name in (*stage.requires, *stage.assigns) if name not in claim_fields]
        assert not unknown, f"stage {stage.name} names {unknown}, which are no Claim fields"


def test_stages_run_extract_frame_group_compare():
    assert [stage.name for stage in STAGES] == ["extract", "frame", "group", "compare"]


# --- 2. extract_claims frames its claims -----------------------------------------------


def quantities(text):
    return {claim.text: claim for claim in extract_claims(text) if claim.kind is ClaimKind.QUANTITY}


EXTRACT_CASES = [
    pytest.param(
        "date 2021-02-10\nFloods in Bolivia killed 86 people, including 40 children.",
        {"86": {"event_label": "2021 Bolivia floods", "facets": (), "as_of": "2021-02-10", "as_of_basis": "published"},
         "40": {"event_label": "2021 Bolivia floods", "facets": ("category:children",)}},
        id="floods-label-facet-and-published-as-of",
    ),
    pytest.param(
        "title: Earthquake strikes southern Peru\ndate: 2022-06-09\n\n"
        "The quake killed 240 people. Chile reported 30 deaths. Officials fear the toll could reach 900.",
        {"240": {"event_label": "2022 Peru earthquake", "facets": ()},
         "30": {"event_label": "2022 Peru earthquake", "facets": ("place:CL",)},
         "900": {"facets": ("status:forecast", "voice:official")}},
        id="header-block-place-and-forecast",
    ),
    pytest.param(
        "date 2021-02-10\nFloods in Bolivia killed 86 people. The 1998 floods killed 300 people.",
        {"86": {"event_label": "2021 Bolivia floods"},
         "300": {"event_label": "1998 floods", "as_of": "1998", "as_of_basis": "sentence"}},
        id="cited-earlier-floods-own-label",
    ),
    pytest.param(
        "The 2019 floods left more than 90 people dead.",
        {"more than 90": {"event_label": "2019 floods", "as_of": "2019"}},
        id="no-header-year-from-sentence",
    ),
    pytest.param(
        "The ministry said 86 people were evacuated from the valley.",
        {"86": {"event": None, "event_label": None, "as_of": None}},
        id="no-kind-word-no-event",
    ),
]


@pytest.mark.parametrize(("text", "expected"), EXTRACT_CASES)
def test_extract_claims_returns_framed_claims(text, expected):
    found = quantities(text)
    for surface, attributes in expected.items():
        assert surface in found, f"no quantity {surface!r} in {sorted(found)}"
        for name, value in attributes.items():
            assert getattr(found[surface], name) == value, f"{surface} {name} is {getattr(found[surface], name)!r}"


def test_extract_claims_gives_one_event_id_per_event():
    found = quantities("date 2021-02-10\nFloods in Bolivia killed 86 people, including 40 children. "
                       "The 1998 floods killed 300 people.")
    assert found["86"].event == found["40"].event
    assert found["86"].event != found["300"].event


def test_extract_claims_with_explicit_rules_matches_default():
    text = "date 2021-02-10\nFloods in Bolivia killed 86 people, including 40 children."
    with_rules = [(c.text, c.event_label, c.facets) for c in extract_claims(text, load_rules(RULES_DIR))]
    assert with_rules == [(c.text, c.event_label, c.facets) for c in extract_claims(text)]


# --- 3. events.yaml validation ------------------------------------------------------


def after(anchor, inserted):
    """A change to events.yaml: `inserted` lines right after the line `anchor`."""

    def change(text):
        # the anchor is a whole line of its own, not the same words in a comment
        line = re.compile("^" + re.escape(anchor) + "\n", re.MULTILINE)
        assert line.search(text), f"{anchor!r} no longer a line of events.yaml"
        return line.sub(lambda match: match.group(0) + inserted, text, count=1)

    return change


def at_end(appended):
    return lambda text: text.rstrip("\n") + "\n" + appended


def events_case(case_id, change, marker, message, marks=()):
    """`marker`: the text of the line the error must name (its first occurrence after the change)."""
    return pytest.param(change, marker, message, id=case_id, marks=marks)


EVENTS_ERRORS = [
    events_case(
        "unknown-key-in-a-kind",
        after("kinds:", "  meteor:\n    label: meteor strike\n    words: [meteor]\n    colour: red\n"),
        "    colour: red", "unknown key 'colour'",
    ),
    events_case(
        "related-names-an-unknown-kind",
        after("kinds:", "  meteor:\n    label: meteor strike\n    words: [meteor]\n    related: [comet]\n"),
        "    related: [comet]", "comet",
    ),
    events_case(
        "standing-maybe-is-not-a-boolean",
        after("kinds:", "  meteor:\n    label: meteor strike\n    words: [meteor]\n    standing: maybe\n"),
        "    standing: maybe", "must be true or false",
    ),
    events_case(
        "kind-without-words",
        after("kinds:", "  meteor:\n    label: meteor strike\n"),
        "    label: meteor strike", "missing words",
    ),
    events_case(
        "words-not-a-list",
        after("kinds:", "  meteor:\n    label: meteor strike\n    words: meteor\n"),
        "    words: meteor", "must be a list",
    ),
    events_case(
        "unknown-grouping-weight",
        after("grouping:", "  closeness: 0.5\n"),
        "  closeness: 0.5", "unknown key 'closeness'",
    ),
    events_case(
        "grouping-weight-not-a-number",
        after("grouping:", "  magnitude_gap: steep\n"),
        "  magnitude_gap: steep", "must be a number",
    ),
    events_case(
        "unknown-top-level-key",
        at_end("aliases:\n  quake: earthquake\n"),
        "aliases:", "unknown key 'aliases'",
    ),
]


@pytest.mark.parametrize(("change", "marker", "message"), EVENTS_ERRORS)
def test_events_yaml_errors_name_file_and_line(tmp_path, change, marker, message):
    rules_dir = tmp_path / "rules"
    shutil.copytree(RULES_DIR, rules_dir)
    events = rules_dir / "events.yaml"
    text = change(events.read_text(encoding="utf-8"))
    events.write_text(text, encoding="utf-8")
    line = text[:re.search("^" + re.escape(marker) + "\n", text, re.MULTILINE).start()].count("\n") + 1
    with pytest.raises(RulesError) as raised:
        load_rules(rules_dir)
    assert message in str(raised.value), str(raised.value)
    assert str(raised.value).startswith(f"{events}:"), str(raised.value)
    assert raised.value.line == line, str(raised.value)
    assert str(raised.value).startswith(f"{events}:{line}: "), str(raised.value)


def test_copied_rules_folder_loads_like_the_project_rules(tmp_path):
    """Control for the cases above: the copy itself is valid."""
    rules_dir = tmp_path / "rules"
    shutil.copytree(RULES_DIR, rules_dir)
    copied = load_rules(rules_dir)
    project = load_rules(RULES_DIR)
    assert (copied.event_kinds, copied.facets, copied.grouping) == (project.event_kinds, project.facets,
                                                                   project.grouping)


# --- 4. framing as claims arrive ----------------------------------------------------
# `analyse_documents` frames each document's claims as they arrive, in the order of the
# sources' names; it must give what framing every claim of the corpus at once gives,
# whatever order the documents come in, and whether a claim store holds some of them.

STREAMED_CORPUS = {
    "c-relief.txt": "The 2029 Tarvena floods displaced 4,000 people. Officials compared it with the 2011 "
                    "Quorra earthquake, which killed 12 people.",
    "a-floods.txt": "Floods in Tarvena in 2029 displaced about 4,200 people and killed 31.",
    "b-quake.txt": "The 2011 Quorra earthquake killed 14 people, a later inquiry found.",
    "d-report.txt": "A report on the Tarvena floods counts 30 dead and $2 million in damage.",
}


class DictStore:
    """A claim store in memory that holds the documents it is given claims for."""

    def __init__(self, held: dict[str, list[Claim]]) -> None:
        self.held, self.kept = held, []

    def holds(self, document, rules):
        return document.source in self.held

    def lookup(self, document, rules):
        return self.held.get(document.source)

    def keep(self, document, rules, claims):
        self.kept.append(document.source)


@pytest.mark.parametrize(("order", "held"), [
    pytest.param("by-name", (), id="documents-in-name-order"),
    pytest.param("reversed", (), id="documents-in-reverse-order"),
    pytest.param("reversed", ("b-quake.txt", "d-report.txt"), id="two-documents-from-the-store"),
])
def test_streamed_framing_equals_framing_the_whole_corpus(order, held):
    from factcheck.engine import extract_claims_of
    from factcheck.frame import frame_claims
    from factcheck.model import Document
    from factcheck.pipeline import analyse_documents

    rules = load_rules()
    names = sorted(STREAMED_CORPUS, reverse=order == "reversed")
    documents = [Document(name, STREAMED_CORPUS[name], str(index)) for index, name in enumerate(names)]
    extracted = {d.source: extract_claims_of(d, rules) for d in documents}
    whole = frame_claims(documents, sorted((c for found in extracted.values() for c in found),
                                           key=lambda c: (c.source, c.start, c.end)), rules).claims
    store = DictStore({name: extracted[name] for name in held}) if held else None
    streamed = analyse_documents(documents, rules, store=store).claims
    assert streamed == whole
    assert any(c.event_label and "Quorra" in c.event_label for c in streamed if c.source == "c-relief.txt")
    if store is not None:
        assert store.kept == [name for name in sorted(STREAMED_CORPUS) if name not in held]


# --- 5. claims held encoded, keyed and checked source by source ----------------------
# A run keys each source's claims for the shuffle and checks its arithmetic as the
# source is framed, and cuts the encoded claims into parts a chunk at a time; it must
# give the parts `partition_claims` gives from every claim at once, and the checks in
# `check_arithmetic`'s order (every sentence check, then every parts check).

KEYED_CORPUS = {
    "a-budget.txt": "A €15 billion package, including €4 billion for transport and €2 billion for schools, "
                    "was agreed in 2031. Exports hit $6 million, 15 times more than the $400,000 of 2030.",
    "b-bridge.txt": "Work on the Lenzby bridge began in 2019 and ended in 2024: it took 5 years. "
                    "Damage reached ¥90 billion (US$13 billion) in the 2031 Orvald floods, which killed 40 people.",
    "c-floods.txt": "The Orvald floods of 2031 killed 44 people and caused US$12 billion in damage. "
                    "A €15 billion package includes €5 billion for transport.",
}


def keyed_documents():
    from factcheck.model import Document

    return [Document(name, text, str(index)) for index, (name, text) in enumerate(sorted(KEYED_CORPUS.items()))]


@pytest.mark.parametrize(("chunk_claims", "part_waiting"), [
    pytest.param(4096, 4 * 4096, id="one-chunk"),
    pytest.param(2, 1, id="tiny-chunks-flushed-at-every-step"),
])
def test_encoded_claims_cut_into_the_parts_of_partition_claims(monkeypatch, chunk_claims, part_waiting):
    from factcheck import pipeline
    from factcheck.claim_table import ClaimTable, ClaimTableBuilder
    from factcheck.group import BlockUnion, partition_claims

    rules = load_rules()
    claims = list(pipeline.analyse_documents(keyed_documents(), rules).claims)
    union = BlockUnion(rules)
    keys = [key for source in sorted(KEYED_CORPUS)
            for key in union.keys([claim for claim in claims if claim.source == source])]
    monkeypatch.setattr(pipeline, "CHUNK_CLAIMS", chunk_claims)
    monkeypatch.setattr(pipeline, "PART_WAITING", part_waiting)
    monkeypatch.setattr(pipeline, "ClaimTableBuilder", lambda: ClaimTableBuilder(chunk_claims))
    parts = pipeline.cut_into_parts(ClaimTable.of(claims, chunk_claims), keys, union)
    expected = partition_claims(claims, rules)
    assert len(expected) >= 3
    assert [list(part) for part in parts] == expected


def test_checks_made_source_by_source_come_in_the_order_of_the_whole():
    from factcheck.arithmetic import check_arithmetic
    from factcheck.model import CheckKind
    from factcheck.pipeline import analyse_documents

    rules = load_rules()
    result = analyse_documents(keyed_documents(), rules)
    kinds = [check.kind for check in result.checks]
    assert {CheckKind.MULTIPLIER, CheckKind.SPAN, CheckKind.PARTS_WITHIN_WHOLE} <= set(kinds)
    # sentence checks of the second source come before the first source's parts check
    assert kinds.index(CheckKind.PARTS_WITHIN_WHOLE) > kinds.index(CheckKind.SPAN)
    assert list(result.checks) == check_arithmetic(list(result.claims), rules)
