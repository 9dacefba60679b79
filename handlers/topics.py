"""Facilitators' commands (open, start voting, close, cancel, hide) and everyone's status, setup and help."""

from __future__ import annotations

from dataclasses import dataclass

from telegram import Update
from telegram.ext import ContextTypes

from council import texts
from council.models import State, Topic
from council.parsing import Intent
from council.results import Choice, CouncilError
from council.texts import Err
from handlers.common import answer, callback_args, is_group, person, services, stale_button
from handlers.deadlines import refresh_members

OPEN = {State.COLLECTING, State.VOTING}


@dataclass(frozen=True)
class Action:
    allowed: set[State]
    wrong_state: str
    takes_topic_number: bool = True


ACTIONS = {
    "vote": Action({State.COLLECTING}, Err.ALREADY_VOTING),
    "close": Action({State.VOTING}, Err.NOT_VOTING),
    "cancel": Action(OPEN, Err.NO_OPEN_TOPIC),
    "hide": Action(OPEN, Err.HIDE_CLOSED, takes_topic_number=False),
}


async def open_topic(update: Update, context: ContextTypes.DEFAULT_TYPE, intent: Intent) -> None:
    svc, chat, message = services(context), update.effective_chat, update.effective_message
    if not await _facilitator_in_group(update, context):
        return
    opener = person(update.effective_user, message)
    await svc.council.chat_seen(chat.id, chat.type, chat.title or "")
    try:
        topic = await svc.council.open_topic(chat.id, opener, intent.text, message.message_id)
    except CouncilError as error:
        await answer(update, context, error.text)
        return
    svc.deadlines.schedule(topic)
    await refresh_members(svc.chats, svc.council, chat.id)


async def facilitator_action(update: Update, context: ContextTypes.DEFAULT_TYPE, intent: Intent) -> None:
    """vote / close / cancel / hide: pick the topic (number, reply, or the only one), then act on it."""
    svc, chat, message = services(context), update.effective_chat, update.effective_message
    if not await _facilitator_in_group(update, context):
        return
    action = ACTIONS[intent.action]
    if intent.action == "hide" and intent.number is None:
        await answer(update, context, Err.HIDE_USAGE)
        return
    topic_number = intent.number if action.takes_topic_number else None
    reply_to = message.reply_to_message.message_id if message.reply_to_message else None
    try:
        chosen = await svc.council.choose(chat.id, topic_number, reply_to, action.allowed, action.wrong_state)
        if isinstance(chosen, Choice):
            await _ask_which(update, context, intent, chosen.topics)
            return
        await run_action(context, intent.action, chosen, person(update.effective_user, message), intent.number)
    except CouncilError as error:
        await answer(update, context, error.text)


async def run_action(context: ContextTypes.DEFAULT_TYPE, action: str, topic: Topic, actor, number: int | None) -> None:
    """Carry out a facilitator action on a chosen topic. Raises CouncilError for the user."""
    svc = services(context)
    if action == "vote":
        await refresh_members(svc.chats, svc.council, topic.chat_id)
        started = await svc.council.start_voting(topic.id, actor)
        svc.deadlines.schedule(started)
    elif action == "close":
        members = await refresh_members(svc.chats, svc.council, topic.chat_id)
        await svc.council.close(topic.id, actor, members)
        svc.deadlines.schedule(await svc.council.topic(topic.id))
        svc.sender.ballot_changed(topic.id, topic.chat_id)
    elif action == "cancel":
        cancelled = await svc.council.cancel(topic.id, actor)
        svc.deadlines.schedule(cancelled)
        svc.sender.ballot_changed(topic.id, topic.chat_id)
    elif action == "hide":
        hidden = await svc.council.hide(topic.id, number, actor)
        if hidden.state is State.VOTING:
            svc.sender.ballot_changed(topic.id, topic.chat_id)


async def on_pick(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A facilitator tapped a topic in "which topic?": pk:<action>:<topic id>:<number or ->."""
    svc, query = services(context), update.callback_query
    args = callback_args(update, 3, numeric=0)  # pk:<action>:<topic id>:<number or ->
    if args is None or not args[1].isdigit() or not (args[2].isdigit() or args[2] == "-"):
        await stale_button(update, context)
        return
    action, topic_id, number = args
    topic = await svc.council.topic(int(topic_id))
    number_value = None if number == "-" else int(number)
    chat_id = query.message.chat.id
    if action not in ACTIONS or topic is None or topic.chat_id != chat_id:
        await query.answer(Err.BALLOT_NOT_HERE, show_alert=True)
        return
    if not await svc.chats.is_facilitator(chat_id, query.from_user.id):
        await query.answer(Err.NOT_FACILITATOR, show_alert=True)
        return
    try:
        await run_action(context, action, topic, person(query.from_user), number_value)
    except CouncilError as error:
        await query.answer(error.text, show_alert=True)
        return
    await query.answer(f"已{texts.ACTIONS[action]}：议题{topic.number}")


async def status(update: Update, context: ContextTypes.DEFAULT_TYPE, intent: Intent) -> None:
    if not is_group(update):
        await answer(update, context, Err.GROUP_ONLY)
        return
    await answer(update, context, await services(context).council.status_text(update.effective_chat.id))


async def setup(update: Update, context: ContextTypes.DEFAULT_TYPE, intent: Intent) -> None:
    if not await _facilitator_in_group(update, context):
        return
    svc, chat = services(context), update.effective_chat
    svc.chats.forget(chat.id)
    is_admin, can_pin = await svc.chats.bot_rights(chat.id)
    await answer(update, context, texts.setup_report(bool(context.bot.can_read_all_group_messages), is_admin, can_pin))


async def help_(update: Update, context: ContextTypes.DEFAULT_TYPE, intent: Intent) -> None:
    text = texts.HELP if is_group(update) else texts.PRIVATE_WELCOME + "\n\n" + texts.HELP
    await answer(update, context, text)


async def _facilitator_in_group(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    if not is_group(update):
        await answer(update, context, Err.GROUP_ONLY)
        return False
    user, message = update.effective_user, update.effective_message
    if not await services(context).chats.is_facilitator(update.effective_chat.id, user.id if user else 0, message):
        await answer(update, context, Err.NOT_FACILITATOR)
        return False
    return True


async def _ask_which(update: Update, context: ContextTypes.DEFAULT_TYPE, intent: Intent, topics: list[Topic]) -> None:
    number = "-" if intent.number is None else str(intent.number)
    keyboard = [[(texts.topic_button(t), f"pk:{intent.action}:{t.id}:{number}")] for t in topics]
    message = update.effective_message
    await services(context).council.reply(update.effective_chat.id, texts.which_topic(texts.ACTIONS[intent.action]),
                                          message.message_id, keyboard)
