"""Free-text votes typed in the chat while a ballot is open: 投2, 二号, 第二个, ②, 3号+1, 1和3都行, 同意, 坚决反对 …

Precision first (SPEC §6: a wrongly counted vote costs more trust than a missed one). A message is a vote only when
every clause of it is either a vote in one of the shapes residents use, or a short harmless remark (谢谢, 早点装上,
不用花钱); anything with a question, a condition, a contrast, another person, a negated vote verb or a number that
belongs to a building, floor, time or date is left alone. No jieba: this runs before the dictionary is loaded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from council.language._vote_forms import (  # noqa: F401 - CHOICE … ABSTAIN are part of this module's interface
    ABSTAIN,
    ANY_STANCE,
    APPROVAL,
    CHOICE,
    CHOICE_CLAUSES,
    CLAUSES,
    CONSENT,
    CONSENT_CLAUSES,
    MAX_BARE,
    MAX_CHARS,
    NO,
    PARTICLES,
    QUESTION,
    REFS,
    SUBJ_ADV,
    YES,
    benign,
    canonical,
    numbers,
)


@dataclass(frozen=True)
class VoteReading:
    """kind: "vote" (count it), "off_ballot" (clearly a vote, for numbers not on the ballot: answer a short
    correction), "none" (not a vote: leave the message alone). options: the option numbers read, ascending;
    for consent ballots 1 = 赞成, 2 = 反对, 3 = 弃权."""

    kind: str
    options: tuple[int, ...] = ()

    @property
    def is_vote(self) -> bool:
        return self.kind == "vote"


NOT_A_VOTE = VoteReading("none")

def read_vote(text: str, method: str, options: list[int] | tuple[int, ...]) -> VoteReading:
    """What a typed message votes for on a ballot with these option numbers (consent: [1, 2, 3])."""
    raw = text.strip()
    if not raw or QUESTION.search(raw):
        return NOT_A_VOTE
    body = canonical(raw)
    if not body or len(body) > MAX_CHARS:
        return NOT_A_VOTE
    parts = [part for part in CLAUSES.split(body) if part]
    if not parts:
        return NOT_A_VOTE
    if method == CONSENT:
        return _read_consent(parts)
    return _read_choice(parts, method, options)


# 不选1，选4: a clause that rules one option out may stand beside a clause that votes for another.
_RULED_OUT = re.compile(rf"^{SUBJ_ADV}(?:不|不会)(?:选|投|要|支持){REFS}{PARTICLES}$")


def _read_choice(parts: list[str], method: str, options) -> VoteReading:
    chosen: list[int] = []
    ruled_out: list[int] = []
    bare_only = True
    for part in parts:
        out = _RULED_OUT.match(part)
        if out:
            ruled_out.extend(numbers(out.group("refs")))
            continue
        refs = None
        for pattern in CHOICE_CLAUSES:
            match = pattern.match(part)
            if match:
                refs = match.group("refs")
                break
        if refs is None:
            if not benign(part):
                return NOT_A_VOTE
            continue
        if not part.isdigit():
            bare_only = False
        chosen.extend(numbers(refs))
    if not chosen or set(chosen) & set(ruled_out):
        return NOT_A_VOTE
    distinct = tuple(sorted(set(chosen)))
    if bare_only and any(n > MAX_BARE for n in distinct):
        return NOT_A_VOTE  # 88, 110, 666: not ballot numbers
    if any(n <= 0 or n > 99 for n in distinct):
        return NOT_A_VOTE
    if len(distinct) > 1 and method != APPROVAL:
        return NOT_A_VOTE  # 1和3都行 on a single-choice ballot: ambiguous
    off = tuple(n for n in distinct if n not in set(options))
    if off:
        return VoteReading("off_ballot", off)
    return VoteReading("vote", distinct)


def _read_consent(parts: list[str]) -> VoteReading:
    found: set[int] = set()
    remarks: list[str] = []
    for part in parts:
        for value, pattern in CONSENT_CLAUSES:
            if pattern.match(part):
                found.add(value)
                break
        else:
            remarks.append(part)
    if len(found) != 1:
        return NOT_A_VOTE
    for remark in remarks:
        if ANY_STANCE.search(remark) or not benign(remark):
            return NOT_A_VOTE
    return VoteReading("vote", (found.pop(),))
