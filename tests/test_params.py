"""Request arguments → SearchRequest, and back."""

import functools

from werkzeug.datastructures import MultiDict

from search_app.engine.service import SearchRequest
from search_app.web.i18n import translate
from search_app.web.params import ParamError, request_args, search_request


def parse(pairs, max_per_page=100):
    return search_request(MultiDict(pairs), "vi", max_per_page)


def test_every_argument_is_read():
    request, errors = parse(
        [
            ("q", " cải cách "),
            ("year", "2019"),
            ("year", "2020"),
            ("year", "2019"),
            ("year_from", "2010"),
            ("year_to", "2020"),
            ("period", "2011-2020"),
            ("leader", "Phạm Minh Chính"),
            ("topic", "procedures"),
            ("topic", ""),
            ("sort", "newest"),
            ("page", "2"),
            ("per_page", "20"),
        ]
    )
    assert errors == []
    assert request == SearchRequest(
        query="cải cách",
        years=(2019, 2020),
        year_from=2010,
        year_to=2020,
        periods=("2011-2020",),
        leaders=("Phạm Minh Chính",),
        topics=("procedures",),
        sort="newest",
        page=2,
        per_page=20,
        lang="vi",
    )


def test_bad_values_are_dropped_and_reported_by_name():
    request, errors = parse(
        [
            ("page", "-1"),
            ("per_page", "10000"),
            ("sort", "bogus"),
            ("year", "abc"),
            ("year", "2019"),
        ]
    )
    assert request == SearchRequest(years=(2019,))
    assert errors == [
        ParamError("year", "abc", "int_range", {"min": 1, "max": 9999}),
        ParamError("sort", "bogus", "choice", {"choices": "relevance, newest, oldest"}),
        ParamError("page", "-1", "int_range", {"min": 1, "max": 1000}),
        ParamError("per_page", "10000", "int_range", {"min": 1, "max": 100}),
    ]


def test_a_reversed_year_range_is_dropped():
    request, errors = parse([("year_from", "2020"), ("year_to", "2010")])
    assert (request.year_from, request.year_to) == (None, None)
    assert [e.reason for e in errors] == ["range_order"]


def test_request_args_round_trip_and_leave_defaults_out():
    request = SearchRequest(query="x", years=(2019, 2020), topics=("procedures",), page=3)
    assert request_args(request, "en") == {
        "q": "x",
        "year": [2019, 2020],
        "topic": ["procedures"],
        "page": 3,
        "lang": "en",
    }
    assert request_args(SearchRequest()) == {}
    args = MultiDict(
        [
            (k, str(v))
            for k, vs in request_args(request).items()
            for v in (vs if isinstance(vs, list) else [vs])
        ]
    )
    assert search_request(args, "vi", 100) == (request, [])


def test_error_messages_name_the_parameter():
    error = ParamError("page", "-1", "int_range", {"min": 1, "max": 1000})
    english = error.message(functools.partial(translate, "en"))
    assert english == "Ignored the parameter “page”: must be a whole number from 1 to 1000."


def test_integers_are_ascii_digits_only():
    for name, value in [
        ("page", "1_0"),
        ("page", "+2"),
        ("page", "١٠"),
        ("per_page", "１０"),
        ("year", "٢٠١٩"),
        ("year_from", "2_019"),
        ("year_to", "²"),
        ("page", "9" * 5000),
    ]:
        request, errors = parse([(name, value)])
        assert request == SearchRequest(), (name, value)
        assert [(e.name, e.reason) for e in errors] == [(name, "int_range")], (name, value)


def test_a_negative_page_is_out_of_range_not_malformed():
    assert parse([("page", "-1")])[1] == [
        ParamError("page", "-1", "int_range", {"min": 1, "max": 1000})
    ]
    assert parse([("page", " 7 ")]) == (SearchRequest(page=7), [])
