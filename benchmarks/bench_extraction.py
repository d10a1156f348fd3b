"""Extraction benchmarks: speed on the seed documents, a generated 100-page PDF, peak memory.

    python benchmarks/bench_extraction.py

Prints one line per figure, "name: value unit (goal …)", and exits 1 when a goal is missed.
Seeds are read from $STYRING_SHARED/seeds or ../shared/seeds next to the repository; the PDF is
written at run time with the project's minimal PDF writer (no extra dependencies).
"""
from __future__ import annotations

import contextlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

SEED_001 = "001_f916831d49873a13"
RUNS = 7


def shared_dir() -> Path:
    return Path(os.environ.get("STYRING_SHARED", REPO.parent / "shared")).resolve()


CPU: dict[str, float] = {}


def _median_seconds(fn, runs: int = RUNS, key: str = "") -> float:
    """Median wall-clock seconds; the median CPU seconds go to CPU[key] (wall time on a shared,
    busy machine can be several times the CPU time)."""
    from styring.registry import load_registry

    times, cpu = [], []
    for _ in range(runs):
        load_registry().find.cache_clear()  # no help from earlier runs
        c0, t0 = time.process_time(), time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    CPU[key] = statistics.median(cpu)
    return statistics.median(times)


def _pdf_pages(lines: list[str], pages: int = 100, per_page: int = 55) -> list[list[str]]:
    out = []
    k = 0
    for _ in range(pages):
        page = []
        for _ in range(per_page):
            page.append(lines[k % len(lines)][:110])
            k += 1
        out.append(page)
    return out


def _laid_out_pdf(seed: Path, out: Path) -> int:
    """Seed 001 laid out as a word processor exports it (hanging indents, bullets in a symbol font
    that leave no character, tables in columns), repeated to at least 100 pages; the page count."""
    import pypdfium2 as pdfium
    from tests.extraction.corpus.blocks import parse
    from tests.extraction.corpus.pdf import pdf_bytes

    blocks = parse(seed.read_text(encoding="utf-8"))
    copies = 1
    while True:
        out.write_bytes(pdf_bytes(blocks * copies))
        pdf = pdfium.PdfDocument(str(out))
        pages = len(pdf)
        pdf.close()
        if pages >= 100:
            return pages
        copies = max(copies + 1, int(copies * 100 / max(pages, 1)) + 1)


def _peak_memory_mb(seed: Path) -> float:
    code = (
        "import resource, sys; sys.path.insert(0, sys.argv[2]);"
        "from styring.extraction import extract_file; extract_file(sys.argv[1]);"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    proc = subprocess.run([sys.executable, "-c", code, str(seed), str(REPO / "src")],
                          capture_output=True, text=True, check=True, timeout=120)
    return int(proc.stdout.strip().splitlines()[-1]) / 1024  # ru_maxrss is in KiB on Linux


def run() -> list[tuple[str, float | str, str]]:
    """(name, value, "unit (goal …)") for each figure."""
    from styring.extraction import extract, extract_file
    from styring.extraction.pdfgen import text_pdf
    from styring.extraction.readers import read_file

    results: list[tuple[str, float | str, str]] = []
    seeds_dir = shared_dir() / "seeds"
    seeds = sorted(seeds_dir.glob("*.txt")) if seeds_dir.is_dir() else []
    extract("Mål 2024:\nIndikatorer:\n• Ventetiden skal ned.\n")  # load the registry once
    total = 0.0
    for seed in seeds:
        text = read_file(seed)
        sec = _median_seconds(lambda text=text: extract(text), key=seed.stem)
        total += sec
        goal = " (goal < 0.2 s)" if seed.stem == SEED_001 else ""
        results.append((f"seed {seed.stem} median", round(sec, 4), "s" + goal))
        results.append((f"seed {seed.stem} median CPU time", round(CPU[seed.stem], 4), "s"))
    if seeds:
        results.append(("all seeds, sum of medians", round(total, 4), "s (goal < 0.5 s)"))
        source_lines = [ln for ln in (seeds_dir / f"{SEED_001}.txt").read_text(encoding="utf-8").splitlines() if ln.strip()] \
            if (seeds_dir / f"{SEED_001}.txt").exists() else [ln for ln in read_file(seeds[0]).splitlines() if ln.strip()]
    else:
        results.append(("seeds", "missing", f"(set STYRING_SHARED; looked in {seeds_dir})"))
        source_lines = [
            "Helseforetakene (FIN, UNN, NLSH og HSYK) gis følgende oppdrag:",
            "1. Helseforetakene skal sende plan for økt kapasitet innen 15. september 2024.",
            "Mål 2024:", "Indikatorer:", "• Ventetiden skal reduseres sammenlignet med 2023.",
        ]
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "hundre-sider.pdf"
        pdf.write_bytes(text_pdf(_pdf_pages(source_lines)))
        sec = _median_seconds(lambda: extract_file(pdf), runs=3, key="pdf")
        results.append(("100-page text PDF, read + extract, median", round(sec, 3), "s (goal < 3 s)"))
        results.append(("100-page text PDF, median CPU time", round(CPU["pdf"], 3), "s"))
        if seeds and (seeds_dir / f"{SEED_001}.txt").exists():
            laid_out = Path(tmp) / "hundre-sider-oppsatt.pdf"
            pages = _laid_out_pdf(seeds_dir / f"{SEED_001}.txt", laid_out)
            sec = _median_seconds(lambda: extract_file(laid_out), runs=3, key="laid_out")
            results.append((f"{pages}-page laid-out PDF (indents, lost bullets, columns), read + extract, median",
                            round(sec, 3), "s (goal < 3 s for 100 pages)"))
            results.append(("laid-out PDF, median CPU time", round(CPU["laid_out"], 3), "s"))
    if seeds and (seeds_dir / f"{SEED_001}.txt").exists():
        results.append((f"peak memory, seed {SEED_001} (whole process)", round(_peak_memory_mb(seeds_dir / f"{SEED_001}.txt"), 1),
                        "MB (goal < 150 MB)"))
    return results


GOALS = {"goal < 0.2 s": 0.2, "goal < 0.5 s": 0.5, "goal < 3 s": 3.0, "goal < 150 MB": 150.0}


def main() -> int:
    ok = True
    with contextlib.suppress(OSError):
        print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs")
    for name, value, unit in run():
        line = f"{name}: {value} {unit}"
        for goal, limit in GOALS.items():
            if goal in unit and isinstance(value, float) and value >= limit:
                ok = False
                line += "  <-- MISSED"
        print(line)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
