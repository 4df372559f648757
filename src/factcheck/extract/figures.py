"""Reading figures: every number candidate in the hot windows, with the currency and
qualifier before it, the scale word, range end and unit after it (or the few units
written before it, "magnitude 7.1"), and the checks that drop names ("F-16",
"Article 5") and references ("the two countries").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from factcheck.extract.dates import DateMention
from factcheck.extract.lexicon import Lexicon, UnitEntry, build_lexicon
from factcheck.extract.numbers import (
    CANDIDATE_PATTERN,
    NUMBER_RUN,
    SCALE_ABBREVIATIONS,
    SCALE_AFTER_PATTERN,
    SCALES,
    SCALES_AFTER_DIGITS,
    NotAFigure,
    ParsedNumber,
    apply_scale,
    parse_digits,
    parse_fraction,
    parse_idiom,
    parse_over,
    parse_scaled_fraction,
    parse_slash_fraction,
    parse_vague,
    parse_vulgar_fraction,
    parse_words,
)
from factcheck.extract.patterns import word_alternation
from factcheck.extract.qualifiers import TRAILING_QUALIFIER, TRAILING_QUALIFIERS, find_qualifier, interval
from factcheck.extract.scan import SpanSet, windows_around
from factcheck.extract.units import (
    NOMINAL_ADJECTIVES,
    UnitReading,
    is_plural_noun,
    is_superlative,
    per_item,
    read_unit,
    singular,
)
from factcheck.extract.words import word_set
from factcheck.model import Qualifier
from factcheck.rules import Rules, Tolerances, derives

# A dollar names its country before or after the sign ("US$", "$US", "A$", "$A"), or
# before it with a space ("US $"; only for codes of two letters or more, since "A $5"
# opens a sentence with an article). Rupees are also written "Rs" and "Rs.".
CURRENCY_BEFORE_PATTERN = re.compile(
    r"(?:(?P<prefix>US|U\.S\.|C|CA|A|AU|HK|NZ|S|R|NT|Mex|MX)?\$(?P<suffix>US|AU|A|NZ|HK|CA|C)?"
    r"|(?<![A-Za-z.])(?P<spaced>US|U\.S\.|AU|HK|NZ)\s\$"
    r"|(?P<symbol>[€£¥₹₽₩₦₺₴₱₫₡₾₭₸₪])"
    r"|\b(?P<code>USD|EUR|GBP|JPY|CNY|RUB|CHF|INR|CAD|AUD|TJS|KGS|KZT|UZS)"
    r"|\b(?P<rupees>Rs)\.?|\b(?P<local>RM|Rp|KSh|Tk))\s?$"
)
# or the last capital of a code ("USD"), or the end of "Rs" and "Rs."
CURRENCY_LAST_CHARACTERS = frozenset("$€£¥₹₽₩₦₺₴₱₫₡₾₭₸₪s.phk")
DOLLAR_PREFIXES = {None: "USD", "US": "USD", "U.S.": "USD", "C": "CAD", "CA": "CAD", "A": "AUD", "AU": "AUD",
                   "HK": "HKD", "NZ": "NZD", "S": "SGD", "R": "BRL", "NT": "TWD", "Mex": "MXN", "MX": "MXN"}
# currencies written before the figure by a local abbreviation: "RM49", "Rp 5,000", "KSh 300"
LOCAL_CURRENCY_PREFIXES = {"RM": "MYR", "Rp": "IDR", "KSh": "KES", "Tk": "BDT"}
CURRENCY_SYMBOLS = {"€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₽": "RUB", "₩": "KRW", "₦": "NGN", "₺": "TRY",
                    "₴": "UAH", "₱": "PHP", "₫": "VND", "₡": "CRC", "₾": "GEL", "₭": "LAK", "₸": "KZT", "₪": "ILS"}
# The link between the ends of a range and the end's digits: "5–8", "40 to 55", "8- to 16-".
RANGE_LINK_PATTERN = re.compile(
    r"(?:\s*(?P<link>[–—])\s*|(?P<link2>-)|-?\s+(?P<link3>to|and)\s+(?P<sign>[-−])?)"
    r"(?P<currency>(?:US|[A-Z]{1,2})?\$|[€£¥₹₽])?"  # "between $4 billion and $6 billion"
    r"(?P<high>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?![\d]|,\d)"
)
RANGE_OPENER_PATTERN = re.compile(r"\b(?P<opener>between|from)\s+$", re.IGNORECASE | re.ASCII)
CHANGE_VERB_PATTERN = re.compile(
    r"\b(?:rose|risen|rise|rising|fell|fallen|fall|falling|increased?|increasing|decreased?|decreasing|grew|grown|"
    r"grow|growing|dropped|drop|declined?|climbed?|jumped?|surged?|soared?|slipped|slid|reduced|reduce|raised?|cut|"
    r"went|moved?|changed?|up|down|doubled|halved|expanded|shrank|widened|narrowed)\b[\w\s,]{0,25}$",
    re.IGNORECASE | re.ASCII,
)
DECADE_WORDS = re.compile(r"\b(?:an?\s+(?P<single>decade|century)|(?P<plural>decades|centuries))\b",
                          re.IGNORECASE | re.ASCII)

DECADE_REACH = (len("an  "), len("ies"))  # how far a match reaches before "decade" and after "centur"
CLAUSE_END = re.compile(r"\s*(?:[.!?;,]|$)")
ORDERING_WORDS = word_set("ordering_words")
BARE_SCALE_WORDS = frozenset({"thousand", "million", "billion", "trillion", "lakh", "crore"})
MONTH_WORDS = word_set("month_words")
DETERMINERS_BEFORE_YEAR = word_set("determiners_before_year")


@dataclass(frozen=True, slots=True)
class Figure:
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


# what may end the word before a sentence's (or a quotation's) first word
SENTENCE_BREAKS = (".", "!", "?", ":", "\"", "“")


def _previous_word(text: str, start: int) -> str:
    """The word before the figure, without its punctuation ("Article" in "Article 5")."""
    words = text[max(0, start - 30):start].split()
    return words[-1].strip(",;:()[]\"“”'’") if words else ""


def _follows_name(text: str, start: int) -> bool:
    """Is the figure right after a capitalised word that does not open its sentence?"""
    if start < 2 or text[start - 1] != " " or not text[start - 2].isalpha():
        return False
    tokens = text[max(0, start - 40):start].split()
    if len(tokens) < 2:
        return False
    before, word = tokens[-2], tokens[-1]
    # a word that opens its line opens a row or a heading, like a sentence's first word
    opens_line = "\n" in text[max(0, start - 40):start].rstrip()[-len(word) - 1:]
    return (word[:1].isupper() and word[1:].isalpha() and word[1:].islower() and word not in MONTH_WORDS
            and not before.endswith(SENTENCE_BREAKS) and not opens_line)


def _names_a_thing(text: str, start: int, end: int) -> bool:
    """"the Four Rivers", "Peru's Seven Lakes": a number word written with a capital
    inside a sentence, after a lower-case word or a possessive and before another capital,
    is part of a name. At a sentence's start or in a title-case headline it still counts."""
    if not text[start:start + 1].isupper():
        return False
    following = re.match(r"[\s-]+([A-Za-z]+)", text[end:end + 30])
    if following is None or not following.group(1)[:1].isupper():
        return False
    words = text[max(0, start - 40):start].split()
    if not words:
        return False
    previous = words[-1]
    if previous.endswith(SENTENCE_BREAKS):
        return False
    return previous.isalpha() and previous.islower() or previous.endswith(("'s", "’s"))


def _is_reference(text: str, start: int, value: float, noun_phrase: tuple[str, ...], rules: Rules,
                  surface: str) -> bool:
    """"the two countries", "all three Baltic states": the figure re-names parties
    the text already named; it counts nothing. "the two poorest countries" still counts."""
    if value not in (2, 3) or not surface.isalpha():
        return False
    before = re.search(r"(\w+)\s+$", text[max(0, start - 20):start])
    determiner = before.group(1).lower() if before else ""
    if not (determiner == "all" or (value == 2 and determiner in ("the", "these", "those", "both"))):
        return False
    if not noun_phrase:
        return True  # "talks between the two"
    *modifiers, head = noun_phrase
    return head.lower() in rules.pair_references and all(word[:1].isupper() for word in modifiers)


def _candidates(text: str, starts: list[int]):
    """The number candidates, tried only where one can begin (see scan.candidate_starts)."""
    end = 0
    for position in starts:
        if position < end:
            continue
        match = CANDIDATE_PATTERN.match(text, position)
        if match is not None:
            end = match.end()
            yield match


def _parse_candidate(match: re.Match, text: str) -> ParsedNumber | None:
    """The number a candidate writes, or None where it is part of a code or a name."""
    kind, surface, start, end = match.lastgroup, match.group(0), match.start(), match.end()
    if kind == "digits":
        plain = surface.lstrip("+-−")
        if plain[0] == "0" and len(plain) > 1 and plain[1] not in ".,":
            return None  # "06550": a code, not a figure
        if start > 1 and text[start - 1] == "-" and text[start - 2].isalpha():
            prefix = re.search(r"([A-Za-z]+)-$", text[max(0, start - 20):start])
            if prefix and prefix.group(1).lower() not in ("mid", "pre", "post", "late", "early", "over", "under", "sub",
                                                          "minus",
                                                          *UNITS_WRITTEN_BEFORE):
                return None  # "F-16", "Su-25": part of a name; "magnitude-8" is a measure
        try:
            return parse_digits(surface)
        except NotAFigure:
            return None
    if kind == "words":
        if _names_a_thing(text, start, end) or text[max(0, start - 4):start].lower() == "sub-":
            return None  # "the Four Rivers"; "sub-zero" is an idiom, no bound
        return parse_words(surface)
    if kind == "scaled":
        return parse_scaled_fraction(surface)
    if kind == "slash":
        mixed = len(surface.split()) == 2
        numerator, denominator = (int(p) for p in surface.split()[-1].split("/"))
        # "9/11", "24/7" are names; a fraction is proper, or mixed, or measures something
        if denominator < 2 or (numerator >= denominator and not mixed):
            return None
        if not mixed and not re.match(r"\s*(?:of\b|[A-Za-zµ])", text[end:end + 3]):
            return None
        return parse_slash_fraction(surface)
    if kind == "vulgar":
        try:
            return parse_vulgar_fraction(surface)
        except NotAFigure:
            return None
    if kind == "over":
        return parse_over(surface)
    if kind == "idiom":
        low, high, scale = parse_idiom(surface)
        return ParsedNumber((low + high) / 2, scale, vague=True)
    if kind == "fraction":
        number = parse_fraction(surface)
        if number is None or not number.is_fraction:
            return number  # a mixed or scaled fraction is a number: "three and a fifth", "half million"
        following = text[end:end + 4].lower()
        if not following.startswith(" of") and not re.match(r"[\s-]+[a-z]", following) \
                and not CLAUSE_END.match(text, end):
            return None
        return number
    return parse_vague(surface)


NEXT_WORD = re.compile(r"\s+([A-Za-z]+)")


WORD_ABBREVIATIONS = frozenset({"bn", "bln", "mn", "mln", "tn", "trn", "tln"})
# The high end of a range that writes the same scale letter: "4k-15k", "2m to 3m".
SAME_LETTER_RANGE_END = re.compile(r"\s*(?:[-–—]|to)\s*\d[\d.,]*(?P<letter>[kKmM])\b")


def _scale_letter_counts(text: str, position: int, letter: str, lexicon: Lexicon) -> bool:
    """Is the letter "k" or "m" after digits a scale, by what follows it? It is before a
    counted noun ("30k jobs", "2.3m people", "the 1.3m displaced"), also past a range's
    high end written with the same letter ("4k-15k jobs"), and "k" before a unit ("0.5k
    miles"). Else "m" is metres: "a 180m bridge", "14m high"."""
    key = letter.lower()
    if key not in ("k", "m"):
        return False
    range_end = SAME_LETTER_RANGE_END.match(text, position)
    if range_end is not None and range_end.group("letter").lower() == key:
        position = range_end.end()
    word_match = NEXT_WORD.match(text, position)
    if word_match is None:
        # "a salary of 100k.": "k" ends its clause; "m" alone is still metres ("14m.")
        return key == "k" and CLAUSE_END.match(text, position) is not None
    if key == "k" and text[position:position + 1] == ",":
        return True  # "paid 10k, ...", a scale, never a unit, before a comma
    word = word_match.group(1)
    if key == "k" and (word.lower() in lexicon.surfaces or word.lower() in ("a", "an", "per", "each")):
        return True
    return word.lower() in NOMINAL_ADJECTIVES or is_plural_noun(word)


# a sign in words right before a figure (or its currency): "minus 18 degrees", "minus-7 yards"
SIGN_WORD = re.compile(r"\b(?:minus|negative)[\s-]+$", re.IGNORECASE)
AND_A_SHARE = re.compile(r"\s+and\s+(?:a|one)\s+(half|quarter)\b(?!\s+(?:of|an?)\b)", re.IGNORECASE)
HUNDRED_AFTER_DIGITS = re.compile(r"\s+hundred\b(?!\s+(?:thousand|million|billion|hours?)\b)", re.IGNORECASE)


def _read_scale(match: re.Match, text: str, number: ParsedNumber, end: int,
                lexicon: Lexicon) -> tuple[ParsedNumber, int, float]:
    """A scale after the figure: "10 million", "2.5bn", "$250M", "$2.1T", "15 lakh",
    "2 lakh crore". Returns the scaled number, where the scale ends and the scale."""
    kind = match.lastgroup
    scale_match = SCALE_AFTER_PATTERN.match(text, end)
    if scale_match is None and kind == "digits" and "," not in match.group(0) \
            and text[end + 1:end + 8].lower() == "hundred":
        hundred = HUNDRED_AFTER_DIGITS.match(text, end)
        if hundred is not None:  # "3 hundred", "2.12 hundred"; not "1,200 hundred" nor "13 hundred hours"
            return apply_scale(number, 100.0), hundred.end(), 100.0
    if scale_match is None or kind not in ("digits", "words"):
        return number, end, 1.0
    word, abbreviation = scale_match.group("word"), scale_match.group("abbr")
    if word and not (kind == "words" and word.lower() in SCALES):
        scale, end = SCALES_AFTER_DIGITS[word.lower()], scale_match.end()
        # a scale of a scale: "2 lakh crore", "5 thousand million"
        second = SCALE_AFTER_PATTERN.match(text, end)
        if second is not None and second.group("word"):
            scale, end = scale * SCALES_AFTER_DIGITS[second.group("word").lower()], second.end()
        scaled = apply_scale(number, scale)
        half = AND_A_SHARE.match(text, end)
        if half is not None and scale >= 1_000:  # "3 million and a half": half of the scale word
            share = 0.5 if half.group(1).lower() == "half" else 0.25
            scaled = ParsedNumber(scaled.value + share * scale, share * scale, scaled.vague, scaled.is_fraction)
            end = half.end()
        return scaled, end, scale
    if abbreviation and kind == "digits":
        key = abbreviation.strip().lower()
        start = match.start()
        # a single letter is a scale after a currency ("$250M"), or by what follows it
        # (`_scale_letter_counts`); "5m" alone is five metres
        if key in WORD_ABBREVIATIONS or _scale_letter_counts(text, scale_match.end(), abbreviation, lexicon) \
                or CURRENCY_BEFORE_PATTERN.search(text[max(0, start - 7):start]):
            scale = SCALE_ABBREVIATIONS[key]
            return apply_scale(number, scale), scale_match.end(), scale
    return number, end, 1.0


# Units written before their number ("magnitude 7.1", "magnitude-8", "Mw 6.8"); the
# lexicon says what each names.
UNITS_WRITTEN_BEFORE = ("magnitude",)
UNIT_BEFORE_PATTERN = re.compile(r"(?:\b(?P<word>(?i:magnitude))[\s-]|\b(?P<symbol>Mw)\s)$")


def _read_unit_before(text: str, start: int, lexicon: Lexicon) -> tuple[UnitEntry, int] | None:
    """The unit written right before the figure, and where it starts; or None."""
    found = UNIT_BEFORE_PATTERN.search(text, max(0, start - 12), start)
    if found is None:
        return None
    entry = lexicon.surfaces.get(found.group("word").lower()) if found.group("word") \
        else lexicon.symbols.get(found.group("symbol"))
    return (entry, found.start()) if entry is not None else None


def _read_currency_before(text: str, start: int) -> tuple[str | None, int]:
    """The currency written before the figure ("$", "US$", "$US", "US $", "€", "EUR ",
    "USD", "Rs") and where it starts."""
    last = text[start - 1:start]
    if last.isspace():
        last = text[start - 2:start - 1] if start > 1 else ""
    if not last or not (last in CURRENCY_LAST_CHARACTERS or "A" <= last <= "Z"):
        return None, start  # most figures: no symbol and no code ends right before them
    currency_match = CURRENCY_BEFORE_PATTERN.search(text[max(0, start - 7):start])
    if not currency_match:
        return None, start
    if currency_match.group("code"):
        currency = currency_match.group("code")
    elif currency_match.group("symbol"):
        currency = CURRENCY_SYMBOLS[currency_match.group("symbol")]
    elif currency_match.group("rupees"):
        currency = "INR"
    elif currency_match.group("local"):
        currency = LOCAL_CURRENCY_PREFIXES[currency_match.group("local")]
    else:
        country = currency_match.group("prefix") or currency_match.group("suffix") or currency_match.group("spaced")
        currency = DOLLAR_PREFIXES[country]
    return currency, start - len(currency_match.group(0))


@dataclass(frozen=True, slots=True)
class RangeEnd:
    """The upper end of a range: its number (scaled), where its words end, where the
    range's opening word starts, and the scale the low end shares when the range writes
    its scale once ("$3-4 billion")."""

    high: ParsedNumber
    end: int
    opening: int
    shared_scale: float = 1.0


DASH_LINKS = ("-", "–", "—")


def _read_range_end(text: str, position: int, left: int, masked: SpanSet, low: ParsedNumber,
                    low_scale: float = 1.0, currency: str | None = None,
                    lexicon: Lexicon | None = None) -> RangeEnd | None:
    """The upper end of a range that starts with `low` (scaled by `low_scale`): "5–8",
    "40 to 55", "between 44 and 50", "from 10 to 12", "$3-4 billion", "4k-15k",
    "between $4 billion and $6 billion"."""
    link = RANGE_LINK_PATTERN.match(text, position)
    if link is None or masked.overlaps(link.start("high"), link.end("high")):
        return None
    word = (link.group("link") or link.group("link2") or link.group("link3")).lower()
    opener = RANGE_OPENER_PATTERN.search(text[max(0, left - 30):left])
    if word == "and" and not (opener and opener.group("opener").lower() == "between"):
        return None  # "40 and 55" without "between" is two figures
    if opener and opener.group("opener").lower() == "from" and CHANGE_VERB_PATTERN.search(
            text[max(0, left - 40):left - len(opener.group(0))]):
        return None  # "rose from 40 to 55": a change, not a range
    if link.group("currency") and (currency is None or not (opener or word in DASH_LINKS or (
            word == "to" and not CHANGE_VERB_PATTERN.search(text[max(0, left - 40):left])))):
        return None  # "raised by $2 billion to $12 billion": two figures, a change; "$41 to $45" is a range
    try:
        high = parse_digits((link.group("sign") or "") + link.group("high"))
    except NotAFigure:
        return None
    low_written = low.value / low_scale
    if high.value == low_written or (high.value < low_written and word not in ("to", "and")):
        return None  # "2-1" is a score; "from -18 to -34" runs downwards
    end = link.end("high")
    high_scale = 1.0
    scale_match = SCALE_AFTER_PATTERN.match(text, end)
    if scale_match and scale_match.group("word"):
        high_scale = SCALES_AFTER_DIGITS[scale_match.group("word").lower()]
    elif scale_match and scale_match.group("abbr"):
        letter = scale_match.group("abbr").strip()
        key = letter.lower()
        # the end's letter is a scale as the start's was, or as it would be alone
        if key in WORD_ABBREVIATIONS or currency is not None or SCALE_ABBREVIATIONS[key] == low_scale != 1 \
                or (lexicon is not None and _scale_letter_counts(text, scale_match.end(), letter, lexicon)):
            high_scale = SCALE_ABBREVIATIONS[key]
    if high_scale != 1:
        high = apply_scale(high, high_scale)
        end = scale_match.end()
    # a scale written once serves both ends when the start is below the end as written:
    # "3-4 billion", "between 1 and 2 million"; not "between 800 and 1.2 million"
    shared = high_scale if low_scale == 1 and high_scale != 1 and low.value < high.value / high_scale else 1.0
    if word in DASH_LINKS and high.value <= low.value * shared:
        return None  # "2 million-3": no range runs down a dash
    opening = left - len(opener.group(0)) if opener and word in ("and", "to") else left
    return RangeEnd(high, end, opening, shared)


VAGUE_OF = re.compile(r"\s+of(?=\s)", re.IGNORECASE)
# a model's name and number between a count and what it counts: "40 Boeing 737 jets"
MODEL_BETWEEN = re.compile(r"\s+([A-Z][\w&-]*)\s+[A-Z]?\d[\w-]*(?=\s)")
# the second year of a period: "2023-24", "2024/25", "2019-2020"
PERIOD_AFTER = re.compile(r"[-–/](\d{4}|\d{2})(?![\d%])(?![-–/]\d)")
# the second number of a score or a tally: "3-1", "52-48"
SCORE_AFTER = re.compile(r"[-–](\d{1,3})(?![\d%]|[.,]\d)(?!\s*(?:percent|per\s*cent)\b)")


MAX_PERIOD_YEARS = 30


def _next_year(year: int, written: str) -> bool:
    """Is `written` ("24", "2024") a later year than `year`, as a period writes its
    end ("2023-24", "2010-12")? "2019-20" is a season; "2019-1" is not a period."""
    following = int(written) if len(written) == 4 else year // 100 * 100 + int(written)
    return year < following <= year + MAX_PERIOD_YEARS


# the cents after a sum in a currency's name: "3 dollars 50 cents"
CENTS_AFTER = re.compile(rf"(?:,?\s+and)?\s+(?:(?P<digits>\d{{1,2}})|(?P<words>{NUMBER_RUN}))\s+cents?\b",
                         re.IGNORECASE)
# an age: "a 44-year-old", "five years old", "95 years of age", "87 yo"; "aged 51", "age
# 87"; and a person's age set off by commas after a name ("Osei, 51, said")
AGE_AFTER = re.compile(r"(?:[\s-]+|-)(?P<unit>years?|yrs?|months?|weeks?|days?)[\s-]+old\b"
                       r"|\s+(?P<unit_of>years?|months?|weeks?|days?)\s+of\s+age\b"
                       r"|\s*(?P<short>yo|y/o|y\.o\.)(?![\w/])", re.IGNORECASE)
AGE_BEFORE = re.compile(r"\b(?:aged|age)\s+$", re.IGNORECASE)
AGE_APPOSITION = re.compile(r"(?-i:[A-Z][\w'’-]+),\s+$")
AGE_APPOSITION_AFTER = re.compile(r",\s+(?:said|says|told|who|was|is|has|had|and|from|of|a|an|the)\b")
MAX_AGE = 130


def _read_age(text: str, left: int, end: int, number: ParsedNumber) -> UnitReading | None:
    """The age a figure states, as a unit "years of age" (or months, weeks, days of
    age) of dimension "age"; None for any other figure."""
    if not 0 <= number.value <= MAX_AGE:
        return None
    following = text[end:end + 16].lower()
    after = AGE_AFTER.match(text, end) if ("old" in following or "age" in following or "y" in following[:4]) \
        else None
    if after is not None:
        word = (after.group("unit") or after.group("unit_of") or "years").lower()
        unit = {"y": "years", "m": "months", "w": "weeks", "d": "days"}[word[0]]
        return UnitReading(f"{unit} of age", "age", 1.0, after.end(), family=f"{unit} of age")
    whole = number.value == int(number.value)
    if whole and text[left - 2:left - 1] in ("e", "d", "E", "D") and AGE_BEFORE.search(text, max(0, left - 8), left):
        return UnitReading("years of age", "age", 1.0, end, family="years of age")
    if whole and text[left - 2:left] == ", " and text[end:end + 1] == "," \
            and AGE_APPOSITION.search(text, max(0, left - 30), left) and AGE_APPOSITION_AFTER.match(text, end):
        return UnitReading("years of age", "age", 1.0, end, family="years of age")
    return None


WORD_RANGE_LINK = re.compile(rf"\s+(?P<link>and|to)\s+(?P<high>(?:an?\s+)?{NUMBER_RUN})\b", re.IGNORECASE)


def _read_word_range_end(text: str, position: int, left: int, low: ParsedNumber) -> RangeEnd | None:
    """The upper end of a range in words, which "between" or "from" opens: "between ten
    and fifteen people" is [10, 15], never 25; "rose from ten to twelve" is a change."""
    opener = RANGE_OPENER_PATTERN.search(text[max(0, left - 30):left])
    link = WORD_RANGE_LINK.match(text, position)
    if opener is None or link is None:
        return None
    if (link.group("link").lower() == "and") != (opener.group("opener").lower() == "between"):
        return None  # "between ... and", "from ... to"
    if opener.group("opener").lower() == "from" and CHANGE_VERB_PATTERN.search(
            text[max(0, left - 40):left - len(opener.group(0))]):
        return None
    high = parse_words(link.group("high"))
    if high is None or high.value <= low.value:
        return None
    # a scale written once serves both ends: "between two and three million"
    last = link.group("high").lower().split()[-1]
    scale = float(SCALES.get(last, 1)) if last != "hundred" else 1.0
    shared = scale if scale > 1 and low.value < high.value / scale else 1.0
    return RangeEnd(high, link.end(), left - len(opener.group(0)), shared)


@dataclass(frozen=True, slots=True)
class ReadFigure:
    """A figure as read so far, before the checks that may reject it: its number as
    written (`kind` is the candidate's group: digits, words, fraction ...), the currency
    before it, the unit or counted noun after it, its qualifier and its range end."""

    kind: str
    surface: str
    start: int
    number_end: int
    number: ParsedNumber
    scaled: bool
    currency: str | None
    reading: UnitReading | None
    unit: str | None
    dimension: str
    qualifier: Qualifier
    found_qualifier: tuple[Qualifier, int] | None
    range_end: RangeEnd | None
    noun_phrase: tuple[str, ...]


YEAR = "a year, not a count"


def _year_like(kind: str, surface: str, number: ParsedNumber) -> bool:
    """Four plain digits that can be a year ("2019"), not yet told from a count."""
    return kind == "digits" and len(surface) == 4 and surface.isdigit() and 1500 <= number.value <= 2100  # the one rejection that keeps the figure, as a date


def _bare_one(read: ReadFigure, text: str, rules: Rules) -> bool:
    """"one of", "no one": a bare "one" states nothing."""
    return read.kind == "words" and read.unit is None and read.number.value == 1 and not read.scaled


def _scale_of_an_unread_figure(read: ReadFigure, text: str, rules: Rules) -> bool:
    """"R76 billion": the scale word of a figure not read is never a billion of its own."""
    start = read.start
    return (read.kind == "words" and read.surface.lower() in BARE_SCALE_WORDS and text[start - 1:start].isspace()
            and text[max(0, start - 2):start - 1].isalnum())


def _one_as_a_pronoun(read: ReadFigure, text: str, rules: Rules) -> bool:
    """"one potential avenue", "one or both": "one" before no counted family is an idiom."""
    reading = read.reading
    return (read.kind == "words" and read.number.value == 1 and (reading is None or reading.dimension == "count")
            and not (reading and rules.family_of(reading.unit or "")))


def _a_year(read: ReadFigure, text: str, rules: Rules) -> bool:
    """"2019 elections", "up to 2019": four digits of a year, with no scale, currency,
    range or counted family after a determiner ("2,000 people" may lose its comma)."""
    surface, start = read.surface, read.start
    if not _year_like(read.kind, surface, read.number):
        return False
    if read.scaled or read.currency is not None or read.range_end is not None:
        return False
    plain_count = (read.dimension == "count" and rules.family_of(read.unit or "") is not None
                   and _previous_word(text, start).lower() not in DETERMINERS_BEFORE_YEAR
                   and text[start - 1:start] != "-")
    found = read.found_qualifier
    # "up to 2019", "until 2030": a bound in time, with no counted noun
    bound_in_time = found is not None and read.dimension == "number" and \
        text[found[1]:start].strip().lower() in ("up to", "until", "till", "through")
    return read.dimension in ("number", "count") and not plain_count and (found is None or bound_in_time)


def _a_reference(read: ReadFigure, text: str, rules: Rules) -> bool:
    """"the two countries": a number that re-names parties already named (`_is_reference`)."""
    return _is_reference(text, read.start, read.number.value, read.noun_phrase, rules, read.surface)


def _after_a_name_prefix(read: ReadFigure, text: str, rules: Rules) -> bool:
    """"Article 5", "Division 3", "the S&P 500": a number that is part of a name."""
    previous = _previous_word(text, read.start)
    return bool(previous) and previous in rules.name_prefixes and read.currency is None


def _a_model_number(read: ReadFigure, text: str, rules: Rules) -> bool:
    """"Boeing 737", "Apollo 11": a bare number right after a name, never scaled nor
    written with a thousands separator ("Homes Lost 3 million", "Deaths Recorded 1,200"
    stay figures)."""
    return (read.dimension == "number" and read.qualifier is Qualifier.EXACT and read.kind == "digits"
            and read.range_end is None and not read.scaled and "," not in read.surface
            and _follows_name(text, read.start))


# The checks a read figure must pass, in order; the first that holds rejects it, for
# the reason given. A year is rejected as a count and kept as a date by the caller.
REJECTIONS = (
    ("a bare 'one'", _bare_one),
    ("the scale word of an unread figure", _scale_of_an_unread_figure),
    ("'one' as a pronoun", _one_as_a_pronoun),
    (YEAR, _a_year),
    ("a reference to parties already named", _a_reference),
    ("part of a name", _after_a_name_prefix),
    ("a model number", _a_model_number),
)


def rejection(read: ReadFigure, text: str, rules: Rules) -> str | None:
    """Why a read figure is no figure (one of the reasons in `REJECTIONS`), or None.

    >>> from factcheck.rules import read_rules
    >>> read = ReadFigure("digits", "5", 8, 9, ParsedNumber(5.0, 1.0), False, None, None, None, "number",
    ...                   Qualifier.EXACT, None, None, ())
    >>> rejection(read, "Article 5 applies", read_rules())
    'part of a name'
    """
    for reason, rejects in REJECTIONS:
        if rejects(read, text, rules):
            return reason
    return None


def read_figures(text: str, lowered: str, rules: Rules, masked: SpanSet, starts: list[int],
                 years: list[DateMention]) -> list[Figure]:
    """Every figure that starts at one of `starts` (or is a decade word), in order; bare
    years found on the way are added to `years` (the caller's list), since only here is
    it known that "2019" is no count."""
    lexicon = build_lexicon(rules)
    tolerances = rules.tolerances
    figures: list[Figure] = []
    consumed_to = 0
    for match in _candidates(text, starts):
        start, end = match.span()
        if start < consumed_to or masked.overlaps(start, end):
            continue
        kind = match.lastgroup
        surface = match.group(0)
        number = _parse_candidate(match, text)
        if number is None:
            continue
        qualifier = Qualifier.MORE_THAN if kind == "vague" else Qualifier.EXACT
        number_start = start
        number, end, scale = _read_scale(match, text, number, end, lexicon)
        if kind in ("scaled", "over") or (kind == "fraction" and not number.is_fraction):
            kind = "words"  # "half a million" reads on as "five hundred thousand" would
        number_end = end
        scaled = end != match.end()
        year_like = _year_like(kind, surface, number)
        if year_like:
            period = PERIOD_AFTER.match(text, number_end)
            if (period is not None and _next_year(int(surface), period.group(1))) or text[start - 2:start] == "FY":
                # "fiscal 2023-24", "FY2024/25", "the 2019-20 season", "in 2010-12": a period, no count
                period_end = period.end() if period is not None and _next_year(int(surface), period.group(1)) \
                    else number_end
                years.append(DateMention(start, period_end, surface, int(surface)))
                consumed_to = period_end
                continue
        currency, left = _read_currency_before(text, start)
        if currency is None and text[start - 1:start].isalpha():
            continue  # digits glued to letters are a figure only after a currency code ("$US7")
        score = SCORE_AFTER.match(text, number_end) if text[number_end:number_end + 1] in ("-", "–") \
            and kind == "digits" and currency is None and surface.isdigit() and len(surface) <= 3 \
            and number_end == match.end() else None
        if score is not None and int(score.group(1)) <= number.value:
            consumed_to = score.end()  # "won 3-1", "a 52-48 vote": a score or a tally, no counts
            continue
        sign = SIGN_WORD.search(text, max(0, left - 12), left) if text[left - 2:left - 1] in ("s", "S", "e", "E") \
            else None  # the last letter of "minus" or "negative", a space before the figure
        if sign is not None and number.value > 0:  # "minus 18 degrees", "negative five"
            number, left = ParsedNumber(-number.value, number.precision, number.vague, number.is_fraction), sign.start()

        range_end = None
        if kind == "words":
            range_end = _read_word_range_end(text, end, left, number)
            if range_end is not None:
                end = range_end.end
                if range_end.shared_scale != 1:
                    number, scaled = apply_scale(number, range_end.shared_scale), True
        if kind == "digits" and not year_like:
            range_end = _read_range_end(text, end, left, masked, number, scale, currency, lexicon)
            if range_end is not None:
                end = range_end.end
                if range_end.shared_scale != 1:
                    number, scaled = apply_scale(number, range_end.shared_scale), True

        # a bound written after the figure: "100 or more people", "aged 65 and over"
        trailing = TRAILING_QUALIFIER.match(text, end) if range_end is None and kind in ("digits", "words") \
            and lowered.startswith((" or ", " and "), end) else None
        if trailing is not None:
            end = trailing.end()
        # what follows: unit or counted noun
        reading = None
        age = _read_age(text, left, end, number) if currency is None and range_end is None \
            and kind in ("digits", "words") else None
        if age is not None:
            reading = age  # "a 44-year-old", "aged 51", "Osei, 51, said": an age, never a duration
        elif currency is None:
            of_unit = VAGUE_OF.match(text, end) if kind == "vague" else None
            if of_unit is not None:  # "hundreds of kilometres", "millions of dollars": a measure
                reading = read_unit(text, of_unit.end(), lexicon, rules, number, allow_of=False)
                if reading is not None and (reading.reject or reading.dimension in ("count", "")):
                    reading = None
            if reading is None:
                reading = read_unit(text, end, lexicon, rules, number, allow_of=kind == "vague")
            if reading is not None and reading.reject:
                continue
            model = MODEL_BETWEEN.match(text, end) if reading is None else None
            if model is not None and model.group(1) in rules.name_prefixes:
                # "40 Boeing 737 jets": the counted noun follows the model's name and number
                reading = read_unit(text, model.end(), lexicon, rules, number, allow_of=False)
                if reading is not None and (reading.reject or reading.dimension != "count"):
                    reading = None
        if reading is not None and range_end is None and kind == "digits" and not year_like \
                and reading.dimension not in ("count", ""):
            after_unit = _read_range_end(text, reading.end, left, masked, number, scale)
            if after_unit is not None and after_unit.shared_scale == 1:
                second = read_unit(text, after_unit.end, lexicon, rules, after_unit.high, allow_of=False)
                if second is not None and second.unit == reading.unit:
                    range_end = after_unit
                    reading = second
        if currency is None and kind == "digits" and (reading is None or reading.dimension == "count"):
            unit_before = _read_unit_before(text, left, lexicon)
            if unit_before is not None:
                # "magnitude 7.1 quake": the unit is written first, and the noun after is no count
                entry, left = unit_before
                reading = UnitReading(entry.unit, entry.dimension, entry.factor, end)
                if range_end is not None:
                    range_end = replace(range_end, opening=min(range_end.opening, left))
        unit_end = end
        if currency:
            unit, dimension, factor, family, noun_phrase = currency, "currency", 1.0, currency, ()
            if text.startswith(" per ", end):
                # "$1,200 per capita", "$5 billion per year": a rate, never a total
                per = per_item(text, UnitReading(currency, "currency", 1.0, end, family=currency), lexicon)
                unit, dimension, family, unit_end = per.unit, per.dimension, per.family or per.unit, per.end
        elif reading is not None:
            cents = CENTS_AFTER.match(text, reading.end) if reading.dimension == "currency" and range_end is None \
                else None
            if cents is not None:  # "3 dollars 50 cents", "thirteen dollars and forty-five cents"
                part = parse_words(cents.group("words")) if cents.group("words") \
                    else parse_digits(cents.group("digits"))
                if part is not None and part.value < 100:
                    number = ParsedNumber(number.value + part.value / 100, 0.01)
                    reading = replace(reading, end=cents.end())
            unit, dimension, factor, family, noun_phrase = (reading.unit, reading.dimension, reading.factor,
                                                            reading.family or reading.unit, reading.noun_phrase)
            if reading.dimension != "count":
                unit_end = reading.end
        else:
            unit, dimension, factor, family, noun_phrase = None, "number", 1.0, None, ()

        if kind in ("fraction", "slash", "vulgar"):
            if reading is None or reading.dimension == "count":
                # a share: "a quarter of the budget" is 25 percent; "a third crossing" is an ordinal
                if kind == "fraction" and not (text[end:end + 3].lower() == " of" or CLAUSE_END.match(text, end)):
                    continue
                if kind != "fraction":
                    number = ParsedNumber(round(number.value * 100, 4), 0.01, is_fraction=True)
                unit, dimension, family, noun_phrase, reading = "percent", "percentage", "percent", (), None
                unit_end = end
            elif kind == "fraction":
                number = ParsedNumber(round(number.value / 100, 6), 0.0001, is_fraction=True)  # "one-half miles"
        # qualifier before the figure (and before its currency)
        found_qualifier = find_qualifier(text, left)
        if found_qualifier:
            if qualifier is Qualifier.EXACT:
                qualifier = found_qualifier[0]
            left = found_qualifier[1]
        if trailing is not None:
            qualifier = TRAILING_QUALIFIERS[trailing.group("word").lower()]  # "about 500 or more" is at least 500
        if text[max(0, left - 4):left].lower() == "sub-" and kind == "digits":
            qualifier, left = Qualifier.LESS_THAN, left - 4  # "sub-5 nanometre chips": below 5 nm

        read = ReadFigure(kind, surface, start, number_end, number, scaled, currency, reading, unit, dimension,
                          qualifier, found_qualifier, range_end, noun_phrase)
        reason = rejection(read, text, rules)
        if reason is YEAR:
            years.append(DateMention(start, number_end, surface, int(surface)))
            consumed_to = number_end
        if reason is not None:
            continue

        if kind == "idiom":
            idiom_low, idiom_high, _ = parse_idiom(surface)
            if number.value < 0:  # a sign word before it ("minus a few thousand"): the bounds are below zero
                idiom_low, idiom_high = -idiom_high, -idiom_low
            if idiom_low == idiom_high:
                qualifier = Qualifier.APPROX  # "a couple of hundred"
            else:
                range_end = RangeEnd(ParsedNumber(idiom_high / factor, number.precision), end, left)
                number = ParsedNumber(idiom_low / factor, number.precision)
        if range_end is not None:
            high_number, left = range_end.high, range_end.opening
            low, high = sorted((number.value * factor, high_number.value * factor))
            value = (low + high) / 2
            qualifier = Qualifier.RANGE
            precision = min(number.precision, high_number.precision) * factor
            unit_end = max(unit_end, range_end.end)
        elif kind == "vague":
            # "thousands" is [1,000, 10,000), "tens of thousands" [10,000, 100,000), "dozens"
            # [24, 144): a range of one order, its value the midpoint
            magnitude = abs(number.value)
            low = (24.0 if magnitude == 12 else magnitude) * factor
            high = (144.0 if magnitude == 12 else magnitude * 10) * factor
            if number.value < 0:  # a sign word before it ("minus thousands"): the range below zero
                low, high = -high, -low
            value, precision, qualifier = (low + high) / 2, number.precision * factor, Qualifier.RANGE
        else:
            value = number.value * factor
            precision = number.precision * factor
            low, high = interval(value, qualifier, tolerances, precision)
        if dimension == "count" and noun_phrase and is_superlative(noun_phrase[0].lower()) \
                and _previous_word(text, number_start).lower() == "the":
            unit, dimension, family = "rank", "rank", "rank"  # "the two poorest countries": places in a ranking
        if dimension == "count" and noun_phrase:
            tokens = text[max(0, left - 20):left].split()
            ordering = tokens[-1].lower() if tokens and text[left - 1:left].isspace() else ""
            if ordering in ORDERING_WORDS:
                noun_phrase = (ordering, *noun_phrase)  # "the last two conflicts"
        reach = reading.end if reading is not None else unit_end
        figures.append(Figure(left, unit_end, value, precision, qualifier, low, high, unit, dimension,
                              family, noun_phrase, number_start, number_end, max(reach, unit_end)))
        consumed_to = unit_end
    figures.extend(_read_decade_words(text, lowered, masked, lexicon, tolerances, figures))
    figures.extend(read_multiplier_words(text, lowered, masked, tolerances, figures, lexicon, rules))
    figures.sort(key=lambda figure: figure.start)
    return figures


RESTATEMENT_OPEN = re.compile(r"\s*\(\s*(?:or\s+|i\.e\.\s*|about\s+|approximately\s+|roughly\s+|some\s+|nearly\s+)?$",
                              re.IGNORECASE | re.ASCII)
RESTATEMENT_CLOSE = re.compile(r"[^()\n]{0,20}?\)")


ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
            "ninth": 9, "tenth": 10}
_ORDINAL = r"(?P<ordinal>" + "|".join(ORDINALS) + r"|\d{1,2}(?:st|nd|rd|th))"
# Ordinals that state a quantity: a place in a ranking ("comes second", "the number one
# donor") or the count a new item brings ("a third crossing"). Matched on the
# lower-cased text. "First," and "the first time" state nothing.
RANK_PATTERN = re.compile(
    r"(?<![a-z])(?:(?:comes?|came|ranks?|ranked|placed|finished|finishes)\s+" + _ORDINAL + r"(?![a-z])"
    r"|the\s+number\s+(?P<number>one|two|three|four|five)(?![a-z]))"
)
RANK_HINTS = ("come", "came", "rank", "placed", "finish", "number")
RANK_REACH = (len("the "), len("finishes  seventh"))  # how far a rank match reaches before and after its hint
NTH_ITEM_WORDS = ("second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")
NTH_ITEM_PATTERN = re.compile(r"a(?<![a-z]a)n?\s+(?P<ordinal>" + "|".join(NTH_ITEM_WORDS) + ")"
                              r"\s+(?P<noun>[a-z][a-z-]+)(?![a-z])")


def _ordinal_value(word: str) -> int:
    return ORDINALS.get(word) or int(re.match(r"\d+", word).group(0))


NTH_ITEM_REACH = 1500  # how far back a count of the same things may stand


def read_ordinal_figures(text: str, lowered: str, masked: SpanSet, rules: Rules,
                         counts: list[Figure]) -> list[Figure]:
    """Ordinals that count: ranks ("Chile comes first") and the nth item ("two
    bridges reopened ... a third bridge had opened"), which continues a count of the
    same things stated shortly before; without one, "a second look" counts nothing."""
    figures = []
    # the pattern runs only around its hint words: a scan of the whole text costs more
    # than everything else this function does
    ranks = (match for start, end in windows_around(lowered, RANK_HINTS, RANK_REACH)
             for match in RANK_PATTERN.finditer(lowered, start, end))
    for match in ranks:
        group = "ordinal" if match.group("ordinal") else "number"
        start, end = match.span(group)
        if masked.overlaps(start, end):
            continue
        value = float(_ordinal_value(match.group("ordinal")) if group == "ordinal"
                      else parse_words(match.group("number")).value)
        figures.append(Figure(start, end, value, 1.0, Qualifier.EXACT, value, value, "rank", "rank", "rank", (),
                              start, end, end))
    # an nth item continues a count stated shortly before: look only after counts
    if not any(word in lowered for word in NTH_ITEM_WORDS):  # str.find beats a pattern scan here
        return figures
    spans = SpanSet([(c.end, min(len(text), c.end + NTH_ITEM_REACH)) for c in counts if c.dimension == "count"])
    nth_matches = (m for start, end in spans.spans() for m in NTH_ITEM_PATTERN.finditer(lowered, start, end))
    for match in nth_matches:
        noun = match.group("noun")
        if noun in ("of", "time", "times", "half", "quarter") or masked.overlaps(*match.span()):
            continue
        start, end = match.span("ordinal")
        value = float(ORDINALS[match.group("ordinal")])
        unit = singular(text[match.start("noun"):match.end("noun")])
        family = rules.family_of(unit) or unit
        if not any(c.dimension == "count" and (c.unit == unit or c.family == family)
                   and start - NTH_ITEM_REACH <= c.start < start for c in counts):
            continue
        figures.append(Figure(start, end, value, 1.0, Qualifier.EXACT, value, value, unit, "count",
                              rules.family_of(unit) or unit,
                              (match.group("ordinal"), text[match.start("noun"):match.end("noun")]),
                              start, end, match.end("noun")))
    return figures


@derives("article_pattern")
def _article_pattern(rules: Rules) -> re.Pattern[str] | None:
    if not rules.article_units:
        return None
    words = word_alternation(rules.article_units)
    # "a" first and its word boundary after it: a pattern that starts with a letter is
    # searched for that letter, five times faster than one that starts with a lookbehind
    return re.compile(rf"a(?<![a-z]a)n?\s+(?P<word>{words})(?![a-z-])")


def may_hold_wordless_figures(lowered: str, rules: Rules) -> bool:
    """Can a text without digits or number words still state a figure: a rank ("comes
    second"), one of a unit ("a litre") or a multiplier ("twice as many")?"""
    if any(hint in lowered for hint in RANK_HINTS) or any(hint in lowered for hint in ("twice", "thrice", "fold")):
        return True
    pattern = rules.derived("article_pattern", _article_pattern)
    return pattern is not None and pattern.search(lowered) is not None


def read_article_units(text: str, lowered: str, masked: SpanSet, lexicon: Lexicon, rules: Rules) -> list[Figure]:
    """"a gallon", "a kilometre": one of a unit of measure, for the units listed in
    `article_units` of the rules (not "an atmosphere of fear", nor "a year ago")."""
    figures = []
    pattern = rules.derived("article_pattern", _article_pattern)
    if pattern is None:
        return figures
    for match in pattern.finditer(lowered):
        entry = lexicon.surfaces.get(match.group("word"))
        if entry is None:
            continue
        if masked.overlaps(*match.span()):
            continue
        start, end = match.span()
        figures.append(Figure(start, end, entry.factor, entry.factor, Qualifier.EXACT, entry.factor, entry.factor,
                              entry.unit, entry.dimension, entry.unit, (), start, match.start("word"), end))
    return figures


def share_units_across_links(text: str, figures: list[Figure]) -> list[Figure]:
    """"rose from 40 to 55 percent": a bare figure linked by "to" to a figure with a unit
    shares that unit."""
    shared = list(figures)
    for index in range(len(shared) - 1):
        figure, following = shared[index], shared[index + 1]
        if figure.dimension != "number" or following.dimension in ("number", "count"):
            continue
        if UNIT_LINK.fullmatch(text, figure.end, following.start):
            shared[index] = replace(figure, unit=following.unit, dimension=following.dimension,
                                    family=following.family)
    return shared


UNIT_LINK = re.compile(r"\s*(?:to|and|or|-|–)\s*")
LOWER_BOUNDS = frozenset({Qualifier.MORE_THAN, Qualifier.AT_LEAST})
UPPER_BOUNDS = frozenset({Qualifier.LESS_THAN, Qualifier.AT_MOST})
BOUND_LINK = re.compile(r"\s*,?\s*(?:and|but)\s+|\s*,\s*", re.IGNORECASE)


def join_bound_pairs(text: str, figures: list[Figure]) -> list[Figure]:
    """"more than 10 and less than 40", "above 1,000 but below 1,500", "at most 100 and
    at least 20": a lower and an upper bound of one quantity, next to each other, are one
    range from the one to the other (the unit of either; none may differ).

    >>> def bound(start, end, value, qualifier, low, high):
    ...     return Figure(start, end, value, 1, qualifier, low, high, None, "number", None, (), start, end, end)
    >>> text = "more than 10 and less than 40"
    >>> [(f.low, f.high, f.qualifier.value) for f in join_bound_pairs(text, [
    ...     bound(0, 12, 10, Qualifier.MORE_THAN, 10, None), bound(17, 29, 40, Qualifier.LESS_THAN, None, 40)])]
    [(10, 40, 'range')]
    """
    joined: list[Figure] = []
    index = 0
    while index < len(figures):
        figure = figures[index]
        following = figures[index + 1] if index + 1 < len(figures) else None
        if following is not None and {figure.qualifier, following.qualifier} & LOWER_BOUNDS \
                and {figure.qualifier, following.qualifier} & UPPER_BOUNDS \
                and BOUND_LINK.fullmatch(text, figure.end, following.start) \
                and (figure.unit is None or (figure.unit == following.unit
                                             and figure.noun_phrase == following.noun_phrase)):
            lower, upper = (figure, following) if figure.qualifier in LOWER_BOUNDS else (following, figure)
            if lower.value < upper.value:
                unit_of = figure if figure.unit is not None else following
                joined.append(replace(unit_of, start=figure.start, end=following.end,
                                      value=(lower.value + upper.value) / 2,
                                      precision=min(figure.precision, following.precision), qualifier=Qualifier.RANGE,
                                      low=lower.value, high=upper.value, number_start=figure.number_start,
                                      number_end=following.number_end, reach=max(figure.reach, following.reach)))
                index += 2
                continue
        joined.append(figure)
        index += 1
    return joined
_YUAN_WORDS = re.compile(r"\b(?:yuan|renminbi|RMB|CNY)\b", re.IGNORECASE)
_YEN_WORDS = re.compile(r"\b(?:yen|JPY)\b", re.IGNORECASE)


def read_yen_sign(text: str, figures: list[Figure]) -> list[Figure]:
    """"¥" writes both Japan's yen and China's yuan: a text that names the yuan and never
    the yen writes yuan with it."""
    if not _YUAN_WORDS.search(text) or _YEN_WORDS.search(text):
        return figures
    return [replace(figure, unit="CNY", family="CNY") if figure.unit == "JPY" and "¥" in text[figure.start:figure.end]
            else figure for figure in figures]


def find_restatements(text: str, figures: list[Figure]) -> dict[int, int]:
    """Figures that restate the figure before them in another unit, in parentheses:
    "a 400-km (250-mile) pipeline", "5 billion euros (US$5.4 billion)". Maps the index
    of each restating figure to the index of the figure it restates.

    >>> text = "a 400-km (250-mile) pipeline"
    >>> find_restatements(text, [Figure(2, 8, 400, 1, Qualifier.EXACT, 400, 400, "km", "length", "km", (), 2, 5, 8),
    ...                          Figure(10, 18, 250, 1, Qualifier.EXACT, 250, 250, "mi", "length", "mi", (), 10, 13, 18)])
    {1: 0}
    """
    links: dict[int, int] = {}
    for index in range(1, len(figures)):
        before, figure = figures[index - 1], figures[index]
        if figure.dimension != before.dimension or figure.dimension in ("number", "count"):
            continue
        gap = text[before.reach:figure.start]
        if len(gap) > 20 or not RESTATEMENT_OPEN.fullmatch(gap):
            continue
        if RESTATEMENT_CLOSE.match(text, figure.reach):
            links[index] = index - 1
    return links


# Words that open a part of a total stated just before: "a €15 billion package,
# including €4 billion for transport", "40 people, of whom 12 children".
PART_OPENER = re.compile(r"\b(?:including|includ(?:es|ed)|of\s+which|out\s+of\s+which|of\s+whom|among\s+them|"
                         r"among\s+which|incl\.|comprising)\s+(?:some\s+|about\s+|around\s+|nearly\s+|almost\s+)?$",
                         re.IGNORECASE)
SENTENCE_BREAK = re.compile(r"[.!?]\s")
REMAINING_PART = re.compile(r"\bthe\s+(?:remaining|rest\s+of|other)\s*$", re.IGNORECASE)
# "Of the $5.8 billion, about $3.9 billion ...": the second figure is a part of the first
PARTITIVE_BEFORE = re.compile(r"\bof\s+(?:the|this|that|these|those)\s+$", re.IGNORECASE)
PARTITIVE_GAP = re.compile(r"\s*,\s*(?:about|some|around|nearly|almost|roughly|only|just)?\s*", re.IGNORECASE)
# The gap from one listed part to the next: "€4 billion for transport, €1.9 billion".
NEXT_PART = re.compile(r"(?:\s+(?:for|on|in|to)\s+[^,;.()\d]{1,40})?\s*[,;]?\s*(?:and\s+)?$", re.IGNORECASE)


def find_parts(text: str, figures: list[Figure]) -> dict[int, int]:
    """Figures that are parts of a total stated before them in the same sentence, with
    the same unit: maps the index of each part to the index of its total.

    >>> text = "a €15 billion package, including €4 billion for transport, €2 billion for energy"
    >>> def eur(start, end): return Figure(start, end, 1, 1, Qualifier.EXACT, 1, 1, "EUR", "currency", "EUR", (),
    ...                                    start, end, end)
    >>> find_parts(text, [eur(2, 13), eur(33, 43), eur(59, 69)])
    {1: 0, 2: 0}
    """
    parts: dict[int, int] = {}
    for index in range(1, len(figures)):
        figure, before = figures[index], figures[index - 1]
        if figure.dimension in ("number", "date") or figure.dimension != before.dimension \
                or (figure.family or figure.unit) != (before.family or before.unit):
            continue
        gap = text[before.reach:figure.start]
        if len(gap) > 80 or SENTENCE_BREAK.search(gap):
            continue
        if PART_OPENER.search(gap) or (PARTITIVE_GAP.fullmatch(gap) and
                                       PARTITIVE_BEFORE.search(text, max(0, before.start - 20), before.start)):
            parts[index] = index - 1  # "including $4 billion"; "Of the $5.8 billion, $3.9 billion ..."
        elif index - 1 in parts and (NEXT_PART.match(gap) or REMAINING_PART.search(gap)):
            parts[index] = parts[index - 1]  # the next item of the same list of parts, or "the remaining"
    return parts


MULTIPLIER_WORDS = re.compile(r"\b(?:(?P<twice>twice)|(?P<thrice>thrice)|(?P<fold>(?:two|three|four|five|six|seven|"
                              r"eight|nine|ten|twenty|hundred|thousand)fold))\b", re.IGNORECASE | re.ASCII)
MULTIPLIER_REACH = (len("twenty"), len("thrice"))


AS_MANY = re.compile(r"\s+as\s+(?:many|much)\b", re.IGNORECASE)
AS_AS = re.compile(r"\s+(?:as|the)\s+\w+", re.IGNORECASE)  # "twice as high as", "twice the size of"
AS_MANY_REACH = 150  # characters back to the count "twice as many" multiplies


def read_multiplier_words(text: str, lowered: str, masked: SpanSet, tolerances: Tolerances,
                          figures: list[Figure], lexicon: Lexicon | None = None,
                          rules: Rules | None = None) -> list[Figure]:
    """"twice as many", "thrice", "a fourfold rise": multipliers in one word, in times,
    with the qualifier before them ("more than fourfold"). "twice as many hurt"
    after a count in its sentence ("300 dead, twice as many hurt") is a count
    itself, about the multiple of that one."""
    found: list[Figure] = []
    windows = windows_around(lowered, ("twice", "thrice", "fold"), MULTIPLIER_REACH)
    if not windows:
        return found
    taken = SpanSet([(f.start, f.end) for f in figures])
    for window_start, window_end in windows:
        for match in MULTIPLIER_WORDS.finditer(text, window_start, window_end):
            if masked.overlaps(match.start(), match.end()) or taken.overlaps(match.start(), match.end()):
                continue
            if match.group("fold"):
                value = float(parse_words(match.group("fold")[:-4]).value)
            else:
                value = 2.0 if match.group("twice") else 3.0
            qualifier, start = Qualifier.EXACT, match.start()
            found_qualifier = find_qualifier(text, start)
            if found_qualifier:
                qualifier, start = found_qualifier
            as_many = AS_MANY.match(text, match.end())
            base = next((f for f in reversed(figures) if f.end <= start and f.dimension == "count"
                         and start - f.end <= AS_MANY_REACH and not SENTENCE_BREAK.search(text, f.end, start)), None) \
                if as_many is not None else None
            if base is not None:
                reading = read_unit(text, as_many.end(), lexicon, rules, ParsedNumber(value * base.value, 1.0),
                                    allow_of=False) if lexicon is not None and rules is not None else None
                if reading is None or reading.reject or reading.dimension != "count":
                    reading = UnitReading(base.unit, "count", 1.0, as_many.end(), base.noun_phrase, base.family)
                count = value * base.value
                low, high = interval(count, Qualifier.APPROX, tolerances, base.precision)
                found.append(Figure(start, reading.end, count, base.precision * value, Qualifier.APPROX, low, high,
                                    reading.unit, "count", reading.family or reading.unit, reading.noun_phrase,
                                    match.start(), match.end(), reading.end))
                continue
            if as_many is not None or AS_AS.match(text, match.end()):
                continue  # "twice as many hurt", "twice as high": a ratio to a figure not given, no claim of 2
            low, high = interval(value, qualifier, tolerances)
            found.append(Figure(start, match.end(), value, 1.0, qualifier, low, high, "times", "ratio", "times", (),
                                match.start(), match.end(), match.end()))
    return found


def _read_decade_words(text: str, lowered: str, masked: SpanSet, lexicon: Lexicon,
                       tolerances: Tolerances, figures: list[Figure]) -> list[Figure]:
    """"a decade", "a century" and the plurals "decades", "centuries" as durations."""
    found: list[Figure] = []
    windows = windows_around(lowered, ("decade", "centur"), DECADE_REACH)
    if not windows:
        return found
    taken = SpanSet([(f.start, f.end) for f in figures])
    matches = (m for window_start, window_end in windows for m in DECADE_WORDS.finditer(text, window_start, window_end))
    for match in matches:
        if masked.overlaps(match.start(), match.end()) or taken.overlaps(match.start(), match.end()):
            continue
        if match.group("plural"):
            entry = lexicon.surfaces[match.group("plural").lower()]
            count, qualifier, start, end = 2.0, Qualifier.AT_LEAST, match.start(), match.end()
        else:
            entry = lexicon.surfaces[match.group("single").lower()]
            count, qualifier, start, end = 1.0, Qualifier.EXACT, match.start(), match.end()
        found_qualifier = find_qualifier(text, start)
        if found_qualifier:
            qualifier, start = found_qualifier
        value = count * entry.factor
        low, high = interval(value, qualifier, tolerances)
        found.append(Figure(start, end, value, entry.factor, qualifier, low, high, entry.unit, entry.dimension,
                             entry.unit, (), match.start(), end, end))
    return found
