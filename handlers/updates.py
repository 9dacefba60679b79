"""Telegram may deliver an update again after a restart (it was fetched but not yet confirmed).

Every state change is idempotent on its own (a proposal is keyed by its message, a vote is an upsert, a
transition is guarded by state); this check also keeps answers such as 进度 or an error reply from being
posted twice. It runs first (group -1); the mark runs last, after the update was handled.

Button taps are not tracked: they are idempotent (a vote is an upsert, a pick re-checks state), and a
redelivered tap cannot be answered anyway (Telegram refuses answers after 15 s). That keeps two database
transactions off the busiest path.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import ApplicationHandlerStop, ContextTypes

from handlers.common import services


async def skip_if_seen(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if update.callback_query is None and await services(context).council.seen_update(update.update_id):
        raise ApplicationHandlerStop


async def mark_seen(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if update.callback_query is None:
        await services(context).council.done_update(update.update_id)
