"""The council's nouns: topics, proposals, votes, the tally of a ballot. Plain data, no I/O."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class State(StrEnum):
    COLLECTING = "collecting"
    VOTING = "voting"
    CLOSED = "closed"
    CANCELLED = "cancelled"

    @property
    def is_open(self) -> bool:
        return self in (State.COLLECTING, State.VOTING)


class Method(StrEnum):
    CHOICE = "choice"
    APPROVAL = "approval"
    CONSENT = "consent"


# What a topic is about, for the staff digest: guessed from its title and proposals, corrected by facilitators.
CATEGORIES = (
    "流浪狗", "高空抛物", "文明养宠", "电动车充电", "楼道堆物", "垃圾分类", "停车", "噪音", "加装电梯", "绿化",
    "物业费", "安全", "一老一小", "其他",
)

# Options of a consent ballot: one motion, three answers. Numbers are what buttons and typed votes carry.
CONSENT_OPTIONS = {1: "赞成", 2: "反对", 3: "弃权"}
YES, NO, ABSTAIN = 1, 2, 3


@dataclass(frozen=True)
class Person:
    id: int
    name: str


@dataclass
class Topic:
    id: int
    chat_id: int
    number: int  # per group: 议题1, 议题2 …
    title: str
    background: str
    state: State
    method: Method
    quorum: float
    opened_by: int
    opened_at: float
    collect_deadline: float
    vote_deadline: float
    card_message_id: int | None = None
    ballot_message_id: int | None = None
    resolution_message_id: int | None = None
    voting_started_at: float | None = None
    closed_at: float | None = None
    category: str | None = None
    category_by: int | None = None  # who corrected it; None while it is the bot's own guess

    def deadline(self) -> float | None:
        """The next deadline that moves this topic on, if it is open."""
        if self.state is State.COLLECTING:
            return self.collect_deadline
        if self.state is State.VOTING:
            return self.vote_deadline
        return None


@dataclass
class Proposal:
    id: int
    topic_id: int
    number: int  # per topic: #1, #2 …
    author_id: int
    author_name: str
    text: str
    hidden: bool = False
    created_at: float = 0.0
    merged_into: int | None = None

    @property
    def active(self) -> bool:
        """On the ballot: neither hidden by a facilitator nor merged into another proposal."""
        return not self.hidden and self.merged_into is None


@dataclass(frozen=True)
class Option:
    number: int
    text: str


@dataclass
class Tally:
    """Counts of one ballot. `counts` maps option number to votes."""

    options: list[Option]
    counts: dict[int, int] = field(default_factory=dict)

    @property
    def voters(self) -> int:
        return sum(self.counts.get(o.number, 0) for o in self.options)

    def count(self, number: int) -> int:
        return self.counts.get(number, 0)

    def share(self, number: int) -> float:
        return self.count(number) / self.voters if self.voters else 0.0


@dataclass
class Outcome:
    kind: str  # "passed", "rejected", "winner", "tie", "no_quorum", "no_votes", "no_proposals"
    winners: list[Option] = field(default_factory=list)


@dataclass
class Resolution:
    topic: Topic
    tally: Tally
    members: int | None
    quorum_needed: int
    quorum_met: bool
    outcome: Outcome


Keyboard = list[list[tuple[str, str]]]  # rows of (label, callback_data)


@dataclass
class Post:
    """A message the bot must post. Written to the outbox in the same transaction as the change it reports."""

    chat_id: int
    text: str
    keyboard: Keyboard | None = None
    reply_to: int | None = None
    purpose: str = "notice"  # card, ack, ballot, resolution, notice, reply, summary, reminder, digest, export
    topic_id: int | None = None
    pin: bool = False
    id: int | None = None
    attempts: int = 0
    not_before: float | None = None  # quiet hours: not sent before this time
    document: bytes | None = None  # sent as a file named `filename`, with `text` as its caption
    filename: str | None = None
