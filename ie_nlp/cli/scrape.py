"""``ie-nlp scrape``: collect articles from the web (or saved HTML) into an input ``.jsonl``."""

from __future__ import annotations

import json
import sys
import threading
from pathlib import Path
from typing import Any

import click

from ie_nlp.errors import IENLPError

PATH = click.Path(path_type=Path)


@click.command()
@click.argument("urls", nargs=-1)
@click.option(
    "--sources",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="YAML or TOML sources file (feeds, sitemaps, listing pages, URLs); see docs/scraping.md.",
)
@click.option(
    "--html-dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Convert saved pages (.html, .htm, .html.gz) under this folder; no network. "
    "Each record gets `path`, relative to the folder.",
)
@click.option("-o", "--output", type=PATH, required=True, help="Output .jsonl of input articles.")
@click.option("--append", is_flag=True, help="Append to OUTPUT instead of replacing it.")
@click.option(
    "--store",
    type=PATH,
    default=None,
    help="SQLite store of what was seen [default: IE_SCRAPE_STORE_PATH, ie-nlp-scrape.sqlite3].",
)
@click.option("--delay", type=float, help="Seconds between requests to one host [default: 1].")
@click.option("--concurrency", type=int, help="Hosts crawled in parallel [default: 4].")
@click.option("--timeout", type=float, help="Request timeout in seconds [default: 20].")
@click.option("--retries", type=int, help="Retries on errors, timeouts, 429 and 5xx [default: 3].")
@click.option("--max-pages", type=int, help="Most articles fetched per source and run.")
@click.option("--revisit-days", type=float, help="Re-check articles older than this (304-aware).")
@click.option(
    "--link-pattern", help="Regex article links must match on listing pages given as URLs."
)
@click.option("--language", help="Language of the URLs' articles when pages do not say.")
@click.option("--user-agent", help="User agent [default: IE_SCRAPE_USER_AGENT].")
@click.option(
    "--allow-private",
    is_flag=True,
    help="Allow private/loopback addresses (e.g. an intranet or a local test site).",
)
@click.option("--workers", type=int, default=1, show_default=True, help="Processes for --html-dir.")
@click.option("--extract", "run_extract", is_flag=True, help="Then run `ie-nlp extract` on OUTPUT.")
@click.option(
    "--extract-output",
    type=PATH,
    help="Results file of --extract [default: OUTPUT with .results.jsonl].",
)
@click.option("--progress/--no-progress", default=None, help="Progress bar [default: on a TTY].")
def scrape(
    urls: tuple[str, ...], sources: Path | None, html_dir: Path | None, output: Path,
    append: bool, store: Path | None, delay: float | None, concurrency: int | None,
    timeout: float | None, retries: int | None, max_pages: int | None,
    revisit_days: float | None, link_pattern: str | None, language: str | None,
    user_agent: str | None, allow_private: bool, workers: int, run_extract: bool,
    extract_output: Path | None, progress: bool | None,
) -> None:  # fmt: skip
    """Collect articles politely and incrementally into OUTPUT (CONTRACT.md input records).

    Give URLs (each a feed, sitemap, listing page or article: recognised from the response),
    or --sources FILE, or --html-dir DIR. robots.txt and its crawl-delay are obeyed; a re-run
    asks feeds and sitemaps with conditional GETs and fetches only articles not seen before
    (the --store file); duplicates (the same release on several wires) are written once.
    The exit status is 1 when nothing could be fetched: every URL or saved page tried failed or
    was refused by robots.txt (an unreachable host's robots.txt counts as a refusal). Failures
    next to fetched articles are listed but exit 0.

    \b
    Examples:
      ie-nlp scrape --sources sources.yaml -o out/news.jsonl
      ie-nlp scrape https://www.example-biotech.com/news/rss.xml -o out/news.jsonl
      ie-nlp scrape https://uni.example/press --link-pattern '/press/\\d{4}/' -o out/uni.jsonl
      ie-nlp scrape --html-dir saved_pages/ -o out/pages.jsonl --workers 2
      ie-nlp scrape --sources sources.yaml -o out/news.jsonl --extract
    """
    modes = sum([bool(urls), sources is not None, html_dir is not None])
    if modes != 1:
        raise click.UsageError("give URLs, --sources FILE or --html-dir DIR (exactly one)")
    show = sys.stderr.isatty() if progress is None else progress
    output.parent.mkdir(parents=True, exist_ok=True)
    try:
        with output.open("a" if append else "w", encoding="utf-8") as handle:
            summary = _run(
                handle, urls, sources, html_dir, show, workers,
                dict(store_path=store, delay=delay, concurrency=concurrency, timeout=timeout,
                     retries=retries, max_pages=max_pages, revisit_days=revisit_days,
                     user_agent=user_agent, allow_private=allow_private or None),
                link_pattern, language,
            )  # fmt: skip
    except IENLPError as error:
        raise click.ClickException(f"{error.message} [{error.code}]") from error
    for line in summary.lines():
        click.echo(line, err=True)
    click.echo(f"{summary.emitted} articles written to {output}", err=True)
    if (summary.failed or summary.robots) and not summary.fetched and not summary.unchanged:
        raise click.ClickException(
            "nothing could be fetched: every URL failed or was refused by robots.txt"
        )
    if run_extract:
        from ie_nlp.extraction.bulk import extract_files

        target = extract_output or output.with_suffix(".results.jsonl")
        result = extract_files([output], target, workers=max(1, workers))
        click.echo(f"extraction: {result.line()} -> {target}", err=True)


def _run(
    handle: Any, urls: tuple[str, ...], sources: Path | None, html_dir: Path | None,
    show: bool, workers: int, overrides: dict[str, Any], link_pattern: str | None,
    language: str | None,
) -> Any:  # fmt: skip
    from tqdm import tqdm

    lock = threading.Lock()

    def emit(record: dict[str, Any]) -> None:
        with lock:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            handle.flush()

    bar = tqdm(total=0, unit="page", disable=not show, file=sys.stderr, dynamic_ncols=True)
    try:
        if html_dir is not None:
            from ie_nlp.scrape.offline import convert_html_dir, html_files

            bar.total = len(html_files(html_dir))
            return convert_html_dir(html_dir, emit, workers, on_done=lambda: bar.update())
        from ie_nlp.scrape.crawl import Crawler
        from ie_nlp.scrape.options import ScrapeOptions
        from ie_nlp.scrape.sources import Source, load_sources
        from ie_nlp.scrape.store import Store

        if sources is not None:
            chosen = load_sources(sources)
        else:
            chosen = [
                Source(name="cli", urls=list(urls), link_pattern=link_pattern, language=language)
            ]
        options = ScrapeOptions.from_settings(None, **overrides)

        def total(count: int) -> None:
            bar.total = count
            bar.refresh()

        with Store(options.store_path) as db:
            crawler = Crawler(options, db, emit, on_total=total, on_done=lambda: bar.update())
            try:
                return crawler.run(chosen)
            finally:
                crawler.fetcher.close()
    finally:
        bar.close()
