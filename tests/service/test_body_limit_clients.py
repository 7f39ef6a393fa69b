"""The 413 problem body reaches clients that write their whole body before reading the answer
(Python's urllib and http.client), on a real uvicorn server with a 2,000-byte limit. Bodies are
16 MB: far more than the sockets' buffers hold, so without draining the server would close the
connection under the client while it is still writing."""

from __future__ import annotations

import http.client
import json
import socket
import urllib.error
import urllib.request
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from api_helpers import Server

BIG = 16 * 1024 * 1024
CHUNK = b"x" * (1024 * 1024)


def problem_of(error: urllib.error.HTTPError) -> dict[str, object]:
    assert error.code == 413
    assert error.headers["content-type"].startswith("application/problem+json")
    body: dict[str, object] = json.loads(error.read())
    return body


def post(server: Server, data: bytes | Iterator[bytes], headers: dict[str, str]) -> None:
    request = urllib.request.Request(
        f"{server.base_url}/v1/extract", data=data, headers=headers, method="POST"
    )
    urllib.request.urlopen(request, timeout=60)


def test_urllib_with_a_declared_length_gets_the_413_body(light_server: Server) -> None:
    body = b'{"id": "big", "text": "' + b"x" * BIG + b'"}'
    with pytest.raises(urllib.error.HTTPError) as raised:
        post(light_server, body, {"Content-Type": "application/json"})
    assert problem_of(raised.value)["code"] == "payload_too_large"


def test_urllib_chunked_gets_the_413_body(light_server: Server) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"id": "big", "text": "'
        for _ in range(BIG // len(CHUNK)):
            yield CHUNK
        yield b'"}'

    # An iterable without Content-Length makes urllib send Transfer-Encoding: chunked.
    with pytest.raises(urllib.error.HTTPError) as raised:
        post(light_server, chunks(), {"Content-Type": "application/json"})
    assert problem_of(raised.value)["code"] == "payload_too_large"


def test_the_connection_stays_usable_after_a_413(light_server: Server) -> None:
    address = urlsplit(light_server.base_url)
    connection = http.client.HTTPConnection(address.hostname or "", address.port, timeout=60)
    try:
        connection.request(
            "POST", "/v1/extract", body=b"x" * BIG, headers={"Content-Type": "application/json"}
        )
        refused = connection.getresponse()
        assert refused.status == 413
        assert json.loads(refused.read())["code"] == "payload_too_large"
        connection.request("GET", "/healthz")
        again = connection.getresponse()
        assert again.status == 200, again.read()
    finally:
        connection.close()


def test_a_client_expecting_100_continue_is_answered_without_sending_its_body(
    light_server: Server,
) -> None:
    address = urlsplit(light_server.base_url)
    head = (
        "POST /v1/extract HTTP/1.1\r\n"
        f"Host: {address.netloc}\r\n"
        "Content-Type: application/json\r\n"
        f"Content-Length: {BIG}\r\n"
        "Expect: 100-continue\r\n\r\n"
    )
    with socket.create_connection((address.hostname, address.port), timeout=30) as sock:
        sock.sendall(head.encode())
        answer = b""
        while b"\r\n\r\n" not in answer:
            part = sock.recv(65536)
            assert part, "the server closed without answering"
            answer += part
    status_line = answer.split(b"\r\n", 1)[0]
    assert status_line.startswith(b"HTTP/1.1 413"), answer[:300]
