"""Follow-up (执行监督) end to end: the real bot records action items after a resolution, owners and facilitators
update them with a tap or with 「完成 N」, others are refused, and an overdue item is reminded once."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from council.action_texts import ActionErr
from tests.e2e.conftest import Group, settle

TZ = ZoneInfo("Asia/Shanghai")
# Quiet hours off and the follow-up check every two seconds: a real council keeps "09:00".
FOLLOW_UP = '[schedule]\nquiet_hours = "off"\nfollow_up = "*/2 * * * * *"\n'


def buttons(message: dict) -> dict[str, str]:
    return {b["text"]: b["callback_data"] for row in message["reply_markup"]["inline_keyboard"] for b in row}


async def resolved(group: Group) -> dict:
    """A topic taken through to its 【决议公示】."""
    await group.open_topic("流浪狗扰民怎么办", "在3号楼西侧设固定投喂点", "联系救助站")
    group.say(group.facilitator, "开始投票")
    ballot = await group.bot_says("【投票】")
    group.tap(ballot, group.residents[0], 1)
    group.say(group.facilitator, "结束投票")
    return await group.bot_says("【决议公示】")


async def test_items_are_recorded_updated_and_reminded_when_overdue(telegram, run_bot):
    bot = await run_bot(FOLLOW_UP)
    owner = telegram.add_user("李姐", username="lijie88")["id"]
    group = Group(telegram)
    telegram.add_member(group.id, owner)
    zhang = group.residents[0]

    resolution = await resolved(group)
    group.say(group.facilitator, "事项 在3号楼西侧设投喂点 @物业 下周五", reply_to=resolution["message_id"])
    added = await group.bot_says("【执行监督】议题1「流浪狗扰民怎么办」新增执行事项")
    assert "事项1：在3号楼西侧设投喂点" in added["text"] and "负责：物业" in added["text"]
    assert set(buttons(added)) == {"进行中", "已完成", "搁置"}

    refused = telegram.press_button(group.id, added["message_id"], zhang, text="已完成")
    answer = await group.answer_of(refused)
    assert (answer["text"], answer["show_alert"]) == (ActionErr.NOT_ALLOWED, True)
    tapped = telegram.press_button(group.id, added["message_id"], group.facilitator, text="进行中")
    assert (await group.answer_of(tapped))["text"] == "已更新：事项1 进行中"
    moved = await group.bot_says("【执行监督】事项1 进行中", after=added["message_id"])
    assert "更新：王社工 · 待办 → 进行中" in moved["text"] and set(buttons(moved)) == {"已完成", "搁置"}

    group.say(group.facilitator, "/action 联系救助站 @lijie88 2099-12-31")
    second = await group.bot_says("事项2：联系救助站", after=moved["message_id"])
    assert "负责：@lijie88 · 截止：2099年12月31日（周四）" in second["text"]
    group.say(zhang, "完成 2")
    await group.bot_says(ActionErr.NOT_ALLOWED, after=second["message_id"])
    group.say(owner, "完成 2 已和救助站约好")
    done = await group.bot_says("【执行监督】事项2 已完成 ✅", after=second["message_id"])
    assert "更新：李姐 · 待办 → 已完成" in done["text"] and "备注：已和救助站约好" in done["text"]
    assert "reply_markup" not in done or not done["reply_markup"]

    group.say(group.facilitator, "事项 张贴告示 社区 13月45日")
    await group.bot_says("截止日期看不懂")
    soon = datetime.now(TZ) + timedelta(seconds=5)
    group.say(group.facilitator, f"事项 张贴告示 社区 {soon.month}月{soon.day}日 {soon:%H:%M:%S}")
    third = await group.bot_says("事项3：张贴告示", after=done["message_id"])
    reminder = await group.bot_says("【执行监督】事项提醒", after=third["message_id"], timeout=20)
    assert "已逾期：" in reminder["text"] and "事项3 张贴告示" in reminder["text"]
    assert "事项1" not in reminder["text"]  # due next week: not reminded
    await settle(5)
    assert group.posts("【执行监督】事项提醒") == 1  # once, though the check ran again and again

    group.say(zhang, "执行情况")
    listing = await group.bot_says("【执行监督】执行情况", after=reminder["message_id"])
    assert "事项1 在3号楼西侧设投喂点" in listing["text"] and "事项3 张贴告示" in listing["text"]
    assert "⚠ 已逾期" in listing["text"] and "已完成 1 项" in listing["text"]
    group.say(zhang, "进度")
    status = await group.bot_says("【议题进度】", after=listing["message_id"])
    assert "【执行监督中】" in status["text"] and "未完成事项 2 项，其中逾期 1 项" in status["text"]
    assert bot.query("SELECT number, status FROM action_items ORDER BY number") == [
        (1, "doing"), (2, "done"), (3, "todo")]
    assert bot.scalar("SELECT COUNT(*) FROM action_updates") == 2


async def test_who_may_record_and_a_review_date(telegram, run_bot):
    await run_bot(FOLLOW_UP)
    group = Group(telegram)
    group.say(group.facilitator, "事项 设投喂点 @物业 明天")
    await group.bot_says("还没有已结束的议题")
    await resolved(group)
    group.say(group.residents[0], "事项 设投喂点 @物业 明天")
    await group.bot_says("议事员")
    group.say(group.facilitator, "复盘 下下周")
    await group.bot_says("请写上复盘日期")
    group.say(group.facilitator, "/review 1 2099-01-15")
    notice = await group.bot_says("【执行监督】议题1「流浪狗扰民怎么办」将在 2099年1月15日（周四） 复盘")
    assert "有没有效果" in notice["text"]
    group.say(group.residents[0], "复盘一下，我觉得挺好")  # chat: left alone
    await settle(2)
    assert group.bot_texts()[-1] == notice["text"]
