"""SSRF guard: a URL given by a user (CLI, sources file, API) or reached by a redirect must not
make the crawler talk to the machine's own network (loopback, private ranges, cloud metadata at
169.254.169.254) unless that is explicitly allowed."""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from ie_nlp.errors import UrlForbiddenError

ALLOWED_SCHEMES = frozenset({"http", "https"})


def _forbidden_address(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    # IPv4-mapped IPv6 (::ffff:127.0.0.1) would otherwise slip past the IPv4 checks.
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_reserved
        or address.is_multicast
        or address.is_unspecified
        or not address.is_global
    )


def resolve(host: str) -> list[str]:
    """Every address the host name resolves to (an IP literal resolves to itself)."""
    try:
        return [str(ipaddress.ip_address(host.strip("[]")))]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as error:
        raise UrlForbiddenError(f"cannot resolve host {host!r}: {error}") from error
    return sorted({str(info[4][0]) for info in infos})


def check_url(url: str, allow_private: bool = False) -> None:
    """Raise :class:`UrlForbiddenError` unless ``url`` is http(s) and, when ``allow_private`` is
    false, every address of its host is public. All addresses are checked, not just the first,
    because the HTTP client may pick any of them."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ALLOWED_SCHEMES:
        raise UrlForbiddenError(f"only http and https URLs can be fetched, not {url!r}")
    host = parts.hostname
    if not host:
        raise UrlForbiddenError(f"URL without a host: {url!r}")
    if parts.username or parts.password:
        raise UrlForbiddenError("URLs with credentials are not fetched")
    if allow_private:
        return
    for text in resolve(host):
        address = ipaddress.ip_address(text.split("%", 1)[0])
        if _forbidden_address(address):
            raise UrlForbiddenError(
                f"{host} resolves to {address}, a private, loopback or link-local address; "
                "set IE_ALLOW_PRIVATE_ADDRESSES=true to allow it"
            )
