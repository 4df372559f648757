"""The review workbook opens in LibreOffice: headless LibreOffice converts it to PDF and
back to xlsx, and the copy it writes still holds every sheet and row.

LibreOffice is installed from Debian's packages when it is missing (the machine CI runs
on is Debian); the test is marked slow because that install takes a while.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from conftest import RULES_DIR, SEEDS

from factcheck.cli import main
from factcheck.pipeline import check_paths
from factcheck.project import load_rules
from factcheck.report import write_report

pytestmark = pytest.mark.slow

INSTALL_TIMEOUT = 900  # seconds: apt-get update and a ~100 MB download on a slow mirror
CONVERT_TIMEOUT = 180


def _as_root(command: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return command
    if shutil.which("sudo"):
        return ["sudo", "-n", *command]
    pytest.fail("LibreOffice is missing and installing it needs root or passwordless sudo")


@pytest.fixture(scope="module")
def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    if not shutil.which("apt-get"):
        pytest.skip("LibreOffice is missing and this is not a Debian-like machine with apt-get")
    environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "update", "-qq"],
                    ["apt-get", "install", "-y", "-qq", "--no-install-recommends", "libreoffice-calc-nogui"]):
        completed = subprocess.run(_as_root(command), env=environment, capture_output=True, text=True,
                                   timeout=INSTALL_TIMEOUT)
        assert completed.returncode == 0, f"{' '.join(command)} failed:\n{completed.stderr[-2000:]}"
    found = shutil.which("soffice") or shutil.which("libreoffice")
    assert found, "libreoffice-calc-nogui installed no soffice"
    return found


def _convert(soffice: str, workbook: Path, target: str, out_dir: Path, profile: Path) -> Path:
    completed = subprocess.run(
        [soffice, "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
         "--convert-to", target, "--outdir", str(out_dir), str(workbook)],
        capture_output=True, text=True, timeout=CONVERT_TIMEOUT)
    converted = out_dir / f"{workbook.stem}.{target.split(':')[0]}"
    assert completed.returncode == 0, completed.stderr
    # LibreOffice exits 0 even when it cannot load the file; then it writes nothing.
    assert converted.is_file(), f"LibreOffice wrote no {converted.name}:\n{completed.stdout}\n{completed.stderr}"
    return converted


@pytest.fixture(scope="module")
def seeds_workbook(tmp_path_factory) -> tuple[Path, object]:
    out = tmp_path_factory.mktemp("workbook")
    result = check_paths([SEEDS], load_rules(RULES_DIR))
    write_report(result, out, ["xlsx"])
    return out / "report.xlsx", result


def test_libreoffice_converts_the_workbook_to_pdf(soffice, seeds_workbook, tmp_path):
    workbook, _ = seeds_workbook
    pdf = _convert(soffice, workbook, "pdf", tmp_path / "pdf", tmp_path / "profile")
    content = pdf.read_bytes()
    assert content.startswith(b"%PDF-")
    pages = len(re.findall(rb"/Type\s*/Page\b", content))
    visible = sum(1 for sheet in openpyxl.load_workbook(workbook) if sheet.sheet_state == "visible")
    assert pages >= visible, "every visible sheet prints at least a page"


def test_libreoffice_reads_every_sheet_and_row(soffice, seeds_workbook, tmp_path):
    workbook, result = seeds_workbook
    copy = _convert(soffice, workbook, "xlsx:Calc MS Excel 2007 XML", tmp_path / "copy", tmp_path / "profile")
    original, saved = openpyxl.load_workbook(workbook), openpyxl.load_workbook(copy)
    assert saved.sheetnames == original.sheetnames
    for name in original.sheetnames:
        assert list(saved[name].iter_rows(values_only=True)) == list(original[name].iter_rows(values_only=True)), name
    assert saved["Discrepancies"].max_row - 1 == sum(1 for f in result.findings if f.relation.is_discrepancy)


def test_a_workbook_saved_by_libreoffice_still_imports(soffice, seeds_workbook, tmp_path):
    workbook, result = seeds_workbook
    reviewed = tmp_path / "reviewed.xlsx"
    book = openpyxl.load_workbook(workbook)
    sheet = book["Discrepancies"]
    headers = [cell.value for cell in sheet[1]]
    sheet.cell(2, headers.index("verdict") + 1, "outdated")  # other rows may come prefilled
    book.save(reviewed)
    saved = _convert(soffice, reviewed, "xlsx:Calc MS Excel 2007 XML", tmp_path / "saved", tmp_path / "profile")
    rules = tmp_path / "rules"
    rules.mkdir()
    outcome = CliRunner().invoke(main, ["review", "import", str(saved), "--rules", str(rules), "--report",
                                        str(tmp_path / "no-report.json"), "--date", "2026-01-02"])
    assert outcome.exit_code == 0, outcome.output
    assert "verdicts read" in outcome.stderr
    assert "verdict: outdated" in (rules / "accepted.yaml").read_text(encoding="utf-8")
