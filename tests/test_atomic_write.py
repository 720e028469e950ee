"""One atomic writer (tables.storage.atomic_write) for every file the package writes:
the old file survives a failure, and a replaced file keeps its mode."""

from __future__ import annotations

import os
import stat

import pytest

from turaz_data.cli import main
from turaz_data.tables.storage import atomic_path, atomic_write


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def umask() -> int:
    m = os.umask(0)
    os.umask(m)
    return m


@pytest.mark.parametrize("before", [0o644, 0o600, 0o664, 0o640])
def test_a_replaced_file_keeps_its_mode(tmp_path, before):
    f = tmp_path / "t.csv"
    f.write_bytes(b"old\n")
    f.chmod(before)
    atomic_write(f, b"new\n")
    assert (f.read_bytes(), mode(f)) == (b"new\n", before)
    assert [p.name for p in tmp_path.iterdir()] == ["t.csv"]


def test_a_new_file_gets_the_ordinary_mode(tmp_path):
    f = tmp_path / "new.csv"
    atomic_write(f, b"x")
    assert mode(f) == 0o666 & ~umask()


def test_a_failure_leaves_the_old_file_and_no_temporary_file(tmp_path):
    f = tmp_path / "t.csv"
    f.write_bytes(b"old\n")
    with pytest.raises(RuntimeError), atomic_path(f) as tmp:
        tmp.write_bytes(b"half")
        raise RuntimeError("crash")
    assert f.read_bytes() == b"old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["t.csv"]


def test_atomic_write_keeps_old_file_when_interrupted(tmp_path, monkeypatch):
    target = tmp_path / "t.csv"
    target.write_bytes(b"old\n")

    def boom(src, dst):
        raise OSError("simulated crash before rename")

    monkeypatch.setattr("os.replace", boom)
    with pytest.raises(OSError):
        atomic_write(target, b"new\n")
    assert target.read_bytes() == b"old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["t.csv"]  # no temporary file left


def test_add_keeps_the_mode_of_the_table(package_copy, tmp_path, capsys):
    from turaz_data.contrib.add import template

    table = package_copy.parent / "tables" / "events.csv"
    table.chmod(0o644)
    rows = template("events").splitlines()
    example = rows[-1].removeprefix("#")  # the commented example row
    new = tmp_path / "new.csv"
    new.write_text(rows[0] + "\n" + example.replace(example.split(",")[0], "2099-test-row", 1) + "\n",
                   encoding="utf-8")
    before = table.read_bytes()
    code = main(["add", str(new), "--table", "events", "--package", str(package_copy)])
    out = capsys.readouterr()
    assert code == 0, out
    assert table.read_bytes() != before
    assert mode(table) == 0o644


@pytest.mark.parametrize("fmt,name", [("zip", "out.zip"), ("sqlite", "out.sqlite"), ("bibtex", "out.bib")])
def test_export_keeps_the_mode_of_the_file_it_replaces(tmp_path, fmt, name):
    from turaz_data.publish.export import export

    out = tmp_path / name
    out.write_bytes(b"")
    out.chmod(0o640)
    export(fmt, out)
    assert mode(out) == 0o640 and out.stat().st_size > 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]
