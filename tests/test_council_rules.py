"""Rules real councils use, at the service layer on real SQLite: approval and household ballots, registration,
quorum and thresholds, ties and run-offs, secret/open ballots, hidden results, proxies and shortlists."""

import csv
import io

import pytest

from council.households import parse_household, parse_proxy
from council.models import Ballot, Method, Person, Results, State, Threshold, TopicSettings, VoteUnit
from council.results import CouncilError, SimilarFound, VoteGuess
from council.texts import Err

CHAT = -2002
WANG = Person(1, "王社工")
ZHANG, LI, CHEN, LIU, ZHAO = (Person(2, "张阿姨"), Person(3, "李姐"), Person(4, "小陈宝妈"), Person(5, "刘叔"),
                              Person(6, "赵奶奶"))


async def texts(outbox) -> list[str]:
    return [p.text for p in await outbox.pending()]


async def topic_with(council, *proposals: str, **settings):
    """A topic with these rules and proposals, its ballot open."""
    base = TopicSettings(collect_for=60, vote_for=600, quorum=0)
    chosen = TopicSettings(**{**base.__dict__, **settings})
    topic = await council.open_topic(CHAT, WANG, "流浪狗扰民怎么办", None, settings=chosen)
    authors = [ZHANG, LI, CHEN, LIU, ZHAO]
    for index, text in enumerate(proposals):
        await council.propose(CHAT, authors[index % len(authors)], text, 100 + index)
    await council.start_voting(topic.id, WANG)
    return await council.topic(topic.id)


# ---------------------------------------------------------------- approval


async def test_approval_taps_toggle_and_each_voter_counts_once(make_council, outbox):
    council = make_council()
    topic = await topic_with(council, "设固定投喂点", "联系救助站", "打狂犬疫苗", method=Method.APPROVAL)
    first = await council.cast_vote(topic.id, CHAT, ZHANG, 1, "button")
    second = await council.cast_vote(topic.id, CHAT, ZHANG, 3, "button")
    assert (first.after, second.after) == ({1}, {1, 3})
    undone = await council.cast_vote(topic.id, CHAT, ZHANG, 1, "button")  # a second tap takes support back
    assert undone.after == {3} and not undone.unchanged
    typed = await council.typed_vote(CHAT, LI, "1和3都行")
    assert typed.after == {1, 3}
    resolution = await council.close(topic.id, WANG, members=10)
    assert resolution.tally.counts == {1: 1, 3: 2} and resolution.tally.voters == 2
    assert resolution.outcome.kind == "winner" and resolution.outcome.winners[0].number == 3
    assert "参与投票 2 人 · 本群 10 人" in (await texts(outbox))[-1]


# ---------------------------------------------------------------- households


@pytest.mark.parametrize("written", ["3-2-301", "3幢2单元301室", "3栋2单元301", "3号楼2单元301", "三幢二单元301",
                                     "3 2 301", "3栋2-301"])
def test_household_forms_residents_write_are_one_household(written):
    assert parse_household(written).key == "3-2-301"


@pytest.mark.parametrize("written", ["301", "3-2", "3-2-300", "0-1-101", "三楼", "abc", "3-2-30101"])
def test_what_is_not_a_household_is_refused(written):
    assert parse_household(written) is None


async def test_registration_answers_with_an_example_and_changes_nothing_on_bad_input(make_council, db):
    council = make_council()
    with pytest.raises(CouncilError) as refused:
        await council.register(CHAT, ZHANG, "三楼东边那户")
    assert "登记 3-2-301" in refused.value.text and "三楼东边那户" in refused.value.text
    async with db.transaction() as repo:
        assert await repo.resident(CHAT, ZHANG.id) is None
    assert "已登记：张阿姨 住 3幢2单元301室" in await council.register(CHAT, ZHANG, "3栋2单元301")
    moved = await council.register(CHAT, ZHANG, "5-1-502")
    assert "5幢1单元502室" in moved and "原来是 3幢2单元301室" in moved
    corrected = await council.register(CHAT, ZHANG, "3-2-301", actor=WANG)
    assert "由议事员 王社工 更正" in corrected
    await council.register(CHAT, LI, "3-2-301")
    listing = await council.households_text(CHAT)
    assert "已登记 1 户、2 人" in listing and "3幢2单元301室：张阿姨、李姐" in listing


async def test_household_ballot_counts_the_latest_vote_of_each_household_once(make_council, outbox):
    council = make_council()
    topic = await topic_with(council, "设固定投喂点", "联系救助站", one_vote_per=VoteUnit.HOUSEHOLD)
    with pytest.raises(CouncilError) as unregistered:
        await council.cast_vote(topic.id, CHAT, ZHANG, 1, "button")
    assert unregistered.value.text == Err.REGISTER_FIRST
    await council.register(CHAT, ZHANG, "3-2-301")
    await council.register(CHAT, LI, "3幢2单元301室")  # the same household
    await council.register(CHAT, CHEN, "3-2-302")
    first = await council.cast_vote(topic.id, CHAT, ZHANG, 1, "button")
    assert first.household == "3-2-301"
    await council.cast_vote(topic.id, CHAT, LI, 2, "button")  # the household's latest vote replaces it
    await council.cast_vote(topic.id, CHAT, CHEN, 2, "button")
    resolution = await council.close(topic.id, WANG, members=None)
    assert resolution.tally.counts == {2: 2} and resolution.tally.voters == 2
    assert resolution.members == 2  # two registered households
    text = (await texts(outbox))[-1]
    assert "一户一票" in text and "参与投票 2 户 · 本群已登记 2 户" in text


# ---------------------------------------------------------------- quorum and thresholds


async def test_a_ballot_that_misses_quorum_says_so_with_the_numbers(make_council, outbox):
    council = make_council()
    topic = await topic_with(council, "设固定投喂点", "联系救助站", quorum=0.5)
    await council.cast_vote(topic.id, CHAT, ZHANG, 1, "button")
    await council.cast_vote(topic.id, CHAT, LI, 1, "button")
    resolution = await council.close(topic.id, WANG, members=10)
    assert resolution.outcome.kind == "no_quorum" and resolution.quorum_needed == 5
    text = (await texts(outbox))[-1]
    assert "未达法定人数：参与 2 人，至少需要 5 人" in text and "未达到 ❌" in text


async def test_two_thirds_counts_yes_against_yes_and_no_only(make_council, outbox):
    council = make_council()
    topic = await topic_with(council, method=Method.CONSENT, threshold=Threshold.TWO_THIRDS)
    for voter, option in ((ZHANG, 1), (LI, 1), (CHEN, 2), (LIU, 3), (ZHAO, 3)):
        await council.cast_vote(topic.id, CHAT, voter, option, "button")
    resolution = await council.close(topic.id, WANG, members=10)
    assert resolution.outcome.kind == "passed"  # 2 of 3 yes/no; the two abstentions are not in the denominator
    text = (await texts(outbox))[-1]
    assert "弃权 2 票，不计入" in text and "赞成达到三分之二" in text


async def test_two_thirds_on_a_choice_ballot_is_not_met_by_a_plain_lead(make_council, outbox):
    council = make_council()
    topic = await topic_with(council, "设固定投喂点", "联系救助站", threshold=Threshold.TWO_THIRDS)
    for voter, option in ((ZHANG, 1), (LI, 1), (CHEN, 2)):
        await council.cast_vote(topic.id, CHAT, voter, option, "button")
    await council.cast_vote(topic.id, CHAT, LIU, 2, "button")
    await council.cast_vote(topic.id, CHAT, ZHAO, 1, "button")
    resolution = await council.close(topic.id, WANG, members=10)
    assert resolution.outcome.kind == "below_threshold"  # 3 of 5 is 60%
    assert "未达到三分之二" in (await texts(outbox))[-1]


# ---------------------------------------------------------------- ties and run-offs


async def test_a_tie_offers_a_runoff_between_the_tied_proposals(make_council, outbox):
    council = make_council()
    topic = await topic_with(council, "设固定投喂点", "联系救助站", "打狂犬疫苗")
    for voter, option in ((ZHANG, 1), (LI, 3), (CHEN, 2)):
        await council.cast_vote(topic.id, CHAT, voter, option, "button")
    resolution = await council.close(topic.id, WANG, members=10)
    assert resolution.outcome.kind == "tie" and [o.number for o in resolution.outcome.winners] == [1, 2, 3]
    post = (await outbox.pending())[-1]
    assert "平票" in post.text and "决选投票" in post.text
    assert post.keyboard == [[("发起决选投票", f"ro:{topic.id}")]]

    runoff = await council.start_runoff(topic.id, WANG)
    assert runoff.state is State.VOTING and runoff.runoff_of == topic.id and runoff.number == 2
    ballot = (await texts(outbox))[-1]
    assert ballot.startswith("【投票】2. 流浪狗扰民怎么办（决选）") and "#3 打狂犬疫苗" in ballot
    with pytest.raises(CouncilError):
        await council.start_runoff(topic.id, WANG)  # one run-off per tie
    await council.cast_vote(runoff.id, CHAT, ZHANG, 3, "button")
    decided = await council.close(runoff.id, WANG, members=10)
    assert decided.outcome.kind == "winner" and decided.outcome.winners[0].number == 3


async def test_no_runoff_without_a_tie(make_council):
    council = make_council()
    topic = await topic_with(council, "设固定投喂点", "联系救助站")
    await council.cast_vote(topic.id, CHAT, ZHANG, 1, "button")
    await council.close(topic.id, WANG, members=10)
    with pytest.raises(CouncilError):
        await council.start_runoff(topic.id, WANG)


# ---------------------------------------------------------------- secret / open, live / hidden


async def test_a_secret_ballot_shows_and_exports_no_voters(make_council, outbox, db):
    from council.reports import Reports
    from council.schedule import Cron

    council = make_council()
    topic = await topic_with(council, "设固定投喂点", "联系救助站")
    await council.cast_vote(topic.id, CHAT, LIU, 1, "button")
    await council.close(topic.id, WANG, members=10)
    assert "刘叔" not in (await texts(outbox))[-1]
    reports = Reports(council, Cron("0 9 * * mon", council.tz), frozenset())
    await reports.export(CHAT, topic.number, None)
    export = (await outbox.pending())[-1].document.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(export)))
    assert "刘叔" not in export and "投票人（公开投票）" not in rows[1]
    assert rows[2][5] == "1"  # the count is there, the voter is not


async def test_an_open_ballot_names_its_voters_in_the_tally_and_the_export(make_council, outbox):
    from council.reports import Reports
    from council.schedule import Cron

    council = make_council()
    topic = await topic_with(council, "设固定投喂点", "联系救助站", ballot=Ballot.OPEN)
    await council.cast_vote(topic.id, CHAT, LIU, 2, "button")
    await council.cast_vote(topic.id, CHAT, ZHAO, 2, "text")
    view = await council.ballot_view(topic.id)
    assert view is None or "刘叔、赵奶奶" in view[1]
    await council.close(topic.id, WANG, members=10)
    assert "刘叔、赵奶奶" in (await texts(outbox))[-1]
    await Reports(council, Cron("0 9 * * mon", council.tz), frozenset()).export(CHAT, topic.number, None)
    rows = list(csv.reader(io.StringIO((await outbox.pending())[-1].document.decode("utf-8-sig"))))
    assert rows[1][-1] == "投票人（公开投票）" and rows[3][-1] == "刘叔、赵奶奶"


async def test_hidden_results_show_only_how_many_voted_until_the_close(make_council, outbox, db):
    council = make_council()
    topic = await topic_with(council, "设固定投喂点", "联系救助站", results=Results.HIDDEN)
    await council.cast_vote(topic.id, CHAT, ZHANG, 1, "button")
    ballot = (await texts(outbox))[-1]
    assert "#1 设固定投喂点" in ballot and "票" not in ballot.split("#1 设固定投喂点")[1].split("\n")[0]
    async with db.transaction() as repo:  # the ballot message exists once the sender posted it
        await repo.update_topic(topic, ballot_message_id=999)
    _, text, _ = await council.ballot_view(topic.id)
    assert "已投票 1 人" in text and "— 1票" not in text and "投票结束前不公布票数" in text
    await council.close(topic.id, WANG, members=10)
    _, closed_text, _ = await council.ballot_view(topic.id)
    assert "#1 设固定投喂点 — 1票" in closed_text


# ---------------------------------------------------------------- proxies


def test_proxy_requests_as_facilitators_write_them():
    assert parse_proxy("3-2-301 2").household.key == "3-2-301"
    named = parse_proxy("王奶奶 3幢2单元301 赞成")
    assert (named.name, named.household.key, named.choice) == ("王奶奶", "3-2-301", "赞成")
    assert parse_proxy("2").household is None and parse_proxy("王奶奶 2 号") is None


async def test_a_proxy_vote_is_counted_logged_and_replaced_when_the_household_votes(make_council, outbox, db):
    council = make_council()
    topic = await topic_with(council, "设固定投喂点", "联系救助站", one_vote_per=VoteUnit.HOUSEHOLD)
    await council.register(CHAT, ZHANG, "3-2-301")
    await council.register(CHAT, CHEN, "3-2-302")
    await council.proxy_vote(topic, WANG, parse_household("3-2-301"), "", "2")
    await council.proxy_vote(topic, WANG, parse_household("3-2-302"), "", "1")
    notice = (await texts(outbox))[-1]
    assert "王社工 为 3幢2单元302室 代投了" in notice and "#1" not in notice  # secret: not what was chosen
    await council.cast_vote(topic.id, CHAT, ZHANG, 2, "button")  # the resident votes themself, the same option
    resolution = await council.close(topic.id, WANG, members=None)
    assert resolution.tally.counts == {1: 1, 2: 1} and resolution.tally.proxies == 1
    assert "（其中代投 1 票）" in (await texts(outbox))[-1]
    async with db.transaction() as repo:
        rows = await repo._all("SELECT voter_key, via, entered_by FROM votes WHERE topic_id = ? ORDER BY 1",
                               (topic.id,))
        logged = await repo._all("SELECT actor_id FROM audit_log WHERE action = 'proxy_vote'")
    assert [tuple(r) for r in rows] == [("h:3-2-301", "button", None), ("h:3-2-302", "proxy", WANG.id)]
    assert len(logged) == 2


async def test_a_proxy_for_a_wrong_option_is_refused(make_council):
    council = make_council()
    topic = await topic_with(council, "设固定投喂点", "联系救助站")
    with pytest.raises(CouncilError) as refused:
        await council.proxy_vote(topic, WANG, parse_household("3-2-301"), "王奶奶", "7")
    assert "没有 #7" in refused.value.text


# ---------------------------------------------------------------- shortlist


async def test_many_proposals_are_shortlisted_with_the_most_supported_preselected(make_council, outbox, db):
    council = make_council(collect_for=60, vote_for=600)
    topic = await council.open_topic(CHAT, WANG, "小区停车难", None)
    ideas = ["地下车库改成按月租", "外来车辆收临时停车费", "划出电动车专用停放区", "夜间开放学校操场停车",
             "业主车位实行一户一位", "消防通道装地锁", "请交警来贴罚单", "小区门口加装道闸", "错峰共享单位车位",
             "设立访客登记制度", "楼下装充电桩", "僵尸车统一拖走"]
    for n, idea in enumerate(ideas):
        author = Person(100 + n, f"居民{n}")
        result = await council.propose(CHAT, author, idea, 200 + n)
        if isinstance(result, SimilarFound):  # close to another idea: its author submits it anyway (仍然提交)
            result = await council.propose_draft(CHAT, 200 + n, topic.id, author, check_similar=False)
        assert result.number == n + 1, idea
    async with db.transaction() as repo:
        await repo.add_support(topic.id, 12, 300, 1.0)  # #12 is the most supported
    assert await council.needs_shortlist(topic.id)
    _, picker, keyboard = await council.shortlist_view(topic.id)
    assert picker.startswith("【筛选】") and "✅ #12" in picker and "▫️ #10" in picker
    assert all(len(data.encode()) <= 64 for row in keyboard for _, data in row)
    await council.toggle_shortlist(topic.id, 10)
    await council.toggle_shortlist(topic.id, 1)
    late = await council.propose(CHAT, Person(150, "晚到的居民"), "晚上十点后外来车一律不准进", 250)
    assert late.number == 13  # posted after the shortlist was made: it joins the ballot, not left off unseen
    await council.start_voting(topic.id, WANG)
    ballot = (await texts(outbox))[-1]
    assert "#10 " in ballot and "#12 " in ballot and "#13 " in ballot
    assert "#1 第1个" not in ballot and "#11 " not in ballot
    with pytest.raises(CouncilError):
        await council.cast_vote(topic.id, CHAT, ZHANG, 1, "button")  # not on the ballot


# ---------------------------------------------------------------- a message that leans to an option


async def test_a_leaning_message_is_asked_about_and_counts_nothing_until_answered(make_council):
    council = make_council()
    topic = await topic_with(council, "设固定投喂点", "联系救助站", "打狂犬疫苗")
    guess = await council.typed_vote(CHAT, ZHANG, "我觉得二号还行")
    assert isinstance(guess, VoteGuess) and (guess.topic.id, guess.option) == (topic.id, 2)
    async with council.db.transaction() as repo:
        assert await repo.vote_counts(topic.id) == {}
    await council.cast_vote(topic.id, CHAT, ZHANG, 2, "text", {2})  # what 「是，投 #2」 does
    assert await council.typed_vote(CHAT, ZHANG, "我觉得二号还行") is None  # already voted that way: no question
    changed_mind = await council.typed_vote(CHAT, ZHANG, "3号方案还行吧")
    assert isinstance(changed_mind, VoteGuess) and changed_mind.option == 3
    assert await council.typed_vote(CHAT, LI, "3号楼的狗又叫了") is None


async def test_a_resident_is_asked_once_about_an_option_and_not_again_after_saying_no(make_council):
    council = make_council()
    topic = await topic_with(council, "设固定投喂点", "联系救助站", "打狂犬疫苗")
    assert isinstance(await council.typed_vote(CHAT, ZHANG, "我觉得二号还行"), VoteGuess)
    assert await council.typed_vote(CHAT, ZHANG, "二号还行吧，就是贵") is None  # still unanswered: not asked twice
    assert isinstance(await council.typed_vote(CHAT, LI, "我觉得二号还行"), VoteGuess)  # another resident is asked
    await council.answer_guess(topic.id, ZHANG, None)  # 不是
    assert await council.typed_vote(CHAT, ZHANG, "3号方案还行吧") is None  # said no once: left alone in this topic
    async with council.db.transaction() as repo:
        assert await repo.vote_questions(topic.id, ZHANG.id) == {2: "no"}
        assert await repo.vote_questions(topic.id, LI.id) == {2: None}
        assert await repo.vote_counts(topic.id) == {}
