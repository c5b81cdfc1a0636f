"""Benchmark: check 10,000 HTML pages of about 20 KB of Danish municipal text.

Generates the pages into a temporary folder (seeded, so every run checks the
same text), then runs ``check_paths`` over the folder single-process (the
baseline) and with two worker processes, and prints pages/s, total time and
the speed-up ratio. Goal: under 60 s for the 10,000 pages on a 2-core machine.

    python benchmarks/bench_language_pages.py [--pages N] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import tempfile
import time
from pathlib import Path

from ligestat.language.run import check_paths

NEUTRAL = [
    "Københavns Kommune tilbyder rådgivning til borgere, der ønsker at søge om boligstøtte.",
    "Ansøgningen skal være modtaget senest den 1. marts, og du får svar inden for fire uger.",
    "Kontakt din sagsbehandler, hvis du har spørgsmål til din sag.",
    "Borgerservice har åbent mandag til fredag fra klokken 10 til 15.",
    "Børne- og Ungdomsforvaltningen arbejder for, at alle børn trives i dagtilbud og skole.",
    "Kommunens medarbejdere skal behandle alle borgere med respekt og ligeværd.",
    "Referatet godkendes på næste møde i Teknik- og Miljøudvalget.",
    "Der er afsat 12,5 mio. kr. til renovering af svømmehallen i 2026.",
    "Sundhedsplejersken kommer på besøg, når dit barn er fire til fem dage gammelt.",
    "Klager over afgørelsen sendes til Ankestyrelsen inden for fire uger.",
    "Mandatfordelingen i Borgerrepræsentationen fremgår af oversigten nedenfor.",
    "Sagen er sendt i høring hos de relevante parter, herunder lokaludvalgene.",
    "Alle ansatte kan søge om seniorordning fra det år, de fylder 60.",
    "Den nye kulturhusleder starter den 1. august og skal styrke samarbejdet med foreningerne.",
    "Kommunen opfordrer borgerne til at sortere affaldet i ti fraktioner.",
    "Der er mulighed for at låne bøger, film og musik på alle kommunens biblioteker.",
    "Byggetilladelsen forudsætter, at lokalplanens bestemmelser om højde overholdes.",
    "Borgmesteren takkede frivillige i foreningslivet for deres store indsats.",
    "Andelen af kvinder blandt kommunens ledere steg fra 52 til 55 procent.",
    "Mandlige ansatte tog i gennemsnit 9,1 ugers forældreorlov.",
    "Husk at finde dit sygesikringskort frem, når du møder op.",
    "Forpersonen for udvalget takkede for et godt samarbejde i valgperioden.",
    "Sagen er behandlet af Folketingets Ombudsmand, som ikke fandt grundlag for kritik.",
    "Fagfolk fra hele forvaltningen deltager i arbejdsgruppen.",
    "Du kan booke tid hos jordemoderen via MinSundhed.",
]
GENDERED = [
    "Udvalgets formand åbnede mødet og bød velkommen til de fremmødte.",
    "Næstformanden orienterede om status for budgetforhandlingerne.",
    "Tillidsmanden deltog i drøftelsen af den nye arbejdstidsaftale.",
    "Vi har brug for en erfaren fagmand til vedligeholdelse af kommunens bygninger.",
    "Talsmanden for beboerne gav udtryk for bekymring over trafiksikkerheden.",
    "Lærerinden på skolen havde planlagt en tur til Zoologisk Have.",
    "Sagen drøftes på mødet mandag, hvor embedsmændene fremlægger et notat.",
    "Kontakt rengøringsdamen på afdelingen, hvis der mangler sæbe.",
]
GENDERED_SHARE = 0.04  # of sentences; a few gendered words per page


def sentence(rng: random.Random) -> str:
    return rng.choice(GENDERED if rng.random() < GENDERED_SHARE else NEUTRAL)


HEAD = """<!doctype html>
<html lang="da">
<head>
<meta charset="utf-8">
<title>{title} | Københavns Kommune</title>
<meta name="description" content="Information fra Københavns Kommune om {title}">
<link rel="stylesheet" href="/assets/site.css">
<script>window.dataLayer = window.dataLayer || [];
function gtag(){{dataLayer.push(arguments);}}</script>
<style>.hero {{ background: #003; color: white; }} .formand {{ display: none; }}</style>
</head>
<body>
<header><nav><ul><li><a href="/">Forside</a></li><li><a href="/borger/">Borger</a></li>
<li><a href="/erhverv/">Erhverv</a></li><li><a href="/politik/">Politik</a></li></ul></nav></header>
<main>
<h1>{title}</h1>
"""
TAIL = """</main>
<footer><p>Københavns Kommune &middot; Rådhuspladsen 1 &middot; 1550 København V</p>
<p>Telefon 33 66 33 66 &ndash; <a href="/kontakt/">Kontakt os</a></p></footer>
</body>
</html>
"""
TITLES = ["Boligstøtte", "Udvalgsmøde", "Affald og genbrug", "Skoler", "Byggeri", "Job"]
SECTIONS = ["borger", "erhverv", "politik", "job", "kultur"]


def make_page(rng: random.Random, size: int = 20_000) -> str:
    parts = [HEAD.format(title=rng.choice(TITLES))]
    length = len(parts[0]) + len(TAIL)
    while length < size:
        n = rng.randint(2, 5)
        text = " ".join(sentence(rng) for _ in range(n))
        block = (
            f"<section>\n<h2>{rng.choice(TITLES)}</h2>\n<p>{text}</p>\n</section>\n"
            if rng.random() < 0.2
            else f'<p class="tekst">{text} <a href="/sag/{rng.randint(1, 9999)}">Læs mere</a></p>\n'
        )
        parts.append(block)
        length += len(block)
    parts.append(TAIL)
    return "".join(parts)


def generate(folder: Path, pages: int, seed: int = 4) -> int:
    rng = random.Random(seed)
    total = 0
    for i in range(pages):
        sub = folder / SECTIONS[i % len(SECTIONS)]
        sub.mkdir(exist_ok=True)
        page = make_page(rng)
        (sub / f"side-{i:05d}.html").write_text(page, encoding="utf-8")
        total += len(page.encode("utf-8"))
    return total


def run(folder: Path, workers: int) -> tuple[float, float, int, int]:
    """Wall time, CPU time (this process and its workers), pages, findings."""
    cpu0 = time.process_time() + resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime
    start = time.perf_counter()
    result = check_paths([folder], workers=workers)
    elapsed = time.perf_counter() - start
    cpu = time.process_time() + resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime - cpu0
    assert not result.errors, result.errors[:3]
    return elapsed, cpu, len(result.documents), len(result.findings)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    args = parser.parse_args(argv)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="ligestat-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        t0 = time.perf_counter()
        size = generate(folder, args.pages)
        print(
            f"generated {args.pages} pages, {size / 1e6:.1f} MB "
            f"(mean {size / args.pages / 1024:.1f} KB) in {time.perf_counter() - t0:.1f} s"
        )
        print(
            f"load average before the runs (other work on this machine): {os.getloadavg()[0]:.1f}"
        )
        base, base_cpu, docs, findings = run(folder, workers=1)
        print(
            f"1 process : {base:6.1f} s  {docs / base:6.0f} pages/s  (CPU {base_cpu:.1f} s)  "
            f"{findings} findings in {docs} pages"
        )
        par, par_cpu, docs2, findings2 = run(folder, workers=2)
        assert (docs2, findings2) == (docs, findings)
        print(f"2 workers : {par:6.1f} s  {docs2 / par:6.0f} pages/s  (CPU {par_cpu:.1f} s)")
        print(f"speed-up 2 workers / 1 process: {base / par:.2f}x")
        scale = 10_000 / args.pages
        best = min(base, par) * scale
        print(
            f"10,000 pages: best wall time {best:.1f} s, goal < 60 s "
            f"{'met' if best < 60 else 'NOT met'}; on two idle cores about "
            f"{par_cpu * scale / 2:.1f} s (CPU time / 2)"
        )
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
