"""Follow-up (执行监督) in the group: facilitators record action items (事项 …, /action) and review dates
(复盘 …, /review); an item's owner or a facilitator updates it (完成 N, /done N, or the buttons on 【执行监督】,
ai:<id>:<status>); everyone lists them (执行情况, /actions) and answers a review with one tap (rv:<topic id>:<answer>).

Taps are answered right after the change is committed; what the group sees goes through the outbox, and a review's
answer counts are edited into its question by the background sender, coalesced (never one message per tap).
"""

from __future__ import annotations

from telegram import Message, Update
from telegram.ext import ContextTypes

from council.action_texts import ActionErr, review_toast, status_toast
from council.actions import ActionItem, ItemStatus, Mention
from council.parsing import Intent
from council.results import CouncilError
from council.texts import Err
from handlers.common import answer, answer_tap, callback_args, is_group, person, services, stale_button
from handlers.topics import facilitator_in_group


async def add(update: Update, context: ContextTypes.DEFAULT_TYPE, intent: Intent) -> None:
    if not await facilitator_in_group(update, context):
        return
    svc, chat, message = services(context), update.effective_chat, update.effective_message
    reply_to = message.reply_to_message.message_id if message.reply_to_message else None
    try:
        await svc.council.add_action(chat.id, person(update.effective_user, message), intent.text,
                                     _mentions(message, context.bot.username), reply_to, message.message_id)
    except CouncilError as error:
        await answer(update, context, error.text)


async def review(update: Update, context: ContextTypes.DEFAULT_TYPE, intent: Intent) -> None:
    if not await facilitator_in_group(update, context):
        return
    svc, chat, message = services(context), update.effective_chat, update.effective_message
    reply_to = message.reply_to_message.message_id if message.reply_to_message else None
    text = intent.text if intent.number is None else f"{intent.number} {intent.text}"
    try:
        await svc.council.set_review(chat.id, person(update.effective_user, message), text, reply_to)
    except CouncilError as error:
        await answer(update, context, error.text)


async def listing(update: Update, context: ContextTypes.DEFAULT_TYPE, intent: Intent) -> None:
    if not is_group(update):
        await answer(update, context, Err.GROUP_ONLY)
        return
    try:
        text = await services(context).council.action_list(update.effective_chat.id, intent.number)
    except CouncilError as error:
        text = error.text
    await answer(update, context, text)


async def done(update: Update, context: ContextTypes.DEFAULT_TYPE, intent: Intent) -> None:
    """完成 N [备注] / /done N [备注]: the owner or a facilitator marks item N done."""
    if not is_group(update):
        await answer(update, context, Err.GROUP_ONLY)
        return
    if intent.number is None:
        await answer(update, context, ActionErr.DONE_USAGE)
        return
    svc, chat = services(context), update.effective_chat
    try:
        item = await svc.council.action_item(chat.id, number=intent.number)
        await _move(update, context, item, ItemStatus.DONE, intent.text)
    except CouncilError as error:
        await answer(update, context, error.text)


async def on_item_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A tap on 进行中 / 已完成 / 搁置 under a 【执行监督】 message: ai:<item id>:<status>."""
    svc, query = services(context), update.callback_query
    args = callback_args(update, 2, numeric=0)
    if args is None or not args[0].isdigit() or args[1] not in {status.value for status in ItemStatus}:
        await stale_button(update, context)
        return
    try:
        item = await svc.council.action_item(query.message.chat.id, item_id=int(args[0]))
        item = await _move(update, context, item, ItemStatus(args[1]), "")
    except CouncilError as error:
        await answer_tap(update, error.text, alert=True)
        return
    await answer_tap(update, status_toast(item))


async def on_review_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A resident's answer to a review question: rv:<topic id>:<1 有效 | 2 一般 | 3 无效>."""
    svc, query = services(context), update.callback_query
    args = callback_args(update, 2)
    if args is None:
        await stale_button(update, context)
        return
    topic_id, answer_ = map(int, args)
    chat_id = query.message.chat.id
    try:
        changed = await svc.council.answer_review(topic_id, chat_id, person(query.from_user), answer_)
    except CouncilError as error:
        await answer_tap(update, error.text, alert=True)
        return
    await answer_tap(update, review_toast(answer_, changed))
    if changed:  # committed: the counts on the question must show it (edited by the sender, coalesced)
        svc.sender.view_changed(f"review:{topic_id}", chat_id, lambda: svc.council.review_view(topic_id))


async def _move(update: Update, context: ContextTypes.DEFAULT_TYPE, item: ActionItem, status: ItemStatus,
                note: str) -> ActionItem:
    """Ask Telegram whether the user is a facilitator only when they do not own the item (cached either way)."""
    svc, user, message = services(context), update.effective_user, update.effective_message
    chat_id = update.effective_chat.id
    username = user.username if user else None
    facilitator = False
    if user is None or not item.owned_by(user.id, username):
        facilitator = await svc.chats.is_facilitator(chat_id, user.id if user else 0,
                                                     message if update.callback_query is None else None)
    return await svc.council.set_action_status(item.id, chat_id, status, person(user, message), username,
                                               facilitator, note)


def _mentions(message: Message, bot_username: str | None) -> tuple[Mention, ...]:
    """People tagged in the message: a text_mention carries the user id, an @username only the name."""
    found = []
    for entity, text in message.parse_entities(["mention", "text_mention"]).items():
        if entity.type == "text_mention" and entity.user is not None:
            found.append(Mention(text.lstrip("@"), user_id=entity.user.id, username=entity.user.username))
        elif entity.type == "mention" and text[1:].lower() != (bot_username or "").lower():
            found.append(Mention(text[1:], username=text[1:]))
    return tuple(found)  # in the order they appear: the first person tagged owns the item
