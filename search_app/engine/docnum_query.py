"""Document numbers typed in a query → a query on the references the index holds.

``Nghị định số 60/2021/NĐ-CP``, ``NĐ 60/2021``, ``60/2021/NĐ-CP``, ``nghi dinh 60``: the
query is read with the rules the documents were (``indexer.docnums``), and the document
must cite the reference: its kind and number, and the year and issuer typed, or a
citation that leaves them out ("Nghị định 60" agrees with 60/2021/NĐ-CP; 60/2020/NĐ-CP
does not). A citation giving every typed part ranks first; each part it leaves out
halves its weight.
"""

from __future__ import annotations

from indexer.analysis import normalize
from indexer.docnums import FIELD, UNKNOWN, Reference, find_references, kind_spellings
from indexer.schema import TEXT_SOURCES
from search_app.engine.matching import Term, any_of

REFERENCE_WEIGHT = 8.0  # a whole reference counts as much as a word in the title


def split_references(text: str) -> tuple[list[str], list[Reference]]:
    """The query's references, and the pieces of text around them (to read as words)."""
    references = find_references(text, query=True)
    written = normalize(text)  # the references' offsets point into it
    pieces, cursor = [], 0
    for reference in references:
        pieces.append(written[cursor : reference.start])
        cursor = reference.end
    pieces.append(written[cursor:])
    return [piece for piece in pieces if piece.strip()], references


def reference_query(reference: Reference):
    """Any citation agreeing with ``reference``, the closest first (see the module)."""
    base = f"{reference.kind}:{reference.number}"
    years = [str(reference.year), UNKNOWN] if reference.year else [None]
    issuers = [reference.issuer, UNKNOWN] if reference.issuer else [None]
    terms = []
    for year in years:
        for issuer in issuers:
            text = base + (f"/{year}" if year else "") + (f"@{issuer}" if issuer else "")
            left_out = (year == UNKNOWN) + (issuer == UNKNOWN)
            terms.append(Term(FIELD, text, REFERENCE_WEIGHT * 0.5**left_out))
    return any_of(terms)


def highlight_sequences(term: str) -> set[tuple[str, tuple[str, ...]]]:
    """The (source, folded syllables) that mark a reference term where the text cites it.

    The number with the year and code the term gives ("60/2021/NĐ-CP", "14-KL/TW"); a
    term of the kind and number alone, with the kind's name before the number ("Nghị
    định số 60"), for the number alone would mark every 60 of the text. A term for a
    citation leaving the parts out ("nd:60/-@-") marks nothing: its kind's name would
    join the full citation's mark where the text gives both ("Nghị quyết 30c/NQ-CP").
    """
    kind, rest = term.split(":", 1)
    rest, at, issuer = rest.partition("@")
    number, slash, year = rest.partition("/")
    if not at and not slash:
        names = [name.split() for name in kind_spellings(kind)]
        sequences = {(*name, *so, number) for name in names for so in ((), ("so",))}
    else:
        dated = (number, year) if year and year != UNKNOWN else (number,)
        sequences = {dated} if len(dated) == 2 else set()
        if issuer and issuer != UNKNOWN:
            pieces = tuple(issuer.split("-"))
            sequences |= {(*dated, kind, *pieces), (*dated, *pieces)}
    return {(source, sequence) for source in TEXT_SOURCES for sequence in sequences}


def standalone_marks(reference: Reference) -> set[str]:
    """How the reference may be written as one mark with no space (folded, lowercase):
    such a mark is kept among the words of a longer query (see ``drop_stray_syllables``)."""
    number, year, kind, issuer = reference.number, reference.year, reference.kind, reference.issuer
    dated = f"{number}/{year}" if year else number
    marks = {dated}
    if issuer:
        marks |= {f"{dated}/{kind}-{issuer}", f"{dated}/{issuer}", f"{number}-{kind}/{issuer}"}
    return marks
