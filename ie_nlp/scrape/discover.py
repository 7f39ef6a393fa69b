"""Discovery: turn a feed (RSS, Atom, JSON Feed), a sitemap (index, news sitemap, gzipped) or an
HTML listing page into article links. The kind is recognised from the response body, not the
URL or content type, because both are often wrong (feeds served as text/html, sitemaps as
application/octet-stream)."""

from __future__ import annotations

import gzip
import io
import json
import re
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from bs4 import BeautifulSoup
from lxml import etree

MAX_XML_BYTES = 50_000_000  # the sitemap protocol's own limit (uncompressed)
_TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|_hsenc|_hsmi|ref_src)$", re.I)
# Parser settings that refuse entity expansion and network access (XXE, billion laughs).
_XML = etree.XMLParser(resolve_entities=False, no_network=True, recover=True, huge_tree=False)


@dataclass
class Link:
    """A discovered URL with what the feed or sitemap said about it (used as fallbacks)."""

    url: str
    title: str | None = None
    published: str | None = None
    language: str | None = None


def normalize_url(url: str) -> str:
    """One spelling per page: lower-case scheme and host, no default port, no fragment, no
    tracking parameters. Used as store key and as the basis of record ids."""
    parts = urlsplit(url.strip())
    scheme, host = parts.scheme.lower(), (parts.hostname or "").lower()
    port = parts.port
    netloc = (
        host
        if port is None or (scheme, port) in (("http", 80), ("https", 443))
        else f"{host}:{port}"
    )
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, True) if not _TRACKING.match(k)])
    return urlunsplit((scheme, netloc, parts.path or "/", query, ""))


def classify(content: bytes) -> str:
    """``feed``, ``sitemap_index``, ``sitemap``, ``json_feed``, ``html`` or ``unknown``."""
    content = _gunzip(content)
    head = content[:2048].lstrip().lower()
    if head.startswith(b"{") and b"jsonfeed.org" in head:
        return "json_feed"
    if head.startswith(b"<!doctype html") or head.startswith(b"<html"):
        return "html"
    if head.startswith(b"<?xml") or head.startswith(b"<"):
        root = _xml_root(content)
        if root is not None:
            name = etree.QName(root).localname.lower()
            if name in ("rss", "rdf", "feed"):
                return "feed"
            if name == "sitemapindex":
                return "sitemap_index"
            if name == "urlset":
                return "sitemap"
        return "html" if b"<html" in content[:8192].lower() else "unknown"
    return "unknown"


def _gunzip(content: bytes) -> bytes:
    if content[:2] != b"\x1f\x8b":
        return content
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(content)) as handle:
            return handle.read(MAX_XML_BYTES)
    except (OSError, EOFError):
        return content


def _xml_root(content: bytes) -> etree._Element | None:
    try:
        return etree.fromstring(content, _XML)
    except (etree.XMLSyntaxError, ValueError):
        return None


def _iso(value: str | None) -> str | None:
    """RSS dates are RFC 822, Atom and sitemaps ISO 8601: give ISO 8601 either way."""
    if not value:
        return None
    value = value.strip()
    if re.match(r"^\d{4}-\d{2}-\d{2}", value):
        return value
    try:
        return parsedate_to_datetime(value).isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def _child(element: etree._Element, *names: str) -> etree._Element | None:
    for child in element.iter():
        if isinstance(child.tag, str) and etree.QName(child).localname in names:
            return child
    return None


def _text(element: etree._Element | None) -> str | None:
    if element is None:
        return None
    text = "".join(element.itertext()).strip()
    return text or None


def parse_feed(content: bytes, base_url: str) -> list[Link]:
    """Items of an RSS 0.9x/1.0/2.0 or Atom feed, or a JSON Feed."""
    content = _gunzip(content)
    if content.lstrip()[:1] == b"{":
        try:
            items = json.loads(content).get("items", [])
        except (ValueError, AttributeError):
            return []
        return [
            Link(urljoin(base_url, i["url"]), i.get("title"), _iso(i.get("date_published")))
            for i in items
            if isinstance(i, dict) and i.get("url")
        ]
    root = _xml_root(content)
    if root is None:
        return []
    links: list[Link] = []
    for item in root.iter():
        if not isinstance(item.tag, str) or etree.QName(item).localname not in ("item", "entry"):
            continue
        href = None
        for child in item:
            if isinstance(child.tag, str) and etree.QName(child).localname == "link":
                # Atom: <link rel="alternate" href>; RSS: <link>text</link>
                if child.get("href") and child.get("rel", "alternate") == "alternate":
                    href = child.get("href")
                    break
                if (child.text or "").strip():
                    href = child.text.strip() if child.text else None
                    break
        if href is None:
            guid = _child(item, "guid")
            if guid is not None and guid.get("isPermaLink", "true") == "true":
                href = _text(guid)
        if href:
            date = _text(_child(item, "pubDate", "published", "date", "updated"))
            links.append(Link(urljoin(base_url, href), _text(_child(item, "title")), _iso(date)))
    return links


def parse_sitemap(content: bytes, base_url: str) -> tuple[str, list[Link]]:
    """``("sitemap_index", child sitemaps)`` or ``("sitemap", pages)``; news-sitemap title,
    publication date and language are kept as hints."""
    root = _xml_root(_gunzip(content))
    if root is None:
        return "unknown", []
    kind = "sitemap_index" if etree.QName(root).localname.lower() == "sitemapindex" else "sitemap"
    links: list[Link] = []
    for entry in root:
        if not isinstance(entry.tag, str) or etree.QName(entry).localname not in ("url", "sitemap"):
            continue
        loc = _text(_child(entry, "loc"))
        if not loc:
            continue
        news = _child(entry, "news")
        title = _text(_child(news, "title")) if news is not None else None
        date = _text(_child(news, "publication_date")) if news is not None else None
        language = _text(_child(news, "language")) if news is not None else None
        date = date or _text(_child(entry, "lastmod")) if kind == "sitemap" else date
        links.append(Link(urljoin(base_url, loc), title, _iso(date), language))
    return kind, links


def listing_links(
    html: str, base_url: str, pattern: str | None = None
) -> tuple[list[Link], str | None]:
    """Article links on a listing page, and the next listing page (``rel=next``) if any.
    Without ``pattern`` only links to the same host whose path is deeper than the listing's
    are taken, which keeps navigation, tag and social links out."""
    soup = BeautifulSoup(html, "lxml")
    base_tag = soup.find("base", href=True)
    base = urljoin(base_url, str(base_tag["href"])) if base_tag else base_url
    host = urlsplit(base_url).hostname
    listing_path = urlsplit(base_url).path.rstrip("/")
    regex = re.compile(pattern) if pattern else None
    nxt = soup.find(["a", "link"], rel="next", href=True)
    next_url = urljoin(base, str(nxt["href"])) if nxt else None
    seen: set[str] = {next_url} if next_url else set()  # pagination is not an article
    links: list[Link] = []
    for anchor in soup.find_all("a", href=True):
        url = urljoin(base, str(anchor["href"])).split("#", 1)[0]
        parts = urlsplit(url)
        rel: list[str] = list(anchor.get("rel") or [])
        if parts.scheme not in ("http", "https") or url in seen or {"next", "prev"} & set(rel):
            continue
        if regex is not None:
            if not regex.search(url):
                continue
        elif parts.hostname != host or not _deeper(parts.path, listing_path):
            continue
        seen.add(url)
        links.append(Link(url, anchor.get_text(" ", strip=True) or None))
    return links, next_url


def _deeper(path: str, listing_path: str) -> bool:
    path = path.rstrip("/")
    segments = [s for s in path.split("/") if s]
    if (
        not segments
        or path == listing_path
        or re.search(r"/(tag|tags|category|page|author)/", path)
    ):
        return False
    return path.startswith(listing_path + "/") if listing_path else len(segments) >= 2
