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

from handlers.common import is_group, person, services


async def skip_if_seen(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if update.callback_query is None and await services(context).council.seen_update(update.update_id):
        raise ApplicationHandlerStop


async def mark_seen(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Remember the update as handled, and in the same transaction the group member who wrote it (the bot's
    memory of who is in which group, for /mine and private reminders; taps are remembered by cast_vote)."""
    if update.callback_query is None:
        council = services(context).council
        message, user = update.message, update.effective_user
        writer = None
        if message is not None and is_group(update) and user is not None and not user.is_bot \
                and message.sender_chat is None:
            if message.left_chat_member is not None:
                await council.member_left(message.chat.id, message.left_chat_member.id)
            else:
                writer = person(user)
        await council.done_update(update.update_id, message.chat.id if writer else None, writer)
