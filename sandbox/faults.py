"""Faults on demand, to test that the bot survives them: Telegram failing a call (5xx, 429), or a call that
never gets its answer (the bot dies while waiting: the message is then never posted).

    server.fail_next("sendMessage", times=2, code=502)   # the next two sendMessage calls fail
    server.hold("sendMessage", chat_id=-100123)          # such calls wait, unanswered, until release()

A held call never gets through: when released it fails with 502 and changes nothing (like a request lost on the
way), so a bot killed while waiting for it finds, after its restart, that the message was never posted.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from .errors import ApiError

_DESCRIPTIONS = {429: "Too Many Requests: retry after 1", 500: "Internal Server Error", 502: "Bad Gateway"}


@dataclass
class _Fault:
    method: str
    chat_id: int | None
    times: int
    code: int | None = None  # an error to answer with; None: hold the call
    released: asyncio.Event = field(default_factory=asyncio.Event)


class Faults:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._faults: list[_Fault] = []
        self.held_calls = 0  # calls waiting on a hold right now

    def fail_next(self, method: str, times: int = 1, code: int = 502, chat_id: int | None = None) -> None:
        self._faults.append(_Fault(method, chat_id, times, code))

    def hold(self, method: str, chat_id: int | None = None) -> None:
        self._faults.append(_Fault(method, chat_id, times=10**9))

    def release(self) -> None:
        for fault in self._faults:
            fault.released.set()
        self._faults = [f for f in self._faults if f.code is not None]

    async def apply_faults(self, method: str, params: dict) -> None:
        """Called before a method runs: raise the planned error, or wait while the call is held."""
        for fault in self._faults:
            if fault.method != method or fault.times <= 0:
                continue
            if fault.chat_id is not None and params.get("chat_id") != fault.chat_id:
                continue
            if fault.code is not None:
                fault.times -= 1
                parameters = {"retry_after": 1} if fault.code == 429 else None
                raise ApiError(fault.code, _DESCRIPTIONS.get(fault.code, "Internal Server Error"), parameters)
            self.held_calls += 1
            try:
                await fault.released.wait()  # or cancelled when the bot's connection goes away
            finally:
                self.held_calls -= 1
            raise ApiError(502, "Bad Gateway")
