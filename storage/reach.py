"""SQL of reaching residents one by one: who talks to the bot privately (and wants reminders), which groups a
resident is still in, their open ballots, and reports (举报) that hold a proposal until a facilitator decides.

`proposals.hold`: NULL (never held), 'held' (three residents reported it: hidden, its votes set aside in
`votes_set_aside`), 'restored' (a facilitator put it back: it is not held again) or 'confirmed' (a facilitator
kept it hidden: the set-aside votes are void). While 'held' or 'confirmed' the proposal also has hidden = 1, so
every ballot and count leaves it out the way it leaves out one a facilitator hid.
"""

from __future__ import annotations

from council.models import Resident
from storage.base import Queries

_OPEN = "('collecting', 'voting')"


class ReachQueries(Queries):
    # ------------------------------------------------------------------ private chats

    async def private_started(self, user_id: int, now: float) -> None:
        """The person wrote to the bot privately: it may write back."""
        await self._run(
            """
            INSERT INTO private_users (user_id, started_at, updated_at) VALUES (?, ?, ?)
            ON CONFLICT (user_id) DO NOTHING
            """,
            (user_id, now, now),
        )

    async def private_reachable(self, user_id: int) -> bool:
        return await self._one("SELECT 1 FROM private_users WHERE user_id = ?", (user_id,)) is not None

    async def set_remind(self, user_id: int, remind: bool, now: float) -> None:
        await self.private_started(user_id, now)
        await self._run("UPDATE private_users SET remind = ?, updated_at = ? WHERE user_id = ?",
                        (int(remind), now, user_id))

    async def private_gone(self, user_id: int) -> None:
        """The person blocked the bot: no private message (reminders included) until they write again."""
        await self._run("DELETE FROM private_users WHERE user_id = ?", (user_id,))

    async def reminded_residents(self, chat_id: int) -> list[Resident]:
        """Residents of a group, still in it, who asked for private reminders."""
        rows = await self._all(
            """
            SELECT r.chat_id, r.user_id, r.name, r.household, r.registered_at FROM residents r
            JOIN private_users p ON p.user_id = r.user_id AND p.remind = 1
            WHERE r.chat_id = ? AND r.left_at IS NULL ORDER BY r.user_id
            """,
            (chat_id,),
        )
        return [Resident(*row) for row in rows]

    # ------------------------------------------------------------------ a resident's groups

    async def seen_in_group(self, chat_id: int, user_id: int, name: str, now: float) -> None:
        """Someone wrote in a group: remember them there (and that they are in it again, if they had left)."""
        await self.touch_resident(chat_id, user_id, name, now)
        await self._run("UPDATE residents SET left_at = NULL WHERE chat_id = ? AND user_id = ? AND left_at IS NOT NULL",
                        (chat_id, user_id))

    async def left_group(self, chat_id: int, user_id: int, now: float) -> None:
        await self._run("UPDATE residents SET left_at = ? WHERE chat_id = ? AND user_id = ?", (now, chat_id, user_id))

    async def groups_of(self, user_id: int) -> list[Resident]:
        """The active groups this person was seen in and has not left, as their resident rows."""
        rows = await self._all(
            """
            SELECT r.chat_id, r.user_id, r.name, r.household, r.registered_at FROM residents r
            WHERE r.user_id = ? AND r.left_at IS NULL
              AND r.chat_id NOT IN (SELECT chat_id FROM chats WHERE active = 0)
            ORDER BY r.seen_at DESC
            """,
            (user_id,),
        )
        return [Resident(*row) for row in rows]

    async def chat_title(self, chat_id: int) -> str:
        row = await self._one("SELECT title FROM chats WHERE chat_id = ?", (chat_id,))
        return row["title"] if row and row["title"] else ""

    async def voting_topic_ids(self, chat_ids: list[int]) -> list[int]:
        if not chat_ids:
            return []
        rows = await self._all(
            f"SELECT id FROM topics WHERE state = 'voting' AND chat_id IN ({','.join('?' * len(chat_ids))})"
            " ORDER BY vote_deadline, id",
            chat_ids,
        )
        return [row[0] for row in rows]

    async def authored_open(self, user_id: int, chat_ids: list[int]) -> list[tuple[int, int]]:
        """(topic id, proposal number) of this person's proposals still on an open topic of these groups."""
        if not chat_ids:
            return []
        rows = await self._all(
            f"""
            SELECT p.topic_id, p.number FROM proposals p JOIN topics t ON t.id = p.topic_id
            WHERE p.author_id = ? AND t.state IN {_OPEN} AND p.merged_into IS NULL
              AND t.chat_id IN ({','.join('?' * len(chat_ids))})
            ORDER BY t.chat_id, t.number, p.number
            """,
            (user_id, *chat_ids),
        )
        return [(row[0], row[1]) for row in rows]

    # ------------------------------------------------------------------ reports (举报)

    async def proposal_at_message(self, chat_id: int, message_id: int) -> tuple[int, int] | None:
        """(topic id, number) of the proposal that message is: the resident's own message, or the bot's
        【征集建议】 acknowledgement of it (a reply to it)."""
        row = await self._one(
            """
            SELECT topic_id, number FROM proposals WHERE chat_id = :chat AND message_id = :msg
            UNION ALL
            SELECT topic_id, number FROM proposals WHERE chat_id = :chat AND message_id = (
                SELECT reply_to FROM outbox WHERE chat_id = :chat AND message_id = :msg AND purpose = 'ack')
            LIMIT 1
            """,
            {"chat": chat_id, "msg": message_id},
        )
        return (row[0], row[1]) if row else None

    async def proposal_hold(self, topic_id: int, number: int) -> str | None:
        row = await self._one("SELECT hold FROM proposals WHERE topic_id = ? AND number = ?", (topic_id, number))
        return row[0] if row else None

    async def holds(self, topic_id: int) -> dict[int, str]:
        rows = await self._all("SELECT number, hold FROM proposals WHERE topic_id = ? AND hold IS NOT NULL",
                               (topic_id,))
        return {row[0]: row[1] for row in rows}

    async def add_report(self, topic_id: int, number: int, reporter_id: int, reason: str, now: float) -> bool:
        """False when this resident already reported this proposal."""
        cursor = await self._run(
            "INSERT OR IGNORE INTO reports (topic_id, number, reporter_id, reason, at) VALUES (?, ?, ?, ?, ?)",
            (topic_id, number, reporter_id, reason[:200], now),
        )
        return cursor.rowcount == 1

    async def report_count(self, topic_id: int, number: int) -> int:
        row = await self._one("SELECT COUNT(*) FROM reports WHERE topic_id = ? AND number = ?", (topic_id, number))
        return row[0]

    async def hold_proposal(self, topic_id: int, number: int, set_aside_votes: bool) -> int:
        """Hide the proposal pending a facilitator; its votes (if any) move aside. Returns how many moved."""
        await self._run("UPDATE proposals SET hidden = 1, hold = 'held' WHERE topic_id = ? AND number = ?",
                        (topic_id, number))
        if not set_aside_votes:
            return 0
        await self._run(
            """
            INSERT OR REPLACE INTO votes_set_aside
                (topic_id, voter_key, option, voter_id, voter_name, via, entered_by, cast_at)
            SELECT topic_id, voter_key, option, voter_id, voter_name, via, entered_by, cast_at
            FROM votes WHERE topic_id = ? AND option = ?
            """,
            (topic_id, number),
        )
        cursor = await self._run("DELETE FROM votes WHERE topic_id = ? AND option = ?", (topic_id, number))
        return cursor.rowcount

    async def release_proposal(self, topic_id: int, number: int, one_option_per_voter: bool) -> int:
        """A facilitator restores a held proposal: visible again, its set-aside votes count again — on a
        one-choice ballot only for voters who have not voted for something else meanwhile (the last vote counts).
        Returns how many votes came back."""
        await self._run("UPDATE proposals SET hidden = 0, hold = 'restored' WHERE topic_id = ? AND number = ?",
                        (topic_id, number))
        only_unvoted = (
            " AND voter_key NOT IN (SELECT voter_key FROM votes WHERE topic_id = :t)" if one_option_per_voter else ""
        )
        cursor = await self._run(
            f"""
            INSERT OR IGNORE INTO votes (topic_id, voter_key, option, voter_id, voter_name, via, entered_by, cast_at)
            SELECT topic_id, voter_key, option, voter_id, voter_name, via, entered_by, cast_at
            FROM votes_set_aside WHERE topic_id = :t AND option = :n{only_unvoted}
            """,
            {"t": topic_id, "n": number},
        )
        await self._run("DELETE FROM votes_set_aside WHERE topic_id = ? AND option = ?", (topic_id, number))
        return cursor.rowcount

    async def confirm_hold(self, topic_id: int, number: int) -> int:
        """A facilitator keeps a held proposal hidden: its set-aside votes are void. Returns how many."""
        await self._run("UPDATE proposals SET hold = 'confirmed' WHERE topic_id = ? AND number = ?",
                        (topic_id, number))
        cursor = await self._run("DELETE FROM votes_set_aside WHERE topic_id = ? AND option = ?", (topic_id, number))
        return cursor.rowcount
