"""The report of a contributed file: every problem (line, column, value, rule, fix), as
text for people and as JSON for machines (``docs/contributing.md`` documents its shape).

Standard library only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from turaz_data.errors import Problem, TurazError

#: Version of the JSON shape of :meth:`Report.to_dict` (bumped only on breaking changes).
REPORT_VERSION = 1


class ContribError(TurazError):
    """The command cannot run (target not writable, verifier unavailable, ...)."""


@dataclass
class Report:
    """Everything wrong with one contributed file.

    ``problems`` are the problems listed (at most ``max_problems``), ``problems_total``
    counts all of them. ``fatal`` is set when the file cannot be read as a CSV table
    (exit code 2): the problems found before it are kept. ``notices`` are changes made
    for the contributor (text normalised to NFC) that do not make the file invalid.
    """

    table: str
    file: str
    rows: int = 0
    problems: list[Problem] = field(default_factory=list)
    problems_total: int = 0
    notices: list[Problem] = field(default_factory=list)
    notices_total: int = 0
    fatal: Problem | None = None
    citation: dict | None = None
    #: The parsed rows (only when collected, for :func:`add_file`).
    collected: list[dict] | None = field(default=None, repr=False)

    @property
    def valid(self) -> bool:
        return self.fatal is None and self.problems_total == 0

    @property
    def exit_code(self) -> int:
        return 2 if self.fatal is not None else (0 if self.valid else 1)

    def to_dict(self) -> dict:
        def one(p: Problem) -> dict:
            return {"line": p.line, "row": p.row, "column": p.column, "value": p.value,
                    "rule": p.rule, "message": p.message, "hint": p.hint}

        return {
            "version": REPORT_VERSION,
            "file": self.file,
            "table": self.table,
            "valid": self.valid,
            "exit_code": self.exit_code,
            "rows": self.rows,
            "fatal": one(self.fatal) if self.fatal else None,
            "problems_total": self.problems_total,
            "problems": [one(p) for p in self.problems],
            "notices_total": self.notices_total,
            "notices": [one(p) for p in self.notices],
            "citation": self.citation,
        }

    def to_text(self) -> str:
        out = [_line_text(p) for p in self.problems]
        if self.problems_total > len(self.problems):
            out.append(f"... and {_n(self.problems_total - len(self.problems), 'more problem')} "
                       "not listed (use --max-problems 0 to list all)")
        out += ["note: " + _line_text(p) for p in self.notices]
        if self.notices_total > len(self.notices):
            out.append(f"note: ... and {_n(self.notices_total - len(self.notices), 'more notice')}")
        rows = _n(self.rows, "row")
        if self.fatal:
            before = f" ({_n(self.problems_total, 'other problem')} above)" if self.problems_total else ""
            out.append(f"{self.file}: unreadable: {_line_text(self.fatal)}{before}")
        elif self.valid:
            cit = ", evidence checked against the article" if self.citation and self.citation.get("checked") else ""
            out.append(f"{self.file}: valid: {rows} of table '{self.table}'{cit}")
        else:
            out.append(f"{self.file}: invalid: {_n(self.problems_total, 'problem')} in {rows} "
                       f"of table '{self.table}'")
        return "\n".join(out) + "\n"


def citation_summary(table: str, article: Any, rows_checked: int, rows_ok: int) -> dict:
    """``Report.citation`` after a citation check of ``table`` against ``article``."""
    from turaz_data.tables.models import CLAIM_TABLES

    if table not in CLAIM_TABLES:
        return {"checked": False, "reason": f"{table} is not a claim table"}
    return {"checked": True, "rows_checked": rows_checked, "rows_ok": rows_ok, "article_sha256": article.sha256}


def _n(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _line_text(p: Problem) -> str:
    where = []
    if p.line is not None:
        where.append(f"line {p.line}")
    if p.column:
        where.append(f"column '{p.column}'")
    head = ", ".join(where)
    head = head + ": " if head else ""
    val = f" value {p.value!r}" if p.value is not None else ""
    hint = f" Fix: {p.hint}" if p.hint else ""
    return f"{head}{val.lstrip()}{' ' if val else ''}[{p.rule}] {p.message}.{hint}"
