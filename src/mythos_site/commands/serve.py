"""`mythos-site serve`: build, serve on 127.0.0.1, rebuild on every change, reload the open page.

A failed rebuild keeps serving the last good site; its problems show in the terminal and as an
overlay in the browser until the file is fixed. Changes are watched with watchfiles (the file
system's own notifications), not by polling.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
import threading
from dataclasses import dataclass, field, replace
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from mythos_site.errors import ContentError, os_problem, shown
from mythos_site.build.incremental import build
from mythos_site.build.options import Options
from mythos_site.build.writer import OutputError

STATUS_PATH = "/__mythos/status"
SCRIPT_PATH = "/__mythos/reload.js"
WAIT_SECONDS = 20
RELOAD_SCRIPT = """(function () {
  var version = null;
  function overlay(text) {
    var box = document.getElementById("mythos-overlay");
    if (!text) { if (box) { box.remove(); } return; }
    if (!box) {
      box = document.createElement("pre");
      box.id = "mythos-overlay";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:0;margin:0;padding:2rem;overflow:auto;z-index:99999;" +
        "background:rgba(20,20,24,.95);color:#ffd6cc;font:14px/1.5 monospace;white-space:pre-wrap";
      document.body.appendChild(box);
    }
    box.textContent = "The build failed; fix the file and save:\\n\\n" + text;
  }
  function poll() {
    fetch("%s?since=" + (version === null ? -1 : version)).then(function (r) { return r.json(); })
      .then(function (state) {
        if (version !== null && state.version !== version && !state.error) { location.reload(); return; }
        version = state.version;
        overlay(state.error);
        poll();
      }).catch(function () { setTimeout(poll, 1000); });
  }
  poll();
})();
"""


WAITING_PAGE = (b'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Building</title></head>'
                b"<body><p>The site has not been built yet.</p></body></html>")


@dataclass
class BuildState:
    """The last build's outcome; `version` counts builds, so a page knows when to reload."""

    version: int = 0
    error: str = ""
    changed: threading.Condition = field(default_factory=threading.Condition)

    def record(self, error: str) -> None:
        with self.changed:
            self.version += 1
            self.error = error
            self.changed.notify_all()

    def wait_past(self, version: int, seconds: float) -> tuple[int, str]:
        with self.changed:
            self.changed.wait_for(lambda: self.version != version, timeout=seconds)
            return self.version, self.error


class Handler(SimpleHTTPRequestHandler):
    state: BuildState

    def do_GET(self):  # noqa: N802 (the name http.server calls)
        path = self.path.split("?", 1)[0]
        if path == STATUS_PATH:
            version, error = self.state.wait_past(self._since(), WAIT_SECONDS)
            return self._send(json.dumps({"version": version, "error": error}).encode(), "application/json")
        if path == SCRIPT_PATH:
            return self._send((RELOAD_SCRIPT % STATUS_PATH).encode(), "text/javascript")
        script = f'<script src="{SCRIPT_PATH}"></script></body>'.encode()
        page = self._page(path)
        if page is not None:
            # Pages get the reload script; nothing of it is ever written to the built site.
            return self._send(page.read_bytes().replace(b"</body>", script), "text/html")
        if not (Path(self.directory) / "index.html").is_file():
            return self._send(WAITING_PAGE.replace(b"</body>", script), "text/html")
        return super().do_GET()

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format, *args):  # noqa: A002 (the signature http.server uses)
        pass  # the terminal is for build messages

    def handle(self):
        try:
            super().handle()
        except (BrokenPipeError, ConnectionResetError):  # the tab was closed mid-answer: nothing to tell
            pass

    def _page(self, path: str) -> Path | None:
        local = Path(self.translate_path(path))
        if local.is_dir() and path.endswith("/"):
            local = local / "index.html"
        return local if local.suffix == ".html" and local.is_file() else None

    def _since(self) -> int:
        query = self.path.split("?", 1)[1] if "?" in self.path else ""
        for part in query.split("&"):
            if part.startswith("since=") and part[6:].lstrip("-").isdigit():
                return int(part[6:])
        return -1

    def _send(self, body: bytes, kind: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", f"{kind}; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class Server:
    """Builds into a folder of its own and serves it; call `rebuild` after a change."""

    def __init__(self, content: Path, templates: Path, port: int, options: Options, out: Path | None = None):
        self.content, self.templates = content, templates
        self._made: Path | None = None  # serve's own folder for the site, removed on close
        self.state = BuildState()
        handler = type("BoundHandler", (Handler,), {"state": self.state})
        try:  # a port in use, or Ctrl+C at this moment, leaves no folder behind
            self._made = None if out else Path(tempfile.mkdtemp(prefix="mythos-serve-"))
            self.out = out or self._made / "site"
            self.httpd = ThreadingHTTPServer(("127.0.0.1", port), partial(handler, directory=str(self.out)))
        except BaseException:
            if self._made:
                shutil.rmtree(self._made, ignore_errors=True)
            raise
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.options = replace(options, base_url=self.url)  # links and the 404 page work on this server

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def rebuild(self) -> bool:
        try:
            report = build(self.content, self.templates, self.out, self.options)
        except (ContentError, OutputError, OSError) as error:
            text = "\n".join(shown(error.problems)) if isinstance(error, ContentError) else \
                os_problem(error, (self.content, self.templates)) if isinstance(error, OSError) else str(error)
            print(text, file=sys.stderr, flush=True)
            self.state.record(text)
            return False
        for line in (*shown(report.warnings), *report.notes):
            print(line, file=sys.stderr)
        print(report.summary(), flush=True)
        self.state.record("")
        return True

    def start(self) -> None:
        self._serving = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self._serving.start()

    def watch(self, stop: threading.Event | None = None) -> None:
        from watchfiles import watch  # imported here: only `serve` needs it

        for _ in watch(self.content, self.templates, stop_event=stop, debounce=200, raise_interrupt=True):
            self.rebuild()

    def close(self) -> None:
        if getattr(self, "_serving", None):  # shutdown() waits for a loop that must have started
            self.httpd.shutdown()
        self.httpd.server_close()
        if self._made:
            shutil.rmtree(self._made, ignore_errors=True)
