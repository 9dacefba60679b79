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
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import math
import os
import random
import re
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from sandbox.botapi import BotApiServer  # noqa: E402 - the repository root must be on sys.path first
from sandbox.launcher import BotProcess  # noqa: E402

TELEGRAM_ANSWER_LIMIT = 15.0  # seconds: Telegram refuses answerCallbackQuery after this
POLL = 0.05  # how often the observer looks at the stand-in's records (timestamps come from the stand-in)
_VOTERS = re.compile(r"已投票 (\d+) 人")
_LOG_STAMP = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ ")
_LOG_PROBLEM = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ (WARNING|ERROR|CRITICAL) ")
_ROW = re.compile(r"^#(\d+) .* — (\d+)票$", re.MULTILINE)


class SetupError(Exception):
    pass


# ---------------------------------------------------------------------------------------------- the bot process


class BenchBot(BotProcess):
    """The shared launcher (sandbox/launcher.py) plus what this benchmark reads from /proc."""

    def __init__(self, server: BotApiServer, workdir: Path):
        super().__init__(server, workdir, {"collect_for": "1h", "vote_for": "1h"})

    async def start(self, ready_within: float = 30.0) -> None:
        try:
            await super().start(ready_within)
        except RuntimeError as error:
            raise SetupError(str(error).splitlines()[0]) from None

    def cpu_seconds(self) -> float | None:
        """User + system CPU time the bot process has used so far, all its threads (Linux)."""
        try:
            fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError, TypeError):
            return None
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def status(self, key: str) -> float | None:
        """A memory figure (VmHWM, VmRSS …) of the bot process from /proc, in MB; None where there is none."""
        try:
            text = Path(f"/proc/{self.pid}/status").read_text()
        except (OSError, TypeError):
            return None
        match = re.search(rf"^{key}:\s+(\d+) kB", text, re.MULTILINE)
        return int(match.group(1)) / 1024 if match else None

    async def stop_code(self) -> int | None:
        """SIGINT (the launcher escalates to SIGKILL after 15 s); the exit code, None if it had to be killed."""
        if self.proc is None:
            return None
        await self.stop()
        code = self.proc.returncode
        return None if code == -signal.SIGKILL else code


# ---------------------------------------------------------------------------------------------- the councils


@dataclass
class Group:
    index: int
    chat_id: int
    facilitator: int
    residents: list[int]
    ballot_id: int = 0
    buttons: dict[int, str] = field(default_factory=dict)  # option -> callback_data
    topic_id: int = 0
    last_press: float = 0.0
    final_at: float | None = None  # stand-in time of the first edit that showed the final tally
    expected: Counter = field(default_factory=Counter)  # option -> votes, from the tap plan


@dataclass
class Tap:
    group: Group
    user: int
    option: int
    query_id: str = ""
    pressed_at: float = 0.0


def make_groups(server: BotApiServer, residents: int, groups: int) -> list[Group]:
    made = []
    per_group = [residents // groups + (1 if g < residents % groups else 0) for g in range(groups)]
    for g, count in enumerate(per_group):
        facilitator = server.add_user("王社工")["id"]
        members = [server.add_user(f"居民{g}-{n}")["id"] for n in range(count)]
        chat = server.create_group(f"永合社区 {g + 1}幢", members=[facilitator, *members], admins=[facilitator],
                                   bot_admin=True, bot_can_pin=True)
        made.append(Group(g, chat["id"], facilitator, members))
    return made


def find_bot_message(server: BotApiServer, chat_id: int, header: str, contains: str = "") -> dict | None:
    for message in server.bot_messages(chat_id):
        text = message.get("text", "")
        if text.startswith(header) and contains in text:
            return message
    return None


async def wait_each(server: BotApiServer, groups: list[Group], header: str, contains: str, limit: float,
                    what: str) -> dict[int, dict]:
    """Wait (bounded) until every group has a bot message starting with `header` and containing `contains`."""
    found: dict[int, dict] = {}
    deadline = time.monotonic() + limit
    while True:
        for group in groups:
            if group.index not in found:
                message = find_bot_message(server, group.chat_id, header, contains)
                if message is not None:
                    found[group.index] = message
        if len(found) == len(groups):
            return found
        if time.monotonic() > deadline:
            missing = [g.index for g in groups if g.index not in found]
            raise SetupError(f"{what}: {len(missing)} group(s) got no {header}{contains} within {limit:.0f} s "
                             f"(groups {missing[:10]})")
        await asyncio.sleep(0.1)


async def open_councils(server: BotApiServer, groups: list[Group], options: int, limit: float) -> None:
    for group in groups:
        server.send_message(group.chat_id, group.facilitator, f"发起议题 第{group.index + 1}组：电动车进楼道充电怎么管")
    await wait_each(server, groups, "【议题】", "", limit, "opening the topics")
    for group in groups:
        for n in range(1, options + 1):
            author = group.residents[(n - 1) % len(group.residents)]
            server.send_message(group.chat_id, author, f"建议：方案{n}，在小区{n}号门旁边建集中充电棚")
    await wait_each(server, groups, "【征集建议】", f"已收到 #{options}", limit, "collecting the proposals")
    for group in groups:
        server.send_message(group.chat_id, group.facilitator, "开始投票")
    ballots = await wait_each(server, groups, "【投票】", "", limit, "starting the votes")
    for group in groups:
        ballot = ballots[group.index]
        group.ballot_id = ballot["message_id"]
        for row in (ballot.get("reply_markup") or {}).get("inline_keyboard", []):
            for button in row:
                _, topic_id, option = button["callback_data"].split(":")
                group.topic_id = int(topic_id)
                group.buttons[int(option)] = button["callback_data"]
        if sorted(group.buttons) != list(range(1, options + 1)):
            raise SetupError(f"group {group.index}: the ballot offers options {sorted(group.buttons)}, "
                             f"expected 1..{options}")


def plan_taps(groups: list[Group], options: int, changes: float, rng: random.Random) -> list[Tap]:
    """Every resident taps once (groups interleaved round-robin); a share then taps a different option."""
    first: list[Tap] = []
    for k in range(max(len(g.residents) for g in groups)):
        for group in groups:
            if k < len(group.residents):
                first.append(Tap(group, group.residents[k], rng.randint(1, options)))
    second: list[Tap] = []
    if options > 1 and changes > 0:
        for tap in rng.sample(first, round(len(first) * min(changes, 1.0))):
            second.append(Tap(tap.group, tap.user, rng.choice([o for o in range(1, options + 1) if o != tap.option])))
        rng.shuffle(second)
    plan = first + second
    final: dict[tuple[int, int], int] = {}
    for tap in plan:
        final[(tap.group.index, tap.user)] = tap.option
    for (g, _), option in final.items():
        groups[g].expected[option] += 1
    return plan


async def fire(server: BotApiServer, plan: list[Tap], rate: float) -> None:
    """Press the buttons: all at once (rate 0), or paced at `rate` taps a second."""
    start = time.monotonic()
    for i, tap in enumerate(plan):
        if rate > 0:
            delay = start + i / rate - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)  # pacing that --rate asks for
        elif i % 50 == 49:
            await asyncio.sleep(0)  # no delay: lets the stand-in hand the first taps to the bot meanwhile
        group = tap.group
        tap.query_id = server.press_button(group.chat_id, group.ballot_id, tap.user, data=group.buttons[tap.option])
        tap.pressed_at = server.callbacks[tap.query_id]["pressed_at"]
        group.last_press = tap.pressed_at


def shows_final(text: str, group: Group) -> bool:
    voters = _VOTERS.search(text)
    if voters is None or int(voters.group(1)) != sum(group.expected.values()):
        return False
    rows = {int(n): int(k) for n, k in _ROW.findall(text)}
    return all(rows.get(option, -1) == group.expected[option] for option in group.buttons)


class Watcher:
    """Reads the stand-in's call log incrementally: answers to our taps, and ballot edits."""

    def __init__(self, server: BotApiServer, groups: list[Group]):
        self.server = server
        self.by_ballot = {(g.chat_id, g.ballot_id): g for g in groups}
        self.seen = 0
        self.attempts: dict[str, dict] = {}  # query id -> the answerCallbackQuery call (ok or refused)

    def scan(self) -> None:
        calls = self.server.calls
        while self.seen < len(calls):
            call = calls[self.seen]
            self.seen += 1
            params = call["params"]
            if call["method"] == "answerCallbackQuery":
                query_id = params.get("callback_query_id")
                if query_id is not None and (query_id not in self.attempts or call["ok"]):
                    self.attempts[query_id] = call
            elif call["method"] == "editMessageText" and call["ok"]:
                group = self.by_ballot.get((_int(params.get("chat_id")), _int(params.get("message_id"))))
                if group is not None and group.final_at is None and shows_final(str(params.get("text", "")), group):
                    group.final_at = call["t"]


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def percentile(sorted_values: list[float], p: float) -> float:
    if not sorted_values:
        return float("nan")
    rank = max(0, min(len(sorted_values) - 1, math.ceil(p / 100 * len(sorted_values)) - 1))  # nearest rank
    return sorted_values[rank]


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
    rng = random.Random(args.seed)
    t_setup = time.monotonic()
    await bot.start()
    t_bot_ready = time.monotonic()
    groups = make_groups(server, args.residents, args.groups)
    await open_councils(server, groups, args.options, args.setup_timeout)
    plan = plan_taps(groups, args.options, args.changes, rng)
    setup_s, bot_start_s = time.monotonic() - t_setup, t_bot_ready - t_setup
    rss_before = bot.status("VmRSS")
    bot_cpu_before, own_cpu_before = bot.cpu_seconds(), time.process_time()
    errors_before = server.count_calls(ok=False)

    # ---- the measured window: from the first tap to the last answer / final tally
    watcher = Watcher(server, groups)
    watcher.seen = len(server.calls)
    await fire(server, plan, args.rate)
    first_press = min(t.pressed_at for t in plan)
    last_press = max(t.pressed_at for t in plan)
    injected_s = last_press - first_press
    deadline = time.monotonic() + args.timeout
    timed_out = False
    while True:
        watcher.scan()
        if len(watcher.attempts) >= len(plan) and all(g.final_at is not None for g in groups):
            break
        if time.monotonic() > deadline or bot.proc.poll() is not None:
            timed_out = True
            break
        await asyncio.sleep(POLL)
    bot_cpu = _minus(bot.cpu_seconds(), bot_cpu_before)
    own_cpu = time.process_time() - own_cpu_before
    rss_peak = bot.status("VmHWM")
    rss_now = bot.status("VmRSS")
    stop_at = time.monotonic()
    bot_alive = bot.proc.poll() is None
    exit_code = await bot.stop_code()

    # ---- figures
    anomalies: list[str] = []
    latencies: list[float] = []
    answered = refused = 0
    last_answer = first_press
    answer_texts: Counter = Counter()
    for tap in plan:
        answer = server.callback_answer(tap.query_id)
        if answer is not None:
            answered += 1
            latencies.append(answer["answered_at"] - answer["pressed_at"])
            last_answer = max(last_answer, answer["answered_at"])
            answer_texts[answer["text"]] += 1
            continue
        call = watcher.attempts.get(tap.query_id)
        if call is not None:  # refused by the stand-in, as Telegram does after 15 s
            refused += 1
            latencies.append(call["t"] - tap.pressed_at)
            last_answer = max(last_answer, call["t"])
    latencies.sort()
    late = sum(1 for x in latencies if x > TELEGRAM_ANSWER_LIMIT)
    unanswered = len(plan) - answered - refused
    window = last_answer - first_press
    votes_per_s = len(plan) / window if window > 0 else float("inf")
    final_all = max((g.final_at for g in groups if g.final_at is not None), default=None)
    window_end = max(final_all if final_all is not None and not timed_out else stop_at, last_answer)

    # Calls are recorded when they finish, stamped with their start: the bot has stopped, so all are in.
    in_window = [c for c in server.calls if first_press <= c["t"] <= window_end]
    by_method = Counter(c["method"] for c in in_window)
    not_polling = sum(n for m, n in by_method.items() if m != "getUpdates")
    failed_in_window = Counter((c["method"], c["error_code"], c["description"]) for c in in_window if not c["ok"])
    too_many = [c for c in server.calls if c["error_code"] == 429]
    too_many_by = Counter(("setup" if c["t"] < first_press else "taps", c["method"], c["description"])
                          for c in too_many)
    edits: dict[int, int] = defaultdict(int)
    by_ballot = {(g.chat_id, g.ballot_id): g for g in groups}
    for c in server.calls:
        if c["method"] == "editMessageText" and first_press <= c["t"] < stop_at:
            group = by_ballot.get((_int(c["params"].get("chat_id")), _int(c["params"].get("message_id"))))
            if group is not None:
                edits[group.index] += 1
    edit_counts = [edits[g.index] for g in groups]
    gaps = [g.final_at - g.last_press for g in groups if g.final_at is not None]
    last_answer_in: dict[int, float] = {}
    for tap in plan:
        answer = server.callback_answer(tap.query_id)
        if answer is not None:
            last_answer_in[tap.group.index] = max(last_answer_in.get(tap.group.index, 0.0), answer["answered_at"])
    gaps_after_answer = [g.final_at - last_answer_in[g.index] for g in groups
                         if g.final_at is not None and g.index in last_answer_in]

    try:
        stored = bot.query("SELECT COUNT(*) FROM votes")[0][0]
        db_counts = {(t, o): n for t, o, n in bot.query("SELECT topic_id, option, COUNT(*) FROM votes GROUP BY 1, 2")}
    except sqlite3.Error as error:
        stored, db_counts = None, {}
        anomalies.append(f"could not read the votes from {bot.db_path}: {error}")

    expected_votes = sum(sum(g.expected.values()) for g in groups)
    if stored is not None and stored != expected_votes:
        anomalies.append(f"{stored} votes stored, expected {expected_votes}")
    wrong_tallies = [g.index for g in groups
                     if any(db_counts.get((g.topic_id, o), 0) != g.expected[o] for o in g.buttons)]
    if db_counts and wrong_tallies:
        anomalies.append(f"stored per-option counts differ from the taps in groups {wrong_tallies[:10]}")
    if unanswered:
        anomalies.append(f"{unanswered} taps never got an answerCallbackQuery")
    if refused:
        anomalies.append(f"{refused} answers were refused by the stand-in (later than {TELEGRAM_ANSWER_LIMIT:.0f} s)")
    if late:
        anomalies.append(f"{late} answers came after Telegram's {TELEGRAM_ANSWER_LIMIT:.0f} s limit")
    if too_many:
        anomalies.append(f"{len(too_many)} calls were refused with 429 "
                         f"({sum(n for k, n in too_many_by.items() if k[0] == 'setup')} during setup)")
    odd_answers = {t: n for t, n in answer_texts.items() if not (t or "").startswith("已投 #")}
    if odd_answers:
        anomalies.append(f"answers that are not a vote toast: {odd_answers}")
    not_final = [g for g in groups if g.final_at is None]
    for group in not_final[:5]:
        current = next((m.get("text", "") for m in server.bot_messages(group.chat_id)
                        if m["message_id"] == group.ballot_id), "")
        shown = [line for line in current.splitlines() if line.startswith("#") or "已投票" in line]
        anomalies.append(f"group {group.index}: ballot never showed the final tally "
                         f"{dict(sorted(group.expected.items()))}; it shows {shown}")
    if len(not_final) > 5:
        anomalies.append(f"... and {len(not_final) - 5} more ballots without their final tally")
    for group in groups:  # the stand-in's stored ballot text, as users would see it
        current = next((m.get("text", "") for m in server.bot_messages(group.chat_id)
                        if m["message_id"] == group.ballot_id), "")
        if group.final_at is not None and not shows_final(current, group):
            anomalies.append(f"group {group.index}: the ballot moved away from its final tally: {current[-60:]!r}")
    if not bot_alive:
        anomalies.append(f"the bot process died during the run (exit code {bot.proc.returncode})")
    elif exit_code not in (0, None):
        anomalies.append(f"the bot exited with {exit_code} after SIGINT")
    elif exit_code is None:
        anomalies.append("the bot did not stop within 15 s of SIGINT and was killed")
    if timed_out and bot_alive:
        anomalies.append(f"timed out after {args.timeout:.0f} s waiting for the answers and final tallies")
    problems_in_log = [line for line in bot.log().splitlines() if _LOG_PROBLEM.match(line)]
    if problems_in_log:
        anomalies.append(f"{len(problems_in_log)} WARNING/ERROR records in the bot log")

    ms = [x * 1000 for x in latencies]
    out = {
        "residents": args.residents, "groups": args.groups, "options": args.options, "rate": args.rate,
        "changes": args.changes, "source": args.source, "load_before": round(args.load, 2),
        "taps_sent": len(plan), "votes_stored": stored, "votes_expected": expected_votes,
        "taps_answered": answered, "answers_refused_too_old": refused, "taps_unanswered": unanswered,
        "tap_injection_s": round(injected_s, 3), "window_s": round(window, 3),
        "votes_per_s": round(votes_per_s, 1),
        "latency_ms": {"p50": _r(percentile(ms, 50)), "p90": _r(percentile(ms, 90)), "p99": _r(percentile(ms, 99)),
                       "max": _r(ms[-1] if ms else float("nan"))},
        "answers_after_15s": late,
        "calls_per_vote": round(len(in_window) / len(plan), 3),
        "calls_per_vote_excl_getUpdates": round(not_polling / len(plan), 3),
        "calls_by_method": dict(by_method.most_common()),
        "errors_in_window": sum(failed_in_window.values()),
        "http_429": len(too_many),
        "http_429_during_taps": sum(n for k, n in too_many_by.items() if k[0] == "taps"),
        "edits_per_ballot": {"min": min(edit_counts), "mean": round(sum(edit_counts) / len(edit_counts), 2),
                             "max": max(edit_counts)},
        "final_tally_gap_s": {"max": _r(max(gaps), 3) if gaps else None,
                              "mean": _r(sum(gaps) / len(gaps), 3) if gaps else None},
        "final_after_last_answer_s": {"max": _r(max(gaps_after_answer), 3) if gaps_after_answer else None},
        "ballots_final": len(groups) - len(not_final),
        "bot_cpu_s": _r(bot_cpu, 2), "standin_cpu_s": _r(own_cpu, 2),
        "bot_rss_after_setup_mb": _r(rss_before), "bot_rss_end_mb": _r(rss_now), "bot_peak_rss_mb": _r(rss_peak),
        "standin_peak_rss_mb": _r(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "setup_s": round(setup_s, 2), "bot_start_s": round(bot_start_s, 2),
        "errors_before_taps": errors_before, "anomalies": len(anomalies),
    }

    p = print
    p(f"residents {args.residents} in {args.groups} groups, {args.options} options, "
      f"rate {'burst' if args.rate <= 0 else f'{args.rate:g} taps/s'}, changes {args.changes:g}")
    p(f"bot source: {args.source}; machine: {os.cpu_count()} CPUs, load average {args.load:.2f} before the run")
    p(f"setup: {setup_s:.2f} s (bot start {bot_start_s:.2f} s), not part of the figures below")
    p(f"taps sent: {len(plan)} ({len(plan) - expected_votes} of them changes), injected in {injected_s * 1000:.0f} ms")
    p(f"votes stored: {stored} (expected {expected_votes})")
    p(f"taps answered: {answered} (+{refused} refused as too old, {unanswered} never answered)")
    p(f"votes/s end to end: {votes_per_s:.1f} ({len(plan)} taps, first tap -> last answer {window:.3f} s)")
    p(f"tap->answer p50: {out['latency_ms']['p50']} ms")
    p(f"tap->answer p90: {out['latency_ms']['p90']} ms")
    p(f"tap->answer p99: {out['latency_ms']['p99']} ms")
    p(f"tap->answer max: {out['latency_ms']['max']} ms")
    p(f"answers after {TELEGRAM_ANSWER_LIMIT:.0f} s: {late}")
    p(f"outgoing calls per vote: {out['calls_per_vote']} ({len(in_window)} calls from first tap to final tally; "
      f"{out['calls_per_vote_excl_getUpdates']} without getUpdates)")
    for method, count in by_method.most_common():
        p(f"  {method}: {count}")
    for (method, code, description), count in failed_in_window.most_common():
        p(f"  failed {method} {code} {description}: {count}")
    p(f"429 responses: {len(too_many)}")
    for (phase, method, description), count in too_many_by.most_common():
        p(f"  {phase}: {method} {description}: {count}")
    p(f"editMessageText per ballot: min {min(edit_counts)} / mean {out['edits_per_ballot']['mean']} / "
      f"max {max(edit_counts)}")
    p(f"last tap -> final tally shown: max {out['final_tally_gap_s']['max']} s, "
      f"mean {out['final_tally_gap_s']['mean']} s ({out['ballots_final']}/{len(groups)} ballots final)")
    p(f"  (last answer in the group -> final tally shown: max {out['final_after_last_answer_s']['max']} s)")
    p(f"CPU from first tap to final tally: bot {_r(bot_cpu, 2)} s, stand-in + bench {own_cpu:.2f} s "
      f"(wall {window_end - first_press:.2f} s, {os.cpu_count()} CPUs)")
    p(f"bot RSS: {_r(rss_before)} MB after setup, {_r(rss_now)} MB at the end, peak (VmHWM) {_r(rss_peak)} MB")
    p(f"stand-in + bench process peak RSS: {out['standin_peak_rss_mb']} MB")
    if anomalies:
        p("ANOMALIES:")
        for anomaly in anomalies:
            p(f"  - {anomaly}")
        print_log_excerpt(bot)
    if args.taps_out:
        with open(args.taps_out, "w", encoding="utf-8") as f:  # noqa: ASYNC230 - after the measurement
            for tap in plan:
                answer = server.callback_answer(tap.query_id) or {}
                call = watcher.attempts.get(tap.query_id)
                answered_at = answer.get("answered_at", call["t"] if call else None)
                f.write(json.dumps({"group": tap.group.index, "option": tap.option,
                                    "pressed": round(tap.pressed_at - first_press, 4),
                                    "latency": None if answered_at is None else round(answered_at - tap.pressed_at, 4),
                                    "ok": bool(answer)}) + "\n")
    if args.calls_out:
        with open(args.calls_out, "w", encoding="utf-8") as f:  # noqa: ASYNC230 - after the measurement
            for c in server.calls:
                f.write(json.dumps({**c, "t": round(c["t"] - first_press, 4)}, ensure_ascii=False, default=str) + "\n")
    p("JSON " + json.dumps(out, ensure_ascii=False, separators=(",", ":")))
    args._clean = not anomalies
    return 1 if anomalies else 0


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


def _severity(line: str) -> int:
    return next((rank for rank, level in enumerate((" CRITICAL ", " ERROR ", " WARNING ")) if level in line[:40]), 3)


def print_log_excerpt(bot: BotProcess, limit: int = 40) -> None:
    """Distinct WARNING/ERROR messages (and PTB's rate-limiter notes) with their counts, then the first one in
    full (its traceback); without any, the log's last lines."""
    lines = bot.log().splitlines()
    problems = [i for i, line in enumerate(lines) if _LOG_PROBLEM.match(line) or "Rate limit hit" in line]
    print(f"--- bot log excerpt ({bot.log_path}) ---")
    if not problems:
        shown = lines[-limit:]
    else:
        kinds = Counter(_LOG_STAMP.sub("", lines[i]) for i in problems)
        for message, count in kinds.most_common(10):
            print(f"  {count} x {message[:250]}")
        first = min(problems, key=lambda i: (_severity(lines[i]), i))  # the first of the worst kind
        end = next((i for i in range(first + 1, len(lines)) if _LOG_STAMP.match(lines[i])), len(lines))
        shown = lines[first:end] if end - first <= limit else [*lines[first:first + 8], "  ...", *lines[end - 8:end]]
        print("  first one in full:")
    for line in shown:
        print(f"  {line[:300]}")


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
