"""``synth scale``: contract-shaped data of any size, streamed to disk by DuckDB.

Every attribute of a person is a hash of the person's number and the seed, so no
row depends on another and DuckDB streams each file straight from ``range()`` to
CSV or Parquet (``COPY … TO``) in its own chunks: memory stays flat whatever the
size. Snapshots are yearly (30 September); about one position in ten changes hands
per year. Parental leave rows (children born in each snapshot year), children's
sick-day rows (entitled and not) and the population (1 January after each
snapshot, FOLK1A shape) are proportional to the staff; every position has a pay row
for each snapshot year (pay.csv).

With ``organisations`` > 1 (``--organisations N``) every row also names its organisation
(``O001`` … by a skewed hash of the person, so sizes differ), the config lists them under
``[organisations."ID"]``, and every fourth organisation has no departments (its rows'
``department`` is empty: it gets only the ``total`` rows). The population table, one
area's, is then left out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ligestat.config import CONFIG_FILENAME
from ligestat.errors import InputError

__all__ = ["FORMATS", "ScaleSpec", "generate_scale", "has_departments", "org_id",
           "scale_config"]

FORMATS = ("csv", "parquet")
LAST_YEAR = 2024
DEPARTMENTS = 20
HIDDEN = "OTHER"
AGREEMENTS = (
    "Dagplejere", "Sundhedspersonale", "SOSU", "Socialrådgivere", "Pædagogisk personale",
    "Pædagogmedhjælpere", "Ergo- Fysio- og Jordemødre", "Administration og IT", "Lærere",
    "Akademikere", "Socialpædagoger", "Chefer", "Psykologer", "Teknisk Service",
    "Håndværkere og IT-supportere", "Specialarbejdere", "Arbejds-, vej- og gartnerformænd",
)
BIRTHS_PER_EMPLOYEE = 0.03  # parental-leave rows per employee and year
RESIDENTS_PER_EMPLOYEE = (6.9, 6.6)  # women, men in the population per employee
SICK_ROWS_PER_EMPLOYEE = 0.22  # children's sick-day rows per employee and year


@dataclass(frozen=True)
class ScaleSpec:
    employees: int
    years: int = 3
    seed: int = 1
    format: str = "parquet"
    threads: int = 2
    memory_limit: str = "1GB"
    organisations: int = 1  # > 1: an organisation column and [organisations."ID"]


def _departments() -> list[str]:
    return [f"D{i:02d}" for i in range(1, DEPARTMENTS + 1)] + [HIDDEN]


def org_id(i: int) -> str:
    """The id of the i-th generated organisation (from 0)."""
    return f"O{i + 1:03d}"


def has_departments(i: int) -> bool:
    """Every fourth generated organisation lists no departments."""
    return i % 4 != 3


def _many_config(n: int) -> str:
    lines = [f'organisation = "{n} syntetiske organisationer"', ""]
    for i in range(n):
        lines += [f'[organisations."{org_id(i)}"]', f'name = "Organisation {i + 1}"', ""]
        if has_departments(i):
            for code in _departments()[:-1]:
                lines += [f'[organisations."{org_id(i)}".departments.{code}]',
                          f'name = "Forvaltning {code[1:]}"', ""]
            lines += [f'[organisations."{org_id(i)}".departments.{HIDDEN}]',
                      'name = "Øvrige enheder"', "in_tables = false", ""]
    lines += ["[disclosure]", 'policy = "public"', ""]
    return "\n".join(lines)


def scale_config(organisations: int = 1) -> str:
    """The ``ligestat.toml`` of the generated organisation(s)."""
    if organisations > 1:
        return _many_config(organisations)
    lines = ['organisation = "Skalakommune (syntetisk)"', ""]
    for code in _departments()[:-1]:
        lines += [f"[departments.{code}]", f'name = "Forvaltning {code[1:]}"', ""]
    lines += [f"[departments.{HIDDEN}]", 'name = "Øvrige enheder"', "in_tables = false", ""]
    lines += ["[disclosure]", 'policy = "public"', ""]
    return "\n".join(lines)


def _sql_list(values: list[str] | tuple[str, ...]) -> str:
    return "[" + ", ".join("'" + v.replace("'", "''") + "'" for v in values) + "]"


def _macros(seed: int, n: int, orgs: int = 1) -> list[str]:
    deps = _departments()
    ids = [org_id(i) for i in range(orgs)]
    bare = ", ".join(f"'{org_id(i)}'" for i in range(orgs) if not has_departments(i)) or "''"
    return [
        # a uniform number in [0, 1) from a person number and a tag
        f"CREATE MACRO u(p, t) AS (hash(p, t, {seed}) % 1000000)::DOUBLE / 1000000",
        # the person holding position i in snapshot k (a tenth of positions change per year)
        f"CREATE MACRO person(i, k) AS i + {n} * ((k + floor(u(i, 9) * 10)::BIGINT) // 10)",
        "CREATE MACRO gender(p) AS CASE WHEN u(p, 1) < 0.0004 THEN 'other' "
        "WHEN u(p, 1) < 0.69 THEN 'woman' ELSE 'man' END",
        f"CREATE MACRO dept(p) AS {_sql_list(deps)}"
        f"[1 + least(floor(pow(u(p, 2), 1.6) * {len(deps)})::INTEGER, {len(deps) - 1})]",
        f"CREATE MACRO agreement(p) AS {_sql_list(AGREEMENTS)}[1 + least(floor(pow(u(p, 3), "
        f"CASE WHEN gender(p) = 'man' THEN 0.5 ELSE 1.6 END) * {len(AGREEMENTS)})::INTEGER, "
        f"{len(AGREEMENTS) - 1})]",
        f"CREATE MACRO birth_year(p) AS {LAST_YEAR} - 19 - floor(u(p, 4) * 48)::INTEGER",
        "CREATE MACRO manager(p) AS CASE WHEN u(p, 5) < 0.0005 THEN 1 WHEN u(p, 5) < 0.004 "
        "THEN 2 WHEN u(p, 5) < 0.02 THEN 3 END",
        "CREATE MACRO employment(p) AS CASE WHEN manager(p) IS NOT NULL THEN 'ordinary' "
        "WHEN u(p, 6) < 0.03 THEN 'trainee' WHEN u(p, 6) < 0.045 THEN 'flexjob' "
        "WHEN u(p, 6) < 0.05 THEN 'extraordinary' ELSE 'ordinary' END",
        # the organisation of a person (skewed sizes) and its department ('' in one without)
        f"CREATE MACRO org(p) AS {_sql_list(ids)}"
        f"[1 + least(floor(pow(u(p, 50), 1.5) * {orgs})::INTEGER, {orgs - 1})]",
        f"CREATE MACRO odept(p) AS CASE WHEN org(p) IN ({bare}) THEN '' ELSE dept(p) END",
    ]


def _queries(spec: ScaleSpec) -> dict[str, str]:
    n, k = spec.employees, spec.years
    first = LAST_YEAR - k + 1
    births = max(1, round(n * BIRTHS_PER_EMPLOYEE))
    employees = (
        "SELECT make_date(y, 9, 30) AS snapshot_date, printf('E%010d', p) AS employee_id, "
        "gender(p) AS gender, birth_year(p) AS birth_year, dept(p) AS department, "
        "agreement(p) AS agreement, manager(p) AS manager_level, "
        "employment(p) AS employment_type "
        f"FROM (SELECT {first} + r // {n} AS y, person(r % {n}, r // {n}) AS p "
        f"FROM range({n * k}) t(r))"
    )
    leave = (
        "SELECT printf('E%010d', p) AS employee_id, gender(p) AS gender, dept(p) AS department, "
        "make_date(y, 1, 1) + floor(u(r, 21) * 365)::INTEGER AS child_birth_date, "
        "round(CASE WHEN gender(p) = 'woman' THEN 14 + u(r, 22) * 38 "
        "WHEN u(r, 23) < 0.25 THEN u(r, 22) * 10.9 WHEN u(r, 23) < 0.75 THEN 11 + u(r, 22) * 6 "
        "ELSE 17 + u(r, 22) * 20 END, 1) AS weeks_taken "
        f"FROM (SELECT r, {first} + r // {births} AS y, "
        f"person(hash(r, 20, {spec.seed}) % {n}, r // {births}) AS p "
        f"FROM range({births * k}) t(r))"
    )
    sick = (
        "SELECT y AS year, printf('E%010d', p) AS employee_id, gender(p) AS gender, "
        "dept(p) AS department, u(p * 31 + y, 32) < 0.9 AS entitled, "
        "CASE WHEN u(p * 31 + y, 33) < (CASE WHEN gender(p) = 'woman' THEN 0.72 ELSE 0.62 END) "
        "THEN 0.5 + floor(u(p * 31 + y, 34) * 20) / 2 ELSE 0 END AS days_taken "
        f"FROM (SELECT {first} + r // {n} AS y, person(r % {n}, r // {n}) AS p "
        f"FROM range({n * k}) t(r) WHERE u(r, 30) < {SICK_ROWS_PER_EMPLOYEE})"
    )
    # pay: a base salary per agreement, eight scale steps by age (many exact ties), part
    # time more often for women, variable pay for a minority, a small supplement for men
    py = "(p * 31 + y)"
    pay = (
        "SELECT y AS year, printf('E%010d', p) AS employee_id, gender(p) AS gender, "
        "dept(p) AS department, agreement(p) AS category, "
        f"CAST(round((300000 + 12000 * list_position({_sql_list(AGREEMENTS)}, agreement(p))) "
        "* (1 + 0.035 * least(7, greatest(0, (y - birth_year(p) - 25) // 4))) "
        "* CASE WHEN gender(p) = 'man' THEN 1.02 ELSE 1 END * frac) AS DOUBLE) AS basic_pay, "
        f"CASE WHEN u({py}, 42) < CASE WHEN gender(p) = 'man' THEN 0.22 ELSE 0.14 END "
        f"THEN 2500 * (1 + floor(u({py}, 43) * 8)) ELSE 0 END AS variable_pay, "
        "CAST(1924 * frac AS DOUBLE) AS hours_paid "
        f"FROM (SELECT y, p, CASE WHEN u(p, 41) < CASE WHEN gender(p) = 'woman' THEN 0.3 "
        "ELSE 0.12 END THEN [0.5, 0.75, 0.8, 0.9][1 + floor(u(p, 44) * 4)::INTEGER] "
        f"ELSE 1 END AS frac FROM (SELECT {first} + r // {n} AS y, person(r % {n}, r // {n}) "
        f"AS p FROM range({n * k}) t(r)))"
    )
    queries = {"employees": employees, "parental_leave": leave, "child_sick_days": sick,
               "pay": pay}
    if spec.organisations > 1:  # each row names its organisation, sorted by it
        with_p = {name: q.replace("dept(p) AS department", "dept(p) AS department, p", 1)
                  for name, q in queries.items()}
        queries = {name: "SELECT * EXCLUDE (p) REPLACE (odept(p) AS department), org(p) AS "
                         f"organisation FROM ({q}) ORDER BY organisation"
                   for name, q in with_p.items()}
    return queries


def generate_scale(out: Path, spec: ScaleSpec, step: Callable[[str], None] | None = None,
                   only: tuple[str, ...] | None = None) -> dict[str, Path]:
    """Write employees, parental_leave, child_sick_days, pay, population and ligestat.toml
    (``only``: just these tables besides the required employees, e.g. ``("pay",)``)."""
    import duckdb

    if spec.format not in FORMATS:
        raise InputError(f"format must be one of {', '.join(FORMATS)} (got {spec.format!r})")
    if spec.employees < 1 or spec.years < 1:
        raise InputError("--employees and --years must be at least 1")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"{out}: cannot create the output folder: {exc}") from None
    say = step or (lambda _msg: None)
    con = duckdb.connect()
    try:
        con.execute(f"SET threads = {spec.threads}")
        con.execute(f"SET memory_limit = '{spec.memory_limit}'")
        con.execute("SET preserve_insertion_order = true")
        for macro in _macros(spec.seed, spec.employees, spec.organisations):
            con.execute(macro)
        written = {}
        options = "FORMAT parquet, COMPRESSION zstd" if spec.format == "parquet" else \
            "FORMAT csv, HEADER true"
        for name, query in _queries(spec).items():
            if only is not None and name != "employees" and name not in only:
                continue
            path = out / f"{name}.{spec.format}"
            say(name)
            con.execute(f"COPY ({query}) TO '{_quote(path)}' ({options})")
            written[name] = path
        if (only is None or "population" in only) and spec.organisations == 1:
            say("population")
            con.execute("CREATE TABLE population (date DATE, area VARCHAR, gender VARCHAR, "
                        "age INTEGER, count BIGINT)")
            con.executemany("INSERT INTO population VALUES (?, ?, ?, ?, ?)", _population(spec))
            path = out / f"population.{spec.format}"
            con.execute(f"COPY (SELECT * FROM population ORDER BY date, gender DESC, age) "
                        f"TO '{_quote(path)}' ({options})")
            written["population"] = path
    finally:
        con.close()
    (out / CONFIG_FILENAME).write_text(scale_config(spec.organisations), encoding="utf-8")
    return written


def _population(spec: ScaleSpec) -> list[tuple[str, ...]]:
    """FOLK1A-shaped rows on 1 January after each snapshot, proportional to the staff."""
    from ligestat.synth.calibrate import load_priors
    from ligestat.synth.population import population_rows

    shape = dict(load_priors()["population"])
    rows: list[tuple[str, ...]] = []
    for year in range(LAST_YEAR - spec.years + 1, LAST_YEAR + 1):
        shape.update(date=f"{year + 1}-01-01", area="Skalakommune")
        rows += population_rows(round(RESIDENTS_PER_EMPLOYEE[0] * spec.employees),
                                round(RESIDENTS_PER_EMPLOYEE[1] * spec.employees), shape)
    return rows


def _quote(path: Path) -> str:
    return str(path).replace("'", "''")
