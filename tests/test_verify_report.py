"""The value checks' reports: exact output of `turaz-data verify` (text, JSON) and of
`turaz-data validate --article`, on a small package of hand-made rows and the real article."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from turaz_data.cli import main
from turaz_data.tables.storage import render_csv, resource

from ._contrib_support import to_csv

ACTORS = [
    {"actor_id": "aze", "name_en": "Azerbaijan", "name_tr": "Azerbaycan", "names_tr": ["Azerbaycan", "Bakü"],
     "type": "state", "iso3": "AZE"},
    {"actor_id": "caucasian-islam-army", "name_en": "Caucasian Islam Army", "name_tr": "Kafkas İslam Ordusu",
     "names_tr": ["Kafkas İslam Ordusu"], "type": "military_unit", "country": "ottoman-empire"},
    {"actor_id": "ottoman-empire", "name_en": "Ottoman Empire", "name_tr": "Osmanlı Devleti",
     "names_tr": ["Osmanlı Devleti"], "type": "historical_state"},
    {"actor_id": "rus", "name_en": "Russia", "name_tr": "Rusya", "names_tr": ["Rusya"], "type": "state", "iso3": "RUS"},
    {"actor_id": "tur", "name_en": "Türkiye", "name_tr": "Türkiye", "names_tr": ["Türkiye", "Türk"], "type": "state",
     "iso3": "TUR"},
]

_CLAIM = {"attribution": "asserted"}
LIBERATION = {**_CLAIM, "id": "e-liberation", "footnote": 9, "support": "sentence", "evidence": ["15 Eylül 1918"],
              "date": "1918-09-15", "date_basis": "stated", "category": "military_operation",
              "actors": ["caucasian-islam-army"], "targets": ["aze"], "description": "Baku is freed."}
EVENTS = [
    LIBERATION,
    {**LIBERATION, "id": "e-day-late", "date": "1918-09-16"},
    {**LIBERATION, "id": "e-context", "date_basis": "context", "date_from": "e-liberation"},
    {**LIBERATION, "id": "e-context-unknown", "date_basis": "context", "date_from": "e-nowhere"},
    {**LIBERATION, "id": "e-context-self", "date_basis": "context", "date_from": "e-context-self"},
    {**LIBERATION, "id": "e-inferred", "date": "1918~", "date_basis": "inferred", "note": "Read from the war."},
    {**LIBERATION, "id": "e-inferred-unmarked", "date": "1918", "date_basis": "inferred"},
    {**LIBERATION, "id": "e-stranger", "actors": ["rus"]},
    {**LIBERATION, "id": "e-unnamed", "actors": ["rus"], "unnamed_actors": ["rus"],
     "note": "Russia is named only in the next paragraph."},
]
AGREEMENTS = [
    {**_CLAIM, "id": "a-education", "footnote": 18, "support": "sentence",
     "evidence": ["11 Ağustos 1992", "Askeri Eğitim İşbirliği Antlaşması"], "date": "1992-08-11",
     "date_basis": "stated", "kind": "treaty", "title_tr": "Askeri Eğitim İşbirliği Antlaşması",
     "title_en": "Military education agreement", "parties": ["tur", "aze"], "description": "Training."},
]
TRANSFERS = [
    {**_CLAIM, "id": "t-boat", "footnote": 29, "support": "sentence", "evidence": ["TCG AB-34", "2000 yılına"],
     "date": "2000", "date_basis": "stated", "supplier": "tur", "recipient": "aze", "designation": "TCG AB-34",
     "description": "A boat.", "category": "ships", "deal_type": "grant"},
    {**_CLAIM, "id": "t-boat-renamed", "footnote": 29, "support": "sentence", "evidence": ["TCG AB-34", "2000 yılına"],
     "date": "2000", "date_basis": "stated", "supplier": "tur", "recipient": "aze", "designation": "TCG AB-35",
     "description": "A boat.", "category": "ships", "deal_type": "grant"},
]
PFP = {**_CLAIM, "id": "q-pfp", "footnote": 2, "support": "sentence", "evidence": ["762 askerî personel", "1999-2015"],
       "measure": "personnel", "subject": "Course participants", "actors": ["aze", "tur"], "value": 762.0,
       "unit": "person", "qualifier": "exact", "value_basis": "stated", "date": "1999/2015", "date_basis": "stated"}
QUANTITIES = [
    PFP,
    {**PFP, "id": "q-pfp-726", "value": 726.0},
    {**PFP, "id": "q-pfp-about", "qualifier": "about"},
    {**PFP, "id": "q-pfp-inferred", "value": 700.0, "value_basis": "inferred", "note": "Rounded by us."},
]


@pytest.fixture
def small_package(package_copy: Path) -> Path:
    tables = {"actors": ACTORS, "events": EVENTS, "agreements": AGREEMENTS, "arms_transfers": TRANSFERS,
              "quantities": QUANTITIES}
    for name, rows in tables.items():
        path = package_copy.parent / "tables" / f"{name}.csv"
        path.write_bytes(render_csv(resource(name, package_copy), rows))
    return package_copy


GROUNDING = [
    (
        "events: 4/9 rows verified, 5 failing; grounded: dates 3 stated, 1 context, 1 inferred; "
        "numbers 0 stated, 0 inferred; actors 16 stated, 1 inferred"
    ),
    (
        "agreements: 1/1 rows verified, 0 failing; grounded: dates 1 stated, 0 context, 0 inferred; "
        "numbers 0 stated, 0 inferred; actors 2 stated, 0 inferred"
    ),
    (
        "arms_transfers: 1/2 rows verified, 1 failing; grounded: dates 2 stated, 0 context, 0 inferred; "
        "numbers 0 stated, 0 inferred; actors 4 stated, 0 inferred"
    ),
    (
        "quantities: 2/4 rows verified, 2 failing; grounded: dates 4 stated, 0 context, 0 inferred; "
        "numbers 1 stated, 1 inferred; actors 8 stated, 0 inferred"
    ),
]


def test_verify_text_report_names_each_failing_value(article, small_package, capsys):
    code = main(["verify", "--article", str(article), "--package", str(small_package)])
    out, err = capsys.readouterr()
    assert (code, err) == (1, "")
    lines = out.splitlines()
    assert lines[-1].startswith("article sha256: ")
    assert lines[:-1] == [
        (
            'events/e-context-self (footnote 9, sentence): date_from: the row says "e-context-self"; date_from, '
            "part_of and overlaps must not name the row itself"
        ),
        (
            'events/e-context-unknown (footnote 9, sentence): date_from: the row says "e-nowhere"; no claim row '
            "has that id"
        ),
        (
            "events/e-day-late (footnote 9, sentence): date: the row says 1918-09-16; the scope states "
            '"15 Eylül 1918" (1918-09-15) (a date the scope does not state needs date_basis context or inferred)'
        ),
        (
            "events/e-inferred-unmarked (footnote 9, sentence): date: the row says 1918; an inferred date must "
            "carry an EDTF uncertainty mark (~, ? or %) and the note must say how it was inferred"
        ),
        (
            "events/e-stranger (footnote 9, sentence): actors: the row says rus; the scope names it by none of its "
            'forms ("Rusya"); if the scope does not name it, list it in unnamed_actors and say why in the note'
        ),
        (
            'arms_transfers/t-boat-renamed (footnote 29, sentence): designation: the row says "TCG AB-35"; the '
            "sentence does not print it"
        ),
        (
            'quantities/q-pfp-726 (footnote 2, sentence): value: the row says 726; the scope states "762" '
            "(762, exact) (a figure the scope does not state needs value_basis inferred)"
        ),
        (
            "quantities/q-pfp-about (footnote 2, sentence): qualifier: the row says about (of 762); the scope "
            'states "762" (762, exact)'
        ),
        *GROUNDING,
        "rows: 8/16 verified, 8 failed",
        "coverage: 4/59 footnotes cited by at least one claim row; not cited: "
        + ", ".join(str(n) for n in range(1, 60) if n not in (2, 9, 18, 29)),
    ]


def test_verify_json_report_tables_and_values(article, small_package, capsys):
    code = main(["verify", "--article", str(article), "--package", str(small_package), "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 1 and data["valid"] is False
    assert data["tables"] == {
        "events": {"rows": 9, "rows_ok": 4,
                   "failing": ["e-context-self", "e-context-unknown", "e-day-late", "e-inferred-unmarked",
                               "e-stranger"],
                   "grounded": {"dates": {"stated": 3, "context": 1, "inferred": 1},
                                "numbers": {"stated": 0, "inferred": 0}, "actors": {"stated": 16, "inferred": 1}}},
        "agreements": {"rows": 1, "rows_ok": 1, "failing": [],
                       "grounded": {"dates": {"stated": 1, "context": 0, "inferred": 0},
                                    "numbers": {"stated": 0, "inferred": 0}, "actors": {"stated": 2, "inferred": 0}}},
        "arms_transfers": {"rows": 2, "rows_ok": 1, "failing": ["t-boat-renamed"],
                           "grounded": {"dates": {"stated": 2, "context": 0, "inferred": 0},
                                        "numbers": {"stated": 0, "inferred": 0},
                                        "actors": {"stated": 4, "inferred": 0}}},
        "quantities": {"rows": 4, "rows_ok": 2, "failing": ["q-pfp-726", "q-pfp-about"],
                       "grounded": {"dates": {"stated": 4, "context": 0, "inferred": 0},
                                    "numbers": {"stated": 1, "inferred": 1}, "actors": {"stated": 8, "inferred": 0}}},
    }
    by_id = {f["id"]: f for f in data["failures"]}
    assert by_id["e-day-late"]["values"] == [{
        "column": "date", "row": "1918-09-16",
        "scope": 'the scope states "15 Eylül 1918" (1918-09-15) (a date the scope does not state needs date_basis '
                 "context or inferred)",
        "message": 'date: the row says 1918-09-16; the scope states "15 Eylül 1918" (1918-09-15) (a date the '
                   "scope does not state needs date_basis context or inferred)"}]
    assert by_id["e-day-late"]["missing"] == [] and by_id["e-day-late"]["reason"] is None


def test_validate_article_reports_values_at_their_lines(article, small_package, tmp_path, capsys):
    f = tmp_path / "events.csv"
    rows = [{**LIBERATION, "id": "new-good"}, {**LIBERATION, "id": "new-late", "date": "1918-09-16"},
            {**LIBERATION, "id": "new-from-file", "date_basis": "context", "date_from": "new-good"},
            {**LIBERATION, "id": "new-stranger", "targets": ["rus"]}]
    f.write_bytes(to_csv("events", rows))
    argv = ["validate", str(f), "--table", "events", "--article", str(article), "--package", str(small_package),
            "--format", "json"]
    assert main(argv) == 1
    report = json.loads(capsys.readouterr().out)
    assert [(p["line"], p["column"], p["value"], p["rule"]) for p in report["problems"]] == [
        (3, "date", "1918-09-16", "citation_value"),
        (5, "targets", "rus", "citation_value"),
    ]
    assert report["problems"][0]["message"].startswith("date: the row says 1918-09-16; the scope states")
    assert report["citation"]["rows_checked"] == 4 and report["citation"]["rows_ok"] == 2


def test_validate_article_passes_a_grounded_row(article, small_package, tmp_path, capsys):
    f = tmp_path / "events.csv"
    f.write_bytes(to_csv("events", [{**LIBERATION, "id": "new-good"}]))
    argv = ["validate", str(f), "--table", "events", "--article", str(article), "--package", str(small_package)]
    assert main(argv) == 0
    assert capsys.readouterr().out == f"{f}: valid: 1 row of table 'events', evidence checked against the article\n"


def test_fast_and_full_paths_give_the_same_value_report(article, small_package, tmp_path):
    from turaz_data.contrib.engine import load_article_or_fail, validate_file

    parsed = load_article_or_fail(article)
    f = tmp_path / "quantities.csv"
    f.write_bytes(to_csv("quantities", [{**PFP, "id": "new-pfp"}, {**PFP, "id": "new-726", "value": 726.0}]))
    fast = validate_file(f, "quantities", package=small_package, article=parsed)
    full = validate_file(f, "quantities", package=small_package, article=parsed, fast=False)
    assert fast.to_dict() == full.to_dict()
    assert [(p.line, p.column, p.value, p.rule) for p in full.problems] == [(3, "value", "726", "citation_value")]
    good = tmp_path / "good.csv"
    good.write_bytes(to_csv("quantities", [{**PFP, "id": "new-pfp"}]))
    assert validate_file(good, "quantities", package=small_package, article=parsed).valid


def test_issue_examples_on_shipped_rows(article, tmp_path, capsys):
    """The three changes of issue 12 that verify and validate --article used to pass."""
    from turaz_data.tables.storage import read_rows

    events = {r["id"]: r for r in read_rows("events")}
    quantities = {r["id"]: r for r in read_rows("quantities")}
    baku = {**events["1918-09-15-liberation-of-baku"], "date": "1918-09-16"}
    pfp = {**quantities["1999-2015-azerbaijani-personnel-pfp-courses"], "value": 726.0}
    f = tmp_path / "events.csv"
    f.write_bytes(to_csv("events", [baku]))
    argv = ["validate", str(f), "--table", "events", "--article", str(article), "--replace", "--format", "json"]
    assert main(argv) == 1
    problems = json.loads(capsys.readouterr().out)["problems"]
    assert [(p["column"], p["value"], p["rule"]) for p in problems] == [("date", "1918-09-16", "citation_value")]
    assert "(1918-09-15)" in problems[0]["message"]
    q = tmp_path / "quantities.csv"
    q.write_bytes(to_csv("quantities", [pfp]))
    argv = ["validate", str(q), "--table", "quantities", "--article", str(article), "--replace", "--format", "json"]
    assert main(argv) == 1
    problems = json.loads(capsys.readouterr().out)["problems"]
    assert [(p["column"], p["value"], p["rule"]) for p in problems] == [("value", "726", "citation_value")]
    stranger = {**events["1918-09-15-liberation-of-baku"]}
    stranger["actors"] = [*stranger["actors"], "are"]  # the United Arab Emirates: not in footnote 9's sentence
    f.write_bytes(to_csv("events", [stranger]))
    argv = ["validate", str(f), "--table", "events", "--article", str(article), "--replace", "--format", "json"]
    assert main(argv) == 1
    problems = json.loads(capsys.readouterr().out)["problems"]
    assert [(p["column"], p["value"], p["rule"]) for p in problems] == [("actors", "are", "citation_value")]
