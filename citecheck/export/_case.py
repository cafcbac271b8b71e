"""Letter case in bibliographies: names the PDF set in SMALL CAPS restored to title case, and the
capitals a sentence-case style must keep.

The document's text is untouched; only the exports change. Two questions need a judgement:

* Is an all-capitals word an acronym ("CNN", "USA", "ICMEC") or a word set in small caps
  ("TRIBUNE", "REUTERS")? A dictionary word is a word; the document writing it in capitals
  beside lower-case words ("ICMEC refers to…") makes it an acronym; otherwise short (three
  letters or fewer) or vowel-less words are acronyms and longer ones names.
* Must a capitalised word of a title keep its capital when a style puts the title in sentence
  case (biblatex-apa's ``\\MakeSentenceCase``: "Ict", "sdsu")? Words with capitals inside
  ("SDSU", "PayPal") always; in a title written in sentence case every capitalised word after
  the first (the author already lower-cased the common ones: "… leave Twitter for Switter …");
  in a title-case title a proper noun: a word the document never writes in lower case that
  the dictionary knows only capitalised ("Colorado") or not at all ("Facebook", "Europol").

The dictionary is Webster's Second (1934) and GCIDE, from the english-words package: old
enough to lack brand names and acronyms, which is what tells them apart here; modern common
words it lacks ("online", "website") are caught by the document's own lower-case use.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache

from english_words import get_english_words_set
from titlecase import titlecase

_WORD = re.compile(r"[^\W\d_][\w'’.]*", re.UNICODE)
_ALL_CAPS = re.compile(r"^(?=.*[A-Z]{2})[^a-z]+$")
_INNER_CAPITAL = re.compile(r"^.[^A-Z]*[A-Z]")
_URL_OR_DOMAIN = re.compile(r"https?://\S+|<[^>]*>|\b\S+\.(?:com|org|net|gov|edu|int)\S*")
_FUNCTION_WORDS = frozenset(
    {
        "a", "an", "the", "of", "for", "to", "in", "on", "and", "or", "at", "by", "with", "from",
        "as", "via", "into", "per", "is", "are", "be", "than", "that", "nor", "but", "so", "yet",
    }
)  # fmt: skip
# Inflections a dictionary lists under their stem: "traffickers" → "trafficker".
_SUFFIXES = (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("ing", ""),
             ("ing", "e"), ("er", ""), ("ers", ""), ("ly", ""), ("’s", ""), ("'s", ""))  # fmt: skip
_SHORT_ACRONYM = 3
_TWO_LETTERS = 2


@cache
def _dictionary() -> tuple[frozenset[str], frozenset[str]]:
    """(common words, proper names): lower-case entries, and capitalised ones lower-cased."""
    words = get_english_words_set(["web2", "gcide"], lower=False, alpha=True)
    common = frozenset(w for w in words if w.islower())
    proper = frozenset(w.lower() for w in words if w[:1].isupper()) - common
    return common, proper


class Casing:
    """Case decisions for one document, which supplies its own evidence (see the module)."""

    def __init__(self, texts: Iterable[str]) -> None:
        lowered: set[str] = set()
        titled: set[str] = set()
        acronyms: set[str] = set()
        for text in texts:
            words = list(_WORD.finditer(_URL_OR_DOMAIN.sub(" ", text)))
            lowered.update(m.group(0) for m in words if m.group(0).islower())
            titled.update(m.group(0) for m in words if m.group(0).istitle())
            acronyms.update(_acronyms_in_prose(words))
        self._lowered = frozenset(lowered)
        self._titled = frozenset(titled)
        self._acronyms = frozenset(acronyms)

    # ------------------------------------------------------------------ small caps

    def restore(self, text: str) -> str:
        """Title case for a name set in capitals ("SAN DIEGO TRIBUNE" → "San Diego Tribune",
        "USA TODAY" → "USA Today"); any other text unchanged."""
        if not _ALL_CAPS.match(text):
            return text
        keep = {w.lower() for w in _WORD.findall(text) if self._is_acronym(w)}
        return str(
            titlecase(text.lower(), callback=lambda w, **_: w.upper() if w in keep else None)
        )

    def _is_acronym(self, word: str) -> bool:
        word = word.rstrip(".")
        if word in self._acronyms:
            return True
        if len(word) <= _TWO_LETTERS:  # "NY", "UK", "AP"; "OF" and "IN" are function words
            return word.lower() not in _FUNCTION_WORDS
        if word.capitalize() in self._titled or _known(word.lower()):
            return False
        return len(word) <= _SHORT_ACRONYM or not re.search(r"[AEIOUY]", word)

    # ------------------------------------------------------------------ protection

    def protected(self, title: str) -> Iterator[tuple[str, bool]]:
        """``title`` in pieces, each with whether its capitals must survive sentence case."""
        sentence_case = _is_sentence_case(title)
        position = 0
        for index, match in enumerate(_WORD.finditer(title)):
            if match.start() > position:
                yield title[position : match.start()], False
            word = match.group(0)
            yield word, self._must_keep(word, first=index == 0, sentence_case=sentence_case)
            position = match.end()
        if position < len(title):
            yield title[position:], False

    def _must_keep(self, word: str, *, first: bool, sentence_case: bool) -> bool:
        if _INNER_CAPITAL.match(word):
            return True
        if not word[:1].isupper():
            return False
        if sentence_case and not first:
            return True
        stem = word.rstrip(".’'").lower()
        return stem not in self._lowered and not _known_common(stem)


def _acronyms_in_prose(words: list[re.Match[str]]) -> Iterator[str]:
    """Words in capitals written beside words that are not ("ICMEC refers to", "UNICEF and
    GSMA"); a name in small caps is a run of capitals or stands alone between commas."""
    for index, match in enumerate(words):
        if not _ALL_CAPS.match(match.group(0)):
            continue
        neighbours = words[max(index - 1, 0) : index] + words[index + 1 : index + 2]
        beside = [other.group(0) for other in neighbours if _adjacent(match, other)]
        if beside and not any(_ALL_CAPS.match(word) for word in beside):
            yield match.group(0).rstrip(".")


def _adjacent(one: re.Match[str], other: re.Match[str]) -> bool:
    """Whether only spaces separate two words of the same text."""
    first, second = sorted((one, other), key=lambda m: m.start())
    return not one.string[first.end() : second.start()].strip()


def _is_sentence_case(title: str) -> bool:
    """Most words after the first start in lower case ("Emojis and sex trafficking: SDSU …")."""
    words = [w for w in _WORD.findall(title)[1:] if w.lower() not in _FUNCTION_WORDS]
    lower = sum(1 for w in words if w[:1].islower())
    return lower > len(words) - lower


def _known(word: str) -> bool:
    return _known_common(word) or _known_proper(word)


def _known_common(word: str) -> bool:
    common, _ = _dictionary()
    return any(stem in common for stem in _stems(word))


def _known_proper(word: str) -> bool:
    _, proper = _dictionary()
    return word in proper


def _stems(word: str) -> Iterator[str]:
    yield word
    for suffix, replacement in _SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)] + replacement
            yield stem
            if len(stem) > 2 and stem[-1] == stem[-2]:  # "slammed" → "slamm" → "slam"
                yield stem[:-1]
