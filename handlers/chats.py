"""The life of a group: the bot added or removed, rights changed, a group upgraded to a supergroup."""

from __future__ import annotations

import logging

from telegram import ChatMember, Update
from telegram.ext import ContextTypes

from handlers.common import services

log = logging.getLogger(__name__)
PRESENT = (ChatMember.MEMBER, ChatMember.ADMINISTRATOR, ChatMember.OWNER, ChatMember.RESTRICTED)


async def on_my_chat_member(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    svc, change = services(context), update.my_chat_member
    chat = change.chat
    svc.chats.forget(chat.id)
    if chat.type not in ("group", "supergroup"):
        return
    if change.new_chat_member.status in PRESENT:
        await svc.council.chat_seen(chat.id, chat.type, chat.title or "")
        for topic in await svc.council.open_topics(chat.id):
            svc.deadlines.schedule(topic)  # back in a group we had left: its deadlines run again
        log.info("in chat %s (%s) as %s", chat.id, chat.title, change.new_chat_member.status)
    else:
        await svc.council.chat_left(chat.id)
        for topic in await svc.council.open_topics(chat.id):
            svc.deadlines.unschedule(topic.id)
        log.info("removed from chat %s (%s): its data is kept, its jobs stopped", chat.id, chat.title)


async def on_migrate(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Telegram sends migrate_to_chat_id in the old group and migrate_from_chat_id in the new supergroup."""
    message = update.effective_message
    if message.migrate_to_chat_id:
        old_id, new_id = message.chat.id, message.migrate_to_chat_id
    else:
        old_id, new_id = message.migrate_from_chat_id, message.chat.id
    svc = services(context)
    svc.chats.forget(old_id)
    await svc.council.chat_migrated(old_id, new_id)
