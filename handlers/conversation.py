"""Conversations in private chat (the /new wizard, a proposal sent through a deep link): one per user, ended by
/cancel or 取消, and by half an hour without an answer."""

from __future__ import annotations

import warnings

from telegram.ext import BaseHandler, CommandHandler, ConversationHandler, MessageHandler, filters
from telegram.warnings import PTBUserWarning

TIMEOUT = 30 * 60  # seconds without an answer before a conversation gives up
PRIVATE = filters.ChatType.PRIVATE
CANCEL_WORDS = filters.Regex(r"^\s*(取消|不发了|不提了|算了)\s*$")
TYPED = filters.TEXT & ~filters.COMMAND & PRIVATE & ~CANCEL_WORDS  # an answer (not a command, not 取消)


def private_conversation(name: str, entry_points: list[BaseHandler], states: dict, on_cancel) -> ConversationHandler:
    with warnings.catch_warnings():
        # PTB warns that with per_message=False a button is tracked per chat, not per message: that is what we
        # want (one conversation per private chat; a tap on an earlier question's button is stale or repeats it).
        warnings.filterwarnings("ignore", category=PTBUserWarning, message=".*per_message.*")
        return ConversationHandler(
            entry_points=entry_points,
            states=states,
            fallbacks=[CommandHandler("cancel", on_cancel, filters=PRIVATE),
                       MessageHandler(PRIVATE & CANCEL_WORDS, on_cancel)],
            conversation_timeout=TIMEOUT,
            name=name,
            per_user=True,
            per_chat=True,
            allow_reentry=True,  # the way in again starts over
        )
