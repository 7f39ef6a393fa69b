"""The incremental store: one SQLite file (stdlib ``sqlite3``) of every URL seen, its fetch
status, HTTP validators and content hashes, so a re-run fetches only new or changed pages and a
release syndicated on several wires is emitted once. Thread-safe: one connection behind a lock,
because crawl threads share it and SQLite serialises writers anyway."""

from __future__ import annotations

import hashlib
import re
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

import numpy as np

SCHEMA = """
CREATE TABLE IF NOT EXISTS pages (
    url TEXT PRIMARY KEY, kind TEXT, source TEXT, status TEXT, http_status INTEGER,
    etag TEXT, last_modified TEXT, content_hash TEXT, text_hash TEXT, minhash TEXT,
    record_id TEXT, canonical_url TEXT, duplicate_of TEXT, error TEXT,
    attempts INTEGER DEFAULT 0, first_seen REAL, fetched_at REAL
);
CREATE INDEX IF NOT EXISTS pages_text_hash ON pages(text_hash);
CREATE INDEX IF NOT EXISTS pages_record ON pages(record_id);
CREATE TABLE IF NOT EXISTS bands (band INTEGER, value INTEGER, url TEXT);
CREATE INDEX IF NOT EXISTS bands_value ON bands(band, value);
CREATE TABLE IF NOT EXISTS links (parent TEXT, url TEXT, PRIMARY KEY (parent, url));
"""
COLUMNS = frozenset(
    ["kind", "source", "status", "http_status", "etag", "last_modified", "content_hash",
     "text_hash", "minhash", "record_id", "canonical_url", "duplicate_of", "error", "attempts",
     "fetched_at"]
)  # fmt: skip
# Near duplicates: MinHash over word 3-shingles, 64 hash functions, LSH with 16 bands of 4 rows
# (texts with Jaccard >= ~0.6 almost surely meet in a band), confirmed by the signatures'
# estimated Jaccard. SimHash was tried first: one added line to a 150-word release moved it
# 6 bits, so short releases re-published with a wire's footer slipped through.
NUM_PERM, ROWS = 64, 4
NEAR_DUP_JACCARD = 0.8
MIN_WORDS_FOR_NEAR_DUP = 40  # short texts (teasers) collide too easily
_rng = np.random.default_rng(20250301)  # fixed: signatures are stored and compared across runs
_MULT = _rng.integers(1, 2**63, NUM_PERM, dtype=np.uint64) | np.uint64(1)
_ADD = _rng.integers(0, 2**63, NUM_PERM, dtype=np.uint64)
_WORD = re.compile(r"\w+")


def text_hash(text: str) -> str:
    """Exact-duplicate key: whitespace and case do not matter."""
    return hashlib.sha256(" ".join(text.lower().split()).encode()).hexdigest()


def minhash(text: str, shingle: int = 3) -> np.ndarray | None:
    """MinHash signature (``NUM_PERM`` uint32) of the word 3-shingles, or None if too short."""
    words = _WORD.findall(text.lower())
    if len(words) < MIN_WORDS_FOR_NEAR_DUP:
        return None
    grams = {" ".join(words[i : i + shingle]) for i in range(len(words) - shingle + 1)}
    digests = b"".join(hashlib.blake2b(g.encode(), digest_size=8).digest() for g in grams)
    values = np.frombuffer(digests, dtype=np.uint64)
    # multiply-add hashing modulo 2**64 (numpy wraps), keeping the well-mixed high 32 bits
    with np.errstate(over="ignore"):
        mixed = values[None, :] * _MULT[:, None] + _ADD[:, None]
    return (mixed >> np.uint64(32)).min(axis=1).astype(np.uint32)


def band_keys(signature: np.ndarray) -> list[int]:
    rows = signature.reshape(-1, ROWS).astype(np.int64)
    return [int(hashlib.blake2b(r.tobytes(), digest_size=7).hexdigest(), 16) for r in rows]


class Store:
    def __init__(self, path: Path | str) -> None:
        if str(path) != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        self._db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self._db.row_factory = sqlite3.Row
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(SCHEMA)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, url: str) -> sqlite3.Row | None:
        with self._lock:
            row: sqlite3.Row | None = self._db.execute(
                "SELECT * FROM pages WHERE url = ?", (url,)
            ).fetchone()
            return row

    def update(self, url: str, **fields: Any) -> None:
        """Insert or update the row of ``url`` with the given columns."""
        unknown = set(fields) - COLUMNS
        if unknown:
            raise ValueError(f"unknown store columns: {sorted(unknown)}")
        now = time.time()
        names = list(fields)
        with self._lock:
            self._db.execute(
                "INSERT INTO pages (url, first_seen) VALUES (?, ?) ON CONFLICT(url) DO NOTHING",
                (url, now),
            )
            if names:
                assignments = ", ".join(f"{name} = ?" for name in names)
                self._db.execute(
                    f"UPDATE pages SET {assignments} WHERE url = ?",
                    [*(fields[name] for name in names), url],
                )

    def add_links(self, parent: str, urls: list[str]) -> None:
        """Remember what a feed or sitemap listed, so a 304 on it next run still knows them."""
        with self._lock:
            self._db.executemany(
                "INSERT OR IGNORE INTO links (parent, url) VALUES (?, ?)",
                [(parent, url) for url in urls],
            )

    def links(self, parent: str) -> list[str]:
        with self._lock:
            rows = self._db.execute("SELECT url FROM links WHERE parent = ?", (parent,))
            return [row[0] for row in rows]

    def claim_article(self, url: str, record_id: str, text: str, **fields: Any) -> str | None:
        """Register ``url``'s article unless an earlier article from another URL is the same
        (same record id, same text, or near-identical text). Returns that article's record id
        when it is a duplicate, else None. Check and insert happen under one lock, so two
        threads holding the same release cannot both emit it."""
        exact = text_hash(text)
        signature = minhash(text)
        with self._lock:
            rows = self._db.execute(
                "SELECT record_id FROM pages WHERE status = 'emitted' AND url != ? "
                "AND (record_id = ? OR text_hash = ?) LIMIT 1",
                (url, record_id, exact),
            ).fetchall()
            duplicate_of = rows[0][0] if rows else None
            if duplicate_of is None and signature is not None:
                duplicate_of = self._near_duplicate(url, signature)
            self.update(
                url,
                record_id=record_id,
                text_hash=exact,
                minhash=None if signature is None else signature.tobytes().hex(),
                status="duplicate" if duplicate_of else "emitted",
                duplicate_of=duplicate_of,
                **fields,
            )
            self._db.execute("DELETE FROM bands WHERE url = ?", (url,))
            if signature is not None and duplicate_of is None:
                self._db.executemany(
                    "INSERT INTO bands (band, value, url) VALUES (?, ?, ?)",
                    [(i, key, url) for i, key in enumerate(band_keys(signature))],
                )
            return duplicate_of

    def _near_duplicate(self, url: str, signature: np.ndarray) -> str | None:
        keys = band_keys(signature)
        clause = " OR ".join("(b.band = ? AND b.value = ?)" for _ in keys)
        rows = self._db.execute(
            "SELECT DISTINCT p.record_id, p.minhash FROM bands b JOIN pages p ON p.url = b.url "
            f"WHERE p.status = 'emitted' AND p.url != ? AND ({clause})",
            [url, *(v for pair in enumerate(keys) for v in pair)],
        )
        for record_id, other in rows:
            theirs = np.frombuffer(bytes.fromhex(other), dtype=np.uint32)
            if float(np.mean(theirs == signature)) >= NEAR_DUP_JACCARD:
                return str(record_id)
        return None

    def counts(self) -> dict[str, int]:
        with self._lock:
            rows = self._db.execute("SELECT status, COUNT(*) FROM pages GROUP BY status")
            return {str(status): int(count) for status, count in rows}
