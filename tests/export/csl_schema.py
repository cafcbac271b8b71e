"""The rules of CSL-JSON (citation-style-language/schema, csl-data.json) that our output can touch.

Written down here rather than vendored: item types, required keys, no unknown keys, name and
date shapes. ``additionalProperties: false`` means a typo in a key fails the test.
"""

CSL_TYPES = [
    "article", "article-journal", "article-magazine", "article-newspaper", "bill", "book",
    "broadcast", "chapter", "classic", "collection", "dataset", "document", "entry",
    "entry-dictionary", "entry-encyclopedia", "figure", "graphic", "hearing", "interview",
    "legal_case", "legislation", "manuscript", "map", "motion_picture", "musical_score",
    "pamphlet", "paper-conference", "patent", "performance", "periodical",
    "personal_communication", "post", "post-weblog", "regulation", "report", "review",
    "review-book", "software", "song", "speech", "standard", "thesis", "treaty", "webpage",
]  # fmt: skip

_NAME = {
    "type": "object",
    "properties": {
        k: {"type": "string"}
        for k in (
            "family",
            "given",
            "dropping-particle",
            "non-dropping-particle",
            "suffix",
            "literal",
        )
    },
    "additionalProperties": False,
}
_DATE = {
    "type": "object",
    "properties": {
        "date-parts": {
            "type": "array",
            "items": {
                "type": "array",
                "items": {"type": ["string", "number"]},
                "minItems": 1,
                "maxItems": 3,
            },
            "minItems": 1,
            "maxItems": 2,
        },
        "literal": {"type": "string"},
        "raw": {"type": "string"},
    },
    "additionalProperties": False,
}
_STRINGS = ["title", "container-title", "publisher", "URL", "note", "genre", "page", "DOI"]
# Number variables: a string or a number in csl-data.json.
_NUMBERS = ["volume", "issue", "edition", "number"]

CSL_DATA_SCHEMA = {
    "type": "array",
    "items": {
        "type": "object",
        "properties": {
            "id": {"type": ["string", "number"]},
            "type": {"type": "string", "enum": CSL_TYPES},
            "author": {"type": "array", "items": _NAME},
            "editor": {"type": "array", "items": _NAME},
            "issued": _DATE,
            "accessed": _DATE,
            **{k: {"type": "string"} for k in _STRINGS},
            **{k: {"type": ["string", "number"]} for k in _NUMBERS},
        },
        "required": ["type", "id"],
        "additionalProperties": False,
    },
}
