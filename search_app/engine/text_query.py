"""A parsed query → the tree of terms that matches and ranks it (``search_app.engine.matching``).

Per query word (see :func:`word_query`): the word with its accents counts most, then
the word without accents, then its syllables side by side (the document may have
segmented it otherwise). Glossary aliases widen a word run; a quoted phrase is its
syllables side by side; neighbouring query words standing together in a document
add a bonus. The same tree tells the highlighter what to mark.
"""

from __future__ import annotations

import itertools
import re

from indexer.analysis import QueryWord, fold, query_words
from indexer.schema import DOCNUM_FIELD, TEXT_SOURCES, facet_label, text_field
from search_app.engine import docnum_query
from search_app.engine.glossary import current_glossary
from search_app.engine.matching import (
    Adjacent,
    AllOf,
    AnyOf,
    FacetIs,
    Nothing,
    Term,
    WithBonus,
    Without,
    YearIn,
    all_of,
    any_of,
    bigrams,
)
from search_app.engine.query import ParsedQuery, Unit, year_range

# Matches in the title count this much more than in the body.
SOURCE_WEIGHTS = {"title": 2.0, "body": 1.0}
EXACT_WEIGHT, FOLDED_WEIGHT, SYLLABLES_WEIGHT = 4.0, 2.0, 1.0  # see word_query
LOOSE_WEIGHT, LOOSE_FROM = 0.5, 3  # a long word's syllables apart: see word_query
PHRASE_WEIGHT = 2.0
PROXIMITY_WEIGHT = 2.0  # bonus per pair of neighbouring query words found side by side
ALIAS_WEIGHT = 0.8  # a glossary alias (TTHC for thủ tục hành chính) counts a bit less
MAX_WORD_SYLLABLES = 4  # the longest word an unaccented run is regrouped into
_PIECES = re.compile(r"[^\W_]+")  # the syllables of an indexed word ("30c/nq-cp": 30c nq cp)


def build_text_query(parsed: ParsedQuery, known_word=None):
    """The tree for the text part, or None when there is nothing to match.

    ``known_word(folded_word)`` tells whether the index holds a word ("cai_cach"): it
    regroups unaccented syllables into words (see :func:`analyse_unit`).
    """
    known_word = known_word or (lambda word: False)
    groups = [any_of(unit_query(unit, known_word) for unit in group) for group in parsed.groups]
    groups = [g for g in groups if g is not None]
    excluded = any_of(unit_query(unit, known_word) for unit in parsed.excluded)
    if not groups:
        return Without(all_of(()), excluded) if excluded is not None else None
    positive = all_of(groups)
    return Without(positive, excluded) if excluded is not None else positive


def analyse_unit(text: str, known_word) -> list[QueryWord]:
    """The query's words: pyvi's segmentation, except for runs typed without accents.

    pyvi cannot segment unaccented text ("cai cach hanh chinh" stays four syllables), so
    such runs are regrouped, longest first, into words the index knows ("cai_cach",
    "hanh_chinh"): each must then stand together, as in the accented query.
    """
    words, run, regrouped = query_words(text), [], []
    if _mixes_accents(words):
        return _regroup_mixed(words, known_word)
    for word in words + [None]:
        plain = word is not None and word.exact == word.folded and len(word.syllables) == 1
        if plain and word.folded.isalpha():
            run.append(word.folded)
            continue
        regrouped.extend(_regroup(run, known_word))
        run = []
        if word is not None:
            regrouped.append(word)
    return regrouped


def _is_plain_syllable(word: QueryWord) -> bool:
    return word.exact == word.folded and len(word.syllables) == 1 and word.folded.isalpha()


def _mixes_accents(words: list[QueryWord]) -> bool:
    """Some syllables typed with accents, others without ("cai cách hành chinh")."""
    return any(map(_is_plain_syllable, words)) and any(w.exact != w.folded for w in words)


def _regroup_mixed(words: list[QueryWord], known_word) -> list[QueryWord]:
    """A run typed with accents on some syllables only, regrouped by its accent-free form
    into words the index knows, as an unaccented run is: pyvi reads such text as broken
    words ("cai cách hành chinh" → "cách_hành"). Each word keeps its syllables as typed, so
    one typed with all its accents still matches as written first (the exact form), one
    typed without any matches every accented form (the folded form)."""
    regrouped, run = [], []  # run: (typed, folded) syllables of letters only
    for word in words + [None]:
        if word is not None and all(s.isalpha() for s in word.folded_syllables):
            run.extend(zip(word.syllables, word.folded_syllables, strict=True))
            continue
        for group in _regroup([folded for _, folded in run], known_word):
            typed = tuple(syllable for syllable, _ in run[: len(group.syllables)])
            run = run[len(group.syllables) :]
            regrouped.append(QueryWord("_".join(typed), group.folded, typed, group.syllables))
        if word is not None:
            regrouped.append(word)
    return regrouped


def _regroup(syllables: list[str], known_word) -> list[QueryWord]:
    words, i = [], 0
    while i < len(syllables):
        for j in range(min(len(syllables), i + MAX_WORD_SYLLABLES), i, -1):
            key = "_".join(syllables[i:j])
            if j == i + 1 or known_word(key):
                pieces = tuple(syllables[i:j])
                words.append(QueryWord(key, key, pieces, pieces))
                i = j
                break
    return words


def words_that_may_stand_alone(parsed: ParsedQuery) -> set[str]:
    """Folded words worth a highlight on their own: see ``drop_stray_syllables``."""
    lone = set()
    for unit in (u for group in parsed.groups for u in group if not u.phrase):
        words = query_words(unit.text)
        acronyms = {fold(w).lower() for w in re.findall(r"\w+", unit.text) if not w.islower()}
        for word in words:
            if len(words) == 1 or word.folded in acronyms or word.folded[0].isdigit():
                lone.add(" ".join(word.folded_syllables))
        for expansion in current_glossary().expansions([w.folded_syllables for w in words]):
            lone.update(fold(alias).lower() for alias in expansion.aliases if " " not in alias)
        for reference in docnum_query.split_references(unit.text)[1]:
            lone.update(docnum_query.standalone_marks(reference))
    return lone


def unit_query(unit: Unit, known_word):
    if unit.phrase:
        words = analyse_unit(unit.text, known_word)
        return phrase_query(words) if words else None
    words, references = unit_words(unit, known_word)
    if not words and not references:
        return None
    required = all_of(
        [query for _, query in word_units(unit, words)]
        + [docnum_query.reference_query(reference) for reference in references]
    )
    bonus = proximity_query(words)
    return required if bonus is None else WithBonus(required, bonus)


def unit_words(unit: Unit, known_word) -> tuple[list[QueryWord], list]:
    """The words of a plain run, and the document numbers in it ("NĐ 60/2021"): those are
    references, required as a whole; the words are what is around them."""
    texts, references = docnum_query.split_references(unit.text)
    return [word for text in texts for word in analyse_unit(text, known_word)], references


def word_units(unit: Unit, words: list[QueryWord]) -> list[tuple[list[QueryWord], object]]:
    """The query words of a plain run (``words``, from :func:`analyse_unit`), each with
    its query: a glossary match is one unit, widened to its aliases; a word typed in
    lower case may be loose (see :func:`word_query`), a capitalised one (a name) not."""
    capitalised = {fold(w).lower() for w in re.findall(r"\w+", unit.text) if w[0].isupper()}
    return _expanded_word_queries(words, capitalised)


def _expanded_word_queries(words: list[QueryWord], capitalised: set[str]) -> list:

    def word_query_of(word: QueryWord):
        return word_query(word, loose=word.folded_syllables[0] not in capitalised)

    def one_by_one(some: list[QueryWord]) -> list:
        return [([word], word_query_of(word)) for word in some]

    expansions = current_glossary().expansions([w.folded_syllables for w in words])
    queries, i = [], 0
    for expansion in expansions:
        queries.extend(one_by_one(words[i : expansion.start]))
        matched = words[expansion.start : expansion.end]
        as_typed = all_of(map(word_query_of, matched))
        aliases = [phrase_query(query_words(alias), ALIAS_WEIGHT) for alias in expansion.aliases]
        queries.append((matched, any_of([as_typed] + aliases)))
        i = expansion.end
    queries.extend(one_by_one(words[i:]))
    return queries


def word_query(word: QueryWord, loose: bool = False):
    """A word as written (if accented), accent-free, or as its syllables side by side.

    The syllables catch a word the document segmented or wrote otherwise. The pieces of
    a date or number may stand anywhere: "1/7/2019" is also written "ngày 1/7 … năm 2019".
    With ``loose``, so may, for less, those of a word of three syllables or more: that is
    mostly pyvi gluing a neighbour to a compound ("chuyên_ngành_hàng" for "chuyên ngành
    hàng hóa"), in the query and in many documents alike. Names must stay together.
    """
    parts = []
    syllables = tuple(word.folded_syllables)
    for source, weight in SOURCE_WEIGHTS.items():
        parts.append(Term(text_field(source, "words"), word.exact, EXACT_WEIGHT * weight))
        parts.append(Term(text_field(source, "words_folded"), word.folded, FOLDED_WEIGHT * weight))
        pieces = tuple(Term(text_field(source, "syllables_folded"), s) for s in syllables)
        if len(syllables) > 1 and any(c.isdigit() for c in word.folded):
            parts.append(AllOf(pieces, SYLLABLES_WEIGHT * weight))
            continue
        parts.append(Adjacent(source, syllables, SYLLABLES_WEIGHT * weight))
        if loose and len(syllables) >= LOOSE_FROM:
            parts.append(AllOf(pieces, LOOSE_WEIGHT * weight))
    return AnyOf(tuple(parts))


def phrase_query(words: list[QueryWord], weight: float = 1.0):
    """The syllables side by side, in this order, accents optional, in the title or body."""
    syllables = tuple(s for w in words for s in w.folded_syllables)
    if not syllables:
        return None
    return any_of(
        Adjacent(source, syllables, weight * PHRASE_WEIGHT * source_weight)
        for source, source_weight in SOURCE_WEIGHTS.items()
    )


def proximity_query(words: list[QueryWord]):
    """A bonus for each pair of neighbouring query words found side by side in the body."""
    junctions = [
        (before.folded_syllables[-1], after.folded_syllables[0])
        for before, after in itertools.pairwise(words)
        if before.folded_syllables and after.folded_syllables
    ]
    field = text_field("body", "bigrams_folded")
    return any_of(Term(field, bigrams(pair)[0], PROXIMITY_WEIGHT) for pair in junctions)


# --- Filters -------------------------------------------------------------------------


def request_filters(request) -> dict[str, object]:
    """One node per filter group of the request (the year filters form one group)."""
    filters = {}
    years = [YearIn(y, y) for y in request.years]
    if request.year_from is not None or request.year_to is not None:
        years.append(YearIn(request.year_from, request.year_to))
    if years:
        filters["year"] = any_of(years)
    for facet, values in (
        ("period", request.periods),
        ("leader", request.leaders),
        ("topic", request.topics),
    ):
        if values:
            filters[facet] = any_of(FacetIs(facet, value) for value in values)
    return filters


def typed_filters(parsed: ParsedQuery, known_values):
    """``leader:phuc year:2015..2020`` typed in the query: one node per field, all required.

    Leader and topic values match the index's values with accents and case optional,
    by whole words (``leader:phuc`` is Nguyễn Xuân Phúc) among ``known_values(facet)``,
    the values the index holds; a value that matches nothing matches no document.
    """
    nodes = []
    for name, values in parsed.filters.items():
        if name == "year":
            nodes.append(any_of(YearIn(*year_range(value)) for value in values))
        elif name == "period":
            nodes.append(any_of(FacetIs("period", v.replace("–", "-")) for v in values))
        else:
            known = known_values(name)
            found = [v for typed in values for v in _matching_values(name, typed, known)]
            nodes.append(any_of(FacetIs(name, value) for value in found) or Nothing())
    return all_of(nodes) if nodes else None


def _matching_values(facet: str, typed: str, known: set[str]) -> list[str]:
    def words(text: str) -> str:
        return " " + " ".join(re.findall(r"\w+", fold(text).lower())) + " "

    wanted = words(typed)
    names = {value: words(value) for value in known}
    if facet == "topic":
        for value in known:
            names[value] += words(facet_label("topic", value, "vi"))
            names[value] += words(facet_label("topic", value, "en"))
    exact = [value for value, name in names.items() if name.strip() == wanted.strip()]
    return exact or sorted(value for value, name in names.items() if wanted in name)


# --- What to highlight ------------------------------------------------------------------


def highlight_sequences(node) -> set[tuple[str, tuple[str, ...]]]:
    """The (source, folded syllables) a hit's highlights are made of: every word, syllable
    and phrase of the query, but not its exclusions nor its proximity bonus."""
    if node is None:
        return set()
    if isinstance(node, Without):
        return highlight_sequences(node.positive)
    if isinstance(node, WithBonus):
        return highlight_sequences(node.required)
    if isinstance(node, Term) and node.field == DOCNUM_FIELD:
        return docnum_query.highlight_sequences(node.text)
    if isinstance(node, Term):
        source = node.field.split("_", 1)[0]
        if source not in TEXT_SOURCES:
            return set()
        return {(source, tuple(_PIECES.findall(fold(node.text))))}
    if isinstance(node, Adjacent):
        return {(node.source, node.syllables)}
    if isinstance(node, AllOf | AnyOf):
        return set().union(*(highlight_sequences(child) for child in node.children))
    return set()
