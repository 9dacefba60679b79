"""The test side of the stand-in: setting up users and chats, and acting as users.

Every action that Telegram would report to the bot queues an Update shaped as Telegram shapes it.
Misuse by the test itself (unknown ids, users writing where they are not members) raises ValueError.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable
from urllib.parse import parse_qs, urlsplit

from .text import find_auto_entities, strip_text
from .world import ChatState, StoredMessage, World


class Scenario(World):
    # --- setting up the world -------------------------------------------------------------------

    def add_user(
        self,
        first_name: str,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = "zh-hans",
    ) -> dict:
        user_id = self.new_user_id()
        user: dict = {"id": user_id, "is_bot": False, "first_name": first_name}
        if last_name:
            user["last_name"] = last_name
        if username:
            user["username"] = username
        if language_code:
            user["language_code"] = language_code
        self.users[user_id] = user
        return self.user_dict(user_id)

    def create_group(
        self,
        title: str,
        members: Iterable[int] = (),
        admins: Iterable[int] = (),
        *,
        supergroup: bool = False,
        bot_admin: bool = False,
        bot_can_pin: bool = False,
        add_bot: bool = True,
    ) -> dict:
        members, admins = list(members), list(admins)
        for user_id in members + admins:
            self._user(user_id)
        creator = admins[0] if admins else (members[0] if members else None)
        chat = ChatState(
            id=self.new_group_id(supergroup),
            type="supergroup" if supergroup else "group",
            title=title,
            members=set(members) | set(admins),
            admins=set(admins) | ({creator} if creator is not None else set()),
            creator=creator,
        )
        self.chats[chat.id] = chat
        if add_bot:
            if creator is None:
                raise ValueError("a group needs at least one user to add the bot")
            # A basic group is created with the bot in it; a supergroup gets the bot added afterwards.
            service = {"new_chat_members": [self.bot_user]} if supergroup else {"group_chat_created": True}
            self._join_bot(chat, creator, bot_admin, bot_can_pin, service)
        return self.chat_dict(chat)

    def add_bot(
        self,
        chat_id: int,
        *,
        by_user_id: int | None = None,
        admin: bool = False,
        can_pin_messages: bool = False,
    ) -> None:
        """A member adds the bot to an existing group (again, after a kick, if need be)."""
        chat = self._group(chat_id)
        by_user_id = chat.creator if by_user_id is None else by_user_id
        if by_user_id not in chat.members:
            raise ValueError(f"user {by_user_id} is not a member of {chat_id}")
        if chat.bot_present:
            raise ValueError(f"the bot is already in {chat_id}")
        self._join_bot(chat, by_user_id, admin, can_pin_messages, {"new_chat_members": [self.bot_user]})

    def _join_bot(self, chat: ChatState, by_user_id: int, admin: bool, can_pin: bool, service: dict) -> None:
        """The bot enters a group: my_chat_member, then the service message, as Telegram sends them."""
        old = self.member_dict(chat, self.bot_id)
        chat.bot_joined = True
        chat.bot_status = "administrator" if admin else "member"
        chat.bot_can_pin = admin and can_pin
        self.my_chat_member(chat, by_user_id, old, self.member_dict(chat, self.bot_id))
        self.service_message(chat, by_user_id, service)

    def private_chat(self, user_id: int) -> dict:
        self._user(user_id)
        return self.chat_dict(self._private(user_id))

    def block_bot(self, user_id: int, blocked: bool = True) -> None:
        """The user blocks (or unblocks) the bot: sends to them then fail with 403 (blocked by the user)."""
        chat = self._private(self._user(user_id)["id"])
        was_blocked, chat.blocked = chat.blocked, blocked
        if chat.started and was_blocked != blocked:
            self.my_chat_member(
                chat, user_id, self._bot_in_private(was_blocked), self._bot_in_private(blocked)
            )

    def _bot_in_private(self, blocked: bool) -> dict:
        if blocked:
            return {"user": self.bot_user, "status": "kicked", "until_date": 0}
        return {"user": self.bot_user, "status": "member"}

    def add_member(self, chat_id: int, user_id: int) -> dict:
        chat, user = self._group(chat_id), self._user(user_id)
        if user_id in chat.members:
            raise ValueError(f"user {user_id} is already a member of {chat_id}")
        chat.members.add(user_id)
        return self.service_message(chat, user_id, {"new_chat_members": [self.user_dict(user["id"])]})

    def remove_member(self, chat_id: int, user_id: int) -> dict:
        chat = self._group(chat_id)
        if user_id not in chat.members or user_id == chat.creator:
            raise ValueError(f"user {user_id} is not a removable member of {chat_id}")
        chat.members.discard(user_id)
        chat.admins.discard(user_id)
        return self.service_message(chat, user_id, {"left_chat_member": self.user_dict(user_id)})

    def set_admin(self, chat_id: int, user_id: int, is_admin: bool = True) -> None:
        chat = self._group(chat_id)
        if user_id not in chat.members:
            raise ValueError(f"user {user_id} is not a member of {chat_id}")
        if user_id == chat.creator and not is_admin:
            raise ValueError("the creator of a group is always an administrator")
        (chat.admins.add if is_admin else chat.admins.discard)(user_id)

    def set_bot_rights(self, chat_id: int, *, admin: bool, can_pin_messages: bool = False) -> None:
        chat = self._group(chat_id)
        if not chat.bot_present:
            raise ValueError(f"the bot is not in {chat_id}")
        old = self.member_dict(chat, self.bot_id)
        chat.bot_status = "administrator" if admin else "member"
        chat.bot_can_pin = admin and can_pin_messages
        self.my_chat_member(chat, chat.creator, old, self.member_dict(chat, self.bot_id))

    def set_privacy(self, can_read_all_group_messages: bool) -> None:
        self.can_read_all_group_messages = can_read_all_group_messages

    def migrate_group(self, chat_id: int) -> int:
        old = self._group(chat_id)
        if old.type != "group":
            raise ValueError(f"{chat_id} is not a basic group")
        new = ChatState(
            id=self.new_group_id(True),
            type="supergroup",
            title=old.title,
            members=set(old.members),
            admins=set(old.admins),
            creator=old.creator,
            bot_status=old.bot_status,
            bot_can_pin=old.bot_can_pin,
            bot_joined=old.bot_joined,
        )
        self.chats[new.id] = new
        self.service_message(old, old.creator, {"migrate_to_chat_id": new.id})
        old.migrated_to = new.id
        self.service_message(new, old.creator, {"migrate_from_chat_id": old.id})
        return new.id

    def remove_bot(self, chat_id: int, kicked: bool = True) -> None:
        chat = self._group(chat_id)
        if not chat.bot_present:
            raise ValueError(f"the bot is not in {chat_id}")
        old = self.member_dict(chat, self.bot_id)
        chat.bot_status = "kicked" if kicked else "left"
        chat.bot_can_pin = False
        self.my_chat_member(chat, chat.creator, old, self.member_dict(chat, self.bot_id))

    # --- acting as a user -----------------------------------------------------------------------

    def send_message(
        self, chat_id: int, user_id: int, text: str, *, reply_to_message_id: int | None = None
    ) -> dict:
        user = self._user(user_id)
        chat = self.chats.get(chat_id)
        if chat is None:
            if chat_id != user_id:
                raise ValueError(f"unknown chat {chat_id}")
            chat = self._private(user_id)
        if chat.type == "private":
            if chat.id != user_id:
                raise ValueError(f"user {user_id} cannot write in the private chat of {chat.id}")
            chat.started, chat.blocked = True, False
        else:
            self._check_writer(chat, user_id)
        if reply_to_message_id is not None and self.api_message(chat, reply_to_message_id) is None:
            raise ValueError(f"no message {reply_to_message_id} in chat {chat_id}")
        text, _ = strip_text(text, [])
        if not text:
            raise ValueError("a message needs some text")
        entities = find_auto_entities(text)
        stored = self.store(
            chat,
            user["id"],
            "user",
            {"text": text, "entities": entities or None},
            reply_to=reply_to_message_id,
        )
        rendered = self.render(chat, stored)
        if self._bot_sees(chat, stored, entities):
            self.queue("message", rendered)
        return rendered

    def _bot_sees(self, chat: ChatState, stored: StoredMessage, entities: list[dict]) -> bool:
        """Privacy mode: what a bot that may not read all group messages gets."""
        if chat.type == "private" or self.can_read_all_group_messages or chat.bot_status == "administrator":
            return True
        text = stored.message["text"]
        for e in entities:
            word = text_slice(text, e)
            if e["type"] == "bot_command" and e["offset"] == 0:
                addressee = word.partition("@")[2]
                if not addressee or addressee.lower() == self.bot_username.lower():
                    return True
            if e["type"] == "mention" and word[1:].lower() == self.bot_username.lower():
                return True
        replied = chat.messages.get(stored.reply_to) if stored.reply_to is not None else None
        return replied is not None and replied.sender_id == self.bot_id

    def press_button(
        self, chat_id: int, message_id: int, user_id: int, *, text: str | None = None, data: str | None = None
    ) -> str:
        if text is None and data is None:
            raise ValueError("press_button needs the button's text or its callback data")
        chat, stored = self._bot_message(chat_id, message_id)
        markup = stored.message.get("reply_markup") or {}
        for row in markup.get("inline_keyboard", []):
            for button in row:
                if (text is None or button["text"] == text) and (
                    data is None or button.get("callback_data") == data
                ):
                    if "callback_data" not in button:
                        raise LookupError(f"button {button['text']!r} is not a callback button")
                    return self._callback(chat, stored, user_id, button["callback_data"])
        offered = [b["text"] for row in markup.get("inline_keyboard", []) for b in row]
        raise LookupError(
            f"message {message_id} in {chat_id} offers no button text={text!r} data={data!r}; "
            f"buttons: {offered}"
        )

    def open_link(self, user_id: int, url: str) -> dict:
        """The user taps a link to this bot (https://t.me/<bot>?start=<payload>, a deep link): Telegram opens the
        private chat, and the 「开始」 button there sends "/start <payload>" as the user's message."""
        parts = urlsplit(url)
        query = parse_qs(parts.query)
        if parts.netloc.lower() not in ("t.me", "telegram.me") or parts.path.strip("/").lower() != (
            self.bot_username.lower()
        ):
            raise ValueError(f"{url!r} is not a link to @{self.bot_username}")
        payload = query.get("start", [""])[0]
        if not re.fullmatch(r"[A-Za-z0-9_-]{0,64}", payload):
            raise ValueError(f"Telegram accepts start payloads of up to 64 characters A-Z a-z 0-9 _ - ({payload!r})")
        return self.send_message(user_id, user_id, f"/start {payload}" if payload else "/start")

    def link_buttons(self, chat_id: int, message_id: int) -> dict[str, str]:
        """The URL buttons of a bot message: label -> address."""
        _, stored = self._bot_message(chat_id, message_id)
        markup = stored.message.get("reply_markup") or {}
        return {b["text"]: b["url"] for row in markup.get("inline_keyboard", []) for b in row if "url" in b}

    def forge_callback(self, chat_id: int, message_id: int, user_id: int, data: str) -> str:
        chat, stored = self._bot_message(chat_id, message_id)
        return self._callback(chat, stored, user_id, data)

    def _callback(self, chat: ChatState, stored: StoredMessage, user_id: int, data: str) -> str:
        self._user(user_id)
        if chat.type == "private" and chat.id != user_id:
            raise ValueError(f"user {user_id} cannot see the private chat of {chat.id}")
        if chat.is_group:
            self._check_writer(chat, user_id)
        query_id = self.new_query_id()
        self.callbacks[query_id] = {
            "chat_id": chat.id,
            "message_id": stored.message["message_id"],
            "user_id": user_id,
            "data": data,
            "pressed_at": time.monotonic(),
            "answer": None,
        }
        self.queue(
            "callback_query",
            {
                "id": query_id,
                "from": self.user_dict(user_id, with_language=True),
                "message": self.render(chat, stored),
                "chat_instance": self.chat_instance(chat),
                "data": data,
            },
        )
        return query_id

    # --- helpers ----------------------------------------------------------------------------------

    def _user(self, user_id: int) -> dict:
        if user_id not in self.users:
            raise ValueError(f"unknown user {user_id}")
        return self.users[user_id]

    def _group(self, chat_id: int) -> ChatState:
        chat = self._chat(chat_id)
        if not chat.is_group:
            raise ValueError(f"{chat_id} is not a group")
        if chat.migrated_to is not None:
            raise ValueError(f"group {chat_id} was migrated to {chat.migrated_to}")
        return chat

    def _check_writer(self, chat: ChatState, user_id: int) -> None:
        if chat.migrated_to is not None:
            raise ValueError(f"group {chat.id} was migrated to {chat.migrated_to}")
        if user_id not in chat.members:
            raise ValueError(f"user {user_id} is not a member of {chat.id}")
        if not chat.bot_present:
            raise ValueError(f"the bot is not in {chat.id} (status {chat.bot_status})")

    def _bot_message(self, chat_id: int, message_id: int) -> tuple[ChatState, StoredMessage]:
        chat = self._chat(chat_id)
        stored = chat.messages.get(message_id)
        if stored is None or stored.deleted or stored.kind != "bot":
            raise LookupError(f"no message {message_id} from the bot in chat {chat_id}")
        return chat, stored


def text_slice(text: str, entity: dict) -> str:
    """The part of `text` an entity covers (offsets are in UTF-16 code units)."""
    encoded = text.encode("utf-16-le")
    return encoded[entity["offset"] * 2 : (entity["offset"] + entity["length"]) * 2].decode("utf-16-le")
