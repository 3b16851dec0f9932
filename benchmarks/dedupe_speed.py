"""Speed of find_duplicates + find_syndication on synthetic corpora (not collected by pytest).

Articles are ~20 sentences drawn at random from the MultiLing 2011 English source texts,
plus injected exact copies (case/whitespace changed), near copies (one sentence replaced)
and syndicated pairs (two articles sharing four unique "wire" sentences).

    .venv/bin/python benchmarks/dedupe_speed.py 10000
"""

from __future__ import annotations

import random
import re
import resource
import sys
import time
from pathlib import Path

from storyline.dedupe import find_duplicates, find_syndication
from storyline.dedupe.normalize import normalize_text
from storyline.types import Article, Provenance

SOURCES = Path(__file__).resolve().parents[1].parent / "shared/eval/multiling2011/data/SourceTexts"


def pool() -> list[str]:
    found: list[str] = []
    for path in sorted(SOURCES.glob("*.english")):
        text = path.read_text(encoding="utf-8", errors="replace")
        found += [s.strip() for s in re.split(r"(?<=[.!?])\s+|\n+", text) if len(s.split()) >= 6]
    return found


def make(ident: str, text: str) -> Article:
    return Article(id=ident, source_path=ident, text=text, provenance=Provenance(ident))


Truth = dict[str, set[tuple[str, str]]]


def corpus(size: int, rng: random.Random) -> tuple[list[Article], Truth]:
    sentences = pool()
    bodies = [rng.sample(sentences, 20) for _ in range(size)]
    truth: Truth = {"exact": set(), "near": set(), "syndication": set()}
    for _ in range(size // 200):  # syndicated pairs: 4 shared unique wire sentences
        wire = []
        for _ in range(4):
            words = rng.choice(sentences).split()
            rng.shuffle(words)
            wire.append(" ".join(words))
        i, j = sorted(rng.sample(range(size), 2))
        bodies[i][3:7], bodies[j][10:14] = wire, wire
        truth["syndication"].add((f"a{i:06}", f"a{j:06}"))
    articles = [make(f"a{i:06}", " ".join(body)) for i, body in enumerate(bodies)]
    for n in range(size // 100):
        i = rng.randrange(size)
        articles.append(make(f"x{n:06}", "  " + articles[i].text.upper().replace(". ", ".\n")))
        truth["exact"].add((f"x{n:06}", f"a{i:06}"))
        near = bodies[i].copy()
        near[rng.randrange(20)] = rng.choice(sentences)
        articles.append(make(f"n{n:06}", " ".join(near)))
        truth["near"].add((f"n{n:06}", f"a{i:06}"))
    return articles, truth


def main(size: int) -> None:
    articles, truth = corpus(size, random.Random(size))
    start = time.perf_counter()
    duplicates = find_duplicates(articles)
    middle = time.perf_counter()
    syndication = find_syndication(articles, duplicates=duplicates)
    end = time.perf_counter()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    canonical = {k.article: k.duplicate_of for k in duplicates}

    def grouped(pair: tuple[str, str]) -> bool:
        return canonical.get(pair[0], pair[0]) == canonical.get(pair[1], pair[1])

    injected = {x for pair in truth["exact"] | truth["near"] for x in pair}
    found_syn = {(k.a, k.b) for k in syndication}
    total = len(articles)
    print(f"articles={total} duplicates={len(duplicates)} syndication={len(syndication)}")
    print(f"find_duplicates  {middle - start:7.1f}s {total / (middle - start):8.0f} articles/s")
    print(f"find_syndication {end - middle:7.1f}s {total / (end - middle):8.0f} articles/s")
    print(f"both             {end - start:7.1f}s {total / (end - start):8.0f} articles/s")
    print(f"peak RSS {rss:.0f} MiB")
    for kind in ("exact", "near"):
        hits = sum(grouped(pair) for pair in truth[kind])
        print(f"recall {kind:5} {hits}/{len(truth[kind])}")
    print(f"recall synd  {len(truth['syndication'] & found_syn)}/{len(truth['syndication'])}")
    missed = [p for p in truth["near"] if not grouped(p)]
    texts = {a.id: a.text for a in articles}
    for pair in missed[:5]:
        print("missed near, true 5-gram Jaccard", round(jaccard(texts[pair[0]], texts[pair[1]]), 3))
    print(
        f"linked outside the injected: dup {len(set(canonical) - injected)}, "
        f"synd {len(found_syn - truth['syndication'])}"
    )


def jaccard(a: str, b: str) -> float:
    def grams(text: str) -> set[tuple[str, ...]]:
        words = normalize_text(text).split()
        return {tuple(words[i : i + 5]) for i in range(len(words) - 4)}

    first, second = grams(a), grams(b)
    return len(first & second) / len(first | second)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
