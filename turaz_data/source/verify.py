"""Check claim rows against the article: every evidence token in the declared scope.

Standard library only.  The rules are those of the citation model
(``docs``/design note "The citation model of turaz_data"): a claim row names the footnote
that backs it (``footnote``), how it backs it (``support``: ``sentence``, ``paragraph`` or
``note``) and 1 to 4 short verbatim ``evidence`` tokens (each at most 80 characters).  A row
verifies when every token, normalised with :func:`turaz_data.source.article.normalise`, occurs in
that scope of the parsed :class:`~turaz_data.source.article.Article` (either reading of a
line-break hyphen; otherwise exact: case and diacritics count).

A row that cannot be checked (unknown support, footnote not in the article, evidence not
a list of 1-4 non-empty strings of at most 80 characters) is a failure with a reason,
never an exception.  For each missing token the report says where in the article the
token does occur, e.g. "found in the sentence of footnote 18, not 13".

``VerifyReport.to_dict()`` shape (stable; ``valid`` and ``exit_code`` are the keys every
report of the package shares, see docs/contributing.md)::

    {
      "valid": bool,                   # no failing row
      "exit_code": int,                # 0 valid, 1 a row fails (as ``turaz-data verify``)
      "rows_checked": int, "rows_ok": int,
      "footnotes": {"total": int, "cited": [int, ...], "uncited": [int, ...]},
      "article_sha256": str,
      "expected_sha256": str | None,
      "sha256_matches": bool | None,   # None when no expected hash was given
      "failures": [
        {"table": str, "id": str, "footnote": int | None, "support": str,
         "reason": str | None,         # set when the row could not be checked at all
         "missing": [{"token": str,
                      "found_in": [{"footnote": int, "support": str}, ...]}, ...],
         "values": [{"column": str, "row": str, "scope": str, "message": str}, ...]},
        ...
      ],
      "tables": {                      # claim tables in table order
        "events": {"rows": int, "rows_ok": int, "failing": [str, ...],
                   "grounded": {"dates": {"stated": int, "context": int, "inferred": int},
                                "numbers": {"stated": int, "inferred": int},
                                "actors": {"stated": int, "inferred": int}}},
        ...
      }
    }

Value checks
------------
After the evidence tokens, :class:`ValueChecker` checks each value of the row against the
same scope, parsed once per run (:mod:`turaz_data.source.turkish`): the date by
``date_basis`` (stated: a date expression of the scope with the same bounds, or the same
years for a row of whole years; context: the ``date_from`` row exists and contains the date;
inferred: the row rule ``inferred_date_rule``), the figures (``quantities`` value, qualifier
and percent unit; ``arms_transfers`` number and qualifier; ``agreements`` articles), every
actor id of the row's actor columns but those in ``unnamed_actors`` by one of its
``names_tr`` forms, and ``arms_transfers.designation`` verbatim.  When the evidence quotes
some of the scope's dates (figures), only those count; when it quotes none and the scope's
dates (figures) mean several things, the value is ambiguous and fails.  The rules in full:
``docs/value-checks.md``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import Any

from turaz_data.errors import TurazError
from turaz_data.source import ARTICLE_ENV
from turaz_data.source.article import SUPPORTS, Article, ArticleError, load_article, normalise
from turaz_data.tables import rules
from turaz_data.tables.storage import descriptor, read_rows

__all__ = [
    "MAX_TOKENS",
    "MAX_TOKEN_CHARS",
    "RowFailure",
    "TableStats",
    "ValueChecker",
    "ValueProblem",
    "VerifyReport",
    "verify_rows",
]

CLAIM_TABLES = ("events", "agreements", "arms_transfers", "quantities")

MAX_TOKENS = rules.MAX_TOKENS
MAX_TOKEN_CHARS = rules.MAX_TOKEN_CHARS
#: How many places a "found in" hint names before it says "and N more".
HINT_PLACES = 6


@dataclass(frozen=True)
class RowFailure:
    """A claim row that does not verify."""

    table: str
    id: str
    footnote: int | None
    support: str
    #: Why the row could not be checked at all (bad support, unknown footnote, bad
    #: evidence); None when it was checked and tokens are missing.
    reason: str | None = None
    #: Evidence tokens not found in the declared scope, in row order.
    missing: list[str] = field(default_factory=list)
    #: For each missing token, every (footnote, support) scope where it does occur.
    found_in: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    #: For each missing token, the places named in the text report (see _places).
    hints: dict[str, list[tuple[int, str]]] = field(default_factory=dict, repr=False, compare=False)
    #: Values of the row that its scope does not carry (see "Value checks" above).
    values: list[ValueProblem] = field(default_factory=list)

    @property
    def label(self) -> str:
        footnote = "?" if self.footnote is None else str(self.footnote)
        return f"{self.table}/{self.id} (footnote {footnote}, {self.support})"

    def messages(self) -> list[str]:
        """One message per problem of the row."""
        if self.reason is not None:
            return [self.reason]
        return [
            *(_token_message(t, self.hints.get(t, []), self.footnote, self.support) for t in self.missing),
            *(v.message for v in self.values),
        ]

    def to_text(self) -> str:
        messages = self.messages()
        if len(messages) == 1:
            return f"{self.label}: {messages[0]}"
        return "\n".join([f"{self.label}:", *(f"  {m}" for m in messages)])

    def to_dict(self) -> dict[str, Any]:
        return {
            "table": self.table,
            "id": self.id,
            "footnote": self.footnote,
            "support": self.support,
            "reason": self.reason,
            "missing": [
                {
                    "token": t,
                    "found_in": [{"footnote": n, "support": s} for n, s in self.found_in.get(t, [])],
                }
                for t in self.missing
            ],
            "values": [v.to_dict() for v in self.values],
        }


def _places(
    article: Article, found: list[tuple[int, str]], footnote: int
) -> list[tuple[int, str]]:
    """The scopes worth naming in a hint: sentences and notes, the declared footnote's
    own scopes, and any other paragraph only when the token is in none of that
    paragraph's marked sentences (a sentence lies inside its paragraph: naming both
    would repeat the place)."""
    sentence_paragraphs = {article.markers[n].paragraph for n, s in found if s == "sentence"}
    return [
        (n, s)
        for n, s in found
        if s != "paragraph"
        or n == footnote
        or article.markers[n].paragraph not in sentence_paragraphs
    ]


def _token_message(
    token: str, places: list[tuple[int, str]], footnote: int | None, support: str
) -> str:
    text = f"token {_quote(token)} not found"
    if not places:
        return text + " anywhere in the article"
    names = [f"the {s} of footnote {n}" for n, s in places]
    shown = ", ".join(names[:HINT_PLACES])
    if len(names) > HINT_PLACES:
        shown += f" and {len(names) - HINT_PLACES} more"
    if any(n == footnote for n, _ in places):
        return f"{text}; found in {shown}, not in its {support}"
    return f"{text}; found in {shown}, not {footnote}"


def _quote(token: str) -> str:
    return '"' + token.replace("\\", "\\\\").replace('"', '\\"') + '"'


@dataclass
class VerifyReport:
    """The outcome of :func:`verify_rows`."""

    failures: list[RowFailure]
    rows_checked: int
    rows_ok: int
    footnotes_cited: list[int]
    footnotes_uncited: list[int]
    article_sha256: str
    expected_sha256: str | None = None
    #: Per claim table (in table order): rows verified, values grounded, failing rows.
    tables: dict[str, TableStats] = field(default_factory=dict)

    @property
    def sha256_matches(self) -> bool | None:
        """Whether the article is the text the tables were checked against (None: unknown)."""
        if self.expected_sha256 is None:
            return None
        return self.expected_sha256.lower() == self.article_sha256

    @property
    def valid(self) -> bool:
        """True when every row verifies (a differing article hash is only a warning)."""
        return not self.failures

    @property
    def ok(self) -> bool:
        """Deprecated name of :attr:`valid` (version 0.1)."""
        return self.valid

    @property
    def exit_code(self) -> int:
        """The exit code of ``turaz-data verify``: 0 valid, 1 a row fails."""
        return 0 if self.valid else 1

    @property
    def footnotes_total(self) -> int:
        return len(self.footnotes_cited) + len(self.footnotes_uncited)

    def coverage_line(self) -> str:
        uncited = ", ".join(map(str, self.footnotes_uncited)) or "none"
        return (
            f"coverage: {len(self.footnotes_cited)}/{self.footnotes_total} footnotes cited "
            f"by at least one claim row; not cited: {uncited}"
        )

    def to_text(self) -> str:
        """A human report: one block per failing row, then the totals."""
        lines = [f.to_text() for f in self.failures]
        lines.extend(stats.to_text(table) for table, stats in self.tables.items())
        lines.append(
            f"rows: {self.rows_ok}/{self.rows_checked} verified, "
            f"{self.rows_checked - self.rows_ok} failed"
        )
        lines.append(self.coverage_line())
        lines.append(f"article sha256: {self.article_sha256}")
        if self.sha256_matches is False:
            lines.append(
                "warning: the article text differs from the one the tables were checked "
                f"against (expected sha256 {self.expected_sha256})"
            )
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-serialisable dict; the shape is given in the module docstring."""
        return {
            "valid": self.valid,
            "exit_code": self.exit_code,
            "rows_checked": self.rows_checked,
            "rows_ok": self.rows_ok,
            "footnotes": {
                "total": self.footnotes_total,
                "cited": list(self.footnotes_cited),
                "uncited": list(self.footnotes_uncited),
            },
            "article_sha256": self.article_sha256,
            "expected_sha256": self.expected_sha256,
            "sha256_matches": self.sha256_matches,
            "failures": [f.to_dict() for f in self.failures],
            "tables": {table: stats.to_dict() for table, stats in self.tables.items()},
        }


def _footnote_number(value: Any) -> int | None:
    """An int footnote number, also from a string of digits (CSV); None otherwise."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        return int(value.strip())
    return None


#: The evidence rules are the models' (one catalogue: turaz_data.tables.rules).
_evidence_problem = rules.evidence_problem


# --------------------------------------------------------------------------- value checks

#: How a date, a number or an actor of a row is grounded (the ``*_basis`` columns).
BASES = ("stated", "context", "inferred")


def _uncertain(edtf: str) -> bool:
    """Whether an EDTF date carries an uncertainty or approximation mark (``~``, ``?``, ``%``)."""
    return any(mark in edtf for mark in rules.UNCERTAINTY_MARKS)
#: The value kinds counted in the report, with the bases each can have (an actor the
#: scope names is "stated"; one listed in unnamed_actors, explained in the note, "inferred").
VALUE_KINDS: dict[str, tuple[str, ...]] = {
    "dates": BASES,
    "numbers": ("stated", "inferred"),
    "actors": ("stated", "inferred"),
}
#: How many expressions of a scope a value message lists before it says "and N more".
SHOWN_EXPRESSIONS = 6
_YEARLY = re.compile(r"^(\d{4}|\d{3}X|\d{2}XX)[~?%]?$")


@dataclass(frozen=True)
class ValueProblem:
    """A value of a row that its scope does not carry: the column, what the row says,
    what the scope says (or why the value cannot be checked)."""

    column: str
    row: str
    scope: str

    @property
    def message(self) -> str:
        return f"{self.column}: the row says {self.row}; {self.scope}"

    def to_dict(self) -> dict[str, str]:
        return {"column": self.column, "row": self.row, "scope": self.scope, "message": self.message}


def _show_more(items: list[str], empty: str, prefix: str) -> str:
    if not items:
        return empty
    shown = ", ".join(items[:SHOWN_EXPRESSIONS])
    if len(items) > SHOWN_EXPRESSIONS:
        shown += f" and {len(items) - SHOWN_EXPRESSIONS} more"
    return prefix + shown


def _date_text(d) -> str:
    edtf = d.edtf or "/".join(str(x) if x is not None else ".." for x in (d.lower, d.upper))
    origin = ", year from the paragraph" if d.year_from_context else ""
    return f"{_quote(d.text)} ({edtf}{origin})"


def _number_text(n) -> str:
    kind = " percent" if n.percent else " times" if n.multiplier else " ordinal" if n.ordinal else ""
    return f"{_quote(n.text)} ({_decimal_text(n.value)}{kind}, {n.qualifier})"


def _meanings(n) -> list[tuple[Decimal, bool]]:
    """(value, percent) readings of a number expression: a fraction ("yarısı", half) is
    also that share in percent (50)."""
    out = [(n.value, n.percent)]
    if getattr(n, "fraction", False) and not n.percent:
        out.append((n.value * 100, True))
    return out


def _decimal_text(value: Any) -> str:
    d = value if isinstance(value, Decimal) else Decimal(str(value))
    text = format(d.normalize(), "f")
    return text


def _to_decimal(value: Any) -> Decimal | None:
    if isinstance(value, bool) or value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def dates_with_years(text: str) -> list:
    """Every date expression of ``text`` (a paragraph or a footnote's text), in order.

    An expression that prints no year ("5-8 Haziran", "Ekim ayı") takes the year printed by
    the nearest date expression before it in the same text (a range gives its last year,
    a decade none): :func:`turaz_data.source.turkish.find_dates` with ``infer_year=True``.
    With no year printed before it, it has no year and grounds no date.
    """
    from turaz_data.source.turkish import find_dates

    return find_dates(text, infer_year=True)


class _Scope:
    """One declared scope, parsed once: its text, date and number expressions."""

    def __init__(self, article: Article, footnote: int, support: str, context: tuple[str, list]) -> None:
        from turaz_data.source.turkish import find_numbers

        self.readings = article.readings(footnote, support)
        text = self.readings[0]
        context_text, context_dates = context
        start = context_text.find(text) if text else -1
        if start < 0:  # not found in its paragraph (cannot happen for a parsed article)
            self.dates = dates_with_years(text)
        else:  # the paragraph's expressions inside the scope, with offsets in the scope
            end = start + len(text)
            self.dates = [
                replace(d, start=d.start - start, end=d.end - start)
                for d in context_dates
                if d.start >= start and d.end <= end
            ]
        self.numbers = find_numbers(text)
        self._names: dict[str, bool] = {}

    def quoted(self, expressions: list, evidence: Any) -> list:
        """The expressions that an evidence token quotes (overlaps) in the scope."""
        text = self.readings[0]
        spans = []
        for token in evidence if isinstance(evidence, (list, tuple)) else ():
            needle = normalise(str(token))
            i = text.find(needle) if needle else -1
            while i >= 0:
                spans.append((i, i + len(needle)))
                i = text.find(needle, i + 1)
        return [e for e in expressions if any(e.start < b and a < e.end for a, b in spans)]

    def candidates(self, expressions: list, evidence: Any, meaning: Callable[[Any], Any]) -> tuple[list, bool]:
        """(the expressions a stated value may be read from, whether that is ambiguous).

        The evidence says which of the scope's expressions the row means: when it quotes
        some, only those count.  When it quotes none, every expression counts, and the
        value is ambiguous when they have more than one meaning (the row must then quote
        its value in evidence).
        """
        quoted = self.quoted(expressions, evidence)
        if quoted:
            return quoted, False
        return expressions, len({meaning(e) for e in expressions}) > 1

    def names(self, form: str) -> bool:
        """Whether a name form stands in the scope as a word: followed by a word boundary
        or by an apostrophe and suffix letters ("Türkiye", "Türkiye'nin"; not "Türkiyeli")."""
        hit = self._names.get(form)
        if hit is None:
            needle = _name_pattern(form)
            hit = needle is not None and any(needle.search(r) for r in self.readings)
            self._names[form] = hit
        return hit


@lru_cache(maxsize=4096)
def _name_pattern(form: str) -> re.Pattern | None:
    """A name form as a whole word, or followed by an apostrophe and suffix letters."""
    text = normalise(form)
    return re.compile(r"(?<!\w)" + re.escape(text) + r"(?!\w)") if text else None


def _scope(article: Article, footnote: int, support: str) -> _Scope:
    """The parsed scope, cached on the article (each scope and paragraph parsed once)."""
    cache = article.__dict__.setdefault("_value_scopes", {})
    key = (footnote, support)
    if key not in cache:
        if support == "note":
            ckey: tuple = ("note", footnote)
            ctext = article.readings(footnote, "note")[0]
        else:
            ckey = ("paragraph", article.markers[footnote].paragraph)
            ctext = article.readings(footnote, "paragraph")[0]
        if ckey not in cache:
            cache[ckey] = (ctext, dates_with_years(ctext))
        cache[key] = _Scope(article, footnote, support, cache[ckey])
    return cache[key]


def _same_date(edtf: str, lower, upper, d) -> bool:
    """Whether expression ``d`` means the row's date: the same bounds, or for a row of
    whole years (1999, 199X, 1999/2015) the same years."""
    if all(part == ".." or _YEARLY.match(part) for part in edtf.split("/")):
        years = (lower.year if lower else None, upper.year if upper else None)
        return years == _date_meaning(edtf)(d)
    return (lower, upper) == (d.lower, d.upper)


def _date_meaning(edtf: str) -> Callable[[Any], Any]:
    """What tells two date expressions apart for a row of this precision: years for a
    row of whole years, bounds otherwise."""
    if all(part == ".." or _YEARLY.match(part) for part in edtf.split("/")):
        return lambda d: (d.lower.year if d.lower else None, d.upper.year if d.upper else None)
    return lambda d: (d.lower, d.upper)


def _within(inner: tuple, outer: tuple) -> bool:
    (lo, hi), (olo, ohi) = inner, outer
    below = olo is not None and (lo is None or lo < olo)
    above = ohi is not None and (hi is None or hi > ohi)
    return not (below or above)


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == []


@dataclass
class TableStats:
    """Per table: rows verified and values grounded, by basis."""

    rows: int = 0
    rows_ok: int = 0
    failing: list[str] = field(default_factory=list)
    grounded: dict[str, dict[str, int]] = field(
        default_factory=lambda: {k: dict.fromkeys(bases, 0) for k, bases in VALUE_KINDS.items()}
    )

    def to_text(self, table: str) -> str:
        """One line: ``events: 96/97 rows verified, 1 failing; grounded: dates 80 stated, ...``."""
        parts = [
            f"{kind} " + ", ".join(f"{self.grounded[kind][b]} {b}" for b in bases)
            for kind, bases in VALUE_KINDS.items()
        ]
        failing = self.rows - self.rows_ok
        return f"{table}: {self.rows_ok}/{self.rows} rows verified, {failing} failing; grounded: " + "; ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "rows_ok": self.rows_ok,
            "failing": list(self.failing),
            "grounded": {k: dict(v) for k, v in self.grounded.items()},
        }


class ValueChecker:
    """Checks the values of claim rows against their scopes (dates, numbers, actors,
    designations), with what the checks need: the actors' Turkish name forms, the claim
    tables' actor columns, and every claim row by id (for ``date_from``)."""

    def __init__(
        self,
        article: Article,
        *,
        actors: Iterable[Mapping[str, Any]],
        rows_by_id: Mapping[str, Mapping[str, Any]],
        actor_columns: Mapping[str, tuple[str, ...]] | None = None,
    ) -> None:
        self.article = article
        self.names: dict[str, list[str]] = {}
        for a in actors:
            self.names[str(a.get("actor_id"))] = [f for f in a.get("names_tr") or [] if f]
        self.rows_by_id = rows_by_id
        self.actor_columns = dict(rules.ACTOR_COLUMNS if actor_columns is None else actor_columns)

    # -- one row -------------------------------------------------------------------
    def check(self, row: Mapping[str, Any], footnote: int, support: str, stats: TableStats) -> list[ValueProblem]:
        scope = _scope(self.article, footnote, support)
        table = str(row.get("table"))
        problems: list[ValueProblem] = []
        problems += self._date(row, scope, stats, table)
        if table == "quantities":
            problems += self._number(
                row, scope, stats, "value", "qualifier", row.get("value_basis"), percent=row.get("unit") == "percent"
            )
        elif table == "arms_transfers":
            problems += self._number(row, scope, stats, "number", "number_qualifier", row.get("number_basis"))
            problems += self._designation(row, footnote, support)
        elif table == "agreements":
            problems += self._number(row, scope, stats, "articles", None, "stated")
        problems += self._actors(row, scope, stats, table)
        return problems

    def _context_date(self, row, date: str, own: tuple, stats: TableStats, table: str) -> list[ValueProblem]:
        """A date taken from the claim row named by ``date_from``: that row exists, has a date that
        contains this one, and this one keeps its uncertainty mark."""
        from turaz_data.tables.edtf import bounds

        lower, upper = own
        ref_id = row.get("date_from")
        if _empty(ref_id):
            return [ValueProblem("date_from", "nothing", "a context date must name the row it is taken from")]
        broken = _rule_problem(table, "self_reference", row)
        if broken:
            return [ValueProblem("date_from", _quote(str(ref_id)), broken)]
        ref = self.rows_by_id.get(str(ref_id))
        if ref is None:
            return [ValueProblem("date_from", _quote(str(ref_id)), "no claim row has that id")]
        ref_date = ref.get("date")
        if _empty(ref_date):
            return [ValueProblem("date", date, f"its date_from row {ref_id} has no date")]
        try:
            ref_bounds = bounds(str(ref_date))
        except ValueError:
            return [ValueProblem("date", date, f"its date_from row {ref_id} has no valid EDTF date ({ref_date})")]
        if _uncertain(str(ref_date)) and not _uncertain(date):
            return [ValueProblem("date", date, f"its date_from row {ref_id} is dated {ref_date}, an uncertain or "
                                 "approximate date: a date taken from it keeps the mark (~, ? or %)")]
        if date == ref_date or _within((lower, upper), ref_bounds):
            stats.grounded["dates"]["context"] += 1
            return []
        return [ValueProblem("date", date, f"its date_from row {ref_id} is dated {ref_date}, which does not contain it")]

    def _date(self, row, scope: _Scope, stats: TableStats, table: str) -> list[ValueProblem]:
        from turaz_data.tables.edtf import bounds

        date = row.get("date")
        basis = row.get("date_basis")
        if _empty(date):
            if not _empty(basis):
                return [ValueProblem("date_basis", _quote(str(basis)), "the row has no date: leave date_basis empty")]
            return []
        date = str(date)
        try:
            lower, upper = bounds(date)
        except ValueError:
            return [ValueProblem("date", date, "it is not an EDTF date, so it cannot be checked")]
        basis = "stated" if _empty(basis) else str(basis)
        if basis == "stated":
            pool, ambiguous = scope.candidates(scope.dates, row.get("evidence"), _date_meaning(date))
            said = _show_more([_date_text(d) for d in pool], "the scope states no date", "the scope states ")
            if not any(_same_date(date, lower, upper, d) for d in pool):
                if len(pool) < len(scope.dates):
                    said = said.replace("the scope states", "the evidence quotes", 1)
                return [ValueProblem("date", date, said + _hint_basis("date"))]
            if ambiguous:
                return [ValueProblem("date", date, said.replace("the scope states", "the scope states several dates:", 1)
                                     + "; quote the row's date as printed in evidence")]
            stats.grounded["dates"]["stated"] += 1
            return []
        if basis == "context":
            return self._context_date(row, date, (lower, upper), stats, table)
        if basis == "inferred":
            broken = _rule_problem(table, "inferred_date_rule", row)
            if broken:
                return [ValueProblem("date", date, broken)]
            stats.grounded["dates"]["inferred"] += 1
            return []
        return [ValueProblem("date_basis", _quote(basis), f"it must be one of {', '.join(BASES)}")]

    def _number(self, row, scope: _Scope, stats: TableStats, column: str, qual_column: str | None,
                basis: Any, *, percent: bool = False) -> list[ValueProblem]:
        raw = row.get(column)
        if _empty(raw):
            return []
        value = _to_decimal(raw)
        shown = _decimal_text(value) if value is not None else str(raw)
        if value is None:
            return [ValueProblem(column, shown, "it is not a number, so it cannot be checked")]
        basis = "stated" if _empty(basis) else str(basis)
        if basis == "inferred":
            code = {"value": "value_basis_rule", "number": "number_basis_rule"}.get(column, "")
            broken = _rule_problem(str(row.get("table")), code, row)
            if broken:
                return [ValueProblem(column, shown, broken)]
            stats.grounded["numbers"]["inferred"] += 1
            return []
        if basis != "stated":
            return [ValueProblem(f"{column}_basis" if column != "value" else "value_basis", _quote(basis),
                                 "it must be stated or inferred")]
        pool, ambiguous = scope.candidates(scope.numbers, row.get("evidence"), lambda n: n.value)
        same = [n for n in pool if any(v == value for v, _ in _meanings(n))]
        qualifier = str(row.get(qual_column)) if qual_column and not _empty(row.get(qual_column)) else None
        said = _show_more([_number_text(n) for n in pool], "the scope states no number", "the scope states ")
        if len(pool) < len(scope.numbers):
            said = said.replace("the scope states", "the evidence quotes", 1)
        if not same:
            return [ValueProblem(column, shown + (" percent" if percent else ""), said + _hint_basis(column))]
        if ambiguous:
            return [ValueProblem(column, shown, said.replace("the scope states", "the scope states several figures:", 1)
                                 + "; quote the row's figure as printed in evidence")]
        if qual_column == "qualifier":  # a quantity: percent or not, as its unit says
            kinds = [n for n in same if (value, percent) in _meanings(n)]
        else:
            kinds = same
        if not kinds:
            row_says = f"{shown} {'percent' if percent else 'not a percentage'}"
            return [ValueProblem("unit", row_says, said)]
        if qualifier is not None and not any(n.qualifier == qualifier for n in kinds):
            return [ValueProblem(qual_column, f"{qualifier} (of {shown})", said)]
        stats.grounded["numbers"]["stated"] += 1
        return []

    def _designation(self, row, footnote: int, support: str) -> list[ValueProblem]:
        designation = row.get("designation")
        if _empty(designation) or self.article.contains(str(designation), footnote, support):
            return []
        return [ValueProblem("designation", _quote(str(designation)), f"the {support} does not print it")]

    def _actors(self, row, scope: _Scope, stats: TableStats, table: str) -> list[ValueProblem]:
        problems: list[ValueProblem] = []
        unnamed_raw = row.get("unnamed_actors")
        unnamed = [] if _empty(unnamed_raw) else list(unnamed_raw)
        named_ids: list[tuple[str, str]] = []
        for column in self.actor_columns.get(table, ()):
            value = row.get(column)
            items = [] if _empty(value) else value if isinstance(value, (list, tuple)) else [value]
            named_ids += [(column, str(a)) for a in items]
        broken = _rule_problem(table, "unnamed_actors_rule", row) if unnamed else None
        if broken:
            problems.append(ValueProblem("unnamed_actors", "|".join(map(str, unnamed)), broken))
        else:
            stats.grounded["actors"]["inferred"] += len(unnamed)
        for column, actor in named_ids:
            if actor in unnamed:
                continue
            forms = self.names.get(actor)
            if not forms:
                problems.append(ValueProblem(column, actor, "the actors table gives no Turkish name form for it"))
            elif any(scope.names(f) for f in forms):
                stats.grounded["actors"]["stated"] += 1
            else:
                shown = ", ".join(_quote(f) for f in forms)
                problems.append(ValueProblem(
                    column, actor, f"the scope names it by none of its forms ({shown}); "
                    "if the scope does not name it, list it in unnamed_actors and say why in the note"))
        return problems


def _hint_basis(column: str) -> str:
    if column == "date":
        return " (a date the scope does not state needs date_basis context or inferred)"
    basis = {"value": "value_basis", "number": "number_basis"}.get(column)
    return f" (a figure the scope does not state needs {basis} inferred)" if basis else ""


def _rule_problem(table: str, code: str, row: Mapping[str, Any]) -> str | None:
    """The message of the row rule ``code`` of ``table`` (:data:`turaz_data.tables.rules.CLAIM_RULES`,
    the rules the models and ``validate`` apply) when the row breaks it, else None."""
    for rule in rules.CLAIM_RULES.get(table, ()):
        if rule.code == code:
            return None if rule.row({c: row.get(c) for c in rule.columns}) else rule.message
    return None


def _check_row(
    article: Article, row: Mapping[str, Any], checker: ValueChecker | None, stats: dict[str, TableStats]
) -> tuple[int | None, RowFailure | None]:
    """(the footnote the row validly cites or None, its failure or None)."""
    if not isinstance(row, Mapping):
        return None, RowFailure("?", "?", None, "?", reason=f"row is not a mapping but {type(row).__name__}")
    table = str(row.get("table", "?"))
    row_id = str(row.get("id", "?"))
    support = row.get("support")
    raw_footnote = row.get("footnote")
    footnote = _footnote_number(raw_footnote)
    support_text = str(support)
    table_stats = stats.setdefault(table, TableStats())

    def fail(reason: str) -> RowFailure:
        return RowFailure(table, row_id, footnote, support_text, reason=reason)

    if footnote is None:
        return None, fail(f"footnote {raw_footnote!r} is not a footnote number")
    numbers = article.footnote_numbers
    if footnote not in article.footnotes:
        return None, fail(
            f"footnote {footnote} is not in the article (footnotes {numbers[0]}-{numbers[-1]})"
        )
    if support not in SUPPORTS:
        return footnote, fail(f"support {_quote(support_text)} is not one of {', '.join(SUPPORTS)}")
    problem = _evidence_problem(row.get("evidence"))
    if problem is not None:
        return footnote, fail(problem)
    missing = [t for t in row["evidence"] if not article.contains(t, footnote, support)]
    values = checker.check(row, footnote, support, table_stats) if checker is not None else []
    if not missing and not values:
        return footnote, None
    found_in = {t: article.locate(t) for t in missing}
    hints = {t: _places(article, places, footnote) for t, places in found_in.items()}
    return footnote, RowFailure(
        table, row_id, footnote, support, missing=missing, found_in=found_in, hints=hints, values=values
    )


def verify_rows(
    article: Article,
    rows: Iterable[Mapping[str, Any]],
    *,
    expected_sha256: str | None = None,
    actors: Iterable[Mapping[str, Any]] | None = None,
    context_rows: Iterable[Mapping[str, Any]] | None = None,
    checker: ValueChecker | None = None,
) -> VerifyReport:
    """Verify claim rows against the article: the evidence tokens, then the values.

    Each row is a mapping with keys ``table``, ``id``, ``footnote`` (int, or a string of
    digits), ``support`` ("sentence", "paragraph" or "note") and ``evidence`` (a list of
    1-4 tokens), and the table's value columns (``date``, ``date_basis``, ``actors``, ...;
    a column the row lacks is not checked).  ``actors`` are the rows of the actors table
    (default: the shipped one); ``context_rows`` the claim rows a ``date_from`` may name
    (default: ``rows`` themselves); ``checker`` a ready :class:`ValueChecker` instead of
    both.  ``expected_sha256`` is the article hash the tables were curated against; a
    difference is reported as a warning.  A footnote counts as cited when a row names
    it, whether or not that row verifies.
    """
    rows = list(rows)
    if checker is None:
        if actors is None:
            actors = read_rows("actors")
        pool = rows if context_rows is None else context_rows
        by_id = {str(r.get("id")): r for r in pool if isinstance(r, Mapping)}
        checker = ValueChecker(article, actors=actors, rows_by_id=by_id)
    failures: list[RowFailure] = []
    cited: set[int] = set()
    stats: dict[str, TableStats] = {}
    for row in rows:
        footnote, failure = _check_row(article, row, checker, stats)
        table = stats.setdefault(str(row.get("table", "?")) if isinstance(row, Mapping) else "?", TableStats())
        table.rows += 1
        if footnote is not None:
            cited.add(footnote)
        if failure is not None:
            failures.append(failure)
            table.failing.append(failure.id)
        else:
            table.rows_ok += 1
    numbers = article.footnote_numbers
    return VerifyReport(
        failures=failures,
        rows_checked=len(rows),
        rows_ok=len(rows) - len(failures),
        footnotes_cited=sorted(cited),
        footnotes_uncited=[n for n in numbers if n not in cited],
        article_sha256=article.sha256,
        expected_sha256=expected_sha256,
        tables={t: stats[t] for t in sorted(stats, key=_table_order)},
    )


def _table_order(table: str) -> tuple[int, str]:
    return (CLAIM_TABLES.index(table) if table in CLAIM_TABLES else len(CLAIM_TABLES), table)


# --- the verify() entry point (was verification.py) ---

#: The largest file read as the article (the article is about 200 kB).
MAX_ARTICLE_BYTES = 64 << 20


class InputError(TurazError):
    """The article or the package cannot be read; the message says which and why."""


def article_path(article: str | os.PathLike | None) -> Path:
    """The article path given, or that of ``$TURAZ_ARTICLE``; an InputError when neither."""
    value = article if article is not None else os.environ.get(ARTICLE_ENV)
    if not value:
        raise InputError(
            "no article given: pass --article PATH (or set TURAZ_ARTICLE) to the plain-text "
            "article; the package does not ship it"
        )
    path = Path(value)
    if not path.is_file():
        raise InputError(f"article not found: {path}")
    size = path.stat().st_size
    if size > MAX_ARTICLE_BYTES:
        raise InputError(f"{path} is {size:,} bytes, not the article (a plain text of about 200 kB; "
                         f"at most {MAX_ARTICLE_BYTES:,} bytes are read)")
    return path


def open_article(article: str | os.PathLike | None = None) -> Article:
    """The parsed article at ``article`` (default: ``$TURAZ_ARTICLE``): the one way every
    entry point opens it. Raises :class:`InputError` saying why when it is not given, not
    found, not UTF-8 or not the article."""
    path = article_path(article)
    try:
        return load_article(path)
    except ArticleError as e:
        raise InputError(f"{path} is not a readable copy of the article: {e}") from None
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"cannot read the article {path}: {e}") from None


def claim_rows(package: str | os.PathLike | None = None) -> list[dict]:
    """Every claim row of a package, with its table name, for the verifier."""
    names = [r["name"] for r in descriptor(package)["resources"]]
    rows = []
    for table in CLAIM_TABLES:
        if table not in names:
            raise InputError(f"the package has no {table} table")
        for row in read_rows(table, package):
            rows.append({"table": table, **row})
    return rows


def value_checker(article: Article, package: str | os.PathLike | None = None) -> ValueChecker:
    """A :class:`ValueChecker` for rows checked against a package (default: the shipped
    tables): its actors' name forms, and its claim rows for ``date_from``.  Callers that
    check new rows add them to ``rows_by_id`` first (``validate --article``)."""
    rows = claim_rows(package)
    return ValueChecker(
        article, actors=read_rows("actors", package), rows_by_id={str(r.get("id")): r for r in rows}
    )


def expected_sha256(package: str | os.PathLike | None = None) -> str | None:
    """The article hash recorded in the package's datapackage.json, if any."""
    for source in descriptor(package).get("sources", []):
        if source.get("sha256"):
            return source["sha256"]
    return None


def verify(article: str | os.PathLike | None = None, package: str | os.PathLike | None = None) -> VerifyReport:
    """Check every claim row of ``package`` (default: the installed tables) against the
    article at ``article`` (default: ``$TURAZ_ARTICLE``). Raises InputError when an input
    cannot be read."""
    parsed = open_article(article)
    try:
        rows = claim_rows(package)
        expected = expected_sha256(package)
        actors = read_rows("actors", package)
    except (OSError, ValueError, KeyError) as e:
        raise InputError(f"cannot read the package: {e}") from None
    return verify_rows(parsed, rows, expected_sha256=expected, actors=actors)
