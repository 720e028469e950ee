"""The hostile corpus (tests/hostile/cases.py), run command by command in a worker process
limited to 1 GB and 30 s a command: each case's exit code and message, and for every case
the same guarantees: exit code 0, 1 or 2, no traceback or "internal error", the canary
file outside the package never printed, nothing outside the package written."""

from __future__ import annotations

import os
import signal
import sys

import pytest

pytest.importorskip("resource", reason="the hostile corpus runs on POSIX (FIFOs, rlimits)")

from .conftest import article_path
from .hostile.cases import CANARY, CASES, CLASSES, Env
from .hostile.worker import Worker, run_process


@pytest.fixture(scope="module")
def worker():
    w = Worker()
    yield w
    w.close()


def check_output(rc, out: str, err: str) -> None:
    text = out + err
    assert rc in (0, 1, 2), f"exit code {rc!r}:\n{text}"
    assert "Traceback" not in text and "internal error" not in text, text
    assert CANARY not in text, f"the content of a refused file was printed:\n{text}"


def test_every_class_has_cases():
    counts = {cls: sum(c.cls == cls for c in CASES) for cls in CLASSES}
    assert all(counts.values()), counts
    assert {c.cls for c in CASES} <= set(CLASSES)
    assert len({c.name for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile(case, worker, tmp_path):
    env = Env(tmp_path, article=article_path())
    run = case.build(env)
    if run.needs_article and env.article is None:
        if os.environ.get("TURAZ_REQUIRE_ARTICLE") == "1":
            pytest.fail("the article is needed (../shared) and TURAZ_REQUIRE_ARTICLE=1 forbids skipping")
        pytest.skip("verify needs the article (../shared/seeds/...)")
    rc, out, err = worker.run(run.argv)
    check_output(rc, out, err)
    assert rc == run.rc, f"{case.name}: exit {rc}, expected {run.rc}:\n{out}{err}"
    for text in run.says:
        assert text in out + err, f"{case.name}: expected {text!r} in:\n{out}{err}"
    if run.check:
        run.check()


# Exit codes of real processes, for the inputs that used to block, exhaust memory or end in exit 3.


@pytest.mark.parametrize("name", ["fifo_input", "dev_zero", "shape_json_list_validate", "shape_null_path_add",
                                  "path_parent_add", "lock_is_link"])
def test_process_exit_code(name, tmp_path):
    case = next(c for c in CASES if c.name == name)
    run = case.build(Env(tmp_path))
    proc = run_process(run.argv)
    check_output(proc.returncode, proc.stdout, proc.stderr)
    assert proc.returncode == run.rc, proc.stdout + proc.stderr


def test_interrupted_write_leaves_no_temporary_file(tmp_path, monkeypatch):
    """An interrupt during the write (Ctrl-C, or SIGTERM turned into one) removes the
    temporary file and leaves the table as it was."""
    from turaz_data.contrib import add as engine

    env = Env(tmp_path)
    table = env.root / "tables/events.csv"
    before = table.read_bytes()

    def interrupted(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        engine.add_file(env.new, "events", package=env.pkg)
    assert table.read_bytes() == before
    assert not [p.name for p in table.parent.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_terminate_becomes_interrupt():
    from turaz_data.contrib.hygiene import interrupt_on_terminate

    before = signal.getsignal(signal.SIGTERM)
    with pytest.raises(KeyboardInterrupt), interrupt_on_terminate():
        os.kill(os.getpid(), signal.SIGTERM)  # the handler runs at the next bytecode
        for _ in range(1000):
            pass
    assert signal.getsignal(signal.SIGTERM) is before
