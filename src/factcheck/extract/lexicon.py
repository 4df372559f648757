"""The unit lexicon: which words after (or before) a number name a unit.

It is built from quantulum3's unit tables (surfaces, symbols, entities and SI prefixes,
read straight from the JSON files the package ships, so quantulum3's slow loader never
runs) and the aliases in `rules/units.yaml`, which take precedence. Built once per
`Rules` value and then shared read-only.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from types import MappingProxyType
from typing import Mapping

from factcheck.extract.words import word_set
from factcheck.rules import Rules, derives

# quantulum3 entities -> our dimensions; entities not listed are kept under their own name.
ENTITY_DIMENSIONS = {
    "time": "duration",
    "currency": "currency",
    "length": "length",
    "area": "area",
    "volume": "volume",
    "mass": "mass",
    "power": "power",
    "energy": "energy",
    "speed": "speed",
    "temperature": "temperature",
    "data storage": "data",
}

# quantulum3 lists ordinary words as unit surfaces ("set", "turn", "real", "won"...). A
# figure followed by one of these is far more often a count or an idiom than a measure.
AMBIGUOUS_SURFACES = word_set("ambiguous_unit_surfaces")

# Entities whose units are almost never what news figures mean.
SKIPPED_ENTITIES = frozenset({"dimensionless", "typographical element", "instance frequency"})

SI_PREFIXES = {
    "Y": "yotta", "Z": "zetta", "E": "exa", "P": "peta", "T": "tera", "G": "giga", "M": "mega",
    "k": "kilo", "h": "hecto", "da": "deca", "d": "deci", "c": "centi", "m": "milli",
    "µ": "micro", "n": "nano", "p": "pico", "f": "femto", "a": "atto", "z": "zepto", "y": "yocto",
}
# Only the prefixes news text uses; "exayear" is a parse, not a unit anyone writes.
USED_PREFIXES = frozenset({"k", "M", "G", "T", "m"})
# prefixes read in words only ("nanometre", "microgram"): as symbols they collide with
# other units ("nm" is also the nautical mile)
WORD_ONLY_PREFIXES = frozenset({"n", "µ", "c"})

# Symbols that must keep their case, each naming the unit of a surface in the rules: the
# rules' surfaces are matched case-blind, and "mw" would take megawatts ("MW").
CASED_SYMBOLS = {"Mw": "magnitude"}


@dataclass(frozen=True, slots=True)
class UnitEntry:
    unit: str
    dimension: str
    factor: float = 1.0


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Surfaces (matched case-insensitively, whole words) and symbols (case-sensitive)."""

    surfaces: Mapping[str, UnitEntry]
    symbols: Mapping[str, UnitEntry]
    max_words: int
    # one-letter symbols ("h", "s", "g") too, trusted only after "/" or "per": "km/h"
    denominators: Mapping[str, UnitEntry]
    # the first words (lower-cased) of the units written in several words ("square",
    # "cubic"): after any other word only the one-word units need looking up
    phrase_starts: frozenset[str] = frozenset()
    # unit -> its readable name ("km" -> "kilometre", "USD" -> "united states dollar")
    names: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    def name_of(self, unit: str | None) -> str | None:
        """The readable name of a claim's unit: the lexicon's, a rate's parts ("USD/share"
        -> "united states dollar per share"), or a counted noun as it is."""
        if unit is None:
            return None
        if unit in self.names:
            return self.names[unit]
        if "/" in unit:
            top, _, bottom = unit.partition("/")
            return f"{self.names.get(top, top)} per {self.names.get(bottom, bottom)}"
        return unit

    def denominator(self, word: str) -> UnitEntry | None:
        """The unit a word names after "/" or "per" ("h", "hour", "hours", "kg")."""
        return self.denominators.get(word) or self.symbols.get(word) or self.surfaces.get(word.lower())


def _plural(word: str) -> str:
    irregular = {"foot": "feet", "century": "centuries", "inch": "inches", "man": "men"}
    if word in irregular:
        return irregular[word]
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def _forms(surface: str) -> tuple[str, ...]:
    """A surface, its plural, and for two-word names the plural of the first word too
    ("square kilometres", "degrees celsius")."""
    words = surface.split()
    forms = [surface, _plural(surface)]
    if len(words) == 2:
        forms.append(f"{_plural(words[0])} {words[1]}")
    return tuple(forms)


@lru_cache(maxsize=1)
def _quantulum_tables() -> tuple[dict, dict]:
    package = resources.files("quantulum3")
    general = json.loads(package.joinpath("units.json").read_text(encoding="utf-8"))
    english = json.loads(package.joinpath("_lang", "en_US", "units.json").read_text(encoding="utf-8"))
    return general, english


def _canonical_name(name: str, entry: dict) -> str:
    if entry.get("currency_code"):
        return entry["currency_code"]
    ascii_symbols = sorted((s for s in entry.get("symbols", []) if s.isascii() and s.isalpha()), key=len)
    return ascii_symbols[0] if ascii_symbols else name


def _quantulum_entries() -> tuple[dict[str, UnitEntry], dict[str, UnitEntry], dict[str, UnitEntry], dict[str, str]]:
    general, english = _quantulum_tables()
    surfaces: dict[str, UnitEntry] = {}
    symbols: dict[str, UnitEntry] = {}
    short: dict[str, UnitEntry] = {}
    names: dict[str, str] = {}
    for name, entry in sorted(general.items()):
        merged = {**entry, **{k: v for k, v in english.get(name, {}).items() if k in ("surfaces", "symbols")}}
        entity = merged.get("entity", "")
        if entity in SKIPPED_ENTITIES:
            continue
        dimension = ENTITY_DIMENSIONS.get(entity, entity)
        unit = UnitEntry(_canonical_name(name, merged), dimension)
        known = names.get(unit.unit)
        # a currency's longest name is its full one ("united states dollar", not "dollar")
        if known is None or (merged.get("currency_code") and len(name) > len(known)):
            names[unit.unit] = name
        for surface in merged.get("surfaces", []):
            for form in _forms(surface.lower()):
                if form not in AMBIGUOUS_SURFACES:
                    surfaces.setdefault(form, unit)
        for symbol in merged.get("symbols", []):
            if len(symbol) >= 2 or not symbol.isalpha():
                symbols.setdefault(symbol, unit)
            else:
                short.setdefault(symbol, unit)
        for prefix in merged.get("prefixes", []):
            if prefix not in USED_PREFIXES | WORD_ONLY_PREFIXES:
                continue
            prefixed = UnitEntry(f"{prefix}{_canonical_name(name, merged)}", dimension)
            for surface in merged.get("surfaces", []):
                word = SI_PREFIXES[prefix] + surface.lower()
                surfaces.setdefault(word, prefixed)
                surfaces.setdefault(_plural(word), prefixed)
            if prefix in WORD_ONLY_PREFIXES:
                continue
            for symbol in merged.get("symbols", []):
                symbols.setdefault(prefix + symbol, prefixed)
            names.setdefault(prefixed.unit, SI_PREFIXES[prefix] + name)
    return surfaces, symbols, short, names


def build_lexicon(rules: Rules) -> Lexicon:
    """The lexicon for these rules: quantulum3's tables, then the rules' aliases on top.
    Built once per `Rules` value."""
    return rules.derived("lexicon", _build_lexicon)


@derives("lexicon")
def _build_lexicon(rules: Rules) -> Lexicon:
    surfaces, symbols, short, quantulum_names = _quantulum_entries()
    names = dict(quantulum_names)
    # one symbol per unit: where an alias renames a unit quantulum3 knows ("square metre"
    # -> "m2", "cc" -> "mL"), every surface and symbol of that unit takes the new name
    renamed: dict[tuple[str, str], UnitEntry] = {}
    for alias in rules.units:
        known = surfaces.get(alias.surface.lower())
        if known is not None and known.unit != alias.unit and known.dimension == alias.dimension \
                and alias.factor == known.factor == 1.0:
            renamed[(known.unit, known.dimension)] = UnitEntry(alias.unit, alias.dimension)
            names[alias.unit] = alias.name or quantulum_names.get(known.unit, alias.unit)
    if renamed:
        for table in (surfaces, symbols, short):
            for key, entry in table.items():
                table[key] = renamed.get((entry.unit, entry.dimension), entry)
    for alias in rules.units:
        surfaces[alias.surface.lower()] = UnitEntry(alias.unit, alias.dimension, alias.factor)
        if alias.name:
            names.setdefault(alias.unit, alias.name)
    for symbol, surface in CASED_SYMBOLS.items():
        if surface in surfaces:
            symbols[symbol] = surfaces[surface]
    # after "/" or "per", time is counted in hours and days, not in the rules' durations
    short.update({"h": UnitEntry("h", "duration"), "hr": UnitEntry("h", "duration"), "d": UnitEntry("day", "duration")})
    max_words = max(len(surface.split()) for surface in surfaces)
    phrase_starts = frozenset(name.split()[0].lower() for name in [*surfaces, *symbols] if " " in name)
    names.update({"percent": "percent", "percentage points": "percentage point"})
    return Lexicon(MappingProxyType(surfaces), MappingProxyType(symbols), max_words, MappingProxyType(short),
                   phrase_starts, MappingProxyType(names))
