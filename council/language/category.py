"""Which of the common categories a topic belongs to, for the staff digest (a facilitator can correct it)."""

from __future__ import annotations

import re

from council.language._text import normalize

OTHER = "其他"
_TITLE_WEIGHT = 3.0
_MIN_SCORE = 2.0


class Categorizer:
    def __init__(self, categories: tuple[tuple[str, dict[str, float]], ...]):
        self.names = tuple(name for name, _ in categories)
        self._weights: dict[str, list[tuple[int, float]]] = {}
        for index, (_, terms) in enumerate(categories):
            for term, weight in terms.items():
                self._weights.setdefault(term, []).append((index, weight))
        alternatives = sorted(self._weights, key=len, reverse=True)  # longest first: 流浪狗 before 狗
        self._pattern = re.compile("|".join(re.escape(term) for term in alternatives))

    def scores(self, title: str, proposals: list[str]) -> list[float]:
        totals = [0.0] * len(self.names)
        for text, factor in [(title, _TITLE_WEIGHT), *((p, 1.0) for p in proposals)]:
            seen: set[str] = set()
            for match in self._pattern.finditer(normalize(text, keep_spaces=False)):
                term = match.group()
                if term in seen:
                    continue  # a term counts once a text
                seen.add(term)
                for index, weight in self._weights[term]:
                    totals[index] += weight * factor
        return totals

    def category(self, title: str, proposals: list[str]) -> str:
        totals = self.scores(title, proposals)
        best = max(range(len(totals)), key=lambda i: (totals[i], -i))
        return self.names[best] if totals[best] >= _MIN_SCORE else OTHER
