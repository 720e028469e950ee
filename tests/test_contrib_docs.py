"""The sample report in docs/contributing.md is the real output of the command."""

from __future__ import annotations

import re

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
