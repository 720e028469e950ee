"""Figures of the data (matplotlib, an optional dependency: ``pip install 'turaz-data[plot]'``).

:func:`timeline` draws every dated row of events, agreements and arms transfers from
1918 to 2023, one line per row, in one band per table, coloured by table. A date
that is known only to the month or year, or an interval, is drawn as a bar over the
days it can mean (its EDTF lower and upper bounds); an exact day as a dot.

The SVG output is deterministic: fixed ``svg.hashsalt``, no date in its metadata,
glyphs as paths; the same data and matplotlib version give the same bytes. Other
formats (PNG, PDF) are written as matplotlib writes them.
"""

from __future__ import annotations

import datetime as dt
import io
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
    from turaz_data.tables.storage import read_rows, resource, table_names
    from turaz_data.tables.edtf import bounds

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


def timeline_figure(package=None):
    """The timeline as a matplotlib Figure (not attached to pyplot)."""
    require("matplotlib", "plot", "The timeline figure")
    from matplotlib.figure import Figure

    from turaz_data.tables.storage import resource

    rows = timeline_rows(package)
    fig = Figure(figsize=(10, 6), layout="constrained")
    ax = fig.add_subplot()
    y, ticks, labels, handles = 0.0, [], [], []
    total = sum(max(len(v), 1) for v in rows.values())
    gap = max(1.5, 0.05 * total)
    # line width and dot size follow the room each row has (6 in = 432 pt of height)
    per_row = 0.8 * 432 * 0.75 / (total + gap * len(rows))
    linewidth, markersize = min(3.0, max(0.6, per_row)), min(4.0, max(1.5, 1.3 * per_row))
    for name, colour in reversed(TIMELINE_TABLES):
        spans = rows[name]
        height = max(len(spans), 1)
        for i, (_, a, b) in enumerate(reversed(spans)):
            yy = y + i + 0.5
            if b - a < 0.1:  # a day or a few weeks: a dot
                ax.plot([(a + b) / 2], [yy], "o", color=colour, markersize=markersize, markeredgewidth=0)
            else:
                ax.plot([a, b], [yy, yy], "-", color=colour, linewidth=linewidth, solid_capstyle="butt")
        try:
            title = resource(name, package).get("title", name)
        except Exception:
            title = name
        ticks.append(y + height / 2)
        labels.append(f"{title}\n({len(spans)} rows)")
        handles.append((colour, f"{title} ({len(spans)})"))
        ax.axhspan(y - 0.25, y + height + 0.25, color=colour, alpha=0.06, linewidth=0)
        y += height + gap
    ax.set_xlim(START_YEAR, END_YEAR + 1)
    ax.set_ylim(-gap / 2, y - gap / 2)
    ax.set_yticks(ticks, labels)
    ax.tick_params(axis="y", length=0)
    ax.set_xticks(list(range(1920, END_YEAR + 1, 10)))
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    ax.set_xlabel("Year (bars: the span a date or interval can mean; dots: exact days)")
    ax.set_title(f"Türkiye-Azerbaijan military relations, {START_YEAR}-{END_YEAR}: dated rows by table")
    from matplotlib.lines import Line2D

    ax.legend([Line2D([], [], color=c, linewidth=3) for c, _ in reversed(handles)],
              [t for _, t in reversed(handles)], loc="upper center", bbox_to_anchor=(0.5, -0.1),
              ncol=len(handles), frameon=False, fontsize="small")
    if not any(rows.values()):
        ax.text(0.5, 0.5, "no dated rows yet", transform=ax.transAxes, ha="center", va="center", color="#777777")
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    return fig


def timeline(output: str | os.PathLike, package=None) -> Path:
    """Draw the timeline to ``output`` (format from its suffix: .svg, .png, .pdf)."""
    require("matplotlib", "plot", "The timeline figure")
    import matplotlib

    from turaz_data.tables.storage import atomic_write

    out = Path(output)
    if not out.parent.is_dir():
        raise FileNotFoundError(f"the folder {str(out.parent)!r} does not exist: create it first")
    with matplotlib.rc_context(SVG_RC):
        fig = timeline_figure(package)
        fmt = out.suffix[1:].lower() or matplotlib.rcParams["savefig.format"]
        meta = {"Date": None} if fmt == "svg" else {}
        buf = io.BytesIO()
        fig.savefig(buf, format=fmt, metadata=meta)
    atomic_write(out, buf.getvalue())
    return out
