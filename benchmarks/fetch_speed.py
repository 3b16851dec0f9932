"""Speed, CPU and memory of ``storyline fetch``: pages fetched, cleaned and stored from a
loopback web of 8 hosts.

A server process (asyncio, HTTP/1.1 keep-alive) listens on 127.0.0.2 to 127.0.0.9 (8
ports on 127.0.0.1 where those addresses cannot be bound) and serves, per host, a
robots.txt, a sitemap of its pages and the pages: the 181 real pages of the
article-extraction benchmark and the 982 ECB+ articles wrapped in a plain news page,
over and over under new URLs (page i is document i mod 1,163, so past the first 1,163
pages every page is an exact copy of an earlier one: the store links it as a duplicate).
The client is ``storyline.live.fetch`` on the 8 sitemap URLs, exactly as the CLI runs
it, with the per-host delay set to 0 (loopback; the default is 1 s) and briefs lazy (a
brief is a second of NLP per story: see ``brief_speed.py``).

Reported: pages per second (fetched, cleaned and stored), CPU seconds per page of the
client (its process and its cleaning workers, not the server's), the client's resident
memory every 1,000 pages, and the fetch stage alone (``--fetch-only``: no cleaning, no
store).

    nice .venv/bin/python benchmarks/fetch_speed.py --pages 10000
    nice .venv/bin/python benchmarks/fetch_speed.py --pages 2000 --jobs 2
    nice .venv/bin/python benchmarks/fetch_speed.py --pages 10000 --fetch-only
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import html
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

HOSTS = 8


def shared() -> Path:
    return Path(os.environ.get("STORYLINE_SHARED", REPO.parent / "shared"))


def documents() -> list[bytes]:
    """The benchmark's real pages, then the ECB+ articles as simple news pages."""
    folder = shared() / "eval" / "article-extraction-benchmark" / "html"
    pages = [gzip.decompress(p.read_bytes()) for p in sorted(folder.glob("*.html.gz"))]
    with gzip.open(shared() / "eval" / "ecbplus" / "ecbplus_docs.jsonl.gz", "rt") as lines:
        for line in lines:
            doc = json.loads(line)
            sentences = [html.escape(s) for s in doc["sentences"]]
            if len(sentences) < 2:
                continue
            body = "".join(
                f"<p>{' '.join(sentences[n : n + 3])}</p>\n" for n in range(1, len(sentences), 3)
            )
            pages.append(
                f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>'
                f"{sentences[0]}</title></head><body><nav><a href='/'>Home</a> | "
                f"<a href='/world'>World</a></nav><article><h1>{sentences[0]}</h1>\n{body}"
                f"</article><footer>Copyright the outlet</footer></body></html>".encode()
            )
    return pages


# -- the server (a separate process) ----------------------------------------------------


def serve(addresses: list[str], ports: list[int], pages: int) -> None:
    docs = documents()
    asyncio.run(_serve(addresses, ports, pages, docs))


async def _serve(addresses: list[str], ports: list[int], pages: int, docs: list[bytes]) -> None:
    servers = []
    for host_number, (address, port) in enumerate(zip(addresses, ports, strict=True)):
        base = f"http://{address}:{port}"
        mine = range(host_number, pages, HOSTS)
        sitemap = (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            + "".join(f"<url><loc>{base}/p/{i}.html</loc></url>" for i in mine)
            + "</urlset>"
        ).encode()

        def answer(path: str, sitemap: bytes = sitemap) -> tuple[bytes, bytes]:
            if path == "/robots.txt":
                return b"200 OK", b"User-agent: *\nAllow: /\n"
            if path == "/sitemap.xml":
                return b"200 OK", sitemap
            if path.startswith("/p/") and path.endswith(".html"):
                return b"200 OK", docs[int(path[3:-5]) % len(docs)]
            return b"404 Not Found", b"not here"

        async def handle(
            reader: asyncio.StreamReader,
            writer: asyncio.StreamWriter,
            answer: Callable[[str], tuple[bytes, bytes]] = answer,
        ) -> None:
            try:
                while True:
                    head = await reader.readuntil(b"\r\n\r\n")
                    path = head.split(b" ", 2)[1].decode()
                    status, body = answer(path)
                    kind = b"text/html; charset=utf-8" if path.endswith(".html") else b"text/xml"
                    writer.write(
                        b"HTTP/1.1 "
                        + status
                        + b"\r\nContent-Type: "
                        + kind
                        + b"\r\nContent-Length: "
                        + str(len(body)).encode()
                        + b"\r\n\r\n"
                        + body
                    )
                    await writer.drain()
            except (asyncio.IncompleteReadError, ConnectionError):
                pass
            finally:
                writer.close()

        servers.append(await asyncio.start_server(handle, address, port))
    print("ready", flush=True)
    await asyncio.gather(*(s.serve_forever() for s in servers))


def _addresses() -> tuple[list[str], list[int]]:
    """127.0.0.2-9 on one port each, or 8 free ports on 127.0.0.1."""
    import socket

    addresses = [f"127.0.0.{n}" for n in range(2, 2 + HOSTS)]
    ports = []
    try:
        for address in addresses:
            with socket.socket() as probe:
                probe.bind((address, 0))
                ports.append(probe.getsockname()[1])
        return addresses, ports
    except OSError:
        ports = []
        for _ in range(HOSTS):
            with socket.socket() as probe:
                probe.bind(("127.0.0.1", 0))
                ports.append(probe.getsockname()[1])
        return ["127.0.0.1"] * HOSTS, ports


# -- the client -------------------------------------------------------------------------


def rss_mib() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def cpu_seconds() -> float:
    """This process's CPU and its reaped children's (fork-started workers)."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


_TICK = os.sysconf("SC_CLK_TCK")


def grandchildren_cpu(seen: dict[int, float]) -> None:
    """Record the CPU seconds of the processes below our children (the cleaning workers,
    which the fork server starts and reaps, so they never reach RUSAGE_CHILDREN)."""
    parents: dict[int, int] = {}
    times: dict[int, float] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry)] = int(fields[1])
        times[int(entry)] = (int(fields[11]) + int(fields[12])) / _TICK
    me = os.getpid()
    for pid, parent in parents.items():
        if parents.get(parent) == me:
            seen[pid] = max(seen.get(pid, 0.0), times[pid])


def run_client(sitemaps: list[str], args: argparse.Namespace) -> dict[str, object]:
    from storyline.fetch import FetchSession, Target
    from storyline.ingest import IngestProgress
    from storyline.live import fetch
    from storyline.settings import Settings

    settings = Settings(
        fetch_delay=0.0,
        host_concurrency=args.host_concurrency,
        fetch_concurrency=args.concurrency,
        jobs=args.jobs,
    )
    memory: list[tuple[int, float]] = [(0, rss_mib())]
    workers: dict[int, float] = {}
    cpu0, began = cpu_seconds(), time.perf_counter()
    if args.fetch_only:
        count = 0
        with FetchSession(settings) as session:
            for outcome in session.run([Target(u, "sitemap") for u in sitemaps], lambda u: None):
                count += outcome.kind == "page" and outcome.error is None
                if count and count % 1000 == 0 and outcome.kind == "page":
                    memory.append((count, rss_mib()))
        pages, failed = count, 0
    else:
        marks = {"next": 1000}

        def progress(counts: IngestProgress) -> None:
            if counts.phase == "articles" and args.jobs > 1:
                grandchildren_cpu(workers)  # every batch: a worker's last is up to 64 pages
            if counts.phase == "articles" and counts.read >= marks["next"]:
                memory.append((counts.read, rss_mib()))
                marks["next"] += 1000

        with tempfile.TemporaryDirectory() as tmp:
            result = fetch(
                sitemaps,
                str(Path(tmp) / "store.db"),
                settings=settings,
                briefs=False,
                progress=progress,
            )
        pages = result.fetch.fetched["page"]
        failed = sum(result.fetch.failed.values())
    seconds = time.perf_counter() - began
    cpu = cpu_seconds() - cpu0 + sum(workers.values())
    return {
        "pages": pages,
        "failed": failed,
        "seconds": round(seconds, 1),
        "pages_per_second": round(pages / seconds, 1),
        "cpu_ms_per_page": round(1000 * cpu / max(pages, 1), 1),
        "rss_mib": [(n, round(m, 1)) for n, m in memory],
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, default=1, help="cleaning worker processes")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--host-concurrency", type=int, default=2)
    parser.add_argument("--fetch-only", action="store_true")
    parser.add_argument("--serve", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        addresses, ports, pages = args.serve
        serve(addresses.split(","), [int(p) for p in ports.split(",")], int(pages))
        return
    addresses, ports = _addresses()
    server = subprocess.Popen(
        [
            sys.executable,
            __file__,
            "--serve",
            ",".join(addresses),
            ",".join(map(str, ports)),
            str(args.pages),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        if server.stdout.readline().strip() != "ready":
            sys.exit("the loopback server did not start")
        sitemaps = [f"http://{a}:{p}/sitemap.xml" for a, p in zip(addresses, ports, strict=True)]
        report = run_client(sitemaps, args)
    finally:
        server.terminate()
        server.wait(10)
    report.update(
        hosts=len(set(zip(addresses, ports, strict=True))),
        jobs=args.jobs,
        fetch_only=args.fetch_only,
    )
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
