"""Shared helpers of the tests/test_contrib_*.py files: valid rows built from the models'
examples, CSV bytes, reference keys, and a temporary copy of the package with its own
reference rows (so the tests depend neither on the shipped rows nor on other branches)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from turaz_data.tables.storage import format_cell, render_csv

from .conftest import copy_package
from turaz_data.tables.fields import fields
from turaz_data.tables.models import TABLES, TABLES_BY_NAME

ROOT = Path(__file__).resolve().parents[1]
def _example_keys() -> dict[str, set]:
    """Every key the models' examples refer to, by referenced table (so example rows resolve)."""
    out: dict[str, set] = {}
    for t in TABLES:
        for f in fields(t.name):
            # self references (part_of, overlaps) and ids of any claim row (date_from) are left
            # out: example_row() leaves those columns empty
            if f.fk and f.example is not None and f.fk.split(".")[0] != t.name:
                res = f.fk.split(".")[0]
                out.setdefault(res, set()).update(f.example if f.is_list else [f.example])
    return out


_EX = _example_keys()
ACTORS = tuple(sorted({"tur", "aze", "geo", "isr", "arm", "rus"} | _EX.get("actors", set())))
AGREEMENTS = tuple(sorted(_EX.get("agreements", set())))
EVENTS = tuple(sorted(_EX.get("events", set())))
TRANSFERS = tuple(sorted(_EX.get("arms_transfers", set())))
QUANTITIES = tuple(sorted(_EX.get("quantities", set())))
WORKS = tuple(sorted(_EX.get("works", set())))


def refs() -> dict:
    """Overrides for contrib.validate_file(refs=...): reference keys, and no shipped rows."""
    out = {
        "footnotes": set(range(1, 60)),
        "works": set(WORKS),
        "actors": set(ACTORS),
        "agreements": set(AGREEMENTS),
        "events": set(EVENTS),
        "arms_transfers": set(TRANSFERS),
        "quantities": set(QUANTITIES),
    }
    for t in TABLES:
        out[f"{t.name}:rows"] = []
    return out


def example_row(table: str, i: int = 0) -> dict:
    """A valid row of ``table`` from the models' examples; ``i`` makes its key unique."""
    row = {f.name: f.example for f in fields(table)}
    if TABLES_BY_NAME[table].claim:
        row["id"] = f"row-{i}"
        row.update(date_basis="stated", date_from=None, part_of=None, overlaps=[])
        if row.get("date") is None:
            row["date_basis"] = None
    elif table == "footnotes":
        row["footnote"] = 1 + i
    elif table == "works":
        row["work_id"] = f"work-{i}"
    elif table == "citations":
        row["footnote"] = 21 + i
    elif table == "retractions":
        row["id"] = f"withdrawn-{i}"
        row["replaced_by"] = None
    elif table == "actors":
        row["actor_id"] = f"new-{i}"
        row["iso3"] = None
        row["type"] = "company"
    return row


def header(table: str) -> list[str]:
    return [f.name for f in fields(table)]


def to_csv(table: str, rows: list[dict], cols: list[str] | None = None, raw: bool = False) -> bytes:
    """Rows as CSV bytes in the given order (cells formatted as the package writes them;
    ``raw``: cells are already strings)."""
    cols = cols or header(table)
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(cols)
    for r in rows:
        w.writerow([r.get(c, "") if raw else format_cell(r.get(c)) for c in cols])
    return buf.getvalue().encode("utf-8")


def make_package(dest: Path) -> Path:
    """A copy of datapackage.json and tables/ in ``dest`` with our own reference rows.
    Returns the path of its datapackage.json."""
    desc = json.loads(copy_package(dest).read_text(encoding="utf-8"))
    res = {r["name"]: r for r in desc["resources"]}
    seeds = {
        "footnotes": [{"footnote": n, "section": "2", "kind": "reference"} for n in range(1, 60)],
        "works": [{**example_row("works"), "work_id": w} for w in WORKS],
        "actors": [{"actor_id": a, "name_en": a.upper(), "name_tr": a.upper(), "type": "state"} for a in ACTORS],
        "agreements": [{**example_row("agreements"), "id": a} for a in AGREEMENTS],
        "events": [{**example_row("events"), "id": e} for e in EVENTS],
        "arms_transfers": [{**example_row("arms_transfers"), "id": t} for t in TRANSFERS],
        "quantities": [{**example_row("quantities"), "id": q} for q in QUANTITIES],
    }
    for name in res:  # tables not seeded are emptied: the shipped rows change on other branches
        (dest / "tables" / f"{name}.csv").write_bytes(render_csv(res[name], seeds.get(name, [])))
    return dest / "datapackage.json"
