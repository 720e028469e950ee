"""How to cite the dataset and the article it is built from. Standard library only.

Everything here is built from :mod:`turaz_data.publish.metadata`: the citation printed by
``turaz-data cite``, ``CITATION.cff`` (Citation File Format 1.2.0), ``.zenodo.json``
(Zenodo deposit metadata) and the BibTeX and CSL-JSON items of the article that the
``bibtex`` and ``csl-json`` exports add to the works table. So the files can never
disagree with each other or with datapackage.json.
"""

from __future__ import annotations

import json
from html import escape

from turaz_data.publish import metadata
from turaz_data.publish.metadata import ARTICLE, PACKAGE, contributor_name, creators, split_name


def _html(text: str) -> str:
    return escape(text, quote=False)

FORMATS = ("text", "bibtex", "cff", "csl-json", "datacite")

#: Citation keys (BibTeX) and CSL ids of the dataset and the article; kept stable, since
#: documents cite them. (Works use their work_id.)
DATASET_KEY = "turaz_data"
ARTICLE_KEY = "ozsoy2023"
CFF_MESSAGE = (
    "If you use this dataset, please cite it and the article it is built from "
    "(listed under references)."
)

# --------------------------------------------------------------------------- names


def _initials(given: str) -> str:
    parts = given.replace("-", " - ").split()
    return " ".join(p if p == "-" else f"{p[0]}." for p in parts).replace(" - ", "-")


def _apa_name(name: str) -> str:
    family, given = split_name(name)
    return f"{family}, {_initials(given)}" if given else family


def _creator_names() -> list[str]:
    return [contributor_name(c) for c in creators()]


def _cff_person(c: dict) -> dict:
    if "family" in c:
        out = {"family-names": c["family"]}
        if c.get("given"):
            out["given-names"] = c["given"]
        if c.get("affiliation"):
            out["affiliation"] = c["affiliation"]
        if c.get("orcid"):
            out["orcid"] = c["orcid"]
        return out
    return {"name": c["name"]}


def _cff_name(name: str) -> dict:
    family, given = split_name(name)
    return {"family-names": family, "given-names": given} if given else {"name": family}


def _csl_name(name: str) -> dict:
    family, given = split_name(name)
    return {"family": family, "given": given} if given else {"literal": family}


# --------------------------------------------------------------------------- text


def dataset_text() -> str:
    """The dataset in APA-like style."""
    authors = "; ".join(_apa_name(n) for n in _creator_names())
    return (
        f"{authors} ({PACKAGE['year']}). {PACKAGE['title']} (Version {PACKAGE['version']}) "
        f"[Data set]. {metadata.dataset_url()}. Licence {metadata.DATA_LICENSE['spdx']}."
    )


def article_text() -> str:
    """The article in APA-like style."""
    a = ARTICLE
    authors = "; ".join(_apa_name(n) for n in a["authors"])
    link = f"https://doi.org/{a['doi']}" if a.get("doi") else a["url"]
    return (
        f"{authors} ({a['year']}). {a['title']} [{a['title_en']}]. "
        f"{a['journal']} ({a['journal_en']}). {link}"
    )


def work_text(w: dict) -> str:
    """A work of the works table in the APA-like style of :func:`article_text`.

    ``w`` is a row of the works table as :func:`turaz_data.tables.storage.read_rows` gives it.
    """
    authors = "; ".join(_apa_name(n) for n in w.get("authors") or [])
    year = f"({w['year']})" if w.get("year") else "(n.d.)"
    parts = [f"{authors} {year}." if authors else f"{w['title']} {year}."]
    if authors:
        parts.append(f"{w['title']}.")
    if w.get("container"):
        editors = "; ".join(_apa_name(n) for n in w.get("editors") or [])
        where = f"In {editors} (Ed.), " if editors else ""
        vol = w.get("volume") or ""
        if w.get("issue"):
            vol += f"({w['issue']})"
        parts.append(f"{where}{w['container']}" + (f", {vol}." if vol else "."))
    pub = ", ".join(x for x in (w.get("publisher"), w.get("place")) if x)
    if pub:
        parts.append(f"{pub}.")
    if w.get("url"):
        parts.append(w["url"] + (f" (accessed {w['accessed']})" if w.get("accessed") else ""))
    return " ".join(parts)


# --------------------------------------------------------------------------- BibTeX

_BIB_SPECIAL = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#",
                "_": r"\_", "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def bib_escape(text: str) -> str:
    """Text as a BibTeX field value: LaTeX special characters escaped, UTF-8 kept."""
    return "".join(_BIB_SPECIAL.get(ch, ch) for ch in str(text))


def bib_names(names: list[str]) -> str:
    """Names 'Family, Given' joined with ' and '; an institution braced, kept whole."""
    return " and ".join(
        bib_escape(n) if split_name(n)[1] else "{" + bib_escape(n) + "}" for n in names
    )


def bib_entry(kind: str, key: str, fields: list[tuple[str, object]]) -> str:
    """One BibTeX entry. ``fields`` are (name, value) in order; empty values are left out.

    Values are escaped, except ``url`` and ``doi`` (verbatim) and values already given
    as ``("raw", text)`` tuples. Titles are double-braced so styles keep their case.
    """
    lines = [f"@{kind}{{{key},"]
    for name, value in fields:
        if value is None or value == "" or value == [] or value == ("raw", ""):
            continue
        if isinstance(value, tuple) and value[0] == "raw":
            text = value[1]
        elif name in ("url", "doi", "urldate"):
            text = str(value)
        else:
            text = bib_escape(value)
        if name in ("title", "booktitle"):
            text = "{" + text + "}"
        lines.append(f"  {name} = {{{text}}},")
    lines.append("}")
    return "\n".join(lines) + "\n"


def dataset_bibtex() -> str:
    return bib_entry("misc", DATASET_KEY, [
        ("author", ("raw", bib_names(_creator_names()))),
        ("title", PACKAGE["title"]),
        ("year", PACKAGE["year"]),
        ("version", PACKAGE["version"]),
        ("doi", metadata.DOI),
        ("url", metadata.dataset_url()),
        ("howpublished", "Data set"),
        ("note", f"Data set, licence {metadata.DATA_LICENSE['spdx']}. Compiled from "
                 f"{split_name(ARTICLE['authors'][0])[0]} ({ARTICLE['year']})"),
    ])


def article_bibtex() -> str:
    a = ARTICLE
    return bib_entry("article", ARTICLE_KEY, [
        ("author", ("raw", bib_names(a["authors"]))),
        ("title", a["title"]),
        ("journal", a["journal"]),
        ("year", a["year"]),
        ("doi", a.get("doi")),
        ("url", a["url"]),
        ("language", {"tr": "turkish"}.get(a.get("language"), a.get("language"))),
        ("note", f"English title: {a['title_en']}"),
    ])


# --------------------------------------------------------------------------- CSL-JSON


def _csl_date(iso: str) -> dict:
    return {"date-parts": [[int(p) for p in iso.split("-")]]}


def dataset_csl() -> dict:
    out = {
        "id": DATASET_KEY,
        "type": "dataset",
        "title": PACKAGE["title"],
        "author": [_csl_name(n) for n in _creator_names()],
        "version": PACKAGE["version"],
        "issued": _csl_date(PACKAGE["created"]),
        "URL": metadata.dataset_url(),
        "license": metadata.DATA_LICENSE["spdx"],
        "abstract": PACKAGE["description"],
    }
    if metadata.DOI:
        out["DOI"] = metadata.DOI
    return out


def article_csl() -> dict:
    a = ARTICLE
    out = {
        "id": ARTICLE_KEY,
        "type": "article-journal",
        "title": a["title"],
        "author": [_csl_name(n) for n in a["authors"]],
        "container-title": a["journal"],
        "issued": {"date-parts": [[a["year"]]]},
        "URL": a["url"],
        "language": a.get("language"),
        "note": f"English title: {a['title_en']}",
    }
    if a.get("doi"):
        out["DOI"] = a["doi"]
    return {k: v for k, v in out.items() if v is not None}


# --------------------------------------------------------------------------- CFF


def cff() -> dict:
    """CITATION.cff (CFF 1.2.0) as a dict."""
    authors = [_cff_person(c) for c in creators()]
    dataset = {
        "type": "data",
        "title": PACKAGE["title"],
        "authors": authors,
        "version": PACKAGE["version"],
        "year": PACKAGE["year"],
        "date-released": PACKAGE["created"],
        "license": metadata.DATA_LICENSE["spdx"],
        "url": metadata.dataset_url(),
    }
    a = ARTICLE
    article = {
        "type": "article",
        "title": a["title"],
        "authors": [_cff_name(n) for n in a["authors"]],
        "journal": a["journal"],
        "year": a["year"],
        "url": a["url"],
        "languages": [a["language"]] if a.get("language") else None,
        "notes": f"English title: {a['title_en']}. {metadata.ARTICLE_TERMS}",
    }
    if a.get("doi"):
        article["doi"] = a["doi"]
    out = {
        "cff-version": "1.2.0",
        "message": CFF_MESSAGE,
        "type": "dataset",
        "title": PACKAGE["title"],
        "abstract": PACKAGE["description"],
        "authors": authors,
        "version": PACKAGE["version"],
        "date-released": PACKAGE["created"],
        "license": metadata.DATA_LICENSE["spdx"],
        "url": PACKAGE["homepage"],
        "keywords": list(PACKAGE["keywords"]),
        "preferred-citation": dataset,
        "references": [article],
    }
    if metadata.DOI:
        out["doi"] = dataset["doi"] = metadata.DOI
    return _drop_none(out)


def _drop_none(obj):
    if isinstance(obj, dict):
        return {k: _drop_none(v) for k, v in obj.items() if v is not None}
    if isinstance(obj, list):
        return [_drop_none(v) for v in obj]
    return obj


def _yaml_scalar(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    return json.dumps(str(value), ensure_ascii=False)  # a valid YAML double-quoted scalar


def _yaml_lines(obj: dict, indent: int) -> list[str]:
    pad = "  " * indent
    lines = []
    for key, value in obj.items():
        if isinstance(value, dict):
            lines.append(f"{pad}{key}:")
            lines += _yaml_lines(value, indent + 1)
        elif isinstance(value, list):
            if not value:
                lines.append(f"{pad}{key}: []")
                continue
            lines.append(f"{pad}{key}:")
            for item in value:
                if isinstance(item, dict):
                    sub = _yaml_lines(item, indent + 2)
                    lines.append(f"{pad}  - {sub[0].lstrip()}")
                    lines += sub[1:]
                else:
                    lines.append(f"{pad}  - {_yaml_scalar(item)}")
        else:
            lines.append(f"{pad}{key}: {_yaml_scalar(value)}")
    return lines


def to_yaml(obj: dict) -> str:
    """A small, deterministic YAML writer for the plain data of CITATION.cff."""
    return "\n".join(_yaml_lines(obj, 0)) + "\n"


def cff_text() -> str:
    """The text of CITATION.cff."""
    return (
        "# Generated from turaz_data/publish/metadata.py by scripts/generate.py: do not edit.\n"
        + to_yaml(cff())
    )


# --------------------------------------------------------------------------- Zenodo

#: Data Package roles -> Zenodo contributor types (for contributors who are not creators).
ZENODO_ROLES = {
    "maintainer": "ContactPerson",
    "curator": "DataCurator",
    "collector": "DataCollector",
    "editor": "Editor",
    "publisher": "Distributor",
    "funder": "Sponsor",
    "rightsHolder": "RightsHolder",
}


def _zenodo_person(c: dict) -> dict:
    out = {"name": contributor_name(c)}
    if c.get("affiliation"):
        out["affiliation"] = c["affiliation"]
    if c.get("orcid"):
        out["orcid"] = c["orcid"].rsplit("/", 1)[-1]
    return out


def zenodo() -> dict:
    """.zenodo.json: the metadata of a Zenodo deposit (GitHub integration or API upload)."""
    a = ARTICLE
    others = [c for c in metadata.CONTRIBUTORS if "creator" not in c.get("roles", ())]
    description = (
        f"<p>{_html(PACKAGE['description'])}</p>"
        f"<p>Source: {_html(article_text())}</p>"
        f"<p>{_html(metadata.ARTICLE_TERMS)}</p>"
    )
    article_id = (
        {"identifier": a["doi"], "scheme": "doi"} if a.get("doi") else {"identifier": a["url"], "scheme": "url"}
    )
    out = {
        "upload_type": "dataset",
        "title": PACKAGE["title"],
        "description": description,
        "version": PACKAGE["version"],
        "publication_date": PACKAGE["created"],
        "creators": [_zenodo_person(c) for c in creators()],
        "keywords": list(PACKAGE["keywords"]),
        "license": metadata.DATA_LICENSE["zenodo"],
        "access_right": "open",
        "language": "eng",
        "related_identifiers": [
            {**article_id, "relation": "isDerivedFrom", "resource_type": "publication-article"},
        ],
        "references": [article_text()],
    }
    if others:
        out["contributors"] = [
            {**_zenodo_person(c), "type": next((ZENODO_ROLES[r] for r in c.get("roles", ()) if r in ZENODO_ROLES), "Other")}
            for c in others
        ]
    if metadata.ARTICLE_SHA256:
        out["notes"] = f"Tables verified against the article text with SHA-256 {metadata.ARTICLE_SHA256}."
    return out


# --------------------------------------------------------------------------- DataCite

#: The DataCite Metadata Schema version of :func:`datacite`.
DATACITE_SCHEMA = "http://datacite.org/schema/kernel-4"


def _datacite_person(c: dict) -> dict:
    if "family" in c:
        out = {"name": contributor_name(c), "nameType": "Personal", "familyName": c["family"]}
        if c.get("given"):
            out["givenName"] = c["given"]
        if c.get("orcid"):
            out["nameIdentifiers"] = [{"nameIdentifier": c["orcid"], "nameIdentifierScheme": "ORCID",
                                       "schemeUri": "https://orcid.org"}]
        if c.get("affiliation"):
            out["affiliation"] = [{"name": c["affiliation"]}]
        return out
    return {"name": c["name"], "nameType": "Organizational"}


def datacite() -> dict:
    """DataCite Metadata Schema 4.5 in DataCite's JSON form (``turaz-data cite --format datacite``).

    The DOI is given when :data:`metadata.DOI` is set (Zenodo mints it); the article is
    related as the source the dataset "IsDerivedFrom".
    """
    a = ARTICLE
    others = [c for c in metadata.CONTRIBUTORS if "creator" not in c.get("roles", ())]
    out: dict = {}
    if metadata.DOI:
        out["doi"] = metadata.DOI
    out.update({
        "url": metadata.dataset_url(),
        "types": {"resourceTypeGeneral": "Dataset", "resourceType": "Tables (CSV) with a Frictionless data package"},
        "creators": [_datacite_person(c) for c in creators()],
        "titles": [{"title": PACKAGE["title"], "lang": "en"}],
        "publisher": {"name": contributor_name(creators()[0]) if creators() else PACKAGE["name"]},
        "publicationYear": str(PACKAGE["year"]),
        "subjects": [{"subject": k} for k in PACKAGE["keywords"]],
        "dates": [{"date": PACKAGE["created"], "dateType": "Issued"}],
        "language": "en",
        "version": PACKAGE["version"],
        "rightsList": [{
            "rights": metadata.DATA_LICENSE["title"],
            "rightsUri": metadata.DATA_LICENSE["url"],
            "rightsIdentifier": metadata.DATA_LICENSE["spdx"].lower(),
            "rightsIdentifierScheme": "SPDX",
            "schemeUri": "https://spdx.org/licenses/",
        }],
        "descriptions": [{"description": PACKAGE["description"], "descriptionType": "Abstract", "lang": "en"}],
        "relatedIdentifiers": [
            {"relatedIdentifier": a["doi"], "relatedIdentifierType": "DOI", "relationType": "IsDerivedFrom",
             "resourceTypeGeneral": "JournalArticle"} if a.get("doi") else
            {"relatedIdentifier": a["url"], "relatedIdentifierType": "URL", "relationType": "IsDerivedFrom",
             "resourceTypeGeneral": "JournalArticle"},
        ],
        "formats": ["text/csv", "application/json"],
        "schemaVersion": DATACITE_SCHEMA,
    })
    if others:
        out["contributors"] = [{**_datacite_person(c), "contributorType": next(
            (ZENODO_ROLES[r] for r in c.get("roles", ()) if r in ZENODO_ROLES), "Other")} for c in others]
    return out


# --------------------------------------------------------------------------- cite()


def cite(format: str = "text") -> str:
    """The citation of the dataset and of the article.

    ``format``: 'text' (APA-like), 'bibtex', 'cff' (the CITATION.cff text), 'csl-json'
    or 'datacite' (DataCite Metadata Schema 4.5, JSON).
    """
    if format == "text":
        return (
            "Please cite the dataset and the article it is built from:\n\n"
            f"  {dataset_text()}\n\n  {article_text()}\n"
        )
    if format == "bibtex":
        return dataset_bibtex() + "\n" + article_bibtex()
    if format == "cff":
        return cff_text()
    if format == "csl-json":
        return json.dumps([dataset_csl(), article_csl()], ensure_ascii=False, indent=2) + "\n"
    if format == "datacite":
        return json.dumps(datacite(), ensure_ascii=False, indent=2) + "\n"
    raise ValueError(f"unknown citation format {format!r}; use one of: {', '.join(FORMATS)}")
