"""What may stand beside a typed vote, and what changes which clause decides: short harmless remarks, the voter's
home, questions about the ballot itself, concerns after a plain vote, other people's votes, turns, changes of mind.
Used by votes.py and _vote_consent.py (counting); the vote shapes themselves are in _vote_forms.py."""

from __future__ import annotations

import re

from council.language._vote_forms import _REF, ANY_STANCE, HEARD, ME, PARTICLES, REFS

# A clause that may stand beside a vote: no numbers, questions, conditions, contrasts, other people, negated votes.
_BENIGN_BLOCK = re.compile(
    r"\d|#|[?？]|吗|呢|谁|哪|几|多少|怎么|怎样|什么|是否|有没有|能不能|可不可以|要不要|会不会|是不是|"
    r"但|不过|可是|然而|就是|只是|就怕|只怕|担心|如果|要是|假如|万一|的话|除非|只要|除了|再想想|再说|改天|回头|考虑|没想好|不确定|不知道|"
    r"[不没别甭](?:投|选|同意|支持|赞成)|撤回|取消|开玩笑|说着玩|闹着玩|逗你|"
    r"楼上|楼下的|他|她|你|老公|老婆|婆婆|公公|妈|爸|女儿|儿子|大家|别人|邻居|老王|阿姨|叔|(?<!好)说的|说了算"
)
# 6栋, 2单元, 六楼 (a floor is written in numerals too): a part of the voter's address.
_UNIT = r"(?:\d{1,3}|[一二三四五六七八九十]{1,2})(?:号楼|栋|幢|座|楼|单元|层|室)"  # 5座: Cantonese, a building
_ROOM = rf"(?:{_UNIT}-?)*(?:\d{{3,4}}(?:室|号|户)?)?"
# 6-1-302, 6-1-302王阿姨: building, unit and room with dashes, as on a parcel.
_DASHED = r"(?:\d{1,3}-){1,2}\d{3,4}(?:室)?"
# 我是六楼的王阿姨, 我是3号楼的老王: the voter naming herself, as neighbours know her.
_NAMED = (r"(?:[\u4e00-\u9fff]{1,2}(?:阿姨|叔叔|叔|大爷|大妈|大姐|奶奶|爷爷|姐|哥|师傅|老师)|老[\u4e00-\u9fff]|"
          r"小[\u4e00-\u9fff])")
# 我是3号楼的, 我家302, 住6楼, and the bare address a resident types before or after the vote (5栋2单元502 投1号,
# 赞成！6栋302, 投1（12号楼3单元）): who is voting, not what for (checked before the vote grammar: 302 is no option).
# Bare, it needs a building or unit, or two parts: 3楼 alone may be the third post of the thread (同意3楼).
# 虽然我住5楼哈哈: a home said in passing, beside a vote for the same number.
SELF_INTRO = re.compile(rf"^(?:虽然|虽说|不过|对了|顺便说下|顺便说一下)?"
                        rf"(?=.*(?:\d|{_UNIT}))(?=.*(?:号楼|栋|幢|座|楼|单元|层|室|\d{{3}}))"
                        rf"(?:(?:(?:我|俺|额|偶|咱|阿拉|本人)(?:家|们家)?(?:就)?(?:是住在|是住|是|住|家住|家在|在|住在)?"
                        rf"|(?:住|住在|家住|家在))"
                        rf"{_ROOM}(?:的)?|(?:我是){_ROOM}(?:的)?{_NAMED}|(?:{_UNIT}-?)+(?:\d{{3,4}})?(?:的)?{_NAMED}"
                        rf"|(?=.*(?:号楼|栋|幢|单元|室|\d{{3}}))(?=.*\d)(?:{_UNIT}-?)+(?:\d{{3,4}}(?:室|号|户)?)?(?:的)?"
                        rf"|(?:我是|我家|我住|我|本人)?{_DASHED}(?:的)?{_NAMED}?)(?:哈+|呵+|嘿+|嘻+)?$")  # 我是3-2-301
# 7栋302投1号, 3号楼401选二号: the voter's home run into the vote, left out like 我家302 in a clause of its own.
_HOME_LEAD = re.compile(rf"^(?:我家|我是|住|家住)?"
                        rf"(?:(?:\d{{1,3}}(?:号楼|栋|幢|单元)-?){{1,3}}\d{{0,4}}(?:室|号)?|\d{{3,4}}室?|"
                        rf"(?:{_UNIT})+(?:的)?(?:住户|业主|居民))(?:的)?"  # 二楼住户投①
                        r"(?=(?:我|俺|咱)?(?:就|也|还是)?(?:投|选|支持|同意|赞成|反对|弃权|不同意|不赞成|不支持))")
# 住了20年了, 在这住了十几年: how long the voter has lived here, before her vote (the number is years, not an option).
TENURE = re.compile(r"^(?:我|我家|俺)?(?:在这|在这里|在小区|在这个小区)?(?:住了|待了|生活了)"
                    r"(?:\d{1,2}|[一二两三四五六七八九十]{1,3})(?:多)?年(?:多)?(?:了)?$")
# 再说一声, 再重复一遍: the vote said again, standing as a clause of its own (再说一遍3号 is read in _vote_forms).
SAID_AGAIN = re.compile(r"^(?:我)?(?:再说一遍|再说一次|再说一声|再说一下|重复一遍|再重复一遍|重复一下|重申一下|"
                        r"再强调一遍|再强调一下|再强调一次)$"
                        # 反对，刚才手滑点了赞成，以这条为准: this message is the vote
                        r"|^(?:一切|就|那就|请|麻烦)?以(?:我)?(?:这条|此条|本条|这个|此|这次|这回|现在这条|最后(?:这|一)条|最后这次)"
                        r"(?:消息|留言)?为准(?:吧|哈|啊|了|哦)*$")
# 考虑了两天，最后还是选1: how long the voter weighed it; 先投个赞成，有问题再说: problems later, the vote now.
DELIBERATED = re.compile(r"^(?:我们家|我家|俺家|全家|我们全家|家里)(?:人)?(?:商量|讨论|合计|研究)(?:了|过了|好了)"
                         r"(?:一下|下)?$|"
                         # 跟我老伴商量了一下: the household talked it over, then the voter's own vote
                         r"^(?:我)?(?:跟|和|同)(?:我|我家|俺|俺家)?(?:老伴|老公|老婆|爱人|媳妇|老头子|老头|老太婆|家里人|家人|"
                         r"孩子们?|儿子|女儿|闺女|爸妈|老妈|老爸|俺娘|俺爹|那口子)(?:商量|讨论|合计)(?:了|过了|好了)(?:一下|下)?$|"
                         r"^(?:我|我们家|我家|俺家|全家|我们全家|家里)?(?:考虑|想|琢磨|纠结|犹豫|商量|研究|比较|合计)了(?:好|很|一)?"
                         r"(?:几天|两天|三天|一天|半天|好久|很久|一晚上|一晚|一宿|好几天|一下|一会儿?|一阵|很长时间)$"
                         r"|^(?:有|出了?|有啥|有什么)(?:问题|意见|情况|事)(?:再说|再提|再讲|再议|再商量|再反映)(?:吧|哈)?$"
                         # 钱的事以后再说: how to pay, to be settled later
                         r"|^(?:钱|费用|经费|资金|具体|细节)(?:的事|的问题|怎么出|咋出|从哪出)?(?:以后|回头|到时候|之后)?"
                         r"再(?:说|商量|议|讨论)(?:吧|哈)?$"
                         # 侬晓得伐，2号最灵光: a phrase that opens a say, asking nothing
                         r"|^(?:侬晓得伐|侬晓得哇|你晓得伐|跟侬讲|讲真|说句实话|说实在的|不瞒你说|实话实说|讲句实话)$")
# 我们家商量了一下，统一投1号: the household agreed, then its one vote (统一 alone may ask others to vote alike).
_HOUSE_TALK = re.compile(r"^(?:我们家|我家|俺家|全家|我们全家|家里)(?:人)?(?:商量|讨论|合计|研究)")


def agreed_at_home(parts: list[str]) -> list[str]:
    """统一投1号 after 我们家商量了一下 is the household's vote: 统一 (all alike) is taken off."""
    return [part[2:] if i and part.startswith(("统一", "一致")) and _HOUSE_TALK.match(parts[i - 1]) else part
            for i, part in enumerate(parts)]


# 投错了, 哎呀手滑了: the vote before it was a slip (after a vote and nothing else, the message takes it back).
CORRECTION = re.compile(r"^(?:哎呀|哎|唉|啊呀|呀)?(?:我|刚才|我刚才|刚刚|我刚刚)?"
                        r"(投错了|选错了|点错了|按错了|手滑了?|手抖了?|点歪了|看岔了|看错了|看串了)\1?$")  # said twice
_HARMLESS = re.compile(r"凭什么|其他|其它|其余|谢谢大家|感谢大家|辛苦大家|大家辛苦了")  # removed before the check
QUESTION = re.compile(r"[?？]")

# Questions about the ballot, not about an option: 明天10点前还能改吗, 下午4点前投有效吧, 结果咋还没出来, 什么时候截止.
_WHEN = (r"(?:今天|明天|后天|周[一二三四五六日天]|星期[一二三四五六日天])?(?:今晚|晚上|下午|上午|中午|早上|傍晚)?"
         r"(?:(?:\d{1,2}月)?\d{1,2}(?:号|日)(?=前|之前|以前))?"  # 明天10号之前: a date, only before 前
         r"(?:\d{1,2}(?:点|:\d{2})(?:半|\d{1,2}分?)?)?(?:前|之前|以前|截止前)?")
_ASK_END = r"(?:吗|不|吧|么|嘛|没|呢|啊|哦|呀|啦|哇)?"  # 啥时候出结果哦
PROCEDURE = re.compile(
    rf"^(?:请问|问一下|问下)?{_WHEN}{ME}?(?:还|再)?(?:能|可以|可不可以|能不能)?(?:改|改票|修改|更改|撤回|重投|换)(?:吗|不|吧|么|嘛)?$"
    rf"|^(?:请问|问一下|问下)?{_WHEN}(?:这样)?(?:投|投票|打字投|发字)?(?:的)?(?:有效|算数|算|管用)(?:吗|吧|不|么|嘛)$"
    rf"|^(?:现在)?(?:投|投票|改)?(?:还)?(?:来得及|赶得上|不晚)(?:吗|吧|不|么|嘛|了吧)?$"
    rf"|^(?:这样)?(?:算)?(?:投上了|投进去了|算上了|记上了|成功了|投成功了|记下了|收到了)(?:吗|吧|没|么|嘛)$"
    # 不是2号楼的也能投吧, 租户能投吗: who may vote on this ballot
    rf"|^(?:不是|不住)?(?:本楼|这栋|这个楼|{_UNIT})?(?:的)?(?:人|住户|业主|租户|租房的)?(?:也|都)?(?:能|可以|有资格)"
    rf"(?:投|投票|参加投票|参与投票)(?:吧|吗|么|不|嘛)$"
    rf"|^(?:请问|问一下|问下)?(?:结果|票数)(?:咋|怎么|为啥|啥时候|什么时候|几点|哪天)?(?:还)?(?:没)?"
    rf"(?:出|公布|出来)(?:了)?{_ASK_END}$"
    rf"|^(?:请问|问一下|问下)?(?:啥时候|什么时候|几点|哪天)(?:出结果|截止|结束|公布|出来)(?:了)?{_ASK_END}$"
    rf"|^(?:请问|问一下|问下)?{_WHEN}(?:能|可以|会|就)?(?:出结果|公布结果|有结果)(?:了)?{_ASK_END}$"
    # 晚上8点前投是吧: when the ballot closes (a time is said: 投吗 alone is no question about the ballot)
    rf"|^{_WHEN}(?<=[点前天晚午上半分])(?:投|投票|截止|结束|投完)(?:是吧|对吧|是吗|对吗|吧|吗)$"
)
# 就是想问钱怎么收 after one's vote: a question set apart from the vote by the asker.
_ASIDE = re.compile(r"^(?:就是|只是|另外|顺便|还有)(?:我)?(?:想|要)?(?:问|请教)(?:一下|下|问)?(?P<rest>.+)$")
# 我们3号楼好几户都是这个意思: neighbours who think alike, beside one's own vote.
SAME_MIND = re.compile(r"^(?:我们|咱们|俺们|我家|我们家|我(?:老婆|老公|爱人|老伴|媳妇|家那口子|家老头子|妈|爸))?"
                       r"(?:\d{1,3})?(?:号楼|栋|幢|单元|楼)?"
                       r"(?:好几户|好多户|很多户|好几家|好多人|很多人|不少人|几户|邻居们?|大伙儿?|大家|楼里|"
                       r"两口子|老两口|俩|一家人|全家|一家子)?"
                       r"(?:也|都|基本|基本上|差不多)*(?:是这个意思|这个意思|一个意思|这么想|这样想|意见一样|想法一样|"
                       r"意见一致|想法一致)" + PARTICLES + "$")
# After a plain vote (投2号, 同意), a "but" that asks nothing of the vote: 不过执行要跟上, 就怕物业执行不下去.
CONCERN = re.compile(r"^(?:不过|但是|但|可是|只是|就是|就怕|只怕|就担心|担心|希望)(?P<rest>..+)$")
_CONCERN_BLOCK = re.compile(
    r"\d|#|[?？]|吗|呢|谁|如果|要是|假如|万一|的话|除非|只要|再想想|考虑|没想好|不确定|不知道|再说|看看|还是|想想|"
    r"再定|待定|再商量|他|她|你|老公|老婆|婆婆|公公|妈|爸|女儿|儿子|老伴|媳妇|大家|别人|邻居|阿姨|叔|"
    r"[不没别甭](?:投|选|参加|参与)|撤回|取消"  # 同意，但是我不投: the vote itself taken back
)
# On a single-choice ballot, after a plain vote, a nod to another option: 2号，不过4号也不错 / 投1号，虽然2号也不错.
CONCEDE = re.compile(rf"^(?:不过|但是|但|可是|当然|虽然|虽说|尽管)(?:其实)?{REFS}(?:方案)?(?:其实)?(?:也|也还)"
                     rf"(?:不错|挺好|还行|可以|行|挺不错|蛮好|好)(?:的)?{PARTICLES}$")


# After a plain vote, its reason: 投三号，理由是不用大家掏钱 (理由：… is read as 理由是…). A reason may speak of
# everyone (大家掏钱), never of another person's vote, a number, a stance, a condition or a question.
_REASON = re.compile(r"^(?:理由是|理由|原因是|原因|因为|主要是因为|主要是|毕竟)(?P<rest>..+)$")
_NO_REASON = (r"\d|#|[?？]|吗|呢|谁|投|选|改|如果|要是|假如|万一|的话|除非|只要|再想想|考虑|没想好|不确定|不知道|"
              r"再说|看看|还是|想想|他|她|你|老公|老婆|婆婆|公公|妈|爸|女儿|儿子|老伴|媳妇|别人|邻居|阿姨|叔|说")
_REASON_BLOCK = re.compile(_NO_REASON + r"|但|不过|可是")
# After a plain vote, a drawback granted and the merit that outweighs it: 我选择第四个方案，虽然麻烦点但是一劳永逸 /
# 投4号，虽然贵点 (not 虽然2号也不错: another option, see CONCEDE; not 虽然…但是我再想想: a hesitation).
_CONCESSION = re.compile(r"^(?:虽然|虽说|尽管)(?P<rest>..+)$")
_CONCESSION_BLOCK = re.compile(_NO_REASON + r"|(?:但是|但|不过|可是).*(?:但是|但|不过|可是)|(?:但是|但|不过|可是)$")
# 早点定下来大家都省心, 对大家都方便, 楼道是大家的: the good of everyone, or what everyone owns, in a reason or a
# remark (大家 alone is someone else: 大家都投2).
_FOR_ALL = re.compile(r"(?:对|让|给)?大家(?:伙儿?)?(?:都|也)?(?:省心|省事|省钱|方便|安心|放心|舒心|安全|受益|满意|轻松|"
                      r"清净|有好处|好)|是大家(?:伙儿?)?(?:的|共有的|共用的|公用的|一起用的)$")


# 先投反对，等物业把账公开了再说: a vote cast for now, to be looked at again later; 等…再说 stands beside it only when
# the vote says 先 (同意，等物业回复了再说 may put the vote off).
_FOR_NOW = re.compile(r"^(?:我|那我|那)?(?:就)?先(?:投|选|点|同意|赞成|反对|支持|弃权|不同意)")
_LATER = re.compile(r"^等?(?P<rest>.{2,16}?)(?:以后|之后)?(?:再说|再看|再议|再商量|再讲)(?:吧|哈|啦)*$")  # 了解清楚再说


# 先投了再说：第4个: the vote cast now, whatever comes later (beside the vote itself).
_VOTE_NOW = re.compile(r"^(?:我|那我|那)?(?:就)?先(?:投|选)(?:了|着|上|个)?再说(?:吧|哈)?$")


def for_now(parts: list[str], clause: str) -> bool:
    if _VOTE_NOW.match(clause):
        return True
    later = _LATER.match(clause)
    return bool(later) and not re.search(r"投|选|改|\d", later.group("rest")) \
        and not ANY_STANCE.search(later.group("rest")) and any(_FOR_NOW.match(part) for part in parts)


# 反对，理由楼上说过了: the voter's reason is the one already given above.
_REASON_ABOVE = re.compile(r"^(?:理由|原因)(?:是)?(?:跟|和|同)?(?:楼上|上面)(?:都|已经)?"
                           r"(?:说过了|说了|讲过了|讲了|说过|一样)(?:的)?(?:吧|啦|了)*$")


# 选2号，虽然每户要出200，但值: the merit that outweighs the drawback, in a clause of its own.
_MERIT = re.compile(r"^(?:但是|但|不过|可是)(?:我觉得)?(?:还是|也|很|挺|确实|绝对)?(?:值|值得|划算|合算)(?:的)?"
                    r"(?:啊|呀|吧|哈)*$")


# 3号，先催欠费再说: what should come first, beside the vote (not 先看看再说, 先等等再说: a hesitation).
_FIRST_THEN = re.compile(r"^先(?P<rest>.{2,10}?)(?:再说|再讲)(?:吧|哈)*$")
_FIRST_BLOCK = re.compile(r"看|等|放|观望|想|考虑|问|商量|研究|投|选|改|定|\d|同意|赞成|反对|弃权|支持")


def reason(clause: str) -> bool:
    if _REASON_ABOVE.match(clause) or _MERIT.match(clause):
        return True
    first = _FIRST_THEN.match(clause)
    if first and not _FIRST_BLOCK.search(first.group("rest")):
        return True
    return _short_aside(_REASON, _REASON_BLOCK, clause) or _short_aside(_CONCESSION, _CONCESSION_BLOCK, clause)


def concern(clause: str) -> bool:
    return _short_aside(CONCERN, _CONCERN_BLOCK, clause)


def _short_aside(opening: re.Pattern, block: re.Pattern, clause: str) -> bool:
    """The clause opens as an aside does, and the rest is short, takes no stance and has nothing `block` bars (a
    time or a place in it is no number: 同意，不过下午4点开会我去不了)."""
    match = opening.match(clause)
    if not match:
        return False
    rest = match.group("rest")
    bare = _without_places(rest)
    if bare is None or len(rest) > 20:
        return False
    bare = _FOR_ALL.sub("", bare)
    return not ANY_STANCE.search(bare) and not block.search(bare)


_ASIDE_BLOCK = re.compile(r"\d|#|如果|要是|假如|万一|的话|除非|只要|再想想|考虑|没想好|不确定|不知道|该投|投哪|选哪|"
                          r"他|她|你|老公|老婆|婆婆|公公|妈|爸|女儿|儿子|老伴|媳妇|大家|别人|邻居|阿姨|叔")


def procedure(clause: str) -> bool:
    """A question about the ballot itself (or set apart as a question of its own), not about what to vote for."""
    if PROCEDURE.match(clause):
        return True
    aside = _ASIDE.match(clause)
    return bool(aside) and len(aside.group("rest")) <= 20 and not ANY_STANCE.search(aside.group("rest")) \
        and not _ASIDE_BLOCK.search(aside.group("rest"))


# ------------------------------------------------------------------ around the vote: turns, other people

# 2号其实也不错，不过我还是投1 / 虽然要出钱，但我还是同意的: after the turn to 还是, the rest decides.
TURN = re.compile(r"(?=(?:但是|但|不过|可是|然而)(?:(?:我|俺|额|偶|阿拉|咱)?(?:还是|最后还是|最终还是|依然|仍然)"
                  r"|(?:我|俺|阿拉|咱)(?:就)?(?:投|选)))")  # 不太懂这些，不过我投1号
CONTRAST = re.compile(r"^(?:但是|但|不过|可是|然而)(?P<rest>.+)$")
# What may come before such a turn: not a question or a condition; someone else only when the turn says 我.
TURN_BLOCK = re.compile(r"[?？]|吗|呢|如果|要是|假如|万一|的话|除非|只要")
TURN_OTHERS = re.compile(r"他|她|妈|爸|老公|老婆|老伴|婆婆|公公|爱人|媳妇|大家|别人|邻居|楼上|楼下|说")
# 1和3都行，非要选一个的话选3: the forced choice decides.
# …但是只能选一个就一吧: so does a choice the ballot forces.
FORCED = re.compile(r"^(?:但是|但|不过|可是)?(?:如果|要是)?"
                    r"(?:非要|硬要|一定要|真要|实在要|真的要|非得|只能|只可以|只让|只准)(?:我)?(?:选|投|挑)"
                    r"(?:(?:一个|一项|一)(?:的话)?|的话)(?P<rest>.*)$")
_DAY_BEFORE = r"(?:昨天|前天|昨晚|前两天|早上|上午)"  # 我昨天投的赞成，现在改反对
# 刚才手滑点了1 / 之前投的反对 / 原来想反对的, then 改成3号 / 现在改同意了: the earlier vote is taken back.
PREVIOUS = re.compile(rf"^(?=\D*(?:之前|刚才|刚刚|本来|原来|先前|上次|上回|一?开始|手滑|不小心|手抖|先[投选点]了|先说|"
                      rf"{_DAY_BEFORE}))"
                      rf"(?:我)?(?:之前|刚才|刚刚|本来|原来|先前|上次|上回|一?开始|先(?=[投选点]了|说)|{_DAY_BEFORE})?"
                      rf"(?:是)?(?:说|说了|说要)?(?:想|打算|准备)?"
                      rf"(?:手滑|不小心|手抖|误)?"
                      rf"(?:投|选|点|按)?(?:的|了|错了|错)?(?:是|成)?"
                      rf"(?:{_REF}(?:(?:和|跟|、|/){_REF})*|赞成|反对|弃权|同意|不同意)?(?:的|了)*$")  # 刚才选了1和2
# 改投3号，之前投的2作废: the earlier vote voided beside the new one (what it names is no longer chosen).
VOIDED = re.compile(rf"^(?:我)?(?:之前|刚才|刚刚|原来|先前|前面|上面|上一条|第一次|上次|上回)(?:我)?(?:投|选|点|发|说)?"
                    rf"(?:的|了|那个|那票|那条)*(?:是)?(?P<refs>(?:{_REF})?)(?P<stance>赞成|反对|弃权|同意|不同意)?(?:的|那个|那票|那条)*"
                    rf"(?:作废|不算|不算数|无效|撤回|取消|撤销|撤了|撤掉|不要了)(?:了|吧|哈|啊)*$")  # 刚才那个3撤了
# 反对，刚才手滑点了赞成: the slip before this message (what it names is not the vote).
SLIPPED = re.compile(rf"^(?:我)?(?:之前|刚才|刚刚|前面)?(?:我)?(?:手滑|手抖|不小心|误)(?:了)?(?:点|按|投|选)"
                     rf"(?:了|成|的|到)?(?:是)?(?:(?P<refs>{_REF}(?:(?:和|跟|、){_REF})*)|(?P<stance>赞成|反对|弃权|同意|不同意))(?:了|的)*$")
# 上次那个议题我投的是4 beside 这个我投2号: a vote on another ballot, said in passing; it counts for nothing.
ANOTHER_BALLOT = re.compile(rf"^(?:上次|上回|上一次|之前|以前|前几天|上个月|上周)(?:那个|那次|的)?"
                            rf"(?:议题|投票|话题|表决|事)(?:我)?(?:是)?(?:投|选)(?:的是|的|了)(?:{_REF}|赞成|反对|弃权|同意|不同意)(?:的|了)*$")
# 10号楼那边的也都不同意, 大家也都投3吧: neighbours who vote as the voter does (or are asked to), beside her own vote;
# `vote` is read by the ballot's grammar and must agree with hers.
ALIKE = re.compile(r"^(?:我们|咱们|俺们)?(?:\d{1,3}(?:号楼|栋|幢|单元)|楼里|邻居们?|大伙儿?|大家|好多人|很多人|不少人|"
                   r"好几户|好多户)(?:那边|这边|那块)?(?:的)?(?:人|邻居们?|住户|朋友们?|街坊们?|老街坊们?|姐妹们|家人们)?"
                   r"(?:也|都|基本|基本上|差不多|应该)+"
                   r"(?P<vote>[^吧呢啊]+?)(?:吧|呢|了|啊)*$")
# 本来只选1，再加个3吧: on approval an earlier vote that an addition (再加个3) keeps, not a change of mind.
EARLIER = re.compile(rf"^(?:我)?(?:本来|原来|之前|刚才|刚刚|一开始|先前)(?:我)?(?:只|就)?(?:投|选)(?:了|的|的是)?"
                     rf"{REFS}(?:的|了)?$")
# 2号我撤回: an option withdrawn, object first (a change of mind here; votes.py rules the option out).
_WITHDRAWN = r"(?:方案)?(?:我)?(?:撤回|撤掉|去掉|删掉|不要了)"
WITHDRAWN = re.compile(rf"^(?:算了|那|那就|想想|想了想)?{REFS}{_WITHDRAWN}(?:吧|了|啦)*$")  # 投1和3，算了3不要了
CHANGE = re.compile(rf"^{HEARD}(?:我)?(?:现在|就)"  # 原来反对的，听了解释现在同意了
                    r"|^(?:那|就|我|那就|现在|后来|最后|所以)*(?:改成|改投|改为|换成|改选|改回|改(?=[同赞反弃支\d第]))"
                    r"|^算了|^(?:想了想|想想|想了一下|后来想想|转念一想|想来想去|考虑了一下|思来想去|仔细想想)?(?:我)?还是"
                    r"|^(?:我)?把[^,]{1,12}?(?:去掉|删掉|拿掉|划掉|撤掉)"  # 投了1、2、3，把3去掉，就1和2
                    rf"|^{REFS}{_WITHDRAWN}")  # 先投1和2，2号我撤回，就1号
# 投1，不对，投3 / 刚才点错了，应该是3号: what was said before is taken back; 应该是 introduces the vote.
# 不对不对按错了 / 反对……算了，还是同意吧: said twice, or with the slip named.
_WHEN_MIND = r"(?:我|今天|现在|后来|想了想)*"
_THOUGHT_THROUGH = r"想通了|想明白了|想开了"
RETRACT = re.compile(r"^(?:哦|噢|啊|呃)?(?:不对|不是|不不|不|错了|说错了|打错了|写错了|发错了|等等|更正|更正一下|"
                     r"纠正一下|(?:我)?改一下|(?:我)?改下|算了)"
                     r"(?:不对|按错了|点错了|选错了|投错了|打错了|说错了)*$"  # 我改一下，原来选的2号，现在改3号
                     # 昨天说选2，今天改主意了，选3 / 原来想反对，后来想通了，赞成: the mind changed
                     rf"|^{_WHEN_MIND}(?:改主意了|改变主意了|主意变了|变卦了|想法变了|改变想法了|{_THOUGHT_THROUGH})$")
# 改成1号吧，我想通了: why the vote changed, said after it.
MIND_CHANGED = re.compile(rf"^{_WHEN_MIND}(?:{_THOUGHT_THROUGH}|想清楚了)$")
CORRECTED = re.compile(r"^(?:应该是|应该|其实是|是)(?P<rest>.+)$")
_PERSON = (r"(?:老公|老婆|爱人|老伴|老头子|老头|老太婆|老太太|媳妇|对象|婆婆|公公|丈母娘|岳母|岳父|"
           r"妈妈|爸爸|老妈|老爸|妈|爸|老娘|老爹|娘|爹|"
           r"儿子|女儿|闺女|孩子|家里人|家人|那口子|他们|她们|他|她|楼上|楼下|邻居|隔壁|对门|对面|老[\u4e00-\u9fff]|小[\u4e00-\u9fff]|"
           r"阿姨|叔叔|大爷|大妈|奶奶|爷爷|[\u4e00-\u9fff](?:阿姨|叔|姐|哥))")
# 我老头子投的2 beside 我投3: someone else's vote, reported; counts for nothing, and only stands beside one's own.
# 老婆让我投1 beside 我自己投3: an instruction to the voter is someone else's vote too.
REPORT = re.compile(rf"^(?:我|我家|我们家|俺|俺家)?(?:{_PERSON}|老人|的){{1,3}}(?:说|讲)?(?:让我|叫我|要我|喊我|劝我)?"
                    rf"(?:他|她)?(?:要|也|都|想)?"
                    rf"(?:(?:投|选|点)(?:个)?(?:赞成|同意|反对|弃权|不同意)(?:票)?|投|选|支持|挑|拣|勾|赞成|同意|反对|弃权|不同意)"
                    rf"(?:的|了)?(?:是)?(?:{_REF})?{PARTICLES}$")
# 我妈选的7号，她自己会投: the other person votes for herself (beside her vote reported).
THEIRS = re.compile(rf"^(?:他|她|他们|她们|人家)(?:自己)?(?:会|能|要)?(?:自己)?(?:来|去)?(?:投|投票)(?:的)?"
                    rf"{PARTICLES}$")
# 我投4号，@李阿姨 你也看看: a neighbour called on to look or vote, beside the voter's own vote (no option named).
NUDGE = re.compile(r"^@\S+$|^(?:@\S+)?(?:你|您|你们|大家)(?:也)?"
                   r"(?:看看|看一下|瞧瞧|投一下|来投|快投|去投|投个票|参与一下)"
                   r"(?:吧|哈|呀|啊|哦)*$")
OWN = re.compile(rf"^(?:嗯|好|那|那么|行|ok|好吧|那就|那我就|算了)?(?:现在|后来|最后|最终)?{ME}(?![老妈爸婆公])")
# 选1，楼上说的有道理: the voter finds the post above right, as a reason for the vote she states herself (only beside
# an explicit vote on choice and approval ballots: 同意，楼上说得对 may be 同意楼上, no vote).
ABOVE_RIGHT = re.compile(rf"^(?:我)?(?:觉得)?(?:楼上|楼上的|上面)(?:说的|讲的|说得|讲得)?(?:很|挺|真|确实|也|真的)?"
                         rf"(?:有道理|在理|对|没错|是对的|有理)(?:的)?{PARTICLES}$")
# 本来想投1的，看了大家说的，还是投3吧: what made the voter change her mind, between the old vote and the new.
# 同意，不对，我又看了下，还是反对: looked at it again.
WEIGHED = re.compile(rf"^(?:我)?(?:又|再)(?:看了下|看了一下|看了看|想了想|想了下|琢磨了下)$|^(?:我)?{HEARD}$|"
                     r"^(?:我)?(?:看了|听了|看完|听完|看过|参考了|看到)(?:一下)?"
                     r"(?:大家|大伙儿?|群里|各位|邻居们|大家伙儿?)(?:的|说的|讲的|发的)?(?:意见|理由|分析|讨论|说法|发言|留言)?(?:以后|之后|后)?$")
# 跟大家一样, 理由同楼上, 跟我婆婆一样 beside one's own vote (选1): her choice, said to match others' (alone no vote).
ALONG = re.compile(rf"^(?:我|我也)?(?:跟|和|同|随)(?:大家|楼上|楼上的|邻居们|大伙儿?|大多数人)"
                   rf"(?:一样|一起|的意见|意见)?$|^(?:我|我也)?(?:跟|和|同)(?:我|我家|我们家)?{_PERSON}(?:一样|的一样)$"
                   r"|^(?:理由|原因)?同楼上$|^同意楼上(?:的)?(?:意见|说的|观点)?$|^附议$|^随大流$"
                   r"|^(?:我)?(?:跟|和|同)[\u4e00-\u9fff]{1,6}?不一样$"  # 我跟王大爷不一样 (beside her own vote)
                   # 楼上反对的理由我认同 (beside 我也投反对)
                   r"|^(?:楼上|上面)(?:的|说的)?(?:赞成|反对|同意|支持)?(?:的)?(?:理由|意见|说法|观点)(?:我)?(?:也)?"
                   r"(?:认同|同意|赞同|支持)$")
CLAUSES = re.compile(r"[,，。.!！;；:：~～…\n()]+|\s+")  # 投1（12号楼3单元）: the bracket is a clause
# Run-on messages without punctuation: 我觉得第三个方案挺好的就选三号吧其他的都太贵了, 投2号还来得及吧.
_RUN_ON = re.compile(r"(?<=[的了吧啦])(?=就(?:选|投))|(?<=[\d号个])(?=还(?:来得及|赶得上|能改|算数|有效))"
                     r"|(?<=[\d号])(?=不是\d{1,2}号?$)"  # 我要的是3号不是1号
                     r"|(?<=^不对)(?=是)"  # 投4，不对是5
                     r"|(?<=[\d号])(?=嗯)"  # 投二号嗯就是那个物业出钱的
                     r"|(?:(?<=讨论)|(?<=意见)|(?<=理由)|(?<=分析)|(?<=说的)|(?<=发言)|(?<=留言))(?=(?:我)?(?:还是|改))"
                     r"|(?<=[\u4e00-\u9fff\d])(?=(?:其他|其它|其余)(?:的|几个|方案)(?:都|也都))")


def clauses(body: str) -> list[str]:
    parts = [piece for part in CLAUSES.split(body) if part for piece in _RUN_ON.split(part) if piece]
    return [piece for part in parts for piece in _home_apart(part)]


def _home_apart(part: str) -> list[str]:
    home = _HOME_LEAD.match(part)
    return [part[home.end():]] if home else [part]  # who votes, not what for


# Numbers that say where or when, not what for: 4号楼, 8号楼那边, 下午3点, 10号前, 5月1日, how long (我家宝宝才8个月)
# or how much (500块, 每户出200, 一户要交300), and mobile numbers (有事打我电话139…).
_PLACE_OR_TIME = re.compile(r"\d{1,3}(?:号楼|栋|幢|座|单元)|(?<!\d)1[3-9]\d{9}(?!\d)|"
                            r"\d{1,3}(?:多)?个(?:多)?(?:月|星期|礼拜|钟头|小时)|\d{1,2}(?:点|:\d{2})(?:半|\d{1,2}分?)?"
                            r"|(?:\d{1,2}月)?\d{1,2}(?:号|日)(?=前|之前|以前|以后|之后|后|开始|截止|那天)|\d{1,2}月\d{1,2}(?:号|日)?"
                            r"|\d{1,2}月(?:底|初|中旬|上旬|下旬|份)|\d{1,2}月(?=前|之前|以前|以后|之后)"
                            r"|\d{1,2}楼(?![上下])"  # 虽然我家在10楼用不上: a floor
                            r"|\d{1,6}(?:\.\d{1,2})?(?:块钱?|元|万块?|千块?)"
                            r"|\d{1,3}(?:多)?(?:周岁|岁)|(?:(?<=老人)|(?<=老伴)|(?<=老头)|(?<=老太)|(?<=奶奶)|(?<=爷爷)|(?<=[妈爸]))"
                            r"(?:都|已经|今年|快|都快)*\d{2,3}(?:多)?(?=了)"  # 我家老人86了: an age
                            r"|(?:(?<=[出交掏花收付摊凑捐])|(?<=[出交掏花收付摊凑捐]了)|(?<=每户)|(?<=每家)|(?<=一户)|(?<=每人)"
                            r"|(?<=月)|(?<=年))\d{2,6}(?:多)?(?![\d号个条项])")  # 一个月30, 收了300
_VOTE_WORD = re.compile(r"投|选|支持|同意|赞成|反对|弃权|号|第|#")


def _without_places(clause: str) -> str | None:
    """The clause with its place and time numbers taken out; None when they leave a vote word or a number behind."""
    bare = _PLACE_OR_TIME.sub("", clause)
    if bare == clause:
        return clause
    return None if re.search(r"\d", bare) or _VOTE_WORD.search(bare) else bare


def benign(clause: str) -> bool:
    if (SELF_INTRO.match(clause) or CORRECTION.match(clause) or ALONG.match(clause) or SAME_MIND.match(clause)
            or DELIBERATED.match(clause) or TENURE.match(clause) or SAID_AGAIN.match(clause) or procedure(clause)):
        return True
    bare = _without_places(clause)  # 4号楼那个僵尸车早该拖了, 下午3点才看到, 有事打我电话139…
    if bare is None or len(bare) > 16:
        return False
    return not _BENIGN_BLOCK.search(_HARMLESS.sub("", bare))


# After an explicit vote, a reason or a question about carrying it out (钱谁出都没说清楚, 10号前能弄好不, 什么时候开始
# 执行): what the voter wants to know or why, not a doubt about the vote. Never a condition, a stance, another
# person, an option's number, a hesitation, or a question about the vote itself (对吧, 行吗).
_REMARK_BLOCK = re.compile(
    r"#|如果|要是|假如|万一|的话|除非|只要|除了|再想想|(?<!谁)(?<!也要)(?<!也得)考虑|没想好|不确定|不知道|说不好|不好说|纠结|犹豫|还是|或者|"
    r"[不没别甭](?:投|选)|投|选|撤回|取消|改|再说|回头|改天|再看|再定|才能定|没定|待定|开玩笑|说着玩|闹着玩|骗|"
    r"但|不过|可是|然而|显示|记上|记录|算上|统计|收到|成功|生效|有效|算数|没反应|(?:怎么|咋|为啥|为什么)(?:还)?没|"
    r"你|大家|别人|楼上|(?<!好)说的|说了算"
)
# Someone of the voter's own (我妈上个月就摔了一跤) may be the reason for the vote, not when the clause says what they
# vote, think or ask (3号，我妈也投的这个 / 我老公也是这个意思 / 她让我投的).
_REMARK_PERSON = re.compile(r"他|她|老公|老婆|婆婆|公公|妈|爸|女儿|儿子|老伴|媳妇|老头|老太|爱人|邻居|阿姨|叔")
_ON_BEHALF = re.compile(r"投|选|票|让|叫|替|帮|代|说|讲|意思|想法|想|一样|也是|觉得|认为|同意|支持|反对|赞成|弃权")
_DOUBT = re.compile(r"^(?:这样|这个|它|那|我这样)?(?:能|会|真能|真的|确定)?"
                    r"(?:对|行|好|是|可以|靠谱|合适|划算|没错|没问题|对不对|行不行|好不好|可不可以|是不是)"
                    r"(?:吗|不|吧|么|嘛|呢|啊)?$")


# A question after a vote must be about carrying it out (10号前能弄好不), not about something else (选二号，明天开会吗
# may ask what follows if 2 wins) — unless the vote is the voter's own, said outright (我赞成，今天下午3点还开会吗).
_CARRY_OUT = re.compile(r"执行|落实|实施|开始|开工|动工|施工|完工|完成|弄好|弄完|装好|装上|修好|搞好|办好|做好|到位|"
                        r"多久|多长时间")
_ASKS = re.compile(r"(?:吗|(?<!着)呢|么|不|没)$")  # 大家都盼着呢: no question
# 物业能来的话更好: a wish (it would be better if …), not a condition on the vote.
_WISH = re.compile(r"的话(?=(?:就|那就)?(?:更好|最好|就好|好了|更好了)(?:了|啊|呀|哈)*$)"
                   r"|^(?:要是|如果)(?=.{2,16}?(?:的话)?(?:就|那就)(?:更好|最好|好)(?:了|啊|呀|哈)*$)")  # 要是…就更好了


def remark(clause: str, asked: bool = False, own: bool = False) -> bool:
    """A short remark that may stand beside an explicit vote; a question only about carrying it out, or about
    anything at all beside the voter's `own` vote (我赞成 …)."""
    bare = _without_places(clause)
    if bare is None or not 2 <= len(clause) <= 24 or re.search(r"\d", bare) or ANY_STANCE.search(bare):
        return False
    if (asked or _ASKS.search(bare)) and not (own or _CARRY_OUT.search(bare)):
        return False
    bare = _FOR_ALL.sub("", _WISH.sub("", bare))  # 投一号，早点定下来大家都省心
    if _REMARK_PERSON.search(bare) and _ON_BEHALF.search(bare):
        return False
    return not _REMARK_BLOCK.search(bare) and not _DOUBT.match(bare)
