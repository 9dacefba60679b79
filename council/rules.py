"""Rules of a topic: which transitions are allowed, what a ballot offers, quorum, threshold and outcome."""

from __future__ import annotations

import math
from fractions import Fraction

from council.models import (
    CONSENT_OPTIONS,
    NO,
    YES,
    Method,
    Option,
    Outcome,
    Proposal,
    State,
    Tally,
    Threshold,
    Topic,
)

SHORTLIST_ABOVE = 10  # more proposals than this: the facilitator may pick which go on the ballot
TWO_THIRDS = Fraction(2, 3)


def ballot_options(topic: Topic, proposals: list[Proposal]) -> list[Option]:
    """What a ballot offers: the visible proposals (those shortlisted, if the facilitator picked), or
    赞成/反对/弃权 on a consent motion."""
    if topic.method is Method.CONSENT:
        return [Option(number, label) for number, label in CONSENT_OPTIONS.items()]
    chosen = set(topic.shortlist) if topic.shortlist is not None else None
    return [Option(p.number, p.text) for p in proposals if p.active and (chosen is None or p.number in chosen)]


def quorum_needed(quorum: float, members: int | None) -> int:
    """Voters needed: a share of the members or households (quorum below 1) or an absolute number."""
    if quorum >= 1:
        return int(quorum)
    if not members:
        return 0
    return max(1, math.ceil(quorum * members)) if quorum > 0 else 0


def outcome(topic: Topic, tally: Tally, members: int | None) -> Outcome:
    """What the ballot decided. Quorum counts everyone who voted (abstentions too); the threshold counts only
    votes for or against (abstentions are reported, never in the denominator)."""
    needed = quorum_needed(topic.quorum, members)
    if not tally.options:
        return Outcome("no_proposals")
    if tally.voters == 0:
        return Outcome("no_votes")
    if tally.voters < needed:
        return Outcome("no_quorum")
    two_thirds = topic.threshold is Threshold.TWO_THIRDS
    if topic.method is Method.CONSENT:
        yes, no = tally.count(YES), tally.count(NO)
        if yes + no == 0:
            return Outcome("no_votes")  # everyone abstained
        passed = Fraction(yes, yes + no) >= TWO_THIRDS if two_thirds else yes > no
        if passed:
            return Outcome("passed", [Option(YES, CONSENT_OPTIONS[YES])])
        if yes == no and not two_thirds:
            return Outcome("tie")
        return Outcome("rejected")
    best = max(tally.count(o.number) for o in tally.options)
    if best == 0:
        return Outcome("no_votes")
    leaders = [o for o in tally.options if tally.count(o.number) == best]
    if len(leaders) > 1:
        return Outcome("tie", leaders)
    if two_thirds and Fraction(best, tally.voters) < TWO_THIRDS:
        return Outcome("below_threshold", leaders)
    return Outcome("winner", leaders)


def can_start_voting(topic: Topic) -> bool:
    return topic.state is State.COLLECTING


def can_close(topic: Topic) -> bool:
    return topic.state is State.VOTING


def joined(shortlist: tuple[int, ...], number: int) -> tuple[int, ...]:
    """A shortlist with a proposal posted after it was made: residents' later proposals are not left off the ballot
    unseen; the facilitator can still take them off in the picker."""
    return tuple(sorted({*shortlist, number}))


def preselected(proposals: list[Proposal], supports: dict[int, int], limit: int = SHORTLIST_ABOVE) -> list[int]:
    """The most supported active proposals (earlier first among equals): what a shortlist starts from."""
    active = [p for p in proposals if p.active]
    ranked = sorted(active, key=lambda p: (-supports.get(p.number, 1), p.number))
    return sorted(p.number for p in ranked[:limit])
