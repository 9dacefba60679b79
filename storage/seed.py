"""Bulk loading of made-up councils, for benchmarks only (bench/digest.py): plain executemany, no checks.

The rows must already be consistent (numbers per topic, one vote per voter and topic); the bot never calls this.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable


def load(path: str, chats: Iterable[tuple], topics: Iterable[tuple], proposals: Iterable[tuple],
         votes: Iterable[tuple], resolutions: Iterable[tuple]) -> None:
    """Rows in the column order of the INSERTs below, into a database already migrated by storage.db."""
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA synchronous = OFF")
        conn.executemany(
            "INSERT INTO chats (chat_id, type, title, active, member_count, created_at, updated_at)"
            " VALUES (?, 'supergroup', ?, 1, ?, ?, ?)", chats)
        conn.executemany(
            "INSERT INTO topics (id, chat_id, number, title, state, method, quorum, opened_by, opened_at,"
            " collect_deadline, vote_deadline, voting_started_at, closed_at, category)"
            " VALUES (?, ?, ?, ?, ?, 'choice', 0.3, 1, ?, ?, ?, ?, ?, ?)", topics)
        conn.executemany(
            "INSERT INTO proposals (topic_id, number, chat_id, message_id, author_id, author_name, text, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", proposals)
        conn.executemany(
            "INSERT INTO votes (topic_id, voter_key, voter_id, option, via, cast_at)"
            " VALUES (?1, 'u:' || ?2, ?2, ?3, 'button', ?4)", votes)
        conn.executemany(
            "INSERT INTO resolutions (topic_id, outcome, winners, counts, voters, members, quorum_needed,"
            " quorum_met, created_at) VALUES (?, ?, ?, '{}', ?, ?, ?, ?, ?)", resolutions)
