"""The group stage: framed claims in, `Fact`s out. A fact is one measured property of
one event (or standing thing) in one scope, stated by two or more claims.

Claims are blocked by event, dimension, unit family ("people", "km", "EUR") and their
role (a part of a stated total only meets other parts), so only claims that could be
one fact are ever compared. Once the frame stage has decided a claim's event and scope,
they separate facts: figures of different events never meet, nor do figures with
different facets (a place, a category, a status). What is soft is the rest.

Inside a block every pair gets a score that weighs its evidence (`grouping` in
rules/events.yaml):
- the measured property: the same topic of `rules/topics.yaml` weighs for, different
  topics against; without a topic on both, the similarity of the measured phrases
  (rapidfuzz), centred on `tolerances.match_threshold`;
- the countries each clause names, agreeing or not;
- the years each figure's own sentence or paragraph anchors it to, agreeing or not;
- one source (a text seldom states one fact twice).
Groups form from the strongest pairs down (average linkage): two groups merge when no
pair across them is ruled out and the pairs across them reach the threshold on average.
A pair is ruled out by different facets, by standing in one sentence (a sentence that
gives two figures of one unit is comparing or dividing them, unless it revises one
count: "raised the toll to 480 from 310"), or by a score below the floor.

A figure restated in another currency ("180 billion yuan (US$26 billion)") is grouped
with the figures of its own currency too, and the two facts it links become one (the
compare stage never compares sums of two currencies).
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any
from itertools import combinations

from rapidfuzz import fuzz

from factcheck.model import (ANCHORING_BASES, SOFT_FACETS, Claim, ClaimKind, Fact, FactMember, Relation,
                             scope_facets, sentence_gap)
from factcheck.extract.units import is_selecting
from factcheck.rules import GroupingWeights, Rules, Topic, is_country_code

# Figures whose unit says nothing about what they count are never grouped, nor are
# ranks, which say nothing without the subject they rank.
UNGROUPED_DIMENSIONS = frozenset({"number", "date", "rank"})
# dimensions in which one source's two different figures of one property are most often
# two things, not one fact stated twice
DISTINCT_IN_ONE_SOURCE = frozenset({"currency", "length", "area", "volume", "power", "energy", "mass"})


@dataclass(frozen=True, slots=True)
class _Candidate:
    claim: Claim
    key: str  # the phrase fuzzy matching compares
    restriction: str = ""  # for counts: what narrows the counted set; must be equal to match
    # a count without a topic of a family that topics exist for ("90 people"): what
    # is counted is known, what happened to them is not
    needs_topic: bool = False
    # the value in the unit measures are compared in ("1,900 m" is 1.9 km), for
    # how far apart two figures are
    size: float = 0.0


RELATIVE_WORDS = ("that", "who")


def measured_key(claim: Claim) -> str:
    """The measured phrase as fuzzy matching sees it: lower case, no topic label."""
    return " ".join(re.sub(r"\[[^\]]*\]", " ", claim.measured).lower().split())


def measured_phrase(claim: Claim) -> str:
    """What a figure measures, in words: the counted noun phrase for a count ("sudanese
    refugees"), else the measured phrase."""
    return (claim.scope or claim.unit or "").lower() if claim.dimension == "count" else measured_key(claim)


def counted_key(claim: Claim, rules: Rules) -> tuple[str, str]:
    """What a count counts, as (noun phrase, restriction).

    The noun phrase has its head replaced by the head's family ("states" -> "country"),
    so "five Nordic states" and "five countries" can match. The restriction is
    what narrows the set to a subset: a relative clause ("that share the valley") or a
    superlative ("the two poorest countries"). Counts with different restrictions are
    never one fact.
    """
    words = (claim.scope or claim.unit or "").lower().split()
    if any(w in RELATIVE_WORDS for w in words):
        cut = next(i for i, w in enumerate(words) if w in RELATIVE_WORDS)
        noun_phrase, restriction = words[:cut], words[cut + 1:]
    else:
        noun_phrase, restriction = words, []
    if noun_phrase in (["other"], ["others"]):
        noun_phrase = []  # "and 300 others": those besides, not a subset
    restriction = [w for w in noun_phrase if is_selecting(w)] + restriction
    noun_phrase = [w for w in noun_phrase if not is_selecting(w)]
    if noun_phrase:
        noun_phrase[-1] = claim.unit_family or noun_phrase[-1]
    return " ".join(noun_phrase), " ".join(restriction)


def year_of(as_of: str | None) -> str | None:
    """The year of an ISO as_of, as text ("2015" of "2015-04")."""
    return as_of[:4] if as_of else None


def anchored_year(claim: Claim) -> str | None:
    """The year the figure's own sentence or paragraph ties it to; a dateline ties none."""
    return year_of(claim.as_of) if claim.as_of_basis in ANCHORING_BASES else None


def _facets_agree(first: Claim, second: Claim, loose_place: frozenset[str]) -> bool:
    """Facets separate facts once decided: a value of one facet on one side needs the
    same value on the other. An unscoped figure may meet one scoped by a place in
    `loose_place` only: a country that is the only one its block names, so that the
    text gives no other scope."""
    a = dict(facet.split(":", 1) for facet in first.facets)
    b = dict(facet.split(":", 1) for facet in second.facets)
    for name in set(a) | set(b):
        if a.get(name) == b.get(name):
            continue
        if name == "place" and (a.get(name) is None or b.get(name) is None) and \
                (a.get(name) or b.get(name)) in loose_place:
            continue
        if name in SOFT_FACETS and (a.get(name) is None or b.get(name) is None):
            continue
        return False
    return True


_CHANGE = re.compile(r"\b(?:rais|rose|rise|risen|rising|climb|jump|increas|revis|lower|fell|fall|drop|grew|grow|"
                     r"swell|swoll|soar|upgrad|downgrad|updat|correct)", re.IGNORECASE)
_FROM_BETWEEN = re.compile(r"\s*,?\s*(?:up\s+|down\s+)?from\s+(?:(?:an?|the)\s+)?(?:(?:earlier|previous|initial)\s+)?",
                           re.IGNORECASE)
_TO_BETWEEN = re.compile(r"\s*(?:to|-)\s*", re.IGNORECASE)


def is_revision(first: Claim, second: Claim) -> bool:
    """Do two figures of one sentence state one count at two times ("raised the toll to
    480 from 310", "climbed from 310 to 480")? A sentence that revises a figure is the
    one place where a text gives two values of one fact side by side."""
    if first.text == second.text or not _CHANGE.search(first.sentence):
        return False
    gap = sentence_gap(first, second)
    if gap is None:
        return False
    before, between = gap
    if _FROM_BETWEEN.fullmatch(between):
        return True
    return bool(_TO_BETWEEN.fullmatch(between)) and before.rstrip().lower().endswith("from")


def _pair_score(first: _Candidate, second: _Candidate, weights: GroupingWeights, match_threshold: float,
                loose_place: frozenset[str], generic: frozenset[str] = frozenset()) -> tuple[float, str] | None:
    """How strongly the evidence says two claims state one fact, with the evidence
    spelled out; None where they cannot: another facet, one sentence, or different
    restrictions of what is counted."""
    a, b = first.claim, second.claim
    if a.source == b.source and a.sentence == b.sentence and not is_revision(a, b):
        return None
    if first.restriction != second.restriction or not _facets_agree(a, b, loose_place):
        return None
    evidence = []
    if a.topic and b.topic:
        if a.topic != b.topic and not (a.topic in generic or b.topic in generic):
            score, evidence = weights.topic_mismatch, [f"topics {a.topic}/{b.topic} {weights.topic_mismatch:+g}"]
        else:
            # phrases only break ties between claims of one topic
            score = weights.topic + 0.1 * fuzz.token_set_ratio(first.key, second.key) / 100
            evidence = [f"topic {a.topic} {weights.topic:+g}"]
    else:
        if not a.topic and not b.topic and a.source == b.source and a.value != b.value:
            return None  # a text giving two counts of an unnamed property counts two sets
        if a.dimension == "count" and (first.needs_topic or second.needs_topic):
            return None  # "90 people" says nothing of what happened to them
        # Counts without a topic compare their noun phrases as word sets ("country"
        # within "nordic country"); a claim of a topic and one of none, and other
        # figures, have only their context, compared whole and in order.
        one_topic = bool(a.topic) != bool(b.topic)
        # within one event the words around two figures need only overlap ("400 tonnes of
        # grain stored at the port" / "the 400 tonnes that burned")
        same_event = bool(a.event) and a.event == b.event
        subset = (a.dimension == "count" or same_event) and not one_topic
        scorer = fuzz.token_set_ratio if subset else fuzz.token_sort_ratio
        ratio = scorer(first.key, second.key)
        phrase = weights.phrase * (ratio - match_threshold) / max(100 - match_threshold, 1)
        score = weights.threshold + phrase
        evidence = [f"phrase {ratio:.0f}% {phrase:+.2f}"]
        if a.dimension == "count" and not one_topic:
            # one counted noun ("schools") is not yet one property: the words around
            # the figures weigh too ("schools used as shelters" / "schools destroyed")
            context = fuzz.token_set_ratio(measured_key(a), measured_key(b))
            weight = weights.phrase * (context - CONTEXT_MIDPOINT) / (100 - CONTEXT_MIDPOINT) / 2
            score += weight
            evidence.append(f"context {context:.0f}% {weight:+.2f}")
    if a.subjects and b.subjects:
        x, y = set(a.subjects), set(b.subjects)
        if x <= y or y <= x:
            score += weights.subject
            evidence.append(f"countries {' '.join(sorted(x & y))} {weights.subject:+g}")
        else:
            score += weights.subject_mismatch
            evidence.append(f"countries {' '.join(sorted(x))}/{' '.join(sorted(y))} {weights.subject_mismatch:+g}")
    year_a, year_b = anchored_year(a), anchored_year(b)
    if year_a and year_b:
        if year_a == year_b:
            score += weights.year
            evidence.append(f"year {year_a} {weights.year:+g}")
        else:
            # within one event a later year is most often a later count of the same fact
            weight = weights.year_mismatch_in_event if a.event and a.event == b.event else weights.year_mismatch
            score += weight
            evidence.append(f"years {year_a}/{year_b} {weight:+g}")
    if a.value == b.value and a.unit == b.unit and a.qualifier == b.qualifier:
        score += weights.same_value
        evidence.append(f"same figure {weights.same_value:+g}")
    elif not (a.topic or b.topic) and a.unit == b.unit and a.event and a.event == b.event and \
            abs(a.value - b.value) <= CLOSE_SHARE * max(abs(a.value), abs(b.value)):
        # of one event, with no words to tell them apart, nearly the same figure
        # ("400 tonnes" / "about 400 tons") most likely states one thing
        score += weights.same_value
        evidence.append(f"close figures {weights.same_value:+g}")
    low, high = sorted((abs(first.size or a.value), abs(second.size or b.value)))
    if low > 0 and math.log10(high / low) > MAGNITUDE_SLACK:
        # figures more than a few times apart are seldom one fact stated twice
        gap = weights.magnitude_gap * (math.log10(high / low) - MAGNITUDE_SLACK)
        score += gap
        evidence.append(f"{high / low:.0f} times apart {gap:+.2f}")
    if bool(a.event) != bool(b.event):
        score += weights.unknown_event
        evidence.append(f"one of no event {weights.unknown_event:+g}")
    if a.source == b.source:
        # a text that gives two sums or two measures of one property is most often
        # naming two things (two donors, a part and a whole, height and elevation)
        differ = a.value != b.value and a.dimension in DISTINCT_IN_ONE_SOURCE
        weight = weights.same_source_differ if differ else weights.same_source
        score += weight
        evidence.append(f"one source {weight:+g}")
    if score < weights.floor:
        return None
    return round(score, 3), "; ".join(evidence)


def _cluster(candidates: list[_Candidate], weights: GroupingWeights, match_threshold: float,
             loose_place: frozenset[str], generic: frozenset[str]) -> list[list[tuple[_Candidate, float, str]]]:
    """Average-linkage clustering with a floor, strongest pairs first: two groups merge
    when no pair across them is ruled out (another facet, one sentence, a score below
    `floor`) and the pairs across them score `threshold` on average. One weak pair
    (a figure whose own sentence is dated otherwise) does not split a fact that every
    other pair joins; one ruled-out pair does. Each member keeps its average score
    within its group and the evidence of its weakest link there."""
    scores: dict[tuple[int, int], tuple[float, str]] = {}
    for i, j in combinations(range(len(candidates)), 2):
        scored = _pair_score(candidates[i], candidates[j], weights, match_threshold, loose_place, generic)
        if scored is not None:
            scores[(i, j)] = scored
    group_of = list(range(len(candidates)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(candidates))}
    # groups only grow: two groups that failed to merge fail again until one of them
    # grows, so each (group, size, group, size) is weighed once, not once per pair across
    refused: set[tuple[int, int, int, int]] = set()
    for (i, j), (score, _) in sorted(scores.items(), key=lambda item: (-item[1][0], item[0])):
        a, b = group_of[i], group_of[j]
        if a == b or score < weights.threshold:
            continue
        state = (min(a, b), len(members[min(a, b)]), max(a, b), len(members[max(a, b)]))
        if state in refused:
            continue
        across = [scores.get((min(x, y), max(x, y))) for x in members[a] for y in members[b]]
        # fsum: the same mean whichever group comes first, so a refusal holds for both orders
        if not (all(across) and math.fsum(pair[0] for pair in across) / len(across) >= weights.threshold):
            refused.add(state)
        else:
            for x in members[b]:
                group_of[x] = a
            members[a].extend(members.pop(b))
    groups = []
    for indices in members.values():
        if len(indices) < 2:
            continue
        indices.sort()
        group = []
        for x in indices:
            links = [scores[(min(x, y), max(x, y))] for y in indices if y != x]
            weakest = min(links, key=lambda item: item[0])
            group.append((candidates[x], sum(link[0] for link in links) / len(links), weakest[1]))
        groups.append(group)
    return groups


def _leader_groups(candidates: list[_Candidate], weights: GroupingWeights, match_threshold: float,
                   loose_place: frozenset[str], generic: frozenset[str]) -> list[list[tuple[_Candidate, float, str]]]:
    """Leader clustering for a bucket too large to compare pair by pair (Hartigan,
    *Clustering Algorithms*, 1975, ch. 3, "the leader algorithm"): in the bucket's order,
    each claim joins the group whose leader (first member) it scores highest with, at
    `threshold` or more, else it leads a group of its own. The cost is claims × groups,
    not claims², and every pair scored is one `_cluster` would score too. What it gives
    up: a claim is weighed against the leader alone, so a ruled-out pair with another
    member (one sentence, another facet) does not keep it out. Each member keeps its
    score with the leader (the leader, the average of its members') and that evidence."""
    leaders: list[int] = []
    joined: dict[int, list[tuple[_Candidate, float, str]]] = {}
    for index, candidate in enumerate(candidates):
        best: tuple[float, str, int] | None = None
        for leader in leaders:
            scored = _pair_score(candidates[leader], candidate, weights, match_threshold, loose_place, generic)
            if scored is not None and scored[0] >= weights.threshold and (best is None or scored[0] > best[0]):
                best = (scored[0], scored[1], leader)
        if best is None:
            leaders.append(index)
            joined[index] = []
        else:
            joined[best[2]].append((candidate, best[0], best[1]))
    groups = []
    for leader in leaders:
        members = joined[leader]
        if not members:
            continue
        weakest = min(members, key=lambda member: member[1])
        head = (candidates[leader], sum(member[1] for member in members) / len(members), weakest[2])
        groups.append([head, *members])
    return groups


# Above this many claims, a bucket is clustered by leaders (`_leader_groups`) instead of
# pair by pair: no gold set has a bucket this large after the cuts by event, year and
# country, which a corpus about few events (an archive's years of one war) reaches.
LEADER_BUCKET = 400
# Above this many claims, a bucket of one year is split by the countries its claims
# name before pairs are compared: pairwise work stays bounded as a corpus grows.
EXHAUSTIVE_BUCKET = 60
EXHAUSTIVE_EVENT_BUCKET = 250


def _split(candidates: list[_Candidate], key) -> list[list[_Candidate]]:
    """Candidates split by `key`; those whose key is None (no year, no country) join the
    one keyed bucket when there is just one, else stay together on their own: a figure
    with no time or place of its own can only be placed where the choice is clear."""
    keyed: dict[Any, list[_Candidate]] = defaultdict(list)
    loose: list[_Candidate] = []
    for candidate in candidates:
        value = key(candidate.claim)
        (loose if value is None else keyed[value]).append(candidate)
    if len(keyed) <= 1:
        return [candidates]
    return [bucket for _, bucket in sorted(keyed.items())] + ([loose] if loose else [])


def _buckets(block: list[_Candidate]) -> list[list[_Candidate]]:
    """The block cut by event, then, when large, by time (an anchored year) and by the
    countries named, so that only claims that could be one fact are compared pair by
    pair. A claim of no event (its article names none) is a candidate in the bucket of
    every standing thing (a count excepted: a toll is no border's) and in a bucket of its
    own: the group stage keeps it where it fits best.
    What the cuts of a large bucket give up: a figure without a year (or without a
    country) where several occur, and a claim whose countries are a subset of
    another's ("Peru" beside "Peru and Chile")."""
    by_event: dict[str, list[_Candidate]] = defaultdict(list)
    loose: list[_Candidate] = []
    for candidate in block:
        (by_event[candidate.claim.event] if candidate.claim.event else loose).append(candidate)
    # an article that names no event of its own may still give a figure of a standing
    # thing the corpus knows (a border's length), but not of an occurrence it never names
    # (not a count: a toll of no event is no border's, whatever the border's articles count)
    counts = bool(block) and block[0].claim.dimension == "count"
    event_buckets = [bucket + loose if is_standing(event) and not counts else bucket
                     for event, bucket in sorted(by_event.items())]
    if loose:
        event_buckets.append(loose)
    buckets = []
    for event_bucket in event_buckets:
        # an event's claims are few enough to compare pair by pair far longer
        limit = EXHAUSTIVE_EVENT_BUCKET if event_bucket[0].claim.event else EXHAUSTIVE_BUCKET
        if len(event_bucket) <= limit:
            buckets.append(event_bucket)
            continue
        for bucket in _split(event_bucket, anchored_year):
            buckets.extend(_split(bucket, lambda claim: claim.subjects or None)
                           if len(bucket) > EXHAUSTIVE_BUCKET else [bucket])
    return buckets


# the similarity of the words around two counts without a topic that neither weighs for
# nor against their being one fact
CONTEXT_MIDPOINT = 60
# how close two figures of one event must be to weigh as one figure stated twice
CLOSE_SHARE = 0.05
# how many orders of magnitude two figures of one fact may lie apart before it weighs
MAGNITUDE_SLACK = 0.5
# a forecast ("could reach 100,000") states no fact yet
FORECAST = "status:forecast"
_VAGUE = re.compile(r"(?:(?:tens|hundreds|thousands)\s+of\s+|several\s+|many\s+)?"
                    r"(?:dozens|scores|hundreds|thousands|millions|billions)\b(?!\s+of\s+(?:thousands|millions))"
                    r"(?:\s+of\s+\S+)?$", re.IGNORECASE)


def is_vague(claim: Claim) -> bool:
    """A figure that states an order of magnitude in words alone ("thousands", "tens of
    thousands", "dozens"): it says how big, not how many, and is no member of a fact."""
    return _VAGUE.match(claim.text.strip()) is not None  # "hundreds" and "hundreds of kilometres"


def is_standing(event_id: str | None) -> bool:
    """Is this the id of a standing thing (a dam, a border) rather than an occurrence?"""
    return bool(event_id) and event_id.startswith("s")


def _best_groups(groups: list[list[tuple[_Candidate, float, str]]]) -> list[list[tuple[_Candidate, float, str]]]:
    """Each claim in one group only: a claim of no event that fits groups of several
    events stays in the one where its weakest link is strongest."""
    best: dict[str, tuple[float, int]] = {}
    for index, group in enumerate(groups):
        for candidate, score, _ in group:
            known = best.get(candidate.claim.id)
            if known is None or (score, -index) > (known[0], -known[1]):
                best[candidate.claim.id] = (score, index)
    kept = []
    for index, group in enumerate(groups):
        members = [member for member in group if best[member[0].claim.id][1] == index]
        if len(members) >= 2:
            kept.append(members)
    return kept


def _fact_id(claim_ids: list[str]) -> str:
    return "f" + hashlib.sha1("\0".join(sorted(claim_ids)).encode()).hexdigest()[:11]


def _label(claims: list[Claim], topic: Topic | None) -> str:
    """A readable name: the topic's label, else the counted noun phrase or measured
    phrase most members share; with the year most members are anchored to."""
    if topic is not None:
        base = topic.label
    else:
        phrases = [measured_phrase(c) for c in claims]
        counts = Counter(p for p in phrases if p)
        base = min(counts, key=lambda p: (-counts[p], len(p), p)) if counts else "figure"
        if claims[0].dimension != "count" and claims[0].unit:
            base = f"{base} ({claims[0].unit})"
    events = {c.event_label for c in claims}
    if len(events) == 1 and None not in events:
        (event,) = events
        # a soft facet (who gives the figure) names the fact only where every member has it
        shared = set.intersection(*(set(c.facets) for c in claims))
        facets = sorted(set().union(*(scope_facets(c.facets) for c in claims)) | shared)
        scope = f" ({', '.join(facets)})" if facets else ""
        return f"{base}{scope}: {event}"
    years = Counter(year_of(c.as_of) for c in claims if c.as_of and c.as_of_basis in ANCHORING_BASES)
    if years:
        year, count = min(years.items(), key=lambda item: (-item[1], item[0]))
        if count * 2 >= len(claims):
            return f"{base}, {year}"
    return base


def _loose_places(block: list[_Candidate]) -> frozenset[str]:
    """The place an unscoped figure of this block may meet: the one country that the
    block's scoped figures name, where they name just one and none of their events has
    a country of its own (the text then gives no other scope, and the country is most
    likely the event's own, unrecognised)."""
    if any(c.claim.event_home for c in block):
        return frozenset()
    places = {facet.split(":", 1)[1] for c in block for facet in c.claim.facets if facet.startswith("place:")}
    if len(places) == 1:
        (place,) = places
        if is_country_code(place):
            return frozenset(places)
    return frozenset()


def _restatements(claims: list[Claim] | tuple[Claim, ...], rules: Rules) -> dict[str, list[Claim]]:
    """Per claim id, the claims that restate it in a unit of another measure (another
    currency: "¥90 billion (US$13 billion)")."""
    by_id = {claim.id: claim for claim in claims}
    restated: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        original = by_id.get(claim.restates) if claim.restates else None
        if original is not None and claim.unit != original.unit and rules.canonical_unit(claim.unit)[0] != \
                rules.canonical_unit(original.unit)[0]:
            restated[original.id].append(claim)
    return restated


def _blocked(claims: list[Claim] | tuple[Claim, ...], restated: dict[str, list[Claim]], rules: Rules):
    """The claims that may be members of a fact, by source and position, each with its
    block (dimension, unit family, role) and its size in the family's unit."""
    converted_ids = {claim.id for group in restated.values() for claim in group}
    # A restatement in a unit of the same measure ("(250 miles)") is the same figure again:
    # it never competes with it. One in another currency ("(US$4 billion)") has no rate to
    # its original: it meets the figures of its own currency, and its fact joins the
    # original's.
    ordered = sorted((c for c in claims if c.kind is ClaimKind.QUANTITY and c.dimension not in UNGROUPED_DIMENSIONS
                      and (c.restates is None or c.id in converted_ids) and not is_vague(c)
                      and FORECAST not in c.facets),
                     key=lambda c: (c.source, c.start))
    for claim in ordered:
        # measures in convertible units meet in one unit ("250 miles" with "400 km")
        canonical, factor = rules.canonical_unit(claim.unit)
        family = canonical if canonical != claim.unit else (claim.unit_family or claim.unit or "")
        # a part of a total ("€4 billion for transport" in a "€15 billion package") is
        # only ever compared with parts, never with a total
        # (one with a scope of its own, "including 360 children", is told apart by it)
        role = "part" if claim.part_of and not scope_facets(claim.facets) else ""
        yield claim, (claim.dimension, family, role), claim.value * factor


class BlockUnion:
    """The shuffle's keys, gathered one source at a time: each claim's block (dimension,
    unit family, role), and which blocks must stay together because a figure restated
    in another currency links them. Restatements point within their own source (a
    source is framed alone), so a source's claims are all that is needed to key them.

    `keys` gives a source's claims their blocks as it is added; `part` then names the
    part a block ends up in, once every source is added: the least of the blocks joined
    with it, so the parts do not depend on the order sources came in.
    """

    def __init__(self, rules: Rules) -> None:
        self.rules = rules
        self._parent: dict[tuple[str, str, str], tuple[str, str, str]] = {}

    def keys(self, claims: list[Claim] | tuple[Claim, ...]) -> list[tuple[str, str, str] | None]:
        """Each claim's block, in the order of `claims` (one source's): None for a claim
        that can be no fact's member and that no member's restatement needs."""
        restated = _restatements(claims, self.rules)
        key_of = {claim.id: key for claim, key, _ in _blocked(claims, restated, self.rules)}
        for key in key_of.values():
            self._parent.setdefault(key, key)
        # a figure and its restatement in another currency go together: both members,
        # their blocks join; one a member, the other goes with it (a restatement joins
        # its original's fact; an original makes its restatement one)
        attached: dict[str, tuple[str, str, str]] = {}
        for original, restatements in sorted(restated.items()):
            for restatement in (r.id for r in restatements):
                if original in key_of and restatement in key_of:
                    self._join(key_of[original], key_of[restatement])
                elif original in key_of or restatement in key_of:
                    loose, key = (restatement, key_of[original]) if original in key_of else \
                        (original, key_of[restatement])
                    if loose in attached:
                        self._join(attached[loose], key)
                    else:
                        attached[loose] = key
        return [key_of.get(claim.id) or attached.get(claim.id) for claim in claims]

    def part(self, key: tuple[str, str, str]) -> tuple[str, str, str]:
        while self._parent[key] != key:
            self._parent[key] = self._parent[self._parent[key]]
            key = self._parent[key]
        return key

    def _join(self, first: tuple[str, str, str], second: tuple[str, str, str]) -> None:
        first, second = sorted((self.part(first), self.part(second)))
        self._parent[second] = first


def partition_claims(claims: list[Claim] | tuple[Claim, ...], rules: Rules) -> list[list[Claim]]:
    """The claims cut into parts that are grouped and compared each on its own, with the
    same facts and findings as the whole: a part holds whole blocks (dimension, unit
    family, role), blocks linked by a figure restated in another currency together, and
    the originals its restatements need (`BlockUnion`). Claims that can be no fact's
    member are in no part. Parts come largest first (so the largest starts first where
    they run side by side), each in the order of `claims`.

    This is the shuffle of a distributed run: each part can be grouped where it lies.
    """
    union = BlockUnion(rules)
    by_source: dict[str, list[int]] = defaultdict(list)
    for position, claim in enumerate(claims):
        by_source[claim.source].append(position)
    key_at: list[tuple[str, str, str] | None] = [None] * len(claims)
    for positions in by_source.values():
        for position, key in zip(positions, union.keys([claims[p] for p in positions])):
            key_at[position] = key
    parts: dict[tuple[str, str, str], list[Claim]] = defaultdict(list)
    for claim, key in zip(claims, key_at):
        if key is not None:
            parts[union.part(key)].append(claim)
    return [part for _, part in sorted(parts.items(), key=lambda item: (-len(item[1]), item[0]))]


def group_claims(claims: list[Claim] | tuple[Claim, ...], rules: Rules) -> list[Fact]:
    """Group framed claims into facts; claims that match nothing stay out of every fact.

    Facts come sorted by id, members by source and position. The verdict and consensus
    are left for the compare stage (verdict `agree`, consensus None here).
    """
    topics = {topic.name: topic for topic in rules.topics}
    topical_families = {family for topic in rules.topics for family in topic.families}
    blocks: dict[tuple[str, str, str, str], list[_Candidate]] = defaultdict(list)
    restated = _restatements(claims, rules)
    for claim, (dimension, family, role), size in _blocked(claims, restated, rules):
        if claim.topic:
            restriction = counted_key(claim, rules)[1] if claim.dimension == "count" else ""
            blocks[(dimension, family, "topic:" + claim.topic, role)].append(
                _Candidate(claim, measured_key(claim), restriction, size=size))
        elif claim.dimension == "count":
            noun_phrase, restriction = counted_key(claim, rules)
            blocks[(dimension, family, "", role)].append(
                _Candidate(claim, noun_phrase, restriction, needs_topic=family in topical_families, size=size))
        elif measured_key(claim):
            blocks[(dimension, family, "", role)].append(_Candidate(claim, measured_key(claim), size=size))

    # claims without a topic may still state a topic's fact in other words: each
    # untopical block is scored together with the topical blocks of its dimension and
    # family (and cut by event in `_buckets`)
    merged: dict[tuple[str, str, str], list[_Candidate]] = defaultdict(list)
    for (dimension, family, _, role), block in sorted(blocks.items()):
        merged[(dimension, family, role)].extend(block)

    weights, threshold = rules.grouping, rules.tolerances.match_threshold
    generic = frozenset(topic.name for topic in rules.topics if topic.generic)
    found: list[tuple[str, str, list[tuple[_Candidate, float, str]]]] = []
    for (dimension, family, _), block in sorted(merged.items()):
        loose_place = _loose_places(block)
        found.extend((dimension, family, group) for group in _best_groups(
            [group for bucket in _buckets(block)
             for group in (_cluster if len(bucket) <= LEADER_BUCKET else _leader_groups)(
                 bucket, weights, threshold, loose_place, generic)]))
    facts: list[Fact] = []
    for dimension, family, group, linked in _join_restated(found, restated):
        members = tuple(FactMember(c.claim.id, round(score, 2), _matched_by(c.claim, evidence))
                        for c, score, evidence in group)
        member_claims = [c.claim for c, _, _ in group]
        # a figure restated in another currency that met no figure of its own currency
        # joins its original's fact, never to be compared with it ("US$4 billion (€3.6 billion)")
        members += tuple(FactMember(r.id, 1.0, f"restates {r.restates} in {r.unit}") for r in linked)
        member_claims += linked
        topic_names = Counter(c.topic for c in member_claims if c.topic)
        topic = topics.get(min(topic_names, key=lambda t: (-topic_names[t], t))) if topic_names else None
        units = sorted({c.unit for c in member_claims if c.unit})
        facts.append(Fact(
            id=_fact_id([m.claim_id for m in members]),
            label=_label(member_claims, topic),
            dimension=dimension,
            unit=units[0] if len(units) == 1 else (family or None),
            members=members,
            verdict=Relation.AGREE,
            consensus=None,
        ))
    facts.sort(key=lambda fact: fact.id)
    return facts


def _join_restated(found: list[tuple[str, str, list[tuple[_Candidate, float, str]]]],
                   restated: dict[str, list[Claim]]):
    """Groups joined where a figure of one restates a figure of another in another currency
    ("¥90 billion (US$13 billion)" links the yuan figures' group with the dollar
    figures'), each with the restatements that joined no group of their own.

    Yields (dimension, family, members, restatements to add) per fact; the first group's
    dimension and family stand for a joined fact."""
    group_of = {candidate.claim.id: index for index, (_, _, group) in enumerate(found) for candidate, _, _ in group}
    links = [(group_of[original], group_of[restatement.id]) for original, restatements in restated.items()
             for restatement in restatements if original in group_of and restatement.id in group_of]
    if links:
        # imported here: most corpora restate no sum in another currency, and scipy is heavy
        from scipy.sparse import coo_matrix
        from scipy.sparse.csgraph import connected_components

        graph = coo_matrix(([1] * len(links), ([a for a, _ in links], [b for _, b in links])),
                           shape=(len(found), len(found)))
        _, labels = connected_components(graph, directed=False)
    else:
        labels = range(len(found))
    joined: dict[int, list[int]] = defaultdict(list)
    for index, label in enumerate(labels):
        joined[int(label)].append(index)
    for indices in sorted(joined.values()):
        dimension, family, _ = found[indices[0]]
        members = [member for index in indices for member in found[index][2]]
        linked = [r for c, _, _ in members for r in restated.get(c.claim.id, ()) if r.id not in group_of]
        yield dimension, family, members, linked


def _matched_by(claim: Claim, evidence: str) -> str:
    """What put a claim in its fact: its event and scope, then the evidence of its
    weakest link."""
    parts = []
    if claim.event_label:
        parts.append(f"event {claim.event_label}")
    if claim.facets:
        parts.append("scope " + " ".join(claim.facets))
    if claim.topic_synonym:
        parts.append(f"{claim.topic_synonym!r}")
    parts.append(evidence)
    return "; ".join(part for part in parts if part)
