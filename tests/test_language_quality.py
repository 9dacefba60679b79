"""Quality of council.language on the labelled sets in tests/data (issue #4 targets), and the helpers that
bench/language.py prints the same figures with.

Splits (each item of each set carries one):
  dev      what the lexicon and the thresholds were tuned on;
  test     written after a first freeze and measured once (figures in bench/README.md); its errors then guided a
           second round of lexicon work, so it is no longer blind;
  holdout  written after the second freeze and never tuned on.
Proposals of a split are whole topics with their paraphrase clusters; keyword and category labels are per topic.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

from council.language import SIMILAR_THRESHOLD, Language

DATA = Path(__file__).resolve().parent / "data"


def load(name: str) -> list[dict]:
    with open(DATA / name, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _in_split(row: dict, split: str) -> bool:
    return split == "all" or row["split"] == split


# ---------------------------------------------------------------------------- similar proposals


def similarity_pairs(language: Language, proposals: list[dict], split: str) -> list[tuple[float, bool]]:
    """Every pair of proposals of the same topic (score, same cluster). dev: both in dev clusters; test and
    holdout: at least one in that split. Scored with the whole topic known, as Language.pair_scores does."""
    by_topic: dict[str, list[dict]] = defaultdict(list)
    for row in proposals:
        by_topic[row["topic"]].append(row)
    pairs = []
    for rows in by_topic.values():
        scores = language.pair_scores(tuple(row["text"] for row in rows))
        for (i, j), score in scores.items():
            a, b = rows[i], rows[j]
            if split == "dev" and not (a["split"] == b["split"] == "dev"):
                continue
            if split not in ("dev", "all") and split not in (a["split"], b["split"]):
                continue
            pairs.append((score, a["cluster"] == b["cluster"]))
    return pairs


def prf(pairs: list[tuple[float, bool]], threshold: float) -> dict[str, float]:
    tp = sum(1 for score, same in pairs if same and score >= threshold)
    fp = sum(1 for score, same in pairs if not same and score >= threshold)
    fn = sum(1 for score, same in pairs if same and score < threshold)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "pairs": len(pairs), "positives": tp + fn,
            "false_positives": fp}


def similar_answers(language: Language, proposals: list[dict], split: str) -> dict[str, float]:
    """As the bot uses it: each proposal of the split posted into its topic with all the others active. right:
    a match from its own cluster, or no match when it has none; wrong_match: a 【相似建议】 naming another
    cluster's proposal (the costly error)."""
    by_topic: dict[str, list[dict]] = defaultdict(list)
    for row in proposals:
        by_topic[row["topic"]].append(row)
    right = wrong_match = total = 0
    for rows in by_topic.values():
        for index, row in enumerate(rows):
            if not _in_split(row, split):
                continue
            others = [(i, other["text"]) for i, other in enumerate(rows) if i != index]
            match = language.similar(row["text"], others)
            has_mate = any(other["cluster"] == row["cluster"] for i, other in enumerate(rows) if i != index)
            total += 1
            if match is None:
                right += not has_mate
            elif rows[match.number]["cluster"] == row["cluster"]:
                right += 1
            else:
                wrong_match += 1
    return {"accuracy": right / total, "wrong_match_rate": wrong_match / total, "n": total}


# ---------------------------------------------------------------------------- votes


def vote_figures(language: Language, votes: list[dict], split: str) -> dict[str, dict[str, float]]:
    """Per ballot kind (choice = choice and approval ballots, consent): accuracy over all messages, over the
    votes alone, and the false-vote rate: non-votes read as a vote or an off-ballot vote. And what asking adds
    (「您是想投 #2 吗？」, never counted without the author's tap): the share of votes the reading missed that the bot
    asks about with the right option ("recovered"), asked about with a wrong one, and the share of non-votes whose
    author is asked (a nuisance, not a false vote)."""
    figures: dict[str, dict[str, float]] = {}
    for group, methods in (("choice", ("choice", "approval")), ("consent", ("consent",))):
        rows = [row for row in votes if row["method"] in methods and _in_split(row, split)]
        right = votes_right = votes_total = false_votes = non_votes = 0
        recovered = asked_wrong = asked_non_votes = 0
        for row in rows:
            got = language.read_vote(row["text"], row["method"], row["options"])
            # blind6 and blind7 label an off-ballot vote without its number (expect []): any off-ballot reading is right
            ok = got.kind == row["kind"] and (list(got.options) == row["expect"]
                                              or (row["kind"] == "off_ballot" and not row["expect"]))
            right += ok
            guess = language.guess_vote(row["text"], row["method"], row["options"])
            if row["kind"] == "none":
                non_votes += 1
                false_votes += got.kind != "none"
                asked_non_votes += guess.kind == "unsure"
            else:
                votes_total += 1
                votes_right += ok
                if not ok and guess.kind == "unsure":
                    recovered += list(guess.options) == row["expect"]
                    asked_wrong += list(guess.options) != row["expect"]
        figures[group] = {"accuracy": right / len(rows), "vote_accuracy": votes_right / votes_total,
                          "false_vote_rate": false_votes / non_votes, "messages": len(rows),
                          "non_votes": non_votes, "votes": votes_total,
                          "vote_accuracy_with_asking": (votes_right + recovered) / votes_total,
                          "asked_wrong": asked_wrong, "asked_non_vote_rate": asked_non_votes / non_votes}
    return figures


# ---------------------------------------------------------------------------- keywords and categories


def topic_documents(proposals: list[dict], topics: list[dict]) -> dict[str, list[str]]:
    """Each topic's texts: its title and its proposals."""
    texts = {topic["topic"]: [topic["title"]] for topic in topics}
    for row in proposals:
        texts[row["topic"]].append(row["text"])
    return texts


def keyword_precision(language: Language, proposals: list[dict], topics: list[dict], split: str, k: int = 5):
    texts = topic_documents(proposals, topics)
    corpus = ["\n".join(body) for body in texts.values()]
    scores = {}
    for topic in topics:
        if not _in_split(topic, split):
            continue
        found = language.keywords(texts[topic["topic"]], corpus, k)
        labels = set(topic["keywords"])
        scores[topic["topic"]] = (sum(term in labels for term in found) / k, found)
    mean = sum(score for score, _ in scores.values()) / len(scores)
    return mean, scores


def category_accuracy(language: Language, categories: list[dict], topics: list[dict], proposals: list[dict],
                      split: str):
    rows = [(row["title"], row["proposals"], row["category"]) for row in categories if _in_split(row, split)]
    texts = topic_documents(proposals, topics)
    rows += [(topic["title"], texts[topic["topic"]][1:], topic["category"]) for topic in topics
             if _in_split(topic, split)]
    misses = [(title, want, language.category(title, props)) for title, props, want in rows]
    misses = [miss for miss in misses if miss[1] != miss[2]]
    return 1 - len(misses) / len(rows), len(rows), misses


def civility_accuracy(language: Language, rows: list[dict], split: str):
    picked = [row for row in rows if _in_split(row, split)]
    misses = [row["text"] for row in picked if language.is_uncivil(row["text"]) != row["uncivil"]]
    return 1 - len(misses) / len(picked), len(picked), misses


# ---------------------------------------------------------------------------- the targets, as tests

# Issue #4's targets hold on dev. On the held-out splits they do not all hold (bench/README.md has the figures and
# why): there the floors below guard against regressions, and precision, which protects residents' trust, keeps
# its target everywhere.
FLOORS = {
    "dev": {"similar_f1": 0.90, "wrong_match": 0.02, "keywords": 0.80},
    "test": {"similar_f1": 0.80, "wrong_match": 0.06, "keywords": 0.60},
    "holdout": {"similar_f1": 0.65, "wrong_match": 0.06, "keywords": 0.55},
}
SPLITS = list(FLOORS)


@pytest.fixture(scope="module")
def language(tmp_path_factory):
    lang = Language(cache_dir=tmp_path_factory.mktemp("jieba"))
    lang.warm_up()
    return lang


@pytest.mark.parametrize("split", SPLITS)
def test_similar_proposals(language, split):
    figures = prf(similarity_pairs(language, load("proposals.jsonl"), split), SIMILAR_THRESHOLD)
    assert figures["precision"] >= 0.90, figures
    assert figures["f1"] >= FLOORS[split]["similar_f1"], figures


@pytest.mark.parametrize("split", SPLITS)
def test_similar_answers_rarely_name_a_different_proposal(language, split):
    figures = similar_answers(language, load("proposals.jsonl"), split)
    assert figures["wrong_match_rate"] <= FLOORS[split]["wrong_match"], figures


@pytest.mark.parametrize("split", SPLITS)
def test_vote_reading(language, split):
    for group, figures in vote_figures(language, load("votes.jsonl"), split).items():
        assert figures["accuracy"] >= 0.97, (group, figures)
        assert figures["false_vote_rate"] <= 0.01, (group, figures)
        assert figures["asked_non_vote_rate"] <= 0.02, (group, figures)  # asking neighbours who only chat: rare


@pytest.mark.parametrize("split", SPLITS)
def test_keyword_precision_at_5(language, split):
    mean, scores = keyword_precision(language, load("proposals.jsonl"), load("topics.jsonl"), split)
    assert mean >= FLOORS[split]["keywords"], scores


@pytest.mark.parametrize("split", SPLITS)
def test_category_accuracy(language, split):
    accuracy, _, misses = category_accuracy(language, load("categories.jsonl"), load("topics.jsonl"),
                                            load("proposals.jsonl"), split)
    assert accuracy >= 0.90, misses


@pytest.mark.parametrize("split", SPLITS)
def test_civility(language, split):
    accuracy, _, misses = civility_accuracy(language, load("civility.jsonl"), split)
    assert accuracy >= 0.95, misses


def test_evaluation_sets_are_large_enough():
    proposals, votes = load("proposals.jsonl"), load("votes.jsonl")
    assert len(proposals) >= 300 and len(votes) >= 300
    clusters = {row["cluster"] for row in proposals}
    assert sum(1 for cluster in clusters if sum(row["cluster"] == cluster for row in proposals) > 1) >= 80
    assert sum(row["kind"] == "none" for row in votes) >= 150  # hard negatives
