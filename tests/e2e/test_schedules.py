"""Scheduled posts end to end: the real bot process, short crontab lines, the stand-in as Telegram."""

from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from tests.e2e.conftest import Group, settle

TZ = ZoneInfo("Asia/Shanghai")


def schedule_toml(daily: str = "0 0 3 * * *", weekly: str = "0 0 3 * * *", quiet: str = "off",
                  reminders: str = "[]", staff_chats: list[int] = (), staff_users: list[int] = ()) -> str:
    return (f'[schedule]\ndaily_summary = "{daily}"\nweekly_digest = "{weekly}"\nquiet_hours = "{quiet}"\n'
            f"reminders_before = {reminders}\n"
            f"[roles]\nstaff_chats = {list(staff_chats)}\nstaff_users = {list(staff_users)}\n")


def clock_in(seconds: float) -> datetime:
    return datetime.now(TZ) + timedelta(seconds=seconds)


async def test_daily_summary_and_reminder_arrive_with_the_right_numbers(telegram, run_bot):
    await run_bot(schedule_toml(daily="*/4 * * * * *", reminders='["6s"]'), collect_for="10s", vote_for="14s")
    group = Group(telegram)
    card = await group.open_topic("流浪狗扰民怎么办", "在3号楼西侧设固定投喂点", "联系救助站", "给狗打狂犬疫苗")

    def summaries() -> list[str]:
        return [t for t in group.bot_texts() if t.startswith("【今日小结】")]

    await telegram.wait_for(lambda: any("#3 给狗打狂犬疫苗" in t for t in summaries()), timeout=12)
    await settle(5)  # nothing new happened since: no more summaries
    texts = summaries()
    assert all("议题1「流浪狗扰民怎么办」 · 征集建议中" in t for t in texts)
    for line in ("#1 在3号楼西侧设固定投喂点", "#2 联系救助站", "#3 给狗打狂犬疫苗"):
        assert sum(line in t for t in texts) == 1  # each new proposal reported once
    assert any("今天新增 3 条建议" in t for t in texts) or len(texts) > 1

    ballot = await group.bot_says("【投票】", after=card["message_id"], timeout=15)
    group.tap(ballot, group.residents[0], 1)
    group.tap(ballot, group.residents[1], 2)
    reminder = await group.bot_says("【提醒】", after=ballot["message_id"], timeout=15)
    assert "议题1「流浪狗扰民怎么办」投票还剩" in reminder["text"]
    assert "已投票 2 人 · 本群 7 人（29%）" in reminder["text"] and "投2" in reminder["text"]
    assert reminder.get("reply_to_message", {}).get("message_id") == ballot["message_id"]
    await telegram.wait_for(lambda: any("已投票 2 人 · 本群 7 人（29%）" in t for t in summaries()), timeout=10)
    await group.bot_says("【决议公示】", after=ballot["message_id"], timeout=15)
    assert group.posts("【提醒】") == 1


async def test_nothing_is_posted_in_quiet_hours_and_what_waited_comes_once(telegram, run_bot):
    quiet = f"{clock_in(-3600):%H:%M:%S}-{clock_in(14):%H:%M:%S}"
    await run_bot(schedule_toml(daily="*/3 * * * * *", quiet=quiet))
    group = Group(telegram)
    card = await group.open_topic("高空抛物", "装监控", "贴告示")
    await settle(8)
    assert group.posts("【今日小结】") == 0  # three summary times passed inside quiet hours
    summary = await group.bot_says("【今日小结】", after=card["message_id"], timeout=15)
    assert "今天新增 2 条建议" in summary["text"]
    await settle(5)
    assert group.posts("【今日小结】") == 1


async def test_weekly_digest_reaches_staff_with_both_files_and_digest_is_for_staff(telegram, run_bot):
    staff = telegram.add_user("周主任")["id"]
    staff_chat = telegram.create_group("街道社区工作群", members=[staff], admins=[staff])["id"]
    telegram.private_chat(staff)
    fire = clock_in(9)
    weekly = f"{fire.second} {fire.minute} {fire.hour} * * *"
    await run_bot(schedule_toml(weekly=weekly, staff_chats=[staff_chat], staff_users=[staff]))
    group = Group(telegram)
    await group.open_topic("停车难", "划定访客车位", "夜间占道罚款")

    def staff_posts():
        return [m for m in telegram.bot_messages(staff_chat)]

    await telegram.wait_for(lambda: len(staff_posts()) >= 3, timeout=20)
    message, html, table = staff_posts()[:3]
    assert message["text"].startswith("【每周议事简报】") and "详细情况见附件" in message["text"]
    assert html["document"]["file_name"].endswith(".html") and table["document"]["file_name"].endswith(".csv")
    files = {d["filename"]: d["bytes"] for d in telegram.documents if d["chat_id"] == staff_chat}
    assert files[html["document"]["file_name"]].rstrip().endswith(b"</html>")  # last week was empty here
    assert files[table["document"]["file_name"]].startswith(b"\xef\xbb\xbf")

    group.say(group.residents[0], "简报")
    refusal = await group.bot_says("给社区工作人员看的")
    assert "进度" in refusal["text"]

    telegram.send_message(staff, staff, "简报")  # in private chat: this week's digest, with today's topic
    current = await telegram.wait_for(lambda: [m for m in telegram.bot_messages(staff)
                                               if m.get("text", "").startswith("【每周议事简报】")], timeout=15)
    assert "新议题 1 个" in current[0]["text"] and "新建议 2 条" in current[0]["text"]
    await telegram.wait_for(lambda: sum("document" in m for m in telegram.bot_messages(staff)) == 2, timeout=10)
    csv_bytes = [d["bytes"] for d in telegram.documents if d["chat_id"] == staff and d["filename"].endswith(".csv")]
    rows = list(csv.reader(io.StringIO(csv_bytes[0].decode("utf-8-sig"))))
    assert rows[1][0] == "永合社区 3幢2单元" and rows[1][2] == "停车难" and rows[1][7] == "2"
    telegram.send_message(staff, staff, "简报 2026-13-45")
    await telegram.wait_for(lambda: telegram.bot_messages(staff)[-1].get("text", "").startswith("日期看不懂"))


async def test_a_post_written_but_not_sent_when_killed_is_sent_exactly_once(telegram, run_bot):
    bot = await run_bot()
    group = Group(telegram)
    await group.open_topic("楼道堆物", "清理杂物")
    telegram.hold("sendMessage", chat_id=group.id)
    group.say(group.residents[0], "小结")
    await telegram.wait_for(lambda: telegram.held_calls > 0, timeout=10)
    assert bot.scalar("SELECT COUNT(*) FROM outbox WHERE purpose = 'summary' AND sent_at IS NULL") == 1
    bot.kill()  # written, not sent: the request never reached the group
    telegram.release()
    await bot.start()
    await group.bot_says("【今日小结】", timeout=15)
    await settle(3)
    assert group.posts("【今日小结】") == 1
    assert bot.scalar("SELECT COUNT(*) FROM outbox WHERE purpose = 'summary' AND sent_at IS NOT NULL") == 1


async def test_failed_sends_are_retried_and_export_gives_a_file(telegram, run_bot):
    await run_bot()
    group = Group(telegram)
    await group.open_topic("电动车充电", "楼下装充电桩", "禁止飞线充电")
    telegram.fail_next("sendMessage", times=2, code=502, chat_id=group.id)
    group.say(group.residents[0], "小结")
    await group.bot_says("【今日小结】", timeout=20)
    failures = [c for c in telegram.calls if c["method"] == "sendMessage" and c["error_code"] == 502]
    assert len(failures) == 2
    group.say(group.residents[1], "小结")
    await group.bot_says("刚发过小结")

    group.say(group.residents[0], "导出")
    await group.bot_says("议事员")
    group.say(group.facilitator, "导出 1")
    await telegram.wait_for(lambda: any(d["chat_id"] == group.id for d in telegram.documents), timeout=10)
    (document,) = [d for d in telegram.documents if d["chat_id"] == group.id]
    assert document["filename"] == "议题1_导出.csv"
    rows = list(csv.reader(io.StringIO(document["bytes"].decode("utf-8-sig"))))
    assert [row[1] for row in rows[2:]] == ["楼下装充电桩", "禁止飞线充电"]
