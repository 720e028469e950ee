"""The fast path of ``turaz-data validate``: decide in bulk that a file is valid.

Most files a contributor or a pipeline checks are valid, and a valid file needs no
message. :func:`screen` reads the file with pyarrow's CSV reader (in blocks, so memory
stays bounded) and runs every rule of the table on whole columns with
``pyarrow.compute``. It answers one of two things:

- the file is valid: a :class:`~turaz_data.contrib.engine.Report` with no problems, exactly
  the one the full validator would give;
- it cannot say so: ``None``. The caller then runs the full validator of
  :mod:`turaz_data.contrib.engine`, which finds and words every problem (line, column, value,
  rule, fix). The fast path never words a problem itself, so the two cannot disagree
  about messages.

It is conservative: anything it does not model exactly (a comment or blank line, a
carriage return other than in CRLF line ends, a quote the CSV module would reject, a
cell that would only get a notice such as text not in NFC, ...) sends the file to the
full validator. A byte-order mark and CRLF line ends, as spreadsheets write them, are
read as the full validator reads them. ``tests/test_fastcheck.py`` checks with Hypothesis that whenever the fast
path says "valid", the full validator says so too, with the same row count.

The rules come from the same :class:`~turaz_data.tables.fields.FieldDesc` definitions as the
Pandera schemas (:mod:`turaz_data.tables.schemas`), and the cross-column rules are the
``ROW_RULES`` of :mod:`turaz_data.tables.rowrules`, run on a pandas frame of the typed columns.
"""

from __future__ import annotations

import csv
import os
import re
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable

from turaz_data.contrib import engine as _contrib
from turaz_data.tables.fields import FieldDesc, fields
from turaz_data.tables.models import FORMULA_START, LIST_DELIMITER, TABLES_BY_NAME

#: Bytes read at a time (the scan) and the pyarrow block size.
BLOCK = 4 << 20
#: Columns of a batch checked side by side (at most the number of CPUs).
THREADS = 4

#: The first characters of a text cell or item that spreadsheets run as a formula.
_FORMULA_BYTES = "".join(FORMULA_START).encode("ascii")
# The whole-cell forms of integer, number and date cells: those of the full validator.
_INT = "^" + _contrib._INT_CELL.pattern + "$"
_NUMBER = "^" + _contrib._NUMBER_CELL.pattern + "$"
_DATE = "^" + _contrib._DATE_CELL.pattern + "$"


def _has_control(arr) -> bool:
    """Whether a string array holds a control character or line break (contrib._CONTROL:
    U+0000-U+0008, U+000A-U+001F, U+007F; tab is allowed), read off its UTF-8 bytes.

    In UTF-8 these code points are single bytes that never occur inside the encoding of
    another character, so a byte test over the array's data is exact."""
    import numpy as np

    if len(arr) == 0:
        return False
    s, e, data = _buffers(arr)
    data = data[int(s[0]):int(e[-1])]
    low = data < 0x20
    return bool(np.count_nonzero(low) != np.count_nonzero(data[low] == 0x09) or np.any(data == 0x7F))


def _buffers(arr):
    """Start and end offsets of each string of ``arr``, and its UTF-8 data, as numpy arrays."""
    import numpy as np

    wide = arr.type in ("large_string", "large_utf8")
    offsets = np.frombuffer(arr.buffers()[1], dtype=np.int64 if wide else np.int32)
    offsets = offsets[arr.offset:arr.offset + len(arr) + 1]
    buf = arr.buffers()[2]
    data = np.frombuffer(buf, dtype=np.uint8) if buf is not None else np.zeros(0, dtype=np.uint8)
    return offsets[:-1].astype(np.int64), offsets[1:].astype(np.int64), data


# White space that str.strip() removes, as UTF-8: single bytes, and 2- and 3-byte sequences.
_WS_CHARS = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u2028\u2029\u202f\u205f\u3000"
_WS_1 = bytes(c for c in _WS_CHARS.encode() if c < 0x80 and chr(c).isspace())
_WS_2 = sorted(int.from_bytes(c.encode(), "big") for c in _WS_CHARS if len(c.encode()) == 2)
_WS_3 = sorted(int.from_bytes(c.encode(), "big") for c in _WS_CHARS if len(c.encode()) == 3)


def _byte_table(values) -> Any:
    import numpy as np

    t = np.zeros(256, dtype=bool)
    t[list(values)] = True
    return t


def _bad_edges(arr, first: bytes = b"") -> bool:
    """Whether a non-empty string of ``arr`` starts or ends with white space (what
    str.strip() removes), or starts with one of the ASCII characters ``first``.

    Exact, on the UTF-8 bytes: the white space of Python is 10 ASCII characters and 15
    characters of 2 or 3 bytes, matched whole at either end (only the strings whose
    first or last byte could belong to one are looked at closely)."""
    import numpy as np

    if len(arr) == 0:
        return False
    s, e, data = _buffers(arr)
    keep = e > s
    if not keep.all():
        s, e = s[keep], e[keep]
    if len(s) == 0:
        return False
    head, tail = data[s], data[e - 1]
    if _byte_table(_WS_1 + first)[head].any() or _byte_table(_WS_1)[tail].any():
        return True
    leads = {c >> (8 * (n - 1)) for n, table in ((2, _WS_2), (3, _WS_3)) for c in table}
    lasts = {c & 0xFF for table in (_WS_2, _WS_3) for c in table}
    for at_start, bytes_, table_ in ((True, head, leads), (False, tail, lasts)):
        pick = np.flatnonzero(_byte_table(table_)[bytes_])
        if len(pick) == 0:
            continue
        ss, ee = s[pick], e[pick]
        length = ee - ss
        for size, table in ((2, _WS_2), (3, _WS_3)):
            ok = length >= size
            if not ok.any():
                continue
            pos = ss[ok] if at_start else ee[ok] - size
            code = np.zeros(len(pos), dtype=np.int64)
            for k in range(size):
                code = (code << 8) | data[pos + k]
            if np.isin(code, table).any():
                return True
    return False


def _longer(arr, limit: int) -> bool:
    """Whether a string of ``arr`` has more than ``limit`` characters (a string of at
    most ``limit`` bytes has at most ``limit`` characters, so most columns need no count)."""
    import pyarrow.compute as pc

    if len(arr) == 0:
        return False
    s, e, _ = _buffers(arr)
    if int((e - s).max()) <= limit:
        return False
    return bool(pc.any(pc.greater(pc.utf8_length(arr), limit)).as_py())


class _Fallback(Exception):
    """The fast path cannot decide: run the full validator."""


def available() -> bool:
    try:
        import pyarrow  # noqa: F401
        import pyarrow.compute  # noqa: F401
        import pyarrow.csv  # noqa: F401
    except ImportError:
        return False
    return True


# --------------------------------------------------------------------------- the file


def read_header(path: str | os.PathLike, names: list[str]) -> list[str]:
    """The column names of the file's first line, in file order (after a byte-order
    mark, if any, and without a CR at its end).

    Falls back on a first line that is not exactly the table's columns (missing,
    unknown, repeated, blank, a comment) or longer than a block."""
    with open(path, "rb") as fh:
        head = fh.read(BLOCK)
    start = 3 if head.startswith(b"\xef\xbb\xbf") else 0  # a byte-order mark, as the full validator drops it
    end = head.find(b"\n")
    if end < 0:
        raise _Fallback  # a header longer than a block, or no data row
    line = head[start:end]
    if line.endswith(b"\r"):
        line = line[:-1]  # CRLF line ends
    try:
        header = next(csv.reader([line.decode("utf-8")], strict=True))
    except (UnicodeDecodeError, csv.Error, StopIteration):
        raise _Fallback from None
    if sorted(header) != sorted(names) or len(set(header)) != len(header):
        raise _Fallback
    return header


class _Scanning:
    """The file as pyarrow reads it, looked at on the way through (one read of the file).

    It counts the lines (pyarrow skips blank lines and reads a quoted line break, so a
    file whose line count is not its record count goes to the full validator), and it
    marks the file ``odd`` on a carriage return that does not end a line (CRLF line
    ends are read alike by both), or on a line with a quote that the csv
    module, in strict mode, would not read on its own (pyarrow is more lenient:
    ``"a"b``). It never raises: pyarrow calls it from its reader thread."""

    def __init__(self, fh):
        self.fh = fh
        self.read_bytes = 0
        self.newlines = 0
        self.last = b""
        self.carry = b""
        self.odd = False
        self.closed = False

    def readable(self) -> bool:
        return True

    def close(self) -> None:
        self.closed = True

    def read(self, n: int = -1) -> bytes:
        block = self.fh.read(n)
        if not block:
            if self.last == b"\r":
                self.odd = True  # a CR at the very end, not followed by a line feed
            if self.carry and b'"' in self.carry:
                self._lines(self.carry)
            self.carry = b""
            return block
        self.read_bytes += len(block)
        self.newlines += block.count(b"\n")
        if b"\r" in block:
            # CRLF line ends are fine; a CR anywhere else is for the full validator.
            bare = block.count(b"\r") - block.count(b"\r\n") - block.endswith(b"\r")
            if bare or (self.last == b"\r" and not block.startswith(b"\n")):
                self.odd = True
        elif self.last == b"\r" and not block.startswith(b"\n"):
            self.odd = True
        self.last = block[-1:]
        if b'"' in block or b'"' in self.carry:
            buf = self.carry + block
            cut = buf.rfind(b"\n") + 1
            self._lines(buf[:cut])
            self.carry = buf[cut:]
        else:
            cut = block.rfind(b"\n")
            self.carry = block[cut + 1:] if cut >= 0 else self.carry + block
        return block

    def _lines(self, complete: bytes) -> None:
        """Parse each line of ``complete`` that holds a quote with the csv module."""
        pos = complete.find(b'"')
        while pos >= 0 and not self.odd:
            start = complete.rfind(b"\n", 0, pos) + 1
            stop = complete.find(b"\n", pos)
            stop = len(complete) if stop < 0 else stop
            try:
                next(csv.reader([complete[start:stop].decode("utf-8")], strict=True))
            except (UnicodeDecodeError, csv.Error, StopIteration):
                self.odd = True
            pos = complete.find(b'"', stop + 1)

    @property
    def lines(self) -> int:
        return self.newlines + (1 if self.last not in (b"", b"\n") else 0)


# --------------------------------------------------------------------------- columns


class _Screen:
    """The column rules of one table, applied to pyarrow record batches."""

    def __init__(self, table: str, refs: dict[str, set], shipped: set[tuple], replace: bool,
                 taken: dict[str, str] | None = None):
        import pyarrow as pa

        from turaz_data.tables.edtf import EDTF_PATTERN

        self.pa = pa
        self.table = table
        self.fields = fields(table)
        self.pk = list(TABLES_BY_NAME[table].primary_key)
        self.replace = replace
        self.shipped = shipped
        self.taken = taken or {}
        self.refs = refs
        self.edtf = re.compile(EDTF_PATTERN)
        self.value_sets: dict[str, Any] = {}
        self.keys: list = []  # primary key chunks (strings)
        self.self_fk: dict[str, list] = {}  # column -> value chunks, checked at the end
        self.distinct: dict[str, list] = {}  # date column -> distinct values of each batch
        self.pool = None
        self.compiled: dict[str, re.Pattern] = {}
        for f in self.fields:
            if f.edtf or f.type == "date":
                self.distinct[f.name] = []
            if f.pattern and not (f.pattern.startswith("^") and f.pattern.endswith("$")):
                raise _Fallback  # RE2 search and re.match agree only on anchored patterns
            if f.claim_ref:
                self.self_fk[f.name] = []  # any claim row's id, this file's included: checked at the end
            if f.fk:
                res, _col = f.fk.split(".")
                if res == table:
                    self.self_fk[f.name] = []
                else:
                    self.value_sets[f.name] = self._value_set(f, refs.get(res, set()))
        from turaz_data.tables.rowrules import ROW_RULES

        self.row_rules = ROW_RULES.get(table, [])

    def _value_set(self, f: FieldDesc, keys) -> Any:
        pa = self.pa
        t = f.item_type if f.is_list else f.type
        if t == "integer":
            return pa.array(sorted(k for k in keys if isinstance(k, int)), type=pa.int64())
        return pa.array(sorted(str(k) for k in keys), type=pa.string())

    # ---- helpers
    @staticmethod
    def _none(mask) -> None:
        """Fall back when any value of a boolean mask is true (nulls count as false)."""
        import pyarrow.compute as pc

        if mask is not None and pc.any(mask).as_py():
            raise _Fallback

    def _text(self, arr, *, formula: bool) -> bool:
        """Cell rules of contrib._Validator.cell on non-empty raw cells; whether all
        the cells are ASCII."""
        import pyarrow.compute as pc

        if _has_control(arr):
            raise _Fallback
        if _bad_edges(arr, _FORMULA_BYTES if formula else b""):
            raise _Fallback
        ascii_ = pc.string_is_ascii(arr)
        if pc.all(ascii_).as_py() is not False:
            return True
        odd = pc.filter(arr, pc.invert(ascii_))
        whole = self.pa.ListArray.from_arrays(self.pa.array([0, len(odd)], self.pa.int32()), odd)
        joined = pc.binary_join(whole, "\n")[0].as_py()  # as contrib._text_clean
        if not unicodedata.is_normalized("NFC", joined):
            raise _Fallback  # the full validator gives a notice for each such cell
        return False

    def _strings(self, f: FieldDesc, arr, all_ascii: bool) -> Any:
        """A non-empty string column (no list): enum, pattern, length, EDTF, keys."""
        import pyarrow.compute as pc

        pa = self.pa
        if f.enum:
            self._none(pc.invert(pc.is_in(arr, value_set=pa.array(list(f.enum), type=pa.string()))))
        if f.edtf:
            self.distinct[f.name].append(pc.unique(arr))  # judged in finish()
        elif f.pattern:
            self._pattern(arr, f.pattern, all_ascii)
        if f.max_length is not None and _longer(arr, f.max_length):
            raise _Fallback
        return arr

    def _pattern(self, arr, pattern: str, all_ascii: bool) -> None:
        """Every value matches ``pattern`` (anchored at both ends, as the models' are).

        RE2 (pyarrow) and Python's re agree on ASCII text apart from control characters,
        which are checked apart; their classes differ beyond ASCII (``\\S`` of RE2 takes
        U+3000, Python's does not), so values with other characters are matched with re."""
        import pyarrow.compute as pc

        self._none(pc.invert(pc.match_substring_regex(arr, pattern)))
        if all_ascii:
            return
        ascii_ = pc.string_is_ascii(arr)
        if not pc.all(ascii_).as_py():
            rx = self.compiled.setdefault(pattern, re.compile(pattern))
            if not all(rx.search(v) for v in pc.filter(arr, pc.invert(ascii_)).to_pylist()):
                raise _Fallback

    def _edtf_ok(self, v: str) -> bool:
        from turaz_data.tables.edtf import is_edtf

        return bool(self.edtf.match(v)) and is_edtf(v)

    def _items(self, f: FieldDesc, cells, empty, has_empty: bool, all_ascii: bool) -> Any:
        """A list column: item count and every item (``empty``: the mask of empty cells)."""
        import pyarrow.compute as pc

        pa = self.pa
        lists = pc.split_pattern(cells, LIST_DELIMITER)
        # An empty cell is an empty list, not a list of one empty item.
        lengths = pc.list_value_length(lists)
        if has_empty:
            lengths = pc.if_else(empty, 0, lengths)
        lo, hi = f.min_items or 0, f.max_items
        self._none(pc.less(lengths, lo))
        if hi is not None:
            self._none(pc.greater(lengths, hi))
        items = pc.list_flatten(pc.filter(lists, pc.invert(empty)) if has_empty else lists)
        self._none(pc.equal(items, ""))
        if f.enum:
            self._none(pc.invert(pc.is_in(items, value_set=pa.array(list(f.enum), type=pa.string()))))
        if f.pattern:
            self._pattern(items, f.pattern, all_ascii)
        if f.max_length is not None and _longer(items, f.max_length):
            raise _Fallback
        if f.item_type == "string" and not f.enum and not f.pattern:
            # models.text_problem of each item (control characters and NFC: checked on the cell)
            if _bad_edges(items, _FORMULA_BYTES):
                raise _Fallback
        return items

    def _typed(self, f: FieldDesc, arr) -> Any:
        """Integer, number and date columns: the whole non-empty cell has the form."""
        import pyarrow.compute as pc

        pa = self.pa
        if f.type == "integer":
            self._none(pc.invert(pc.match_substring_regex(arr, _INT)))
            vals = pc.cast(arr, pa.int64())
        elif f.type == "number":
            self._none(pc.invert(pc.match_substring_regex(arr, _NUMBER)))
            vals = pc.cast(arr, pa.float64())
            self._none(pc.invert(pc.is_finite(vals)))
        else:
            self._none(pc.invert(pc.match_substring_regex(arr, _DATE)))
            self.distinct[f.name].append(pc.unique(arr))  # judged in finish()
            return arr
        if f.enum:
            self._none(pc.invert(pc.is_in(vals, value_set=pa.array(list(f.enum)))))
        if f.minimum is not None:
            self._none(pc.less(vals, f.minimum))
        if f.maximum is not None:
            self._none(pc.greater(vals, f.maximum))
        return vals

    def batch(self, batch) -> int:
        """Check one record batch; fall back at the first rule broken.

        The columns are checked in a small thread pool: the pyarrow and numpy kernels
        release the GIL, so the columns of a batch are checked side by side."""
        n = batch.num_rows
        jobs = [(f, batch.column(f.name)) for f in self.fields]
        if self.pool is not None:
            done = list(self.pool.map(lambda job: self._column(*job), jobs))
        else:
            done = [self._column(f, col) for f, col in jobs]
        typed = {f.name: value for (f, _), value in zip(jobs, done) if f.name in self.pk or self.row_rules}
        self.keys.append(self._key(typed))
        if self.row_rules:
            self._rows(typed)
        return n

    def _column(self, f: FieldDesc, col) -> Any:
        """Check one column of a batch; return it typed, with nulls for empty cells
        (for keys and row rules; None for a list column)."""
        import pyarrow.compute as pc

        pa = self.pa
        empty = pc.equal(col, "")
        has_empty = pc.any(empty).as_py()
        if has_empty and f.required and not f.is_list:
            raise _Fallback
        full = pc.filter(col, pc.invert(empty)) if has_empty else col
        if f.is_list:
            all_ascii = self._text(full, formula=True)
            values = self._items(f, col, empty, has_empty, all_ascii)
        elif f.type in ("integer", "number", "date"):
            values = self._typed(f, full)
        else:
            all_ascii = self._text(full, formula=True)
            values = self._strings(f, full, all_ascii)
        if f.fk or f.claim_ref:
            if f.name in self.self_fk:
                self.self_fk[f.name].append(values)
            else:
                self._none(pc.invert(pc.is_in(values, value_set=self.value_sets[f.name])))
        if f.is_list:
            return col if self.row_rules else None  # the raw 'a|b' cells, for the row rules
        if not has_empty:
            return values
        nulls = pc.if_else(empty, pa.scalar(None, pa.string()), col)
        if f.type == "integer":
            return pc.cast(nulls, pa.int64())
        if f.type == "number":
            return pc.cast(nulls, pa.float64())
        return nulls

    def _key(self, typed: dict):
        import pyarrow.compute as pc

        if len(self.pk) == 1:
            return pc.cast(typed[self.pk[0]], self.pa.string())
        parts = [pc.cast(typed[k], self.pa.string()) for k in self.pk]
        return pc.binary_join_element_wise(*parts, "\x1f")

    def _rows(self, typed: dict) -> None:
        import pandas as pd

        pa = self.pa
        data = {}
        for f in self.fields:
            arr = typed.get(f.name)
            if arr is None:
                continue
            if f.is_list or not (pa.types.is_integer(arr.type) or pa.types.is_floating(arr.type)):
                # Text without a copy into Python objects; list cells stay 'a|b' text (the
                # rules split them). An empty cell is null.
                if f.is_list:
                    arr = pa.compute.if_else(pa.compute.equal(arr, ""), pa.scalar(None, pa.string()), arr)
                data[f.name] = pd.Series(pd.arrays.ArrowExtensionArray(arr))
            elif pa.types.is_integer(arr.type):
                data[f.name] = arr.to_pandas(types_mapper={pa.int64(): pd.Int64Dtype()}.get)
            else:
                data[f.name] = arr.to_pandas()
        d = pd.DataFrame(data)
        for _code, _message, rule in self.row_rules:
            ok = rule(d)
            if not bool(pd.Series(ok).fillna(False).astype(bool).all()):
                raise _Fallback

    def finish(self) -> None:
        """Rules over the whole file: unique keys, keys new to the table, self references."""
        import pyarrow.compute as pc

        pa = self.pa
        # Dates repeat across batches: each distinct value is judged once.
        for name, chunks in self.distinct.items():
            f = next(f for f in self.fields if f.name == name)
            values = pc.unique(pa.chunked_array(chunks, type=pa.string())).to_pylist()
            if f.edtf:
                if not all(self._edtf_ok(v) for v in values):
                    raise _Fallback
            elif not all(_contrib.iso_date_cell(v) for v in values):
                raise _Fallback
        keys = pa.chunked_array(self.keys, type=pa.string()).combine_chunks()
        ordered = pc.take(keys, pc.array_sort_indices(keys))
        n = len(ordered)
        if n > 1 and pc.any(pc.equal(ordered.slice(1), ordered.slice(0, n - 1))).as_py():
            raise _Fallback  # a key twice in the file
        # Keys no new row may take, looked up in one pass (not one search per key):
        # ids of the other claim tables and withdrawn ids, and, unless replacing, the
        # keys of the shipped table.
        forbidden = [str(key) for key in self.taken]
        if not self.replace:
            forbidden += ["\x1f".join(map(str, key)) for key in self.shipped]
        if forbidden and pc.any(pc.is_in(keys, value_set=pa.array(forbidden, type=pa.string()))).as_py():
            raise _Fallback
        for name, chunks in self.self_fk.items():
            # All values of the column at once: is_in builds its hash table of the allowed
            # keys (the file's keys among them) once, not once per block.
            values = pa.chunked_array(chunks, type=pa.string()).drop_null()
            if not len(values):
                continue
            f = next(f for f in self.fields if f.name == name)
            res = "claims" if f.claim_ref else f.fk.split(".")[0]
            allowed = pa.concat_arrays([pa.array(sorted(str(k) for k in self.refs.get(res, set())), type=pa.string()),
                                        keys])
            self._none(pc.invert(pc.is_in(values, value_set=allowed)))


# --------------------------------------------------------------------------- citations


def _cite(article, table: str, batch, counts: list[int]) -> None:
    """The citation check of each row; fall back when a row does not verify."""
    from turaz_data.source.verify import verify_rows

    ids = batch.column("id").to_pylist()
    notes = batch.column("footnote").to_pylist()
    support = batch.column("support").to_pylist()
    evidence = batch.column("evidence").to_pylist()
    rows = [{"table": table, "id": i, "footnote": int(fn), "support": s, "evidence": e.split(LIST_DELIMITER)}
            for i, fn, s, e in zip(ids, notes, support, evidence)]
    rep = verify_rows(article, rows)
    if rep.failures:
        raise _Fallback
    counts[0] += rep.rows_checked
    counts[1] += rep.rows_ok


# --------------------------------------------------------------------------- entry


def screen(path: str | os.PathLike, table: str, *, label: str, refs: dict[str, set], shipped: set[tuple],
           replace: bool = False, article: Any = None,
           progress: Callable[[int, int], None] | None = None, taken: dict[str, str] | None = None):
    """The report of a valid file, or None when the full validator must decide."""
    Report = _contrib.Report

    if not available():
        return None
    import pyarrow as pa
    import pyarrow.csv as pacsv

    names = [f.name for f in fields(table)]
    spec = TABLES_BY_NAME[table]
    try:
        header = read_header(path, names)
        checker = _Screen(table, refs, shipped, replace, taken)
        rows = 0
        counts = [0, 0]
        workers = min(THREADS, os.cpu_count() or 1)
        with open(path, "rb") as raw, ThreadPoolExecutor(max_workers=workers) as pool:
            checker.pool = pool if workers > 1 else None
            fh = _Scanning(raw)
            reader = pacsv.open_csv(
                fh,
                read_options=pacsv.ReadOptions(column_names=header, skip_rows=1, block_size=BLOCK),
                parse_options=pacsv.ParseOptions(delimiter=",", quote_char='"', double_quote=True,
                                                 escape_char=False, newlines_in_values=False,
                                                 ignore_empty_lines=True),
                convert_options=pacsv.ConvertOptions(column_types={n: pa.string() for n in header},
                                                     strings_can_be_null=False,
                                                     quoted_strings_can_be_null=False, check_utf8=True),
            )
            for batch in reader:
                if fh.odd:
                    raise _Fallback
                if batch.num_rows == 0:
                    continue
                first = batch.column(header[0])
                if pa.compute.any(pa.compute.starts_with(first, "#")).as_py():
                    raise _Fallback  # the csv reader skips such a row as a comment
                rows += checker.batch(batch)
                if article is not None and spec.claim:
                    _cite(article, table, batch, counts)
                if progress:
                    progress(rows, fh.read_bytes)
            while fh.read(BLOCK):  # the scan sees the whole file, whatever pyarrow left unread
                pass
        if fh.odd or rows == 0 or fh.lines != rows + 1:
            raise _Fallback
        checker.finish()
    except _Fallback:
        return None
    except (pa.ArrowException, OSError, ValueError, TypeError, KeyError):
        # pyarrow could not read it as we asked (ragged row, bad UTF-8, ...): the full
        # validator reads it line by line and says what is wrong.
        return None
    report = Report(table=table, file=label, rows=rows)
    if article is not None:
        report.citation = _contrib.citation_summary(table, article, counts[0], counts[1])
    return report
