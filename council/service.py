"""The council's use cases: open a topic, propose, start voting, vote, close, cancel, hide, status.

Each use case runs in one database transaction, and writes the posts it owes the group to the outbox in that
same transaction: a change and its announcement are committed together, and a post is never lost or doubled
by a crash. Callers (Telegram handlers, scheduled jobs, tests) get back plain results or a CouncilError whose
text is the Chinese answer for the user. This module knows neither Telegram nor SQL: `db` is anything with an
async `transaction()` context yielding a repository (storage.Database in the bot).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import tzinfo

from council import rules, texts
from council.config import CouncilRules
from council.following import Following
from council.language import Language
from council.models import CATEGORIES, Method, Person, Post, Resolution, State, Tally, Topic
from council.parsing import split_title
from council.proposing import Proposing
from council.results import Choice, CouncilError, VoteResult
from council.schedule import QuietHours
from council.texts import Err

log = logging.getLogger(__name__)
MAX_TITLE_CHARS = 60


class Council(Proposing, Following):
    def __init__(self, db, rules_: CouncilRules, tz: tzinfo, language: Language,
                 clock: Callable[[], float] = time.time, on_post: Callable[[], None] = lambda: None,
                 quiet: QuietHours | None = None):
        self.db = db
        self.quiet = quiet  # a resolution reached by a deadline in quiet hours is published when they end
        self.language = language  # residents' Chinese: typed votes, near-duplicates, keywords, categories, civility
        self.rules = rules_
        self.tz = tz
        self.clock = clock
        self.on_post = on_post  # called after a commit that wrote to the outbox

    # ------------------------------------------------------------------ chats

    async def chat_seen(self, chat_id: int, type_: str, title: str) -> None:
        async with self.db.transaction() as repo:
            await repo.upsert_chat(chat_id, type_, title, self.clock())

    async def chat_left(self, chat_id: int) -> None:
        """The bot was removed: keep every record, stop acting in that chat."""
        async with self.db.transaction() as repo:
            await repo.set_chat_active(chat_id, False, self.clock())
            await repo.drop_pending_for_chat(chat_id, "bot removed from chat")
            await repo.audit(chat_id, None, None, "bot_removed", "", self.clock())

    async def chat_migrated(self, old_id: int, new_id: int) -> None:
        async with self.db.transaction() as repo:
            if await repo.migrated_to(old_id) == new_id:
                return
            await repo.migrate_chat(old_id, new_id, self.clock())
            await repo.audit(new_id, None, None, "chat_migrated", f"{old_id} -> {new_id}", self.clock())
        log.info("chat %s migrated to %s", old_id, new_id)

    async def set_member_count(self, chat_id: int, members: int) -> None:
        async with self.db.transaction() as repo:
            await repo.set_member_count(chat_id, members, self.clock())

    # ------------------------------------------------------------------ choosing a topic

    async def choose(self, chat_id: int, number: int | None, reply_to: int | None, allowed: set[State],
                     wrong_state: str) -> Topic | Choice:
        """The topic a command means: by number, by the message replied to, or the only fitting open one."""
        async with self.db.transaction() as repo:
            if number is not None:
                topic = await repo.topic_by_number(chat_id, number)
                if topic is None or not topic.state.is_open:
                    raise CouncilError(Err.no_such_topic(number))
                return _check_state(topic, allowed, wrong_state)
            if reply_to is not None:
                topic = await repo.topic_by_message(chat_id, reply_to)
                if topic is not None and topic.state.is_open:
                    return _check_state(topic, allowed, wrong_state)
            open_topics = await repo.open_topics(chat_id)
        if not open_topics:
            raise CouncilError(Err.NO_OPEN_TOPIC)
        fitting = [t for t in open_topics if t.state in allowed]
        if not fitting:
            raise CouncilError(wrong_state)
        return fitting[0] if len(fitting) == 1 else Choice(fitting)

    async def topic(self, topic_id: int) -> Topic | None:
        async with self.db.transaction() as repo:
            return await repo.topic(topic_id)

    # ------------------------------------------------------------------ step 1: open a topic

    async def open_topic(self, chat_id: int, opener: Person, text: str, source_message_id: int | None) -> Topic:
        title, background = split_title(text)
        if not title:
            raise CouncilError(Err.OPEN_NO_TITLE)
        if len(title) > MAX_TITLE_CHARS:
            raise CouncilError(Err.TITLE_TOO_LONG)
        now = self.clock()
        async with self.db.transaction() as repo:
            if source_message_id is not None:
                existing = await repo.topic_by_source(chat_id, source_message_id)
                if existing:
                    return existing  # the same update delivered twice
            topic = Topic(
                id=0, chat_id=chat_id, number=0, title=title, background=background, state=State.COLLECTING,
                method=Method(self.rules.method), quorum=self.rules.quorum, opened_by=opener.id, opened_at=now,
                collect_deadline=now + self.rules.collect_for,
                vote_deadline=now + self.rules.collect_for + self.rules.vote_for,
                category=self.guess_category(title, []),
            )
            topic = await repo.insert_topic(topic, source_message_id)
            await repo.enqueue(Post(chat_id, texts.topic_card(topic, opener.name, self.tz), purpose="card",
                                    topic_id=topic.id), now)
            await repo.audit(chat_id, topic.id, opener.id, "open", title, now)
        self.on_post()
        return topic

    # ------------------------------------------------------------------ step 4: voting

    async def start_voting(self, topic_id: int, actor: Person | None) -> Topic | None:
        """Open the ballot. actor None: the collecting deadline did it (then a wrong state is not an error)."""
        now = self.clock()
        async with self.db.transaction() as repo:
            topic = await repo.topic(topic_id)
            if topic is None or not rules.can_start_voting(topic):
                if actor is None:
                    return None
                raise CouncilError(Err.ALREADY_VOTING if topic and topic.state is State.VOTING else Err.NO_OPEN_TOPIC)
            proposals = await repo.proposals(topic.id)
            options = rules.ballot_options(topic, proposals)
            if topic.category_by is None:  # the proposals say more about the topic than its title alone
                await repo.update_topic(topic, category=self.guess_category(
                    topic.title, [p.text for p in proposals if p.active]))
            if not options:
                if actor is not None:
                    raise CouncilError(Err.NO_PROPOSALS_TO_VOTE)
                await repo.update_topic(topic, state=State.CLOSED, closed_at=now)
                await repo.enqueue(Post(topic.chat_id, texts.no_proposals_closed(topic), purpose="resolution",
                                        topic_id=topic.id), now)
                await repo.audit(topic.chat_id, topic.id, None, "closed_empty", "", now)
            else:
                # Never shorten the voting the card announced; a late start (bot was down) still gets vote_for.
                await repo.update_topic(topic, state=State.VOTING, voting_started_at=now,
                                        vote_deadline=max(topic.vote_deadline, now + self.rules.vote_for))
                tally = Tally(options, {})
                members = await repo.member_count(topic.chat_id)
                await repo.enqueue(
                    Post(topic.chat_id, texts.ballot(topic, tally, members, self.tz),
                         keyboard=texts.ballot_keyboard(topic, tally), purpose="ballot", topic_id=topic.id),
                    now,
                )
                await repo.audit(topic.chat_id, topic.id, actor.id if actor else None, "start_voting", "", now)
        self.on_post()
        return topic

    async def cast_vote(self, topic_id: int, chat_id: int, voter: Person, option: int, via: str) -> VoteResult:
        """Record one vote; it is committed when this returns. Forged or stale requests are refused."""
        now = self.clock()
        async with self.db.transaction() as repo:
            topic = await repo.topic(topic_id)
            if topic is None or topic.chat_id != chat_id:
                raise CouncilError(Err.BALLOT_NOT_HERE)
            if topic.state is State.COLLECTING:
                raise CouncilError(Err.NO_VOTING)
            if topic.state is not State.VOTING:
                raise CouncilError(Err.VOTE_CLOSED)
            valid = [o.number for o in rules.ballot_options(topic, await repo.proposals(topic.id))]
            if option not in valid:
                raise CouncilError(Err.not_on_ballot(topic, option, valid))
            previous = await repo.upsert_vote(topic.id, voter.id, option, via, now)
        return VoteResult(topic, option, previous)

    async def typed_vote(self, chat_id: int, voter: Person, text: str,
                         replied_topic_id: int | None = None) -> VoteResult | None:
        """A chat message that may be a vote (投2, 2号, 赞成 …). None: not a vote — leave the message alone."""
        async with self.db.transaction() as repo:
            if replied_topic_id is not None:
                topic = await repo.topic(replied_topic_id)
                topics = [topic] if topic is not None and topic.chat_id == chat_id else []
            else:
                topics = [t for t in await repo.open_topics(chat_id) if t.state is State.VOTING]
            ballots = [(t, [o.number for o in rules.ballot_options(t, await repo.proposals(t.id))]) for t in topics]
        readings = [(t, numbers, self.language.read_vote(text, t.method.value, numbers)) for t, numbers in ballots]
        hits = [(t, numbers, r) for t, numbers, r in readings if r.kind != "none"]
        if not hits:
            return None
        if len(hits) > 1:
            raise CouncilError(Err.MANY_BALLOTS)
        topic, numbers, reading = hits[0]
        if topic.state is not State.VOTING:
            raise CouncilError(Err.NO_VOTING if topic.state is State.COLLECTING else Err.VOTE_CLOSED)
        await self.check_civil(chat_id, topic.id, voter, "vote", text)
        if reading.kind == "off_ballot":
            raise CouncilError(Err.not_on_ballot(topic, reading.options[0], numbers))
        if len(reading.options) != 1:
            return None  # several numbers on a one-choice ballot: ambiguous, not counted
        return await self.cast_vote(topic.id, chat_id, voter, reading.options[0], "text")

    async def ballot_view(self, topic_id: int) -> tuple[Topic, str, list | None] | None:
        """The current text and buttons of a topic's 【投票】 message (no buttons once voting is over)."""
        async with self.db.transaction() as repo:
            topic = await repo.topic(topic_id)
            if topic is None or topic.ballot_message_id is None:
                return None
            tally = Tally(rules.ballot_options(topic, await repo.proposals(topic.id)), await repo.vote_counts(topic.id))
            members = await repo.member_count(topic.chat_id)
        closed = topic.state is not State.VOTING
        text = texts.ballot(topic, tally, members, self.tz, closed=closed)
        return topic, text, None if closed else texts.ballot_keyboard(topic, tally)

    # ------------------------------------------------------------------ step 5: close and publish

    async def close(self, topic_id: int, actor: Person | None, members: int | None) -> Resolution | None:
        """Close the ballot and publish 【决议公示】. actor None: the voting deadline did it."""
        now = self.clock()
        async with self.db.transaction() as repo:
            topic = await repo.topic(topic_id)
            if topic is None or not rules.can_close(topic):
                if actor is None:
                    return None
                raise CouncilError(Err.NOT_VOTING)
            if members is None:
                members = await repo.member_count(topic.chat_id)
            tally = Tally(rules.ballot_options(topic, await repo.proposals(topic.id)), await repo.vote_counts(topic.id))
            needed = rules.quorum_needed(topic.quorum, members)
            result = rules.outcome(topic, tally, members)
            await repo.update_topic(topic, state=State.CLOSED, closed_at=now)
            res = Resolution(topic, tally, members, needed, tally.voters >= needed, result)
            await repo.insert_resolution(res, now)
            held = self.quiet.hold_until(now) if self.quiet and actor is None else None
            await repo.enqueue(Post(topic.chat_id, texts.resolution(res), purpose="resolution", topic_id=topic.id,
                                    pin=True, not_before=held), now)
            await repo.audit(topic.chat_id, topic.id, actor.id if actor else None, "close", result.kind, now)
        self.on_post()
        return res

    # ------------------------------------------------------------------ facilitator actions

    async def cancel(self, topic_id: int, actor: Person) -> Topic:
        now = self.clock()
        async with self.db.transaction() as repo:
            topic = await repo.topic(topic_id)
            if topic is None or not topic.state.is_open:
                raise CouncilError(Err.NO_OPEN_TOPIC)
            await repo.update_topic(topic, state=State.CANCELLED, closed_at=now)
            await repo.enqueue(Post(topic.chat_id, texts.cancelled(topic, actor.name), purpose="notice",
                                    topic_id=topic.id), now)
            await repo.audit(topic.chat_id, topic.id, actor.id, "cancel", "", now)
        self.on_post()
        return topic

    async def set_category(self, topic_id: int, name: str, actor: Person) -> Topic:
        """A facilitator corrects the bot's guess (分类 停车); without a name, the current one is explained."""
        now = self.clock()
        async with self.db.transaction() as repo:
            topic = await repo.topic(topic_id)
            if not name:
                raise CouncilError(texts.category_info(topic))
            if name not in CATEGORIES:
                raise CouncilError(Err.unknown_category(name))
            await repo.update_topic(topic, category=name, category_by=actor.id)
            await repo.enqueue(Post(topic.chat_id, texts.category_set(topic), purpose="notice", topic_id=topic.id), now)
            await repo.audit(topic.chat_id, topic.id, actor.id, "category", name, now)
        self.on_post()
        return topic

    def guess_category(self, title: str, proposals: list[str]) -> str:
        return self.language.category(title, proposals)

    # ------------------------------------------------------------------ reading

    async def status_text(self, chat_id: int) -> str:
        async with self.db.transaction() as repo:
            topics = await repo.open_topics(chat_id)
            corpus = await repo.topic_documents() if topics else []
            rows = []
            for topic in topics:
                counts = await repo.vote_counts(topic.id)
                active = [p.text for p in await repo.proposals(topic.id) if p.active]
                raised = self.raised(topic, active, corpus)
                rows.append(texts.StatusRow(topic, len(active), sum(counts.values()), raised))
            tracking = await self.tracking_text(repo, chat_id)
        return texts.status(rows, self.clock(), self.tz) + tracking

    def raised(self, topic: Topic, proposals: list[str], corpus: list[str]) -> list[str]:
        """What residents keep raising in a topic, once there is enough to tell (three proposals or more)."""
        if len(proposals) < 3:
            return []
        return self.language.keywords([topic.title, *proposals], corpus, k=5)

    async def due_work(self) -> list[Topic]:
        """Open topics of active chats, for the scheduler to (re)build its jobs from."""
        async with self.db.transaction() as repo:
            return await repo.all_open_topics()

    async def topic_for_message(self, chat_id: int, message_id: int) -> Topic | None:
        """The topic whose card, ballot or acknowledgement is that bot message."""
        async with self.db.transaction() as repo:
            return await repo.topic_by_message(chat_id, message_id)

    async def open_topics(self, chat_id: int) -> list[Topic]:
        async with self.db.transaction() as repo:
            return await repo.open_topics(chat_id)

    async def chat_active(self, chat_id: int) -> bool:
        async with self.db.transaction() as repo:
            return await repo.chat_active(chat_id)

    async def reply(self, chat_id: int, text: str, reply_to: int | None = None, keyboard=None) -> None:
        """Queue a plain answer to a user (bad input, status, help, a question) through the same outbox."""
        async with self.db.transaction() as repo:
            await repo.enqueue(Post(chat_id, text, keyboard=keyboard, reply_to=reply_to, purpose="reply"), self.clock())
        self.on_post()

    # ------------------------------------------------------------------ updates delivered twice

    async def seen_update(self, update_id: int) -> bool:
        async with self.db.transaction() as repo:
            return await repo.update_seen(update_id)

    async def done_update(self, update_id: int) -> None:
        async with self.db.transaction() as repo:
            await repo.mark_update(update_id, self.clock())


def _check_state(topic: Topic, allowed: set[State], wrong_state: str) -> Topic:
    if topic.state not in allowed:
        raise CouncilError(wrong_state)
    return topic

