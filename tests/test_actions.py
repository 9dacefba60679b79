"""Follow-up (执行监督) on a real SQLite file with a settable clock: action items recorded after a resolution, status
updates with their history and who may make them, reminders when due and overdue (once each, never in quiet hours),
reviews (复盘) with residents' answers, and the weekly digest's follow-up (message, HTML report, CSV)."""

import csv
import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from council.actions import ItemStatus, Mention
from council.models import Person
from council.reports import Reports
from council.results import CouncilError
from council.schedule import Cron, QuietHours

TZ = ZoneInfo("Asia/Shanghai")
CHAT, OTHER, STAFF = -1001, -1002, -9001
WANG = Person(1, "王社工")
LI = Person(880011, "李姐")
ZHANG = Person(880010, "张阿姨")
RESIDENTS = [Person(880020 + n, f"居民{n}") for n in range(5)]
NINE = Cron("09:00", TZ)


def at(month: int, day: int, hour: int, minute: int = 0, second: int = 0, year: int = 2025) -> float:
    return datetime(year, month, day, hour, minute, second, tzinfo=TZ).timestamp()


@pytest.fixture
def council(make_council, clock):
    council = make_council(collect_for=3600, vote_for=3600)
    council.quiet = QuietHours.parse("22:00-07:00", TZ)
    clock.now = at(11, 24, 15)  # Monday
    return council


async def closed_topic(council, clock, title="流浪狗扰民怎么办", chat=CHAT, message=1):
    """A topic voted on and closed at the current time (Monday 24 Nov 2025, 15:00 unless the clock was set)."""
    await council.chat_seen(chat, "supergroup", "永合社区 3幢2单元" if chat == CHAT else "合女士议事团")
    topic = await council.open_topic(chat, WANG, title, message)
    await council.propose(chat, ZHANG, "在3号楼西侧设固定投喂点", message + 1)
    await council.start_voting(topic.id, actor=WANG)
    await council.cast_vote(topic.id, chat, ZHANG, 1, "button")
    await council.close(topic.id, actor=WANG, members=10)
    return await council.topic(topic.id)


async def pending(outbox, purpose=None, chat=None):
    return [p for p in await outbox.pending(limit=5000) if (purpose is None or p.purpose == purpose)
            and (chat is None or p.chat_id == chat)]


async def test_adding_items_reads_owner_and_due_and_announces_them(council, clock, outbox):
    topic = await closed_topic(council, clock)
    item = await council.add_action(CHAT, WANG, "在3号楼西侧设投喂点 @物业 12月15日", message_id=50)
    assert (item.number, item.text, item.owner.name, item.owner.is_person) == (1, "在3号楼西侧设投喂点", "物业", False)
    assert item.due_on.isoformat() == "2025-12-15" and item.due_at == at(12, 16, 0)  # due by the end of the day
    assert item.topic_id == topic.id and item.status is ItemStatus.TODO
    assert await council.add_action(CHAT, WANG, "在3号楼西侧设投喂点 @物业 12月15日", message_id=50) == item  # twice

    (post,) = await pending(outbox, "action")
    assert post.text.startswith("【执行监督】议题1「流浪狗扰民怎么办」新增执行事项")
    assert "事项1：在3号楼西侧设投喂点" in post.text and "负责：物业 · 截止：12月15日（周一）" in post.text
    assert "状态：待办" in post.text and "完成 1" in post.text
    assert [data for row in post.keyboard for _, data in row] == [f"ai:{item.id}:doing", f"ai:{item.id}:done",
                                                                 f"ai:{item.id}:paused"]
    assert all(len(data.encode()) < 64 and data.isascii() for row in post.keyboard for _, data in row)

    person = await council.add_action(CHAT, WANG, "议题1 联系救助站 @li_jie 下周五 18:00", message_id=51)
    assert person.number == 2 and person.owner.username == "li_jie" and person.owner.name == "@li_jie"
    assert person.due_on.isoformat() == "2025-12-05" and person.due_at == at(12, 5, 18)
    tagged = await council.add_action(CHAT, WANG, "给狗打疫苗 李姐 3天后", (Mention("李姐", user_id=LI.id),), message_id=52)
    assert tagged.owner.user_id == LI.id and tagged.owner.name == "李姐" and tagged.text == "给狗打疫苗"
    labelled = await council.add_action(CHAT, WANG, "张贴告示 负责人：居委会 月底", message_id=53)
    assert labelled.owner.name == "居委会" and labelled.due_on.isoformat() == "2025-11-30"
    late = await council.add_action(CHAT, WANG, "<b>清理</b> 志愿者 一周内", message_id=54)
    assert late.due_on.isoformat() == "2025-12-01"
    assert "&lt;b&gt;清理&lt;/b&gt;" in (await pending(outbox, "action"))[-1].text  # escaped


@pytest.mark.parametrize(("text", "says"), [
    ("", "请写上要做的事"),
    ("设投喂点 12月15日", "请写上负责人"),
    ("设投喂点 @物业", "请写上截止日期"),
    ("设投喂点 @物业 下下周", "请写上截止日期"),
    ("设投喂点 @物业 13月45日", "截止日期看不懂"),
    ("设投喂点 @物业 11月20日", "截止日期已经过了"),
    ("设投喂点 @物业 今天 14:00", "截止日期已经过了"),
    ("设投喂点 @物业 2025-11-23", "截止日期已经过了"),
])
async def test_bad_items_are_refused_with_an_example(council, clock, text, says):
    await closed_topic(council, clock)
    with pytest.raises(CouncilError, match=says) as refused:
        await council.add_action(CHAT, WANG, text)
    assert "例如" in refused.value.text or "可以写" in refused.value.text


async def test_items_belong_to_a_closed_topic_by_number_reply_or_the_latest(council, clock, outbox):
    with pytest.raises(CouncilError, match="还没有已结束的议题"):
        await council.add_action(CHAT, WANG, "装监控 物业 明天")
    first = await closed_topic(council, clock, "高空抛物")
    second = await closed_topic(council, clock, "楼道堆物", message=10)
    still_open = await council.open_topic(CHAT, WANG, "停车难", 20)
    assert (await council.add_action(CHAT, WANG, "清理杂物 物业 明天")).topic_id == second.id  # the latest
    assert (await council.add_action(CHAT, WANG, "1 装监控 物业 明天")).topic_id == first.id
    assert (await council.add_action(CHAT, WANG, "议题1 贴告示 社区 明天")).topic_id == first.id
    replied = await council.add_action(CHAT, WANG, "装摄像头 物业 明天", reply_to=first.card_message_id or -5)
    assert replied.topic_id == second.id  # no card was ever sent here: the reply points nowhere, latest it is
    with pytest.raises(CouncilError, match="还在进行中"):
        await council.add_action(CHAT, WANG, f"议题{still_open.number} 划线 物业 明天")
    with pytest.raises(CouncilError, match="没有议题9"):
        await council.add_action(CHAT, WANG, "议题9 划线 物业 明天")
    await council.cancel(still_open.id, WANG)
    with pytest.raises(CouncilError, match="已经取消"):
        await council.add_action(CHAT, WANG, f"议题{still_open.number} 划线 物业 明天")
    items = [await council.action_item(CHAT, number=n) for n in (1, 2, 3, 4)]
    assert [i.topic_id for i in items] == [second.id, first.id, first.id, second.id]  # per group, across topics


async def test_status_updates_keep_history_and_only_owner_or_facilitator_may(council, clock, outbox):
    await closed_topic(council, clock)
    owned = await council.add_action(CHAT, WANG, "联系救助站 @li_jie 12月15日", message_id=50)
    body = await council.add_action(CHAT, WANG, "设投喂点 物业 12月15日", message_id=51)
    with pytest.raises(CouncilError, match="只有这个事项的负责人或议事员"):
        await council.set_action_status(owned.id, CHAT, ItemStatus.DONE, ZHANG, "zhang", facilitator=False)
    with pytest.raises(CouncilError, match="只有这个事项的负责人或议事员"):
        await council.set_action_status(body.id, CHAT, ItemStatus.DONE, LI, "li_jie", facilitator=False)
    clock.advance(3600)
    doing = await council.set_action_status(owned.id, CHAT, ItemStatus.DOING, LI, "Li_Jie", facilitator=False)
    assert doing.status is ItemStatus.DOING
    clock.advance(3600)
    done = await council.set_action_status(owned.id, CHAT, ItemStatus.DONE, WANG, None, facilitator=True,
                                           note="已和救助站约好")
    assert done.status is ItemStatus.DONE and done.closed_at == clock.now
    with pytest.raises(CouncilError, match="已经是这个状态"):
        await council.set_action_status(owned.id, CHAT, ItemStatus.DONE, WANG, None, facilitator=True)
    with pytest.raises(CouncilError):  # another group's item
        await council.set_action_status(owned.id, OTHER, ItemStatus.PAUSED, WANG, None, facilitator=True)
    history = await council.action_history(owned.id)
    assert [(h.actor_name, h.from_status, h.to_status, h.note) for h in history] == [
        ("李姐", ItemStatus.TODO, ItemStatus.DOING, ""), ("王社工", ItemStatus.DOING, ItemStatus.DONE, "已和救助站约好")]
    assert history[1].at - history[0].at == 3600
    changed = [p for p in await pending(outbox, "action") if "更新：" in p.text]
    assert changed[-1].text.startswith("【执行监督】事项1 已完成 ✅")
    assert "更新：王社工 · 进行中 → 已完成" in changed[-1].text and "备注：已和救助站约好" in changed[-1].text
    assert changed[-1].keyboard is None and changed[0].keyboard == [[("已完成", f"ai:{owned.id}:done"),
                                                                     ("搁置", f"ai:{owned.id}:paused")]]

    listing = await council.action_list(CHAT, None)
    assert listing.startswith("【执行监督】执行情况") and "事项2 设投喂点" in listing and "事项1" not in listing
    assert "已完成 1 项" in listing
    assert "事项1 联系救助站" in await council.action_list(CHAT, 1)
    status = await council.status_text(CHAT)
    assert "【执行监督中】" in status and "未完成事项 1 项" in status


async def test_due_and_overdue_reminders_once_each_and_never_in_quiet_hours(council, clock, outbox):
    await closed_topic(council, clock)  # Monday 24 Nov 15:00
    item = await council.add_action(CHAT, WANG, "设投喂点 物业 11月26日", message_id=50)
    other = await closed_topic(council, clock, chat=OTHER, message=30)
    today = await council.add_action(OTHER, WANG, "张贴告示 社区 今天 20:00", message_id=60)
    assert other.state.value == "closed"
    assert await council.follow_up_due(NINE) == 0  # nothing due yet

    clock.now = at(11, 24, 21)  # 告示 is overdue since 20:00; reminders wait for the 09:00 fire … and quiet hours
    assert await council.follow_up_due(NINE) == 0
    clock.now = at(11, 25, 7, 0, 1)  # quiet hours over, but the check's time is 09:00
    assert await council.follow_up_due(NINE) == 0
    clock.now = at(11, 25, 9, 0, 5)
    assert await council.follow_up_due(NINE) == 1  # 告示 (recorded on its due day: no "due today" reminder)
    late = (await pending(outbox, "action", OTHER))[-1]
    assert late.text.startswith("【执行监督】事项提醒") and "已逾期：" in late.text and "⚠ 已逾期1天" in late.text
    assert late.keyboard == [[("事项1 已完成", f"ai:{today.id}:done")]]
    assert await council.follow_up_due(NINE) == 0

    clock.now = at(11, 26, 8)  # 投喂点's due day; quiet hours are over, the 09:00 fire not yet
    assert await council.follow_up_due(NINE) == 0
    clock.now = at(11, 26, 9, 30)
    assert await council.follow_up_due(NINE) == 1
    due = (await pending(outbox, "action", CHAT))[-1]
    assert "今天到期：" in due.text and "事项1 设投喂点" in due.text and "负责：物业 · 截止：11月26日（周三）" in due.text
    assert await council.follow_up_due(NINE) == 0

    clock.now = at(11, 27, 9, 0, 1)  # the day after: overdue, once
    assert await council.follow_up_due(NINE) == 1
    assert "⚠ 已逾期1天" in (await pending(outbox, "action", CHAT))[-1].text
    clock.now = at(11, 30, 9, 0, 1)
    assert await council.follow_up_due(NINE) == 0  # weekly, not daily
    await council.set_action_status(today.id, OTHER, ItemStatus.DONE, WANG, None, facilitator=True)
    clock.now = at(12, 4, 9, 0, 1)  # a week after the first overdue reminder: only the open item
    assert await council.follow_up_due(NINE) == 1
    assert "⚠ 已逾期8天" in (await pending(outbox, "action", CHAT))[-1].text
    await council.set_action_status(item.id, CHAT, ItemStatus.PAUSED, WANG, None, facilitator=True)
    clock.now = at(12, 11, 9, 0, 1)
    assert await council.follow_up_due(NINE) == 0  # shelved: no more reminders


async def test_reminders_missed_while_down_come_once_the_latest_stage_only(council, clock, outbox):
    await closed_topic(council, clock)
    await council.add_action(CHAT, WANG, "设投喂点 物业 11月26日", message_id=50)
    await council.add_action(CHAT, WANG, "联系救助站 社区 11月27日", message_id=51)
    clock.now = at(12, 10, 15)  # down from before the 26th until two weeks later
    assert await council.follow_up_due(NINE) == 1  # one post for the group, both items, overdue only
    post = (await pending(outbox, "action", CHAT))[-1]
    assert "今天到期" not in post.text and "⚠ 已逾期14天" in post.text and "⚠ 已逾期13天" in post.text
    assert len(post.keyboard) == 2
    assert await council.follow_up_due(NINE) == 0


async def test_review_question_and_answer_counts(council, clock, outbox):
    topic = await closed_topic(council, clock)
    await council.add_action(CHAT, WANG, "设投喂点 物业 11月26日", message_id=50)
    with pytest.raises(CouncilError, match="请写上复盘日期"):
        await council.set_review(CHAT, WANG, "下下周")
    with pytest.raises(CouncilError, match="今天以后"):
        await council.set_review(CHAT, WANG, "今天")
    review = await council.set_review(CHAT, WANG, "议题1 12月1日")
    assert review.review_on.isoformat() == "2025-12-01" and review.topic_id == topic.id
    notice = (await pending(outbox, "notice"))[-1]
    assert notice.text.startswith("【执行监督】议题1「流浪狗扰民怎么办」将在 12月1日（周一） 复盘")
    with pytest.raises(CouncilError):  # not asked yet: a forged button
        await council.answer_review(topic.id, CHAT, ZHANG, 1)

    clock.now = at(11, 27, 9, 0, 1)
    assert await council.follow_up_due(NINE) == 1  # the item is overdue (no question yet)
    clock.now = at(12, 1, 8)
    assert await council.follow_up_due(NINE) == 0  # 09:00 on the day
    clock.now = at(12, 1, 9, 0, 1)
    assert await council.follow_up_due(NINE) == 1  # the question
    question = (await pending(outbox, "review"))[-1]
    assert question.text.startswith("【执行监督】复盘 · 议题1「流浪狗扰民怎么办」")
    assert "执行事项：已完成 0 项 / 共 1 项" in question.text and "有效 0 · 一般 0 · 无效 0（共 0 人）" in question.text
    assert question.keyboard == [[("有效", f"rv:{topic.id}:1"), ("一般", f"rv:{topic.id}:2"),
                                  ("无效", f"rv:{topic.id}:3")]]
    assert await council.follow_up_due(NINE) == 0

    assert await council.answer_review(topic.id, CHAT, ZHANG, 3) is True
    assert await council.answer_review(topic.id, CHAT, ZHANG, 1) is True  # changed: the latest counts
    assert await council.answer_review(topic.id, CHAT, ZHANG, 1) is False
    for resident, answer in zip(RESIDENTS, (1, 2, 2, 3), strict=False):
        await council.answer_review(topic.id, CHAT, resident, answer)
    with pytest.raises(CouncilError):
        await council.answer_review(topic.id, OTHER, LI, 1)
    assert await council.review_view(topic.id) is None  # the question was never sent here: nothing to edit
    await outbox.sent(question, 777)
    chat_id, message_id, text, keyboard = await council.review_view(topic.id)
    assert (chat_id, message_id) == (CHAT, 777) and "有效 2 · 一般 2 · 无效 1（共 5 人）" in text
    assert keyboard == question.keyboard


async def test_digest_shows_overdue_items_and_review_answers(council, clock, outbox):
    reports = Reports(council, Cron("0 9 * * 1", TZ), frozenset({STAFF}))
    clock.now = at(11, 17, 10)  # the week before
    topic = await closed_topic(council, clock)
    await council.add_action(CHAT, WANG, "设投喂点 物业 11月20日", message_id=50)
    await council.add_action(CHAT, WANG, "<i>联系救助站</i> @li_jie 11月28日", message_id=51)
    finished = await council.add_action(CHAT, WANG, "张贴告示 居委会 12月20日", message_id=52)
    await council.set_review(CHAT, WANG, "11月25日")
    clock.now = at(11, 25, 9, 0, 1)
    await council.follow_up_due(NINE)
    await council.answer_review(topic.id, CHAT, ZHANG, 1)
    await council.answer_review(topic.id, CHAT, LI, 2)
    clock.now = at(11, 26, 10)
    await council.set_action_status(finished.id, CHAT, ItemStatus.DONE, WANG, None, facilitator=True)
    clock.now = at(12, 3, 10)  # things done after the week do not change it
    await council.answer_review(topic.id, CHAT, RESIDENTS[0], 3)

    await reports.digest_for(STAFF, datetime(2025, 11, 26).date())  # the week of 24-30 November
    message, html, table = await pending(outbox, "digest")
    text = message.text
    assert len(text) < 4096 and "执行事项：未完成 2 项 · 逾期 2 项" in text
    assert "  执行事项：未完成 2 · 逾期 2 · 本周完成 1" in text
    assert "⚠ 事项1「设投喂点」物业 · 已逾期10天" in text and "⚠ 事项2「&lt;i&gt;联系救助站&lt;/i&gt;」@li_jie · 已逾期2天" in text
    assert "复盘 议题1「流浪狗扰民怎么办」：有效 1 · 一般 1 · 无效 0（共 2 人）" in text
    page = html.document.decode()
    assert '<section class="card" id="follow-up"><h2>执行监督</h2>' in page and "&lt;i&gt;联系救助站" in page
    assert "<i>联系救助站" not in page and "已逾期10天" in page and "复盘：措施有没有效果" in page
    rows = list(csv.reader(io.StringIO(table.document.decode("utf-8-sig"))))
    start = rows.index(["执行事项"])
    assert rows[start + 1][:5] == ["群名", "事项号", "议题号", "议题", "事项内容"]
    items = {row[4]: row for row in rows[start + 2:start + 5]}
    assert items["设投喂点"][6:] == ["2025-11-20", "待办", "10"]
    assert items["张贴告示"][7:] == ["已完成", ""]
    review = rows[rows.index(["复盘"]) + 2]
    assert review[:4] == ["永合社区 3幢2单元", "1", "流浪狗扰民怎么办", "2025-11-25"] and review[4:] == ["1", "1", "0", "2"]


async def test_digest_message_stays_under_the_limit_with_many_overdue_items(council, clock, outbox):
    reports = Reports(council, Cron("0 9 * * 1", TZ), frozenset({STAFF}))
    clock.now = at(11, 10, 10)
    for n in range(40):
        chat = -2000 - n
        await closed_topic(council, clock, title=f"议题{'长' * 50}{n}", chat=chat, message=1)
        for k in range(6):
            await council.add_action(chat, WANG, f"{'很长的事项' * 10}{k} 物业 11月12日", message_id=100 + k)
    await reports.digest_for(STAFF, datetime(2025, 11, 26).date())
    message = (await pending(outbox, "digest"))[0]
    assert len(message.text) < 4096 and "执行事项：未完成 240 项 · 逾期 240 项" in message.text
    assert "个群的情况见附件" in message.text
