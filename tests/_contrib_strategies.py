"""The names the contributed-file tests used, kept for tests written against them: the
row generator itself is tests/strategies.py (one for every test)."""

from .strategies import EDTF_SAMPLES as EDTF
from .strategies import REFS, field_strategy
from .strategies import valid_rows as rows

__all__ = ["EDTF", "REFS", "field_strategy", "rows"]
