"""The README's example prints what the README says it prints; its test command is
the one CI runs."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _block(after: str, lang: str) -> str:
    m = re.search(re.escape(after) + r".*?```" + lang + r"\n(.*?)```", README, re.S)
    assert m, f"no ```{lang} block after {after!r} in README.md"
    return m.group(1)


def _printed(code: str) -> str:
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        exec(compile(code, "README.md", "exec"), {})
    return buf.getvalue()


def test_readme_example_output_is_current():
    assert _printed(_block("## Example", "python")) == _block("<!-- example-output:start -->", "text")


def test_readme_api_example_output_is_current():
    code = _block("Exercises and agreements per year, and where a row comes from:", "python")
    assert _printed(code) == _block("<!-- api-example-output:start -->", "text")


def test_readme_api_table_names_every_public_function():
    import turaz_data

    table = README.split("## Python API", 1)[1].split("\n\n", 2)[1]
    for name in turaz_data.__all__:
        if name != "__version__":
            assert f"turaz_data.{name}(" in table or name in ("verify",), name
    assert "`df.attrs`" in table


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "<!-- test-command:start -->" in README and "test-command:start" in ci
    assert _block("<!-- test-command:start -->", "sh").strip()


def test_readme_row_counts_match_the_tables():
    import turaz_data

    m = re.search(r"## The data\n.*?\n\| table \| rows \|.*?\n\|---.*?\n((?:\|[^\n]*\n)+)", README, re.S)
    assert m, "no table of row counts in the README's data section"
    counts = {}
    for line in m.group(1).splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        counts[cells[0].strip("`")] = int(cells[1])
    assert counts == {n: len(turaz_data.load(n)) for n in turaz_data.table_names()}
    report_line = re.search(r"(\d+) claim rows, all\s+verified against the article, citing (\d+) of the 59 footnotes", README)
    assert report_line
    claims = sum(counts[n] for n in ("events", "agreements", "arms_transfers", "quantities"))
    assert int(report_line.group(1)) == claims


def test_readme_starts_with_a_newcomers_two_commands():
    import tomllib

    head = README.split("\n## ", 1)[0]  # before the first section
    commands = _block("**First look**", "sh").strip().splitlines()
    assert len(commands) == 2 and "**First look**" in head
    assert commands[0].startswith('pip install ".[serve]" && turaz-data serve')
    assert commands[1].startswith('pip install ".[test]" && python -m pytest')
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    assert any(d.startswith("datasette") for d in extras["serve"])
