"""Reaching residents one by one, on a real SQLite file: 我的 (/mine) and private votes, 提醒我 (/remindme),
and 举报 (three reports hold a proposal until a facilitator decides)."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from council.models import Method, Person, TopicSettings, VoteUnit
from council.private import PrivateDesk
from council.results import CouncilError
from council.schedule import QuietHours
from council.texts import Err

TZ = ZoneInfo("Asia/Shanghai")
CHAT, OTHER = -1001, -1002
WANG = Person(1, "王社工")
ZHANG, LI, CHEN, LIU = Person(2, "张阿姨"), Person(3, "李姐"), Person(4, "小陈宝妈"), Person(5, "刘叔")


def at(month: int, day: int, hour: int, minute: int = 0) -> float:
    return datetime(2025, month, day, hour, minute, tzinfo=TZ).timestamp()


async def private_posts(outbox, user: Person):
    return [p for p in await outbox.pending() if p.chat_id == user.id]


async def seen(council, chat_id: int, *people: Person) -> None:
    """People wrote in the group (what mark_seen does for every group message)."""
    for n, who in enumerate(people):
        await council.done_update(hash((chat_id, who.id, n)) % 10**9, chat_id, who)


async def voting_topic(council, chat_id: int, title: str, proposals: list[str], settings=None, first_message=1):
    await council.chat_seen(chat_id, "supergroup", f"群{title}")
    topic = await council.open_topic(chat_id, WANG, title, first_message, settings=settings)
    for n, text in enumerate(proposals):
        author = [ZHANG, LI, CHEN][n % 3]
        await council.propose(chat_id, author, text, first_message + 1 + n)
    return await council.start_voting(topic.id, WANG)


async def test_mine_lists_exactly_the_unvoted_ballots_of_my_groups(make_council, outbox):
    council = make_council()
    dogs = await voting_topic(council, CHAT, "流浪狗", ["设投喂点", "联系救助站"])
    parking = await voting_topic(council, OTHER, "停车", ["划线停车", "访客车位"], first_message=50)
    await voting_topic(council, -1003, "噪音", ["十点后不装修"], first_message=90)  # not LIU's group
    await seen(council, CHAT, LIU)
    await seen(council, OTHER, LIU)
    await council.cast_vote(parking.id, OTHER, LIU, 1, "button")

    groups, known = await council.mine_groups(LIU.id)
    assert set(groups) == {CHAT, OTHER} and known
    assert await council.mine(LIU, groups) == 1
    summary, ballot = await private_posts(outbox, LIU)
    assert summary.text.startswith("【我的议事】") and "有 1 个投票等您参与" in summary.text
    assert ballot.text.startswith("【投票】议题1「流浪狗」") and "#2 联系救助站" in ballot.text
    assert "0票" not in ballot.text and "— " not in ballot.text  # no counts in private
    assert [data for row in ballot.keyboard for _, data in row] == [f"pv:{dogs.id}:1", f"pv:{dogs.id}:2"]

    assert await council.still_in_group(CHAT, LIU.id)
    await council.member_left(CHAT, LIU.id)  # Telegram told the group 刘叔 left
    assert not await council.still_in_group(CHAT, LIU.id)
    assert (await council.mine_groups(LIU.id))[0] == [OTHER]
    assert await council.mine(LIU, [OTHER]) == 0
    assert (await private_posts(outbox, LIU))[-1].text.endswith("也没有您提的进行中的建议。\n"
                                                                "有新的投票时，在群里点按钮就能投；发「提醒我」，"
                                                                "投票快截止而您还没投时，我会私下提醒您。")
    nobody = Person(99, "新邻居")
    assert await council.mine_groups(nobody.id) == ([], False)
    await council.mine(nobody, [], known=False)
    assert "我还不知道您在哪个议事群" in (await private_posts(outbox, nobody))[-1].text


async def test_mine_shows_my_proposals_with_support(make_council, outbox, db):
    council = make_council()
    topic = await council.open_topic(CHAT, WANG, "高空抛物", 1)
    await council.propose(CHAT, ZHANG, "装监控", 2)
    await council.propose(CHAT, LI, "楼道贴告示", 3)
    async with db.transaction() as repo:
        await repo.add_support(topic.id, 1, LI.id, council.clock())
    await seen(council, CHAT, ZHANG)  # the proposal was a group message: its author is remembered
    groups, _ = await council.mine_groups(ZHANG.id)
    assert groups == [CHAT]
    assert await council.mine(ZHANG, groups) == 0  # still collecting: no ballot, but her proposal
    (summary,) = await private_posts(outbox, ZHANG)
    assert "您提的建议：" in summary.text and "议题1「高空抛物」 #1 装监控 — 2人支持" in summary.text


async def test_household_ballot_counts_the_household_and_asks_the_unregistered(make_council, db, outbox):
    council = make_council()
    topic = await voting_topic(council, CHAT, "加装电梯", ["一楼补偿", "按楼层分摊"],
                               settings=TopicSettings(one_vote_per=VoteUnit.HOUSEHOLD))
    async with db.transaction() as repo:
        for who in (LI, CHEN):
            await repo.register_household(CHAT, who.id, who.name, "3-2-301", None, council.clock())
    await seen(council, CHAT, LIU)
    await council.cast_vote(topic.id, CHAT, LI, 2, "button")
    assert await council.mine(CHEN, [CHAT]) == 0  # her household has voted
    assert await council.mine(LIU, [CHAT]) == 1
    ballot = (await private_posts(outbox, LIU))[-1]
    assert Err.REGISTER_FIRST in ballot.text and ballot.keyboard is None


async def test_private_vote_counts_like_a_tap_and_approval_toggles(make_council, outbox, db):
    council = make_council(method="approval")
    topic = await voting_topic(council, CHAT, "绿化", ["种桂花", "修健身器材", "加装路灯"])
    result = await council.cast_vote(topic.id, CHAT, LIU, 1, "private")
    assert result.after == {1}
    await council.cast_vote(topic.id, CHAT, LIU, 3, "private")
    text, keyboard = await council.private_ballot_view(topic.id, LIU.id)
    assert "✅ 您已投：#1、#3。" in text
    assert next(label for row in keyboard for label, _ in row).startswith("✅ #1")
    result = await council.cast_vote(topic.id, CHAT, LIU, 1, "private")  # a second tap takes it back
    assert result.after == {3}
    await council.cast_vote(topic.id, CHAT, ZHANG, 3, "button")
    await outbox.sent(next(p for p in await outbox.pending() if p.purpose == "ballot"), 555)
    view = await council.ballot_view(topic.id)
    assert "#3 加装路灯 — 2票" in view[1] and "#1 种桂花 — 0票" in view[1]
    text, _ = await council.private_ballot_view(topic.id, LIU.id)
    assert "2票" not in text and "张阿姨" not in text  # never the others' votes in private
    async with db.transaction() as repo:
        assert (await repo.ballot_of(topic.id, f"u:{LIU.id}")) == ({3}, "private")


@pytest.fixture
def reminding(make_council, clock):
    def make(**rules):
        council = make_council(**rules)
        council.quiet = QuietHours.parse("22:00-07:00", TZ)
        return council

    return make


async def test_remindme_once_only_opted_in_only_and_not_to_voters(reminding, clock, outbox):
    council = reminding(collect_for=3600, vote_for=86400)
    clock.now = at(11, 24, 9)
    topic = await voting_topic(council, CHAT, "楼道堆物", ["清理杂物"])
    await seen(council, CHAT, LI, CHEN, LIU)
    for who in (LI, CHEN):
        await council.set_remind(who.id, True)
    await council.set_remind(LIU.id, True)
    await council.set_remind(LIU.id, False)  # and off again
    await council.cast_vote(topic.id, CHAT, CHEN, 1, "button")
    before = (7200, 600)
    clock.now = topic.vote_deadline - 7201
    assert await council.private_reminders_due(before) == 0  # not yet
    clock.now = topic.vote_deadline - 7000
    assert await council.private_reminders_due(before) == 1
    assert await council.private_reminders_due(before) == 0  # once only
    clock.now = topic.vote_deadline - 500  # the second reminder time: still nothing more
    assert await council.private_reminders_due(before) == 0
    (reminder,) = [p for p in await outbox.pending() if p.purpose == "reminder"]
    assert reminder.chat_id == LI.id and reminder.text.startswith("【提醒】议题1「楼道堆物」投票还剩")
    assert reminder.keyboard == [[("#1 清理杂物", f"pv:{topic.id}:1")]]
    assert all(p.chat_id != CHAT for p in await outbox.pending() if p.purpose == "reminder")  # nobody else learns


async def test_remindme_waits_for_the_end_of_quiet_hours_and_stops_when_blocked(reminding, clock, outbox):
    council = reminding(collect_for=60, vote_for=86400)
    clock.now = at(11, 24, 9)
    topic = await voting_topic(council, CHAT, "噪音", ["十点后不装修"])
    await seen(council, CHAT, LI, LIU)
    await council.set_remind(LI.id, True)
    await council.set_remind(LIU.id, True)
    await council.private_blocked(LIU.id)  # a send to LIU failed with 403
    clock.now = at(11, 24, 23, 5)  # the reminder time (23:01) falls in quiet hours (the ballot closes 09:01)
    assert topic.vote_deadline - 36000 < clock.now
    assert await council.private_reminders_due((36000,)) == 0
    clock.now = at(11, 25, 7, 1)
    assert await council.private_reminders_due((36000,)) == 1
    assert [p.chat_id for p in await outbox.pending() if p.purpose == "reminder"] == [LI.id]


async def test_three_reports_hold_a_proposal_and_a_facilitator_restores_it(make_council, outbox, db):
    council = make_council()
    topic = await voting_topic(council, CHAT, "流浪狗", ["设投喂点", "把狗都毒死"])  # #2 by LI, message 3
    await council.cast_vote(topic.id, CHAT, CHEN, 2, "button")
    await council.cast_vote(topic.id, CHAT, LIU, 2, "button")
    with pytest.raises(CouncilError, match="自己的建议"):
        await council.report(CHAT, LI, 3)
    await council.private_seen(ZHANG.id)
    first = await council.report(CHAT, ZHANG, 3, "太过分")
    assert not first.held
    assert "举报是匿名的" in (await private_posts(outbox, ZHANG))[-1].text  # answered privately
    with pytest.raises(CouncilError, match="已经举报过"):
        await council.report(CHAT, ZHANG, 3)
    async with db.transaction() as repo:  # the bot's acknowledgement of #2 was message 203
        ack = next(p for p in await repo.pending_posts(council.clock()) if p.purpose == "ack" and p.reply_to == 3)
        await repo.mark_sent(ack, 203, council.clock())
    second = await council.report(CHAT, CHEN, 203)
    assert not second.held
    assert "举报人不公开" in (await outbox.pending())[-1].text and "小陈" not in (await outbox.pending())[-1].text
    await council.cast_vote(topic.id, CHAT, CHEN, 1, "button")  # CHEN changes her vote meanwhile
    third = await council.report(CHAT, WANG, 3)
    assert third.held
    notice = (await outbox.pending())[-1]
    assert notice.text.startswith("【举报】议题1「流浪狗」的建议 #2 被 3 位邻居举报")
    assert "1 票暂时搁置" in notice.text and notice.keyboard == [[("恢复", f"fr:{topic.id}:2"),
                                                               ("确认隐藏", f"fh:{topic.id}:2")]]
    with pytest.raises(CouncilError, match="没有 #2"):
        await council.cast_vote(topic.id, CHAT, ZHANG, 2, "button")
    ballot = next(p for p in await outbox.pending() if p.purpose == "ballot")
    await outbox.sent(ballot, 555)
    _, text, _ = await council.ballot_view(topic.id)
    assert "把狗都毒死" not in text
    async with db.transaction() as repo:
        actions = [row[0] for row in await repo._all("SELECT action FROM audit_log WHERE action LIKE 'report%'")]
    assert actions == ["report", "report", "report", "report_hold"]

    _, restored = await council.decide_report(topic.id, 2, WANG, restore=True)
    assert "已由 王社工 恢复" in restored and "搁置的 1 票已恢复" in restored
    _, text, _ = await council.ballot_view(topic.id)
    assert "#2 把狗都毒死 — 1票" in text and "#1 设投喂点 — 1票" in text  # LIU's vote back; CHEN's new one kept
    with pytest.raises(CouncilError, match="已经处理过"):
        await council.decide_report(topic.id, 2, WANG, restore=False)
    with pytest.raises(CouncilError, match="决定保留"):
        await council.report(CHAT, LIU, 3)
    await council.private_seen(WANG.id)
    assert await council.note_facilitators(topic, 2, [WANG.id, LIU.id]) == 1  # only who talks to the bot
    assert "请到群里的【举报】消息" in (await private_posts(outbox, WANG))[-1].text


async def test_confirmed_hold_voids_the_votes_and_closed_topics_take_no_reports(make_council, outbox):
    council = make_council()
    topic = await voting_topic(council, CHAT, "停车", ["划线停车", "骂人的建议"])
    await council.cast_vote(topic.id, CHAT, LIU, 2, "button")
    for who in (ZHANG, CHEN, LIU):
        await council.report(CHAT, who, 3)
    _, confirmed = await council.decide_report(topic.id, 2, WANG, restore=False)
    assert "确认隐藏" in confirmed and "1 票作废" in confirmed
    with pytest.raises(CouncilError, match="已经被隐藏"):
        await council.report(CHAT, WANG, 3)
    with pytest.raises(CouncilError, match="不是一条建议"):
        await council.report(CHAT, WANG, 999)
    await council.close(topic.id, WANG, 10)
    with pytest.raises(CouncilError, match="已经结束"):
        await council.report(CHAT, WANG, 2)


async def test_a_proposal_held_when_the_ballot_closes_stays_out(make_council, outbox):
    council = make_council()
    topic = await voting_topic(council, CHAT, "绿化", ["种桂花", "把树都砍了"])
    for who in (ZHANG, CHEN, LIU):
        await council.report(CHAT, who, 3)
    resolution = await council.close(topic.id, WANG, 10)
    assert [o.number for o in resolution.tally.options] == [1]
    with pytest.raises(CouncilError, match="不能再恢复"):
        await council.decide_report(topic.id, 2, WANG, restore=True)
    _, text = await council.decide_report(topic.id, 2, WANG, restore=False)
    assert "确认隐藏" in text


async def test_reports_while_collecting_hold_without_votes(make_council, outbox):
    council = make_council()
    topic = await council.open_topic(CHAT, WANG, "噪音", 1)
    await council.propose(CHAT, ZHANG, "晚上十点后停止装修", 2)
    for who in (LI, CHEN, LIU):
        result = await council.report(CHAT, who, 2)
    assert result.held and "暂时搁置" not in (await outbox.pending())[-1].text
    await council.propose(CHAT, ZHANG, "装隔音窗", 3)
    await council.propose(CHAT, LI, "物业管管装修时间", 4)
    await council.merge(topic.id, 2, 3, WANG)
    with pytest.raises(CouncilError, match="已经合并到 #2"):
        await council.report(CHAT, CHEN, 4)
    assert (await council.start_voting(topic.id, None)).method is Method.CHOICE
    ballot = (await outbox.pending())[-1].text
    assert "#2 装隔音窗" in ballot and "十点后停止装修" not in ballot  # the held proposal is not on the ballot


async def test_a_proposal_sent_privately_after_the_shortlist_was_made_joins_the_ballot(make_council, db):
    council = make_council()
    await council.chat_seen(CHAT, "supergroup", "群停车")
    topic = await council.open_topic(CHAT, WANG, "小区停车难", 1)
    ideas = ["地下车库按月租", "外来车收临时停车费", "划电动车停放区", "夜间开放学校操场", "一户一位",
             "消防通道装地锁", "请交警贴罚单", "门口加装道闸", "错峰共享单位车位", "访客登记", "楼下装充电桩"]
    for n, idea in enumerate(ideas):
        result = await council.propose(CHAT, Person(100 + n, f"居民{n}"), idea, 10 + n)
        assert result.number == n + 1, idea
    await council.shortlist_view(topic.id)  # the facilitator opens the picker: the top ten are chosen
    await PrivateDesk(council).seen(CHAT, LIU)
    late = await PrivateDesk(council).propose(topic.id, LIU, "僵尸车统一拖走", 900)
    assert late.number == 12
    async with db.transaction() as repo:
        assert 12 in (await repo.topic(topic.id)).shortlist
