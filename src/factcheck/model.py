"""The frozen data types that every stage passes to the next.

read → `Document` (or a `Problem`), extract → `Claim`, group → `Fact`,
compare → `Finding`, review → `Finding` with its `Review`; `RunResult` carries all of
them to the writers.
Nothing here does I/O and nothing here is mutable.
"""

from __future__ import annotations

import bisect
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import Enum


class ClaimKind(str, Enum):
    QUANTITY = "quantity"
    DATE = "date"


class Qualifier(str, Enum):
    """How the wording bounds the figure; each maps to an interval [low, high]."""

    EXACT = "exact"
    APPROX = "approx"
    MORE_THAN = "more_than"
    AT_LEAST = "at_least"
    LESS_THAN = "less_than"
    AT_MOST = "at_most"
    NEARLY = "nearly"
    RANGE = "range"


class Relation(str, Enum):
    """How two claims of one fact relate, from best to worst."""

    AGREE = "agree"
    COMPATIBLE = "compatible"
    ROUNDING = "rounding"
    CONFLICT = "conflict"

    @property
    def is_discrepancy(self) -> bool:
        return self in (Relation.ROUNDING, Relation.CONFLICT)

    @property
    def rank(self) -> int:
        return _RELATION_RANK[self]


_RELATION_RANK = {Relation.AGREE: 0, Relation.COMPATIBLE: 1, Relation.ROUNDING: 2, Relation.CONFLICT: 3}


class Cause(str, Enum):
    """Why two figures of one fact differ, as far as the claims show it."""

    TIME = "time"  # the as_of differ: the later figure is a later count
    SCOPE = "scope"  # they count different things within the fact
    ROUNDING = "rounding"  # one is the other rounded
    RESTATED = "restated"  # one source copied the other's sentence
    UNEXPLAINED = "unexplained"


class Severity(str, Enum):
    NONE = "none"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    @property
    def rank(self) -> int:
        return ("none", "low", "medium", "high").index(self.value)


class ProblemReason(str, Enum):
    """Reason codes for input that could not be used."""

    EMPTY = "empty"
    BINARY = "binary"
    UNDECODABLE = "undecodable"
    UNREADABLE = "unreadable"
    NO_TEXT = "no_text"  # a PDF with no text layer (a scan), a page with no main text
    LINK_OUTSIDE = "link_outside"  # a link out of the folder read: not followed
    LINK_LOOP = "link_loop"  # a link back to a folder already read, or a cycle of links
    # a warning, the document is read: its encoding was guessed, not declared
    ENCODING_GUESSED = "encoding_guessed"


@dataclass(frozen=True, slots=True)
class Problem:
    """An input problem: the run goes on, and every report lists it."""

    source: str
    reason: ProblemReason
    detail: str
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """One source text, decoded the way Python's text mode reads it (universal newlines).
    `source` is the name reports use; `path` is the file as it was found (relative to
    where factcheck ran, when it was given so), for tools that point into files."""

    source: str
    text: str
    sha256: str
    path: str = ""
    # what the file says of itself, where it says it (a header block, a dateline):
    # the headline, the address it was saved from and the ISO date it was published
    title: str | None = None
    url: str | None = None
    published: str | None = None
    # how it was read: the format ("text", "html", "pdf", "docx"), the text encoding,
    # the byline's author, and the article's number within its file (None for a whole file)
    format: str = "text"
    encoding: str | None = None
    author: str | None = None
    article: int | None = None
    # what the sources' sidecar (sources.yaml) says of it
    publisher: str | None = None
    language: str | None = None
    trust: float | None = None
    # where each page starts in the file's text, for a format with pages (a PDF); empty
    # otherwise (an offset of the file, as claims' are: an article keeps its file's)
    page_starts: tuple[int, ...] = ()
    # where `text` starts in its file: an article of a file of several holds only its own
    # text, which begins `offset` characters and `lines_before` lines into the file (at a
    # line start); claims' offsets, lines and columns are the file's
    offset: int = 0
    lines_before: int = 0

    def page_at(self, offset: int) -> int | None:
        """The page (1-based) an offset of the file is on; None for a text without pages."""
        if not self.page_starts:
            return None
        return bisect.bisect_right(self.page_starts, offset)

    @property
    def chars(self) -> int:
        return len(self.text)


def sentence_gap(first: Claim, second: Claim) -> tuple[str, str] | None:
    """For two claims of one sentence: the sentence's text before the earlier figure and
    the text between the two figures, in text order; None where the earlier figure's
    text cannot be found in its sentence.

    >>> def claim(start, text): return Claim("c", "a.txt", start, start + len(text), 1, 1, text,
    ...     "Deaths rose to 480 from 310.", ClaimKind.QUANTITY, 0, None, "count", Qualifier.EXACT, 0, 0, 1, "")
    >>> sentence_gap(claim(24, "310"), claim(15, "480"))
    ('Deaths rose to ', ' from ')
    """
    early, late = sorted((first, second), key=lambda claim: claim.start)
    at = early.sentence.find(early.text)
    if at < 0:
        return None
    offset = early.start - at
    return early.sentence[:at], early.sentence[early.end - offset:max(early.end, late.start) - offset]


# Facets that a figure naming none may share a fact with (who gives a figure: most
# figures do not say). Two different values still never meet.
SOFT_FACETS = frozenset({"voice"})


def scope_facets(facets: tuple[str, ...]) -> frozenset[str]:
    """The facets ("name:value") that narrow what a figure counts, without the soft ones."""
    return frozenset(facet for facet in facets if facet.split(":", 1)[0] not in SOFT_FACETS)


# Where an `as_of` can come from. Only the figure's own sentence or paragraph anchors it
# in time; a dateline says when the text was written, "self" marks a date claim.
ANCHORING_BASES = frozenset({"sentence", "paragraph", "column"})


@dataclass(frozen=True, slots=True)
class Claim:
    """One figure a source states, with its interval, provenance and context.

    `scope` is the counted noun phrase where the text narrows it ("Sudanese refugees").
    `restates` is the id of the claim this one restates in another unit ("(250 miles)").
    `part_of` is the id of the total this figure is a part of ("a €15 billion package,
    including €4 billion for transport"). `subjects` are the countries its clause (or
    sentence) names, as gazetteer codes; `topic_synonym` the word that gave its topic.
    `precision` is the rounding step the text shows: 100 for "4,000", 1 for "968",
    0.1 for "12.4". `as_of` is an ISO date (year, year-month or full date); `as_of_basis` says where it
    came from ("sentence", "paragraph", "column" for a table's year column, or "dateline").
    """

    id: str
    source: str
    start: int
    end: int
    line: int
    column: int
    text: str
    sentence: str
    kind: ClaimKind
    value: float
    unit: str | None
    dimension: str
    qualifier: Qualifier
    low: float | None
    high: float | None
    precision: float
    measured: str
    topic: str | None = None
    unit_family: str | None = None
    scope: str | None = None
    restates: str | None = None
    as_of: str | None = None
    as_of_basis: str | None = None
    part_of: str | None = None
    subjects: tuple[str, ...] = ()
    topic_synonym: str | None = None
    # filled by the frame stage: the event (or standing thing) the figure belongs to, as
    # an id and a readable label, and the facets that narrow what it counts within that
    # event ("place:LK", "category:children", "status:missing")
    event: str | None = None
    event_label: str | None = None
    facets: tuple[str, ...] = ()
    event_home: str | None = None  # the country the event happened in, where it has one
    # the unit's readable name ("kilometre", "united states dollar", a counted noun as
    # it is), for spreadsheets and for comparison with other tools
    unit_name: str | None = None
    page: int | None = None  # the page the figure is on, for a source with pages (a PDF)
    copy_of: str | None = None  # the claim whose sentence this one copies, figure and all (wire copy)


@dataclass(frozen=True, slots=True)
class FactMember:
    """A claim's place in a fact, with the evidence that put it there."""

    claim_id: str
    score: float
    matched_by: str


@dataclass(frozen=True, slots=True)
class Consensus:
    """A fact's central value: the median of one value per source, with the range of
    the claims, the sources whose figures allow the median (`supporting`) and the claims
    far from it (`outliers`)."""

    value: float
    low: float
    high: float
    sources: tuple[str, ...]
    supporting: tuple[str, ...] = ()
    outliers: tuple[str, ...] = ()
    # independent voices: sources that copied one sentence, figure and all (syndicated
    # wire copy) are one vote (0 where not counted)
    votes: int = 0


@dataclass(frozen=True, slots=True)
class Fact:
    """Claims that state the same measured property of the same thing at the same time."""

    id: str
    label: str
    dimension: str
    unit: str | None
    members: tuple[FactMember, ...]
    verdict: Relation
    consensus: Consensus | None
    # how its claims were compared: "every pair", or, for a fact of more claims than
    # `compare.PAIRWISE_LIMIT`, each claim "with the consensus" claim only
    comparison: str = "every pair"

    @property
    def claim_ids(self) -> tuple[str, ...]:
        return tuple(member.claim_id for member in self.members)


class Verdict(str, Enum):
    """What a reviewer concluded about a discrepancy."""

    CONFIRMED = "confirmed"
    FALSE_ALARM = "false alarm"
    DIFFERENT_SCOPE = "different scope"
    OUTDATED = "outdated"
    FIXED_IN_SOURCE = "fixed in source"
    UNSURE = "unsure"
    # not a reviewer's word: `factcheck check --write-baseline` accepted what it found
    BASELINE = "baseline"

    @property
    def is_human(self) -> bool:
        return self is not Verdict.BASELINE

    @property
    def accepts(self) -> bool:
        """Does this verdict settle the finding, so a CI check no longer fails on it?"""
        return self is not Verdict.UNSURE

    @classmethod
    def from_text(cls, text: str) -> Verdict | None:
        """The verdict `text` names, whatever its case and spacing ("False  Alarm",
        "falsealarm", "fixed_in_source"); None when it names none ("confirmed?")."""
        return _VERDICT_BY_LETTERS.get(_letters(text))


def _letters(text: str) -> str:
    """The text without case, spaces, underscores or hyphens: "Fixed_in-Source" -> "fixedinsource"."""
    return "".join(ch for ch in text.casefold() if not (ch.isspace() or ch in "_-"))


_VERDICT_BY_LETTERS = {_letters(verdict.value): verdict for verdict in Verdict}


@dataclass(frozen=True, slots=True)
class ReviewSide:
    """One side of a reviewed finding, as the text states it: no line or offset, so an
    edit elsewhere in the source keeps the review attached. `sentence` is the side's
    sentence, normalised (`review.keys.normalised_sentence`), so two sentences of one
    source that state the same figure are two reviews; None in an entry written before
    keys held sentences, which then covers that figure in any sentence."""

    source: str
    value: float
    unit: str | None
    qualifier: str
    sentence: str | None = None

    @property
    def value_text(self) -> str:
        """The value as text that reads back to the same float, exactly."""
        return repr(float(self.value))

    @property
    def order(self) -> tuple[str, float, str, str, str]:
        return self.source, self.value, self.unit or "", self.qualifier, self.sentence or ""

    def without_sentence(self) -> ReviewSide:
        return ReviewSide(self.source, self.value, self.unit, self.qualifier)


@dataclass(frozen=True, slots=True)
class ReviewKey:
    """What identifies a finding across runs: the measured property, the countries it
    concerns, and both figures with their sources and sentences (in a fixed order)."""

    measured: str
    subject: tuple[str, ...]
    sides: tuple[ReviewSide, ReviewSide]

    @classmethod
    def of(cls, measured: str, subject: Iterable[str], first: ReviewSide, second: ReviewSide) -> ReviewKey:
        """The key in its one canonical form: subjects sorted, sides in a fixed order."""
        low, high = (first, second) if first.order <= second.order else (second, first)
        return cls(measured, tuple(sorted(set(subject))), (low, high))

    @property
    def has_sentences(self) -> bool:
        return any(side.sentence is not None for side in self.sides)

    def without_sentences(self) -> ReviewKey:
        """The key an entry written before keys held sentences has: the same finding
        in any sentences."""
        return ReviewKey.of(self.measured, self.subject, *(side.without_sentence() for side in self.sides))

    @property
    def id(self) -> str:
        """A short stable name for the key, as reports and workbooks show it. A key
        without sentences keeps the id it had before keys held them."""
        parts = [self.measured, " ".join(self.subject)]
        for side in self.sides:
            parts += [side.source, side.value_text, side.unit or "", side.qualifier]
        if self.has_sentences:
            parts += [side.sentence or "" for side in self.sides]
        return "r" + hashlib.sha1("\0".join(parts).encode("utf-8")).hexdigest()[:11]


@dataclass(frozen=True, slots=True)
class Review:
    """A reviewer's verdict on a finding, as `rules/accepted.yaml` keeps it. `line` is
    where the entry sits in that file, for messages only."""

    key: ReviewKey
    verdict: Verdict
    note: str | None = None
    reviewer: str | None = None
    date: str | None = None
    line: int | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Finding:
    """The relation between two claims of one fact, with the review that covers it."""

    id: str
    fact: str
    claims: tuple[str, str]
    relation: Relation
    difference: float
    relative_difference: float
    severity: Severity
    note: str
    review_key: ReviewKey | None = None
    review: Review | None = None
    # set for discrepancies (rounding, conflict) only
    cause: Cause | None = None

    @property
    def status(self) -> str:
        """The verdict once a reviewer has given one; "open" until then."""
        return self.review.verdict.value if self.review else "open"


class CheckKind(str, Enum):
    """Arithmetic a text implies about its own figures."""

    MULTIPLIER = "multiplier"  # "X, 15 times more than Y"
    SPAN = "span"  # "began in 1996 ... finished in 2014, it took 18 years"
    PARTS_WITHIN_WHOLE = "parts_within_whole"  # "a €15 billion package, including €4 billion for ..."


@dataclass(frozen=True, slots=True)
class Check:
    """One piece of arithmetic checked: what the text states, what its own figures
    give, the computation shown, and whether the two agree."""

    id: str
    kind: CheckKind
    claims: tuple[str, ...]
    stated: float
    computed: float
    holds: bool
    computation: str


@dataclass(frozen=True, slots=True)
class RunResult:
    """Everything one run found, in a deterministic order."""

    documents: tuple[Document, ...]
    # a tuple, or from a run a `claim_table.ClaimTable`: the claims encoded, decoded
    # as they are read
    claims: Sequence[Claim]
    facts: tuple[Fact, ...] = ()
    # a tuple, or from a run a `claim_table.MergedFindings` (encoded, like the claims)
    findings: Sequence[Finding] = ()
    problems: tuple[Problem, ...] = ()
    checks: tuple[Check, ...] = ()
    # reviews in accepted.yaml whose finding no longer occurs
    stale_reviews: tuple[Review, ...] = ()
    fact_of: dict[str, str] = field(default_factory=dict, compare=False)
    _claims_by_id: dict[str, Claim] = field(default_factory=dict, init=False, compare=False, repr=False)

    def claim(self, claim_id: str) -> Claim:
        # An index, derived on first use (a report that streams its claims needs none);
        # the dataclass stays frozen for its users.
        if not self._claims_by_id and self.claims:
            object.__setattr__(self, "_claims_by_id", {claim.id: claim for claim in self.claims})
        return self._claims_by_id[claim_id]
