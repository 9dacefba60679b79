"""Words of the private chat (我的 /mine, 提醒我 /remindme) and of reports (举报). HTML; user strings escaped here.

In private the bot never shows counts or anyone else's choice: only the ballot, the deadline and what this
resident (or their household) chose.
"""

from __future__ import annotations

from datetime import tzinfo
from html import escape

from council.ballot_texts import HOW_TO_VOTE, option_name
from council.models import CONSENT_OPTIONS, Method, Option, Topic
from council.texts import BUTTON_LABEL_CHARS, shorten, topic_name
from council.timeutil import format_left, format_when

MINE_HEADER = "【我的议事】"
BALLOTS_SHOWN = 5


# ---------------------------------------------------------------- 我的 (/mine)


def mine_summary(ballots: int, more: int, proposals: list[tuple[str, Topic, int, str, int, str | None]]) -> str:
    """The first message of /mine: how many ballots wait for this resident, and their own proposals
    as (group title, topic, number, text, supporters, hold)."""
    lines = [MINE_HEADER]
    if ballots:
        lines.append(f"有 {ballots} 个投票等您参与，见下面的消息，点按钮就能投（截止前可以改票）。")
        if more:
            lines.append(f"另有 {more} 个投票，先投完这些，再发「我的」看。")
    else:
        lines.append("您所在的议事群里，目前没有等您投票的表决。")
    if proposals:
        lines += ["", "您提的建议："]
        for group, topic, number, text, supporters, hold in proposals:
            state = "（被举报，等议事员处理）" if hold == "held" else "（已隐藏）" if hold == "confirmed" else ""
            lines.append(f"· {escape(shorten(group, 16))} {topic_name(topic)} #{number} "
                         f"{escape(shorten(text, 30))} — {supporters}人支持{state}")
    return "\n".join(lines)


NOTHING_OPEN = (
    f"{MINE_HEADER}\n您所在的议事群里，目前没有等您投票的表决，也没有您提的进行中的建议。\n"
    "有新的投票时，在群里点按钮就能投；发「提醒我」，投票快截止而您还没投时，我会私下提醒您。"
)
NOT_SEEN_YET = (
    f"{MINE_HEADER}\n我还不知道您在哪个议事群。在群里发一次言或投一次票后，这里就能列出等您投票的表决。"
)


def private_ballot(topic: Topic, group: str, options: list[Option], tz: tzinfo, now: float, *,
                   chosen: frozenset[int] = frozenset(), household_label: str | None = None,
                   register_first: str | None = None, reminder: bool = False) -> str:
    """One ballot in private: options, deadline and this resident's own choice. Never counts."""
    head = f"【提醒】{topic_name(topic)}投票还剩 {format_left(topic.vote_deadline - now)}，您还没有投票。" \
        if reminder else f"【投票】{topic_name(topic)}"
    lines = [head, f"群：{escape(group)}" if group else "",
             f"截止 {format_when(topic.vote_deadline, tz)}，截止前可以改票。"]
    if topic.method is not Method.CONSENT:
        lines += [f"#{o.number} {escape(shorten(o.text, 60))}" for o in options]
    if register_first:
        lines.append(register_first)
    elif chosen:
        mine = "、".join(option_name(topic, n) for n in sorted(chosen))
        who = f"您家（{escape(household_label)}）" if household_label else "您"
        lines.append(f"✅ {who}已投：{mine}。")
    else:
        lines.append(HOW_TO_VOTE[topic.method].split("：")[0] + "：点下面的按钮。")
    if topic.method is Method.APPROVAL and not register_first:
        lines.append("可以支持多项，再点一次取消。")
    return "\n".join(line for line in lines if line)


def private_keyboard(topic: Topic, options: list[Option], chosen: frozenset[int]) -> list[list[tuple[str, str]]]:
    """Buttons of a ballot in private (pv:<topic id>:<option>, ASCII, far below 64 bytes); ✅ marks the choice."""
    def label(number: int, text: str) -> str:
        return ("✅ " if number in chosen else "") + text

    if topic.method is Method.CONSENT:
        return [[(label(n, text), private_vote_data(topic.id, n)) for n, text in CONSENT_OPTIONS.items()]]
    return [[(label(o.number, f"#{o.number} {shorten(o.text, BUTTON_LABEL_CHARS)}"),
              private_vote_data(topic.id, o.number))] for o in options]


def private_vote_data(topic_id: int, option: int) -> str:
    return f"pv:{topic_id}:{option}"


def mine_in_group(bot_username: str) -> str:
    link = f"https://t.me/{bot_username}" if bot_username else "我"
    return f"「我的」要私聊用：请点 {link} 打开和我的私聊，发「我的」，就能看到等您投票的表决。"


NOT_A_MEMBER = "您已经不在这个群里了，不能再投这个票。"


# ---------------------------------------------------------------- 提醒我 (/remindme)

REMIND_ON = (
    "好的，已打开私下提醒：投票快截止而您（或您家）还没投时，我会在这里提醒您一次（22点到7点不打扰）。"
    "不需要了就发「不用提醒」。"
)
REMIND_OFF = "好的，已关闭私下提醒。想再打开就发「提醒我」。"
REMIND_GROUP = "「提醒我」要私聊用：请私聊我发「提醒我」。群里不会有人知道您投没投。"


# ---------------------------------------------------------------- 举报 (reports)

REPORTS_TO_HOLD = 3
REPORT_HOW = "要举报一条建议，请回复那条建议（或它的【征集建议】回执），发「举报」。"
REPORT_NOT_PROPOSAL = "这条消息不是一条建议。要举报，请回复那条建议本身，或它的【征集建议】回执。"
REPORT_OWN = "这是您自己的建议，不能举报。想撤回的话，请联系议事员隐藏它。"
REPORT_TWICE = "您已经举报过这条建议了，议事员会看到。"
REPORT_CLOSED = "这个议题已经结束，不能再举报它的建议。"
REPORT_ALREADY_HIDDEN = "这条建议已经被隐藏了，谢谢您。"
RESTORE_CLOSED = "这个议题已经结束，结果已公示，不能再恢复这条建议；可以点「确认隐藏」。"
REPORT_KEPT = "议事员已经看过这条建议并决定保留，举报没有再记录。有意见可以直接找议事员。"


def report_merged(number: int, into: int) -> str:
    return f"#{number} 已经合并到 #{into}，不再单独投票。如果 #{into} 也有问题，请回复它的消息举报。"


NOT_FACILITATOR = "只有议事员（群管理员）可以处理举报。"
REPORT_DECIDED = "这条举报已经处理过了。"


def report_received(topic: Topic, number: int, private: bool) -> str:
    """The reporter's answer: privately if they have talked to the bot, else in the group without a name."""
    where = f"{topic_name(topic)}的建议 #{number}"
    if private:
        return f"已收到您对{where}的举报。举报是匿名的；三位邻居举报后，它会先隐藏，由议事员决定。"
    return f"已收到一份对 #{number} 的举报（举报人不公开）。三位邻居举报后，这条建议会先隐藏，由议事员决定。"


def report_notice(topic: Topic, number: int, text: str, set_aside: int) -> str:
    lines = [
        f"【举报】{topic_name(topic)}的建议 #{number} 被 {REPORTS_TO_HOLD} 位邻居举报，已暂时隐藏，等议事员处理：",
        f"#{number} “{escape(shorten(text, 80))}”",
    ]
    if set_aside:
        lines.append(f"投给它的 {set_aside} 票暂时搁置：恢复后照常计算（其间改投别项的，以新投为准）。")
    lines.append("议事员请点「恢复」或「确认隐藏」。")
    return "\n".join(lines)


def report_keyboard(topic_id: int, number: int) -> list[list[tuple[str, str]]]:
    return [[("恢复", f"fr:{topic_id}:{number}"), ("确认隐藏", f"fh:{topic_id}:{number}")]]


def report_restored(topic: Topic, number: int, by: str, votes_back: int) -> str:
    back = f"搁置的 {votes_back} 票已恢复计算。" if votes_back else ""
    return f"【举报】{topic_name(topic)}的建议 #{number} 已由 {escape(by)} 恢复，重新参加投票。{back}"


def report_confirmed(topic: Topic, number: int, by: str, votes_void: int) -> str:
    void = f"投给它的 {votes_void} 票作废，这些邻居可以重新投票。" if votes_void else ""
    return f"【举报】{topic_name(topic)}的建议 #{number} 已由 {escape(by)} 确认隐藏。{void}"


def facilitator_note(group: str, topic: Topic, number: int) -> str:
    return (f"【举报】{escape(group)}：{topic_name(topic)}的建议 #{number} 被 {REPORTS_TO_HOLD} 位邻居举报，"
            "已暂时隐藏。请到群里的【举报】消息点「恢复」或「确认隐藏」。")

RESTORED = "已恢复"
CONFIRMED_HIDDEN = "已确认隐藏"
