"""The number grammar: where a number is written, what value it has, and how precise it is.

A number is written in digits ("1,000", "4.25"), in words ("seven", "thirty-seven",
"two hundred"), as a fraction ("one third", "a quarter"), as a fraction or multiple of a
scale word ("half a million", "one and a half million"), as a vague plural ("thousands",
"decades") or with a scale word ("10 million", "2.5bn", "15 lakh"). Each parse gives
the value and the precision shown: the step the writer rounded to (100 for "1,000",
0.01 for "4.25", a million for "seven million").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from factcheck.extract.patterns import word_alternation
from factcheck.extract.words import number_map

SMALL_NUMBERS = number_map("small_numbers")
TENS = number_map("tens")
# The Indian scale words ("15 lakh" is 1,500,000; "450 crore" is 4,500,000,000) count
# like the others.
SCALES = number_map("scales")
# Scale words written after digits ("10 million", "5 lakhs"); "hundred" stays out, as news
# writes 500, not "5 hundred".
SCALES_AFTER_DIGITS = {**{word: scale for word, scale in SCALES.items() if word != "hundred"},
                       "lakhs": 100_000, "crores": 10_000_000, "dozen": 12, "dozens": 12}
# Abbreviated scales written after a figure: "2.5bn", "$250M", "12k", "12 bln" (wire style).
SCALE_ABBREVIATIONS = {word: float(scale) for word, scale in number_map("scale_abbreviations").items()}

# The words that name a fraction's denominator ("two fifths", "a hundredth"), singular
# and plural. "second" stays out: "one second" is a duration.
DENOMINATORS = number_map("denominators")
FRACTIONS = {word: 1 / denominator for word, denominator in DENOMINATORS.items()}
# "thousands were displaced": a range of one order of the named scale (see figures).
VAGUE_PLURALS = number_map("vague_plurals")

# the word lists as tries: at each position the engine tries each first letter once
_NUMBER_WORD = word_alternation([*SMALL_NUMBERS, *TENS, *SCALES, "dozens", "dozen"])
_FRACTION_WORD = word_alternation(list(FRACTIONS))
_UNIT_WORD = word_alternation([*SMALL_NUMBERS, *TENS])
_SCALE_WORD = word_alternation([*SCALES, "dozen"])
# number words in a row; "and" joins only after a scale word ("two hundred and five"),
# so "between ten and fifteen" is two numbers, never 25
_AFTER_SCALE = "".join(f"(?<={word})" if not index else f"|(?<={word})"
                       for index, word in enumerate(["hundred", "thousand", "million", "billion", "trillion",
                                                     "lakh", "crore", "dozen"]))
NUMBER_RUN = rf"(?:{_NUMBER_WORD})(?:(?:[\s-]+|(?:{_AFTER_SCALE})\s+and\s+)(?:{_NUMBER_WORD}))*"
# the digits after "point", each a word ("five point zero three") or one number ("point seventy-one")
_POINT_DIGITS = rf"\s+point(?:[\s-]+(?:{_UNIT_WORD}|nought|naught|oh))+"

# Digits, in the order tried: thousands by comma ("1,000"), thousands by a thin or
# no-break space ("12 500"; a plain space only with two groups or more, "1 500 000"),
# a decimal comma where the grouping cannot be thousands ("3,5"), plain digits, with
# an optional decimal part and exponent. A sign counts only where no word precedes it.
DIGITS = (r"[-−+]?(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?"
          r"|\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?"  # Indian grouping: "2,45,000", "31,80,500.25"
          r"|\d{1,3}(?:[\u00a0\u2009\u202f]\d{3})+(?![\d,]\d)"
          r"|\d{1,3}(?:[ ]\d{3}){2,}(?![\d,]\d)"
          r"|\d{1,3}(?:[ ]\d{3})(?=[ ](?:dollars|euros|pounds|rupees|roubles|yuan|yen|[A-Z]{3}\b))"
          r"|\d+,\d{1,2}(?![\d,])"
          r"|\d+(?:\.\d+)?|\.\d+)(?:[eE][-+−]?\d+|×10\^?[-−]?\d+|\^[-+−]{0,2}\d{1,3})?")  # ".08", "2.5^-1"
VULGAR_FRACTIONS = {"½": 1 / 2, "⅓": 1 / 3, "⅔": 2 / 3, "¼": 1 / 4, "¾": 3 / 4, "⅕": 1 / 5, "⅖": 2 / 5, "⅗": 3 / 5,
                    "⅘": 4 / 5, "⅙": 1 / 6, "⅚": 5 / 6, "⅛": 1 / 8, "⅜": 3 / 8, "⅝": 5 / 8, "⅞": 7 / 8}

# A fraction or multiple of a scale word: "half a million", "a half-million", "a quarter
# of a million", "three quarters of a million", "one and a half million".
_SCALED_FRACTION = (
    r"(?:(?:a|one)[\s-]+half"
    r"|half[\s-]+an?"
    r"|(?:a|an|one|two|three)[\s-]+(?:quarters?|thirds?)(?:[\s-]+of)?(?:[\s-]+an?)?"
    rf"|(?:{_UNIT_WORD})(?:[\s-]+(?:{_UNIT_WORD}))*[\s-]+and[\s-]+an?[\s-]+(?:half|quarter))"
    rf"[\s-]+(?:{_SCALE_WORD})"
)

# Digits glued to a currency code after a letter: "$US7", "$A45", "USD18.6", "Rs450"; and a
# fiscal year glued to its "FY" ("FY2024").
# Case-sensitive, since "usd5" is no currency.
_CURRENCY_GLUED = r"(?-i:(?<=\$[A-Z])|(?<=\$[A-Z]{2})|(?<=\b(?:USD|EUR|GBP|JPY|CNY|INR|CAD|AUD|CHF|RUB))|(?<=\bRs)|(?<=\bRM)|(?<=\bRp)|(?<=\bKSh)|(?<=\bTk)|(?<=\bFY))"

# One alternation, tried left to right at each position: fractions of scale words before
# fractions ("half a million" is no share), fractions before plain words, so "one third"
# is never read as "one".
CANDIDATE_PATTERN = re.compile(
    rf"""
    (?P<scaled>\b{_SCALED_FRACTION}\b)
  | (?P<idiom>\b(?:a\s+couple\s+of|a\s+few|several)\s+(?:hundred|thousand|million|billion|dozen)\b)
  | (?P<over>\b(?:{NUMBER_RUN}|\d+(?:\.\d+)?)\s+over\s+(?:{NUMBER_RUN}|\d+)(?=\s*(?:[.!?;,)]|$)))
  | (?P<fraction>\b(?:(?:(?:an?\s+)?{NUMBER_RUN}|an?)\s+and\s+)?(?:(?:an?\s+)?{NUMBER_RUN}|an?)[\s-]+(?:{_FRACTION_WORD})
        (?:[\s-]+(?:{_SCALE_WORD}))?\b|\b(?:half|quarter)[\s-]+(?:{_SCALE_WORD})\b|\bhalf\b)
  | (?P<vague>\b(?:tens|hundreds)\s+of\s+thousands\b|\b(?:{"|".join(VAGUE_PLURALS)})\b)
  | (?P<words>\b(?:an?\s+(?=hundred|thousand|dozen|million|billion|lakh|crore))?(?:(?:nought|naught)(?={_POINT_DIGITS})
        |{NUMBER_RUN})(?:{_POINT_DIGITS})?\b)
  | (?P<vulgar>(?<![\w.,\d])(?:\d+\s?)?[{"".join(VULGAR_FRACTIONS)}])
  | (?P<slash>(?<![\w.,\d/])(?:\d+[ ]{{1,2}})?\d{{1,3}}/\d{{1,3}}(?![\d/]))
  | (?P<digits>(?:(?<![\w.,\d])|{_CURRENCY_GLUED}){DIGITS}(?![\d]|,\d))
    """,
    re.IGNORECASE | re.VERBOSE | re.ASCII,
)


@dataclass(frozen=True, slots=True)
class ParsedNumber:
    value: float
    precision: float
    vague: bool = False
    is_fraction: bool = False


class NotAFigure(ValueError):
    """Digits that no news figure has: hundreds of digits, or an exponent beyond floats."""


MAX_DIGITS = 30  # a longer run of digits is a code or a serial, never a figure
DECIMAL_COMMA = re.compile(r"\d+,\d{1,2}")


def parse_digits(surface: str) -> ParsedNumber:
    """Parse "1,000", "4.25", "12 500", "3,5", "-4.2" or "4e14"; the precision is the
    place of the last digit shown.

    Trailing zeros of a whole number are read as rounding one place below them, so
    "1,000" is precise to the hundred and "40" to the unit.

    >>> parse_digits("1,000")
    ParsedNumber(value=1000.0, precision=100.0, vague=False, is_fraction=False)
    >>> parse_digits("4.25").precision, parse_digits("3,5").value, parse_digits("−12 500").value
    (0.01, 3.5, -12500.0)
    """
    if len(surface) > MAX_DIGITS and sum(character.isdigit() for character in surface) > MAX_DIGITS:
        raise NotAFigure(surface[:40])
    if surface.isdigit():  # the common case, "1000" or "48"
        trailing_zeros = len(surface) - len(surface.rstrip("0")) if surface.strip("0") else 0
        return ParsedNumber(float(surface), 10.0 ** max(0, trailing_zeros - 1))
    plain = surface.replace("−", "-").replace("\u00a0", "").replace("\u2009", "").replace("\u202f", "")
    plain = plain.replace(" ", "")
    sign = -1.0 if plain.startswith("-") else 1.0
    plain = plain.lstrip("+-")
    exponent = 0
    if "^" in plain:  # "1.1^23", "2.5^-1": a power of the number
        base, _, power = plain.partition("^")
        negative_power = power.count("-") % 2 == 1
        try:
            value = float(base.replace(",", "")) ** (-int(power.lstrip("+-")) if negative_power else int(power.lstrip("+-")))
        except (OverflowError, ZeroDivisionError) as error:
            raise NotAFigure(surface[:40]) from error
        return ParsedNumber(float(f"{sign * value:.12g}"), float(f"{abs(value) * 1e-9:.3g}") or 1e-12)
    if "×10" in plain:  # "2.48×10−5"
        plain, _, power = plain.partition("×10")
        exponent = int(power.lstrip("^"))
    elif "e" in plain.lower():
        plain, _, power = plain.lower().partition("e")
        exponent = int(power.replace("+", ""))
    if abs(exponent) > 300:
        raise NotAFigure(surface[:40])
    if "," in plain and DECIMAL_COMMA.fullmatch(plain):
        plain = plain.replace(",", ".")  # a decimal comma: "3,5"
    plain = plain.replace(",", "")
    if "." in plain:
        decimals = len(plain.split(".", 1)[1])
        step = 10.0 ** (exponent - decimals)
    else:
        trailing_zeros = len(plain) - len(plain.rstrip("0")) if plain.strip("0") else 0
        step = 10.0 ** (exponent + max(0, trailing_zeros - 1))
    value = sign * float(plain) * 10.0 ** exponent
    # 15 significant digits: a float holds them all, so "123456789012345" keeps every
    # digit, while "0.1 x 3"-style binary noise past them is cut
    return ParsedNumber(float(f"{value:.15g}"), float(f"{step:.12g}"))


def parse_slash_fraction(surface: str) -> ParsedNumber:
    """"1/4" -> 0.25, "2 1/2" -> 2.5.

    >>> parse_slash_fraction("2 1/2").value
    2.5
    """
    parts = surface.split()
    whole, fraction = (parts[0], parts[1]) if len(parts) == 2 else ("", parts[0])
    numerator, denominator = (int(part) for part in fraction.split("/"))
    value = (int(whole) if whole else 0) + numerator / denominator
    return ParsedNumber(round(value, 6), round(1 / denominator, 6), is_fraction=True)


def parse_vulgar_fraction(surface: str) -> ParsedNumber:
    """"½" -> 0.5, "2½" -> 2.5."""
    whole = surface[:-1].strip()
    if len(whole) > MAX_DIGITS:
        raise NotAFigure(surface[:40])
    value = (int(whole) if whole else 0) + VULGAR_FRACTIONS[surface[-1]]
    return ParsedNumber(round(value, 6), round(VULGAR_FRACTIONS[surface[-1]], 6), is_fraction=True)


_WORD_BREAK = re.compile(r"[\s-]+")


def parse_words(surface: str) -> ParsedNumber | None:
    """Parse a run of number words ("thirty-seven", "two hundred", "a dozen").

    >>> parse_words("seven million").value
    7000000.0
    >>> parse_words("thirty-seven").value
    37.0
    >>> parse_words("a million and a half")
    ParsedNumber(value=1500000.0, precision=500000.0, vague=False, is_fraction=False)
    >>> parse_words("two lakh crore").value
    2000000000000.0
    """
    lowered = surface.lower()
    single = SMALL_NUMBERS.get(lowered, TENS.get(lowered))
    if single is not None:
        return ParsedNumber(float(single), 1.0)  # the common case: "two", "forty"
    if " point" in lowered:  # "two hundred point zero three", "nought point five"
        whole_words, _, decimal_words = lowered.partition(" point")
        whole = ParsedNumber(0.0, 1.0) if whole_words in ("nought", "naught") else parse_words(whole_words)
        decimals = _decimal_digits(decimal_words)
        if whole is None or decimals is None:
            return None
        return ParsedNumber(float(f"{whole.value}".split(".")[0] + "." + decimals), 10.0 ** -len(decimals))
    extra = 0.0
    for suffix, share in (("and a half", 0.5), ("and a quarter", 0.25)):
        if lowered.endswith(suffix):
            lowered, extra = lowered[: -len(suffix)], share  # "two and a half"
    tokens = [t for t in _WORD_BREAK.split(lowered) if t and t != "and"]
    if tokens and tokens[0] in ("a", "an"):
        tokens[0] = "one"
    if extra and tokens and tokens[-1] in SCALES:
        extra *= SCALES[tokens[-1]]  # "a million and a half": half of the scale, not of one
    # `current` is the group being built below the next scale word, `step` the precision
    # it shows; a scale word multiplies both ("two hundred thousand" is precise to 100,000).
    total = current = 0.0
    step = precision = 1.0
    seen = False
    previous = ""
    for token in tokens:
        if token in SCALES and previous in SCALES and previous != "hundred" and not current:
            total, precision = total * SCALES[token], precision * SCALES[token]  # "two lakh crore"
            previous = token
            continue
        previous = token
        if token in SMALL_NUMBERS or token in TENS:
            current += SMALL_NUMBERS.get(token, TENS.get(token, 0))
            step = 1.0
        elif token in ("dozen", "dozens"):
            current, step = (current or 1) * 12, 12.0
        elif token == "hundred":
            current, step = (current or 1) * 100, step * 100
        elif token in SCALES:
            total += (current or 1) * SCALES[token]
            precision = step * SCALES[token]
            current, step = 0.0, 1.0
            seen = True
            continue
        else:
            return None
        precision = step
        seen = True
    if not seen:
        return None
    if extra:
        return ParsedNumber(total + current + extra, extra)
    return ParsedNumber(total + current, precision)


_DIGIT_WORDS = {**{word: value for word, value in SMALL_NUMBERS.items() if value < 10}, "nought": 0, "naught": 0,
                "oh": 0}


def _decimal_digits(words: str) -> str | None:
    """The digits after "point": one word a digit ("zero three" -> "03"), or one number
    ("seventy-one" -> "71")."""
    tokens = [token for token in _WORD_BREAK.split(words) if token]
    if tokens and all(token in _DIGIT_WORDS for token in tokens):
        return "".join(str(_DIGIT_WORDS[token]) for token in tokens)
    parsed = parse_words(" ".join(tokens)) if tokens else None
    return str(int(parsed.value)) if parsed is not None else None


def parse_scaled_fraction(surface: str) -> ParsedNumber:
    """A fraction or multiple of a scale word; the precision is the fraction's step of
    the scale ("half a million" is precise to half a million).

    >>> parse_scaled_fraction("half a million")
    ParsedNumber(value=500000.0, precision=500000.0, vague=False, is_fraction=False)
    >>> parse_scaled_fraction("three quarters of a million").value
    750000.0
    >>> parse_scaled_fraction("one and a half billion").value
    1500000000.0
    """
    tokens = [token for token in _WORD_BREAK.split(surface.lower()) if token and token not in ("of", "a", "an")]
    scale = 12.0 if tokens[-1] == "dozen" else float(SCALES[tokens[-1]])
    if "and" in tokens:  # "one and a half million"
        whole = parse_words(" ".join(tokens[:tokens.index("and")]))
        share = FRACTIONS[tokens[-2]]
        return ParsedNumber((whole.value + share) * scale, share * scale)
    share = FRACTIONS[tokens[-2]]
    count = SMALL_NUMBERS.get(tokens[0], 1) if len(tokens) == 3 else 1  # "three quarters", "half"
    return ParsedNumber(count * share * scale, share * scale)


def parse_fraction(surface: str) -> ParsedNumber | None:
    """A fraction in words, alone or after a whole number: "one third" -> 33.33 (a share,
    in percent), "a quarter" -> 25, "two thirds" -> 66.67, "three hundredths" -> 3;
    mixed and scaled ones are numbers: "twenty and three fifths" -> 20.6, "six million
    and two thirds" -> 6,666,667 (a fraction of the whole's last scale word), "half
    million" -> 500,000, "one billion and a half million" -> 1,000,500,000. None for an
    improper fraction with no whole ("four quarters" of a year is no share).

    >>> parse_fraction("one third").value
    33.33
    >>> parse_fraction("twenty and three fifths")
    ParsedNumber(value=20.6, precision=0.2, vague=False, is_fraction=False)
    >>> parse_fraction("four quarters") is None
    True
    """
    tokens = [token for token in _WORD_BREAK.split(surface.lower()) if token]
    scale = 1.0
    if tokens[-1] in SCALES or tokens[-1] == "dozen":
        scale = 12.0 if tokens[-1] == "dozen" else float(SCALES[tokens[-1]])  # "half million"
        tokens = tokens[:-1]
    denominator = DENOMINATORS[tokens[-1]]
    tokens = tokens[:-1]
    whole_tokens: list[str] = []
    if "and" in tokens:  # "one hundred and three and two thirds": the whole ends at the last "and"
        cut = len(tokens) - 1 - tokens[::-1].index("and")
        whole_tokens, tokens = tokens[:cut], tokens[cut + 1:]
    if not tokens or tokens in (["a"], ["an"]):
        numerator = 1.0
    else:
        parsed = parse_words(" ".join(tokens))
        if parsed is None:
            return None
        numerator = parsed.value
    share = numerator / denominator
    whole = parse_words(" ".join(whole_tokens)) if whole_tokens else None
    if whole_tokens and whole is None:
        return None
    if whole is None and scale == 1.0:
        if share >= 1 and denominator <= 4:
            return None  # "the two halves", "all four quarters": the parts of a whole, no figure
        if share >= 1:
            return ParsedNumber(float(f"{share:.12g}"), float(f"{1 / denominator:.12g}"))  # "twenty-three fifths"
        return ParsedNumber(float(f"{share * 100:.4g}"), 0.01, is_fraction=True)
    if scale == 1.0 and whole_tokens and whole_tokens[-1] in SCALES and whole_tokens[-1] != "hundred":
        scale = float(SCALES[whole_tokens[-1]])  # "six million and two thirds": two thirds of a million
    value = (whole.value if whole else 0.0) + share * scale
    return ParsedNumber(float(f"{value:.12g}"), float(f"{scale / denominator:.12g}"))


def parse_over(surface: str) -> ParsedNumber | None:
    """A fraction written with "over" at the end of its clause: "one over three" -> 0.333,
    "2000 over 3" -> 666.667. None where either side is no number.

    >>> parse_over("1 over twenty").value
    0.05
    """
    parts = [part.strip() for part in re.split(r"\s+over\s+", surface, maxsplit=1, flags=re.IGNORECASE)]
    sides = []
    for part in parts:
        try:
            sides.append(parse_digits(part) if part[:1].isdigit() else parse_words(part))
        except (NotAFigure, ValueError):
            return None
    if len(sides) != 2 or None in sides or not sides[1].value:
        return None
    value = sides[0].value / sides[1].value
    return ParsedNumber(float(f"{value:.12g}"), float(f"{abs(value) * 1e-9:.3g}") or 1e-12)


def parse_vague(surface: str) -> ParsedNumber:
    """"thousands" -> more than 1,000; "tens of thousands" -> more than 10,000."""
    lowered = " ".join(surface.lower().split())
    if lowered == "tens of thousands":
        return ParsedNumber(10_000.0, 10_000.0, vague=True)
    if lowered == "hundreds of thousands":
        return ParsedNumber(100_000.0, 100_000.0, vague=True)
    value = float(VAGUE_PLURALS[lowered])
    return ParsedNumber(value, value, vague=True)


# Quantity idioms: "a couple of hundred" is about two hundred; "a few thousand" and
# "several million" allow a range of the scale.
IDIOM_SPANS = {"a couple of": (2, 2), "a few": (2, 5), "several": (3, 9)}


def parse_idiom(surface: str) -> tuple[float, float, float]:
    """(low, high, scale) of a quantity idiom.

    >>> parse_idiom("a few thousand")
    (2000.0, 5000.0, 1000.0)
    """
    words = " ".join(surface.lower().split())
    head, scale_word = words.rsplit(" ", 1)
    scale = 12.0 if scale_word == "dozen" else float(SCALES[scale_word])
    low, high = IDIOM_SPANS[head]
    return low * scale, high * scale, scale


SCALE_AFTER_PATTERN = re.compile(
    rf"(?:\s+|-)(?P<word>(?ia:{'|'.join(sorted(SCALES_AFTER_DIGITS, key=len, reverse=True))}))\b"
    r"|(?P<abbr>\s?(?:bn|bln|mn|mln|tn|trn|tln)\b|[mMkKbBT]\b)",
)


def apply_scale(number: ParsedNumber, scale: float) -> ParsedNumber:
    return ParsedNumber(number.value * scale, number.precision * scale, number.vague, number.is_fraction)
