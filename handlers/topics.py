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
from handlers.common import (
    answer,
    answer_tap,
    callback_args,
    facilitators_topic,
    is_group,
    person,
    services,
    stale_button,
)
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
    "merge": Action({State.COLLECTING}, Err.MERGE_NOT_COLLECTING, takes_topic_number=False),
    "category": Action(OPEN, Err.NO_OPEN_TOPIC, takes_topic_number=False),
}


async def open_topic(update: Update, context: ContextTypes.DEFAULT_TYPE, intent: Intent) -> None:
    svc, chat, message = services(context), update.effective_chat, update.effective_message
    if not await facilitator_in_group(update, context):
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
    if not await facilitator_in_group(update, context):
        return
    action = ACTIONS[intent.action]
    usage = {"hide": (Err.HIDE_USAGE, intent.number is None), "merge": (Err.MERGE_USAGE, len(intent.numbers) != 2)}
    if intent.action in usage and usage[intent.action][1]:
        await answer(update, context, usage[intent.action][0])
        return
    topic_number = intent.number if action.takes_topic_number else None
    reply_to = message.reply_to_message.message_id if message.reply_to_message else None
    try:
        chosen = await svc.council.choose(chat.id, topic_number, reply_to, action.allowed, action.wrong_state)
        if isinstance(chosen, Choice):
            await _ask_which(update, context, intent, chosen.topics)
            return
        await run_action(context, chosen, person(update.effective_user, message), intent)
    except CouncilError as error:
        await answer(update, context, error.text)


async def run_action(context: ContextTypes.DEFAULT_TYPE, topic: Topic, actor, intent: Intent) -> None:
    """Carry out a facilitator action on a chosen topic. Raises CouncilError for the user."""
    svc, action = services(context), intent.action
    if action == "vote":
        if await svc.council.needs_shortlist(topic.id):  # many proposals: the facilitator picks the ballot first
            _, text, keyboard = await svc.council.shortlist_view(topic.id)
            await svc.council.reply(topic.chat_id, text, None, keyboard)
            return
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
        hidden = await svc.council.hide(topic.id, intent.number, actor)
        if hidden.state is State.VOTING:
            svc.sender.ballot_changed(topic.id, topic.chat_id)
    elif action == "merge":
        await svc.council.merge(topic.id, *intent.numbers, actor)
    elif action == "category":
        await svc.council.set_category(topic.id, intent.text, actor)


async def on_pick(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A facilitator tapped a topic in "which topic?": pk:<action>:<topic id>:<argument>."""
    query = update.callback_query
    args = callback_args(update, 3, numeric=0)
    intent = _intent_from(args[0], args[2]) if args and args[1].isdigit() else None
    if intent is None:
        await stale_button(update, context)
        return
    action, topic = intent.action, await facilitators_topic(update, context, int(args[1]))
    if topic is None:
        return
    try:
        await run_action(context, topic, person(query.from_user), intent)
    except CouncilError as error:
        await answer_tap(update, error.text, alert=True)
        return
    await answer_tap(update, f"已{texts.ACTIONS[action]}：议题{topic.number}")


async def status(update: Update, context: ContextTypes.DEFAULT_TYPE, intent: Intent) -> None:
    if not is_group(update):
        await answer(update, context, Err.GROUP_ONLY)
        return
    await answer(update, context, await services(context).council.status_text(update.effective_chat.id))


async def setup(update: Update, context: ContextTypes.DEFAULT_TYPE, intent: Intent) -> None:
    if not await facilitator_in_group(update, context):
        return
    svc, chat = services(context), update.effective_chat
    svc.chats.forget(chat.id)
    is_admin, can_pin = await svc.chats.bot_rights(chat.id)
    await answer(update, context, texts.setup_report(bool(context.bot.can_read_all_group_messages), is_admin, can_pin))


async def help_(update: Update, context: ContextTypes.DEFAULT_TYPE, intent: Intent) -> None:
    text = texts.HELP if is_group(update) else texts.PRIVATE_WELCOME + "\n\n" + texts.HELP
    await answer(update, context, text)


async def facilitator_in_group(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    if not is_group(update):
        await answer(update, context, Err.GROUP_ONLY)
        return False
    user, message = update.effective_user, update.effective_message
    if not await services(context).chats.is_facilitator(update.effective_chat.id, user.id if user else 0, message):
        await answer(update, context, Err.NOT_FACILITATOR)
        return False
    return True


async def _ask_which(update: Update, context: ContextTypes.DEFAULT_TYPE, intent: Intent, topics: list[Topic]) -> None:
    keyboard = [[(texts.topic_button(t), f"pk:{intent.action}:{t.id}:{_arg_of(intent)}")] for t in topics]
    message = update.effective_message
    await services(context).council.reply(update.effective_chat.id, texts.which_topic(texts.ACTIONS[intent.action]),
                                          message.message_id, keyboard)


def _arg_of(intent: Intent) -> str:
    """An intent's argument in callback data: "-", "3", "2+5" or a category name (well under 64 bytes)."""
    if intent.numbers:
        return "+".join(str(n) for n in intent.numbers)
    if intent.number is not None:
        return str(intent.number)
    return intent.text or "-"


def _intent_from(action: str, arg: str) -> Intent | None:
    """The intent back from callback data; None if the data was forged or is malformed."""
    if action not in ACTIONS:
        return None
    if action == "merge":
        parts = arg.split("+")
        return Intent(action, numbers=tuple(map(int, parts))) if len(parts) == 2 and all(
            p.isdigit() for p in parts) else None
    if action == "category":
        return Intent(action, text="" if arg == "-" else arg)
    if arg == "-":
        return Intent(action)
    return Intent(action, number=int(arg)) if arg.isdigit() else None
