"""Value mutations of every shipped claim row whose value is stated must fail verify.

For each kind of mutation (a date moved by a day, a month or a year; a digit of a number
changed; a qualifier changed; an actor swapped for one the scope does not name; a
designation changed) one test loops over every shipped row that states such a value,
verifies the mutated row and collects every mutation that verify lets through, or that
fails without naming the row and the mutated value; the test then reports all misses at
once.  The article is parsed once and the checker (actors, rows by id) built once.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Iterator
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from turaz_data.source.article import Article, load_article, normalise
from turaz_data.source.verify import ValueChecker, claim_rows, value_checker, verify_rows
from turaz_data.tables.storage import read_rows
from turaz_data.tables.vocab import QUALIFIERS

_PLAIN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?([~?%]?)$")
_DECADE = re.compile(r"^(\d{3})X([~?%]?)$")


@pytest.fixture(scope="module")
def setup(article) -> tuple[Article, list[dict], ValueChecker]:
    parsed = load_article(article)
    return parsed, claim_rows(), value_checker(parsed)


def _stated(row: dict, basis_column: str) -> bool:
    """A value is stated when its basis says so (a row without the column: stated)."""
    return row.get(basis_column) in (None, "", "stated")


# --------------------------------------------------------------------------- mutations


def _shift_month(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _shift_end(end: str, kind: str, step: int) -> str | None:
    """One end of an EDTF date moved by ``step`` days, months or years; None when the
    end is not that precise (a day shift of a month) or cannot be moved."""
    m = _PLAIN.match(end)
    if m is None:
        d = _DECADE.match(end)  # 199X moved "by a year" is the decade moved: 198X, 200X
        if d is None or kind != "year":
            return None
        return f"{int(d[1]) + step}X{d[2]}"
    year, month, day, mark = int(m[1]), m[2], m[3], m[4]
    if kind == "day":
        if day is None:
            return None
        return (dt.date(year, int(month), int(day)) + dt.timedelta(days=step)).isoformat() + mark
    if kind == "month":
        if month is None:
            return None
        moved = _shift_month(dt.date(year, int(month), int(day or 1)), step)
        return (moved.isoformat() if day else moved.isoformat()[:7]) + mark
    if month is None:
        return f"{year + step:04d}{mark}"
    moved = dt.date(year + step, int(month), min(int(day or 1), calendar.monthrange(year + step, int(month))[1]))
    return (moved.isoformat() if day else moved.isoformat()[:7]) + mark


def date_mutations(date: str, kind: str) -> Iterator[str]:
    """A single date moved both ways; an interval widened at each end in turn (its start
    earlier, its end later), so that every mutant is still a valid interval."""
    ends = date.split("/")
    if len(ends) == 1:
        for step in (-1, 1):
            moved = _shift_end(date, kind, step)
            if moved is not None:
                yield moved
        return
    start, end = ends
    if start != "..":
        moved = _shift_end(start, kind, -1)
        if moved is not None:
            yield f"{moved}/{end}"
    if end != "..":
        moved = _shift_end(end, kind, 1)
        if moved is not None:
            yield f"{start}/{moved}"


def digit_mutations(value) -> Iterator[Decimal]:
    """The number with its first digit, then its last significant digit, changed."""
    text = format(Decimal(str(value)).normalize(), "f")
    positions = [i for i, c in enumerate(text) if c.isdigit()]
    significant = [i for i in positions if text[i] != "0"] or positions
    for i in dict.fromkeys([positions[0], significant[-1]]):
        d = int(text[i])
        new = d + 1 if d < 9 else d - 1
        yield Decimal(text[:i] + str(new) + text[i + 1 :])


def changed_designation(designation: str) -> str:
    """The designation with its last letter or digit changed (TB2 -> TB3, KAPLAN -> KAPLAO)."""
    for i in range(len(designation) - 1, -1, -1):
        c = designation[i]
        if c.isdigit():
            return designation[:i] + str((int(c) + 1) % 10) + designation[i + 1 :]
        if c.isalpha():
            new = "A" if c in "Zz" else chr(ord(c) + 1)
            return designation[:i] + (new.lower() if c.islower() else new) + designation[i + 1 :]
    return designation + "X"


def _unnamed_in(article: Article, row: dict, actors: list[dict]) -> str:
    """An actor none of whose name forms occurs anywhere in the row's scope (plain
    substring test, independent of the verifier's word matching), not in the row."""
    readings = article.readings(row["footnote"], row["support"])
    in_row = {str(v) for value in row.values() if isinstance(value, (list, str)) for v in
              (value if isinstance(value, list) else [value])}
    for actor in sorted(actors, key=lambda a: a["actor_id"]):
        if actor["actor_id"] in in_row:
            continue
        forms = actor.get("names_tr") or []
        if not any(normalise(f) in r for f in forms for r in readings):
            return actor["actor_id"]
    raise AssertionError(f"every actor is named in the scope of {row['id']}")


# --------------------------------------------------------------------------- the check


def _caught(article: Article, checker: ValueChecker, row: dict, column: str, shown: str) -> bool:
    """Whether verify fails the row, naming it and the mutated value in ``column``."""
    report = verify_rows(article, [row], checker=checker)
    return any(
        f.id == row["id"] and any(v.column == column and shown in v.row for v in f.values)
        for f in report.failures
    )


Mutation = tuple[dict, str, str, str]  # (mutated row, column, value as reported, description)


def _run(setup, mutations: Callable[[Article, dict], Iterator[Mutation]]) -> int:
    """Apply every mutation; the unmutated row must pass every value check (else a
    mutation could be caught for nothing)."""
    article, rows, checker = setup
    total, misses = 0, []
    for row in rows:
        original = verify_rows(article, [row], checker=checker).failures
        for mutant, column, shown, what in mutations(article, row):
            total += 1
            if any(f.values for f in original):
                misses.append(f"{row['table']}/{row['id']}: the unmutated row already fails ({what})")
            elif not _caught(article, checker, mutant, column, shown):
                misses.append(f"{row['table']}/{row['id']}: {what}")
    assert not misses, f"{len(misses)} of {total} mutations not caught:\n" + "\n".join(misses)
    assert total > 0
    return total


def _dates(kind: str):
    def mutations(article: Article, row: dict) -> Iterator[Mutation]:
        if not row.get("date") or not _stated(row, "date_basis"):
            return
        for moved in date_mutations(row["date"], kind):
            yield {**row, "date": moved}, "date", moved, f"date {row['date']} -> {moved}"

    return mutations


@pytest.mark.parametrize("kind", ["day", "month", "year"])
def test_date_moved(setup, kind):
    _run(setup, _dates(kind))


_NUMBERS = {"quantities": ("value", "value_basis"), "arms_transfers": ("number", "number_basis"),
            "agreements": ("articles", None)}


def test_digit_of_number_changed(setup):
    def mutations(article, row):
        column, basis = _NUMBERS.get(row["table"], (None, None))
        if column is None or row.get(column) is None or (basis and not _stated(row, basis)):
            return
        for new in digit_mutations(row[column]):
            value = float(new) if column == "value" else int(new)
            shown = format(new.normalize(), "f")
            yield {**row, column: value}, column, shown, f"{column} {row[column]} -> {shown}"

    _run(setup, mutations)


def test_qualifier_changed(setup):
    def mutations(article, row):
        _, basis = _NUMBERS.get(row["table"], (None, None))
        qualifier = {"quantities": "qualifier", "arms_transfers": "number_qualifier"}.get(row["table"])
        if qualifier is None or row.get(qualifier) is None or not _stated(row, basis):
            return
        for other in QUALIFIERS:
            if other != row[qualifier]:
                yield {**row, qualifier: other}, qualifier, other, f"{qualifier} {row[qualifier]} -> {other}"

    _run(setup, mutations)


def test_actor_swapped_for_one_the_scope_does_not_name(setup):
    actors = read_rows("actors")
    columns = setup[2].actor_columns

    def mutations(article, row):
        unnamed = row.get("unnamed_actors") or []
        stranger = None
        for column in columns[row["table"]]:
            value = row.get(column)
            items = value if isinstance(value, list) else [] if value is None else [value]
            for k, actor in enumerate(items):
                if actor in unnamed:
                    continue
                stranger = stranger or _unnamed_in(article, row, actors)
                swapped = [*items[:k], stranger, *items[k + 1 :]] if isinstance(value, list) else stranger
                yield {**row, column: swapped}, column, stranger, f"{column}: {actor} -> {stranger}"

    _run(setup, mutations)


def test_designation_changed(setup):
    def mutations(article, row):
        designation = row.get("designation")
        if row["table"] != "arms_transfers" or not designation:
            return
        new = changed_designation(designation)
        yield {**row, "designation": new}, "designation", new, f"designation {designation} -> {new}"

    _run(setup, mutations)


# --------------------------------------------------------------------------- the mutators themselves


def test_mutators():
    assert list(date_mutations("1918-09-15", "day")) == ["1918-09-14", "1918-09-16"]
    assert list(date_mutations("1918-09-15", "month")) == ["1918-08-15", "1918-10-15"]
    assert list(date_mutations("1992-03", "month")) == ["1992-02", "1992-04"]
    assert list(date_mutations("1992-03", "day")) == []
    assert list(date_mutations("1999/2015", "year")) == ["1998/2015", "1999/2016"]
    assert list(date_mutations("2012-07/2012-12", "month")) == ["2012-06/2012-12", "2012-07/2013-01"]
    assert list(date_mutations("199X", "year")) == ["198X", "200X"]
    assert list(date_mutations("2001~", "year")) == ["2000~", "2002~"]
    assert list(digit_mutations(762.0)) == [Decimal(862), Decimal(763)]
    assert list(digit_mutations(3000000)) == [Decimal(4000000)]
    assert list(digit_mutations(4.8)) == [Decimal("5.8"), Decimal("4.9")]
    assert list(digit_mutations(9)) == [Decimal(8)]
    assert changed_designation("Bayraktar-TB2") == "Bayraktar-TB3"
    assert changed_designation("TRG-300 KAPLAN") == "TRG-300 KAPLAO"


# --------------------------------------------------------------------------- a property


def _paragraph_meanings(article: Article, row: dict) -> set:
    """Every (lower, upper) and (lower year, upper year) that any date expression of the
    row's paragraph (or footnote text) can mean: a superset of what its scope states."""
    from turaz_data.source.turkish import find_dates

    support = "note" if row["support"] == "note" else "paragraph"
    out: set = set()
    for d in find_dates(article.readings(row["footnote"], support)[0], infer_year=True):
        out.add((d.lower, d.upper))
        out.add((d.lower.year if d.lower else None, d.upper.year if d.upper else None))
    return out


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_date_the_passage_never_means_fails(setup, data):
    """Any date (day, month or year) that no date expression of the row's whole paragraph
    means, put into any shipped row whose date is stated, fails verify on that date."""
    from turaz_data.tables.edtf import bounds

    article, rows, checker = setup
    stated = [r for r in rows if r.get("date") and r.get("date_basis") == "stated"]
    row = data.draw(st.sampled_from(stated))
    day = data.draw(st.dates(dt.date(1900, 1, 1), dt.date(2030, 12, 31)))
    edtf = data.draw(st.sampled_from([day.isoformat(), day.isoformat()[:7], day.isoformat()[:4]]))
    lower, upper = bounds(edtf)
    meanings = _paragraph_meanings(article, row)
    assume((lower, upper) not in meanings and (lower.year, upper.year) not in meanings)
    mutant = {**row, "date": edtf}
    assert _caught(article, checker, mutant, "date", edtf), (row["id"], edtf)


def test_a_date_taken_from_an_uncertain_row_keeps_its_mark(setup):
    """Every context date whose date_from row is uncertain (~, ? or %) fails once its mark is dropped."""
    article, rows, checker = setup
    by_id = {r["id"]: r for r in rows}
    cases = [r for r in rows if r.get("date_basis") == "context"
             and any(m in (by_id.get(r.get("date_from")) or {}).get("date", "") for m in "~?%")]
    assert cases, "no shipped context date is taken from an uncertain row"
    misses = []
    for row in cases:
        assert not verify_rows(article, [row], checker=checker).failures, row["id"]
        bare = row["date"].replace("~", "").replace("?", "").replace("%", "")
        failures = verify_rows(article, [{**row, "date": bare}], checker=checker).failures
        if not any(v.column == "date" and "keeps the mark" in v.message for f in failures for v in f.values):
            misses.append(row["id"])
    assert not misses, misses
