"""小结 (/summary) for everyone in a group, 简报 (/digest) for staff, 导出 (/export) for facilitators."""

from __future__ import annotations

from datetime import datetime

from telegram import Update
from telegram.ext import ContextTypes

from council import report_texts
from council.parsing import Intent, parse_day
from council.results import CouncilError
from council.texts import Err
from handlers.common import answer, is_group, services


async def summary(update: Update, context: ContextTypes.DEFAULT_TYPE, intent: Intent) -> None:
    if not is_group(update):
        await answer(update, context, Err.GROUP_ONLY)
        return
    try:
        await services(context).summaries.summary_now(update.effective_chat.id)
    except CouncilError as error:
        await answer(update, context, error.text)


async def digest(update: Update, context: ContextTypes.DEFAULT_TYPE, intent: Intent) -> None:
    """Staff ask for the digest of this week, or of the week containing a date (简报 2026-11-09)."""
    svc, chat, user = services(context), update.effective_chat, update.effective_user
    roles = svc.config.roles
    in_staff_chat = chat.id in roles.staff_chats
    if not in_staff_chat and (user is None or user.id not in roles.staff_users):
        await answer(update, context, report_texts.DIGEST_STAFF_ONLY)
        return
    if is_group(update) and not in_staff_chat:
        await answer(update, context, report_texts.DIGEST_WHERE)  # a council group is not the place for it
        return
    day = None
    if intent.text.strip():
        day = parse_day(intent.text, datetime.now(svc.config.tz).date())
        if day is None:
            await answer(update, context, report_texts.DIGEST_BAD_DATE)
            return
    await svc.reports.digest_for(chat.id, day)


async def export(update: Update, context: ContextTypes.DEFAULT_TYPE, intent: Intent) -> None:
    """A facilitator (or staff) gets one topic's proposals and counts as a CSV file in the group."""
    svc, chat, user, message = services(context), update.effective_chat, update.effective_user, update.effective_message
    if not is_group(update):
        await answer(update, context, Err.GROUP_ONLY)
        return
    user_id = user.id if user else 0
    if user_id not in svc.config.roles.staff_users and not await svc.chats.is_facilitator(chat.id, user_id, message):
        await answer(update, context, Err.NOT_FACILITATOR)
        return
    if intent.text:
        await answer(update, context, Err.EXPORT_USAGE)
        return
    try:
        await svc.reports.export(chat.id, intent.number, message.message_id)
    except CouncilError as error:
        await answer(update, context, error.text)
