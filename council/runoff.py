"""Use cases around what goes on a ballot: a facilitator's shortlist when a topic has many proposals, and the
run-off ballot between proposals that tied.

Part of the Council service (council/service.py mixes it in): one transaction per change, posts in the outbox.
"""

from __future__ import annotations

import json

from council import ballot_texts, rules, shortlist_texts
from council.models import Method, Person, Post, State, Topic
from council.results import CouncilError
from council.texts import Err


class Runoffs:
    # ------------------------------------------------------------------ 决选: a run-off between tied proposals

    async def start_runoff(self, topic_id: int, actor: Person) -> Topic:
        """A new ballot, open at once for the topic's voting time, between the proposals that tied."""
        now = self.clock()
        async with self.db.transaction() as repo:
            topic = await repo.topic(topic_id)
            resolution = await repo.resolution_of(topic_id) if topic else None
            if topic is None or resolution is None or resolution[0] != "tie" or len(resolution[1]) < 2:
                raise CouncilError(shortlist_texts.NO_TIE)
            existing = await repo.runoff_of(topic.id)
            if existing is not None:
                raise CouncilError(shortlist_texts.runoff_exists(existing))
            vote_for = max(topic.vote_deadline - topic.collect_deadline, 3600)
            runoff = Topic(
                id=0, chat_id=topic.chat_id, number=0, title=shortlist_texts.runoff_title(topic),
                background=shortlist_texts.runoff_background(topic, resolution[1]), state=State.VOTING,
                method=Method.CHOICE if topic.method is Method.APPROVAL else topic.method, quorum=topic.quorum,
                opened_by=actor.id, opened_at=now, collect_deadline=now, vote_deadline=now + vote_for,
                voting_started_at=now, category=topic.category, one_vote_per=topic.one_vote_per,
                threshold=topic.threshold, ballot=topic.ballot, results=topic.results, runoff_of=topic.id,
            )
            runoff = await repo.insert_topic(runoff, None)
            await repo.copy_proposals(topic.id, runoff, resolution[1])
            tally = await self.tally(repo, runoff)
            electorate = await self.electorate(repo, runoff)
            await repo.enqueue(Post(runoff.chat_id, ballot_texts.ballot(runoff, tally, electorate, self.tz),
                                    keyboard=ballot_texts.ballot_keyboard(runoff, tally), purpose="ballot",
                                    topic_id=runoff.id), now)
            await repo.audit(topic.chat_id, runoff.id, actor.id, "runoff", json.dumps(resolution[1]), now)
        self.on_post()
        return runoff

    # ------------------------------------------------------------------ 筛选: which proposals go on the ballot

    async def shortlist_view(self, topic_id: int) -> tuple[Topic, str, list]:
        """The picker: every active proposal, the chosen ones ticked (the most supported, until changed)."""
        async with self.db.transaction() as repo:
            topic = await repo.topic(topic_id)
            if topic is None or topic.state is not State.COLLECTING:
                raise CouncilError(Err.ALREADY_VOTING if topic and topic.state is State.VOTING else Err.NO_OPEN_TOPIC)
            proposals = [p for p in await repo.proposals(topic.id) if p.active]
            if topic.method is Method.CONSENT or len(proposals) <= rules.SHORTLIST_ABOVE:
                raise CouncilError(shortlist_texts.no_shortlist_needed(topic, len(proposals)))
            if topic.shortlist is None:
                chosen = rules.preselected(proposals, await repo.support_counts(topic.id))
                await repo.update_topic(topic, shortlist=tuple(chosen))
            supports = await repo.support_counts(topic.id)
        return topic, shortlist_texts.picker(topic, proposals, supports), shortlist_texts.picker_keyboard(
            topic, proposals)

    async def needs_shortlist(self, topic_id: int) -> bool:
        """Starting this ballot by hand should first show the picker: many proposals, none picked yet."""
        async with self.db.transaction() as repo:
            topic = await repo.topic(topic_id)
            if topic is None or topic.state is not State.COLLECTING or topic.method is Method.CONSENT:
                return False
            if topic.shortlist is not None:
                return False
            return await repo.count_proposals(topic.id) > rules.SHORTLIST_ABOVE

    async def toggle_shortlist(self, topic_id: int, number: int) -> None:
        async with self.db.transaction() as repo:
            topic = await repo.topic(topic_id)
            if topic is None or topic.state is not State.COLLECTING:
                raise CouncilError(Err.ALREADY_VOTING if topic and topic.state is State.VOTING else Err.NO_OPEN_TOPIC)
            active = {p.number for p in await repo.proposals(topic.id) if p.active}
            if number not in active:
                raise CouncilError(Err.no_such_proposal(topic, number))
            chosen = set(topic.shortlist or ()) ^ {number}
            if len(chosen) < 2:
                raise CouncilError(shortlist_texts.AT_LEAST_TWO)
            await repo.update_topic(topic, shortlist=tuple(sorted(chosen)))

    async def shortlist_all(self, topic_id: int) -> None:
        """Every active proposal goes on the ballot (the picker's 「全部放上选票」)."""
        async with self.db.transaction() as repo:
            topic = await repo.topic(topic_id)
            if topic is None or topic.state is not State.COLLECTING:
                raise CouncilError(Err.NO_OPEN_TOPIC)
            await repo.update_topic(topic, shortlist=tuple(p.number for p in await repo.proposals(topic.id)
                                                           if p.active))
