"""How to cite the dataset and the article it is built from. Standard library only."""

from __future__ import annotations

from . import __version__
from .metadata import ARTICLE, PACKAGE

FORMATS = ("text", "bibtex")


def _dataset_text() -> str:
    return (
        f"turaz_data contributors ({PACKAGE.get('year', 2026)}). {PACKAGE['title']} "
        f"(version {__version__}) [Data set]. Compiled from {ARTICLE['authors'][0].split(',')[0]} "
        f"({ARTICLE['year']}). Licence CC-BY-4.0."
    )


def _article_text() -> str:
    a = ARTICLE
    return (
        f"Özsoy, B. ({a['year']}). {a['title']} [{a['title_en']}]. "
        f"{a['journal']} ({a['journal_en']}). {a['url']}"
    )


def _bibtex() -> str:
    a = ARTICLE
    return (
        "@misc{turaz_data,\n"
        "  author = {{turaz_data contributors}},\n"
        f"  title = {{{PACKAGE['title']}}},\n"
        f"  year = {{{PACKAGE.get('year', 2026)}}},\n"
        f"  version = {{{__version__}}},\n"
        "  note = {Data set, CC-BY-4.0. Compiled from Özsoy (2023)},\n"
        "}\n\n"
        "@article{ozsoy2023,\n"
        "  author = {Özsoy, Bahar},\n"
        f"  title = {{{a['title']}}},\n"
        f"  journal = {{{a['journal']}}},\n"
        f"  year = {{{a['year']}}},\n"
        f"  url = {{{a['url']}}},\n"
        "}\n"
    )


def cite(format: str = "text") -> str:
    """The citation of the dataset and of the article, as plain text or BibTeX."""
    if format == "text":
        return (
            "Please cite the dataset and the article it is built from:\n\n"
            f"  {_dataset_text()}\n\n  {_article_text()}\n"
        )
    if format == "bibtex":
        return _bibtex()
    raise ValueError(f"unknown citation format {format!r}; use one of: {', '.join(FORMATS)}")
