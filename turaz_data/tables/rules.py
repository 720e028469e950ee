"""The rule catalogue: every cell, row, table and file rule of the tables, declared once.

Each rule is a :class:`Rule`: a stable ``code``, a message template, a fix template and
its scope. Cell rules also carry the check on one value; row rules carry the check on
one row and the same check on a whole frame (vectorised). Everything that judges a
table asks this module and never restates a rule:

- the Pydantic models (:mod:`turaz_data.tables.models`) validate text, EDTF dates, list
  items and cross-column rules with these checks and raise the rule's code;
- the Pandera schemas (:mod:`turaz_data.tables.schemas`) take their messages and row
  checks from here;
- the file engine (:mod:`turaz_data.contrib.engine`) screens whole columns with the
  vectorised forms and words each flagged cell with :func:`check_cell`;
- the verifier (:mod:`turaz_data.source.verify`) checks evidence tokens with
  :func:`evidence_problem`.

So the same mistake gets the same code and the same words at every entry point, and
``grep -rn '"CODE"' turaz_data`` finds the one place a rule lives. To add a cross-column
rule, add one :class:`RowRule` to :data:`ROW_RULES` (tests/test_rules.py checks that its
two forms agree).

Standard library only (the EDTF grammar comes from :mod:`turaz_data.tables.edtf`, itself
standard library only).
"""

from __future__ import annotations

import datetime as _dt
import difflib
import math
import os
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from turaz_data.tables.edtf import EDTF_PATTERN, after_period, is_edtf

# --------------------------------------------------------------------------- grammar

#: The delimiter of list cells ("a|b|c").
LIST_DELIMITER = "|"
#: Characters that make a spreadsheet run a cell as a formula.
FORMULA_START = ("=", "+", "-", "@")
#: Ids and slugs.
SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
#: Web addresses.
URL_PATTERN = r"^https?://\S+$"
#: The article has footnotes 1-59: the range of every footnote column.
N_FOOTNOTES = 59
#: Evidence: 1-4 verbatim tokens of at most 80 characters.
MAX_TOKENS = 4
MAX_TOKEN_CHARS = 80

#: Code points no text cell may hold: C0 controls but tab (line breaks included), DEL,
#: the line and paragraph separators U+2028/U+2029, and the bidirectional embedding,
#: override and isolate controls U+202A-U+202E and U+2066-U+2069 (they reorder what a
#: reader sees, "Trojan Source").
CONTROL_RANGES = ((0x00, 0x08), (0x0A, 0x1F), (0x7F, 0x7F), (0x2028, 0x2029), (0x202A, 0x202E), (0x2066, 0x2069))


def _class(ranges, fmt: Callable[[int], str]) -> str:
    return "[" + "".join(fmt(a) if a == b else fmt(a) + "-" + fmt(b) for a, b in ranges) + "]"


#: The control characters as a Python regular expression ...
CONTROL_RE = _class(CONTROL_RANGES, lambda c: f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}")
#: ... and as an RE2 one (pyarrow.compute).
CONTROL_RE2 = _class(CONTROL_RANGES, lambda c: f"\\x{{{c:x}}}")
_CONTROL = re.compile(CONTROL_RE)
#: The white space ``str.strip()`` removes: a text cell may not start or end with it.
WHITESPACE = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) \
    + "\u2028\u2029\u202f\u205f\u3000"
_WS2 = "".join(f"\\x{{{ord(c):x}}}" for c in WHITESPACE)
_FORMULA2 = "".join("\\" + c for c in FORMULA_START)
#: RE2: a cell that holds a control character, starts or ends with white space or
#: starts as a formula (a superset screen of the text rules but NFC).
TEXT_SCREEN_RE2 = f"{CONTROL_RE2}|^[{_WS2}{_FORMULA2}]|[{_WS2}]$"

INT_RE = r"^-?[0-9]{1,18}$"
NUMBER_RE = r"^-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?$"
ISO_DATE_RE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
DECIMAL_COMMA_RE = r"^-?[0-9]+(,[0-9]+)+$"
_BIGINT = re.compile(r"^-?[0-9]+$")
_NUMBER, _ISO_DATE, _DECIMAL_COMMA = re.compile(NUMBER_RE), re.compile(ISO_DATE_RE), re.compile(DECIMAL_COMMA_RE)
_EDTF = re.compile(EDTF_PATTERN)
_INT64_MAX = 2**63 - 1


# --------------------------------------------------------------------------- rules


@dataclass(frozen=True)
class Rule:
    """One rule: a stable code, what is wrong (``message``) and how to fix it (``fix``).

    Both are templates; :meth:`words` fills them in. ``scope`` is 'cell', 'row',
    'table' (keys) or 'file' (what only a CSV file can get wrong)."""

    code: str
    scope: str
    message: str
    fix: str

    def words(self, **kw: Any) -> tuple[str, str]:
        return self.message.format(**kw), self.fix.format(**kw)


RULES: dict[str, Rule] = {}


def _rule(code: str, scope: str, message: str, fix: str) -> Rule:
    assert code not in RULES, code
    RULES[code] = r = Rule(code, scope, message, fix)
    return r


REQUIRED = _rule("required", "cell", "a value is required", "fill in the cell")
TEXT_EMPTY = _rule("text_empty", "cell", "an empty string where an empty value is meant",
                   "leave the value empty (None or NA), not an empty string")
TEXT_CONTROL = _rule("text_control", "cell",
                     "control character (such as NUL), line break or bidirectional control inside the cell",
                     "remove it")
TEXT_WHITESPACE = _rule("text_whitespace", "cell", "leading or trailing white space", "remove the spaces at the ends")
TEXT_FORMULA = _rule("text_formula", "cell", "starts with =, +, - or @ (spreadsheet formula injection)",
                     "reword so it starts with a letter or digit")
TEXT_NFC = _rule("text_nfc", "cell", "text is not in Unicode NFC",
                 "normalise the text to NFC (turaz-data validate and add do it for a contributed file)")
DECIMAL_COMMA = _rule("decimal_comma", "cell", "number written with a decimal comma or thousands separator",
                      "write numbers with a decimal point and no separators, e.g. {example}")
DTYPE = _rule("dtype", "cell", "{what}", "{example}")
ENUM = _rule("enum", "cell", "not one of the allowed codes ({codes})", "{fix}")
MINIMUM = _rule("minimum", "cell", "below the minimum {limit:g}", "{fix}")
MAXIMUM = _rule("maximum", "cell", "above the maximum {limit:g}", "{fix}")
PATTERN = _rule("pattern", "cell", "does not match the pattern {pattern}", "{fix}")
MAX_LENGTH = _rule("max_length", "cell", "longer than {limit} characters", "shorten it")
EDTF = _rule("edtf", "cell", "not an EDTF date",
             "write dates as 1992-08-11, 1992-08, 1992, 1999/2008, 2014/.. (open end) or 2001~ (approximate)")
EDTF_CALENDAR = _rule("edtf_calendar", "cell",
                      "not a real date: an impossible day or an interval that ends before it starts",
                      "check the day, the month and the order of the interval's ends")
DATE_AFTER_PERIOD = _rule("date_after_period", "cell", "the date is after 2023, when the article was published",
                          "check the year: the article covers 1918-2023 and cannot back a later claim")
LIST_LENGTH = _rule("list_length", "cell", "needs {items} items separated by '|'", "add or remove items")
LIST_ITEMS = _rule("list_items", "cell", "every item must be {what}", "{fix}")
FOREIGN_KEY = _rule("foreign_key", "cell", "not an existing {column} of the {table} table{every}", "{fix}")
UNIQUE_KEY = _rule("unique_key", "table", "duplicated key: {where} has the same {column}",
                   "give each row its own key, or delete one of the two rows")
KEY_EXISTS = _rule("key_exists", "table", "{column} {key} is already in the shipped table {table}",
                   "to correct that row, validate and add with --replace; to add a new row, choose a new key")
CITATION = _rule("citation", "row", "{reason}",
                 "copy the token verbatim from the article (case and diacritics count), or correct footnote and support")
EVIDENCE = _rule("evidence", "cell", "evidence token {token} {why}", "{fix}")

# File rules: what only a CSV file can get wrong (read by the file engine).
UTF8_HINT = ("save the file as UTF-8 (in Excel: 'CSV UTF-8 (comma delimited)'; in LibreOffice: "
             "character set Unicode (UTF-8))")
NOT_UTF8 = _rule("not_utf8", "file", "not UTF-8: byte {byte} of line {line} (byte {offset} of the file) is 0x{hex}",
                 "{utf16}" + UTF8_HINT)
WRONG_DELIMITER = _rule("wrong_delimiter", "file", "the file is delimited with {name}, not commas",
                        "save it as CSV with ',' as the field delimiter (in LibreOffice: Field delimiter ','; "
                        "in Excel: 'CSV UTF-8 (comma delimited)')")
COLUMN_DUPLICATED = _rule("column_duplicated", "file", "column '{column}' appears more than once in the header",
                          "keep one column of that name and delete the other")
COLUMN_UNKNOWN = _rule("column_unknown", "file", "unknown column '{column}'", "{fix}")
COLUMN_MISSING = _rule("column_missing", "file", "column '{column}' is missing",
                       "add it to the header: it is {need}; run 'turaz-data template {table}' for the full header")
RAGGED_ROW = _rule("ragged_row", "file", "the row has {cells} cells, the header has {width}",
                   "quote cells that contain a comma, write numbers with a decimal point (4.8), "
                   "and give every row one cell per column")
BLANK_LINE = _rule("blank_line", "file", "blank line{where}", "delete the line")
EMPTY_FILE = _rule("empty_file", "file", "the file is empty",
                   "start from 'turaz-data template {table}', which writes the header line")
NO_HEADER = _rule("no_header", "file", "the file has no header line (only comments or blank lines)",
                  "start from 'turaz-data template {table}', which writes the header line")
NO_ROWS = _rule("no_rows", "file", "the file has a header but no data rows",
                "add rows under the header (lines starting with '#' are comments and are skipped)")
UNCLOSED_QUOTE = _rule("unclosed_quote", "file",
                       "a quote opened in the row starting on line {line} is not closed where it should be",
                       'put quotes around whole cells only, and write a quote inside a quoted cell as two quotes ("")')
CSV_SYNTAX = _rule("csv_syntax", "file", "the row starting on line {line} is not valid CSV ({error})",
                   "save the file again as CSV from a spreadsheet, with ',' as delimiter")
CANNOT_OPEN = _rule("cannot_open", "file", "cannot open the file: {error}", "check the path")


# --------------------------------------------------------------------------- row rules


@dataclass(frozen=True)
class RowRule(Rule):
    """A cross-column rule: ``row(r)`` on one row (a mapping of typed values, None for
    empty) and ``frame(d)`` on a whole frame of typed columns (a boolean mask, true where
    the row is valid; empty cells are missing values). Both say the same thing."""

    table: str = ""
    columns: tuple[str, ...] = ()
    row: Callable[[Any], bool] = lambda r: True
    frame: Callable[[Any], Any] | None = None


ROW_RULES: dict[str, list[RowRule]] = {}
_ROW_FIX = "correct the row so the values agree"


def _row_rule(table: str, code: str, message: str, columns: tuple[str, ...], row, frame) -> RowRule:
    """Declare a row rule of ``table``. One code may serve several tables (the claim rules
    hold in each claim table) only with the same message."""
    assert code not in RULES or (isinstance(RULES[code], RowRule) and RULES[code].message == message
                                 and all(r.code != code for r in ROW_RULES.get(table, ()))), code
    r = RowRule(code, "row", message, _ROW_FIX, table=table, columns=columns, row=row, frame=frame)
    RULES.setdefault(code, r)
    ROW_RULES.setdefault(table, []).append(r)
    return r


_row_rule("footnotes", "summary_iff_comment",
          "summary is required when kind is 'comment' and must be empty otherwise", ("kind", "summary"),
          lambda r: (r["kind"] == "comment") == (r["summary"] is not None),
          lambda d: (d["kind"] == "comment") == d["summary"].notna())
_row_rule("citations", "repeats_rule",
          "repeats must be empty for 'full' and name an earlier footnote for short, ibid and op_cit",
          ("form", "repeats", "footnote"),
          lambda r: (r["repeats"] is None) if r["form"] == "full"
          else (r["repeats"] is not None and r["repeats"] < r["footnote"]),
          lambda d: ((d["form"] == "full") & d["repeats"].isna())
          | ((d["form"] != "full") & d["repeats"].notna() & (d["repeats"] < d["footnote"])).fillna(False))
_row_rule("actors", "codes_for_states", "cow_code and gw_code are for states and historical states only",
          ("type", "cow_code", "gw_code"),
          lambda r: r["type"] in ("state", "historical_state") or (r["cow_code"] is None and r["gw_code"] is None),
          lambda d: d["type"].isin(["state", "historical_state"]) | (d["cow_code"].isna() & d["gw_code"].isna()))
_row_rule("arms_transfers", "number_qualifier",
          "number_qualifier is required when number is given and must be empty otherwise",
          ("number", "number_qualifier"),
          lambda r: (r["number"] is None) == (r["number_qualifier"] is None),
          lambda d: d["number"].isna() == d["number_qualifier"].isna())
_row_rule("arms_transfers", "supplier_recipient", "supplier and recipient must differ", ("supplier", "recipient"),
          lambda r: r["supplier"] != r["recipient"],
          lambda d: d["supplier"] != d["recipient"])
_row_rule("quantities", "percent_range", "a percentage must be between 0 and 100", ("unit", "value"),
          lambda r: r["unit"] != "percent" or r["value"] <= 100,
          lambda d: (d["unit"] != "percent") | (d["value"] <= 100))


# --------------------------------------------------------------------------- claim rows
#
# The provenance columns of the four claim tables (issue 12). Each rule is a check on one
# row (``row``); its ``frame`` form runs that same check once per distinct combination of
# the columns it reads (rows repeat codes and empty cells a lot), so both forms agree by
# construction. List cells may come as lists, tuples or the raw 'a|b' text.

#: The columns of each claim table that hold actor ids (the roles a row gives actors).
ACTOR_COLUMNS: dict[str, tuple[str, ...]] = {
    "events": ("actors", "targets"),
    "agreements": ("parties", "named"),
    "arms_transfers": ("supplier", "recipient"),
    "quantities": ("actors",),
}
#: The claim tables (their ids are unique across all four).
CLAIM_TABLE_NAMES = tuple(ACTOR_COLUMNS)
#: EDTF marks of an uncertain or approximate date.
UNCERTAINTY_MARKS = ("~", "?", "%")


def _value(v):
    """A cell's value, or None when empty (None, NaN, pandas NA, '')."""
    if v is None:
        return None
    if isinstance(v, str):
        return v or None
    if isinstance(v, float) and math.isnan(v):
        return None
    if type(v).__name__ in ("NAType", "NaTType"):
        return None
    return v


def _filled(v) -> bool:
    v = _value(v)
    return v is not None and (len(v) > 0 if isinstance(v, (tuple, list)) else True)


def _items(v) -> list:
    """A list cell as a list."""
    v = _value(v)
    if v is None:
        return []
    if isinstance(v, str):
        return v.split(LIST_DELIMITER)
    return list(v)


def _distinct(check: Callable[[Any], bool], columns: tuple[str, ...], presence: tuple[str, ...] = (),
              only_if: tuple[str, ...] = (), only_when: tuple[str, str] | None = None) -> Callable[[Any], Any]:
    """The frame form of a row check: a boolean mask, ``check`` run once per distinct
    combination of ``columns``. Hints that change no answer, only the time taken:
    ``presence``: columns read only as empty or not; ``only_if``: the rule holds when all
    of these are empty; ``only_when``: (column, value): it holds unless the column holds it."""

    def frame(d):
        import numpy as np
        import pandas as pd

        def factorize(s):
            if s.dtype == object:
                s = pd.Series([tuple(v) if isinstance(v, list) else v for v in s.tolist()], dtype=object)
            k, u = pd.factorize(s, use_na_sentinel=True)
            return np.asarray(k), list(u)

        out = np.ones(len(d), dtype=bool)
        rows = np.arange(len(d))
        if only_if and len(d):
            need = np.zeros(len(d), dtype=bool)
            for c in only_if:
                if c in d:
                    k, u = factorize(d[c])
                    need |= np.array([_filled(v) for v in u] + [False], dtype=bool)[k]
            rows = np.flatnonzero(need)
        if only_when and len(rows) and only_when[0] in d:
            c, v = only_when
            rows = rows[(d[c].iloc[rows] == v).fillna(False).to_numpy(dtype=bool)]
        if not len(rows):
            return pd.Series(out, index=d.index, dtype=bool)
        sub = d.iloc[rows]
        codes, values = [], []
        for c in columns:
            k, u = factorize(sub[c]) if c in sub else (np.full(len(rows), -1), [])
            if c in presence:
                full = np.array([_filled(x) for x in u] + [False], dtype=bool)
                k, u = np.where(full[k], 0, -1), ["non-empty"]
            codes.append(k)
            values.append(u)
        key = np.zeros(len(rows), dtype=np.int64)
        for k, vals in zip(codes, values, strict=True):
            key = np.asarray(pd.factorize(key * (len(vals) + 1) + (k + 1))[0], dtype=np.int64)
        inverse, combos = pd.factorize(key)
        first = np.empty(len(combos), dtype=np.int64)
        first[inverse[::-1]] = np.arange(len(rows))[::-1]  # the first row of each combination

        def cell(j: int, i: int):
            code = codes[j][i]
            v = values[j][code] if code >= 0 else None
            return list(v) if isinstance(v, tuple) else v

        good = np.array([bool(check({c: cell(j, i) for j, c in enumerate(columns)})) for i in first], dtype=bool)
        out[rows] = good[inverse]
        return pd.Series(out, index=d.index, dtype=bool)

    return frame


#: The provenance rules of each claim table (also in :data:`ROW_RULES`).
CLAIM_RULES: dict[str, list[RowRule]] = {}


def _claim_rule(table: str, code: str, message: str, columns: tuple[str, ...], check, **hints) -> RowRule:
    r = _row_rule(table, code, message, columns, check, _distinct(check, columns, **hints))
    CLAIM_RULES.setdefault(table, []).append(r)
    return r


def _date_basis(r) -> bool:
    return (_value(r.get("date")) is None) == (_value(r["date_basis"]) is None)


def _date_from(r) -> bool:
    return (_value(r["date_basis"]) == "context") == (_value(r["date_from"]) is not None)


def _inferred(r) -> bool:
    if _value(r["date_basis"]) != "inferred":
        return True
    date = _value(r.get("date")) or ""
    return any(m in date for m in UNCERTAINTY_MARKS) and _value(r["note"]) is not None


def _no_self(r) -> bool:
    me = _value(r["id"])
    return me is None or me not in [_value(r["date_from"]), _value(r["part_of"]), *_items(r["overlaps"])]


def _attribution(r) -> bool:
    return (_value(r["attribution"]) in ("reported", "assessment")) == (_value(r["attributed_to"]) is not None)


def _unnamed(columns: tuple[str, ...]) -> Callable[[Any], bool]:
    def check(r) -> bool:
        unnamed = _items(r["unnamed_actors"])
        if not unnamed:
            return True
        return set(unnamed) <= {a for c in columns for a in _items(r[c])} and _value(r["note"]) is not None

    return check


def _disjoint(a: str, b: str) -> Callable[[Any], bool]:
    return lambda r: not (set(_items(r[a])) & set(_items(r[b])))


def _basis_iff(value: str, basis: str) -> Callable[[Any], bool]:
    def check(r) -> bool:
        b = _value(r[basis])
        if (_value(r[value]) is not None) != (b is not None):
            return False
        return b != "inferred" or _value(r["note"]) is not None

    return check


for _t, _actor_cols in ACTOR_COLUMNS.items():
    _claim_rule(_t, "date_basis_rule", "date_basis is required when date is given and must be empty otherwise",
                ("date", "date_basis"), _date_basis, presence=("date",))
    _claim_rule(_t, "date_from_rule", "date_from is required when date_basis is 'context' and must be empty otherwise",
                ("date_basis", "date_from"), _date_from, presence=("date_from",))
    _claim_rule(_t, "inferred_date_rule", "an inferred date must carry an EDTF uncertainty mark (~, ? or %) and the note must say how it was inferred", ("date", "date_basis", "note"), _inferred,
                only_when=("date_basis", "inferred"), presence=("note",))
    _claim_rule(_t, "self_reference", "date_from, part_of and overlaps must not name the row itself",
                ("id", "date_from", "part_of", "overlaps"), _no_self, only_if=("date_from", "part_of", "overlaps"))
    _claim_rule(_t, "attribution_rule", "attributed_to is required when attribution is 'reported' or 'assessment' and must be empty when it is 'asserted'", ("attribution", "attributed_to"), _attribution,
                presence=("attributed_to",))
    _claim_rule(_t, "unnamed_actors_rule", "every unnamed_actors item must be one of the row's own actor ids (in its actor columns) and the note must explain why the scope does not name it",
                ("unnamed_actors", "note", *_actor_cols), _unnamed(_actor_cols), only_if=("unnamed_actors",),
                presence=("note",))
_claim_rule("events", "actors_targets_disjoint", "an actor is either a participant (actors) or a target (targets), not both", ("actors", "targets"), _disjoint("actors", "targets"))
_claim_rule("agreements", "parties_named_disjoint", "a signatory belongs in parties only; named holds other bodies",
            ("parties", "named"), _disjoint("parties", "named"))
_claim_rule("arms_transfers", "number_basis_rule", "number_basis is required when number is given and must be empty otherwise; an inferred number needs a note", ("number", "number_basis", "note"),
            _basis_iff("number", "number_basis"), presence=("number", "note"))
_claim_rule("quantities", "value_basis_rule", "an inferred value needs a note saying how it was inferred",
            ("value", "value_basis", "note"), _basis_iff("value", "value_basis"), presence=("value", "note"))


# --------------------------------------------------------------------------- across tables

ID_TAKEN = _rule("id_taken", "table", "{column} {key} is {why}", "choose a new id")


def taken_ids(table: str, keys: Any) -> dict[str, str]:
    """Ids a row of ``table`` may not use, with why: claim ids are unique across the four
    claim tables, and a withdrawn id (retractions) is never used again. ``keys`` maps table
    names to their ids (claim tables and retractions)."""
    out: dict[str, str] = {}
    if table in ACTOR_COLUMNS:
        for other in (*ACTOR_COLUMNS, "retractions"):
            if other == table:
                continue
            why = ("withdrawn (listed in retractions): a withdrawn id is never used again" if other == "retractions"
                   else f"already the id of a row of the {other} table: ids are unique across the claim tables")
            out.update(dict.fromkeys(keys.get(other, ()), why))
    elif table == "retractions":
        for other in ACTOR_COLUMNS:
            out.update(dict.fromkeys(keys.get(other, ()),
                                     f"still the id of a row of the {other} table: remove the row before listing it"))
    return out


def cross_table_problems(keys: Any) -> list[tuple[str, str, str]]:
    """(table, id, why) for every id that breaks :func:`taken_ids` in a whole package."""
    out = []
    for table in (*ACTOR_COLUMNS, "retractions"):
        taken = taken_ids(table, keys)
        out += [(table, k, taken[k]) for k in keys.get(table, ()) if k in taken]
    return sorted(set(out))


def row_problems(table: str, row: Any) -> list[RowRule]:
    """The row rules of ``table`` that ``row`` (a mapping of typed values) breaks."""
    return [r for r in ROW_RULES.get(table, ()) if not r.row(row)]


# --------------------------------------------------------------------------- one value


class Column(Protocol):
    """What the cell rules need to know about a column (see tables.fields.FieldDesc)."""

    name: str
    type: str
    required: bool
    item_type: str | None
    enum: tuple[str, ...] | None
    minimum: float | None
    maximum: float | None
    pattern: str | None
    max_length: int | None
    min_items: int | None
    max_items: int | None
    fk: str | None
    edtf: bool

    @property
    def is_list(self) -> bool: ...

    @property
    def is_text(self) -> bool: ...


#: Rules that stop the judging of a cell: a cell that breaks one is not judged further.
GATES = frozenset({"required", "text_empty", "text_control", "text_whitespace", "text_formula", "dtype",
                   "decimal_comma"})


def text_rule(value: str) -> Rule | None:
    """The first text rule a non-empty value breaks (control characters, white space at an
    end, formula start), or None: the gates of every column but the numbers. NFC is
    :func:`nfc_rule`: it applies to free text only, and is a notice in contributed files."""
    if _CONTROL.search(value):
        return TEXT_CONTROL
    if value != value.strip():
        return TEXT_WHITESPACE
    if value.startswith(FORMULA_START):
        return TEXT_FORMULA
    return None


def nfc_rule(value: str) -> Rule | None:
    return None if value.isascii() or unicodedata.is_normalized("NFC", value) else TEXT_NFC


def text_problem(value: str) -> Rule | None:
    """Every text rule of a text value, as the models apply it ('' included)."""
    if value == "":
        return TEXT_EMPTY
    return text_rule(value) or nfc_rule(value)


def edtf_rule(value: str) -> Rule | None:
    if not _EDTF.match(value):
        return EDTF
    if not is_edtf(value):
        return EDTF_CALENDAR
    if after_period(value):
        return DATE_AFTER_PERIOD
    return None


def iso_date(value: str) -> _dt.date | None:
    """The day of a value written YYYY-MM-DD, else None."""
    if not _ISO_DATE.match(value):
        return None
    try:
        return _dt.date.fromisoformat(value)
    except ValueError:
        return None


def parse_integer(value: str) -> int | None:
    """A whole number that fits 64 bits, else None."""
    if not _BIGINT.match(value):
        return None
    v = int(value)
    return v if abs(v) <= _INT64_MAX else None


def parse_number(value: str) -> float | None:
    v = float(value) if _NUMBER.match(value) else math.nan
    return v if math.isfinite(v) else None


def suggest(value: str, choices: Iterable, cutoff: float = 0.6) -> str | None:
    """The closest choice (difflib ratio, ties broken by the longer common prefix), or None."""
    best, best_score = None, 0.0
    for c in choices:
        c = str(c)
        ratio = difflib.SequenceMatcher(None, value, c).ratio()
        if ratio < cutoff:
            continue
        score = ratio + 0.01 * len(os.path.commonprefix([value, c]))
        if score > best_score or (score == best_score and best is not None and c < best):
            best, best_score = c, score
    return best


def _items_words(f: Column) -> tuple[str, str]:
    lo, hi = f.min_items or 0, f.max_items
    return f"{lo}{'-' + str(hi) if hi else ' or more'}", "check each item between the '|' separators"


def words(f: Column, rule: Rule, value: Any = None, keys: Any = None) -> tuple[str, str]:
    """The message and fix of a cell rule for column ``f`` and ``value`` (a typed value
    or the raw text; a list for a list cell). ``keys``: the referenced keys, for hints."""
    code = rule.code
    if code == "dtype":
        big = f.type == "integer" and isinstance(value, str) and bool(_BIGINT.match(value))
        return DTYPE_WORDS[(f.item_type if f.is_list else f.type, "big" if big else "")]
    if code == "decimal_comma":
        s = str(value)
        return rule.words(example=s.replace(",", ".", 1).replace(",", ""))
    if code == "enum":
        fix = "use one of these codes"
        if isinstance(value, str):
            guess = suggest(value.lower(), f.enum or ())
            if guess:
                fix = f"did you mean '{guess}'? Codes: {', '.join(f.enum or ())}"
        return rule.words(codes=", ".join(f.enum or ()), fix=fix)
    if code in ("minimum", "maximum"):
        return _range_words(f, rule, value)
    if code == "pattern":
        fix = ("ids and slugs use lower-case letters, digits and single hyphens" if "a-z0-9" in (f.pattern or "")
               else "see docs/codebook.md")
        return rule.words(pattern=f.pattern, fix=fix)
    if code == "max_length":
        return rule.words(limit=f.max_length)
    if code == "list_length":
        return rule.words(items=_items_words(f)[0])
    if code == "list_items":
        return _list_items_words(f, rule, value)
    if code == "foreign_key" and getattr(f, "claim_ref", False):
        return _claim_ref_words(rule, value, keys)
    if code == "foreign_key":
        return _foreign_key_words(f, rule, value, keys)
    return rule.message, rule.fix


def _range_words(f: Column, rule: Rule, value: Any) -> tuple[str, str]:
    """``words`` for the rules ``minimum`` and ``maximum``."""
    limit = f.minimum if rule.code == "minimum" else f.maximum
    if f.fk == "footnotes.footnote" or f.name in ("footnote", "repeats"):
        shown = value if value is not None else "?"
        if isinstance(shown, float) and shown.is_integer():
            shown = int(shown)
        fix = f"footnote must be 1-{N_FOOTNOTES}; the article has no footnote {shown}"
    elif f.minimum is not None and f.maximum is not None:
        fix = f"use a number in the range {f.minimum:g}-{f.maximum:g}"
    else:
        fix = "check the number"
    return rule.words(limit=limit, fix=fix)


def _list_items_words(f: Column, rule: Rule, value: Any) -> tuple[str, str]:
    """``words`` for the rule ``list_items``."""
    what = (f"one of the codes ({', '.join(f.enum)})" if f.enum
            else ("a slug" if f.pattern else "non-empty text without outer spaces"))
    lim = f" of at most {f.max_length} characters" if f.max_length else ""
    fix = _items_words(f)[1]
    if f.enum and isinstance(value, list):
        wrong = [v for v in value if v not in f.enum]
        if wrong:
            guess = suggest(str(wrong[0]).lower(), f.enum)
            fix = (f"'{wrong[0]}' is not a code" + (f"; did you mean '{guess}'?" if guess else "")
                   + f" Codes: {', '.join(f.enum)}")
    return rule.words(what=what + lim, fix=fix)


def _claim_ref_words(rule: Rule, value: Any, keys: Any) -> tuple[str, str]:
    """``words`` for a foreign key to a claim row of any claim table (``date_from``, ``replaced_by``)."""
    fix = "use the id of an existing claim row (turaz-data show --table events, ...) or add that row first"
    if keys is not None and isinstance(value, str) and value not in keys:
        guess = suggest(value, keys) if len(keys) <= 5000 else None
        fix = f"no claim row has the id '{value}'" + (f"; did you mean '{guess}'?" if guess else "; add that row first")
    return rule.words(column="id", table=" or ".join(CLAIM_TABLE_NAMES), every="", fix=fix)


def _foreign_key_words(f: Column, rule: Rule, value: Any, keys: Any) -> tuple[str, str]:
    """``words`` for the rule ``foreign_key``."""
    res, col = (f.fk or ".").split(".")
    fix = f"use an existing {col} (turaz-data show {res}) or add the row to {res} first"
    if keys is not None:
        items = value if isinstance(value, list) else [value]
        wrong = [v for v in items if v not in keys]
        if wrong:
            w = wrong[0]
            guess = suggest(str(w), keys) if isinstance(w, str) and len(keys) <= 5000 else None
            fix = (f"the {res} table has no {col} " + (f"'{w}'" if isinstance(w, str) else str(w))
                   + (f"; did you mean '{guess}'?" if guess else f"; add the row to {res} first"))
    return rule.words(column=col, table=res, every=" (every item must be one)" if f.is_list else "", fix=fix)


DTYPE_WORDS = {
    ("integer", ""): ("not a whole number", "write digits only, e.g. 12"),
    ("integer", "big"): ("number too large", "check the number"),
    ("number", ""): ("not a number", "write a number with a decimal point, e.g. 4.8"),
    ("date", ""): ("not a calendar date in the form YYYY-MM-DD", "write e.g. 2023-07-21"),
    ("string", ""): ("not text", "write text"),
}


@dataclass(frozen=True)
class Finding:
    """A rule a cell breaks: the rule, and the value shown (None: the cell is empty)."""

    rule: Rule
    value: Any = None


def _free_text_items(f: Column) -> bool:
    """Whether the items of a list column are free text (the text rules apply to them)."""
    return f.is_list and f.item_type == "string" and not f.enum and not f.pattern


def _item_rules(f: Column, item: str) -> Rule | None:
    """The first rule one item of a list cell breaks (foreign keys and NFC apart)."""
    if item == "" or LIST_DELIMITER in item:
        return LIST_ITEMS
    if f.enum and item not in f.enum:
        return LIST_ITEMS
    if f.pattern and not re.search(f.pattern, item):
        return LIST_ITEMS
    if f.max_length and len(item) > f.max_length:
        return LIST_ITEMS
    if _free_text_items(f) and text_rule(item):
        return LIST_ITEMS
    return None


def check_cell(f: Column, raw: str, keys: Any = None) -> tuple[Any, list[Rule], list[Rule]]:
    """Judge one CSV cell of column ``f``: (typed value, rules broken, notices).

    The typed value is None (or [] for a list column) for an empty or broken cell; text
    is normalised to NFC (a ``text_nfc`` notice). Gate rules (empty, control characters,
    white space, number and date forms, formula start; for a list cell they are rules of
    each item) stop at the first broken; the value rules after them (codes, ranges,
    pattern, length, EDTF, items) are all said;
    the foreign key (``keys``: the referenced keys, None to skip) only for a value that
    breaks nothing else.
    """
    empty: Any = [] if f.is_list else None
    if raw == "":
        if f.is_list:
            return empty, ([LIST_LENGTH] if (f.min_items or 0) > 0 else []), []
        return empty, ([REQUIRED] if f.required else []), []
    notices = []
    if f.is_list:  # the items are judged one by one: a bad item breaks 'list_items'
        if _free_text_items(f) and not raw.isascii() and not unicodedata.is_normalized("NFC", raw):
            raw = unicodedata.normalize("NFC", raw)
            notices.append(TEXT_NFC)
        value = raw.split(LIST_DELIMITER)
        broken = value_rules(f, value)
        if not broken and keys is not None and f.fk and any(v not in keys for v in value):
            broken = [FOREIGN_KEY]
        return (empty if broken else value), broken, notices
    gate = _CONTROL.search(raw) and TEXT_CONTROL or (raw != raw.strip() and TEXT_WHITESPACE)
    if gate:
        return empty, [gate], notices
    if f.is_text and not raw.isascii() and not unicodedata.is_normalized("NFC", raw):
        raw = unicodedata.normalize("NFC", raw)
        notices.append(TEXT_NFC)
    value: Any = raw
    if f.type in ("integer", "number"):
        if _DECIMAL_COMMA.match(raw):
            return empty, [DECIMAL_COMMA], notices
        value = parse_integer(raw) if f.type == "integer" else parse_number(raw)
        if value is None:
            return empty, [DTYPE], notices
    elif raw.startswith(FORMULA_START):
        return empty, [TEXT_FORMULA], notices
    elif f.type == "date" and iso_date(raw) is None:
        return empty, [DTYPE], notices
    broken = value_rules(f, value)
    if not broken and keys is not None and f.fk:
        items = value if f.is_list else [value]
        if any(v not in keys for v in items):
            broken = [FOREIGN_KEY]
    return (empty if broken else value), broken, notices


def value_rules(f: Column, value: Any) -> list[Rule]:
    """The value rules a typed, non-empty value of ``f`` breaks (no foreign key)."""
    out: list[Rule] = []
    if f.is_list:
        lo, hi = f.min_items or 0, f.max_items
        if len(value) < lo or (hi is not None and len(value) > hi):
            out.append(LIST_LENGTH)
        if any(_item_rules(f, v) for v in value):
            out.append(LIST_ITEMS)
        return out
    if f.enum and value not in f.enum:
        out.append(ENUM)
    if f.minimum is not None and value < f.minimum:
        out.append(MINIMUM)
    if f.maximum is not None and value > f.maximum:
        out.append(MAXIMUM)
    if f.edtf:
        r = edtf_rule(value)
        if r:
            out.append(r)
    elif f.pattern and not re.search(f.pattern, value):
        out.append(PATTERN)
    if f.max_length is not None and len(value) > f.max_length:
        out.append(MAX_LENGTH)
    return out


def evidence_problem(evidence: Any) -> str | None:
    """Why ``evidence`` is not 1-4 tokens the model accepts, or None (the verifier's check)."""
    if isinstance(evidence, str) or not isinstance(evidence, (list, tuple)):
        return f"evidence must be a list of 1 to {MAX_TOKENS} strings, not {type(evidence).__name__}"
    if not 1 <= len(evidence) <= MAX_TOKENS:
        return f"evidence must hold 1 to {MAX_TOKENS} tokens, not {len(evidence)}"
    for token in evidence:
        why = token_problem(token)
        if why:
            shown = repr(token) if not isinstance(token, str) else '"' + token.replace('"', '\\"') + '"'
            return EVIDENCE.words(token=shown, why=why, fix="")[0]
    return None


def token_problem(token: Any) -> str | None:
    """Why one evidence token is not acceptable, or None."""
    if not isinstance(token, str) or token == "":
        return "is not a non-empty string"
    if LIST_DELIMITER in token:
        return f"holds the list delimiter {LIST_DELIMITER!r}"
    if len(token) > MAX_TOKEN_CHARS:
        return f"is longer than {MAX_TOKEN_CHARS} characters"
    r = text_problem(token)
    if r:
        return f"breaks [{r.code}]: {r.message}"
    return None


# --------------------------------------------------------------------------- pydantic

#: Pydantic error types -> rule codes (for errors Pydantic raises from field constraints).
PYDANTIC_CODES = {
    "missing": "required", "greater_than_equal": "minimum", "greater_than": "minimum",
    "less_than_equal": "maximum", "less_than": "maximum", "string_pattern_mismatch": "pattern",
    "string_too_long": "max_length", "literal_error": "enum", "too_short": "list_length",
    "too_long": "list_length", "int_parsing": "dtype", "int_from_float": "dtype", "int_type": "dtype",
    "float_parsing": "dtype", "float_type": "dtype", "finite_number": "dtype", "date_parsing": "dtype",
    "date_from_datetime_parsing": "dtype", "date_type": "dtype", "string_type": "dtype", "list_type": "dtype",
    "extra_forbidden": "column_unknown", "int_parsing_size": "dtype",
}
