"""Command menus per scope, with Chinese descriptions: a short list for residents, a longer one for admins."""

from __future__ import annotations

from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeAllChatAdministrators,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeDefault,
)

RESIDENTS = [
    BotCommand("propose", "提建议（也可以直接发「建议：…」）"),
    BotCommand("register", "登记门牌（一户一票时用）：/register 3-2-301"),
    BotCommand("status", "看进度（也可以发「进度」）"),
    BotCommand("summary", "今日小结（也可以发「小结」）"),
    BotCommand("actions", "决议执行情况（也可以发「执行情况」）"),
    BotCommand("help", "使用说明"),
]
FACILITATORS = [
    BotCommand("open", "发起议题：/open 标题（换行写背景）"),
    BotCommand("vote", "开始投票"),
    BotCommand("close", "结束投票并公示结果"),
    BotCommand("hide", "隐藏一条建议：/hide 编号"),
    BotCommand("merge", "合并重复建议：/merge 保留的编号 并入的编号"),
    BotCommand("category", "查看或修改议题分类：/category 停车"),
    BotCommand("shortlist", "建议太多时，挑选放上选票的建议"),
    BotCommand("proxy", "为没有手机的居民代投：/proxy 3-2-301 2"),
    BotCommand("households", "查看住户登记"),
    BotCommand("runoff", "平票后发起决选投票：/runoff 议题号"),
    BotCommand("cancel", "取消议题"),
    BotCommand("export", "导出议题的建议和票数（CSV）：/export 议题号"),
    BotCommand("action", "登记执行事项：/action 内容 @负责人 12月15日"),
    BotCommand("done", "事项完成：/done 事项编号"),
    BotCommand("review", "设定复盘日期：/review 1月15日"),
    BotCommand("setup", "检查我在本群的权限"),
    *RESIDENTS,
]
PRIVATE = [
    BotCommand("start", "开始"),
    BotCommand("new", "发起新议题（议事员，一步一步设置）"),
    BotCommand("help", "使用说明"),
    BotCommand("mine", "我的：等我投票的表决、我提的建议（也可以发「我的」）"),
    BotCommand("remindme", "提醒我：投票快截止我还没投时私下提醒（/remindme off 关闭）"),
    BotCommand("digest", "每周议事简报（社区工作人员）：/digest 或 /digest 2026-11-09"),
]


async def register(bot: Bot) -> None:
    await bot.set_my_commands(PRIVATE, scope=BotCommandScopeDefault())
    await bot.set_my_commands(PRIVATE, scope=BotCommandScopeAllPrivateChats())
    await bot.set_my_commands(RESIDENTS, scope=BotCommandScopeAllGroupChats())
    await bot.set_my_commands(FACILITATORS, scope=BotCommandScopeAllChatAdministrators())
