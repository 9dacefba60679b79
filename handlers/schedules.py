"""The clock of the scheduled posts, on PTB's JobQueue (APScheduler). Jobs only wake the catch-ups of
council/summaries.py and council/reports.py up; the database says what is due and what is done.

Who wakes them: the daily summary's and the weekly digest's cron lines; the follow-up's (【执行监督】 reminders,
复盘 questions: council/following.py); the end of quiet hours (posts that waited); each ballot's reminder times
(set with its deadline, handlers/deadlines.py); the half-minute sweep; and start-up, so that what fell due while
the bot was down is done once.
"""

from __future__ import annotations

import logging

from apscheduler.triggers.cron import CronTrigger
from telegram.ext import ContextTypes, JobQueue

from council.reports import Reports
from council.schedule import Cron, QuietHours, cron_trigger
from council.summaries import Summaries

log = logging.getLogger(__name__)


class Schedules:
    def __init__(self, job_queue: JobQueue, summaries: Summaries, reports: Reports, daily: str, weekly: str,
                 quiet: QuietHours | None, follow_up: Cron | None = None):
        self.job_queue = job_queue
        self.summaries = summaries
        self.reports = reports
        self.daily = daily
        self.weekly = weekly
        self.quiet = quiet
        self.follow_up = follow_up

    def start(self) -> None:
        tz = self.summaries.council.tz
        self.job_queue.run_custom(self._summaries, job_kwargs={"trigger": cron_trigger(self.daily, tz)},
                                  name="daily-summary")
        self.job_queue.run_custom(self._digest, job_kwargs={"trigger": cron_trigger(self.weekly, tz)},
                                  name="weekly-digest")
        if self.follow_up is not None:
            self.job_queue.run_custom(self._follow_up, job_kwargs={"trigger": self.follow_up.trigger}, name="follow-up")
        if self.quiet is not None:
            hour, rest = divmod(self.quiet.end, 3600)
            end = CronTrigger(hour=hour, minute=rest // 60, second=rest % 60, timezone=tz)
            self.job_queue.run_custom(self._after_quiet, job_kwargs={"trigger": end}, name="quiet-hours-end")
        self.job_queue.run_once(self._after_quiet, when=0, name="catch-up-at-start")

    async def _summaries(self, context: ContextTypes.DEFAULT_TYPE) -> None:
        await self.summaries.summaries_due()

    async def _digest(self, context: ContextTypes.DEFAULT_TYPE) -> None:
        await self.reports.digest_due()

    async def _follow_up(self, context: ContextTypes.DEFAULT_TYPE) -> None:
        await self.summaries.council.follow_up_due(self.follow_up)

    async def _after_quiet(self, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Everything that may have waited: summaries, reminders, follow-up, and a digest missed while the bot was
        down."""
        await self.summaries.summaries_due()
        await self.summaries.reminders_due()
        if self.follow_up is not None:
            await self.summaries.council.follow_up_due(self.follow_up)
        await self.reports.digest_due()
