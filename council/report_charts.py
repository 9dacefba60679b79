"""The three inline SVG charts of the weekly HTML report (council/report_html.py): participation by group, topics by
category, new proposals by day. Plain SVG, no scripts; every user-supplied string is escaped; a label too long for
its room is cut with ….
"""

from __future__ import annotations

from datetime import tzinfo
from html import escape

from council.digest import GroupWeek, percent
from council.timeutil import local

CHART_GROUPS = 30  # bars in the participation chart; the rest are in the table
CHART_CATEGORIES = 14  # every category of council.models.CATEGORIES fits
_WEEKDAYS = "一二三四五六日"
_CHART_WIDTH = 360  # SVG user units: about one unit per CSS pixel on a phone


def pct(share: float | None) -> str:
    """35%, <1% for a few voters in a large group (as HTML), — when unknown."""
    return escape(percent(share) or "—")


def _text_width(text: str, size: float) -> float:
    """Rough width of text in pixels: CJK and full-width characters one em, others a little over half."""
    return sum(size if ord(ch) > 0x2E7F else size * 0.58 for ch in text)


def _fit(text: str, width: float, size: float = 12) -> str:
    """The text, cut with … so that it fits `width` pixels (unescaped: escape after fitting)."""
    text = " ".join(text.split())
    if _text_width(text, size) <= width:
        return text
    room = width - size
    out = []
    for ch in text:
        room -= size if ord(ch) > 0x2E7F else size * 0.58
        if room < 0:
            break
        out.append(ch)
    return "".join(out) + "…"


def participation_chart(groups: list[GroupWeek]) -> str:
    shown = groups[:CHART_GROUPS]
    label_w, bar_x, bar_w, row_h, top = 128, 134, 172, 24, 6
    height = top + row_h * len(shown) + 22
    parts = [
        f'<svg class="chart" id="chart-participation" viewBox="0 0 {_CHART_WIDTH} {height}" role="img" '
        f'aria-label="各群表决参与率">'
    ]
    axis_y = top + row_h * len(shown)
    for share in (0, 0.5, 1):
        x = bar_x + bar_w * share
        parts.append(f'<line class="grid" x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{axis_y}"/>')
        anchor = "start" if share == 0 else "middle" if share < 1 else "end"
        parts.append(f'<text class="muted" x="{x:.1f}" y="{axis_y + 15}" text-anchor="{anchor}">{pct(share)}</text>')
    for i, group in enumerate(shown):
        y = top + i * row_h
        name = escape(group.title)
        parts.append(
            f'<text x="{label_w}" y="{y + 16}" text-anchor="end">{escape(_fit(group.title, label_w - 2))}'
            f"<title>{name}</title></text>"
        )
        share = group.participation
        if share is None:
            parts.append(f'<text class="muted" x="{bar_x + 4}" y="{y + 16}">无表决</text>')
            continue
        width = max(bar_w * min(share, 1.0), 2)
        ballots = len(group.ballots)
        parts.append(
            f'<rect class="bar" x="{bar_x}" y="{y + 5}" width="{width:.1f}" height="14" rx="2">'
            f"<title>{name}：平均参与率 {pct(share)}（{ballots} 次表决）</title></rect>"
            f'<text x="{bar_x + width + 4:.1f}" y="{y + 16}">{pct(share)}</text>'
        )
    parts.append("</svg>")
    caption = "按本周活跃程度排列；参与率为本周已结束表决的投票人数 ÷ 群人数（取平均）。"
    if len(groups) > len(shown):
        caption += f"图中为最活跃的 {len(shown)} 个群，另有 {len(groups) - len(shown)} 个群见下方表格。"
    return (
        '<section class="card tall"><h2>各群参与率</h2>' + "".join(parts)
        + f'<p class="caption">{caption}</p></section>'
    )


def category_chart(categories: list[tuple[str, int]]) -> str:
    shown = categories[:CHART_CATEGORIES]
    if not shown:
        return '<section class="card"><h2>议题分类</h2><p class="quiet">本周没有议题。</p></section>'
    label_w, bar_x, bar_w, row_h, top = 84, 90, 226, 24, 4
    most = max(count for _, count in shown) or 1
    height = top + row_h * len(shown) + 4
    parts = [
        f'<svg class="chart" id="chart-categories" viewBox="0 0 {_CHART_WIDTH} {height}" role="img" '
        f'aria-label="议题分类">'
    ]
    for i, (name, count) in enumerate(shown):
        y = top + i * row_h
        width = max(bar_w * count / most, 2)
        parts.append(
            f'<text x="{label_w}" y="{y + 16}" text-anchor="end">{escape(_fit(name, label_w - 2))}</text>'
            f'<rect class="bar cat" x="{bar_x}" y="{y + 5}" width="{width:.1f}" height="14" rx="2">'
            f"<title>{escape(name)}：{count} 个议题</title></rect>"
            f'<text x="{bar_x + width + 4:.1f}" y="{y + 16}">{count}</text>'
        )
    parts.append("</svg>")
    caption = ""
    if len(categories) > len(shown):
        rest = sum(count for _, count in categories[len(shown):])
        caption = f'<p class="caption">另有 {len(categories) - len(shown)} 类共 {rest} 个议题未列出。</p>'
    return '<section class="card"><h2>议题分类</h2>' + "".join(parts) + caption + "</section>"


def per_day_chart(per_day: list[tuple[float, int]], tz: tzinfo) -> str:
    if not per_day:
        return '<section class="card"><h2>每日新建议</h2><p class="quiet">没有数据。</p></section>'
    height, top, base = 190, 22, 150
    slot = _CHART_WIDTH / len(per_day)
    bar_w = min(slot * 0.6, 34)
    most = max(count for _, count in per_day) or 1
    parts = [
        f'<svg class="chart" id="chart-days" viewBox="0 0 {_CHART_WIDTH} {height}" role="img" aria-label="每日新建议">',
        f'<line class="grid" x1="0" y1="{base}" x2="{_CHART_WIDTH}" y2="{base}"/>',
    ]
    for i, (midnight, count) in enumerate(per_day):
        day = local(midnight, tz)
        center = slot * i + slot / 2
        bar_h = (base - top) * count / most
        bar_h = max(bar_h, 2) if count else 0
        weekday = f"周{_WEEKDAYS[day.weekday()]}"
        label = f"{day.month}/{day.day} {weekday}"
        if count:
            parts.append(
                f'<rect class="bar day" x="{center - bar_w / 2:.1f}" y="{base - bar_h:.1f}" width="{bar_w:.1f}" '
                f'height="{bar_h:.1f}" rx="2"><title>{label}：{count} 条建议</title></rect>'
            )
        parts.append(
            f'<text x="{center:.1f}" y="{base - bar_h - 5:.1f}" text-anchor="middle">{count}</text>'
            f'<text x="{center:.1f}" y="{base + 17}" text-anchor="middle">{day.month}/{day.day}</text>'
            f'<text class="muted" x="{center:.1f}" y="{base + 33}" text-anchor="middle">{weekday}</text>'
        )
    parts.append("</svg>")
    return '<section class="card"><h2>每日新建议</h2>' + "".join(parts) + "</section>"
