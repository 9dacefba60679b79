"""The shapes of a typed vote: the canonical form of a message and the clause grammar of votes, stances and the
short harmless remarks that may stand beside them, and the options they name (every option, a position, digits typed
together). Used by votes.py and _vote_consent.py (counting) and vote_guess.py
(asking)."""

from __future__ import annotations

import re

from council.language._text import cn_to_int, normalize

CHOICE, APPROVAL, CONSENT = "choice", "approval", "consent"
YES, NO, ABSTAIN = 1, 2, 3

MAX_CHARS = 40  # votes are short; past this only a closing vote of the sender's counts (votes.py: 说两句…所以我投1)
# Longer still as typed (emoji, spaces) is no vote either: checked before canonical(), whose numeral rules would take
# a fifth of a second on a 4,000-character run of 一二一二 (a message at Telegram's limit).
MAX_TYPED = 200
MAX_BARE = 20  # a bare number above this (88, 110, 666, 2333) is not a ballot number

# ------------------------------------------------------------------ canonical form

_PLUS_ONE = re.compile(r"(?<!\d)\+\s*1(?!\d)")  # 3号+1, +1 3号; but 2+1 is two options
# Residents who write traditional characters (我揀3號, 贊成): the characters a vote or its look-alikes turn on.
_TRADITIONAL = str.maketrans("號選揀贊讚權棄對個擇給還覺認隨無謂為們這議見兩條項種與係嘅"
                             "樓棟單門層點嗎誰幾麼錢貴說媽會沒別撐過讓實際靈辦樣話錯"
                             "壹贰貳叁肆伍柒捌玖",  # 叁号: the numerals of receipts (not 陆, 拾, 參: 陆阿姨, 收拾)
                             "号选拣赞赞权弃对个择给还觉认随无谓为们这议见两条项种与是的"
                             "楼栋单门层点吗谁几么钱贵说妈会没别撑过让实际灵办样话错"
                             "一二二三四五七八九")
_CN = "[一二两三四五六七八九十]+"
_CN_RULES = [
    # 第二个, 第三条; not 安全第一 (safety first) and its kin, said as a reason
    re.compile(rf"(?<=第)(?<!(?:安全|健康|生命|质量|身体|友谊|效率|民生|孩子|老人)第)({_CN})"),
    re.compile(rf"({_CN})(?=号(?!线|楼|门|床|柜|室|栋|单元)|个方案|个建议|个选项)"),
    re.compile(rf"(?<=方案|选项|提议|建议)({_CN})"),
    # 投二, 支持三, 我的一票给三, 投个二, 勾二 (tick): a numeral right after a vote verb, at the end of its clause or
    # first of a list (我支持一、二); not 投个二百五, 选个二手的
    re.compile(rf"(?:(?<=[投选挺勾])|(?<=支持)|(?<=选择)|(?<=赞成)|(?<=票给)|(?<=投给)|(?<=投个)|(?<=选个)|(?<=选的是)"
               rf"|(?<=投的是))({_CN})"
               rf"(?=$|号|吧|啦|了|!|,|\s|[和跟、/]{_CN}(?:都|号|$|,|[和跟、/]))"),
    re.compile(rf"(?<![\u4e00-\u9fff])({_CN})(?=[和跟、/]{_CN}(?:都|号|吧|$|,|[和跟、/]))"),  # 一和二都可以, 二跟四吧
    re.compile(rf"(?<=\d[和跟、/])({_CN})(?=都|号|吧|$|,|[和跟、/])"),
]


def _digits_for_numerals(text: str) -> str:
    """二号 → 2号, 第三个 → 第3个, 方案二 → 方案2, 投二 → 投2; 二楼, 一律, 二手 stay as they are."""
    for rule in (*_CN_RULES, _CN_RULES[-1]):  # the list rule again for the third of 一、二、三
        text = rule.sub(lambda m: str(cn_to_int(m.group(1))) if cn_to_int(m.group(1)) is not None else m.group(1),
                        text)
    return text


# 我勿同意, 伐同意 (Wu), 唔赞成 (Cantonese): the dialect's 不 before a vote word (not 伐晓得选哪个: 伐 before
# anything else stays, and so does the Shanghainese question 伐 at the end: 侬同意伐).
_DIALECT_NOT = re.compile(r"[勿唔伐](?=同意|赞成|支持|赞同|反对|弃权|投|选)")
# Slips of the pinyin keyboard on the words a vote turns on (同意 → 同一 / 统一 is read in the stance grammar:
# 同一 is a word of its own).
_SLIPS = ((re.compile(r"反队|返对|反怼"), "反对"), (re.compile(r"弃全|气权|弃劝|弃个权|弃一下权"), "弃权"),
          (re.compile(r"赞城|攒成|赞曾|赞承"), "赞成"),
          # 头3号, 我偷2号, 头2: 投 heard as 头 or typed as 偷 (tōu), only first and before an option's number or
          # alone with it (头3个 is "the first three")
          (re.compile(r"^(我?)[头偷](?=\d{1,2}(?:号|$)|[一二三四五六七八九]号)"), r"\1投"),
          # 选二好, 投3好: 号 typed as 好 (hǎo), a whole message of a vote verb and an option's number
          (re.compile(r"^(我?(?:投|选))(\d{1,2}|[一二三四五六七八九])好$"), r"\1\2号"),
          # 支持第2各: 个 typed as 各 (gè) after an option's place; 我选滴是2: 的 as 滴 (dī)
          (re.compile(r"(?<=第\d)各|(?<=第[一二三四五六七八九])各"), "个"),
          (re.compile(r"(?<=[投选])滴(?=是)"), "的"),
          # 我投儿号, 我选而号: 二 heard as 儿 or typed as 而 (ér), right after a vote verb, before 号
          (re.compile(r"(?<=[投选])[儿而](?=号)"), "二"),
          # 我觉着1号蛮好: 觉着, as 觉得 is said in the north and in Wu
          (re.compile(r"(?<!睡)觉着"), "觉得"),
          # 我选2号放案: 方案 typed with a character of the same sound (fàng, fáng, fǎng) after an option
          (re.compile(r"(?<=[\d号])[放防访房仿](?=案)"), "方"),
          # 我系反对嘅 (Cantonese 系, to be, as written in simplified characters): only after 我 / 佢, before a vote
          (re.compile(r"(?<=[我佢])系(?=住|投|选|支持|同意|赞成|反对|弃权|不|\d)"), "是"),
          # 投1票给2号: one vote, for option 2
          (re.compile(r"投(?:1|一)票给(?=\d|[一二三四五六七八九十]号|第|#)"), "投"),
          # 选着1号: 选择 typed as 选着, before an option
          (re.compile(r"选着(?=\d|[一二三四五六七八九]号|第)"), "选择"),
          # 我选弟三个: 第 typed as 弟 (not 我弟, 老弟, 表弟 …: a brother)
          (re.compile(r"(?<![我俺你他她老小兄表堂徒子师贤令胞弟])弟(?=[一二三四五六七八九十\d](?:个|号|条|项|种))"),
           "第"))
# 一三, 二四: the numerals of two or more options in a row and nothing else (in order, none twice).
_NUMERAL_RUN = re.compile(r"^[一二三四五六七八九]{2,4}$")
# 俺选一二四: the same run right after a vote verb, ending its clause.
_VERB_RUN = re.compile(r"(?<=[选投挑勾])([一二三四五六七八九]{2,4})(?=$|吧|了|啦|[,!])"
                       r"|^([一二三四五六七八九]{2,4})(?=都|全)")  # 一二三都赞成: a run opening the message


def _numeral_run(text: str) -> str:
    if _NUMERAL_RUN.match(text):
        digits = [cn_to_int(char) for char in text]
        if digits == sorted(set(digits)):
            return ",".join(str(d) for d in digits)
        return text

    def listed(match: re.Match) -> str:
        run = match.group(1) or match.group(2)
        digits = [cn_to_int(char) for char in run]
        return "、".join(str(d) for d in digits) if digits == sorted(set(digits)) else run

    return _VERB_RUN.sub(listed, text)


def canonical(text: str) -> str:
    """Normalised for reading votes: half width, simplified, no emoji, +1 as ⊕, numerals as digits, spaces resolved,
    dialect negation as 不 and keyboard slips of the vote words mended."""
    text = normalize(text).translate(_TRADITIONAL)
    text = _DIALECT_NOT.sub("不", text)
    for slip, word in _SLIPS:
        text = slip.sub(word, text)
    text = re.sub(r"^@\S+\s*", "", text)  # @议事会助手 投2
    text = re.sub(r"(?<!\d)(\d{1,2})\s*:\s*(\d{2})(?!\d)", r"\1点\2分", text)  # 08:30 刚看到: a time, not two clauses
    text = re.sub(r"[「『][^」』:]*:[^」』]*[」』]", "", text)  # 「王大爷：我选1」 quoted: someone else's words
    text = re.sub(r"[「『」』]", "", text)  # 我选「2号」: only marks around the option
    text = re.sub(r"(?:[-—]\s*){3,}", " ", text)  # - - - - - under a quote
    text = re.sub(r"(理由|原因)(?:是)?\s*:\s*", r"\1是", text)  # 一号 理由：不用大家出钱: the reason is one clause
    text = re.sub(r"(?<=投票|选择)\s*:\s*(?=[\d第#一二三四五六七八九])", "", text)  # 投票：2
    text = re.sub(r"^(?:都选上|都选|全选|全都选|都投|全投)\s*:\s*(?=\d)", "选", text)  # 都选上：1234
    text = re.sub(r"第\s*#(?=\d)", "第", text)  # 第①个: the circled digit read as #1 (normalize)
    text = _PLUS_ONE.sub("⊕", text)
    text = re.sub(r"(?<=\d) +(?=\d)", ",", text)  # 1 3 → 1,3
    text = re.sub(r"(?<=\d) +(?=号楼|楼(?![上下])|栋|幢|层|单元|室)", "", text)  # 3 楼那家: a floor, not 3 and a remark
    text = re.sub(r"(?<=\d) +(?=不(?:同意|要|选|投|支持|行)|反对)", "", text)  # 1 2 都同意，3 不同意
    text = re.sub(r"(?<=[\d号]) *([和跟与、/]) *(?=[\d第#])", r"\1", text)  # 1 和 2 → 1和2
    text = re.sub(r"(?<=[\d号])、(?:选|投)(?=\d)", "、", text)  # 选1、选3: one list
    # 投 2 → 投2, 2 号 → 2号, 方案 2 → 方案2; but 4号我觉得可以 1号也可以 keeps its two clauses
    text = re.sub(r"(?:^|(?<=[投选第给挺撑站案项议择要#⊕\d])) +(?=[\d#⊕号])"
                  r"|(?<=[\d#⊕]) +(?![\u4e00-\u9fff])|(?<=[\d#⊕]) +(?=[号个票条项种都也])"
                  r"|(?<=[投选]) +", "", text)  # but 选1 谢谢 keeps its remark apart
    text = _digits_for_numerals(_numeral_run(text.strip(" ,.!。~～")))
    text = _REPEATED.sub(r"\1", text)  # 选2选2, 2号2号: said twice for emphasis
    return text.strip(" ,.!。~～")


_REPEATED = re.compile(r"((?:[投选]|支持)\d{1,2}号?|(?<![投选\d])\d{1,2}号)\1+(?!\d)")


# ------------------------------------------------------------------ clause grammar

_REF = (r"(?:第\d{1,3}(?:个|号|条|项|种)?|#\d{1,3}号?|(?:方案|选项|提议|建议|提案)\d{1,3}号?|\d{1,3}号?)"
        r"(?:方案|建议|选项|提议|提案)?")
_SEP = r"(?:和|跟|与|及|、|/|\+|或者|或|还有|以及|加|搭|同埋|同)?"  # 2搭4: Shanghainese 搭, and; 1號同3號: Cantonese 同
REFS = rf"(?P<refs>{_REF}(?:{_SEP}{_REF})*)"
_DET = r"(?:那个|这个|原来那个|原来的)?"  # 我觉得那个第三个方案挺好的 / 还是选原来那个2吧
# 听了解释现在同意了: what changed the voter's mind.
HEARD = (r"(?:(?:听了|看了|听完|看完)"
         r"(?:(?:(?:社工|物业|居委会?|主任|楼长|网格员|工作人员|专家|师傅|施工方|大家)(?:的)?)?(?:解释|说明|介绍|讲解)"
         r"|大家说的|大家的意见|大家的理由)(?:以后|之后|后)?)")
# 哈哈选2, 想想还是同意: laughter, or a second thought, before the vote.
_PRE = (rf"(?:哈{{2,}}|嘿{{2,}}|呵{{2,}}|嘻{{2,}})?(?:嗯|好|那|那么|行|ok|好吧|那就|那我就|算了)?{HEARD}?"
        r"(?:现在|后来|最后|最终)?"
        r"(?:(?:刚才|刚刚)?(?:想了想|想想|想了一下|再三考虑|考虑了一下|仔细想想|转念一想|后来想想|想来想去|"
        r"(?:纠结|犹豫|琢磨|考虑|想)了?半天))?"  # 纠结了半天还是4吧, 刚才想了想还是1号稳妥
        r"(?:这个|这事|这件事|这次|这回)?"
        r"(?:再说一遍|再说一次|重复一遍|再重复一遍|重申一下|再强调一遍|再强调一下)?")  # 再说一遍3号: said again
# The voter: 我, and as residents write it in dialect (俺, 额, 偶, 咱, 阿拉, 我哋), for a household (我家, 我家两口子,
# 阿拉屋里厢) or with others who vote the same (我跟我老公都, 我和大家都); 我这票 is the voter's own ballot.
ME = r"(?:我自己|我哋|我地|阿拉|我|俺|额|偶|咱|本人|自己)"
_HOUSEHOLD = (rf"{ME}(?:们)?(?:家|屋里厢|屋里向|屋里|屋头|全家|一家|这户|户)(?:这户|这一户)?"
              r"(?:两口子|老两口|两个|俩|(?:[二两三四五六七八]|\d)口人?|一家人|一家子|全家|人|里)?")
_WITH = rf"{ME}(?:跟|和|同)(?:(?![不没别说])[\u4e00-\u9fff]){{1,6}}?(?:都|也都|一起)"  # 我跟我家老头子都投2
_BALLOT = rf"{ME}?(?:这一?票|那一?票|的票|这票)"  # 我那票改投2号: the vote cast before
# 跟大家一样选1: one's own vote, said to agree with the many (someone named is another matter: 跟刘姐一样 alone).
_ALONG = r"(?:也)?(?:跟|和|同|随)(?:大家|大伙儿?|大多数人?|多数人|大部分人)(?:一样|的一样)(?:也|都)?"
# Words a resident puts before an opinion: 看了一圈, 想了想, 说实话, 个人.
_LEAD_IN = (r"(?:看了一圈|看了看|看来看去|比较了一下|对比了一下|综合来看|总的来说|说实话|说真的|个人|"
            r"要我说|要我看|依我看|照我说|照我看|在我看来|"  # 要我说还是7号最实在
            r"(?:这)?(?:\d|[两三四五六七八九])个(?:方案|选项)?(?:里面|里头|当中|中间|之中|里))")  # 四个里面我挑1跟4
# 我昨天已经投了3号: the day of a vote already cast on this ballot, only before 已经 (上次, 上回: another ballot).
_DAY_DONE = (r"(?:(?:昨天|前天|今天)(?:早上|上午|中午|下午|晚上)?|昨晚|前两天|今早|早上|上午|中午|下午|晚上)"
             r"(?=(?:就|都)?(?:已经|早就))")
SUBJ_ADV = (rf"(?:{_WITH}|{_HOUSEHOLD}|{_BALLOT}|{ME}|{_LEAD_IN}|{_ALONG}|{_DAY_DONE}|那我|也|还是|就|都|只|先|已经|"
            r"早就|(?:肯定|坚决|果断|必须)(?:地|滴)?|"  # 必须滴选2号: 滴 for 地 (的)
            r"(?:迷迷糊糊|迷糊着|随手|顺手|顺便|赶紧|匆匆忙忙|匆忙)(?:地|滴)?|"  # 夜班刚下，迷迷糊糊投个4号
            r"毫不犹豫地?|一定|同|也是|都是|梗是|梗系|重新|"  # 梗係投4號 (Cantonese: of course)
            r"想了想还是|想来想去还是|考虑了一下还是|最后还是|思来想去还是)*")
_VERB = (r"(?:投一票给|这一票给|一票给|的一票给|的一票投给|的票给|这票给|这票投给|把(?:我的|这|这一)?一?票(?:投)?给|"
         r"票投给|^票投|投票给|投给|投票|投个|投的是|投的|投了|投|选择|选的是|选的|选了|选个|选|拣|挑|"
         r"要投|要选|就要|要的是|意见是|的意见是|(?:的|咯)?意思是(?:选|投)?|"  # 我要的是3号 / 我咯意思是选3号咯
         r"(?<=[只就])(?:保留|留下|留)|"  # 只留1号
         r"(?<=已经|早就)(?:投过|选过|点过|点了|点的)|"  # 我已经投过2了: this ballot's vote, said again
         r"勾选|勾了|勾的是|勾|打勾|打钩|"  # 我勾2、3, 阿拉勾2搭4: ticking the option on the list
         r"支持|赞成|赞同|认同|同意|力挺|挺|撑|拥护|附议|坚持|pick|改投|改选|改回|改成|换成|改为|改(?=\d|第|#)|换|要|站在|站队|站|"
         r"整(?!个)|搞(?!个))")  # 整第三个吧 (north-east), 搞2号; not 整个, 搞个
_ONE_VOTE = r"(?:一票|1票)?"
PARTICLES = r"(?:吧|啦|了|哈|呀|啊|哦|噢|嘛|的|滴|呗|咯|喽|哟|哇|耶|呐|噻|撒|嘞|咧|哒|喔|啰|额|嘎|噶|哩|!)*"
# 1和3都行, 四号五号一起投, 1 2 3全投: the options named, all of them taken.
_ALL = (r"(?:(?:我|俺)?(?:也)?(?:都|全都|全|一起|一块儿?|一并|都一起)"
        r"(?:行|可以|支持|同意|好|赞成|不错|挺好|选上|投上|投|选|要|要得|得行|ok|得做|要做|该做|应该做|必须做))?")
_SIDE = r"(?:这边|那边|一边|这一边|这队|那队)?"  # 我站2号这边
_VOCATIVE = r"(?:老铁们?|兄弟们?|姐妹们|家人们|各位|亲们?)?"  # 必须5号啊老铁: the listeners, called at the end
_TAIL = (rf"{_SIDE}{_ONE_VOTE}(?:方案)?(?:的(?:做法|办法|方案|建议|提议|意见))?{PARTICLES}(?:⊕)*{_ALL}{PARTICLES}"
         rf"{_VOCATIVE}")
# Words that call one option the better: 2号靠谱, 还是三号好一点, 一号最合理, 4号中 (Henan: good).
_PRAISE = (r"(?:最好|更好|好一点|好一些|好点|好些|比较好|好|不错|靠谱|最靠谱|更靠谱|比较靠谱|挺好的?|很好|"
           r"蛮好|满好|蛮不错|可以|行|"
           r"最合适|更合适|比较合适|合适|实在|最实在|更实在|划算|最划算|更划算|实用|最实用|更实用|得行|要得|好使|合理|最合理|更合理|"
           r"比较合理|中|必须的|省事|最省事|稳妥|稳当|保险|实际|最实际|更实际|"
           r"(?:实在|合适|靠谱|划算|实际|实用|省事|省钱|便宜)(?:一)?点儿?|"  # 还是第四个实在点
           r"(?:最|更|蛮|挺)?(?:得劲|巴适|灵光)|"  # 得劲 (north), 巴适 (Sichuan), 灵光 (Shanghai)
           r"(?:都)?(?:得|要|该|应该|必须)(?:做|搞|弄|办))")  # 1跟5都得做: must be done
# 我觉得, 我认为, 我看: an opinion that names one option and calls it good is a vote (还是觉得二号靠谱).
_OPINE = rf"(?:{ME}?(?:个人)?(?:都|也)?(?:还是)?(?:觉得|认为|感觉|看)(?:还是)?)"  # 4号我都觉得行
_POST_VOTE = (rf"(?:⊕|{ME}?(?:也|就|还是)?(?:举双手|双手|举手|完全|坚决|非常)?(?:投|选|支持|同意|赞成)(?:它|这个)?"
              r"|(?:是)?(?:肯定|必须|一定|绝对)要)?")  # 1号肯定要的

# Explicit votes: a vote word or the option alone (投2, 2号, 一号方案我举双手赞成, +1 3号).
CHOICE_CLAUSES = [
    # 投2, 我支持3号, 我站2号这边, 我要5号那条
    re.compile(rf"^{_PRE}{SUBJ_ADV}{_VERB}{_ONE_VOTE}{_DET}{REFS}(?:那条|那个|那项|那一个)?{_TAIL}$"),
    re.compile(rf"^{_PRE}{SUBJ_ADV}{_DET}{REFS}{_POST_VOTE}{_TAIL}$"),  # 2, 第二个, 3号+1, 想来想去还是2号
    re.compile(rf"^⊕{REFS}{_TAIL}$"),  # +1 3号
    # 就2号一个: only that one
    re.compile(rf"^{_PRE}{SUBJ_ADV}(?<=[就只]){_VERB}?{REFS}(?:这)?一(?:个|项|条){PARTICLES}$"),
]
# Opinions that call one option good: counted as a vote, but not strong enough to carry a "but" (2号不错，但太贵).
OPINION_CLAUSES = [
    re.compile(rf"^{_PRE}{SUBJ_ADV}{_DET}{REFS}(?:方案)?{_OPINE}?{_PRAISE}{_TAIL}$"),  # 2号靠谱, 4号方案我觉得可以
    re.compile(rf"^{_PRE}{SUBJ_ADV}{_OPINE}{_DET}{REFS}(?:方案)?{_PRAISE}{_TAIL}$"),  # 还是觉得二号靠谱
]
VOTE_CLAUSES = CHOICE_CLAUSES + OPINION_CLAUSES
# 刚看了大家的理由觉得3号更好: a reason that calls an option good, after a narrative; counts only beside an explicit
# vote for that same option. Not after a negation, a condition, a contrast or a question.
OPINE_GOOD = re.compile(rf"^(?:(?![不没别甭]|如果|要是|假如|万一|但|不过|可是|吗|呢)[\u4e00-\u9fff]){{0,10}}"
                        rf"(?:觉得|认为|感觉|发现|看来){_DET}{REFS}(?:方案)?(?:确实|的确|真的|还是)?{_PRAISE}{_TAIL}$")
# 我个人倾向第三个 (asked about alone), 2号最好尽快落实: a leaning or a wish to see it done; counts only beside an
# explicit vote for that same option, like OPINE_GOOD.
LEANING = re.compile(rf"^{ME}?(?:个人)?(?:比较|更|还是|一直)?(?:倾向于?|偏向于?|看好|偏爱){_DET}{REFS}(?:方案)?"
                     rf"{PARTICLES}$")
HURRY = re.compile(rf"^(?:希望)?{REFS}(?:方案)?(?:最好|要|得|能|希望|一定要)?(?:尽快|赶紧|早点|快点|抓紧|马上|早日)"
                   rf"(?:落实|执行|实施|开工|动工|弄|装|办|搞|做)(?:起来|好|上|了|完)?{PARTICLES}$")
# 只有5号不用花钱, 3号最要紧: what sets the option apart; counts only beside an explicit vote for that same option.
VIRTUE = re.compile(rf"^(?:只有|就|就是|还是|毕竟|而且)?{REFS}(?:的)?(?:方案)?(?:最|更|比较|真的|确实|才)?"
                    r"(?:要紧|重要|急|紧急|迫切|需要|便宜|省钱|实惠|不用花钱|不花钱|不用出钱|不用掏钱|不收钱|不要钱|免费|不涨价|"
                    r"钱最少|花钱最少|花钱少|钱少|"  # 四号的方案钱最少
                    rf"安全|方便|省事|省心|一劳永逸|管用|有用|见效快?|吉利)(?:的)?{PARTICLES}$")  # 8号吉利
# Clauses that only count beside a vote of their own message: 2号也可以 (approval: one more), 再加个2号.
WEAK_CLAUSES = [
    re.compile(rf"^(?:另外|还有|再就是)?{SUBJ_ADV}{REFS}(?:方案)?(?:{_OPINE})?(?:也|也还)"
               rf"(?:可以|行|不错|挺好|支持|同意|要得|得行|ok)(?:一下|一波)?{PARTICLES}$"),  # 投1，3，另外4也行
    re.compile(rf"^(?:再|在|还|另外)?(?:加(?:上|个|一个)?|补(?:上|个|一个)?|外加|再选|再投|再支持|选上|带上|还有)(?:个)?{REFS}"
               rf"{_TAIL}$"),  # 我选了2和4，再补一个1 / 选3，还有5
]
# On approval: every option (全选, 四个都支持) or all but some (除了2号都行).
ALL_OPTIONS = re.compile(rf"^{_PRE}{ME}?(?:也)?(?:全选|全都选|全部选|全投|全都投|全部投|全都要|全部都要|"
                         rf"(?:(?:这)?(?P<count>\d|[两三四五六七八九十])个(?:方案|选项|建议)?)?{ME}?"
                         rf"(?:全部都|全都|全部|都|全)(?:支持|选|投|要|同意|赞成)){PARTICLES}$")  # 全部都支持
# 前三个都支持, 选前两个, 后两个都行: the first (last) few options of the ballot, on approval.
FIRST_FEW = re.compile(rf"^{_PRE}{ME}?(?:也)?(?:(?:选|投|支持|要)最?(?P<pre>前|后)(?P<pre_n>\d|[两三四五六七八九])个"
                       rf"(?:方案|选项|建议)?|最?(?P<end>前|后)(?P<end_n>\d|[两三四五六七八九])个(?:方案|选项|建议)?{ME}?(?:全都|全部|都|全)"
                       rf"(?:支持|选|投|要|同意|赞成|行|可以|好|ok))(?:吧)?{PARTICLES}$")
ALL_BUT = re.compile(rf"^除了?{REFS}(?:以外|之外)?(?:其他|其它|其余|别的)?(?:的|几个|方案|选项)*{ME}?"
                     rf"(?:全都|全部|都|全)(?:行|可以|支持|选|投|要|同意|赞成|好|ok){PARTICLES}$")
_FAULT = (r"(?:太(?:贵|麻烦|吵|乱|远|费钱|花钱|复杂|难|折腾)|(?:要|得|还要|还得)(?:收钱|收费|交钱|出钱|花钱|掏钱)|"
          r"(?:就)?(?:不要|不选|不投|不支持|免了|pass|算了)|"  # 1和2都可以，3不要 / 2就算了: excluded
          r"不(?:太)?(?:行|好|合适|现实|靠谱|实际|划算|实用)|"
          r"没用|没必要|有问题|要涨价|花钱太多|费钱|做不到|不好弄|落实不了)")
# 3号太贵, 想了想1号太麻烦, 1号肯定不行, 3号我觉得不行, 就5号不行 beside a vote for another option: that option is
# ruled out, not chosen.
CRITIC = re.compile(rf"^(?:想了想|我觉得|觉得|感觉|说实话|其实|就|只有|只是){{0,2}}{REFS}(?:方案)?"
                    r"(?:我)?(?:觉得|感觉|看)?"
                    r"(?:(?:要|得)?(?:每户|每家|一户|每人)?(?:出|交|掏|花|收)\d{1,6}(?:块钱?|元)?)?"  # 要每户出200
                    rf"(?:也|又|还是|实在|确实|肯定|绝对|根本|真的|真)?{_FAULT}{PARTICLES}$")  # 2号又太贵
# 其他几个都不现实, 其他的都太贵了: the rest ruled out beside a vote.
OTHERS_OUT = re.compile(rf"^(?:其他|其它|其余|别的|另外)(?:的|几个|几项|方案|那几个|两个|三个)*(?:都|也都|全都)?"
                        rf"(?:{_FAULT}|一般|不怎么样|差点意思|比不上|再说|以后再说|再看看|先放放|先不选|先不投|先不要|"
                        rf"不选|不投|不要|就算了|算了|不考虑|就不考虑|不看|不用看)(?:了)?{PARTICLES}$")  # 其他的再说吧

_YES = (r"(?:没啥好反对的|没什么好反对的|举双手赞成|举双手同意|双手赞成|双手同意|举手赞成|举手同意|赞成|同意|支持|赞同|"
        r"拥护|认同|同一|统一|举手|没意见|没有意见|没得意见|冇意见|无意见|没啥意见|没什么意见|没异议|无异议|没有异议)")
_NO = r"(?:不同意|不赞成|不支持|不赞同|反对)"
# 都行 is on the list of issue #4 (弃权); 随便, 无所谓 are indifference, not a vote.
_ABSTAIN = r"(?:弃权|都行|都可以|中立|保持中立|怎样都行|怎么都行|怎么样都行|都ok|不表态|不站队|两边都不站)"
# 我既不赞成也不反对 says why one abstains, beside 弃权; alone it is not a vote.
NEITHER = re.compile(rf"^{ME}?(?:既)?不(?:赞成|同意|支持)也不反对$|^{ME}?(?:既)?不反对也不(?:赞成|同意|支持)$")
# 不弃权，我投反对 / 不是反对，我是弃权: a stance denied, beside the one the voter takes (alone it is no vote; 不反对 is
# NOT_AGAINST).
DENIED = re.compile(r"^(?:我)?(?:也)?(?:(?:不是|并不是|并非)(?:投)?(?P<stance>赞成|同意|支持|反对|弃权)"
                    r"|不(?:投)?(?P<abstain>弃权))(?:的|啊|哈|哦)?$")
# 同意是同意，就是担心钱不够: the stance granted, before a worry (赞成是赞成, 反对是反对).
GRANTED = re.compile(r"^(?:我)?(?P<stance>同意|赞成|支持|赞同|反对)是(?P=stance)(?:的)?$")
_STANCES = ((YES, _YES), (NO, _NO), (ABSTAIN, _ABSTAIN))
# 我已经点了赞成, 我昨天就已经同意了: the voter's stance on this ballot said again (without 我 it may be anyone's).
_CONSENT_DONE = (rf"{ME}(?:家|们家)?(?:{_DAY_DONE})?(?:就|都)?(?:已经|早就)"
                 r"(?:投过|点过|选过|投了|点了|选了|投的|点的|选的)?")
# 我们家两票都是赞成: the household's votes, all alike
_CONSENT_SUBJ = (rf"(?:(?:{_WITH}|{_HOUSEHOLD})(?:的)?(?:[两三四五六]|\d)?(?:票)?(?:都|也都|全都)?(?:是)?|"
                 rf"{_BALLOT}|{_CONSENT_DONE}|"
                 rf"{ME}(?:们)?(?:是|也是|也|还是|就)?)?")
# 先投个赞成, 双手双脚反对, 必须滴支持 (滴 for 地)
_CONSENT_ADV = (r"(?:(?:原则上|非常|完全|坚决|强烈|一百个|一万个|一千个|必须|当然|肯定|绝对|十分|也|还是|就|坚定|"
                r"全力|大力|百分百|表示|没意见|没有意见|先|(?:举)?双手(?:双脚)?)(?:地|滴)?)*")
_CONSENT_VERB = r"(?:投|选择|选|投个|改投|改成|改为|换成|改|给)?"
_CONSENT_OBJ = r"(?:(?:这个|该|此|本)?(?:方案|决议|提议|议案|建议|动议|决定))?"
_CONSENT_TAIL = r"(?:的|滴|个|吧|啦|了|哈|呀|啊|哦|噻|撒|嘞|额|哩|!|⊕|票|一票|一张)*"  # 赞成个 (Wu 个), 反对票一张
CONSENT_CLAUSES = [
    (value, re.compile(rf"^{_PRE}{_CONSENT_SUBJ}{_CONSENT_ADV}{_CONSENT_VERB}(?:{stance})+(?:票)?{_CONSENT_OBJ}"
                       rf"{_CONSENT_TAIL}$"))
    for value, stance in _STANCES
] + [  # 我也支持一下: the voter's yes, said casually; bare 支持一下 may ask others for support (votes.jsonl's author)
    (YES, re.compile(rf"^{_PRE}(?:{_HOUSEHOLD}|{ME})(?:也|就|还是|必须|坚决)*(?:地|滴)?(?:支持|赞成|同意)(?:一下|一波)"
                     rf"{_CONSENT_TAIL}$"))]
# Words that say "that works" (可以, 中, 要得, 得行, 冇问题) or not (不行, 不中, 要不得): a stance on the motion, but
# not strong enough to carry a "but" (可以，就是太贵). 好 / 好的 / 收到 / ok acknowledge a message, they are no vote.
_AGREE_SUBJ = (r"(?:(?:我|俺|额|阿拉)?(?:觉得|看)|(?:这个|这事|这个方案|方案)(?:我)?(?:觉得|看)?)?"
               r"(?:也|都|完全|当然|绝对|肯定)?")
_AGREE_END = r"(?:的|啊|呀|哈|!|⊕|噻|撒)*$"
AGREE_CLAUSES = [
    (YES, re.compile(rf"^{_AGREE_SUBJ}(?:可以|行|中|要得|得行|没问题|没得问题|冇问题|没毛病)+{_AGREE_END}")),
    (NO, re.compile(rf"^{_AGREE_SUBJ}(?:不行|不可以|不中|要不得|不得行|不要得)+{_AGREE_END}")),
]
# 我不反对: for, to blind5's author and the first labels; no vote yet, to the authors of blind8 to blind11. Not
# counted: the bot asks (vote_guess.py).
NOT_AGAINST = re.compile(rf"^{ME}?(?:也|都)?(?:是)?不反对{_AGREE_END}")
# 没意见 alone: for, to blind5's author; no vote, to the authors of blind11 and blind12. As 我不反对: asked, not
# counted.
NO_OBJECTION = re.compile(rf"^{ME}?(?:也|都)?(?:是)?(?:没意见|没有意见|没得意见|冇意见|无意见|没啥意见|没什么意见|"
                          rf"没异议|无异议|没有异议){_AGREE_END}")
# 1, 选2, 投3号: a ballot's number on a consent ballot, in the order 赞成 / 反对 / 弃权 (not 最后一个, 投一个: a place,
# a count).
CONSENT_NUMBER = re.compile(rf"^(?!.*最后[一1]个|.*[一二三]个)"
                            rf"{_PRE}(?:{_HOUSEHOLD}|{ME})?(?:就|还是)?(?:投|选|选择)?(?:第|#)?(?P<n>[1-3一二三])"
                            rf"(?:号|个|项)?(?:方案|选项)?{PARTICLES}$")
# 4, 投5, 我选4号, 我家投7号方案, ⑤ on a consent ballot: a number the ballot does not have (a correction, not a vote).
CONSENT_OFF = re.compile(rf"^{_PRE}(?:{_HOUSEHOLD}|{ME})?(?:就|还是)?(?:投|选|选择)?(?:第|#)?(?P<n>[4-9])(?:号|个|项)?"
                         rf"(?:方案|选项|票)?{PARTICLES}$")  # 投4号票
ANY_STANCE = re.compile(r"同意|赞成|赞同|支持|反对|弃权|拥护")


# 四, 嗯…那就一吧: a numeral that is the whole message (after 嗯, 那就, before 吧) is the option's number, on a choice
# or approval ballot only (read_vote) and only when the ballot has it (六 alone may be the slang 6, "cool"): inside
# a message 一 and 二 are words (一下, 二手), on consent a numeral is no stance.
_BARE_NUMERAL = re.compile(r"^(?P<lead>(?:嗯+|呃+|额+|唔+|emm+|好)?[….,~ ]*(?:那么?就|那|就|还是|那还是|那就还是)?)"
                           r"(?P<n>[一二三四五六七八九])(?P<tail>(?:吧|呗|啦|了|哈|号)*)$")


def bare_numeral(body: str, options, led: bool = False) -> str:
    """The numeral as the option's number; with led, only after 就 / 那 / 还是 (a clause of a longer message:
    …但是只能选一个就一吧, where a numeral alone may be the first of a list)."""
    bare = _BARE_NUMERAL.match(body)
    if not bare or cn_to_int(bare.group("n")) not in set(options):
        return body
    if led and not re.search("就|那|还是", bare.group("lead")):
        return body
    return f"{bare.group('lead')}{cn_to_int(bare.group('n'))}{bare.group('tail')}"


# 选最后一个, 投倒数第二个: a place on the ballot's list, right after a vote verb (最后一个问题, 我是最后一个投的 are no
# votes), as the number of the option there (#7 on a ballot of 2, 5, 7: a number, never a position).
_POSITION = re.compile(r"(?:(?<=[投选挺勾要])|(?<=支持)|(?<=选择)|(?<=\d[个号][和跟、])"  # 第一个和最后一个
                       r"|^(?:就|那就|还是|我)?(?=最后一个(?:方案|选项)?(?:吧|呗|啦)?$))"  # 最后一个, the whole message
                       r"(?:最后(?:一|1)?(?:个|项|条|种)|最后(?:那|这)个|倒数第(?P<n>\d)(?:个|项|条|种))"
                       r"(?=方案|选项|建议|吧|了|啦|呗|!|,|$)")


def positions(body: str, options) -> str:
    def option_there(match: re.Match) -> str:
        place, ordered = int(match.group("n") or 1), sorted(options)
        return f"#{ordered[-place]}" if 1 <= place <= len(ordered) else match.group()

    return _POSITION.sub(option_there, body)


# 1到3都支持, 1号至3号全选: a run of options, before 都 / 全 (1到3点, 3到5楼 are times and floors).
_RANGE = re.compile(r"(?<![\d.])([1-9])号?(?:到|至)([1-9])号?(?=(?:我)?(?:都|全))")


def ranges(body: str) -> str:
    def listed(match: re.Match) -> str:
        first, last = int(match.group(1)), int(match.group(2))
        return "、".join(str(n) for n in range(first, last + 1)) if first < last else match.group()

    return _RANGE.sub(listed, body)


def numbers(refs: str) -> list[int]:
    return [int(n) for n in re.findall(r"\d+", refs)]


def every_option(part: str, method: str, options) -> list[int] | None:
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


def digits_run_together(found: tuple[int, ...], options) -> tuple[int, ...]:
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
