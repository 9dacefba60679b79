"""Typed votes on a consent ballot (one motion: 1 赞成, 2 反对, 3 弃权): the clauses of a message read as one stance —
同意 / 坚决反对 / 弃权, the yes-words 可以, 中, 要得, the ballot's number (2, 投2), 我已经点了赞成 — with what may stand
beside it (a concern or a reason after a stance said outright, the voter's home, someone else's stance beside one's
own). votes.py splits the message into clauses and decides which of them carry the vote; the shapes are in
_vote_forms.py, what may stand beside them in _vote_asides.py."""

from __future__ import annotations

import re

from council.language._text import cn_to_int
from council.language._vote_asides import (
    ALIKE,
    ALONG,
    ANOTHER_BALLOT,
    NUDGE,
    OWN,
    REPORT,
    SLIPPED,
    THEIRS,
    VOIDED,
    benign,
    concern,
    for_now,
    reason,
    remark,
)
from council.language._vote_forms import (
    ABSTAIN,
    AGREE_CLAUSES,
    ANY_STANCE,
    CONSENT_CLAUSES,
    CONSENT_NUMBER,
    CONSENT_OFF,
    DENIED,
    GRANTED,
    ME,
    NEITHER,
    NO,
    NO_OBJECTION,
    NOT_AGAINST,
    YES,
)


def read_consent(parts: list[str]) -> tuple[str, tuple[int, ...]] | None:
    """The kind ("vote" or "off_ballot") and the stance a consent ballot's message reads as; None when it is no vote."""
    found: set[int] = set()
    remarks: list[str] = []
    withdrawn: set[int] = set()
    alike: set[int] = set()  # the stance of neighbours who vote as the voter does
    denied: set[int] = set()  # 不弃权, 不是反对: beside the stance the voter takes
    reported = own = neither = explicit = another = not_against = False
    skip = False
    for i, part in enumerate(parts):
        if skip:
            skip = False
            continue
        if i + 1 < len(parts) and NEITHER.match(part + parts[i + 1]):
            neither = skip = True  # 我不反对，也不赞成，弃权吧: said across a comma
            continue
        # 1 赞成 / 2 反对 / 3 弃权: the number of the stance in the ballot's order, beside the stance itself.
        numbered = re.match(rf"^(?:{ME})?(?:投|选|选择)?([1-3])号?(?=\D)", part)
        value = stance(part[numbered.end():] if numbered else part)
        if (denial := DENIED.match(part)) and not numbered:
            denied.add(ABSTAIN if denial.group("abstain") else stance(denial.group("stance")))
            continue
        if (granted := GRANTED.match(part)) and not numbered:
            value = stance(granted.group("stance"))  # 同意是同意: the stance said outright, a worry to follow
        if NO_OBJECTION.match(part):
            not_against = True  # 没意见，赞成: beside a stance said outright; alone it is asked about
        elif value is not None:
            if numbered and int(numbered.group(1)) != value:
                return None
            found.add(value)
            own = own or bool(OWN.match(part))
            explicit = True
        elif part in ("1", "2", "3") and i + 1 < len(parts) and stance(parts[i + 1]) == int(part):
            continue
        elif (value := consent_value(part)) is not None:
            found.add(value)  # 可以, 中, 要得 / 不行; 2, 选1 (the ballot's order)
            own = own or bool(OWN.match(part))
        elif (off := CONSENT_OFF.match(part)) and len(parts) == 1:
            return "off_ballot", (int(off.group("n")),)  # 投5: the ballot has 1-3 only
        elif (voided := VOIDED.match(part) or SLIPPED.match(part)) and not voided.group("refs"):
            void = voided.group("stance")  # 反对，之前的赞成作废 / 刚才手滑点了赞成: that stance is not the vote
            if void:
                withdrawn.add(NO if void in ("反对", "不同意") else ABSTAIN if void == "弃权" else YES)
        elif REPORT.match(part) or THEIRS.match(part):
            reported = True
        elif ANOTHER_BALLOT.match(part):
            another = True  # 上次那个议题我投的反对: beside a stance said outright
        elif (same := ALIKE.match(part)) and (value := stance(same.group("vote"))) is not None:
            alike.add(value)  # 投反对，10号楼那边的也都不同意
        elif NEITHER.match(part):
            neither = True
        elif NOT_AGAINST.match(part):
            not_against = True  # 不反对，我投赞成: beside a stance said outright
        else:
            remarks.append(part)
    if len(found) != 1 or found & withdrawn or (reported and not own) or (neither and found != {ABSTAIN}) \
            or (not_against and NO in found):
        return None
    if (alike and (alike != found or not explicit)) or ((another or not_against or denied) and not explicit) \
            or found & denied:
        return None
    for extra in remarks:
        if (ALONG.match(extra) or NUDGE.match(extra)) and explicit and own:
            continue  # 同意楼上，我也赞成: the voter's own stance, said to match the post above
        # only after a stance said outright
        beside = explicit and (concern(extra) or reason(extra) or remark(extra, own=own) or for_now(parts, extra))
        if ANY_STANCE.search(extra) or not (benign(extra) or beside):
            return None
    return "vote", (found.pop(),)


def stance(part: str) -> int | None:
    return next((value for value, pattern in CONSENT_CLAUSES if pattern.match(part)), None)


def consent_value(part: str) -> int | None:
    """A clause that is a consent vote by itself: a stance word, a yes-word (可以, 中, 要得) or the ballot's number."""
    value = stance(part)
    if value is None:
        value = next((v for v, pattern in AGREE_CLAUSES if pattern.match(part)), None)
    if value is None and (number := CONSENT_NUMBER.match(part)):
        value = cn_to_int(number.group("n"))
    return value
