"""A choice or approval ballot read from the clauses of a typed message that decide (votes.py picks them): votes
for options (投2, 二号, 1和3都行), options ruled out beside them (不选1，选4 / 3号太贵), every option or all but some
on approval (全选, 除了2号都行), and what may stand beside a vote only when it agrees with it (a reason that praises the
option voted for, one's own earlier vote said again). The shapes live in _vote_forms.py, what may stand beside them in
_vote_asides.py."""

from __future__ import annotations

import re

from council.language._text import cn_to_int
from council.language._vote_asides import (
    ABOVE_RIGHT,
    ALIKE,
    ANOTHER_BALLOT,
    CONCEDE,
    EARLIER,
    NUDGE,
    OWN,
    REPORT,
    SELF_INTRO,
    THEIRS,
    VOIDED,
    WITHDRAWN,
    benign,
    concern,
    for_now,
    reason,
    remark,
)
from council.language._vote_forms import (
    _REF,
    _SEP,
    ALL_BUT,
    ALL_OPTIONS,
    APPROVAL,
    CHOICE,
    CHOICE_CLAUSES,
    CRITIC,
    FIRST_FEW,
    HURRY,
    LEANING,
    MAX_BARE,
    ME,
    OPINE_GOOD,
    OPINION_CLAUSES,
    OTHERS_OUT,
    PARTICLES,
    REFS,
    SUBJ_ADV,
    VIRTUE,
    WEAK_CLAUSES,
    numbers,
)

# 不选1，选4: a clause that rules one option out may stand beside a clause that votes for another; so may one that
# rejects it, object first (我支持四号方案，三号方案我不同意), or takes it off one's list (想想还是把2去掉，就1).
# 赞成1、3，反对2: an option opposed, verb first.
_RULED_OUT = re.compile(rf"^{SUBJ_ADV}(?:(?:不|不会|别|不要|千万别)(?:选|投|要|支持)|反对|不同意|不赞成|不是){REFS}"
                        rf"(?:那个|这个|那条)?{PARTICLES}$")  # 投4，别投3那个啊: canvassing against another option
# 1号要花钱的不选, 1号要砍树我不同意: rejected with the reason in front (not someone else's: 3号方案我老公不同意).
_REJECTED = re.compile(rf"^{REFS}(?:方案)?(?:(?:(?![我他她妈爸老])[\u4e00-\u9fff]){{1,6}}?的?)?(?:{ME})?"
                       r"(?:是|就|坚决|肯定|绝对|也)*"
                       rf"(?:不同意|不支持|不赞成|反对|不选|不投|不要)(?:的)?{PARTICLES}$")
REMOVED = re.compile(rf"^(?:想想|想了想|算了|那就)?(?:我)?(?:还是)?把{REFS}(?:方案)?(?:去掉|删掉|拿掉|划掉|撤掉|去了)"
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
# 1和3纠结了半天，最后还是1: the options weighed, before the one chosen (only beside an explicit vote).
_WAVERED = re.compile(rf"^(?:我)?(?:在)?{REFS}(?:之间|中间|两个|这两个|俩)?(?:我)?(?:纠结|犹豫|琢磨|比较|考虑)了?"
                      r"(?:半天|好久|很久|好几天|两天|一下|好一阵|一晚上)?$")
# 2号3号都不错，我投3: praise of two options, before the vote for one of them (a nod, not a vote for both).
_BOTH_GOOD = re.compile(rf"^{REFS}(?:方案)?(?:都|也都)(?:不错|挺好|还行|可以|行|好|挺不错|蛮好|很好)(?:的)?"
                        rf"{PARTICLES}$")
# 我选了1，2还没想好要不要加: on approval, another option still weighed beside the vote cast (it is not in it).
_PENDING = re.compile(rf"^{REFS}(?:方案)?(?:我)?(?:还)?(?:没想好|没定|待定|再想想|再看看|考虑考虑|在考虑)"
                      r"(?:要不要加|加不加|要不要|选不选|投不投)?(?:吧|呢|哈)*$")
# 选2，在选一遍也还是2: the same vote, however often asked (在 typed for 再); only beside a vote for that option.
_AGAIN_SAME = re.compile(rf"^(?:就算|哪怕)?(?:再|在)(?:选|投)(?:一遍|一次|几遍|多少遍|十遍|一百遍)(?:我)?(?:也|都)"
                         rf"(?:还是|是|选|投)?"
                         rf"{REFS}{PARTICLES}$")
# 我投2号，理由：1号要等到明年3月: why another option is not chosen (times and amounts aside, no vote in it).
_REASON_OTHER = re.compile(rf"^(?:理由是|原因是|因为){REFS}(?:方案)?(?P<rest>.{{2,16}})$")
# 投1号，不对，是2号，1号是收费那个: which option the slip was (beside the vote corrected).
_WHICH_WAS = re.compile(rf"^{REFS}(?:方案)?(?:是|就是)(?P<rest>[^\d]{{1,10}}?)(?:那个|那条|那项|的)$")
_NO_VOTE_IN = re.compile(r"投|选|支持|同意|赞成|反对|弃权|[?？]|吗|呢|\d")
_WHEN_OR_HOW_MUCH = re.compile(r"\d{1,4}(?:年|个月|月|号|日|天|块钱?|元|点)")
# 1号和2号里头我更倾向2号: the options weighed, named before the leaning (taken off; the leaning is read).
_AMONG = re.compile(rf"^{_REF}(?:{_SEP}{_REF})+(?:里头|里面|当中|中间|之间)(?=我|还是|更)")
# 投二号嗯就是那个物业出钱的: which option it is, described (beside the vote).
_THAT_ONE = re.compile(r"^嗯?(?:就是)?(?:那个|那条|这个)(?P<rest>[^\d]{2,12}?)的(?:那个)?$")
# 2号不要，其他都行: on approval, the rest after an option ruled out.
_OTHERS_OK = re.compile(rf"^(?:其他|其它|其余|别的)(?:的|几个)?(?:都|也都|全都)(?:行|可以|支持|同意|要|选)(?:的)?"
                        rf"{PARTICLES}$")
_ADDED = WEAK_CLAUSES[-1]  # 再加个2号
_EXCEPT = re.compile(rf"^除了?{REFS}(?:以外|之外)?{PARTICLES}$")  # 都支持，除了第4条: the exception said after


def _first_refs(patterns, part: str) -> str | None:
    for pattern in patterns:
        match = pattern.match(part)
        if match:
            return match.group("refs")
    return None


def choice_refs(part: str) -> str | None:
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


def read_choice(parts: list[str], method: str, options) -> tuple[str, tuple[int, ...]] | None:
    """A choice or approval ballot's deciding clauses read: ("vote" | "off_ballot", options), or None (no vote)."""
    chosen: list[int] = []
    named: list[int] = []  # the options of the clause before, when it voted for them
    reaffirmed: list[int] = []
    also: list[int] = []  # from clauses that count only beside a vote: 2号也可以
    ruled_out: list[int] = []
    supports: list[int] = []  # a reason that praises the option voted for
    theirs: list[int] = []  # the options of someone else's vote, reported
    pending: list[int] = []  # on approval, options still weighed beside the vote
    bare_only = True
    reported = own = explicit = aside = asked = every = praise_all = own_first = False
    skip = False
    for i, part in enumerate(parts):
        before, named = named, []
        if skip:
            skip = False
            continue
        if SELF_INTRO.match(part):
            continue
        part = _AMONG.sub("", part)
        if method == APPROVAL and ruled_out and _OTHERS_OK.match(part):
            chosen.extend(n for n in options if n not in set(ruled_out))  # 2号不要，其他都行
            bare_only, explicit = False, True
            continue
        if NUDGE.match(part):
            asked = True  # 我投4号，@李阿姨 你也看看: only beside the voter's own explicit vote
            continue
        taken_off = (REMOVED.match(part) or WITHDRAWN.match(part)) if chosen else None
        if taken_off and (i == len(parts) - 1 or set(numbers(taken_off.group("refs"))) & set(chosen)):
            gone = set(numbers(taken_off.group("refs")))  # 投1和3，算了3不要了: taken off the vote, which stands
            chosen, also = [n for n in chosen if n not in gone], [n for n in also if n not in gone]
            continue
        out = (_RULED_OUT.match(part) or _REJECTED.match(part) or REMOVED.match(part) or WITHDRAWN.match(part)
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
        if earlier and method == APPROVAL and any(_ADDED.match(other) for other in parts if other != part):
            chosen.extend(numbers(earlier.group("refs")))  # 本来只选1，再加个3吧: kept, and 3 with it
            bare_only, explicit = False, True
            continue
        if REPORT.match(part) or THEIRS.match(part):
            reported = True
            theirs.extend(numbers(part))
            continue
        if ANOTHER_BALLOT.match(part):
            aside = True
            continue
        alike = ALIKE.match(part)
        if alike and (refs := choice_refs(alike.group("vote"))) is not None:
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
                return None
            chosen.extend(whole)
            bare_only, explicit, every = False, True, True
            continue
        if method == APPROVAL and (later := _PENDING.match(part)):
            pending.extend(numbers(later.group("refs")))
            aside = True
            continue
        if (_WAVERED.match(part) or ((both := _BOTH_GOOD.match(part)) and len(numbers(both.group("refs"))) > 1)) \
                and any(_first_refs(CHOICE_CLAUSES, later) is not None for later in parts[i + 1:]):
            aside = True  # 2号3号都不错，我投3 / 1和3纠结了半天，最后还是1: the vote comes after
            continue
        refs = _first_refs(CHOICE_CLAUSES, part)
        strong = refs is not None
        refs = refs if strong else _first_refs(OPINION_CLAUSES, part)
        if refs is not None:
            bare_only = bare_only and part.isdigit()
            own = own or bool(OWN.match(part))
            own_first = own_first or (strong and not reported)  # 选5号。我妈选的7号: the sender's, said first
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
        elif (other := _REASON_OTHER.match(part) or _WHICH_WAS.match(part)) \
                and not _NO_VOTE_IN.search(_WHEN_OR_HOW_MUCH.sub("", other.group("rest"))):
            ruled_out.extend(numbers(other.group("refs")))  # 理由：1号要等到明年3月 / 1号是收费那个
        elif (which := _THAT_ONE.match(part)) and not _NO_VOTE_IN.search(which.group("rest")):
            aside = True  # 就是那个物业出钱的: only beside an explicit vote
        elif same := _AGAIN_SAME.match(part):
            supports.extend(numbers(same.group("refs")))
        elif again := _REAFFIRMED.match(part):
            supports.extend(numbers(again.group("refs")))
            reaffirmed.extend(numbers(again.group("refs")))
        elif (out := _OUT_BECAUSE.match(part)) and ruled_out and set(numbers(out.group("refs"))) <= set(ruled_out) \
                and not _OUT_BECAUSE_BLOCK.search(out.group("rest")):
            continue  # 3要砍树的, after 别投3
        else:
            return None
    if supports and (not explicit or not set(supports) <= set(chosen)):
        return None
    if method == CHOICE and reaffirmed:
        also = []  # 3号也还行，但是1号更好: the nod to 3 is no vote for it
    # 选5号。我妈选的7号: the sender's vote said first, another's for another option after (投2号，我老公投的 may be
    # the husband's vote, passed on)
    own_first = own_first and bool(theirs) and not set(theirs) & set(chosen)
    if not chosen or set(chosen + also) & set(ruled_out + pending) or (reported and not (own or own_first)):
        return None
    if (aside and not explicit) or (asked and not (explicit and own)) or (praise_all and not every):
        return None  # 2号不错，但太贵: a "but" after an opinion is discussion
    distinct = tuple(sorted(set(chosen + also)))
    if bare_only and any(n > MAX_BARE for n in distinct):
        return None  # 88, 110, 666: not ballot numbers
    if method == APPROVAL and not bare_only:
        distinct = _digits_run_together(distinct, options)
    if any(n <= 0 or n > 99 for n in distinct):
        return None
    if len(distinct) > 1 and method != APPROVAL:
        return None  # 1和3都行 on a single-choice ballot: ambiguous
    off = tuple(n for n in distinct if n not in set(options))
    if off:
        return "off_ballot", off
    return "vote", distinct


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
