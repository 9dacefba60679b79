"""A local stand-in for the Telegram Bot API: a small aiohttp server the real bot can talk to.

Point python-telegram-bot at it with ``base_url=server.base_url``; drive users and groups from tests
through the methods inherited from ``Scenario``; inspect what the bot did through those of ``Observer``
(``calls``, ``bot_messages()``, ``wait_for_bot_message()`` ...).
Run ``python -m sandbox.botapi --port 8081`` for an empty server.

Other routes (the sandbox's chat page, see sandbox/webchat.py) can share the server: put them in ``web_routes``
before ``start()``; they are matched before the Bot API's catch-all. Functions in ``change_listeners`` are called
after every Bot API call, so that a page can show what the bot did at once.
"""

from __future__ import annotations

import argparse
import asyncio
import inspect
import json
import logging
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from aiohttp import web

from . import methods_chats, methods_messages
from .errors import ApiError
from .faults import Faults
from .limits import COUNTED_METHODS, RateLimiter
from .observe import Observer
from .scenario import Scenario
from .validate import ApiSpec, FileUpload, load_spec, prepare_params

log = logging.getLogger(__name__)

METHODS = {**methods_chats.METHODS, **methods_messages.METHODS}
_PATH = re.compile(r"/bot([^/]*)/([^/]*)")


class BotApiServer(Faults, Scenario, Observer):
    def __init__(
        self,
        *,
        token: str = "123456:TEST-TOKEN",
        bot_username: str = "council_test_bot",
        bot_first_name: str = "议事会助手",
        can_read_all_group_messages: bool = True,
        api_spec_path: str | Path | None = "auto",
        group_messages_per_minute: int = 20,
        global_messages_per_second: int = 30,
        callback_timeout: float = 15.0,
    ):
        super().__init__(
            token=token,
            bot_username=bot_username,
            bot_first_name=bot_first_name,
            can_read_all_group_messages=can_read_all_group_messages,
            callback_timeout=callback_timeout,
        )
        self.spec: ApiSpec | None = load_spec(api_spec_path)
        self.limiter = RateLimiter(group_messages_per_minute, global_messages_per_second)
        self._runner: web.AppRunner | None = None
        self._port: int | None = None
        self._host = "127.0.0.1"
        self._methods_lower = {name.lower(): name for name in METHODS}
        self.web_routes: list[web.AbstractRouteDef] = []
        self.change_listeners: list[Callable[[], None]] = []

    # --- lifecycle -----------------------------------------------------------------------------

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> None:
        app = web.Application(client_max_size=methods_messages.MAX_FILE_BYTES + 1024 * 1024)
        app.router.add_routes(self.web_routes)
        app.router.add_route("*", "/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app, access_log=None, handler_cancellation=True, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port)
        await site.start()
        self._host = host
        self._port = self._runner.addresses[0][1]  # the real port when 0 was asked for
        self.closing = False
        log.info(
            "Bot API stand-in listening on %s (spec: %s)",
            self.base_url,
            self.spec.version if self.spec else "none",
        )

    async def stop(self) -> None:
        self.closing = True
        self.wake_polls()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        log.info("Bot API stand-in stopped")

    @property
    def port(self) -> int:
        if self._port is None:
            raise RuntimeError("the server is not started")
        return self._port

    @property
    def base_url(self) -> str:
        if self._port is None:
            raise RuntimeError("the server is not started")
        return f"http://{self._host}:{self._port}/bot"

    # --- HTTP ----------------------------------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.Response:
        match = _PATH.fullmatch(request.path)
        if not match:
            return _json(ApiError(404, "Not Found").payload(), 404)
        token, name = match.groups()
        started = time.monotonic()
        method, params = name, {}
        try:
            if token != self.token:
                raise ApiError(401, "Unauthorized")
            method = self._resolve(name)
            raw, files = await _read_params(request)
            params = raw  # what gets recorded if the parameters do not validate
            params = prepare_params(self.spec, method, raw, files)
            result = await self._call(method, params)
            status, payload = 200, {"ok": True, "result": result}
        except ApiError as exc:
            status, payload = exc.code, exc.payload()
        except Exception as exc:  # a bug in the stand-in: make it loud, in the shape the bot understands
            log.exception("the stand-in failed on %s", method)
            status, payload = 500, ApiError(500, f"Internal Server Error: sandbox bug: {exc!r}").payload()
        self._record(started, method, params, payload)
        for listener in self.change_listeners:
            listener()
        return _json(payload, status)

    def _resolve(self, name: str) -> str:
        if self.spec is not None:
            method = self.spec.canonical_method(name)
            if method is None:
                raise ApiError(404, "Not Found: method not found")
            if method not in METHODS:
                log.warning("the bot called %s, which the stand-in does not implement", method)
                raise ApiError(400, f"Bad Request: method {method} is not supported by the sandbox")
            return method
        method = self._methods_lower.get(name.lower())
        if method is None:
            raise ApiError(404, "Not Found")
        return method

    async def _call(self, method: str, params: dict) -> Any:
        chat_id = params.get("chat_id")
        counted = method in COUNTED_METHODS and isinstance(chat_id, int)
        is_group = counted and chat_id < 0
        await self.apply_faults(method, params)
        if counted:
            wait = self.limiter.retry_after(chat_id, is_group, time.monotonic())
            if wait:
                raise ApiError(429, f"Too Many Requests: retry after {wait}", {"retry_after": wait})
        result = METHODS[method](self, params)
        if inspect.isawaitable(result):
            result = await result
        if counted:
            self.limiter.record(chat_id, is_group, time.monotonic())
        return result

    def _record(self, started: float, method: str, params: dict, payload: dict) -> None:
        shown = {
            k: ({"filename": v.filename, "size": len(v.data)} if isinstance(v, FileUpload) else v)
            for k, v in params.items()
        }
        call = {
            "t": started,
            "method": method,
            "params": shown,
            "ok": payload["ok"],
            "error_code": payload.get("error_code"),
            "description": payload.get("description"),
        }
        self.calls.append(call)
        if payload["ok"]:
            log.debug("%s %s -> ok", method, shown.get("chat_id", ""))
        else:
            log.info(
                "%s %s -> %s %s", method, shown.get("chat_id", ""), call["error_code"], call["description"]
            )


async def _read_params(request: web.Request) -> tuple[dict[str, Any], dict[str, FileUpload]]:
    """Query string plus body: JSON, form-urlencoded or multipart/form-data (files kept apart)."""
    raw: dict[str, Any] = dict(request.query)
    files: dict[str, FileUpload] = {}
    if not request.can_read_body:
        return raw, files
    if request.content_type == "application/json":
        try:
            body = await request.json()
        except ValueError:
            raise ApiError(400, "Bad Request: can't parse JSON") from None
        if not isinstance(body, dict):
            raise ApiError(400, "Bad Request: the request body must be a JSON object")
        raw.update(body)
    elif request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        for key, value in (await request.post()).items():
            if isinstance(value, web.FileField):
                files[key] = FileUpload(value.filename, value.content_type, value.file.read())
                raw[key] = files[key]
            else:
                raw[key] = value
    return raw, files


def _json(payload: dict, status: int) -> web.Response:
    return web.json_response(payload, status=status, dumps=lambda obj: json.dumps(obj, ensure_ascii=False))


async def _serve(port: int, host: str, spec: str | None) -> None:
    server = BotApiServer(api_spec_path=spec)
    await server.start(host, port)
    print(f"Bot API stand-in: base_url={server.base_url}  token={server.token}", flush=True)
    try:
        await asyncio.Event().wait()
    finally:
        await server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description="Local stand-in for the Telegram Bot API")
    parser.add_argument("--port", type=int, default=8081)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--no-spec", action="store_true", help="do not validate calls against api.json")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    try:
        asyncio.run(_serve(args.port, args.host, None if args.no_spec else "auto"))
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
