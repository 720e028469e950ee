"""Generated files match what the models generate (checked once, here)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _generator():
    spec = importlib.util.spec_from_file_location("turaz_generate_script", ROOT / "scripts" / "generate.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


GENERATED = _generator().GENERATED


def test_publishing_files_are_generated():
    assert {"datapackage.json", "CITATION.cff", ".zenodo.json", "docs/codebook.md", "docs/cli.md"} <= set(GENERATED)


@pytest.mark.parametrize("rel", sorted(GENERATED))
def test_generated_file_has_not_drifted(rel):
    assert (ROOT / rel).exists(), f"{rel} is missing: run python scripts/generate.py"
    committed = (ROOT / rel).read_text(encoding="utf-8")
    assert committed == GENERATED[rel](), f"{rel} has drifted: run python scripts/generate.py"


def test_generate_check_reports_a_drifted_file_and_writes_nothing(tmp_path, monkeypatch, capsys):
    """scripts/generate.py --check names the drifted file and exits 1 (the drift itself is
    checked once, above: here the generators' texts are stand-ins)."""
    mod = _generator()
    texts = {rel: f"generated {rel}\n" for rel in GENERATED}
    for rel, text in texts.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    (tmp_path / "docs/cli.md").write_text("edited by hand\n", encoding="utf-8")
    monkeypatch.setattr(mod, "ROOT", tmp_path)
    monkeypatch.setattr(mod, "GENERATED", {rel: (lambda t=t: t) for rel, t in texts.items()})
    monkeypatch.setattr(sys, "argv", ["generate.py", "--check"])
    assert mod.main() == 1
    assert capsys.readouterr() == ("drifted: docs/cli.md\n", "")
    assert (tmp_path / "docs/cli.md").read_text(encoding="utf-8") == "edited by hand\n"
    monkeypatch.setattr(sys, "argv", ["generate.py"])
    assert mod.main() == 0
    assert capsys.readouterr() == ("wrote: docs/cli.md\n", "")
    assert (tmp_path / "docs/cli.md").read_text(encoding="utf-8") == texts["docs/cli.md"]
