"""``add --dry-run``: which rows an add would add and which it would replace, field by
field (old -> new), without changing anything (no lock, no temporary file, no write)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Plan:
    """What ``add`` would do: the report of the file, the rows added (their keys) and the
    rows replaced, each with its changed fields ``(column, old, new)``."""

    report: Any
    path: str
    added: list[str] = field(default_factory=list)
    replaced: list[tuple[str, list[tuple[str, str, str]]]] = field(default_factory=list)

    def to_text(self) -> str:
        if not self.report.valid:
            return self.report.to_text() + f"dry run: the file is invalid; add would write nothing to {self.path}\n"
        out = [(f"dry run: {len(self.added)} row(s) would be added to {self.path}, "
               f"{len(self.replaced)} replaced; nothing was written")]
        out += [f"  add {key}" for key in self.added]
        for key, changes in self.replaced:
            out.append(f"  replace {key}" + ("" if changes else " (no field changes)"))
            out += [f"    {col}: {old!r} -> {new!r}" for col, old, new in changes]
        return "\n".join(out) + "\n"

    def to_dict(self) -> dict:
        out = self.report.to_dict()
        out["dry_run"] = {"path": self.path, "added": self.added,
                          "replaced": [{"key": k, "changes": [{"column": c, "old": o, "new": n} for c, o, n in ch]}
                                       for k, ch in self.replaced]}
        return out


def plan_add(source, table: str, *, replace: bool = False, package: str | os.PathLike | None = None,
             article: Any = None, max_problems: int | None = None, name: str | None = None, fix=None) -> Plan:
    """Validate ``source`` and compare its rows with the table of ``package``; reads only.
    ``fix`` (e.g. :meth:`turaz_data.contrib.inputs.Input.fix_report`) adjusts the report."""
    from turaz_data.contrib.engine import validate_file
    from turaz_data.tables.fields import fields
    from turaz_data.tables.models import TABLES_BY_NAME
    from turaz_data.tables.storage import format_cell, read_rows, table_path

    report = validate_file(source, table, package=package, replace=replace, article=article,
                           max_problems=max_problems, name=name, _collect=True)
    if fix is not None:
        fix(report)
    plan = Plan(report=report, path=str(table_path(table, package)))
    if not report.valid:
        return plan
    pk = TABLES_BY_NAME[table].primary_key
    names = [f.name for f in fields(table)]
    shipped = {tuple(r[k] for k in pk): r for r in read_rows(table, package)}
    for row in report.collected or []:
        key = tuple(row[k] for k in pk)
        shown = ",".join(map(format_cell, key))
        old = shipped.get(key)
        if old is None:
            plan.added.append(shown)
            continue
        changes = [(c, format_cell(old.get(c)), format_cell(row.get(c))) for c in names
                   if format_cell(old.get(c)) != format_cell(row.get(c))]
        plan.replaced.append((shown, changes))
    return plan


__all__ = ["Plan", "plan_add"]
