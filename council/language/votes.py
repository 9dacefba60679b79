"""Free-text votes typed in the chat while a ballot is open: 投2, 二号, 第二个, ②, 3号+1, 1和3都行, 同意, 坚决反对 …

Precision first (SPEC §6: a wrongly counted vote costs more trust than a missed one). A message is a vote only when
every clause of it is either a vote in one of the shapes residents use (in dialect too: 阿拉投2号, 额选二号, 我揀3號),
or a short harmless remark (谢谢, 早点装上, 不用花钱, 我家302, 跟大家一样); anything with a question, a condition, a
contrast, another person, a negated vote verb or a number that belongs to a building, floor, time or date is left
alone. Three exceptions, each with the author's own vote in the message: a contrast that turns to it (2号也不错，
不过我还是投1), a change of mind (刚才点了1，改成3号), someone else's vote beside it (我老伴投的2，我投3); and a
reason that rules another option out may name it (投2号，1号要涨价). No jieba: this runs before the
dictionary is loaded. The shapes live in _vote_forms.py; asking about unsure messages in vote_guess.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from council.language._vote_forms import (  # noqa: F401 - CHOICE … ABSTAIN are part of this module's interface
    ABSTAIN,
    ANY_STANCE,
    APPROVAL,
    CHANGE,
    CHOICE,
    CHOICE_CLAUSES,
    CLAUSES,
    CONSENT,
    CONSENT_CLAUSES,
    CONTRAST,
    CRITIC,
    MAX_BARE,
    MAX_CHARS,
    NEITHER,
    NO,
    OWN,
    PARTICLES,
    PREVIOUS,
    QUESTION,
    REFS,
    REPORT,
    SELF_INTRO,
    SUBJ_ADV,
    TURN,
    TURN_BLOCK,
    TURN_OTHERS,
    WEAK_CLAUSES,
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
    parts = deciding_clauses([part for part in CLAUSES.split(body) if part])
    if not parts:
        return NOT_A_VOTE
    if method == CONSENT:
        return _read_consent(parts)
    return _read_choice(parts, method, options)


def deciding_clauses(parts: list[str]) -> list[str]:
    """The clauses that carry the vote. After a turn to one's own choice (2号也不错，不过我还是投1) the turn and
    what follows; after a change (刚才手滑点了1，改成3号) the change and what follows. Otherwise all of them."""
    parts = [piece for part in parts for piece in TURN.split(part) if piece]
    for i in range(len(parts) - 1, 0, -1):
        turn = CONTRAST.match(parts[i]) if TURN.match(parts[i]) else None
        if turn:
            before = "".join(parts[:i])
            if TURN_BLOCK.search(before) or (TURN_OTHERS.search(before) and not OWN.match(turn.group("rest"))):
                return parts
            return [turn.group("rest"), *parts[i + 1:]]
    change = next((i for i, part in enumerate(parts) if i and CHANGE.match(part)), None)
    if change is not None and all(PREVIOUS.match(part) for part in parts[:change]):
        return parts[change:]
    return parts


# 不选1，选4: a clause that rules one option out may stand beside a clause that votes for another.
_RULED_OUT = re.compile(rf"^{SUBJ_ADV}(?:不|不会)(?:选|投|要|支持){REFS}{PARTICLES}$")


def _first_refs(patterns, part: str) -> str | None:
    for pattern in patterns:
        match = pattern.match(part)
        if match:
            return match.group("refs")
    return None


def _read_choice(parts: list[str], method: str, options) -> VoteReading:
    chosen: list[int] = []
    also: list[int] = []  # from clauses that count only beside a vote: 2号也可以
    ruled_out: list[int] = []
    bare_only = True
    reported = own = False  # someone else's vote in the message; a vote that is the author's own (我投3)
    for part in parts:
        if SELF_INTRO.match(part):
            continue
        out = _RULED_OUT.match(part) or CRITIC.match(part)
        if out:
            ruled_out.extend(numbers(out.group("refs")))
            continue
        if REPORT.match(part):
            reported = True
            continue
        refs = _first_refs(CHOICE_CLAUSES, part)
        if refs is not None:
            bare_only = bare_only and part.isdigit()
            own = own or bool(OWN.match(part))
            chosen.extend(numbers(refs))
            continue
        refs = _first_refs(WEAK_CLAUSES, part)
        if refs is not None:
            also.extend(numbers(refs))
        elif not benign(part):
            return NOT_A_VOTE
    if not chosen or set(chosen + also) & set(ruled_out) or (reported and not own):
        return NOT_A_VOTE
    distinct = tuple(sorted(set(chosen + also)))
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
    reported = own = neither = False
    for i, part in enumerate(parts):
        # 1 赞成 / 2 反对 / 3 弃权: the number of the stance in the ballot's order, beside the stance itself.
        numbered = re.match(r"^([1-3])号?(?=\D)", part)
        value = _stance(part[numbered.end():] if numbered else part)
        if value is not None:
            if numbered and int(numbered.group(1)) != value:
                return NOT_A_VOTE
            found.add(value)
            own = own or bool(OWN.match(part))
        elif part in ("1", "2", "3") and i + 1 < len(parts) and _stance(parts[i + 1]) == int(part):
            continue
        elif REPORT.match(part):
            reported = True
        elif NEITHER.match(part):
            neither = True
        else:
            remarks.append(part)
    if len(found) != 1 or (reported and not own) or (neither and found != {ABSTAIN}):
        return NOT_A_VOTE
    for remark in remarks:
        if ANY_STANCE.search(remark) or not benign(remark):
            return NOT_A_VOTE
    return VoteReading("vote", (found.pop(),))


def _stance(part: str) -> int | None:
    return next((value for value, pattern in CONSENT_CLAUSES if pattern.match(part)), None)
