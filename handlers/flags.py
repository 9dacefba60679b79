"""举报: a resident replies 举报 to a proposal (their message, or the bot's 【征集建议】 acknowledgement of it).
The third report holds the proposal and asks the facilitators, who tap 恢复 (fr:<topic id>:<n>) or 确认隐藏
(fh:<topic id>:<n>) on the 【举报】 notice.

No report button: a button under every acknowledgement would clutter the chat and invite taps by mistake; a
reply is deliberate, and the bot answers the reporter privately when it can.
"""

from __future__ import annotations

import logging
import re

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from council import reach_texts as rt
from council.models import State
from council.results import CouncilError
from handlers.common import answer, answer_tap, callback_args, facilitators_topic, person, services, stale_button

log = logging.getLogger(__name__)
REPORT = re.compile(r"^\s*举报(?:[\s:：,，。.!！]|$)")


async def on_report(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    svc, message = services(context), update.effective_message
    replied = message.reply_to_message
    if replied is None:
        await answer(update, context, rt.REPORT_HOW)
        return
    reporter = person(update.effective_user, message)
    reason = REPORT.sub("", message.text or "", count=1).strip()
    try:
        reported = await svc.council.report(message.chat.id, reporter, replied.message_id, reason)
    except CouncilError as error:
        await answer(update, context, error.text)
        return
    if not reported.held:
        return
    topic = reported.topic
    if topic.state is State.VOTING:
        svc.sender.ballot_changed(topic.id, topic.chat_id)  # the held proposal leaves the ballot
    try:  # facilitators who talk to the bot privately get a note too (the admin list is cached)
        facilitators = set(await svc.chats.admins(topic.chat_id)) | set(svc.chats.facilitators)
    except TelegramError as exc:
        log.info("administrators of %s unknown: %s", topic.chat_id, exc)
        facilitators = set(svc.chats.facilitators)
    await svc.council.note_facilitators(topic, reported.number, sorted(facilitators - {context.bot.id}))


async def on_decision(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """恢复 / 确认隐藏 on a 【举报】 notice: facilitators only."""
    svc, query = services(context), update.callback_query
    args = callback_args(update, 2)
    if args is None:
        await stale_button(update, context)
        return
    topic_id, number = map(int, args)
    topic = await facilitators_topic(update, context, topic_id, refused=rt.NOT_FACILITATOR)
    if topic is None:
        return
    chat_id = topic.chat_id
    restore = query.data.startswith("fr:")
    try:
        topic, text = await svc.council.decide_report(topic_id, number, person(query.from_user), restore)
    except CouncilError as error:
        await answer_tap(update, error.text, alert=True)
        return
    await answer_tap(update, rt.RESTORED if restore else rt.CONFIRMED_HIDDEN)
    svc.sender.edit(chat_id, query.message.message_id, text)  # the notice shows the decision, buttons gone
    if topic.state is State.VOTING:
        svc.sender.ballot_changed(topic.id, topic.chat_id)
