"""The demo's generated entries write people's names with their capitals."""

import random

from guongsang.contests import textgen


def test_a_generated_title_keeps_the_capital_of_the_name():
    rng = random.Random(7)
    titles = [textgen.story(rng, sentences=4).title for _ in range(200)]
    with_name = [t for t in titles if t.startswith(("Chị ", "Anh "))]
    assert with_name  # the seed gives some "Chị Thủy và …" titles
    assert all(t.split()[1][:1].isupper() for t in with_name), with_name
