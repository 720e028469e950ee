"""Generated files match what the models generate; the descriptor is valid Frictionless."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from turaz_data.generate import GENERATED

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("rel", sorted(GENERATED))
def test_generated_file_has_not_drifted(rel):
    committed = (ROOT / rel).read_text(encoding="utf-8")
    assert committed == GENERATED[rel](), f"{rel} has drifted: run python scripts/generate.py"


def test_frictionless_validate_datapackage():
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(str(ROOT / "datapackage.json"))
    errors = [e["message"] for task in report.to_dict()["tasks"] for e in task.get("errors", [])]
    errors += [e["message"] for e in report.to_dict().get("errors", [])]
    assert report.valid, errors
    assert report.stats["tasks"] == len(json.loads((ROOT / "datapackage.json").read_text())["resources"])


def test_frictionless_cli_reports_no_errors():
    exe = shutil.which("frictionless") or str(Path(sys.executable).with_name("frictionless"))
    if not Path(exe).exists():
        pytest.skip("frictionless command not installed (pip install .[test])")
    out = subprocess.run([exe, "validate", "datapackage.json", "--json"], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout[-2000:]
    assert json.loads(out.stdout)["valid"] is True
