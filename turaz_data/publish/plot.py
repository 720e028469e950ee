"""Figures of the data (matplotlib, an optional dependency: ``pip install 'turaz-data[plot]'``).

:func:`timeline` draws every dated row of events, agreements and arms transfers from
1918 to 2023, one line per row, in one band per table, coloured by table. A date
that is known only to the month or year, or an interval, is drawn as a bar over the
days it can mean (its EDTF lower and upper bounds); an exact day as a dot. Key
agreements, wars and transfers (:data:`KEY_ROWS`) are labelled by name.

:func:`panel` draws the year panel: how many rows of each table begin in each year
(:func:`year_counts`, with the counting rule of the year panel of issue 14).

Both figures break the time axis where no row begins or ends for
:data:`MIN_GAP_YEARS` years or more (:func:`axis_segments`: 1921-1979 for the shipped
data), so the dated years get the width.

The SVG output is deterministic: fixed ``svg.hashsalt``, no date in its metadata,
glyphs as paths; the same data and matplotlib version give the same bytes. Other
formats (PNG, PDF) are written as matplotlib writes them.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import os
from pathlib import Path

from turaz_data.errors import require

#: The tables drawn, top to bottom, with their colours (colour-blind safe, Okabe-Ito).
TIMELINE_TABLES = (
    ("events", "#0072B2"),
    ("agreements", "#D55E00"),
    ("arms_transfers", "#009E73"),
)
START_YEAR, END_YEAR = 1918, 2023
SVG_RC = {"svg.hashsalt": "turaz-data", "svg.fonttype": "path", "svg.id": "turaz-timeline"}


def _year(d: dt.date) -> float:
    start = dt.date(d.year, 1, 1)
    days = (dt.date(d.year + 1, 1, 1) - start).days
    return d.year + (d - start).days / days


def timeline_rows(package=None) -> dict[str, list[tuple[str, float, float]]]:
    """For each drawn table: (id, start, end) in fractional years, sorted by date."""
    from turaz_data.tables.edtf import bounds
    from turaz_data.tables.storage import read_rows, resource, table_names

    out = {}
    names = table_names(package)
    for name, _ in TIMELINE_TABLES:
        spans = []
        if name in names:
            resource(name, package)
            for r in read_rows(name, package):
                if not r.get("date"):
                    continue
                try:
                    lo, hi = bounds(r["date"])
                except ValueError:  # not a valid date: validation reports it
                    continue
                lo = lo or dt.date(START_YEAR, 1, 1)  # an interval open at the start
                hi = hi or dt.date(END_YEAR, 12, 31)  # an interval open at the end
                spans.append((r["id"], _year(lo), _year(hi + dt.timedelta(days=1))))
        out[name] = sorted(spans, key=lambda s: (s[1], s[2], s[0]))
    return out


#: A run of at least this many years in which no row begins or ends is cut out of the time axis.
MIN_GAP_YEARS = 15

#: Rows labelled by name on the timeline (our own short names), by table and id. A row
#: missing from the data drawn (another copy of the tables) is simply not labelled.
KEY_ROWS: dict[str, dict[str, str]] = {
    "events": {
        "1918-09-15-liberation-of-baku": "Liberation of Baku (1918)",
        "1980s-nagorno-karabakh-clashes": "Karabakh clashes (late 1980s)",
        "1994-05-karabakh-ceasefire": "Karabakh ceasefire (1994)",
        "2020-09-27-second-karabakh-war": "Second Karabakh War (2020)",
    },
    "agreements": {
        "1918-06-04-ottoman-azerbaijan-treaty": "Ottoman-Azerbaijani treaty (1918)",
        "1992-08-11-military-education-agreement": "Military education agreement (1992)",
        "2010-strategic-partnership-agreement": "Strategic partnership agreement (2010)",
        "2021-06-15-shusha-declaration": "Shusha Declaration (2021)",
    },
    "arms_transfers": {
        "2000-tcg-ab-34-boat-grant": "Patrol boat AB-34 given (2000)",
        "2011-2020-trg-300-kaplan-missiles": "TRG-300 Kaplan missiles (2011-2020)",
        "2020-bayraktar-tb2-at-least-five": "Bayraktar TB2 drones (2020)",
    },
}


def axis_segments(years: set[int]) -> list[tuple[int, int]]:
    """The pieces of the time axis, ``[(first, last + 1), ...]``, from the years rows begin or end.

    Between START_YEAR and END_YEAR (which always stay on the axis), every run of at
    least :data:`MIN_GAP_YEARS` years that ``years`` does not touch is cut out; with no
    years in that range, the whole axis is one piece.
    """
    inside = sorted(y for y in years if START_YEAR <= y <= END_YEAR)
    if not inside:
        return [(START_YEAR, END_YEAR + 1)]
    points = [START_YEAR, *inside, END_YEAR]
    segments, begin = [], START_YEAR
    for a, b in itertools.pairwise(points):
        if b - a - 1 >= MIN_GAP_YEARS:
            segments.append((begin, a + 1))
            begin = b
    segments.append((begin, END_YEAR + 1))
    return segments


def _span_years(spans) -> set[int]:
    """The years in which spans begin or end (the interior of a long interval does not count)."""
    out = set()
    for _, a, b in spans:
        out.add(int(a))
        out.add(int(b - 1e-9))
    return out


def _broken_axes(fig, segments, height_ratios=None):
    """One axes per segment, side by side, sharing y; width by years (a short piece gets room)."""
    widths = [max(b - a, 6) for a, b in segments]
    axes = fig.subplots(1, len(segments), sharey=True, gridspec_kw={"width_ratios": widths, "wspace": 0.04})
    axes = list(axes) if len(segments) > 1 else [axes]
    for i, (ax, (a, b)) in enumerate(zip(axes, segments, strict=True)):
        ax.set_xlim(a, b)
        step = 10 if b - a > 30 else (5 if b - a > 12 else 2)
        first = (a + step - 1) // step * step
        ax.set_xticks(list(range(first, b, step)))
        ax.grid(axis="x", color="#dddddd", linewidth=0.6)
        ax.set_axisbelow(True)
        for side in ("top", "right", "left"):
            ax.spines[side].set_visible(False)
        if i > 0:
            ax.tick_params(axis="y", left=False, labelleft=False)
        if len(segments) > 1:  # the break marks: two short slanted strokes on the x axis
            kw = {"transform": ax.transAxes, "color": "#555555", "clip_on": False, "linewidth": 0.8}
            if i < len(segments) - 1:
                ax.plot([0.995 - 0.01 * 30 / widths[i], 1.005], [-0.02, 0.02], **kw)
            if i > 0:
                ax.plot([-0.005, 0.005 + 0.01 * 30 / widths[i]], [-0.02, 0.02], **kw)
    return axes


def _title(name: str, package) -> str:
    from turaz_data.errors import TurazError
    from turaz_data.tables.storage import resource

    try:
        return resource(name, package).get("title", name)
    except TurazError:  # a table this copy of the package does not have
        return name


def timeline_figure(package=None):
    """The timeline as a matplotlib Figure (not attached to pyplot)."""
    require("matplotlib", "plot", "The timeline figure")
    from matplotlib.figure import Figure

    rows = timeline_rows(package)
    segments = axis_segments(set().union(*(_span_years(v) for v in rows.values())))
    fig = Figure(figsize=(11, 7.5), layout="constrained")
    axes = _broken_axes(fig, segments)
    y, ticks, labels = 0.0, [], []
    total = sum(max(len(v), 1) for v in rows.values())
    gap = max(1.5, 0.05 * total)
    # line width and dot size follow the room each row has (7.5 in = 540 pt of height)
    per_row = 0.8 * 540 * 0.75 / (total + gap * len(rows))
    linewidth, markersize = min(3.0, max(0.6, per_row)), min(4.0, max(1.5, 1.3 * per_row))
    for name, colour in reversed(TIMELINE_TABLES):
        spans = rows[name]
        height = max(len(spans), 1)
        keys = KEY_ROWS.get(name, {})
        for i, (row_id, a, b) in enumerate(reversed(spans)):
            yy = y + i + 0.5
            for ax, (lo, hi) in zip(axes, segments, strict=True):
                if b < lo or a > hi:
                    continue
                if b - a < 0.1:  # a day or a few weeks: a dot
                    ax.plot([(a + b) / 2], [yy], "o", color=colour, markersize=markersize, markeredgewidth=0)
                else:
                    ax.plot([a, b], [yy, yy], "-", color=colour, linewidth=linewidth, solid_capstyle="butt")
            if row_id in keys:
                _label(axes, segments, keys[row_id], a, b, yy, colour)
        title = _title(name, package)
        ticks.append(y + height / 2)
        labels.append(f"{title}\n({len(spans)} rows)")
        for ax in axes:
            ax.axhspan(y - 0.25, y + height + 0.25, color=colour, alpha=0.06, linewidth=0)
        y += height + gap
    axes[0].set_ylim(-gap / 2, y - gap / 2)
    axes[0].set_yticks(ticks, labels)
    axes[0].tick_params(axis="y", length=0)
    fig.supxlabel("Year (bars: the span a date or interval can mean; dots: exact days; "
                  "the axis skips the years in which no row begins or ends)", fontsize="small")
    fig.suptitle(f"Türkiye-Azerbaijan military relations, {START_YEAR}-{END_YEAR}: dated rows by table")
    if not any(rows.values()):
        axes[-1].text(0.5, 0.5, "no dated rows yet", transform=axes[-1].transAxes, ha="center", va="center",
                      color="#777777")
    return fig


def _label(axes, segments, text, a, b, y, colour) -> None:
    """Write ``text`` beside the mark of a row: right of it, or left when near the axis's end."""
    for ax, (lo, hi) in zip(axes, segments, strict=True):
        if lo <= a < hi or (a < lo <= b):
            start, end = max(a, lo), min(b, hi)
            right = end + 0.4 <= hi - (hi - lo) * 0.3
            x, ha = (end + 0.4, "left") if right else (start - 0.4, "right")
            ax.annotate(text, (x, y), ha=ha, va="center", fontsize=7, color="#222222",
                        bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": colour,
                              "linewidth": 0.6, "alpha": 0.9}, annotation_clip=False)
            return


def year_counts(package=None) -> dict[str, dict[int, int]]:
    """For each table of :data:`TIMELINE_TABLES`: how many of its rows begin in each year.

    The counting rule of the year panel (issue 14's ``turaz_data.panel()``, which this
    can delegate to once it is in the package): a row counts once, in the first year its
    EDTF date can mean (an interval in its first year, ``199X`` in 1990); a date with an
    open start counts in its last year; a row that is part of another row (a non-empty
    ``part_of``, where the table has that column) is not counted; years outside
    START_YEAR-END_YEAR and rows without a valid date are left out.
    """
    from turaz_data.tables.edtf import bounds
    from turaz_data.tables.storage import read_rows, table_names

    out = {}
    names = table_names(package)
    for name, _ in TIMELINE_TABLES:
        counts: dict[int, int] = {}
        for r in read_rows(name, package) if name in names else []:
            if not r.get("date") or r.get("part_of"):
                continue
            try:
                lo, hi = bounds(r["date"])
            except ValueError:  # not a valid date: validation reports it
                continue
            year = (lo or hi).year
            if START_YEAR <= year <= END_YEAR:
                counts[year] = counts.get(year, 0) + 1
        out[name] = dict(sorted(counts.items()))
    return out


def panel_figure(package=None):
    """The year panel (rows per year, stacked by table) as a matplotlib Figure."""
    require("matplotlib", "plot", "The panel figure")
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    counts = year_counts(package)
    years = set().union(*(set(c) for c in counts.values()))
    segments = axis_segments(years)
    fig = Figure(figsize=(11, 4), layout="constrained")
    axes = _broken_axes(fig, segments)
    every = sorted(y for y in years if START_YEAR <= y <= END_YEAR)
    base = {y: 0 for y in every}
    for name, colour in TIMELINE_TABLES:
        heights = [counts[name].get(y, 0) for y in every]
        for ax in axes:
            ax.bar([y + 0.5 for y in every], heights, width=0.8, bottom=[base[y] for y in every], color=colour,
                   linewidth=0)
        for y, h in zip(every, heights, strict=True):
            base[y] += h
    top = max(base.values(), default=0)
    axes[0].set_ylim(0, max(top, 1) * 1.08)
    axes[0].set_ylabel("rows beginning in the year")
    for ax in axes:
        ax.grid(axis="y", color="#eeeeee", linewidth=0.6)
    fig.suptitle("Rows per year by table\n(each row once, in the first year its date can mean; an open start in "
                 "its last year; parts of another row not counted)", fontsize="medium")
    fig.legend([Patch(color=c) for _, c in TIMELINE_TABLES],
               [f"{_title(n, package)} ({sum(counts[n].values())})" for n, _ in TIMELINE_TABLES],
               loc="outside lower center", ncol=len(TIMELINE_TABLES), frameon=False, fontsize="small")
    return fig


def _save(fig, output) -> Path:
    """Write ``fig`` to ``output`` atomically (format from the suffix; SVG without a date)."""
    import matplotlib

    from turaz_data.tables.confine import check_output
    from turaz_data.tables.storage import atomic_write

    out = Path(output)
    if not out.parent.is_dir():
        raise FileNotFoundError(f"the folder {str(out.parent)!r} does not exist: create it first")
    check_output(out)  # never a device, a pipe (savefig would block) or a link to another file
    fmt = out.suffix[1:].lower() or matplotlib.rcParams["savefig.format"]
    buf = io.BytesIO()
    fig.savefig(buf, format=fmt, metadata={"Date": None} if fmt == "svg" else {})
    atomic_write(out, buf.getvalue())
    return out


def svg_text(make, svg_id: str, package=None) -> str:
    """A figure as deterministic SVG text (what scripts/generate.py writes into docs/)."""
    require("matplotlib", "plot", "The figures")

    import matplotlib

    buf = io.StringIO()
    with matplotlib.rc_context({**SVG_RC, "svg.id": svg_id}):
        make(package).savefig(buf, format="svg", metadata={"Date": None})
    return buf.getvalue()


def timeline(output: str | os.PathLike, package=None) -> Path:
    """Draw the timeline to ``output`` (format from its suffix: .svg, .png, .pdf)."""
    require("matplotlib", "plot", "The timeline figure")
    import matplotlib

    with matplotlib.rc_context(SVG_RC):
        return _save(timeline_figure(package), output)


def panel(output: str | os.PathLike, package=None) -> Path:
    """Draw the year panel to ``output`` (format from its suffix: .svg, .png, .pdf)."""
    require("matplotlib", "plot", "The panel figure")
    import matplotlib

    with matplotlib.rc_context({**SVG_RC, "svg.id": "turaz-panel"}):
        return _save(panel_figure(package), output)
