"""Fit the similar-proposal model of council/language/likeness.py on the labelled proposal sets.

    python bench/fit_similarity.py            # leave-one-set-out figures, then the coefficients fitted on all sets

Every pair of proposals of one topic is an example (paraphrase = same cluster). Features as likeness() uses them:
the concept score of comparing.compare, the rarity-weighted wording overlap (Jaccard and share of the smaller side,
only when the pair does not conflict), another place, another amount. A logistic regression with the classes
weighed equally (paraphrase pairs are ~1 in 6), plain gradient descent, a little L2 (no library needed for five
weights). With each set left out in turn it prints that set's pairwise precision / recall / F1 and, as the bot
uses it, how many proposals with a paraphrase get one named (found) and how many get another cluster's (wrong),
at several thresholds. Only the open sets are read (the sealed ones, named in tests/data/README.md, never).
"""

from __future__ import annotations

import itertools
import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from council.language import Language  # noqa: E402 - the repository root must be on sys.path first
from council.language.comparing import compare  # noqa: E402
from council.language.likeness import COEFFICIENTS, Rarity, features, logistic, wording  # noqa: E402

DATA = REPO / "tests" / "data"
SETS = ("dev", "test", "holdout", "blind2", "blind3", "blind4", "blind5", "blind6", "blind7", "blind8", "blind9",
        "blind10", "blind11", "blind12", "blind13", "blind14", "blind15", "blind16", "blind17", "blind18", "blind19",
        "blind20")
NAMES = ("concepts", "shared", "contained", "place", "amount", "bias")
THRESHOLDS = (0.55, 0.6, 0.62, 0.65, 0.7)


def rows(name: str) -> list[dict]:
    with open(DATA / name, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def load_sets() -> dict[str, list[dict]]:
    tuned = rows("proposals.jsonl")
    sets = {split: [row for row in tuned if row["split"] == split] for split in ("dev", "test", "holdout")}
    for name in SETS[3:]:
        sets[name] = rows(f"{name}_proposals.jsonl")
    return sets


def topics(proposals: list[dict]) -> list[list[dict]]:
    grouped: dict[str, list[dict]] = defaultdict(list)
    for row in proposals:
        grouped[row["topic"]].append(row)
    return list(grouped.values())


def examples(language: Language, proposals: list[dict]) -> tuple[list[list[float]], list[bool], list]:
    """Per pair: the feature vector, whether it is a paraphrase, and (topic index, i, j) to rank partners."""
    vectors, labels, where = [], [], []
    for number, group in enumerate(topics(proposals)):
        texts = tuple(row["text"] for row in group)
        topic = language._topic_weights(texts)
        wordings = [wording(text) for text in texts]
        rarity = Rarity(wordings)
        for i, j in itertools.combinations(range(len(group)), 2):
            comparison = compare(language.signature(texts[i]), language.signature(texts[j]), topic)
            found = features(comparison, wordings[i], wordings[j], rarity)
            vectors.append([found[name] for name in NAMES])
            labels.append(group[i]["cluster"] == group[j]["cluster"])
            where.append((number, i, j))
    return vectors, labels, where


def fit(vectors: list[list[float]], labels: list[bool], epochs: int = 400, rate: float = 0.5,
        l2: float = 0.01) -> list[float]:
    weights = [0.0] * len(vectors[0])
    positives = sum(labels)
    balance = (len(labels) - positives) / max(positives, 1)
    for _ in range(epochs):
        gradient = [0.0] * len(weights)
        for x, y in zip(vectors, labels, strict=True):
            error = (logistic(sum(w * v for w, v in zip(weights, x, strict=True))) - y) * (balance if y else 1.0)
            for k, value in enumerate(x):
                gradient[k] += error * value
        for k in range(len(weights)):
            penalty = l2 * weights[k] if k < len(weights) - 1 else 0.0  # the bias is not shrunk
            weights[k] -= rate * (gradient[k] / len(vectors) + penalty)
    return weights


def probability(weights: list[float], x: list[float]) -> float:
    return logistic(sum(w * v for w, v in zip(weights, x, strict=True)))


def figures(weights: list[float], data: tuple, threshold: float) -> str:
    vectors, labels, where = data
    scores = [probability(weights, x) for x in vectors]
    tp = sum(1 for s, y in zip(scores, labels, strict=True) if y and s >= threshold)
    fp = sum(1 for s, y in zip(scores, labels, strict=True) if not y and s >= threshold)
    fn = sum(1 for s, y in zip(scores, labels, strict=True) if y and s < threshold)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    # as the bot uses it: each proposal's best partner at or above the threshold
    best: dict[tuple[int, int], tuple[float, bool]] = {}
    has_mate: dict[tuple[int, int], bool] = defaultdict(bool)
    for s, y, (topic, i, j) in zip(scores, labels, where, strict=True):
        for me in (i, j):
            key = (topic, me)
            has_mate[key] |= y
            if key not in best or s > best[key][0]:
                best[key] = (s, y)
    with_mate = sum(has_mate.values())
    found = sum(1 for key, (s, y) in best.items() if y and s >= threshold)
    wrong = sum(1 for key, (s, y) in best.items() if not y and s >= threshold)
    return (f"P/R/F1 {precision:.3f}/{recall:.3f}/{f1:.3f} found {found / max(with_mate, 1):.2f} "
            f"wrong {wrong / max(len(best), 1):.3f}")


def main() -> int:
    language = Language(cache_dir=tempfile.mkdtemp())
    language.warm_up()
    data = {name: examples(language, proposals) for name, proposals in load_sets().items()}
    current = [COEFFICIENTS[name] for name in NAMES]
    print(f"leave one set out (fitted on the other {len(SETS) - 1}), and the coefficients in likeness.py:")
    for name in SETS:
        others = [other for other in SETS if other != name]
        weights = fit([x for other in others for x in data[other][0]], [y for other in others for y in data[other][1]])
        for threshold in THRESHOLDS:
            print(f"  {name:8} ≥{threshold:.2f}  left out: {figures(weights, data[name], threshold)}   "
                  f"current: {figures(current, data[name], threshold)}")
    weights = fit([x for name in SETS for x in data[name][0]], [y for name in SETS for y in data[name][1]])
    fitted = {name: round(value, 2) for name, value in zip(NAMES, weights, strict=True)}
    print(f"fitted on all {len(SETS)} sets: COEFFICIENTS = " + json.dumps(fitted))
    print("JSON " + json.dumps({"coefficients": fitted}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
