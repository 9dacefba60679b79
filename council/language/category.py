"""Which of the common categories a topic belongs to, for the staff digest (a facilitator can correct it)."""

from __future__ import annotations

from council.language._text import normalize

OTHER = "其他"
_TITLE_WEIGHT = 3.0
_MIN_SCORE = 2.0
_PROPOSALS_AS = 4.0  # proposals weigh as if there were at most this many (their mean times this)


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

    def found(self, text: str) -> list[str]:
        """The category terms of a text, in order, longest first at each place (流浪狗 is not also 狗)."""
        text = normalize(text, keep_spaces=False)
        found = []
        position = 0
        while position < len(text):
            for term in self._by_first.get(text[position], ()):
                if text.startswith(term, position):
                    found.append(term)
                    position += len(term)
                    break
            else:
                position += 1
        return found

    def _text_scores(self, text: str) -> list[float]:
        totals = [0.0] * len(self.names)
        for term in set(self.found(text)):  # a term counts once a text
            for index, weight in self._weights[term]:
                totals[index] += weight
        return totals

    def scores(self, title: str, proposals: list[str]) -> list[float]:
        totals = [_TITLE_WEIGHT * score for score in self._text_scores(title)]
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
