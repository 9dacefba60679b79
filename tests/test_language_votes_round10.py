"""council.language typed votes, round 10: the errors of blind11 once it was opened (session 11), with the sibling
wordings a resident would use (rounds 6 to 9: test_language_votes_rounds.py)."""

from __future__ import annotations

import pytest

from council.language import VoteReading
from tests.test_language_votes import CHOICE, CONSENT  # the ballots; `language` is conftest's


@pytest.mark.parametrize(("text", "method", "options", "answer"), [
    # a slip taken back, said twice or with the slip named, then the vote meant
    ("选3，不对不对按错了，是选5", "choice", (1, 2, 3, 4, 5), (5,)), ("选3，不对不对，选4", "choice", CHOICE, (4,)),
    ("选3，按错了按错了，选4", "choice", CHOICE, (4,)),
    # the earlier vote said with 开始 / 先…了, the new one after what made the voter think again
    ("开始投的1，看了大家的讨论改成2了", "choice", CHOICE, (2,)), ("开始投的1，后来改成2了", "choice", CHOICE, (2,)),
    ("先投了赞成，后来想想还是弃权吧", "consent", CONSENT, (3,)), ("反对……算了，还是同意吧", "consent", CONSENT, (1,)),
    ("算了，投3吧", "choice", CHOICE, (3,)),
    # one's own vote after agreeing with the post above; one vote given to an option; 头 for 投 alone with a number
    ("同意楼上，选1", "choice", CHOICE, (1,)), ("投1票给2号", "choice", CHOICE, (2,)), ("投一票给三号", "choice", CHOICE, (3,)),
    ("头2", "choice", CHOICE, (2,)), ("我头2号", "choice", CHOICE, (2,)),
    # on approval an option dropped with 就算了 beside the ones chosen
    ("我投5和7，2就算了", "approval", (2, 5, 7), (5, 7)),
    # on consent a numeral alone is that option, as a digit is
    ("三", "consent", CONSENT, (3,)), ("一", "consent", CONSENT, (1,)), ("二", "consent", CONSENT, (2,)),
])
def test_round_ten_votes(language, text, method, options, answer):
    assert language.read_vote(text, method, options) == VoteReading("vote", answer)


@pytest.mark.parametrize(("text", "method"), [
    ("头2个方案都不错", "choice"), ("头2天", "choice"), ("投1票给2号楼的", "choice"), ("2就算了吧", "choice"),
    ("3号算了", "choice"), ("算了", "choice"), ("投2，算了", "choice"), ("算了算了，不投了", "choice"),
    ("开始投的1", "choice"), ("开始投票了吗", "choice"), ("一开始投的1，我老婆改成2了", "choice"),
    ("同意楼上", "choice"), ("同意楼上", "consent"), ("同意楼上，2号太贵", "choice"), ("同意楼上，我老婆选1", "choice"),
    ("三号楼的", "consent"), ("没意见，反对", "consent"), ("大家没意见吧", "consent"), ("同意，算了", "consent"),
    ("我没意见，就是想问钱怎么收", "consent"),
])
def test_round_ten_look_alikes_are_not_votes(language, text, method):
    options = CONSENT if method == "consent" else CHOICE
    assert language.read_vote(text, method, options).kind == "none"


@pytest.mark.parametrize(("text", "method"), [("投2，算了", "choice"), ("同意，算了", "consent")])
def test_a_vote_taken_back_with_never_mind_is_not_asked_about(language, text, method):
    assert language.guess_vote(text, method, CONSENT if method == "consent" else CHOICE).kind == "none"


@pytest.mark.parametrize("text", ["没意见", "我没意见", "没意见👍", "我没得意见", "冇意见", "无异议"])
def test_no_objection_alone_is_asked_about_not_counted(language, text):
    """没意见 alone: for, to blind5's author; no vote yet, to the authors of blind11 and blind12. As 我不反对, the bot
    asks 「您是想投 赞成 吗？」 and counts it only on the tap."""
    assert language.read_vote(text, "consent", CONSENT).kind == "none"
    assert language.guess_vote(text, "consent", CONSENT) == VoteReading("unsure", (1,))


@pytest.mark.parametrize("text", ["没意见，同意", "我没意见，赞成", "无异议，同意"])
def test_no_objection_beside_a_stance_is_that_stance(language, text):
    assert language.read_vote(text, "consent", CONSENT) == VoteReading("vote", (1,))
