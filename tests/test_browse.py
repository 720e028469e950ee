"""Browsing the tables with Datasette: the database, its metadata, a real server on
127.0.0.1 (JSON API) and a real browser (headless Chromium)."""

from __future__ import annotations

import json
import sqlite3
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import load_script, require_program
from turaz_data.cli import main
from turaz_data.publish import browse
from turaz_data.tables.fields import fields
from turaz_data.tables.models import CLAIM_TABLES, TABLES
from turaz_data.tables.storage import descriptor, read_rows

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = load_script("screenshot")


# --------------------------------------------------------------------------- metadata, database


def test_metadata_comes_from_the_models():
    meta = browse.datasette_metadata()
    desc = descriptor()
    assert meta["title"] == desc["title"]
    assert meta["license"] == "CC-BY-4.0" and meta["license_url"] == desc["licenses"][0]["path"]
    assert meta["source_url"] == desc["sources"][0]["path"]
    tables = meta["databases"][browse.DB_NAME]["tables"]
    for spec in TABLES:
        t = tables[spec.name]
        assert t["title"] == spec.title and t["description"].startswith(spec.description)
        assert t["columns"] == {f.name: f.description for f in fields(spec.name)}
        coded = {f.name for f in fields(spec.name) if f.categories and not f.is_list}
        coded_lists = {f.name for f in fields(spec.name) if f.categories and f.is_list}
        facets = t.get("facets", [])
        assert {x for x in facets if isinstance(x, str)} == coded
        assert {x["array"] for x in facets if isinstance(x, dict)} == coded_lists
    assert tables["actors"]["label_column"] == "name_en"
    assert tables["agreements"]["label_column"] == "title_en"
    for hidden in ("_metadata", "_fields", "events_actors", "agreements_parties", "quantities_actors"):
        assert tables[hidden] == {"hidden": True}
    for claim in CLAIM_TABLES:
        assert tables[f"{claim}_sources"]["hidden"] is True
    assert "claim_sources" in tables
    assert tables["events"]["fts_table"] == "events_fts"


def test_database_search_and_sources(tmp_path):
    a = browse.build_database(tmp_path / "a.db")
    b = browse.build_database(tmp_path / "b.db")
    assert a.read_bytes() == b.read_bytes()  # the same data gives the same bytes
    con = sqlite3.connect(a)
    # the full-text index finds rows by words of their description, title or note
    for table in CLAIM_TABLES:
        row = read_rows(table)[0]
        text = next(row[c] for c in browse.metadata.SEARCH_COLUMNS if row.get(c))
        word = max(text.replace("'", " ").replace('"', " ").split(), key=len).strip(".,;:()")
        hits = con.execute(
            f"SELECT t.id FROM {table} AS t JOIN {table}_fts AS f ON f.rowid = t.rowid WHERE {table}_fts MATCH ?",
            ['"' + word + '"'],
        ).fetchall()
        assert (row["id"],) in hits, (table, word)
    # claim_sources: every claim row, with exactly the works its footnote cites
    cites: dict[int, set] = {}
    for c in read_rows("citations"):
        cites.setdefault(c["footnote"], set()).add(c["work_id"])
    for table in CLAIM_TABLES:
        for r in read_rows(table):
            got = con.execute("SELECT footnote, work_id FROM claim_sources WHERE table_name = ? AND id = ?",
                              [table, r["id"]]).fetchall()
            assert {fn for fn, _ in got} == {r["footnote"]}
            assert {w for _, w in got if w} == cites.get(r["footnote"], set())
    con.close()


def test_export_datasette_command(tmp_path, capsys):
    out = tmp_path / "site"
    assert main(["export", "--format", "datasette", "--output", str(out)]) == 0
    err = capsys.readouterr().err
    assert err.startswith(f"wrote {out} (datasette)\npublish it with: datasette publish cloudrun {out / 'turaz.db'} "
                          f"--metadata {out / 'metadata.json'}")
    assert sorted(p.name for p in out.iterdir()) == ["figures", "metadata.json", "turaz.db"]
    meta = json.loads((out / "metadata.json").read_text(encoding="utf-8"))
    assert '<img src="/figures/timeline.svg"' in meta["description_html"]
    assert '<img src="/figures/panel.svg"' in meta["description_html"]
    assert (out / "figures" / "timeline.svg").read_text(encoding="utf-8").startswith("<?xml")
    (tmp_path / "file").write_text("x")
    assert main(["export", "--format", "datasette", "--output", str(tmp_path / "file")]) == 2
    assert "is a file; the datasette export writes a folder" in capsys.readouterr().err


def test_serve_rejects_a_bad_port(capsys):
    assert main(["serve", "--port", "70000"]) == 2
    assert capsys.readouterr().err == (
        "turaz-data serve: error: --port 70000 is not a port number: give one from 1 to 65535\n")


# --------------------------------------------------------------------------- a real server


@pytest.fixture(scope="module")
def server():
    with SCRIPT.running_server(SCRIPT.free_port()) as base:
        yield base


def _get(base: str, path: str, **params) -> dict:
    url = base + path + ("?" + urllib.parse.urlencode(params, doseq=True) if params else "")
    with urllib.request.urlopen(url, timeout=30) as r:
        return json.load(r)


def test_api_lists_the_tables_and_hides_the_internal_ones(server):
    db = _get(server, "/turaz.json")
    visible = [t["name"] for t in db["tables"] if not t["hidden"]]
    assert sorted(visible) == sorted([s.name for s in TABLES] + ["panel", "dyad_panel"])
    hidden = {t["name"] for t in db["tables"] if t["hidden"]}
    assert {"_metadata", "_fields", "_references", "events_actors", "events_fts"} <= hidden
    assert [v["name"] for v in db["views"]] == ["claim_sources"]
    counts = {t["name"]: t["count"] for t in db["tables"]}
    assert all(counts[s.name] == len(read_rows(s.name)) for s in TABLES)
    meta = _get(server, "/-/metadata.json")
    assert meta["title"] == descriptor()["title"] and meta["license"] == "CC-BY-4.0"


def test_api_facets_search_and_labels(server):
    ev = _get(server, "/turaz/events.json", _size=0)
    coded = {f.name for f in fields("events") if f.enum and not f.is_list}  # every coded scalar column
    assert set(ev["facet_results"]) == coded and {"support", "category", "date_basis"} <= coded
    cats = {f["value"]: f["count"] for f in ev["facet_results"]["category"]["results"]}
    expected: dict[str, int] = {}
    for r in read_rows("events"):
        expected[r["category"]] = expected.get(r["category"], 0) + 1
    assert cats == expected
    ag = _get(server, "/turaz/agreements.json", _size=0)
    assert "provisions" in ag["facet_results"]  # a list of codes: an array facet
    # full-text search: the Second Karabakh War by its description's words
    hits = _get(server, "/turaz/events.json", _search="Karabakh", _shape="array", _col=["description", "note"])
    assert "2020-09-27-second-karabakh-war" in {h["id"] for h in hits}
    assert all("karabakh" in (h["description"] + (h.get("note") or "")).lower() for h in hits)
    # foreign keys read as names
    rows = _get(server, "/turaz/arms_transfers.json", _labels="on", _shape="array",
                id="2020-bayraktar-tb2-at-least-five")
    assert rows[0]["supplier"] == {"value": "tur", "label": "Türkiye"}
    assert rows[0]["recipient"] == {"value": "aze", "label": "Azerbaijan"}
    src = _get(server, "/turaz/claim_sources.json", _shape="array", id="2020-bayraktar-tb2-at-least-five")
    assert src and {s["footnote"] for s in src} == {49}


def test_a_claim_rows_page_links_to_its_footnote_and_works(server):
    cites: dict[int, set] = {}
    for c in read_rows("citations"):
        cites.setdefault(c["footnote"], set()).add(c["work_id"])
    row = next(r for r in read_rows("events") if r["id"] == "2020-09-27-second-karabakh-war")
    page = _get(server, f"/turaz/events/{row['id']}.json", _extras="foreign_key_tables")
    links = {t["other_table"]: t for t in page["foreign_key_tables"]}
    assert links["events_sources"]["count"] == max(len(cites.get(row["footnote"], ())), 1)
    assert links["events_sources"]["link"] == f"/turaz/events_sources?id={row['id']}"
    got = _get(server, "/turaz/events_sources.json", _shape="array", _labels="on", id=row["id"])
    assert {g["footnote"]["value"] for g in got} == {row["footnote"]}
    assert {g["work_id"]["value"] for g in got} == cites[row["footnote"]]
    titles = {w["work_id"]: w["title"] for w in read_rows("works")}
    assert all(g["work_id"]["label"] == titles[g["work_id"]["value"]] for g in got)


def test_chromium_renders_the_events_page(server, tmp_path):
    program = require_program("chromium", "the browsing page is checked in a real browser")
    shot = tmp_path / "events.png"
    dom = SCRIPT.chromium(server + "/turaz/events", screenshot=shot, program=program)
    spec = next(s for s in TABLES if s.name == "events")
    assert spec.description in dom
    assert "claim_sources" in dom and "CC-BY-4.0" in dom
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000


def test_docs_screenshot_is_committed():
    png = ROOT / "docs" / "datasette-events.png"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "docs/datasette-events.png" in (ROOT / "README.md").read_text(encoding="utf-8")
