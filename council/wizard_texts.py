"""Words of the facilitator's /new wizard and of proposals sent in private chat. HTML; user strings escaped."""

from __future__ import annotations

from html import escape

from council.models import Ballot, Method, Results, Threshold, TopicSettings, VoteUnit
from council.texts import RULE_WORDS, quorum_words, topic_name
from council.timeutil import format_left

# ---------------------------------------------------------------- what may be answered (buttons carry these words)

METHOD_WORDS = {
    "一人选一项": Method.CHOICE, "单选": Method.CHOICE, "选一项": Method.CHOICE,
    "可多选": Method.APPROVAL, "多选": Method.APPROVAL,
    "赞成反对": Method.CONSENT, "赞成/反对": Method.CONSENT, "表决": Method.CONSENT,
}
THRESHOLD_WORDS = {"过半数": Threshold.MAJORITY, "多数": Threshold.MAJORITY, "半数": Threshold.MAJORITY,
                   "三分之二": Threshold.TWO_THIRDS, "2/3": Threshold.TWO_THIRDS}
UNIT_WORDS = {"一人一票": VoteUnit.PERSON, "每人一票": VoteUnit.PERSON, "一户一票": VoteUnit.HOUSEHOLD,
              "每户一票": VoteUnit.HOUSEHOLD}
BALLOT_WORDS = {"不记名": Ballot.SECRET, "无记名": Ballot.SECRET, "匿名投票": Ballot.SECRET,
                "公开投票": Ballot.OPEN, "记名": Ballot.OPEN, "公开": Ballot.OPEN}
RESULTS_WORDS = {"实时公布": Results.LIVE, "实时": Results.LIVE, "结束后公布": Results.HIDDEN,
                 "投票结束后公布": Results.HIDDEN}
ANONYMOUS_WORDS = {"不显示姓名": True, "匿名": True, "显示姓名": False, "实名": False}
MORE_WORDS = {"用默认": False, "默认": False, "调整": True}

BUTTONS: dict[str, list[list[str]]] = {
    "background": [["跳过"]],
    "method": [["一人选一项", "可多选"], ["赞成反对"]],
    "collect": [["1天", "2天", "3天"], ["5天", "7天"]],
    "vote": [["1天", "2天", "3天"]],
    "quorum": [["30%", "50%", "不设"]],
    "threshold": [["过半数", "三分之二"]],
    "unit": [["一人一票", "一户一票"]],
    "ballot": [["不记名", "公开投票"]],
    "more": [["用默认", "调整"]],
    "results": [["实时公布", "结束后公布"]],
    "anonymous": [["不显示姓名", "显示姓名"]],
}

QUESTIONS = {
    "title": "请发议题的标题（60 字以内），例如：流浪狗扰民怎么办",
    "background": "请发议题的背景（发生了什么、想解决什么），没有的话点「跳过」。",
    "method": ("怎么投票？\n· 一人选一项：从建议里选一条\n· 可多选：支持几条都可以\n"
               "· 赞成反对：对议题本身表决（赞成/反对/弃权）"),
    "collect": "征集建议多长时间？点按钮，或直接发「3天」「36小时」。",
    "vote": "投票多长时间？（征集结束后开始）点按钮，或直接发「2天」「12小时」。",
    "quorum": "至少多少人投票，结果才有效？点按钮，或发「40%」（占群成员的比例）、「10人」（人数）。",
    "threshold": "怎样算通过？\n· 过半数：得票最多的建议胜出（表决时赞成多于反对）\n· 三分之二：需要三分之二的票",
    "unit": "一人一票，还是一户一票？（一户一票要先在群里发「登记 3-2-301」登记门牌）",
    "ballot": "不记名（大家只看到票数），还是公开投票（显示谁投了哪项）？",
    "more": "其他设置（投票中是否实时公布票数、私信提的建议是否显示姓名）用默认，还是调整？",
    "results": "投票中实时公布票数，还是投票结束后再公布？",
    "anonymous": "居民私信给我提的建议，在群里显示姓名吗？",
}

# ---------------------------------------------------------------- the conversation

START_PICK_GROUP = "【发起新议题】我一步一步问，随时发「取消」可以放弃。\n先选在哪个群发起："
NO_GROUPS = (
    "没有找到您担任议事员（群管理员）的议事群。\n"
    "请确认我已经在群里，并且您是群管理员；也可以先在群里发「发起议题 标题」直接发起。"
)
NOT_FACILITATOR_THERE = "您不是这个群的议事员（群管理员），不能在那里发起议题。请选您管理的群。"
GROUP_GONE = "我已经不在这个群了，无法发起议题。"
PRIVATE_ONLY = "请私聊我发 /new（或「新议题」），我一步一步帮您设置议题。"
CANCELLED = "已取消，什么都没有发布。需要时再发 /new（或「新议题」）。"
TIMED_OUT = "半小时没有回复，这次发起已自动取消，什么都没有发布。需要时再发 /new（或「新议题」）。"
USE_BUTTONS = "请点上面消息的按钮，或按提示发文字。发「取消」可以放弃。"
ERR_CHOICE = "请点上面的按钮选一项（或照按钮上的字发一遍）。"
ERR_TITLE_EMPTY = "标题是空的，请发一句话的标题，例如：楼道堆物怎么清理"
ERR_DURATION_SHORT = "时间太短了，至少 10 分钟。"
ERR_DURATION_LONG = "时间太长了，最多 30 天。"
PUBLISHED = "✅ 已在「{group}」发布{topic}。居民可以在群里提建议，也可以点卡片下的「私信提建议」。"


def err_title_long(length: int, limit: int) -> str:
    return f"标题太长了（{length} 字），请控制在 {limit} 字以内，详细情况下一步写在背景里。"


def err_background_long(length: int, limit: int) -> str:
    return f"背景太长了（{length} 字），请控制在 {limit} 字以内。"


def err_point_in_time(text: str) -> str:
    return (f"「{escape(text)}」是一个时间点，这里要的是一段时长。"
            "请发「3天」「36小时」这样的长度，或点按钮。")


def err_duration(text: str) -> str:
    return f"没看懂「{escape(text)}」。请发一段时长，例如「3天」「36小时」「2d」「48h」，或点按钮。"


def err_quorum(text: str) -> str:
    return f"没看懂「{escape(text)}」。请发比例如「30%」，或人数如「10人」；不需要门槛就点「不设」。"


def err_quorum_over(text: str) -> str:
    return (f"「{escape(text)}」不行：比例要小于 100%（超过全体成员做不到，全体都投票也很难）。"
            "请发例如「50%」的比例，或「10人」这样的人数。")


def err_quorum_bare(text: str) -> str:
    return f"「{escape(text)}」是比例还是人数？请写成「{escape(text)}%」或「{escape(text)}人」。"


def pick_group_label(title: str) -> str:
    return title[:30] or "（无名群）"


def summary_lines(s: TopicSettings, households: bool | None = None) -> list[str]:
    """Every rule of a draft, one line each, for the preview."""
    by_household = s.one_vote_per is VoteUnit.HOUSEHOLD if households is None else households
    return [
        f"· 征集 {format_left(s.collect_for)}，投票 {format_left(s.vote_for)}",
        f"· {RULE_WORDS[s.method]} · {RULE_WORDS[s.one_vote_per]} · {RULE_WORDS[s.threshold]}",
        f"· {RULE_WORDS[s.ballot]} · {RULE_WORDS[s.results]}",
        f"· {quorum_words(s.quorum, by_household)}",
        f"· 私信提的建议{'不显示姓名' if s.anonymous else '显示姓名'}",
    ]


def preview(group: str, card: str, s: TopicSettings) -> str:
    return "\n".join([f"【预览】将在「{escape(group)}」发布（截止时间从发布时算起）：", "", card, "",
                      "规则一览：", *summary_lines(s), "", "确认无误就点「确认发布」。"])


CONFIRM_BUTTONS = [[("确认发布", "wz:confirm:yes")], [("取消", "wz:confirm:no")]]


def answered(question: str, answer: str) -> str:
    """A question once answered: its buttons go, the choice stays visible."""
    return f"{question}\n✅ {escape(answer)}"


# ---------------------------------------------------------------- proposals in private chat

ANONYMOUS_AUTHOR = "一位邻居（私信）"
PRIVATE_UNKNOWN_LINK = "这个链接已经失效了，找不到对应的议题。请回到议事群，看最新的【议题】消息。"
PRIVATE_NOT_MEMBER = "只有这个议事群的成员可以给这个议题提建议。"
PRIVATE_CANCELLED = "好的，这次不提了。"


def private_ask(topic_title_html: str, group: str, anonymous: bool) -> str:
    how = "群里不会显示您的姓名。" if anonymous else "群里会显示您的姓名。"
    return (f"【私信提建议】{topic_title_html}（{escape(group)}）\n"
            f"请直接发一条消息写下您的建议，我会把它提交到群里。{how}\n发「取消」可以不提。")


def private_not_collecting(topic) -> str:
    return f"{topic_name(topic)}已经不在征集建议阶段了，不能再提建议。结果请看群里的消息。"


def private_done(topic, number: int, anonymous: bool) -> str:
    shown = "「一位邻居（私信）」" if anonymous else "您的姓名"
    return f"✅ 已提交到{topic_name(topic)}，编号 #{number}。群里显示为{shown}。"


def private_similar(existing_number: int, existing_text: str) -> str:
    return (f"【相似建议】这条建议和 #{existing_number} 很接近：\n“{escape(existing_text[:80])}”\n"
            f"您可以支持 #{existing_number}（不再重复提交），或仍然提交为新建议。")


def private_supported(number: int, supporters: int) -> str:
    return f"✅ 已改为支持 #{number}（现有 {supporters} 人支持），没有重复提交。"


# ---------------------------------------------------------------- toasts on the wizard's buttons

CANCELLED_TOAST = "已取消"
PUBLISHED_TOAST = "已发布"


def picked_toast(title: str) -> str:
    return f"已选：{title}"


def answered_toast(answer: str) -> str:
    return f"✅ {answer}"
