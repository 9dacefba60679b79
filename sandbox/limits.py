"""Flood limits: Telegram answers 429 "Too Many Requests: retry after N" when a bot sends too fast.

Two sliding windows: messages per group (default 20 a minute) and messages overall (default 30 a second).
Only requests that succeed are counted; a request refused with 429 changes nothing.
"""

from __future__ import annotations

import math
from collections import deque

# Methods that put a message into a chat (or change one) and so count against the limits.
COUNTED_METHODS = frozenset(
    {"sendMessage", "sendDocument", "sendPhoto", "editMessageText", "editMessageReplyMarkup"}
)


class _Window:
    def __init__(self, limit: int, seconds: float):
        self.limit = limit
        self.seconds = seconds
        self.times: deque[float] = deque()

    def retry_after(self, now: float) -> float:
        """0 if one more event fits into the window now, else the seconds until a slot frees."""
        while self.times and self.times[0] <= now - self.seconds:
            self.times.popleft()
        if len(self.times) < self.limit:
            return 0.0
        return self.times[len(self.times) - self.limit] + self.seconds - now

    def add(self, now: float) -> None:
        self.times.append(now)


class RateLimiter:
    def __init__(self, group_messages_per_minute: int = 20, global_messages_per_second: int = 30):
        self.group_messages_per_minute = group_messages_per_minute
        self.global_messages_per_second = global_messages_per_second
        self._groups: dict[int, _Window] = {}
        self._global = _Window(global_messages_per_second, 1.0)

    def _group(self, chat_id: int) -> _Window:
        if chat_id not in self._groups:
            self._groups[chat_id] = _Window(self.group_messages_per_minute, 60.0)
        return self._groups[chat_id]

    def retry_after(self, chat_id: int, is_group: bool, now: float) -> int:
        """0 if a message to `chat_id` may go out now, else Telegram's retry_after (whole seconds, >= 1)."""
        wait = self._global.retry_after(now)
        if is_group:
            wait = max(wait, self._group(chat_id).retry_after(now))
        return max(1, math.ceil(wait)) if wait > 0 else 0

    def record(self, chat_id: int, is_group: bool, now: float) -> None:
        self._global.add(now)
        if is_group:
            self._group(chat_id).add(now)
