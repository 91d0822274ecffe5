#!/usr/bin/env python3
"""Turns the JSON lines of resnet-bench and resnet_bench.py into the comparison table.

Each cell is the median over rounds of each round's median over iterations; the ratio is
ResNetKit's value over PyTorch's (below 1.0 means ResNetKit is faster or smaller).
"""

import argparse
import json
import platform
import statistics
from collections import defaultdict


def cpu_name():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("results")
    parser.add_argument("--rounds", type=int, required=True)
    parser.add_argument("--iterations", type=int, required=True)
    args = parser.parse_args()

    runs = defaultdict(lambda: defaultdict(list))
    order = []
    versions = {}
    threads = {}
    with open(args.results) as f:
        for line in f:
            row = json.loads(line)
            key = (row["model"], row["batch"], row["size"])
            if key not in order:
                order.append(key)
            side = "resnetkit" if row["implementation"] == "resnetkit" else "pytorch"
            versions[side] = row["implementation"]
            threads[side] = row.get("threads")
            for field in ("forward_ms", "train_step_ms", "peak_rss_mb"):
                runs[(key, side)][field].append(row[field])

    def median(key, side, field):
        values = runs[(key, side)][field]
        return statistics.median(values) if values else float("nan")

    print(f"{cpu_name()}, {threads.get('resnetkit')} threads; {versions.get('pytorch', 'pytorch')} "
          f"with {threads.get('pytorch')} threads; median of {args.rounds} rounds of {args.iterations} iterations.")
    print()
    print("| model, batch, size | ResNetKit forward / train step / peak | PyTorch forward / train step / peak "
          "| ratio forward / train step / peak |")
    print("|---|---|---|---|")
    for key in order:
        model, batch, size = key
        ours = [median(key, "resnetkit", f) for f in ("forward_ms", "train_step_ms", "peak_rss_mb")]
        theirs = [median(key, "pytorch", f) for f in ("forward_ms", "train_step_ms", "peak_rss_mb")]
        ratios = [a / b if b else float("nan") for a, b in zip(ours, theirs)]
        print(f"| {model}, {batch}, {size}x{size} "
              f"| {ours[0]:,.1f} ms / {ours[1]:,.1f} ms / {ours[2]:,.0f} MB "
              f"| {theirs[0]:,.1f} ms / {theirs[1]:,.1f} ms / {theirs[2]:,.0f} MB "
              f"| {ratios[0]:.2f}x / {ratios[1]:.2f}x / {ratios[2]:.2f}x |")


if __name__ == "__main__":
    main()
