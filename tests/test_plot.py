"""The plot of a fact: its layout (`fact_plot`: rows, order, intervals, camps, axis
limits) on hand-built results, and the drawing (`svg_of`, `png_of`): one point per
claim, a bar where the wording allows an interval, an arrow where it leaves an end
open, the bar's ends where report.json puts the claim's low and high, and the same
bytes every time.

Every place, figure and sentence here is invented.
"""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from lxml import etree
from report_builders import Builder, flood_result

from factcheck.model import Consensus, Qualifier, Relation
from factcheck.report.plot import LABEL_CHARS, MAX_ROWS, fact_plot, png_of, row_label, svg_of

SVG = "{http://www.w3.org/2000/svg}"


def hedged_result():
    """One fact whose five claims cover every shape of interval: exact, a short band
    ("about"), an open top ("more than"), an open bottom ("fewer than") and a range."""
    build = Builder()
    sentence = "Invented sentence about the Tarvena landslide."
    exact = build.claim("c-exact", "a.txt", "64", 64, sentence, as_of="2032-04")
    about = replace(build.claim("c-about", "b.txt", "about 70", 70, sentence, qualifier=Qualifier.APPROX,
                                as_of="2032-05"), low=68.6, high=71.4)
    more = build.claim("c-more", "c.txt", "more than 80", 80, sentence, qualifier=Qualifier.MORE_THAN,
                       as_of="2032-06")
    fewer = build.claim("c-fewer", "d.txt", "fewer than 60", 60, sentence, qualifier=Qualifier.LESS_THAN,
                        as_of="2032-03")
    between = replace(build.claim("c-range", "e.txt", "between 50 and 90", 70, sentence, qualifier=Qualifier.RANGE),
                      low=50, high=90)
    build.claims[:] = [exact, about, more, fewer, between]
    fact = build.fact("f-slide", "people killed: Tarvena landslide", build.claims, Relation.CONFLICT,
                      consensus=Consensus(64, 50, 90, ("a.txt", "b.txt", "d.txt"), supporting=("a.txt", "b.txt"),
                                          outliers=("c-more",)))
    return build.result(), fact


def test_rows_carry_each_claims_interval_as_report_json_gives_it():
    result, fact = hedged_result()
    plot = fact_plot(fact, result)
    assert {row.claim: (row.low, row.high) for row in plot.rows} == {
        "c-exact": (64, 64), "c-about": (68.6, 71.4), "c-more": (80, None), "c-fewer": (None, 60),
        "c-range": (50, 90)}
    assert plot.xmin < 50 and plot.xmax > 90  # every finite end is inside the axis


def test_dated_claims_go_in_time_order_so_a_growing_toll_is_a_staircase():
    result, fact = hedged_result()
    assert [row.claim for row in fact_plot(fact, result).rows] == ["c-fewer", "c-exact", "c-about", "c-more",
                                                                  "c-range"]  # undated last


def test_undated_claims_go_in_value_order():
    build = Builder()
    claims = [build.claim(f"c{value}", f"s{value}.txt", str(value), value, "Invented.") for value in (30, 10, 20)]
    fact = build.fact("f-x", "x", claims, Relation.CONFLICT)
    assert [row.claim for row in fact_plot(fact, build.result()).rows] == ["c10", "c20", "c30"]


@pytest.mark.parametrize(("claim", "camp"), [
    pytest.param("c-more", "outlier", id="named-outlier"),
    pytest.param("c-exact", "consensus", id="holds-the-consensus-value"),
    pytest.param("c-range", "consensus", id="its-range-holds-the-consensus-value"),
    pytest.param("c-about", "other", id="a-supporting-source-but-not-the-value"),
    pytest.param("c-fewer", "other", id="below-the-consensus"),
])
def test_each_claim_is_coloured_by_its_camp(claim, camp):
    result, fact = hedged_result()
    assert {row.claim: row.camp for row in fact_plot(fact, result).rows}[claim] == camp


@pytest.mark.parametrize(("source", "as_of", "label"), [
    pytest.param("a.txt", None, "a.txt:3", id="place"),
    pytest.param("a.txt", "2031-05", "a.txt:3 · 2031-05", id="place-and-date"),
    pytest.param("reports/" + "x" * 60 + "-orvald.txt", "2031-05", "…" + "x" * 18 + "-orvald.txt:3 · 2031-05",
                 id="long-path-keeps-its-end-and-the-date"),
])
def test_a_rows_label_names_its_place_and_date_within_the_margin(source, as_of, label):
    claim = Builder().claim("c", source, "5", 5, "Invented.", line=3, as_of=as_of)
    assert row_label(claim) == label and len(label) <= LABEL_CHARS


def test_a_fact_of_many_claims_draws_the_first_rows_and_says_how_many_more():
    build = Builder()
    claims = [build.claim(f"c{i}", f"s{i}.txt", str(i), i, "Invented.") for i in range(1, MAX_ROWS + 6)]
    plot = fact_plot(build.fact("f-many", "many", claims, Relation.CONFLICT), build.result())
    assert (len(plot.rows), plot.omitted) == (MAX_ROWS, 5)
    assert "5 more not drawn" in svg_of(plot)


def _path_points(group) -> list[tuple[float, float]]:
    """The (x, y) points of the first path under an SVG group, as matplotlib writes them."""
    path = group.find(f".//{SVG}path")
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", path.get("d"))]
    return list(zip(numbers[::2], numbers[1::2], strict=True))


def test_the_svg_has_one_point_per_claim_and_bars_and_arrows_where_the_wording_allows():
    result, fact = hedged_result()
    svg = etree.fromstring(svg_of(fact_plot(fact, result)).encode("utf-8"))
    ids = [element.get("id") for element in svg.iter() if element.get("id")]
    claims = {claim.id for claim in result.claims}
    assert sorted(i.removeprefix("point-") for i in ids if i.startswith("point-")) == sorted(claims)
    # an exact figure is a point only; the others are bars
    assert sorted(i.removeprefix("interval-") for i in ids if i.startswith("interval-")) == sorted(claims - {"c-exact"})
    assert sorted(i for i in ids if i.startswith("open-")) == ["open-high-c-more", "open-low-c-fewer"]
    assert "consensus-f-slide" in ids and "area-f-slide" in ids


def test_the_bars_ends_are_where_report_json_puts_low_and_high():
    """Pixel ends mapped back through the plot area's edges (the axis limits) give the
    claim's low and high; an open end reaches the edge of the axis."""
    result, fact = hedged_result()
    plot = fact_plot(fact, result)
    svg = etree.fromstring(svg_of(plot).encode("utf-8"))
    groups = {element.get("id"): element for element in svg.iter(f"{SVG}g") if element.get("id")}
    area = [x for x, _ in _path_points(groups["area-f-slide"])]
    left, right = min(area), max(area)

    def data(x: float) -> float:
        return plot.xmin + (x - left) / (right - left) * (plot.xmax - plot.xmin)

    tolerance = (plot.xmax - plot.xmin) / 500  # well under a pixel's worth
    for row in plot.rows:
        if f"interval-{row.claim}" not in groups:
            continue
        ends = sorted(data(x) for x, _ in _path_points(groups[f"interval-{row.claim}"]))
        assert ends[0] == pytest.approx(plot.xmin if row.low is None else row.low, abs=tolerance), row.claim
        assert ends[-1] == pytest.approx(plot.xmax if row.high is None else row.high, abs=tolerance), row.claim


@pytest.mark.parametrize("text", [
    pytest.param("$41 to $45", id="dollar-signs-stay-text"),
    pytest.param("<script>alert(1)</script> & 7", id="markup-is-escaped"),
])
def test_text_is_drawn_as_written_and_escaped(text):
    build = Builder()
    claims = [build.claim("c1", f"{text}.txt", text, 41, "Invented."), build.claim("c2", "b.txt", "50", 50, "x")]
    svg = svg_of(fact_plot(build.fact("f-text", text, claims, Relation.CONFLICT), build.result()))
    tree = etree.fromstring(svg.encode("utf-8"))  # well-formed: the text could not break out
    assert not list(tree.iter(f"{SVG}script"))
    drawn = " ".join(t.text or "" for t in tree.iter(f"{SVG}text"))
    assert text in drawn


def test_the_drawings_are_the_same_bytes_every_time():
    result = flood_result()
    fact = result.facts[0]
    first_svg, first_png = svg_of(fact_plot(fact, result)), png_of(fact_plot(fact, result))
    svg_of.cache_clear()
    png_of.cache_clear()
    assert svg_of(fact_plot(fact, result)) == first_svg
    assert png_of(fact_plot(fact, result)) == first_png
    assert first_png.startswith(b"\x89PNG") and b"Software" not in first_png
    assert "<dc:date>" not in first_svg and "Matplotlib v" not in first_svg


def test_ids_of_two_plots_in_one_page_do_not_collide():
    result = flood_result()
    ids = [re.findall(r'id="([^"]+)"', svg_of(fact_plot(fact, result))) for fact in result.facts]
    every = [i for plot_ids in ids for i in plot_ids]
    assert len(every) == len(set(every))
