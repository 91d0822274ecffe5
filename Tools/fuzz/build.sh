#!/usr/bin/env bash
# Builds the libFuzzer harnesses into .build-fuzz/ (ignored by git) with swiftc, each harness
# compiled with the sources it exercises as one module, instrumented for libFuzzer and ASan.
#
#   bash Tools/fuzz/build.sh
#   bash Tools/fuzz/run.sh lesson-parser 600     # fuzz for ten minutes
#   bash Tools/fuzz/run.sh safetensors 600
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="$root/.build-fuzz"
mkdir -p "$out"
flags=(-O -g -sanitize=fuzzer,address -parse-as-library -swift-version 6)

book="$root/Sources/LessonBook"
parser_sources=(
    "$book"/Parsing/*.swift
    "$book/Model/Lesson.swift" "$book/Model/SourceLocation.swift" "$book/Model/Diagnostic.swift"
    "$book/Model/MemorySize.swift" "$book/LessonBookError.swift" "$book/Building/ProgramBuilder.swift"
)
swiftc "${flags[@]}" -module-name LessonParserFuzz -I "$root/Sources/CCmarkGFM" \
    "$root/Tools/fuzz/LessonParserFuzzer.swift" "$root/Tools/fuzz/SiteManifestName.swift" "${parser_sources[@]}" \
    -o "$out/fuzz-lesson-parser"

mapfile -t kit_sources < <(find "$root/Sources/ResNetKit" -name '*.swift' | sort)
swiftc "${flags[@]}" -module-name SafeTensorsFuzz -I "$root/Sources/COpenBLAS" -I "$root/Sources/CZlib" \
    "$root/Tools/fuzz/SafeTensorsFuzzer.swift" "${kit_sources[@]}" \
    -o "$out/fuzz-safetensors"
echo "built $out/fuzz-lesson-parser and $out/fuzz-safetensors"
