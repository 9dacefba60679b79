"""Every word residents see, in one place. All text is HTML (parse_mode HTML); user strings are escaped here.

Headers (【议题】, 【征集建议】, 【投票】, 【决议公示】 …) are fixed by the product spec: people and tests rely on them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import tzinfo
from html import escape

from council.models import CATEGORIES, Ballot, Method, Proposal, Results, State, Threshold, Topic, VoteUnit
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


# How a topic's rules read on its card. The card names only the unusual ones (see rule_notes).
RULE_WORDS = {
    Method.CHOICE: "每人选一项", Method.APPROVAL: "可多选", Method.CONSENT: "赞成/反对表决",
    VoteUnit.PERSON: "一人一票", VoteUnit.HOUSEHOLD: "一户一票",
    Threshold.MAJORITY: "过半数通过", Threshold.TWO_THIRDS: "三分之二通过",
    Ballot.SECRET: "不记名投票", Ballot.OPEN: "公开投票",
    Results.LIVE: "实时公布票数", Results.HIDDEN: "投票结束前不公布票数",
}
USUAL_QUORUM = 0.3


def quorum_words(quorum: float, households: bool = False) -> str:
    if quorum <= 0:
        return "不设参与门槛"
    if quorum < 1:
        return f"至少 {round(quorum * 100)}% 的{'住户' if households else '成员'}投票才有效"
    return f"至少 {int(quorum)} {'户' if households else '人'}投票才有效"


def rule_notes(topic: Topic) -> list[str]:
    """The rules of this topic that differ from the usual ones (每人选一项, 一人一票, 过半数, 不记名, 实时票数)."""
    notes = [RULE_WORDS[value] for value in (topic.method, topic.one_vote_per, topic.threshold, topic.ballot,
                                             topic.results)
             if value not in (Method.CHOICE, VoteUnit.PERSON, Threshold.MAJORITY, Ballot.SECRET, Results.LIVE)]
    if topic.quorum != USUAL_QUORUM:
        notes.append(quorum_words(topic.quorum, topic.by_household))
    return notes


def card_keyboard(topic: Topic) -> list[list[tuple[str, str]]]:
    """A link button to the bot's private chat (start=p<topic id>); handlers.keyboards fills in the bot's name."""
    return [[("私信提建议", f"start:p{topic.id}")]]


def topic_card(topic: Topic, opener: str, tz: tzinfo) -> str:
    number = f"{topic.number}. " if topic.number else ""  # a preview of the /new wizard has no number yet
    lines = [f"【议题】{number}{escape(topic.title)}"]
    if topic.background:
        lines.append(f"背景：{escape(topic.background)}")
    lines += [
        "",
        f"📌 征集建议：即日起至 {format_when(topic.collect_deadline, tz)}",
        f"🗳 投票表决：至 {format_when(topic.vote_deadline, tz)}（征集结束后开始）",
    ]
    notes = rule_notes(topic)
    if notes:
        lines.append(f"📋 规则：{' · '.join(notes)}")
    lines += [
        "",
        "参与方式：",
        "1. 发一条「建议：您的想法」，或直接回复本条消息写建议",
        "2. 投票开始后，点按钮投票，或发「投2」这样的消息",
        "3. 发「进度」随时查看进展",
        "4. 不方便在群里说，可以点下面「私信提建议」" + ("（不显示姓名）" if topic.anonymous else ""),
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


def participation_line(voters: int, members: int | None, households: bool = False) -> str:
    """已投票 5 人 · 本群 20 人（25%）; on a household ballot, households (户) registered in the group."""
    if households:
        of = f" · 本群已登记 {members} 户（{round(voters * 100 / members)}%）" if members else " · 本群还没有住户登记"
        return f"已投票 {voters} 户{of}"
    if members:
        return f"已投票 {voters} 人 · 本群 {members} 人（{round(voters * 100 / members)}%）"
    return f"已投票 {voters} 人"


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
· 一户一票的议题：先发「登记 3-2-301」（楼-单元-室）登记门牌
· 私聊我发「我的」（/mine）：看等您投票的表决，直接点按钮投；发「提醒我」（/remindme）：快截止还没投时私下提醒您
· 举报：回复一条不当的建议，发「举报」；三位邻居举报后先隐藏，由议事员决定
· 看决议落实得怎样：发「执行情况」；复盘那天点按钮说说措施有没有效果

议事员（群管理员）：
· 发起议题 标题（换行写背景）  /open
· 私聊我发「新议题」（/new）：一步一步设置投票方式、时长、门槛等规则再发布
· 开始投票  /vote      · 结束投票  /close
· 隐藏 3（隐藏第3条建议）  /hide 3
· 取消议题  /cancel     · 设置（检查我的权限）  /setup
· 导出 2（导出议题2的建议和票数，CSV 文件）  /export
· 筛选（建议超过10条时挑选放上选票的）  /shortlist   · 决选 3（平票后决选）  /runoff
· 代投 3-2-301 2（为没有手机的居民代投）  /proxy   · 住户（看登记）  /households
· 决议公示后登记执行事项：事项 在3号楼西侧设投喂点 @物业 12月15日  /action
  （可加议题号「事项 议题2 …」，或回复那条【决议公示】；日期可写 明天、下周五、月底、3天后）
· 事项完成：完成 3  /done 3（负责人也可以发，或点【执行监督】消息下的按钮）
· 设定复盘：复盘 1月15日  /review（到那天请大家评一评措施有没有效果）
· 看执行情况：执行情况 或 执行情况 2  /actions
多个议题同时进行时，可以在命令后加议题号，如「开始投票 2」，或回复该议题的消息。

社区工作人员：在工作人员群或私聊我发「简报」，收到本周的议事简报（附网页版和 CSV）；「简报 2026-11-09」看那一周。

投票默认不公开：大家只看到票数，看不到谁投了什么（议事员发起议题时可以选公开投票）。"""

PRIVATE_WELCOME = (
    "您好！我是议事会助手，帮邻居们在群里一起商量事情。\n"
    "居民：在议事群里发「建议：您的想法」提建议，投票时点按钮就行，不用记命令。\n"
    "议事员：请把我拉进小区或楼道的议事群，群管理员发「发起议题 标题」就能开始。\n"
    "发「我的」（/mine）：看等您投票的表决，在这里点按钮就能投。\n"
    "发「提醒我」（/remindme）：投票快截止而您还没投时，我私下提醒您一次；发「不用提醒」关闭。\n"
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
    REGISTER_FIRST = (
        "本议题一户一票，请先登记您家的门牌：发「登记 3-2-301」（3幢2单元301室），登记后再投票。"
    )

    @staticmethod
    def proposal_too_long(limit: int, length: int) -> str:
        return f"建议太长了（{length} 字），请控制在 {limit} 字以内，说清楚要做什么就好。"

    @staticmethod
    def no_such_topic(number: int) -> str:
        return f"本群没有进行中的议题{number}。发「进度」可以看现在有哪些议题。"

    @staticmethod
    def no_closed_topic(number: int) -> str:
        return f"本群没有已结束的议题{number}。"

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
