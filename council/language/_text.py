"""Text clean-up shared by the readers: width, emoji, Chinese numerals, clauses. Pure functions, no jieba."""

from __future__ import annotations

import re
import unicodedata

# Circled and parenthesised digits that NFKC would glue together (①③ → "13"): each becomes "#N " first.
_CIRCLED: dict[str, int] = {}
for _start, _count in ((0x2460, 20), (0x2474, 20), (0x2488, 20), (0x24F5, 10), (0x2776, 10), (0x2780, 10),
                       (0x278A, 10), (0x24EB, 10)):
    for _i in range(_count):
        _CIRCLED[chr(_start + _i)] = _i + (11 if _start == 0x24EB else 1)
for _i in range(15):
    _CIRCLED[chr(0x3251 + _i)] = 21 + _i
    _CIRCLED[chr(0x32B1 + _i)] = 36 + _i
_CIRCLED["\u24ea"] = 0
_CIRCLED_RE = re.compile("[" + "".join(sorted(_CIRCLED)) + "]")

# WeChat's typed emoji codes: [强] [玫瑰] [微笑] [OK] …
_WECHAT_CODE = re.compile(r"\[[\u4e00-\u9fffA-Za-z]{1,4}\]")
_SPACES = re.compile(r"\s+")
# Where one clause of a message ends and the next begins: punctuation (half or full width) or a space.
CLAUSE_BREAK = re.compile(r"[,，。!！;；?？~～…\n、]+|\s+")

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
             "九": 9}
CN_NUMERAL = "零〇一二两三四五六七八九十百"


def cn_to_int(text: str) -> int | None:
    """一 → 1, 十二 → 12, 二十五 → 25, 一百 → 100; None for anything else."""
    if not text:
        return None
    if text.isdigit():
        return int(text)
    if "百" in text:
        head, _, tail = text.partition("百")
        hundreds = CN_DIGITS.get(head) if head else 1
        rest = cn_to_int(tail.lstrip("零〇")) if tail else 0
        if hundreds is None or rest is None:
            return None
        return hundreds * 100 + rest
    if "十" in text:
        head, _, tail = text.partition("十")
        tens = CN_DIGITS.get(head) if head else 1
        ones = CN_DIGITS.get(tail) if tail else 0
        if tens is None or ones is None or len(head) > 1 or len(tail) > 1:
            return None
        return tens * 10 + ones
    if len(text) == 1:
        return CN_DIGITS.get(text)
    return None


def _is_dropped(char: str) -> bool:
    """Emoji, symbols, variation selectors, joiners and combining keycaps: nothing a reader needs."""
    if char in "\ufe0f\ufe0e\u200d\u20e3\u200b\u2060\ufeff":
        return True
    category = unicodedata.category(char)
    return category in ("So", "Sk", "Cs", "Co", "Cn", "Me")


def normalize(text: str, *, keep_spaces: bool = True) -> str:
    """NFKC (full width → half width, ② → #2), lower case, emoji and WeChat codes removed, spaces collapsed."""
    text = _CIRCLED_RE.sub(lambda m: f" #{_CIRCLED[m.group()]} ", text)
    text = text.replace("\u2795", "+")  # ➕1: the emoji plus sign is a plus, not a picture
    text = _WECHAT_CODE.sub(" ", text)
    text = unicodedata.normalize("NFKC", text).lower()
    text = "".join(" " if _is_dropped(char) else char for char in text)
    text = _SPACES.sub(" " if keep_spaces else "", text).strip()
    return text


# Clause boundaries in residents' messages.
CLAUSE_SPLIT = re.compile(r"[,，。.!！;；:：~～…\n]+|\s{2,}|(?<=[\u4e00-\u9fff])\s(?=[\u4e00-\u9fff])")


def clauses(text: str) -> list[str]:
    """Split on punctuation (and on a space between two Chinese characters); empty parts dropped."""
    return [part.strip() for part in CLAUSE_SPLIT.split(text) if part and part.strip()]
