"""Topics: stories of one subject grouped one level above stories, in batch and
incremental mode, with stable ids and the same barriers as stories (language, time)."""

from __future__ import annotations

import random

import numpy as np
from test_stories import FLOOD, VOTE, make

from storyline.cluster.features import VECTOR_DIM, featurize_articles
from storyline.cluster.stories import StoryIndex, cluster_batch, story_id
from storyline.cluster.topics import StoryVector, TopicIndex, assign_topics, topic_id

# A second flood in the same town months later: another event, the same subject.
SECOND_FLOOD = [
    "Storm Ferrin pushed the Corran over its banks in Lowmere again on {d}.",
    "Council leader Tomas Brede said 40 shops on Lowmere's quay were under water.",
    "The Lowmere flood barrier, rebuilt after the spring flood, held this time.",
    "Army engineers from Caddon Barracks laid 9,000 sandbags overnight.",
    "Brede said Lowmere would ask for a second round of emergency funds.",
]


def articles() -> list:
    rng = random.Random(3)
    found = []
    for lines, name, month in ((FLOOD, "flood", 3), (SECOND_FLOOD, "storm", 10), (VOTE, "vote", 5)):
        for n in range(5):
            chosen = lines[:]
            rng.shuffle(chosen)
            published = f"2025-{month:02d}-{10 + n:02d}T08:00:00Z"
            found.append(make(f"{name}{n}", chosen[:4], published=published))
    return found


def batch(items: list, **kw: object) -> list:
    params: dict = {"threshold": 0.25, "window_days": 365, "max_active": 2000}
    params.update(kw)
    return cluster_batch(featurize_articles(items, embed_tokens=0), use_embeddings=False, **params)


def test_two_events_of_one_subject_are_two_stories_in_one_topic() -> None:
    stories = batch(articles())
    by_founder = {s.id: s for s in stories}
    flood, storm, vote = (by_founder[story_id(f"{n}0")] for n in ("flood", "storm", "vote"))
    assert {len(s.articles) for s in stories} == {5} and len(stories) == 3
    assert flood.topic == storm.topic == topic_id(flood.id)  # founded by the earlier story
    assert vote.topic == topic_id(vote.id) != flood.topic


def test_topics_do_not_depend_on_input_order_and_survive_new_stories() -> None:
    items = articles()
    first = {s.id: s.topic for s in batch(items)}
    shuffled = items[:]
    random.Random(5).shuffle(shuffled)
    assert {s.id: s.topic for s in batch(shuffled)} == first
    later = make("vote9", VOTE, published="2025-05-20T08:00:00Z")
    assert {s.id: s.topic for s in batch([*items, later])} == first


def test_a_topic_threshold_at_the_story_threshold_keeps_one_story_per_topic() -> None:
    stories = batch(articles(), topic_threshold=0.25)
    assert len({s.topic for s in stories}) == len(stories)


def test_language_and_time_keep_topics_apart() -> None:
    items = articles()
    foreign = [
        make(f"fr{n}", SECOND_FLOOD, published="2025-10-12T08:00:00Z", language="fr")
        for n in range(2)
    ]
    far = [make(f"far{n}", SECOND_FLOOD, published="2029-10-12T08:00:00Z") for n in range(2)]
    stories = batch([*items, *foreign, *far], window_days=365)
    topic = {a: s.topic for s in stories for a in s.articles}
    assert topic["fr0"] == topic["fr1"] != topic["flood0"]
    assert topic["far0"] == topic["far1"] not in (topic["flood0"], topic["fr0"])


def test_incremental_topics_are_fixed_when_a_story_is_founded() -> None:
    items = sorted(articles(), key=lambda a: a.published or "")
    index = StoryIndex(threshold=0.25, window_days=365, max_active=50, use_embeddings=False)
    placed: dict[str, set[str | None]] = {}
    topic_of: dict[str, str | None] = {}
    for article in items:
        [(story, topic)] = index.place(featurize_articles([article], embed_tokens=0))
        placed.setdefault(story, set()).add(topic)
        topic_of[article.id] = topic
    assert all(len(topics) == 1 for topics in placed.values())  # never renamed
    assert len(placed) >= 3  # the storm is a story of its own (its first report may join the flood)
    flood = topic_id(story_id("flood0"))
    assert {topic_of[a.id] for a in items if a.id[:5] in ("flood", "storm")} == {flood}
    assert {topic_of[a.id] for a in items if a.id.startswith("vote")} == {
        topic_id(story_id("vote0"))
    }


def _vector(seed: int) -> np.ndarray:
    v = np.random.default_rng(seed).standard_normal(VECTOR_DIM).astype(np.float32)
    return v / np.linalg.norm(v)


def test_topic_memory_is_bounded_and_stale_topics_leave() -> None:
    index = TopicIndex(threshold=0.5, window_days=30, max_active=10)
    for n in range(100):
        index.place(f"s{n}", _vector(n), 1, first_day=1000 + n, last_day=1000 + n, language="en")
        assert len(index) <= 10
    # ordered (batch) mode: a topic leaves once a story starts past its window
    ordered = TopicIndex(threshold=0.5, window_days=30, ordered=True)
    ordered.place("a", _vector(1), 1, first_day=100, last_day=100, language="en")
    ordered.place("b", _vector(2), 1, first_day=131, last_day=131, language="en")
    assert len(ordered) == 1


def test_assign_topics_joins_by_average_link() -> None:
    base = _vector(1)
    near = base + 0.3 * _vector(2)
    near /= np.linalg.norm(near)
    stories = [
        StoryVector("a", (1.0, "x"), base * 3, 3, 10, 12, "en"),
        StoryVector("b", (2.0, "y"), near * 2, 2, 11, 11, "en"),
        StoryVector("c", (3.0, "z"), _vector(3), 1, 12, 12, "en"),
        StoryVector("d", (4.0, "w"), base, 1, 12, 12, None),  # no language: joins any
    ]
    topics = assign_topics(stories, threshold=0.5, window_days=30)
    assert topics == {
        "a": topic_id("a"),
        "b": topic_id("a"),
        "c": topic_id("c"),
        "d": topic_id("a"),
    }
