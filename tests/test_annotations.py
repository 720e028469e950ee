"""--format github: GitHub workflow commands, exact output (issue 16)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from turaz_data.cli import main
from turaz_data.contrib.annotations import command, escape_data, escape_property

from ._contrib_support import example_row, make_package, to_csv


def _unescape(text: str) -> str:
    for code, ch in (("%3A", ":"), ("%2C", ","), ("%0A", "\n"), ("%0D", "\r"), ("%25", "%")):
        text = text.replace(code, ch)
    return text


def test_escaping_is_githubs():
    assert escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert escape_property("a,b: c%\n") == "a%2Cb%3A c%25%0A"
    assert command("error", "bad: 5%", file="tables/a,b.csv", line=3, col=7, title="rule: x") == (
        "::error file=tables/a%2Cb.csv,line=3,col=7,title=rule%3A x::bad: 5%25")
    assert command("notice", "hi") == "::notice::hi"


@given(st.text())
def test_escaping_round_trips_and_leaves_no_separator(text):
    data, prop = escape_data(text), escape_property(text)
    assert "\n" not in data and "\r" not in data
    assert not {",", ":", "\n", "\r"} & set(prop)
    assert _unescape(data) == text and _unescape(prop) == text


def test_validate_github_exact(tmp_path, monkeypatch, capsys):
    pkg = make_package(tmp_path / "pkg")
    monkeypatch.chdir(tmp_path)
    good = example_row("events", 1)
    bad = {**example_row("events", 2), "footnote": 99, "category": "picnic"}
    (tmp_path / "tables").mkdir(exist_ok=True)
    (tmp_path / "tables" / "events.csv").write_bytes(to_csv("events", [good, bad]))
    rc = main(["validate", "tables/events.csv", "--package", str(pkg), "--format", "github"])
    out = capsys.readouterr().out
    assert rc == 1
    line3 = (tmp_path / "tables" / "events.csv").read_text(encoding="utf-8").splitlines()[2]
    # the 1-based character columns of the two cells, found independently of the code
    col_category, col_footnote = line3.index(",picnic,") + 2, line3.index(",99,") + 2
    assert out.splitlines() == [
        (f"::error file=tables/events.csv,line=3,col={col_category},title=turaz-data enum::category: value 'picnic' "
         "not one of the allowed codes (war, military_operation, violence_against_civilians, ceasefire, deployment, "
         "exercise, visit, meeting_mechanism, institution, training, membership, policy_decision, statement, "
         "political_change, diplomatic_action). Fix: use one of these codes"),
        (f"::error file=tables/events.csv,line=3,col={col_footnote},title=turaz-data maximum::footnote: value '99' "
         "above the maximum 59. Fix: footnote must be 1-59; the article has no footnote 99"),
        "tables/events.csv: invalid: 2 problems in 2 rows of table 'events'",
    ]


def test_validate_github_on_a_workbook_names_sheet_rows(tmp_path, monkeypatch, capsys):
    openpyxl = __import__("pytest").importorskip("openpyxl")
    pkg = make_package(tmp_path / "pkg")
    monkeypatch.chdir(tmp_path)
    wb = openpyxl.Workbook()
    ws = wb.active
    rows = [r.split(",") for r in to_csv("events", [example_row("events", 1)]).decode().splitlines()]
    ws.append(rows[0])
    ws.append([])  # an empty sheet row: skipped, the next keeps its number
    bad = {**example_row("events", 2), "footnote": 99}
    import csv
    import io

    ws.append(next(csv.reader(io.StringIO(to_csv("events", [bad]).decode().splitlines()[1]))))
    wb.save(tmp_path / "events.xlsx")
    assert main(["validate", "events.xlsx", "--package", str(pkg), "--format", "github"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        ("::error file=events.xlsx,line=3,title=turaz-data maximum::footnote: value '99' above the "
        "maximum 59. Fix: footnote must be 1-59; the article has no footnote 99"),
        "events.xlsx: invalid: 1 problem in 1 row of table 'events'",
    ]


def test_verify_github_puts_each_failing_row_on_its_line(article, package_copy, monkeypatch, capsys):
    import csv
    import io

    tables = package_copy.parent / "tables"
    text = (tables / "events.csv").read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    head = rows[0]
    rows[5][head.index("evidence")] = "bir söz ki yok"
    buf = io.StringIO(newline="")
    csv.writer(buf, lineterminator="\n").writerows(rows)
    (tables / "events.csv").write_text(buf.getvalue(), encoding="utf-8")
    monkeypatch.chdir(package_copy.parent)
    rc = main(["verify", "--article", str(article), "--package", str(package_copy), "--format", "github"])
    out = capsys.readouterr().out.splitlines()
    assert rc == 1
    mine = [line for line in out if f"events/{rows[5][0]} " in line]  # its token first, then any value problem
    assert mine[:1] == [(f"::error file=tables/events.csv,line=6,title=turaz-data verify::events/{rows[5][0]} "
                    f"(footnote {rows[5][1]}, {rows[5][2]}): token \"bir söz ki yok\" not found anywhere in the article")]
    assert out[-1].startswith("rows: ") and all(line.startswith("::") for line in out[:-1])


def test_pre_commit_hook_validates_each_staged_table(package_copy, monkeypatch, capsys):
    """The hook of .pre-commit-hooks.yaml, run as pre-commit runs it: its entry, then the
    staged files its pattern matches (several at once); the table comes from each file's name."""
    import re
    import shlex

    import yaml

    from ._contrib_support import ROOT

    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    staged = ["tables/events.csv", "tables/actors.csv", "docs/codebook.md", "tables/sub/x.csv"]
    files = [f for f in staged if re.search(hook["files"], f)]
    assert files == ["tables/events.csv", "tables/actors.csv"] and hook["pass_filenames"]
    argv = shlex.split(hook["entry"])
    assert argv[:2] == ["turaz-data", "validate"]
    monkeypatch.chdir(package_copy.parent)
    assert main([*argv[1:], *files]) == 0
    from turaz_data.tables.storage import read_rows

    n = {t: len(read_rows(t, package_copy)) for t in ("events", "actors")}
    assert capsys.readouterr().out == (f"tables/events.csv: valid: {n['events']} rows of table 'events'\n"
                                       f"tables/actors.csv: valid: {n['actors']} rows of table 'actors'\n")
    bad = package_copy.parent / "tables" / "events.csv"
    bad.write_text(bad.read_text(encoding="utf-8").replace(",sentence,", ",sentense,", 1), encoding="utf-8")
    assert main([*argv[1:], *files]) == 1
    out = capsys.readouterr().out
    assert "[enum] not one of the allowed codes (sentence, paragraph, note)" in out
    assert out.endswith(f"tables/actors.csv: valid: {n['actors']} rows of table 'actors'\n")


def test_the_workflow_annotates_changed_tables():
    import yaml

    from ._contrib_support import ROOT

    flow = yaml.safe_load((ROOT / ".github" / "workflows" / "data.yml").read_text(encoding="utf-8"))
    assert flow[True]["pull_request"]["paths"][0] == "tables/**"  # YAML 1.1 reads the key 'on' as True
    steps = {s.get("name"): s for s in flow["jobs"]["check"]["steps"]}
    run = steps["Validate each changed table"]["run"]
    assert "turaz-data validate \"$f\" --replace --package . --format github" in run
    assert "TURAZ_ARTICLE_GZ_B64" in steps["The article (from a secret, if set)"]["env"]["ARTICLE"]
    assert steps["Verify every claim row against the article"]["if"] == "env.TURAZ_ARTICLE != ''"


def test_col_counts_lines_as_the_file_does(tmp_path, monkeypatch, capsys):
    """A cell holding U+2028 (a line separator for str.splitlines, not for CSV) does not
    move the next lines' columns."""
    pkg = make_package(tmp_path / "pkg")
    monkeypatch.chdir(tmp_path)
    first = {**example_row("events", 1), "place": "Ba\u2028ku"}
    bad = {**example_row("events", 2), "category": "picnic"}
    (tmp_path / "events.csv").write_bytes(to_csv("events", [first, bad]))
    assert main(["validate", "events.csv", "--package", str(pkg), "--format", "github"]) == 1
    lines = (tmp_path / "events.csv").read_text(encoding="utf-8").split("\n")
    col = lines[2].index(",picnic,") + 2
    out = capsys.readouterr().out.splitlines()
    assert [line.split("::")[1] for line in out if "picnic" in line] == [
        f"error file=events.csv,line=3,col={col},title=turaz-data enum"]
