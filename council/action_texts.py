"""Words of the follow-up (执行监督): items recorded, updated, due and overdue; reviews (复盘); the answers around them.

Same style and rules as council/texts.py: WeChat-notice style, HTML, every user string escaped. The fixed header
of every group post here is 【执行监督】 (SPEC §2).
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from html import escape

from council.actions import (
    REVIEW_ANSWERS,
    STATUS_NAMES,
    ActionItem,
    ActionRow,
    ItemStatus,
    ItemUpdate,
    ReviewCounts,
    ReviewRow,
)
from council.models import Keyboard, Topic
from council.texts import shorten, topic_name

HEADER = "【执行监督】"
_WEEKDAYS = "一二三四五六日"
ITEMS_IN_REMINDER = 8  # items with a button in one reminder; more are listed without
DIGEST_OVERDUE_SHOWN = 3  # overdue items named per group in the digest message


def day_text(day: date, today: date | None = None) -> str:
    """12月15日（周一）; with the year when it is not this year's (today: None, the year is left out)."""
    year = f"{day.year}年" if today is not None and day.year != today.year else ""
    return f"{year}{day.month}月{day.day}日（周{_WEEKDAYS[day.weekday()]}）"


def due_text(item: ActionItem, tz: tzinfo) -> str:
    """12月15日（周一）, or 12月15日（周一）18:00 when a time was given."""
    moment = datetime.fromtimestamp(item.due_at, tz)
    day = day_text(item.due_on, datetime.fromtimestamp(item.created_at, tz).date())
    return f"{day}{moment:%H:%M}" if moment.date() == item.due_on else day


def item_name(item: ActionItem) -> str:
    return f"事项{item.number}"


def _owner_line(item: ActionItem, tz: tzinfo) -> str:
    return f"负责：{escape(item.owner.name)} · 截止：{due_text(item, tz)}"


def item_keyboard(item: ActionItem) -> Keyboard | None:
    """The statuses the item may move to, as buttons (ai:<item id>:<status>, ASCII, well under 64 bytes)."""
    if item.status is ItemStatus.DONE:
        return None
    targets = [s for s in (ItemStatus.DOING, ItemStatus.DONE, ItemStatus.PAUSED) if s is not item.status]
    return [[(STATUS_NAMES[s], item_data(item.id, s)) for s in targets]]


def item_data(item_id: int, status: ItemStatus) -> str:
    return f"ai:{item_id}:{status.value}"


def item_added(item: ActionItem, topic: Topic, actor: str, tz: tzinfo) -> str:
    return "\n".join([
        f"{HEADER}{topic_name(topic)}新增执行事项",
        f"<b>{item_name(item)}：{escape(item.text)}</b>",
        _owner_line(item, tz),
        f"状态：{STATUS_NAMES[item.status]}（登记：{escape(actor)}）",
        f"负责人或议事员可点下面的按钮更新进度，完成后也可以发「完成 {item.number}」。",
    ])


def item_changed(item: ActionItem, update: ItemUpdate, tz: tzinfo) -> str:
    mark = " ✅" if item.status is ItemStatus.DONE else ""
    lines = [
        f"{HEADER}{item_name(item)} {STATUS_NAMES[item.status]}{mark}",
        f"{escape(shorten(item.text, 60))}（议题{item.topic_number}「{escape(shorten(item.topic_title, 20))}」）",
        _owner_line(item, tz),
        f"更新：{escape(update.actor_name)} · {STATUS_NAMES[update.from_status]} → {STATUS_NAMES[update.to_status]}",
    ]
    if update.note:
        lines.append(f"备注：{escape(update.note)}")
    return "\n".join(lines)


def status_toast(item: ActionItem) -> str:
    return f"已更新：{item_name(item)} {STATUS_NAMES[item.status]}"


def reminder(entries: list[tuple[ActionItem, int | None]], tz: tzinfo) -> str:
    """One post per group and check: items due today (None) and overdue ones (days past due)."""
    due = [(item, days) for item, days in entries if days is None]
    late = [(item, days) for item, days in entries if days is not None]
    lines = [f"{HEADER}事项提醒"]
    if due:
        lines += ["", "今天到期："]
        lines += [_reminder_line(item, tz) for item, _ in due]
    if late:
        lines += ["", "已逾期："]
        for item, days in late:
            lines.append(_reminder_line(item, tz) + f" · ⚠ {overdue_words(days)}")
    lines += ["", "负责人完成后请点按钮，或发「完成 编号」。进度有变化也请告诉大家。"]
    return "\n".join(lines)


def _reminder_line(item: ActionItem, tz: tzinfo) -> str:
    return (f"{item_name(item)} {escape(shorten(item.text, 30))}\n   负责：{escape(item.owner.name)} · "
            f"截止：{due_text(item, tz)} · {STATUS_NAMES[item.status]}")


def overdue_words(days: int | None) -> str:
    return "已逾期" if not days else f"已逾期{days}天"


def reminder_keyboard(entries: list[tuple[ActionItem, int | None]]) -> Keyboard:
    return [[(f"{item_name(item)} 已完成", item_data(item.id, ItemStatus.DONE))]
            for item, _ in entries[:ITEMS_IN_REMINDER]]


def item_list(items: list[ActionItem], now: float, tz: tzinfo, topic: Topic | None = None) -> str:
    """执行情况: a topic's items (all of them), or the group's items still open (done ones counted)."""
    shown = items if topic is not None else [i for i in items if i.status is not ItemStatus.DONE]
    done = sum(i.status is ItemStatus.DONE for i in items)
    head = f"{HEADER}执行情况" + (f" · {topic_name(topic)}" if topic is not None else "")
    if not items:
        return head + "\n" + ("这个议题还没有登记执行事项。" if topic is not None else NO_ITEMS)
    lines = [head]
    current = None
    for item in shown:
        if item.topic_number != current:
            current = item.topic_number
            if topic is None:
                lines += ["", f"议题{item.topic_number}「{escape(shorten(item.topic_title, 30))}」"]
        late = item.overdue_days(now, tz)
        flag = f" · ⚠ {overdue_words(late)}" if late is not None else ""
        lines.append(f"{item_name(item)} {escape(shorten(item.text, 40))}")
        lines.append(f"   {_owner_line(item, tz)} · {STATUS_NAMES[item.status]}{flag}")
    if topic is None:
        lines += ["", f"已完成 {done} 项（不再列出）。发「执行情况 议题号」看某个议题的全部事项。" if done else
                  "发「执行情况 议题号」看某个议题的全部事项。"]
    elif not shown:
        lines.append("（无）")
    return "\n".join(lines)


def tracking(rows: list[tuple[int, str, int, int]]) -> str:
    """Lines for 进度: closed topics whose action items are still open (执行监督中)."""
    if not rows:
        return ""
    lines = ["", "", "【执行监督中】"]
    for number, title, open_, late in rows:
        overdue = f"，其中逾期 {late} 项" if late else ""
        lines.append(f"{number}. {escape(title)}")
        lines.append(f"   未完成事项 {open_} 项{overdue} · 发「执行情况 {number}」查看")
    return "\n".join(lines)


# ---------------------------------------------------------------- 复盘


def review_set(topic: Topic, day: date, today: date) -> str:
    return (f"{HEADER}{topic_name(topic)}将在 {day_text(day, today)} 复盘。\n"
            "到时我会请大家评一评：这项措施有没有效果？")


def review_question(topic: Topic, items: list[ActionItem], counts: ReviewCounts) -> str:
    done = sum(i.status is ItemStatus.DONE for i in items)
    lines = [f"{HEADER}复盘 · {topic_name(topic)}"]
    if items:
        lines.append(f"执行事项：已完成 {done} 项 / 共 {len(items)} 项")
    lines += ["这项措施有没有效果？请点按钮评一评（可以改，以最后一次为准）。", "", review_counts(counts)]
    return "\n".join(lines)


def review_counts(counts: ReviewCounts) -> str:
    shown = " · ".join(f"{label} {counts.count(n)}" for n, label in REVIEW_ANSWERS.items())
    return f"{shown}（共 {counts.total} 人）"


def review_keyboard(topic_id: int) -> Keyboard:
    return [[(label, f"rv:{topic_id}:{n}") for n, label in REVIEW_ANSWERS.items()]]


def review_toast(answer: int, changed: bool) -> str:
    if not changed:
        return f"您已选「{REVIEW_ANSWERS[answer]}」，无需重复"
    return f"已记下：{REVIEW_ANSWERS[answer]}。可以改，以最后一次为准"


# ---------------------------------------------------------------- the weekly digest (message part)


def digest_group_lines(actions: list[ActionRow], reviews: list[ReviewRow]) -> list[str]:
    """A group's follow-up in 【每周议事简报】: open and overdue counts, the most overdue items, review answers."""
    lines = []
    open_ = [a for a in actions if ItemStatus(a.status).is_open]
    late = sorted((a for a in open_ if a.overdue_days is not None), key=lambda a: -(a.overdue_days or 0))
    done = sum(a.status == ItemStatus.DONE for a in actions)
    if actions:
        lines.append(f"  执行事项：未完成 {len(open_)} · 逾期 {len(late)} · 本周完成 {done}")
    for a in late[:DIGEST_OVERDUE_SHOWN]:
        lines.append(f"  ⚠ 事项{a.number}「{escape(shorten(a.text, 16))}」{escape(shorten(a.owner, 8))} · "
                     f"{overdue_words(a.overdue_days)}")
    if len(late) > DIGEST_OVERDUE_SHOWN:
        lines.append(f"  …另有 {len(late) - DIGEST_OVERDUE_SHOWN} 项逾期，见附件")
    for r in reviews:
        lines.append(f"  复盘 议题{r.topic_number}「{escape(shorten(r.topic_title, 12))}」：{review_counts(r.counts)}")
    return lines


def digest_totals_line(actions: list[ActionRow]) -> str | None:
    open_ = [a for a in actions if ItemStatus(a.status).is_open]
    if not open_:
        return None
    late = sum(a.overdue_days is not None for a in open_)
    return f"执行事项：未完成 {len(open_)} 项 · 逾期 {late} 项"


# ---------------------------------------------------------------- answers to bad input


NO_ITEMS = "本群还没有登记执行事项。议事员可以在决议公示后发「事项 内容 @负责人 截止日期」登记。"
ITEM_EXAMPLE = "例如：事项 在3号楼西侧设投喂点 @物业 12月15日"
DATE_EXAMPLES = "日期可以写：12月15日、12.15、2026-12-15、明天、下周五、月底、3天后、一周内"


class ActionErr:
    NO_TEXT = f"请写上要做的事、负责人和截止日期。{ITEM_EXAMPLE}"
    NO_OWNER = f"请写上负责人：@某人，或 物业、社区、志愿者、居委会、业委会 等。{ITEM_EXAMPLE}"
    NO_DUE = f"请写上截止日期。{ITEM_EXAMPLE}\n{DATE_EXAMPLES}"
    BAD_DUE = f"截止日期看不懂。{DATE_EXAMPLES}"
    PAST_DUE = f"截止日期已经过了，请写今天或以后的日期。{DATE_EXAMPLES}"
    TOO_LONG = "事项内容太长了，请控制在 200 字以内，写清楚要做什么就好。"
    NO_CLOSED_TOPIC = "本群还没有已结束的议题。执行事项要在【决议公示】之后登记。"
    TOPIC_CANCELLED = "这个议题已经取消了，不能登记执行事项或复盘。"
    DONE_USAGE = "请写上事项编号，例如：完成 3（发「执行情况」可以看编号）。"
    NOT_ALLOWED = "只有这个事项的负责人或议事员可以更新进度。"
    ALREADY = "这个事项已经是这个状态了。"
    REVIEW_USAGE = "请写上复盘日期，例如：复盘 1月15日（也可以写「复盘 议题2 下周五」）。"
    REVIEW_PAST = "复盘日期要在今天以后。例如：复盘 1月15日"
    NOT_HERE = "这个按钮不属于本群的执行事项或复盘。"

    @staticmethod
    def topic_still_open(topic: Topic) -> str:
        return f"{topic_name(topic)}还在进行中。等投票结束、公示决议后，再登记执行事项或复盘。"

    @staticmethod
    def no_such_item(number: int) -> str:
        return f"本群没有事项{number}。发「执行情况」可以看有哪些事项。"
