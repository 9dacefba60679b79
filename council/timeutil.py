"""Durations ("3d", "90m"), clock times ("20:00") and how times are shown to residents."""

from __future__ import annotations

import re
from datetime import datetime, tzinfo

_DURATION = re.compile(r"^\s*(\d+)\s*([smhd])\s*$")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_WEEKDAYS = "一二三四五六日"


def parse_duration(text: str) -> int:
    """Seconds in a duration such as "5s", "90m", "24h", "3d". Raises ValueError."""
    match = _DURATION.match(str(text))
    if not match or int(match.group(1)) <= 0:
        raise ValueError(f"not a duration: {text!r}")
    return int(match.group(1)) * _UNIT_SECONDS[match.group(2)]


def parse_clock(text: str) -> tuple[int, int]:
    """(hour, minute) of "HH:MM". Raises ValueError."""
    match = re.fullmatch(r"\s*(\d{1,2}):(\d{2})\s*", str(text))
    if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise ValueError(f"not a clock time: {text!r}")
    return int(match.group(1)), int(match.group(2))


def local(ts: float, tz: tzinfo) -> datetime:
    return datetime.fromtimestamp(ts, tz)


def local_midnight(ts: float, tz: tzinfo) -> float:
    """The start of the local day of `ts`."""
    return local(ts, tz).replace(hour=0, minute=0, second=0, microsecond=0).timestamp()


def format_when(ts: float, tz: tzinfo) -> str:
    """A deadline as residents read it: 11月26日（周四）20:00."""
    moment = local(ts, tz)
    return f"{moment.month}月{moment.day}日（周{_WEEKDAYS[moment.weekday()]}）{moment:%H:%M}"


def format_left(seconds: float) -> str:
    """Time left in words: 2天3小时, 5小时20分钟, 不到1分钟."""
    seconds = int(seconds)
    if seconds <= 0:
        return "已到期"
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    if days:
        return f"{days}天{hours}小时" if hours else f"{days}天"
    if hours:
        return f"{hours}小时{minutes}分钟" if minutes else f"{hours}小时"
    if minutes:
        return f"{minutes}分钟"
    return "不到1分钟"
