"""The people and chats the sandbox starts with: two council groups, a staff chat and everyone's chat with the bot.

Seeded before the bot starts, so the bot learns of its groups from the updates waiting for it, as it would after
being added to them in Telegram.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .botapi import BotApiServer

STAIRWELL = "永合社区 3幢2单元"
WOMEN = "合女士议事团"
STAFF_CHAT = "永合社区 工作群"
FACILITATOR = "王社工"
STAFF = "周主任"
RESIDENTS = ["张阿姨", "李姐", "王大爷", "小陈宝妈", "刘叔", "赵奶奶"]
STAIRWELL_RESIDENTS = ["张阿姨", "李姐", "王大爷", "小陈宝妈", "刘叔"]
WOMEN_RESIDENTS = ["张阿姨", "李姐", "小陈宝妈", "赵奶奶"]
# Names offered for a resident added from the page, in turn.
NEW_RESIDENT_NAMES = ["孙阿姨", "周大哥", "吴奶奶", "郑老师", "钱师傅", "冯姐", "何宝妈", "陈大爷", "林小妹", "黄叔"]

ROLE_LABELS = {"resident": "居民", "facilitator": "社工 · 群管理员", "staff": "社区工作人员"}


@dataclass
class Cast:
    facilitator: int
    staff: int
    residents: dict[str, int]  # name -> user id
    stairwell: int  # chat ids
    women: int
    staff_chat: int
    roles: dict[int, str] = field(default_factory=dict)  # user id -> "resident", "facilitator" or "staff"
    demo_groups: int = 0

    def role(self, user_id: int) -> str:
        return self.roles.get(user_id, "resident")

    def config_toml(self) -> str:
        """The [roles] table for the bot's config: who is staff, and the staff chat (gets the weekly digest)."""
        return f"[roles]\nstaff_users = [{self.staff}]\nstaff_chats = [{self.staff_chat}]\n"


def seed(server: BotApiServer) -> Cast:
    facilitator = server.add_user(FACILITATOR)["id"]
    staff = server.add_user(STAFF)["id"]
    residents = {name: server.add_user(name)["id"] for name in RESIDENTS}
    pin = {"bot_admin": True, "bot_can_pin": True}
    stairwell = server.create_group(
        STAIRWELL, members=[facilitator, *(residents[n] for n in STAIRWELL_RESIDENTS)], admins=[facilitator], **pin
    )["id"]
    women = server.create_group(
        WOMEN, members=[facilitator, *(residents[n] for n in WOMEN_RESIDENTS)], admins=[facilitator], **pin
    )["id"]
    staff_chat = server.create_group(STAFF_CHAT, members=[staff, facilitator], admins=[staff])["id"]
    roles = {facilitator: "facilitator", staff: "staff", **{uid: "resident" for uid in residents.values()}}
    for user_id in roles:
        server.private_chat(user_id)  # listed on the page; the user starts it (/start) on first opening
    return Cast(facilitator, staff, residents, stairwell, women, staff_chat, roles)


def add_resident(server: BotApiServer, cast: Cast, name: str, chat_id: int) -> dict:
    """A new neighbour joins a group (the service message "… 加入了群聊" is what the bot sees)."""
    user = server.add_user(name)
    cast.roles[user["id"]] = "resident"
    server.private_chat(user["id"])
    server.add_member(chat_id, user["id"])
    return user


def next_resident_name(server: BotApiServer) -> str:
    taken = {user["first_name"] for user in server.users.values()}
    for name in NEW_RESIDENT_NAMES:
        if name not in taken:
            return name
    return f"居民{len(server.users) + 1}"


def demo_group(server: BotApiServer, cast: Cast) -> int:
    """A fresh group for each demo, so that it never mixes with what people did in the seeded ones."""
    cast.demo_groups += 1
    members = [cast.facilitator, *(cast.residents[n] for n in STAIRWELL_RESIDENTS)]
    title = f"演示 · 永合社区 {4 + cast.demo_groups}幢1单元"
    return server.create_group(title, members=members, admins=[cast.facilitator], bot_admin=True,
                               bot_can_pin=True)["id"]
