"""Deadlines on PTB's JobQueue (APScheduler). The database says what is due; jobs only wake us up.

At start-up every open topic gets a job at its next deadline — one already past runs at once — and one at each
reminder time of its ballot. A sweep every half minute catches anything a lost job would miss. Transitions are
guarded by the topic's state inside their transaction, so a deadline acted on twice changes nothing the second time.
"""

from __future__ import annotations

import logging
import time

from telegram.ext import ContextTypes, JobQueue

from council.models import State, Topic
from council.service import Council
from council.summaries import Summaries
from handlers.roles import ChatInfo
from handlers.sender import Sender

log = logging.getLogger(__name__)
SWEEP_EVERY = 30.0


class Deadlines:
    def __init__(self, job_queue: JobQueue, council: Council, sender: Sender, chats: ChatInfo, summaries: Summaries):
        self.job_queue = job_queue
        self.council = council
        self.sender = sender
        self.chats = chats
        self.summaries = summaries  # 【提醒】 before a ballot closes

    async def rebuild(self) -> int:
        """Jobs for every open topic, from the database. Returns how many."""
        topics = await self.council.due_work()
        for topic in topics:
            self.schedule(topic)
        self.job_queue.run_repeating(self._sweep, interval=SWEEP_EVERY, first=SWEEP_EVERY, name="deadline-sweep")
        log.info("scheduled deadlines of %d open topics", len(topics))
        return len(topics)

    def schedule(self, topic: Topic) -> None:
        """One job at the topic's next deadline (none once it is closed or cancelled), and one at each of its
        ballot's reminder times still to come."""
        self.unschedule(topic.id)
        deadline = topic.deadline()
        if deadline is None:
            return
        now = time.time()
        self.job_queue.run_once(self._fire, when=max(0.0, deadline - now), data=topic.id, name=f"topic:{topic.id}")
        for when in self.summaries.reminder_times(topic):
            if when > now:
                self.job_queue.run_once(self._remind, when=when - now, name=f"topic:{topic.id}")

    def unschedule(self, topic_id: int) -> None:
        for job in self.job_queue.get_jobs_by_name(f"topic:{topic_id}"):
            job.schedule_removal()

    async def _remind(self, context: ContextTypes.DEFAULT_TYPE) -> None:
        await self.summaries.reminders_due()
        await self.council.private_reminders_due(self.summaries.rules.reminders_before)

    async def _fire(self, context: ContextTypes.DEFAULT_TYPE) -> None:
        await self.act(context.job.data)

    async def _sweep(self, context: ContextTypes.DEFAULT_TYPE) -> None:
        await self.summaries.reminders_due()
        await self.council.private_reminders_due(self.summaries.rules.reminders_before)
        now = time.time()
        for topic in await self.council.due_work():
            deadline = topic.deadline()
            if deadline is not None and deadline <= now:
                await self.act(topic.id)

    async def act(self, topic_id: int) -> None:
        """Do what the topic's deadline calls for, if it is still due."""
        topic = await self.council.topic(topic_id)
        if topic is None or topic.deadline() is None or not await self.council.chat_active(topic.chat_id):
            return
        if topic.deadline() > time.time():
            self.schedule(topic)  # moved later (or the job woke early): wait again
            return
        if topic.state is State.COLLECTING:
            await refresh_members(self.chats, self.council, topic.chat_id)
            started = await self.council.start_voting(topic.id, actor=None)
            if started is not None:
                log.info("topic %s: collecting deadline reached, %s", topic.id, started.state)
                self.schedule(started)
        elif topic.state is State.VOTING:
            members = await refresh_members(self.chats, self.council, topic.chat_id)
            resolution = await self.council.close(topic.id, actor=None, members=members)
            if resolution is not None:
                log.info("topic %s: voting deadline reached, outcome %s", topic.id, resolution.outcome.kind)
                self.sender.ballot_changed(topic.id, topic.chat_id)


async def refresh_members(chats: ChatInfo, council: Council, chat_id: int) -> int | None:
    """Ask Telegram (cached) how many members the group has, and remember it for ballots and quorum."""
    members = await chats.members(chat_id)
    if members is not None:
        await council.set_member_count(chat_id, members)
    return members
