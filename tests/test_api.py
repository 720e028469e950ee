"""The public API: every table through every loader path."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest

import turaz_data
from turaz_data.tables.storage import descriptor
from turaz_data.errors import TurazValidationError, UnknownTableError
from turaz_data.tables.models import TABLES, TABLES_BY_NAME

NAMES = [t.name for t in TABLES]
HEAVY = ("pandas", "pandera", "pydantic", "frictionless", "numpy", "edtf", "matplotlib", "pyarrow")


def test_table_names_follow_the_descriptor():
    assert turaz_data.table_names() == NAMES == [r["name"] for r in descriptor()["resources"]]


def test_import_is_light():
    code = "import sys, turaz_data; print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in %r)))" % (HEAVY,)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == ""


@pytest.mark.parametrize("table", NAMES)
def test_load_gives_typed_frame(table):
    df = turaz_data.load(table)
    fields = descriptor()["resources"][NAMES.index(table)]["schema"]["fields"]
    assert [c for c in df.columns if not c.endswith(("_lower", "_upper"))] == [f["name"] for f in fields]
    for f in fields:
        col = df[f["name"]]
        required = f.get("constraints", {}).get("required", False)
        if f["type"] == "integer":
            assert str(col.dtype) == ("int64" if required else "Int64")
        elif f["type"] == "number":
            assert col.dtype == "float64"
        elif f["type"] == "date":
            assert pd.api.types.is_datetime64_any_dtype(col)
        elif f["type"] == "list":
            assert all(isinstance(v, list) for v in col)
        else:
            assert pd.api.types.is_string_dtype(col)


@pytest.mark.parametrize("table", [t.name for t in TABLES if "date" in TABLES_BY_NAME[t.name].model.model_fields])
def test_edtf_dates_get_bounds(table):
    df = turaz_data.load(table)
    assert {"date_lower", "date_upper"} <= set(df.columns)
    dated = df[df["date"].notna()]
    both = dated[dated["date_lower"].notna() & dated["date_upper"].notna()]
    assert (both["date_lower"] <= both["date_upper"]).all()
    # only an open interval end ("2014/..", "../2009") has no bound
    assert (dated["date_lower"].notna() | dated["date"].str.startswith("../")).all()
    assert (dated["date_upper"].notna() | dated["date"].str.endswith("/..")).all()


@pytest.mark.parametrize("table", NAMES)
def test_records_are_models(table):
    recs = turaz_data.records(table)
    model = TABLES_BY_NAME[table].model
    assert recs and all(isinstance(r, model) for r in recs)
    assert len(recs) == len(turaz_data.load(table))


@pytest.mark.parametrize("table", NAMES)
def test_schema_validates_loaded_frame(table):
    sch = turaz_data.schema(table)
    assert sch.name == table
    assert turaz_data.validate(turaz_data.load(table), table=table) is not None


def test_unknown_table_says_what_exists():
    with pytest.raises(UnknownTableError) as e:
        turaz_data.load("event")
    assert str(e.value) == (
        "No table named 'event'. The tables are: footnotes, works, citations, actors, events, "
        "agreements, arms_transfers, quantities, retractions (see turaz_data.table_names())."
    )


def test_validation_error_is_a_value_error_listing_problems():
    df = turaz_data.load("actors")
    df.loc[0, "type"] = "alien"
    with pytest.raises(ValueError) as e:
        turaz_data.validate(df, table="actors")
    assert isinstance(e.value, TurazValidationError)
    assert str(e.value).splitlines()[0] == "1 problem(s) in table 'actors':"


def test_cite_text_and_bibtex():
    text = turaz_data.cite()
    assert "Özsoy" in text and turaz_data.__version__ in text and "dergipark.org.tr" in text
    bib = turaz_data.cite("bibtex")
    assert bib.count("@") == 2 and "@article{ozsoy2023," in bib
    with pytest.raises(ValueError):
        turaz_data.cite("rtf")
