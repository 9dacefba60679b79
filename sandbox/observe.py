"""The observing side of the stand-in: what the bot sent, edited, pinned and answered, and waiting for it."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from .world import World


class Observer(World):
    def bot_messages(self, chat_id: int) -> list[dict]:
        chat = self._chat(chat_id)
        return [self.observe(chat, m) for m in chat.messages.values() if m.kind == "bot"]

    def chat_history(self, chat_id: int) -> list[dict]:
        chat = self._chat(chat_id)
        return [self.observe(chat, m) for m in chat.messages.values()]

    def pinned_message(self, chat_id: int) -> dict | None:
        chat = self._chat(chat_id)
        for message_id in reversed(chat.pinned):
            stored = self.api_message(chat, message_id)
            if stored is not None:
                return self.render(chat, stored)
        return None

    def callback_answer(self, query_id: str) -> dict | None:
        query = self.callbacks.get(query_id)
        return dict(query["answer"]) if query and query["answer"] else None

    def reactions(self, chat_id: int, message_id: int) -> list:
        stored = self._chat(chat_id).messages.get(message_id)
        return list(stored.reactions) if stored else []

    async def wait_for(self, predicate: Callable[[], Any], timeout: float = 10.0) -> Any:  # noqa: ASYNC109
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            value = predicate()
            if value:
                return value
            if loop.time() >= deadline:
                raise TimeoutError(f"condition not met within {timeout} s; {self._recent_calls()}")
            await asyncio.sleep(0.02)

    async def wait_for_bot_message(
        self,
        chat_id: int,
        contains: str,
        timeout: float = 10.0,  # noqa: ASYNC109
        after_message_id: int = 0,
    ) -> dict:
        def find() -> dict | None:
            for message in self.bot_messages(chat_id):
                body = message.get("text", message.get("caption", ""))
                if message["message_id"] > after_message_id and contains in body:
                    return message
            return None

        try:
            return await self.wait_for(find, timeout)
        except TimeoutError:
            sent = [m.get("text", m.get("caption", ""))[:60] for m in self.bot_messages(chat_id)][-5:]
            raise TimeoutError(
                f"no bot message containing {contains!r} in chat {chat_id} within {timeout} s "
                f"(after message {after_message_id}); the bot's last messages there: {sent}; "
                f"{self._recent_calls()}"
            ) from None

    def count_calls(
        self, method: str | None = None, chat_id: int | None = None, ok: bool | None = None
    ) -> int:
        return sum(
            1
            for call in self.calls
            if (method is None or call["method"] == method)
            and (chat_id is None or str(call["params"].get("chat_id")) == str(chat_id))
            and (ok is None or call["ok"] == ok)
        )

    def _recent_calls(self) -> str:
        shown = [f"{c['method']}:{'ok' if c['ok'] else c['description']}" for c in self.calls[-8:]]
        return f"last API calls: {shown}"
