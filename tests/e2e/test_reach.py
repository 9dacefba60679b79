"""Reaching residents one by one, end to end: 我的 in private, 提醒我, and 举报 — the real bot and the stand-in."""

from __future__ import annotations

from tests.e2e.conftest import Group, settle
from tests.e2e.test_schedules import schedule_toml


def private_messages(telegram, user_id: int, start: str) -> list[dict]:
    return [m for m in telegram.bot_messages(user_id) if m.get("text", "").startswith(start)]


async def test_a_resident_votes_from_mine_in_private_and_the_group_tally_shows_it(telegram, run_bot):
    bot = await run_bot()
    group = Group(telegram)
    wang, chen, liu = group.facilitator, group.residents[3], group.residents[4]
    await group.open_topic("流浪狗扰民怎么办", "在3号楼西侧设固定投喂点", "联系救助站")
    group.say(wang, "开始投票")
    ballot = await group.bot_says("【投票】")
    group.say(chen, "我晚上再看看")  # chat among neighbours: the bot now knows 小陈宝妈 is in this group
    group.say(liu, "好的")
    await telegram.wait_for(lambda: bot.scalar("SELECT COUNT(*) FROM residents") >= 2, timeout=10)

    telegram.private_chat(chen)
    telegram.send_message(chen, chen, "我的")
    private = await telegram.wait_for(lambda: private_messages(telegram, chen, "【投票】"), timeout=10)
    summary = private_messages(telegram, chen, "【我的议事】")[0]
    assert "有 1 个投票等您参与" in summary["text"]
    assert "永合社区 3幢2单元" in private[0]["text"] and "#2 联系救助站" in private[0]["text"]
    assert "0票" not in private[0]["text"]  # no counts in private

    query = telegram.press_button(chen, private[0]["message_id"], chen, data=f"pv:{_topic_id(bot)}:2")
    assert (await telegram.wait_for(lambda: telegram.callback_answer(query)))["text"] == "已投 #2，截止前可更改"
    await telegram.wait_for(lambda: "#2 联系救助站 — 1票" in group.current(ballot)["text"], timeout=15)
    edited = await telegram.wait_for(
        lambda: [m for m in telegram.bot_messages(chen) if "✅ 您已投：#2" in m.get("text", "")], timeout=10)
    assert edited[0]["message_id"] == private[0]["message_id"]
    assert bot.scalar("SELECT via FROM votes WHERE voter_id = ?", (chen,)) == "private"

    telegram.send_message(chen, chen, "/mine")  # voted: nothing waits for her any more
    await telegram.wait_for(lambda: any("没有等您投票的表决" in m.get("text", "")
                                        for m in telegram.bot_messages(chen)), timeout=10)

    telegram.remove_member(group.id, liu)  # 刘叔 left the group: its ballots are not his to see
    telegram.private_chat(liu)
    telegram.send_message(liu, liu, "/mine")
    await telegram.wait_for(lambda: telegram.bot_messages(liu), timeout=10)
    await settle(1)
    assert not private_messages(telegram, liu, "【投票】")
    assert "没有等您投票的表决" in telegram.bot_messages(liu)[0]["text"]


async def test_remindme_reaches_the_non_voter_privately_and_not_the_voter(telegram, run_bot):
    bot = await run_bot(schedule_toml(reminders='["6s"]'), collect_for="6s", vote_for="16s")
    group = Group(telegram)
    daye, chen, liu, zhao = group.residents[2:6]
    for user in (daye, chen, liu, zhao):
        group.say(user, "收到")
        telegram.private_chat(user)
        telegram.send_message(user, user, "提醒我")
    for user in (daye, chen, liu, zhao):
        await telegram.wait_for(lambda user=user: any("已打开私下提醒" in m.get("text", "")
                                                      for m in telegram.bot_messages(user)), timeout=10)
    telegram.send_message(zhao, zhao, "不用提醒")
    telegram.block_bot(daye)  # 王大爷 blocked the bot: his reminder fails with 403 and his reminders stop
    await telegram.wait_for(lambda: any("已关闭" in m.get("text", "") for m in telegram.bot_messages(zhao)))
    card = await group.open_topic("楼道堆物", "清理杂物", "贴告示")
    ballot = await group.bot_says("【投票】", after=card["message_id"], timeout=15)
    group.tap(ballot, liu, 1)  # 刘叔 votes in the group

    reminder = await telegram.wait_for(lambda: private_messages(telegram, chen, "【提醒】"), timeout=15)
    assert "议题1「楼道堆物」投票还剩" in reminder[0]["text"] and "您还没有投票" in reminder[0]["text"]
    assert len(reminder[0]["reply_markup"]["inline_keyboard"]) == 2  # she can vote right there
    await group.bot_says("【决议公示】", after=ballot["message_id"], timeout=20)
    assert len(private_messages(telegram, chen, "【提醒】")) == 1
    assert not private_messages(telegram, liu, "【提醒】") and not private_messages(telegram, zhao, "【提醒】")
    assert all("小陈" not in text for text in group.bot_texts())  # nobody else learns who has not voted
    assert bot.scalar("SELECT COUNT(*) FROM private_users WHERE remind = 1") == 2  # 小陈宝妈 and 刘叔
    assert bot.scalar("SELECT COUNT(*) FROM private_users WHERE user_id = ?", (daye,)) == 0


async def test_three_reports_hide_a_proposal_and_a_facilitator_restores_it(telegram, run_bot):
    await run_bot()
    group = Group(telegram)
    wang, (zhang, li, daye, chen, liu, zhao) = group.facilitator, group.residents
    card = await group.open_topic("流浪狗扰民怎么办", "在3号楼西侧设固定投喂点")
    bad = group.say(li, "建议：把狗都毒死算了")
    ack = await group.bot_says("【征集建议】已收到 #2", after=card["message_id"])
    group.say(wang, "开始投票")
    ballot = await group.bot_says("【投票】")
    group.tap(ballot, liu, 2)
    await telegram.wait_for(lambda: "— 1票" in group.current(ballot)["text"], timeout=15)

    group.say(li, "举报", reply_to=bad["message_id"])
    await group.bot_says("自己的建议")
    telegram.private_chat(daye)
    telegram.send_message(daye, daye, "帮助")  # 王大爷 talks to the bot privately: his answer comes there
    group.say(daye, "举报 太吓人了", reply_to=bad["message_id"])
    await telegram.wait_for(lambda: any("举报是匿名的" in m.get("text", "") for m in telegram.bot_messages(daye)))
    group.say(daye, "举报", reply_to=ack["message_id"])
    await group.bot_says("已经举报过")
    group.say(chen, "举报", reply_to=ack["message_id"])
    await group.bot_says("举报人不公开")
    group.say(zhao, "举报", reply_to=bad["message_id"])
    notice = await group.bot_says("【举报】")
    assert "#2 被 3 位邻居举报" in notice["text"] and "1 票暂时搁置" in notice["text"]
    await telegram.wait_for(lambda: "把狗都毒死" not in group.current(ballot)["text"], timeout=15)
    assert "王大爷" not in notice["text"] and "赵奶奶" not in notice["text"]

    refused = telegram.press_button(group.id, notice["message_id"], zhang, text="恢复")
    assert "只有议事员" in (await group.answer_of(refused))["text"]
    telegram.press_button(group.id, notice["message_id"], wang, text="恢复")
    await telegram.wait_for(lambda: "已由 王社工 恢复" in group.current(notice)["text"], timeout=15)
    assert not group.current(notice).get("reply_markup")
    await telegram.wait_for(lambda: "#2 把狗都毒死算了 — 1票" in group.current(ballot)["text"], timeout=15)


def _topic_id(bot) -> int:
    return bot.scalar("SELECT MAX(id) FROM topics")
