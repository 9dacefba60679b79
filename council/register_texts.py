"""Words of household registration (登记), the facilitator's list of households (住户) and proxy votes (代投)."""

from __future__ import annotations

from html import escape

from council.ballot_texts import option_name
from council.households import EXAMPLE, Household, label_of
from council.models import Method, Resident, Topic
from council.texts import topic_name

ONLY_OWN = "只能登记自己家的门牌。想更正别人的登记，请议事员回复那位居民的消息来登记。"
PROXY_WHICH = "本群有多个投票在进行，请回复要代投的那条【投票】消息，再发「代投 …」。"


def register_usage(text: str) -> str:
    wrote = f"「{escape(text)}」不是门牌号。" if text else ""
    return (f"{wrote}请这样登记：登记 {EXAMPLE}，也可以写 3幢2单元301、3栋2单元301室；没有单元的写 12幢502。"
            "登错了再发一次就会更正，发「登记 取消」取消登记。")


def registered(name: str, household: Household | None, previous: str | None, household_ballot_open: bool,
               by: str | None) -> str:
    who = escape(name)
    if household is None:
        return f"已取消 {who} 的住户登记。" if previous else f"{who} 还没有登记过住户。"
    changed = f"（原来是 {previous}）" if previous and previous != household.label else ""
    corrected = f"，由议事员 {escape(by)} 更正" if by else ""
    text = f"✅ 已登记：{who} 住 {household.label}{changed}{corrected}。"
    if household_ballot_open:
        text += "\n现在有一户一票的投票在进行，可以投票了；同一户以最后一次投票为准。"
    return text


def household_list(residents: list[Resident]) -> str:
    if not residents:
        return "【住户登记】本群还没有人登记。居民发「登记 3-2-301」即可登记。"
    by_household: dict[str, list[str]] = {}
    for r in residents:
        by_household.setdefault(r.household, []).append(r.name)
    lines = [f"【住户登记】本群已登记 {len(by_household)} 户、{len(residents)} 人："]
    for key, names in by_household.items():
        lines.append(f"{label_of(key)}：{'、'.join(escape(n) for n in names)}")
    lines.append("更正：回复那位居民的消息，发「登记 正确门牌」；取消：回复并发「登记 取消」。")
    return "\n".join(lines)


def proxy_usage(topic: Topic) -> str:
    choice = "赞成" if topic.method is Method.CONSENT else "2"
    return (f"请这样代投：代投 3-2-301 {choice}（门牌 + 选项），可以在门牌前写名字：代投 王奶奶 3-2-301 {choice}；"
            f"或回复那位居民的消息发「代投 {choice}」。")


def proxy_unregistered(name: str) -> str:
    return f"{escape(name)} 还没有登记住户，本议题一户一票，请写门牌代投：代投 3-2-301 2"


def proxy_recorded(topic: Topic, label: str, by: str, options: list[int], replaced: bool, replaceable: bool) -> str:
    """The group sees that a vote was entered and by whom; on a secret ballot not what it was."""
    chosen = "" if topic.secret else "：" + "、".join(option_name(topic, n) for n in options)
    again = "（替换了之前的一票）" if replaced else ""
    later = ("本人以后自己投票，会替换这一票。" if replaceable
             else "要更改，请议事员再代投一次。")
    return f"🤝 {escape(by)} 为 {escape(label)} 代投了{topic_name(topic)}的一票{chosen}{again}。{later}"
