"""The data files of council/language/data, parsed once: lexicon, stopwords, user dictionary, categories, insults."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources

KINDS = {"ent", "place", "neg", "rm", "stop", "act", "time"}


@dataclass(frozen=True)
class Group:
    """A synonym group of lexicon.txt. `concepts`: (concept, flipped) pairs it stands for."""

    canonical: str
    forms: tuple[str, ...]
    concepts: tuple[tuple[str, bool], ...]
    weight: float = 1.0
    kinds: frozenset[str] = frozenset()

    @property
    def kind(self) -> str:
        for kind in ("neg", "rm", "stop", "place", "ent", "time"):
            if kind in self.kinds:
                return kind
        return "act" if "act" in self.kinds else "obj"


@dataclass
class Lexicon:
    groups: dict[str, Group] = field(default_factory=dict)  # canonical → group
    form_to_group: dict[str, Group] = field(default_factory=dict)  # every form → its group
    duplicates: list[str] = field(default_factory=list)  # forms listed in two groups (the first one wins)
    max_form_len: int = 1

    def group(self, token: str) -> Group | None:
        return self.form_to_group.get(token)

    def concept_group(self, concept: str) -> Group:
        return self.groups[concept]


def _data(name: str) -> str:
    return resources.files("council.language").joinpath("data").joinpath(name).read_text(encoding="utf-8")


def _lines(name: str):
    for line in _data(name).splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            yield line


def parse_lexicon(text: str) -> Lexicon:
    lexicon = Lexicon()
    pending: list[tuple[Group, list[str]]] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        forms: list[str] = []
        decomposition: list[str] = []
        weight = 1.0
        kinds: set[str] = set()
        in_decomposition = False
        for item in line.split():
            if item == "=":
                in_decomposition = True
            elif item.startswith("@"):
                weight = float(item[1:])
            elif item.startswith("!"):
                if item[1:] not in KINDS:
                    raise ValueError(f"lexicon.txt: unknown kind {item!r} in {line!r}")
                kinds.add(item[1:])
            elif in_decomposition:
                decomposition.append(item)
            else:
                forms.append(item.lower())
        group = Group(forms[0], tuple(forms), (), weight, frozenset(kinds))
        pending.append((group, decomposition))
    for group, _ in pending:
        if group.canonical in lexicon.groups:
            raise ValueError(f"lexicon.txt: {group.canonical!r} opens two groups")
        lexicon.groups[group.canonical] = group
    for group, decomposition in pending:
        concepts: list[tuple[str, bool]] = []
        for item in decomposition or [group.canonical]:
            flipped = item.startswith("~")
            name = item.lstrip("~")
            if name not in lexicon.groups:
                raise ValueError(f"lexicon.txt: {group.canonical!r} refers to unknown group {name!r}")
            concepts.append((name, flipped))
        final = Group(group.canonical, group.forms, tuple(concepts), group.weight, group.kinds)
        lexicon.groups[group.canonical] = final
        for form in group.forms:
            if form in lexicon.form_to_group:
                lexicon.duplicates.append(form)
                continue
            lexicon.form_to_group[form] = final
            lexicon.max_form_len = max(lexicon.max_form_len, len(form))
    return lexicon


@cache
def lexicon() -> Lexicon:
    return parse_lexicon(_data("lexicon.txt"))


@cache
def stopwords() -> frozenset[str]:
    return frozenset(word for line in _lines("stopwords.txt") for word in line.split())


@cache
def user_words() -> tuple[str, ...]:
    """Words for jieba: userdict.txt and every lexicon form of two characters or more."""
    words: dict[str, None] = {}
    for line in _lines("userdict.txt"):
        words[line.split()[0]] = None
    for form in lexicon().form_to_group:
        if len(form) >= 2 and not form.isascii():
            words[form] = None
    return tuple(words)


@cache
def domain_terms() -> frozenset[str]:
    """Terms a keyword list may favour: userdict.txt and the canonical forms of the lexicon."""
    terms = {line.split()[0] for line in _lines("userdict.txt")}
    terms.update(group.canonical for group in lexicon().groups.values()
                 if group.kind not in ("neg", "rm", "stop") and len(group.canonical) >= 2)
    return frozenset(terms)


@cache
def categories() -> tuple[tuple[str, dict[str, float]], ...]:
    result = []
    for line in _lines("categories.txt"):
        name, _, terms = line.partition("\t")
        weights: dict[str, float] = {}
        for item in terms.split():
            term, _, weight = item.partition(":")
            weights[term.lower()] = float(weight) if weight else 1.0
        result.append((name.strip(), weights))
    return tuple(result)


@cache
def insults() -> dict[str, tuple[str, ...]]:
    result: dict[str, tuple[str, ...]] = {}
    for line in _lines("insults.txt"):
        kind, _, words = line.partition("\t")
        result[kind.strip()] = tuple(word.lower() for word in words.split())
    return result
