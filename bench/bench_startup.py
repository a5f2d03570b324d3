"""Cold start: whole-process wall time of `summarylint check FILE` against the bare floor
`python -c "import click, markdown_it"`, measured in the same run, medians over N runs. The two
commands alternate, run by run, so that a change in the machine's load shifts both alike.

    python bench/bench_startup.py [FILE] [--runs 15]

Run it with the venv's interpreter (the pyenv shim adds ~0.1 s to everything run through it).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "seeds" / "000_e6ba67014c815739.txt"


# An installed package has its .pyc files; a checkout run with PYTHONDONTWRITEBYTECODE would recompile
# every module on every run and measure the compiler, not summarylint.
_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def once(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one run."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_ENV)
    _, _, usage = os.wait4(proc.pid, 0)
    return time.perf_counter() - start, usage.ru_maxrss / 1024


def timed(cmds: list[list[str]], runs: int) -> list[tuple[float, float]]:
    """Median wall seconds and peak RSS (MB) of each command over runs, the commands taking turns."""
    samples: list[list[tuple[float, float]]] = [[] for _ in cmds]
    for _ in range(runs):
        for cmd, out in zip(cmds, samples, strict=True):
            out.append(once(cmd))
    return [(statistics.median(t for t, _ in out), max(m for _, m in out)) for out in samples]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("file", nargs="?", default=str(DEFAULT if DEFAULT.exists()
                                                       else ROOT / "fixtures" / "samples" / "kpi_placeholders.txt"))
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    script = Path(sys.executable).with_name("summarylint")
    check = [str(script), "check", args.file] if script.exists() else [sys.executable, "-m", "summarylint", "check",
                                                                       args.file]
    floor_cmd = [sys.executable, "-c", "import click, markdown_it"]
    timed([check, floor_cmd], 2)  # warm the OS file cache, .pyc files and summarylint's caches
    (floor, floor_mem), (cold, cold_mem) = timed([floor_cmd, check], args.runs)
    size = len(Path(args.file).read_text(encoding="utf-8", errors="replace"))
    print(f"file: {args.file} ({size:,} chars), {args.runs} runs each")
    print(f"floor  python -c 'import click, markdown_it': median {floor:.3f} s, peak {floor_mem:.0f} MB")
    print(f"summarylint check (all rules):             median {cold:.3f} s, peak {cold_mem:.0f} MB")
    print(f"ratio to floor: {cold / floor:.2f}x")


if __name__ == "__main__":
    main()
