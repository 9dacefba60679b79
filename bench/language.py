"""Residents' Chinese (council.language): quality on the labelled sets, jieba start-up, and messages a second.

    python bench/language.py [--runs 3] [--messages 5000] [--skip-startup]

Quality, per split of the sets in tests/data (see tests/test_language_quality.py for how each figure is counted):
  dev      what the lexicon and thresholds were tuned on
  test     written after a first freeze and measured once (figures in bench/README.md); its errors then guided a
           second round of lexicon work, so it is no longer blind
  holdout  written after the second freeze, never tuned on
Figures: similar-proposal precision/recall/F1 over all same-topic pairs at SIMILAR_THRESHOLD, and how often
similar() names a proposal of another cluster; vote reading accuracy for choice (choice + approval) and consent
ballots with the false-vote rate on non-votes; keyword precision@5; category accuracy; civility accuracy.

Unseen vocabulary (--unseen-draws, dev and test only): residents use words the lexicon lacks, and every labelled split
has been looked at. So each draw drops a share of the lexicon's forms at random (negators and stopwords kept, jieba
no longer told of the dropped words) and measures similar proposals again: what the lexicon-free parts of
council.language (Reader._guess, the unknown-word weight) make of words they were not written for.

Start-up, each run in a fresh interpreter: cold = empty cache directory (jieba builds its prefix dictionary and
we write our cache), warm = the cache from the cold run. jieba's own marshal cache is timed the same way for
comparison.

Throughput: one Language, a topic of 200 active proposals, a stream of chat messages (votes, chit-chat, new
proposals); per message read_vote(), and similar() against the 200 when it is not a vote. Prints figures and a
final `JSON {...}` line; no pass/fail.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from council.language import SIMILAR_THRESHOLD, Language, _lexicon  # noqa: E402 - the repository root must be on sys.path first
from council.language._segmenter import Segmenter  # noqa: E402
from council.language.meaning import Reader  # noqa: E402
from tests.test_language_quality import (  # noqa: E402
    category_accuracy,
    civility_accuracy,
    keyword_precision,
    load,
    prf,
    similar_answers,
    similarity_pairs,
    vote_figures,
)

SPLITS = ("dev", "test", "holdout")

_STARTUP = """
import json, sys, time
started = time.perf_counter()
from council.language import Language
imported = time.perf_counter()
language = Language(cache_dir=sys.argv[1])
seconds = language.warm_up()
first = time.perf_counter()
language.similar("划个固定的地方专门喂狗", [(1, "设固定投喂点"), (2, "禁止投喂")])
done = time.perf_counter()
print(json.dumps({"import": imported - started, "warm_up": seconds, "first_similar": done - first,
                  "total": done - started, "cache_used": language.segmenter.cache_used}))
"""

_JIEBA_OWN = """
import json, logging, sys, time
started = time.perf_counter()
import jieba
jieba.setLogLevel(logging.WARNING)
imported = time.perf_counter()
tokenizer = jieba.Tokenizer()
tokenizer.tmp_dir = sys.argv[1]
tokenizer.initialize()
loaded = time.perf_counter()
print(json.dumps({"import": imported - started, "load": loaded - imported}))
"""


def quality(language: Language) -> dict:
    proposals, topics = load("proposals.jsonl"), load("topics.jsonl")
    votes, categories, civility = load("votes.jsonl"), load("categories.jsonl"), load("civility.jsonl")
    figures: dict = {}
    for split in SPLITS:
        if not any(row["split"] == split for row in proposals + votes):
            continue
        sim = prf(similarity_pairs(language, proposals, split), SIMILAR_THRESHOLD)
        answers = similar_answers(language, proposals, split)
        vote = vote_figures(language, votes, split)
        keywords, _ = keyword_precision(language, proposals, topics, split)
        category, n_categories, _ = category_accuracy(language, categories, topics, proposals, split)
        civil, n_civil, _ = civility_accuracy(language, civility, split)
        figures[split] = {"similar": sim, "similar_answers": answers, "votes": vote, "keyword_p_at_5": keywords,
                          "category_accuracy": category, "categories": n_categories, "civility_accuracy": civil,
                          "civility_messages": n_civil}
        n_proposals = sum(row["split"] == split for row in proposals)
        print(f"[{split}] similar proposals ({n_proposals} proposals, {sim['pairs']} same-topic pairs, "
              f"{sim['positives']} paraphrase pairs) at threshold {SIMILAR_THRESHOLD}: precision {sim['precision']:.3f}"
              f"  recall {sim['recall']:.3f}  F1 {sim['f1']:.3f}")
        print(f"[{split}] similar() as the bot calls it: right {answers['accuracy']:.1%}, names another cluster's "
              f"proposal {answers['wrong_match_rate']:.1%} of {answers['n']}")
        for group, values in vote.items():
            print(f"[{split}] votes, {group} ballots ({values['messages']} messages, {values['non_votes']} non-votes): "
                  f"accuracy {values['accuracy']:.1%}  votes read right {values['vote_accuracy']:.1%}  "
                  f"false votes on non-votes {values['false_vote_rate']:.1%}  "
                  f"with asking: votes {values['vote_accuracy_with_asking']:.1%}, "
                  f"non-votes asked {values['asked_non_vote_rate']:.1%}")
        print(f"[{split}] keyword precision@5 {keywords:.3f}   category accuracy {category:.1%} ({n_categories} "
              f"topics)   civility accuracy {civil:.1%} ({n_civil} messages)")
    return figures


def drop_forms(text: str, share: float, rng: random.Random) -> str:
    """lexicon.txt with each surface form but the canonical one dropped at random (with probability `share`);
    negators and stopwords are closed classes, not vocabulary, and stay whole."""
    lines = []
    for line in text.splitlines():
        items = line.split()
        if not items or line.lstrip().startswith("#") or "!neg" in items or "!stop" in items:
            lines.append(line)
            continue
        kept = [items[0]]
        for position, item in enumerate(items[1:], start=1):
            marked = re.match(r"[=@!~]", item) or "=" in items[:position]
            if marked or rng.random() >= share:
                kept.append(item)
        lines.append(" ".join(kept))
    return "\n".join(lines)


def unseen_vocabulary(cache: str, draws: int, share: float) -> dict:
    proposals = [row for row in load("proposals.jsonl") if row["split"] in ("dev", "test")]
    full = _lexicon.lexicon()
    extra_words = [word for word in _lexicon.user_words() if word not in full.form_to_group]  # userdict.txt
    runs: dict[str, list[dict]] = {"dev": [], "test": []}
    for draw in range(draws):
        lexicon = _lexicon.parse_lexicon(drop_forms(_lexicon._data("lexicon.txt"), share, random.Random(draw)))
        language = Language(cache_dir=cache)
        language.segmenter = Segmenter(cache, extra_words + [form for form in lexicon.form_to_group
                                                             if len(form) >= 2 and not form.isascii()])
        language.segmenter.load()
        language._lexicon = lexicon
        language._reader = Reader(lexicon, language._stopwords, language.segmenter.cut)
        for split in runs:
            runs[split].append(prf(similarity_pairs(language, proposals, split), SIMILAR_THRESHOLD))
    figures = {}
    for split, rows in runs.items():
        mean = {key: statistics.mean(row[key] for row in rows) for key in ("precision", "recall", "f1")}
        mean["min_precision"] = min(row["precision"] for row in rows)
        figures[split] = mean
        print(f"[{split}] unseen vocabulary ({share:.0%} of the lexicon's forms dropped, mean of {draws} draws): "
              f"precision {mean['precision']:.3f} (lowest {mean['min_precision']:.3f})  recall {mean['recall']:.3f}"
              f"  F1 {mean['f1']:.3f}")
    return figures


def startup(runs: int) -> dict:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    results: dict[str, list[dict]] = {"cold": [], "warm": [], "jieba_cold": [], "jieba_warm": []}
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as cache:
            for kind in ("cold", "warm"):
                out = subprocess.run([sys.executable, "-c", _STARTUP, cache], capture_output=True, text=True, env=env,
                                     check=True, cwd=REPO).stdout
                results[kind].append(json.loads(out))
        with tempfile.TemporaryDirectory() as cache:
            for kind in ("jieba_cold", "jieba_warm"):
                out = subprocess.run([sys.executable, "-c", _JIEBA_OWN, cache], capture_output=True, text=True,
                                     env=env, check=True, cwd=REPO).stdout
                results[kind].append(json.loads(out))
    summary = {kind: {key: statistics.median(run[key] for run in rows) for key in rows[0] if key != "cache_used"}
               for kind, rows in results.items()}
    for kind in ("cold", "warm"):
        values = summary[kind]
        print(f"start-up {kind:4} (median of {runs}, fresh interpreter): import council.language "
              f"{values['import'] * 1000:.0f} ms, warm_up {values['warm_up'] * 1000:.0f} ms, first similar() "
              f"{values['first_similar'] * 1000:.1f} ms, total {values['total'] * 1000:.0f} ms")
    for kind in ("jieba_cold", "jieba_warm"):
        values = summary[kind]
        print(f"for comparison, jieba's own {kind.split('_')[1]} load (marshal cache): import jieba "
              f"{values['import'] * 1000:.0f} ms, initialize {values['load'] * 1000:.0f} ms")
    return summary


def throughput(language: Language, messages: int, seed: int) -> dict:
    rng = random.Random(seed)
    proposals = [row["text"] for row in load("proposals.jsonl")]
    rng.shuffle(proposals)
    existing = list(enumerate(proposals[:200], start=1))
    chat = [row["text"] for row in load("votes.jsonl")] + proposals[200:] + [row["text"] for row in
                                                                               load("civility.jsonl")]
    stream = [rng.choice(chat) for _ in range(messages)]
    options = list(range(1, 201))

    def classify(text: str):
        reading = language.read_vote(text, "choice", options)
        if reading.kind != "none":
            return reading
        return language.similar(text, existing)

    started = time.perf_counter()
    classify("设固定投喂点")  # the first message of a topic reads its 200 proposals
    first = time.perf_counter() - started
    started = time.perf_counter()
    for text in stream:
        classify(text)
    elapsed = time.perf_counter() - started
    new_texts = [f"{text}（补充{i}）" for i, text in enumerate(stream[:500])]  # never seen: no signature cached
    started = time.perf_counter()
    for text in new_texts:
        classify(text)
    unseen = time.perf_counter() - started
    longest = 0.0  # messages at Telegram's limit of 4096 characters: a run of numerals, a long paragraph
    for text in ("一二" * 2048, ("楼下的流浪狗又叫了一晚上，3号楼的老人睡不着，" * 200)[:4096]):
        started = time.perf_counter()
        classify(text)
        longest = max(longest, time.perf_counter() - started)
    figures = {"messages": messages, "per_second": messages / elapsed, "mean_ms": elapsed / messages * 1000,
               "unseen_mean_ms": unseen / len(new_texts) * 1000, "first_message_ms": first * 1000,
               "longest_ms": longest * 1000}
    print(f"classifying chat messages against a topic of 200 proposals: {figures['per_second']:.0f} messages/s "
          f"(mean {figures['mean_ms']:.3f} ms; messages never seen before {figures['unseen_mean_ms']:.3f} ms; "
          f"the topic's first message, reading its 200 proposals, {figures['first_message_ms']:.0f} ms; "
          f"a message of 4096 characters {figures['longest_ms']:.0f} ms at most)")
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="start-up runs, each cold and warm (median printed)")
    parser.add_argument("--messages", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--skip-startup", action="store_true")
    parser.add_argument("--unseen-draws", type=int, default=6, help="lexicons with forms dropped (0: skip)")
    parser.add_argument("--unseen-share", type=float, default=0.3, help="share of the forms dropped in each")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as cache:
        language = Language(cache_dir=cache)
        language.warm_up()
        summary = {"quality": quality(language)}
        if args.unseen_draws:
            summary["unseen_vocabulary"] = unseen_vocabulary(cache, args.unseen_draws, args.unseen_share)
        fresh = Language(cache_dir=cache)  # no signatures cached yet
        fresh.warm_up()
        summary["throughput"] = throughput(fresh, args.messages, args.seed)
    if not args.skip_startup:
        summary["startup"] = startup(args.runs)
    print("JSON " + json.dumps(summary, ensure_ascii=False, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
