"""council.language typed votes, round 15: the errors of blind17 once it was opened (session 13, against the sealed
blind18), with the sibling wordings a resident would use (round 14: test_language_votes_round14.py)."""

from __future__ import annotations

import pytest

from council.language import VoteReading
from tests.test_language_votes import CHOICE, CONSENT  # the ballots; `language` is conftest's

APPROVAL4, APPROVAL5 = (1, 2, 3, 4), (1, 2, 3, 4, 5)


@pytest.mark.parametrize(("text", "method", "options", "answer"), [
    # a quoted message (WeChat's 「name：text」 and its dashes) is someone else's words
    ("「王大爷：我选1」\n我跟王大爷不一样，我选4", "choice", APPROVAL4, (4,)),
    ("「王大爷：我选1」\n- - - - - - -\n我选4", "choice", APPROVAL4, (4,)),
    ("我选「2号」", "choice", CHOICE, (2,)), ("投「贰」", "choice", CHOICE, (2,)),  # marks around the option only
    # the household: 屋里向 (Shanghai), 意见是; Cantonese 都係揀
    ("阿拉屋里向投4号", "choice", APPROVAL4, (4,)), ("我都係揀2號", "choice", CHOICE, (2,)),
    ("我家意见是3号，九点半以后就别闹了，我们家老人十点就睡", "choice", APPROVAL4, (3,)),
    # amounts by the month or already paid; the cheapest option; 稳妥; the leaning named among two options
    ("我选5，包月一个月30划算", "choice", APPROVAL5, (5,)), ("投四号，四号的方案钱最少，每户才出50", "choice", (3, 4, 6), (4,)),
    ("改投1号，刚才想了想还是1号稳妥", "choice", CHOICE, (1,)), ("1号和2号里头我更倾向2号，就投2", "choice", CHOICE, (2,)),
    # an earlier vote (上次, or two options) changed; the option described
    ("我上次投的2号，现在改成1号", "choice", CHOICE, (1,)), ("投二号嗯就是那个物业出钱的", "choice", CHOICE, (2,)),
    ("刚才选了1和2，改一下，只要2", "approval", CHOICE, (2,)),
    # approval: every option; the rest after one refused; a home by dashes; an addition before the earlier vote
    ("全部都支持", "approval", (1, 2, 3), (1, 2, 3)), ("2号不要，其他都行", "approval", (1, 2, 3), (1, 3)),
    ("我3-502的，支持1号跟3号，5月前弄完最好", "approval", APPROVAL4, (1, 3)),
    ("在加一个2号，我之前投了1号", "approval", CHOICE, (1, 2)),
    # consent: neither, said across a comma; an amount paid; 弃个权; a home signed with 本人; a long story with 楼上个月
    ("我不反对，也不赞成，弃权吧", "consent", CONSENT, (3,)), ("反对，上次收了300到现在都没下文", "consent", CONSENT, (2,)),
    ("我就弃个权吧，不太懂", "consent", CONSENT, (3,)), ("赞成，本人3-1-402", "consent", CONSENT, (1,)),
    ("我是12栋的张大姐，说实话这事我琢磨了两天，一开始觉得花钱多，后来看我们楼上个月王大爷摔那一跤，住院住了半个月，想想还是该弄。我同意",
     "consent", CONSENT, (1,)),
])
def test_round_fifteen_votes(language, text, method, options, answer):
    assert language.read_vote(text, method, options) == VoteReading("vote", answer)


@pytest.mark.parametrize(("text", "method"), [
    # a quote alone, or +1 to it; 意见 that is someone else's or a place; a leaning alone
    ("「王大爷：我选1」", "choice"), ("「王大爷：我选1」 +1", "choice"), ("我家意见是3号楼先弄", "choice"),
    ("大家的意见是2号", "choice"), ("1号和2号里头我更倾向2号", "choice"),
    # on a single-choice ballot, the rest is no one option; the rest before the refusal; neither alone
    ("2号不要，其他都行", "choice"), ("其他都行", "approval"), ("我不反对，也不赞成", "consent"),
    # a long message agreeing with the post above
    ("我是12栋的张大姐，说实话这事我琢磨了两天，一开始觉得花钱多，后来看楼上说的王大爷摔那一跤，想想还是该弄。我同意", "consent"),
])
def test_round_fifteen_look_alikes_are_not_votes(language, text, method):
    options = CONSENT if method == "consent" else CHOICE
    assert language.read_vote(text, method, options).kind == "none"


def test_neither_across_a_comma_is_not_asked_about(language):
    assert language.guess_vote("我不反对，也不赞成", "consent", CONSENT).kind == "none"
