"""A worker process that runs ``turaz-data`` commands one after another for the hostile
tests: started once with a 1 GB address-space limit, it reads one JSON request a line
(``{"argv": [...]}``) and answers one JSON line (``{"rc": ..., "out": ..., "err": ...}``).

Running many commands in one process keeps the corpus and the fuzzing fast (pandas and
pyarrow are imported once); the harness (:class:`Worker`) kills it when a command does
not answer within its time limit, and sees it die when a command exceeds the memory
limit, so neither a hang nor a memory blow-up can pass unseen.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import queue
import resource
import subprocess
import sys
import threading
from pathlib import Path

#: Limits every command must keep: seconds and bytes of address space.
TIMEOUT = 30.0
MEMORY = 1 << 30
ROOT = Path(__file__).resolve().parents[2]


def _serve() -> None:
    from turaz_data.cli import main

    out_stream = sys.stdout
    for line in sys.stdin:
        req = json.loads(line)
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                rc = main(req["argv"])
            except BaseException as e:  # noqa: BLE001 - reported to the harness, which fails the test
                rc = f"raised {type(e).__name__}: {e}"
        out_stream.write(json.dumps({"rc": rc, "out": out.getvalue(), "err": err.getvalue()}) + "\n")
        out_stream.flush()


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


class Hung(AssertionError):
    pass


class Worker:
    """The harness side: ``run(argv)`` -> (rc, stdout, stderr) of one command."""

    def __init__(self) -> None:
        self.proc: subprocess.Popen | None = None

    def _start(self) -> None:
        env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
        self.proc = subprocess.Popen([sys.executable, "-m", "tests.hostile.worker"], cwd=ROOT, env=env,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                     preexec_fn=_limit, bufsize=1)  # noqa: PLW1509 - setrlimit only
        self.lines: queue.Queue = queue.Queue()
        threading.Thread(target=self._pump, args=(self.proc,), daemon=True).start()

    def _pump(self, proc) -> None:
        for line in proc.stdout:
            self.lines.put(line)
        self.lines.put(None)

    def run(self, argv: list[str], timeout: float = TIMEOUT) -> tuple[int, str, str]:
        if self.proc is None or self.proc.poll() is not None:
            self._start()
        self.proc.stdin.write(json.dumps({"argv": [str(a) for a in argv]}) + "\n")
        self.proc.stdin.flush()
        try:
            line = self.lines.get(timeout=timeout)
        except queue.Empty:
            self.close()
            raise Hung(f"turaz-data {' '.join(map(str, argv))} did not finish within {timeout:g} s") from None
        if line is None:
            code = self.proc.wait()
            self.proc = None
            raise AssertionError(f"turaz-data {' '.join(map(str, argv))} killed the process (exit {code}): "
                                 f"more than {MEMORY >> 20} MB, or a crash")
        answer = json.loads(line)
        return answer["rc"], answer["out"], answer["err"]

    def close(self) -> None:
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait()
            self.proc = None


def run_process(argv: list[str], timeout: float = TIMEOUT) -> subprocess.CompletedProcess:
    """One command in a process of its own (``python -m turaz_data``), with the same limits."""
    return subprocess.run([sys.executable, "-m", "turaz_data", *map(str, argv)], capture_output=True, text=True,
                          timeout=timeout, preexec_fn=_limit, cwd=ROOT, check=False)


if __name__ == "__main__":
    _serve()
