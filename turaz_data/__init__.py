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
    "validate_file",
    "cite",
    "verify",
    "panel",
    "sources",
    "describe",
]


def table_names() -> list[str]:
    """The names of the tables, in package order (reference tables first)."""
    from turaz_data.tables.storage import table_names as _names

    return _names()


def load(name: str, package=None):
    """A table as a pandas DataFrame with proper dtypes.

    ``package``: the path of another copy's ``datapackage.json`` (default: the installed
    tables). The table is first checked by the file engine (as ``turaz-data validate``
    checks a file): a broken cell, an unknown key or a broken row rule raises
    :class:`turaz_data.errors.TurazValidationError` naming table, line, column, value and rule.

    Integers are ``int64`` (``Int64`` where a column may be empty), list columns hold
    Python lists, ISO dates are ``datetime64``; every EDTF date column ``date`` is kept
    as text and gains ``date_lower`` and ``date_upper`` (the earliest and latest day it
    can mean) and ``year_lower`` and ``year_upper`` for filtering.

    ``df.attrs`` documents the frame: ``title``, ``description``, ``license``,
    ``citation``, ``version`` and ``columns`` (name -> description).

    Counting: a claim row that an aggregate row of the same table covers names it in
    ``part_of``, and rows that may describe the same thing list each other in
    ``overlaps``; count an aggregate or its parts, never both (the rows with an empty
    ``part_of`` are one such set). ``date_basis``, ``attribution`` and
    ``unnamed_actors`` say which values the cited passage states and which are inferred
    or reported (see docs/codebook.md).

    >>> ev = load("events")
    >>> ev[ev.date_lower.dt.year < 1992].shape[0] > 0
    True
    >>> ev.attrs["columns"]["footnote"]
    'The footnote that backs the row.'
    """
    from turaz_data.contrib.judge import check
    from turaz_data.publish.views import frame_attrs
    from turaz_data.tables.storage import load_frame, resource

    resource(name, package)  # a clear error for an unknown name
    check(name, package)
    df = load_frame(name, package)
    df.attrs.update(frame_attrs(name, package))
    return df


def panel(dyad: bool = False, active: bool = False, directed: bool = False):
    """Counts per year, 1918-2023: events by category, agreements by kind, arms transfers
    by deal type, as a DataFrame with one row per year (``dyad=True``: per pair of states,
    by COW code, and year, in the style of peacesciencer's ``create_dyadyears()``; with
    ``directed=True`` each pair in both orders, and a transfer from supplier to recipient).

    A row counts in the first year its date can mean (``active=True``: in every year it
    can span); rows that are part of another row (``part_of``) are not counted. The rule
    is in ``df.attrs["description"]``.

    >>> p = panel()
    >>> p.year.tolist() == list(range(1918, 2024))
    True
    """
    from turaz_data.publish.views import panel as _panel

    return _panel(dyad=dyad, active=active, directed=directed)


def sources(table: str, row_id: str):
    """A claim row's footnote, support, evidence and every work its footnote cites (one
    row per work, with the pages and a formatted reference; ``work_id`` is the BibTeX key
    of the ``bibtex`` export).

    >>> sources("agreements", "1992-08-11-military-education-agreement").work_id.tolist()
    ['cafersoy-2012-askeri']
    """
    from turaz_data.publish.views import sources as _sources

    return _sources(table, row_id)


def describe(name: str) -> None:
    """Print a table's codebook: every column with its type, constraints, example and codes."""
    from turaz_data.publish.codebook import describe_text
    from turaz_data.tables.storage import resource

    resource(name)  # a clear error for an unknown name
    print(describe_text(name), end="")


def records(name: str, package=None) -> list:
    """The rows of a table as validated Pydantic model instances.

    Checked as :func:`load` checks a table (foreign keys included), then by the models;
    any problem raises :class:`turaz_data.errors.TurazValidationError`."""
    from turaz_data.contrib.judge import check, model_problems
    from turaz_data.errors import TurazValidationError
    from turaz_data.tables.storage import read_rows, resource

    resource(name, package)
    check(name, package)
    out, found = model_problems(name, read_rows(name, package))
    if found:
        raise TurazValidationError(name, found)
    return out


def schema(name: str):
    """The Pandera schema of a table (checks types, codes, keys, foreign keys, EDTF)."""
    from turaz_data.tables.schemas import schema as _schema
    from turaz_data.tables.storage import resource

    resource(name)
    return _schema(name)


def validate(df, table: str):
    """Validate a DataFrame as ``table``.

    Returns the DataFrame when valid; otherwise raises
    :class:`turaz_data.errors.TurazValidationError`, whose message lists every failure
    (row, column, value, rule, how to fix) and whose ``problems`` attribute holds them.
    """
    from turaz_data.tables.schemas import validate as _validate
    from turaz_data.tables.storage import resource

    resource(table)
    return _validate(df, table)


def validate_file(path, table: str, **options):
    """Check a CSV file of rows for ``table`` (a contributed file): every problem, located.

    Returns a report (``.valid``, ``.problems``: line, column, value, rule, fix;
    ``.to_text()``, ``.to_dict()``); never raises for bad content. ``options`` are those of
    :func:`turaz_data.contrib.engine.validate_file` (``package``, ``replace``, ``article``,
    ``max_problems``, ...). The same engine judges the tables behind :func:`load`.
    """
    from turaz_data.contrib.engine import validate_file as _validate_file

    return _validate_file(path, table, **options)


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
