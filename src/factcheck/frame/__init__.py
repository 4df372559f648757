"""The frame stage: extracted claims in, claims that know what they are about out.

Extraction gives a figure and its own words. Framing adds, from the clause, sentence,
paragraph, article and corpus around it:
- `event` and `event_label`: the event or standing thing it belongs to (`events`);
- `facets`: what narrows it within that event (`scope`);
- `as_of`: where neither its sentence nor its paragraph dates it, the date its article
  was published (`article`), with `as_of_basis` "published".

Framing runs in two passes. `read_events` reads the corpus's events from the texts
alone (events are clusters of articles), before any claim is framed; `SourceFramer` then
frames one source's claims at a time, in the order of the sources' names, as they are
extracted (a source may cite an event an earlier one cited first). `frame_claims` runs
both over claims already extracted, and is pure.

    requires: Claim.value, unit, dimension, topic, as_of (extract)
    assigns:  Claim.event, event_label, facets, as_of (fallback)
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace

from factcheck.article import ArticleInfo, read_article_info
from factcheck.extract.context import (
    TextLayout,
    TopicHits,
    TopicMatcher,
    clause_bounds,
    layout_text,
    nearest_topic,
    outside_asides,
    subject_matcher,
    topic_matcher,
)
from factcheck.extract.figures import PART_OPENER
from factcheck.extract.scan import lower_keeping_offsets
from factcheck.frame.events import (
    ArticleEvent,
    Event,
    EventIndex,
    EventNames,
    Mention,
    NameModel,
    article_events,
    build_event,
    claim_event,
    cluster_articles,
    find_mentions,
    headline_names,
    is_foreign,
    iso_year,
    kind_matcher,
    kinds_compatible,
    name_key,
    nearest_event,
    resolve_mention,
    resolve_named,
    text_similarities,
)
from factcheck.frame.scope import claim_facets, sentence_facets
from factcheck.model import Claim, ClaimKind, Document
from factcheck.rules import Rules, country_codes, derives, is_country_code

__all__ = ["FRAME_REQUIRES", "FRAME_ASSIGNS", "Framing", "frame_claims", "read_events", "CorpusEvents", "SourceFramer",
           "read_article_info", "ArticleInfo"]

FRAME_REQUIRES = ("value", "unit", "dimension", "topic", "as_of", "as_of_basis")
# besides the event and scope, framing may re-read a figure its sentence explains better
# (a bare number that counts people, a decimal that is a magnitude, a generic topic made
# specific) and mark a repeated headline's figure as restating the first
FRAME_ASSIGNS = ("event", "event_label", "event_home", "facets", "as_of", "as_of_basis", "restates", "dimension",
                 "unit", "unit_family", "topic", "topic_synonym", "measured")


@dataclass(frozen=True, slots=True)
class Framing:
    """The framed claims (same order as given) and the corpus's events."""

    claims: tuple[Claim, ...]
    events: tuple[Event, ...]


def _year(iso: str | None) -> int | None:
    return iso_year(iso)


def frame_claims(documents: Iterable[Document], claims: Iterable[Claim], rules: Rules) -> Framing:
    """Give every quantity claim its event, facets and fallback as_of.

    `documents` are the texts the claims were extracted from (matched by `source`);
    claims of a source not among them are returned unchanged. A claim's offsets are its
    file's, as `extract_document_claims` gives them with the document's `offset` and
    `lines_before` (an article further into a file holds only its own text).

    >>> from factcheck.model import Document
    >>> from factcheck.extract import extract_document_claims
    >>> from factcheck.rules import read_rules
    >>> text = "date 2019-06-02\\nThe earthquake in Chile killed 40 people."
    >>> doc = Document("a.txt", text, "0")
    >>> framed = frame_claims([doc], extract_document_claims(text, "a.txt", read_rules()), read_rules())
    >>> [(c.text, c.event_label, c.as_of) for c in framed.claims if c.kind.value == "quantity"]
    [('40', '2019 Chile earthquake', '2019-06-02')]
    """
    documents = list(documents)
    claims = list(claims)
    framer = SourceFramer(documents, read_events(documents, rules), rules)
    by_source: dict[str, list[int]] = defaultdict(list)
    for index, claim in enumerate(claims):
        by_source[claim.source].append(index)
    framed = list(claims)
    for source, indices in sorted(by_source.items()):
        for index, claim in zip(indices, framer.frame(source, [claims[i] for i in indices]), strict=True):
            framed[index] = claim
    return Framing(tuple(framed), framer.events)


@dataclass(frozen=True, slots=True)
class CorpusEvents:
    """What framing knows of the whole corpus before it frames a claim: the events (the
    corpus's articles clustered), and per source its header, its mentions of events,
    its main event (per `standing`) and which of the two it names most strongly."""

    names: NameModel
    infos: dict[str, ArticleInfo]
    mentions: dict[str, list[Mention]]
    main: dict[str, dict[bool, Event]]
    top_standing: dict[str, bool]
    events: tuple[Event, ...]


def read_events(documents: list[Document], rules: Rules) -> CorpusEvents:
    """The corpus's events, read from the documents' texts alone (no claim is needed):
    the first of framing's two passes. Each text's layout is dropped once read, so this
    holds the mentions and events, not the texts' structures."""
    matcher = kind_matcher(rules)
    by_name = {document.source: document for document in documents}
    names = NameModel((document.text for document in documents), subject_matcher(rules),
                      frozenset(country.name for country in rules.countries))
    infos: dict[str, ArticleInfo] = {}
    mentions: dict[str, list[Mention]] = {}
    articles: list[ArticleEvent] = []
    for document in documents:
        # a header block is the file's: an article further into it is read by its own
        # headline and date, which splitting took from its text (`lead_end_of`)
        info = read_article_info(document.text) if not document.offset else ArticleInfo()
        info = replace(info, title=document.title or info.title, url=document.url or info.url,
                       published=document.published or info.published)
        infos[document.source] = info
        layout = layout_text(document.text)
        lowered = lower_keeping_offsets(document.text)
        found = mentions[document.source] = _date_named_mentions(
            find_mentions(document.text, lowered, layout, names, matcher), matcher)
        articles.extend(article_events(replace(document, title=info.title), info.body_start, layout, found, names,
                                       matcher, info.published))
    events: list[Event] = []
    main: dict[str, dict[bool, Event]] = defaultdict(dict)
    top_score: dict[str, tuple[float, bool]] = {}  # per article: its sort named most strongly
    ordered = sorted(by_name)
    words = text_similarities(ordered, (by_name[source].text[infos[source].body_start:] for source in ordered))
    for group in cluster_articles(articles, matcher, words):
        event = build_event([articles[i] for i in group], names, rules, matcher)
        # the names the articles call it by ("the Orvald riots", "the Orwald
        # killings"): its own, never a narrower place within it
        # (in its headline, or in two of its articles)
        named: dict[str, set[str]] = defaultdict(set)
        for i in group:
            source = articles[i].source
            for mention in mentions[source]:
                if not kinds_compatible(mention.kind, event.kind, matcher) or \
                        (mention.year is not None and mention.year != event.year):
                    continue
                if mention.name:
                    named[mention.name].add(source)
                # "the earthquake in Orvald": where it happened is a name it goes by too
                located = _LOCATED_AT.match(by_name[source].text, mention.end)
                if located and name_key(located.group(1)) in names.names:
                    named[name_key(located.group(1))].add(source)
        for i in group:  # once every article's names are in
            title = infos[articles[i].source].title or ""
            for name in set(names.names_in(title, 0, len(title))) & set(named):
                named[name].add("headline")
        aliases = {name for name, places in named.items() if "headline" in places or len(places) >= 2}
        # a place in the headlines of two of its articles is where it happened ("Orvald")
        headlined = Counter(name for i in group for name in set(names.names_in(infos[articles[i].source].title or "",
                                                                             0, len(infos[articles[i].source].title or ""))))
        aliases |= {name for name, count in headlined.items()
                    if count >= 2 and not is_country_code(name)}  # countries stay scopes
        event = replace(event, aliases=tuple(sorted(aliases)))
        events.append(event)
        for index in group:
            main[articles[index].source][articles[index].standing] = event
            score = articles[index].score
            if score > top_score.get(articles[index].source, (-1.0, False))[0]:
                top_score[articles[index].source] = (score, articles[index].standing)
    event_names = EventNames(events)
    for document in documents:
        if document.source not in main:
            # no kind word of its own ("the report on the killings"): its names may still
            # say clearly which of the corpus's events it is about
            info = infos[document.source]
            weights = headline_names(replace(document, title=info.title), info.body_start, names, matcher)
            event = nearest_event(weights, event_names)
            if event is not None:
                main[document.source][matcher.kinds[event.kind].standing] = event

    top_standing = {source: standing for source, (_, standing) in top_score.items()}
    return CorpusEvents(names, infos, mentions, dict(main), top_standing, tuple(events))


class SourceFramer:
    """Frames one source's claims after another against the corpus's events: framing's
    second pass, which holds one text's layout at a time.

    Sources must come in the order of their names (as `frame_claims` takes them): a
    passing mention of an event no article is about becomes a cited event, which a later
    source may then cite too, so the events a source meets depend on the sources before it.
    """

    def __init__(self, documents: Iterable[Document], corpus: CorpusEvents, rules: Rules) -> None:
        self._documents = {document.source: document for document in documents}
        self._corpus, self._rules = corpus, rules
        self._matcher = kind_matcher(rules)
        self._topics = topic_matcher(rules)
        self._generic = frozenset(topic.name for topic in rules.topics if topic.generic)
        self._cited: list[Event] = []
        self._known = EventIndex(list(corpus.events), self._matcher)  # and those cited as they are found

    @property
    def events(self) -> tuple[Event, ...]:
        """The corpus's events and those cited so far, by id."""
        return tuple(sorted(self._corpus.events + tuple(self._cited), key=lambda event: event.id))

    def frame(self, source: str, claims: list[Claim]) -> list[Claim]:
        """One source's claims (at their file's offsets, in any order), framed, in the
        same order; a source the corpus does not hold keeps its claims as they are."""
        document = self._documents.get(source)
        if document is None:
            return _with_original_scope(_mark_repeated_headlines(list(claims), {}))
        rules, matcher, topics, generic = self._rules, self._matcher, self._topics, self._generic
        known, cited, names = self._known, self._cited, self._corpus.names
        info, found = self._corpus.infos[source], self._corpus.mentions[source]
        main = self._corpus.main.get(source, {})
        top_standing = self._corpus.top_standing.get(source, False)
        document_text = document.text
        layout, lowered = layout_text(document_text), lower_keeping_offsets(document_text)
        hits = TopicHits(lowered, topics, layout)
        starts = [mention.start for mention in found]
        dominant = _headline_count_topic(info, topics) or _dominant_count_topic(claims, rules)
        # an article of a file of several holds only its own text: its claims are read at
        # offsets into that text here, one at a time, and kept at the file's
        offset = document.offset
        framed = list(claims)
        period_years: dict[tuple[int, int], frozenset[str]] = {}
        quantities = sorted((i for i, claim in enumerate(claims) if claim.kind is ClaimKind.QUANTITY),
                            key=lambda i: claims[i].start)
        for position, index in enumerate(quantities):
            claim = _moved(claims[index], -offset)
            sentence = layout.sentence_at(claim.start)
            in_sentence = _mentions_within(found, starts, sentence[0], sentence[1])
            if not in_sentence:
                in_sentence = _referred_mentions(document_text, layout, sentence, found, starts) \
                    or _paragraph_mentions(layout, sentence, found, starts,
                                           main.get(False), matcher)
            event, foreign = claim_event(claim, in_sentence, main, known, matcher,
                                         top_standing, document_text)
            unframed = claim.unit_family in rules.unframed_families
            if unframed:
                event, foreign = None, None
            if event is None and foreign is not None:
                event = _cited_event(foreign, source, known, cited, names, rules, matcher)
            if foreign is None and event is not None:
                event = _event_of_year(claim, event, known)

            previous_end = claims[quantities[position - 1]].end - offset if position else sentence[0]
            next_start = claims[quantities[position + 1]].start - offset if position + 1 < len(quantities) \
                else sentence[1]
            clause = clause_bounds(document_text, sentence, claim.start, claim.end, previous_end, next_start)
            if _RELATIVE_CLAUSE.match(document_text, clause[0], claim.start):
                # "Norway, which gave $40m": the relative clause is about the noun before it
                clause = (max(sentence[0], previous_end, _clause_start_before(document_text, sentence, clause[0])),
                          clause[1])
            if claim.dimension == "number":
                claim = _magnitude(claim, lowered, rules) or _implied_count(
                    claim, document_text, lowered, layout, hits, topics, dominant)
            elif claim.dimension == "count" and claim.topic is None and position:
                claim = _part_of_count(claim, _moved(framed[quantities[position - 1]], -offset), document_text,
                                       sentence)
            elif claim.topic in generic:
                claim = _specific_topic(claim, sentence, hits, topics, generic)
            # the sentence's opening ("In neighbouring India, ..."), when no figure precedes
            lead_in = (sentence[0], clause[0]) if previous_end <= sentence[0] else \
                _locative_opening(document_text, sentence, clause[0])
            before = layout.sentence_at(sentence[0] - 1) if sentence[0] > 0 else None
            before = before if before and before != sentence and before[1] <= sentence[0] else None
            facets = () if unframed else claim_facets(claim, document_text, lowered, clause, event, names, rules,
                                                      lead_in, before, (max(sentence[0], previous_end), claim.start))
            earlier = _moved(framed[quantities[position - 1]], -offset) if position and previous_end > sentence[0] \
                else None
            facets = sentence_facets(claim, facets, earlier, document_text, sentence, names)
            as_of, basis = claim.as_of, claim.as_of_basis
            # where the year stands: near the figure, or anywhere in its paragraph (whose
            # periods are read once)
            if as_of and basis == "paragraph":
                paragraph = layout.paragraph_at(claim.start)
                if paragraph not in period_years:
                    period_years[paragraph] = _period_years(document_text, paragraph)
            if as_of and ((basis == "sentence" and _names_a_period(document_text, _near(sentence, claim), as_of[:4]))
                          or (basis == "paragraph" and as_of[:4] in period_years[paragraph])):
                as_of, basis = None, None  # "the deadliest between 1990 and 2016" dates no count
            elif as_of and basis == "sentence" and event is not None and event.year != _year(as_of) and \
                    any(mention.year == _year(as_of) for mention in in_sentence):
                # the year of another event the sentence compares with ("as deadly as the
                # 1950 quake") dates that event, not this figure
                as_of, basis = None, None
            dated_year = _year(as_of) if basis in ("sentence", "column") else None
            if foreign is None and event is not None and dated_year is not None and event.year is not None and \
                    dated_year < event.year and not event.cited and not matcher.kinds[event.kind].standing and \
                    claim.dimension == "count":
                # "since 2012, when 11 people died": a count its own sentence dates before the
                # event happened is no count of it, but of an earlier one of its kind and place
                looked_back = Mention(claim.start, claim.end, event.kind, dated_year,
                                      tuple(country_codes(event.names[:4])))
                looked_up = resolve_mention(looked_back, known, matcher)
                if looked_up is None or looked_up.year == dated_year:  # never an event of no year
                    event = _cited_event(looked_back, source, known, cited, names, rules, matcher)
            if as_of is None and info.published:
                as_of, basis = info.published, "published"
            framed[index] = replace(claim, start=claim.start + offset, end=claim.end + offset,
                                    event=event.id if event else None,
                                    event_label=event.label if event else None,
                                    event_home=event.home if event else None,
                                    facets=facets, as_of=as_of, as_of_basis=basis)
        return _with_original_scope(_mark_repeated_headlines(framed, {source: info.body_start}))


def _moved(claim: Claim, chars: int) -> Claim:
    """The claim at offsets `chars` further (an article's own offsets and its file's)."""
    return replace(claim, start=claim.start + chars, end=claim.end + chars) if chars else claim


def _date_named_mentions(mentions: list[Mention], matcher) -> list[Mention]:
    """A mention by name alone ("the Lenzby quake") takes the year the same text gives
    the same name elsewhere ("the Lenzby earthquake of 1940"), where it gives one year."""
    years: dict[tuple[str, str], set[int]] = defaultdict(set)
    for mention in mentions:
        if mention.name and mention.year is not None:
            years[(mention.name, matcher.kinds[mention.kind].label)].add(mention.year)
    dated = []
    for mention in mentions:
        known = years.get((mention.name, matcher.kinds[mention.kind].label)) if mention.name else None
        if mention.year is None and known and len(known) == 1:
            mention = replace(mention, year=next(iter(known)))
        dated.append(mention)
    return dated


def _with_original_scope(claims: list[Claim]) -> list[Claim]:
    """A figure restated in another unit ("121 billion yuan (US$15 billion)") is the same
    figure again: it holds the event and scope of the figure it restates."""
    by_id = {claim.id: claim for claim in claims}
    restated = []
    for claim in claims:
        original = by_id.get(claim.restates) if claim.restates else None
        if original is not None and (claim.event, claim.facets) != (original.event, original.facets):
            claim = replace(claim, event=original.event, event_label=original.event_label,
                            event_home=original.event_home, facets=original.facets)
        restated.append(claim)
    return restated


_LABEL = re.compile(r"^[A-Za-z][\w-]{0,30}:\s*")


def _mark_repeated_headlines(claims: list[Claim], body_starts: dict[str, int]) -> list[Claim]:
    """A sentence a source states twice (a headline in the header block and again as
    the first line) gives its figures twice: the second statement restates the first,
    so it never meets it, nor counts twice in a fact."""
    first_of: dict[tuple[str, str, float, str | None], str] = {}
    marked = []
    for claim in claims:
        if claim.kind is not ClaimKind.QUANTITY or claim.restates:
            marked.append(claim)
            continue
        sentence = _LABEL.sub("", claim.sentence) if claim.start < body_starts.get(claim.source, 0) else claim.sentence
        key = (claim.source, sentence.strip(), claim.value, claim.unit)
        if key in first_of:
            claim = replace(claim, restates=first_of[key])
        else:
            first_of[key] = claim.id
        marked.append(claim)
    return marked


_LOCATIVE_OPENING = re.compile(r"\s*(?:In|Across|Throughout)\b[^,;:.]{1,60},")


def _locative_opening(text: str, sentence: tuple[int, int], clause_start: int) -> tuple[int, int]:
    """The opening of a sentence that places all its figures ("In neighbouring India,
    the toll reached 41 with 12 missing"), or an empty span."""
    opening = _LOCATIVE_OPENING.match(text, sentence[0], clause_start)
    return (sentence[0], opening.end()) if opening else (clause_start, clause_start)


_RELATIVE_CLAUSE = re.compile(r"\s*(?:which|who|whose|where)\b", re.IGNORECASE)


def _clause_start_before(text: str, sentence: tuple[int, int], start: int) -> int:
    """Where the clause before `start` begins: after the break before the last one."""
    breaks = [m.end() for m in re.finditer(r"[,;:()\u2014]|\s[-\u2013]\s", text[sentence[0]:max(sentence[0], start - 1)])]
    return sentence[0] + (breaks[-1] if breaks else 0)


# a sentence that opens by referring back ("In that event, ...", "That quake killed ...")
_REFERS_BACK = re.compile(r"\W*(?:(?:in|during|after|from|by)\s+)?(?:that|this|the\s+same)\b", re.IGNORECASE)


# how far around a figure (in characters) its sentence is searched for the words that
# qualify it: a runaway "sentence" (a table, a list with no full stops) stays linear
NEAR_CHARS = 300


def _near(sentence: tuple[int, int], claim: Claim | None) -> tuple[int, int]:
    """The part of `sentence` within NEAR_CHARS of the claim (of its start, without one)."""
    if claim is None:
        return sentence[0], min(sentence[1], sentence[0] + 2 * NEAR_CHARS)
    return max(sentence[0], claim.start - NEAR_CHARS), min(sentence[1], claim.end + NEAR_CHARS)


def _mentions_within(mentions: list[Mention], starts: list[int], start: int, end: int) -> list[Mention]:
    """The mentions (sorted by start, `starts` their offsets) that start in [start, end)."""
    return mentions[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)]


def _referred_mentions(text: str, layout: TextLayout, sentence: tuple[int, int],
                       mentions: list[Mention], starts: list[int]) -> list[Mention]:
    """The mentions of the sentence before, when this one names no event but opens by
    referring back to one ("... the tsunami of 2004. In that event, 222,000 ...")."""
    if not _REFERS_BACK.match(text, sentence[0], sentence[1]) or sentence[0] == 0:
        return []
    previous = layout.sentence_at(_previous_text_offset(text, sentence[0]))
    if previous == sentence or previous[1] > sentence[0] or previous[0] == previous[1]:
        return []
    found = _mentions_within(mentions, starts, previous[0], previous[1])
    # as if they stood just before the figure's sentence
    return [replace(m, start=sentence[0] - 1, end=sentence[0] - 1) for m in found[-1:]]


_PRESENT = re.compile(r"\b(?:for now|so far|till now|until now|to date|this year|currently|at present|now stands)\b",
                      re.IGNORECASE)


def _paragraph_mentions(layout: TextLayout, sentence: tuple[int, int], mentions: list[Mention],
                        starts: list[int], main: Event | None, matcher) -> list[Mention]:
    """The paragraph's last mention before the sentence, when it names another event
    than the article's (a paragraph keeps to its topic: "The 2010 floods began in
    July. Deaths stood at 412." in an article about later floods)."""
    if _PRESENT.search(layout.text, *_near(sentence, None)):
        return []  # "The toll is 90 so far": the article's own event, whatever came before
    paragraph = layout.paragraph_at(sentence[0])
    before = _mentions_within(mentions, starts, paragraph[0], sentence[0])
    if before and is_foreign(before[-1], main, matcher):
        return [replace(before[-1], start=sentence[0] - 1, end=sentence[0] - 1)]
    return []


# (not "since 2012, when 11 people died": the year the "when" clause dates)
_PERIOD = re.compile(r"\b(?:between|from|since|in the years)\s+(?:the\s+years\s+)?((?:19|20)\d\d)"
                     r"(?:\s+(?:and|to|until|through)\s+((?:19|20)\d\d))?(?!\d|\s*,?\s*when\b)", re.IGNORECASE)


def _period_years(text: str, span: tuple[int, int]) -> frozenset[str]:
    """The years that end a period named in the span ("between 1990 and 2016")."""
    return frozenset(year for match in _PERIOD.finditer(text, *span) for year in match.groups() if year)


def _names_a_period(text: str, sentence: tuple[int, int], year: str) -> bool:
    """Is `year` only an end of a period its sentence names ("between 1990 and 2016",
    "since 1980"), rather than the time a figure holds?"""
    return any(year in match.groups() for match in _PERIOD.finditer(text, sentence[0], sentence[1]))


def _specific_topic(claim: Claim, sentence: tuple[int, int], hits: TopicHits, matcher: TopicMatcher,
                    generic: frozenset[str]) -> Claim:
    """A figure whose nearest topic word is a generic one ("745 kilometres long") takes
    the specific topic its sentence names ("the border ... is 745 kilometres long")."""
    span = (claim.start, claim.end)
    specific = [hit for hit in hits.within(*sentence)
                if any(topic.name not in generic for topic in matcher.topics_by_synonym.get(hit[2], ()))]
    found = nearest_topic(specific, sentence, span, matcher, claim.dimension, claim.unit_family)
    if found is None or found[0].name in generic:
        return claim
    return replace(claim, topic=found[0].name, topic_synonym=found[1])


def _magnitude(claim: Claim, lowered: str, rules: Rules) -> Claim | None:
    """A bare figure with a decimal, below ten, right before a word of the magnitude
    topic ("a 6.4 earthquake", "the 5.9 quake") is that magnitude."""
    if not (1 <= claim.value < 10) or "." not in claim.text:
        return None
    found = rules.derived("magnitude_after", _build_magnitude_after)
    if found is None:
        return None
    topic, pattern = found
    match = pattern.match(lowered, claim.end)
    if match is None:
        return None
    return replace(claim, dimension="magnitude", unit="magnitude", unit_family="magnitude",
                   topic=topic.name, topic_synonym=" ".join(match.group(1).split()))


@derives("magnitude_after")
def _build_magnitude_after(rules: Rules):
    """The magnitude topic and a pattern for its words right after a figure."""
    topic = next((t for t in rules.topics if "magnitude" in t.dimensions), None)
    if topic is None:
        return None
    words = "|".join(re.escape(word) for word in sorted(topic.synonyms, key=len, reverse=True))
    return topic, re.compile(rf"[\s-]*({words})s?\b")


_ANAPHORIC_TOTAL = re.compile(r"\b(?:that|the|this|its)\s+(?:estimate|figure|total|number|toll|count|tally)\b",
                              re.IGNORECASE)


def _previous_text_offset(text: str, start: int) -> int:
    """The offset of the last non-space character before `start` (0 at the start)."""
    cursor = start - 1
    while cursor > 0 and text[cursor].isspace():
        cursor -= 1
    return max(cursor, 0)


# a bare number counts people at most this large a share of an integer: 7.6 is no count
_MIN_IMPLIED_COUNT = 10


def _headline_count_topic(info: ArticleInfo | None, matcher: TopicMatcher):
    """The count topic an article's headline names ("... death toll: how does it
    compare"), when it names exactly one."""
    if info is None or not info.title or matcher.pattern is None:
        return None
    found = {topic for match in matcher.pattern.finditer(info.title.lower())
             for topic in matcher.topics_by_synonym.get(" ".join(match.group(0).split()), ()) if topic.families}
    return found.pop() if len(found) == 1 else None


def _dominant_count_topic(claims: list[Claim], rules: Rules):
    """The topic most of an article's counts have, when at least three do and it is
    most of them (an article listing disasters by their death toll)."""
    topics = [c.topic for c in claims if c.kind is ClaimKind.QUANTITY and c.dimension == "count" and c.topic]
    if len(topics) < DOMINANT_MIN:
        return None
    top = max(sorted(set(topics)), key=topics.count)
    if topics.count(top) < DOMINANT_SHARE * len(topics):
        return None
    return next((topic for topic in rules.topics if topic.name == top), None)


DOMINANT_MIN = 3
_MIN_DOMINANT_VALUE = 100
DOMINANT_SHARE = 0.6
# a bare number in a row of a list or table ("...; 14,000", "Total 31,207")
_ROW = re.compile(r"[;:|]\s*$|(?:^|\n)\s*(?:[A-Z][\w ]{0,30})?$")


def _implied_count(claim: Claim, text: str, lowered: str, layout: TextLayout, hits: TopicHits,
                   matcher: TopicMatcher, dominant=None) -> Claim:
    """A bare number whose counted noun stands elsewhere ("the death toll ... now stands
    at 4,512", "raising the confirmed total to 1,207"): the nearest topic that names a
    counted family in its sentence, else in the sentence before it in its paragraph,
    makes it a count of that family. A bare number that refers back ("the total was
    over 9,000") or stands in a row of a list ("...; 14,000") with no topic near it
    takes the topic most of its article's counts have (`dominant`)."""
    if claim.value < _MIN_IMPLIED_COUNT or claim.value != int(claim.value):
        return claim
    sentence = layout.sentence_at(claim.start)
    paragraph = layout.paragraph_at(claim.start)
    span = (claim.start, claim.end)
    found = nearest_topic(outside_asides(hits.within(sentence[0], sentence[1]), lowered, sentence, claim.start),
                          sentence, span, matcher, "count", None, implied_only=True)
    lead = (max(sentence[0], claim.start - NEAR_CHARS), claim.start)
    if found is None and (sentence[0] > paragraph[0] or _ANAPHORIC_TOTAL.search(text, *lead)):
        # the sentence before, within the paragraph; across a paragraph break only when
        # this one refers back to it ("Officials later raised that estimate to ...")
        before = layout.sentence_at(_previous_text_offset(text, sentence[0]))
        window = (before[0] if sentence[0] > paragraph[0] or before[1] <= sentence[0] else sentence[0], sentence[0])
        found = nearest_topic(hits.within(*window), window, span, matcher, "count", None, implied_only=True)
    if found is None and dominant is not None and dominant.families and claim.value >= _MIN_DOMINANT_VALUE and (
            _ANAPHORIC_TOTAL.search(text, *lead) or _ROW.search(text, *lead)):
        found = (dominant, None)
    if found is None:
        return claim
    topic, synonym = found
    family = topic.families[0]
    measured = (claim.measured + f" [{topic.label}]").strip()
    return replace(claim, dimension="count", unit=family, unit_family=family, topic=topic.name,
                   topic_synonym=synonym, measured=measured)


def _part_of_count(claim: Claim, before: Claim, text: str, sentence: tuple[int, int]) -> Claim:
    """A count that opens with "including" or "which includes" right after a count of a
    property counts that property ("more than 1,300 dead, which includes nearly 500
    children"): its topic, where its own words give none."""
    if before.dimension != "count" or not before.topic or before.end < sentence[0] or \
            not PART_OPENER.search(text, before.end, claim.start) or claim.start - before.end > PART_GAP:
        return claim
    return replace(claim, topic=before.topic, topic_synonym=before.topic_synonym)


_LOCATED_AT = re.compile(r"\s+(?:in|near|off|at)\s+(?:the\s+)?([A-Z][\w'’-]+)")
# characters between a total and a part of it that opens with "including"
PART_GAP = 40


def _cited_event(mention: Mention, source: str, events: EventIndex, cited: list[Event], names: NameModel,
                 rules: Rules, matcher) -> Event:
    """The event a passing mention names: one of the corpus's, one already cited, or a
    new cited event (added to `cited` and to `events`)."""
    if mention.name is not None and mention.names == (mention.name,):
        known = resolve_named(mention, events)  # a thing known by its own name alone
    else:
        known = resolve_mention(mention, events, matcher)
    if known is not None:
        return known
    standing = matcher.kinds[mention.kind].standing
    article = ArticleEvent(source, mention.kind, standing, None if standing else mention.year,
                           tuple((name, 1.0) for name in dict.fromkeys(mention.names)))
    event = build_event([article], names, rules, matcher, cited=True)
    cited.append(event)
    events.add(event)
    return event


def _event_of_year(claim: Claim, event: Event, events: EventIndex) -> Event:
    """Another article event of the same kind and country that the claim's own sentence
    dates it to ("damages of $10 billion in 2010" in an article about the 2022 floods,
    "killed 66 people in 2019" in an article that dates its floods nowhere else)."""
    year = _year(claim.as_of) if claim.as_of_basis in ("sentence", "column") else None
    if year is None or year == event.year or event.cited:
        return event
    countries = country_codes(event.names[:4])
    for other in events.candidates(event.kind, year, undated=False):
        if other.cited or other.year != year:
            continue
        if not countries or countries & set(other.names[:4]):
            return other
    return event
