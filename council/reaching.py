"""Use cases that reach one resident: 我的 (/mine: the open ballots waiting for them, their own proposals),
private votes, 提醒我 (/remindme: one private reminder before a ballot closes), and 举报 (reports that hold
an abusive proposal until a facilitator decides).

Part of the Council service (council/service.py mixes it in); same rules: one transaction per change, and the
posts it owes — private messages included — are written to the outbox in that transaction. Whether someone is
still a member of a group is Telegram's to say: the handler asks (cached) and passes the groups it confirmed.
"""

from __future__ import annotations

from dataclasses import dataclass

from council import reach_texts as rt
from council import rules
from council.households import label_of
from council.models import Method, Person, Post, State, Topic
from council.results import CouncilError
from council.texts import Err

DEFAULT_LEAD = 7200  # seconds before the close, when config lists no reminder times


@dataclass
class Pending:
    """A ballot as one resident sees it: the key their vote is kept under (None: must register first)."""

    topic: Topic
    key: str | None
    chosen: frozenset[int]


@dataclass
class Reported:
    topic: Topic
    number: int
    held: bool  # this report was the one that held the proposal


class Reaching:
    # ------------------------------------------------------------------ private chat

    async def private_seen(self, user_id: int) -> None:
        """The person wrote to the bot privately: it may now write to them (answers, reminders)."""
        async with self.db.transaction() as repo:
            await repo.private_started(user_id, self.clock())

    async def set_remind(self, user_id: int, remind: bool) -> None:
        async with self.db.transaction() as repo:
            await repo.set_remind(user_id, remind, self.clock())

    async def private_blocked(self, user_id: int) -> None:
        """Sending to them failed with 403: they blocked the bot. Reminders stop, quietly."""
        async with self.db.transaction() as repo:
            await repo.private_gone(user_id)
            await repo.drop_pending_for_chat(user_id, "blocked by the user")

    async def still_in_group(self, chat_id: int, user_id: int) -> bool:
        """Our own record: seen in the group and not seen leaving it."""
        async with self.db.transaction() as repo:
            return chat_id in [r.chat_id for r in await repo.groups_of(user_id)]

    async def member_left(self, chat_id: int, user_id: int) -> None:
        async with self.db.transaction() as repo:
            await repo.left_group(chat_id, user_id, self.clock())

    # ------------------------------------------------------------------ 我的 (/mine)

    async def mine_groups(self, user_id: int) -> tuple[list[int], bool]:
        """Groups where this person has something to see (a ballot open, or a proposal of theirs on an open
        topic), and whether they were seen in any group at all. The handler checks they are still members of
        these groups (and only these) before mine()."""
        async with self.db.transaction() as repo:
            chats = [r.chat_id for r in await repo.groups_of(user_id)]
            with_ballots = {(await repo.topic(t)).chat_id for t in await repo.voting_topic_ids(chats)}
            with_proposals = {(await repo.topic(t)).chat_id for t, _ in await repo.authored_open(user_id, chats)}
            known = bool(await repo.chats_of(user_id))  # seen in a group once, even one they left since
        return [c for c in chats if c in with_ballots | with_proposals], known

    async def mine(self, user: Person, member_of: list[int], known: bool = True) -> int:
        """Post /mine privately: a summary, then one message with buttons per ballot waiting for this resident
        (the first few). `member_of`: groups Telegram confirmed they are in. Returns how many ballots wait."""
        now = self.clock()
        async with self.db.transaction() as repo:
            await repo.private_started(user.id, now)
            if not known and not member_of:
                await repo.enqueue(Post(user.id, rt.NOT_SEEN_YET, purpose="reply"), now)
                return 0
            waiting = []
            for topic_id in await repo.voting_topic_ids(member_of):
                pending = await self._pending(repo, await repo.topic(topic_id), user.id)
                if not pending.chosen:
                    waiting.append(pending)
            proposals = []
            for topic_id, number in await repo.authored_open(user.id, member_of):
                topic = await repo.topic(topic_id)
                proposal = next(p for p in await repo.proposals(topic_id) if p.number == number)
                hold = await repo.proposal_hold(topic_id, number)
                if proposal.hidden and hold is None:
                    continue  # a facilitator hid it: nothing to follow
                supporters = (await repo.support_counts(topic_id)).get(number, 1)
                proposals.append((await repo.chat_title(topic.chat_id), topic, number, proposal.text, supporters,
                                  hold))
            if not waiting and not proposals:
                await repo.enqueue(Post(user.id, rt.NOTHING_OPEN, purpose="reply"), now)
                return 0
            shown = waiting[:rt.BALLOTS_SHOWN]
            await repo.enqueue(Post(user.id, rt.mine_summary(len(shown), len(waiting) - len(shown), proposals),
                                    purpose="reply"), now)
            for pending in shown:
                text, keyboard = await self._ballot_message(repo, pending, now)
                await repo.enqueue(Post(user.id, text, keyboard=keyboard, purpose="reply",
                                        topic_id=pending.topic.id), now)
        self.on_post()
        return len(waiting)

    async def private_ballot_view(self, topic_id: int, user_id: int) -> tuple[str, list | None]:
        """The private message of one ballot, after this resident voted on it (their choice marked)."""
        async with self.db.transaction() as repo:
            pending = await self._pending(repo, await repo.topic(topic_id), user_id)
            return await self._ballot_message(repo, pending, self.clock())

    async def _pending(self, repo, topic: Topic, user_id: int) -> Pending:
        if topic.by_household:
            resident = await repo.resident(topic.chat_id, user_id)
            household = resident.household if resident else None
            key = f"h:{household}" if household else None
        else:
            key = f"u:{user_id}"
        chosen = frozenset((await repo.ballot_of(topic.id, key))[0]) if key else frozenset()
        return Pending(topic, key, chosen)

    async def _ballot_message(self, repo, pending: Pending, now: float, reminder: bool = False):
        topic = pending.topic
        options = rules.ballot_options(topic, await repo.proposals(topic.id))
        register = Err.REGISTER_FIRST if pending.key is None else None
        household = label_of(pending.key[2:]) if pending.key and pending.key.startswith("h:") else None
        text = rt.private_ballot(topic, await repo.chat_title(topic.chat_id), options, self.tz, now,
                                 chosen=pending.chosen, household_label=household, register_first=register,
                                 reminder=reminder)
        open_ = topic.state is State.VOTING and register is None
        return text, rt.private_keyboard(topic, options, pending.chosen) if open_ else None

    # ------------------------------------------------------------------ 提醒我 (/remindme)

    async def private_reminders_due(self, reminders_before: tuple[int, ...]) -> int:
        """One private reminder per person and ballot, to residents who asked for them and have not voted (nor
        their household), from the earliest reminder time of the ballot on — the most time left to act —
        outside quiet hours. Catch-up like the group's 【提醒】: what is due and not done is written and marked
        in one transaction, so it is never sent twice nor lost. Returns how many were written."""
        now = self.clock()
        lead = max(reminders_before, default=DEFAULT_LEAD)
        if self.quiet is not None and self.quiet.contains(now):
            return 0  # the end of quiet hours (the sweep) calls again
        written = 0
        async with self.db.transaction() as repo:
            for topic in await repo.all_open_topics():
                if topic.state is not State.VOTING or not topic.vote_deadline - lead <= now < topic.vote_deadline:
                    continue
                for resident in await repo.reminded_residents(topic.chat_id):
                    key = f"premind:{topic.id}:{resident.user_id}"
                    if await repo.marked(key):
                        continue
                    pending = await self._pending(repo, topic, resident.user_id)
                    if pending.chosen:
                        continue  # voted: no reminder (and none later if they withdraw: once is enough)
                    await repo.mark(key, now)
                    text, keyboard = await self._ballot_message(repo, pending, now, reminder=True)
                    await repo.enqueue(Post(resident.user_id, text, keyboard=keyboard, purpose="reminder",
                                            topic_id=topic.id), now)
                    written += 1
        if written:
            self.on_post()
        return written

    # ------------------------------------------------------------------ 举报 (reports)

    async def report(self, chat_id: int, reporter: Person, message_id: int, reason: str = "") -> Reported:
        """A resident reports the proposal of that message. The third report from different residents holds it:
        hidden, its votes set aside, and the facilitators are asked (【举报】 with 恢复 / 确认隐藏)."""
        now = self.clock()
        async with self.db.transaction() as repo:
            found = await repo.proposal_at_message(chat_id, message_id)
            if found is None:
                raise CouncilError(rt.REPORT_NOT_PROPOSAL)
            topic = await repo.topic(found[0])
            proposal = next(p for p in await repo.proposals(topic.id) if p.number == found[1])
            hold = await repo.proposal_hold(topic.id, proposal.number)
            if not topic.state.is_open:
                raise CouncilError(rt.REPORT_CLOSED)
            if proposal.author_id == reporter.id:
                raise CouncilError(rt.REPORT_OWN)
            if proposal.merged_into is not None:
                raise CouncilError(rt.report_merged(proposal.number, proposal.merged_into))
            if proposal.hidden and hold != "held":
                raise CouncilError(rt.REPORT_ALREADY_HIDDEN)
            if hold == "restored":
                raise CouncilError(rt.REPORT_KEPT)
            if not await repo.add_report(topic.id, proposal.number, reporter.id, reason, now):
                raise CouncilError(rt.REPORT_TWICE)
            await repo.audit(chat_id, topic.id, reporter.id, "report", f"#{proposal.number} {reason[:100]}", now)
            private = await repo.private_reachable(reporter.id)
            await repo.enqueue(Post(reporter.id if private else chat_id,
                                    rt.report_received(topic, proposal.number, private), purpose="reply",
                                    topic_id=topic.id), now)
            held = hold is None and await repo.report_count(topic.id, proposal.number) >= rt.REPORTS_TO_HOLD
            if held:
                aside = await repo.hold_proposal(topic.id, proposal.number, set_aside_votes=(
                    topic.state is State.VOTING and topic.method is not Method.CONSENT))
                await repo.enqueue(Post(chat_id, rt.report_notice(topic, proposal.number, proposal.text, aside),
                                        keyboard=rt.report_keyboard(topic.id, proposal.number), purpose="notice",
                                        topic_id=topic.id), now)
                await repo.audit(chat_id, topic.id, None, "report_hold", f"#{proposal.number} set_aside={aside}", now)
        self.on_post()
        return Reported(topic, proposal.number, held)

    async def decide_report(self, topic_id: int, number: int, actor: Person, restore: bool) -> tuple[Topic, str]:
        """A facilitator's decision on a held proposal: 恢复 (back on the ballot with its votes) or 确认隐藏 (its
        votes void). Returns the topic and the text the 【举报】 notice now shows."""
        now = self.clock()
        async with self.db.transaction() as repo:
            topic = await repo.topic(topic_id)
            if topic is None or await repo.proposal_hold(topic_id, number) != "held":
                raise CouncilError(rt.REPORT_DECIDED)
            if restore and not topic.state.is_open:
                raise CouncilError(rt.RESTORE_CLOSED)
            if restore:
                back = await repo.release_proposal(topic_id, number, topic.method is not Method.APPROVAL)
                text = rt.report_restored(topic, number, actor.name, back)
            else:
                back = await repo.confirm_hold(topic_id, number)
                text = rt.report_confirmed(topic, number, actor.name, back)
            await repo.audit(topic.chat_id, topic_id, actor.id, "report_restore" if restore else "report_confirm",
                             f"#{number} votes={back}", now)
        return topic, text

    async def note_facilitators(self, topic: Topic, number: int, user_ids: list[int]) -> int:
        """A private note to the facilitators who talk to the bot privately: a proposal waits for them."""
        now = self.clock()
        sent = 0
        async with self.db.transaction() as repo:
            group = await repo.chat_title(topic.chat_id)
            for user_id in sorted(set(user_ids)):
                if user_id > 0 and await repo.private_reachable(user_id):
                    await repo.enqueue(Post(user_id, rt.facilitator_note(group, topic, number), purpose="notice",
                                            topic_id=topic.id), now)
                    sent += 1
        if sent:
            self.on_post()
        return sent
