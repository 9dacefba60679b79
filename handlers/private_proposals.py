"""A proposal sent in private chat: the 【议题】 card's 「私信提建议」 button opens /start p<topic id> here, the bot
says which topic, and the resident's next message becomes a proposal of it — shown in the group as
「一位邻居（私信）」 when the topic allows anonymous proposals, with the author's name otherwise.

Only members of the topic's group may propose. getChatMember on a group counts against that group's 20-a-minute
quota, so answers are cached for a few minutes.
"""

from __future__ import annotations

import time

from telegram import ChatMember, Update
from telegram.error import TelegramError
from telegram.ext import (
    CommandHandler,
    ContextTypes,
    ConversationHandler,
    MessageHandler,
    filters,
)

from council import texts
from council import wizard_texts as wt
from council.private import PrivateDesk
from council.results import CouncilError
from handlers.common import answer, answer_tap, callback_args, person, services, stale_button
from handlers.conversation import PRIVATE, TYPED, private_conversation

KEY = "private_proposal"  # user_data[KEY]: the topic id the next message proposes to
WRITING = "writing"
MEMBER_TTL = 300.0


def conversation() -> ConversationHandler:
    return private_conversation(
        "private_proposal", [CommandHandler("start", on_link, filters=PRIVATE & filters.Regex(r"^/start p\S*$"))],
        {WRITING: [MessageHandler(TYPED, on_text)]}, on_cancel)


async def on_link(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | int:
    """/start p<topic id>."""
    svc, user = services(context), update.effective_user
    payload = (context.args or [""])[0]
    context.user_data.pop(KEY, None)
    if not payload[1:].isdigit():
        await answer(update, context, wt.PRIVATE_UNKNOWN_LINK)
        return ConversationHandler.END
    try:
        topic, group = await PrivateDesk(svc.council).topic_for_link(int(payload[1:]))
    except CouncilError as error:
        await answer(update, context, error.text)
        return ConversationHandler.END
    if not await is_member(context, topic.chat_id, user.id):
        await answer(update, context, wt.PRIVATE_NOT_MEMBER)
        return ConversationHandler.END
    context.user_data[KEY] = topic.id
    await answer(update, context, wt.private_ask(texts.topic_name(topic), group, topic.anonymous))
    return WRITING


async def on_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int | None:
    svc, message, user = services(context), update.effective_message, update.effective_user
    topic_id = context.user_data.get(KEY)
    if topic_id is None:
        return ConversationHandler.END
    desk = PrivateDesk(svc.council)
    try:
        topic, _ = await desk.topic_for_link(topic_id)
    except CouncilError as error:  # it stopped collecting meanwhile
        await answer(update, context, error.text)
        return _end(context)
    if not await is_member(context, topic.chat_id, user.id):
        await answer(update, context, wt.PRIVATE_NOT_MEMBER)
        return _end(context)
    try:
        await desk.propose(topic_id, person(user), message.text, message.message_id)
    except CouncilError as error:  # empty, too long, or unkind: explained, and the next message is tried again
        await answer(update, context, error.text)
        return None
    # Recorded — or, close to an existing proposal, asked about with buttons (the draft waits in the database).
    return _end(context)


async def on_cancel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    await answer(update, context, wt.PRIVATE_CANCELLED)
    return _end(context)


async def on_similar_answer(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """xs:<topic>:<number>:<message> (支持 #M) or xf:… (仍然提交) on the private 【相似建议】 question."""
    svc, query = services(context), update.callback_query
    args = callback_args(update, 3)
    if args is None or query.message.chat.type != "private":
        await stale_button(update, context)
        return
    topic_id, number, message_id = map(int, args)
    desk, picker = PrivateDesk(svc.council), person(query.from_user)
    try:
        topic, _ = await desk.topic_for_link(topic_id)
        if not await is_member(context, topic.chat_id, picker.id):
            raise CouncilError(wt.PRIVATE_NOT_MEMBER)
        if query.data.startswith("xs:"):
            supporters = await desk.support_instead(topic_id, number, picker, message_id)
            done = wt.private_supported(number, supporters)
        else:
            result = await desk.insist(topic_id, picker, message_id)
            done = wt.private_done(result.topic, result.number, result.topic.anonymous)
    except CouncilError as error:
        await answer_tap(update, error.text, alert=True)
        return
    await answer_tap(update, "✅")
    svc.sender.edit(query.message.chat.id, query.message.message_id, done)


async def is_member(context: ContextTypes.DEFAULT_TYPE, chat_id: int, user_id: int) -> bool:
    """Is this user in the group now? Cached for MEMBER_TTL seconds per (group, user)."""
    cache: dict[tuple[int, int], tuple[float, bool]] = context.bot_data.setdefault("members_cache", {})
    cached = cache.get((chat_id, user_id))
    if cached and time.monotonic() - cached[0] < MEMBER_TTL:
        return cached[1]
    try:
        member = await context.bot.get_chat_member(chat_id, user_id)
    except TelegramError:
        return False  # not cached: Telegram may answer next time
    present = member.status in (ChatMember.MEMBER, ChatMember.ADMINISTRATOR, ChatMember.OWNER) or (
        member.status == ChatMember.RESTRICTED and bool(getattr(member, "is_member", False)))
    cache[(chat_id, user_id)] = (time.monotonic(), present)
    return present


def _end(context: ContextTypes.DEFAULT_TYPE) -> int:
    context.user_data.pop(KEY, None)
    return ConversationHandler.END
