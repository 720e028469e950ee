"""Fuzzing 'turaz-data validate': random bytes and random damage to a valid file never end
in an uncaught exception, and the exit code is always 0, 1 or 2.

The number of examples per test follows the Hypothesis profile (30 under ``ci``; see
tests/conftest.py); a longer, still bounded, run: ``--hypothesis-profile ci`` with
``--hypothesis-seed`` varied, or a profile of your own. The million-row test is marked
``slow`` and runs only with ``python -m pytest -m slow``.
"""

from __future__ import annotations

import io

import pytest
from ._contrib_support import example_row, refs, to_csv
from .strategies import examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from turaz_data.cli import main
from turaz_data.contrib.engine import validate_file
from turaz_data.tables.models import TABLES

EXAMPLES = examples(30)
FUZZ = settings(max_examples=EXAMPLES, suppress_health_check=list(HealthCheck))
TABLE_NAMES = [t.name for t in TABLES]
SPECIAL = [b",", b";", b"\t", b'"', b"\n", b"\r", b"\r\n", b"\x00", b"#", b"|", b"=", b" ", b"\xef\xbb\xbf",
           b"\xff", b"\xc3", "ü".encode(), "u\u0308".encode(), b"-", b"4,8", b"", b"\x1b", "\u2028".encode()]


def run(table: str, data: bytes):
    rep = validate_file(io.BytesIO(data), table, refs=refs(), chunk_rows=3, max_problems=50)
    assert rep.exit_code in (0, 1, 2)
    rep.to_text()
    rep.to_dict()
    return rep


@FUZZ
@given(table=st.sampled_from(TABLE_NAMES), data=st.binary(max_size=400))
def test_random_bytes(table, data):
    run(table, data)


@st.composite
def damaged(draw):
    table = draw(st.sampled_from(TABLE_NAMES))
    data = bytearray(to_csv(table, [example_row(table, i) for i in range(draw(st.integers(0, 5)))]))
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["insert", "delete", "replace", "dupline", "truncate"]))
        pos = draw(st.integers(0, len(data)))
        if op == "insert":
            data[pos:pos] = draw(st.sampled_from(SPECIAL) | st.binary(max_size=4))
        elif op == "delete":
            del data[pos:pos + draw(st.integers(1, 5))]
        elif op == "replace":
            data[pos:pos + 1] = draw(st.sampled_from(SPECIAL))
        elif op == "dupline":
            lines = bytes(data).split(b"\n")
            i = draw(st.integers(0, len(lines) - 1))
            lines.insert(i, lines[i])
            data = bytearray(b"\n".join(lines))
        else:
            data = data[:pos]
    return table, bytes(data)


@FUZZ
@given(case=damaged())
def test_damaged_valid_file(case):
    run(*case)


@settings(max_examples=max(5, EXAMPLES // 5), suppress_health_check=list(HealthCheck))
@given(case=damaged(), fmt=st.sampled_from(["text", "json"]))
def test_cli_never_crashes(case, fmt, tmp_path_factory, capsys):
    table, data = case
    f = tmp_path_factory.mktemp("fuzz") / "f.csv"
    f.write_bytes(data)
    rc = main(["validate", str(f), "--table", table, "--format", fmt])
    err = capsys.readouterr().err
    assert rc in (0, 1, 2), err
    assert "internal error" not in err and "Traceback" not in err


@pytest.mark.slow
def test_million_rows_in_bounded_memory(tmp_path):
    import resource
    import time

    table = "events"
    head, row = to_csv(table, [example_row(table, 0)]).decode().splitlines(True)
    f = tmp_path / "big.csv"
    n = 1_000_000
    with open(f, "w", encoding="utf-8") as fh:
        fh.write(head)
        for i in range(n):
            fh.write(row.replace("row-0", f"row-{i}", 1))
        fh.write(row.replace("Baku", " Baku").replace("row-0", "row-last", 1))
    start = time.time()
    calls = []
    rep = validate_file(f, table, refs=refs(), max_problems=100, progress=lambda r, b: calls.append(r))
    took = time.time() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    assert rep.rows == n + 1
    assert [(p.line, p.column, p.rule) for p in rep.problems] == [(n + 2, "place", "text_whitespace")]
    assert len(calls) > 100
    assert peak_mb < 1500, peak_mb  # the file is ~240 MB; memory holds one chunk plus the keys
    print(f"{n} rows in {took:.1f} s, peak RSS {peak_mb:.0f} MB")
