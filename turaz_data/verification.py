"""Verify a package's claim tables against the article (the API behind ``turaz-data verify``).

Standard library only: the tables are read as CSV, the article with
:mod:`turaz_data.article`, and checked with :mod:`turaz_data.verifier`.
"""

from __future__ import annotations

import os
from pathlib import Path

from .article import ArticleError, load_article
from .data import descriptor, read_rows
from .verifier import VerifyReport, verify_rows

ARTICLE_ENV = "TURAZ_ARTICLE"
CLAIM_TABLES = ("events", "agreements", "arms_transfers", "quantities")


class InputError(Exception):
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
    path = article_path(article)
    try:
        parsed = load_article(path)
    except ArticleError as e:
        raise InputError(f"{path} is not a readable copy of the article: {e}") from None
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"cannot read the article {path}: {e}") from None
    try:
        rows = claim_rows(package)
        expected = expected_sha256(package)
    except (OSError, ValueError, KeyError) as e:
        raise InputError(f"cannot read the package: {e}") from None
    return verify_rows(parsed, rows, expected_sha256=expected)
