"""Headless Chromium for the report tests (load a page, collect its console, screenshot it) and
the API documentation tests (the DOM a page has built, offline).

Chromium's own command line is enough here (no DevTools client, no extra package): with
``--enable-logging=stderr --v=0`` every console message and uncaught exception of the page is
logged as an ``INFO:CONSOLE`` line, ``--screenshot`` writes a PNG after the load event and
``--dump-dom`` prints the DOM once the page's scripts have run. The report logs nothing by
design, so any such line is a failure there.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import numpy as np
from PIL import Image

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CONSOLE = re.compile(r":CONSOLE(?:\(\d+\))?:?\d*\] (.*)")
TIMEOUT_S = 90


def chromium_binary() -> str | None:
    return next((found for name in CANDIDATES if (found := shutil.which(name))), None)


def run_chromium(binary: str, *arguments: str) -> subprocess.CompletedProcess[str]:
    """Headless Chromium with a throw-away profile and no background traffic of its own."""
    with tempfile.TemporaryDirectory(prefix="ie-nlp-chromium-") as profile:
        command = [
            binary,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            f"--user-data-dir={profile}",
            "--enable-logging=stderr",
            "--v=0",
            *arguments,
        ]
        return subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_S)


def console_messages(stderr: str) -> list[str]:
    return [m.group(1) for line in stderr.splitlines() if (m := CONSOLE.search(line))]


def load_page(binary: str, page: Path, screenshot: Path) -> list[str]:
    """Open ``page``, write its screenshot (1280x900); the console messages, in order."""
    done = run_chromium(
        binary, f"--screenshot={screenshot}", "--window-size=1280,900", page.resolve().as_uri()
    )
    if not screenshot.exists():
        raise RuntimeError(f"chromium wrote no screenshot (exit {done.returncode}):\n{done.stderr}")
    return console_messages(done.stderr)


def dump_dom_offline(binary: str, url: str, wait_ms: int = 30_000) -> tuple[str, list[str]]:
    """The DOM of ``url`` after its scripts ran (up to ``wait_ms`` of the page's virtual time)
    and its console messages, with every host but 127.0.0.1 unresolvable: no internet."""
    done = run_chromium(
        binary,
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
        f"--virtual-time-budget={wait_ms}",
        "--dump-dom",
        url,
    )
    if done.returncode != 0 or not done.stdout.strip():
        raise RuntimeError(f"chromium dumped no DOM (exit {done.returncode}):\n{done.stderr}")
    return done.stdout, console_messages(done.stderr)


def ink(screenshot: Path) -> tuple[int, float]:
    """(distinct colours, share of pixels that are not near-white) of a screenshot."""
    with Image.open(screenshot) as image:
        pixels = np.asarray(image.convert("RGB"), dtype=np.uint32).reshape(-1, 3)
    packed = pixels[:, 0] << 16 | pixels[:, 1] << 8 | pixels[:, 2]
    inked = int((pixels.min(axis=1) < 235).sum())
    return len(np.unique(packed)), inked / len(pixels)
