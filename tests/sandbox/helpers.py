"""Small helpers shared by the stand-in's tests."""

from __future__ import annotations

import datetime as dtm
import re

import httpx
import pytest
from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import RetryAfter

from sandbox.botapi import BotApiServer


def keyboard(*labels_and_data: tuple[str, str]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=data)] for label, data in labels_and_data]
    )


def group_with(server: BotApiServer, *names: str, **kwargs) -> tuple[dict, list[dict]]:
    users = [server.add_user(name) for name in names]
    chat = server.create_group("幸福里3号楼议事会", [u["id"] for u in users], [users[0]["id"]], **kwargs)
    server.updates.clear()  # the bot-joined updates are tested on their own
    return chat, users


async def post(server: BotApiServer, method: str, **kwargs) -> httpx.Response:
    async with httpx.AsyncClient() as client:
        return await client.post(f"{server.base_url}{server.token}/{method}", **kwargs)


def icase(text: str) -> re.Pattern:
    """Match an error text case-insensitively (PTB capitalizes Telegram's descriptions)."""
    return re.compile(re.escape(text), re.IGNORECASE)


def retry_seconds(error: RetryAfter) -> float:
    value = error.retry_after
    return value.total_seconds() if isinstance(value, dtm.timedelta) else value


# PTB 22 itself warns, when it builds a RetryAfter, that retry_after will become a timedelta.
ignore_retry_after_warning = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
