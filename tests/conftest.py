import pytest

from council.config import CouncilRules
from council.outbox import Outbox
from council.service import Council
from storage.db import Database


class Clock:
    """A settable clock for the service layer (seconds since the epoch)."""

    def __init__(self, now: float = 1_764_000_000.0):  # 2025-11-24 15:00 Asia/Shanghai
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


@pytest.fixture
def make_council(db, clock):
    from zoneinfo import ZoneInfo

    def make(**rules) -> Council:
        return Council(db, CouncilRules(**rules), ZoneInfo("Asia/Shanghai"), clock=clock)

    return make


@pytest.fixture
def outbox(db, clock):
    return Outbox(db, clock)
