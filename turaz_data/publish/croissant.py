"""Croissant 1.1 metadata (croissant.json): the dataset as Hugging Face, Kaggle, OpenML and
Google Dataset Search read it. Standard library only.

Built from datapackage.json (itself generated from the table models) and
:mod:`turaz_data.publish.metadata`: schema.org Dataset properties (name, description,
licence, creators, version, dates, keywords, the article as ``isBasedOn``, ``citeAs``),
one ``cr:FileObject`` per CSV file with its SHA-256, and one ``cr:RecordSet`` per table
with a typed ``cr:Field`` per column, its primary key and its foreign keys
(``references``). The SHA-256 of each CSV file is computed when the file is generated,
so changing a table makes ``croissant.json`` drift until it is regenerated
(``python scripts/generate.py``).
"""

from __future__ import annotations

import hashlib

from turaz_data.publish import metadata

CONFORMS_TO = "http://mlcommons.org/croissant/1.1"

#: The JSON-LD context of Croissant 1.1 (as mlcroissant writes it).
CONTEXT = {
    "@language": "en",
    "@vocab": "https://schema.org/",
    "arrayShape": "cr:arrayShape",
    "citeAs": "cr:citeAs",
    "column": "cr:column",
    "conformsTo": "dct:conformsTo",
    "containedIn": "cr:containedIn",
    "cr": "http://mlcommons.org/croissant/",
    "rai": "http://mlcommons.org/croissant/RAI/",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "dct": "http://purl.org/dc/terms/",
    "description": {"@container": "@language"},
    "equivalentProperty": "cr:equivalentProperty",
    "examples": {"@id": "cr:examples", "@type": "@json"},
    "extract": "cr:extract",
    "field": "cr:field",
    "fileProperty": "cr:fileProperty",
    "fileObject": "cr:fileObject",
    "fileSet": "cr:fileSet",
    "format": "cr:format",
    "includes": "cr:includes",
    "isArray": "cr:isArray",
    "isLiveDataset": "cr:isLiveDataset",
    "jsonPath": "cr:jsonPath",
    "key": "cr:key",
    "md5": "cr:md5",
    "name": {"@container": "@language"},
    "parentField": "cr:parentField",
    "path": "cr:path",
    "recordSet": "cr:recordSet",
    "references": "cr:references",
    "regex": "cr:regex",
    "repeated": "cr:repeated",
    "replace": "cr:replace",
    "samplingRate": "cr:samplingRate",
    "sc": "https://schema.org/",
    "separator": "cr:separator",
    "source": "cr:source",
    "subField": "cr:subField",
    "transform": "cr:transform",
}

#: Table Schema types -> schema.org data types. EDTF date columns are text (an EDTF
#: date such as ``199X`` or ``2014/..`` is not an ISO date).
DATA_TYPES = {"integer": "sc:Integer", "number": "sc:Float", "string": "sc:Text", "date": "sc:Date"}


def _person(c: dict) -> dict:
    if "family" in c:
        out = {"@type": "sc:Person", "name": metadata.contributor_name(c), "familyName": c["family"]}
        if c.get("given"):
            out["givenName"] = c["given"]
        if c.get("orcid"):
            out["sameAs"] = c["orcid"]
        if c.get("affiliation"):
            out["affiliation"] = {"@type": "sc:Organization", "name": c["affiliation"]}
        return out
    return {"@type": "sc:Organization", "name": c["name"]}


def _field(table: str, f: dict, fk: dict[str, str]) -> dict:
    out = {
        "@type": "cr:Field",
        "@id": f"{table}/{f['name']}",
        "name": f["name"],
        "description": f"{f.get('title', f['name'])}: {f.get('description', '')}".strip(),
    }
    is_list = f["type"] == "list" or bool(f.get("delimiter"))  # v2 list, or a string with a delimiter
    if is_list:
        out["dataType"] = DATA_TYPES.get(f.get("itemType", "string"), "sc:Text")
        out["isArray"] = True
        out["arrayShape"] = "-1"
        out["description"] += f" A list: items separated by '{f.get('delimiter', '|')}' in the CSV cell."
    else:
        out["dataType"] = "sc:Text" if "pattern" in f.get("constraints", {}) and f["type"] == "string" \
            else DATA_TYPES[f["type"]]
    extract: dict = {"column": f["name"]}
    source: dict = {"fileObject": {"@id": f"{table}-csv"}, "extract": extract}
    if is_list:
        source["transform"] = {"separator": f.get("delimiter", "|")}
    out["source"] = source
    if f["name"] in fk:
        out["references"] = {"field": {"@id": fk[f["name"]]}}
    return out


def _foreign_keys(res: dict) -> dict[str, str]:
    """Single-column foreign keys to other tables. A reference within the table (actors.country)
    is left out: Croissant readers (mlcroissant) cannot order a record set that depends on itself."""
    out = {}
    for fk in res["schema"].get("foreignKeys", []):
        ref = fk["reference"]
        target = ref.get("resource") or res["name"]
        if len(fk["fields"]) == 1 and target != res["name"]:
            out[fk["fields"][0]] = f"{target}/{ref['fields'][0]}"
    return out


def croissant(package=None) -> dict:
    """croissant.json as a dict, for the tables of ``package`` (default: the shipped ones)."""
    from turaz_data.publish.citing import article_text, dataset_bibtex
    from turaz_data.tables.storage import descriptor, table_path

    desc = descriptor(package)
    pkg = metadata.PACKAGE
    art = metadata.ARTICLE
    files, record_sets = [], []
    for res in desc["resources"]:
        data = table_path(res["name"], package).read_bytes()
        files.append({
            "@type": "cr:FileObject",
            "@id": f"{res['name']}-csv",
            "name": f"{res['name']}-csv",
            "description": f"{res.get('title', res['name'])} (CSV, UTF-8, header row).",
            "contentUrl": res["path"],
            "encodingFormat": "text/csv",
            "contentSize": f"{len(data)} B",
            "sha256": hashlib.sha256(data).hexdigest(),
        })
        fk = _foreign_keys(res)
        rs = {
            "@type": "cr:RecordSet",
            "@id": res["name"],
            "name": res["name"],
            "description": res.get("description", ""),
            "field": [_field(res["name"], f, fk) for f in res["schema"]["fields"]],
        }
        pk = res["schema"].get("primaryKey", [])
        if pk:
            keys = [{"@id": f"{res['name']}/{k}"} for k in pk]
            rs["key"] = keys[0] if len(keys) == 1 else keys
        record_sets.append(rs)
    out = {
        "@context": CONTEXT,
        "@type": "sc:Dataset",
        "conformsTo": CONFORMS_TO,
        "name": pkg["title"],
        "alternateName": pkg["name"],
        "description": pkg["description"],
        "version": pkg["version"],
        "datePublished": pkg["created"],
        "license": metadata.DATA_LICENSE["url"],
        "url": metadata.dataset_url(),
        "creator": [_person(c) for c in metadata.creators()],
        "keywords": list(pkg["keywords"]),
        "inLanguage": "en",
        "isAccessibleForFree": True,
        "citeAs": dataset_bibtex(),
        "isBasedOn": {
            "@type": "sc:ScholarlyArticle",
            "name": f"{art['title']} [{art['title_en']}]",
            "author": [{"@type": "sc:Person", "name": n} for n in art["authors"]],
            "isPartOf": {"@type": "sc:Periodical", "name": art["journal"]},
            "datePublished": str(art["year"]),
            "inLanguage": art.get("language", "tr"),
            "url": f"https://doi.org/{art['doi']}" if art.get("doi") else art["url"],
            "description": f"{article_text()} {metadata.ARTICLE_TERMS}",
        },
        "distribution": files,
        "recordSet": record_sets,
    }
    if metadata.DOI:
        out["identifier"] = metadata.doi_url()
        out["sameAs"] = metadata.doi_url()
    return out


__all__ = ["CONFORMS_TO", "croissant"]
