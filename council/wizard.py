"""The /new wizard's answers, read and checked: pure functions, no Telegram, no I/O.

Each step of the wizard is asked with buttons, and the buttons carry the very words a facilitator could type
(「3天」, 「30%」, 「三分之二」), so a tap and a typed answer go through the same reader here — and forged
callback data is no more than an odd typed answer. A reader returns the value, or raises WizardError whose
text explains, in Chinese, what was wrong and what to write instead; the wizard then asks the same step again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from council import wizard_texts as wt
from council.models import TopicSettings

MAX_TITLE_CHARS = 60  # the same limit as 发起议题 (council.service.MAX_TITLE_CHARS)
MAX_BACKGROUND_CHARS = 1000
MIN_DURATION = 10 * 60
MAX_DURATION = 30 * 86400

# The steps, in the order they are asked. "more" decides whether "results" and "anonymous" are asked at all.
STEPS = ("title", "background", "method", "collect", "vote", "quorum", "threshold", "unit", "ballot", "more",
         "results", "anonymous")
SKIP_WORDS = {"跳过", "无", "没有", "不用", "不写", "略", "-"}


class WizardError(Exception):
    """An answer that makes no sense here; str() is the explanation for the facilitator."""

    def __init__(self, text: str):
        super().__init__(text)
        self.text = text


@dataclass(frozen=True)
class Draft:
    """What the facilitator has chosen so far. `settings` starts from the config's defaults."""

    chat_id: int
    chat_title: str
    settings: TopicSettings
    title: str = ""
    background: str = ""
    more: bool = False  # asks the optional rules (results, anonymous) too

    @property
    def text(self) -> str:
        """Title and background as council.open_topic reads them (first line, then the rest)."""
        return f"{self.title}\n{self.background}" if self.background else self.title


def next_step(draft: Draft, step: str | None) -> str | None:
    """The step after `step` (None: the first); None when everything has been asked (then: preview)."""
    index = 0 if step is None else STEPS.index(step) + 1
    while index < len(STEPS):
        if STEPS[index] in ("results", "anonymous") and not draft.more:
            return None
        return STEPS[index]
    return None


def apply(draft: Draft, step: str, answer: str) -> Draft:
    """The draft with this step answered. Raises WizardError for an answer that does not fit the step."""
    answer = " ".join(str(answer).split())
    if step == "title":
        return replace(draft, title=read_title(answer))
    if step == "background":
        return replace(draft, background=read_background(answer))
    if step == "more":
        return replace(draft, more=_pick(answer, wt.MORE_WORDS, wt.ERR_CHOICE))
    s = draft.settings
    if step == "method":
        s = replace(s, method=_pick(answer, wt.METHOD_WORDS, wt.ERR_CHOICE))
    elif step == "collect":
        s = replace(s, collect_for=read_duration(answer))
    elif step == "vote":
        s = replace(s, vote_for=read_duration(answer))
    elif step == "quorum":
        s = replace(s, quorum=read_quorum(answer))
    elif step == "threshold":
        s = replace(s, threshold=_pick(answer, wt.THRESHOLD_WORDS, wt.ERR_CHOICE))
    elif step == "unit":
        s = replace(s, one_vote_per=_pick(answer, wt.UNIT_WORDS, wt.ERR_CHOICE))
    elif step == "ballot":
        s = replace(s, ballot=_pick(answer, wt.BALLOT_WORDS, wt.ERR_CHOICE))
    elif step == "results":
        s = replace(s, results=_pick(answer, wt.RESULTS_WORDS, wt.ERR_CHOICE))
    elif step == "anonymous":
        s = replace(s, anonymous=_pick(answer, wt.ANONYMOUS_WORDS, wt.ERR_CHOICE))
    else:
        raise WizardError(wt.ERR_CHOICE)
    return replace(draft, settings=s)


def read_title(text: str) -> str:
    text = " ".join(text.split())
    if not text:
        raise WizardError(wt.ERR_TITLE_EMPTY)
    if len(text) > MAX_TITLE_CHARS:
        raise WizardError(wt.err_title_long(len(text), MAX_TITLE_CHARS))
    return text


def read_background(text: str) -> str:
    text = text.strip()
    if text in SKIP_WORDS:
        return ""
    if len(text) > MAX_BACKGROUND_CHARS:
        raise WizardError(wt.err_background_long(len(text), MAX_BACKGROUND_CHARS))
    return text


_NUMERALS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = [  # (pattern of the unit, seconds); longest spellings first
    (r"(?:个)?(?:星期|礼拜|周)|w(?:eeks?)?", 7 * 86400),
    (r"天|日|d(?:ays?)?", 86400),
    (r"(?:个)?(?:小时|钟头)|h(?:ours?|rs?)?", 3600),
    (r"分钟|分|m(?:in(?:utes?|s)?)?", 60),
]
_DURATION = re.compile(r"^(?P<n>\d+(?:\.\d+)?|[零一二两三四五六七八九十百]+|半)\s*(?P<unit>"
                       + "|".join(f"(?:{p})" for p, _ in _UNITS) + r")\s*(?P<half>半)?$", re.IGNORECASE)
_POINT_IN_TIME = re.compile(r"今天|明天|后天|大后天|下周|周[一二三四五六日天]|星期[一二三四五六日天]|"
                            r"上午|下午|晚上|中午|早上|\d+\s*[点:：]|\d+\s*月|\d+\s*[号日]")


def chinese_number(text: str) -> int | None:
    """一 … 九十九, and 一百: enough for durations and head counts. None if it is not such a number."""
    if text == "一百":
        return 100
    if not text or any(ch not in _NUMERALS and ch != "十" for ch in text):
        return None
    if "十" not in text:
        return _NUMERALS[text] if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1:
        return None
    return (_NUMERALS[tens] if tens else 1) * 10 + (_NUMERALS[ones] if ones else 0)


def read_duration(text: str) -> int:
    """Seconds of a length of time: 3天, 36小时, 2d, 48h, 一周, 两天半, 90分钟. A point in time (明天下午) or a bare
    number is explained, not guessed."""
    text = text.strip().replace(" ", "")
    match = _DURATION.match(text)
    if match is None:
        if _POINT_IN_TIME.search(text):
            raise WizardError(wt.err_point_in_time(text))
        raise WizardError(wt.err_duration(text))
    raw = match.group("n")
    if raw == "半":
        amount = 0.5
    elif raw[0].isdigit():
        amount = float(raw)
    else:
        number = chinese_number(raw)
        if number is None:
            raise WizardError(wt.err_duration(text))
        amount = float(number)
    if match.group("half"):
        amount += 0.5
    unit = next(seconds for pattern, seconds in _UNITS
                if re.fullmatch(pattern, match.group("unit"), re.IGNORECASE))
    seconds = int(amount * unit)
    if seconds < MIN_DURATION:
        raise WizardError(wt.ERR_DURATION_SHORT)
    if seconds > MAX_DURATION:
        raise WizardError(wt.ERR_DURATION_LONG)
    return seconds


_PERCENT = re.compile(r"^(?:百分之\s*(?P<zh>\d+(?:\.\d+)?|[零一二两三四五六七八九十百]+)"
                      r"|(?P<n>\d+(?:\.\d+)?)\s*[%％])$")
_PEOPLE = re.compile(r"^(?:至少|最少)?\s*(?P<n>\d+|[零一二两三四五六七八九十百]+)\s*(?:个)?(?:人|户|票)$")
_NONE = {"不设", "不设门槛", "无", "没有", "不要", "不限", "不设置", "0", "0%", "0人"}


def read_quorum(text: str) -> float:
    """A quorum as TopicSettings keeps it: below 1 a share of members (30% → 0.3), 1 or more a number of voters
    (10人 → 10.0), 0 for none (不设). 150% or a bare "30" are explained."""
    text = text.strip().replace(" ", "")
    if text in _NONE:
        return 0.0
    match = _PERCENT.match(text)
    if match:
        raw = match.group("n") or match.group("zh")
        value = float(raw) if raw[0].isdigit() else chinese_number(raw)
        if value is None:
            raise WizardError(wt.err_quorum(text))
        if value >= 100:
            raise WizardError(wt.err_quorum_over(text))
        return round(value / 100, 4)
    match = _PEOPLE.match(text)
    if match:
        raw = match.group("n")
        count = int(raw) if raw.isdigit() else chinese_number(raw)
        if count is None:
            raise WizardError(wt.err_quorum(text))
        return float(count)
    if re.fullmatch(r"0?\.\d+", text):
        return float(text)
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        value = float(text)
        raise WizardError(wt.err_quorum_over(text) if 1 < value and "." in text else wt.err_quorum_bare(text))
    raise WizardError(wt.err_quorum(text))


def _pick(answer: str, words: dict[str, object], error: str):
    """The value of one of the allowed words (buttons carry exactly these)."""
    key = answer.strip().replace(" ", "")
    if key in words:
        return words[key]
    raise WizardError(error)
