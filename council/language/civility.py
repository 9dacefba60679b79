"""The council's rule 就事论事，不针对个人: insults and profanity aimed at people are held back; strong opinions
about proposals (坚决反对, 这个方案太差了) are not."""

from __future__ import annotations

import re

from council.language._text import normalize

_PERSON = (r"(?:你们|你|他们|她们|他|她|楼上|楼下|那家人|这家人|那家|这家|那个人|这个人|那人|这人|"
           r"这帮人|那帮人|这些人|那些人)")
_LINK = r"(?:就是|真是|简直是|简直|是|真|太|这种|那种|这个|那个|个|像|跟)"
_GAP = r"[^的,，。!！?？]{0,4}?"


class CivilityChecker:
    def __init__(self, words: dict[str, tuple[str, ...]]):
        self._allow = re.compile("|".join(map(re.escape, sorted(words.get("allow", ()), key=len, reverse=True))))
        always = [self._word(word) for word in sorted(words.get("always", ()), key=len, reverse=True)]
        self._always = re.compile("|".join(always))
        predicates = "|".join(map(re.escape, words.get("pred", ())))
        nouns = "|".join(map(re.escape, words.get("noun", ())))
        self._predicate = re.compile(rf"{_PERSON}{_GAP}(?:{predicates})")
        self._noun = re.compile(rf"{_PERSON}{_GAP}{_LINK}{_GAP}(?:{nouns})")
        self._go_away = re.compile(r"(?:^|[,，。!！ ])滚(?:$|[,，。!！ 吧啊])")

    @staticmethod
    def _word(word: str) -> str:
        """Latin words must stand alone (sb is not part of usb)."""
        escaped = re.escape(word)
        return rf"(?<![a-z]){escaped}(?![a-z])" if word.isascii() else escaped

    def is_uncivil(self, text: str) -> bool:
        spaced = normalize(text)
        if self._go_away.search(spaced):
            return True
        clean = self._allow.sub("", re.sub(r"[\s*·._\-]+", "", spaced))
        return bool(self._always.search(clean) or self._predicate.search(clean) or self._noun.search(clean))
