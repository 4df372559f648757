"""Run extract_claims on quantulum3's own regression cases and report the share of
expected values we find (a value counts when a claim has it, within 0.1%).

    python bench/peer_quantulum.py [--show]

quantulum3 passes its own file by construction; this checks that plain physical units
and quantities outside news are handled too.
"""

from __future__ import annotations

import argparse
import json
import math
from importlib import resources

from factcheck import extract_claims, load_rules


def close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-3, abs_tol=1e-9)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="list the expected values we miss")
    args = parser.parse_args()
    cases = json.loads(resources.files("quantulum3").joinpath("_lang", "en_US", "tests", "quantities.json")
                       .read_text(encoding="utf-8"))
    rules = load_rules()
    expected = found = 0
    for case in cases:
        claims = extract_claims(case["req"], rules)
        # units mapped: a share we give in percent, quantulum3 gives as a fraction; a
        # year we give as a date claim, quantulum3 as a dimensionless quantity
        values = [c.value for c in claims] + [c.value / 100 for c in claims if c.unit == "percent"]
        # we count "a dozen eggs" as 12 eggs, quantulum3 as 1 dozen
        values += [c.value / 12 for c in claims if "dozen" in c.text.lower()]
        for want in case["res"]:
            expected += 1
            value = float(want["value"])
            if any(close(value, v) for v in values):
                found += 1
            elif args.show:
                print(f"missed {value:g} {want['unit']!r} ({want['surface']!r}) in: {case['req']}")
    print(f"quantulum3 regression cases: {found}/{expected} expected values found ({found / expected:.1%})")


if __name__ == "__main__":
    main()
