"""The SQLite connection: WAL, migrations at start-up, and one transaction at a time.

Every change runs inside `async with db.transaction() as repo:` — BEGIN IMMEDIATE … COMMIT, or ROLLBACK on
any exception. The bot has one connection; an asyncio lock keeps handlers and jobs from interleaving.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import aiosqlite

from storage.migrations import MIGRATIONS
from storage.repository import Repository

log = logging.getLogger(__name__)


class Database:
    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._conn: aiosqlite.Connection | None = None
        self._reader: aiosqlite.Connection | None = None
        self._lock = asyncio.Lock()
        self._read_lock = asyncio.Lock()

    async def connect(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._conn = await aiosqlite.connect(self.path, isolation_level=None)
        self._conn.row_factory = aiosqlite.Row
        await self._conn.execute("PRAGMA journal_mode = WAL")
        await self._conn.execute("PRAGMA synchronous = NORMAL")  # WAL + NORMAL: durable across process crashes
        await self._conn.execute("PRAGMA foreign_keys = ON")
        await self._conn.execute("PRAGMA busy_timeout = 5000")
        await self.migrate()
        # Long reads (the weekly digest over every group) get their own connection: with WAL they see one
        # consistent snapshot and never hold up the votes being written meanwhile.
        self._reader = await aiosqlite.connect(f"file:{self.path}?mode=ro", uri=True, isolation_level=None)
        self._reader.row_factory = aiosqlite.Row

    async def close(self) -> None:
        for conn in (self._reader, self._conn):
            if conn is not None:
                await conn.close()
        self._conn = self._reader = None

    async def migrate(self) -> list[int]:
        """Apply the migrations this file has not seen yet. Returns the versions applied now."""
        conn = self._require()
        await conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at REAL NOT NULL)"
        )
        async with conn.execute("SELECT version FROM schema_migrations") as cursor:
            done = {row[0] async for row in cursor}
        applied = []
        for version, name, script in MIGRATIONS:
            if version in done:
                continue
            await conn.execute("BEGIN IMMEDIATE")
            try:
                for statement in _statements(script):
                    await conn.execute(statement)
                await conn.execute(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                    (version, name, time.time()),
                )
                await conn.execute("COMMIT")
            except BaseException:
                await conn.execute("ROLLBACK")
                raise
            log.info("applied migration %d (%s)", version, name)
            applied.append(version)
        return applied

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Repository]:
        conn = self._require()
        async with self._lock:
            await conn.execute("BEGIN IMMEDIATE")
            try:
                yield Repository(conn)
            except BaseException:
                await conn.execute("ROLLBACK")
                raise
            await conn.execute("COMMIT")

    @asynccontextmanager
    async def reading(self) -> AsyncIterator[Repository]:
        """A read-only snapshot for long reports; writes go on meanwhile."""
        self._require()
        async with self._read_lock:
            await self._reader.execute("BEGIN")
            try:
                yield Repository(self._reader)
            finally:
                await self._reader.execute("ROLLBACK")

    def _require(self) -> aiosqlite.Connection:
        if self._conn is None:
            raise RuntimeError("Database.connect() was not called")
        return self._conn


def _statements(script: str) -> list[str]:
    return [part.strip() for part in script.split(";") if part.strip()]
