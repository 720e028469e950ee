"""Synthetic, valid table files for the benchmarks, generated from the models.

A value pool is drawn once per column from the column's field description
(:func:`turaz_data.tables.fields.fields`): codes from its enum, keys from the shipped tables
its foreign key names (footnotes 1-59, actors, existing agreements), EDTF dates,
Turkish and English free text that passes the text rules. Every pooled value is
checked with the table's Pydantic model before use. Rows are then made by templating:
row ``i`` takes item ``(i * step) % len(pool)`` of each pool, with a step coprime to the
pool's length, and a unique id. That writes a million rows in a few seconds, where
Hypothesis would take hours; the rows stay valid because each one is a combination of
independently valid cells (the events model has no cross-column rule).

    python benchmarks/synth.py OUT.csv --rows 100000 [--table events]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import math
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the source checkout

from turaz_data.tables.fields import FieldDesc, fields
from turaz_data.tables.models import TABLES_BY_NAME
from turaz_data.tables.storage import format_cell, read_rows

SEED = 20231
POOL = 997  # a prime: row i takes item (i * step) % POOL, every step < POOL is coprime
DATE_POOL = 10_007  # also a prime: distinct EDTF dates, as many as a century of daily events

_WORDS_TR = ("Türkiye", "Azerbaycan", "Ağustos", "Şuşa", "Bakü", "Nahçıvan", "Gürcistan",
             "işbirliği", "antlaşması", "askerî", "eğitim", "tatbikatı", "ortak", "savunma",
             "Haydar", "Aliyev", "İlham", "Kafkas", "İslam", "Ordusu", "Kurmay", "Harp")
_WORDS_EN = ("joint", "exercise", "visit", "of", "Turkish", "Azerbaijani", "Georgian", "forces",
             "officers", "trained", "agreement", "signed", "in", "Baku", "Ankara", "Nakhchivan",
             "the", "army", "cadets", "defence", "ministers", "met", "and", "announced")
_PLACES = ("Baku", "Ankara", "Nakhchivan", "Tbilisi", "Shusha", "Ganja", "Istanbul", "Kars")


def _text(rng: random.Random, words, lo: int, hi: int, max_length: int | None = None) -> str:
    while True:
        s = " ".join(rng.choice(words) for _ in range(rng.randint(lo, hi)))
        if rng.random() < 0.3:
            s += f" {rng.randint(1, 2023)}"
        if max_length is None or len(s) <= max_length:
            return s


def _edtf(rng: random.Random) -> str:
    def one(after: dt.date | None = None) -> tuple[str, dt.date]:
        start = (after or dt.date(1918, 1, 1)).toordinal()
        d = dt.date.fromordinal(rng.randint(start, dt.date(2023, 12, 31).toordinal()))
        s = rng.choice((d.isoformat(), d.isoformat(), d.isoformat()[:7], d.isoformat()[:4]))
        return s + rng.choice(("", "", "", "", "~", "?")), d

    a, d = one()
    if rng.random() < 0.25:
        b, _ = one(dt.date(d.year + 1, 1, 1) if d.year < 2023 else d)
        return f"{a}/{b}"
    return a


def _keys(fk: str) -> list:
    res, col = fk.split(".")
    return sorted({r[col] for r in read_rows(res)})


#: Provenance columns of the claim rows, held constant so that the independently cycled
#: columns keep the cross-column rules (a stated date, an asserted claim, no links).
_PROVENANCE = {"date_basis": "stated", "date_from": None, "attribution": "asserted", "attributed_to": None,
               "unnamed_actors": [], "part_of": None, "overlaps": [], "targets": [], "named": []}


#: Basis columns that follow their value column: "stated" where the row has the value, empty
#: where it has none (rules date_basis_rule, number_basis_rule, value_basis_rule).
_BASIS_OF = {"date_basis": "date", "number_basis": "number", "value_basis": "value"}


def _fk_pool(f: FieldDesc, rng: random.Random) -> list:
    """POOL keys of the referenced table (lists of them for a list column)."""
    keys = _keys(f.fk)
    if f.is_list:
        return [rng.sample(keys, min(len(keys), rng.randint(f.min_items or 1, f.max_items or 3)))
                for _ in range(POOL)]
    if f.required:
        return [rng.choice(keys) for _ in range(POOL)]
    return [rng.choice(keys) if keys and rng.random() < 0.7 else None for _ in range(POOL)]


def _list_pool(f: FieldDesc, rng: random.Random) -> list:
    """POOL list cells: codes for a coded list, short Turkish texts otherwise."""
    lo, hi = f.min_items or 0, f.max_items or 4
    if f.enum:
        return [rng.sample(list(f.enum), rng.randint(lo, min(hi, len(f.enum)))) for _ in range(POOL)]
    return [[_text(rng, _WORDS_TR, 1, 5, f.max_length) for _ in range(rng.randint(lo, hi))]
            for _ in range(POOL)]


def value_pool(table: str, f: FieldDesc, rng: random.Random) -> list:
    """POOL valid values for column ``f`` (some None where the column is optional)."""
    if f.name in TABLES_BY_NAME[table].primary_key:
        return []  # unique: made per row
    if TABLES_BY_NAME[table].claim and f.name in _PROVENANCE:
        return [_PROVENANCE[f.name]]
    optional = not f.required and not f.is_list
    if f.fk:
        return _fk_pool(f, rng)
    if f.is_list:
        return _list_pool(f, rng)
    if f.enum:
        pool = [rng.choice(f.enum) for _ in range(POOL)]
    elif f.edtf:
        pool = [_edtf(rng) for _ in range(DATE_POOL)]
    elif f.type == "integer":
        lo = int(f.minimum) if f.minimum is not None else 0
        hi = int(f.maximum) if f.maximum is not None else 10**6
        pool = [rng.randint(lo, hi) for _ in range(POOL)]
    elif f.type == "number":
        hi = f.maximum if f.maximum is not None else 1e6
        pool = [round(rng.uniform(f.minimum or 0, hi), 2) for _ in range(POOL)]
    elif f.type == "date":
        pool = [dt.date.fromordinal(rng.randint(dt.date(1990, 1, 1).toordinal(), dt.date(2023, 12, 31).toordinal()))
                for _ in range(POOL)]
    elif f.pattern and "a-z0-9" in f.pattern:
        pool = [f"synthetic-{rng.randint(0, 10**6)}" for _ in range(POOL)]
    elif f.name == "place":
        pool = [rng.choice(_PLACES) for _ in range(POOL)]
    else:
        pool = [_text(rng, _WORDS_EN, 3, 14, f.max_length) + "." for _ in range(POOL)]
    if optional:
        pool = [v if rng.random() < 0.6 else None for v in pool]
    return pool


def _steps(n: int) -> list[int]:
    """One step per column, distinct and coprime to POOL, so columns do not move together."""
    return [s for s in range(1, POOL) if math.gcd(s, POOL) == 1][7 : 7 + 37 * n : 37]


def generate(path: str | Path, rows: int, table: str = "events", check: int = 2000) -> Path:
    """Write ``rows`` valid rows of ``table`` to ``path`` (canonical CSV cells)."""
    rng = random.Random(SEED)
    fs = fields(table)
    model = TABLES_BY_NAME[table].model
    pk = TABLES_BY_NAME[table].primary_key
    assert len(pk) == 1, "templating makes one unique key column"
    pools = {f.name: value_pool(table, f, rng) for f in fs}
    cells = {name: [format_cell(v) for v in pool] for name, pool in pools.items()}
    steps = dict(zip([f.name for f in fs], _steps(len(fs)), strict=False))
    names = [f.name for f in fs]
    prefix = f"synthetic-{table.replace('_', '-')}-"

    coupled = [(b, v) for b, v in _BASIS_OF.items() if b in names and v in names]

    def row_values(i: int) -> dict:
        d = {n: (f"{prefix}{i}" if n == pk[0] else pools[n][(i * steps[n]) % len(pools[n])]) for n in names}
        for b, v in coupled:
            d[b] = "stated" if d[v] is not None else None
        return d

    # Check with the model: every pooled value appears in the first len(pool) rows.
    for i in range(min(rows, max(check, *map(len, pools.values())))):
        model.model_validate(row_values(i))

    path = Path(path)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(names)
        cols = [(n == pk[0], cells[n], steps[n], len(cells[n]) or 1) for n in names]
        batch = []
        pairs = [(names.index(b), names.index(v)) for b, v in coupled]
        for i in range(rows):
            row = [f"{prefix}{i}" if is_pk else c[(i * s) % m] for is_pk, c, s, m in cols]
            for b, v in pairs:
                row[b] = "stated" if row[v] else ""
            batch.append(row)
            if len(batch) == 50_000:
                w.writerows(batch)
                batch.clear()
        w.writerows(batch)
    return path


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description="Write a synthetic, valid table file.")
    p.add_argument("out")
    p.add_argument("--rows", type=int, default=10_000)
    p.add_argument("--table", default="events")
    a = p.parse_args(argv)
    generate(a.out, a.rows, a.table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
