"""Polite, incremental collection of news and interview articles into CONTRACT.md input records.

Stages, one module each: ``sources`` (what to collect), ``discover`` (feeds, sitemaps, listing
pages), ``robots`` and ``fetch`` (polite HTTP), ``main_text`` (main text and metadata), ``store``
(what was seen, duplicates), ``crawl`` (orchestration), ``offline`` (saved HTML), ``ssrf``.
"""

from __future__ import annotations

from ie_nlp.scrape.api import fetch_article
from ie_nlp.scrape.options import ScrapeOptions

__all__ = ["ScrapeOptions", "fetch_article"]
