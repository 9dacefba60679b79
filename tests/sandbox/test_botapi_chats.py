"""The Bot API stand-in through the real python-telegram-bot client: buttons, edits, pins, reactions,
flood limits, membership changes, and a whole PTB application."""

from __future__ import annotations

import asyncio

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest, ChatMigrated, Forbidden, RetryAfter
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes

from tests.sandbox.helpers import group_with, icase, ignore_retry_after_warning, keyboard, post, retry_seconds

# --- buttons and callback queries -------------------------------------------------------------------


async def test_press_button_only_for_offered_buttons(server, bot):
    chat, (alice,) = group_with(server, "Alice")
    sent = await bot.send_message(
        chat["id"],
        "是否加装电梯？",
        reply_markup=InlineKeyboardMarkup(
            [
                [
                    InlineKeyboardButton("赞成", callback_data="v:1:yes"),
                    InlineKeyboardButton("反对", callback_data="v:1:no"),
                ],
                [InlineKeyboardButton("说明", url="https://example.com")],
            ]
        ),
    )
    query_id = server.press_button(chat["id"], sent.message_id, alice["id"], text="反对")
    update = Update.de_json(server.updates[-1], bot)
    query = update.callback_query
    assert (query.id, query.data, query.from_user.id) == (query_id, "v:1:no", alice["id"])
    assert query.message.message_id == sent.message_id and query.message.text == "是否加装电梯？"
    assert query.chat_instance
    assert server.press_button(chat["id"], sent.message_id, alice["id"], data="v:1:yes")

    with pytest.raises(LookupError):
        server.press_button(chat["id"], sent.message_id, alice["id"], text="弃权")
    with pytest.raises(LookupError):
        server.press_button(chat["id"], sent.message_id, alice["id"], text="说明")  # a URL button
    await bot.edit_message_reply_markup(
        chat["id"], sent.message_id, reply_markup=keyboard(("已结束", "closed"))
    )
    with pytest.raises(LookupError):
        server.press_button(chat["id"], sent.message_id, alice["id"], text="赞成")  # no longer offered
    forged = server.forge_callback(chat["id"], sent.message_id, alice["id"], "v:1:yes;drop table")
    assert server.updates[-1]["callback_query"]["data"] == "v:1:yes;drop table"
    assert server.updates[-1]["callback_query"]["id"] == forged


async def test_answer_callback_query(make_server):
    server = await make_server(callback_timeout=0.3)
    chat, (alice,) = group_with(server, "Alice")
    async with Bot(server.token, base_url=server.base_url) as bot:
        sent = await bot.send_message(chat["id"], "投票", reply_markup=keyboard(("赞成", "yes")))
        query_id = server.press_button(chat["id"], sent.message_id, alice["id"], text="赞成")
        assert server.callback_answer(query_id) is None
        with pytest.raises(BadRequest, match=icase("message_too_long")):
            await bot.answer_callback_query(query_id, text="长" * 201)
        assert await bot.answer_callback_query(query_id, text="已记录您的投票", show_alert=True)
        answer = server.callback_answer(query_id)
        assert (answer["text"], answer["show_alert"]) == ("已记录您的投票", True)
        assert 0 <= answer["answered_at"] - answer["pressed_at"] < 0.3

        too_old = "(?i)query is too old and response timeout expired or query id is invalid"
        with pytest.raises(BadRequest, match=too_old):
            await bot.answer_callback_query(query_id)  # answered twice
        with pytest.raises(BadRequest, match=too_old):
            await bot.answer_callback_query("123")
        late = server.press_button(chat["id"], sent.message_id, alice["id"], text="赞成")
        await asyncio.sleep(0.35)
        with pytest.raises(BadRequest, match=too_old):
            await bot.answer_callback_query(late)


# --- editing, deleting, pinning, reactions ---------------------------------------------------------


async def test_edit_rules(server, bot):
    chat, (alice,) = group_with(server, "Alice")
    markup = keyboard(("赞成", "yes"))
    sent = await bot.send_message(chat["id"], "<b>投票中</b>", parse_mode="HTML", reply_markup=markup)
    with pytest.raises(BadRequest, match=icase("message is not modified")):
        await bot.edit_message_text(
            "<b>投票中</b>", chat["id"], sent.message_id, parse_mode="HTML", reply_markup=markup
        )
    with pytest.raises(BadRequest, match=icase("message is not modified")):
        await bot.edit_message_reply_markup(chat["id"], sent.message_id, reply_markup=markup)
    edited = await bot.edit_message_text(
        "投票中", chat["id"], sent.message_id, reply_markup=markup
    )  # formatting
    assert edited.edit_date is not None and edited.entities == ()

    closed = await bot.edit_message_text(
        "投票结束", chat["id"], sent.message_id
    )  # no markup: keyboard removed
    assert closed.reply_markup is None
    current = server.bot_messages(chat["id"])[0]
    assert (current["text"], current["_edits"], "reply_markup" in current) == ("投票结束", 2, False)

    user_message = server.send_message(chat["id"], alice["id"], "我的消息")
    with pytest.raises(BadRequest, match=icase("message can't be edited")):
        await bot.edit_message_text("改掉", chat["id"], user_message["message_id"])
    with pytest.raises(BadRequest, match=icase("message to edit not found")):
        await bot.edit_message_text("改掉", chat["id"], 9999)


async def test_delete_rules(server, bot):
    chat, (alice,) = group_with(server, "Alice")
    own = await bot.send_message(chat["id"], "临时消息")
    assert await bot.delete_message(chat["id"], own.message_id)
    assert server.bot_messages(chat["id"])[0]["_deleted"] is True
    with pytest.raises(BadRequest, match=icase("message to delete not found")):
        await bot.delete_message(chat["id"], own.message_id)
    with pytest.raises(BadRequest, match=icase("message to edit not found")):
        await bot.edit_message_text("x", chat["id"], own.message_id)
    theirs = server.send_message(chat["id"], alice["id"], "广告")
    with pytest.raises(BadRequest, match=icase("message can't be deleted")):
        await bot.delete_message(chat["id"], theirs["message_id"])
    server.set_bot_rights(chat["id"], admin=True)
    assert await bot.delete_message(chat["id"], theirs["message_id"])


async def test_pin_needs_rights(server, bot):
    chat, (alice,) = group_with(server, "Alice")
    sent = await bot.send_message(chat["id"], "议事规则")
    with pytest.raises(BadRequest, match=icase("not enough rights to manage pinned messages in the chat")):
        await bot.pin_chat_message(chat["id"], sent.message_id)
    server.set_bot_rights(chat["id"], admin=True, can_pin_messages=False)
    with pytest.raises(BadRequest, match=icase("not enough rights")):
        await bot.pin_chat_message(chat["id"], sent.message_id)
    assert server.pinned_message(chat["id"]) is None

    server.set_bot_rights(chat["id"], admin=True, can_pin_messages=True)
    assert await bot.pin_chat_message(chat["id"], sent.message_id, disable_notification=True)
    assert server.pinned_message(chat["id"])["text"] == "议事规则"
    assert (await bot.get_chat(chat["id"])).pinned_message.message_id == sent.message_id
    assert server.chat_history(chat["id"])[-1]["pinned_message"]["message_id"] == sent.message_id
    assert await bot.unpin_chat_message(chat["id"])
    assert server.pinned_message(chat["id"]) is None

    server.send_message(alice["id"], alice["id"], "/start")
    private = await bot.send_message(alice["id"], "私聊置顶")
    assert await bot.pin_chat_message(alice["id"], private.message_id)  # no rights needed in private chats


async def test_reactions(server, bot):
    chat, (alice,) = group_with(server, "Alice")
    message = server.send_message(chat["id"], alice["id"], "我同意")
    assert await bot.set_message_reaction(chat["id"], message["message_id"], "👍")
    assert server.reactions(chat["id"], message["message_id"]) == [{"type": "emoji", "emoji": "👍"}]
    with pytest.raises(BadRequest, match=icase("reaction_invalid")):
        await bot.set_message_reaction(chat["id"], message["message_id"], "🦆")
    with pytest.raises(BadRequest, match=icase("reactions_too_many")):
        await bot.set_message_reaction(chat["id"], message["message_id"], ["👍", "🔥"])
    assert await bot.set_message_reaction(chat["id"], message["message_id"], [])
    assert server.reactions(chat["id"], message["message_id"]) == []


# --- rate limits ----------------------------------------------------------------------------------------


@ignore_retry_after_warning
async def test_group_rate_limit(make_server):
    server = await make_server(group_messages_per_minute=3)
    chat, (alice,) = group_with(server, "Alice")
    other = server.create_group("另一个群", [alice["id"]], [alice["id"]])
    async with Bot(server.token, base_url=server.base_url) as bot:
        first = await bot.send_message(chat["id"], "1")
        await bot.send_message(chat["id"], "2")
        await bot.edit_message_text("1 改", chat["id"], first.message_id)  # edits count too
        with pytest.raises(RetryAfter) as caught:
            await bot.send_message(chat["id"], "4")
        assert 55 <= retry_seconds(caught.value) <= 60
        assert await bot.send_message(other["id"], "另一个群不受影响")
        await bot.send_chat_action(chat["id"], "typing")  # not a message
    assert [m["text"] for m in server.bot_messages(chat["id"])] == ["1 改", "2"]

    raw = await post(server, "sendMessage", data={"chat_id": str(chat["id"]), "text": "5"})
    body = raw.json()
    assert raw.status_code == 429
    assert body["description"] == f"Too Many Requests: retry after {body['parameters']['retry_after']}"
    assert body["error_code"] == 429 and body["ok"] is False
    assert server.count_calls("sendMessage", chat_id=chat["id"], ok=False) == 2


@ignore_retry_after_warning
async def test_global_rate_limit(make_server):
    server = await make_server(global_messages_per_second=3)
    users = [server.add_user(f"用户{n}") for n in range(4)]
    for user in users:
        server.send_message(user["id"], user["id"], "/start")
    async with Bot(server.token, base_url=server.base_url) as bot:
        for user in users[:3]:
            await bot.send_message(user["id"], "通知")
        with pytest.raises(RetryAfter) as caught:
            await bot.send_message(users[3]["id"], "通知")
        assert retry_seconds(caught.value) == 1
        await asyncio.sleep(1.05)
        assert await bot.send_message(users[3]["id"], "通知")


# --- membership changes ------------------------------------------------------------------------------


async def test_bot_added_to_group_updates(server, bot):
    alice = server.add_user("Alice")
    chat = server.create_group("新群", [alice["id"]], [alice["id"]], bot_admin=True, bot_can_pin=True)
    joined, created = await bot.get_updates()
    member = joined.my_chat_member
    assert (member.old_chat_member.status, member.new_chat_member.status) == ("left", "administrator")
    assert member.new_chat_member.can_pin_messages is True and member.from_user.id == alice["id"]
    assert created.message.group_chat_created and created.message.chat.id == chat["id"]
    admins = await bot.get_chat_administrators(chat["id"])
    assert [(a.status, a.user.id) for a in admins] == [("creator", alice["id"]), ("administrator", 123456)]
    assert await bot.get_chat_member_count(chat["id"]) == 2
    assert (await bot.get_chat_member(chat["id"], alice["id"])).status == "creator"


async def test_bot_added_to_an_existing_group(server, bot):
    alice = server.add_user("Alice")
    chat = server.create_group("老群", [alice["id"]], [alice["id"]], add_bot=False)
    assert server.updates == []
    with pytest.raises(BadRequest, match=icase("chat not found")):
        await bot.send_message(chat["id"], "你好")
    server.add_bot(chat["id"], admin=True)
    joined, service = await bot.get_updates()
    assert joined.my_chat_member.new_chat_member.status == "administrator"
    assert service.message.new_chat_members[0].id == 123456
    assert await bot.send_message(chat["id"], "大家好")


async def test_migrate_group_to_supergroup(server, bot):
    chat, (alice,) = group_with(server, "Alice")
    new_id = server.migrate_group(chat["id"])
    assert str(new_id).startswith("-100") and len(str(new_id)) == 14
    old_side, new_side = await bot.get_updates()
    assert old_side.message.chat.id == chat["id"] and old_side.message.migrate_to_chat_id == new_id
    assert new_side.message.chat.id == new_id and new_side.message.migrate_from_chat_id == chat["id"]
    assert new_side.message.chat.type == "supergroup"
    assert new_side.message.message_id == 1  # a supergroup numbers its messages itself

    with pytest.raises(ChatMigrated) as caught:
        await bot.send_message(chat["id"], "旧群")
    assert caught.value.new_chat_id == new_id
    raw = (await post(server, "getChat", data={"chat_id": str(chat["id"])})).json()
    assert raw["description"] == "Bad Request: group chat was upgraded to a supergroup chat"
    assert raw["parameters"] == {"migrate_to_chat_id": new_id}
    assert (await bot.send_message(new_id, "新群")).chat.type == "supergroup"
    with pytest.raises(ValueError):
        server.send_message(chat["id"], alice["id"], "旧群说话")
    assert server.send_message(new_id, alice["id"], "新群说话")["chat"]["id"] == new_id


async def test_chat_queries_actions_and_leaving(server, bot):
    chat, _ = group_with(server, "Alice")
    outsider = server.add_user("Outsider", last_name="王")
    info = await bot.get_chat(chat["id"])
    assert (info.type, info.title, info.permissions.can_send_messages) == ("group", "幸福里3号楼议事会", True)
    private = await bot.get_chat(outsider["id"])  # readable, though the bot may not write there yet
    assert (private.type, private.first_name, private.last_name) == ("private", "Outsider", "王")
    assert (await bot.get_chat_member(chat["id"], outsider["id"])).status == "left"
    assert (await bot.get_chat_member(chat["id"], 123456)).status == "member"
    with pytest.raises(BadRequest, match=icase("user not found")):
        await bot.get_chat_member(chat["id"], 42)
    assert await bot.send_chat_action(chat["id"], "typing")
    with pytest.raises(BadRequest, match=icase("wrong parameter action in request")):
        await bot.send_chat_action(chat["id"], "dancing")

    assert await bot.leave_chat(chat["id"])
    (update,) = await bot.get_updates()
    left = update.my_chat_member
    assert (left.new_chat_member.status, left.from_user.id) == ("left", 123456)
    with pytest.raises(Forbidden, match="bot is not a member of the group chat"):
        await bot.send_message(chat["id"], "还在吗")


@pytest.mark.parametrize(
    ("supergroup", "kicked", "error"),
    [
        (False, True, "bot was kicked from the group chat"),
        (True, True, "bot was kicked from the supergroup chat"),
        (False, False, "bot is not a member of the group chat"),
    ],
)
async def test_removed_bot_is_forbidden(server, bot, supergroup, kicked, error):
    chat, _ = group_with(server, "Alice", supergroup=supergroup)
    server.remove_bot(chat["id"], kicked=kicked)
    (update,) = await bot.get_updates()
    assert update.my_chat_member.new_chat_member.status == ("kicked" if kicked else "left")
    with pytest.raises(Forbidden, match=error):
        await bot.send_message(chat["id"], "还在吗")


async def test_private_chats_need_the_user_to_start_the_bot(server, bot):
    alice = server.add_user("Alice", username="alice")
    assert server.private_chat(alice["id"]) == {
        "id": alice["id"],
        "first_name": "Alice",
        "username": "alice",
        "type": "private",
    }
    with pytest.raises(Forbidden, match="bot can't initiate conversation with a user"):
        await bot.send_message(alice["id"], "你好")
    server.send_message(alice["id"], alice["id"], "/start")
    assert (await bot.send_message(alice["id"], "你好")).chat.type == "private"
    server.block_bot(alice["id"])
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(alice["id"], "你好")
    with pytest.raises(BadRequest, match=icase("chat not found")):
        await bot.send_message(-999, "nobody")


# --- a whole PTB application against the stand-in --------------------------------------------------


async def test_ptb_application_end_to_end(server):
    chat, (alice, bob) = group_with(server, "Alice", "Bob")

    async def vote(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.effective_chat.send_message(
            f"<b>{' '.join(context.args)}</b>：请投票",
            parse_mode="HTML",
            reply_markup=keyboard(("赞成", "yes")),
        )

    async def pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        await query.answer("已记录")
        await query.edit_message_text(f"{query.message.text}\n{query.from_user.first_name} 赞成")

    app = Application.builder().token(server.token).base_url(server.base_url).build()
    app.add_handler(CommandHandler("vote", vote))
    app.add_handler(CallbackQueryHandler(pressed))
    server.send_message(chat["id"], alice["id"], "/vote 过期的命令")  # dropped when polling starts
    async with app:
        await app.start()
        await app.updater.start_polling(poll_interval=0, timeout=1, drop_pending_updates=True)
        try:
            server.send_message(chat["id"], alice["id"], "/vote 加装电梯")
            ballot = await server.wait_for_bot_message(chat["id"], "请投票", timeout=5)
            assert ballot["text"] == "加装电梯：请投票" and ballot["entities"][0]["type"] == "bold"
            query_id = server.press_button(chat["id"], ballot["message_id"], bob["id"], text="赞成")
            await server.wait_for(lambda: server.callback_answer(query_id), timeout=5)
            edited = await server.wait_for_bot_message(chat["id"], "Bob 赞成", timeout=5)
            assert edited["message_id"] == ballot["message_id"] and edited["_edits"] == 1
            assert "reply_markup" not in edited
            assert server.callback_answer(query_id)["text"] == "已记录"
        finally:
            await app.updater.stop()
            await app.stop()
    assert len(server.bot_messages(chat["id"])) == 1
    with pytest.raises(asyncio.TimeoutError, match="no bot message containing"):
        await server.wait_for_bot_message(chat["id"], "不存在", timeout=0.1)
