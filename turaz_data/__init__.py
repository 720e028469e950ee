"""turaz_data: citation-checked tables on Türkiye-Azerbaijan military relations, 1918-2023.

Built from one article: Bahar Özsoy, "Türkiye-Azerbaycan İlişkilerinin Askerî Boyutu"
(Military Dimension of Türkiye-Azerbaijan Relations from 1918 to 2023), Güvenlik
Stratejileri Dergisi. Every row of a claim table (events, agreements, arms_transfers,
quantities) names the footnote that backs it and verbatim evidence tokens.

>>> import turaz_data
>>> turaz_data.table_names()[:4]
['footnotes', 'works', 'citations', 'actors']

Importing this package is cheap: pandas, pandera, pydantic and frictionless are
imported only when a function that needs them is first called.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = [
    "__version__",
    "table_names",
    "load",
    "records",
    "schema",
    "validate",
    "cite",
    "verify",
]


def table_names() -> list[str]:
    """The names of the tables, in package order (reference tables first)."""
    from turaz_data.tables.storage import table_names as _names

    return _names()


def load(name: str):
    """A table as a pandas DataFrame with proper dtypes.

    Integers are ``int64`` (``Int64`` where a column may be empty), list columns hold
    Python lists, ISO dates are ``datetime64``; every EDTF date column ``date`` is kept
    as text and gains ``date_lower`` and ``date_upper`` (the earliest and latest day it
    can mean) for filtering.

    Counting: a claim row that an aggregate row of the same table covers names it in
    ``part_of``, and rows that may describe the same thing list each other in
    ``overlaps``; count an aggregate or its parts, never both (the rows with an empty
    ``part_of`` are one such set). ``date_basis``, ``attribution`` and
    ``unnamed_actors`` say which values the cited passage states and which are inferred
    or reported (see docs/codebook.md).

    >>> ev = load("events")
    >>> ev[ev.date_lower.dt.year < 1992].shape[0] > 0
    True
    """
    from turaz_data.tables.storage import load_frame

    return load_frame(name)


def records(name: str) -> list:
    """The rows of a table as validated Pydantic model instances."""
    from turaz_data.tables.storage import read_rows, resource
    from turaz_data.tables.models import TABLES_BY_NAME

    resource(name)  # a clear error for an unknown name
    model = TABLES_BY_NAME[name].model
    return [model.model_validate(r) for r in read_rows(name)]


def schema(name: str):
    """The Pandera schema of a table (checks types, codes, keys, foreign keys, EDTF)."""
    from turaz_data.tables.storage import resource
    from turaz_data.tables.schemas import schema as _schema

    resource(name)
    return _schema(name)


def validate(df, table: str):
    """Validate a DataFrame as ``table``.

    Returns the DataFrame when valid; otherwise raises
    :class:`turaz_data.errors.TurazValidationError`, whose message lists every failure
    (row, column, value, rule, how to fix) and whose ``problems`` attribute holds them.
    """
    from turaz_data.tables.storage import resource
    from turaz_data.tables.schemas import validate as _validate

    resource(table)
    return _validate(df, table)


def cite(format: str = "text") -> str:
    """How to cite the dataset and the article it is built from.

    ``format`` is 'text' (APA-like), 'bibtex', 'cff' (the text of CITATION.cff) or
    'csl-json'. Standard library only.

    >>> print(cite())  # doctest: +ELLIPSIS
    Please cite the dataset and the article it is built from:
    ...
    """
    from turaz_data.publish.citing import cite as _cite

    return _cite(format)


def verify(article=None, package=None):
    """Check every claim row against the article.

    ``article`` is the path of the plain-text article (default: ``$TURAZ_ARTICLE``);
    ``package`` the datapackage.json of the tables to check (default: the installed ones).
    Returns a report: ``.valid``, ``.failures`` (table, id, footnote, support, missing
    tokens and where they occur, ``.values``: each value the scope does not carry, with
    what the row says and what the scope says), ``.tables`` (per claim table: rows
    verified, failing rows, values grounded by basis), ``.footnotes_cited``,
    ``.footnotes_uncited``, ``.article_sha256``; ``.to_text()`` and ``.to_dict()``.
    """
    from turaz_data.source.verify import verify as _verify

    return _verify(article=article, package=package)
