"""council.language typed votes, round 18: the errors of blind20 once it was opened (session 15, against the sealed
blind21), with the sibling wordings a resident would use (round 17: test_language_votes_round17.py)."""

from __future__ import annotations

import pytest

from council.language import VoteReading
from tests.test_language_votes import CHOICE, CONSENT  # the ballots; `language` is conftest's

APPROVAL4 = (1, 2, 3, 4)


@pytest.mark.parametrize(("text", "method", "options", "answer"), [
    # 觉着 (觉得 in the north and in Wu) and 蛮好; 我咯意思是 (my meaning is); 重新投 after the old vote voided
    ("我觉着1号蛮好额，就投1号", "choice", CHOICE, (1,)), ("我觉着2号挺好", "choice", CHOICE, (2,)),
    ("3号蛮好", "choice", CHOICE, (3,)), ("我咯意思是选3号咯", "choice", CHOICE, (3,)),
    ("我的意思是选2", "choice", CHOICE, (2,)), ("上次投的2号作废，重新投3号", "choice", CHOICE, (3,)),
    ("重新投2号", "choice", CHOICE, (2,)),
    # the household talked it over, then the change; an explanation heard, from whom it came
    ("本来想选1号的，跟我老伴商量了一下，还是投3号", "choice", CHOICE, (3,)),
    ("跟我老伴商量了一下，投2", "choice", CHOICE, (2,)),
    ("本来想反对的，听了社工解释，我改成同意", "consent", CONSENT, (1,)),
    ("听了物业的说明，我同意", "consent", CONSENT, (1,)),
    # numbers that are no options: a mobile number, a baby's age in months, 安全第一; a Cantonese building (座)
    ("有事打我电话13912345678，我投1号", "choice", CHOICE, (1,)), ("我家宝宝才8个月，投2号，安全第一", "choice", CHOICE, (2,)),
    ("等了3个月了，投2号", "choice", CHOICE, (2,)), ("安全第一，选第一个", "choice", CHOICE, (1,)),
    ("我係住5座嘅，我支持1同4", "approval", APPROVAL4, (1, 4)), ("我系3座嘅，投2", "choice", CHOICE, (2,)),
    ("我是住3栋的，投2", "choice", CHOICE, (2,)),
    # the last option, the whole message; 方案 typed with a homophone
    ("最后一个", "choice", APPROVAL4, (4,)), ("最后一个吧", "choice", (2, 5, 7), (7,)),
    ("我选2号放案", "choice", CHOICE, (2,)), ("投3号防案", "choice", CHOICE, (3,)),
    # a mother's word, then the voter's own mind and vote
    ("俺娘说让我投1号，我自己看了也觉得1号好，投1", "choice", CHOICE, (1,)),
    # reasons numbered 1, 2, 3 (their numbers are no options); a long story closed by a vote verb after her own clause
    ("选4号的理由：1. 不扰民 2. 花钱少 3. 见效快。所以我投4号", "choice", APPROVAL4, (4,)),
    ("我投3号，原因：1.省钱；2.省事", "choice", CHOICE, (3,)), ("理由：1、便宜 2、快。我选2", "choice", CHOICE, (2,)),
    ("说实话这几个方案各有各的好，1号省钱，2号省事，3号长远。我家老人多，还是求稳，投3号吧。", "choice", CHOICE, (3,)),
    # Cantonese 系 (to be) written in simplified characters
    ("我系反对嘅", "consent", CONSENT, (2,)), ("我系同意嘅", "consent", CONSENT, (1,)),
])
def test_round_eighteen_votes(language, text, method, options, answer):
    assert language.read_vote(text, method, options) == VoteReading("vote", answer)


@pytest.mark.parametrize(("text", "method"), [
    # a vote cast before, and whether it may be changed
    ("选了1号还能改吗？", "approval"), ("我投了2号，还能改吗", "choice"),
    # asides alone: a phone number, an age, a household's talk, an idiom, a voided vote, a mother's instruction
    ("有事打我电话13912345678", "choice"), ("宝宝8个月了", "choice"), ("跟我老伴商量了一下", "choice"), ("安全第一", "choice"),
    ("上次投的2号作废", "choice"), ("俺娘说让我投1号", "choice"), ("俺娘投的1号", "choice"),
    ("我的意思是3号楼的问题", "choice"), ("重新投票吧", "choice"), ("睡觉着凉了", "choice"),
    # numbered reasons without a vote; the first and the last on a single-choice ballot; places that are no option
    ("1. 不扰民 2. 花钱少", "choice"), ("1、同意 2、同意", "approval"), ("第一个和最后一个", "choice"),
    ("最后一个人", "choice"), ("我家宝宝才8个月，3号有危险", "choice"),
    # on consent a place on a list or a count is no stance
    ("最后一个", "consent"), ("选最后一个", "consent"), ("投一个", "consent"),
])
def test_round_eighteen_look_alikes_are_not_votes(language, text, method):
    options = CONSENT if method == "consent" else CHOICE
    assert language.read_vote(text, method, options).kind == "none"


def test_a_vote_cast_now_beside_a_question_about_changing_it_later_still_counts(language):
    assert language.read_vote("投2号，还能改吗", "choice", CHOICE) == VoteReading("vote", (2,))
