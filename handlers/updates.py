"""Telegram may deliver an update again after a restart (it was fetched but not yet confirmed).

Every state change is idempotent on its own (a proposal is keyed by its message, a vote is an upsert, a
transition is guarded by state); this check also keeps answers such as 进度 or an error reply from being
posted twice. It runs first (group -1); the mark runs last, after the update was handled.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import ApplicationHandlerStop, ContextTypes

from handlers.common import services


async def skip_if_seen(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if await services(context).council.seen_update(update.update_id):
        raise ApplicationHandlerStop


async def mark_seen(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await services(context).council.done_update(update.update_id)
