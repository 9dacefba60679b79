"""The figures of bench/votes.py, read from the stand-in's records and the bot's database after the run, and the
checks on them (each failed check is an anomaly: a line in the report and exit status 1).

votes.py imports this module after putting the repository root and bench/ on sys.path.
"""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from dataclasses import dataclass

from harness import LOG_PROBLEM, BenchBot, Group, Tap, Watcher, as_int, ballot_text, shows_final

from sandbox.botapi import BotApiServer

TELEGRAM_ANSWER_LIMIT = 15.0  # seconds: Telegram refuses answerCallbackQuery after this


@dataclass
class Setup:
    """The councils and the tap plan, ready before the first tap (timed, not part of the figures)."""

    groups: list[Group]
    plan: list[Tap]
    expected_votes: int  # one a resident: the last option each one taps
    setup_s: float
    bot_start_s: float


@dataclass
class TapPhase:
    """Readings just before the first tap, then the measured window: from the first tap until every answer and
    final tally arrived (or the timeout), and the bot's stop."""

    watcher: Watcher
    rss_before: float | None  # MB, after setup
    errors_before: int  # calls the stand-in refused during setup
    first_press: float
    injected_s: float  # first tap -> last tap
    timed_out: bool
    bot_cpu: float | None
    own_cpu: float
    rss_peak: float | None
    rss_now: float | None
    stop_at: float  # just before SIGINT
    bot_alive: bool
    exit_code: int | None


@dataclass
class Answers:
    """The answerCallbackQuery calls to the taps, and how long each took."""

    answered: int
    refused: int  # by the stand-in, later than TELEGRAM_ANSWER_LIMIT
    unanswered: int
    late: int
    latency_ms: list[float]  # sorted
    last_answer: float
    window: float  # first tap -> last answer
    votes_per_s: float
    texts: Counter  # answer text -> count


@dataclass
class Calls:
    """Every Bot API call the bot made from the first tap to the last final tally, and the 429s of the whole run."""

    window_end: float
    in_window: int
    by_method: Counter
    not_polling: int  # calls in the window other than getUpdates
    failed: Counter  # (method, error code, description) -> count, in the window
    http_429: int
    too_many_by: Counter  # (setup | taps, method, description) -> count


@dataclass
class Tally:
    """The ballots' edits and final tallies, and the votes stored in the bot's database."""

    edit_counts: list[int]  # editMessageText of each ballot, from the first tap on
    gaps: list[float]  # a group's last tap -> its ballot showing the final tally
    gaps_after_answer: list[float]  # a group's last answer -> its ballot showing the final tally
    not_final: list[Group]
    stored: int | None
    db_counts: dict[tuple[int, int], int]  # (topic, option) -> votes
    db_error: str | None


# ---------------------------------------------------------------------------------------------- the figures


def answer_figures(server: BotApiServer, plan: list[Tap], taps: TapPhase) -> Answers:
    """Tap -> answer latencies from the stand-in's pressed_at/answered_at; a refused answer counts at its arrival."""
    latencies: list[float] = []
    answered = refused = 0
    last_answer = taps.first_press
    texts: Counter = Counter()
    for tap in plan:
        answer = server.callback_answer(tap.query_id)
        if answer is not None:
            answered += 1
            latencies.append(answer["answered_at"] - answer["pressed_at"])
            last_answer = max(last_answer, answer["answered_at"])
            texts[answer["text"]] += 1
            continue
        call = taps.watcher.attempts.get(tap.query_id)
        if call is not None:  # refused by the stand-in, as Telegram does after 15 s
            refused += 1
            latencies.append(call["t"] - tap.pressed_at)
            last_answer = max(last_answer, call["t"])
    latencies.sort()
    window = last_answer - taps.first_press
    return Answers(answered, refused, unanswered=len(plan) - answered - refused,
                   late=sum(1 for x in latencies if x > TELEGRAM_ANSWER_LIMIT),
                   latency_ms=[x * 1000 for x in latencies], last_answer=last_answer, window=window,
                   votes_per_s=len(plan) / window if window > 0 else float("inf"), texts=texts)


def call_figures(server: BotApiServer, groups: list[Group], taps: TapPhase, answers: Answers) -> Calls:
    """The calls from the first tap to the last final tally (or the stop, on a timeout), and all the 429s."""
    final_all = max((g.final_at for g in groups if g.final_at is not None), default=None)
    window_end = max(final_all if final_all is not None and not taps.timed_out else taps.stop_at,
                     answers.last_answer)
    # Calls are recorded when they finish, stamped with their start: the bot has stopped, so all are in.
    in_window = [c for c in server.calls if taps.first_press <= c["t"] <= window_end]
    by_method = Counter(c["method"] for c in in_window)
    too_many = [c for c in server.calls if c["error_code"] == 429]
    return Calls(window_end, len(in_window), by_method,
                 not_polling=sum(n for m, n in by_method.items() if m != "getUpdates"),
                 failed=Counter((c["method"], c["error_code"], c["description"]) for c in in_window if not c["ok"]),
                 http_429=len(too_many),
                 too_many_by=Counter(("setup" if c["t"] < taps.first_press else "taps", c["method"], c["description"])
                                     for c in too_many))


def tally_figures(server: BotApiServer, bot: BenchBot, setup: Setup, taps: TapPhase) -> Tally:
    """Edits per ballot, the gaps to each final tally, and the votes as the bot stored them."""
    groups = setup.groups
    last_answer_in = last_answer_per_group(server, setup.plan)
    stored, db_counts, db_error = stored_votes(bot)
    return Tally(edit_counts=ballot_edits(server, groups, taps.first_press, taps.stop_at),
                 gaps=[g.final_at - g.last_press for g in groups if g.final_at is not None],
                 gaps_after_answer=[g.final_at - last_answer_in[g.index] for g in groups
                                    if g.final_at is not None and g.index in last_answer_in],
                 not_final=[g for g in groups if g.final_at is None],
                 stored=stored, db_counts=db_counts, db_error=db_error)


def ballot_edits(server: BotApiServer, groups: list[Group], start: float, end: float) -> list[int]:
    """editMessageText calls on each group's ballot that started in [start, end)."""
    edits: dict[int, int] = defaultdict(int)
    by_ballot = {(g.chat_id, g.ballot_id): g for g in groups}
    for c in server.calls:
        if c["method"] == "editMessageText" and start <= c["t"] < end:
            group = by_ballot.get((as_int(c["params"].get("chat_id")), as_int(c["params"].get("message_id"))))
            if group is not None:
                edits[group.index] += 1
    return [edits[g.index] for g in groups]


def last_answer_per_group(server: BotApiServer, plan: list[Tap]) -> dict[int, float]:
    """Group index -> when the last accepted answer to one of its taps arrived."""
    last: dict[int, float] = {}
    for tap in plan:
        answer = server.callback_answer(tap.query_id)
        if answer is not None:
            last[tap.group.index] = max(last.get(tap.group.index, 0.0), answer["answered_at"])
    return last


def stored_votes(bot: BenchBot) -> tuple[int | None, dict[tuple[int, int], int], str | None]:
    """The number of votes in the bot's database, the count per (topic, option), and the error if unreadable."""
    try:
        stored = bot.query("SELECT COUNT(*) FROM votes")[0][0]
        db_counts = {(t, o): n for t, o, n in bot.query("SELECT topic_id, option, COUNT(*) FROM votes GROUP BY 1, 2")}
    except sqlite3.Error as error:
        return None, {}, f"could not read the votes from {bot.db_path}: {error}"
    return stored, db_counts, None


# ---------------------------------------------------------------------------------------------- the checks


def vote_anomalies(setup: Setup, tally: Tally) -> list[str]:
    """The stored votes against the tap plan."""
    anomalies: list[str] = [tally.db_error] if tally.db_error else []
    if tally.stored is not None and tally.stored != setup.expected_votes:
        anomalies.append(f"{tally.stored} votes stored, expected {setup.expected_votes}")
    wrong_tallies = [g.index for g in setup.groups
                     if any(tally.db_counts.get((g.topic_id, o), 0) != g.expected[o] for o in g.buttons)]
    if tally.db_counts and wrong_tallies:
        anomalies.append(f"stored per-option counts differ from the taps in groups {wrong_tallies[:10]}")
    return anomalies


def answer_anomalies(answers: Answers, calls: Calls) -> list[str]:
    """Taps without a timely answer, 429s, and answers that are not a vote toast."""
    anomalies: list[str] = []
    if answers.unanswered:
        anomalies.append(f"{answers.unanswered} taps never got an answerCallbackQuery")
    if answers.refused:
        anomalies.append(f"{answers.refused} answers were refused by the stand-in "
                         f"(later than {TELEGRAM_ANSWER_LIMIT:.0f} s)")
    if answers.late:
        anomalies.append(f"{answers.late} answers came after Telegram's {TELEGRAM_ANSWER_LIMIT:.0f} s limit")
    if calls.http_429:
        anomalies.append(f"{calls.http_429} calls were refused with 429 "
                         f"({sum(n for k, n in calls.too_many_by.items() if k[0] == 'setup')} during setup)")
    odd_answers = {t: n for t, n in answers.texts.items() if not (t or "").startswith("已投 #")}
    if odd_answers:
        anomalies.append(f"answers that are not a vote toast: {odd_answers}")
    return anomalies


def ballot_anomalies(server: BotApiServer, groups: list[Group], tally: Tally) -> list[str]:
    """Ballots that never showed their final tally, or moved away from it."""
    anomalies: list[str] = []
    for group in tally.not_final[:5]:
        shown = [line for line in ballot_text(server, group).splitlines() if line.startswith("#") or "已投票" in line]
        anomalies.append(f"group {group.index}: ballot never showed the final tally "
                         f"{dict(sorted(group.expected.items()))}; it shows {shown}")
    if len(tally.not_final) > 5:
        anomalies.append(f"... and {len(tally.not_final) - 5} more ballots without their final tally")
    for group in groups:  # the stand-in's stored ballot text, as users would see it
        current = ballot_text(server, group)
        if group.final_at is not None and not shows_final(current, group):
            anomalies.append(f"group {group.index}: the ballot moved away from its final tally: {current[-60:]!r}")
    return anomalies


def bot_anomalies(bot: BenchBot, taps: TapPhase, timeout: float) -> list[str]:
    """A bot that died, did not stop cleanly, ran out of time, or logged warnings or errors."""
    anomalies: list[str] = []
    if not taps.bot_alive:
        anomalies.append(f"the bot process died during the run (exit code {bot.proc.returncode})")
    elif taps.exit_code not in (0, None):
        anomalies.append(f"the bot exited with {taps.exit_code} after SIGINT")
    elif taps.exit_code is None:
        anomalies.append("the bot did not stop within 15 s of SIGINT and was killed")
    if taps.timed_out and taps.bot_alive:
        anomalies.append(f"timed out after {timeout:.0f} s waiting for the answers and final tallies")
    problems_in_log = [line for line in bot.log().splitlines() if LOG_PROBLEM.match(line)]
    if problems_in_log:
        anomalies.append(f"{len(problems_in_log)} WARNING/ERROR records in the bot log")
    return anomalies
