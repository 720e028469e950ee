"""The real article for the tests that need it: found beside the repository, never copied.

``../shared/seeds/000_ccf2ee7b6882ff5b.txt`` (relative to the repository) or the file
named by ``$TURAZ_ARTICLE``.  When it is absent the tests skip with the reason, unless
``TURAZ_REQUIRE_ARTICLE=1`` (CI), which makes them fail instead.  Test modules import the
fixtures below by name.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from turaz_data.source.article import Article, load_article

SEED_RELATIVE = "../shared/seeds/000_ccf2ee7b6882ff5b.txt"


def article_path() -> Path:
    """$TURAZ_ARTICLE, else ../shared/seeds/ beside the repository."""
    env = os.environ.get("TURAZ_ARTICLE")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[1].parent / "shared/seeds/000_ccf2ee7b6882ff5b.txt"


@pytest.fixture(scope="session")
def real_text() -> str:
    path = article_path()
    if not path.is_file():
        msg = (
            f"article not found at {SEED_RELATIVE} (looked at {path}; or set TURAZ_ARTICLE): "
            "the real-article tests need the shared seed"
        )
        if os.environ.get("TURAZ_REQUIRE_ARTICLE") == "1":
            pytest.fail(msg + " and TURAZ_REQUIRE_ARTICLE=1 (CI) forbids skipping")
        pytest.skip(msg)
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def real_article(real_text: str) -> Article:
    return load_article(article_path())
