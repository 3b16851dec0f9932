"""What the pages show, as plain data: built from the store's rows, rendered by templates.

Nothing here marks text safe: article text reaches the templates as plain strings and
is escaped there. Search snippets are split into (text, is_match) pieces, so a match is
drawn as ``<mark>`` by the template and no article text can ever forge one.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable, Mapping, Sequence
from typing import Any
from urllib.parse import quote, urlencode

from ..render.brief import link_target, site_name
from ..render.labels import display_title, short_headline, shown_paths, when_label

Piece = tuple[str, bool]  # (text, is a search match)


def search_marks() -> tuple[str, str]:
    """Match markers for one search: private-use characters around a random token, so no
    stored text can contain them."""
    token = secrets.token_hex(8)
    return f"\ue000{token}\ue001", f"\ue002{token}\ue003"


def snippet_pieces(snippet: str, mark: tuple[str, str]) -> list[Piece]:
    """A snippet cut at the markers of :func:`search_marks` into (text, is_match) pieces."""
    start, end = (re.escape(m) for m in mark)
    pieces: list[Piece] = []
    at = 0
    for found in re.finditer(f"{start}(.*?){end}", snippet, flags=re.DOTALL):
        if found.start() > at:
            pieces.append((snippet[at : found.start()], False))
        pieces.append((found.group(1), True))
        at = found.end()
    if at < len(snippet):
        pieces.append((snippet[at:], False))
    # A marker left unpaired (a snippet cut inside a match) is dropped, not shown.
    stray = re.compile(f"{start}|{end}")
    cleaned = [(stray.sub("", text), is_match) for text, is_match in pieces]
    return [piece for piece in cleaned if piece[0]]


def id_path(ident: str) -> str:
    """An id as one path segment: every reserved character escaped, ``/`` included, so an
    id such as ``a/../b`` reaches its own page (routes take the rest of the path)."""
    return quote(ident, safe="")


def search_hit(hit: Mapping[str, Any], mark: tuple[str, str]) -> dict[str, Any]:
    """A search result: kind, id, title, the page it links to, its date, outlet, story
    and snippet pieces."""
    pieces = snippet_pieces(hit["snippet"] or "", mark)
    story = hit.get("story_id")
    return {
        "kind": hit["kind"],
        "id": hit["id"],
        "title": hit["title"],
        "shown_title": display_title(hit["title"], "".join(text for text, _ in pieces))
        if hit["kind"] == "article"
        else short_headline(hit["title"]) or f"Story {hit['id']}",
        "href": ("/articles/" if hit["kind"] == "article" else "/stories/") + id_path(hit["id"]),
        "published": hit.get("published"),
        "day": day(hit.get("published")),
        "when": when_label(hit.get("published")),
        "outlet": hit.get("outlet"),
        "site": site_name(hit.get("url")),
        "original": link_target(hit),
        "story_id": story,
        "story_headline": short_headline(hit.get("story_headline")) if story else None,
        "story_href": "/stories/" + id_path(story) if story else None,
        "pieces": pieces,
        "rank": hit["rank"],
    }


def search_json(hit: Mapping[str, Any]) -> dict[str, Any]:
    """A search result for the API: the snippet as plain text, matches as offsets into it."""
    snippet, matches, at = [], [], 0
    for text, is_match in hit["pieces"]:
        if is_match:
            matches.append([at, at + len(text)])
        snippet.append(text)
        at += len(text)
    return {
        "kind": hit["kind"],
        "id": hit["id"],
        "title": hit["title"],
        "url": hit["href"],
        "published": hit["published"],
        "outlet": hit["outlet"],
        "original_url": hit["original"],
        "story_id": hit["story_id"],
        "story_headline": hit["story_headline"],
        "snippet": "".join(snippet),
        "matches": matches,
        "rank": hit["rank"],
    }


MAX_OUTLETS = 4
"""Outlets named on a story's card (the others counted)."""
LEAD_CHARS = 320


def story_card(row: Mapping[str, Any], card: Mapping[str, Any]) -> dict[str, Any]:
    """A story as lists show it: a short headline to link, its lead sentence (when it is
    not the headline itself), the outlets with most articles, and its dates."""
    outlets = [name for name, _count in card["outlets"]]
    lead = short_headline(card["lead"], LEAD_CHARS)
    title = short_headline(row["headline"]) or short_headline(lead, 80) or "Untitled story"
    if lead == title:  # the headline is the lead sentence, and is shown whole
        lead = None
    return {
        **row,
        "title": title,
        "lead": lead,
        "day": day(row["last_published"]),
        "when": when_label(day(row["last_published"])),
        "outlets": outlets[:MAX_OUTLETS],
        "more_outlets": max(0, len(outlets) - MAX_OUTLETS),
        "outlet_names": outlets,
        "lead_sentence": card["lead"],
    }


def topic_row(topic_id: str, members: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """The group row of a topic (as ``Store.topic_groups`` gives) from its stories."""
    return {
        "group": topic_id,
        "topic": topic_id,
        "stories": len(members),
        "articles": sum(m["article_count"] for m in members),
    }


def topic_group(group: Mapping[str, Any], stories: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """A topic on the home page: its stories shown and how many more it has; its title is
    the headline of its largest story."""
    largest = max(stories, key=lambda s: s["article_count"], default=None)
    return {
        "id": group["group"],
        "topic": group["topic"],
        "title": largest["title"] if largest else None,
        "story_count": group["stories"],
        "article_count": group["articles"],
        "stories": list(stories),
        "more": max(0, group["stories"] - len(stories)),
        "href": "/topics/" + id_path(group["topic"]) if group["topic"] else None,
    }


def filter_params(filters: Any) -> dict[str, str]:
    """The query parameters that keep a search's filters (``SearchFilters``) on its links."""
    named = {"outlet": filters.outlet, "from": filters.since, "to": filters.until}
    return {name: value for name, value in named.items() if value}


def page_links(path: str, page: int, has_next: bool, **params: str) -> dict[str, str | None]:
    """Links to the previous and next pages (None at either end), keeping ``params``."""

    def link(number: int) -> str:
        query = {**params, "page": str(number)} if number > 1 else params
        return path + ("?" + urlencode(query) if query else "")

    return {
        "previous": link(page - 1) if page > 1 else None,
        "next": link(page + 1) if has_next else None,
    }


def day(value: str | None) -> str | None:
    """The date part of an ISO 8601 date or time."""
    return value[:10] if value else None


def article_view(
    article: Mapping[str, Any], attributions: Sequence[Mapping[str, Any]] = ()
) -> dict[str, Any]:
    """An article with its cleaned text cut into sentence and between-sentence pieces;
    each sentence is cut again into parts, those inside an attribution marked with their
    role (source, cue or content) and the attribution's number (outer attributions only:
    the ``attributions`` contract, as the article's brief carries them)."""
    text: str = article["text"]
    shown = [a for a in attributions if not a.get("nested")]
    roles = _roles(shown)
    pieces: list[dict[str, Any]] = []
    at = 0
    for sentence in article["sentences"]:
        start, end = sentence["start"], sentence["end"]
        if start > at:
            pieces.append({"text": text[at:start], "sentence": None, "parts": []})
        parts = _parts(text, max(start, at), end, roles)
        pieces.append({"text": text[start:end], "sentence": sentence, "parts": parts})
        at = max(at, end)
    if at < len(text):
        pieces.append({"text": text[at:], "sentence": None, "parts": []})
    return {
        **article,
        "day": day(article["published"]),
        "href": link_target(article),
        "site": site_name(article.get("url")),
        "shown_title": display_title(article["title"], text),
        "shown_path": shown_paths([article["source_path"]]).get(
            article["source_path"], article["source_path"]
        ),
        "pieces": pieces,
        "attributions": [_attribution_row(n, a, text) for n, a in enumerate(shown, 1)],
    }


Role = tuple[int, int, str, int]  # (start, end, role, attribution number)


def _roles(attributions: Sequence[Mapping[str, Any]]) -> list[Role]:
    """Marked spans, the first attribution's role winning where two overlap."""
    out: list[Role] = []
    for n, att in enumerate(attributions, 1):
        spans = [(att["source"]["start"], att["source"]["end"], "source")]
        spans.append((att["cue"]["start"], att["cue"]["end"], "cue"))
        content = att["content"]
        for s, e in content.get("spans") or [(content["start"], content["end"])]:
            spans.append((s, e, "content"))
        for s, e, role in spans:
            if s < e and not any(s < b and a < e for a, b, _, _ in out):
                out.append((s, e, role, n))
    return sorted(out)


def _parts(text: str, start: int, end: int, roles: Sequence[Role]) -> list[dict[str, Any]]:
    """``text[start:end]`` cut at the marked spans."""
    parts: list[dict[str, Any]] = []
    at = start
    for s, e, role, n in roles:
        s, e = max(s, start), min(e, end)
        if s >= e:
            continue
        if s > at:
            parts.append({"text": text[at:s], "role": None, "attribution": None})
        parts.append({"text": text[s:e], "role": role, "attribution": n})
        at = e
    if at < end:
        parts.append({"text": text[at:end], "role": None, "attribution": None})
    return parts


def _attribution_row(number: int, att: Mapping[str, Any], text: str) -> dict[str, Any]:
    content = att["content"]
    said = text[content["start"] : content["end"]]
    return {
        "n": number,
        "source": att["source"]["text"],
        "name": att.get("name") or att["source"]["text"],
        "kind": att["kind"],
        "cue": att["cue"]["text"],
        "through": att.get("through"),
        "content": said if len(said) <= 160 else said[:157] + "...",
    }


def story_articles(
    sources: Iterable[Mapping[str, Any]],
    articles: Iterable[Mapping[str, Any]],
    members: Iterable[str],
) -> list[dict[str, Any]]:
    """The rows of a story page's article table: the brief's numbered sources (with word
    and removal counts from the brief's ``articles``), then any member the brief does not
    list yet, unnumbered."""
    details = {article["id"]: article for article in articles}
    rows = []
    for source in sources:
        article = details.get(source["id"], {})
        rows.append(
            {
                **source,
                "word_count": article.get("word_count"),
                "removed": len(article.get("removed") or ()),
            }
        )
    listed = {row["id"] for row in rows}
    rows.extend(
        {"n": None, "id": ident, "outlet": None, "title": None, "day": None}
        | {"display_title": None, "href": None, "site": None}
        | {"copy_of": None, "word_count": None, "removed": None}
        for ident in members
        if ident not in listed
    )
    return rows
