"""Regenerate docs/report-html.png, the README's picture of the seeds' report.html
(never edit it by hand):

    python tests/regenerate_screenshot.py

It writes the seeds' report.html into a temporary folder and takes the top of the page
in headless Chromium, as `test_browser.py` does (Chromium is installed from Debian's
packages when it is missing).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from browser import chromium, chromium_executable, screenshot  # noqa: E402
from conftest import PROJECT_ROOT, RULES_DIR, SEEDS  # noqa: E402

from factcheck.pipeline import check_paths  # noqa: E402
from factcheck.project import load_rules  # noqa: E402
from factcheck.report import write_report  # noqa: E402

SCREENSHOT = PROJECT_ROOT / "docs" / "report-html.png"


def regenerate(target: Path = SCREENSHOT) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        write_report(check_paths([SEEDS], load_rules(RULES_DIR)), folder, ["html"])
        with chromium(chromium_executable()) as browser:
            screenshot(browser, Path(folder) / "report.html", target)


if __name__ == "__main__":
    regenerate()
    print(f"wrote {SCREENSHOT}")
