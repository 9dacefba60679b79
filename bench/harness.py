"""The plumbing of bench/votes.py: the bot process, a council in every group, and the taps on its ballot.

BenchBot starts the real bot (`python bot.py`) against the Bot API stand-in (sandbox/botapi.py) and reads its CPU
time and memory from /proc. make_groups and open_councils set up one group per council, each with a facilitator
and its residents, up to a posted 【投票】 ballot; plan_taps and fire press its buttons; Watcher follows the
stand-in's call log for the answers and the ballot edits that show the final tally.

bench/ is not a package: votes.py puts the repository root and bench/ on sys.path, then imports this module as
`harness`.
"""

from __future__ import annotations

import asyncio
import math
import os
import random
import re
import signal
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from sandbox.botapi import BotApiServer
from sandbox.launcher import BotProcess

LOG_PROBLEM = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ (WARNING|ERROR|CRITICAL) ")
_LOG_STAMP = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ ")
_VOTERS = re.compile(r"已投票 (\d+) 人")
_ROW = re.compile(r"^#(\d+) .* — (\d+)票$", re.MULTILINE)


class SetupError(Exception):
    pass


# ---------------------------------------------------------------------------------------------- the bot process


class BenchBot(BotProcess):
    """The shared launcher (sandbox/launcher.py) plus what this benchmark reads from /proc."""

    def __init__(self, server: BotApiServer, workdir: Path):
        # Quiet hours off: figures must not depend on the hour the benchmark runs.
        super().__init__(server, workdir, {"collect_for": "1h", "vote_for": "1h"}, '[schedule]\nquiet_hours = "off"\n')

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



def _severity(line: str) -> int:
    return next((rank for rank, level in enumerate((" CRITICAL ", " ERROR ", " WARNING ")) if level in line[:40]), 3)


def print_log_excerpt(bot: BotProcess, limit: int = 40) -> None:
    """Distinct WARNING/ERROR messages (and PTB's rate-limiter notes) with their counts, then the first one in
    full (its traceback); without any, the log's last lines."""
    lines = bot.log().splitlines()
    problems = [i for i, line in enumerate(lines) if LOG_PROBLEM.match(line) or "Rate limit hit" in line]
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


def ballot_text(server: BotApiServer, group: Group) -> str:
    """The group's 【投票】 message as the stand-in stores it now, i.e. as users would see it."""
    for message in server.bot_messages(group.chat_id):
        if message["message_id"] == group.ballot_id:
            return message.get("text", "")
    return ""


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


# ---------------------------------------------------------------------------------------------- the taps


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
                group = self.by_ballot.get((as_int(params.get("chat_id")), as_int(params.get("message_id"))))
                if group is not None and group.final_at is None and shows_final(str(params.get("text", "")), group):
                    group.final_at = call["t"]


def as_int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def percentile(sorted_values: list[float], p: float) -> float:
    if not sorted_values:
        return float("nan")
    rank = max(0, min(len(sorted_values) - 1, math.ceil(p / 100 * len(sorted_values)) - 1))  # nearest rank
    return sorted_values[rank]

