"""The follow-up (执行监督) in the staff's weekly report: a section of the HTML report and rows of the CSV.

council/report_html.py and council/report_csv.py call these; every user-supplied string is escaped (HTML) or made
safe for spreadsheets (CSV), as there.
"""

from __future__ import annotations

from html import escape

from council.action_texts import overdue_words
from council.actions import REVIEW_ANSWERS, STATUS_NAMES, ActionRow, ItemStatus, ReviewRow


def _status(row: ActionRow) -> str:
    return STATUS_NAMES[ItemStatus(row.status)]


def _late(row: ActionRow) -> str:
    return overdue_words(row.overdue_days) if row.overdue_days is not None else ""


def html_section(actions: list[ActionRow], reviews: list[ReviewRow]) -> str:
    """执行监督: every item open at the end of the week or done in it (overdue first), and the reviews."""
    if not actions and not reviews:
        return ""
    parts = ['<section class="card" id="follow-up"><h2>执行监督</h2>']
    if actions:
        late = sum(a.overdue_days is not None for a in actions)
        open_ = sum(ItemStatus(a.status).is_open for a in actions)
        parts.append(f'<p class="meta"><span>未完成 {open_} 项</span><span>逾期 {late} 项</span>'
                     f"<span>本周完成 {sum(a.status == ItemStatus.DONE for a in actions)} 项</span></p>")
        rows = []
        for a in sorted(actions, key=lambda a: (a.overdue_days is None, -(a.overdue_days or 0), a.chat_id, a.number)):
            flag = f'<span class="bad">{escape(_late(a))}</span>' if a.overdue_days is not None else "—"
            rows.append(
                f'<tr><td class="title">{escape(a.chat_title)}</td><td class="num">事项{a.number}</td>'
                f'<td class="title">{escape(a.text)}<span class="winner">'
                f"议题{a.topic_number}「{escape(a.topic_title)}」</span></td>"
                f'<td class="nowrap">{escape(a.owner)}</td><td class="nowrap">{escape(a.due_on)}</td>'
                f'<td class="nowrap">{escape(_status(a))}</td><td class="nowrap">{flag}</td></tr>'
            )
        parts.append(
            '<div class="scroll"><table class="topics"><thead><tr><th>群名</th><th class=num>编号</th><th>事项</th>'
            "<th>负责</th><th>截止</th><th>状态</th><th>逾期</th></tr></thead>"
            f'<tbody>{"".join(rows)}</tbody></table></div>'
        )
    if reviews:
        rows = "".join(
            f'<tr><td class="title">{escape(r.chat_title)}</td><td class="title">议题{r.topic_number}「'
            f'{escape(r.topic_title)}」</td><td class="nowrap">{escape(r.review_on)}</td>'
            + "".join(f'<td class="num">{r.counts.count(n)}</td>' for n in REVIEW_ANSWERS)
            + "</tr>"
            for r in reviews
        )
        heads = "".join(f"<th class=num>{label}</th>" for label in REVIEW_ANSWERS.values())
        parts.append(
            '<h3 style="margin-top:12px">复盘：措施有没有效果</h3><div class="scroll"><table class="topics">'
            f"<thead><tr><th>群名</th><th>议题</th><th>复盘日期</th>{heads}</tr></thead><tbody>{rows}</tbody>"
            "</table></div>"
        )
    parts.append("</section>")
    return "".join(parts)


ACTION_HEADERS = ("群名", "事项号", "议题号", "议题", "事项内容", "负责", "截止日期", "状态", "逾期天数")
REVIEW_HEADERS = ("群名", "议题号", "议题", "复盘日期", *REVIEW_ANSWERS.values(), "评价人数")


def csv_rows(actions: list[ActionRow], reviews: list[ReviewRow], safe) -> list[tuple]:
    """Two more blocks after the topics, each after an empty row and its own title and headers."""
    rows: list[tuple] = []
    if actions:
        rows += [(), ("执行事项",), ACTION_HEADERS]
        for a in actions:
            rows.append((safe(a.chat_title), a.number, a.topic_number, safe(a.topic_title), safe(a.text),
                         safe(a.owner), a.due_on, _status(a), "" if a.overdue_days is None else a.overdue_days))
    if reviews:
        rows += [(), ("复盘",), REVIEW_HEADERS]
        for r in reviews:
            rows.append((safe(r.chat_title), r.topic_number, safe(r.topic_title), r.review_on,
                         *(r.counts.count(n) for n in REVIEW_ANSWERS), r.counts.total))
    return rows

