"""CLI commands of this family (placeholder until the family is built)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add this family's commands to ``app``."""
