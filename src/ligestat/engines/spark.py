"""Apache Spark: the contract's tables as Parquet, computed by Spark SQL.

``spark:///data/hr`` runs Spark in local mode (``local[*]``) over the Parquet files
(or Parquet folders, as Spark writes them) named as the contract's tables in
``/data/hr``: ``employees.parquet`` or ``employees/``, ``parental_leave.parquet`` …
``spark://HOST:7077/data/hr`` uses that cluster master instead. Only aggregates are
collected to the driver.

The same computation as a ``spark-submit`` job::

    job=$(python -c 'import ligestat.engines.spark as s; print(s.__file__)')
    spark-submit --master yarn "$job" /data/hr --config ligestat.toml --year 2025 \\
        --json tables.json
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ligestat.errors import InputError

__all__ = ["Spark", "main", "session"]

_SESSION_CONF = {
    "spark.ui.enabled": "false",
    "spark.sql.shuffle.partitions": "4",
    "spark.sql.session.timeZone": "UTC",
    "spark.driver.bindAddress": "127.0.0.1",
    "spark.driver.host": "127.0.0.1",
    "spark.ui.showConsoleProgress": "false",
}


def session(master: str) -> Any:
    """A SparkSession on ``master`` with quiet, local-friendly settings."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise InputError("Spark sources need PySpark and Java: pip install pyspark "
                         "(Java 17 or newer from your system's packages)") from exc
    builder = SparkSession.builder.master(master).appName("ligestat")
    for key, value in _SESSION_CONF.items():
        builder = builder.config(key, value)
    interrupt = signal.getsignal(signal.SIGINT)
    try:
        return builder.getOrCreate()
    except Exception as exc:  # Py4J/Java start-up problems: no Java, wrong version
        raise InputError(f"cannot start Spark ({master}): {str(exc).strip()[:300]}") from exc
    finally:
        # PySpark installs a Ctrl-C handler that outlives the session; ours stays
        signal.signal(signal.SIGINT, interrupt)


class Spark:
    """An :class:`~ligestat.engines.warehouse.Engine` over a SparkSession."""

    dialect = "spark"

    def __init__(self, url: str, *, spark: Any = None) -> None:
        parts = urlsplit(url)
        self.folder = Path(parts.path)
        self.name = url
        if not self.folder.is_dir():
            raise InputError(f"{url}: {self.folder} is not a folder of Parquet files")
        master = f"spark://{parts.netloc}" if parts.netloc else "local[*]"
        self._spark = spark if spark is not None else session(master)
        self._prefix = f"ligestat_src_{id(self)}_"

    def relation(self, table: str) -> tuple[str, tuple[str, ...]] | None:
        found = [p for p in (self.folder / f"{table}.parquet", self.folder / table)
                 if p.exists()]
        if not found:
            return None
        try:
            frame = self._spark.read.parquet(str(found[0]))
        except Exception as exc:
            raise InputError(f"{found[0]}: Spark cannot read it as Parquet: "
                             f"{str(exc).strip()[:300]}") from exc
        view = self._prefix + table
        frame.createOrReplaceTempView(view)
        return view, tuple(c.lower() for c in frame.columns)

    def fetch(self, sql: str) -> tuple[list[str], list[tuple[Any, ...]]]:
        try:
            frame = self._spark.sql(sql)
            rows = frame.collect()
        except Exception as exc:
            raise InputError(f"{self.name}: Spark: {str(exc).strip()[:500]}") from exc
        return list(frame.columns), [tuple(r) for r in rows]

    def close(self) -> None:
        for table in self._spark.catalog.listTables():
            if table.name.startswith(self._prefix):
                self._spark.catalog.dropTempView(table.name)


def main(argv: list[str] | None = None) -> int:
    """``spark-submit`` entry point: the contract's JSON for a Parquet folder."""
    from ligestat import api
    from ligestat.config import load_config

    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("folder", help="folder of Parquet files named as the contract's tables")
    p.add_argument("--config", required=True, help="the organisation's ligestat.toml")
    p.add_argument("--year", type=int, required=True, help="report year")
    p.add_argument("--disclosure", default=None, help="public, standard or strict")
    p.add_argument("--json", default="-", help="output file ('-': stdout)")
    args = p.parse_args(argv)
    from ligestat.engines.warehouse import Warehouse

    with Warehouse(Spark(f"spark://{Path(args.folder).resolve()}",
                         spark=_session_from_submit()),
                   load_config(Path(args.config))) as wh:
        doc = api.document(wh, args.year, disclosure=args.disclosure)
    text = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    if args.json == "-":
        sys.stdout.write(text)
    else:
        Path(args.json).write_text(text, encoding="utf-8")
    return 0


def _session_from_submit() -> Any:
    from pyspark.sql import SparkSession

    return SparkSession.builder.appName("ligestat").getOrCreate()


if __name__ == "__main__":
    raise SystemExit(main())
