"""What keeps framing from growing with the square of the corpus gives the same answers
as the exhaustive ways it replaced:

- `Cosines` (a pair's cosine when asked) against scikit-learn's full similarity matrix;
- `_candidate_pairs` (the article pairs that may be one event) against every pair that
  `_same_event` joins, on generated articles of many kinds, years and names;
- `EventIndex` (`candidates`, and the events `resolve_mention` and `resolve_named`
  choose) against a scan of every event;
- `EventNames` (an article's cosine with the events that share its names) against
  scikit-learn fitted on the article's bag and every event's.
"""

from __future__ import annotations

import random
from itertools import combinations

import pytest
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

from factcheck.frame.events import (
    ArticleEvent,
    Cosines,
    Event,
    EventIndex,
    EventNames,
    Mention,
    _mention_matches,
    _candidate_pairs,
    _same_event,
    _similarities,
    kind_matcher,
    kinds_compatible,
    resolve_mention,
    resolve_named,
)

TEXT_CASES = [
    pytest.param(["floods in Tarvena", "Tarvena floods killed many", "a dam on the Sarvel river"], id="three-texts"),
    pytest.param(["the quake", "the quake", "nothing alike here"], id="identical-texts"),
    pytest.param(["Lenzby Lenzby Lenzby port", "port of Lenzby", "Quorra harbour strike", "strike at the port"],
                 id="repeated-words"),
]


@pytest.mark.parametrize("texts", TEXT_CASES)
def test_a_pairs_cosine_is_the_full_matrixs(texts):
    matrix = TfidfVectorizer(sublinear_tf=True).fit_transform(texts)
    full = cosine_similarity(matrix)
    cosines = Cosines(matrix, [f"s{i}" for i in range(len(texts))])
    for i, j in combinations(range(len(texts)), 2):
        assert cosines(f"s{i}", f"s{j}") == pytest.approx(full[i][j], abs=1e-12)
    assert cosines("s0", "unknown") == 0.0 and Cosines()(0, 1) == 0.0


def _articles(rules, count: int, seed: int) -> list[ArticleEvent]:
    """Invented article events: kinds (some related), standing and not, years with
    windows of one or two years, and names drawn from a small pool so that many share."""
    rng = random.Random(seed)
    matcher = kind_matcher(rules)
    kinds = sorted(matcher.kinds)
    places = ["orvald", "tarvena", "sarvel", "lenzby", "quorra", "PE", "CL", "NO", "KG", "TJ"]
    articles = []
    for index in range(count):
        kind = rng.choice(kinds)
        standing = matcher.kinds[kind].standing
        names = rng.sample(places, rng.choice((0, 1, 2, 3)))
        weights = tuple((name, float(rng.choice((1, 2, 3)))) for name in names)
        if standing:
            year, window = None, None
        else:
            year = rng.choice((2019, 2020, 2021))
            window = (year - rng.choice((0, 1)), year)
        articles.append(ArticleEvent(f"a{index}.txt", kind, standing, year, weights, window))
    return articles


@pytest.mark.parametrize("seed", [pytest.param(seed, id=f"seed-{seed}") for seed in (1, 2, 3)])
def test_every_pair_that_may_be_one_event_is_a_candidate(seed, rules):
    matcher = kind_matcher(rules)
    articles = _articles(rules, 120, seed)
    similarity = _similarities(articles)
    dated = [i for i, article in enumerate(articles) if article.standing or article.year is not None]
    joined = {(i, j) for i, j in combinations(dated, 2)
              if _same_event(articles[i], articles[j], similarity(i, j), matcher)}
    candidates = set(_candidate_pairs(articles, dated, matcher))
    assert joined, "the generated articles join some pairs"
    assert joined <= candidates
    assert len(candidates) < len(dated) * (len(dated) - 1) // 2  # and not every pair


@pytest.mark.parametrize(("kind", "year", "undated"), [
    pytest.param("earthquake", 2020, True, id="occurrence-of-a-year-and-undated"),
    pytest.param("earthquake", 2020, False, id="occurrence-of-a-year-only"),
    pytest.param("flood", None, True, id="occurrence-of-any-year"),
    pytest.param("dam", 2020, True, id="standing-thing-of-any-year"),
])
def test_the_event_index_finds_what_a_scan_finds_in_the_same_order(kind, year, undated, rules):
    matcher = kind_matcher(rules)
    rng = random.Random(5)
    kinds = sorted(matcher.kinds)
    events = []
    for index in range(200):
        event_kind = rng.choice(kinds)
        event_year = None if matcher.kinds[event_kind].standing else rng.choice((2019, 2020, None))
        events.append(Event(f"e{index:03d}", "label", event_kind, event_year, (), None, False, ()))
    index = EventIndex(events, matcher)
    scanned = [event for event in events if kinds_compatible(kind, event.kind, matcher)
               and (year is None or matcher.kinds[event.kind].standing or event.year == year
                    or (undated and event.year is None))]
    assert scanned, "the case finds events"
    assert index.candidates(kind, year, undated) == scanned


NAMES = ["orvald", "tarvena", "sarvel", "lenzby", "quorra", "PE", "CL", "NO", "KG", "TJ"]


def _events(matcher, rng: random.Random, count: int) -> list[Event]:
    kinds = sorted(matcher.kinds)
    events = []
    for index in range(count):
        kind = rng.choice(kinds)
        year = None if matcher.kinds[kind].standing else rng.choice((2019, 2020, None))
        names = tuple(rng.sample(NAMES, rng.choice((0, 1, 2, 3, 4))))
        aliases = tuple(rng.sample(NAMES[:5], rng.choice((0, 0, 1))))
        events.append(Event(f"e{index:03d}", "label", kind, year, names, None, rng.random() < 0.3, (), aliases))
    return events


def _scanned(mention, events, matcher, unless=None):
    """The event `resolve_mention` chose by scanning every event (its definition)."""
    found = [e for e in events if e is not unless and _mention_matches(mention, e, matcher)]
    return max(found, key=lambda e: (mention.year is not None and e.year == mention.year, not e.cited,
                                     len(set(mention.names) & set(e.names)), -len(e.names), e.id), default=None)


@pytest.mark.parametrize("seed", [pytest.param(seed, id=f"seed-{seed}") for seed in (1, 2, 3, 4)])
def test_the_indexed_event_of_a_mention_is_the_scanned_one(seed, rules):
    matcher = kind_matcher(rules)
    rng = random.Random(seed)
    events = _events(matcher, rng, 150)
    index = EventIndex(events[:100], matcher)
    for event in events[100:]:  # cited events arrive while the corpus is framed
        index.add(event)
    kinds = sorted(matcher.kinds)
    resolved = 0
    for _ in range(400):
        names = tuple(rng.sample(NAMES, rng.choice((0, 0, 1, 2))))
        mention = Mention(0, 1, rng.choice(kinds), rng.choice((2019, 2020, 2021, None)), names,
                          rng.choice((None, *NAMES[:5])))
        unless = rng.choice((None, rng.choice(events)))
        expected = _scanned(mention, events, matcher, unless)
        assert resolve_mention(mention, index, matcher, unless) is expected, mention
        resolved += expected is not None
        if mention.name is not None:
            named = [e for e in events if kinds_compatible(mention.kind, e.kind, matcher)
                     and (mention.name in e.aliases or e.names[:1] == (mention.name,))]
            assert resolve_named(mention, index) is min(named, key=lambda e: (e.cited, e.id), default=None)
    assert resolved > 100  # most mentions name some event


@pytest.mark.parametrize("seed", [pytest.param(seed, id=f"seed-{seed}") for seed in (1, 2, 3)])
def test_an_articles_cosines_with_the_events_are_scikit_learns(seed, rules):
    from collections import Counter

    rng = random.Random(seed)
    events = [event for event in _events(kind_matcher(rules), rng, 60) if not event.cited and event.names]
    prepared = EventNames(events)
    for _ in range(20):
        counts = Counter({name: rng.choice((1, 2, 3)) for name in rng.sample(NAMES, rng.choice((1, 2, 3)))})
        bags = [[name for name, count in counts.items() for _ in range(count)]] + [list(e.names[:12]) for e in events]
        matrix = TfidfVectorizer(analyzer=lambda bag: bag, sublinear_tf=True).fit_transform(bags)
        expected = cosine_similarity(matrix[0], matrix[1:])[0]
        found = prepared.cosines(counts)
        assert found, "the article shares a name with some event"
        for index, value in enumerate(expected):
            assert found.get(index, 0.0) == pytest.approx(value, abs=1e-12)
