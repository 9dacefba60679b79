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

from council import texts
from council.config import CouncilRules
from council.following import Following
from council.language import Language
from council.models import CATEGORIES, Person, Post, State, Topic, TopicSettings
from council.parsing import split_title
from council.proposing import Proposing
from council.reaching import Reaching
from council.registering import Registering
from council.results import Choice, CouncilError
from council.runoff import Runoffs
from council.schedule import QuietHours
from council.texts import Err
from council.voting import Voting

log = logging.getLogger(__name__)
MAX_TITLE_CHARS = 60


class Council(Voting, Registering, Runoffs, Proposing, Reaching, Following):
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

    async def closed_topic(self, chat_id: int, number: int) -> Topic:
        async with self.db.transaction() as repo:
            topic = await repo.topic_by_number(chat_id, number)
        if topic is None or topic.state is not State.CLOSED:
            raise CouncilError(Err.no_closed_topic(number))
        return topic

    async def topic(self, topic_id: int) -> Topic | None:
        async with self.db.transaction() as repo:
            return await repo.topic(topic_id)

    # ------------------------------------------------------------------ step 1: open a topic

    async def open_topic(self, chat_id: int, opener: Person, text: str, source_message_id: int | None,
                         settings: TopicSettings | None = None) -> Topic:
        """Open a topic with the config's rules, or those a facilitator chose (the /new wizard)."""
        title, background = split_title(text)
        if not title:
            raise CouncilError(Err.OPEN_NO_TITLE)
        if len(title) > MAX_TITLE_CHARS:
            raise CouncilError(Err.TITLE_TOO_LONG)
        s = settings or self.rules.topic_settings()
        now = self.clock()
        async with self.db.transaction() as repo:
            if source_message_id is not None:
                existing = await repo.topic_by_source(chat_id, source_message_id)
                if existing:
                    return existing  # the same update delivered twice
            topic = Topic(
                id=0, chat_id=chat_id, number=0, title=title, background=background, state=State.COLLECTING,
                method=s.method, quorum=s.quorum, opened_by=opener.id, opened_at=now,
                collect_deadline=now + s.collect_for, vote_deadline=now + s.collect_for + s.vote_for,
                category=self.guess_category(title, []), one_vote_per=s.one_vote_per, threshold=s.threshold,
                ballot=s.ballot, results=s.results, anonymous=s.anonymous,
            )
            topic = await repo.insert_topic(topic, source_message_id)
            await repo.enqueue(Post(chat_id, texts.topic_card(topic, opener.name, self.tz), purpose="card",
                                    keyboard=texts.card_keyboard(topic), topic_id=topic.id), now)
            await repo.audit(chat_id, topic.id, opener.id, "open", title, now)
        self.on_post()
        return topic

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
                voters, _ = await repo.voter_figures(topic.id)
                active = [p.text for p in await repo.proposals(topic.id) if p.active]
                raised = self.raised(topic, active, corpus)
                rows.append(texts.StatusRow(topic, len(active), voters, raised))
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

    async def done_update(self, update_id: int, chat_id: int | None = None, person: Person | None = None) -> None:
        """The update is handled; a group message also tells us its writer is in that group (for /mine)."""
        async with self.db.transaction() as repo:
            await repo.mark_update(update_id, self.clock())
            if chat_id is not None and chat_id < 0 and person is not None:
                await repo.seen_in_group(chat_id, person.id, person.name, self.clock())


def _check_state(topic: Topic, allowed: set[State], wrong_state: str) -> Topic:
    if topic.state not in allowed:
        raise CouncilError(wrong_state)
    return topic

