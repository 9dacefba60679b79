"""Fixtures: a Bot API stand-in per test, and a real python-telegram-bot client pointed at it."""

from __future__ import annotations

import pytest
from telegram import Bot

from sandbox.botapi import BotApiServer


@pytest.fixture
async def make_server():
    """Start servers with custom settings; all are stopped after the test."""
    started: list[BotApiServer] = []

    async def make(**kwargs) -> BotApiServer:
        server = BotApiServer(**kwargs)
        await server.start()
        started.append(server)
        return server

    yield make
    for server in started:
        await server.stop()


@pytest.fixture
async def server(make_server) -> BotApiServer:
    return await make_server()


@pytest.fixture
async def bot(server):
    async with Bot(server.token, base_url=server.base_url) as client:
        yield client


@pytest.fixture
def spec(server):
    if server.spec is None:
        pytest.skip("the Bot API spec (shared/telegram-bot-api/api.json) is not available")
    return server.spec
