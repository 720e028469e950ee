"""What the tests share, defined once: the article fixtures, the package copy, the built
wheel and sdist, the Hypothesis profiles, and ``require_program`` for real clients.

Hypothesis profiles (``tests/strategies.py`` scales each test's example count by them):

- ``ci``: the full example counts (CI: ``.ci/run`` sets ``HYPOTHESIS_PROFILE=ci``);
- ``dev`` (the default): a quarter of them, for a quick run while editing.

Select one with ``HYPOTHESIS_PROFILE=ci`` or ``python -m pytest --hypothesis-profile ci``.
Tests marked ``slow`` (a million-row file) are deselected by default; run them with
``python -m pytest -m slow``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parents[1]
SEED_RELATIVE = "../shared/seeds/000_ccf2ee7b6882ff5b.txt"
SEED = ROOT.parent / "shared" / "seeds" / "000_ccf2ee7b6882ff5b.txt"

# --------------------------------------------------------------------------- Hypothesis profiles

#: No deadline and no too_slow health check (the machine is shared: timing is not what a
#: property checks); the other health checks stay on unless a test suppresses them itself.
_COMMON = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}
#: max_examples of each profile; a test asking for N examples in ``ci`` runs N * max_examples / 100.
settings.register_profile("ci", max_examples=100, print_blob=True, **_COMMON)
settings.register_profile("dev", max_examples=25, **_COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


# --------------------------------------------------------------------------- the article


def article_path() -> Path | None:
    """The article: ``$TURAZ_ARTICLE``, else ../shared/seeds/ beside the repository; None when absent."""
    env = os.environ.get("TURAZ_ARTICLE")
    path = Path(env) if env else SEED
    return path if path.is_file() else None


@pytest.fixture(scope="session")
def article() -> Path:
    """The path of the real article (skips with the reason when absent; fails in CI)."""
    path = article_path()
    if path is None:
        msg = (f"the article is not at {SEED_RELATIVE} (nor in $TURAZ_ARTICLE): "
               "the real-article tests need ../shared")
        if os.environ.get("TURAZ_REQUIRE_ARTICLE") == "1":
            pytest.fail(msg + " and TURAZ_REQUIRE_ARTICLE=1 (CI) forbids skipping")
        pytest.skip(msg)
    return path


@pytest.fixture(scope="session")
def real_text(article: Path) -> str:
    return article.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def real_article(article: Path):
    """The parsed real article, parsed once per session."""
    from turaz_data.source.verify import open_article

    return open_article(article)


# --------------------------------------------------------------------------- a copy of the package


def copy_package(dest: Path) -> Path:
    """A writable copy of the shipped data package (datapackage.json and tables/) in ``dest``;
    returns the path of its datapackage.json."""
    from turaz_data.tables.storage import package_root

    root = Path(str(package_root()))
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copytree(root / "tables", dest / "tables")
    shutil.copy(root / "datapackage.json", dest / "datapackage.json")
    return dest / "datapackage.json"


@pytest.fixture
def package_copy(tmp_path) -> Path:
    """A writable copy of the shipped data package; returns its datapackage.json."""
    return copy_package(tmp_path / "pkg")


# --------------------------------------------------------------------------- the built distributions

IGNORE = shutil.ignore_patterns(".git", "dist", "build", "__pycache__", "*.pyc", ".pytest_cache", ".hypothesis",
                                ".ci-venv", "*.egg-info", ".ruff_cache", ".benchmarks")


@pytest.fixture(scope="session")
def dist(tmp_path_factory) -> Path:
    """The sdist and the wheel, built once per session from a copy of the working tree
    (nothing is written into the repository); returns the folder holding both."""
    src = tmp_path_factory.mktemp("src") / "turaz"
    shutil.copytree(ROOT, src, ignore=IGNORE)
    out = tmp_path_factory.mktemp("dist")
    r = subprocess.run([sys.executable, "-m", "build", "--no-isolation", "--sdist", "--wheel", "--outdir", str(out),
                        str(src)], capture_output=True, text=True, check=False)
    assert r.returncode == 0, r.stderr[-3000:]
    return out


@pytest.fixture(scope="session")
def wheel(dist) -> Path:
    (path,) = dist.glob("turaz_data-*.whl")
    return path


# --------------------------------------------------------------------------- real clients


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
