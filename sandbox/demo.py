"""The demo: a whole council in a fresh stairwell group in about a minute, acted through the page's own actions.

Five steps: a topic, proposals (one a near-duplicate of another), a little discussion, voting by button and by a
typed "投3", and the resolution, pinned. Only the people are scripted: every answer on the page is what the real bot
sent. If the bot does not catch the near-duplicate (【相似建议】), it is recorded as one more proposal and the
demo goes on. About 13 bot messages in the group, below the bot's own pace of 19 a minute per group.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from .cast import demo_group

if TYPE_CHECKING:
    from .webchat import WebChat

TOPIC = "发起议题 流浪狗扰民怎么办\n最近晚上总有狗叫，还追过小孩，大家出出主意。"
PROPOSALS = [
    ("张阿姨", "建议：在3号楼西侧设一个固定投喂点，别让狗满小区跑"),
    ("李姐", "建议:联系区里的流浪动物救助站，把狗接走送去领养"),
    ("王大爷", "晚上十点以后别在楼下喂狗，遛狗一律牵绳"),  # sent as a reply to the 【议题】 card
    ("小陈宝妈", "建议：3号楼西边弄个固定喂狗的地方，狗就不会到处跑了"),  # near-duplicate of 张阿姨's
]
CHAT = [
    ("刘叔", "投喂点会不会招来更多的狗？"),
    ("张阿姨", "救助站的电话我有，可以先问问他们收不收"),
]
TAPS = [("张阿姨", 0), ("李姐", 1), ("小陈宝妈", 0)]  # (who, which button of the ballot)
BOT_TIMEOUT = 40.0


class DemoStopped(Exception):
    pass


async def play(web: WebChat, pause: float = 3.0) -> int:
    """Play the demo; returns the group's chat id. `pause` is the reading time between two steps (seconds)."""
    server, cast = web.server, web.cast
    chat = demo_group(server, cast)
    web.poke()
    people = {**cast.residents, "王社工": cast.facilitator}
    last_bot = 0

    async def wait_bot(after: int, *headers: str) -> dict:
        nonlocal last_bot

        def find() -> dict | None:
            for message in server.bot_messages(chat):
                text = message.get("text", "")
                if message["message_id"] > after and (not headers or text.startswith(headers)):
                    return message
            return None

        try:
            found = await server.wait_for(find, timeout=BOT_TIMEOUT)
        except TimeoutError:
            waited = "/".join(headers) or "回复"
            why = f"机器人 {BOT_TIMEOUT:.0f} 秒没有回应（等的是{waited}），请看 bot.log。"
            web.caption(chat, "演示中断", why, "failed")
            raise DemoStopped(headers) from None
        last_bot = max(last_bot, found["message_id"])
        return found

    async def say(name: str, text: str, reply_to: int | None = None) -> int:
        await asyncio.sleep(pause / 2)
        return web.say(chat, people[name], text, reply_to)["message_id"]

    def step(title: str, text: str) -> None:
        web.caption(chat, title, text)

    try:
        step("第1步 提出议题", "王社工是群管理员，他发「发起议题 标题」，机器人发出【议题】。")
        await asyncio.sleep(pause)
        card = await wait_bot(await say("王社工", TOPIC), "【议题】")

        step("第2步 征集建议", "居民直接发「建议：…」，或回复【议题】消息；机器人逐条编号登记。")
        await asyncio.sleep(pause)
        for name, text in PROPOSALS[:3]:
            reply = card["message_id"] if name == "王大爷" else None
            await wait_bot(await say(name, text, reply), "【征集建议】", "【相似建议】")
        step("第2步 征集建议", "小陈宝妈的建议和张阿姨的 #1 意思一样：看机器人能不能认出来。")
        await asyncio.sleep(pause)
        name, text = PROPOSALS[3]
        answer = await wait_bot(await say(name, text), "【征集建议】", "【相似建议】")
        if answer["text"].startswith("【相似建议】") and answer.get("reply_markup"):
            await asyncio.sleep(pause)
            first = answer["reply_markup"]["inline_keyboard"][0][0]
            web.tap(chat, answer["message_id"], people[name], first["text"], first.get("callback_data"), "demo")

        step("第3步 协商讨论", "大家在群里商量。普通聊天机器人不插话。")
        for name, text in CHAT:
            await say(name, text)
        await asyncio.sleep(pause)

        step("第4步 投票表决", "王社工发「开始投票」；居民点按钮，或直接发「投3」。票数过几秒自动更新。")
        await asyncio.sleep(pause)
        ballot = await wait_bot(await say("王社工", "开始投票"), "【投票】")
        buttons = [row[0] for row in ballot.get("reply_markup", {}).get("inline_keyboard", []) if row]
        for name, index in TAPS:
            if index < len(buttons):
                await asyncio.sleep(pause / 2)
                button = buttons[index]
                web.tap(chat, ballot["message_id"], people[name], button["text"], button.get("callback_data"),
                        "demo")
        await wait_bot(await say("王大爷", "投3"))  # "✅ 已记下 …", or why not
        await say("刘叔", "我也投1号")
        await asyncio.sleep(max(pause * 2, 1.0))

        step("第5步 决议公示", "王社工发「结束投票」：机器人公布每条建议的票数和是否达到法定人数，并置顶。")
        await asyncio.sleep(pause)
        result = await wait_bot(await say("王社工", "结束投票"), "【决议公示】")
        try:
            await server.wait_for(lambda: (server.pinned_message(chat) or {}).get("message_id")
                                  == result["message_id"], timeout=10)
        except TimeoutError:
            pass  # not pinned: the group shows it anyway; /setup would say why
        web.caption(chat, "演示结束", "五步走完了。点上面的名字换个身份，在群里自己试一试。", "done")
    except DemoStopped:
        pass
    return chat
