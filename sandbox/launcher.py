"""Start the real bot.py as its own process against a Bot API server: for the sandbox, tests and benchmarks.

The bot runs exactly as in production; only TELEGRAM_BASE_URL (and the token and database) differ.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from sandbox.botapi import BotApiServer

REPO = Path(__file__).resolve().parents[1]


class BotProcess:
    """One bot process with its own config file, database and log. Can be killed and started again."""

    def __init__(self, server: BotApiServer, workdir: Path, council: dict[str, str | float] | None = None,
                 extra_toml: str = ""):
        self.server = server
        self.workdir = Path(workdir)
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.db_path = self.workdir / "council.db"
        self.config_path = self.workdir / "config.toml"
        self.log_path = self.workdir / "bot.log"
        self.proc: subprocess.Popen | None = None
        settings = {"collect_for": "1h", "vote_for": "1h", "quorum": 0.3, **(council or {})}
        lines = ["[council]"] + [f"{key} = {_toml(value)}" for key, value in settings.items()]
        self.config_path.write_text("\n".join(lines) + "\n" + extra_toml, encoding="utf-8")

    async def start(self, ready_within: float = 30.0) -> None:
        # PTB deletes any webhook right before its first getUpdates: from then on updates flow.
        ready_before = self.server.count_calls("deleteWebhook")
        env = {
            **os.environ,
            "BOT_TOKEN": self.server.token,
            "TELEGRAM_BASE_URL": self.server.base_url,
            "COUNCIL_DB": str(self.db_path),
            "PYTHONUNBUFFERED": "1",
        }
        with open(self.log_path, "ab") as log:  # noqa: ASYNC230 - a local file, opened once per start
            self.proc = subprocess.Popen(  # noqa: ASYNC220 - the bot must run as its own process
                [sys.executable, str(REPO / "bot.py"), "--config", str(self.config_path)],
                cwd=self.workdir, env=env, stdout=log, stderr=subprocess.STDOUT,
            )
        try:
            await self.server.wait_for(
                lambda: self.proc.poll() is not None or self.server.count_calls("deleteWebhook") > ready_before,
                timeout=ready_within,
            )
        except TimeoutError:
            raise RuntimeError(f"bot did not start polling:\n{self.log()}") from None
        if self.proc.poll() is not None:
            raise RuntimeError(f"bot exited with {self.proc.returncode}:\n{self.log()}")

    @property
    def pid(self) -> int | None:
        return self.proc.pid if self.proc else None

    def kill(self) -> None:
        """SIGKILL: no shutdown code runs, as in a crash or power cut."""
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(10)

    async def stop(self) -> None:
        """SIGINT, as Ctrl-C: the bot shuts down gracefully. The server may share this event loop, so wait
        without blocking it (the bot's last getUpdates must still be answered)."""
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            for _ in range(300):
                if self.proc.poll() is not None:
                    return
                await asyncio.sleep(0.05)
            self.kill()

    def peak_rss_mb(self) -> float | None:
        """VmHWM of the running bot process (Linux), in MB."""
        try:
            status = Path(f"/proc/{self.pid}/status").read_text()
        except (OSError, TypeError):
            return None
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return None

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace") if self.log_path.exists() else ""

    def query(self, sql: str, params=()) -> list[tuple]:
        """Read the bot's SQLite file (read-only) to check what was stored."""
        with sqlite3.connect(f"file:{self.db_path}?mode=ro", uri=True) as conn:
            return conn.execute(sql, params).fetchall()

    def scalar(self, sql: str, params=()):
        return self.query(sql, params)[0][0]


def _toml(value) -> str:
    return str(value) if isinstance(value, int | float) else f'"{value}"'
