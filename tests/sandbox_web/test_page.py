"""The chat page in real headless Chromium, against the real bot process: what a newcomer does with the sandbox."""

from __future__ import annotations

import time

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup

from sandbox.cast import STAFF_CHAT, STAIRWELL

from .conftest import PHONE

pytestmark = pytest.mark.asyncio(loop_scope="module")


async def test_a_whole_council_on_the_page(make_page, sandbox):
    """Facilitator opens a topic, two residents propose, one taps a ballot button, the tally edit appears live,
    the facilitator closes, and 【决议公示】 is pinned — all through the page, without a reload."""
    started = time.monotonic()
    chat = await make_page("desktop")
    page = chat.page
    await page.evaluate("window.__sameDocument = true")  # gone if the page ever reloads
    await chat.shot("01-start")
    assert await page.locator("#chat-title").text_content() == f"{STAIRWELL}(7)"
    assert await page.locator("#me-name").text_content() == "王社工"

    await chat.say("发起议题 楼道里堆放杂物怎么办\n楼梯转角堆了纸箱和旧家具，消防通道不畅。")
    card = await chat.wait_bubble("【议题】")
    assert await card.locator(".name").text_content() == "议事会助手"
    assert "</" not in await card.locator(".bubble").text_content()  # the bot's HTML arrives as text + entities

    await chat.act_as("张阿姨")
    await chat.say("建议：每月第一个周六，大家一起清理楼道")
    await chat.wait_bubble("已收到 #1")
    mine = chat.bubble("每月第一个周六").first
    assert "own" in await mine.get_attribute("class")  # her own message: green, on the right

    await chat.act_as("李姐")
    await chat.say("建议：请物业在一楼设一个临时存放点")
    await chat.wait_bubble("已收到 #2")
    await chat.shot("02-proposals")

    await chat.act_as("王社工")
    await chat.say("开始投票")
    ballot = await chat.wait_bubble("【投票】")
    assert await ballot.locator(".inline-button").count() == 2
    assert "— 0票" in await ballot.locator(".bubble").text_content()

    await chat.act_as("张阿姨")
    ballot = chat.bubble("【投票】").last
    await ballot.locator(".inline-button", has_text="#1").click()
    toast = page.locator("#toast")
    await toast.wait_for(state="visible", timeout=10_000)
    assert "已投 #1" in await toast.text_content()
    await chat.shot("03-toast")
    # The bot edits the tally a few seconds later (at most one edit per 5 s): it shows up in place, live.
    await page.wait_for_function(
        """() => [...document.querySelectorAll('#messages .msg')].some(m =>
              m.textContent.includes('【投票】') && m.textContent.includes('#1') && m.textContent.includes('— 1票')
              && m.textContent.includes('已编辑'))""",
        timeout=15_000)
    await chat.shot("04-tally-edited")

    await chat.act_as("王社工")
    await chat.say("结束投票")
    resolution = await chat.wait_bubble("【决议公示】")
    assert (await resolution.locator(".bubble strong").first.text_content()).startswith("结果：")  # <b> → entity
    pinned = page.locator("#pinned")
    await pinned.wait_for(state="visible", timeout=15_000)
    assert (await page.locator("#pinned-text").text_content()).startswith("【决议公示】")
    await page.locator("#messages .system", has_text="置顶了一条消息").wait_for(timeout=5_000)
    await chat.shot("05-resolution-pinned")

    assert await page.evaluate("window.__sameDocument === true"), "the page reloaded"
    assert chat.errors == []
    print(f"whole council on the page: {time.monotonic() - started:.1f} s")


async def test_phone_width_private_chat_new_resident_document_and_alert(make_page, sandbox):
    chat = await make_page("phone", PHONE)
    page = chat.page
    # At 375 px the chat list is its own screen, as on a phone.
    assert await page.locator(".list-pane").is_visible()
    assert not await page.locator(".chat-pane").is_visible()
    await chat.shot("01-chat-list")
    await page.click("#me")  # the switcher: everyone seeded, with their role
    people = await page.locator("#people .person-name").all_text_contents()
    assert people[:2] == ["王社工", "周主任"] and {"张阿姨", "李姐", "王大爷", "小陈宝妈"} <= set(people)
    await chat.shot("01-switcher")
    await page.keyboard.press("Escape")

    # The private chat with the bot: the person starts it on first opening, and the bot answers.
    await chat.act_as("赵奶奶")
    await page.locator("#chats .chat-item", has_text="点开，和机器人私聊").click()
    await chat.wait_bubble("您好！我是议事会助手")
    assert await page.locator("#messages .msg.own", has_text="/start").count() == 1
    await chat.shot("02-private-chat")
    await page.click("#back")
    assert await page.locator(".list-pane").is_visible()

    # A new resident joins the stairwell group and can speak there at once.
    await chat.act_as("王社工")
    await chat.open_chat(STAIRWELL)
    await page.click("#add-resident")
    await page.fill("#add-name", "孙阿姨")
    await page.click("#add-ok")
    await page.wait_for_function("() => document.querySelector('#me-name').textContent === '孙阿姨'")
    await page.locator("#messages .system", has_text="孙阿姨 加入了群聊").wait_for()
    assert (await page.locator("#chat-title").text_content()).endswith("(8)")
    await chat.say("大家好，我是新搬来的，住301")
    await chat.wait_bubble("新搬来的")
    await chat.shot("03-new-resident")

    # A document the bot sends (here: sent with the bot's token, as the weekly digest will) can be downloaded,
    # and a button the bot no longer knows gets its real "stale button" alert.
    await page.click("#back")
    await chat.act_as("周主任")
    await chat.open_chat(STAFF_CHAT)
    server = sandbox.server
    async with Bot(server.token, base_url=server.base_url) as bot:
        report = "分组,议题,建议\n永合社区 3幢2单元,1,2\n".encode()
        await bot.send_document(sandbox.cast.staff_chat, report, filename="每周议事简报.csv",
                                caption="<b>【每周议事简报】</b>测试附件", parse_mode="HTML",
                                reply_markup=InlineKeyboardMarkup([[InlineKeyboardButton("旧按钮", callback_data="x:1")]]))
    card = page.locator("#messages a.document", has_text="每周议事简报.csv")
    await card.wait_for(timeout=10_000)
    assert await page.locator("#messages .msg", has_text="测试附件").locator("strong").text_content() == "【每周议事简报】"
    async with page.expect_download() as download_info:
        await card.click()
    download = await download_info.value
    assert download.suggested_filename == "每周议事简报.csv"
    assert open(await download.path(), "rb").read() == report  # noqa: ASYNC230 - a small local file
    await page.locator("#messages .inline-button", has_text="旧按钮").click()
    await page.locator("#modal").wait_for(state="visible", timeout=10_000)
    assert "失效" in await page.locator("#modal-text").text_content()
    await chat.shot("04-document-and-alert")
    await page.click("#modal-ok")
    assert chat.errors == []


async def test_demo_button_plays_the_five_steps_live(make_page, sandbox):
    started = time.monotonic()
    chat = await make_page("demo")
    page = chat.page
    await chat.act_as("赵奶奶")  # not in the demo group: the page switches to someone who is
    await page.click("#demo")
    await page.wait_for_function("() => document.querySelector('#chat-title').textContent.startsWith('演示')",
                                 timeout=10_000)
    assert await page.locator("#me-name").text_content() == "王社工"
    assert not sandbox.server.chats[sandbox.cast.facilitator].started  # nobody wrote to the bot on his behalf
    await page.locator("#demo-caption", has_text="第2步").wait_for(timeout=20_000)
    await chat.shot("01-collecting")
    await page.locator("#demo-caption", has_text="演示结束").wait_for(timeout=60_000)
    texts = await page.locator("#messages .msg .bubble").all_text_contents()
    for header in ("【议题】", "【征集建议】", "【投票】", "【决议公示】"):
        assert any(t.startswith(header) for t in texts), (header, texts)
    assert (await page.locator("#pinned-text").text_content()).startswith("【决议公示】")
    await chat.shot("02-finished")
    group = next(c for c in sandbox.server.chats.values() if (c.title or "").startswith("演示"))
    bot_sends = sum(sandbox.server.count_calls(method, group.id)
                    for method in ("sendMessage", "editMessageText", "pinChatMessage"))
    assert bot_sends <= 19, f"the demo made the bot send {bot_sends} messages: more than it may in a minute"
    assert chat.errors == []
    print(f"demo (fast): {time.monotonic() - started:.1f} s, {bot_sends} bot messages")


async def test_text_is_never_html_and_entities_render_by_utf16_offsets(make_page, sandbox):
    chat = await make_page("entities")
    page = chat.page
    await chat.act_as("赵奶奶")
    await chat.open_chat("合女士议事团")
    sneaky = '<img src=x onerror="window.__xss=1"><b>不是粗体</b> & <script>window.__xss=2</script>'
    await chat.say(sneaky)
    bubble = (await chat.wait_bubble("不是粗体")).locator(".bubble")
    assert await bubble.text_content() == sneaky
    assert await bubble.locator("img, b, script").count() == 0
    assert await page.evaluate("window.__xss === undefined")
    # The renderer on its own: an emoji is two UTF-16 units, entities nest and may overlap, unsafe links are dropped.
    html = await page.evaluate("""() => {
        const box = document.createElement('div');
        box.append(richText('😀粗斜体 链接 坏链 /help', [
            {type: 'bold', offset: 2, length: 3}, {type: 'italic', offset: 3, length: 3},
            {type: 'text_link', offset: 6, length: 2, url: 'https://example.org/a?b=1'},
            {type: 'text_link', offset: 9, length: 2, url: 'javascript:alert(1)'},
            {type: 'bot_command', offset: 12, length: 5}]));
        return box.innerHTML;
    }""")
    assert html == ('😀<strong class="e-bold">粗<em class="e-italic">斜体</em></strong><em class="e-italic"> </em>'
                    '<a href="https://example.org/a?b=1" target="_blank" rel="noopener noreferrer">链接</a> '
                    '<span>坏链</span> <a class="e-command" href="#" title="点一下就发送">/help</a>')
    assert chat.errors == []
