"""When scheduled work is due: crontab lines (or a time of day) and quiet hours, as plain Python.

APScheduler's CronTrigger (a scheduling library, no Telegram) does the calendar arithmetic. Crontab numbers
weekdays from Sunday = 0 (7 is Sunday too); APScheduler 3 from Monday = 0: numbers are turned into names here,
so "0 9 * * 1" means Monday as every crontab reader expects.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

from apscheduler.triggers.cron import CronTrigger

from council.timeutil import parse_clock

_DAY_NAMES = ["sun", "mon", "tue", "wed", "thu", "fri", "sat", "sun"]
_LOOK_BACK = (timedelta(minutes=5), timedelta(hours=6), timedelta(days=2), timedelta(days=8), timedelta(days=400))


def cron_trigger(line: str, tz: tzinfo) -> CronTrigger:
    """A trigger for "HH:MM" (daily), a 5-field crontab line, or a 6-field one with seconds first. ValueError
    when it is none of these."""
    text = str(line).strip()
    try:
        hour, minute = parse_clock(text)
        return CronTrigger(hour=hour, minute=minute, second=0, timezone=tz)
    except ValueError:
        pass
    fields = text.split()
    if len(fields) == 5:
        fields = ["0", *fields]
    if len(fields) != 6:
        raise ValueError(f"not a time of day or crontab line: {line!r}")
    second, minute, hour, day, month, weekday = fields
    return CronTrigger(second=second, minute=minute, hour=hour, day=day, month=month,
                       day_of_week=_weekday_names(weekday), timezone=tz)


def _weekday_names(field: str) -> str:
    """Crontab weekday numbers to names (0 and 7: Sunday), leaving steps (*/2) and names as they are."""
    return re.sub(r"(?<![/\d])([0-7])(?!\d)", lambda m: _DAY_NAMES[int(m.group(1))], field)


class Cron:
    """A schedule: its next fire after a moment, and its latest fire at or before one."""

    def __init__(self, line: str, tz: tzinfo):
        self.line = line
        self.tz = tz
        self.trigger = cron_trigger(line, tz)

    def next_after(self, ts: float) -> float | None:
        moment = datetime.fromtimestamp(ts, self.tz) + timedelta(microseconds=1)
        fire = self.trigger.get_next_fire_time(None, moment)
        return fire.timestamp() if fire else None

    def latest(self, ts: float) -> float | None:
        """The last fire time at or before `ts` (looking back at most a year)."""
        for back in _LOOK_BACK:
            fire = self.next_after(ts - back.total_seconds())
            if fire is None or fire > ts:
                continue
            latest = fire
            while True:  # at most a few steps: the window is a small multiple of the interval
                following = self.next_after(latest)
                if following is None or following > ts:
                    return latest
                latest = following
        return None


@dataclass(frozen=True)
class QuietHours:
    """A daily window (seconds after local midnight, may wrap past midnight) when scheduled posts wait."""

    start: int
    end: int
    tz: tzinfo

    @classmethod
    def parse(cls, text: str | None, tz: tzinfo) -> QuietHours | None:
        """"22:00-07:00" (seconds allowed: "22:00:30-07:00"); None or "off": no quiet hours."""
        if text is None or str(text).strip().lower() in ("", "off"):
            return None
        start, end = (_seconds_of_day(part) for part in str(text).split("-"))
        if start == end:
            raise ValueError("quiet hours start and end at the same time")
        return cls(start, end, tz)

    def contains(self, ts: float) -> bool:
        moment = datetime.fromtimestamp(ts, self.tz)
        second = moment.hour * 3600 + moment.minute * 60 + moment.second
        if self.start < self.end:
            return self.start <= second < self.end
        return second >= self.start or second < self.end

    def ends_after(self, ts: float) -> float:
        """When the quiet hours around `ts` end (the next end time after it)."""
        moment = datetime.fromtimestamp(ts, self.tz)
        midnight = moment.replace(hour=0, minute=0, second=0, microsecond=0)
        for days in (0, 1):
            end = (midnight + timedelta(days=days, seconds=self.end)).timestamp()
            if end > ts:
                return end
        return ts

    def hold_until(self, ts: float) -> float | None:
        """None when a post may go out at `ts`; else the time the quiet hours end."""
        return self.ends_after(ts) if self.contains(ts) else None


def _seconds_of_day(text: str) -> int:
    parts = str(text).strip().split(":")
    if len(parts) == 3:
        hour, minute = parse_clock(":".join(parts[:2]))
        if not parts[2].isdigit() or int(parts[2]) > 59 or len(parts[2]) != 2:
            raise ValueError(f"not a clock time: {text!r}")
        return hour * 3600 + minute * 60 + int(parts[2])
    hour, minute = parse_clock(text)
    return hour * 3600 + minute * 60
