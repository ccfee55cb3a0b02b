"""Importing from an address, against a server of our own on 127.0.0.1: redirects (five followed,
a sixth refused), errors, a server too slow or sending too much, what is not a web page."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from mythos_site.cli import main
from mythos_site.content.frontmatter import split_document
from mythos_site.importing import ImportFailed
from mythos_site.importing.fetch import fetch_page

PAGES = Path(__file__).resolve().parent / "pages"
RELEASE = threading.Event()  # set when the tests end, so that a slow answer does not hold the server


class Handler(BaseHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 (the signature http.server uses)
        pass

    def do_GET(self):  # noqa: N802 (the name http.server calls)
        path = self.path
        if path == "/article":
            self.send(200, (PAGES / "newsarticle-jsonld.html").read_bytes())
        elif path == "/2026/03/30/bus-lanes":
            self.send(200, (PAGES / "bare-byline.html").read_bytes())
        elif path == "/front":
            self.send(200, (PAGES / "not-article.html").read_bytes())
        elif path.startswith("/hop/"):
            left = int(path.rpartition("/")[2])
            self.redirect(f"/hop/{left - 1}" if left > 1 else "/article")
        elif path == "/to-ftp":
            self.redirect("ftp://127.0.0.1/story.html")
        elif path == "/missing":
            self.send(404, b"<html><body><p>Not found</p></body></html>")
        elif path == "/slow":
            RELEASE.wait(3)
            self.send(200, (PAGES / "amp.html").read_bytes())
        elif path == "/trickle":
            self.start(200, "text/html", None)
            for _ in range(30):
                if RELEASE.wait(0.1):
                    break
                self.wfile.write(b"<p>")
                self.wfile.flush()
        elif path == "/huge":
            self.start(200, "text/html", 50_000_000)
        elif path == "/huge-unsized":
            self.start(200, "text/html", None)
            self.wfile.write(b"<html><body>" + b"<p>words</p>" * 20_000)
        elif path == "/report.pdf":
            self.send(200, b"%PDF-1.7 ...", "application/pdf")
        elif path == "/latin1":
            self.send(200, (PAGES / "amp.html").read_text(encoding="utf-8").replace(
                "Ferry crews walk out", "Café owners and ferry crews walk out").encode("latin-1", "replace"),
                "text/html; charset=iso-8859-1")
        else:
            self.send(404, b"")

    def start(self, status: int, kind: str, length: int | None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        if length is not None:
            self.send_header("Content-Length", str(length))
        self.end_headers()

    def send(self, status: int, body: bytes, kind: str = "text/html; charset=utf-8") -> None:
        self.start(status, kind, len(body))
        self.wfile.write(body)

    def redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()


@pytest.fixture(scope="module")
def server():
    RELEASE.clear()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    RELEASE.set()
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch):
    """A proxy set for the machine would not reach our server on 127.0.0.1."""
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)


def imported(url: str, content: Path, capsys) -> tuple[dict, str]:
    assert main(["import", url, "--content", str(content)]) == 0, capsys.readouterr().err
    printed = capsys.readouterr().out
    path = Path(printed.split("\n")[0].removeprefix("wrote ").split(", a draft")[0])
    return split_document(path, path.read_text(encoding="utf-8")).meta, printed


def failure(url: str, content: Path, capsys) -> str:
    assert main(["import", url, "--content", str(content)]) == 1
    error = capsys.readouterr().err
    assert error.startswith("mythos-site: ") and error.count("\n") == 1, error
    assert not (content / "articles").exists()
    return error


def test_an_address_is_imported_with_the_page_s_own_address_as_source_url(server, tmp_path, capsys):
    meta, _ = imported(f"{server}/article", tmp_path, capsys)
    assert meta["source_url"] == "https://ledger.example.com/news/2026/03/27/harbour-council-approves-tidal-barrier"
    assert meta["date"] == "2026-03-27T14:05:00-04:00" and meta["outlet"] == "The Harbour Ledger"


def test_without_an_address_of_its_own_the_page_is_credited_to_where_it_was_fetched(server, tmp_path, capsys):
    meta, printed = imported(f"{server}/2026/03/30/bus-lanes", tmp_path, capsys)
    assert meta["source_url"] == f"{server}/2026/03/30/bus-lanes"


def test_a_date_found_only_in_the_address_is_inferred_with_it_as_evidence(server, tmp_path, capsys):
    meta, printed = imported(f"{server}/2026/03/30/bus-lanes", tmp_path, capsys)
    assert meta["date"] == "2026-03-30"
    assert "address" in meta["date_inferred"] and "/2026/03/30/bus-lanes" in meta["date_inferred"]
    assert "inferred: date 2026-03-30" in printed


def test_five_redirects_are_followed(server):
    assert fetch_page(f"{server}/hop/5").url == f"{server}/article"


def test_a_sixth_redirect_is_refused(server, tmp_path, capsys):
    assert f"{server}/hop/6 still redirects after 5 redirects" in failure(f"{server}/hop/6", tmp_path, capsys)


def test_a_redirect_away_from_the_web_is_refused(server, tmp_path, capsys):
    assert "ftp://127.0.0.1/story.html" in failure(f"{server}/to-ftp", tmp_path, capsys)


def test_an_http_error_is_one_line(server, tmp_path, capsys):
    assert "answered 404 Not Found" in failure(f"{server}/missing", tmp_path, capsys)


def test_a_response_that_is_not_a_web_page_is_refused(server, tmp_path, capsys):
    assert "is not a web page but application/pdf" in failure(f"{server}/report.pdf", tmp_path, capsys)


def test_a_page_that_is_not_an_article_is_refused(server, tmp_path, capsys):
    assert "no article text" in failure(f"{server}/front", tmp_path, capsys)


@pytest.mark.parametrize("path", ["/slow", "/trickle"])
def test_a_server_too_slow_is_given_up_on_at_the_time_out(server, path):
    started = time.monotonic()
    with pytest.raises(ImportFailed, match="did not send the page within 0.5 seconds"):
        fetch_page(server + path, timeout=0.5)
    assert time.monotonic() - started < 1.5


@pytest.mark.parametrize("path", ["/huge", "/huge-unsized"])
def test_a_page_larger_than_the_limit_is_refused(server, path):
    with pytest.raises(ImportFailed, match="larger than 0.1 MB"):
        fetch_page(server + path, max_bytes=100_000)


def test_the_character_set_the_server_names_is_used(server, tmp_path, capsys):
    meta, _ = imported(f"{server}/latin1", tmp_path, capsys)
    assert meta["title"].startswith("Café owners")


def test_an_address_is_refused_when_it_is_not_http_or_https(tmp_path, capsys):
    assert "only http and https" in failure("ftp://127.0.0.1/story.html", tmp_path, capsys)
    assert "not a web address" in failure("http:///story.html", tmp_path, capsys)
