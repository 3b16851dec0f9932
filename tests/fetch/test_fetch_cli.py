"""`storyline fetch` and `storyline watch` as a user runs them: one line per failure, a
summary that counts them, no traceback, exit codes."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from fetch_site import NewsSite

from storyline.cli import main

FAST = [
    "--fetch-delay",
    "0",
    "--max-retries",
    "1",
    "--retry-backoff",
    "0.05",
    "--read-timeout",
    "1",
    "--total-timeout",
    "3",
    "--max-retry-after",
    "3",
    "--max-document-bytes",
    "2000000",
    "--briefs",
    "lazy",
]


def _cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    import shutil
    import sys

    exe = shutil.which("storyline", path=str(Path(sys.executable).parent))
    command = [exe] if exe else [sys.executable, "-m", "storyline.cli"]
    return subprocess.run(
        [*command, *args], capture_output=True, text=True, timeout=timeout, check=False
    )


def test_fetch_prints_one_line_per_failure_and_a_summary(
    news_site: NewsSite, tmp_path: Path
) -> None:
    db = tmp_path / "news.db"
    feeds = [news_site.url("/rss.xml"), news_site.url("/atom.xml")]
    done = _cli("fetch", *feeds, "--db", str(db), *FAST)
    assert done.returncode == 3, done.stderr
    lines = done.stderr.splitlines()
    failed = [line for line in lines if line.startswith("storyline: failed ")]
    assert len(failed) == len(news_site.faulty)
    for url, reason in news_site.faulty.items():
        assert (
            sum(
                line.startswith(f"storyline: failed {url}: ") and line.endswith(f"[{reason}]")
                for line in failed
            )
            == 1
        ), url
    assert "Traceback" not in done.stderr
    summary = next(line for line in lines if line.startswith("storyline: fetched "))
    assert "failed 9 (" in summary and "2 too-large" in summary
    assert lines[-1].startswith("storyline: 7 articles; new 7, already stored 0")


def test_fetch_usage_errors_are_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "sources.toml"
    bad.write_text('[[source]]\nfeed = ["https://a.example/"]\n', encoding="utf-8")
    assert main(["fetch", str(bad), "--db", str(tmp_path / "x.db")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("storyline: error: ") and "unknown key 'feed'" in err
    assert "\n" not in err
    assert main(["fetch", "ftp://example.org/feed", "--db", str(tmp_path / "x.db")]) == 2
    assert main(["watch", "--db", "x.db", "--sources", str(bad), "--every", "soon"]) == 2
    assert "not a duration" in capsys.readouterr().err


def test_watch_runs_rounds_and_reports_each(news_site: NewsSite, tmp_path: Path) -> None:
    sources = tmp_path / "sources.toml"
    sources.write_text(
        f'[[source]]\nname = "Loopback News"\nfeeds = ["{news_site.url("/atom.xml")}"]\n'
        f'sitemaps = ["{news_site.url("/sitemap-index.xml")}"]\n',
        encoding="utf-8",
    )
    db = tmp_path / "w.db"
    done = _cli(
        "watch", "--db", str(db), "--sources", str(sources), "--every", "1s", "--rounds", "2", *FAST
    )
    assert done.returncode == 0, done.stderr
    rounds = [line for line in done.stderr.splitlines() if ": fetched " in line]
    assert rounds[0].startswith("storyline: round 1: fetched 1 feed, 13 pages, 2 sitemaps")
    assert (
        rounds[1].startswith("storyline: round 2: fetched nothing")
        and "not modified 3" in rounds[1]  # feed, index, sitemap
    )
