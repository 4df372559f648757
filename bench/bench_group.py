"""Grouping speed and memory on synthetic claim sets of growing size.

    python bench/bench_group.py [--sizes 1000,10000,100000] [--repeat 3] [--seed 7]

- for each size N, builds N claims the way a large multi-source news corpus gives them
  (deterministic for a seed): 60% belong to about N/6 "events" (one figure of one
  subject in one year, about one or two of 150 countries, stated by 1-6 sources with
  values that agree, are rounded, say "more than" or conflict), 40% are one-off figures
  that should match nothing; 85% of claims name their countries, 88% are dated;
- times `group_claims(claims, rules)` (median of `--repeat` runs; one run when the first
  takes longer than `--single-above` seconds) and prints claims, facts found, seconds
  and claims per second, and the size of the largest block group.py compares pairwise in;
- then the growth from 10k to 100k claims (ideal for linear growth: 10.0) and the
  peak resident memory.
"""

from __future__ import annotations

import argparse
import math
import random
import resource
import statistics
import time
from collections import Counter
from pathlib import Path

from factcheck.group import group_claims
from factcheck.model import Claim, ClaimKind, Qualifier
from factcheck.project import load_rules

ROOT = Path(__file__).resolve().parent.parent

# (dimension, unit, unit_family, weight): the figures news text states most.
UNIT_SPECS = [("count", "people", "people", 40), ("length", "km", "km", 10), ("currency", "USD", "USD", 15),
              ("currency", "EUR", "EUR", 10), ("duration", "years", "years", 10),
              ("percentage", "percent", "percent", 15)]
VALUE_RANGE = {"count": (10, 1e6), "length": (5, 5000), "currency": (1e5, 1e11), "duration": (1, 60),
               "percentage": (0.5, 95)}
COUNTED_NOUNS = ["people", "civilian", "refugee", "soldier", "resident", "migrant", "worker", "child"]
SCOPE_WORDS = ["foreign", "sudanese", "syrian", "local", "young", "unarmed", "displaced", "rural"]
# Measured phrases: subject + verb (+ object) + place, per dimension; the place word keeps
# unrelated events apart the way real context words do.
SUBJECTS = {"count": ["clashes", "floods", "earthquake", "storm", "fighting", "attack", "epidemic", "strike"],
            "length": ["pipeline", "road", "railway", "wall", "river", "coastline", "canal", "fence"],
            "currency": ["government", "ministry", "bank", "company", "donors", "union", "agency", "fund"],
            "duration": ["war", "conflict", "dictatorship", "occupation", "ceasefire", "embargo", "reign", "trial"],
            "percentage": ["unemployment", "inflation", "turnout", "growth", "poverty", "literacy", "support",
                           "deficit"]}
VERBS = {"count": ["left", "affected", "hit", "reached"], "length": ["long", "stretches", "runs", "extends"],
         "currency": ["spent", "pledged", "raised", "lost", "invested", "borrowed"],
         "duration": ["lasted", "spanned", "ran", "continued"], "percentage": ["rose", "fell", "reached", "stood"]}
OBJECTS = ["aid", "reconstruction", "bonds", "subsidies", "debt", "budget", "exports", "contracts", ""]
PLACES = ["kenya", "sudan", "peru", "chile", "nepal", "ghana", "yemen", "syria", "mali", "laos", "iraq", "haiti",
          "north", "south", "capital", "coast", "province", "region", "border", "delta", "valley", "highlands"]
VARIATION = ["reportedly", "officially", "total", "overall", "again"]
# Countries figures are about: a corpus of 100,000 claims covers most of the world.
COUNTRY_CODES = [f"{a}{b}" for a in "ABCDEGHIKLMNPRSTUVZ" for b in "AEGKLMNRTZ"][:150]


def precision_of(value: float) -> float:
    """The rounding step the figure shows: 1200 -> 100, 968 -> 1, 12.4 -> 0.1."""
    if value != int(value):
        return 0.1
    step = 1.0
    while value >= step * 10 and value % (step * 10) == 0:
        step *= 10
    return step


def step_of(value: float) -> float:
    """How a writer rounds a figure: to its two leading digits (4,537 -> 4,500)."""
    return 10.0 ** max(0, math.floor(math.log10(value)) - 1) if value >= 10 else 1.0


def round_to(value: float, step: float) -> float:
    return float(max(step, round(value / step) * step))


class ClaimFactory:
    """Makes claims with unique ids, per-source positions and distinct sentences."""

    def __init__(self, rng: random.Random, rules, documents: int) -> None:
        self.rng, self.documents, self.approx = rng, documents, rules.tolerances.approx_tolerance
        self.next_line: Counter[str] = Counter()
        self.serial = 0

    def make(self, source, spec, value, qualifier, step, measured, topic, year, scope, subjects):
        dimension, unit, family, _ = spec
        self.serial += 1
        self.next_line[source] += 1
        line, column = self.next_line[source], self.rng.randint(1, 120)
        words = {"more_than": "more than ", "approx": "about "}.get(qualifier, "")
        number = f"{value:.1f}" if dimension == "percentage" else f"{value:,.0f}"
        text = words + {"count": number, "currency": ("$" if unit == "USD" else "EUR ") + number}.get(
            dimension, f"{number} {unit}")
        low, high = {"exact": (value, value), "more_than": (value, None),
                     "approx": (value * (1 - self.approx), value * (1 + self.approx))}[qualifier]
        # A dateline or no date at all anchors nothing; most figures have a date nearby.
        basis = self.rng.choices(["sentence", "paragraph", None], [50, 38, 12])[0]
        start = (line - 1) * 240 + column - 1
        return Claim(
            id=f"c{self.serial:07d}", source=source, start=start, end=start + len(text), line=line,
            column=column, text=text, sentence=f"In {year} the {measured} figure was {text} (item {self.serial}).",
            kind=ClaimKind.QUANTITY, value=value, unit=unit, dimension=dimension,
            qualifier=Qualifier(qualifier), low=low, high=high, precision=step, measured=measured,
            topic=topic, unit_family=family, scope=scope, subjects=subjects,
            as_of=str(year) if basis else None, as_of_basis=basis)


def build_claims(size: int, seed: int, rules) -> list:
    """`size` claims: 60% from multi-source events, 40% one-offs, in a shuffled order."""
    rng = random.Random(seed)
    factory = ClaimFactory(rng, rules, documents=max(1, size // 10))
    # The rules' topics that can apply to each kind of figure (deaths: counts of people).
    topics_for = {spec: [t for t in rules.topics if spec[0] in t.dimensions
                         and (not t.families or spec[2] in t.families)] for spec in UNIT_SPECS}

    def subject():
        """One figure's subject: kind of figure, value, topic, measured phrase, year, scope."""
        spec = rng.choices(UNIT_SPECS, [spec[3] for spec in UNIT_SPECS])[0]
        dimension = spec[0]
        low, high = VALUE_RANGE[dimension]
        value = math.exp(rng.uniform(math.log(low), math.log(high)))
        value = round(value, 1) if dimension == "percentage" else round_to(
            value, step_of(value) if dimension == "currency" else 1.0)
        topics = topics_for[spec]
        topic = rng.choice(topics) if topics and rng.random() < 0.6 else None
        word = rng.choice(topic.synonyms[:4]) if topic else rng.choice(VERBS[dimension])
        obj = rng.choice(OBJECTS) if dimension == "currency" else ""
        measured = " ".join(w for w in (rng.choice(SUBJECTS[dimension]), word, obj, rng.choice(PLACES)) if w)
        scope = None
        if dimension == "count":
            # Counts name what they count ("refugees"); the family ("people") groups them.
            noun = rng.choice(COUNTED_NOUNS)
            spec = (dimension, noun, spec[2], spec[3])
            if topic is None and rng.random() < 0.3:
                scope = f"{rng.choice(SCOPE_WORDS)} {noun}s"
        # the countries it is about: one, or two for a border or a war (gazetteer codes)
        countries = tuple(sorted(rng.sample(COUNTRY_CODES, rng.choice([1, 1, 2]))))
        return spec, value, (topic.name if topic else None), measured, rng.randint(1990, 2025), scope, countries

    def named(countries):
        """Most sentences name the countries a figure is about; some leave them implicit."""
        return countries if rng.random() < 0.85 else ()

    def document():
        return f"doc{rng.randrange(factory.documents):05d}.txt"

    claims = []
    while len(claims) < size * 0.6:
        spec, value, topic, measured, year, scope, countries = subject()
        step = step_of(value)
        for source in sorted({document() for _ in range(rng.randint(1, 6))}):
            # Sources word the same figure differently: mostly the same phrase, sometimes
            # an extra word (still a match) or a dropped word (often not).
            phrase = measured
            if rng.random() < 0.2:
                phrase = f"{measured} {rng.choice(VARIATION)}"
            elif rng.random() < 0.1:
                phrase = measured.split(" ", 1)[-1]
            kind = rng.choices(["same", "rounded", "more_than", "conflict"], [45, 25, 15, 15])[0]
            if kind == "same":
                stated, qualifier, shown = value, "exact", precision_of(value)
            elif kind == "rounded":
                stated, qualifier, shown = round_to(value, step), rng.choice(["exact", "approx"]), step
            elif kind == "more_than":
                stated, qualifier, shown = float(max(step, math.floor(value / step) * step)), "more_than", step
            else:
                stated = round(value * rng.uniform(0.5, 1.6), 1 if spec[0] == "percentage" else 0) or value
                qualifier, shown = "exact", precision_of(stated)
            claims.append(factory.make(source, spec, stated, qualifier, shown, phrase, topic, year, scope,
                                       named(countries)))
    while len(claims) < size:
        spec, value, topic, measured, year, scope, countries = subject()
        claims.append(factory.make(document(), spec, value, "exact", precision_of(value), measured, topic, year, scope,
                                   named(countries)))
    claims = claims[:size]
    rng.shuffle(claims)
    return claims


def largest_block(claims) -> int:
    """The most claims group.py blocks together by dimension, family and topic (it then
    cuts a block by year and, when large, by countries)."""
    return max(Counter((c.dimension, c.unit_family or c.unit, c.topic) for c in claims).values())


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,30000,100000",
                        type=lambda text: [int(part) for part in text.split(",")])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--single-above", type=float, default=60.0,
                        help="seconds; a size whose first run takes longer is timed once")
    args = parser.parse_args()

    rules = load_rules(ROOT / "rules")
    group_claims(build_claims(200, args.seed, rules), rules)  # warm up imports and rapidfuzz
    seconds_of: dict[int, float] = {}
    for size in args.sizes:
        claims = build_claims(size, args.seed, rules)
        times, facts = [], []
        while len(times) < args.repeat:
            start = time.perf_counter()
            facts = group_claims(claims, rules)
            times.append(time.perf_counter() - start)
            if times[0] > args.single_above:
                break  # a slow size is timed once: the repeats would not change the picture
        seconds = seconds_of[size] = statistics.median(times)
        runs = f"median of {len(times)} runs" if len(times) > 1 else "1 run"
        print(f"{size:>9,} claims  {len(facts):>7,} facts  {seconds:>9.3f} s  {size / seconds:>10,.0f} claims/s  "
              f"({runs}; largest block {largest_block(claims):,}; peak RSS {peak_rss_mb():,.0f} MB)", flush=True)

    small, large = min(seconds_of), max(seconds_of)
    if 10_000 in seconds_of and 100_000 in seconds_of:
        small, large = 10_000, 100_000
    if small != large:
        print(f"growth: time({large:,})/time({small:,}) = {seconds_of[large] / seconds_of[small]:.1f}  "
              f"(ideal, linear: {large / small:.1f}; quadratic: {(large / small) ** 2:.1f})")
    print(f"peak memory: {peak_rss_mb():,.0f} MB")


if __name__ == "__main__":
    main()
