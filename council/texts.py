"""Every word residents see, in one place. All text is HTML (parse_mode HTML); user strings are escaped here.

Headers (【议题】, 【征集建议】, 【投票】, 【决议公示】 …) are fixed by the product spec: people and tests rely on them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import tzinfo
from html import escape

from council.models import CATEGORIES, CONSENT_OPTIONS, Method, Proposal, Resolution, State, Tally, Topic
from council.timeutil import format_left, format_when

MESSAGE_LIMIT = 4096
BUTTON_LABEL_CHARS = 14
PHASE = {
    State.COLLECTING: "征集建议",
    State.VOTING: "投票中",
    State.CLOSED: "已结束",
    State.CANCELLED: "已取消",
}


def shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def split_message(text: str, limit: int = MESSAGE_LIMIT) -> list[str]:
    """Parts of at most `limit` characters, cut between lines (a line longer than that is cut where it must be).
    Our HTML never spans lines, so every part is well-formed on its own."""
    parts: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > limit:
            if current:
                parts.append(current)
                current = ""
            parts.append(line[:limit])
            line = line[limit:]
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            parts.append(current)
            candidate = line
        current = candidate
    parts.append(current)
    return [part for part in parts if part.strip()] or [text]


def topic_name(topic: Topic) -> str:
    return f"议题{topic.number}「{escape(shorten(topic.title, 40))}」"


# ---------------------------------------------------------------- topic card


def topic_card(topic: Topic, opener: str, tz: tzinfo) -> str:
    lines = [f"【议题】{topic.number}. {escape(topic.title)}"]
    if topic.background:
        lines.append(f"背景：{escape(topic.background)}")
    lines += [
        "",
        f"📌 征集建议：即日起至 {format_when(topic.collect_deadline, tz)}",
        f"🗳 投票表决：至 {format_when(topic.vote_deadline, tz)}（征集结束后开始）",
        "",
        "参与方式：",
        "1. 发一条「建议：您的想法」，或直接回复本条消息写建议",
        "2. 投票开始后，点按钮投票，或发「投2」这样的消息",
        "3. 发「进度」随时查看进展",
        f"发起人：{escape(opener)}",
    ]
    return "\n".join(lines)


def proposal_ack(topic: Topic, number: int, text: str, author: str, total: int, tz: tzinfo) -> str:
    """Two short lines: a group of twenty proposals should not fill the chat with acknowledgements."""
    return f"【征集建议】已收到 #{number}（{escape(author)}）\n{topic_name(topic)}共 {total} 条建议"


def similar_found(existing: Proposal, author: str) -> str:
    return "\n".join(
        [
            f"【相似建议】这条建议和 #{existing.number} 很接近：",
            f"#{existing.number} “{escape(shorten(existing.text, 80))}” —— {escape(existing.author_name)}",
            f"{escape(author)}，您可以支持 #{existing.number}（不再重复提交），或仍然提交为新建议。",
        ]
    )


def similar_keyboard(topic_id: int, number: int, message_id: int) -> list[list[tuple[str, str]]]:
    return [[(f"支持 #{number}", f"sp:{topic_id}:{number}:{message_id}"),
             ("仍然提交", f"pf:{topic_id}:{number}:{message_id}")]]


def similar_settled(author: str, number: int, supported: bool, new_number: int | None = None) -> str:
    """The 【相似建议】 question once its author answered: the group sees what became of it."""
    if supported:
        return f"【相似建议】{escape(author)} 的建议和 #{number} 很接近。\n✅ 已改为支持 #{number}，没有重复提交。"
    return f"【相似建议】{escape(author)} 的建议和 #{number} 很接近。\n✅ 仍然提交，编号 #{new_number}。"


def support_toast(number: int, supporters: int) -> str:
    return f"已支持 #{number}（现有 {supporters} 人支持），没有重复提交"


def merged(topic: Topic, into: Proposal, merged_: Proposal) -> str:
    return (
        f"已把{topic_name(topic)}的建议 #{merged_.number} 合并到 #{into.number}：\n"
        f"#{into.number} “{escape(shorten(into.text, 80))}”\n"
        f"#{merged_.number} 的支持者现在都算作支持 #{into.number}，投票时不再单列 #{merged_.number}。"
    )


CIVILITY_NUDGE = (
    "🙏 议事会的规矩是「就事论事，不针对个人」。这条消息里有伤人的话，这次没有记录。"
    "请换个说法再发一次，议事员也能看到被拦下的消息。"
)


# ---------------------------------------------------------------- ballot


def ballot(topic: Topic, tally: Tally, members: int | None, tz: tzinfo, *, closed: bool = False) -> str:
    head = [f"【投票】{topic.number}. {escape(topic.title)}"]
    if topic.method is Method.CONSENT:
        head.append("请对本议题表决：赞成 / 反对 / 弃权（点按钮，或直接发「赞成」）")
    else:
        head.append("请选一项：点下面的按钮，或发「投2」这样的消息")
    if closed:
        head.append("投票已结束，结果见【决议公示】。")
    else:
        head.append(f"截止 {format_when(topic.vote_deadline, tz)}，截止前可以改票。")
        head.append("点按钮投票不公开，只显示票数；在群里打字投票，大家能看到您的消息。")
    head.append("")
    tail = ["", participation_line(tally.voters, members)]
    width = _line_budget(head + tail, len(tally.options), reserve=8)
    rows = [f"#{o.number} {escape(shorten(o.text, width))} — {tally.count(o.number)}票" for o in tally.options]
    if topic.method is Method.CONSENT:
        rows = [f"{o.text} — {tally.count(o.number)}票" for o in tally.options]
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


def participation_line(voters: int, members: int | None) -> str:
    if members:
        return f"已投票 {voters} 人 · 本群 {members} 人（{round(voters * 100 / members)}%）"
    return f"已投票 {voters} 人"


def vote_toast(topic: Topic, option: int) -> str:
    choice = CONSENT_OPTIONS[option] if topic.method is Method.CONSENT else f"#{option}"
    return f"已投 {choice}，截止前可更改"


def vote_unchanged_toast(topic: Topic, option: int) -> str:
    choice = CONSENT_OPTIONS[option] if topic.method is Method.CONSENT else f"#{option}"
    return f"您已投 {choice}，无需重复投票"


def typed_votes_ack(names: list[str]) -> str:
    shown = "、".join(escape(n) for n in names[:10])
    more = f" 等 {len(names)} 位邻居" if len(names) > 10 else ""
    return f"✅ 已记下 {shown}{more} 的投票，截止前可以改票。"


# ---------------------------------------------------------------- resolution


OUTCOME = {
    "no_proposals": "没有收到建议，本议题未形成决议。",
    "no_votes": "没有人投票，本议题未形成决议。",
    "no_quorum": "参与人数未达法定人数，本次表决不生效。议事员可以重新发起。",
    "rejected": "反对多于赞成，议题未通过。",
    "tie": "出现平票，请议事员组织再议或决定下一步。",
}


def resolution(res: Resolution) -> str:
    topic, tally = res.topic, res.tally
    lines = [f"【决议公示】{topic.number}. {escape(topic.title)}", "表决结果："]
    width = _line_budget([], len(tally.options), reserve=700)
    for o in tally.options:
        label = o.text if topic.method is Method.CONSENT else f"#{o.number} {escape(shorten(o.text, width))}"
        lines.append(f"{label} — {tally.count(o.number)}票 ({round(tally.share(o.number) * 100)}%)")
    if not tally.options:
        lines.append("（无）")
    lines.append(participation_line(tally.voters, res.members).replace("已投票", "参与投票"))
    if res.quorum_needed:
        met = "已达到 ✅" if res.quorum_met else "未达到 ❌"
        lines.append(f"法定人数：至少 {res.quorum_needed} 人，{met}")
    else:
        lines.append("法定人数：未设")
    kind = res.outcome.kind
    if kind == "winner":
        best = res.outcome.winners[0]
        lines.append(f"<b>结果：#{best.number} {escape(shorten(best.text, 300))} 得票最多，形成决议。</b>")
    elif kind == "passed":
        lines.append("<b>结果：赞成多于反对，议题通过。</b>")
    elif kind == "tie" and res.outcome.winners:
        tied = "、".join(f"#{o.number}" for o in res.outcome.winners)
        lines.append(f"<b>结果：{tied} 平票，请议事员组织再议或决定下一步。</b>")
    else:
        lines.append(f"<b>结果：{OUTCOME[kind]}</b>")
    if kind in ("winner", "passed"):
        lines.append("下一步：议事员将把决议落实为具体事项，执行情况会在群里公示（执行监督）。")
    return "\n".join(lines)


def no_proposals_closed(topic: Topic) -> str:
    return f"【决议公示】{topic.number}. {escape(topic.title)}\n征集期已结束，没有收到建议，本议题未形成决议。"


def cancelled(topic: Topic, by: str) -> str:
    return f"【议题取消】{topic_name(topic)}已由 {escape(by)} 取消，已收到的建议和投票都保留在记录里。"


def hidden(topic: Topic, number: int, votes_dropped: int) -> str:
    text = f"已隐藏{topic_name(topic)}的建议 #{number}，它不再出现在投票中。"
    if votes_dropped:
        text += f"投给它的 {votes_dropped} 票已作废，这些邻居可以重新投票。"
    return text


# ---------------------------------------------------------------- status, help, setup


@dataclass
class StatusRow:
    topic: Topic
    proposals: int
    voters: int
    raised: list[str]  # keywords: what residents keep raising


def status(rows: list[StatusRow], now: float, tz: tzinfo) -> str:
    if not rows:
        return "【议题进度】本群目前没有进行中的议题。议事员可以发「发起议题 标题」开始。"
    lines = ["【议题进度】"]
    for row in rows:
        topic, proposals, voters = row.topic, row.proposals, row.voters
        category = f"（{escape(topic.category)}）" if topic.category and topic.category != "其他" else ""
        lines.append(f"{topic.number}. {escape(topic.title)}{category}")
        deadline = topic.deadline() or now
        if topic.state is State.COLLECTING:
            detail = f"征集建议中 · 已有 {proposals} 条建议"
        else:
            detail = f"投票中 · 已投票 {voters} 人"
        lines.append(f"   {detail} · 剩余 {format_left(deadline - now)}（{format_when(deadline, tz)} 截止）")
        if row.raised:
            lines.append(f"   大家常提到：{'、'.join(escape(word) for word in row.raised)}")
    return "\n".join(lines)


HELP = """【议事会助手 使用说明】
我帮大家在群里一起商量事情：提建议、投票、公示结果。不用记命令，直接发中文就行。

居民：
· 提建议：发「建议：您的想法」，或回复【议题】消息
· 投票：点【投票】消息下面的按钮，或发「投2」「2号」；表决时发「赞成」「反对」「弃权」
· 改票：截止前再投一次，以最后一次为准
· 看进度：发「进度」；看今天的小结：发「小结」

议事员（群管理员）：
· 发起议题 标题（换行写背景）  /open
· 开始投票  /vote      · 结束投票  /close
· 隐藏 3（隐藏第3条建议）  /hide 3
· 取消议题  /cancel     · 设置（检查我的权限）  /setup
· 导出 2（导出议题2的建议和票数，CSV 文件）  /export
· 决议公示后登记执行事项：事项 在3号楼西侧设投喂点 @物业 12月15日  /action
  （可加议题号「事项 议题2 …」，或回复那条【决议公示】；日期可写 明天、下周五、月底、3天后）
· 事项完成：完成 3  /done 3（负责人也可以发，或点【执行监督】消息下的按钮）
· 设定复盘：复盘 1月15日  /review（到那天请大家评一评措施有没有效果）
· 看执行情况：执行情况 或 执行情况 2  /actions
多个议题同时进行时，可以在命令后加议题号，如「开始投票 2」，或回复该议题的消息。

社区工作人员：在工作人员群或私聊我发「简报」，收到本周的议事简报（附网页版和 CSV）；「简报 2026-11-09」看那一周。

投票不公开：大家只看到票数，看不到谁投了什么。"""

PRIVATE_WELCOME = (
    "您好！我是议事会助手，帮邻居们在群里一起商量事情。\n"
    "居民：在议事群里发「建议：您的想法」提建议，投票时点按钮就行，不用记命令。\n"
    "议事员：请把我拉进小区或楼道的议事群，群管理员发「发起议题 标题」就能开始。\n"
    "发「帮助」可以看完整说明。"
)


def setup_report(can_read_all: bool, is_admin: bool, can_pin: bool) -> str:
    lines = ["【设置检查】"]
    if is_admin or can_read_all:
        how = "我是管理员" if is_admin else "隐私模式已关闭"
        lines.append(f"✅ 能看到群里的所有消息（{how}），居民直接发「建议：…」「投2」就行。")
    else:
        lines.append(
            "❌ 我只能看到命令和回复我的消息（隐私模式开着）。请任选一项：\n"
            "   · 把我设为群管理员；或\n"
            "   · 让机器人的主人在 @BotFather 发 /setprivacy，选中本机器人后选 Disable，再把我移出群、重新拉进来。"
        )
    if can_pin:
        lines.append("✅ 能置顶消息，【决议公示】会自动置顶。")
    else:
        lines.append("❌ 不能置顶消息：请把我设为管理员，并打开“置顶消息”权限，【决议公示】才能自动置顶。")
    return "\n".join(lines)


# ---------------------------------------------------------------- asking which topic


def which_topic(action: str) -> str:
    return f"本群有多个进行中的议题，请选择要{action}的议题："


def topic_button(topic: Topic) -> str:
    return f"{topic.number}. {shorten(topic.title, BUTTON_LABEL_CHARS)}"


def which_topic_for_proposal() -> str:
    return "本群有多个议题在征集建议，这条建议属于哪个议题？"


ACTIONS = {
    "vote": "开始投票", "close": "结束投票", "cancel": "取消", "hide": "隐藏建议", "merge": "合并建议",
    "category": "设置分类",
}


def category_info(topic: Topic) -> str:
    current = topic.category or "未分类"
    return (f"{topic_name(topic)}现在的分类是：{current}。\n可选：{'、'.join(CATEGORIES)}\n"
            "要改的话发「分类 名称」，例如：分类 停车")


def category_set(topic: Topic) -> str:
    return f"已把{topic_name(topic)}的分类改为：{topic.category}。"


# ---------------------------------------------------------------- answers to bad input

class Err:
    """Short explanations for anything we cannot do, each saying what to do instead."""

    NOT_FACILITATOR = "这个操作需要议事员（群管理员）来做。想提建议可以发「建议：您的想法」。"
    GROUP_ONLY = "这个命令要在议事群里用。请把我拉进群，在群里发。"
    OPEN_NO_TITLE = "请在「发起议题」后面写上标题，例如：发起议题 流浪狗扰民怎么办（换行可以写背景）。"
    TITLE_TOO_LONG = "标题太长了，请控制在 60 个字以内，详细情况可以换行写在背景里。"
    EMPTY_PROPOSAL = "建议内容是空的。请这样发：建议：在3号楼西侧设固定投喂点"
    NO_OPEN_TOPIC = "本群目前没有进行中的议题。议事员可以发「发起议题 标题」开始。"
    NOT_COLLECTING = "现在没有正在征集建议的议题，这条建议没有记录。请等议事员发起新议题。"
    NO_VOTING = "现在没有正在投票的议题。"
    VOTE_CLOSED = "这个投票已经结束了，不能再投。结果见【决议公示】。"
    BALLOT_NOT_HERE = "这个按钮不属于本群正在进行的投票。"
    STALE_BUTTON = "这个按钮已经失效了。"
    NOT_YOUR_DRAFT = "只有发这条建议的邻居可以选择议题。"
    MANY_BALLOTS = "本群有多个投票在进行，请直接点对应【投票】消息下的按钮，或回复那条消息再投。"
    NO_PROPOSALS_TO_VOTE = "还没有收到任何建议，不能开始投票。可以先请大家发「建议：…」。"
    ALREADY_VOTING = "这个议题已经在投票了。"
    NOT_VOTING = "这个议题不在投票阶段，无法结束投票。"
    HIDE_USAGE = "请写上要隐藏的建议编号，例如：隐藏 3"
    HIDE_CLOSED = "议题已结束，不能再隐藏建议。"
    MERGE_USAGE = "请写上两个建议编号，把后一个合并到前一个，例如：合并 2 5"
    MERGE_NOT_COLLECTING = "只能在征集建议阶段合并建议；投票已开始的话，可以用「隐藏 N」去掉重复的一条。"
    MERGE_SAME = "这是同一条建议，不用合并。"
    EXPORT_USAGE = "请这样发：导出 2（导出议题2），或只发「导出」导出最近的一个议题。"

    @staticmethod
    def proposal_too_long(limit: int, length: int) -> str:
        return f"建议太长了（{length} 字），请控制在 {limit} 字以内，说清楚要做什么就好。"

    @staticmethod
    def no_such_topic(number: int) -> str:
        return f"本群没有进行中的议题{number}。发「进度」可以看现在有哪些议题。"

    @staticmethod
    def no_such_proposal(topic: Topic, number: int) -> str:
        return f"{topic_name(topic)}没有建议 #{number}。"

    @staticmethod
    def not_on_ballot(topic: Topic, number: int, valid: list[int]) -> str:
        options = "、".join(f"#{n}" for n in valid)
        return f"{topic_name(topic)}的选票上没有 #{number}。可以投：{options}。"

    @staticmethod
    def unknown_category(name: str) -> str:
        return f"没有「{escape(name)}」这个分类。可选：{'、'.join(CATEGORIES)}"

    @staticmethod
    def already_hidden(number: int) -> str:
        return f"建议 #{number} 已经是隐藏状态。"


def _line_budget(fixed: list[str], rows: int, reserve: int) -> int:
    """How many characters each option line may use so the whole message stays under Telegram's limit."""
    if rows == 0:
        return 60
    used = sum(len(line) + 1 for line in fixed) + reserve
    return max(8, min(60, (MESSAGE_LIMIT - used) // rows - 12))
