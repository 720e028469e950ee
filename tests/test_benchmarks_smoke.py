"""The benchmark script still runs: 1 run, no warm-up, 100-row files, report to a temp file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_benchmark_script_runs_on_tiny_inputs(tmp_path):
    out = tmp_path / "bench.md"
    p = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--smoke", "--out", str(out),
         "--workdir", str(tmp_path / "work")],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert p.returncode == 0, p.stderr[-3000:]
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Benchmarks")
    for section in ("## Machine", "## Targets", "## Import", "## Load each table", "## Validate a synthetic"):
        assert section in text
    assert "frictionless validate 100 rows (baseline)" in text
    assert not (ROOT / "BENCHMARKS.md").exists() or "--smoke" not in (ROOT / "BENCHMARKS.md").read_text(encoding="utf-8")
