"""The test suite's own conventions: Hypothesis profiles instead of environment knobs, the
slow marker deselected by default, the doctests collected, one article fixture, one
package copy, one row generator."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from hypothesis import settings

from .strategies import examples

ROOT = Path(__file__).resolve().parents[1]
TESTS = sorted((ROOT / "tests").glob("*.py"))


def test_profiles_are_registered_and_scale_the_example_counts():
    assert settings.get_profile("ci").max_examples == 100
    assert settings.get_profile("dev").max_examples == 25
    current = settings.get_current_profile_name()
    try:
        settings.load_profile("ci")
        assert [examples(n) for n in (25, 60, 300)] == [25, 60, 300]
        settings.load_profile("dev")
        assert [examples(n) for n in (1, 25, 60, 300)] == [1, 6, 15, 75]
    finally:
        settings.load_profile(current)


def test_no_environment_knobs_for_example_counts_or_slow_tests():
    knob = re.compile(r"TURAZ_(SLOW|FUZZ_EXAMPLES|PROPERTY_EXAMPLES|HYPOTHESIS_EXAMPLES|SKIP_WHEEL)")
    for path in TESTS:
        if path.name == "test_testsuite.py":
            continue
        assert not knob.search(path.read_text(encoding="utf-8")), f"{path.name}: use a profile or a marker"


def test_pytest_configuration_runs_doctests_and_deselects_slow_tests():
    conf = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["pytest"]["ini_options"]
    assert "turaz_data" in conf["testpaths"]
    assert "--doctest-modules" in conf["addopts"] and "-m 'not slow'" in conf["addopts"]
    assert any(m.startswith("slow:") for m in conf["markers"])
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "export HYPOTHESIS_PROFILE=ci" in ci


def test_one_article_fixture_one_package_copy_one_build():
    for path in TESTS:
        if path.name in ("conftest.py", "test_testsuite.py"):
            continue
        text = path.read_text(encoding="utf-8")
        assert "000_ccf2ee7b6882ff5b" not in text, f"{path.name}: use the article fixtures of conftest.py"
        assert "copytree" not in text, f"{path.name}: use conftest.copy_package or the package_copy fixture"
        assert '"build"' not in text and "'build'" not in text, f"{path.name}: use the dist/wheel fixtures"
