"""How close two proposals' decisions are (SPEC §6): their signatures (meaning.py) compared by weighted overlap,
where a concept held with opposite polarity counts against; different places (3号楼 / 5号楼, 车棚 / 地下车库, who
pays, which colour, which gate is shut) or different quantities (八点半 / 九点, 一小时五块 / 十块, 一周 / 一个月) lower
the score further. Concepts most proposals of a topic share (狗 and 投喂 in a stray-dog topic) weigh less.
"""

from __future__ import annotations

from dataclasses import dataclass

from council.language.meaning import Signature
from council.language.quantities import agree as amounts_agree
from council.language.quantities import differ as amounts_differ

# Weights and penalties (tuned on the dev split of tests/data/proposals.jsonl).
_CONFLICT = 1.5  # a concept held with opposite polarity counts this much against
_PLACE_PENALTY = 0.3
_QUANTITY_PENALTY = 0.3
QUANTITY_BONUS = 0.25  # the same time or amount (早7-9点 / 早上7点到9点) is distinctive
_TOPIC_MIN = 5  # proposals before topic frequencies mean anything
_TOPIC_DAMPING = 0.7
_TOPIC_FLOOR = 0.3


@dataclass(frozen=True)
class Comparison:
    score: float
    agree: tuple[str, ...]
    conflict: tuple[str, ...]
    place_mismatch: bool
    quantity_mismatch: bool



def topic_weights(signatures: list[Signature]) -> dict[str, float]:
    """Concepts most proposals of a topic share (狗 and 投喂 in a stray-dog topic) tell them apart least."""
    count = len(signatures)
    if count < _TOPIC_MIN:
        return {}
    frequency: dict[str, int] = {}
    for signature in signatures:
        for concept in signature.features:
            frequency[concept] = frequency.get(concept, 0) + 1
    return {concept: max(_TOPIC_FLOOR, 1.0 - _TOPIC_DAMPING * (n - 1) / (count - 1))
            for concept, n in frequency.items() if n > 1}


def compare(a: Signature, b: Signature, topic: dict[str, float] | None = None) -> Comparison:
    topic = topic or {}
    agree_weight = 0.0
    conflict_weight = 0.0
    union = 0.0
    agree: list[str] = []
    conflict: list[str] = []
    for concept, (sign_a, weight_a) in a.features.items():
        damping = topic.get(concept, 1.0)
        weight_a *= damping
        other = b.features.get(concept)
        if other is None:
            union += weight_a
            continue
        sign_b, weight_b = other
        weight_b *= damping
        union += max(weight_a, weight_b)
        if sign_a and sign_b and sign_a != sign_b:
            conflict_weight += min(weight_a, weight_b)  # as sure as the less sure side
            conflict.append(concept)
        else:
            agree_weight += min(weight_a, weight_b)
            agree.append(concept)
    for concept, (_, weight_b) in b.features.items():
        if concept not in a.features:
            union += weight_b * topic.get(concept, 1.0)
    if union <= 0:
        return Comparison(0.0, (), (), False, False)
    score = (agree_weight - _CONFLICT * conflict_weight) / union
    place_mismatch = any(kind in b.places and not (values & b.places[kind]) for kind, values in a.places.items())
    quantity_mismatch = amounts_differ(a.quantities, b.quantities)
    if place_mismatch:
        score *= _PLACE_PENALTY
    if quantity_mismatch:
        score *= _QUANTITY_PENALTY
    elif amounts_agree(a.quantities, b.quantities):
        score += QUANTITY_BONUS
    return Comparison(score, tuple(agree), tuple(conflict), place_mismatch, quantity_mismatch)
