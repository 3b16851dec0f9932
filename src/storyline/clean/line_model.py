"""Which plain-text lines are the article: small boosted trees over line features.

The rules of :mod:`.plaintext` (shape classes, furniture patterns, the body segment, the
comment stream) describe each line; this model weighs what they say together with the
line's own shape (length, stop words, capitals, digits, punctuation), its place in the
page and its neighbours' (two lines either side, a window of five), and how often the
line recurs in the page. No feature reads a word list beyond the language's stop words
and the generic furniture patterns: no outlet, name or phrase is learned.

The trees (``line_model.json`` beside this module) are fitted by
``benchmarks/train_line_model.py`` on the *tune* halves only of Dragnet, CleanEval and
the Zyte benchmark (even positions of the sorted ids), each line labelled by whether
its words fall in the gold text's 4-token shingles; the other halves, L3S-GN1,
CleanPortalEval and Readability's test pages are held out (benchmarks/README.md).
"""

from __future__ import annotations

import json
import math
import re
import threading
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any

import numpy as np

from .boilerplate import INLINE_REASONS, SECTION_REASONS, SOFT_REASONS

if TYPE_CHECKING:
    from .plaintext import Line

MODEL_FILE = "line_model.json"
CONTEXT = (-2, -1, 1, 2)
WINDOWS = (5, 21)
# a line of at least this many words is a paragraph, never a menu item or a headline
LONG_LINE_WORDS = 25

_UPPER_START = re.compile(r"^[^\W\d_]")
_PUNCT = re.compile(r"[^\w\s]")
_SEPARATOR = re.compile(r"[|»›/•·]")
_LINK = re.compile(r"https?://|www\.|@\w|\.\w{2,3}\b/")
_QUOTE = re.compile(r"[\"“”«»]")
_CLASSES = ("good", "near", "short", "boiler", "meta")

_OWN = (
    "log_words",
    "log_chars",
    "stop_density",
    "terminal",
    *(f"cls_{c}" for c in _CLASSES),
    "reason_section",
    "reason_inline",
    "reason_comments",
    "reason_soft",
    "in_body",
    "rule_keep",
    "capital_share",
    "digit_share",
    "punct_share",
    "bullet",
    "ends_open",
    "ends_colon",
    "stamp",
    "repeats",
    "starts_lower",
    "separators",
    "mean_word_length",
    "link",
    "quote",
)
_CONTEXT_OWN = ("log_words", "stop_density", "terminal", "cls_good", "rule_keep", "cls_boiler")
_PAGE = (
    "has_stops",
    "position",
    "body_distance",
    "body_position",
    "good_before",
    "good_after",
    "log_lines",
    "log_page_words",
    "good_distance",
    "page_good_share",
    "page_rule_share",
    # the page as a whole: is it mostly prose (an article, a forum thread, a blog's
    # posts) or mostly furniture with an article inside?
    "page_good_lines",
    "page_terminal_lines",
    "page_short_lines",
    "page_long_lines",
    "page_mean_stop_density",
    "page_body_share",
    "page_firm_share",
    "page_stamp_lines",
)
FEATURES: tuple[str, ...] = (
    *_OWN,
    *(f"{name}@{offset:+d}" for offset in CONTEXT for name in _CONTEXT_OWN),
    *(f"{name}@window{size}" for size in WINDOWS for name in _CONTEXT_OWN),
    *_PAGE,
)


def _own(line: Line, repeats: int, in_body: bool, rule_keep: bool, stamp: bool) -> list[float]:
    text = line.text
    words = text.split()
    n_words = max(1, len(words))
    visible = max(1, len(text) - text.count(" "))
    reason = line.reason or ""
    return [
        math.log1p(line.words),
        math.log1p(line.chars),
        line.stop_density,
        float(line.terminal),
        *(float(line.cls == c) for c in _CLASSES),
        float(reason in SECTION_REASONS),
        float(reason in INLINE_REASONS),
        float(reason == "comments"),
        float(reason in SOFT_REASONS),
        float(in_body),
        float(rule_keep),
        sum(bool(_UPPER_START.match(w)) and w[0].isupper() for w in words) / n_words,
        sum(c.isdigit() for c in text) / visible,
        len(_PUNCT.findall(text)) / visible,
        float(text[:1] in "•·▪►●◦‣∙*–—-"),
        float(text.endswith((",", "|", "-", "–", "—", "»", "›"))),
        float(text.endswith(":")),
        float(stamp),
        math.log1p(repeats - 1),
        float(text[:1].islower()),
        float(len(_SEPARATOR.findall(text))),
        sum(len(w) for w in words) / n_words,
        float(bool(_LINK.search(text))),
        float(bool(_QUOTE.search(text))),
    ]


def line_features(
    lines: Sequence[Line],
    *,
    body: tuple[int, int],
    rule_keep: Sequence[bool],
    stamps: Sequence[bool],
    has_stops: bool,
) -> np.ndarray:
    """One row of ``FEATURES`` per line."""
    n = len(lines)
    if n == 0:
        return np.zeros((0, len(FEATURES)))
    counts = Counter(line.text.casefold() for line in lines)
    start, end = body
    own = np.array(
        [
            _own(line, counts[line.text.casefold()], start <= i < end, rule_keep[i], stamps[i])
            for i, line in enumerate(lines)
        ]
    )
    picked = np.array([_OWN.index(name) for name in _CONTEXT_OWN])
    base = own[:, picked]
    padded = np.vstack([np.zeros((2, base.shape[1])), base, np.zeros((2, base.shape[1]))])
    context = [padded[2 + offset : 2 + offset + n] for offset in CONTEXT]
    cumulative = np.vstack([np.zeros((1, base.shape[1])), np.cumsum(base, axis=0)])
    windows = []
    for size in WINDOWS:
        lo = np.clip(np.arange(n) - size // 2, 0, n)
        hi = np.clip(np.arange(n) + size // 2 + 1, 0, n)
        windows.append((cumulative[hi] - cumulative[lo]) / (hi - lo)[:, None])
    good_chars = np.array([line.chars if line.cls == "good" else 0 for line in lines], float)
    total_good = max(1.0, float(good_chars.sum()))
    before = (np.cumsum(good_chars) - good_chars) / total_good
    index = np.arange(n, dtype=float)
    distance = np.where(index < start, start - index, np.where(index >= end, index - end + 1, 0))
    span = max(1, end - start)
    page_words = sum(line.words for line in lines)
    chars = np.array([line.chars for line in lines], float)
    kept_chars = float(chars[np.asarray(rule_keep, dtype=bool)].sum())
    good_at = np.flatnonzero(good_chars)
    if len(good_at):
        after = np.clip(np.searchsorted(good_at, index), 0, len(good_at) - 1)
        before_at = np.clip(after - 1, 0, len(good_at) - 1)
        nearest = np.minimum(np.abs(good_at[after] - index), np.abs(good_at[before_at] - index))
    else:
        nearest = np.full(n, float(n))
    page = np.column_stack(
        [
            np.full(n, float(has_stops)),
            index / n,
            np.log1p(distance),
            np.clip((index - start) / span, -1.0, 2.0),
            before,
            1.0 - before - good_chars / total_good,
            np.full(n, math.log1p(n)),
            np.full(n, math.log1p(page_words)),
            np.log1p(nearest),
            np.full(n, good_chars.sum() / max(1.0, chars.sum())),
            np.full(n, kept_chars / max(1.0, chars.sum())),
            *(np.full(n, value) for value in _page_shares(lines, body, stamps, chars)),
        ]
    )
    return np.hstack([own, *context, *windows, page])


def _page_shares(
    lines: Sequence[Line], body: tuple[int, int], stamps: Sequence[bool], chars: np.ndarray
) -> list[float]:
    """The ``page_*`` shares of the whole page, in the order of ``_PAGE``."""
    n = len(lines)
    total = max(1.0, float(chars.sum()))
    start, end = body
    return [
        sum(line.cls == "good" for line in lines) / n,
        sum(line.terminal for line in lines) / n,
        sum(line.cls == "short" for line in lines) / n,
        sum(line.words >= LONG_LINE_WORDS for line in lines) / n,
        sum(line.stop_density for line in lines) / n,
        float(chars[start:end].sum()) / total,
        sum(line.chars for line in lines if line.firm is not None) / total,
        sum(stamps) / n,
    ]


def probability_context(probabilities: np.ndarray) -> np.ndarray:
    """What the second stage sees of the first stage's probabilities around each line:
    its own, two lines either side, the means of the windows and of the page."""
    n = len(probabilities)
    padded = np.concatenate([np.zeros(2), probabilities, np.zeros(2)])
    cumulative = np.concatenate([[0.0], np.cumsum(probabilities)])
    columns = [padded[2 + offset : 2 + offset + n] for offset in (0, *CONTEXT)]
    for size in WINDOWS:
        lo = np.clip(np.arange(n) - size // 2, 0, n)
        hi = np.clip(np.arange(n) + size // 2 + 1, 0, n)
        columns.append((cumulative[hi] - cumulative[lo]) / (hi - lo))
    columns.append(np.full(n, float(probabilities.mean()) if n else 0.0))
    return np.column_stack(columns) if n else np.zeros((0, len(columns)))


@dataclass(frozen=True)
class Trees:
    """Boosted regression trees, stacked: node arrays of shape (trees, nodes)."""

    feature: np.ndarray  # int, -1 at a leaf
    threshold: np.ndarray
    left: np.ndarray
    right: np.ndarray
    value: np.ndarray  # leaf values, learning rate folded in
    bias: float
    depth: int

    def logits(self, rows: np.ndarray) -> np.ndarray:
        n = rows.shape[0]
        trees = self.feature.shape[0]
        node = np.zeros((n, trees), dtype=np.int64)
        tree_index = np.arange(trees)[None, :]
        for _ in range(self.depth):
            feature = self.feature[tree_index, node]
            leaf = feature < 0
            values = rows[np.arange(n)[:, None], np.maximum(feature, 0)]
            go_left = values <= self.threshold[tree_index, node]
            step = np.where(go_left, self.left[tree_index, node], self.right[tree_index, node])
            node = np.where(leaf, node, step)
        return np.asarray(self.bias + self.value[tree_index, node].sum(axis=1))

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        return np.asarray(1.0 / (1.0 + np.exp(-np.clip(self.logits(rows), -30, 30))))


def expected_f1_keep(
    probabilities: np.ndarray, sizes: np.ndarray, open_lines: np.ndarray, floor: float
) -> np.ndarray:
    """Which open lines to keep: the most probable ones, as many as maximise the page's
    expected F1 (the probabilities read as each line's chance to be article, its size in
    words as its weight: F1 = 2 * kept article / (kept + all article)), none under
    ``floor``. No threshold is fixed: a page that reads as mostly article keeps its
    doubtful lines when dropping them would cost more recall than keeping them costs
    precision, and a page of furniture keeps only its likeliest lines."""
    keep = np.zeros(len(probabilities), dtype=bool)
    at = np.flatnonzero(open_lines)
    if not len(at):
        return keep
    weights = np.maximum(np.asarray(sizes, dtype=float)[at], 1.0)
    order = np.argsort(-probabilities[at], kind="stable")
    gained = np.cumsum((probabilities[at] * weights)[order])
    kept = np.cumsum(weights[order])
    f1 = 2.0 * gained / (kept + gained[-1])
    best = int(np.argmax(f1))
    if f1[best] > 0:
        keep[at[order[: best + 1]]] = True
    return keep & (probabilities >= floor)


@dataclass(frozen=True)
class LineModel:
    """One or two stages of trees: the second also reads the first's probabilities around
    each line (:func:`probability_context`). The open lines kept are those that maximise
    the page's expected F1 (:func:`expected_f1_keep`), never one under
    ``threshold_probability``; lines whose furniture rule is in ``always_drop`` never
    are."""

    stages: tuple[Trees, ...]
    threshold_probability: float
    always_drop: frozenset[str]

    def keep(
        self, probabilities: np.ndarray, sizes: np.ndarray, open_lines: np.ndarray
    ) -> np.ndarray:
        return expected_f1_keep(probabilities, sizes, open_lines, self.threshold_probability)

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        probabilities = self.stages[0].probabilities(rows)
        for stage in self.stages[1:]:
            probabilities = stage.probabilities(
                np.hstack([rows, probability_context(probabilities)])
            )
        return probabilities


def trees_from_dict(raw: dict[str, Any]) -> Trees:
    trees = raw["trees"]
    width = max(len(tree["feature"]) for tree in trees)

    def stack(key: str, fill: float, dtype: type) -> np.ndarray:
        out: np.ndarray = np.full((len(trees), width), fill, dtype=dtype)
        for t, tree in enumerate(trees):
            out[t, : len(tree[key])] = tree[key]
        return out

    return Trees(
        feature=stack("feature", -1, np.int64),
        threshold=stack("threshold", 0.0, np.float64),
        left=stack("left", 0, np.int64),
        right=stack("right", 0, np.int64),
        value=stack("value", 0.0, np.float64),
        bias=float(raw["bias"]),
        depth=int(raw["depth"]),
    )


def model_from_dict(raw: dict[str, Any]) -> LineModel:
    if list(raw["features"]) != list(FEATURES):
        raise ValueError("line model was trained on other features; retrain it")
    return LineModel(
        tuple(trees_from_dict(stage) for stage in raw["stages"]),
        float(raw["threshold"]),
        frozenset(raw.get("always_drop", ())),
    )


_lock = threading.Lock()
_model: LineModel | None = None


def line_model() -> LineModel:
    """The shipped model, read once per process."""
    global _model
    with _lock:
        if _model is None:
            text = resources.files(__package__).joinpath(MODEL_FILE).read_text("utf-8")
            _model = model_from_dict(json.loads(text))
        return _model
