"""The facilitator's wizard in private chat: /new (or 新议题) asks step by step — group, title, background and the
topic's rules — shows a preview of the 【议题】 card and, on 「确认发布」, opens the topic in the group.

A PTB ConversationHandler keeps where each facilitator is (per user and chat: the private chat). The draft lives
in user_data only; nothing is written to the database before 「确认发布」, so /cancel, 取消 or the half-hour
timeout leave nothing behind. Every answer — a tap or typed words — is read by council.wizard; a tap carries the
very words a button shows, so forged callback data is only an odd answer and is refused as one. Whether the user
is a facilitator of the chosen group is checked when it is picked and again on 「确认发布」.
"""

from __future__ import annotations

from html import escape

from telegram import Update
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    ConversationHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from council import texts
from council import wizard_texts as wt
from council.models import State, Topic
from council.private import PrivateDesk
from council.results import CouncilError
from council.wizard import STEPS, Draft, WizardError, apply, next_step
from handlers.common import answer, answer_tap, is_group, person, services
from handlers.conversation import PRIVATE, TYPED, private_conversation
from handlers.deadlines import refresh_members

KEY = "wizard"  # user_data[KEY]: {"draft": Draft | None, "step": str}
PICK_GROUP, CONFIRM = "group", "confirm"


def conversation() -> ConversationHandler:
    states = {
        PICK_GROUP: [CallbackQueryHandler(on_group, pattern=r"^wz:group:"), MessageHandler(TYPED, use_buttons)],
        CONFIRM: [CallbackQueryHandler(on_confirm, pattern=r"^wz:confirm:"), MessageHandler(TYPED, use_buttons)],
        ConversationHandler.TIMEOUT: [TypeHandler(Update, on_timeout)],
    }
    for step in STEPS:
        states[step] = [CallbackQueryHandler(on_answer, pattern=rf"^wz:{step}:"), MessageHandler(TYPED, on_answer)]
    entry_points = [
        CommandHandler("new", start, filters=PRIVATE),
        CommandHandler("start", start, filters=PRIVATE & filters.Regex(r"^/start new$")),
        MessageHandler(PRIVATE & filters.Regex(r"^\s*新议题\s*$"), start),
    ]
    return private_conversation("wizard", entry_points, states, cancel)


async def in_group(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/new in a group: the wizard runs in private chat. A facilitator gets a button to it, and this group is
    remembered as theirs, so the wizard offers it."""
    if not is_group(update):
        return
    svc, chat, user = services(context), update.effective_chat, update.effective_user
    if user is None or not await svc.chats.is_facilitator(chat.id, user.id):
        await answer(update, context, texts.Err.NOT_FACILITATOR)
        return
    await svc.council.chat_seen(chat.id, chat.type, chat.title or "")
    await PrivateDesk(svc.council).seen(chat.id, person(user))
    await svc.council.reply(chat.id, wt.PRIVATE_ONLY, update.effective_message.message_id,
                            [[("私聊发起新议题", "start:new")]])


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | int:
    svc, user = services(context), update.effective_user
    context.user_data.pop(KEY, None)
    desk = PrivateDesk(svc.council)
    groups = [(chat_id, title) for chat_id, title in
              await desk.groups(user.id, everywhere=user.id in svc.config.roles.facilitators)
              if await svc.chats.is_facilitator(chat_id, user.id)]
    if not groups:
        await answer(update, context, wt.NO_GROUPS)
        return ConversationHandler.END
    context.user_data[KEY] = {"draft": None, "step": PICK_GROUP}
    keyboard = [[(wt.pick_group_label(title), f"wz:group:{chat_id}")] for chat_id, title in groups[:20]]
    await svc.council.reply(update.effective_chat.id, wt.START_PICK_GROUP, keyboard=keyboard)
    return PICK_GROUP


async def on_group(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | int:
    """wz:group:<chat id> — checked again: the data may be forged, and rights may have changed."""
    svc, query = services(context), update.callback_query
    state = context.user_data.get(KEY)
    raw = query.data.removeprefix("wz:group:")
    chat_id = int(raw) if raw.lstrip("-").isdigit() else None
    title = await _facilitated_group(context, chat_id, query.from_user.id)
    if state is None or title is None:
        await answer_tap(update, wt.NOT_FACILITATOR_THERE, alert=True)
        return PICK_GROUP
    await answer_tap(update, wt.picked_toast(title))
    svc.sender.edit(query.message.chat.id, query.message.message_id, wt.answered(wt.START_PICK_GROUP, title))
    draft = Draft(chat_id=chat_id, chat_title=title, settings=svc.config.council.topic_settings())
    return await _ask(update, context, draft, "title")


async def on_answer(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | int:
    svc, query = services(context), update.callback_query
    state = context.user_data.get(KEY)
    if state is None or state["draft"] is None:
        return ConversationHandler.END
    step, draft = state["step"], state["draft"]
    text = query.data.split(":", 2)[2] if query else update.effective_message.text
    try:
        draft = apply(draft, step, text)
    except WizardError as error:
        if query:
            await answer_tap(update, error.text, alert=True)
        else:
            await answer(update, context, error.text)
        return await _ask(update, context, draft, step)  # the same question again
    if query:
        await answer_tap(update, wt.answered_toast(text))
        svc.sender.edit(query.message.chat.id, query.message.message_id, wt.answered(wt.QUESTIONS[step], text))
    following = next_step(draft, step)
    if following is None:
        return await _preview(update, context, draft)
    return await _ask(update, context, draft, following)


async def on_confirm(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | int:
    svc, query = services(context), update.callback_query
    state = context.user_data.get(KEY)
    if query.data != "wz:confirm:yes":
        await answer_tap(update, wt.CANCELLED_TOAST)
        return await cancel(update, context)
    if state is None or state["draft"] is None:
        await answer_tap(update, texts.Err.STALE_BUTTON, alert=True)
        return ConversationHandler.END
    draft: Draft = state["draft"]
    svc.chats.forget(draft.chat_id)  # ask Telegram afresh: the administrators may have changed since the pick
    if await _facilitated_group(context, draft.chat_id, query.from_user.id) is None:
        await answer_tap(update, wt.NOT_FACILITATOR_THERE, alert=True)
        context.user_data.pop(KEY, None)
        return ConversationHandler.END
    context.user_data.pop(KEY, None)  # a second tap on 「确认发布」 finds nothing to publish
    try:
        topic = await svc.council.open_topic(draft.chat_id, person(query.from_user), draft.text, None,
                                             settings=draft.settings)
    except CouncilError as error:
        await answer_tap(update, error.text, alert=True)
        return ConversationHandler.END
    svc.deadlines.schedule(topic)
    await answer_tap(update, wt.PUBLISHED_TOAST)
    svc.sender.edit(query.message.chat.id, query.message.message_id,
                    wt.PUBLISHED.format(group=escape(draft.chat_title), topic=texts.topic_name(topic)))
    await refresh_members(svc.chats, svc.council, draft.chat_id)
    return ConversationHandler.END


async def use_buttons(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await answer(update, context, wt.USE_BUTTONS)
    return None  # stay at this step


async def cancel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    context.user_data.pop(KEY, None)
    await services(context).council.reply(update.effective_chat.id, wt.CANCELLED)
    return ConversationHandler.END


async def on_timeout(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    context.user_data.pop(KEY, None)
    if update.effective_chat is not None:
        await services(context).council.reply(update.effective_chat.id, wt.TIMED_OUT)


async def _facilitated_group(context: ContextTypes.DEFAULT_TYPE, chat_id: int | None, user_id: int) -> str | None:
    """The title of that group if the bot is in it and this user is its facilitator; None otherwise."""
    if chat_id is None:
        return None
    svc = services(context)
    groups = await PrivateDesk(svc.council).groups(user_id, everywhere=True)
    title = next((title for group_id, title in groups if group_id == chat_id), None)
    if title is None or not await svc.chats.is_facilitator(chat_id, user_id):
        return None
    return title


async def _ask(update: Update, context: ContextTypes.DEFAULT_TYPE, draft: Draft, step: str) -> str:
    context.user_data[KEY] = {"draft": draft, "step": step}
    keyboard = [[(label, f"wz:{step}:{label}") for label in row] for row in wt.BUTTONS.get(step, [])]
    await services(context).council.reply(update.effective_chat.id, wt.QUESTIONS[step], keyboard=keyboard or None)
    return step


async def _preview(update: Update, context: ContextTypes.DEFAULT_TYPE, draft: Draft) -> str:
    svc = services(context)
    context.user_data[KEY] = {"draft": draft, "step": CONFIRM}
    now, s = svc.council.clock(), draft.settings
    sample = Topic(id=0, chat_id=draft.chat_id, number=0, title=draft.title, background=draft.background,
                   state=State.COLLECTING, method=s.method, quorum=s.quorum, opened_by=0, opened_at=now,
                   collect_deadline=now + s.collect_for, vote_deadline=now + s.collect_for + s.vote_for,
                   one_vote_per=s.one_vote_per, threshold=s.threshold, ballot=s.ballot, results=s.results,
                   anonymous=s.anonymous)
    card = texts.topic_card(sample, update.effective_user.full_name, svc.council.tz)
    await svc.council.reply(update.effective_chat.id, wt.preview(draft.chat_title, card, s),
                            keyboard=wt.CONFIRM_BUTTONS)
    return CONFIRM
