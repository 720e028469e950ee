"""python -m build makes an sdist and a wheel that twine accepts; the wheel carries
the tables, datapackage.json and the codebook, and serves them when installed.

Builds from a copy of the working tree (nothing is written into the repository).
README.md belongs to the lead; where this checkout has none yet, the copy gets a
one-line stand-in so that the build (pyproject's readme) can run.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
IGNORE = shutil.ignore_patterns(".git", "dist", "build", "__pycache__", "*.pyc", ".pytest_cache", ".hypothesis",
                                ".ci-venv", "*.egg-info")


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    if os.environ.get("TURAZ_SKIP_WHEEL") == "1":
        pytest.skip("TURAZ_SKIP_WHEEL=1")
    src = tmp_path_factory.mktemp("src") / "turaz"
    shutil.copytree(ROOT, src, ignore=IGNORE)
    if not (src / "README.md").exists():
        (src / "README.md").write_text("# turaz-data\n\nStand-in README for the build test.\n", encoding="utf-8")
    out = src / "dist"
    r = subprocess.run([sys.executable, "-m", "build", "--no-isolation", "--sdist", "--wheel", "--outdir", str(out), str(src)],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr[-3000:]
    return out


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


def test_installed_wheel_serves_the_codebook_and_exports(dist, tmp_path):
    (wheel,) = dist.glob("turaz_data-*.whl")
    target = tmp_path / "site"
    r = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-compile",
                        "--disable-pip-version-check", "--target", str(target), str(wheel)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr[-3000:]
    code = (
        "from importlib.resources import files\n"
        "from turaz_data.tables.storage import package_root\n"
        "from turaz_data.publish.export import export\n"
        "import zipfile\n"
        "assert 'site' in str(package_root()), package_root()\n"
        "text = files('turaz_data').joinpath('_data/codebook.md').read_text(encoding='utf-8')\n"
        "assert text.startswith('<!-- Generated')\n"
        "names = zipfile.ZipFile(export('zip', 'x.zip')).namelist()\n"
        "assert 'codebook.md' in names and 'datapackage.json' in names, names\n"
        "print('ok')\n"
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    r = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert r.stdout.strip() == "ok", r.stderr[-3000:]
