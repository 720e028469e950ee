"""Package-level metadata: the one source of datapackage.json, CITATION.cff,
.zenodo.json, ``turaz_data.cite()`` and the metadata of every export.

Standard library only. The table-level metadata lives in :mod:`turaz_data.tables.models`.

To make a release, change ``__version__`` (turaz_data/__init__.py) and
:data:`RELEASE_DATE` together, then run ``python scripts/generate.py``. When Zenodo
has minted (or reserved) the DOI of the dataset, set :data:`DOI` and regenerate: the
DOI then appears as ``id`` in datapackage.json, as ``doi`` in CITATION.cff and in
every citation. See docs/publishing.md.
"""

from __future__ import annotations

from turaz_data import __version__

ARTICLE = {
    "id": "ozsoy-2023",
    "authors": ["Özsoy, Bahar"],
    "title": "Türkiye-Azerbaycan İlişkilerinin Askerî Boyutu",
    "title_en": "Military Dimension of Türkiye-Azerbaijan Relations from 1918 to 2023",
    "journal": "Güvenlik Stratejileri Dergisi",
    "journal_en": "Journal of Security Strategies",
    "year": 2023,
    "url": "https://dergipark.org.tr/en/pub/guvenlikstrtj/article/1354438",
    #: The article's DOI, where known (not checked yet: None rather than a guess).
    "doi": None,
    "language": "tr",
}

#: The article's own terms, as datapackage.json ``sources`` and the exports describe them.
ARTICLE_TERMS = (
    "The article is not redistributed here: it remains under the terms of its publisher "
    "(see the article's page on DergiPark). The tables quote only short verbatim evidence "
    "tokens (at most 80 characters each) from it, as citations; every other text is the "
    "compilers' own."
)

#: SHA-256 of the normalised article text the shipped tables were verified against
#: (see turaz_data.source.article for the normalisation). None until the verifier has run.
ARTICLE_SHA256: str | None = "b6dc686667edc80bac2154b4eed71cb708243cb501324dd7cb7027b5214592d1"

#: The date of the release of ``__version__`` (ISO 8601). A fixed date, not "today", so
#: that generated files are reproducible; change it with the version.
RELEASE_DATE = "2026-11-24"

#: The DOI of the dataset, e.g. "10.5281/zenodo.1234567". None until Zenodo mints (or
#: reserves) one; the generated files then leave the identifier out.
DOI: str | None = None

#: The data licence (SPDX id). The Python code is MIT-licensed (LICENSE, pyproject.toml).
DATA_LICENSE = {
    "spdx": "CC-BY-4.0",
    "zenodo": "cc-by-4.0",
    "url": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0 International (the compilation: tables and metadata)",
}

#: The people and organisations behind the dataset. A person is written
#: ``{"family": ..., "given": ..., "orcid": "https://orcid.org/...", "affiliation": ...}``,
#: an organisation or group ``{"name": ...}``; ``roles`` are Data Package roles. Those with
#: the role "creator" are the authors in CITATION.cff and the creators on Zenodo.
CONTRIBUTORS: list[dict] = [
    {"name": "turaz_data contributors", "roles": ["creator", "maintainer"]},
]

PACKAGE = {
    "name": "turaz-data",
    "title": "turaz_data: military relations of Türkiye and Azerbaijan, 1918-2023",
    "description": (
        "Citation-checked tables of the events, agreements, arms transfers and figures "
        "on the military relations of Türkiye and Azerbaijan, 1918-2023, extracted from "
        "one article (Özsoy, Güvenlik Stratejileri Dergisi). Every claim row names the "
        "footnote of the article that backs it, how it backs it (sentence, paragraph or "
        "note), and verbatim evidence tokens that a verifier checks against the article. "
        "Descriptions are the compilers' own English words."
    ),
    "version": __version__,
    "year": int(RELEASE_DATE[:4]),
    "created": RELEASE_DATE,
    #: Where the dataset lives. Until it has a repository or DOI landing page of its
    #: own, this is the article's page.
    "homepage": "https://dergipark.org.tr/en/pub/guvenlikstrtj/article/1354438",
    "keywords": [
        "Türkiye", "Azerbaijan", "military relations", "defence cooperation", "arms transfers",
        "Karabakh", "South Caucasus", "security studies",
    ],
    "licenses": [
        {
            "name": DATA_LICENSE["spdx"],
            "path": DATA_LICENSE["url"],
            "title": DATA_LICENSE["title"],
        }
    ],
    "contributors": CONTRIBUTORS,
}


#: How the browsing page (``turaz-data serve``, Datasette) shows a foreign key: by the
#: named column of the table it points to (a footnote number needs no name).
LABEL_COLUMNS = {
    "works": "title",
    "actors": "name_en",
    "events": "description",
    "agreements": "title_en",
    "arms_transfers": "description",
    "quantities": "subject",
}

#: Free-text columns that the browsing page searches (full-text search), where a table has them.
SEARCH_COLUMNS = (
    "description", "title", "title_en", "title_tr", "name_en", "name_tr", "designation", "subject", "summary", "note",
)

# --------------------------------------------------------------------------- helpers


def split_name(name: str) -> tuple[str, str | None]:
    """'Family, Given' -> ('Family', 'Given'); a name without a comma is kept whole."""
    family, sep, given = name.partition(",")
    return (family.strip(), given.strip() or None) if sep else (name.strip(), None)


def contributor_name(c: dict) -> str:
    """A contributor's display name: 'Family, Given' for a person, else the name."""
    if "family" in c:
        return f"{c['family']}, {c['given']}" if c.get("given") else c["family"]
    return c["name"]


def creators() -> list[dict]:
    """The contributors with the role 'creator' (the authors of the dataset)."""
    return [c for c in CONTRIBUTORS if "creator" in c.get("roles", ())]


def doi_url(doi: str | None = None) -> str | None:
    """The dataset's DOI as a resolvable URL, or None."""
    doi = DOI if doi is None else doi
    return f"https://doi.org/{doi}" if doi else None


def dataset_url() -> str:
    """Where to find the dataset: its DOI when there is one, else the homepage."""
    return doi_url() or PACKAGE["homepage"]
