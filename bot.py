"""议事会助手 — the entry point: read config, build the Application, register handlers, start polling.

    python bot.py [--config config.toml]
    python bot.py --sandbox [--demo] (no token needed: the real bot against a local stand-in for Telegram, with a
                                      WeChat-style chat page at http://127.0.0.1:8080)

Handlers are registered below in an explicit order; read it top to bottom to know who sees an update first.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sys
import threading
from pathlib import Path

from telegram import LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    Defaults,
    MessageHandler,
    TypeHandler,
    filters,
)

from council.config import Config, ConfigError, load
from council.language import Language
from council.outbox import Outbox
from council.reports import Reports
from council.schedule import Cron, QuietHours
from council.service import Council
from council.summaries import ScheduleRules, Summaries
from handlers import (
    actions,
    ballots,
    chats,
    flags,
    menus,
    messages,
    private,
    private_proposals,
    proposals,
    topics,
    updates,
    votes,
    wizard,
)
from handlers.common import Services, stale_button
from handlers.deadlines import Deadlines
from handlers.errors import on_error
from handlers.roles import ChatInfo
from handlers.schedules import Schedules
from handlers.sender import Sender
from storage.db import Database

log = logging.getLogger("council")
ALLOWED_UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY, Update.MY_CHAT_MEMBER]
NO_TOKEN = (
    "No Telegram token: set the environment variable {env} to the token BotFather gave you (see README), "
    "or try the bot without Telegram: python bot.py --sandbox"
)


def build_application(config: Config) -> Application:
    application = (
        ApplicationBuilder()
        .token(config.token)
        .base_url(config.base_url)
        .base_file_url(config.base_url.replace("/bot", "/file/bot"))
        .defaults(Defaults(parse_mode=ParseMode.HTML, tzinfo=config.tz,
                           link_preview_options=LinkPreviewOptions(is_disabled=True)))
        # Stays below Telegram's limits (30/s overall, 20/min per group); our sender paces groups itself too.
        # 25/s, not 30: aiolimiter's bucket lets a 31st send into a rolling second, which Telegram may refuse.
        .rate_limiter(AIORateLimiter(overall_max_rate=25, max_retries=3))
        # On stop PTB cancels the long poll and calls getUpdates once more to confirm what was read. With the default
        # pool of one connection, that call can find the cancelled poll's connection not yet handed back and fail
        # with a pool timeout (an ERROR in the log, updates fetched again after the restart). A second connection.
        .get_updates_connection_pool_size(2)
        .build()
    )
    application.bot_data["config"] = config
    _register_handlers(application)
    return application


def _register_handlers(app: Application) -> None:
    # 1. First of all (group -1): drop an update that was already handled before a restart.
    app.add_handler(TypeHandler(Update, updates.skip_if_seen), group=-1)

    # 2. The group's own life: the bot added/removed, rights changed, group upgraded to a supergroup.
    app.add_handler(ChatMemberHandler(chats.on_my_chat_member, ChatMemberHandler.MY_CHAT_MEMBER))
    app.add_handler(MessageHandler(filters.StatusUpdate.MIGRATE, chats.on_migrate))

    # 2b. Conversations in private chat: the facilitator's /new wizard, and a proposal sent through the 【议题】
    #     card's 「私信提建议」 link (/start p<topic id>). Before the taps and commands below, so that while one is
    #     active its buttons, its /cancel and 取消 reach it (in groups /cancel stays 取消议题); outside a
    #     conversation each sees only its way in (/new · 新议题 · /start new, and /start p<id>).
    app.add_handler(wizard.conversation())
    app.add_handler(private_proposals.conversation())
    app.add_handler(CallbackQueryHandler(private_proposals.on_similar_answer, pattern=r"^x[sf]:"))
    app.add_handler(CommandHandler("new", wizard.in_group, filters=filters.ChatType.GROUPS))

    # 3. Button taps. Votes first: they are most of the traffic and must be answered fast.
    app.add_handler(CallbackQueryHandler(votes.on_vote_button, pattern=r"^v:"))
    app.add_handler(CallbackQueryHandler(votes.on_guess_button, pattern=r"^v[gn]:"))  # 「您是想投 #2 吗？」
    app.add_handler(CallbackQueryHandler(topics.on_pick, pattern=r"^pk:"))
    app.add_handler(CallbackQueryHandler(proposals.on_pick_topic, pattern=r"^pp:"))
    app.add_handler(CallbackQueryHandler(proposals.on_insist, pattern=r"^pf:"))
    app.add_handler(CallbackQueryHandler(proposals.on_support_instead, pattern=r"^sp:"))
    app.add_handler(CallbackQueryHandler(ballots.on_shortlist_button, pattern=r"^s[lag]:"))
    app.add_handler(CallbackQueryHandler(ballots.on_runoff_button, pattern=r"^ro:"))
    app.add_handler(CallbackQueryHandler(private.on_private_vote, pattern=r"^pv:"))  # a ballot in private (我的)
    app.add_handler(CallbackQueryHandler(flags.on_decision, pattern=r"^f[rh]:"))  # 恢复 / 确认隐藏 on 【举报】
    app.add_handler(CallbackQueryHandler(actions.on_item_button, pattern=r"^ai:"))  # 执行监督: an item's status
    app.add_handler(CallbackQueryHandler(actions.on_review_button, pattern=r"^rv:"))  # 复盘: a resident's answer
    app.add_handler(CallbackQueryHandler(stale_button))  # anything else: an old or forged button

    # 4. Slash commands. Each shares its code path with the Chinese trigger word (see handlers/messages.py).
    app.add_handler(CommandHandler("start", messages.start))
    app.add_handler(CommandHandler("mine", private.mine))
    app.add_handler(CommandHandler("remindme", private.remindme))
    for name, action in [("help", "help"), ("open", "open"), ("propose", "propose"), ("vote", "vote"),
                         ("close", "close"), ("status", "status"), ("cancel", "cancel"), ("hide", "hide"),
                         ("merge", "merge"), ("category", "category"), ("setup", "setup"), ("summary", "summary"),
                         ("digest", "digest"), ("export", "export"), ("register", "register"),
                         ("households", "households"), ("proxy", "proxy"), ("shortlist", "shortlist"),
                         ("runoff", "runoff"), ("action", "action"), ("actions", "actions"), ("done", "done"),
                         ("review", "review")]:
        app.add_handler(CommandHandler(name, messages.command(action)))

    # 5. Plain text: Chinese triggers, replies to our cards, typed votes; the rest is neighbours' chat.
    #    举报 (a reply reporting a proposal) and the private words 我的 / 提醒我 / 不用提醒 come first.
    app.add_handler(MessageHandler(filters.TEXT & filters.ChatType.GROUPS & filters.Regex(flags.REPORT),
                                   flags.on_report))
    app.add_handler(MessageHandler(filters.TEXT & filters.ChatType.PRIVATE & filters.Regex(private.PRIVATE_TRIGGER),
                                   private.on_private_words))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND & filters.ChatType.GROUPS, messages.on_group_text))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND & filters.ChatType.PRIVATE,
                                   messages.on_private_text))

    # 6. Nearly last (group 99): a private message means the person started the bot (it may write to them).
    app.add_handler(MessageHandler(filters.ChatType.PRIVATE, private.private_seen), group=99)

    # 7. Last (group 100): remember the update as handled.
    app.add_handler(TypeHandler(Update, updates.mark_seen), group=100)

    # 8. One error handler for everything.
    app.add_error_handler(on_error)


async def _start_services(app: Application) -> None:
    """After Telegram said hello and before the first update: database, sender, menus, deadlines, schedules."""
    config: Config = app.bot_data["config"]
    db = Database(config.db_path)
    await db.connect()
    app.bot_data["db"] = db  # from here on _stop closes it, whatever happens next
    language = Language(cache_dir=Path(config.db_path).parent)  # jieba's cache lives beside the database
    # Load jieba in a thread so start-up does not wait; the first message that needs it would. A daemon thread,
    # not the loop's executor: Ctrl-C during the load must not wait for it (the cache is written atomically).
    threading.Thread(target=_warm_up, args=(language,), name="jieba-warm-up", daemon=True).start()
    quiet = QuietHours.parse(config.schedule.quiet_hours, config.tz)
    council = Council(db, config.council, config.tz, language, quiet=quiet)
    sender = Sender(app.bot, council, Outbox(db))
    council.on_post = sender.notify
    chat_info = ChatInfo(app.bot, config.roles.facilitators)
    summaries = Summaries(council, ScheduleRules(Cron(config.schedule.daily_summary, config.tz),
                                                 config.schedule.reminders_before, quiet))
    reports = Reports(council, Cron(config.schedule.weekly_digest, config.tz), config.roles.staff_chats)
    deadlines = Deadlines(app.job_queue, council, sender, chat_info, summaries)
    app.bot_data["services"] = Services(config, council, sender, chat_info, deadlines, summaries, reports)
    await menus.register(app.bot)
    sender.start()
    for topic in await council.due_work():
        if topic.ballot_message_id:
            sender.ballot_changed(topic.id, topic.chat_id)  # the tally may have moved after the last edit
    await deadlines.rebuild()
    Schedules(app.job_queue, summaries, reports, config.schedule.daily_summary, config.schedule.weekly_digest,
              quiet, follow_up=Cron(config.schedule.follow_up, config.tz)).start()
    log.info("ready as @%s (database %s)", app.bot.username, config.db_path)


def _warm_up(language: Language) -> None:
    try:
        seconds = language.warm_up()
    except Exception:  # the first message that needs jieba will try again and report through the error handler
        log.exception("loading the Chinese dictionary failed")
        return
    log.info("Chinese dictionary loaded in %.2f s", seconds)


async def serve(application: Application) -> None:
    """Run until Ctrl-C or SIGTERM: run_polling's steps, called by us (PTB's documented alternative).

    run_polling's stop signals raise SystemExit wherever the loop happens to be. Raised inside one of start-up's
    first requests, it broke the clean-up off with the database still open, and the database's thread (not a
    daemon) kept the process alive; a moment later, a Ctrl-C could be lost altogether. Here a signal only sets
    an event: a start-up still under way is cancelled at its current await, then whatever was started is stopped,
    in order."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for number in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(number, stop.set)
    starting = asyncio.create_task(_start(application), name="start-up")
    stopping = asyncio.create_task(stop.wait(), name="stop signal")
    try:
        await asyncio.wait({starting, stopping}, return_when=asyncio.FIRST_COMPLETED)
        if starting.done():
            starting.result()  # a start-up that failed raises here, after the clean-up below
            await stopping
    finally:
        for task in (starting, stopping):
            task.cancel()
        await asyncio.gather(starting, stopping, return_exceptions=True)
        await _stop(application)


async def _start(app: Application) -> None:
    await app.initialize()
    # Our own start-up is not cancelled half-way (a database half opened cannot be closed cleanly): a stop
    # signal waits for it in _stop. It is local and quick; the Telegram calls around it are what can hang.
    services = app.bot_data["starting services"] = asyncio.ensure_future(_start_services(app))
    await asyncio.shield(services)
    await app.updater.start_polling(allowed_updates=ALLOWED_UPDATES)
    await app.start()


async def _stop(app: Application) -> None:
    """Whatever was started, in reverse: polling, handlers and jobs, our sender (what is due goes out while
    the bot can still send), Telegram's HTTP clients, the database."""
    if app.updater.running:
        await app.updater.stop()
    if app.running:
        await app.stop()
    starting = app.bot_data.pop("starting services", None)
    if starting is not None:
        await asyncio.gather(starting, return_exceptions=True)  # its error, if any, was raised by _start
    services: Services | None = app.bot_data.get("services")
    if services is not None:
        await services.sender.drain()
        await services.sender.stop()
    await app.shutdown()  # nothing to do if initialize() never finished
    db: Database | None = app.bot_data.pop("db", None)
    if db is not None:
        await db.close()


def _setup_logging() -> None:
    logging.basicConfig(format="%(asctime)s %(levelname)s %(name)s: %(message)s", level=logging.INFO)
    # httpx logs every request URL at INFO, and the URL contains the bot token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="议事会助手: a Telegram bot for neighbourhood councils")
    parser.add_argument("--config", help="path of the config file (default: config.toml beside bot.py)")
    parser.add_argument("--sandbox", action="store_true",
                        help="no Telegram needed: the real bot against a local stand-in, with a WeChat-style chat "
                             "page at http://127.0.0.1:8080 where you act as residents, the social worker or staff")
    parser.add_argument("--port", type=int,
                        help="with --sandbox: port of the chat page and of the local Bot API (default 8080, 0 for any)")
    parser.add_argument("--demo", action="store_true",
                        help="with --sandbox: play a whole council in a fresh group at start (the page's 演示 button)")
    args = parser.parse_args(argv)
    if not args.sandbox and (args.port is not None or args.demo):
        parser.error("--port and --demo go with --sandbox")
    if args.sandbox:
        from sandbox.run import DEFAULT_PORT, run  # only the sandbox needs the stand-in server

        return run(DEFAULT_PORT if args.port is None else args.port, demo=args.demo)
    _setup_logging()
    path = Path(args.config) if args.config else Path(__file__).with_name("config.toml")
    try:
        config = load(path if args.config or path.exists() else None)
    except ConfigError as error:
        print(f"config error: {error}", file=sys.stderr)
        return 2
    if not config.token:
        print(NO_TOKEN.format(env=config.token_env), file=sys.stderr)
        return 2
    asyncio.run(serve(build_application(config)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
