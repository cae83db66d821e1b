"""Absolute URLs: under REFORM_SEARCH_PUBLIC_URL when set, whatever Host the client sends."""

import pytest

from reform_search.settings import SettingError
from search_app.web.public_url import checked_public_url

PUBLIC = "https://search.example.gov.vn/cchc"
FORGED_HOST = {"Host": "evil.example"}


def first_id(service) -> str:
    return service.documents()[0]["id"]


def test_the_api_document_url_is_under_the_public_url(make_app, service):
    client = make_app(REFORM_SEARCH_PUBLIC_URL=PUBLIC).test_client()
    doc_id = first_id(service)
    data = client.get(f"/api/doc/{doc_id}", headers=FORGED_HOST).get_json()
    assert data["url"] == f"{PUBLIC}/doc/{doc_id}"


def test_the_opensearch_description_is_under_the_public_url(make_app):
    client = make_app(REFORM_SEARCH_PUBLIC_URL=PUBLIC + "/").test_client()
    xml = client.get("/opensearch.xml", headers=FORGED_HOST).get_data(as_text=True)
    assert "evil.example" not in xml
    templates = [
        line.split('template="')[1].split('"')[0]
        for line in xml.splitlines()
        if "template=" in line
    ]
    assert templates == [
        f"{PUBLIC}/search?q={{searchTerms}}",
        f"{PUBLIC}/api/search?q={{searchTerms}}",
        f"{PUBLIC}/opensearch.xml",
    ]


def test_the_public_url_replaces_a_prefix_from_the_proxy(make_app, service):
    client = make_app(REFORM_SEARCH_PUBLIC_URL="http://intranet.example:8080").test_client()
    doc_id = first_id(service)
    data = client.get(
        f"/api/doc/{doc_id}", base_url="https://proxy.internal/app", headers=FORGED_HOST
    ).get_json()
    assert data["url"] == f"http://intranet.example:8080/doc/{doc_id}"


def test_without_a_public_url_links_follow_the_request(client, service):
    doc_id = first_id(service)
    data = client.get(f"/api/doc/{doc_id}", base_url="https://search.example/cchc").get_json()
    assert data["url"] == f"https://search.example/cchc/doc/{doc_id}"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("", ""),
        ("https://search.example.gov.vn", "https://search.example.gov.vn"),
        ("https://search.example.gov.vn/", "https://search.example.gov.vn"),
        ("http://10.0.0.5:8080/c%C3%A1ch/", "http://10.0.0.5:8080/c%C3%A1ch"),
    ],
)
def test_a_public_url_is_kept_without_its_trailing_slash(value, expected):
    assert checked_public_url(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "search.example.gov.vn",
        "ftp://search.example.gov.vn",
        "https://",
        "https:///cchc",
        "https://search.example.gov.vn/?q=1",
        "https://search.example.gov.vn/#top",
        "https://user:secret@search.example.gov.vn",
        "https://search.example.gov.vn:99999",
        "https://search.example.gov.vn/cải cách",
        "https://search.example.gov.vn/a b",
    ],
)
def test_a_bad_public_url_stops_the_app_at_start(make_app, value):
    with pytest.raises(SettingError, match="REFORM_SEARCH_PUBLIC_URL must be") as error:
        make_app(REFORM_SEARCH_PUBLIC_URL=value)
    assert repr(value) in str(error.value)
