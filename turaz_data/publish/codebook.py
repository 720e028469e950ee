"""The codebook (docs/codebook.md), generated from the table models.

Every table, every field with its title, type, whether it is required, its
constraints, foreign key, example and, for coded fields, every code with its
meaning. Written by ``scripts/generate.py``; a test fails when the committed file
differs from what the models say.
"""

from __future__ import annotations

import json

from turaz_data.publish import metadata
from turaz_data.tables.edtf import EDTF_PATTERN, PERIOD
from turaz_data.tables.fields import FieldDesc, fields
from turaz_data.tables.models import FORMULA_START, TABLES, TableSpec
from turaz_data.tables.storage import LIST_DELIMITER


def _md(text: str) -> str:
    """Text for a Markdown table cell."""
    return str(text).replace("|", "\\|").replace("\n", " ")


def _code(text: str) -> str:
    ticks = "``" if "`" in text else "`"
    pad = " " if "`" in text else ""
    return f"{ticks}{pad}{text}{pad}{ticks}"


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def _type(f: FieldDesc) -> str:
    if f.is_list:
        return f"list of {f.item_type} (cells joined by `{LIST_DELIMITER}`)"
    if f.edtf:
        return "string (EDTF date)"
    if f.type == "date":
        return "date (ISO 8601, YYYY-MM-DD)"
    return f.type


def _constraints(f: FieldDesc) -> list[str]:
    out = []
    if f.minimum is not None and f.maximum is not None:
        out.append(f"between {_num(f.minimum)} and {_num(f.maximum)}")
    elif f.minimum is not None:
        out.append(f"at least {_num(f.minimum)}")
    elif f.maximum is not None:
        out.append(f"at most {_num(f.maximum)}")
    if f.min_items and f.max_items:
        out.append(f"{f.min_items} to {f.max_items} items")
    elif f.min_items:
        out.append(f"at least {f.min_items} item{'s' if f.min_items > 1 else ''}")
    elif f.max_items:
        out.append(f"at most {f.max_items} items")
    if f.enum:
        out.append(("each item " if f.is_list else "") + "one of the codes below")
    if f.edtf:
        out.append(
            "an EDTF (level 0-1) date or interval such as 1992-08-11, 1992-08, 1992, "
            f"1999/2008 or 2001~; pattern {_code(EDTF_PATTERN)}"
        )
        out.append(
            f"period: a date whose earliest day is after {PERIOD[1]} is refused (rule date_after_period: the "
            f"article, published in {PERIOD[1]}, cannot back it); a date wholly before {PERIOD[0]} is allowed, "
            "for background the article gives"
        )
    elif f.pattern:
        out.append(("each item " if f.is_list else "") + f"matches {_code(f.pattern)}")
    if f.max_length is not None:
        out.append(("each item " if f.is_list else "") + f"at most {f.max_length} characters")
    if f.is_text or (f.is_list and f.item_type == "string" and not f.enum and not f.pattern):
        starts = ", ".join(FORMULA_START)
        out.append(
            "text rules: not empty, no white space at either end, no line breaks, control "
            "characters, bidirectional controls or line/paragraph separators, Unicode NFC, "
            f"does not start with {starts}"
        )
    return out


def _example(f: FieldDesc) -> str:
    if f.example is None:
        return "-"
    if f.is_list:
        return _code(LIST_DELIMITER.join(map(str, f.example)))
    if isinstance(f.example, float):
        return _code(_num(f.example))
    return _code(str(f.example))


def _fk(spec: TableSpec, f: FieldDesc) -> str | None:
    if not f.fk:
        return None
    res, col = f.fk.split(".")
    each = "each item is " if f.is_list else ""
    return f"{each}a `{col}` of [{res}](#{res})" + (" (this table)" if res == spec.name else "")


def _table(spec: TableSpec) -> list[str]:
    fs = fields(spec.name)
    out = [
        f"## {spec.name}",
        "",
        f"**{spec.title}.** {spec.description}",
        "",
        f"- File: `{spec.path}` ({len(fs)} columns)",
        f"- Primary key: {', '.join(f'`{k}`' for k in spec.primary_key)}",
    ]
    if spec.claim:
        out.append("- Claim table: every row names a footnote, its support and 1-4 verbatim evidence tokens.")
    out += ["", "| # | Field | Title | Type | Required | Example |", "|---|---|---|---|---|---|"]
    for i, f in enumerate(fs, 1):
        out.append(
            f"| {i} | [`{f.name}`](#{spec.name}-{f.name.replace('_', '-')}) | {_md(f.title)} | "
            f"{_md(_type(f))} | {'yes' if f.required else 'no'} | {_md(_example(f))} |"
        )
    out.append("")
    from turaz_data.tables.rules import ROW_RULES

    if ROW_RULES.get(spec.name):
        out += ["Rules across columns (rule code: what it requires):", ""]
        out += [f"- `{r.code}`: {_md(r.message)}" for r in ROW_RULES[spec.name]]
        out.append("")
    for f in fs:
        out += [f'<a id="{spec.name}-{f.name.replace("_", "-")}"></a>', "", f"### {spec.name}.{f.name}: {f.title}", ""]
        out.append(f.description)
        out.append("")
        out.append(f"- Type: {_type(f)}")
        out.append(f"- Required: {'yes' if f.required else 'no, may be empty'}")
        for c in _constraints(f):
            out.append(f"- Constraint: {c}")
        fk = _fk(spec, f)
        if fk:
            out.append(f"- References: {fk}")
        if f.example is not None:
            shown = json.dumps(f.example, ensure_ascii=False) if f.is_list else _example(f)
            out.append(f"- Example: {_code(shown) if f.is_list else shown}")
        out.append("")
        if f.categories:
            out += ["| Code | Meaning |", "|---|---|"]
            out += [f"| `{code}` | {_md(meaning)} |" for code, meaning in f.categories.items()]
            out.append("")
    return out


def _panels() -> list[str]:
    from turaz_data.publish.views import FIRST_YEAR, LAST_YEAR, PANEL_RULE, panel_fields

    out = [
        "## Panels",
        "",
        f"`turaz_data.panel()` gives one row per year, {FIRST_YEAR}-{LAST_YEAR}; `turaz_data.panel(dyad=True)` one "
        "row per pair of states and year (COW codes `ccode1` < `ccode2`, for every pair that some row involves, in "
        "the style of peacesciencer's `create_dyadyears()`; bodies, units and companies count for their state, "
        "organisations and actors without a COW code for none; `directed=True` gives each pair in both orders "
        "and counts a transfer from supplier to recipient only). The sqlite, parquet, xlsx and dta exports hold "
        "the first-year, non-directed forms as `panel` and `dyad_panel`.",
        "",
        f"**Counting rule.** {PANEL_RULE}",
        "",
        "| Column | Type | Description |",
        "|---|---|---|",
    ]
    out += [f"| `{f['name']}` | {f['type']} | {_md(f['description'])} |" for f in panel_fields(dyad=True)]
    out.append("")
    return out


def table_section(name: str) -> str:
    """The codebook section of one table, as Markdown (what ``turaz_data.describe`` prints)."""
    from turaz_data.tables.models import TABLES_BY_NAME

    lines = _table(TABLES_BY_NAME[name])
    while lines and lines[-1] == "":
        lines.pop()
    return "\n".join(lines)


def codebook() -> str:
    """The text of docs/codebook.md."""
    pkg, art = metadata.PACKAGE, metadata.ARTICLE
    out = [
        "<!-- Generated from turaz_data/tables/models.py and turaz_data/tables/vocab.py by scripts/generate.py: do not edit. -->",
        "",
        "# Codebook",
        "",
        f"{pkg['title']}, version {pkg['version']}.",
        "",
        pkg["description"],
        "",
        f"Source: {', '.join(art['authors'])} ({art['year']}). {art['title']} [{art['title_en']}]. "
        f"{art['journal']}. <{art['url']}>",
        "",
        f"Licence of the tables: {metadata.DATA_LICENSE['spdx']} (<{metadata.DATA_LICENSE['url']}>).",
        "",
        "## Conventions",
        "",
        "- Files are CSV, UTF-8, comma-separated, with a header row and `\\n` line ends; "
        "rows are sorted by primary key.",
        "- An empty cell means no value. A list cell joins its items with "
        f"`{LIST_DELIMITER}`; an empty list is an empty cell.",
        "- Access dates are ISO 8601 dates. Event, agreement and transfer dates are EDTF "
        "(Extended Date/Time Format, ISO 8601-2) level 0-1: `1992-08-11`, `1992-08`, "
        "`1992`, intervals `1999/2008`, approximate `2001~`, uncertain `2001?`. "
        "`turaz_data.load()` and the sqlite, parquet, xlsx and dta exports add `date_lower` "
        "and `date_upper`, the earliest and latest day a date can mean, and `year_lower` and "
        "`year_upper`, their years; the CSV files keep EDTF only.",
        "- In R, `frictionless::read_package()` reads coded columns as factors, ISO dates as "
        "`Date`, integers as doubles (frictionless R's choice), and list columns as text: split "
        "them with `strsplit(x, \"|\", fixed = TRUE)`.",
        "- Descriptions and English titles are the compilers' own words; evidence tokens "
        "are verbatim from the article.",
        "",
        "## Tables",
        "",
        "| Table | Title | Primary key | Description |",
        "|---|---|---|---|",
    ]
    for t in TABLES:
        out.append(f"| [{t.name}](#{t.name}) | {_md(t.title)} | {', '.join(t.primary_key)} | {_md(t.description)} |")
    out.append("")
    for t in TABLES:
        out += _table(t)
    out += _panels()
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n"


def describe_text(name: str) -> str:
    """The codebook section of a table (as in docs/codebook.md), and the columns load() adds."""
    from turaz_data.tables.storage import bound_fields, resource

    res = resource(name)
    text = table_section(name)
    derived = [d for ds in bound_fields(res).values() for d in ds]
    if derived:
        text += "\n\nColumns that load() and the sqlite, parquet, xlsx and dta exports add:\n\n"
        text += "\n".join(f"- `{d['name']}` ({d['type']}): {d['description']}" for d in derived)
    return text + "\n"
