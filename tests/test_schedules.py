"""Scheduled posts on a real SQLite file with a settable clock: 【今日小结】, 【提醒】, quiet hours, the weekly
digest and exports. Each catch-up is called the way jobs call it — repeatedly, late, after a "restart" — and
must post exactly what is due, once."""

import csv
import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from council.models import Person
from council.reports import Reports
from council.results import CouncilError, SimilarFound
from council.schedule import Cron, QuietHours
from council.summaries import ScheduleRules, Summaries

TZ = ZoneInfo("Asia/Shanghai")
CHAT, OTHER, STAFF = -1001, -1002, -9001
WANG = Person(1, "王社工")
RESIDENTS = [Person(880010 + n, name) for n, name in enumerate(["张阿姨", "李姐", "王大爷", "小陈宝妈", "刘叔"])]


def at(month: int, day: int, hour: int, minute: int = 0, second: int = 0, year: int = 2025) -> float:
    return datetime(year, month, day, hour, minute, second, tzinfo=TZ).timestamp()


@pytest.fixture
def setup(make_council, clock):
    def make(daily="20:00", reminders=(7200, 600), quiet="22:00-07:00", weekly="0 9 * * 1", **rules):
        quiet_hours = QuietHours.parse(quiet, TZ)
        council = make_council(**rules)
        council.quiet = quiet_hours
        summaries = Summaries(council, ScheduleRules(Cron(daily, TZ), reminders, quiet_hours))
        reports = Reports(council, Cron(weekly, TZ), frozenset({STAFF}))
        return council, summaries, reports

    return make


async def pending(outbox, purpose=None):
    return [p for p in await outbox.pending() if purpose is None or p.purpose == purpose]


async def test_daily_summary_reports_the_day_once_and_skips_quiet_days(setup, clock, outbox):
    council, summaries, _ = setup(collect_for=3 * 86400, vote_for=86400)
    clock.now = at(11, 24, 9)
    await council.chat_seen(CHAT, "supergroup", "永合社区 3幢2单元")
    assert await summaries.summaries_due() == 0  # first start on this database: nothing was missed
    topic = await council.open_topic(CHAT, WANG, "流浪狗扰民怎么办", 1)
    for n, text in enumerate(["在3号楼西侧设固定投喂点", "联系救助站把狗接走", "给狗打狂犬疫苗再放回"]):
        await council.propose(CHAT, RESIDENTS[n], text, 10 + n)
    similar = await council.propose(CHAT, RESIDENTS[3], "3号楼西边设一个固定的投喂点", 20)
    assert isinstance(similar, SimilarFound)
    await council.support_instead(CHAT, 20, topic.id, 1, RESIDENTS[3])
    clock.now = at(11, 24, 19, 59)
    assert await summaries.summaries_due() == 0  # not yet 20:00
    clock.now = at(11, 24, 20, 0, 5)
    assert await summaries.summaries_due() == 1
    assert await summaries.summaries_due() == 0  # the job fired twice, or the sweep ran: nothing doubled
    text = (await pending(outbox, "summary"))[-1].text
    assert text.startswith("【今日小结】11月24日（周一）")
    assert "议题1「流浪狗扰民怎么办」</b> · 征集建议中" in text
    assert "今天新增 3 条建议：" in text and "#1 在3号楼西侧设固定投喂点" in text
    assert "支持最多：#1（2人支持）" in text
    assert "还剩 2天" in text and "11月27日（周四）" in text

    clock.now = at(11, 25, 20, 0, 5)  # a day without a single proposal, support or vote: no summary
    assert await summaries.summaries_due() == 0
    assert len(await pending(outbox, "summary")) == 1

    await council.set_member_count(CHAT, 20)
    await council.start_voting(topic.id, actor=WANG)
    for resident in RESIDENTS[:4]:
        await council.cast_vote(topic.id, CHAT, resident, 1 if resident != RESIDENTS[2] else 2, "button")
    clock.now = at(11, 26, 20, 0, 5)
    assert await summaries.summaries_due() == 1
    text = (await pending(outbox, "summary"))[-1].text
    assert "投票中" in text and "已投票 4 人 · 本群 20 人（20%），今天新投 4 票" in text
    assert "目前领先：#1 3票、#2 1票" in text and "今天新增" not in text


async def test_summary_in_quiet_hours_waits_and_a_stale_one_is_dropped(setup, clock, outbox):
    council, summaries, _ = setup(daily="23:00")
    clock.now = at(11, 24, 9)
    await summaries.summaries_due()
    await council.open_topic(CHAT, WANG, "高空抛物", 1)
    await council.propose(CHAT, RESIDENTS[0], "装监控", 2)
    clock.now = at(11, 24, 23, 0, 5)
    assert await summaries.summaries_due() == 0  # quiet hours: nothing yet
    clock.now = at(11, 25, 7, 0, 1)
    assert await summaries.summaries_due() == 1  # the end of quiet hours: posted once
    assert await summaries.summaries_due() == 0

    await council.propose(CHAT, RESIDENTS[1], "装摄像头对着楼上", 3)
    clock.now = at(11, 27, 8)  # the bot was down from before 23:00 on the 25th until two days later
    assert await summaries.summaries_due() == 0  # the summary of the 26th 23:00 is a day old: dropped
    assert len(await pending(outbox, "summary")) == 1


async def test_on_demand_summary_is_limited_per_group(setup, clock, outbox):
    council, summaries, _ = setup()
    clock.now = at(11, 24, 10)
    with pytest.raises(CouncilError, match="没有进行中的议题"):
        await summaries.summary_now(CHAT)
    await council.open_topic(CHAT, WANG, "电动车充电", 1)
    await summaries.summary_now(CHAT)
    assert "今天没有新建议" in (await pending(outbox, "summary"))[-1].text
    clock.advance(120)
    with pytest.raises(CouncilError, match="2分钟前刚发过小结"):
        await summaries.summary_now(CHAT)
    clock.advance(181)
    await summaries.summary_now(CHAT)
    assert len(await pending(outbox, "summary")) == 2


async def test_reminders_before_close_once_each_and_only_the_nearest_when_late(setup, clock, outbox):
    council, summaries, _ = setup(collect_for=3600, vote_for=86400)
    clock.now = at(11, 24, 9)
    await council.chat_seen(CHAT, "supergroup", "永合社区 3幢2单元")
    topic = await council.open_topic(CHAT, WANG, "楼道堆物", 1)
    await council.propose(CHAT, RESIDENTS[0], "清理楼道杂物", 2)
    await council.set_member_count(CHAT, 10)
    topic = await council.start_voting(topic.id, actor=WANG)
    topic = await council.topic(topic.id)
    await council.cast_vote(topic.id, CHAT, RESIDENTS[1], 1, "button")
    assert summaries.reminder_times(topic) == [topic.vote_deadline - 7200, topic.vote_deadline - 600]
    clock.now = topic.vote_deadline - 7200 - 1
    assert await summaries.reminders_due() == 0
    clock.now = topic.vote_deadline - 7200 + 1
    assert await summaries.reminders_due() == 1
    assert await summaries.reminders_due() == 0
    reminder = (await pending(outbox, "reminder"))[-1]
    assert reminder.text.startswith("【提醒】议题1「楼道堆物」投票还剩 1小时59分钟")
    assert "已投票 1 人 · 本群 10 人（10%）" in reminder.text and "投2" in reminder.text
    assert reminder.reply_to == topic.ballot_message_id  # None here: the ballot was never sent by a sender

    other = await council.open_topic(OTHER, WANG, "停车难", 5)
    await council.propose(OTHER, RESIDENTS[2], "划定访客车位", 6)
    other = await council.start_voting(other.id, actor=WANG)
    other = await council.topic(other.id)
    clock.now = other.vote_deadline - 300  # down through both reminder times: one reminder, the nearest
    assert await summaries.reminders_due() == 1  # the first ballot is past its deadline: no reminder for it
    texts = [p.text for p in await pending(outbox, "reminder") if p.chat_id == OTHER]
    assert len(texts) == 1 and "还剩 5分钟" in texts[0]


async def test_reminder_in_quiet_hours_waits_or_is_dropped_when_too_late(setup, clock, outbox):
    council, summaries, _ = setup(collect_for=3600, vote_for=86400, reminders=(3 * 3600,))
    clock.now = at(11, 24, 0)
    late = await council.open_topic(CHAT, WANG, "噪音", 1)  # the ballot closes at 01:00, its reminder is at 22:00
    await council.propose(CHAT, RESIDENTS[0], "晚上十点后不许装修", 2)
    late = await council.start_voting(late.id, actor=WANG)
    clock.now = at(11, 24, 8)
    early = await council.open_topic(OTHER, WANG, "停车", 3)  # closes 09:00 next day, reminded at 06:00 -> 07:00
    await council.propose(OTHER, RESIDENTS[1], "划线", 4)
    early = await council.start_voting(early.id, actor=WANG)
    assert (await council.topic(late.id)).vote_deadline == at(11, 25, 1)
    assert (await council.topic(early.id)).vote_deadline == at(11, 25, 9)
    clock.now = at(11, 24, 22, 0, 10)
    assert await summaries.reminders_due() == 0  # quiet hours, and 07:00 is after the first ballot closes
    clock.now = at(11, 25, 1, 0, 10)
    assert await summaries.reminders_due() == 0
    clock.now = at(11, 25, 7, 0, 1)
    assert await summaries.reminders_due() == 1
    (reminder,) = await pending(outbox, "reminder")
    assert reminder.chat_id == OTHER and "还剩 1小时59分钟" in reminder.text


async def test_resolution_at_a_deadline_in_quiet_hours_is_recorded_now_and_published_after(setup, clock, outbox):
    council, _, _ = setup(collect_for=3600, vote_for=3600)
    clock.now = at(11, 24, 21, 30)
    topic = await council.open_topic(CHAT, WANG, "加装电梯", 1)
    await council.propose(CHAT, RESIDENTS[0], "一楼不出钱", 2)
    await council.start_voting(topic.id, actor=None)
    clock.now = at(11, 24, 23, 30)
    resolution = await council.close(topic.id, actor=None, members=10)
    assert resolution is not None and (await council.topic(topic.id)).state.value == "closed"
    assert await pending(outbox, "resolution") == []  # recorded, not yet published
    clock.now = at(11, 25, 7, 0, 1)
    published = await pending(outbox, "resolution")
    assert len(published) == 1 and published[0].text.startswith("【决议公示】")

    clock.now = at(11, 25, 23, 0)  # a facilitator closing by hand at night is answered at once
    second = await council.open_topic(CHAT, WANG, "绿化", 3)
    await council.propose(CHAT, RESIDENTS[1], "种桂花", 4)
    await council.start_voting(second.id, actor=WANG)
    await council.close(second.id, actor=WANG, members=10)
    assert len(await pending(outbox, "resolution")) == 2


async def _a_fortnight(council, clock):
    """Last week (Nov 17-23): one topic in CHAT. This week (Nov 24-30): two topics in CHAT, one in OTHER."""
    clock.now = at(11, 18, 10)
    old = await council.open_topic(CHAT, WANG, "楼道灯不亮", 1)
    await council.propose(CHAT, RESIDENTS[0], "换声控灯", 2)
    clock.now = at(11, 24, 10)
    await council.set_member_count(CHAT, 10)
    await council.start_voting(old.id, actor=WANG)
    for resident in RESIDENTS[:3]:
        await council.cast_vote(old.id, CHAT, resident, 1, "button")
    clock.now = at(11, 25, 10)
    await council.close(old.id, actor=WANG, members=10)
    dogs = await council.open_topic(CHAT, WANG, "流浪狗扰民怎么办", 3)
    for n, text in enumerate(["在3号楼西侧设固定投喂点", "联系救助站把流浪狗接走", "给流浪狗打狂犬疫苗", "投喂点要定时清理"]):
        await council.propose(CHAT, RESIDENTS[n], text, 10 + n)
    clock.now = at(11, 26, 10)
    cancelled = await council.open_topic(CHAT, WANG, "测试议题", 20)
    await council.cancel(cancelled.id, WANG)
    clock.now = at(11, 27, 10)
    parking = await council.open_topic(OTHER, WANG, "停车难<script>", 30)
    await council.propose(OTHER, RESIDENTS[4], "=1+1 划定访客车位", 31)
    return dogs, parking


async def test_weekly_digest_is_sent_to_staff_once_with_both_attachments(setup, clock, outbox, db):
    council, _, reports = setup()
    clock.now = at(11, 17, 8)
    assert await reports.digest_due() == 0  # first start
    await council.chat_seen(CHAT, "supergroup", "永合社区 3幢2单元")
    await council.chat_seen(OTHER, "supergroup", "合女士议事团")
    await council.chat_seen(-1003, "group", "没有动静的群")
    await _a_fortnight(council, clock)
    clock.now = at(12, 1, 9, 0, 30)  # Monday 09:00: the digest of Nov 24-30
    assert await reports.digest_due() == 1
    assert await reports.digest_due() == 0
    message, html, table = await pending(outbox, "digest")
    assert message.chat_id == html.chat_id == table.chat_id == STAFF
    text = message.text
    assert text.startswith("【每周议事简报】11月24日—11月30日") and len(text) < 4096
    assert "新议题 3 个（上周 1，↑2）" in text and "结束 1 个 · 取消 1 个" in text
    assert "新建议 5 条（上周 1，↑4）" in text
    assert "参与居民 5 人" in text  # 张阿姨 李姐 王大爷 小陈宝妈 (votes, proposals) and 刘叔
    assert "永合社区 3幢2单元" in text and "议题1「楼道灯不亮」投票 3/10（30%） · 达到法定人数 · 形成决议：#1 换声控灯" in text
    assert "另有 1 个群本周没有议事活动。" in text
    assert "<script>" not in text and "<script>" not in html.document.decode() and "停车难&lt;script&gt;" in html.document.decode()
    assert html.filename == "议事简报_20251124.html" and b"<svg" in html.document
    rows = list(csv.reader(io.StringIO(table.document.decode("utf-8-sig"))))
    assert table.document.startswith(b"\xef\xbb\xbf") and rows[0][:3] == ["群名", "议题号", "标题"]
    by_title = {row[2]: row for row in rows[1:]}
    assert set(by_title) == {"楼道灯不亮", "流浪狗扰民怎么办", "测试议题", "停车难<script>"}
    assert by_title["楼道灯不亮"][10] == "30%" and by_title["测试议题"][4] == "已取消"


async def test_digest_missed_while_down_is_sent_once_and_on_demand_by_date(setup, clock, outbox):
    council, _, reports = setup()
    clock.now = at(11, 17, 8)
    await reports.digest_due()
    await council.chat_seen(CHAT, "supergroup", "永合社区 3幢2单元")
    await _a_fortnight(council, clock)
    clock.now = at(12, 3, 15)  # down over Monday morning: sent late, once
    assert await reports.digest_due() == 1
    assert await reports.digest_due() == 0
    assert len(await pending(outbox, "digest")) == 3

    await reports.digest_for(12345, date(2025, 11, 19))  # a staff member in private chat: the week of Nov 17
    message = (await pending(outbox, "digest"))[-3]
    assert message.chat_id == 12345 and message.text.startswith("【每周议事简报】11月17日—11月23日")
    assert "新议题 1 个（上周 0，↑1）" in message.text


async def test_export_of_a_topic_has_counts_and_no_voters(setup, clock, outbox):
    council, _, reports = setup()
    dogs, _ = await _a_fortnight(council, clock)
    await council.start_voting(dogs.id, actor=WANG)
    await council.cast_vote(dogs.id, CHAT, RESIDENTS[1], 2, "button")
    await council.cast_vote(dogs.id, CHAT, RESIDENTS[2], 2, "text")
    await reports.export(CHAT, dogs.number, reply_to=99)
    post = (await pending(outbox, "export"))[-1]
    assert post.filename == "议题2_导出.csv" and post.reply_to == 99
    rows = list(csv.reader(io.StringIO(post.document.decode("utf-8-sig"))))
    assert rows[0][:3] == ["议题2", "流浪狗扰民怎么办", "投票中"]
    assert rows[1] == ["编号", "建议内容", "提出人", "提出时间", "支持人数", "得票", "状态"]
    assert rows[3][:2] == ["#2", "联系救助站把流浪狗接走"] and rows[3][5] == "2"
    assert not any(str(r.id) in post.document.decode("utf-8-sig") for r in RESIDENTS)  # no voter ids anywhere
    with pytest.raises(CouncilError, match="没有议题9"):
        await reports.export(CHAT, 9, reply_to=None)
