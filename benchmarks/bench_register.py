"""Load on the initiatives register: 50 simulated users for 60 s, SQLite and PostgreSQL.

A real ``ligestat serve`` process on 127.0.0.1; the users run in this process
(asyncio + httpx), each logged in with its own session. 45 coordinators each
own one or two of Copenhagen's 55 initiatives: they open the list and their
initiative, save the year's update while it is a draft or returned, and now and
then submit it. 5 editors open the review queue and return what is submitted in
their share of it (so the cycle goes on). Every user thinks 0.5–1.5 s between
requests. Goal: zero errors and p95 < 200 ms on both backends. The static
stylesheet is fetched now and then as the baseline: a request that touches no
database.

    python benchmarks/bench_register.py [--seconds 60] [--users 50] [--backend sqlite]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT / "src" / "ligestat" / "synth" / "reference" / "kk-2025" / "initiatives.csv"
PASSWORD = "benchmark password"
YEAR = 2025
CSRF_RE = re.compile(r'name="csrf" value="([^"]+)"')
STATE_RE = re.compile(r'class="state state-(\w+)"')
RETURN_RE = re.compile(r"/initiatives/(\d+)/updates/\d+/return")
EDITORS = 5


def _seed(url: str, users: int) -> dict[str, list[int]]:
    """Initiatives approved last year with this year's drafts; accounts; who owns what."""
    from sqlalchemy import select

    from ligestat.config import demo_config
    from ligestat.register import open_database
    from ligestat.register.auth import create_user
    from ligestat.register.demo import cli_actor
    from ligestat.register.exchange import import_csv
    from ligestat.register.models import Initiative
    from ligestat.register.store import copy_forward

    codes = demo_config().department_codes
    db = open_database(url)
    with db.write() as s:
        import_csv(s, cli_actor(), REFERENCE, YEAR - 1, codes)
        for ini in s.scalars(select(Initiative)):
            copy_forward(s, cli_actor(), ini, YEAR)
    with db.read() as s:
        inis = [(i.id, i.codes[0]) for i in s.scalars(select(Initiative).order_by(Initiative.id))]
    owners: dict[str, list[int]] = {}
    coordinators = users - EDITORS
    for k in range(coordinators):
        owners[f"c{k}"] = [i for j, (i, _d) in enumerate(inis) if j % coordinators == k]
    with db.write() as s:
        for name, mine in owners.items():
            dept = dict(inis)[mine[0]]
            create_user(s, "bench", name, "coordinator", dept, PASSWORD, codes)
        for k in range(EDITORS):
            create_user(s, "bench", f"e{k}", "editor", None, PASSWORD, codes)
            owners[f"e{k}"] = []
    db.close()
    return owners


@contextmanager
def _server(url: str) -> Iterator[str]:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    import ligestat.config

    demo = Path(ligestat.config.__file__).parent / "data" / "kk-2025.toml"
    proc = subprocess.Popen([sys.executable, "-m", "ligestat", "serve", "--db", url,
                             "--config", str(demo), "--port", str(port),
                             "--year", str(YEAR)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                httpx.get(base + "/login", timeout=1)
                break
            except httpx.HTTPError:
                if proc.poll() is not None:
                    break
                time.sleep(0.1)
        if proc.poll() is not None:
            err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
            raise SystemExit(f"ligestat serve did not start: {err.strip()}")
        yield base
    finally:
        proc.terminate()
        proc.wait(20)


class User:
    def __init__(self, base: str, name: str, mine: list[int], stats: dict[str, list[float]],
                 errors: list[str]) -> None:
        self.http = httpx.AsyncClient(base_url=base, timeout=30, follow_redirects=False)
        self.name, self.mine, self.stats, self.errors = name, mine, stats, errors
        self.cookie, self.csrf = "", ""

    async def call(self, kind: str, method: str, url: str, data: dict[str, str] | None = None,
                   expect: int = 200) -> httpx.Response | None:
        headers = {"cookie": self.cookie} if self.cookie else {}
        if data is not None:
            data = {**data, "csrf": self.csrf}
        start = time.perf_counter()
        try:
            r = await self.http.request(method, url, data=data, headers=headers)
        except httpx.HTTPError as exc:
            self.errors.append(f"{kind}: {exc!r}")
            return None
        self.stats[kind].append(time.perf_counter() - start)
        if r.status_code != expect:
            self.errors.append(f"{kind} {url}: HTTP {r.status_code}")
        return r

    async def login(self) -> None:
        page = await self.http.get("/login")
        token = CSRF_RE.search(page.text)
        assert token is not None
        r = await self.http.post("/login", data={"name": self.name, "password": PASSWORD,
                                                 "csrf": token.group(1)},
                                 headers={"cookie": "__Host-ligestat-login="
                                          + page.cookies["__Host-ligestat-login"]})
        assert r.status_code == 303, r.text
        self.cookie = "__Host-ligestat=" + r.cookies["__Host-ligestat"]
        home = await self.http.get("/", headers={"cookie": self.cookie})
        found = CSRF_RE.search(home.text)
        assert found is not None
        self.csrf = found.group(1)

    async def step(self, rng: random.Random, n: int) -> None:
        if rng.random() < 0.05:
            await self.call("static (baseline)", "GET", "/static/register.css")
        elif self.name.startswith("e"):
            r = await self.call("review page", "GET", f"/review?year={YEAR}")
            share = [int(i) for i in RETURN_RE.findall(r.text if r else "")
                     if int(i) % EDITORS == int(self.name[1:])]
            if share:
                await self.call("return", "POST", f"/initiatives/{share[0]}/updates/{YEAR}/return",
                                {"comment": f"bench {n}"}, expect=303)
        elif rng.random() < 0.3:
            await self.call("list page", "GET", f"/?year={YEAR}")
        else:
            ini = rng.choice(self.mine)
            r = await self.call("initiative page", "GET", f"/initiatives/{ini}?year={YEAR}")
            state = STATE_RE.search(r.text if r else "")
            if state and state.group(1) in ("draft", "returned"):
                await self.call("save update", "POST", f"/initiatives/{ini}/updates/{YEAR}/edit",
                                {"status": "ongoing", "period": "2025",
                                 "description": f"Opdatering {n} fra {self.name}.\n\n- punkt"},
                                expect=303)
                if rng.random() < 0.3:
                    await self.call("submit", "POST",
                                    f"/initiatives/{ini}/updates/{YEAR}/submit", {}, expect=303)


async def _run(base: str, owners: dict[str, list[int]], seconds: float
               ) -> tuple[dict[str, list[float]], list[str], float]:
    stats: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []
    users = [User(base, name, mine, stats, errors) for name, mine in owners.items()]
    for u in users:  # log in before the clock starts (argon2 is slow on purpose)
        await u.login()
    stop = time.monotonic() + seconds

    async def loop(u: User, seed: int) -> None:
        rng = random.Random(seed)
        n = 0
        await asyncio.sleep(rng.uniform(0, 1))
        while time.monotonic() < stop:
            n += 1
            await u.step(rng, n)
            await asyncio.sleep(rng.uniform(0.5, 1.5))

    start = time.monotonic()
    await asyncio.gather(*(loop(u, i) for i, u in enumerate(users)))
    took = time.monotonic() - start
    for u in users:
        await u.http.aclose()
    return stats, errors, took


@contextmanager
def _database(backend: str, tmp: Path) -> Iterator[str | None]:
    """A fresh database URL on the backend (None: no PostgreSQL server installed)."""
    from ligestat.register.pgcluster import pg_bindir, throwaway_cluster

    if backend == "sqlite":
        yield f"sqlite:///{tmp / 'bench.sqlite'}"
        return
    bindir = pg_bindir()
    if bindir is None:
        yield None
        return
    with throwaway_cluster(bindir) as cluster:
        yield cluster.new_database()


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p * len(ordered)))] * 1000


def _report(backend: str, stats: dict[str, list[float]], errors: list[str],
            took: float) -> float:
    every = [v for vs in stats.values() for v in vs]
    print(f"\n{backend}: {len(every)} requests in {took:.0f} s = {len(every) / took:.1f} req/s, "
          f"{len(errors)} errors")
    print(f"  {'kind':<18} {'n':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    for kind in sorted(stats):
        vs = stats[kind]
        print(f"  {kind:<18} {len(vs):>6} {_pct(vs, .5):>8.1f} {_pct(vs, .95):>8.1f} "
              f"{_pct(vs, .99):>8.1f}")
    p95 = _pct(every, .95)
    print(f"  {'all':<18} {len(every):>6} {_pct(every, .5):>8.1f} {p95:>8.1f} "
          f"{_pct(every, .99):>8.1f}   (mean {statistics.mean(every) * 1000:.1f} ms)")
    for e in errors[:10]:
        print("  error:", e)
    print(f"  goal p95 < 200 ms: {'met' if p95 < 200 and not errors else 'NOT met'}")
    return p95


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--users", type=int, default=50)
    ap.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    args = ap.parse_args()
    print(f"register load: {args.users} users ({EDITORS} editors), {args.seconds:.0f} s per "
          "backend, think time 0.5-1.5 s")
    results: dict[str, float] = {}
    failed = False
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    for backend in backends:
        with tempfile.TemporaryDirectory() as tmp, _database(backend, Path(tmp)) as url:
            if url is None:
                print(f"\n{backend}: skipped (no PostgreSQL server binaries)")
                continue
            owners = _seed(url, args.users)
            with _server(url) as base:
                stats, errors, took = asyncio.run(_run(base, owners, args.seconds))
            results[backend] = _report(backend, stats, errors, took)
            failed |= bool(errors)
    if len(results) == 2:
        print(f"\np95 PostgreSQL / SQLite: {results['postgresql'] / results['sqlite']:.2f}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
