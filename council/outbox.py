"""The outbox as the sender sees it: what is waiting to be posted, and what became of each post."""

from __future__ import annotations

import time
from collections.abc import Callable

from council.models import Post


class Outbox:

    def __init__(self, db, clock: Callable[[], float] = time.time):
        self.db = db
        self.clock = clock

    async def pending(self, limit: int = 200) -> list[Post]:
        """Posts to send now (those held for quiet hours wait for their time)."""
        async with self.db.transaction() as repo:
            return await repo.pending_posts(self.clock(), limit)

    async def sent(self, post: Post, message_id: int) -> None:
        async with self.db.transaction() as repo:
            await repo.mark_sent(post, message_id, self.clock())

    async def failed(self, post: Post, error: str, dead: bool) -> None:
        async with self.db.transaction() as repo:
            await repo.mark_failed(post, error, dead)
