"""The Bot API stand-in through the real python-telegram-bot client: updates, users' messages,
formatting, spec validation, documents and commands (raw HTTP where the exact shape matters)."""

from __future__ import annotations

import asyncio
import time

import httpx
import pytest
from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeAllGroupChats,
    BotCommandScopeChat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Update,
)
from telegram.error import BadRequest, Conflict, InvalidToken
from telegram.ext import CommandHandler, filters

from tests.sandbox.helpers import group_with, icase, keyboard, post

# --- basics ---------------------------------------------------------------------------------------


async def test_get_me_and_privacy_flag(server, bot):
    me = await bot.get_me()
    assert (me.id, me.username, me.first_name, me.is_bot) == (123456, "council_test_bot", "议事会助手", True)
    assert me.can_read_all_group_messages is True
    server.set_privacy(False)
    assert (await bot.get_me()).can_read_all_group_messages is False


async def test_raw_response_shape_wrong_token_and_unknown_method(server):
    ok = await post(server, "getMe")
    assert ok.status_code == 200
    assert ok.json()["ok"] is True and ok.json()["result"]["username"] == "council_test_bot"

    async with httpx.AsyncClient() as client:
        wrong = await client.get(f"{server.base_url}654321:WRONG/getMe")
    assert wrong.status_code == 401
    assert wrong.json() == {"ok": False, "error_code": 401, "description": "Unauthorized"}

    unknown = await post(server, "sendTelepathy", data={"chat_id": "1"})
    assert unknown.status_code == 404 and unknown.json()["ok"] is False
    assert unknown.json()["description"].startswith("Not Found")

    with pytest.raises(InvalidToken):
        async with Bot("654321:WRONG", base_url=server.base_url):
            pass


async def test_json_get_and_form_bodies_are_all_accepted(server):
    alice = server.add_user("Alice")
    server.send_message(alice["id"], alice["id"], "/start")
    markup = {"inline_keyboard": [[{"text": "a", "callback_data": "1"}]]}
    as_json = await post(
        server, "sendMessage", json={"chat_id": alice["id"], "text": "json", "reply_markup": markup}
    )
    as_form = await post(server, "sendMessage", data={"chat_id": str(alice["id"]), "text": "form"})
    async with httpx.AsyncClient() as client:
        as_query = await client.get(
            f"{server.base_url}{server.token}/sendMessage", params={"chat_id": alice["id"], "text": "query"}
        )
    assert [r.json()["result"]["text"] for r in (as_json, as_form, as_query)] == ["json", "form", "query"]
    assert as_json.json()["result"]["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "1"
    assert server.count_calls("sendMessage", chat_id=alice["id"], ok=True) == 3


# --- getUpdates -------------------------------------------------------------------------------------


async def test_get_updates_offset_semantics(server, bot):
    alice = server.add_user("Alice")
    for n in range(3):
        server.send_message(alice["id"], alice["id"], f"消息{n}")
    first = await bot.get_updates()
    assert [u.message.text for u in first] == ["消息0", "消息1", "消息2"]
    assert [u.update_id for u in await bot.get_updates()] == [u.update_id for u in first]  # not confirmed yet

    assert await bot.get_updates(offset=first[1].update_id + 1) == (first[2],)
    assert await bot.get_updates(offset=first[-1].update_id + 1) == ()

    for n in range(3, 6):
        server.send_message(alice["id"], alice["id"], f"消息{n}")
    last = await bot.get_updates(offset=-1)
    assert [u.message.text for u in last] == ["消息5"]
    assert [u.message.text for u in await bot.get_updates()] == ["消息5"]  # the earlier ones are forgotten
    assert [u.message.text for u in await bot.get_updates(limit=1)] == ["消息5"]


async def test_long_poll_returns_early_and_times_out_empty(server, bot):
    alice = server.add_user("Alice")
    started = time.monotonic()
    assert await bot.get_updates(timeout=1) == ()
    assert time.monotonic() - started >= 0.9

    poll = asyncio.create_task(bot.get_updates(timeout=5))
    await asyncio.sleep(0.2)
    server.send_message(alice["id"], alice["id"], "在吗")
    started = time.monotonic()
    updates = await asyncio.wait_for(poll, 2)
    assert time.monotonic() - started < 1
    assert updates[0].message.text == "在吗"


async def test_second_poller_terminates_the_first_with_409(server, bot):
    first = asyncio.create_task(bot.get_updates(timeout=3))
    await asyncio.sleep(0.2)
    async with Bot(server.token, base_url=server.base_url) as second_instance:
        assert await second_instance.get_updates(timeout=0) == ()
    with pytest.raises(Conflict, match="terminated by other getUpdates"):
        await asyncio.wait_for(first, 2)


async def test_allowed_updates_are_remembered(server, bot):
    chat, (alice,) = group_with(server, "Alice")
    await bot.get_updates(allowed_updates=["callback_query"])
    server.send_message(chat["id"], alice["id"], "不会送达")
    sent = await bot.send_message(chat["id"], "投票", reply_markup=keyboard(("赞成", "yes")))
    server.press_button(chat["id"], sent.message_id, alice["id"], text="赞成")
    updates = await bot.get_updates()  # allowed_updates not given: the previous setting holds
    assert [u.callback_query.data for u in updates] == ["yes"]
    assert all(u.message is None for u in updates)


# --- users' messages ---------------------------------------------------------------------------


async def test_user_command_gets_an_entity_ptb_handlers_accept(server, bot):
    chat, (alice,) = group_with(server, "Alice")
    server.send_message(chat["id"], alice["id"], "/vote@council_test_bot 明天装电梯吗")
    server.send_message(chat["id"], alice["id"], "😀 /help")
    server.send_message(chat["id"], alice["id"], "/投票 不是命令")
    one, two, three = [Update.de_json(u, bot) for u in server.updates]

    entity = one.message.entities[0]
    assert (entity.type, entity.offset, entity.length) == ("bot_command", 0, len("/vote@council_test_bot"))
    assert filters.COMMAND.check_update(one)
    handler = CommandHandler("vote", lambda u, c: None)
    assert handler.check_update(one)
    assert not CommandHandler("help", lambda u, c: None).check_update(two)  # not at the start
    assert two.message.entities[0].offset == 3  # 😀 is two UTF-16 code units
    assert not filters.COMMAND.check_update(three) and not three.message.entities


async def test_privacy_mode_delivery(make_server):
    server = await make_server(can_read_all_group_messages=False)
    chat, (alice, bob) = group_with(server, "Alice", "Bob")
    async with Bot(server.token, base_url=server.base_url) as bot:
        bot_message = await bot.send_message(chat["id"], "请投票")
    texts = ["大家好", "/vote 电梯", "/vote@other_bot", "hi @council_test_bot 在吗", "回复机器人"]
    for text in texts[:-1]:
        server.send_message(chat["id"], alice["id"], text)
    server.send_message(chat["id"], bob["id"], texts[-1], reply_to_message_id=bot_message.message_id)
    delivered = [u["message"]["text"] for u in server.updates]
    assert delivered == ["/vote 电梯", "hi @council_test_bot 在吗", "回复机器人"]
    assert [
        m["text"] for m in server.chat_history(chat["id"])[2:]
    ] == texts  # everything is still in the chat

    server.updates.clear()
    server.set_bot_rights(chat["id"], admin=True)  # admins see everything
    server.updates.clear()
    server.send_message(chat["id"], alice["id"], "普通消息")
    assert [u["message"]["text"] for u in server.updates] == ["普通消息"]

    server.send_message(alice["id"], alice["id"], "私聊")  # private chats always
    assert server.updates[-1]["message"]["text"] == "私聊"


async def test_users_must_be_members(server):
    chat, (alice,) = group_with(server, "Alice")
    outsider = server.add_user("Outsider")
    with pytest.raises(ValueError):
        server.send_message(chat["id"], outsider["id"], "我不是成员")
    no_bot = server.create_group("没有机器人的群", [alice["id"]], add_bot=False)
    with pytest.raises(ValueError):
        server.send_message(no_bot["id"], alice["id"], "hello")
    server.add_member(chat["id"], outsider["id"])
    assert server.updates[-1]["message"]["new_chat_members"][0]["id"] == outsider["id"]
    assert server.send_message(chat["id"], outsider["id"], "现在可以了")["text"] == "现在可以了"


# --- sending and formatting ---------------------------------------------------------------------


async def test_html_becomes_plain_text_and_utf16_entities(server, bot):
    chat, _ = group_with(server, "Alice")
    html = (
        "<b>议题</b>：😀<i>加装电梯</i> <u>下</u><s>删</s> <code>x&lt;1</code> "
        '<a href="https://example.com/vote?id=1&amp;x=2">详情</a>\n<blockquote>引用</blockquote>'
        '<pre><code class="language-python">print(1)</code></pre>'
    )
    sent = await bot.send_message(chat["id"], html, parse_mode="HTML")
    assert sent.text == "议题：😀加装电梯 下删 x<1 详情\n引用print(1)"
    found = {(e.type, text) for e, text in sent.parse_entities().items()}
    assert found == {
        ("bold", "议题"),
        ("italic", "加装电梯"),
        ("underline", "下"),
        ("strikethrough", "删"),
        ("code", "x<1"),
        ("text_link", "详情"),
        ("blockquote", "引用"),
        ("pre", "print(1)"),
    }
    by_type = {e.type: e for e in sent.entities}
    assert by_type["italic"].offset == 5  # 议题：😀 = 3 + 2 UTF-16 units
    assert by_type["text_link"].url == "https://example.com/vote?id=1&x=2"
    assert by_type["pre"].language == "python"
    stored = server.bot_messages(chat["id"])[0]
    assert stored["text"] == sent.text and stored["_edits"] == 0 and stored["_deleted"] is False


@pytest.mark.parametrize(
    "html",
    [
        "a < b",
        "<b>粗体",
        "<b>x</i>",
        "多余</b>",
        "<div>x</div>",
        "<span>x</span>",
        "A & B",
        "&nbsp;",
        '<a href="x>y</a>',
    ],
)
async def test_malformed_html_is_rejected(server, bot, html):
    chat, _ = group_with(server, "Alice")
    with pytest.raises(BadRequest, match=icase("can't parse entities")):
        await bot.send_message(chat["id"], html, parse_mode="HTML")
    assert server.bot_messages(chat["id"]) == []


async def test_markdown_v2_rules(server, bot):
    chat, _ = group_with(server, "Alice")
    sent = await bot.send_message(chat["id"], "*粗体* 第1\\.5条", parse_mode="MarkdownV2")
    assert sent.text == "粗体 第1.5条" and sent.entities[0].type == "bold"
    with pytest.raises(BadRequest, match=icase("character '.' is reserved")):
        await bot.send_message(chat["id"], "第1.5条", parse_mode="MarkdownV2")
    with pytest.raises(BadRequest, match=icase("unsupported parse_mode")):
        await bot.send_message(chat["id"], "x", parse_mode="BBCode")


async def test_text_length_limits(server, bot):
    chat, _ = group_with(server, "Alice")
    assert len((await bot.send_message(chat["id"], "议" * 4096)).text) == 4096
    assert await bot.send_message(
        chat["id"], "<b>" + "议" * 4096 + "</b>", parse_mode="HTML"
    )  # counted after parsing
    with pytest.raises(BadRequest, match=icase("message is too long")):
        await bot.send_message(chat["id"], "议" * 4097)
    with pytest.raises(BadRequest, match=icase("message is too long")):
        await bot.send_message(chat["id"], "😀" * 2049)  # 4098 UTF-16 code units
    for empty in ("   \n", "<b></b>"):
        with pytest.raises(BadRequest, match=icase("message text is empty")):
            await bot.send_message(chat["id"], empty, parse_mode="HTML")
    trimmed = await bot.send_message(chat["id"], "\n  <b>有空白</b>  \n", parse_mode="HTML")
    assert trimmed.text == "有空白" and trimmed.entities[0].offset == 0
    assert len(server.bot_messages(chat["id"])) == 3


async def test_inline_keyboard_rules(server, bot):
    chat, _ = group_with(server, "Alice")
    assert len("同意加装电梯的请点这里投上宝贵的一票吧".encode()) <= 64
    await bot.send_message(chat["id"], "ok", reply_markup=keyboard(("赞成", "赞" * 21)))  # 63 bytes
    bad_markups = {
        "BUTTON_DATA_INVALID": keyboard(("赞成", "赞" * 22)),  # 66 bytes
        "Text buttons are unallowed": InlineKeyboardMarkup([[InlineKeyboardButton("只有文字")]]),
        "reply markup is too long": InlineKeyboardMarkup(
            [[InlineKeyboardButton(str(n), callback_data=str(n))] for n in range(101)]
        ),
    }
    for error, markup in bad_markups.items():
        with pytest.raises(BadRequest, match=icase(error)):
            await bot.send_message(chat["id"], "投票", reply_markup=markup)
    raw = await post(
        server,
        "sendMessage",
        json={
            "chat_id": chat["id"],
            "text": "x",
            "reply_markup": {
                "inline_keyboard": [[{"text": "两种", "callback_data": "a", "url": "https://example.com"}]]
            },
        },
    )
    assert raw.status_code == 400 and "exactly one" in raw.json()["description"]
    assert len(server.bot_messages(chat["id"])) == 1


async def test_reply_to_messages(server, bot):
    chat, (alice,) = group_with(server, "Alice")
    question = server.send_message(chat["id"], alice["id"], "什么时候开会？")
    answer = await bot.send_message(chat["id"], "周六上午", reply_to_message_id=question["message_id"])
    assert answer.reply_to_message.text == "什么时候开会？"
    assert answer.reply_to_message.from_user.id == alice["id"]
    with pytest.raises(BadRequest, match=icase("message to be replied not found")):
        await bot.send_message(chat["id"], "x", reply_to_message_id=9999)
    reply = server.send_message(chat["id"], alice["id"], "好的", reply_to_message_id=answer.message_id)
    assert (
        reply["reply_to_message"]["text"] == "周六上午"
        and "reply_to_message" not in reply["reply_to_message"]
    )


# --- spec validation ------------------------------------------------------------------------------------


async def test_spec_rejects_unknown_and_missing_parameters(server, bot, spec):
    chat, _ = group_with(server, "Alice")
    typo = await post(server, "sendMessage", data={"chat_id": str(chat["id"]), "txt": "hello"})
    assert typo.status_code == 400
    assert typo.json()["description"] == "Bad Request: unknown parameter txt"
    missing = await post(server, "sendMessage", data={"chat_id": str(chat["id"])})
    assert missing.json()["description"] == "Bad Request: text is required"
    wrong_type = await post(server, "deleteMessage", data={"chat_id": str(chat["id"]), "message_id": "abc"})
    assert wrong_type.status_code == 400 and "message_id" in wrong_type.json()["description"]
    nested = await post(
        server,
        "sendMessage",
        json={
            "chat_id": chat["id"],
            "text": "x",
            "reply_markup": {"inline_keyboard": [[{"text": "a", "callback_dat": "x"}]]},
        },
    )
    assert 'unknown field "callback_dat"' in nested.json()["description"]
    not_a_method = await post(server, "sendMesage", data={"chat_id": "1"})
    assert not_a_method.status_code == 404
    assert (await post(server, "SENDMESSAGE", data={"chat_id": str(chat["id"]), "text": "ok"})).json()["ok"]

    with pytest.raises(BadRequest, match=icase("unknown parameter disable_web_page_previews")):
        await bot.send_message(chat["id"], "x", api_kwargs={"disable_web_page_previews": True})


async def test_without_spec_unknown_parameters_pass(make_server):
    server = await make_server(api_spec_path=None)
    assert server.spec is None
    chat, _ = group_with(server, "Alice")
    lax = await post(server, "sendMessage", data={"chat_id": str(chat["id"]), "text": "hi", "foo": "1"})
    assert lax.json()["ok"] is True
    async with Bot(server.token, base_url=server.base_url) as bot:
        sent = await bot.send_message(
            chat["id"], "<b>ok</b>", parse_mode="HTML", reply_markup=keyboard(("a", "b"))
        )
        assert (
            sent.entities[0].type == "bold" and sent.reply_markup.inline_keyboard[0][0].callback_data == "b"
        )


async def test_responses_match_the_spec(server, bot, spec):
    chat, (alice,) = group_with(server, "Alice", bot_admin=True, bot_can_pin=True)
    server.create_group("群", [alice["id"]], [alice["id"]], supergroup=True)
    server.send_message(chat["id"], alice["id"], "/vote 电梯")
    sent = await post(
        server,
        "sendMessage",
        json={
            "chat_id": chat["id"],
            "text": "<b>投票</b>",
            "parse_mode": "HTML",
            "reply_markup": {"inline_keyboard": [[{"text": "赞成", "callback_data": "yes"}]]},
        },
    )
    message = sent.json()["result"]
    server.press_button(chat["id"], message["message_id"], alice["id"], text="赞成")
    server.migrate_group(chat["id"])
    checks = [("User", (await post(server, "getMe")).json()["result"]), ("Message", message)]
    checks += [("Update", u) for u in server.updates]
    new_id = server.updates[-1]["message"]["chat"]["id"]
    checks.append(
        ("ChatFullInfo", (await post(server, "getChat", data={"chat_id": str(new_id)})).json()["result"])
    )
    for member in (await post(server, "getChatAdministrators", data={"chat_id": str(new_id)})).json()[
        "result"
    ]:
        checks.append(("ChatMember", member))
    doc = await post(
        server, "sendDocument", data={"chat_id": str(new_id)}, files={"document": ("a.txt", b"x")}
    )
    checks.append(("Message", doc.json()["result"]))
    assert len(checks) > 8
    for type_name, value in checks:
        assert spec.check(type_name, value) is None, (type_name, value)


# --- documents and commands --------------------------------------------------------------------------


async def test_send_document_round_trip(server, bot):
    chat, _ = group_with(server, "Alice")
    content = "姓名,意见\n张三,赞成\n".encode()
    sent = await bot.send_document(
        chat["id"], document=content, filename="投票结果.csv", caption="<b>投票结果</b>", parse_mode="HTML"
    )
    assert sent.document.file_name == "投票结果.csv" and sent.document.file_size == len(content)
    assert sent.caption == "投票结果" and sent.caption_entities[0].type == "bold"
    (received,) = server.documents
    assert (received["bytes"], received["filename"], received["chat_id"]) == (
        content,
        "投票结果.csv",
        chat["id"],
    )
    assert received["message_id"] == sent.message_id and received["caption"] == "投票结果"

    again = await bot.send_document(chat["id"], document=sent.document.file_id)
    assert again.document.file_unique_id == sent.document.file_unique_id
    with pytest.raises(BadRequest, match=icase("file must be non-empty")):
        await bot.send_document(chat["id"], document=b"", filename="empty.txt")
    with pytest.raises(BadRequest, match=icase("wrong file identifier")):
        await bot.send_document(chat["id"], document="no-such-file-id")


async def test_set_my_commands_per_scope(server, bot):
    chat, _ = group_with(server, "Alice")
    assert await bot.set_my_commands([BotCommand("start", "开始"), BotCommand("help", "帮助")])
    assert await bot.set_my_commands([BotCommand("vote", "发起投票")], scope=BotCommandScopeAllGroupChats())
    assert await bot.set_my_commands([BotCommand("close", "结束投票")], scope=BotCommandScopeChat(chat["id"]))
    assert await bot.set_my_commands([BotCommand("start", "Start")], language_code="en")
    assert [c.command for c in await bot.get_my_commands()] == ["start", "help"]
    assert [c.command for c in await bot.get_my_commands(scope=BotCommandScopeChat(chat["id"]))] == ["close"]
    assert set(server.commands) == {"default", "all_group_chats", f"chat:{chat['id']}", "default|en"}
    assert server.commands["all_group_chats"] == [{"command": "vote", "description": "发起投票"}]

    invalid = [
        (BotCommand("Vote", "x"), "BOT_COMMAND_INVALID"),
        (BotCommand("a" * 33, "x"), "BOT_COMMAND_INVALID"),
        (BotCommand("vote", "长" * 257), "BOT_COMMAND_DESCRIPTION_INVALID"),
    ]
    for bad, error in invalid:
        with pytest.raises(BadRequest, match=icase(error)):
            await bot.set_my_commands([bad])
    assert await bot.delete_my_commands(scope=BotCommandScopeAllGroupChats())
    assert await bot.get_my_commands(scope=BotCommandScopeAllGroupChats()) == ()
