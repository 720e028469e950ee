"""Generate the descriptors of the tables from the models.

:func:`fields` turns each model into a list of :class:`FieldDesc`, read from the
model's Pydantic JSON Schema (so constraints are written once, on the model).
:func:`datapackage` builds the Frictionless Data Package v2 descriptor from them;
:mod:`turaz_data.schemas` builds the Pandera schemas from the same descriptions.
``scripts/generate.py`` writes the files; tests fail when a committed file drifts.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from . import metadata
from .edtf_bounds import EDTF_TS_PATTERN
from .models import LIST_DELIMITER, TABLES, TABLES_BY_NAME, TableSpec, vocabulary

DP_PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
TS_PROFILE = "https://datapackage.org/profiles/2.0/tableschema.json"
DIALECT_PROFILE = "https://datapackage.org/profiles/2.0/tabledialect.json"


@dataclass(frozen=True)
class FieldDesc:
    """Everything the generators need to know about one column."""

    name: str
    type: str  # integer | number | string | date | list
    description: str
    title: str
    required: bool
    item_type: str | None = None
    enum: tuple[str, ...] | None = None
    minimum: float | None = None
    maximum: float | None = None
    pattern: str | None = None
    max_length: int | None = None
    min_items: int | None = None
    max_items: int | None = None
    fk: str | None = None
    edtf: bool = False
    example: Any = None
    categories: dict[str, str] | None = field(default=None, compare=False)

    @property
    def is_list(self) -> bool:
        return self.type == "list"

    @property
    def is_text(self) -> bool:
        """Free text (not coded, not a slug or URL): the text rules apply."""
        return self.type == "string" and self.enum is None and self.pattern is None and not self.edtf


_JSON_TYPES = {"integer": "integer", "number": "number", "string": "string", "array": "list"}

#: How the words of a column name are written in its title.
_TITLE_WORDS = {"id": "ID", "url": "URL", "iso3": "ISO 3166-1 alpha-3 code", "en": "(English)", "tr": "(Turkish)"}


def field_title(spec: TableSpec, name: str) -> str:
    """A column's title: the model field's ``title`` if it sets one, else its humanised name.

    ``work_id`` -> 'Work ID', ``name_en`` -> 'Name (English)', ``deal_type`` -> 'Deal type'.
    """
    explicit = spec.model.model_fields[name].title
    if explicit:
        return explicit
    words = [_TITLE_WORDS.get(w, w) for w in name.split("_")]
    words[0] = words[0][:1].upper() + words[0][1:]
    return " ".join(words)


def _field(spec: TableSpec, name: str, prop: dict, required: bool) -> FieldDesc:
    variants = prop.get("anyOf")
    if variants:
        prop = {**prop, **next(v for v in variants if v.get("type") != "null")}
    kind = "date" if prop.get("format") == "date" else _JSON_TYPES[prop["type"]]
    items = prop.get("items", {}) if kind == "list" else {}
    src = items if kind == "list" else prop
    enum = src.get("enum")
    return FieldDesc(
        name=name,
        type=kind,
        description=prop["description"],
        title=field_title(spec, name),
        required=required,
        item_type=items.get("type") if kind == "list" else None,
        enum=tuple(enum) if enum else None,
        minimum=prop.get("minimum"),
        maximum=prop.get("maximum"),
        pattern=src.get("pattern"),
        max_length=src.get("maxLength"),
        min_items=prop.get("minItems"),
        max_items=prop.get("maxItems"),
        fk=prop.get("fk"),
        edtf=bool(prop.get("edtf")),
        example=prop.get("example"),
        categories=vocabulary(spec.name, name) if enum else None,
    )


@cache
def fields(table: str) -> tuple[FieldDesc, ...]:
    """The column descriptions of a table, in column order."""
    spec = TABLES_BY_NAME[table]
    schema = spec.model.model_json_schema()
    required = set(schema.get("required", ()))
    return tuple(
        _field(spec, name, prop, name in required and "default" not in prop)
        for name, prop in schema["properties"].items()
    )


def _ts_field(f: FieldDesc) -> dict:
    out: dict[str, Any] = {"name": f.name, "type": f.type, "title": f.title, "description": f.description}
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
    elif f.pattern and not f.is_list:
        c["pattern"] = f.pattern.lstrip("^").rstrip("$")
    if f.max_length is not None and not f.is_list:
        c["maxLength"] = f.max_length
    if f.is_list and f.min_items:
        c["minLength"] = f.min_items
    if f.is_list and f.max_items:
        c["maxLength"] = f.max_items
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


def _cff() -> str:
    from .citing import cff_text

    return cff_text()


def _zenodo() -> str:
    from .citing import zenodo

    return dumps(zenodo())


def _codebook() -> str:
    from .codebook import codebook

    return codebook()


#: Generated files, relative to the repository root, and what makes each.
GENERATED = {
    "datapackage.json": lambda: dumps(datapackage()),
    "CITATION.cff": _cff,
    ".zenodo.json": _zenodo,
    "docs/codebook.md": _codebook,
}
