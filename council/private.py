"""Use cases of the private chat: which groups a facilitator may open a topic in (the /new wizard), and proposals
sent privately through the 【议题】 card's 「私信提建议」 link.

Same rules as the Council service it works for: one transaction per change, and the posts it owes — the
【征集建议】 acknowledgement in the group, the answer in the private chat — are written to the outbox in it.
A private proposal goes through the same checks as one made in the group (length, civility, near-duplicates);
the 【相似建议】 question is asked in the private chat, where only its author sees it.
"""

from __future__ import annotations

from council import rules, texts
from council import wizard_texts as wt
from council.models import Person, Post, State, Topic
from council.results import CouncilError, ProposalResult, SimilarFound
from council.texts import Err


class PrivateDesk:
    def __init__(self, council):
        self.council = council

    async def groups(self, user_id: int, everywhere: bool) -> list[tuple[int, str]]:
        """(chat id, title) of active groups where this person has been seen; every active group when
        `everywhere` (a facilitator named in config). The caller still checks who is a facilitator where."""
        async with self.council.db.transaction() as repo:
            if everywhere:
                return await repo.active_groups()
            return await repo.active_groups(await repo.chats_of(user_id))

    async def seen(self, chat_id: int, person: Person) -> None:
        """Someone acted in a group (a facilitator sent /new there): the wizard offers that group."""
        async with self.council.db.transaction() as repo:
            await repo.touch_resident(chat_id, person.id, person.name, self.council.clock())

    async def topic_for_link(self, topic_id: int) -> tuple[Topic, str]:
        """The topic of a /start p<id> link and its group's title, if it still collects proposals."""
        async with self.council.db.transaction() as repo:
            topic = await repo.topic(topic_id)
            groups = await repo.active_groups([topic.chat_id]) if topic else []
        if topic is None or not groups:
            raise CouncilError(wt.PRIVATE_UNKNOWN_LINK)
        if topic.state is not State.COLLECTING:
            raise CouncilError(wt.private_not_collecting(topic))
        return topic, groups[0][1]

    async def propose(self, topic_id: int, author: Person, text: str, message_id: int,
                      check_similar: bool = True) -> ProposalResult | SimilarFound:
        """`message_id` is the private message that carried the proposal (the private chat's id is the author's)."""
        council = self.council
        text = council.check_proposal(text)
        topic, _ = await self.topic_for_link(topic_id)
        await council.check_civil(topic.chat_id, topic.id, author, "proposal", text)
        now = council.clock()
        async with council.db.transaction() as repo:
            topic = await repo.topic(topic_id)
            if topic.state is not State.COLLECTING:
                raise CouncilError(wt.private_not_collecting(topic))
            key = await repo.private_proposal_key(author.id, message_id)
            if key is not None:  # the same message delivered twice
                return ProposalResult(topic, (await repo.proposal_by_message(topic.chat_id, key)).number, False)
            proposals = await repo.proposals(topic.id)
            match = None
            if check_similar:
                match = council.language.similar(text, [(p.number, p.text) for p in proposals if p.active])
            if match is not None:  # asked privately; the proposal waits as a draft of the private chat
                existing = next(p for p in proposals if p.number == match.number)
                await repo.save_draft(author.id, message_id, author, text, now)
                keyboard = [[(f"支持 #{match.number}", f"xs:{topic.id}:{match.number}:{message_id}"),
                             ("仍然提交", f"xf:{topic.id}:{match.number}:{message_id}")]]
                await repo.enqueue(Post(author.id, wt.private_similar(match.number, existing.text),
                                        keyboard=keyboard, reply_to=message_id, purpose="reply", topic_id=topic.id),
                                   now)
            else:
                await repo.delete_draft(author.id, message_id)
                key = await repo.new_private_proposal_key(author.id, message_id, topic.id, now)
                shown = wt.ANONYMOUS_AUTHOR if topic.anonymous else author.name
                proposal, _ = await repo.insert_proposal(topic, key, Person(author.id, shown), text, now)
                if topic.shortlist is not None:  # 筛选 made earlier: a later proposal joins the ballot too
                    await repo.update_topic(topic, shortlist=rules.joined(topic.shortlist, proposal.number))
                total = await repo.count_proposals(topic.id)
                label = shown if topic.anonymous else f"{author.name}（私信）"
                await repo.enqueue(Post(topic.chat_id, texts.proposal_ack(topic, proposal.number, text, label, total,
                                                                          council.tz),
                                        purpose="ack", topic_id=topic.id), now)
                await repo.enqueue(Post(author.id, wt.private_done(topic, proposal.number, topic.anonymous),
                                        reply_to=message_id, purpose="reply", topic_id=topic.id), now)
        council.on_post()
        if match is not None:
            return SimilarFound(topic, match.number)
        return ProposalResult(topic, proposal.number, True)

    async def insist(self, topic_id: int, picker: Person, message_id: int) -> ProposalResult | SimilarFound:
        """「仍然提交」 on the private 【相似建议】 question."""
        author, text = await self._draft(picker, message_id)
        return await self.propose(topic_id, author, text, message_id, check_similar=False)

    async def support_instead(self, topic_id: int, number: int, picker: Person, message_id: int) -> int:
        """「支持 #M」 on the private 【相似建议】 question. Returns #M's supporters."""
        await self._draft(picker, message_id)
        council = self.council
        async with council.db.transaction() as repo:
            topic = await repo.topic(topic_id)
            if topic is None or topic.state is not State.COLLECTING:
                raise CouncilError(Err.NOT_COLLECTING)
            if not any(p.number == number and p.active for p in await repo.proposals(topic_id)):
                raise CouncilError(Err.no_such_proposal(topic, number))
            await repo.delete_draft(picker.id, message_id)
            await repo.add_support(topic_id, number, picker.id, council.clock())
            return (await repo.support_counts(topic_id)).get(number, 1)

    async def _draft(self, picker: Person, message_id: int) -> tuple[Person, str]:
        async with self.council.db.transaction() as repo:
            draft = await repo.draft(picker.id, message_id)
        if draft is None or draft[0].id != picker.id:
            raise CouncilError(Err.STALE_BUTTON)
        return draft
