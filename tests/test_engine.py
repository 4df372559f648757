"""Where extraction runs: the rules travel to other processes whole (they pickle, their
lexicon and matchers built), and a run on a Dask `LocalCluster` of two worker processes
writes the same reports, byte for byte, as a run in this process: on the seeds and on a
generated corpus of a few hundred documents, and when a worker is killed mid-run (while
documents are extracted, and while parts of the claims are grouped and compared). A
document whose extraction fails ends the run with an error that names it.

Every place, figure and sentence of the generated corpus is invented.
"""

from __future__ import annotations

import os
import pickle
import random
import signal
from pathlib import Path

import pytest
from conftest import RULES_DIR, SEEDS

from factcheck.engine import LOCAL_ANY_PORT, DaskEngine, ExtractionError, LocalEngine, batches, engine_for
from factcheck.model import Document
from factcheck.pipeline import analyse_documents, check_paths, extract_claims
from factcheck.project import load_rules
from factcheck.report import FORMATS, write_report

PLACES = ("Orvald", "Tarvena", "Sarvel", "Lenzby", "Quorra", "Belmish", "Dravik", "Oskelund", "Varrin", "Tessaly")
KINDS = ("floods", "earthquake", "landslide", "storm", "wildfire")
TEMPLATES = (
    "The {year} {place} {kind} killed {dead} people and displaced about {fled:,} residents, officials said.",
    "At least {dead} people died in the {kind} that struck {place} in {year}; more than {fled:,} fled their homes.",
    "Relief agencies counted {dead2} dead after the {year} {kind} in {place}, and {share} percent of homes were "
    "damaged.",
    "The {place} bridge, {length}-metre long, reopened in {later} after repairs that cost ${cost} million.",
    "In {place}, {schools} schools stayed shut for {weeks} weeks after the {kind} of {year}.",
)


def synthetic_corpus(folder: Path, documents: int = 300, seed: int = 11) -> Path:
    """`documents` short invented news texts on a few dozen events, their figures varied
    from text to text (so facts agree, round and conflict), written to `folder`."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    events = [(place, kind, year) for place in PLACES for kind in KINDS[:3] for year in (2031, 2033)]
    for number in range(documents):
        place, kind, year = events[number % len(events)]
        dead = rng.choice([40, 42, 48, 61, 100])
        lines = [template.format(place=place, kind=kind, year=year, later=year + 2, dead=dead, dead2=dead + 3,
                                 fled=rng.choice([12_000, 12_400, 15_000]), share=rng.choice([30, 31, 45]),
                                 length=rng.choice([1_200, 1_187]), cost=rng.choice([4, 4.5]),
                                 schools=rng.choice([12, 14]), weeks=rng.choice([3, 6]))
                 for template in rng.sample(TEMPLATES, 3)]
        (folder / f"doc-{number:04d}.txt").write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("text", [
    pytest.param("The 2031 Orvald floods killed more than 40 people.", id="count"),
    pytest.param("The Tarvena dam, 1,200 metres long and 95 ft high, cost $4.5 million.", id="units-and-money"),
    pytest.param("Some 12,000 residents of Sarvel fled, 30 percent of them children.", id="percent"),
])
def test_the_rules_pickle_after_extraction_and_extract_alike(text):
    rules = load_rules(RULES_DIR)
    before = extract_claims(text, rules)  # builds and uses every matcher
    travelled = pickle.loads(pickle.dumps(rules))
    assert travelled == rules and hash(travelled) == hash(rules)
    assert extract_claims(text, travelled) == before


def test_the_rules_arrive_with_their_lexicon_and_matchers_built():
    rules = load_rules(RULES_DIR)
    # no document: nothing is built on first use, so only the run's preparation builds them
    analyse_documents([], rules)
    travelled = pickle.loads(pickle.dumps(rules))  # as the engine sends them to its workers
    assert {"lexicon", "topic_matcher", "subject_matcher", "event_kind_matcher", "facet_matcher"} <= \
        set(travelled._derived)


@pytest.mark.parametrize(("sizes", "batch_chars", "parts", "expected"), [
    pytest.param([5, 5, 5], 10, 1, [[0, 1], [2]], id="by-size"),
    pytest.param([30, 1, 1], 10, 1, [[0], [1, 2]], id="a-large-document-alone"),
    pytest.param([1] * 6, 100, 3, [[0, 1], [2, 3], [4, 5]], id="enough-batches-for-the-workers"),
    pytest.param([], 10, 4, [], id="nothing"),
])
def test_documents_are_cut_into_batches_in_order(sizes, batch_chars, parts, expected):
    documents = [Document(f"d{i}", "x" * size, "") for i, size in enumerate(sizes)]
    assert batches(documents, batch_chars, parts) == expected


def test_a_failed_extraction_names_its_document(rules):
    documents = [Document("good.txt", "The 2031 Orvald floods killed 40 people.", "a"),
                 Document("broken.txt", b"40 people", "b")]  # type: ignore[arg-type]  (bytes, not text: extraction fails)
    with pytest.raises(ExtractionError, match=r"^broken\.txt: extraction failed: "):
        list(LocalEngine().extract(documents, rules))


@pytest.mark.parametrize(("name", "kind"), [("local", LocalEngine), ("dask", DaskEngine)])
def test_engine_for_names_each_engine(name, kind):
    assert isinstance(engine_for(name), kind)


def test_an_unknown_engine_is_refused():
    with pytest.raises(ValueError, match="unknown engine 'spark'"):
        engine_for("spark")


# --- on a cluster ------------------------------------------------------------------


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=LOCAL_ANY_PORT, scheduler_kwargs={"dashboard": False}) as local:
        yield local


def _reports(result, out: Path, formats: tuple[str, ...]) -> dict[str, bytes]:
    write_report(result, out, formats)
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


@pytest.mark.slow
@pytest.mark.parametrize("corpus", ["seeds", "generated"])
def test_the_dask_engine_writes_the_local_engines_reports_byte_for_byte(cluster, corpus, tmp_path):
    sources = SEEDS if corpus == "seeds" else synthetic_corpus(tmp_path / "corpus")
    # every format for the seeds; the data formats for the corpus (drawing its hundreds of
    # plots would only add time: they are drawn from the same records)
    formats = FORMATS if corpus == "seeds" else ("json", "csv")
    rules = load_rules(RULES_DIR)
    local_result = check_paths([sources], rules)
    local = _reports(local_result, tmp_path / "local", formats)
    engine = DaskEngine(scheduler=cluster.scheduler_address, batch_chars=20_000)
    try:
        on_cluster = _reports(check_paths([sources], rules, engine=engine), tmp_path / "dask", formats)
    finally:
        engine.close()
    assert sorted(on_cluster) == sorted(local)
    assert [name for name in local if on_cluster[name] != local[name]] == []
    assert local_result.facts and any(f.relation.is_discrepancy for f in local_result.findings)


@pytest.mark.slow
def test_a_worker_killed_mid_run_is_replaced_and_the_claims_are_complete(cluster, tmp_path, rules):
    sources = synthetic_corpus(tmp_path / "corpus", documents=400, seed=5)
    documents = [Document(p.name, p.read_text(encoding="utf-8"), p.name) for p in sorted(sources.iterdir())]
    expected = analyse_documents(documents, rules)
    engine = DaskEngine(scheduler=cluster.scheduler_address, batch_chars=2_000)  # many small batches
    killed: list[int] = []

    def kill_a_worker_once(_source: str, _done: int, _total: int) -> None:
        if not killed:
            pids = engine.client.run(os.getpid)
            victim = pids[sorted(pids)[0]]
            os.kill(victim, signal.SIGKILL)
            killed.append(victim)

    try:
        result = analyse_documents(documents, rules, progress=kill_a_worker_once, engine=engine)
        assert killed and killed[0] not in engine.client.run(os.getpid).values()  # it is gone
    finally:
        engine.close()
    assert result.claims == expected.claims
    assert result.findings == expected.findings


@pytest.mark.slow
@pytest.mark.parametrize("share", [
    pytest.param("task", id="rules-as-a-task-result-come-back"),
    pytest.param("scatter", id="scattered-rules-are-lost", marks=pytest.mark.xfail(
        raises=Exception, strict=True, reason="data scattered to a worker dies with it (why the engine uses a task)")),
])
def test_the_rules_survive_the_death_of_the_worker_holding_them(cluster, rules, share):
    from distributed import Client, wait

    from factcheck.engine import _given, _shared

    with Client(cluster.scheduler_address) as client:
        client.wait_for_workers(2)
        shared = _shared(client, rules) if share == "task" else client.scatter(rules)
        wait(shared)
        (holder,) = client.who_has(shared)[shared.key]
        os.kill(client.run(os.getpid)[holder], signal.SIGKILL)
        client.wait_for_workers(2)
        # a task that needs the rules, run after the only worker that held them died
        assert client.submit(_given, shared, pure=False).result(timeout=60) == rules


@pytest.mark.slow
def test_a_worker_killed_while_parts_are_compared_is_replaced_and_the_facts_are_complete(cluster, tmp_path, rules):
    from factcheck.group import partition_claims

    sources = synthetic_corpus(tmp_path / "corpus", documents=300, seed=7)
    documents = [Document(p.name, p.read_text(encoding="utf-8"), p.name) for p in sorted(sources.iterdir())]
    claims = list(analyse_documents(documents, rules).claims)
    parts = partition_claims(claims, rules)
    assert len(parts) >= 4
    expected = sorted(list(LocalEngine().compare(parts, rules)) * 6,
                      key=lambda part: part.facts[0].id if part.facts else "")
    # each part six times over: on warm workers, parts are still queued or running when
    # the first result comes back and a worker is killed
    parts = parts * 6
    engine = DaskEngine(scheduler=cluster.scheduler_address)
    killed: list[int] = []
    found = []
    try:
        for part in engine.compare(parts, rules):
            found.append(part)
            busy = [worker for worker, keys in engine.client.processing().items() if keys]
            if not killed and busy:  # a worker with a part in hand dies: the part runs again
                victim = engine.client.run(os.getpid)[busy[0]]
                os.kill(victim, signal.SIGKILL)
                killed.append(victim)
    finally:
        engine.close()
    assert killed
    assert sorted(found, key=lambda part: part.facts[0].id if part.facts else "") == expected


@pytest.mark.slow
def test_a_failed_extraction_on_a_worker_names_its_document(cluster, rules):
    engine = DaskEngine(scheduler=cluster.scheduler_address)
    documents = [Document("fine.txt", "The 2031 Orvald floods killed 40 people.", "a"),
                 Document("broken.txt", b"40 people", "b")]  # type: ignore[arg-type]
    try:
        with pytest.raises(ExtractionError, match=r"^broken\.txt: extraction failed: "):
            list(engine.extract(documents, rules))
    finally:
        engine.close()


@pytest.mark.slow
def test_factcheck_run_with_the_dask_engine_writes_the_same_reports_and_stays_quiet(tmp_path):
    import subprocess
    import sys

    outputs, errors = {}, {}
    for name, options in (("local", []), ("dask", ["--engine", "dask", "--workers", "1"])):
        out = tmp_path / name
        completed = subprocess.run([sys.executable, "-c", "from factcheck.cli import main; main()", "run",
                                    str(SEEDS), "--rules", str(RULES_DIR), "--out", str(out), "--no-progress",
                                    "--no-cache", "--format", "json,md", *options], capture_output=True, text=True)
        assert completed.returncode == 0, completed.stderr
        outputs[name] = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
        errors[name] = completed.stderr
    assert outputs["dask"] == outputs["local"] and "report.json" in outputs["local"]
    # Dask logs each connection at INFO; a run without -v shows only its own summary line
    assert errors["dask"].replace(str(tmp_path / "dask"), "OUT") == errors["local"].replace(str(tmp_path / "local"),
                                                                                            "OUT")
