"""The chat page's HTTP side without a browser: state, actions, the event stream, files, and `bot.py --sandbox`.

The bot here is a python-telegram-bot client on the stand-in's token (fast, and it does exactly what a test asks);
the real bot process is exercised by the browser tests and by the command-line test at the end.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import time

import httpx
import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup

from sandbox.botapi import BotApiServer
from sandbox.cast import FACILITATOR, STAFF_CHAT, STAIRWELL, WOMEN, seed
from sandbox.launcher import REPO
from sandbox.webchat import WebChat


@pytest.fixture
async def site():
    server = BotApiServer()
    cast = seed(server)
    web = WebChat(server, cast)
    await server.start()
    web.start()
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{server.port}", timeout=10) as http, \
            Bot(server.token, base_url=server.base_url) as bot:
        yield Site(server, cast, web, http, bot)
    await web.stop()
    await server.stop()


class Site:
    def __init__(self, server, cast, web, http, bot):
        self.server, self.cast, self.web, self.http, self.bot = server, cast, web, http, bot

    async def state(self) -> dict:
        response = await self.http.get("/api/state")
        assert response.status_code == 200
        return response.json()

    async def post(self, path: str, body: dict, status: int = 200) -> dict:
        response = await self.http.post(path, json=body)
        assert response.status_code == status, response.text
        return response.json()

    async def events(self, since: int, kinds: set[str], count: int, headers: dict | None = None) -> list[dict]:
        """The first `count` events of the given kinds from the stream, from `since` on."""
        found: list[dict] = []
        async with self.http.stream("GET", f"/api/events?since={since}", headers=headers or {}) as response:
            assert response.headers["content-type"].startswith("text/event-stream")
            kind, data, seq = None, None, None
            async for line in response.aiter_lines():
                if line.startswith("event: "):
                    kind = line[7:]
                elif line.startswith("data: "):
                    data = json.loads(line[6:])
                elif line.startswith("id: "):
                    seq = int(line[4:])
                elif line == "" and kind is not None:
                    if kind in kinds:
                        found.append({**data, "event": kind, "seq": seq})
                        if len(found) == count:
                            return found
                    kind = data = seq = None
        return found


async def test_state_has_the_seeded_people_and_chats(site):
    state = await site.state()
    titles = {chat["title"] for chat in state["chats"] if chat["type"] != "private"}
    assert titles == {STAIRWELL, WOMEN, STAFF_CHAT}
    roles = {person["name"]: person["role"] for person in state["people"]}
    assert roles[FACILITATOR] == "facilitator" and roles["周主任"] == "staff"
    assert {"张阿姨", "李姐", "王大爷", "小陈宝妈"} <= {n for n, r in roles.items() if r == "resident"}
    stairwell = next(c for c in state["chats"] if c["title"] == STAIRWELL)
    assert stairwell["admins"] == [site.cast.facilitator] and stairwell["bot_admin"]
    privates = [c for c in state["chats"] if c["type"] == "private"]
    assert len(privates) == len(state["people"]) and not any(c["started"] for c in privates)
    created = state["messages"][str(site.cast.stairwell)][0]
    assert created["kind"] == "service" and created["text"] == f"王社工 创建了群聊“{STAIRWELL}”"
    assert state["cast"]["stairwell"] == site.cast.stairwell and state["timezone"] == "Asia/Shanghai"


async def test_people_can_only_do_what_telegram_lets_them(site):
    cast, zhao = site.cast, site.cast.residents["赵奶奶"]
    sent = await site.post("/api/send", {"chat_id": cast.stairwell, "user_id": cast.residents["张阿姨"],
                                         "text": "建议：楼道装感应灯"})
    assert site.server.chat_history(cast.stairwell)[-1]["message_id"] == sent["message_id"]
    not_member = await site.post("/api/send", {"chat_id": cast.stairwell, "user_id": zhao, "text": "你好"}, 400)
    assert not_member["error"] == "你不在这个群里。"
    assert (await site.post("/api/send", {"chat_id": cast.stairwell, "user_id": zhao, "text": "  "}, 400))["error"]
    too_long = await site.post("/api/send", {"chat_id": cast.women, "user_id": zhao, "text": "长" * 4097}, 400)
    assert "4096" in too_long["error"]
    others = await site.post("/api/send", {"chat_id": cast.facilitator, "user_id": zhao, "text": "/start"}, 400)
    assert others["error"] == "这是别人的私聊。"
    # The bot cannot write first in a private chat; the person's /start opens it.
    with pytest.raises(Exception, match="can't initiate conversation"):
        await site.bot.send_message(zhao, "你好")
    await site.post("/api/send", {"chat_id": zhao, "user_id": zhao, "text": "/start"})
    await site.bot.send_message(zhao, "您好")
    # Only a button the message offers right now can be tapped.
    card = await site.bot.send_message(cast.women, "【投票】", reply_markup=InlineKeyboardMarkup(
        [[InlineKeyboardButton("#1 设固定投喂点", callback_data="v:1:1")]]))
    tap = {"chat_id": cast.women, "message_id": card.message_id, "user_id": zhao, "text": "#1 设固定投喂点"}
    forged = await site.post("/api/press", {**tap, "data": "v:1:2"}, 400)
    assert "按钮" in forged["error"]
    assert (await site.post("/api/press", {**tap, "data": "v:1:1"}))["query_id"]
    reply_elsewhere = {"chat_id": cast.women, "user_id": zhao, "text": "好", "reply_to": 999_999}
    assert (await site.post("/api/send", reply_elsewhere, 400))["error"]


async def test_events_carry_new_and_edited_messages_pins_and_answers(site):
    cast = site.cast
    seq = (await site.state())["seq"]
    zhang = cast.residents["张阿姨"]

    async def bot_side():
        await asyncio.sleep(0.2)
        message = await site.bot.send_message(cast.stairwell, "<b>【投票】</b>流浪狗 — 0票", parse_mode="HTML",
                                               reply_markup=InlineKeyboardMarkup(
                                                   [[InlineKeyboardButton("#1", callback_data="v:1:1")]]))
        pressed = await site.post("/api/press", {"chat_id": cast.stairwell, "message_id": message.message_id,
                                                 "user_id": zhang, "text": "#1", "data": "v:1:1"})
        updates = await site.bot.get_updates()
        query = next(u.callback_query for u in updates if u.callback_query)
        assert query.id == pressed["query_id"] and query.from_user.first_name == "张阿姨"
        await query.answer("已投 #1，截止前可更改")
        await site.bot.edit_message_text("<b>【投票】</b>流浪狗 — 1票", chat_id=cast.stairwell,
                                         message_id=message.message_id, parse_mode="HTML",
                                         reply_markup=message.reply_markup)
        await site.bot.pin_chat_message(cast.stairwell, message.message_id)
        return message

    task = asyncio.create_task(bot_side())
    events = await asyncio.wait_for(site.events(seq, {"message", "pin", "answer"}, 5), 10)
    message = await task
    new, answer, edited, pin = events[0], events[1], events[2], next(e for e in events if e["event"] == "pin")
    assert new["event"] == "message" and new["kind"] == "bot" and new["id"] == message.message_id and not new["edited"]
    assert new["text"] == "【投票】流浪狗 — 0票" and new["entities"] == [{"type": "bold", "offset": 0, "length": 4}]
    assert new["buttons"] == [[{"text": "#1", "callback_data": "v:1:1"}]] and new["from"]["name"] == "议事会助手"
    assert answer["event"] == "answer" and answer["text"] == "已投 #1，截止前可更改" and answer["user_id"] == zhang
    assert not answer["show_alert"] and answer["source"] == "page"
    assert edited["event"] == "message" and edited["edited"] and edited["text"].endswith("1票")
    assert edited["buttons"], "the tally edit kept its buttons"
    assert pin["message_id"] == message.message_id
    assert any(e["event"] == "message" and e["text"] == "议事会助手 置顶了一条消息：【投票】流浪狗 — 1票" for e in events)
    # A reconnecting page says where it stopped (Last-Event-ID) and gets only what came after.
    kinds = {"message", "pin", "answer"}
    later = await asyncio.wait_for(site.events(0, kinds, 1, {"Last-Event-ID": str(new["seq"])}), 10)
    assert later[0]["seq"] == answer["seq"]


async def test_documents_download_and_the_bot_api_shares_the_port(site):
    report = "组,议题\n3幢2单元,1\n".encode()
    sent = await site.bot.send_document(site.cast.staff_chat, report, filename="简报 第1周.csv")
    view = (await site.state())["messages"][str(site.cast.staff_chat)][-1]
    assert view["document"]["name"] == "简报 第1周.csv" and view["document"]["size"] == len(report)
    response = await site.http.get(view["document"]["url"])
    assert response.status_code == 200 and response.content == report
    assert response.headers["content-disposition"] == "attachment; filename*=UTF-8''%E7%AE%80%E6%8A%A5%20%E7%AC%AC1%E5%91%A8.csv"
    assert sent.document.file_name == "简报 第1周.csv"
    assert (await site.http.get("/files/nope")).status_code == 404
    # The Bot API answers beside the page, and what is neither still gets the Bot API's 404.
    me = (await site.http.get(f"/bot{site.server.token}/getMe")).json()
    assert me["ok"] and me["result"]["first_name"] == "议事会助手"
    missing = await site.http.get("/nothing-here")
    assert missing.status_code == 404 and missing.json() == {"ok": False, "error_code": 404, "description": "Not Found"}
    page = await site.http.get("/")
    assert page.status_code == 200 and "议事会助手" in page.text
    style = await site.http.get("/static/app.css")
    assert style.headers["content-type"].startswith("text/css")
    assert "http" not in page.text and "http" not in style.text and "@import" not in style.text  # offline: nothing external
    assert (await site.http.get("/static/..%2Fwebchat.py")).status_code == 404


async def test_a_new_resident_joins_the_open_group(site):
    added = await site.post("/api/people", {"chat_id": site.cast.women, "name": ""})
    user = added["user"]
    assert user["role"] == "resident" and user["name"] == "孙阿姨"
    assert user["id"] in site.server.chats[site.cast.women].members
    assert site.server.chat_history(site.cast.women)[-1]["new_chat_members"][0]["first_name"] == "孙阿姨"
    named = await site.post("/api/people", {"chat_id": site.cast.stairwell, "name": "郑老师"})
    assert named["user"]["name"] == "郑老师"
    assert (await site.post("/api/people", {"chat_id": site.cast.facilitator, "name": "某人"}, 400))["error"]
    state = await site.state()
    assert {"孙阿姨", "郑老师"} <= {p["name"] for p in state["people"]}


@pytest.mark.parametrize("sigint", [signal.SIG_DFL, signal.SIG_IGN], ids=["from a terminal", "started with &"])
def test_sandbox_command_line_serves_the_page_and_keeps_production_data_apart(tmp_path, sigint):
    """`python bot.py --sandbox --port 0`: page and Bot API on one port, the real bot polling, data in its own
    folder; COUNCIL_DB (the production database) is never touched. Ctrl-C ends it cleanly, also when a shell started
    it in the background (SIGINT inherited as ignored: asyncio.run alone would not hear it, and the test hung)."""
    production = tmp_path / "council.db"
    env = {**os.environ, "COUNCIL_DB": str(production), "SANDBOX_DIR": str(tmp_path / "sandbox"),
           "BOT_TOKEN": "", "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen([sys.executable, "bot.py", "--sandbox", "--port", "0"], cwd=REPO, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, sigint))
    try:
        line = process.stdout.readline()
        assert "沙盒已启动" in line, line + process.stdout.read()
        url = line.split("打开 ")[1].strip()
        with httpx.Client(base_url=url, timeout=10) as http:
            assert "议事会助手" in http.get("/").text
            for _ in range(100):
                if http.get("/api/state").json()["bot_online"]:
                    break
                time.sleep(0.1)
            state = http.get("/api/state").json()
            assert state["bot_online"], "the bot did not start polling"
            assert http.get("/bot123456:TEST-TOKEN/getMe").json()["ok"]
        assert (tmp_path / "sandbox" / "council.db").exists()
        assert not production.exists()
    finally:
        process.send_signal(signal.SIGINT)
        output, _ = process.communicate(timeout=60)  # generous: the suite loads both cores
    assert process.returncode == 0, output
    assert not production.exists()


async def test_a_deep_link_to_the_bot_opens_the_private_chat_with_its_payload(site):
    zhao = site.cast.residents["赵奶奶"]
    opened = await site.post("/api/link", {"user_id": zhao, "url": f"https://t.me/{site.server.bot_username}?start=p7"})
    assert opened["chat_id"] == zhao and site.server.chat_history(zhao)[-1]["text"] == "/start p7"
    elsewhere = await site.post("/api/link", {"user_id": zhao, "url": "https://t.me/someone_else_bot?start=p7"}, 400)
    assert elsewhere["error"]

