"""Posts the groups get on schedule: 【今日小结】 and 【提醒】 before a ballot closes.

Each `…_due(now)` is a catch-up: it asks the database what is due and not yet done, writes the posts to the
outbox and records that they are done, in one transaction. Jobs (a cron fire, the end of quiet hours, the
half-minute sweep, start-up after a crash) only call it, as often as they like: nothing is posted twice, and
nothing due is lost while the bot was down.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from council import report_texts, rules
from council.models import Method, Post, State, Topic
from council.report_texts import TopicDay
from council.results import CouncilError
from council.schedule import Cron, QuietHours
from council.timeutil import local_midnight

log = logging.getLogger(__name__)
DAILY = "daily_summary"
STALE_SUMMARY = 86400.0  # a summary missed for longer than this is dropped, not sent late
SUMMARY_EVERY = 300.0  # on demand: at most one summary per group in this many seconds


@dataclass
class ScheduleRules:
    daily: Cron
    reminders_before: tuple[int, ...]  # seconds before a ballot closes
    quiet: QuietHours | None


class Summaries:
    def __init__(self, council, rules_: ScheduleRules):
        self.council = council  # db, language, tz, clock, on_post
        self.rules = rules_

    @property
    def db(self):
        return self.council.db

    def quiet_now(self, now: float) -> bool:
        return self.rules.quiet is not None and self.rules.quiet.contains(now)

    # ------------------------------------------------------------------ 【今日小结】

    async def summaries_due(self) -> int:
        """Post the daily summary if its time has come since the last one. Returns how many groups got one."""
        now = self.council.clock()
        fire = self.rules.daily.latest(now)
        async with self.db.transaction() as repo:
            done = await repo.done_until(DAILY)
            if done is None:  # the first start on this database: nothing was missed
                await repo.set_done_until(DAILY, now)
                return 0
            if fire is None or fire <= done:
                return 0
            if now - fire > STALE_SUMMARY:
                log.info("daily summary of %s dropped: more than a day late", fire)
                await repo.set_done_until(DAILY, now)
                return 0
            if self.quiet_now(now):
                return 0  # the end of quiet hours calls again
            posted = 0
            corpus = await repo.topic_documents()
            chats = {}
            for topic in await repo.all_open_topics():
                chats.setdefault(topic.chat_id, []).append(topic)
            for chat_id, topics in chats.items():
                days = await self._days(repo, topics, since=done, corpus=corpus)
                if any(day.new or day.new_votes or day.new_supports for day in days):
                    await repo.enqueue(Post(chat_id, report_texts.summary(days, now, self.council.tz),
                                            purpose="summary"), now)
                    posted += 1
            await repo.set_done_until(DAILY, now)
        if posted:
            self.council.on_post()
            log.info("daily summary posted in %d groups", posted)
        return posted

    async def summary_now(self, chat_id: int) -> None:
        """小结 / /summary: the same summary of today, at most once per few minutes per group."""
        now = self.council.clock()
        midnight = local_midnight(now, self.council.tz)
        async with self.db.transaction() as repo:
            last = await repo.last_post_at(chat_id, "summary")
            if last is not None and now - last < SUMMARY_EVERY:
                raise CouncilError(report_texts.summary_too_soon(int((now - last) // 60),
                                                                 int((SUMMARY_EVERY - (now - last)) // 60) + 1))
            topics = await repo.open_topics(chat_id)
            if not topics:
                raise CouncilError(report_texts.SUMMARY_NOTHING)
            days = await self._days(repo, topics, since=midnight, corpus=await repo.topic_documents())
            await repo.enqueue(Post(chat_id, report_texts.summary(days, now, self.council.tz),
                                    purpose="summary"), now)
        self.council.on_post()

    async def _days(self, repo, topics: list[Topic], since: float, corpus: list[str]) -> list[TopicDay]:
        days = []
        for topic in topics:
            proposals = await repo.proposals(topic.id)
            new_numbers, new_votes, new_supports = await repo.topic_activity(topic.id, since)
            options = rules.ballot_options(topic, proposals)
            members = await self.council.electorate(repo, topic)
            if topic.state is State.VOTING:
                tally = await self.council.tally(repo, topic)
                counts, voters = tally.counts, tally.voters
            else:  # no ballot yet: lead by supporters
                counts, voters = await repo.support_counts(topic.id), 0
            ranked = sorted((o for o in options if counts.get(o.number)), key=lambda o: (-counts[o.number], o.number))
            if topic.method is Method.CONSENT and topic.state is State.COLLECTING:
                ranked = []
            if topic.results_hidden and topic.state is State.VOTING:
                ranked = []  # results hidden until the ballot closes: only how many have voted
            active = [p for p in proposals if p.active]
            day = TopicDay(
                topic=topic, new=[p for p in active if p.number in new_numbers],
                leaders=[(o, counts[o.number]) for o in ranked[:report_texts.LEADERS_SHOWN]],
                voters=voters, members=members, new_votes=new_votes, new_supports=new_supports,
                raised=self.council.raised(topic, [p.text for p in active], corpus),
            )
            days.append(day)
        return days

    # ------------------------------------------------------------------ 【提醒】

    async def reminders_due(self) -> int:
        """Remind each open ballot whose reminder time has come (the nearest one only, if several were missed
        while the bot was down). Returns how many reminders were written."""
        now = self.council.clock()
        posted = 0
        async with self.db.transaction() as repo:
            for topic in await repo.all_open_topics():
                if topic.state is not State.VOTING or topic.vote_deadline <= now:
                    continue
                due = [offset for offset in self.rules.reminders_before
                       if topic.vote_deadline - offset <= now and not await repo.marked(_key(topic, offset))]
                if not due:
                    continue
                started = topic.voting_started_at or topic.opened_at
                nearest = min(due)
                if topic.vote_deadline - nearest < started:
                    for offset in due:  # due before the ballot opened (a short vote): the ballot said it all
                        await repo.mark(_key(topic, offset), now)
                    continue
                if self.quiet_now(now):
                    if self.rules.quiet.ends_after(now) >= topic.vote_deadline:
                        for offset in due:  # quiet until the ballot closes: too late to remind
                            await repo.mark(_key(topic, offset), now)
                    continue  # the end of quiet hours calls again
                tally = await self.council.tally(repo, topic)
                members = await self.council.electorate(repo, topic)
                await repo.enqueue(Post(topic.chat_id, report_texts.reminder(topic, tally.voters, members, now,
                                                                             self.council.tz),
                                        reply_to=topic.ballot_message_id, purpose="reminder", topic_id=topic.id),
                                   now)
                for offset in due:
                    await repo.mark(_key(topic, offset), now)
                posted += 1
        if posted:
            self.council.on_post()
        return posted

    def reminder_times(self, topic: Topic) -> list[float]:
        """When the reminders of a voting topic fall (for the scheduler's jobs)."""
        if topic.state is not State.VOTING:
            return []
        return [topic.vote_deadline - offset for offset in self.rules.reminders_before]


def _key(topic: Topic, offset: int) -> str:
    return f"reminder:{topic.id}:{offset}"

