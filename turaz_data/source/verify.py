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
                      "found_in": [{"footnote": int, "support": str}, ...]}, ...]},
        ...
      ]
    }
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from turaz_data.errors import TurazError
from turaz_data.source import ARTICLE_ENV
from turaz_data.source.article import SUPPORTS, Article, ArticleError, load_article
from turaz_data.tables import rules
from turaz_data.tables.storage import descriptor, read_rows

__all__ = ["MAX_TOKEN_CHARS", "MAX_TOKENS", "RowFailure", "VerifyReport", "verify_rows"]

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

    @property
    def label(self) -> str:
        footnote = "?" if self.footnote is None else str(self.footnote)
        return f"{self.table}/{self.id} (footnote {footnote}, {self.support})"

    def messages(self) -> list[str]:
        """One message per problem of the row."""
        if self.reason is not None:
            return [self.reason]
        return [
            _token_message(t, self.hints.get(t, []), self.footnote, self.support)
            for t in self.missing
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


def _check_row(article: Article, row: Mapping[str, Any]) -> tuple[int | None, RowFailure | None]:
    """(the footnote the row validly cites or None, its failure or None)."""
    if not isinstance(row, Mapping):
        return None, RowFailure("?", "?", None, "?", reason=f"row is not a mapping but {type(row).__name__}")
    table = str(row.get("table", "?"))
    row_id = str(row.get("id", "?"))
    support = row.get("support")
    raw_footnote = row.get("footnote")
    footnote = _footnote_number(raw_footnote)
    support_text = str(support)

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
    if not missing:
        return footnote, None
    found_in = {t: article.locate(t) for t in missing}
    hints = {t: _places(article, places, footnote) for t, places in found_in.items()}
    return footnote, RowFailure(
        table, row_id, footnote, support, missing=missing, found_in=found_in, hints=hints
    )


def verify_rows(
    article: Article,
    rows: Iterable[Mapping[str, Any]],
    *,
    expected_sha256: str | None = None,
) -> VerifyReport:
    """Verify claim rows against the article.

    Each row is a mapping with keys ``table``, ``id``, ``footnote`` (int, or a string of
    digits), ``support`` ("sentence", "paragraph" or "note") and ``evidence`` (a list of
    1-4 tokens).  ``expected_sha256`` is the article hash the tables were curated
    against; a difference is reported as a warning.  A footnote counts as cited when a
    row names it, whether or not that row verifies.
    """
    failures: list[RowFailure] = []
    cited: set[int] = set()
    checked = 0
    for row in rows:
        checked += 1
        footnote, failure = _check_row(article, row)
        if footnote is not None:
            cited.add(footnote)
        if failure is not None:
            failures.append(failure)
    numbers = article.footnote_numbers
    return VerifyReport(
        failures=failures,
        rows_checked=checked,
        rows_ok=checked - len(failures),
        footnotes_cited=sorted(cited),
        footnotes_uncited=[n for n in numbers if n not in cited],
        article_sha256=article.sha256,
        expected_sha256=expected_sha256,
    )


# --- the verify() entry point (was verification.py) ---

CLAIM_TABLES = ("events", "agreements", "arms_transfers", "quantities")


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
    except (OSError, ValueError, KeyError) as e:
        raise InputError(f"cannot read the package: {e}") from None
    return verify_rows(parsed, rows, expected_sha256=expected)
