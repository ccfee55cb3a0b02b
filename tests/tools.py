"""Finding the outside tools the browser and standards tests use; without them a test skips, never under CI."""

from __future__ import annotations

import os
import shutil
import struct
import threading
import zlib
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NODE_MODULES = ROOT / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
# axe-core's run with WCAG 2.2's target size on too: axe ships that rule turned off.
AXE_RUN = "async () => await axe.run(document, {resultTypes: ['violations'], rules: {'target-size': {enabled: true}}})"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-quic", "--no-first-run"]


def require(condition: bool, reason: str) -> None:
    """Skip with the reason on a developer's machine; fail in CI, where .ci/run installs everything."""
    if condition:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI installs it: see .ci/run)")
    pytest.skip(reason)


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 (the signature http.server uses)
        pass


def serve_folder(folder: Path) -> tuple[ThreadingHTTPServer, str]:
    """Serve a built site on 127.0.0.1 on a free port, as a reader's browser would reach it."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(folder)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def png(width: int = 4, height: int = 2) -> bytes:
    """A real PNG picture, small."""
    rows = b"".join(b"\x00" + b"\x20\x40\x80" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def render_pages(site, templates_dir: Path) -> dict[str, bytes]:
    """Every page and asset of an assembled site, in memory, by the build's own planner and renderer."""
    from mythos_site.output.render import STATIC_DIR, PageRenderer, plan_pages, render_all

    renderer = PageRenderer(templates_dir, site.config)
    outputs = {f"{STATIC_DIR}/{name}": data for name, data in renderer.assets.items()}
    jobs = plan_pages(site)
    outputs.update(zip((job.path for job in jobs), render_all(renderer, jobs)))
    return outputs
