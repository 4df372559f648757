"""Run extract_claims on Microsoft Recognizers-Text's English specs (a peer's test suite)
and print, per spec file, recall, precision and unit accuracy.

    python bench/peer_recognizers.py [--specs DIR] [--all] [--show FILE]

The specs live in ../shared/peers/recognizers-text/ (see its README); the project never
copies them, and this script skips with a message when the folder is absent.

How a spec result is scored (one expected result = one `Results` entry of a case):
- found: a claim of ours overlaps the expected text span and has the expected value
  (relative tolerance 1e-6; currencies in cents, pence or sen may come as their
  hundredth of the main unit; a fraction in words, which we give as a share in percent
  rounded to two decimals, counts by its hundredth). A range ("[20,35)") is scored by its ends: each end counts
  when an overlapping claim's low (high) equals it, an open end when ours is open too.
- unit accuracy: of the found results that name a unit, the share where our unit is the
  one the peer names (mapped by `PEER_UNITS` below).
- precision: of our claims in the file's family (money for Currency, a measure for
  Dimension, ...), the share that overlap an expected result; cases with no expected
  result count too (they say "nothing here").
- by design: results a news-claim extractor does not give, counted apart and left out of
  recall: the whole ordinal spec (a bare "first" is no claim), numbers of an IP address,
  and numbers inside a URL or a phone number.
Cases the Python port of Recognizers-Text marks NotSupported are left out unless `--all`;
NumberRangeModel is all NotSupported for Python and is always scored on all its cases.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from factcheck import extract_claims, load_rules

DEFAULT_SPECS = Path(__file__).resolve().parent.parent.parent / "shared" / "peers" / "recognizers-text"

# the peer's unit name -> ours (units we write as the text does: "mi", "km", "USD")
PEER_UNITS = {
    "Dollar": {"USD", "CAD", "AUD", "HKD", "NZD", "SGD", "TWD", "dollar"}, "United States dollar": {"USD"},
    "Canadian dollar": {"CAD"}, "Australian dollar": {"AUD"}, "Hong Kong dollar": {"HKD"},
    "Pound": {"GBP", "lb"}, "Pence": {"p"}, "Penny": {"p"}, "Cent": {"c"},
    "Chinese yuan": {"CNY"}, "Japanese yen": {"JPY"}, "Euro": {"EUR"}, "Franc": {"CHF", "FRF", "BEF", "franc"},
    "Swiss franc": {"CHF"}, "Rupee": {"INR", "LKR", "PKR", "NPR"}, "Sri Lankan rupee": {"LKR"},
    "Finnish markka": {"FIM"}, "Peseta": {"ESP"}, "Netherlands guilder": {"NLG"}, "Sen": {"MYR", "JPY", "sen"},
    "Costa Rican colón": {"CRC"}, "Georgian lari": {"GEL"}, "Lao kip": {"LAK"}, "Mexican peso": {"MXN"},
    "Mile": {"mi"}, "Meter": {"m"}, "Foot": {"ft"}, "Gallon": {"gal"}, "Metric ton": {"t"},
    "Kilometer per hour": {"km/h"}, "Kilogram": {"kg"}, "Microgram": {"µg"}, "Inch": {"in"},
    "Square meter": {"m2"}, "Ton": {"t", "ton"}, "Kilometer": {"km"}, "Millimeter": {"mm"}, "Picometer": {"pm"},
    "Milliliter": {"mL", "ml"}, "Barrel": {"bbl"}, "Ounce": {"oz"}, "Acre": {"ac"}, "Cubic foot": {"ft3"},
    "Bit": {"bit", "b"}, "Mile per hour": {"mph", "mi/h"}, "Square kilometer": {"km2"}, "Decimeter": {"dm"},
    "Megabit": {"Mbit", "Mb"}, "Megabyte": {"MB"}, "Gram": {"g"},
    "C": {"C"}, "F": {"F"}, "Degree": {"deg"},
    "Year": {"years of age"}, "Month": {"months of age"}, "Week": {"weeks of age"}, "Day": {"days of age"},
    "Age": {"years of age"},
}
# a result's hundredth-unit currencies: "50 cents" may be read as 0.5 dollars
HUNDREDTHS = {"Cent", "Pence", "Penny", "Sen"}
# which of our claims each spec file is about, for precision (by dimension)
FAMILIES = {
    "CurrencyModel.json": {"currency"},
    "DimensionModel.json": {"length", "area", "volume", "mass", "speed", "data", "information", "angle",
                            "power", "energy", "frequency"},
    "PercentModel.json": {"percentage"},
    "TemperatureModel.json": {"temperature"},
    "AgeModel.json": {"age"},
}
BY_DESIGN_FILES = {"OrdinalModel.json"}
_IP = re.compile(r"\b\d{1,3}(?:\.\d{1,3}){3}\b")
_URL_OR_PHONE = re.compile(r"\bhttps?://\S+|\bwww\.\S+|\+?\d[\d ()-]{8,}\d")
_RANGE = re.compile(r"^([\[(])\s*([^,]*)\s*,\s*([^\])]*)\s*([\])])$")


@dataclass
class Tally:
    expected: int = 0
    found: int = 0
    by_design: int = 0
    with_unit: int = 0
    unit_right: int = 0
    ours: int = 0
    ours_matched: int = 0
    ends: int = 0
    ends_right: int = 0
    misses: list[str] = field(default_factory=list)
    units_wrong: Counter = field(default_factory=Counter)


def close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def overlaps(claim, start: int, end: int) -> bool:
    return claim.start <= end and start < claim.end  # the spec's End is inclusive


def by_design(case_input: str, result: dict) -> bool:
    start = result.get("Start", 0)
    for pattern in (_IP, _URL_OR_PHONE):
        for match in pattern.finditer(case_input):
            if match.start() <= start < match.end():
                return True
    return False


_PERCENT_SIGN = re.compile(r"%|per\s*cent|\bpc\b", re.IGNORECASE)


def _rounded_share(want: float, got: float) -> bool:
    """A share we round to two decimals of a percent ("a third" is 33.33 %)."""
    return abs(want) < 1 and math.isclose(want, got, abs_tol=5e-5)


def parse_range(text: str) -> tuple[float | None, float | None] | None:
    match = _RANGE.match(text.strip())
    if not match:
        return None
    low = float(match.group(2)) if match.group(2).strip() else None
    high = float(match.group(3)) if match.group(3).strip() else None
    return low, high


def score_file(path: Path, rules, every_case: bool) -> Tally:
    tally = Tally()
    cases = json.loads(path.read_text(encoding="utf-8-sig"))
    ranges = path.name == "NumberRangeModel.json"
    family = FAMILIES.get(path.name)
    for case in cases:
        if not (every_case or ranges) and "python" in (case.get("NotSupported") or "").lower():
            continue
        text = case["Input"]
        claims = [c for c in extract_claims(text, rules) if c.kind.value == "quantity"]
        expected = []
        for result in case.get("Results") or []:
            if path.name in BY_DESIGN_FILES or by_design(text, result):
                tally.by_design += 1
                continue
            expected.append(result)
        for result in expected:
            start, end = result.get("Start", 0), result.get("End", len(text))
            near = [c for c in claims if overlaps(c, start, end)]
            resolution = result.get("Resolution") or {}
            tally.expected += 1
            if ranges:
                bounds = parse_range(str(resolution.get("value", "")))
                if bounds is None:
                    continue
                best = max((sum(close(want, got) for want, got in zip(bounds, (c.low, c.high))) for c in near),
                           default=0)
                tally.ends += 2
                tally.ends_right += best
                if best == 2:
                    tally.found += 1
                else:
                    tally.misses.append(f"{result['Text']!r} {resolution.get('value')} got "
                                        f"{[(c.text, c.low, c.high) for c in near]} in: {text}")
                continue
            raw = str(resolution.get("value") or "").rstrip("%")
            if not raw:
                tally.expected -= 1
                continue
            want = float(raw)
            unit = resolution.get("unit")
            wants = [want] + ([want / 100] if unit in HUNDREDTHS else [])
            # a fraction in words we give as a share in percent ("two thirds" -> 66.67 %)
            values = {id(c): [c.value] + ([c.value / 100] if c.unit == "percent" and not _PERCENT_SIGN.search(c.text)
                                         else []) for c in near}
            hits = [c for c in near if any(close(w, v) or _rounded_share(w, v) for w in wants for v in values[id(c)])]
            if not hits:
                tally.misses.append(f"{result['Text']!r} = {want:g} {unit or ''} got "
                                    f"{[(c.text, c.value, c.unit) for c in near]} in: {text}")
                continue
            tally.found += 1
            if unit:
                tally.with_unit += 1
                # a rate keeps its currency: "$2 per share" is in dollars ("USD/share")
                if any(c.unit in PEER_UNITS.get(unit, {unit}) or (c.unit or "").split("/")[0] in PEER_UNITS.get(unit, {unit})
                       and c.dimension == "currency" for c in hits):
                    tally.unit_right += 1
                else:
                    tally.units_wrong[f"{unit} -> {hits[0].unit}"] += 1
                    tally.misses.append(f"unit {unit} -> {hits[0].unit} for {hits[0].text!r} in: {text}")
        for claim in claims if path.name not in BY_DESIGN_FILES else ():
            if family is not None and claim.dimension not in family:
                continue
            tally.ours += 1
            if any(overlaps(claim, r.get("Start", 0), r.get("End", len(text))) for r in case.get("Results") or []):
                tally.ours_matched += 1
    return tally


def ratio(part: int, whole: int) -> str:
    return f"{part / whole:.3f}" if whole else "n/a"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--specs", type=Path, default=DEFAULT_SPECS, help="the folder of spec files")
    parser.add_argument("--all", action="store_true", help="score the cases the Python port does not support too")
    parser.add_argument("--show", metavar="FILE", help="list the misses and wrong units of one spec file")
    args = parser.parse_args()
    if not args.specs.is_dir():
        print(f"peer_recognizers: skipped, no specs at {args.specs} (see ../shared/peers/recognizers-text)")
        return 0
    rules = load_rules()
    for path in sorted(args.specs.glob("*.json")):
        tally = score_file(path, rules, args.all)
        line = (f"recognizers-text {path.stem:<18} recall={ratio(tally.found, tally.expected)} "
                f"({tally.found}/{tally.expected}) precision={ratio(tally.ours_matched, tally.ours)} "
                f"unit_accuracy={ratio(tally.unit_right, tally.with_unit)} by_design={tally.by_design}")
        if tally.ends:
            line += f" range_ends_right={ratio(tally.ends_right, tally.ends)}"
        print(line)
        if args.show and args.show in path.name:
            for miss in tally.misses:
                print("  miss", miss)
            for pair, count in tally.units_wrong.most_common():
                print(f"  unit {pair}: {count}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
