"""SQL of the reports: the staff's weekly digest and a facilitator's export of one topic.

Every query takes a window [start, end) of Unix times and reads with the indexes of migration 3 (topics by
opened_at/closed_at, proposals by created_at, votes by cast_at, supports by at), so a week of a large database
is read without scanning it.
"""

from __future__ import annotations

from council.digest import TopicRow, WeekFigures
from council.models import CONSENT_OPTIONS, YES
from storage.base import Queries

# Who took part in a window, per chat: residents who proposed, supported or voted.
_PARTICIPANTS = """
    SELECT chat_id, author_id AS person FROM proposals WHERE created_at >= :start AND created_at < :end
    UNION
    SELECT t.chat_id, s.user_id FROM supports s JOIN topics t ON t.id = s.topic_id
    WHERE s.at >= :start AND s.at < :end
    UNION
    SELECT t.chat_id, v.voter_id FROM votes v JOIN topics t ON t.id = v.topic_id
    WHERE v.cast_at >= :start AND v.cast_at < :end
"""


class ReportQueries(Queries):
    async def group_chats(self) -> list[tuple[int, str, int | None, bool]]:
        """Every group the bot has been in: (chat id, title, members, still active)."""
        rows = await self._all(
            "SELECT chat_id, title, member_count, active FROM chats WHERE type IN ('group', 'supergroup')"
            " AND migrated_to IS NULL ORDER BY chat_id"
        )
        return [(r[0], r[1], r[2], bool(r[3])) for r in rows]

    async def week_topics(self, start: float, end: float) -> list[TopicRow]:
        """Topics that lived in the window: opened before its end and not finished before its start."""
        rows = await self._all(
            """
            SELECT t.id, t.chat_id, c.title AS chat_title, t.number, t.title, COALESCE(t.category, '其他') AS category,
                   t.state, t.method, t.opened_at, t.closed_at,
                   (SELECT COUNT(*) FROM proposals p
                     WHERE p.topic_id = t.id AND p.hidden = 0 AND p.merged_into IS NULL) AS proposals,
                   (SELECT COUNT(DISTINCT v.voter_key) FROM votes v WHERE v.topic_id = t.id) AS voters,
                   COALESCE(r.members, c.member_count) AS members,
                   r.quorum_needed, r.quorum_met, r.outcome, w.number AS winner_number, w.text AS winner_text
            FROM topics t
            JOIN chats c ON c.chat_id = t.chat_id
            LEFT JOIN resolutions r ON r.topic_id = t.id
            LEFT JOIN proposals w ON w.topic_id = t.id AND r.outcome = 'winner'
                                 AND w.number = json_extract(r.winners, '$[0]')
            WHERE t.opened_at < :end AND (t.closed_at IS NULL OR t.closed_at >= :start)
            ORDER BY t.chat_id, t.number
            """,
            {"start": start, "end": end},
        )
        topics = []
        for r in rows:
            winner = ""
            if r["outcome"] == "passed":
                winner = f"{CONSENT_OPTIONS[YES]}：{r['title']}"
            elif r["winner_number"] is not None:
                winner = f"#{r['winner_number']} {r['winner_text']}"
            topics.append(TopicRow(
                chat_id=r["chat_id"], chat_title=r["chat_title"], number=r["number"], title=r["title"],
                category=r["category"], state=r["state"], opened_at=r["opened_at"], closed_at=r["closed_at"],
                proposals=r["proposals"], voters=r["voters"], members=r["members"],
                quorum_needed=r["quorum_needed"],
                quorum_met=None if r["quorum_met"] is None else bool(r["quorum_met"]),
                outcome=r["outcome"], winner=winner,
            ))
        return topics

    async def week_figures(self, start: float, end: float) -> tuple[dict[int, WeekFigures], WeekFigures]:
        """Figures of the window per chat, and for all chats together (a resident of two groups is one
        participant in the total)."""
        window = {"start": start, "end": end}
        per_chat: dict[int, WeekFigures] = {}

        def figures(chat_id: int) -> WeekFigures:
            return per_chat.setdefault(chat_id, WeekFigures())

        for chat_id, opened in await self._all(
            "SELECT chat_id, COUNT(*) FROM topics WHERE opened_at >= :start AND opened_at < :end GROUP BY chat_id",
            window,
        ):
            figures(chat_id).opened = opened
        for chat_id, state, count in await self._all(
            """
            SELECT chat_id, state, COUNT(*) FROM topics
            WHERE closed_at >= :start AND closed_at < :end GROUP BY chat_id, state
            """,
            window,
        ):
            if state == "closed":
                figures(chat_id).closed = count
            elif state == "cancelled":
                figures(chat_id).cancelled = count
        for chat_id, count in await self._all(
            """
            SELECT chat_id, COUNT(*) FROM proposals
            WHERE created_at >= :start AND created_at < :end AND hidden = 0 GROUP BY chat_id
            """,
            window,
        ):
            figures(chat_id).proposals = count
        for chat_id, count in await self._all(
            """
            SELECT t.chat_id, COUNT(*) FROM votes v JOIN topics t ON t.id = v.topic_id
            WHERE v.cast_at >= :start AND v.cast_at < :end GROUP BY t.chat_id
            """,
            window,
        ):
            figures(chat_id).votes = count
        for chat_id, count in await self._all(
            f"SELECT chat_id, COUNT(DISTINCT person) FROM ({_PARTICIPANTS}) GROUP BY chat_id", window
        ):
            figures(chat_id).participants = count
        total = WeekFigures()
        for f in per_chat.values():
            total.opened += f.opened
            total.closed += f.closed
            total.cancelled += f.cancelled
            total.proposals += f.proposals
            total.votes += f.votes
        row = await self._one(f"SELECT COUNT(DISTINCT person) FROM ({_PARTICIPANTS})", window)
        total.participants = row[0]
        return per_chat, total

    async def week_proposals(self, start: float, end: float) -> list[tuple[int, int, float, str]]:
        """(chat id, topic id, time, text) of every visible proposal written in the window."""
        rows = await self._all(
            """
            SELECT chat_id, topic_id, created_at, text FROM proposals
            WHERE created_at >= ? AND created_at < ? AND hidden = 0 ORDER BY created_at
            """,
            (start, end),
        )
        return [(r[0], r[1], r[2], r[3]) for r in rows]

    # ------------------------------------------------------------------ a group's day (【今日小结】)

    async def topic_activity(self, topic_id: int, since: float) -> tuple[list[int], int, int]:
        """Since a moment: numbers of the visible proposals written, votes cast or changed, supports given."""
        rows = await self._all(
            """
            SELECT number FROM proposals WHERE topic_id = ? AND created_at >= ? AND hidden = 0
            AND merged_into IS NULL ORDER BY number
            """,
            (topic_id, since),
        )
        votes = await self._one("SELECT COUNT(*) FROM votes WHERE topic_id = ? AND cast_at >= ?", (topic_id, since))
        supports = await self._one("SELECT COUNT(*) FROM supports WHERE topic_id = ? AND at >= ?", (topic_id, since))
        return [r[0] for r in rows], votes[0], supports[0]
