"""Households and proxies: 登记 3-2-301 (/register), 住户 (/households), 代投 3-2-301 2 (/proxy).

A resident registers themself. A facilitator who replies to a resident's message with 登记 … corrects that
resident's registration; 代投 as a reply enters that resident's vote.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from council import register_texts
from council.households import parse_proxy
from council.models import State
from council.parsing import Intent
from council.results import Choice, CouncilError
from council.texts import Err
from handlers.common import answer, is_group, person, services
from handlers.topics import facilitator_in_group


async def register(update: Update, context: ContextTypes.DEFAULT_TYPE, intent: Intent) -> None:
    if not is_group(update):
        await answer(update, context, Err.GROUP_ONLY)
        return
    svc, chat, message = services(context), update.effective_chat, update.effective_message
    me = person(update.effective_user, message)
    resident, actor = me, None
    replied = message.reply_to_message
    if replied is not None and replied.from_user and not replied.from_user.is_bot and replied.from_user.id != me.id:
        if not await svc.chats.is_facilitator(chat.id, me.id, message):
            await answer(update, context, register_texts.ONLY_OWN)
            return
        resident, actor = person(replied.from_user), me
    try:
        text = await svc.council.register(chat.id, resident, intent.text, actor)
    except CouncilError as error:
        text = error.text
    await answer(update, context, text)


async def households(update: Update, context: ContextTypes.DEFAULT_TYPE, intent: Intent) -> None:
    if not await facilitator_in_group(update, context):
        return
    await answer(update, context, await services(context).council.households_text(update.effective_chat.id))


async def proxy(update: Update, context: ContextTypes.DEFAULT_TYPE, intent: Intent) -> None:
    """代投 [名字] 3-2-301 2, or 代投 2 as a reply to the resident's message."""
    if not await facilitator_in_group(update, context):
        return
    svc, chat, message = services(context), update.effective_chat, update.effective_message
    request = parse_proxy(intent.text)
    replied = message.reply_to_message
    target = None
    if request is not None and request.household is not None:
        target = request.household
    elif request is not None and replied is not None and replied.from_user and not replied.from_user.is_bot:
        target = person(replied.from_user)
    on_ballot = replied.message_id if replied is not None and replied.from_user and replied.from_user.is_bot else None
    try:
        chosen = await svc.council.choose(chat.id, None, on_ballot, {State.VOTING}, Err.NO_VOTING)
        if isinstance(chosen, Choice):
            raise CouncilError(register_texts.PROXY_WHICH)
        if target is None:
            raise CouncilError(register_texts.proxy_usage(chosen))
        await svc.council.proxy_vote(chosen, person(update.effective_user, message), target, request.name,
                                     request.choice)
    except CouncilError as error:
        await answer(update, context, error.text)
        return
    svc.sender.ballot_changed(chosen.id, chat.id)
