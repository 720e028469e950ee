"""turaz-data diff: rows added, removed and changed between two versions of the data."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import copy_package
from tests.strategies import examples
from turaz_data.cli import main
from turaz_data.publish.diff import diff, read_package
from turaz_data.tables.models import TABLES

ROOT = Path(__file__).resolve().parents[1]
RELEASE_0_1_0 = Path(__file__).parent / "data" / "turaz-data-0.1.0.zip"


def _rows(pkg: Path, table: str) -> tuple[list[str], list[list[str]]]:
    rows = list(csv.reader(io.StringIO((pkg.parent / "tables" / f"{table}.csv").read_text(encoding="utf-8"))))
    return rows[0], rows[1:]


def _write(pkg: Path, table: str, header: list[str], body: list[list[str]]) -> None:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(body)
    (pkg.parent / "tables" / f"{table}.csv").write_text(buf.getvalue(), encoding="utf-8")


def _zip(pkg: Path, out: Path, top: str = "") -> Path:
    with zipfile.ZipFile(out, "w") as zf:
        for p in sorted(pkg.parent.rglob("*")):
            if p.is_file():
                zf.write(p, top + p.relative_to(pkg.parent).as_posix())
    return out


# --------------------------------------------------------------------------- equal


def test_the_same_data_in_three_forms_is_equal(tmp_path, capsys):
    pkg = copy_package(tmp_path / "a")
    zipped = _zip(pkg, tmp_path / "a.zip", top="turaz-data/")
    for old, new in ((pkg, pkg.parent), (zipped, pkg), (pkg.parent, zipped)):
        assert main(["diff", str(old), str(new)]) == 0
        out = capsys.readouterr().out
        assert out.endswith("equal\n") and out.count("unchanged") == len(TABLES)


# --------------------------------------------------------------------------- exact output


def test_text_json_and_markdown_of_a_small_change(tmp_path, capsys):
    old = copy_package(tmp_path / "old")
    new = copy_package(tmp_path / "new")
    header, body = _rows(new, "events")
    i_desc, i_id = header.index("description"), header.index("id")
    first, second = body[0][i_id], body[1][i_id]
    old_desc = body[0][i_desc]
    body[0][i_desc] = "A corrected description."
    added = list(body[2])
    added[i_id] = "2099-01-01-added-row"
    removed = body.pop(1)
    _write(new, "events", header, [*body, added])

    assert main(["diff", str(old), str(new)]) == 1
    out = capsys.readouterr().out
    assert f"events: 1 added, 1 removed, 1 changed\n  + 2099-01-01-added-row\n  - {second}\n  ~ {first}\n" \
           f"      description: {old_desc!r} -> 'A corrected description.'\n" in out
    assert out.endswith("different\n")

    assert main(["diff", str(old), str(new), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["equal"] is False and data["old"]["version"] == data["new"]["version"]
    ev = data["tables"]["events"]
    assert [a["key"] for a in ev["added"]] == [{"id": "2099-01-01-added-row"}]
    assert ev["removed"] == [{"key": {"id": second}, "row": dict(zip(header, removed, strict=True)), "retraction": None}]
    assert ev["changed"] == [{"key": {"id": first},
                              "fields": {"description": {"old": old_desc, "new": "A corrected description."}}}]
    assert set(data["tables"]) == {"events"}
    assert data["summary"]["events"] == {"added": 1, "removed": 1, "changed": 1}

    assert main(["diff", str(old), str(new), "--format", "markdown"]) == 1
    md = capsys.readouterr().out
    assert md.startswith("### Data (0.1.0 -> 0.1.0)\n\n- `events`: 1 added, 1 removed, 1 corrected.\n")
    assert f"  - withdrawn `{second}`\n" in md and f"  - corrected `{first}` (`description`)\n" in md


def test_columns_added_and_removed(tmp_path, capsys):
    old = copy_package(tmp_path / "old")
    new = copy_package(tmp_path / "new")
    header, body = _rows(new, "actors")
    i = header.index("note")
    _write(new, "actors", [*header[:i], *header[i + 1:], "extra_code"], [[*r[:i], *r[i + 1:], ""] for r in body])
    result = diff(old, new)
    t = result.tables["actors"]
    assert (t.columns_added, t.columns_removed) == (["extra_code"], ["note"])
    assert t.changed == [] and not t.added and not t.removed  # rows compare on the columns both have
    assert main(["diff", str(old), str(new)]) == 1
    out = capsys.readouterr().out
    with_notes = sum(1 for r in body if r[i])
    assert ("actors: 0 added, 0 removed, 0 changed\n  + column extra_code (0 non-empty values)\n"
            f"  - column note ({with_notes} non-empty values)\n") in out


# --------------------------------------------------------------------------- properties

ops = st.lists(st.tuples(st.sampled_from([t.name for t in TABLES]), st.sampled_from(["add", "remove", "change"]),
                         st.integers(0, 10_000)), max_size=8)


@settings(max_examples=examples(15), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops)
def test_diff_reports_exactly_the_edits(tmp_path_factory, edits):
    base = tmp_path_factory.mktemp("prop")
    old = copy_package(base / "old")
    new = copy_package(base / "new")
    expected = {t.name: {"added": set(), "removed": set(), "changed": set()} for t in TABLES}
    spec = {t.name: t for t in TABLES}
    for table, op, n in edits:
        header, body = _rows(new, table)
        key = [header.index(k) for k in spec[table].primary_key]

        def keyof(r, key=key):
            return tuple(r[k] for k in key)

        exp = expected[table]
        if not body:
            continue
        r = body[n % len(body)]
        if op == "remove":
            body.remove(r)
            k = keyof(r)
            if k in exp["added"]:
                exp["added"].discard(k)
            else:
                exp["changed"].discard(k)
                exp["removed"].add(k)
        elif op == "add":
            new_row = list(r)
            new_row[key[-1]] = f"{r[key[-1]]}-x{n}" if not r[key[-1]].isdigit() else str(1000 + n)
            if keyof(new_row) in {keyof(b) for b in body}:
                continue
            body.append(new_row)
            exp["added"].add(keyof(new_row))
        else:  # change a cell that is not part of the key
            cols = [i for i in range(len(header)) if i not in key]
            c = cols[n % len(cols)]
            r[c] = r[c] + " (changed)" if r[c] != "x" else "y"
            if keyof(r) not in exp["added"]:
                exp["changed"].add(keyof(r))
        _write(new, table, header, body)
    result = diff(old, new)
    for name, t in result.tables.items():
        got = {"added": {t.key_of(r) for r in t.added}, "removed": {t.key_of(r) for r in t.removed},
               "changed": {k for k, _ in t.changed}}
        assert got == expected[name], name
    assert result.equal == (not any(any(v.values()) for v in expected.values()))


# --------------------------------------------------------------------------- the previous release


def test_diff_from_release_0_1_0_accounts_for_every_row(capsys):
    old = read_package(RELEASE_0_1_0)
    assert old.version == "0.1.0"
    result = diff(RELEASE_0_1_0, ROOT / "datapackage.json")
    new = read_package(ROOT / "datapackage.json")
    for name, t in result.tables.items():
        assert len(new.tables[name][1]) == len(old.tables[name][1]) + len(t.added) - len(t.removed), name
        old_keys = {tuple(r.get(k) for k in old.key(name)) for r in old.tables[name][1]}
        assert all(t.key_of(r) not in old_keys for r in t.added)
        for k, fields in t.changed:
            assert k in old_keys and all(o != n for o, n in fields.values())
    code = main(["diff", str(RELEASE_0_1_0), str(ROOT)])
    assert code == (0 if result.equal else 1)
    assert capsys.readouterr().out == result.to_text()


# --------------------------------------------------------------------------- withdrawn rows


def _with_retractions(pkg: Path, rows: list[list[str]]) -> None:
    header = ["id", "table", "version", "reason", "replaced_by"]
    _write(pkg, "retractions", header, rows)
    desc = json.loads(pkg.read_text(encoding="utf-8"))
    if not any(r["name"] == "retractions" for r in desc["resources"]):
        desc["resources"].append({"name": "retractions", "path": "tables/retractions.csv", "type": "table",
                                  "schema": {"fields": [{"name": h, "type": "string"} for h in header],
                                             "primaryKey": ["table", "id"]}})
    pkg.write_text(json.dumps(desc), encoding="utf-8")


def test_withdrawn_rows_are_reported_and_ids_never_reused(tmp_path, capsys):
    old = copy_package(tmp_path / "old")
    new = copy_package(tmp_path / "new")
    header, body = _rows(new, "events")
    gone, unrecorded = body[0][0], body[1][0]
    _write(new, "events", header, body[2:])
    shipped = _rows(new, "retractions")[1] if (new.parent / "tables" / "retractions.csv").exists() else []
    _with_retractions(new, [*shipped, [gone, "events", "0.2.0", "the footnote does not back it", body[2][0]]])
    assert main(["diff", str(old), str(new)]) == 1
    out = capsys.readouterr().out
    assert f"  - {gone} (retracted in 0.2.0, replaced by {body[2][0]}: the footnote does not back it)\n" in out
    assert (f"problem: events row {unrecorded!r} was removed without an entry in the retractions table: "
            "record why it was withdrawn\n") in out
    assert ("table retractions: added (1 rows)\n" if not shipped else "retractions: 1 added, 0 removed, 0 changed\n") in out
    # the withdrawn id used again: reported
    _write(new, "events", header, [body[0], *body[2:]])
    _with_retractions(new, [*shipped, [gone, "events", "0.2.0", "the footnote does not back it", ""],
                            [unrecorded, "events", "0.2.0", "a duplicate", ""]])
    result = diff(old, new)
    assert result.problems == [(f"events id {gone!r} is recorded as withdrawn but is in use again: "
                                "ids are never reused; give the row a new id")]


# --------------------------------------------------------------------------- unreadable input


def test_unreadable_inputs_exit_2_with_a_reason(tmp_path, capsys):
    good = copy_package(tmp_path / "good")
    cases = []
    (tmp_path / "bad.zip").write_bytes(b"PK\x03\x04 not really a zip")
    cases.append((tmp_path / "bad.zip", "neither a datapackage.json"))
    _zip(copy_package(tmp_path / "nodp") , tmp_path / "nodp.zip", top="a/b/")
    cases.append((tmp_path / "nodp.zip", "the zip holds no datapackage.json at its top or in one top folder"))
    broken = copy_package(tmp_path / "broken")
    broken.write_text("{not json", encoding="utf-8")
    cases.append((broken, "datapackage.json is not valid UTF-8 JSON"))
    missing = copy_package(tmp_path / "missing")
    (missing.parent / "tables" / "works.csv").unlink()
    cases.append((missing, "works.csv: cannot be read"))
    ragged = copy_package(tmp_path / "ragged")
    (ragged.parent / "tables" / "actors.csv").write_text("actor_id,name_en\naze\n", encoding="utf-8")
    cases.append((ragged, "tables/actors.csv, line 2: 1 cells, but the header has 2"))
    escape = copy_package(tmp_path / "escape")
    desc = json.loads(escape.read_text(encoding="utf-8"))
    desc["resources"][0]["path"] = "../../etc/passwd"
    escape.write_text(json.dumps(desc), encoding="utf-8")
    cases.append((escape, "resource path '../../etc/passwd' leaves the package"))
    cases.append((tmp_path / "nowhere", "no such file or folder"))
    for path, message in cases:
        assert main(["diff", str(good), str(path)]) == 2, path
        err = capsys.readouterr().err
        assert err.startswith("turaz-data diff: error: ") and message in err, (path, err)
        assert "Traceback" not in err
