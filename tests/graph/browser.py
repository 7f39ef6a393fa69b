"""Headless Chromium for the report tests: load a page, collect its console, screenshot it.

Chromium's own command line is enough here (no DevTools client, no extra package): with
``--enable-logging=stderr --v=0`` every console message and uncaught exception of the page is
logged as an ``INFO:CONSOLE`` line, and ``--screenshot`` writes a PNG after the load event.
The report logs nothing by design, so any such line is a failure.
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


def load_page(binary: str, page: Path, screenshot: Path) -> list[str]:
    """Open ``page``, write its screenshot (1280x900); the console messages, in order."""
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
            f"--screenshot={screenshot}",
            "--window-size=1280,900",
            page.resolve().as_uri(),
        ]
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_S)
    if not screenshot.exists():
        raise RuntimeError(f"chromium wrote no screenshot (exit {done.returncode}):\n{done.stderr}")
    return [m.group(1) for line in done.stderr.splitlines() if (m := CONSOLE.search(line))]


def ink(screenshot: Path) -> tuple[int, float]:
    """(distinct colours, share of pixels that are not near-white) of a screenshot."""
    with Image.open(screenshot) as image:
        pixels = np.asarray(image.convert("RGB"), dtype=np.uint32).reshape(-1, 3)
    packed = pixels[:, 0] << 16 | pixels[:, 1] << 8 | pixels[:, 2]
    inked = int((pixels.min(axis=1) < 235).sum())
    return len(np.unique(packed)), inked / len(pixels)
