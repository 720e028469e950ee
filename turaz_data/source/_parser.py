"""TEMPORARY (issue 12): the Turkish parser of branch i12-turkish when present, else the
stand-in; removed when that branch is merged."""

try:
    from turaz_data.source.turkish import find_dates, find_numbers
except ImportError:
    from turaz_data.source._turkish_shim import find_dates, find_numbers

__all__ = ["find_dates", "find_numbers"]
