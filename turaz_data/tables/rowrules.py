"""The rules of the provenance columns of the claim tables (date basis, attribution,
unnamed actors, links between rows), and the rules on ids across tables.

Each rule is defined once as a check on one row (:class:`ClaimRule`); its frame form is
derived from it, and both are registered in the rule catalogue
(:data:`turaz_data.tables.rules.ROW_RULES`), which the models, the Pandera schemas and the
file engine read. Standard library only; the frame form needs pandas when it is called.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from turaz_data.tables import rules as _catalogue

if TYPE_CHECKING:
    import pandas as pd

# --------------------------------------------------------------------------- claim rows
#
# The rules of the provenance columns of the claim tables, each defined once as a check
# on one row (a mapping of column -> value). The Pydantic models run them on a record
# (:class:`turaz_data.tables.models._Claim`), and ``ROW_RULES`` runs them over a frame
# (the Pandera schemas, the contributed-file validator and its fast path).

#: The columns of each claim table that hold actor ids (the roles a row gives actors).
ACTOR_COLUMNS: dict[str, tuple[str, ...]] = {
    "events": ("actors", "targets"),
    "agreements": ("parties", "named"),
    "arms_transfers": ("supplier", "recipient"),
    "quantities": ("actors",),
}

#: EDTF marks of an uncertain or approximate date.
UNCERTAINTY_MARKS = ("~", "?", "%")


def _value(v):
    """A cell's value, or None when empty (None, NaN, pandas NA, '')."""
    if v is None:
        return None
    if isinstance(v, str):
        return v or None
    if isinstance(v, float) and math.isnan(v):
        return None
    if type(v).__name__ in ("NAType", "NaTType"):
        return None
    return v


def _filled(v) -> bool:
    """Whether a cell (a list cell as a tuple) holds something."""
    v = _value(v)
    return v is not None and v != () if isinstance(v, tuple) else v is not None


def _items(v) -> list:
    """A list cell as a list (the fast path hands over the raw 'a|b' text)."""
    v = _value(v)
    if v is None:
        return []
    if isinstance(v, str):
        from turaz_data.tables.storage import LIST_DELIMITER

        return v.split(LIST_DELIMITER)
    return list(v)


@dataclass(frozen=True)
class ClaimRule:
    """One cross-column rule: a stable code, a message, the columns it reads, the check.

    Three hints let the frame version check fewer rows; they change no answer, only the
    time taken. ``only_if``: columns such that the rule holds whenever all of them are
    empty; ``only_when``: (column, value) such that the rule holds unless the column holds
    that value; ``presence``: columns the check reads only as empty or not empty."""

    code: str
    message: str
    columns: tuple[str, ...]
    check: Callable[[Mapping], bool]
    only_if: tuple[str, ...] = ()
    only_when: tuple[str, str] | None = None
    presence: tuple[str, ...] = ()

    def vectorised(self) -> Callable[[pd.DataFrame], pd.Series]:
        """The rule over a frame. Rows repeat a lot (codes, empty cells), so the check runs
        once per distinct combination of the columns it reads."""

        def over(d: pd.DataFrame) -> pd.Series:
            import gc

            # Many small tuples are made below; the cyclic collector would walk them again
            # and again (most of the time taken), so it waits until the rule is done.
            enabled = gc.isenabled()
            gc.disable()
            try:
                return _over(d)
            finally:
                if enabled:
                    gc.enable()

        def _over(d: pd.DataFrame) -> pd.Series:
            import numpy as np
            import pandas as pd

            out = np.ones(len(d), dtype=bool)
            rows = np.arange(len(d))
            if self.only_if and len(d):
                need = np.zeros(len(d), dtype=bool)
                for c in self.only_if:
                    if c in d:
                        k, u = _factorize(d[c])
                        full = np.array([_filled(v) for v in u] + [False], dtype=bool)
                        need |= full[k]  # code -1 (an empty cell) picks the trailing False
                rows = np.flatnonzero(need)
            if self.only_when and len(rows):
                c, v = self.only_when
                if c in d:
                    rows = rows[(d[c].iloc[rows] == v).fillna(False).to_numpy(dtype=bool)]
            if not len(rows):
                return pd.Series(out, index=d.index, dtype=bool)
            sub = d.iloc[rows] if len(rows) < len(d) else d
            # Each column as integer codes of its distinct values (-1: empty cell); a
            # column read only for presence has one value, "non-empty".
            codes, values = [], []
            for c in self.columns:
                k, u = _factorize(sub[c]) if c in sub else (np.full(len(rows), -1), [])
                if c in self.presence:
                    full = np.array([_filled(x) for x in u] + [False], dtype=bool)
                    k, u = np.where(full[k], 0, -1), ["non-empty"]
                codes.append(k)
                values.append(u)
            local = np.arange(len(rows))
            # One integer per distinct combination, folded column by column (kept below n).
            key = np.zeros(len(rows), dtype=np.int64)
            for k, vals in zip(codes, values):
                key, _ = pd.factorize(key * (len(vals) + 1) + (k + 1))
                key = np.asarray(key, dtype=np.int64)
            inverse, combos = pd.factorize(key)
            first = np.empty(len(combos), dtype=np.int64)
            first[inverse[::-1]] = local[::-1]  # the first row of each combination

            def cell(j: int, i: int):
                code = codes[j][i]
                v = values[j][code] if code >= 0 else None
                return list(v) if isinstance(v, tuple) else v

            good = np.fromiter(
                (bool(self.check({c: cell(j, i) for j, c in enumerate(self.columns)})) for i in first),
                dtype=bool, count=len(first))
            out[rows] = good[inverse]
            return pd.Series(out, index=d.index, dtype=bool)

        return over


def _factorize(s: pd.Series):
    """Integer codes of a column's distinct values (-1 for an empty cell) and the values;
    list cells are compared as tuples."""
    import numpy as np
    import pandas as pd

    if s.dtype == object:
        s = pd.Series([tuple(v) if isinstance(v, list) else v for v in s.tolist()], dtype=object)
    k, u = pd.factorize(s, use_na_sentinel=True)
    return np.asarray(k), list(u)


def _date_basis(r) -> bool:
    return (_value(r.get("date")) is None) == (_value(r["date_basis"]) is None)


def _date_from(r) -> bool:
    return (_value(r["date_basis"]) == "context") == (_value(r["date_from"]) is not None)


def _inferred(r) -> bool:
    if _value(r["date_basis"]) != "inferred":
        return True
    date = _value(r.get("date")) or ""
    return any(m in date for m in UNCERTAINTY_MARKS) and _value(r["note"]) is not None


def _no_self(r) -> bool:
    me = _value(r["id"])
    links = [_value(r["date_from"]), _value(r["part_of"]), *_items(r["overlaps"])]
    return me is None or me not in links


def _attribution(r) -> bool:
    return (_value(r["attribution"]) in ("reported", "assessment")) == (_value(r["attributed_to"]) is not None)


def _unnamed(columns: tuple[str, ...]) -> Callable[[Mapping], bool]:
    def check(r) -> bool:
        unnamed = _items(r["unnamed_actors"])
        if not unnamed:
            return True
        named_in_row = {a for c in columns for a in _items(r[c])} if columns else set()
        return set(unnamed) <= named_in_row and _value(r["note"]) is not None

    return check


def _disjoint(a: str, b: str) -> Callable[[Mapping], bool]:
    return lambda r: not (set(_items(r[a])) & set(_items(r[b])))


def _basis_iff(value: str, basis: str) -> Callable[[Mapping], bool]:
    def check(r) -> bool:
        given = _value(r[value]) is not None
        b = _value(r[basis])
        if given != (b is not None):
            return False
        return b != "inferred" or _value(r["note"]) is not None

    return check


def _claim_rules(table: str) -> list[ClaimRule]:
    actor_cols = ACTOR_COLUMNS[table]
    rules = [
        ClaimRule("date_basis_rule", "date_basis is required when date is given and must be empty otherwise",
                ("date", "date_basis"), _date_basis, presence=("date",)),
        ClaimRule("date_from_rule", "date_from is required when date_basis is 'context' and must be empty otherwise",
                ("date_basis", "date_from"), _date_from, presence=("date_from",)),
        ClaimRule("inferred_date_rule", "an inferred date must carry an EDTF uncertainty mark (~, ? or %) and the note "
                "must say how it was inferred", ("date", "date_basis", "note"), _inferred,
                only_when=("date_basis", "inferred"), presence=("note",)),
        ClaimRule("self_reference", "date_from, part_of and overlaps must not name the row itself",
                ("id", "date_from", "part_of", "overlaps"), _no_self, only_if=("date_from", "part_of", "overlaps")),
        ClaimRule("attribution_rule", "attributed_to is required when attribution is 'reported' or 'assessment' and "
                "must be empty when it is 'asserted'", ("attribution", "attributed_to"), _attribution,
                presence=("attributed_to",)),
        ClaimRule("unnamed_actors_rule", "every unnamed_actors item must be one of the row's own actor ids "
                f"({', '.join(actor_cols)}) and the note must explain why the scope does not name it",
                ("unnamed_actors", "note", *actor_cols), _unnamed(actor_cols), only_if=("unnamed_actors",),
                presence=("note",)),
    ]
    if table == "events":
        rules.append(ClaimRule("actors_targets_disjoint", "an actor is either a participant (actors) or a target "
                             "(targets), not both", ("actors", "targets"), _disjoint("actors", "targets")))
    if table == "agreements":
        rules.append(ClaimRule("parties_named_disjoint", "a signatory belongs in parties only; named holds other bodies",
                             ("parties", "named"), _disjoint("parties", "named")))
    if table == "arms_transfers":
        rules.append(ClaimRule("number_basis_rule", "number_basis is required when number is given and must be empty "
                             "otherwise; an inferred number needs a note", ("number", "number_basis", "note"),
                             _basis_iff("number", "number_basis"), presence=("number", "note")))
    if table == "quantities":
        rules.append(ClaimRule("value_basis_rule", "an inferred value needs a note saying how it was inferred",
                             ("value", "value_basis", "note"), _basis_iff("value", "value_basis"),
                             presence=("value", "note")))
    return rules


#: The cross-column rules of each claim table, as checks on one row.
CLAIM_RULES: dict[str, list[ClaimRule]] = {t: _claim_rules(t) for t in ACTOR_COLUMNS}

for _table, _rules in CLAIM_RULES.items():
    for _r in _rules:  # into the rule catalogue: the models, schemas and file engine read them there
        _entry = _catalogue.RowRule(_r.code, "row", _r.message, _catalogue._ROW_FIX, table=_table, columns=_r.columns,
                                    row=_r.check, frame=_r.vectorised())
        _catalogue.RULES.setdefault(_r.code, _entry)  # one code for the rule in every claim table
        _catalogue.ROW_RULES.setdefault(_table, []).append(_entry)


# --------------------------------------------------------------------------- across tables


def taken_ids(table: str, keys: Mapping[str, Iterable[str]]) -> dict[str, str]:
    """Ids a new row of ``table`` may not use, with why: claim ids are unique across the four
    claim tables, and a withdrawn id (retractions) is never used again. ``keys`` maps table
    names to their ids (claim tables and retractions)."""
    out: dict[str, str] = {}
    if table in ACTOR_COLUMNS:
        for other in (*ACTOR_COLUMNS, "retractions"):
            if other == table:
                continue
            why = ("withdrawn (listed in retractions): a withdrawn id is never used again" if other == "retractions"
                   else f"already the id of a row of the {other} table: ids are unique across the claim tables")
            out.update(dict.fromkeys(keys.get(other, ()), why))
    elif table == "retractions":
        for other in ACTOR_COLUMNS:
            out.update(dict.fromkeys(keys.get(other, ()),
                                     f"still the id of a row of the {other} table: remove the row before listing it"))
    return out


def cross_table_problems(keys: Mapping[str, Iterable[str]]) -> list[tuple[str, str, str]]:
    """(table, id, why) for every id that breaks :func:`taken_ids` in a whole package."""
    out = []
    for table in (*ACTOR_COLUMNS, "retractions"):
        taken = taken_ids(table, keys)
        out += [(table, k, taken[k]) for k in keys.get(table, ()) if k in taken]
    return sorted(set(out))


#: A new row's id that another claim table or retractions holds (checked by the file engine).
ID_TAKEN = _catalogue._rule("id_taken", "table", "{column} {key} is {why}", "choose a new id")
