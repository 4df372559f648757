"""The arithmetic stage: a text's own figures checked against each other, one source at
a time. A first pass that keeps to clear cases:

- a multiplier between two figures of one unit in one sentence ("$6 million, 15 times
  more than the $400,000 of last year") against their ratio;
- a duration in years beside exactly two years in its sentence ("work began in 1996 and
  ended in 2014: it took 18 years") against their difference;
- the parts of a stated total ("a €15 billion package, including €4 billion for ...")
  against the total.

A multiplier or a span holds when it is within `rounding_max_relative` of what the
figures give; parts hold while their sum stays within the total's upper bound.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict

from factcheck.model import Check, CheckKind, Claim, ClaimKind, Qualifier, sentence_gap
from factcheck.rules import Rules


def _check_id(kind: CheckKind, claim_ids: tuple[str, ...]) -> str:
    return "k" + hashlib.sha1("\0".join((kind.value, *claim_ids)).encode()).hexdigest()[:11]


def _check(kind: CheckKind, claims: tuple[Claim, ...], stated: float, computed: float, holds: bool,
           computation: str) -> Check:
    ids = tuple(claim.id for claim in claims)
    return Check(_check_id(kind, ids), kind, ids, stated, float(f"{computed:.6g}"), holds, computation)


def _plain(number: float) -> str:
    """4820000.0 as "4,820,000": a figure as a reader writes it."""
    return f"{number:,.10g}"


def _within(stated: float, computed: float, rules: Rules) -> bool:
    return abs(stated - computed) <= rules.tolerances.rounding_max_relative * max(abs(stated), abs(computed))


def _multipliers(sentence: list[Claim], rules: Rules) -> list[Check]:
    checks = []
    for index, multiplier in enumerate(sentence):
        if multiplier.unit != "times" or multiplier.qualifier is not Qualifier.EXACT:
            continue
        before = [c for c in sentence[:index] if c.kind is ClaimKind.QUANTITY and c.dimension != "number"]
        if not before:
            continue
        larger_unit = before[-1].unit
        after = [c for c in sentence[index + 1:] if c.unit == larger_unit]
        if not after or not after[0].value:
            continue
        first, second = before[-1], after[0]
        computed = first.value / second.value
        checks.append(_check(
            CheckKind.MULTIPLIER, (first, multiplier, second), multiplier.value, computed,
            _within(multiplier.value, computed, rules),
            f"{first.text} / {second.text} = {_plain(first.value)} / {_plain(second.value)} = {computed:.4g}; "
            f"stated {multiplier.text}"))
    return checks


_CLAUSE_BREAK = re.compile(r"[,;:()]")


def _spans(sentence: list[Claim], rules: Rules) -> list[Check]:
    years = sorted({int(c.value) for c in sentence if c.kind is ClaimKind.DATE})
    dates = [c for c in sentence if c.kind is ClaimKind.DATE]
    if len(years) != 2:
        return []
    first = next(c for c in dates if int(c.value) == years[0])
    last = next(c for c in dates if int(c.value) == years[1])
    # the two years bound one span only within one clause ("began in 1996 and completed it
    # in 2014"); "started in 2018 and took seven years, slowed by floods in 2021" names a
    # year of something else
    gap = sentence_gap(first, last)
    if gap is not None and _CLAUSE_BREAK.search(gap[1]):
        return []
    checks = []
    for duration in sentence:
        if duration.unit != "years" or duration.qualifier is not Qualifier.EXACT:
            continue
        computed = float(years[1] - years[0])
        checks.append(_check(
            CheckKind.SPAN, (first, last, duration), duration.value, computed, _within(duration.value, computed, rules),
            f"{years[1]} - {years[0]} = {computed:g} years; stated {duration.text}"))
    return checks


def _parts(claims: list[Claim]) -> list[Check]:
    by_id = {claim.id: claim for claim in claims}
    parts_of: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        if claim.part_of in by_id:
            parts_of[claim.part_of].append(claim)
    checks = []
    for whole_id, parts in sorted(parts_of.items()):
        whole = by_id[whole_id]
        total = sum(part.value for part in parts)
        ceiling = whole.high if whole.high is not None else float("inf")
        shown = " + ".join(part.text for part in parts)
        checks.append(_check(
            CheckKind.PARTS_WITHIN_WHOLE, (whole, *parts), whole.value, total, total <= ceiling,
            f"{shown} = {_plain(total)}; the total stated is {whole.text} ({_plain(whole.value)})"))
    return checks


def check_arithmetic(claims: list[Claim] | tuple[Claim, ...], rules: Rules) -> list[Check]:
    """Every clear piece of arithmetic the texts imply about their own figures, in a
    stable order (source, then position).

    >>> from factcheck import extract_claims
    >>> claims = extract_claims("Exports hit $6 million, 15 times more than the $400,000 of 2020.")
    >>> [(c.kind.value, c.computed, c.holds) for c in check_arithmetic(claims, __import__("factcheck").load_rules())]
    [('multiplier', 15.0, True)]
    """
    by_source: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        by_source[claim.source].append(claim)
    in_sentences: list[Check] = []
    in_parts: list[Check] = []
    for _, source_claims in sorted(by_source.items()):
        sentence_checks, part_checks = source_arithmetic(source_claims, rules)
        in_sentences.extend(sentence_checks)
        in_parts.extend(part_checks)
    return in_sentences + in_parts


def source_arithmetic(claims: list[Claim] | tuple[Claim, ...], rules: Rules) -> tuple[list[Check], list[Check]]:
    """One source's checks: those within a sentence (multipliers and spans) by position,
    and those over the parts of its totals. `check_arithmetic` lists every source's
    sentence checks before any parts check; a run that checks one source at a time
    keeps the two lists apart to give the same order."""
    by_sentence: dict[str, list[Claim]] = defaultdict(list)
    ordered = sorted(claims, key=lambda c: c.start)
    for claim in ordered:
        by_sentence[claim.sentence].append(claim)
    in_sentences = []
    for sentence in sorted(by_sentence.values(), key=lambda group: group[0].start):
        in_sentences.extend(_multipliers(sentence, rules))
        in_sentences.extend(_spans(sentence, rules))
    return in_sentences, _parts(ordered)
