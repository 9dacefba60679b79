"""Plain text in chats: Chinese trigger words, replies to the bot's cards, typed votes.

Residents never need a slash command: 发起议题 …, 建议：…, 开始投票, 进度, 投2 all land here, and go to the
same functions as the slash commands.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from telegram import Message, Update
from telegram.ext import ContextTypes

from council import texts
from council.models import State
from council.parsing import Intent, parse_command, parse_trigger
from council.texts import Err
from handlers import actions, ballots, households, proposals, reports, topics, votes
from handlers.common import answer, is_group, services

Handler = Callable[[Update, ContextTypes.DEFAULT_TYPE, Intent], Awaitable[None]]

DISPATCH: dict[str, Handler] = {
    "open": topics.open_topic,
    "propose": proposals.propose,
    "vote": topics.facilitator_action,
    "close": topics.facilitator_action,
    "cancel": topics.facilitator_action,
    "hide": topics.facilitator_action,
    "merge": topics.facilitator_action,
    "category": topics.facilitator_action,
    "status": topics.status,
    "setup": topics.setup,
    "help": topics.help_,
    "summary": reports.summary,
    "digest": reports.digest,
    "export": reports.export,
    "register": households.register,
    "households": households.households,
    "proxy": households.proxy,
    "shortlist": ballots.shortlist,
    "runoff": ballots.runoff,
    "action": actions.add,
    "actions": actions.listing,
    "done": actions.done,
    "review": actions.review,
}


def command(action: str):
    """A CommandHandler callback for /<command>, sharing the Chinese trigger's code path."""

    async def callback(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        if action in ("open", "propose"):
            intent = Intent(action, text=_after_command(message))  # keep line breaks (background)
        else:
            intent = parse_command(action, context.args or [])
        await DISPATCH[action](update, context, intent)

    callback.__name__ = f"command_{action}"
    return callback


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    text = texts.PRIVATE_WELCOME if not is_group(update) else texts.HELP
    await answer(update, context, text)


async def on_group_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    intent = parse_trigger(message.text)
    if intent is not None:
        await DISPATCH[intent.action](update, context, intent)
        return
    replied = message.reply_to_message
    if replied is not None and replied.from_user is not None and replied.from_user.id == context.bot.id:
        await _reply_to_bot(update, context, replied)
        return
    await votes.typed_vote(update, context)  # anything else is chat among neighbours: left alone


async def on_private_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    intent = parse_trigger(update.effective_message.text)
    if intent is not None and intent.action in ("help", "digest"):
        await DISPATCH[intent.action](update, context, intent)
    elif intent is not None:
        await answer(update, context, Err.GROUP_ONLY)
    else:
        await answer(update, context, texts.PRIVATE_WELCOME)


async def _reply_to_bot(update: Update, context: ContextTypes.DEFAULT_TYPE, replied: Message) -> None:
    """A reply to a topic's 【议题】 card is a proposal while the topic collects; a reply to any other message of
    a topic (its ballot, an acknowledgement) may be a vote for it. "好的，谢谢" to an acknowledgement is chat."""
    topic = await services(context).council.topic_for_message(update.effective_chat.id, replied.message_id)
    if topic is None:
        await votes.typed_vote(update, context)
    elif topic.state is State.COLLECTING and replied.message_id == topic.card_message_id:
        await proposals.propose(update, context, Intent("propose", text=update.effective_message.text),
                                reply_to=replied.message_id)
    elif topic.state is State.COLLECTING:
        await votes.typed_vote(update, context)  # not a proposal; and no ballot of this topic is open yet
    else:
        await votes.typed_vote(update, context, replied_topic=topic)  # a vote on a closed ballot is told so


def _after_command(message: Message) -> str:
    """The text after "/command" (or "/command@bot"), line breaks kept."""
    text = message.text or ""
    entity = next((e for e in message.entities if e.type == "bot_command" and e.offset == 0), None)
    if entity is None:
        return text.partition(" ")[2]
    return text[len(message.parse_entity(entity)):].strip()
