"""A bounded loopback load test of ``storyline serve``: N concurrent clients for S seconds.

Builds a store (``storyline ingest`` of the seeds and the MultiLing English articles,
unless ``--db`` names an existing one), starts ``storyline serve`` on a free loopback
port in a subprocess, and runs ``--clients`` concurrent clients for ``--seconds``.

``--mix all`` (default) cycles through the pages and the JSON API (home page in both
orders, topic pages, story pages, article pages, search, and a few unknown ids and bad
parameters, which must answer 404/400, never 5xx); ``--mix stories`` requests story
pages only (``/stories/{id}``, the HTML page of every story in the store).

The client is a minimal HTTP/1.1 keep-alive client on asyncio streams, one connection per
client, reading every body whole (as wrk does): httpx spends about 3.6 ms of CPU per
request here, which alone caps a 2-core machine near 550 requests/s whatever the server
does (``--client httpx`` measures with it anyway). ``--gzip`` asks for gzip and
inflates every body; ``--revalidate`` sends back each page's ETag as a browser does
(answered 304 while the page is current).

Prints JSON: requests, requests/s, status counts, latency p50/p90/p99 in milliseconds,
and the CPU seconds the server and the client used (per request, too: comparable on a
loaded machine). Exits 1 on any 5xx or transport error.

    nice .venv/bin/python benchmarks/web_load.py                    # 50 clients, 30 s
    nice .venv/bin/python benchmarks/web_load.py --mix stories --seconds 20
    .venv/bin/python benchmarks/web_load.py --clients 10 --seconds 5 --db FILE
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import zlib
from collections import Counter
from collections.abc import Awaitable, Callable
from pathlib import Path
from urllib.parse import quote

import httpx

SHARED = Path(os.environ.get("STORYLINE_SHARED", Path(__file__).resolve().parents[2] / "shared"))

Fetch = Callable[[str], Awaitable[tuple[int, int]]]


def _storyline() -> list[str]:
    exe = shutil.which("storyline", path=str(Path(sys.executable).parent))
    return [exe] if exe else [sys.executable, "-m", "storyline"]


def _build_store(db: Path) -> None:
    inputs = [str(SHARED / "seeds")]
    multiling = SHARED / "eval" / "multiling2011" / "data" / "SourceTexts"
    if multiling.is_dir():
        folder = db.parent / "multiling"
        folder.mkdir(exist_ok=True)
        for path in sorted(multiling.glob("*.english")):
            target = folder / path.name
            if not target.exists():
                target.symlink_to(path)
        inputs.append(str(folder))
    subprocess.run([*_storyline(), "ingest", *inputs, "--db", str(db)], check=True)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _targets(base: str, mix: str) -> list[tuple[str, set[int]]]:
    """The paths the clients request, each with the statuses it may answer."""
    with httpx.Client(base_url=base, timeout=60) as client:
        stories = client.get("/api/stories").json()["stories"]
        story_pages = [(f"/stories/{quote(s['id'], safe='')}", {200}) for s in stories]
        if mix == "stories":
            return story_pages
        paths: list[tuple[str, set[int]]] = [
            ("/", {200}),
            ("/?order=largest", {200}),
            ("/api/stories", {200}),
            ("/search?q=earthquake", {200}),
            ("/api/search?q=visit", {200}),
            ("/stories/nope", {404}),
            ("/api/stories/nope", {404}),
            ("/?page=0", {400}),
            ("/api/search?q=", {400}),
        ]
        topics = {s["topic"] for s in stories if s.get("topic")}
        paths += [(f"/topics/{quote(t, safe='')}", {200}) for t in sorted(topics)[:5]]
        for story in stories[:10]:
            ident = quote(story["id"], safe="")
            paths += [(f"/stories/{ident}", {200}), (f"/api/stories/{ident}", {200})]
            brief = client.get(f"/api/stories/{ident}").json()
            for article in brief["articles"][:2]:
                paths.append((f"/articles/{quote(article['id'], safe='')}", {200}))
    return paths


class RawClient:
    """One HTTP/1.1 keep-alive connection; ``get`` sends a request and reads the whole
    answer (Content-Length or chunked), reconnecting when the server closed it."""

    def __init__(self, host: str, port: int, *, gzip: bool, revalidate: bool) -> None:
        self.host, self.port = host, port
        self.gzip, self.revalidate = gzip, revalidate
        self.etags: dict[str, str] = {}
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> tuple[int, int]:
        if self.writer is None or self.reader is None or self.reader.at_eof():
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        lines = [f"GET {path} HTTP/1.1", f"Host: {self.host}:{self.port}"]
        if self.gzip:
            lines.append("Accept-Encoding: gzip")
        if self.revalidate and path in self.etags:
            lines.append(f"If-None-Match: {self.etags[path]}")
        self.writer.write(("\r\n".join(lines) + "\r\n\r\n").encode())
        head = await self.reader.readuntil(b"\r\n\r\n")
        status = int(head[9:12])
        headers = {}
        for line in head.decode("latin-1").split("\r\n")[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        if "content-length" in headers:
            body = await self.reader.readexactly(int(headers["content-length"]))
        elif headers.get("transfer-encoding") == "chunked":
            body = await self._chunked()
        else:
            body = b""
        if headers.get("content-encoding") == "gzip":
            body = zlib.decompress(body, 16 + zlib.MAX_WBITS)
        if "etag" in headers:
            self.etags[path] = headers["etag"]
        if headers.get("connection") == "close":
            self.writer.close()
            self.writer = None
        return status, len(body)

    async def _chunked(self) -> bytes:
        assert self.reader is not None
        parts = []
        while True:
            size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
            parts.append(await self.reader.readexactly(size + 2))
            if size == 0:
                return b"".join(parts)

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()


async def _load(
    base: str,
    targets: list[tuple[str, set[int]]],
    clients: int,
    seconds: float,
    *,
    kind: str,
    gzip: bool,
    revalidate: bool,
) -> dict[str, object]:
    latencies: list[float] = []
    statuses: Counter[str] = Counter()
    unexpected: Counter[str] = Counter()
    deadline = time.perf_counter() + seconds
    host, port = base.removeprefix("http://").split(":")
    pool = None
    if kind == "httpx":
        limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
        headers = {} if gzip else {"Accept-Encoding": "identity"}
        pool = httpx.AsyncClient(base_url=base, limits=limits, timeout=30, headers=headers)

    async def worker(seed: int) -> None:
        rng = random.Random(seed)
        raw = RawClient(host, int(port), gzip=gzip, revalidate=revalidate)

        async def fetch(path: str) -> tuple[int, int]:
            if pool is None:
                return await raw.get(path)
            response = await pool.get(path)
            return response.status_code, len(response.content)

        while time.perf_counter() < deadline:
            path, expected = rng.choice(targets)
            start = time.perf_counter()
            try:
                status, _size = await fetch(path)
            except (OSError, asyncio.IncompleteReadError, httpx.HTTPError) as error:
                statuses[f"error {type(error).__name__}"] += 1
                raw.close()
                raw = RawClient(host, int(port), gzip=gzip, revalidate=revalidate)
                continue
            latencies.append(time.perf_counter() - start)
            statuses[str(status)] += 1
            if status not in expected | ({304} if revalidate else set()):
                unexpected[f"{path} -> {status}"] += 1
        raw.close()

    began = time.perf_counter()
    await asyncio.gather(*(worker(i) for i in range(clients)))
    elapsed = time.perf_counter() - began
    if pool is not None:
        await pool.aclose()
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0.0] * 99
    return {
        "seconds": round(elapsed, 1),
        "requests": len(latencies),
        "requests_per_s": round(len(latencies) / elapsed, 1),
        "statuses": dict(sorted(statuses.items())),
        "server_errors": sum(n for s, n in statuses.items() if not s.isdigit() or s[0] == "5"),
        "unexpected": dict(unexpected.most_common(10)),
        "latency_ms": {
            "p50": round(cuts[49] * 1000, 1),
            "p90": round(cuts[89] * 1000, 1),
            "p99": round(cuts[98] * 1000, 1),
        },
    }


def _cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _client_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--db", type=Path, help="an existing store (default: build one)")
    parser.add_argument("--mix", choices=("all", "stories"), default="all")
    parser.add_argument("--client", choices=("raw", "httpx"), default="raw")
    parser.add_argument("--gzip", action="store_true", help="accept gzip and inflate bodies")
    parser.add_argument("--revalidate", action="store_true", help="send ETags back (304s)")
    parser.add_argument("--warmup", type=float, default=2.0, help="seconds before measuring")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        db = args.db or Path(scratch) / "load.db"
        if args.db is None:
            _build_store(db)
        port = _free_port()
        server = subprocess.Popen(
            [*_storyline(), "serve", "--db", str(db), "--port", str(port)],
            stdout=subprocess.DEVNULL,  # the server's warnings and errors go to stderr
        )
        try:
            base = f"http://127.0.0.1:{port}"
            for _ in range(300):
                try:
                    httpx.get(base + "/api/stories", timeout=1)
                    break
                except httpx.HTTPError:
                    time.sleep(0.1)
            targets = _targets(base, args.mix)
            options = {"kind": args.client, "gzip": args.gzip, "revalidate": args.revalidate}
            if args.warmup > 0:  # every page rendered once, as a running server has them
                asyncio.run(_load(base, targets, args.clients, args.warmup, **options))
            server_cpu, client_cpu = _cpu_seconds(server.pid), _client_cpu()
            report = asyncio.run(_load(base, targets, args.clients, args.seconds, **options))
            server_cpu = _cpu_seconds(server.pid) - server_cpu
            client_cpu = _client_cpu() - client_cpu
        finally:
            server.terminate()
            server.wait(timeout=30)
    done = max(1, int(report["requests"]))  # type: ignore[call-overload]
    report = {
        "clients": args.clients,
        "mix": args.mix,
        "client": args.client,
        "gzip": args.gzip,
        "revalidate": args.revalidate,
        "paths": len(targets),
        **report,
        "cpu_s": {"server": round(server_cpu, 2), "client": round(client_cpu, 2)},
        "cpu_ms_per_request": {
            "server": round(server_cpu * 1000 / done, 3),
            "client": round(client_cpu * 1000 / done, 3),
        },
        "cores": os.cpu_count(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }
    print(json.dumps(report, indent=1))
    return 1 if report["server_errors"] or report["unexpected"] else 0


if __name__ == "__main__":
    sys.exit(main())
