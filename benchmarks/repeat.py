"""Files built by repeating the shipped ``events`` rows: real text, real lengths, Turkish characters.

    python benchmarks/repeat.py OUT.csv 300000            # a valid file
    python benchmarks/repeat.py OUT.csv 300000 --bad-last  # the same, one bad cell in its last row

Copy ``k`` of a row gets the id ``ID-rK`` (shortened to the id limit of 80 characters if
needed), so keys stay unique; everything else is the shipped row as it is. The bad cell is
``footnote = 60`` (there is no footnote 60: rule ``maximum``).
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BAD_COLUMN, BAD_VALUE = "footnote", "60"


def generate(path: str | Path, rows: int, *, bad_last: bool = False, table: str = "events") -> Path:
    from turaz_data.tables.storage import table_path

    text = Path(str(table_path(table))).read_text(encoding="utf-8")
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader)
    base = list(reader)
    key = header.index("id")
    seen: set[str] = set()
    path = Path(path)
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(header)
        for i in range(rows):
            k, row = divmod(i, len(base))
            row = list(base[row])
            suffix = f"-r{k}"
            row[key] = row[key][: 80 - len(suffix)].rstrip("-") + suffix
            if row[key] in seen:
                raise SystemExit(f"id {row[key]} repeats: choose another suffix")
            seen.add(row[key])
            if bad_last and i == rows - 1:
                row[header.index(BAD_COLUMN)] = BAD_VALUE
            w.writerow(row)
    return path


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out")
    ap.add_argument("rows", type=int)
    ap.add_argument("--bad-last", action="store_true", help="one bad cell (footnote 60) in the last row")
    a = ap.parse_args(argv)
    generate(a.out, a.rows, bad_last=a.bad_last)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
