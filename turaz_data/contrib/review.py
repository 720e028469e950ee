"""The review page: one static HTML page to judge contributed rows beside their source.

``turaz-data review FILE --table NAME --article PATH --output review.html`` writes, for
each contributed row (rows with problems first): its values; the cited footnote's own
text; the declared scope passage with the evidence tokens marked (``<mark>``); each value
marked as found in the passage, taken from context, inferred, or contradicted (from the
verifier's value checks); and the row's problems. A summary stands at the top.

The page is made from the reviewer's own copy of the article (its path and SHA-256 are
printed on it); the package ships no article text. The page is self-contained: inline
CSS, no script, no image, no link to fetch; every text is HTML-escaped.
"""

from __future__ import annotations

import hashlib
import html
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from turaz_data.errors import Problem

#: How a value is grounded, as the page says it.
STATUS_TEXT = {
    "stated": "found in the passage",
    "context": "taken from context",
    "inferred": "inferred",
    "contradicted": "contradicted",
    "unchecked": "not checked",
}
#: The columns a value problem of the verifier may name, mapped to the value they concern.
_PROBLEM_COLUMN = {
    "date_basis": "date", "date_from": "date", "value_basis": "value", "qualifier": "value", "unit": "value",
    "number_basis": "number", "number_qualifier": "number",
}


@dataclass
class ValueStatus:
    column: str
    value: str
    status: str  # a key of STATUS_TEXT
    detail: str = ""


@dataclass
class RowReview:
    line: int | None
    values: dict[str, str]
    problems: list[Problem] = field(default_factory=list)
    footnote: int | None = None
    support: str | None = None
    footnote_text: str | None = None
    passage: str | None = None
    evidence: list[str] = field(default_factory=list)
    #: Evidence tokens the scope does not hold (in neither reading of a line-break hyphen).
    missing: list[str] = field(default_factory=list)
    statuses: list[ValueStatus] = field(default_factory=list)

    @property
    def key(self) -> str:
        return self.values.get("id") or next(iter(self.values.values()), "")


@dataclass
class Review:
    table: str
    file: str
    article_path: str | None
    article_sha256: str | None
    report: Any
    rows: list[RowReview]
    #: The sheet read, when the file is a workbook (None: a CSV file).
    sheet: str | None = None

    @property
    def exit_code(self) -> int:
        return self.report.exit_code

    @property
    def rows_with_problems(self) -> int:
        return sum(1 for r in self.rows if r.problems)

    def summary(self) -> str:
        n = len(self.rows)
        bad = self.rows_with_problems
        other = len([p for p in self.report.problems if p.line is None or p.line not in {r.line for r in self.rows}])
        text = f"{n} row{'' if n == 1 else 's'} of table '{self.table}': {bad} with problems, {n - bad} without"
        if other:
            text += f"; {other} problem{'' if other == 1 else 's'} of the file as a whole"
        return text

    def to_html(self) -> str:
        return _render(self)

    def rows_dict(self) -> list[dict]:
        """Each row as the page shows it, for ``review --format json``: its line, key,
        footnote, support, evidence not in the scope, and each value's status."""
        return [{"line": r.line, "key": r.key, "problems": len(r.problems), "footnote": r.footnote,
                 "support": r.support, "evidence_missing": r.missing,
                 "values": [{"column": s.column, "value": s.value, "status": s.status, "detail": s.detail}
                            for s in r.statuses]} for r in self.rows]


# --------------------------------------------------------------------------- building


def _file_sha256(path: str | os.PathLike) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def build_review(file: str | os.PathLike, table: str, *, article: str | os.PathLike | None,
                 package: str | os.PathLike | None = None, sheet: str | None = None,
                 replace: bool = False) -> Review:
    """Validate ``file`` (CSV or workbook) against ``table`` and the article, and collect
    what the page shows for each row."""
    from turaz_data.contrib.engine import validate_file
    from turaz_data.contrib.inputs import open_contribution
    from turaz_data.source.verify import open_article
    from turaz_data.tables.models import TABLES_BY_NAME

    inp = open_contribution(file, table, sheet)
    parsed = open_article(article) if article is not None else None
    report = validate_file(inp.open(), table, package=package, replace=replace, article=parsed, name=inp.label,
                           max_problems=None)
    inp.fix_report(report)
    by_line: dict[int | None, list[Problem]] = {}
    for p in report.problems:
        by_line.setdefault(p.line, []).append(p)
    rows = [RowReview(line=line, values=values, problems=by_line.get(line, []))
            for line, values in inp.raw_rows()]
    if parsed is not None and TABLES_BY_NAME[table].claim:
        _ground(rows, table, parsed, package)
    rows.sort(key=lambda r: (not r.problems, r.line or 0))
    return Review(table=table, file=inp.label, article_path=None if article is None else str(article),
                  article_sha256=None if article is None else _file_sha256(article), report=report, rows=rows,
                  sheet=inp.sheet)


def _typed(table: str, values: dict[str, str]) -> dict[str, Any]:
    from turaz_data.tables.fields import fields
    from turaz_data.tables.models import LIST_DELIMITER

    out: dict[str, Any] = {"table": table}
    for f in fields(table):
        raw = (values.get(f.name) or "").strip()
        if f.is_list:
            out[f.name] = [x.strip() for x in raw.split(LIST_DELIMITER) if x.strip()] if raw else None
        else:
            out[f.name] = raw or None
    return out


def _ground(rows: list[RowReview], table: str, article, package) -> None:
    from turaz_data.source.article import SUPPORTS
    from turaz_data.source.verify import TableStats, value_checker

    checker = value_checker(article, package)
    typed = [_typed(table, r.values) for r in rows]
    checker.rows_by_id.update((str(t["id"]), t) for t in typed if t.get("id"))
    for r, t in zip(rows, typed, strict=False):
        fn = t.get("footnote")
        footnote = int(fn) if isinstance(fn, str) and fn.isdigit() else None
        support = t.get("support")
        r.evidence = list(t.get("evidence") or [])
        if footnote is None or footnote not in article.footnotes:
            continue
        r.footnote = footnote
        r.footnote_text = article.scope_text(footnote, "note")
        if support not in SUPPORTS:
            continue
        r.support = support
        r.passage = article.readings(footnote, support)[0]
        r.missing = [t for t in r.evidence if not article.contains(t, footnote, support)]
        try:
            problems = checker.check(t, footnote, support, TableStats())
        except (ValueError, TypeError, ArithmeticError) as e:  # a value it cannot read: not checked
            r.statuses = [ValueStatus("row", "", "unchecked", f"the values could not be checked ({e})")]
            continue
        r.statuses = _statuses(t, table, problems, checker)


def _statuses(t: dict, table: str, problems, checker) -> list[ValueStatus]:
    bad: dict[str, list] = {}
    for p in problems:
        bad.setdefault(_PROBLEM_COLUMN.get(p.column, p.column), []).append(p)
    out: list[ValueStatus] = []

    def add(column: str, value: Any, basis: Any, detail: str = "", only: str | None = None) -> None:
        if value is None:
            return
        shown = " | ".join(map(str, value)) if isinstance(value, list) else str(value)
        mine = [p for p in bad.get(column, []) if only is None or p.row == only]
        if mine:
            for p in mine:
                bad[column].remove(p)
            out.append(ValueStatus(column, shown, "contradicted", "; ".join(p.message for p in mine)))
        else:
            out.append(ValueStatus(column, shown, str(basis or "stated"), detail))

    add("date", t.get("date"), t.get("date_basis"),
        f"from row {t.get('date_from')}" if t.get("date_basis") == "context" else "")
    if table == "quantities":
        add("value", t.get("value"), t.get("value_basis"))
    elif table == "arms_transfers":
        add("number", t.get("number"), t.get("number_basis"))
        add("designation", t.get("designation"), "stated")
    elif table == "agreements":
        add("articles", t.get("articles"), "stated")
    unnamed = set(t.get("unnamed_actors") or [])
    for column in checker.actor_columns.get(table, ()):
        value = t.get(column)
        for actor in value if isinstance(value, list) else [value] if value else []:
            add(column, actor, "inferred" if actor in unnamed else "stated", only=actor)
    for column, left in bad.items():  # problems of columns shown nowhere else (note, unnamed_actors)
        if left:
            out.append(ValueStatus(column, str(t.get(column) or ""), "contradicted",
                                   "; ".join(p.message for p in left)))
    return out


# --------------------------------------------------------------------------- rendering

_CSS = """
body{font:15px/1.45 system-ui,sans-serif;margin:1.5em auto;max-width:70em;padding:0 1em;color:#1b1b1b}
h1{font-size:1.4em;margin:0 0 .3em}h2{font-size:1.1em;margin:0}
.source,.summary{background:#f4f4f4;border-radius:6px;padding:.6em 1em;margin:.6em 0}
.summary.bad{background:#fde8e8}.summary.good{background:#e6f4ea}
section.row{border:1px solid #ccc;border-radius:6px;margin:1em 0;padding:.6em 1em}
section.row.bad{border-left:6px solid #c62828}section.row.good{border-left:6px solid #2e7d32}
table{border-collapse:collapse;margin:.4em 0}td,th{border:1px solid #ddd;padding:.15em .5em;text-align:left;
vertical-align:top}th{background:#fafafa;font-weight:600}
.passage,.note{background:#fffdf3;border-left:3px solid #d4b106;padding:.4em .8em;margin:.3em 0}
mark{background:#ffe066;padding:0 .1em}
.s-stated{color:#1b5e20}.s-context{color:#0d47a1}.s-inferred{color:#6a1b9a}.s-contradicted{color:#b71c1c;
font-weight:600}.s-unchecked{color:#555}
ul.problems{color:#b71c1c;margin:.3em 0}.missing{color:#b71c1c}
"""


def _e(text: Any) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def _highlight(passage: str, tokens: list[str]) -> tuple[str, list[str]]:
    """The passage escaped, every occurrence of a token in ``<mark>``; the tokens not found."""
    from turaz_data.source.article import normalise

    spans: list[tuple[int, int]] = []
    missing = []
    for token in tokens:
        needle = normalise(token)
        start = passage.find(needle) if needle else -1
        if start < 0:
            missing.append(token)
        while start >= 0:
            spans.append((start, start + len(needle)))
            start = passage.find(needle, start + 1)
    spans.sort()
    merged: list[list[int]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    out, pos = [], 0
    for a, b in merged:
        out.append(_e(passage[pos:a]) + "<mark>" + _e(passage[a:b]) + "</mark>")
        pos = b
    out.append(_e(passage[pos:]))
    return "".join(out), missing


def _problem_li(p: Problem) -> str:
    col = f"column {p.column}: " if p.column else ""
    val = f"value {p.value!r} " if p.value is not None else ""
    fix = f" <em>Fix: {_e(p.hint)}</em>" if p.hint else ""
    return f"<li>{_e(col + val)}[{_e(p.rule)}] {_e(p.message)}.{fix}</li>"


def _row_html(r: RowReview) -> str:
    cls = "bad" if r.problems else "good"
    where = f"line {r.line}" if r.line is not None else "row"
    head = f"<h2>{_e(r.key)} <small>({_e(where)}; {len(r.problems)} problem{'' if len(r.problems) == 1 else 's'})"
    out = [f'<section class="row {cls}">', head + "</small></h2>"]
    if r.problems:
        out.append('<ul class="problems">' + "".join(_problem_li(p) for p in r.problems) + "</ul>")
    out.append("<table><tr><th>column</th><th>value</th></tr>"
               + "".join(f"<tr><td>{_e(k)}</td><td>{_e(v)}</td></tr>" for k, v in r.values.items() if v != "")
               + "</table>")
    if r.statuses:
        out.append("<table><tr><th>value</th><th>in the source</th></tr>" + "".join(
            f'<tr><td>{_e(s.column)}: {_e(s.value)}</td><td class="s-{_e(s.status)}">{_e(STATUS_TEXT[s.status])}'
            f"{(': ' + _e(s.detail)) if s.detail else ''}</td></tr>" for s in r.statuses) + "</table>")
    if r.footnote is not None:
        out.append(f"<p>Footnote {r.footnote}, as printed:</p><div class=\"note\">{_e(r.footnote_text)}</div>")
    if r.passage is not None:
        marked, unmarked = _highlight(r.passage, r.evidence)
        out.append(f"<p>Declared scope ({_e(r.support)} of footnote {r.footnote}), evidence marked:</p>"
                   f'<div class="passage">{marked}</div>')
        if r.missing:
            out.append('<p class="missing">evidence not in this passage: '
                       + ", ".join(f"“{_e(t)}”" for t in r.missing) + "</p>")
        split = [t for t in unmarked if t not in r.missing]
        if split:  # found once a hyphen at a line end is dropped (reu-|ters): not marked
            out.append("<p>evidence found across a hyphenated line break (not marked): "
                       + ", ".join(f"“{_e(t)}”" for t in split) + "</p>")
    elif r.footnote is None and r.evidence:
        out.append('<p class="missing">the cited footnote is not in the article: no passage to show</p>')
    out.append("</section>")
    return "\n".join(out)


def _render(rv: Review) -> str:
    rep = rv.report
    good = rep.valid
    loose = [p for p in rep.problems if p.line is None or p.line not in {r.line for r in rv.rows}]
    if rep.fatal is not None:
        loose = [rep.fatal, *loose]
    src = ("No article was given: passages and value checks are not shown." if rv.article_path is None else
           f"Made from the reviewer's own copy of the article: {_e(rv.article_path)} (SHA-256 "
           f"<code>{_e(rv.article_sha256)}</code>). The turaz-data package ships no article text; "
           "this page is the reviewer's output and is not for redistribution.")
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        f"<title>Review of {_e(Path(rv.file).name)} ({_e(rv.table)})</title>",
        f"<style>{_CSS}</style></head><body>",
        f"<h1>Review of {_e(rv.file)}{f' (sheet {_e(rv.sheet)})' if rv.sheet else ''}: table {_e(rv.table)}</h1>",
        (f'<div class="summary {"good" if good else "bad"}"><strong>{"valid" if good else "invalid"}</strong>: '
        f"{_e(rv.summary())}; {rep.problems_total} problem{'' if rep.problems_total == 1 else 's'} in all.</div>"),
        f'<div class="source">{src}</div>',
    ]
    if loose:
        parts.append('<section class="row bad"><h2>The file as a whole</h2><ul class="problems">'
                     + "".join(_problem_li(p) for p in loose) + "</ul></section>")
    parts += [_row_html(r) for r in rv.rows]
    parts.append("</body></html>\n")
    return "\n".join(parts)


__all__ = ["STATUS_TEXT", "Review", "RowReview", "ValueStatus", "build_review"]
