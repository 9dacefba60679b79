"""A choice or approval ballot read from the clauses of a typed message that decide (votes.py picks them): votes
for options (投2, 二号, 1和3都行), options ruled out beside them (不选1，选4 / 3号太贵), every option or all but some
on approval (全选, 除了2号都行), and what may stand beside a vote only when it agrees with it (a reason that praises the
option voted for, one's own earlier vote said again). Each clause goes through an ordered table of rules (_RULES) that
note what it says in a _Reading; the verdict then weighs what stood beside the vote. The shapes live in
_vote_forms.py, what may stand beside them in _vote_asides.py."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

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
    SLIPPED,
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
    APPROVAL,
    CHOICE,
    CHOICE_CLAUSES,
    CRITIC,
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
    digits_run_together,
    every_option,
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
# 撤回3号，只留1号: an option taken back, verb first.
_RETRACTED = re.compile(rf"^(?:算了|那|那就)?(?:我)?(?:撤回|撤掉|撤销|取消|去掉|删掉|拿掉|划掉){REFS}(?:方案)?"
                        r"(?:吧|了|啦)*$")
# 四个方案都挺好: praise of every option, beside 都支持 on an approval ballot.
# 4不行要花太多钱: an option ruled out, with the reason.
_CRITIC_HEAD = re.compile(CRITIC.pattern.removesuffix("$"))
_ALL_PRAISE = re.compile(rf"^(?:这)?(?:\d个)?(?:方案|选项|建议)?(?:都|全都)(?:挺好|不错|很好|好|可以|行|挺不错)(?:的)?"
                         rf"{PARTICLES}$")


# 投4，别投3，3要砍树的: why an option ruled out in an earlier clause is out (nothing in it for any option).
_OUT_BECAUSE = re.compile(rf"^{REFS}(?:方案|那个)?(?P<rest>.{{2,16}})$")
_REJECT = re.compile(rf"^(?:我)?(?:坚决|绝对|肯定)?(?:不同意|不支持|不赞成|反对|不要|不选|不投)(?:的)?{PARTICLES}$")
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
# 想了想还是3吧，以3为准: the option the voter stands by (only beside a vote for it).
_FINAL = re.compile(rf"^(?:就|那就|一切|最后)?以{REFS}(?:方案)?为准{PARTICLES}$")
# 我投2号，理由：1号要等到明年3月: why another option is not chosen (times and amounts aside, no vote in it).
_REASON_OTHER = re.compile(rf"^(?:理由是|原因是|因为){REFS}(?:方案)?(?P<rest>.{{2,16}})$")
# 投1号，不对，是2号，1号是收费那个: which option the slip was (beside the vote corrected).
_WHICH_WAS = re.compile(rf"^{REFS}(?:方案)?(?:是|就是)(?P<rest>[^\d]{{1,10}}?)(?:那个|那条|那项|的)$")
_NO_VOTE_IN = re.compile(r"投|选|支持|同意|赞成|反对|弃权|[?？]|吗|呢|\d")
_WHEN_OR_HOW_MUCH = re.compile(r"\d{1,4}(?:年|个月|月|号|日|天|块钱?|元|点)|(?<=[出交掏花收付摊凑])\d{2,6}")
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


@dataclass
class _Reading:
    """What the clauses read so far say: the options voted for, and what stands beside them."""

    method: str
    options: tuple[int, ...]
    parts: list[str]
    chosen: list[int] = field(default_factory=list)
    named: list[int] = field(default_factory=list)  # the options of the clause just read, when it voted for them
    before: list[int] = field(default_factory=list)  # the same, for the clause before
    reaffirmed: list[int] = field(default_factory=list)
    also: list[int] = field(default_factory=list)  # from clauses that count only beside a vote: 2号也可以
    ruled_out: list[int] = field(default_factory=list)
    supports: list[int] = field(default_factory=list)  # a reason that praises the option voted for
    theirs: list[int] = field(default_factory=list)  # the options of someone else's vote, reported
    pending: list[int] = field(default_factory=list)  # on approval, options still weighed beside the vote
    bare_only: bool = True
    reported: bool = False
    own: bool = False
    explicit: bool = False
    aside: bool = False
    asked: bool = False
    every: bool = False
    praise_all: bool = False
    own_first: bool = False
    skip: bool = False  # the next clause was read with this one (除了2号，其他都行)
    against: bool = False  # a reason against another option was given (理由：1号要每家出300)

    def vote(self, found: list[int]) -> str:
        self.chosen.extend(found)
        self.bare_only, self.explicit = False, True
        return _READ


# What a rule says of one clause: it read it (_READ), the message is no vote (_NO_VOTE), or None (not its shape).
_READ, _NO_VOTE = "read", "no vote"


def _others_ok(r: _Reading, i: int, part: str) -> str | None:  # 2号不要，其他都行: the rest, on approval
    if r.method == APPROVAL and r.ruled_out and _OTHERS_OK.match(part):
        return r.vote([n for n in r.options if n not in set(r.ruled_out)])
    return None


def _nudge(r: _Reading, i: int, part: str) -> str | None:  # 我投4号，@李阿姨 你也看看: beside one's own vote only
    if NUDGE.match(part):
        r.asked = True
        return _READ
    return None


def _taken_off(r: _Reading, i: int, part: str) -> str | None:  # 投1和3，算了3不要了: off the vote, which stands
    taken_off = (REMOVED.match(part) or WITHDRAWN.match(part) or _RETRACTED.match(part)) if r.chosen else None
    if taken_off and (i == len(r.parts) - 1 or set(numbers(taken_off.group("refs"))) & set(r.chosen)):
        gone = set(numbers(taken_off.group("refs")))
        r.chosen, r.also = [n for n in r.chosen if n not in gone], [n for n in r.also if n not in gone]
        return _READ
    return None


def _out(r: _Reading, i: int, part: str) -> str | None:  # 不选1 / 3号方案我不同意 / 4不行要花太多钱
    out = (_RULED_OUT.match(part) or _REJECTED.match(part) or REMOVED.match(part) or WITHDRAWN.match(part)
           or _RETRACTED.match(part) or CRITIC.match(part) or _CRITIC_HEAD.match(part))
    if out and (out.end() == len(part) or remark(part[out.end():])):
        r.ruled_out.extend(numbers(out.group("refs")))
        r.skip = i + 1 < len(r.parts) and bool(_REJECT.match(r.parts[i + 1]))  # 2号要收钱，不同意: said twice
        return _READ
    if OTHERS_OUT.match(part):
        return _READ
    if (voided := VOIDED.match(part) or SLIPPED.match(part)) and voided.group("refs"):
        r.ruled_out.extend(numbers(voided.group("refs")))  # 之前投的2作废 / 刚才手滑点了2: no longer chosen
        return _READ
    if (why := _OUT_BECAUSE.match(part)) and not _OUT_BECAUSE_BLOCK.search(why.group("rest")) \
            and i + 1 < len(r.parts) and _REJECT.match(r.parts[i + 1]):
        r.ruled_out.extend(numbers(why.group("refs")))  # 3号要动维修基金，不同意: the reason, then the rejection
        r.skip = True
        return _READ
    return None


def _kept_and_added(r: _Reading, i: int, part: str) -> str | None:  # 本来只选1，再加个3吧: kept, and 3 with it
    earlier = EARLIER.match(part)
    if earlier and r.method == APPROVAL and any(_ADDED.match(other) for other in r.parts if other != part):
        return r.vote(numbers(earlier.group("refs")))
    return None


def _someone_else(r: _Reading, i: int, part: str) -> str | None:
    """我妈投的3号 (someone else's vote, reported); 上次那个投票我选的2 (another ballot); 大家也都投3吧 (others
    asked to vote alike, which counts only beside that same vote)."""
    if REPORT.match(part) or THEIRS.match(part):
        r.reported = True
        r.theirs.extend(numbers(part))
        return _READ
    if ANOTHER_BALLOT.match(part):
        r.aside = True
        return _READ
    alike = ALIKE.match(part)
    if alike and (refs := choice_refs(alike.group("vote"))) is not None:
        r.supports.extend(numbers(refs))  # 选3号，大家也都投3吧
        return _READ
    return None


def _those(r: _Reading, i: int, part: str) -> str | None:  # 1号2号都不错，都投: those two, on approval
    return _READ if r.method == APPROVAL and len(r.before) > 1 and _THOSE.match(part) else None


def _every(r: _Reading, i: int, part: str) -> str | None:  # 全选 / 前三个都支持 / 除了2号都行 (, 除了第4条)
    parts = r.parts
    whole = every_option(part, r.method, r.options)
    if whole is None and part.startswith("除") and i + 1 < len(parts):
        whole = every_option(part + parts[i + 1], r.method, r.options)
        r.skip = whole is not None
    elif whole and i + 1 < len(parts) and (exception := _EXCEPT.match(parts[i + 1])):
        whole = [n for n in whole if n not in set(numbers(exception.group("refs")))]
        r.skip = True
    if whole is None:
        return None
    if not whole:
        return _NO_VOTE
    r.every = True
    return r.vote(whole)


def _weighed(r: _Reading, i: int, part: str) -> str | None:
    """我选了1，2还没想好要不要加 (on approval, not in the vote); 2号3号都不错，我投3 and 1和3纠结了半天，最后还是1 (the
    vote comes after)."""
    if r.method == APPROVAL and (later := _PENDING.match(part)):
        r.pending.extend(numbers(later.group("refs")))
        r.aside = True
        return _READ
    if (_WAVERED.match(part) or ((both := _BOTH_GOOD.match(part)) and len(numbers(both.group("refs"))) > 1)) \
            and any(_first_refs(CHOICE_CLAUSES, later) is not None for later in r.parts[i + 1:]):
        r.aside = True
        return _READ
    return None


def _voted(r: _Reading, i: int, part: str) -> str | None:  # 投2 / 我支持3号 / 3号方案好 / (weak) 2号也可以
    refs = _first_refs(CHOICE_CLAUSES, part)
    strong = refs is not None
    refs = refs if strong else _first_refs(OPINION_CLAUSES, part)
    if refs is not None and not strong and min(numbers(refs)) > 99:
        r.aside = True  # 还是12345靠谱: a hotline, not an option
        return _READ
    if refs is not None:
        r.bare_only = r.bare_only and part.isdigit()
        r.own = r.own or bool(OWN.match(part))
        r.own_first = r.own_first or (strong and not r.reported)  # 选5号。我妈选的7号: the sender's, said first
        r.explicit = r.explicit or strong
        r.chosen.extend(numbers(refs))
        r.named = numbers(refs)
        return _READ
    refs = _first_refs(WEAK_CLAUSES, part)
    if refs is not None:
        r.also.extend(numbers(refs))
        return _READ
    return None


def _beside(r: _Reading, i: int, part: str) -> str | None:
    """What may stand beside a vote: a nod to another option, praise of all, a concern or reason, a remark, a reason
    for the option chosen or against another, which option it was."""
    if r.method == CHOICE and CONCEDE.match(part):
        r.aside = True  # 2号，不过4号也不错: a nod to another option, not a vote for it
    elif _ALL_PRAISE.match(part):
        r.praise_all = True
    elif concern(part) or reason(part) or for_now(r.parts, part):
        r.aside = True
    elif benign(part):
        pass
    elif remark(part) or ABOVE_RIGHT.match(part):
        r.aside = True  # 我选1号，10号前能弄好不 / 选1，楼上说的有道理: only beside an explicit vote
    elif remark(part, own=True):
        r.asked = True  # 我选2号，明天开会吗: only beside the voter's own explicit vote
    elif support := (OPINE_GOOD.match(part) or LEANING.match(part) or HURRY.match(part) or VIRTUE.match(part)
                     or _PAST_OWN.match(part)):
        r.supports.extend(numbers(support.group("refs")))  # 改投3号，刚看了大家的理由觉得3号更好
        r.own = r.own or bool(OWN.match(part))  # 俺娘让我投1号，我自己看了也觉得1号好，投1: the voter's own mind
    elif (other := _REASON_OTHER.match(part) or _WHICH_WAS.match(part)
           or (r.against and _OUT_BECAUSE.match(part))) \
            and not _NO_VOTE_IN.search(_WHEN_OR_HOW_MUCH.sub("", other.group("rest"))):
        r.ruled_out.extend(numbers(other.group("refs")))  # 理由：1号要等到明年3月 / 1号是收费那个
        r.against = True  # 理由：1号要每家出300，3号要等物业批: the reasons go on
    elif (which := _THAT_ONE.match(part)) and not _NO_VOTE_IN.search(which.group("rest")):
        r.aside = True  # 就是那个物业出钱的: only beside an explicit vote
    elif same := _AGAIN_SAME.match(part) or _FINAL.match(part):
        r.supports.extend(numbers(same.group("refs")))  # 选2，在选一遍也还是2
    elif again := _REAFFIRMED.match(part):
        r.supports.extend(numbers(again.group("refs")))
        r.reaffirmed.extend(numbers(again.group("refs")))
    elif not ((out := _OUT_BECAUSE.match(part)) and r.ruled_out
              and set(numbers(out.group("refs"))) <= set(r.ruled_out)
              and not _OUT_BECAUSE_BLOCK.search(out.group("rest"))):  # 3要砍树的, after 别投3
        return None
    return _READ


# Each clause goes to these in turn; the first whose shape it has reads it. A clause none reads makes the message
# no vote.
_RULES = (_others_ok, _nudge, _taken_off, _out, _kept_and_added, _someone_else, _those, _every, _weighed, _voted,
          _beside)


def read_choice(parts: list[str], method: str, options) -> tuple[str, tuple[int, ...]] | None:
    """A choice or approval ballot's deciding clauses read: ("vote" | "off_ballot", options), or None (no vote)."""
    r = _Reading(method, tuple(options), parts)
    for i, part in enumerate(parts):
        r.before, r.named = r.named, []
        if r.skip:
            r.skip = False
            continue
        if SELF_INTRO.match(part):
            continue
        part = _AMONG.sub("", part)
        if _read_clause(r, i, part) == _NO_VOTE:
            return None
    return _verdict(r)


def _read_clause(r: _Reading, i: int, part: str) -> str:
    for rule in _RULES:
        verdict = rule(r, i, part)
        if verdict is not None:
            return verdict
    return _NO_VOTE


def _verdict(r: _Reading) -> tuple[str, tuple[int, ...]] | None:
    """The options the reading voted for, once what stood beside them has been weighed."""
    if r.supports and (not r.explicit or not set(r.supports) <= set(r.chosen)):
        return None
    also = [] if r.method == CHOICE and r.reaffirmed else r.also  # 3号也还行，但是1号更好: no vote for 3
    # 选5号。我妈选的7号: the sender's vote said first, another's for another option after (投2号，我老公投的 may be
    # the husband's vote, passed on)
    own_first = r.own_first and bool(r.theirs) and not set(r.theirs) & set(r.chosen)
    if not r.chosen or set(r.chosen + also) & set(r.ruled_out + r.pending) or (r.reported and not (r.own or own_first)):
        return None
    if (r.aside and not r.explicit) or (r.asked and not (r.explicit and r.own)) or (r.praise_all and not r.every):
        return None  # 2号不错，但太贵: a "but" after an opinion is discussion
    distinct = tuple(sorted(set(r.chosen + also)))
    if r.bare_only and any(n > MAX_BARE for n in distinct):
        return None  # 88, 110, 666: not ballot numbers
    if r.method == APPROVAL and not r.bare_only:
        distinct = digits_run_together(distinct, r.options)
    if any(n <= 0 or n > 99 for n in distinct):
        return None
    if len(distinct) > 1 and r.method != APPROVAL:
        return None  # 1和3都行 on a single-choice ballot: ambiguous
    off = tuple(n for n in distinct if n not in set(r.options))
    if off:
        return "off_ballot", off
    return "vote", distinct
