"""python bot.py --sandbox: try the bot with no Telegram account and no token.

Starts the local Bot API stand-in on 127.0.0.1, the real bot as its own process pointed at it (exactly as in
production; only TELEGRAM_BASE_URL differs), seeds a stairwell group, and plays a short council — topic,
proposals, voting, resolution — printing the group chat as residents would read it. Sandbox data lives in its
own database (data/sandbox/), started afresh each time, never in the production one.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import re
from datetime import datetime
from zoneinfo import ZoneInfo

from sandbox.botapi import BotApiServer
from sandbox.launcher import REPO, BotProcess

RESIDENTS = ["张阿姨", "李姐", "王大爷", "小陈宝妈", "刘叔"]
SHANGHAI = ZoneInfo("Asia/Shanghai")  # the bot's default locale.timezone: times in the chat match its deadlines


async def main(port: int = 8081, demo: bool = True, stay: bool = True) -> int:
    server = BotApiServer(bot_first_name="议事会助手")
    await server.start(port=port)
    workdir = REPO / "data" / "sandbox"
    for stale in ("council.db", "council.db-wal", "council.db-shm"):
        (workdir / stale).unlink(missing_ok=True)
    bot = BotProcess(server, workdir)
    printer = Transcript(server)
    try:
        await bot.start()
        print(f"沙盒已启动：本地 Bot API 在 {server.base_url}<token>/，机器人日志在 {bot.log_path}")
        if demo:
            await play_demo(server, printer)
        if stay:
            print("\n沙盒继续运行中，按 Ctrl-C 结束。")
            while bot.proc.poll() is None:
                printer.show_new()
                await asyncio.sleep(0.5)
            print(f"机器人进程已退出（{bot.proc.returncode}），日志：{bot.log_path}")
    finally:
        await bot.stop()
        await server.stop()
    return 0


async def play_demo(server: BotApiServer, printer: Transcript) -> None:
    wang = server.add_user("王社工")["id"]
    residents = [server.add_user(name)["id"] for name in RESIDENTS]
    group = server.create_group("永合社区 3幢2单元", members=[wang, *residents], admins=[wang], bot_admin=True,
                                bot_can_pin=True)
    printer.chat_id = group["id"]
    print(f"\n===== 群聊「{group['title']}」（王社工是群管理员，{len(residents)} 位居民）=====")

    async def say(user: int, text: str, wait_for: str, reply_to: int | None = None) -> dict:
        server.send_message(group["id"], user, text, reply_to_message_id=reply_to)
        message = await server.wait_for_bot_message(group["id"], wait_for, timeout=60)
        printer.show_new()
        return message

    card = await say(wang, "发起议题 流浪狗扰民怎么办\n最近晚上总有狗叫，还追小孩，大家出出主意", "【议题】")
    await say(residents[0], "建议：在3号楼西侧设固定投喂点", "已收到 #1")
    await say(residents[1], "建议:联系区里的流浪动物救助站", "已收到 #2")
    await say(residents[2], "遛狗必须牵绳，晚上十点后不在楼下喂狗", "已收到 #3", reply_to=card["message_id"])
    ballot = await say(wang, "开始投票", "【投票】")
    for resident, option in [(residents[0], 1), (residents[1], 2), (residents[3], 1)]:
        query = server.press_button(group["id"], ballot["message_id"], resident, data=f"v:{_topic(ballot)}:{option}")
        answer = await server.wait_for(lambda q=query: server.callback_answer(q), timeout=30)
        print(f"  （{_name(server, resident)} 点了按钮 #{option}，提示：{answer['text']}）")
    await say(residents[4], "投1", "的投票")
    await say(wang, "结束投票", "【决议公示】")
    print("\n----- 【投票】消息的最终样子 -----")
    await asyncio.sleep(6)  # the ballot's last edit is debounced
    final = next(m for m in server.bot_messages(group["id"]) if m["message_id"] == ballot["message_id"])
    print(_indent(final.get("text", "")))
    pinned = server.pinned_message(group["id"])
    if pinned:
        print(f"\n置顶消息：{pinned.get('text', '').splitlines()[0]}")


class Transcript:
    """Prints a group's messages once each, the way the chat shows them."""

    def __init__(self, server: BotApiServer):
        self.server = server
        self.chat_id: int | None = None
        self.shown: set[int] = set()

    def show_new(self) -> None:
        if self.chat_id is None:
            return
        for message in self.server.chat_history(self.chat_id):
            if message["message_id"] in self.shown or "text" not in message:
                continue
            self.shown.add(message["message_id"])
            sender = message.get("from", {}).get("first_name", "?")
            when = datetime.fromtimestamp(message["date"], SHANGHAI).strftime("%H:%M")
            text = html.unescape(message["text"])
            buttons = message.get("reply_markup", {}).get("inline_keyboard", [])
            print(f"\n[{when}] {sender}：")
            print(_indent(text))
            if buttons:
                print("  " + "  ".join(f"[{b['text']}]" for row in buttons for b in row))


def _topic(ballot: dict) -> str:
    data = ballot["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    return re.match(r"v:(\d+):", data).group(1)


def _name(server: BotApiServer, user_id: int) -> str:
    return server.users[user_id]["first_name"]


def _indent(text: str) -> str:
    return "\n".join("  " + line for line in text.splitlines())


def run(port: int = 8081, demo: bool = True) -> int:
    with contextlib.suppress(KeyboardInterrupt):
        return asyncio.run(main(port, demo))
    return 0


if __name__ == "__main__":
    run()
