"""bench/peer_recognizers.py, the Recognizers-Text peer suite: it skips without the specs,
and it scores a spec file of the peer's format right, on invented cases."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SPEC = importlib.util.spec_from_file_location("peer_recognizers", PROJECT_ROOT / "bench" / "peer_recognizers.py")
peer = importlib.util.module_from_spec(SPEC)
sys.modules[SPEC.name] = peer  # its dataclass looks its module up while the module loads
SPEC.loader.exec_module(peer)


def run(monkeypatch, capsys, *arguments):
    monkeypatch.setattr(sys, "argv", ["peer_recognizers.py", *arguments])
    assert peer.main() == 0
    return capsys.readouterr().out


def test_skips_with_a_message_without_the_specs(monkeypatch, capsys, tmp_path):
    out = run(monkeypatch, capsys, "--specs", str(tmp_path / "absent"))
    assert "skipped" in out and "recall" not in out


def result(text, start, value, unit=None, type_name="currency"):
    resolution = {"value": value, **({"unit": unit} if unit else {})}
    return {"Text": text, "TypeName": type_name, "Resolution": resolution, "Start": start,
            "End": start + len(text) - 1}


@pytest.mark.parametrize(("name", "cases", "want"), [
    pytest.param("CurrencyModel.json", [
        {"Input": "The toll road cost $40 million to build.", "Results": [result("$40 million", 19, "40000000", "Dollar")]},
        {"Input": "Tickets rose to 12 euros.", "Results": [result("12 euros", 16, "12", "Euro")]},
        {"Input": "He paid 7 pounds.", "NotSupported": "python", "Results": [result("7 pounds", 8, "7", "Pound")]},
    ], "recall=1.000 (2/2) precision=1.000 unit_accuracy=1.000", id="currency-found-with-units"),
    pytest.param("CurrencyModel.json", [
        {"Input": "Fares were 3 zorkmids.", "Results": [result("3 zorkmids", 11, "3", "Zorkmid")]},
        {"Input": "The ferry cost $9.", "Results": [result("$9", 14, "9", "Dollar")]},
    ], "recall=1.000 (2/2) precision=1.000 unit_accuracy=0.500", id="a-unit-we-do-not-know-counts-wrong"),
    pytest.param("NumberRangeModel.json", [
        {"Input": "Between 20 and 30 ships sailed.", "NotSupported": "python",
         "Results": [result("Between 20 and 30", 0, "[20,30]", type_name="numberrange")]},
        {"Input": "More than 40 ships sailed.",
         "Results": [result("More than 40", 0, "(40,)", type_name="numberrange")]},
    ], "range_ends_right=1.000", id="ranges-scored-by-both-ends"),
    pytest.param("NumberModel.json", [
        {"Input": "Two thirds", "Results": [result("Two thirds", 0, "0.666666666666667", type_name="number")]},
        {"Input": "192.168.1.2", "Results": [result("192", 0, "192", type_name="number")]},
    ], "recall=1.000 (1/1) precision=1.000 unit_accuracy=n/a by_design=1", id="ip-address-by-design"),
])
def test_scores_a_spec_file(monkeypatch, capsys, tmp_path, name, cases, want):
    (tmp_path / name).write_text(json.dumps(cases), encoding="utf-8")
    out = run(monkeypatch, capsys, "--specs", str(tmp_path))
    assert want in out, out
