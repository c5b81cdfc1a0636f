"""Engine fixtures: a throw-away PostgreSQL cluster and a local Spark session, each
started once per test session (and stopped at its end), skipped with the reason when
the engine is not installed."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest


@pytest.fixture(scope="session")
def pg_url(pg_cluster: Any) -> str:
    """A new database in the session's throw-away cluster (tests/conftest.py)."""
    return str(pg_cluster.new_database()).replace("+psycopg", "")


@pytest.fixture(scope="session")
def spark_session() -> Iterator[Any]:
    pytest.importorskip("pyspark", reason="PySpark is not installed (make setup installs it)")
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        pytest.skip("no Java runtime (Debian package default-jre-headless; make setup "
                    "installs it)")
    from ligestat.engines.spark import session

    spark = session("local[2]")
    spark.sparkContext.setLogLevel("ERROR")
    yield spark
    spark.stop()
