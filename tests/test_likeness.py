"""Similar proposals: the wording half of the score (council/language/likeness.py) and how similar() uses it."""

from __future__ import annotations

import pytest

from council.language import SIMILAR_THRESHOLD, Language
from council.language.comparing import Comparison
from council.language.likeness import Rarity, features, likeness, wording


@pytest.fixture(scope="module")
def language(tmp_path_factory):
    lang = Language(cache_dir=tmp_path_factory.mktemp("jieba"))
    lang.warm_up()
    return lang


def test_wording_keeps_the_characters_that_carry_meaning():
    assert wording("我们能不能把嘴套戴上？🐶") == frozenset("嘴套戴上")


def test_in_a_small_topic_shared_characters_still_count():
    rarity = Rarity([wording("门口装个雨棚"), wording("单元门口加雨棚")])
    assert rarity.weights["雨"] > 0  # without the prior, a character in both of two proposals would weigh 0
    assert rarity.weights["单"] > rarity.weights["雨"]  # in one proposal: rarer, weighs more
    assert rarity.mass("鸽") == rarity.unseen > rarity.weights["单"]  # a character the topic never had


def test_shared_wording_counts_only_when_the_decisions_do_not_conflict():
    a, b = wording("禁止在花坛边喂猫"), wording("在花坛边设喂猫点")
    rarity = Rarity([a, b])
    agreeing = Comparison(0.2, ("投喂",), (), False, False)
    conflicting = Comparison(0.2, (), ("投喂",), False, False)
    assert features(agreeing, a, b, rarity)["shared"] > 0
    assert features(conflicting, a, b, rarity)["shared"] == features(conflicting, a, b, rarity)["contained"] == 0
    assert likeness(conflicting, a, b, rarity).score < likeness(agreeing, a, b, rarity).score


def test_a_paraphrase_in_words_the_lexicon_lacks_is_found_by_its_wording(language):
    # 驱蚊草 is not in the lexicon: by concepts alone these shared only 垃圾房 (0.29 on the old scale, below its 0.34)
    topic = [(1, "垃圾房边上种点驱蚊草"), (2, "垃圾房每周喷药"), (3, "垃圾房搬远一点")]
    match = language.similar("垃圾房门口摆几盆驱蚊草", topic)
    assert match is not None and match.number == 1 and match.score >= SIMILAR_THRESHOLD


def test_shared_wording_does_not_make_an_opposite_decision_similar(language):
    topic = [(1, "在北门花坛边设一个固定投喂点"), (2, "找救助站把狗接走")]
    assert language.similar("北门花坛边禁止投喂", topic) is None
    assert language.score("每月罚款五十元", "每月罚款两百元") < SIMILAR_THRESHOLD  # same words, another amount


def test_an_object_that_only_qualifies_the_next_keeps_its_side_in_a_removal(language):
    assert language.signature("快递柜超时费取消掉").features["快递柜"][0] != -1  # 超时费 goes, not the 快递柜
    assert language.signature("把快递柜撤掉").features["快递柜"][0] == -1
    assert language.signature("鞋柜和杂物都清走").features["杂物"][0] == -1


def test_in_a_new_topic_the_subject_shared_by_every_proposal_does_not_make_them_similar(language):
    assert language.similar("错峰停车", [(1, "划线停车")]) is None  # half their characters are the topic's subject
    assert language.similar("坚决反对深夜装修，物业要上门劝阻", [(1, "晚上十点后停止装修")]) is None
