"""Use cases of step 4 and the close of step 5: open a ballot, cast a vote (tap, typed, private, proxy), show
the tally, close and publish 【决议公示】.

Part of the Council service (council/service.py mixes it in). Who holds a vote depends on the topic: each person
(`u:<user id>`), or each registered household (`h:3-2-301`) whose vote is the latest from any of its members. On
an approval ballot a voter supports any number of proposals and each tap toggles one.
"""

from __future__ import annotations

from council import ballot_texts, rules
from council.models import Method, Person, Post, Resolution, State, Tally, Topic
from council.results import CouncilError, VoteGuess, VoteResult
from council.texts import Err


class Voting:
    # ------------------------------------------------------------------ open the ballot

    async def start_voting(self, topic_id: int, actor: Person | None) -> Topic | None:
        """Open the ballot. actor None: the collecting deadline did it (then a wrong state is not an error)."""
        now = self.clock()
        async with self.db.transaction() as repo:
            topic = await repo.topic(topic_id)
            if topic is None or not rules.can_start_voting(topic):
                if actor is None:
                    return None
                raise CouncilError(Err.ALREADY_VOTING if topic and topic.state is State.VOTING else Err.NO_OPEN_TOPIC)
            proposals = await repo.proposals(topic.id)
            options = rules.ballot_options(topic, proposals)
            if topic.category_by is None:  # the proposals say more about the topic than its title alone
                await repo.update_topic(topic, category=self.guess_category(
                    topic.title, [p.text for p in proposals if p.active]))
            if not options:
                if actor is not None:
                    raise CouncilError(Err.NO_PROPOSALS_TO_VOTE)
                await repo.update_topic(topic, state=State.CLOSED, closed_at=now)
                await repo.enqueue(Post(topic.chat_id, ballot_texts.no_proposals_closed(topic), purpose="resolution",
                                        topic_id=topic.id), now)
                await repo.audit(topic.chat_id, topic.id, None, "closed_empty", "", now)
            else:
                vote_for = topic.vote_deadline - topic.collect_deadline
                # Never shorten the voting the card announced; a late start (bot was down) still gets vote_for.
                await repo.update_topic(topic, state=State.VOTING, voting_started_at=now,
                                        vote_deadline=max(topic.vote_deadline, now + vote_for))
                tally = await self.tally(repo, topic)
                electorate = await self.electorate(repo, topic)
                await repo.enqueue(
                    Post(topic.chat_id, ballot_texts.ballot(topic, tally, electorate, self.tz),
                         keyboard=ballot_texts.ballot_keyboard(topic, tally), purpose="ballot", topic_id=topic.id),
                    now,
                )
                await repo.audit(topic.chat_id, topic.id, actor.id if actor else None, "start_voting", "", now)
        self.on_post()
        return topic

    # ------------------------------------------------------------------ votes

    async def cast_vote(self, topic_id: int, chat_id: int, voter: Person, option: int, via: str,
                        options: set[int] | None = None) -> VoteResult:
        """Record one vote; it is committed when this returns. A tap on an approval ballot toggles `option`;
        `options` (a typed 1和3都行) adds several. Forged or stale requests are refused."""
        now = self.clock()
        async with self.db.transaction() as repo:
            topic = await repo.topic(topic_id)
            if topic is None or topic.chat_id != chat_id:
                raise CouncilError(Err.BALLOT_NOT_HERE)
            if topic.state is State.COLLECTING:
                raise CouncilError(Err.NO_VOTING)
            if topic.state is not State.VOTING:
                raise CouncilError(Err.VOTE_CLOSED)
            valid = [o.number for o in rules.ballot_options(topic, await repo.proposals(topic.id))]
            wanted = options or {option}
            for number in sorted(wanted):
                if number not in valid:
                    raise CouncilError(Err.not_on_ballot(topic, number, valid))
            household = None
            if topic.by_household:
                resident = await repo.resident(chat_id, voter.id)
                if resident is None or resident.household is None:
                    raise CouncilError(Err.REGISTER_FIRST)
                household = resident.household
            key = f"h:{household}" if household else f"u:{voter.id}"
            before, before_via = await repo.ballot_of(topic.id, key)
            if topic.method is Method.APPROVAL:
                after = before | wanted if options else before ^ wanted
            else:
                after = wanted
            if before_via == "proxy":
                before = set()  # the resident votes themself: their own vote replaces the one entered for them
            if after != before:
                await repo.replace_ballot(topic.id, key, after, voter.id, voter.name, via, None, now)
            await repo.touch_resident(chat_id, voter.id, voter.name, now)
        return VoteResult(topic, option, frozenset(before), frozenset(after), household)

    async def typed_vote(self, chat_id: int, voter: Person, text: str,
                         replied_topic_id: int | None = None) -> VoteResult | VoteGuess | None:
        """A chat message that may be a vote (投2, 2号, 赞成 …). None: not a vote — leave the message alone.
        VoteGuess: it leans to one option without being a clear vote (我觉得二号靠谱) — ask, count nothing."""
        async with self.db.transaction() as repo:
            if replied_topic_id is not None:
                topic = await repo.topic(replied_topic_id)
                topics = [topic] if topic is not None and topic.chat_id == chat_id else []
            else:
                topics = [t for t in await repo.open_topics(chat_id) if t.state is State.VOTING]
            ballots = [(t, [o.number for o in rules.ballot_options(t, await repo.proposals(t.id))]) for t in topics]
        readings = [(t, numbers, self.language.read_vote(text, t.method.value, numbers)) for t, numbers in ballots]
        hits = [(t, numbers, r) for t, numbers, r in readings if r.kind != "none"]
        if not hits:
            return await self._guess(chat_id, voter, text, ballots)
        if len(hits) > 1:
            raise CouncilError(Err.MANY_BALLOTS)
        topic, numbers, reading = hits[0]
        if topic.state is not State.VOTING:
            raise CouncilError(Err.NO_VOTING if topic.state is State.COLLECTING else Err.VOTE_CLOSED)
        await self.check_civil(chat_id, topic.id, voter, "vote", text)
        if reading.kind == "off_ballot":
            raise CouncilError(Err.not_on_ballot(topic, reading.options[0], numbers))
        if topic.method is Method.APPROVAL:
            return await self.cast_vote(topic.id, chat_id, voter, reading.options[0], "text", set(reading.options))
        if len(reading.options) != 1:
            return None  # several numbers on a one-choice ballot: ambiguous, not counted
        return await self.cast_vote(topic.id, chat_id, voter, reading.options[0], "text")

    async def _guess(self, chat_id: int, voter: Person, text: str, ballots) -> VoteGuess | None:
        """The one open ballot a message leans to, unless its author already voted that way, was already asked about
        that option, or answered 不是 to an earlier question in the topic (a resident who keeps talking about #2 is
        asked once). The question is recorded before it is posted."""
        guesses = [(t, r) for t, numbers in ballots
                   if (r := self.language.guess_vote(text, t.method.value, numbers)).kind == "unsure"]
        if len(guesses) != 1 or guesses[0][0].state is not State.VOTING:
            return None
        topic, reading = guesses[0]
        async with self.db.transaction() as repo:
            resident = await repo.resident(chat_id, voter.id) if topic.by_household else None
            key = f"h:{resident.household}" if resident and resident.household else f"u:{voter.id}"
            before, _ = await repo.ballot_of(topic.id, key)
            asked = await repo.vote_questions(topic.id, voter.id)
            option = reading.options[0]
            if option in before or option in asked or "no" in asked.values():
                return None
            await repo.ask_vote_question(topic.id, voter.id, option, self.clock())
        return VoteGuess(topic, option)

    async def answer_guess(self, topic_id: int, voter: Person, option: int | None) -> None:
        """The answer to 您是想投 #2 吗？: the option its vote was counted for (是), or None (不是: the message was no
        vote, and that resident is not asked again in this topic)."""
        async with self.db.transaction() as repo:
            if option is None:
                await repo.answer_vote_questions(topic_id, voter.id, "no")
            else:
                await repo.answer_vote_questions(topic_id, voter.id, "yes", option)

    # ------------------------------------------------------------------ the tally

    async def tally(self, repo, topic: Topic) -> Tally:
        """The counts of a topic's ballot; names only on an open ballot (never read for a secret one)."""
        options = rules.ballot_options(topic, await repo.proposals(topic.id))
        voters, proxies = await repo.voter_figures(topic.id)
        names = {} if topic.secret else await repo.voter_names(topic.id)
        return Tally(options, await repo.vote_counts(topic.id), voters, proxies, names)

    async def electorate(self, repo, topic: Topic) -> int | None:
        """Who could vote, for quorum and participation: the group's members, or its registered households."""
        if topic.by_household:
            return await repo.household_count(topic.chat_id)
        return await repo.member_count(topic.chat_id)

    async def ballot_view(self, topic_id: int) -> tuple[Topic, str, list | None] | None:
        """The current text and buttons of a topic's 【投票】 message (no buttons once voting is over)."""
        async with self.db.transaction() as repo:
            topic = await repo.topic(topic_id)
            if topic is None or topic.ballot_message_id is None:
                return None
            tally = await self.tally(repo, topic)
            electorate = await self.electorate(repo, topic)
        closed = topic.state is not State.VOTING
        text = ballot_texts.ballot(topic, tally, electorate, self.tz, closed=closed)
        return topic, text, None if closed else ballot_texts.ballot_keyboard(topic, tally)

    # ------------------------------------------------------------------ close and publish

    async def close(self, topic_id: int, actor: Person | None, members: int | None) -> Resolution | None:
        """Close the ballot and publish 【决议公示】. actor None: the voting deadline did it."""
        now = self.clock()
        async with self.db.transaction() as repo:
            topic = await repo.topic(topic_id)
            if topic is None or not rules.can_close(topic):
                if actor is None:
                    return None
                raise CouncilError(Err.NOT_VOTING)
            if members is None or topic.by_household:
                members = await self.electorate(repo, topic)
            electorate = members
            tally = await self.tally(repo, topic)
            needed = rules.quorum_needed(topic.quorum, electorate)
            result = rules.outcome(topic, tally, electorate)
            await repo.update_topic(topic, state=State.CLOSED, closed_at=now)
            res = Resolution(topic, tally, electorate, needed, tally.voters >= needed, result)
            await repo.insert_resolution(res, now)
            held = self.quiet.hold_until(now) if self.quiet and actor is None else None
            await repo.enqueue(Post(topic.chat_id, ballot_texts.resolution(res), purpose="resolution", pin=True,
                                    keyboard=ballot_texts.resolution_keyboard(res), topic_id=topic.id,
                                    not_before=held), now)
            await repo.audit(topic.chat_id, topic.id, actor.id if actor else None, "close", result.kind, now)
        self.on_post()
        return res
