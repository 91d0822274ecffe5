#!/usr/bin/env bash
# ResNetKit and PyTorch side by side: the four rows of the performance table, each model in a
# fresh process, the two implementations interleaved, several rounds; prints a Markdown table
# of median times, peak memory and the ratios.
#
#   bash Tools/bench/compare.sh [--rounds N] [--iterations N] [--python PATH]
#
# PATH is a Python with torch and torchvision (default /tmp/torchenv/bin/python; create it with
# `python3 -m venv /tmp/torchenv && /tmp/torchenv/bin/pip install torch torchvision`).
set -euo pipefail
cd "$(dirname "$0")/../.."

rounds=2
iterations=5
python=/tmp/torchenv/bin/python
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --iterations) iterations="$2"; shift 2 ;;
    --python) python="$2"; shift 2 ;;
    *) echo "compare.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
"$python" -c "import torch, torchvision" 2>/dev/null || {
  echo "compare.sh: $python cannot import torch and torchvision (see the comment at the top)" >&2; exit 2; }

swift build -c release --product resnet-bench >&2
bench="$(swift build -c release --show-bin-path)/resnet-bench"

rows=(
  "--model resnet18 --batch 8 --size 224"
  "--model resnet50 --batch 8 --size 224"
  "--model resnet20 --batch 128 --size 28 --channels 1"
  "--model resnet56 --batch 128 --size 32"
)
threads="${OMP_NUM_THREADS:-$(nproc)}"
results="$(mktemp)"
trap 'rm -f "$results"' EXIT
for round in $(seq 1 "$rounds"); do
  for row in "${rows[@]}"; do
    echo "round $round/$rounds: $row" >&2
    # shellcheck disable=SC2086
    "$bench" --json $row --iterations "$iterations" >> "$results"
    # shellcheck disable=SC2086
    "$python" Tools/bench/resnet_bench.py --json $row --iterations "$iterations" --threads "$threads" >> "$results"
  done
done
python3 Tools/bench/compare_table.py "$results" --rounds "$rounds" --iterations "$iterations"
