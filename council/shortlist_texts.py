"""Words of the shortlist picker (筛选) and of run-off ballots (决选)."""

from __future__ import annotations

from html import escape

from council import rules
from council.models import Proposal, Topic
from council.texts import shorten, topic_name

BUTTON_CHARS = 16
PICKER_BUTTONS = 95  # Telegram allows 100 buttons a message; two rows are the actions

NO_TIE = "这个议题没有平票，不需要决选投票。"
WHICH_TOPIC = "本群有多个议题在征集建议，请在「筛选」后面写议题号，例如：筛选 2"
RUNOFF_USAGE = "请写上平票的议题号，例如：决选 3（也可以直接点【决议公示】下面的「发起决选投票」）。"
AT_LEAST_TWO = "选票上至少要有两条建议。"


def runoff_exists(number: int) -> str:
    return f"已经发起过决选投票了：议题{number}。"


def runoff_title(topic: Topic) -> str:
    return shorten(f"{topic.title}（决选）", 60)


def runoff_background(topic: Topic, tied: list[int]) -> str:
    return f"议题{topic.number}的 {'、'.join(f'#{n}' for n in tied)} 平票，在它们之间决选。"


def runoff_started(topic: Topic, runoff: Topic) -> str:
    return f"➡️ 已发起决选投票：议题{runoff.number}（{topic_name(topic)}平票的建议之间）。"


def no_shortlist_needed(topic: Topic, count: int) -> str:
    return (f"{topic_name(topic)}只有 {count} 条建议，全部放上选票就好，不用筛选。"
            if count <= rules.SHORTLIST_ABOVE else f"{topic_name(topic)}是赞成/反对表决，不用筛选。")


def picker(topic: Topic, proposals: list[Proposal], supports: dict[int, int]) -> str:
    chosen = set(topic.shortlist or ())
    lines = [
        f"【筛选】{topic_name(topic)}有 {len(proposals)} 条建议，请议事员选出放上选票的建议。",
        f"已预选支持最多的 {rules.SHORTLIST_ABOVE} 条（✅）。点建议可以选上或去掉，选好后点「确定，开始投票」。"
        "之后新提交的建议会自动选上。",
        "",
    ]
    for p in proposals:
        mark = "✅" if p.number in chosen else "▫️"
        lines.append(f"{mark} #{p.number} {escape(shorten(p.text, 40))}（{supports.get(p.number, 1)}人支持）")
    lines.append(f"\n已选 {len(chosen)} 条。")
    return "\n".join(lines)


def picker_keyboard(topic: Topic, proposals: list[Proposal]) -> list[list[tuple[str, str]]]:
    chosen = set(topic.shortlist or ())
    rows = [[(f"{'✅' if p.number in chosen else '▫️'} #{p.number} {shorten(p.text, BUTTON_CHARS)}",
              f"sl:{topic.id}:{p.number}")] for p in proposals[:PICKER_BUTTONS]]
    rows.append([("全部放上选票", f"sa:{topic.id}"), ("确定，开始投票", f"sg:{topic.id}")])
    return rows


def picker_done(topic: Topic) -> str:
    return f"【筛选】{topic_name(topic)}的选票已确定，投票已开始，请看【投票】消息。"


# ---------------------------------------------------------------- toasts on the facilitator's taps

PICKER_UPDATED = "已更新"


def voting_started_toast(topic: Topic) -> str:
    return f"已开始投票：议题{topic.number}"


def runoff_started_toast(runoff: Topic) -> str:
    return f"已发起决选投票：议题{runoff.number}"
