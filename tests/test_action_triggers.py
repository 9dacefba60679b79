"""The trigger words of the follow-up (执行监督): what a facilitator or an item's owner sends, and the residents' chat
they must leave alone."""

import pytest

from council.parsing import Intent, parse_command, parse_trigger


@pytest.mark.parametrize(("text", "intent"), [
    ("事项 设投喂点 @物业 12月15日", Intent("action", text="设投喂点 @物业 12月15日")),
    ("执行事项：设投喂点 物业 明天", Intent("action", text="设投喂点 物业 明天")),
    ("完成 3", Intent("done", number=3)),
    ("完成3", Intent("done", number=3)),
    ("完成 3 已和救助站约好", Intent("done", text="已和救助站约好", number=3)),
    ("执行情况", Intent("actions")),
    ("执行情况 2", Intent("actions", number=2)),
    ("复盘 1月15日", Intent("review", text="1月15日")),
    ("复盘 议题2 下周五", Intent("review", text="议题2 下周五")),
])
def test_follow_up_triggers(text, intent):
    assert parse_trigger(text) == intent


@pytest.mark.parametrize("text", [
    "完成了", "完成！", "完成 3号楼的打扫", "完成得不错", "执行情况怎么样了", "复盘一下", "事项很多啊",
    "复盘：大家觉得这个办法怎么样，我觉得还行", "事项是这样的",
    # a count of what is done, not an item's number
    "完成 3 个了", "完成 2 户", "完成 5 项啦", "完成 3 了",
])
def test_residents_chat_is_left_alone(text):
    assert parse_trigger(text) is None


def test_slash_commands():
    assert parse_command("done", ["3", "已装好"]) == Intent("done", text="已装好", number=3)
    assert parse_command("done", []) == Intent("done")
    assert parse_command("actions", ["2"]) == Intent("actions", number=2)
    assert parse_command("action", ["设投喂点", "@物业", "明天"]) == Intent("action", text="设投喂点 @物业 明天")
