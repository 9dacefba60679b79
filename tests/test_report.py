"""The weekly digest's attachments without a browser: the CSV (Excel on Chinese Windows) and the HTML report.

tests/sandbox_web/test_report_page.py opens the same HTML in headless Chromium; its sample week is reused here.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import replace
from datetime import datetime
from html import escape
from zoneinfo import ZoneInfo

import pytest

from council.digest import OUTCOME_NAMES, STATE_NAMES, Digest, GroupWeek, TopicRow, WeekFigures
from council.report_charts import CHART_GROUPS
from council.report_csv import HEADERS, render_csv, safe_cell
from council.report_html import render_html
from tests.sandbox_web.test_report_page import HOSTILE, empty_digest, sample_digest

TZ = ZoneInfo("Asia/Shanghai")


def ts(*args) -> float:
    return datetime(*args, tzinfo=TZ).timestamp()


def topic(**changes) -> TopicRow:
    row = TopicRow(
        chat_id=-100, chat_title="阳光花园3幢2单元楼道议事会", number=3, title="楼道里堆放杂物怎么办",
        category="楼道堆物", state="closed", opened_at=ts(2026, 11, 16, 9, 30), closed_at=ts(2026, 11, 23, 20, 0),
        proposals=6, voters=7, members=20, quorum_needed=6, quorum_met=True, outcome="winner",
        winner="每月第一个周六，大家一起清理楼道",
    )
    return replace(row, **changes)


def read_csv(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


# ---------------------------------------------------------------- CSV


def test_csv_is_utf8_with_bom_crlf_and_chinese_headers():
    data = render_csv([topic()], TZ)
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.count(b"\r\n") == 2 and b"\n" not in data.replace(b"\r\n", b"")
    rows = read_csv(data)
    assert rows[0] == list(HEADERS) == [
        "群名", "议题号", "标题", "分类", "状态", "发起时间", "结束时间", "建议数", "投票人数", "群人数", "参与率",
        "法定人数", "是否达到", "结果", "决议内容",
    ]
    assert rows[1] == [
        "阳光花园3幢2单元楼道议事会", "3", "楼道里堆放杂物怎么办", "楼道堆物", "已结束", "2026-11-16 09:30",
        "2026-11-23 20:00", "6", "7", "20", "35%", "6", "是", "形成决议", "每月第一个周六，大家一起清理楼道",
    ]


def test_csv_open_topic_leaves_unknowns_empty():
    rows = read_csv(render_csv([topic(state="voting", closed_at=None, members=None, quorum_needed=None,
                                      quorum_met=None, outcome=None, winner="")], TZ))
    record = dict(zip(rows[0], rows[1], strict=True))
    assert record["状态"] == "投票中"
    assert record["结束时间"] == record["群人数"] == record["参与率"] == record["法定人数"] == ""
    assert record["是否达到"] == record["结果"] == record["决议内容"] == ""


def test_csv_every_state_and_outcome_in_chinese():
    topics = [topic(number=i, outcome=o) for i, o in enumerate(OUTCOME_NAMES, 1)]
    topics += [topic(number=20 + i, state=s, outcome=None) for i, s in enumerate(STATE_NAMES)]
    rows = read_csv(render_csv(topics, TZ))
    assert [r[13] for r in rows[1:len(OUTCOME_NAMES) + 1]] == list(OUTCOME_NAMES.values())
    assert [r[4] for r in rows[len(OUTCOME_NAMES) + 1:]] == list(STATE_NAMES.values())
    assert read_csv(render_csv([topic(quorum_met=False)], TZ))[1][12] == "否"


def test_csv_round_trips_chinese_punctuation_quotes_and_newlines():
    title = '电动车“飞线”充电，怎么管？\n第二行："引号", 逗号'
    rows = read_csv(render_csv([topic(title=title, winner="在南门装充电桩，\r\n扫码付费", chat_title='三号楼"老邻居"群')], TZ))
    assert len(rows) == 2
    assert rows[1][2] == title
    assert rows[1][14] == "在南门装充电桩，\r\n扫码付费"
    assert rows[1][0] == '三号楼"老邻居"群'


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_formula_injection_is_neutralised(start):
    evil = f"{start}HYPERLINK(\"http://x\",\"点我\")"
    rows = read_csv(render_csv([topic(title=evil, winner=evil, chat_title=evil, category=evil)], TZ))
    for cell in (rows[1][0], rows[1][2], rows[1][3], rows[1][14]):
        assert cell == "'" + evil
    assert safe_cell("楼道=消防通道") == "楼道=消防通道"  # only the first character matters


def test_csv_participation_rounding():
    assert read_csv(render_csv([topic(voters=1, members=400)], TZ))[1][10] == "<1%"
    assert read_csv(render_csv([topic(voters=0, members=400, outcome="no_votes")], TZ))[1][10] == "0%"
    assert read_csv(render_csv([topic(voters=20, members=20)], TZ))[1][10] == "100%"


def test_csv_of_no_topics_is_the_header_line():
    assert render_csv([], TZ) == b"\xef\xbb\xbf" + ",".join(HEADERS).encode() + b"\r\n"


def test_csv_of_the_sample_week():
    digest = sample_digest()
    rows = read_csv(render_csv(digest.topics, TZ))
    assert len(rows) == len(digest.topics) + 1
    assert all(len(row) == len(HEADERS) for row in rows)
    assert HOSTILE in {row[2] for row in rows}  # "<" is no formula character: the text is kept as it is


# ---------------------------------------------------------------- HTML


FORBIDDEN = ("http://", "https://", "<script", "@import", "url(", "<link", "<img", "<iframe", "src=")


def test_html_is_self_contained():
    for digest in (sample_digest(), empty_digest(), sample_digest(groups=60, topics_per_group=2)):
        page = render_html(digest, TZ)
        lowered = page.lower()
        for needle in FORBIDDEN:
            assert needle not in lowered, needle
        assert page.startswith("<!DOCTYPE html>") and '<html lang="zh-CN">' in page
        assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
        assert "Noto Sans CJK SC" in page and "Microsoft YaHei" in page


def test_html_escapes_every_user_string():
    digest = Digest(
        start=ts(2026, 11, 16), end=ts(2026, 11, 23),
        groups=[GroupWeek(chat_id=-1, title=HOSTILE, members=20, figures=WeekFigures(opened=1, closed=1),
                          topics=[topic(chat_title=HOSTILE, title=HOSTILE, winner=HOSTILE, category=HOSTILE)],
                          keywords=[HOSTILE])],
        totals=WeekFigures(opened=1, closed=1), previous=WeekFigures(), categories=[(HOSTILE, 1)],
        keywords=[HOSTILE], per_day=[(ts(2026, 11, 16 + d), 1) for d in range(7)],
    )
    page = render_html(digest, TZ, title=HOSTILE)
    assert "<script" not in page
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;&#x27;"
    # title tag and h1, the chart label and its tooltip, the groups table, the section heading,
    # the topic title and winner, the category chart, the topic's category, keywords twice, group keywords in the table
    assert page.count(escaped) >= 12
    text = re.sub(r"<[^>]+>", "", page)
    assert "<" not in text and ">" not in text  # nothing the user sent reaches the markup unescaped


def test_html_headline_figures_compare_with_last_week():
    digest = sample_digest()
    digest.totals = WeekFigures(opened=5, closed=2, cancelled=1, proposals=30, participants=12, votes=40)
    digest.previous = WeekFigures(opened=3, closed=4, cancelled=1, proposals=30, participants=10, votes=44)
    page = render_html(digest, TZ)
    text = re.sub(r"<[^>]+>", "", page)
    assert "新议题5个上周 3，↑2" in text
    assert "已结束2个上周 4，↓2" in text
    assert "已取消1个上周 1，持平" in text
    assert "参与居民12人上周 10，↑2" in text
    assert "投票40票上周 44，↓4" in text


def test_html_header_date_range_and_week_days():
    page = render_html(sample_digest(), TZ)
    assert "<title>每周议事简报 2026年11月16日—11月22日</title>" in page
    assert '<div class="range">2026年11月16日—11月22日</div>' in page
    for label in ("11/16", "周一", "11/22", "周日"):
        assert label in page
    across = replace(empty_digest(), start=ts(2026, 12, 28), end=ts(2027, 1, 4))
    assert "2026年12月28日—2027年1月3日" in render_html(across, TZ)


def test_html_shows_states_outcomes_quorum_and_winners():
    digest = sample_digest()
    page = render_html(digest, TZ)
    for name in list(STATE_NAMES.values()) + list(OUTCOME_NAMES.values()):
        assert name in page, name
    assert "达到" in page and "未达到" in page and "无表决" in page
    winners = [t.winner for t in digest.topics if t.winner]
    assert len(winners) > 5
    for winner in winners:
        assert f'<span class="winner">{escape(winner)}</span>' in page
    assert "另有 3 个群本周没有议事活动" in page
    assert page.count('<tr><td class="num">#') == len(digest.topics)
    assert page.count('<svg class="chart"') == 3


def test_html_charts_cap_at_thirty_groups_for_a_thousand():
    digest = sample_digest(groups=1000, topics_per_group=5)
    page = render_html(digest, TZ)
    chart = page.split('id="chart-participation"', 1)[1].split("</svg>", 1)[0]
    assert chart.count('<rect class="bar"') + chart.count(">无表决<") == CHART_GROUPS
    assert "图中为最活跃的 30 个群，另有 970 个群见下方表格。" in page
    assert page.count('<tr><td class="title"><a href="#g') == 1000


def test_html_quiet_groups_line_only_when_there_are_some():
    digest = sample_digest()
    digest.quiet_groups = 0
    assert "本周没有议事活动" not in render_html(digest, TZ)


def test_html_of_an_empty_week():
    page = render_html(empty_digest(), TZ)
    assert "本周各群没有议事活动" in page
    assert "上周：新议题 2 个，建议 9 条。" in page
    assert "机器人所在的 12 个群本周都很安静。" in page
    assert "<svg" not in page and "<table" not in page


def test_html_small_participation_is_escaped():
    group = GroupWeek(chat_id=-5, title="大社区群", members=900, figures=WeekFigures(closed=1),
                      topics=[topic(voters=2, members=900, quorum_needed=270, quorum_met=False, outcome="no_quorum")])
    page = render_html(replace(sample_digest(), groups=[group]), TZ)
    assert "&lt;1%" in page and "<1%" not in page


def test_html_group_without_member_count_or_ballots():
    group = GroupWeek(chat_id=-5, title="新建的群", members=None, figures=WeekFigures(opened=1),
                      topics=[topic(state="collecting", closed_at=None, members=None, voters=0, quorum_needed=None,
                                    quorum_met=None, outcome=None, winner="")])
    digest = replace(sample_digest(), groups=[group], categories=[("楼道堆物", 1)])
    page = render_html(digest, TZ)
    assert ">无表决<" in page
    assert "0/—" in page
