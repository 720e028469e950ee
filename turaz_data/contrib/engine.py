"""The file engine: check a contributed CSV file for one table, column by column.

One checker (:class:`_Checker`) judges every file. It takes a chunk of rows as columns of
raw text (pyarrow string arrays) and, for each column, screens every cell at once with
the vectorised forms of the rules of :mod:`turaz_data.tables.rules` (pyarrow compute:
regular expressions, set membership, casts, ranges; each distinct date judged once).
Only the cells the screen flags are then judged one by one with
:func:`turaz_data.tables.rules.check_cell`, which words the problem (line, column,
value, rule, fix). So a file with a few problems costs about what a valid file costs,
and the words are those of the models and the Pandera schemas.

Two readers feed it, and never judge anything themselves:

- pyarrow's streaming CSV reader (blocks of 4 MB: memory stays bounded) for files of one
  record per line, the common case;
- Python's ``csv`` module (chunks of ``chunk_rows`` rows), for what only it can say:
  comments, blank lines, ragged rows, quotes, line breaks inside cells, encoding and
  header problems. A file is handed to it when the pyarrow reader meets such a form (it
  restarts from the top, so line numbers are those of the file).

The readers are in :mod:`turaz_data.contrib.readers`, the column screens in
:mod:`turaz_data.contrib.columns`.

``tests/test_fastcheck.py`` checks that both readers give the same report.
See ``docs/contributing.md`` for the rules, the decisions (comments, NFC, ...) and the
JSON shape of the report.
"""

from __future__ import annotations

import csv
import io
import os
import unicodedata
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import IO, Any

from turaz_data.contrib.columns import _pc, screen
from turaz_data.contrib.readers import Fatal, Handover, read_arrow, read_csv
from turaz_data.contrib.report import ContribError, Report, citation_summary
from turaz_data.errors import Problem, shorten
from turaz_data.tables import rules
from turaz_data.tables.fields import FieldDesc, fields
from turaz_data.tables.models import CLAIM_TABLES, TABLES_BY_NAME

__all__ = ["DEFAULT_CHUNK_ROWS", "ContribError", "Report", "load_article_or_fail", "validate_file"]

#: Rows read together by the csv-module reader.
DEFAULT_CHUNK_ROWS = 50_000
#: Characters of a value shown in a report.
VALUE_WIDTH = 60

# --------------------------------------------------------------------------- the checker


class _Checker:
    """The rules of one table, applied to chunks of raw text columns; collects the report."""

    def __init__(self, table: str, name: str, *, ref_keys: dict[str, set], shipped_keys: set[tuple],
                 replace: bool, article: Any, max_problems: int | None, collect: bool,
                 taken: dict[str, str] | None = None):
        import pyarrow as pa

        self.pa = pa
        self.table = table
        self.spec = TABLES_BY_NAME[table]
        self.fields = fields(table)
        self.by_name = {f.name: f for f in self.fields}
        self.pk = list(self.spec.primary_key)
        self.refs = ref_keys
        self.row_rules = rules.ROW_RULES.get(table, [])
        self.replace = replace
        self.article = article
        self.max_problems = max_problems
        self.report = Report(table=table, file=name, collected=[] if collect else None)
        self.buffer: list[Problem] = []
        self.missing: set[str] = set()
        self.citation_rows = 0
        self.citation_ok = 0
        self.pool: ThreadPoolExecutor | None = None
        # keys of the file, for uniqueness and self references (checked at the end)
        self.key_chunks: list = []
        self.key_lines: list = []
        self.self_fk: dict[str, list] = {}
        shipped = sorted("\x1f".join(map(str, k)) for k in shipped_keys)
        self.shipped = pa.array(shipped, type=pa.string())
        # ids no new row may take (other claim tables' ids, withdrawn ids), with why
        self.taken = taken or {}
        self.taken_arr = pa.array(sorted(self.taken), type=pa.string())
        self.value_sets: dict[str, Any] = {}
        self.key_sets: dict[str, Any] = {}
        for f in self.fields:
            if not f.fk and not f.claim_ref:
                continue
            res = "claims" if f.claim_ref else f.fk.split(".")[0]
            keys = ref_keys.get(res, set())
            if res == table or f.claim_ref:  # may name a row of this very file
                self.self_fk[f.name] = []
                self.key_sets[f.name] = None  # judged at the end
                continue
            self.key_sets[f.name] = keys
            kind = f.item_type if f.is_list else f.type
            if kind == "integer":
                self.value_sets[f.name] = pa.array(sorted(k for k in keys if isinstance(k, int)), type=pa.int64())
            else:
                self.value_sets[f.name] = pa.array(sorted(str(k) for k in keys), type=pa.string())

    # ---- collecting
    def problem(self, line, row, column, value, code, message, hint="") -> None:
        """Record a problem (buffered: :meth:`flush` orders a chunk's problems by line)."""
        self.buffer.append(Problem(
            table=self.table, row=row, column=column,
            value=None if value is None else shorten(value if isinstance(value, str) else str(value), VALUE_WIDTH),
            rule=code, message=message, hint=hint, line=line))

    def say(self, line, row, rule: rules.Rule, value=None, at=None, **kw) -> None:
        """Record a problem of ``rule`` (its templates filled with ``kw``) in column ``at``."""
        message, fix = rule.words(**kw)
        self.problem(line, row, at, value, rule.code, message, fix)

    def flush(self) -> None:
        self.buffer.sort(key=lambda p: (p.line or 0, p.column or "", p.rule))
        for p in self.buffer:
            self.report.problems_total += 1
            if self.max_problems is None or len(self.report.problems) < self.max_problems:
                self.report.problems.append(p)
        self.buffer = []

    def notice(self, line, row, column, value, rule: rules.Rule) -> None:
        self.report.notices_total += 1
        if self.max_problems is None or len(self.report.notices) < self.max_problems:
            self.report.notices.append(Problem(
                table=self.table, row=row, column=column, value=shorten(value, VALUE_WIDTH), rule=rule.code,
                message="text was not in Unicode NFC and has been normalised",
                hint="nothing to do: turaz-data add writes the normalised text", line=line))

    # ---- header
    def header(self, cells: list[str], line: int) -> list[int | None]:
        """The field index of each column of the header (None: unknown or repeated)."""
        if len(cells) == 1:
            for sep, name in ((";", "semicolons (;)"), ("\t", "tabs")):
                if sep in cells[0]:
                    raise Fatal(rules.WRONG_DELIMITER, line, name=name)
        expected = [f.name for f in self.fields]
        cols: list[int | None] = []
        seen: set[str] = set()
        guessed: set[str] = set()
        for name in cells:
            if name in seen:
                self.say(line, None, rules.COLUMN_DUPLICATED, at=name, column=name)
                cols.append(None)
                continue
            seen.add(name)
            if name in self.by_name:
                cols.append(expected.index(name))
                continue
            cols.append(None)
            absent = [c for c in expected if c not in cells]
            guess = rules.suggest(name.strip().lower(), absent or expected)
            if name != name.strip() and name.strip() in self.by_name:
                fix = f"remove the spaces: '{name.strip()}'"
                guessed.add(name.strip())
            elif guess:
                fix = f"did you mean '{guess}'?"
                guessed.add(guess)
            else:
                fix = f"the columns of {self.table} are: {', '.join(expected)}"
            self.say(line, None, rules.COLUMN_UNKNOWN, at=name, column=name, fix=fix)
        for name in expected:
            if name not in seen:
                self.missing.add(name)
                if name in guessed:
                    continue  # said with the unknown column that is probably it
                f = self.by_name[name]
                need = "a required column" if f.required else "an optional column (leave its cells empty if unknown)"
                self.say(line, None, rules.COLUMN_MISSING, at=name, column=name, need=need, table=self.table)
        return cols

    # ---- one chunk
    def chunk(self, columns: dict[str, Any], lines, first_row: int) -> None:
        """Check a chunk: ``columns`` maps present column names to string arrays of raw
        cells; ``lines`` gives each row's line (a numpy array); rows count from ``first_row``."""
        import numpy as np

        n = len(lines)
        if n == 0:
            self.flush()
            return
        jobs = [f for f in self.fields if f.name in columns]
        run = (lambda f: screen(f, columns[f.name], self.value_sets.get(f.name)))
        done = list(self.pool.map(run, jobs)) if self.pool is not None else [run(f) for f in jobs]
        typed: dict[str, Any] = {}
        bad_rows = np.zeros(n, dtype=bool)
        bad_cells: dict[str, Any] = {}
        for f, (values, flagged) in zip(jobs, done):
            typed[f.name] = values
            if not len(flagged):
                continue
            raw = columns[f.name]
            keys = self.key_sets.get(f.name)
            bad = np.zeros(n, dtype=bool)
            fixed = {}
            for i in flagged.tolist():
                cell = raw[i].as_py()
                value, broken, notices = rules.check_cell(f, cell, keys if f.fk and keys is not None else None)
                line, row = int(lines[i]), first_row + i
                for rule in notices:
                    self.notice(line, row, f.name, cell, rule)
                if not broken and cell:
                    good = unicodedata.normalize("NFC", cell) if f.is_list or isinstance(value, str) else value
                    if values[i].as_py() != good:
                        fixed[i] = good  # NFC text, or a whole number longer than the screen's
                if broken:
                    bad[i] = True
                    shown = None if cell == "" else unicodedata.normalize("NFC", cell)
                    for rule in broken:
                        message, fix = rules.words(f, rule, _shown_value(f, rule, value, shown), keys)
                        self.problem(line, row, f.name, shown, rule.code, message, fix)
            if fixed:
                typed[f.name] = self._patch(values, fixed)
            if bad.any():
                bad_rows |= bad
                bad_cells[f.name] = bad
        self._keys(typed, lines, first_row, bad_cells)
        if self.row_rules and not self.missing:
            self._rows(typed, lines, first_row, bad_rows)
        if self.article is not None and self.spec.claim:
            self._cite(typed, columns, lines, first_row, bad_cells)
        self.flush()
        if self.report.collected is not None and not self.report.problems_total and self.report.fatal is None:
            self._collect(typed, n)

    def _patch(self, values, fixed: dict):
        """``values`` with the good values of flagged cells the screen could not type."""
        py = values.to_pylist()
        for i, v in fixed.items():
            py[i] = v
        return self.pa.array(py, type=values.type)

    # ---- keys, rows, citations
    def _keys(self, typed: dict, lines, first_row: int, bad_cells: dict) -> None:
        """Primary keys of the chunk's rows whose key cells are good: kept for uniqueness
        and self references; keys already shipped are said now (unless replacing)."""
        import numpy as np

        pa, pc = self.pa, _pc()
        if any(k in self.missing for k in self.pk):
            return
        parts = [pc.cast(typed[k], pa.string()) for k in self.pk]
        key = parts[0] if len(parts) == 1 else pc.binary_join_element_wise(*parts, "\x1f")
        good = pc.is_valid(key).to_numpy(zero_copy_only=False)
        for k in self.pk:
            if k in bad_cells:
                good &= ~bad_cells[k]
        idx = np.flatnonzero(good)
        key = pc.take(key, pa.array(idx))
        self.key_chunks.append(key)
        self.key_lines.append((np.asarray(lines)[idx], idx + first_row))
        if not self.replace and len(self.shipped):
            hit = np.flatnonzero(pc.is_in(key, value_set=self.shipped).to_numpy(zero_copy_only=False))
            col = ",".join(self.pk)
            for j in hit.tolist():
                shown = key[j].as_py().replace("\x1f", ",")
                self.say(int(lines[idx[j]]), int(idx[j]) + first_row, rules.KEY_EXISTS, shown, col,
                         column=col, key=shown, table=self.table)
        if len(self.taken_arr):
            from turaz_data.tables.rowrules import ID_TAKEN

            col = ",".join(self.pk)
            hit = np.flatnonzero(pc.is_in(key, value_set=self.taken_arr).to_numpy(zero_copy_only=False))
            for j in hit.tolist():
                shown = key[j].as_py()
                self.say(int(lines[idx[j]]), int(idx[j]) + first_row, ID_TAKEN, shown, col,
                         column=col, key=shown, why=self.taken[shown])
        for name, chunks in self.self_fk.items():
            f = self.by_name[name]
            if f.is_list or name not in typed:
                continue
            v = typed[name]
            ok = pc.is_valid(v).to_numpy(zero_copy_only=False)
            if name in bad_cells:
                ok &= ~bad_cells[name]
            j = np.flatnonzero(ok)
            chunks.append((pc.take(v, pa.array(j)), np.asarray(lines)[j], j + first_row))

    def _rows(self, typed: dict, lines, first_row: int, bad_rows) -> None:
        """The cross-column rules, on the rows whose cells are all good (as the models do)."""
        import numpy as np
        import pandas as pd

        pa = self.pa
        data = {}
        need = {c for r in self.row_rules for c in r.columns}
        for name in need:
            arr = typed[name]
            if pa.types.is_integer(arr.type):
                data[name] = arr.to_pandas(types_mapper={pa.int64(): pd.Int64Dtype()}.get)
            elif pa.types.is_floating(arr.type):
                data[name] = arr.to_pandas()
            else:
                data[name] = pd.array(arr.to_pylist(), dtype="string")
        d = pd.DataFrame(data)
        for rule in self.row_rules:
            ok = np.asarray(pd.Series(rule.frame(d)).fillna(False).astype(bool))
            for i in np.flatnonzero(~ok & ~bad_rows).tolist():
                self.say(int(lines[i]), first_row + i, rule)

    def _cite(self, typed: dict, columns: dict, lines, first_row: int, bad_cells: dict) -> None:
        from turaz_data.source.verify import verify_rows

        need = ("id", "footnote", "support", "evidence")
        if any(k not in typed for k in need):
            return
        ids, notes = typed["id"].to_pylist(), typed["footnote"].to_pylist()
        support, evidence = typed["support"].to_pylist(), typed["evidence"].to_pylist()
        rows, where = [], {}
        for i in range(len(ids)):
            if any(k in bad_cells and bad_cells[k][i] for k in need) or not evidence[i]:
                continue
            rows.append({"table": self.table, "id": ids[i], "footnote": notes[i], "support": support[i],
                         "evidence": evidence[i].split(rules.LIST_DELIMITER)})
            where.setdefault(ids[i], []).append((int(lines[i]), first_row + i))
        if not rows:
            return
        rep = verify_rows(self.article, rows)
        self.citation_rows += rep.rows_checked
        self.citation_ok += rep.rows_ok
        for fail in rep.failures:
            at = where.get(fail.id) or [(None, None)]
            line, row = at.pop(0) if len(at) > 1 else at[0]
            if fail.reason is not None:
                self.say(line, row, rules.CITATION, None, "evidence", reason=fail.reason)
                continue
            for token, message in zip(fail.missing, fail.messages()):
                self.say(line, row, rules.CITATION, token, "evidence", reason=message)

    def _collect(self, typed: dict, n: int) -> None:
        """The chunk's rows as dicts of typed values (for add)."""
        cols = {}
        for f in self.fields:
            if f.name not in typed:
                cols[f.name] = [[] if f.is_list else None] * n
                continue
            vals = typed[f.name].to_pylist()
            if f.is_list:
                vals = [v.split(rules.LIST_DELIMITER) if v else [] for v in vals]
            cols[f.name] = vals
        names = list(cols)
        self.report.collected.extend(dict(zip(names, vals)) for vals in zip(*cols.values()))

    # ---- the end
    def finish(self) -> Report:
        """Rules over the whole file: unique keys and self references."""
        import numpy as np

        pa, pc = self.pa, _pc()
        col = ",".join(self.pk)
        keys = pa.chunked_array(self.key_chunks, type=pa.string()).combine_chunks() if self.key_chunks \
            else pa.array([], pa.string())
        if len(keys) > 1:
            lines = np.concatenate([x[0] for x in self.key_lines]).astype(np.int64)
            rows_ = np.concatenate([x[1] for x in self.key_lines]).astype(np.int64)
            order = pc.sort_indices(pa.table({"k": keys, "l": pa.array(lines)}),
                                    sort_keys=[("k", "ascending"), ("l", "ascending")]).to_numpy()
            ordered = pc.take(keys, pa.array(order))
            same = pc.equal(ordered.slice(1), ordered.slice(0, len(ordered) - 1)).to_numpy(zero_copy_only=False)
            if same.any():
                # position j + 1 of the sorted keys repeats j; its group starts where `same` was last false
                pos = np.arange(1, len(order))
                start = np.maximum.accumulate(np.where(same, 0, pos))
                for j in np.flatnonzero(same).tolist():
                    cur, first = int(order[j + 1]), int(order[start[j]])
                    shown = keys[cur].as_py().replace("\x1f", ",")
                    self.say(int(lines[cur]), int(rows_[cur]), rules.UNIQUE_KEY, shown, col,
                             where=f"line {int(lines[first])}", column=col)
        for name, chunks in self.self_fk.items():
            f = self.by_name[name]
            res = "claims" if f.claim_ref else f.fk.split(".")[0]
            allowed = {str(k) for k in self.refs.get(res, set())} | set(keys.to_pylist())
            allowed_arr = pa.array(sorted(allowed), pa.string())
            for chunk in chunks:
                if f.is_list:
                    continue  # list self references: none in the tables yet
                values, lines, rows_ = chunk
                miss = np.flatnonzero(pc.invert(pc.is_in(values, value_set=allowed_arr)).to_numpy(zero_copy_only=False))
                for j in miss.tolist():
                    v = values[j].as_py()
                    message, fix = rules.words(f, rules.FOREIGN_KEY, v, allowed)
                    self.problem(int(lines[j]), int(rows_[j]), name, v, "foreign_key", message, fix)
        self.flush()
        self.report.problems.sort(key=lambda p: (p.line or 0, p.column or "", p.rule))
        if self.article is not None:
            self.report.citation = citation_summary(self.table, self.article, self.citation_rows, self.citation_ok)
        return self.report


def _shown_value(f: FieldDesc, rule: rules.Rule, value, shown):
    """The value :func:`rules.words` is given for a broken cell: the typed value where one
    parses (a number for ranges, a list for list cells), else the text."""
    if shown is None:
        return None
    if rule.code in ("minimum", "maximum", "enum") and f.type in ("integer", "number"):
        return rules.parse_integer(shown) if f.type == "integer" else rules.parse_number(shown)
    if f.is_list:
        return shown.split(rules.LIST_DELIMITER)
    return shown


# --------------------------------------------------------------------------- entry


def _column_values(table: str, columns: tuple[str, ...], package) -> list[tuple]:
    """The values of ``columns`` of each row of a package's table, typed; a row whose cell
    does not parse is skipped (that table's own check says what is wrong with it)."""
    from turaz_data.tables.storage import parse_cell, resource, table_path

    by_name = {f["name"]: f for f in resource(table, package)["schema"]["fields"]}
    text = table_path(table, package).read_text(encoding="utf-8")
    out = []
    for row in csv.DictReader(io.StringIO(text, newline="")):
        try:
            out.append(tuple(parse_cell(by_name[c], row.get(c) or "") for c in columns))
        except (ValueError, TypeError, KeyError):
            continue
    return out


def _reference_keys(table: str, package, overrides: dict | None) -> dict[str, set]:
    """Key sets of every table ``table`` refers to: ``overrides`` first, else the package's."""
    out: dict[str, set] = {}
    for f in fields(table):
        if f.claim_ref and "claims" not in out:
            if overrides and "claims" in overrides:
                out["claims"] = set(overrides["claims"])
            else:
                out["claims"] = {k for t in CLAIM_TABLES for k in _keys_of(t, "id", package, overrides)}
        if not f.fk:
            continue
        res, col = f.fk.split(".")
        if res in out:
            continue
        if overrides and res in overrides:
            out[res] = set(overrides[res])
        else:
            out[res] = {v[0] for v in _column_values(res, (col,), package)}
    return out


def _keys_of(table: str, column: str, package, overrides: dict | None) -> set:
    if overrides and table in overrides:
        return set(overrides[table])
    if overrides and f"{table}:rows" in overrides:
        return {r[column] for r in overrides[f"{table}:rows"]}
    return {v[0] for v in _column_values(table, (column,), package)}


def _taken_ids(table: str, package, overrides: dict | None) -> dict[str, str]:
    """Ids a new row of ``table`` may not use (other claim tables, withdrawn ids), with why."""
    from turaz_data.tables.rowrules import taken_ids

    if table not in CLAIM_TABLES and table != "retractions":
        return {}
    return taken_ids(table, {t: _keys_of(t, "id", package, overrides) for t in (*CLAIM_TABLES, "retractions")
                             if t != table})


def _shipped_keys(table: str, package, overrides: dict | None) -> set[tuple]:
    pk = TABLES_BY_NAME[table].primary_key
    if overrides and f"{table}:rows" in overrides:
        return {tuple(r[k] for k in pk) for r in overrides[f"{table}:rows"]}
    return set(_column_values(table, tuple(pk), package))


def load_article_or_fail(path) -> Any:
    """The parsed article for the citation check (:func:`turaz_data.source.verify.open_article`);
    ContribError when unavailable or unreadable."""
    from turaz_data.source.verify import InputError, open_article

    try:
        return open_article(path)
    except InputError as e:
        raise ContribError(str(e)) from None


def validate_file(
    source: str | os.PathLike | IO[bytes],
    table: str,
    *,
    refs: dict | None = None,
    package: str | os.PathLike | None = None,
    replace: bool = False,
    article: Any = None,
    chunk_rows: int = DEFAULT_CHUNK_ROWS,
    max_problems: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    name: str | None = None,
    fast: bool = True,
    _collect: bool = False,
) -> Report:
    """Check a contributed CSV file for ``table``; never raises for bad content.

    ``source`` is a path or a binary file object. Keys of referenced tables and the
    table's own shipped keys come from the package (``package``: path of another
    ``datapackage.json``), or from ``refs`` (``{"actors": {...}, "footnotes": {...}}``;
    ``{"events:rows": [...]}`` stands in for the shipped rows of the table itself).
    ``replace``: ids already in the shipped table are corrections, not errors.
    ``article``: a parsed :class:`turaz_data.source.article.Article` for the citation check
    (claim tables only). ``progress(rows, bytes)`` is called after each chunk.
    ``fast=False`` reads a file on disk with the csv-module reader from the start (the
    report is the same; it is slower).
    """
    from turaz_data.errors import UnknownTableError
    from turaz_data.tables.storage import resource

    if table not in TABLES_BY_NAME:
        raise UnknownTableError(table, list(TABLES_BY_NAME))
    resource(table, package)
    label = name or (str(source) if isinstance(source, (str, os.PathLike)) else getattr(source, "name", "<input>"))
    ref_keys = _reference_keys(table, package, refs)
    shipped_keys = set() if replace else _shipped_keys(table, package, refs)
    taken = _taken_ids(table, package, refs)

    def checker() -> _Checker:
        return _Checker(table, label, ref_keys=ref_keys, shipped_keys=shipped_keys, replace=replace,
                        article=article, max_problems=max_problems, collect=_collect, taken=taken)

    if isinstance(source, (str, os.PathLike)):
        if fast and os.path.isfile(source):
            try:
                return read_arrow(source, checker(), progress)
            except (Handover, OSError):
                pass
        c = checker()
        try:
            with open(source, "rb") as fh:
                return read_csv(fh, c, chunk_rows, progress)
        except OSError as e:
            c.report.fatal = Problem(table=table, row=None, column=None, value=None, rule="cannot_open",
                                     message=rules.CANNOT_OPEN.words(error=e.strerror or e)[0],
                                     hint=rules.CANNOT_OPEN.fix)
            return c.report
    return read_csv(source, checker(), chunk_rows, progress)
