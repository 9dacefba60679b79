"""End-to-end: the real bot.py process talks HTTP to the local Bot API stand-in, exactly as in production."""

from __future__ import annotations

import asyncio

import pytest

from sandbox.botapi import BotApiServer
from sandbox.launcher import BotProcess

RESIDENT_NAMES = ["张阿姨", "李姐", "王大爷", "小陈宝妈", "刘叔", "赵奶奶"]


@pytest.fixture
async def telegram():
    server = BotApiServer()
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
async def run_bot(telegram, tmp_path, request):
    started: list[BotProcess] = []

    async def run(extra_toml: str = "", **settings) -> BotProcess:
        if "[schedule]" not in extra_toml:
            # The default quiet hours (22:00-07:00 Shanghai) would hold every post a test waits for when
            # the suite runs late in the evening; tests about quiet hours set their own.
            extra_toml += '\n[schedule]\nquiet_hours = "off"\n'
        bot = BotProcess(telegram, tmp_path / "bot", settings, extra_toml)
        await bot.start()
        started.append(bot)
        return bot

    yield run
    for bot in started:
        await bot.stop()
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        for bot in started:
            print(f"----- bot log ({bot.log_path}) -----\n{bot.log()[-20000:]}")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when == "call":
        item.rep_call = report


class Group:
    """A council group in the stand-in: a facilitator (王社工, an administrator) and six residents."""

    def __init__(self, server: BotApiServer, title: str = "永合社区 3幢2单元", residents: int = 6, **rights):
        self.server = server
        self.facilitator = server.add_user("王社工")["id"]
        names = RESIDENT_NAMES + [f"居民{n}" for n in range(len(RESIDENT_NAMES), residents)]
        self.residents = [server.add_user(name)["id"] for name in names[:residents]]
        rights = {"bot_admin": True, "bot_can_pin": True, **rights}
        self.chat = server.create_group(title, members=[self.facilitator, *self.residents],
                                        admins=[self.facilitator], **rights)
        self.id = self.chat["id"]

    def say(self, user_id: int, text: str, reply_to: int | None = None) -> dict:
        return self.server.send_message(self.id, user_id, text, reply_to_message_id=reply_to)

    async def bot_says(self, contains: str, after: int = 0, timeout: float = 15.0) -> dict:
        """The first bot message after `after` containing the text; a 【header】 must start the message."""
        def find():
            for message in self.server.bot_messages(self.id):
                text = message.get("text", "")
                found = text.startswith(contains) if contains.startswith("【") else contains in text
                if message["message_id"] > after and found:
                    return message
            return None

        try:
            return await self.server.wait_for(find, timeout=timeout)
        except TimeoutError:
            raise AssertionError(f"no bot message with {contains!r}; bot said: {self.bot_texts()[-5:]}") from None

    async def open_topic(self, title: str, *proposals: str) -> dict:
        """The facilitator opens a topic, residents post the proposals in turn; returns the 【议题】 card."""
        after = max((m["message_id"] for m in self.server.bot_messages(self.id)), default=0)
        self.say(self.facilitator, f"发起议题 {title}")
        card = await self.bot_says("【议题】", after=after)
        for index, text in enumerate(proposals):
            self.say(self.residents[index % len(self.residents)], f"建议：{text}")
        if proposals:
            await self.bot_says(f"已收到 #{len(proposals)}", after=card["message_id"])
        return card

    def bot_texts(self) -> list[str]:
        return [m.get("text", "") for m in self.server.bot_messages(self.id)]

    def posts(self, header: str) -> int:
        """How many bot messages start with this header (a ballot may mention 【决议公示】 in its text)."""
        return sum(text.startswith(header) for text in self.bot_texts())

    def tap(self, message: dict, user_id: int, option: int) -> str:
        data = next(b["callback_data"] for row in message["reply_markup"]["inline_keyboard"] for b in row
                    if b["callback_data"].endswith(f":{option}"))
        return self.server.press_button(self.id, message["message_id"], user_id, data=data)

    def current(self, message: dict) -> dict:
        return next(m for m in self.server.bot_messages(self.id) if m["message_id"] == message["message_id"])

    async def answer_of(self, query_id: str, timeout: float = 10.0) -> dict:
        return await self.server.wait_for(lambda: self.server.callback_answer(query_id), timeout=timeout)


async def settle(seconds: float) -> None:
    """Give the bot time to (not) do something, for assertions that something did not happen."""
    await asyncio.sleep(seconds)
