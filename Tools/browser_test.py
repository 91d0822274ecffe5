#!/usr/bin/env python3
"""Loads every page of a built site in headless Chromium and checks it the way a reader sees it.

For each HTML file: the page loads from disk, every request it makes is a file: URL inside the
site (nothing leaves the machine), the console shows no error and no script throws, where the
page has math, KaTeX typeset all of it (.katex nodes, no .katex-error), and every link inside the
site arrives: its page exists and, for a #fragment, has an element with that id. On the contents
page, the search box is tried as a reader would: `/` focuses it, a word is typed, and the results
must name the lesson that word belongs to. On pages with exercises, each solution must start
folded and open when its summary is clicked. Optionally saves screenshots at desktop and phone width.

Usage: python3 Tools/browser_test.py SITE_DIR [--screenshots OUT_DIR]
Exit status 0 when every page passes, 1 when one fails, 2 when Chromium is missing.

Talks to Chromium over the DevTools protocol with only the standard library, so CI needs
nothing beyond Debian's chromium package.
"""
import base64
import json
import os
import re
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}


class DevTools:
    """A minimal WebSocket client for one DevTools target."""

    def __init__(self, ws_url):
        parsed = urllib.parse.urlparse(ws_url)
        self.sock = socket.create_connection((parsed.hostname, parsed.port), timeout=30)
        key = base64.b64encode(os.urandom(16)).decode()
        request = (
            f"GET {parsed.path} HTTP/1.1\r\nHost: {parsed.hostname}:{parsed.port}\r\n"
            f"Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
            "Sec-WebSocket-Version: 13\r\n\r\n"
        )
        self.sock.sendall(request.encode())
        response = b""
        while b"\r\n\r\n" not in response:
            response += self.sock.recv(4096)
        header, self.buffer = response.split(b"\r\n\r\n", 1)
        if b" 101 " not in header.split(b"\r\n")[0]:
            raise RuntimeError("WebSocket handshake failed: " + header.decode(errors="replace"))
        self.next_id = 0
        self.events = []

    def _read_exact(self, count):
        while len(self.buffer) < count:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise RuntimeError("DevTools connection closed")
            self.buffer += chunk
        data, self.buffer = self.buffer[:count], self.buffer[count:]
        return data

    def _receive(self):
        message = b""
        while True:
            first, second = self._read_exact(2)
            length = second & 0x7F
            if length == 126:
                length = struct.unpack(">H", self._read_exact(2))[0]
            elif length == 127:
                length = struct.unpack(">Q", self._read_exact(8))[0]
            message += self._read_exact(length)
            if first & 0x80:
                return json.loads(message)

    def _send(self, payload):
        data = json.dumps(payload).encode()
        mask = os.urandom(4)
        header = bytes([0x81])
        if len(data) < 126:
            header += bytes([0x80 | len(data)])
        elif len(data) < 65536:
            header += bytes([0x80 | 126]) + struct.pack(">H", len(data))
        else:
            header += bytes([0x80 | 127]) + struct.pack(">Q", len(data))
        masked = bytes(byte ^ mask[index % 4] for index, byte in enumerate(data))
        self.sock.sendall(header + mask + masked)

    def call(self, method, **params):
        self.next_id += 1
        self._send({"id": self.next_id, "method": method, "params": params})
        self.sock.settimeout(60)
        while True:
            message = self._receive()
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def wait_for(self, method, timeout):
        deadline = time.time() + timeout
        while time.time() < deadline:
            for index, event in enumerate(self.events):
                if event.get("method") == method:
                    return self.events.pop(index)
            self.sock.settimeout(max(0.1, deadline - time.time()))
            try:
                self.events.append(self._receive())
            except socket.timeout:
                break
        raise RuntimeError(f"timed out waiting for {method}")

    def drain(self, seconds):
        deadline = time.time() + seconds
        while time.time() < deadline:
            self.sock.settimeout(max(0.05, deadline - time.time()))
            try:
                self.events.append(self._receive())
            except socket.timeout:
                return


def find_chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def start_browser(chromium, profile):
    process = subprocess.Popen(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--no-default-browser-check", "--hide-scrollbars", f"--user-data-dir={profile}",
         "--remote-debugging-port=0", "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 60
    while time.time() < deadline:
        line = process.stderr.readline()
        match = re.search(r"DevTools listening on (ws://\S+)", line)
        if match:
            return process, match.group(1)
        if process.poll() is not None:
            break
    process.kill()
    raise RuntimeError("Chromium did not start a DevTools endpoint")


def page_target(browser_ws):
    port = urllib.parse.urlparse(browser_ws).port
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list") as response:
        targets = json.load(response)
    return next(target["webSocketDebuggerUrl"] for target in targets if target["type"] == "page")


def check_page(tools, path, site_root, screenshots):
    problems = []
    url = "file://" + urllib.parse.quote(path)
    root_url = "file://" + urllib.parse.quote(site_root.rstrip("/") + "/")
    tools.events.clear()
    tools.call("Emulation.setDeviceMetricsOverride", width=1280, height=900, deviceScaleFactor=1, mobile=False)
    tools.call("Page.navigate", url=url)
    tools.wait_for("Page.loadEventFired", 30)
    tools.drain(0.5)
    for event in tools.events:
        method, params = event.get("method"), event.get("params", {})
        if method == "Network.requestWillBeSent":
            requested = params["request"]["url"]
            if not (requested.startswith(root_url) or requested.startswith("data:")):
                problems.append(f"request leaves the site: {requested}")
        elif method == "Network.loadingFailed":
            problems.append(f"failed to load: {params.get('errorText')} ({params.get('type')})")
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            texts = [str(arg.get("value", arg.get("description", ""))) for arg in params.get("args", [])]
            problems.append("console error: " + " ".join(texts))
        elif method == "Runtime.exceptionThrown":
            problems.append("script error: " + params["exceptionDetails"].get("text", ""))
        elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
            problems.append("browser error: " + params["entry"].get("text", ""))
    counts = tools.call(
        "Runtime.evaluate", returnByValue=True,
        expression="JSON.stringify({math: document.querySelectorAll('.math').length,"
                   " typeset: document.querySelectorAll('.math .katex').length,"
                   " errors: document.querySelectorAll('.katex-error, .math-error').length,"
                   " fonts: document.fonts.status})")
    counts = json.loads(counts["result"]["value"])
    problems += check_links(tools, path, site_root)
    counts["exercises"], exercise_problems = check_exercises(tools)
    problems += exercise_problems
    if counts["math"] and counts["typeset"] != counts["math"]:
        problems.append(f"KaTeX typeset {counts['typeset']} of {counts['math']} math elements")
    if counts["errors"]:
        problems.append(f"{counts['errors']} math elements failed to typeset")
    if screenshots:
        name = os.path.splitext(os.path.basename(path))[0]
        shots = [(label, size, "light") for label, size in WIDTHS.items()] + [("desktop-dark", WIDTHS["desktop"], "dark")]
        for label, (width, height), scheme in shots:
            tools.call("Emulation.setEmulatedMedia", features=[{"name": "prefers-color-scheme", "value": scheme}])
            tools.call("Emulation.setDeviceMetricsOverride", width=width, height=height,
                       deviceScaleFactor=1, mobile=label == "phone")
            tools.drain(0.3)
            content = tools.call("Page.getLayoutMetrics")["cssContentSize"]
            shot = tools.call("Page.captureScreenshot", format="png", captureBeyondViewport=True,
                              clip={"x": 0, "y": 0, "width": width, "height": min(content["height"], 4000), "scale": 1})
            with open(os.path.join(screenshots, f"{name}-{label}.png"), "wb") as file:
                file.write(base64.b64decode(shot["data"]))
            # Full pages get scaled down for viewing; plots are worth a look at their real size.
            rects = tools.call("Runtime.evaluate", returnByValue=True, expression=(
                "JSON.stringify([...document.querySelectorAll('figure.plot')].map(f => {"
                " const r = f.getBoundingClientRect();"
                " return {x: r.x + scrollX, y: r.y + scrollY, width: r.width, height: r.height}; }))"))
            for number, rect in enumerate(json.loads(rects["result"]["value"]), start=1):
                rect["scale"] = 1
                shot = tools.call("Page.captureScreenshot", format="png", captureBeyondViewport=True, clip=rect)
                with open(os.path.join(screenshots, f"{name}-{label}-figure-{number}.png"), "wb") as file:
                    file.write(base64.b64decode(shot["data"]))
        tools.call("Emulation.setEmulatedMedia", features=[{"name": "prefers-color-scheme", "value": "light"}])
    return counts, problems


def check_exercises(tools):
    """Each exercise's solution starts folded and opens when a reader clicks its summary."""
    found = tools.call("Runtime.evaluate", returnByValue=True, expression=(
        "JSON.stringify([...document.querySelectorAll('section.exercise')].map(s => {"
        " const d = s.querySelector('details.exercise-solution');"
        " const cell = d && d.querySelector('.cell');"
        " return {id: s.id, solution: !!d, open: d ? d.open : null,"
        " hidden: cell ? !cell.checkVisibility() : null,"
        " hintsOpen: [...s.querySelectorAll('details.exercise-hint')].filter(h => h.open).length}; }))"))
    sections = json.loads(found["result"]["value"])
    problems = []
    for section in sections:
        name = section["id"]
        if not section["solution"]:
            problems.append(f"exercise {name}: no folded solution")
            continue
        if section["open"] or not section["hidden"]:
            problems.append(f"exercise {name}: the solution is not folded away when the page opens")
        if section["hintsOpen"]:
            problems.append(f"exercise {name}: a hint is open when the page opens")
        # Click the summary where a reader would, then the solution's code must be on screen.
        where = tools.call("Runtime.evaluate", returnByValue=True, expression=(
            f"(() => {{ const s = document.querySelector('#{name} details.exercise-solution > summary');"
            " s.scrollIntoView({block: 'center'}); const r = s.getBoundingClientRect();"
            " return JSON.stringify({x: r.x + 12, y: r.y + r.height / 2}); })()"))
        point = json.loads(where["result"]["value"])
        for kind in ("mousePressed", "mouseReleased"):
            tools.call("Input.dispatchMouseEvent", type=kind, x=point["x"], y=point["y"], button="left", clickCount=1)
        tools.drain(0.1)
        after = tools.call("Runtime.evaluate", returnByValue=True, expression=(
            f"(() => {{ const d = document.querySelector('#{name} details.exercise-solution');"
            " const code = d.querySelector('.cell-code');"
            " return JSON.stringify({open: d.open, visible: !!code && code.checkVisibility(),"
            " height: code ? code.getBoundingClientRect().height : 0}); })()"))
        state = json.loads(after["result"]["value"])
        if not state["open"] or not state["visible"] or state["height"] <= 0:
            problems.append(f"exercise {name}: clicking 'Solution' did not show the solution's code")
    return len(sections), problems


# A word typed into the search box and the page its first results must include.
SEARCHES = [("bottleneck", "07-bottleneck.html"), ("augmentation", "09-training-recipe.html")]


def ids_of(path, cache={}):
    """The id attributes of the page at `path`, or None when there is no such file."""
    if path not in cache:
        try:
            with open(path, encoding="utf-8") as file:
                cache[path] = set(re.findall(r'\sid="([^"]*)"', file.read()))
        except FileNotFoundError:
            cache[path] = None
    return cache[path]


def check_links(tools, path, site_root):
    """Every link of the loaded page that stays in the site arrives at a page and an anchor."""
    hrefs = tools.call("Runtime.evaluate", returnByValue=True, expression=(
        "JSON.stringify([...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href')))"))
    problems = []
    for href in json.loads(hrefs["result"]["value"]):
        parsed = urllib.parse.urlparse(href)
        if parsed.scheme or parsed.netloc:
            continue
        target = os.path.normpath(os.path.join(os.path.dirname(path), urllib.parse.unquote(parsed.path))) if parsed.path else path
        if not target.startswith(os.path.abspath(site_root)):
            problems.append(f"link leaves the site: {href}")
            continue
        ids = ids_of(target)
        if ids is None:
            problems.append(f"broken link: {href} (no such page)")
        elif parsed.fragment and parsed.fragment not in ids:
            problems.append(f"broken link: {href} (no element with id {parsed.fragment!r})")
    return problems


def check_search(tools, site_root):
    """Types words into the contents page's search box and checks where the results point."""
    problems = []
    url = "file://" + urllib.parse.quote(os.path.join(site_root, "index.html"))
    tools.call("Page.navigate", url=url)
    tools.wait_for("Page.loadEventFired", 30)
    tools.drain(0.3)
    for word, page in SEARCHES:
        if not os.path.exists(os.path.join(site_root, page)):
            continue
        tools.call("Runtime.evaluate", expression="document.activeElement && document.activeElement.blur()")
        tools.call("Input.dispatchKeyEvent", type="keyDown", key="/", code="Slash", text="/", windowsVirtualKeyCode=191)
        tools.call("Input.dispatchKeyEvent", type="keyUp", key="/", code="Slash", windowsVirtualKeyCode=191)
        focused = tools.call("Runtime.evaluate", returnByValue=True,
                             expression="document.activeElement && document.activeElement.id")["result"].get("value")
        if focused != "book-search":
            problems.append(f"search: / did not focus the search box (focus on {focused!r})")
        tools.call("Input.insertText", text=word)
        tools.drain(0.2)
        found = tools.call("Runtime.evaluate", returnByValue=True, expression=(
            "JSON.stringify([...document.querySelectorAll('#book-search-results a')].map(a => a.getAttribute('href')))"))
        links = json.loads(found["result"]["value"])
        if not any(link.split("#")[0] == page for link in links[:3]):
            problems.append(f"search: {word!r} did not find {page} among its first results ({links[:3]})")
        tools.call("Runtime.evaluate", expression=(
            "(() => { const i = document.getElementById('book-search'); i.value = '';"
            " i.dispatchEvent(new Event('input')); })()"))
        print(f"{'ok' if not problems else 'FAIL'} search {word!r}: {', '.join(links[:3]) or 'no results'}")
    return problems


def main(argv):
    if len(argv) < 2:
        print(__doc__.strip().split("\n\n")[1], file=sys.stderr)
        return 2
    site = os.path.abspath(argv[1])
    screenshots = None
    if "--screenshots" in argv:
        screenshots = os.path.abspath(argv[argv.index("--screenshots") + 1])
        os.makedirs(screenshots, exist_ok=True)
    chromium = find_chromium()
    if not chromium:
        print("browser test: chromium is not installed (Debian package chromium)", file=sys.stderr)
        return 2
    pages = sorted(name for name in os.listdir(site) if name.endswith(".html"))
    if not pages:
        print(f"browser test: no pages in {site}", file=sys.stderr)
        return 1
    failed = 0
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as profile:
        process, browser_ws = start_browser(chromium, profile)
        try:
            tools = DevTools(page_target(browser_ws))
            for domain in ("Page", "Network", "Runtime", "Log"):
                tools.call(f"{domain}.enable")
            for page in pages:
                counts, problems = check_page(tools, os.path.join(site, page), site, screenshots)
                status = "ok" if not problems else "FAIL"
                exercises = f", {counts['exercises']} exercises fold and unfold" if counts["exercises"] else ""
                print(f"{status} {page}: {counts['typeset']}/{counts['math']} math typeset, links arrive{exercises}")
                for problem in problems:
                    print(f"  {problem}")
                failed += bool(problems)
            search_problems = check_search(tools, site) if "index.html" in pages else []
            for problem in search_problems:
                print(f"  {problem}")
            failed += bool(search_problems)
        finally:
            process.kill()
            process.wait()
    print(f"browser test: {len(pages) - failed} of {len(pages)} pages passed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
