"""How ``load()`` and ``records()`` judge a table of a package: with the file engine.

A table file of a package is checked by the same engine as a contributed file
(:func:`turaz_data.contrib.engine.validate_file`, its keys being the rows themselves:
``replace=True``), so a broken cell, an unknown foreign key or a broken row rule gives
the same rule code, row and column through ``turaz-data validate``, ``load()`` and
``records()``. Problems are raised as one :class:`~turaz_data.errors.TurazValidationError`.

The verdict is remembered per file (path, size, modification time) for the life of the
process, so a second ``load()`` of an unchanged table costs nothing. The tables of an
installed wheel are checked when the wheel is built (tests/test_wheel.py) and are not
checked again.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

_VERDICTS: dict[tuple, list] = {}



def _installed(path: Path) -> bool:
    """Whether ``path`` is a table shipped inside an installed wheel (turaz_data/_data)."""
    return path.parent.parent.name == "_data" and (path.parent.parent.parent / "__init__.py").is_file()


def problems(name: str, package=None) -> list:
    """Every problem of table ``name`` of ``package`` (the installed tables by default)."""
    from turaz_data.tables.storage import table_path

    path = Path(str(table_path(name, package)))
    if package is None and _installed(path):
        return []
    deps = _dependencies(name, package)
    stamp = tuple((str(p), st.st_size, st.st_mtime_ns) for p in [path, *deps] for st in [os.stat(p)])
    if stamp not in _VERDICTS:
        from turaz_data.contrib.engine import validate_file

        report = validate_file(path, name, package=package, replace=True)
        _VERDICTS[stamp] = [dataclasses.replace(p, table=name, file=str(path)) for p in package_problems(report)]
    return _VERDICTS[stamp]


def package_problems(report) -> list:
    """The problems of a table of a package, from the engine's report on its file.

    Text not in NFC is a notice in a contributed file (add writes it normalised); a table of
    a package is used as it is, so there it is a problem, as the models say, and (as in the
    models) the row rules are not judged on its row."""
    from turaz_data.tables.rules import ROW_RULES, TEXT_NFC

    if report.fatal:
        return [report.fatal]
    nfc = [dataclasses.replace(p, message=TEXT_NFC.message, hint=TEXT_NFC.fix) for p in report.notices]
    row_codes = {r.code for r in ROW_RULES.get(report.table, [])}
    nfc_rows = {p.row for p in nfc}
    found = [p for p in report.problems if not (p.rule in row_codes and p.row in nfc_rows)] + nfc
    return sorted(found, key=lambda p: (p.line or 0, p.column or "", p.rule))


def _dependencies(name: str, package) -> list[Path]:
    """The files of the tables ``name`` refers to (their keys are part of the verdict)."""
    from turaz_data.tables.fields import fields
    from turaz_data.tables.storage import table_path

    refs = sorted({f.fk.split(".")[0] for f in fields(name) if f.fk} - {name})
    return [Path(str(table_path(r, package))) for r in refs]


def check(name: str, package=None) -> None:
    """Raise :class:`~turaz_data.errors.TurazValidationError` when table ``name`` has a problem."""
    from turaz_data.errors import TurazValidationError

    found = problems(name, package)
    if found:
        raise TurazValidationError(name, found)


def model_problems(name: str, rows: list[dict]) -> tuple[list, list]:
    """The rows as model instances, and the problems Pydantic finds (as catalogue codes).

    Used by ``records()`` after :func:`check`: the engine and the models take their
    rules from one catalogue, so this list is empty unless they drift apart (the
    differential tests look for that)."""
    from pydantic import ValidationError

    from turaz_data.errors import Problem
    from turaz_data.tables import rules
    from turaz_data.tables.models import TABLES_BY_NAME

    model = TABLES_BY_NAME[name].model
    out, found = [], []
    for i, r in enumerate(rows, start=1):
        try:
            out.append(model.model_validate(r))
        except ValidationError as e:
            for err in e.errors():
                loc = err.get("loc") or ()
                column = str(loc[0]) if loc else None
                code = rules.PYDANTIC_CODES.get(err["type"], err["type"])
                if err.get("input") is None and len(loc) == 1:
                    code = "required"  # an empty cell of a required column
                if len(loc) > 1 and isinstance(loc[1], int) and code not in ("list_length", "text_nfc"):
                    code = "list_items"  # a bad item of a list cell
                value = r.get(column) if column else None
                rule = rules.RULES.get(code)
                if rule is not None and rule.scope == "row":
                    column, value = None, None
                found.append(Problem(table=name, row=i, column=column,
                                     value=None if value is None else str(value), rule=code,
                                     message=rule.message if rule else err["msg"], hint=rule.fix if rule else ""))
    return out, found
