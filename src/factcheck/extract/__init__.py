"""The extract stage: a document's text in, its numeric claims out.

Order of work for one text:
1. index its lines, sentences and paragraphs (`context.layout_text`);
2. mask what is no figure: dates (emitted as `date` claims), links, footnote markers,
   clock times, phone numbers, list markers and page furniture (`dates`, `noise`);
3. read every number candidate (`figures`, `numbers`), then around it the currency and
   qualifier before, and the scale, unit or counted noun after (`units`, `lexicon`,
   `qualifiers`);
4. drop what is a name or a reference ("F-16", "Article 5", "the two countries");
5. attach context: measured phrase, topic, and as_of (`context`).
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections import defaultdict
from dataclasses import dataclass, replace

from factcheck.extract.context import (
    DateAnchors,
    SubjectHits,
    TextLayout,
    TopicHits,
    TopicMatcher,
    clause_bounds,
    content_words,
    layout_text,
    nearest_topic,
    outside_asides,
    subject_matcher,
    topic_matcher,
)
from factcheck.extract.dates import DateMention, find_dates
from factcheck.extract.figures import (
    Figure,
    find_parts,
    find_restatements,
    join_bound_pairs,
    may_hold_wordless_figures,
    read_article_units,
    read_figures,
    read_ordinal_figures,
    read_yen_sign,
    share_units_across_links,
)
from factcheck.extract.lexicon import build_lexicon
from factcheck.extract.noise import link_tokens, noise_spans
from factcheck.extract.scan import SpanSet, candidate_starts, hot_spots, hot_windows, lower_keeping_offsets
from factcheck.model import Claim, ClaimKind, Qualifier
from factcheck.rules import Rules, Topic

__all__ = ["extract_claims", "extract_document_claims"]


def _claim_id(source: str, start: int, end: int, surface: str) -> str:
    digest = hashlib.sha1(f"{source}\0{start}\0{end}\0{surface}".encode("utf-8")).hexdigest()
    return "c" + digest[:11]


# a year a figure is measured against, not the figure's own time: "the highest since
# 1981", "higher than in 2015", "compared with 2019" (but "since 2012, when 11 died"
# dates what the when-clause says, and "since the 1970 quake, which killed ..." names
# an event whose figures it dates)
REFERENCE_BEFORE = re.compile(r"\b(?:since|than(?:\s+(?:in|during|for))?|compared\s+(?:to|with)(?:\s+(?:in|during))?|"
                              r"relative\s+to|versus|vs\.?)\s+(?:(?:early|late|mid)[\s-]+)?$",
                              re.IGNORECASE)
REFERENCE_WHEN = re.compile(r"\s*,?\s*when\b", re.IGNORECASE)


def _anchors(text: str, dates: list[DateMention]) -> list[tuple[int, str]]:
    """The dates that may date a figure near them: all but the years it is compared with."""
    return [(mention.start, mention.iso) for mention in dates if mention.iso and not (
        REFERENCE_BEFORE.search(text, max(0, mention.start - 30), mention.start)
        and not REFERENCE_WHEN.match(text, mention.end))]


DATELINE_REST = re.compile(r"[\s,.:|•·–—-]*(?:\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?)?[\s,.|]*$", re.IGNORECASE | re.ASCII)


def _datelines(text: str, layout: TextLayout, dates: list[DateMention]) -> list[tuple[int, str]]:
    """Dates that stand alone on their line ("Wednesday, 01 October 2025 17:22", "March
    27, 2023"): the date an article was published, which starts where the line does."""
    found = []
    for mention in dates:
        if not mention.iso or len(mention.iso) < 7:
            continue
        line, _ = layout.line_and_column(mention.start)
        line_start = layout.line_starts[line - 1]
        line_end = text.find("\n", mention.end)
        line_end = len(text) if line_end < 0 else line_end
        if not text[line_start:mention.start].strip() and DATELINE_REST.match(text, mention.end, line_end):
            found.append((line_start, mention.iso))
    return found


COMPARISON = re.compile(r"\b(?:compared\s+(?:to|with)|in\s+contrast\s+(?:to|with)|as\s+against|versus|vs\.?|"
                        r"(?:up|down)\s+from)\s", re.IGNORECASE)


def _comparison_side(lowered: str, sentence: tuple[int, int], figures: list[Figure], index: int) -> tuple[int, int]:
    """The part of the sentence on the figure's side of a comparison with a neighbouring
    figure ("compared with", "in contrast to", "up from"); the whole sentence where no
    comparison stands between it and a neighbour in the sentence."""
    start, end = sentence
    figure = figures[index]
    if index > 0 and figures[index - 1].end > start:
        marker = None
        for marker in COMPARISON.finditer(lowered, figures[index - 1].end, figure.start):
            pass
        if marker is not None:
            start = marker.end()
    if index + 1 < len(figures) and figures[index + 1].start < end:
        marker = COMPARISON.search(lowered, figure.end, figures[index + 1].start)
        if marker is not None:
            end = marker.start()
    return start, end


@dataclass(frozen=True, slots=True)
class Column:
    """What a table's header says of the figures in one column: the year they hold for
    ("2019 Floods"), or the property they count ("Dead", "Missing") with the header word."""

    year: str | None = None
    topic: Topic | None = None
    synonym: str | None = None


def _header_columns(text: str, lowered: str, start: int, end: int, years: list[str],
                    matcher: TopicMatcher) -> list[Column]:
    """The columns a table's header line names: one per year where it names two or more
    different years, else one per count topic where it names two or more ("Country Dead
    Missing Displaced"); none otherwise."""
    if len(years) >= 2 and len(set(years)) == len(years):
        return [Column(year=year) for year in years]
    if matcher.pattern is None or len(text[start:end].split()) > HEADER_WORDS:
        return []
    columns = []
    for match in matcher.pattern.finditer(lowered, start, end):
        synonym = " ".join(match.group(0).split())
        topics = [topic for topic in matcher.topics_by_synonym.get(synonym, ()) if "count" in topic.dimensions
                  and topic.families]
        if topics:
            columns.append(Column(topic=topics[0], synonym=synonym))
    return columns if len(columns) >= 2 else []


# the words after a figure up to the next punctuation: the thing it measures may follow
# a name or a kind ("the 1,500-megawatt Orvald II hydropower dam"), within a few words
_THING_AFTER = re.compile(r"[\s-]*[a-z][a-z\s'’-]{0,60}")
THING_WORDS = 5
_PREPOSITIONS = frozenset("to for of in on from by with at into toward towards per".split())


# a table's header line is short: a label per column
HEADER_WORDS = 12


def _table_columns(text: str, lowered: str, layout: TextLayout, figures: list[Figure], dates: list[DateMention],
                   matcher: TopicMatcher) -> dict[int, Column]:
    """Figures in the columns of a table whose header line (a line without figures) names
    a year per column ("Losses 2015 Flood 2021 Flood" over "Homes lost 40,000 65,000") or
    a counted property per column ("Country Dead Missing" over "Tarvena 1,200 310"): the
    column of each figure, by figure index. A row of a year table holds as many figures
    as the header years; a row of a property table fills its columns from the left. The
    table ends at a blank line."""
    starts = layout.line_starts

    def line_of(offset: int) -> int:
        return layout.line_and_column(offset)[0] - 1

    def span_of(line: int) -> tuple[int, int]:
        return starts[line], (starts[line + 1] - 1 if line + 1 < len(starts) else len(text))

    years_by_line: dict[int, list[str]] = defaultdict(list)
    for mention in dates:
        if mention.iso and len(mention.iso) == 4:
            years_by_line[line_of(mention.start)].append(mention.iso)
    figures_by_line: dict[int, list[int]] = defaultdict(list)
    for index, figure in enumerate(figures):
        figures_by_line[line_of(figure.number_start)].append(index)
    found: dict[int, Column] = {}
    for header in range(len(starts)):
        if figures_by_line.get(header):
            continue
        columns = _header_columns(text, lowered, *span_of(header), years_by_line.get(header, []), matcher)
        for line in range(header + 1, len(starts)) if columns else ():
            if not text[slice(*span_of(line))].strip():
                break
            row = figures_by_line.get(line, [])
            if len(row) == len(columns) or (row and len(row) < len(columns) and columns[0].year is None):
                found.update(zip(row, columns))
    return found


def _attach_context(text: str, lowered: str, source: str, layout: TextLayout, figures: list[Figure],
                    anchors: DateAnchors, datelines: DateAnchors, rules: Rules,
                    columns: dict[int, Column] | None = None) -> list[Claim]:
    matcher = topic_matcher(rules)
    lexicon = build_lexicon(rules)
    hits = TopicHits(lowered, matcher, layout)
    countries = SubjectHits(text, subject_matcher(rules))
    restated = find_restatements(text, figures)
    parts = find_parts(text, figures)
    topics_by_name = {topic.name: topic for topic in rules.topics}
    thing_topics: dict[str, dict[str, Topic]] = defaultdict(dict)
    for topic in rules.topics:
        for dimension in topic.dimensions:
            for noun in topic.before:
                thing_topics[dimension].setdefault(noun, topic)
    sentences = SentenceTexts(text)
    ids = [_claim_id(source, f.start, f.end, text[f.start:f.end]) for f in figures]
    claims = []
    for index, figure in enumerate(figures):
        sentence = layout.sentence_at(figure.number_start)
        paragraph = layout.paragraph_at(figure.number_start)
        previous_end = figures[index - 1].reach if index > 0 else 0
        # the figure's words end after its restatement, if one follows: "a 400-km (250-mile)
        # canal" measures a canal, and its clause goes on past the parentheses
        reach = _past_restatement(text, figures, index, restated)
        following = index + (2 if reach != figure.reach else 1)
        next_start = figures[following].start if following < len(figures) else len(text)
        clause = clause_bounds(text, sentence, figure.start, reach, previous_end, next_start)
        span = (figure.start, figure.end)

        # the clause is inside the sentence
        in_sentence = outside_asides(hits.within(sentence[0], sentence[1]), lowered, sentence, figure.start)
        # a count is a whole number of ten or more: "crested at 7.6" counts nobody
        countable = figure.value >= 10 and figure.value == int(figure.value)
        if figure.dimension == "number" and in_sentence and countable:
            # "about 12,500 were evacuated": the noun is elided, but the predicate says what is counted
            implied = nearest_topic(in_sentence, clause, span, matcher, "count", None, implied_only=True)
            if implied is not None:
                family = implied[0].families[0]
                figure = replace(figure, dimension="count", family=family, unit=family)
        topic_match, basis = None, None
        table_column = columns.get(index) if columns else None
        if table_column is not None and table_column.topic is not None and figure.dimension in ("number", "count") \
                and (figure.dimension == "number" or figure.family in table_column.topic.families):
            # the column's header says what the row's figures count
            family = table_column.topic.families[0] if figure.dimension == "number" else figure.family
            figure = replace(figure, dimension="count", family=family, unit=figure.unit or family)
            topic_match, basis = (table_column.topic, table_column.synonym), "clause"
        elif in_sentence:
            topic_match = nearest_topic(in_sentence, clause, span, matcher, figure.dimension, figure.family)
            basis = "clause"
            if topic_match is None:
                topic_match = nearest_topic(in_sentence, sentence, span, matcher, figure.dimension, figure.family)
                basis = "sentence"
        if topic_match is None and figure.dimension not in ("count", "number"):
            # a physical measure in a paragraph about one subject: "all 430 kilometres" of the border
            before_figure = (paragraph[0], figure.start)
            topic_match = nearest_topic(hits.within(*before_figure), before_figure, span, matcher, figure.dimension,
                                        figure.family)
            basis = "paragraph"
        if topic_match is None and figure.dimension in thing_topics:
            # "the 1,500-megawatt Orvald hydropower dam": a measure written before a thing
            # states the property a measure of its kind states of things
            following = _THING_AFTER.match(lowered, reach)
            nouns = following.group(0).split()[:THING_WORDS] if following else []
            # the figure qualifies the noun itself: a preposition between says something else
            # ("$5 million for the dam" gives, "$5 million dam" costs)
            nouns = list(itertools.takewhile(lambda word: word not in _PREPOSITIONS, nouns))
            noun = next((word for word in nouns if word in thing_topics[figure.dimension]), None)
            if noun is not None:
                topic_match, basis = (thing_topics[figure.dimension][noun], noun), "clause"
        total = claims[parts[index]] if index in parts else None
        if total is not None and total.topic and total.dimension == "count" and figure.dimension == "count":
            # a part of a count counts what its total does: "killed 1,061 people (including
            # almost 360 children), injured 1,575"
            topic_match, basis = (topics_by_name[total.topic], total.topic_synonym), "clause"
        topic = topic_match[0].name if topic_match else None

        # the subject before the figure, what it counts, and the predicate after it
        before = content_words(lowered[max(clause[0], sentence[0], figure.start - 120):figure.start])[-4:]
        after = content_words(lowered[reach:clause[1]])[:3]
        phrase_words = before + [w.lower() for w in figure.noun_phrase] + after
        measured = " ".join(phrase_words) or (topic_match[0].label if topic_match else "")
        if topic_match and basis != "clause":
            measured = (measured + f" [{topic_match[0].label}]").strip()

        # a comparison sets its two sides at two times ("33 in 2022 against 20 in 2019"):
        # a date on the far side of it dates the other figure
        side = _comparison_side(lowered, sentence, figures, index)
        as_of = anchors.nearest(span, side[0], side[1], before_only=False)
        as_of_basis = "sentence" if as_of else None
        if table_column is not None and table_column.year is not None:
            as_of, as_of_basis = table_column.year, "column"
        if as_of is None:
            as_of = anchors.nearest(span, paragraph[0], figure.start if side == sentence else sentence[0],
                                    before_only=True)
            as_of_basis = "paragraph" if as_of else None
        if as_of is None:
            # the dateline of the article the figure is in: when it was written, a fallback only
            as_of = datelines.nearest(span, 0, figure.start, before_only=True)
            as_of_basis = "dateline" if as_of else None

        line, column = layout.line_and_column(figure.start)
        surface = text[figure.start:figure.end]
        claims.append(Claim(
            id=ids[index],
            source=source,
            start=figure.start,
            end=figure.end,
            line=line,
            column=column,
            text=surface,
            sentence=sentences.around(sentence, figure.start, figure.end),
            kind=ClaimKind.QUANTITY,
            value=_tidy(figure.value),
            unit=figure.unit,
            dimension=figure.dimension,
            qualifier=figure.qualifier,
            low=_tidy(figure.low),
            high=_tidy(figure.high),
            precision=_tidy(figure.precision),
            measured=measured,
            topic=topic,
            unit_family=figure.family,
            as_of=as_of,
            as_of_basis=as_of_basis,
            scope=_scope(figure),
            restates=ids[restated[index]] if index in restated else None,
            part_of=ids[parts[index]] if index in parts else None,
            subjects=countries.subjects(clause, sentence),
            topic_synonym=topic_match[1] if topic_match else None,
            unit_name=lexicon.name_of(figure.unit),
        ))
    return claims


def _past_restatement(text: str, figures: list[Figure], index: int, restated: dict[int, int]) -> int:
    """Where a figure's own words end: after the closing parenthesis of the figure that
    restates it, when one does; else at its reach."""
    if restated.get(index + 1) != index:
        return figures[index].reach
    closing = text.find(")", figures[index + 1].reach)
    return closing + 1 if closing >= 0 else figures[index + 1].reach


class SentenceTexts:
    """A claim's sentence as reports quote it: whitespace collapsed, computed once per
    sentence, and cut to an excerpt around the figure when the "sentence" is a runaway
    (a table or a list with no full stops)."""

    MAX_CHARS = 600

    def __init__(self, text: str) -> None:
        self._text = text
        self._cache: dict[tuple[int, int], str] = {}

    def around(self, span: tuple[int, int], start: int, end: int) -> str:
        if span[1] - span[0] > self.MAX_CHARS * 2:
            half = self.MAX_CHARS // 2
            low, high = max(span[0], start - half), min(span[1], end + half)
            return "… " + " ".join(self._text[low:high].split()) + " …"
        cached = self._cache.get(span)
        if cached is None:
            cached = self._cache[span] = " ".join(self._text[span[0]:span[1]].split())
        return cached


def _scope(figure: Figure) -> str | None:
    """The counted noun phrase where it narrows the unit: "aid workers", "Afghans"."""
    if len(figure.noun_phrase) > 1:
        return " ".join(figure.noun_phrase)
    if figure.noun_phrase and figure.unit == "people" and figure.noun_phrase[0].lower() not in ("people", "persons"):
        return figure.noun_phrase[0]
    return None


def _tidy(number: float | None) -> float | None:
    """Round away binary noise (0.1 * 3) so reports are stable and readable."""
    if number is None:
        return None
    if number % 1 == 0 and -1e15 < number < 1e15:
        # most figures are whole numbers, with no noise to round away; up to 15 digits a
        # float holds every one of them ("123,456,789,012,345")
        return float(number)
    return float(f"{number:.10g}")


def _date_claims(text: str, source: str, layout: TextLayout, dates: list[DateMention]) -> list[Claim]:
    claims = []
    sentences = SentenceTexts(text)
    for mention in dates:
        if mention.year is None:
            continue
        surface = text[mention.start:mention.end]
        line, column = layout.line_and_column(mention.start)
        sentence = layout.sentence_at(mention.start)
        claims.append(Claim(
            id=_claim_id(source, mention.start, mention.end, surface),
            source=source, start=mention.start, end=mention.end, line=line, column=column,
            text=surface, sentence=sentences.around(sentence, mention.start, mention.end),
            kind=ClaimKind.DATE, value=float(mention.year), unit=None, dimension="date",
            qualifier=Qualifier.EXACT, low=float(mention.year), high=float(mention.year), precision=1.0,
            measured="date", as_of=mention.iso, as_of_basis="self",
        ))
    return claims


def extract_document_claims(text: str, source: str, rules: Rules, offset: int = 0,
                            lines_before: int = 0) -> list[Claim]:
    """All claims of one text, quantities and dates, in order of position.

    `text` may be a part of its file (an article of several) that starts `offset`
    characters and `lines_before` lines into it, at a line start: the claims' offsets,
    lines and ids are then the file's, as if the whole file had been read.
    """
    claims = _extract(text, source, rules)
    return _in_file(claims, offset, lines_before) if offset or lines_before else claims


def _in_file(claims: list[Claim], offset: int, lines_before: int) -> list[Claim]:
    """Claims read from a part of a file, moved to the file's offsets and lines; their
    ids (and the ids they point to) are made again from the moved offsets."""
    moved = [replace(claim, start=claim.start + offset, end=claim.end + offset, line=claim.line + lines_before)
             for claim in claims]
    ids = {old.id: _claim_id(new.source, new.start, new.end, new.text) for old, new in zip(claims, moved)}
    return [replace(claim, id=ids[claim.id], restates=ids.get(claim.restates, claim.restates),
                    part_of=ids.get(claim.part_of, claim.part_of)) for claim in moved]


def _extract(text: str, source: str, rules: Rules) -> list[Claim]:
    lowered = lower_keeping_offsets(text)
    spots = hot_spots(text, lowered)
    if not spots and not may_hold_wordless_figures(lowered, rules):
        return []  # no digit, no number word, no rank, no "a litre": nothing to read
    layout = layout_text(text)
    # every date and every noise pattern holds a digit: only the windows around digits
    # need their patterns (a number word inside a link is masked with the link's token)
    digit_spots = [spot for spot in spots if not text[spot[0]].isalpha()]
    digit_windows = hot_windows(text, lowered, digit_spots)
    dates = find_dates(text, digit_windows, digit_spots)
    masked = SpanSet([(d.start, d.end) for d in dates] + noise_spans(text, digit_windows, digit_spots)
                     + link_tokens(text, [spot for spot in spots if text[spot[0]].isalpha()]))
    years: list[DateMention] = []
    figures = read_figures(text, lowered, rules, masked, candidate_starts(text, spots), years)
    figures = read_yen_sign(text, join_bound_pairs(text, share_units_across_links(text, figures)))
    taken = SpanSet([(f.start, f.end) for f in figures])
    figures.extend(f for f in read_ordinal_figures(text, lowered, masked, rules, figures)
                   if not taken.overlaps(f.start, f.end))
    figures.extend(f for f in read_article_units(text, lowered, masked, build_lexicon(rules), rules)
                   if not taken.overlaps(f.start, f.end))
    figures.sort(key=lambda figure: figure.start)
    all_dates = sorted(dates + years, key=lambda mention: mention.start)
    claims = _attach_context(text, lowered, source, layout, figures, DateAnchors(_anchors(text, all_dates)),
                             DateAnchors(_datelines(text, layout, all_dates)), rules,
                             _table_columns(text, lowered, layout, figures, all_dates, topic_matcher(rules)))
    claims.extend(_date_claims(text, source, layout, all_dates))
    claims.sort(key=lambda claim: (claim.start, claim.end))
    return claims


def extract_claims(text: str, rules: Rules | None = None) -> list[Claim]:
    """Every numeric claim in `text` as extraction gives it: quantities with unit,
    interval and their own words, and dates, before framing (`factcheck.extract_claims`
    frames them too).

    >>> claims = extract_claims("The 2019 floods left more than 90 people dead.")
    >>> [(c.kind.value, c.text, c.value, c.unit, c.qualifier.value, c.low, c.high) for c in claims]
    [('date', '2019', 2019.0, None, 'exact', 2019.0, 2019.0), ('quantity', 'more than 90', 90.0, 'people', 'more_than', 90.0, None)]
    >>> claims[1].measured, claims[1].as_of
    ('floods left people dead', '2019')
    """
    from factcheck.rules import read_rules

    return extract_document_claims(text, "", rules if rules is not None else read_rules())
