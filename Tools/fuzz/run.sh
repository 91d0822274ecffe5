#!/usr/bin/env bash
# Runs one harness for a number of seconds over its committed corpus; new inputs it finds go to
# .build-fuzz/corpus-NAME, crashes to .build-fuzz/crash-*. Add the interesting ones to
# Tools/fuzz/corpus/NAME by hand (`-merge=1` keeps the corpus small).
#
#   bash Tools/fuzz/run.sh lesson-parser 600
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
name="$1"
seconds="${2:-600}"
out="$root/.build-fuzz"
mkdir -p "$out/corpus-$name"
cd "$out"
exec "./fuzz-$name" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -print_final_stats=1 "$out/corpus-$name" "$root/Tools/fuzz/corpus/$name"
