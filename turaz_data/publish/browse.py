"""Browse the tables in a web browser with Datasette (``pip install 'turaz-data[serve]'``).

``turaz-data serve`` builds a SQLite database and its Datasette metadata into a
temporary folder and serves them on 127.0.0.1; ``turaz-data export --format datasette
--output DIR`` writes the same files for ``datasette publish``.

The database is the ``sqlite`` export (:func:`turaz_data.publish.export.to_sqlite`) plus,
for browsing:

- a full-text index (SQLite FTS5, external content) per table over its free-text columns
  (:data:`~turaz_data.publish.metadata.SEARCH_COLUMNS`: descriptions, titles, notes), so
  every table page has a search box;
- the view ``claim_sources``: for every claim row, its footnote (kind and summary) and each
  work that footnote cites, with the pages; and, with the same rows, a hidden link table
  ``<claim table>_sources`` per claim table whose foreign keys make each row's page link
  to its sources.

The metadata (:func:`datasette_metadata`) is built from datapackage.json, which is
generated from the table models, and from :mod:`turaz_data.publish.metadata`: title,
description, licence and source of the package; title, description and column
descriptions of each table; facets on coded columns; the column that names a row when
another table points to it (:data:`~turaz_data.publish.metadata.LABEL_COLUMNS`); and the
internal tables (``_metadata``, ``_fields``, link tables) hidden.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from html import escape
from pathlib import Path

from turaz_data.publish import metadata

#: The database's name in Datasette (its URL path: /turaz/events).
DB_NAME = "turaz"
DB_FILE = f"{DB_NAME}.db"
METADATA_FILE = "metadata.json"
#: The folder of figures beside the database, served by Datasette at /figures/.
FIGURES_DIR = "figures"
#: The figures shown on the browsing page: file name and alternative text.
FIGURES = (
    ("timeline.svg", "The dated events, agreements and arms transfers, 1918-2023"),
    ("panel.svg", "Rows per year, by table"),
)
#: The view listing each claim row's footnote and the works the footnote cites.
SOURCES_VIEW = "claim_sources"


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _fields(res: dict) -> list[dict]:
    return res["schema"]["fields"]


def _claim_tables(desc: dict) -> list[dict]:
    """Resources whose rows cite a footnote (they have footnote, support and evidence)."""
    out = []
    for res in desc["resources"]:
        names = {f["name"] for f in _fields(res)}
        if {"id", "footnote", "support", "evidence"} <= names:
            out.append(res)
    return out


def search_columns(res: dict) -> list[str]:
    """The free-text columns of a table that full-text search covers."""
    names = [f["name"] for f in _fields(res) if f["type"] == "string"]
    return [c for c in metadata.SEARCH_COLUMNS if c in names]


def facet_columns(res: dict) -> list:
    """Datasette facets of a table: every coded column (a list of codes as an array facet)."""
    out: list = []
    coded_lists = _list_vocab_columns(res)
    for f in _fields(res):
        if f["name"] in coded_lists:
            out.append({"array": f["name"]})
        elif f.get("categories") or f.get("constraints", {}).get("enum"):
            out.append(f["name"])
    return out


def _list_vocab_columns(res: dict) -> set[str]:
    """List columns whose items are codes of a vocabulary (from the models)."""
    from turaz_data.tables.fields import fields

    try:
        return {d.name for d in fields(res["name"]) if d.is_list and d.categories}
    except KeyError:  # a table the models do not know
        return set()


def _link_tables(res: dict) -> list[str]:
    from turaz_data.publish.export import _list_fks, link_table

    return [link_table(res, f) for f, _, _ in _list_fks(res)]


def _has_sources(desc: dict) -> bool:
    return {"footnotes", "citations", "works"} <= {r["name"] for r in desc["resources"]}


def _sources_select(res: dict) -> str:
    """One row per (claim row, work its footnote cites); a footnote that cites nothing gives one row."""
    label = metadata.LABEL_COLUMNS.get(res["name"])
    claim = f"t.{_q(label)}" if label and label in {f["name"] for f in _fields(res)} else "NULL"
    return (
        f"SELECT '{res['name']}' AS table_name, t.id AS id, {claim} AS claim, t.footnote AS footnote, "
        "t.support AS support, t.evidence AS evidence, f.kind AS footnote_kind, "
        "f.summary AS footnote_summary, c.work_id AS work_id, w.title AS work_title, "
        "w.authors AS work_authors, w.year AS work_year, c.locator AS pages, c.form AS citation_form "
        f"FROM {_q(res['name'])} AS t JOIN footnotes AS f ON f.footnote = t.footnote "
        "LEFT JOIN citations AS c ON c.footnote = t.footnote LEFT JOIN works AS w ON w.work_id = c.work_id"
    )


def sources_view_sql(desc: dict) -> str | None:
    """``CREATE VIEW claim_sources``: one row per (claim row, cited work); None without claim tables."""
    parts = [_sources_select(res) for res in _claim_tables(desc)] if _has_sources(desc) else []
    if not parts:
        return None
    return f"CREATE VIEW {SOURCES_VIEW} AS\n" + "\nUNION ALL\n".join(parts) + "\nORDER BY table_name, id, work_id"


def sources_table(res: dict) -> str:
    """The name of the link table from a claim table's rows to their footnote and works."""
    return f"{res['name']}_sources"


def _create_sources_table(con, res: dict) -> None:
    """``<claim table>_sources``: its rows' footnote and cited works, with foreign keys, so that
    each row's page links to them ("N rows from id in events_sources")."""
    name = sources_table(res)
    con.execute(
        f"CREATE TABLE {_q(name)} (id TEXT NOT NULL REFERENCES {_q(res['name'])} (id), "
        "footnote INTEGER NOT NULL REFERENCES footnotes (footnote), work_id TEXT REFERENCES works (work_id), "
        "pages TEXT, citation_form TEXT, support TEXT, footnote_summary TEXT)"
    )
    con.execute(
        f"INSERT INTO {_q(name)} SELECT id, footnote, work_id, pages, citation_form, support, footnote_summary "
        f"FROM ({_sources_select(res)}) ORDER BY id, work_id"
    )
    con.execute(f"CREATE INDEX {_q('idx_' + name + '_id')} ON {_q(name)} (id)")


def build_database(output: str | os.PathLike, package=None) -> Path:
    """The SQLite export plus full-text indexes and the claim_sources view, written atomically."""
    from turaz_data.publish.export import to_sqlite
    from turaz_data.tables.storage import atomic_write, descriptor

    out = Path(output)
    desc = descriptor(package)
    with tempfile.TemporaryDirectory(prefix=".turaz-browse-", dir=out.parent) as tmp:
        db = Path(tmp) / DB_FILE
        to_sqlite(db, package)
        con = sqlite3.connect(db, isolation_level=None)
        try:
            con.execute("BEGIN")
            for res in desc["resources"]:
                cols = search_columns(res)
                if not cols:
                    continue
                fts = f"{res['name']}_fts"
                # after the export's VACUUM, so the rowids the index refers to stay put
                con.execute(
                    f"CREATE VIRTUAL TABLE {_q(fts)} USING fts5({', '.join(map(_q, cols))}, "
                    f"content={_q(res['name'])})"
                )
                con.execute(f"INSERT INTO {_q(fts)} ({_q(fts)}) VALUES ('rebuild')")
            view = sources_view_sql(desc)
            if view:
                # the export's plain `sources` view says the same with fewer columns: one view here
                con.execute("DROP VIEW IF EXISTS sources")
                con.execute(view)
                for res in _claim_tables(desc):
                    _create_sources_table(con, res)
            con.execute("COMMIT")
        finally:
            con.close()
        atomic_write(out, db.read_bytes())
    return out


# --------------------------------------------------------------------------- metadata


def _description_html(desc: dict, figures: list[str]) -> str:
    from turaz_data.publish.citing import article_text, dataset_text

    parts = [f"<p>{escape(desc.get('description', ''))}</p>"]
    parts.append(
        "<p>Each claim row (events, agreements, arms transfers, quantities) names the footnote of the "
        "article that backs it; the view "
        f'<a href="/{DB_NAME}/{SOURCES_VIEW}">{SOURCES_VIEW}</a> lists, for every claim row, that '
        "footnote and the works it cites. Search any table with its search box; the codes of the "
        "coded columns are explained in the column descriptions and the codebook.</p>"
    )
    titles = dict(FIGURES)
    for name in figures:
        parts.append(
            f'<p><img src="/{FIGURES_DIR}/{name}" alt="{escape(titles.get(name, name))}" '
            'style="max-width: 100%; height: auto"></p>'
        )
    parts.append(f"<p>Cite the dataset: {escape(dataset_text())}<br>Cite the article: {escape(article_text())}</p>")
    return "\n".join(parts)


def _table_metadata(res: dict, desc: dict) -> dict:
    out: dict = {"title": res.get("title", res["name"]), "description": res.get("description", "")}
    if res in _claim_tables(desc) and _has_sources(desc):
        out["description_html"] = (
            f"<p>{escape(out['description'])}</p><p>The footnote and the works it cites, for each row: "
            f'<a href="/{DB_NAME}/{SOURCES_VIEW}?table_name={res["name"]}">{SOURCES_VIEW}</a>; '
            f"a row's own page links to them too ({sources_table(res)}).</p>"
        )
    out["columns"] = {f["name"]: f.get("description", "") for f in _fields(res)}
    facets = facet_columns(res)
    if facets:
        out["facets"] = facets
    label = metadata.LABEL_COLUMNS.get(res["name"])
    if label and label in out["columns"]:
        out["label_column"] = label
    if search_columns(res):
        out["fts_table"] = f"{res['name']}_fts"
        out["fts_pk"] = "rowid"
    if "date" in out["columns"]:
        out["sort"] = "date"
    else:
        out["sort"] = res["schema"]["primaryKey"][0]
    return out


def datasette_metadata(package=None, figures: list[str] | tuple = ()) -> dict:
    """Datasette's metadata.json for the database of :func:`build_database`.

    ``figures`` are file names in the figures folder to show on the index page.
    """
    from turaz_data.tables.storage import descriptor

    desc = descriptor(package)
    src = (desc.get("sources") or [{}])[0]
    lic = (desc.get("licenses") or [{}])[0]
    tables: dict = {}
    for res in desc["resources"]:
        tables[res["name"]] = _table_metadata(res, desc)
        for link in _link_tables(res):
            tables[link] = {"hidden": True}
        if res in _claim_tables(desc) and _has_sources(desc):
            tables[sources_table(res)] = {
                "hidden": True,
                "title": f"Sources of the {res.get('title', res['name']).lower()}",
                "description": "For each row: its footnote and each work the footnote cites, with the pages.",
            }
    tables["_metadata"] = {"hidden": True}
    tables["_fields"] = {"hidden": True}
    tables["_references"] = {"hidden": True}
    for name, title in (("panel", "Year panel"), ("dyad_panel", "Dyad-year panel")):
        tables[name] = {
            "title": title,
            "description": "Counts per year (and, for the dyad form, per pair of states by COW code) of the rows "
            "of the claim tables, each row counted in the first year its date can mean; rows that are part of "
            "another row are not counted again (see turaz_data.panel()).",
        }
    if sources_view_sql(desc):
        tables[SOURCES_VIEW] = {
            "title": "Sources of the claim rows",
            "description": "Every claim row with its footnote (kind and summary) and each work that the "
            "footnote cites, with the pages; filter by table_name or id.",
            "facets": ["table_name", "support", "footnote_kind"],
        }
    return {
        "title": desc.get("title"),
        "description_html": _description_html(desc, list(figures)),
        "license": lic.get("name"),
        "license_url": lic.get("path"),
        "source": src.get("title"),
        "source_url": src.get("path"),
        "about": f"turaz-data {desc.get('version')}",
        "about_url": desc.get("homepage"),
        "databases": {
            DB_NAME: {
                "title": desc.get("title"),
                "description": desc.get("description"),
                "license": lic.get("name"),
                "license_url": lic.get("path"),
                "source": src.get("title"),
                "source_url": src.get("path"),
                "tables": tables,
            }
        },
    }


def _figures(folder: Path, package=None) -> list[str]:
    """Draw the figures into ``folder`` when matplotlib is installed; their file names."""
    from turaz_data.errors import MissingDependencyError
    from turaz_data.publish import plot

    folder.mkdir(exist_ok=True)
    try:
        plot.timeline(folder / "timeline.svg", package=package)
        plot.panel(folder / "panel.svg", package=package)
    except MissingDependencyError:
        return []
    return [name for name, _ in FIGURES if (folder / name).is_file()]


def export_site(output: str | os.PathLike, package=None) -> Path:
    """``turaz-data export --format datasette``: the checks of every export, then :func:`write_site`."""
    from turaz_data.publish.export import export

    return export("datasette", output, package, writer=write_site)


def write_site(folder: str | os.PathLike, package=None) -> Path:
    """Write the database, metadata.json and figures into ``folder`` (created if missing)."""
    from turaz_data.publish.descriptor import dumps
    from turaz_data.tables.storage import atomic_write

    out = Path(folder)
    out.mkdir(exist_ok=True)
    build_database(out / DB_FILE, package)
    figures = _figures(out / FIGURES_DIR, package)
    atomic_write(out / METADATA_FILE, dumps(datasette_metadata(package, figures)).encode("utf-8"))
    return out


def datasette_args(folder: Path, host: str = "127.0.0.1", port: int = 8001) -> list[str]:
    """The arguments of ``datasette serve`` for a folder written by :func:`write_site`."""
    args = [str(folder / DB_FILE), "--metadata", str(folder / METADATA_FILE), "--host", host, "--port", str(port)]
    if (folder / FIGURES_DIR).is_dir():
        args += ["--static", f"{FIGURES_DIR}:{folder / FIGURES_DIR}"]
    return args


def publish_command(folder: str | os.PathLike) -> str:
    """The ``datasette publish`` command for a folder written by :func:`write_site`."""
    f = Path(folder)
    cmd = f"datasette publish cloudrun {f / DB_FILE} --metadata {f / METADATA_FILE}"
    if (f / FIGURES_DIR).is_dir():
        cmd += f" --static {FIGURES_DIR}:{f / FIGURES_DIR}"
    return cmd + " --service turaz-data"


def serve(host: str = "127.0.0.1", port: int = 8001, package=None, open_browser: bool = False) -> int:
    """Build the site into a temporary folder and run Datasette on it until interrupted.

    Returns Datasette's exit code. The temporary folder is removed afterwards.
    """
    import signal
    import subprocess
    import sys

    from turaz_data.errors import require

    require("datasette", "serve", "Browsing the tables")
    with tempfile.TemporaryDirectory(prefix="turaz-serve-") as tmp:
        folder = write_site(Path(tmp) / "site", package)
        args = [sys.executable, "-m", "datasette", "serve", *datasette_args(folder, host, port)]
        if open_browser:
            args.append("--open")
        child = subprocess.Popen(args)

        def _stop(signum, frame):  # a SIGTERM stops Datasette too, then the folder is removed
            raise KeyboardInterrupt

        previous = signal.signal(signal.SIGTERM, _stop)
        try:
            return child.wait()
        except KeyboardInterrupt:
            child.terminate()
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
            return 0
        finally:
            signal.signal(signal.SIGTERM, previous)


__all__ = ["DB_NAME", "build_database", "export_site", "datasette_metadata", "publish_command", "serve", "write_site"]
