"""Text helpers shared by the parsers: UTF-16 lengths, trimming, and the entities Telegram finds by itself.

Telegram measures entity offsets and lengths in UTF-16 code units, trims leading and trailing
whitespace from message texts, and detects commands, mentions, hashtags and links in every text.
"""

from __future__ import annotations

import re

WHITESPACE = " \t\n\r\v\f"

# Entities inside which Telegram does not look for commands, mentions, links ...
_OPAQUE = {"code", "pre", "text_link", "text_mention", "custom_emoji", "url", "mention", "bot_command"}

_COMMAND = re.compile(r"/([A-Za-z0-9_]{1,64})(@[A-Za-z0-9_]{3,32})?")
_MENTION = re.compile(r"@[A-Za-z0-9_]{3,32}")
_HASHTAG = re.compile(r"#\w{1,256}")
_URL = re.compile(r"https?://[^\s<>\"，。！？、；：（）【】「」《》]+", re.IGNORECASE)


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def sort_entities(entities: list[dict]) -> list[dict]:
    return sorted(entities, key=lambda e: (e["offset"], -e["length"]))


def strip_text(text: str, entities: list[dict]) -> tuple[str, list[dict]]:
    """Trim whitespace at both ends, as Telegram does, moving and clipping the entities along."""
    left = text.lstrip(WHITESPACE)
    lead = utf16_len(text[: len(text) - len(left)])
    body = left.rstrip(WHITESPACE)
    end = lead + utf16_len(body)
    kept = []
    for entity in entities:
        start, stop = max(entity["offset"], lead), min(entity["offset"] + entity["length"], end)
        if stop > start:
            kept.append({**entity, "offset": start - lead, "length": stop - start})
    return body, kept


def find_auto_entities(text: str) -> list[dict]:
    """The bot_command / mention / hashtag / url entities Telegram detects in plain text."""
    found: list[tuple[int, int, str]] = []  # (start, end) as str indexes, type

    def boundary_before(i: int) -> bool:
        return i == 0 or not (_is_word(text[i - 1]) or text[i - 1] in "/<>@#")

    def boundary_after(i: int) -> bool:
        return i >= len(text) or not (_is_word(text[i]) or text[i] in "/@")

    for m in _COMMAND.finditer(text):
        if boundary_before(m.start()) and boundary_after(m.end()):
            found.append((m.start(), m.end(), "bot_command"))
    for m in _MENTION.finditer(text):
        if boundary_before(m.start()) and boundary_after(m.end()):
            found.append((m.start(), m.end(), "mention"))
    for m in _HASHTAG.finditer(text):
        if boundary_before(m.start()) and not m.group()[1:].isdigit():
            found.append((m.start(), m.end(), "hashtag"))
    for m in _URL.finditer(text):
        url = m.group().rstrip(".,;:!?)'\"")
        found.append((m.start(), m.start() + len(url), "url"))

    found.sort()
    entities, last_end = [], -1
    for start, end, kind in found:
        if start < last_end:  # overlapping: the earlier one wins
            continue
        entities.append(
            {"offset": utf16_len(text[:start]), "length": utf16_len(text[start:end]), "type": kind}
        )
        last_end = end
    return entities


def add_auto_entities(text: str, entities: list[dict]) -> list[dict]:
    """Formatting entities plus the automatic ones that do not fall inside code, links and the like."""
    blocked = [(e["offset"], e["offset"] + e["length"]) for e in entities if e["type"] in _OPAQUE]
    extra = [
        e
        for e in find_auto_entities(text)
        if not any(e["offset"] < stop and start < e["offset"] + e["length"] for start, stop in blocked)
    ]
    return sort_entities(entities + extra)


def normalize_url(url: str) -> str | None:
    """Roughly what Telegram does to a link target: add a scheme and a root path; None if not a link."""
    url = url.strip()
    if not url or any(ch.isspace() for ch in url):
        return None
    if url.lower().startswith(("tg://", "ton://")):
        return url
    if "://" not in url:
        if url.startswith(("/", "#", "?")):
            return None
        url = "http://" + url
    scheme, rest = url.split("://", 1)
    if scheme.lower() not in ("http", "https") or not rest or rest[0] in "/?#":
        return None
    host = re.split(r"[/?#]", rest, maxsplit=1)[0]
    if "." not in host and not host.startswith("localhost"):
        return None
    if host == rest:
        url += "/"
    return url
