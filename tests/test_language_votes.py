"""council.language typed votes: the hard cases of issue #4 pinned one by one — votes in the shapes residents use,
look-alike non-votes, and messages the bot asks about (「您是想投 #2 吗？」) rather than counts."""

from __future__ import annotations

import pytest

from council.language import Language, VoteReading

CHOICE = [1, 2, 3, 4]
CONSENT = [1, 2, 3]


@pytest.fixture(scope="module")
def language(tmp_path_factory):
    return Language(cache_dir=tmp_path_factory.mktemp("jieba"))  # reading votes needs no jieba: no warm-up


@pytest.mark.parametrize(("text", "option"), [
    ("投2", 2), ("2", 2), ("2号", 2), ("二号", 2), ("第二个", 2), ("②", 2), ("选2号方案", 2), ("我支持3号", 3),
    ("3号+1", 3), ("我改投2号", 2), ("投２号！", 2), ("２", 2), ("2 号", 2), ("投 2", 2), ("2号👍", 2), ("3️⃣", 3),
    ("投2号[强]", 2), ("＃2", 2), ("方案二", 2), ("第三个方案", 3), ("投③", 3), ("我投二号一票", 2), ("+1 3号", 3),
    ("我是3号楼的，我选2号", 2), ("选2，早点装上", 2), ("投错了，改投3号", 3),
])
def test_choice_votes(language, text, option):
    assert language.read_vote(text, "choice", CHOICE) == VoteReading("vote", (option,))


@pytest.mark.parametrize("text", [
    "3号楼的狗又叫了", "二楼又在装修", "明天2点开会吗", "我不投2号", "6号不行吧", "要是4号不收钱我就选4号",
    "我婆婆说她选1号", "楼上说得对", "2号是谁提的？", "大家都投2号吧", "10号前要投完吗", "下午4点", "7号楼电梯又坏了",
    "3楼+1", "同意2楼", "+1", "2号？", "我本来想投2号", "别投2号", "2号不错，但是我再想想", "88", "666", "好的", "👍",
    "二号线地铁停运了", "第二个孩子上幼儿园了", "我替我妈投1号", "1号好还是2号好", "3单元门口", "2-301",
])
def test_not_votes_are_left_alone(language, text):
    assert language.read_vote(text, "choice", CHOICE) == VoteReading("none", ())


def test_several_numbers_are_ambiguous_on_a_choice_ballot_but_fine_on_approval(language):
    assert language.read_vote("1和3都行", "choice", CHOICE).kind == "none"
    assert language.read_vote("1和3都行", "approval", CHOICE) == VoteReading("vote", (1, 3))
    assert language.read_vote("①③", "approval", CHOICE) == VoteReading("vote", (1, 3))
    assert language.read_vote("1 3", "approval", CHOICE) == VoteReading("vote", (1, 3))
    assert language.read_vote("第一个和第三个都行", "approval", CHOICE) == VoteReading("vote", (1, 3))
    assert language.read_vote("1和3都不选", "approval", CHOICE).kind == "none"


def test_numbers_off_the_ballot_get_a_correction(language):
    assert language.read_vote("投5", "choice", CHOICE) == VoteReading("off_ballot", (5,))
    assert language.read_vote("第五个", "choice", CHOICE) == VoteReading("off_ballot", (5,))
    assert language.read_vote("1和5", "approval", CHOICE) == VoteReading("off_ballot", (5,))
    assert language.read_vote("投12号", "choice", list(range(1, 13))) == VoteReading("vote", (12,))


@pytest.mark.parametrize(("text", "answer"), [
    ("同意", 1), ("赞成👍", 1), ("举双手赞成", 1), ("我同意这个方案", 1), ("没意见，同意", 1), ("同意[强]", 1),
    ("不同意", 2), ("坚决反对", 2), ("反对，太贵了", 2), ("我不赞成这个提议", 2),
    ("弃权", 3), ("都行", 3), ("我选择弃权", 3),
])
def test_consent_votes(language, text, answer):
    assert language.read_vote(text, "consent", CONSENT) == VoteReading("vote", (answer,))


@pytest.mark.parametrize("text", [
    "同意楼上", "我同意你的看法", "大家同意吗", "我老公不同意", "要是不涨价我就同意", "有不同意见的可以私聊我",
    "坚决反对高空抛物", "同意书什么时候签", "好", "随便", "无所谓", "随大流",
])
def test_consent_non_votes(language, text):
    assert language.read_vote(text, "consent", CONSENT).kind == "none"


@pytest.mark.parametrize(("text", "method", "option"), [
    ("我觉得二号还行", "choice", 2), ("我倾向于第三个", "choice", 3),
    ("这个方案我不同意，装了电梯一楼采光的损失谁来管？我反对", "consent", 2), ("不支持，涨价我是不会同意的", "consent", 2),
])
def test_a_message_that_leans_to_one_option_is_asked_about_not_counted(language, text, method, option):
    options = CONSENT if method == "consent" else CHOICE
    assert language.read_vote(text, method, options).kind == "none"
    assert language.guess_vote(text, method, options) == VoteReading("unsure", (option,))


@pytest.mark.parametrize(("text", "method"), [
    ("投2", "choice"), ("3号楼的狗又叫了", "choice"), ("二楼又在装修", "choice"), ("明天2点开会吗", "choice"),
    ("我不投2号", "choice"), ("2号肯定不行", "choice"), ("我妈说她选1号", "choice"), ("2号方案挺好但太贵", "choice"),
    ("我本来想投2号", "choice"), ("投2的请举手", "choice"), ("2个方案都不错", "choice"), ("9号好", "choice"),
    ("1号和3号都不错", "choice"), ("2号线地铁好挤", "choice"), ("老王投的1号", "choice"),
    ("赞成", "consent"), ("同意楼上", "consent"), ("坚决反对高空抛物", "consent"), ("支持议事会的决定", "consent"),
    ("同意的举手", "consent"), ("赞成票多少了", "consent"), ("我家老人不同意", "consent"),
    ("投2号？想得美", "choice"), ("2号也不错，但我还是投3号", "choice"), ("我妈选的1号，我自己选3号", "choice"),
    ("同意是同意，但是我反对涨价", "consent"),
])
def test_discussion_and_clear_votes_are_not_asked_about(language, text, method):
    assert language.guess_vote(text, method, CONSENT if method == "consent" else CHOICE).kind == "none"


@pytest.mark.parametrize(("text", "option"), [
    ("我家投4号", 4), ("我这一票给4号", 4), ("投一票给2号", 2), ("同意2号的做法", 2), ("算了还是改回1号吧", 1),
    ("不选1，选4", 4), ("我还是坚持4号，不改了", 4),
])
def test_more_ways_residents_vote(language, text, option):
    assert language.read_vote(text, "choice", CHOICE) == VoteReading("vote", (option,))


def test_ruling_out_the_option_one_votes_for_is_not_a_vote(language):
    assert language.read_vote("不选1，选1", "choice", CHOICE).kind == "none"
    assert language.read_vote("不选1", "choice", CHOICE).kind == "none"
    assert language.read_vote("没啥好反对的，赞成", "consent", CONSENT) == VoteReading("vote", (1,))


# Round 3 (blind4's errors): dialect and traditional characters, the voter's home, a turn to one's own choice,
# a change of mind, others' votes beside one's own, reasons that name other options.
@pytest.mark.parametrize(("text", "option"), [
    ("我選二號方案", 2), ("揀第三個", 3), ("阿拉也投3号", 3), ("俺们家选第一个", 1), ("咱家投4号", 4), ("额投3号嘞", 3),
    ("偶支持1号", 1), ("我选4号撒", 4), ("我只投3号", 3), ("我投的是三号", 3), ("投个2号吧", 2),
    ("我家502，选3号", 3), ("住8楼的，投2号", 2),
    ("3号其实挺好，不过我最后还是选2号", 2), ("3号挺好但我还是选2号", 2), ("我老伴说3号不错，但我还是投2号", 2),
    ("之前点的2，改成4号", 4),
    ("和大家一样，选3号", 3), ("选2号，理由同楼上", 2), ("我媳妇选的1号，我选4号", 4), ("我和我爱人都投2号", 2), ("对门大爷选1，我选3", 3),
    ("偶是5号楼的，投2", 2),
    ("2号方案最划算，就投2号", 2), ("我觉得3号要得，投3号", 3), ("投2号，1号要涨价", 2), ("投1号，3号不现实", 1),
])
def test_round_three_choice_votes(language, text, option):
    assert language.read_vote(text, "choice", CHOICE) == VoteReading("vote", (option,))


@pytest.mark.parametrize(("text", "options"), [
    ("二和三都可以", (2, 3)), ("2+4", (2, 4)), ("第一、第三个我都支持", (1, 3)), ("我选2号和4号，1号太麻烦", (2, 4)),
    ("我们家投一号跟四号", (1, 4)), ("二号四号都要得", (2, 4)), ("我投3号，1号也行", (1, 3)),
])
def test_round_three_approval_votes(language, text, options):
    assert language.read_vote(text, "approval", CHOICE) == VoteReading("vote", options)


@pytest.mark.parametrize(("text", "answer"), [
    ("我没意见赞成", 1), ("阿拉反对额", 2), ("额赞成", 1), ("这事我投赞成", 1), ("2.反对", 2), ("3号弃权", 3),
    ("虽然麻烦点，但我还是赞成", 1), ("刚才投的赞成，改成反对", 2), ("我既不同意也不反对，弃权吧", 3),
    ("我老伴反对，我赞成", 1), ("跟大家一样，同意", 1), ("我和老伴都不同意", 2),
])
def test_round_three_consent_votes(language, text, answer):
    assert language.read_vote(text, "consent", CONSENT) == VoteReading("vote", (answer,))


@pytest.mark.parametrize(("text", "method"), [
    ("我媳妇选的1号", "choice"), ("我媳妇选的1号，我也是", "choice"), ("我和我爱人都没投", "choice"),
    ("我跟邻居说好了都选2", "choice"), ("3号挺好，不过我再考虑考虑", "choice"), ("之前点的2，现在不知道改不改", "choice"),
    ("和大家一样", "choice"), ("1号太麻烦，2号不行", "choice"), ("投2号，2号太贵", "choice"), ("我选3号楼", "choice"),
    ("我家502，水管漏了", "choice"), ("2号也可以", "choice"), ("2+4", "choice"),
    ("他说3号不错，但还是投2号", "choice"), ("要是3号便宜点，但我还是投2号", "choice"),
    ("我选1号，3号也行", "choice"), ("3號樓停水了", "choice"), ("我媽說她選2號", "choice"), ("偶尔投3号", "choice"),
    ("1号3号都太贵", "approval"),
    ("2赞成", "consent"), ("1 反对", "consent"), ("我老伴反对", "consent"), ("我老伴反对，我也是", "consent"),
    ("我既不同意也不反对", "consent"), ("刚才投的赞成", "consent"), ("虽然要出钱，但我还是想想", "consent"),
    ("我妈之前投的反对，改成赞成了", "consent"), ("我和老伴都还没想好", "consent"),
    ("对门大爷选1", "choice"),
])
def test_round_three_look_alikes_are_not_votes(language, text, method):
    options = CONSENT if method == "consent" else CHOICE
    assert language.read_vote(text, method, options).kind == "none"


@pytest.mark.parametrize(("text", "method"), [
    ("上回投票3号赢了也没用", "choice"), ("4号方案实在太贵了", "choice"), ("偶尔投3号", "choice"),
    ("我选4号楼", "choice"), ("选3楼", "choice"), ("我们单元投1号的多", "choice"), ("王阿姨选2号", "choice"),
    ("我老伴选1号", "choice"),
    ("我不是赞成，只是不想吵", "consent"),
])
def test_round_three_discussion_is_not_asked_about(language, text, method):
    assert language.guess_vote(text, method, CONSENT if method == "consent" else CHOICE).kind == "none"


@pytest.mark.parametrize(("text", "method", "option"), [
    ("今晚8点前先投个同意", "consent", 1), ("下午3点半之前我就投反对了", "consent", 2), ("明天10点前投3号", "choice", 3),
])
def test_a_time_in_a_leaning_message_is_no_reason_not_to_ask(language, text, method, option):
    options = CONSENT if method == "consent" else CHOICE
    assert language.read_vote(text, method, options).kind == "none"
    assert language.guess_vote(text, method, options) == VoteReading("unsure", (option,))


@pytest.mark.parametrize(("text", "method"), [
    ("明天3点开会，同意的都来", "consent"), ("下午4点3号楼停水", "choice"), ("9点前3楼以上的都同意了", "consent"),
])
def test_a_time_does_not_turn_discussion_into_a_question(language, text, method):
    assert language.guess_vote(text, method, CONSENT if method == "consent" else CHOICE).kind == "none"


# Round 4 (blind4's and blind5's remaining errors, and the sibling wordings a resident would use).
@pytest.mark.parametrize(("text", "option"), [
    # an opinion that names one option and calls it the good one
    ("还是三号好一点", 3), ("一号最合理 我选一号", 1), ("4号中，就它了", 4), ("还是觉得二号靠谱", 2), ("我觉得二号靠谱", 2),
    ("2号方案我看行", 2), ("我个人觉得第一个最实在", 1), ("一号方案我举双手赞成", 1), ("我站2号这边", 2), ("站在3号这边", 3),
    ("我这票投2号", 2), ("我已经投了3号", 3),
    # the rest ruled out; a run-on message; a nod to another option after a plain vote
    ("选一号，其他几个都不现实", 1), ("投3号，其它的都太贵了", 3), ("我觉得那个第三个方案挺好的就选三号吧其他的都太贵了", 3),
    ("2号，不过4号也不错", 2), ("投1号，但是3号其实也挺好", 1), ("投2号，不过得尽快落实", 2),
    # taken back, corrected, forced to choose: the last word counts
    ("刚才点错了，应该是3号", 3), ("投1，不对，投3", 3), ("选2号，说错了，是4号", 4), ("1号，算了还是3号吧", 3),
    ("改成2号吧，想了想1号太麻烦", 2), ("1和3都行，非要选一个的话选3", 3), ("2号3号都可以，硬要挑一个的话，2号", 2),
    ("先选1吧……算了还是2", 2), ("选1……不，选2吧", 2), ("我选1号，想了想还是3号吧", 3), ("2号得劲", 2), ("2号巴适", 2),
    # a question about the ballot itself, neighbours who think alike
    ("选二号，明天10点前还能改吗", 2), ("下午4点前投有效吧？我选3", 3), ("投4号，什么时候出结果？", 4), ("3号，这样投算数吗", 3),
    ("我投2号，我们3号楼好几户都是这个意思", 2), ("选1号，我们单元邻居们也这么想", 1),
])
def test_round_four_choice_votes(language, text, option):
    assert language.read_vote(text, "choice", CHOICE) == VoteReading("vote", (option,))


@pytest.mark.parametrize(("text", "options"), [
    ("一三", (1, 3)), ("二四", (2, 4)), ("全选", (1, 2, 3, 4)), ("四个都支持", (1, 2, 3, 4)), ("全都要", (1, 2, 3, 4)),
    ("都支持，四个方案都挺好", (1, 2, 3, 4)), ("除了2号都行", (1, 3, 4)), ("除了一号，其他都支持", (2, 3, 4)),
    ("我选124", (1, 2, 4)), ("投13", (1, 3)), ("1号必须的，再加个2号", (1, 2)), ("4号方案我觉得可以 1号也可以", (1, 4)),
    ("投了1和2，结果咋还没出来", (1, 2)),
])
def test_round_four_approval_votes(language, text, options):
    assert language.read_vote(text, "approval", CHOICE) == VoteReading("vote", options)


@pytest.mark.parametrize(("text", "answer"), [
    ("不反对，我投赞成", 1), ("举手", 1),  # 没意见 alone is asked about (test_language_votes_round10.py)
    ("可以", 1), ("可以的", 1), ("中！", 1), ("要得", 1), ("得行", 1), ("冇问题", 1), ("我觉得可以", 1), ("我看行", 1),
    ("不中", 2), ("要不得", 2), ("我觉得不行", 2), ("肯定不行", 2), ("没得问题", 1), ("同意，啊不，反对", 2),
    ("1", 1), ("2", 2), ("3", 3), ("选1", 1), ("投3号", 3),
    ("我勿同意", 2), ("唔赞成", 2), ("同一", 1), ("反队", 2), ("不表态", 3), ("我不表态", 3),
    ("原来想反对的，现在改同意了", 1), ("同意，不对，反对", 2), ("我家两口子都同意", 1), ("我们家都反对", 2),
    ("我这票投弃权", 3), ("我这一票给赞成", 1),
    ("同意这个方案，不过执行要跟上", 1), ("反对，就怕以后还要涨", 2), ("同意，6点前还能改吗", 1),
])
def test_round_four_consent_votes(language, text, answer):
    assert language.read_vote(text, "consent", CONSENT) == VoteReading("vote", (answer,))


@pytest.mark.parametrize(("text", "method"), [
    ("2号稳了", "choice"), ("2号想法是好的，就是做不到", "choice"), ("2号不错，但太贵", "choice"), ("2号比1号好一点", "choice"),
    ("2号好一点，但是贵", "choice"), ("应该是3号", "choice"), ("投1，不对", "choice"), ("我妈觉得2号靠谱", "choice"),
    ("大家都觉得2号靠谱", "choice"), ("我觉得2号不靠谱", "choice"), ("2号最好别选", "choice"), ("站2号的多", "choice"),
    ("选了2号的请举手", "choice"), ("上次选了2号", "choice"), ("我站3号门口等你", "choice"), ("非要选2号", "choice"),
    ("选二号，你们选啥？", "choice"), ("投2，2号谁提的？", "choice"), ("选二号，明天10点开会吗", "choice"),
    ("2号能改吗", "choice"), ("我们3号楼好几户都是这个意思", "choice"), ("其他几个都不现实", "choice"),
    ("一号，二号也不错", "choice"), ("选1，改天再说", "choice"), ("我不想投", "choice"), ("撤回，我先不投了", "choice"),
    ("3号方案谁提的？", "choice"), ("2号也挺好的", "choice"), ("二号最合理吧？", "choice"),
    ("2号也可以，还是3号吧", "choice"), ("我妈选1，还是3号吧", "choice"), ("1号，还是3号？", "choice"),
    ("三个都支持", "approval"), ("大家都支持", "approval"), ("都支持吗", "approval"), ("都不支持", "approval"),
    ("除了2号都不行", "approval"), ("都行", "approval"), ("再加个2号", "approval"), ("一号，但是二号也不错", "approval"),
    ("随便吧", "consent"), ("无所谓", "consent"), ("好的", "consent"), ("收到", "consent"), ("ok", "consent"),
    ("我中了", "consent"), ("中午开会", "consent"), ("可以吗", "consent"), ("可以吧", "consent"), ("行了行了", "consent"),
    ("我不行", "consent"), ("不行了", "consent"), ("没意见吗", "consent"), ("你们没意见我就没意见", "consent"),
    ("我们5栋基本都同意", "consent"), ("我们都同意", "consent"), ("举手提问", "consent"), ("同一个方案", "consent"),
    ("22", "consent"), ("2楼说得对", "consent"), ("投2号楼", "consent"), ("3点", "consent"),
    ("我老婆选2", "consent"), ("我勿晓得", "consent"), ("同意，不过我再想想", "consent"), ("同意，不过要看我老公", "consent"),
    ("同意，但是如果涨价就反对", "consent"), ("可以，就是太贵了", "consent"), ("不反对，但是得先把钱说清楚", "consent"),
    ("同意，你们呢？", "consent"), ("我没意见，就是想问问我老公", "consent"), ("我不是反对", "consent"),
    ("同意，改天再说", "consent"),
])
def test_round_four_look_alikes_are_not_votes(language, text, method):
    options = CONSENT if method == "consent" else CHOICE
    assert language.read_vote(text, method, options).kind == "none"


@pytest.mark.parametrize(("text", "method"), [
    ("2号想法是好的，就是做不到", "choice"), ("2号出发点是好的，只是落实不了", "choice"), ("投1，不对", "choice"),
    ("随便吧", "consent"), ("无所谓", "consent"),
])
def test_round_four_discussion_is_not_asked_about(language, text, method):
    assert language.guess_vote(text, method, CONSENT if method == "consent" else CHOICE).kind == "none"


@pytest.mark.parametrize(("text", "option"), [
    ("7栋302投1号", 1), ("3号楼401投二号", 2), ("5栋的选2", 2), ("叁号", 3), ("肆号", 4), ("支持三", 3), ("投给三", 3),
    ("跟大家一样选1", 1), ("跟大家一样投2号", 2), ("俺们户选第一个", 1), ("我家这户选3", 3), ("选1 谢谢", 1),
    ("我选第三条，4号楼那个僵尸车早该拖了", 3), ("我选1号，10号前能弄好不", 1), ("投2号，什么时候能装好？", 2),
    ("下午3点才看到，投2号还来得及吧", 2), ("我的一票给3号", 3), ("我这票给2号", 2), ("把票投给3号", 3),
    ("哈哈选2选2", 2), ("2号2号", 2), ("改投3号，刚看了大家的理由觉得3号更好", 3), ("本来想投1的，想了想还是2吧，1要收钱", 2),
    ("想想还是2号", 2), ("我要2号那个", 2), ("投4号方案，其他几个都不太现实，钱从哪来都没说清楚", 4),
    ("我支持第二个方案，8点就停", 2),
])
def test_round_five_choice_votes(language, text, option):
    assert language.read_vote(text, "choice", CHOICE) == VoteReading("vote", (option,))


@pytest.mark.parametrize(("text", "options"), [
    ("1，2，3都同意，4不行要花太多钱", (1, 2, 3)), ("1跟4，其他的再说吧", (1, 4)), ("1 和 2，我家两口子意见一样", (1, 2)),
    ("2和3，其他不要", (2, 3)), ("1和3，2要收钱", (1, 3)),
])
def test_round_five_approval_votes(language, text, options):
    assert language.read_vote(text, "approval", CHOICE) == VoteReading("vote", options)


@pytest.mark.parametrize(("text", "answer"), [
    ("我选1赞成", 1), ("选2反对", 2), ("投3 弃权", 3), ("同意，什么时候开始执行？", 1), ("我不同意，钱谁出都没说清楚", 2),
    ("俺反对，8号楼那边根本没征求意见", 2), ("本来想弃权，想想还是同意", 1), ("想想还是同意", 1),
])
def test_round_five_consent_votes(language, text, answer):
    assert language.read_vote(text, "consent", CONSENT) == VoteReading("vote", (answer,))


def test_round_five_numbers_off_a_consent_ballot_get_a_correction(language):
    for text, number in (("4", 4), ("投5", 5), ("我选4号", 4)):
        assert language.read_vote(text, "consent", CONSENT) == VoteReading("off_ballot", (number,))
    assert language.read_vote("我要5号那条，装充电柜的", "choice", CHOICE) == VoteReading("off_ballot", (5,))


@pytest.mark.parametrize(("text", "method"), [
    ("2号楼投1号的多", "choice"), ("3号楼的都投2号", "choice"), ("7栋302说投1号", "choice"), ("跟刘姐一样选1", "choice"),
    ("和大家一起选1吧", "choice"), ("大家把票投给3号", "choice"), ("别把票投给3号", "choice"), ("支持三个", "choice"),
    ("陆阿姨选1", "choice"), ("选2 你呢", "choice"), ("我选2号，你们呢", "choice"), ("我选1号，能行吗", "choice"),
    ("选2号，对吧？", "choice"), ("选2号，还是1号好？", "choice"), ("投2号，回头再说", "choice"), ("我选1号，开玩笑的", "choice"),
    ("我投了2号，怎么还没显示", "choice"), ("选2，3号楼的人都投1", "choice"), ("选2，同意3楼", "choice"),
    ("什么时候能装好？投2号", "choice"), ("2号什么时候能装好？", "choice"), ("改投3号，不觉得3号更好", "choice"),
    ("改投3号，觉得1号更好", "choice"), ("2号那个", "choice"), ("我选第三条，4号楼那个僵尸车也该投了", "choice"),
    ("3号，2号楼那边也同意", "choice"), ("本来想投1的，后来想想还是算了", "choice"), ("选二号，明天10点开会吗", "choice"),
    ("1，2，3都同意，4不行，他说的", "approval"), ("1跟4，再说吧", "approval"), ("1 和 2，我老公意见不一样", "approval"),
    ("其他的再说吧", "approval"), ("1和2，1要收钱", "approval"),
    ("我选2赞成", "consent"), ("什么时候开始执行？", "consent"), ("同意吗？", "consent"), ("同意，对吧？", "consent"),
    ("同意，你们呢？", "consent"), ("同意，什么时候开会？", "consent"), ("我不同意，谁同意谁出钱", "consent"),
    ("反对，8号楼那边都同意", "consent"), ("本来想同意，想想还是算了", "consent"), ("反对，开玩笑的", "consent"),
    ("4号楼", "consent"), ("投4号楼", "consent"), ("10", "consent"), ("OK", "consent"), ("好的", "consent"),
    ("同意，回头再说", "consent"),
])
def test_round_five_look_alikes_are_not_votes(language, text, method):
    options = CONSENT if method == "consent" else CHOICE
    assert language.read_vote(text, method, options).kind == "none"


def test_round_five_ok_on_a_consent_ballot_is_asked_about(language):
    assert language.guess_vote("OK", "consent", CONSENT) == VoteReading("unsure", (1,))
    assert language.guess_vote("ok", "choice", CHOICE).kind == "none"
    assert language.guess_vote("好的", "consent", CONSENT).kind == "none"


def test_reading_votes_needs_no_jieba(tmp_path):
    fresh = Language(cache_dir=tmp_path)
    assert fresh.read_vote("投2", "choice", CHOICE).is_vote
    assert not fresh.ready
