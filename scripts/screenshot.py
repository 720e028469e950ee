"""Take the screenshot of the browsing page shown in the docs (docs/datasette-events.png).

    python scripts/screenshot.py            # writes docs/datasette-events.png

Starts ``turaz-data serve`` on a free port of 127.0.0.1, opens the events table in
headless Chromium (Debian's ``chromium``), saves the screenshot and stops the server.
A PNG is not byte-reproducible (fonts, anti-aliasing), so the file is not among the
generated files that the drift test checks; run this after changing the page.
The tests use the same helpers (tests/test_browse.py).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCREENSHOT = ROOT / "docs" / "datasette-events.png"
WINDOW = "1400,1700"


def free_port() -> int:
    """A TCP port of 127.0.0.1 that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running_server(port: int, timeout: float = 120.0, extra: tuple[str, ...] = ()):
    """``turaz-data serve`` on 127.0.0.1:``port`` while the block runs; yields its base URL."""
    cmd = [sys.executable, "-m", "turaz_data", "serve", "--host", "127.0.0.1", "--port", str(port), *extra]
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            deadline = time.monotonic() + timeout
            while True:
                try:
                    with urllib.request.urlopen(base + "/-/versions.json", timeout=5):
                        break
                except OSError as err:
                    if proc.poll() is not None or time.monotonic() > deadline:
                        log.seek(0)
                        raise RuntimeError(f"turaz-data serve did not start: {log.read().decode(errors='replace')}") from err
                    time.sleep(0.3)
            yield base
        finally:
            proc.send_signal(signal.SIGTERM)  # serve stops Datasette and removes its folder
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)  # the group of the process started above
                proc.wait()


def chromium(url: str, *, screenshot: Path | None = None, window: str = WINDOW, program: str = "chromium") -> str:
    """Load ``url`` in headless Chromium: the rendered DOM, and a screenshot if asked."""
    with tempfile.TemporaryDirectory(prefix="turaz-chromium-") as profile:
        base = [program, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--hide-scrollbars", f"--user-data-dir={profile}", f"--window-size={window}"]
        dom = subprocess.run([*base, "--dump-dom", url], capture_output=True, text=True, timeout=120, check=True)
        if screenshot is not None:
            subprocess.run([*base, f"--screenshot={screenshot}", url], capture_output=True, timeout=120, check=True)
        return dom.stdout


def main() -> int:
    program = shutil.which("chromium")
    if program is None:
        print("chromium is not installed (Debian: apt-get install chromium)", file=sys.stderr)
        return 2
    with running_server(free_port()) as base:
        chromium(base + "/turaz/events", screenshot=SCREENSHOT, program=program)
    print(f"wrote {SCREENSHOT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
