"""Article extraction: main text and metadata from one HTML page, as a CONTRACT.md input record.
trafilatura does the main text (its best-scoring settings on real pages: no comments, ``fast``)
and most metadata; BeautifulSoup reads JSON-LD ``NewsArticle`` data as a fallback when
trafilatura finds no title, date, author or body."""

from __future__ import annotations

import hashlib
import json
import logging
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import trafilatura
from bs4 import BeautifulSoup, SoupStrainer
from htmldate import find_date
from lxml.html import HtmlElement
from trafilatura.metadata import examine_meta, extract_meta_json, extract_title, extract_url
from trafilatura.utils import load_html

from ie_nlp.scrape.discover import normalize_url

# trafilatura and htmldate log every odd page at WARNING/ERROR; a crawl reports failures itself.
for _name in ("trafilatura", "htmldate"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)

ARTICLE_TYPES = frozenset(
    {"article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "blogposting",
     "pressrelease", "scholarlyarticle", "techarticle", "interviewnewsarticle"}
)  # fmt: skip
# A cheap byline search: trafilatura's own author search deep-copies the whole tree per page
# and costs more than the main-text extraction on some pages.
_AUTHOR_XPATH = (
    './/*[@rel="author" or @itemprop="author" or contains(@class, "byline")'
    ' or contains(@class, "author-name")]'
)
_BY = re.compile(r"^\s*(by|von|par|di|por)\s+", re.I)
ARTICLE_MIN_WORDS = 150  # an HTML page with this much main text is an article, not a listing


@dataclass
class Article:
    text: str
    title: str | None = None
    author: str | None = None
    published: str | None = None
    language: str | None = None
    canonical_url: str | None = None
    is_article: bool = False  # declared as an article (og:type, JSON-LD) or long enough


def record_id(url: str) -> str:
    """Stable id from the canonical URL: host plus a short hash of the normalised URL, so the
    same page always gets the same id and ids stay readable in logs."""
    normal = normalize_url(url)
    host = urlsplit(normal).hostname or "page"
    return f"{host}:{hashlib.sha256(normal.encode()).hexdigest()[:16]}"


def _prepare(tree: HtmlElement) -> None:
    """Interviews marked up as definition lists (question in <dt>, answer in <dd>) would come out
    as bullet items; as paragraphs each turn stays a paragraph of its own."""
    for element in tree.iter("dt", "dd"):
        element.tag = "p"
    for element in tree.iter("dl"):
        element.tag = "div"


def _language(tree: HtmlElement) -> str | None:
    candidates = [tree.get("lang"), tree.get("xml:lang")]
    candidates += tree.xpath(
        './/head/meta[translate(@http-equiv, "CONTENTLAGU", "contentlagu")="content-language"]'
        '/@content|.//head/meta[@property="og:locale"]/@content'
    )
    for value in candidates:
        if value and re.match(r"^[A-Za-z]{2,3}([-_][A-Za-z0-9]+)*$", value.strip()):
            return value.strip().split("-")[0].split("_")[0].lower()
    return None


def _author(tree: HtmlElement) -> str | None:
    for element in tree.xpath(_AUTHOR_XPATH)[:5]:
        text = _BY.sub("", " ".join(element.text_content().split()))
        if 3 <= len(text) <= 120:
            return text
    return None


def _json_ld(html: str) -> dict[str, Any]:
    """The first JSON-LD object typed as an article (``@graph`` and lists searched too)."""
    soup = BeautifulSoup(
        html, "lxml", parse_only=SoupStrainer("script", type="application/ld+json")
    )
    stack: list[Any] = []
    for script in soup.find_all("script"):
        try:
            stack.append(json.loads(script.string or ""))
        except ValueError:
            continue
    while stack:
        item = stack.pop(0)
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            kinds = item.get("@type", [])
            kinds = [kinds] if isinstance(kinds, str) else kinds
            if any(str(kind).lower() in ARTICLE_TYPES for kind in kinds):
                return item
            stack.extend(item.get("@graph", []))
    return {}


def _ld_author(data: dict[str, Any]) -> str | None:
    authors = data.get("author")
    authors = authors if isinstance(authors, list) else [authors]
    raw = [a.get("name") if isinstance(a, dict) else a for a in authors]
    names = [name.strip() for name in raw if isinstance(name, str) and name.strip()]
    return "; ".join(names) or None


def _paragraphs(text: str, title: str | None) -> str:
    """One paragraph per line of trafilatura's output, separated by blank lines (the NLP stage
    splits paragraphs first). A first line repeating the title is dropped: the record has the
    title in its own field."""
    lines = [" ".join(line.split()) for line in text.splitlines()]
    lines = [line for line in lines if line]
    if lines and title and lines[0].casefold() == " ".join(title.split()).casefold():
        lines = lines[1:]
    return "\n\n".join(lines)


def _canonical(candidate: str | None, url: str | None) -> str | None:
    """Trust ``rel=canonical`` unless it points a deep page at a site's home page, a common
    template bug that would merge every article of a site into one id."""
    if not candidate or not candidate.startswith(("http://", "https://")):
        return url
    if url and urlsplit(candidate).path.strip("/") == "" and urlsplit(url).path.strip("/"):
        return url
    return candidate


def extract_article(html: str | bytes, url: str | None = None) -> Article | None:
    """Main text and metadata of one page; None when it is not parseable HTML."""
    tree = load_html(html)
    if tree is None:
        return None
    _prepare(tree)
    try:
        meta = extract_meta_json(tree, examine_meta(tree))
    except (
        Exception
    ):  # trafilatura's JSON-LD parser trips over malformed data; meta tags still count
        meta = examine_meta(tree)
    title = meta.title or extract_title(tree)
    author = meta.author or _author(tree)
    canonical = _canonical(extract_url(tree, None), url)
    published = find_date(tree, extensive_search=False, original_date=True, url=canonical)
    og_type = tree.xpath('string(.//head/meta[@property="og:type"]/@content)').strip().lower()
    document = trafilatura.bare_extraction(
        tree, url=canonical, fast=True, include_comments=False, include_tables=True
    )
    body = document.get("text") if isinstance(document, dict) else getattr(document, "text", None)
    text = _paragraphs(body or "", title)
    declared = og_type == "article"
    if not (title and published and author and text):
        raw = html if isinstance(html, str) else html.decode("utf-8", errors="replace")
        data = _json_ld(raw)
        declared = declared or bool(data)
        title = title or (str(data["headline"]) if data.get("headline") else None)
        published = published or (
            str(data["datePublished"])[:25] if data.get("datePublished") else None
        )
        author = author or _ld_author(data)
        if not text and isinstance(data.get("articleBody"), str):
            text = _paragraphs(data["articleBody"], title)
    return Article(
        text=text,
        title=" ".join(title.split()) if title else None,
        author=author,
        published=published,
        language=_language(tree),
        canonical_url=canonical,
        is_article=declared or len(text.split()) >= ARTICLE_MIN_WORDS,
    )


def to_record(
    article: Article,
    url: str | None,
    source: str | None = None,
    language: str | None = None,
    published: str | None = None,
    title: str | None = None,
) -> dict[str, Any]:
    """A CONTRACT.md input record; the keyword arguments are fallbacks (from the feed, sitemap
    or source) for what the page itself does not say."""
    page_url = article.canonical_url or url
    record: dict[str, Any] = {
        "id": record_id(page_url) if page_url else "",
        "text": article.text,
        "title": article.title or title,
        "url": page_url,
        "published": article.published or published,
        "source": source,
        "language": article.language or language,
    }
    if article.author:
        record["author"] = article.author
    return {key: value for key, value in record.items() if value is not None}
