"""Aspects of what a proposal asks that tell two decisions apart like places do: who pays, and which colour.

Who pays: the residents themselves, the property company, or a public purse.

绝育费大伙凑一凑 and 绝育费从物业公共收益里出 share every concept (绝育, 出钱) and differ in the one thing a resident
votes on: whose money it is. So a proposal's payer is read as a place is (meaning.Signature.places, kind "payer"):
two proposals that name different payers are different proposals, and one that names none differs from neither.

- "self": 自费, 自己出钱, 各家分摊, 每户出, 大家凑钱, 众筹, 募捐, 狗主人自己承担;
- "company": 物业买单, 物业出钱雇人 (the property company's own money);
- "public": 社区出钱, 居委会出, 从公共收益里出, 维修基金出, 免费.

从物业费里出 is both the company's budget and the residents' money (company and public). A payer turned down in its
clause leaves the others: 不能又让居民掏腰包 is anyone but the residents (company and public; residents who say so
do not tell 物业出 from 物业公共收益里出), 别让物业出 is self.

Which colour: 外墙刷米黄 and 外墙刷成灰白色 differ in nothing else (kind "colour"; 浅 and 深 dropped: 浅米黄 is 米黄).
"""

from __future__ import annotations

import re

from council.language._text import CLAUSE_BREAK

SELF, PUBLIC, COMPANY = "self", "public", "company"
_COMPANY = re.compile(r"物业|开发商")
_COMMON_FUND = re.compile(r"公共|收益|基金|广告|停车费")  # the residents' common money, kept by the company
_FEES = re.compile(r"物业费")

# Those who pay out of their own pocket, and the public purses.
_RESIDENTS = (r"(?:自己|各家|每家|各户|每户|住户|业主|居民|大家|大伙儿?|大伙|咱们|我们|狗主人|主人|车主|养狗的|"
              r"用的人|使用的人|受益的?|受益户|个人|家长|谁家|谁用谁|谁家的谁)")
_PURSES = (r"(?:社区|物业公司|物业|居委会|居委|街道|政府|财政|公共收益|公共维修基金|维修基金|公共资金|公款|小区公共|"
           r"广告收入|广告费|停车收益|业委会|开发商)")
_NOT_PAYING = r"(?![主行门来去入现力手面发台租售动版生席事口院差具谋头游路])"  # 出主意, 出行, 出门: no paying
_PAY = rf"(?:出钱|掏钱|出资|承担|负担|买单|埋单|付钱|付费|支付|报销|兜底|掏腰包|出{_NOT_PAYING}|掏|付|包了)"

_SELF = re.compile(
    rf"自费|自掏腰包|自理|自负|{_RESIDENTS}(?:自己|各自|自个儿?)?(?:来|平均|一起|分|按户|按楼层)?{_PAY}"
    r"|凑钱|凑一凑|凑凑|凑份子|凑点|集资|众筹|募捐|捐款|AA|分摊|均摊|平摊|各出|按户(?:出|收|分)"
)
_PUBLIC = re.compile(
    rf"{_PURSES}(?:自己|自个儿?)?(?:的)?(?:钱|经费|资金|收益)?(?:里|中|账上)?(?:来|统一|全|全部|全额|负责)?{_PAY}"
    rf"|(?:从|用|拿|动用){_PURSES}(?:的)?(?:[\u4e00-\u9fff]{{0,4}}?)(?:里|中|账上)?(?:出|支出|拿|列支|开支|付)"
    rf"|公费|免费(?!停|借|领|送|拿|看|进)"
)
# 不能又让居民掏腰包, 不用大家出钱, 凭什么让业主出: the payer named is the one turned down.
_TURNED_DOWN = re.compile(r"(?:不能|不要|不用|不该|不应该|别|甭|不让|不需要|无需|凭什么|为啥|为什么|没理由)"
                          r"[又再还让叫要]*$")
_PURSE_BEFORE = re.compile(rf"{_PURSES}$")


# 米黄色, 灰白色, 砖红色, 黄色网格线; and the colour words said without 色 (刷米黄, 投米黄一票, 建议刷灰白).
_COLOUR = re.compile(r"(?:[浅深淡暗亮纯])?(?P<name>[米灰乳奶砖天墨草土橘]?[红黄蓝绿白黑灰棕紫粉橙青])色"
                     r"|(?:[浅深淡暗亮纯])?(?P<bare>米黄|米白|灰白|砖红|红砖|乳白|奶白|天蓝|墨绿|草绿|土黄|浅灰|深灰)")
_SAME_COLOUR = {"红砖": "砖红"}


def read_aspects(text: str) -> dict[str, frozenset[str]]:
    """The payer and the colours a proposal names, by kind ("payer", "colour"); kinds it does not name are absent."""
    aspects = {"payer": read_payer(text),
               "colour": frozenset(_SAME_COLOUR.get(name, name) for match in _COLOUR.finditer(text)
                                   for name in (match.group("name") or match.group("bare"),))}
    return {kind: values for kind, values in aspects.items() if values}


def read_payer(text: str) -> frozenset[str]:
    """The payers a proposal names, among "self", "company" and "public" (物业出一半，业主出一半 names two)."""
    found: set[str] = set()
    for clause in CLAUSE_BREAK.split(text):
        for pattern, payer in ((_SELF, SELF), (_PUBLIC, PUBLIC)):
            for match in pattern.finditer(clause):
                before = clause[:match.start()]
                if payer == SELF and _PURSE_BEFORE.search(before):
                    continue  # 物业自己掏钱: the purse's own money
                if _TURNED_DOWN.search(before):
                    found.update(_OTHERS[payer])  # 不能又让居民掏腰包: anyone but the residents
                else:
                    found.update(_purse(match.group()) if payer == PUBLIC else (SELF,))
    return frozenset(found)


_OTHERS = {SELF: (PUBLIC, COMPANY), PUBLIC: (SELF,)}


def _purse(words: str) -> tuple[str, ...]:
    """Whose purse pays: 物业出钱 the company's; 居委会出, 物业公共收益里出 a public one; 从物业费里出 both (the
    company's budget, and the residents' money)."""
    if not _COMPANY.search(words):
        return (PUBLIC,)
    if _FEES.search(words):
        return (COMPANY, PUBLIC)
    return (PUBLIC,) if _COMMON_FUND.search(words) else (COMPANY,)
