"""council.language typed votes, round 11: the errors of blind12 once it was opened (session 12), with the sibling
wordings a resident would use (round 10: test_language_votes_round10.py)."""

from __future__ import annotations

import pytest

from council.language import VoteReading
from tests.test_language_votes import CHOICE, CONSENT  # the ballots; `language` is conftest's


@pytest.mark.parametrize(("text", "method", "options", "answer"), [
    # the voter's home (building and unit, then room) run into the vote, or signed with her name first
    ("5栋2单元401投2号", "choice", CHOICE, (2,)), ("12号楼3单元801投三号", "choice", CHOICE, (3,)),
    ("7楼老李，选1", "choice", CHOICE, (1,)), ("3号楼王阿姨，选2号", "choice", CHOICE, (2,)),
    # how long she has lived here, before the vote
    ("住了20年了，这次选2号", "choice", CHOICE, (2,)), ("在这住了十几年，投3号", "choice", CHOICE, (3,)),
    # keyboard slips: 好 for 号, 各 for 个, 滴 for 的
    ("选二好", "choice", CHOICE, (2,)), ("投2好", "choice", CHOICE, (2,)), ("支持第2各", "choice", CHOICE, (2,)),
    ("我选滴是2", "choice", CHOICE, (2,)),
    # other options turned down (也 too), or others told not to vote for one, with the reason, beside the vote
    ("2号不好，1号也不好，还是4号吧", "choice", CHOICE, (4,)), ("投4，别投3那个啊，3要砍树的", "choice", (1, 3, 4), (4,)),
    ("投2，别投1啊", "choice", CHOICE, (2,)),
    # one's own earlier vote said again; a nod to another option, then one's own said to be the better
    ("上周五就投了二号，再说一遍还是二号", "choice", CHOICE, (2,)), ("我上周就投了2号，还是2号", "choice", CHOICE, (2,)),
    ("我之前投的是4，现在还是4，不改", "choice", CHOICE, (4,)),
    ("我选1号。3号也还行，但是1号更好", "choice", (1, 3, 4), (1,)),
    # approval: "both" after the two named; an option withdrawn after a vote for another
    ("1号2号都不错，都投", "approval", CHOICE, (1, 2)), ("改一下，只投3号，1号不要了", "approval", CHOICE, (3,)),
    ("只投3号，1号不要了", "approval", CHOICE, (3,)),
    # consent: a stance denied beside the one taken; the stance granted before a worry; a household by its size
    ("不弃权，我投反对", "consent", CONSENT, (2,)), ("不是反对，我是弃权", "consent", CONSENT, (3,)),
    ("不是反对，我赞成", "consent", CONSENT, (1,)),
    ("同意是同意，就是担心钱不够", "consent", CONSENT, (1,)), ("赞成是赞成，就怕钱不够", "consent", CONSENT, (1,)),
    ("我家3口人都赞成", "consent", CONSENT, (1,)), ("我家三口人都反对", "consent", CONSENT, (2,)),
    # said again, or the reason already given above
    ("我早上已经投了赞成，再说一声，赞成", "consent", CONSENT, (1,)), ("反对，理由楼上说过了", "consent", CONSENT, (2,)),
])
def test_round_eleven_votes(language, text, method, options, answer):
    assert language.read_vote(text, method, options) == VoteReading("vote", answer)


@pytest.mark.parametrize(("text", "method"), [
    # a stance denied alone; a vote then "but I am not voting"
    ("不是反对", "consent"), ("不弃权", "consent"), ("不弃权，我也弃权", "consent"), ("同意，但是我不投", "consent"),
    ("同意是同意，但是我不投", "consent"), ("投2，但是我不投", "choice"),
    # a home and a name alone, or a neighbour's vote; tenure beside something else
    ("3楼老李", "choice"), ("3楼老李选的2", "choice"), ("住了20年了", "choice"), ("住了20年了，3号楼的狗一直叫", "choice"),
    # a slip look-alike that asks; canvassing alone; a reason that turns to support
    ("选2好不好", "choice"), ("别投3那个啊", "choice"), ("投4，别投3，3要砍树的话我也支持", "choice"),
    # an earlier vote alone, beside another vote, or someone else's; a nod without the turn back
    ("上周五就投了二号", "choice"), ("上周五就投了二号，这次选3号", "choice"), ("我老婆上周投了2号，我还是2号", "choice"),
    ("我选1号，3号也还行", "choice"), ("我选1号，但是3号更好", "choice"),
    # approval: an option withdrawn that the vote named
    ("改一下，只投3号，3号不要了", "approval"),  # (投1和3，1号不要了 is 3 since round 12)
    ("再说一声", "consent"), ("理由楼上说过了", "consent"),
])
def test_round_eleven_look_alikes_are_not_votes(language, text, method):
    options = CONSENT if method == "consent" else CHOICE
    assert language.read_vote(text, method, options).kind == "none"


@pytest.mark.parametrize(("text", "answer"), [("我选5号方案", 5), ("我选4号方案", 4)])
def test_a_numbered_plan_off_a_consent_ballot_gets_the_correction(language, text, answer):
    assert language.read_vote(text, "consent", CONSENT) == VoteReading("off_ballot", (answer,))


def test_every_option_is_still_every_option_after_two_are_praised(language):
    """都投 after 1号2号都不错 is those two; 全选 is the whole ballot."""
    assert language.read_vote("1号2号都不错，全选", "approval", CHOICE) == VoteReading("vote", (1, 2, 3, 4))
    assert language.read_vote("都投", "approval", CHOICE) == VoteReading("vote", (1, 2, 3, 4))


@pytest.mark.parametrize(("text", "method"), [
    # undecided: asking would push a neighbour who is still thinking
    ("可能选2吧，不确定", "choice"), ("我打算投2，再看看", "choice"), ("我觉得3号挺好，就是贵了点，再看看", "choice"),
    ("1号好是好，就怕没人管", "approval"), ("拿不准，可能弃权吧", "consent"), ("我考虑下弃不弃权", "consent"),
    ("不知道该不该赞成", "consent"),
    # a nod beside someone else's pick; a reply to another resident; an earlier ballot; other households
    ("2号也不错", "choice"), ("1号也挺好的", "choice"), ("你选2我就选2", "choice"), ("上次那个投票我是反对的", "consent"),
    ("上次装监控我投的反对", "consent"), ("二楼那家一直反对", "consent"), ("大部分人都赞成了吧", "consent"),
])
def test_round_eleven_not_asked_about(language, text, method):
    options = CONSENT if method == "consent" else CHOICE
    assert language.read_vote(text, method, options).kind == "none"
    assert language.guess_vote(text, method, options).kind == "none"


@pytest.mark.parametrize(("text", "method", "answer"), [
    ("我觉得二号还行", "choice", 2), ("我倾向于第三个", "choice", 3), ("3号方案还行吧", "choice", 3),
    ("我不反对", "consent", 1), ("没意见", "consent", 1),
])
def test_a_plain_leaning_is_still_asked_about(language, text, method, answer):
    options = CONSENT if method == "consent" else CHOICE
    assert language.guess_vote(text, method, options) == VoteReading("unsure", (answer,))
