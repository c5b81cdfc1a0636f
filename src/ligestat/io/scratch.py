"""Converted HR data reaches DuckDB without a plain-text copy on disk.

A workbook sheet or a Windows-1252 CSV file is converted to UTF-8 CSV text by a
writer thread into a *named pipe*, which DuckDB reads like a file; the pipe
holds no data on disk, so a run killed half-way leaves nothing behind. Where the
system has no named pipes (Windows) the text goes to a file in a private
per-run folder; every run first removes the folders of runs that no longer
live, so a killed run's copy is gone by the next run.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TextIO

__all__ = ["feed", "private_dir", "run_dir"]

Writer = Callable[[TextIO], None]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def _base() -> Path:
    user = getattr(os, "getuid", lambda: os.environ.get("USERNAME", "user"))()
    base = Path(tempfile.gettempdir()) / f"ligestat-{user}"
    base.mkdir(mode=0o700, exist_ok=True)
    return base


def _sweep(base: Path) -> None:
    """Remove the folders of earlier runs whose process is gone (killed runs)."""
    for entry in base.glob("run-*"):
        try:
            pid = int(entry.name.split("-")[1])
        except (IndexError, ValueError):
            continue
        if pid != os.getpid() and not _alive(pid):
            shutil.rmtree(entry, ignore_errors=True)


def private_dir() -> Path:
    """A new private folder for this run (mode 0700) that the caller removes; leftovers of
    killed runs are removed first."""
    base = _base()
    _sweep(base)
    return Path(tempfile.mkdtemp(prefix=f"run-{os.getpid()}-", dir=base))


@contextlib.contextmanager
def run_dir() -> Iterator[Path]:
    """A private folder for this run (mode 0700), removed at the end; leftovers of killed
    runs are removed first."""
    path = private_dir()
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


@contextlib.contextmanager
def feed(write: Writer) -> Iterator[Path]:
    """A path whose contents are the UTF-8 text ``write`` produces, readable once.

    An exception raised by ``write`` (other than the reader hanging up) is re-raised
    when the block ends, in preference to the reader's own error about the cut text.
    """
    with run_dir() as folder:
        path = folder / "feed.csv"
        if not hasattr(os, "mkfifo"):
            with path.open("w", encoding="utf-8", newline="") as f:
                write(f)
            yield path
            return
        os.mkfifo(path, 0o600)
        failure: list[BaseException] = []
        opened = threading.Event()

        def run() -> None:
            try:
                with path.open("w", encoding="utf-8", newline="") as f:
                    opened.set()
                    write(f)
            except BrokenPipeError:
                pass  # the reader stopped early; its error says why
            except BaseException as exc:  # handed to the calling thread
                failure.append(exc)
            finally:
                opened.set()

        thread = threading.Thread(target=run, name="ligestat-feed", daemon=True)
        thread.start()
        try:
            yield path
        finally:
            if not opened.is_set():  # the reader never opened the pipe: let the writer in
                fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
                try:
                    opened.wait()
                finally:
                    os.close(fd)  # the writer's next write fails: it stops
            thread.join()
            if failure:
                raise failure[0]
