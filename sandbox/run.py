"""python bot.py --sandbox: try the bot with no Telegram account and no token.

One local server (127.0.0.1, port 8080 unless --port) serves both the Bot API stand-in (/bot<token>/…) and a
WeChat-style chat page (/). The real bot runs as its own process against that server, exactly as in production;
only TELEGRAM_BASE_URL (and the token and database) differ. The page seeds two council groups, a staff chat and
everyone's private chat with the bot; you act as any of the people. --demo (or the page's 演示 button) plays a
whole council in a fresh group. Sandbox data lives in its own database (data/sandbox/council.db), emptied at
each start, never the production one. (Env SANDBOX_DIR puts it elsewhere: the tests do, so that they never
empty the folder of a sandbox someone is using.)
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import fcntl
import functools
import os
import signal
import sys
from datetime import datetime
from pathlib import Path
from typing import TextIO
from zoneinfo import ZoneInfo

from sandbox import demo as demo_script
from sandbox.botapi import BotApiServer
from sandbox.cast import seed
from sandbox.launcher import REPO, BotProcess
from sandbox.webchat import WebChat

DEFAULT_PORT = 8080
SHANGHAI = ZoneInfo("Asia/Shanghai")  # the bot's default locale.timezone: times in the chat match its deadlines
# Short phases, so that a deadline can be watched passing; facilitators move a topic on at once anyway.
COUNCIL = {"collect_for": "1h", "vote_for": "1h", "quorum": 0.3}


class Sandbox:
    """The stand-in with its page, the seeded people and chats, and the real bot process."""

    def __init__(self, port: int = DEFAULT_PORT, workdir: Path | None = None, demo_pause: float = 3.0,
                 host: str = "127.0.0.1"):
        self.port = port
        self.host = host
        self.workdir = Path(workdir or os.environ.get("SANDBOX_DIR") or REPO / "data" / "sandbox")
        self.server = BotApiServer(bot_first_name="议事会助手")
        self.cast = seed(self.server)
        play = functools.partial(demo_script.play, pause=demo_pause)
        self.web = WebChat(self.server, self.cast, demo=play)
        self.bot: BotProcess | None = None
        self._lock: TextIO | None = None

    async def start(self) -> None:
        """Bind the port, take the data folder, empty it, start the bot. Raises OSError (port taken) or
        SandboxBusy (another sandbox uses the folder) before touching anything."""
        self.workdir.mkdir(parents=True, exist_ok=True)
        await self.server.start(self.host, self.port)
        try:
            self._lock = _lock(self.workdir / ".lock")
            for stale in ("council.db", "council.db-wal", "council.db-shm", "bot.log"):
                (self.workdir / stale).unlink(missing_ok=True)
            self.web.start()
            self.bot = BotProcess(self.server, self.workdir, COUNCIL, self.cast.config_toml())
            await self.bot.start()
        except BaseException:
            await self.stop()
            raise

    async def stop(self) -> None:
        await self.web.stop()
        if self.bot is not None:
            await self.bot.stop()  # before the server: the bot's last getUpdates must be answered
        await self.server.stop()
        if self._lock is not None:
            self._lock.close()
            self._lock = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.server.port}/"


class SandboxBusy(Exception):
    pass


def _lock(path: Path) -> TextIO:
    """One sandbox per data folder: a second one would empty the database under the first."""
    handle = open(path, "w")  # held until stop()
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        raise SandboxBusy(path.parent) from None
    return handle


async def main(port: int = DEFAULT_PORT, demo: bool = False) -> int:
    sandbox = Sandbox(port)
    try:
        await sandbox.start()
    except OSError as exc:
        if exc.errno != errno.EADDRINUSE:
            raise
        print(f"端口 {port} 已被占用（也许沙盒已经在运行）。换一个端口：python bot.py --sandbox --port 8090",
              file=sys.stderr)
        return 2
    except SandboxBusy as exc:
        print(f"另一个沙盒正在使用 {exc}（同一时间只能开一个），先关掉它。", file=sys.stderr)
        return 2
    # `kill`, `timeout`, a service manager: end as on Ctrl-C, so that the bot process is stopped too. Ctrl-C is set
    # here as well (as bot.py does): a process started in the background by a shell inherits SIGINT ignored, and
    # asyncio.run only handles it when Python's default handler is in place.
    for number in (signal.SIGINT, signal.SIGTERM):
        asyncio.get_running_loop().add_signal_handler(number, asyncio.current_task().cancel)
    bot = sandbox.bot
    print(f"议事会助手 沙盒已启动：在浏览器打开 {sandbox.url}", flush=True)
    print(f"  本地 Bot API 也在这个端口：{sandbox.server.base_url}<token>/；机器人日志 {bot.log_path}")
    print(f"  沙盒数据在 {sandbox.workdir / 'council.db'}（每次启动清空，不碰正式数据库）")
    try:
        if demo:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(sandbox.web.client_seen.wait(), 10)  # let an opened page watch it from the start
            print("\n===== 演示：一次完整的议事（页面上同步播放）=====")
            printer = Transcript(sandbox.server)
            task = sandbox.web.start_demo()
            while not task.done():
                printer.show()
                await asyncio.sleep(0.5)
            printer.show()
        print("\n沙盒运行中，按 Ctrl-C 结束。", flush=True)
        await asyncio.to_thread(bot.proc.wait)  # Ctrl-C ends it: stop() below makes the bot exit
        print(f"机器人进程已退出（{bot.proc.returncode}），日志：{bot.log_path}", file=sys.stderr)
        return 1
    finally:
        await sandbox.stop()


class Transcript:
    """Prints the demo group's messages once each, first lines only, as the chat list would preview them."""

    def __init__(self, server: BotApiServer):
        self.server = server
        self.shown: set[int] = set()

    def show(self) -> None:
        chat_ids = [c.id for c in self.server.chats.values() if (c.title or "").startswith("演示")]
        if not chat_ids:
            return
        for message in self.server.chat_history(chat_ids[-1]):
            if message["message_id"] in self.shown or "text" not in message:
                continue
            self.shown.add(message["message_id"])
            sender = message.get("from", {}).get("first_name", "?")
            when = datetime.fromtimestamp(message["date"], SHANGHAI).strftime("%H:%M:%S")
            lines = message["text"].splitlines()
            more = f"（另有 {len(lines) - 1} 行）" if len(lines) > 1 else ""
            print(f"[{when}] {sender}：{lines[0]}{more}", flush=True)


def run(port: int = DEFAULT_PORT, demo: bool = False) -> int:
    with contextlib.suppress(KeyboardInterrupt, asyncio.CancelledError):
        return asyncio.run(main(port, demo))
    return 0


if __name__ == "__main__":
    run()
