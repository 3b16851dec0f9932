"""Partitions of the input (no Dask needed): whatever the cut, the client's settled ids,
rejections, line numbers and duplicates are the local engine's."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.dedupe import DuplicateIndex
from storyline.pipeline import RunSummary, clean_inputs
from storyline.scale.partitions import plan_partitions, range_start
from storyline.scale.settle import Settled, settle
from storyline.scale.work import digest_partition, process_partition
from storyline.settings import Settings

SETTINGS = Settings(language_detection=False, max_document_bytes=4000)

TEXT = (
    "Harbour workers in Kelvaro ended a strike on day {n} after the union accepted a pay "
    "rise offered by Tessan Shipping in talks led by mediator Orla Brennick."
)


def _record(n: int, **extra: str) -> str:
    return json.dumps({"id": f"r{n % 37}", "text": TEXT.format(n=n % 50), **extra})


@pytest.fixture
def inputs(tmp_path: Path) -> list[str]:
    """JSON Lines with a byte-order mark, blank and bad lines, a line over the size limit,
    CRLF ends and no final newline; repeated ids and copies; a blank file; a folder."""
    lines = [_record(n) for n in range(120)]
    lines[5] = "{not json"
    lines[9] = ""
    lines[17] = json.dumps({"text": "x" * 5000})
    lines[30] = "[1, 2]"
    lines[44] = "   "
    big = tmp_path / "big.jsonl"
    big.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(lines).encode())
    blank = tmp_path / "blank.jsonl"
    blank.write_text("\n" * 9000)
    folder = tmp_path / "folder"
    folder.mkdir()
    for n in range(6):
        (folder / f"{n}.txt").write_text(TEXT.format(n=n % 3) + "\n", encoding="utf-8")
    (folder / "more.jsonl").write_text("\n".join(_record(n) for n in range(200, 260)))
    return [str(big), str(blank), str(folder), str(big), str(tmp_path / "missing.txt")]


def _settled(paths: list[str], partition_bytes: int) -> tuple[Settled, int]:
    layout = plan_partitions(paths, partition_bytes=partition_bytes)
    digests = [
        digest_partition(process_partition([(number, partition)], SETTINGS))[0]
        for number, partition in enumerate(layout)
    ]
    return settle(digests, [range_start(p) for p in layout]), len(layout)


@pytest.mark.parametrize("partition_bytes", [1 << 30, 9000, 2500, 600])
def test_any_partitioning_settles_as_the_local_engine(
    inputs: list[str], partition_bytes: int
) -> None:
    summary = RunSummary()
    articles = list(clean_inputs(inputs, SETTINGS, summary))
    duplicates = DuplicateIndex()
    clustered = [a.id for a in articles if duplicates.add(a) is None]
    notices = duplicates.notices()  # as api does: a story each, nobody's copy
    summary.notices = len(notices)

    settled, partitions = _settled(inputs, partition_bytes)

    assert partitions > 1 or partition_bytes > 100_000
    assert settled.summary == summary
    meta = {a.id: (a.source_path, a.title, a.published) for a in articles}  # as api does
    assert {m.id: (m.source_path, m.title, m.published) for m in settled.meta.values()} == meta
    assert list(settled.meta) == list(meta)
    assert [a.article_id for a in settled.clustered] == clustered
    assert settled.links == [x for x in duplicates.links() if x.article not in notices]
    assert settled.notices == notices
    assert any("-" in article_id for article_id in settled.meta)  # repeated ids renamed
    reasons = summary.skipped
    assert reasons["bad-json"] == 2 and reasons["too-large"] == 2 and reasons["empty"] == 1
