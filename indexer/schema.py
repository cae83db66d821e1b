"""The index's fields: shared by the indexer (writing) and the search app (reading).

Every text source (title, body) is indexed four ways, all with frequencies only:

    <source>_words             pyvi words, accents as written      cải_cách
    <source>_words_folded      pyvi words, accents stripped         cai_cach
    <source>_syllables_folded  single syllables, accents stripped   cai, cach
    <source>_bigrams_folded    neighbouring syllable pairs          "cai cach"

Whole words rank exact accents first and accent-free typing second; syllables match
inside compounds; pairs of neighbouring syllables match phrases, words the segmenter
split differently and the proximity of query words, without positions (a pair is a
term of its own, so a phrase of common syllables reads short postings). Highlights are
found in the stored text (see ``search_app.engine.highlight``). The benchmark chose this mix:
see README "Search quality".

Document numbers cited in the title or body are indexed once more, as references
(``nd:60/2021@cp``: see ``indexer.docnums``), in a field of their own, ``docnums``: the
word fields, and so highlighting, stay as they were.
"""

from __future__ import annotations

import functools
from pathlib import Path

from whoosh import fields
from whoosh.analysis import Token, Tokenizer

from indexer.analysis import bigram_analyzer, syllable_analyzer, word_analyzer
from indexer.docnums import FIELD as DOCNUM_FIELD
from indexer.docnums import reference_terms
from indexer.yaml_data import load_yaml

# Bump when fields or analysis change: an index of another version is rebuilt, not updated.
SCHEMA_VERSION = 6

TEXT_SOURCES = ("title", "body")
FORMS = ("words", "words_folded", "syllables_folded", "bigrams_folded")
FACETS = ("year", "period", "leader", "topic")

# The field holding the stored text each source's offsets point into.
STORED_TEXT = {"title": "title", "body": "text"}


def text_field(source: str, form: str) -> str:
    """The name of the field indexing ``source`` (title/body) in ``form``."""
    return f"{source}_{form}"


def _analyzer(form: str):
    folded = form.endswith("_folded")
    if form.startswith("bigrams"):
        return bigram_analyzer(folded)
    return syllable_analyzer(folded) if form.startswith("syllables") else word_analyzer(folded)


class DocnumTokenizer(Tokenizer):
    """The references a text cites, as ``docnums`` terms (see ``indexer.docnums``).

    >>> [t.text for t in DocnumTokenizer()("Chỉ thị 07/CT-TTg")]
    ['ct:7', 'ct:7/-', 'ct:7@ttg', 'ct:7/-@ttg']
    """

    def __call__(self, value, positions=False, chars=False, start_pos=0, mode="", **kwargs):
        token = Token(positions, chars, mode=mode, **kwargs)
        for pos, term in enumerate(reference_terms(value)):
            token.text = term
            token.boost = 1.0
            token.stopped = False
            if positions:
                token.pos = start_pos + pos
            yield token


def _facet_keyword() -> fields.KEYWORD:
    # Multi-valued, case and spaces kept ("Phạm Minh Chính"), one column for counting.
    return fields.KEYWORD(stored=True, commas=True, lowercase=False, scorable=False, sortable=True)


def build_schema() -> fields.Schema:
    schema = fields.Schema(
        id=fields.ID(stored=True, unique=True),
        path=fields.ID(stored=True),
        # "<path>\t<sha256>": read as a column to decide what changed since the last run.
        fingerprint=fields.ID(sortable=True),
        title=fields.STORED(),
        text=fields.STORED(),
        markdown=fields.STORED(),
        date=fields.STORED(),
        source=fields.STORED(),
        origins=fields.STORED(),
        key_terms=fields.STORED(),  # [(word, count)]: the seed of "more like this"
        # yyyymmdd, or yyyy0000 when only the year is known, 0 when nothing is: for sorting.
        date_sort=fields.NUMERIC(int, bits=32, sortable=True, default=0),
        year=fields.NUMERIC(int, bits=32, stored=True, sortable=True, default=0),
        period=_facet_keyword(),
        leader=_facet_keyword(),
        topic=_facet_keyword(),
    )
    schema.add(DOCNUM_FIELD, fields.TEXT(analyzer=DocnumTokenizer(), phrase=False))
    for source in TEXT_SOURCES:
        for form in FORMS:
            schema.add(
                text_field(source, form), fields.TEXT(analyzer=_analyzer(form), phrase=False)
            )
    return schema


# --- Index directory layout ------------------------------------------------------------
# An index directory holds generations (gen-000001/, gen-000002/ …), each a complete
# Whoosh index, and a symlink `current` naming the one in service. A rebuild writes a
# new generation and swaps the link atomically; readers resolve the link once per open.
CURRENT_LINK = "current"
VERSION_FILE = "schema-version"


def current_generation(index_dir) -> Path | None:
    """The directory of the generation in service, or None if there is no index yet."""
    link = Path(index_dir) / CURRENT_LINK
    if not link.is_symlink() and not link.is_dir():
        return None
    target = link.resolve()
    return target if target.is_dir() else None


# --- Facet labels -----------------------------------------------------------------------


def facet_label(facet: str, value, lang: str = "vi") -> str:
    """The label shown for a facet value: topic names from the topic lexicon, others as is."""
    if facet == "topic":
        labels = _topic_labels().get(value)
        return labels.get(lang) or labels["vi"] if labels else str(value)
    if facet == "period":
        return str(value).replace("-", "–")
    return str(value)


@functools.cache
def _topic_labels() -> dict[str, dict[str, str]]:
    data = load_yaml((Path(__file__).parent / "data" / "topics.yaml").read_text("utf-8"))
    return {
        topic_id: {"vi": spec["label_vi"], "en": spec["label_en"]}
        for topic_id, spec in data["topics"].items()
    }
