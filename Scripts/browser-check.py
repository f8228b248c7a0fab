#!/usr/bin/env python3
"""Renders tthc's HTML documents in headless Chromium, as a person would look at them.

For each page and each width (1366 px desktop, 390 px phone, and the A4 print layout) it
  - saves a full-page PNG screenshot (look at them: --out DIR keeps them),
  - runs a small script in the page that lists every element whose content overflows its box,
    every pair of sibling boxes that overlap, and every chart label that overlaps another label or
    leaves its picture, and fails when there is any.

It talks to Chromium over the DevTools protocol on a pipe (--remote-debugging-pipe): standard
library only, no WebSocket client.

Usage:
  Scripts/browser-check.py [--out DIR] PAGE.html...
  Scripts/browser-check.py --sample [--out DIR]    # builds the shipped sample's documents first
Exit status: 0 nothing overflows, 1 problems listed, 2 Chromium or tthc missing or failing.
"""
import argparse
import base64
import fcntl
import json
import os
import shutil
import subprocess
import sys
import tempfile

# Runs in the page; returns a list of problems as strings.
CHECK = r"""
(() => {
  const problems = [];
  const name = (el) => {
    let s = el.tagName.toLowerCase();
    if (el.id) s += '#' + el.id;
    const cls = el.getAttribute('class');
    if (cls) s += '.' + cls.trim().split(/\s+/).join('.');
    const key = el.getAttribute('data-key');
    if (key) s += '[data-key=' + key + ']';
    let p = el.parentElement, path = s;
    for (let i = 0; p && i < 3; i++, p = p.parentElement) {
      path = p.tagName.toLowerCase() + (p.id ? '#' + p.id : '') + ' > ' + path;
    }
    return path;
  };
  const visible = (el) => {
    const st = getComputedStyle(el);
    return st.display !== 'none' && st.visibility !== 'hidden';
  };
  const root = document.documentElement;
  if (root.scrollWidth > window.innerWidth + 1) {
    problems.push('page: ' + root.scrollWidth + ' px wide in a ' + window.innerWidth + ' px window');
  }
  // Content wider than its box (text that does not wrap, a table wider than the page).
  for (const el of document.body.querySelectorAll('*')) {
    if (el.closest('svg') || !visible(el)) continue;
    if (el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1) {
      problems.push(name(el) + ': content ' + el.scrollWidth + ' px wide in a ' + el.clientWidth + ' px box');
    }
    if (el.clientHeight > 0 && el.scrollHeight > el.clientHeight + 1 && getComputedStyle(el).overflowY !== 'visible') {
      problems.push(name(el) + ': content ' + el.scrollHeight + ' px high in a ' + el.clientHeight + ' px box');
    }
  }
  // Sibling boxes that overlap (tiles, cells, legend items, blocks of a section).
  const overlap = (a, b) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
  for (const parent of document.body.querySelectorAll('*')) {
    if (parent.closest('svg') || !visible(parent)) continue;
    const kids = [...parent.children].filter((k) => visible(k) && k.tagName !== 'TITLE' && getComputedStyle(k).position !== 'absolute');
    if (kids.length < 2 || kids.length > 600) continue;
    const boxes = kids.map((k) => k.getBoundingClientRect());
    for (let i = 0; i < kids.length; i++) {
      for (let j = i + 1; j < kids.length; j++) {
        if (boxes[i].width && boxes[j].width && overlap(boxes[i], boxes[j])) {
          problems.push(name(kids[i]) + ' overlaps ' + name(kids[j]));
        }
      }
    }
  }
  // Chart labels: inside their picture, and clear of each other.
  for (const svg of document.querySelectorAll('svg')) {
    const frame = svg.getBoundingClientRect();
    const texts = [...svg.querySelectorAll('text')].map((t) => [t, t.getBoundingClientRect()]);
    for (const [t, r] of texts) {
      if (r.left < frame.left - 1 || r.right > frame.right + 1 || r.top < frame.top - 1 || r.bottom > frame.bottom + 1) {
        problems.push(name(svg.closest('figure') || svg) + ': label "' + t.textContent + '" leaves the chart');
      }
    }
    for (let i = 0; i < texts.length; i++) {
      for (let j = i + 1; j < texts.length; j++) {
        if (overlap(texts[i][1], texts[j][1])) {
          problems.push(name(svg.closest('figure') || svg) + ': labels "' + texts[i][0].textContent + '" and "' + texts[j][0].textContent + '" overlap');
        }
      }
    }
  }
  return JSON.stringify(problems);
})()
"""


class DevTools:
    """The DevTools protocol over Chromium's pipe: JSON messages ended by a NUL byte."""

    def __init__(self, chromium):
        self.profile = tempfile.mkdtemp(prefix="tthc-chromium-")
        def high(fd):
            # Above 4, so that placing the child's ends on 3 and 4 cannot clobber one another.
            moved = fcntl.fcntl(fd, fcntl.F_DUPFD, 10)
            os.close(fd)
            return moved

        to_chrome_r, self.to_chrome = map(high, os.pipe())
        self.from_chrome, from_chrome_w = map(high, os.pipe())

        def child_pipes():
            # Chromium reads commands on fd 3 and writes replies on fd 4.
            os.dup2(to_chrome_r, 3)
            os.dup2(from_chrome_w, 4)

        self.process = subprocess.Popen(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
             "--remote-debugging-pipe", "--no-first-run", "--no-default-browser-check",
             "--user-data-dir=" + self.profile, "about:blank"],
            # Python's own descriptors are not inherited (PEP 446); the two dup2'd ones are.
            close_fds=False, preexec_fn=child_pipes,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self.buffer = b""
        self.next_id = 0
        self.events = []

    def send(self, method, params=None, session=None):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.to_chrome, json.dumps(message).encode() + b"\0")
        while True:
            reply = self.receive()
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(method + ": " + json.dumps(reply["error"]))
                return reply.get("result", {})
            self.events.append(reply)

    def receive(self):
        while b"\0" not in self.buffer:
            chunk = os.read(self.from_chrome, 1 << 20)
            if not chunk:
                raise RuntimeError("Chromium closed the DevTools pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def wait_event(self, method, session):
        while True:
            for i, event in enumerate(self.events):
                if event.get("method") == method and event.get("sessionId") == session:
                    del self.events[i]
                    return event
            self.events.append(self.receive())

    def close(self):
        try:
            self.send("Browser.close")
        except Exception:
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.profile, ignore_errors=True)


def check_page(tools, session, path, out_dir, piece=None):
    """Loads `path` at each layout; returns the problems found."""
    problems = []
    url = "file://" + os.path.abspath(path)
    stem = os.path.splitext(os.path.basename(path))[0]
    # (name, width, mobile, media): the print layout is A4 less the page margins (186 mm at 96 dpi).
    layouts = [("1366", 1366, False, "screen"), ("390", 390, True, "screen"), ("print", 703, False, "print")]
    for label, width, mobile, media in layouts:
        tools.send("Emulation.setDeviceMetricsOverride",
                   {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": mobile}, session)
        tools.send("Emulation.setEmulatedMedia", {"media": media}, session)
        tools.send("Page.navigate", {"url": url}, session)
        tools.wait_event("Page.loadEventFired", session)
        found = json.loads(tools.send("Runtime.evaluate", {"expression": CHECK, "returnByValue": True},
                                      session)["result"]["value"])
        problems += ["%s @%s: %s" % (os.path.basename(path), label, p) for p in found]
        if out_dir:
            metrics = tools.send("Page.getLayoutMetrics", {}, session)
            height = int(metrics["cssContentSize"]["height"])
            # The whole page, or pieces of `piece` px for an image viewer that shrinks tall images.
            step = piece or height
            for n, top in enumerate(range(0, height, step)):
                shot = tools.send("Page.captureScreenshot", {
                    "format": "png", "captureBeyondViewport": True,
                    "clip": {"x": 0, "y": top, "width": width, "height": min(step, height - top), "scale": 1}},
                    session)
                suffix = "-%02d" % (n + 1) if piece else ""
                with open(os.path.join(out_dir, "%s-%s%s.png" % (stem, label, suffix)), "wb") as f:
                    f.write(base64.b64decode(shot["data"]))
    return problems


def sample_pages(directory):
    """The shipped sample's documents, made by the tthc built in .build (debug or release)."""
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    # $TTHC, else the release build, else the debug build.
    tthc = os.environ.get("TTHC") or next(
        (p for p in (os.path.join(root, ".build", c, "tthc") for c in ("release", "debug")) if os.path.exists(p)), None)
    if tthc is None:
        print("browser-check: build tthc first (swift build)", file=sys.stderr)
        sys.exit(2)
    log = os.path.join(root, "Datasets", "sample", "dossiers.csv")
    catalog = os.path.join(root, "Datasets", "catalog", "commune-procedures.csv")
    scenario = os.path.join(root, "Datasets", "scenarios", "commune-center.json")
    runs = {
        "report": ["report", log, "--profile", "hanoi-commune-2026", "--catalog", catalog],
        "report-q1-en": ["report", log, "--period", "2026-q1", "--by", "agency", "--lang", "en"],
        "check": ["check", log, "--profile", "hanoi-commune-2026"],
        "today": ["today", log, "--as-of", "2026-03-31T08:00", "--profile", "hanoi-commune-2026"],
        "score": ["score", log],
        "audit": ["audit", log, "--catalog", catalog],
        "simulate": ["simulate", scenario, "--days", "10", "--replications", "4"],
        "compare": ["simulate", "--compare", scenario, "--set-b", "pools.land.size=4", "--days", "10",
                    "--replications", "4"],
    }
    pages = []
    for name, arguments in runs.items():
        path = os.path.join(directory, name + ".html")
        done = subprocess.run([tthc] + arguments + ["--format", "html", "-o", path],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        # check exits 1 when a target is missed; the document is written all the same.
        if done.returncode not in (0, 1) or not os.path.exists(path):
            print("browser-check: tthc %s failed: %s" % (" ".join(arguments), done.stderr.strip()), file=sys.stderr)
            sys.exit(2)
        pages.append(path)
    return pages


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("pages", nargs="*")
    parser.add_argument("--sample", action="store_true", help="check the shipped sample's documents")
    parser.add_argument("--out", help="keep the screenshots in this directory")
    parser.add_argument("--pieces", type=int, help="cut each screenshot into pieces this many px high")
    args = parser.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if chromium is None:
        print("browser-check: no Chromium (apt-get install -y chromium)", file=sys.stderr)
        return 2
    work = tempfile.mkdtemp(prefix="tthc-browser-")
    try:
        pages = list(args.pages) + (sample_pages(work) if args.sample else [])
        if not pages:
            parser.error("give PAGE.html files or --sample")
        if args.out:
            os.makedirs(args.out, exist_ok=True)
        tools = DevTools(chromium)
        try:
            target = tools.send("Target.createTarget", {"url": "about:blank"})["targetId"]
            session = tools.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
            tools.send("Page.enable", {}, session)
            problems = []
            for page in pages:
                problems += check_page(tools, session, page, args.out, args.pieces)
        finally:
            tools.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for p in problems:
        print(p)
    print("browser-check: %d page(s), %d problem(s)%s" % (
        len(pages), len(problems), (", screenshots in " + args.out) if args.out else ""), file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
