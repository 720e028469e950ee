"""The two readers of the file engine: they turn a CSV file into chunks of raw text
columns for the checker (:class:`turaz_data.contrib.engine._Checker`) and judge nothing.

- :func:`read_arrow`: pyarrow's streaming reader, for files of one record per line (the
  common case); a scan on the way (:class:`_Scanning`) hands the file over
  (:class:`Handover`) on anything pyarrow would read differently from the csv module.
- :func:`read_csv`: Python's csv module, line by line in chunks: comments, blank lines,
  ragged rows, quotes, line breaks inside cells, encoding and header problems.
"""

from __future__ import annotations

import csv
import gc
import os
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import IO

from turaz_data.errors import Problem
from turaz_data.tables import rules

#: Lines starting with this character are comments and are skipped.
COMMENT = "#"
#: Bytes read at a time by the pyarrow reader (its block size).
BLOCK = 4 << 20
#: Columns of a batch checked side by side (at most the number of CPUs).
THREADS = 4
#: With larger chunks, ``progress`` is also called every this many rows read.
PROGRESS_ROWS = 5000


class Fatal(Exception):
    """The file cannot be read as a CSV table (exit code 2)."""

    def __init__(self, rule: rules.Rule, at_line: int | None = None, **kw):
        message, fix = rule.words(**kw)
        super().__init__(message)
        self.rule, self.message, self.hint, self.line = rule.code, message, fix, at_line


class Handover(Exception):
    """The pyarrow reader meets a form only the csv-module reader reads: start again with it."""


def read_header(path: str | os.PathLike, names: list[str]) -> list[str]:
    """The column names of the file's first line (after a byte-order mark, if any, and
    without a CR at its end); hands over on a header that is not exactly the table's
    columns (missing, unknown, repeated, blank, a comment) or longer than a block."""
    with open(path, "rb") as fh:
        head = fh.read(BLOCK)
    start = 3 if head.startswith(b"\xef\xbb\xbf") else 0
    end = head.find(b"\n")
    if end < 0:
        raise Handover
    line = head[start:end]
    if line.endswith(b"\r"):
        line = line[:-1]
    try:
        header = next(csv.reader([line.decode("utf-8")], strict=True))
    except (UnicodeDecodeError, csv.Error, StopIteration):
        raise Handover from None
    if sorted(header) != sorted(names) or len(set(header)) != len(header):
        raise Handover
    return header


class _Scanning:
    """The file as pyarrow reads it, looked at on the way through (one read of the file).

    It counts the lines (pyarrow skips blank lines and reads a quoted line break, so a
    file whose line count is not its record count goes to the csv-module reader), and it
    marks the file ``odd`` on a carriage return that does not end a line (CRLF line ends
    are read alike by both readers), or on a line with a quote that the csv module, in
    strict mode, would not read on its own (pyarrow is more lenient: ``"a"b``). It never
    raises: pyarrow calls it from its reader thread."""

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
                self.odd = True
            if self.carry and b'"' in self.carry:
                self._lines(self.carry)
            self.carry = b""
            return block
        self.read_bytes += len(block)
        self.newlines += block.count(b"\n")
        if b"\r" in block:
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
        """Parse with the csv module each line of ``complete`` whose quotes may be read
        differently by pyarrow: a line with an odd number of quotes, or with a run of quotes
        that is neither one quote opening a cell (after a comma or a line start) or closing
        one (before a comma or a line end), nor an escaped pair ("") between other
        characters. Found in bulk on the bytes (numpy); most lines are never parsed."""
        import numpy as np

        arr = np.frombuffer(complete, dtype=np.uint8)
        q = np.flatnonzero(arr == 0x22)
        if not len(q):
            return
        n = len(arr)
        first = np.r_[True, q[1:] != q[:-1] + 1]
        last = np.r_[q[1:] != q[:-1] + 1, True]
        a, b = q[first], q[last]
        length = b - a + 1
        prev = np.where(a > 0, arr[np.maximum(a - 1, 0)], 0x0A)
        nxt = np.where(b + 1 < n, arr[np.minimum(b + 1, n - 1)], 0x0A)
        opens, closes = np.isin(prev, (0x2C, 0x0A)), np.isin(nxt, (0x2C, 0x0A, 0x0D))
        ok = ((length == 1) & (opens | closes)) | ((length == 2) & ~opens & ~closes)
        q = a  # one position per run, to find its line
        ends = np.flatnonzero(arr == 0x0A)
        line_of = np.searchsorted(ends, q)
        odd = np.flatnonzero(np.bincount(line_of, weights=length).astype(np.int64) & 1)
        for i in sorted(set(line_of[~ok].tolist()) | set(odd.tolist())):
            start = int(ends[i - 1]) + 1 if i > 0 else 0
            stop = int(ends[i]) if i < len(ends) else n
            try:
                next(csv.reader([complete[start:stop].decode("utf-8")], strict=True))
            except (UnicodeDecodeError, csv.Error, StopIteration):
                self.odd = True
                return

    @property
    def lines(self) -> int:
        return self.newlines + (1 if self.last not in (b"", b"\n") else 0)


def read_arrow(path, checker, progress):
    """Read a file of one record per line with pyarrow; raise Handover on anything else."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.csv as pacsv

    names = [f.name for f in checker.fields]
    header = read_header(path, names)
    rows = 0
    workers = min(THREADS, os.cpu_count() or 1)
    try:
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
                    raise Handover
                n = batch.num_rows
                if n == 0:
                    continue
                if pa.compute.any(pa.compute.starts_with(batch.column(header[0]), COMMENT)).as_py():
                    raise Handover  # the csv-module reader skips such a line as a comment
                columns = {name: batch.column(name) for name in header}
                checker.chunk(columns, np.arange(rows + 2, rows + 2 + n), rows + 1)
                rows += n
                if progress:
                    progress(rows, fh.read_bytes)
            while fh.read(BLOCK):  # the scan sees the whole file, whatever pyarrow left unread
                pass
    except (pa.ArrowException, UnicodeDecodeError):
        raise Handover from None
    finally:
        checker.pool = None
    if fh.odd or rows == 0 or fh.lines != rows + 1:
        raise Handover
    checker.report.rows = rows
    return checker.finish()


# --------------------------------------------------------------------------- the csv-module reader


def _decoded_lines(fh: IO[bytes], counter: list[int]) -> Iterator[str]:
    """The file's lines as text; strict UTF-8 (a BOM is dropped); ``counter[0]`` = bytes read."""
    offset = 0
    for number, raw in enumerate(fh, start=1):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            bad = raw[e.start:e.start + 1]
            utf16 = "the file is UTF-16: " if number == 1 and raw[:2] in (b"\xff\xfe", b"\xfe\xff") else ""
            raise Fatal(rules.NOT_UTF8, number, byte=e.start + 1, line=number, offset=offset + e.start + 1,
                         hex=bad.hex().upper(), utf16=utf16) from None
        if number == 1 and text.startswith("\ufeff"):
            text = text[1:]
        offset += len(raw)
        counter[0] = offset
        yield text


def read_csv(fh: IO[bytes], checker, chunk_rows: int, progress):
    """Read any file line by line with the csv module, in chunks of ``chunk_rows`` rows."""
    enabled = gc.isenabled()
    gc.disable()  # the cyclic collector would walk the chunk's lists every few hundred rows
    try:
        _csv_rows(fh, checker, max(1, chunk_rows), progress)
    except Fatal as f:
        checker.report.fatal = Problem(table=checker.table, row=None, column=None, value=None, rule=f.rule,
                                       message=f.message, hint=f.hint, line=f.line)
        checker.report.collected = None
    finally:
        if enabled:
            gc.enable()
    return checker.finish()


def _csv_rows(fh: IO[bytes], checker, chunk_rows: int, progress) -> None:
    import numpy as np
    import pyarrow as pa

    counter = [0]
    reader = csv.reader(_decoded_lines(fh, counter), strict=True)
    cols: list[int | None] | None = None
    cells_: list[list[str]] = []
    lines: list[int] = []
    last_line = 0
    data_rows = 0
    first = 1
    width = -1
    step = PROGRESS_ROWS if progress and chunk_rows > PROGRESS_ROWS else 0

    def run() -> None:
        nonlocal cells_, lines, first
        columns = {}
        raw = list(zip(*cells_)) if cells_ else []
        for k, idx in enumerate(cols or []):
            if idx is not None:
                columns[checker.fields[idx].name] = pa.array(raw[k] if raw else [], type=pa.string())
        checker.chunk(columns, np.asarray(lines, dtype=np.int64), first)
        first += len(cells_)
        cells_, lines = [], []

    try:
        try:
            for cells in reader:
                line = last_line + 1
                last_line = reader.line_num
                if len(cells) == width and cells[0][:1] != COMMENT:
                    data_rows += 1
                    cells_.append(cells)
                    lines.append(line)
                    if len(cells_) >= chunk_rows:
                        run()
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
                        checker.say(line, None, rules.BLANK_LINE, where=" before the header")
                        continue
                    cols = checker.header(cells, line)
                    width = len(cols)
                    checker.flush()
                    continue
                if not cells:
                    checker.say(line, None, rules.BLANK_LINE, where="")
                    continue
                data_rows += 1
                if cells_:
                    run()  # the rows before it keep their row numbers
                first = data_rows + 1
                checker.say(line, data_rows, rules.RAGGED_ROW, ",".join(cells), cells=len(cells), width=len(cols))
        except csv.Error as e:
            start = last_line + 1
            text = str(e)
            if "unexpected end of data" in text or "expected after" in text:
                raise Fatal(rules.UNCLOSED_QUOTE, start, line=start) from None
            raise Fatal(rules.CSV_SYNTAX, start, line=start, error=text) from None
        finally:
            checker.report.rows = data_rows
        if cols is None:
            raise Fatal(rules.EMPTY_FILE if last_line == 0 else rules.NO_HEADER, None, table=checker.table)
        if data_rows == 0:
            checker.say(None, None, rules.NO_ROWS)
        run()
        if progress:
            progress(data_rows, counter[0])
    finally:
        checker.flush()
