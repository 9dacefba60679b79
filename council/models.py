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


class VoteUnit(StrEnum):
    """Who holds one vote: each person, or each registered household (一户一票)."""

    PERSON = "person"
    HOUSEHOLD = "household"


class Threshold(StrEnum):
    """What it takes to pass. MAJORITY: consent needs more 赞成 than 反对; a choice or approval ballot is won by
    the most votes. TWO_THIRDS: 赞成 at least two thirds of 赞成+反对; the leading proposal at least two thirds
    of the voters. Abstentions never count in the denominator."""

    MAJORITY = "majority"
    TWO_THIRDS = "two_thirds"


class Ballot(StrEnum):
    SECRET = "secret"  # counts only: nobody, facilitators included, can list who voted what
    OPEN = "open"  # supporters' names in the tally and the export


class Results(StrEnum):
    LIVE = "live"  # the 【投票】 message shows the tally as it moves
    HIDDEN = "hidden"  # only how many have voted, until the ballot closes


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
    one_vote_per: VoteUnit = VoteUnit.PERSON
    threshold: Threshold = Threshold.MAJORITY
    ballot: Ballot = Ballot.SECRET
    results: Results = Results.LIVE
    anonymous: bool = False  # proposals sent privately may appear without their author's name
    runoff_of: int | None = None  # the topic whose tie this ballot decides
    shortlist: tuple[int, ...] | None = None  # proposal numbers on the ballot; None: every active proposal

    @property
    def by_household(self) -> bool:
        return self.one_vote_per is VoteUnit.HOUSEHOLD

    @property
    def secret(self) -> bool:
        return self.ballot is Ballot.SECRET

    @property
    def results_hidden(self) -> bool:
        return self.results is Results.HIDDEN

    def deadline(self) -> float | None:
        """The next deadline that moves this topic on, if it is open."""
        if self.state is State.COLLECTING:
            return self.collect_deadline
        if self.state is State.VOTING:
            return self.vote_deadline
        return None


@dataclass(frozen=True)
class Resident:
    """Someone seen in a group; `household` is set once they registered where they live (3-2-301)."""

    chat_id: int
    user_id: int
    name: str
    household: str | None = None
    registered_at: float | None = None


@dataclass(frozen=True)
class TopicSettings:
    """How one topic is decided. Defaults come from config ([council]); the /new wizard may change them."""

    method: Method = Method.CHOICE
    collect_for: int = 3 * 86400  # seconds
    vote_for: int = 2 * 86400
    quorum: float = 0.3  # below 1: a share of members (or of registered households); 1 or more: a number
    threshold: Threshold = Threshold.MAJORITY
    one_vote_per: VoteUnit = VoteUnit.PERSON
    ballot: Ballot = Ballot.SECRET
    results: Results = Results.LIVE
    anonymous: bool = False


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
    """Counts of one ballot. `counts` maps option number to votes (on an approval ballot one voter supports
    several options, so `voter_count` says how many voted)."""

    options: list[Option]
    counts: dict[int, int] = field(default_factory=dict)
    voter_count: int | None = None  # None: the sum of the counts (one option per voter)
    proxies: int = 0  # votes a facilitator entered for a resident without a phone (代投)
    names: dict[int, list[str]] = field(default_factory=dict)  # open ballots only: who chose each option

    @property
    def voters(self) -> int:
        if self.voter_count is not None:
            return self.voter_count
        return sum(self.count(o.number) for o in self.options)

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
