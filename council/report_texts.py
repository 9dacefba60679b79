"""Words of the scheduled posts: 【今日小结】, 【提醒】, 【每周议事简报】, and the answers around them.

Same style and rules as council/texts.py (HTML, every user string escaped); kept apart so neither file grows
past what one reads in a sitting.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from html import escape

from council.action_texts import digest_group_lines, digest_totals_line
from council.digest import OUTCOME_NAMES, Digest, GroupWeek, WeekFigures
from council.models import Method, Option, Proposal, State, Topic
from council.texts import MESSAGE_LIMIT, participation_line, shorten, topic_name
from council.timeutil import format_left, format_when

_WEEKDAYS = "一二三四五六日"
NEW_PROPOSALS_SHOWN = 8
LEADERS_SHOWN = 3


def day_label(ts: float, tz: tzinfo) -> str:
    moment = datetime.fromtimestamp(ts, tz)
    return f"{moment.month}月{moment.day}日（周{_WEEKDAYS[moment.weekday()]}）"


# ---------------------------------------------------------------- 【今日小结】


@dataclass
class TopicDay:
    """One open topic in a group's summary."""

    topic: Topic
    new: list[Proposal]  # proposals written in the period
    leaders: list[tuple[Option, int]]  # most supported (collecting) or most voted (voting), with the count
    voters: int
    members: int | None
    new_votes: int
    new_supports: int = 0
    raised: list[str] = field(default_factory=list)


def summary(days: list[TopicDay], now: float, tz: tzinfo) -> str:
    lines = [f"【今日小结】{day_label(now, tz)}"]
    for day in days:
        topic = day.topic
        deadline = topic.deadline() or now
        phase = "征集建议中" if topic.state is State.COLLECTING else "投票中"
        lines += ["", f"<b>{topic_name(topic)}</b> · {phase}",
                  f"还剩 {format_left(deadline - now)}（{format_when(deadline, tz)} 截止）"]
        if day.new:
            lines.append(f"今天新增 {len(day.new)} 条建议：")
            for proposal in day.new[:NEW_PROPOSALS_SHOWN]:
                lines.append(f"  #{proposal.number} {escape(shorten(proposal.text, 28))}")
            if len(day.new) > NEW_PROPOSALS_SHOWN:
                lines.append(f"  …等 {len(day.new)} 条，发「进度」可查看全部")
        elif topic.state is State.COLLECTING:
            lines.append("今天没有新建议")
        if topic.state is State.COLLECTING and day.leaders:
            shown = "、".join(f"#{o.number}（{count}人支持）" for o, count in day.leaders)
            lines.append(f"支持最多：{shown}")
        if topic.state is State.VOTING:
            lines.append(participation_line(day.voters, day.members) + (f"，今天新投 {day.new_votes} 票"
                                                                         if day.new_votes else ""))
            if day.leaders and day.voters:
                lines.append("目前领先：" + "、".join(_option(topic, o) + f" {count}票" for o, count in day.leaders))
            lines.append(how_to_vote(topic))
        if day.raised:
            lines.append(f"大家常提到：{'、'.join(escape(word) for word in day.raised)}")
    return "\n".join(lines)


def _option(topic: Topic, option: Option) -> str:
    if topic.method is Method.CONSENT:
        return option.text
    return f"#{option.number}"


def how_to_vote(topic: Topic) -> str:
    if topic.method is Method.CONSENT:
        return "点【投票】消息下的按钮，或直接发「赞成」「反对」「弃权」"
    return "点【投票】消息下的按钮，或直接发「投2」这样的消息"


def summary_too_soon(minutes_ago: int, wait_minutes: int) -> str:
    return (f"{minutes_ago}分钟前刚发过小结，请往上翻看。为免刷屏，{wait_minutes}分钟后可以再发。"
            if minutes_ago else f"刚刚发过小结，请往上翻看。为免刷屏，{wait_minutes}分钟后可以再发。")


SUMMARY_NOTHING = "本群目前没有进行中的议题，暂无小结。议事员可以发「发起议题 标题」开始。"


# ---------------------------------------------------------------- 【提醒】


def reminder(topic: Topic, voters: int, members: int | None, now: float, tz: tzinfo) -> str:
    return "\n".join([
        f"【提醒】{topic_name(topic)}投票还剩 {format_left(topic.vote_deadline - now)}"
        f"（{format_when(topic.vote_deadline, tz)} 截止）",
        participation_line(voters, members),
        f"还没投票的邻居：{how_to_vote(topic)}。截止前可以改票。",
    ])


# ---------------------------------------------------------------- 【每周议事简报】


def week_label(start: float, end: float, tz: tzinfo) -> str:
    first = datetime.fromtimestamp(start, tz)
    last = datetime.fromtimestamp(end - 1, tz)
    return f"{first.month}月{first.day}日—{last.month}月{last.day}日"


def _versus(now: int, before: int) -> str:
    if now == before:
        return f"上周 {before}，持平"
    arrow = "↑" if now > before else "↓"
    return f"上周 {before}，{arrow}{abs(now - before)}"


def _figures_line(f: WeekFigures) -> str:
    return (f"新议题 {f.opened} · 结束 {f.closed} · 取消 {f.cancelled} · 建议 {f.proposals} 条 · "
            f"参与 {f.participants} 人")


def _group_lines(group: GroupWeek) -> list[str]:
    f = group.figures
    lines = [f"<b>{escape(shorten(group.title or str(group.chat_id), 30))}</b>：{_figures_line(f)}"]
    for topic in group.ballots:
        share = f"（{round(topic.participation * 100)}%）" if topic.participation is not None else ""
        members = f"/{topic.members}" if topic.members else ""
        quorum = "" if topic.quorum_met is None else (" · 达到法定人数" if topic.quorum_met else " · 未达法定人数")
        outcome = OUTCOME_NAMES.get(topic.outcome or "", topic.outcome or "")
        winner = f"：{escape(shorten(topic.winner, 30))}" if topic.winner else ""
        lines.append(f"  议题{topic.number}「{escape(shorten(topic.title, 20))}」投票 {topic.voters}{members}"
                     f"{share}{quorum} · {outcome}{winner}")
    if group.keywords:
        lines.append(f"  常提到：{'、'.join(escape(word) for word in group.keywords)}")
    return lines + digest_group_lines(group.actions, group.reviews)


def digest_message(digest: Digest, tz: tzinfo, limit: int = MESSAGE_LIMIT) -> str:
    """The message part of the digest: always under Telegram's limit, whole lines only; what does not fit is
    in the attached report."""
    t, p = digest.totals, digest.previous
    head = [
        f"【每周议事简报】{week_label(digest.start, digest.end, tz)}",
        f"新议题 {t.opened} 个（{_versus(t.opened, p.opened)}）",
        f"结束 {t.closed} 个 · 取消 {t.cancelled} 个",
        f"新建议 {t.proposals} 条（{_versus(t.proposals, p.proposals)}）",
        f"参与居民 {t.participants} 人（{_versus(t.participants, p.participants)}）",
    ]
    if digest.keywords:
        head.append(f"本周热词：{'、'.join(escape(word) for word in digest.keywords)}")
    follow_up = digest_totals_line(digest.actions)
    if follow_up:
        head.append(follow_up)
    if digest.categories:
        head.append("议题分类：" + " · ".join(f"{escape(name)} {count}" for name, count in digest.categories))
    if not digest.groups:
        head.append("本周各群没有议事活动。")
    tail = ["", "详细情况见附件：网页版简报（手机浏览器可打开）和 CSV 表格（可用 Excel 打开）。"]
    lines = head[:]
    budget = limit - sum(len(line) + 1 for line in head + tail) - 40
    shown = 0
    for group in digest.groups:
        block = ["", *_group_lines(group)]
        size = sum(len(line) + 1 for line in block)
        if size > budget:
            break
        lines += block
        budget -= size
        shown += 1
    rest = len(digest.groups) - shown
    if rest:
        lines += ["", f"另有 {rest} 个群的情况见附件。"]
    if digest.quiet_groups:
        lines.append(f"另有 {digest.quiet_groups} 个群本周没有议事活动。")
    return "\n".join(lines + tail)


HTML_CAPTION = "网页版简报：用手机或电脑的浏览器打开"
CSV_CAPTION = "本周议题与结果（CSV，可用 Excel 打开）"
DIGEST_STAFF_ONLY = "「简报」是给社区工作人员看的。居民可以发「进度」查看本群议题进展。"
DIGEST_WHERE = "请在工作人员群里，或私聊我发「简报」。"
DIGEST_BAD_DATE = "日期看不懂。请这样发：简报 2026-11-09（发送那一周的简报），或只发「简报」看本周。"
DIGEST_ON_ITS_WAY = "好的，正在生成简报，马上发到这里。"


def digest_filename(start: float, tz: tzinfo, kind: str) -> str:
    return f"议事简报_{datetime.fromtimestamp(start, tz):%Y%m%d}.{kind}"


# ---------------------------------------------------------------- /export


def export_caption(topic: Topic) -> str:
    return f"{topic_name(topic)}的建议与投票统计（CSV，可用 Excel 打开）。投票不公开，只含票数。"


def export_filename(topic: Topic) -> str:
    return f"议题{topic.number}_导出.csv"


EXPORT_NO_TOPIC = "本群还没有议题，没有可导出的内容。"


def export_no_such_topic(number: int) -> str:
    return f"本群没有议题{number}。发「进度」可以看现在有哪些议题。"
