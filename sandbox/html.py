"""Telegram's HTML parse mode: turn the HTML a bot sends into plain text plus entities.

Follows the rules of Telegram's own parser (tdlib ``parse_html``) and its error texts, with one
deliberate difference: a bare ``&`` that does not start a supported entity is an error here (the
Bot API documentation says it must be escaped; Telegram itself would keep it as a literal).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .text import normalize_url, utf16_len

SIMPLE_TAGS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
}
SUPPORTED_TAGS = set(SIMPLE_TAGS) | {"a", "span", "tg-emoji"}
NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}

_ENTITY = re.compile(r"&(?:#([0-9]{1,8})|#[xX]([0-9a-fA-F]{1,8})|([a-zA-Z][a-zA-Z0-9]{0,15}));")
_SPECIAL = re.compile(r"[&<]")
_SPACE = " \t\n\r\v\f"


class HtmlError(ValueError):
    """The HTML cannot be parsed; the message is what follows "can't parse entities: "."""


@dataclass
class _Open:
    name: str
    offset: int  # UTF-16 offset in the output where the tag's content starts
    text_start: int  # index into the output pieces' joined text, for <a> without href
    attrs: dict = field(default_factory=dict)


class _Parser:
    def __init__(self, source: str):
        self.src = source
        self.i = 0
        self.out: list[str] = []
        self.out_len = 0  # characters emitted so far
        self.pos16 = 0  # UTF-16 units emitted so far
        self.stack: list[_Open] = []
        self.entities: list[dict] = []

    def byte_offset(self, index: int) -> int:
        return len(self.src[:index].encode("utf-8"))

    def emit(self, piece: str) -> None:
        self.out.append(piece)
        self.out_len += len(piece)
        self.pos16 += utf16_len(piece)

    def char_at(self, index: int) -> str:
        return self.src[index] if index < len(self.src) else ""

    def run(self) -> tuple[str, list[dict]]:
        while self.i < len(self.src):
            c = self.src[self.i]
            if c == "&":
                self.emit(self.read_entity())
            elif c == "<":
                self.read_tag()
            else:
                m = _SPECIAL.search(self.src, self.i)
                stop = m.start() if m else len(self.src)
                self.emit(self.src[self.i : stop])
                self.i = stop
        if self.stack:
            raise HtmlError(f'Can\'t find end tag corresponding to start tag "{self.stack[-1].name}"')
        for entity in self.entities:
            if entity["type"] == "code":
                entity.pop("language", None)  # only a <pre> carries a language
        entities = sorted(self.entities, key=lambda e: (e["offset"], -e["length"]))
        return "".join(self.out), entities

    def decode_entity_at(self, index: int) -> tuple[str, int] | None:
        m = _ENTITY.match(self.src, index)
        if not m:
            return None
        if m.group(3) is not None:
            name = m.group(3)
            if name not in NAMED_ENTITIES:
                raise HtmlError(
                    f'Unsupported HTML entity "&{name};" at byte offset {self.byte_offset(index)}'
                )
            return NAMED_ENTITIES[name], m.end()
        code = int(m.group(1)) if m.group(1) is not None else int(m.group(2), 16)
        if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            raise HtmlError(f"Invalid character reference at byte offset {self.byte_offset(index)}")
        return chr(code), m.end()

    def read_entity(self) -> str:
        decoded = self.decode_entity_at(self.i)
        if decoded is None:
            raise HtmlError(
                f'Character "&" at byte offset {self.byte_offset(self.i)} is not part of an HTML entity; '
                'write it as "&amp;"'
            )
        text, self.i = decoded
        return text

    def read_tag(self) -> None:
        begin = self.i
        offset = self.byte_offset(begin)
        i = begin + 1
        if self.char_at(i) == "/":
            self.read_end_tag(begin, offset)
            return
        while i < len(self.src) and self.src[i] not in _SPACE and self.src[i] != ">":
            i += 1
        if i >= len(self.src):
            raise HtmlError(f"Unclosed start tag at byte offset {offset}")
        name = self.src[begin + 1 : i].lower()
        if name not in SUPPORTED_TAGS:
            raise HtmlError(f'Unsupported start tag "{name}" at byte offset {offset}')
        attrs, i = self.read_attributes(i, name, offset)
        self.i = i + 1  # past '>'
        if name == "span" and attrs.get("class") != "tg-spoiler":
            raise HtmlError(f'Tag "span" must have class "tg-spoiler" at byte offset {offset}')
        if name == "tg-emoji" and not attrs.get("emoji-id", "").isdigit():
            raise HtmlError(
                f'Tag "tg-emoji" must have a numeric "emoji-id" attribute at byte offset {offset}'
            )
        self.stack.append(_Open(name, self.pos16, self.out_len, attrs))

    def read_attributes(self, i: int, tag: str, offset: int) -> tuple[dict, int]:
        src, attrs = self.src, {}
        while True:
            while i < len(src) and src[i] in _SPACE:
                i += 1
            if i >= len(src):
                raise HtmlError(f"Unclosed start tag at byte offset {offset}")
            if src[i] == ">":
                return attrs, i
            name_start = i
            while i < len(src) and src[i] not in _SPACE and src[i] not in "=>":
                i += 1
            name = src[name_start:i].lower()
            if not name:
                raise HtmlError(f'Empty attribute name in the tag "{tag}" at byte offset {offset}')
            while i < len(src) and src[i] in _SPACE:
                i += 1
            if self.char_at(i) != "=":
                if tag == "blockquote" and name == "expandable":
                    attrs[name] = ""
                    continue
                raise HtmlError(
                    "Expected equal sign in declaration of an attribute of the tag "
                    f'"{tag}" at byte offset {offset}'
                )
            i += 1
            while i < len(src) and src[i] in _SPACE:
                i += 1
            if i >= len(src):
                raise HtmlError(f"Unclosed start tag at byte offset {offset}")
            if src[i] in "'\"":
                value, i = self.read_quoted(i)
            else:
                token_start = i
                while i < len(src) and (src[i].isalnum() or src[i] in ".-"):
                    i += 1
                if i >= len(src) or (src[i] not in _SPACE and src[i] != ">"):
                    raise HtmlError(
                        f"Unexpected end of name token at byte offset {self.byte_offset(token_start)}"
                    )
                value = src[token_start:i].lower()
            attrs[name] = value

    def read_quoted(self, i: int) -> tuple[str, int]:
        quote, i, chars = self.src[i], i + 1, []
        while i < len(self.src) and self.src[i] != quote:
            if self.src[i] == "&":
                decoded = self.decode_entity_at(i)
                if decoded:
                    chars.append(decoded[0])
                    i = decoded[1]
                    continue
            chars.append(self.src[i])
            i += 1
        return "".join(chars), i + 1

    def read_end_tag(self, begin: int, offset: int) -> None:
        if not self.stack:
            raise HtmlError(f"Unexpected end tag at byte offset {offset}")
        i = begin + 2
        while i < len(self.src) and self.src[i] not in _SPACE and self.src[i] != ">":
            i += 1
        name = self.src[begin + 2 : i].lower()
        while i < len(self.src) and self.src[i] in _SPACE:
            i += 1
        if self.char_at(i) != ">":
            raise HtmlError(f"Unclosed end tag at byte offset {offset}")
        top = self.stack[-1]
        if name and name != top.name:
            raise HtmlError(
                f'Unmatched end tag at byte offset {offset}, expected "</{top.name}>", found "</{name}>"'
            )
        self.i = i + 1
        self.stack.pop()
        self.close(top)

    def close(self, tag: _Open) -> None:
        length = self.pos16 - tag.offset
        if length == 0:
            return
        entity: dict = {"offset": tag.offset, "length": length}
        if tag.name == "a":
            href = tag.attrs.get("href") or "".join(self.out)[tag.text_start :]
            user = re.fullmatch(r"tg://user\?id=(\d+)", href)
            if user:
                entity.update(
                    type="text_mention", user={"id": int(user.group(1)), "is_bot": False, "first_name": ""}
                )
            else:
                url = normalize_url(href)
                if url is None:
                    return
                entity.update(type="text_link", url=url)
        elif tag.name == "span":
            entity["type"] = "spoiler"
        elif tag.name == "tg-emoji":
            entity.update(type="custom_emoji", custom_emoji_id=tag.attrs["emoji-id"])
        elif tag.name == "blockquote":
            entity["type"] = "expandable_blockquote" if "expandable" in tag.attrs else "blockquote"
        elif tag.name == "code":
            entity["type"] = "code"
            language = tag.attrs.get("class", "")
            if language.startswith("language-") and self.stack and self.stack[-1].name == "pre":
                entity["language"] = language[len("language-") :]
        elif tag.name == "pre":
            last = self.entities[-1] if self.entities else None
            if (
                last
                and last["type"] == "code"
                and "language" in last
                and last["offset"] == tag.offset
                and last["length"] == length
            ):
                last["type"] = "pre"  # <pre><code class="language-x">...</code></pre> is one pre entity
                return
            entity["type"] = "pre"
        else:
            entity["type"] = SIMPLE_TAGS[tag.name]
        self.entities.append(entity)


def parse_html(source: str) -> tuple[str, list[dict]]:
    """Return (plain text, entities) or raise HtmlError."""
    return _Parser(source).run()
