"""What the content rules' optional dependencies cost a cold `summarylint check`.

Each variant runs in a fresh interpreter (the budget is for a cold process) and is timed from inside
it, after importing summarylint (paid by every check anyway), so only the variant's own cost is
measured; medians of --runs runs (default 7):

    jieba-full      import jieba + jieba.initialize()           (the full 349k-word dictionary)
    jieba-small     import jieba + a Tokenizer over rules/jieba_dict_small.txt + the user dictionary
    wordlist        summarylint.text_utils._vocabulary(): the same two files read as word sets
    autocorrect     import autocorrect_py + its first format() call (it sets up every rule then)
    autocorrect-2   the same, then a second call on the seed (the steady-state cost)

Usage: python bench/bench_startup_jieba.py [--runs N] [SEED]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SEED = ROOT.parent / "shared" / "seeds" / "000_e6ba67014c815739.txt"

_PRELUDE = "import time, sys, resource\n"
_START = "\nt0 = time.perf_counter()\n"
# Imported before the clock starts: the package itself is paid for by every check anyway.
_SETUP = "from summarylint.data import rules_dir\nimport summarylint.text_utils\n"
_REPORT = ("\nprint(time.perf_counter() - t0, "
           "resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)\n")

VARIANTS = {
    "jieba-full": "import jieba, logging\njieba.setLogLevel(logging.WARNING)\njieba.initialize()",
    "jieba-small": (
        "sys.modules['pkg_resources'] = None\nimport jieba\ndel sys.modules['pkg_resources']\n"
        "tk = jieba.Tokenizer()\nfreq = {}\n"
        "for name in ('jieba_dict_small.txt', 'jieba_userdict.txt'):\n"
        "    for line in (rules_dir() / name).read_text(encoding='utf-8').splitlines():\n"
        "        p = line.split()\n"
        "        if len(p) >= 3 and not line.startswith('#'):\n"
        "            freq[p[0]] = int(p[1])\n"
        "            for e in range(1, len(p[0])): freq.setdefault(p[0][:e], 0)\n"
        "tk.FREQ, tk.total, tk.initialized = freq, sum(freq.values()), True\n"
        "tk.lcut('数据分析深度不足，缺少定性调研', HMM=False)"
    ),
    "wordlist": "from summarylint.text_utils import _vocabulary, content_words\n_vocabulary()\n"
                "content_words('数据分析深度不足，缺少定性调研')",
    "autocorrect": "import autocorrect_py\nautocorrect_py.format(open(SEED, encoding='utf-8').read())",
    "autocorrect-2": "import autocorrect_py\ntext = open(SEED, encoding='utf-8').read()\n"
                     "autocorrect_py.format(text)\nt0 = time.perf_counter()\nautocorrect_py.format(text)",
}


def run(code: str, seed: Path) -> tuple[float, int]:
    script = f"SEED = {str(seed)!r}\n" + _PRELUDE + _SETUP + _START + code + _REPORT
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    seconds, megabytes = out.stdout.split()
    return float(seconds), int(megabytes)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("seed", nargs="?", type=Path, default=DEFAULT_SEED)
    args = parser.parse_args()
    print(f"{'variant':<15}{'median s':>10}{'min s':>9}{'peak MB':>9}")
    for name, code in VARIANTS.items():
        results = [run(code, args.seed) for _ in range(args.runs)]
        times = [t for t, _ in results]
        print(f"{name:<15}{statistics.median(times):>10.3f}{min(times):>9.3f}{max(m for _, m in results):>9}")


if __name__ == "__main__":
    main()
