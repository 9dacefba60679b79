"""The background sender: everything the bot posts in groups goes out from here, never from an update handler.

Why: a handler that waits for a group's send quota (20 messages a minute) blocks every other update, and a 429
pauses every request of the bot. So handlers commit their change (and the post it owes, into the outbox) and
return at once; this task drains the outbox, paces each group below its quota, and keeps the 【投票】 tallies
current with at most one edit per ballot every few seconds — always ending on the latest state.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import defaultdict, deque
from collections.abc import Awaitable, Callable

from telegram import Bot, InputFile, Message, ReplyParameters
from telegram.error import BadRequest, ChatMigrated, Forbidden, NetworkError, RetryAfter, TelegramError

from council import ballot_texts, texts
from council.models import Post
from council.outbox import Outbox
from council.service import Council
from handlers.keyboards import markup

log = logging.getLogger(__name__)
GROUP_QUOTA = 19  # sends per rolling minute per group: one below Telegram's 20, so we never meet a 429
EDIT_INTERVAL = 5.0  # seconds between two edits of the same ballot
MAX_ATTEMPTS = 8
View = Callable[[], Awaitable[tuple[int, int, str, list | None] | None]]  # -> (chat, message, text, keyboard)


class Sender:
    def __init__(self, bot: Bot, council: Council, outbox: Outbox, *, group_quota: int = GROUP_QUOTA,
                 edit_interval: float = EDIT_INTERVAL):
        self.bot = bot
        self.council = council
        self.outbox = outbox
        self.group_quota = group_quota
        self.edit_interval = edit_interval
        self._wake = asyncio.Event()
        self._task: asyncio.Task | None = None
        self._sent: dict[int, deque[float]] = defaultdict(deque)  # chat -> send times in the last minute
        self._dirty_ballots: dict[int, int] = {}  # topic -> chat
        self._last_edit: dict[int, float] = {}  # topic -> time of the last edit
        self._vote_acks: dict[int, list[tuple[str, int]]] = defaultdict(list)  # chat -> (name, message id)
        self._edits: dict[tuple[int, int], tuple[str, list | None]] = {}  # (chat, message) -> (text, buttons)
        self._dirty_views: dict[str, tuple[int, View]] = {}  # key -> (chat, view): messages that follow the database
        self._retry_at: dict[int, float] = {}  # outbox id -> earliest retry
        self._paused_until = 0.0

    # ------------------------------------------------------------------ what handlers and jobs call

    def notify(self) -> None:
        """New posts are in the outbox."""
        self._wake.set()

    def ballot_changed(self, topic_id: int, chat_id: int) -> None:
        self._dirty_ballots[topic_id] = chat_id
        self._wake.set()

    def edit(self, chat_id: int, message_id: int, text: str, keyboard=None) -> None:
        """Replace a message's text; its buttons are removed unless `keyboard` gives new ones (a question that has
        been answered, or a picker that changed). Several edits of one message before it goes out: the last wins."""
        self._edits[(chat_id, message_id)] = (text, keyboard)
        self._wake.set()

    def view_changed(self, key: str, chat_id: int, view: View) -> None:
        """A message with buttons whose text follows the database (a review's answer counts) should be edited: at
        most once per edit interval per key, always ending on the latest state. `view()` reads it now."""
        self._dirty_views[key] = (chat_id, view)
        self._wake.set()

    def typed_vote(self, chat_id: int, name: str, message_id: int) -> None:
        self._vote_acks[chat_id].append((name, message_id))
        self._wake.set()

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="sender")

    async def stop(self) -> None:
        if self._task:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def drain(self, seconds: float = 5.0) -> None:
        """Send what can be sent now (used at shutdown)."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._pass(), seconds)

    # ------------------------------------------------------------------ the loop

    async def _run(self) -> None:
        while True:
            try:
                delay = await self._pass()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("sender pass failed")
                delay = 2.0
            self._wake.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=delay)

    async def _pass(self) -> float:
        """One round: at most one send per chat, all chats in parallel; repeat while work can go out now."""
        while True:
            now = time.monotonic()
            if now < self._paused_until:
                return self._paused_until - now
            jobs, next_time = await self._pick(now)
            if not jobs:
                return max(0.05, min(next_time - now, 5.0)) if next_time else 5.0
            await asyncio.gather(*jobs)

    async def _pick(self, now: float):
        """At most one send per chat for this round, in order of importance: posts from the outbox (in their
        order), typed-vote acknowledgements, settled questions, ballot tallies. Returns (sends, next wake-up)."""
        jobs, busy, next_time = [], set(), None

        def offer(chat_id: int, ready_at: float, make_job) -> None:
            nonlocal next_time
            if chat_id in busy:
                return
            if ready_at > now:
                next_time = ready_at if next_time is None else min(next_time, ready_at)
                return
            busy.add(chat_id)
            jobs.append(make_job())

        for post in await self.outbox.pending():
            ready = max(self._retry_at.get(post.id, 0.0), self._free_at(post.chat_id, now))
            offer(post.chat_id, ready, lambda post=post: self._send_post(post))
            busy.add(post.chat_id)  # a chat's later posts wait for its first one
        for chat_id in [c for c, acks in self._vote_acks.items() if acks]:
            offer(chat_id, self._free_at(chat_id, now), lambda c=chat_id: self._send_vote_acks(c))
        for chat_id, message_id in list(self._edits):
            offer(chat_id, self._free_at(chat_id, now), lambda c=chat_id, m=message_id: self._send_edit(c, m))
        for topic_id, chat_id in list(self._dirty_ballots.items()):
            ready = max(self._free_at(chat_id, now), self._last_edit.get(topic_id, 0.0) + self.edit_interval)
            offer(chat_id, ready, lambda t=topic_id: self._edit_ballot(t))
        for key, (chat_id, _) in list(self._dirty_views.items()):
            ready = max(self._free_at(chat_id, now), self._last_edit.get(key, 0.0) + self.edit_interval)
            offer(chat_id, ready, lambda k=key: self._edit_view(k))
        return jobs, next_time

    def _free_at(self, chat_id: int, now: float) -> float:
        """When this chat may take one more message without passing its quota."""
        if chat_id > 0:
            return now  # private chats: no group quota (AIORateLimiter keeps the overall 30/s)
        sent = self._sent[chat_id]
        while sent and now - sent[0] >= 60.0:
            sent.popleft()
        return now if len(sent) < self.group_quota else sent[0] + 60.0

    def _count(self, chat_id: int) -> None:
        if chat_id < 0:
            self._sent[chat_id].append(time.monotonic())

    # ------------------------------------------------------------------ the three kinds of sends

    async def _send_post(self, post: Post) -> None:
        reply = ReplyParameters(post.reply_to, allow_sending_without_reply=True) if post.reply_to else None
        try:
            if post.document is not None:
                self._count(post.chat_id)
                message = await self.bot.send_document(
                    post.chat_id, InputFile(post.document, filename=post.filename), caption=post.text or None,
                    reply_parameters=reply,
                )
            else:
                message = await self._send_text(post, reply)
        except TelegramError as exc:
            await self._failed(post, exc)
            return
        await self.outbox.sent(post, message.message_id)
        self._retry_at.pop(post.id, None)
        if post.purpose == "ballot" and post.topic_id is not None:
            self._last_edit[post.topic_id] = time.monotonic()
        if post.pin:
            await self._pin(post.chat_id, message.message_id)

    async def _send_text(self, post: Post, reply: ReplyParameters | None) -> Message:
        """One message, or several cut between lines when the text is over Telegram's 4096 characters (the
        buttons go with the last part; the post is known by its first)."""
        parts = texts.split_message(post.text)
        first = None
        for index, part in enumerate(parts):
            last = index == len(parts) - 1
            self._count(post.chat_id)
            keyboard = markup(post.keyboard, self.bot.username) if last else None
            message = await self.bot.send_message(post.chat_id, part, reply_markup=keyboard,
                                                  reply_parameters=reply if index == 0 else None)
            first = first or message
        return first

    async def _pin(self, chat_id: int, message_id: int) -> None:
        self._count(chat_id)
        try:
            await self.bot.pin_chat_message(chat_id, message_id)
        except TelegramError as exc:
            log.info("could not pin in %s: %s", chat_id, exc)  # /setup tells the facilitator how to allow it

    async def _edit_ballot(self, topic_id: int) -> None:
        chat_id = self._dirty_ballots.pop(topic_id)
        view = await self.council.ballot_view(topic_id)
        if view is None:
            self._dirty_ballots[topic_id] = chat_id  # the ballot is not posted yet: try again later
            self._last_edit[topic_id] = time.monotonic()
            return
        topic, text, keyboard = view
        self._count(topic.chat_id)
        self._last_edit[topic_id] = time.monotonic()
        try:
            await self.bot.edit_message_text(text, topic.chat_id, topic.ballot_message_id,
                                             reply_markup=markup(keyboard))
        except RetryAfter as exc:
            self._dirty_ballots[topic_id] = topic.chat_id
            self._pause(exc)
        except BadRequest as exc:
            if "not modified" not in str(exc).lower():
                log.warning("ballot edit of topic %s failed: %s", topic_id, exc)
        except (Forbidden, ChatMigrated) as exc:
            log.info("ballot edit of topic %s: %s", topic_id, exc)
        except NetworkError as exc:
            log.warning("ballot edit of topic %s failed, will retry: %s", topic_id, exc)
            self._dirty_ballots[topic_id] = topic.chat_id

    async def _edit_view(self, key: str) -> None:
        chat_id, view = self._dirty_views.pop(key)
        self._last_edit[key] = time.monotonic()
        shown = await view()
        if shown is None:
            return
        chat_id, message_id, text, keyboard = shown
        self._count(chat_id)
        try:
            await self.bot.edit_message_text(text, chat_id, message_id, reply_markup=markup(keyboard))
        except RetryAfter as exc:
            self._dirty_views.setdefault(key, (chat_id, view))
            self._pause(exc)
        except TelegramError as exc:
            if "not modified" not in str(exc).lower():
                log.info("edit of %s (%s/%s) not made: %s", key, chat_id, message_id, exc)

    async def _send_edit(self, chat_id: int, message_id: int) -> None:
        text, keyboard = self._edits.pop((chat_id, message_id))
        self._count(chat_id)
        try:
            await self.bot.edit_message_text(text, chat_id, message_id, reply_markup=markup(keyboard))
        except RetryAfter as exc:
            self._edits.setdefault((chat_id, message_id), (text, keyboard))
            self._pause(exc)
        except TelegramError as exc:
            log.info("edit of %s/%s not made: %s", chat_id, message_id, exc)

    async def _send_vote_acks(self, chat_id: int) -> None:
        acks = self._vote_acks.pop(chat_id)
        self._count(chat_id)
        names = list(dict.fromkeys(name for name, _ in acks))
        reply_to = acks[0][1] if len(acks) == 1 else None
        try:
            await self.bot.send_message(
                chat_id, ballot_texts.typed_votes_ack(names),
                reply_parameters=ReplyParameters(reply_to, allow_sending_without_reply=True) if reply_to else None,
            )
        except RetryAfter as exc:
            self._vote_acks[chat_id] = acks + self._vote_acks.get(chat_id, [])
            self._pause(exc)
        except TelegramError as exc:
            log.info("vote acknowledgement in %s not sent: %s", chat_id, exc)

    # ------------------------------------------------------------------ failures

    async def _failed(self, post: Post, exc: TelegramError) -> None:
        if isinstance(exc, RetryAfter):
            self._pause(exc)
            return
        if isinstance(exc, ChatMigrated):
            await self.council.chat_migrated(post.chat_id, exc.new_chat_id)  # moves unsent posts too
            return
        if isinstance(exc, Forbidden) and post.chat_id > 0:
            log.info("user %s blocked the bot: no more private messages to them", post.chat_id)
            await self.council.private_blocked(post.chat_id)  # reminders off, quietly
            return
        if isinstance(exc, Forbidden):
            log.info("bot can no longer post in %s: %s", post.chat_id, exc)
            await self.council.chat_left(post.chat_id)
            return
        permanent = isinstance(exc, BadRequest) or post.attempts + 1 >= MAX_ATTEMPTS
        log.warning("post %s to %s failed (%s): %s", post.id, post.chat_id, "gave up" if permanent else "retry", exc)
        await self.outbox.failed(post, f"{type(exc).__name__}: {exc}", dead=permanent)
        self._retry_at[post.id] = time.monotonic() + min(60.0, 2.0 ** (post.attempts + 1))

    def _pause(self, exc: RetryAfter) -> None:
        retry = exc.retry_after.total_seconds() if hasattr(exc.retry_after, "total_seconds") else exc.retry_after
        log.warning("Telegram asked us to wait %ss", retry)
        self._paused_until = time.monotonic() + float(retry)
