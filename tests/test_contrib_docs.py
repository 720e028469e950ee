"""The sample report in docs/contributing.md is the real output of the command."""

from __future__ import annotations

import re

import pytest

from turaz_data.cli import main

from ._contrib_support import ROOT, make_package

DOC = (ROOT / "docs" / "contributing.md").read_text(encoding="utf-8")


def block(after: str) -> str:
    m = re.search(re.escape(after) + r".*?```\n(.*?)```", DOC, re.S)
    assert m, after
    return m.group(1)


def test_sample_report_is_real(tmp_path, monkeypatch, capsys):
    pkg = make_package(tmp_path / "pkg")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "my-events.csv").write_text(block("The file was:"), encoding="utf-8")
    rc = main(["validate", "my-events.csv", "--table", "events", "--package", str(pkg)])
    sample = block("A sample (real output").splitlines()
    assert sample[0] == "$ turaz-data validate my-events.csv --table events"
    assert sample[-2:] == ["$ echo $?", str(rc)]
    assert capsys.readouterr().out.splitlines() == sample[1:-2]


def _section(title: str) -> str:
    start = DOC.index(f"## {title}\n")
    end = DOC.index("\n## ", start + 4)
    return DOC[start:end]


def _md_table(text: str) -> list[list[str]]:
    """The rows of a Markdown table (``\\|`` is a pipe inside a cell)."""
    rows = []
    for line in text.splitlines():
        if line.startswith("|") and not set(line) <= set("|- "):
            cells = re.split(r"(?<!\\)\|", line.strip()[1:-1])
            rows.append([c.strip().replace("\\|", "|") for c in cells])
    return rows


def _run_block(block: str, capsys, extra: list[str]) -> None:
    """Run each ``$ turaz-data ...`` line of a block; compare what it prints."""
    import shlex

    lines = block.splitlines()
    rc = None
    i = 0
    while i < len(lines):
        assert lines[i].startswith("$ "), lines[i]
        argv = shlex.split(lines[i][2:])
        expected = []
        i += 1
        while i < len(lines) and not lines[i].startswith("$ "):
            expected.append(lines[i])
            i += 1
        if argv == ["echo", "$?"]:
            assert expected == [str(rc)]
            continue
        assert argv[0] == "turaz-data"
        rc = main(argv[1:] + (extra if argv[1] != "template" else []))
        assert capsys.readouterr().out.splitlines() == expected, argv


def test_the_whole_way_in_a_spreadsheet_is_real(article, package_copy, monkeypatch, capsys):
    """docs/contributing.md, "The whole way in a spreadsheet": template, fill, validate,
    review, correct, validate, add --dry-run, add; every output as the page shows it."""
    import shutil

    openpyxl = pytest.importorskip("openpyxl")
    text = _section("The whole way in a spreadsheet")
    blocks = re.findall(r"```\n(.*?)```", text, re.DOTALL)
    tables = re.findall(r"((?:^\|.*\n)+)", text, re.MULTILINE)
    root = package_copy.parent
    monkeypatch.chdir(root)
    shutil.copyfile(article, root / "article.txt")
    extra = ["--package", "."]
    _run_block(blocks[0], capsys, extra)  # the template
    typed = _md_table(tables[0])
    wb = openpyxl.load_workbook(root / "my-events.xlsx")
    ws = wb["events"]
    header = [c.value for c in ws[1]]
    for cells in typed[1:]:
        row = dict(zip(typed[0], cells, strict=False))
        for col, name in enumerate(header, start=1):
            ws.cell(row=int(row["row"]), column=col).value = row.get(name) or None
    wb.save(root / "my-events.xlsx")
    _run_block(blocks[1], capsys, extra)  # validate: problems
    _run_block(blocks[2], capsys, extra)  # review
    page = (root / "review.html").read_text(encoding="utf-8")
    assert "contradicted" in page and "found in the passage" in page
    wb = openpyxl.load_workbook(root / "my-events.xlsx")
    for row, column, value in _md_table(tables[1])[1:]:
        wb["events"].cell(row=int(row), column=header.index(column) + 1).value = value
    wb.save(root / "my-events.xlsx")
    before = (root / "tables" / "events.csv").read_bytes()
    _run_block(blocks[3], capsys, extra)  # validate, add --dry-run, add
    after = (root / "tables" / "events.csv").read_bytes()
    assert after != before and b"1993-04-kalbajar-falls," in after
