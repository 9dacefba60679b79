"""A whole council, as a group would live it: open, seven proposals, voting by tap and by text, close."""

import re

from council.texts import Err
from tests.e2e.conftest import Group, settle


async def test_whole_council(telegram, run_bot):
    bot = await run_bot()
    group = Group(telegram)
    wang, (zhang, li, daye, chen, liu, zhao) = group.facilitator, group.residents

    group.say(wang, "/open 流浪狗扰民怎么办\n最近晚上总有狗叫，还追小孩")
    card = await group.bot_says("【议题】")
    assert "流浪狗扰民怎么办" in card["text"] and "最近晚上总有狗叫，还追小孩" in card["text"]
    assert re.search(r"征集建议：即日起至 \d+月\d+日（周.）\d\d:\d\d", card["text"])
    assert re.search(r"投票表决：至 \d+月\d+日（周.）\d\d:\d\d", card["text"])

    group.say(zhang, "建议：在3号楼西侧设固定投喂点")
    group.say(li, "建议:联系区里的流浪动物救助站")
    group.say(daye, "提议 晚上十点后不在楼下喂狗")
    group.say(chen, "#建议 给小区的狗统一打狂犬疫苗")
    group.say(liu, "/propose 遛狗必须牵绳")
    group.say(zhao, "门口装个监控看看是谁在喂", reply_to=card["message_id"])  # a reply to the card
    group.say(zhang, "建议：请物业和网格员一起巡查")
    for number in range(1, 8):
        await group.bot_says(f"【征集建议】已收到 #{number}")
    assert bot.scalar("SELECT COUNT(*) FROM proposals") == 7

    group.say(wang, "开始投票")
    ballot = await group.bot_says("【投票】")
    assert "#1 在3号楼西侧设固定投喂点 — 0票" in ballot["text"]
    assert len([b for row in ballot["reply_markup"]["inline_keyboard"] for b in row]) == 7

    first = group.tap(ballot, zhang, 1)
    assert (await group.answer_of(first))["text"] == "已投 #1，截止前可更改"
    group.tap(ballot, li, 1)
    group.say(daye, "投2")
    group.say(chen, "3号")
    group.tap(ballot, liu, 1)
    changed = group.tap(ballot, liu, 2)  # 刘叔 changes his mind: the last vote counts
    assert (await group.answer_of(changed))["text"] == "已投 #2，截止前可更改"
    group.say(zhao, "#1")
    await group.bot_says("的投票，截止前可以改票")  # typed votes are acknowledged (names, not choices)
    await telegram.wait_for(lambda: "#1 在3号楼西侧设固定投喂点 — 3票" in group.current(ballot)["text"], timeout=15)

    group.say(wang, "结束投票")
    result = await group.bot_says("【决议公示】")
    text = result["text"]
    assert "#1 在3号楼西侧设固定投喂点 — 3票 (50%)" in text
    assert "#2 联系区里的流浪动物救助站 — 2票 (33%)" in text
    assert "#3 晚上十点后不在楼下喂狗 — 1票 (17%)" in text
    assert "#4 给小区的狗统一打狂犬疫苗 — 0票 (0%)" in text
    assert "参与投票 6 人 · 本群 7 人" in text and "至少 3 人，已达到" in text
    assert "结果：#1 在3号楼西侧设固定投喂点 得票最多" in text
    await telegram.wait_for(lambda: (telegram.pinned_message(group.id) or {}).get("message_id") == result["message_id"])
    await telegram.wait_for(lambda: not group.current(ballot).get("reply_markup"), timeout=15)  # buttons gone
    assert "投票已结束" in group.current(ballot)["text"]
    assert telegram.count_calls(ok=False) == 0, [c for c in telegram.calls if not c["ok"]]
    assert "ready as @" in bot.log() and telegram.token not in bot.log()  # the token never reaches the log


async def test_deadlines_move_the_topic_without_commands(telegram, run_bot):
    await run_bot(collect_for="4s", vote_for="4s")
    group = Group(telegram, "合女士议事团")
    residents = group.residents
    await group.open_topic("高空抛物怎么防", "装朝上的监控", "每栋楼贴告示")
    ballot = await group.bot_says("【投票】", timeout=15)
    await group.answer_of(group.tap(ballot, residents[2], 2))
    result = await group.bot_says("【决议公示】", timeout=15)
    assert "#2 每栋楼贴告示 — 1票 (100%)" in result["text"]
    assert "至少 3 人，未达到" in result["text"] and "未达法定人数" in result["text"]
    await settle(1.0)
    assert group.posts("【投票】") == 1
    assert group.posts("【决议公示】") == 1


async def test_status_and_consent_ballot(telegram, run_bot):
    await run_bot(method="consent")
    group = Group(telegram, bot_admin=False, bot_can_pin=False)  # the bot may not pin here
    wang, residents = group.facilitator, group.residents
    group.say(wang, "发起议题 是否在3号楼西侧设固定投喂点")
    await group.bot_says("【议题】")
    group.say(residents[0], "进度")
    status = await group.bot_says("【议题进度】")
    assert "是否在3号楼西侧设固定投喂点" in status["text"] and "征集建议中" in status["text"]
    group.say(wang, "/vote")
    ballot = await group.bot_says("【投票】")
    labels = [b["text"] for row in ballot["reply_markup"]["inline_keyboard"] for b in row]
    assert labels == ["赞成", "反对", "弃权"]
    group.tap(ballot, residents[0], 1)
    group.say(residents[1], "同意👍")
    group.say(residents[2], "反对")
    group.say(residents[3], "我赞成楼上说的")  # chat, not a vote
    await telegram.wait_for(lambda: "赞成 — 2票" in group.current(ballot)["text"], timeout=15)
    group.say(wang, "/close")
    result = await group.bot_says("【决议公示】")
    assert "赞成 — 2票 (67%)" in result["text"] and "反对 — 1票 (33%)" in result["text"]
    assert "赞成多于反对，议题通过" in result["text"]
    assert telegram.pinned_message(group.id) is None  # no right to pin: published all the same
    assert Err.NOT_FACILITATOR not in " ".join(group.bot_texts())
