"""Votes: a tap on a 【投票】 button (v:<topic id>:<option>), or a typed vote such as 投2 / 2号 / 赞成.

A tap is answered right after the vote is committed, before anything rate-limited: the tally edit and the
typed-vote acknowledgement go to the background sender.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from council import ballot_texts
from council.households import label_of
from council.models import Topic
from council.results import CouncilError
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
    svc.sender.typed_vote(chat.id, voter.name, message.message_id)
    svc.sender.ballot_changed(result.topic.id, chat.id)
    return True
