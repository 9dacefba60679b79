"""Bot API methods that send, change or remove messages.

Each method takes the server's World and the already-typed parameters and returns the ``result`` of a
successful call, or raises ApiError with Telegram's own error text.
"""

from __future__ import annotations

import mimetypes
import time
from pathlib import PurePosixPath

from .errors import bad_request
from .html import HtmlError, parse_html
from .markdown import MarkdownError, parse_markdown, parse_markdown_v2
from .text import add_auto_entities, strip_text, utf16_len
from .validate import FileUpload
from .world import ChatState, StoredMessage, World

MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_BUTTONS = 100
MAX_FILE_BYTES = 50 * 1024 * 1024
BUTTON_ACTIONS = (
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)
CHAT_ACTIONS = {
    "typing",
    "upload_photo",
    "record_video",
    "upload_video",
    "record_voice",
    "upload_voice",
    "upload_document",
    "choose_sticker",
    "find_location",
    "record_video_note",
    "upload_video_note",
}
# The reactions a bot may set (ReactionTypeEmoji in Bot API 10.1).
REACTION_EMOJI = set(
    "❤ 👍 👎 🔥 🥰 👏 😁 🤔 🤯 😱 🤬 😢 🎉 🤩 🤮 💩 🙏 👌 🕊 🤡 🥱 🥴 😍 🐳 ❤‍🔥 🌚 🌭 "
    "💯 🤣 ⚡ 🍌 🏆 💔 🤨 😐 🍓 🍾 💋 🖕 😈 😴 😭 🤓 👻 👨‍💻 👀 🎃 🙈 😇 😨 🤝 ✍ "
    "🤗 🫡 🎅 🎄 ☃ 💅 🤪 🗿 🆒 💘 🙉 🦄 😘 💊 🙊 😎 👾 🤷‍♂ 🤷 🤷‍♀ 😡".split()
)


def parse_text(
    world: World, text: str, parse_mode: str | None, entities: list[dict] | None
) -> tuple[str, list[dict]]:
    """Apply the parse mode (or the explicit entities), trim, and add the entities Telegram detects."""
    mode = (parse_mode or "").lower()
    try:
        if mode == "html":
            text, entities = parse_html(text)
        elif mode == "markdownv2":
            text, entities = parse_markdown_v2(text)
        elif mode == "markdown":
            text, entities = parse_markdown(text)
        elif mode:
            raise bad_request("unsupported parse_mode")
    except (HtmlError, MarkdownError) as exc:
        raise bad_request(f"can't parse entities: {exc}") from None
    size = utf16_len(text)
    given = [
        e
        for e in entities or []
        if e["length"] > 0 and 0 <= e["offset"] and e["offset"] + e["length"] <= size
    ]
    text, given = strip_text(text, given)
    for entity in given:
        if entity["type"] == "text_mention" and entity["user"]["id"] in world.users:
            entity["user"] = world.user_dict(entity["user"]["id"])  # Telegram fills in the mentioned user
    return text, add_auto_entities(text, given)


def check_reply_markup(markup: dict | None) -> dict | None:
    """Validate a reply_markup; return the inline keyboard a message keeps (None for other kinds)."""
    if not markup:
        return None
    if "inline_keyboard" not in markup:
        return None  # reply keyboards, keyboard removal and force-reply are not part of the message
    rows = markup["inline_keyboard"]
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays')
    if sum(len(row) for row in rows) > MAX_BUTTONS:
        raise bad_request("reply markup is too long")
    for row in rows:
        for button in row:
            _check_button(button)
    rows = [row for row in rows if row]
    return {"inline_keyboard": rows} if rows else None


def _check_button(button: dict) -> None:
    if not isinstance(button, dict) or not isinstance(button.get("text"), str):
        raise bad_request('can\'t parse inline keyboard button: Field "text" must be of type String')
    if not button["text"].strip():
        raise bad_request("BUTTON_TEXT_INVALID")
    actions = [key for key in BUTTON_ACTIONS if key in button]
    if not actions:
        raise bad_request(
            "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
        )
    if len(actions) > 1:
        raise bad_request(
            f"can't parse inline keyboard button: exactly one of {', '.join(actions)} must be used"
        )
    if "callback_data" in button:
        data = button["callback_data"]
        if not isinstance(data, str) or not 1 <= len(data.encode("utf-8")) <= 64:
            raise bad_request("BUTTON_DATA_INVALID")
    if "url" in button:
        url = button["url"]
        if (
            not isinstance(url, str)
            or not url.lower().startswith(("http://", "https://", "tg://"))
            or " " in url
        ):
            raise bad_request("BUTTON_URL_INVALID")


def _reply_target(world: World, chat: ChatState, p: dict) -> int | None:
    reply = p.get("reply_parameters")
    if reply is None and "reply_to_message_id" in p:
        reply = {
            "message_id": p["reply_to_message_id"],
            "allow_sending_without_reply": p.get("allow_sending_without_reply", False),
        }
    if not reply:
        return None
    if reply.get("chat_id") not in (None, chat.id):
        raise bad_request("message to be replied not found")  # replies into other chats are not modelled
    if world.api_message(chat, reply.get("message_id")) is None:
        if reply.get("allow_sending_without_reply"):
            return None
        raise bad_request("message to be replied not found")
    return reply["message_id"]


def send_message(world: World, p: dict) -> dict:
    chat = world.api_chat(p["chat_id"])
    text, entities = parse_text(world, p["text"], p.get("parse_mode"), p.get("entities"))
    if not text:
        raise bad_request("message text is empty")
    if utf16_len(text) > MAX_TEXT:
        raise bad_request("message is too long")
    markup = check_reply_markup(p.get("reply_markup"))
    reply_to = _reply_target(world, chat, p)
    fields = {"text": text, "entities": entities or None, "reply_markup": markup}
    return world.render(chat, world.store(chat, world.bot_id, "bot", fields, reply_to))


def _edit_target(world: World, p: dict) -> tuple[ChatState, StoredMessage]:
    if "inline_message_id" in p:
        raise bad_request("MESSAGE_ID_INVALID")  # inline messages are not modelled
    if "chat_id" not in p or "message_id" not in p:
        raise bad_request("message identifier is not specified")
    chat = world.api_chat(p["chat_id"])
    stored = world.api_message(chat, p["message_id"])
    if stored is None:
        raise bad_request("message to edit not found")
    if stored.sender_id != world.bot_id or stored.kind != "bot":
        raise bad_request("message can't be edited")
    return chat, stored


def _apply_edit(world: World, chat: ChatState, stored: StoredMessage, changes: dict) -> dict:
    current = {key: stored.message.get(key) for key in changes}
    if current == changes:
        raise bad_request(
            "message is not modified: specified new message content and reply markup are exactly "
            "the same as a current content and reply markup of the message"
        )
    for key, value in changes.items():
        if value is None:
            stored.message.pop(key, None)
        else:
            stored.message[key] = value
    stored.message["edit_date"] = int(time.time())
    stored.edits += 1
    return world.render(chat, stored)


def edit_message_text(world: World, p: dict) -> dict:
    chat, stored = _edit_target(world, p)
    if "text" not in stored.message:
        raise bad_request("there is no text in the message to edit")
    text, entities = parse_text(world, p.get("text", ""), p.get("parse_mode"), p.get("entities"))
    if not text:
        raise bad_request("message text is empty")
    if utf16_len(text) > MAX_TEXT:
        raise bad_request("message is too long")
    # As in Telegram, leaving out reply_markup removes the inline keyboard.
    changes = {
        "text": text,
        "entities": entities or None,
        "reply_markup": check_reply_markup(p.get("reply_markup")),
    }
    return _apply_edit(world, chat, stored, changes)


def edit_message_reply_markup(world: World, p: dict) -> dict:
    chat, stored = _edit_target(world, p)
    return _apply_edit(world, chat, stored, {"reply_markup": check_reply_markup(p.get("reply_markup"))})


def delete_message(world: World, p: dict) -> bool:
    chat = world.api_chat(p["chat_id"])
    stored = world.api_message(chat, p["message_id"])
    if stored is None:
        raise bad_request("message to delete not found")
    own = stored.sender_id == world.bot_id
    if chat.is_group and not own and chat.bot_status != "administrator":
        raise bad_request("message can't be deleted")
    stored.deleted = True
    if p["message_id"] in chat.pinned:
        chat.pinned.remove(p["message_id"])
    return True


def send_document(world: World, p: dict) -> dict:
    chat = world.api_chat(p["chat_id"])
    document = _document(world, p["document"])
    caption, entities = parse_text(
        world, p.get("caption", ""), p.get("parse_mode"), p.get("caption_entities")
    )
    if utf16_len(caption) > MAX_CAPTION:
        raise bad_request("message caption is too long")
    markup = check_reply_markup(p.get("reply_markup"))
    reply_to = _reply_target(world, chat, p)
    public = {
        k: v
        for k, v in document.items()
        if k in ("file_name", "mime_type", "file_id", "file_unique_id", "file_size") and v is not None
    }
    fields = {
        "document": public,
        "caption": caption or None,
        "caption_entities": entities or None,
        "reply_markup": markup,
    }
    stored = world.store(chat, world.bot_id, "bot", fields, reply_to)
    world.documents.append(
        {
            "chat_id": chat.id,
            "message_id": stored.message["message_id"],
            "filename": document.get("file_name"),
            "bytes": document["bytes"],
            "caption": caption or None,
            "mime_type": document.get("mime_type"),
            "file_id": document["file_id"],
        }
    )
    return world.render(chat, stored)


def _document(world: World, value: FileUpload | str) -> dict:
    if isinstance(value, FileUpload):
        if not value.data:
            raise bad_request("file must be non-empty")
        if len(value.data) > MAX_FILE_BYTES:
            raise bad_request("file is too big")
        name = value.filename or "document"
        mime = mimetypes.guess_type(name)[0] or value.content_type or "application/octet-stream"
        file_id, unique_id = world.new_file_ids()
        world.files[file_id] = {
            "file_id": file_id,
            "file_unique_id": unique_id,
            "file_name": name,
            "mime_type": mime,
            "file_size": len(value.data),
            "bytes": value.data,
        }
        return world.files[file_id]
    if value in world.files:
        return world.files[value]
    if value.lower().startswith(("http://", "https://")):
        # Telegram would download it; the stand-in keeps only the name.
        file_id, unique_id = world.new_file_ids()
        name = PurePosixPath(value.split("?")[0]).name or "document"
        world.files[file_id] = {
            "file_id": file_id,
            "file_unique_id": unique_id,
            "file_name": name,
            "mime_type": mimetypes.guess_type(name)[0],
            "file_size": None,
            "bytes": None,
        }
        return world.files[file_id]
    raise bad_request("wrong file identifier/HTTP URL specified")


def set_message_reaction(world: World, p: dict) -> bool:
    chat = world.api_chat(p["chat_id"])
    stored = world.api_message(chat, p["message_id"])
    if stored is None:
        raise bad_request("message to react not found")
    reactions = p.get("reaction") or []
    for reaction in reactions:
        if reaction.get("type") != "emoji" or reaction.get("emoji") not in REACTION_EMOJI:
            raise bad_request("REACTION_INVALID")
    if len(reactions) > 1:
        raise bad_request("REACTIONS_TOO_MANY")
    stored.reactions = [dict(r) for r in reactions]
    return True


def send_chat_action(world: World, p: dict) -> bool:
    world.api_chat(p["chat_id"])
    if p["action"] not in CHAT_ACTIONS:
        raise bad_request("wrong parameter action in request")
    return True


METHODS = {
    "sendMessage": send_message,
    "editMessageText": edit_message_text,
    "editMessageReplyMarkup": edit_message_reply_markup,
    "deleteMessage": delete_message,
    "sendDocument": send_document,
    "setMessageReaction": set_message_reaction,
    "sendChatAction": send_chat_action,
}
