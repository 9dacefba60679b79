"""Votes: a tap on a 【投票】 button (v:<topic id>:<option>), or a typed vote such as 投2 / 2号 / 赞成; a typed
message that only leans to an option (我觉得二号靠谱) is answered 「您是想投 #2 吗？」 with 是 (vg:) / 不是 (vn:).

A tap is answered right after the vote is committed, before anything rate-limited: the tally edit and the
typed-vote acknowledgement go to the background sender.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from council import ballot_texts
from council.households import label_of
from council.models import Topic
from council.results import CouncilError, VoteGuess
from handlers.common import answer, answer_tap, callback_args, person, services, stale_button


async def on_vote_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    svc, query = services(context), update.callback_query
    args = callback_args(update, 2)
    if args is None:
        await stale_button(update, context)
        return
    topic_id, option = map(int, args)
    try:
        result = await svc.council.cast_vote(topic_id, query.message.chat.id, person(query.from_user), option,
                                             "button")
    except CouncilError as error:
        await answer_tap(update, error.text, alert=True)
        return
    if not result.unchanged:
        svc.sender.ballot_changed(result.topic.id, result.topic.chat_id)  # committed: the tally must show it
    await answer_tap(update, ballot_texts.vote_toast(result.topic, option, result.before, result.after,
                                                     label_of(result.household) if result.household else None))


async def typed_vote(update: Update, context: ContextTypes.DEFAULT_TYPE, replied_topic: Topic | None = None) -> bool:
    """Count the message as a vote if it clearly is one. Returns False when it is not a vote (left alone)."""
    svc, chat, message = services(context), update.effective_chat, update.effective_message
    voter = person(update.effective_user, message)
    try:
        result = await svc.council.typed_vote(chat.id, voter, message.text or "",
                                              replied_topic.id if replied_topic else None)
    except CouncilError as error:
        await answer(update, context, error.text)
        return True
    if result is None:
        return False
    if isinstance(result, VoteGuess):  # not counted: ask its author, who answers with one tap
        await svc.council.reply(chat.id, ballot_texts.vote_guess(result.topic, result.option, voter.name),
                                message.message_id,
                                ballot_texts.vote_guess_keyboard(result.topic, result.option, voter.id))
        return True
    svc.sender.typed_vote(chat.id, voter.name, message.message_id)
    svc.sender.ballot_changed(result.topic.id, chat.id)
    return True


async def on_guess_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """是 (vg:<topic>:<option>:<user>) counts the vote the message leaned to; 不是 (vn:<topic>:<user>) counts nothing,
    and its author is not asked again in the topic. Only the author of the message may answer."""
    svc, query = services(context), update.callback_query
    yes = (query.data or "").startswith("vg:")
    if yes:
        args = callback_args(update, 3)
    else:  # vn:<user>: a question posted before 不是 carried its topic
        args = callback_args(update, 2) or callback_args(update, 1)
    if args is None:
        await stale_button(update, context)
        return
    if int(args[-1]) != query.from_user.id:
        await answer_tap(update, ballot_texts.GUESS_NOT_YOURS, alert=True)
        return
    chat_id, voter = query.message.chat.id, person(query.from_user)
    if not yes:
        if len(args) == 2:
            await svc.council.answer_guess(int(args[0]), voter, None)
        await answer_tap(update, ballot_texts.GUESS_DECLINED)
        svc.sender.edit(chat_id, query.message.message_id, ballot_texts.GUESS_DECLINED)
        return
    topic_id, option = int(args[0]), int(args[1])
    try:
        result = await svc.council.cast_vote(topic_id, chat_id, voter, option, "text",
                                             {option})  # on an approval ballot: adds, never toggles off
    except CouncilError as error:
        await answer_tap(update, error.text, alert=True)
        return
    await svc.council.answer_guess(topic_id, voter, option)
    svc.sender.ballot_changed(result.topic.id, chat_id)
    await answer_tap(update, ballot_texts.vote_toast(result.topic, option, result.before, result.after,
                                                     label_of(result.household) if result.household else None))
    svc.sender.edit(chat_id, query.message.message_id, ballot_texts.vote_guess_done(result.topic, option, voter.name))
