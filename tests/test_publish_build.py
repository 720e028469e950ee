"""python -m build makes an sdist and a wheel that twine accepts; the wheel carries
the tables, datapackage.json and the codebook (tests/test_wheel.py installs it).

The sdist and the wheel are built once per session, from a copy of the working tree
(the ``dist`` fixture of tests/conftest.py, shared with tests/test_wheel.py).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_twine_check_passes(dist):
    files = sorted(str(p) for p in dist.iterdir())
    assert len(files) == 2
    r = subprocess.run([sys.executable, "-m", "twine", "check", "--strict", *files], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.count("PASSED") == 2


def test_wheel_carries_tables_descriptor_and_codebook(dist):
    (wheel,) = dist.glob("turaz_data-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    desc = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    want = {"turaz_data/_data/datapackage.json", "turaz_data/_data/codebook.md"}
    want |= {f"turaz_data/_data/{r['path']}" for r in desc["resources"]}
    assert want <= names
    meta = next(n for n in names if n.endswith(".dist-info/METADATA"))
    text = zipfile.ZipFile(wheel).read(meta).decode()
    for extra in ("export", "plot", "test", "all"):
        assert f"Provides-Extra: {extra}" in text
    assert "Requires-Dist: pyarrow>=14.0.1; extra == 'export'" in text


def test_sdist_carries_the_publishing_files(dist):
    (sdist,) = dist.glob("turaz_data-*.tar.gz")
    names = {n.split("/", 1)[1] for n in tarfile.open(sdist).getnames() if "/" in n}
    assert {"CITATION.cff", ".zenodo.json", "docs/codebook.md", "docs/publishing.md", "datapackage.json",
            "tests/data/cff-1.2.0.schema.json"} <= names
