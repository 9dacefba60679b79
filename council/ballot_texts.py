"""Words of the ballot: 【投票】, the answers to a vote, and 【决议公示】. HTML; every user string is escaped here.

What a ballot shows depends on the topic's rules: one option, several (approval) or 赞成/反对/弃权; per person or
per household; secret (counts only) or open (supporters' names); live or hidden results.
"""

from __future__ import annotations

from datetime import tzinfo
from html import escape

from council import rules
from council.models import CONSENT_OPTIONS, Method, Resolution, Tally, Threshold, Topic
from council.texts import MESSAGE_LIMIT, participation_line, shorten
from council.timeutil import format_when

BUTTON_LABEL_CHARS = 14
NAMES_SHOWN = 8

HOW_TO_VOTE = {
    Method.CHOICE: "请选一项：点下面的按钮，或发「投2」这样的消息",
    Method.APPROVAL: "可以支持多项：点按钮支持，再点一次取消；也可以发「1和3都行」",
    Method.CONSENT: "请对本议题表决：赞成 / 反对 / 弃权（点按钮，或直接发「赞成」）",
}
HOUSEHOLD_RULE = "一户一票：同一户以最后一次投票为准。还没登记的邻居请先发「登记 3-2-301」（楼-单元-室）。"
SECRET_RULE = "点按钮投票不公开，只显示票数；在群里打字投票，大家能看到您的消息。"
OPEN_RULE = "本议题公开投票：票数下面显示投票人的名字。"
HIDDEN_RULE = "投票结束前不公布票数，只显示已投票的人数。"
TWO_THIRDS_RULE = "通过条件：三分之二多数（弃权不计入）。"


def ballot(topic: Topic, tally: Tally, members: int | None, tz: tzinfo, *, closed: bool = False) -> str:
    head = [f"【投票】{topic.number}. {escape(topic.title)}"]
    if topic.runoff_of is not None:
        head.append("决选投票：只在上次平票的建议之间选。")
    head.append(HOW_TO_VOTE[topic.method])
    if topic.by_household:
        head.append(HOUSEHOLD_RULE)
    if closed:
        head.append("投票已结束，结果见【决议公示】。")
    else:
        head.append(f"截止 {format_when(topic.vote_deadline, tz)}，截止前可以改票。")
        head.append(SECRET_RULE if topic.secret else OPEN_RULE)
        if topic.results_hidden:
            head.append(HIDDEN_RULE)
    if topic.threshold is Threshold.TWO_THIRDS:
        head.append(TWO_THIRDS_RULE)
    needed = rules.quorum_needed(topic.quorum, members)
    if needed:
        head.append(f"至少 {needed} {'户' if topic.by_household else '人'}参与，表决才有效。")
    head.append("")
    tail = ["", participation_line(tally.voters, members, topic.by_household) + proxy_note(tally)]
    show_counts = closed or not topic.results_hidden
    names_shown = show_counts and not topic.secret
    width = line_budget(head + tail, len(tally.options) * (2 if names_shown else 1), reserve=8)
    rows = []
    for o in tally.options:
        label = o.text if topic.method is Method.CONSENT else f"#{o.number} {escape(shorten(o.text, width))}"
        rows.append(f"{label} — {tally.count(o.number)}票" if show_counts else label)
        if names_shown and tally.names.get(o.number):
            rows.append(f"   {names_line(tally.names[o.number], width)}")
    return "\n".join(head + rows + tail)


def ballot_keyboard(topic: Topic, tally: Tally) -> list[list[tuple[str, str]]]:
    """Rows of (label, callback_data). callback_data is ASCII and far below Telegram's 64 bytes."""
    if topic.method is Method.CONSENT:
        return [[(label, vote_data(topic.id, n)) for n, label in CONSENT_OPTIONS.items()]]
    return [
        [(f"#{o.number} {shorten(o.text, BUTTON_LABEL_CHARS)}", vote_data(topic.id, o.number))] for o in tally.options
    ]


def vote_data(topic_id: int, option: int) -> str:
    return f"v:{topic_id}:{option}"


def names_line(names: list[str], width: int) -> str:
    shown = "、".join(escape(shorten(n, 8)) for n in names[:NAMES_SHOWN])
    more = f" 等 {len(names)} 人" if len(names) > NAMES_SHOWN else ""
    return shorten(shown, max(width, 20)) + more


def proxy_note(tally: Tally) -> str:
    return f"（其中代投 {tally.proxies} 票）" if tally.proxies else ""


# ---------------------------------------------------------------- answers to a vote


def option_name(topic: Topic, option: int) -> str:
    return CONSENT_OPTIONS[option] if topic.method is Method.CONSENT else f"#{option}"


def vote_toast(topic: Topic, option: int, before: frozenset[int], after: frozenset[int],
               household_label: str | None = None) -> str:
    """The short answer to a tap (at most 200 characters)."""
    if topic.method is Method.APPROVAL:
        now = "、".join(f"#{n}" for n in sorted(after)) or "（没有）"
        done = f"已支持 #{option}" if option in after else f"已取消支持 #{option}"
        return f"{done}。您现在支持：{now}，再点可取消"
    if before == after:
        return f"您已投 {option_name(topic, option)}，无需重复投票"
    if household_label:
        return f"已投 {option_name(topic, option)}，算作{household_label}的一票（本户以最后一次为准）"
    return f"已投 {option_name(topic, option)}，截止前可更改"


# A typed message that leans to one option (我觉得二号靠谱) is not counted: its author is asked, with buttons.
GUESS_NOT_YOURS = "这是问发那条消息的邻居的。您要投票的话，点【投票】消息下面的按钮就行。"
GUESS_DECLINED = "好的，那条消息不算投票。"


def vote_guess(topic: Topic, option: int, name: str) -> str:
    return (f"{escape(name)}，您是想在议题{topic.number}「{escape(shorten(topic.title, 30))}」投 "
            f"{option_name(topic, option)} 吗？\n点「是」就算您一票；不是的话点「不是」，什么也不记。")


def vote_guess_keyboard(topic: Topic, option: int, user_id: int) -> list:
    """vg:<topic>:<option>:<user> / vn:<topic>:<user>: at most 30 bytes of callback data."""
    return [[(f"是，投 {option_name(topic, option)}", f"vg:{topic.id}:{option}:{user_id}"),
             ("不是", f"vn:{topic.id}:{user_id}")]]


def vote_guess_done(topic: Topic, option: int, name: str) -> str:
    return f"✅ 已按 {escape(name)} 的意思投 {option_name(topic, option)}，截止前可以改票。"


def typed_votes_ack(names: list[str]) -> str:
    shown = "、".join(escape(n) for n in names[:10])
    more = f" 等 {len(names)} 位邻居" if len(names) > 10 else ""
    return f"✅ 已记下 {shown}{more} 的投票，截止前可以改票。"


# ---------------------------------------------------------------- 【决议公示】


OUTCOME = {
    "no_proposals": "没有收到建议，本议题未形成决议。",
    "no_votes": "没有人投票，本议题未形成决议。",
    "rejected": "未达到通过条件，议题未通过。",
    "tie": "赞成和反对票数相同，议题未通过。请议事员组织再议或决定下一步。",
}


def resolution(res: Resolution) -> str:
    topic, tally = res.topic, res.tally
    lines = [f"【决议公示】{topic.number}. {escape(topic.title)}", "表决结果："]
    open_names = not topic.secret
    width = line_budget([], len(tally.options) * (2 if open_names else 1), reserve=900)
    for o in tally.options:
        label = o.text if topic.method is Method.CONSENT else f"#{o.number} {escape(shorten(o.text, width))}"
        lines.append(f"{label} — {tally.count(o.number)}票 ({round(tally.share(o.number) * 100)}%)")
        if open_names and tally.names.get(o.number):
            lines.append(f"   {names_line(tally.names[o.number], width)}")
    if not tally.options:
        lines.append("（无）")
    unit = "户" if topic.by_household else "人"
    lines.append(participation_line(tally.voters, res.members, topic.by_household).replace("已投票", "参与投票")
                 + proxy_note(tally))
    if topic.by_household:
        lines.append("一户一票：每户以最后一次投票为准。")
    if res.quorum_needed:
        met = "已达到 ✅" if res.quorum_met else "未达到 ❌"
        lines.append(f"法定人数：至少 {res.quorum_needed} {unit}，{met}")
    else:
        lines.append("法定人数：未设")
    if topic.threshold is Threshold.TWO_THIRDS:
        lines.append(TWO_THIRDS_RULE)
    if topic.method is Method.CONSENT and tally.count(3):
        lines.append(f"弃权 {tally.count(3)} 票，不计入赞成和反对的比例。")
    lines.append(f"<b>结果：{_result(res, unit)}</b>")
    if res.outcome.kind in ("winner", "passed"):
        lines.append("下一步：议事员将把决议落实为具体事项，执行情况会在群里公示（执行监督）。")
    return "\n".join(lines)


def _result(res: Resolution, unit: str) -> str:
    kind, winners, tally = res.outcome.kind, res.outcome.winners, res.tally
    if kind == "winner":
        best = winners[0]
        return f"#{best.number} {escape(shorten(best.text, 300))} 得票最多，形成决议。"
    if kind == "passed":
        return "赞成" + ("达到三分之二" if res.topic.threshold is Threshold.TWO_THIRDS else "多于反对") + "，议题通过。"
    if kind == "no_quorum":
        return (f"未达法定人数：参与 {tally.voters} {unit}，至少需要 {res.quorum_needed} {unit}，"
                "本次表决不生效。议事员可以重新发起。")
    if kind == "below_threshold":
        best = winners[0]
        return (f"#{best.number} 得票最多（{round(tally.share(best.number) * 100)}%），但未达到三分之二，"
                "未形成决议。请议事员组织再议。")
    if kind == "tie" and winners:
        tied = "、".join(f"#{o.number}" for o in winners)
        return (f"{tied} 平票（各 {tally.count(winners[0].number)} 票）。按议事规则，由议事员决定，"
                "或在平票的建议之间发起决选投票（议事员点下面的按钮）。")
    return OUTCOME[kind]


def resolution_keyboard(res: Resolution) -> list[list[tuple[str, str]]] | None:
    """A tie between proposals: the facilitator starts the run-off with one tap."""
    if res.outcome.kind == "tie" and len(res.outcome.winners) > 1:
        return [[("发起决选投票", f"ro:{res.topic.id}")]]
    return None


def no_proposals_closed(topic: Topic) -> str:
    return f"【决议公示】{topic.number}. {escape(topic.title)}\n征集期已结束，没有收到建议，本议题未形成决议。"


def line_budget(fixed: list[str], rows: int, reserve: int) -> int:
    """How many characters each option line may use so the whole message stays under Telegram's limit."""
    if rows == 0:
        return 60
    used = sum(len(line) + 1 for line in fixed) + reserve
    return max(8, min(60, (MESSAGE_LIMIT - used) // rows - 12))
