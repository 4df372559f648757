"""The seeds report, byte for byte, against the golden copy that
tests/regenerate_golden.py wrote. A difference means behaviour changed: look at the
diff, and if the change is intended, regenerate (`make golden`) and commit both."""

from __future__ import annotations

import difflib
import io
import re
import struct
import zipfile

import pytest
from conftest import GOLDEN_DIR, RULES_DIR, SEEDS
from regenerate_golden import manifest

from factcheck.pipeline import check_paths
from factcheck.project import load_rules
from factcheck.report import FORMATS, write_report

# The plots are matplotlib's drawing, which may change by a pixel from one release to
# the next: the golden comparison takes their size and leaves the drawing to
# test_plot.py and test_browser.py (which measure it) and to the determinism tests.
_SVG = re.compile(r"<svg\b.*?</svg>", re.S)


def comparable(name: str, data: bytes) -> bytes:
    """What the golden test compares of a report file: the bytes, but for the plots."""
    if name.endswith(".png"):
        return data[:8] + struct.pack(">II", *struct.unpack(">II", data[16:24]))  # signature and size
    if name.endswith(".html"):
        return _SVG.sub("<svg/>", data.decode("utf-8")).encode("utf-8")
    if name.endswith(".xlsx"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return b"".join(entry.encode() + b"\0" + (comparable(entry, archive.read(entry)) if
                                                       entry.endswith(".png") else archive.read(entry))
                            for entry in sorted(archive.namelist()))
    return data


GOLDEN_FILES = sorted(p.relative_to(GOLDEN_DIR).as_posix() for p in GOLDEN_DIR.rglob("*")
                      if p.is_file() and p.name != "MANIFEST.sha256")


def test_golden_manifest_matches_its_files():
    assert (GOLDEN_DIR / "MANIFEST.sha256").read_text(encoding="utf-8") == manifest(GOLDEN_DIR)


@pytest.fixture(scope="module")
def fresh_report(tmp_path_factory):
    out = tmp_path_factory.mktemp("seeds-report")
    write_report(check_paths([SEEDS], load_rules(RULES_DIR)), out, FORMATS)
    return out


@pytest.mark.parametrize("name", GOLDEN_FILES)
def test_seeds_report_matches_golden(fresh_report, name):
    if name.endswith((".xlsx", ".png")):  # binary: compared byte for byte but for the plots (neither has a clock)
        assert comparable(name, (fresh_report / name).read_bytes()) == \
            comparable(name, (GOLDEN_DIR / name).read_bytes()), f"{name} differs"
        return
    expected = comparable(name, (GOLDEN_DIR / name).read_bytes()).decode("utf-8-sig")
    actual = comparable(name, (fresh_report / name).read_bytes()).decode("utf-8-sig")
    if actual != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True), "golden", "now", n=1))
        pytest.fail(f"{name} differs from the golden copy:\n{diff[:4000]}")


def test_committed_reports_are_current(fresh_report):
    """reports/ in the repository is the current report of the seeds (make report)."""
    committed = SEEDS.parent / "reports"
    plots = sorted(p.relative_to(fresh_report).as_posix() for p in (fresh_report / "plots").iterdir())
    assert plots == sorted(p.relative_to(committed).as_posix() for p in (committed / "plots").iterdir())
    for name in ("report.json", "report.md", "report.html", "claims.csv", "facts.csv", "findings.csv", *plots):
        assert comparable(name, (committed / name).read_bytes()) == \
            comparable(name, (fresh_report / name).read_bytes()), f"reports/{name} is stale"
