"""Benchmark: the field-visit planner on synthetic months (`python bench/planning.py`).

For each size (candidates, fixed events = candidates / 5) and three seeds, solves with a 5 s
limit on two workers and prints a Markdown table for docs/benchmarks.md. No Django needed.
"""

from __future__ import annotations

import os
import platform
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sijeong.planning import greedy, synthetic, verify
from sijeong.planning.solver import solve

SIZES = (100, 300, 1000)
SEEDS = (1, 2, 3)
TIME_LIMIT = 5.0


def main() -> None:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    print(f"Machine: {cpu}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"Command: python bench/planning.py (time limit {TIME_LIMIT:g} s, 2 workers)\n")
    print(
        "| candidates / fixed | seed | status | objective | bound | gap | greedy "
        "| over greedy | seconds | placed | must left out | checker |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for n in SIZES:
        for seed in SEEDS:
            instance = synthetic.build(n, n // 5, seed=seed)
            plan = solve(instance, time_limit=TIME_LIMIT, workers=2)
            baseline = greedy.plan(instance)
            over = (plan.objective - baseline.objective) / abs(baseline.objective or 1)
            problems = verify.violations(instance, plan)
            print(
                f"| {n} / {n // 5} | {seed} | {plan.status} | {plan.objective:,} "
                f"| {plan.bound:,} | {plan.gap:.2%} | {baseline.objective:,} | {over:+.1%} "
                f"| {plan.seconds:.2f} | {len(plan.placed)} | {len(plan.must_unplaceable)} "
                f"| {'ok' if not problems else len(problems)} |"
            )


if __name__ == "__main__":
    main()
