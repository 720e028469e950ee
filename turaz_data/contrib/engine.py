"""Contributed rows: check a contributor's CSV file, and merge a valid one into a table.

A contributor sends a CSV of new or corrected rows for one table.
:func:`validate_file` checks it exactly as the shipped tables are checked (the Pandera
schema of :mod:`turaz_data.tables.schemas`, built from the models) plus what only a file can
get wrong (encoding, delimiter, header, ragged rows, quoting, white space, decimal
commas), and returns one :class:`Report` with every problem: line, column, value, rule
and a hint. :func:`add_file` validates, then merges the rows into ``tables/NAME.csv``
with :func:`turaz_data.tables.storage.atomic_write`, so the table is either replaced whole by a
valid result or left byte for byte as it was. :func:`template` gives an empty file to
start from.

A file on disk is first screened by :mod:`turaz_data.contrib.fastcheck` (pyarrow's CSV reader,
every rule on whole columns): when that shows it valid, the report is returned at once.
Otherwise (a problem, a notice, or a form the screen does not model, such as comments)
the full validator below reads it in chunks of ``chunk_rows`` rows (memory is bounded
by the chunk and by the set of keys seen, which uniqueness needs) and words every
problem. See ``docs/contributing.md`` for the
rules, the decisions (comments, NFC, ...) and the JSON shape of the report.
"""

from __future__ import annotations

import csv
import datetime as _dt
import difflib
import gc
import io
import math
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Callable, Iterator

from turaz_data.errors import Problem, TurazError, shorten
from turaz_data.tables.fields import FieldDesc, fields
from turaz_data.tables.models import CLAIM_TABLES, FORMULA_START, LIST_DELIMITER, N_FOOTNOTES, TABLES_BY_NAME

#: Version of the JSON shape of :meth:`Report.to_dict` (bumped only on breaking changes).
REPORT_VERSION = 1
#: Rows validated together (one Pandera run per chunk).
DEFAULT_CHUNK_ROWS = 50_000
#: With larger chunks, ``progress`` is also called every this many rows read.
PROGRESS_ROWS = 5000
#: Characters of a value shown in a report.
VALUE_WIDTH = 60
#: Lines starting with this character are comments and are skipped.
COMMENT = "#"
#: The lock file ``add`` holds, beside the package's datapackage.json.
LOCK_NAME = ".turaz-add.lock"
#: Seconds ``add`` waits for another add to finish.
LOCK_TIMEOUT = 60.0

_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")  # as schemas._CONTROL_RE: tab allowed
_INT = re.compile(r"^-?[0-9]+$")
_NUMBER = re.compile(r"^-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?$")
_DECIMAL_COMMA = re.compile(r"^-?[0-9]+(,[0-9]+)+$")
_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_INT64_MAX = 2**63 - 1


class ContribError(TurazError):
    """The command cannot run (target not writable, verifier unavailable, ...)."""


# --------------------------------------------------------------------------- report


@dataclass
class Report:
    """Everything wrong with one contributed file.

    ``problems`` are the problems listed (at most ``max_problems``), ``problems_total``
    counts all of them. ``fatal`` is set when the file cannot be read as a CSV table
    (exit code 2): the problems found before it are kept. ``notices`` are changes made
    for the contributor (text normalised to NFC) that do not make the file invalid.
    """

    table: str
    file: str
    rows: int = 0
    problems: list[Problem] = field(default_factory=list)
    problems_total: int = 0
    notices: list[Problem] = field(default_factory=list)
    notices_total: int = 0
    fatal: Problem | None = None
    citation: dict | None = None
    #: The parsed rows (only when collected, for :func:`add_file`).
    collected: list[dict] | None = field(default=None, repr=False)

    @property
    def valid(self) -> bool:
        return self.fatal is None and self.problems_total == 0

    @property
    def exit_code(self) -> int:
        return 2 if self.fatal is not None else (0 if self.valid else 1)

    def to_dict(self) -> dict:
        def one(p: Problem) -> dict:
            return {"line": p.line, "row": p.row, "column": p.column, "value": p.value,
                    "rule": p.rule, "message": p.message, "hint": p.hint}

        return {
            "version": REPORT_VERSION,
            "file": self.file,
            "table": self.table,
            "valid": self.valid,
            "exit_code": self.exit_code,
            "rows": self.rows,
            "fatal": one(self.fatal) if self.fatal else None,
            "problems_total": self.problems_total,
            "problems": [one(p) for p in self.problems],
            "notices_total": self.notices_total,
            "notices": [one(p) for p in self.notices],
            "citation": self.citation,
        }

    def to_text(self) -> str:
        out = [_line_text(p) for p in self.problems]
        if self.problems_total > len(self.problems):
            out.append(f"... and {_n(self.problems_total - len(self.problems), 'more problem')} "
                       "not listed (use --max-problems 0 to list all)")
        out += ["note: " + _line_text(p) for p in self.notices]
        if self.notices_total > len(self.notices):
            out.append(f"note: ... and {_n(self.notices_total - len(self.notices), 'more notice')}")
        rows = _n(self.rows, "row")
        if self.fatal:
            before = f" ({_n(self.problems_total, 'other problem')} above)" if self.problems_total else ""
            out.append(f"{self.file}: unreadable: {_line_text(self.fatal)}{before}")
        elif self.valid:
            cit = ", evidence checked against the article" if self.citation and self.citation.get("checked") else ""
            out.append(f"{self.file}: valid: {rows} of table '{self.table}'{cit}")
        else:
            out.append(f"{self.file}: invalid: {_n(self.problems_total, 'problem')} in {rows} "
                       f"of table '{self.table}'")
        return "\n".join(out) + "\n"


#: The hint of a value the cited scope does not carry (rule ``citation_value``).
VALUE_HINT = ("correct the value to what the scope says, or cite the scope that says it; a value the scope does "
              "not state needs its basis: date_basis context (with date_from) or inferred (EDTF ~ ? or % and a "
              "note), value_basis or number_basis inferred (and a note), unnamed_actors (and a note)")


def citation_summary(table: str, article: Any, rows_checked: int, rows_ok: int) -> dict:
    """``Report.citation`` after a citation check of ``table`` against ``article``."""
    if not TABLES_BY_NAME[table].claim:
        return {"checked": False, "reason": f"{table} is not a claim table"}
    return {"checked": True, "rows_checked": rows_checked, "rows_ok": rows_ok, "article_sha256": article.sha256}


def _n(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _line_text(p: Problem) -> str:
    where = []
    if p.line is not None:
        where.append(f"line {p.line}")
    if p.column:
        where.append(f"column '{p.column}'")
    head = ", ".join(where)
    head = head + ": " if head else ""
    val = f" value {p.value!r}" if p.value is not None else ""
    hint = f" Fix: {p.hint}" if p.hint else ""
    return f"{head}{val.lstrip()}{' ' if val else ''}[{p.rule}] {p.message}.{hint}"


# --------------------------------------------------------------------------- reading


class _Fatal(Exception):
    def __init__(self, rule: str, message: str, hint: str = "", line: int | None = None):
        super().__init__(message)
        self.rule, self.message, self.hint, self.line = rule, message, hint, line


def _decoded_lines(fh: IO[bytes], counter: list[int]) -> Iterator[str]:
    """The file's lines as text; strict UTF-8 (a BOM is dropped); ``counter[0]`` = bytes read."""
    offset = 0
    for number, raw in enumerate(fh, start=1):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            bad = raw[e.start:e.start + 1]
            hint = "save the file as UTF-8 (in Excel: 'CSV UTF-8 (comma delimited)'; in LibreOffice: character set Unicode (UTF-8))"
            if number == 1 and raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
                hint = "the file is UTF-16: " + hint
            raise _Fatal("not_utf8", f"not UTF-8: byte {e.start + 1} of line {number} "
                         f"(byte {offset + e.start + 1} of the file) is 0x{bad.hex().upper()}", hint, number) from None
        if number == 1 and text.startswith("\ufeff"):
            text = text[1:]
        offset += len(raw)
        counter[0] = offset
        yield text


def _suggest(value: str, choices, cutoff: float = 0.6) -> str | None:
    """The closest choice (difflib ratio, ties broken by the longer common prefix), or None."""
    best, best_score = None, 0.0
    for c in choices:
        c = str(c)
        ratio = difflib.SequenceMatcher(None, value, c).ratio()
        if ratio < cutoff:
            continue
        prefix = len(os.path.commonprefix([value, c]))
        score = ratio + 0.01 * prefix
        if score > best_score or (score == best_score and best is not None and c < best):
            best, best_score = c, score
    return best


@dataclass
class _Column:
    index: int
    desc: FieldDesc


class _Validator:
    """One pass over a file; see :func:`validate_file`."""

    def __init__(self, table: str, name: str, *, ref_keys: dict[str, set], shipped_keys: set[tuple],
                 replace: bool, article: Any, chunk_rows: int, max_problems: int | None, collect: bool,
                 progress: Callable[[int, int], None] | None, taken: dict[str, str] | None = None,
                 checker: Any = None):
        from turaz_data.tables.schemas import build_schema

        self.table = table
        self.spec = TABLES_BY_NAME[table]
        self.fields = fields(table)
        self.by_name = {f.name: f for f in self.fields}
        self.pk = list(self.spec.primary_key)
        self.refs = ref_keys
        self.shipped_keys = shipped_keys
        # Columns that may name a row of this very file: self references, and ids of any claim row.
        self.self_fk = {f.name for f in self.fields if (f.fk and f.fk.split(".")[0] == table) or f.claim_ref}
        self.taken = taken or {}
        self.schema = build_schema(table, refs=self.refs)
        self.messages = {n: (c.metadata or {}).get("messages", {}) for n, c in self.schema.columns.items()}
        from turaz_data.tables.schemas import ROW_RULES

        self.row_rules = {code: message for code, message, _ in ROW_RULES.get(table, [])}
        self.replace = replace
        self.article = article
        self.checker = checker
        self.chunk_rows = max(1, chunk_rows)
        self.max_problems = max_problems
        self.progress = progress
        self.report = Report(table=table, file=name, collected=[] if collect else None)
        self.buffer: list[Problem] = []
        self.seen: dict[tuple, int] = {}
        self.pending_fk: list[tuple[Problem, Any]] = []
        self.missing: set[str] = set()
        self.citation_rows = 0
        self.citation_ok = 0

    # ---- collecting
    def problem(self, line, row, column, value, rule, message, hint=""):
        """Record a problem (buffered: :meth:`flush` orders a chunk's problems by line)."""
        self.buffer.append(Problem(
            table=self.table, row=row, column=column,
            value=None if value is None else shorten(value if isinstance(value, str) else str(value), VALUE_WIDTH),
            rule=rule, message=message, hint=hint, line=line))

    def flush(self) -> None:
        self.buffer.sort(key=lambda p: (p.line or 0, p.column or "", p.rule))
        for p in self.buffer:
            self.report.problems_total += 1
            if self.max_problems is None or len(self.report.problems) < self.max_problems:
                self.report.problems.append(p)
        self.buffer = []

    def notice(self, line, row, column, value, rule, message, hint=""):
        self.report.notices_total += 1
        if self.max_problems is None or len(self.report.notices) < self.max_problems:
            self.report.notices.append(Problem(table=self.table, row=row, column=column,
                                               value=shorten(value, VALUE_WIDTH), rule=rule,
                                               message=message, hint=hint, line=line))

    def msg(self, column: str, code: str) -> tuple[str, str]:
        from turaz_data.tables.schemas import RULES

        return self.messages.get(column, {}).get(code) or RULES[code]

    # ---- header
    def header(self, cells: list[str], line: int) -> list[_Column | None]:
        if len(cells) == 1:
            for sep, name in ((";", "semicolons (;)"), ("\t", "tabs")):
                if sep in cells[0]:
                    raise _Fatal("wrong_delimiter", f"the file is delimited with {name}, not commas",
                                 "save it as CSV with ',' as the field delimiter "
                                 "(in LibreOffice: Field delimiter ','; in Excel: 'CSV UTF-8 (comma delimited)')", line)
        expected = [f.name for f in self.fields]
        cols: list[_Column | None] = []
        seen: set[str] = set()
        guessed: set[str] = set()
        for i, name in enumerate(cells):
            if name in seen:
                self.problem(line, None, name, None, "column_duplicated",
                             f"column '{name}' appears more than once in the header",
                             "keep one column of that name and delete the other")
                cols.append(None)
                continue
            seen.add(name)
            if name in self.by_name:
                cols.append(_Column(i, self.by_name[name]))
                continue
            cols.append(None)
            absent = [c for c in expected if c not in cells]
            guess = _suggest(name.strip().lower(), absent or expected)
            if name != name.strip() and name.strip() in self.by_name:
                hint = f"remove the spaces: '{name.strip()}'"
                guessed.add(name.strip())
            elif guess:
                hint = f"did you mean '{guess}'?"
                guessed.add(guess)
            else:
                hint = f"the columns of {self.table} are: {', '.join(expected)}"
            self.problem(line, None, name, None, "column_unknown", f"unknown column '{name}'", hint)
        for name in expected:
            if name not in seen:
                self.missing.add(name)
                if name in guessed:
                    continue  # said with the unknown column that is probably it
                f = self.by_name[name]
                need = "a required column" if f.required else "an optional column (leave its cells empty if unknown)"
                self.problem(line, None, name, None, "column_missing", f"column '{name}' is missing",
                             f"add it to the header: it is {need}; run 'turaz-data template {self.table}' for the full header")
        return cols

    # ---- cells
    def cell(self, f: FieldDesc, raw: str, line: int, row: int, bad: set) -> Any:
        empty = [] if f.is_list else None
        if raw == "":
            if f.required and not f.is_list:
                m, h = self.msg(f.name, "required")
                self.problem(line, row, f.name, None, "required", m, h)
                bad.add(f.name)
            return empty
        if _CONTROL.search(raw):
            m, h = self.msg(f.name, "text_control")
            self.problem(line, row, f.name, raw, "text_control",
                         "control character (such as NUL) or line break inside the cell", h)
            bad.add(f.name)
            return empty
        if raw != raw.strip():
            m, h = self.msg(f.name, "text_whitespace")
            self.problem(line, row, f.name, raw, "text_whitespace", m, h)
            bad.add(f.name)
            return empty
        if not unicodedata.is_normalized("NFC", raw):
            fixed = unicodedata.normalize("NFC", raw)
            self.notice(line, row, f.name, raw, "nfc_normalised", "text was not in Unicode NFC and has been normalised",
                        "nothing to do: turaz-data add writes the normalised text")
            raw = fixed
        if f.type in ("integer", "number"):
            if _DECIMAL_COMMA.match(raw):
                self.problem(line, row, f.name, raw, "decimal_comma", "number written with a decimal comma or thousands separator",
                             f"write numbers with a decimal point and no separators, e.g. {raw.replace(',', '.', 1).replace(',', '')}")
                bad.add(f.name)
                return empty
            if f.type == "integer":
                if not _INT.match(raw):
                    self.problem(line, row, f.name, raw, "dtype", "not a whole number", "write digits only, e.g. 12")
                    bad.add(f.name)
                    return empty
                v = int(raw)
                if abs(v) > _INT64_MAX:
                    self.problem(line, row, f.name, raw, "dtype", "number too large", "check the number")
                    bad.add(f.name)
                    return empty
                return v
            v = float(raw) if _NUMBER.match(raw) else math.nan
            if not math.isfinite(v):
                self.problem(line, row, f.name, raw, "dtype", "not a number", "write a number with a decimal point, e.g. 4.8")
                bad.add(f.name)
                return empty
            return v
        if raw.startswith(FORMULA_START):
            m, h = self.msg(f.name, "text_formula")
            self.problem(line, row, f.name, raw, "text_formula", m, h)
            bad.add(f.name)
            return empty
        if f.type == "date":
            ok = bool(_ISO_DATE.match(raw))
            if ok:
                try:
                    _dt.date.fromisoformat(raw)
                except ValueError:
                    ok = False
            if not ok:
                self.problem(line, row, f.name, raw, "dtype", "not a calendar date in the form YYYY-MM-DD", "write e.g. 2023-07-21")
                bad.add(f.name)
                return empty
            return raw
        if f.is_list:
            return raw.split(LIST_DELIMITER)
        return raw

    # ---- screening: the checks of :meth:`cell`, run on a whole column of a chunk at once
    def column(self, f: FieldDesc, col: tuple[str, ...]) -> tuple[list, list[int]]:
        """The parsed values of a column of raw cells, and the indices of the cells that
        :meth:`cell` must look at (problems, notices); their values are filled in later."""
        n = len(col)
        if f.type == "integer" or f.type == "number" or f.type == "date":
            return _typed_column(f, col)
        empties = col.count("")
        if _text_clean(col, n):
            flagged = []
        else:
            flagged = [i for i, s in enumerate(col) if s and _text_dirty(s)]
        if f.is_list:
            if empties:
                values = [s.split(LIST_DELIMITER) if s else [] for s in col]
            else:
                values = [s.split(LIST_DELIMITER) for s in col]
        else:
            values = list(col)
            if empties:
                if f.required:
                    flagged = sorted(flagged + [i for i, s in enumerate(col) if not s])
                else:
                    values = [s or None for s in values]
        return values, flagged

    def build(self, cols: list[_Column | None], cells: list[list[str]], lines: list[int], rows: list[int]) -> _Chunk:
        """A chunk of well-formed rows as columns of parsed values (:meth:`cell` for the
        cells the screen flags, in row order, so problems and notices are as per cell)."""
        n = len(cells)
        raw = list(zip(*cells)) if n else []
        columns: dict[str, list] = {}
        flagged: list[tuple[int, int, FieldDesc]] = []
        for k, c in enumerate(cols):
            if c is None:
                continue
            if n:
                values, bad_idx = self.column(c.desc, raw[c.index])
            else:
                values, bad_idx = [], []
            columns[c.desc.name] = values
            flagged.extend((i, k, c.desc) for i in bad_idx)
        bad: dict[int, set[str]] = {}
        if flagged:
            flagged.sort(key=lambda t: (t[0], t[1]))
            for i, k, f in flagged:
                b = bad.setdefault(i, set())
                columns[f.name][i] = self.cell(f, raw[cols[k].index][i], lines[i], rows[i], b)
                if not b:
                    del bad[i]
        for name in self.missing:
            columns[name] = [[] for _ in range(n)] if self.by_name[name].is_list else [None] * n
        return _Chunk(lines, rows, columns, bad)

    # ---- chunks
    def run_chunk(self, chunk: _Chunk) -> None:
        if not chunk.lines:
            self.flush()
            return
        from turaz_data.tables.schemas import validate
        from turaz_data.errors import TurazValidationError

        frame = _frame(self.fields, chunk.columns, len(chunk.lines))
        try:
            validate(frame, self.table, self.schema)
            found: list[Problem] = []
        except TurazValidationError as e:
            found = e.problems
        columns, lines, rows, bads = chunk.columns, chunk.lines, chunk.rows, chunk.bad
        reported = {(lines[i], col) for i, b in bads.items() for col in b}
        failing_cells: set[tuple[int, str]] = set()
        said: set[tuple[int, str]] = set()
        # A key that is out of range or malformed is not looked up as well.
        value_fails = {(p.row - 1, p.column) for p in found
                       if p.row is not None and p.rule not in ("foreign_key", "unique_key") and p.rule not in self.row_rules}
        for p in found:
            if p.rule == "unique_key":
                continue  # checked across the whole file and the shipped table below
            if p.row is None:
                continue  # column-level dtype: caused by cells already reported
            i = p.row - 1
            line, row = lines[i], rows[i]
            if p.rule in self.row_rules:
                # Pandera reports a frame-level check once per column: say it once per row.
                if i in bads or self.missing or (line, p.rule) in said:
                    continue
                said.add((line, p.rule))
                self.problem(line, row, None, None, p.rule, self.row_rules[p.rule],
                             "correct the row so the values agree")
                continue
            if p.column in self.missing or (line, p.column) in reported:
                continue
            if p.rule == "foreign_key" and (i, p.column) in value_fails:
                continue
            if p.rule == "edtf_calendar" and (i, p.column) in failing_cells:
                continue  # not EDTF at all: already said
            failing_cells.add((i, p.column))
            value = columns[p.column][i] if p.column in columns else None
            shown = LIST_DELIMITER.join(map(str, value)) if isinstance(value, list) else value
            if shown == "":
                shown = None
            hint = self.hint(p, value)
            if p.rule == "foreign_key" and p.column in self.self_fk:
                self.pending_fk.append(((line, row, p.column, shown, p.rule, p.message, hint), value))
                continue
            self.problem(line, row, p.column, shown, p.rule, p.message, hint)
        # keys: unique in the file, new to the shipped table unless replacing
        col = ",".join(self.pk)
        seen, shipped, check_shipped = self.seen, self.shipped_keys, not self.replace
        skip = bads or failing_cells
        for i, key in enumerate(zip(*(columns[k] for k in self.pk))):
            if skip and any(k in bads.get(i, ()) or (i, k) in failing_cells for k in self.pk):
                continue
            if None in key:
                continue
            if key in seen:
                shown = ",".join(map(str, key))
                self.problem(lines[i], rows[i], col, shown, "unique_key", f"duplicated key: line {seen[key]} has the same {col}",
                             "give each row its own key, or delete one of the two rows")
                continue
            seen[key] = lines[i]
            if len(key) == 1 and key[0] in self.taken:
                self.problem(lines[i], rows[i], col, str(key[0]), "id_taken", f"{col} {key[0]} is {self.taken[key[0]]}",
                             "choose a new id")
                continue
            if check_shipped and key in shipped:
                shown = ",".join(map(str, key))
                self.problem(lines[i], rows[i], col, shown, "key_exists", f"{col} {shown} is already in the shipped table {self.table}",
                             "to correct that row, validate and add with --replace; to add a new row, choose a new key")
        if self.article is not None and self.spec.claim:
            self.cite(chunk, failing_cells)
        self.flush()
        if self.report.collected is not None and not self.report.problems_total and self.report.fatal is None:
            names = list(columns)
            self.report.collected.extend(dict(zip(names, vals)) for vals in zip(*columns.values()))

    def hint(self, p: Problem, value) -> str:
        hint = p.hint
        if p.column in ("footnote", "repeats") and p.rule in ("minimum", "maximum"):
            return f"footnote must be 1-{N_FOOTNOTES}; the article has no footnote {value}"
        f = self.by_name.get(p.column)
        if f is None:
            return hint
        if p.rule == "enum" and isinstance(value, str) and f.enum:
            guess = _suggest(value.lower(), f.enum)
            if guess:
                return f"did you mean '{guess}'? Codes: {', '.join(f.enum)}"
        if p.rule == "list_items" and f.enum and isinstance(value, list):
            wrong = [v for v in value if v not in f.enum]
            if wrong:
                guess = _suggest(str(wrong[0]).lower(), f.enum)
                return f"'{wrong[0]}' is not a code" + (f"; did you mean '{guess}'?" if guess else "") + f" Codes: {', '.join(f.enum)}"
        if p.rule == "foreign_key" and f.fk:
            res, col = f.fk.split(".")
            keys = self.refs.get(res, ())
            items = value if isinstance(value, list) else [value]
            wrong = [v for v in items if v not in keys]
            if wrong:
                w = wrong[0]
                guess = _suggest(str(w), keys) if isinstance(w, str) and len(keys) <= 5000 else None
                base = f"the {res} table has no {col} " + (f"'{w}'" if isinstance(w, str) else str(w))
                return base + (f"; did you mean '{guess}'?" if guess else f"; add the row to {res} first")
        return hint

    def cite(self, chunk, failing_cells) -> None:
        """The citation check (evidence tokens, then values) of the chunk's claim rows,
        through :func:`turaz_data.source.verify.verify_rows` (the verifier's one code path)."""
        from turaz_data.source.verify import verify_rows

        rows, lines = [], {}
        need = ("id", "footnote", "support", "evidence")
        columns = chunk.columns
        for i, (line, row) in enumerate(zip(chunk.lines, chunk.rows)):
            bad = chunk.bad.get(i, ())
            if any(k in bad or (i, k) in failing_cells for k in need) or not columns["evidence"][i]:
                continue
            # a cell that failed its own check is not checked again against the article (a
            # reference to a row of the file itself is not failed yet: it is resolved at the end)
            rows.append({"table": self.table, **{
                k: (None if k in bad or ((i, k) in failing_cells and k not in self.self_fk) else v[i])
                for k, v in columns.items()}})
            lines.setdefault(columns["id"][i], []).append((line, row))
        if not rows:
            return
        if self.checker is None:
            from turaz_data.source.verify import value_checker

            self.checker = value_checker(self.article)
        self.checker.rows_by_id.update((str(r["id"]), r) for r in rows)
        rep = verify_rows(self.article, rows, checker=self.checker)
        self.citation_rows += rep.rows_checked
        self.citation_ok += rep.rows_ok
        for fail in rep.failures:
            where = lines.get(fail.id) or [(None, None)]
            line, row = where.pop(0) if len(where) > 1 else where[0]
            hint = ("copy the token verbatim from the article (case and diacritics count), "
                    "or correct footnote and support")
            if fail.reason is not None:
                self.problem(line, row, "evidence", None, "citation", fail.reason, hint)
                continue
            for token, message in zip(fail.missing, fail.messages()):
                self.problem(line, row, "evidence", token, "citation", message, hint)
            for value in fail.values:
                self.problem(line, row, value.column, value.row, "citation_value", value.message, VALUE_HINT)

    def finish(self) -> None:
        keys = {k[0] for k in self.seen if len(k) == 1} if self.pending_fk else set()
        for (line, row, column, shown, rule, message, hint), value in self.pending_fk:
            items = value if isinstance(value, list) else [value]
            f = self.by_name[column]
            known = self.refs.get("claims" if f.claim_ref else f.fk.split(".")[0], set())
            if all(v in keys or v in known for v in items):
                continue
            self.problem(line, row, column, shown, rule, message, hint)
        self.flush()
        self.report.problems.sort(key=lambda p: (p.line or 0, p.column or "", p.rule))
        if self.article is not None:
            self.report.citation = citation_summary(self.table, self.article, self.citation_rows, self.citation_ok)

    # ---- the pass
    def run(self, fh: IO[bytes], total_bytes: int | None) -> Report:
        # The cyclic garbage collector would run every few hundred rows and walk the
        # chunk's lists each time (a quarter of the time); collect once per chunk instead.
        enabled = gc.isenabled()
        gc.disable()
        try:
            return self._run(fh)
        finally:
            if enabled:
                gc.enable()

    def _run(self, fh: IO[bytes]) -> Report:
        counter = [0]
        reader = csv.reader(_decoded_lines(fh, counter), strict=True)
        cols: list[_Column | None] | None = None
        cells_: list[list[str]] = []
        lines: list[int] = []
        rows: list[int] = []
        last_line = 0
        data_rows = 0
        width = -1
        chunk_rows = self.chunk_rows
        progress = self.progress
        step = PROGRESS_ROWS if progress and chunk_rows > PROGRESS_ROWS else 0
        try:
            try:
                for cells in reader:
                    line = last_line + 1
                    last_line = reader.line_num
                    if len(cells) == width and cells[0][:1] != COMMENT:
                        # the common case: a well-formed data row
                        data_rows += 1
                        cells_.append(cells)
                        lines.append(line)
                        rows.append(data_rows)
                        if len(cells_) >= chunk_rows:
                            self.run_chunk(self.build(cols, cells_, lines, rows))
                            cells_, lines, rows = [], [], []
                            gc.collect(1)
                            if progress:
                                progress(data_rows, counter[0])
                        elif step and not data_rows % step:
                            progress(data_rows, counter[0])
                        continue
                    if cells and cells[0].startswith(COMMENT):
                        continue
                    if cols is None:
                        if not cells:
                            self.problem(line, None, None, None, "blank_line", "blank line before the header", "delete the line")
                            continue
                        cols = self.header(cells, line)
                        width = len(cols)
                        self.flush()
                        continue
                    if not cells:
                        self.problem(line, None, None, None, "blank_line", "blank line", "delete the line")
                        continue
                    data_rows += 1
                    self.problem(line, data_rows, None, ",".join(cells), "ragged_row",
                                 f"the row has {len(cells)} cells, the header has {len(cols)}",
                                 "quote cells that contain a comma, write numbers with a decimal point (4.8), "
                                 "and give every row one cell per column")
            except csv.Error as e:
                start = last_line + 1
                text = str(e)
                if "unexpected end of data" in text or "expected after" in text:
                    raise _Fatal("unclosed_quote", f"a quote opened in the row starting on line {start} is not closed where it should be",
                                 'put quotes around whole cells only, and write a quote inside a quoted cell as two quotes ("")', start) from None
                raise _Fatal("csv_syntax", f"the row starting on line {start} is not valid CSV ({text})",
                             "save the file again as CSV from a spreadsheet, with ',' as delimiter", start) from None
            finally:
                self.report.rows = data_rows
            if cols is None:
                if last_line == 0:
                    raise _Fatal("empty_file", "the file is empty",
                                 f"start from 'turaz-data template {self.table}', which writes the header line")
                raise _Fatal("no_header", "the file has no header line (only comments or blank lines)",
                             f"start from 'turaz-data template {self.table}', which writes the header line")
            if data_rows == 0:
                self.problem(None, None, None, None, "no_rows", "the file has a header but no data rows",
                             "add rows under the header (lines starting with '#' are comments and are skipped)")
            self.run_chunk(self.build(cols, cells_, lines, rows))
            if self.progress:
                self.progress(data_rows, counter[0])
        except _Fatal as f:
            self.report.fatal = Problem(table=self.table, row=None, column=None, value=None, rule=f.rule,
                                        message=f.message, hint=f.hint, line=f.line)
            self.report.collected = None
        self.finish()
        return self.report


@dataclass
class _Chunk:
    """Well-formed rows of a chunk: their lines, row numbers, parsed values by column, and
    the columns of each row whose cell was already reported (only rows with such cells)."""

    lines: list[int]
    rows: list[int]
    columns: dict[str, list]
    bad: dict[int, set[str]]


#: Characters that fail a cell wherever they are: the control characters of _CONTROL and
#: the white space of ``str.isspace`` (tab and space fail only at either end, and line
#: feed is the separator of the joined column in _text_clean).
_SUSPECT = re.compile("[\x00-\x08\x0b-\x1f\x7f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")
#: A cell of the joined column that starts or ends with a space or tab, or starts as a formula.
_EDGES = re.compile(r"\n(?:(?<=[ \t]\n)|[ \t" + "".join(re.escape(c) for c in FORMULA_START) + "])")
_FIRST = frozenset(" \t" + "".join(FORMULA_START))
_INT_CELL = re.compile(r"-?[0-9]{1,18}")
_NUMBER_CELL = re.compile(r"-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?")
_DATE_CELL = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _text_clean(col: tuple[str, ...], n: int) -> bool:
    """True when no cell of a text column can fail the cell rules (control characters,
    white space at either end, not NFC, formula start), checked on the joined column."""
    j = "\n".join(col)
    if j.count("\n") != n - 1 or _SUSPECT.search(j) or j[:1] in _FIRST or j[-1:] in (" ", "\t"):
        return False
    if _EDGES.search(j):
        return False
    return j.isascii() or unicodedata.is_normalized("NFC", j)


def _text_dirty(s: str) -> bool:
    """True when :meth:`_Validator.cell` has something to say about a non-empty text cell."""
    return bool(_CONTROL.search(s) or s != s.strip() or s.startswith(FORMULA_START)
                or not (s.isascii() or unicodedata.is_normalized("NFC", s)))


def _int_cell(s: str) -> int | None:
    return int(s) if _INT_CELL.fullmatch(s) else None


def _number_cell(s: str) -> float | None:
    v = float(s) if _NUMBER_CELL.fullmatch(s) else math.nan
    return v if math.isfinite(v) else None


def iso_date_cell(s: str) -> str | None:
    """``s`` when it is a real calendar day written YYYY-MM-DD, else None."""
    if not _DATE_CELL.fullmatch(s):
        return None
    try:
        _dt.date.fromisoformat(s)
    except ValueError:
        return None
    return s


_TYPED_CELL = {"integer": _int_cell, "number": _number_cell, "date": iso_date_cell}


def _typed_column(f: FieldDesc, col: tuple[str, ...]) -> tuple[list, list[int]]:
    """Values and flagged cells of an integer, number or date column (see _Validator.column)."""
    parse = _TYPED_CELL[f.type]
    values = [parse(s) for s in col]
    flagged = [i for i, (s, v) in enumerate(zip(col, values)) if v is None and (s or f.required)]
    return values, flagged


def _frame(fs: tuple[FieldDesc, ...], columns: dict[str, list], n: int):
    """A DataFrame shaped as the schemas expect, from parsed columns (None where a cell is bad)."""
    import pandas as pd

    data = {}
    for f in fs:
        values = columns.get(f.name)
        if values is None:
            values = [None] * n
        if f.type == "integer":
            data[f.name] = pd.array(values, dtype="int64" if f.required and None not in values else "Int64")
        elif f.type == "number":
            data[f.name] = pd.array([math.nan if v is None else v for v in values], dtype="float64")
        elif f.is_list:
            data[f.name] = pd.Series(values, dtype="object")
        else:
            data[f.name] = pd.array(values, dtype="string")
    return pd.DataFrame(data)


def _reference_keys(table: str, package, overrides: dict | None) -> dict[str, set]:
    """Key sets of every table ``table`` refers to: ``overrides`` first, else the package's."""
    from turaz_data.tables.storage import read_rows

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
            out[res] = {r[col] for r in read_rows(res, package)}
    return out


def _keys_of(table: str, column: str, package, overrides: dict | None) -> set:
    from turaz_data.tables.storage import read_rows

    if overrides and table in overrides:
        return set(overrides[table])
    if overrides and f"{table}:rows" in overrides:
        return {r[column] for r in overrides[f"{table}:rows"]}
    return {r[column] for r in read_rows(table, package)}


def _taken_ids(table: str, package, overrides: dict | None) -> dict[str, str]:
    """Ids a new row of ``table`` may not use (other claim tables, withdrawn ids), with why."""
    from turaz_data.tables.rowrules import taken_ids

    if table not in CLAIM_TABLES and table != "retractions":
        return {}
    return taken_ids(table, {t: _keys_of(t, "id", package, overrides) for t in (*CLAIM_TABLES, "retractions")
                             if t != table})


def _shipped_keys(table: str, package, overrides: dict | None) -> set[tuple]:
    from turaz_data.tables.storage import read_rows

    pk = TABLES_BY_NAME[table].primary_key
    if overrides and f"{table}:rows" in overrides:
        rows = overrides[f"{table}:rows"]
    else:
        rows = read_rows(table, package)
    return {tuple(r[k] for k in pk) for r in rows}


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
    ``fast``: a file on disk is first screened in bulk by :mod:`turaz_data.contrib.fastcheck`;
    when that cannot show the file valid, the full validator reads it line by line and
    reports every problem. ``fast=False`` skips the screen (the report is the same).
    """
    from turaz_data.tables.storage import resource
    from turaz_data.errors import UnknownTableError

    if table not in TABLES_BY_NAME:
        raise UnknownTableError(table, list(TABLES_BY_NAME))
    resource(table, package)
    label = name or (str(source) if isinstance(source, (str, os.PathLike)) else getattr(source, "name", "<input>"))
    ref_keys, shipped_keys = _reference_keys(table, package, refs), _shipped_keys(table, package, refs)
    taken = _taken_ids(table, package, refs)
    checker = None
    if article is not None and TABLES_BY_NAME[table].claim:
        from turaz_data.source.verify import InputError, value_checker

        try:
            checker = value_checker(article, package)
        except InputError as e:
            raise ContribError(f"cannot check values against the article: {e}") from None
    if fast and not _collect and isinstance(source, (str, os.PathLike)) and os.path.isfile(source):
        from turaz_data.contrib.fastcheck import screen

        report = screen(source, table, label=label, refs=ref_keys, shipped=shipped_keys, replace=replace,
                        article=article, verifier=checker, progress=progress, taken=taken)
        if report is not None:
            return report
    v = _Validator(table, label, ref_keys=ref_keys, shipped_keys=shipped_keys, replace=replace, article=article,
                   chunk_rows=chunk_rows, max_problems=max_problems, collect=_collect, progress=progress, taken=taken,
                   checker=checker)
    if isinstance(source, (str, os.PathLike)):
        try:
            fh = open(source, "rb")
        except OSError as e:
            v.report.fatal = Problem(table=table, row=None, column=None, value=None, rule="cannot_open",
                                     message=f"cannot open the file: {e.strerror or e}",
                                     hint="check the path")
            return v.report
        with fh:
            return v.run(fh, None)
    return v.run(source, None)


# --------------------------------------------------------------------------- add


@dataclass
class AddResult:
    report: Report
    path: str | None = None
    added: int = 0
    replaced: int = 0
    written: bool = False


def _writable_root(package) -> Path:
    from turaz_data.tables.storage import package_root

    root = Path(str(package_root(package)))
    if root.name == "_data" and (root.parent / "__init__.py").is_file():
        raise ContribError(
            f"the tables at {root} belong to an installed turaz-data package; add changes the tables "
            "of a source checkout: run it in a clone of the repository, or pass "
            "--package PATH/datapackage.json of the copy to change")
    if not os.access(root / "tables", os.W_OK):
        raise ContribError(f"cannot write to {root / 'tables'}: the folder is read-only")
    return root


def add_file(
    source: str | os.PathLike,
    table: str,
    *,
    replace: bool = False,
    package: str | os.PathLike | None = None,
    article: Any = None,
    chunk_rows: int = DEFAULT_CHUNK_ROWS,
    max_problems: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    lock_timeout: float = LOCK_TIMEOUT,
) -> AddResult:
    """Validate ``source``, then merge its rows into the table of ``package``.

    New keys are added, existing keys replaced only with ``replace``; the table is
    rendered with :func:`turaz_data.tables.storage.render_csv` (its column order, sorted by key)
    and written with :func:`turaz_data.tables.storage.atomic_write`. When the file is invalid, or
    anything fails before the final rename, the table is left as it was.

    The whole add (validation against the shipped keys, merge, write) holds a lock on
    the package (``.turaz-add.lock`` beside its datapackage.json), so two adds at once
    run one after the other and neither loses the other's rows; an add that waits more
    than ``lock_timeout`` seconds gives up with a :class:`ContribError`.
    """
    from filelock import FileLock, Timeout

    root = _writable_root(package)
    lock = root / LOCK_NAME
    try:
        with FileLock(str(lock), timeout=lock_timeout):
            return _add_locked(source, table, replace=replace, package=package, article=article,
                               chunk_rows=chunk_rows, max_problems=max_problems, progress=progress)
    except Timeout:
        raise ContribError(
            f"another 'turaz-data add' is changing the tables of {root} (it holds {lock}); waited "
            f"{lock_timeout:g} s. Run the add again when that one has finished; nothing was written") from None
    except PermissionError as e:
        raise ContribError(f"cannot create the lock file {lock}: {e.strerror or e}; nothing was written") from None


def _add_locked(source, table: str, *, replace: bool, package, article, chunk_rows: int,
                max_problems: int | None, progress) -> AddResult:
    from turaz_data.tables.storage import atomic_write, frame_from_rows, read_rows, render_csv, resource, table_path
    from turaz_data.errors import TurazValidationError
    from turaz_data.tables.schemas import build_schema, validate

    report = validate_file(source, table, package=package, replace=replace, article=article,
                           chunk_rows=chunk_rows, max_problems=max_problems, progress=progress, _collect=True)
    path = Path(str(table_path(table, package)))
    result = AddResult(report=report, path=str(path))
    if not report.valid:
        return result
    res = resource(table, package)
    pk = TABLES_BY_NAME[table].primary_key
    merged = {tuple(r[k] for k in pk): r for r in read_rows(table, package)}
    for row in report.collected or []:
        key = tuple(row[k] for k in pk)
        if key in merged:
            result.replaced += 1
        else:
            result.added += 1
        merged[key] = row
    rows = list(merged.values())
    # Belt and braces: the merged table must pass the table's own schema.
    refs = _reference_keys(table, package, None)
    for f in fields(table):
        if f.fk and f.fk.split(".")[0] == table:
            refs[table] = {r[f.fk.split(".")[1]] for r in rows}
        if f.claim_ref:
            refs["claims"] = refs.get("claims", set()) | {r["id"] for r in rows if table in CLAIM_TABLES}
    try:
        validate(frame_from_rows(res, rows), table, build_schema(table, refs=refs))
    except TurazValidationError as e:
        raise ContribError(f"the merged table would not be valid; nothing was written:\n{e}") from None
    data = render_csv(res, rows)
    if path.read_bytes() != data:
        try:
            atomic_write(path, data)
        except OSError as e:
            raise ContribError(f"could not write {path}: {e.strerror or e}; the table is unchanged") from None
        result.written = True
    return result


# --------------------------------------------------------------------------- template


def template(table: str) -> str:
    """An empty CSV for ``table``: the header, then a commented example row."""
    from turaz_data.tables.storage import format_cell
    from turaz_data.errors import UnknownTableError

    if table not in TABLES_BY_NAME:
        raise UnknownTableError(table, list(TABLES_BY_NAME))
    from turaz_data.tables.models import EXAMPLE_ROWS

    fs = fields(table)
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\n")
    w.writerow([f.name for f in fs])
    head = buf.getvalue()
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\n")
    example = EXAMPLE_ROWS.get(table) or {f.name: f.example for f in fs}
    w.writerow([format_cell(example.get(f.name)) for f in fs])
    return (head
            + f"# Lines starting with '#' are comments and are skipped. Example row of {table} below: "
            "remove its '#' and edit it, or write your rows under the header.\n"
            + COMMENT + buf.getvalue())
