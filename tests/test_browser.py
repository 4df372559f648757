"""`report.html` in a real browser: headless Chromium from Debian's packages, driven by
Playwright (see `browser.py`). Through the DOM: as many fact sections and claim rows as
report.json has; the filter box and the facet lists hide what does not match; a source
that carries a `<script>` cannot run it and shows it as text; each plot has one point
per claim and its bars end where report.json puts low and high; and the page, opened
from a file URL with the network blocked, makes no request at all. A screenshot of the
seeds' page is taken as the README shows it (`tests/regenerate_screenshot.py` keeps
the committed copy in docs/).

Every place, figure and sentence of the crafted sources is invented.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from browser import VIEWPORT, BrowserMissing, chromium, chromium_executable, screenshot
from click.testing import CliRunner
from conftest import RULES_DIR, SEEDS

from factcheck.cli import main

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def browser():
    try:
        executable = chromium_executable()
    except BrowserMissing as missing:
        pytest.skip(str(missing))
    with chromium(executable) as opened:
        yield opened


def _run(sources: Path, out: Path) -> dict:
    result = CliRunner().invoke(main, ["run", str(sources), "--rules", str(RULES_DIR), "--out", str(out),
                                       "--no-progress", "--no-cache", "--format", "json,html"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads((out / "report.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seeds_page(tmp_path_factory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("seeds-html")
    return out / "report.html", _run(SEEDS, out)


@pytest.fixture
def page(browser):
    """A fresh tab that records every request and aborts any that would leave the machine
    (the page itself is a file URL)."""
    tab = browser.new_page()
    tab.requests = []
    tab.errors = []  # script errors and console errors (a CSP violation is one)
    tab.on("request", lambda request: tab.requests.append(request.url))
    tab.on("pageerror", lambda error: tab.errors.append(str(error)))
    tab.on("console", lambda message: tab.errors.append(message.text) if message.type == "error" else None)
    tab.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
    yield tab
    tab.close()


def _open(page, path: Path) -> None:
    page.goto(path.resolve().as_uri())


def _visible_claims(page) -> list[dict]:
    return page.eval_on_selector_all("section.fact tr.claim", """rows => rows.map(row => ({
        claim: row.dataset.claim, text: row.textContent,
        shown: !row.hidden && !row.closest("section").hidden}))""")


def test_the_page_has_a_section_per_fact_and_a_row_per_claim(page, seeds_page):
    path, report = seeds_page
    _open(page, path)
    assert page.locator("section.fact").count() == len(report["facts"])
    assert page.locator("section.fact tr.claim").count() == sum(len(fact["claims"]) for fact in report["facts"])
    assert page.locator("tr.claim").count() == len(report["claims"])
    assert page.eval_on_selector_all("section.fact", "s => s.map(x => x.dataset.fact)") != []
    assert sorted(page.eval_on_selector_all("section.fact", "s => s.map(x => x.dataset.fact)")) == \
        sorted(fact["id"] for fact in report["facts"])


def test_typing_in_the_filter_box_hides_the_rows_that_do_not_match(page, seeds_page):
    path, report = seeds_page
    _open(page, path)
    # a source's name: it is in some claim rows and in no fact's heading
    query = report["claims"][0]["source"].split("#")[0][:12]
    page.fill("#filter", query)
    rows = _visible_claims(page)
    shown = [row for row in rows if row["shown"]]
    assert shown and len(shown) < len(rows)
    assert all((query.lower() in row["text"].lower()) == row["shown"] for row in rows)
    assert f"of {len(report['facts'])} facts," in page.text_content("#shown")
    assert page.errors == []
    page.fill("#filter", "")
    assert all(row["shown"] for row in _visible_claims(page))


DISCREPANT = ("conflict", "rounding")


def _pair_facets(finding: dict) -> tuple[str, str, str, str]:
    """A pair's facets as the page's filters read them (relation, cause, severity, status)."""
    discrepant = finding["relation"] in DISCREPANT
    return (finding["relation"], (finding["cause"] or "") if discrepant else "", finding["severity"],
            finding["status"] if discrepant else "no discrepancy")


def _expected(report: dict, wanted: dict[str, str]) -> dict[str, set[str]]:
    """What the filters should leave shown, worked out from report.json: a fact, claim or
    pair shows when one of its pairs has every chosen facet."""
    order = ("relation", "cause", "severity", "status")

    def fits(pairs: list[tuple[str, str, str, str]]) -> bool:
        return any(all(not wanted.get(name) or pair[i] == wanted[name] for i, name in enumerate(order))
                   for pair in pairs)

    pairs_of_fact: dict[str, list] = {}
    pairs_of_claim: dict[str, list] = {}
    for finding in report["findings"]:
        pairs_of_fact.setdefault(finding["fact"], []).append(_pair_facets(finding))
        for claim in finding["claims"]:
            pairs_of_claim.setdefault(claim, []).append(_pair_facets(finding))
    facts = {f["id"] for f in report["facts"] if fits(pairs_of_fact.get(f["id"], []))}
    claims = {c for f in report["facts"] if f["id"] in facts for c in f["claims"]
              if fits(pairs_of_claim.get(c, [("", "", "", "no discrepancy")]))}
    pairs = {x["id"] for x in report["findings"] if x["fact"] in facts and fits([_pair_facets(x)])}
    single = {c["id"] for c in report["claims"] if c["fact"] is None and fits([("", "", "", "no discrepancy")])}
    return {"facts": facts, "claims": claims, "pairs": pairs, "single": single}


_SHOWN = """() => ({
    facts: [...document.querySelectorAll("section.fact")].filter(s => !s.hidden).map(s => s.dataset.fact),
    claims: [...document.querySelectorAll("section.fact:not([hidden]) tr.claim")].filter(r => !r.hidden)
        .map(r => r.dataset.claim),
    pairs: [...document.querySelectorAll("section.fact:not([hidden]) tr.finding")].filter(r => !r.hidden)
        .map(r => r.id.replace("finding-", "")),
    single: [...document.querySelectorAll("tr.single")].filter(r => !r.hidden).map(r => r.dataset.claim)})"""


@pytest.mark.parametrize("wanted", [
    pytest.param({"relation": "conflict"}, id="relation"),
    pytest.param({"cause": "rounding"}, id="cause"),
    pytest.param({"severity": "low"}, id="severity"),
    pytest.param({"status": "confirmed"}, id="status"),
    pytest.param({"status": "no discrepancy"}, id="status-no-discrepancy"),
    pytest.param({"relation": "conflict", "status": "confirmed"}, id="conflict-and-confirmed"),
    # no agree pair is confirmed: one pair must have both, not two pairs one each
    pytest.param({"relation": "agree", "status": "confirmed"}, id="agree-and-confirmed-is-nothing"),
    pytest.param({"relation": "agree", "severity": "low"}, id="agree-and-low-is-nothing"),
])
def test_the_facet_lists_show_what_one_pair_has(page, seeds_page, wanted):
    path, report = seeds_page
    _open(page, path)
    for name, value in wanted.items():
        page.select_option(f'select[data-filter="{name}"]', value)
    shown = {name: set(values) for name, values in page.evaluate(_SHOWN).items()}
    assert shown == _expected(report, wanted)
    assert page.errors == []


def test_text_found_only_in_a_pair_shows_that_pair(page, seeds_page):
    path, report = seeds_page
    _open(page, path)
    reviewed = next(f for f in report["findings"] if f["review"] and f["review"]["reviewer"])
    page.fill("#filter", reviewed["review"]["reviewer"])
    row = page.locator(f"#finding-{reviewed['id']}")
    assert row.is_visible()  # its section shows, with its pairs opened
    assert page.locator(f"#fact-{reviewed['fact']}").is_visible()


def test_text_found_in_a_single_claim_opens_their_table(page, seeds_page):
    path, report = seeds_page
    _open(page, path)
    lone = next(c for c in report["claims"] if c["fact"] is None and len(c["text"]) > 3)
    page.fill("#filter", lone["sentence"][:40])
    assert page.locator(f"#claim-{lone['id']}").is_visible()


def test_the_policy_alone_stops_a_script_that_escaping_let_through(page, tmp_path):
    """Were escaping ever to fail, the page's Content-Security-Policy would still keep a
    smuggled script from running: shown here by putting one in the page on purpose."""
    from factcheck.report.html_report import render_html
    from report_builders import flood_result

    page_text = render_html(flood_result()).replace(
        "<main>", '<main><script>window.smuggled = 1</script><img src="x" onerror="window.smuggled = 2">', 1)
    path = tmp_path / "smuggled.html"
    path.write_text(page_text, encoding="utf-8")
    _open(page, path)
    assert page.evaluate("typeof window.smuggled") == "undefined"
    assert any("Content Security Policy" in error for error in page.errors)  # the browser refused it
    assert page.locator("section.fact").count() == 3  # and the page's own script still ran: filters work
    page.fill("#filter", "no such text anywhere")
    assert page.locator("section.fact:not([hidden])").count() == 0


def test_a_script_in_a_source_does_not_run_and_shows_as_text(page, tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    hostile = ('The 2031 Orvald floods killed 48 people <script>window.owned = 1</script> and '
               '"><img src=x onerror="window.owned = 2"> closed </table> the roads.\n')
    (sources / "hostile.txt").write_text(hostile, encoding="utf-8")
    (sources / "plain.txt").write_text("The Orvald floods of 2031 left 61 people dead.\n", encoding="utf-8")
    report = _run(sources, tmp_path / "out")
    assert any("<script>" in claim["sentence"] for claim in report["claims"]
               if claim["fact"] is not None)  # the hostile sentence is in a fact's table
    _open(page, tmp_path / "out" / "report.html")
    assert page.evaluate("typeof window.owned") == "undefined"
    cell = page.locator("section.fact td.sentence", has_text="<script>window.owned = 1</script>")
    assert cell.count() == 1 and cell.is_visible()
    assert '"><img src=x onerror="window.owned = 2">' in cell.text_content()
    assert page.locator("section.fact img").count() == 0
    assert page.requests == [(tmp_path / "out" / "report.html").resolve().as_uri()]


def test_the_page_makes_no_request_of_its_own(page, seeds_page):
    path, _ = seeds_page
    _open(page, path)
    page.fill("#filter", "border")  # the filters run without a server too
    page.select_option('select[data-filter="relation"]', "agree")
    assert page.requests == [path.resolve().as_uri()]


def test_the_request_counter_sees_a_page_that_does_load_something(page, tmp_path):
    """The control for the test above: a page with a remote image makes a request, which
    the counter records (and the route aborts)."""
    control = tmp_path / "control.html"
    control.write_text('<!DOCTYPE html><img src="http://example.invalid/figure.png">', encoding="utf-8")
    _open(page, control)
    page.wait_for_load_state("load")
    assert "http://example.invalid/figure.png" in page.requests


# a mark's geometry as the browser lays it out, in the SVG's own units (getBBox: the
# shape without its stroke, which getBoundingClientRect would add)
_GEOMETRY = "element => { const box = element.querySelector('path').getBBox(); return [box.x, box.x + box.width]; }"


def test_each_plot_has_a_point_per_claim_and_bars_ending_at_low_and_high(page, seeds_page):
    path, report = seeds_page
    _open(page, path)
    claims = {claim["id"]: claim for claim in report["claims"]}
    checked = 0
    for fact in report["facts"]:
        figure = page.locator(f'figure.plot[data-fact="{fact["id"]}"]')
        assert figure.locator('[id^="point-"]').count() == len(fact["claims"])
        xmin, xmax = float(figure.get_attribute("data-xmin")), float(figure.get_attribute("data-xmax"))
        left_edge, right_edge = figure.locator(f"#area-{fact['id']}").evaluate(_GEOMETRY)

        def data(x: float) -> float:
            return xmin + (x - left_edge) / (right_edge - left_edge) * (xmax - xmin)  # noqa: B023

        tolerance = (xmax - xmin) / (right_edge - left_edge)  # one unit of the SVG: under a pixel
        for claim_id in fact["claims"]:
            claim = claims[claim_id]
            bar = figure.locator(f"#interval-{claim_id}")
            if claim["low"] is not None and claim["low"] == claim["high"]:
                assert bar.count() == 0  # an exact figure is a point, not a bar
                continue
            left, right = (data(x) for x in bar.evaluate(_GEOMETRY))
            assert left == pytest.approx(xmin if claim["low"] is None else claim["low"], abs=tolerance)
            assert right == pytest.approx(xmax if claim["high"] is None else claim["high"], abs=tolerance)
            checked += 1
    assert checked >= 1  # the seeds have a hedged figure ("more than ..."): at least one bar was measured


def test_a_screenshot_of_the_seeds_page(browser, page, seeds_page, tmp_path):
    """The screenshot the README shows: the top of the page, with the summary, the filters
    and the first fact's plot in view."""
    from PIL import Image

    path, _ = seeds_page
    _open(page, path)
    page.set_viewport_size(VIEWPORT)
    plot = page.locator("figure.plot").first.bounding_box()
    assert plot["y"] + plot["height"] / 2 < VIEWPORT["height"]  # the first plot is in the picture
    target = tmp_path / "report-html.png"
    screenshot(browser, path, target)
    with Image.open(target) as picture:
        assert picture.size == (VIEWPORT["width"], VIEWPORT["height"])
        colours = picture.convert("RGB").getcolors(maxcolors=1_000_000)
    assert len(colours) > 200  # text, badges, a plot: not a blank or an error page
    assert page.errors == []
