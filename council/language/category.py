"""Which of the common categories a topic belongs to, for the staff digest (a facilitator can correct it)."""

from __future__ import annotations

from council.language._text import normalize

OTHER = "其他"
_TITLE_WEIGHT = 3.0
_MIN_SCORE = 2.0
_PROPOSALS_AS = 4.0  # proposals weigh as if there were at most this many (their mean times this)
# A term followed by one of these names where something happens, not what (电梯里, 草坪上, 垃圾房附近): in a
# title it counts once, as in a proposal, not three times. Of the 26 such places in the labelled titles, 14 belong
# to another category than the topic's (电梯里狗狗不拴绳 is 文明养宠, 楼道里有人给电瓶车充电 电动车充电).
_PLACE_AFTER = ("里", "内", "上", "附近", "旁", "边", "门口", "周围", "周边", "下面", "底下")


class Categorizer:
    def __init__(self, categories: tuple[tuple[str, dict[str, float]], ...]):
        self.names = tuple(name for name, _ in categories)
        self._weights: dict[str, list[tuple[int, float]]] = {}
        for index, (_, terms) in enumerate(categories):
            for term, weight in terms.items():
                self._weights.setdefault(term, []).append((index, weight))
        self._by_first: dict[str, list[str]] = {}
        for term in sorted(self._weights, key=len, reverse=True):  # longest first: 流浪狗 before 狗
            self._by_first.setdefault(term[0], []).append(term)

    def found(self, text: str) -> list[tuple[str, bool]]:
        """The category terms of a text in order, longest first at each place (流浪狗 is not also 狗), each with
        whether it names a place (电梯里)."""
        text = normalize(text, keep_spaces=False)
        found = []
        position = 0
        while position < len(text):
            for term in self._by_first.get(text[position], ()):
                if text.startswith(term, position):
                    position += len(term)
                    found.append((term, text.startswith(_PLACE_AFTER, position)))
                    break
            else:
                position += 1
        return found

    def _text_scores(self, text: str, factor: float = 1.0, place_factor: float = 1.0) -> list[float]:
        totals = [0.0] * len(self.names)
        factors: dict[str, float] = {}
        for term, place in self.found(text):  # a term counts once a text
            factors[term] = max(factors.get(term, 0.0), place_factor if place else factor)
        for term, term_factor in factors.items():
            for index, weight in self._weights[term]:
                totals[index] += weight * term_factor
        return totals

    def scores(self, title: str, proposals: list[str]) -> list[float]:
        totals = self._text_scores(title, _TITLE_WEIGHT)
        if proposals:
            share = min(1.0, _PROPOSALS_AS / len(proposals))
            for proposal in proposals:
                for index, score in enumerate(self._text_scores(proposal)):
                    totals[index] += share * score
        return totals

    def category(self, title: str, proposals: list[str]) -> str:
        totals = self.scores(title, proposals)
        best = max(range(len(totals)), key=lambda i: (totals[i], -i))
        return self.names[best] if totals[best] >= _MIN_SCORE else OTHER
