"""TEMPORARY stand-in for turaz_data.source.turkish (branch i12-turkish); removed on merge."""

from __future__ import annotations

import calendar
import datetime
import decimal
import re
from dataclasses import dataclass

MONTHS = {m: i + 1 for i, m in enumerate(
    ["Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz", "Ağustos", "Eylül", "Ekim", "Kasım", "Aralık"])}
_M = "|".join(MONTHS)


@dataclass(frozen=True)
class DateExpr:
    start: int
    end: int
    text: str
    edtf: str
    lower: datetime.date | None
    upper: datetime.date | None
    year_from_context: bool


@dataclass(frozen=True)
class NumberExpr:
    start: int
    end: int
    text: str
    value: decimal.Decimal
    qualifier: str
    percent: bool
    multiplier: bool
    ordinal: bool


_DATE = re.compile(rf"(?:(\d{{1,2}})(?:-(\d{{1,2}}))? )?({_M})(?: ayı)?(?: (\d{{4}}))?|(\d{{4}})(?:-(\d{{4}}))?")


def find_dates(text, *, year=None):
    out = []
    for m in _DATE.finditer(text):
        d1, d2, mon, y, y1, y2 = m.groups()
        if mon:
            yy = int(y) if y else year
            if yy is None:
                continue
            mo = MONTHS[mon]
            if d1:
                lo = datetime.date(yy, mo, int(d1))
                hi = datetime.date(yy, mo, int(d2 or d1))
            else:
                lo = datetime.date(yy, mo, 1)
                hi = datetime.date(yy, mo, calendar.monthrange(yy, mo)[1])
            out.append(DateExpr(m.start(), m.end(), m.group(0), "", lo, hi, y is None))
        else:
            a, b = int(y1), int(y2 or y1)
            if not 1800 < a < 2100 or b < a:
                continue
            out.append(DateExpr(m.start(), m.end(), m.group(0), "", datetime.date(a, 1, 1),
                                datetime.date(b, 12, 31), False))
    return out


_NUM = re.compile(r"(en az |yaklaşık )?(yüzde )?(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?( milyon| milyar| bin)?(’dan fazla|'dan fazla)?")


def find_numbers(text):
    out = []
    for m in _NUM.finditer(text):
        q, pct, intpart, frac, mult, more = m.groups()
        v = decimal.Decimal(intpart.replace(".", "") + ("." + frac if frac else ""))
        v *= {None: 1, " milyon": 10**6, " milyar": 10**9, " bin": 1000}[mult]
        qual = "at_least" if q == "en az " else "about" if q == "yaklaşık " else "more_than" if more else "exact"
        out.append(NumberExpr(m.start(), m.end(), m.group(0), v, qual, bool(pct), False, False))
    return out
