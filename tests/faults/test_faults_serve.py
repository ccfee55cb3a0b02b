"""The development server under faults: it listens on 127.0.0.1 only, refuses a path out of its
folder, and when it is stopped (Ctrl+C, or SIGTERM from a supervisor) it ends with its workers
and removes the folder it built into."""

from __future__ import annotations

import signal
import socket

import pytest


def _get(port: int, path: str) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(f"GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n".encode())
        chunks = []
        while chunk := connection.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_the_server_refuses_traversal_and_leaves_nothing_when_stopped(project, stop):
    (project.folder / "secret.txt").write_text("not for the web")
    server = project.start("--port", "0", command=("serve",))
    try:
        line = server.stdout.readline()  # the build's summary, then where it serves
        line = server.stdout.readline() if line and not line.startswith("serving") else line
        assert line.startswith("serving http://127.0.0.1:"), line + server.stderr.read()
        port = int(line.split("127.0.0.1:")[1].split("/")[0])
        assert b"200 OK" in _get(port, "/")
        for path in ("/../secret.txt", "/..%2fsecret.txt", "/%2e%2e/%2e%2e/secret.txt"):
            assert b"not for the web" not in _get(port, path)
        with pytest.raises(OSError):
            socket.create_connection((_other_address(), port), timeout=2).close()
        assert list(project.tmp.iterdir()), "it builds into a folder of its own"
    finally:
        server.send_signal(stop)
        stdout, stderr = server.communicate(timeout=60)
    assert server.returncode in (0, 130, 143), stderr
    assert "Traceback" not in stderr, stderr
    assert list(project.tmp.iterdir()) == [], "its folder is removed"
    assert project.processes() == []


def _other_address() -> str:
    """An address of this machine that is not the loopback, if it has one."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("192.0.2.1", 9))  # no packet is sent
            address = probe.getsockname()[0]
    except OSError:
        address = ""
    if not address or address.startswith("127."):
        pytest.skip("no address but the loopback to try")
    return address
