"""council.language typed votes, round 13: the errors of blind15 once it was opened (session 13, against the sealed
blind16), with the sibling wordings a resident would use (round 12: test_language_votes_round12.py)."""

from __future__ import annotations

import pytest

from council.language import VoteReading
from tests.test_language_votes import CHOICE, CONSENT  # the ballots; `language` is conftest's

APPROVAL4, APPROVAL5 = (1, 2, 3, 4), (1, 2, 3, 4, 5)


@pytest.mark.parametrize(("text", "method", "options", "answer"), [
    # the voter signs with floor and name, or as the floor's resident
    ("我是6楼张阿姨，投2号", "choice", CHOICE, (2,)), ("二楼住户投①", "choice", CHOICE, (1,)),
    ("3栋业主选2号", "choice", CHOICE, (2,)),
    # the same vote however often asked (在 for 再); the earlier option named again, the slip voided
    ("选2，在选一遍也还是2", "choice", CHOICE, (2,)), ("投3，再投一百遍也是3", "choice", CHOICE, (3,)),
    ("还是选原来那个2吧，刚才投的1不算", "choice", CHOICE, (2,)),
    # a correction off the ballot; what should come first, beside the vote
    ("3号，先催欠费再说", "choice", APPROVAL4, (3,)), ("同意，先把钱收齐再说", "consent", CONSENT, (1,)),
    # approval: one more added (还有, 再补一个), an earlier option withdrawn, all three selected, one not chosen with its
    # reason
    ("选3，还有5", "approval", APPROVAL5, (3, 5)), ("我选了2和4，再补一个1", "approval", APPROVAL4, (1, 2, 4)),
    ("还是只投1吧，刚才那个3撤了", "approval", APPROVAL4, (1,)), ("1、2、3都选上", "approval", APPROVAL4, (1, 2, 3)),
    ("2和3都赞成，1号要花钱的不选", "approval", CHOICE, (2, 3)),
    # consent: abstaining for now, until it is clear; 哩 (northern dialect)
    ("先投弃权，了解清楚再说", "consent", CONSENT, (3,)), ("俺同意哩", "consent", CONSENT, (1,)),
])
def test_round_thirteen_votes(language, text, method, options, answer):
    assert language.read_vote(text, method, options) == VoteReading("vote", answer)


def test_a_correction_to_a_number_off_the_ballot_gets_the_correction(language):
    assert language.read_vote("投4，不对是5", "choice", CHOICE) == VoteReading("off_ballot", (5,))


@pytest.mark.parametrize(("text", "method"), [
    # a hesitation, not what should come first; 先…再说 alone
    ("3号，先看看再说", "choice"), ("3号，先放一放再说", "choice"), ("先收钱再说", "consent"),
    ("先投弃权", "choice"), ("了解清楚再说", "consent"),
    # the floor's residents without a vote, or reported as a group; an addition alone
    ("二楼住户", "choice"), ("还有5", "approval"), ("再补一个1", "approval"),
    # the same vote said again for another option; an option withdrawn that leaves nothing
    ("选2，在选一遍也还是3", "choice"), ("刚才那个3撤了", "approval"), ("1号要花钱的不选", "approval"),
])
def test_round_thirteen_look_alikes_are_not_votes(language, text, method):
    options = CONSENT if method == "consent" else APPROVAL5
    assert language.read_vote(text, method, options).kind == "none"


@pytest.mark.parametrize(("text", "method", "options"), [
    ("3号，先看看再说", "choice", APPROVAL4),  # still deciding
    ("选3，再来个5", "approval", APPROVAL5),  # another option in the reason: a question about 3 alone would drop it
    ("我家那口子反对，我在劝劝", "consent", CONSENT),  # someone else's stance, being argued with
])
def test_round_thirteen_no_question_for(language, text, method, options):
    assert language.guess_vote(text, method, options).kind == "none"
