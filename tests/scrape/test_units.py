"""Stage-level tests: robots.txt rules, charsets, discovery parsers, sources files, dedup."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from ie_nlp.errors import InputFileError
from ie_nlp.scrape.charset import decode_body, detect_charset
from ie_nlp.scrape.discover import classify, listing_links, normalize_url, parse_feed, parse_sitemap
from ie_nlp.scrape.fetch import retry_after_seconds
from ie_nlp.scrape.main_text import extract_article, record_id
from ie_nlp.scrape.robots import parse_robots
from ie_nlp.scrape.sources import load_sources
from ie_nlp.scrape.store import Store

SITE = Path(__file__).parent / "fixtures" / "site"


def test_robots_longest_match_wildcards_and_groups() -> None:
    text = (
        "User-agent: *\nDisallow: /private/\nAllow: /private/press-kit.html\n"
        "Disallow: /*.pdf$\nCrawl-delay: 2\n\n"
        "User-agent: ie-nlp\nUser-agent: otherbot\nDisallow: /drafts/\nCrawl-delay: 5\n"
    )
    generic = parse_robots(text, "somebot")
    assert not generic.allowed("https://x.test/private/a.html")
    assert generic.allowed("https://x.test/private/press-kit.html")  # longer allow wins
    assert not generic.allowed("https://x.test/files/report.pdf")
    assert generic.allowed("https://x.test/files/report.pdf?download=1")  # "$" anchors
    assert generic.crawl_delay == 2
    ours = parse_robots(text, "ie-nlp")  # our own group replaces the * group
    assert ours.allowed("https://x.test/private/a.html")
    assert not ours.allowed("https://x.test/drafts/x")
    assert ours.crawl_delay == 5
    assert parse_robots("", "ie-nlp").allowed("https://x.test/anything")


def test_charset_from_meta_header_and_detection() -> None:
    raw = (SITE / "news" / "latin1.html").read_bytes()
    assert detect_charset(raw, "text/html") == "cp1252"
    assert "Zürich" in decode_body(raw, "text/html")
    utf8 = "<html><body>Genève</body></html>".encode()
    assert decode_body(utf8, "text/html; charset=iso-8859-1") == "<html><body>GenÃ¨ve</body></html>"
    assert decode_body(utf8, "text/html") == "<html><body>Genève</body></html>"


def test_retry_after_formats() -> None:
    assert retry_after_seconds("3") == 3.0
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0  # in the past
    assert retry_after_seconds("soon") is None


def test_feed_sitemap_classification_and_parsing() -> None:
    base = "https://news.test"
    rss = (SITE / "feed.xml").read_bytes().replace(b"{BASE}", base.encode())
    atom = (SITE / "atom.xml").read_bytes().replace(b"{BASE}", base.encode())
    index = (SITE / "sitemap_index.xml").read_bytes().replace(b"{BASE}", base.encode())
    news = (SITE / "sitemap-news.xml").read_bytes().replace(b"{BASE}", base.encode())
    assert classify(rss) == "feed" and classify(atom) == "feed"
    assert classify(index) == "sitemap_index" and classify(gzip.compress(news)) == "sitemap"
    assert classify((SITE / "press" / "index.html").read_bytes()) == "html"
    links = parse_feed(rss, base)
    assert links[0].url == f"{base}/news/cell-therapy-deal.html"
    assert links[0].published == "2025-03-04T08:00:00+01:00"
    assert links[-1].url == f"{base}/news/missing.html"  # from a permalink <guid>
    atom_links = parse_feed(atom, base)
    assert [link.url for link in atom_links] == [
        f"{base}/press/2025/interview-jane-roe.html",
        f"{base}/press/2025/spin-off.html",  # rel="edit" skipped
    ]
    kind, items = parse_sitemap(gzip.compress(news), base)
    assert kind == "sitemap" and items[0].title.startswith("Jura Robotics")
    assert items[0].published == "2025-03-01T06:00:00+01:00" and items[0].language == "en"


def test_xml_entities_are_not_expanded() -> None:
    evil = (
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b"<rss><channel><item><title>&x;</title><link>https://a.test/1</link></item></channel></rss>"
    )
    links = parse_feed(evil, "https://a.test/")
    assert links and "root:" not in (links[0].title or "")


def test_listing_links_pattern_and_next() -> None:
    html = (SITE / "press" / "index.html").read_text()
    links, nxt = listing_links(html, "https://x.test/press/", r"/press/20\d\d/")
    assert [link.url for link in links] == [
        "https://x.test/press/2025/interview-jane-roe.html",
        "https://x.test/press/2025/spin-off.html",
    ]
    assert nxt == "https://x.test/press/page2.html"
    default, _ = listing_links(html, "https://x.test/press/")  # deeper same-host links only
    assert {link.url for link in default} == {link.url for link in links}


def test_normalize_url_and_record_id() -> None:
    assert (
        normalize_url("HTTPS://News.Test:443/a?utm_source=x&id=3#top") == "https://news.test/a?id=3"
    )
    assert record_id("https://news.test/a?utm_medium=rss") == record_id("https://NEWS.test/a")
    assert record_id("https://news.test/a").startswith("news.test:")


def test_canonical_home_page_is_ignored() -> None:
    html = (
        (SITE / "news" / "series-b.html")
        .read_text()
        .replace("<title>", '<link rel="canonical" href="https://x.test/"><title>')
    )
    article = extract_article(html, "https://x.test/news/series-b.html")
    assert article is not None and article.canonical_url == "https://x.test/news/series-b.html"


def test_near_duplicates_are_flagged(tmp_path: Path) -> None:
    one = extract_article((SITE / "news" / "series-b.html").read_bytes())
    two = extract_article((SITE / "wire" / "series-b-copy.html").read_bytes())
    other = extract_article((SITE / "news" / "cell-therapy-deal.html").read_bytes())
    assert one and two and other and one.text != two.text
    with Store(tmp_path / "s.sqlite3") as store:
        assert store.claim_article("https://a.test/1", "a:1", one.text) is None
        assert store.claim_article("https://b.test/2", "b:2", two.text) == "a:1"
        assert store.claim_article("https://c.test/3", "c:3", other.text) is None
        assert store.claim_article("https://d.test/4", "c:3", "short other text") == "c:3"


def test_sources_yaml_toml_and_errors(tmp_path: Path) -> None:
    yaml_file = tmp_path / "s.yaml"
    yaml_file.write_text(
        "defaults: {language: en, max_pages: 10}\n"
        "sources:\n"
        "  - {name: wire, feed: 'https://a.test/rss', exclude: ['/video/'], delay: 2}\n"
        "  - {name: uni, listing: 'https://u.test/press', link_pattern: '/press/\\d+'}\n"
        "  - {name: one, urls: ['https://b.test/x', 'https://b.test/y'], language: de}\n"
    )
    sources = load_sources(yaml_file)
    assert [s.name for s in sources] == ["wire", "uni", "one"]
    assert sources[0].language == "en" and sources[0].max_pages == 10 and sources[0].delay == 2
    assert sources[2].language == "de" and sources[2].entries()[1] == ("https://b.test/y", "auto")
    assert not sources[0].wants("https://a.test/video/1") and sources[0].wants("https://a.test/n/1")
    toml_file = tmp_path / "s.toml"
    toml_file.write_text('[[sources]]\nname = "maps"\nsitemap = "https://a.test/sitemap.xml"\n')
    assert load_sources(toml_file)[0].entries() == [("https://a.test/sitemap.xml", "sitemap")]
    bad = tmp_path / "bad.yaml"
    bad.write_text("sources:\n  - {name: x, feed: 'https://a', sitemap: 'https://b'}\n")
    with pytest.raises(InputFileError):
        load_sources(bad)
    bad.write_text("sources:\n  - {name: x, feed: 'https://a', colour: blue}\n")
    with pytest.raises(InputFileError):
        load_sources(bad)
