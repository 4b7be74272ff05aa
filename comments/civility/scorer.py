"""The statistical half of the screen: how hostile does a comment read?

Word lists catch known words; the scorer catches hostility phrased in ways no list
foresaw. It sits behind the :class:`Scorer` protocol so another model can be swapped
in. The default, :class:`LinearScorer`, is a logistic regression over hashed features
(see :mod:`features`) trained by :mod:`civility_lab.train`, outside this package. It is
stored as 16-bit integer weights plus a JSON file of metadata and loads with the standard
library alone; scoring a comment is a few hundred dictionary look-ups, about a millisecond
in pure Python.
"""

from __future__ import annotations

import json
import math
import sys
from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

from .features import HAND_FEATURES, extract
from .lists import default_lists
from .matching import Analysis, Matcher
from .normalise import Normalised
from .reading import read

MODEL_DIR = Path(__file__).parent / "model"
DEFAULT_MODEL = MODEL_DIR / "civility-lr.json"
EXPLAIN_WORDS = 3


@runtime_checkable
class Scorer(Protocol):
    """Anything that rates a comment's hostility from 0 (civil) to 1 (hostile)."""

    def score(self, text: str) -> float: ...


@dataclass(frozen=True)
class Scored:
    """A score plus the words that pushed it up most, as the commenter wrote them."""

    score: float
    words: tuple[str, ...] = ()


class LinearScorer:
    """Logistic regression over hashed features, loaded from the shipped model files."""

    def __init__(self, path: Path | str = DEFAULT_MODEL, matcher=None) -> None:
        meta = json.loads(Path(path).read_text(encoding="utf-8"))
        if meta.get("format") != 1:
            raise ValueError(f"unsupported model format in {path}")
        if tuple(meta["hand_features"]) != HAND_FEATURES:
            raise ValueError("model was trained with different hand features")
        self.meta = meta
        self.n_bits = int(meta["n_bits"])
        self.bias = float(meta["bias"])
        self.hand_weights = tuple(float(w) for w in meta["hand_weights"])
        self.weights = _load_weights(Path(path).parent / meta["weights_file"], meta)
        self.scale = float(meta["scale"])
        # Platt scaling fitted out of fold by civility_lab/train.py: p = sigmoid(a * z + b).
        calibration = meta.get("calibration") or {}
        self.cal_a = float(calibration.get("a", 1.0))
        self.cal_b = float(calibration.get("b", 0.0))
        self._matcher = matcher

    @property
    def matcher(self):
        """The matcher used when scoring raw text; default lists unless given one."""
        if self._matcher is None:
            self._matcher = Matcher(default_lists())
        return self._matcher

    def score(self, text: str) -> float:
        """Score raw text, read as the screener reads it (:func:`reading.read`)."""
        return self.explain(*read(text, self.matcher)).score

    def explain(self, text: Normalised, analysis: Analysis) -> Scored:
        """Score an already analysed comment and name the words that weighed most."""
        features = extract(text, analysis, self.n_bits)
        weights, scale = self.weights, self.scale
        z = self.bias + sum(w * x for w, x in zip(self.hand_weights, features.hand, strict=True))
        contributions = {}
        for index, value in features.hashed.items():
            part = weights[index] * scale * value
            z += part
            if index in features.words and part > 0:
                contributions[index] = part
        return Scored(
            _sigmoid(self.cal_a * z + self.cal_b), _top_words(text, features.words, contributions)
        )


def _top_words(text: Normalised, positions: dict[int, int], parts: dict[int, float]):
    """The original words behind the largest positive word-feature contributions."""
    ranked = sorted(parts, key=parts.get, reverse=True)
    words: list[str] = []
    for index in ranked:
        word = text.words(positions[index], positions[index])
        if word not in words:
            words.append(word)
        if len(words) == EXPLAIN_WORDS:
            break
    return tuple(words)


def _sigmoid(z: float) -> float:
    if z < -40:
        return 0.0
    return 1.0 / (1.0 + math.exp(-z))


def _load_weights(path: Path, meta: dict) -> array:
    """Read little-endian int16 weights; the file is exactly 2 ** n_bits of them."""
    weights = array("h")
    weights.frombytes(path.read_bytes())
    if sys.byteorder != "little":
        weights.byteswap()
    if len(weights) != 1 << int(meta["n_bits"]):
        raise ValueError(f"{path} holds {len(weights)} weights, expected 2**{meta['n_bits']}")
    return weights
