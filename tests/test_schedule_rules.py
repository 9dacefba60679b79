"""Crontab lines, quiet hours, dates staff type and long messages: the pure parts of scheduling."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from council.config import ConfigError, load
from council.parsing import parse_day, parse_trigger
from council.schedule import Cron, QuietHours
from council.texts import split_message

TZ = ZoneInfo("Asia/Shanghai")
MONDAY_1030 = datetime(2026, 11, 23, 10, 30, tzinfo=TZ).timestamp()


def local(ts: float) -> str:
    return f"{datetime.fromtimestamp(ts, TZ):%a %Y-%m-%d %H:%M:%S}"


@pytest.mark.parametrize(("line", "latest", "following"), [
    ("20:00", "Sun 2026-11-22 20:00:00", "Mon 2026-11-23 20:00:00"),
    ("0 9 * * mon", "Mon 2026-11-23 09:00:00", "Mon 2026-11-30 09:00:00"),
    ("0 9 * * 1", "Mon 2026-11-23 09:00:00", "Mon 2026-11-30 09:00:00"),  # crontab: 1 is Monday
    ("0 9 * * 0", "Sun 2026-11-22 09:00:00", "Sun 2026-11-29 09:00:00"),  # crontab: 0 is Sunday (APScheduler: Mon)
    ("0 9 * * 7", "Sun 2026-11-22 09:00:00", "Sun 2026-11-29 09:00:00"),
    ("30 8 * * 1-5", "Mon 2026-11-23 08:30:00", "Tue 2026-11-24 08:30:00"),
    ("*/10 * * * * *", "Mon 2026-11-23 10:30:00", "Mon 2026-11-23 10:30:10"),
])
def test_cron_latest_and_next_read_like_crontab(line, latest, following):
    cron = Cron(line, TZ)
    assert local(cron.latest(MONDAY_1030)) == latest
    assert local(cron.next_after(MONDAY_1030)) == following


@pytest.mark.parametrize(("hour", "held_until"), [
    (21, None), (22, "Tue 2026-11-24 07:00:00"), (23, "Tue 2026-11-24 07:00:00"), (3, "Mon 2026-11-23 07:00:00"),
    (7, None),
])
def test_quiet_hours_across_midnight(hour, held_until):
    quiet = QuietHours.parse("22:00-07:00", TZ)
    held = quiet.hold_until(datetime(2026, 11, 23, hour, 0, tzinfo=TZ).timestamp())
    assert (local(held) if held else None) == held_until


def test_quiet_hours_with_seconds_off_and_wrong(tmp_path):
    quiet = QuietHours.parse("12:00:05-12:00:30", TZ)
    noon = datetime(2026, 11, 23, 12, 0, tzinfo=TZ).timestamp()
    assert not quiet.contains(noon + 4) and quiet.contains(noon + 5) and not quiet.contains(noon + 30)
    assert QuietHours.parse("off", TZ) is None
    path = tmp_path / "config.toml"
    for bad in ('"22:00"', '"22:00-22:00"', '"25:00-07:00"'):
        path.write_text(f"[schedule]\nquiet_hours = {bad}\n", encoding="utf-8")
        with pytest.raises(ConfigError, match=r"schedule\.quiet_hours"):
            load(path, {})


@pytest.mark.parametrize(("text", "expected"), [
    ("2026-11-09", date(2026, 11, 9)), ("2026/11/9", date(2026, 11, 9)), ("2026年11月9日", date(2026, 11, 9)),
    ("11月9日", date(2026, 11, 9)), ("12-01", date(2025, 12, 1)), ("2026-02-30", None), ("上周", None),
])
def test_dates_staff_write(text, expected):
    assert parse_day(text, date(2026, 11, 23)) == expected


@pytest.mark.parametrize(("text", "action"), [
    ("小结", "summary"), ("简报", "digest"), ("简报 2026-11-09", "digest"), ("导出 2", "export"),
    ("小结一下吧", None), ("简报发了吗", None), ("简报 我看过了", None), ("导出表格", None),
])
def test_new_triggers_and_chat_that_only_looks_like_them(text, action):
    intent = parse_trigger(text)
    assert (intent.action if intent else None) == action


def test_long_messages_are_cut_between_lines():
    lines = [f"第{n}行 " + "字" * 50 for n in range(200)]
    parts = split_message("\n".join(lines), limit=4096)
    assert len(parts) > 1 and all(len(part) <= 4096 for part in parts)
    assert "\n".join(parts).split("\n") == lines  # nothing lost, no line cut
    assert split_message("短消息") == ["短消息"]
    assert [len(p) for p in split_message("x" * 9000)] == [4096, 4096, 808]
