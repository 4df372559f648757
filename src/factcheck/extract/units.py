"""Reading what follows a figure: a percent sign, a unit from the lexicon, or a counted
noun phrase ("aid workers", "rental homes") that becomes the unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from factcheck.extract.lexicon import Lexicon, UnitEntry
from factcheck.extract.numbers import ParsedNumber
from factcheck.extract.scan import tokens_before
from factcheck.extract.words import WORDS, word_set
from factcheck.rules import Rules

PERCENT_PATTERN = re.compile(r"\s?(?:%|per\s?cent\b|pct\b|pc\b)|\s+percentage\s+points?\b", re.IGNORECASE | re.ASCII)
GLUED_WORD_PATTERN = re.compile(r"(-?)([A-Za-zµμ²³°º元₡₾₭]+[A-Za-z0-9²³/]*)")
ORDINAL_SUFFIX = re.compile(r"(?:st|nd|rd|th)\b")
UNIT_WORD_PATTERN = re.compile(r"[A-Za-z$€£¥µμ°º元₡₾₭][A-Za-z0-9$²³/.-]*(?<![.-])")
# Unit symbols that are also English words; after a space they are read as words ("5 in the").
WORD_LIKE_SYMBOLS = word_set("word_like_symbols")
# The words right after a figure, up to a punctuation mark, a digit or a line break.
_NOUN_RUN = re.compile(r"(?:[ \t\u00a0]+[A-Za-z][A-Za-z'’-]*)+")
RELATIVE_CLAUSE_PATTERN = re.compile(r"\s+(?:that|who)\s+[^,;:.!?()\n\u2014\u2013]{1,80}")
# Words that end a counted noun phrase after a figure.
PHRASE_STOPPERS = word_set("phrase_stoppers")
# Words ending in "s" that are not plural nouns.
NOT_PLURAL = word_set("not_plural")
IRREGULAR_PLURALS = dict(WORDS.maps["irregular_plurals"])
# Adjectives that stand for the people they describe: "the 1.3m displaced".
NOMINAL_ADJECTIVES = word_set("nominal_adjectives")
# Single letters that are a unit when glued to digits and no scale reading took them
# ("a 180m bridge"; "2.3m people" is a scale, see figures). Others stay out: "1990s",
# "5g" and "3d" are no seconds, grams or days.
GLUED_LETTER_UNITS = frozenset({"m", "W", "l", "L"})
# ... and two more, by what surrounds them: "60g of sugar" (grams before "of", not "5g"
# networks), "212.5p" (pence, for a price below a thousand, not "1080p" video)
_OF_AFTER = re.compile(r"\s+of\b")
# Verbs that end a noun phrase; regular past forms end in -ed and are caught by that.
COMMON_VERBS = word_set("common_verbs")


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

    >>> [singular(w) for w in ["Deaths", "casualties", "people", "Pakistanis", "bridges"]]
    ['death', 'casualty', 'people', 'pakistani', 'bridge']
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
        return True  # a demonym: "Pakistanis", "Israelis"
    return (len(lowered) > 3 and lowered.endswith("s") and not lowered.endswith(("ss", "us", "is", "'s", "’s"))
            and lowered not in NOT_PLURAL)


_SPACE_CHARS = " \t\u00a0\u202f"
# What can stand right after a figure and start its unit (a letter aside): a space, a
# percent sign, a hyphen ("5-km"), a unit symbol.
_PERCENT_OPENERS = frozenset("%pP" + _SPACE_CHARS + "\n\r\f\v")
_BEFORE_A_UNIT = frozenset(_SPACE_CHARS + "\n\r\f\v%-µμ°º²³$€£¥₡₾₭'’")
_FOLLOWING_WORDS = re.compile(rf"(?:[{_SPACE_CHARS}]+{UNIT_WORD_PATTERN.pattern})+")


def following_words(text: str, position: int, limit: int) -> list[tuple[str, int]]:
    """Up to `limit` words after `position`, each with its end, while only spaces part them."""
    match = _FOLLOWING_WORDS.match(text, position, min(len(text), position + 80))
    if match is None:
        return []
    words = []
    cursor = position
    for word in match.group(0).split()[:limit]:
        cursor = text.index(word, cursor) + len(word)
        words.append((word, cursor))
    return words


def read_unit(text: str, position: int, lexicon: Lexicon, rules: Rules, number: ParsedNumber,
               allow_of: bool) -> UnitReading | None:
    """Read the unit or counted noun that starts at `position` (just after the figure)."""
    following = text[position:position + 1]
    if following in "([{<" or text[position + 1:position + 2] in ("(", "[", "{", "<"):
        bracketed = _read_bracketed_unit(text, position, lexicon)
        if bracketed is not None:
            return bracketed
    if not following or not (following.isalpha() or following in _BEFORE_A_UNIT):
        return None  # a comma, a full stop, a bracket: nothing is counted or measured
    spaced = following.isspace()
    # a percent sign, "per cent", "pct" or "percentage points": after a space, "%" or a "p" comes next
    percent = PERCENT_PATTERN.match(text, position) if not spaced or text[position + 1:position + 2] in _PERCENT_OPENERS \
        else None
    if percent:
        points = "point" in percent.group(0).lower()
        return UnitReading("percentage points" if points else "percent", "percentage", 1.0, percent.end())

    if not spaced and ORDINAL_SUFFIX.match(text, position):
        return UnitReading(None, "", 1.0, position, reject=True)  # an ordinal: "45th", "3rd"
    glued = None if spaced else GLUED_WORD_PATTERN.match(text, position)
    if glued:
        hyphen, word = glued.groups()
        entry = lexicon.symbols.get(word) or lexicon.surfaces.get(word.lower())
        if entry is None and (word in GLUED_LETTER_UNITS or (word == "g" and _OF_AFTER.match(text, glued.end()))
                              or (word == "p" and 0 < number.value < 1000)):
            entry = lexicon.denominators.get(word)
        if entry is not None:
            return UnitReading(entry.unit, entry.dimension, entry.factor, glued.end())
        # "a 10-point plan", "F16x": a compound or a name, not a figure of a unit.
        return UnitReading(None, "", 1.0, position, reject=True)

    words = following_words(text, position, lexicon.max_words)
    names = [word for word, _ in words]
    sizes = range(len(words), 0, -1) if names and names[0].lower() in lexicon.phrase_starts else range(min(len(words), 1), 0, -1)
    for size in sizes:
        phrase = " ".join(names[:size])
        entry = lexicon.surfaces.get(phrase.lower())
        if entry is None and phrase not in WORD_LIKE_SYMBOLS:
            entry = lexicon.symbols.get(phrase)
        if entry is None and size == 1 and phrase.count("/") == 1:
            rate = read_rate(lexicon, *phrase.split("/"), words[0][1])  # "km/h"
            if rate is not None:
                return rate
        if entry is not None:
            end = words[size - 1][1]
            per = PER_UNIT_PATTERN.match(text, end)
            if per is not None and lexicon.denominator(per.group(1)) is not None:
                return read_rate(lexicon, phrase, per.group(1), per.end(), entry)  # "kilometres per hour"
            reading = UnitReading(entry.unit, entry.dimension, entry.factor, end)
            return per_item(text, reading, lexicon) if per is not None else reading
    if names and names[0] == "m" and (len(names) == 1 or not is_plural_noun(names[1])):
        # "a 5 m wall", "1 m x 1 m": a spaced "m" before no counted noun is metres
        metre = lexicon.surfaces.get("metre")
        if metre is not None:
            return UnitReading(metre.unit, metre.dimension, metre.factor, words[0][1])
    return read_counted_noun(text, position, rules, number, allow_of)


# a unit of measure in brackets after the figure, as tables write it: "20 (kg)", "4.5 [m]"
_BRACKETED_UNIT = re.compile(r"\s?[(\[{<]\s*([A-Za-zµμ°²³/]{1,6})\s*[)\]}>]")
BRACKETED_DIMENSIONS = frozenset({"length", "area", "volume", "mass", "temperature", "speed", "data", "power",
                                  "energy"})


def _read_bracketed_unit(text: str, position: int, lexicon: Lexicon) -> UnitReading | None:
    match = _BRACKETED_UNIT.match(text, position)
    if match is None:
        return None
    entry = lexicon.symbols.get(match.group(1)) or lexicon.surfaces.get(match.group(1).lower())
    if entry is None or entry.dimension not in BRACKETED_DIMENSIONS:
        return None
    return UnitReading(entry.unit, entry.dimension, entry.factor, match.end())


PER_UNIT_PATTERN = re.compile(r"\s+per\s+([A-Za-z]+)\b")


def per_item(text: str, reading: UnitReading, lexicon: Lexicon) -> UnitReading:
    """A measure per thing counted: "250 MW per turbine", "$1,200 per capita". The unit
    and dimension name the thing, so a per-unit figure never meets a total of the same
    unit ("1,000 MW"). A unit of time or measure after "per" is a rate (`read_rate`).

    >>> from factcheck.extract.lexicon import Lexicon
    >>> reading = per_item("250 MW per turbine", UnitReading("MW", "power", 1.0, 6), Lexicon({}, {}, 1, {}))
    >>> reading.unit, reading.dimension, reading.end
    ('MW/turbine', 'power per turbine', 18)
    """
    per = PER_UNIT_PATTERN.match(text, reading.end)
    if per is None or per.group(1).lower() == "cent":
        return reading
    denominator = lexicon.denominator(per.group(1))
    if denominator is not None:
        rate = read_rate(lexicon, reading.unit or "", per.group(1), per.end(),
                         UnitEntry(reading.unit or "", reading.dimension, reading.factor))
        return rate or reading
    item = singular(per.group(1))
    return UnitReading(f"{reading.unit}/{item}", f"{reading.dimension} per {item}", reading.factor, per.end(),
                       family=f"{reading.family or reading.unit}/{item}")


def read_rate(lexicon: Lexicon, numerator: str, denominator: str, end: int,
              entry: UnitEntry | None = None) -> UnitReading | None:
    """A unit per unit: "km/h", "tonnes per hectare"; None when either part is unknown."""
    top = entry or lexicon.denominator(numerator)
    bottom = lexicon.denominator(denominator)
    if top is None or bottom is None or top.dimension in ("count", "ratio"):
        return None
    per = PER_TIME_UNITS.get(bottom.unit, bottom.unit)
    return UnitReading(f"{top.unit}/{per}", f"{top.dimension} per {bottom.dimension}", top.factor, end)


# Durations are plural in counts ("12 years"); after "per" they name one unit of time.
PER_TIME_UNITS = {"hours": "h", "days": "day", "weeks": "week", "months": "month", "years": "year",
                  "minutes": "min", "seconds": "s"}


def read_counted_noun(text: str, position: int, rules: Rules, number: ParsedNumber,
                       allow_of: bool) -> UnitReading | None:
    """The counted noun phrase after a figure: modifiers and a plural head ("aid
    workers"), with a restrictive relative clause when one follows."""
    tokens: list[tuple[str, int, int]] = []
    run = _NOUN_RUN.match(text, position, min(len(text), position + 80))
    cursor = position
    for word in run.group(0).split() if run else ():
        word_start = text.index(word, cursor)
        cursor = word_start + len(word)
        lowered = word.lower()
        if allow_of and not tokens and lowered == "of":
            continue
        if lowered in PHRASE_STOPPERS or lowered in COMMON_VERBS:
            break
        if lowered.endswith("ing") and any(is_plural_noun(t[0]) for t in tokens):
            break  # "reservoirs holding water": the participle starts the predicate
        if lowered.endswith("ing") and not tokens and number.value == 1:
            break
        if lowered.endswith("ed") and tokens:
            break
        possessive = word.endswith(("'", "’"))
        if possessive:
            word = word.rstrip("'’")
        tokens.append((word, word_start, word_start + len(word)))
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
        family = "people"  # a demonym: "5,000 Pakistanis", "2,000 Afghans"
    phrase = tuple(w for w, _, _ in tokens[: head_index + 1])
    end = tokens[head_index][2]
    relative = RELATIVE_CLAUSE_PATTERN.match(text, end)
    if relative:
        # After "these"/"those" the set is already identified; the clause only adds to it.
        before = tokens_before(text, position, 30)
        if len(before) >= 2 and before[-2][0].lower() in ("these", "those"):
            relative = None
    if relative:
        # "states that border the sea": the clause narrows what is counted
        phrase = phrase + tuple(relative.group(0).split())
        end = relative.end()
    demonym = family == "people" and head_word[:1].isupper() and rules.family_of(head) is None
    # people are counted in people, whatever names them: "5,000 Pakistanis"
    unit = "people" if family == "people" and (head in ("people", "person") or demonym) else head
    return UnitReading(unit, "count", 1.0, end, phrase, family or head)


SELECTING_WORDS = word_set("selecting_words")
NOT_SUPERLATIVE = word_set("not_superlative")


def is_superlative(word: str) -> bool:
    """"poorest", "largest", "best", "most"."""
    return word in ("most", "least", "best", "worst") or (
        len(word) > 4 and word.endswith("est") and word not in NOT_SUPERLATIVE)


def is_selecting(word: str) -> bool:
    """Superlatives and ordering words pick a subset: "the two poorest", "the last two"."""
    return word in SELECTING_WORDS or is_superlative(word)
