"""Vote taps end to end: N residents across M groups tap 【投票】 buttons through the Bot API stand-in.

    python bench/votes.py [--residents 2000] [--groups 20] [--options 4] [--rate 0] [--changes 0.1]

The stand-in (sandbox/botapi.py) runs in this process; the real bot runs as its own process (`python bot.py`)
with a fresh database, exactly as the end-to-end tests start it. Every group gets a facilitator (administrator)
and N/M residents; each group opens a topic, collects --options proposals and starts voting. Then every resident
taps one button (all groups interleaved; --rate 0 fires them all at once, else that many taps a second), and a
share --changes of them taps a second, different option. The run waits until every tap was answered (or
refused as too old) and every ballot shows its final tally, then stops the bot with SIGINT.

Printed, one figure a line, then a one-line JSON summary:
  votes/s end to end     taps / (first tap -> last answerCallbackQuery)
  tap -> answer latency  p50/p90/p99/max from the stand-in's pressed_at/answered_at; answers after Telegram's
                         15 s limit are refused by the stand-in (as by Telegram) and counted as late
  calls per vote         every Bot API call the bot made between the first tap and the last ballot's final
                         tally, divided by the taps, with the breakdown by method
  429s                   calls the stand-in refused with 429 (the whole run)
  ballot edits           editMessageText calls per ballot, and the gap from a group's last tap to its ballot
                         showing the final count
  bot peak RSS           VmHWM of the bot process just before SIGINT (Linux)
Exit status: 0 when every check passed, 1 when something was off (each anomaly is printed), 2 on a setup failure.

The bot process, the councils and the taps are in bench/harness.py; the figures and checks in bench/vote_figures.py.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path[:0] = [str(REPO), str(BENCH)]  # sandbox/ is at the repository root; bench/ is not a package

from harness import (  # noqa: E402 - both directories must be on sys.path first
    BenchBot,
    SetupError,
    Tap,
    Watcher,
    fire,
    make_groups,
    open_councils,
    percentile,
    plan_taps,
    print_log_excerpt,
)
from vote_figures import (  # noqa: E402
    TELEGRAM_ANSWER_LIMIT,
    Answers,
    Calls,
    Setup,
    Tally,
    TapPhase,
    answer_anomalies,
    answer_figures,
    ballot_anomalies,
    bot_anomalies,
    call_figures,
    tally_figures,
    vote_anomalies,
)

from sandbox.botapi import BotApiServer  # noqa: E402

POLL = 0.05  # how often the observer looks at the stand-in's records (timestamps come from the stand-in)


# ---------------------------------------------------------------------------------------------- the run


async def run(args: argparse.Namespace) -> int:
    workdir = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="bench-votes-"))
    workdir.mkdir(parents=True, exist_ok=True)
    server = BotApiServer()
    await server.start()
    bot = BenchBot(server, workdir)
    try:
        return await measure(args, server, bot)
    except SetupError as error:
        print(f"SETUP FAILED: {error}")
        print_log_excerpt(bot)
        return 2
    finally:
        await bot.stop()
        bot.kill()
        await server.stop()
        print(f"bot log: {bot.log_path}")
        if not args.keep and args.workdir is None and getattr(args, "_clean", False):
            shutil.rmtree(workdir, ignore_errors=True)
            print("(work dir removed; --keep keeps it)")


async def measure(args: argparse.Namespace, server: BotApiServer, bot: BenchBot) -> int:
    """Set up, tap, collect the figures and checks, print them; 0 when every check passed, 1 otherwise."""
    setup = await set_up(args, server, bot)
    taps = await run_taps(args, server, bot, setup)
    answers = answer_figures(server, setup.plan, taps)
    calls = call_figures(server, setup.groups, taps, answers)
    tally = tally_figures(server, bot, setup, taps)
    anomalies = [*vote_anomalies(setup, tally), *answer_anomalies(answers, calls),
                 *ballot_anomalies(server, setup.groups, tally), *bot_anomalies(bot, taps, args.timeout)]
    out = summary(args, setup, taps, answers, calls, tally, len(anomalies))
    print_report(args, setup, taps, answers, calls, out)
    if anomalies:
        print("ANOMALIES:")
        for anomaly in anomalies:
            print(f"  - {anomaly}")
        print_log_excerpt(bot)
    write_details(args, server, setup.plan, taps)
    print("JSON " + json.dumps(out, ensure_ascii=False, separators=(",", ":")))
    args._clean = not anomalies
    return 1 if anomalies else 0


# ---------------------------------------------------------------------------------------------- the steps


async def set_up(args: argparse.Namespace, server: BotApiServer, bot: BenchBot) -> Setup:
    """Start the bot, open a council with a posted ballot in every group, and plan the taps."""
    rng = random.Random(args.seed)
    t_setup = time.monotonic()
    await bot.start()
    t_bot_ready = time.monotonic()
    groups = make_groups(server, args.residents, args.groups)
    await open_councils(server, groups, args.options, args.setup_timeout)
    plan = plan_taps(groups, args.options, args.changes, rng)
    return Setup(groups, plan, expected_votes=sum(sum(g.expected.values()) for g in groups),
                 setup_s=time.monotonic() - t_setup, bot_start_s=t_bot_ready - t_setup)


async def run_taps(args: argparse.Namespace, server: BotApiServer, bot: BenchBot, setup: Setup) -> TapPhase:
    """Fire the taps, wait for the answers and final tallies, read the bot's CPU and memory, then stop it."""
    rss_before = bot.status("VmRSS")
    bot_cpu_before, own_cpu_before = bot.cpu_seconds(), time.process_time()
    errors_before = server.count_calls(ok=False)
    watcher = Watcher(server, setup.groups)
    watcher.seen = len(server.calls)
    await fire(server, setup.plan, args.rate)
    first_press = min(t.pressed_at for t in setup.plan)
    injected_s = max(t.pressed_at for t in setup.plan) - first_press
    timed_out = await wait_until_done(bot, watcher, setup, args.timeout)
    bot_cpu = _minus(bot.cpu_seconds(), bot_cpu_before)
    own_cpu = time.process_time() - own_cpu_before
    rss_peak = bot.status("VmHWM")
    rss_now = bot.status("VmRSS")
    stop_at = time.monotonic()
    bot_alive = bot.proc.poll() is None
    exit_code = await bot.stop_code()
    return TapPhase(watcher, rss_before, errors_before, first_press, injected_s, timed_out, bot_cpu, own_cpu,
                    rss_peak, rss_now, stop_at, bot_alive, exit_code)


async def wait_until_done(bot: BenchBot, watcher: Watcher, setup: Setup, limit: float) -> bool:
    """Until every tap got an answer (or a refusal) and every ballot showed its final tally, at most `limit`
    seconds; True when it timed out or the bot died."""
    deadline = time.monotonic() + limit
    while True:
        watcher.scan()
        if len(watcher.attempts) >= len(setup.plan) and all(g.final_at is not None for g in setup.groups):
            return False
        if time.monotonic() > deadline or bot.proc.poll() is not None:
            return True
        await asyncio.sleep(POLL)


# ---------------------------------------------------------------------------------------------- the report


def summary(args: argparse.Namespace, setup: Setup, taps: TapPhase, answers: Answers, calls: Calls, tally: Tally,
            anomalies: int) -> dict:
    """The one-line JSON summary; print_report reads its rounded figures too."""
    taps_sent, ms, edit_counts = len(setup.plan), answers.latency_ms, tally.edit_counts
    gaps, gaps_after_answer = tally.gaps, tally.gaps_after_answer
    return {
        "residents": args.residents, "groups": args.groups, "options": args.options, "rate": args.rate,
        "changes": args.changes, "source": args.source, "load_before": round(args.load, 2),
        "taps_sent": taps_sent, "votes_stored": tally.stored, "votes_expected": setup.expected_votes,
        "taps_answered": answers.answered, "answers_refused_too_old": answers.refused,
        "taps_unanswered": answers.unanswered,
        "tap_injection_s": round(taps.injected_s, 3), "window_s": round(answers.window, 3),
        "votes_per_s": round(answers.votes_per_s, 1),
        "latency_ms": {"p50": _r(percentile(ms, 50)), "p90": _r(percentile(ms, 90)), "p99": _r(percentile(ms, 99)),
                       "max": _r(ms[-1] if ms else float("nan"))},
        "answers_after_15s": answers.late,
        "calls_per_vote": round(calls.in_window / taps_sent, 3),
        "calls_per_vote_excl_getUpdates": round(calls.not_polling / taps_sent, 3),
        "calls_by_method": dict(calls.by_method.most_common()),
        "errors_in_window": sum(calls.failed.values()),
        "http_429": calls.http_429,
        "http_429_during_taps": sum(n for k, n in calls.too_many_by.items() if k[0] == "taps"),
        "edits_per_ballot": {"min": min(edit_counts), "mean": round(sum(edit_counts) / len(edit_counts), 2),
                             "max": max(edit_counts)},
        "final_tally_gap_s": {"max": _r(max(gaps), 3) if gaps else None,
                              "mean": _r(sum(gaps) / len(gaps), 3) if gaps else None},
        "final_after_last_answer_s": {"max": _r(max(gaps_after_answer), 3) if gaps_after_answer else None},
        "ballots_final": len(setup.groups) - len(tally.not_final),
        "bot_cpu_s": _r(taps.bot_cpu, 2), "standin_cpu_s": _r(taps.own_cpu, 2),
        "bot_rss_after_setup_mb": _r(taps.rss_before), "bot_rss_end_mb": _r(taps.rss_now),
        "bot_peak_rss_mb": _r(taps.rss_peak),
        "standin_peak_rss_mb": _r(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "setup_s": round(setup.setup_s, 2), "bot_start_s": round(setup.bot_start_s, 2),
        "errors_before_taps": taps.errors_before, "anomalies": anomalies,
    }


def print_report(args: argparse.Namespace, setup: Setup, taps: TapPhase, answers: Answers, calls: Calls,
                 out: dict) -> None:
    """The figures, one a line: the rounded ones as in the summary `out`, with the breakdowns behind them."""
    print_run(args, setup, taps, out)
    print_answers(answers, out)
    print_calls(calls, out)
    print_ballots(setup, out)
    print_resources(taps, calls, out)


def print_run(args: argparse.Namespace, setup: Setup, taps: TapPhase, out: dict) -> None:
    print(f"residents {args.residents} in {args.groups} groups, {args.options} options, "
          f"rate {'burst' if args.rate <= 0 else f'{args.rate:g} taps/s'}, changes {args.changes:g}")
    print(f"bot source: {args.source}; machine: {os.cpu_count()} CPUs, load average {args.load:.2f} before the run")
    print(f"setup: {setup.setup_s:.2f} s (bot start {setup.bot_start_s:.2f} s), not part of the figures below")
    print(f"taps sent: {len(setup.plan)} ({len(setup.plan) - setup.expected_votes} of them changes), "
          f"injected in {taps.injected_s * 1000:.0f} ms")
    print(f"votes stored: {out['votes_stored']} (expected {setup.expected_votes})")
    print(f"taps answered: {out['taps_answered']} (+{out['answers_refused_too_old']} refused as too old, "
          f"{out['taps_unanswered']} never answered)")


def print_answers(answers: Answers, out: dict) -> None:
    print(f"votes/s end to end: {answers.votes_per_s:.1f} "
          f"({out['taps_sent']} taps, first tap -> last answer {answers.window:.3f} s)")
    for key in ("p50", "p90", "p99", "max"):
        print(f"tap->answer {key}: {out['latency_ms'][key]} ms")
    print(f"answers after {TELEGRAM_ANSWER_LIMIT:.0f} s: {answers.late}")


def print_calls(calls: Calls, out: dict) -> None:
    print(f"outgoing calls per vote: {out['calls_per_vote']} ({calls.in_window} calls from first tap to final tally; "
          f"{out['calls_per_vote_excl_getUpdates']} without getUpdates)")
    for method, count in calls.by_method.most_common():
        print(f"  {method}: {count}")
    for (method, code, description), count in calls.failed.most_common():
        print(f"  failed {method} {code} {description}: {count}")
    print(f"429 responses: {calls.http_429}")
    for (phase, method, description), count in calls.too_many_by.most_common():
        print(f"  {phase}: {method} {description}: {count}")


def print_ballots(setup: Setup, out: dict) -> None:
    edits, gap = out["edits_per_ballot"], out["final_tally_gap_s"]
    print(f"editMessageText per ballot: min {edits['min']} / mean {edits['mean']} / max {edits['max']}")
    print(f"last tap -> final tally shown: max {gap['max']} s, mean {gap['mean']} s "
          f"({out['ballots_final']}/{len(setup.groups)} ballots final)")
    print(f"  (last answer in the group -> final tally shown: max {out['final_after_last_answer_s']['max']} s)")


def print_resources(taps: TapPhase, calls: Calls, out: dict) -> None:
    print(f"CPU from first tap to final tally: bot {_r(taps.bot_cpu, 2)} s, stand-in + bench {taps.own_cpu:.2f} s "
          f"(wall {calls.window_end - taps.first_press:.2f} s, {os.cpu_count()} CPUs)")
    print(f"bot RSS: {_r(taps.rss_before)} MB after setup, {_r(taps.rss_now)} MB at the end, "
          f"peak (VmHWM) {_r(taps.rss_peak)} MB")
    print(f"stand-in + bench process peak RSS: {out['standin_peak_rss_mb']} MB")


def write_details(args: argparse.Namespace, server: BotApiServer, plan: list[Tap], taps: TapPhase) -> None:
    """--taps-out: every tap with its latency; --calls-out: every Bot API call; both JSON lines, times from the
    first tap."""
    if args.taps_out:
        with open(args.taps_out, "w", encoding="utf-8") as f:
            for tap in plan:
                answer = server.callback_answer(tap.query_id) or {}
                call = taps.watcher.attempts.get(tap.query_id)
                answered_at = answer.get("answered_at", call["t"] if call else None)
                f.write(json.dumps({"group": tap.group.index, "option": tap.option,
                                    "pressed": round(tap.pressed_at - taps.first_press, 4),
                                    "latency": None if answered_at is None else round(answered_at - tap.pressed_at, 4),
                                    "ok": bool(answer)}) + "\n")
    if args.calls_out:
        with open(args.calls_out, "w", encoding="utf-8") as f:
            for c in server.calls:
                f.write(json.dumps({**c, "t": round(c["t"] - taps.first_press, 4)}, ensure_ascii=False,
                                   default=str) + "\n")


def source_state() -> str:
    """The commit the bot runs from, and how many files outside bench/ differ from it (others may be mid-edit)."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True,
                              timeout=10).stdout.strip()
        changed = subprocess.run(["git", "status", "--porcelain"], cwd=REPO, capture_output=True, text=True,
                                 timeout=10).stdout.splitlines()
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    changed = [line for line in changed if not line[3:].startswith("bench/")]
    return f"{head or 'unknown'}" + (f" + {len(changed)} changed files" if changed else "")


def _minus(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else a - b


def _r(value: float | None, digits: int = 1) -> float | None:
    return None if value is None or value != value else round(value, digits)


def main() -> int:
    parser = argparse.ArgumentParser(description="Vote taps end to end through the Bot API stand-in")
    parser.add_argument("--residents", type=int, default=2000, help="residents who vote, over all groups")
    parser.add_argument("--groups", type=int, default=20)
    parser.add_argument("--options", type=int, default=4, help="proposals on each ballot")
    parser.add_argument("--rate", type=float, default=0.0, help="taps a second; 0 = all at once (burst)")
    parser.add_argument("--changes", type=float, default=0.1, help="share of residents who tap a second option")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds to wait after the last tap")
    parser.add_argument("--setup-timeout", type=float, default=180.0, help="seconds for each setup phase")
    parser.add_argument("--workdir", help="where the bot's config, database and log go (default: a temp dir)")
    parser.add_argument("--keep", action="store_true", help="keep the temp dir even when all went well")
    parser.add_argument("--taps-out", help="write every tap (group, pressed, latency, ok) to this file (JSON lines)")
    parser.add_argument("--calls-out", help="write every Bot API call the stand-in saw to this file (JSON lines)")
    args = parser.parse_args()
    if args.groups < 1 or args.residents < args.groups or args.options < 1:
        parser.error("need at least one group, one resident per group and one option")
    args.source = source_state()
    args.load = os.getloadavg()[0]
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    try:
        return asyncio.run(run(args))
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
