"""Lifted statements kept on disk between runs (``ligestat.engines.lift_cache``).

The definition: a run given a kept statement lifts nothing and gets exactly the
statement lifting gives; a statement, lifting code or sqlglot that differs from the
kept one's is lifted again; a kept file that is not exactly one for the statement
(corrupt, truncated, another key, a folder) is ignored, and a cache that cannot be
written is no cache — never a failed run.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ligestat.engines import lift as lift_module
from ligestat.engines import lift_cache
from ligestat.engines.lift import Unliftable, lift, mask

TABLES = ("employees", "pay")
SQL = ("SELECT g.gender, count(e.gender) AS n FROM (VALUES ('woman', 0), ('man', 1)) "
       "AS g(gender, ord) LEFT JOIN employees e ON e.gender = g.gender "
       "GROUP BY g.gender, g.ord ORDER BY g.ord")
DEPARTMENTS = ("SELECT d.department, count(e.gender) AS n FROM (VALUES {}) AS d(department) "
               "LEFT JOIN employees e ON e.department = d.department GROUP BY d.department")


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty cache folder of the test's own; no lifting remembered in the process."""
    folder = tmp_path / "cache"
    monkeypatch.setenv(lift_cache.ENV, str(folder))
    lift_module._lifted.cache_clear()
    yield folder
    lift_module._lifted.cache_clear()


@pytest.fixture
def rewrites(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The statements sqlglot lifts (each call of the rewrite)."""
    seen: list[str] = []
    real = lift_module._rewrite

    def counted(text: str, *args: Any) -> str:
        seen.append(text)
        return real(text, *args)

    monkeypatch.setattr(lift_module, "_rewrite", counted)
    return seen


def _lift(sql: str, orgs: dict[str, str] | None = None) -> str:
    """``sql`` (or each organisation's own) lifted for organisations A and B, as a new
    process would: nothing remembered in memory."""
    lift_module._lifted.cache_clear()
    own = {o: mask(s) for o, s in (orgs or dict.fromkeys("AB", sql)).items()}
    return lift(next(iter(own.values())), {o: m.frames for o, m in own.items()}, TABLES)


def _uncached(sql: str, monkeypatch: pytest.MonkeyPatch,
              orgs: dict[str, str] | None = None) -> str:
    with monkeypatch.context() as mp:
        mp.setenv(lift_cache.ENV, "off")
        return _lift(sql, orgs)


def _entries(cache: Path) -> list[Path]:
    return sorted(cache.glob("lift-*/*.json"))


def test_a_later_run_reads_the_lifted_statement_without_lifting(
        cache: Path, rewrites: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    expected = _uncached(SQL, monkeypatch)
    rewrites.clear()
    assert _lift(SQL) == expected
    assert len(rewrites) == 1 and len(_entries(cache)) == 1
    assert _lift(SQL) == expected
    assert len(rewrites) == 1  # the second run lifted nothing


def test_organisations_frames_are_filled_into_a_kept_statement_not_kept_with_it(
        cache: Path, rewrites: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    first = {"A": DEPARTMENTS.format("('X'), ('Y')"), "B": DEPARTMENTS.format("('Q')")}
    other = {"A": DEPARTMENTS.format("('Z')"), "C": DEPARTMENTS.format("('P'), ('R')")}
    _lift("", first)
    got = _lift("", other)
    assert len(rewrites) == 1  # the same shape: lifted once
    assert got == _uncached("", monkeypatch, other)
    assert "'C'" in got and "'B'" not in got
    kept = _entries(cache)[0].read_text(encoding="utf-8")
    assert "'X'" not in kept and "'Q'" not in kept and "'A'" not in kept


def test_a_changed_statement_is_lifted_again(cache: Path, rewrites: list[str],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    changed = SQL.replace("count(e.gender)", "count(DISTINCT e.gender)")
    expected = _uncached(changed, monkeypatch)
    rewrites.clear()
    _lift(SQL)
    got = _lift(changed)
    assert got == expected and "DISTINCT" in got
    assert len(rewrites) == 2 and len(_entries(cache)) == 2


def test_changed_lifting_code_or_sqlglot_starts_a_new_folder(
        cache: Path, rewrites: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    expected = _uncached(SQL, monkeypatch)
    rewrites.clear()
    _lift(SQL)
    old = _entries(cache)[0].parent
    monkeypatch.setattr(lift_cache, "_version", lambda: "another-version")
    assert _lift(SQL) == expected
    assert len(rewrites) == 2  # not read from the other version's folder
    assert [p.parent.name for p in _entries(cache)] == ["lift-another-version"]
    assert not old.exists()  # the other version's folder is removed


def test_the_version_hashes_the_lifting_code_and_sqlglots_release() -> None:
    import sqlglot

    version = lift_cache._version()
    assert version is not None
    assert (Path(sqlglot.__file__).with_name("_version.py")).read_text(encoding="utf-8")
    lift_cache._version.cache_clear()
    real = Path.read_bytes
    try:
        def edited(path: Path) -> bytes:
            data = real(path)
            return data + b"# edited" if path.name == "lift.py" else data

        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(Path, "read_bytes", edited)
            assert lift_cache._version() not in (None, version)
    finally:
        lift_cache._version.cache_clear()
    assert lift_cache._version() == version


@pytest.mark.parametrize("content", [
    b"\x00\xff garbage",
    b'{"key": ["SELECT',  # truncated
    b"[1, 2]",
    b'{"key": "other", "sql": "SELECT 1"}',
    b'{"sql": "SELECT 1"}',
    b'{"key": KEY, "sql": 42}',
    b'{"key": KEY, "sql": "SELECT 1", "refused": "x"}',
    b'{"key": KEY, "template": "SELECT 1"}',
])
def test_a_corrupt_or_foreign_entry_is_ignored_and_written_again(
        cache: Path, rewrites: list[str], monkeypatch: pytest.MonkeyPatch,
        content: bytes) -> None:
    expected = _uncached(SQL, monkeypatch)
    _lift(SQL)
    entry = _entries(cache)[0]
    key = json.loads(entry.read_bytes())["key"]
    entry.write_bytes(content.replace(b"KEY", json.dumps(key).encode()))
    rewrites.clear()
    assert _lift(SQL) == expected
    assert len(rewrites) == 1
    assert json.loads(entry.read_bytes()) == {"key": key, "sql": expected_template(key)}


def expected_template(key: list[Any]) -> str:
    """What lifting makes of a key's statement (the template, before frames are filled)."""
    text, tables, varying, filtered = key
    return lift_module._rewrite(text, frozenset(tables), frozenset(varying), filtered)


def test_a_folder_where_an_entry_should_be_is_no_cache(
        cache: Path, rewrites: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    _lift(SQL)
    entry = _entries(cache)[0]
    entry.unlink()
    entry.mkdir()
    assert _lift(SQL) == _uncached(SQL, monkeypatch)
    assert entry.is_dir()


def test_a_cache_that_cannot_be_written_is_no_cache(
        tmp_path: Path, rewrites: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv(lift_cache.ENV, str(blocked / "cache"))
    expected = _uncached(SQL, monkeypatch)
    assert _lift(SQL) == expected
    assert _lift(SQL) == expected
    assert len(rewrites) == 3  # lifted every time, never failing


def test_off_keeps_nothing(tmp_path: Path, rewrites: list[str],
                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(lift_cache.ENV, "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    _lift(SQL)
    _lift(SQL)
    assert len(rewrites) == 2
    assert not any(tmp_path.rglob("*.json"))


def test_the_default_folder_is_the_users_cache(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(lift_cache.ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    folder = lift_cache.folder()
    assert folder is not None and folder.parent == tmp_path / "xdg" / "ligestat"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    folder = lift_cache.folder()
    assert folder is not None and folder.parent == tmp_path / "home" / ".cache" / "ligestat"


def test_a_refusal_is_kept_too(cache: Path, rewrites: list[str]) -> None:
    refused = "SELECT count(*) AS n FROM employees"  # an aggregate without GROUP BY
    for _ in range(2):
        with pytest.raises(Unliftable, match="without GROUP BY"):
            _lift(refused)
    assert len(rewrites) == 1
    assert "refused" in json.loads(_entries(cache)[0].read_bytes())


def test_every_organisations_document_is_the_same_from_kept_statements(
        tmp_path: Path, cache: Path, rewrites: list[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    from ligestat import api

    from .test_lift import _folder

    data = _folder(tmp_path)

    def document() -> dict[str, Any]:
        lift_module._lifted.cache_clear()  # a new process: only the disk remembers
        return api.tables(data, year=2025)

    with monkeypatch.context() as mp:
        mp.setenv(lift_cache.ENV, "off")
        expected = document()
    rewrites.clear()
    assert document() == expected
    assert rewrites and _entries(cache)
    rewrites.clear()
    assert document() == expected
    assert rewrites == []  # every statement read from the disk
