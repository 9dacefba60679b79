"""Domain keyboards (rows of (label, callback_data)) as Telegram inline keyboards.

Two prefixes make a link button instead of a callback button: "url:<address>" opens that address, and
"start:<payload>" opens the private chat with this bot at /start <payload> (a deep link). The council does not
know the bot's username; the sender passes it in here.
"""

from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.helpers import create_deep_linked_url

from council.models import Keyboard


def markup(keyboard: Keyboard | None, bot_username: str | None = None) -> InlineKeyboardMarkup | None:
    if not keyboard:
        return None
    return InlineKeyboardMarkup([[button(label, data, bot_username) for label, data in row] for row in keyboard])


def button(label: str, data: str, bot_username: str | None = None) -> InlineKeyboardButton:
    if data.startswith("url:"):
        return InlineKeyboardButton(label, url=data.removeprefix("url:"))
    if data.startswith("start:"):
        if not bot_username:
            raise ValueError("a deep-link button needs the bot's username")
        return InlineKeyboardButton(label, url=create_deep_linked_url(bot_username, data.removeprefix("start:")))
    return InlineKeyboardButton(label, callback_data=data)
