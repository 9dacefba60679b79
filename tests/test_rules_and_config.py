from zoneinfo import ZoneInfo

import pytest

from council import ballot_texts, texts
from council.config import ConfigError, load
from council.models import Method, Option, State, Tally, Topic
from council.rules import outcome, quorum_needed
from council.timeutil import format_left, format_when, parse_duration


def topic(method=Method.CHOICE, quorum=0.3) -> Topic:
    return Topic(1, -100, 1, "流浪狗扰民怎么办", "", State.VOTING, method, quorum, 7, 0.0, 0.0, 0.0)


def test_quorum_share_and_absolute():
    assert quorum_needed(0.3, 20) == 6
    assert quorum_needed(0.3, 7) == 3  # rounded up: 2.1 voters is not enough
    assert quorum_needed(10, 200) == 10
    assert quorum_needed(0.0, 20) == 0
    assert quorum_needed(0.3, None) == 0


def test_choice_outcomes():
    options = [Option(1, "投喂点"), Option(2, "救助站"), Option(3, "监控")]
    assert outcome(topic(), Tally(options, {1: 4, 2: 2}), 20).kind == "winner"
    assert outcome(topic(), Tally(options, {1: 4, 2: 2}), 20).winners == [options[0]]
    tie = outcome(topic(), Tally(options, {1: 3, 2: 3}), 20)
    assert tie.kind == "tie" and [o.number for o in tie.winners] == [1, 2]
    assert outcome(topic(), Tally(options, {1: 2}), 20).kind == "no_quorum"
    assert outcome(topic(), Tally(options, {}), 20).kind == "no_votes"
    assert outcome(topic(), Tally([], {}), 20).kind == "no_proposals"


def test_consent_outcomes_ignore_abstentions():
    options = [Option(1, "赞成"), Option(2, "反对"), Option(3, "弃权")]
    consent = topic(Method.CONSENT)
    assert outcome(consent, Tally(options, {1: 3, 2: 2, 3: 5}), 10).kind == "passed"
    assert outcome(consent, Tally(options, {1: 2, 2: 3}), 10).kind == "rejected"
    assert outcome(consent, Tally(options, {1: 2, 2: 2}), 10).kind == "tie"


def test_durations_and_times():
    assert parse_duration("5s") == 5 and parse_duration("3d") == 259200
    with pytest.raises(ValueError):
        parse_duration("3 weeks")
    assert format_when(1_764_000_000, ZoneInfo("Asia/Shanghai")) == "11月25日（周二）00:00"
    assert format_left(90061) == "1天1小时"
    assert format_left(59) == "不到1分钟"


def test_texts_escape_user_html():
    t = topic()
    t.title = "<b>狗</b> & 猫"
    card = texts.topic_card(t, "<i>王社工</i>", ZoneInfo("Asia/Shanghai"))
    assert "&lt;b&gt;狗&lt;/b&gt; &amp; 猫" in card and "&lt;i&gt;王社工&lt;/i&gt;" in card
    assert "<b>" not in card


def test_ballot_of_many_long_proposals_fits_one_message():
    options = [Option(n, "很长的建议" * 100) for n in range(1, 91)]
    text = ballot_texts.ballot(topic(), Tally(options, {n: n for n in range(1, 91)}), 500, ZoneInfo("Asia/Shanghai"))
    assert len(text) <= texts.MESSAGE_LIMIT
    keyboard = ballot_texts.ballot_keyboard(topic(), Tally(options, {}))
    assert all(len(data.encode()) <= 64 for row in keyboard for _, data in row)


def test_config_defaults_and_env(tmp_path):
    config = load(None, {"BOT_TOKEN": "1:x", "TELEGRAM_BASE_URL": "http://127.0.0.1:9/bot", "COUNCIL_DB": "x.db"})
    assert config.token == "1:x" and config.base_url == "http://127.0.0.1:9/bot" and config.db_path == "x.db"
    assert config.council.collect_for == 3 * 86400 and config.council.quorum == 0.3
    assert "1:x" not in repr(config)


@pytest.mark.parametrize(
    ("toml", "key"),
    [
        ('[council]\ncollect_for = "3 days"', "council.collect_for"),
        ('[council]\nquorum = "many"', "council.quorum"),
        ("[council]\nquorum = 2.5", "council.quorum"),
        ('[council]\nmethod = "majority"', "council.method"),
        ('[locale]\ntimezone = "Mars/Olympus"', "locale.timezone"),
        ('[schedule]\nweekly_digest = "every monday"', "schedule.weekly_digest"),
        ('[schedule]\nquiet_hours = "late"', "schedule.quiet_hours"),
        ("[roles]\nfacilitators = ['wang']", "roles.facilitators"),
        ('[council]\ncolect_for = "1d"', "council.colect_for"),
    ],
)
def test_config_errors_name_the_key(tmp_path, toml, key):
    path = tmp_path / "config.toml"
    path.write_text(toml, encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load(path, {})
    assert str(error.value).startswith(key) and "\n" not in str(error.value)


def test_shipped_config_is_valid():
    config = load("config.toml", {})
    assert config.schedule.weekly_digest == "0 9 * * mon"
    assert config.schedule.daily_summary == "20:00"


def test_six_field_crontab_accepted(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text('[schedule]\ndaily_summary = "*/10 * * * * *"', encoding="utf-8")
    assert load(path, {}).schedule.daily_summary == "*/10 * * * * *"
