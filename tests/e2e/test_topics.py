"""Several topics at once, the facilitator's checks (/setup), help, and the command menus."""

from council.texts import Err
from tests.e2e.conftest import Group


def buttons(message: dict) -> list[dict]:
    return [b for row in message["reply_markup"]["inline_keyboard"] for b in row]


async def test_several_open_topics(telegram, run_bot):
    bot = await run_bot()
    group = Group(telegram)
    wang, (zhang, li, daye, *_rest) = group.facilitator, group.residents
    group.say(wang, "发起议题 流浪狗扰民")
    dogs = await group.bot_says("【议题】1.")
    group.say(wang, "发起议题 电动车飞线充电")
    await group.bot_says("【议题】2.")

    # A proposal with two topics collecting: the bot asks which, and only its author may answer.
    asked = group.say(zhang, "建议：楼下装充电桩")
    question = await group.bot_says("这条建议属于哪个议题？")
    assert [b["text"] for b in buttons(question)] == ["1. 流浪狗扰民", "2. 电动车飞线充电"]
    intruder = telegram.press_button(group.id, question["message_id"], li, text="2. 电动车飞线充电")
    assert (await group.answer_of(intruder))["text"] == Err.NOT_YOUR_DRAFT
    chosen = telegram.press_button(group.id, question["message_id"], zhang, text="2. 电动车飞线充电")
    assert (await group.answer_of(chosen))["text"] == "已提交到议题2，编号 #1"
    ack = await group.bot_says("【征集建议】已收到 #1")
    assert ack["reply_to_message"]["message_id"] == asked["message_id"]

    # A reply to a topic's card goes to that topic.
    group.say(li, "设固定投喂点", reply_to=dogs["message_id"])
    await group.bot_says("【征集建议】已收到 #1", after=ack["message_id"])
    group.say(daye, "建议：联系救助站", reply_to=dogs["message_id"])
    await group.bot_says("已收到 #2")
    assert bot.query("SELECT t.number, p.number, p.text FROM proposals p JOIN topics t ON t.id = p.topic_id "
                     "ORDER BY p.id") == [(2, 1, "楼下装充电桩"), (1, 1, "设固定投喂点"), (1, 2, "联系救助站")]

    # A command without a number asks which topic; a resident cannot answer for the facilitator.
    group.say(wang, "开始投票")
    which = await group.bot_says("请选择要开始投票的议题")
    refused = telegram.press_button(group.id, which["message_id"], li, text="1. 流浪狗扰民")
    assert (await group.answer_of(refused))["text"] == Err.NOT_FACILITATOR
    picked = telegram.press_button(group.id, which["message_id"], wang, text="1. 流浪狗扰民")
    assert (await group.answer_of(picked))["text"] == "已开始投票：议题1"
    ballot_dogs = await group.bot_says("【投票】1.")
    group.say(wang, "开始投票 9")
    await group.bot_says("本群没有进行中的议题9")
    group.say(wang, "/vote 2")
    ballot_bikes = await group.bot_says("【投票】2.")

    # Two ballots open: a bare typed vote is ambiguous; a reply to a ballot is not.
    group.say(li, "投1")
    await group.bot_says(Err.MANY_BALLOTS)
    group.say(li, "投1", reply_to=ballot_bikes["message_id"])
    await telegram.wait_for(lambda: "已投票 1 人" in group.current(ballot_bikes)["text"], timeout=15)
    group.tap(ballot_dogs, zhang, 2)
    group.say(wang, "结束投票 1")
    result = await group.bot_says("【决议公示】1.")
    assert "#2 联系救助站 — 1票 (100%)" in result["text"]
    assert bot.query("SELECT number, state FROM topics ORDER BY number") == [(1, "closed"), (2, "voting")]


async def test_setup_tells_what_to_change(telegram, run_bot):
    telegram.set_privacy(False)  # as BotFather leaves a new bot: privacy mode on
    await run_bot()
    group = Group(telegram, bot_admin=False, bot_can_pin=False)
    wang, resident = group.facilitator, group.residents[0]
    group.say(resident, "/setup")
    await group.bot_says(Err.NOT_FACILITATOR)
    group.say(wang, "/setup")
    report = await group.bot_says("【设置检查】")
    assert "❌ 我只能看到命令和回复我的消息" in report["text"] and "/setprivacy" in report["text"]
    assert "❌ 不能置顶消息" in report["text"]
    telegram.set_bot_rights(group.id, admin=True, can_pin_messages=True)
    group.say(wang, "/setup")
    report = await group.bot_says("【设置检查】", after=report["message_id"])
    assert "✅ 能看到群里的所有消息（我是管理员）" in report["text"] and "✅ 能置顶消息" in report["text"]


async def test_help_and_command_menus(telegram, run_bot):
    await run_bot()
    group = Group(telegram)
    group.say(group.residents[0], "帮助")
    help_text = (await group.bot_says("【议事会助手 使用说明】"))["text"]
    assert "建议：" in help_text and "投2" in help_text and "进度" in help_text
    residents = {c["command"]: c["description"] for c in telegram.commands["all_group_chats"]}
    admins = {c["command"]: c["description"] for c in telegram.commands["all_chat_administrators"]}
    assert set(residents) == {"propose", "register", "status", "summary", "actions", "help"}
    assert {"open", "vote", "close", "hide", "merge", "category", "shortlist", "proxy", "households", "runoff",
            "cancel", "export", "setup", "propose", "register", "status", "summary", "help",
            "action", "actions", "done", "review"} == set(admins)
    assert admins["open"].startswith("发起议题") and residents["status"].startswith("看进度")
    assert {c["command"] for c in telegram.commands["all_private_chats"]} == {
        "start", "new", "help", "mine", "remindme", "digest"}


async def test_cancel_keeps_records(telegram, run_bot):
    bot = await run_bot()
    group = Group(telegram)
    wang, resident = group.facilitator, group.residents[0]
    await group.open_topic("楼道堆物", "集中清理")
    group.say(resident, "取消议题")
    await group.bot_says(Err.NOT_FACILITATOR)
    group.say(wang, "取消议题")
    await group.bot_says("【议题取消】")
    group.say(resident, "建议：再提一个")
    await group.bot_says(Err.NO_OPEN_TOPIC)
    assert bot.scalar("SELECT state FROM topics") == "cancelled"
    assert bot.scalar("SELECT COUNT(*) FROM proposals") == 1
    assert bot.query("SELECT action FROM audit_log ORDER BY id") == [("open",), ("cancel",)]


async def test_facilitators_from_config_and_cached_admin_list(telegram, run_bot):
    volunteer = telegram.add_user("志愿者小吴")["id"]
    await run_bot(extra_toml=f"[roles]\nfacilitators = [{volunteer}]\n")
    group = Group(telegram)
    telegram.add_member(group.id, volunteer)  # a member, not an administrator of the group
    group.say(volunteer, "发起议题 楼道灯坏了")
    await group.bot_says("【议题】")
    group.say(group.residents[0], "建议：请物业换灯")
    await group.bot_says("已收到 #1")
    group.say(group.facilitator, "开始投票")
    ballot = await group.bot_says("【投票】")
    for resident in group.residents:
        group.tap(ballot, resident, 1)
    group.say(group.facilitator, "结束投票")
    await group.bot_says("【决议公示】")
    # Two facilitator checks of 王社工, six votes: Telegram was asked for the administrators once.
    assert telegram.count_calls("getChatAdministrators", chat_id=group.id) == 1
