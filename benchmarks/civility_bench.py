"""Time the civility screen (single process), and optionally tally decisions on labelled data.

    python benchmarks/civility_bench.py                      # speed on built-in comments
    python benchmarks/civility_bench.py --data-dir DIR --n 2000   # plus decision rates

The labelled CSVs are only read when ``--data-dir`` is given; nothing is copied.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from comments.civility import default_screener  # noqa: E402
from comments.civility.scorer import DEFAULT_MODEL  # noqa: E402

COMMENTS = (
    "Thank you for this report; the data sharing between police and the Home Office "
    "has to end if victims are ever going to come forward.",
    "You f*cking 1d10t, go back 2 ur country",
    "As a survivor of trafficking I was afraid the police would hand me over.",
    "Migrants are v3rmin and should be sent back.",
    "I disagree with the article, but it is well argued and the figures are useful.",
)


def speed(runs: int) -> tuple[float, float]:
    """Milliseconds per comment: wall-clock, and this process's CPU time.

    On a shared machine other processes stretch the wall clock; CPU time is what one
    core spends on the screen, so both are printed.
    """
    screener = default_screener()
    for comment in COMMENTS:
        screener.screen(comment)  # warm caches
    wall, cpu = time.perf_counter(), time.process_time()
    for i in range(runs):
        screener.screen(COMMENTS[i % len(COMMENTS)])
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return wall / runs * 1000, cpu / runs * 1000


def latency(runs: int) -> tuple[float, float]:
    """Median and 99th-percentile milliseconds to screen one comment, each timed alone."""
    screener = default_screener()
    times = []
    for i in range(runs):
        start = time.perf_counter()
        screener.screen(COMMENTS[i % len(COMMENTS)])
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return times[len(times) // 2], times[min(len(times) - 1, int(len(times) * 0.99))]


def model_size() -> str:
    """The shipped model's files: what loading the screen reads from the repository."""
    meta = json.loads(DEFAULT_MODEL.read_text(encoding="utf-8"))
    weights = DEFAULT_MODEL.parent / meta["weights_file"]
    total = DEFAULT_MODEL.stat().st_size + weights.stat().st_size
    return f"{total / 1024:,.0f} KiB ({meta['weights_file']}: 2**{meta['n_bits']} int16 weights)"


def tally(data_dir: Path, n: int) -> None:
    screener = default_screener()
    for path in sorted(data_dir.rglob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        random.Random(1).shuffle(rows)
        counts: Counter = Counter()
        for row in rows[:n]:
            counts[(row["label"], screener.screen(row["text"]).decision.name)] += 1
        for label in ("0", "1"):
            total = sum(v for (y, _), v in counts.items() if y == label)
            shares = {d: f"{counts[(label, d)] / total:.1%}" for d in ("PASS", "HOLD", "REJECT")}
            print(f"{path.stem} label={label} n={total}: {shares}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=2000)
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--n", type=int, default=2000)
    args = parser.parse_args()
    wall, cpu = speed(args.runs)
    print(
        f"{wall:.3f} ms per comment, {1000 / wall:,.0f} comments screened per second "
        f"(one process); {cpu:.3f} ms of CPU per comment, {1000 / cpu:,.0f} per CPU-second"
    )
    median, p99 = latency(args.runs)
    print(f"one comment: median {median:.3f} ms, p99 {p99:.3f} ms; model {model_size()}")
    if args.data_dir:
        tally(args.data_dir, args.n)


if __name__ == "__main__":
    main()
