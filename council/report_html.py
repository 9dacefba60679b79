"""The weekly digest as one self-contained HTML file (attached to 【每周议事简报】): Chinese, inline CSS, inline SVG.

No scripts, no fonts, images or styles from anywhere else: staff open it from a chat on a phone or forward it,
often offline. Every user-supplied string (group and topic titles, winners, keywords, categories) is escaped.
Charts stay readable at 1,000 groups: the participation chart shows the most active groups and points to the table
(the charts are drawn in council/report_charts.py).
"""

from __future__ import annotations

from datetime import timedelta, tzinfo
from html import escape

from council.action_report import html_section
from council.digest import OUTCOME_NAMES, STATE_NAMES, Digest, GroupWeek, TopicRow, WeekFigures
from council.report_charts import category_chart, participation_chart, pct, per_day_chart
from council.timeutil import local

_FIGURES = (
    ("opened", "新议题", "个"),
    ("closed", "已结束", "个"),
    ("cancelled", "已取消", "个"),
    ("proposals", "建议", "条"),
    ("participants", "参与居民", "人"),
    ("votes", "投票", "票"),
)

_CSS = """
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:#f2f3f5;color:#1f2329;line-height:1.6;font-size:15px;
font-family:-apple-system,BlinkMacSystemFont,"PingFang SC","Hiragino Sans GB","Noto Sans CJK SC","Source Han Sans SC",
"Microsoft YaHei","WenQuanYi Micro Hei",sans-serif}
main{max-width:1040px;margin:0 auto;padding:12px}
header.top{background:#07c160;color:#fff;border-radius:10px;padding:16px 18px;margin-bottom:12px}
header.top .brand{font-size:13px;opacity:.9}
header.top h1{margin:2px 0 4px;font-size:22px;line-height:1.35}
header.top .range{font-size:17px;font-weight:600}
header.top .note{font-size:12px;opacity:.9;margin-top:4px}
section.card{background:#fff;border-radius:10px;padding:14px 16px;margin-bottom:12px;min-width:0}
h2{font-size:17px;margin:0 0 10px;padding-left:8px;border-left:4px solid #07c160;line-height:1.3}
h3{font-size:16px;margin:0 0 4px;line-height:1.4;overflow-wrap:anywhere}
.figures{display:grid;grid-template-columns:repeat(auto-fit,minmax(130px,1fr));gap:8px}
.figure{background:#f7f8fa;border-radius:8px;padding:8px 10px}
.figure .label{font-size:13px;color:#646a73}
.figure .value{font-size:24px;font-weight:700;line-height:1.25;white-space:nowrap}
.figure .value small{font-size:13px;font-weight:400;margin-left:2px}
.figure .cmp{font-size:12px;color:#646a73;white-space:nowrap}
.up{color:#d4380d}.down{color:#1677ff}.same{color:#8f959e}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(340px,1fr));gap:12px;align-items:start;
margin-bottom:12px}
.charts section.card{margin-bottom:0}
.charts .tall{grid-row:span 2}
svg.chart{display:block;width:100%;max-width:420px;height:auto}
svg.chart text{font-size:12px;fill:#1f2329}
svg.chart .muted{fill:#8f959e}
svg.chart .grid{stroke:#e5e6eb;stroke-width:1}
svg.chart .bar{fill:#07c160}
svg.chart .bar.cat{fill:#1677ff}
svg.chart .bar.day{fill:#fa8c16}
.caption{font-size:12px;color:#8f959e;margin:6px 0 0}
.chips{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:6px}
.chips li{background:#e8f8ef;color:#067a3c;border-radius:12px;padding:1px 10px;font-size:13px;
overflow-wrap:anywhere}
.chips.small li{font-size:12px;background:#f2f3f5;color:#4e5969}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch;max-width:100%}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{border-bottom:1px solid #eceef1;padding:6px 8px;text-align:left;vertical-align:top}
th{background:#f7f8fa;color:#4e5969;font-weight:600;white-space:nowrap}
td.num,th.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
td.nowrap{white-space:nowrap}
table.groups{min-width:760px}
table.groups td:first-child,table.groups th:first-child{position:sticky;left:0;z-index:1;max-width:11em}
table.groups td:first-child{background:#fff}
table.topics{min-width:820px}
td.title{min-width:12em;overflow-wrap:anywhere}
td.kw{min-width:10em;color:#4e5969}
.winner{display:block;color:#4e5969;overflow-wrap:anywhere}
.tag{display:inline-block;border-radius:4px;padding:0 6px;font-size:12px;white-space:nowrap}
.s-collecting{background:#fff7e6;color:#ad6800}.s-voting{background:#e6f4ff;color:#0958d9}
.s-closed{background:#f6ffed;color:#389e0d}.s-cancelled{background:#f2f3f5;color:#8f959e}
.ok{color:#389e0d}.bad{color:#d4380d}
.group{border-top:1px solid #eceef1;padding-top:12px;margin-top:12px}
.group:first-of-type{border-top:0;margin-top:0;padding-top:0}
.meta{font-size:13px;color:#4e5969;margin:0 0 6px}
.meta span{white-space:nowrap;margin-right:10px}
.empty{text-align:center;padding:40px 16px}
.empty .big{font-size:20px;font-weight:600;margin:0 0 8px}
.quiet{color:#646a73;font-size:14px}
.figures+.quiet{margin:10px 0 0}
a{color:#0958d9;text-decoration:none}
footer{text-align:center;color:#8f959e;font-size:12px;padding:8px 0 24px}
@media (max-width:480px){main{padding:8px}header.top h1{font-size:20px}section.card{padding:12px}}
@media print{body{background:#fff}.scroll{overflow:visible}section.card{break-inside:avoid-page}}
"""


# ---------------------------------------------------------------- small helpers


def _num(value: int | None) -> str:
    return "—" if value is None else str(value)


def _date_range(digest: Digest, tz: tzinfo) -> str:
    """2026年11月16日—11月22日 (the week is [start, end): its last day is the one before `end`)."""
    first = local(digest.start, tz)
    last = local(digest.end, tz) - timedelta(seconds=1)
    if last.date() <= first.date():
        return f"{first.year}年{first.month}月{first.day}日"
    if last.year != first.year:
        return f"{first.year}年{first.month}月{first.day}日—{last.year}年{last.month}月{last.day}日"
    return f"{first.year}年{first.month}月{first.day}日—{last.month}月{last.day}日"


def _zone_name(tz: tzinfo) -> str:
    key = getattr(tz, "key", None) or str(tz)
    return "北京时间" if key in ("Asia/Shanghai", "Asia/Chongqing", "Asia/Harbin", "PRC") else key


def _compare(now: int, before: int) -> tuple[str, str]:
    """("↑2", "up"), ("↓1", "down") or ("持平", "same")."""
    if now > before:
        return f"↑{now - before}", "up"
    if now < before:
        return f"↓{before - now}", "down"
    return "持平", "same"


# ---------------------------------------------------------------- sections


def _figures(totals: WeekFigures, previous: WeekFigures) -> str:
    cards = []
    for attr, label, unit in _FIGURES:
        now, before = getattr(totals, attr), getattr(previous, attr)
        change, cls = _compare(now, before)
        cards.append(
            f'<div class="figure"><div class="label">{label}</div>'
            f'<div class="value">{now}<small>{unit}</small></div>'
            f'<div class="cmp">上周 {before}，<span class="{cls}">{change}</span></div></div>'
        )
    return '<section class="card"><h2>本周概况</h2><div class="figures">' + "".join(cards) + "</div>"


def _keywords(keywords: list[str]) -> str:
    if not keywords:
        return ""
    chips = "".join(f"<li>{escape(word)}</li>" for word in keywords)
    return f'<section class="card"><h2>居民热议</h2><ul class="chips">{chips}</ul></section>'


def _groups_table(groups: list[GroupWeek]) -> str:
    head = (
        "<tr><th>群名</th><th class=num>群人数</th><th class=num>新议题</th><th class=num>结束</th>"
        "<th class=num>取消</th><th class=num>建议</th><th class=num>参与居民</th><th class=num>投票</th>"
        "<th class=num>平均参与率</th><th>热词</th></tr>"
    )
    rows = []
    for i, group in enumerate(groups):
        f = group.figures
        rows.append(
            f'<tr><td class="title"><a href="#g{i}">{escape(group.title)}</a></td>'
            f'<td class="num">{_num(group.members)}</td><td class="num">{f.opened}</td><td class="num">{f.closed}</td>'
            f'<td class="num">{f.cancelled}</td><td class="num">{f.proposals}</td>'
            f'<td class="num">{f.participants}</td><td class="num">{f.votes}</td>'
            f'<td class="num">{pct(group.participation) if group.ballots else "无表决"}</td>'
            f'<td class="kw">{escape("、".join(group.keywords[:6]))}</td></tr>'
        )
    return (
        f'<section class="card"><h2>各群一览（{len(groups)} 个群）</h2>'
        f'<div class="scroll"><table class="groups"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>'
        "</div></section>"
    )


def _quorum(topic: TopicRow) -> str:
    needed = f"（需 {topic.quorum_needed} 人）" if topic.quorum_needed is not None else ""
    if topic.quorum_met is True:
        return f'<span class="ok">达到</span>{needed}'
    if topic.quorum_met is False:
        return f'<span class="bad">未达到</span>{needed}'
    return "—"


def _outcome(topic: TopicRow) -> str:
    if topic.outcome is None:
        return "—"
    name = escape(OUTCOME_NAMES.get(topic.outcome, topic.outcome))
    winner = f'<span class="winner">{escape(topic.winner)}</span>' if topic.winner else ""
    return name + winner


def _topic_row(topic: TopicRow, tz: tzinfo) -> str:
    opened = local(topic.opened_at, tz)
    when = f"{opened.month}/{opened.day}"
    if topic.closed_at is not None:
        closed = local(topic.closed_at, tz)
        when += f"—{closed.month}/{closed.day}"
    state = escape(STATE_NAMES.get(topic.state, topic.state))
    return (
        f'<tr><td class="num">#{topic.number}</td><td class="title">{escape(topic.title)}</td>'
        f'<td class="nowrap">{escape(topic.category)}</td>'
        f'<td><span class="tag s-{escape(topic.state)}">{state}</span></td><td class="nowrap">{when}</td>'
        f'<td class="num">{topic.proposals}</td><td class="num">{topic.voters}/{_num(topic.members)}</td>'
        f'<td class="num">{pct(topic.participation)}</td><td class="nowrap">{_quorum(topic)}</td>'
        f'<td class="title">{_outcome(topic)}</td></tr>'
    )


_TOPIC_HEAD = (
    "<thead><tr><th class=num>编号</th><th>议题</th><th>分类</th><th>状态</th><th>时间</th><th class=num>建议</th>"
    "<th class=num>投票/群人数</th><th class=num>参与率</th><th>法定人数</th><th>结果</th></tr></thead>"
)


def _group_section(index: int, group: GroupWeek, tz: tzinfo) -> str:
    f = group.figures
    meta = (
        f"<span>群人数 {_num(group.members)}</span><span>新议题 {f.opened}</span><span>结束 {f.closed}</span>"
        f"<span>取消 {f.cancelled}</span><span>建议 {f.proposals}</span><span>参与居民 {f.participants}</span>"
        f"<span>投票 {f.votes}</span>"
    )
    if group.ballots:
        meta += f"<span>平均参与率 {pct(group.participation)}</span>"
    parts = [f'<div class="group" id="g{index}"><h3>{escape(group.title)}</h3><p class="meta">{meta}</p>']
    if group.keywords:
        chips = "".join(f"<li>{escape(word)}</li>" for word in group.keywords)
        parts.append(f'<ul class="chips small">{chips}</ul>')
    if group.topics:
        rows = "".join(_topic_row(topic, tz) for topic in group.topics)
        parts.append(f'<div class="scroll"><table class="topics">{_TOPIC_HEAD}<tbody>{rows}</tbody></table></div>')
    parts.append("</div>")
    return "".join(parts)


def _quiet(digest: Digest) -> str:
    if digest.quiet_groups <= 0:
        return ""
    return f'<p class="quiet">另有 {digest.quiet_groups} 个群本周没有议事活动。</p>'


def _last_week(previous: WeekFigures) -> str:
    said = [f"{label} {getattr(previous, attr)} {unit}" for attr, label, unit in _FIGURES if getattr(previous, attr)]
    return f'<p class="quiet">上周：{"，".join(said)}。</p>' if said else ""


# ---------------------------------------------------------------- the page


def render_html(digest: Digest, tz: tzinfo, title: str = "每周议事简报") -> str:
    """The whole report as one HTML document (str; encode as UTF-8 to attach it)."""
    period = _date_range(digest, tz)
    first = local(digest.start, tz)
    last = local(digest.end, tz)
    note = (
        f"统计时段：{first.month}月{first.day}日 {first:%H:%M} 至 {last.month}月{last.day}日 {last:%H:%M}"
        f"（{escape(_zone_name(tz))}）"
    )
    out = [
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)} {period}</title><style>{_CSS}</style></head><body><main>",
        f'<header class="top"><div class="brand">议事会助手 · 社区议事</div><h1>{escape(title)}</h1>'
        f'<div class="range">{period}</div><div class="note">{note}</div>'
        '<div class="note">由议事会助手根据各群议事记录自动生成</div></header>',
    ]
    if not digest.groups:
        quiet = ""
        if digest.quiet_groups:
            quiet = f'<p class="quiet">机器人所在的 {digest.quiet_groups} 个群本周都很安静。</p>'
        out.append(
            '<section class="card empty"><p class="big">本周各群没有议事活动</p>'
            f"<p>没有新议题、建议或投票。下周见！</p>{_last_week(digest.previous)}{quiet}</section>"
        )
    else:
        out.append(_figures(digest.totals, digest.previous) + _quiet(digest) + "</section>")
        out.append(
            '<div class="charts">' + participation_chart(digest.groups) + category_chart(digest.categories)
            + per_day_chart(digest.per_day, tz) + "</div>"
        )
        out.append(_keywords(digest.keywords))
        out.append(_groups_table(digest.groups))
        sections = "".join(_group_section(i, group, tz) for i, group in enumerate(digest.groups))
        out.append(f'<section class="card"><h2>各群议题明细</h2>{sections}</section>')
        out.append(html_section(digest.actions, digest.reviews))
    out.append("<footer>本报告由议事会助手根据群内议事记录自动生成，数据仅供社区工作参考。</footer></main></body></html>")
    return "".join(out)
