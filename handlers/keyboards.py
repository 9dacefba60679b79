"""Domain keyboards (rows of (label, callback_data)) as Telegram inline keyboards."""

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from council.models import Keyboard


def markup(keyboard: Keyboard | None) -> InlineKeyboardMarkup | None:
    if not keyboard:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=data) for label, data in row] for row in keyboard]
    )
