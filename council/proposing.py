"""Use cases around proposals: propose (catching near-duplicates), support instead, merge, hide, hold back.

Part of the Council service (council/service.py mixes it in); same rules: one transaction per change, and
the posts it owes the group are written to the outbox in that same transaction.
"""

from __future__ import annotations

from council import rules, texts
from council.models import Method, Person, Post, State, Topic
from council.results import Choice, CouncilError, ProposalResult, SimilarFound
from council.texts import Err


class Proposing:
    def check_proposal(self, text: str) -> str:
        text = text.strip()
        if not text:
            raise CouncilError(Err.EMPTY_PROPOSAL)
        if len(text) > self.rules.max_proposal_chars:
            raise CouncilError(Err.proposal_too_long(self.rules.max_proposal_chars, len(text)))
        return text

    async def propose(self, chat_id: int, author: Person, text: str, message_id: int,
                      reply_to: int | None = None) -> ProposalResult | Choice | SimilarFound:
        text = self.check_proposal(text)
        chosen = await self.choose(chat_id, None, reply_to, {State.COLLECTING}, Err.NOT_COLLECTING)
        await self.check_civil(chat_id, chosen.id if isinstance(chosen, Topic) else None, author, "proposal", text)
        if isinstance(chosen, Choice):
            async with self.db.transaction() as repo:
                await repo.save_draft(chat_id, message_id, author, text, self.clock())
            return chosen
        return await self._add_proposal(chosen.id, author, text, message_id, check_similar=True)

    async def propose_draft(self, chat_id: int, message_id: int, topic_id: int, picker: Person, *,
                            check_similar: bool) -> ProposalResult | SimilarFound:
        """The author picked a topic for a waiting proposal (check_similar) or insisted on submitting it."""
        author, text = await self._draft_of(chat_id, message_id, topic_id, picker)
        return await self._add_proposal(topic_id, author, text, message_id, check_similar=check_similar)

    async def support_instead(self, chat_id: int, message_id: int, topic_id: int, number: int,
                              picker: Person) -> int:
        """The author of a near-duplicate supports #number instead of submitting it."""
        await self._draft_of(chat_id, message_id, topic_id, picker)
        async with self.db.transaction() as repo:
            topic = await repo.topic(topic_id)
            if topic.state is not State.COLLECTING:
                raise CouncilError(Err.NOT_COLLECTING)
            target = next((p for p in await repo.proposals(topic_id) if p.number == number and p.active), None)
            if target is None:
                raise CouncilError(Err.no_such_proposal(topic, number))
            await repo.delete_draft(chat_id, message_id)
            await repo.add_support(topic_id, number, picker.id, self.clock())
            return (await repo.support_counts(topic_id)).get(number, 1)

    async def _draft_of(self, chat_id: int, message_id: int, topic_id: int, picker: Person) -> tuple[Person, str]:
        """The waiting proposal of that message, if the one who tapped wrote it. It is used up (deleted) by the
        transaction that records the proposal or the support."""
        async with self.db.transaction() as repo:
            topic = await repo.topic(topic_id)
            if topic is None or topic.chat_id != chat_id:
                raise CouncilError(Err.BALLOT_NOT_HERE)
            draft = await repo.draft(chat_id, message_id)
            if draft is None:
                raise CouncilError(Err.STALE_BUTTON)
            if draft[0].id != picker.id:
                raise CouncilError(Err.NOT_YOUR_DRAFT)
        return draft

    async def _add_proposal(self, topic_id: int, author: Person, text: str, message_id: int,
                            check_similar: bool) -> ProposalResult | SimilarFound:
        now = self.clock()
        async with self.db.transaction() as repo:
            topic = await repo.topic(topic_id)
            if topic is None or topic.state is not State.COLLECTING:
                raise CouncilError(Err.NOT_COLLECTING)
            already = await repo.proposal_by_message(topic.chat_id, message_id)
            if already is not None:  # the same message delivered twice
                return ProposalResult(topic, already.number, False)
            proposals = await repo.proposals(topic.id)
            match = None
            if check_similar:
                match = self.language.similar(text, [(p.number, p.text) for p in proposals if p.active])
            if match is not None:  # ask the author; the proposal waits as a draft (a redelivered update is skipped)
                await repo.save_draft(topic.chat_id, message_id, author, text, now)
                existing = next(p for p in proposals if p.number == match.number)
                await repo.enqueue(
                    Post(topic.chat_id, texts.similar_found(existing, author.name), reply_to=message_id,
                         keyboard=texts.similar_keyboard(topic.id, match.number, message_id),
                         purpose="reply", topic_id=topic.id),
                    now,
                )
                created = False
            else:
                await repo.delete_draft(topic.chat_id, message_id)
                proposal, created = await repo.insert_proposal(topic, message_id, author, text, now)
                if created:
                    if topic.shortlist is not None:  # 筛选 made earlier: a later proposal joins the ballot too
                        await repo.update_topic(topic, shortlist=rules.joined(topic.shortlist, proposal.number))
                    total = await repo.count_proposals(topic.id)
                    ack = texts.proposal_ack(topic, proposal.number, text, author.name, total, self.tz)
                    await repo.enqueue(Post(topic.chat_id, ack, reply_to=message_id, purpose="ack",
                                            topic_id=topic.id), now)
        if match is not None:
            self.on_post()
            return SimilarFound(topic, match.number)
        if created:
            self.on_post()
        return ProposalResult(topic, proposal.number, created)

    async def merge(self, topic_id: int, into: int, merged: int, actor: Person) -> int:
        """Fold proposal #merged into #into (facilitator). Returns the supporters #into gained."""
        now = self.clock()
        async with self.db.transaction() as repo:
            topic = await repo.topic(topic_id)
            if topic is None or topic.state is not State.COLLECTING:
                raise CouncilError(Err.MERGE_NOT_COLLECTING)
            if into == merged:
                raise CouncilError(Err.MERGE_SAME)
            by_number = {p.number: p for p in await repo.proposals(topic.id)}
            for number in (into, merged):
                if number not in by_number or not by_number[number].active:
                    raise CouncilError(Err.no_such_proposal(topic, number))
            gained = await repo.merge_proposal(topic.id, into, merged, by_number[merged].author_id, now)
            await repo.enqueue(Post(topic.chat_id, texts.merged(topic, by_number[into], by_number[merged]),
                                    purpose="notice", topic_id=topic.id), now)
            await repo.audit(topic.chat_id, topic.id, actor.id, "merge", f"#{merged} -> #{into}", now)
        self.on_post()
        return gained

    async def hide(self, topic_id: int, number: int, actor: Person) -> Topic:
        now = self.clock()
        async with self.db.transaction() as repo:
            topic = await repo.topic(topic_id)
            if topic is None or not topic.state.is_open:
                raise CouncilError(Err.HIDE_CLOSED)
            proposal = next((p for p in await repo.proposals(topic.id) if p.number == number), None)
            if proposal is None or proposal.merged_into is not None:
                raise CouncilError(Err.no_such_proposal(topic, number))
            if proposal.hidden:
                raise CouncilError(Err.already_hidden(number))
            await repo.hide_proposal(topic.id, number)
            dropped = 0
            if topic.state is State.VOTING and topic.method is not Method.CONSENT:
                dropped = await repo.delete_votes_for(topic.id, number)
            await repo.enqueue(Post(topic.chat_id, texts.hidden(topic, number, dropped), purpose="notice",
                                    topic_id=topic.id), now)
            await repo.audit(topic.chat_id, topic.id, actor.id, "hide", f"#{number} votes_dropped={dropped}", now)
        self.on_post()
        return topic

    async def check_civil(self, chat_id: int, topic_id: int | None, person: Person, kind: str, text: str) -> None:
        """An insult is not recorded: it is kept aside for the facilitators, and the author gets a gentle reminder."""
        if not self.language.is_uncivil(text):
            return
        async with self.db.transaction() as repo:
            await repo.hold_back(chat_id, topic_id, person.id, person.name, kind, text, self.clock())
            await repo.audit(chat_id, topic_id, person.id, "held_back", kind, self.clock())
        raise CouncilError(texts.CIVILITY_NUDGE)
