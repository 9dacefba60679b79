import pytest

from council.language import Language
from council.models import ABSTAIN, NO, YES
from council.parsing import Intent, parse_command, parse_trigger, split_title

READER = Language()  # reading votes needs no jieba: nothing is loaded
BALLOT = [1, 2, 3]


def vote(text: str, method: str) -> tuple[int, ...] | None:
    reading = READER.read_vote(text, method, BALLOT)
    return reading.options if reading.kind == "vote" else None


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("发起议题 流浪狗扰民怎么办", Intent("open", text="流浪狗扰民怎么办")),
        ("发起议题：高空抛物\n背景在这里", Intent("open", text="高空抛物\n背景在这里")),
        ("建议：在3号楼西侧设固定投喂点", Intent("propose", text="在3号楼西侧设固定投喂点")),
        ("建议:联系救助站", Intent("propose", text="联系救助站")),
        ("提议 晚上十点后不遛狗", Intent("propose", text="晚上十点后不遛狗")),
        ("#建议 装监控", Intent("propose", text="装监控")),
        ("开始投票", Intent("vote")),
        ("开始投票 2", Intent("vote", number=2)),
        ("结束投票", Intent("close")),
        ("进度", Intent("status")),
        ("议题", Intent("status")),
        ("进度？", Intent("status")),
        ("隐藏 3", Intent("hide", number=3)),
        ("隐藏3", Intent("hide", number=3)),
        ("取消议题", Intent("cancel")),
        ("设置", Intent("setup")),
        ("帮助", Intent("help")),
    ],
)
def test_triggers(text, intent):
    assert parse_trigger(text) == intent


@pytest.mark.parametrize(
    "text",
    ["建议大家早点睡", "议题很好", "进度怎么样了", "建议书在哪", "我建议：装灯", "帮助一下老人", "隐藏的问题", "设置成静音"],
)
def test_chat_is_not_a_trigger(text):
    assert parse_trigger(text) is None


def test_empty_proposal_is_still_a_propose_intent():
    assert parse_trigger("建议：") == Intent("propose", text="")


def test_command_arguments():
    assert parse_command("vote", ["3"]) == Intent("vote", number=3)
    assert parse_command("hide", []) == Intent("hide")
    assert parse_command("open", ["流浪狗", "问题"]) == Intent("open", text="流浪狗 问题")


def test_split_title_keeps_background_lines():
    assert split_title("流浪狗扰民\n晚上叫\n白天追人") == ("流浪狗扰民", "晚上叫\n白天追人")
    assert split_title("  ") == ("", "")


@pytest.mark.parametrize(
    ("text", "option"),
    [("投2", 2), ("投 2", 2), ("2号", 2), ("#3", 3), ("投第1个", 1), ("我投3号", 3), ("选2号方案", 2), ("投2！", 2),
     ("②号", 2), ("改投2号", 2)],
)
def test_choice_votes(text, option):
    assert vote(text, "choice") == (option,)


@pytest.mark.parametrize(
    "text",
    ["3号楼的狗又叫了", "二楼又在装修", "明天2点开会吗", "我不投2号", "2号楼", "10号前交", "六楼", "赞成", "好的", "投票在哪"],
)
def test_not_choice_votes(text):
    assert vote(text, "choice") is None


@pytest.mark.parametrize(
    ("text", "option"),
    [("赞成", YES), ("同意👍", YES), ("反对！", NO), ("不同意", NO), ("弃权", ABSTAIN)],
)
def test_consent_votes(text, option):
    assert vote(text, "consent") == (option,)


@pytest.mark.parametrize("text", ["我赞成楼上说的", "反对的人多吗", "投5", "随便", "同意吗？"])
def test_not_consent_votes(text):
    assert vote(text, "consent") is None


@pytest.mark.parametrize(
    ("text", "numbers"),
    [("合并 2 5", (2, 5)), ("合并2和5", (2, 5)), ("合并 #5 到 #2", (2, 5)), ("合并 3，7", (3, 7)), ("合并", ())],
)
def test_merge_trigger(text, numbers):
    assert parse_trigger(text) == Intent("merge", numbers=numbers)


def test_merge_and_category_chat_is_not_a_command():
    assert parse_trigger("合并同类项吧") is None
    assert parse_trigger("分类垃圾要按时投放到指定地点") is None
    assert parse_trigger("分类 停车") == Intent("category", text="停车")
    assert parse_command("merge", ["4", "6"]) == Intent("merge", numbers=(4, 6))
    assert parse_command("merge", ["x"]) == Intent("merge")
