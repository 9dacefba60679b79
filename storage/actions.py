"""SQL of the follow-up (执行监督): action items and their history, reviews and residents' answers, and the rows
of them the staff's weekly digest shows. Mixed into Repository like OutboxQueries."""

from __future__ import annotations

from datetime import date

from council.actions import (
    ActionItem,
    ActionRow,
    ItemStatus,
    ItemUpdate,
    Owner,
    Review,
    ReviewCounts,
    ReviewRow,
)
from storage.base import Queries

_ITEM_COLUMNS = (
    "a.id, a.chat_id, a.topic_id, a.number, a.text, a.owner_name, a.owner_id, a.owner_username, a.due_on, a.due_at,"
    " a.status, a.created_by, a.created_at, a.updated_at, a.closed_at, t.number AS topic_number,"
    " t.title AS topic_title"
)
_ITEMS = f"SELECT {_ITEM_COLUMNS} FROM action_items a JOIN topics t ON t.id = a.topic_id"
_OPEN = "('todo', 'doing')"


def _item(r) -> ActionItem:
    return ActionItem(
        id=r["id"], chat_id=r["chat_id"], topic_id=r["topic_id"], number=r["number"], text=r["text"],
        owner=Owner(r["owner_name"], r["owner_id"], r["owner_username"]), due_on=date.fromisoformat(r["due_on"]),
        due_at=r["due_at"], status=ItemStatus(r["status"]), created_by=r["created_by"], created_at=r["created_at"],
        updated_at=r["updated_at"], closed_at=r["closed_at"], topic_number=r["topic_number"],
        topic_title=r["topic_title"],
    )


def _review(r) -> Review:
    return Review(r["topic_id"], r["chat_id"], date.fromisoformat(r["review_on"]), r["set_by"], r["asked_at"])


class ActionQueries(Queries):
    # ------------------------------------------------------------------ items

    async def insert_item(self, item: ActionItem, source_message_id: int | None) -> ActionItem:
        row = await self._one("SELECT COALESCE(MAX(number), 0) + 1 FROM action_items WHERE chat_id = ?",
                              (item.chat_id,))
        item.number = row[0]
        cursor = await self._run(
            """
            INSERT INTO action_items (chat_id, topic_id, number, text, owner_name, owner_id, owner_username, due_on,
                                      due_at, status, created_by, created_at, updated_at, source_message_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            (
                item.chat_id, item.topic_id, item.number, item.text, item.owner.name, item.owner.user_id,
                item.owner.username, item.due_on.isoformat(), item.due_at, item.status.value, item.created_by,
                item.created_at, item.updated_at, source_message_id,
            ),
        )
        item.id = cursor.lastrowid
        return item

    async def item(self, item_id: int) -> ActionItem | None:
        row = await self._one(f"{_ITEMS} WHERE a.id = ?", (item_id,))
        return _item(row) if row else None

    async def item_by_number(self, chat_id: int, number: int) -> ActionItem | None:
        row = await self._one(f"{_ITEMS} WHERE a.chat_id = ? AND a.number = ?", (chat_id, number))
        return _item(row) if row else None

    async def item_by_source(self, chat_id: int, message_id: int) -> ActionItem | None:
        row = await self._one(f"{_ITEMS} WHERE a.chat_id = ? AND a.source_message_id = ?", (chat_id, message_id))
        return _item(row) if row else None

    async def items_of_topic(self, topic_id: int) -> list[ActionItem]:
        return [_item(r) for r in await self._all(f"{_ITEMS} WHERE a.topic_id = ? ORDER BY a.number", (topic_id,))]

    async def items_of_chat(self, chat_id: int) -> list[ActionItem]:
        rows = await self._all(f"{_ITEMS} WHERE a.chat_id = ? ORDER BY t.number, a.number", (chat_id,))
        return [_item(r) for r in rows]

    async def open_items_due(self, now: float, ahead: float) -> list[ActionItem]:
        """Open items of active chats whose due day starts before now + ahead (what reminders may concern)."""
        rows = await self._all(
            f"""
            {_ITEMS} WHERE a.status IN {_OPEN} AND a.due_at <= ?
              AND a.chat_id NOT IN (SELECT chat_id FROM chats WHERE active = 0)
            ORDER BY a.chat_id, a.due_at, a.number
            """,
            (now + ahead,),
        )
        return [_item(r) for r in rows]

    async def set_item_status(self, item: ActionItem, update: ItemUpdate) -> None:
        closed = None if update.to_status.is_open else update.at
        await self._run(
            "UPDATE action_items SET status = ?, updated_at = ?, closed_at = ? WHERE id = ?",
            (update.to_status.value, update.at, closed, item.id),
        )
        await self._run(
            """
            INSERT INTO action_updates (item_id, actor_id, actor_name, from_status, to_status, note, at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """,
            (item.id, update.actor_id, update.actor_name, update.from_status.value, update.to_status.value,
             update.note, update.at),
        )
        item.status, item.updated_at, item.closed_at = update.to_status, update.at, closed

    async def item_history(self, item_id: int) -> list[ItemUpdate]:
        rows = await self._all(
            """
            SELECT item_id, actor_id, actor_name, from_status, to_status, note, at FROM action_updates
            WHERE item_id = ? ORDER BY id
            """,
            (item_id,),
        )
        return [ItemUpdate(r[0], r[1], r[2], ItemStatus(r[3]), ItemStatus(r[4]), r[5], r[6]) for r in rows]

    async def latest_closed_topic_id(self, chat_id: int) -> int | None:
        row = await self._one(
            "SELECT id FROM topics WHERE chat_id = ? AND state = 'closed' ORDER BY closed_at DESC, number DESC LIMIT 1",
            (chat_id,),
        )
        return row[0] if row else None

    async def tracking(self, chat_id: int, now: float) -> list[tuple[int, str, int, int]]:
        """Closed topics of the chat with open items: (topic number, title, open items, overdue items at now)."""
        rows = await self._all(
            f"""
            SELECT t.number, t.title, COUNT(*), SUM(a.due_at <= ?) FROM action_items a
            JOIN topics t ON t.id = a.topic_id
            WHERE a.chat_id = ? AND a.status IN {_OPEN} AND t.state = 'closed'
            GROUP BY t.id ORDER BY t.number
            """,
            (now, chat_id),
        )
        return [(r[0], r[1], r[2], r[3] or 0) for r in rows]

    # ------------------------------------------------------------------ reviews

    async def set_review(self, review: Review, review_at: float, now: float) -> None:
        await self._run(
            """
            INSERT INTO reviews (topic_id, chat_id, review_on, review_at, set_by, set_at) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (topic_id) DO UPDATE SET review_on = excluded.review_on, review_at = excluded.review_at,
                set_by = excluded.set_by, set_at = excluded.set_at, asked_at = NULL
            """,
            (review.topic_id, review.chat_id, review.review_on.isoformat(), review_at, review.set_by, now),
        )

    async def review(self, topic_id: int) -> Review | None:
        row = await self._one("SELECT topic_id, chat_id, review_on, set_by, asked_at FROM reviews WHERE topic_id = ?",
                              (topic_id,))
        return _review(row) if row else None

    async def reviews_due(self, now: float) -> list[Review]:
        """Reviews not asked yet whose day has begun, in chats the bot is still in."""
        rows = await self._all(
            """
            SELECT topic_id, chat_id, review_on, set_by, asked_at FROM reviews
            WHERE asked_at IS NULL AND review_at <= ?
              AND chat_id NOT IN (SELECT chat_id FROM chats WHERE active = 0)
            ORDER BY review_at, topic_id
            """,
            (now,),
        )
        return [_review(r) for r in rows]

    async def review_asked(self, topic_id: int, now: float) -> None:
        await self._run("UPDATE reviews SET asked_at = ? WHERE topic_id = ?", (now, topic_id))

    async def answer_review(self, topic_id: int, user_id: int, answer: int, now: float) -> int | None:
        """Record a resident's answer, replacing their earlier one. Returns the earlier answer, if any."""
        row = await self._one("SELECT answer FROM review_answers WHERE topic_id = ? AND user_id = ?",
                              (topic_id, user_id))
        await self._run(
            """
            INSERT INTO review_answers (topic_id, user_id, answer, at) VALUES (?, ?, ?, ?)
            ON CONFLICT (topic_id, user_id) DO UPDATE SET answer = excluded.answer, at = excluded.at
            """,
            (topic_id, user_id, answer, now),
        )
        return row[0] if row else None

    async def review_counts(self, topic_id: int) -> ReviewCounts:
        rows = await self._all("SELECT answer, COUNT(*) FROM review_answers WHERE topic_id = ? GROUP BY answer",
                               (topic_id,))
        return ReviewCounts({r[0]: r[1] for r in rows})

    async def review_message_id(self, topic_id: int) -> int | None:
        """The message of the latest review question of the topic, once it is sent."""
        row = await self._one(
            """
            SELECT message_id FROM outbox WHERE topic_id = ? AND purpose = 'review' AND message_id IS NOT NULL
            ORDER BY id DESC LIMIT 1
            """,
            (topic_id,),
        )
        return row[0] if row else None

    # ------------------------------------------------------------------ the weekly digest

    async def week_actions(self, start: float, end: float) -> list[ActionRow]:
        """Items recorded before the end of the window and still open at its end, or closed within it; with
        their status as it stood at the end (an item done after the window counts as open in it)."""
        rows = await self._all(
            """
            SELECT a.chat_id, c.title AS chat_title, a.number, t.number AS topic_number, t.title AS topic_title,
                   a.text, a.owner_name, a.due_on, a.due_at, a.status, a.closed_at,
                   (SELECT u.to_status FROM action_updates u WHERE u.item_id = a.id AND u.at < :end
                     ORDER BY u.id DESC LIMIT 1) AS status_then
            FROM action_items a
            JOIN topics t ON t.id = a.topic_id
            JOIN chats c ON c.chat_id = a.chat_id
            WHERE a.created_at < :end AND (a.closed_at IS NULL OR a.closed_at >= :start)
            ORDER BY a.chat_id, a.due_at, a.number
            """,
            {"start": start, "end": end},
        )
        result = []
        for r in rows:
            status = ItemStatus(r["status_then"] or "todo")
            overdue = None
            if status.is_open and r["due_at"] < end:
                overdue = max(0, int((end - r["due_at"]) // 86400))
            result.append(ActionRow(
                chat_id=r["chat_id"], chat_title=r["chat_title"], number=r["number"], topic_number=r["topic_number"],
                topic_title=r["topic_title"], text=r["text"], owner=r["owner_name"], due_on=r["due_on"],
                status=status.value, overdue_days=overdue,
            ))
        return result

    async def week_reviews(self, start: float, end: float) -> list[ReviewRow]:
        """Reviews asked before the end of the window that were asked or answered within it, with the answers
        given before its end (each resident's latest)."""
        rows = await self._all(
            """
            SELECT r.topic_id, r.chat_id, c.title AS chat_title, t.number, t.title, r.review_on FROM reviews r
            JOIN topics t ON t.id = r.topic_id
            JOIN chats c ON c.chat_id = r.chat_id
            WHERE r.asked_at IS NOT NULL AND r.asked_at < :end
              AND (r.asked_at >= :start OR EXISTS (SELECT 1 FROM review_answers x WHERE x.topic_id = r.topic_id
                                                    AND x.at >= :start AND x.at < :end))
            ORDER BY r.chat_id, t.number
            """,
            {"start": start, "end": end},
        )
        result = []
        for r in rows:
            counts = await self._all(
                "SELECT answer, COUNT(*) FROM review_answers WHERE topic_id = ? AND at < ? GROUP BY answer",
                (r["topic_id"], end),
            )
            result.append(ReviewRow(r["chat_id"], r["chat_title"], r["number"], r["title"], r["review_on"],
                                    ReviewCounts({c[0]: c[1] for c in counts})))
        return result
