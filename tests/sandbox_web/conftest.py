"""Fixtures for the sandbox's chat page: a running sandbox (stand-in, page, real bot process) and headless Chromium.

The browser is Debian's `chromium`, driven by Playwright for Python (never `playwright install`: no downloads).
Without Chromium or Playwright the browser tests skip with the reason, except in CI (env CI set), where they fail.
Screenshots go to test-artifacts/sandbox_web/.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import pytest_asyncio

from sandbox.launcher import REPO
from sandbox.run import Sandbox

ARTIFACTS = REPO / "test-artifacts" / "sandbox_web"
CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 740}


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() not in ("", "0", "false", "no")


def chromium_path() -> str:
    """The Chromium to drive, or skip (fail in CI) saying what is missing."""
    problem = None
    try:
        import playwright.async_api  # noqa: F401
    except ImportError:
        problem = "Playwright for Python is not installed: .venv/bin/python -m pip install -e '.[test]'"
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if problem is None and not path:
        problem = "Chromium is not installed: apt-get install chromium fonts-noto-cjk (.ci/run does it)"
    if problem:
        if in_ci():
            pytest.fail(f"browser tests must run in CI: {problem}")
        pytest.skip(problem)
    return path


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def sandbox(tmp_path_factory):
    sandbox = Sandbox(port=0, workdir=tmp_path_factory.mktemp("sandbox"), demo_pause=0.3)
    await sandbox.start()
    yield sandbox
    await sandbox.stop()
    if sandbox.bot is not None and "Traceback" in sandbox.bot.log():
        print(f"----- bot log -----\n{sandbox.bot.log()[-20000:]}")


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def browser():
    executable = chromium_path()
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        chromium = await playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield chromium
        await chromium.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


class ChatPage:
    """The page as a person uses it: pick who you are, open a chat, write, tap."""

    def __init__(self, page, sandbox: Sandbox, artifacts: Path, prefix: str):
        self.page = page
        self.sandbox = sandbox
        self.artifacts = artifacts
        self.prefix = prefix
        self.errors: list[str] = []
        page.on("pageerror", lambda error: self.errors.append(str(error)))

    async def open(self) -> None:
        await self.page.goto(self.sandbox.url)
        await self.page.wait_for_selector("body.ready")
        await self.page.wait_for_selector("#status.online", timeout=10_000)

    async def act_as(self, name: str) -> None:
        await self.page.click("#me")
        await self.page.locator("#people .person", has_text=name).first.click()
        await self.page.wait_for_function(
            "name => document.querySelector('#me-name').textContent === name", arg=name)

    async def open_chat(self, title: str) -> None:
        await self.page.locator("#chats .chat-item", has_text=title).first.click()
        await self.page.wait_for_function(
            "title => document.querySelector('#chat-title').textContent.startsWith(title)", arg=title)

    async def say(self, text: str) -> None:
        await self.page.fill("#input", text)
        await self.page.press("#input", "Enter")

    def bubble(self, text: str):
        return self.page.locator("#messages .msg", has_text=text)

    async def wait_bubble(self, text: str, timeout: float = 20_000):
        locator = self.bubble(text).last
        await locator.wait_for(timeout=timeout)
        return locator

    async def shot(self, name: str) -> Path:
        path = self.artifacts / f"{self.prefix}-{name}.png"
        await self.page.screenshot(path=str(path))
        return path


@pytest_asyncio.fixture(loop_scope="module")
async def make_page(browser, sandbox, artifacts):
    contexts = []

    async def make(prefix: str, viewport: dict = DESKTOP) -> ChatPage:
        context = await browser.new_context(viewport=viewport, accept_downloads=True, locale="zh-CN",
                                            timezone_id="Asia/Shanghai")
        context.set_default_timeout(15_000)
        contexts.append(context)
        chat = ChatPage(await context.new_page(), sandbox, artifacts, prefix)
        await chat.open()
        return chat

    yield make
    for context in contexts:
        await context.close()
