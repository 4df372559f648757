"""Events: which event (or standing thing) each passage of a corpus is about.

This is topic detection and tracking in its simplest useful form (Allan et al., "Topic
Detection and Tracking Pilot Study", 1998; RIPTIDES did it for disaster news):

1. Names. A word is a name when the corpus writes it capitalised in the middle of
   sentences and never (or hardly ever) in lower case: "Chile", "Orvald", "Tarvena"
   are names, "Death" in a title-case headline is not. Country names and adjectives
   become their gazetteer code, so "Chilean" and "Chile" are one name.
2. Mentions. A kind word from `rules/events.yaml` ("earthquake", "floods", "dam") is a
   mention of an event; the year written next to it ("the 2010 floods", "the quake of
   1950") and the names around it in its sentence say which.
3. Documents. An article's main event is the kind its headline and lead name most,
   with the year next to it there or else the year the article was published, and the
   names of its headline, lead and mentions. An article may have a main occurrence
   (an earthquake) and a main standing thing (a dam) both.
4. Clusters. Articles whose main events agree in kind and year and whose names are
   alike (TF-IDF cosine, scikit-learn) are one event; so are articles about one
   standing thing.
5. Passages. A mention in a figure's sentence with a year other than its article's
   ("compared with the 2003 earthquake in ..., which killed ...") ties the figures after
   it to that other event: an event of the corpus when one matches, else an event of its
   own ("cited"). So does a figure whose own sentence dates it to a year of another
   event of the same kind and place ("damages of $10 billion in 2010" in a 2022 floods
   article).

Everything here is pure: documents and claims in, `Event`s and each claim's event out.
"""

from __future__ import annotations

import bisect
import hashlib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace

from factcheck.extract.context import SubjectMatcher, TextLayout, subject_matcher
from factcheck.extract.patterns import word_alternation
from factcheck.model import Claim, ClaimKind, Document
from factcheck.rules import EventKind, Rules, country_codes, derives, is_country_code

# Dimensions of figures that describe a standing thing (a dam's height, a reservoir's
# volume, a plant's capacity) rather than what happened.
STANDING_DIMENSIONS = frozenset({"length", "area", "volume", "power", "energy"})

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Z]")
_YEAR = re.compile(r"(?<![\d,.$€£-])(19\d\d|20[0-4]\d)(?![\d,]\d|\s*(?:%|per|bn|billion|million))")
_NOT_NAMES = frozenset(
    """january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday
    saturday sunday i mr mrs ms dr st""".split())
# how far before a kind word its year may stand ("the 2019 Tarvena floods"), and after it
# ("the floods of 2010", "the earthquake in Chile in 2014"), in characters
YEAR_BEFORE = 60
YEAR_AFTER = 22
NAME_WINDOW = 6  # words either side of a kind word whose names describe the event
SENTENCE_NAME_CHARS = 300  # how far from a kind word its sentence's countries are read
OWN_NAMES = 10  # an event's names this far up its list are its own, never another event's
NEAR_MENTION = 60  # characters: a mention this close to a figure is about it
TITLE_WEIGHT, LEAD_WEIGHT = 4, 2
LEAD_NAME_WEIGHT = 0.5
LEAD_CHARS = 700
MIN_KIND_SCORE = 2  # below this, an article is not about an event of the kind
# a standing thing named once in passing ("border guards said") is not what an article
# is about: it needs its headline, or a mention up front and another further on
MIN_STANDING_SCORE = 3
SECONDARY_SHARE = 2  # the lesser sort (occurrence or standing) needs half the greater's score
SAME_EVENT_SIMILARITY = 0.12  # name cosine for two articles of one kind and year
HOME_SHARE = 0.6  # the share of country mentions that makes a country the event's own
STANDING_SIMILARITY = 0.3  # name cosine for two articles about standing things of one kind
YEARLESS_SIMILARITY = 0.2  # name cosine for two articles of one kind when one gives no year


@dataclass(frozen=True, slots=True)
class Event:
    """An event or standing thing: `names` are name keys (country codes upper case),
    heaviest first; `year` is None for standing things and where no text dates it.
    `cited` marks an event only mentioned in passing, not the subject of an article."""

    id: str
    label: str
    kind: str
    year: int | None
    names: tuple[str, ...]
    home: str | None = None
    cited: bool = False
    documents: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()  # name keys its articles call it by ("orvald" of "the Orvald riots")


@dataclass(frozen=True, slots=True)
class Mention:
    """A kind word in a text, with the year next to it and the names around it;
    `name` is the name that stands right before the kind word as part of it ("the
    Orvald quake"), when one does."""

    start: int
    end: int
    kind: str
    year: int | None
    names: tuple[str, ...]
    name: str | None = None


# --- names -------------------------------------------------------------------------


class NameModel:
    """Which words of a corpus are names, and the country codes of country names."""

    __slots__ = ("names", "surface", "places", "_subjects", "_country_words", "_country_names")

    def __init__(self, texts: Iterable[str], subjects: SubjectMatcher, country_names: frozenset[str] = frozenset()) -> None:
        capital: Counter[str] = Counter()
        lower: Counter[str] = Counter()
        surfaces: dict[str, Counter[str]] = defaultdict(Counter)
        located: set[str] = set()
        for text in texts:
            previous, before_previous = "", ""
            for match in _WORD.finditer(text):
                word = match.group(0)
                key = name_key(word)
                if word[0].islower():
                    lower[key] += 1
                elif not _starts_sentence(text, match.start()):
                    capital[key] += 1
                    surfaces[key][word] += 1
                    if previous in _LOCATIVES or (previous == "of" and before_previous in _PLACE_NOUNS):
                        located.add(key)
                previous, before_previous = word.lower(), previous
        self.names = frozenset(key for key, count in capital.items()
                               if key not in _NOT_NAMES and len(key) > 1 and lower[key] * 4 <= count)
        self.surface = {key: surfaces[key].most_common(1)[0][0] for key in self.names}
        # a name the corpus writes after "in", "near" or "across" somewhere is a place
        self.places = frozenset(located & self.names)
        self._subjects = subjects
        self._country_names = country_names  # each country's own name, as against its adjectives
        # a country written in capitals ("FLOODS IN CHILE") is still the country
        self._country_words = {name.lower(): code for name, code in subjects.code_by_name.items() if " " not in name}

    def names_in(self, text: str, start: int, end: int, kinds_pattern: re.Pattern[str] | None = None) -> list[str]:
        """The names in text[start:end], in order: country codes for country names,
        name keys for the other names."""
        found: list[tuple[int, str]] = []
        taken: list[tuple[int, int]] = []
        if self._subjects.pattern is not None:
            for match in self._subjects.pattern.finditer(text, start, end):
                if match.start() and (text[match.start() - 1].isalnum() or text[match.start() - 1] == "_"):
                    continue
                code = self._subjects.code_by_name.get(" ".join(match.group(0).replace("’", "'").split()))
                if code is not None:
                    found.append((match.start(), code))
                    taken.append(match.span())
        taken_starts = [span[0] for span in taken]  # in order: found left to right
        for match in _WORD.finditer(text, start, end):
            inside = bisect.bisect_right(taken_starts, match.start()) - 1
            if inside >= 0 and match.start() < taken[inside][1]:
                continue
            key = name_key(match.group(0))
            if key in self._country_words and match.group(0).isupper():
                found.append((match.start(), self._country_words[key]))
            elif key in self.names and not (kinds_pattern and kinds_pattern.fullmatch(key)):
                found.append((match.start(), key))
        return [name for _, name in sorted(found)]

    def country_positions(self, text: str, start: int, end: int, code: str) -> list[int]:
        """Where names of the country `code` start in text[start:end]."""
        if self._subjects.pattern is None:
            return []
        found = []
        for match in self._subjects.pattern.finditer(text, start, end):
            if self._subjects.code_by_name.get(" ".join(match.group(0).replace("’", "'").split())) == code:
                found.append(match.start())
        return found

    def is_country_name(self, word: str) -> bool:
        """Is `word` a country's own name ("Chile"), not an adjective ("Chilean")?"""
        return " ".join(word.split()) in self._country_names

    def country_end(self, text: str, position: int) -> int:
        """Where the country name starting at `position` ends."""
        if self._subjects.pattern is None:
            return position
        match = self._subjects.pattern.match(text, position)
        return match.end() if match else position

    def display(self, name: str, rules: Rules) -> str:
        """A name as a label shows it: a country's name for its code, else the name as
        the corpus writes it most."""
        if is_country_code(name):
            return next((country.name for country in rules.countries if country.code == name), name)
        return self.surface.get(name, name.title())


_LOCATIVES = frozenset({"in", "near", "across", "throughout", "inside", "outside", "around"})
# "the town of Orvald": a name after one of these and "of" is a place too
_PLACE_NOUNS = frozenset({"town", "city", "village", "district", "province", "region", "county", "state"})


def name_key(word: str) -> str:
    """A word as a name key: lower case, straight apostrophe, no possessive "'s"."""
    key = word.lower().replace("’", "'")
    return key[:-2] if key.endswith("'s") else key


def _starts_sentence(text: str, position: int) -> bool:
    cursor = position - 1
    while cursor >= 0 and text[cursor] in " \t\"“‘'([*#=-–—":
        cursor -= 1
    return cursor < 0 or text[cursor] in ".!?:\n|;"


# --- mentions ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class KindMatcher:
    """Every kind word of rules/events.yaml as one pattern, the kind each word names,
    and the kinds by name."""

    pattern: re.Pattern[str] | None
    kind_of: dict[str, str]
    kinds: dict[str, EventKind]


def kind_matcher(rules: Rules) -> KindMatcher:
    """Every kind word of rules/events.yaml as one pattern (lower-cased text)."""
    return rules.derived("event_kind_matcher", _build_kind_matcher)


@derives("event_kind_matcher")
def _build_kind_matcher(rules: Rules) -> KindMatcher:
    kind_of: dict[str, str] = {}
    for kind in rules.event_kinds:
        for word in kind.words:
            kind_of.setdefault(word, kind.name)
    if not kind_of:
        return KindMatcher(None, {}, {})
    alternation = word_alternation(kind_of).replace(r"\ ", r"\s+")
    return KindMatcher(re.compile(rf"(?<![\w-])(?:{alternation})(?![\w])"), kind_of,
                       {kind.name: kind for kind in rules.event_kinds})


def find_mentions(text: str, lowered: str, layout: TextLayout, names: NameModel, matcher: KindMatcher,
                  start: int = 0, end: int | None = None) -> list[Mention]:
    """Every kind word in text[start:end], with its year and names."""
    if matcher.pattern is None:
        return []
    end = len(text) if end is None else end
    mentions = []
    for match in matcher.pattern.finditer(lowered, start, end):
        kind = matcher.kind_of[" ".join(match.group(0).split())]
        sentence = layout.sentence_at(match.start())
        year = _year_near(text, sentence, match.start(), match.end())
        window = _word_window(text, sentence, match.start(), match.end(), NAME_WINDOW)
        # the countries of its sentence, and the other names close to it
        near = names.names_in(text, window[0], window[1], matcher.pattern)
        near_sentence = (max(sentence[0], match.start() - SENTENCE_NAME_CHARS),
                         min(sentence[1], match.end() + SENTENCE_NAME_CHARS))
        countries = [name for name in names.names_in(text, *near_sentence, matcher.pattern)
                     if is_country_code(name)]
        compound = _NAME_BEFORE.search(text, max(sentence[0], match.start() - 40), match.start())
        name = None
        if compound:
            # "the Malawi floods" names a country: its code, as the event's names hold it
            found = names.names_in(text, compound.start(1), compound.end(1))
            name = found[0] if found else None
        mentions.append(Mention(match.start(), match.end(), kind, year, tuple(dict.fromkeys(near + countries)), name))
    return mentions


_YEAR_AFTER_PREPOSITION = re.compile(
    r"\W+(?:\w+\W+){0,4}?(?:in|of)\s+(?:late\s+|early\s+|mid-?)?(?:(?:[0-3]?\d\s+)?[A-Z][a-z]{2,8}\.?\s+(?:[0-3]?\d,?\s+)?)?"
    r"(19\d\d|20[0-4]\d)\b")


# a name written as part of an event's name: "the Orvald quake", "the Tarvena floods"
_NAME_BEFORE = re.compile(r"\b([A-Z][\w'’-]+)(?:['’]s)?\s+$")


def _year_near(text: str, sentence: tuple[int, int], start: int, end: int) -> int | None:
    """The year written next to a kind word in its sentence: one right after it behind
    "in" or "of" ("the tsunami struck in 2004", "the floods of 2010"), else the nearest."""
    after = _YEAR_AFTER_PREPOSITION.match(text, end, min(sentence[1], end + YEAR_AFTER * 2))
    if after:
        return int(after.group(1))
    best: tuple[int, int] | None = None
    for match in _YEAR.finditer(text, max(sentence[0], start - YEAR_BEFORE), min(sentence[1], end + YEAR_AFTER)):
        if match.end() <= start:
            distance = start - match.end()
        elif match.start() >= end:
            distance = match.start() - end
        else:
            continue
        if best is None or distance < best[0]:
            best = (distance, int(match.group(1)))
    return best[1] if best else None


def _word_window(text: str, sentence: tuple[int, int], start: int, end: int, words: int) -> tuple[int, int]:
    left = start
    for _ in range(words):
        previous = text.rfind(" ", sentence[0], left - 1)
        if previous < 0:
            left = sentence[0]
            break
        left = previous
    right = end
    for _ in range(words):
        following = text.find(" ", right + 1, sentence[1])
        if following < 0:
            right = sentence[1]
            break
        right = following
    return max(sentence[0], left), min(sentence[1], right)


# --- articles ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ArticleEvent:
    """An article's main event of one sort (occurrence or standing): kind, year and
    weighted names."""

    source: str
    kind: str
    standing: bool
    year: int | None
    weights: tuple[tuple[str, float], ...]
    # the years the event may have happened in: the named year, or around publication
    years: tuple[int, int] | None = None
    # how strongly the headline and lead name this kind: the higher of an article's two
    # sorts is what it is about
    score: float = 0.0

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.weights)


_RELATIVE = re.compile(r"\b(last|this)\s+(year|month|" + "|".join(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december")) + r")(?:['’]s)?\W+(?:\w+\W+){0,3}$", re.IGNORECASE)
_MONTH_NUMBER = {name: number for number, name in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"), start=1)}


def iso_year(iso: str | None) -> int | None:
    """The year of an ISO date ("2015", "2015-04-27"), or None for anything else."""
    return int(iso[:4]) if iso and len(iso) >= 4 and iso[:4].isdigit() else None


def relative_year(text: str, mention: Mention, published: str | None) -> int | None:
    """The year a relative phrase before a kind word gives, from the publication date:
    "last December's tsunami" in January 2005 is 2004, "last year's floods" the year
    before publication, "this year's" the year of it.

    >>> m = Mention(22, 29, "tsunami", None, ())
    >>> relative_year("Aid for last December's tsunami", m, "2005-01-04")
    2004
    """
    year = iso_year(published)
    if year is None:
        return None
    match = _RELATIVE.search(text, max(0, mention.start - 40), mention.start)
    if match is None:
        return None
    month = int(published[5:7]) if len(published) >= 7 else None
    which, unit = match.group(1).lower(), match.group(2).lower()
    if unit == "year":
        return year - 1 if which == "last" else year
    if unit == "month":
        return year - 1 if which == "last" and month == 1 else year
    if which == "this" or month is None:
        return year
    return year - 1 if _MONTH_NUMBER[unit] >= month else year


def lead_end_of(document: Document, body_start: int) -> int:
    """Where the lead of a text ends (an offset of `document.text`): `LEAD_CHARS` into
    its file's body. An article further into a file of several has no lead of its own,
    only its headline, as when articles were the whole file with the others blanked:
    read with a lead of their own, later articles' analyses of past events took the
    place of the event their figures are about (the seeds' grouping recall fell from
    1.0 to 0.74), so that waits for a better reading of events."""
    return max(body_start, body_start + LEAD_CHARS - document.offset)


def article_events(document: Document, body_start: int, layout: TextLayout, mentions: list[Mention],
                   names: NameModel, matcher: KindMatcher, published: str | None) -> list[ArticleEvent]:
    """The main occurrence and the main standing thing of one article, where it has them."""
    text = document.text
    published_year = iso_year(published)
    published = published if published_year is not None else None
    lead_end = lead_end_of(document, body_start)
    title = (document.title or "").lower()
    scores: Counter[str] = Counter()
    for match in (matcher.pattern.finditer(title) if matcher.pattern else ()):
        scores[matcher.kind_of[" ".join(match.group(0).split())]] += TITLE_WEIGHT
    body_counts: Counter[str] = Counter()
    for mention in mentions:
        if mention.start < lead_end:
            scores[mention.kind] += LEAD_WEIGHT
        else:
            body_counts[mention.kind] += 1
    # a news article names its event in its headline or lead; a kind named only
    # further down is something the article discusses, not what it reports
    for kind, count in body_counts.items():
        if scores[kind]:
            scores[kind] += min(count, 6)
    found = []
    best = {standing: max(((score, kind) for kind, score in scores.items()
                           if matcher.kinds[kind].standing == standing
                           and score >= (MIN_STANDING_SCORE if standing else MIN_KIND_SCORE)), default=None)
            for standing in (False, True)}
    top = max((entry[0] for entry in best.values() if entry), default=0)
    for standing in (False, True):
        # an article about a dam that mentions landslides near it is not about a landslide
        if best[standing] is None or best[standing][0] * SECONDARY_SHARE < top:
            continue
        kind = best[standing][1]
        related = {kind, *matcher.kinds[kind].related}
        # names: the headline's, the lead's and those around this kind's mentions
        weights = headline_names(document, body_start, names, matcher)
        first_year: tuple[bool, int | None] | None = None  # (found, year) of the first mention of this kind
        body_years: Counter[int] = Counter()
        for mention in [*_title_mentions(document.title, names, matcher), *mentions]:
            if mention.kind not in related:
                continue
            for name in mention.names:
                weights[name] += 1
            year = mention.year if mention.year is not None else relative_year(text, mention, published) \
                if mention.start >= 0 else None
            if first_year is None and mention.start < lead_end and mention.kind == kind:
                first_year = (True, year)
            if year is not None:
                body_years[year] += 1
        year, window = None, None
        if not standing:
            if _discusses_recent_events(first_year, body_years, published_year):
                continue
            year = _main_year(first_year, body_years, published_year)
            window = (year, year)
            if year is not None and year == published_year and not (first_year and first_year[1] == year):
                # dated by publication alone: news of an event in the first weeks of a
                # year may be about one at the end of the year before
                early = published is not None and len(published) >= 7 and int(published[5:7]) <= 2
                window = (year - 1 if early else year, year)
        if not weights and year is None:
            continue  # "the dam", "the floods": with no name and no year, no event is identified
        found.append(ArticleEvent(document.source, kind, standing, year,
                                  tuple(sorted(weights.items(), key=lambda item: (-item[1], item[0]))), window,
                                  best[standing][0]))
    return found


def _main_year(first: tuple[bool, int | None] | None, years: Counter[int], published_year: int | None) -> int | None:
    """The year an article's event happened: the year next to the first mention of its
    kind in the headline or lead ("a report compares the 2011 and 2019 floods" is about
    2022, the nearer one; "Boxing Day tsunami ... in 2004"), else the year the article
    was published (a list of past disasters further down does not move it), or none
    when that is unknown too; only an article whose headline and lead name no event of
    the kind takes the year its mentions name most. A year after publication is no
    event's year.
    """
    if first is not None and first[1] is not None and (published_year is None or first[1] <= published_year):
        return first[1]
    if published_year is not None or first is not None:
        # undated up front: the year it was written, or none known (a year named only
        # further down is more often an earlier event's, "the previous quake, in 1950")
        return published_year
    if years:
        top = max(years.values())
        return max(year for year, count in years.items() if count == top)
    return None


def _discusses_recent_events(first: tuple[bool, int | None] | None, years: Counter[int],
                             published_year: int | None) -> bool:
    """An article that dates the events of its kind to the last two years before it
    was written, but never to its own year, and names no year up front, is an analysis
    of those events, not the report of a new one: it has no main occurrence, and its
    figures belong to the events their own sentences date."""
    if published_year is None or (first is not None and first[1] is not None) or years.get(published_year):
        return False
    recent = sum(count for year, count in years.items() if published_year - 2 <= year < published_year)
    return recent >= 2 and recent * 2 >= sum(years.values())


def _title_mentions(title: str | None, names: NameModel, matcher: KindMatcher) -> list[Mention]:
    """The kind words of a headline, as mentions at negative offsets (before the text)."""
    if not title or matcher.pattern is None:
        return []
    lowered = title.lower()
    found = []
    only = {int(year) for year in _YEAR.findall(title)}
    for match in matcher.pattern.finditer(lowered):
        year = _year_near(title, (0, len(title)), match.start(), match.end())
        if year is None and len(only) == 1:
            year = next(iter(only))
        found.append(Mention(match.start() - len(title) - 1, match.end() - len(title) - 1,
                             matcher.kind_of[" ".join(match.group(0).split())], year, ()))
    return found


# --- clusters ----------------------------------------------------------------------


def headline_names(document: Document, body_start: int, names: NameModel, matcher: KindMatcher) -> Counter[str]:
    """The names of an article's headline (weighed) and lead."""
    weights: Counter[str] = Counter()
    if document.title:
        for name in names.names_in(document.title, 0, len(document.title), matcher.pattern):
            weights[name] += TITLE_WEIGHT
    for name in names.names_in(document.text, body_start, min(len(document.text), lead_end_of(document, body_start)),
                               matcher.pattern):
        # any name of the lead counts a little: people and agencies stand there too
        weights[name] += LEAD_NAME_WEIGHT
    return weights


class EventNames:
    """The corpus's events (not cited, with names) as TF-IDF bags of their first twelve
    names, ready to weigh many articles against, each as if scikit-learn's
    `TfidfVectorizer(sublinear_tf=True)` (smooth idf, L2 rows) were fitted on that
    article's bag and every event's: only the events sharing a name with the article are
    visited, and each visit adjusts the idf of the shared names for the article's own
    document frequency. An article costs the events that share its names, not all."""

    def __init__(self, events: list[Event]) -> None:
        self.events = [event for event in events if not event.cited and event.names]
        self._bags = [tuple(dict.fromkeys(event.names[:12])) for event in self.events]
        self._frequency: Counter[str] = Counter(name for bag in self._bags for name in bag)
        self._having: dict[str, list[int]] = defaultdict(list)
        for index, bag in enumerate(self._bags):
            for name in bag:
                self._having[name].append(index)
        self._documents = len(self.events) + 1  # the article is a document too
        self._squares = [sum(self._idf(name, False) ** 2 for name in bag) for bag in self._bags]

    def _idf(self, name: str, in_article: bool) -> float:
        return math.log((1 + self._documents) / (1 + self._frequency.get(name, 0) + in_article)) + 1

    def cosines(self, counts: Counter[str]) -> dict[int, float]:
        """The cosine of an article's bag (name: count) with each event that shares a name
        with it, by the event's position in `events`."""
        article = {name: (1 + math.log(count)) * self._idf(name, True) for name, count in counts.items() if count}
        norm = math.sqrt(sum(value * value for value in article.values()))
        shared: dict[int, list[str]] = defaultdict(list)
        for name in article:
            for index in self._having.get(name, ()):
                shared[index].append(name)
        found = {}
        for index, names in shared.items():
            square = self._squares[index] + sum(self._idf(n, True) ** 2 - self._idf(n, False) ** 2 for n in names)
            found[index] = sum(article[n] * self._idf(n, True) for n in names) / (norm * math.sqrt(square))
        return found


def nearest_event(weights: Counter[str], events: list[Event] | EventNames) -> Event | None:
    """The event whose names an article with no kind word of its own shares clearly
    most (cosine at least `STANDING_SIMILARITY`, and well ahead of the next). `events`
    may come prepared (`EventNames`), for a corpus with many such articles."""
    prepared = events if isinstance(events, EventNames) else EventNames(events)
    if not weights or not prepared.events:
        return None
    counts = Counter({name: max(1, round(weight)) for name, weight in weights.items()})
    scores = prepared.cosines(counts)
    # an event sharing no name scores 0: it is never the best, and a runner-up of 0
    ranked = sorted(((score, prepared.events[index].id, prepared.events[index]) for index, score in scores.items()),
                    key=lambda item: (-item[0], item[1]))
    if not ranked:
        return None
    best = ranked[0]
    runner_up = ranked[1][0] if len(ranked) > 1 else 0.0
    # a close match a little ahead, or a looser one far ahead of every other event
    if (best[0] >= STANDING_SIMILARITY and runner_up <= 0.7 * best[0]) or \
            (best[0] >= YEARLESS_SIMILARITY and runner_up <= 0.5 * best[0]):
        return best[2]
    return None


def kinds_compatible(first: str, second: str, matcher: KindMatcher) -> bool:
    """May events of these two kinds be one event (the same kind, or related kinds)?"""
    return first == second or second in matcher.kinds[first].related or first in matcher.kinds[second].related


class Cosines:
    """Cosine similarity of two rows of a TF-IDF matrix (scikit-learn's `TfidfVectorizer`,
    rows L2-normalised), computed for a pair when asked: a corpus of n texts never holds
    an n × n matrix. The matrix stays sparse; the rows last asked for are kept as
    mappings of their terms (at most `ROWS_KEPT`), as pairs come grouped by article.
    `keys` name the rows (index by default)."""

    ROWS_KEPT = 4096

    def __init__(self, matrix=None, keys=None) -> None:
        self._matrix = matrix.tocsr() if matrix is not None else None
        self._rows: dict[int, dict[int, float]] = {}
        self._index = {key: i for i, key in enumerate(keys)} if keys is not None else None

    def _row(self, index: int) -> dict[int, float]:
        row = self._rows.pop(index, None)
        if row is None:
            start, end = self._matrix.indptr[index], self._matrix.indptr[index + 1]
            row = dict(zip(self._matrix.indices[start:end].tolist(), self._matrix.data[start:end].tolist()))
            if len(self._rows) >= self.ROWS_KEPT:
                del self._rows[next(iter(self._rows))]  # the row asked for least recently
        self._rows[index] = row
        return row

    def __call__(self, first, second) -> float:
        """The cosine of two rows (by key); 0.0 for a key it does not know."""
        if self._index is not None:
            first, second = self._index.get(first), self._index.get(second)
            if first is None or second is None:
                return 0.0
        if self._matrix is None:
            return 0.0
        a, b = self._row(first), self._row(second)
        if len(b) < len(a):
            a, b = b, a
        return sum(value * b[term] for term, value in a.items() if term in b)


def _similarities(articles: list[ArticleEvent]) -> Cosines:
    """Cosine similarity of the articles' weighted names (TF-IDF, scikit-learn)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    bags = [[name for name, weight in article.weights for _ in range(max(1, round(weight)))] for article in articles]
    if not any(bags):
        return Cosines()
    vectorizer = TfidfVectorizer(analyzer=lambda bag: bag, sublinear_tf=True)
    try:
        return Cosines(vectorizer.fit_transform(bags))
    except ValueError:  # nothing to weigh: no article names anything
        return Cosines()


def _main_countries(article: ArticleEvent) -> list[str]:
    """The two countries an article names most, the most named first."""
    return [name for name, _ in article.weights if is_country_code(name)][:2]


def _same_event(first: ArticleEvent, second: ArticleEvent, similarity: float, matcher: KindMatcher) -> bool:
    if first.standing != second.standing or not kinds_compatible(first.kind, second.kind, matcher):
        return False
    if first.standing:
        # one kind of standing thing in the same countries: one thing, within a corpus
        a, b = country_codes(first.names[:2]), country_codes(second.names[:2])
        if len(a) == 2 and len(b) == 2:
            return a == b  # a border or a canal between two countries is theirs
        return similarity >= STANDING_SIMILARITY
    if first.years is not None and second.years is not None and first.year is not None and second.year is not None:
        if first.years[1] < second.years[0] or second.years[1] < first.years[0]:
            return False
        a, b = _main_countries(first), _main_countries(second)
        if a and b and not set(a) & set(b):
            return False  # one year, one kind, but different countries: two events
        if first.kind != second.kind:
            return similarity >= STANDING_SIMILARITY  # an earthquake and a tsunami: one event only by name
        return similarity >= SAME_EVENT_SIMILARITY or (bool(a) and a[:1] == b[:1]) or not first.names \
            or not second.names
    return similarity >= YEARLESS_SIMILARITY


def text_similarities(sources: list[str], texts: Iterable[str]) -> Cosines:
    """Cosine similarity of whole article texts (TF-IDF of their words, English stop
    words left out; scikit-learn), for a pair of sources when asked. `texts` are the
    sources' texts in the order of `sources`, read once (a generator keeps one at a time)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    if len(sources) < 2:
        return Cosines()
    try:
        matrix = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(texts)
    except ValueError:  # no article has a word to weigh (empty bodies, stop words only)
        return Cosines()
    return Cosines(matrix, sources)


def cluster_articles(articles: list[ArticleEvent], matcher: KindMatcher,
                     text_similarity: Cosines | None = None) -> list[list[int]]:
    """Groups of article indices that are about one event.

    Articles that date their event (and articles about standing things) are linked
    pairwise (single linkage). An article about an occurrence that gives no year joins
    afterwards the one group whose names it shares clearly most, and never links two
    groups: without a year it cannot tell the 2010 floods from the 2022 floods, and a
    bridge between them would merge both.
    """
    parent = list(range(len(articles)))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    similarity = _similarities(articles)
    words_alike = text_similarity or Cosines()
    dated = [i for i, article in enumerate(articles) if article.standing or article.year is not None]
    # single linkage gives the same groups whatever order the pairs come in: only the
    # pairs that may be one event are weighed, not every pair of the corpus
    for i, j in _candidate_pairs(articles, dated, matcher):
        if root(i) != root(j) and _same_event(articles[i], articles[j], similarity(i, j), matcher):
            parent[root(j)] = root(i)
    named_by: dict[str, list[int]] = defaultdict(list)  # a name: the dated articles that name it
    for j in dated:
        if not articles[j].standing:
            for name in dict.fromkeys(articles[j].names):
                named_by[name].append(j)
    for i in (i for i, article in enumerate(articles) if not article.standing and article.year is None):
        scores: dict[int, float] = {}
        country = country_codes(articles[i].names[:1])
        # a similarity above zero, or one first country, needs a name in common
        for j in sorted({j for name in dict.fromkeys(articles[i].names) for j in named_by.get(name, ())}):
            if not kinds_compatible(articles[i].kind, articles[j].kind, matcher):
                continue
            # its names alike, or its first country the other's first country (which counts most)
            same_country = bool(country) and country == country_codes(articles[j].names[:1])
            names_alike = similarity(i, j)
            if names_alike >= YEARLESS_SIMILARITY or same_country:
                # names first; where names tie (two floods in one country), the words
                # the articles share decide
                words = words_alike(articles[i].source, articles[j].source)
                score = names_alike + (STANDING_SIMILARITY if same_country else 0.0) + words
                scores[root(j)] = max(scores.get(root(j), 0.0), score)
        ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
        if ranked and (len(ranked) == 1 or ranked[1][1] <= 0.7 * ranked[0][1]):
            parent[i] = ranked[0][0]
    groups: dict[int, list[int]] = defaultdict(list)
    for index in range(len(articles)):
        groups[root(index)].append(index)
    return sorted(groups.values())


def _candidate_pairs(articles: list[ArticleEvent], dated: list[int], matcher: KindMatcher):
    """The pairs (i, j) of dated articles that `_same_event` may join, each at least
    once: occurrences whose windows of years overlap, of compatible kinds; standing
    things only where the two share a name, as their similarity must then be above zero
    (or their two countries be one pair). Pairs within a year or a name are still all
    compared: a corpus about one event costs its articles squared."""
    by_year: dict[int, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    by_name: dict[str, list[int]] = defaultdict(list)
    loose: list[int] = []  # an occurrence with a year but no window: met with every other
    for i in dated:
        article = articles[i]
        if article.standing:
            for name in dict.fromkeys(article.names):
                by_name[name].append(i)
        elif article.years is not None and None not in article.years:
            for year in range(article.years[0], article.years[1] + 1):
                by_year[year][article.kind].append(i)
        else:
            loose.append(i)
    for i in loose:
        yield from ((min(i, j), max(i, j)) for j in dated if j != i)
    for year in sorted(by_year):
        kinds = sorted(by_year[year])
        for position, kind in enumerate(kinds):
            members = by_year[year][kind]
            for index, i in enumerate(members):
                for j in members[index + 1:]:
                    yield i, j
            for other in kinds[position + 1:]:
                if kinds_compatible(kind, other, matcher):
                    yield from ((min(i, j), max(i, j)) for i in members for j in by_year[year][other])
    for name in sorted(by_name):
        members = by_name[name]
        for index, i in enumerate(members):
            for j in members[index + 1:]:
                yield i, j


def _event_id(kind: str, year: int | None, names: tuple[str, ...], sources: tuple[str, ...], standing: bool) -> str:
    """A stable id: "s..." for a standing thing, "e..." for an event that happened."""
    key = "\0".join([kind, str(year), *names[:3], *sources[:1]])
    return ("s" if standing else "e") + hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]


def build_event(members: list[ArticleEvent], names: NameModel, rules: Rules, matcher: KindMatcher,
                cited: bool = False) -> Event:
    """One event from the article events (or cited mentions) that state it."""
    kinds = Counter(member.kind for member in members)
    kind = min(kinds, key=lambda k: (-kinds[k], k))
    named = [member for member in members if member.years and member.years[0] == member.years[1]]
    years = Counter(member.year for member in (named or members) if member.year is not None)
    year = min(years, key=lambda y: (-years[y], y)) if years else None
    weights: Counter[str] = Counter()
    for member in members:
        total = sum(weight for _, weight in member.weights) or 1.0
        for name, weight in member.weights:
            weights[name] += weight / total
    ordered = tuple(name for name, _ in sorted(weights.items(), key=lambda item: (-item[1], item[0])))
    countries = [(weights[name], name) for name in ordered if is_country_code(name)]
    home = None
    if countries:
        top_weight, top = max(countries, key=lambda item: (item[0], item[1]))
        if top_weight >= HOME_SHARE * sum(weight for weight, _ in countries):
            home = top
    kind_label = matcher.kinds[kind].label
    # the label names what a headline or the event's own mentions name, not any name
    # of a lead (an agency, a spokesman)
    named = [name for name in ordered if any(w >= 1 for n, w in (pair for m in members for pair in m.weights)
                                             if n == name)]
    label_name = names.display(named[0], rules) if named else ""
    pair = [name for name in ordered[:2] if is_country_code(name)]
    if matcher.kinds[kind].standing and len(pair) == 2:
        # a border or a canal between two countries is named by both
        label_name = "–".join(sorted(names.display(name, rules) for name in pair))
    label = " ".join(part for part in (str(year) if year else "", label_name, kind_label) if part)
    sources = tuple(sorted({member.source for member in members}))
    return Event(_event_id(kind, year, ordered, sources, matcher.kinds[kind].standing), label, kind, year, ordered, home, cited, sources)


class EventIndex:
    """The corpus's events (its articles' and those cited in passing, as they are found)
    indexed so that a mention is weighed only against the events that may be the one it
    names, whatever the size of the corpus:

    - by kind and year (`candidates`, in the order the events were added);
    - by each name they go by, and by their own names (aliases and first name);
    - per kind and year, the two events a mention that shares no name with them would
      rank first (`_ranked`: articles' before cited ones, then fewer names, then id),
      among all and among those that name no country.
    """

    def __init__(self, events: list[Event], matcher: KindMatcher) -> None:
        self._matcher = matcher
        self._by_kind: dict[str, dict[int | None, list[tuple[int, Event]]]] = defaultdict(lambda: defaultdict(list))
        self._by_name: dict[str, list[Event]] = defaultdict(list)
        self._by_own_name: dict[str, list[Event]] = defaultdict(list)
        # (kind, year, countryless only): the two first events by `_ranked`
        self._first: dict[tuple[str, int | None, bool], list[Event]] = defaultdict(list)
        self._added = 0
        for event in events:
            self.add(event)

    def add(self, event: Event) -> None:
        self._by_kind[event.kind][event.year].append((self._added, event))
        self._added += 1
        for name in dict.fromkeys(event.names):
            self._by_name[name].append(event)
        for name in dict.fromkeys((*event.aliases, *event.names[:1])):
            self._by_own_name[name].append(event)
        for countryless in (False, True):
            if countryless and country_codes(event.names[:6]):
                continue
            first = self._first[(event.kind, event.year, countryless)]
            first.append(event)
            first.sort(key=_ranked, reverse=True)
            del first[2:]

    def _kinds(self, kind: str) -> list[str]:
        return [found for found in self._by_kind if kinds_compatible(kind, found, self._matcher)]

    def candidates(self, kind: str, year: int | None = None, undated: bool = True) -> list[Event]:
        """The events of kinds compatible with `kind`, in the order they were added: of
        `year` (and of no year, unless `undated` is False) where a year is given and
        the kind is an occurrence's, else of every year."""
        found: list[tuple[int, Event]] = []
        for kind_found in self._kinds(kind):
            by_year = self._by_kind[kind_found]
            if year is None or self._matcher.kinds[kind_found].standing:
                found.extend(entry for entries in by_year.values() for entry in entries)
            else:
                found.extend(by_year.get(year, ()))
                found.extend(by_year.get(None, ()) if undated else ())
        return [event for _, event in sorted(found, key=lambda entry: entry[0])]

    def named(self, name: str, kind: str) -> list[Event]:
        """The events of a kind compatible with `kind` that go by `name` (an alias, or
        their first name)."""
        return [event for event in self._by_own_name.get(name, ())
                if kinds_compatible(kind, event.kind, self._matcher)]

    def may_name(self, mention: Mention) -> list[Event]:
        """A set of events that holds the one `resolve_mention` chooses, even when one
        event is set aside: every event sharing a name with the mention, and from each
        kind and year an event without a shared name could match, the two ranked first
        (a mention with no name matches every event of a compatible kind and year; one
        with a year but no shared name matches an occurrence of its year, or of none,
        whose countries do not differ from its own). Each candidate is still checked."""
        kinds = self._kinds(mention.kind)
        found: dict[int, Event] = {}
        for name in dict.fromkeys(mention.names):
            found.update((id(event), event) for event in self._by_name.get(name, ()) if event.kind in kinds)
        # a mention naming countries matches, without a shared name, only events naming none
        only_countryless = bool(country_codes(mention.names))
        for kind in kinds:
            standing = self._matcher.kinds[kind].standing
            if mention.names and (standing or mention.year is None):
                continue  # a match then needs a shared name
            years = self._by_kind[kind] if standing or mention.year is None else (mention.year, None)
            for year in years:
                found.update((id(event), event) for event in self._first.get((kind, year, only_countryless), ()))
        return list(found.values())


def _ranked(event: Event) -> tuple:
    """How `resolve_mention` ranks events of one year that share no name with a mention."""
    return not event.cited, -len(event.names), event.id


def _mention_matches(mention: Mention, event: Event, matcher: KindMatcher) -> bool:
    """Can this mention name this event? Kinds agree, years agree where both are known,
    and the names overlap where both have names of countries."""
    if not kinds_compatible(mention.kind, event.kind, matcher):
        return False
    if matcher.kinds[event.kind].standing:
        a, b = country_codes(mention.names), country_codes(event.names[:2])
        if len(a) >= 2 and len(b) >= 2:
            return a == b  # a border between two countries is theirs alone
        return not mention.names or bool(set(mention.names) & set(event.names[:6]))
    if mention.year is not None and event.year is not None and mention.year != event.year:
        return False
    a, b = country_codes(mention.names), country_codes(event.names[:6])
    if a and b and not a & b:
        return False
    if mention.year is None:
        return not mention.names or bool(set(mention.names) & set(event.names))
    return True


def resolve_named(mention: Mention, events: EventIndex) -> Event | None:
    """The event a mention names by its own name ("the Orvald Dam"): one of the kind
    that goes by that name (an alias, or its first name); None for a thing the corpus
    does not know by it, whatever other names the texts mention it beside."""
    named = events.named(mention.name, mention.kind)
    return min(named, key=lambda event: (event.cited, event.id)) if named else None


def resolve_mention(mention: Mention, events: EventIndex, matcher: KindMatcher,
                    unless: Event | None = None) -> Event | None:
    """The event of the corpus this mention names (other than `unless`), preferring one
    of the year it names, then articles' events to cited ones and, among those, the one
    sharing most names."""
    candidates = [event for event in events.may_name(mention)
                  if event is not unless and _mention_matches(mention, event, matcher)]
    if not candidates:
        return None
    return max(candidates, key=lambda event: (mention.year is not None and event.year == mention.year,
                                              not event.cited, len(set(mention.names) & set(event.names)),
                                              -len(event.names), event.id))


def is_foreign(mention: Mention, main: Event | None, matcher: KindMatcher) -> bool:
    """Does a mention name another event than its article's? A year says so with
    confidence; a name in passing ("the quake hit Orvald") is too often a part of the
    event for a name alone to move a figure to another event, except a name the event
    is called by ("the Orvald quake") that the article's event does not have. In an
    article with no event of its own, every dated mention names one."""
    if matcher.kinds[mention.kind].standing:
        return False
    if mention.year is None:
        # "the Orvald quake" in an article about another quake: a name that is part of
        # the event's own name, and none of the article's event's names
        return (main is not None and mention.name is not None and mention.name not in main.aliases
                and mention.name not in main.names[:OWN_NAMES]
                and main.kind == mention.kind)
    return main is None or (main.year is not None and mention.year != main.year)


BRACKET_REACH = 80  # characters from a name to a figure in the brackets after it


def _in_brackets_after(text: str, start: int, end: int) -> bool:
    """Is `end` inside brackets opened after `start`, close enough to belong to what
    stands at `start` ("the Orvald Dam on the Tarvena River (210 m)")?"""
    if not text or not 0 < end - start <= BRACKET_REACH:
        return False
    gap = text[start:end]
    opened = gap.rfind("(")
    return opened >= 0 and ")" not in gap[opened:] and "." not in gap[:opened].replace("...", "")


def claim_event(claim: Claim, sentence_mentions: list[Mention], article_main: dict[bool, Event],
                events: EventIndex, matcher: KindMatcher,
                about_standing: bool = False, text: str = "") -> tuple[Event | None, Mention | None]:
    """The event a claim belongs to, and the mention that decided it, if any: when the
    event is None and the mention is not, the mention names an event the corpus does
    not know yet (the caller cites it).

    The nearest kind word before the figure in its sentence (else the nearest after
    it) decides when it names another event; else the figure belongs to its article's
    main event: the standing thing for a physical measure where the article has one,
    else the occurrence."""
    standing_measure = claim.dimension in STANDING_DIMENSIONS
    before = [m for m in sentence_mentions if m.end <= claim.start]
    after = [m for m in sentence_mentions if m.start >= claim.end]
    nearest = before[-1] if before else (after[0] if after else None)
    if standing_measure and after and matcher.kinds[after[0].kind].standing and after[0].start - claim.end <= 25:
        nearest = after[0]  # "a 640-kilometre frontier": the thing the figure measures
    occurrence, standing = article_main.get(False), article_main.get(True)
    # an article about a dam that recalls a flood gives the dam's cost and share, not the
    # flood's; tolls stay the occurrence's
    thing_first = standing_measure or (about_standing and claim.dimension != "count")
    main = (standing or occurrence) if thing_first else (occurrence or standing)
    if nearest is not None:
        nearest_standing = matcher.kinds[nearest.kind].standing
        if nearest_standing and standing_measure and nearest.name and _in_brackets_after(text, nearest.end, claim.start) \
                and (standing is None or (nearest.name not in standing.aliases and nearest.name not in standing.names[:1])):
            # "behind the Orvald Dam (230 m)": a measure in brackets after a thing's own
            # name is that thing's, known by that name alone
            named = replace(nearest, names=(nearest.name,))
            return resolve_named(named, events), named
        if nearest_standing and standing_measure and standing is None:
            return resolve_mention(nearest, events, matcher), nearest
        # in an article about a standing thing (a dam) a dated flood nearby in the
        # sentence ("flood control since 1954") takes only the figures right beside it
        close = occurrence is not None or standing is None or \
            min(abs(nearest.start - claim.end), abs(claim.start - nearest.end)) <= NEAR_MENTION
        if not nearest_standing and close and is_foreign(nearest, occurrence, matcher):
            # another event than the article's own, whatever names they share
            return resolve_mention(nearest, events, matcher, unless=occurrence), nearest
    return main, None
