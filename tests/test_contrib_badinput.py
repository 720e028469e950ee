"""One test per kind of bad input: the exact message and the exit code of 'turaz-data validate'."""

from __future__ import annotations

import json

import pytest
from ._contrib_support import example_row, make_package, to_csv

from turaz_data.cli import main


@pytest.fixture(scope="module")
def pkg(tmp_path_factory):
    return make_package(tmp_path_factory.mktemp("pkg"))


GOOD = to_csv("events", [example_row("events", i) for i in range(2)]).decode()
H, R1, R2 = GOOD.splitlines(True)
HINT_DELIM = ("Fix: save it as CSV with ',' as the field delimiter (in LibreOffice: Field delimiter ','; "
              "in Excel: 'CSV UTF-8 (comma delimited)')")

CASES = {
    "not_utf8": (
        (H + R1).encode() + "2020,x,é\n".encode("latin-1"), 2,
        f"unreadable: line 3: [not_utf8] not UTF-8: byte 8 of line 3 (byte {len((H + R1).encode()) + 8} of the file) is 0xE9. "
        "Fix: save the file as UTF-8 (in Excel: 'CSV UTF-8 (comma delimited)'; in LibreOffice: "
        "character set Unicode (UTF-8))"),
    "bom_crlf": (b"\xef\xbb\xbf" + (H + R1 + R2).replace("\n", "\r\n").encode(), 0,
                 "valid: 2 rows of table 'events'"),
    "semicolons": ((H.replace(",", ";") + R1.replace(",", ";")).encode(), 2,
                   "unreadable: line 1: [wrong_delimiter] the file is delimited with semicolons (;), not commas. " + HINT_DELIM),
    "tabs": ((H.replace(",", "\t") + R1.replace(",", "\t")).encode(), 2,
             "unreadable: line 1: [wrong_delimiter] the file is delimited with tabs, not commas. " + HINT_DELIM),
    "missing_column": ((H.replace(",note", "") + R1.replace(",,", ",", 1)).encode(), 1,
                       "line 1, column 'note': [column_missing] column 'note' is missing. Fix: add it to the header: "
                       "it is an optional column (leave its cells empty if unknown); run 'turaz-data template events' "
                       "for the full header"),
    "extra_column": ((H.rstrip("\n") + ",extra\n" + R1.rstrip("\n") + ",x\n").encode(), 1,
                     "line 1, column 'extra': [column_unknown] unknown column 'extra'. Fix: the columns of events are: "
                     "id, footnote, support, evidence, note, date, date_basis, date_from, attribution, attributed_to, "
                     "unnamed_actors, part_of, overlaps, category, actors, targets, place, description, agreement_id"),
    "duplicated_column": ((H.rstrip("\n") + ",note\n" + R1.rstrip("\n") + ",\n").encode(), 1,
                          "line 1, column 'note': [column_duplicated] column 'note' appears more than once in the "
                          "header. Fix: keep one column of that name and delete the other"),
    "misspelled_column": ((H.replace("footnote", "foot_note") + R1).encode(), 1,
                          "line 1, column 'foot_note': [column_unknown] unknown column 'foot_note'. "
                          "Fix: did you mean 'footnote'?"),
    "ragged_row": ((H + R1.rstrip("\n") + ",extra\n").encode(), 1,
                   "line 2: value 'row-0,18,sentence,11 Ağustos 1992|Askeri Eğitim İşbirliği A…' [ragged_row] "
                   "the row has 20 cells, the header has 19. Fix: quote cells that contain a comma, write numbers "
                   "with a decimal point (4.8), and give every row one cell per column"),
    "blank_line": ((H + R1 + "\n" + R2).encode(), 1, "line 3: [blank_line] blank line. Fix: delete the line"),
    "empty_file": (b"", 2, "unreadable: [empty_file] the file is empty. Fix: start from 'turaz-data template events', "
                   "which writes the header line"),
    "header_only": (H.encode(), 1, "[no_rows] the file has a header but no data rows. Fix: add rows under the header "
                    "(lines starting with '#' are comments and are skipped)"),
    "open_quote": ((H + R1 + 'row-9,18,sentence,"11 Ağustos 1992,,2020,exercise,tur,Baku,x,\n' + R2).encode(), 2,
                   "unreadable: line 3: [unclosed_quote] a quote opened in the row starting on line 3 is not closed "
                   "where it should be. Fix: put quotes around whole cells only, and write a quote inside a quoted "
                   'cell as two quotes ("")'),
    "nul": ((H + R1.replace("Baku", "Ba\x00ku")).encode(), 1,
            "line 2, column 'place': value 'Ba\\x00ku' [text_control] control character (such as NUL), line "
            "break or bidirectional control inside the cell. Fix: remove it"),
    "control_character": ((H + R1.replace("Baku", "Ba\x1bku")).encode(), 1,
                          "line 2, column 'place': value 'Ba\\x1bku' [text_control] control character (such as NUL), "
                          "line break or bidirectional control inside the cell. Fix: remove it"),
    "not_nfc": ((H + R1.replace("Baku", "Baku\u0308")).encode(), 0,
                "note: line 2, column 'place': value 'Baku\u0308' [text_nfc] text was not in Unicode NFC and has "
                "been normalised. Fix: nothing to do: turaz-data add writes the normalised text"),
    "formula": ((H + R1.replace("Baku", "=cmd|' /C calc'!A0")).encode(), 1,
                "line 2, column 'place': value \"=cmd|' /C calc'!A0\" [text_formula] starts with =, +, - or @ "
                "(spreadsheet formula injection). Fix: reword so it starts with a letter or digit"),
    "whitespace": ((H + R1.replace("Baku", " Baku")).encode(), 1,
                   "line 2, column 'place': value ' Baku' [text_whitespace] leading or trailing white space. "
                   "Fix: remove the spaces at the ends"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input(case, pkg, tmp_path, capsys):
    data, code, expected = CASES[case]
    f = tmp_path / f"{case}.csv"
    f.write_bytes(data)
    rc = main(["validate", str(f), "--table", "events", "--package", str(pkg)])
    out = capsys.readouterr().out
    assert rc == code, out
    assert expected in out.splitlines() or any(line.endswith(": " + expected) for line in out.splitlines()), out


@pytest.mark.parametrize("formula", ["=1+1", "+1", "-1", "@SUM(A1)"])
def test_every_formula_start_is_rejected(formula, pkg, tmp_path, capsys):
    f = tmp_path / "f.csv"
    f.write_bytes((H + R1.replace("Baku", formula)).encode())
    assert main(["validate", str(f), "--table", "events", "--package", str(pkg)]) == 1
    assert "[text_formula]" in capsys.readouterr().out


def test_decimal_comma(pkg, tmp_path, capsys):
    f = tmp_path / "q.csv"
    f.write_bytes(to_csv("quantities", [example_row("quantities")]).replace(b",69,", b',"4,8",'))
    assert main(["validate", str(f), "--table", "quantities", "--package", str(pkg)]) == 1
    assert ("line 2, column 'value': value '4,8' [decimal_comma] number written with a decimal comma or thousands "
            "separator. Fix: write numbers with a decimal point and no separators, e.g. 4.8") in capsys.readouterr().out


def test_unquoted_decimal_comma_is_a_ragged_row(pkg, tmp_path, capsys):
    f = tmp_path / "q.csv"
    f.write_bytes(to_csv("quantities", [example_row("quantities")]).replace(b",69,", b",4,8,"))
    assert main(["validate", str(f), "--table", "quantities", "--package", str(pkg)]) == 1
    assert "[ragged_row] the row has 24 cells, the header has 23" in capsys.readouterr().out


def test_nfc_is_normalised_when_added(pkg, tmp_path):
    from turaz_data.contrib.engine import validate_file

    f = tmp_path / "n.csv"
    f.write_bytes((H + R1.replace("Baku", "Baku\u0308")).encode())
    rep = validate_file(f, "events", package=pkg, _collect=True)
    assert rep.valid and rep.collected[0]["place"] == "Bakü" and rep.notices_total == 1


def test_missing_file(tmp_path, capsys):
    assert main(["validate", str(tmp_path / "nope.csv"), "--table", "events"]) == 2
    assert "unreadable: [cannot_open] cannot open the file: No such file or directory. Fix: check the path" in capsys.readouterr().out


def test_unknown_table(tmp_path, capsys):
    f = tmp_path / "x.csv"
    f.write_bytes(GOOD.encode())
    assert main(["validate", str(f), "--table", "event"]) == 2
    assert "turaz-data validate: error: No table named 'event'." in capsys.readouterr().err


def test_comments_are_skipped(pkg, tmp_path, capsys):
    f = tmp_path / "c.csv"
    f.write_bytes(("# a comment\n" + H + "#row-0,a,b\n" + R1).encode())
    assert main(["validate", str(f), "--table", "events", "--package", str(pkg)]) == 0
    assert capsys.readouterr().out.endswith("valid: 1 row of table 'events'\n")


def test_json_report_shape(pkg, tmp_path, capsys):
    f = tmp_path / "j.csv"
    f.write_bytes((H + R1.replace(",18,", ",60,")).encode())
    assert main(["validate", str(f), "--table", "events", "--package", str(pkg), "--format", "json"]) == 1
    rep = json.loads(capsys.readouterr().out)
    assert set(rep) == {"version", "file", "table", "valid", "exit_code", "rows", "fatal", "problems_total",
                        "problems", "notices_total", "notices", "citation"}
    assert rep["version"] == 1 and rep["valid"] is False and rep["exit_code"] == 1 and rep["rows"] == 1
    assert rep["problems"] == [{"line": 2, "row": 1, "column": "footnote", "value": "60", "rule": "maximum",
                                "message": "above the maximum 59",
                                "hint": "footnote must be 1-59; the article has no footnote 60"}]


def test_json_fatal(tmp_path, capsys):
    f = tmp_path / "e.csv"
    f.write_bytes(b"")
    assert main(["validate", str(f), "--table", "events", "--format", "json"]) == 2
    rep = json.loads(capsys.readouterr().out)
    assert rep["fatal"]["rule"] == "empty_file" and rep["exit_code"] == 2 and rep["valid"] is False


def test_max_problems(pkg, tmp_path, capsys):
    f = tmp_path / "m.csv"
    f.write_bytes((H + "".join(R1.replace("row-0", f"r-{i}").replace("Baku", " Baku") for i in range(5))).encode())
    assert main(["validate", str(f), "--table", "events", "--package", str(pkg), "--max-problems", "2"]) == 1
    out = capsys.readouterr().out
    assert "... and 3 more problems not listed (use --max-problems 0 to list all)" in out
    assert out.endswith("invalid: 5 problems in 5 rows of table 'events'\n")


def test_template(pkg, tmp_path, capsys):
    assert main(["template", "--table", "quantities"]) == 0
    text = capsys.readouterr().out
    lines = text.splitlines()
    assert lines[0] == ("id,footnote,support,evidence,note,date,date_basis,date_from,attribution,attributed_to,unnamed_actors,"
                        "part_of,overlaps,measure,subject,actors,value,unit,qualifier,value_basis,event_id,agreement_id,transfer_id")
    assert lines[1].startswith("# Lines starting with '#' are comments and are skipped.")
    assert lines[2] == ("#1999-2015-azerbaijani-personnel-pfp-courses,2,sentence,1999-2015|762 askerî personel,,"
                        "1999/2015,stated,,asserted,,,,,"
                        "personnel,Azerbaijani military personnel who attended NATO Partnership for Peace courses "
                        "held in Türkiye,aze|tur,762,person,exact,stated,,,")
    f = tmp_path / "t.csv"
    f.write_text(text, encoding="utf-8")
    assert main(["validate", str(f), "--table", "quantities", "--package", str(pkg)]) == 1  # no rows yet
    f.write_text(text.replace("\n#1999", "\n1999"), encoding="utf-8")
    assert main(["validate", str(f), "--table", "quantities", "--package", str(pkg)]) == 0
