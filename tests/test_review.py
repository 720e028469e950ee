"""The review page (issue 16): built from the real article, rendered in headless Chromium
(Debian ``chromium``): a screenshot, and checks of the rendered page's text."""

from __future__ import annotations

import hashlib
import html
import re
import subprocess
from pathlib import Path

import pytest

from turaz_data.cli import main
from turaz_data.tables.storage import read_rows

from ._contrib_support import to_csv
from .conftest import require_program

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _rows(article):
    """A shipped event that verifies (as a new row), and a copy whose date is a year off and
    one of whose evidence tokens is not in the article."""
    from turaz_data.source.verify import open_article, value_checker, verify_rows

    parsed = open_article(article)
    rows = [{"table": "events", **r} for r in read_rows("events")]
    checker = value_checker(parsed)
    failing = {f.id for f in verify_rows(parsed, rows, checker=checker).failures}
    for r in rows:
        date = r.get("date") or ""
        if r["id"] in failing or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date) or len(r["evidence"]) < 2:
            continue
        good = {k: v for k, v in r.items() if k != "table"} | {"id": "zz-review-good"}
        bad = good | {"id": "zz-review-bad", "date": f"{int(date[:4]) + 1}{date[4:]}",
                      "evidence": [r["evidence"][0], "bu söz makalede yok"]}
        return good, bad
    pytest.skip("no shipped event verifies with a day date and two tokens")


@pytest.fixture(scope="module")
def page(article, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("review")
    good, bad = _rows(article)
    src = tmp / "rows.csv"
    src.write_bytes(to_csv("events", [good, bad]))
    out = tmp / "review.html"
    rc = main(["review", str(src), "--table", "events", "--article", str(article), "--output", str(out)])
    return {"rc": rc, "html": out.read_text(encoding="utf-8"), "path": out, "tmp": tmp, "good": good, "bad": bad,
            "article": article}


def test_review_page_is_self_contained(page):
    text = page["html"]
    assert page["rc"] == 1
    assert not re.search(r"""(src|href)\s*=|url\(|@import|<script|<link|<img""", text, re.IGNORECASE)
    assert "default-src 'none'" in text  # the page may not fetch anything, even if edited
    assert hashlib.sha256(Path(page["article"]).read_bytes()).hexdigest() in text


def test_review_page_escapes_what_it_shows(article, tmp_path, capsys):
    good, _ = _rows(article)
    row = good | {"description": "<script>alert(1)</script> & <b>bold</b>"}
    (tmp_path / "events.csv").write_bytes(to_csv("events", [row]))
    assert main(["review", str(tmp_path / "events.csv"), "--article", str(article),
                 "--output", str(tmp_path / "r.html")]) == 0
    text = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "<script>" not in text and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in text
    assert capsys.readouterr().out == (f"{tmp_path / 'r.html'}: review page written: 1 row of table 'events': "
                                       "0 with problems, 1 without\n")


def _chromium(page, *args: str) -> subprocess.CompletedProcess:
    exe = require_program("chromium", "the review page is checked as a browser renders it")
    profile = page["tmp"] / "profile"
    return subprocess.run([exe, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args, page["path"].as_uri()],
                          check=False, capture_output=True, text=True, timeout=120)


def _rendered_text(dom: str) -> str:
    body = re.sub(r"<style.*?</style>", "", dom, flags=re.DOTALL)
    body = re.sub(r"</?(strong|mark|code|em|small)>", "", body)  # inline: no space of their own
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body))).strip()


def test_review_page_in_chromium(page):
    done = _chromium(page, "--dump-dom")
    assert done.returncode == 0, done.stderr[-2000:]
    dom = done.stdout
    text = _rendered_text(dom)
    good, bad = page["good"], page["bad"]
    assert "invalid: 2 rows of table 'events': 1 with problems, 1 without" in text
    assert "Made from the reviewer's own copy of the article" in text
    # rows with problems first
    assert text.index(bad["id"]) < text.index(good["id"])
    bad_part = text[text.index(bad["id"]):text.index(good["id"])]
    good_part = text[text.index(good["id"]):]
    assert f"date: {bad['date']} contradicted: date: the row says {bad['date']}" in bad_part
    assert "[citation] token \"bu söz makalede yok\" not found anywhere in the article" in bad_part
    assert "evidence not in this passage: “bu söz makalede yok”" in bad_part
    assert f"date: {good['date']} found in the passage" in good_part
    assert f"Footnote {good['footnote']}, as printed:" in good_part
    for actor in good["actors"]:
        assert f"actors: {actor} found in the passage" in good_part
    # the evidence is marked in the passage of both rows
    marks = re.findall(r"<mark>(.*?)</mark>", dom)
    from turaz_data.source.article import normalise

    assert normalise(good["evidence"][0]) in [html.unescape(m) for m in marks]
    assert len(marks) >= len(good["evidence"]) + 1


def test_review_page_screenshot(page):
    shot = page["tmp"] / "review.png"
    done = _chromium(page, "--window-size=1200,1600", f"--screenshot={shot}")
    assert done.returncode == 0, done.stderr[-2000:]
    from PIL import Image

    with Image.open(shot) as im:
        assert im.size == (1200, 1600)
        colours = im.convert("RGB").getcolors(maxcolors=1 << 20)
    # not blank: the red border of the row with problems and the yellow of <mark> are drawn
    rgb = {c for _, c in colours}
    assert len(rgb) > 50
    assert (0xC6, 0x28, 0x28) in rgb and (0xFF, 0xE0, 0x66) in rgb


def test_review_github_format_is_validates(page, capsys):
    """review --format github prints the annotations validate --format github prints."""
    src, art = str(page["tmp"] / "rows.csv"), str(page["article"])
    assert main(["validate", src, "--table", "events", "--article", art, "--format", "github"]) == 1
    want = capsys.readouterr().out
    out = page["tmp"] / "again.html"
    assert main(["review", src, "--table", "events", "--article", art, "--output", str(out), "--format", "github"]) == 1
    got = capsys.readouterr().out
    assert got == want and got.count("::error ") == 2
    assert out.read_bytes() == page["path"].read_bytes()  # the same page, whatever is printed


def test_review_needs_the_article(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("TURAZ_ARTICLE", raising=False)
    (tmp_path / "events.csv").write_bytes(to_csv("events", []))
    assert main(["review", str(tmp_path / "events.csv"), "--output", str(tmp_path / "r.html")]) == 2
    assert "give your copy of the article with --article PATH" in capsys.readouterr().err
    assert not (tmp_path / "r.html").exists()


def test_any_cell_text_is_shown_as_text(tmp_path_factory):
    """Property: whatever a cell holds, the page has only the review's own elements, and
    the cell's text is what a browser's parser reads back."""
    from html.parser import HTMLParser

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from turaz_data.contrib.review import build_review

    from ._contrib_support import example_row, make_package

    pkg = make_package(tmp_path_factory.mktemp("pkg"))
    allowed = {"html", "head", "meta", "title", "style", "body", "h1", "h2", "small", "div", "strong", "code",
               "section", "ul", "li", "em", "table", "tr", "th", "td", "p", "mark"}

    class Page(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.tags, self.cells, self._td = set(), [], False

        def handle_starttag(self, tag, attrs):
            self.tags.add(tag)
            self._td = tag == "td"
            if self._td:
                self.cells.append("")

        def handle_endtag(self, tag):
            self._td = False if tag == "td" else self._td

        def handle_data(self, data):
            if self._td:
                self.cells[-1] += data

    text = st.text(st.characters(exclude_categories=("Cs", "Cc")), min_size=1, max_size=40).filter(
        lambda s: s.strip() == s and "|" not in s)

    @settings(deadline=None)
    @given(text)
    def check(value):
        src = tmp_path_factory.mktemp("rows") / "rows.csv"
        src.write_bytes(to_csv("events", [{**example_row("events", 1), "place": value}]))
        page = Page()
        page.feed(build_review(src, "events", article=None, package=pkg).to_html())
        assert page.tags <= allowed
        assert value in page.cells

    check()


def test_review_json_gives_each_values_status(page, capsys):
    import json

    out = page["tmp"] / "j.html"
    assert main(["review", str(page["tmp"] / "rows.csv"), "--table", "events", "--article", str(page["article"]),
                 "--output", str(out), "--format", "json"]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert doc["valid"] is False and doc["review"]["rows"] == 2 and doc["review"]["rows_with_problems"] == 1
    bad, good = doc["review"]["row_reviews"]
    assert bad["key"] == page["bad"]["id"] and good["key"] == page["good"]["id"]
    assert bad["evidence_missing"] == ["bu söz makalede yok"] and good["evidence_missing"] == []
    assert {"column": "date", "value": page["bad"]["date"], "status": "contradicted"} == {
        k: v for k, v in bad["values"][0].items() if k != "detail"}
    assert all(v["status"] == "stated" for v in good["values"])


def test_each_basis_is_shown_as_the_row_declares_it(article, tmp_path, capsys):
    """Shipped rows (as corrections) whose date is stated, taken from context or inferred,
    and with actors the scope does not name: the page marks each value accordingly."""
    import json

    rows = read_rows("events")
    pick = {}
    for r in rows:
        pick.setdefault(r.get("date_basis"), r)
        if r.get("unnamed_actors"):
            pick.setdefault("unnamed", r)
    if not {"stated", "context", "inferred", "unnamed"} <= set(pick):
        pytest.skip("the shipped events lack a date basis or unnamed actors")
    chosen = [pick[k] for k in ("stated", "context", "inferred", "unnamed")]
    (tmp_path / "events.csv").write_bytes(to_csv("events", chosen))
    main(["review", str(tmp_path / "events.csv"), "--article", str(article), "--replace",
          "--output", str(tmp_path / "r.html"), "--format", "json"])
    reviews = {r["key"]: r for r in json.loads(capsys.readouterr().out)["review"]["row_reviews"]}
    for row in chosen:
        got = reviews[row["id"]]
        if got["problems"]:
            continue  # a shipped row the value checks reject is shown as contradicted (tested above)
        date = next(v for v in got["values"] if v["column"] == "date")
        assert date["status"] == row["date_basis"], row["id"]
        if row["date_basis"] == "context":
            assert date["detail"] == f"from row {row['date_from']}"
        for v in got["values"]:
            if v["column"] == "actors":
                assert v["status"] == ("inferred" if v["value"] in (row.get("unnamed_actors") or []) else "stated")
    assert sum(not reviews[r["id"]]["problems"] for r in chosen) >= 3
