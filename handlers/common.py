"""What every handler needs: the services of this bot, the person behind an update, keyboards."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from telegram import Message, Update, User
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from council.config import Config
from council.models import Person, Topic
from council.reports import Reports
from council.service import Council
from council.summaries import Summaries
from council.texts import Err
from handlers.deadlines import Deadlines
from handlers.roles import ChatInfo
from handlers.sender import Sender

log = logging.getLogger(__name__)


@dataclass
class Services:
    config: Config
    council: Council
    sender: Sender
    chats: ChatInfo
    deadlines: Deadlines
    summaries: Summaries
    reports: Reports


def services(context: ContextTypes.DEFAULT_TYPE) -> Services:
    return context.application.bot_data["services"]


def person(user: User | None, message: Message | None = None) -> Person:
    if user is None and message is not None and message.sender_chat is not None:
        return Person(message.sender_chat.id, message.sender_chat.title or "群管理员")
    if user is None:
        return Person(0, "某位邻居")
    return Person(user.id, user.full_name or user.username or str(user.id))


def is_group(update: Update) -> bool:
    chat = update.effective_chat
    return chat is not None and chat.type in ("group", "supergroup")


async def answer(update: Update, context: ContextTypes.DEFAULT_TYPE, text: str) -> None:
    """Reply to the message of this update, through the outbox (never blocking on Telegram's group limit)."""
    message = update.effective_message
    await services(context).council.reply(update.effective_chat.id, text, message.message_id if message else None)


def callback_args(update: Update, count: int, numeric: int | None = None) -> list[str] | None:
    """The fields after the prefix of callback data such as v:12:3, or None when the data is malformed
    (an old button, or forged: clients can send any data) or the message is gone. The last `numeric` fields
    (all, by default) must be whole numbers."""
    query = update.callback_query
    parts = (query.data or "").split(":")
    if len(parts) != count + 1 or query.message is None:
        return None
    args = parts[1:]
    if not all(arg.isdigit() for arg in args[len(args) - (count if numeric is None else numeric):]):
        return None
    return args


async def answer_tap(update: Update, text: str, alert: bool = False) -> bool:
    """Answer a button tap. Telegram refuses answers after 15 s (a long burst, or an update redelivered after a
    restart): by then the user has seen the button stop spinning, so that is logged, not treated as a failure."""
    try:
        await update.callback_query.answer(text, show_alert=alert)
    except BadRequest as error:
        if "query is too old" not in str(error).lower() and "query id is invalid" not in str(error).lower():
            raise
        log.info("tap %s answered too late: %s", update.callback_query.id, error)
        return False
    return True


async def stale_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await answer_tap(update, Err.STALE_BUTTON, alert=True)


async def facilitators_topic(update: Update, context: ContextTypes.DEFAULT_TYPE, topic_id: int,
                             refused: str = Err.NOT_FACILITATOR) -> Topic | None:
    """The topic a facilitator's button is about, when it belongs to the chat tapped in and the tapper is one of its
    facilitators; otherwise the tap is answered with why (`refused` for a resident) and None returned."""
    svc, query = services(context), update.callback_query
    topic = await svc.council.topic(topic_id)
    chat_id = query.message.chat.id
    if topic is None or topic.chat_id != chat_id:
        await answer_tap(update, Err.BALLOT_NOT_HERE, alert=True)
        return None
    if not await svc.chats.is_facilitator(chat_id, query.from_user.id):
        await answer_tap(update, refused, alert=True)
        return None
    return topic
