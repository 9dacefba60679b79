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

_PLUS_ONE = re.compile(r"(?<!\d)\+\s*1(?!\d)")  # 3号+1, +1 3号; but 2+1 is two options
# Residents who write traditional characters (我揀3號, 贊成): the characters a vote or its look-alikes turn on.
_TRADITIONAL = str.maketrans("號選揀贊讚權棄對個擇給還覺認隨無謂為們這議見兩條項種與"
                             "樓棟單門層點嗎誰幾麼錢貴說媽會沒別撐過讓",
                             "号选拣赞赞权弃对个择给还觉认随无谓为们这议见两条项种与"
                             "楼栋单门层点吗谁几么钱贵说妈会没别撑过让")
_CN = "[一二两三四五六七八九十]+"
_CN_RULES = [
    re.compile(rf"(?<=第)({_CN})"),
    re.compile(rf"({_CN})(?=号(?!线|楼|门|床|柜|室|栋|单元)|个方案|个建议|个选项)"),
    re.compile(rf"(?<=方案|选项|提议|建议)({_CN})"),
    re.compile(rf"(?<=[投选])({_CN})(?=$|号|吧|啦|了|!|,|\s)"),
    re.compile(rf"(?<![\u4e00-\u9fff])({_CN})(?=[和跟、/]{_CN}(?:都|号|$|,|[和跟、/]))"),  # 一和二都可以
    re.compile(rf"(?<=\d[和跟、/])({_CN})(?=都|号|$|,|[和跟、/])"),
]


def _digits_for_numerals(text: str) -> str:
    """二号 → 2号, 第三个 → 第3个, 方案二 → 方案2, 投二 → 投2; 二楼, 一律, 二手 stay as they are."""
    for rule in (*_CN_RULES, _CN_RULES[-1]):  # the list rule again for the third of 一、二、三
        text = rule.sub(lambda m: str(cn_to_int(m.group(1))) if cn_to_int(m.group(1)) is not None else m.group(1),
                        text)
    return text


def canonical(text: str) -> str:
    """Normalised for reading votes: half width, simplified, no emoji, +1 as ⊕, numerals as digits, spaces resolved."""
    text = normalize(text).translate(_TRADITIONAL)
    text = re.sub(r"^@\S+\s*", "", text)  # @议事会助手 投2
    text = _PLUS_ONE.sub("⊕", text)
    text = re.sub(r"(?<=\d) +(?=\d)", ",", text)  # 1 3 → 1,3
    text = re.sub(r" +(?=[\d#⊕号])|(?<=[\d#⊕]) +|(?<=[投选]) +", "", text)  # 投 2 → 投2, 2 号 → 2号
    text = _digits_for_numerals(text)
    return text.strip(" ,.!。~～")


# ------------------------------------------------------------------ clause grammar

_REF = (r"(?:第\d{1,3}(?:个|号|条|项|种)?|#\d{1,3}号?|(?:方案|选项|提议|建议)\d{1,3}号?|\d{1,3}号?)"
        r"(?:方案|建议|选项|提议)?")
_SEP = r"(?:和|跟|与|及|、|/|\+|或者|或|还有|以及|加)?"
REFS = rf"(?P<refs>{_REF}(?:{_SEP}{_REF})*)"
_PRE = r"(?:嗯|好|那|那么|行|ok|好吧|那就|那我就|算了)?(?:这个|这事|这件事|这次|这回)?"
# The voter: 我, and as residents write it in dialect (俺, 额, 偶, 咱, 阿拉, 我哋), for a household (我家, 阿拉屋里厢)
# or with others who vote the same (我跟我老公都, 我和大家都).
ME = r"(?:我自己|我哋|我地|阿拉|我|俺|额|偶|咱|本人|自己)"
_HOUSEHOLD = rf"{ME}(?:们)?(?:家|屋里厢|屋里|屋头|全家|一家)"
_WITH = rf"{ME}(?:跟|和|同)(?:(?![不没别说])[\u4e00-\u9fff]){{1,4}}?(?:都|也都|一起)"
SUBJ_ADV = (rf"(?:{_WITH}|{_HOUSEHOLD}|{ME}|那我|也|还是|就|都|只|肯定|坚决|果断|毫不犹豫地?|必须|"
            r"一定|同|也是|"
            r"想了想还是|想来想去还是|考虑了一下还是|最后还是|思来想去还是)*")
_VERB = (r"(?:投一票给|这一票给|一票给|票投给|投票给|投给|投票|投个|投的是|投的|投|选择|选的是|选的|选|拣|挑|"
         r"支持|赞成|同意|力挺|挺|撑|拥护|坚持|pick|改投|改选|改回|改成|换成|改为|换|要)")
_ONE_VOTE = r"(?:一票|1票)?"
PARTICLES = r"(?:吧|啦|了|哈|呀|啊|哦|噢|嘛|的|呗|咯|喽|哟|哇|耶|呐|噻|撒|嘞|咧|哒|喔|啰|额|嘎|噶|哩|!)*"
_ALL = (r"(?:(?:我|俺)?(?:也)?(?:都|全都)(?:行|可以|支持|同意|好|赞成|不错|挺好|投|选|要|要得|得行|ok))?")
_TAIL = rf"{_ONE_VOTE}(?:方案|的(?:做法|办法|方案|建议|提议|意见))?{PARTICLES}(?:⊕)*{_ALL}{PARTICLES}"
_PRAISE = (r"(?:最好|更好|好|不错|靠谱|最靠谱|挺好的?|很好|可以|行|好一些|最合适|合适|实在|最实在|划算|最划算|"
           r"实用|最实用|得行|要得|好使)")
_POST = rf"(?:⊕|{_PRAISE}|我投|我选|我支持|我同意|我赞成|支持|同意|赞成)?"

CHOICE_CLAUSES = [
    re.compile(rf"^{_PRE}{SUBJ_ADV}{_VERB}{_ONE_VOTE}{REFS}{_TAIL}$"),  # 投2, 我支持3号, 我改投2号
    re.compile(rf"^{_PRE}{SUBJ_ADV}{REFS}{_POST}{_TAIL}$"),  # 2, 2号, 第二个, 3号+1, 2号吧, 想来想去还是2号
    re.compile(rf"^⊕{REFS}{_TAIL}$"),  # +1 3号
]
# Clauses that only count beside a vote of their own message: 2号也可以 (approval: one more), 我觉得2号得行.
WEAK_CLAUSES = [
    re.compile(rf"^{SUBJ_ADV}{REFS}(?:方案)?(?:也|也还)(?:可以|行|不错|挺好|支持|同意|要得|得行|ok){PARTICLES}$"),
    re.compile(rf"^{ME}?(?:还是)?(?:觉得|认为|感觉)(?:还是)?{REFS}(?:方案)?{_PRAISE}{PARTICLES}$"),
]
# 3号太贵, 1号不现实 beside a vote for another option: that option is ruled out, not chosen.
CRITIC = re.compile(rf"^{REFS}(?:方案)?(?:太(?:贵|麻烦|吵|乱|远|费钱|花钱|复杂|难|折腾)|"
                    rf"不(?:太)?(?:行|好|合适|现实|靠谱|实际|划算)|没用|没必要|有问题|要涨价|花钱太多|费钱){PARTICLES}$")

_YES = (r"(?:没啥好反对的|没什么好反对的|举双手赞成|举双手同意|双手赞成|双手同意|举手赞成|举手同意|赞成|同意|支持|赞同|"
        r"拥护|认同)")
_NO = r"(?:不同意|不赞成|不支持|不赞同|反对)"
_ABSTAIN = r"(?:弃权|无所谓|都行|都可以|随便|中立|保持中立|怎样都行|怎么都行|怎么样都行|都ok)"
# 我不赞成也不反对 says why one abstains, beside 弃权; alone it is not a vote.
NEITHER = re.compile(rf"^{ME}?(?:既)?不(?:赞成|同意|支持)也不反对$|^{ME}?(?:既)?不反对也不(?:赞成|同意|支持)$")
_STANCES = ((YES, _YES), (NO, _NO), (ABSTAIN, _ABSTAIN))
_CONSENT_SUBJ = rf"(?:{_WITH}|{_HOUSEHOLD}|{ME}(?:们)?(?:是|也是|也|还是|就)?)?"
_CONSENT_ADV = (r"(?:非常|完全|坚决|强烈|一百个|一万个|一千个|必须|当然|肯定|绝对|十分|也|还是|就|坚定|全力|大力|"
                r"百分百|表示|没意见|没有意见)*")
_CONSENT_VERB = r"(?:投|选择|选|投个|改投|改成|改为|换成|改)?"
_CONSENT_OBJ = r"(?:(?:这个|该|此|本)?(?:方案|决议|提议|议案|建议|动议|决定))?"
_CONSENT_TAIL = r"(?:的|吧|啦|了|哈|呀|啊|哦|噻|撒|嘞|额|!|⊕|票|一票)*"
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
_ROOM = r"(?:\d{1,3}(?:号楼|栋|幢|楼|单元|层|室)-?)*(?:\d{3,4}(?:室|号)?)?"
# 我是3号楼的, 我家302, 住6楼: who is voting, not what for (checked before the vote grammar: 302 is no option).
SELF_INTRO = re.compile(rf"^(?=\D*\d)(?=.*(?:号楼|栋|幢|楼|单元|层|室|\d{{3}}))"
                        rf"(?:(?:我|俺|额|偶|咱|阿拉)(?:家|们家)?(?:是|住|家住|家在|在|住在)?|(?:住|住在|家住|家在))"
                        rf"{_ROOM}(?:的)?$")
_CORRECTION = re.compile(r"^(?:我|刚才|我刚才|刚刚|我刚刚)?(?:投错了|选错了|点错了|按错了)$")
_HARMLESS = re.compile(r"凭什么|其他|其它|其余|谢谢大家|感谢大家|辛苦大家|大家辛苦了")  # removed before the check
QUESTION = re.compile(r"[?？]")

# ------------------------------------------------------------------ around the vote: turns, other people

# 2号其实也不错，不过我还是投1 / 虽然要出钱，但我还是同意的: after the turn to 还是, the rest decides.
TURN = re.compile(r"(?=(?:但是|但|不过|可是|然而)(?:我|俺|额|偶|阿拉|咱)?(?:还是|最后还是|最终还是|依然|仍然))")
CONTRAST = re.compile(r"^(?:但是|但|不过|可是|然而)(?P<rest>.+)$")
# What may come before such a turn: not a question or a condition; someone else only when the turn says 我.
TURN_BLOCK = re.compile(r"[?？]|吗|呢|如果|要是|假如|万一|的话|除非|只要")
TURN_OTHERS = re.compile(r"他|她|妈|爸|老公|老婆|老伴|婆婆|公公|爱人|媳妇|大家|别人|邻居|楼上|楼下|说")
# 刚才手滑点了1 / 之前投的反对, then 改成3号 / 改成赞成: the earlier vote is taken back.
PREVIOUS = re.compile(rf"^(?=\D*(?:之前|刚才|刚刚|本来|原来|先前|一开始|手滑|不小心|手抖))"
                      rf"(?:我)?(?:之前|刚才|刚刚|本来|原来|先前|一开始)?(?:手滑|不小心|手抖|误)?(?:投|选|点|按)(?:的|了|错了|错)?(?:是|成)?"
                      rf"(?:{_REF}|赞成|反对|弃权|同意|不同意)?$")
CHANGE = re.compile(r"^(?:那|就|我|那就)?(?:改成|改投|改为|换成|改选|改回)")
_PERSON = (r"(?:老公|老婆|爱人|老伴|老头子|老头|老太婆|老太太|媳妇|对象|婆婆|公公|丈母娘|岳母|岳父|"
           r"妈妈|爸爸|老妈|老爸|妈|爸|"
           r"儿子|女儿|闺女|孩子|家里人|家人|那口子|他们|她们|他|她|楼上|楼下|邻居|隔壁|对门|对面|老[\u4e00-\u9fff]|小[\u4e00-\u9fff]|"
           r"阿姨|叔叔|大爷|大妈|奶奶|爷爷|[\u4e00-\u9fff](?:阿姨|叔|姐|哥))")
# 我老头子投的2 beside 我投3: someone else's vote, reported; counts for nothing, and only stands beside one's own.
REPORT = re.compile(rf"^(?:我|我家|我们家|俺|俺家)?(?:{_PERSON}|老人|的){{1,3}}(?:说|讲)?(?:他|她)?(?:要|也|都|想)?"
                    rf"(?:投|选|支持|挑|拣|赞成|同意|反对|弃权|不同意)(?:的|了)?(?:是)?(?:{_REF})?{PARTICLES}$")
OWN = re.compile(rf"^{_PRE}{ME}(?![老妈爸婆公])")
# 跟大家一样, 理由同楼上 beside one's own vote.
ALONG = re.compile(r"^(?:我|我也)?(?:跟|和|同|随)(?:大家|楼上|楼上的|邻居们|大伙儿?|大多数人)"
                   r"(?:一样|一起|的意见|意见)?$"
                   r"|^(?:理由|原因)?同楼上$|^附议$|^随大流$")
CLAUSES = re.compile(r"[,，。.!！;；:：~～…\n]+|\s+")


def benign(clause: str) -> bool:
    if SELF_INTRO.match(clause) or _CORRECTION.match(clause) or ALONG.match(clause):
        return True
    if len(clause) > 16:
        return False
    return not _BENIGN_BLOCK.search(_HARMLESS.sub("", clause))


def numbers(refs: str) -> list[int]:
    return [int(n) for n in re.findall(r"\d+", refs)]
