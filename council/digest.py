"""The staff's weekly picture (【每周议事简报】): plain data built from the database's rows of one week.

storage/reporting.py reads the rows, `Digest` holds them; council/report_texts.py turns it into the message,
council/report_html.py into the HTML report and council/report_csv.py into the CSV. No I/O here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from council.actions import ActionRow, ReviewRow

OUTCOME_NAMES = {
    "winner": "形成决议",
    "passed": "通过",
    "rejected": "未通过",
    "tie": "平票",
    "no_quorum": "未达法定人数",
    "no_votes": "无人投票",
    "no_proposals": "无建议",
}
def percent(share: float | None) -> str | None:
    """35%, or <1% for a few voters in a large group; None when unknown."""
    if share is None:
        return None
    value = round(share * 100)
    return "<1%" if value == 0 and share > 0 else f"{value}%"


STATE_NAMES = {"collecting": "征集建议中", "voting": "投票中", "closed": "已结束", "cancelled": "已取消"}


@dataclass
class TopicRow:
    """One topic that lived in the week (opened, closed or cancelled in it, or open during it)."""

    chat_id: int
    chat_title: str
    number: int
    title: str
    category: str
    state: str  # collecting, voting, closed, cancelled
    opened_at: float
    closed_at: float | None
    proposals: int  # active proposals (neither hidden nor merged)
    voters: int
    members: int | None  # group members counted at the close (or now, for an open topic)
    quorum_needed: int | None  # closed ballots only
    quorum_met: bool | None
    outcome: str | None  # a key of OUTCOME_NAMES once closed
    winner: str = ""  # the winning proposal's text (or the motion, for a passed consent ballot)

    @property
    def participation(self) -> float | None:
        """Voters as a share of members, for a closed ballot with a known member count."""
        if self.outcome in (None, "no_proposals") or not self.members:
            return None  # nothing was put to the vote
        return self.voters / self.members


@dataclass
class WeekFigures:
    """Totals of one week, across all groups."""

    opened: int = 0
    closed: int = 0
    cancelled: int = 0
    proposals: int = 0
    participants: int = 0  # distinct residents who proposed, supported or voted
    votes: int = 0  # votes cast (a changed vote counts once)


@dataclass
class GroupWeek:
    chat_id: int
    title: str
    members: int | None
    figures: WeekFigures
    topics: list[TopicRow] = field(default_factory=list)  # of this group, in TopicRow order
    keywords: list[str] = field(default_factory=list)
    actions: list[ActionRow] = field(default_factory=list)  # follow-up: items open at the week's end or done in it
    reviews: list[ReviewRow] = field(default_factory=list)  # 复盘 asked or answered in the week

    @property
    def ballots(self) -> list[TopicRow]:
        """Ballots closed in the week."""
        return [t for t in self.topics if t.outcome is not None and t.state == "closed"]

    @property
    def participation(self) -> float | None:
        """Mean participation of the week's closed ballots (None when none had a member count)."""
        shares = [t.participation for t in self.ballots if t.participation is not None]
        return sum(shares) / len(shares) if shares else None


@dataclass
class Digest:
    start: float  # the week: [start, end)
    end: float
    groups: list[GroupWeek]  # groups with anything in the week, most active first
    totals: WeekFigures
    previous: WeekFigures  # the seven days before `start`, for comparison
    categories: list[tuple[str, int]]  # topics of the week per category, most first
    keywords: list[str]  # what residents kept raising across all groups
    per_day: list[tuple[float, int]]  # (local midnight of each day of the week, proposals that day)
    quiet_groups: int = 0  # groups the bot is in where nothing happened this week

    @property
    def topics(self) -> list[TopicRow]:
        return [t for g in self.groups for t in g.topics]

    @property
    def actions(self) -> list[ActionRow]:
        return [a for g in self.groups for a in g.actions]

    @property
    def reviews(self) -> list[ReviewRow]:
        return [r for g in self.groups for r in g.reviews]
