"""The one error handler: log the failure with its update, and tell the user something went wrong."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import ContextTypes

from handlers.common import answer_tap, services

log = logging.getLogger(__name__)
SORRY = "抱歉，刚才处理您的消息时出了点问题，请稍后再试一次。如果一直不行，请联系议事员。"


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    log.error("error while handling an update", exc_info=context.error)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    try:
        if update.callback_query is not None:
            await answer_tap(update, SORRY, alert=True)
        else:
            message = update.effective_message
            await services(context).council.reply(update.effective_chat.id, SORRY,
                                                  message.message_id if message else None)
    except Exception:  # the error handler must never raise itself
        log.exception("could not tell the user about the error")
