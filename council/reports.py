"""For staff and facilitators: the weekly digest (【每周议事简报】 with an HTML report and a CSV) and the export of
one topic. Like council/summaries.py, the scheduled digest is a catch-up driven by the database.
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta

from council import report_texts
from council.digest import Digest, GroupWeek, WeekFigures
from council.models import Post
from council.report_csv import render_csv, topic_csv
from council.report_html import render_html
from council.results import CouncilError
from council.schedule import Cron
from council.timeutil import local_midnight

log = logging.getLogger(__name__)
WEEKLY = "weekly_digest"
WEEK = 7 * 86400
KEYWORDS = 8  # across all groups
GROUP_KEYWORDS = 3


class Reports:
    def __init__(self, council, weekly: Cron, staff_chats: frozenset[int]):
        self.council = council  # db, language, tz, clock, on_post
        self.weekly = weekly
        self.staff_chats = staff_chats

    @property
    def tz(self):
        return self.council.tz

    # ------------------------------------------------------------------ the weekly digest, on schedule

    async def digest_due(self) -> int:
        """Send the weekly digest to every staff chat if its time has come since the last one (a digest
        missed while the bot was down is sent once, late). Returns how many chats got it."""
        now = self.council.clock()
        fire = self.weekly.latest(now)
        async with self.council.db.transaction() as repo:
            done = await repo.done_until(WEEKLY)
            if done is None:
                await repo.set_done_until(WEEKLY, now)  # the first start on this database
                return 0
        if fire is None or fire <= done:
            return 0
        if not self.staff_chats:
            log.warning("weekly digest due but roles.staff_chats is empty: nobody to send it to")
            async with self.council.db.transaction() as repo:
                await repo.set_done_until(WEEKLY, now)
            return 0
        end = local_midnight(fire, self.tz)  # the seven whole days before the day it is due
        digest = await self.build(end - WEEK, end)
        posts = [post for chat_id in sorted(self.staff_chats) for post in self.digest_posts(digest, chat_id)]
        async with self.council.db.transaction() as repo:
            if await repo.done_until(WEEKLY) != done:
                return 0  # another caller sent it meanwhile
            for post in posts:
                await repo.enqueue(post, now)
            await repo.set_done_until(WEEKLY, now)
        self.council.on_post()
        log.info("weekly digest of %d groups sent to %d staff chats", len(digest.groups), len(self.staff_chats))
        return len(self.staff_chats)

    # ------------------------------------------------------------------ on demand (/digest, 简报)

    async def digest_for(self, chat_id: int, day: date | None) -> None:
        """The digest of the calendar week (Monday to Sunday) containing `day` (None: this week), posted to
        `chat_id`. Whether the asker is staff is the caller's business."""
        now = self.council.clock()
        if day is None:
            day = datetime.fromtimestamp(now, self.tz).date()
        monday = day - timedelta(days=day.weekday())
        start = datetime(monday.year, monday.month, monday.day, tzinfo=self.tz).timestamp()
        digest = await self.build(start, start + WEEK)
        async with self.council.db.transaction() as repo:
            for post in self.digest_posts(digest, chat_id):
                await repo.enqueue(post, now)
        self.council.on_post()

    def digest_posts(self, digest: Digest, chat_id: int) -> list[Post]:
        return [
            Post(chat_id, report_texts.digest_message(digest, self.tz), purpose="digest"),
            Post(chat_id, report_texts.HTML_CAPTION, purpose="digest",
                 document=render_html(digest, self.tz).encode("utf-8"),
                 filename=report_texts.digest_filename(digest.start, self.tz, "html")),
            Post(chat_id, report_texts.CSV_CAPTION, purpose="digest",
                 document=render_csv(digest.topics, self.tz, digest.actions, digest.reviews),
                 filename=report_texts.digest_filename(digest.start, self.tz, "csv")),
        ]

    # ------------------------------------------------------------------ building one

    async def build(self, start: float, end: float) -> Digest:
        """The digest of [start, end): read in one snapshot (votes keep being written meanwhile)."""
        async with self.council.db.reading() as repo:
            chats = await repo.group_chats()
            topics = await repo.week_topics(start, end)
            per_chat, totals = await repo.week_figures(start, end)
            _, previous = await repo.week_figures(start - WEEK, start)
            proposals = await repo.week_proposals(start, end)
            actions, reviews = await repo.week_actions(start, end), await repo.week_reviews(start, end)
        follow_up = defaultdict(lambda: ([], []))  # chat -> (action rows, review rows)
        for row in actions:
            follow_up[row.chat_id][0].append(row)
        for row in reviews:
            follow_up[row.chat_id][1].append(row)
        by_chat_topics = defaultdict(list)
        for topic in topics:
            by_chat_topics[topic.chat_id].append(topic)
        texts_by_chat, texts_by_topic = defaultdict(list), defaultdict(list)
        per_day = Counter()
        for chat_id, topic_id, at, text in proposals:
            texts_by_chat[chat_id].append(text)
            texts_by_topic[topic_id].append(text)
            per_day[local_midnight(at, self.tz)] += 1
        language = self.council.language
        corpus = [" ".join(texts) for texts in texts_by_topic.values()]  # one document per topic, as in 进度
        groups = []
        active_ids = set()
        for chat_id, title, members, active in chats:
            figures = per_chat.get(chat_id, WeekFigures())
            chat_topics = by_chat_topics.get(chat_id, [])
            if active:
                active_ids.add(chat_id)
            chat_actions, chat_reviews = follow_up.get(chat_id, ([], []))
            if not chat_topics and not any(vars(figures).values()) and not chat_actions and not chat_reviews:
                continue
            texts = texts_by_chat.get(chat_id, [])
            keywords = language.keywords(texts, corpus, k=GROUP_KEYWORDS) if len(texts) >= 3 else []
            groups.append(GroupWeek(chat_id, title, members, figures, chat_topics, keywords, chat_actions,
                                    chat_reviews))
        groups.sort(key=lambda g: (-g.figures.participants, -g.figures.proposals, -len(g.topics), g.chat_id))
        categories = Counter(t.category for t in topics).most_common()
        days = [local_midnight(start, self.tz)]
        while days[-1] + 86400 < end - 3600:  # whole local days of the window (an hour's slack for DST)
            days.append(local_midnight(days[-1] + 86400 + 3600, self.tz))
        all_texts = [text for *_, text in proposals]
        return Digest(
            start=start, end=end, groups=groups, totals=totals, previous=previous, categories=categories,
            keywords=language.keywords(all_texts, corpus, k=KEYWORDS) if len(all_texts) >= 3 else [],
            per_day=[(day, per_day.get(day, 0)) for day in days],
            quiet_groups=len(active_ids - {g.chat_id for g in groups}),
        )

    # ------------------------------------------------------------------ /export (导出): one topic as CSV

    async def export(self, chat_id: int, number: int | None, reply_to: int | None) -> None:
        """The CSV of one topic of the group (by number, or its latest), posted in the group."""
        now = self.council.clock()
        async with self.council.db.transaction() as repo:
            topic = await repo.topic_any_state(chat_id, number)
            if topic is None:
                raise CouncilError(report_texts.export_no_such_topic(number) if number is not None
                                   else report_texts.EXPORT_NO_TOPIC)
            proposals = await repo.proposals(topic.id)
            supports = await repo.support_counts(topic.id)
            votes = await repo.vote_counts(topic.id)
            names = None if topic.secret else await repo.voter_names(topic.id)
            document = topic_csv(topic, proposals, supports, votes, self.tz, names)
            await repo.enqueue(Post(chat_id, report_texts.export_caption(topic), purpose="export", topic_id=topic.id,
                                    reply_to=reply_to, document=document,
                                    filename=report_texts.export_filename(topic)), now)
        self.council.on_post()
