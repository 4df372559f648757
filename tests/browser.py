"""Headless Chromium for the HTML report's tests and for the README's screenshot:
Debian's Chromium (installed from Debian's packages when it is missing, as the
LibreOffice test installs LibreOffice), driven by Playwright's Python package against
that system browser; Playwright never downloads a browser of its own here.

The browser starts with the flags that keep it off the network (no background
networking, updates, sync or QUIC) and with a proxy that leads nowhere, so a page that
tried to load anything would fail and be counted, not reach the internet.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

INSTALL_TIMEOUT = 900  # seconds: apt-get update and a ~100 MB download on a slow mirror
CHROMIUM_NAMES = ("chromium", "chromium-browser")
# what the README's screenshot and the test's show: the top of the page on a laptop screen
VIEWPORT = {"width": 1280, "height": 1100}
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=<-loopback>"]


class BrowserMissing(RuntimeError):
    """Chromium is not here and cannot be installed on this machine (not Debian-like)."""


def _as_root(command: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return command
    if shutil.which("sudo"):
        return ["sudo", "-n", *command]
    raise RuntimeError("Chromium is missing and installing it needs root or passwordless sudo")


def chromium_executable() -> str:
    """The system Chromium's path, after installing Debian's `chromium` package if it is
    missing. Raises `BrowserMissing` off Debian, `RuntimeError` when the install fails."""
    found = next((shutil.which(name) for name in CHROMIUM_NAMES if shutil.which(name)), None)
    if found:
        return found
    if not shutil.which("apt-get"):
        raise BrowserMissing("Chromium is missing and this is not a Debian-like machine with apt-get")
    environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "update", "-qq"],
                    ["apt-get", "install", "-y", "-qq", "--no-install-recommends", "chromium"]):
        completed = subprocess.run(_as_root(command), env=environment, capture_output=True, text=True,
                                   timeout=INSTALL_TIMEOUT)
        if completed.returncode != 0:
            raise RuntimeError(f"{' '.join(command)} failed:\n{completed.stderr[-2000:]}")
    found = next((shutil.which(name) for name in CHROMIUM_NAMES if shutil.which(name)), None)
    if not found:
        raise RuntimeError("Debian's chromium package installed no chromium command")
    return found


@contextmanager
def chromium(executable: str) -> Iterator[object]:
    """A headless Chromium (a Playwright `Browser`), closed on exit."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        try:
            yield browser
        finally:
            browser.close()


def screenshot(browser, page_path: Path, target: Path) -> None:
    """The top of the page at `page_path`, as the README shows it, written to `target`."""
    page = browser.new_page(viewport=VIEWPORT)
    try:
        page.goto(page_path.resolve().as_uri())
        page.screenshot(path=str(target))
    finally:
        page.close()
