"""The weekly digest on a large database: query + render (message, HTML report, CSV), and peak memory.

    python bench/digest.py [--groups 1000] [--topics 5000] [--proposals 100000] [--votes 1000000] [--weeks 26]
                           [--runs 3] [--keep DIR]

Builds a database of made-up councils through our own migrations (storage.db) and storage/seed.py: the topics
spread over --weeks weeks up to last Monday, each with its proposals (real resident wording from tests/data) and
votes, closed topics with their resolutions. Then, in a fresh interpreter (so its memory is the digest's, not the
generator's), it loads jieba once (timed apart), and times --runs digests of the last whole week exactly as the
bot builds and renders them (council.reports.Reports.build + digest_posts: the message, the HTML report and the
CSV). Prints figures one a line and a final `JSON {...}` line; no pass/fail (target: under 3 s, under 300 MB).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

TZ = ZoneInfo("Asia/Shanghai")


def last_monday() -> float:
    today = datetime.now(TZ).replace(hour=0, minute=0, second=0, microsecond=0)
    return (today - timedelta(days=today.weekday())).timestamp()


def texts() -> tuple[list[str], list[str]]:
    proposals, titles = [], []
    for name in ("proposals.jsonl", "blind2_proposals.jsonl"):
        with open(REPO / "tests" / "data" / name, encoding="utf-8") as handle:
            proposals += [json.loads(line)["text"] for line in handle if line.strip()]
    for name in ("topics.jsonl", "blind2_topics.jsonl"):
        with open(REPO / "tests" / "data" / name, encoding="utf-8") as handle:
            titles += [json.loads(line)["title"] for line in handle if line.strip()]
    return proposals, titles


def generate(path: Path, args) -> dict:
    from council.models import CATEGORIES
    from storage import seed
    from storage.db import Database

    async def migrate():
        db = Database(path)
        await db.connect()
        await db.close()

    asyncio.run(migrate())
    rng = random.Random(1)
    proposal_texts, titles = texts()
    end = last_monday()
    start = end - args.weeks * 7 * 86400
    now = time.time()
    chats = [(-1000000 - c, f"测试社区 {c // 20 + 1}幢{c % 20 + 1}单元", rng.randint(80, 400), start, start)
             for c in range(args.groups)]
    members = {chat[0]: chat[2] for chat in chats}
    per_topic_proposals = args.proposals // args.topics
    per_topic_votes = args.votes // args.topics
    plan = []  # (opened, chat) per topic, so that the votes can be shared out among the topics that have a ballot
    for _ in range(args.topics):
        plan.append((rng.uniform(start, end + 2 * 86400), chats[rng.randrange(args.groups)][0], rng.random() < 0.03))
    balloted = sum(1 for opened, _, cancelled in plan if not cancelled and opened + 3 * 86400 < now)
    per_topic_votes = args.votes // max(1, balloted)
    topics, proposals, votes, resolutions = [], [], [], []
    numbers: dict[int, int] = {}
    message_id = 0
    for topic_id, (opened, chat_id, cancelled) in enumerate(plan, 1):
        numbers[chat_id] = numbers.get(chat_id, 0) + 1
        collect, vote = opened + 3 * 86400, opened + 5 * 86400
        if cancelled:
            state, closed = "cancelled", opened + rng.uniform(3600, 2 * 86400)
        elif vote < now:
            state, closed = "closed", vote
        else:
            state, closed = ("voting" if collect < now else "collecting"), None
        topics.append((topic_id, chat_id, numbers[chat_id], rng.choice(titles), state, opened, collect, vote,
                       collect if state in ("voting", "closed") else None, closed, rng.choice(CATEGORIES)))
        for number in range(1, per_topic_proposals + 1):
            message_id += 1
            proposals.append((topic_id, number, chat_id, message_id, rng.randrange(10**6), "居民",
                              rng.choice(proposal_texts), rng.uniform(opened, collect)))
        if state in ("voting", "closed"):
            counts = [0] * (per_topic_proposals + 1)
            for voter in rng.sample(range(10**6), per_topic_votes):
                option = rng.randint(1, per_topic_proposals)
                counts[option] += 1
                votes.append((topic_id, voter, option, rng.uniform(collect, min(vote, now))))
            if state == "closed":
                winner = max(range(1, per_topic_proposals + 1), key=lambda n: counts[n])
                needed = math.ceil(0.3 * members[chat_id])
                resolutions.append((topic_id, "winner" if per_topic_votes >= needed else "no_quorum",
                                    json.dumps([winner]), per_topic_votes, members[chat_id], needed,
                                    int(per_topic_votes >= needed), vote))
    seed.load(str(path), chats, topics, proposals, votes, resolutions)
    return {"chats": len(chats), "topics": len(topics), "proposals": len(proposals), "votes": len(votes),
            "resolutions": len(resolutions), "week_start": end - 7 * 86400, "week_end": end}


def measure(path: Path, start: float, end: float, runs: int) -> dict:
    from council.config import CouncilRules
    from council.language import Language
    from council.reports import Reports
    from council.schedule import Cron
    from council.service import Council
    from storage.db import Database

    rss = lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # noqa: E731 - KiB on Linux
    language = Language(cache_dir=path.parent)
    warm_up = language.warm_up()
    before = rss()

    async def run() -> list[dict]:
        db = Database(path)
        await db.connect()
        council = Council(db, CouncilRules(), TZ, language)
        reports = Reports(council, Cron("0 9 * * 1", TZ), frozenset({-1}))
        figures = []
        for _ in range(runs):
            began = time.perf_counter()
            digest = await reports.build(start, end)
            built = time.perf_counter()
            posts = reports.digest_posts(digest, -1)
            done = time.perf_counter()
            figures.append({"query_s": built - began, "render_s": done - built, "total_s": done - began,
                            "groups": len(digest.groups), "topics": len(digest.topics),
                            "message_chars": len(posts[0].text), "html_kb": len(posts[1].document) / 1024,
                            "csv_kb": len(posts[2].document) / 1024})
        await db.close()
        return figures

    figures = asyncio.run(run())
    return {"jieba_warm_up_s": warm_up, "rss_before_mb": before, "peak_rss_mb": rss(), "runs": figures}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--groups", type=int, default=1000)
    parser.add_argument("--topics", type=int, default=5000)
    parser.add_argument("--proposals", type=int, default=100_000)
    parser.add_argument("--votes", type=int, default=1_000_000)
    parser.add_argument("--weeks", type=int, default=26)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", help="build the database in this folder and keep it")
    parser.add_argument("--measure", nargs=3, metavar=("DB", "START", "END"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(Path(args.measure[0]), float(args.measure[1]), float(args.measure[2]), args.runs)))
        return 0
    folder = Path(args.keep or tempfile.mkdtemp(prefix="digest-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "council.db"
    path.unlink(missing_ok=True)
    began = time.perf_counter()
    made = generate(path, args)
    print(f"database: {made['chats']} groups, {made['topics']} topics, {made['proposals']} proposals, "
          f"{made['votes']} votes, {made['resolutions']} resolutions, {path.stat().st_size / 2**20:.0f} MB "
          f"(built in {time.perf_counter() - began:.1f} s)")
    out = subprocess.run([sys.executable, __file__, "--runs", str(args.runs), "--measure", str(path),
                          str(made["week_start"]), str(made["week_end"])], capture_output=True, text=True, check=True)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    print(f"jieba warm-up (not counted): {result['jieba_warm_up_s']:.2f} s")
    for n, run in enumerate(result["runs"], 1):
        print(f"run {n}: total {run['total_s']:.2f} s (query + keywords {run['query_s']:.2f} s, render "
              f"{run['render_s']:.2f} s); {run['groups']} groups, {run['topics']} topics in the week; message "
              f"{run['message_chars']} chars, HTML {run['html_kb']:.0f} KB, CSV {run['csv_kb']:.0f} KB")
    print(f"peak RSS: {result['peak_rss_mb']:.0f} MB (after loading jieba: {result['rss_before_mb']:.0f} MB)")
    summary = {"db": made, "worst_total_s": max(r["total_s"] for r in result["runs"]),
               "peak_rss_mb": result["peak_rss_mb"], **{k: v for k, v in result.items() if k != "runs"}}
    print("JSON " + json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
