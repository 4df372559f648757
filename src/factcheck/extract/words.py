"""The extractor's English words as data: `english.yaml`, packaged beside this module,
loaded and checked once.

Number words, scale words, qualifiers and the word lists that tell a counted noun from a
verb live there, so that a new scale word or qualifier is a change of data. The file is
checked the way a language's data should be (dateparser checks its language files so):
every section the code reads is there and no other, a list holds no word twice, words
are lower case unless the section keeps case, and every value has its type. A broken
file stops the import with `WordsError`, which names the file, the line and the section.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

import yaml

from factcheck.model import Qualifier

SETS = ("sentence_abbreviations", "stopwords", "ambiguous_unit_surfaces", "word_like_symbols", "phrase_stoppers",
        "not_plural", "nominal_adjectives", "common_verbs", "selecting_words", "not_superlative", "ordering_words",
        "month_words", "determiners_before_year")
CASE_KEPT = frozenset({"word_like_symbols", "month_words"})
NUMBER_MAPS = ("small_numbers", "tens", "scales", "scale_abbreviations", "denominators", "vague_plurals")
WORD_MAPS = ("irregular_plurals",)
QUALIFIER_MAPS = ("qualifier_phrases", "trailing_qualifiers")
QUALIFIER_NAMES = frozenset(qualifier.value for qualifier in Qualifier)


class WordsError(ValueError):
    """The words file is broken: the message names the file, the line and the section."""


@dataclass(frozen=True, slots=True)
class Words:
    """The checked contents of a words file: `sets` of words and `maps` of word -> value."""

    sets: Mapping[str, frozenset[str]]
    maps: Mapping[str, Mapping[str, object]]


def _line_of(text: str, section: str, word: object = None) -> int:
    """The line a section (or a word within it) starts on, for error messages; 0 where
    it cannot be found."""
    lines = text.splitlines()
    start = next((number for number, line in enumerate(lines, 1) if line.strip() == f"{section}:"), 0)
    if word is None or not start:
        return start
    needle = str(word)
    return next((number for number, line in enumerate(lines[start:], start + 1) if needle in line), start)


def parse_words(text: str, where: str) -> Words:
    """Check and freeze the words of one file's `text` (`where` names it in errors).

    Raises WordsError for a missing or unknown section, a word listed twice, a word in
    the wrong case, or a value of the wrong type.
    """
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise WordsError(f"{where}: not valid YAML: {error}") from error
    if not isinstance(data, dict) or set(data) != {"sets", "maps"}:
        raise WordsError(f"{where}:1: the file holds two sections, 'sets' and 'maps'")

    def fail(section: str, message: str, word: object = None) -> WordsError:
        return WordsError(f"{where}:{_line_of(text, section, word)}: {section}: {message}")

    sets, maps = data["sets"] or {}, data["maps"] or {}
    for found, wanted, kind in ((sets, SETS, "list"), (maps, NUMBER_MAPS + WORD_MAPS + QUALIFIER_MAPS, "map")):
        for name in set(wanted) - set(found):
            raise WordsError(f"{where}: the {kind} '{name}' is missing")
        for name in set(found) - set(wanted):
            raise fail(name, f"no such {kind}; known: {', '.join(sorted(wanted))}")
    frozen_sets: dict[str, frozenset[str]] = {}
    for name in SETS:
        words = sets[name]
        if not isinstance(words, list) or not words:
            raise fail(name, "must be a non-empty list of words")
        seen: set[str] = set()
        for word in words:
            if not isinstance(word, str) or not word.strip():
                raise fail(name, f"{word!r} is not a word", word)
            if word in seen:
                raise fail(name, f"{word!r} is listed twice", word)
            if name not in CASE_KEPT and word != word.lower():
                raise fail(name, f"{word!r} must be lower case", word)
            seen.add(word)
        frozen_sets[name] = frozenset(words)
    frozen_maps: dict[str, Mapping[str, object]] = {}
    for name in NUMBER_MAPS + WORD_MAPS + QUALIFIER_MAPS:
        entries = maps[name]
        if not isinstance(entries, dict) or not entries:
            raise fail(name, "must be a non-empty map of word: value")
        for word, value in entries.items():
            if not isinstance(word, str) or word != word.lower() or not word.strip():
                raise fail(name, f"{word!r} must be a lower-case word", word)
            if name in NUMBER_MAPS and (isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0):
                raise fail(name, f"{word}: {value!r} must be a number of zero or more", word)
            if name in WORD_MAPS and not isinstance(value, str):
                raise fail(name, f"{word}: {value!r} must be a word", word)
            if name in QUALIFIER_MAPS and value not in QUALIFIER_NAMES:
                raise fail(name, f"{word}: {value!r} must be one of {', '.join(sorted(QUALIFIER_NAMES))}", word)
        frozen_maps[name] = MappingProxyType(dict(entries))
    return Words(MappingProxyType(frozen_sets), MappingProxyType(frozen_maps))


def load_words(path: Path | None = None) -> Words:
    """The words of `path`, or of the packaged `english.yaml` when None."""
    if path is None:
        text = resources.files("factcheck.extract").joinpath("english.yaml").read_text(encoding="utf-8")
        return parse_words(text, "factcheck/extract/english.yaml")
    return parse_words(path.read_text(encoding="utf-8"), str(path))


WORDS = load_words()


def word_set(name: str) -> frozenset[str]:
    """One list of the packaged words, as a frozenset."""
    return WORDS.sets[name]


def number_map(name: str) -> dict[str, int | float]:
    """One word -> number map of the packaged words (a fresh dict, in file order)."""
    return dict(WORDS.maps[name])  # type: ignore[arg-type]


def qualifier_map(name: str) -> dict[str, Qualifier]:
    """One word -> qualifier map of the packaged words (a fresh dict, in file order)."""
    return {word: Qualifier(value) for word, value in WORDS.maps[name].items()}
