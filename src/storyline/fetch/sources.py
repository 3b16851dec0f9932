"""The sources file (TOML) of ``storyline watch`` and ``storyline fetch``: read strictly.

    [[source]]
    name = "The Example Times"      # optional: the outlet of its articles
    feeds = ["https://example.com/rss.xml"]
    sitemaps = ["https://example.com/news-sitemap.xml"]
    pages = ["https://example.com/2024/06/10/one-story.html"]
    sites = ["https://example.com/"]   # a home page: its announced feeds are read
    language = "en"                 # optional ISO 639-1 code of its articles
    delay = 2.0                     # optional: seconds between requests to its hosts

Every source needs at least one of feeds, sitemaps, pages or sites.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import UsageError
from .outcome import Kind, SourceInfo, Target
from .urls import normalize_url

_LISTS: dict[str, Kind] = {"feeds": "feed", "sitemaps": "sitemap", "pages": "page", "sites": "site"}
_KEYS = frozenset({"name", "language", "delay", *_LISTS})


@dataclass(frozen=True)
class Source:
    info: SourceInfo
    targets: tuple[Target, ...]


def read_sources(path: str | Path) -> list[Source]:
    """The sources in a TOML file; UsageError naming the file, source and key otherwise."""
    where = str(path)
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as err:
        raise UsageError(f"{where}: no such sources file") from err
    except (OSError, UnicodeDecodeError) as err:
        raise UsageError(f"{where}: cannot read the sources file ({err})") from err
    except tomllib.TOMLDecodeError as err:
        raise UsageError(f"{where}: not valid TOML ({err})") from err
    extra = sorted(set(data) - {"source"})
    if extra:
        raise UsageError(
            f"{where}: unknown top-level key {extra[0]!r}; list sources as [[source]] tables"
        )
    blocks = data.get("source")
    if not isinstance(blocks, list) or not blocks:
        raise UsageError(f"{where}: no [[source]] tables; see `storyline watch --help`")
    return [_source(block, f"{where}: source {n}") for n, block in enumerate(blocks, 1)]


def _source(block: Any, where: str) -> Source:
    if not isinstance(block, dict):
        raise UsageError(f"{where}: not a table")
    name = block.get("name")
    if name is not None and (not isinstance(name, str) or not name.strip()):
        raise UsageError(f"{where}: name must be a non-empty string")
    if isinstance(name, str):
        where = f"{where} ({name})"
    unknown = sorted(set(block) - _KEYS)
    if unknown:
        raise UsageError(f"{where}: unknown key {unknown[0]!r} (known: {', '.join(sorted(_KEYS))})")
    info = SourceInfo(
        name=name.strip() if isinstance(name, str) else None,
        language=_language(block.get("language"), where),
        delay=_delay(block.get("delay"), where),
    )
    targets = [
        Target(url, kind, source=info)
        for key, kind in _LISTS.items()
        for url in _urls(block.get(key, []), f"{where}: {key}")
    ]
    if not targets:
        raise UsageError(f"{where}: give at least one of feeds, sitemaps, pages or sites")
    return Source(info, tuple(targets))


def _urls(value: Any, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise UsageError(f"{where} must be a list of URL strings")
    urls = []
    for raw in value:
        url = normalize_url(raw)
        if url is None:
            raise UsageError(f"{where}: {raw!r} is not an http or https URL")
        urls.append(url)
    return urls


def _language(value: Any, where: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not re.fullmatch(r"[a-z]{2}", value):
        raise UsageError(f"{where}: language must be an ISO 639-1 code such as 'en', not {value!r}")
    return value


def _delay(value: Any, where: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise UsageError(f"{where}: delay must be a number of seconds (0 or more), not {value!r}")
    return float(value)
