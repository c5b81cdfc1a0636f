"""Fuzz the readers with size-bombed, truncated and control-character inputs (issue 14).

Each case is read in a child process with a wall-clock limit and an address-space
limit (``RLIMIT_AS``); a case passes when the child ends in time, under the memory
bound, and with either a result or one of ligestat's own errors — never a traceback.

    python benchmarks/fuzz_readers.py            # the full run: every case, large bombs
    python benchmarks/fuzz_readers.py --quick    # a few small cases (what the tests run)

Readers fuzzed: the HR data import (CSV, .xlsx, Parquet), the context file, the
config file, and sprog's text, HTML, Markdown, Word and PDF extractors.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

MEMORY_BOUND = 2 * 1024 ** 3  # address space per case: 2 GB
TIME_LIMIT = 60.0  # seconds per case

_CHILD = r"""
import atexit, resource, sys, traceback
resource.setrlimit(resource.RLIMIT_AS, ({bound}, {bound}))
def _peak():  # VmHWM: this program's own peak (ru_maxrss would include the parent's)
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            print("peak-kb:", line.split()[1])
atexit.register(_peak)
from pathlib import Path
from ligestat.errors import LigestatError
kind, target = sys.argv[1], Path(sys.argv[2])
try:
    if kind == "data":
        from ligestat import api
        api.validate(target)
    elif kind == "context":
        from ligestat.report.context import read_context
        read_context(target)
    elif kind == "config":
        from ligestat.config import load_config
        load_config(target)
    else:
        from ligestat.language.run import check_paths
        result = check_paths([target])
        for e in result.errors:
            print("file error:", e.message[:200])
except LigestatError as exc:
    print("error:", str(exc)[:300])
except BaseException:
    traceback.print_exc()
    sys.exit(70)
"""


@dataclass(frozen=True)
class Case:
    name: str
    kind: str  # data | context | config | sprog
    build: Callable[[Path], Path]


@dataclass(frozen=True)
class Outcome:
    case: str
    ok: bool
    seconds: float
    detail: str
    peak_mb: float = 0.0  # the child's peak resident memory (0: not reported)


def _hr_folder(folder: Path) -> Path:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "io"))
    import orgdata  # type: ignore[import-not-found]

    return orgdata.write_csv(folder)  # type: ignore[no-any-return]


def _xlsx(folder: Path) -> Path:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "io"))
    import orgdata

    return orgdata.write_xlsx(folder)  # type: ignore[no-any-return]


def _inflate_zip(path: Path, member: str, marker: bytes, size: int) -> None:
    """Stream ``size`` bytes of text into ``member`` of the zip at ``path``, after
    ``marker``."""
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED,
                                                       compresslevel=1) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename != member:
                zout.writestr(info, data)
                continue
            at = data.index(marker) + len(marker)
            with zout.open(member, "w", force_zip64=True) as f:
                f.write(data[:at])
                chunk = b"tekst " * (1 << 17)
                for _ in range(size // len(chunk)):
                    f.write(chunk)
                f.write(data[at:])
    tmp.replace(path)


def _cases(quick: bool) -> Iterator[Case]:
    big = 4 * 1024 ** 2 if quick else 1600 * 1024 ** 2
    rnd = random.Random(14)

    def xlsx_bomb(d: Path) -> Path:
        folder = _xlsx(d / "x")
        book = folder / "hr-data.xlsx"
        sheet = zipfile.ZipFile(book).read("xl/worksheets/sheet1.xml")
        start = sheet.index(b"<t>", sheet.index(b'r="F2"'))
        _inflate_zip(book, "xl/worksheets/sheet1.xml", sheet[start:start + 3], big)
        return folder

    def docx_bomb(d: Path) -> Path:
        import docx

        path = d / "bombe.docx"
        document = docx.Document()
        document.add_paragraph("Vores formand.")
        document.save(str(path))
        _inflate_zip(path, "word/document.xml", b"<w:t>", big)
        return path

    def truncated(name: str, keep: float) -> Callable[[Path], Path]:
        def build(d: Path) -> Path:
            folder = _hr_folder(d / "t") if name != "hr-data.xlsx" else _xlsx(d / "t")
            path = folder / name
            data = path.read_bytes()
            path.write_bytes(data[: int(len(data) * keep)])
            return folder
        return build

    def control(name: str) -> Callable[[Path], Path]:
        def build(d: Path) -> Path:
            folder = _hr_folder(d / "c")
            path = folder / name
            data = bytearray(path.read_bytes())
            for _ in range(20):
                data[rnd.randrange(len(data))] = rnd.choice(b"\x01\x07\x0b\x1b\x7f\x00\r")
            path.write_bytes(bytes(data))
            return folder
        return build

    def nul_tail(d: Path) -> Path:
        folder = _hr_folder(d / "n")
        with (folder / "population.csv").open("r+b") as f:
            f.truncate((64 if quick else 2048) * 1024 ** 2)
        return folder

    def long_line(d: Path) -> Path:
        folder = _hr_folder(d / "l")
        with (folder / "initiatives.csv").open("a", encoding="utf-8") as f:
            f.write("9,staff,Ligeløn,ADM," + "x" * (big // 4) + ",ongoing,,ja,\n")
        return folder

    def nested_toml(d: Path) -> Path:
        path = d / "ligestat.toml"
        path.write_text("organisation = " + "[" * 100_000 + "]" * 100_000)
        return path

    def context_bytes(d: Path) -> Path:
        path = d / "context.csv"
        path.write_bytes(bytes(rnd.randrange(256) for _ in range(4096)))
        return path

    def text(name: str, data: bytes) -> Callable[[Path], Path]:
        def build(d: Path) -> Path:
            path = d / name
            path.write_bytes(data)
            return path
        return build

    yield Case("xlsx bomb", "data", xlsx_bomb)
    yield Case("docx bomb", "sprog", docx_bomb)
    for name in ("employees.csv", "parental_leave.csv", "hr-data.xlsx"):
        for keep in (0.0, 0.3) if quick else (0.0, 0.1, 0.5, 0.9, 0.999):
            yield Case(f"truncated {name} at {keep:.0%}", "data", truncated(name, keep))
    for name in ("employees.csv", "initiatives.csv") if quick else (
            "employees.csv", "parental_leave.csv", "child_sick_days.csv", "population.csv",
            "initiatives.csv"):
        yield Case(f"control characters in {name}", "data", control(name))
    yield Case("NUL tail", "data", nul_tail)
    yield Case("one very long line", "data", long_line)
    yield Case("nested TOML", "config", nested_toml)
    yield Case("random bytes as context", "context", context_bytes)
    yield Case("control characters in text", "sprog",
               text("t.txt", b"Vores formand\x07 og \x1b[31mtalsmand\n" * 100))
    yield Case("deep HTML", "sprog", text("d.html", b"<div>" * (20_000 if quick else 500_000)
                                          + b"formand"))
    yield Case("truncated PDF", "sprog", text("t.pdf", b"%PDF-1.7\n1 0 obj <<" + b"[" * 50_000))
    if not quick:
        page = b"<p>formand og talsmand</p>" * 380_000
        yield Case("big HTML page", "sprog", text("p.html", page))


def run(quick: bool, bound: int = MEMORY_BOUND, limit: float = TIME_LIMIT,
        only: tuple[str, ...] = ()) -> list[Outcome]:
    """Every case (or those whose name starts with one of ``only``), each in a child."""
    outcomes: list[Outcome] = []
    child = _CHILD.replace("{bound}", str(bound))
    for case in _cases(quick):
        if only and not case.name.startswith(only):
            continue
        with tempfile.TemporaryDirectory(prefix="ligestat-fuzz-") as scratch:
            target = case.build(Path(scratch))
            began = time.monotonic()
            try:
                proc = subprocess.run([sys.executable, "-c", child, case.kind, str(target)],
                                      capture_output=True, text=True, timeout=limit)
            except subprocess.TimeoutExpired:
                outcomes.append(Outcome(case.name, False, limit, f"no answer in {limit:g} s"))
                continue
            seconds = time.monotonic() - began
            lines = (proc.stdout + proc.stderr).strip().splitlines()
            peaks = [int(x.split()[1]) for x in lines if x.startswith("peak-kb:")]
            lines = [x for x in lines if not x.startswith("peak-kb:")]
            ok = proc.returncode == 0 and not any("Traceback" in x for x in lines)
            outcomes.append(Outcome(case.name, ok, seconds, lines[-1] if lines else "",
                                    max(peaks, default=0) / 1024))
    return outcomes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a few small cases")
    args = parser.parse_args()
    began = time.monotonic()
    outcomes = run(args.quick)
    print(f"| case | ok | seconds | peak MB | answer (memory bound "
          f"{MEMORY_BOUND // 1024 ** 3} GB, time limit {TIME_LIMIT:g} s) |\n|---|---|---|---|---|")
    for o in outcomes:
        print(f"| {o.case} | {'yes' if o.ok else 'NO'} | {o.seconds:.1f} | {o.peak_mb:.0f} | "
              f"{o.detail[:120]} |")
    print(f"\n{len(outcomes)} cases, {sum(o.ok for o in outcomes)} passed, "
          f"{time.monotonic() - began:.0f} s in all (building the inputs included); "
          f"peak memory of a case {max((o.peak_mb for o in outcomes), default=0):.0f} MB")
    return 0 if all(o.ok for o in outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())
