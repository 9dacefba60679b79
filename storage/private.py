"""SQL of the facilitator's wizard and of proposals sent in private chat (see migration 7)."""

from __future__ import annotations

from storage.base import Queries


class PrivateQueries(Queries):
    async def active_groups(self, chat_ids: list[int] | None = None) -> list[tuple[int, str]]:
        """(chat id, title) of the groups the bot is in, latest activity first; only `chat_ids` when given."""
        rows = await self._all(
            """
            SELECT chat_id, title FROM chats
            WHERE active = 1 AND migrated_to IS NULL AND type IN ('group', 'supergroup') ORDER BY updated_at DESC
            """
        )
        groups = [(row[0], row[1]) for row in rows]
        if chat_ids is None:
            return groups
        wanted = set(chat_ids)
        return [group for group in groups if group[0] in wanted]

    async def private_proposal_key(self, user_id: int, message_id: int) -> int | None:
        """The group-side key (negative) of the proposal this private message carried, if it was recorded."""
        row = await self._one("SELECT id FROM private_proposals WHERE user_id = ? AND message_id = ?",
                              (user_id, message_id))
        return -row[0] if row else None

    async def new_private_proposal_key(self, user_id: int, message_id: int, topic_id: int, now: float) -> int:
        cursor = await self._run(
            "INSERT INTO private_proposals (user_id, message_id, topic_id, created_at) VALUES (?, ?, ?, ?)",
            (user_id, message_id, topic_id, now),
        )
        return -cursor.lastrowid
