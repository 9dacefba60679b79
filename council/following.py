"""Use cases of the follow-up (执行监督, step 5): record action items of a resolution, update their status, remind
the group when they are due or overdue, and review (复盘) whether a measure worked.

Part of the Council service (council/service.py mixes it in); same rules: one transaction per change, and the
posts it owes the group are written to the outbox in that same transaction. `follow_up_due` is a catch-up like
those of council/summaries.py: what is due and not done is posted and marked done together, so jobs may call it
as often as they like, and what fell due while the bot was down is posted once.
"""

from __future__ import annotations

import logging
import re
from datetime import datetime

from council import action_texts, report_texts
from council.action_texts import ActionErr
from council.actions import (
    ActionItem,
    ItemProblem,
    ItemStatus,
    ItemUpdate,
    Mention,
    Review,
    day_start,
    due_moment,
    parse_due,
    parse_item,
    reminder_stages,
    review_key,
)
from council.models import Person, Post, State, Topic
from council.results import CouncilError
from council.schedule import Cron

log = logging.getLogger(__name__)
MAX_ITEM_CHARS = 200
_PROBLEMS = {"no_text": ActionErr.NO_TEXT, "no_owner": ActionErr.NO_OWNER, "no_due": ActionErr.NO_DUE,
             "bad_due": ActionErr.BAD_DUE}


class Following:
    def _today(self):
        return datetime.fromtimestamp(self.clock(), self.tz).date()

    async def _closed_topic(self, repo, chat_id: int, number: int | None, reply_to: int | None) -> Topic:
        """The topic a follow-up command means: by number, by the message replied to, or the latest closed one."""
        topic = None
        if number is not None:
            topic = await repo.topic_by_number(chat_id, number)
            if topic is None:
                raise CouncilError(report_texts.export_no_such_topic(number))
        elif reply_to is not None:
            topic = await repo.topic_by_message(chat_id, reply_to)
        if topic is None:
            latest = await repo.latest_closed_topic_id(chat_id)
            if latest is None:
                raise CouncilError(ActionErr.NO_CLOSED_TOPIC)
            topic = await repo.topic(latest)
        if topic.state is State.CANCELLED:
            raise CouncilError(ActionErr.TOPIC_CANCELLED)
        if topic.state is not State.CLOSED:
            raise CouncilError(ActionErr.topic_still_open(topic))
        return topic

    # ------------------------------------------------------------------ recording an item

    async def add_action(self, chat_id: int, actor: Person, text: str, mentions: tuple[Mention, ...] = (),
                         reply_to: int | None = None, message_id: int | None = None) -> ActionItem:
        """A facilitator records an action item of a closed topic (any outcome: even a vote that did not pass
        may leave work to follow up, such as 物业先出方案). Whether the actor is a facilitator is the caller's
        business."""
        now = self.clock()
        try:
            draft = parse_item(text, self._today(), mentions)
        except ItemProblem as problem:
            raise CouncilError(_PROBLEMS[problem.kind]) from None
        if len(draft.text) > MAX_ITEM_CHARS:
            raise CouncilError(ActionErr.TOO_LONG)
        due_at = due_moment(draft.due_on, draft.due_time, self.tz)
        if due_at <= now:
            raise CouncilError(ActionErr.PAST_DUE)
        async with self.db.transaction() as repo:
            if message_id is not None:
                existing = await repo.item_by_source(chat_id, message_id)
                if existing is not None:
                    return existing  # the same update delivered twice
            topic = await self._closed_topic(repo, chat_id, draft.topic_number, reply_to)
            item = ActionItem(
                id=0, chat_id=chat_id, topic_id=topic.id, number=0, text=draft.text, owner=draft.owner,
                due_on=draft.due_on, due_at=due_at, status=ItemStatus.TODO, created_by=actor.id, created_at=now,
                updated_at=now, topic_number=topic.number, topic_title=topic.title,
            )
            item = await repo.insert_item(item, message_id)
            await repo.enqueue(Post(chat_id, action_texts.item_added(item, topic, actor.name, self.tz),
                                    keyboard=action_texts.item_keyboard(item), purpose="action", topic_id=topic.id),
                               now)
            await repo.audit(chat_id, topic.id, actor.id, "action_add", f"事项{item.number}", now)
        self.on_post()
        return item

    # ------------------------------------------------------------------ updating one

    async def action_item(self, chat_id: int, number: int | None = None, item_id: int | None = None) -> ActionItem:
        async with self.db.transaction() as repo:
            item = await repo.item(item_id) if item_id is not None else await repo.item_by_number(chat_id, number)
        if item is None or item.chat_id != chat_id:
            raise CouncilError(ActionErr.no_such_item(number) if number is not None else ActionErr.NOT_HERE)
        return item

    async def set_action_status(self, item_id: int, chat_id: int, status: ItemStatus, actor: Person,
                                username: str | None, facilitator: bool, note: str = "") -> ActionItem:
        """The item's owner (when a person) or a facilitator moves it on; the group sees 【执行监督】."""
        now = self.clock()
        async with self.db.transaction() as repo:
            item = await repo.item(item_id)
            if item is None or item.chat_id != chat_id:
                raise CouncilError(ActionErr.NOT_HERE)
            if not facilitator and not item.owned_by(actor.id, username):
                raise CouncilError(ActionErr.NOT_ALLOWED)
            if item.status is status:
                raise CouncilError(ActionErr.ALREADY)
            update = ItemUpdate(item.id, actor.id, actor.name, item.status, status, note.strip()[:MAX_ITEM_CHARS], now)
            await repo.set_item_status(item, update)
            await repo.enqueue(Post(chat_id, action_texts.item_changed(item, update, self.tz),
                                    keyboard=action_texts.item_keyboard(item), purpose="action",
                                    topic_id=item.topic_id), now)
            await repo.audit(chat_id, item.topic_id, actor.id, "action_status",
                             f"事项{item.number} {update.from_status}->{status}", now)
        self.on_post()
        return item

    async def action_history(self, item_id: int) -> list[ItemUpdate]:
        async with self.db.transaction() as repo:
            return await repo.item_history(item_id)

    # ------------------------------------------------------------------ reading

    async def action_list(self, chat_id: int, topic_number: int | None) -> str:
        async with self.db.transaction() as repo:
            topic = None
            if topic_number is not None:
                topic = await repo.topic_by_number(chat_id, topic_number)
                if topic is None:
                    raise CouncilError(report_texts.export_no_such_topic(topic_number))
                items = await repo.items_of_topic(topic.id)
            else:
                items = await repo.items_of_chat(chat_id)
        return action_texts.item_list(items, self.clock(), self.tz, topic)

    async def tracking_text(self, repo, chat_id: int) -> str:
        """进度's lines about closed topics whose items are still open (执行监督中); empty when there are none."""
        return action_texts.tracking(await repo.tracking(chat_id, self.clock()))

    # ------------------------------------------------------------------ 复盘

    async def set_review(self, chat_id: int, actor: Person, text: str, reply_to: int | None = None) -> Review:
        """A facilitator sets the day the group is asked whether the measure worked."""
        now = self.clock()
        number, when = _topic_and_rest(text)
        try:
            due = parse_due(when, self._today()) if when else None
        except ItemProblem:
            due = None
        if due is None:
            raise CouncilError(ActionErr.REVIEW_USAGE)
        if due.day <= self._today():
            raise CouncilError(ActionErr.REVIEW_PAST)
        async with self.db.transaction() as repo:
            topic = await self._closed_topic(repo, chat_id, number, reply_to)
            review = Review(topic.id, chat_id, due.day, actor.id)
            await repo.set_review(review, day_start(due.day, self.tz), now)
            await repo.enqueue(Post(chat_id, action_texts.review_set(topic, due.day, self._today()), purpose="notice",
                                    topic_id=topic.id), now)
            await repo.audit(chat_id, topic.id, actor.id, "review_set", due.day.isoformat(), now)
        self.on_post()
        return review

    async def answer_review(self, topic_id: int, chat_id: int, resident: Person, answer: int) -> bool:
        """A resident's answer (each resident's latest counts once). Returns False when it did not change."""
        async with self.db.transaction() as repo:
            review = await repo.review(topic_id)
            if review is None or review.chat_id != chat_id or review.asked_at is None or answer not in (1, 2, 3):
                raise CouncilError(ActionErr.NOT_HERE)
            previous = await repo.answer_review(topic_id, resident.id, answer, self.clock())
        return previous != answer

    async def review_view(self, topic_id: int) -> tuple[int, int, str, list] | None:
        """(chat, message, text, buttons) of the topic's review question as it should read now."""
        async with self.db.transaction() as repo:
            review = await repo.review(topic_id)
            message_id = await repo.review_message_id(topic_id)
            if review is None or message_id is None:
                return None
            topic = await repo.topic(topic_id)
            text = action_texts.review_question(topic, await repo.items_of_topic(topic_id),
                                                await repo.review_counts(topic_id))
        return review.chat_id, message_id, text, action_texts.review_keyboard(topic_id)

    # ------------------------------------------------------------------ on schedule

    async def follow_up_due(self, cron: Cron) -> int:
        """Post what has come due: 【执行监督】 reminders of items due today or overdue (one post per group), and
        review questions. A reminder is due at the first `cron` fire after its moment (its due day, the moment
        it became overdue, then every week while open), never in quiet hours; the latest stage only is posted
        when several were missed. Returns how many posts were written."""
        now = self.clock()
        if self.quiet is not None and self.quiet.contains(now):
            return 0  # the end of quiet hours calls again
        posted = 0
        async with self.db.transaction() as repo:
            by_chat: dict[int, list[tuple[ActionItem, int | None]]] = {}
            for item in await repo.open_items_due(now, ahead=86400):
                stages = [(key, at) for key, at in reminder_stages(item, self.tz, now)
                          if _fire_after(cron, at) <= now and not await repo.marked(key)]
                if not stages:
                    continue
                for key, _ in stages:
                    await repo.mark(key, now)
                latest = stages[-1][0]
                days = None if latest.endswith(":due") else item.overdue_days(now, self.tz)
                by_chat.setdefault(item.chat_id, []).append((item, days))
            for chat_id, entries in by_chat.items():
                await repo.enqueue(Post(chat_id, action_texts.reminder(entries, self.tz),
                                        keyboard=action_texts.reminder_keyboard(entries), purpose="action"), now)
                posted += 1
            for review in await repo.reviews_due(now):
                if _fire_after(cron, day_start(review.review_on, self.tz)) > now:
                    continue
                await repo.review_asked(review.topic_id, now)
                if not await repo.mark(review_key(review), now):
                    continue
                topic = await repo.topic(review.topic_id)
                text = action_texts.review_question(topic, await repo.items_of_topic(topic.id),
                                                    await repo.review_counts(topic.id))
                await repo.enqueue(Post(review.chat_id, text, keyboard=action_texts.review_keyboard(topic.id),
                                        purpose="review", topic_id=topic.id), now)
                posted += 1
        if posted:
            self.on_post()
        return posted


def _fire_after(cron: Cron, moment: float) -> float:
    """The first fire of the schedule at or after `moment`."""
    fire = cron.next_after(moment - 0.001)
    return fire if fire is not None else float("inf")


def _topic_and_rest(text: str) -> tuple[int | None, str]:
    """复盘 [议题N | N] 日期."""
    match = re.match(r"^\s*(?:议题\s*(\d{1,4})|(\d{1,4})(?=\s))\s*", text)
    if match is None:
        return None, text.strip()
    return int(match.group(1) or match.group(2)), text[match.end():].strip()
