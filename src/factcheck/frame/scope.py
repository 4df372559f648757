"""Scope: what narrows a figure within its event, as facets of the measured property.

- `party`: the one body (a bank, a fund, a union) a sum's clause names as giving or
  receiving it, where no country does.
- `place`: a country the figure's clause names, other than the event's own country
  ("Sri Lanka reported 30,000 deaths" in an article about a tsunami that struck many
  countries), or a place named after "in"/"across" ("in the capital alone"). Donors
  named in a pledge's clause are places too: "$100m from Japan" is Japan's pledge.
- `category`: who or what is counted (children, security forces, foreigners), from the
  counted noun phrase and the clause (`facets.category` in rules/events.yaml).
- `status`: how far the count reaches (missing, dead or missing, a previous count, a
  forecast), from the clause (`facets.status`).

A facet is written "facet:value" ("place:LK", "category:children"); a claim's facets are
sorted. Two claims with different values of one facet are different facts; whether an
unscoped figure may join a scoped one is the group stage's decision.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from factcheck.extract.patterns import word_alternation
from factcheck.frame.events import Event, NameModel, name_key
from factcheck.model import Claim
from factcheck.rules import Rules, derives, is_country_code

# what a place narrows: counts, money and shares of what happened there; a dam's height
# is the dam's wherever the sentence says it was measured from
PLACE_DIMENSIONS = frozenset({"count", "currency", "percentage"})
# what may stand between a figure and the country it is about: "$100m from Japan",
# "8,000 people in Chile"
_AFTER_FIGURE = re.compile(r"(?:\s+[\w-]+){0,3}?\s+(?:in|from|of|for|by)\s+(?:the\s+)?$"
                           r"|\s+in\s+the\s+(?:[\w-]+\s+)?(?:town|city|village|district|province|region)\s+of\s+$")
# a place, then "alone": the figure counts a part ("in Orvald alone", not "in 2019 alone")
_PLACE_ALONE = re.compile(r"\b(?:(?:in|at|for)\s+)?(?:the\s+)?(?!(?:He|She|It|This|That|These|Those|They|We|You|I|One)\b)"
                         r"[A-Z][\w'’-]+(?:\s+[A-Za-z][\w'’-]+){0,3}\s+alone\b")
# a place written just before a figure's clause: "... died in Orvald, 61 people"
_PLACE_BEFORE_CLAUSE = re.compile(r"\bin\s+(?:the\s+)?([A-Z][\w'’-]+)\s*,\s*$")
# a sentence that opens with its place: "In Orvald, 61 people died"
_OPENING_PLACE = re.compile(r"\s*(?:(?:In|Across|Throughout)\s+)?(?:the\s+)?[A-Z]")
# statuses that qualify only what follows them (or a few words after: "$3bn in new aid")
BEFORE_ONLY = frozenset({"additional", "previous", "forecast", "already given"})
NEAR_BEFORE = 40  # characters: how far before its figure such a status may stand
NEAR_AFTER = 12  # ... and how far after it ("$3bn in new aid")
# statuses a topic implies: the missing are missing, and those still missing too
# ("the toll remained at 5,300": a toll that stayed, not the dead who remain)
# how far after a count (characters) a word may say who is counted, within its clause
CATEGORY_AFTER = 40
# "38 deaths in the police crackdown", "killed by the army": the category says who acted
_AGENT_PHRASE = re.compile(r"\b(?:in|during|by|from|after)\s+(?:a|an|the)\s+$")
_NEW_CLAUSE = re.compile(r"\b(?:when|while|after|before|because|as|where|since|if)\b")
REDUNDANT_STATUS = {"missing": ("missing", "remaining"), "deaths": ("remaining",)}
# what follows a country's name when it names a person or a body, not a place:
# "the French president said ...", "Indian officials said ..."
_AGENT_AFTER = re.compile(r"\s+(?:[A-Z]\w+|president|prime|minister|ministry|officials?|government|authorities|"
                          r"spokes(?:man|woman|person)|media|foreign|leader|envoy)\b")
_THE_COUNTRY = re.compile(r"\bthe\s+country(?:['’]s)?\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class FacetMatcher:
    """Every facet word of rules/events.yaml as one pattern, and the (facet, value)
    each word says."""

    pattern: re.Pattern[str] | None
    facet_of: dict[str, tuple[str, str]]


def facet_matcher(rules: Rules) -> FacetMatcher:
    """The facet words of these rules as one pattern, built once per `Rules` value."""
    return rules.derived("facet_matcher", _build_facet_matcher)


@derives("facet_matcher")
def _build_facet_matcher(rules: Rules) -> FacetMatcher:
    facet_of: dict[str, tuple[str, str]] = {}
    for facet in rules.facets:
        for word in facet.words:
            facet_of.setdefault(word, (facet.facet, facet.value))
    if not facet_of:
        return FacetMatcher(None, {})
    alternation = word_alternation(facet_of).replace(r"\ ", r"\s+")
    return FacetMatcher(re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])"), facet_of)


def claim_facets(claim: Claim, text: str, lowered: str, clause: tuple[int, int], event: Event | None,
                 names: NameModel, rules: Rules, lead_in: tuple[int, int] | None = None,
                 previous_sentence: tuple[int, int] | None = None,
                 speaker: tuple[int, int] | None = None) -> tuple[str, ...]:
    """The facets of one claim, from its clause (`clause` is a [start, end) span of
    `text`; `lowered` is `text` lower-cased with offsets kept).

    The figure's own span is left out of the search, and so is a country that is the
    event's own ("Chile" in a Chilean earthquake's toll narrows nothing). Statuses that
    qualify what follows them ("another", "a previous", "could reach") count only
    before the figure. Where the clause names no place, `lead_in` (the part of the
    sentence before the clause, back to the previous figure) may: "In neighbouring
    India, the official toll has reached ..."; and "the country" refers back to the
    one country `previous_sentence` names. `speaker` is the span that may say who
    gives the figure (its sentence back to the figure before it).
    """
    facets: dict[str, str] = {}
    matcher = facet_matcher(rules)
    if matcher.pattern is not None:
        for match in matcher.pattern.finditer(lowered, clause[0], clause[1]):
            if claim.start <= match.start() < claim.end:
                continue
            facet, value = matcher.facet_of[" ".join(match.group(0).split())]
            if value in BEFORE_ONLY and not (claim.start - NEAR_BEFORE <= match.start() < claim.start
                                             or claim.end <= match.start() < claim.end + NEAR_AFTER):
                continue  # "a further 100,000", "$3bn in new aid"; not "new pledges raise the total to ..."
            if facet == "category" and (match.start() < claim.start or claim.dimension != "count"
                                        or match.start() > claim.end + CATEGORY_AFTER
                                        or _NEW_CLAUSE.search(lowered, claim.end, match.start())
                                        or _AGENT_PHRASE.search(lowered, max(claim.end, match.start() - 20),
                                                                match.start())):
                # who is counted follows the figure, closely: "guards said 12,000 refugees"
                # counts refugees; "750 died when troops fired on civilians" says who was shot at
                continue
            if facet == "status" and value in REDUNDANT_STATUS.get(claim.topic or "", ()):
                continue  # "4,100 missing" is the topic itself, no narrower scope
            if facet == "voice":
                continue  # read below, from the words before the figure
            # the longest phrase wins within a facet ("dead or missing" over "missing")
            if facet not in facets or len(match.group(0)) > len(facets.get(facet + "#", "")):
                facets[facet] = value
                facets[facet + "#"] = match.group(0)
    if matcher.pattern is not None and speaker is not None and claim.dimension == "count":
        # who speaks: the voice nearest before the figure, back to the figure before it
        # ("the prosecutor said 169 died, but activists say the violence left 700 dead")
        for match in matcher.pattern.finditer(lowered, speaker[0], min(speaker[1], claim.start)):
            facet, value = matcher.facet_of[" ".join(match.group(0).split())]
            if facet == "voice":
                facets["voice"] = value
    if "area" not in facets and _PLACE_ALONE.search(text, clause[0], clause[1]):
        facets["area"], facets["area#"] = "a part", "alone"  # "in Orvald alone", "Orvald alone had": a part of the whole
    own = set()
    if event is not None:
        own = {event.home} if event.home else set()
        own |= set(event.aliases)
    if facets.get("status") == "forecast" and claim.dimension != "count":
        # "expected to" before a plant's capacity or a sum plans it; only a toll is forecast
        del facets["status"], facets["status#"]
    if claim.dimension not in PLACE_DIMENSIONS:
        return tuple(sorted(f"{facet}:{value}" for facet, value in facets.items() if not facet.endswith("#")))
    # one place narrows; a clause that lists several ("Indonesia, Thailand and others")
    # states a total over them
    row = _row_label(text, claim, names)
    places = {row} - own if row else {name for name, _ in _places(text, clause, claim, names) if name not in own}
    if not places and claim.dimension == "count":
        # "... died in Orvald, 61 people": a place just before the figure's clause
        before = _PLACE_BEFORE_CLAUSE.search(text, max(0, clause[0] - 40), clause[0])
        found = names.names_in(text, before.start(1), before.end(1)) if before else []
        if found and (found[0] in names.places or is_country_code(found[0])) and found[0] not in own:
            places = {found[0]}
    if not places and lead_in is not None and lead_in[1] > lead_in[0]:
        opening = _OPENING_PLACE.match(text, lead_in[0], lead_in[1])
        # the place a sentence opens with ("In Orvald, ...", "Orvald, where ..., suffered"),
        # not a dateline's city ("MOSCOW – A top official said ...")
        opener = _name_key_at(text, opening.end() - 1) if opening else None
        if opener and text[opening.end() - 1:opening.end() - 1 + len(opener)].isupper():
            opener = None
        places = {name for name in names.names_in(text, *lead_in)
                  if (is_country_code(name)
                      or (name == opener and name in names.places and claim.dimension == "count"))
                  and name not in own}
    if not places and previous_sentence is not None and _THE_COUNTRY.search(text, clause[0], claim.start):
        places = {name for name in names.names_in(text, *previous_sentence)
                  if is_country_code(name) and name not in own}
    if len(places) == 1:
        facets["place"] = places.pop()
    if claim.dimension == "currency" and "place" not in facets:
        party = _party(text, clause, claim)
        if party:
            facets["party"] = party
    return tuple(sorted(f"{facet}:{value}" for facet, value in facets.items() if not facet.endswith("#")))


# a body that gives or receives money: "the Asian Development Bank", "the World Bank",
# "the European Union", "the IMF"
_BODY = re.compile(r"\b((?:[A-Z][\w&'’-]*\s+){0,4}(?:Bank|Fund|Union|Nations|Organi[sz]ation|Agency|Commission|"
                   r"Programme|Program|Council|Cross|Crescent|Foundation))\b|\b(UN|EU|IMF|ADB|AfDB|IDB|IsDB|"
                   r"WHO|UNICEF|WFP|USAID|UNHCR|OCHA|IFRC|AIIB|EBRD|EIB)\b")


def _party(text: str, clause: tuple[int, int], claim: Claim) -> str | None:
    """The one body a sum's clause names as giving or receiving it, before the figure
    or right after it ("$600m from the Asian Development Bank"); None for none or several."""
    found = set()
    for match in _BODY.finditer(text, clause[0], clause[1]):
        if claim.start <= match.start() < claim.end:
            continue
        if match.start() > claim.end and not _AFTER_FIGURE.match(text, claim.end, match.start()):
            continue
        found.add(" ".join((match.group(1) or match.group(2)).split()))
    return found.pop() if len(found) == 1 else None


def _name_key_at(text: str, start: int) -> str:
    """The name key of the word starting at `start`."""
    match = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]").match(text, start)
    return name_key(match.group(0)) if match else ""


_ADJECTIVE_ENDINGS = ("an", "ese", "ish", "ian", "i", "ic", "ch", "ean", "ese", "ot")


def _is_adjective(text: str, position: int, names: NameModel) -> bool:
    """Is the country name at `position` an adjective or demonym ("French", "Chilean")
    rather than the country's name?"""
    word = text[position:names.country_end(text, position)]
    return not names.is_country_name(word) and word.lower().endswith(_ADJECTIVE_ENDINGS)


def _names_agent(text: str, position: int, code: str, names: NameModel) -> bool:
    """Does the country name at `position` qualify a person or a body ("French
    President", "Indian officials") rather than say where?"""
    end = names.country_end(text, position)
    return _AGENT_AFTER.match(text, end) is not None


def _country_position(text: str, clause: tuple[int, int], code: str, names: NameModel) -> int | None:
    """Where in the clause a name of this country starts."""
    for start in names.country_positions(text, clause[0], clause[1], code):
        return start
    return None


# a table row: a label, then figures alone to the end of the line ("Tarvena 1,200 310 4,000")
_ROW_FIGURES = re.compile(r"[\d\s,.%()–-]*$")
_ROW_LABEL_WORDS = 4
_ROW_CHARS = 200
_ROW_NUMBER = re.compile(r"\d[\d,.]*")
_TOTAL_LABELS = frozenset({"total", "totals", "all", "overall", "sum", "grand"})


def _row_label(text: str, claim: Claim, names: NameModel) -> str | None:
    """The place a table row is about, where the claim stands in a row whose label (the
    line's words before its first figure) is a country or a place the corpus knows."""
    # a row is a short line: look no further than that for its ends
    line_start = text.rfind("\n", max(0, claim.start - _ROW_CHARS), claim.start) + 1
    line_end = text.find("\n", claim.end, claim.end + _ROW_CHARS)
    line_end = len(text) if line_end < 0 and len(text) <= claim.end + _ROW_CHARS else line_end
    if (line_start == 0 and claim.start > _ROW_CHARS) or line_end < 0:
        return None
    first_digit = re.search(r"\d", text[line_start:line_end])
    if first_digit is None or not _ROW_FIGURES.match(text[line_start + first_digit.start():line_end]):
        return None
    label = text[line_start:line_start + first_digit.start()].strip(" \t$€£")
    if not label or len(label.split()) > _ROW_LABEL_WORDS:
        return None
    found = names.names_in(text, line_start, line_start + first_digit.start())
    # a row of two or more figures is a table's: its label is the row's scope, a place the
    # corpus may name nowhere else ("Dharvel 23 150")
    in_table = len(_ROW_NUMBER.findall(text, line_start + first_digit.start(), line_end)) >= 2
    if len(found) == 1 and (is_country_code(found[0]) or found[0] in names.places or in_table):
        return found[0]
    words = label.split()
    if in_table and not found and words[0].lower() not in _TOTAL_LABELS and all(w[:1].isupper() for w in words):
        return " ".join(name_key(w) for w in words)  # a row label the corpus names nowhere else
    return None


def _places(text: str, clause: tuple[int, int], claim: Claim, names: NameModel) -> list[tuple[str, int]]:
    """Countries anywhere in the clause, and other names right after a preposition of place."""
    found = []
    for name in names.names_in(text, clause[0], clause[1]):
        found.append(name)
    places = []
    for name in found:
        if is_country_code(name):
            # a country before the figure in its clause ("Sri Lanka reported 30,000"), or
            # right after it behind "in", "from" or "of" ("$100m from Japan")
            position = _country_position(text, clause, name, names)
            if position is None:
                continue
            # a country before a toll that names a person or a body says who spoke; before a
            # sum it says who gives or receives it ("the Chilean ministry put its aid at ...")
            agent = claim.dimension != "currency" and _names_agent(text, position, name, names)
            # before a toll, a country's adjective describes something ("the former French
            # colony", "Indian troops"); its name says where ("France reported ...")
            described = claim.dimension == "count" and _is_adjective(text, position, names)
            if position < claim.start and not agent and not described:
                places.append((name, position))
            elif position > claim.start and _AFTER_FIGURE.match(text, claim.end, position):
                places.append((name, position))
            continue
        if claim.dimension != "count":
            continue  # a city narrows a toll; money and shares are the country's
        surface = names.surface.get(name, name)
        position = text.find(surface, clause[0], clause[1])
        if position < 0 or claim.start <= position < claim.end:
            continue
        # a place the corpus knows as one ("in Orvald" somewhere), before the figure
        # ("Orvald accounted for 61") or right after it ("61 in Orvald"), not one
        # further on ("evacuated from the zone in Orvald" says where, not whom)
        if name in names.places and (position < claim.start or _AFTER_FIGURE.match(text, claim.end, position)):
            places.append((name, position))
    return places


ADDITIONAL = "status:additional"
# two figures joined by "and" within a few words ("5,300 confirmed dead and a further 2,800")
_COORDINATED = re.compile(r"[^.;,()\d]{0,30}\sand\s[^.;,()\d]{0,20}")
# a sentence that opens by referring back to a total: "Of those, 47 died in ..."
_OF_THOSE = re.compile(r"\s*(?:Of|Among)\s+(?:those|them|these|the\s+dead|the\s+victims|the\s+total)\s*,",
                       re.IGNORECASE)


def sentence_facets(claim: Claim, facets: tuple[str, ...], earlier: Claim | None, text: str,
                    sentence: tuple[int, int], names: NameModel) -> tuple[str, ...]:
    """A claim's facets (`claim_facets`) as the rest of its sentence changes them.

    `earlier` is the framed figure before it in the same sentence, if any; `sentence`
    is a [start, end) span of `text`.
    - Two counts joined by "and" share the place the first names ("Tarvena's toll stood
      at 5,300 dead and 2,800 missing").
    - A count in a sentence that opens "Of those," and names a place is a part ("Of
      those, 47 died in the Sarvel region"), whatever that place is.
    - "a further" after a count of another property adds to that property, not to an
      earlier count of its own ("5,300 dead and a further 2,800 missing").
    """
    if earlier is not None and not any(f.startswith("place:") for f in facets) and earlier.topic and \
            claim.topic and earlier.unit_family == claim.unit_family and \
            _COORDINATED.fullmatch(text, earlier.end, claim.start):
        facets = tuple(sorted(facets + tuple(f for f in earlier.facets if f.startswith("place:"))))
    if _OF_THOSE.match(text, sentence[0]) and claim.dimension == "count" and \
            not any(f.startswith(("area:", "place:", "category:")) for f in facets) and \
            any(name in names.places or is_country_code(name) for name in names.names_in(text, claim.start,
                                                                                           sentence[1])):
        facets = tuple(sorted(facets + ("area:a part",)))
    if ADDITIONAL in facets and earlier is not None and claim.topic and earlier.dimension == claim.dimension \
            and earlier.topic and earlier.topic != claim.topic:
        facets = tuple(facet for facet in facets if facet != ADDITIONAL)
    return facets
