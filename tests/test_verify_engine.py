"""turaz_data.source.verify: claim rows against made-up articles and, when present, the real one."""

from __future__ import annotations

import json
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from turaz_data.source.article import Article, parse_article
from turaz_data.source.verify import RowFailure, VerifyReport, verify_rows
from tests.article_layout import Synthetic, build, unique_token
from tests.strategies import examples


@st.composite
def parsed_articles(draw: st.DrawFn) -> tuple[Synthetic, Article]:
    rng = draw(st.randoms(use_true_random=False))
    s = build(rng, sections=draw(st.integers(1, 4)), width=draw(st.integers(35, 90)),
              page_len=draw(st.integers(3, 20)))
    return s, parse_article(s.text)


PROPERTY = settings(max_examples=examples(50))


def row(footnote: object, support: object, *evidence: str, table: str = "events", id: str = "r1") -> dict:
    return {"table": table, "id": id, "footnote": footnote, "support": support, "evidence": list(evidence)}


@pytest.fixture(scope="module")
def small() -> tuple[Synthetic, Article]:
    s = build(random.Random(7), sections=3, width=60, page_len=8)
    return s, parse_article(s.text)


# --------------------------------------------------------------------------- properties


@PROPERTY
@given(parsed_articles(), st.data())
def test_sentence_token_verifies_at_its_footnote_only(sa: tuple[Synthetic, Article], data: st.DataObject) -> None:
    s, article = sa
    n = data.draw(st.sampled_from(article.footnote_numbers))
    token = unique_token(n)
    good = verify_rows(article, [row(n, "sentence", token)])
    assert good.valid and good.rows_ok == 1 and good.failures == []
    assert verify_rows(article, [row(n, "paragraph", token)]).valid
    if n + 1 in article.footnotes:
        bad = verify_rows(article, [row(n + 1, "sentence", token, id="x")])
        assert not bad.valid and bad.rows_ok == 0
        (failure,) = bad.failures
        assert failure.missing == [token]
        assert (n, "sentence") in failure.found_in[token]
        assert failure.to_text().startswith(
            f'events/x (footnote {n + 1}, sentence): token "{token}" not found; found in the sentence of footnote {n}'
        )


@PROPERTY
@given(parsed_articles())
def test_every_footnote_text_verifies_as_note_and_coverage_is_complete(sa: tuple[Synthetic, Article]) -> None:
    s, article = sa
    rows = [row(n, "note", text[:80].strip(), id=str(n)) for n, text in s.footnotes.items()]
    report = verify_rows(article, rows)
    assert report.valid, report.to_text()
    assert report.footnotes_cited == article.footnote_numbers
    assert report.footnotes_uncited == []
    total = len(article.footnotes)
    assert f"coverage: {total}/{total} footnotes cited by at least one claim row; not cited: none" in report.to_text()


@PROPERTY
@given(parsed_articles(), st.data())
def test_report_dict_is_json_and_matches_counts(sa: tuple[Synthetic, Article], data: st.DataObject) -> None:
    _, article = sa
    numbers = article.footnote_numbers
    rows = data.draw(
        st.lists(
            st.fixed_dictionaries(
                {
                    "table": st.sampled_from(["events", "agreements"]),
                    "id": st.text(min_size=1, max_size=5),
                    "footnote": st.one_of(st.sampled_from(numbers), st.integers(-3, 200), st.text(max_size=3), st.none()),
                    "support": st.one_of(st.sampled_from(["sentence", "paragraph", "note"]), st.text(max_size=6)),
                    "evidence": st.one_of(st.lists(st.text(max_size=90), max_size=6), st.text(), st.none()),
                }
            ),
            max_size=8,
        )
    )
    report = verify_rows(article, rows)  # never raises
    as_dict = json.loads(json.dumps(report.to_dict()))
    assert as_dict["rows_checked"] == len(rows) == report.rows_checked
    assert as_dict["rows_ok"] + len(as_dict["failures"]) == len(rows)
    assert as_dict["valid"] == (not as_dict["failures"])
    assert sorted(as_dict["footnotes"]["cited"] + as_dict["footnotes"]["uncited"]) == numbers
    assert len(report.to_text().splitlines()) >= 3


# --------------------------------------------------------------------------- rows that cannot be checked


def test_bad_rows_are_failures_with_reasons(small: tuple[Synthetic, Article]) -> None:
    _, article = small
    last = article.footnote_numbers[-1]
    token = unique_token(1)
    rows = [
        row(1, "page", token, id="a"),
        row(last + 1, "sentence", token, id="b"),
        row("x", "sentence", token, id="c"),
        row(True, "sentence", token, id="d"),
        row(1, "sentence", id="e"),
        row(1, "sentence", "a", "b", "c", "d", "e", id="f"),
        row(1, "sentence", "x" * 81, id="g"),
        {"table": "events", "id": "h", "footnote": 1, "support": "sentence", "evidence": token},
        row(1, "sentence", "  ", id="i"),
        row(1, "sentence", " 1992", id="j"),
        row(1, "sentence", "a|b", id="k"),
        ["not", "a", "mapping"],
        row("1", "sentence", token, id="ok-from-csv"),
    ]
    report = verify_rows(article, rows)  # type: ignore[arg-type]
    reasons = {f.id: f.reason for f in report.failures}
    assert reasons == {
        "a": 'support "page" is not one of sentence, paragraph, note',
        "b": f"footnote {last + 1} is not in the article (footnotes 1-{last})",
        "c": "footnote 'x' is not a footnote number",
        "d": "footnote True is not a footnote number",
        "e": "evidence must hold 1 to 4 tokens, not 0",
        "f": "evidence must hold 1 to 4 tokens, not 5",
        "g": f'evidence token "{"x" * 81}" is longer than 80 characters',
        "h": "evidence must be a list of 1 to 4 strings, not str",
        "i": 'evidence token "  " breaks [text_whitespace]: leading or trailing white space',
        "j": 'evidence token " 1992" breaks [text_whitespace]: leading or trailing white space',
        "k": "evidence token \"a|b\" holds the list delimiter '|'",
        "?": "row is not a mapping but list",
    }
    assert report.rows_checked == 13 and report.rows_ok == 1
    assert report.footnotes_cited == [1]  # rows naming footnote 1, even failing ones
    assert "events/a (footnote 1, page): support \"page\" is not one of sentence, paragraph, note" in report.to_text()


def test_empty_input_and_hash_warning(small: tuple[Synthetic, Article]) -> None:
    _, article = small
    report = verify_rows(article, [])
    assert report.valid and report.rows_checked == 0 and report.sha256_matches is None
    assert "warning" not in report.to_text()
    same = verify_rows(article, [], expected_sha256=article.sha256.upper())
    assert same.sha256_matches is True and "warning" not in same.to_text()
    other = verify_rows(article, [], expected_sha256="0" * 64)
    assert other.sha256_matches is False and other.valid
    assert other.to_text().splitlines()[-1] == (
        "warning: the article text differs from the one the tables were checked against "
        f"(expected sha256 {'0' * 64})"
    )
    assert other.to_dict()["sha256_matches"] is False


def test_text_report_layout(small: tuple[Synthetic, Article]) -> None:
    _, article = small
    numbers = article.footnote_numbers
    rows = [row(n, "sentence", unique_token(n), id=f"r{n}") for n in numbers if n not in (1, 3)]
    rows.append(row(2, "sentence", unique_token(2), "no such token", 'nor "this"', id="two"))
    rows.append(row(2, "paragraph", "no such token", table="agreements", id="one"))
    report = verify_rows(article, rows)
    lines = report.to_text().splitlines()
    assert lines[:5] == [
        "events/two (footnote 2, sentence):",
        '  token "no such token" not found anywhere in the article',
        '  token "nor \\"this\\"" not found anywhere in the article',
        'agreements/one (footnote 2, paragraph): token "no such token" not found anywhere in the article',
        f"rows: {len(rows) - 2}/{len(rows)} verified, 2 failed",
    ]
    assert lines[5] == f"coverage: {len(numbers) - 2}/{len(numbers)} footnotes cited by at least one claim row; not cited: 1, 3"
    assert lines[6] == f"article sha256: {article.sha256}"
    assert len(lines) == 7


def test_failure_mentions_its_own_other_scope() -> None:
    failure = RowFailure(
        "events", "e", 19, "sentence", missing=["11 Ağustos 1992"],
        found_in={"11 Ağustos 1992": [(18, "sentence"), (18, "paragraph"), (19, "paragraph")]},
        hints={"11 Ağustos 1992": [(18, "sentence"), (19, "paragraph")]},
    )
    assert failure.to_text() == (
        'events/e (footnote 19, sentence): token "11 Ağustos 1992" not found; '
        "found in the sentence of footnote 18, the paragraph of footnote 19, not in its sentence"
    )
    assert failure.to_dict()["missing"][0]["found_in"][2] == {"footnote": 19, "support": "paragraph"}


def test_report_to_dict_shape() -> None:
    report = VerifyReport([], 0, 0, [1], [2], "ab", None)
    assert report.to_dict() == {
        "valid": True,
        "exit_code": 0,
        "rows_checked": 0,
        "rows_ok": 0,
        "footnotes": {"total": 2, "cited": [1], "uncited": [2]},
        "article_sha256": "ab",
        "expected_sha256": None,
        "sha256_matches": None,
        "failures": [],
    }


# --------------------------------------------------------------------------- the real article


def test_real_rows(real_article: Article) -> None:
    rows = [
        row(18, "sentence", "11 Ağustos 1992", "Askeri Eğitim İşbirliği Antlaşması", "200", id="1992-aet"),
        row(2, "sentence", "762", id="nato-courses"),
        row(34, "sentence", "80", "5. Kolordu", id="nakhchivan-vehicles"),
        row(13, "note", "28 Mayıs 1918", "Azerbaycan'a bir askerî kuvvet", id="adr-1918"),
        row(6, "note", "reuters.com", id="reuters"),
        row(46, "paragraph", "2015-2019", "TurAz Kartalı", id="turaz"),
        row(13, "sentence", "11 Ağustos 1992", id="1992-ev-x"),
        row(21, "sentence", "askeri uzmanı", id="diacritics"),
    ]
    report = verify_rows(real_article, rows)
    assert [f.id for f in report.failures] == ["1992-ev-x", "diacritics"]
    text = report.to_text()
    assert text.splitlines()[0] == (
        'events/1992-ev-x (footnote 13, sentence): token "11 Ağustos 1992" not found; '
        "found in the sentence of footnote 18, not 13"
    )
    assert text.splitlines()[1] == (
        'events/diacritics (footnote 21, sentence): token "askeri uzmanı" not found anywhere in the article'
    )
    uncited = [n for n in range(1, 60) if n not in (2, 6, 13, 18, 21, 34, 46)]
    assert report.footnotes_uncited == uncited
    assert f"coverage: 7/59 footnotes cited by at least one claim row; not cited: {', '.join(map(str, uncited))}" in text
    assert f"article sha256: {real_article.sha256}" in text
