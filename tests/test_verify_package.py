"""The verifier on the shipped tables and the real article, and on mutated copies."""

from __future__ import annotations

import json

import pytest

import turaz_data
from turaz_data.source.article import load_article
from turaz_data.cli import main
from turaz_data.tables.storage import read_rows, render_csv, resource
from turaz_data.publish.metadata import ARTICLE_SHA256
from turaz_data.source.verify import CLAIM_TABLES


def _write(package, table, rows):
    path = package.parent / "tables" / f"{table}.csv"
    path.write_bytes(render_csv(resource(table), rows))


def test_shipped_tables_verify(article):
    report = turaz_data.verify(article=article)
    n_rows = sum(len(turaz_data.load(t)) for t in CLAIM_TABLES)
    assert report.valid, report.to_text()
    assert (report.rows_checked, report.rows_ok) == (n_rows, n_rows)
    assert report.sha256_matches is True
    assert report.footnotes_cited and set(report.footnotes_cited) | set(report.footnotes_uncited) == set(range(1, 60))


def test_cli_verify_text_exit_0(article, capsys):
    code = main(["verify", "--article", str(article)])
    out, err = capsys.readouterr()
    report = turaz_data.verify(article=article)
    assert code == 0 and err == ""
    assert out.splitlines() == [
        *(stats.to_text(table) for table, stats in report.tables.items()),
        f"rows: {report.rows_checked}/{report.rows_checked} verified, 0 failed",
        report.coverage_line(),
        f"article sha256: {ARTICLE_SHA256}",
    ]


def test_article_from_environment(article, monkeypatch, capsys):
    monkeypatch.setenv("TURAZ_ARTICLE", str(article))
    assert main(["verify", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["valid"] is True and data["failures"] == [] and data["sha256_matches"] is True


def _pick(rows, pred):
    return next(r for r in rows if pred(r))


def test_mutated_copy_fails_naming_exactly_the_mutated_rows(article, package_copy, capsys):
    a = load_article(article)
    events = read_rows("events", package_copy)
    # 1. a sentence-backed row moved to the neighbouring footnote
    moved = _pick(events, lambda r: r["support"] == "sentence" and r["footnote"] < 59
                  and not all(a.contains(t, r["footnote"] + 1, "sentence") for t in r["evidence"]))
    moved["footnote"] += 1
    # 2. a token altered by one character
    agreements = read_rows("agreements", package_copy)
    altered = agreements[0]
    token = altered["evidence"][0]
    altered["evidence"] = [token[:-1] + ("X" if token[-1] != "X" else "Y"), *altered["evidence"][1:]]
    # 3. 'sentence' claimed where only 'paragraph' holds
    quantities = read_rows("quantities", package_copy)
    narrowed = _pick(quantities, lambda r: r["support"] == "paragraph"
                     and not all(a.contains(t, r["footnote"], "sentence") for t in r["evidence"]))
    narrowed["support"] = "sentence"
    _write(package_copy, "events", events)
    _write(package_copy, "agreements", agreements)
    _write(package_copy, "quantities", quantities)

    report = turaz_data.verify(article=article, package=package_copy)
    assert not report.valid
    assert sorted((f.table, f.id) for f in report.failures) == sorted(
        [("events", moved["id"]), ("agreements", altered["id"]), ("quantities", narrowed["id"])]
    )
    text = report.to_text()
    assert f"found in the sentence of footnote {moved['footnote'] - 1}, not {moved['footnote']}" in text \
        or f"of footnote {moved['footnote'] - 1}" in text

    code = main(["verify", "--article", str(article), "--package", str(package_copy)])
    out, _ = capsys.readouterr()
    assert code == 1
    assert f"rows: {report.rows_ok}/{report.rows_checked} verified, 3 failed" in out


def test_missing_article_exit_2(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("TURAZ_ARTICLE", raising=False)
    assert main(["verify"]) == 2
    assert capsys.readouterr().err == (
        "turaz-data verify: error: no article given: pass --article PATH (or set TURAZ_ARTICLE) "
        "to the plain-text article; the package does not ship it\n"
    )
    assert main(["verify", "--article", str(tmp_path / "nope.txt")]) == 2
    assert capsys.readouterr().err == f"turaz-data verify: error: article not found: {tmp_path / 'nope.txt'}\n"


def test_not_the_article_exit_2(tmp_path, capsys):
    bogus = tmp_path / "notes.txt"
    bogus.write_text("Some unrelated text.\n\nAnother paragraph.\n", encoding="utf-8")
    assert main(["verify", "--article", str(bogus)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"turaz-data verify: error: {bogus} is not a readable copy of the article: ")


def test_missing_package_exit_2(article, tmp_path, capsys):
    assert main(["verify", "--article", str(article), "--package", str(tmp_path / "x" / "datapackage.json")]) == 2
    assert "No datapackage.json at" in capsys.readouterr().err


def test_differing_article_copy_warns_but_passes(article, tmp_path, capsys):
    text = article.read_text(encoding="utf-8").replace("Bahar ÖZSOY*", "Bahar ÖZSOY**", 1)
    copy = tmp_path / "article.txt"
    copy.write_text(text, encoding="utf-8")
    assert main(["verify", "--article", str(copy)]) == 0
    out = capsys.readouterr().out
    assert "warning: the article text differs from the one the tables were checked against" in out


def test_example_rows_verify_against_the_article(article):
    from turaz_data.tables.models import EXAMPLE_ROWS
    from turaz_data.source.verify import verify_rows

    rows = [{"table": t, **EXAMPLE_ROWS[t]} for t in CLAIM_TABLES]
    report = verify_rows(load_article(article), rows)
    assert report.valid, report.to_text()
