"""Typed messages that lean to one option without being a vote: the bot asks, it never counts them."""

from __future__ import annotations

import re
from itertools import pairwise

from council.language._vote_asides import CLAUSES
from council.language._vote_forms import (
    ABSTAIN,
    CONSENT,
    CONSENT_CLAUSES,
    MAX_CHARS,
    MAX_TYPED,
    NEITHER,
    NO,
    NO_OBJECTION,
    NOT_AGAINST,
    VOTE_CLAUSES,
    YES,
    canonical,
    numbers,
)
from council.language.votes import NOT_A_VOTE, VoteReading, read_vote

# A message the grammar above does not read as a vote may still plainly lean towards one option (我觉得二号还行,
# 我倾向于第三个, 3号方案还行吧). Such a message is never counted; the bot asks its author
# 「您是想投 #2 吗？」 with a button, so a vote the grammar missed costs one tap instead of being lost (SPEC §6).
# Asking a neighbour who was only chatting is a nuisance, so a guess needs one ballot reference, a leaning word and
# none of the signs of discussion: questions, negations, conditions, contrasts, other people, other numbers.

# 投1，不对 / 投2，手滑了 / 投2，算了: the vote is taken back, nothing to ask about.
_TAKEN_BACK = r"不对|说错|打错|错了|手滑|手抖|算了"
# 可能选2吧，不确定 / 我打算投2，再看看 / 拿不准，可能弃权吧: undecided, asking would push.
_UNDECIDED = (r"可能|也许|或许|说不定|打算|不确定|再看看|再想想|没想好|拿不准|不知道|该不该|"  # 我倾向2号，再想想
              r"回来再投|回来投|晚点再投|晚点投|以后再投|之后再投|到时候再投|回头再投|过两天再投|"  # 6号回来再投
              r"先看看|先等等|先放放|放一放|观望")  # 3号，先看看再说
_GUESS_REF = re.compile(
    r"(?:(?<=第)|(?<=#)|(?<=方案)|(?<=选项)|(?<=建议)|(?<=提议)|(?<=[投选挺站]))"
    r"(\d{1,2})(?!\d|号?(?:楼|门|室|栋|幢|单元|层|点|块|元|天|月))"  # 选2号楼, 投5块: a place or an amount
    r"|(\d{1,2})(?=号(?!楼|门|床|线|室|栋|幢|单元|院|地|房|车|位|口|机|店|柜|桶|箱)|个方案|个建议|个选项|个(?:$|[吧啦了,!]))"
)
_LEAN = re.compile(r"投|选|支持|赞成|同意|挺|站|好|不错|靠谱|合适|可以|行|倾向|偏向|看好|喜欢|认可|满意|最实在|实在|⊕")
_DISCUSSION = re.compile(
    r"[?？]|吗|呢|什么|怎么|为啥|为什么|哪|谁|几|多少|是不是|有没有|能不能|可不可以|要不要|会不会|"
    r"[不没别甭](?:投|选|支持|赞成|同意|行|好|靠谱|合适|可以|太|怎么|一定|如)|肯定不|不行|"
    r"但|不过|可是|然而|就是太|如果|要是|假如|万一|的话|除非|只要|除了|"
    r"(?<!其)他|她|妈|爸|老公|老婆|婆婆|公公|儿子|女儿|老人|老头|别人|邻居|大家|楼上|楼下|隔壁|说|"
    r"阿姨|叔|大爷|大妈|奶奶|爷爷|老伴|媳妇|爱人|有人|好多人|很多人|不少人|"  # 已经有人投了2号: someone else
    r"本来|差点|想投|想选|考虑|请|举手|[投选]的|要选|不要|都|托|"
    # 上次投票2号赢了: an earlier ballot; 白痴才投2号: scorn; 投2号的多: counting others
    r"上次|上回|去年|以前|赢|输了|才投|才选|偶尔|的多|的少|的人|你|"
    # 2号也不错: a nod beside someone else's pick; 1号好是好，就怕没人管: a concession before a worry
    rf"{_UNDECIDED}|(?<=[\d号])也|就怕|只怕|好是好|"
    r"太贵|太吵|太麻烦|太费钱|太花钱|不现实|不实际|不划算|没用|没必要|有问题|涨价|愚蠢|"  # 4号方案实在太贵了
    rf"{_TAKEN_BACK}|"
    # 2号想法是好的，就是做不到: praise that concedes before a criticism
    r"就是(?![\d#第])|只是|做不到|办不到|实现不了|落实不了|想法是好的|出发点是好的|想法好|想法不错"
)
_GUESS_YES = r"赞成|同意|支持|赞同|拥护|认同|没意见|举手|举双手|双手赞成"
_GUESS_NO = r"反对|不同意|不赞成|不支持|不认同|不会同意|不能同意|不会支持"
_GUESS_CONSENT_BLOCK = re.compile(
    r"[?？]|吗|呢|什么|怎么|咋|为啥|为什么|谁|几|多少|是不是|有没有|能不能|要不要|算不算|会怎样|"
    r"但|不过|可是|如果|要是|假如|万一|的话|除非|只要|本来|差点|想|没用|无效|已经|请|举手的|的举手|的人|派|意见|"
    r"(?<!其)他|她|妈|爸|老公|老婆|婆婆|公公|儿子|女儿|老人|老头|老伴|媳妇|爱人|别人|邻居|大家|街道|楼上|楼下|你|说|别|"
    # 我老伴投反对: someone else's; 同意，点错了 / 同意，算了: taken back
    r"有人|好多人|很多人|不少人|不反对|不是|错了|手滑|手抖|算了|\d|那口子|劝|阿姨|叔|大爷|大妈|奶奶|爷爷|姐|哥|"
    # 上次那个我是反对的: an earlier ballot; 二楼那家一直反对, 大部分人都赞成了吧: others
    rf"上次|上回|上一次|去年|以前|那家|那户|一直|大部分|大多数|多数|考虑|{_UNDECIDED}"
)
# In the clause that takes a stance, the stance ends it (赞成的哈, 我是反对的): 反对乱停车 or 支持议事会 takes a
# stance on something else, not on this motion.
_GUESS_STANCE_CLAUSE = re.compile(rf"^.{{0,8}}?(?:{_GUESS_NO}|{_GUESS_YES}|弃权)(?:的|吧|啦|了|哈|呀|啊|哦|!|⊕|票)*$")


_TIME = re.compile(r"(?:今天|明天|今晚|晚上|下午|上午|中午|早上)?\d{1,2}(?:点|:)(?:\d{1,2}分?|半)?(?:前|之前|以前)?")


def guess_vote(text: str, method: str, options: list[int] | tuple[int, ...]) -> VoteReading:
    """VoteReading("unsure", (n,)) when a message that read_vote() leaves alone plainly leans to option n; else
    NOT_A_VOTE. Only for asking the author; never counted as it stands."""
    raw = text.strip()
    if not raw or len(raw) > MAX_TYPED or read_vote(raw, method, options).kind != "none":
        return NOT_A_VOTE
    body = canonical(raw)
    if not body or len(body) > MAX_CHARS:
        return NOT_A_VOTE
    # 明天9点开会前先投个赞成: a time says when, not what for; the rest of the message is judged as it stands.
    timeless = _TIME.sub("", body)
    guess = _guess_consent(timeless) if method == CONSENT else _guess_choice(timeless, options)
    if guess.kind == "unsure":
        return guess
    if re.search(r"[\d号个案对][?]", body):
        return NOT_A_VOTE  # 投2号？想得美: the vote is what is being questioned
    return _vote_clause_with_reasons([part for part in re.split(r"[,.!;:~…\n?\s]+", body) if part], method, options)


def _guess_choice(body: str, options) -> VoteReading:
    if _DISCUSSION.search(body) or not _LEAN.search(_GUESS_REF.sub("", body)):
        return NOT_A_VOTE
    refs = [int(a or b) for a, b in _GUESS_REF.findall(body)]
    if len(set(refs)) != 1 or len(re.findall(r"\d+", body)) != len(refs):
        return NOT_A_VOTE  # no reference, several options, or another number (a time, a building, a price)
    return VoteReading("unsure", (refs[0],)) if refs[0] in set(options) else NOT_A_VOTE


# OK on a consent ballot: yes to the motion for some (blind6's author), an acknowledgement for others: ask. So is
# 我不反对 (for, or only not against) and 没意见 alone.
_OK = re.compile(r"^(?:ok|okay|ok的|ok啦|ok吧|ok哈)$")


def _guess_consent(body: str) -> VoteReading:
    if _OK.match(body) or NOT_AGAINST.match(body) or NO_OBJECTION.match(body):
        return VoteReading("unsure", (YES,))
    if _GUESS_CONSENT_BLOCK.search(body):
        return NOT_A_VOTE
    stance_clauses = [c for c in CLAUSES.split(body) if re.search(rf"{_GUESS_NO}|{_GUESS_YES}|弃权", c)]
    if len(stance_clauses) != 1 or not _GUESS_STANCE_CLAUSE.match(stance_clauses[0]):
        return NOT_A_VOTE
    no = re.search(_GUESS_NO, body)
    rest = re.sub(_GUESS_NO, "", body)
    yes = re.search(_GUESS_YES, rest)
    abstain = "弃权" in rest
    found = [value for value, hit in ((YES, yes), (NO, no), (ABSTAIN, abstain)) if hit]
    if len(found) != 1 or (found[0] == YES and re.search(r"[不没别](?:太|怎么|一定)", rest)):
        return NOT_A_VOTE
    return VoteReading("unsure", (found[0],))


# One clause that is a vote in itself (投4号方案, 我反对) and others that only give reasons (其他几个都不太现实,
# 钱从哪来都没说清楚): ask. Not when another clause names an option, rules one out, turns the vote (但, 如果) or
# speaks for someone else.
_REASON_BLOCK = re.compile(
    r"[不没别甭](?:投|选|支持|赞成|同意)|但|不过|可是|然而|如果|要是|假如|万一|的话|除非|只要|怎么|咋|为啥|为什么|吗|呢|"
    r"(?<!其)他|她|妈|爸|老公|老婆|婆婆|公公|儿子|女儿|老人家|老头|别人|邻居|大家|楼上|楼下|本来|差点|想投|想选|"
    rf"{_UNDECIDED}|就怕|只怕|好是好|"  # 3号挺好，就是贵了点，再看看 / 1号好是好，就怕没人管: undecided
    rf"{_TAKEN_BACK}"
)


# 选3，还有5: another number in a reason may be another option (a time, an amount or a place is not).
_OTHER_NUMBER = re.compile(r"\d+(?!\d|点|:|块|元|楼|栋|幢|单元|层|室|年|月|日|天|岁|人|户|米|分钟|小时|万|千|百)")


def _vote_clause_with_reasons(parts: list[str], method: str, options) -> VoteReading:
    if len(parts) < 2 or any(NEITHER.match(a + b) for a, b in pairwise(parts)):
        return NOT_A_VOTE  # 我不反对，也不赞成: neither, said across a comma
    found: list[int] = []
    reasons: list[str] = []
    for part in parts:
        value = _clause_vote(part, method)
        if value is None:
            reasons.append(part)
        else:
            found.append(value)
    if len(set(found)) != 1 or not reasons:
        return NOT_A_VOTE
    option = found[0]
    for reason in reasons:
        if method == CONSENT:
            no = re.search(_GUESS_NO, reason)
            other = (re.search(_GUESS_YES, re.sub(_GUESS_NO, "", reason)), no, "弃权" in reason)
            if any(hit for value, hit in zip((YES, NO, ABSTAIN), other, strict=True) if value != option):
                return NOT_A_VOTE  # another stance in the reasons: 同意…但反对…
            reason = re.sub(rf"{_GUESS_NO}|{_GUESS_YES}", "", reason)
        if _REASON_BLOCK.search(reason) or _GUESS_REF.search(reason) or re.search(r"#\d|第\d|\d号", reason) \
                or _OTHER_NUMBER.search(reason):
            return NOT_A_VOTE
    return VoteReading("unsure", (option,)) if method == CONSENT or option in set(options) else NOT_A_VOTE


def _clause_vote(part: str, method: str) -> int | None:
    """The option a clause votes for by itself (not a bare number: in a long message that is too weak)."""
    if method == CONSENT:
        return next((value for value, pattern in CONSENT_CLAUSES if pattern.match(part)), None)
    if part.isdigit():
        return None
    for pattern in VOTE_CLAUSES:
        match = pattern.match(part)
        if match:
            found = set(numbers(match.group("refs")))
            return found.pop() if len(found) == 1 else None
    return None
