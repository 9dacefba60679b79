"""The /new wizard's answers: durations, quorums, choices, titles — and the explanations of answers that make no sense."""

from zoneinfo import ZoneInfo

import pytest

from council import texts
from council.config import CouncilRules
from council.models import Ballot, Method, Results, State, Threshold, Topic, VoteUnit
from council.wizard import Draft, WizardError, apply, chinese_number, next_step, read_duration, read_quorum, read_title
from handlers.keyboards import markup

HOUR, DAY = 3600, 86400


@pytest.mark.parametrize("text, seconds", [
    ("3天", 3 * DAY), ("36小时", 36 * HOUR), ("2d", 2 * DAY), ("48h", 48 * HOUR), ("3 天", 3 * DAY),
    ("一周", 7 * DAY), ("两天", 2 * DAY), ("两天半", 60 * HOUR), ("半天", 12 * HOUR), ("十二小时", 12 * HOUR),
    ("90分钟", 90 * 60), ("1.5天", 36 * HOUR), ("2个星期", 14 * DAY), ("24个小时", DAY),
])
def test_durations(text, seconds):
    assert read_duration(text) == seconds


@pytest.mark.parametrize("text, explained", [
    ("明天下午", "是一个时间点"), ("周五", "是一个时间点"), ("下午3点", "是一个时间点"), ("11月30日", "是一个时间点"),
    ("5", "没看懂"), ("很久", "没看懂"), ("", "没看懂"),
    ("1分钟", "至少 10 分钟"), ("60天", "最多 30 天"),
])
def test_durations_that_make_no_sense_are_explained(text, explained):
    with pytest.raises(WizardError) as caught:
        read_duration(text)
    assert explained in caught.value.text


@pytest.mark.parametrize("text, quorum", [
    ("30%", 0.3), ("30％", 0.3), ("0.3", 0.3), ("50%", 0.5), ("百分之四十", 0.4), ("10人", 10.0), ("十人", 10.0),
    ("至少 8 人", 8.0), ("12户", 12.0), ("不设", 0.0), ("0", 0.0),
])
def test_quorums(text, quorum):
    assert read_quorum(text) == quorum


@pytest.mark.parametrize("text, explained", [
    ("150%", "比例要小于 100%"), ("100%", "比例要小于 100%"), ("1.5", "比例要小于 100%"),
    ("30", "是比例还是人数"), ("一半人", "没看懂"), ("<b>", "&lt;b&gt;"),
])
def test_quorums_that_make_no_sense_are_explained(text, explained):
    with pytest.raises(WizardError) as caught:
        read_quorum(text)
    assert explained in caught.value.text


def test_chinese_numbers():
    assert [chinese_number(t) for t in ("一", "十", "十二", "二十", "九十九", "一百", "两")] == [1, 10, 12, 20, 99, 100, 2]
    assert chinese_number("一二三") is None and chinese_number("") is None


def test_titles():
    assert read_title("  高空  抛物\n怎么治 ") == "高空 抛物 怎么治"
    with pytest.raises(WizardError, match="标题是空的"):
        read_title("   ")
    with pytest.raises(WizardError, match="61 字"):
        read_title("字" * 61)


def test_a_whole_draft_and_the_steps_it_asks():
    draft = Draft(chat_id=-5, chat_title="3幢", settings=CouncilRules().topic_settings())
    asked = []
    step = next_step(draft, None)
    answers = {"title": "楼道堆物", "background": "跳过", "method": "赞成反对", "collect": "2天", "vote": "12小时",
               "quorum": "10人", "threshold": "三分之二", "unit": "一户一票", "ballot": "公开投票", "more": "用默认"}
    while step is not None:
        asked.append(step)
        draft = apply(draft, step, answers[step])
        step = next_step(draft, step)
    assert asked == list(answers)  # results and anonymous are skipped with 用默认
    s = draft.settings
    assert (draft.title, draft.background, draft.text) == ("楼道堆物", "", "楼道堆物")
    assert (s.method, s.collect_for, s.vote_for, s.quorum) == (Method.CONSENT, 2 * DAY, 12 * HOUR, 10.0)
    assert (s.threshold, s.one_vote_per, s.ballot, s.results, s.anonymous) == (
        Threshold.TWO_THIRDS, VoteUnit.HOUSEHOLD, Ballot.OPEN, Results.LIVE, False)
    adjusted = apply(draft, "ballot", "不记名")
    adjusted = apply(adjusted, "more", "调整")
    assert next_step(adjusted, "more") == "results"
    assert next_step(apply(adjusted, "results", "结束后公布"), "results") == "anonymous"
    assert next_step(adjusted, "anonymous") is None


def test_a_choice_that_is_not_offered_is_refused():
    draft = Draft(chat_id=-5, chat_title="3幢", settings=CouncilRules().topic_settings())
    for step, answer in [("method", "随便"), ("threshold", "一半以上吧"), ("unit", "group"), ("more", "wz:confirm")]:
        with pytest.raises(WizardError, match="请点上面的按钮"):
            apply(draft, step, answer)
    with pytest.raises(WizardError):
        apply(draft, "confirm", "yes")  # not a step of the draft


def _topic(quorum: float = 0.3, **rules) -> Topic:
    return Topic(id=7, chat_id=-5, number=2, title="加装电梯", background="", state=State.COLLECTING,
                 method=Method.CHOICE, quorum=quorum, opened_by=1, opened_at=0, collect_deadline=DAY,
                 vote_deadline=2 * DAY, **rules)


def test_the_card_names_unusual_rules_only():
    tz = ZoneInfo("Asia/Shanghai")
    assert "📋 规则" not in texts.topic_card(_topic(), "王社工", tz)
    card = texts.topic_card(_topic(one_vote_per=VoteUnit.HOUSEHOLD, ballot=Ballot.OPEN, threshold=Threshold.TWO_THIRDS,
                                   results=Results.HIDDEN, anonymous=True), "王社工", tz)
    assert "📋 规则：一户一票 · 三分之二通过 · 公开投票 · 投票结束前不公布票数" in card
    assert "私信提建议」（不显示姓名）" in card
    assert "至少 10 人投票才有效" in texts.topic_card(_topic(quorum=10.0), "王社工", tz)
    assert "不设参与门槛" in texts.topic_card(_topic(quorum=0.0), "王社工", tz)


def test_deep_link_and_url_buttons():
    keyboard = [*texts.card_keyboard(_topic()), [("说明", "url:https://example.org/help"), ("投1", "v:7:1")]]
    rows = markup(keyboard, "council_bot").inline_keyboard
    assert rows[0][0].url == "https://t.me/council_bot?start=p7"
    assert rows[1][0].url == "https://example.org/help" and rows[1][1].callback_data == "v:7:1"
    with pytest.raises(ValueError):
        markup(texts.card_keyboard(_topic()))  # a deep link needs the bot's username
