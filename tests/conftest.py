import pytest

from council.config import CouncilRules
from council.language import Language
from council.outbox import Outbox
from council.service import Council
from storage.db import Database


class Clock:
    """A settable clock for the service layer (seconds since the epoch)."""

    def __init__(self, now: float = 1_764_000_000.0):  # 2025-11-25 00:00 Asia/Shanghai (a Tuesday)
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
async def db(tmp_path):
    database = Database(tmp_path / "council.db")
    await database.connect()
    yield database
    await database.close()


@pytest.fixture(scope="session")
def language(tmp_path_factory):
    """The real language module, loaded once per test run (jieba's cache in a temporary data directory)."""
    lang = Language(cache_dir=tmp_path_factory.mktemp("jieba-cache"))
    lang.warm_up()
    return lang


@pytest.fixture
def make_council(db, clock, language):
    from zoneinfo import ZoneInfo

    def make(**rules) -> Council:
        return Council(db, CouncilRules(**rules), ZoneInfo("Asia/Shanghai"), language, clock=clock)

    return make


@pytest.fixture
def outbox(db, clock):
    return Outbox(db, clock)
