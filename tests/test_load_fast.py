"""load() reads with pandas' CSV parser: the frame is exactly the one read_rows() gives."""

from __future__ import annotations

import pandas as pd
import pytest

from turaz_data.tables.storage import frame_from_rows, load_frame, read_rows, resource, table_names


@pytest.mark.parametrize("table", table_names())
def test_load_frame_equals_the_rows_path(table):
    fast = load_frame(table)
    slow = frame_from_rows(resource(table), read_rows(table))
    pd.testing.assert_frame_equal(fast, slow, check_exact=True)


def test_malformed_file_falls_back_to_read_rows(tmp_path):
    import json
    import shutil

    from turaz_data.tables.storage import descriptor, table_path

    (tmp_path / "tables").mkdir()
    (tmp_path / "datapackage.json").write_text(json.dumps(descriptor()), encoding="utf-8")
    for name in table_names():
        shutil.copy(str(table_path(name)), tmp_path / "tables" / f"{name}.csv")
    # a row with a missing trailing cell: csv.DictReader gives None there
    text = (tmp_path / "tables" / "actors.csv").read_text(encoding="utf-8").splitlines()
    text[1] = text[1].rsplit(",", 1)[0]
    (tmp_path / "tables" / "actors.csv").write_text("\n".join(text) + "\n", encoding="utf-8")
    fast = load_frame("actors", tmp_path)
    slow = frame_from_rows(resource("actors", tmp_path), read_rows("actors", tmp_path))
    pd.testing.assert_frame_equal(fast, slow, check_exact=True)
