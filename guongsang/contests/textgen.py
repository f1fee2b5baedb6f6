"""Vietnamese texts for the demo and the benchmark, put together from varied sentence parts.

Each sentence takes every slot from its own small pool of short phrases, so two texts about
different people share few three-word sequences (as real, unrelated entries would), while
one generator call is cheap enough to make a hundred thousand texts.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương", "Lý"]
MIDDLE_F = ["Thị", "Thu", "Minh", "Ngọc", "Thanh", "Hồng", "Kim", "Phương"]
MIDDLE_M = ["Văn", "Đức", "Quang", "Minh", "Hữu", "Công", "Xuân", "Trọng"]
GIVEN_F = ["Lan", "Hoa", "Mai", "Hương", "Thủy", "Liên", "Ngân", "Trang", "Yến", "Hạnh", "Dung"]
GIVEN_M = ["Hùng", "Nam", "Sơn", "Tuấn", "Dũng", "Bình", "Thắng", "Long", "Quân", "Phúc", "Tài"]

OPENERS = [
    "Nhiều năm qua",
    "Suốt mười năm",
    "Từ ngày đầu công tác",
    "Mỗi sáng sớm",
    "Những ngày giáp tết",
    "Trong mùa dịch",
    "Khi mưa lũ kéo về",
    "Những đêm trực",
    "Dù bận rộn",
    "Ngay cả ngày nghỉ",
    "Từ năm 2015",
    "Cuối mỗi tuần",
    "Sau giờ làm",
    "Giữa trưa hè",
    "Vào những dịp lễ",
    "Không quản ngại",
    "Bất kể nắng mưa",
    "Từ khi về đơn vị",
    "Hằng tháng",
    "Đầu năm học",
]
PRONOUNS_F = ["chị", "cô", "người phụ nữ ấy", "chị ấy", "cô giáo"]
PRONOUNS_M = ["anh", "thầy", "người thanh niên ấy", "anh ấy", "ông"]
ADVERBS = [
    "vẫn lặng lẽ",
    "luôn tận tụy",
    "kiên trì",
    "âm thầm",
    "hết lòng",
    "không mệt mỏi",
    "tự nguyện",
    "chủ động",
    "say mê",
    "bền bỉ",
    "nhẹ nhàng",
    "cẩn thận",
    "tỉ mỉ",
    "nhiệt tình",
]
VERBS = [
    "chăm sóc",
    "dạy nghề cho",
    "giúp đỡ",
    "thăm hỏi",
    "động viên",
    "kèm cặp",
    "nấu cơm cho",
    "đưa đón",
    "tư vấn cho",
    "vận động",
    "hướng dẫn",
    "chữa bệnh cho",
    "an ủi",
    "tìm việc cho",
    "đỡ đần",
    "quyên góp cho",
    "dìu dắt",
    "lắng nghe",
]
OBJECTS = [
    "các cụ già neo đơn",
    "những em nhỏ mồ côi",
    "học viên cai nghiện",
    "thương binh nặng",
    "người khuyết tật",
    "nạn nhân chất độc da cam",
    "bà con vùng lũ",
    "học sinh nghèo",
    "đồng nghiệp mới",
    "các gia đình chính sách",
    "người lao động mất việc",
    "bệnh nhân tâm thần",
    "trẻ em khuyết tật",
    "người vô gia cư",
    "các bà mẹ Việt Nam anh hùng",
    "công nhân nhập cư",
]
PLACES = [
    "tại trung tâm",
    "ở khu điều trị",
    "trong xưởng thực hành",
    "nơi phòng khám nhỏ",
    "ở xóm trọ ven đê",
    "tại nhà văn hóa",
    "trong lớp học tình thương",
    "bên giường bệnh",
    "ở vùng ngoại thành",
    "tại cơ sở cai nghiện",
    "trên những con phố",
    "ở làng trẻ",
    "tại phòng phục hồi chức năng",
    "nơi bếp ăn từ thiện",
]
ENDINGS = [
    "không một lời kêu ca",
    "như người thân trong nhà",
    "bằng cả tấm lòng",
    "mà không cần đền đáp",
    "với nụ cười hiền hậu",
    "dù đồng lương ít ỏi",
    "để ai cũng thấy ấm lòng",
    "cho đến khi khỏe lại",
    "suốt nhiều tháng liền",
    "từ sáng tới khuya",
    "trong niềm vui giản dị",
    "theo cách riêng của mình",
]
REFLECTIONS = [
    "Đồng nghiệp kể rằng {p} chưa bao giờ từ chối ai.",
    "Nhiều người gọi {p} là người mẹ thứ hai.",
    "Ban giám đốc đánh giá {p} là tấm gương sáng của đơn vị.",
    "Có lần {p} bỏ tiền riêng mua thuốc cho người bệnh.",
    "Với {p}, mỗi ngày làm việc là một niềm vui.",
    "Năm {y}, {p} được tặng danh hiệu Người tốt, việc tốt.",
    "Câu chuyện về {p} được nhiều người truyền tai nhau.",
    "{P} vẫn nhớ tên từng người mình đã giúp.",
    "Gia đình luôn ủng hộ {p} trong mọi việc.",
    "{P} coi đó là trách nhiệm và cũng là hạnh phúc.",
]


@dataclass(frozen=True)
class Generated:
    subject: str
    title: str
    text: str


def person_name(rng: random.Random, female: bool) -> str:
    middle = MIDDLE_F if female else MIDDLE_M
    given = GIVEN_F if female else GIVEN_M
    return f"{rng.choice(FAMILY)} {rng.choice(middle)} {rng.choice(given)}"


def sentence(rng: random.Random, subject: str) -> str:
    return (
        f"{rng.choice(OPENERS)}, {subject} {rng.choice(ADVERBS)} {rng.choice(VERBS)} "
        f"{rng.choice(OBJECTS)} {rng.choice(PLACES)} {rng.choice(ENDINGS)}."
    )


def story(rng: random.Random, *, sentences: int = 16, name: str | None = None) -> Generated:
    """One text about one person: their name in some sentences, a pronoun in the others."""
    female = rng.random() < 0.6
    name = name or person_name(rng, female)
    pronouns = PRONOUNS_F if female else PRONOUNS_M
    short = ("chị " if female else "anh ") + name.split()[-1]
    parts = [sentence(rng, name)]
    for i in range(sentences - 1):
        if rng.random() < 0.12:
            p = rng.choice(pronouns)
            parts.append(
                rng.choice(REFLECTIONS).format(
                    p=p, P=p[0].upper() + p[1:], y=rng.randint(2012, 2023)
                )
            )
        else:
            parts.append(sentence(rng, short if i % 3 == 0 else rng.choice(pronouns)))
    paragraphs = [" ".join(parts[i : i + 4]) for i in range(0, len(parts), 4)]
    lamp = rng.choice(["thắp lửa", "gieo yêu thương", "giữ lửa", "mở đường"])
    first = f"Người {lamp} {rng.choice(PLACES)}"
    second = (
        f"{short[:1].upper()}{short[1:]} và {rng.choice(OBJECTS)}"  # "Chị Thủy", not "Chị thủy"
    )
    heart = rng.choice(["người thầy", "người mẹ", "người lính", "người thợ"])
    third = f"Tấm lòng {heart} {rng.choice(PLACES)}"
    title = rng.choice([first, second, third])
    return Generated(subject=name, title=title, text="\n".join(paragraphs))


def reword(text: str, *, rng: random.Random, old_name: str, new_name: str) -> str:
    """A light rewording: other names, sentences in another order, no diacritics."""
    from guongsang.contests.duplicates import fold

    text = text.replace(old_name, new_name).replace(old_name.split()[-1], new_name.split()[-1])
    sentences = [s.strip() for s in text.replace("\n", " ").split(".") if s.strip()]
    rng.shuffle(sentences)
    plain = ". ".join(sentences) + "."
    return " ".join(fold(word) for word in plain.split(" "))
