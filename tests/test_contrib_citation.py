"""validate/add --article: the verifier's citation check on contributed claim rows."""

from __future__ import annotations

import json

import pytest

from turaz_data.cli import main
from turaz_data.tables.storage import read_rows

from ._contrib_support import to_csv


def shipped_claim(table="events"):
    rows = read_rows(table)
    if not rows:
        pytest.skip(f"no shipped {table} rows to borrow evidence from")
    return {**rows[0], "id": "contrib-test-row"}


def test_valid_evidence_passes(article, tmp_path, capsys):
    f = tmp_path / "e.csv"
    f.write_bytes(to_csv("events", [shipped_claim()]))
    assert main(["validate", str(f), "--table", "events", "--article", str(article)]) == 0
    assert capsys.readouterr().out.endswith("valid: 1 row of table 'events', evidence checked against the article\n")


def test_missing_token_is_reported_at_its_line(article, tmp_path, capsys):
    good = shipped_claim()
    bad = {**good, "id": "contrib-test-row-2", "evidence": [good["evidence"][0], "Zzyzx hiç geçmeyen söz"]}
    f = tmp_path / "e.csv"
    f.write_bytes(to_csv("events", [good, bad]))
    assert main(["validate", str(f), "--table", "events", "--article", str(article), "--format", "json"]) == 1
    rep = json.loads(capsys.readouterr().out)
    assert rep["problems"] == [{
        "line": 3, "row": 2, "column": "evidence", "value": "Zzyzx hiç geçmeyen söz", "rule": "citation",
        "message": 'token "Zzyzx hiç geçmeyen söz" not found anywhere in the article',
        "hint": "copy the token verbatim from the article (case and diacritics count), or correct footnote and support"}]
    assert rep["citation"]["checked"] is True and rep["citation"]["rows_checked"] == 2 and rep["citation"]["rows_ok"] == 1


def test_reference_tables_are_not_cited(article, tmp_path, capsys):
    f = tmp_path / "a.csv"
    f.write_bytes(to_csv("actors", [{"actor_id": "contrib-x", "name_en": "X", "name_tr": "X", "type": "company"}]))
    assert main(["validate", str(f), "--table", "actors", "--article", str(article), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["citation"] == {"checked": False, "reason": "actors is not a claim table"}


def test_missing_article(tmp_path, capsys):
    f = tmp_path / "e.csv"
    f.write_bytes(b"id\n")
    assert main(["validate", str(f), "--table", "events", "--article", str(tmp_path / "nope.txt")]) == 2
    assert capsys.readouterr().err == f"turaz-data validate: error: article not found: {tmp_path / 'nope.txt'}\n"


def test_not_the_article(tmp_path, capsys):
    a = tmp_path / "a.txt"
    a.write_text("hello\n", encoding="utf-8")
    f = tmp_path / "e.csv"
    f.write_bytes(b"id\n")
    assert main(["validate", str(f), "--table", "events", "--article", str(a)]) == 2
    assert f"error: {a} is not a readable copy of the article" in capsys.readouterr().err
