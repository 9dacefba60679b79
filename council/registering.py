"""Use cases of households and proxies: 登记 3-2-301 (a resident says where they live, a facilitator corrects
it), 住户 (the facilitator's list), 代投 (a facilitator enters the vote of a resident without a phone).

Part of the Council service (council/service.py mixes it in): one transaction per change, posts in the outbox.
"""

from __future__ import annotations

from council import register_texts, rules
from council.households import Household, label_of, parse_household
from council.models import Method, Person, Post, State, Topic
from council.results import CouncilError, ProxyResult
from council.texts import Err


class Registering:
    async def register(self, chat_id: int, resident: Person, text: str, actor: Person | None = None) -> str:
        """Where `resident` lives (登记 3-2-301), or with 取消 no longer registered. `actor`: a facilitator
        correcting someone else's registration. Returns the answer for the group."""
        text = text.strip()
        clear = text in ("取消", "撤销", "删除")
        household = None if clear else parse_household(text)
        if not clear and household is None:
            raise CouncilError(register_texts.register_usage(text))
        now = self.clock()
        async with self.db.transaction() as repo:
            before = await repo.resident(chat_id, resident.id)
            previous = before.household if before else None
            key = household.key if household else None
            await repo.register_household(chat_id, resident.id, resident.name, key, actor.id if actor else None, now)
            await repo.audit(chat_id, None, (actor or resident).id, "register", f"{resident.id}: {previous} -> {key}",
                             now)
            voting = [t for t in await repo.open_topics(chat_id) if t.state is State.VOTING and t.by_household]
        return register_texts.registered(resident.name, household, label_of(previous) if previous else None,
                                         bool(voting), actor.name if actor else None)

    async def households_text(self, chat_id: int) -> str:
        async with self.db.transaction() as repo:
            return register_texts.household_list(await repo.registered(chat_id))

    async def proxy_vote(self, topic: Topic, actor: Person, target: Household | Person, name: str,
                         choice_text: str) -> ProxyResult:
        """A facilitator enters the vote of a resident (a household on a 一户一票 ballot). It is logged with who
        entered it and replaced when that resident (or household) votes themself."""
        now = self.clock()
        async with self.db.transaction() as repo:
            topic = await repo.topic(topic.id)
            if topic.state is not State.VOTING:
                raise CouncilError(Err.NO_VOTING if topic.state is State.COLLECTING else Err.VOTE_CLOSED)
            numbers = [o.number for o in rules.ballot_options(topic, await repo.proposals(topic.id))]
            reading = self.language.read_vote(choice_text, topic.method.value, numbers)
            if reading.kind == "off_ballot":
                raise CouncilError(Err.not_on_ballot(topic, reading.options[0], numbers))
            if reading.kind != "vote" or (topic.method is not Method.APPROVAL and len(reading.options) != 1):
                raise CouncilError(register_texts.proxy_usage(topic))
            if isinstance(target, Household):
                if topic.by_household:
                    key, label = f"h:{target.key}", target.label
                else:
                    key, label = f"r:{target.key}:{name}", f"{target.label}{'（' + name + '）' if name else ''}"
                voter_id, voter_name = 0, name or target.label
            else:
                key, label, voter_id, voter_name = await self._person_key(repo, topic, target)
            before, _ = await repo.ballot_of(topic.id, key)
            await repo.replace_ballot(topic.id, key, set(reading.options), voter_id, voter_name, "proxy", actor.id,
                                      now)
            await repo.audit(topic.chat_id, topic.id, actor.id, "proxy_vote", f"{key} -> {sorted(reading.options)}",
                             now)
            text = register_texts.proxy_recorded(topic, label, actor.name, sorted(reading.options), bool(before),
                                                 replaceable=not key.startswith("r:"))
            await repo.enqueue(Post(topic.chat_id, text, purpose="reply", topic_id=topic.id), now)
        self.on_post()
        return ProxyResult(topic, label, tuple(sorted(reading.options)))

    async def _person_key(self, repo, topic: Topic, person: Person) -> tuple[str, str, int, str]:
        """A resident named by a reply: their own vote (or their household's) — replaced when they vote."""
        if topic.by_household:
            resident = await repo.resident(topic.chat_id, person.id)
            if resident is None or resident.household is None:
                raise CouncilError(register_texts.proxy_unregistered(person.name))
            return f"h:{resident.household}", label_of(resident.household), person.id, person.name
        return f"u:{person.id}", person.name, person.id, person.name
