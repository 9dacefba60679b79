"""Rules of a topic: which transitions are allowed, what a ballot offers, quorum and outcome."""

from __future__ import annotations

import math

from council.models import CONSENT_OPTIONS, NO, YES, Method, Option, Outcome, Proposal, State, Tally, Topic


def ballot_options(topic: Topic, proposals: list[Proposal]) -> list[Option]:
    """What a ballot offers: the visible proposals, or 赞成/反对/弃权 on a consent motion."""
    if topic.method is Method.CONSENT:
        return [Option(number, label) for number, label in CONSENT_OPTIONS.items()]
    return [Option(p.number, p.text) for p in proposals if p.active]


def quorum_needed(quorum: float, members: int | None) -> int:
    """Voters needed: a share of the members (quorum below 1) or an absolute number."""
    if quorum >= 1:
        return int(quorum)
    if not members:
        return 0
    return max(1, math.ceil(quorum * members)) if quorum > 0 else 0


def outcome(topic: Topic, tally: Tally, members: int | None) -> Outcome:
    needed = quorum_needed(topic.quorum, members)
    if not tally.options:
        return Outcome("no_proposals")
    if tally.voters == 0:
        return Outcome("no_votes")
    if tally.voters < needed:
        return Outcome("no_quorum")
    if topic.method is Method.CONSENT:
        yes, no = tally.count(YES), tally.count(NO)
        if yes > no:
            return Outcome("passed", [Option(YES, CONSENT_OPTIONS[YES])])
        if yes == no:
            return Outcome("tie")
        return Outcome("rejected")
    best = max(tally.count(o.number) for o in tally.options)
    leaders = [o for o in tally.options if tally.count(o.number) == best]
    if len(leaders) > 1:
        return Outcome("tie", leaders)
    return Outcome("winner", leaders)


def can_start_voting(topic: Topic) -> bool:
    return topic.state is State.COLLECTING


def can_close(topic: Topic) -> bool:
    return topic.state is State.VOTING
