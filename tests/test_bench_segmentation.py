"""The segmentation benchmark: it cuts lines as the segmenter does, finds no difference
between pyvi's path and the fast one on the seed corpus, and would count one if there were."""

import json
from pathlib import Path

from bench.relevance.corpus import open_corpus, read_texts
from bench.segmentation import run
from bench.segmentation.compare import Differences, diff
from bench.segmentation.lines import unit_lines
from indexer import pyvi_features

REPO_CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def test_lines_are_cut_into_the_segmenters_units():
    text = "Cải cách 30c/NQ-CP, đạt 26,93%.\n\nHà Nội\n \n"
    assert list(unit_lines([text, "", "hoá"])) == [
        ["Cải", "cách", "30c/NQ-CP", ",", "đạt", "26,93%", "."],
        ["Hà", "Nội"],
        ["hóa"],  # normalised first
    ]


def test_long_lines_are_cut_into_pieces_as_the_segmenter_cuts_them(monkeypatch):
    monkeypatch.setenv("REFORM_SEARCH_SEGMENT_CHARS", "12")
    assert list(unit_lines(["Một hai ba. Bốn năm sáu"])) == [
        ["Một", "hai", "ba", "."],
        ["Bốn", "năm", "sáu"],
    ]


def seed_lines():
    corpus = open_corpus(REPO_CORPUS, REPO_CORPUS)  # a folder: nothing is unpacked
    texts = [text for _, title, body in read_texts(corpus) for text in (title, body)]
    return list(unit_lines(texts))


def test_the_fast_path_matches_pyvi_on_every_line_of_the_seed_corpus():
    lines = seed_lines()
    assert diff(lines) == Differences(
        lines=len(lines), units=sum(map(len, lines)), differing_labels=0, differing_lines=0
    )


def test_a_fast_path_that_lost_its_neighbours_would_be_counted(monkeypatch):
    lines = seed_lines()[:20]
    own_only = pyvi_features.attributes

    def without_neighbours(texts, bigrams, trigrams):
        return [item[:2] for item in own_only(texts, bigrams, trigrams)]

    monkeypatch.setattr(pyvi_features, "attributes", without_neighbours)
    found = diff(lines)
    assert found.differing_features == found.units == sum(map(len, lines))
    assert found.differing_labels > 0
    assert found.differing_lines > 0


def test_a_run_reports_no_difference_and_both_timings(tmp_path, capsys):
    argv = ["--corpus", str(REPO_CORPUS), "--cache", str(tmp_path)]
    assert run.main([*argv, "--timing-articles", "2", "--repeat", "1", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    lines = seed_lines()
    assert report["articles"] == 5
    assert report["differences"] == {
        "lines": len(lines),
        "units": sum(map(len, lines)),
        "differing_labels": 0,
        "differing_lines": 0,
        "differing_features": 0,
    }
    timing = report["timing"]
    assert (timing["articles"], timing["repeat"]) == (2, 1)
    for name in ("labels", "segment"):
        row = timing[name]
        assert row["pyvi_seconds"] > 0 and row["fast_seconds"] > 0
        assert row["speedup"] == round(row["pyvi_seconds"] / row["fast_seconds"], 2)


def test_the_report_reads_as_a_table():
    report = {
        "articles": 5,
        "differences": {
            "lines": 120,
            "units": 4000,
            "differing_labels": 0,
            "differing_lines": 0,
            "differing_features": 0,
        },
        "timing": {
            "articles": 2,
            "lines": 50,
            "repeat": 3,
            "labels": {"pyvi_seconds": 1.5, "fast_seconds": 0.5, "speedup": 3.0},
            "segment": {"pyvi_seconds": 3.0, "fast_seconds": 2.0, "speedup": 1.5},
        },
    }
    assert run.format_report(report).splitlines() == [
        "Segmentation on 5 articles: 120 lines, 4000 units",
        "units with a different label: 0 (in 0 lines); with different features: 0",
        "speed on 2 articles, median of 3:",
        "             pyvi s   fast s      ×",
        "labels         1.50     0.50   3.00",
        "segment        3.00     2.00   1.50",
        "labels of the fast path: identical to pyvi's",
    ]
