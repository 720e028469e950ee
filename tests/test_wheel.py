"""The built wheel (the session's ``wheel`` fixture), installed with its declared
dependencies into a fresh virtual environment, loads, validates and exports every table
and serves the codebook when run from a directory outside the repository."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

CHECK = r"""
import json, sys, zipfile, turaz_data
from importlib.resources import files
from turaz_data.tables.storage import package_root
from turaz_data.publish.export import export
root = str(package_root())
assert "site-packages" in root, root
counts = {}
for name in turaz_data.table_names():
    df = turaz_data.load(name)
    turaz_data.validate(df, name)
    assert len(turaz_data.records(name)) == len(df)
    counts[name] = len(df)
text = files("turaz_data").joinpath("_data/codebook.md").read_text(encoding="utf-8")
assert text.startswith("<!-- Generated"), text[:80]
names = zipfile.ZipFile(export("zip", "x.zip")).namelist()
assert "codebook.md" in names and "datapackage.json" in names, names
print(json.dumps(counts))
"""


@pytest.fixture(scope="module")
def fresh_venv(wheel, tmp_path_factory) -> Path:
    """A virtual environment with nothing but the wheel and the dependencies it declares
    (installed by this interpreter's pip into it: no pip of its own, no byte-compiling,
    which makes the install several times quicker and checks the same)."""
    env_dir = tmp_path_factory.mktemp("venv")
    venv.create(env_dir, with_pip=False)
    py = env_dir / "bin" / "python"
    r = subprocess.run([sys.executable, "-m", "pip", "--python", str(py), "install", "--quiet", "--no-compile",
                        "--disable-pip-version-check", str(wheel)], capture_output=True, text=True, check=False)
    assert r.returncode == 0, r.stderr[-3000:]
    return env_dir


def test_wheel_in_fresh_venv(fresh_venv, tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    r = subprocess.run([str(fresh_venv / "bin" / "python"), "-c", CHECK], cwd=outside, capture_output=True, text=True,
                       env=env, check=False)
    assert r.returncode == 0, r.stderr[-3000:]
    import turaz_data

    counts = json.loads(r.stdout)
    assert counts == {n: len(turaz_data.load(n)) for n in turaz_data.table_names()}
    r = subprocess.run([str(fresh_venv / "bin" / "turaz-data"), "tables"], cwd=outside, capture_output=True,
                       text=True, env=env, check=False)
    assert r.returncode == 0 and r.stdout.startswith("table "), r.stderr
