import sqlite3

import pytest

from council.models import Person
from storage.db import Database
from storage.migrations import MIGRATIONS


async def test_migrations_from_empty_file_and_rerun(tmp_path):
    path = tmp_path / "fresh.db"
    first = Database(path)
    await first.connect()
    await first.close()
    again = Database(path)
    await again.connect()
    assert await again.migrate() == []  # nothing left to apply
    await again.close()
    with sqlite3.connect(path) as conn:
        versions = [row[0] for row in conn.execute("SELECT version FROM schema_migrations ORDER BY version")]
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
    assert versions == [v for v, _, _ in MIGRATIONS]
    assert {"topics", "proposals", "votes", "resolutions", "chats", "audit_log", "outbox"} <= tables
    assert mode == "wal"


async def test_transaction_rolls_back_on_error(db):
    with pytest.raises(RuntimeError):
        async with db.transaction() as repo:
            await repo.upsert_chat(-1, "group", "永合社区", 1.0)
            raise RuntimeError("boom")
    async with db.transaction() as repo:
        assert await repo.member_count(-1) is None
        rows = await repo._all("SELECT * FROM chats")
    assert rows == []


async def test_a_new_ballot_replaces_the_voters_earlier_one(db, make_council):
    council = make_council()
    topic = await council.open_topic(-5, Person(1, "王社工"), "流浪狗", 10)
    await council.propose(-5, Person(2, "张阿姨"), "设投喂点", 11)
    await council.propose(-5, Person(3, "李姐"), "联系救助站", 12)
    await council.start_voting(topic.id, Person(1, "王社工"))
    async with db.transaction() as repo:
        assert await repo.ballot_of(topic.id, "u:2") == (set(), None)
        await repo.replace_ballot(topic.id, "u:2", [1], 2, "张阿姨", "button", None, 1.0)
        await repo.replace_ballot(topic.id, "u:2", [2], 2, "张阿姨", "text", None, 2.0)
        assert await repo.ballot_of(topic.id, "u:2") == ({2}, "text")
        assert await repo.vote_counts(topic.id) == {2: 1}
        await repo.replace_ballot(topic.id, "u:3", [1, 2], 3, "李姐", "button", None, 3.0)  # approval
        assert await repo.vote_counts(topic.id) == {1: 1, 2: 2}
        assert await repo.voter_figures(topic.id) == (2, 0)


async def test_votes_of_the_first_release_move_to_voter_keys(tmp_path, monkeypatch):
    """Migration 4 rebuilds the votes table: each old vote becomes the ballot of u:<voter id>."""
    import storage.db

    path = tmp_path / "v3.db"
    monkeypatch.setattr(storage.db, "MIGRATIONS", MIGRATIONS[:3])
    old = Database(path)
    await old.connect()
    async with old.transaction() as repo:
        await repo._run(
            "INSERT INTO topics (chat_id, number, title, state, method, quorum, opened_by, opened_at,"
            " collect_deadline, vote_deadline) VALUES (-7, 1, '老议题', 'voting', 'choice', 0.3, 1, 1, 2, 3)"
        )
        await repo._run("INSERT INTO votes (topic_id, voter_id, option, via, cast_at) VALUES (1, 42, 2, 'text', 5)")
    await old.close()
    monkeypatch.setattr(storage.db, "MIGRATIONS", MIGRATIONS)
    new = Database(path)
    await new.connect()
    async with new.transaction() as repo:
        assert await repo.ballot_of(1, "u:42") == ({2}, "text")
        topic = await repo.topic(1)
        assert (topic.one_vote_per.value, topic.ballot.value, topic.results.value) == ("person", "secret", "live")
    await new.close()


async def test_upgrade_keeps_data(tmp_path, monkeypatch):
    """A database made by the first release is upgraded in place: its topics stay, new columns are empty."""
    import storage.db

    path = tmp_path / "old.db"
    monkeypatch.setattr(storage.db, "MIGRATIONS", MIGRATIONS[:1])
    old = Database(path)
    await old.connect()
    async with old.transaction() as repo:
        await repo.upsert_chat(-7, "group", "老群", 1.0)
        await repo._run(
            "INSERT INTO topics (chat_id, number, title, state, method, quorum, opened_by, opened_at,"
            " collect_deadline, vote_deadline) VALUES (-7, 1, '老议题', 'collecting', 'choice', 0.3, 1, 1, 2, 3)"
        )
    await old.close()
    monkeypatch.setattr(storage.db, "MIGRATIONS", MIGRATIONS)
    new = Database(path)
    await new.connect()
    async with new.transaction() as repo:
        topic = await repo.topic_by_number(-7, 1)
        assert topic.title == "老议题" and topic.category is None
        assert await repo.support_counts(topic.id) == {}
    await new.close()
