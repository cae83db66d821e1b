"""What is read of a segment is read once: a commit re-reads only its new segments."""

from indexer.schema import current_generation
from indexer.writer import index_corpus
from search_app.snapshot import IndexSnapshot
from search_app.vocabulary import Vocabulary


def write(corpus, name, text):
    corpus.mkdir(exist_ok=True)
    (corpus / name).write_text(text, "utf-8")


def test_a_commit_keeps_what_was_read_of_unchanged_segments(tmp_path):
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    write(
        corpus, "a.md", "---\ntitle: Cải cách\nyear: 2019\ntopics: [procedures]\n---\n\nThủ tục.\n"
    )
    index_corpus(corpus, index)
    first = IndexSnapshot(current_generation(index))
    assert first.facets["year"].counts(first.alive) == {2019: 1}

    write(corpus, "b.md", "---\ntitle: Công vụ\nyear: 2021\n---\n\nCông chức.\n")
    index_corpus(corpus, index)
    second = first.refreshed()
    assert second is not first
    assert [second.segments[key] for key in first.segments] == list(first.segments.values())
    assert len(second.segments) == 2  # the old segment's data, and the new one's
    assert second.facets["year"].counts(second.alive) == {2019: 1, 2021: 1}
    assert second.facet_docs("topic", "procedures").tolist() == [0]
    assert Vocabulary(second).knows("cong_chuc")
    second.close()


def test_deleted_documents_leave_the_counts_and_the_vocabulary_keeps_spellings(tmp_path):
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    write(corpus, "a.md", "---\ntitle: Một\nyear: 2019\n---\n\nCải cách hành chính.\n")
    write(corpus, "b.md", "---\ntitle: Hai\nyear: 2020\n---\n\nCải cách, cái cách.\n")
    index_corpus(corpus, index)
    (corpus / "b.md").unlink()
    index_corpus(corpus, index)
    snapshot = IndexSnapshot(current_generation(index))
    assert snapshot.facets["year"].counts(snapshot.alive) == {2019: 1}
    assert snapshot.known_values("year") == {2019}
    vocabulary = Vocabulary(snapshot)
    assert vocabulary.spelling("cai_cach") == "cải cách"
    speller = vocabulary.speller()
    assert speller.neighbours("cahc") == ["cach"]  # a swap of neighbouring letters
    assert speller.neighbours("hanhh") == ["hanh"]  # one letter too many
    snapshot.close()
