"""``ie-nlp scrape`` through click's CliRunner: URLs (a feed and an article) from the fixture
site (tests/fixture_site.py), crawled again incrementally; a folder of HTML pages offline; and
the one-input rule."""

from __future__ import annotations

import gzip
import json
import shutil
import socket
from pathlib import Path

from click.testing import CliRunner
from fixture_site import SITE_DIR, Site

from ie_nlp.cli import cli


def test_cli_urls_feed_and_article(site: Site, tmp_path: Path) -> None:
    out, store = tmp_path / "out.jsonl", tmp_path / "store.sqlite3"
    args = [
        "scrape", f"{site.base}/atom.xml", f"{site.base}/news/series-b.html",
        "-o", str(out), "--store", str(store), "--delay", "0.2", "--allow-private",
        "--no-progress",
    ]  # fmt: skip
    result = CliRunner().invoke(cli, args, env={"NO_PROXY": "*", "IE_SCRAPE_TIMEOUT_S": "2"})
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert sorted(r["url"].removeprefix(site.base) for r in records) == [
        "/news/series-b.html",
        "/press/2025/interview-jane-roe.html",
        "/press/2025/spin-off.html",
    ]
    assert "new articles 3" in result.output and "failed 0" in result.output
    again = CliRunner().invoke(cli, args, env={"NO_PROXY": "*"})
    assert again.exit_code == 0 and out.read_text() == ""
    # the entry article was asked again, conditionally, and had not changed
    assert "new articles 0, unchanged 2" in again.output
    assert site.count("/press/2025/spin-off.html") == 1


def test_cli_html_dir_offline(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    (pages / "sub").mkdir(parents=True)
    shutil.copy(SITE_DIR / "news" / "series-b.html", pages / "a.html")
    (pages / "sub" / "b.html.gz").write_bytes(
        gzip.compress((SITE_DIR / "news" / "latin1.html").read_bytes())
    )
    shutil.copy(SITE_DIR / "wire" / "series-b-copy.html", pages / "sub" / "c.htm")
    (pages / "notes.txt").write_text("not a page")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(cli, ["scrape", "--html-dir", str(pages), "-o", str(out)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["path"] for r in records] == ["a.html", "sub/b.html.gz"]  # c.htm: a duplicate
    assert "Zürich" in records[1]["text"] and records[1]["language"] == "de"
    assert "duplicates 1" in result.output


def test_cli_needs_exactly_one_input(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["scrape", "-o", str(tmp_path / "o.jsonl")])
    assert result.exit_code == 2 and "exactly one" in result.output


def closed_port_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/news.html"


def test_cli_exits_1_when_every_source_failed(site: Site, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    args = [
        "scrape", f"{site.base}/news/missing.html", closed_port_url(),
        "-o", str(out), "--store", str(tmp_path / "store.sqlite3"), "--delay", "0",
        "--retries", "0", "--timeout", "2", "--allow-private", "--no-progress",
    ]  # fmt: skip
    result = CliRunner().invoke(cli, args, env={"NO_PROXY": "*"})
    assert result.exit_code == 1, result.output
    # the closed port's robots.txt cannot be read, which the crawler treats as a refusal
    assert "skipped by robots.txt 1, duplicates 0, failed 1" in result.output
    assert "nothing could be fetched" in result.output
    assert out.read_text() == ""


def test_cli_exits_0_when_some_sources_failed(site: Site, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    args = [
        "scrape", f"{site.base}/news/series-b.html", f"{site.base}/news/missing.html",
        "-o", str(out), "--store", str(tmp_path / "store.sqlite3"), "--delay", "0",
        "--retries", "0", "--allow-private", "--no-progress",
    ]  # fmt: skip
    result = CliRunner().invoke(cli, args, env={"NO_PROXY": "*"})
    assert result.exit_code == 0, result.output
    assert "new articles 1" in result.output and "failed 1" in result.output


def test_cli_html_dir_exits_1_when_no_page_converts(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "empty.html").write_text("<html><body></body></html>")
    result = CliRunner().invoke(
        cli, ["scrape", "--html-dir", str(pages), "-o", str(tmp_path / "out.jsonl")]
    )
    assert result.exit_code == 1, result.output
    assert "no article text found" in result.output
