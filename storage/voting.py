"""SQL of ballots and who may vote: votes (one row per voter and option), residents and their households.

A vote belongs to a *voter key*: `u:<user id>` for one person, `h:<household>` for one household (一户一票), and
`r:<household>` for a resident without a phone whose vote a facilitator entered (代投) on a one-person ballot.
A choice or consent ballot keeps one row per key; an approval ballot one row per supported option.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from council.models import Resident, Topic
from storage.base import Queries


class VoteQueries(Queries):
    # ------------------------------------------------------------------ votes

    async def ballot_of(self, topic_id: int, voter_key: str) -> tuple[set[int], str | None]:
        """The options this key has chosen now, and how the last of them was cast (None: no vote yet)."""
        rows = await self._all("SELECT option, via FROM votes WHERE topic_id = ? AND voter_key = ?",
                               (topic_id, voter_key))
        return {r["option"] for r in rows}, (rows[0]["via"] if rows else None)

    async def replace_ballot(self, topic_id: int, voter_key: str, options: Iterable[int], voter_id: int,
                             voter_name: str, via: str, entered_by: int | None, now: float) -> None:
        """This key now chooses exactly `options` (none: the vote is withdrawn)."""
        await self._run("DELETE FROM votes WHERE topic_id = ? AND voter_key = ?", (topic_id, voter_key))
        await self.conn.executemany(
            """
            INSERT INTO votes (topic_id, voter_key, option, voter_id, voter_name, via, entered_by, cast_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [(topic_id, voter_key, option, voter_id, voter_name, via, entered_by, now) for option in sorted(options)],
        )

    # ------------------------------------------------------------------ questions about leaning messages

    async def vote_questions(self, topic_id: int, user_id: int) -> dict[int, str | None]:
        """The options this resident was asked about in the topic (您是想投 #2 吗？), each with the answer: None while
        unanswered, 'yes' or 'no'."""
        rows = await self._all("SELECT option, answer FROM vote_questions WHERE topic_id = ? AND user_id = ?",
                               (topic_id, user_id))
        return {r["option"]: r["answer"] for r in rows}

    async def ask_vote_question(self, topic_id: int, user_id: int, option: int, now: float) -> None:
        await self._run(
            "INSERT OR IGNORE INTO vote_questions (topic_id, user_id, option, asked_at) VALUES (?, ?, ?, ?)",
            (topic_id, user_id, option, now),
        )

    async def answer_vote_questions(self, topic_id: int, user_id: int, answer: str, option: int | None = None) -> None:
        """Record the answer to the open questions of this resident in the topic (only `option`'s, when given)."""
        await self._run(
            "UPDATE vote_questions SET answer = ? WHERE topic_id = ? AND user_id = ? AND answer IS NULL"
            " AND (? IS NULL OR option = ?)",
            (answer, topic_id, user_id, option, option),
        )

    async def drop_ballot(self, topic_id: int, voter_key: str) -> bool:
        cursor = await self._run("DELETE FROM votes WHERE topic_id = ? AND voter_key = ?", (topic_id, voter_key))
        return cursor.rowcount > 0

    async def vote_counts(self, topic_id: int) -> dict[int, int]:
        rows = await self._all("SELECT option, COUNT(*) FROM votes WHERE topic_id = ? GROUP BY option", (topic_id,))
        return {row[0]: row[1] for row in rows}

    async def voter_figures(self, topic_id: int) -> tuple[int, int]:
        """(voters, of whom entered by a facilitator): each key counts once, whatever it chose."""
        row = await self._one(
            """
            SELECT COUNT(DISTINCT voter_key), COUNT(DISTINCT CASE WHEN via = 'proxy' THEN voter_key END)
            FROM votes WHERE topic_id = ?
            """,
            (topic_id,),
        )
        return row[0], row[1]

    async def voter_names(self, topic_id: int) -> dict[int, list[str]]:
        """Open ballots only (the caller checks): who chose each option, in the order they voted."""
        rows = await self._all(
            "SELECT option, voter_name FROM votes WHERE topic_id = ? ORDER BY cast_at, voter_key", (topic_id,)
        )
        names: dict[int, list[str]] = {}
        for option, name in rows:
            names.setdefault(option, []).append(name)
        return names

    async def delete_votes_for(self, topic_id: int, option: int) -> int:
        """A hidden proposal's votes are void. Returns how many voters lost their vote."""
        cursor = await self._run("DELETE FROM votes WHERE topic_id = ? AND option = ?", (topic_id, option))
        return cursor.rowcount

    async def voted_keys(self, topic_ids: list[int], keys: list[str]) -> set[int]:
        """Which of these topics have a vote from any of these keys."""
        if not topic_ids or not keys:
            return set()
        rows = await self._all(
            f"SELECT DISTINCT topic_id FROM votes WHERE topic_id IN ({','.join('?' * len(topic_ids))})"
            f" AND voter_key IN ({','.join('?' * len(keys))})",
            (*topic_ids, *keys),
        )
        return {row[0] for row in rows}

    # ------------------------------------------------------------------ run-offs

    async def resolution_of(self, topic_id: int) -> tuple[str, list[int]] | None:
        """(outcome, winning or tied proposal numbers) of a closed topic."""
        row = await self._one("SELECT outcome, winners FROM resolutions WHERE topic_id = ?", (topic_id,))
        return (row[0], json.loads(row[1])) if row else None

    async def runoff_of(self, topic_id: int) -> int | None:
        """The number of the run-off already started for this topic, if any."""
        row = await self._one("SELECT number FROM topics WHERE runoff_of = ?", (topic_id,))
        return row[0] if row else None

    async def copy_proposals(self, from_topic: int, to: Topic, numbers: list[int]) -> None:
        """The tied proposals go onto the run-off with their numbers, authors and supporters. They have no message
        of their own in the chat: a negative message id, unique per topic and number, keeps UNIQUE (chat, message)."""
        marks = ",".join("?" * len(numbers))
        await self._run(
            f"""
            INSERT INTO proposals (topic_id, number, chat_id, message_id, author_id, author_name, text, created_at)
            SELECT ?, number, chat_id, -(? * 10000 + number), author_id, author_name, text, created_at
            FROM proposals WHERE topic_id = ? AND number IN ({marks})
            """,
            (to.id, to.id, from_topic, *numbers),
        )
        await self._run(
            f"""
            INSERT OR IGNORE INTO supports (topic_id, number, user_id, at)
            SELECT ?, number, user_id, at FROM supports WHERE topic_id = ? AND number IN ({marks})
            """,
            (to.id, from_topic, *numbers),
        )

    # ------------------------------------------------------------------ residents and households

    async def touch_resident(self, chat_id: int, user_id: int, name: str, now: float) -> None:
        """Someone wrote or tapped in a group: remember them (private /mine lists their groups' ballots)."""
        await self._run(
            """
            INSERT INTO residents (chat_id, user_id, name, seen_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (chat_id, user_id) DO UPDATE SET name = excluded.name, seen_at = excluded.seen_at
            """,
            (chat_id, user_id, name, now),
        )

    async def resident(self, chat_id: int, user_id: int) -> Resident | None:
        row = await self._one(
            "SELECT chat_id, user_id, name, household, registered_at FROM residents WHERE chat_id = ? AND user_id = ?",
            (chat_id, user_id),
        )
        return Resident(*row) if row else None

    async def register_household(self, chat_id: int, user_id: int, name: str, household: str | None,
                                 by: int | None, now: float) -> None:
        """Set (or with None, clear) where a resident lives. `by`: the facilitator who corrected it."""
        await self._run(
            """
            INSERT INTO residents (chat_id, user_id, name, household, registered_at, registered_by, seen_at)
            VALUES (:chat, :user, :name, :household, :now, :by, :now)
            ON CONFLICT (chat_id, user_id) DO UPDATE SET household = excluded.household,
                registered_at = excluded.registered_at, registered_by = excluded.registered_by,
                name = CASE WHEN :by IS NULL THEN excluded.name ELSE residents.name END
            """,
            {"chat": chat_id, "user": user_id, "name": name, "household": household, "now": now, "by": by},
        )

    async def registered(self, chat_id: int) -> list[Resident]:
        """Residents of a group with a registered household, by household."""
        rows = await self._all(
            """
            SELECT chat_id, user_id, name, household, registered_at FROM residents
            WHERE chat_id = ? AND household IS NOT NULL ORDER BY household, registered_at
            """,
            (chat_id,),
        )
        return [Resident(*row) for row in rows]

    async def household_count(self, chat_id: int) -> int:
        row = await self._one(
            "SELECT COUNT(DISTINCT household) FROM residents WHERE chat_id = ? AND household IS NOT NULL", (chat_id,)
        )
        return row[0]

    async def resident_by_name(self, chat_id: int, name: str) -> list[Resident]:
        rows = await self._all(
            "SELECT chat_id, user_id, name, household, registered_at FROM residents WHERE chat_id = ? AND name = ?",
            (chat_id, name),
        )
        return [Resident(*row) for row in rows]

    async def chats_of(self, user_id: int) -> list[int]:
        """Groups where this person has been seen, latest first."""
        rows = await self._all("SELECT chat_id FROM residents WHERE user_id = ? ORDER BY seen_at DESC", (user_id,))
        return [row[0] for row in rows]
