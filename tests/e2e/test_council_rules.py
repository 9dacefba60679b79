"""Rules real councils use, end to end: the real bot process, the stand-in as Telegram, residents tapping."""

from __future__ import annotations

import csv
import io

from tests.e2e.conftest import Group, settle


async def start_ballot(group: Group, title: str, *proposals: str) -> dict:
    card = await group.open_topic(title, *proposals)
    group.say(group.facilitator, "开始投票")
    return await group.bot_says("【投票】", after=card["message_id"])


async def test_approval_ballot_taps_toggle(telegram, run_bot):
    await run_bot(method="approval")
    group = Group(telegram)
    ballot = await start_ballot(group, "流浪狗扰民怎么办", "设固定投喂点", "联系救助站", "打狂犬疫苗")
    assert "可以支持多项" in ballot["text"]
    resident = group.residents[0]
    assert (await group.answer_of(group.tap(ballot, resident, 1)))["text"].startswith("已支持 #1")
    third = await group.answer_of(group.tap(ballot, resident, 3))
    assert "您现在支持：#1、#3" in third["text"]
    undone = await group.answer_of(group.tap(ballot, resident, 1))
    assert undone["text"].startswith("已取消支持 #1") and "#3" in undone["text"]
    group.tap(ballot, group.residents[1], 3)
    await telegram.wait_for(lambda: "#3 打狂犬疫苗 — 2票" in group.current(ballot)["text"], timeout=15)
    text = group.current(ballot)["text"]
    assert "#1 设固定投喂点 — 0票" in text and "已投票 2 人" in text


async def test_household_ballot_counts_a_households_latest_vote_once(telegram, run_bot):
    bot = await run_bot(one_vote_per="household", quorum=0)
    group = Group(telegram)
    mother, daughter, neighbour = group.residents[:3]
    group.say(mother, "登记 三楼东边")
    refusal = await group.bot_says("不是门牌号")
    assert "登记 3-2-301" in refusal["text"]
    assert bot.scalar("SELECT COUNT(*) FROM residents WHERE household IS NOT NULL") == 0

    ballot = await start_ballot(group, "楼道堆物怎么清理", "物业统一清运", "各家自己搬走")
    assert "一户一票" in ballot["text"]
    unregistered = await group.answer_of(group.tap(ballot, mother, 1))
    assert "请先登记" in unregistered["text"] and "登记 3-2-301" in unregistered["text"]
    group.say(mother, "登记 3-2-301")
    await group.bot_says("已登记：张阿姨 住 3幢2单元301室")
    group.say(daughter, "登记 3幢2单元301室")
    await group.bot_says("已登记：李姐 住 3幢2单元301室")
    group.say(neighbour, "登记 3栋2单元302")
    await group.bot_says("已登记：王大爷 住 3幢2单元302室")

    first = await group.answer_of(group.tap(ballot, mother, 1))
    assert "算作3幢2单元301室的一票" in first["text"]
    await group.answer_of(group.tap(ballot, daughter, 2))  # the same household: the latest vote counts
    await group.answer_of(group.tap(ballot, neighbour, 2))
    await telegram.wait_for(lambda: "#2 各家自己搬走 — 2票" in group.current(ballot)["text"], timeout=15)
    assert "#1 物业统一清运 — 0票" in group.current(ballot)["text"]
    group.say(group.facilitator, "结束投票")
    resolution = await group.bot_says("【决议公示】")
    assert "参与投票 2 户 · 本群已登记 2 户" in resolution["text"] and "一户一票" in resolution["text"]
    assert bot.scalar("SELECT COUNT(*) FROM votes") == 2


async def test_quorum_missed_is_reported_with_the_numbers(telegram, run_bot):
    await run_bot(quorum=0.5)
    group = Group(telegram)
    ballot = await start_ballot(group, "高空抛物", "装监控", "贴告示")
    await group.answer_of(group.tap(ballot, group.residents[0], 1))
    group.say(group.facilitator, "结束投票")
    resolution = await group.bot_says("【决议公示】")
    assert "未达法定人数：参与 1 人，至少需要 4 人" in resolution["text"]  # half of 7 members, rounded up


async def test_a_tie_and_its_runoff_started_with_one_tap(telegram, run_bot):
    await run_bot(quorum=0)
    group = Group(telegram)
    ballot = await start_ballot(group, "电动车充电", "楼下装充电桩", "禁止推车上楼", "业主自己出钱请电工")
    await group.answer_of(group.tap(ballot, group.residents[0], 1))
    await group.answer_of(group.tap(ballot, group.residents[1], 3))
    group.say(group.facilitator, "结束投票")
    resolution = await group.bot_says("【决议公示】")
    assert "#1、#3 平票（各 1 票）" in resolution["text"]
    (button,) = [b for row in resolution["reply_markup"]["inline_keyboard"] for b in row]
    assert button["text"] == "发起决选投票"

    refused = telegram.press_button(group.id, resolution["message_id"], group.residents[2], data=button["callback_data"])
    assert "议事员" in (await group.answer_of(refused))["text"]
    tap = telegram.press_button(group.id, resolution["message_id"], group.facilitator, data=button["callback_data"])
    assert "已发起决选投票：议题2" in (await group.answer_of(tap))["text"]
    runoff = await group.bot_says("【投票】2. 电动车充电（决选）")
    assert "#1 楼下装充电桩" in runoff["text"] and "#3 业主自己出钱请电工" in runoff["text"] and "#2 " not in runoff["text"]
    await telegram.wait_for(lambda: "已发起决选投票" in group.current(resolution)["text"], timeout=15)
    assert not group.current(resolution).get("reply_markup")  # one run-off only: the button is gone
    await group.answer_of(group.tap(runoff, group.residents[2], 3))
    group.say(group.facilitator, "结束投票")
    decided = await group.bot_says("【决议公示】2.")
    assert "#3 业主自己出钱请电工 得票最多" in decided["text"]


async def test_a_secret_ballots_export_has_no_voters_and_proxies_are_counted(telegram, run_bot):
    bot = await run_bot(quorum=0)
    group = Group(telegram)
    ballot = await start_ballot(group, "文明养宠", "遛狗必须牵绳", "设宠物便便箱")
    await group.answer_of(group.tap(ballot, group.residents[3], 2))
    group.say(group.facilitator, "代投 王奶奶 5-1-502 1")
    notice = await group.bot_says("王社工 为 5幢1单元502室（王奶奶） 代投了")
    assert "#1" not in notice["text"]  # a secret ballot: the group does not learn what was entered
    group.say(group.residents[0], "代投 5-1-502 2")
    await group.bot_says("需要议事员")
    group.say(group.facilitator, "结束投票")
    resolution = await group.bot_says("【决议公示】")
    assert "参与投票 2 人" in resolution["text"] and "（其中代投 1 票）" in resolution["text"]
    assert bot.scalar("SELECT entered_by FROM votes WHERE via = 'proxy'") == group.facilitator

    group.say(group.facilitator, "导出 1")
    await telegram.wait_for(lambda: any(d["chat_id"] == group.id for d in telegram.documents), timeout=10)
    (document,) = [d for d in telegram.documents if d["chat_id"] == group.id]
    export = document["bytes"].decode("utf-8-sig")
    voter = telegram.user_dict(group.residents[3])
    assert str(group.residents[3]) not in export and voter["first_name"] not in export and "王奶奶" not in export
    rows = list(csv.reader(io.StringIO(export)))
    assert [r[5] for r in rows[2:4]] == ["1", "1"]
    await settle(0.5)
