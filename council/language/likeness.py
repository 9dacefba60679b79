"""How alike two proposals of one topic are: what they decide (comparing.compare) and the wording they share.

comparing.compare reads a decision through the lexicon's concepts. It tells 设固定投喂点 from 禁止投喂, but a paraphrase
in words the lexicon lacks (狗狗吃饭的地方定在北门绿化带 for 北门绿化带设投喂点) shares few concepts with it, and on
sets written by people who never saw the lexicon it found a paraphrase for fewer than half of the proposals that
had one. Residents who say the same thing again mostly reuse some of its characters (嘴套 / 上嘴套, 阻车器 / 阻车装置,
绿化带 / 北门), so the score adds the characters two proposals share, each weighted by how rare it is in the topic:
狗 in a stray-dog topic says little, 嘴 says a lot. Shared characters count only when the two proposals do not
conflict (a concept held with opposite polarity, another place, another time or amount): shared characters are
exactly what 设投喂点 and 禁止投喂, or 罚50 and 罚200, have in common.

The parts are weighed by a logistic model fitted on the labelled proposal sets (`bench/fit_similarity.py` refits it
and prints its figures with each set left out in turn); the score is its output in (0, 1).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from council.language._text import normalize
from council.language.comparing import Comparison

# Characters of grammar, pronouns and the commonest verbs: every proposal has them.
_FUNCTION_CHARS = frozenset("的了吧呢啊呀吗嘛我你他她它们这那个一不是有在就都也还再又很把给让被和跟要会能可以")

# The model (bench/fit_similarity.py, fitted on dev + test + holdout of proposals.jsonl, blind2 and blind3):
# z = CONCEPTS·compare().score + (no conflict) · (SHARED·rarity-weighted Jaccard + CONTAINED·rarity-weighted share of
# the shorter proposal) + PLACE·another place + AMOUNT·another time or amount + BIAS; score = 1 / (1 + e^-z).
COEFFICIENTS = {"concepts": 3.64, "shared": 1.07, "contained": 2.15, "place": -0.27, "amount": -0.16, "bias": -1.06}

PRIOR = 10  # Rarity: as if a topic also had this many proposals without the character
# Until a topic has this many proposals, which characters are its subject (停 and 车 in a parking topic) is not
# known: 划线停车 and 错峰停车 share half their characters. Below it the wording counts in proportion.
KNOWN_TOPIC = 5


def wording(text: str) -> frozenset[str]:
    """The Chinese characters of a proposal that carry meaning (function characters left out)."""
    return frozenset(char for char in normalize(text) if "\u4e00" <= char <= "\u9fff" and char not in _FUNCTION_CHARS)


class Rarity:
    """How rare each character is among a topic's proposals: log((n + PRIOR) / (proposals with it + 1)), as if
    the topic also had PRIOR proposals without it. Without that prior, in a topic of two proposals every character
    they share would weigh less than every character they do not, and a paraphrase would look unlike its original.
    A character no proposal of the topic has weighs log(n + PRIOR). `trust`: how much wording overlap can say in
    a topic this size (1 from KNOWN_TOPIC proposals on)."""

    def __init__(self, wordings: Iterable[frozenset[str]]):
        counts: Counter[str] = Counter()
        size = 0
        for chars in wordings:
            counts.update(chars)
            size += 1
        self.weights = {char: math.log((size + PRIOR) / (count + 1)) for char, count in counts.items()}
        self.unseen = math.log(size + PRIOR)
        self.trust = min(1.0, size / KNOWN_TOPIC)

    def mass(self, chars: Iterable[str]) -> float:
        weights, unseen = self.weights, self.unseen
        return sum(weights.get(char, unseen) for char in chars)


@dataclass(frozen=True)
class Likeness:
    score: float
    comparison: Comparison


def features(comparison: Comparison, a: frozenset[str], b: frozenset[str], rarity: Rarity,
             masses: tuple[float, float] | None = None) -> dict[str, float]:
    """What the model weighs, by COEFFICIENTS' names. masses: rarity.mass of a and b, when already known."""
    conflict = bool(comparison.conflict) or comparison.place_mismatch or comparison.quantity_mismatch
    shared, contained = (0.0, 0.0) if conflict else wording_overlap(a, b, rarity, masses)
    return {"concepts": comparison.score, "shared": shared, "contained": contained,
            "place": float(comparison.place_mismatch), "amount": float(comparison.quantity_mismatch), "bias": 1.0}


def likeness(comparison: Comparison, a: frozenset[str], b: frozenset[str], rarity: Rarity,
             masses: tuple[float, float] | None = None) -> Likeness:
    """The score of two proposals from their concept comparison and their wordings."""
    found = features(comparison, a, b, rarity, masses)
    return Likeness(logistic(sum(COEFFICIENTS[name] * value for name, value in found.items())), comparison)


def logistic(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def logit(p: float) -> float:
    return math.log(p / (1.0 - p))


def wording_overlap(a: frozenset[str], b: frozenset[str], rarity: Rarity,
                    masses: tuple[float, float] | None = None) -> tuple[float, float]:
    """(weighted Jaccard, weighted share of the smaller side) of two wordings, times rarity.trust; (0, 0) when they
    share nothing."""
    common = a & b
    if not common or not rarity.trust:
        return 0.0, 0.0
    shared = rarity.mass(common)
    mass_a, mass_b = masses if masses is not None else (rarity.mass(a), rarity.mass(b))
    union = mass_a + mass_b - shared
    smaller = min(mass_a, mass_b)
    trust = rarity.trust
    return (trust * shared / union if union > 0 else 0.0), (trust * shared / smaller if smaller > 0 else 0.0)
