"""End-to-end: the real bot.py process talks HTTP to the local Bot API stand-in, exactly as in production."""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sandbox.botapi import BotApiServer

REPO = Path(__file__).resolve().parents[2]
RESIDENT_NAMES = ["张阿姨", "李姐", "王大爷", "小陈宝妈", "刘叔", "赵奶奶"]


class BotProcess:
    """One run of `python bot.py --config …` against the stand-in. Can be killed and started again."""

    def __init__(self, server: BotApiServer, workdir: Path, settings: dict[str, str]):
        self.server = server
        self.workdir = workdir
        self.db_path = workdir / "council.db"
        self.config_path = workdir / "config.toml"
        self.log_path = workdir / "bot.log"
        self.proc: subprocess.Popen | None = None
        council = {"collect_for": "1h", "vote_for": "1h", "quorum": "0.3", **settings}
        lines = ["[council]"] + [f"{k} = {_toml(v)}" for k, v in council.items()]
        self.config_path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    async def start(self) -> None:
        # PTB deletes any webhook right before its first getUpdates: from then on updates flow.
        ready_before = self.server.count_calls("deleteWebhook")
        env = {
            **os.environ,
            "BOT_TOKEN": self.server.token,
            "TELEGRAM_BASE_URL": self.server.base_url,
            "COUNCIL_DB": str(self.db_path),
            "PYTHONUNBUFFERED": "1",
        }
        log = open(self.log_path, "ab")  # noqa: ASYNC230 - a local file, opened once per start
        self.proc = subprocess.Popen(  # noqa: ASYNC220 - the bot must run as its own process
            [sys.executable, str(REPO / "bot.py"), "--config", str(self.config_path)],
            cwd=self.workdir, env=env, stdout=log, stderr=subprocess.STDOUT,
        )
        log.close()
        try:
            await self.server.wait_for(
                lambda: self.proc.poll() is not None or self.server.count_calls("deleteWebhook") > ready_before,
                timeout=30,
            )
        except TimeoutError:
            raise AssertionError(f"bot did not start polling:\n{self.log()}") from None
        if self.proc.poll() is not None:
            raise AssertionError(f"bot exited with {self.proc.returncode}:\n{self.log()}")

    def kill(self) -> None:
        """SIGKILL: no shutdown code runs, as in a crash or power cut."""
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(10)

    async def stop(self) -> None:
        """SIGINT, as Ctrl-C: the bot shuts down gracefully. The stand-in shares this event loop, so wait
        without blocking it (the bot's last getUpdates must still be answered)."""
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            for _ in range(300):
                if self.proc.poll() is not None:
                    return
                await asyncio.sleep(0.05)
            self.kill()

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace") if self.log_path.exists() else ""

    def query(self, sql: str, params=()) -> list[tuple]:
        """Read the bot's real SQLite file (read-only) to check what was stored."""
        with sqlite3.connect(f"file:{self.db_path}?mode=ro", uri=True) as conn:
            return conn.execute(sql, params).fetchall()

    def scalar(self, sql: str, params=()):
        return self.query(sql, params)[0][0]


def _toml(value: str) -> str:
    return value if value.replace(".", "", 1).isdigit() else f'"{value}"'


@pytest.fixture
async def telegram():
    server = BotApiServer()
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
async def run_bot(telegram, tmp_path, request):
    started: list[BotProcess] = []

    async def run(**settings) -> BotProcess:
        bot = BotProcess(telegram, tmp_path, settings)
        await bot.start()
        started.append(bot)
        return bot

    yield run
    for bot in started:
        await bot.stop()
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        for bot in started:
            print(f"----- bot log ({bot.log_path}) -----\n{bot.log()[-20000:]}")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when == "call":
        item.rep_call = report


class Group:
    """A council group in the stand-in: a facilitator (王社工, an administrator) and six residents."""

    def __init__(self, server: BotApiServer, title: str = "永合社区 3幢2单元", residents: int = 6, **rights):
        self.server = server
        self.facilitator = server.add_user("王社工")["id"]
        names = RESIDENT_NAMES + [f"居民{n}" for n in range(len(RESIDENT_NAMES), residents)]
        self.residents = [server.add_user(name)["id"] for name in names[:residents]]
        rights = {"bot_admin": True, "bot_can_pin": True, **rights}
        self.chat = server.create_group(title, members=[self.facilitator, *self.residents],
                                        admins=[self.facilitator], **rights)
        self.id = self.chat["id"]

    def say(self, user_id: int, text: str, reply_to: int | None = None) -> dict:
        return self.server.send_message(self.id, user_id, text, reply_to_message_id=reply_to)

    async def bot_says(self, contains: str, after: int = 0, timeout: float = 15.0) -> dict:
        """The first bot message after `after` containing the text; a 【header】 must start the message."""
        def find():
            for message in self.server.bot_messages(self.id):
                text = message.get("text", "")
                found = text.startswith(contains) if contains.startswith("【") else contains in text
                if message["message_id"] > after and found:
                    return message
            return None

        try:
            return await self.server.wait_for(find, timeout=timeout)
        except TimeoutError:
            raise AssertionError(f"no bot message with {contains!r}; bot said: {self.bot_texts()[-5:]}") from None

    def bot_texts(self) -> list[str]:
        return [m.get("text", "") for m in self.server.bot_messages(self.id)]

    def posts(self, header: str) -> int:
        """How many bot messages start with this header (a ballot may mention 【决议公示】 in its text)."""
        return sum(text.startswith(header) for text in self.bot_texts())

    def tap(self, message: dict, user_id: int, option: int) -> str:
        data = next(b["callback_data"] for row in message["reply_markup"]["inline_keyboard"] for b in row
                    if b["callback_data"].endswith(f":{option}"))
        return self.server.press_button(self.id, message["message_id"], user_id, data=data)

    def current(self, message: dict) -> dict:
        return next(m for m in self.server.bot_messages(self.id) if m["message_id"] == message["message_id"])

    async def answer_of(self, query_id: str, timeout: float = 10.0) -> dict:
        return await self.server.wait_for(lambda: self.server.callback_answer(query_id), timeout=timeout)


async def settle(seconds: float) -> None:
    """Give the bot time to (not) do something, for assertions that something did not happen."""
    await asyncio.sleep(seconds)


def now() -> float:
    return time.monotonic()
