"""``ie-nlp scrape --html-dir``: saved pages (``.html``, ``.htm``, ``.html.gz``) to records,
without any network. Duplicates are detected in memory (same store logic as a crawl)."""

from __future__ import annotations

import gzip
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from ie_nlp.scrape.crawl import CrawlSummary
from ie_nlp.scrape.main_text import extract_article, record_id, to_record
from ie_nlp.scrape.store import Store

SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz")


def html_files(directory: Path) -> list[Path]:
    """Every saved page under ``directory``, in a stable (sorted) order."""
    return sorted(
        path
        for path in directory.rglob("*")
        if path.is_file() and path.name.lower().endswith(SUFFIXES)
    )


def convert_file(path: Path, directory: Path) -> tuple[dict[str, Any] | None, str | None]:
    """One page to a record (with ``path`` relative to ``directory``), or an error reason."""
    try:
        raw = path.read_bytes()
        if path.name.lower().endswith(".gz"):
            raw = gzip.decompress(raw)
    except (OSError, EOFError, gzip.BadGzipFile) as error:
        return None, f"unreadable: {error}"
    relative = path.relative_to(directory).as_posix()
    # bytes, not str: trafilatura then honours the page's own <meta charset>
    article = extract_article(raw)
    if article is None or not article.text.strip():
        return None, "no article text found"
    record = to_record(article, article.canonical_url)
    # Without a canonical URL the file path is the only stable identity a saved page has.
    record["id"] = record.get("id") or record_id(f"file:///{relative}")
    record["path"] = relative
    return record, None


def _convert(args: tuple[Path, Path]) -> tuple[dict[str, Any] | None, str | None]:
    return convert_file(*args)


def _results(
    files: list[Path], directory: Path, workers: int
) -> Iterator[tuple[dict[str, Any] | None, str | None]]:
    if workers <= 1:
        yield from (convert_file(path, directory) for path in files)
        return
    with ProcessPoolExecutor(workers) as pool:
        yield from pool.map(_convert, [(path, directory) for path in files], chunksize=8)


def convert_html_dir(
    directory: Path,
    emit: Callable[[dict[str, Any]], None],
    workers: int = 1,
    on_done: Callable[[], None] | None = None,
) -> CrawlSummary:
    start = time.monotonic()
    files = html_files(directory)
    summary = CrawlSummary()
    with Store(":memory:") as store:
        for path, (record, error) in zip(files, _results(files, directory, workers), strict=True):
            relative = path.relative_to(directory).as_posix()
            if record is None:
                summary.failed.append((relative, error or "failed"))
            else:
                summary.fetched += 1
                key = f"file:///{relative}"
                if store.claim_article(key, record["id"], record["text"]) is not None:
                    summary.duplicates += 1
                else:
                    emit(record)
                    summary.emitted += 1
            if on_done is not None:
                on_done()
    summary.seconds = time.monotonic() - start
    return summary
