"""The sandbox's chat page: a WeChat-style web chat on top of the Bot API stand-in, served by the same server.

Routes (beside the Bot API's /bot<token>/<method>):
    GET  /                 the page (sandbox/static/index.html, app.css, app.js; no build step, nothing external)
    GET  /api/state        everything the page shows: people, chats, messages, pinned messages, and the event seq
    GET  /api/events       server-sent events from a seq on: message (new, edited or deleted), pin, answer (a toast
                           for a tapped button), world (people or chats changed), demo (caption), status (bot online)
    POST /api/send         {chat_id, user_id, text, reply_to?}: a person writes in a chat
    POST /api/press        {chat_id, message_id, user_id, text, data}: a person taps an inline button
    POST /api/link         {user_id, url}: a person opens a t.me link to the bot (a deep link: /start <payload>)
    POST /api/people       {chat_id, name?}: a new resident joins a group
    POST /api/demo         plays the demo council in a fresh group
    GET  /files/{file_id}  a document the bot sent

Everything a person does goes through the stand-in's own user actions (Scenario): what Telegram would not let a
user do fails here too, with a short Chinese reason for the page.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import secrets
import time
import urllib.parse
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from aiohttp import web

from .botapi import BotApiServer
from .cast import ROLE_LABELS, Cast, add_resident, next_resident_name
from .text import utf16_len
from .world import ChatState, StoredMessage

log = logging.getLogger(__name__)
STATIC = Path(__file__).with_name("static")
STATIC_TYPES = {".html": "text/html", ".css": "text/css", ".js": "text/javascript", ".svg": "image/svg+xml"}
MAX_USER_TEXT = 4096  # a Telegram message; longer ones the apps split
KEEPALIVE = 15.0
QUERY_WATCH = 20.0  # seconds a tapped button's answer is watched for (Telegram gives the bot 15)


class Feed:
    """The page's view of the world as a numbered list of events; scan() adds what changed since the last scan."""

    def __init__(self, web_chat: WebChat):
        self.web = web_chat
        self.events: list[tuple[int, str, str]] = []  # (seq, kind, JSON data)
        self._seen: dict[tuple[int, int], tuple[int, bool]] = {}
        self._pins: dict[int, int | None] = {}
        self._world: str = ""
        self._queries: dict[str, tuple[str, float]] = {}  # query id -> (source, pressed at)
        self._new = asyncio.Event()

    @property
    def seq(self) -> int:
        return self.events[-1][0] if self.events else 0

    def emit(self, kind: str, data: dict) -> None:
        self.events.append((self.seq + 1, kind, json.dumps(data, ensure_ascii=False)))
        self._new.set()
        self._new = asyncio.Event()

    def since(self, seq: int) -> list[tuple[int, str, str]]:
        if seq >= self.seq:
            return []
        start = max(0, min(seq, len(self.events)))  # seq n is events[n - 1]
        return self.events[start:]

    async def wait(self, seq: int, timeout: float) -> None:  # noqa: ASYNC109
        if seq < self.seq:
            return
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._new.wait(), timeout)

    def wake(self) -> None:
        self._new.set()

    def watch_query(self, query_id: str, source: str) -> None:
        self._queries[query_id] = (source, time.monotonic())

    def scan(self) -> None:
        server = self.web.server
        world = self.web.world_view()
        encoded = json.dumps(world, ensure_ascii=False, sort_keys=True)
        if encoded != self._world:
            self._world = encoded
            self.emit("world", world)
        for chat in list(server.chats.values()):
            for message_id, stored in list(chat.messages.items()):
                signature = (stored.edits, stored.deleted)  # every edit (text or buttons) counts in `edits`
                if self._seen.get((chat.id, message_id)) != signature:
                    self._seen[(chat.id, message_id)] = signature
                    self.emit("message", self.web.message_view(chat, stored))
            pinned = self.web.pinned_id(chat)
            if self._pins.get(chat.id, None) != pinned:
                self._pins[chat.id] = pinned
                self.emit("pin", {"chat_id": chat.id, "message_id": pinned})
        now = time.monotonic()
        for query_id, (source, pressed_at) in list(self._queries.items()):
            query = server.callbacks.get(query_id)
            if query is None or now - pressed_at > QUERY_WATCH:
                del self._queries[query_id]
            elif query["answer"] is not None:
                del self._queries[query_id]
                answer = query["answer"]
                self.emit("answer", {
                    "query_id": query_id, "chat_id": query["chat_id"], "message_id": query["message_id"],
                    "user_id": query["user_id"], "source": source, "text": answer["text"],
                    "show_alert": bool(answer["show_alert"]), "url": answer["url"],
                })


class WebChat:
    def __init__(self, server: BotApiServer, cast: Cast, demo: Callable[[WebChat], Awaitable[Any]] | None = None):
        self.server = server
        self.cast = cast
        self.feed = Feed(self)
        self.play_demo = demo
        self.demo_task: asyncio.Task | None = None
        self.bot_online = False
        self.clients = 0
        self.client_seen = asyncio.Event()  # a page has connected (the --demo start waits for one, briefly)
        self.closing = False
        self.instance = secrets.token_hex(8)  # a page that sees another one after reconnecting reloads
        self.captions: dict[int, dict] = {}  # chat id -> the demo's last caption there
        self._ticker: asyncio.Task | None = None
        self._last_poll = 0.0
        server.web_routes.extend(self.routes())
        server.change_listeners.append(self.poke)

    def routes(self) -> list[web.RouteDef]:
        return [
            web.get("/", self.index),
            web.get("/static/{name}", self.static),
            web.get("/api/state", self.state),
            web.get("/api/events", self.events),
            web.post("/api/send", self.send),
            web.post("/api/press", self.press),
            web.post("/api/link", self.link),
            web.post("/api/people", self.people),
            web.post("/api/demo", self.demo),
            web.get("/files/{file_id}", self.file),
        ]

    # --- lifecycle ---------------------------------------------------------------------------------

    def start(self) -> None:
        self.poke()
        self._ticker = asyncio.create_task(self._tick(), name="webchat-ticker")

    async def stop(self) -> None:
        """Before the server stops: end the event streams (else each holds the shutdown up) and the demo."""
        self.closing = True
        self.feed.wake()
        for task in (self._ticker, self.demo_task):
            if task is not None and not task.done():
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task

    def poke(self) -> None:
        """Something may have changed (the bot called the API, or a person acted): tell the pages."""
        try:
            self.feed.scan()
        except Exception:  # the page is a view: never let it break the Bot API
            log.exception("the chat page could not follow a change")

    async def _tick(self) -> None:
        """Also look once a second: changes made by code that calls the stand-in directly, and the bot's status."""
        while True:
            await asyncio.sleep(1.0)
            self.poke()
            if self.server.polling:
                self._last_poll = time.monotonic()
            online = time.monotonic() - self._last_poll < 15.0
            if online != self.bot_online:
                self.bot_online = online
                self.feed.emit("status", {"bot_online": online})

    # --- views -------------------------------------------------------------------------------------

    def person_view(self, user_id: int) -> dict:
        user = self.server.users[user_id]
        role = self.cast.role(user_id)
        return {"id": user_id, "name": _name(user), "role": role, "role_label": ROLE_LABELS[role]}

    def chat_view(self, chat: ChatState) -> dict:
        if chat.type == "private":
            return {"id": chat.id, "type": "private", "title": self.server.bot_first_name, "owner": chat.id,
                    "members": [chat.id], "admins": [], "started": chat.started, "bot_present": True}
        return {
            "id": chat.id, "type": chat.type, "title": chat.title,
            "members": sorted(chat.members, key=lambda uid: (uid not in chat.admins, uid)),
            "admins": sorted(chat.admins), "bot_present": chat.bot_present,
            "bot_admin": chat.bot_status == "administrator",
        }

    def world_view(self) -> dict:
        chats = [c for c in self.server.chats.values() if c.migrated_to is None and c.id in self._visible_chats()]
        return {
            "bot": {"id": self.server.bot_id, "name": self.server.bot_first_name},
            "people": [self.person_view(uid) for uid in self.server.users],
            "chats": [self.chat_view(c) for c in chats],
        }

    def _visible_chats(self) -> set[int]:
        ids = {chat_id for chat_id, chat in self.server.chats.items() if chat.is_group}
        return ids | {uid for uid in self.server.users if uid in self.server.chats}

    def message_view(self, chat: ChatState, stored: StoredMessage) -> dict:
        message = self.server.render(chat, stored)
        view: dict[str, Any] = {
            "chat_id": chat.id,
            "id": message["message_id"],
            "kind": stored.kind,
            "from": {"id": stored.sender_id, "name": _name(message["from"])},
            "date": message["date"],
            "edited": stored.edits > 0,
            "deleted": stored.deleted,
        }
        if stored.deleted:
            return view
        if stored.kind == "service":
            view["text"] = self._service_text(chat, stored)
            return view
        view["text"] = message.get("text", message.get("caption", ""))
        view["entities"] = message.get("entities", message.get("caption_entities", []))
        view["buttons"] = message.get("reply_markup", {}).get("inline_keyboard", [])
        if "document" in message:
            document = message["document"]
            view["document"] = {
                "file_id": document["file_id"], "name": document.get("file_name", "文件"),
                "size": document.get("file_size"), "mime_type": document.get("mime_type"),
                "url": f"/files/{urllib.parse.quote(document['file_id'])}",
            }
        if "reply_to_message" in message:
            quoted = message["reply_to_message"]
            view["reply"] = {
                "id": quoted["message_id"], "name": _name(quoted["from"]),
                "text": quoted.get("text") or quoted.get("caption") or (
                    f"[文件] {quoted['document'].get('file_name', '')}" if "document" in quoted else "[消息]"),
            }
        return view

    def _service_text(self, chat: ChatState, stored: StoredMessage) -> str:
        message, actor = stored.message, _name(stored.message["from"])
        if message.get("group_chat_created"):
            return f"{actor} 创建了群聊“{chat.title}”"
        if "new_chat_members" in message:
            names = "、".join(_name(u) for u in message["new_chat_members"])
            joined = [u["id"] for u in message["new_chat_members"]]
            return f"{names} 加入了群聊" if joined == [stored.sender_id] else f"{actor} 邀请 {names} 加入了群聊"
        if "left_chat_member" in message:
            return f"{_name(message['left_chat_member'])} 退出了群聊"
        if "pinned_message" in message:
            pinned = message["pinned_message"]
            first = (pinned.get("text") or pinned.get("caption") or "").split("\n", 1)[0]
            return f"{actor} 置顶了一条消息：{first[:40]}"
        if "migrate_to_chat_id" in message or "migrate_from_chat_id" in message:
            return "本群已升级为超级群"
        return "系统消息"

    def pinned_id(self, chat: ChatState) -> int | None:
        for message_id in reversed(chat.pinned):
            if self.server.api_message(chat, message_id) is not None:
                return message_id
        return None

    def state_view(self) -> dict:
        self.poke()
        messages, pins = {}, {}
        for chat in self.server.chats.values():
            messages[chat.id] = [self.message_view(chat, m) for m in chat.messages.values() if not m.deleted]
            pins[chat.id] = self.pinned_id(chat)
        return {
            "seq": self.feed.seq,
            **self.world_view(),
            "messages": messages,
            "pins": pins,
            "bot_online": self.bot_online,
            "instance": self.instance,
            "demo": self.demo_running,
            "demo_captions": list(self.captions.values()),
            "cast": {"facilitator": self.cast.facilitator, "stairwell": self.cast.stairwell},
            "timezone": "Asia/Shanghai",  # the bot's locale.timezone in the sandbox: times match its deadlines
        }

    @property
    def demo_running(self) -> bool:
        return self.demo_task is not None and not self.demo_task.done()

    # --- what people do (the page, and the demo script) --------------------------------------------

    def say(self, chat_id: int, user_id: int, text: str, reply_to: int | None = None) -> dict:
        if utf16_len(text) > MAX_USER_TEXT:
            raise UserError(f"消息太长了（最多 {MAX_USER_TEXT} 字），请分几条发。")
        try:
            sent = self.server.send_message(chat_id, user_id, text, reply_to_message_id=reply_to)
        except ValueError as exc:
            raise UserError(_why(exc)) from None
        self.poke()
        return sent

    def tap(self, chat_id: int, message_id: int, user_id: int, text: str | None, data: str | None,
            source: str = "page") -> str:
        try:
            query_id = self.server.press_button(chat_id, message_id, user_id, text=text, data=data)
        except (ValueError, LookupError) as exc:
            raise UserError(_why(exc)) from None
        self.feed.watch_query(query_id, source)
        self.poke()
        return query_id

    def caption(self, chat_id: int, step: str, text: str, state: str = "running") -> None:
        """A line above the demo group's messages saying which of the five steps is playing."""
        self.captions[chat_id] = {"chat_id": chat_id, "step": step, "text": text, "state": state}
        self.feed.emit("demo", self.captions[chat_id])

    # --- HTTP -------------------------------------------------------------------------------------

    async def index(self, request: web.Request) -> web.StreamResponse:
        return self._file(STATIC / "index.html")

    async def static(self, request: web.Request) -> web.StreamResponse:
        name = request.match_info["name"]
        path = STATIC / name
        if "/" in name or name.startswith(".") or not path.is_file():
            raise web.HTTPNotFound()
        return self._file(path)

    @staticmethod
    def _file(path: Path) -> web.StreamResponse:
        content_type = STATIC_TYPES.get(path.suffix, "application/octet-stream")
        return web.Response(body=path.read_bytes(), content_type=content_type, charset="utf-8",
                            headers={"Cache-Control": "no-cache"})

    async def state(self, request: web.Request) -> web.Response:
        return _json(self.state_view())

    async def events(self, request: web.Request) -> web.StreamResponse:
        cursor = _int(request.headers.get("Last-Event-ID") or request.query.get("since") or 0)
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream", "Cache-Control": "no-cache",
                                               "X-Accel-Buffering": "no"})
        await response.prepare(request)
        self.clients += 1
        self.client_seen.set()
        try:
            hello = json.dumps({"instance": self.instance})
            await response.write(f"retry: 1000\nevent: hello\ndata: {hello}\n\n".encode())
            while not self.closing:
                batch = self.feed.since(cursor)
                if batch:
                    chunk = "".join(f"id: {seq}\nevent: {kind}\ndata: {data}\n\n" for seq, kind, data in batch)
                    await response.write(chunk.encode("utf-8"))
                    cursor = batch[-1][0]
                    continue
                before = self.feed.seq
                await self.feed.wait(cursor, KEEPALIVE)
                if self.feed.seq == before:
                    await response.write(b": keepalive\n\n")
        except ConnectionResetError:
            pass
        finally:
            self.clients -= 1
        return response

    async def send(self, request: web.Request) -> web.Response:
        body = await _body(request)
        text = body.get("text")
        if not isinstance(text, str) or not text.strip():
            return _error("消息是空的。")
        try:
            sent = self.say(_int(body.get("chat_id")), _int(body.get("user_id")), text,
                            _int(body["reply_to"]) if body.get("reply_to") else None)
        except UserError as exc:
            return _error(str(exc))
        return _json({"message_id": sent["message_id"]})

    async def press(self, request: web.Request) -> web.Response:
        body = await _body(request)
        try:
            query_id = self.tap(_int(body.get("chat_id")), _int(body.get("message_id")), _int(body.get("user_id")),
                                body.get("text"), body.get("data"))
        except UserError as exc:
            return _error(str(exc))
        return _json({"query_id": query_id})

    async def link(self, request: web.Request) -> web.Response:
        body = await _body(request)
        user_id = _int(body.get("user_id"))
        try:
            self.server.open_link(user_id, str(body.get("url") or ""))
        except ValueError as exc:
            return _error(_why(exc))
        self.poke()
        return _json({"chat_id": user_id})

    async def people(self, request: web.Request) -> web.Response:
        body = await _body(request)
        name = str(body.get("name") or "").strip() or next_resident_name(self.server)
        if len(name) > 32 or "\n" in name:
            return _error("名字最多 32 个字，一行。")
        chat_id = _int(body.get("chat_id") or self.cast.stairwell)
        chat = self.server.chats.get(chat_id)
        if chat is None or not chat.is_group or chat.migrated_to is not None:
            return _error("新居民要加入一个群：先打开一个群聊。")
        user = add_resident(self.server, self.cast, name, chat_id)
        self.poke()
        return _json({"user": self.person_view(user["id"]), "chat_id": chat_id})

    async def demo(self, request: web.Request) -> web.Response:
        if self.play_demo is None:
            return _error("这个沙盒没有演示。")
        if self.demo_running:
            return _error("演示正在进行，请稍等它放完。", 409)
        self.start_demo()
        return _json({"started": True})

    def start_demo(self) -> asyncio.Task:
        assert self.play_demo is not None
        self.demo_task = asyncio.create_task(self.play_demo(self), name="demo")
        self.demo_task.add_done_callback(_log_failure)
        return self.demo_task

    async def file(self, request: web.Request) -> web.Response:
        stored = self.server.files.get(request.match_info["file_id"])
        if stored is None:
            raise web.HTTPNotFound(text="没有这个文件")
        if stored["bytes"] is None:
            raise web.HTTPNotFound(text="机器人发的是一个网址，沙盒没有下载它的内容")
        name = stored["file_name"] or "document"
        disposition = f"attachment; filename*=UTF-8''{urllib.parse.quote(name)}"
        return web.Response(body=stored["bytes"], content_type=stored["mime_type"] or "application/octet-stream",
                            headers={"Content-Disposition": disposition})


class UserError(Exception):
    """What a person tried is not possible (in Telegram either); the text says why, in Chinese."""


def _why(exc: Exception) -> str:
    text = str(exc)
    if "not a member" in text:
        return "你不在这个群里。"
    if "offers no button" in text or "no message" in text:
        return "这个按钮已经没有了（消息被改过），请点新的按钮。"
    if "is not in" in text:
        return "机器人不在这个群里。"
    if "cannot write" in text or "cannot see" in text:
        return "这是别人的私聊。"
    if "needs some text" in text:
        return "消息是空的。"
    return f"做不到：{text}"


def _name(user: dict) -> str:
    return " ".join(part for part in (user.get("first_name"), user.get("last_name")) if part)


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise web.HTTPBadRequest(text=f"not a number: {value!r}") from None


async def _body(request: web.Request) -> dict:
    try:
        body = await request.json()
    except ValueError:
        raise web.HTTPBadRequest(text="the body must be JSON") from None
    if not isinstance(body, dict):
        raise web.HTTPBadRequest(text="the body must be a JSON object")
    return body


def _json(payload: dict, status: int = 200) -> web.Response:
    return web.json_response(payload, status=status, dumps=lambda obj: json.dumps(obj, ensure_ascii=False))


def _error(text: str, status: int = 400) -> web.Response:
    return _json({"error": text}, status)


def _log_failure(task: asyncio.Task) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.error("the demo failed", exc_info=task.exception())
