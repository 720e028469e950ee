"""The Frictionless Data Package v2 descriptor (datapackage.json), built from the table models."""

from __future__ import annotations

import json
import re
from typing import Any

from turaz_data.tables.edtf import EDTF_TS_PATTERN
from turaz_data.tables.fields import FieldDesc, fields
from turaz_data.tables.models import LIST_DELIMITER, TABLES, TableSpec

from . import metadata

DP_PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
TS_PROFILE = "https://datapackage.org/profiles/2.0/tableschema.json"
DIALECT_PROFILE = "https://datapackage.org/profiles/2.0/tabledialect.json"


def _item_pattern(f: FieldDesc) -> str:
    """A regular expression for one item of a list field, from its model constraints."""
    if f.enum:
        return "(" + "|".join(re.escape(v) for v in f.enum) + ")"
    d = re.escape(LIST_DELIMITER)
    if f.pattern:
        body = f.pattern.lstrip("^").rstrip("$")
        if f.max_length:  # the length of the item, checked ahead of its pattern
            return f"((?=[^{d}]{{1,{f.max_length}}}({d}|$)){body})"
        return f"({body})"
    if f.item_type == "integer":
        return "(-?[0-9]+)"
    return f"([^{d}]{{1,{f.max_length}}})" if f.max_length else f"([^{d}]+)"


def list_pattern(f: FieldDesc) -> str:
    """The Table Schema ``pattern`` of a whole list cell: its items, delimiter and item count."""
    item = _item_pattern(f)
    lo = max((f.min_items or 1) - 1, 0)
    hi = "" if f.max_items is None else str(f.max_items - 1)
    return f"{item}({re.escape(LIST_DELIMITER)}{item}){{{lo},{hi}}}"


def _ts_field(f: FieldDesc) -> dict:
    # A list field is declared as a string with the Data Package v2 list properties
    # ``delimiter`` and ``itemType`` beside it: frictionless-py checks the whole cell
    # against a generated pattern (items, delimiter, item count), readers without the
    # v2 ``list`` type (frictionless R 1.2.1, the npm reader) read it as text, and
    # turaz_data's own loaders split it (storage.list_delimiter).
    out: dict[str, Any] = {"name": f.name, "type": "string" if f.is_list else f.type,
                           "title": f.title, "description": f.description}
    if f.is_list:
        out["delimiter"] = LIST_DELIMITER
        out["itemType"] = f.item_type
    if f.example is not None:
        out["example"] = LIST_DELIMITER.join(map(str, f.example)) if f.is_list else f.example
    c: dict[str, Any] = {}
    if f.required:
        c["required"] = True
    if f.enum and not f.is_list:
        c["enum"] = list(f.enum)
    if f.minimum is not None:
        c["minimum"] = f.minimum
    if f.maximum is not None:
        c["maximum"] = f.maximum
    if f.edtf:
        c["pattern"] = EDTF_TS_PATTERN
    elif f.is_list:
        c["pattern"] = list_pattern(f)
    elif f.pattern:
        c["pattern"] = f.pattern.lstrip("^").rstrip("$")
    if f.max_length is not None and not f.is_list:
        c["maxLength"] = f.max_length
    if c:
        out["constraints"] = c
    if f.categories and not f.is_list:
        out["categories"] = [{"value": k, "label": v} for k, v in f.categories.items()]
    return out


def table_schema(spec: TableSpec) -> dict:
    fs = fields(spec.name)
    fks = []
    for f in fs:
        if f.fk and not f.is_list:
            res, col = f.fk.split(".")
            ref = {"fields": [col]} if res == spec.name else {"resource": res, "fields": [col]}
            fks.append({"fields": [f.name], "reference": ref})
    out: dict[str, Any] = {
        "$schema": TS_PROFILE,
        "fields": [_ts_field(f) for f in fs],
        "missingValues": [""],
        "primaryKey": list(spec.primary_key),
    }
    if fks:
        out["foreignKeys"] = fks
    return out


def resource(spec: TableSpec) -> dict:
    return {
        "name": spec.name,
        # Data Package v1's profile, which v2 readers accept and frictionless R 1.2.1
        # requires before it reads a table (get_schema: 'must have a profile property').
        "profile": "tabular-data-resource",
        "type": "table",
        "path": spec.path,
        "scheme": "file",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "title": spec.title,
        "description": spec.description
        + (" Claim table: every row names a footnote, its support and evidence tokens." if spec.claim else ""),
        "dialect": {"$schema": DIALECT_PROFILE, "header": True, "delimiter": ",", "lineTerminator": "\n"},
        "schema": table_schema(spec),
    }


def contributor(c: dict) -> dict:
    """A contributor of :data:`metadata.CONTRIBUTORS` in Data Package v2 form."""
    out: dict[str, Any] = {"title": metadata.contributor_name(c)}
    if "family" in c:
        out["familyName"] = c["family"]
        if c.get("given"):
            out["givenName"] = c["given"]
    if c.get("orcid"):
        out["path"] = c["orcid"]
    if c.get("affiliation"):
        out["organization"] = c["affiliation"]
    out["roles"] = list(c.get("roles", ["contributor"]))
    return out


def source() -> dict:
    """The article, as a Data Package ``sources`` entry."""
    art = metadata.ARTICLE
    out: dict[str, Any] = {
        "title": f"{'; '.join(art['authors'])} ({art['year']}). {art['title']} "
        f"[{art['title_en']}]. {art['journal']} ({art['journal_en']}).",
        "path": art["url"],
        "authors": list(art["authors"]),
        "journal": art["journal"],
        "year": art["year"],
    }
    if art.get("doi"):
        out["doi"] = art["doi"]
    if metadata.ARTICLE_SHA256:
        out["sha256"] = metadata.ARTICLE_SHA256
    out["terms"] = metadata.ARTICLE_TERMS
    return out


def datapackage() -> dict:
    """The Data Package v2 descriptor, generated from the models and metadata."""
    pkg = metadata.PACKAGE
    out: dict[str, Any] = {"$schema": DP_PROFILE}
    if metadata.DOI:
        out["id"] = metadata.doi_url()
    out.update({
        "name": pkg["name"],
        "title": pkg["title"],
        "description": pkg["description"],
        "version": pkg["version"],
        "created": f"{pkg['created']}T00:00:00Z",
        "homepage": pkg["homepage"],
        "keywords": pkg["keywords"],
        "licenses": pkg["licenses"],
        "contributors": [contributor(c) for c in pkg["contributors"]],
        "sources": [source()],
        "resources": [resource(t) for t in TABLES],
    })
    return out


def dumps(obj: Any) -> str:
    """Deterministic JSON text: 2-space indent, UTF-8 characters kept, final newline."""
    return json.dumps(obj, ensure_ascii=False, indent=2) + "\n"
