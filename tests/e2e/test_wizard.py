"""The facilitator's /new wizard in private chat, and proposals sent privately through the card's deep link."""

from council import wizard_texts as wt
from council.texts import Err
from tests.e2e.conftest import Group, settle


class Private:
    """A user's private chat with the bot."""

    def __init__(self, server, user_id: int):
        self.server, self.user = server, user_id
        server.private_chat(user_id)

    def say(self, text: str) -> dict:
        return self.server.send_message(self.user, self.user, text)

    def last_id(self) -> int:
        return max((m["message_id"] for m in self.server.bot_messages(self.user)), default=0)

    async def bot_says(self, contains: str, after: int = 0, timeout: float = 15.0) -> dict:
        def find():
            return next((m for m in self.server.bot_messages(self.user)
                         if m["message_id"] > after and contains in m.get("text", "")), None)
        try:
            return await self.server.wait_for(find, timeout=timeout)
        except TimeoutError:
            said = [m.get("text", "") for m in self.server.bot_messages(self.user)][-4:]
            raise AssertionError(f"no private message with {contains!r}; bot said: {said}") from None

    async def answer(self, question: str, text: str | None = None, tap: str | None = None) -> None:
        """Wait for the question, then tap a button of it or type the answer."""
        asked = await self.bot_says(question, after=self._seen)
        self._seen = asked["message_id"]
        if tap is not None:
            self.server.press_button(self.user, asked["message_id"], self.user, text=tap)
        else:
            self.say(text)

    _seen = 0


async def start_wizard(telegram, group: Group, user_id: int) -> Private:
    """/new in the group (a facilitator gets a button to the private chat), then that deep link."""
    private = Private(telegram, user_id)
    asked = group.say(user_id, "/new")
    hint = await group.bot_says(wt.PRIVATE_ONLY, after=asked["message_id"])
    private._seen = private.last_id()
    telegram.open_link(user_id, telegram.link_buttons(group.id, hint["message_id"])["私聊发起新议题"])
    return private


async def test_wizard_posts_a_card_with_its_rules_and_a_private_proposal_shows_anonymously(telegram, run_bot):
    bot = await run_bot()
    group = Group(telegram, title="永合社区 5幢")
    wang, zhang = group.facilitator, group.residents[0]
    me = await start_wizard(telegram, group, wang)

    await me.answer("先选在哪个群发起", tap="永合社区 5幢")
    await me.answer(wt.QUESTIONS["title"], "高空抛物怎么治")
    await me.answer(wt.QUESTIONS["background"], "上周 5 幢又有人从楼上扔垃圾")
    await me.answer(wt.QUESTIONS["method"], tap="可多选")
    await me.answer(wt.QUESTIONS["collect"], "明天下午")  # a point in time where a length is asked
    await me.bot_says("是一个时间点，这里要的是一段时长", after=me._seen)
    await me.answer(wt.QUESTIONS["collect"], "3天")  # asked again, answered
    await me.answer(wt.QUESTIONS["vote"], "36小时")
    await me.answer(wt.QUESTIONS["quorum"], "150%")
    await me.bot_says("比例要小于 100%", after=me._seen)
    await me.answer(wt.QUESTIONS["quorum"], tap="50%")
    await me.answer(wt.QUESTIONS["threshold"], tap="三分之二")
    await me.answer(wt.QUESTIONS["unit"], tap="一户一票")
    await me.answer(wt.QUESTIONS["ballot"], tap="公开投票")
    await me.answer(wt.QUESTIONS["more"], tap="调整")
    await me.answer(wt.QUESTIONS["results"], tap="结束后公布")
    await me.answer(wt.QUESTIONS["anonymous"], tap="不显示姓名")
    preview = await me.bot_says("【预览】", after=me._seen)
    assert "【议题】高空抛物怎么治" in preview["text"] and "三分之二通过" in preview["text"]
    assert not group.posts("【议题】")  # nothing in the group before 「确认发布」
    assert bot.scalar("SELECT COUNT(*) FROM topics") == 0
    telegram.press_button(wang, preview["message_id"], wang, text="确认发布")

    card = await group.bot_says("【议题】1. 高空抛物怎么治")
    assert "背景：上周 5 幢又有人从楼上扔垃圾" in card["text"]
    assert ("📋 规则：可多选 · 一户一票 · 三分之二通过 · 公开投票 · 投票结束前不公布票数 · "
            "至少 50% 的住户投票才有效") in card["text"]
    await me.bot_says("✅ 已在「永合社区 5幢」发布议题1", after=preview["message_id"] - 1)
    assert bot.query(
        "SELECT method, one_vote_per, threshold, ballot, results, anonymous, quorum, "
        "CAST(collect_deadline - opened_at AS INTEGER), CAST(vote_deadline - collect_deadline AS INTEGER) FROM topics"
    ) == [("approval", "household", "two_thirds", "open", "hidden", 1, 0.5, 3 * 86400, 36 * 3600)]

    # The card's 「私信提建议」 link: a resident proposes privately, and the group sees it without the name.
    link = telegram.link_buttons(group.id, card["message_id"])["私信提建议"]
    assert link.startswith("https://t.me/council_test_bot?start=p")
    resident = Private(telegram, zhang)
    telegram.open_link(zhang, link)
    await resident.bot_says("【私信提建议】议题1「高空抛物怎么治」（永合社区 5幢）")
    resident.say("在楼下装监控，抓到乱扔的要公示")
    ack = await group.bot_says("【征集建议】已收到 #1（一位邻居（私信））")
    assert "张阿姨" not in ack["text"]
    await resident.bot_says("已提交到议题1「高空抛物怎么治」，编号 #1")
    assert bot.query("SELECT author_id, author_name, text, message_id < 0 FROM proposals") == [
        (zhang, "一位邻居（私信）", "在楼下装监控，抓到乱扔的要公示", 1)]

    # Someone who is not in the group cannot use the link; an unknown topic is explained.
    outsider = telegram.add_user("路人")["id"]
    stranger = Private(telegram, outsider)
    telegram.open_link(outsider, link)
    await stranger.bot_says(wt.PRIVATE_NOT_MEMBER)
    stranger.say("/start p999")
    await stranger.bot_says(wt.PRIVATE_UNKNOWN_LINK)


async def test_a_private_proposal_and_a_group_proposal_with_the_same_message_id_are_both_kept(telegram, run_bot):
    """In a supergroup message ids count per chat, so a private message may carry the id of a group message."""
    bot = await run_bot()
    group = Group(telegram, title="合女士议事团")
    group.id = telegram.migrate_group(group.id)
    wang, (zhang, li, *_rest) = group.facilitator, group.residents
    card = await group.open_topic("楼道堆物")
    resident = Private(telegram, zhang)
    telegram.open_link(zhang, telegram.link_buttons(group.id, card["message_id"])["私信提建议"])
    await resident.bot_says("【私信提建议】")
    sent = resident.say("请物业贴告示提醒")
    first = await group.bot_says("【征集建议】已收到 #1（张阿姨（私信））")
    while telegram.chat_history(group.id)[-1]["message_id"] < sent["message_id"] - 1:
        group.say(wang, "收到")  # neighbours' chat, left alone by the bot
    same_id = group.say(li, "建议：设一个临时堆放点")
    assert same_id["message_id"] == sent["message_id"]
    await group.bot_says("【征集建议】已收到 #2（李姐）", after=first["message_id"])
    assert bot.query("SELECT number, author_name, text FROM proposals ORDER BY number") == [
        (1, "张阿姨", "请物业贴告示提醒"), (2, "李姐", "设一个临时堆放点")]


async def test_rights_are_checked_again_on_publishing(telegram, run_bot):
    bot = await run_bot()
    group = Group(telegram, title="6幢议事群")
    li = group.residents[1]
    telegram.set_admin(group.id, li)
    me = await start_wizard(telegram, group, li)
    await me.answer("先选在哪个群发起", tap="6幢议事群")
    await me.answer(wt.QUESTIONS["title"], "楼顶漏水")
    for step, button in [("background", "跳过"), ("method", "赞成反对"), ("collect", "1天"), ("vote", "1天"),
                         ("quorum", "不设"), ("threshold", "过半数"), ("unit", "一人一票"), ("ballot", "不记名"),
                         ("more", "用默认")]:
        await me.answer(wt.QUESTIONS[step], tap=button)
    preview = await me.bot_says("【预览】", after=me._seen)
    telegram.set_admin(group.id, li, False)  # no longer an administrator before 「确认发布」
    refused = telegram.press_button(li, preview["message_id"], li, text="确认发布")
    assert (await group.answer_of(refused))["text"] == wt.NOT_FACILITATOR_THERE
    await settle(1.0)
    assert bot.scalar("SELECT COUNT(*) FROM topics") == 0 and not group.posts("【议题】")


async def test_wizard_abandoned_leaves_nothing_behind(telegram, run_bot):
    bot = await run_bot()
    group = Group(telegram)
    wang = group.facilitator
    me = await start_wizard(telegram, group, wang)
    await me.answer("先选在哪个群发起", tap=group.chat["title"])
    await me.answer(wt.QUESTIONS["title"], "电动车飞线充电")
    await me.answer(wt.QUESTIONS["background"], tap="跳过")
    await me.answer(wt.QUESTIONS["method"], "取消")
    await me.bot_says(wt.CANCELLED, after=me._seen)

    # Again with /cancel: it belongs to the wizard while a conversation is active …
    me.say("新议题")
    await me.answer("先选在哪个群发起", tap=group.chat["title"])
    await me.answer(wt.QUESTIONS["title"], "/cancel")
    cancelled = await me.bot_says(wt.CANCELLED, after=me._seen)
    # … and outside one, /cancel in private is the group command again (取消议题), which says where it works.
    me.say("/cancel")
    await me.bot_says(Err.GROUP_ONLY, after=cancelled["message_id"])
    await settle(1.0)
    assert bot.scalar("SELECT COUNT(*) FROM topics") == 0
    assert bot.scalar("SELECT COUNT(*) FROM outbox WHERE chat_id = ?", (group.id,)) == 1  # the /new hint only
    assert group.bot_texts() == [wt.PRIVATE_ONLY]


async def test_a_resident_cannot_open_a_topic_in_a_group_they_do_not_facilitate(telegram, run_bot):
    await run_bot()
    home = Group(telegram, title="3幢议事群")
    wang, (zhang, li, *_rest) = home.facilitator, home.residents
    # 李姐 votes in 3幢 (so the bot has seen her there) and is the administrator of her own group.
    await home.open_topic("流浪狗扰民", "设固定投喂点")
    home.say(wang, "开始投票")
    home.tap(await home.bot_says("【投票】"), li, 1)
    own = telegram.create_group("李姐的读书会", members=[li, zhang], admins=[li], bot_admin=True)
    home.say(li, "/new")
    await home.bot_says(Err.NOT_FACILITATOR)

    other = Group.__new__(Group)
    other.server, other.id, other.chat = telegram, own["id"], own
    me = await start_wizard(telegram, other, li)
    question = await me.bot_says("先选在哪个群发起", after=me._seen)
    labels = [b["text"] for row in question["reply_markup"]["inline_keyboard"] for b in row]
    assert labels == ["李姐的读书会"]
    forged = telegram.forge_callback(li, question["message_id"], li, f"wz:group:{home.id}")
    assert (await home.answer_of(forged))["text"] == wt.NOT_FACILITATOR_THERE
    # A resident's /new in private, with no group of theirs at all.
    zhang_chat = Private(telegram, zhang)
    zhang_chat.say("/new")
    await zhang_chat.bot_says(wt.NO_GROUPS)
