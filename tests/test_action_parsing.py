"""Reading a facilitator's action item line: due dates in natural Chinese against a fixed "today" (Asia/Shanghai),
and owners."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from council.actions import (
    ActionItem,
    ItemProblem,
    ItemStatus,
    Mention,
    Owner,
    chinese_number,
    due_moment,
    parse_due,
    parse_item,
    reminder_stages,
)

TZ = ZoneInfo("Asia/Shanghai")
TODAY = date(2025, 11, 26)  # a Wednesday


@pytest.mark.parametrize(("text", "day"), [
    ("12月15日", date(2025, 12, 15)),
    ("12月15号", date(2025, 12, 15)),
    ("12.15", date(2025, 12, 15)),
    ("12/15", date(2025, 12, 15)),
    ("2026-12-15", date(2026, 12, 15)),
    ("2026年1月5日", date(2026, 1, 5)),
    ("1月15日", date(2026, 1, 15)),  # written in November: next January
    ("今天", TODAY),
    ("明天", date(2025, 11, 27)),
    ("后天", date(2025, 11, 28)),
    ("大后天", date(2025, 11, 29)),
    ("周五", date(2025, 11, 28)),
    ("星期一", date(2025, 12, 1)),
    ("周三", TODAY),  # today is Wednesday
    ("本周日", date(2025, 11, 30)),
    ("这周五", date(2025, 11, 28)),
    ("下周五", date(2025, 12, 5)),
    ("下个星期二", date(2025, 12, 2)),
    ("周末", date(2025, 11, 29)),
    ("月底", date(2025, 11, 30)),
    ("下月底", date(2025, 12, 31)),
    ("年底", date(2025, 12, 31)),
    ("3天后", date(2025, 11, 29)),
    ("三天内", date(2025, 11, 29)),
    ("十天之内", date(2025, 12, 6)),
    ("一周内", date(2025, 12, 3)),
    ("两周后", date(2025, 12, 10)),
    ("2个星期内", date(2025, 12, 10)),
    ("一个月内", date(2025, 12, 26)),
    ("截止12月15日", date(2025, 12, 15)),
    ("12月15日前", date(2025, 12, 15)),
    ("下周五之前", date(2025, 12, 5)),
])
def test_due_dates(text, day):
    assert parse_due(text, TODAY).day == day


@pytest.mark.parametrize(("text", "at"), [
    ("明天 18:00", time(18, 0)),
    ("明天18点", time(18, 0)),
    ("明天下午3点", time(15, 0)),
    ("12月15日 9点半", time(9, 30)),
    ("今天 14:03:20", time(14, 3, 20)),
])
def test_due_times(text, at):
    assert parse_due(text, TODAY).at == at


@pytest.mark.parametrize("text", ["下下周", "过几天", "尽快", "3号楼", "下周", "周八", "12"])
def test_not_due_dates(text):
    assert parse_due(text, TODAY) is None


@pytest.mark.parametrize("text", ["13月45日", "2月30日", "明天 25:00", "0天后"])
def test_impossible_dates_are_told_apart_from_no_date(text):
    with pytest.raises(ItemProblem) as problem:
        parse_due(text, TODAY)
    assert problem.value.kind == "bad_due"


def test_chinese_numbers():
    assert [chinese_number(t) for t in ("3", "十", "十五", "二十一", "两", "三十", "百")] == [3, 10, 15, 21, 2, 30, None]


@pytest.mark.parametrize(("text", "owner", "what"), [
    ("在3号楼西侧设投喂点 @物业 12月15日", Owner("物业"), "在3号楼西侧设投喂点"),
    ("在3号楼西侧设投喂点 ＠物业公司 12月15日", Owner("物业公司"), "在3号楼西侧设投喂点"),
    ("联系救助站 @li_jie 明天", Owner("@li_jie", None, "li_jie"), "联系救助站"),
    ("张贴告示 负责人：居委会 月底", Owner("居委会"), "张贴告示"),
    ("张贴告示 负责：业委会 月底", Owner("业委会"), "张贴告示"),
    ("志愿者 每晚巡查一次 一周内", Owner("志愿者"), "每晚巡查一次"),
    ("每晚巡查一次，社区 一周内", Owner("社区"), "每晚巡查一次"),
    ("设投喂点12月15日前 @物业", Owner("物业"), "设投喂点"),
])
def test_owners_and_what_is_left(text, owner, what):
    draft = parse_item(text, TODAY)
    assert (draft.owner, draft.text) == (owner, what)


def test_a_tagged_person_owns_the_item():
    draft = parse_item("给狗打疫苗 李姐 周五", TODAY, (Mention("李姐", user_id=42),))
    assert draft.owner == Owner("李姐", 42, None) and draft.text == "给狗打疫苗"
    draft = parse_item("给狗打疫苗 @lijie2 周五", TODAY, (Mention("lijie2", username="lijie2"),))
    assert draft.owner.username == "lijie2" and draft.owner.is_person


def test_topic_number_leads_the_line():
    assert parse_item("议题2 清理楼道 物业 明天", TODAY).topic_number == 2
    assert parse_item("2 清理楼道 物业 明天", TODAY).topic_number == 2
    assert parse_item("3号楼清理楼道 物业 明天", TODAY).topic_number is None


@pytest.mark.parametrize(("text", "kind"), [
    ("", "no_text"), ("物业 明天", "no_text"), ("清理楼道 明天", "no_owner"), ("清理楼道 物业", "no_due"),
    ("清理楼道 物业 13月1日", "bad_due"),
])
def test_problems(text, kind):
    with pytest.raises(ItemProblem) as problem:
        parse_item(text, TODAY)
    assert problem.value.kind == kind


def test_due_moment_is_the_end_of_the_day_unless_a_time_is_given():
    assert due_moment(TODAY, None, TZ) == datetime(2025, 11, 27, tzinfo=TZ).timestamp()
    assert due_moment(TODAY, time(18), TZ) == datetime(2025, 11, 26, 18, tzinfo=TZ).timestamp()


def test_reminder_stages_due_day_then_overdue_weekly():
    created = datetime(2025, 11, 20, 10, tzinfo=TZ).timestamp()
    item = ActionItem(7, -1, 1, 1, "x", Owner("物业"), TODAY, due_moment(TODAY, None, TZ), ItemStatus.TODO, 1,
                      created, created)
    at = datetime(2025, 12, 5, 10, tzinfo=TZ).timestamp()
    assert [key for key, _ in reminder_stages(item, TZ, at)] == ["action:7:due", "action:7:overdue:0",
                                                                 "action:7:overdue:1"]
    item.created_at = datetime(2025, 11, 26, 8, tzinfo=TZ).timestamp()  # recorded on its due day
    assert [key for key, _ in reminder_stages(item, TZ, item.created_at)] == []
