"""The trained decision model: weights over candidate features, read without any ML library.

`mercato train` fits it (scikit-learn logistic regressions, see `mercato.training`) and writes it
as plain JSON, so the shipped model is small, diffable and byte-for-byte reproducible, and
extraction needs nothing beyond the standard library to apply it.

One model has several heads, each a multinomial logistic regression over the same features:

- `pair`: is this club the person's destination (`to`), his origin (`from`) or neither?
- `exit`: does the article state that the person leaves with no destination named?
- `status`: rumour, done or off, for a link that was kept;
- `loan`: is the move a loan?
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from mercato.errors import MercatoError

MODEL_PACKAGE = "mercato.data.model"
MODEL_FILE = "link_model.json"


class ModelError(MercatoError):
    """The decision model file is missing or malformed."""


@dataclass(frozen=True)
class Head:
    """One logistic regression: classes, biases and per-feature weights (one per class)."""

    classes: tuple[str, ...]
    bias: tuple[float, ...]
    weights: Mapping[str, tuple[float, ...]]

    def probabilities(self, features: Iterable[str]) -> dict[str, float]:
        """P(class | features)."""
        scores = list(self.bias)
        for feature in features:
            row = self.weights.get(feature)
            if row is not None:
                for k, w in enumerate(row):
                    scores[k] += w
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {c: e / total for c, e in zip(self.classes, exps, strict=True)}

    def to_json(self) -> dict[str, object]:
        return {
            "classes": list(self.classes),
            "bias": list(self.bias),
            "weights": {f: list(self.weights[f]) for f in sorted(self.weights)},
        }

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> Head:
        classes = tuple(str(c) for c in data["classes"])  # type: ignore[attr-defined]
        bias = tuple(float(b) for b in data["bias"])  # type: ignore[attr-defined]
        weights = {str(f): tuple(float(w) for w in row) for f, row in data["weights"].items()}  # type: ignore[attr-defined]
        return cls(classes, bias, weights)


@dataclass(frozen=True)
class DecisionModel:
    """All heads of the link decision, and the thresholds chosen at training time."""

    heads: Mapping[str, Head]
    thresholds: Mapping[str, float]
    digest: str  # sha256 of the serialised model: names the weights in every claim

    def p(self, head: str, features: Iterable[str], label: str) -> float:
        return self.heads[head].probabilities(features)[label]

    def best(self, head: str, features: Iterable[str]) -> str:
        probabilities = self.heads[head].probabilities(features)
        return max(probabilities, key=lambda c: (probabilities[c], c))

    def to_bytes(self) -> bytes:
        return serialise(self.heads, self.thresholds)

    @classmethod
    def from_bytes(cls, data: bytes, where: str = MODEL_FILE) -> DecisionModel:
        try:
            obj = json.loads(data)
            heads = {name: Head.from_json(head) for name, head in obj["heads"].items()}
            thresholds = {str(k): float(v) for k, v in obj["thresholds"].items()}
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise ModelError(f"{where}: not a Mercato decision model ({exc})") from None
        for needed in ("pair", "exit", "status", "loan"):
            if needed not in heads:
                raise ModelError(f"{where}: the model has no {needed!r} head")
        return cls(heads, thresholds, hashlib.sha256(data).hexdigest())


def serialise(heads: Mapping[str, Head], thresholds: Mapping[str, float]) -> bytes:
    """The model file's bytes: sorted keys, fixed float format, so equal models are equal bytes."""
    obj = {
        "format": "mercato.decision-model.v1",
        "heads": {name: heads[name].to_json() for name in sorted(heads)},
        "thresholds": {k: thresholds[k] for k in sorted(thresholds)},
    }
    return (json.dumps(obj, sort_keys=True, separators=(",", ":")) + "\n").encode("utf-8")


def shipped_model_path() -> Path:
    """Where the model that ships in the package lives."""
    return Path(str(resources.files(MODEL_PACKAGE).joinpath(MODEL_FILE)))


@lru_cache(maxsize=1)
def load_model() -> DecisionModel:
    """The shipped decision model (read once per process)."""
    path = shipped_model_path()
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ModelError(f"{path}: cannot read the decision model ({exc}); run `mercato train`") from None
    return DecisionModel.from_bytes(data, str(path))


@lru_cache(maxsize=8)
def extraction_version(model_digest: str) -> str:
    """A short hash naming the whole extraction: its rules' source and the model's weights.

    Stored with every claim, so a claim says exactly which rules and weights produced it; it
    changes whenever either does.
    """
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for source in sorted(package.glob("*.py")):
        digest.update(source.name.encode())
        digest.update(source.read_bytes())
    digest.update(model_digest.encode())
    return digest.hexdigest()[:12]
