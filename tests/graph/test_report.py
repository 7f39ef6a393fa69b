"""The HTML report: self-contained, data embedded, and rendered by headless Chromium without
console errors into a screenshot that is not blank."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from browser import chromium_binary, ink, load_page

from ie_nlp.graph.html_report import render_report, report_data
from ie_nlp.graph.signals import compute_signals
from ie_nlp.graph.snapshot import ActorNode, Snapshot

# A drawn page has text, lines, dots and bars in many colours; a blank or error page has
# a handful of colours and almost no ink.
MIN_COLOURS = 200
MIN_INK_SHARE = 0.05

CHROMIUM = chromium_binary()
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="no chromium binary on PATH (CI installs it: scripts/chromium.sh)"
)


@pytest.fixture(scope="module")
def html(snapshot: Snapshot) -> str:
    return render_report(snapshot, compute_signals(snapshot, "quarter", region=["Basel"]))


def embedded(page: str) -> dict[str, Any]:
    found = re.search(r'<script type="application/json" id="report-data">(.*?)</script>', page)
    assert found is not None
    data: dict[str, Any] = json.loads(found.group(1))
    return data


def test_report_is_self_contained(html: str) -> None:
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert "@import" not in html and "__REPORT_DATA__" not in html
    data = embedded(html)
    assert data["labels"] == ["2024-Q1", "2024-Q2", "2024-Q3"]
    assert [m["id"] for m in data["magnets"]] == ["a1", "c1", "i1", "a2"]


def test_report_data_escapes_markup_and_keeps_best_connected(snapshot: Snapshot) -> None:
    hostile = ActorNode("x1", "</script><script>alert(1)</script>", "biotech")
    page = render_report(
        Snapshot((*snapshot.actors, hostile), snapshot.edges, ()),
        compute_signals(snapshot, "year"),
    )
    assert "<script>alert(1)" not in page
    assert any(n["name"] == hostile.name for n in embedded(page)["network"]["nodes"])
    network: Any = report_data(snapshot, compute_signals(snapshot, "year"))["network"]
    nodes = network["nodes"]
    assert nodes[0]["degree"] == 3 and all(0 <= n["x"] <= 1 and 0 <= n["y"] <= 1 for n in nodes)


@needs_chromium
def test_report_renders_in_chromium(html: str, tmp_path: Path) -> None:
    assert CHROMIUM is not None
    page = tmp_path / "report.html"
    page.write_text(html, encoding="utf-8")
    console = load_page(CHROMIUM, page, tmp_path / "report.png")
    assert console == []
    colours, share = ink(tmp_path / "report.png")
    assert colours >= MIN_COLOURS and share >= MIN_INK_SHARE, (colours, share)


@needs_chromium
def test_browser_check_catches_errors_and_blank_pages(tmp_path: Path) -> None:
    """The two checks above must be able to fail: a throwing page is reported, a blank one
    falls below the ink thresholds."""
    assert CHROMIUM is not None
    page = tmp_path / "broken.html"
    page.write_text("<html><body><script>notDefined();</script></body></html>")
    console = load_page(CHROMIUM, page, tmp_path / "broken.png")
    assert any("notDefined" in line for line in console)
    colours, share = ink(tmp_path / "broken.png")
    assert colours < MIN_COLOURS or share < MIN_INK_SHARE
