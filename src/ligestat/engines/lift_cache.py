"""Lifted statements kept on disk, so a run of many organisations need not lift them again.

Lifting (:mod:`ligestat.engines.lift`) parses and rewrites each statement shape with
sqlglot: about half a second a run, spent again by every ``ligestat tables`` process on
the same shapes. The result of :func:`ligestat.engines.lift._lifted` depends only on its
arguments, the lifting code and sqlglot, so it is kept in a file whose name is a hash of
the arguments, in a folder named by a hash of ``lift.py`` and sqlglot's ``_version.py``
(which names its release and commit): a change of either starts an empty folder, and
the folders of other versions are removed when it is made. A file is used only when it
is a JSON object holding exactly the arguments asked for and one result (the lifted
template, or lifting's refusal); anything else — unreadable, truncated, another key —
is ignored and written again. Nothing about the data is kept: a template names no
organisation and holds no frame's rows, only the statement's own text.

Where: ``$LIGESTAT_CACHE_DIR``, else ``%LOCALAPPDATA%/ligestat/cache`` on Windows, else
``$XDG_CACHE_HOME/ligestat``, else ``~/.cache/ligestat``; ``LIGESTAT_CACHE_DIR=off``
keeps nothing. A folder that cannot be made or written only means no cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

__all__ = ["ENV", "folder", "load", "store"]

ENV = "LIGESTAT_CACHE_DIR"
_PREFIX = "lift-"


def _root() -> Path | None:
    chosen = os.environ.get(ENV, "").strip()
    if chosen.lower() == "off":
        return None
    if chosen:
        return Path(chosen)
    if os.name == "nt" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "ligestat" / "cache"
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    return (Path(base) if base else Path.home() / ".cache") / "ligestat"


@lru_cache(maxsize=1)
def _version() -> str | None:
    """A hash of the lifting code and of sqlglot's release; None when either is unknown
    (then nothing is cached)."""
    import importlib.util

    try:
        spec = importlib.util.find_spec("sqlglot")
        if spec is None or spec.origin is None:
            return None
        digest = hashlib.sha256()
        for path in (Path(__file__).with_name("lift.py"),
                     Path(spec.origin).with_name("_version.py")):
            digest.update(path.read_bytes())
            digest.update(b"\0")
    except (OSError, ImportError, ValueError):
        return None
    return digest.hexdigest()[:20]


def folder() -> Path | None:
    """This version's folder of lifted statements (not necessarily made yet), or None."""
    root, version = _root(), _version()
    if root is None or version is None:
        return None
    return root / f"{_PREFIX}{version}"


def _file(key: list[Any]) -> Path | None:
    where = folder()
    if where is None:
        return None
    text = json.dumps(key, separators=(",", ":"))
    return where / f"{hashlib.sha256(text.encode()).hexdigest()}.json"


def load(key: list[Any]) -> dict[str, str] | None:
    """The result kept for ``key``: ``{"sql": template}`` or ``{"refused": reason}``; None
    when there is none, or the file is not exactly one for this key."""
    path = _file(key)
    if path is None:
        return None
    try:
        got = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(got, dict) or got.get("key") != key or len(got) != 2:
        return None
    kind = next(k for k in got if k != "key")
    if kind not in ("sql", "refused") or not isinstance(got[kind], str):
        return None
    return {kind: got[kind]}


def store(key: list[Any], value: dict[str, str]) -> None:
    """Keep ``value`` for ``key`` (written whole or not at all; errors are ignored)."""
    path = _file(key)
    if path is None:
        return
    made = not path.parent.is_dir()
    tmp = None
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump({"key": key, **value}, f, separators=(",", ":"))
        os.replace(tmp, path)
        tmp = None
    except (OSError, ValueError):
        return
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    if made:  # a new version: the other versions' folders are of no more use
        for old in path.parent.parent.glob(f"{_PREFIX}*"):
            if old != path.parent and old.is_dir():
                shutil.rmtree(old, ignore_errors=True)
