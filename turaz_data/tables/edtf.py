"""EDTF dates: the accepted subset, and their lower and upper calendar bounds.

Standard library only; the ``edtf`` library (the reference parser) is imported on
first use; plain dates are checked and bounded without it (see :func:`is_edtf`).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import lru_cache

#: One EDTF date: level 0 (YYYY, YYYY-MM, YYYY-MM-DD) with level 1 qualifiers ~ ? %
#: and X-unspecified digits.
_DATE = r"(\d{4}|\d{3}X|\d{2}XX)(-(0[1-9]|1[0-2]|XX)(-(0[1-9]|[12]\d|3[01]|XX))?)?[~?%]?"
#: The EDTF subset accepted: a date, an interval of two dates, or an interval open at
#: one end ("2014/..": from 2014 on; "../2009": until 2009). Calendar validity (no
#: 30 February) is checked by the edtf library.
EDTF_PATTERN = rf"^({_DATE}(/({_DATE}|\.\.))?|\.\./{_DATE})$"
#: The same pattern as Table Schema writes it (implicitly anchored).
EDTF_TS_PATTERN = EDTF_PATTERN[1:-1]
OPEN = ".."


@lru_cache(maxsize=65536)
def _parse_one(value: str):
    from edtf import parse_edtf

    try:
        return parse_edtf(value)
    except Exception as exc:  # the library raises several exception types
        raise ValueError(f"not an EDTF date: {value!r}") from exc


def parse(value: str) -> tuple:
    """The edtf library's objects for the ends of ``value`` (None for an open end);
    raises ValueError when it is not EDTF in the accepted subset."""
    if not re.match(EDTF_PATTERN, value):
        raise ValueError(f"not an EDTF date: {value!r}")
    ends = tuple(None if part == OPEN else _parse_one(part) for part in value.split("/"))
    if len(ends) == 2 and None not in ends and bounds_of(ends[0])[0] > bounds_of(ends[1])[1]:
        raise ValueError(f"interval ends before it starts: {value!r}")
    return ends


def bounds_of(e) -> tuple[dt.date, dt.date]:
    lo, hi = e.lower_strict(), e.upper_strict()
    return dt.date(lo.tm_year, lo.tm_mon, lo.tm_mday), dt.date(hi.tm_year, hi.tm_mon, hi.tm_mday)


# Fast path. The edtf library (pyparsing) takes about 4 ms a value and 35 ms to import,
# which made loading or validating a file with many distinct dates slow. Dates and
# intervals of real calendar days, years such as 199X, months and days XX (nearly all
# values) are checked and bounded here directly; anything else goes to the library,
# which stays the reference (tests/test_edtf_fast.py).

# One date: year (X digits at its end allowed), month, day (XX allowed), then a qualifier.
_PLAIN = re.compile(r"([0-9]{2}(?:[0-9]{2}|[0-9]X|XX))(?:-([0-9]{2}|XX)(?:-([0-9]{2}|XX))?)?[~?%]?")


def _plain_bounds(text: str) -> tuple[dt.date, dt.date] | None:
    m = _PLAIN.fullmatch(text)
    if m is None:
        return None
    y, mo, d = m[1], m[2], m[3]
    if "X" in y:  # 199X: 1990-1999; with a month or day: the library decides
        lo_y, hi_y = int(y.replace("X", "0")), int(y.replace("X", "9"))
        if mo is not None or lo_y == 0:
            return None
        return dt.date(lo_y, 1, 1), dt.date(hi_y, 12, 31)
    year = int(y)
    if year == 0:  # EDTF year 0 (1 BCE) has no datetime.date: leave it to the library
        return None
    if mo == "XX":  # 1992-XX, 1992-XX-XX: the whole year; 1992-XX-15: the library decides
        return (dt.date(year, 1, 1), dt.date(year, 12, 31)) if d in (None, "XX") else None
    try:
        if d is not None and d != "XX":
            day = dt.date(year, int(mo), int(d))
            return day, day
        if mo is not None:
            month = int(mo)
            return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
    except ValueError:  # not a real day: the library decides (it accepts 29 February of any year)
        return None
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _fast_bounds(value) -> tuple[dt.date | None, dt.date | None] | None:
    """The bounds of a value surely accepted, or None when unsure (ask the library)."""
    if not isinstance(value, str):
        return None
    start, sep, end = value.partition("/")
    if not sep:
        return _plain_bounds(start)
    if start == OPEN:
        b = None if end == OPEN else _plain_bounds(end)
        return None if b is None else (None, b[1])
    a = _plain_bounds(start)
    if a is None:
        return None
    if end == OPEN:
        return a[0], None
    b = _plain_bounds(end)
    if b is None or a[0] > b[1]:  # an interval that ends before it starts: the library says why
        return None
    return a[0], b[1]


def is_edtf(value: str) -> bool:
    """Whether ``value`` is accepted (:func:`parse` does not raise), quickly for plain dates."""
    if _fast_bounds(value) is not None:
        return True
    try:
        parse(value)
    except ValueError:
        return False
    return True


@lru_cache(maxsize=65536)
def bounds(value: str) -> tuple[dt.date | None, dt.date | None]:
    """Earliest and latest calendar day ``value`` can mean: '1992-03' -> (1992-03-01,
    1992-03-31); '1999/2008' -> (1999-01-01, 2008-12-31). An open end gives None."""
    fast = _fast_bounds(value)
    if fast is not None:
        return fast
    ends = parse(value)
    lo = bounds_of(ends[0])[0] if ends[0] is not None else None
    hi = bounds_of(ends[-1])[1] if ends[-1] is not None else None
    return lo, hi


# --------------------------------------------------------------------------- period

#: The years the article covers (its title: 1918 to 2023; it was published in 2023).
PERIOD = (1918, 2023)
_PERIOD_START = dt.date(PERIOD[0], 1, 1)
_PERIOD_END = dt.date(PERIOD[1], 12, 31)


def _safe(value: str) -> tuple[dt.date | None, dt.date | None]:
    try:
        return bounds(value)
    except ValueError:
        return None, None  # not an accepted EDTF date: the EDTF rules say so


def after_period(value: str) -> bool:
    """The rule ``date_after_period``: the earliest day ``value`` can mean is after 2023,
    so the article (published in 2023) cannot state it. A date that only may reach past
    2023 (``20XX``, ``2020/..``) is not refused."""
    lo = _safe(value)[0]
    return lo is not None and lo > _PERIOD_END


def before_period(value: str) -> bool:
    """Whether the latest day ``value`` can mean is before 1918,
    outside the period of the dataset but allowed (background the article gives, such as
    the revolution of 1917)."""
    hi = _safe(value)[1]
    return hi is not None and hi < _PERIOD_START
