"""Fetch a web page with urllib within limits of our own: http and https only, one time-out for the
whole fetch, a size limit and at most five redirects, each checked here rather than left to the server."""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from mythos_site import __version__
from mythos_site.importing import ImportFailed

TIMEOUT = 20.0  # seconds for the whole fetch, redirects included
MAX_BYTES = 5_000_000  # a news page with its markup is well under 1 MB; more is not an article
MAX_REDIRECTS = 5
HTML_TYPES = ("text/html", "application/xhtml+xml")
REDIRECTS = (301, 302, 303, 307, 308)
CHUNK = 64 * 1024
HEADERS = {
    "User-Agent": f"mythos-site/{__version__} (article import)",
    "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
}


@dataclass(frozen=True)
class Fetched:
    """A page as the server sent it: the address it came from (after redirects), its bytes, and
    the character set its Content-Type names, if any."""

    url: str
    data: bytes
    charset: str | None


def is_web_address(source: str) -> bool:
    """True for anything written as an address ("scheme://..."), whether or not it may be fetched."""
    scheme, found, _ = source.partition("://")
    return bool(found) and scheme.isascii() and scheme.isalpha()


def check_address(url: str) -> str:
    """The address if it is an http or https address with a host; otherwise ImportFailed."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018  (raises ValueError for a port out of range)
    except ValueError:
        raise ImportFailed(f"'{url}' is not a web address") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise ImportFailed(f"only http and https addresses can be imported, not '{parts.scheme}:' ({url})")
    if not parts.hostname or any(char.isspace() for char in url):
        raise ImportFailed(f"'{url}' is not a web address")
    return url


def fetch_page(url: str, timeout: float = TIMEOUT, max_bytes: int = MAX_BYTES,
               max_redirects: int = MAX_REDIRECTS) -> Fetched:
    """The page at url, following at most max_redirects redirects; ImportFailed, with the reason in
    one line, for anything that is not an HTML page of at most max_bytes within timeout seconds."""
    deadline = time.monotonic() + timeout
    opener = urllib.request.build_opener(_NoRedirects)
    start = url
    for _ in range(max_redirects + 1):
        check_address(url)
        response = _open(opener, url, deadline, timeout)
        location = response.headers.get("Location") if response.status in REDIRECTS else None
        if location is None:
            with response:
                return _page(response, url, deadline, timeout, max_bytes)
        response.close()
        target = urljoin(url, location.strip())
        if urlsplit(target).scheme.lower() not in ("http", "https"):
            raise ImportFailed(f"{url} redirects to '{target}', which is not an http or https address")
        url = target
    raise ImportFailed(f"{start} still redirects after {max_redirects} redirects; import the address "
                       "the page finally has in a browser")


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """Hands every redirect back to fetch_page, which counts them and checks where each one leads."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: PLR0913 (urllib's signature)
        return None


def _open(opener, url: str, deadline: float, timeout: float):
    request = urllib.request.Request(url, headers=HEADERS)
    try:
        return opener.open(request, timeout=_remaining(deadline, url, timeout))
    except urllib.error.HTTPError as error:
        if error.code in REDIRECTS:
            return error  # an HTTPError is a response too: fetch_page follows its Location
        error.close()
        raise ImportFailed(f"{url} answered {error.code} {error.reason}") from None
    except urllib.error.URLError as error:
        raise _unreachable(url, error.reason, timeout) from None
    except OSError as error:  # a time-out, or the connection reset
        raise _unreachable(url, error, timeout) from None


def _page(response, url: str, deadline: float, timeout: float, max_bytes: int) -> Fetched:
    kind = response.headers.get_content_type() if response.headers.get("Content-Type") else None
    if kind is not None and kind not in HTML_TYPES:
        raise ImportFailed(f"{url} is not a web page but {kind}; import an article's page, a saved .html file, "
                           "or its text with '-'")
    length = response.headers.get("Content-Length", "")
    if length.isdigit() and int(length) > max_bytes:
        raise _too_large(url, max_bytes)
    chunks, size = [], 0
    try:
        while True:
            _remaining(deadline, url, timeout)
            # read1 returns what one read of the socket gives: a server that sends a byte at a
            # time cannot hold a read(n) open past the deadline.
            chunk = response.read1(CHUNK)
            if not chunk:
                break
            size += len(chunk)
            if size > max_bytes:
                raise _too_large(url, max_bytes)
            chunks.append(chunk)
    except OSError as error:
        raise _unreachable(url, error, timeout) from None
    data = b"".join(chunks)
    if kind is None and not looks_like_html(data):
        raise ImportFailed(f"{url} does not send a web page; import an article's page, or its text with '-'")
    return Fetched(response.geturl() or url, data, response.headers.get_content_charset())


def looks_like_html(data: bytes) -> bool:
    """True when the first bytes hold an HTML tag, as a page saved from a browser does."""
    start = data[:4096].lower()
    return any(tag in start for tag in (b"<html", b"<!doctype html", b"<head", b"<body", b"<meta", b"<title"))


def _remaining(deadline: float, url: str, timeout: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise ImportFailed(f"{url} did not send the page within {timeout:g} seconds")
    return left


def _too_large(url: str, max_bytes: int) -> ImportFailed:
    return ImportFailed(f"{url} is larger than {max_bytes / 1_000_000:g} MB, more than an article's page holds")


def _unreachable(url: str, reason, timeout: float) -> ImportFailed:
    if isinstance(reason, TimeoutError):
        return ImportFailed(f"{url} did not send the page within {timeout:g} seconds")
    text = getattr(reason, "strerror", None) or str(reason) or type(reason).__name__
    return ImportFailed(f"cannot reach {urlsplit(url).hostname}: {text}")
