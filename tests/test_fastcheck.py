"""The two readers of the file engine (turaz_data.contrib.engine) give the same report.

One checker judges every file; pyarrow's reader feeds it the files of one record per
line, the csv module's reader everything else (and everything, with ``fast=False``).
Whenever the pyarrow reader keeps a file, its report (valid or not: every problem,
located) must be the one the csv-module reader gives; on clean files it must keep it.
Checked on generated valid files, on the same files with damaging edits, on every
shipped table, and on the screens of the text rules against the rules themselves.
"""

from __future__ import annotations

import csv
import io
import random
import sys
import unicodedata
from pathlib import Path

import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from turaz_data.contrib import columns, engine, readers
from turaz_data.contrib.engine import _reference_keys, _shipped_keys, validate_file
from turaz_data.tables import rules
from turaz_data.tables.models import TABLES

from ._contrib_support import ROOT, refs, to_csv
from .strategies import examples
from .strategies import valid_rows as rows

SETTINGS = settings(max_examples=examples(25), suppress_health_check=list(HealthCheck))
NAMES = [t.name for t in TABLES]

#: Edits that a contributor's file may carry; most make it invalid, some only odd.
NASTY = [" ", "\t", "\xa0", "\u3000", "\u2028", "\r", "\n", "\r\n", "\n\n", '"', '""', ",", "#", "\n#", "|", "||",
         "\x00", "\x7f", "\ufeff", "e\u0301", "=", "-", "@", "x", "9", "1.5", "0", "é", "\u0301", "\x85"]


def _screen(path: Path, table: str, r: dict | None, *, replace: bool = False, article=None, label=None):
    """The report of the pyarrow reader, or None when it hands the file to the csv-module reader."""
    checker = engine._Checker(table, label or str(path), ref_keys=_reference_keys(table, None, r),
                              shipped_keys=_shipped_keys(table, None, r), replace=replace, article=article,
                              max_problems=None, collect=False)
    try:
        return readers.read_arrow(path, checker, None)
    except readers.Handover:
        return None


def _both(path: Path, table: str, r: dict, **kw):
    fast = validate_file(path, table, refs=r, **kw)
    full = validate_file(path, table, refs=r, fast=False, **kw)
    return fast, full


@pytest.mark.parametrize("table", NAMES)
@SETTINGS
@given(data=st.data())
def test_valid_files_take_the_fast_path_with_the_same_report(table, data, tmp_path_factory):
    rs = data.draw(rows(table, max_size=6))
    path = tmp_path_factory.mktemp("fast") / f"{table}.csv"
    path.write_bytes(to_csv(table, rs))
    r = refs()
    got = _screen(path, table, r)
    full = validate_file(path, table, refs=r, fast=False)
    assert full.valid, full.to_text()
    assert got is not None, "a clean valid file fell back to the full validator"
    assert got.to_dict() == full.to_dict()


def _edit(data: bytes, rnd: random.Random) -> bytes:
    """One damaging edit: insert a nasty string, delete a span, repeat or drop a line."""
    text = data.decode("utf-8", errors="replace")
    if not text:
        return rnd.choice(NASTY).encode("utf-8")
    kind = rnd.randrange(5)
    if kind <= 1:
        at = rnd.randrange(len(text) + 1)
        return (text[:at] + rnd.choice(NASTY) + text[at:]).encode("utf-8")
    if kind == 2:
        at = rnd.randrange(len(text))
        return (text[:at] + text[at + rnd.randint(1, 3):]).encode("utf-8")
    lines = text.split("\n")
    i = rnd.randrange(len(lines))
    if kind == 3:
        lines.insert(i, lines[i])
    else:
        del lines[i]
    return "\n".join(lines).encode("utf-8")


@pytest.mark.parametrize("table", NAMES)
@SETTINGS
@given(data=st.data(), seed=st.integers(0, 2**32 - 1), edits=st.integers(1, 3))
def test_both_readers_give_the_same_report_on_damaged_files(table, data, seed, edits, tmp_path_factory):
    rs = data.draw(rows(table, max_size=5))
    rnd = random.Random(seed)
    raw = to_csv(table, rs)
    for _ in range(edits):
        raw = _edit(raw, rnd)
    if rnd.random() < 0.2:
        raw = raw[: rnd.randrange(len(raw) + 1)]  # cut anywhere, also inside a character
    path = tmp_path_factory.mktemp("edit") / f"{table}.csv"
    path.write_bytes(raw)
    r = refs()
    got = _screen(path, table, r)
    fast, full = _both(path, table, r)
    if got is not None:
        assert got.to_dict() == full.to_dict(), (raw, got.to_text(), full.to_text())
    assert fast.to_dict() == full.to_dict()  # whichever reader read it, the report is the same


@pytest.mark.parametrize("table", NAMES)
def test_every_shipped_table_passes_the_fast_path(table):
    """The shipped tables as contributed files (their keys exist: --replace)."""
    path = ROOT / "tables" / f"{table}.csv"
    got = _screen(path, table, None, replace=True, label="x")
    assert got is not None and got.valid
    assert got.rows == sum(1 for _ in csv.reader(io.StringIO(path.read_text(encoding="utf-8")))) - 1
    # without --replace every key is already in the table: both readers say so, at every row
    got = _screen(path, table, None, replace=False, label=str(path))
    rep = validate_file(path, table, fast=False)
    assert not rep.valid and {p.rule for p in rep.problems} == {"key_exists"} and rep.problems_total == rep.rows
    assert got is not None and got.to_dict() == rep.to_dict()


@pytest.mark.parametrize("table", [t.name for t in TABLES if t.claim])
def test_citation_check_on_the_fast_path(table, article):
    from turaz_data.contrib.engine import load_article_or_fail

    article = load_article_or_fail(article)
    path = ROOT / "tables" / f"{table}.csv"
    fast = validate_file(path, table, replace=True, article=article)
    full = validate_file(path, table, replace=True, article=article, fast=False)
    assert fast.valid and fast.citation["checked"] and fast.citation["rows_ok"] == fast.rows
    assert fast.to_dict() == full.to_dict()


def test_a_row_rule_broken_is_located_by_the_pyarrow_reader(tmp_path):
    path = ROOT / "tables" / "arms_transfers.csv"
    text = path.read_text(encoding="utf-8").split("\n")
    head = next(csv.reader([text[0]]))
    row = next(csv.reader([text[1]]))
    row[head.index("recipient")] = row[head.index("supplier")]
    buf = io.StringIO(newline="")
    csv.writer(buf, lineterminator="\n").writerows([head, row])
    bad = tmp_path / "t.csv"
    bad.write_text(buf.getvalue(), encoding="utf-8")
    got = _screen(bad, "arms_transfers", None, replace=True)
    rep = validate_file(bad, "arms_transfers", replace=True, fast=False)
    assert [p.rule for p in rep.problems] == ["supplier_recipient"]
    assert got is not None and got.to_dict() == rep.to_dict()


def test_white_space_table_is_pythons():
    every = {chr(i) for i in range(sys.maxunicode + 1) if chr(i).isspace()}
    assert set(rules.WHITESPACE) == every


_any_text = st.text(st.characters(exclude_categories=("Cs",)) | st.sampled_from(list(rules.WHITESPACE) + [
    "=", "-", "ş", "ğ", "“", "\u202e", "\u2066", "\x00", "\x7f", "|"]), max_size=6)


@settings(max_examples=examples(300))
@given(st.lists(_any_text, max_size=8), st.integers(0, 3))
def test_the_text_screen_flags_every_cell_the_text_rules_reject(values, offset):
    """The vectorised screen (RE2) is a superset of the text rules (Python), and exact on them."""
    import pyarrow.compute as pc

    arr = pa.array(["pad"] * offset + values, type=pa.string()).slice(offset)
    flagged = pc.match_substring_regex(arr, columns.TEXT_SCREEN).to_pylist()
    want = [v != "" and rules.text_rule(v) is not None for v in values]
    assert flagged == want


@settings(max_examples=examples(300))
@given(st.lists(st.text(alphabet='a ,"x\n', max_size=8), min_size=3, max_size=3))
def test_lines_the_csv_module_reads_strictly_read_the_same_in_pyarrow(cells):
    """The scan lets pyarrow read a line with a quote only when the csv module, strict,
    reads it alone; then both must give the same cells."""
    import pyarrow.csv as pacsv

    line = ",".join(cells)
    if "\n" in line:
        return
    try:
        want = list(csv.reader([line], strict=True))
    except csv.Error:
        return
    if len(want) != 1 or len(want[0]) != 3:
        return
    got = pacsv.read_csv(io.BytesIO(("a,b,c\n" + line + "\n").encode()),
                         parse_options=pacsv.ParseOptions(newlines_in_values=False, ignore_empty_lines=True),
                         convert_options=pacsv.ConvertOptions(column_types={c: pa.string() for c in "abc"},
                                                              strings_can_be_null=False,
                                                              quoted_strings_can_be_null=False))
    assert [got.column(c)[0].as_py() for c in "abc"] == want[0]


def test_non_nfc_text_gets_its_notice_from_both_readers(tmp_path):
    lines = (ROOT / "tables" / "actors.csv").read_text(encoding="utf-8").split("\n")
    head = next(csv.reader([lines[0]]))
    row = next(csv.reader([lines[1]]))
    row[head.index("name_tr")] = unicodedata.normalize("NFD", "Türkiye Cumhuriyeti Ordusu")
    buf = io.StringIO(newline="")
    csv.writer(buf, lineterminator="\n").writerows([head, row])
    path = tmp_path / "a.csv"
    path.write_text(buf.getvalue(), encoding="utf-8")
    got = _screen(path, "actors", None, replace=True)
    rep = validate_file(path, "actors", replace=True, fast=False)
    assert rep.valid and [n.rule for n in rep.notices] == ["text_nfc"]
    assert got is not None and got.to_dict() == rep.to_dict()


def _events_lines() -> list[str]:
    return (ROOT / "tables" / "events.csv").read_text(encoding="utf-8").rstrip("\n").split("\n")[:4]


@pytest.mark.parametrize("variant", ["bom", "crlf", "bom-crlf", "crlf-no-final-newline"])
def test_spreadsheet_files_take_the_fast_path(variant, tmp_path):
    """A byte-order mark and CRLF line ends (Excel's 'CSV UTF-8') are read alike by both."""
    lines = _events_lines()
    end = "\r\n" if "crlf" in variant else "\n"
    text = ("\ufeff" if "bom" in variant else "") + end.join(lines) + ("" if "no-final" in variant else end)
    path = tmp_path / "e.csv"
    path.write_bytes(text.encode("utf-8"))
    got = _screen(path, "events", {}, replace=True)
    full = validate_file(path, "events", replace=True, fast=False)
    assert full.valid and got is not None
    assert got.to_dict() == full.to_dict()


@pytest.mark.parametrize("variant", ["comment", "blank", "quoted-break", "bare-cr", "cr-at-end", "crlf-blank"])
def test_file_forms_the_fast_path_leaves_to_the_full_validator(variant, tmp_path):
    lines = _events_lines()
    if variant == "bare-cr":
        text = "\n".join(lines[:2]) + "\r" + "\n".join(lines[2:]) + "\n"
    elif variant == "cr-at-end":
        text = "\n".join(lines) + "\r"
    elif variant == "crlf-blank":
        text = "\r\n".join(lines[:2] + [""] + lines[2:]) + "\r\n"
    elif variant == "comment":
        text = "\n".join(lines[:2] + ["# a comment"] + lines[2:]) + "\n"
    elif variant == "blank":
        text = "\n".join(lines[:2] + [""] + lines[2:]) + "\n"
    else:
        row = next(csv.reader([lines[1]]))
        row[-2] = row[-2] + "\nmore"  # description with a line break
        buf = io.StringIO(newline="")
        csv.writer(buf, lineterminator="\n").writerow(row)
        text = "\n".join(lines[:1]) + "\n" + buf.getvalue()
    path = tmp_path / "e.csv"
    path.write_bytes(text.encode("utf-8"))
    assert _screen(path, "events", {}, replace=True) is None
    fast, full = validate_file(path, "events", replace=True), validate_file(path, "events", replace=True, fast=False)
    assert fast.to_dict() == full.to_dict()


@pytest.mark.parametrize("bad", [b"\xed\xa0\x80", b"\xc0\x80", b"\xf4\x90\x80\x80", b"\xff", b"\xe2\x80"])
def test_bytes_that_are_not_utf8_go_to_the_full_validator(bad, tmp_path):
    lines = (ROOT / "tables" / "events.csv").read_bytes().split(b"\n")
    lines[2] = lines[2].replace(b",", b"," + bad, 1)
    path = tmp_path / "e.csv"
    path.write_bytes(b"\n".join(lines))
    assert _screen(path, "events", {}, replace=True) is None
    fast, full = validate_file(path, "events", replace=True), validate_file(path, "events", replace=True, fast=False)
    assert fast.exit_code == 2 and fast.to_dict() == full.to_dict()


@settings(max_examples=examples(300))
@given(st.binary(max_size=40).map(lambda b: bytes(b"a,\r\n"[x % 4] for x in b)), st.integers(1, 7))
def test_the_scan_sees_a_cr_that_ends_no_line_whatever_the_block_size(data, size):
    import re

    fh = readers._Scanning(io.BytesIO(data))
    while fh.read(size):
        pass
    assert fh.odd == bool(re.search(rb"\r(?!\n)", data))
    assert fh.lines == data.count(b"\n") + (1 if data and not data.endswith(b"\n") else 0)
