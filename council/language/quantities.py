"""Quantities and places in a proposal: the times, amounts, durations and buildings two proposals may differ by.

Residents write them in figures or in words (八点半, 晚上8:30, 一小时五块, 罚五十, 3号楼, 东门): `cn_digits` turns
the words into figures, `read_quantities` reads each kind of amount into comparable values (a time on a 12-hour
dial, money in 元, durations in days or minutes), `read_places` reads buildings, entrances and directions.
comparing.compare lowers the score of two proposals whose quantities (`differ`) or places differ.
"""

from __future__ import annotations

import re

from council.language._text import CLAUSE_BREAK, cn_to_int

# A numeral in words from the start of its run, at most 8 long: matched anywhere inside a long run (一二一二…), the
# rules below would take time quadratic in its length (0.7 s for a message of 4096 characters).
_CN_NUM = "(?<![零一二两三四五六七八九十百])[零一二两三四五六七八九十百]{1,8}"
_PERIOD = r"(早上|早晨|上午|中午|下午|傍晚|晚上|夜里|夜间|凌晨|早|晚)"
_CN_BEFORE_UNIT = re.compile(
    rf"(?<!\d)({_CN_NUM})(?=元|块|毛|角|万|千|天|周|星期|个星期|个礼拜|礼拜|个月|个小时|小时|个钟|钟头|分钟|分贝|号楼|栋|幢|层|单元|号|年"
    rf"|辆|户|公里|米|折|个车位|个半|岁)"
)
_HUNDREDS = re.compile(r"(\d+)\s*百")  # 3百元: 300
_CN_AFTER_YUAN = re.compile(r"(?<=\d[元块米])([一二两三四五六七八九])(?![十百千万])")  # 一块五: 1块5, 一米五: 1米5
# an amount after a verb of paying, said in words with a magnitude: 罚五十, 收一百, 补偿两千
_CN_AFTER_VERB = re.compile(
    r"(?<=罚|款|收|费|交|贴|偿|出)([零一二两三四五六七八九]?[十百][零一二两三四五六七八九十百]*)(?![点号楼栋层个次天分几多来余年月周])"
)
_CN_HOUR = re.compile(
    rf"(?:(?<=早|晚|到|至|午|上|间|里|晨)|(?<=^))({_CN_NUM})(?=点)"
    rf"|({_CN_NUM})(?=点(?:半|钟|到|至|前|后|以后|之后|以前|-))"
)
_CN_DISCOUNT = re.compile(r"([一二三四五六七八九])([一二三四五六七八九])(?=折)")  # 九五折: 9.5折
_THREE_DAYS_TWO_ENDS = re.compile(r"三天两头|三天打鱼两天晒网")  # often: no duration
_CN_FRACTION = re.compile(rf"({_CN_NUM})分之({_CN_NUM})")
# A rule for every hour (一律不准进, 全天开放) is another rule than one for some hours (10点以后别进): read as a time
# of its own, it differs from any clock time, and agrees with itself.
_ALWAYS = re.compile(r"一律|全天|任何时候|什么时候都|不分时间|不管几点|一天到晚|二十四小时|24小时")
ALWAYS = -1.0
_TIME = re.compile(rf"{_PERIOD}?(\d{{1,2}})(?:\s*[-~到至]\s*(\d{{1,2}}))?\s*(?:[:：](\d{{2}})|点(半|\d{{1,2}}分?)?)")
# 块 is also a piece (一块地, 一块儿 = together): not money before such words
# 一块八 is 1.8 元, but in 2元1小时 the 1 counts hours
_MONEY = re.compile(
    r"(\d+(?:\.\d+)?)\s*(万|千)?\s*(?:元|块(?![地空区场牌板石砖玻草菜绿田儿]))"
    r"(?:(\d)(?![\d.]|\s*(?:小时|个|天|次|周|年|月|分|平|人|户|辆|米|斤|号|楼|栋|层|点|岁))(?:毛|角)?)?"
)
# Amounts said without 元: 5毛, 两万 (after conversion 2万), 罚款50, 收200, 补偿3000.
_DIMES = re.compile(r"(?<![\d.])(\d+)\s*(?:毛|角)")
_TEN_THOUSANDS = re.compile(r"(\d+(?:\.\d+)?)\s*(万|千)(?!元|块|人|户|平)")
_BARE_MONEY = re.compile(
    r"(?:罚款?|收费?|交|补贴|补偿|出资?|[涨调降]到)\s*(\d+(?:\.\d+)?)(?![\d.])(?!\s*(?:元|块|毛|角|万|千|号|楼|栋|点|天|个|次|户|%|年|月|周|星期|小时|分|辆|米|折|层|岁))"
)
_DURATION = re.compile(
    r"(\d+(?:\.\d+)?)\s*(天|周|个星期|星期|个礼拜|礼拜|个月|个小时|小时|个钟头|钟头|个钟|分钟|年|公里)"
)
# one name per unit: 两个钟 and 2小时 are the same time
_UNITS = {"星期": "周", "个星期": "周", "礼拜": "周", "个礼拜": "周",
          "个小时": "小时", "个钟头": "小时", "钟头": "小时", "个钟": "小时", "月": "个月"}
_HALF = re.compile(r"(?:(\d+)个)?半个?(小时|钟头|月|年)")  # 半小时, 一个半小时, 半个月
_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*%")
# 九折, 9折, 九五折, 95折, 8.8折 (cn_digits has made 九五折 9.5折): the price after the discount in tenths (9.5);
# 优惠5%, 便宜10% read the same way.
_DISCOUNT = re.compile(r"(\d+(?:\.\d+)?)\s*折")
_PERCENT_OFF = re.compile(r"(?:优惠|便宜|减免?|少收|让利|打折)(\d+(?:\.\d+)?)\s*%")
# How often a bill is paid: 按月交, 分季度交, 月缴, 年付, 一年一交 (times a year, as 每月交 reads).
_BILLED = re.compile(r"(?:按|分)(?P<unit>半年|季度|季|月|年)(?:度)?(?=交|缴|付|收|结|扣)"
                     r"|(?<![每一\d])(?P<unit2>季度|月|年)(?=缴|付(?!出))"
                     r"|[一1](?P<unit3>年|季度|季|月)[一1](?=交|缴|付|收)")
_BILLED_PER_YEAR = {"半年": 2.0, "季度": 4.0, "季": 4.0, "月": 12.0, "年": 1.0}
# counts, distances and ages: 每户限1辆, 2个车位, 离楼50米, 1米5, 70岁以上 (not 一只狗 or 3楼: articles and addresses
# more than amounts)
_COUNT = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*(辆|个车位|米|岁)(\d(?![\d.]))?")
# How often: 每季度, 每半年一次, 一年洗两回, 两周一次, 一个礼拜清运两次: times a year, so 每半年一次 and 一年两回 agree.
# The period of a frequency is not also a duration (一年两回 is not 一年).
_PERIOD_YEARS = {"天": 1 / 365, "日": 1 / 365, "周": 7 / 365, "星期": 7 / 365, "礼拜": 7 / 365, "月": 1 / 12,
                 "季度": 1 / 4, "季": 1 / 4, "年": 1.0}
_PERIOD_UNIT = r"(?P<half>半)?(?:个)?(?P<unit>天|日|周|星期|礼拜|月|季度|季|年)"
_TIMES = r"(?P<count>(?P<times>\d{1,4}|[一二两三四五六七八九十]{1,4})\s*(?:次|回|遍|趟))"
# 每季度, 每半年一次, 每周清运两次 (not 每周六: a day of the week)
_EVERY = re.compile(
    rf"(?P<period>每\s*(?P<periods>\d+)?\s*{_PERIOD_UNIT})(?![一二三四五六日天1-7](?![次回遍趟]))"
    rf"(?:[^，,。！!？?；;的]{{0,6}}?{_TIMES})?"
)
# 一年洗两回, 两周一次, 1个礼拜清运两次, 半年一次 (a count or 半 first: 明天搞一次 and 周日搞一次 are not how often)
_TIMES_PER = re.compile(
    r"(?<![\d.])(?P<period>(?:(?P<periods>\d+)\s*|(?P<half>半))(?:个)?(?P<unit>天|日|周|星期|礼拜|月|季度|季|年))"
    rf"[^，,。！!？?；;的\d]{{0,4}}?{_TIMES}"
)
# a count of times on its own: 提醒一次, 搞几次讲座 (not 第一次, 一次性)
_TIMES_ALONE = re.compile(r"(?<!第)(?:\d+|[一二两三四五六七八九十几]+)\s*[次回遍趟](?!性)")
# a day of the week (每周六, 星期天), not a week (一周, 每周一次)
_WEEKDAY = re.compile(
    r"(?<![\d零一二两三四五六七八九十])(?:周|星期|礼拜)([一二三四五六日天1-7])(?![次回遍趟])(?!(?<=一)下(?!午))"
)
_WEEKDAYS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "日": 7, "天": 7}
_DECIBEL = re.compile(r"(\d+)\s*分贝")
_FRACTION = re.compile(r"(\d+)分之(\d+)")
_BUILDING = re.compile(r"(\d{1,3})\s*(?:号楼|栋|幢|号院)")
_ENTRANCE = re.compile(r"(\d{1,2})\s*单元")  # 3单元 and 5单元 are other stairwells
_DIRECTION = re.compile(r"(东北|西北|东南|西南|东|西|南|北)(?:侧|边|面|头|角|区|门)")


def cn_digits(text: str) -> str:
    def convert(match: re.Match) -> str:
        value = cn_to_int(match.group(match.lastindex or 1))
        return str(value) if value is not None else match.group(0)

    text = _CN_DISCOUNT.sub(lambda m: f"{cn_to_int(m.group(1))}.{cn_to_int(m.group(2))}", text)
    text = _THREE_DAYS_TWO_ENDS.sub("经常", text)
    text = _CN_FRACTION.sub(lambda m: f"{cn_to_int(m.group(1))}分之{cn_to_int(m.group(2))}", text)
    text = _CN_HOUR.sub(convert, text)
    text = _CN_BEFORE_UNIT.sub(convert, text)
    text = _HUNDREDS.sub(lambda m: str(int(m.group(1)) * 100), text)
    text = _CN_AFTER_YUAN.sub(convert, text)
    return _CN_AFTER_VERB.sub(convert, text)


# An amount the resident turns down is not the one proposed: 21点以后禁止噪音，10点太晚了; 1块8太多了，最多1块5;
# 早7点到9点太短了，改成早6点到10点.
_REJECTED = re.compile(
    rf"(?:{_PERIOD}?\d+(?:[:：]\d{{2}}|点半?)?\s*[-~到至]\s*)?{_PERIOD}?\d+(?:\.\d+)?\s*"
    r"(?:点半?|[:：]\d{2}|元|块\d?|毛|个小时|小时|分钟|天|个星期|星期|个礼拜|礼拜|周|个月|年|米|岁|%|折)?\s*"
    r"(?=太[早晚贵少多长短高低吵快慢急紧久远近大小]|不够|不行|不合适|不现实|有点[早晚贵少多长短高低急紧]"
    r"|没(?:啥|什么)?意思|没(?:啥)?吸引力|不划算)"
)


def _read_frequencies(text: str, found: dict[str, set[float]]) -> str:
    """Adds times a year to found["per_year"]; returns the text with the frequencies blanked out."""
    def rate(match: re.Match) -> str:
        periods = int(match.group("periods") or 1) * (0.5 if match.group("half") else 1.0)
        count = cn_to_int(match.group("times")) if match.group("times") else 1
        if count:
            found.setdefault("per_year", set()).add(round(count / (_PERIOD_YEARS[match.group("unit")] * periods), 1))
        return " " * len(match.group(0))

    def billed(match: re.Match) -> str:
        unit = match.group("unit") or match.group("unit2") or match.group("unit3")
        found.setdefault("per_year", set()).add(_BILLED_PER_YEAR[unit])
        return " " * len(match.group(0))

    return _BILLED.sub(billed, _TIMES_PER.sub(rate, _EVERY.sub(rate, text)))


def _tenths(discount: str) -> float:
    """95折 → 9.5, 9折 → 9, 8.8折 → 8.8 (九五折 is 9.5折 by now)."""
    value = float(discount)
    return value / 10 if value >= 10 else value


def without_frequencies(text: str) -> str:
    """The text without the words of how often (每周, 一个礼拜, 两次), which read_quantities has taken: what is left
    reads as words again (每周打一次药: 打药, 搞几次防诈骗讲座: 搞防诈骗讲座)."""
    def words_left(match: re.Match) -> str:
        kept = match.group(0)
        for name in ("count", "period"):  # the later span first, so the earlier one's offsets still hold
            if match.group(name):
                start, end = match.start(name) - match.start(), match.end(name) - match.start()
                kept = kept[:start] + kept[end:]
        return kept

    return _TIMES_ALONE.sub("", _TIMES_PER.sub(words_left, _EVERY.sub(words_left, text)))


def read_quantities(text: str) -> dict[str, frozenset[float]]:
    found: dict[str, set[float]] = {}
    text = _REJECTED.sub(" ", text)
    text = _read_frequencies(text, found)
    for match in _TIME.finditer(text):
        hours = [int(match.group(2))] + ([int(match.group(3))] if match.group(3) else [])
        tail = match.group(5) or ""
        minute = 30 if tail == "半" else int(match.group(4) or tail.rstrip("分") or 0)
        for position, hour in enumerate(hours):
            # on a 12-hour dial: 晚上八点半, 八点半 and 20:30 are the same time to a resident
            value = (hour % 12) * 60 + (minute if position == len(hours) - 1 else 0)
            found.setdefault("time", set()).add(value)
    if _ALWAYS.search(text):
        found.setdefault("time", set()).add(ALWAYS)
    for match in _MONEY.finditer(text):
        scale = {"万": 10000, "千": 1000}.get(match.group(2) or "", 1)
        value = float(match.group(1)) * scale + (int(match.group(3)) / 10 if match.group(3) else 0)
        found.setdefault("money", set()).add(value)
    money_text = _MONEY.sub(" ", text)  # what is left may still name an amount without 元
    for match in _DIMES.finditer(money_text):
        found.setdefault("money", set()).add(int(match.group(1)) / 10)
    for match in _TEN_THOUSANDS.finditer(money_text):
        found.setdefault("money", set()).add(float(match.group(1)) * {"万": 10000, "千": 1000}[match.group(2)])
    for match in _BARE_MONEY.finditer(money_text):
        found.setdefault("money", set()).add(float(match.group(1)))
    for match in _DURATION.finditer(text):
        _add_duration(found, _UNITS.get(match.group(2), match.group(2)), float(match.group(1)))
    for match in _HALF.finditer(text):
        _add_duration(found, _UNITS.get(match.group(2), match.group(2)), int(match.group(1) or 0) + 0.5)
    for match in _PERCENT.finditer(_PERCENT_OFF.sub(" ", text)):
        found.setdefault("fraction", set()).add(float(match.group(1)) / 100)
    for match in _DISCOUNT.finditer(text):
        found.setdefault("折", set()).add(_tenths(match.group(1)))
    for match in _PERCENT_OFF.finditer(text):
        found.setdefault("折", set()).add(round(10 - float(match.group(1)) / 10, 2))
    for match in _COUNT.finditer(text):
        tenths = int(match.group(3)) / 10 if match.group(3) and match.group(2) == "米" else 0.0
        found.setdefault(match.group(2), set()).add(float(match.group(1)) + tenths)
    for match in _WEEKDAY.finditer(text):
        day = match.group(1)
        found.setdefault("weekday", set()).add(_WEEKDAYS.get(day) or int(day))
    for match in _DECIBEL.finditer(text):
        found.setdefault("分贝", set()).add(float(match.group(1)))
    for match in _FRACTION.finditer(text):
        found.setdefault("fraction", set()).add(int(match.group(2)) / max(int(match.group(1)), 1))
    return {unit: frozenset(values) for unit, values in found.items()}


# Durations in one measure each, so 一个礼拜 and 七天 agree and 一周 and 三十天 differ.
_IN_DAYS = {"天": 1, "周": 7, "个月": 30, "年": 365}
_IN_MINUTES = {"分钟": 1, "小时": 60}


def _add_duration(found: dict[str, set[float]], unit: str, count: float) -> None:
    if unit in _IN_DAYS:
        found.setdefault("days", set()).add(round(count * _IN_DAYS[unit], 1))
    elif unit in _IN_MINUTES:
        found.setdefault("minutes", set()).add(round(count * _IN_MINUTES[unit], 1))
    else:
        found.setdefault(unit, set()).add(count)


def differ(a: dict[str, frozenset[float]], b: dict[str, frozenset[float]]) -> bool:
    """Some kind of amount both name, with no value in common (八点半 / 九点, 一周 / 一个月)."""
    return any(unit in b and not any(_close(unit, x, y) for x in values for y in b[unit]) for unit, values in a.items())


def agree(a: dict[str, frozenset[float]], b: dict[str, frozenset[float]]) -> bool:
    """Some kind of amount both name with the same values (早7-9点 / 早上7点到9点, 两周 / 十五天)."""
    return any(unit in b and all(any(_close(unit, x, y) for y in b[unit]) for x in values)
               and all(any(_close(unit, x, y) for x in values) for y in b[unit]) for unit, values in a.items())


def _close(unit: str, x: float, y: float) -> bool:
    """The same amount; a duration within a tenth (两周 / 十五天, 四周 / 一个月) is said loosely."""
    return x == y or (unit in ("days", "minutes") and abs(x - y) <= 0.1 * max(x, y))


def read_places(text: str) -> dict[str, set[str]]:
    places: dict[str, set[str]] = {}
    for match in _BUILDING.finditer(text):
        places.setdefault("bldg", set()).add(match.group(1))
    for match in _ENTRANCE.finditer(text):
        places.setdefault("entrance", set()).add(match.group(1))
    for match in _DIRECTION.finditer(text):
        places.setdefault("dir", set()).add(match.group(1))
    for clause in CLAUSE_BREAK.split(text):
        for match in _DIRECTION.finditer(clause):
            shut = _shut_or_open(clause, match) if match.group(0).endswith("门") else ""
            if shut:
                places.setdefault("dir_shut", set()).add(match.group(1) + shut)
    return places


# 关北门，留南门 / 北门锁上，只开南门: which gate is shut and which stays open tells two rules for the same gates apart.
_SHUT, _LEFT_OPEN = "关锁封堵", "留开走通"
_GATE_VERB = re.compile(f"[{_SHUT}{_LEFT_OPEN}]")
_VERB_BEFORE = re.compile(f"([{_SHUT}{_LEFT_OPEN}])(?:掉|上|住|死)?(?:着)?$")


def _shut_or_open(clause: str, match: re.Match) -> str:
    """"-" for a gate shut, "+" for one left open, "" when its clause does not say: the verb right before the
    place (关北门, 只留南门), else the first one after it (北门关掉, 南门晚上十点锁)."""
    before = _VERB_BEFORE.search(clause[:match.start()])
    after = _GATE_VERB.search(clause, match.end())
    verb = before.group(1) if before else after.group(0) if after else ""
    return "" if not verb else "-" if verb in _SHUT else "+"
