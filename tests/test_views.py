"""panel(), sources(), describe() and the documentation in df.attrs."""

from __future__ import annotations

import doctest
import sqlite3

import pandas as pd
import pytest

import turaz_data
from tests.conftest import ROOT
from turaz_data.publish import views
from turaz_data.tables.models import CLAIM_TABLES
from turaz_data.tables.storage import read_rows

COUNTED = ("events", "agreements", "arms_transfers")


def test_docstring_examples_of_the_api_run():
    result = doctest.testmod(turaz_data, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0 and result.attempted >= 6


# --------------------------------------------------------------------------- panel


@pytest.fixture(scope="module")
def frames():
    """The tables, the claim tables without the rows that are part of another (counted at the aggregate)."""
    out = {t: turaz_data.load(t) for t in (*COUNTED, "actors")}
    return {t: df[df.part_of.isna()] if "part_of" in df else df for t, df in out.items()}


def _in_panel_years(years: pd.Series) -> pd.Series:
    return years.between(views.FIRST_YEAR, views.LAST_YEAR)


def test_year_panel_counts_each_row_once_in_its_first_year(frames):
    p = turaz_data.panel()
    assert p.year.tolist() == list(range(1918, 2024))
    assert all(str(t) == "int64" for t in p.dtypes)
    for table, total, code_col, prefix in (("events", "events", "category", "event_"),
                                           ("agreements", "agreements", "kind", "agreement_"),
                                           ("arms_transfers", "arms_transfers", "deal_type", "transfer_")):
        df = frames[table]
        first = df.year_lower.fillna(df.year_upper)
        counted = df[_in_panel_years(first)]
        assert p[total].sum() == len(counted), table
        by_code = [c for c in p.columns if c.startswith(prefix)]
        assert (p[by_code].sum(axis=1) == p[total]).all(), table
        for code, n in counted[code_col].value_counts().items():
            assert p[f"{prefix}{code}"].sum() == n, (table, code)
        per_year = counted.groupby(first[_in_panel_years(first)].astype(int)).size()
        assert p.set_index("year")[total].loc[per_year.index].tolist() == per_year.tolist(), table


def test_active_panel_counts_every_year_a_row_can_span(frames):
    p = turaz_data.panel(active=True)
    ev = frames["events"]
    lo = ev.year_lower.fillna(views.FIRST_YEAR).clip(lower=views.FIRST_YEAR)
    hi = ev.year_upper.fillna(views.LAST_YEAR).clip(upper=views.LAST_YEAR)
    assert p.events.sum() == int((hi - lo + 1).clip(lower=0).sum())
    assert (p.events >= turaz_data.panel().events).sum() >= 100  # a stock is at least the flow, nearly always


def test_rows_that_are_part_of_another_are_not_counted(monkeypatch):
    from turaz_data.tables import storage

    real = storage.read_rows
    events = real("events")
    in_2020 = [r["id"] for r in events if r["date"].startswith("2020")]
    before = views.panel_rows()

    def with_part_of(name, package=None):
        rows = real(name, package)
        if name == "events":
            rows = [{**r, "part_of": "some-aggregate" if r["id"] == in_2020[0] else None} for r in rows]
        return rows

    monkeypatch.setattr(storage, "read_rows", with_part_of)
    after = views.panel_rows()
    year = {r["year"]: r for r in before}
    assert {r["year"]: r["events"] for r in after} == {y: r["events"] - (y == 2020) for y, r in year.items()}


def test_dyad_panel_in_the_style_of_create_dyadyears(frames):
    d = turaz_data.panel(dyad=True)
    assert list(d.columns[:3]) == ["year", "ccode1", "ccode2"]
    assert (d.ccode1 < d.ccode2).all()
    assert not d.duplicated(["year", "ccode1", "ccode2"]).any()
    dyads = d[["ccode1", "ccode2"]].drop_duplicates()
    assert len(d) == len(dyads) * 106  # every dyad has every year, zeros included
    # Türkiye-Azerbaijan events, computed here from load(): a body counts for its state
    actors = frames["actors"].set_index("actor_id")
    state = {}
    for aid in actors.index:
        a = aid
        while pd.isna(actors.at[a, "cow_code"]) and not pd.isna(actors.at[a, "country"]):
            a = actors.at[a, "country"]
        if not pd.isna(actors.at[a, "cow_code"]):
            state[aid] = int(actors.at[a, "cow_code"])
    ev = frames["events"]
    first = ev.year_lower.fillna(ev.year_upper)
    involves = pd.Series([{640, 373} <= {state.get(a) for a in acts} for acts in ev.actors], index=ev.index)
    both = ev[involves & _in_panel_years(first)]
    tur_aze = d[(d.ccode1 == 373) & (d.ccode2 == 640)]
    assert tur_aze.events.sum() == len(both) > 20


def test_directed_dyads_have_both_orders_and_transfers_one_way():
    und = turaz_data.panel(dyad=True)
    d = turaz_data.panel(dyad=True, directed=True)
    assert d.attrs["directed"] and not und.attrs["directed"]
    assert len(d) == 2 * len(und)
    key = ["year", "ccode1", "ccode2"]
    rev = d.rename(columns={"ccode1": "ccode2", "ccode2": "ccode1"})
    both = d.merge(rev, on=key, suffixes=("", "_rev"))
    assert len(both) == len(d)
    assert (both.events == both.events_rev).all() and (both.agreements == both.agreements_rev).all()
    assert d.arms_transfers.sum() == und.arms_transfers.sum()  # each transfer once, supplier -> recipient
    tur_to_aze = d[(d.ccode1 == 640) & (d.ccode2 == 373)].arms_transfers.sum()
    transfers = turaz_data.load("arms_transfers")
    transfers = transfers[transfers.part_of.isna()]  # a part counts at its aggregate
    actors = turaz_data.load("actors").set_index("actor_id")
    home = actors.country.fillna(pd.Series(actors.index, index=actors.index))  # a body counts for its state
    first = transfers.year_lower.fillna(transfers.year_upper)
    one_way = (transfers.supplier.map(home) == "tur") & (transfers.recipient.map(home) == "aze")
    assert tur_to_aze == (one_way & _in_panel_years(first)).sum() > 5


def test_panel_columns_fit_stata():
    for f in views.panel_fields(dyad=True):
        assert len(f["name"]) <= 32 and f["name"].isidentifier()


# --------------------------------------------------------------------------- sources


@pytest.mark.parametrize("table", CLAIM_TABLES)
def test_sources_of_every_row_are_its_footnotes_citations(table):
    citations = read_rows("citations")
    works = {w["work_id"] for w in read_rows("works")}
    for row in read_rows(table):
        s = turaz_data.sources(table, row["id"])
        cited = [c for c in citations if c["footnote"] == row["footnote"]]
        assert (s.footnote == row["footnote"]).all() and (s.support == row["support"]).all()
        assert (s.evidence == "|".join(row["evidence"])).all()
        if cited:
            assert s.work_id.tolist() == [c["work_id"] for c in cited]
            assert s.pages.tolist() == [c["locator"] for c in cited]
            assert set(s.work_id) <= works and s.reference.notna().all()
        else:
            assert len(s) == 1 and s.work_id.isna().all()


def test_sources_example_and_errors():
    s = turaz_data.sources("agreements", "1992-08-11-military-education-agreement")
    assert s.reference.tolist() == [
        ("Cafersoy, N.; Aslanlı, A. (2012). Azerbaycan-Türkiye Askeri İlişkileri. In Veliyev, C.; Resullu, R.; "
        "Aslanlı, K. (Ed.), Azerbaycan-Türkiye: Dostluk, Kardeşlik ve Strateji Ortaklık. Berikan Yayınevi, Ankara.")]
    with pytest.raises(ValueError, match="'works' is not a claim table"):
        turaz_data.sources("works", "x")
    with pytest.raises(KeyError, match="no row with id 'nope' in events"):
        turaz_data.sources("events", "nope")


def test_sqlite_sources_view_matches_sources(tmp_path):
    from turaz_data.publish.export import export

    con = sqlite3.connect(export("sqlite", tmp_path / "t.sqlite"))
    cols = [f["name"] for f in views.source_fields()]
    got = con.execute(f"SELECT {', '.join(repr(c).replace(chr(39), chr(34)) for c in cols)} FROM sources").fetchall()
    want = [tuple(r[c] for c in cols) for r in views.source_rows()]

    def key(t):
        return tuple("" if v is None else str(v) for v in t)

    assert sorted(got, key=key) == sorted(want, key=key)
    assert len(got) >= sum(len(read_rows(t)) for t in CLAIM_TABLES)


# --------------------------------------------------------------------------- attrs, describe


@pytest.mark.parametrize("name", turaz_data.table_names())
def test_every_loaded_frame_is_documented(name):
    df = turaz_data.load(name)
    a = df.attrs
    assert {"title", "description", "license", "citation", "version", "columns"} <= set(a)
    assert a["version"] == turaz_data.__version__ and a["license"] == "CC-BY-4.0"
    assert "Please cite" in a["citation"]
    assert list(a["columns"]) == list(df.columns)
    assert all(a["columns"].values())


@pytest.mark.parametrize("name", turaz_data.table_names())
def test_describe_prints_the_codebook_section(capsys, name):
    turaz_data.describe(name)
    out = capsys.readouterr().out
    codebook = (ROOT / "docs" / "codebook.md").read_text(encoding="utf-8")
    section = out.split("\n\nColumns that load()")[0].rstrip("\n")
    assert out.startswith(f"## {name}\n") and section in codebook
