"""EDTF dates: the accepted subset, and their lower and upper calendar bounds.

Standard library only; the ``edtf`` library (the reference parser) is imported on
first use. Plain dates and intervals of real calendar days without X digits (nearly
all values) are checked and bounded here directly: the ``edtf`` library (pyparsing)
takes about 4 ms a value, which made loading or validating a file with many distinct
dates slow. Everything else goes to the library, which stays the reference; a test
checks that both agree.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import lru_cache

#: The EDTF subset accepted: level 0 dates and intervals, with level 1 ~ ? % and
#: X-unspecified digits. Calendar validity (no 30 February) is checked by the edtf library.
EDTF_PATTERN = (
    r"^(\d{4}|\d{3}X|\d{2}XX)(-(0[1-9]|1[0-2]|XX)(-(0[1-9]|[12]\d|3[01]|XX))?)?[~?%]?"
    r"(/(\d{4}|\d{3}X|\d{2}XX)(-(0[1-9]|1[0-2]|XX)(-(0[1-9]|[12]\d|3[01]|XX))?)?[~?%]?)?$"
)
#: The same pattern as Table Schema writes it (implicitly anchored).
EDTF_TS_PATTERN = EDTF_PATTERN[1:-1]


@lru_cache(maxsize=65536)
def parse(value: str):
    """The edtf library's object for ``value``; raises ValueError when it is not EDTF."""
    from edtf import parse_edtf

    try:
        return parse_edtf(value)
    except Exception as exc:  # the library raises several exception types
        raise ValueError(f"not an EDTF date: {value!r}") from exc


# One endpoint without X digits: year, month, day as ASCII digits, then a qualifier.
_ENDPOINT = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?[~?%]?")


def _endpoint_bounds(text: str) -> tuple[dt.date, dt.date] | None:
    m = _ENDPOINT.fullmatch(text)
    if m is None:
        return None
    year = int(m[1])
    if year == 0:  # EDTF year 0 (1 BCE) has no datetime.date: leave it to the library
        return None
    try:
        if m[3]:
            day = dt.date(year, int(m[2]), int(m[3]))
            return day, day
        if m[2]:
            month = int(m[2])
            return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
    except ValueError:  # not a real day: the library decides (it accepts 29 February of any year)
        return None
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _fast_bounds(value: str) -> tuple[dt.date, dt.date] | None:
    """Bounds of a value the library surely accepts, or None when unsure (ask the library)."""
    if not isinstance(value, str) or "X" in value:
        return None
    start, sep, end = value.partition("/")
    a = _endpoint_bounds(start)
    if a is None or not sep:
        return a
    b = _endpoint_bounds(end)
    return None if b is None else (a[0], b[1])


def is_edtf(value: str) -> bool:
    """Whether the edtf library accepts ``value`` (as :func:`parse` does not raise)."""
    if _fast_bounds(value) is not None:
        return True
    try:
        parse(value)
    except ValueError:
        return False
    return True


@lru_cache(maxsize=65536)
def bounds(value: str) -> tuple[dt.date, dt.date]:
    """Earliest and latest calendar day ``value`` can mean: '1992-03' -> (1992-03-01, 1992-03-31)."""
    fast = _fast_bounds(value)
    if fast is not None:
        return fast
    e = parse(value)
    lo, hi = e.lower_strict(), e.upper_strict()
    return dt.date(lo.tm_year, lo.tm_mon, lo.tm_mday), dt.date(hi.tm_year, hi.tm_mon, hi.tm_mday)
