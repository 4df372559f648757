"""The one place that knows the order of the stages:
discover → read → extract → frame → group → compare → review → `RunResult`.

Each stage declares the claim fields it needs and the ones it fills (`STAGES`, after
spaCy's `requires`/`assigns`); `check_stage_order` proves once, at import, that every
field a stage needs was filled by a stage before it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol

from factcheck.arithmetic import source_arithmetic
from factcheck.claim_table import (
    CHUNK_CLAIMS,
    ClaimTable,
    ClaimTableBuilder,
    FindingTable,
    MergedFindings,
    release_unused_memory,
)
from factcheck.compare import finding_order
from factcheck.engine import ClaimSource, Engine, LocalEngine, ProgressCallback, extract_claims_of
from factcheck.extract import extract_document_claims
from factcheck.frame import FRAME_ASSIGNS, FRAME_REQUIRES, SourceFramer, frame_claims, read_events
from factcheck.group import BlockUnion
from factcheck.model import Check, Claim, Document, Fact, ReviewKey, RunResult
from factcheck.readers import discover_sources, read_sources
from factcheck.rules import Rules, prepare_rules, read_rules
from factcheck.sidecar import SIDECAR_FILE, apply_sidecar, load_sidecar


@dataclass(frozen=True, slots=True)
class Stage:
    """A stage of the pipeline and the `Claim` fields it needs and fills."""

    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]


STAGES = (
    Stage("extract", (), ("value", "unit", "dimension", "qualifier", "low", "high", "precision", "measured", "topic",
                          "unit_family", "scope", "as_of", "as_of_basis", "subjects", "restates", "part_of")),
    Stage("frame", FRAME_REQUIRES, FRAME_ASSIGNS),
    Stage("group", ("event", "facets", "topic", "unit_family", "as_of", "restates", "part_of"), ()),
    Stage("compare", ("value", "low", "high", "precision", "qualifier", "facets", "as_of"), ()),
)


def check_stage_order(stages: tuple[Stage, ...] = STAGES) -> None:
    """Raise `ValueError` naming the stage and field when a stage needs a field that no
    stage before it fills.

    >>> check_stage_order((Stage("a", (), ("x",)), Stage("b", ("y",), ())))
    Traceback (most recent call last):
    ...
    ValueError: stage b needs y, which no stage before it fills
    """
    filled: set[str] = set()
    for stage in stages:
        missing = [name for name in stage.requires if name not in filled]
        if missing:
            raise ValueError(f"stage {stage.name} needs {', '.join(missing)}, which no stage before it fills")
        filled.update(stage.assigns)


check_stage_order()

class ClaimStore(Protocol):
    """Claims kept from earlier runs (`factcheck.cache.ClaimCache`): asked whether it
    holds a document's claims, looked up, and given what was extracted."""

    def holds(self, document: Document, rules: Rules) -> bool: ...

    def lookup(self, document: Document, rules: Rules) -> list[Claim] | None: ...

    def keep(self, document: Document, rules: Rules, claims: list[Claim]) -> None: ...


def extract_claims(text: str, rules: Rules | None = None) -> list[Claim]:
    """Every numeric claim in `text`, extracted and framed as one article: quantities
    with unit, interval, event, scope and as_of, and dates.

    >>> claims = extract_claims("The 2019 floods left more than 90 people dead.")
    >>> [(c.kind.value, c.text, c.value, c.unit, c.qualifier.value, c.low, c.high) for c in claims]
    [('date', '2019', 2019.0, None, 'exact', 2019.0, 2019.0), ('quantity', 'more than 90', 90.0, 'people', 'more_than', 90.0, None)]
    >>> claims[1].measured, claims[1].as_of, claims[1].event_label
    ('floods left people dead', '2019', '2019 floods')
    """
    rules = rules if rules is not None else read_rules()
    document = Document("", text, "")
    return list(frame_claims([document], extract_document_claims(text, "", rules), rules).claims)


def analyse_documents(documents: list[Document], rules: Rules, progress: ProgressCallback | None = None,
                      claims_of: ClaimSource = extract_claims_of, engine: Engine | None = None,
                      store: ClaimStore | None = None) -> RunResult:
    """Run extract, frame, group, compare and review over documents already read (pure when
    `claims_of` is the extractor itself). Extraction runs on `engine` (this process by
    default), for the documents `store` does not hold, and so do grouping, comparing and
    reviewing, part by part (`group.partition_claims`); framing runs here. Claims come
    sorted by source and position (a `ClaimTable`), facts by id, findings worst first
    (`MergedFindings`): both held encoded, decoded as they are read."""
    # every stage is imported here, so every derived value is registered: built once,
    # before the rules travel to any worker
    prepare_rules(rules)
    engine = engine if engine is not None else LocalEngine(claims_of)
    union = BlockUnion(rules)
    claims, keys, checks = _framed(documents, rules, claims_of, engine, store, union, progress)
    facts: list[Fact] = []
    # each part's findings, sorted and encoded as the part comes in, then read merged in
    # one order: a large corpus has about two findings per claim, held as objects they
    # would take ten times its claims' encoded size
    runs: list[FindingTable] = []
    copies: dict[str, str] = {}
    reviewed: set[ReviewKey] = set()
    for part in engine.compare(cut_into_parts(claims, keys, union), rules):
        facts.extend(part.facts)
        runs.append(FindingTable.of(sorted(part.findings, key=finding_order)))
        copies.update(part.copies)
        reviewed |= part.reviewed
    facts.sort(key=lambda fact: fact.id)
    findings = MergedFindings(runs, key=finding_order)
    stale_reviews = [review for review in rules.accepted if review.key not in reviewed]
    fact_of = {claim_id: fact.id for fact in facts for claim_id in fact.claim_ids}
    return RunResult(
        documents=tuple(documents),
        claims=claims.with_copies(copies),  # wire copies point to the claim they copy
        facts=tuple(facts),
        findings=findings,
        checks=checks,
        stale_reviews=tuple(stale_reviews),
        fact_of=fact_of,
    )


def _framed(documents: list[Document], rules: Rules, claims_of: ClaimSource, engine: Engine,
            store: ClaimStore | None, union: BlockUnion, progress: ProgressCallback | None
            ) -> tuple[ClaimTable, list[tuple[str, str, str] | None], tuple[Check, ...]]:
    """The corpus's claims extracted, framed and encoded (by source and position), each
    claim's block in `union`, and the arithmetic checks in `check_arithmetic`'s order.

    Framing reads the corpus's events from the texts first; then each document's claims
    are extracted (or taken from the store), framed, keyed for the shuffle, checked and
    encoded, in the order of the sources' names, so only one document's claims are held
    as objects at a time, and the events are let go once every claim is framed."""
    framer = SourceFramer(documents, read_events(documents, rules), rules)
    ordered = sorted(documents, key=lambda document: document.source)
    held = [store is not None and store.holds(document, rules) for document in ordered]
    extracted = engine.extract([document for document, is_held in zip(ordered, held) if not is_held], rules, progress)
    table = ClaimTableBuilder()
    keys: list[tuple[str, str, str] | None] = []
    in_sentences: list[Check] = []
    in_parts: list[Check] = []
    for document, is_held in zip(ordered, held):
        found = store.lookup(document, rules) if store is not None and is_held else None
        if found is None:
            # held, but unreadable after all (a damaged entry): extracted here
            found = claims_of(document, rules) if is_held else next(extracted)
            if store is not None:
                store.keep(document, rules, found)
        if document.page_starts:  # a PDF's claims name their page
            found = [replace(claim, page=document.page_at(claim.start)) for claim in found]
        framed = framer.frame(document.source, sorted(found, key=lambda claim: (claim.start, claim.end)))
        keys.extend(union.keys(framed))
        sentence_checks, part_checks = source_arithmetic(framed, rules)
        in_sentences.extend(sentence_checks)
        in_parts.extend(part_checks)
        table.extend(framed)
    return table.build(), keys, tuple(in_sentences + in_parts)


# claims routed to their parts and not yet encoded, at most (beyond it, every part's
# waiting claims are encoded, however few): many small parts never hold the corpus
PART_WAITING = 4 * CHUNK_CLAIMS


def cut_into_parts(claims: ClaimTable, keys: list[tuple[str, str, str] | None], union: BlockUnion) -> list[ClaimTable]:
    """`claims` cut into the parts of `group.partition_claims`, given each claim's block
    (`keys`, in the order of `claims`) and the blocks' union: largest part first, each
    in the order of `claims`, decoded and encoded again a chunk at a time."""
    part_of = [union.part(key) if key is not None else None for key in keys]
    sizes = Counter(part for part in part_of if part is not None)
    order = sorted(sizes, key=lambda part: (-sizes[part], part))
    builders = {part: ClaimTableBuilder() for part in order}
    for routed, (claim, part) in enumerate(zip(claims, part_of, strict=True), start=1):
        if part is not None:
            builders[part].extend((claim,))
        if routed % CHUNK_CLAIMS == 0 and sum(builder.waiting for builder in builders.values()) > PART_WAITING:
            for builder in builders.values():
                builder.flush()
    parts = [builders[part].build() for part in order]
    release_unused_memory()
    return parts


def check_paths(paths: list[str | Path] | tuple[str | Path, ...] | str | Path, rules: Rules | None = None,
                progress: ProgressCallback | None = None, claims_of: ClaimSource = extract_claims_of,
                sources_meta: Path | None = None, engine: Engine | None = None,
                store: ClaimStore | None = None, exclude: tuple[str | Path, ...] = ()) -> RunResult:
    """Read every source under `paths` and check their figures against each other.
    Folders in `exclude` (the run's output folder) are never read as sources; what
    could not be found or read is in the result's problems (`readers.discover_sources`).

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("The 2019 floods left more than 90 people dead.", encoding="utf-8")
    >>> _ = (folder / "b.txt").write_text("The floods in 2019 caused 48 deaths.", encoding="utf-8")
    >>> result = check_paths(folder)
    >>> [(f.relation.value, f.severity.value) for f in result.findings]
    [('conflict', 'high')]
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    rules = rules if rules is not None else read_rules()
    files, missing = discover_sources(list(paths), exclude)
    documents, problems = read_sources(files)
    # the sources' sidecar: the one given, else sources.yaml in the folder read
    sidecars = [sources_meta] if sources_meta is not None else \
        [Path(p) / SIDECAR_FILE for p in paths if Path(p).is_dir() and (Path(p) / SIDECAR_FILE).is_file()]
    for sidecar in sidecars:
        documents = apply_sidecar(documents, load_sidecar(sidecar))
    result = analyse_documents(documents, rules, progress, claims_of, engine, store)
    return replace(result, problems=tuple(sorted(missing + problems, key=lambda problem: problem.source)))
