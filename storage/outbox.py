"""SQL of what the bot owes and has done: the outbox, scheduled work already done, drafts, updates handled."""

from __future__ import annotations

import json

from council.models import Person, Post
from storage.base import Queries

_POST_COLUMNS = (
    "id, chat_id, purpose, topic_id, text, keyboard, reply_to, pin, attempts, not_before, document, filename"
)


def _post(r) -> Post:
    return Post(
        chat_id=r["chat_id"], text=r["text"],
        keyboard=[[tuple(b) for b in row] for row in json.loads(r["keyboard"])] if r["keyboard"] else None,
        reply_to=r["reply_to"], purpose=r["purpose"], topic_id=r["topic_id"], pin=bool(r["pin"]),
        id=r["id"], attempts=r["attempts"], not_before=r["not_before"], document=r["document"],
        filename=r["filename"],
    )


class OutboxQueries(Queries):
    # ------------------------------------------------------------------ outbox

    async def enqueue(self, post: Post, now: float) -> int:
        cursor = await self._run(
            """
            INSERT INTO outbox (chat_id, purpose, topic_id, text, keyboard, reply_to, pin, created_at, not_before,
                                document, filename)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            (
                post.chat_id, post.purpose, post.topic_id, post.text,
                json.dumps(post.keyboard, ensure_ascii=False) if post.keyboard else None,
                post.reply_to, int(post.pin), now, post.not_before, post.document, post.filename,
            ),
        )
        return cursor.lastrowid

    async def pending_posts(self, now: float, limit: int = 200) -> list[Post]:
        """Posts to send now, oldest first; those held for quiet hours wait for their time."""
        rows = await self._all(
            f"""
            SELECT {_POST_COLUMNS} FROM outbox
            WHERE sent_at IS NULL AND dead = 0 AND (not_before IS NULL OR not_before <= ?)
            ORDER BY id LIMIT ?
            """,
            (now, limit),
        )
        return [_post(r) for r in rows]

    async def mark_sent(self, post: Post, message_id: int, now: float) -> None:
        """The post is out: remember its message id, and where it is a topic's card, ballot or resolution."""
        await self._run("UPDATE outbox SET sent_at = ?, message_id = ? WHERE id = ?", (now, message_id, post.id))
        column = {"card": "card_message_id", "ballot": "ballot_message_id", "resolution": "resolution_message_id"}
        if post.purpose in column and post.topic_id is not None:
            await self._run(f"UPDATE topics SET {column[post.purpose]} = ? WHERE id = ?", (message_id, post.topic_id))

    async def mark_failed(self, post: Post, error: str, dead: bool) -> None:
        await self._run(
            "UPDATE outbox SET attempts = attempts + 1, last_error = ?, dead = ? WHERE id = ?",
            (error[:500], int(dead), post.id),
        )

    async def drop_pending_for_chat(self, chat_id: int, error: str) -> None:
        await self._run(
            "UPDATE outbox SET dead = 1, last_error = ? WHERE chat_id = ? AND sent_at IS NULL", (error, chat_id)
        )

    async def last_post_at(self, chat_id: int, purpose: str) -> float | None:
        """When a post of this kind was last written for the chat (sent or not)."""
        row = await self._one(
            "SELECT MAX(created_at) FROM outbox WHERE chat_id = ? AND purpose = ? AND dead = 0", (chat_id, purpose)
        )
        return row[0]

    # ------------------------------------------------------------------ scheduled work (summaries, reminders, digests)

    async def done_until(self, name: str) -> float | None:
        """Up to when a schedule's work is done (None: the schedule never ran on this database)."""
        row = await self._one("SELECT done_until FROM schedule_state WHERE name = ?", (name,))
        return row[0] if row else None

    async def set_done_until(self, name: str, at: float) -> None:
        await self._run(
            """
            INSERT INTO schedule_state (name, done_until) VALUES (?, ?)
            ON CONFLICT (name) DO UPDATE SET done_until = MAX(done_until, excluded.done_until)
            """,
            (name, at),
        )

    async def mark(self, key: str, now: float) -> bool:
        """Remember that a piece of scheduled work is done; False when it already was."""
        cursor = await self._run("INSERT OR IGNORE INTO schedule_marks (key, at) VALUES (?, ?)", (key, now))
        return cursor.rowcount == 1

    async def marked(self, key: str) -> bool:
        return await self._one("SELECT 1 FROM schedule_marks WHERE key = ?", (key,)) is not None

    # ------------------------------------------------------------------ drafts (a proposal waiting for its topic)

    async def save_draft(self, chat_id: int, message_id: int, author: Person, text: str, now: float) -> None:
        await self._run(
            """
            INSERT OR REPLACE INTO drafts (chat_id, message_id, author_id, author_name, text, created_at)
            VALUES (?, ?, ?, ?, ?, ?)
            """,
            (chat_id, message_id, author.id, author.name, text, now),
        )

    async def draft(self, chat_id: int, message_id: int) -> tuple[Person, str] | None:
        row = await self._one(
            "SELECT author_id, author_name, text FROM drafts WHERE chat_id = ? AND message_id = ?",
            (chat_id, message_id),
        )
        return (Person(row["author_id"], row["author_name"]), row["text"]) if row else None

    async def delete_draft(self, chat_id: int, message_id: int) -> None:
        await self._run("DELETE FROM drafts WHERE chat_id = ? AND message_id = ?", (chat_id, message_id))

    # ------------------------------------------------------------------ updates already handled

    async def update_seen(self, update_id: int) -> bool:
        return await self._one("SELECT 1 FROM updates_seen WHERE update_id = ?", (update_id,)) is not None

    async def mark_update(self, update_id: int, now: float) -> None:
        await self._run("INSERT OR IGNORE INTO updates_seen (update_id, at) VALUES (?, ?)", (update_id, now))
        if update_id % 1000 == 0:  # keep the table small: a redelivery only ever concerns the last few
            await self._run("DELETE FROM updates_seen WHERE update_id < ?", (update_id - 10000,))
