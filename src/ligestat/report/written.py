"""Never overwrite what someone changed: the report files ligestat wrote, by checksum.

``write_report`` keeps ``.ligestat-written.json`` in the output folder: each file it
wrote with its SHA-256. A later run replaces a file only while it is byte for byte
what ligestat wrote; a file edited since (a Word file finished by hand) or not
written by ligestat at all is an error naming it, unless ``force``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path

from ligestat.errors import RenderError

__all__ = ["MANIFEST", "check_overwrite", "record_written"]

MANIFEST = ".ligestat-written.json"


def _digest(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _manifest(folder: Path) -> dict[str, str]:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def check_overwrite(paths: Sequence[Path], force: bool = False) -> None:
    """Raise before anything is written when a target exists and is not ligestat's own,
    unchanged output."""
    if force:
        return
    changed = []
    for path in paths:
        if not path.exists():
            continue
        known = _manifest(path.parent).get(path.name)
        if known is None or not path.is_file() or _digest(path) != known:
            changed.append(path)
    if changed:
        names = ", ".join(str(p) for p in changed)
        one = len(changed) == 1
        raise RenderError(
            f"{names} {'was' if one else 'were'} changed since ligestat wrote "
            f"{'it' if one else 'them'} (or not written by ligestat); nothing was written. "
            "Move the file away or choose another --out folder; --force overwrites.")


def record_written(path: Path) -> None:
    """Remember ``path``'s checksum as ligestat's own output."""
    entries = _manifest(path.parent)
    entries[path.name] = _digest(path)
    (path.parent / MANIFEST).write_text(json.dumps(entries, indent=1, sort_keys=True) + "\n",
                                        encoding="utf-8")
