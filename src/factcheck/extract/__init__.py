"""The extract stage: a document's text in, its numeric claims out.

Order of work for one text:
1. index its lines, sentences and paragraphs (`context.layout_text`);
2. mask what is no figure: dates (emitted as `date` claims), links, footnote markers,
   clock times, phone numbers, list markers and page furniture (`dates`, `noise`);
3. read every number candidate (`numbers`), then around it the currency and qualifier
   before, and the scale, unit or counted noun after (`lexicon`, `qualifiers`);
4. drop what is a name or a reference ("CASA-1000", "Article 51", "the two countries");
5. attach context: measured phrase, topic, and as_of (`context`).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace

from factcheck.extract.context import (
    TextLayout,
    TopicHits,
    clause_bounds,
    content_words,
    layout_text,
    nearest_anchor,
    nearest_topic,
    topic_matcher,
)
from factcheck.extract.dates import DateMention, find_dates
from factcheck.extract.lexicon import Lexicon, UnitEntry, build_lexicon
from factcheck.extract.noise import noise_spans
from factcheck.extract.scan import SpanSet, ascii_lower, hot_windows
from factcheck.extract.numbers import (
    CANDIDATE_PATTERN,
    SCALE_AFTER_PATTERN,
    SCALE_ABBREVIATIONS,
    SCALES,
    ParsedNumber,
    apply_scale,
    parse_digits,
    parse_fraction,
    parse_vague,
    parse_words,
)
from factcheck.extract.qualifiers import find_qualifier, interval
from factcheck.model import Claim, ClaimKind, Qualifier
from factcheck.rules import Rules, Tolerances

__all__ = ["extract_claims", "extract_document_claims"]

CURRENCY_BEFORE_PATTERN = re.compile(
    r"(?:(?P<prefix>US|U\.S\.|C|CA|A|AU|HK|NZ|S)?\$|(?P<symbol>[€£¥₹₽])|\b(?P<code>USD|EUR|GBP|JPY|CNY|RUB|CHF|INR|CAD|AUD|TJS|KGS|KZT|UZS))\s?$"
)
DOLLAR_PREFIXES = {None: "USD", "US": "USD", "U.S.": "USD", "C": "CAD", "CA": "CAD", "A": "AUD", "AU": "AUD",
                   "HK": "HKD", "NZ": "NZD", "S": "SGD"}
CURRENCY_SYMBOLS = {"€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₽": "RUB"}
PERCENT_PATTERN = re.compile(r"\s?(?:%|per\s?cent\b|pct\b\.?)|\s+percentage\s+points?\b", re.IGNORECASE)
GLUED_WORD_PATTERN = re.compile(r"(-?)([A-Za-zµ²³]+[A-Za-z0-9²³/]*)")
ORDINAL_SUFFIX = re.compile(r"(?:st|nd|rd|th)\b")
UNIT_WORD_PATTERN = re.compile(r"[A-Za-z$€£¥µ][A-Za-z0-9$²³/.-]*(?<![.-])")
# Unit symbols that are also English words; after a space they are read as words ("5 in the").
WORD_LIKE_SYMBOLS = frozenset("in at am an as be by do go he if is it me my no of on or so to up us we st pc au ha ct pt "
                              "gr ly Da bit min sec".split())
WORD_PATTERN = re.compile(r"[A-Za-z][A-Za-z'’-]*|[^\sA-Za-z]")
RANGE_AFTER_PATTERN = re.compile(r"\s*(?:[-–—]|\bto\b)\s*(?P<high>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\d,]\d)")
RELATIVE_CLAUSE_PATTERN = re.compile(r"\s+(?:that|who)\s+[^,;:.!?()\n\u2014\u2013]{1,80}")
DECADE_WORDS = re.compile(r"\b(?:an?\s+(?=(?:decade|century)\b)|(?P<plural>decades|centuries)\b)", re.IGNORECASE)

# Words that end a counted noun phrase after a figure.
PHRASE_STOPPERS = frozenset(
    """a an the and or but of to in on at by for from with as than that this these those which who whom
    whose when where while is are was were be been being has have had do does did will would can could
    may might must shall should not it its their his her our your my they he she we you i per each every
    over under about around since until into onto after before between during among against via
    just only more most less least also already still yet ago later earlier""".split()
)
# Words ending in "s" that are not plural nouns.
NOT_PLURAL = frozenset(
    """is was has this its as us his hers ours yours theirs thus plus less across various previous famous
    serious always perhaps whereas yes gas bus status analysis crisis basis process access success
    progress business news series species means politics economics physics this lens bias chaos
    overseas nevertheless unless besides""".split()
)
IRREGULAR_PLURALS = {"people": "people", "men": "man", "women": "woman", "children": "child",
                     "police": "police", "staff": "staff", "personnel": "personnel", "cattle": "cattle",
                     "troops": "troop", "lives": "life", "feet": "foot", "teeth": "tooth", "mice": "mouse"}
# Verbs that end a noun phrase; regular past forms end in -ed and are caught by that.
COMMON_VERBS = frozenset(
    """drew took made said came went saw gave left rose fell grew won lost hit met led ran put set got held told
    found began became brought built bought caught fought kept paid sent spent stood struck thought wrote
    remain remained reach reached stand stands face faces need needs live lives work works die""".split()
)
MONTH_WORDS = frozenset("January February March April May June July August September October November December".split())
DETERMINERS_BEFORE_YEAR = frozenset(
    "the a this that its their in of since by until from between and to late early mid on during before after".split()
)


@dataclass(frozen=True, slots=True)
class UnitReading:
    """What follows a figure: a unit from the lexicon or a counted noun, and where it ends."""

    unit: str | None
    dimension: str
    factor: float
    end: int
    noun_phrase: tuple[str, ...] = ()
    family: str | None = None
    reject: bool = False


def singular(noun: str) -> str:
    """Singular, lower-cased form of a counted noun.

    >>> [singular(w) for w in ["Deaths", "casualties", "people", "Kyrgyzstanis", "crossings"]]
    ['death', 'casualty', 'people', 'kyrgyzstani', 'crossing']
    """
    word = noun.lower()
    if word in IRREGULAR_PLURALS:
        return IRREGULAR_PLURALS[word]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "ches", "shes", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def is_plural_noun(word: str) -> bool:
    lowered = word.lower().rstrip("'’")
    if lowered in IRREGULAR_PLURALS:
        return True
    if word[:1].isupper() and lowered.endswith("is"):
        return True  # a demonym: "Kyrgyzstanis", "Israelis"
    return (len(lowered) > 3 and lowered.endswith("s") and not lowered.endswith(("ss", "us", "is", "'s", "’s"))
            and lowered not in NOT_PLURAL)


def _following_words(text: str, position: int, limit: int) -> list[tuple[str, int]]:
    """Up to `limit` words after `position`, each with its end, while only spaces part them."""
    words = []
    for match in UNIT_WORD_PATTERN.finditer(text, position, min(len(text), position + 80)):
        gap = text[position:match.start()]
        if not gap or gap.strip(" \t\u00a0\u202f"):
            break
        words.append((match.group(0), match.end()))
        position = match.end()
        if len(words) == limit:
            break
    return words


def _read_unit(text: str, position: int, lexicon: Lexicon, rules: Rules, number: ParsedNumber,
               allow_of: bool) -> UnitReading | None:
    """Read the unit or counted noun that starts at `position` (just after the figure)."""
    percent = PERCENT_PATTERN.match(text, position)
    if percent:
        points = "point" in percent.group(0).lower()
        return UnitReading("percentage points" if points else "percent", "percentage", 1.0, percent.end())

    if ORDINAL_SUFFIX.match(text, position):
        return UnitReading(None, "", 1.0, position, reject=True)  # an ordinal: "201st", "3rd"
    glued = GLUED_WORD_PATTERN.match(text, position)
    if glued:
        hyphen, word = glued.groups()
        entry = lexicon.symbols.get(word) or lexicon.surfaces.get(word.lower())
        if entry is not None:
            return UnitReading(entry.unit, entry.dimension, entry.factor, glued.end())
        # "21-gun salute", "TB2x": a compound or a name, not a figure of a unit.
        return UnitReading(None, "", 1.0, position, reject=True)

    words = _following_words(text, position, lexicon.max_words)
    for size in range(len(words), 0, -1):
        phrase = " ".join(word for word, _ in words[:size])
        entry = lexicon.surfaces.get(phrase.lower())
        if entry is None and phrase not in WORD_LIKE_SYMBOLS:
            entry = lexicon.symbols.get(phrase)
        if entry is not None:
            return UnitReading(entry.unit, entry.dimension, entry.factor, words[size - 1][1])
    return _read_counted_noun(text, position, rules, number, allow_of)


def _read_counted_noun(text: str, position: int, rules: Rules, number: ParsedNumber,
                       allow_of: bool) -> UnitReading | None:
    """The counted noun phrase after a figure: modifiers and a plural head ("Kyrgyz
    citizens"), with a restrictive relative clause when one follows."""
    tokens: list[tuple[str, int, int]] = []
    cursor = position
    for match in WORD_PATTERN.finditer(text, position, min(len(text), position + 80)):
        if text[cursor:match.start()].count("\n"):
            break
        word = match.group(0)
        if not word[0].isalpha():
            break
        lowered = word.lower()
        if allow_of and not tokens and lowered == "of":
            cursor = match.end()
            continue
        if lowered in PHRASE_STOPPERS or lowered in COMMON_VERBS:
            break
        if lowered.endswith("ing") and any(is_plural_noun(t[0]) for t in tokens):
            break  # "glaciers accounting for": the participle starts the predicate
        if lowered.endswith("ing") and not tokens and number.value == 1:
            break
        if lowered.endswith("ed") and tokens:
            break
        possessive = word.endswith(("'", "’"))
        if possessive:
            word = word.rstrip("'’")
        tokens.append((word, match.start(), match.start() + len(word)))
        cursor = match.end()
        if len(tokens) == 4 or possessive:
            break  # "the two countries’ borders": the possessor is the counted noun
    head_index = None
    for index, (word, _, _) in enumerate(tokens):
        if is_plural_noun(word) or (number.value == 1 and rules.family_of(word.lower()) is not None):
            head_index = index  # "one person died": a singular head after one
        elif head_index is not None:
            break
    if head_index is None:
        return None
    head_word = tokens[head_index][0]
    head = singular(head_word)
    if head_word[:1].isupper() and head_word.lower().endswith("is"):
        head = head_word.lower()[:-1]
    family = rules.family_of(head)
    if family is None and head_word[0].isupper() and head_word.lower().endswith(("is", "ns", "ks", "es", "ts")):
        family = "people"  # a demonym: "33,388 Kyrgyzstanis", "2,000 Afghans"
    phrase = tuple(w for w, _, _ in tokens[: head_index + 1])
    end = tokens[head_index][2]
    relative = RELATIVE_CLAUSE_PATTERN.match(text, end)
    # After "these"/"those" the set is already identified; the clause only adds to it.
    demonstrative = re.search(r"\b(?:these|those)\s+\S+\s*$", text[max(0, position - 40):position], re.IGNORECASE)
    if relative and not demonstrative:
        # "countries that share the Ferghana Valley": the clause narrows what is counted
        phrase = phrase + tuple(relative.group(0).split())
        end = relative.end()
    unit = "people" if family == "people" and head in ("people", "person") else head
    return UnitReading(unit, "count", 1.0, end, phrase, family or head)


def _claim_id(source: str, start: int, end: int, surface: str) -> str:
    digest = hashlib.sha1(f"{source}\0{start}\0{end}\0{surface}".encode("utf-8")).hexdigest()
    return "c" + digest[:11]


@dataclass(frozen=True, slots=True)
class _Figure:
    """A figure read off the text, before its context is attached."""

    start: int
    end: int
    value: float
    precision: float
    qualifier: Qualifier
    low: float | None
    high: float | None
    unit: str | None
    dimension: str
    family: str | None
    noun_phrase: tuple[str, ...]
    number_start: int
    number_end: int
    reach: int  # end of the figure's own words, counted noun included


def _previous_word(text: str, start: int) -> str:
    match = re.search(r"([A-Za-z][\w.]*)\W*$", text[max(0, start - 30):start])
    return match.group(1) if match else ""


def _follows_name(text: str, start: int) -> bool:
    """Is the figure right after a capitalised word that does not open its sentence?"""
    match = re.search(r"(\S*)\s+([A-Z][a-z]+)\s$", text[max(0, start - 40):start])
    if match is None:
        return False
    before = match.group(1)
    return bool(before) and not before.endswith((".", "!", "?", ":", "\"", "“")) and match.group(2) not in MONTH_WORDS


def _is_reference(text: str, start: int, value: float, noun_phrase: tuple[str, ...], rules: Rules,
                  surface: str) -> bool:
    """"the two countries", "all three Central Asian countries": the figure re-names parties
    the text already named; it counts nothing. "the two poorest countries" still counts."""
    if value not in (2, 3) or not surface.isalpha() or not noun_phrase:
        return False
    before = re.search(r"(\w+)\s+$", text[max(0, start - 20):start])
    determiner = before.group(1).lower() if before else ""
    if not (determiner == "all" or (value == 2 and determiner in ("the", "these", "those", "both"))):
        return False
    *modifiers, head = noun_phrase
    return head.lower() in rules.pair_references and all(word[:1].isupper() for word in modifiers)


def _candidates(text: str, windows: list[tuple[int, int]]):
    for window_start, window_end in windows:
        yield from CANDIDATE_PATTERN.finditer(text, window_start, window_end)


def _read_figures(text: str, rules: Rules, masked: SpanSet, windows: list[tuple[int, int]],
                  years: list[DateMention]) -> list[_Figure]:
    lexicon = build_lexicon(rules)
    tolerances = rules.tolerances
    figures: list[_Figure] = []
    consumed_to = 0
    for match in _candidates(text, windows):
        start, end = match.span()
        if start < consumed_to or masked.overlaps(start, end):
            continue
        kind = match.lastgroup
        surface = match.group(0)
        qualifier = Qualifier.EXACT
        if kind == "digits":
            if surface[0] == "0" and len(surface) > 1 and surface[1] != ".":
                continue  # "06550": a code, not a figure
            if start > 0 and text[start - 1] == "-" and start > 1 and text[start - 2].isalpha():
                prefix = re.search(r"([A-Za-z]+)-$", text[max(0, start - 20):start])
                if prefix and prefix.group(1).lower() not in ("mid", "pre", "post", "late", "early", "over", "under"):
                    continue  # "CASA-1000", "Ebabil-2": part of a name
            number = parse_digits(surface)
        elif kind == "words":
            parsed = parse_words(surface)
            if parsed is None:
                continue
            number = parsed
        elif kind == "fraction":
            following = text[end:end + 5].lower()
            if surface.lower() != "half" and not following.startswith(" of"):
                continue  # "a third crossing" is an ordinal, not a fraction
            if surface.lower() == "half" and not following.startswith(" of"):
                continue
            number = parse_fraction(surface)
        else:
            number = parse_vague(surface)
            qualifier = Qualifier.MORE_THAN

        number_start, number_end = start, end
        # scale word after digits or words: "10 million", "2.5bn"
        scale_match = SCALE_AFTER_PATTERN.match(text, end)
        scaled = False
        if scale_match and kind in ("digits", "words"):
            word = scale_match.group("word")
            abbreviation = scale_match.group("abbr")
            if word and not (kind == "words" and word.lower() in SCALES):
                number = apply_scale(number, SCALES[word.lower()])
                end = scale_match.end()
                scaled = True
            elif abbreviation and kind == "digits":
                key = abbreviation.strip().lower()
                currency_before = CURRENCY_BEFORE_PATTERN.search(text[max(0, start - 6):start])
                if key in ("bn", "mn", "mln", "tn", "trn") or currency_before:
                    number = apply_scale(number, SCALE_ABBREVIATIONS[key])
                    end = scale_match.end()
                    scaled = True

        # a range: "5–8 km", "40 to 55 km"
        range_high: ParsedNumber | None = None
        year_like = kind == "digits" and len(surface) == 4 and surface.isdigit() and 1500 <= number.value <= 2100
        range_match = RANGE_AFTER_PATTERN.match(text, end) if kind == "digits" and not scaled and not year_like else None
        if range_match and not masked.overlaps(range_match.start("high"), range_match.end("high")):
            range_high = parse_digits(range_match.group("high"))
            if range_high.value > number.value:
                end = range_match.end()
            else:
                range_high = None

        # currency before the figure
        currency = None
        left = start
        currency_match = CURRENCY_BEFORE_PATTERN.search(text[max(0, start - 6):start])
        if currency_match:
            if currency_match.group("code"):
                currency = currency_match.group("code")
            elif currency_match.group("symbol"):
                currency = CURRENCY_SYMBOLS[currency_match.group("symbol")]
            else:
                currency = DOLLAR_PREFIXES[currency_match.group("prefix")]
            left = start - len(currency_match.group(0))

        # what follows: unit or counted noun
        reading = None
        if currency is None:
            reading = _read_unit(text, end, lexicon, rules, number, allow_of=kind == "vague")
            if reading is not None and reading.reject:
                continue
        unit_end = end
        if currency:
            unit, dimension, factor, family, noun_phrase = currency, "currency", 1.0, currency, ()
        elif reading is not None:
            unit, dimension, factor, family, noun_phrase = (reading.unit, reading.dimension, reading.factor,
                                                            reading.family or reading.unit, reading.noun_phrase)
            if reading.dimension != "count":
                unit_end = reading.end
        else:
            unit, dimension, factor, family, noun_phrase = None, "number", 1.0, None, ()

        if kind == "fraction":
            unit, dimension, family = "percent", "percentage", "percent"
        # qualifier before the figure (and before its currency)
        found_qualifier = find_qualifier(text[max(0, left - 40):left])
        if found_qualifier:
            if qualifier is Qualifier.EXACT:
                qualifier = found_qualifier[0]
            left -= found_qualifier[1]

        if kind in ("words",) and unit is None and number.value < 1000 and not scaled:
            continue  # a bare number word ("one of", "the two") states nothing
        if kind == "words" and number.value == 1 and (reading is None or reading.dimension == "count"):
            continue  # "one potential avenue", "one or both": idioms and pronouns
        if kind == "digits" and "," not in surface and "." not in surface and not scaled and currency is None \
                and 1500 <= number.value <= 2100 and len(surface) == 4:
            # "2,000 people" may lose its comma; "2019 elections" is a year
            plain_count = (dimension == "count" and rules.family_of(unit or "") is not None
                           and _previous_word(text, start).lower() not in DETERMINERS_BEFORE_YEAR
                           and text[start - 1:start] != "-")
            if dimension in ("number", "count") and not plain_count and found_qualifier is None:
                years.append(DateMention(start, end, surface, int(surface)))
                continue
        if _is_reference(text, start, number.value, noun_phrase, rules, surface):
            continue
        previous = _previous_word(text, start)
        if previous and previous in rules.name_prefixes and currency is None:
            continue  # "Article 51", "Division 3"
        if dimension == "number" and qualifier is Qualifier.EXACT and kind == "digits" and _follows_name(text, start):
            continue  # "Boeing 737", "Apollo 11": a model or mission number


        if range_high is not None:
            low, high = number.value * factor, range_high.value * factor
            value = (low + high) / 2
            qualifier = Qualifier.RANGE
            precision = min(number.precision, range_high.precision) * factor
        else:
            value = number.value * factor
            precision = number.precision * factor
            low, high = interval(value, qualifier, tolerances)
        if dimension == "count" and noun_phrase:
            ordering = re.search(r"\b(last|first|next|past|previous|recent|top|bottom|final|remaining|other)\s+$",
                                 text[max(0, left - 20):left], re.IGNORECASE)
            if ordering:
                noun_phrase = (ordering.group(1).lower(), *noun_phrase)  # "the last two conflicts"
        reach = reading.end if reading is not None else unit_end
        figures.append(_Figure(left, unit_end, value, precision, qualifier, low, high, unit, dimension,
                               family, noun_phrase, number_start, number_end, max(reach, unit_end)))
        consumed_to = unit_end
    figures.extend(_read_decade_words(text, masked, windows, lexicon, tolerances, figures))
    figures.sort(key=lambda figure: figure.start)
    return figures


def _read_decade_words(text: str, masked: SpanSet, windows: list[tuple[int, int]], lexicon: Lexicon,
                       tolerances: Tolerances, figures: list[_Figure]) -> list[_Figure]:
    """"a decade", "a century" and the plurals "decades", "centuries" as durations."""
    found = []
    taken = SpanSet([(f.start, f.end) for f in figures])
    matches = (m for window_start, window_end in windows for m in DECADE_WORDS.finditer(text, window_start, window_end))
    for match in matches:
        if masked.overlaps(match.start(), match.end()) or taken.overlaps(match.start(), match.end()):
            continue
        if match.group("plural"):
            entry = lexicon.surfaces[match.group("plural").lower()]
            count, qualifier, start, end = 2.0, Qualifier.AT_LEAST, match.start(), match.end()
        else:
            word = re.match(r"\s*(\w+)", text[match.end():])
            entry = lexicon.surfaces[word.group(1).lower()]
            count, qualifier, start, end = 1.0, Qualifier.EXACT, match.start(), match.end() + word.end()
        found_qualifier = find_qualifier(text[max(0, start - 40):start])
        if found_qualifier:
            qualifier = found_qualifier[0]
            start -= found_qualifier[1]
        value = count * entry.factor
        low, high = interval(value, qualifier, tolerances)
        found.append(_Figure(start, end, value, entry.factor, qualifier, low, high, entry.unit, entry.dimension,
                             entry.unit, (), match.start(), end, end))
    return found


def _anchors(dates: list[DateMention]) -> list[tuple[int, str]]:
    return sorted((mention.start, mention.iso) for mention in dates if mention.iso)


def _attach_context(text: str, lowered: str, source: str, layout: TextLayout, figures: list[_Figure],
                    anchors: list[tuple[int, str]], rules: Rules) -> list[Claim]:
    matcher = topic_matcher(rules)
    hits = TopicHits(lowered, matcher, layout)
    claims = []
    for index, figure in enumerate(figures):
        sentence = layout.sentence_at(figure.number_start)
        paragraph = layout.paragraph_at(figure.number_start)
        previous_end = figures[index - 1].reach if index > 0 else 0
        next_start = figures[index + 1].start if index + 1 < len(figures) else len(text)
        clause = clause_bounds(text, sentence, figure.start, figure.reach, previous_end, next_start)
        span = (figure.start, figure.end)

        if figure.dimension == "number":
            # "about 12,500 were evacuated": the noun is elided, but the predicate says what is counted
            implied = nearest_topic(hits, clause, span, matcher, "count", None, implied_only=True)
            if implied is not None:
                family = implied[0].families[0]
                figure = replace(figure, dimension="count", family=family, unit=family)
        topic_match = nearest_topic(hits, clause, span, matcher, figure.dimension, figure.family)
        basis = "clause"
        if topic_match is None:
            topic_match = nearest_topic(hits, sentence, span, matcher, figure.dimension, figure.family)
            basis = "sentence"
        if topic_match is None and figure.dimension not in ("count", "number"):
            # a physical measure in a paragraph about one subject: "all 972 kilometers" of the border
            topic_match = nearest_topic(hits, (paragraph[0], figure.start), span, matcher, figure.dimension,
                                        figure.family)
            basis = "paragraph"
        topic = topic_match[0].name if topic_match else None

        # the subject before the figure, what it counts, and the predicate after it
        before = content_words(text[max(clause[0], sentence[0]):figure.start])[-4:]
        after = content_words(text[figure.reach:clause[1]])[:3]
        phrase_words = before + [w.lower() for w in figure.noun_phrase] + after
        measured = " ".join(phrase_words) or (topic_match[0].label if topic_match else "")
        if topic_match and basis != "clause":
            measured = (measured + f" [{topic_match[0].label}]").strip()

        as_of = nearest_anchor(anchors, span, sentence[0], sentence[1], before_only=False)
        as_of_basis = "sentence" if as_of else None
        if as_of is None:
            as_of = nearest_anchor(anchors, span, paragraph[0], figure.start, before_only=True)
            as_of_basis = "paragraph" if as_of else None

        line, column = layout.line_and_column(figure.start)
        surface = text[figure.start:figure.end]
        claims.append(Claim(
            id=_claim_id(source, figure.start, figure.end, surface),
            source=source,
            start=figure.start,
            end=figure.end,
            line=line,
            column=column,
            text=surface,
            sentence=" ".join(text[sentence[0]:sentence[1]].split()),
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
            scope=" ".join(figure.noun_phrase) if len(figure.noun_phrase) > 1 else None,
        ))
    return claims


def _tidy(number: float | None) -> float | None:
    """Round away binary noise (0.1 * 3) so reports are stable and readable."""
    if number is None:
        return None
    return float(f"{number:.10g}")


def _date_claims(text: str, source: str, layout: TextLayout, dates: list[DateMention]) -> list[Claim]:
    claims = []
    for mention in dates:
        if mention.year is None:
            continue
        surface = text[mention.start:mention.end]
        line, column = layout.line_and_column(mention.start)
        sentence = layout.sentence_at(mention.start)
        claims.append(Claim(
            id=_claim_id(source, mention.start, mention.end, surface),
            source=source, start=mention.start, end=mention.end, line=line, column=column,
            text=surface, sentence=" ".join(text[sentence[0]:sentence[1]].split()),
            kind=ClaimKind.DATE, value=float(mention.year), unit=None, dimension="date",
            qualifier=Qualifier.EXACT, low=float(mention.year), high=float(mention.year), precision=1.0,
            measured="date", as_of=mention.iso, as_of_basis="self",
        ))
    return claims


def extract_document_claims(text: str, source: str, rules: Rules) -> list[Claim]:
    """All claims of one text, quantities and dates, in order of position."""
    lowered = ascii_lower(text)
    windows = hot_windows(text, lowered)
    if not windows:
        return []
    layout = layout_text(text)
    dates = find_dates(text, windows)
    masked = SpanSet([(d.start, d.end) for d in dates] + noise_spans(text, windows))
    years: list[DateMention] = []
    figures = _read_figures(text, rules, masked, windows, years)
    all_dates = sorted(dates + years, key=lambda mention: mention.start)
    claims = _attach_context(text, lowered, source, layout, figures, _anchors(all_dates), rules)
    claims.extend(_date_claims(text, source, layout, all_dates))
    claims.sort(key=lambda claim: (claim.start, claim.end))
    return claims


def extract_claims(text: str, rules: Rules | None = None) -> list[Claim]:
    """Every numeric claim in `text`: quantities with unit, interval and context, and dates.

    >>> claims = extract_claims("The 2022 conflict left more than 100 people dead.")
    >>> [(c.kind.value, c.text, c.value, c.unit, c.qualifier.value, c.low, c.high) for c in claims]
    [('date', '2022', 2022.0, None, 'exact', 2022.0, 2022.0), ('quantity', 'more than 100', 100.0, 'people', 'more_than', 100.0, None)]
    >>> claims[1].measured, claims[1].as_of
    ('conflict left people dead', '2022')
    """
    from factcheck.rules import load_rules

    return extract_document_claims(text, "", rules if rules is not None else load_rules())
