"""'turaz-data add': merging into a COPY of the package (never the real tables)."""

from __future__ import annotations

import os
import shutil

import pytest
from ._contrib_support import example_row, make_package, to_csv

from turaz_data.cli import main
from turaz_data.contrib.add import ContribError, add_file
from turaz_data.tables.storage import read_rows, render_csv, resource


@pytest.fixture
def pkg(tmp_path):
    return make_package(tmp_path / "pkg")


def table_bytes(pkg, name):
    return (pkg.parent / "tables" / f"{name}.csv").read_bytes()


def snapshot(pkg):
    return {p.name: p.read_bytes() for p in (pkg.parent / "tables").iterdir()}


def test_add_new_rows_in_table_order(pkg, tmp_path, capsys):
    rows = [example_row("events", i) for i in (3, 1, 2)]
    f = tmp_path / "new.csv"
    f.write_bytes(to_csv("events", rows))
    assert main(["add", str(f), "--table", "events", "--package", str(pkg)]) == 0
    assert capsys.readouterr().out.endswith("events.csv: 3 row(s) added, 0 replaced; written\n")
    ids = [r["id"] for r in read_rows("events", pkg)]
    assert ids == ["2020-second-karabakh-war", "row-1", "row-2", "row-3"]
    # deterministic: the file is the canonical rendering of its rows
    assert table_bytes(pkg, "events") == render_csv(resource("events", pkg), read_rows("events", pkg))


def test_existing_ids_need_replace(pkg, tmp_path, capsys):
    row = {**example_row("events"), "id": "2020-second-karabakh-war", "place": "Ganja"}
    f = tmp_path / "fix.csv"
    f.write_bytes(to_csv("events", [row]))
    before = snapshot(pkg)
    assert main(["add", str(f), "--table", "events", "--package", str(pkg)]) == 1
    cap = capsys.readouterr()
    assert ("line 2, column 'id': value '2020-second-karabakh-war' [key_exists] id 2020-second-karabakh-war is "
            "already in the shipped table events. Fix: to correct that row, validate and add with --replace; "
            "to add a new row, choose a new key") in cap.out
    assert "nothing was written" in cap.err
    assert snapshot(pkg) == before
    assert main(["add", str(f), "--table", "events", "--package", str(pkg), "--replace"]) == 0
    assert capsys.readouterr().out.endswith("0 row(s) added, 1 replaced; written\n")
    assert [r["place"] for r in read_rows("events", pkg)] == ["Ganja"]
    assert main(["add", str(f), "--table", "events", "--package", str(pkg), "--replace"]) == 0
    assert "unchanged" in capsys.readouterr().out


def test_invalid_file_changes_nothing(pkg, tmp_path, capsys):
    f = tmp_path / "bad.csv"
    f.write_bytes(to_csv("events", [example_row("events", 1), {**example_row("events", 2), "footnote": 60}]))
    before = snapshot(pkg)
    assert main(["add", str(f), "--table", "events", "--package", str(pkg)]) == 1
    assert snapshot(pkg) == before
    f.write_bytes(b"\xff\xfe")
    assert main(["add", str(f), "--table", "events", "--package", str(pkg)]) == 2
    assert snapshot(pkg) == before


def test_crash_before_rename_leaves_table(pkg, tmp_path, monkeypatch, capsys):
    f = tmp_path / "new.csv"
    f.write_bytes(to_csv("events", [example_row("events", 1)]))
    before = snapshot(pkg)

    def crash(src, dst):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(ContribError, match="could not write .*events.csv: Input/output error; the table is unchanged"):
        add_file(f, "events", package=pkg)
    assert main(["add", str(f), "--table", "events", "--package", str(pkg)]) == 2
    assert "the table is unchanged" in capsys.readouterr().err
    assert snapshot(pkg) == before  # and no temporary file left behind


def test_interrupt_before_rename_leaves_table(pkg, tmp_path, monkeypatch):
    f = tmp_path / "new.csv"
    f.write_bytes(to_csv("events", [example_row("events", 1)]))
    before = snapshot(pkg)

    def interrupt(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupt)
    with pytest.raises(KeyboardInterrupt):
        add_file(f, "events", package=pkg)
    assert snapshot(pkg) == before


def test_refuses_installed_package_data(tmp_path, capsys):
    site = tmp_path / "site" / "turaz_data"
    make_package(site / "_data")
    (site / "__init__.py").write_text("")
    f = tmp_path / "new.csv"
    f.write_bytes(to_csv("events", [example_row("events", 1)]))
    before = snapshot(site / "_data" / "datapackage.json")
    assert main(["add", str(f), "--table", "events", "--package", str(site / "_data" / "datapackage.json")]) == 2
    assert "belong to an installed turaz-data package" in capsys.readouterr().err
    assert snapshot(site / "_data" / "datapackage.json") == before


def test_self_reference_resolved_within_the_file(pkg, tmp_path, capsys):
    rows = [{**example_row("actors", 1), "country": "new-2"}, {**example_row("actors", 2), "country": "tur"},
            {**example_row("actors", 3), "country": "nowhere"}]
    f = tmp_path / "actors.csv"
    f.write_bytes(to_csv("actors", rows))
    assert main(["add", str(f), "--table", "actors", "--package", str(pkg)]) == 1
    out = capsys.readouterr().out
    assert "line 4, column 'country': value 'nowhere' [foreign_key]" in out
    assert "line 2" not in out
    f.write_bytes(to_csv("actors", rows[:2]))
    assert main(["add", str(f), "--table", "actors", "--package", str(pkg)]) == 0
    assert {"new-1", "new-2"} <= {r["actor_id"] for r in read_rows("actors", pkg)}


def test_add_every_table(pkg, tmp_path):
    for name in ("works", "citations", "actors", "agreements", "arms_transfers", "quantities"):
        f = tmp_path / f"{name}.csv"
        rows = [example_row(name, i) for i in range(2)]
        if "id" in rows[0]:  # claim ids are unique across the claim tables
            rows = [{**r, "id": f"{name.replace('_', '-')}-{r['id']}"} for r in rows]
        f.write_bytes(to_csv(name, rows))
        res = add_file(f, name, package=pkg)
        assert res.report.valid and res.written and res.added == 2, res.report.to_text()


def _add_one(path: str, package: str) -> None:
    add_file(path, "events", package=package)


def test_two_adds_at_once_keep_both_files_rows(pkg, tmp_path):
    """Each add holds the package's lock from validation to write, so neither add
    merges into a table the other is about to replace."""
    import multiprocessing

    files = []
    for i in (10, 11):
        f = tmp_path / f"new-{i}.csv"
        f.write_bytes(to_csv("events", [example_row("events", i)]))
        files.append(f)
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_add_one, args=(str(f), str(pkg))) for f in files]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    assert [p.exitcode for p in procs] == [0, 0]
    ids = [r["id"] for r in read_rows("events", pkg)]
    assert ids == ["2020-second-karabakh-war", "row-10", "row-11"]


def test_add_waits_for_another_add_then_gives_up_with_a_message(pkg, tmp_path):
    from filelock import FileLock

    f = tmp_path / "new.csv"
    f.write_bytes(to_csv("events", [example_row("events", 7)]))
    before = snapshot(pkg)
    with FileLock(str(pkg.parent / ".turaz-add.lock")):
        with pytest.raises(ContribError, match=r"^another 'turaz-data add' is changing the tables of .*pkg "
                           r"\(it holds .*\.turaz-add\.lock\); waited 0\.2 s\. Run the add again when that one "
                           r"has finished; nothing was written$"):
            add_file(f, "events", package=pkg, lock_timeout=0.2)
    assert snapshot(pkg) == before
    assert add_file(f, "events", package=pkg).added == 1  # the lock is free again
