"""Bot API methods about updates, chats, members, pins, callback answers and the command menu."""

from __future__ import annotations

import asyncio
import re
import time

from .errors import ApiError, bad_request
from .world import CONFLICT, World

MAX_CALLBACK_TEXT = 200
_COMMAND_NAME = re.compile(r"[a-z0-9_]{1,32}")


def get_me(world: World, p: dict) -> dict:
    return world.me()


async def get_updates(world: World, p: dict) -> list[dict]:
    limit = p.get("limit", 100)
    limit = limit if 1 <= limit <= 100 else 100
    timeout = max(0, p.get("timeout", 0))
    if "allowed_updates" in p:
        world.allowed_updates = list(p["allowed_updates"])
    world.confirm(p.get("offset"))
    poll = world.begin_poll()
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    try:
        while True:
            if poll.superseded:
                raise ApiError(409, CONFLICT)
            remaining = deadline - loop.time()
            if world.updates or remaining <= 0 or world.closing:
                return world.updates[:limit]
            poll.event.clear()
            try:
                await asyncio.wait_for(poll.event.wait(), remaining)
            except TimeoutError:
                pass
    finally:
        world.end_poll(poll)


def delete_webhook(world: World, p: dict) -> bool:
    if p.get("drop_pending_updates"):
        world.updates.clear()
    return True


def get_webhook_info(world: World, p: dict) -> dict:
    return {"url": "", "has_custom_certificate": False, "pending_update_count": len(world.updates)}


def log_out(world: World, p: dict) -> bool:
    return True


def answer_callback_query(world: World, p: dict) -> bool:
    text = p.get("text", "")
    if len(text) > MAX_CALLBACK_TEXT:
        raise bad_request("MESSAGE_TOO_LONG")
    query = world.callbacks.get(p["callback_query_id"])
    now = time.monotonic()
    if query is None or query["answer"] is not None or now - query["pressed_at"] > world.callback_timeout:
        raise bad_request("query is too old and response timeout expired or query ID is invalid")
    query["answer"] = {
        "text": text or None,
        "show_alert": p.get("show_alert", False),
        "url": p.get("url"),
        "cache_time": p.get("cache_time", 0),
        "answered_at": now,
        "pressed_at": query["pressed_at"],
    }
    return True


def _pin_rights(world: World, p: dict):
    chat = world.api_chat(p["chat_id"])
    if chat.is_group and not (chat.bot_status == "administrator" and chat.bot_can_pin):
        raise bad_request("not enough rights to manage pinned messages in the chat")
    return chat


def pin_chat_message(world: World, p: dict) -> bool:
    chat = _pin_rights(world, p)
    stored = world.api_message(chat, p["message_id"])
    if stored is None:
        raise bad_request("message to pin not found")
    if stored.kind == "service":
        raise bad_request("message can't be pinned")
    if p["message_id"] in chat.pinned:
        chat.pinned.remove(p["message_id"])
    chat.pinned.append(p["message_id"])
    # The "pinned a message" service message; it comes from the bot, so the bot gets no update for it.
    world.service_message(
        chat, world.bot_id, {"pinned_message": world.render(chat, stored, with_reply=False)}
    )
    return True


def unpin_chat_message(world: World, p: dict) -> bool:
    chat = _pin_rights(world, p)
    if "message_id" in p:
        if p["message_id"] in chat.pinned:
            chat.pinned.remove(p["message_id"])
    elif chat.pinned:
        chat.pinned.pop()
    return True


def unpin_all_chat_messages(world: World, p: dict) -> bool:
    _pin_rights(world, p).pinned.clear()
    return True


def get_chat(world: World, p: dict) -> dict:
    chat = world.api_chat(p["chat_id"], write=False)
    info = {
        **world.chat_dict(chat),
        "accent_color_id": 0,
        "max_reaction_count": 11,
        "accepted_gift_types": {
            "unlimited_gifts": False,
            "limited_gifts": False,
            "unique_gifts": False,
            "premium_subscription": False,
            "gifts_from_channels": False,
        },
    }
    if chat.is_group:
        info["permissions"] = {
            "can_send_messages": True,
            "can_send_audios": True,
            "can_send_documents": True,
            "can_send_photos": True,
            "can_send_videos": True,
            "can_send_video_notes": True,
            "can_send_voice_notes": True,
            "can_send_polls": True,
            "can_send_other_messages": True,
            "can_add_web_page_previews": True,
            "can_change_info": False,
            "can_invite_users": True,
            "can_pin_messages": False,
            "can_manage_topics": False,
        }
    for message_id in reversed(chat.pinned):
        stored = world.api_message(chat, message_id)
        if stored is not None:
            info["pinned_message"] = world.render(chat, stored)
            break
    return info


def get_chat_administrators(world: World, p: dict) -> list[dict]:
    chat = world.api_chat(p["chat_id"], write=False)
    if not chat.is_group:
        raise bad_request("there are no administrators in the private chat")
    ids = sorted(chat.admins, key=lambda uid: (uid != chat.creator, uid))
    if chat.bot_status == "administrator":
        ids.append(world.bot_id)
    return [world.member_dict(chat, uid) for uid in ids]


def get_chat_member(world: World, p: dict) -> dict:
    chat = world.api_chat(p["chat_id"], write=False)
    user_id = p["user_id"]
    if user_id != world.bot_id and user_id not in world.users:
        raise bad_request("user not found")
    if chat.type == "private" and user_id not in (chat.id, world.bot_id):
        raise bad_request("user not found")
    return world.member_dict(chat, user_id)


def get_chat_member_count(world: World, p: dict) -> int:
    chat = world.api_chat(p["chat_id"], write=False)
    if chat.type == "private":
        return 2
    return len(chat.members) + (1 if chat.bot_present else 0)


def leave_chat(world: World, p: dict) -> bool:
    chat = world.api_chat(p["chat_id"], write=False)
    if chat.type == "private":
        raise bad_request("chat member status can't be changed in private chats")
    old = world.member_dict(chat, world.bot_id)
    chat.bot_status, chat.bot_can_pin = "left", False
    world.my_chat_member(chat, world.bot_id, old, world.member_dict(chat, world.bot_id))
    return True


def _commands_key(world: World, p: dict) -> str:
    scope = p.get("scope") or {"type": "default"}
    kind = scope.get("type", "default")
    if kind in ("default", "all_private_chats", "all_group_chats", "all_chat_administrators"):
        key = kind
    else:
        chat = world.api_chat(scope.get("chat_id"), write=False)
        if kind == "chat":
            key = f"chat:{chat.id}"
        elif not chat.is_group:
            raise bad_request("can't change commands for administrators or members of a private chat")
        elif kind == "chat_administrators":
            key = f"chat_administrators:{chat.id}"
        else:
            if scope.get("user_id") not in chat.members:
                raise bad_request("user not found")
            key = f"chat_member:{chat.id}:{scope['user_id']}"
    language = p.get("language_code", "")
    if language and not re.fullmatch(r"[a-z]{2}", language):
        raise bad_request("invalid language code specified")
    return f"{key}|{language}" if language else key


def set_my_commands(world: World, p: dict) -> bool:
    commands = p["commands"]
    if len(commands) > 100:
        raise bad_request("BOT_COMMANDS_TOO_MUCH")
    for command in commands:
        if not _COMMAND_NAME.fullmatch(command.get("command", "")):
            raise bad_request("BOT_COMMAND_INVALID")
        if not 1 <= len(command.get("description", "")) <= 256:
            raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
    key = _commands_key(world, p)
    if commands:
        world.commands[key] = [{"command": c["command"], "description": c["description"]} for c in commands]
    else:
        world.commands.pop(key, None)
    return True


def get_my_commands(world: World, p: dict) -> list[dict]:
    return [dict(c) for c in world.commands.get(_commands_key(world, p), [])]


def delete_my_commands(world: World, p: dict) -> bool:
    world.commands.pop(_commands_key(world, p), None)
    return True


METHODS = {
    "getMe": get_me,
    "getUpdates": get_updates,
    "deleteWebhook": delete_webhook,
    "getWebhookInfo": get_webhook_info,
    "logOut": log_out,
    "close": log_out,
    "answerCallbackQuery": answer_callback_query,
    "pinChatMessage": pin_chat_message,
    "unpinChatMessage": unpin_chat_message,
    "unpinAllChatMessages": unpin_all_chat_messages,
    "getChat": get_chat,
    "getChatAdministrators": get_chat_administrators,
    "getChatMember": get_chat_member,
    "getChatMemberCount": get_chat_member_count,
    "leaveChat": leave_chat,
    "setMyCommands": set_my_commands,
    "getMyCommands": get_my_commands,
    "deleteMyCommands": delete_my_commands,
}
