"""The plot of a fact: one row per claim, the interval its wording allows drawn as a bar
("about 137,000" a short bar, "between 40 and 60" a long one) or, where the wording
leaves an end open ("more than 100", "fewer than 50"), as an arrow to the edge of the
axis; the stated value as a point; the consensus as a dashed line; each claim coloured
by its camp (with the consensus, an outlier, or neither). Where the claims have an
as_of, the rows go in time order, so a growing toll reads as a staircase.

`fact_plot` is pure: it lays a fact out as a `FactPlot`. `svg_of` and `png_of` draw it
with matplotlib (its object-oriented API and its SVG and Agg backends, never pyplot's
global state) and return bytes; the writers put them in files. Every mark carries an id
(`gid`) naming its claim, so tests and scripts find a claim's bar, point and arrow in
the SVG: `interval-<claim>`, `point-<claim>`, `open-<claim>`, and the plot area
`area-<fact>`.

The drawings are deterministic: matplotlib's SVG ids are salted with the fact id and
its clock and version metadata are left out, so the same fact gives the same bytes.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from functools import lru_cache

from factcheck.display import number
from factcheck.model import Claim, ClaimKind, Fact, RunResult

# A fact of more claims than this is drawn with its first MAX_ROWS rows, and says so.
MAX_ROWS = 80
CAMP_COLOURS = {"consensus": "#0072B2", "outlier": "#D55E00", "other": "#7F7F7F"}  # Okabe–Ito, colour-blind safe
CAMP_LABELS = {"consensus": "allows the consensus", "outlier": "outlier", "other": "neither"}
LABEL_CHARS = 42  # a row's label is cut to this many characters, to fit the left margin
ROW_INCHES = 0.42
WIDTH_INCHES = 8.0


@dataclass(frozen=True, slots=True)
class PlotRow:
    """One claim's row: the interval its wording allows (`low` None: open below; `high`
    None: open above), the value it states, its camp and its label (source:line and
    date), and its wording as written."""

    claim: str
    label: str
    text: str
    value: float
    low: float | None
    high: float | None
    camp: str


@dataclass(frozen=True, slots=True)
class FactPlot:
    """A fact laid out for drawing: its rows top to bottom, the consensus value, and the
    x axis's limits (`xmin`, `xmax`, in the fact's unit) that every open end reaches."""

    fact: str
    title: str
    axis_label: str
    rows: tuple[PlotRow, ...]
    consensus: float | None
    xmin: float
    xmax: float
    years: bool  # the axis counts years: no thousands separator
    omitted: int = 0  # claims left out beyond MAX_ROWS


PLOTS_DIR = "plots"
# the plot files a run writes into PLOTS_DIR: one per fact, named by its id
PLOT_FILE = re.compile(r"f[0-9a-f]+\.png")


def plot_path(fact: Fact) -> str:
    """Where report.md finds a fact's plot, relative to it: "plots/<fact id>.png"."""
    return f"{PLOTS_DIR}/{fact.id}.png"


def discrepant_facts(result: RunResult) -> list[Fact]:
    """The facts report.md gives a section (and a plot): those with a discrepant pair."""
    discrepant = {finding.fact for finding in result.findings if finding.relation.is_discrepancy}
    return [fact for fact in result.facts if fact.id in discrepant]


def camp_of(claim: Claim, fact: Fact) -> str:
    """"outlier" for a claim the consensus names as far from it, "consensus" for a claim
    whose interval holds the consensus value (an open end holds everything beyond it),
    "other" for the rest."""
    consensus = fact.consensus
    if consensus is None:
        return "other"
    if claim.id in consensus.outliers:
        return "outlier"
    above_low = claim.low is None or claim.low <= consensus.value
    below_high = claim.high is None or consensus.value <= claim.high
    return "consensus" if above_low and below_high else "other"


def row_label(claim: Claim) -> str:
    """"file:line · date": where the claim stands and the time it speaks of (its as_of)."""
    date = f" · {claim.as_of}" if claim.as_of else ""
    place = f"{claim.source}:{claim.line}"
    room = LABEL_CHARS - len(date)
    if len(place) > room:  # the end of a path names the file: cut its start
        place = "…" + place[-(room - 1):]
    return place + date


def plot_order(claims: list[Claim]) -> list[Claim]:
    """Rows top to bottom: by as_of where any claim has one (undated claims last), then by
    value; by value alone otherwise."""
    if any(claim.as_of for claim in claims):
        return sorted(claims, key=lambda c: (c.as_of is None, c.as_of or "", c.value, c.source, c.start, c.id))
    return sorted(claims, key=lambda c: (c.value, c.source, c.start, c.id))


def _limits(rows: list[PlotRow], consensus: float | None) -> tuple[float, float]:
    """The x axis: every finite end, value and the consensus, with a margin; an open end
    gets room to show it runs on."""
    points = [p for row in rows for p in (row.low, row.high, row.value) if p is not None]
    if consensus is not None:
        points.append(consensus)
    low, high = min(points), max(points)
    span = high - low or max(abs(high) * 0.1, 1.0)
    xmin = low - 0.08 * span
    xmax = high + 0.08 * span
    if any(row.high is None for row in rows):
        xmax += 0.15 * span
    if any(row.low is None for row in rows):
        xmin -= 0.15 * span
    if low >= 0 > xmin and not any(row.low is None for row in rows):
        xmin = 0.0 if low > 0 else xmin  # counts and lengths do not go below zero
    return xmin, xmax


def fact_plot(fact: Fact, result: RunResult) -> FactPlot:
    """Lay a fact out for drawing: one `PlotRow` per claim (at most MAX_ROWS), in
    `plot_order`, with the interval each claim's qualifier allows as report.json gives
    it (`low`, `high`)."""
    claims = plot_order([result.claim(i) for i in fact.claim_ids])
    shown = claims[:MAX_ROWS]
    rows = [PlotRow(claim=c.id, label=row_label(c), text=" ".join(c.text.split()), value=c.value,
                    low=c.low, high=c.high, camp=camp_of(c, fact)) for c in shown]
    consensus = fact.consensus.value if fact.consensus else None
    xmin, xmax = _limits(rows, consensus)
    years = fact.dimension == "date" or all(c.kind is ClaimKind.DATE for c in shown)
    axis = fact.unit or fact.dimension
    return FactPlot(fact=fact.id, title=fact.label, axis_label=axis, rows=tuple(rows), consensus=consensus,
                    xmin=xmin, xmax=xmax, years=years, omitted=len(claims) - len(shown))


# Source text is drawn as written: never as mathtext ("$41 to $45") nor through LaTeX.
AS_WRITTEN = {"parse_math": False, "usetex": False}
# matplotlib's defaults, not the user's matplotlibrc: the same plot on every machine,
# and no setting (text.usetex, savefig.bbox, another font or dpi) that changes or breaks it
DPI = 96


def _draw(plot: FactPlot, form: str, metadata: dict) -> bytes:
    """The plot drawn in `form` ("svg" or "png") with matplotlib's default settings."""
    from matplotlib import rc_context, style

    buffer = io.BytesIO()
    with style.context("default"), rc_context({"svg.hashsalt": plot.fact, "svg.fonttype": "none",
                                               "figure.dpi": DPI, "savefig.dpi": DPI}):
        _figure(plot).savefig(buffer, format=form, dpi=DPI, bbox_inches=None, metadata=metadata)
    return buffer.getvalue()


def _tick(value: float, years: bool) -> str:
    if years:
        return f"{value:.0f}"
    if abs(value) >= 1000 or float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:,.3g}"


def _figure(plot: FactPlot):
    # imported here: matplotlib is loaded only by a run that draws
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.ticker import FuncFormatter
    from matplotlib.transforms import blended_transform_factory

    count = len(plot.rows)
    height = 1.45 + ROW_INCHES * count
    figure = Figure(figsize=(WIDTH_INCHES, height), dpi=96)
    figure.set_gid(f"plot-{plot.fact}")
    # fixed margins (in inches), not tight_layout: the same layout every time, and faster
    figure.subplots_adjust(left=3.0 / WIDTH_INCHES, right=1 - 0.25 / WIDTH_INCHES, top=1 - 0.5 / height,
                           bottom=0.75 / height)
    axes = figure.add_subplot()
    axes.patch.set_gid(f"area-{plot.fact}")
    axes.set_xlim(plot.xmin, plot.xmax)
    axes.set_ylim(count - 0.5, -0.5)  # the first row on top
    for index, row in enumerate(plot.rows):
        colour = CAMP_COLOURS[row.camp]
        start = plot.xmin if row.low is None else row.low
        end = plot.xmax if row.high is None else row.high
        if end > start:
            axes.hlines(index, start, end, colors=colour, linewidth=7, alpha=0.55, capstyle="butt",
                        gid=f"interval-{row.claim}")
        if row.high is None:
            axes.plot([plot.xmax], [index], marker=">", markersize=9, color=colour, clip_on=False,
                      gid=f"open-high-{row.claim}")
        if row.low is None:
            axes.plot([plot.xmin], [index], marker="<", markersize=9, color=colour, clip_on=False,
                      gid=f"open-low-{row.claim}")
        axes.plot([row.value], [index], marker="o", markersize=6, color=colour, markeredgecolor="black",
                  markeredgewidth=0.6, linestyle="none", gid=f"point-{row.claim}")
        # the wording as written, just above its point (rows are one unit apart, the first on top)
        axes.text(row.value, index - 0.18, row.text, ha="center", va="bottom", fontsize=7.5, color="#333333",
                  clip_on=False, **AS_WRITTEN)
    if plot.consensus is not None:
        axes.axvline(plot.consensus, color="black", linestyle="--", linewidth=1, gid=f"consensus-{plot.fact}")
    # the rows' labels as plain text left of the axes, not as tick labels: a tick is
    # several artists, and a plot of many rows drew slowly with one per row
    axes.set_yticks([])
    beside = blended_transform_factory(axes.transAxes, axes.transData)
    for index, row in enumerate(plot.rows):
        axes.text(-0.015, index, row.label, transform=beside, ha="right", va="center", fontsize=8, **AS_WRITTEN)
    axes.xaxis.set_major_formatter(FuncFormatter(lambda value, _position: _tick(value, plot.years)))
    axes.tick_params(axis="x", labelsize=8)
    axes.set_xlabel(plot.axis_label, fontsize=9, **AS_WRITTEN)
    axes.grid(axis="x", color="#dddddd", linewidth=0.6)
    axes.set_axisbelow(True)
    title = plot.title if len(plot.title) <= 90 else plot.title[:89] + "…"
    if plot.omitted:
        title += f" (first {len(plot.rows)} claims; {plot.omitted} more not drawn)"
    axes.set_title(title, fontsize=10, loc="left", **AS_WRITTEN)
    camps = [camp for camp in CAMP_COLOURS if any(row.camp == camp for row in plot.rows)]
    handles = [Line2D([], [], color=CAMP_COLOURS[camp], linewidth=6, alpha=0.55, label=CAMP_LABELS[camp])
               for camp in camps]
    if plot.consensus is not None:
        handles.append(Line2D([], [], color="black", linestyle="--", linewidth=1,
                              label=f"consensus {plot.consensus:.0f}" if plot.years else
                              f"consensus {number(plot.consensus):,}"))
    figure.legend(handles=handles, loc="lower center", ncol=len(handles), fontsize=7.5, frameon=False)
    return figure


# matplotlib numbers its SVG elements the same way in every figure ("axes_1",
# "patch_2"); several plots in one page would repeat those ids, so each is prefixed
# with its fact's id.
_SEQUENTIAL_ID = re.compile(r'id="([A-Za-z0-9.]+_\d+)"')


# Both are asked for the same plot by two writers in one run (report.md's PNG is the
# workbook's picture); a bounded cache draws it once.
@lru_cache(maxsize=256)
def svg_of(plot: FactPlot) -> str:
    """The plot as an SVG element (text, no XML declaration), ready to inline in HTML;
    its text stays text (`svg.fonttype: none`)."""
    svg = _draw(plot, "svg", {"Date": None, "Creator": None}).decode("utf-8")
    svg = svg[svg.index("<svg"):]
    return _SEQUENTIAL_ID.sub(lambda match: f'id="{plot.fact}-{match.group(1)}"', svg)


@lru_cache(maxsize=256)
def png_of(plot: FactPlot) -> bytes:
    """The plot as a PNG at 96 dpi, with no software or clock in its metadata."""
    return _draw(plot, "png", {"Software": None})
