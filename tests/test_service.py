"""The council's use cases on a real SQLite file: what a group sees happen, and what must never happen."""

import pytest

from council.models import Person, State
from council.results import Choice, CouncilError, SimilarFound
from council.texts import Err

CHAT = -1001
WANG = Person(1, "王社工")
ZHANG, LI, CHEN = Person(2, "张阿姨"), Person(3, "李姐"), Person(4, "小陈宝妈")


async def posts(outbox):
    return [p.text for p in await outbox.pending()]


async def test_whole_loop(make_council, outbox, clock, db):
    council = make_council(collect_for=60, vote_for=60)
    topic = await council.open_topic(CHAT, WANG, "流浪狗扰民怎么办\n晚上总有狗叫", source_message_id=100)
    assert topic.number == 1 and topic.state is State.COLLECTING
    card = (await posts(outbox))[0]
    assert card.startswith("【议题】1. 流浪狗扰民怎么办") and "晚上总有狗叫" in card and "征集建议" in card

    first = await council.propose(CHAT, ZHANG, "在3号楼西侧设固定投喂点", 101)
    second = await council.propose(CHAT, LI, "联系救助站", 102)
    assert (first.number, second.number) == (1, 2)
    assert "【征集建议】已收到 #2" in (await posts(outbox))[-1]

    await council.set_member_count(CHAT, 10)
    await council.start_voting(topic.id, actor=None)
    ballot = (await posts(outbox))[-1]
    assert ballot.startswith("【投票】") and "#1 在3号楼西侧设固定投喂点 — 0票" in ballot

    await council.cast_vote(topic.id, CHAT, ZHANG, 1, "button")
    await council.cast_vote(topic.id, CHAT, LI, 1, "text")
    changed = await council.cast_vote(topic.id, CHAT, LI, 2, "button")  # a later vote replaces the earlier
    assert changed.previous == 1 and not changed.unchanged
    await council.cast_vote(topic.id, CHAT, CHEN, 1, "button")

    resolution = await council.close(topic.id, actor=None, members=10)
    assert resolution.tally.counts == {1: 2, 2: 1}
    text = (await posts(outbox))[-1]
    assert "【决议公示】" in text
    assert "#1 在3号楼西侧设固定投喂点 — 2票 (67%)" in text and "#2 联系救助站 — 1票 (33%)" in text
    assert "参与投票 3 人 · 本群 10 人" in text and "至少 3 人，已达到" in text
    assert resolution.outcome.kind == "winner"
    assert (await council.topic(topic.id)).state is State.CLOSED


async def test_transitions_happen_once(make_council, outbox):
    council = make_council()
    topic = await council.open_topic(CHAT, WANG, "高空抛物", 1)
    await council.propose(CHAT, ZHANG, "装监控", 2)
    assert await council.start_voting(topic.id, None) is not None
    assert await council.start_voting(topic.id, None) is None  # the deadline fired twice: nothing happens
    with pytest.raises(CouncilError, match="已经在投票"):
        await council.start_voting(topic.id, WANG)
    assert await council.close(topic.id, None, 5) is not None
    assert await council.close(topic.id, None, 5) is None
    texts = await posts(outbox)
    assert sum(t.startswith("【投票】") for t in texts) == 1 and sum(t.startswith("【决议公示】") for t in texts) == 1


async def test_redelivered_updates_change_nothing(make_council, outbox):
    council = make_council()
    first = await council.open_topic(CHAT, WANG, "噪音", source_message_id=7)
    again = await council.open_topic(CHAT, WANG, "噪音", source_message_id=7)
    assert again.id == first.id
    a = await council.propose(CHAT, ZHANG, "晚上十点后停止装修", 8)
    b = await council.propose(CHAT, ZHANG, "晚上十点后停止装修", 8)
    assert a.number == b.number == 1 and b.created is False
    assert len(await posts(outbox)) == 2  # one card, one acknowledgement


async def test_bad_proposals_change_nothing(make_council, outbox):
    council = make_council(max_proposal_chars=20)
    with pytest.raises(CouncilError) as error:
        await council.propose(CHAT, ZHANG, "装监控", 1)
    assert error.value.text == Err.NO_OPEN_TOPIC
    await council.open_topic(CHAT, WANG, "高空抛物", 2)
    with pytest.raises(CouncilError, match="空的"):
        await council.propose(CHAT, ZHANG, "   ", 3)
    with pytest.raises(CouncilError, match="太长"):
        await council.propose(CHAT, ZHANG, "很" * 21, 4)
    with pytest.raises(CouncilError, match="标题"):
        await council.open_topic(CHAT, WANG, "  ", 5)
    assert len(await posts(outbox)) == 1  # only the topic card


async def test_votes_refused_when_they_should_be(make_council):
    council = make_council()
    topic = await council.open_topic(CHAT, WANG, "停车", 1)
    await council.propose(CHAT, ZHANG, "划线停车", 2)
    with pytest.raises(CouncilError) as error:
        await council.cast_vote(topic.id, CHAT, ZHANG, 1, "button")
    assert error.value.text == Err.NO_VOTING
    await council.start_voting(topic.id, WANG)
    with pytest.raises(CouncilError, match="没有 #9"):
        await council.cast_vote(topic.id, CHAT, ZHANG, 9, "text")
    with pytest.raises(CouncilError) as error:
        await council.cast_vote(topic.id, -999, ZHANG, 1, "button")  # a forged tap from another group
    assert error.value.text == Err.BALLOT_NOT_HERE
    await council.close(topic.id, WANG, 10)
    with pytest.raises(CouncilError) as error:
        await council.cast_vote(topic.id, CHAT, ZHANG, 1, "button")
    assert error.value.text == Err.VOTE_CLOSED


async def test_several_open_topics_need_a_choice(make_council, db):
    council = make_council()
    dogs = await council.open_topic(CHAT, WANG, "流浪狗", 1)
    bikes = await council.open_topic(CHAT, WANG, "飞线充电", 2)
    assert (dogs.number, bikes.number) == (1, 2)
    chosen = await council.propose(CHAT, ZHANG, "装充电桩", 3)
    assert isinstance(chosen, Choice) and [t.id for t in chosen.topics] == [dogs.id, bikes.id]
    with pytest.raises(CouncilError, match="只有发这条建议"):
        await council.propose_draft(CHAT, 3, bikes.id, LI, check_similar=True)
    result = await council.propose_draft(CHAT, 3, bikes.id, ZHANG, check_similar=True)
    assert result.topic.id == bikes.id and result.number == 1
    with pytest.raises(CouncilError, match="失效"):
        await council.propose_draft(CHAT, 3, bikes.id, ZHANG, check_similar=True)  # the draft is used up
    assert (await council.choose(CHAT, 2, None, {State.COLLECTING}, "x")).id == bikes.id
    with pytest.raises(CouncilError, match="没有进行中的议题9"):
        await council.choose(CHAT, 9, None, {State.COLLECTING}, "x")


async def test_hide_during_voting_drops_its_votes(make_council, outbox):
    council = make_council()
    topic = await council.open_topic(CHAT, WANG, "楼道堆物", 1)
    await council.propose(CHAT, ZHANG, "清理楼道", 2)
    await council.propose(CHAT, LI, "骂人的话", 3)
    await council.start_voting(topic.id, WANG)
    await council.cast_vote(topic.id, CHAT, CHEN, 2, "button")
    await council.hide(topic.id, 2, WANG)
    assert "1 票已作废" in (await posts(outbox))[-1]
    with pytest.raises(CouncilError, match="没有 #2"):
        await council.cast_vote(topic.id, CHAT, CHEN, 2, "button")
    with pytest.raises(CouncilError, match="没有建议 #99"):
        await council.hide(topic.id, 99, WANG)
    ballot_post = next(p for p in await outbox.pending() if p.purpose == "ballot")
    await outbox.sent(ballot_post, 555)
    _, text, keyboard = await council.ballot_view(topic.id)
    assert "清理楼道" in text and "骂人的话" not in text
    assert [label for row in keyboard for label, _ in row] == ["#1 清理楼道"]
    assert (await council.topic_for_message(CHAT, 555)).id == topic.id


async def test_collecting_deadline_without_proposals_closes(make_council, outbox):
    council = make_council()
    topic = await council.open_topic(CHAT, WANG, "绿化", 1)
    await council.start_voting(topic.id, None)
    assert (await council.topic(topic.id)).state is State.CLOSED
    assert "没有收到建议" in (await posts(outbox))[-1]


async def test_chat_migration_moves_everything(make_council, outbox):
    council = make_council()
    topic = await council.open_topic(CHAT, WANG, "加装电梯", 1)
    await council.propose(CHAT, ZHANG, "一楼补偿", 2)
    await council.chat_migrated(CHAT, -100777)
    await council.chat_migrated(CHAT, -100777)  # both service messages arrive: once is enough
    moved = await council.topic(topic.id)
    assert moved.chat_id == -100777
    assert all(p.chat_id == -100777 for p in await outbox.pending())
    result = await council.propose(-100777, LI, "分摊费用", 3)
    assert result.number == 2
    assert await council.open_topics(CHAT) == []


async def test_consent_ballot(make_council, outbox):
    council = make_council(method="consent")
    topic = await council.open_topic(CHAT, WANG, "是否在3号楼西侧设固定投喂点", 1)
    await council.start_voting(topic.id, WANG)  # a consent motion needs no proposals
    for voter, option in [(ZHANG, 1), (LI, 2), (CHEN, 1)]:
        await council.cast_vote(topic.id, CHAT, voter, option, "button")
    resolution = await council.close(topic.id, WANG, 5)
    assert resolution.outcome.kind == "passed"
    assert "赞成 — 2票 (67%)" in (await posts(outbox))[-1]


async def test_early_vote_keeps_the_announced_end(make_council, clock):
    council = make_council(collect_for=3600, vote_for=3600)
    topic = await council.open_topic(CHAT, WANG, "停车", 1)
    await council.propose(CHAT, ZHANG, "划线", 2)
    clock.advance(600)  # the facilitator starts voting 50 minutes early
    started = await council.start_voting(topic.id, WANG)
    assert started.vote_deadline == topic.vote_deadline  # not shortened below what the card said


async def test_late_start_still_gets_full_voting_time(make_council, clock):
    council = make_council(collect_for=3600, vote_for=3600)
    topic = await council.open_topic(CHAT, WANG, "停车", 1)
    await council.propose(CHAT, ZHANG, "划线", 2)
    clock.advance(3 * 3600)  # the bot was down past both deadlines
    started = await council.start_voting(topic.id, None)
    assert started.vote_deadline == clock.now + 3600


async def test_an_update_is_remembered_once_handled(make_council):
    council = make_council()
    assert not await council.seen_update(41)
    await council.done_update(41)
    await council.done_update(41)  # marking twice is harmless
    assert await council.seen_update(41) and not await council.seen_update(42)


async def test_merge_moves_supporters_and_leaves_the_ballot(make_council, outbox, db):
    council = make_council()
    topic = await council.open_topic(CHAT, WANG, "流浪狗", 1)
    await council.propose(CHAT, ZHANG, "设固定投喂点", 2)
    await council.propose(CHAT, LI, "联系救助站", 3)
    caught = await council.propose(CHAT, CHEN, "在西侧设个喂狗的地方", 4)
    assert isinstance(caught, SimilarFound) and caught.number == 1
    assert "【相似建议】这条建议和 #1 很接近" in (await posts(outbox))[-1]
    insisted = await council.propose_draft(CHAT, 4, topic.id, CHEN, check_similar=False)  # 仍然提交
    assert insisted.number == 3
    gained = await council.merge(topic.id, 1, 3, WANG)
    assert gained == 1  # 小陈宝妈, who wrote #3, now supports #1
    assert "已把议题1「流浪狗」的建议 #3 合并到 #1" in (await posts(outbox))[-1]
    async with db.transaction() as repo:
        assert await repo.support_counts(topic.id) == {1: 2, 2: 1}
    for bad, match in [((1, 1), "同一条"), ((1, 3), "没有建议 #3"), ((9, 2), "没有建议 #9")]:
        with pytest.raises(CouncilError, match=match):
            await council.merge(topic.id, *bad, WANG)
    await council.start_voting(topic.id, WANG)
    with pytest.raises(CouncilError, match="只能在征集建议阶段合并"):
        await council.merge(topic.id, 1, 2, WANG)
    ballot_post = next(p for p in await outbox.pending() if p.purpose == "ballot")
    assert "#3" not in ballot_post.text and "#1 设固定投喂点" in ballot_post.text


async def test_facilitator_corrects_the_category(make_council, outbox):
    council = make_council()
    topic = await council.open_topic(CHAT, WANG, "楼下车位不够", 1)
    with pytest.raises(CouncilError, match="现在的分类是"):
        await council.set_category(topic.id, "", WANG)
    with pytest.raises(CouncilError, match="没有「车」这个分类"):
        await council.set_category(topic.id, "车", WANG)
    corrected = await council.set_category(topic.id, "停车", WANG)
    assert corrected.category == "停车" and corrected.category_by == WANG.id
    assert "分类改为：停车" in (await posts(outbox))[-1]


async def test_near_duplicate_asks_its_author_and_can_become_support(make_council, outbox, db):
    council = make_council()
    topic = await council.open_topic(CHAT, WANG, "流浪狗扰民怎么办", 1)
    await council.propose(CHAT, ZHANG, "在3号楼西侧设固定投喂点", 2)
    opposite = await council.propose(CHAT, LI, "小区里禁止投喂流浪狗", 3)  # shares words, opposite decision
    assert not isinstance(opposite, SimilarFound) and opposite.number == 2
    caught = await council.propose(CHAT, CHEN, "划个固定地方专门喂狗，别到处喂", 4)
    assert isinstance(caught, SimilarFound) and caught.number == 1
    question = (await outbox.pending())[-1]
    assert question.text.startswith("【相似建议】") and [label for label, _ in question.keyboard[0]] == [
        "支持 #1", "仍然提交"]
    with pytest.raises(CouncilError) as error:
        await council.support_instead(CHAT, 4, topic.id, 1, LI)
    assert error.value.text == Err.NOT_YOUR_DRAFT
    assert await council.support_instead(CHAT, 4, topic.id, 1, CHEN) == 2  # 张阿姨 (author) and 小陈宝妈
    with pytest.raises(CouncilError, match="失效"):
        await council.support_instead(CHAT, 4, topic.id, 1, CHEN)
    async with db.transaction() as repo:
        assert len(await repo.proposals(topic.id)) == 2


async def test_insults_are_held_back_not_recorded(make_council, db):
    council = make_council()
    topic = await council.open_topic(CHAT, WANG, "楼上噪音", 1)
    with pytest.raises(CouncilError, match="就事论事"):
        await council.propose(CHAT, LI, "楼上那家人就是没素质的神经病", 2)
    async with db.transaction() as repo:
        assert await repo.proposals(topic.id) == []
        assert [(name, kind) for name, kind, _, _ in await repo.held_back(CHAT)] == [("李姐", "proposal")]
    civil = await council.propose(CHAT, LI, "坚决反对深夜装修，晚上十点后必须停工", 3)
    assert civil.number == 1  # a strong opinion is civil


async def test_typed_votes(make_council, outbox):
    council = make_council()
    topic = await council.open_topic(CHAT, WANG, "停车难", 1)
    await council.propose(CHAT, ZHANG, "划线停车", 2)
    await council.propose(CHAT, LI, "外来车辆收费", 3)
    assert await council.typed_vote(CHAT, CHEN, "投2") is None  # no ballot open yet: chat
    await council.start_voting(topic.id, WANG)
    for chat_text in ["3号楼的车又乱停了", "明天2点开会吗", "我不投2号", "楼上说得对"]:
        assert await council.typed_vote(CHAT, CHEN, chat_text) is None, chat_text
    with pytest.raises(CouncilError, match="没有 #7"):
        await council.typed_vote(CHAT, CHEN, "投7")
    result = await council.typed_vote(CHAT, CHEN, "我支持2号")
    assert result.option == 2
    assert (await council.typed_vote(CHAT, CHEN, "二号")).unchanged
    await council.close(topic.id, WANG, 10)
    assert await council.typed_vote(CHAT, CHEN, "投1") is None  # no open ballot, no reply
    with pytest.raises(CouncilError) as error:
        await council.typed_vote(CHAT, CHEN, "投1", replied_topic_id=topic.id)  # a reply to the closed ballot
    assert error.value.text == Err.VOTE_CLOSED


async def test_two_open_ballots_make_a_bare_typed_vote_ambiguous(make_council):
    council = make_council()
    for number, (title, proposal) in enumerate([("流浪狗", "设固定投喂点"), ("停车", "划线停车")], start=1):
        topic = await council.open_topic(CHAT, WANG, title, number * 10)
        await council.propose(CHAT, ZHANG, proposal, number * 10 + 1)
        await council.start_voting(topic.id, WANG)
    topics = await council.open_topics(CHAT)
    with pytest.raises(CouncilError) as error:
        await council.typed_vote(CHAT, LI, "投1")
    assert error.value.text == Err.MANY_BALLOTS
    assert (await council.typed_vote(CHAT, LI, "投1", replied_topic_id=topics[1].id)).topic.id == topics[1].id


async def test_category_guessed_and_keywords_in_status(make_council):
    council = make_council()
    topic = await council.open_topic(CHAT, WANG, "流浪狗扰民怎么办", 1)
    assert topic.category == "流浪狗"
    for message_id, text in enumerate(["在3号楼西侧设固定投喂点", "联系救助站把狗接走", "给狗打狂犬疫苗",
                                       "遛狗必须牵绳"], start=2):
        assert not isinstance(await council.propose(CHAT, ZHANG, text, message_id), SimilarFound), text
    status = await council.status_text(CHAT)
    assert "流浪狗扰民怎么办（流浪狗）" in status
    raised = status.split("大家常提到：")[1].split("\n")[0].split("、")
    assert len(raised) >= 3 and {"投喂点", "救助站", "狂犬疫苗", "牵绳"} & set(raised)


def test_categories_agree_with_the_language_module():
    from council.language import CATEGORIES as LANGUAGE_CATEGORIES
    from council.models import CATEGORIES

    assert set(LANGUAGE_CATEGORIES) == set(CATEGORIES)
