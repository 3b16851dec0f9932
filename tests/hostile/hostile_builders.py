"""Inputs made at test time: plain English prose about made-up events, and the hostile
containers built around it. Nothing here is a real article."""

from __future__ import annotations

import gzip
import io
import os
import random
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter


@dataclass(frozen=True)
class Ran:
    """What a CLI run did: its exit code and what it printed."""

    code: int
    out: str
    err: str


Cli = Callable[..., Ran]


ODD_IDS = (
    "a/b",
    "a/../b",
    "/leading",
    "trailing/",
    "a//b",
    "100%",
    "%2F",
    "a?b#c",
    "a b",
    "ünï-çødé",
    "<b>x</b>",
    "a\\b",
    "'quoted\"",
    "x" * 900,
)
"""Article ids a JSON line may give: each must reach its page."""


@dataclass(frozen=True)
class Topic:
    place: str
    actor: str
    thing: str
    verb: str


TOPICS = (
    Topic("Kelvaro", "the dockworkers' union", "harbour strike", "ended"),
    Topic("Dunmore", "the city library board", "library renovation", "finished"),
    Topic("Ostrava Vale", "the regional water authority", "reservoir repair", "completed"),
    Topic("Pellham", "the ferry operator", "ferry timetable change", "announced"),
)

_OPENERS = (
    "Officials in {place} said on {day} that {actor} had {verb} the {thing} after {n} days.",
    "The {thing} in {place} was {verb} on {day}, {actor} told reporters.",
    "{Actor} said the {thing} would cost about {n} million crowns in total.",
    "Residents of {place} welcomed the news that the {thing} was {verb} at last.",
    "A spokeswoman for {actor} said {n} people had worked on the {thing} in {place}.",
    "Critics in {place} said {actor} should have {verb} the {thing} sooner.",
    "The council of {place} will discuss the {thing} again at its meeting on {day}.",
    "According to {actor}, the {thing} affected {n} households across {place}.",
)
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")


def sentence(rng: random.Random, topic: Topic) -> str:
    template = rng.choice(_OPENERS)
    return template.format(
        place=topic.place,
        actor=topic.actor,
        Actor=topic.actor[0].upper() + topic.actor[1:],
        thing=topic.thing,
        verb=topic.verb,
        day=rng.choice(_DAYS),
        n=rng.randint(3, 90),
    )


def article(rng: random.Random, topic: Topic, paragraphs: int = 4) -> str:
    """A headline and ``paragraphs`` paragraphs of two or three sentences."""
    title = f"{topic.place}: {topic.thing} {topic.verb}".capitalize()
    body = [
        " ".join(sentence(rng, topic) for _ in range(rng.randint(2, 3))) for _ in range(paragraphs)
    ]
    return "\n\n".join([title, *body]) + "\n"


def chinese_article() -> str:
    """A headline and five paragraphs of Chinese (no spaces between words)."""
    return (
        "港口工人罢工结束\n\n"
        "凯尔瓦罗港的码头工人在工会接受加薪方案后，于周五结束了为期九天的罢工。\n\n"
        "港务局在一份声明中说，货物装卸将在周末恢复正常，积压的集装箱预计将在两周内清理完毕。\n\n"
        "工会领导人表示，新的合同将工资提高百分之四，并承诺在明年重新审议夜班补贴。\n\n"
        "一些船运公司说，罢工期间有二十多艘货船改道前往邻近港口，造成了数百万元的损失。\n\n"
        "市政府官员表示欢迎这一协议，并呼吁双方在今后的谈判中保持克制。\n"
    )


def russian_article() -> str:
    return (
        "Забастовка в порту закончилась\n\n"
        "Портовые рабочие Кельваро в пятницу прекратили девятидневную забастовку после того, "
        "как профсоюз согласился на повышение зарплаты.\n\n"
        "Администрация порта заявила, что погрузка грузов вернётся к обычному режиму в "
        "выходные, а скопившиеся контейнеры будут вывезены в течение двух недель.\n\n"
        "Руководитель профсоюза сказал, что новый договор повышает зарплату на четыре "
        "процента и обещает пересмотреть ночные надбавки в следующем году.\n"
    )


def arabic_article() -> str:
    return (
        "انتهاء إضراب عمال الميناء\n\n"
        "أنهى عمال ميناء كلفارو يوم الجمعة إضرابا استمر تسعة أيام بعد أن قبلت النقابة زيادة "
        "في الأجور.\n\n"
        "وقالت سلطة الميناء في بيان إن عمليات التحميل ستعود إلى طبيعتها في عطلة نهاية "
        "الأسبوع، وإن الحاويات المتراكمة ستنقل خلال أسبوعين.\n\n"
        "وقال رئيس النقابة إن العقد الجديد يرفع الأجور بنسبة أربعة في المئة ويعد بمراجعة "
        "بدلات العمل الليلي في العام المقبل.\n"
    )


def html_page(text: str, *, depth: int = 1, title: str = "A made-up page") -> str:
    """``text``'s paragraphs as ``<p>`` elements inside ``depth`` nested ``div``s."""
    paragraphs = "".join(f"<p>{p}</p>" for p in text.split("\n\n") if p.strip())
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title></head><body>"
        + "<div>" * depth
        + paragraphs
        + "</div>" * depth
        + "</body></html>"
    )


def rss(items: list[tuple[str, str]], *, channel: str = "Made-up News") -> str:
    """An RSS 2.0 feed of (title, description) items, given as XML-ready strings."""
    entries = "".join(
        f"<item><title>{title}</title><guid>item-{n}</guid>"
        f"<description>{description}</description></item>"
        for n, (title, description) in enumerate(items, 1)
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>{channel}</title>'
        f"{entries}</channel></rss>"
    )


def atom(items: list[tuple[str, str]], *, content_type: str = "html") -> str:
    entries = "".join(
        f"<entry><title>{title}</title><id>urn:entry:{n}</id>"
        f"<updated>2024-06-10T12:00:00Z</updated>"
        f'<content type="{content_type}">{content}</content></entry>'
        for n, (title, content) in enumerate(items, 1)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>Made-up Atom</title><id>urn:feed</id><updated>2024-06-10T12:00:00Z</updated>"
        f"{entries}</feed>"
    )


def warc(pages: list[tuple[str, bytes]], *, compress: bool = False) -> bytes:
    """A WARC file of HTTP responses (url, body) with an HTML content type."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=compress)
    for url, body in pages:
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        record = writer.create_warc_record(
            url, "response", payload=io.BytesIO(body), length=len(body), http_headers=headers
        )
        writer.write_record(record)
    return out.getvalue()


def gzip_bomb(inner_name_bytes: int) -> bytes:
    """``inner_name_bytes`` zero-ish bytes (spaces and a letter) gzipped: ~1000:1."""
    chunk = b"a" + b" " * (1 << 20)
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", compresslevel=9) as handle:
        for _ in range(inner_name_bytes >> 20):
            handle.write(chunk)
    return out.getvalue()


def write_articles(root: Path, rng: random.Random, per_topic: int = 3) -> list[str]:
    """``per_topic`` articles of each topic as ``t<topic>-<n>.txt`` under ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    names = []
    for number, topic in enumerate(TOPICS):
        for copy in range(per_topic):
            name = f"t{number}-{copy}.txt"
            (root / name).write_text(article(rng, topic), encoding="utf-8")
            names.append(name)
    return names


def storyline_command() -> list[str]:
    exe = shutil.which("storyline", path=str(Path(sys.executable).parent))
    return [exe] if exe else [sys.executable, "-m", "storyline.cli"]


_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH, _CAP_FOWNER = 1, 2, 3
_PR_CAPBSET_DROP = 24


def bound_by_file_modes() -> None:  # pragma: no cover - runs in the child
    """Make this (root) process obey file modes: drop the capabilities that override them
    from the bounding set, so the program it executes starts without them."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH, _CAP_FOWNER):
        if libc.prctl(_PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def unprivileged() -> Callable[[], None] | None:
    """The ``preexec_fn`` that makes a child obey file modes (None when this process is
    not root, and already does); skips the test where a root child cannot be made to."""
    import pytest

    if os.geteuid() != 0:
        return None
    try:
        subprocess.run([sys.executable, "-c", ""], preexec_fn=bound_by_file_modes, check=True)
    except (OSError, subprocess.SubprocessError) as err:
        pytest.skip(f"root here cannot give up overriding file modes ({err})")
    return bound_by_file_modes


def run_unprivileged(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """``storyline ARGS`` in a process that file modes bind (root ignores them: as root the
    child drops the capabilities that override them)."""
    return subprocess.run(
        [*storyline_command(), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        preexec_fn=unprivileged(),
        env={**os.environ, "ORT_DISABLE_TELEMETRY": "1"},
    )
