"""Load and validate the YAML rules in `rules/` into one frozen `Rules` value.

The rules are data: unit aliases and counted-noun families (`units.yaml`), measured
properties with their synonyms, and the tolerances that grouping and comparison use
(`topics.yaml`), the countries texts name, with their adjectives (`gazetteer.yaml`), and
the kinds of events, the facets that narrow a figure and the grouping weights
(`events.yaml`).
`accepted.yaml`, in the same folder, is the review package's (`review.accepted`;
`factcheck.project.load_rules` reads both). Every file is validated against a small
schema while it is read (`factcheck.schema`), so an unknown key or a value of the wrong
type is a `RulesError` that names the file and line.
"""

from __future__ import annotations

import copyreg
import functools
import hashlib
import math
from collections.abc import Iterable
from dataclasses import dataclass, field, fields, replace
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any, Callable

import yaml

from factcheck.model import Review
from factcheck.schema import NUMBER, RulesError, Schema, parse_yaml, read_text


@dataclass(frozen=True, slots=True)
class UnitAlias:
    """A surface that names a unit: `surface` -> canonical `unit` in `dimension`."""

    surface: str
    unit: str
    dimension: str
    factor: float = 1.0
    name: str = ""  # the unit's readable name ("square metre"), from its key in units.yaml


@dataclass(frozen=True, slots=True)
class Topic:
    """A measured property: the words that name it and the claims it can apply to."""

    name: str
    label: str
    synonyms: tuple[str, ...]
    dimensions: tuple[str, ...]
    families: tuple[str, ...] = ()
    relative_tolerance: float | None = None
    # a property that a more specific topic of its dimension may name too ("long" for
    # any length): it does not weigh against one
    generic: bool = False
    # a count that may fall as well as grow between reports (the missing are found, the
    # displaced go home): a later, smaller count is a later count too
    falls: bool = False
    # nouns a figure of this topic's dimension stands right before when it states this
    # property of a thing ("a $4.2 billion project", "the 1,500-megawatt dam")
    before: tuple[str, ...] = ()


def is_country_code(name: str) -> bool:
    """Is a name key a country's gazetteer code ("CL")? Framing replaces every alias of a
    country by its code, and no other name key is two capital letters."""
    return len(name) == 2 and name.isupper()


def country_codes(names: Iterable[str]) -> set[str]:
    """The country codes among name keys."""
    return {name for name in names if is_country_code(name)}


@dataclass(frozen=True, slots=True)
class Country:
    """A country as texts name it: its code, its name and every alias (adjectives and
    demonyms included), matched case-sensitively as whole words."""

    code: str
    name: str
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class EventKind:
    """A kind of event (or of standing thing) and the words that name one."""

    name: str
    label: str
    words: tuple[str, ...]
    standing: bool = False
    related: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Facet:
    """One value of a facet that narrows a figure within its event ("category" =
    "children"), and the words that say it."""

    facet: str
    value: str
    words: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class GroupingWeights:
    """The weights of the evidence that two claims state one fact; documented in
    events.yaml."""

    threshold: float = 1.0
    floor: float = 0.9
    topic: float = 2.0
    topic_mismatch: float = -3.0
    phrase: float = 1.0
    subject: float = 0.3
    subject_mismatch: float = -0.8
    year: float = 0.3
    year_mismatch: float = -1.5
    year_mismatch_in_event: float = -0.8
    same_source: float = -0.3
    same_source_differ: float = -0.6
    unknown_event: float = -0.3
    magnitude_gap: float = -1.5
    same_value: float = 0.5


@dataclass(frozen=True, slots=True)
class Tolerances:
    """Numbers that grouping and comparison use; documented in topics.yaml."""

    match_threshold: float = 70.0
    approx_tolerance: float = 0.02
    nearly_tolerance: float = 0.02
    rounding_max_relative: float = 0.1
    severity_high: float = 0.25
    severity_medium: float = 0.05
    outlier_relative: float = 1.0
    outlier_min_sources: float = 5
    outlier_deviations: float = 2.0


@dataclass(frozen=True, slots=True)
class Rules:
    units: tuple[UnitAlias, ...] = ()
    counted_families: tuple[tuple[str, tuple[str, ...]], ...] = ()
    pair_references: tuple[str, ...] = ()
    name_prefixes: tuple[str, ...] = ()
    article_units: frozenset[str] = frozenset()
    topics: tuple[Topic, ...] = ()
    tolerances: Tolerances = field(default_factory=Tolerances)
    # unit -> (the unit its dimension is compared in, the factor to it)
    conversions: tuple[tuple[str, str, float], ...] = ()
    countries: tuple[Country, ...] = ()
    # phrases that contain a country's name but name no country ("Latin America")
    not_countries: tuple[str, ...] = ()
    event_kinds: tuple[EventKind, ...] = ()
    facets: tuple[Facet, ...] = ()
    unframed_families: frozenset[str] = frozenset()
    grouping: GroupingWeights = field(default_factory=GroupingWeights)
    digest: str = ""
    # Reviews change no claim, fact or finding, only a finding's status; they stay out of
    # the rules' equality and digest, so caches keyed on the rules survive a review.
    accepted: tuple[Review, ...] = field(default=(), compare=False)
    # derived once: the rules are hashed on every cache lookup and asked for families
    # once per figure
    _hash: int = field(init=False, repr=False, compare=False)
    _family_index: dict[str, str] = field(init=False, repr=False, compare=False)
    _conversion_index: dict[str, tuple[str, float]] = field(init=False, repr=False, compare=False)
    # what the stages build from these rules (the unit lexicon, the topic and event
    # matchers), by name: all built before a run (`prepare_rules`), so a worker
    # process receives them built; otherwise each is built on first use
    _derived: dict[str, Any] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        values = tuple(getattr(self, f.name) for f in fields(self) if f.compare)
        object.__setattr__(self, "_hash", hash(values))
        index: dict[str, str] = {}
        for family, nouns in self.counted_families:
            for noun in nouns:
                index.setdefault(noun, family)
        object.__setattr__(self, "_family_index", index)
        object.__setattr__(self, "_conversion_index", {unit: (to, factor) for unit, to, factor in self.conversions})
        object.__setattr__(self, "_derived", {})

    def derived(self, name: str, build: Callable[["Rules"], Any]) -> Any:
        """A value built from these rules once, by `build`, and kept with them."""
        if name not in self._derived:
            self._derived[name] = build(self)
        return self._derived[name]

    def __getstate__(self) -> dict[str, Any]:
        # the rules travel to worker processes whole, their derived values included
        return {f.name: getattr(self, f.name) for f in fields(self)} | {"_derived": self._derived}

    def __setstate__(self, state: dict[str, Any]) -> None:
        for name, value in state.items():
            object.__setattr__(self, name, value)
        self.__post_init__()
        object.__setattr__(self, "_derived", state["_derived"])

    def __hash__(self) -> int:
        return self._hash

    def canonical_unit(self, unit: str | None) -> tuple[str | None, float]:
        """The unit a measure is compared in, and the factor to it ("mi" -> "km", 1.609)."""
        return self._conversion_index.get(unit, (unit, 1.0)) if unit else (unit, 1.0)

    def family_of(self, noun: str) -> str | None:
        return self._family_index.get(noun)


# A read-only mapping (the lexicon's tables, the matchers' indexes) travels to another
# process as a dict and comes back read-only; without this, pickle refuses it.
def read_only(mapping: dict) -> MappingProxyType:
    """A read-only view of `mapping`: how a pickled read-only mapping is rebuilt."""
    return MappingProxyType(mapping)


copyreg.pickle(MappingProxyType, lambda proxy: (read_only, (dict(proxy),)))

# The builders of derived values, by name, each registered by the module that owns it
# (`derives`), so that `prepare_rules` can build them all without knowing those modules.
_BUILDERS: dict[str, Callable[[Rules], Any]] = {}


def derives(name: str) -> Callable[[Callable[[Rules], Any]], Callable[[Rules], Any]]:
    """Register a builder of the derived value `name` (a decorator)."""
    def register(build: Callable[[Rules], Any]) -> Callable[[Rules], Any]:
        _BUILDERS[name] = build
        return build
    return register


def prepare_rules(rules: Rules) -> Rules:
    """Build every registered derived value of `rules` now (the lexicon, the matchers),
    so that the rules can be sent to worker processes ready to use. Returns `rules`
    itself. A stage registers its builders when it is imported; `factcheck.pipeline`,
    which imports every stage, calls this before a run. The rules sit below the stages,
    so this module never imports them itself."""
    for name, build in sorted(_BUILDERS.items()):
        rules.derived(name, build)
    return rules


# --- schema -------------------------------------------------------------------------
# Each file's shape (`schema.Schema`): a Python type, a list `[item]`, or a dict of key ->
# shape, where a dict with the single key `"*"` maps any key to that shape.

UNITS_SCHEMA: dict[str, Any] = {
    "units": {"*": {"unit": str, "dimension": str, "factor": NUMBER, "surfaces": [str]}},
    "counted_families": {"*": [str]},
    "pair_references": [str],
    "name_prefixes": [str],
    "article_units": [str],
    "conversions": {"*": {"to": str, "factor": NUMBER}},
}

TOPICS_SCHEMA: dict[str, Any] = {
    "tolerances": {
        "match_threshold": NUMBER,
        "approx_tolerance": NUMBER,
        "nearly_tolerance": NUMBER,
        "rounding_max_relative": NUMBER,
        "severity_high": NUMBER,
        "severity_medium": NUMBER,
        "outlier_relative": NUMBER,
        "outlier_min_sources": NUMBER,
        "outlier_deviations": NUMBER,
    },
    "topics": {
        "*": {
            "label": str,
            "synonyms": [str],
            "dimensions": [str],
            "families": [str],
            "relative_tolerance": NUMBER,
            "generic": bool,
            "falls": bool,
            "before": [str],
        }
    },
}

GAZETTEER_SCHEMA: dict[str, Any] = {
    "countries": {"*": {"name": str, "aliases": [str]}},
    "not_countries": [str],
}

EVENTS_SCHEMA: dict[str, Any] = {
    "kinds": {"*": {"label": str, "words": [str], "standing": bool, "related": [str]}},
    "facets": {"*": {"*": [str]}},
    "unframed_families": [str],
    "grouping": {name: NUMBER for name in ("threshold", "floor", "topic", "topic_mismatch", "phrase", "subject",
                                            "subject_mismatch", "year", "year_mismatch", "year_mismatch_in_event", "same_source", "same_source_differ",
                                            "unknown_event", "magnitude_gap", "same_value")},
}

_REQUIRED = {
    ("units", "*"): ("unit", "dimension", "surfaces"),
    ("topics", "*"): ("synonyms", "dimensions"),
    ("countries", "*"): ("name",),
    ("kinds", "*"): ("words",),
    ("conversions", "*"): ("to", "factor"),
}


# The range each number must fall in, by where it sits ("*": any key): (least, most,
# whether the least itself is allowed). Every number must also be finite (`schema`).
_RANGES: dict[tuple[str, ...], tuple[float, float, bool]] = {
    ("tolerances", "match_threshold"): (0.0, 100.0, True),
    **{("tolerances", name): (0.0, math.inf, True) for name in (
        "approx_tolerance", "nearly_tolerance", "rounding_max_relative", "severity_high", "severity_medium",
        "outlier_relative")},
    ("tolerances", "outlier_min_sources"): (1.0, math.inf, True),
    ("tolerances", "outlier_deviations"): (0.0, math.inf, False),
    ("topics", "*", "relative_tolerance"): (0.0, math.inf, True),
    ("units", "*", "factor"): (0.0, math.inf, False),
    ("conversions", "*", "factor"): (0.0, math.inf, False),
}


def parse_rules_text(text: str, path: str, shape: dict[str, Any]) -> dict[str, Any]:
    """Parse one rules file's text against its shape, with the rules' required keys and
    ranges; errors name `path:line`."""
    return parse_yaml(text, path, Schema(shape, _REQUIRED, _RANGES))


def build_countries(gazetteer_data: dict[str, Any], path: str, text: str) -> tuple[Country, ...]:
    """The gazetteer's countries; a name listed twice is an error, since it could then
    not say which country a text names."""
    countries = tuple(Country(code, entry["name"], tuple(entry.get("aliases", ())))
                      for code, entry in sorted(gazetteer_data.get("countries", {}).items()))
    owner: dict[str, str] = {}
    for country in countries:
        for name in country.names:
            if name in owner and owner[name] != country.code:
                line = text.count("\n", 0, _second_mention(text, name)) + 1
                raise RulesError(path, line, f"{name!r} names both {owner[name]} and {country.code}")
            owner[name] = country.code
    return countries


def _second_mention(text: str, name: str) -> int:
    first = text.find(name)
    second = text.find(name, first + 1)
    return second if second >= 0 else max(first, 0)


def build_rules(units_data: dict[str, Any], topics_data: dict[str, Any], digest: str = "",
                countries: tuple[Country, ...] = (), not_countries: tuple[str, ...] = ()) -> Rules:
    """Assemble validated file contents into `Rules` (pure)."""
    aliases: list[UnitAlias] = []
    for name, entry in sorted(units_data.get("units", {}).items()):
        for surface in entry["surfaces"]:
            aliases.append(UnitAlias(surface, entry["unit"], entry["dimension"], entry.get("factor", 1.0),
                                     name.replace("_", " ")))
    families = tuple(
        (family, tuple(noun.lower() for noun in nouns))
        for family, nouns in sorted(units_data.get("counted_families", {}).items())
    )
    topics = tuple(
        Topic(
            name=name,
            label=entry.get("label", name.replace("_", " ")),
            synonyms=tuple(word.lower() for word in entry["synonyms"]),
            dimensions=tuple(entry["dimensions"]),
            families=tuple(entry.get("families", ())),
            relative_tolerance=entry.get("relative_tolerance"),
            generic=bool(entry.get("generic", False)),
            falls=bool(entry.get("falls", False)),
            before=tuple(word.lower() for word in entry.get("before", ())),
        )
        for name, entry in sorted(topics_data.get("topics", {}).items())
    )
    tolerances = Tolerances(**topics_data.get("tolerances", {}))
    return Rules(
        units=tuple(aliases),
        counted_families=families,
        pair_references=tuple(word.lower() for word in units_data.get("pair_references", ())),
        name_prefixes=tuple(units_data.get("name_prefixes", ())),
        article_units=frozenset(word.lower() for word in units_data.get("article_units", ())),
        topics=topics,
        tolerances=tolerances,
        conversions=tuple((unit, entry["to"], float(entry["factor"]))
                          for unit, entry in sorted(units_data.get("conversions", {}).items())),
        countries=countries,
        not_countries=not_countries,
        digest=digest,
    )


# the files the extract stage reads; events.yaml is the frame and group stages' alone
EXTRACTION_FILES = frozenset({"units.yaml", "topics.yaml", "gazetteer.yaml"})
RULE_FILES = (("units.yaml", UNITS_SCHEMA), ("topics.yaml", TOPICS_SCHEMA), ("gazetteer.yaml", GAZETTEER_SCHEMA),
              ("events.yaml", EVENTS_SCHEMA))


def _line_of(text: str, *keys: str) -> int | None:
    """The line of the last of `keys`, each looked for after the one before it."""
    position = 0
    for key in keys:
        found = text.find(key, position)
        if found < 0:
            return None
        position = found
    return text.count("\n", 0, position) + 1


def build_events(events_data: dict[str, Any], path: str, text: str = "") -> tuple[tuple[EventKind, ...], tuple[Facet, ...],
                                                                 GroupingWeights, frozenset[str]]:
    """Event kinds, facets and grouping weights from a validated events.yaml; a kind
    that names an unknown related kind is an error."""
    kinds = tuple(
        EventKind(name=name, label=entry.get("label", name), words=tuple(w.lower() for w in entry["words"]),
                  standing=bool(entry.get("standing", False)), related=tuple(entry.get("related", ())))
        for name, entry in sorted(events_data.get("kinds", {}).items()))
    known = {kind.name for kind in kinds}
    for kind in kinds:
        unknown = [name for name in kind.related if name not in known]
        if unknown:
            raise RulesError(path, _line_of(text, f"{kind.name}:", "related:"),
                             f"kinds.{kind.name}.related names unknown kinds: {', '.join(unknown)}")
    facets = tuple(Facet(facet, value, tuple(w.lower() for w in words))
                   for facet, values in sorted(events_data.get("facets", {}).items())
                   for value, words in sorted(values.items()))
    return (kinds, facets, GroupingWeights(**events_data.get("grouping", {})),
            frozenset(events_data.get("unframed_families", ())))


def read_rules(directory: str | Path | None = None) -> Rules:
    """Read `units.yaml`, `topics.yaml`, `gazetteer.yaml` and `events.yaml` from
    `directory` (the packaged defaults when None). The reviews in its `accepted.yaml`
    are the review package's: `factcheck.project.load_rules` reads both.

    A file missing from `directory` falls back to the packaged default, so a project can
    override just one of them.

    >>> rules = read_rules()
    >>> any(topic.name == "deaths" for topic in rules.topics)
    True
    """
    if directory is None:
        return _packaged_rules()
    return _read_rules(directory)


@functools.cache
def _packaged_rules() -> Rules:
    """The packaged defaults, read once per process: they are installed files that do
    not change while it runs, and `extract_claims(text)` asks for them on every call.
    Their derived values are built on first use and kept with this one object."""
    return _read_rules(None)


def _read_rules(directory: str | Path | None) -> Rules:
    contents: dict[str, dict[str, Any]] = {}
    texts: dict[str, tuple[str, str]] = {}
    hasher = hashlib.sha256()
    for file_name, schema in RULE_FILES:
        local = Path(directory) / file_name if directory is not None else None
        if local is not None and local.is_file():
            display = str(local)
            text = read_text(local)
        else:
            display = f"<packaged>/{file_name}"
            text = resources.files("factcheck").joinpath("default_rules", file_name).read_text(encoding="utf-8")
        if file_name in EXTRACTION_FILES:
            # the digest keys cached extractions: rules the extractor never reads stay out
            hasher.update(file_name.encode() + b"\0" + text.encode("utf-8") + b"\0")
        contents[file_name] = parse_rules_text(text, display, schema)
        texts[file_name] = (display, text)
    gazetteer = contents["gazetteer.yaml"]
    countries = build_countries(gazetteer, *texts["gazetteer.yaml"])
    rules = build_rules(contents["units.yaml"], contents["topics.yaml"], hasher.hexdigest()[:16], countries,
                        tuple(gazetteer.get("not_countries", ())))
    kinds, facets, grouping, unframed = build_events(contents["events.yaml"], *texts["events.yaml"])
    return replace(rules, event_kinds=kinds, facets=facets, grouping=grouping, unframed_families=unframed)
