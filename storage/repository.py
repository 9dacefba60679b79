"""Every SQL statement of the bot. A Repository lives for one transaction (see Database.transaction)."""

from __future__ import annotations

import json

from council.models import Ballot, Method, Person, Proposal, Resolution, Results, State, Threshold, Topic, VoteUnit
from storage.actions import ActionQueries
from storage.outbox import OutboxQueries
from storage.private import PrivateQueries
from storage.reach import ReachQueries
from storage.reporting import ReportQueries
from storage.voting import VoteQueries

_TOPIC_COLUMNS = (
    "id, chat_id, number, title, background, state, method, quorum, opened_by, opened_at, collect_deadline,"
    " vote_deadline, card_message_id, ballot_message_id, resolution_message_id, voting_started_at, closed_at,"
    " category, category_by, one_vote_per, threshold, ballot, results, anonymous, runoff_of, shortlist"
)
_PROPOSAL_COLUMNS = "id, topic_id, number, author_id, author_name, text, hidden, created_at, merged_into"
_OPEN = "('collecting', 'voting')"


def _topic(row) -> Topic:
    values = dict(row)
    values["state"] = State(values["state"])
    values["method"] = Method(values["method"])
    values["one_vote_per"] = VoteUnit(values["one_vote_per"])
    values["threshold"] = Threshold(values["threshold"])
    values["ballot"] = Ballot(values["ballot"])
    values["results"] = Results(values["results"])
    values["anonymous"] = bool(values["anonymous"])
    values["shortlist"] = tuple(json.loads(values["shortlist"])) if values["shortlist"] else None
    return Topic(**values)


def _proposal(row) -> Proposal:
    values = dict(row)
    values["hidden"] = bool(values["hidden"])
    return Proposal(**values)


class Repository(VoteQueries, OutboxQueries, ReportQueries, PrivateQueries, ReachQueries, ActionQueries):
    """Topics, proposals and chats; votes and residents, private chats, the outbox, schedules, reports and action
    items come from the mixins."""

    # ------------------------------------------------------------------ chats

    async def upsert_chat(self, chat_id: int, type_: str, title: str, now: float) -> None:
        await self._run(
            """
            INSERT INTO chats (chat_id, type, title, active, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?)
            ON CONFLICT (chat_id) DO UPDATE SET type = excluded.type, title = excluded.title,
                active = 1, updated_at = excluded.updated_at
            """,
            (chat_id, type_, title, now, now),
        )

    async def set_chat_active(self, chat_id: int, active: bool, now: float) -> None:
        await self._run("UPDATE chats SET active = ?, updated_at = ? WHERE chat_id = ?", (int(active), now, chat_id))

    async def chat_active(self, chat_id: int) -> bool:
        row = await self._one("SELECT active FROM chats WHERE chat_id = ?", (chat_id,))
        return row is None or bool(row["active"])

    async def set_member_count(self, chat_id: int, members: int, now: float) -> None:
        await self._run(
            "UPDATE chats SET member_count = ?, updated_at = ? WHERE chat_id = ?", (members, now, chat_id)
        )

    async def member_count(self, chat_id: int) -> int | None:
        row = await self._one("SELECT member_count FROM chats WHERE chat_id = ?", (chat_id,))
        return row["member_count"] if row else None

    async def migrate_chat(self, old_id: int, new_id: int, now: float) -> None:
        """A group became a supergroup: everything of the old id moves to the new one."""
        await self._run(
            """
            INSERT INTO chats (chat_id, type, title, active, member_count, created_at, updated_at)
            SELECT ?, 'supergroup', title, 1, member_count, created_at, ? FROM chats WHERE chat_id = ?
            ON CONFLICT (chat_id) DO UPDATE SET active = 1, updated_at = excluded.updated_at
            """,
            (new_id, now, old_id),
        )
        await self._run(
            "UPDATE chats SET active = 0, migrated_to = ?, updated_at = ? WHERE chat_id = ?", (new_id, now, old_id)
        )
        for table in ("topics", "proposals", "audit_log", "drafts", "held_back", "action_items", "reviews"):
            await self._run(f"UPDATE {table} SET chat_id = ? WHERE chat_id = ?", (new_id, old_id))
        await self._run("UPDATE OR REPLACE residents SET chat_id = ? WHERE chat_id = ?", (new_id, old_id))
        await self._run("UPDATE outbox SET chat_id = ? WHERE chat_id = ? AND sent_at IS NULL", (new_id, old_id))

    async def migrated_to(self, chat_id: int) -> int | None:
        row = await self._one("SELECT migrated_to FROM chats WHERE chat_id = ?", (chat_id,))
        return row["migrated_to"] if row else None

    # ------------------------------------------------------------------ topics

    async def insert_topic(self, topic: Topic, source_message_id: int | None) -> Topic:
        row = await self._one("SELECT COALESCE(MAX(number), 0) + 1 FROM topics WHERE chat_id = ?", (topic.chat_id,))
        topic.number = row[0]
        cursor = await self._run(
            """
            INSERT INTO topics (chat_id, number, title, background, state, method, quorum, opened_by, opened_at,
                                source_message_id, collect_deadline, vote_deadline, category, one_vote_per, threshold,
                                ballot, results, anonymous, runoff_of, shortlist, voting_started_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            (
                topic.chat_id, topic.number, topic.title, topic.background, topic.state.value, topic.method.value,
                topic.quorum, topic.opened_by, topic.opened_at, source_message_id, topic.collect_deadline,
                topic.vote_deadline, topic.category, topic.one_vote_per.value, topic.threshold.value,
                topic.ballot.value, topic.results.value, int(topic.anonymous), topic.runoff_of,
                json.dumps(list(topic.shortlist)) if topic.shortlist is not None else None, topic.voting_started_at,
            ),
        )
        topic.id = cursor.lastrowid
        return topic

    async def topic(self, topic_id: int) -> Topic | None:
        row = await self._one(f"SELECT {_TOPIC_COLUMNS} FROM topics WHERE id = ?", (topic_id,))
        return _topic(row) if row else None

    async def topic_by_source(self, chat_id: int, message_id: int) -> Topic | None:
        row = await self._one(
            f"SELECT {_TOPIC_COLUMNS} FROM topics WHERE chat_id = ? AND source_message_id = ?", (chat_id, message_id)
        )
        return _topic(row) if row else None

    async def topic_by_number(self, chat_id: int, number: int) -> Topic | None:
        row = await self._one(
            f"SELECT {_TOPIC_COLUMNS} FROM topics WHERE chat_id = ? AND number = ?", (chat_id, number)
        )
        return _topic(row) if row else None

    async def topic_by_message(self, chat_id: int, message_id: int) -> Topic | None:
        """The topic whose card, ballot or resolution is that message, or to which that proposal belongs."""
        row = await self._one(
            f"""
            SELECT {_TOPIC_COLUMNS} FROM topics
            WHERE chat_id = :chat AND :msg IN (card_message_id, ballot_message_id, resolution_message_id)
            UNION
            SELECT {_TOPIC_COLUMNS} FROM topics WHERE id = (
                SELECT topic_id FROM outbox WHERE chat_id = :chat AND message_id = :msg AND topic_id IS NOT NULL
                UNION SELECT topic_id FROM proposals WHERE chat_id = :chat AND message_id = :msg
            )
            LIMIT 1
            """,
            {"chat": chat_id, "msg": message_id},
        )
        return _topic(row) if row else None

    async def topic_any_state(self, chat_id: int, number: int | None) -> Topic | None:
        """A topic of the chat by number, or its latest one, whatever its state (exports)."""
        if number is None:
            row = await self._one(
                f"SELECT {_TOPIC_COLUMNS} FROM topics WHERE chat_id = ? ORDER BY number DESC LIMIT 1", (chat_id,)
            )
        else:
            row = await self._one(f"SELECT {_TOPIC_COLUMNS} FROM topics WHERE chat_id = ? AND number = ?",
                                  (chat_id, number))
        return _topic(row) if row else None

    async def open_topics(self, chat_id: int) -> list[Topic]:
        rows = await self._all(
            f"SELECT {_TOPIC_COLUMNS} FROM topics WHERE chat_id = ? AND state IN {_OPEN} ORDER BY number", (chat_id,)
        )
        return [_topic(r) for r in rows]

    async def topic_documents(self) -> list[str]:
        """Every topic as one document (title and proposals): the corpus keywords are weighed against."""
        rows = await self._all(
            """
            SELECT t.title || ' ' || COALESCE(group_concat(p.text, ' '), '') FROM topics t
            LEFT JOIN proposals p ON p.topic_id = t.id AND p.hidden = 0
            GROUP BY t.id
            """
        )
        return [row[0] for row in rows]

    async def all_open_topics(self) -> list[Topic]:
        """Open topics of chats the bot is still in: what the scheduler must watch."""
        rows = await self._all(
            f"""
            SELECT {_TOPIC_COLUMNS} FROM topics
            WHERE state IN {_OPEN}
              AND chat_id NOT IN (SELECT chat_id FROM chats WHERE active = 0)
            ORDER BY id
            """
        )
        return [_topic(r) for r in rows]

    async def update_topic(self, topic: Topic, **fields) -> None:
        """Set fields of a topic (and of the object). Only known columns pass."""
        allowed = {
            "state", "collect_deadline", "vote_deadline", "voting_started_at", "closed_at", "card_message_id",
            "ballot_message_id", "resolution_message_id", "category", "category_by", "shortlist",
        }
        assert set(fields) <= allowed, fields
        for name, value in fields.items():
            setattr(topic, name, value)
        values = {k: (v.value if isinstance(v, State) else v) for k, v in fields.items()}
        if "shortlist" in values and values["shortlist"] is not None:
            values["shortlist"] = json.dumps(list(values["shortlist"]))
        assignments = ", ".join(f"{name} = :{name}" for name in values)
        await self._run(f"UPDATE topics SET {assignments} WHERE id = :id", {**values, "id": topic.id})

    # ------------------------------------------------------------------ proposals

    async def insert_proposal(
        self, topic: Topic, message_id: int, author: Person, text: str, now: float
    ) -> tuple[Proposal, bool]:
        """The proposal of that message; created=False when the same message was already recorded."""
        existing = await self.proposal_by_message(topic.chat_id, message_id)
        if existing:
            return existing, False
        row = await self._one("SELECT COALESCE(MAX(number), 0) + 1 FROM proposals WHERE topic_id = ?", (topic.id,))
        number = row[0]
        cursor = await self._run(
            """
            INSERT INTO proposals (topic_id, number, chat_id, message_id, author_id, author_name, text, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """,
            (topic.id, number, topic.chat_id, message_id, author.id, author.name, text, now),
        )
        return Proposal(cursor.lastrowid, topic.id, number, author.id, author.name, text, False, now), True

    async def proposal_by_message(self, chat_id: int, message_id: int) -> Proposal | None:
        row = await self._one(
            f"SELECT {_PROPOSAL_COLUMNS} FROM proposals WHERE chat_id = ? AND message_id = ?", (chat_id, message_id)
        )
        return _proposal(row) if row else None

    async def proposals(self, topic_id: int) -> list[Proposal]:
        rows = await self._all(
            f"SELECT {_PROPOSAL_COLUMNS} FROM proposals WHERE topic_id = ? ORDER BY number", (topic_id,)
        )
        return [_proposal(r) for r in rows]

    async def count_proposals(self, topic_id: int) -> int:
        row = await self._one(
            "SELECT COUNT(*) FROM proposals WHERE topic_id = ? AND hidden = 0 AND merged_into IS NULL", (topic_id,)
        )
        return row[0]

    async def merge_proposal(self, topic_id: int, into: int, merged: int, merged_author: int, now: float) -> int:
        """`merged` is folded into `into`: its supporters (and its author) now support `into`. Returns how many
        supporters `into` gained."""
        before = await self._one("SELECT COUNT(*) FROM supports WHERE topic_id = ? AND number = ?", (topic_id, into))
        await self._run(
            "UPDATE proposals SET merged_into = ? WHERE topic_id = ? AND number = ?", (into, topic_id, merged)
        )
        await self._run(
            """
            INSERT OR IGNORE INTO supports (topic_id, number, user_id, at)
            SELECT topic_id, ?, user_id, at FROM supports WHERE topic_id = ? AND number = ?
            """,
            (into, topic_id, merged),
        )
        await self._run("DELETE FROM supports WHERE topic_id = ? AND number = ?", (topic_id, merged))
        await self.add_support(topic_id, into, merged_author, now)
        after = await self._one("SELECT COUNT(*) FROM supports WHERE topic_id = ? AND number = ?", (topic_id, into))
        return after[0] - before[0]

    # ------------------------------------------------------------------ supports (支持 #M instead of a duplicate)

    async def add_support(self, topic_id: int, number: int, user_id: int, now: float) -> bool:
        """True when this is a new supporter of the proposal."""
        cursor = await self._run(
            "INSERT OR IGNORE INTO supports (topic_id, number, user_id, at) VALUES (?, ?, ?, ?)",
            (topic_id, number, user_id, now),
        )
        return cursor.rowcount == 1

    async def support_counts(self, topic_id: int) -> dict[int, int]:
        """Supporters per proposal, counting the author of each active proposal as its first supporter."""
        rows = await self._all(
            """
            SELECT number, COUNT(*) FROM (
                SELECT number, user_id FROM supports WHERE topic_id = :t
                UNION
                SELECT number, author_id FROM proposals WHERE topic_id = :t AND merged_into IS NULL
            ) GROUP BY number
            """,
            {"t": topic_id},
        )
        return {row[0]: row[1] for row in rows}

    # ------------------------------------------------------------------ messages held back (civility)

    async def hold_back(self, chat_id: int, topic_id: int | None, user_id: int, user_name: str, kind: str,
                        text: str, now: float) -> None:
        await self._run(
            """
            INSERT INTO held_back (chat_id, topic_id, user_id, user_name, kind, text, at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """,
            (chat_id, topic_id, user_id, user_name, kind, text, now),
        )

    async def held_back(self, chat_id: int, limit: int = 20) -> list[tuple[str, str, str, float]]:
        rows = await self._all(
            "SELECT user_name, kind, text, at FROM held_back WHERE chat_id = ? ORDER BY id DESC LIMIT ?",
            (chat_id, limit),
        )
        return [tuple(row) for row in rows]

    async def hide_proposal(self, topic_id: int, number: int) -> None:
        await self._run("UPDATE proposals SET hidden = 1 WHERE topic_id = ? AND number = ?", (topic_id, number))

    # ------------------------------------------------------------------ resolutions and audit

    async def insert_resolution(self, res: Resolution, now: float) -> None:
        await self._run(
            """
            INSERT INTO resolutions (topic_id, outcome, winners, counts, voters, members, quorum_needed,
                                     quorum_met, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            (
                res.topic.id, res.outcome.kind, json.dumps([o.number for o in res.outcome.winners]),
                json.dumps({str(k): v for k, v in res.tally.counts.items()}), res.tally.voters, res.members,
                res.quorum_needed, int(res.quorum_met), now,
            ),
        )

    async def audit(self, chat_id: int, topic_id: int | None, actor_id: int | None, action: str, detail: str,
                    now: float) -> None:
        await self._run(
            "INSERT INTO audit_log (chat_id, topic_id, actor_id, action, detail, at) VALUES (?, ?, ?, ?, ?, ?)",
            (chat_id, topic_id, actor_id, action, detail, now),
        )
