"""What the council's use cases answer: results, a needed choice, or a refusal with its Chinese text."""

from __future__ import annotations

from dataclasses import dataclass

from council.models import Topic


class CouncilError(Exception):
    """A request we cannot do; `text` says why in Chinese and what to do instead."""

    def __init__(self, text: str):
        super().__init__(text)
        self.text = text


@dataclass
class Choice:
    """More than one topic fits: the user must pick one (the handler shows buttons)."""

    topics: list[Topic]


@dataclass
class SimilarFound:
    """The new proposal is close to #number: the author was asked to support it or submit anyway."""

    topic: Topic
    number: int


@dataclass
class VoteResult:
    """A committed vote. `before` and `after` are the options the voter (or their household) chose before and
    after it: one at most on a choice or consent ballot, any number on an approval ballot."""

    topic: Topic
    option: int
    before: frozenset[int]
    after: frozenset[int]
    household: str | None = None  # the household this vote speaks for (一户一票)

    @property
    def unchanged(self) -> bool:
        return self.before == self.after

    @property
    def previous(self) -> int | None:
        return min(self.before) if self.before else None


@dataclass
class ProposalResult:
    topic: Topic
    number: int
    created: bool


@dataclass
class ProxyResult:
    topic: Topic
    label: str  # whom the vote is for: a household or a resident
    options: tuple[int, ...]


@dataclass(frozen=True)
class VoteGuess:
    """A typed message that leans to one option without being a clear vote: its author is asked, nothing counted."""

    topic: Topic
    option: int
