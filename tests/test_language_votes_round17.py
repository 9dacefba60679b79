"""council.language typed votes, round 17: the errors of blind19 once it was opened (session 14, against the sealed
blind20), with the sibling wordings a resident would use (round 16: test_language_votes_round16.py)."""

from __future__ import annotations

import pytest

from council.language import VoteReading
from tests.test_language_votes import CHOICE, CONSENT  # the ballots; `language` is conftest's

APPROVAL4, APPROVAL5 = (1, 2, 3, 4), (1, 2, 3, 4, 5)


@pytest.mark.parametrize(("text", "method", "options", "answer"), [
    # Cantonese 梗係 (of course) and 同埋 (and), traditional 實際; a vocative at the end (老铁)
    ("梗係投4號啦，最實際", "choice", APPROVAL5, (4,)), ("5號同埋2號", "approval", APPROVAL5, (2, 5)),
    ("必须5号啊老铁", "choice", APPROVAL5, (5,)), ("投3号吧各位", "choice", CHOICE, (3,)),
    # praise with 点 (实在点), 最灵光 after a Shanghainese opener; 吉利 beside a vote off the ballot
    ("看了半天，前面几个都要每家掏钱，我们家老人多，还是第四个实在点，选4", "choice", APPROVAL5, (4,)),
    ("侬晓得伐，2号最灵光，我投2号", "choice", CHOICE, (2,)),
    # 二 heard as 儿 or typed as 而
    ("我投儿号", "choice", CHOICE, (2,)), ("我选而号", "choice", CHOICE, (2,)),
    # reasons against two other options, an amount in them; a second option's fault with 又
    ("我选2号，理由：1号要每家出300，3号要等物业批，猴年马月", "choice", CHOICE, (2,)),
    ("1号不靠谱，2号又太贵，我投3号", "choice", CHOICE, (3,)),
    # the change of mind explained after it; a time typed with a colon; a newcomer's turn to her vote
    ("改成1号吧，我想通了", "choice", CHOICE, (1,)), ("08:30 刚看到，选3号", "choice", CHOICE, (3,)),
    ("我们是去年才搬来的，不太懂这些，不过我投1号", "choice", APPROVAL4, (1,)),
    ("他们都选2，不过我投1号", "choice", CHOICE, (1,)),
    # approval: a run of numerals, a range, money left for later, 肯定要的
    ("一二三都赞成", "approval", APPROVAL4, (1, 2, 3)), ("1到3都支持", "approval", APPROVAL5, (1, 2, 3)),
    ("1号到3号都支持", "approval", APPROVAL5, (1, 2, 3)), ("2号和4号都投，钱的事以后再说", "approval", APPROVAL5, (2, 4)),
    ("1号肯定要的，3号也支持", "approval", APPROVAL4, (1, 3)),
    # consent: the mind changed by an explanation
    ("原来反对的，听了解释现在同意了", "consent", CONSENT, (1,)), ("听了解释现在同意了", "consent", CONSENT, (1,)),
])
def test_round_seventeen_votes(language, text, method, options, answer):
    assert language.read_vote(text, method, options) == VoteReading("vote", answer)


def test_a_vote_for_a_lucky_number_off_the_ballot_is_corrected(language):
    assert language.read_vote("我选8号，8号吉利", "choice", APPROVAL5) == VoteReading("off_ballot", (8,))


@pytest.mark.parametrize(("text", "method"), [
    # a time with a colon; a range of hours or floors; 儿 that is a son; a vocative calling on others
    ("明天08:30开会吗", "choice"), ("08:30", "choice"), ("1到3点开会", "choice"), ("3到5楼都支持装电梯", "approval"),
    ("我投儿子一票", "choice"), ("老铁们投2号吧", "choice"),
    # asides alone: money later, an opener, 想通了, luck, a fault; a condition before the turn
    ("钱的事以后再说", "approval"), ("侬晓得伐", "choice"), ("我想通了", "choice"), ("2号吉利", "choice"),
    ("3号又太贵", "choice"), ("如果物业出钱，不过我投1号", "choice"),
    # a run of options on a single-choice ballot; an explanation that did not convince
    ("一二三都赞成", "choice"), ("听了解释还是不太懂", "consent"),
])
def test_round_seventeen_look_alikes_are_not_votes(language, text, method):
    options = CONSENT if method == "consent" else CHOICE
    assert language.read_vote(text, method, options).kind == "none"
