"""What is read of a segment is read once: a commit re-reads only its new segments."""

from whoosh import index as whoosh_index

from indexer.schema import current_generation
from indexer.writer import document_id, index_corpus
from search_app.engine.snapshot import IndexSnapshot
from search_app.engine.vocabulary import Vocabulary


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


def test_postings_after_a_deleted_first_document_are_all_found(tmp_path):
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    for name in ("a", "b", "c", "d"):
        write(corpus, f"{name}.md", f"# Bài {name}\n\nNgười dân góp ý về thủ tục.\n")
    write(corpus, "a.md", "# Bài a\n\nThủ tục riêng.\n")
    index_corpus(corpus, index)
    # Delete document 0 and keep the segment as it is (the indexer's commits may merge).
    ix = whoosh_index.open_dir(str(current_generation(index)))
    writer = ix.writer()
    writer.delete_by_term("id", document_id("a.md"))
    writer.commit(merge=False)
    snapshot = IndexSnapshot(current_generation(index))
    assert snapshot.alive.tolist() == [False, True, True, True]
    ids, _ = snapshot.postings("body_words", "thủ_tục")
    assert sorted(int(n) for n in ids[snapshot.alive[ids]]) == [1, 2, 3]
    ids, _ = snapshot.postings("body_words", "riêng")  # only in the deleted document
    assert ids.tolist() == [0]
    snapshot.close()
