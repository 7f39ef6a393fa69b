"""``ie-nlp scrape`` through click's CliRunner: URLs (a feed and an article) from the fixture
site (tests/fixture_site.py), crawled again incrementally; a folder of HTML pages offline; and
the one-input rule."""

from __future__ import annotations

import gzip
import json
import shutil
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
