"""What goes on a ballot: the facilitator's shortlist picker (筛选, sl:/sa:/sg: buttons) and the run-off between
tied proposals (决选, the ro: button under a tied 【决议公示】)."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from council import shortlist_texts
from council.models import State
from council.parsing import Intent
from council.results import Choice, CouncilError
from council.texts import Err
from handlers.common import answer, answer_tap, callback_args, facilitators_topic, person, services, stale_button
from handlers.deadlines import refresh_members
from handlers.topics import facilitator_in_group


async def shortlist(update: Update, context: ContextTypes.DEFAULT_TYPE, intent: Intent) -> None:
    """筛选 [议题号]: show the picker for a collecting topic with many proposals."""
    if not await facilitator_in_group(update, context):
        return
    svc, chat, message = services(context), update.effective_chat, update.effective_message
    reply_to = message.reply_to_message.message_id if message.reply_to_message else None
    try:
        chosen = await svc.council.choose(chat.id, intent.number, reply_to, {State.COLLECTING}, Err.ALREADY_VOTING)
        if isinstance(chosen, Choice):
            raise CouncilError(shortlist_texts.WHICH_TOPIC)
        await show_picker(context, chosen.id, message.message_id)
    except CouncilError as error:
        await answer(update, context, error.text)


async def show_picker(context: ContextTypes.DEFAULT_TYPE, topic_id: int, reply_to: int | None) -> None:
    svc = services(context)
    topic, text, keyboard = await svc.council.shortlist_view(topic_id)
    await svc.council.reply(topic.chat_id, text, reply_to, keyboard)


async def on_shortlist_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """sl:<topic>:<number> toggles a proposal; sa:<topic> puts all on; sg:<topic> starts the vote."""
    svc, query = services(context), update.callback_query
    kind = (query.data or "").split(":")[0]
    args = callback_args(update, 2 if kind == "sl" else 1)
    if args is None:
        await stale_button(update, context)
        return
    topic = await facilitators_topic(update, context, int(args[0]))
    if topic is None:
        return
    chat_id = topic.chat_id
    try:
        if kind == "sl":
            await svc.council.toggle_shortlist(topic.id, int(args[1]))
        elif kind == "sa":
            await svc.council.shortlist_all(topic.id)
        else:
            await refresh_members(svc.chats, svc.council, chat_id)
            started = await svc.council.start_voting(topic.id, person(query.from_user))
            svc.deadlines.schedule(started)
            await answer_tap(update, shortlist_texts.voting_started_toast(topic))
            svc.sender.edit(chat_id, query.message.message_id, shortlist_texts.picker_done(topic))
            return
        _, text, keyboard = await svc.council.shortlist_view(topic.id)
    except CouncilError as error:
        await answer_tap(update, error.text, alert=True)
        return
    await answer_tap(update, shortlist_texts.PICKER_UPDATED)
    svc.sender.edit(chat_id, query.message.message_id, text, keyboard)


async def runoff(update: Update, context: ContextTypes.DEFAULT_TYPE, intent: Intent) -> None:
    """决选 N: start the run-off of topic N's tie (the button under its 【决议公示】 does the same)."""
    if not await facilitator_in_group(update, context):
        return
    if intent.number is None:
        await answer(update, context, shortlist_texts.RUNOFF_USAGE)
        return
    svc, chat = services(context), update.effective_chat
    try:
        topic = await svc.council.closed_topic(chat.id, intent.number)
        started = await svc.council.start_runoff(topic.id, person(update.effective_user))
    except CouncilError as error:
        await answer(update, context, error.text)
        return
    svc.deadlines.schedule(started)


async def on_runoff_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """ro:<topic id> under a tied 【决议公示】."""
    svc, query = services(context), update.callback_query
    args = callback_args(update, 1)
    if args is None:
        await stale_button(update, context)
        return
    topic = await facilitators_topic(update, context, int(args[0]))
    if topic is None:
        return
    chat_id = topic.chat_id
    try:
        started = await svc.council.start_runoff(topic.id, person(query.from_user))
    except CouncilError as error:
        await answer_tap(update, error.text, alert=True)
        return
    svc.deadlines.schedule(started)
    await answer_tap(update, shortlist_texts.runoff_started_toast(started))
    svc.sender.edit(chat_id, query.message.message_id,
                    f"{query.message.text_html}\n{shortlist_texts.runoff_started(topic, started)}")
