"""The group stage: claims in, `Fact`s out. A fact is one measured property of one
thing at one time, stated by two or more claims.

Claims are blocked by dimension and unit family ("people", "km", "EUR"), so only
claims that could be the same fact are ever compared. Inside a block:
- claims that share a topic from `rules/topics.yaml` form one candidate group;
- the others join when their measured phrases match (rapidfuzz token sort ratio at
  or above `tolerances.match_threshold`).
A claim joins a group only if it fits every member already there (complete linkage):
its time anchor and the countries it names (`rules/gazetteer.yaml`) do not contradict
theirs, and it is not in the same sentence as one of them (a sentence that gives two
figures of one unit is comparing or dividing them). A part of a stated total only meets
other parts.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any
from itertools import combinations

from rapidfuzz import fuzz

from factcheck.model import ANCHORING_BASES, Claim, ClaimKind, Fact, FactMember, Relation
from factcheck.extract.units import is_selecting
from factcheck.rules import Rules, Topic

# Figures whose unit says nothing about what they count are never grouped, nor are
# ranks, which say nothing without the subject they rank.
UNGROUPED_DIMENSIONS = frozenset({"number", "date", "rank"})


@dataclass(frozen=True, slots=True)
class _Candidate:
    claim: Claim
    key: str  # the phrase fuzzy matching compares
    matched_by: str
    restriction: str = ""  # for counts: what narrows the counted set; must be equal to match


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
    restriction = [w for w in noun_phrase if is_selecting(w)] + restriction
    noun_phrase = [w for w in noun_phrase if not is_selecting(w)]
    if noun_phrase:
        noun_phrase[-1] = claim.unit_family or noun_phrase[-1]
    return " ".join(noun_phrase), " ".join(restriction)


def year_of(as_of: str | None) -> str | None:
    return as_of[:4] if as_of else None


def anchored_year(claim: Claim) -> str | None:
    """The year the figure's own sentence or paragraph ties it to; a dateline ties none."""
    return year_of(claim.as_of) if claim.as_of_basis in ANCHORING_BASES else None


def anchors_agree(first: Claim, second: Claim) -> bool:
    """Two time anchors contradict only when both come from the figures' own sentence or
    paragraph and name different years."""
    a, b = anchored_year(first), anchored_year(second)
    return a is None or b is None or a == b


def subjects_agree(first: Claim, second: Claim) -> bool:
    """Two claims can be about one thing unless both name countries and neither set
    holds the other: "Tajikistan's population" is not Kyrgyzstan's, and the Kyrgyz-Tajik
    border is not Tajikistan's border with Afghanistan."""
    if not first.subjects or not second.subjects:
        return True
    a, b = set(first.subjects), set(second.subjects)
    return a <= b or b <= a


def _pair_score(first: _Candidate, second: _Candidate, threshold: float | None) -> float | None:
    """How alike two claims are, or None when they cannot be one fact: a contradicting
    time anchor or subject, one sentence, different restrictions, or (without a topic)
    phrases below the threshold."""
    if not anchors_agree(first.claim, second.claim) or not subjects_agree(first.claim, second.claim):
        return None
    if first.claim.source == second.claim.source and first.claim.sentence == second.claim.sentence:
        return None
    if first.restriction != second.restriction:
        return None
    # Counts compare their noun phrases as word sets ("country" within "nordic
    # country"), and so do claims of one topic, whose phrases only break ties ("people
    # inland" within "storm killed people inland"). Other figures have only their
    # context to go on, compared whole and in order.
    topical_or_count = threshold is None or first.claim.dimension == "count"
    scorer = fuzz.token_set_ratio if topical_or_count else fuzz.token_sort_ratio
    score = scorer(first.key, second.key)
    if threshold is not None and score < threshold:
        return None
    return float(score)


def _cluster(candidates: list[_Candidate], threshold: float | None) -> list[list[tuple[_Candidate, float]]]:
    """Complete-linkage clustering, most similar pairs first: two groups merge only if
    every pair across them may be one fact. Within a topic every pair may; similarity
    then decides which of two same-topic figures another source's figure joins."""
    scores: dict[tuple[int, int], float] = {}
    for i, j in combinations(range(len(candidates)), 2):
        score = _pair_score(candidates[i], candidates[j], threshold)
        if score is not None:
            scores[(i, j)] = score
    group_of = list(range(len(candidates)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(candidates))}
    for (i, j), _ in sorted(scores.items(), key=lambda item: (-item[1], item[0])):
        a, b = group_of[i], group_of[j]
        if a == b:
            continue
        if all((min(x, y), max(x, y)) in scores for x in members[a] for y in members[b]):
            for x in members[b]:
                group_of[x] = a
            members[a].extend(members.pop(b))
    groups = []
    for indices in members.values():
        if len(indices) < 2:
            continue
        indices.sort()
        groups.append([
            (candidates[x], min(scores[(min(x, y), max(x, y))] for y in indices if y != x)) for x in indices
        ])
    return groups


# Above this many claims, a bucket of one year is split by the countries its claims
# name before pairs are compared: pairwise work stays bounded as a corpus grows.
EXHAUSTIVE_BUCKET = 60


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
    """The block cut by time (an anchored year), and a large year cut by the countries
    named, so that only claims that could be one fact are compared pair by pair.
    Different years never group anyway. What the cuts give up: a figure without a year
    (or without a country) in a block where several occur, and, in a large year, a claim
    whose countries are a subset of another's ("Kyrgyzstan" beside "Kyrgyzstan and
    Tajikistan")."""
    buckets = []
    for bucket in _split(block, anchored_year):
        if len(bucket) > EXHAUSTIVE_BUCKET:
            buckets.extend(_split(bucket, lambda claim: claim.subjects or None))
        else:
            buckets.append(bucket)
    return buckets


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
    years = Counter(year_of(c.as_of) for c in claims if c.as_of and c.as_of_basis in ANCHORING_BASES)
    if years:
        year, count = min(years.items(), key=lambda item: (-item[1], item[0]))
        if count * 2 >= len(claims):
            return f"{base}, {year}"
    return base


def group_claims(claims: list[Claim] | tuple[Claim, ...], rules: Rules) -> list[Fact]:
    """Group claims into facts; claims that match nothing stay out of every fact.

    Facts come sorted by id, members by source and position. The verdict and consensus
    are left for the compare stage (verdict `agree`, consensus None here).
    """
    topics = {topic.name: topic for topic in rules.topics}
    blocks: dict[tuple[str, str, str, str], list[_Candidate]] = defaultdict(list)
    # A restatement ("(250 miles)") is the same figure again: it never competes with it.
    ordered = sorted((c for c in claims if c.kind is ClaimKind.QUANTITY and c.dimension not in UNGROUPED_DIMENSIONS
                      and c.restates is None), key=lambda c: (c.source, c.start))
    for claim in ordered:
        # measures in convertible units meet in one unit ("250 miles" with "400 km")
        canonical, _ = rules.canonical_unit(claim.unit)
        family = canonical if canonical != claim.unit else (claim.unit_family or claim.unit or "")
        # a part of a total ("€4 billion for transport" in a "€12 billion package") is
        # only ever compared with parts, never with a total
        role = "part" if claim.part_of else ""
        if claim.topic:
            restriction = counted_key(claim, rules)[1] if claim.dimension == "count" else ""
            evidence = f"topic {claim.topic} ({claim.topic_synonym!r})" if claim.topic_synonym else f"topic {claim.topic}"
            blocks[(claim.dimension, family, "topic:" + claim.topic, role)].append(
                _Candidate(claim, measured_key(claim), evidence, restriction))
        elif claim.dimension == "count":
            noun_phrase, restriction = counted_key(claim, rules)
            blocks[(claim.dimension, family, "", role)].append(
                _Candidate(claim, noun_phrase, f"counted noun phrase {noun_phrase!r}", restriction))
        elif measured_key(claim):
            blocks[(claim.dimension, family, "", role)].append(
                _Candidate(claim, measured_key(claim), f"measured phrase {measured_key(claim)!r}"))

    facts: list[Fact] = []
    for (dimension, family, topic_key, _), block in sorted(blocks.items()):
        threshold = None if topic_key else rules.tolerances.match_threshold
        topic = topics.get(topic_key.removeprefix("topic:")) if topic_key else None
        groups = [group for bucket in _buckets(block) for group in _cluster(bucket, threshold)]
        for group in groups:
            members = tuple(FactMember(c.claim.id, round(score, 1), c.matched_by) for c, score in group)
            member_claims = [c.claim for c, _ in group]
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
