"""What a resident's message asks for: a Chinese trigger word and its arguments.

Typed votes (投2, 2号, 赞成 …) are read by council.language, which knows a vote from a building number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Intent:
    action: str  # open, propose, vote, close, status, … (the values of _TRIGGERS below)
    text: str = ""  # the rest of the message (title and background, proposal text, a category)
    number: int | None = None  # a topic number (开始投票 2) or a proposal number (隐藏 3)
    numbers: tuple[int, ...] = ()  # merge: (into, merged)


# Chinese triggers at the start of a message. Order matters: longer triggers first.
_TRIGGERS: list[tuple[str, str]] = [
    ("发起议题", "open"),
    ("开始投票", "vote"),
    ("结束投票", "close"),
    ("取消议题", "cancel"),
    ("#建议", "propose"),
    ("＃建议", "propose"),
    ("建议", "propose"),
    ("提议", "propose"),
    ("隐藏", "hide"),
    ("登记", "register"),
    ("住户", "households"),
    ("代投", "proxy"),
    ("筛选", "shortlist"),
    ("决选", "runoff"),
    ("合并", "merge"),
    ("分类", "category"),
    ("进度", "status"),
    ("小结", "summary"),
    ("简报", "digest"),
    ("导出", "export"),
    ("议题", "status"),
    ("设置", "setup"),
    ("帮助", "help"),
    # Follow-up (执行监督): see council/actions.py.
    ("执行事项", "action"),
    ("执行情况", "actions"),
    ("事项", "action"),
    ("完成", "done"),
    ("复盘", "review"),
]
# What may follow a trigger word: nothing, a separator, or a number.
_SEPARATOR = re.compile(r"^(?:[\s:：,，?？!！。]+|(?=\d)|$)")
# Triggers that take no free text: the rest must be empty or a number.
_NUMBER_ONLY = {"vote", "close", "cancel", "status", "setup", "help", "hide", "summary", "export", "households",
                "shortlist", "runoff", "actions"}
# 完成 N [备注]: a number must follow ("完成了吗" is chat); 复盘 takes a short date ("复盘：大家觉得…" is chat).
_DONE = re.compile(r"^(\d{1,4})(?:[\s,，:：]+(.*))?$", re.S)
# 完成 3 个了, 完成 2 户: a count of what is done, not item 3 (the note would open with a measure word or 了).
_COUNTED = re.compile(r"^(?:个|项|件|条|次|遍|天|周|成|户|家|人|栋|层|台|只|多|了|啦|咯)")
_REVIEW = re.compile(r"^[^，。？?！!,]{0,20}$")
_PUNCT_TAIL = "。.!！~～?？ \t"


def parse_trigger(text: str) -> Intent | None:
    """A Chinese trigger at the start of the message, or None."""
    stripped = text.strip()
    for word, action in _TRIGGERS:
        if not stripped.startswith(word):
            continue
        rest = stripped[len(word):]
        separator = _SEPARATOR.match(rest)
        if separator is None:
            return None  # 建议书, 议题很好 …: the word is only part of a longer one
        if action == "propose" and word in ("建议", "提议") and not re.match(r"^[:：\s]", rest):
            return None  # 建议 needs a colon or a space: "建议大家早点睡" is chat, not a proposal
        rest = rest[separator.end():]
        if action == "merge":
            return parse_merge(rest)
        if action == "category" and not re.fullmatch(r"[\w\s]{0,8}", rest):
            return None  # 分类 takes one short name: "分类垃圾要按时投放" is chat
        if action == "register" and not re.match(r"^[\d一二两三四五六七八九十取撤删\s]", rest):
            return None  # 登记 takes a room number (or 取消): "登记表在哪" is chat
        if action == "done":
            return _done(rest)
        if action == "review" and not _REVIEW.match(rest.strip()):
            return None
        if action == "digest" and not re.fullmatch(r"[\d\s年月日号/.-]{0,12}", rest.strip()):
            return None  # 简报 takes a date at most: "简报 我看过了" is chat
        if action in _NUMBER_ONLY:
            number_text = rest.strip(_PUNCT_TAIL)
            if number_text == "":
                return Intent(action)
            if number_text.isdigit() and len(number_text) <= 4:
                return Intent(action, number=int(number_text))
            return None  # "进度怎么样了" is a question, not the status command
        return Intent(action, text=rest.strip())
    return None


def _done(rest: str) -> Intent | None:
    """完成 N [备注]; None when no item number leads (then it is chat, or a usage question for /done)."""
    match = _DONE.match(rest.strip())
    if match is None or _COUNTED.match(match.group(2) or ""):
        return None
    return Intent("done", text=(match.group(2) or "").strip(), number=int(match.group(1)))


_MERGE = re.compile(r"^[#＃]?(\d{1,4})\s*(和|与|跟|,|，|\s|到|进|并入|合并到)\s*[#＃]?(\d{1,4})[。.!！]?$")


def parse_merge(rest: str) -> Intent | None:
    """合并 2 5 / 合并 2和5: #5 is merged into #2. 合并 5 到 2: the same, said the other way round."""
    rest = rest.strip()
    if not rest:
        return Intent("merge")
    match = _MERGE.match(rest)
    if match is None:
        return None
    first, word, second = int(match.group(1)), match.group(2), int(match.group(3))
    into, merged = (second, first) if word in ("到", "进", "并入", "合并到") else (first, second)
    return Intent("merge", numbers=(into, merged))


def parse_command(action: str, args: list[str]) -> Intent:
    """A slash command's arguments, with the same meaning as the Chinese trigger."""
    text = " ".join(args)
    if action == "merge":
        return parse_merge(text) or Intent("merge")
    if action == "done":
        return _done(text) or Intent("done")
    if action in _NUMBER_ONLY:
        first = args[0] if args else ""
        return Intent(action, number=int(first)) if first.isdigit() else Intent(action, text=text)
    return Intent(action, text=text)


def split_title(text: str) -> tuple[str, str]:
    """`/open 标题` with further lines of background."""
    lines = text.strip().splitlines()
    if not lines:
        return "", ""
    return lines[0].strip(), "\n".join(line.rstrip() for line in lines[1:]).strip()


_DAY_FORMATS = [
    re.compile(r"^(?P<y>\d{4})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*[日号]?$"),
    re.compile(r"^(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*[日号]?$"),
]


def parse_day(text: str, today: date) -> date | None:
    """A date as staff write it: 2026-11-09, 2026/11/9, 2026年11月9日, 11月9日, 11-09 (without a year: the
    latest such day not after today). None when it is not a date."""
    text = text.strip()
    for pattern in _DAY_FORMATS:
        match = pattern.match(text)
        if match is None:
            continue
        year = int(match.group("y")) if "y" in pattern.groupindex else today.year
        try:
            day = date(year, int(match.group("m")), int(match.group("d")))
            if "y" not in pattern.groupindex and day > today:
                day = date(year - 1, day.month, day.day)
        except ValueError:
            return None
        return day
    return None
