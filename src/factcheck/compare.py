"""The compare stage: each fact's pairs of claims in, `Finding`s out, and the fact's
verdict and consensus filled in.

A pair's relation is decided from the intervals the wording allows and the precision
the text shows:
- agree: the same value with the same qualifier;
- compatible: the intervals overlap ("more than 20,000" and "21,450");
- rounding: one value is the other rounded to the precision it shows, within
  `rounding_max_relative` ("1,000" and "987"), or to the place of its last zero
  within `approx_tolerance` ("27,000" and 26,840); a bound's figure may be the one
  rounded ("72,000" and "at least 72,140");
- conflict: anything else.
Each discrepancy gets a cause (`cause_of`: scope, time, rounding, restated or
unexplained); a difference that a later count or another scope explains is rated low.
"""

from __future__ import annotations

import hashlib
import math
import statistics
from collections import Counter
from dataclasses import replace
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from itertools import combinations

from rapidfuzz import fuzz

from factcheck.model import (
    ANCHORING_BASES,
    Cause,
    Claim,
    Consensus,
    Fact,
    Finding,
    Qualifier,
    Relation,
    Severity,
    scope_facets,
)
from factcheck.rules import Rules, Tolerances

POINT_QUALIFIERS = (Qualifier.EXACT, Qualifier.APPROX)
BOUND_QUALIFIERS = (Qualifier.MORE_THAN, Qualifier.AT_LEAST, Qualifier.LESS_THAN, Qualifier.AT_MOST, Qualifier.NEARLY)
EXCLUSIVE_LOW = (Qualifier.MORE_THAN,)
EXCLUSIVE_HIGH = (Qualifier.LESS_THAN, Qualifier.NEARLY)  # "nearly 500,000" stops short of it


def _bounds(claim: Claim) -> tuple[float, float, bool, bool]:
    low = claim.low if claim.low is not None else -math.inf
    high = claim.high if claim.high is not None else math.inf
    return low, high, claim.qualifier in EXCLUSIVE_LOW, claim.qualifier in EXCLUSIVE_HIGH


def intervals_overlap(a: Claim, b: Claim) -> bool:
    a_low, a_high, a_open_low, a_open_high = _bounds(a)
    b_low, b_high, b_open_low, b_open_high = _bounds(b)
    # the later start must lie below the earlier end; touching ends count unless one is open
    if a_low > b_high or b_low > a_high:
        return False
    # ends that touch meet unless both are open there: "more than 5.8" and "5.8" may be
    # one figure (5.8 is rounded), "over 500,000" and "nearly 500,000" may not
    if a_low == b_high and a_open_low and b_open_high:
        return False
    if b_low == a_high and b_open_low and a_open_high:
        return False
    return True


def _same(x: float, y: float) -> bool:
    return abs(x - y) <= 1e-9 * max(abs(x), abs(y), 1.0)


def is_rounded_form(rounded: Claim, exact: Claim, tolerances: Tolerances) -> bool:
    """Is `rounded` the value of `exact` rounded to the precision `rounded` shows?"""
    if rounded.precision <= exact.precision:
        return False
    relative = abs(rounded.value - exact.value) / max(abs(rounded.value), abs(exact.value))
    if relative > tolerances.rounding_max_relative:
        return False
    # Decimal, because 4.35 / 0.1 is 43.4999... in binary floating point.
    step = Decimal(repr(rounded.precision))
    ratio = Decimal(repr(exact.value)) / step
    nearest = ratio.quantize(Decimal(1), rounding=ROUND_HALF_UP) * step
    # a figure of three or more digits cut short ("250 million" for 250.6 million) is
    # rounded too, as editors read it; "12,000" for 12,400 is not
    truncated = ratio.quantize(Decimal(1), rounding=ROUND_DOWN) * step
    cut_short = _significant_digits(rounded.value, rounded.precision) >= 3 and _same(float(truncated), rounded.value)
    # The precision reads a trailing zero as significant ("27,000" to the hundred), which
    # keeps intervals narrow. The writer may still have rounded to the place of that last
    # zero ("27,000" for 26,840): that reading counts when two digits are left and the
    # figures are as close as "about" allows. A one-digit round figure ("200,000" against
    # 212,000) is a separate estimate, and "12,000" for 12,400 is too far off.
    coarser = step * 10
    ends_on_zero = (Decimal(repr(rounded.value)) % coarser == 0
                    and _significant_digits(rounded.value, float(coarser)) >= 2
                    and relative <= tolerances.approx_tolerance)
    coarse_nearest = (Decimal(repr(exact.value)) / coarser).quantize(Decimal(1), rounding=ROUND_HALF_UP) * coarser
    return (_same(float(nearest), rounded.value) or cut_short
            or (ends_on_zero and _same(float(coarse_nearest), rounded.value)))


def _significant_digits(value: float, precision: float) -> int:
    """How many digits a figure shows down to its precision: 3 for 250 (million), 2 for 12,000."""
    if not value or not precision:
        return 0
    return max(0, int(math.floor(math.log10(abs(value)))) - int(math.floor(math.log10(precision))) + 1)


def relate(a: Claim, b: Claim, tolerances: Tolerances) -> Relation:
    """The relation between two claims of one fact.

    >>> from factcheck import extract_claims
    >>> from factcheck.rules import Tolerances
    >>> border = extract_claims("a 1,000-kilometre pipeline and, later, a 987-kilometre pipe")
    >>> relate(border[0], border[1], Tolerances()).value
    'rounding'
    """
    if _same(a.value, b.value) and a.qualifier == b.qualifier:
        return Relation.AGREE
    if intervals_overlap(a, b):
        return Relation.COMPATIBLE
    # the rounded figure is a point; the figure it rounds may also be a bound's own
    # ("72,000" for "at least 72,140" states the same count, just outside the bound)
    for rounded, exact in ((a, b), (b, a)):
        if rounded.qualifier in POINT_QUALIFIERS and exact.qualifier in POINT_QUALIFIERS + BOUND_QUALIFIERS \
                and is_rounded_form(rounded, exact, tolerances):
            return Relation.ROUNDING
    return Relation.CONFLICT


def severity(relation: Relation, relative_difference: float, tolerances: Tolerances) -> Severity:
    if relation is Relation.CONFLICT:
        if relative_difference >= tolerances.severity_high:
            return Severity.HIGH
        if relative_difference >= tolerances.severity_medium:
            return Severity.MEDIUM
        return Severity.LOW
    if relation is Relation.ROUNDING:
        return Severity.LOW
    return Severity.NONE


def explain(a: Claim, b: Claim, relation: Relation) -> str:
    """A likely cause, where one is visible in the claims themselves."""
    if relation is Relation.AGREE:
        return ""
    if relation is Relation.COMPATIBLE:
        return f"intervals overlap ({a.qualifier.value} {a.value:g} / {b.qualifier.value} {b.value:g})"
    notes = []
    if relation is Relation.ROUNDING:
        rounded, exact = (a, b) if a.precision > b.precision else (b, a)
        notes.append(f"{rounded.value:g} is {exact.value:g} rounded to the nearest {rounded.precision:g}")
    if (a.scope or b.scope) and a.scope != b.scope:
        notes.append(f"different scope: {a.scope or a.unit} / {b.scope or b.unit}")
    if a.as_of and b.as_of and not (a.as_of.startswith(b.as_of) or b.as_of.startswith(a.as_of)):
        dated = "" if a.as_of_basis in ANCHORING_BASES and b.as_of_basis in ANCHORING_BASES else " (article dates)"
        notes.append(f"different as_of{dated}: {a.as_of} / {b.as_of}")
    if scope_facets(a.facets) != scope_facets(b.facets):
        notes.append(f"different scope: {' '.join(a.facets) or 'unscoped'} / {' '.join(b.facets) or 'unscoped'}")
    if a.source == b.source:
        notes.append("both in one source")
    elif fuzz.ratio(a.sentence, b.sentence) >= RESTATED_SENTENCE_SIMILARITY:
        notes.append("same wording in both sources: one likely restates the other" if a.value == b.value
                     else "copied sentence, figure changed")
    return "; ".join(notes)


def _later(a: str, b: str) -> int:
    """1 when ISO date `a` is later than `b`, -1 when earlier, 0 when one contains the
    other ("2015" and "2015-05")."""
    common = min(len(a), len(b))
    if a[:common] == b[:common]:
        return 0
    return 1 if a[:common] > b[:common] else -1


def cause_of(a: Claim, b: Claim, relation: Relation, falling: frozenset[str] = frozenset()) -> Cause | None:
    """Why two figures of one fact differ, as far as the claims show it (None for
    agreeing and compatible pairs):
    - scope: they count different things (a facet or a counted noun on one side only);
    - rounding: one is the other rounded;
    - time: they hold at different dates, and the later one is the larger, as a count
      that grows does (a later count of the same toll; counts, sums and shares only);
      for a topic in `falling` (the missing, who are found), the later one either way;
    - restated: one source copied the other's sentence, figure and all;
    - unexplained: none of these.
    """
    if not relation.is_discrepancy:
        return None
    counted_otherwise = (a.scope or b.scope) and a.scope != b.scope and a.dimension != "count"
    if scope_facets(a.facets) != scope_facets(b.facets) or counted_otherwise:
        return Cause.SCOPE
    if relation is Relation.ROUNDING:
        return Cause.ROUNDING
    if a.as_of and b.as_of and a.dimension in GROWING_DIMENSIONS:
        order = _later(a.as_of, b.as_of)
        later, earlier = (a, b) if order > 0 else (b, a)
        if order and (later.value >= earlier.value or (a.topic in falling and a.topic == b.topic)):
            return Cause.TIME
    if a.source != b.source and fuzz.ratio(a.sentence, b.sentence) >= RESTATED_SENTENCE_SIMILARITY:
        return Cause.RESTATED
    return Cause.UNEXPLAINED


# what is counted as it happens, so that a later figure can be a later count: tolls,
# sums pledged or lost, shares; a border's length does not grow between two articles
GROWING_DIMENSIONS = frozenset({"count", "currency", "percentage"})
# what a cause does to a conflict's severity: a later count or another scope explains
# the difference, so the pair needs a reviewer's look less urgently
EXPLAINED_SEVERITY = {Cause.TIME: Severity.LOW, Cause.SCOPE: Severity.LOW}


def in_compared_unit(claim: Claim, rules: Rules) -> Claim:
    """The claim with its value, interval and precision in the unit its dimension is
    compared in (`conversions` in rules/units.yaml): "250 mi" as 402.3 km.

    >>> from factcheck import extract_claims
    >>> from factcheck.rules import read_rules
    >>> converted = in_compared_unit(extract_claims("a 250-mile canal")[0], read_rules())
    >>> converted.value, converted.unit, round(converted.precision, 3)
    (402.336, 'km', 1.609)
    """
    unit, factor = rules.canonical_unit(claim.unit)
    if unit == claim.unit:
        return claim

    def scaled(number: float | None) -> float | None:
        return None if number is None else float(f"{number * factor:.10g}")

    return replace(claim, value=scaled(claim.value), low=scaled(claim.low), high=scaled(claim.high),
                   precision=scaled(claim.precision), unit=unit)


# Sentences this alike (rapidfuzz ratio, 0-100) in two sources were copied, not written twice.
RESTATED_SENTENCE_SIMILARITY = 90


def _with_conversion(note: str, first: Claim, second: Claim, first_compared: Claim, second_compared: Claim) -> str:
    """The note, led by the conversion when the two figures were written in different units."""
    if first.unit == second.unit:
        return note
    shown = [f"{original.value:g} {original.unit} = {compared.value:g} {compared.unit}"
             for original, compared in ((first, first_compared), (second, second_compared))
             if original.unit != compared.unit]
    if not shown:
        return note  # counted nouns of one family ("deaths", "people"): nothing converted
    conversion = "converted: " + ", ".join(shown)
    return f"{conversion}; {note}" if note else conversion


def _finding_id(first: str, second: str) -> str:
    return "x" + hashlib.sha1(f"{first}\0{second}".encode()).hexdigest()[:11]


MAD_TO_SD = 1.4826  # a normal distribution's standard deviation per median absolute deviation


def _consensus(claims: list[Claim], tolerances: Tolerances) -> Consensus:
    """The median of the figures stated as points (exact or approximate), one value per
    source; bounds ("more than 20,000") only where no source states a point. Sources
    support it when one of their figures allows it; outliers are far from it."""
    points = [c for c in claims if c.qualifier in POINT_QUALIFIERS] or claims
    voice = _voices(points)
    per_source: dict[str, list[float]] = {}
    for claim in points:
        per_source.setdefault(voice[claim.source], []).append(claim.value)
    values = [statistics.median(v) for _, v in sorted(per_source.items())]
    median = statistics.median(values)
    spread = MAD_TO_SD * statistics.median(abs(v - median) for v in values)
    sources = sorted({c.source for c in claims})

    def allows(claim: Claim) -> bool:
        """Does the claim, at the precision it shows, allow the median?"""
        half_step = claim.precision / 2
        low = claim.low - half_step if claim.low is not None else -math.inf
        high = claim.high + half_step if claim.high is not None else math.inf
        return low <= median <= high

    def far(claim: Claim) -> bool:
        if allows(claim):
            return False
        if median and abs(claim.value - median) > tolerances.outlier_relative * abs(median):
            return True
        return len(sources) >= tolerances.outlier_min_sources and spread > 0 and \
            abs(claim.value - median) > tolerances.outlier_deviations * spread

    return Consensus(
        value=float(f"{median:.10g}"),
        low=min(c.value for c in claims),
        high=max(c.value for c in claims),
        sources=tuple(sources),
        supporting=tuple(sorted({c.source for c in claims if allows(c)})),
        outliers=tuple(c.id for c in claims if far(c)),
        votes=len(values),
    )


def find_copies(claims: list[Claim]) -> dict[str, str]:
    """Claims of one fact that copy an earlier source's sentence, figure and all
    (rapidfuzz ratio at least `RESTATED_SENTENCE_SIMILARITY`, same value): each copy's id
    -> the id of the claim in the first source (by name) that states it."""
    ordered = sorted(claims, key=lambda claim: (claim.source, claim.start, claim.id))
    copies: dict[str, str] = {}
    for index, claim in enumerate(ordered):
        original = next((earlier for earlier in ordered[:index] if earlier.source != claim.source
                         and earlier.id not in copies and earlier.value == claim.value
                         and fuzz.ratio(earlier.sentence, claim.sentence) >= RESTATED_SENTENCE_SIMILARITY), None)
        if original is not None:
            copies[claim.id] = original.id
    return copies


def _voices(claims: list[Claim]) -> dict[str, str]:
    """Each source's voice: the source whose sentence its figures copy (`find_copies`),
    else itself: syndicated copies speak once."""
    by_id = {claim.id: claim for claim in claims}
    voice = {claim.source: claim.source for claim in claims}
    for copy, original in find_copies(claims).items():
        voice[by_id[copy].source] = voice[by_id[original].source]
    return voice


# A fact of up to this many claims gets a finding for every pair of them (no gold set
# has a larger fact); above it, findings would grow as the square of its claims, so each
# claim is compared with the claim that states the consensus, and the fact says so.
PAIRWISE_LIMIT = 50
EVERY_PAIR = "every pair"
WITH_THE_CONSENSUS = "with the consensus"


def _pairs(members: list[Claim], consensus: Consensus) -> tuple[list[tuple[Claim, Claim]], str]:
    """The pairs of a fact's claims to compare (each in the order of `members`), and how
    they were chosen: every pair up to PAIRWISE_LIMIT claims, else each claim with the
    consensus claim (the point figure nearest the consensus, the first in order on a tie)."""
    if len(members) <= PAIRWISE_LIMIT:
        return list(combinations(members, 2)), EVERY_PAIR
    position = {claim.id: index for index, claim in enumerate(members)}
    points = [c for c in members if c.qualifier in POINT_QUALIFIERS] or members
    anchor = min(points, key=lambda c: (abs(c.value - consensus.value), position[c.id]))
    pairs = [(anchor, c) if position[anchor.id] < position[c.id] else (c, anchor) for c in members if c is not anchor]
    return pairs, WITH_THE_CONSENSUS


def finding_order(finding: Finding) -> tuple[int, int, float, str]:
    """The order findings are reported in: worst first (severity, relation, relative
    difference), then by id."""
    return -finding.severity.rank, -finding.relation.rank, -finding.relative_difference, finding.id


def compare_facts(facts: list[Fact], claims_by_id: dict[str, Claim], rules: Rules) -> tuple[list[Fact], list[Finding]]:
    """Findings for the pairs of claims in every fact (`_pairs`: every pair, or each
    claim with the consensus claim in a fact of more than PAIRWISE_LIMIT claims), worst
    first, and the facts with their verdict (the worst pair), consensus and comparison."""
    tolerances = rules.tolerances
    falling = frozenset(topic.name for topic in rules.topics if topic.falls)
    findings: list[Finding] = []
    compared: list[Fact] = []
    for fact in facts:
        members = sorted((in_compared_unit(claims_by_id[i], rules) for i in fact.claim_ids),
                         key=lambda c: (c.source, c.start))
        # sums in several currencies: the consensus of the currency most of them use
        units = Counter(c.unit for c in members if c.dimension == "currency")
        main_unit = min(units, key=lambda unit: (-units[unit], unit or "")) if units else None
        consensus = _consensus([c for c in members if main_unit is None or c.unit == main_unit], tolerances)
        pairs, comparison = _pairs(members, consensus)
        worst = Relation.AGREE
        for a, b in pairs:
            if a.restates == b.id or b.restates == a.id or (a.dimension == "currency" and a.unit != b.unit):
                # a figure restated in another currency ("$4bn (€2.5bn)") is the same figure
                # again, and sums in two currencies have no rate to compare them by
                continue
            relation = relate(a, b, tolerances)
            difference = abs(a.value - b.value)
            relative = difference / max(abs(a.value), abs(b.value)) if max(abs(a.value), abs(b.value)) else 0.0
            cause = cause_of(a, b, relation, falling)
            rated = severity(relation, relative, tolerances)
            if cause in EXPLAINED_SEVERITY and rated.rank > EXPLAINED_SEVERITY[cause].rank:
                rated = EXPLAINED_SEVERITY[cause]
            findings.append(Finding(
                id=_finding_id(a.id, b.id),
                fact=fact.id,
                claims=(a.id, b.id),
                relation=relation,
                difference=float(f"{difference:.10g}"),
                relative_difference=round(relative, 4),
                severity=rated,
                note=_with_conversion(explain(a, b, relation), claims_by_id[a.id], claims_by_id[b.id], a, b),
                cause=cause,
            ))
            worst = max(worst, relation, key=lambda r: r.rank)
        compared.append(replace(fact, verdict=worst, consensus=consensus, comparison=comparison))
    findings.sort(key=finding_order)
    return compared, findings
