"""JSON documents as text a person can read and a program writes fast.

``json.dumps(…, indent=2)`` runs Python's pure-Python encoder (the C encoder has no
indentation) and puts every figure on a line of its own: for a document of many
organisations that is seconds and hundreds of thousands of lines. :func:`dumps`
indents objects, and writes each element of a list on one line with the C encoder:
a table's rows one per line.
"""

from __future__ import annotations

import json
from typing import Any

__all__ = ["dumps"]

_ROW = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": "))


def dumps(value: Any, indent: int = 2, _level: int = 0) -> str:
    """``value`` as JSON: objects indented, lists one element per line (no newline at
    the end)."""
    pad, inner = " " * (indent * _level), " " * (indent * (_level + 1))
    if isinstance(value, dict) and value:
        items = [f"{inner}{_ROW.encode(str(k))}: {dumps(v, indent, _level + 1)}"
                 for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(value, list | tuple) and value:
        return "[\n" + ",\n".join(inner + _ROW.encode(v) for v in value) + "\n" + pad + "]"
    return _ROW.encode(value)
