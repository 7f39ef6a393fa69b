"""``ie-nlp report`` over a stand-in store (fake_store.py) that serves the hand-built snapshot:
the HTML page is written."""

from __future__ import annotations

from pathlib import Path

from .fake_store import FakeStore, run


def test_report_writes_html(store: type[FakeStore], tmp_path: Path) -> None:
    run("report", "-o", str(tmp_path / "r" / "report.html"), "--period", "month")
    page = (tmp_path / "r" / "report.html").read_text()
    assert page.startswith("<!DOCTYPE html>") and '"2024-09"' in page
