"""The shapes of a typed vote: the canonical form of a message and the clause grammar of votes, stances and the
short harmless remarks that may stand beside them. Used by votes.py (counting) and vote_guess.py (asking)."""

from __future__ import annotations

import re

from council.language._text import cn_to_int, normalize

CHOICE, APPROVAL, CONSENT = "choice", "approval", "consent"
YES, NO, ABSTAIN = 1, 2, 3

MAX_CHARS = 40  # votes are short; a paragraph that mentions 2号 is discussion
MAX_BARE = 20  # a bare number above this (88, 110, 666, 2333) is not a ballot number

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
REFS = rf"(?P<refs>{_REF}(?:{_SEP}{_REF})*)"
_PRE = r"(?:嗯|好|那|那么|行|ok|好吧|那就|那我就|算了)?"
SUBJ_ADV = (r"(?:我家|我们家|我|俺|本人|那我|我也|我还是|我就|也|还是|就|都|肯定|坚决|果断|毫不犹豫地?|必须|"
             r"一定|同|也是|"
             r"想了想还是|想来想去还是|考虑了一下还是|最后还是|思来想去还是)*")
_VERB = (r"(?:投一票给|这一票给|一票给|票投给|投票给|投给|投票|投|选择|选|支持|赞成|同意|力挺|挺|拥护|坚持|pick|"
         r"改投|改选|改回|改成|换成|改为|换|要)")
_ONE_VOTE = r"(?:一票|1票)?"
PARTICLES = r"(?:吧|啦|了|哈|呀|啊|哦|噢|嘛|的|呗|咯|喽|哟|哇|耶|呐|!)*"
_ALL = r"(?:都行|都可以|都支持|都同意|都好|都赞成|都不错|都挺好|都投|都选)?"
_TAIL = rf"{_ONE_VOTE}(?:方案|的(?:做法|办法|方案|建议|提议|意见))?{PARTICLES}(?:⊕)*{_ALL}{PARTICLES}"
_POST = (r"(?:⊕|最好|更好|好|不错|靠谱|最靠谱|挺好的?|很好|可以|行|支持|同意|赞成|我投|我选|我支持|我同意|我赞成|"
         r"好一些|最合适|合适)?")

CHOICE_CLAUSES = [
    re.compile(rf"^{_PRE}{SUBJ_ADV}{_VERB}{_ONE_VOTE}{REFS}{_TAIL}$"),  # 投2, 我支持3号, 我改投2号
    re.compile(rf"^{_PRE}{SUBJ_ADV}{REFS}{_POST}{_TAIL}$"),  # 2, 2号, 第二个, 3号+1, 2号吧, 想来想去还是2号
    re.compile(rf"^⊕{REFS}{_TAIL}$"),  # +1 3号
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
CONSENT_CLAUSES = [
    (value, re.compile(rf"^{_PRE}{_CONSENT_SUBJ}{_CONSENT_ADV}{_CONSENT_VERB}(?:{stance})+(?:票)?{_CONSENT_OBJ}"
                       rf"{_CONSENT_TAIL}$"))
    for value, stance in _STANCES
]
ANY_STANCE = re.compile(r"同意|赞成|赞同|支持|反对|弃权|拥护")

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
QUESTION = re.compile(r"[?？]")
CLAUSES = re.compile(r"[,，。.!！;；:：~～…\n]+|\s+")


def benign(clause: str) -> bool:
    if _SELF_INTRO.match(clause) or _CORRECTION.match(clause):
        return True
    if len(clause) > 16:
        return False
    return not _BENIGN_BLOCK.search(_HARMLESS.sub("", clause))


def numbers(refs: str) -> list[int]:
    return [int(n) for n in re.findall(r"\d+", refs)]
