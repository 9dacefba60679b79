"""Follow-up (执行监督): the nouns and rules of action items and reviews, and how a facilitator's line is read.

「事项 在3号楼西侧设投喂点 @物业 12月15日」 becomes an item: what to do, who does it (a person, or a body such as
物业), and the day it is due. Due dates come in natural Chinese (明天, 下周五, 月底, 3天后, 一周内 …) or ISO form,
read against "today" in the council's time zone. Plain Python: no Telegram, no SQL.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from enum import StrEnum


class ItemStatus(StrEnum):
    TODO = "todo"
    DOING = "doing"
    DONE = "done"
    PAUSED = "paused"

    @property
    def is_open(self) -> bool:
        """Still to be done: reminded when due, counted as overdue (a shelved item is neither)."""
        return self in (ItemStatus.TODO, ItemStatus.DOING)


STATUS_NAMES = {
    ItemStatus.TODO: "待办", ItemStatus.DOING: "进行中", ItemStatus.DONE: "已完成", ItemStatus.PAUSED: "搁置",
}
# A review's three answers; numbers are what the buttons carry.
REVIEW_ANSWERS = {1: "有效", 2: "一般", 3: "无效"}
# Bodies that own items without being a person in the chat; a bare word of these is read as the owner.
KNOWN_OWNERS = ("物业公司", "物业", "居委会", "业委会", "社区", "志愿者", "网格员", "楼长", "议事会", "社工", "街道",
                "城管", "派出所", "居民")


@dataclass(frozen=True)
class Mention:
    """A person mentioned in the message: a text_mention (user id known) or an @username."""

    text: str  # as it appears in the message, without the @
    user_id: int | None = None
    username: str | None = None


@dataclass(frozen=True)
class Owner:
    name: str  # as shown: 物业, @wang_laoshi, 李姐
    user_id: int | None = None
    username: str | None = None  # without @, as typed

    @property
    def is_person(self) -> bool:
        return self.user_id is not None or self.username is not None


@dataclass
class ActionItem:
    id: int
    chat_id: int
    topic_id: int
    number: int  # per group: 事项1, 事项2 … (so 「完成 3」 needs no topic)
    text: str
    owner: Owner
    due_on: date
    due_at: float  # overdue after this moment: the end of the due day, or the time given
    status: ItemStatus
    created_by: int
    created_at: float
    updated_at: float
    closed_at: float | None = None  # when it was last done or shelved
    topic_number: int = 0
    topic_title: str = ""

    def owned_by(self, user_id: int, username: str | None) -> bool:
        if self.owner.user_id is not None and self.owner.user_id == user_id:
            return True
        return bool(username and self.owner.username and self.owner.username.lower() == username.lower())

    def overdue_days(self, now: float, tz: tzinfo) -> int | None:
        """Whole days past the due day (0: due today and its time has passed); None while not overdue."""
        if not self.status.is_open or now < self.due_at:
            return None
        return max(0, (datetime.fromtimestamp(now, tz).date() - self.due_on).days)


@dataclass
class ItemUpdate:
    item_id: int
    actor_id: int
    actor_name: str
    from_status: ItemStatus
    to_status: ItemStatus
    note: str
    at: float


@dataclass
class Review:
    topic_id: int
    chat_id: int
    review_on: date
    set_by: int
    asked_at: float | None = None


@dataclass
class ReviewCounts:
    counts: dict[int, int] = field(default_factory=dict)  # answer number -> residents

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def count(self, answer: int) -> int:
        return self.counts.get(answer, 0)


# ---------------------------------------------------------------- the staff digest's rows


@dataclass
class ActionRow:
    """An item that was open at the end of the digest's week (or done in it)."""

    chat_id: int
    chat_title: str
    number: int
    topic_number: int
    topic_title: str
    text: str
    owner: str
    due_on: str  # ISO date
    status: str  # an ItemStatus value, as it stood at the end of the week
    overdue_days: int | None  # at the end of the week; None: not overdue


@dataclass
class ReviewRow:
    chat_id: int
    chat_title: str
    topic_number: int
    topic_title: str
    review_on: str  # ISO date
    counts: ReviewCounts


# ---------------------------------------------------------------- reading a facilitator's line


class ItemProblem(ValueError):
    """Why a line is not an action item: kind is no_text, no_owner, no_due, bad_due or past_due."""

    def __init__(self, kind: str):
        super().__init__(kind)
        self.kind = kind


@dataclass(frozen=True)
class ItemDraft:
    topic_number: int | None
    text: str
    owner: Owner
    due_on: date
    due_time: time | None


@dataclass(frozen=True)
class Due:
    day: date
    at: time | None = None


_DAY_WORDS = {"今天": 0, "今日": 0, "明天": 1, "明日": 1, "后天": 2, "大后天": 3}
_CN_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_WEEKDAY = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6, "末": 5,
            "1": 0, "2": 1, "3": 2, "4": 3, "5": 4, "6": 5, "7": 6}
_TIME = (r"(?:\s*(?P<ampm>上午|早上|中午|下午|晚上)?\s*(?P<hour>\d{1,2})"
         r"(?::(?P<minute>\d{2})(?::(?P<second>\d{2}))?|点(?:(?P<half>半)|(?P<min2>\d{1,2})分?)?))?")
_BEFORE = r"(?:之前|以前|前|完成|前完成|止)?"
_DATE_FORMS = [
    ("ymd", r"(?P<y>\d{4})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*[日号]?"),
    ("md", r"(?P<m2>\d{1,2})\s*(?:月|[-/.])\s*(?P<d2>\d{1,2})\s*[日号]?"),
    ("word", r"(?P<word>今天|今日|明天|明日|后天|大后天)"),
    ("week", r"(?P<which>本|这|这个|下|下个)?(?:周|星期|礼拜)(?P<wd>[一二三四五六日天末1-7])"),
    ("month_end", r"(?P<me>本月底|这个月底|月底|月末|下月底|下个月底|年底|年末)"),
    ("days", r"(?P<n>\d{1,3}|[零一二两三四五六七八九十]{1,3}|半)\s*(?P<unit>天|日|周|个星期|星期|个礼拜|礼拜|个月)"
             r"\s*(?P<rel>后|以后|之后|内|之内|以内)"),
]
_PREFIX = r"(?:截止|截至|截止到|截止日期|期限|到|于|在)?[:：]?\s*"
_DUE = re.compile(
    _PREFIX + "(?:" + "|".join(f"(?P<f_{name}>{pattern})" for name, pattern in _DATE_FORMS) + ")" + _TIME + _BEFORE
)


def chinese_number(text: str) -> int | None:
    """3, 十五, 二十一, 两 -> int; None when it is not a number."""
    if text.isdigit():
        return int(text)
    if not text or any(ch not in _CN_DIGITS and ch != "十" for ch in text):
        return None
    if "十" in text:
        tens, _, ones = text.partition("十")
        value = (_CN_DIGITS.get(tens, 0) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)
        return value if tens in _CN_DIGITS or tens == "" else None
    return _CN_DIGITS[text] if len(text) == 1 else None


def parse_due(text: str, today: date) -> Due | None:
    """A due date (and maybe a time) in the whole of `text`, or None. Raises ItemProblem("bad_due") for a date
    that looks like one but is not (13月45日). Past dates are the caller's business (it knows the time)."""
    match = _DUE.fullmatch(text.strip())
    if match is None:
        return None
    return _due_of(match, today)


def _due_of(match: re.Match, today: date) -> Due:
    g = match.groupdict()
    try:
        if g["f_ymd"]:
            day = date(int(g["y"]), int(g["m"]), int(g["d"]))
        elif g["f_md"]:
            day = date(today.year, int(g["m2"]), int(g["d2"]))
            if day < today - timedelta(days=60):  # 1月15日 written in December: next January
                day = date(today.year + 1, day.month, day.day)
        elif g["f_word"]:
            day = today + timedelta(days=_DAY_WORDS[g["word"]])
        elif g["f_week"]:
            day = _weekday(today, _WEEKDAY[g["wd"]], g["which"] or "")
        elif g["f_month_end"]:
            day = _month_end(today, g["me"])
        else:
            day = _after(today, g)
        return Due(day, _time_of(g))
    except ValueError:
        raise ItemProblem("bad_due") from None


def _weekday(today: date, weekday: int, which: str) -> date:
    monday = today - timedelta(days=today.weekday())
    if which.startswith("下"):
        return monday + timedelta(days=7 + weekday)
    if which:  # 本周五 / 这周五: this week's, even when it has passed (then refused as past)
        return monday + timedelta(days=weekday)
    return today + timedelta(days=(weekday - today.weekday()) % 7)  # 周五: the coming one (today if it is Friday)


def _month_end(today: date, word: str) -> date:
    if word in ("年底", "年末"):
        return date(today.year, 12, 31)
    year, month = today.year, today.month
    if word.startswith("下"):
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return date(year, month, calendar.monthrange(year, month)[1])


def _after(today: date, g: dict) -> date:
    count = 0.5 if g["n"] == "半" else chinese_number(g["n"])
    if count is None:
        raise ValueError("not a number")
    unit = g["unit"]
    if unit == "个月":
        if count != int(count):
            return today + timedelta(days=15)
        month = today.month - 1 + int(count)
        year, month = today.year + month // 12, month % 12 + 1
        return date(year, month, min(today.day, calendar.monthrange(year, month)[1]))
    days = count * (1 if unit in ("天", "日") else 7)
    if days != int(days) or days <= 0 or days > 3660:
        raise ValueError("not a whole number of days")
    return today + timedelta(days=int(days))


def _time_of(g: dict) -> time | None:
    if g.get("hour") is None:
        return None
    hour = int(g["hour"])
    minute = int(g["minute"] or g["min2"] or (30 if g["half"] else 0))
    second = int(g["second"] or 0)
    if g["ampm"] in ("下午", "晚上") and hour < 12:
        hour += 12
    if hour > 23 or minute > 59 or second > 59:
        raise ValueError("not a time of day")
    return time(hour, minute, second)


_OWNER_LABEL = re.compile(r"(?:负责人|负责方|负责|责任人|责任方)\s*[:：]?\s*(?P<who>[^\s,，。;；]+)")
_AT = re.compile(r"[@＠](?P<who>[^\s,，。;；@＠]+)")
_USERNAME = re.compile(r"[A-Za-z][A-Za-z0-9_]{3,31}")
_TOPIC = re.compile(r"^(?:议题\s*(?P<a>\d{1,4})|(?P<b>\d{1,4})(?=\s))\s*[:：,，]?\s*")
_TRIM = " \t\n,，;；。:：、"


def parse_item(text: str, today: date, mentions: tuple[Mention, ...] = ()) -> ItemDraft:
    """「[议题N] 要做的事 @负责人 截止日期」 in any order after the topic number. Raises ItemProblem."""
    text = " ".join(text.split())
    topic_number = None
    topic = _TOPIC.match(text)
    if topic:
        topic_number = int(topic.group("a") or topic.group("b"))
        text = text[topic.end():]
    owner, text = _owner(text, mentions)
    due, text = _find_due(text, today)
    text = " ".join(text.split()).strip(_TRIM)
    if not text:
        raise ItemProblem("no_text")
    if owner is None:
        raise ItemProblem("no_owner")
    if due is None:
        raise ItemProblem("no_due")
    return ItemDraft(topic_number, text, owner, due.day, due.at)


def _owner(text: str, mentions: tuple[Mention, ...]) -> tuple[Owner | None, str]:
    for mention in mentions:  # a person tagged in the message: the first one owns the item
        for form in (f"@{mention.text}", f"＠{mention.text}", mention.text):
            if form in text:
                name = f"@{mention.username}" if mention.username else mention.text
                return Owner(name, mention.user_id, mention.username), _cut(text, form)
    labelled = _OWNER_LABEL.search(text)
    at = _AT.search(text)
    match = labelled or at
    if match is not None:
        who = match.group("who")
        if at is match and _USERNAME.fullmatch(who):
            return Owner(f"@{who}", None, who), _cut(text, match.group(0))
        return Owner(who), _cut(text, match.group(0))
    words = [m for m in re.finditer(r"[^\s,，、;；。]+", text) if m[0] in KNOWN_OWNERS]
    if words:  # a body named on its own (the last one: the item's text may name one too)
        last = words[-1]
        return Owner(last[0]), text[:last.start()] + " " + text[last.end():]
    return None, text


def _find_due(text: str, today: date) -> tuple[Due | None, str]:
    """The due date: a word (or two: a day and a time) on its own, or at the very end of the text."""
    text = " ".join(text.split())
    words = text.split(" ")
    for size in (2, 1):
        for start in range(len(words) - size, -1, -1):
            phrase = " ".join(words[start:start + size]).strip(_TRIM)
            due = parse_due(phrase, today) if phrase else None
            if due is not None:
                return due, " ".join(words[:start] + words[start + size:])
    tail = re.compile("(?:" + _DUE.pattern + r")[。.!！]?$")
    for start in range(len(text)):
        match = tail.match(text, start)
        if match is not None and not text[start - 1:start].isdigit() and re.search(r"[\u4e00-\u9fff]", match[0]):
            return _due_of(match, today), text[:start]
    return None, text


def _cut(text: str, part: str) -> str:
    return text.replace(part, " ", 1)


def due_moment(day: date, at: time | None, tz: tzinfo) -> float:
    """When an item is overdue: the time given that day, or the end of the day (local midnight after it)."""
    if at is not None:
        return datetime.combine(day, at, tz).timestamp()
    following = day + timedelta(days=1)
    return datetime(following.year, following.month, following.day, tzinfo=tz).timestamp()


def day_start(day: date, tz: tzinfo) -> float:
    return datetime(day.year, day.month, day.day, tzinfo=tz).timestamp()


# ---------------------------------------------------------------- when reminders fall

OVERDUE_EVERY = 7  # days between two overdue reminders of an item still open


def reminder_stages(item: ActionItem, tz: tzinfo, now: float) -> list[tuple[str, float]]:
    """(mark key, moment from which it is due) of every reminder of the item that has come by `now`, oldest
    first: "due" on the due day, then "overdue:0" once past due, "overdue:1" a week later, and so on."""
    stages = []
    created_day = datetime.fromtimestamp(item.created_at, tz).date()
    if created_day < item.due_on:  # an item recorded on its due day was announced with it already
        stages.append((f"action:{item.id}:due", day_start(item.due_on, tz)))
    if now >= item.due_at:
        weeks = int((now - item.due_at) // (OVERDUE_EVERY * 86400))
        for k in range(weeks + 1):
            stages.append((f"action:{item.id}:overdue:{k}", item.due_at + k * OVERDUE_EVERY * 86400))
    return [(key, at) for key, at in stages if at <= now]


def review_key(review: Review) -> str:
    return f"review:{review.topic_id}:{review.review_on.isoformat()}"
