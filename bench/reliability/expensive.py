"""The most expensive requests a visitor can send: long OR queries of common words, and
runs of common words as long as the API accepts (every word required: each one's whole
posting list is read).

Pure functions: the queries are drawn with a fixed seed, so every run sends the same ones.

>>> len(or_query(random.Random(1), 250)) >= 250
True
"""

from __future__ import annotations

import random
from urllib.parse import quote, urlencode

# The commonest Vietnamese syllables and words of news and reports: each matches most
# documents, so an OR of many of them touches nearly every posting of the index.
_COMMON = """
    và của các là có được cho trong với không người những này đã một theo về tại từ khi
    đến năm cũng nhiều như để thì sẽ ra làm công tác hành chính nhà nước tỉnh huyện xã
    việc cán bộ dân thực hiện quản lý phát triển kinh tế xã hội đơn vị ngày tháng số
"""
COMMON_WORDS = tuple(_COMMON.split())
LENGTHS = (250, 500)  # characters of a query, at least and at most
RUN_CHARS = 250  # a run of words within the API's default limit of 256 characters


def or_query(rng: random.Random, length: int) -> str:
    """Common words joined by ``OR`` until the query is at least ``length`` characters."""
    words: list[str] = []
    while len(" OR ".join(words)) < length:
        words.append(rng.choice(COMMON_WORDS))
    return " OR ".join(words)


def word_run(rng: random.Random, length: int) -> str:
    """Common words in a random order, joined by spaces: at most ``length`` characters."""
    words = list(COMMON_WORDS)
    rng.shuffle(words)
    run = ""
    for word in words:
        if len(run) + len(word) + 1 > length:
            break
        run = f"{run} {word}".strip()
    return run


def expensive_paths(doc_ids: list[str], count: int = 24, seed: int = 10) -> list[str]:
    """Requests cycling the JSON search, the HTML search page and documents with highlights
    (``/doc/<id>?q=``, the largest documents first), each with a 250–500 character OR
    query, and the JSON search with a 250-character run of common words."""
    rng = random.Random(seed)
    paths = []
    for number in range(count):
        query = or_query(rng, rng.randint(*LENGTHS))
        kind = number % 4
        if kind == 0:
            paths.append("/api/search?" + urlencode({"q": query}))
        elif kind == 1:
            paths.append("/search?" + urlencode({"q": query}))
        elif kind == 2 and doc_ids:
            doc_id = doc_ids[(number // 4) % len(doc_ids)]
            paths.append(f"/doc/{quote(doc_id)}?" + urlencode({"q": query}))
        elif kind == 3:
            paths.append("/api/search?" + urlencode({"q": word_run(rng, RUN_CHARS)}))
    return paths
