"""Free-text votes typed in the chat while a ballot is open: 投2, 二号, 第二个, ②, 3号+1, 1和3都行, 同意, 坚决反对 …

Precision first (SPEC §6: a wrongly counted vote costs more trust than a missed one). A message is a vote only when
every clause of it is either a vote in one of the shapes residents use, or a short harmless remark (谢谢, 早点装上,
不用花钱); anything with a question, a condition, a contrast, another person, a negated vote verb or a number that
belongs to a building, floor, time or date is left alone. No jieba: this runs before the dictionary is loaded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from council.language._text import cn_to_int, normalize

CHOICE, APPROVAL, CONSENT = "choice", "approval", "consent"
YES, NO, ABSTAIN = 1, 2, 3


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

_MAX_CHARS = 40  # votes are short; a paragraph that mentions 2号 is discussion
_MAX_BARE = 20  # a bare number above this (88, 110, 666, 2333) is not a ballot number

# ------------------------------------------------------------------ canonical form

_PLUS_ONE = re.compile(r"\+\s*1(?!\d)")
_CN = "[一二两三四五六七八九十]+"
_CN_RULES = [
    re.compile(rf"(?<=第)({_CN})"),
    re.compile(rf"({_CN})(?=号(?!线|楼|门|床|柜|室|栋|单元)|个方案|个建议|个选项)"),
    re.compile(rf"(?<=方案|选项|提议|建议)({_CN})"),
    re.compile(rf"(?<=[投选])({_CN})(?=$|号|吧|啦|了|!|,|\s)"),
]


def _digits_for_numerals(text: str) -> str:
    """二号 → 2号, 第三个 → 第3个, 方案二 → 方案2, 投二 → 投2; 二楼, 一律, 二手 stay as they are."""
    for rule in _CN_RULES:
        text = rule.sub(lambda m: str(cn_to_int(m.group(1))) if cn_to_int(m.group(1)) is not None else m.group(1),
                        text)
    return text


def canonical(text: str) -> str:
    """Normalised for reading votes: half width, no emoji, +1 as ⊕, numerals as digits, spaces resolved."""
    text = normalize(text)
    text = re.sub(r"^@\S+\s*", "", text)  # @议事会助手 投2
    text = _PLUS_ONE.sub("⊕", text)
    text = re.sub(r"(?<=\d) +(?=\d)", ",", text)  # 1 3 → 1,3
    text = re.sub(r" +(?=[\d#⊕号])|(?<=[\d#⊕]) +|(?<=[投选]) +", "", text)  # 投 2 → 投2, 2 号 → 2号
    text = _digits_for_numerals(text)
    return text.strip(" ,.!。~～")


# ------------------------------------------------------------------ clause grammar

_REF = (r"(?:第\d{1,3}(?:个|号|条|项|种)?|#\d{1,3}号?|(?:方案|选项|提议|建议)\d{1,3}号?|\d{1,3}号?)"
        r"(?:方案|建议|选项|提议)?")
_SEP = r"(?:和|跟|与|及|、|/|或者|或|还有|以及|加)?"
_REFS = rf"(?P<refs>{_REF}(?:{_SEP}{_REF})*)"
_PRE = r"(?:嗯|好|那|那么|行|ok|好吧|那就|那我就|算了)?"
_SUBJ_ADV = (r"(?:我家|我们家|我|俺|本人|那我|我也|我还是|我就|也|还是|就|都|肯定|坚决|果断|毫不犹豫地?|必须|"
             r"一定|同|也是|"
             r"想了想还是|想来想去还是|考虑了一下还是|最后还是|思来想去还是)*")
_VERB = (r"(?:投一票给|这一票给|一票给|票投给|投票给|投给|投票|投|选择|选|支持|赞成|同意|力挺|挺|拥护|坚持|pick|"
         r"改投|改选|改回|改成|换成|改为|换|要)")
_ONE_VOTE = r"(?:一票|1票)?"
_PARTICLES = r"(?:吧|啦|了|哈|呀|啊|哦|噢|嘛|的|呗|咯|喽|哟|哇|耶|呐|!)*"
_ALL = r"(?:都行|都可以|都支持|都同意|都好|都赞成|都不错|都挺好|都投|都选)?"
_TAIL = rf"{_ONE_VOTE}(?:方案|的(?:做法|办法|方案|建议|提议|意见))?{_PARTICLES}(?:⊕)*{_ALL}{_PARTICLES}"
_POST = (r"(?:⊕|最好|更好|好|不错|靠谱|最靠谱|挺好的?|很好|可以|行|支持|同意|赞成|我投|我选|我支持|我同意|我赞成|"
         r"好一些|最合适|合适)?")

_CHOICE_CLAUSES = [
    re.compile(rf"^{_PRE}{_SUBJ_ADV}{_VERB}{_ONE_VOTE}{_REFS}{_TAIL}$"),  # 投2, 我支持3号, 我改投2号
    re.compile(rf"^{_PRE}{_SUBJ_ADV}{_REFS}{_POST}{_TAIL}$"),  # 2, 2号, 第二个, 3号+1, 2号吧, 想来想去还是2号
    re.compile(rf"^⊕{_REFS}{_TAIL}$"),  # +1 3号
]

_YES = (r"(?:没啥好反对的|没什么好反对的|举双手赞成|举双手同意|双手赞成|双手同意|举手赞成|举手同意|赞成|同意|支持|赞同|"
        r"拥护|认同)")
_NO = r"(?:不同意|不赞成|不支持|不赞同|反对)"
_ABSTAIN = r"(?:弃权|无所谓|都行|都可以|随便|中立|保持中立|怎样都行|怎么都行|怎么样都行|都ok)"
_STANCES = ((YES, _YES), (NO, _NO), (ABSTAIN, _ABSTAIN))
_CONSENT_SUBJ = r"(?:我|俺|本人|我家|我们家|我们|我是|我也是|我也|我还是|我就)?"
_CONSENT_ADV = (r"(?:非常|完全|坚决|强烈|一百个|一万个|一千个|必须|当然|肯定|绝对|十分|也|还是|就|坚定|全力|大力|"
                r"百分百|表示)*")
_CONSENT_VERB = r"(?:投|选择|选|投个)?"
_CONSENT_OBJ = r"(?:(?:这个|该|此|本)?(?:方案|决议|提议|议案|建议|动议|决定))?"
_CONSENT_TAIL = r"(?:的|吧|啦|了|哈|呀|啊|哦|!|⊕|票|一票)*"
_CONSENT_CLAUSES = [
    (value, re.compile(rf"^{_PRE}{_CONSENT_SUBJ}{_CONSENT_ADV}{_CONSENT_VERB}(?:{stance})+(?:票)?{_CONSENT_OBJ}"
                       rf"{_CONSENT_TAIL}$"))
    for value, stance in _STANCES
]
_ANY_STANCE = re.compile(r"同意|赞成|赞同|支持|反对|弃权|拥护")

# A clause that may stand beside a vote: no numbers, questions, conditions, contrasts, other people, negated votes.
_BENIGN_BLOCK = re.compile(
    r"\d|#|[?？]|吗|呢|谁|哪|几|多少|怎么|怎样|什么|是否|有没有|能不能|可不可以|要不要|会不会|是不是|"
    r"但|不过|可是|然而|如果|要是|假如|万一|的话|除非|只要|除了|再想想|考虑|没想好|不确定|不知道|"
    r"[不没别甭](?:投|选|同意|支持|赞成)|撤回|取消|"
    r"楼上|楼下的|他|她|你|老公|老婆|婆婆|公公|妈|爸|女儿|儿子|大家|别人|邻居|老王|阿姨|叔"
)
_SELF_INTRO = re.compile(r"^(?:我|俺)(?:是|住|家住|家在|在|住在)\d{1,3}(?:号楼|栋|幢|号|楼|单元|室|层)(?:的)?$")
_CORRECTION = re.compile(r"^(?:我|刚才|我刚才|刚刚|我刚刚)?(?:投错了|选错了|点错了|按错了)$")
_HARMLESS = re.compile(r"凭什么|其他|其它|其余|谢谢大家|感谢大家|辛苦大家|大家辛苦了")  # removed before the check
_QUESTION = re.compile(r"[?？]")
_CLAUSES = re.compile(r"[,，。.!！;；:：~～…\n]+|\s+")


def _benign(clause: str) -> bool:
    if _SELF_INTRO.match(clause) or _CORRECTION.match(clause):
        return True
    if len(clause) > 16:
        return False
    return not _BENIGN_BLOCK.search(_HARMLESS.sub("", clause))


def _numbers(refs: str) -> list[int]:
    return [int(n) for n in re.findall(r"\d+", refs)]


def read_vote(text: str, method: str, options: list[int] | tuple[int, ...]) -> VoteReading:
    """What a typed message votes for on a ballot with these option numbers (consent: [1, 2, 3])."""
    raw = text.strip()
    if not raw or _QUESTION.search(raw):
        return NOT_A_VOTE
    body = canonical(raw)
    if not body or len(body) > _MAX_CHARS:
        return NOT_A_VOTE
    parts = [part for part in _CLAUSES.split(body) if part]
    if not parts:
        return NOT_A_VOTE
    if method == CONSENT:
        return _read_consent(parts)
    return _read_choice(parts, method, options)


# 不选1，选4: a clause that rules one option out may stand beside a clause that votes for another.
_RULED_OUT = re.compile(rf"^{_SUBJ_ADV}(?:不|不会)(?:选|投|要|支持){_REFS}{_PARTICLES}$")


def _read_choice(parts: list[str], method: str, options) -> VoteReading:
    chosen: list[int] = []
    ruled_out: list[int] = []
    bare_only = True
    for part in parts:
        out = _RULED_OUT.match(part)
        if out:
            ruled_out.extend(_numbers(out.group("refs")))
            continue
        refs = None
        for pattern in _CHOICE_CLAUSES:
            match = pattern.match(part)
            if match:
                refs = match.group("refs")
                break
        if refs is None:
            if not _benign(part):
                return NOT_A_VOTE
            continue
        if not part.isdigit():
            bare_only = False
        chosen.extend(_numbers(refs))
    if not chosen or set(chosen) & set(ruled_out):
        return NOT_A_VOTE
    distinct = tuple(sorted(set(chosen)))
    if bare_only and any(n > _MAX_BARE for n in distinct):
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
        for value, pattern in _CONSENT_CLAUSES:
            if pattern.match(part):
                found.add(value)
                break
        else:
            remarks.append(part)
    if len(found) != 1:
        return NOT_A_VOTE
    for remark in remarks:
        if _ANY_STANCE.search(remark) or not _benign(remark):
            return NOT_A_VOTE
    return VoteReading("vote", (found.pop(),))


# ------------------------------------------------------------------ unsure: ask instead of count

# A message the grammar above does not read as a vote may still plainly lean towards one option (我觉得二号靠谱,
# 还是3号方案好一点, 我站2号, 没意见，同意). Such a message is never counted; the bot asks its author
# 「您是想投 #2 吗？」 with a button, so a vote the grammar missed costs one tap instead of being lost (SPEC §6).
# Asking a neighbour who was only chatting is a nuisance, so a guess needs one ballot reference, a leaning word and
# none of the signs of discussion: questions, negations, conditions, contrasts, other people, other numbers.

_GUESS_REF = re.compile(
    r"(?:(?<=第)|(?<=#)|(?<=方案)|(?<=选项)|(?<=建议)|(?<=提议)|(?<=[投选挺站]))(\d{1,2})(?!\d)"
    r"|(\d{1,2})(?=号(?!楼|门|床|线|室|栋|幢|单元|院|地|房|车|位|口|机|店|柜|桶|箱)|个方案|个建议|个选项|个(?:$|[吧啦了,!]))"
)
_LEAN = re.compile(r"投|选|支持|赞成|同意|挺|站|好|不错|靠谱|合适|可以|行|倾向|偏向|看好|喜欢|认可|满意|最实在|实在|⊕")
_DISCUSSION = re.compile(
    r"[?？]|吗|呢|什么|怎么|为啥|为什么|哪|谁|几|多少|是不是|有没有|能不能|可不可以|要不要|会不会|"
    r"[不没别甭](?:投|选|支持|赞成|同意|行|好|靠谱|合适|可以|太|怎么|一定|如)|肯定不|不行|"
    r"但|不过|可是|然而|就是太|如果|要是|假如|万一|的话|除非|只要|除了|"
    r"(?<!其)他|她|妈|爸|老公|老婆|婆婆|公公|儿子|女儿|老人|老头|别人|邻居|大家|楼上|楼下|隔壁|说|"
    r"本来|差点|想投|想选|考虑|请|举手|[投选]的|要选|不要|都|托"
)
_GUESS_YES = r"赞成|同意|支持|赞同|拥护|认同|没意见|举手|举双手|双手赞成"
_GUESS_NO = r"反对|不同意|不赞成|不支持|不认同|不会同意|不能同意|不会支持"
_GUESS_CONSENT_BLOCK = re.compile(
    r"[?？]|吗|呢|什么|怎么|咋|为啥|为什么|谁|几|多少|是不是|有没有|能不能|要不要|算不算|会怎样|"
    r"但|不过|可是|如果|要是|假如|万一|的话|除非|只要|本来|差点|想|没用|无效|已经|请|举手的|的举手|的人|派|意见|"
    r"(?<!其)他|她|妈|爸|老公|老婆|婆婆|公公|儿子|女儿|老人|老头|别人|邻居|大家|街道|楼上|楼下|你|说|别|不反对|\d"
)
# In the clause that takes a stance, the stance ends it (赞成的哈, 我是反对的): 反对乱停车 or 支持议事会 takes a
# stance on something else, not on this motion.
_GUESS_STANCE_CLAUSE = re.compile(rf"^.{{0,8}}?(?:{_GUESS_NO}|{_GUESS_YES}|弃权)(?:的|吧|啦|了|哈|呀|啊|哦|!|⊕|票)*$")


def guess_vote(text: str, method: str, options: list[int] | tuple[int, ...]) -> VoteReading:
    """VoteReading("unsure", (n,)) when a message that read_vote() leaves alone plainly leans to option n; else
    NOT_A_VOTE. Only for asking the author; never counted as it stands."""
    raw = text.strip()
    if not raw or read_vote(raw, method, options).kind != "none":
        return NOT_A_VOTE
    body = canonical(raw)
    if not body or len(body) > _MAX_CHARS:
        return NOT_A_VOTE
    guess = _guess_consent(body) if method == CONSENT else _guess_choice(body, options)
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


def _guess_consent(body: str) -> VoteReading:
    if _GUESS_CONSENT_BLOCK.search(body):
        return NOT_A_VOTE
    stance_clauses = [c for c in _CLAUSES.split(body) if re.search(rf"{_GUESS_NO}|{_GUESS_YES}|弃权", c)]
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
    r"[不没别甭](?:投|选|支持|赞成|同意)|但|不过|可是|然而|如果|要是|假如|万一|的话|除非|只要|"
    r"(?<!其)他|她|妈|爸|老公|老婆|婆婆|公公|儿子|女儿|老人家|老头|别人|邻居|大家|楼上|楼下|本来|差点|想投|想选"
)


def _vote_clause_with_reasons(parts: list[str], method: str, options) -> VoteReading:
    if len(parts) < 2:
        return NOT_A_VOTE
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
        if _REASON_BLOCK.search(reason) or _GUESS_REF.search(reason) or re.search(r"#\d|第\d|\d号", reason):
            return NOT_A_VOTE
    return VoteReading("unsure", (option,)) if method == CONSENT or option in set(options) else NOT_A_VOTE


def _clause_vote(part: str, method: str) -> int | None:
    """The option a clause votes for by itself (not a bare number: in a long message that is too weak)."""
    if method == CONSENT:
        return next((value for value, pattern in _CONSENT_CLAUSES if pattern.match(part)), None)
    if part.isdigit():
        return None
    for pattern in _CHOICE_CLAUSES:
        match = pattern.match(part)
        if match:
            numbers = set(_numbers(match.group("refs")))
            return numbers.pop() if len(numbers) == 1 else None
    return None
