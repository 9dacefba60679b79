"""Residents' Chinese, understood as a patient neighbour would (issue #4). Pure: no Telegram, no SQL.

    language = Language(cache_dir=data_dir)   # jieba's dictionary cache goes there
    language.warm_up()                        # at start-up, in a thread: loads jieba + our dictionary
    language.read_vote("投2号", "choice", [1, 2, 3])          → VoteReading("vote", (2,))
    language.guess_vote("我觉得二号还行", "choice", [1, 2, 3]) → VoteReading("unsure", (2,)): ask, do not count
    language.similar("划个地方专门喂狗", [(1, "设固定投喂点")]) → Match(1, …, "共同要点：地点、投喂")
    language.keywords(topic_texts, corpus)    → ["投喂点", "狂犬疫苗", "救助站", …]
    language.category(title, proposals)       → "流浪狗"
    language.is_uncivil("你是不是有病")        → True

Vote reading needs no jieba and answers at once; similar, keywords load jieba on first use if warm_up has not
run yet (then that first call waits for the load: ~0.3 s with the cache, ~1 s without, on a 2-core machine).
Thread safety: loading is guarded by a lock; the caches of signatures and topics are plain dicts, safe under
the GIL for the bot's single event-loop thread (call from one thread at a time, or one Language per thread).
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from council.language import _lexicon
from council.language._segmenter import Segmenter, default_cache_dir
from council.language.category import Categorizer
from council.language.civility import CivilityChecker
from council.language.comparing import QUANTITY_BONUS, compare, topic_weights
from council.language.keywords import KeywordExtractor
from council.language.likeness import COEFFICIENTS, Rarity, likeness, logit, wording, wording_overlap
from council.language.meaning import Reader, Signature
from council.language.vote_guess import guess_vote
from council.language.votes import NOT_A_VOTE, VoteReading, read_vote

__all__ = ["CATEGORIES", "SIMILAR_THRESHOLD", "Language", "Match", "VoteReading"]

# The 14 categories of the staff digest, in the order of categories.txt (其他 last).
CATEGORIES: tuple[str, ...] = tuple(name for name, _ in _lexicon.categories())
# similar() answers a match at or above this score (likeness.py's model). bench/fit_similarity.py prints the figures
# at 0.55-0.70 with each labelled set left out; at 0.65 precision on the tuned split stays above 0.9 while sets
# written by people who never saw the lexicon get a paraphrase named for 0.1-0.2 more of their proposals.
SIMILAR_THRESHOLD = 0.65
_THRESHOLD_LOGIT = logit(SIMILAR_THRESHOLD)
_SIGNATURE_CACHE = 4096
_TOPIC_CACHE = 64


@dataclass(frozen=True)
class Match:
    """The active proposal a new one is close to. `reason`: a short Chinese note of what they share (for logs
    and for facilitators); `shared`: the concepts themselves."""

    number: int
    score: float
    reason: str
    shared: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Topic:
    weights: dict[str, float]  # concepts most proposals share weigh less (comparing.topic_weights)
    signatures: list[Signature]
    wordings: list[frozenset[str]]
    rarity: Rarity  # of the characters among the topic's proposals
    weighted: list[tuple[dict[str, float], float]]  # each proposal's concept weights and their sum
    masses: list[float]  # each proposal's rarity.mass


def _weighted(signature: Signature, topic: dict[str, float]) -> tuple[dict[str, float], float]:
    weights = {concept: weight * topic.get(concept, 1.0) for concept, (_, weight) in signature.features.items()}
    return weights, sum(weights.values())


class Language:
    def __init__(self, cache_dir: str | Path | None = None):
        """cache_dir: where jieba's prefix dictionary is cached (the bot passes its data directory). None: the
        user's cache directory, $XDG_CACHE_HOME/stairwell-council or ~/.cache/stairwell-council (never /tmp).
        Nothing is loaded here; warm_up() or the first call that needs jieba loads it."""
        self._lexicon = _lexicon.lexicon()
        self._stopwords = _lexicon.stopwords()
        self.segmenter = Segmenter(cache_dir if cache_dir is not None else default_cache_dir(),
                                   list(_lexicon.user_words()))
        self._reader = Reader(self._lexicon, self._stopwords, self.segmenter.cut)
        self._keywords = KeywordExtractor(self._lexicon, self._stopwords, _lexicon.domain_terms(), self.segmenter.cut,
                                          self.segmenter.information)
        self._categorizer = Categorizer(_lexicon.categories())
        self._civility = CivilityChecker(_lexicon.insults())
        self._signatures: OrderedDict[str, Signature] = OrderedDict()
        self._topics: OrderedDict[tuple[str, ...], _Topic] = OrderedDict()

    # ------------------------------------------------------------------ start-up

    def warm_up(self) -> float:
        """Load jieba and our dictionary now (blocking; call it in a thread at start-up). Seconds taken."""
        return self.segmenter.load()

    @property
    def ready(self) -> bool:
        """True once jieba is loaded: similar() and keywords() will not wait."""
        return self.segmenter.ready

    # ------------------------------------------------------------------ votes

    def read_vote(self, text: str, method: str, options: list[int]) -> VoteReading:
        """A typed vote while a ballot is open. method: "choice" | "approval" | "consent"; options: the numbers on
        the ballot (consent: [1, 2, 3] = 赞成/反对/弃权). "none" means: not a vote, leave the message alone."""
        if not text or not text.strip():
            return NOT_A_VOTE
        return read_vote(text, str(method), list(options))

    def guess_vote(self, text: str, method: str, options: list[int]) -> VoteReading:
        """For a message read_vote() leaves alone: "unsure" with the one option it plainly leans to (the bot asks
        its author 「您是想投 #2 吗？」), else "none". Never a vote by itself."""
        if not text or not text.strip():
            return NOT_A_VOTE
        return guess_vote(text, str(method), list(options))

    # ------------------------------------------------------------------ proposals

    def signature(self, text: str) -> Signature:
        """The concepts of a proposal with their polarity (cached by text)."""
        cached = self._signatures.get(text)
        if cached is not None:
            self._signatures.move_to_end(text)
            return cached
        signature = self._reader.read(text)
        self._signatures[text] = signature
        if len(self._signatures) > _SIGNATURE_CACHE:
            self._signatures.popitem(last=False)
        return signature

    def _topic(self, texts: tuple[str, ...]) -> _Topic:
        """A topic's proposals read once: their signatures and wordings, the topic's concept weights and the
        rarity of its characters (cached by the tuple of texts)."""
        cached = self._topics.get(texts)
        if cached is not None:
            self._topics.move_to_end(texts)
            return cached
        signatures = [self.signature(text) for text in texts]
        wordings = [wording(text) for text in texts]
        weights = topic_weights(signatures)
        rarity = Rarity(wordings)
        cached = _Topic(weights, signatures, wordings, rarity,
                        [_weighted(signature, weights) for signature in signatures],
                        [rarity.mass(chars) for chars in wordings])
        self._topics[texts] = cached
        if len(self._topics) > _TOPIC_CACHE:
            self._topics.popitem(last=False)
        return cached

    def _topic_weights(self, texts: tuple[str, ...]) -> dict[str, float]:
        return self._topic(texts).weights

    def score(self, a: str, b: str) -> float:
        """How alike two proposals are, in (0, 1), as a topic of just these two; at or above SIMILAR_THRESHOLD
        they say the same thing."""
        return self.pair_scores((a, b))[(0, 1)]

    def pair_scores(self, texts: tuple[str, ...]) -> dict[tuple[int, int], float]:
        """Every pair (i < j) of one topic's proposals scored as similar() scores them (for the benchmarks)."""
        prepared = self._topic(tuple(texts))
        scores = {}
        for i in range(len(texts)):
            for j in range(i + 1, len(texts)):
                comparison = compare(prepared.signatures[i], prepared.signatures[j], prepared.weights)
                scores[(i, j)] = likeness(comparison, prepared.wordings[i], prepared.wordings[j], prepared.rarity).score
        return scores

    def matches(self, text: str, existing: list[tuple[int, str]], limit: int = 3) -> list[Match]:
        """The active proposals close to `text`, best first, at or above the threshold (at most `limit`)."""
        if not text or not text.strip() or not existing:
            return []
        new = self.signature(text)
        new_wording = wording(text)
        prepared = self._topic(tuple(body for _, body in existing))
        topic, rarity = prepared.weights, prepared.rarity
        new_weights, new_concepts = _weighted(new, topic)
        new_mass = rarity.mass(new_wording)
        bonus = QUANTITY_BONUS if new.quantities else 0.0
        found: list[Match] = []
        for index, (number, _) in enumerate(existing):
            signature, other = prepared.signatures[index], prepared.wordings[index]
            weights, concepts = prepared.weighted[index]
            masses = (new_mass, prepared.masses[index])
            # An upper bound of the score, to pass over most proposals of a topic without comparing them: concept
            # agreement at most the shared weight over the larger side, the wording overlap without its gate.
            shared = new_weights.keys() & weights.keys()
            concept_bound = sum(new_weights[concept] for concept in shared) / max(new_concepts, concepts, 1e-9)
            concept_bound += bonus if signature.quantities else 0.0
            overlap, contained = wording_overlap(new_wording, other, rarity, masses)
            bound = (COEFFICIENTS["concepts"] * concept_bound + COEFFICIENTS["shared"] * overlap
                     + COEFFICIENTS["contained"] * contained + COEFFICIENTS["bias"])
            if bound < _THRESHOLD_LOGIT:
                continue
            alike = likeness(compare(new, signature, topic), new_wording, other, rarity, masses)
            if alike.score >= SIMILAR_THRESHOLD:
                telling = tuple(concept for concept in alike.comparison.agree if self._telling(concept, topic))
                reason = "共同要点：" + "、".join(telling[:4]) if telling else "意思相近"
                found.append(Match(number, round(alike.score, 3), reason, telling))
        found.sort(key=lambda match: (-match.score, match.number))
        return found[:limit]

    def _telling(self, concept: str, topic: dict[str, float]) -> bool:
        """Worth naming in Match.reason: not a generic action (设置), a negation, an unknown word or an entity
        every proposal of the topic shares."""
        group = self._lexicon.groups.get(concept)
        return group is not None and group.weight >= 0.5 and topic.get(concept, 1.0) > 0.5

    def similar(self, text: str, existing: list[tuple[int, str]]) -> Match | None:
        """The active proposal (number, text) that says the same as `text`, or None. Precision first: opposite
        decisions (设固定投喂点 / 禁止投喂), other places (车棚 / 地下车库) and other times or amounts are not."""
        found = self.matches(text, existing, limit=1)
        return found[0] if found else None

    # ------------------------------------------------------------------ topics

    def keywords(self, texts: list[str], corpus: list[str], k: int = 5) -> list[str]:
        """What residents keep raising: TF-IDF of the topic's texts against the corpus of our database (each
        document one topic's title and proposals joined); phrases whole, stopwords and numbers out, synonyms
        folded (电瓶车 counts as 电动车) and shown in the topic's own words (蚊子 rather than the lexicon's 蚊虫)."""
        return self._keywords.keywords(list(texts), list(corpus), k)

    def category(self, title: str, proposals: list[str]) -> str:
        """One of CATEGORIES, from the title (weighs most) and the proposals; 其他 when nothing fits."""
        return self._categorizer.category(title or "", list(proposals))

    def is_uncivil(self, text: str) -> bool:
        """Insults, slurs or profanity aimed at people; strong opinions about proposals are civil."""
        return bool(text) and self._civility.is_uncivil(text)

