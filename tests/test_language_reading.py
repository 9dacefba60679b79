"""council.language: what a proposal asks for, read so that two proposals that share their words but not their
decision are told apart — amounts, durations and how often, days and ages, who pays, colours and gates, and which side
of a clause a concept is on (more pinned cases of issue #4; the rest are in test_language.py)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("充电一次收一块钱，按次收费", "充电按每次5毛收"),  # 元 against 毛
        ("电梯挡光，给一楼每户补偿两万块", "一楼补偿定一万就够了"),  # 万
        ("遛狗不捡狗屎的罚款50", "不铲狗屎的罚200"),  # an amount without 元
        ("访客车停车免费一个钟头", "访客停车前两个小时免费"),  # 钟头 is 小时
    ],
)
def test_other_amounts_are_other_proposals(language, a, b):
    assert language.similar(b, [(1, a)]) is None


@pytest.mark.parametrize(
    ("text", "unit", "value"),
    [
        ("充电一块五一次", "money", 1.5),  # 块 then a digit in words
        ("罚款3百元", "money", 300.0),
        ("不捡狗屎的罚五十", "money", 50.0),  # an amount in words after 罚
        ("物业费打八折", "折", 8.0),
        ("物业费涨10%", "fraction", 0.1),
        ("装修一个半小时就得歇", "minutes", 90.0),
        ("访客车免费停两个钟", "minutes", 120.0),
        ("一个礼拜清运两次", "per_year", 104.3),  # how often: times a year
        ("水箱每季度清洗一次", "per_year", 4.0),
        ("二次供水的水箱一年洗两回", "per_year", 2.0),
        ("消杀两周一次", "per_year", 26.1),
        ("限一周内清走", "days", 7.0),  # a duration, not a frequency
        ("给一个礼拜时间自己拆", "days", 7.0),
        ("半小时内挪走", "minutes", 30.0),
        ("牵引绳不得长于1.5米", "米", 1.5),
        ("狗绳长度一米五以内", "米", 1.5),
        ("给八十岁以上老人送餐", "岁", 80.0),
        ("物业费调到一块八一平", "money", 1.8),
        ("涨到1.8我也能接受", "money", 1.8),
        ("每户限停一辆", "辆", 1.0),
        ("投喂点离楼一百米", "米", 100.0),
        ("每周六上午大扫除", "weekday", 6),
        ("星期天不许装修", "weekday", 7),
    ],
)
def test_amounts_as_residents_write_them(language, text, unit, value):
    assert value in language.signature(text).quantities.get(unit, ()), language.signature(text).quantities


def test_another_day_of_the_week_is_another_proposal_but_a_week_is_not_a_day(language):
    assert language.similar("建议每周日下午搞一次大扫除", [(1, "建议每周六上午搞一次大扫除")]) is None
    assert "weekday" not in language.signature("每周一次大扫除").quantities  # 每周 一次: once a week
    assert "weekday" not in language.signature("一周清运一次").quantities


def test_how_often_agrees_however_it_is_said_and_differs_by_the_rate(language):
    assert language.signature("楼顶水箱每半年清洗消毒一次").quantities == language.signature("水箱一年洗两回").quantities
    assert language.similar("水箱每季度清洗一次", [(1, "楼顶水箱每半年清洗消毒一次")]) is None
    assert language.similar("一年洗四次水箱才放心", [(1, "二次供水的水箱一年洗两回")]) is None
    assert "weekday" in language.signature("每周六上午大扫除").quantities  # a day of the week, not how often
    assert "per_year" not in language.signature("每周六上午大扫除").quantities


def test_the_hours_after_an_amount_are_not_its_dimes(language):
    assert language.signature("临停费定2元一小时").quantities == {"money": {2.0}, "minutes": {60.0}}


def test_other_ages_are_other_proposals(language):
    assert language.similar("给八十岁以上老人送餐到家", [(1, "七十岁以上老人都能享受送餐上门")]) is None


@pytest.mark.parametrize(("text", "concept"), [
    ("修门禁可以，刷脸就算了", "人脸识别"),  # turned down after it is named
    ("多宣传，罚款就免了", "罚款"),
    ("不搞人脸识别，还是用卡", "人脸识别"),
    ("物业费涨啥子涨，服务都没得", "涨价"),  # a rebuff: 涨什么涨
])
def test_what_residents_turn_down_is_on_the_negative_side(language, text, concept):
    assert language.signature(text).features[concept][0] == -1, language.signature(text).features


def test_words_of_how_often_leave_the_action_whole(language):
    assert language.signature("夏天每周打一次药").features["打药"][0] == 1  # 打一次药 is 打药
    assert language.similar("建议物业一个礼拜消杀一次", [(1, "夏天每周打一次药")]) is not None


def test_a_clause_about_everywhere_else_takes_no_side(language):
    features = language.signature("固定一个投喂点吧，就垃圾站背后，其它地方就别喂了").features
    assert features["投喂"][0] == 1  # the decision sets a place to feed; 其它地方别喂 only bounds it


def test_a_second_negator_with_its_own_object_starts_anew(language):
    features = language.signature("树是小区的宝，不能砍也不能修").features
    assert features["砍"][0] == -1 and features["维修"][0] == -1
    assert language.signature("不能禁止喂狗").features["投喂"][0] == 1  # two in a row still cancel


def test_quiet_restricts_its_time_as_a_ban_on_noise_does(language):
    quiet, ban = language.signature("九点以后就该安静了"), language.signature("21点以后禁止噪音")
    assert quiet.features["音量"][0] == ban.features["音量"][0] == -1


def test_an_amount_turned_down_is_not_the_one_proposed(language):
    assert language.signature("物业费涨可以，1块8太多了，最多涨到1块5").quantities == {"money": {1.5}}
    assert language.similar("22点以后禁止制造噪音", [(1, "21点以后禁止噪音，10点太晚了")]) is None


@pytest.mark.parametrize(("text", "concept"), [
    ("门口莫再给吃的了嘛", "投喂"),  # Sichuan 莫
    ("请勿在楼道吸烟", "吸烟"),
])
def test_dialect_and_written_dont_are_negators(language, text, concept):
    assert language.signature(text).features[concept][0] == -1


def test_a_duration_turned_down_is_not_the_one_proposed(language):
    assert language.signature("一周太急了，给一个月时间慢慢处理").quantities == {"days": {30.0}}


def test_just_do_it_is_not_a_turn_down(language):
    assert language.signature("修也修不好，把坏器材拆了算了").features["移除"][0] == 1  # 拆了算了: just remove them


def test_a_stall_is_not_sharing_a_cost_and_a_market_is_not_a_vegetable_patch(language):
    features = language.signature("让早餐摊换到菜市场门口摆").features
    assert "出钱" not in features and "分摊" not in features and "种菜" not in features
    assert "分摊" in language.signature("加装电梯费用大家分摊").features


def test_a_piece_and_together_are_not_money(language):
    assert "money" not in language.signature("划出一块地给大家种菜").quantities
    assert "money" not in language.signature("大家一块儿出钱交十年").quantities


@pytest.mark.parametrize(("text", "concept"), [
    ("千万不要砍那几棵老树", "砍"),  # 千万别 / 千万不要: the emphatic don't
    ("楼道里千万别装监控", "监控"),
])
def test_an_emphatic_dont_is_a_negator(language, text, concept):
    assert language.signature(text).features[concept][0] == -1


def test_a_rule_for_every_hour_is_not_a_rule_for_some_hours(language):
    assert language.similar("晚上九点以后快递车别进小区", [(1, "快递车一律不准进小区")]) is None
    assert language.similar("垃圾房全天开放", [(1, "垃圾房早7点到晚8点开放")]) is None
    assert language.similar("快递车一律不准进小区", [(1, "快递车任何时候都不准进小区")]) is not None


def test_paying_by_the_coin_is_charging(language):
    assert language.signature("装几个投币的充电插座").features["收费"][0] == 1
    assert language.similar("装几个投币的充电插座", [(1, "充电插座免费用，不收钱")]) is None


@pytest.mark.parametrize("text, payers", [
    ("钱大伙凑一凑", {"self"}),
    ("手术费大家在群里众筹", {"self"}),
    ("狂犬疫苗钱还是狗主人自己承担吧", {"self"}),
    ("建议团购报警器，各家自费", {"self"}),
    ("钱该物业出，不能又让居民掏腰包", {"company", "public"}),
    ("不能又让居民掏腰包", {"company", "public"}),  # the payer turned down: anyone but the residents
    ("别让物业出这个钱", {"self"}),
    ("做绝育的费用从物业公共收益里出", {"public"}),
    ("让物业自己掏钱把外墙修好", {"company"}),  # the company's own money, not the residents'
    ("狂犬疫苗社区出钱免费打", {"public"}),
    ("不用大家出钱，维修基金出", {"company", "public"}),
    ("物业出一半，业主出一半", {"self", "company"}),
    ("公益岗督导，钱居委会出，不找物业", {"public"}),
    ("督导员工资从物业费里出", {"company", "public"}),  # the company's budget, and the residents' money
    ("大家出主意，居民出行方便些", set()),  # 出 of 出主意 / 出行 is no paying
    ("免押金，登记一下就行", set()),
])
def test_who_pays_is_read_from_the_proposal(text, payers):
    from council.language.aspects import read_payer
    assert read_payer(text) == payers


def test_another_payer_is_another_proposal(language):
    assert language.similar("狂犬疫苗钱还是狗主人自己承担吧", [(1, "狂犬疫苗社区出钱免费打")]) is None
    assert language.similar("绝育放回，钱大伙凑一凑", [(2, "绝育放回可以，但钱该物业出")]) is None
    assert language.similar("报警器社区买单，给独居老人装上", [(3, "团购报警器，各家自费")]) is None
    assert language.similar("外墙应该物业出钱修", [(4, "让物业自己掏钱把外墙修好")]) is not None
    assert language.similar("别让居民去站了，物业出钱雇个督导员", [(5, "公益岗督导，钱居委会出，不找物业")]) is None


def test_words_of_school_roads_signs_and_snow(language):
    """Vocabulary from blind9's topics (session 9): the same thing in other words, and a neighbouring thing."""
    school = [(1, "老人反正起得早，组织退休志愿者护学"), (2, "找交警在小区门口那个路口装红绿灯"),
              (3, "把南边那个侧门打开，孩子从小路走就不用过大马路了")]
    assert language.similar("退休党员组成护学岗，早上送孩子过马路", school).number == 1
    signs = [(1, "门口放个导视牌，外卖小哥一看就懂"), (2, "外墙刷大楼号"), (3, "每个岔路口画方向箭头标楼号"),
             (4, "建议装太阳能发光导视牌，晚上也亮")]
    assert language.similar("在大门口立一块小区平面图，标清楚每栋楼在哪", signs).number == 1
    assert language.similar("指示牌要能发光，白天看得见晚上看不见有什么用", signs).number == 4
    assert language.similar("楼体上重新刷楼号，字要一米高", signs).number == 2
    snow = [(1, "组织党员和志愿者早上一起扫雪铲冰"), (2, "坡道铺防滑垫"), (3, "楼门口装扶手")]
    assert language.similar("建议下雪当天一早就撒盐化冰", snow) is None  # salt is not a shovel


def test_a_duration_is_one_measure_however_it_is_said(language):
    assert language.similar("给一个礼拜时间自己拆，到期物业统一拆掉", [(1, "限期七天自行拆除，过期强拆")]) is not None
    assert language.similar("给一个礼拜时间自己拆，到期物业统一拆掉", [(2, "限期三十天自行拆除")]) is None
    assert language.similar("通知他们限期30天内自行拆除", [(3, "给顶楼那户一个月时间自己拆")]) is not None
    assert language.similar("两周内没人认领就清走", [(4, "十五天不来领就清掉")]) is not None  # said loosely
    assert "days" not in language.signature("电梯三天两头坏").quantities  # often, not three days


@pytest.mark.parametrize(("text", "unit", "value"), [
    ("一次性交满一年的给打个九五折", "折", 9.5),
    ("年缴的按95折收", "折", 9.5),
    ("整年预交优惠5%", "折", 9.5),  # 5% off is 九五折
    ("交一整年的打9折", "折", 9.0),
    ("物业费改成季度缴吧", "per_year", 4.0),  # how often the bill is paid
    ("按月交最好", "per_year", 12.0),
    ("建议一年一交", "per_year", 1.0),
])
def test_discounts_and_how_often_a_bill_is_paid(language, text, unit, value):
    assert language.signature(text).quantities.get(unit) == {value}


def test_another_discount_or_billing_period_is_another_proposal(language):
    assert language.similar("物业费改成月缴", [(1, "物业费改成季度缴吧")]) is None
    assert language.similar("一次性交满一年的给打个九五折", [(2, "一年一交打九折")]) is None
    assert "折" not in language.signature("九五折没啥意思").quantities  # turned down


def test_another_colour_is_another_proposal(language):
    assert language.similar("建议外墙用浅米黄", [(1, "外墙刷成灰白色的，不容易显旧")]) is None
    assert language.signature("照原来的红砖色刷").places["colour"] == {"砖红"}  # 红砖色 is 砖红色
    assert language.signature("建议外墙用浅米黄").places["colour"] == language.signature("刷米黄色吧").places["colour"]
    assert "colour" not in language.signature("绿化带补种，白天浇水").places


def test_which_gate_is_shut_tells_two_rules_for_the_same_gates_apart(language):
    assert language.similar("建议23点关北门，留南门进出", [(1, "建议晚上十一点关南门，只开北门")]) is None
    assert language.similar("十一点后只留南门一个口，北门锁上", [(2, "夜里11点以后留北门，南门锁上")]) is None
    assert language.signature("十一点后只留南门一个口，北门锁上").places["dir_shut"] \
        == language.signature("建议23点关北门，留南门进出").places["dir_shut"] == {"北-", "南+"}
    assert "dir_shut" not in language.signature("南边空地开个菜园").places  # only a gate is shut or left open


def test_a_phone_number_or_a_pasted_notice_is_no_amount(language):
    # runs of figures longer than any amount say nothing (and would hold the amount rules for seconds: the time of
    # a 4096-character message is in bench/language.py)
    assert "money" not in language.signature("乱停车的罚款13812345678").quantities
    assert language.signature("一二" * 2048).quantities == {}
    assert language.signature("晚上十点以后禁止装修" + "。" * 5000 + "罚款200").quantities == {"time": {600}}
