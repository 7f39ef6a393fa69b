"""Charset detection for fetched pages. Order: the HTTP header, a byte-order mark, the page's own
``<meta charset>`` / XML declaration, then statistical detection. A declared charset is only
trusted if the bytes decode with it, since mislabelled pages are common."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes  # a trafilatura dependency

_META = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.IGNORECASE)
_XML_DECL = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([a-zA-Z0-9_.:-]+)""", re.IGNORECASE)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# WHATWG: labels that browsers map to windows-1252, which is a superset of Latin-1's
# printable range, so "ISO-8859-1" pages with curly quotes still decode right.
_ALIASES = {"iso-8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252", "us-ascii": "cp1252"}


def _normalise(label: str) -> str | None:
    label = label.strip().strip("\"'").lower()
    label = _ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def header_charset(content_type: str) -> str | None:
    match = re.search(r"charset\s*=\s*\"?([^\s;\"]+)", content_type, re.IGNORECASE)
    return _normalise(match.group(1)) if match else None


def _try(content: bytes, encoding: str | None) -> str | None:
    if not encoding:
        return None
    try:
        return content.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def detect_charset(content: bytes, content_type: str = "") -> str:
    """The encoding to decode ``content`` with (never fails: falls back to UTF-8)."""
    for bom, name in _BOMS:
        if content.startswith(bom):
            return name
    head = content[:4096]
    candidates = [header_charset(content_type)]
    for pattern in (_META, _XML_DECL):
        match = pattern.search(head)
        if match:
            candidates.append(_normalise(match.group(1).decode("ascii", "ignore")))
    for candidate in candidates:
        if candidate and _try(content, candidate) is not None:
            return candidate
    if _try(content, "utf-8") is not None:
        return "utf-8"
    best = from_bytes(content[:200_000]).best()
    return best.encoding if best is not None else "utf-8"


def decode_body(content: bytes, content_type: str = "") -> str:
    return content.decode(detect_charset(content, content_type), errors="replace")
