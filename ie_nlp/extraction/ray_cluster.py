"""A real Ray cluster of several nodes on this machine, for the tests and the scaling benchmark:
``ray start --head`` and nodes that join it by address, as on a cluster of machines, so that
``ie-nlp extract --engine ray --address`` is exercised end to end.

Each node's ``ray start --block`` runs in a process group of its own, and leaving the context
ends exactly those groups; ``ray stop`` would end every Ray node on the machine, other
people's too."""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import TracebackType

STARTED = "Ray runtime started"
START_TIMEOUT_S = 120.0
STOP_TIMEOUT_S = 5.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class LocalCluster:
    """``with LocalCluster(nodes=2, cpus_per_node=1) as cluster:`` then ``cluster.address``;
    a driver connects with ``cluster.env`` in its environment: the cluster's token (Ray's
    token authentication, so that nobody else on the network can run code on it)."""

    def __init__(self, nodes: int = 2, cpus_per_node: int = 1) -> None:
        self.nodes, self.cpus_per_node = nodes, cpus_per_node
        self.address = f"127.0.0.1:{free_port()}"
        self._folder = tempfile.TemporaryDirectory(prefix="ie-nlp-ray-", ignore_cleanup_errors=True)
        self._processes: list[subprocess.Popen[bytes]] = []
        self.env = {"RAY_AUTH_MODE": "token", "RAY_AUTH_TOKEN": secrets.token_hex(32)}

    def __enter__(self) -> LocalCluster:
        try:
            port = self.address.rsplit(":", 1)[1]
            temp = str(Path(self._folder.name) / "ray")  # the nodes that join use the head's
            self._start("head", ["--head", "--port", port, "--include-dashboard=false",
                                 "--temp-dir", temp])  # fmt: skip
            for number in range(1, self.nodes):
                self._start(f"node{number}", ["--address", self.address])
        except BaseException:
            self.stop()
            raise
        return self

    def _start(self, name: str, options: list[str]) -> None:
        ray = str(Path(sys.executable).with_name("ray"))
        log = Path(self._folder.name) / f"{name}.log"
        command = [ray, "start", *options, "--num-cpus", str(self.cpus_per_node),
                   "--disable-usage-stats", "--block"]  # fmt: skip
        with log.open("wb") as sink:
            process = subprocess.Popen(
                command,
                stdout=sink,
                stderr=subprocess.STDOUT,
                env={**os.environ, **self.env},
                start_new_session=True,
            )
        self._processes.append(process)
        deadline = time.monotonic() + START_TIMEOUT_S
        while STARTED not in log.read_text(errors="replace"):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"ray start ({name}) failed:\n{log.read_text()[-3000:]}")
            time.sleep(0.2)

    def stop(self) -> None:
        """Ends the nodes' process groups (their workers exit with their raylet)."""
        for process in reversed(self._processes):
            _signal_group(process, signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=STOP_TIMEOUT_S)
            _signal_group(process, signal.SIGKILL)  # what is left of the node, if anything
            process.wait()
        self._processes = []
        self._folder.cleanup()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()


def _signal_group(process: subprocess.Popen[bytes], sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, sig)
