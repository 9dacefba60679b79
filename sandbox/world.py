"""The state of the stand-in Telegram: users, chats, messages and the bot's queue of updates.

``World`` holds the data and answers the questions both sides ask: what a Chat, User or Message
looks like as JSON, whether the bot may write to a chat (and which error Telegram gives if not), and
which updates are waiting for getUpdates.
"""

from __future__ import annotations

import asyncio
import copy
import logging
import time
from dataclasses import dataclass, field
from typing import Any

from .errors import bad_request, forbidden

log = logging.getLogger(__name__)

# Update types delivered when allowed_updates is not set or empty (Telegram's default).
DEFAULT_EXCLUDED_UPDATES = {"chat_member", "message_reaction", "message_reaction_count"}
CONFLICT = "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"


@dataclass
class StoredMessage:
    message: dict  # the Telegram Message fields, without reply_to_message (rendered fresh)
    sender_id: int
    kind: str  # "user", "bot" or "service"
    reply_to: int | None = None
    edits: int = 0
    deleted: bool = False
    reactions: list = field(default_factory=list)


@dataclass
class ChatState:
    id: int
    type: str  # "private", "group" or "supergroup"
    title: str | None = None
    members: set[int] = field(default_factory=set)  # user ids, the bot not included
    admins: set[int] = field(default_factory=set)  # user ids, creator included
    creator: int | None = None
    bot_status: str = "left"  # "member", "administrator", "left" or "kicked"
    bot_can_pin: bool = False
    bot_joined: bool = False  # the bot has ever been in the chat (else it is "not found" for the bot)
    migrated_to: int | None = None
    messages: dict[int, StoredMessage] = field(default_factory=dict)
    pinned: list[int] = field(default_factory=list)
    next_message_id: int = 1  # supergroups number their messages themselves
    started: bool = False  # private chats: the user has written to the bot
    blocked: bool = False  # private chats: the user has blocked the bot

    @property
    def is_group(self) -> bool:
        return self.type in ("group", "supergroup")

    @property
    def bot_present(self) -> bool:
        return self.bot_status in ("member", "administrator")


@dataclass
class Poll:
    """One waiting getUpdates request."""

    event: asyncio.Event = field(default_factory=asyncio.Event)
    superseded: bool = False


class World:
    def __init__(
        self,
        *,
        token: str,
        bot_username: str,
        bot_first_name: str,
        can_read_all_group_messages: bool,
        callback_timeout: float,
    ):
        self.token = token
        self.bot_id = int(token.split(":", 1)[0])
        self.bot_username = bot_username
        self.bot_first_name = bot_first_name
        self.can_read_all_group_messages = can_read_all_group_messages
        self.callback_timeout = callback_timeout
        self.users: dict[int, dict] = {}
        self.chats: dict[int, ChatState] = {}
        self.updates: list[dict] = []  # delivered-but-unconfirmed and pending updates, in order
        self.allowed_updates: list[str] = []
        self.callbacks: dict[str, dict] = {}  # callback query id -> what was pressed and how it was answered
        self.files: dict[str, dict] = {}  # file_id -> stored file
        self.commands: dict[str, list[dict]] = {}
        self.documents: list[dict] = []
        self.calls: list[dict] = []  # every Bot API call: t, method, params, ok, error_code, description
        self.closing = False
        self._poll: Poll | None = None
        self._next_update_id = 700_000_000
        self._next_user_id = 5_000_000
        self._next_group = 0
        self._box_message_id = 0  # private chats and basic groups share one message numbering
        self._next_query = 0
        self._next_file = 0

    # --- JSON shapes -------------------------------------------------------------------------

    @property
    def bot_user(self) -> dict:
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": self.bot_first_name,
            "username": self.bot_username,
        }

    def me(self) -> dict:
        return {
            **self.bot_user,
            "can_join_groups": True,
            "can_read_all_group_messages": self.can_read_all_group_messages,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    def user_dict(self, user_id: int, *, with_language: bool = False) -> dict:
        if user_id == self.bot_id:
            return self.bot_user
        user = dict(self.users[user_id])
        if not with_language:
            user.pop("language_code", None)
        return user

    def chat_dict(self, chat: ChatState) -> dict:
        if chat.type == "private":
            user = self.users[chat.id]
            out = {"id": chat.id, "first_name": user["first_name"]}
            for key in ("last_name", "username"):
                if key in user:
                    out[key] = user[key]
            out["type"] = "private"
            return out
        return {"id": chat.id, "title": chat.title, "type": chat.type}

    def render(self, chat: ChatState, stored: StoredMessage, *, with_reply: bool = True) -> dict:
        """The Message object as Telegram returns it now (current text, markup and edit date)."""
        msg = copy.deepcopy(stored.message)
        if with_reply and stored.reply_to is not None:
            target = chat.messages.get(stored.reply_to)
            if target is not None and not target.deleted:
                msg["reply_to_message"] = self.render(chat, target, with_reply=False)
        return msg

    def observe(self, chat: ChatState, stored: StoredMessage) -> dict:
        return {**self.render(chat, stored), "_edits": stored.edits, "_deleted": stored.deleted}

    def member_dict(self, chat: ChatState, user_id: int) -> dict:
        """The ChatMember object for a user (or the bot) in a group."""
        user = self.user_dict(user_id)
        if user_id == self.bot_id:
            if chat.bot_status == "administrator":
                return self._admin_rights(chat, user, can_pin=chat.bot_can_pin)
            if chat.bot_status == "kicked":
                return {"user": user, "status": "kicked", "until_date": 0}
            return {"user": user, "status": chat.bot_status}
        if chat.type == "private":
            return {"user": user, "status": "member"}
        if user_id == chat.creator:
            return {"user": user, "status": "creator", "is_anonymous": False}
        if user_id in chat.admins:
            return self._admin_rights(chat, user, can_pin=True)
        return {"user": user, "status": "member" if user_id in chat.members else "left"}

    @staticmethod
    def _admin_rights(chat: ChatState, user: dict, *, can_pin: bool) -> dict:
        rights = {
            "user": user,
            "status": "administrator",
            "can_be_edited": False,
            "is_anonymous": False,
            "can_manage_chat": True,
            "can_delete_messages": True,
            "can_manage_video_chats": True,
            "can_restrict_members": True,
            "can_promote_members": False,
            "can_change_info": True,
            "can_invite_users": True,
            "can_post_stories": False,
            "can_edit_stories": False,
            "can_delete_stories": False,
            "can_pin_messages": can_pin,
        }
        if chat.type == "supergroup":
            rights["can_manage_topics"] = False
        return rights

    # --- lookups for the API side (raising Telegram's errors) -----------------------------------

    def api_chat(self, chat_id: Any, *, write: bool = True) -> ChatState:
        """The chat a Bot API call names, or the ApiError Telegram would answer with."""
        chat = self.chats.get(chat_id) if isinstance(chat_id, int) else None
        if chat is None and isinstance(chat_id, int) and chat_id in self.users:
            chat = self._private(chat_id)
        if chat is None or (chat.is_group and not chat.bot_joined):
            raise bad_request("chat not found")
        if chat.migrated_to is not None:
            raise bad_request(
                "group chat was upgraded to a supergroup chat", {"migrate_to_chat_id": chat.migrated_to}
            )
        if chat.type == "private":
            if chat.blocked:
                raise forbidden("bot was blocked by the user")
            if write and not chat.started:
                raise forbidden("bot can't initiate conversation with a user")
        elif chat.bot_status == "kicked":
            raise forbidden(f"bot was kicked from the {chat.type} chat")
        elif chat.bot_status == "left":
            raise forbidden(f"bot is not a member of the {chat.type} chat")
        return chat

    def _chat(self, chat_id: int) -> ChatState:
        """The chat a test names (a wrong id is a mistake in the test: ValueError)."""
        if chat_id not in self.chats:
            raise ValueError(f"unknown chat {chat_id}")
        return self.chats[chat_id]

    def api_message(self, chat: ChatState, message_id: Any) -> StoredMessage | None:
        stored = chat.messages.get(message_id)
        return None if stored is None or stored.deleted else stored

    # --- messages ------------------------------------------------------------------------------

    def _private(self, user_id: int) -> ChatState:
        if user_id not in self.chats:
            self.chats[user_id] = ChatState(id=user_id, type="private")
        return self.chats[user_id]

    def _message_id(self, chat: ChatState) -> int:
        if chat.type == "supergroup":
            chat.next_message_id += 1
            return chat.next_message_id - 1
        self._box_message_id += 1
        return self._box_message_id

    def store(
        self, chat: ChatState, sender_id: int, kind: str, fields: dict, reply_to: int | None = None
    ) -> StoredMessage:
        """Add a message to the chat's history (no update is queued)."""
        sender = self.user_dict(sender_id, with_language=kind == "user")
        message = {
            "message_id": self._message_id(chat),
            "from": sender,
            "chat": self.chat_dict(chat),
            "date": int(time.time()),
            **{k: v for k, v in fields.items() if v is not None},
        }
        stored = StoredMessage(message, sender_id, kind, reply_to)
        chat.messages[message["message_id"]] = stored
        return stored

    def service_message(self, chat: ChatState, sender_id: int, fields: dict) -> dict:
        """A service message (new members, migration, ...): stored; delivered if the bot is in the chat."""
        stored = self.store(chat, sender_id, "service", fields)
        rendered = self.render(chat, stored)
        if chat.bot_present and sender_id != self.bot_id:
            self.queue("message", rendered)
        return rendered

    def my_chat_member(self, chat: ChatState, by_user: int, old: dict, new: dict) -> None:
        self.queue(
            "my_chat_member",
            {
                "chat": self.chat_dict(chat),
                "from": self.user_dict(by_user),
                "date": int(time.time()),
                "old_chat_member": old,
                "new_chat_member": new,
            },
        )

    # --- updates ------------------------------------------------------------------------------

    def queue(self, kind: str, payload: dict) -> None:
        """Queue an update for getUpdates, unless allowed_updates (as last set) excludes its type."""
        if self.allowed_updates:
            wanted = kind in self.allowed_updates
        else:
            wanted = kind not in DEFAULT_EXCLUDED_UPDATES
        if not wanted:
            log.debug("update of type %s not queued: not in allowed_updates", kind)
            return
        self._next_update_id += 1
        self.updates.append({"update_id": self._next_update_id, kind: copy.deepcopy(payload)})
        log.debug("queued update %d (%s)", self._next_update_id, kind)
        if self._poll is not None:
            self._poll.event.set()

    def confirm(self, offset: int | None) -> None:
        """getUpdates' offset: forget updates below it; a negative offset keeps only the last -offset."""
        if offset is None or offset == 0:
            return
        if offset > 0:
            self.updates = [u for u in self.updates if u["update_id"] >= offset]
        else:
            self.updates = self.updates[offset:]

    def begin_poll(self) -> Poll:
        if self._poll is not None:
            self._poll.superseded = True
            self._poll.event.set()
        self._poll = Poll()
        return self._poll

    def end_poll(self, poll: Poll) -> None:
        if self._poll is poll:
            self._poll = None

    @property
    def polling(self) -> bool:
        """A getUpdates request is waiting now (the bot is connected)."""
        return self._poll is not None

    def wake_polls(self) -> None:
        if self._poll is not None:
            self._poll.event.set()

    # --- ids ----------------------------------------------------------------------------------

    def new_user_id(self) -> int:
        self._next_user_id += 1
        return self._next_user_id

    def new_group_id(self, supergroup: bool) -> int:
        self._next_group += 1
        return -(1_002_000_000_000 + self._next_group) if supergroup else -(1_000_000 + self._next_group)

    def new_query_id(self) -> str:
        self._next_query += 1
        return str(4_611_686_018_000_000_000 + self._next_query * 7919)

    def new_file_ids(self) -> tuple[str, str]:
        self._next_file += 1
        return f"BQACAgUAAxkBAAI{self._next_file:08d}sandbox", f"AgAD{self._next_file:06d}"

    @staticmethod
    def chat_instance(chat: ChatState) -> str:
        return str((abs(chat.id) * 2_654_435_761) % 10**19)
