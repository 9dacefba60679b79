"""Bad input gets a clear Chinese answer and changes nothing."""

from council.texts import Err
from tests.e2e.conftest import Group, settle


async def test_facilitator_commands_are_refused_to_residents(telegram, run_bot):
    bot = await run_bot()
    group = Group(telegram)
    resident = group.residents[0]
    group.say(resident, "/open 我也想发起")
    reply = await group.bot_says(Err.NOT_FACILITATOR)
    assert reply["reply_to_message"]["text"] == "/open 我也想发起"
    group.say(resident, "发起议题 楼道堆物")
    await group.bot_says(Err.NOT_FACILITATOR, after=reply["message_id"])
    assert bot.scalar("SELECT COUNT(*) FROM topics") == 0
    group.say(group.facilitator, "/open")
    await group.bot_says("请在「发起议题」后面写上标题")
    assert bot.scalar("SELECT COUNT(*) FROM topics") == 0


async def test_bad_proposals(telegram, run_bot):
    bot = await run_bot()
    group = Group(telegram)
    wang, resident = group.facilitator, group.residents[0]
    group.say(resident, "建议：装监控")
    await group.bot_says(Err.NO_OPEN_TOPIC)
    group.say(wang, "发起议题 <b>狗</b> & 猫")
    card = await group.bot_says("【议题】")
    assert "<b>狗</b> & 猫" in card["text"]  # shown literally, not as bold
    assert not any(e["type"] == "bold" and card["text"][e["offset"]:e["offset"] + e["length"]] == "狗"
                   for e in card.get("entities", []))
    group.say(resident, "建议：")
    await group.bot_says(Err.EMPTY_PROPOSAL)
    group.say(resident, "建议：" + "很" * 501)
    await group.bot_says("建议太长了（501 字）")
    group.say(resident, "建议：<script>alert(1)</script> & 装监控")
    await group.bot_says("【征集建议】已收到 #1")
    assert bot.scalar("SELECT COUNT(*) FROM proposals") == 1
    group.say(wang, "开始投票")
    ballot = await group.bot_says("【投票】")
    assert "#1 <script>alert(1)</script> & 装监控 — 0票" in ballot["text"]  # shown literally, never as markup


async def test_bad_votes_and_forged_taps(telegram, run_bot):
    bot = await run_bot()
    group = Group(telegram)
    other = Group(telegram, "合女士议事团")
    wang, (zhang, li, *_rest) = group.facilitator, group.residents
    await group.open_topic("电动车飞线充电", "楼下装充电桩", "发现飞线就拍照上报")
    group.say(wang, "开始投票")
    ballot = await group.bot_says("【投票】")
    topic_id = bot.scalar("SELECT id FROM topics")

    group.say(zhang, "投9")
    await group.bot_says("的选票上没有 #9。可以投：#1、#2")
    forged = telegram.forge_callback(other.id, await _bot_message_in(other), other.residents[0], f"v:{topic_id}:1")
    assert (await group.answer_of(forged))["text"] == Err.BALLOT_NOT_HERE
    for data in ["v:abc", "v:1:2:3", "pk:vote:x:-", "pp:1", "zz"]:
        garbage = telegram.forge_callback(group.id, ballot["message_id"], zhang, data)
        assert (await group.answer_of(garbage))["text"] == Err.STALE_BUTTON, data
    nonsense = telegram.forge_callback(group.id, ballot["message_id"], zhang, f"v:{topic_id}:7")
    assert "没有 #7" in (await group.answer_of(nonsense))["text"]
    group.say(wang, "/hide 99")
    await group.bot_says("没有建议 #99")
    assert bot.scalar("SELECT COUNT(*) FROM votes") == 0

    group.say(wang, "结束投票")
    await group.bot_says("【决议公示】")
    late = telegram.forge_callback(group.id, ballot["message_id"], li, f"v:{topic_id}:1")
    assert (await group.answer_of(late))["text"] == Err.VOTE_CLOSED
    group.say(li, "投1", reply_to=ballot["message_id"])
    await group.bot_says(Err.VOTE_CLOSED)
    assert bot.scalar("SELECT COUNT(*) FROM votes") == 0


async def test_commands_in_the_wrong_chat(telegram, run_bot):
    await run_bot()
    group = Group(telegram)
    resident = group.residents[0]
    private = telegram.private_chat(resident)
    telegram.send_message(private["id"], resident, "/open 私聊里发起")
    await telegram.wait_for_bot_message(private["id"], Err.GROUP_ONLY)
    telegram.send_message(private["id"], resident, "/start")
    await telegram.wait_for_bot_message(private["id"], "请把我拉进小区或楼道的议事群")


async def test_chit_chat_is_left_alone(telegram, run_bot):
    bot = await run_bot()
    group = Group(telegram)
    wang, resident = group.facilitator, group.residents[0]
    await group.open_topic("噪音扰民", "晚上十点后停止装修")
    ack = await group.bot_says("【征集建议】已收到 #1")
    group.say(resident, "好的，谢谢", reply_to=ack["message_id"])  # a reply to an acknowledgement is not a proposal
    group.say(wang, "开始投票")
    await group.bot_says("【投票】")
    assert bot.scalar("SELECT COUNT(*) FROM proposals") == 1
    before = len(group.bot_texts())
    for text in ["3号楼的狗又叫了", "二楼又在装修", "明天2点开会吗", "我不投2号", "好的👌", "建议大家早点睡"]:
        group.say(resident, text)
    await settle(2.0)
    assert len(group.bot_texts()) == before


async def _bot_message_in(group: Group) -> int:
    group.say(group.facilitator, "/help")
    return (await group.bot_says("使用说明"))["message_id"]
