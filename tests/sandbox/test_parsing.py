"""The stand-in's building blocks on their own: parsers, automatic entities, limits, parameters."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from sandbox.errors import ApiError
from sandbox.html import HtmlError, parse_html
from sandbox.limits import RateLimiter
from sandbox.markdown import MarkdownError, parse_markdown, parse_markdown_v2
from sandbox.text import find_auto_entities, strip_text, utf16_len
from sandbox.validate import FileUpload, load_spec, prepare_params

REPO = Path(__file__).resolve().parents[2]


def covered(text: str, entity: dict) -> str:
    units = text.encode("utf-16-le")
    return units[entity["offset"] * 2 : (entity["offset"] + entity["length"]) * 2].decode("utf-16-le")


# --- HTML -------------------------------------------------------------------------------------------


def test_html_nesting_and_utf16_offsets():
    text, entities = parse_html("𝐀<b>粗<i>斜😀</i></b>&#x1F600;&quot;<tg-spoiler>秘</tg-spoiler>")
    assert text == '𝐀粗斜😀😀"秘'
    assert [(e["type"], covered(text, e)) for e in entities] == [
        ("bold", "粗斜😀"),
        ("italic", "斜😀"),
        ("spoiler", "秘"),
    ]
    assert entities[0]["offset"] == 2  # 𝐀 is outside the BMP


def test_html_links_spans_and_blockquotes():
    text, entities = parse_html(
        '<a href="tg://user?id=42">张三</a> <a href="example.com">站</a> <a href="javascript:x">坏</a> '
        '<span class="tg-spoiler">剧透</span> <blockquote expandable>长引用</blockquote> <pre>raw</pre>'
    )
    kinds = {e["type"]: e for e in entities}
    assert kinds["text_mention"]["user"]["id"] == 42
    assert kinds["text_link"]["url"] == "http://example.com/"
    assert [e["type"] for e in entities].count("text_link") == 1  # an invalid link is dropped
    assert covered(text, kinds["spoiler"]) == "剧透"
    assert covered(text, kinds["expandable_blockquote"]) == "长引用"
    assert "language" not in kinds["pre"]


@pytest.mark.parametrize(
    ("html", "error"),
    [
        ("a < b", 'Unsupported start tag "" at byte offset 2'),
        ("<b>粗体", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<b>x</i>", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'),
        ("议</b>", "Unexpected end tag at byte offset 3"),
        ("<br>", 'Unsupported start tag "br" at byte offset 0'),
        ('<a href="x"', "Unclosed start tag at byte offset 0"),
        ("<a href=https://x.org>x</a>", "Unexpected end of name token"),
        ("Q&A", 'Character "&" at byte offset 1'),
        ("&copy;", 'Unsupported HTML entity "&copy;"'),
    ],
)
def test_html_errors(html, error):
    with pytest.raises(HtmlError) as caught:
        parse_html(html)
    assert str(caught.value).startswith(error)


# --- Markdown ----------------------------------------------------------------------------------------


def test_markdown_v2_entities_and_escapes():
    text, entities = parse_markdown_v2(
        "*粗 _斜_* __下__ ~删~ ||隐|| `a\\`b` [链接](https://x.org/a\\)b) 1\\+1\\=2\n```go\nfmt```"
    )
    assert text == "粗 斜 下 删 隐 a`b 链接 1+1=2\nfmt"
    found = [(e["type"], covered(text, e)) for e in entities]
    assert found == [
        ("bold", "粗 斜"),
        ("italic", "斜"),
        ("underline", "下"),
        ("strikethrough", "删"),
        ("spoiler", "隐"),
        ("code", "a`b"),
        ("text_link", "链接"),
        ("pre", "fmt"),
    ]
    assert entities[6]["url"] == "https://x.org/a)b" and entities[7]["language"] == "go"


@pytest.mark.parametrize(
    ("source", "error"),
    [
        ("结束。(完)", "Character '(' is reserved"),
        ("*没有结束", "Can't find end of Bold entity at byte offset 0"),
        ("[链接](https://x.org", "Can't find end of a URL"),
    ],
)
def test_markdown_v2_errors(source, error):
    with pytest.raises(MarkdownError, match=error.replace("(", r"\(")):
        parse_markdown_v2(source)


def test_legacy_markdown():
    text, entities = parse_markdown("*粗* _斜_ `码` [站](https://x.org) a\\_b")
    assert text == "粗 斜 码 站 a_b"
    assert [e["type"] for e in entities] == ["bold", "italic", "code", "text_link"]
    with pytest.raises(MarkdownError, match="Can't find end of the entity starting at byte offset 0"):
        parse_markdown("*粗")


# --- automatic entities and trimming -------------------------------------------------------------------


def test_auto_entities():
    text = "/vote@council_test_bot 请 @zhang_san 看 #加装电梯 https://example.com/a。/help /投票 a/b"
    found = [(e["type"], covered(text, e)) for e in find_auto_entities(text)]
    assert found == [
        ("bot_command", "/vote@council_test_bot"),
        ("mention", "@zhang_san"),
        ("hashtag", "#加装电梯"),
        ("url", "https://example.com/a"),
        ("bot_command", "/help"),  # after the full stop: a new word
    ]


def test_strip_text_moves_and_clips_entities():
    text, entities = strip_text("\n  粗体  \n", [{"offset": 0, "length": 5, "type": "bold"}])
    assert text == "粗体" and entities == [{"offset": 0, "length": 2, "type": "bold"}]
    assert utf16_len("😀a") == 3


# --- limits and parameters ---------------------------------------------------------------------------


def test_rate_limiter_windows():
    limiter = RateLimiter(group_messages_per_minute=2, global_messages_per_second=100)
    for t in (0.0, 10.0):
        assert limiter.retry_after(-5, True, t) == 0
        limiter.record(-5, True, t)
    assert limiter.retry_after(-5, True, 30.0) == 30
    assert limiter.retry_after(-6, True, 30.0) == 0  # another group
    assert limiter.retry_after(7, False, 30.0) == 0  # private chats have no per-minute limit
    assert limiter.retry_after(-5, True, 60.5) == 0  # the first message left the window


def test_parameters_without_spec_are_decoded_by_name():
    params = prepare_params(
        None,
        "sendMessage",
        {"chat_id": "-1001", "text": "007", "disable_notification": "true", "reply_markup": '{"a": 1}'},
        {},
    )
    assert params == {"chat_id": -1001, "text": "007", "disable_notification": True, "reply_markup": {"a": 1}}
    upload = FileUpload("a.txt", "text/plain", b"x")
    assert (
        prepare_params(None, "sendDocument", {"document": upload}, {"document": upload})["document"] is upload
    )
    with pytest.raises(ApiError, match="message_id must be of type Integer"):
        prepare_params(None, "deleteMessage", {"chat_id": "1", "message_id": "一"}, {})


def test_parameters_with_spec():
    spec = load_spec("auto")
    if spec is None:
        pytest.skip("the Bot API spec is not available")
    scope = prepare_params(spec, "getMyCommands", {"scope": '{"type": "chat", "chat_id": "-5"}'}, {})["scope"]
    assert scope == {"type": "chat", "chat_id": -5}
    with pytest.raises(ApiError, match="unknown parameter scopes"):
        prepare_params(spec, "getMyCommands", {"scopes": "{}"}, {})
    with pytest.raises(ApiError, match="commands is required"):
        prepare_params(spec, "setMyCommands", {}, {})
    with pytest.raises(ApiError, match="must be one of"):
        prepare_params(spec, "getMyCommands", {"scope": '{"type": "everyone"}'}, {})
    assert spec.check("User", {"id": 1, "is_bot": False, "first_name": "a", "nickname": "x"}) is not None


# --- the command line -----------------------------------------------------------------------------------


async def test_command_line_server_answers():
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "sandbox.botapi", "--port", "0", cwd=REPO, stdout=subprocess.PIPE
    )
    try:
        line = (await asyncio.wait_for(process.stdout.readline(), 10)).decode()
        base_url = line.split("base_url=")[1].split()[0]
        token = line.split("token=")[1].split()[0]
        async with httpx.AsyncClient() as client:
            response = await client.get(f"{base_url}{token}/getMe")
        assert response.json()["result"]["username"] == "council_test_bot"
    finally:
        process.terminate()
        await process.wait()
