"""The sealed blind sets (tests/data/blind*_*.jsonl): measure only, never tune on them.

    python bench/blind.py [blind3]

Prints, for that set, the same figures as bench/language.py: similar-proposal precision/recall/F1 at the threshold,
how often 【相似建议】 would name a proposal of another cluster, keyword precision@5, category accuracy, and (when the
set has ballot messages) typed-vote accuracy and the false-vote rate on non-votes. Ends with a `JSON {...}` line.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from council.language import SIMILAR_THRESHOLD, Language  # noqa: E402 - the repository root must be on sys.path first
from tests.test_language_quality import (  # noqa: E402
    keyword_precision,
    prf,
    similar_answers,
    similarity_pairs,
    vote_figures,
)


def rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def main() -> int:
    name = sys.argv[1] if len(sys.argv) > 1 else "blind3"
    data = REPO / "tests" / "data"
    language = Language(cache_dir=tempfile.mkdtemp())
    language.warm_up()
    proposals, topics = rows(data / f"{name}_proposals.jsonl"), rows(data / f"{name}_topics.jsonl")
    figures = {
        "similar": prf(similarity_pairs(language, proposals, name), SIMILAR_THRESHOLD),
        "answers": similar_answers(language, proposals, name),
        "keywords_p_at_5": keyword_precision(language, proposals, topics, name)[0],
        "categories": sum(language.category(t["title"], [p["text"] for p in proposals if p["topic"] == t["topic"]])
                          == t["category"] for t in topics) / len(topics),
    }
    if (data / f"{name}_votes.jsonl").exists():
        figures["votes"] = vote_figures(language, rows(data / f"{name}_votes.jsonl"), name)
    s = figures["similar"]
    print(f"{name}: similar P/R/F1 {s['precision']:.3f}/{s['recall']:.3f}/{s['f1']:.3f} "
          f"(wrong 【相似建议】 {figures['answers']['wrong_match_rate']:.1%})")
    print(f"keywords P@5 {figures['keywords_p_at_5']:.3f}; categories {figures['categories']:.1%}")
    for method, v in figures.get("votes", {}).items():
        print(f"votes {method}: accuracy {v['accuracy']:.1%}, on votes {v['vote_accuracy']:.1%}, "
              f"false votes on non-votes {v['false_vote_rate']:.1%}; with asking: votes "
              f"{v['vote_accuracy_with_asking']:.1%} ({v['asked_wrong']} asked with a wrong option), "
              f"non-votes asked {v['asked_non_vote_rate']:.1%}")
    print("JSON " + json.dumps(figures, ensure_ascii=False, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
