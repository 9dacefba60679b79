"""council.language typed votes, round 14: the errors of blind16 once it was opened (session 13, against the sealed
blind17), with the sibling wordings a resident would use (round 13: test_language_votes_round13.py)."""

from __future__ import annotations

import pytest

from council.language import VoteReading
from tests.test_language_votes import CHOICE, CONSENT  # the ballots; `language` is conftest's

APPROVAL4, APPROVAL5, GAPS = (1, 2, 3, 4), (1, 2, 3, 4, 5), (2, 5, 7)
STORY = "这个事我们楼讨论了好几次了，物业一直拖着不办，大家都很有意见，我们家老人腿脚不好，"  # 43 characters


@pytest.mark.parametrize(("text", "method", "options", "answer"), [
    # a long message: the story, then the sender's closing vote
    ("我跟大家说一下啊，我家住7号楼四楼，老人八十多了，每次下楼都要人扶，3号要等到后年才弄，1号今年就能弄，所以我投1",
     "choice", APPROVAL4, (1,)),
    ("哎呀这事拖了大半年了，上个月物业说要开会也没开成，群里吵来吵去也没个结果，我也不管了，就选⑤", "choice", (4, 5, 8, 9), (5,)),
    ("我是4栋1单元的刘梅，说两句：竹子那个事我家在一楼最有发言权，春天笋子都冒到墙根了，我支持1和4", "approval", (1, 3, 4), (1, 4)),
    ("说实话一开始我是不想同意的，前前后后交了两回钱都没下文，但是这回社区出面管账，我信一回，赞成", "consent", CONSENT, (1,)),
    (STORY + "最后就2号吧", "choice", CHOICE, (2,)), (STORY + "反对", "consent", CONSENT, (2,)),
    # a wish, a deadline, a drawback with a floor, an amount that makes another option too dear, beside the vote
    ("我选第四个，要是10号以前能弄完就更好了", "choice", APPROVAL5, (4,)), ("我投第四个，12月前完工就行", "choice", (3, 4, 6), (4,)),
    ("我投2，虽然我家在10楼用不上，但是为大家好", "choice", GAPS, (2,)), ("投7，5号要每户出200太贵了", "choice", GAPS, (7,)),
    ("支持5号方案，我家就住3楼，天天受这个罪", "choice", GAPS, (5,)),
    # why another option is not chosen; the slip explained after its correction
    ("我投2号，理由：1号要等到明年3月，太久了", "choice", APPROVAL4, (2,)),
    ("投1号，不对，是2号，1号是收费那个，我看岔了", "choice", CHOICE, (2,)),
    # the voter with her husband; 赞同; the household and the spouse of one mind
    ("我跟我家老头子都投2", "choice", CHOICE, (2,)), ("我赞同2跟3，1号要砍树我不同意", "approval", CHOICE, (2, 3)),
    ("我们家投2、3、5，我老婆也是这个意思", "approval", (2, 3, 5, 6), (2, 3, 5)),
    # approval: every option listed after 都选上; the first and the last; a home by dashes; numerals before 吧; all but
    # the one ruled out; 同 (Cantonese and)
    ("都选上：1234", "approval", APPROVAL4, (1, 2, 3, 4)), ("第一个和最后一个", "approval", APPROVAL4, (1, 4)),
    ("我是3-2-301，1号和4号", "approval", APPROVAL5, (1, 4)), ("二跟四吧，理由是不用大家出钱", "approval", APPROVAL4, (2, 4)),
    ("1，2，3，4号我都觉得行，就5号不行", "approval", APPROVAL5, (1, 2, 3, 4)), ("投1號同3號", "approval", CHOICE, (1, 3)),
    # consent: looked again, then the stance; Cantonese 係 / 嘅
    ("同意，不对，我又看了下，还是反对", "consent", CONSENT, (2,)), ("我係同意嘅", "consent", CONSENT, (1,)),
])
def test_round_fourteen_votes(language, text, method, options, answer):
    assert language.read_vote(text, method, options) == VoteReading("vote", answer)


def test_a_ballot_number_off_a_consent_ballot_with_票_gets_the_correction(language):
    assert language.read_vote("投4号票", "consent", CONSENT) == VoteReading("off_ballot", (4,))


@pytest.mark.parametrize(("text", "method"), [
    # a long message that ends without the sender's own vote, or takes it back, or asks, or sets a condition
    (STORY + "我老公说他投1，我还没想好", "choice"), (STORY + "2号", "choice"), (STORY + "所以我不选1", "choice"),
    (STORY + "我投1号，不过我再想想", "choice"), (STORY + "大家都反对", "consent"), (STORY + "王阿姨反对", "consent"),
    (STORY + "要是物业出钱，我就投1", "choice"), (STORY + "我投1号行不行？", "choice"),
    ("张姐说的让物业每周清一次垃圾房这个事我觉得挺好的，大家也都说好，我同意", "consent"),
    # a wish that is a condition; someone else's rejection; the slip explained with no correction before it
    ("我选第四个，要是物业不出钱就算了", "choice"), ("我支持4号，三号方案我老公不同意", "choice"), ("投1号，我看岔了", "choice"),
    ("1号要等到明年3月", "choice"), ("1号是收费那个", "choice"),
])
def test_round_fourteen_look_alikes_are_not_votes(language, text, method):
    options = CONSENT if method == "consent" else APPROVAL4
    assert language.read_vote(text, method, options).kind == "none"


def test_someone_else_s_stance_is_not_asked_about(language):
    assert language.guess_vote("李阿姨投了反对票", "consent", CONSENT).kind == "none"
