"""A small world for the tests: the repository's corpus plus a few literal documents."""

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

from indexer.writer import index_corpus
from search_app.engine.service import SearchService

# Property tests (hypothesis, schemathesis): no example database written into the checkout;
# each test bounds its own number of examples. CI draws the same examples on every run, so
# a submission fails for what it changed, not for an example drawn by chance.
settings.register_profile("local", database=None, deadline=None)
settings.register_profile("ci", database=None, deadline=None, derandomize=True)
settings.load_profile("ci" if os.environ.get("CI") == "true" else "local")

REPO = Path(__file__).resolve().parent.parent
REPO_CORPUS = REPO / "corpus"

# Literal documents that pin behaviours the seeds do not show.
EXTRA_DOCUMENTS = {
    "extra/the-che.md": (
        "---\ntitle: Hoàn thiện thể chế\nyear: 2016\n---\n\n"
        "Bộ trưởng nói về hoàn thiện thể chế và thể chế kinh tế thị trường.\n"
    ),
    "extra/the-gioi.md": (
        "---\ntitle: Tin thế giới\nyear: 2017\n---\n\n"
        "Bản tin thế giới: thế chế và thế cục trong tuần, không liên quan.\n"
    ),
    "extra/hostile.md": (
        "---\ntitle: '<script>alert(1)</script> Cải cách'\nyear: 2018\n---\n\n"
        'Đoạn có mã độc <img src=x onerror="alert(1)"> giữa bài về cải cách hành chính.\n'
    ),
    "extra/nghi-quyet.md": (
        "---\ntitle: Chương trình tổng thể\ndate: 2011-11-08\n---\n\n"
        "Nghị quyết 30c/NQ-CP ban hành Chương trình tổng thể, thay Quyết định "
        "136/2001/QĐ-TTg; tỷ lệ đạt 26,93% ở cấp xã.\n"
    ),
    "extra/viet-tat.md": (
        "---\ntitle: Bản tin viết tắt\nyear: 2022\n---\n\n"
        "UBND huyện rà soát TTHC và cập nhật CSDL về đất đai.\n"
    ),
    "extra/khong-dau.txt": (
        "Bao cao cai cach hanh chinh tinh nha\n\n"
        "Van ban go khong dau ve cai cach thu tuc hanh chinh nam 2015.\n"
    ),
}


# Partial matching (search_app.engine.partial): documents holding more or less of one long query,
# "thủ tướng yêu cầu các bộ ngành đẩy mạnh cải cách thủ tục hành chính cắt giảm giấy phép
# con", among documents where "các" and "bộ ngành" are common.
PARTIAL_DOCUMENTS = {
    "full.md": (
        "---\ntitle: Chỉ đạo đầy đủ\nyear: 2020\n---\n\nThủ tướng yêu cầu các bộ ngành"
        " đẩy mạnh cải cách thủ tục hành chính, cắt giảm giấy phép con.\n"
    ),
    "most.md": (
        "---\ntitle: Chỉ đạo cải cách\nyear: 2019\n---\n\nThủ tướng yêu cầu các bộ ngành"
        " đẩy mạnh cải cách thủ tục hành chính trong năm nay.\n"
    ),
    "some.md": (
        "---\ntitle: Họp bộ\nyear: 2018\n---\n\nCác bộ ngành rà soát thủ tục hành chính"
        " và cắt giảm giấy phép con.\n"
    ),
    "few.md": (
        "---\ntitle: Thời tiết\nyear: 2018\n---\n\nCác bộ ngành theo dõi thời tiết,"
        " thủ tướng dự họp.\n"
    ),
    "other-1.md": (
        "---\ntitle: Tin một\nyear: 2017\n---\n\nCác đơn vị của bộ ngành họp về ngân sách.\n"
    ),
    "other-2.md": (
        "---\ntitle: Tin hai\nyear: 2017\n---\n\nCác địa phương báo cáo tình hình kinh tế.\n"
    ),
}


def make_corpus(root: Path) -> Path:
    shutil.copytree(REPO_CORPUS, root, dirs_exist_ok=True)
    for relative, text in EXTRA_DOCUMENTS.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="session")
def built_index(tmp_path_factory):
    """(corpus_dir, index_dir) built once per session; tests must not modify it."""
    corpus = make_corpus(tmp_path_factory.mktemp("corpus"))
    index = tmp_path_factory.mktemp("index")
    index_corpus(corpus, index)
    return corpus, index


@pytest.fixture(scope="session")
def service(built_index):
    service = SearchService(built_index[1])
    yield service
    service.close()


@pytest.fixture
def corpus_copy(tmp_path):
    """A private corpus a test may change."""
    return make_corpus(tmp_path / "corpus")


def index_of(tmp_path_factory, documents: dict[str, str], name: str) -> Path:
    """An index of ``documents`` (file name → text), in folders of its own."""
    corpus = tmp_path_factory.mktemp(f"{name}-corpus")
    for relative, text in documents.items():
        (corpus / relative).write_text(text, encoding="utf-8")
    index = tmp_path_factory.mktemp(f"{name}-index")
    index_corpus(corpus, index)
    return index


@pytest.fixture(scope="session")
def partial_index(tmp_path_factory) -> Path:
    """An index of PARTIAL_DOCUMENTS only; tests must not modify it."""
    return index_of(tmp_path_factory, PARTIAL_DOCUMENTS, "partial")


@pytest.fixture(scope="session")
def partial_service(partial_index):
    service = SearchService(partial_index, cache_size=0)
    yield service
    service.close()


# --- Web app ---------------------------------------------------------------------------


@pytest.fixture(scope="session")
def make_app(built_index):
    """Build a web app over the session index, with settings on top (see create_app)."""
    from search_app import create_app

    def make(**config):
        return create_app({"TESTING": True, "REFORM_SEARCH_INDEX": str(built_index[1])} | config)

    return make


@pytest.fixture(scope="session")
def app(make_app):
    return make_app()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture(scope="session")
def partial_client(partial_index):
    """A web app over the partial-matching index."""
    from search_app import create_app

    app = create_app({"TESTING": True, "REFORM_SEARCH_INDEX": str(partial_index)})
    return app.test_client()
