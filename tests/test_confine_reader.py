"""Properties of the confinement rules, the escaping of invisible characters and the one
reader of input files (tests/hostile/ holds the corpus of concrete cases)."""

from __future__ import annotations

import ast
import codecs
import os
import posixpath

from hypothesis import given, settings
from hypothesis import strategies as st

from turaz_data.contrib.engine import validate_file
from turaz_data.tables.confine import path_problem
from turaz_data.tables.invisible import has_hidden, visible

from ._contrib_strategies import rows
from ._contrib_support import make_package, refs, to_csv

SEGMENTS = st.sampled_from(["..", ".", "", "tables", "events.csv", "a b", "~", "C:", "x:y", "%2e%2e", "\\", "é"])


@given(st.lists(SEGMENTS | st.text(max_size=6), min_size=1, max_size=6).map("/".join) | st.text(max_size=30))
def test_an_accepted_path_stays_inside_the_folder(path):
    """Whatever path_problem accepts is relative and, normalised, inside the folder."""
    if path_problem(path) is None:
        assert not path.startswith("/") and "\\" not in path and "\x00" not in path
        norm = posixpath.normpath(posixpath.join("/pkg", path))
        assert norm.startswith("/pkg/") and norm != "/pkg"


@given(st.text())
def test_visible_escapes_every_invisible_character_and_round_trips(text):
    shown = visible(text)
    assert not has_hidden(shown.replace(" ", ""))
    assert ast.literal_eval(shown) == text


TURKISH = st.text(alphabet="abcçdefgğhıijklmnoöprsştuüvyzABCÇDEFGĞHIİJKLMNOÖPRSŞTUÜVYZ 0123456789", min_size=1,
                  max_size=20).map(str.strip).filter(bool)


@settings(max_examples=25, deadline=None)
@given(events=rows("events", max_size=3), texts=st.lists(TURKISH, min_size=3, max_size=3),
       encoding=st.sampled_from(["cp1254", "utf-16", "utf-16-le", "utf-32", "utf-8-sig"]),
       cr_only=st.booleans())
def test_other_encodings_and_line_ends_read_as_utf8(tmp_path_factory, events, texts, encoding, cr_only):
    """The same rows in Windows-1254, UTF-16 or UTF-32 (with --encoding) or with CR-only
    line ends give the report of the UTF-8 file, besides the reader's notices."""
    for row, text in zip(events, texts, strict=False):  # up to 3 rows, 3 texts
        row["description"] = text
    data = to_csv("events", events).decode("utf-8")
    if encoding == "cp1254":  # characters Windows-1254 cannot hold become 'x' (in both files)
        data = "".join(ch if codecs.encode(ch, "cp1254", "replace") != b"?" or ch == "?" else "x" for ch in data)
    tmp = tmp_path_factory.mktemp("enc")
    plain = tmp / "plain.csv"
    plain.write_bytes(data.encode("utf-8"))
    other = tmp / "other.csv"
    text = data.replace("\n", "\r") if cr_only and "\r" not in data else data
    other.write_bytes(text.encode(encoding))
    r = refs()
    want = validate_file(plain, "events", refs=r)
    got = validate_file(other, "events", refs=r, encoding=None if encoding == "utf-8-sig" else encoding)
    assert got.exit_code == want.exit_code
    assert [p.to_dict() for p in got.problems] == [p.to_dict() for p in want.problems]
    assert got.rows == want.rows
    extra = {n.rule for n in got.notices} - {n.rule for n in want.notices}
    assert extra <= {"line_ends_cr", "encoding_read"}


def test_a_replaced_file_is_not_read_by_the_fast_path(tmp_path):
    """The fast path reopens the file: if the path now names another file, it refuses."""
    from turaz_data.contrib.reader import Refused, open_input

    f = tmp_path / "a.csv"
    f.write_bytes(to_csv("events", []))
    inp = open_input(f)
    os.replace(tmp_path / "a.csv", tmp_path / "b.csv")
    (tmp_path / "a.csv").write_bytes(b"id\n")
    try:
        inp.reopen()
    except Refused as r:
        assert r.rule == "cannot_open"
    else:
        raise AssertionError("reopen read another file")
    finally:
        inp.close()


def test_make_package_is_confined(tmp_path):
    """The packages the contributed-file tests build pass the confinement rules."""
    from turaz_data.tables.storage import descriptor

    pkg = make_package(tmp_path / "p")
    assert [r["name"] for r in descriptor(pkg)["resources"]]


def test_the_models_and_schemas_refuse_invisible_reordering():
    """The same text rule in the Pydantic models and the Pandera schemas (the validator's
    is in the hostile corpus)."""
    import pandas as pd
    import pytest

    from turaz_data.errors import TurazValidationError
    from turaz_data.tables.models import text_problem
    from turaz_data.tables.schemas import build_schema, validate
    from turaz_data.tables.storage import frame_from_rows, resource

    from ._contrib_support import example_row

    for ch in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u2028\u2029":
        assert text_problem(f"a{ch}b").code == "text_control"
    row = {**example_row("actors", 1), "name_en": "Azer\u202ebaijan"}
    frame = frame_from_rows(resource("actors"), [row])
    with pytest.raises(TurazValidationError) as e:
        validate(frame, "actors", build_schema("actors", refs={}))
    assert [p.rule for p in e.value.problems] == ["text_control"]
    assert isinstance(frame, pd.DataFrame)
