"""Generated files match what the models generate (checked once, here)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import load_script

ROOT = Path(__file__).resolve().parents[1]
GENERATED = load_script("generate").GENERATED


def test_publishing_files_are_generated():
    assert {"datapackage.json", "CITATION.cff", ".zenodo.json", "docs/codebook.md"} <= set(GENERATED)


@pytest.mark.parametrize("rel", sorted(GENERATED))
def test_generated_file_has_not_drifted(rel):
    assert (ROOT / rel).exists(), f"{rel} is missing: run python scripts/generate.py"
    committed = (ROOT / rel).read_text(encoding="utf-8")
    assert committed == GENERATED[rel](), f"{rel} has drifted: run python scripts/generate.py"


def test_generate_check_script_reports_no_drift():
    r = subprocess.run([sys.executable, "scripts/generate.py", "--check"], cwd=ROOT, capture_output=True, text=True)
    assert (r.returncode, r.stdout, r.stderr) == (0, "", "")
