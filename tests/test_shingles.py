"""The shared likeness measure of the soft-404 check and the drift measure."""

from citecheck.shingles import jaccard, word_shingles


def test_shingles_keep_word_order_and_short_texts_are_one_shingle() -> None:
    words = ("a", "b", "c", "d")
    assert word_shingles(words) == {("a", "b", "c"), ("b", "c", "d")}
    assert word_shingles(("a", "b")) == {("a", "b")}
    assert word_shingles(()) == set()


def test_jaccard() -> None:
    assert jaccard(set(), set()) == 1.0
    assert jaccard({1, 2}, {2, 3}) == 1 / 3
    assert jaccard({1}, set()) == 0.0
