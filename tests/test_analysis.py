"""The worked analysis in docs/analysis runs and says what the panel says."""

from __future__ import annotations

import runpy
import subprocess
import sys

import pytest

from tests.conftest import ROOT

SCRIPT = ROOT / "docs" / "analysis" / "cooperation_growth.py"


def test_cooperation_growth_runs_and_draws(tmp_path):
    pytest.importorskip("matplotlib")
    out = tmp_path / "figure.svg"
    r = subprocess.run([sys.executable, str(SCRIPT), "--output", str(out)], capture_output=True, text=True,
                       check=False, timeout=300)
    assert r.returncode == 0, r.stderr
    assert out.read_bytes().startswith(b"<?xml") and b"<svg" in out.read_bytes()[:500]
    assert "Agreements per year, 2010-2019 against 1992-2009: x" in r.stdout
    assert "Sources of the agreements since 2020" in r.stdout


def test_rates_are_the_panel_counts_per_year():
    import turaz_data

    mod = runpy.run_path(str(SCRIPT), run_name="analysis")
    table = mod["rates"]()
    d = turaz_data.panel(dyad=True)
    dyad = d[(d.ccode1 == 373) & (d.ccode2 == 640)]
    for label, start, end in mod["PERIODS"]:
        span = dyad[dyad.year.between(start, end)]
        assert table.loc[label, "agreements"] * (end - start + 1) == span.agreements.sum()
        assert table.loc[label, "joint exercises"] * (end - start + 1) == span.event_exercise.sum()

