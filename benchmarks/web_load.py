"""A bounded loopback load test of ``storyline serve``: N concurrent clients for S seconds.

Builds a store (``storyline ingest`` of the seeds and the MultiLing English articles,
unless ``--db`` names an existing one), starts ``storyline serve`` on a free loopback
port in a subprocess, and runs ``--clients`` concurrent httpx clients for ``--seconds``,
each cycling through the pages and the JSON API (story list in both orders, story
pages, article pages, search, and a few unknown ids and bad parameters, which must
answer 404/400, never 5xx). Prints JSON: requests, requests/s, status counts, latency
p50/p90/p99 in milliseconds. Exits 1 on any 5xx or transport error.

    .venv/bin/python benchmarks/web_load.py                  # 50 clients, 30 s
    .venv/bin/python benchmarks/web_load.py --clients 10 --seconds 5
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import httpx

SHARED = Path(os.environ.get("STORYLINE_SHARED", Path(__file__).resolve().parents[2] / "shared"))


def _storyline() -> list[str]:
    exe = shutil.which("storyline", path=str(Path(sys.executable).parent))
    return [exe] if exe else [sys.executable, "-m", "storyline.cli"]


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


async def _targets(client: httpx.AsyncClient) -> list[tuple[str, set[int]]]:
    stories = (await client.get("/api/stories")).json()["stories"]
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
    for story in stories[:10]:
        paths.append((f"/stories/{story['id']}", {200}))
        paths.append((f"/api/stories/{story['id']}", {200}))
        brief = (await client.get(f"/api/stories/{story['id']}")).json()
        for article in brief["articles"][:2]:
            paths.append((f"/articles/{article['id']}", {200}))
    return paths


async def _load(base: str, clients: int, seconds: float) -> dict[str, object]:
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:
        targets = await _targets(client)
        latencies: list[float] = []
        statuses: Counter[str] = Counter()
        unexpected: Counter[str] = Counter()
        deadline = time.perf_counter() + seconds

        async def worker(seed: int) -> None:
            rng = random.Random(seed)
            while time.perf_counter() < deadline:
                path, expected = rng.choice(targets)
                start = time.perf_counter()
                try:
                    response = await client.get(path)
                except httpx.HTTPError as error:
                    statuses[f"error {type(error).__name__}"] += 1
                    continue
                latencies.append(time.perf_counter() - start)
                statuses[str(response.status_code)] += 1
                if response.status_code not in expected:
                    unexpected[f"{path} -> {response.status_code}"] += 1

        began = time.perf_counter()
        await asyncio.gather(*(worker(i) for i in range(clients)))
        elapsed = time.perf_counter() - began
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0.0] * 99
    return {
        "clients": clients,
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--db", type=Path, help="an existing store (default: build one)")
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
            for _ in range(200):
                try:
                    httpx.get(base + "/api/stories", timeout=1)
                    break
                except httpx.HTTPError:
                    time.sleep(0.1)
            report = asyncio.run(_load(base, args.clients, args.seconds))
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(json.dumps(report, indent=1))
    return 1 if report["server_errors"] or report["unexpected"] else 0


if __name__ == "__main__":
    sys.exit(main())
