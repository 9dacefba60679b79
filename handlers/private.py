"""The private chat with one resident: 我的 (/mine) with vote buttons, private votes (pv:<topic id>:<option>),
and 提醒我 / 不用提醒 (/remindme [off]).

Whether someone is still in a group is asked of Telegram (getChatMember) only for the groups that have something
to show, and cached: every getChatMember on a group counts against that group's 20-a-minute quota.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time

from telegram import Bot, ChatMember, Update
from telegram.error import BadRequest, TelegramError
from telegram.ext import ContextTypes

from council import ballot_texts
from council import reach_texts as rt
from council.households import label_of
from council.results import CouncilError
from handlers.common import answer, answer_tap, callback_args, is_group, person, services, stale_button
from handlers.keyboards import markup

log = logging.getLogger(__name__)
MEMBER_TTL = 600.0  # seconds a "still in the group" answer is trusted
NOT_MEMBER_TTL = 60.0
TAP_WAIT = 4.0  # seconds a private tap waits for getChatMember before trusting the database
PRESENT = (ChatMember.MEMBER, ChatMember.ADMINISTRATOR, ChatMember.OWNER)
PRIVATE_TRIGGER = re.compile(r"^\s*(我的|提醒我|不用提醒)\s*[。.!！]?\s*$")


class Membership:
    """Is this user still a member of that group? getChatMember, cached per (group, user)."""

    def __init__(self, bot: Bot):
        self.bot = bot
        self._cache: dict[tuple[int, int], tuple[float, bool]] = {}

    async def is_member(self, chat_id: int, user_id: int, wait: float | None = None) -> bool | None:
        """None when Telegram did not answer within `wait` seconds (the group's quota is busy)."""
        cached = self._cache.get((chat_id, user_id))
        if cached and time.monotonic() < cached[0]:
            return cached[1]
        try:
            member = await asyncio.wait_for(self.bot.get_chat_member(chat_id, user_id), wait)
            present = member.status in PRESENT or (member.status == ChatMember.RESTRICTED
                                                   and bool(getattr(member, "is_member", False)))
        except TimeoutError:
            return None
        except TelegramError as exc:
            log.info("membership of %s in %s unknown: %s", user_id, chat_id, exc)
            present = False
        self._cache[(chat_id, user_id)] = (time.monotonic() + (MEMBER_TTL if present else NOT_MEMBER_TTL), present)
        return present


def membership(context: ContextTypes.DEFAULT_TYPE) -> Membership:
    data = context.application.bot_data
    if "membership" not in data:
        data["membership"] = Membership(context.bot)
    return data["membership"]


async def member_groups(context: ContextTypes.DEFAULT_TYPE, user_id: int, chat_ids: list[int]) -> list[int]:
    """The groups of `chat_ids` the user is still in; those they left are remembered as left."""
    council, kept = services(context).council, []
    for chat_id in chat_ids:
        if await membership(context).is_member(chat_id, user_id):
            kept.append(chat_id)
        else:
            await council.member_left(chat_id, user_id)
    return kept


# ------------------------------------------------------------------ commands and words


async def mine(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    svc, user = services(context), person(update.effective_user)
    if is_group(update):
        await answer(update, context, rt.mine_in_group(context.bot.username or ""))
        return
    candidates, known = await svc.council.mine_groups(user.id)
    await svc.council.mine(user, await member_groups(context, user.id, candidates), known=known)


async def remindme(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    off = bool(context.args) and context.args[0].lower() in ("off", "0", "no", "关", "关闭", "不用")
    await _remind(update, context, not off)


async def _remind(update: Update, context: ContextTypes.DEFAULT_TYPE, on: bool) -> None:
    if is_group(update):
        await answer(update, context, rt.REMIND_GROUP)
        return
    await services(context).council.set_remind(update.effective_user.id, on)
    await answer(update, context, rt.REMIND_ON if on else rt.REMIND_OFF)


async def on_private_words(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """我的 · 提醒我 · 不用提醒, typed in the private chat."""
    word = PRIVATE_TRIGGER.match(update.effective_message.text or "").group(1)
    if word == "我的":
        await mine(update, context)
    else:
        await _remind(update, context, word == "提醒我")


async def private_seen(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Any private message: the person started the bot, so it may write to them later (privately answered
    reports, reminders)."""
    if update.effective_user is not None:
        await services(context).council.private_seen(update.effective_user.id)


# ------------------------------------------------------------------ a tap on a ballot in private


async def on_private_vote(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    svc, query = services(context), update.callback_query
    args = callback_args(update, 2)
    if args is None or query.message.chat.type != "private":
        await stale_button(update, context)
        return
    topic_id, option = map(int, args)
    voter = person(query.from_user)
    topic = await svc.council.topic(topic_id)
    if topic is None:
        await stale_button(update, context)
        return
    # The tap must be answered within 15 s: if the group's quota keeps Telegram's answer waiting, trust our
    # own record (residents who left are marked when Telegram tells the group).
    present = await membership(context).is_member(topic.chat_id, voter.id, wait=TAP_WAIT)
    if present is None:
        present = await svc.council.still_in_group(topic.chat_id, voter.id)
    if not present:
        await answer_tap(update, rt.NOT_A_MEMBER, alert=True)
        return
    try:
        result = await svc.council.cast_vote(topic.id, topic.chat_id, voter, option, "private")
    except CouncilError as error:
        await answer_tap(update, error.text, alert=True)
        return
    if not result.unchanged:
        svc.sender.ballot_changed(topic.id, topic.chat_id)  # committed: the group's tally must show it
    await answer_tap(update, ballot_texts.vote_toast(result.topic, option, result.before, result.after,
                                                     label_of(result.household) if result.household else None))
    text, keyboard = await svc.council.private_ballot_view(topic.id, voter.id)
    try:  # a private chat: no group quota, so the edit may go out from here, after the tap was answered
        await query.message.edit_text(text, reply_markup=markup(keyboard))
    except BadRequest as exc:
        if "not modified" not in str(exc).lower():
            log.info("private ballot of %s not updated: %s", voter.id, exc)
