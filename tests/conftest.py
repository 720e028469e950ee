"""Shared fixtures: the real article, when ../shared has it."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seeds" / "000_ccf2ee7b6882ff5b.txt"


def article_path() -> Path | None:
    env = os.environ.get("TURAZ_ARTICLE")
    path = Path(env) if env else SEED
    return path if path.is_file() else None


@pytest.fixture(scope="session")
def article() -> Path:
    path = article_path()
    if path is None:
        msg = f"the article is not at {SEED} (nor in $TURAZ_ARTICLE): the real-article tests need ../shared"
        if os.environ.get("TURAZ_REQUIRE_ARTICLE") == "1":
            pytest.fail(msg + " and TURAZ_REQUIRE_ARTICLE=1 (CI) forbids skipping")
        pytest.skip(msg)
    return path


@pytest.fixture
def package_copy(tmp_path) -> Path:
    """A writable copy of the shipped data package; returns its datapackage.json."""
    from turaz_data.tables.storage import package_root

    root = Path(str(package_root()))
    dst = tmp_path / "pkg"
    shutil.copytree(root / "tables", dst / "tables")
    shutil.copy(root / "datapackage.json", dst / "datapackage.json")
    return dst / "datapackage.json"


def require_program(name: str, why: str) -> str:
    """The path of an external program a real-client test needs (R, Rscript, chromium, ...).

    Skips with the reason where it is absent, except in CI (``TURAZ_REQUIRE_CLIENTS=1``,
    set by ``.ci/run``), where a missing client fails the test instead.
    """
    path = shutil.which(name)
    if path is None:
        msg = f"{name} is not installed: {why}"
        if os.environ.get("TURAZ_REQUIRE_CLIENTS") == "1":
            pytest.fail(msg + " (TURAZ_REQUIRE_CLIENTS=1: CI installs it and must not skip)")
        pytest.skip(msg)
    return path


def load_script(name: str):
    """A module of scripts/ (not a package), loaded from its file: ``load_script("generate")``."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(f"turaz_script_{name}", ROOT / "scripts" / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod
