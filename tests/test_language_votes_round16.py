"""council.language typed votes, round 16: the errors of blind18 once it was opened (session 14, against the sealed
blind19), with the sibling wordings a resident would use (round 15: test_language_votes_round15.py)."""

from __future__ import annotations

import pytest

from council.language import VoteReading
from tests.test_language_votes import CHOICE, CONSENT  # the ballots; `language` is conftest's

APPROVAL4 = (1, 2, 3, 4)


@pytest.mark.parametrize(("text", "method", "options", "answer"), [
    # the option stood by (以3为准), this message the one that counts (以这条为准)
    ("我先投的2，想了想还是3吧，以3为准", "choice", APPROVAL4, (3,)), ("就投3号，以这条为准", "choice", APPROVAL4, (3,)),
    # how the vote was cast (迷迷糊糊, 随手, 顺便)
    ("夜班刚下，迷迷糊糊投个4号", "choice", APPROVAL4, (4,)), ("随手投个2", "choice", APPROVAL4, (2,)),
    # neighbours of a building asked to vote alike
    ("选3号，3号楼的朋友们也投3号吧", "choice", APPROVAL4, (3,)), ("选3号，5栋的邻居们也都投3号吧", "choice", APPROVAL4, (3,)),
    # a hotline in the reason is no option
    ("我投4号方案。说实话河长那个牌子上的电话我打过两回，没人接，还是12345靠谱", "choice", (4, 7, 9), (4,)),
    # an option's fault, then a bare refusal of it; an option taken back verb first, one kept
    ("投2号和4号，3号要动维修基金，不同意", "approval", APPROVAL4, (2, 4)),
    ("投1号和4号，2号要收钱，不同意", "approval", APPROVAL4, (1, 4)), ("投1号，2号要收钱，不同意", "choice", APPROVAL4, (1,)),
    ("撤回3号，只留1号", "approval", CHOICE, (1,)), ("投1和3，撤回3号", "approval", CHOICE, (1,)),
    ("投2，取消1号", "choice", APPROVAL4, (2,)),
    # consent: a slip named after the vote; 反对票一张; an age in the reason
    ("反对，刚才手滑点了赞成，以这条为准", "consent", CONSENT, (2,)), ("同意，刚才手滑点了反对", "consent", CONSENT, (1,)),
    ("反对票一张", "consent", CONSENT, (2,)), ("赞成票一张", "consent", CONSENT, (1,)),
    ("同意。我家老人86了，助浴这事盼了好久", "consent", CONSENT, (1,)), ("同意，我妈都80多了，爬楼太难", "consent", CONSENT, (1,)),
    ("同意，我今年72岁了", "consent", CONSENT, (1,)),
])
def test_round_sixteen_votes(language, text, method, options, answer):
    assert language.read_vote(text, method, options) == VoteReading("vote", answer)


@pytest.mark.parametrize(("text", "method"), [
    # 以3为准 alone; neighbours asked to vote for another option; a building's neighbours asked, no own vote
    ("以3为准", "choice"), ("选3号，3号楼的朋友们也投2号吧", "choice"), ("3号楼的朋友们也投3号吧", "choice"),
    # a hotline alone; a fault and a refusal alone, or asked; 只留 a building's places
    ("还是12345靠谱", "choice"), ("2号要收钱，不同意", "approval"), ("投1号，2号太贵，不同意吗", "choice"),
    ("只留1号楼的车位", "choice"), ("撤回3号", "approval"),
    # consent: the slip alone, or the same stance as the vote; an age alone, a number that is no age
    ("刚才手滑点了赞成", "consent"), ("反对，刚才手滑点了反对", "consent"), ("我家老人86了", "consent"),
    ("同意，86号", "consent"),
])
def test_round_sixteen_look_alikes_are_not_votes(language, text, method):
    options = CONSENT if method == "consent" else CHOICE
    assert language.read_vote(text, method, options).kind == "none"


@pytest.mark.parametrize("text", ["我倾向2号，再想想", "我选3号，还没想好", "3号不错，再想想"])
def test_a_leaning_put_off_is_not_asked_about(language, text):
    """再想想 / 没想好: the neighbour is still deciding; asking 是投2号吗 would push."""
    assert language.guess_vote(text, "approval", CHOICE).kind == "none"
