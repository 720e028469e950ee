"""The vectorised screens of the rule catalogue, on one column of raw text (pyarrow compute).

:func:`screen` flags, at once for a whole column, every cell that may break a rule of
:mod:`turaz_data.tables.rules` (regular expressions, set membership, casts, ranges; each
distinct date judged once; NFC tested on the joined text first). The flags are a superset:
the file engine then judges each flagged cell with :func:`turaz_data.tables.rules.check_cell`,
which words the problem. ``tests/test_fastcheck.py`` checks the text screen against the
rules themselves.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from typing import Any

from turaz_data.tables import rules
from turaz_data.tables.fields import FieldDesc

#: The screens of the text rules (control characters, white space at an end, and for
#: text a formula start), as RE2 patterns; a superset of the cells that break them.
EDGE_SCREEN = rules.TEXT_SCREEN_RE2.replace("".join("\\" + c for c in rules.FORMULA_START), "")
TEXT_SCREEN = rules.TEXT_SCREEN_RE2
ITEM_SCREEN = "^$|^[" + "".join(f"\\x{{{ord(c):x}}}" for c in rules.WHITESPACE) \
    + "".join("\\" + c for c in rules.FORMULA_START) + "]|[" \
    + "".join(f"\\x{{{ord(c):x}}}" for c in rules.WHITESPACE) + "]$"


def _pc():
    import pyarrow.compute as pc

    return pc


def _not_in(arr, value_set):
    """True where a value is present and not in ``value_set`` (false for empty cells)."""
    pc = _pc()
    return pc.and_(pc.is_valid(arr), pc.invert(pc.fill_null(pc.is_in(arr, value_set=value_set), True)))


def screen(f: FieldDesc, col, keys=None) -> tuple[Any, Any]:
    """Screen one column of raw cells: (its typed values, null where empty; the indices of
    the cells :func:`rules.check_cell` must judge, a superset of the cells that break a
    rule). List columns keep their raw text. ``keys``: the referenced keys as a pyarrow
    array, for a foreign key checked here (None: not checked, e.g. a self reference)."""
    import numpy as np
    import pyarrow as pa

    pc = _pc()
    empty = pc.equal(col, "")
    has_empty = pc.any(empty).as_py()
    masks = []
    if has_empty and f.required and not f.is_list:
        masks.append(empty)
    screen = EDGE_SCREEN if f.type in ("integer", "number") else TEXT_SCREEN
    masks.append(pc.match_substring_regex(col, screen))
    ascii_ = pc.string_is_ascii(col)
    all_ascii = pc.all(ascii_).as_py()
    if not all_ascii and (f.is_text or rules._free_text_items(f)):
        masks.append(_not_nfc(col, ascii_))
    full = pc.if_else(empty, pa.scalar(None, pa.string()), col) if has_empty else col
    if f.is_list:
        masks.append(_items(f, full, all_ascii, keys))
        values = full
    elif f.type == "integer":
        ok = pc.fill_null(pc.match_substring_regex(full, rules.INT_RE), True)
        masks.append(pc.invert(ok))
        values = pc.cast(pc.if_else(ok, full, pa.scalar(None, pa.string())), pa.int64())
        masks += _range(f, values)
    elif f.type == "number":
        ok = pc.fill_null(pc.match_substring_regex(full, rules.NUMBER_RE), True)
        values = pc.cast(pc.if_else(ok, full, pa.scalar(None, pa.string())), pa.float64())
        ok = pc.and_(ok, pc.fill_null(pc.is_finite(values), True))
        masks.append(pc.invert(ok))
        masks += _range(f, values)
    else:
        values = full
        if f.type == "date":
            masks.append(_distinct(full, lambda v: rules.iso_date(v) is not None))
        if f.enum:
            masks.append(_not_in(full, pa.array(list(f.enum))))
        if f.edtf:
            masks.append(_distinct(full, lambda v: rules.edtf_rule(v) is None))
        elif f.pattern:
            masks.append(_pattern(full, f.pattern, all_ascii, ascii_))
        if f.max_length is not None:
            masks.append(_longer(full, f.max_length))
    if keys is not None and not f.is_list:
        masks.append(_not_in(values, keys))
    mask = masks[0]
    for m in masks[1:]:
        mask = pc.or_(mask, m)
    flagged = np.flatnonzero(pc.fill_null(mask, False).to_numpy(zero_copy_only=False))
    return values, flagged

def _range(f: FieldDesc, values) -> list:
    import pyarrow as pa

    pc = _pc()
    out = []
    if f.minimum is not None:
        out.append(pc.fill_null(pc.less(values, f.minimum), False))
    if f.maximum is not None:
        out.append(pc.fill_null(pc.greater(values, f.maximum), False))
    if f.enum:
        out.append(_not_in(values, pa.array(list(f.enum))))
    return out


def _not_nfc(col, ascii_):
    """Cells not in NFC (a notice): the non-ASCII cells are joined and tested at once,
    and only when that fails one by one."""
    import numpy as np
    import pyarrow as pa

    pc = _pc()
    idx = np.flatnonzero(pc.invert(ascii_).to_numpy(zero_copy_only=False))
    odd = pc.take(col, pa.array(idx))
    whole = pa.ListArray.from_arrays(pa.array([0, len(odd)], pa.int32()), odd)
    if unicodedata.is_normalized("NFC", pc.binary_join(whole, "\n")[0].as_py()):
        return pa.array(np.zeros(len(col), dtype=bool))
    mask = np.zeros(len(col), dtype=bool)
    for i, v in zip(idx.tolist(), odd.to_pylist()):
        mask[i] = not unicodedata.is_normalized("NFC", v)
    return pa.array(mask)

def _distinct(arr, good: Callable[[str], bool]):
    """Cells whose value ``good`` rejects; each distinct value is judged once."""
    import pyarrow as pa

    pc = _pc()
    uniq = pc.unique(arr.drop_null() if arr.null_count else arr).to_pylist()
    bad = [v for v in uniq if not good(v)]
    return pc.fill_null(pc.is_in(arr, value_set=pa.array(bad, pa.string())), False)

def _pattern(arr, pattern: str, all_ascii: bool, ascii_):
    """Cells that do not match ``pattern`` (anchored); RE2 and Python's re agree on
    ASCII text, so non-ASCII cells are flagged for the Python check too."""
    pc = _pc()
    mask = pc.invert(pc.fill_null(pc.match_substring_regex(arr, pattern), True))
    if not all_ascii:
        mask = pc.or_(mask, pc.fill_null(pc.and_(pc.invert(ascii_), pc.is_valid(arr)), False))
    return mask

def _longer(arr, limit: int):
    pc = _pc()
    return pc.fill_null(pc.greater(pc.utf8_length(arr), limit), False)

def _items(f: FieldDesc, cells, all_ascii: bool, keys):
    """List cells: item count and every item (empty cells are empty lists)."""
    import numpy as np
    import pyarrow as pa

    pc = _pc()
    n = len(cells)
    lists = pc.split_pattern(cells, rules.LIST_DELIMITER)
    lengths = pc.fill_null(pc.list_value_length(lists), 0)
    lo, hi = f.min_items or 0, f.max_items
    mask = pc.less(lengths, lo)
    if hi is not None:
        mask = pc.or_(mask, pc.greater(lengths, hi))
    items = pc.list_flatten(lists)
    if len(items) == 0:
        return mask
    parents = pc.list_parent_indices(lists).to_numpy()
    bad = []
    if f.enum:
        bad.append(pc.invert(pc.is_in(items, value_set=pa.array(list(f.enum)))))
    if f.pattern:
        bad.append(_pattern(items, f.pattern, all_ascii, pc.string_is_ascii(items)))
    if f.max_length is not None:
        bad.append(_longer(items, f.max_length))
    bad.append(pc.match_substring_regex(items, ITEM_SCREEN))
    if keys is not None:
        bad.append(pc.invert(pc.is_in(items, value_set=keys)))
    item_bad = bad[0]
    for b in bad[1:]:
        item_bad = pc.or_(item_bad, b)
    which = np.unique(parents[item_bad.to_numpy(zero_copy_only=False)])
    if len(which):
        extra = np.zeros(n, dtype=bool)
        extra[which] = True
        mask = pc.or_(mask, pa.array(extra))
    return mask
