"""Free-text votes typed in the chat while a ballot is open: 投2, 二号, 第二个, ②, 3号+1, 1和3都行, 同意, 坚决反对 …

Precision first (SPEC §6: a wrongly counted vote costs more trust than a missed one). A message is a vote only when
every clause of it is either a vote in one of the shapes residents use (in dialect too: 阿拉投2号, 额选二号, 我揀3號,
中, 要得, 我勿同意; an opinion that calls one option the good one: 还是三号好一点), or a short harmless remark (谢谢,
早点装上, 我家302, 跟大家一样, 明天10点前还能改吗); anything with a question about something else, a condition, a
contrast, another person, a negated vote verb or a number that belongs to a building, floor, time or date is left
alone. Exceptions, each with the author's own vote in the message: a contrast that turns to it (2号也不错，不过我还是
投1), a change of mind or a retraction (刚才点了1，改成3号 / 投1，不对，手滑，我要投4), a forced choice (1和3都行，
非要选一个的话选3), someone else's vote or instruction beside it (我老伴投的2，我投3 / 老婆让我投1，我自己投3), a
concern or a reason after a plain vote (同意，不过执行要跟上 / 一号 理由：不用大家出钱); a reason that rules other
options out may name them (投2号，1号要涨价 / 选一号，其他几个都不现实 / 三号方案我不同意); a vote cast for now
(先投反对，等物业把账公开了再说); on approval an exception after 都支持 (都支持，除了第4条). A slip with nothing in
its place (投2，投错了) takes the vote back; 选最后一个 names a place on the ballot's list; a long message (the story,
then 所以我投1) is read by its closing vote. No jieba: this runs before the dictionary is loaded. Here: the message cut
into clauses and the clauses that decide; they are read in _vote_choice.py (choice and approval ballots) or
_vote_consent.py (consent). The shapes live in _vote_forms.py, what may stand beside them in _vote_asides.py; asking
about unsure messages in vote_guess.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from council.language._vote_asides import (
    CHANGE,
    CONTRAST,
    CORRECTED,
    CORRECTION,
    DELIBERATED,
    FORCED,
    MIND_CHANGED,
    OWN,
    PREVIOUS,
    RETRACT,
    TURN,
    TURN_BLOCK,
    TURN_OTHERS,
    WEIGHED,
    WITHDRAWN,
    agreed_at_home,
    clauses,
    procedure,
    remark,
)
from council.language._vote_choice import REMOVED, choice_refs, read_choice
from council.language._vote_consent import consent_value, read_consent
from council.language._vote_forms import (
    CONSENT,
    MAX_CHARS,
    MAX_TYPED,
    bare_numeral,
    canonical,
    numbers,
    positions,
    ranges,
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
    if not raw or len(raw) > MAX_TYPED:
        return NOT_A_VOTE
    body = canonical(raw)
    if not body:
        return NOT_A_VOTE
    listed = _numbered_list(body)
    if listed:
        body = _LIST_ITEM.sub(lambda item: "" if item.group("after") else "，", body)
    if listed or len(body) > MAX_CHARS:
        closing = _closing_vote(body, method, options)
        if closing.kind != "none" or len(body) > MAX_CHARS:
            return closing  # (我投3号，原因：1.省钱 2.省事 is read as the short message it is)
    if method != CONSENT:
        body = ranges(positions(bare_numeral(body, options), options))
    parts = _clauses_asking_only_about_the_ballot(body)
    if not parts:
        return NOT_A_VOTE
    if _ASKS_TO_CHANGE.search(parts[-1]) and procedure(parts[-1]) and any(_CAST.search(p) for p in parts[:-1]):
        return NOT_A_VOTE  # 选了1号还能改吗？: a vote cast before, and whether it can be changed
    parts = agreed_at_home(parts)
    if CORRECTION.match(parts[-1]) and any(RETRACT.match(part) for part in parts[1:-2]):
        parts = parts[:-1]  # 投1号，不对，是2号，1号是收费那个，我看岔了: the slip explained, after its correction
    if MIND_CHANGED.match(parts[-1]) and any(CHANGE.match(part) for part in parts[:-1]):
        parts = parts[:-1]  # 改成1号吧，我想通了: why the vote changed, said after it
    if RETRACT.match(parts[-1]) or CORRECTION.match(parts[-1]):
        return NOT_A_VOTE  # 投1，不对 / 投2，投错了: taken back, and nothing in its place
    parts = deciding_clauses(parts, consent_value if method == CONSENT else choice_refs)
    if method == CONSENT:
        return _read_consent(parts)
    read = read_choice([bare_numeral(part, options, led=True) for part in parts], method, options)
    return VoteReading(*read) if read else NOT_A_VOTE


# 选了1号还能改吗？: a question about changing a vote, after the vote said as cast before (选了, 投过): the voter weighs
# a change, she does not vote (选二号，明天10点前还能改吗？ keeps its vote).
_ASKS_TO_CHANGE = re.compile(r"改|换|撤回|重投")
_CAST = re.compile(r"(?:投|选|点)(?:了|过)")


# 我说两句哈，这个事拖了好久了，……所以我选2号: a long message (the story, then the vote) is read by its closing
# vote: the last clause that votes by itself, said by the sender (我…, 就选⑤, 所以…, on consent a stance alone), with
# what follows it. Not when the message asks, sets a condition, or answers another post or proposal (张姐说的…，我同意;
# 我们楼上个月 is the building, last month).
_CLOSING_LEAD = re.compile(r"^(?:所以|那么|那就|因此|总之|反正)(?=.)")
_CLOSING_OWN = re.compile(r"我|俺|咱|本人|阿拉|^(?:最后|最终|那|那就)?(?:就|还是)")
_CLOSING_VERB = re.compile(r"^(?:就|那就)?(?:投|选)")
_CLOSING_BLOCK = re.compile(r"[?？]|吗|如果|要是|假如|万一|的话|除非|楼上(?!个月|个星期|礼拜|周|次|回)|"
                            r"说的|说得|讲的|讲得|提的|提议|建议|观点|看法")


# 选4号的理由：1. 不扰民 2. 花钱少 3. 见效快。所以我投4号: reasons numbered 1, 2, 3 … (their numbers are no
# options), then the vote: read by its closing vote, as a long message is.
_LIST_ITEM = re.compile(r"(?:^|(?<=[\s,，。;；])|(?P<after>(?<=[:：是])))(?<![\d.])(?P<n>[1-9])\s*[.、)）]\s*"
                        r"(?=[\u4e00-\u9fff])")


def _numbered_list(body: str) -> bool:
    found = [int(item.group("n")) for item in _LIST_ITEM.finditer(body)]
    return len(found) >= 2 and found == list(range(1, len(found) + 1))


def _closing_vote(body: str, method: str, options) -> VoteReading:
    if _CLOSING_BLOCK.search(body):
        return NOT_A_VOTE
    parts = clauses(body)
    votes_alone = consent_value if method == CONSENT else choice_refs
    for i in range(len(parts) - 1, 0, -1):
        clause = _CLOSING_LEAD.sub("", parts[i])
        if votes_alone(clause) is None:
            continue
        # 我家老人多，还是求稳，投3号吧: a vote verb, right after the sender's own clause, is the sender's
        own_before = _CLOSING_VERB.match(clause) and _CLOSING_OWN.search(parts[i - 1])
        if not _CLOSING_OWN.search(clause) and not own_before and not (method == CONSENT and len(clause) <= 4):
            return NOT_A_VOTE  # 2号 at the end of a story may name what the story was about
        tail = "，".join([clause, *parts[i + 1:]])
        return read_vote(tail, method, options) if len(tail) <= MAX_CHARS else NOT_A_VOTE
    return NOT_A_VOTE


def _clauses_asking_only_about_the_ballot(body: str) -> list[str] | None:
    """The message's clauses; None when a question mark asks about anything but the ballot itself (2号？, 同意吗？,
    第二个方案不错，但是钱谁出？). 选二号，明天10点前还能改吗？ keeps its vote."""
    parts: list[str] = []
    for segment in re.split(r"(?<=\?)", body.replace("？", "?")):
        pieces = clauses(segment.rstrip("?"))
        # 同意，什么时候开始执行？ a question about carrying out the vote, after it
        own = bool(OWN.match((parts or pieces or [""])[0]))  # 我赞成，今天下午3点还开会吗？ (the reader decides)
        asked_after = bool(parts or len(pieces) > 1) and bool(pieces) and remark(pieces[-1], asked=True, own=own)
        if segment.endswith("?") and (not pieces or not (procedure(pieces[-1]) or asked_after)):
            return None
        parts.extend(pieces)
    return parts


def deciding_clauses(parts: list[str], votes_alone=None) -> list[str]:
    """The clauses that carry the vote. After a turn to one's own choice (2号也不错，不过我还是投1) the turn and
    what follows; after a forced choice (1和3都行，非要选一个的话选3) what it chooses; after a change or a
    retraction (刚才手滑点了1，改成3号 / 投1，不对，投3 / 点错了，应该是3号) the new vote. Otherwise all of them."""
    parts = [piece for part in parts for piece in TURN.split(part) if piece]
    for i in range(len(parts) - 1, 0, -1):
        turn = CONTRAST.match(parts[i]) if TURN.match(parts[i]) else None
        if turn:
            before = "".join(parts[:i])
            if TURN_BLOCK.search(before) or (TURN_OTHERS.search(before) and not OWN.match(turn.group("rest"))):
                return parts
            return [turn.group("rest"), *parts[i + 1:]]
    for i, part in enumerate(parts):
        forced = FORCED.match(part)
        if forced and (forced.group("rest") or i + 1 < len(parts)):
            before = "".join(parts[:i])
            if TURN_BLOCK.search(before) or TURN_OTHERS.search(before):
                return parts
            return [forced.group("rest"), *parts[i + 1:]] if forced.group("rest") else parts[i + 1:]
    for i in range(len(parts) - 1, 0, -1):
        taken_back = RETRACT.match(parts[i - 1]) or CORRECTION.match(parts[i - 1])
        if not (taken_back or CHANGE.match(parts[i])):
            continue
        # what came before: the old vote, taken back, or what made the voter think again (看了大家说的, 考虑了两天)
        earlier = all(PREVIOUS.match(p) or RETRACT.match(p) or CORRECTION.match(p) or WEIGHED.match(p)
                      or DELIBERATED.match(p) or (votes_alone is not None and votes_alone(p) is not None)
                      for p in parts[:i])
        if not earlier:
            return parts
        if kept := _kept_beside(parts, i, votes_alone):
            return kept
        corrected = CORRECTED.match(parts[i]) if taken_back or PREVIOUS.match(parts[i - 1]) else None
        return [corrected.group("rest") if corrected else parts[i], *parts[i + 1:]]
    return parts


def _kept_beside(parts: list[str], i: int, votes_alone) -> list[str] | None:
    """改一下，只投3号，1号不要了: an option withdrawn last, after votes, leaves the others standing (the votes and the
    withdrawal, which _vote_choice.py takes off them: 投1和3，算了3不要了 is 1; None when nothing would be left)."""
    withdrawn = WITHDRAWN.match(parts[i]) or REMOVED.match(parts[i])
    added = parts[i + 1:]  # 投1和2，2号不要了，3号吧: votes after it add to what is left
    if votes_alone is None or not withdrawn or not all(isinstance(votes_alone(part), str) for part in added):
        return None
    kept = [part for part in parts[:i] if isinstance(votes_alone(part), str)]  # a choice's refs, not a stance
    named = {n for part in kept for n in numbers(votes_alone(part))}
    return [*kept, parts[i], *added] if kept and named - set(numbers(withdrawn.group("refs"))) else None


def _read_consent(parts: list[str]) -> VoteReading:
    read = read_consent(parts)
    return VoteReading(*read) if read else NOT_A_VOTE
