"""config.toml: every setting of the bot, validated at start-up.

A wrong value raises ConfigError with one line naming the key and what is allowed; bot.py prints that
line and stops. Secrets never live in the file: the token comes from the environment variable that
`telegram.token_env` names.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from datetime import UTC
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from council.models import Ballot, Method, Results, Threshold, TopicSettings, VoteUnit
from council.schedule import QuietHours, cron_trigger
from council.timeutil import parse_clock, parse_duration

DEFAULT_BASE_URL = "https://api.telegram.org/bot"
METHODS = tuple(m.value for m in Method)
ONE_VOTE_PER = tuple(u.value for u in VoteUnit)
BALLOTS = tuple(b.value for b in Ballot)
THRESHOLDS = tuple(t.value for t in Threshold)
RESULTS = tuple(r.value for r in Results)


class ConfigError(Exception):
    """A setting is wrong; str() is one line naming the key and what is allowed."""


@dataclass(frozen=True)
class CouncilRules:
    collect_for: int = 3 * 86400  # seconds
    vote_for: int = 2 * 86400
    method: str = "choice"
    quorum: float = 0.3  # below 1: share of members; 1 or more: an absolute number of voters
    one_vote_per: str = "person"
    ballot: str = "secret"
    threshold: str = "majority"
    results: str = "live"
    anonymous_proposals: bool = False
    max_proposal_chars: int = 500

    def topic_settings(self) -> TopicSettings:
        """A new topic's rules when its facilitator does not choose others."""
        return TopicSettings(
            method=Method(self.method), collect_for=self.collect_for, vote_for=self.vote_for, quorum=self.quorum,
            threshold=Threshold(self.threshold), one_vote_per=VoteUnit(self.one_vote_per), ballot=Ballot(self.ballot),
            results=Results(self.results), anonymous=self.anonymous_proposals,
        )


@dataclass(frozen=True)
class Schedule:
    daily_summary: str = "20:00"
    weekly_digest: str = "0 9 * * mon"
    reminders_before: tuple[int, ...] = (86400, 7200)
    quiet_hours: str | None = "22:00-07:00"  # None: no quiet hours (council.schedule.QuietHours reads it)
    follow_up: str = "09:00"  # 【执行监督】 reminders and 复盘 questions: a time of day or a crontab line


@dataclass(frozen=True)
class Roles:
    facilitators: frozenset[int] = frozenset()
    staff_users: frozenset[int] = frozenset()
    staff_chats: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Config:
    token: str | None = field(default=None, repr=False)  # never printed or logged
    token_env: str = "BOT_TOKEN"
    base_url: str = DEFAULT_BASE_URL
    db_path: str = "data/council.db"
    timezone: str = "Asia/Shanghai"
    council: CouncilRules = field(default_factory=CouncilRules)
    schedule: Schedule = field(default_factory=Schedule)
    roles: Roles = field(default_factory=Roles)

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


def load(path: str | Path | None, environ: dict[str, str] | None = None) -> Config:
    """Read `path` (None: built-in defaults only) and apply the environment overrides."""
    environ = dict(os.environ if environ is None else environ)
    raw: dict = {}
    if path is not None:
        try:
            raw = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError(f"config file not found: {path}") from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: not valid TOML ({exc})") from None
    return _build(raw, environ)


def _build(raw: dict, environ: dict[str, str]) -> Config:
    reader = _Reader(raw)
    token_env = reader.string("telegram.token_env", "BOT_TOKEN")
    base_url = environ.get("TELEGRAM_BASE_URL") or reader.string("telegram.base_url", DEFAULT_BASE_URL)
    if not re.match(r"^https?://", base_url):
        raise ConfigError(f"telegram.base_url: must start with http:// or https:// (got {base_url!r})")
    timezone = reader.string("locale.timezone", "Asia/Shanghai")
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(
            f"locale.timezone: must be an IANA time zone such as Asia/Shanghai (got {timezone!r})"
        ) from None
    config = Config(
        token=environ.get(token_env) or None,
        token_env=token_env,
        base_url=base_url,
        db_path=environ.get("COUNCIL_DB") or reader.string("storage.path", "data/council.db"),
        timezone=timezone,
        council=CouncilRules(
            collect_for=reader.duration("council.collect_for", "3d"),
            vote_for=reader.duration("council.vote_for", "2d"),
            method=reader.choice("council.method", "choice", METHODS),
            quorum=reader.quorum("council.quorum", 0.3),
            one_vote_per=reader.choice("council.one_vote_per", "person", ONE_VOTE_PER),
            ballot=reader.choice("council.ballot", "secret", BALLOTS),
            threshold=reader.choice("council.threshold", "majority", THRESHOLDS),
            results=reader.choice("council.results", "live", RESULTS),
            anonymous_proposals=reader.boolean("council.anonymous_proposals", False),
            max_proposal_chars=reader.positive_int("council.max_proposal_chars", 500),
        ),
        schedule=Schedule(
            daily_summary=reader.clock_or_cron("schedule.daily_summary", "20:00"),
            weekly_digest=reader.cron("schedule.weekly_digest", "0 9 * * mon"),
            reminders_before=reader.durations("schedule.reminders_before", ["24h", "2h"]),
            quiet_hours=reader.quiet_hours("schedule.quiet_hours", "22:00-07:00"),
            follow_up=reader.clock_or_cron("schedule.follow_up", "09:00"),
        ),
        roles=Roles(
            facilitators=reader.ids("roles.facilitators"),
            staff_users=reader.ids("roles.staff_users"),
            staff_chats=reader.ids("roles.staff_chats"),
        ),
    )
    reader.reject_unknown()
    return config


KNOWN_KEYS = {
    "telegram": {"token_env", "base_url"},
    "storage": {"path"},
    "locale": {"timezone"},
    "council": {"collect_for", "vote_for", "method", "quorum", "one_vote_per", "ballot", "threshold", "results",
                "anonymous_proposals", "max_proposal_chars"},
    "schedule": {"daily_summary", "weekly_digest", "reminders_before", "quiet_hours", "follow_up"},
    "roles": {"facilitators", "staff_users", "staff_chats"},
}


class _Reader:
    """Typed access to "section.key" with one-line errors."""

    def __init__(self, raw: dict):
        self.raw = raw

    def _get(self, key: str, default):
        section, name = key.split(".")
        table = self.raw.get(section, {})
        if not isinstance(table, dict):
            raise ConfigError(f"{section}: must be a table ([{section}])")
        return table.get(name, default)

    def string(self, key: str, default: str) -> str:
        value = self._get(key, default)
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(f"{key}: must be a non-empty string (got {value!r})")
        return value.strip()

    def duration(self, key: str, default: str) -> int:
        value = self._get(key, default)
        try:
            return parse_duration(value)
        except ValueError:
            allowed = 'a duration such as "90s", "30m", "24h" or "3d"'
            raise ConfigError(f"{key}: must be {allowed} (got {value!r})") from None

    def durations(self, key: str, default: list[str]) -> tuple[int, ...]:
        value = self._get(key, default)
        if not isinstance(value, list):
            raise ConfigError(f'{key}: must be a list of durations such as ["24h", "2h"] (got {value!r})')
        try:
            return tuple(sorted((parse_duration(item) for item in value), reverse=True))
        except ValueError:
            raise ConfigError(f'{key}: must be a list of durations such as ["24h", "2h"] (got {value!r})') from None

    def choice(self, key: str, default: str, allowed: tuple[str, ...]) -> str:
        value = self._get(key, default)
        if value not in allowed:
            raise ConfigError(f"{key}: must be one of {', '.join(allowed)} (got {value!r})")
        return value

    def quorum(self, key: str, default: float) -> float:
        value = self._get(key, default)
        ok = isinstance(value, int | float) and not isinstance(value, bool) and value >= 0
        if ok and value >= 1 and float(value) != int(value):
            ok = False
        if not ok:
            raise ConfigError(
                f"{key}: must be a share of members between 0 and 1 (e.g. 0.3) "
                f"or a whole number of voters (e.g. 10) (got {value!r})"
            )
        return float(value)

    def boolean(self, key: str, default: bool) -> bool:
        value = self._get(key, default)
        if not isinstance(value, bool):
            raise ConfigError(f"{key}: must be true or false (got {value!r})")
        return value

    def positive_int(self, key: str, default: int) -> int:
        value = self._get(key, default)
        if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
            raise ConfigError(f"{key}: must be a whole number above 0 (got {value!r})")
        return value

    def ids(self, key: str) -> frozenset[int]:
        value = self._get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, int) and not isinstance(v, bool) for v in value):
            raise ConfigError(f"{key}: must be a list of Telegram numeric ids such as [12345678] (got {value!r})")
        return frozenset(value)

    def cron(self, key: str, default: str) -> str:
        value = self._get(key, default)
        if not isinstance(value, str) or not is_crontab(value):
            raise ConfigError(
                f'{key}: must be a crontab line of 5 fields (minute hour day month weekday, e.g. "0 9 * * mon") '
                f"or 6 with seconds first (got {value!r})"
            )
        return value.strip()

    def clock_or_cron(self, key: str, default: str) -> str:
        value = self._get(key, default)
        if isinstance(value, str):
            try:
                parse_clock(value)
                return value.strip()
            except ValueError:
                if is_crontab(value):
                    return value.strip()
        raise ConfigError(f'{key}: must be a time of day such as "20:00" or a crontab line (got {value!r})')

    def quiet_hours(self, key: str, default: str) -> str | None:
        value = self._get(key, default)
        if value in ("", "off", False):
            return None
        try:
            QuietHours.parse(str(value), UTC)
        except ValueError:
            raise ConfigError(f'{key}: must be a range such as "22:00-07:00", or "off" (got {value!r})') from None
        return str(value).strip()

    def reject_unknown(self) -> None:
        for section, table in self.raw.items():
            if section not in KNOWN_KEYS:
                raise ConfigError(f"{section}: unknown section (allowed: {', '.join(KNOWN_KEYS)})")
            for name in table:
                if name not in KNOWN_KEYS[section]:
                    allowed = ", ".join(sorted(KNOWN_KEYS[section]))
                    raise ConfigError(f"{section}.{name}: unknown key (allowed in [{section}]: {allowed})")


def is_crontab(line: str) -> bool:
    """A crontab line of 5 fields, or 6 with seconds first (weekday numbers as crontab reads them)."""
    if len(str(line).split()) not in (5, 6):
        return False
    try:
        cron_trigger(line, UTC)
    except ValueError:
        return False
    return True
