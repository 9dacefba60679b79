"""Telegram's MarkdownV2 and legacy Markdown parse modes (after tdlib's parsers and error texts)."""

from __future__ import annotations

from dataclasses import dataclass

from .text import normalize_url, utf16_len

RESERVED_V2 = "_*[]()~`>#+-=|{}.!"
_TYPE_NAMES = {  # how Telegram names an unfinished entity in its error text
    "bold": "Bold",
    "italic": "Italic",
    "underline": "Underline",
    "strikethrough": "Strikethrough",
    "spoiler": "Spoiler",
    "code": "Code",
    "pre": "Pre",
    "text_link": "TextUrl",
    "custom_emoji": "CustomEmoji",
}


class MarkdownError(ValueError):
    """The text cannot be parsed; the message is what follows "can't parse entities: "."""


@dataclass
class _Open:
    type: str
    offset: int  # UTF-16 offset of the content
    byte_offset: int
    text_start: int  # index into the output text
    language: str = ""


class _Output:
    def __init__(self) -> None:
        self.chars: list[str] = []
        self.pos16 = 0

    def add(self, ch: str) -> None:
        self.chars.append(ch)
        self.pos16 += utf16_len(ch)

    def text(self) -> str:
        return "".join(self.chars)


def _byte_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-8"))


def _skip_pre_newline(text: str, i: int) -> int:
    if i < len(text) and text[i] in "\r\n":
        if i + 1 < len(text) and text[i + 1] in "\r\n" and text[i] != text[i + 1]:
            return i + 2
        return i + 1
    return i


def _read_language(text: str, i: int) -> tuple[str, int]:
    end = i
    while end < len(text) and not text[end].isspace() and text[end] != "`":
        end += 1
    if end != i and end < len(text) and text[end] != "`":
        return text[i:end], end
    return "", i


def _link_entity(url: str, base: dict) -> dict | None:
    normalized = normalize_url(url)
    return {**base, "type": "text_link", "url": normalized} if normalized else None


def parse_markdown_v2(text: str) -> tuple[str, list[dict]]:
    out, stack, entities = _Output(), [], []
    i = 0
    n = len(text)

    def at(k: int) -> str:
        return text[k] if k < n else ""

    while i < n:
        c = text[i]
        if c == "\\" and at(i + 1) and 0 < ord(at(i + 1)) <= 126:
            out.add(text[i + 1])
            i += 2
            continue
        if c == ">" and not stack and (i == 0 or text[i - 1] == "\n"):
            i = _blockquote(text, i, out, entities)
            continue
        reserved = "`" if stack and stack[-1].type in ("code", "pre") else RESERVED_V2
        if c not in reserved:
            out.add(c)
            i += 1
            continue
        top = stack[-1].type if stack else None
        closes = {
            "bold": c == "*",
            "italic": c == "_" and at(i + 1) != "_",
            "underline": c == "_" and at(i + 1) == "_",
            "strikethrough": c == "~",
            "spoiler": c == "|" and at(i + 1) == "|",
            "code": c == "`",
            "pre": text.startswith("```", i),
            "text_link": c == "]",
            "custom_emoji": c == "]",
        }.get(top, False)
        if not closes:
            i = _open_v2(text, i, out, stack)
            continue
        entry = stack.pop()
        base = {"offset": entry.offset, "length": out.pos16 - entry.offset}
        entity: dict | None = {**base, "type": entry.type}
        if entry.type in ("underline", "spoiler"):
            i += 1
        elif entry.type == "pre":
            i += 2
            if entry.language:
                entity["language"] = entry.language
        elif entry.type in ("text_link", "custom_emoji"):
            url = out.text()[entry.text_start :]
            if at(i + 1) == "(":
                url, i = _read_url(text, i + 2)
            if entry.type == "custom_emoji":
                if not url.startswith("tg://emoji?id="):
                    raise MarkdownError("Custom emoji entity must contain a tg://emoji URL")
                entity["custom_emoji_id"] = url.split("=", 1)[1]
            else:
                entity = _link_entity(url, base)
        if entity and base["length"] > 0:
            entities.append(entity)
        i += 1
    if stack:
        raise MarkdownError(
            f"Can't find end of {_TYPE_NAMES[stack[-1].type]} entity at byte offset {stack[-1].byte_offset}"
        )
    return out.text(), sorted(entities, key=lambda e: (e["offset"], -e["length"]))


def _open_v2(text: str, i: int, out: _Output, stack: list[_Open]) -> int:
    """Start the entity whose marker is at text[i]; return the index after the marker."""
    c, start = text[i], i
    nxt = text[i + 1] if i + 1 < len(text) else ""
    language = ""
    if c == "_" and nxt == "_":
        kind, i = "underline", i + 2
    elif c in "_*~[":
        kind, i = {"_": "italic", "*": "bold", "~": "strikethrough", "[": "text_link"}[c], i + 1
    elif c == "|" and nxt == "|":
        kind, i = "spoiler", i + 2
    elif c == "!" and nxt == "[":
        kind, i = "custom_emoji", i + 2
    elif c == "`" and text.startswith("```", i):
        language, i = _read_language(text, i + 3)
        kind, i = "pre", _skip_pre_newline(text, i)
    elif c == "`":
        kind, i = "code", i + 1
    else:
        raise MarkdownError(f"Character '{c}' is reserved and must be escaped with the preceding '\\'")
    stack.append(_Open(kind, out.pos16, _byte_offset(text, start), len(out.chars), language))
    return i


def _read_url(text: str, i: int) -> tuple[str, int]:
    """Read "url)" starting at i; return the url and the index of the ')'."""
    begin, chars = i, []
    while i < len(text) and text[i] != ")":
        if text[i] == "\\" and i + 1 < len(text) and 0 < ord(text[i + 1]) <= 126:
            chars.append(text[i + 1])
            i += 2
            continue
        chars.append(text[i])
        i += 1
    if i >= len(text):
        raise MarkdownError(f"Can't find end of a URL at byte offset {_byte_offset(text, begin)}")
    return "".join(chars), i


def _blockquote(text: str, i: int, out: _Output, entities: list[dict]) -> int:
    """Consecutive lines starting with '>' form one blockquote; their content is parsed as plain text
    with escapes (formatting inside quotes is not supported by this stand-in)."""
    start = out.pos16
    while i < len(text) and text[i] == ">":
        i += 1
        while i < len(text) and text[i] != "\n":
            c = text[i]
            if c == "\\" and i + 1 < len(text) and 0 < ord(text[i + 1]) <= 126:
                out.add(text[i + 1])
                i += 2
                continue
            if c in RESERVED_V2:
                raise MarkdownError(
                    f"Character '{c}' is reserved and must be escaped with the preceding '\\'"
                )
            out.add(c)
            i += 1
        if i + 1 < len(text) and text[i + 1] == ">":
            out.add("\n")
            i += 1
        else:
            break
    if out.pos16 > start:
        entities.append({"offset": start, "length": out.pos16 - start, "type": "blockquote"})
    return i


def parse_markdown(text: str) -> tuple[str, list[dict]]:
    """The legacy "Markdown" mode: *bold* _italic_ `code` ```pre``` [text](url), no nesting."""
    out, entities = _Output(), []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "\\" and i + 1 < n and text[i + 1] in "_*`[":
            out.add(text[i + 1])
            i += 2
            continue
        if c not in "_*`[":
            out.add(c)
            i += 1
            continue
        begin, end_char = i, "]" if c == "[" else c
        i += 1
        is_pre, language = False, ""
        if c == "`" and text.startswith("``", i):
            is_pre = True
            language, i = _read_language(text, i + 2)
            i = _skip_pre_newline(text, i)
        offset, text_start = out.pos16, len(out.chars)
        while i < n and (text[i] != end_char or (is_pre and not text.startswith("```", i))):
            out.add(text[i])
            i += 1
        if i >= n:
            raise MarkdownError(
                f"Can't find end of the entity starting at byte offset {_byte_offset(text, begin)}"
            )
        base = {"offset": offset, "length": out.pos16 - offset}
        entity: dict | None = None
        if c == "[":
            url = out.text()[text_start:]
            if i + 1 < n and text[i + 1] == "(":
                close = text.find(")", i + 2)
                if close < 0:
                    raise MarkdownError(f"Can't find end of a URL at byte offset {_byte_offset(text, i + 2)}")
                url, i = text[i + 2 : close], close
            entity = _link_entity(url, base)
        elif c == "`":
            entity = {**base, "type": "pre" if is_pre else "code"}
            if language:
                entity["language"] = language
        else:
            entity = {**base, "type": "bold" if c == "*" else "italic"}
        if entity and base["length"] > 0:
            entities.append(entity)
        i += 3 if is_pre else 1
    return out.text(), sorted(entities, key=lambda e: (e["offset"], -e["length"]))
