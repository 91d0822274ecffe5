#!/usr/bin/env bash
# Runs every test: the Swift suites, every lesson's checks, the committed site against the
# current sources, and the built pages in a real browser.
set -euo pipefail
cd "$(dirname "$0")/.."

swift build --build-tests
swift test --skip-build
swift run lesson check
swift run lesson build --check
python3 Tools/browser_test.py site
