"""council.language typed votes, round 12: the errors of blind13 once it was opened (session 13), with the sibling
wordings a resident would use (round 11: test_language_votes_round11.py)."""

from __future__ import annotations

import pytest

from council.language import VoteReading
from tests.test_language_votes import CHOICE, CONSENT  # the ballots; `language` is conftest's

APPROVAL4 = (1, 2, 3, 4)


@pytest.mark.parametrize(("text", "method", "options", "answer"), [
    # the options weighed, or both praised, before the one chosen
    ("1和3纠结了半天，最后还是1", "choice", CHOICE, (1,)), ("2号3号都不错，我投3", "choice", CHOICE, (3,)),
    ("2号3号都不错，我投3", "approval", CHOICE, (3,)), ("1号和2号都挺好的，选2号吧", "choice", CHOICE, (2,)),
    # a slip named, then the vote meant and the one not meant
    ("刚才按错了，我要的是3号不是1号", "choice", CHOICE, (3,)), ("投3号不是1号", "choice", CHOICE, (3,)),
    # a reason that speaks of others too; a drawback (an amount) and the merit that outweighs it; a wish
    ("支持2，一楼的也要考虑嘛", "choice", CHOICE, (2,)), ("选2号，虽然每户要出200，但值", "choice", CHOICE, (2,)),
    ("选3和4，下午2点前物业能来的话更好", "approval", APPROVAL4, (3, 4)), ("投2号，每户交300", "choice", CHOICE, (2,)),
    # the household agreed; the vote cast before, changed; an opinion led in by 要我说
    ("我们家商量了一下，统一投1号", "choice", CHOICE, (1,)), ("我那票改投2号", "choice", CHOICE, (2,)),
    ("要我说还是7号最实在，投7", "choice", (2, 5, 7), (7,)),
    # the sender's vote first, then someone else's for another option
    ("选5号。我妈选的7号，她自己会投", "choice", (2, 5, 7), (5,)), ("选1号，我老婆选的2号", "choice", CHOICE, (1,)),
    # questions about the ballot itself: who may vote, whether it went in
    ("不是2号楼的也能投吧？我投2号", "choice", CHOICE, (2,)), ("我选2号，这样算投上了吗？", "choice", CHOICE, (2,)),
    # approval: one list said twice; an option taken off the vote that named it
    ("选1、选3，理由都一样：花钱少", "approval", CHOICE, (1, 3)), ("投1和3，算了3不要了", "approval", CHOICE, (1,)),
    ("投1和3，1号不要了", "approval", CHOICE, (3,)), ("投了1、2、3，把3去掉", "approval", APPROVAL4, (1, 2)),
    ("先选了1和2，想想还是把2去掉", "approval", CHOICE, (1,)), ("投1和2，2号不要了，3号吧", "approval", APPROVAL4, (1, 3)),
    ("投1，1号不要了，3号吧", "choice", APPROVAL4, (3,)),
    # consent: an amount in the reason; a stance taken back; the post above agreed with, beside one's own stance
    ("反对，每户出500太多了", "consent", CONSENT, (2,)), ("先说反对，想了想还是赞成吧", "consent", CONSENT, (1,)),
    ("同意楼上，我也赞成", "consent", CONSENT, (1,)), ("我们家商量了一下，统一同意", "consent", CONSENT, (1,)),
    # blind11's last tractable rows: the household agreed; the reasons above agreed with; a date by the month; the
    # household's vote for an option a consent ballot lacks; the vote cast now; another option still weighed
    ("家里商量了，统一投反对", "consent", CONSENT, (2,)), ("楼上反对的理由我认同，我也投反对", "consent", CONSENT, (2,)),
    ("同意，10月底前弄好就行", "consent", CONSENT, (1,)), ("先投了再说：第4个", "choice", APPROVAL4, (4,)),
    ("先投了再说，赞成", "consent", CONSENT, (1,)), ("我选了1，2还没想好要不要加", "approval", CHOICE, (1,)),
])

def test_round_twelve_votes(language, text, method, options, answer):
    assert language.read_vote(text, method, options) == VoteReading("vote", answer)


def test_the_household_votes_for_an_option_a_consent_ballot_lacks(language):
    assert language.read_vote("我家投7号方案", "consent", CONSENT) == VoteReading("off_ballot", (7,))


@pytest.mark.parametrize(("text", "method"), [
    # weighing or praise without a vote after it
    ("1和3纠结了半天", "choice"), ("1和3纠结了半天，最后还是没选", "choice"), ("2号3号都不错", "choice"),
    ("2号3号都不错，我老公投3", "choice"), ("2号3号都不错，投哪个呢？", "choice"),
    # a hesitation, a condition, a drawback with a doubt; 不是 alone
    ("支持2，还要再考虑", "choice"), ("选3和4，如果物业能来的话更好", "approval"),
    ("选2号，虽然每户要出200，但值得考虑", "choice"), ("不是1号", "choice"), ("2号要每户出300块", "choice"),
    # 统一 without the household's talk may ask everyone to vote alike
    ("商量了一下，统一投1号", "choice"), ("大家统一投1号", "choice"),
    # someone else's vote said first, or for the same option as the sender's (passed on?)
    ("我老公选的2号，她自己会投", "choice"), ("1号，我妈选的1号", "choice"), ("投2号，我老公投的", "choice"),
    # who may vote, asked alone; every option taken off
    ("不是2号楼的能投吗", "choice"), ("投1和2，算了1和2都不要了", "approval"),
    ("同意楼上", "consent"), ("同意楼上，赞成", "consent"), ("楼上反对的理由我认同", "consent"),
    ("统一投反对", "consent"), ("先投了再说", "choice"), ("2还没想好要不要加", "approval"),
    ("我选了1，1还没想好", "approval"), ("我选了1，2还没想好要不要加", "choice"),
    ("投1和2，2号不要了，3号吧", "choice"),  # two options left on a single-choice ballot
    # the new asides beside no vote of the sender's own
    ("2号3号都不错，大家投3吧", "choice"), ("1和3纠结了半天，我老公投了3", "choice"), ("要我说2号最不靠谱", "choice"),
    ("家里商量了，统一投反对，你们呢", "consent"), ("先说反对，等物业回复再说", "consent"), ("家里商量了一下，还没定", "consent"),
])
def test_round_twelve_look_alikes_are_not_votes(language, text, method):
    options = CONSENT if method == "consent" else CHOICE
    assert language.read_vote(text, method, options).kind == "none"


# Round 12, second part: the errors of blind14, opened once blind15 existed (session 13).
@pytest.mark.parametrize(("text", "method", "options", "answer"), [
    # a run of numerals after the verb; 投票：2 after the voter's home (本人); 票投第二个; among the four, 1 and 4
    ("俺选一二四", "approval", APPROVAL4, (1, 2, 4)), ("本人3单元501，投票：2", "choice", CHOICE, (2,)),
    ("票投第二个", "choice", CHOICE, (2,)), ("四个里面我挑1跟4", "approval", APPROVAL4, (1, 4)),
    # the mind changed between the earlier vote and the new one
    ("昨天说选2，今天改主意了，选3", "choice", CHOICE, (3,)), ("原来想反对，后来想通了，赞成", "consent", CONSENT, (1,)),
    # 赞曾 (a slip of 赞成); the household's votes; an option that must be done, both selected
    ("赞曾", "consent", CONSENT, (1,)), ("我们家两票都是赞成", "consent", CONSENT, (1,)),
    ("我觉得1跟5都得做，都选上", "approval", (1, 2, 3, 4, 5), (1, 5)), ("我觉得2号要做", "choice", CHOICE, (2,)),
    # an option judged first, then the vote; one opposed after a space
    ("3号我觉得不行，我选5号", "choice", (1, 2, 3, 4, 5), (5,)), ("1 2 都同意，3 不同意", "approval", CHOICE, (1, 2)),
    # a neighbour called on to look, beside the voter's own vote
    ("我投4号，@李阿姨 你也看看", "choice", APPROVAL4, (4,)), ("我赞成，@王姐 你也投一下", "consent", CONSENT, (1,)),
])
def test_round_twelve_blind14_votes(language, text, method, options, answer):
    assert language.read_vote(text, method, options) == VoteReading("vote", answer)


@pytest.mark.parametrize(("text", "method"), [
    ("投2，改主意了", "choice"), ("改主意了", "consent"), ("@李阿姨 你也看看", "choice"), ("都选上", "approval"),
    ("1号得做吗", "choice"), ("选一二四个", "approval"), ("我选三二", "approval"),
])
def test_round_twelve_blind14_look_alikes_are_not_votes(language, text, method):
    options = CONSENT if method == "consent" else APPROVAL4
    assert language.read_vote(text, method, options).kind == "none"


def test_a_neighbour_away_who_will_vote_later_is_not_asked(language):
    assert language.guess_vote("我出差，6号回来再投", "choice", (1, 2, 3, 4, 5, 6)).kind == "none"
