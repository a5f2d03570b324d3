"""Throughput of number extraction: quantities, then quantities + metric claims, on a ~1 MB corpus.

    /tmp/v/bin/python bench/bench_numbers.py [--size 1000000] [--repeat 5]

The corpus repeats the hand-written summaries under fixtures/ (samples and calibration) and a
block of varied metric sentences written here, cut to --size characters. Timings are warm (one
untimed run first, so cn2an and the regex caches are loaded); the best of --repeat runs is
reported in characters per second, by wall clock and by CPU time (process_time: steadier on a
shared machine). The target for quantity extraction is ≥ 1,000,000 characters/s.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from summarylint.numbers.claims import text_numbers  # noqa: E402
from summarylint.numbers.quantities import extract_quantities  # noqa: E402

INLINE = """\
一、核心指标
1. 次日留存率从20%提升至25%，提升5个百分点；7日留存率由11.4%上升到13.9%，上升2.5个百分点。
2. 获客成本从30元降低至24元，降幅达20%；单均履约成本由2.46元回落到2.18元，下滑11.4%。
3. 计划新增10万，实际完成11万，目标完成率110%；全年回款3,200万元，其中华北1,150万、华南980万、西部1,070万。
4. 营收同比增长15%，毛利率环比下降3个百分点，线上渠道占比60%，约有三成订单来自老客。
5. 客服首次响应时长由4小时压缩到2.5小时，缩短37.5%；投诉量从120件减少到90件，下降25%。
二、重点工作
11月18日完成 v2.3.1 发布（PR #1234），第3季度上线“云帆2030”计划，值班电话13812345678。
活动期间共接待咨询38,620通，其中电话14,200通、在线客服21,150通、工单3,270件，日均约1,246通。
团队由年初的46人减少到年末的44人，新入职19人，一千二百人次参加培训，十二万元预算执行到位。
三、存在的问题
新品铺货率由31%提高到52%，目标为60%，未达成；应用商店渠道连续19天无法投放，少了约2.5万新增。
四、下一步计划
12月31日前收回逾期款不少于30万元，新用户30日付费转化率达到5.5%，A级线索2小时内联系率保持在90%以上。
"""


def corpus(size: int) -> str:
    parts = [INLINE]
    for folder in ("fixtures/samples", "fixtures/calibration"):
        for path in sorted((ROOT / folder).glob("*")):
            if path.suffix in (".md", ".txt") and path.name != "README.md":
                try:
                    parts.append(path.read_text(encoding="utf-8"))
                except UnicodeDecodeError:
                    continue  # the GBK and UTF-16 copies of the same samples
    text = "\n".join(parts)
    return (text * (size // len(text) + 1))[:size]


def best_of(repeat: int, fn: Callable[[str], object], text: str) -> tuple[float, float]:
    """Best wall-clock and best CPU seconds over repeat runs, after one warm-up run."""
    fn(text)  # warm: imports, caches
    wall = cpu = float("inf")
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn(text)
        wall = min(wall, time.perf_counter() - start)
        cpu = min(cpu, time.process_time() - start_cpu)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000, help="corpus size in characters")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs (the best is reported)")
    args = parser.parse_args()
    text = corpus(args.size)
    quantities = extract_quantities(text)
    numbers = text_numbers(text)
    claims = sum(len(s.claims) for s in numbers.sentences)
    print(f"corpus: {len(text):,} characters, {len(quantities):,} quantities, "
          f"{len(numbers.sentences):,} sentences, {claims:,} claims")
    for label, fn in (("quantities", extract_quantities), ("quantities + claims", text_numbers)):
        wall, cpu = best_of(args.repeat, fn, text)
        print(f"{label:>20}: {wall * 1000:7.1f} ms wall {len(text) / wall:>11,.0f} chars/s | "
              f"{cpu * 1000:7.1f} ms CPU {len(text) / cpu:>11,.0f} chars/s")


if __name__ == "__main__":
    main()
