"""The metadata benchmark's own logic: its labels file, its scores, and a whole run on texts
written for this test (the real texts stay outside the repository)."""

import hashlib
import json
import textwrap

import pytest

from bench.metadata import run
from bench.metadata.labels import KINDS, LABELS_FILE, Label, load_labels
from bench.metadata.negatives import ordinary_articles, topics_given
from bench.metadata.score import Extracted, score

AREAS = ["procedures", "civil_service"]


def label(doc="news-001", year=None, leaders=(), topics=(), kind="news"):
    evidence = "none" if year is None else "dateline"
    return Label(doc, kind, year, evidence, tuple(leaders), tuple(topics))


def test_the_committed_labels_load_and_cover_every_kind():
    labels = load_labels()
    assert len(labels) >= 150
    for kind in KINDS:
        assert sum(lab.kind == kind for lab in labels) >= 40, kind
    assert any(lab.year is None for lab in labels) and any(lab.year for lab in labels)


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        ("{id: news-001, kind: news, year: 2020, year_evidence: none}", "evidence"),
        ("{id: news-001, kind: news, year: null, year_evidence: header}", "evidence"),
        ("{id: news-1, kind: news, year: null, year_evidence: none}", "page ids"),
        ("{id: vn:x/1, kind: news, year: null, year_evidence: none}", "vietnews ids"),
        ("{id: vn:train/000001, kind: memo, year: null, year_evidence: none}", "kind"),
        (
            "{id: vn:train/000001, kind: news, year: null, year_evidence: none, topics: [x]}",
            "unknown topics",
        ),
        (
            "{id: vn:train/000001, kind: news, year: 2020, year_evidence: dateline, "
            "date: 2019-05-01}",
            "date",
        ),
    ],
)
def test_a_malformed_label_is_refused_with_its_id(tmp_path, entry, problem):
    path = tmp_path / "labels.yaml"
    path.write_text(f"- {entry}\n", encoding="utf-8")
    with pytest.raises(ValueError, match=problem):
        load_labels(path)


def test_year_outcomes():
    labels = [
        label("news-001", 2020),
        label("news-002", 2020),
        label("news-003", 2020),
        label("news-004", None),
        label("news-005", None),
    ]
    extracted = {
        "news-001": Extracted(2020, (), ()),
        "news-002": Extracted(2019, (), ()),
        "news-003": Extracted(None, (), ()),
        "news-004": Extracted(2018, (), ()),
        "news-005": Extracted(None, (), ()),
    }
    year = score(labels, extracted, AREAS)["year"]
    assert (year["stated"], year["right"], year["wrong"], year["missed"]) == (3, 1, 1, 1)
    assert (year["unstated"], year["invented"]) == (2, 1)
    assert year["accuracy"] == pytest.approx(1 / 3)


def test_leaders_compare_by_canonical_spelling():
    labels = [label(leaders=["Trương Hòa Bình", "Lê Văn An"])]
    # Old tone placement and another case are the same person; "Trần Bình" is an extra.
    extracted = {"news-001": Extracted(None, ("TRƯƠNG HOÀ BÌNH", "Trần Bình"), ())}
    leaders = score(labels, extracted, AREAS)["leaders"]
    assert (leaders["tp"], leaders["fp"], leaders["fn"]) == (1, 1, 1)
    assert leaders["precision"] == leaders["recall"] == pytest.approx(0.5)


def test_topics_per_area_and_the_misses_listed():
    labels = [
        label("news-001", topics=["procedures"]),
        label("news-002", topics=["procedures", "civil_service"]),
        label("news-003", topics=[]),
    ]
    extracted = {
        "news-001": Extracted(None, (), ("procedures",)),
        "news-002": Extracted(None, (), ("procedures",)),
        "news-003": Extracted(None, (), ("civil_service",)),
    }
    report = score(labels, extracted, AREAS)
    procedures, civil = report["topics"]["procedures"], report["topics"]["civil_service"]
    assert (procedures["tp"], procedures["fp"], procedures["fn"]) == (2, 0, 0)
    assert (civil["tp"], civil["fp"], civil["fn"]) == (0, 1, 1)
    assert [(m.id, m.what, m.value) for m in report["misses"]] == [
        ("news-002", "topic missed", "civil_service"),
        ("news-003", "topic extra", "civil_service"),
    ]


def test_documents_not_found_are_not_scored():
    report = score([label("news-001", 2020)], {}, AREAS)
    assert report["documents"] == 0 and report["year"]["accuracy"] is None


PAGE = textwrap.dedent(
    """\
    BỘ NỘI VỤ
    Số: 15/BC-BNV
    Hà Nội, ngày 14 tháng 5 năm 2013
    BÁO CÁO
    Kết quả cải cách thủ tục hành chính
    Sáng 10/5, Thứ trưởng Bộ Nội vụ Trần Văn Khải chủ trì hội nghị về cải cách thủ tục
    hành chính, kiểm soát thủ tục hành chính và thực hiện cơ chế một cửa liên thông.
    """
)


def write_labels(path, text_sha, chars, year=2013):
    path.write_text(
        textwrap.dedent(
            f"""\
            - id: legal-001
              kind: legal
              url: https://example.org/bao-cao
              chars: {chars}
              sha256: {text_sha}
              year: {year}
              year_evidence: header
              leaders: [Trần Văn Khải]
              topics: [procedures]
            """
        ),
        encoding="utf-8",
    )


def test_a_whole_run_scores_the_texts_and_lists_each_miss(tmp_path, capsys):
    texts = tmp_path / "cache" / "metadata" / "texts"
    texts.mkdir(parents=True)
    (texts / "legal-001.txt").write_text(PAGE, encoding="utf-8")
    labels = tmp_path / "labels.yaml"
    sha = hashlib.sha256(PAGE.encode()).hexdigest()
    write_labels(labels, sha, len(PAGE), year=2014)  # a wrong label, to see a miss
    args = ["--labels", str(labels), "--cache", str(tmp_path / "cache"), "--per-doc"]
    args += ["--corpus", str(tmp_path / "no-corpus")]
    assert run.main(args) == 0
    out = capsys.readouterr().out
    assert "1 of 1 labelled documents scored" in out
    assert "legal-001" in out and "year" in out and "2013 (extracted) | 2014" in out


def test_a_changed_text_is_reported_not_scored(tmp_path, capsys):
    texts = tmp_path / "cache" / "metadata" / "texts"
    texts.mkdir(parents=True)
    (texts / "legal-001.txt").write_text(PAGE + "Thêm một dòng.\n", encoding="utf-8")
    labels = tmp_path / "labels.yaml"
    write_labels(labels, hashlib.sha256(PAGE.encode()).hexdigest(), len(PAGE))
    args = ["--labels", str(labels), "--cache", str(tmp_path / "cache")]
    assert run.main([*args, "--corpus", str(tmp_path / "no-corpus")]) == 0
    out = capsys.readouterr().out
    assert "0 of 1 labelled documents scored" in out and "1 not scored" in out


def test_the_labels_file_is_the_default():
    assert run._parser().parse_args([]).labels == LABELS_FILE


def test_ordinary_articles_given_a_topic(tmp_path):
    root = tmp_path / "news"
    (root / "train").mkdir(parents=True)
    articles = {
        "train/000001.txt": (
            "Giá vàng tăng mạnh\n\nGiá vàng trong nước tăng theo thế giới.",
            False,
        ),
        "train/000002.txt": (
            "Đẩy mạnh cải cách thủ tục hành chính\n\nTỉnh rút ngắn thời gian giải quyết.",
            False,
        ),
        "train/000003.txt": ("Cải cách hành chính\n\nBài về cải cách.", True),
    }
    lines = []
    for path, (text, reform) in articles.items():
        (root / path).write_text(text, encoding="utf-8")
        lines.append(json.dumps({"file": path, "cchc_keyword": reform}))
    (root / "manifest.jsonl").write_text("\n".join(lines), encoding="utf-8")
    sample = ordinary_articles(root, 10)
    assert sorted(sample) == ["train/000001.txt", "train/000002.txt"]
    assert topics_given(root, sample) == {
        "articles": 2,
        "with_a_topic": 1,
        "per_area": {"procedures": 1},
    }
