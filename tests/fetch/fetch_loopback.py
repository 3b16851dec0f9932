"""A loopback HTTP server for the fetch tests: 127.0.0.1 only, a free port, a thread.

Routes map a path (query ignored) to a :class:`Reply` or to a function of the request
count that returns one; every request is counted, so a test can say what was never
asked for. Nothing here reaches beyond the loopback interface.
"""

from __future__ import annotations

import contextlib
import gzip
import html
import threading
import time
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit


@dataclass
class Reply:
    status: int = 200
    body: bytes | Callable[[], Iterator[bytes]] = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before the status line


Route = Reply | Callable[[int, dict[str, str]], Reply]  # (request number, headers) -> Reply


class Loopback:
    def __init__(self, port: int = 0) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: Counter[str] = Counter()
        self.agents: set[str] = set()
        self.started: list[tuple[str, float]] = []  # (path, time.monotonic()) per request
        self.in_flight = 0
        self.most_in_flight = 0
        self._lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", port), _handler(self))
        self.server.daemon_threads = True
        self.server.block_on_close = False
        self._thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def add(self, path: str, route: Route) -> str:
        self.routes[path] = route
        return self.url(path)

    def page(self, path: str, body: bytes, **headers: str) -> str:
        headers.setdefault("Content-Type", "text/html; charset=utf-8")
        return self.add(
            path, Reply(200, body, {k.replace("_", "-"): v for k, v in headers.items()})
        )

    def count(self, path: str) -> int:
        with self._lock:
            return self.hits[path]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self._thread.join(5)

    def _enter(self, path: str, headers: dict[str, str]) -> int:
        with self._lock:
            self.hits[path] += 1
            self.agents.add(headers.get("user-agent", ""))
            self.started.append((path, time.monotonic()))
            self.in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self.in_flight)
            return self.hits[path]

    def _leave(self) -> None:
        with self._lock:
            self.in_flight -= 1

    def _reply(self, path: str, headers: dict[str, str]) -> Reply:
        number = self._enter(path, headers)
        route = self.routes.get(path)
        if route is None:
            return Reply(404, b"<html><body>not here</body></html>", {"Content-Type": "text/html"})
        return route(number, headers) if callable(route) else route


def _handler(owner: Loopback) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def handle(self) -> None:
            # the client hangs up on a size cap or a timeout: expected here
            with contextlib.suppress(BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
                super().handle()

        def do_GET(self) -> None:
            path = urlsplit(self.path).path
            headers = {k.lower(): v for k, v in self.headers.items()}
            try:
                reply = owner._reply(path, headers)
                if reply.delay:
                    time.sleep(reply.delay)
                self._send(reply)
            except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
                self.close_connection = True
            finally:
                owner._leave()

        def _send(self, reply: Reply) -> None:
            self.send_response(reply.status)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            if isinstance(reply.body, bytes):
                self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                self.wfile.write(reply.body)
                return
            self.send_header("Connection", "close")  # the body ends when the connection does
            self.end_headers()
            self.close_connection = True
            for chunk in reply.body():
                self.wfile.write(chunk)

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


# -- content --------------------------------------------------------------------------


def seed_html(text: str, *, charset: str = "utf-8", meta: bool = True) -> str:
    """A seed article (plain text) as a simple news page: its first line the headline."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    title = html.escape(lines[0])
    paragraphs = "\n".join(f"<p>{html.escape(line)}</p>" for line in lines[1:])
    head = f'<meta charset="{charset}">' if meta else ""
    return (
        f'<!doctype html><html lang="en"><head>{head}<title>{title}</title></head>'
        f"<body><article><h1>{title}</h1>\n{paragraphs}\n</article></body></html>"
    )


def rss(title: str, links: list[str]) -> bytes:
    items = "".join(
        f"<item><title>Story {n}</title><link>{html.escape(link)}</link>"
        f"<pubDate>Mon, 10 Jun 2024 0{n % 10}:00:00 GMT</pubDate></item>"
        for n, link in enumerate(links)
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>{html.escape(title)}</title><language>en-gb</language>{items}</channel></rss>"
    ).encode()


def atom(title: str, links: list[str]) -> bytes:
    entries = "".join(
        f'<entry><title>Entry {n}</title><link rel="alternate" href="{html.escape(link)}"/>'
        f"<id>urn:entry:{n}</id><updated>2024-06-10T12:00:00Z</updated></entry>"
        for n, link in enumerate(links)
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{html.escape(title)}</title><id>urn:feed</id>"
        f"<updated>2024-06-10T12:00:00Z</updated>{entries}</feed>"
    ).encode()


def news_sitemap(links: list[str], outlet: str = "Loopback News") -> bytes:
    urls = "".join(
        f"<url><loc>{html.escape(link)}</loc><news:news><news:publication>"
        f"<news:name>{outlet}</news:name><news:language>en</news:language>"
        f"</news:publication><news:publication_date>2024-06-1{n % 10}T08:00:00+02:00"
        f"</news:publication_date><news:title>Item {n}</news:title></news:news></url>"
        for n, link in enumerate(links)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">' + urls + "</urlset>"
    ).encode()


def sitemap_index(links: list[str]) -> bytes:
    items = "".join(f"<sitemap><loc>{html.escape(link)}</loc></sitemap>" for link in links)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{items}</sitemapindex>'
    ).encode()


def gzip_bomb(megabytes: int) -> bytes:
    """A gzip body of ``megabytes`` MB of zeros (about 1,000 times smaller)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    zeros = bytes(1 << 20)
    return b"".join([*(packer.compress(zeros) for _ in range(megabytes)), packer.flush()])


def gzipped(data: bytes) -> bytes:
    return gzip.compress(data, mtime=0)


def endless(total: int, chunk: int = 1 << 16) -> Callable[[], Iterator[bytes]]:
    """A body of ``total`` bytes streamed without a Content-Length."""

    def body() -> Iterator[bytes]:
        block = b"<p>" + b"x" * (chunk - 7) + b"</p>\n"
        for _ in range(total // chunk):
            yield block

    return body
