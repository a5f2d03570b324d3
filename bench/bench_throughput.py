"""Warm throughput: characters per second of one Linter checking a ~1 MB corpus in-process.

The corpus is the sample summaries (fixtures/samples/*.txt and *.md, decoded as `summarylint check`
decodes them), repeated until it holds about 1,000,000 characters: some 500 files of 2-7 KB, as a
team lead's folder or a CI job over a repository would give. Each file is linted as
`Linter.lint_text` does it (parse, genre, rules, score with its gains).

Two figures, because the samples repeat: every later copy of a sentence is found in the caches that
the rules keep per sentence (figures, claims, content words…). `distinct` clears those caches
(the bounded ones, functools.lru_cache with a maxsize) before each file, as if no sentence of the
corpus occurred twice; this is the figure to quote. `repeated` keeps them, the best case. Each is
given by wall clock (median of --rounds) and by CPU time (best of --rounds: steadier on a shared
machine).

    python bench/bench_throughput.py [--chars 1000000] [--rounds 3]

Target: ≥ 500,000 characters/second (distinct). Run it with the venv's interpreter.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "fixtures" / "samples"


def corpus(chars: int) -> list[tuple[str, str]]:
    """(name, text) of the sample files, repeated until the corpus holds `chars` characters."""
    from summarylint.decode import decode_bytes

    files = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".txt", ".md") and p.name != "README.md")
    samples = [(p.name, decode_bytes(p.read_bytes(), p.name).text) for p in files]
    out: list[tuple[str, str]] = []
    total, copy = 0, 0
    while total < chars:
        copy += 1
        for name, text in samples:
            out.append((f"{copy:03d}/{name}", text))
            total += len(text)
    return out


def sentence_caches() -> list[Callable[[], None]]:
    """cache_clear of every bounded cache in summarylint (per-text results; unbounded ones hold data)."""
    clears = []
    for name, module in list(sys.modules.items()):
        if not name.startswith("summarylint"):
            continue
        for value in vars(module).values():
            info = getattr(value, "cache_info", None)
            if callable(info) and info().maxsize is not None and getattr(value, "__module__", "") == name:
                clears.append(value.cache_clear)
    return clears


def run(files: list[tuple[str, str]], distinct: bool) -> tuple[float, float]:
    """Wall and CPU seconds to lint every file with one Linter (rules loaded, first file linted before)."""
    from summarylint.api import Linter

    linter = Linter()
    linter.lint_text(files[0][1], files[0][0])
    clears = sentence_caches() if distinct else []
    wall = cpu = 0.0
    for name, text in files:
        for clear in clears:
            clear()
        start, start_cpu = time.perf_counter(), time.process_time()
        linter.lint_text(text, name)
        wall += time.perf_counter() - start
        cpu += time.process_time() - start_cpu
    return wall, cpu


def run_folder(files: list[tuple[str, str]], jobs: int) -> float:
    """Wall seconds of Linter.lint_paths over the corpus written to a temporary folder."""
    import tempfile

    from summarylint.api import Linter

    with tempfile.TemporaryDirectory() as tmp:
        for name, text in files:
            target = Path(tmp, name)
            target.parent.mkdir(exist_ok=True)
            target.write_text(text, encoding="utf-8")
        linter = Linter()
        linter.lint_text(files[0][1], files[0][0])
        start = time.perf_counter()
        report = linter.lint_paths([tmp], jobs=jobs)
        wall = time.perf_counter() - start
        assert len(report.files) == len(files) and not report.input_errors
    return wall


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--chars", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    files = corpus(args.chars)
    size = sum(len(text) for _, text in files)
    megabytes = sum(len(text.encode("utf-8")) for _, text in files) / 1e6
    print(f"corpus: {len(files)} files, {size:,} characters ({megabytes:.1f} MB UTF-8), from {SAMPLES}")
    for mode in ("distinct", "repeated"):
        runs = [run(files, mode == "distinct") for _ in range(args.rounds)]
        wall = statistics.median(w for w, _ in runs)
        cpu = min(c for _, c in runs)
        print(f"{mode:9s} {size / wall:10,.0f} chars/s wall (median of {args.rounds}: {wall:.2f} s, "
              f"{len(files) / wall:.0f} files/s); {size / cpu:10,.0f} chars/s CPU (best)")
    from summarylint.workers import available_cpus

    for jobs in sorted({1, available_cpus()}):
        wall = statistics.median(run_folder(files, jobs) for _ in range(args.rounds))
        label = f"folder, {jobs} job{'s' if jobs > 1 else ''}"
        print(f"{label} {size / wall:10,.0f} chars/s wall (median of {args.rounds}: {wall:.2f} s, "
              f"{len(files) / wall:.0f} files/s)")
    print("target: ≥ 500,000 chars/s")


if __name__ == "__main__":
    main()
