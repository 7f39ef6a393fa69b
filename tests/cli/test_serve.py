"""``ie-nlp serve``: its help, and a real server started without options, bound to IE_HOST and
IE_PORT and naming its docs URL."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
from api_helpers import REPO_DIR, free_port, stop
from click.testing import CliRunner

from ie_nlp.cli import cli


def test_serve_help_has_an_example() -> None:
    result = CliRunner().invoke(cli, ["serve", "--help"])
    assert result.exit_code == 0, result.output
    assert "Example" in result.output
    assert "--port" in result.output and "--host" in result.output
    assert "--workers" in result.output and "IE_WORKERS" in result.output


def test_serve_binds_the_settings_address_and_names_the_docs_url(tmp_path: Path) -> None:
    """`ie-nlp serve` without options takes host and port from IE_HOST / IE_PORT."""
    port = free_port()
    log_path = tmp_path / "serve.log"
    env = {**os.environ, "IE_HOST": "127.0.0.1", "IE_PORT": str(port)}
    command = [sys.executable, "-c", "from ie_nlp.cli import cli; cli()", "serve"]
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, cwd=REPO_DIR, env=env, stdout=log, stderr=log)
    try:
        deadline = time.monotonic() + 90
        healthy = False
        while time.monotonic() < deadline and process.poll() is None and not healthy:
            try:
                healthy = httpx.get(f"http://127.0.0.1:{port}/healthz").status_code == 200
            except httpx.TransportError:
                time.sleep(0.1)
        output = log_path.read_text(encoding="utf-8")
        assert healthy, output
        assert f"http://127.0.0.1:{port}/docs" in output
    finally:
        stop(process)
