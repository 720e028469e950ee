"""Tables derived from the shipped ones for analysis: the year panel, the dyad-year panel
and a claim row's sources. The exports write them too (:mod:`turaz_data.publish.export`).

Counting rule of the panels (also in :data:`PANEL_RULE`):

- a row counts once, in the year its date begins (``year_lower``: the first year the EDTF
  date can mean, so ``1999/2008`` counts in 1999, ``199X`` in 1990, ``2001~`` in 2001); a
  date with an open start (``../2009``) counts in the year it ends;
- ``active=True`` counts a row instead in every year from its first to its last possible
  year (an open end runs to 2023, an open start from 1918): a stock of what was under way,
  not a flow of what began;
- a row that is part of another row of the same table (a non-empty ``part_of``) is not
  counted, so an aggregate and its parts are never both counted;
- years outside 1918-2023 are dropped; a row without a date (some quantities) is not in
  any panel.
"""

from __future__ import annotations

from turaz_data.tables import vocab

FIRST_YEAR, LAST_YEAR = 1918, 2023

PANEL_RULE = (
    "Each row counts once, in the first year its EDTF date can mean (year_lower; an open start counts "
    "in its last year); with active=True, in every year from its first to its last possible year (an "
    f"open end runs to {LAST_YEAR}). Rows whose part_of is not empty are parts of another row and are not "
    f"counted. Years outside {FIRST_YEAR}-{LAST_YEAR} are dropped."
)

#: The counts of a panel: column -> (table, code column or None, code or None, description).
def _count_columns() -> dict[str, tuple[str, str | None, str | None, str]]:
    cols: dict[str, tuple[str, str | None, str | None, str]] = {
        "events": ("events", None, None, "Events (all categories)."),
    }
    for code, meaning in vocab.EVENT_CATEGORIES.items():
        cols[f"event_{code}"] = ("events", "category", code, f"Events of category {code}: {meaning}")
    cols["agreements"] = ("agreements", None, None, "Agreements (all kinds).")
    for code, meaning in vocab.AGREEMENT_KINDS.items():
        cols[f"agreement_{code}"] = ("agreements", "kind", code, f"Agreements of kind {code}: {meaning}")
    cols["arms_transfers"] = ("arms_transfers", None, None, "Arms transfers (all deal types).")
    for code, meaning in vocab.DEAL_TYPES.items():
        cols[f"transfer_{code}"] = ("arms_transfers", "deal_type", code, f"Arms transfers of deal type {code}: {meaning}")
    return cols


COUNT_COLUMNS = _count_columns()


def panel_fields(dyad: bool = False, directed: bool = False) -> list[dict]:
    """The columns of :func:`panel` as Table Schema fields (name, type, title, description)."""
    head = [{"name": "year", "type": "integer", "title": "Year", "description": "Calendar year."}]
    if dyad:
        first = "(for a transfer: the supplier)" if directed else "(the lower number)"
        second = "(for a transfer: the recipient)" if directed else "(the higher number)"
        head += [
            {"name": "ccode1", "type": "integer", "title": "COW code of state 1",
             "description": f"Correlates of War state number of the first state of the dyad {first}."},
            {"name": "ccode2", "type": "integer", "title": "COW code of state 2",
             "description": f"Correlates of War state number of the second state of the dyad {second}."},
        ]
    return head + [
        {"name": c, "type": "integer", "title": c.replace("_", " ").capitalize(),
         "description": f"{d} {'Rows involving both states. ' if dyad else ''}Counted by the panel rule."}
        for c, (_, _, _, d) in COUNT_COLUMNS.items()
    ]


def _years(row: dict, active: bool) -> range:
    lo, hi = row.get("year_lower"), row.get("year_upper")
    if lo is None and hi is None:
        return range(0)
    if not active:
        y = lo if lo is not None else hi
        return range(y, y + 1)
    return range(lo if lo is not None else FIRST_YEAR, (hi if hi is not None else LAST_YEAR) + 1)


def _dated_rows(package=None) -> dict[str, list[dict]]:
    """The rows of the counted tables, with year bounds, parts of other rows left out."""
    from turaz_data.tables.storage import read_rows, resource, with_bounds

    out = {}
    for table in ("events", "agreements", "arms_transfers"):
        _, rows = with_bounds(resource(table, package), read_rows(table, package))
        out[table] = [r for r in rows if not r.get("part_of")]
    return out


def _state_of(package=None) -> dict[str, int]:
    """actor_id -> COW code: a state's own, a body's, unit's or company's state's."""
    from turaz_data.tables.storage import read_rows

    actors = {a["actor_id"]: a for a in read_rows("actors", package)}
    out = {}
    for aid, a in actors.items():
        seen = set()
        while a.get("cow_code") is None and a.get("country") and a["actor_id"] not in seen:
            seen.add(a["actor_id"])
            a = actors[a["country"]]
        if a.get("cow_code") is not None:
            out[aid] = a["cow_code"]
    return out


def _row_actors(table: str, row: dict) -> list[str]:
    if table == "arms_transfers":
        return [row["supplier"], row["recipient"]]
    return list(row.get("actors") or row.get("parties") or [])


def _dyads(table: str, row: dict, state_of: dict[str, int], directed: bool) -> list[tuple[int, int]]:
    """The pairs of states (COW codes) a row involves: unordered (lower code first), or, when
    ``directed``, both orders, except a transfer, which goes from supplier to recipient."""
    if directed and table == "arms_transfers":
        pair = (state_of.get(row["supplier"]), state_of.get(row["recipient"]))
        return [pair] if None not in pair and pair[0] != pair[1] else []
    states = sorted({state_of[a] for a in _row_actors(table, row) if a in state_of})
    pairs = [(a, b) for i, a in enumerate(states) for b in states[i + 1:]]
    return pairs + [(b, a) for a, b in pairs] if directed else pairs


def panel_rows(dyad: bool = False, active: bool = False, package=None, directed: bool = False) -> list[dict]:
    """The rows of :func:`panel` as dicts (standard library only)."""
    tables = _dated_rows(package)
    years = range(FIRST_YEAR, LAST_YEAR + 1)
    counts: dict[tuple, dict[str, int]] = {}

    def bump(key, table, row):
        c = counts.setdefault(key, dict.fromkeys(COUNT_COLUMNS, 0))
        for col, (t, code_col, code, _) in COUNT_COLUMNS.items():
            if t == table and (code_col is None or row.get(code_col) == code):
                c[col] += 1

    state_of = _state_of(package) if dyad else {}
    for table, rows in tables.items():
        for row in rows:
            ys = [y for y in _years(row, active) if FIRST_YEAR <= y <= LAST_YEAR]
            keys = _dyads(table, row, state_of, directed) if dyad else [()]
            for y in ys:
                for k in keys:
                    bump((y, *k), table, row)
    if dyad:
        dyads = {k[1:] for k in counts}
        dyads = sorted(dyads | ({(b, a) for a, b in dyads} if directed else set()))
        keys = [(y, *d) for d in dyads for y in years]
        names = ("year", "ccode1", "ccode2")
    else:
        keys = [(y,) for y in years]
        names = ("year",)
    zero = dict.fromkeys(COUNT_COLUMNS, 0)
    return [{**dict(zip(names, k, strict=True)), **counts.get(k, zero)} for k in keys]


def panel(dyad: bool = False, active: bool = False, package=None, directed: bool = False):
    """A year panel (or, with ``dyad=True``, a dyad-year panel) of counts, as a DataFrame.

    ``directed`` (with ``dyad``): each pair in both orders, as peacesciencer's
    ``create_dyadyears(directed = TRUE)``; an arms transfer counts only from supplier to
    recipient.
    """
    import pandas as pd

    rows = panel_rows(dyad=dyad, active=active, package=package, directed=directed)
    fields = panel_fields(dyad, directed)
    df = pd.DataFrame(rows, columns=[f["name"] for f in fields]).astype("int64")
    df.attrs.update({
        "title": "Dyad-year panel" if dyad else "Year panel",
        "description": ("Counts per pair of states (COW codes) and year" if dyad else "Counts per year")
        + f", {FIRST_YEAR}-{LAST_YEAR}. {PANEL_RULE}",
        "rule": "active years" if active else "first year",
        "directed": bool(dyad and directed),
        "columns": {f["name"]: f["description"] for f in fields},
    })
    return df


# --------------------------------------------------------------------------- sources


def source_fields() -> list[dict]:
    """The columns of :func:`sources`."""
    return [
        {"name": "table", "type": "string", "description": "The claim table of the row."},
        {"name": "id", "type": "string", "description": "The id of the row."},
        {"name": "footnote", "type": "integer", "description": "The footnote that backs the row."},
        {"name": "support", "type": "string", "description": "Where the footnote backs it: sentence, paragraph or note."},
        {"name": "evidence", "type": "string", "description": "The row's verbatim evidence tokens, joined with '|'."},
        {"name": "footnote_kind", "type": "string", "description": "What the footnote does: reference, repeat or comment."},
        {"name": "footnote_summary", "type": "string", "description": "For a footnote that comments: what it adds."},
        {"name": "work_id", "type": "string", "description": "A work the footnote cites (repeats resolved); its BibTeX key. Empty when the footnote cites none."},
        {"name": "form", "type": "string", "description": "How the footnote cites the work: full, short, ibid or op_cit."},
        {"name": "pages", "type": "string", "description": "The pages the footnote gives for the work (locator)."},
        {"name": "reference", "type": "string", "description": "The work as a formatted (APA-like) reference."},
    ]


def source_rows(table: str | None = None, row_id: str | None = None, package=None) -> list[dict]:
    """The rows of :func:`sources`: one per (claim row, cited work); every claim row when no
    table is given."""
    from turaz_data.publish.citing import work_text
    from turaz_data.tables.models import CLAIM_TABLES
    from turaz_data.tables.storage import LIST_DELIMITER, read_rows

    if table is not None and table not in CLAIM_TABLES:
        raise ValueError(f"{table!r} is not a claim table; use one of: {', '.join(CLAIM_TABLES)}")
    footnotes = {f["footnote"]: f for f in read_rows("footnotes", package)}
    works = {w["work_id"]: w for w in read_rows("works", package)}
    cites: dict[int, list[dict]] = {}
    for c in read_rows("citations", package):
        cites.setdefault(c["footnote"], []).append(c)
    out = []
    for t in [table] if table else CLAIM_TABLES:
        rows = read_rows(t, package)
        if row_id is not None:
            rows = [r for r in rows if r["id"] == row_id]
            if not rows:
                raise KeyError(f"no row with id {row_id!r} in {t}")
        for r in rows:
            fn = footnotes[r["footnote"]]
            base = {"table": t, "id": r["id"], "footnote": r["footnote"], "support": r["support"],
                    "evidence": LIST_DELIMITER.join(r["evidence"]), "footnote_kind": fn["kind"],
                    "footnote_summary": fn.get("summary")}
            cited = cites.get(r["footnote"], [])
            if not cited:
                out.append({**base, "work_id": None, "form": None, "pages": None, "reference": None})
            for c in cited:
                out.append({**base, "work_id": c["work_id"], "form": c["form"], "pages": c.get("locator"),
                            "reference": work_text(works[c["work_id"]])})
    return out


def sources(table: str, row_id: str, package=None):
    """A claim row's footnote, support, evidence and every work the footnote cites, as a DataFrame."""
    import pandas as pd

    fields = source_fields()
    df = pd.DataFrame(source_rows(table, row_id, package), columns=[f["name"] for f in fields])
    df["footnote"] = df["footnote"].astype("int64")
    df.attrs["columns"] = {f["name"]: f["description"] for f in fields}
    return df


# --------------------------------------------------------------------------- documentation


def frame_attrs(name: str, package=None) -> dict:
    """What ``load(name)`` puts in ``DataFrame.attrs``: the table's title, description,
    license, citation, version and columns (name -> description, derived columns too)."""
    from turaz_data.publish.citing import cite
    from turaz_data.tables.storage import bound_fields, descriptor, resource

    res, desc = resource(name, package), descriptor(package)
    columns = {}
    derived = bound_fields(res)
    for f in res["schema"]["fields"]:
        columns[f["name"]] = f.get("description", "")
        columns.update({d["name"]: d["description"] for d in derived.get(f["name"], [])})
    lic = (desc.get("licenses") or [{}])[0]
    return {
        "name": name,
        "title": res.get("title", name),
        "description": res.get("description", ""),
        "license": lic.get("name", ""),
        "citation": cite("text"),
        "version": str(desc.get("version", "")),
        "columns": columns,
    }
