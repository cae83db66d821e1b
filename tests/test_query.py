from search_app.engine.query import ParsedQuery, Unit, parse_query


def test_plain_words_are_one_required_run():
    assert parse_query("cải cách hành chính") == ParsedQuery(groups=[[Unit("cải cách hành chính")]])


def test_phrases_exclusions_and_or():
    assert parse_query('"chính phủ số" -covid -"kinh tế" TTHC OR "thủ tục"') == ParsedQuery(
        groups=[[Unit("chính phủ số", phrase=True)], [Unit("TTHC"), Unit("thủ tục", phrase=True)]],
        excluded=[Unit("covid"), Unit("kinh tế", phrase=True)],
    )


def test_unbalanced_quote_is_repaired_with_a_notice():
    assert parse_query('"cải cách hành') == ParsedQuery(
        groups=[[Unit("cải cách hành", phrase=True)]], notices=["unbalanced_quote"]
    )


def test_stray_operators_are_dropped_with_a_notice():
    assert parse_query("OR cải cách OR") == ParsedQuery(
        groups=[[Unit("cải cách")]], notices=["stray_operator"]
    )
    assert parse_query('- "" --- ()') == ParsedQuery()


def test_empty_query_is_empty():
    assert parse_query("   ").is_empty
    assert parse_query(None).is_empty


def test_field_filters_are_parsed_out_of_the_text():
    assert parse_query('cải cách leader:"Phạm Minh Chính" year:2015..2020 Topic:procedures') == (
        ParsedQuery(
            groups=[[Unit("cải cách")]],
            filters={
                "leader": ["Phạm Minh Chính"],
                "year": ["2015..2020"],
                "topic": ["procedures"],
            },
        )
    )


def test_a_malformed_year_filter_is_dropped_with_a_notice():
    assert parse_query("year:abc year:2020..2015 cải cách") == ParsedQuery(
        groups=[[Unit("cải cách")]], notices=["bad_field_filter", "bad_field_filter"]
    )


def test_a_colon_in_ordinary_text_is_not_a_filter():
    assert parse_query("lúc 18:13 chiều") == ParsedQuery(groups=[[Unit("lúc 18:13 chiều")]])


def test_year_ranges():
    from search_app.engine.query import year_range

    assert [year_range(v) for v in ("2019", "2015..2020", "2015..", "..2020", "..", "x")] == [
        (2019, 2019),
        (2015, 2020),
        (2015, None),
        (None, 2020),
        None,
        None,
    ]
    # Digits of other scripts are not years (int() would take them).
    assert [year_range(v) for v in ("٢٠١٩", "２０１９", "2015..٢٠٢٠")] == [None, None, None]
