"""Share of matched seed claims whose unit is right, against the gold fixture.

    python bench/unit_accuracy.py [--show]

A claim matches a gold claim as the evaluation kit matches them (span overlap, same
value). Units compare after normalising both sides: lower case, singular, and the
counted-noun family ("death", "citizen" and "people" are all people; "state" and
"country" are both countries).
"""

from __future__ import annotations

import argparse
import math
from pathlib import Path

import yaml

from factcheck import check_paths, load_rules
from factcheck.extract.units import singular

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "fixtures" / "eval" / "seeds-gold.yaml"


def normalise(unit: str | None, rules) -> str:
    if not unit:
        return ""
    words = unit.lower().split()
    words[-1] = singular(words[-1])
    noun = " ".join(words)
    return rules.family_of(noun) or rules.family_of(words[-1]) or noun


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true")
    args = parser.parse_args()
    rules = load_rules(ROOT / "rules")
    gold = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    result = check_paths([ROOT / "seeds"], rules)
    by_doc: dict[str, list] = {}
    for claim in result.claims:
        if claim.kind.value == "quantity":
            by_doc.setdefault(claim.source, []).append(claim)
    matched = right = 0
    for mention in gold["mentions"]:
        if mention.get("kind") != "claim":
            continue
        start = mention["char_start"]
        end = start + len(str(mention["surface"]))
        for claim in by_doc.get(mention["doc"], []):
            if claim.start < end and start < claim.end and math.isclose(claim.value, mention["value"], rel_tol=1e-3):
                matched += 1
                ok = normalise(claim.unit, rules) == normalise(mention.get("unit"), rules)
                right += ok
                if args.show and not ok:
                    print(f"{mention['doc'][:3]} {mention['surface']!r}: ours {claim.unit!r}, gold {mention.get('unit')!r}")
                break
    print(f"unit right for {right}/{matched} matched seed claims ({right / matched:.1%})")


if __name__ == "__main__":
    main()
