"""The week's topics as CSV (attached to 【每周议事简报】), made to open right in Excel on a Chinese Windows machine.

UTF-8 with a BOM (without it Excel reads the file as GBK and shows mojibake), CRLF line ends, Chinese headers,
local times as "2026-11-23 20:00" and participation as "35%" (Excel reads both as values). A cell that starts
with = + - @ or a tab/CR gets a leading apostrophe, so a topic title can never run as a formula.
"""

from __future__ import annotations

import csv
import io
from datetime import tzinfo

from council.action_report import csv_rows
from council.actions import ActionRow, ReviewRow
from council.digest import OUTCOME_NAMES, STATE_NAMES, TopicRow, percent
from council.models import CONSENT_OPTIONS, Method, Proposal, Topic
from council.timeutil import local

HEADERS = (
    "群名", "议题号", "标题", "分类", "状态", "发起时间", "结束时间", "建议数", "投票人数", "群人数", "参与率",
    "法定人数", "是否达到", "结果", "决议内容",
)
BOM = b"\xef\xbb\xbf"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_MET = {True: "是", False: "否", None: ""}


def safe_cell(text: str) -> str:
    """A user-supplied string as a cell that spreadsheet programs show as text, never evaluate."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def _time(ts: float | None, tz: tzinfo) -> str:
    if ts is None:
        return ""
    t = local(ts, tz)
    return f"{t.year}-{t.month:02d}-{t.day:02d} {t.hour:02d}:{t.minute:02d}"


def _pct(share: float | None) -> str:
    return percent(share) or ""


def _optional(value: int | None) -> str:
    return "" if value is None else str(value)


def _row(topic: TopicRow, tz: tzinfo) -> list[str]:
    return [
        safe_cell(topic.chat_title),
        str(topic.number),
        safe_cell(topic.title),
        safe_cell(topic.category),
        STATE_NAMES.get(topic.state, topic.state),
        _time(topic.opened_at, tz),
        _time(topic.closed_at, tz),
        str(topic.proposals),
        str(topic.voters),
        _optional(topic.members),
        _pct(topic.participation),
        _optional(topic.quorum_needed),
        _MET[topic.quorum_met],
        OUTCOME_NAMES.get(topic.outcome, topic.outcome) if topic.outcome else "",
        safe_cell(topic.winner),
    ]


def render_csv(topics: list[TopicRow], tz: tzinfo, actions: list[ActionRow] = (),
               reviews: list[ReviewRow] = ()) -> bytes:
    """The digest's topics, one row each, then the follow-up (action items, reviews), as the bytes of a .csv file."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADERS)
    for topic in topics:
        writer.writerow(_row(topic, tz))
    writer.writerows(csv_rows(list(actions), list(reviews), safe_cell))
    return BOM + buffer.getvalue().encode("utf-8")


# ---------------------------------------------------------------- /export: one topic


TOPIC_HEADERS = ("编号", "建议内容", "提出人", "提出时间", "支持人数", "得票", "状态")


def topic_csv(topic: Topic, proposals: list[Proposal], supports: dict[int, int], votes: dict[int, int],
              tz: tzinfo, names: dict[int, list[str]] | None = None) -> bytes:
    """One topic for its facilitator: every proposal with its supporters and votes. A secret ballot gives counts
    only, never who voted what; an open one adds the voters' names (`names`). While results are hidden, the
    counts stay empty until the ballot closes."""
    if topic.results_hidden and topic.state in ("collecting", "voting"):
        votes = {}
    names = names if names is not None and not topic.secret else None
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    closed = f"结束 {_time(topic.closed_at, tz)}" if topic.closed_at else ""
    writer.writerow((f"议题{topic.number}", safe_cell(topic.title), STATE_NAMES.get(topic.state, topic.state),
                     f"发起 {_time(topic.opened_at, tz)}", closed))
    writer.writerow(TOPIC_HEADERS + (("投票人（公开投票）",) if names is not None else ()))
    if topic.method is Method.CONSENT:
        for number, label in CONSENT_OPTIONS.items():
            writer.writerow(("", label, "", "", "", votes.get(number, 0), "表决选项", *_names(names, number)))
    for p in proposals:
        state = "已隐藏" if p.hidden else f"已合并到 #{p.merged_into}" if p.merged_into else "有效"
        counted = votes.get(p.number, 0) if topic.method is not Method.CONSENT else ""
        writer.writerow((f"#{p.number}", safe_cell(p.text), safe_cell(p.author_name), _time(p.created_at, tz),
                         supports.get(p.number, 0), counted, state, *_names(names, p.number)))
    return BOM + buffer.getvalue().encode("utf-8")


def _names(names: dict[int, list[str]] | None, number: int) -> tuple[str, ...]:
    return () if names is None else (safe_cell("、".join(names.get(number, []))),)
