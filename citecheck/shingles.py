"""Word shingles and their Jaccard index: how alike two texts are (Broder, 1997).

Shared by the checker (is this page the site's not-found page?) and the archive (has the
source's text drifted since it was cited?), so both stages measure likeness the same way.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence, Set

SIZE = 3  # words per shingle: long enough to keep word order, short enough to survive edits


def word_shingles(words: Sequence[str], size: int = SIZE) -> set[tuple[str, ...]]:
    """The distinct runs of ``size`` consecutive words; a shorter text is one shingle."""
    if len(words) < size:
        return {tuple(words)} if words else set()
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


def jaccard(a: Set[Hashable], b: Set[Hashable]) -> float:
    """|a ∩ b| / |a ∪ b|; two empty texts are alike."""
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)
