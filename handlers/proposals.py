"""Residents' proposals: 建议：… / 提议 … / #建议 … / /propose …, or a reply to a topic's card.

A near-duplicate is not recorded at once: the bot answers 【相似建议】 and its author taps 「支持 #M」 or 「仍然提交」.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from council import texts
from council.parsing import Intent
from council.results import Choice, CouncilError, SimilarFound
from council.texts import Err
from handlers.common import answer, answer_tap, callback_args, is_group, person, services, stale_button


async def propose(update: Update, context: ContextTypes.DEFAULT_TYPE, intent: Intent,
                  reply_to: int | None = None) -> None:
    if not is_group(update):
        await answer(update, context, Err.GROUP_ONLY)
        return
    svc, chat, message = services(context), update.effective_chat, update.effective_message
    if reply_to is None and message.reply_to_message is not None:
        reply_to = message.reply_to_message.message_id
    author = person(update.effective_user, message)
    try:
        result = await svc.council.propose(chat.id, author, intent.text, message.message_id, reply_to=reply_to)
    except CouncilError as error:
        await answer(update, context, error.text)
        return
    if isinstance(result, Choice):
        keyboard = [[(texts.topic_button(t), f"pp:{t.id}:{message.message_id}")] for t in result.topics]
        await svc.council.reply(chat.id, texts.which_topic_for_proposal(), message.message_id, keyboard)


async def on_pick_topic(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """pp:<topic id>:<message id> — the author chose the topic of a waiting proposal."""
    svc, query = services(context), update.callback_query
    args = callback_args(update, 2)
    if args is None:
        await stale_button(update, context)
        return
    topic_id, message_id = map(int, args)
    try:
        result = await svc.council.propose_draft(query.message.chat.id, message_id, topic_id,
                                                 person(query.from_user), check_similar=True)
    except CouncilError as error:
        await answer_tap(update, error.text, alert=True)
        return
    if isinstance(result, SimilarFound):
        await answer_tap(update, f"和 #{result.number} 很接近，请看下面的提示")
    else:
        await answer_tap(update, f"已提交到议题{result.topic.number}，编号 #{result.number}")


async def on_insist(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """pf:<topic id>:<similar number>:<message id> — the author submits a near-duplicate anyway (仍然提交)."""
    svc, query = services(context), update.callback_query
    args = callback_args(update, 3)
    if args is None:
        await stale_button(update, context)
        return
    topic_id, similar_to, message_id = map(int, args)
    try:
        result = await svc.council.propose_draft(query.message.chat.id, message_id, topic_id,
                                                 person(query.from_user), check_similar=False)
    except CouncilError as error:
        await answer_tap(update, error.text, alert=True)
        return
    await answer_tap(update, f"已提交到议题{result.topic.number}，编号 #{result.number}")
    svc.sender.edit(query.message.chat.id, query.message.message_id,
                    texts.similar_settled(query.from_user.full_name, similar_to, False, result.number))


async def on_support_instead(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """sp:<topic id>:<number>:<message id> — the author supports #number instead of a near-duplicate."""
    svc, query = services(context), update.callback_query
    args = callback_args(update, 3)
    if args is None:
        await stale_button(update, context)
        return
    topic_id, number, message_id = map(int, args)
    try:
        supporters = await svc.council.support_instead(query.message.chat.id, message_id, topic_id, number,
                                                       person(query.from_user))
    except CouncilError as error:
        await answer_tap(update, error.text, alert=True)
        return
    await answer_tap(update, texts.support_toast(number, supporters))
    svc.sender.edit(query.message.chat.id, query.message.message_id,
                    texts.similar_settled(query.from_user.full_name, number, True))
