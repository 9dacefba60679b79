"""Who is a facilitator, and how many members a group has — cached, because every getChatAdministrators or
getChatMemberCount on a group counts against that group's 20-messages-a-minute quota."""

from __future__ import annotations

import logging
import time

from telegram import Bot, ChatMember, Message
from telegram.error import TelegramError

log = logging.getLogger(__name__)
ADMIN_TTL = 300.0  # seconds a group's administrator list is trusted


class ChatInfo:
    def __init__(self, bot: Bot, facilitators: frozenset[int], ttl: float = ADMIN_TTL):
        self.bot = bot
        self.facilitators = facilitators
        self.ttl = ttl
        self._admins: dict[int, tuple[float, dict[int, ChatMember]]] = {}
        self._members: dict[int, tuple[float, int]] = {}

    async def admins(self, chat_id: int) -> dict[int, ChatMember]:
        cached = self._admins.get(chat_id)
        if cached and time.monotonic() - cached[0] < self.ttl:
            return cached[1]
        admins = {member.user.id: member for member in await self.bot.get_chat_administrators(chat_id)}
        self._admins[chat_id] = (time.monotonic(), admins)
        return admins

    def forget(self, chat_id: int) -> None:
        """Rights changed (a my_chat_member or chat_member update): ask Telegram again next time."""
        self._admins.pop(chat_id, None)
        self._members.pop(chat_id, None)

    async def is_facilitator(self, chat_id: int, user_id: int, message: Message | None = None) -> bool:
        if user_id in self.facilitators:
            return True
        if message is not None and message.sender_chat is not None and message.sender_chat.id == chat_id:
            return True  # an anonymous administrator posts as the group itself
        try:
            return user_id in await self.admins(chat_id)
        except TelegramError as exc:
            log.warning("cannot read administrators of %s: %s", chat_id, exc)
            return False

    async def members(self, chat_id: int) -> int | None:
        """Group members other than this bot, for quorum and participation."""
        cached = self._members.get(chat_id)
        if cached and time.monotonic() - cached[0] < self.ttl:
            return cached[1]
        try:
            count = await self.bot.get_chat_member_count(chat_id) - 1
        except TelegramError as exc:
            log.warning("cannot read member count of %s: %s", chat_id, exc)
            return None
        self._members[chat_id] = (time.monotonic(), count)
        return count

    async def bot_rights(self, chat_id: int) -> tuple[bool, bool]:
        """(is administrator, can pin messages) for this bot in the chat."""
        member = await self.bot.get_chat_member(chat_id, self.bot.id)
        is_admin = member.status in (ChatMember.ADMINISTRATOR, ChatMember.OWNER)
        can_pin = member.status == ChatMember.OWNER or bool(getattr(member, "can_pin_messages", False))
        return is_admin, can_pin
