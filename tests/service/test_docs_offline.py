"""``/docs`` (Swagger UI) and ``/redoc`` work without internet: their pages name only assets the
server itself serves, and headless Chromium, with every host but 127.0.0.1 unresolvable, renders
every operation of the served OpenAPI document on both."""

from __future__ import annotations

import re

import httpx
import pytest
from api_helpers import Server
from browser import chromium_binary, dump_dom_offline

CHROMIUM = chromium_binary()
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="no chromium binary on PATH (CI installs it: scripts/chromium.sh)"
)
ASSET_REFERENCE = re.compile(r"""(?:src|href)\s*=\s*["']([^"']+)["']""")
# What a blocked or missing asset, or a failed OpenAPI fetch, logs in the console.
LOAD_FAILURE = re.compile(r"Failed to load resource|net::ERR_|Failed to fetch|Error downloading")


# One operation as each page renders it: its method, then its path.
SWAGGER_OPERATION = re.compile(
    r'opblock-summary-method">(\w+)</span>.*?class="opblock-summary-path" data-path="([^"]+)"',
    re.DOTALL,
)
REDOC_OPERATION = re.compile(r'http-verb (\w+)">\w+</span><span[^>]*>([^<]+)</span>')


def operations(server: Server) -> set[tuple[str, str]]:
    """(method, path) of every operation in the served OpenAPI document."""
    paths = httpx.get(f"{server.base_url}/openapi.json", timeout=30).json()["paths"]
    found = {(method, path) for path, item in paths.items() for method in item}
    assert len(found) > 5, found
    return found


def rendered(pattern: re.Pattern[str], dom: str) -> set[tuple[str, str]]:
    return {(method.lower(), path) for method, path in pattern.findall(dom)}


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
def test_pages_reference_only_assets_served_here(light_server: Server, page: str) -> None:
    with httpx.Client(base_url=light_server.base_url, timeout=30) as client:
        html = client.get(page).text
        references = ASSET_REFERENCE.findall(html)
        assert any(ref.endswith(".js") for ref in references), html
        for ref in references:
            assert not re.match(r"(?:https?:)?//", ref), f"{page} loads {ref} from elsewhere"
            assert client.get(ref).status_code == 200, ref
    assert "https://" not in html and "http://" not in html


@needs_chromium
@pytest.mark.parametrize(
    ("page", "pattern"), [("/docs", SWAGGER_OPERATION), ("/redoc", REDOC_OPERATION)]
)
def test_every_operation_renders_offline(
    light_server: Server, page: str, pattern: re.Pattern[str]
) -> None:
    assert CHROMIUM is not None
    dom, console = dump_dom_offline(CHROMIUM, light_server.base_url + page)
    assert operations(light_server) <= rendered(pattern, dom), dom[-3000:]
    assert not [line for line in console if LOAD_FAILURE.search(line)], console
