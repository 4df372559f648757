"""Context around a figure: its sentence, paragraph and clause, what it measures
(`measured` and the rules' `topic`) and the time it refers to (`as_of`).

`TextLayout` indexes one text once (line starts, sentences, paragraphs) so every lookup
is a bisect, not a scan.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from factcheck.extract.patterns import word_alternation
from factcheck.extract.words import word_set
from factcheck.rules import Rules, Topic, derives

# Abbreviations after which a period does not end a sentence (english.yaml).
ABBREVIATIONS = word_set("sentence_abbreviations")
# A sentence ends at . ! or ?, after any footnote markers and closing quotes.
_FOOTNOTE = r"(?:<sup>.*?</sup>|\[\\?\[?\^?\d{1,3}\\?\]?\](?:\([^)\s]*\))?)"
_SENTENCE_END = re.compile(rf"[.!?]+(?:{_FOOTNOTE})*[\"”’)\]]*(?:{_FOOTNOTE})*\s+(?=[\"“‘(\[]?[A-Z0-9])")
# An en dash breaks a clause only with spaces round it: "Kyrgyz–Tajik", "2021–2022" join.
_CLAUSE_BREAK = re.compile(r"[,;:()\u2014]|\s[-\u2013]\s|--")
# Looking left from a figure, "and" also starts its clause: "40 dead and forced 9,000 to flee".
# Each word's boundary is tested after its first letter, not before it: a branch that
# opens with a letter fails at once on every other character (three times faster).
_LEFT_CLAUSE_BREAK = re.compile(r"[,;:()\u2014]|\s[-\u2013]\s|--|a(?<!\wa)nd\b|w(?<!\ww)hil(?:e|st)\b|b(?<!\wb)ut\b")
_NEWLINE = re.compile("\n")
_LOWER_WORD = re.compile(r"[a-z][a-z'’-]*")
_MARKUP = re.compile(rf"<[^>]*>|{_FOOTNOTE}|https?://\S+")

STOPWORDS = word_set("stopwords")


class TextLayout:
    """Where the lines, paragraphs and sentences of one text start and end.

    Built once per text and used only while that text is read. Lines and paragraphs are
    found up front: a line is a paragraph, unless it starts in lower case (then it
    continues the paragraph before it, a sentence broken by a stray blank line) or the
    text is hard-wrapped (wire copy and e-mail broken at a fixed width: then a line
    continues the one right above it, unless that one was short, the end of its
    paragraph). Sentences are split per paragraph on first use, since most paragraphs
    hold no figure.

    >>> layout = layout_text("One. Two is 2.\\n\\nthree continues.\\nNew one.")
    >>> len(layout.paragraphs), layout.sentence_at(6), layout.paragraph_at(17)
    (2, (5, 32), (0, 32))
    """

    __slots__ = ("text", "line_starts", "paragraphs", "_sentences")

    def __init__(self, text: str) -> None:
        self.text = text
        starts = [0]
        starts.extend(m.end() for m in _NEWLINE.finditer(text))
        self.line_starts = tuple(starts)
        lines = []
        for index, start in enumerate(starts):
            end = starts[index + 1] - 1 if index + 1 < len(starts) else len(text)
            lead = start
            while lead < end and text[lead].isspace():
                lead += 1
            lines.append((lead, end))
        width = _wrap_width(text, lines)
        paragraphs: list[list[int]] = []
        previous: tuple[int, int] | None = None  # the line right above, when not blank
        for lead, end in lines:
            if lead == end:
                previous = None
                continue
            wrapped = width and previous is not None and previous[1] - previous[0] >= 0.75 * width
            field = _FIELD_LINE.match(text, lead, end) is not None  # "title: ...", a header field
            if paragraphs and not field and (text[lead].islower() or wrapped):
                paragraphs[-1][1] = end
            else:
                paragraphs.append([lead, end])
            previous = (lead, end)
        self.paragraphs = tuple((s, e) for s, e in paragraphs)
        self._sentences: dict[int, tuple[tuple[int, int], ...]] = {}

    def line_and_column(self, offset: int) -> tuple[int, int]:
        index = bisect.bisect_right(self.line_starts, offset) - 1
        return index + 1, offset - self.line_starts[index] + 1

    def sentence_at(self, offset: int) -> tuple[int, int]:
        index = bisect.bisect_right(self.paragraphs, (offset, float("inf"))) - 1
        if index < 0 or not self.paragraphs[index][0] <= offset < self.paragraphs[index][1]:
            return (offset, offset)
        sentences = self._sentences.get(index)
        if sentences is None:
            start, end = self.paragraphs[index]
            sentences = self._sentences[index] = tuple(_split_sentences(self.text, start, end))
        return _span_at(sentences, offset)

    def paragraph_at(self, offset: int) -> tuple[int, int]:
        return _span_at(self.paragraphs, offset)


_FIELD_LINE = re.compile(r"[a-z][\w-]{0,30}:\s")
# a text is hard-wrapped when most of its lines are about this long and run on
_WRAPPED_LINES = (40, 100)
_WRAPPED_SHARE = 0.6


def _wrap_width(text: str, lines: list[tuple[int, int]]) -> int:
    """The width a hard-wrapped text was broken at, or 0 when it was not: most lines
    between 40 and 100 characters, and most of those ending mid-sentence."""
    filled = [(lead, end) for lead, end in lines if end > lead]
    if len(filled) < 6:
        return 0
    wrapped = [(lead, end) for lead, end in filled if _WRAPPED_LINES[0] <= end - lead <= _WRAPPED_LINES[1]]
    if len(wrapped) < _WRAPPED_SHARE * len(filled):
        return 0
    running_on = [1 for lead, end in wrapped if text[end - 1] not in ".!?:\"”’)]"]
    if len(running_on) < _WRAPPED_SHARE * len(wrapped):
        return 0
    widths = sorted(end - lead for lead, end in wrapped)
    return widths[len(widths) // 2]


def _span_at(spans: tuple[tuple[int, int], ...], offset: int) -> tuple[int, int]:
    index = bisect.bisect_right(spans, (offset, float("inf"))) - 1
    if index >= 0 and spans[index][0] <= offset < spans[index][1]:
        return spans[index]
    return (offset, offset)


def layout_text(text: str) -> TextLayout:
    return TextLayout(text)


def _split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    cursor = start
    for match in _SENTENCE_END.finditer(text, start, end):
        # the word the stop follows: "No." and "U.S." do not end a sentence
        token_start = max(text.rfind(" ", cursor, match.start()), text.rfind("(", cursor, match.start())) + 1
        token = text[max(token_start, cursor):match.start()].lower().rstrip(".")
        if token in ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
            continue
        spans.append((cursor, match.end()))
        cursor = match.end()
    if cursor < end:
        spans.append((cursor, end))
    return spans


def clause_bounds(text: str, sentence: tuple[int, int], start: int, end: int,
                  previous_end: int, next_start: int) -> tuple[int, int]:
    """The clause around [start, end): bounded by the sentence, by punctuation that
    breaks a clause, and by the neighbouring figures. Only the text between the
    neighbours is searched, so a runaway sentence with many figures stays linear.

    >>> text = "In 2020, 40 people died and 9,000 fled; aid came."
    >>> left, right = clause_bounds(text, (0, len(text)), 28, 33, 18, len(text))
    >>> text[left:right]
    ' 9,000 fled'
    """
    left = max(sentence[0], previous_end)
    for match in _LEFT_CLAUSE_BREAK.finditer(text, left, start):
        left = match.end()
    right = min(sentence[1], next_start) if next_start > end else sentence[1]
    found = _CLAUSE_BREAK.search(text, end, right)
    if found:
        right = found.start()
    return left, right


def content_words(fragment: str) -> list[str]:
    """The words of a lower-cased fragment that say something: no stop words, no markup.

    >>> content_words("the <sup>[1]</sup> people’s border-crossings were")
    ['people’s', 'border-crossings']
    """
    if "<" in fragment or "[" in fragment or "://" in fragment:
        fragment = _MARKUP.sub(" ", fragment)
    words = [word.rstrip("'’-") for word in _LOWER_WORD.findall(fragment)]
    return [word for word in words if len(word) > 1 and word not in STOPWORDS]


@dataclass(frozen=True, slots=True)
class TopicMatcher:
    pattern: re.Pattern[str] | None
    topics_by_synonym: dict[str, tuple[Topic, ...]]


def topic_matcher(rules: Rules) -> TopicMatcher:
    """The synonyms of every topic as one pattern, built once per `Rules` value."""
    return rules.derived("topic_matcher", _build_topic_matcher)


@derives("topic_matcher")
def _build_topic_matcher(rules: Rules) -> TopicMatcher:
    by_synonym: dict[str, list[Topic]] = {}
    for topic in rules.topics:
        for synonym in topic.synonyms:
            by_synonym.setdefault(synonym, []).append(topic)
    if not by_synonym:
        return TopicMatcher(None, {})
    # a space in a synonym (escaped as "\ ") matches any run of whitespace
    alternation = word_alternation(by_synonym).replace(r"\ ", r"\s+")
    # matched against lower-cased text (synonyms are lower case)
    pattern = re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])")
    return TopicMatcher(pattern, {k: tuple(v) for k, v in by_synonym.items()})


class TopicHits:
    """Every topic synonym in one text (given lower-cased), found paragraph by
    paragraph on first use."""

    __slots__ = ("_text", "_matcher", "_layout", "_by_paragraph")

    def __init__(self, text: str, matcher: TopicMatcher, layout: TextLayout) -> None:
        self._text, self._matcher, self._layout = text, matcher, layout
        self._by_paragraph: dict[tuple[int, int], tuple[list[int], list[tuple[int, int, str]]]] = {}

    def within(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """(start, end, synonym) of the synonyms inside [start, end)."""
        if self._matcher.pattern is None:
            return []
        paragraph = self._layout.paragraph_at(start)
        if paragraph[0] == paragraph[1]:
            paragraph = (start, end)
        found = self._by_paragraph.get(paragraph)
        if found is None:
            hits = [(m.start(), m.end(), " ".join(m.group(0).lower().split()))
                    for m in self._matcher.pattern.finditer(self._text, paragraph[0], paragraph[1])]
            found = self._by_paragraph[paragraph] = ([h[0] for h in hits], hits)
        starts, hits = found
        return hits[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)]


@dataclass(frozen=True, slots=True)
class SubjectMatcher:
    """Every country name of the gazetteer as one case-sensitive pattern (the longest
    name wins where two overlap), and the country code each name stands for."""

    pattern: re.Pattern[str] | None
    code_by_name: dict[str, str]


def subject_matcher(rules: Rules) -> SubjectMatcher:
    return rules.derived("subject_matcher", _build_subject_matcher)


@derives("subject_matcher")
def _build_subject_matcher(rules: Rules) -> SubjectMatcher:
    code_by_name = {name: country.code for country in rules.countries for name in country.names}
    if not code_by_name:
        return SubjectMatcher(None, {})
    names = [*code_by_name, *rules.not_countries]
    # spaces match any whitespace and an apostrophe either form; no lookbehind before
    # the names: a pattern that opens with capital letters is searched for them alone,
    # and the word boundary before a match is checked when it is read
    alternation = word_alternation([name.replace("’", "'") for name in names])
    alternation = alternation.replace(r"\ ", r"\s+").replace("'", "['’]")
    return SubjectMatcher(re.compile(rf"(?:{alternation})(?![\w])"), {n.replace("’", "'"): c
                                                                     for n, c in code_by_name.items()})


_JOINED_SUBJECT = re.compile(r"\s*(?:and|&)")


class SubjectHits:
    """The countries one text names, found sentence by sentence on first use."""

    __slots__ = ("_text", "_matcher", "_by_sentence")

    def __init__(self, text: str, matcher: SubjectMatcher) -> None:
        self._text, self._matcher = text, matcher
        self._by_sentence: dict[tuple[int, int], list[tuple[int, int, str]]] = {}

    def _in_sentence(self, sentence: tuple[int, int]) -> list[tuple[int, int, str]]:
        found = self._by_sentence.get(sentence)
        if found is None:
            found = []
            text = self._text
            for match in self._matcher.pattern.finditer(text, sentence[0], sentence[1]):
                if match.start() and (text[match.start() - 1].isalnum() or text[match.start() - 1] == "_"):
                    continue  # inside a word
                code = self._matcher.code_by_name.get(" ".join(match.group(0).replace("’", "'").split()))
                if code is not None:
                    found.append((match.start(), match.end(), code))
            self._by_sentence[sentence] = found
        return found

    def subjects(self, clause: tuple[int, int], sentence: tuple[int, int]) -> tuple[str, ...]:
        """The countries the clause names, else those its sentence names, as sorted codes.

        >>> from factcheck.rules import read_rules
        >>> text = "Kyrgyz and Tajik guards met; Uzbekistan's 1,000 km border was calm."
        >>> hits = SubjectHits(text, subject_matcher(read_rules()))
        >>> hits.subjects((29, 66), (0, 66)), hits.subjects((0, 28), (0, 66))
        (('UZ',), ('KG', 'TJ'))
        """
        if self._matcher.pattern is None:
            return ()
        named = self._in_sentence(sentence)
        in_clause = {code for start, _, code in named if clause[0] <= start < clause[1]}
        # "Bolivia and Chile share a border": the "and" that opens the clause joins a
        # country to the clause's subject rather than starting a new one
        before = [(end, code) for start, end, code in named if start < clause[0]]
        if in_clause and before and _JOINED_SUBJECT.fullmatch(self._text, before[-1][0], clause[0]):
            in_clause.add(before[-1][1])
        return tuple(sorted(in_clause or {code for _, _, code in named}))


_ASIDE = re.compile(r",\s*(?:which|who|whose|where)\b[^,;()]*,")


def outside_asides(hits: list[tuple[int, int, str]], lowered: str, sentence: tuple[int, int],
                   position: int) -> list[tuple[int, int, str]]:
    """The topic hits of a sentence less those inside a relative clause set off by commas
    that the figure at `position` is not in: "Tarvena, which was hardest hit, reported
    900 dead" describes Tarvena with "hit", not the 900."""
    if not hits:
        return hits
    asides = [match.span() for match in _ASIDE.finditer(lowered, *sentence)]
    return [hit for hit in hits if not any(a <= hit[0] < b and not a <= position < b for a, b in asides)]


def nearest_topic(hits: list[tuple[int, int, str]], window: tuple[int, int], anchor: tuple[int, int],
                  matcher: TopicMatcher, dimension: str, family: str | None,
                  implied_only: bool = False) -> tuple[Topic, str] | None:
    """The topic whose synonym stands nearest to the figure inside `window`, among the
    topics that can apply to a figure of this dimension and unit family. `hits` are the
    synonyms found around the figure (`TopicHits.within`), a superset of those in the
    window. With `implied_only`, the family is unknown and any topic that names its
    family matches."""
    best: tuple[int, Topic, str] | None = None
    for start, end, synonym in hits:
        if start < window[0] or end > window[1] or (start < anchor[1] and anchor[0] < end):
            continue
        distance = anchor[0] - end if end <= anchor[0] else start - anchor[1]
        for topic in matcher.topics_by_synonym.get(synonym, ()):
            if dimension not in topic.dimensions:
                continue
            if implied_only and not topic.families:
                continue
            if not implied_only and topic.families and family not in topic.families:
                continue
            if best is None or distance < best[0]:
                best = (distance, topic, synonym)
    return (best[1], best[2]) if best else None


class DateAnchors:
    """The dated mentions of one text, (offset, ISO date) sorted by offset, for finding
    the date nearest a figure by bisection."""

    __slots__ = ("_positions", "_isos")

    def __init__(self, anchors: list[tuple[int, str]]) -> None:
        ordered = sorted(anchors)
        self._positions = [position for position, _ in ordered]
        self._isos = [iso for _, iso in ordered]

    def nearest(self, span: tuple[int, int], start: int, end: int, before_only: bool) -> str | None:
        """The ISO date nearest to `span` among the anchors in [start, end): the nearest
        one before the figure, else (unless `before_only`) the nearest one after it.

        >>> anchors = DateAnchors([(0, "2021"), (30, "2022")])
        >>> anchors.nearest((10, 12), 0, 40, before_only=False), anchors.nearest((10, 12), 5, 40, before_only=True)
        ('2021', None)
        """
        positions = self._positions
        if not positions:
            return None
        low = bisect.bisect_left(positions, start)
        high = bisect.bisect_left(positions, end)
        before_end = min(high, bisect.bisect_left(positions, span[0]))
        if before_end > low:
            return self._isos[before_end - 1]
        if before_only:
            return None
        after = max(low, bisect.bisect_left(positions, span[1]))
        return self._isos[after] if after < high else None
