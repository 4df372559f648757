"""The whole pipeline fuzzed (issue 16, item 10): folders of generated documents go
through the run `factcheck run --no-cache` makes (`check_paths`, the packaged default
rules, no claim cache) and the project's JSON writer, and every run must keep these
properties (`PROPERTIES`, one check each):

1. it raises nothing;
2. each claim's span is exact: its file's text, as Python reads it, holds the claim's
   `text` at `start:end` (offsets are the file's, for an article of a file too), and its
   `line` and `column` are those of `start`;
3. `low <= value <= high` for every bound a claim has;
4. each claim belongs to at most one fact, the one `fact_of` names;
5. report.json keeps the `factcheck.report/1` contract (`report_contract`, which the
   CLI test checks too);
6. a second run on the same folder writes byte-identical report.json.

The documents come from a grammar of what news about figures is made of: figures (digits,
decimals, thousands separators, number words, "2.5 million"), qualifiers and ranges,
units, dates, names with digits ("Route 66", "Tarvena-3"), tables, arithmetic ("15 times
more than"), files of several articles, and noise (punctuation, brackets, unicode dashes,
odd spaces, stray digits, empty lines, very long tokens, control characters). Places,
events and people are invented. `extract_claims` alone is fuzzed in
test_extract_robustness.py; this test owns what only a run over files shows: reading,
splitting into articles, framing across documents, grouping, comparing and the report.
2,000 documents in all (250 folders of 8), derandomized: CI sees the same ones every run.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from tempfile import TemporaryDirectory

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from report_contract import report_contract_violations

from factcheck.articles import file_of
from factcheck.model import RunResult
from factcheck.pipeline import check_paths
from factcheck.project import load_rules
from factcheck.report import write_report

# The packaged defaults, as `factcheck run` loads them without a rules folder; loaded once
# (a load costs ~30 ms, as much as a small run).
RULES = load_rules()

DOCUMENTS_PER_EXAMPLE = 8
EXAMPLES = 250  # 2,000 documents in all
FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,  # a run's time varies with the text generated; the suite's time is the budget
    derandomize=True,  # the same documents on every run: CI stays deterministic
    database=None,  # nothing kept between runs: derandomized, a failure comes back on its own
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# --- the grammar ----------------------------------------------------------------------

PLACES = ["Orvald", "Tarvena", "Sarvel", "Lenzby", "Quorra", "Marrow Vale"]
EVENTS = ["floods", "earthquake", "clashes", "landslide", "storm", "wildfires", "drought", "border dispute"]
NAMES_WITH_DIGITS = ["Route 66", "Boeing 737", "G20", "COVID-19", "Tarvena-3", "the Orvald-2 dam", "Highway 12",
                     "the Sarvel A4 bridge"]
MONTHS = ["January", "March", "May", "June", "September", "December"]
NUMBER_WORDS = ["one", "two", "three", "seven", "twelve", "forty-two", "a dozen", "dozens", "hundreds",
                "two hundred", "a hundred", "thousands", "tens of thousands", "half", "a third", "two thirds"]
SCALES = ["million", "billion", "thousand", "m", "bn"]
SEPARATORS = [",", ",", " ", "\u00a0", "\u202f", "\u2009", "."]
QUALIFIERS = ["", "", "", "more than ", "about ", "at least ", "up to ", "nearly ", "almost ", "fewer than ",
              "over ", "some ", "an estimated ", "roughly ", "just under ", "~"]
# a unit after the figure; a currency before it
UNITS = [" km", " kilometres", "-kilometre", " miles", "-mile", "%", " per cent", " percent", " dollars",
         " euros", " people killed", " people displaced", " people injured", " people", " dead", " years",
         " days", " times", "-fold", " homes", " tonnes", ""]
CURRENCIES = ["$", "US$", "€", "EUR ", "USD "]
# what a sentence says of its event: a verb and the unit that goes with it, so that the
# documents of one folder state the same facts and the run groups and compares them
MEASURES = [("killed", " people"), ("left", " people dead"), ("displaced", " people"), ("injured", " people"),
            ("destroyed", " homes"), ("cost", "$"), ("caused damage of", "€"), ("stretched over", " km"),
            ("stretched over", " kilometres"), ("lasted", " days"), ("lasted", " years"), ("affected", "%"),
            ("affected", " per cent of the population"), ("raised prices", "-fold"), ("was", " times larger")]
TABLE_TOPICS = ["Deaths", "Displaced", "Injured", "Length (km)", "Damage ($)", "Share (%)", "Homes"]
VERBS = ["killed", "left", "displaced", "caused", "cost", "stretched", "covered", "lasted", "destroyed", "injured",
         "was", "rose to", "fell by", "reached", "affected"]
DASHES = ["-", "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2015", "\u2212"]
ODD_SPACES = ["\u00a0", "\u2009", "\u202f", "\u2007", "\u3000", "\t"]
# control characters a text file may hold; NUL makes the file a binary one (a problem, not a source)
CONTROLS = ["\x01", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x1f", "\x7f", "\x85", "\u2028", "\u2029",
            "\ufeff", "\u200b", "\u200e", "\x00"]
PUNCTUATION = list(".,;:!?\"'()[]{}/\\*&#@|") + ["...", "…", "“", "”", "‘", "’", "«", "»"]


def grouped(number: int, separator: str) -> str:
    return f"{number:,}".replace(",", separator)


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


# Every strategy is built once, here: the functions below draw from them with `draw`.
# (A strategy built inside a draw is validated on every draw, which cost more than the
# runs themselves.) A choice with weights is a number drawn ("one in seven pieces is
# noise"): Hypothesis does not draw the branches of `one_of` in the proportions written.
plain_integers = st.integers(min_value=0, max_value=10**7).map(str)
grouped_integers = st.builds(grouped, st.integers(min_value=1000, max_value=10**10), st.sampled_from(SEPARATORS))
decimals = st.builds("{}.{}".format, st.integers(min_value=0, max_value=9999), st.integers(min_value=0, max_value=999))
scaled = st.builds("{} {}".format, st.one_of(decimals, plain_integers, st.sampled_from(NUMBER_WORDS[:6])),
                   st.sampled_from(SCALES))
figures = st.one_of(plain_integers, grouped_integers, decimals, st.sampled_from(NUMBER_WORDS), scaled)
ranges = st.one_of(
    st.builds("between {} and {}".format, figures, figures),
    st.builds("from {} to {}".format, figures, figures),
    st.builds("{}{}{}".format, plain_integers, st.sampled_from(DASHES), plain_integers),
    st.builds("{} to {}".format, plain_integers, figures),
)
years = st.integers(min_value=1950, max_value=2035).map(str)
days = st.integers(min_value=1, max_value=31)
months = st.sampled_from(MONTHS)
date_forms = st.sampled_from(["{day} {month} {year}", "{month} {year}", "in {year}", "on {month} {day}, {year}"])
places = st.sampled_from(PLACES)
kinds = st.sampled_from(EVENTS)
event_name_forms = st.sampled_from(["the {year} {place} {kind}", "the {kind} in {place}", "the {place} {kind}",
                                    "the {place} {kind} of {year}", "the {kind}"])
named_things = st.sampled_from(NAMES_WITH_DIGITS)
qualifiers = st.sampled_from(QUALIFIERS)
measures = st.sampled_from(MEASURES)
cast_measures = st.lists(measures, min_size=1, max_size=4, unique=True)
table_topics = st.lists(st.sampled_from(TABLE_TOPICS), min_size=1, max_size=3, unique=True)
verbs = st.sampled_from(VERBS)
units = st.sampled_from(UNITS)
currencies = st.sampled_from(CURRENCIES)
links = st.sampled_from(["and", "with", "of", "including", "over", "near", "along", "on"])
asides = st.sampled_from(["(", "(or ", "(about ", "(up to "])
sentence_ends = st.sampled_from([".", ".", ".", "!", "?", ";", "", " ."])
odd_spaces = st.sampled_from(ODD_SPACES)
booleans = st.booleans()
signs = st.sampled_from(["-", "+", "−", "±", "minus "])
long_tokens = st.one_of(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=100, max_size=1000),
    st.integers(min_value=50, max_value=800).map(lambda digits: "7" * digits),
    st.builds(lambda repeats, name: (name + "-") * repeats, st.integers(min_value=20, max_value=100),
              st.sampled_from(["Tarvena", "40", "G20", "km"])),
    st.integers(min_value=20, max_value=150).map(lambda repeats: "1,000," * repeats),
)
noise = st.one_of(
    st.sampled_from(PUNCTUATION),
    st.sampled_from(DASHES),
    st.sampled_from(ODD_SPACES),
    st.sampled_from(CONTROLS),
    st.integers(min_value=0, max_value=999).map(str),  # a stray digit or footnote number
    st.builds("[{}]".format, st.integers(min_value=1, max_value=40)),
    st.sampled_from(["(", ")", "((", "()", "\n\n\n", "\n \n"]),
)
# a header's date, now and then one no calendar has ("2031-02-30", "2031-13-00")
header_dates = st.builds("{:02d}-{:02d}".format, st.integers(min_value=0, max_value=13),
                         st.integers(min_value=0, max_value=32))
# what starts another article within one file (when the articles on both sides have 300 characters)
ARTICLE_BREAKS = ["\n\nPublished in Orvald Weekly\n\n", "\n\nBy Ilse Marrow\n\n", "\n\n---\n\n# Sarvel notes\n\n",
                  "\n\ntitle: Lenzby report\n\n", "\n\nQUORRA (AP) — "]
article_breaks = st.sampled_from(ARTICLE_BREAKS)
paragraph_ends = st.sampled_from(["\n\n", "\n\n", "\n", "\r\n\r\n", "\r", "\n\n\n\n", " ", *ARTICLE_BREAKS])
Event = tuple[str, str, str]  # an invented event: its year, place and kind


@dataclass(frozen=True)
class Cast:
    """What the documents of one folder share: one to three events and one to four of
    the properties (`MEASURES`) news states of them, so that the run finds claims of
    several documents that state one fact, and groups and compares them."""

    events: list[Event]
    measures: list[tuple[str, str]]


def one_in(draw, chances: int) -> bool:
    return draw(st.integers(min_value=1, max_value=chances)) == 1


def pick(draw, items: list):
    """One of `items`, drawn by its index (no strategy built for the list)."""
    return items[draw(st.integers(min_value=0, max_value=len(items) - 1))]


def date(draw, event: Event) -> str:
    year = event[0] if draw(booleans) else draw(years)
    return draw(date_forms).format(day=draw(days), month=draw(months), year=year)


def glue(draw) -> str:
    """What joins the words of a sentence: mostly a space, sometimes noise or an odd space."""
    choice = draw(st.integers(min_value=0, max_value=9))
    return " " if choice < 8 else draw(noise) + " " if choice == 8 else draw(odd_spaces)


def quantity(draw, cast: Cast) -> tuple[str, str]:
    """A verb and its figure: mostly a property of the cast with its own unit ("killed
    ... people"); else any verb and any unit."""
    qualifier = draw(qualifiers)
    if not one_in(draw, 3):
        verb, unit = pick(draw, cast.measures)
        figure = draw(ranges) if one_in(draw, 4) else draw(figures)
        return verb, f"{qualifier}{unit}{figure}" if unit in CURRENCIES else f"{qualifier}{figure}{unit}"
    form = draw(st.integers(min_value=0, max_value=2))
    if form == 0:
        return draw(verbs), qualifier + draw(figures) + draw(units)
    if form == 1:
        return draw(verbs), qualifier + draw(currencies) + draw(figures)
    return draw(verbs), qualifier + draw(ranges) + draw(units)


def signed(draw) -> str:
    """A figure with a sign: a change ("+12%", "−3.5 per cent", "-40 people")."""
    return draw(signs) + draw(figures) + draw(units)


def arithmetic(draw, event: Event) -> str:
    """A sentence whose figures imply arithmetic the run checks: a multiplier, a span of
    years, the parts of a total."""
    year, place, kind = event
    form = draw(st.integers(min_value=0, max_value=2))
    if form == 0:
        currency = draw(currencies)
        return (f"Exports from {place} reached {currency}{draw(figures)}, {draw(figures)} times more than the "
                f"{currency}{draw(figures)} of {draw(years)}.")
    if form == 1:
        return (f"Work on {draw(named_things)} began in {draw(years)} and ended in {draw(years)}: it took "
                f"{draw(figures)} years.")
    currency = draw(currencies)
    return (f"A {currency}{draw(figures)} package for the {place} {kind}, including {currency}{draw(figures)} "
            f"for roads and {currency}{draw(figures)} for schools, was agreed in {year}.")


def sentence(draw, cast: Cast) -> str:
    """One sentence about an event of `cast` or a named thing: perhaps a date, a verb and
    its figure, perhaps a second figure, an aside in brackets and a date; now and then
    one with arithmetic in it."""
    event = pick(draw, cast.events)
    if one_in(draw, 8):
        return arithmetic(draw, event)
    words: list[str] = []
    if draw(booleans):
        words.append(capitalised(date(draw, event)) + ",")
    if one_in(draw, 3):
        words.append(draw(named_things))
    else:
        year, place, kind = event
        words.append(draw(event_name_forms).format(year=year, place=place, kind=kind))
    words += quantity(draw, cast)
    if draw(booleans):
        words.append(draw(links))
        form = draw(st.integers(min_value=0, max_value=3))
        words.append(draw(figures) + draw(units) if form == 0 else draw(named_things) if form == 1
                     else date(draw, event) if form == 2 else signed(draw))
    if draw(booleans):
        words.append(draw(asides) + draw(figures) + draw(units) + ")")
    if draw(booleans):
        words.append(date(draw, event))
    text = words[0]
    for word in words[1:]:
        text += glue(draw) + word
    return capitalised(text) + draw(sentence_ends)


def table(draw) -> str:
    """A table whose header names what its figures are (years, or measured properties),
    in Markdown or in columns of spaces."""
    if draw(booleans):
        first = int(draw(years))
        years_or_topics = [str(first + step) for step in range(draw(st.integers(min_value=2, max_value=3)))]
    else:
        years_or_topics = draw(table_topics)
    rows = [[draw(places)] + [draw(figures) for _ in years_or_topics]
            for _ in range(draw(st.integers(min_value=1, max_value=4)))]
    if draw(booleans):
        lines = ["| Place | " + " | ".join(years_or_topics) + " |", "|---" * (len(years_or_topics) + 1) + "|"]
        lines += ["| " + " | ".join(row) + " |" for row in rows]
    else:
        lines = ["Place  " + "  ".join(years_or_topics)] + ["  ".join(row) for row in rows]
    return "\n".join(lines)


def article(draw, cast: Cast) -> str:
    """Paragraphs of sentences and noise, or a table."""
    text = ""
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        if one_in(draw, 8):
            text += table(draw) + "\n\n"
            continue
        pieces = [draw(noise) if one_in(draw, 7) else sentence(draw, cast)
                  for _ in range(draw(st.integers(min_value=1, max_value=4)))]
        text += " ".join(pieces) + draw(paragraph_ends)
    return text


def document(draw, cast: Cast) -> str:
    """A document: perhaps a header block (read for its title and date), an article, one
    in five times more articles after it, perhaps a very long token."""
    text = ""
    if one_in(draw, 4):
        year, place, kind = pick(draw, cast.events)
        text = f"title: {place} {kind} update\ndate: {year}-{draw(header_dates)}\n\n"
    elif one_in(draw, 6):
        day, month, year = draw(days), draw(months), pick(draw, cast.events)[0]
        text = f"Published on {day} {month} {year}\n\n"
    text += article(draw, cast)
    if one_in(draw, 5):  # a file of pasted articles: the run reads each as a source of its own
        for _ in range(draw(st.integers(min_value=1, max_value=2))):
            text += draw(article_breaks) + article(draw, cast)
    # a long token costs what its length costs: one in eight documents has one, anywhere
    if one_in(draw, 8):
        at = draw(st.integers(min_value=0, max_value=len(text)))
        text = text[:at] + draw(long_tokens) + text[at:]
    return text


@st.composite
def corpora(draw) -> list[str]:
    """The documents of one folder, about the events and properties of one cast."""
    events = [(draw(years), draw(places), draw(kinds)) for _ in range(draw(st.integers(min_value=1, max_value=3)))]
    cast = Cast(events, draw(cast_measures))
    return [document(draw, cast) for _ in range(DOCUMENTS_PER_EXAMPLE)]


# --- the properties -------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    """One example: its folder, what the run found there, and report.json as the run and a
    second run on the same folder wrote it."""

    folder: Path
    result: RunResult
    report: bytes
    again: bytes
    # each file's text as the contract counts offsets: as Python reads it (UTF-8,
    # universal newlines), by file name
    texts: dict[str, str]

    def file_text(self, source: str) -> str:
        """The text of the file a source is in (the whole file for an article of it)."""
        return self.texts[file_of(source)]


def inexact_spans(run: Run) -> list[str]:
    wrong = []
    for claim in run.result.claims:
        found = run.file_text(claim.source)[claim.start:claim.end]
        if found != claim.text:
            wrong.append(f"{claim.source} [{claim.start}:{claim.end}] holds {found!r}, the claim says {claim.text!r}")
    return wrong


def wrong_lines_and_columns(run: Run) -> list[str]:
    """Line and column (1-based) of `start`, lines ended by "\n": what an editor shows."""
    wrong = []
    for claim in run.result.claims:
        text = run.file_text(claim.source)
        line = text.count("\n", 0, claim.start) + 1
        column = claim.start - text.rfind("\n", 0, claim.start)
        if (claim.line, claim.column) != (line, column):
            wrong.append(f"{claim.source} {claim.text!r} at {claim.start}: line/column {(claim.line, claim.column)}, "
                         f"in the file {(line, column)}")
    return wrong


def _not_above(smaller: float, larger: float) -> bool:
    """smaller <= larger, but for float noise (as test_extract_robustness allows); NaN fails."""
    return smaller <= larger or math.isclose(smaller, larger, rel_tol=1e-9, abs_tol=1e-12)


def values_outside_bounds(run: Run) -> list[str]:
    return [f"{claim.source} {claim.text!r}: low {claim.low!r}, value {claim.value!r}, high {claim.high!r}"
            for claim in run.result.claims
            if (claim.low is not None and not _not_above(claim.low, claim.value))
            or (claim.high is not None and not _not_above(claim.value, claim.high))]


def claims_in_several_facts(run: Run) -> list[str]:
    facts = run.result.facts
    counts = Counter(claim_id for fact in facts for claim_id in fact.claim_ids)
    wrong = [f"claim {claim_id} is in {count} facts" for claim_id, count in counts.items() if count > 1]
    # the reports name a claim's fact from `fact_of`: it must be the one fact that lists the claim
    listed = {claim_id: fact.id for fact in facts for claim_id in fact.claim_ids}
    return wrong + [f"claim {claim_id}: fact_of says {fact_id}, the facts say {listed.get(claim_id)}"
                    for claim_id, fact_id in run.result.fact_of.items() if listed.get(claim_id) != fact_id]


def contract_breaches(run: Run) -> list[str]:
    return report_contract_violations(json.loads(run.report), run.folder)


def different_second_report(run: Run) -> list[str]:
    if run.again == run.report:
        return []
    first, second = run.report.decode("utf-8").splitlines(), run.again.decode("utf-8").splitlines()
    line = next((n for n, (a, b) in enumerate(zip(first, second)) if a != b), min(len(first), len(second)))
    return [f"first difference on line {line + 1}: {first[line:line + 1]} then {second[line:line + 1]}"]


# Each property with a readable name for the failure message. That the run raises nothing
# needs no entry: an exception fails the test with its traceback.
PROPERTIES = [
    ("each claim's span is exact", inexact_spans),
    ("each claim's line and column are its start's", wrong_lines_and_columns),
    ("low <= value <= high", values_outside_bounds),
    ("each claim in at most one fact", claims_in_several_facts),
    ("report.json keeps the factcheck.report/1 contract", contract_breaches),
    ("a second run writes byte-identical report.json", different_second_report),
]


def write_folder(folder: Path, texts: list[str]) -> None:
    folder.mkdir()
    for index, text in enumerate(texts):
        # newline="" writes "\r\n" and "\r" as generated: the reader must turn them into "\n"
        name = f"doc-{index}.{'md' if index % 2 else 'txt'}"
        with (folder / name).open("w", encoding="utf-8", newline="") as stream:
            stream.write(text)


def read_folder(folder: Path) -> dict[str, str]:
    texts = {}
    for path in folder.iterdir():
        with path.open(encoding="utf-8") as stream:
            texts[path.name] = stream.read()
    return texts


def run_and_write(folder: Path, out: Path) -> tuple[RunResult, bytes]:
    """What `factcheck run FOLDER --out OUT --no-cache --format json` does: the result and
    its report.json (the packaged rules stand in for a missing rules/ folder)."""
    result = check_paths([folder], RULES, exclude=(out,))
    write_report(result, out, ["json"])
    return result, (out / "report.json").read_bytes()


@pytest.mark.slow
@FUZZ_SETTINGS
@given(corpora())
def test_generated_folders_keep_the_run_properties(texts):
    with TemporaryDirectory(prefix="factcheck-fuzz-") as scratch:
        folder = Path(scratch) / "sources"
        write_folder(folder, texts)
        result, report = run_and_write(folder, Path(scratch) / "first")
        _, again = run_and_write(folder, Path(scratch) / "second")
        run = Run(folder, result, report, again, read_folder(folder))
        failures = [f"{name}: {problem}" for name, check in PROPERTIES for problem in check(run)[:3]]
    assert not failures, "\n".join(failures)
