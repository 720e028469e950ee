"""Fuzzing the commands with Hypothesis: contributed files of any bytes, and descriptors
with any part replaced by any JSON value or hostile path. Whatever the input, every
command ends with exit code 0, 1 or 2 (never 3, never a traceback), within 30 s and
1 GB (the worker process's limits, see tests/hostile/worker.py), and never prints the
canary file that lies outside the package."""

from __future__ import annotations

import codecs
import itertools
import json
import os

import pytest

pytest.importorskip("resource", reason="the hostile corpus runs on POSIX (FIFOs, rlimits)")
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ._contrib_support import example_row, header, make_package, to_csv
from .hostile.cases import CANARY
from .hostile.worker import Worker
from .test_hostile import check_output

SETTINGS = settings(max_examples=60, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@pytest.fixture(scope="module")
def worker():
    w = Worker()
    yield w
    w.close()


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    root = tmp_path_factory.mktemp("fuzz")
    outside = root / "outside"
    outside.mkdir()
    (outside / "secret.csv").write_text(f"{CANARY},x\n", encoding="utf-8")
    pkg = make_package(root / "base")
    return root, pkg


_counter = itertools.count()


def fresh_package(base) -> tuple:
    """A new copy of the package (a new folder: the worker caches descriptors by folder)."""
    root, _ = base
    return root, make_package(root / f"p{next(_counter)}")


# --------------------------------------------------------------------------- files

HEADER = ",".join(header("events"))
GOOD_ROW = to_csv("events", [example_row("events", 1)]).decode().splitlines()[1]
PIECES = st.sampled_from([
    HEADER, GOOD_ROW, "", ",", ";", "\t", '"', '""', "\r", "\n", "\r\n", "\x00", "\ufeff", "\u202e", "\u2028",
    "\u200b", "=1+1", "#", "x" * 200_000, "ğışİ", "é", "\udcff",
])
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1254", "latin-1", "utf-32"])


@st.composite
def csv_like(draw) -> bytes:
    """Text made of CSV pieces (header, a valid row, separators, quotes, hostile
    characters, a cell over the csv module's default limit) in some encoding."""
    text = "".join(draw(st.lists(PIECES | st.text(max_size=20), max_size=12)))
    enc = draw(ENCODINGS)
    return text.encode(enc, errors="surrogateescape" if enc.startswith("utf-8") else "replace")


FILES = st.binary(max_size=2000) | csv_like() | st.builds(lambda b: codecs.BOM_UTF16_LE + b, st.binary(max_size=200))


@SETTINGS
@given(data=FILES, command=st.sampled_from(["validate", "add"]), table=st.sampled_from(["events", "actors"]),
       extra=st.sampled_from([[], ["--encoding", "cp1254"], ["--max-bytes", "100"], ["--replace"]]))
def test_any_file(worker, base, tmp_path, data, command, table, extra):
    root, pkg = fresh_package(base)
    f = root / f"in{next(_counter)}.csv"
    f.write_bytes(data)
    rc, out, err = worker.run([command, f, "--table", table, "--package", pkg, *extra])
    check_output(rc, out, err)


# --------------------------------------------------------------------------- descriptors

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
HOSTILE_PATHS = st.sampled_from([
    "../outside/secret.csv", "../../outside/secret.csv", "tables/../../outside/secret.csv", "/etc/passwd",
    "/dev/zero", "https://example.org/x.csv", "file:///etc/passwd", "C:\\x.csv", "tables", "tables/", "", ".",
    "./tables/events.csv", "tables//events.csv", "~/x.csv", "tables/events.csv\x00.txt", "tables/actors.csv",
    "datapackage.json",
])


@st.composite
def descriptors(draw, desc: dict):
    """The descriptor with one to three of its parts (found by a random walk) replaced by any
    JSON value, a hostile path, or deleted."""
    desc = json.loads(json.dumps(desc))
    for _ in range(draw(st.integers(1, 3))):
        node, key = None, None
        cur = desc
        for _depth in range(draw(st.integers(0, 6))):
            if isinstance(cur, dict) and cur:
                k = draw(st.sampled_from(sorted(cur)))
            elif isinstance(cur, list) and cur:
                k = draw(st.integers(0, len(cur) - 1))
            else:
                break
            node, key, cur = cur, k, cur[k]
        if node is None:
            if draw(st.booleans()):
                return draw(JSON)
            continue
        action = draw(st.sampled_from(["json", "path", "delete"]))
        if action == "delete":
            del node[key]
        else:
            node[key] = draw(JSON if action == "json" else HOSTILE_PATHS)
    return desc


def _shipped_descriptor(base) -> dict:
    return json.loads(base[1].read_text(encoding="utf-8"))


@SETTINGS
@given(data=st.data(), command=st.sampled_from(["validate", "add", "export-zip", "export-xlsx", "export-sqlite"]))
def test_any_descriptor(worker, base, data, command):
    root, pkg = fresh_package(base)
    desc = data.draw(descriptors(_shipped_descriptor(base)))
    pkg.write_text(json.dumps(desc), encoding="utf-8")
    new = root / f"new{next(_counter)}.csv"
    new.write_bytes(to_csv("events", [example_row("events", 77)]))
    if command.startswith("export"):
        fmt = command.split("-")[1]
        argv = ["export", "--format", fmt, "--output", root / f"out{next(_counter)}.{fmt}", "--package", pkg]
    else:
        argv = [command, new, "--table", "events", "--package", pkg]
    rc, out, err = worker.run(argv)
    check_output(rc, out, err)
    assert (root / "outside" / "secret.csv").read_text(encoding="utf-8") == f"{CANARY},x\n"


# --------------------------------------------------------------------------- special paths in every role

KINDS = ["fifo", "folder", "link_to_secret", "link_to_fifo", "dangling_link", "dev_zero", "empty", "missing"]
ROLES = ["validate_file", "add_file", "package", "article", "export_output", "plot_output"]


def _special(root, kind: str):
    p = root / f"{kind}{next(_counter)}"
    if kind == "fifo":
        os.mkfifo(p)
    elif kind == "folder":
        p.mkdir()
    elif kind == "link_to_secret":
        p.symlink_to(root / "outside" / "secret.csv")
    elif kind == "link_to_fifo":
        target = root / f"fifo{next(_counter)}"
        os.mkfifo(target)
        p.symlink_to(target)
    elif kind == "dangling_link":
        p.symlink_to(root / "nowhere")
    elif kind == "dev_zero":
        return "/dev/zero"
    elif kind == "empty":
        p.write_bytes(b"")
    return p


#: Never point a writer at a real device: if the guard broke, a test run as root would replace it.
SPECIAL_CASES = [(k, r) for k in KINDS for r in ROLES if not (k == "dev_zero" and r.endswith("_output"))]


@pytest.mark.parametrize(("kind", "role"), SPECIAL_CASES)
def test_special_paths_in_every_role(worker, base, kind, role):
    """A pipe, a folder, a link, a device, an empty or missing path, wherever a command
    takes a path: no hang (a pipe is never opened), no exit 3, the canary never printed."""
    root, pkg = fresh_package(base)
    new = root / f"new{next(_counter)}.csv"
    new.write_bytes(to_csv("events", [example_row("events", 78)]))
    p = _special(root, kind)
    argv = {
        "validate_file": ["validate", p, "--table", "events", "--package", pkg],
        "add_file": ["add", p, "--table", "events", "--package", pkg],
        "package": ["validate", new, "--table", "events", "--package", p],
        "article": ["verify", "--article", p, "--package", pkg],
        "export_output": ["export", "--format", "zip", "--output", p, "--package", pkg],
        "plot_output": ["plot", "timeline", "--output", p, "--package", pkg],
    }[role]
    rc, out, err = worker.run(argv)
    check_output(rc, out, err)
    if kind in ("fifo", "link_to_fifo", "folder", "dev_zero", "link_to_secret", "dangling_link"):
        assert rc == 2, (kind, role, out + err)
