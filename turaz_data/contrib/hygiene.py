"""What ``add`` leaves behind, and what it refuses to write through.

- :func:`remove_leftovers`: the temporary files of an earlier ``add`` that was killed
  during its write (``tables/.NAME.csv.XXXXXXXX.tmp``, the names
  :func:`turaz_data.tables.storage.atomic_write` gives them) are removed by the next
  ``add``, under the package lock, so no other add is writing them;
- :func:`check_lock_path`: the lock file must be a regular file or absent; a symbolic
  link (or a folder, a pipe, ...) planted at its place is refused, since taking the
  lock opens and truncates it;
- :func:`interrupt_on_terminate`: SIGTERM (and SIGHUP) raise ``KeyboardInterrupt``
  during an add, so that the clean-up of the atomic write runs as it does for Ctrl-C.

Standard library only.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import stat
from collections.abc import Iterator
from pathlib import Path

from turaz_data.errors import TurazError


class HostilePathError(TurazError):
    """A path ``add`` would write through is not a plain file (exit code 2)."""


def leftovers(table: Path) -> list[Path]:
    """Temporary files of earlier writes of ``table`` (``.NAME.*.tmp`` beside it)."""
    pattern = re.compile(r"^\." + re.escape(table.name) + r"\.[A-Za-z0-9_]{1,32}\.tmp$")
    try:
        names = os.listdir(table.parent)
    except OSError:
        return []
    return [table.parent / n for n in sorted(names) if pattern.match(n)]


def remove_leftovers(table: Path) -> list[Path]:
    """Remove the temporary files :func:`leftovers` finds (files and links, never folders)."""
    removed = []
    for p in leftovers(table):
        try:
            if stat.S_ISDIR(os.lstat(p).st_mode):
                continue
            os.unlink(p)
            removed.append(p)
        except OSError:
            continue
    return removed


def check_lock_path(lock: Path) -> None:
    """Refuse a lock path that exists and is not a regular file (a planted link, ...)."""
    try:
        mode = os.lstat(lock).st_mode
    except FileNotFoundError:
        return
    if stat.S_ISREG(mode):
        return
    what = "a symbolic link" if stat.S_ISLNK(mode) else "not a regular file"
    raise HostilePathError(
        f"the lock file {lock} is {what}; add takes the lock by opening and truncating that file, so it "
        f"does not go through it. Fix: delete {lock} (it is re-created as an empty file); nothing was written")


@contextlib.contextmanager
def interrupt_on_terminate() -> Iterator[None]:
    """Within the block, SIGTERM and SIGHUP raise KeyboardInterrupt (the main thread only)."""
    def handler(signum, frame):
        raise KeyboardInterrupt

    old = {}
    try:
        for name in ("SIGTERM", "SIGHUP"):
            sig = getattr(signal, name, None)
            if sig is not None:
                try:
                    old[sig] = signal.signal(sig, handler)
                except ValueError:  # not the main thread
                    pass
        yield
    finally:
        for sig, h in old.items():
            signal.signal(sig, h)
