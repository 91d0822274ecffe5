#!/usr/bin/env python3
"""Measures `lesson serve`'s save-to-reloaded-page latency in headless Chromium.

Opens a lesson's page from a running preview server, then edits the lesson file twice and times
each save until the browser has loaded the rebuilt page and shows the edit:
- a prose edit (a sentence appended to the last paragraph): re-rendered, nothing runs;
- a code edit (a print added at the end of the last Swift cell): that lesson compiles and runs.
The file is restored afterwards (and the server rebuilds once more).

Usage: python3 Tools/preview_latency.py PORT Lessons/04-basic-block.md [--runs N]
"""
import os
import sys
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from browser_test import DevTools, find_chromium, page_target, start_browser  # noqa: E402
import tempfile  # noqa: E402


def wait_for_text(tools, marker, timeout):
    """Waits for a load event after which the page contains `marker`; returns when it does."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            tools.wait_for("Page.loadEventFired", max(0.1, deadline - time.time()))
        except RuntimeError:
            break
        found = tools.call("Runtime.evaluate", returnByValue=True,
                           expression=f"document.body.textContent.includes({marker!r})")
        if found["result"].get("value"):
            return True
    return False


def timed_edit(tools, path, original, edited, marker, timeout):
    tools.events.clear()
    with open(path, "w") as file:
        file.write(edited)
    start = time.time()
    ok = wait_for_text(tools, marker, timeout)
    elapsed = time.time() - start
    with open(path, "w") as file:
        file.write(original)
    # Let the server rebuild the restored file and the page reload before the next edit.
    wait_for_text(tools, "", timeout)
    return elapsed if ok else None


def main(argv):
    if len(argv) < 3:
        print(__doc__.strip().split("\n\n")[-1], file=sys.stderr)
        return 2
    port, path = argv[1], argv[2]
    runs = int(argv[argv.index("--runs") + 1]) if "--runs" in argv else 3
    page = os.path.splitext(os.path.basename(path))[0] + ".html"
    with open(path) as file:
        original = file.read()
    fence = original.rindex("\n```\n")
    cut = original.rindex("\n\n", 0, original.rindex("```swift")) if original.rstrip().endswith("```") else len(original.rstrip())
    results = {"prose": [], "code": []}
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as profile:
        process, browser_ws = start_browser(find_chromium(), profile)
        try:
            tools = DevTools(page_target(browser_ws))
            for domain in ("Page", "Runtime"):
                tools.call(f"{domain}.enable")
            tools.call("Page.navigate", url=f"http://127.0.0.1:{port}/{urllib.parse.quote(page)}")
            tools.wait_for("Page.loadEventFired", 30)
            time.sleep(1)
            for run in range(runs):
                marker = f"Preview probe {run} {int(time.time())}"
                prose = original[:cut] + f" {marker}." + original[cut:]
                results["prose"].append(timed_edit(tools, path, original, prose, marker, 60))
                code = original[:fence] + f'\nprint("{marker} code")' + original[fence:]
                results["code"].append(timed_edit(tools, path, original, code, marker + " code", 600))
        finally:
            with open(path, "w") as file:
                file.write(original)
            process.kill()
            process.wait()
    for kind, times in results.items():
        shown = ", ".join("timed out" if t is None else f"{t:.2f} s" for t in times)
        print(f"{kind} edit, save to reloaded page: {shown}")
    return 0 if all(t is not None for times in results.values() for t in times) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
