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
its place (投2，投错了) takes the vote back; 选最后一个 names a place on the ballot's list. No jieba: this runs
before the dictionary is loaded. Here: the message cut into clauses, the clauses that decide, and a choice or approval
ballot read; a consent ballot's clauses are read in _vote_consent.py. The shapes live in _vote_forms.py, what may
stand beside them in _vote_asides.py; asking about unsure messages in vote_guess.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from council.language._vote_asides import (
    ABOVE_RIGHT,
    ALIKE,
    ANOTHER_BALLOT,
    CHANGE,
    CONCEDE,
    CONTRAST,
    CORRECTED,
    CORRECTION,
    DELIBERATED,
    EARLIER,
    FORCED,
    OWN,
    PREVIOUS,
    REPORT,
    RETRACT,
    SELF_INTRO,
    TURN,
    TURN_BLOCK,
    TURN_OTHERS,
    VOIDED,
    WEIGHED,
    WITHDRAWN,
    benign,
    clauses,
    concern,
    for_now,
    procedure,
    reason,
    remark,
)
from council.language._vote_consent import consent_value, read_consent
from council.language._vote_forms import (
    ALL_BUT,
    ALL_OPTIONS,
    APPROVAL,
    CHOICE,
    CHOICE_CLAUSES,
    CONSENT,
    CRITIC,
    FIRST_FEW,
    HURRY,
    LEANING,
    MAX_BARE,
    MAX_CHARS,
    MAX_TYPED,
    ME,
    OPINE_GOOD,
    OPINION_CLAUSES,
    OTHERS_OUT,
    PARTICLES,
    REFS,
    SUBJ_ADV,
    VIRTUE,
    WEAK_CLAUSES,
    bare_numeral,
    canonical,
    cn_to_int,
    numbers,
    positions,
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
    if not body or len(body) > MAX_CHARS:
        return NOT_A_VOTE
    if method != CONSENT:
        body = positions(bare_numeral(body, options), options)
    parts = _clauses_asking_only_about_the_ballot(body)
    if not parts:
        return NOT_A_VOTE
    if RETRACT.match(parts[-1]) or CORRECTION.match(parts[-1]):
        return NOT_A_VOTE  # 投1，不对 / 投2，投错了: taken back, and nothing in its place
    parts = deciding_clauses(parts, consent_value if method == CONSENT else _choice_refs)
    if method == CONSENT:
        return _read_consent(parts)
    return _read_choice([bare_numeral(part, options, led=True) for part in parts], method, options)


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
    """改一下，只投3号，1号不要了: an option withdrawn last, after votes for others, leaves those votes standing (the
    votes and the withdrawal; None when the withdrawal takes back an option those votes name)."""
    withdrawn = WITHDRAWN.match(parts[i]) or _REMOVED.match(parts[i])
    if votes_alone is None or not withdrawn or i != len(parts) - 1:
        return None
    kept = [part for part in parts[:i] if isinstance(votes_alone(part), str)]  # a choice's refs, not a stance
    named = {n for part in kept for n in numbers(votes_alone(part))}
    return [*kept, parts[i]] if kept and not named & set(numbers(withdrawn.group("refs"))) else None


# 不选1，选4: a clause that rules one option out may stand beside a clause that votes for another; so may one that
# rejects it, object first (我支持四号方案，三号方案我不同意), or takes it off one's list (想想还是把2去掉，就1).
# 赞成1、3，反对2: an option opposed, verb first.
_RULED_OUT = re.compile(rf"^{SUBJ_ADV}(?:(?:不|不会|别|不要|千万别)(?:选|投|要|支持)|反对|不同意|不赞成){REFS}"
                        rf"(?:那个|这个|那条)?{PARTICLES}$")  # 投4，别投3那个啊: canvassing against another option
_REJECTED = re.compile(rf"^{REFS}(?:方案)?(?:{ME})?(?:是|就|坚决|肯定|绝对|也)*"
                       rf"(?:不同意|不支持|不赞成|反对|不选|不投|不要)(?:的)?{PARTICLES}$")
_REMOVED = re.compile(rf"^(?:想想|想了想|算了|那就)?(?:我)?(?:还是)?把{REFS}(?:方案)?(?:去掉|删掉|拿掉|划掉|撤掉|去了)"
                      r"(?:吧|了|啦)*$")
# 四个方案都挺好: praise of every option, beside 都支持 on an approval ballot.
# 4不行要花太多钱: an option ruled out, with the reason.
_CRITIC_HEAD = re.compile(CRITIC.pattern.removesuffix("$"))
_ALL_PRAISE = re.compile(rf"^(?:这)?(?:\d个)?(?:方案|选项|建议)?(?:都|全都)(?:挺好|不错|很好|好|可以|行|挺不错)(?:的)?"
                         rf"{PARTICLES}$")


# 投4，别投3，3要砍树的: why an option ruled out in an earlier clause is out (nothing in it for any option).
_OUT_BECAUSE = re.compile(rf"^{REFS}(?:方案|那个)?(?P<rest>.{{2,16}})$")
_OUT_BECAUSE_BLOCK = re.compile(r"\d|#|[?？]|吗|呢|投|选|支持|同意|赞成|(?<!不)(?:好|行)|不错|可以|靠谱|合适|划算|实在")
# 上周五就投了二号，再说一遍还是二号: one's own earlier vote, said beside the same vote now (counts only beside an
# explicit vote for that same option).
_PAST_OWN = re.compile(rf"^{ME}?(?:上周[一二三四五六日天末]?|上个?星期[一二三四五六日天]?|周[一二三四五六日天]|"
                       r"星期[一二三四五六日天]|前几天|前两天|昨天|前天|昨晚|今天|早上|上午|中午|下午|之前|刚才|那天)?"
                       rf"(?:就|已经|早就|都)*(?:投了|选了|投的|选的|投过|选过|点了|点的)(?:是)?{REFS}(?:了|的)*$")
# 我选1号。3号也还行，但是1号更好: a nod to another option, then the voter's own said again as the better one.
_REAFFIRMED = re.compile(rf"^(?:但是|但|不过|可是)(?:我)?(?:还是)?(?:觉得)?{REFS}(?:方案)?(?:还是)?"
                         r"(?:更好|最好|好一点|好一些|好些|更合适|最合适|更靠谱|最靠谱|更实在|更划算|更实用|更合理|最合理)"
                         rf"{PARTICLES}$")
# 1号2号都不错，都投: "both", the options the clause before named (on approval; 全选, 全都投 are every option).
_THOSE = re.compile(r"^(?:我)?(?:也)?都(?:投|选|支持|要|同意|赞成)(?:吧|了|啦)*$")
_ADDED = WEAK_CLAUSES[-1]  # 再加个2号
_EXCEPT = re.compile(rf"^除了?{REFS}(?:以外|之外)?{PARTICLES}$")  # 都支持，除了第4条: the exception said after


def _first_refs(patterns, part: str) -> str | None:
    for pattern in patterns:
        match = pattern.match(part)
        if match:
            return match.group("refs")
    return None


def _choice_refs(part: str) -> str | None:
    return _first_refs(CHOICE_CLAUSES, part) or _first_refs(OPINION_CLAUSES, part)


def _every_option(part: str, method: str, options) -> list[int] | None:
    """全选, 四个都支持 (every option), 前三个都支持 (the first few), 除了2号都行 (all but those named): on an
    approval ballot only."""
    few = FIRST_FEW.match(part)  # first: 最后两个都支持 is the last two, not 最后 (finally) 两个都支持
    if few:
        count = cn_to_int(few.group("pre_n") or few.group("end_n"))
        if method != APPROVAL or not count or count > len(options):
            return []  # on choice it is no one option; 前五个 of four is a slip
        ordered = sorted(options)
        return ordered[:count] if (few.group("pre") or few.group("end")) == "前" else ordered[-count:]
    whole = ALL_OPTIONS.match(part)
    if whole:
        count = whole.group("count")
        if method != APPROVAL or (count and cn_to_int(count) != len(options)):
            return []
        return list(options)
    but = ALL_BUT.match(part)
    if but:
        left = [n for n in options if n not in set(numbers(but.group("refs")))]
        return left if method == APPROVAL and len(left) < len(options) else []
    return None


def _read_choice(parts: list[str], method: str, options) -> VoteReading:
    chosen: list[int] = []
    named: list[int] = []  # the options of the clause before, when it voted for them
    reaffirmed: list[int] = []
    also: list[int] = []  # from clauses that count only beside a vote: 2号也可以
    ruled_out: list[int] = []
    supports: list[int] = []  # a reason that praises the option voted for
    bare_only = True
    reported = own = explicit = aside = asked = every = praise_all = False
    skip = False
    for i, part in enumerate(parts):
        before, named = named, []
        if skip:
            skip = False
            continue
        if SELF_INTRO.match(part):
            continue
        out = (_RULED_OUT.match(part) or _REJECTED.match(part) or _REMOVED.match(part) or WITHDRAWN.match(part)
               or CRITIC.match(part) or _CRITIC_HEAD.match(part))
        if out and (out.end() == len(part) or remark(part[out.end():])):
            ruled_out.extend(numbers(out.group("refs")))
            continue
        if OTHERS_OUT.match(part):
            continue
        if voided := VOIDED.match(part):
            ruled_out.extend(numbers(voided.group("refs")))  # 之前投的2作废: no longer chosen
            continue
        earlier = EARLIER.match(part)
        if earlier and method == APPROVAL and any(_ADDED.match(later) for later in parts[i + 1:]):
            chosen.extend(numbers(earlier.group("refs")))  # 本来只选1，再加个3吧: kept, and 3 with it
            bare_only, explicit = False, True
            continue
        if REPORT.match(part):
            reported = True
            continue
        if ANOTHER_BALLOT.match(part):
            aside = True
            continue
        alike = ALIKE.match(part)
        if alike and (refs := _choice_refs(alike.group("vote"))) is not None:
            supports.extend(numbers(refs))  # 选3号，大家也都投3吧
            continue
        if method == APPROVAL and len(before) > 1 and _THOSE.match(part):
            continue  # 1号2号都不错，都投: those two
        whole = _every_option(part, method, options)
        if whole is None and part.startswith("除") and i + 1 < len(parts):
            whole = _every_option(part + parts[i + 1], method, options)
            skip = whole is not None
        elif whole and i + 1 < len(parts) and (exception := _EXCEPT.match(parts[i + 1])):
            whole = [n for n in whole if n not in set(numbers(exception.group("refs")))]
            skip = True
        if whole is not None:
            if not whole:
                return NOT_A_VOTE
            chosen.extend(whole)
            bare_only, explicit, every = False, True, True
            continue
        refs = _first_refs(CHOICE_CLAUSES, part)
        strong = refs is not None
        refs = refs if strong else _first_refs(OPINION_CLAUSES, part)
        if refs is not None:
            bare_only = bare_only and part.isdigit()
            own = own or bool(OWN.match(part))
            explicit = explicit or strong
            chosen.extend(numbers(refs))
            named = numbers(refs)
            continue
        refs = _first_refs(WEAK_CLAUSES, part)
        if refs is not None:
            also.extend(numbers(refs))
        elif method == CHOICE and CONCEDE.match(part):
            aside = True  # 2号，不过4号也不错: a nod to another option, not a vote for it
        elif _ALL_PRAISE.match(part):
            praise_all = True
        elif concern(part) or reason(part) or for_now(parts, part):
            aside = True
        elif benign(part):
            continue
        elif remark(part) or ABOVE_RIGHT.match(part):
            aside = True  # 我选1号，10号前能弄好不 / 选1，楼上说的有道理: only beside an explicit vote
        elif remark(part, own=True):
            asked = True  # 我选2号，明天开会吗: only beside the voter's own explicit vote
        elif support := (OPINE_GOOD.match(part) or LEANING.match(part) or HURRY.match(part) or VIRTUE.match(part)
                         or _PAST_OWN.match(part)):
            supports.extend(numbers(support.group("refs")))  # 改投3号，刚看了大家的理由觉得3号更好
        elif again := _REAFFIRMED.match(part):
            supports.extend(numbers(again.group("refs")))
            reaffirmed.extend(numbers(again.group("refs")))
        elif (out := _OUT_BECAUSE.match(part)) and ruled_out and set(numbers(out.group("refs"))) <= set(ruled_out) \
                and not _OUT_BECAUSE_BLOCK.search(out.group("rest")):
            continue  # 3要砍树的, after 别投3
        else:
            return NOT_A_VOTE
    if supports and (not explicit or not set(supports) <= set(chosen)):
        return NOT_A_VOTE
    if method == CHOICE and reaffirmed:
        also = []  # 3号也还行，但是1号更好: the nod to 3 is no vote for it
    if not chosen or set(chosen + also) & set(ruled_out) or (reported and not own):
        return NOT_A_VOTE
    if (aside and not explicit) or (asked and not (explicit and own)) or (praise_all and not every):
        return NOT_A_VOTE  # 2号不错，但太贵: a "but" after an opinion is discussion
    distinct = tuple(sorted(set(chosen + also)))
    if bare_only and any(n > MAX_BARE for n in distinct):
        return NOT_A_VOTE  # 88, 110, 666: not ballot numbers
    if method == APPROVAL and not bare_only:
        distinct = _digits_run_together(distinct, options)
    if any(n <= 0 or n > 99 for n in distinct):
        return NOT_A_VOTE
    if len(distinct) > 1 and method != APPROVAL:
        return NOT_A_VOTE  # 1和3都行 on a single-choice ballot: ambiguous
    off = tuple(n for n in distinct if n not in set(options))
    if off:
        return VoteReading("off_ballot", off)
    return VoteReading("vote", distinct)


def _digits_run_together(found: tuple[int, ...], options) -> tuple[int, ...]:
    """我选124 on an approval ballot of four: options 1, 2 and 4 typed without a separator."""
    if max(options, default=0) > 9:
        return found
    read: set[int] = set()
    for n in found:
        digits = [int(d) for d in str(n)]
        split = (n not in set(options) and len(digits) > 1 and digits == sorted(set(digits))
                 and set(digits) <= set(options))
        read.update(digits if split else [n])
    return tuple(sorted(read))


def _read_consent(parts: list[str]) -> VoteReading:
    read = read_consent(parts)
    return VoteReading(*read) if read else NOT_A_VOTE
