"""turaz-data plot timeline: runs on the shipped data and on the sample, deterministic SVG."""

from __future__ import annotations

import csv
import io
import itertools
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.publish_sample import write_sample
from turaz_data.cli import main
from turaz_data.errors import MissingDependencyError
from turaz_data.publish import plot
from turaz_data.publish.plot import timeline, timeline_rows


def test_timeline_command_on_the_shipped_data(tmp_path, capsys):
    out = tmp_path / "timeline.svg"
    assert main(["plot", "timeline", "--output", str(out)]) == 0
    assert capsys.readouterr().err == f"wrote {out} (timeline)\n"
    svg = out.read_text(encoding="utf-8")
    assert svg.startswith("<?xml") and "<svg" in svg
    assert "<dc:date>" not in svg  # no creation date: the file is reproducible


def test_timeline_svg_is_byte_identical(tmp_path):
    sample = write_sample(tmp_path / "sample")
    a = timeline(tmp_path / "a.svg", package=sample).read_bytes()
    b = timeline(tmp_path / "b.svg", package=sample).read_bytes()
    assert a == b
    # one mark per dated row of the sample: 3 events, 2 agreements, 2 transfers
    rows = timeline_rows(sample)
    assert {k: len(v) for k, v in rows.items()} == {"events": 3, "agreements": 2, "arms_transfers": 2}
    assert all(1918 <= s <= e <= 2024 for spans in rows.values() for _, s, e in spans)


def test_timeline_spans_follow_the_edtf_bounds(tmp_path):
    rows = timeline_rows(write_sample(tmp_path / "sample"))
    spans = {i: (s, e) for i, s, e in rows["events"]}
    s, e = spans["2020-second-karabakh-war"]
    assert 2020.7 < s < 2020.75 and 2020.85 < e < 2020.87
    s, e = spans["1918-09-liberation-of-baku"]
    assert e - s == pytest.approx(1 / 365)


def test_timeline_on_empty_tables(tmp_path):
    sample = write_sample(tmp_path / "sample")
    for name in ("events", "agreements", "arms_transfers"):
        path = tmp_path / "sample" / "tables" / f"{name}.csv"
        path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    svg = timeline(tmp_path / "empty.svg", package=sample).read_text(encoding="utf-8")
    assert re.search(r"<svg", svg)
    assert timeline_rows(sample) == {"events": [], "agreements": [], "arms_transfers": []}


def test_plot_command_errors(tmp_path, capsys, monkeypatch):
    assert main(["plot", "timeline", "--output", str(tmp_path / "no" / "t.svg")]) == 2
    assert "does not exist: create it first" in capsys.readouterr().err
    assert main(["plot", "map", "--output", "x.svg"]) == 2
    assert "invalid choice: 'map'" in capsys.readouterr().err

    import turaz_data.publish.plot as plot

    def missing(module, extra, purpose):
        raise MissingDependencyError(module, extra, purpose)

    monkeypatch.setattr(plot, "require", missing)
    assert main(["plot", "timeline", "--output", str(tmp_path / "t.svg")]) == 2
    assert capsys.readouterr().err == (
        "turaz-data plot: error: The timeline figure needs matplotlib, which is not installed. "
        "Install it with: pip install 'turaz-data[plot]'\n")


# --------------------------------------------------------------------------- broken axis, labels, panel


@given(st.sets(st.integers(1900, 2040), max_size=30))
def test_axis_segments_cut_only_long_empty_runs(years):
    segs = plot.axis_segments(years)
    assert segs[0][0] == plot.START_YEAR and segs[-1][1] == plot.END_YEAR + 1
    inside = {y for y in years if plot.START_YEAR <= y <= plot.END_YEAR}
    for (_, b), (c, _) in itertools.pairwise(segs):
        gap = set(range(b, c))
        assert len(gap) >= plot.MIN_GAP_YEARS and not gap & inside  # a cut is long and empty
    kept = set().union(*(set(range(a, b)) for a, b in segs))
    assert inside <= kept
    # every empty run that is long enough is cut (the first and last years always stay)
    if not inside:  # nothing dated: the whole axis
        assert segs == [(plot.START_YEAR, plot.END_YEAR + 1)]
        return
    points = sorted(inside | {plot.START_YEAR, plot.END_YEAR})
    long_runs = [(a, b) for a, b in itertools.pairwise(points) if b - a - 1 >= plot.MIN_GAP_YEARS]
    assert len(segs) == 1 + len(long_runs)


def test_shipped_timeline_skips_the_empty_decades():
    rows = plot.timeline_rows()
    segs = plot.axis_segments(set().union(*(plot._span_years(v) for v in rows.values())))
    assert segs == [(1918, 1921), (1980, 2024)]


def test_key_rows_exist_and_are_labelled():
    from turaz_data.tables.storage import read_rows

    for table, keys in plot.KEY_ROWS.items():
        assert set(keys) <= {r["id"] for r in read_rows(table)}, table
    fig = plot.timeline_figure()
    texts = {t.get_text() for ax in fig.axes for t in ax.texts}
    assert texts == {label for keys in plot.KEY_ROWS.values() for label in keys.values()}


def test_year_counts_count_each_dated_row_once(tmp_path):
    from turaz_data.tables.edtf import bounds
    from turaz_data.tables.storage import read_rows

    counts = plot.year_counts()
    for table, _ in plot.TIMELINE_TABLES:
        expected: dict[int, int] = {}
        for r in read_rows(table):
            if r.get("part_of") or not r.get("date"):
                continue
            lo, hi = bounds(r["date"])
            year = lo.year if lo else hi.year
            if 1918 <= year <= 2023:
                expected[year] = expected.get(year, 0) + 1
        assert counts[table] == expected
        assert sum(counts[table].values()) <= len(read_rows(table))


def test_year_counts_rule_on_edge_dates(tmp_path):
    sample = write_sample(tmp_path / "sample")
    path = tmp_path / "sample" / "tables" / "events.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    dates = ["../2009", "199X", "1917"]
    for r, d in zip(rows, dates, strict=True):
        r["date"] = d
        r["part_of"] = ""  # counted here: the part_of rule has its own test
    buf = io.StringIO()
    w = csv.DictWriter(buf, header, lineterminator="\n")
    w.writeheader()
    w.writerows(rows[: len(dates)])
    path.write_text(buf.getvalue(), encoding="utf-8")
    assert plot.year_counts(sample)["events"] == {1990: 1, 2009: 1}  # 1917 is before the panel


def test_panel_svg_is_byte_identical_and_the_command_writes_it(tmp_path, capsys):
    sample = write_sample(tmp_path / "sample")
    a = plot.panel(tmp_path / "a.svg", package=sample).read_bytes()
    b = plot.panel(tmp_path / "b.svg", package=sample).read_bytes()
    assert a == b and b"<dc:date>" not in a
    assert main(["plot", "panel", "--output", str(tmp_path / "p.svg")]) == 0
    assert capsys.readouterr().err == f"wrote {tmp_path / 'p.svg'} (panel)\n"
