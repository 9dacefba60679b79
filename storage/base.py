"""The connection a repository works on, and three small helpers every query uses."""

from __future__ import annotations

import aiosqlite


class Queries:
    def __init__(self, conn: aiosqlite.Connection):
        self.conn = conn

    async def _one(self, sql: str, params=()):
        async with self.conn.execute(sql, params) as cursor:
            return await cursor.fetchone()

    async def _all(self, sql: str, params=()):
        async with self.conn.execute(sql, params) as cursor:
            return await cursor.fetchall()

    async def _run(self, sql: str, params=()) -> aiosqlite.Cursor:
        return await self.conn.execute(sql, params)
