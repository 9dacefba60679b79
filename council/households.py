"""Where a resident lives, as residents write it: 3-2-301 = 3幢2单元301室 = 3栋2单元301 = 3号楼2单元301.

One household (户) is one room of one unit of one building. Its key is `3-2-301` (building-unit-room); a building
without units is written 12幢502 and keyed `12-0-502`. Pure functions, no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_NUMBER = r"(\d{1,3}|[一二两三四五六七八九十]{1,3})"
_BUILDING = r"(?:幢|栋|号楼|号|楼|座|#)"
_UNIT = r"(?:单元|门|号门)"
_ROOM = r"(\d{3,4})\s*(?:室|号|房)?"
_FORMS = [
    re.compile(rf"^{_NUMBER}\s*[-－—_/\s]\s*{_NUMBER}\s*[-－—_/\s]\s*{_ROOM}$"),  # 3-2-301, 3 2 301
    re.compile(rf"^{_NUMBER}\s*{_BUILDING}\s*{_NUMBER}\s*{_UNIT}\s*[-－]?\s*{_ROOM}$"),  # 3幢2单元301室
    re.compile(rf"^{_NUMBER}\s*{_BUILDING}\s*{_NUMBER}\s*[-－]\s*{_ROOM}$"),  # 3栋2-301
]
_NO_UNIT = re.compile(rf"^{_NUMBER}\s*{_BUILDING}\s*[-－]?\s*{_ROOM}$")  # 12幢502
EXAMPLE = "3-2-301（3幢2单元301室）"


@dataclass(frozen=True)
class Household:
    building: int
    unit: int  # 0: the building has no units
    room: int

    @property
    def key(self) -> str:
        return f"{self.building}-{self.unit}-{self.room}"

    @property
    def label(self) -> str:
        unit = f"{self.unit}单元" if self.unit else ""
        return f"{self.building}幢{unit}{self.room}室"


def parse_household(text: str) -> Household | None:
    """The household a resident wrote, or None when it is not one (a floor 00 room, a building 0 …)."""
    text = " ".join(text.strip().replace("：", " ").split()).rstrip("。.")
    for pattern in _FORMS:
        match = pattern.match(text)
        if match:
            return _checked(_number(match.group(1)), _number(match.group(2)), int(match.group(3)))
    match = _NO_UNIT.match(text)
    if match:
        return _checked(_number(match.group(1)), 0, int(match.group(2)))
    return None


def from_key(key: str) -> Household:
    building, unit, room = (int(part) for part in key.split("-"))
    return Household(building, unit, room)


def label_of(key: str | None) -> str:
    return from_key(key).label if key else "未登记"


def _checked(building: int | None, unit: int | None, room: int) -> Household | None:
    if not building or unit is None or not 1 <= building <= 999 or not 0 <= unit <= 99:
        return None
    floor, door = divmod(room, 100)
    if floor < 1 or door < 1:
        return None  # 300, 3000: no such room
    return Household(building, unit, room)


def _number(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    if text == "十":
        return 10
    if "十" in text:
        tens, _, ones = text.partition("十")
        value = (_DIGITS.get(tens, -100) if tens else 1) * 10 + (_DIGITS.get(ones, -100) if ones else 0)
        return value if value > 0 else None
    if len(text) == 1:
        return _DIGITS.get(text) or None
    return None


@dataclass(frozen=True)
class ProxyRequest:
    """代投 [名字] 门牌 选项, or 代投 选项 as a reply to the resident's message (then `household` is None)."""

    name: str
    household: Household | None
    choice: str


def parse_proxy(text: str) -> ProxyRequest | None:
    tokens = text.split()
    if len(tokens) == 1:
        return ProxyRequest("", None, tokens[0])
    for name_tokens in (0, 1):
        if len(tokens) < name_tokens + 2:
            break
        household = parse_household(tokens[name_tokens])
        if household is not None:
            return ProxyRequest(" ".join(tokens[:name_tokens]), household, " ".join(tokens[name_tokens + 1:]))
    return None
