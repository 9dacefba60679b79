"""The weekly HTML report (council/report_html.py) in real headless Chromium, as staff open the attachment.

It loads from a file with no network and no errors, draws its three charts, fits a 375 px phone without
sideways scrolling, and stays usable at 1,000 groups. Screenshots go to test-artifacts/report/.
"""

from __future__ import annotations

import random
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import pytest_asyncio

from council.digest import OUTCOME_NAMES, Digest, GroupWeek, TopicRow, WeekFigures
from council.report_charts import CHART_GROUPS
from council.report_html import render_html
from sandbox.launcher import REPO

from .conftest import DESKTOP, PHONE

pytestmark = pytest.mark.asyncio(loop_scope="module")

TZ = ZoneInfo("Asia/Shanghai")
WEEK_START = datetime(2026, 11, 16, tzinfo=TZ)  # a Monday
HOSTILE = "<script>alert(1)</script>&\"'"
REPORT_ARTIFACTS = REPO / "test-artifacts" / "report"

GROUP_TITLES = [
    "阳光花园3幢2单元楼道议事会",
    "永合社区“不做路人甲”议事会",
    "合女士议事团（永合社区妇联）",
    "翠苑一区12号楼加装电梯协商群",
    "锦绣家园宝妈互助议事群",
    "东湖路老小区文明养宠议事会",
    "幸福里5号楼飞线充电整治群",
    "滨江花园停车难议事会",
    "新村街道一老一小议事群",
    "桂花苑垃圾分类督导群",
    "紫荆小区物业费协商议事会",
    "和平里噪音扰民议事群",
]
ESTATES = ["阳光花园", "翠苑一区", "锦绣家园", "幸福里", "滨江花园", "桂花苑", "紫荆小区", "和平里", "东湖新村", "金色家园"]
TOPICS = [  # (category, title, winning proposal or motion)
    ("流浪狗", "小区流浪狗扰民，夜里叫个不停怎么办", "联系街道和动物救助站，统一抓捕后送去领养"),
    ("流浪狗", "是否在东门设立固定投喂点", "在东门绿化带设一个固定投喂点，由志愿者每天清理"),
    ("高空抛物", "7号楼高空抛物，要不要装摄像头", "在7号楼两侧各装一个朝上的摄像头"),
    ("文明养宠", "遛狗不牵绳、不清理粪便怎么管", "发放拾便袋，在小区门口张贴文明养宠公约"),
    ("电动车充电", "楼道飞线充电太危险，请物业装充电桩", "在南门车棚加装20个智能充电桩，扫码付费"),
    ("楼道堆物", "楼道里堆放杂物，消防通道不畅怎么办", "每月第一个周六，大家一起清理楼道"),
    ("垃圾分类", "垃圾桶定时定点投放的时间要不要调整", "早上延长到9点，方便上班族投放"),
    ("停车", "晚上车位不够，消防通道被占", "晚上8点后开放学校操场给居民临时停车"),
    ("噪音", "广场舞音响太大声，影响老人和孩子休息", "晚上8点半以后音响音量调低，9点前结束"),
    ("加装电梯", "3号楼加装电梯，费用按楼层怎么分摊", "按楼层系数分摊，一楼不出钱"),
    ("绿化", "楼下绿地被种了菜，要不要恢复草坪", "由居委会协调，一个月内恢复草坪"),
    ("物业费", "物业费上调10%是否同意", "同意物业费上调10%，同时公开收支明细"),
    ("安全", "单元门禁经常坏，外人随便进出", "请物业本月内更换门禁系统"),
    ("一老一小", "暑期托管班能不能开在社区活动室", "暑假期间工作日上午开放活动室做托管"),
]
KEYWORDS = ["流浪狗", "充电桩", "消防通道", "物业", "摄像头", "停车位", "加装电梯", "噪音", "垃圾分类", "草坪",
            "投喂点", "托管"]
OUTCOMES = list(OUTCOME_NAMES)


def _topic(rng: random.Random, chat_id: int, chat_title: str, number: int, members: int, state: str,
           outcome: str | None, category: str, title: str, winner: str) -> TopicRow:
    opened = WEEK_START + timedelta(days=rng.randint(0, 5), hours=rng.randint(8, 20))
    proposals = 0 if outcome == "no_proposals" else rng.randint(1, 14)
    voters = 0
    if state == "voting":
        voters = rng.randint(0, members // 3)
    elif outcome not in (None, "no_votes", "no_proposals"):
        voters = rng.randint(3, members) if outcome != "no_quorum" else rng.randint(1, max(1, members // 5))
    closed_at = None
    if state in ("closed", "cancelled"):
        closed_at = (opened + timedelta(days=rng.randint(1, 3), hours=rng.randint(0, 4))).timestamp()
    quorum_needed = quorum_met = None
    if outcome not in (None, "no_proposals"):
        quorum_needed = max(1, round(members * 0.3))
        quorum_met = voters >= quorum_needed
    if outcome == "no_quorum":
        quorum_met = False
    return TopicRow(
        chat_id=chat_id, chat_title=chat_title, number=number, title=title, category=category, state=state,
        opened_at=opened.timestamp(), closed_at=closed_at, proposals=proposals, voters=voters,
        members=members, quorum_needed=quorum_needed, quorum_met=quorum_met, outcome=outcome,
        winner=winner if outcome in ("winner", "passed") else "",
    )


def sample_digest(groups: int = 12, topics_per_group: int | None = None, seed: int = 5) -> Digest:
    """A realistic week: Chinese group and topic titles, every state and outcome, one hostile title, a group
    without a closed ballot. With `groups=1000, topics_per_group=5` it is the 5,000-row case."""
    rng = random.Random(seed)
    states = [("closed", o) for o in OUTCOMES] + [("collecting", None), ("voting", None), ("cancelled", None)]
    weeks: list[GroupWeek] = []
    step = 0
    for g in range(groups):
        chat_id = -1001000000000 - g
        if g < len(GROUP_TITLES):
            title = GROUP_TITLES[g]
        else:
            title = f"{ESTATES[g % len(ESTATES)]}{g // len(ESTATES) + 1}幢{g % 4 + 1}单元议事群"
        members = rng.randint(12, 480)
        count = topics_per_group if topics_per_group is not None else max(1, 5 - g // 3)
        rows = []
        for n in range(1, count + 1):
            state, outcome = states[step % len(states)]
            if g == 4:  # a group whose week had no closed ballot: "无表决" in the chart
                state, outcome = ("collecting", None) if n % 2 else ("voting", None)
            step += 1
            category, topic_title, winner = TOPICS[(g * 3 + n) % len(TOPICS)]
            if g == 1 and n == 1:
                topic_title, winner, state, outcome = HOSTILE, HOSTILE, "closed", "winner"
            rows.append(_topic(rng, chat_id, title, n, members, state, outcome, category, topic_title, winner))
        figures = WeekFigures(
            opened=sum(1 for t in rows if t.opened_at >= WEEK_START.timestamp()),
            closed=sum(1 for t in rows if t.state == "closed"),
            cancelled=sum(1 for t in rows if t.state == "cancelled"),
            proposals=sum(t.proposals for t in rows),
            participants=min(members, sum(t.voters for t in rows) + rng.randint(0, 6)),
            votes=sum(t.voters for t in rows),
        )
        keywords = rng.sample(KEYWORDS, k=rng.randint(0, 5))
        weeks.append(GroupWeek(chat_id=chat_id, title=title, members=members, figures=figures, topics=rows,
                               keywords=keywords))
    totals = WeekFigures()
    for week in weeks:
        for name in vars(totals):
            setattr(totals, name, getattr(totals, name) + getattr(week.figures, name))
    categories: dict[str, int] = {}
    for week in weeks:
        for topic in week.topics:
            categories[topic.category] = categories.get(topic.category, 0) + 1
    per_day = [((WEEK_START + timedelta(days=d)).timestamp(), 0) for d in range(7)]
    share = [0.1, 0.25, 0.2, 0.15, 0.12, 0.1, 0.08]
    per_day = [(ts, round(totals.proposals * s)) for (ts, _), s in zip(per_day, share, strict=True)]
    previous = WeekFigures(opened=max(0, totals.opened - 3), closed=totals.closed + 2, cancelled=totals.cancelled,
                           proposals=max(0, totals.proposals - 11), participants=totals.participants + 4,
                           votes=max(0, totals.votes - 20))
    return Digest(
        start=WEEK_START.timestamp(), end=(WEEK_START + timedelta(days=7)).timestamp(), groups=weeks,
        totals=totals, previous=previous, categories=sorted(categories.items(), key=lambda kv: -kv[1]),
        keywords=KEYWORDS[:10], per_day=per_day, quiet_groups=3,
    )


def empty_digest() -> Digest:
    return Digest(start=WEEK_START.timestamp(), end=(WEEK_START + timedelta(days=7)).timestamp(), groups=[],
                  totals=WeekFigures(), previous=WeekFigures(opened=2, proposals=9), categories=[], keywords=[],
                  per_day=[((WEEK_START + timedelta(days=d)).timestamp(), 0) for d in range(7)], quiet_groups=12)


# ---------------------------------------------------------------- in the browser


@pytest.fixture(scope="module")
def report_dir() -> Path:
    REPORT_ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return REPORT_ARTIFACTS


class ReportPage:
    """One report file opened in its own browser context, with everything it asked for and complained about."""

    def __init__(self, page, path: Path):
        self.page = page
        self.path = path
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("console", lambda msg: self.errors.append(msg.text) if msg.type in ("error", "warning") else None)
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("dialog", self._dialog)

    async def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        await dialog.dismiss()

    async def check_clean(self) -> None:
        assert self.errors == []
        assert self.dialogs == []
        assert self.requests == [self.path.as_uri()], "the report asked for something besides itself"

    async def horizontal_overflow(self) -> int:
        return await self.page.evaluate(
            "() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
            " - document.documentElement.clientWidth")


@pytest_asyncio.fixture(loop_scope="module")
async def open_report(browser):
    contexts = []

    async def open_(path: Path, viewport: dict) -> ReportPage:
        context = await browser.new_context(viewport=viewport, locale="zh-CN", timezone_id="Asia/Shanghai",
                                            java_script_enabled=True)
        contexts.append(context)
        report = ReportPage(await context.new_page(), path)
        await report.page.goto(path.as_uri())
        await report.page.wait_for_load_state("load")
        return report

    yield open_
    for context in contexts:
        await context.close()


async def test_weekly_report_on_a_phone_and_a_desktop(open_report, report_dir):
    path = report_dir / "weekly-report.html"
    path.write_text(render_html(sample_digest(), TZ), encoding="utf-8")

    phone = await open_report(path, PHONE)
    page = phone.page
    assert await page.title() == "每周议事简报 2026年11月16日—11月22日"
    assert await page.locator("header h1").text_content() == "每周议事简报"
    for chart in ("#chart-participation", "#chart-categories", "#chart-days"):
        assert await page.locator(f"svg{chart}").is_visible()
        assert await page.locator(f"svg{chart} rect.bar").count() > 0, chart
    assert await page.locator("#chart-days rect.bar").count() == 7
    assert await page.locator("#chart-participation text", has_text="无表决").count() >= 1
    assert "11/16" in await page.locator("#chart-days").text_content()
    # The hostile title arrives as text: no alert, no script element, shown literally.
    assert await page.locator("script").count() == 0
    assert await page.locator("td.title", has_text=HOSTILE).count() == 2  # title and winner
    # At 375 px nothing scrolls sideways but the tables, each inside its own box.
    assert await phone.horizontal_overflow() <= 0
    wide = await page.evaluate(
        "() => [...document.querySelectorAll('.scroll')].filter(b => b.scrollWidth > b.clientWidth).length")
    assert wide > 0
    figure = page.locator(".figure", has_text="新议题")
    assert "上周" in await figure.text_content()
    assert await page.locator(".quiet", has_text="另有 3 个群本周没有议事活动").count() == 1
    await page.screenshot(path=str(report_dir / "phone-375-top.png"))
    await page.screenshot(path=str(report_dir / "phone-375-full.png"), full_page=True)
    await phone.check_clean()

    desktop = await open_report(path, DESKTOP)
    assert await desktop.horizontal_overflow() <= 0
    await desktop.page.screenshot(path=str(report_dir / "desktop-1280.png"))
    await desktop.page.screenshot(path=str(report_dir / "desktop-1280-full.png"), full_page=True)
    await desktop.check_clean()


async def test_a_thousand_groups_stay_usable(open_report, report_dir):
    digest = sample_digest(groups=1000, topics_per_group=5)
    started = time.perf_counter()
    html = render_html(digest, TZ)
    elapsed = time.perf_counter() - started
    print(f"render_html: 1,000 groups / {len(digest.topics)} topic rows in {elapsed * 1000:.0f} ms, "
          f"{len(html.encode()) / 1e6:.1f} MB")
    path = report_dir / "weekly-report-1000.html"
    path.write_text(html, encoding="utf-8")

    started = time.perf_counter()
    phone = await open_report(path, PHONE)
    print(f"Chromium loaded it at 375 px in {(time.perf_counter() - started) * 1000:.0f} ms")
    page = phone.page
    chart = page.locator("#chart-participation")
    rows = await chart.locator("rect.bar").count() + await chart.locator("text", has_text="无表决").count()
    assert rows == CHART_GROUPS
    assert "另有 970 个群见下方表格" in await page.locator(".caption").first.text_content()
    box = await chart.bounding_box()
    assert box["height"] < 1200  # thirty rows, not a thousand
    assert await page.locator("table.groups tbody tr").count() == 1000
    assert await page.locator("table.topics tbody tr").count() == 5000
    assert await phone.horizontal_overflow() <= 0
    await page.screenshot(path=str(report_dir / "phone-375-1000-groups.png"))
    await phone.check_clean()

    desktop = await open_report(path, DESKTOP)
    assert await desktop.horizontal_overflow() <= 0
    await desktop.page.screenshot(path=str(report_dir / "desktop-1280-1000-groups.png"))
    await desktop.check_clean()


async def test_an_empty_week(open_report, report_dir):
    path = report_dir / "weekly-report-empty.html"
    path.write_text(render_html(empty_digest(), TZ), encoding="utf-8")
    phone = await open_report(path, PHONE)
    assert await phone.page.locator("text=本周各群没有议事活动").is_visible()
    assert await phone.horizontal_overflow() <= 0
    await phone.page.screenshot(path=str(report_dir / "phone-375-empty.png"))
    await phone.check_clean()
